//! The command line's own refusals (a bad argument, a file in the way) follow --lang, as the
//! book's errors do; the English words are unchanged.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use crate::common::{fixture, tierdesk_bin};

/// Exit code and stderr of the real binary on the fixture book, in `lang`.
fn refused(dir: &Path, lang: &str, args: &[&str]) -> (i32, String) {
    let out = tierdesk_bin(dir).args(["--lang", lang]).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).to_string())
}

#[test]
fn argument_refusals_are_worded_in_chinese_under_lang_zh_and_unchanged_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    drop(store);
    let taken = dir.path().join("taken.sqlite");
    std::fs::write(&taken, b"").unwrap();
    let taken = taken.to_str().unwrap();
    // (arguments, the Chinese words, the English words)
    let cases: [(&[&str], &str, &str); 6] = [
        (&["log", "K1", "--kind", "call", "--date", "yesterday"], "不是有效日期", "is not a real date"),
        (
            &["log", "K1", "--kind", "call", "--follow-up", "报价"],
            "需要同时给出 --follow-up-due",
            "needs --follow-up-due",
        ),
        (&["due", "--date", "2026-02-30"], "不是有效日期", "is not a real date"),
        (&["search", "  "], "查找内容是空的", "the search pattern is empty"),
        (&["tier", "K1", "B", "--reason", " "], "请写明调整级别的原因", "say why the tier changes"),
        (&["backup", taken], "已存在；加上 --force", "already exists; add --force"),
    ];
    for (args, zh, en) in cases {
        let (code, text) = refused(dir.path(), "zh", args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(zh), "{args:?} under --lang zh: {text}");
        let (code, text) = refused(dir.path(), "en", args);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(en), "{args:?} in English: {text}");
    }
    assert!(path.exists());
}
