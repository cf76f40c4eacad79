//! The two faces stay apart: the terminal UI (src/ui) names nothing of the command line
//! (src/cli), and the command line nothing of the UI. What both need is a use case in
//! src/app; `main.rs` picks the face. This test reads the faces' sources and names every line
//! that reaches across.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// "file:line: text" for each line of the files under `face` that names `other`.
fn crossings(face: &str, other: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(face);
    let mut out = Vec::new();
    for file in sources(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, line) in text.lines().enumerate() {
            if other.iter().any(|o| line.contains(o)) {
                out.push(format!("{}:{}: {}", file.display(), i + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn the_ui_does_not_reach_into_the_command_line() {
    let found = crossings("ui", &["crate::cli", "tierdesk::cli", "super::cli"]);
    assert!(found.is_empty(), "src/ui uses src/cli:\n{}", found.join("\n"));
}

#[test]
fn the_command_line_does_not_reach_into_the_ui() {
    let found = crossings("cli", &["crate::ui", "tierdesk::ui", "super::ui"]);
    assert!(found.is_empty(), "src/cli uses src/ui:\n{}", found.join("\n"));
}

#[test]
fn the_use_cases_reach_into_neither_face() {
    let found = crossings("app", &["crate::ui", "crate::cli"]);
    assert!(found.is_empty(), "src/app uses a face:\n{}", found.join("\n"));
}

/// Above the store, a book is a `dyn Book` whatever engine keeps it: the faces never name an
/// engine (the SQLite `Store`, the PostgreSQL `PgStore`) nor an engine's crate. Only opening a
/// book picks one (`app::context`, and the demo book, which is always a file).
#[test]
fn the_faces_know_the_book_by_its_interface_only() {
    let engines =
        ["store::Store;", "store::Store,", "store::Store}", "Store::open", "PgStore", "rusqlite", "postgres::Client"];
    for face in ["ui", "cli"] {
        let found: Vec<String> =
            crossings(face, &engines).into_iter().filter(|l| !l.contains("fresh_tests.rs")).collect();
        assert!(found.is_empty(), "src/{face} names a storage engine:\n{}", found.join("\n"));
    }
}
