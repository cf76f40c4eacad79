//! `tierdesk plan` through the real binary on both engines, against a plan worked out by
//! hand. Today is 2026-11-23; the default scheme: A weekly, B every 2 weeks, C monthly,
//! D yearly; score = bonus + tier weight (A 4 .. D 1) × (days late + 1).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::{Value, json};

fn add(b: &TestBook, name: &str, tier: &str, created: &str, extra: &[&str]) {
    let out =
        b.cmd().args(["customer", "add", "--name", name, "--tier", tier, "--created", created]).args(extra).output();
    let out = out.unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

fn log(b: &TestBook, args: &[&str]) {
    let out = b.cmd().arg("log").args(args).output().unwrap();
    assert!(out.status.success(), "log {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// | id | name | tier | region | last contact       | due            | late | score        |
/// |----|------|------|--------|--------------------|----------------|------|--------------|
/// | 1  | Ann  | A    | 东区   | call 11-10         | 11-17          | 6    | 4 × 7 = 28   |
/// | 2  | Ben  | A    | 西区   | call 11-13         | 11-20          | 3    | 4 × 4 = 16   |
/// | 3  | Cid  | B    | 东区   | none (made 10-01)  | 10-15          | 39   | 3 × 40 = 120 |
/// | 4  | Dot  | D    |        | visit 2025-11-23   | 11-23          | 0    | 1 × 1 = 1    |
/// | 5  | Eli  | C    | 北区   | call 11-20, follow-up "send the quote" due 11-22 | 1 | 20,000 + 2 × 2 |
/// | 6  | Fay  | A    | 东区   | call 11-15         | 11-22          | 1    | 4 × 2 = 8    |
/// | 7  | Gus  | A    | 西区   | call 11-20         | 11-27          | -4   | not due      |
///
/// Every tier has "any kind" rules: the A customers (the best tier) are visited while
/// visits are left, the others called.
fn fill(b: &TestBook) {
    add(b, "Ann", "A", "2026-01-01", &["--region", "东区", "--ref", "K-7"]);
    add(b, "Ben", "A", "2026-01-01", &["--region", "西区"]);
    add(b, "Cid", "B", "2026-10-01", &["--region", "东区"]);
    add(b, "Dot", "D", "2025-01-01", &[]);
    add(b, "Eli", "C", "2026-01-01", &["--region", "北区"]);
    add(b, "Fay", "A", "2026-01-01", &["--region", "东区"]);
    add(b, "Gus", "A", "2026-01-01", &["--region", "西区"]);
    log(b, &["Ann", "--kind", "call", "--date", "2026-11-10"]);
    log(b, &["Ben", "--kind", "call", "--date", "2026-11-13"]);
    log(b, &["Dot", "--kind", "visit", "--date", "2025-11-23"]);
    log(
        b,
        &[
            "Eli",
            "--kind",
            "call",
            "--date",
            "2026-11-20",
            "--follow-up",
            "send the quote",
            "--follow-up-due",
            "2026-11-22",
        ],
    );
    log(b, &["Fay", "--kind", "call", "--date", "2026-11-15"]);
    log(b, &["Gus", "--kind", "call", "--date", "2026-11-20"]);
}

fn plan_json(b: &TestBook, args: &[&str]) -> Vec<Value> {
    let out = b.cmd().args(["plan", "--format", "json"]).args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Value>(&out.stdout).unwrap().as_array().unwrap().clone()
}

/// Add `text` to the test's config file (made if missing, as on a team book).
fn configure(b: &TestBook, text: &str) {
    let file = b.dir().join("config/config.toml");
    std::fs::create_dir_all(b.dir().join("config")).unwrap();
    let before = std::fs::read_to_string(&file).unwrap_or_default();
    std::fs::write(&file, format!("{before}{text}")).unwrap();
}

on_both_engines! {
    fn the_plan_ranks_follow_ups_first_and_groups_visits_by_region(b: &TestBook) {
        fill(b);
        let rows = plan_json(b, &[]);
        let got: Vec<(&str, &str, &str, u64)> = rows
            .iter()
            .map(|r| (r["name"].as_str().unwrap(), r["kind"].as_str().unwrap(), r["region"].as_str().unwrap(), r["score"].as_u64().unwrap()))
            .collect();
        // visits: Ann (东区, 28) and Fay (东区, 8) together before Ben (西区, 16); then calls.
        assert_eq!(
            got,
            [
                ("Ann", "visit", "东区", 28),
                ("Fay", "visit", "东区", 8),
                ("Ben", "visit", "西区", 16),
                ("Eli", "call", "北区", 20_004),
                ("Cid", "call", "东区", 120),
                ("Dot", "call", "", 1),
            ]
        );
        // the keys, exactly, and why each is there; a customer added without a ref got the
        // pattern's next one (Ann's "K-7" is of another shape: fewer digits)
        assert_eq!(
            rows[0],
            json!({"customer_id": 1, "ref": "K-7", "name": "Ann", "tier": "A", "kind": "visit",
                   "region": "东区", "score": 28, "why": "A, 6 days late, every week"})
        );
        assert_eq!(rows[3]["why"], "C, follow-up 1 day late, send the quote");
        assert_eq!(rows[3]["ref"], "K-00004");
        assert_eq!(rows[4]["why"], "B, 39 days late, every 2 weeks");
        assert_eq!(rows[5]["why"], "D, due today, every year");
    }

    fn the_capacity_comes_from_the_config(b: &TestBook) {
        fill(b);
        configure(b, "[plan]\nvisits_per_day = 1\ncalls_per_day = 2\n");
        let names: Vec<(String, String)> = plan_json(b, &[])
            .iter()
            .map(|r| (r["name"].as_str().unwrap().to_string(), r["kind"].as_str().unwrap().to_string()))
            .collect();
        // Ann takes the one visit; Ben, an A customer too, would be called, but the two
        // calls went to Eli and Cid first.
        let want = [("Ann", "visit"), ("Eli", "call"), ("Cid", "call")];
        assert_eq!(names, want.map(|(n, k)| (n.to_string(), k.to_string())));
    }

    fn another_day_and_text_in_both_languages(b: &TestBook) {
        fill(b);
        // On 11-27 Gus (A) is due too: 4 days before, nothing of his was.
        let rows = plan_json(b, &["--date", "2026-11-27"]);
        assert!(rows.iter().any(|r| r["name"] == "Gus" && r["why"] == "A, due today, every week"), "{rows:?}");
        let out = b.cmd().args(["plan"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with("Plan for 2026-11-23: 3 visits, 3 calls (room for 3 / 15)"), "{text}");
        assert!(text.contains("A, 6 days late, every week"), "{text}");
        let out = b.cmd().args(["--lang", "zh", "plan"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("拜访") && text.contains("A，逾期 6 天，每周"), "{text}");
    }

    fn bad_input_is_one_clear_line(b: &TestBook) {
        fill(b);
        let out = b.cmd().args(["plan", "--date", "2026-13-01"]).output().unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("--date"), "{err}");
        configure(b, "[plan]\ncalls_per_day = 9999\n");
        let out = b.cmd().args(["plan"]).output().unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("config.toml") && err.contains("calls_per_day") && err.contains("line"), "{err}");
        assert!(out.stdout.is_empty());
    }
}
