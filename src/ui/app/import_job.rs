//! An import (or its dry run) in the background: it runs on its own connection to the book,
//! so the screen can show how far it is; `tick` picks up the result.

use super::App;
use super::fresh::{Changed, Reach};
use crate::store::prelude::*;
use crate::ui::screens::Screen;

impl App {
    /// Start an import (or its dry run) on a thread with its own connection to the book.
    pub(super) fn start_import(&mut self, req: crate::ui::effect::ImportRequest, dry_run: bool) {
        // Its own connection, in this session: `u` can take the import back.
        let mut store = match self.store.open_another() {
            Ok(store) => store,
            Err(e) => {
                let text = self.failure_text(&e.into());
                return self.warn(text);
            }
        };
        let progress = std::sync::Arc::new(crate::app::import::Progress::default());
        let report = progress.clone();
        let (today, lang, temperaments) = (self.env.today, self.env.lang, self.env.temperaments.clone());
        let handle =
            std::thread::spawn(move || run_import(&mut *store, &req, (dry_run, today), (report, temperaments), lang));
        if let Screen::Import(s) = &mut self.screen {
            s.stage = crate::ui::screens::import::Stage::Running { done: 0, total: 0 };
        }
        self.import_job = Some((handle, progress, dry_run));
    }

    /// While an import runs: show its progress; when it ends, its outcome.
    pub fn tick(&mut self) {
        self.watch_book();
        let Some((handle, progress, dry_run)) = self.import_job.take() else { return };
        if !handle.is_finished() {
            let (_, done, total) = progress.get();
            if let Screen::Import(s) = &mut self.screen {
                s.stage = crate::ui::screens::import::Stage::Running { done, total };
            }
            self.import_job = Some((handle, progress, dry_run));
            return;
        }
        let lang = self.env.lang;
        let result = match handle.join() {
            Ok(Ok(done)) => Ok(done.words(lang)),
            Ok(Err(e)) => Err(crate::i18n::app_texts::app_error(&e, lang)),
            // The import's thread stopped without an answer: nothing was committed.
            Err(_) => Err(crate::i18n::problems::P::ImportStopped.get(lang).to_string()),
        };
        use crate::ui::screens::import::{Preview, Stage};
        let stage = match (&result, dry_run) {
            (Ok(text), false) => Stage::Done(text.clone()),
            (Ok(text), true) => Stage::Preview(Preview::Ready(text.clone())),
            (Err(problems), _) => Stage::Preview(Preview::Refused(problems.clone())),
        };
        if !dry_run && result.is_ok() {
            if let Err(e) = self.mark_stale(Changed::EVERYTHING, Reach::Book) {
                let text = self.failure_text(&e);
                self.warn(text);
            }
            if let Ok(text) = &result {
                self.notify(text.lines().next().unwrap_or_default().to_string());
            }
        }
        if let Screen::Import(s) = &mut self.screen {
            s.stage = stage;
        }
    }

    /// Whether background work is running (the run loop then redraws more often).
    pub fn busy(&self) -> bool {
        self.import_job.is_some()
    }
}

/// What an import (or its dry run) did, to be worded on the app's side.
pub(super) struct ImportDone {
    path: std::path::PathBuf,
    what: crate::app::import::Imported,
    summary: crate::app::import::ImportSummary,
    /// Already in the interface language (unknown columns and the like).
    warnings: Vec<String>,
}

impl ImportDone {
    /// The summary line, then each warning on a line of its own.
    fn words(&self, lang: crate::i18n::Lang) -> String {
        let mut text = crate::i18n::app_texts::describe_summary(&self.path, self.what, &self.summary, lang);
        for w in &self.warnings {
            text.push('\n');
            text.push_str(w);
        }
        text
    }
}

/// Run an import (or its dry run): what it did, or why it did nothing.
fn run_import(
    store: &mut dyn Book,
    req: &crate::ui::effect::ImportRequest,
    (dry_run, today): (bool, chrono::NaiveDate),
    (report, temperaments): (std::sync::Arc<crate::app::import::Progress>, crate::domain::temperament::Temperaments),
    lang: crate::i18n::Lang,
) -> Result<ImportDone, crate::app::AppError> {
    use crate::app::import::{ImportOptions, Imported, import_contacts, import_customers};
    use crate::i18n::import_problems::{Audience, Voice};
    use crate::ui::screens::import::ImportKind;
    let opts = ImportOptions {
        dry_run,
        on_duplicate: req.on_duplicate,
        encoding: None,
        progress: false,
        report: Some(report),
        voice: Voice { lang, audience: Audience::App },
        temperaments: Some(temperaments),
        // A workbook's first sheet.
        sheet: None,
    };
    let mut warnings = Vec::new();
    let mut warn = |w: &str| warnings.push(w.to_string());
    let (what, result) = match req.kind {
        ImportKind::Customers => (Imported::Customers, import_customers(store, &req.path, &opts, today, &mut warn)),
        ImportKind::Contacts => (Imported::Contacts, import_contacts(store, &req.path, &opts, today, &mut warn)),
    };
    let summary = result?;
    Ok(ImportDone { path: req.path.clone(), what, summary, warnings })
}
