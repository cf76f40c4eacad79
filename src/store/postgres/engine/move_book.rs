//! `export all` and `import all` on the team book. A team book takes a solo book through
//! `team import-book` (its own owners, row-level security, its own history of the import),
//! so `import all` is refused there with that pointer.

use std::io::{Read, Write};

use super::PgStore;
use crate::store::move_book::{Exported, MoveProblem, Moved};
use crate::store::prelude::*;
use crate::store::{Result, StoreError};

impl Moves for PgStore {
    fn export_all(&self, _out: &mut dyn Write) -> Result<Exported> {
        Err(StoreError::Move(MoveProblem::TeamBook))
    }

    fn import_all(&mut self, _input: &mut dyn Read) -> Result<Moved> {
        Err(StoreError::Move(MoveProblem::TeamBook))
    }
}
