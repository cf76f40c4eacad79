//! Importing customers: each row checked as the customer form checks it, then the plan of
//! what the import would add, update and skip. A row is the same customer as one in the book
//! (or an earlier row) when the uuid matches, else the ref, else — for a row without a ref —
//! the name plus the company.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::table::{Column, FileProblem, Row, Source, Table};
use super::{BadRow, CustomerIndex, Duplicate, DuplicateKey, DuplicateOf, OnDuplicate, Problem, canonical_uuid};
use crate::customer::{CustomerDraft, CustomerFields, CustomerId, Field};
use crate::temperament::{TemperamentChoice, Temperaments};
use crate::tier::TierScheme;

pub use super::customer_columns::CustomerColumn;

/// The fields a row gives: its file has the column (and, for ref, tier and created, which
/// an update must not blank, the cell holds something).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Given(u16);

impl Given {
    fn bit(f: Field) -> u16 {
        1 << Field::ORDER.iter().position(|x| *x == f).unwrap_or(0)
    }
    pub fn has(self, f: Field) -> bool {
        self.0 & Self::bit(f) != 0
    }
    fn add(&mut self, f: Field) {
        self.0 |= Self::bit(f);
    }
    /// The bit of the temperament column, above the form's fields.
    const TEMPERAMENT: u16 = 1 << 15;
    /// The row gives a temperament (its file has the column; an empty cell clears it).
    pub fn has_temperament(self) -> bool {
        self.0 & Self::TEMPERAMENT != 0
    }
}

/// A checked row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    pub line: u64,
    /// The customer's uuid when the file gives one (an export of a book does).
    pub uuid: Option<String>,
    /// Valid fields; those the row does not give hold the defaults of a new customer.
    pub fields: CustomerFields,
    pub given: Given,
}

impl CustomerRecord {
    /// Replace the fields this row gives in `into`.
    pub fn apply_to(&self, into: &mut CustomerFields) {
        let from = &self.fields;
        for f in Field::ORDER.into_iter().filter(|f| self.given.has(*f)) {
            match f {
                Field::Name => into.name.clone_from(&from.name),
                Field::Tier => into.tier.clone_from(&from.tier),
                Field::Company => into.company.clone_from(&from.company),
                Field::ContactPerson => into.contact_person.clone_from(&from.contact_person),
                Field::Phone => into.phone.clone_from(&from.phone),
                Field::Email => into.email.clone_from(&from.email),
                Field::Region => into.region.clone_from(&from.region),
                Field::Address => into.address.clone_from(&from.address),
                Field::Industry => into.industry.clone_from(&from.industry),
                Field::Owner => into.owner.clone_from(&from.owner),
                Field::Tags => into.tags.clone_from(&from.tags),
                Field::Ref => into.ext_ref.clone_from(&from.ext_ref),
                Field::Created => into.created_on = from.created_on,
                Field::Notes => into.notes.clone_from(&from.notes),
            }
        }
        if self.given.has_temperament() {
            into.temperament.clone_from(&from.temperament);
        }
    }
}

/// One write of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Add(CustomerRecord),
    Update { id: CustomerId, record: CustomerRecord },
}

/// What an import of a customers file would do, and what stands in its way.
#[derive(Debug, Clone, Default)]
pub struct CustomerPlan {
    pub actions: Vec<Action>,
    pub added: usize,
    /// Rows that update a customer of the book.
    pub updated: usize,
    pub skipped: usize,
    /// Rows folded into an earlier row of the same file (`--on-duplicate update`).
    pub merged: usize,
    /// Rows read (blank ones not counted).
    pub rows: u64,
    pub bad: Vec<BadRow>,
    pub duplicates: Vec<Duplicate>,
    pub unknown_columns: Vec<String>,
    pub on_duplicate: OnDuplicate,
}

impl CustomerPlan {
    /// Nothing stands in the way of writing it: no bad row, and no duplicate unless told
    /// what to do with them.
    pub fn is_clean(&self) -> bool {
        self.bad.is_empty() && (self.on_duplicate != OnDuplicate::Fail || self.duplicates.is_empty())
    }
}

/// What a customers import checks against.
#[derive(Debug, Clone, Copy)]
pub struct CustomerImport<'a> {
    pub scheme: &'a TierScheme,
    pub today: NaiveDate,
    pub book: &'a CustomerIndex,
    pub on_duplicate: OnDuplicate,
    /// The temperaments a `temperament` cell may name.
    pub temperaments: &'a Temperaments,
}

/// Read and check every row of `source` (CSV text or a sheet's rows) and plan the import.
/// `progress` is told the offset reached now and then (`Source::size` is the whole).
pub fn plan<'t>(
    source: impl Into<Source<'t>>,
    with: &CustomerImport,
    progress: &mut dyn FnMut(u64),
) -> Result<CustomerPlan, FileProblem> {
    let source = source.into();
    // Room for every row at once: grown by doubling, the plan of 100,000 customers was
    // copied and its fresh pages zeroed again and again (a sixth of the check). At most a
    // million rows' worth is reserved up front, whatever the file claims.
    let room = source.rows_at_most().min(1 << 20);
    let mut table = Table::<CustomerColumn>::read(source)?;
    let mut plan = CustomerPlan {
        actions: Vec::with_capacity(room),
        unknown_columns: std::mem::take(&mut table.unknown),
        on_duplicate: with.on_duplicate,
        ..Default::default()
    };
    // A new customer without a tier gets the lowest, as in the form.
    let default_tier = with.scheme.tiers.last().map(|t| t.code.clone()).unwrap_or_default();
    // Checking a row (its cells read and its fields validated) needs no other row; placing
    // it (matched against the book and the rows before it) needs them all, in order. So the
    // rows are read and checked on a second thread, a batch at a time, while this one places
    // them (100,000 customers: the check took 0.23 s on one thread).
    let (rows, offset) = std::thread::scope(|scope| {
        let (batches, checked) = std::sync::mpsc::sync_channel::<(Vec<Checked>, u64)>(4);
        let checker = scope.spawn(move || -> Result<(u64, u64), FileProblem> {
            let mut batch = Vec::with_capacity(BATCH);
            while let Some(row) = table.next_row()? {
                batch.push(check_row(&row, with, &default_tier));
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if batches.send((full, table.offset())).is_err() {
                        break;
                    }
                }
            }
            let _ = batches.send((batch, table.offset()));
            Ok((table.rows(), table.offset()))
        });
        let mut seen = Seen::default();
        for (batch, offset) in checked {
            for record in batch {
                match record {
                    Ok(r) => plan.place(r, with.book, &mut seen),
                    Err(bad) => plan.bad.extend(bad),
                }
            }
            progress(offset);
        }
        checker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })?;
    plan.rows = rows;
    progress(offset);
    Ok(plan)
}

/// A row checked: the customer it gives, or what is wrong with it.
type Checked = Result<CustomerRecord, Vec<BadRow>>;

/// How many checked rows go to the placing thread at a time.
const BATCH: usize = 1024;

/// The new customers planned so far, by what later rows could match them: the index of
/// their `Add` action (and, for name plus company, whether that row had a uuid).
#[derive(Default)]
struct Seen {
    uuid: HashMap<String, usize>,
    ext_ref: HashMap<String, usize>,
    name_company: HashMap<(String, String), (usize, bool)>,
}

enum Target {
    New,
    Book(Vec<CustomerId>, DuplicateKey),
    File(usize, DuplicateKey),
}

fn find(r: &CustomerRecord, book: &CustomerIndex, seen: &Seen) -> Target {
    if let Some(u) = &r.uuid {
        if let Some(id) = book.by_uuid(u) {
            return Target::Book(vec![id], DuplicateKey::Uuid(u.clone()));
        }
        if let Some(i) = seen.uuid.get(u) {
            return Target::File(*i, DuplicateKey::Uuid(u.clone()));
        }
    }
    if let Some(rf) = &r.fields.ext_ref {
        if let Some(id) = book.by_ref(rf) {
            return Target::Book(vec![id], DuplicateKey::Ref(rf.clone()));
        }
        return match seen.ext_ref.get(rf) {
            Some(i) => Target::File(*i, DuplicateKey::Ref(rf.clone())),
            None => Target::New,
        };
    }
    let (name, company) = (&r.fields.name, &r.fields.company);
    let key = || DuplicateKey::NameCompany { name: name.clone(), company: company.clone() };
    let ids = book.by_name_company(name, company);
    if !ids.is_empty() {
        return Target::Book(ids, key());
    }
    match seen.name_company.get(&(name.clone(), company.clone())) {
        // Two rows that both carry a uuid are one customer only when the uuids are equal
        // (an exported book may hold namesakes in the same company).
        Some((i, had_uuid)) if !(*had_uuid && r.uuid.is_some()) => Target::File(*i, key()),
        _ => Target::New,
    }
}

impl CustomerPlan {
    fn place(&mut self, r: CustomerRecord, book: &CustomerIndex, seen: &mut Seen) {
        let line = r.line;
        match find(&r, book, seen) {
            Target::New => {
                let i = self.actions.len();
                if let Some(u) = &r.uuid {
                    seen.uuid.insert(u.clone(), i);
                }
                if let Some(rf) = &r.fields.ext_ref {
                    seen.ext_ref.insert(rf.clone(), i);
                }
                seen.name_company
                    .entry((r.fields.name.clone(), r.fields.company.clone()))
                    .or_insert((i, r.uuid.is_some()));
                self.added += 1;
                self.actions.push(Action::Add(r));
            }
            Target::Book(ids, key) => {
                let mut dup = Duplicate { line, key, of: DuplicateOf::Book(ids) };
                match self.on_duplicate {
                    OnDuplicate::Fail => self.duplicates.push(dup),
                    OnDuplicate::Skip => {
                        self.skipped += 1;
                        self.duplicates.push(dup);
                    }
                    OnDuplicate::Update => {
                        let DuplicateOf::Book(ids) = &mut dup.of else { return };
                        if ids.len() > 1 {
                            let ids = std::mem::take(ids);
                            self.bad.push(BadRow { line, column: None, problem: Problem::AmbiguousMatch { ids } });
                            return;
                        }
                        let id = ids[0];
                        if let Some(rf) = &r.fields.ext_ref
                            && let Some(other) = book.by_ref(rf).filter(|other| *other != id)
                        {
                            self.bad.push(BadRow {
                                line,
                                column: None,
                                problem: Problem::RefTaken { ext_ref: rf.clone(), by: other },
                            });
                            return;
                        }
                        self.updated += 1;
                        self.duplicates.push(dup);
                        self.actions.push(Action::Update { id, record: r });
                    }
                }
            }
            Target::File(i, key) => {
                let (first_line, into) = match &mut self.actions[i] {
                    Action::Add(first) => (first.line, first),
                    Action::Update { record, .. } => (record.line, record),
                };
                self.duplicates.push(Duplicate { line, key, of: DuplicateOf::Line(first_line) });
                match self.on_duplicate {
                    OnDuplicate::Fail => {}
                    OnDuplicate::Skip => self.skipped += 1,
                    OnDuplicate::Update => {
                        r.apply_to(&mut into.fields);
                        into.given.0 |= r.given.0;
                        self.merged += 1;
                    }
                }
            }
        }
    }
}

/// One row checked as the customer form checks it; every problem of the row at once.
fn check_row(
    row: &Row<'_, CustomerColumn>,
    with: &CustomerImport,
    default_tier: &str,
) -> Result<CustomerRecord, Vec<BadRow>> {
    let (scheme, today) = (with.scheme, with.today);
    let at =
        |c: Option<CustomerColumn>, problem| BadRow { line: row.line, column: c.and_then(|c| row.title(c)), problem };
    let mut bad = Vec::new();
    if let Some(found) = row.extra_cells() {
        bad.push(at(None, Problem::ExtraCells { found, expected: row.columns() }));
    }
    let unreadable = row.unreadable();
    bad.extend(unreadable.iter().map(|c| at(Some(*c), Problem::Unreadable)));
    bad.extend(row.controls().into_iter().map(|(c, ch)| at(Some(c), Problem::ControlCharacter(ch))));
    let mut draft = CustomerDraft::empty(default_tier, today);
    let mut given = Given::default();
    for c in CustomerColumn::ALL {
        let (Some(field), Some(cell)) = (c.field(), row.cell(*c)) else { continue };
        if matches!(field, Field::Ref | Field::Tier | Field::Created) && cell.trim().is_empty() {
            continue;
        }
        // A date cell saved from a workbook may hold Excel's serial number.
        let cell = if field == Field::Created { crate::dates::import_cell(cell) } else { cell.into() };
        draft.set(field, cell.into_owned());
        given.add(field);
    }
    let temperament = match row.cell(CustomerColumn::Temperament) {
        None => None,
        Some(cell) => {
            given.0 |= Given::TEMPERAMENT;
            match with.temperaments.choice(cell) {
                Some(TemperamentChoice::Set(key)) => Some(key),
                Some(TemperamentChoice::Clear) => None,
                None => {
                    if !unreadable.contains(&CustomerColumn::Temperament) {
                        let problem = Problem::UnknownTemperament {
                            text: cell.trim().to_string(),
                            known: with.temperaments.keys().join(", "),
                        };
                        bad.push(at(Some(CustomerColumn::Temperament), problem));
                    }
                    None
                }
            }
        }
    };
    let uuid = match row.cell(CustomerColumn::Uuid).map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => {
            let canonical = canonical_uuid(u);
            if canonical.is_none() && !unreadable.contains(&CustomerColumn::Uuid) {
                bad.push(at(Some(CustomerColumn::Uuid), Problem::NotAUuid));
            }
            canonical
        }
    };
    match draft.validate(scheme, today) {
        Ok(fields) if bad.is_empty() => {
            Ok(CustomerRecord { line: row.line, uuid, fields: CustomerFields { temperament, ..fields }, given })
        }
        Ok(_) => Err(bad),
        Err(problems) => {
            for (field, p) in problems {
                let c = CustomerColumn::of(field);
                if !unreadable.contains(&c) {
                    bad.push(at(row.title(c).map(|_| c), Problem::Field(p)));
                }
            }
            Err(bad)
        }
    }
}

#[cfg(test)]
#[path = "customers_tests.rs"]
mod tests;
