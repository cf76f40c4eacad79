//! The domain stays pure: no terminal, no SQL, no clock, no config directories.
//!
//! The domain is a crate of its own (crates/domain), so what it may use is what its
//! Cargo.toml lets it use: a crate that is not a dependency cannot be named, so the compiler
//! refuses any use of it. chrono comes without its "clock"/"now" features, so
//! `Local::now()` and `Utc::now()` do not exist when the domain is built on its own
//! (`cargo test -p tierdesk-domain`, `cargo check -p tierdesk-domain`). Built together with
//! the main crate, Cargo unifies chrono's features and the clock is back: the clock half of
//! the guarantee holds only in the domain's own build, which CI must run.
//! This test guards the manifest, the one place a dependency or a feature could come back in.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

/// Crates the domain must not depend on: the terminal, SQL, the user's directories.
const FORBIDDEN_CRATES: &[&str] =
    &["rusqlite", "libsqlite3-sys", "ratatui", "crossterm", "directories", "postgres", "tokio-postgres", "tierdesk"];

/// chrono features that read the clock (`now` is `Utc::now`, `clock` adds `Local::now`;
/// `default` turns `clock` on, `wasmbind` reads the browser's clock).
const CLOCK_FEATURES: &[&str] = &["clock", "now", "default", "wasmbind"];

/// Every problem with a domain manifest, one line each; empty when it is pure.
fn offences(manifest: &str) -> Vec<String> {
    let doc: toml::Table = match manifest.parse() {
        Ok(doc) => doc,
        Err(e) => return vec![format!("not a readable Cargo.toml: {e}")],
    };
    let mut out = Vec::new();
    for (section, deps) in dependency_tables(&doc) {
        for (key, spec) in deps {
            // `alias = { package = "rusqlite" }` is still rusqlite.
            let name = spec.get("package").and_then(|p| p.as_str()).unwrap_or(key);
            if FORBIDDEN_CRATES.contains(&name) {
                out.push(format!("{section}: {name}"));
            }
            if name == "chrono" {
                out.extend(chrono_offences(spec).into_iter().map(|o| format!("{section}: chrono {o}")));
            }
        }
    }
    out
}

/// The tables that bring code into the domain's library: its dependencies and build
/// dependencies, also per target. (dev-dependencies only reach its tests.)
fn dependency_tables(doc: &toml::Table) -> Vec<(String, &toml::Table)> {
    let wanted = ["dependencies", "build-dependencies"];
    let mut out: Vec<(String, &toml::Table)> =
        wanted.iter().filter_map(|w| doc.get(*w)?.as_table().map(|t| (w.to_string(), t))).collect();
    for (target, table) in doc.get("target").and_then(|t| t.as_table()).into_iter().flatten() {
        for w in wanted {
            if let Some(t) = table.get(w).and_then(|t| t.as_table()) {
                out.push((format!("target.{target}.{w}"), t));
            }
        }
    }
    out
}

/// chrono must come without its default features and without any feature that reads the clock.
fn chrono_offences(spec: &toml::Value) -> Vec<String> {
    let Some(spec) = spec.as_table() else {
        return vec!["with its default features (which read the clock)".into()];
    };
    let mut out = Vec::new();
    if spec.get("default-features").and_then(|d| d.as_bool()) != Some(false) {
        out.push("with its default features (which read the clock)".into());
    }
    let features = spec.get("features").and_then(|f| f.as_array()).into_iter().flatten();
    for f in features.filter_map(|f| f.as_str()).filter(|f| CLOCK_FEATURES.contains(f)) {
        out.push(format!("with feature \"{f}\""));
    }
    out
}

#[test]
fn the_domain_crate_depends_on_no_terminal_sql_directories_or_clock() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/domain/Cargo.toml");
    let manifest = std::fs::read_to_string(&path).unwrap();
    assert!(manifest.contains("name = \"tierdesk-domain\""), "{} is the domain's manifest", path.display());
    assert_eq!(offences(&manifest), Vec::<String>::new(), "{}", path.display());
}

#[test]
fn the_check_refuses_a_forbidden_dependency_even_under_another_name() {
    let manifest = r#"
        [dependencies]
        ratatui = "0.30"
        db = { package = "rusqlite", version = "0.43" }
        [target.'cfg(unix)'.dependencies]
        crossterm = "0.29"
        [dev-dependencies]
        directories = "6"
    "#;
    assert_eq!(
        offences(manifest),
        ["dependencies: rusqlite", "dependencies: ratatui", "target.cfg(unix).dependencies: crossterm"]
    );
}

#[rstest::rstest]
#[case::plain_version(r#"chrono = "0.4""#, &["dependencies: chrono with its default features (which read the clock)"])]
#[case::defaults_kept(r#"chrono = { version = "0.4", features = ["std"] }"#, &["dependencies: chrono with its default features (which read the clock)"])]
#[case::clock_asked_for(
    r#"chrono = { version = "0.4", default-features = false, features = ["std", "clock"] }"#,
    &["dependencies: chrono with feature \"clock\""]
)]
#[case::now_asked_for(r#"chrono = { version = "0.4", default-features = false, features = ["now"] }"#, &["dependencies: chrono with feature \"now\""])]
#[case::pure(r#"chrono = { version = "0.4", default-features = false, features = ["std"] }"#, &[])]
fn the_check_refuses_chrono_with_the_clock(#[case] line: &str, #[case] want: &[&str]) {
    assert_eq!(offences(&format!("[dependencies]\n{line}\n")), want);
}
