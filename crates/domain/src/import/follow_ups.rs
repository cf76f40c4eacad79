//! Importing follow-ups (with or without the contact that promised them): each row names
//! its customer (a ref, a uuid or an exact name), what was promised, when it is due, and
//! when it was done if it was; a `uuid` column keeps the follow-up's identity, so a file
//! imported twice adds nothing the second time. Rows come from the same `Table`/`Row` the
//! customers and contacts imports read (a CSV today, any sheet that yields rows later).

use chrono::{NaiveDate, NaiveDateTime};

use super::table::{CheckedRows, Column, FileProblem, Row, Source};
use super::{BadRow, CustomerIndex, Problem, canonical_uuid};
use crate::contact_draft::{ContactProblem, MAX_TEXT_CHARS};
use crate::customer::{CustomerId, FieldProblem};

/// The columns of a follow-ups file (also an exported file's, in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpColumn {
    Customer,
    CustomerName,
    Due,
    What,
    Done,
    Uuid,
}

impl Column for FollowUpColumn {
    const ALL: &'static [Self] = &[
        FollowUpColumn::Customer,
        FollowUpColumn::CustomerName,
        FollowUpColumn::Due,
        FollowUpColumn::What,
        FollowUpColumn::Done,
        FollowUpColumn::Uuid,
    ];

    fn names(self) -> &'static [&'static str] {
        match self {
            FollowUpColumn::Customer => &["customer", "客户"],
            FollowUpColumn::CustomerName => &["customer_name", "客户名称"],
            FollowUpColumn::Due => &["due", "跟进日期", "follow_up_due"],
            FollowUpColumn::What => &["what", "跟进事项", "follow_up"],
            FollowUpColumn::Done => &["done_at", "完成时间", "follow_up_done"],
            FollowUpColumn::Uuid => &["uuid"],
        }
    }

    fn required(self) -> bool {
        matches!(self, FollowUpColumn::Customer | FollowUpColumn::Due | FollowUpColumn::What)
    }

    fn multiline(self) -> bool {
        self == FollowUpColumn::What
    }
}

/// A checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpImport {
    pub line: u64,
    /// The follow-up's own uuid, when the file gives one (canonical form).
    pub uuid: Option<String>,
    pub customer: CustomerId,
    pub what: String,
    pub due: NaiveDate,
    pub done_at: Option<NaiveDateTime>,
}

/// The rows of a follow-ups table, checked one by one.
pub struct FollowUpRows<'t, 'a> {
    rows: CheckedRows<'t, FollowUpColumn>,
    book: &'a CustomerIndex,
}

impl<'t, 'a> FollowUpRows<'t, 'a> {
    pub fn read(source: impl Into<Source<'t>>, book: &'a CustomerIndex) -> Result<Self, FileProblem> {
        Ok(Self { rows: CheckedRows::read(source)?, book })
    }

    /// The header cells no known column matched.
    pub fn unknown_columns(&self) -> &[String] {
        self.rows.unknown_columns()
    }

    /// How far into the source the rows read so far go.
    pub fn offset(&self) -> u64 {
        self.rows.offset()
    }

    pub fn rows(&self) -> u64 {
        self.rows.rows()
    }
}

impl Iterator for FollowUpRows<'_, '_> {
    type Item = Result<FollowUpImport, Vec<BadRow>>;

    fn next(&mut self) -> Option<Self::Item> {
        let book = self.book;
        self.rows.next_checked(|row| check_row(row, book))
    }
}

/// Check one row of a follow-ups table: every problem it has, or the follow-up.
pub(super) fn check_row(row: &Row<'_, FollowUpColumn>, book: &CustomerIndex) -> Result<FollowUpImport, Vec<BadRow>> {
    use FollowUpColumn as C;
    let at = |c: C, problem| BadRow { line: row.line, column: row.title(c), problem };
    let mut bad = Vec::new();
    if let Some(found) = row.extra_cells() {
        bad.push(BadRow {
            line: row.line,
            column: None,
            problem: Problem::ExtraCells { found, expected: row.columns() },
        });
    }
    let unreadable = row.unreadable();
    bad.extend(unreadable.iter().map(|c| at(*c, Problem::Unreadable)));
    bad.extend(row.controls().into_iter().map(|(c, ch)| at(c, Problem::ControlCharacter(ch))));
    let readable = |c: C| !unreadable.contains(&c);
    let cell = |c: C| row.cell(c).unwrap_or("").trim();

    let key = cell(C::Customer);
    let mut customer = CustomerId(0);
    if readable(C::Customer) {
        let ids = if key.is_empty() { Vec::new() } else { book.lookup(key) };
        match ids.as_slice() {
            [] if key.is_empty() => bad.push(at(C::Customer, Problem::Field(FieldProblem::Required))),
            [] => bad.push(at(C::Customer, Problem::UnknownCustomer(key.to_string()))),
            [one] => customer = *one,
            _ => bad.push(at(C::Customer, Problem::AmbiguousCustomer { key: key.to_string(), ids })),
        }
    }
    let what = cell(C::What);
    if readable(C::What) {
        if what.is_empty() {
            bad.push(at(C::What, Problem::Contact(ContactProblem::FollowUpNeedsWhat)));
        } else if what.chars().count() > MAX_TEXT_CHARS {
            bad.push(at(C::What, Problem::Contact(ContactProblem::TooLong)));
        }
    }
    let due_text = cell(C::Due);
    let due = crate::validate::parse_date(due_text);
    if readable(C::Due) {
        match due {
            None if due_text.is_empty() => bad.push(at(C::Due, Problem::Contact(ContactProblem::FollowUpNeedsDue))),
            None => bad.push(at(C::Due, Problem::Contact(ContactProblem::BadDate))),
            Some(d) if !crate::dates::in_range(d) => bad.push(at(C::Due, Problem::Contact(ContactProblem::OutOfRange))),
            Some(_) => {}
        }
    }
    let done_text = cell(C::Done);
    let done_at = if done_text.is_empty() { None } else { super::contacts::parse_done(done_text) };
    if done_at.is_none() && !done_text.is_empty() && readable(C::Done) {
        bad.push(at(C::Done, Problem::BadDoneTime));
    }
    let uuid_text = cell(C::Uuid);
    let uuid = if uuid_text.is_empty() { None } else { canonical_uuid(uuid_text) };
    if uuid.is_none() && !uuid_text.is_empty() && readable(C::Uuid) {
        bad.push(at(C::Uuid, Problem::NotAUuid));
    }
    match due {
        Some(due) if bad.is_empty() => {
            Ok(FollowUpImport { line: row.line, uuid, customer, what: what.to_string(), due, done_at })
        }
        _ => Err(bad),
    }
}

/// What checking a whole follow-ups file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpCheck {
    pub rows: u64,
    pub bad: Vec<BadRow>,
    pub unknown_columns: Vec<String>,
}

/// Check every row of `text`, keeping only the count and the problems.
pub fn check<'t>(source: impl Into<Source<'t>>, book: &CustomerIndex) -> Result<FollowUpCheck, FileProblem> {
    let mut rows = FollowUpRows::read(source, book)?;
    let mut out = FollowUpCheck { unknown_columns: rows.unknown_columns().to_vec(), ..Default::default() };
    for r in rows.by_ref() {
        if let Err(bad) = r {
            out.bad.extend(bad);
        }
    }
    out.rows = rows.rows();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn book() -> CustomerIndex {
        let mut ix = CustomerIndex::default();
        ix.insert(CustomerId(1), "11111111-1111-4111-8111-111111111111", Some("K-001"), "招商银行", "");
        ix.insert(CustomerId(2), "22222222-2222-4222-8222-222222222222", None, "王芳", "华信");
        ix.insert(CustomerId(3), "33333333-3333-4333-8333-333333333333", None, "王芳", "远航");
        ix
    }

    fn all(text: &str) -> Vec<Result<FollowUpImport, Vec<BadRow>>> {
        let ix = book();
        FollowUpRows::read(text, &ix).unwrap().collect()
    }

    #[test]
    fn rows_become_follow_ups_with_their_uuid_and_done_time() {
        let text = "\u{FEFF}customer,customer_name,due,what,done_at,uuid\r\n\
                    K-001,招商银行,2026-11-30,'=send quote,,\r\n\
                    33333333-3333-4333-8333-333333333333,王芳,2026-11-02,\"回电\n再约\",2026-11-02T09:30:00+08:00,\
                    67E55044-10B1-426F-9247-BB680E5FE0C8\r\n";
        let rows = all(text);
        assert_eq!(
            rows[0],
            Ok(FollowUpImport {
                line: 2,
                uuid: None,
                customer: CustomerId(1),
                what: "=send quote".into(),
                due: d("2026-11-30"),
                done_at: None
            })
        );
        let r = rows[1].as_ref().unwrap();
        assert_eq!((r.customer, r.what.as_str()), (CustomerId(3), "回电\n再约"));
        assert_eq!(r.uuid.as_deref(), Some("67e55044-10b1-426f-9247-bb680e5fe0c8"));
        assert_eq!(r.done_at, d("2026-11-02").and_hms_opt(9, 30, 0));
    }

    #[test]
    fn every_problem_of_a_row_is_reported_with_its_column() {
        let text = "客户,跟进日期,跟进事项,完成时间,uuid\n王芳,2026-02-30,,yesterday,K-1\nnobody,,x,,\n";
        let rows = all(text);
        let bad = rows[0].as_ref().unwrap_err();
        let got: Vec<(Option<&str>, &Problem)> = bad.iter().map(|b| (b.column.as_deref(), &b.problem)).collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("客户"),
                    &Problem::AmbiguousCustomer { key: "王芳".into(), ids: vec![CustomerId(2), CustomerId(3)] }
                ),
                (Some("跟进事项"), &Problem::Contact(ContactProblem::FollowUpNeedsWhat)),
                (Some("跟进日期"), &Problem::Contact(ContactProblem::BadDate)),
                (Some("完成时间"), &Problem::BadDoneTime),
                (Some("uuid"), &Problem::NotAUuid),
            ]
        );
        let bad = rows[1].as_ref().unwrap_err();
        assert_eq!(bad[0].problem, Problem::UnknownCustomer("nobody".into()));
        assert_eq!(bad[1].problem, Problem::Contact(ContactProblem::FollowUpNeedsDue));
        assert_eq!(bad[0].line, 3);
    }

    #[test]
    fn a_file_without_a_due_column_is_refused() {
        let ix = book();
        assert!(matches!(
            FollowUpRows::read("customer,what\nK-001,x\n", &ix).err(),
            Some(FileProblem::MissingColumn { column: "due", .. })
        ));
    }
}
