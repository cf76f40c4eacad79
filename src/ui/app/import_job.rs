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
        let (today, lang) = (self.env.today, self.env.lang);
        let handle = std::thread::spawn(move || -> Result<String, String> {
            run_import(&mut *store, &req, dry_run, today, report, lang)
        });
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
        let stopped = || Err(crate::i18n::problems::P::ImportStopped.get(self.env.lang).to_string());
        let result = handle.join().unwrap_or_else(|_| stopped());
        use crate::ui::screens::import::Stage;
        let stage = match (&result, dry_run) {
            (Ok(text), false) => Stage::Done(text.clone()),
            (other, _) => Stage::Preview(other.clone()),
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

/// Run an import (or its dry run) and word the outcome: the summary, or every problem.
fn run_import(
    store: &mut dyn Book,
    req: &crate::ui::effect::ImportRequest,
    dry_run: bool,
    today: chrono::NaiveDate,
    report: std::sync::Arc<crate::app::import::Progress>,
    lang: crate::i18n::Lang,
) -> Result<String, String> {
    use crate::app::import::{ImportOptions, Imported, import_contacts, import_customers};
    use crate::i18n::app_texts::{app_error, describe_summary as describe};
    use crate::i18n::import_problems::{Audience, Voice};
    use crate::ui::screens::import::ImportKind;
    let opts = ImportOptions {
        dry_run,
        on_duplicate: req.on_duplicate,
        encoding: None,
        progress: false,
        report: Some(report),
        voice: Voice { lang, audience: Audience::App },
    };
    let mut warnings = Vec::new();
    let mut warn = |w: &str| warnings.push(w.to_string());
    let (what, result) = match req.kind {
        ImportKind::Customers => (Imported::Customers, import_customers(store, &req.path, &opts, today, &mut warn)),
        ImportKind::Contacts => (Imported::Contacts, import_contacts(store, &req.path, &opts, today, &mut warn)),
    };
    match result {
        Ok(summary) => {
            let mut text = describe(&req.path, what, &summary, lang);
            for w in warnings {
                text.push_str(&format!("\n{w}"));
            }
            Ok(text)
        }
        Err(e) => Err(app_error(&e, lang)),
    }
}
