//! Writing a file that holds customer data (an export, the due calendar, a backup): readable
//! by its owner alone (0600, whatever the umask), written into a temporary file in the same
//! folder and renamed over the target only once complete. A failed or interrupted write
//! leaves nothing behind, and an older file of the same name stays as it was.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A private file being written; `commit` puts it in place, dropping it throws it away.
pub struct PrivateFile {
    tmp: NamedTempFile,
    dest: PathBuf,
}

impl PrivateFile {
    /// Start writing `dest`: a temporary `.NAME.<random>.partial` beside it, created 0600
    /// (tempfile's own mode, which no umask widens).
    pub fn create(dest: &Path) -> io::Result<Self> {
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".partial").tempfile_in(folder(dest))?;
        Ok(Self { tmp, dest: dest.to_path_buf() })
    }

    /// Where the content is being written (for writers that open files by name, as SQLite).
    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn file(&mut self) -> &mut File {
        self.tmp.as_file_mut()
    }

    /// The content is complete: make it durable, then rename it over `dest`.
    pub fn commit(self) -> io::Result<()> {
        self.tmp.as_file().sync_all()?;
        self.tmp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(())
    }
}

/// The folder `dest` is written in ("." for a bare file name).
pub fn folder(dest: &Path) -> &Path {
    match dest.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// An existing target that is not a regular file (a pipe, `/dev/stdout`, a terminal): it is
/// written straight into, since there is no file on disk to leave half-written or to share.
pub fn is_stream(dest: &Path) -> bool {
    std::fs::metadata(dest).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_committed_file_replaces_the_old_one_and_an_abandoned_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("out.csv");
        std::fs::write(&dest, "old").unwrap();
        let mut f = PrivateFile::create(&dest).unwrap();
        f.file().write_all(b"half").unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
        let mut f = PrivateFile::create(&dest).unwrap();
        f.file().write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&dest).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
