//! A consistent copy of the book while it may be in use, through SQLite's online backup:
//! every page copied in one step under one read transaction (in WAL mode writers go on
//! meanwhile and a step is never restarted), into a private temporary file beside the
//! target that is renamed over it only once complete.

use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::private_file::PrivateFile;

impl Backups for Store {
    fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |source| StoreError::Io { path: dest.to_path_buf(), source };
        let partial = PrivateFile::create(dest).map_err(io)?;
        self.copy_into(partial.path())?;
        partial.commit().map_err(io)
    }
}

impl Store {
    fn copy_into(&self, partial: &Path) -> Result<()> {
        let mut dst = Connection::open(partial)?;
        {
            let backup = Backup::new(&self.conn, &mut dst)?;
            // -1: all pages in one step, a snapshot no concurrent writer can restart. A step
            // that finds the book locked (another program mid-checkpoint) is tried again.
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                match backup.step(-1)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ if Instant::now() > deadline => return Err(StoreError::Busy),
                    _ => std::thread::sleep(Duration::from_millis(50)),
                }
            }
        }
        // The copy is one self-contained file, not a WAL database expecting -wal/-shm files.
        let _: String = dst.query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))?;
        dst.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }
}
