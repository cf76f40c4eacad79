//! Writing imports. An import is one transaction with prepared statements: every row or
//! none (a failed write rolls all back), schedules refreshed once per touched customer at
//! the end. Reading exports is in `export.rs`.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Transaction, params_from_iter};

use super::contacts::refresh_schedule;
use super::convert::datetime_text;
use super::customers::{field_values, temperament_value};
use super::lenient;
use super::new_customers::{Ahead, NewCustomer, NewCustomers};
use super::prelude::*;
use super::staged_contacts::{NewContactRow, NewContacts};
use super::{Result, Store, StoreError};
use crate::domain::customer::{CustomerFields, CustomerId, Field};
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::due::next_due_of;
use crate::domain::import::CustomerIndex;
use crate::domain::import::contacts::ContactRecord;
use crate::domain::import::customers::{Action, CustomerRecord};
use crate::domain::import::follow_ups::FollowUpImport;
use crate::domain::tier::TierScheme;

/// How long an import waits for another import to finish writing.
const IMPORT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);
use crate::domain::signoff::awaits_signoff;

/// The reason written in the tier history for tiers set or changed by an import.
pub const IMPORT_REASON: &str = "import";

/// How many rows an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    pub added: u64,
    pub updated: u64,
    pub follow_ups: u64,
    /// Rows whose record the book has already (a contact of the same uuid): skipped.
    pub already_there: u64,
}

const SELECT_FIELDS: &str = "SELECT ext_ref, name, company, contact_person, phone, email, region, address, industry,
        owner, tags, notes, created_on, tier, temperament FROM customers";

const UPDATE_CUSTOMER: &str = "UPDATE customers SET ext_ref = ?2, name = ?3, name_key = ?4, company = ?5,
        contact_person = ?6, phone = ?7, email = ?8, region = ?9, address = ?10, industry = ?11, owner = ?12,
        tags = ?13, notes = ?14, created_on = ?15, tier = ?16, updated_at = ?17, temperament = ?18
     WHERE id = ?1";

/// A customer's fields from the columns at `at`; Err(stored text) when its created date
/// cannot be read.
pub(super) fn fields_of(
    r: &rusqlite::Row,
    at: usize,
) -> rusqlite::Result<std::result::Result<CustomerFields, lenient::BadDate>> {
    let created_on = match lenient::date(r, at + 12)? {
        Ok(d) => d,
        Err(text) => return Ok(Err(text)),
    };
    Ok(Ok(CustomerFields {
        ext_ref: r.get(at)?,
        name: r.get(at + 1)?,
        company: r.get(at + 2)?,
        contact_person: r.get(at + 3)?,
        phone: r.get(at + 4)?,
        email: r.get(at + 5)?,
        region: r.get(at + 6)?,
        address: r.get(at + 7)?,
        industry: r.get(at + 8)?,
        owner: r.get(at + 9)?,
        tags: r.get(at + 10)?,
        notes: r.get(at + 11)?,
        created_on,
        tier: r.get(at + 13)?,
        temperament: r.get(at + 14)?,
    }))
}

/// An import cannot update a customer whose created date is damaged: named, not guessed.
fn damaged_customer(conn: &rusqlite::Connection, id: CustomerId, text: lenient::BadDate) -> StoreError {
    let sink = lenient::Sink::default();
    lenient::note(conn, &sink, (RecordKind::Customer, id.0), id.0, DateField::CreatedOn, text);
    StoreError::Unreadable(sink.take())
}

fn unique_error(e: rusqlite::Error, f: &CustomerFields) -> StoreError {
    let msg = e.to_string();
    if msg.contains("UNIQUE") && msg.contains("ext_ref") {
        StoreError::DuplicateRef(f.ext_ref.clone().unwrap_or_default())
    } else {
        e.into()
    }
}

/// A uuid for an imported row: time-ordered (version 7), so that a million new rows land at
/// the end of the uuid indexes instead of all over them (measured on 1,000,000 contacts:
/// 18-19 s instead of 22-25 s with random version-4 uuids).
pub(super) fn ordered_uuid() -> String {
    uuid::Uuid::now_v7().to_string()
}

use super::convert::date_text as iso;

/// When an imported customer's first tier was set: the day it was taken on, if past.
fn initial_tier_at(f: &CustomerFields, now: &str) -> String {
    let day = iso(f.created_on);
    if now.get(..10).is_some_and(|today| day.as_str() < today) { day + " 00:00:00" } else { now.to_string() }
}

/// The book's customers as an import finds them: by uuid, ref and exact name.
fn index_of(conn: &Connection) -> Result<CustomerIndex> {
    let mut ix = CustomerIndex::default();
    let mut st = conn.prepare("SELECT id, uuid, ext_ref, name, company FROM customers")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let add = |ix: &mut CustomerIndex| -> rusqlite::Result<()> {
            let ext_ref = r.get_ref(2)?.as_str_or_null()?;
            ix.insert(
                CustomerId(r.get(0)?),
                r.get_ref(1)?.as_str()?,
                ext_ref,
                r.get_ref(3)?.as_str()?,
                r.get_ref(4)?.as_str()?,
            );
            Ok(())
        };
        add(&mut ix)?;
    }
    Ok(ix)
}

/// A customers import under way. It holds the write lock from the moment it begins (`BEGIN
/// IMMEDIATE`), so the book its duplicate check reads (`customer_index`) is the book its rows
/// are written to: two imports of one file started at once cannot both find no duplicates
/// and both add every row. Dropped without `write`, it writes nothing.
pub struct SqliteCustomersImport<'a> {
    tx: Transaction<'a>,
    scheme: TierScheme,
    now: String,
    user: String,
}

impl Imports for Store {
    fn customer_index(&self) -> Result<CustomerIndex> {
        index_of(&self.conn)
    }

    fn begin_customers_import(&mut self) -> Result<Box<dyn CustomersImport + '_>> {
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        self.conn.busy_timeout(IMPORT_WAIT)?;
        let tx = self.tx()?;
        tx.busy_timeout(super::BUSY_WAIT)?;
        Ok(Box::new(SqliteCustomersImport { tx, scheme, now, user }))
    }

    fn import_customers(&mut self, actions: &[Action], progress: &mut dyn FnMut(u64)) -> Result<Written> {
        self.begin_customers_import()?.write(actions, progress)
    }

    fn import_contacts(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<ContactRecord>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>> {
        self.write_contacts(rows, progress)
    }

    fn import_follow_ups(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<FollowUpImport>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>> {
        self.write_follow_ups(rows, progress)
    }

    fn contacts_already_there(&self, uuids: &[String]) -> Result<u64> {
        let mut st = self.conn.prepare_cached("SELECT 1 FROM contacts WHERE uuid = ?1")?;
        let mut n = 0;
        for u in uuids {
            n += u64::from(st.exists([u])?);
        }
        Ok(n)
    }
}

impl CustomersImport for SqliteCustomersImport<'_> {
    fn customer_index(&self) -> Result<CustomerIndex> {
        index_of(&self.tx)
    }

    fn write(self: Box<Self>, actions: &[Action], progress: &mut dyn FnMut(u64)) -> Result<Written> {
        let Self { tx, scheme, now, user } = *self;
        let bulk = super::audit::begin_bulk(&tx)?;
        let mut written = Written::default();
        // What the new customers' rows need that takes work to make (sort keys, uuids: 40 ms
        // of 100,000) and their search keys (pinyin of every name: 0.4 s) are made on another
        // thread while the rows are written: the first a batch at a time, sent ahead of the
        // writing, the keys kept for the end.
        let added: Vec<&CustomerRecord> = actions
            .iter()
            .filter_map(|a| match a {
                Action::Add(r) => Some(r),
                Action::Update { .. } => None,
            })
            .collect();
        let adding = added.len();
        std::thread::scope(|scope| -> Result<()> {
            let (sent, made) = std::sync::mpsc::sync_channel::<Vec<Ahead>>(8);
            let keys = scope.spawn(move || {
                let mut keys = Vec::with_capacity(added.len());
                for batch in added.chunks(1024) {
                    let ahead = batch.iter().map(|r| Ahead::of(r.uuid.as_deref(), &r.fields.name)).collect();
                    if sent.send(ahead).is_err() {
                        break; // the writing stopped
                    }
                    keys.extend(batch.iter().map(|r| super::search_keys::worked_out(&r.fields)));
                }
                keys
            });
            let mut made = made.iter().flatten();
            // Updates and new customers are written as they come, the new ones in bulk (see
            // `new_customers`).
            let mut new = NewCustomers::begin(&tx, adding)?;
            let mut select = tx.prepare_cached(&format!("{SELECT_FIELDS} WHERE id = ?1"))?;
            let mut update = tx.prepare_cached(UPDATE_CUSTOMER)?;
            for (n, action) in actions.iter().enumerate() {
                match action {
                    Action::Add(r) => {
                        let f = &r.fields;
                        dates::check(DateField::CreatedOn, f.created_on)?;
                        let tier = scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
                        // Imported into the top tier: it waits for a sign-off, as a move into it would.
                        let awaiting_signoff = awaits_signoff(&scheme, None, &f.tier);
                        // Made ahead, unless that thread is gone: then made here.
                        let ahead = made.next().unwrap_or_else(|| Ahead::of(r.uuid.as_deref(), &f.name));
                        new.write(
                            NewCustomer {
                                ahead,
                                fields: f,
                                // A file without an owner column brings the importer's
                                // customers; one with it says whose each is (an export's
                                // empty owner stays empty).
                                owner: if r.given.has(Field::Owner) { &f.owner } else { &user },
                                next_due_on: iso(next_due_of(tier, f.created_on, &[], &[])),
                                awaiting_signoff,
                                tier_at: &initial_tier_at(f, &now),
                            },
                            &now,
                            &user,
                            IMPORT_REASON,
                        )?;
                    }
                    Action::Update { id, record } => {
                        let mut f = select
                            .query_row([id.0], |r| fields_of(r, 0))
                            .optional()?
                            .ok_or(StoreError::NoSuchCustomer(id.0))?
                            .map_err(|text| damaged_customer(&tx, *id, text))?;
                        let old_tier = f.tier.clone();
                        record.apply_to(&mut f);
                        dates::check(DateField::CreatedOn, f.created_on)?;
                        scheme.tier(&f.tier).ok_or_else(|| StoreError::UnknownTier(f.tier.clone()))?;
                        update
                            .execute(params_from_iter(
                                std::iter::once(Value::from(id.0))
                                    .chain(field_values(&f))
                                    .chain([Value::from(now.clone()), temperament_value(&f)]),
                            ))
                            .map_err(|e| unique_error(e, &f))?;
                        super::search_keys::put(&tx, id.0, &f)?;
                        if old_tier != f.tier {
                            super::tier_rows::record_move(
                                &tx,
                                &scheme,
                                *id,
                                &old_tier,
                                &f.tier,
                                &now,
                                &user,
                                IMPORT_REASON,
                            )?;
                        }
                        // A new tier or taken-on date moves the due date at once.
                        refresh_schedule(&tx, &scheme, *id)?;
                        written.updated += 1;
                    }
                }
                if n % 1024 == 1023 {
                    progress(n as u64 + 1);
                }
            }
            written.added = new.finish(|| keys.join().ok())?;
            Ok(())
        })?;
        progress(actions.len() as u64);
        super::audit::end_bulk(&tx, bulk)?;
        tx.commit()?;
        Ok(written)
    }
}

impl Store {
    /// Write checked contacts (see `Imports::import_contacts`).
    fn write_contacts(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<ContactRecord>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>> {
        let scheme = self.require_scheme()?.clone();
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        let bulk = super::audit::begin_bulk(&tx)?;
        // The notes index is filled once at the end (see `notes::pause_index`): row by row,
        // FTS5 flushed at every insert's savepoint (a fifth of a million-contact import).
        let paused = super::notes::pause_index(&tx)?;
        let mut written = Written::default();
        let mut touched: Vec<i64> = Vec::new();
        {
            let mut new = NewContacts::begin(&tx, &now, &user)?;
            let mut known = tx.prepare_cached("SELECT 1 FROM contacts WHERE uuid = ?1")?;
            let mut refused = false;
            let mut read = 0u64;
            for r in rows {
                let Some(r) = r.filter(|_| !refused) else {
                    refused = true;
                    continue;
                };
                read += 1;
                if read.is_multiple_of(4096) {
                    progress(read);
                }
                if let Some(u) = &r.uuid
                    && known.exists([u])?
                {
                    written.already_there += 1;
                    continue;
                }
                let c = &r.contact;
                dates::check(DateField::ContactDate, c.on)?;
                if let Some(f) = &r.follow_up {
                    dates::check(DateField::FollowUpDue, f.due)?;
                }
                let staged = new.stage(NewContactRow {
                    uuid: r.uuid.clone().unwrap_or_else(ordered_uuid),
                    given: r.uuid.is_some(),
                    customer: c.customer.0,
                    kind: &c.kind,
                    on: iso(c.on),
                    at: r.time.map(|t| t.format("%H:%M").to_string()),
                    person: &c.person,
                    summary: &c.summary,
                    outcome: &c.outcome,
                    follow_up: r
                        .follow_up
                        .as_ref()
                        .map(|f| (ordered_uuid(), f.what.as_str(), iso(f.due), f.done_at.map(datetime_text))),
                })?;
                if !staged {
                    written.already_there += 1;
                    continue;
                }
                if touched.last() != Some(&c.customer.0) {
                    touched.push(c.customer.0);
                }
            }
            if refused {
                // Dropping the transaction rolls back what was written.
                return Ok(None);
            }
            (written.added, written.follow_ups) = new.finish()?;
        }
        // Every row is written: what is left is the schedules and the commit.
        progress(written.added);
        super::schedules::refresh_schedules(&tx, &scheme, &touched)?;
        super::notes::resume_index(&tx, paused)?;
        super::audit::end_bulk(&tx, bulk)?;
        tx.commit()?;
        Ok(Some(written))
    }
}
