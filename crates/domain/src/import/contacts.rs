//! Importing contacts: each row names its customer (a ref, a uuid or an exact name), the
//! date it happened (not after today), the kind, and optionally the follow-up it promised;
//! checked as the log form checks a contact. Rows are read one at a time, so a file of a
//! million contacts is checked without holding them all.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::table::{CheckedRows, Column, FileProblem, Row, Source};
use super::{BadRow, CustomerIndex, Problem};
use crate::contact_draft::{ContactDraft, ContactField, ContactProblem};
use crate::contact_kind::ContactKinds;
use crate::customer::{CustomerId, FieldProblem};
use crate::history::NewContact;

/// The columns of a contacts file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactColumn {
    Customer,
    Date,
    Time,
    Kind,
    Person,
    Note,
    Outcome,
    FollowUp,
    FollowUpDue,
    FollowUpDone,
    /// The contact's uuid, as `export contacts` writes it: a row whose contact the book has
    /// already is skipped, so importing one file twice adds nothing.
    Uuid,
}

impl Column for ContactColumn {
    /// Also the columns of an exported contacts file, in order.
    const ALL: &'static [Self] = &[
        ContactColumn::Customer,
        ContactColumn::Date,
        ContactColumn::Time,
        ContactColumn::Kind,
        ContactColumn::Person,
        ContactColumn::Note,
        ContactColumn::Outcome,
        ContactColumn::FollowUp,
        ContactColumn::FollowUpDue,
        ContactColumn::FollowUpDone,
        ContactColumn::Uuid,
    ];

    fn names(self) -> &'static [&'static str] {
        match self {
            ContactColumn::Customer => &["customer", "客户"],
            ContactColumn::Date => &["date", "日期"],
            ContactColumn::Time => &["time", "时间"],
            ContactColumn::Kind => &["kind", "方式"],
            ContactColumn::Person => &["person", "联系人"],
            ContactColumn::Note => &["note", "内容", "备注"],
            ContactColumn::Outcome => &["outcome", "结果"],
            ContactColumn::FollowUp => &["follow_up", "跟进事项"],
            ContactColumn::FollowUpDue => &["follow_up_due", "跟进日期"],
            ContactColumn::FollowUpDone => &["follow_up_done", "跟进完成"],
            ContactColumn::Uuid => &["uuid"],
        }
    }

    fn required(self) -> bool {
        matches!(self, ContactColumn::Customer | ContactColumn::Date | ContactColumn::Kind)
    }

    fn multiline(self) -> bool {
        self == ContactColumn::Note
    }
}

impl ContactColumn {
    fn of(f: ContactField) -> Self {
        match f {
            ContactField::Kind => ContactColumn::Kind,
            ContactField::Date => ContactColumn::Date,
            ContactField::Time => ContactColumn::Time,
            ContactField::Person => ContactColumn::Person,
            ContactField::Summary => ContactColumn::Note,
            ContactField::Outcome => ContactColumn::Outcome,
            ContactField::FollowUp => ContactColumn::FollowUp,
            ContactField::FollowUpDue => ContactColumn::FollowUpDue,
        }
    }

    fn field(self) -> Option<ContactField> {
        ContactField::ORDER.into_iter().find(|f| Self::of(*f) == self)
    }
}

/// A follow-up promised in a contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUpRecord {
    pub what: String,
    pub due: NaiveDate,
    /// When it was done, if it was.
    pub done_at: Option<NaiveDateTime>,
}

/// A checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactRecord {
    pub line: u64,
    pub contact: NewContact,
    pub time: Option<NaiveTime>,
    pub follow_up: Option<FollowUpRecord>,
    /// The contact's uuid from the file (an export's), if it gives one.
    pub uuid: Option<String>,
}

/// The rows of a contacts file, checked one by one.
pub struct ContactRows<'t, 'a> {
    rows: CheckedRows<'t, ContactColumn>,
    book: &'a CustomerIndex,
    kinds: &'a ContactKinds,
    today: NaiveDate,
}

impl<'t, 'a> ContactRows<'t, 'a> {
    /// The rows of `source`: CSV text or a sheet's rows.
    pub fn read(
        source: impl Into<Source<'t>>,
        book: &'a CustomerIndex,
        kinds: &'a ContactKinds,
        today: NaiveDate,
    ) -> Result<Self, FileProblem> {
        Ok(Self { rows: CheckedRows::read(source)?, book, kinds, today })
    }

    /// The header cells no known column matched.
    pub fn unknown_columns(&self) -> &[String] {
        self.rows.unknown_columns()
    }

    /// How far into the source the rows read so far go (`Source::size` is the whole).
    pub fn offset(&self) -> u64 {
        self.rows.offset()
    }

    pub fn rows(&self) -> u64 {
        self.rows.rows()
    }
}

impl Iterator for ContactRows<'_, '_> {
    type Item = Result<ContactRecord, Vec<BadRow>>;

    fn next(&mut self) -> Option<Self::Item> {
        let (book, kinds, today) = (self.book, self.kinds, self.today);
        self.rows.next_checked(|row| check_row(row, book, kinds, today))
    }
}

/// What checking a whole contacts file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactCheck {
    pub rows: u64,
    pub follow_ups: u64,
    pub bad: Vec<BadRow>,
    pub unknown_columns: Vec<String>,
    /// The uuids the rows give (to ask the book which contacts it has already).
    pub uuids: Vec<String>,
}

/// Check every row of `source`, keeping only the counts and the problems. `progress` is told
/// the offset reached now and then.
pub fn check<'t>(
    source: impl Into<Source<'t>>,
    book: &CustomerIndex,
    kinds: &ContactKinds,
    today: NaiveDate,
    progress: &mut dyn FnMut(u64),
) -> Result<ContactCheck, FileProblem> {
    let mut rows = ContactRows::read(source, book, kinds, today)?;
    let mut out = ContactCheck { unknown_columns: rows.unknown_columns().to_vec(), ..Default::default() };
    while let Some(r) = rows.next() {
        match r {
            Ok(c) => {
                out.follow_ups += u64::from(c.follow_up.is_some());
                out.uuids.extend(c.uuid);
            }
            Err(bad) => out.bad.extend(bad),
        }
        if rows.rows() % 4096 == 0 {
            progress(rows.offset());
        }
    }
    out.rows = rows.rows();
    progress(rows.offset());
    Ok(out)
}

fn check_row(
    row: &Row<'_, ContactColumn>,
    book: &CustomerIndex,
    kinds: &ContactKinds,
    today: NaiveDate,
) -> Result<ContactRecord, Vec<BadRow>> {
    let at = |c: ContactColumn, problem| BadRow { line: row.line, column: row.title(c), problem };
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
    let readable = |c: ContactColumn| !unreadable.contains(&c);

    let key = row.cell(ContactColumn::Customer).unwrap_or("").trim();
    let mut customer = CustomerId(0);
    if readable(ContactColumn::Customer) {
        let ids = if key.is_empty() { Vec::new() } else { book.lookup(key) };
        match ids.as_slice() {
            [] if key.is_empty() => bad.push(at(ContactColumn::Customer, Problem::Field(FieldProblem::Required))),
            [] => bad.push(at(ContactColumn::Customer, Problem::UnknownCustomer(key.to_string()))),
            [one] => customer = *one,
            _ => bad.push(at(ContactColumn::Customer, Problem::AmbiguousCustomer { key: key.to_string(), ids })),
        }
    }
    let kind_text = row.cell(ContactColumn::Kind).unwrap_or("").trim();
    let kind = kinds.find(kind_text).map(|k| k.code.clone());
    if kind.is_none() && readable(ContactColumn::Kind) {
        let p = if kind_text.is_empty() {
            Problem::Field(FieldProblem::Required)
        } else {
            Problem::UnknownKind(kind_text.to_string())
        };
        bad.push(at(ContactColumn::Kind, p));
    }
    if kind.as_deref() == Some(crate::suitability::RECOMMENDATION_KIND) {
        bad.push(at(ContactColumn::Kind, Problem::RecommendationNotImported));
    }
    let mut draft = ContactDraft::new(kind.as_deref().unwrap_or(""), today);
    for c in ContactColumn::ALL {
        if let (Some(field), Some(cell)) = (c.field(), row.cell(*c))
            && field != ContactField::Kind
        {
            let cell = match field {
                ContactField::Date | ContactField::FollowUpDue => crate::dates::import_cell(cell),
                _ => cell.into(),
            };
            draft.set(field, cell.into_owned());
        }
    }
    let problems = draft.problems(today);
    bad.extend(problems.into_iter().map(|(f, p)| (ContactColumn::of(f), p)).filter(|(c, _)| readable(*c)).map(
        |(c, p)| BadRow {
            line: row.line,
            column: row.title(c).or_else(|| Some(c.name().to_string())),
            problem: Problem::Contact(p),
        },
    ));
    let done_text = row.cell(ContactColumn::FollowUpDone).unwrap_or("").trim();
    let done_at = if done_text.is_empty() {
        None
    } else {
        let parsed = parse_done(&crate::dates::import_cell(done_text));
        match parsed {
            None if readable(ContactColumn::FollowUpDone) => {
                bad.push(at(ContactColumn::FollowUpDone, Problem::BadDoneTime));
            }
            Some(_) if draft.get(ContactField::FollowUp).trim().is_empty() => {
                bad.push(at(ContactColumn::FollowUpDone, Problem::Contact(ContactProblem::FollowUpNeedsWhat)));
            }
            _ => {}
        }
        parsed
    };
    if !bad.is_empty() {
        return Err(bad);
    }
    let entry = draft.validate(customer, today).map_err(|problems| {
        problems
            .into_iter()
            .map(|(f, p)| BadRow {
                line: row.line,
                column: row.title(ContactColumn::of(f)),
                problem: Problem::Contact(p),
            })
            .collect::<Vec<_>>()
    })?;
    Ok(ContactRecord {
        line: row.line,
        contact: entry.contact,
        time: entry.time,
        follow_up: entry.follow_up.map(|(what, due)| FollowUpRecord { what, due, done_at }),
        uuid: row.cell(ContactColumn::Uuid).map(str::trim).filter(|u| !u.is_empty()).map(str::to_string),
    })
}

/// A follow-up's done time: RFC 3339 as the exports write it (`2026-11-23T09:15:02+08:00`,
/// taken as the wall time it names: the domain knows no time zone), `YYYY-MM-DD HH:MM:SS`,
/// `YYYY-MM-DD HH:MM`, or a date (midnight).
pub(super) fn parse_done(text: &str) -> Option<NaiveDateTime> {
    chrono::DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.naive_local())
        .or_else(|| {
            ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"].iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        })
        .or_else(|| crate::validate::parse_date(text).and_then(|d| d.and_hms_opt(0, 0, 0)))
        // The one rule for dates holds for the day of a done time too.
        .filter(|t| crate::dates::in_range(t.date()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_data as data;

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

    fn all(text: &str) -> Vec<Result<ContactRecord, Vec<BadRow>>> {
        let (ix, kinds) = (book(), data::contact_kinds());
        ContactRows::read(text, &ix, &kinds, d("2026-11-23")).unwrap().collect()
    }

    #[test]
    fn rows_become_contacts_with_their_follow_ups() {
        let text = "客户,日期,方式,内容,跟进事项,跟进日期\nK-001,2026-11-20,电话,\"谈了,报价\",发送报价单,+3d\n";
        let rows = all(text);
        let r = rows[0].as_ref().unwrap();
        assert_eq!((r.line, r.contact.customer, r.contact.kind.as_str()), (2, CustomerId(1), "call"));
        assert_eq!(r.contact.summary, "谈了,报价");
        assert_eq!(
            r.follow_up,
            Some(FollowUpRecord { what: "发送报价单".into(), due: d("2026-11-23"), done_at: None })
        );
    }

    #[test]
    fn dates_outside_the_accepted_years_are_refused_naming_the_column() {
        let text = "customer,date,kind,follow_up,follow_up_due,follow_up_done\n\
                    K-001,2026-11-20,call,quote,+99999m,\n\
                    K-001,2026-11-20,call,quote,2026-11-30,2301-01-01\n";
        let rows = all(text);
        let bad = rows[0].as_ref().unwrap_err();
        assert_eq!(
            (bad[0].column.as_deref(), &bad[0].problem),
            (Some("follow_up_due"), &Problem::Contact(ContactProblem::OutOfRange))
        );
        let bad = rows[1].as_ref().unwrap_err();
        assert_eq!((bad[0].column.as_deref(), &bad[0].problem), (Some("follow_up_done"), &Problem::BadDoneTime));
    }

    #[test]
    fn every_problem_of_a_row_is_reported_with_its_column() {
        let text = "customer,date,kind,follow_up_due,follow_up_done\n\
                    王芳,2026-11-24,fax,2026-11-30,yesterday\n\
                    nobody,2026-02-30,visit,,\n";
        let rows = all(text);
        let bad = rows[0].as_ref().unwrap_err();
        let got: Vec<(Option<&str>, &Problem)> = bad.iter().map(|b| (b.column.as_deref(), &b.problem)).collect();
        assert_eq!(
            got,
            vec![
                (
                    Some("customer"),
                    &Problem::AmbiguousCustomer { key: "王芳".into(), ids: vec![CustomerId(2), CustomerId(3)] }
                ),
                (Some("kind"), &Problem::UnknownKind("fax".into())),
                (Some("date"), &Problem::Contact(ContactProblem::FutureDate)),
                (Some("follow_up"), &Problem::Contact(ContactProblem::FollowUpNeedsWhat)),
                (Some("follow_up_done"), &Problem::BadDoneTime),
            ]
        );
        let bad = rows[1].as_ref().unwrap_err();
        assert_eq!(bad[0].problem, Problem::UnknownCustomer("nobody".into()));
        assert_eq!(bad[1].problem, Problem::Contact(ContactProblem::BadDate));
        assert_eq!(bad[0].line, 3);
    }

    #[test]
    fn a_recommendation_is_refused_per_row_naming_the_kind_column() {
        let text =
            "customer,date,kind\nK-001,2026-11-20,recommendation\nK-001,2026-11-20,产品推荐\nK-001,2026-11-20,call\n";
        let rows = all(text);
        for row in &rows[..2] {
            let bad = row.as_ref().unwrap_err();
            assert_eq!(
                bad.iter().map(|b| (b.column.as_deref(), &b.problem)).collect::<Vec<_>>(),
                [(Some("kind"), &Problem::RecommendationNotImported)]
            );
        }
        assert!(rows[2].is_ok(), "{:?}", rows[2]);
    }

    #[test]
    fn a_customer_is_found_by_uuid_too_and_done_times_read() {
        let text = "customer,date,kind,follow_up,follow_up_due,follow_up_done\n\
                    33333333-3333-4333-8333-333333333333,2026-11-01,visit,回电,2026-11-02,2026-11-02 09:30:00\n";
        let r = all(text).remove(0).unwrap();
        assert_eq!(r.contact.customer, CustomerId(3));
        assert_eq!(r.follow_up.unwrap().done_at, d("2026-11-02").and_hms_opt(9, 30, 0));
    }

    #[test]
    fn a_done_time_is_read_in_the_exports_form_and_the_older_ones() {
        let t = d("2026-11-23").and_hms_opt(9, 15, 2).unwrap();
        assert_eq!(parse_done("2026-11-23T09:15:02+08:00"), Some(t));
        assert_eq!(parse_done("2026-11-23T09:15:02Z"), Some(t));
        assert_eq!(parse_done("2026-11-23 09:15:02"), Some(t));
        assert_eq!(parse_done("2026-11-23"), d("2026-11-23").and_hms_opt(0, 0, 0));
        assert_eq!(parse_done("2026-11-23T25:00:00+08:00"), None);
    }
}
