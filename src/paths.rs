//! Where the book and the config live: `--db`, else `$TIERDESK_DB`, else the platform's
//! data folder; the config in the platform's config folder (or `$TIERDESK_CONFIG`).

use std::path::PathBuf;

use directories::ProjectDirs;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "tierdesk")
}

/// No `--db`, no `$TIERDESK_DB` and no home folder to keep the book in.
#[derive(Debug, thiserror::Error)]
#[error("cannot find a home folder for the book; pass --db PATH")]
pub struct NoHomeFolder;

/// The book to open: the flag wins, then the environment, then the platform default.
pub fn book_path(flag: Option<PathBuf>) -> Result<PathBuf, NoHomeFolder> {
    if let Some(p) = flag {
        return Ok(p);
    }
    if let Some(p) = std::env::var_os("TIERDESK_DB").filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    project_dirs().map(|d| d.data_dir().join("book.sqlite")).ok_or(NoHomeFolder)
}

/// The folder holding `config.toml` and `keymap.toml`.
pub fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TIERDESK_CONFIG_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|d| d.config_dir().to_path_buf())
}
