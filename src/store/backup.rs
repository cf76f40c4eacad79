//! A consistent copy of the book while it may be in use, through SQLite's online backup:
//! every page copied in one step under one read transaction (in WAL mode writers go on
//! meanwhile and a step is never restarted), into a private file beside the target that is
//! renamed over it only once complete.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::{Result, Store, StoreError};

impl Store {
    /// Copy the book to `dest` (mode 0600), replacing a file already there. Callers decide
    /// whether replacing is allowed; the book itself is never a valid `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let io = |source| StoreError::Io { path: dest.to_path_buf(), source };
        let partial = partial_path(dest);
        let _ = std::fs::remove_file(&partial);
        create_private(&partial).map_err(io)?;
        let copied = self.copy_into(&partial);
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        if let Err(e) = std::fs::rename(&partial, dest) {
            let _ = std::fs::remove_file(&partial);
            return Err(io(e));
        }
        restrict(dest).map_err(io)
    }

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

/// `.NAME.partial` beside `dest`.
fn partial_path(dest: &Path) -> PathBuf {
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
    dest.with_file_name(format!(".{name}.partial"))
}

#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new().write(true).create_new(true).mode(0o600).open(path).map(|_| ())
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> std::io::Result<()> {
    OpenOptions::new().write(true).create_new(true).open(path).map(|_| ())
}

#[cfg(unix)]
fn restrict(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn restrict(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
