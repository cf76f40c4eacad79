//! Notes search: finding a text in what was written about customers (a contact's summary
//! and outcome, a follow-up's promise). What counts as a match, the snippet shown around
//! it, and the order of hits are decided here, once, so that every engine answers alike:
//! an engine's SQL only narrows the candidates, and `find` has the last word.

use chrono::NaiveDate;

use crate::customer::CustomerId;
use crate::due::CustomerRef;
use crate::history::{ContactId, FollowUpId};

/// Fewer characters than this cannot use a trigram index (SQLite's FTS5 trigram tokenizer,
/// PostgreSQL's pg_trgm): such a pattern is looked for row by row instead.
pub const INDEXED_MIN_CHARS: usize = 3;

/// Where a hit was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteSource {
    /// A contact's summary.
    Summary(ContactId),
    /// A contact's outcome.
    Outcome(ContactId),
    /// A follow-up's promise.
    FollowUp(FollowUpId),
}

/// One note that contains the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteHit {
    pub customer: CustomerRef,
    /// The day the contact happened, or the follow-up's due date.
    pub on: NaiveDate,
    pub source: NoteSource,
    /// The whole text of the field that matched.
    pub text: String,
}

impl NoteHit {
    pub fn customer_id(&self) -> CustomerId {
        self.customer.id
    }

    /// The order of hits: newest first; on one day contacts before follow-ups, then the
    /// later-written row first.
    fn order_key(&self) -> (NaiveDate, u8, i64) {
        match self.source {
            NoteSource::Summary(id) | NoteSource::Outcome(id) => (self.on, 1, id.0),
            NoteSource::FollowUp(id) => (self.on, 0, id.0),
        }
    }
}

/// Put the hits of both sources in their order (newest first) and keep at most `limit`.
pub fn newest_first(mut hits: Vec<NoteHit>, limit: usize) -> Vec<NoteHit> {
    hits.sort_by_key(|h| std::cmp::Reverse(h.order_key()));
    hits.truncate(limit);
    hits
}

/// Where `pattern` first occurs in `text` (byte range): letters A to Z in either case, every
/// other character as it is (so `%` and `_` are themselves). None for an empty pattern.
pub fn find(text: &str, pattern: &str) -> Option<(usize, usize)> {
    if pattern.is_empty() {
        return None;
    }
    // ASCII lowercasing keeps every byte offset, so offsets in the copy are offsets in `text`.
    let hay = text.to_ascii_lowercase();
    let needle = pattern.to_ascii_lowercase();
    hay.find(&needle).map(|at| (at, at + needle.len()))
}

/// The hit for a contact's row: its summary when the pattern is there, else its outcome.
pub fn contact_hit(
    customer: CustomerRef,
    on: NaiveDate,
    id: ContactId,
    summary: String,
    outcome: String,
    pattern: &str,
) -> Option<NoteHit> {
    if find(&summary, pattern).is_some() {
        return Some(NoteHit { customer, on, source: NoteSource::Summary(id), text: summary });
    }
    find(&outcome, pattern).map(|_| NoteHit { customer, on, source: NoteSource::Outcome(id), text: outcome })
}

/// The hit for a follow-up's row, when its promise holds the pattern.
pub fn follow_up_hit(
    customer: CustomerRef,
    on: NaiveDate,
    id: FollowUpId,
    what: String,
    pattern: &str,
) -> Option<NoteHit> {
    find(&what, pattern).map(|_| NoteHit { customer, on, source: NoteSource::FollowUp(id), text: what })
}

/// A snippet: the match with some context either side, cut on character boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Text before the match, starting with "…" when the note goes on before it.
    pub before: String,
    pub matched: String,
    /// Text after the match, ending with "…" when the note goes on after it.
    pub after: String,
}

impl Snippet {
    /// The snippet as one line.
    pub fn line(&self) -> String {
        format!("{}{}{}", self.before, self.matched, self.after)
    }
}

/// The snippet of `text` around the first match of `pattern`, with at most `context`
/// characters either side; line breaks become spaces. The whole text (cut to
/// `2 * context` characters) when the pattern is not in it.
pub fn snippet(text: &str, pattern: &str, context: usize) -> Snippet {
    let flat = |s: &str| s.replace(['\n', '\r', '\t'], " ");
    let Some((start, end)) = find(text, pattern) else {
        let all: String = text.chars().take(2 * context).collect();
        let more = if text.chars().count() > 2 * context { "…" } else { "" };
        return Snippet { before: String::new(), matched: String::new(), after: flat(&all) + more };
    };
    let head: Vec<char> = text[..start].chars().collect();
    let tail: Vec<char> = text[end..].chars().collect();
    let before: String = head[head.len().saturating_sub(context)..].iter().collect();
    let after: String = tail[..tail.len().min(context)].iter().collect();
    Snippet {
        before: if head.len() > context { format!("…{}", flat(&before)) } else { flat(&before) },
        matched: flat(&text[start..end]),
        after: if tail.len() > context { format!("{}…", flat(&after)) } else { flat(&after) },
    }
}

/// `pattern` for SQL's `LIKE ... ESCAPE '\'`, matching it anywhere: `%`, `_` and `\` in
/// it are taken literally.
pub fn like_anywhere(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 2);
    out.push('%');
    for c in pattern.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// Whether a trigram index can answer `pattern` (three characters or more).
pub fn indexable(pattern: &str) -> bool {
    pattern.chars().count() >= INDEXED_MIN_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(id: i64) -> CustomerRef {
        CustomerRef {
            id: CustomerId(id),
            ext_ref: None,
            name: format!("c{id}"),
            company: String::new(),
            tier: "A".into(),
            last_contact: None,
            region: String::new(),
        }
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    #[test]
    fn finds_ascii_in_either_case_and_everything_else_as_it_is() {
        for (text, pattern, found) in [
            ("Asked about the Bond Fund", "bond fund", Some((16, 25))),
            ("问了债券基金的收益", "债券基金", Some((6, 18))),
            ("问了债券基金的收益", "基金", Some((12, 18))),
            ("rate 5% up", "5%", Some((5, 7))),
            ("rate 5 up", "5%", None),
            ("a_b", "_", Some((1, 2))),
            ("axb", "a_b", None),
            ("anything", "", None),
        ] {
            assert_eq!(find(text, pattern), found, "{pattern} in {text}");
        }
    }

    #[test]
    fn a_snippet_keeps_context_either_side_and_marks_what_was_cut() {
        let s = snippet("客户上次来电问了债券基金的收益和风险，下周再谈", "债券基金", 4);
        assert_eq!(s.before, "…来电问了");
        assert_eq!(s.matched, "债券基金");
        assert_eq!(s.after, "的收益和…");
        let s = snippet("Bond fund\nnext week", "FUND", 40);
        assert_eq!(s.line(), "Bond fund next week");
        assert_eq!(s.matched, "fund");
        assert_eq!(snippet("no match here", "xyz", 3).line(), "no mat…");
    }

    #[test]
    fn like_patterns_take_metacharacters_literally() {
        assert_eq!(like_anywhere("5%_a\\b"), "%5\\%\\_a\\\\b%");
        assert!(indexable("债券基") && !indexable("基金") && indexable("abc") && !indexable("ab"));
    }

    #[test]
    fn hits_come_newest_first_then_contacts_then_the_later_row() {
        let c = |id, d| contact_hit(customer(1), day(d), ContactId(id), "fund".into(), String::new(), "fund");
        let f = |id, d| follow_up_hit(customer(1), day(d), FollowUpId(id), "fund".into(), "fund");
        let hits: Vec<NoteHit> = [c(1, 3), f(1, 5), c(2, 5), c(3, 4), f(2, 1)].into_iter().flatten().collect();
        let order: Vec<NoteSource> = newest_first(hits, 4).into_iter().map(|h| h.source).collect();
        assert_eq!(
            order,
            [
                NoteSource::Summary(ContactId(2)),
                NoteSource::FollowUp(FollowUpId(1)),
                NoteSource::Summary(ContactId(3)),
                NoteSource::Summary(ContactId(1)),
            ]
        );
    }

    #[test]
    fn a_contact_hit_names_the_field_that_matched() {
        let hit = contact_hit(customer(1), day(1), ContactId(7), "call".into(), "wants the bond fund".into(), "BOND");
        assert_eq!(hit.map(|h| h.source), Some(NoteSource::Outcome(ContactId(7))));
        assert!(contact_hit(customer(1), day(1), ContactId(7), "a".into(), "b".into(), "c").is_none());
    }
}
