//! The application layer's typed results and failures in words, in the interface language:
//! what opening a book changed, an import's summary, a use case's failure. Both faces show
//! these, so the command line and the app say the same.

use std::path::Path;

use super::cli_texts::C;
use super::problems::P;
use super::{Lang, T, fill};
use crate::app::AppError;
use crate::app::import::{ImportSummary, Imported};

/// What opening a book changed, for its user.
pub fn notice_text(notice: &crate::store::OpenNotice, lang: Lang) -> String {
    match notice {
        crate::store::OpenNotice::MadePrivate { path, was } => {
            fill(T::BookMadePrivate.get(lang), &[&path.display(), &format!("{was:04o}")])
        }
    }
}

/// Whose list it is, for the lists' titles: "我的" / "Mine", "全部" / "Everyone", or names.
pub fn whose_text(whose: &crate::app::scope::Whose, lang: Lang) -> String {
    use crate::app::scope::Whose;
    match whose {
        Whose::Mine => T::WhoseMine.get(lang).to_string(),
        Whose::Everyone => T::WhoseEveryone.get(lang).to_string(),
        Whose::Of(names) => names.join(P::ListSep.get(lang)),
    }
}

/// What an import did (or would do), in a line.
pub fn describe_summary(file: &Path, what: Imported, s: &ImportSummary, lang: Lang) -> String {
    let count = |p: P, n: u64| fill(p.get(lang), &[&n]);
    let mut parts = vec![count(P::SumAdded, s.added)];
    let what = match what {
        Imported::Customers => {
            parts.push(count(P::SumUpdated, s.updated));
            parts.push(count(P::SumSkipped, s.skipped));
            if s.merged > 0 {
                parts.push(count(P::SumMerged, s.merged));
            }
            P::WhatCustomers
        }
        Imported::Contacts => {
            parts.push(count(P::SumFollowUps, s.follow_ups));
            if s.skipped > 0 {
                parts.push(fill(super::move_texts::M::SumAlreadyThere.get(lang), &[&s.skipped]));
            }
            P::WhatContacts
        }
        Imported::FollowUps => {
            parts.push(count(P::SumSkipped, s.skipped));
            P::WhatFollowUps
        }
    };
    let head = if s.dry_run { P::DryRun } else { P::Imported };
    let parts = parts.join(P::ListSep.get(lang));
    let mut out = fill(head.get(lang), &[&file.display(), &s.encoding, &s.rows, &what.get(lang), &parts]);
    // A preview says how the file was read, with the first names as decoded: a wrong
    // encoding or separator shows before anything is written.
    if s.dry_run {
        out.push('\n');
        out.push_str(&super::shape_texts::read_as(s.encoding, s.delimiter, &s.sample, lang));
    }
    out
}

/// A use case's failure, for the person at the terminal.
pub fn app_error(e: &AppError, lang: Lang) -> String {
    match e {
        AppError::BadInput(m) | AppError::Failed(m) => m.clone(),
        AppError::Store(e) => super::problems::store_error(e, lang),
        AppError::NoScheme => C::NoScheme.get(lang).to_string(),
        AppError::NotADate { flag, text } => fill(C::NotADate.get(lang), &[flag, text]),
        AppError::NoCustomer(key) => fill(C::NoCustomer.get(lang), &[key]),
        AppError::ManyCustomers { key, found } => {
            let names: Vec<String> = found.iter().map(customer_label).collect();
            fill(C::ManyCustomers.get(lang), &[key, &found.len(), &names.join(", ")])
        }
        AppError::CustomerGone(id) => fill(C::CustomerGone.get(lang), &[id]),
        AppError::Suitability(r) => super::suit_texts::refusal(r, lang),
    }
}

/// `#3 王芳 [K-003] (华信, A)`: id, name, ref if any, company if any, tier.
pub fn customer_label(c: &crate::domain::customer::Customer) -> String {
    let f = &c.fields;
    let mut s = format!("#{} {}", c.id.0, f.name);
    if let Some(r) = f.ext_ref.as_deref().filter(|r| !r.is_empty()) {
        s.push_str(&format!(" [{r}]"));
    }
    if f.company.trim().is_empty() {
        s.push_str(&format!(" ({})", f.tier));
    } else {
        s.push_str(&format!(" ({}, {})", f.company, f.tier));
    }
    s
}

/// What the person reviewing should know about the model: the weights note in their language
/// (the one every draft model has), then the loader's other notes as it words them.
pub fn review_notes(run: &crate::app::review::ReviewRun, l: Lang) -> Vec<String> {
    use crate::domain::grading::Method;
    let mut notes = Vec::new();
    if let Method::Score(s) = &run.model.method
        && (s.weight_sum - 100.0).abs() > 1e-9
    {
        let sum = crate::domain::grading::format_number(s.weight_sum);
        notes.push(match s.scale_to {
            Some(to) => fill(T::ReviewWeightsScaled.get(l), &[&sum, &crate::domain::grading::format_number(to)]),
            None => fill(T::ReviewWeightsUnscaled.get(l), &[&sum, &sum]),
        });
    }
    notes.extend(run.model.warnings.iter().filter(|w| !w.starts_with("weights sum to")).cloned());
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_import_summary_reads_in_both_languages() {
        let s = ImportSummary { encoding: "UTF-8", rows: 3, added: 2, skipped: 1, ..Default::default() };
        let en = describe_summary(Path::new("a.csv"), Imported::Customers, &s, Lang::En);
        assert_eq!(en, "imported: a.csv (UTF-8, 3 rows): customers 2 added, 0 updated, 1 skipped");
        let zh = describe_summary(Path::new("a.csv"), Imported::Customers, &s, Lang::Zh);
        assert!(zh.starts_with("已导入：a.csv") && zh.contains("新增 2") && !zh.contains("added"), "{zh}");
    }

    #[test]
    fn a_preview_says_how_the_file_was_read_and_shows_the_first_names() {
        use crate::domain::import::sniff::Delimiter;
        let sample = vec!["卢伟".to_string(), "鲁迅".to_string()];
        let s = ImportSummary {
            encoding: "GB18030",
            delimiter: Some(Delimiter::Semicolon),
            sample,
            rows: 2,
            added: 2,
            dry_run: true,
            ..Default::default()
        };
        let en = describe_summary(Path::new("a.csv"), Imported::Customers, &s, Lang::En);
        assert!(en.ends_with("\nread as GB18030, separated by semicolons; first names: 卢伟, 鲁迅"), "{en}");
        let zh = describe_summary(Path::new("a.csv"), Imported::Customers, &s, Lang::Zh);
        assert!(zh.ends_with("\n按 GB18030 读取，分号分隔；前几个名称：卢伟、鲁迅"), "{zh}");
    }

    #[test]
    fn app_errors_read_as_the_command_line_s_refusals() {
        let e = AppError::NotADate { flag: "--today / TIERDESK_TODAY", text: "x".into() };
        assert_eq!(app_error(&e, Lang::En), "--today / TIERDESK_TODAY: \"x\" is not a real date (YYYY-MM-DD)");
        assert_eq!(app_error(&AppError::NoScheme, Lang::Zh), C::NoScheme.get(Lang::Zh));
    }
}
