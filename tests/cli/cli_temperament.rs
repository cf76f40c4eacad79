//! A customer's temperament (顾客类型) through the real binary, on a book file and on a team
//! book: `customer add|edit --temperament`, `customer show` (text and JSON), the import's
//! temperament column and the export's, a temperament file of one's own in the config
//! folder, and the refusals (an unknown temperament, a bad file).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::{Value, json};

fn run(b: &TestBook, args: &[&str]) -> (Option<i32>, String, String) {
    let out = b.cmd().args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn ok(b: &TestBook, args: &[&str]) -> String {
    let (code, out, err) = run(b, args);
    assert_eq!(code, Some(0), "{args:?}: {err}");
    out
}

fn show(b: &TestBook, who: &str) -> Value {
    serde_json::from_str::<Value>(&ok(b, &["customer", "show", who, "--format", "json"])).unwrap()["temperament"]
        .clone()
}

/// The shipped advice of `key` in English.
fn advice(key: &str) -> String {
    tierdesk::data::temperaments().get(key).unwrap().advice_en.clone()
}

on_both_engines! {
fn edit_sets_changes_clears_and_refuses_an_unknown_temperament(book: &TestBook) {
    ok(book, &["customer", "add", "--name", "Alpha", "--tier", "B", "--ref", "K-1"]);
    assert_eq!(show(book, "K-1"), Value::Null);
    assert!(ok(book, &["customer", "show", "K-1"]).contains("Temperament: (not set)\n"));

    ok(book, &["customer", "edit", "K-1", "--temperament", "haggler"]);
    assert_eq!(show(book, "K-1"), json!({"key": "haggler", "name": "haggler", "advice": advice("haggler")}));
    let zh = ok(book, &["--lang", "zh", "customer", "show", "K-1"]);
    assert!(zh.contains("顾客类型：杀价型\n应对建议：守住价格"), "{zh}");

    // by its Chinese name, and by its English name with a hyphen
    ok(book, &["customer", "edit", "Alpha", "--temperament", "沉默型"]);
    assert_eq!(show(book, "K-1")["key"], "silent");
    ok(book, &["customer", "edit", "Alpha", "--temperament", "Short-Tempered"]);
    assert_eq!(show(book, "K-1")["key"], "short_tempered");

    // unknown: refused naming the valid keys, nothing changed
    let (code, out, err) = run(book, &["customer", "edit", "K-1", "--temperament", "grumpy"]);
    assert_eq!((code, out.as_str()), (Some(2), ""));
    assert!(
        err.contains("--temperament: unknown temperament \"grumpy\"; choose one of silent, talkative, amiable"),
        "{err}"
    );
    assert!(err.contains("hard_up (or none to clear it)"), "{err}");
    assert_eq!(show(book, "K-1")["key"], "short_tempered");

    // the change is an edit of the customer in the audit log
    let s = book.open();
    let id = s.find_customers("K-1").unwrap()[0].id;
    let log = s.audit_of(id, 50).unwrap();
    let changed: Vec<_> = log
        .iter()
        .flat_map(|e| e.fields.iter())
        .filter(|f| f.field == "temperament")
        .map(|f| (f.old.clone(), f.new.clone()))
        .collect();
    assert_eq!(changed[0], (Some("silent".into()), Some("short_tempered".into())), "newest first: {changed:?}");
    assert_eq!(changed.len(), 3, "{changed:?}");
    drop(s);

    // none and "" clear it
    ok(book, &["customer", "edit", "K-1", "--temperament", "none"]);
    assert_eq!(show(book, "K-1"), Value::Null);
    ok(book, &["customer", "edit", "K-1", "--temperament", "amiable"]);
    ok(book, &["customer", "edit", "K-1", "--temperament", ""]);
    assert_eq!(show(book, "K-1"), Value::Null);
}

fn add_takes_a_temperament_too(book: &TestBook) {
    ok(book, &["customer", "add", "--name", "Bravo", "--tier", "C", "--temperament", "proud"]);
    assert_eq!(show(book, "Bravo")["name"], "proud");
    let (code, _, err) = run(book, &["customer", "add", "--name", "Charlie", "--tier", "C", "--temperament", "x"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(run(book, &["customer", "show", "Charlie"]).0, Some(2), "nothing was added");
}

fn import_reads_a_temperament_column_and_export_writes_it(book: &TestBook) {
    let file = book.dir().join("in.csv");
    std::fs::write(&file, "名称,顾客类型\n甲,haggler\n乙,经济困难型\n丙,\n").unwrap();
    ok(book, &["import", "customers", file.to_str().unwrap()]);
    assert_eq!(show(book, "甲")["key"], "haggler");
    assert_eq!(show(book, "乙")["key"], "hard_up");
    assert_eq!(show(book, "丙"), Value::Null);

    // an unknown value is refused with its row, and nothing of the file is written
    std::fs::write(&file, "name,temperament\n丁,haggler\n戊,grumpy\n").unwrap();
    let (code, _, err) = run(book, &["import", "customers", file.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("line 3") && err.contains("unknown temperament \"grumpy\""), "{err}");
    assert_eq!(run(book, &["customer", "show", "丁"]).0, Some(2), "nothing was written");

    let csv = ok(book, &["export", "customers"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",uuid,temperament"), "{csv}");
    let rows: Vec<&str> = lines.map(|l| l.rsplit(',').next().unwrap()).collect();
    assert_eq!(rows, ["haggler", "hard_up", ""]);
}

fn a_temperament_file_of_ones_own_replaces_the_list_and_a_bad_one_is_refused(book: &TestBook) {
    ok(book, &["customer", "add", "--name", "Alpha", "--tier", "B"]);
    let config = book.dir().join("config");
    std::fs::create_dir_all(&config).unwrap();
    let own = config.join("temperaments.toml");
    std::fs::write(
        &own,
        "[[temperament]]\nkey = \"calm\"\nzh = \"冷静型\"\nen = \"calm\"\nadvice_zh = \"慢慢谈。\"\nadvice_en = \"Go slowly.\"\n",
    )
    .unwrap();
    let (code, _, err) = run(book, &["customer", "edit", "Alpha", "--temperament", "haggler"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("choose one of calm (or none"), "{err}");
    ok(book, &["customer", "edit", "Alpha", "--temperament", "冷静型"]);
    assert_eq!(show(book, "Alpha"), json!({"key": "calm", "name": "calm", "advice": "Go slowly."}));

    std::fs::write(&own, "[[temperament]]\nkey = \"calm\"\nzh = \"冷静型\"\ncolour = \"blue\"\n").unwrap();
    let (code, _, err) = run(book, &["customer", "show", "Alpha"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains(&format!("{}, line 4: unknown field `colour`", own.display())), "{err}");
}
}
