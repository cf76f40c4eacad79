//! Books in and out: imports (every row or none) and exports.

use std::ops::ControlFlow;

use super::super::import::Written;
use super::super::{ExportedContact, ExportedCustomer, ExportedFollowUp, Result, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::import::CustomerIndex;
use crate::domain::import::contacts::ContactRecord;
use crate::domain::import::customers::Action;
use crate::domain::import::follow_ups::FollowUpImport;

/// Imports: every row or none, checked against the book under the write lock.
pub trait Imports {
    /// The book's customers as an import finds them: by uuid, ref and exact name (for a dry
    /// run; a real import reads them through `begin_customers_import`).
    fn customer_index(&self) -> Result<CustomerIndex>;

    /// Take the write lock for a customers import. An import waits its turn behind another
    /// one (checking and writing a large file holds the lock for seconds) for up to a minute
    /// instead of the few seconds a person typing is made to wait.
    fn begin_customers_import(&mut self) -> Result<Box<dyn CustomersImport + '_>>;

    /// Write a customers import planned elsewhere: every action or none (see
    /// `CustomersImport::write`). New customers of a file without an owner column are the
    /// signed-in person's; an owner named who is no person yet becomes one (a manager).
    fn import_customers(&mut self, actions: &[Action], progress: &mut dyn FnMut(u64)) -> Result<Written>;

    /// Write checked contacts (and the follow-ups they promised) in one transaction; each
    /// touched customer's schedule is refreshed once, at the end. The rows are checked as
    /// they come (one pass over a file): `None` stands for a row that failed its check. From
    /// then on nothing more is written, the rest of `rows` is still read (so that the caller
    /// can list every bad row), and the transaction is rolled back: `Ok(None)`. `progress`
    /// is told how many rows are written, now and then, and the total once all are (before
    /// the schedules are refreshed and the transaction committed).
    fn import_contacts(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<ContactRecord>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>>;

    /// Write checked follow-ups (with or without a contact, as an exported follow-ups file
    /// holds them) in one transaction, as `import_contacts` writes contacts: `None` stands
    /// for a row that failed its check, and from then on nothing is written (`Ok(None)`). A
    /// follow-up whose uuid the book already has is left as it is (so importing one file
    /// twice adds nothing): `Written::added` counts the ones written. They are the signed-in
    /// person's; each touched customer's schedule is refreshed once, at the end.
    fn import_follow_ups(
        &mut self,
        rows: &mut dyn Iterator<Item = Option<FollowUpImport>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<Option<Written>>;

    /// How many of these contact uuids the book has already (for a dry run's preview: those
    /// rows would be skipped).
    fn contacts_already_there(&self, uuids: &[String]) -> Result<u64>;
}

/// A customers import under way: it holds the write lock from `begin_customers_import` on,
/// so the book its duplicate check reads is the book its rows are written to. Dropped
/// without `write`, it writes nothing.
pub trait CustomersImport {
    /// The book's customers, read under the write lock.
    fn customer_index(&self) -> Result<CustomerIndex>;

    /// Write the planned actions: every one or none. A new customer keeps the file's uuid
    /// when it gives one; a changed tier is recorded with the reason "import". `progress` is
    /// told how many actions are written, now and then, and the total once all are.
    fn write(self: Box<Self>, actions: &[Action], progress: &mut dyn FnMut(u64)) -> Result<Written>;
}

/// Exports: every customer and contact, as files carry them.
pub trait Exports {
    /// Every customer with its uuid, in id order.
    fn export_customers(&self) -> Result<Vec<ExportedCustomer>>;

    /// Every contact in id order, each with the first follow-up promised in it, handed to
    /// `each` one at a time (a big book holds millions).
    fn export_contacts(&self, each: &mut dyn FnMut(&ExportedContact) -> ControlFlow<()>) -> Result<()>;

    /// A customer's uuid (stable across exports and books).
    fn customer_uuid(&self, id: CustomerId) -> Result<Option<String>>;

    /// Every follow-up (with or without a contact) in id order, handed to `each` one at a
    /// time; done times RFC 3339 with an offset.
    fn export_follow_ups(&self, each: &mut dyn FnMut(&ExportedFollowUp) -> ControlFlow<()>) -> Result<()>;
}

/// `Exports::export_follow_ups` for a caller whose own step can fail (writing a file).
pub fn export_follow_ups_until<E: From<StoreError>>(
    book: &(impl Exports + ?Sized),
    mut each: impl FnMut(&ExportedFollowUp) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut failed = None;
    book.export_follow_ups(&mut |f| match each(f) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    })?;
    failed.map_or(Ok(()), Err)
}

/// `Exports::export_contacts` for a caller whose own step can fail (writing a file): the
/// first failure stops the export and is returned.
pub fn export_contacts_until<E: From<StoreError>>(
    book: &(impl Exports + ?Sized),
    mut each: impl FnMut(&ExportedContact) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut failed = None;
    book.export_contacts(&mut |c| match each(c) {
        Ok(()) => ControlFlow::Continue(()),
        Err(e) => {
            failed = Some(e);
            ControlFlow::Break(())
        }
    })?;
    failed.map_or(Ok(()), Err)
}
