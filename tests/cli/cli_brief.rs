//! `tierdesk brief` (issue 14 point 1) through the real binary, on a book file and on a team
//! book: who, why this tier, the last five contacts, open follow-ups, the risk assessment, as
//! text, JSON and Markdown. Today is fixed at Monday 2026-11-23; the default scheme.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;

use serde_json::Value;

/// Answers to the risk questionnaire that score 54, "steady".
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = b.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(b: &TestBook, args: &[&str]) -> Value {
    serde_json::from_str(&ok(b, args)).unwrap()
}

/// Gamma (B, ref G-1): six contacts 11-01 .. 11-06 (the brief keeps the last five), a
/// follow-up due 11-20 (3 days late), moved from C to B with a reason, assessed 2024-11-01
/// (expired 2026-11-01). Delta (C): nothing but the customer.
fn fill(b: &TestBook) {
    ok(
        b,
        &[
            "customer",
            "add",
            "--name",
            "Gamma",
            "--tier",
            "C",
            "--ref",
            "G-1",
            "--created",
            "2026-01-05",
            "--company",
            "Gamma Trading",
            "--phone",
            "0755-1234",
            "--region",
            "华南",
        ],
    );
    ok(b, &["customer", "add", "--name", "Delta", "--tier", "C", "--created", "2026-01-05"]);
    for day in 1..=6 {
        let date = format!("2026-11-0{day}");
        ok(b, &["log", "G-1", "--kind", "call", "--date", &date, "--note", &format!("call number {day}")]);
    }
    ok(
        b,
        &[
            "log",
            "G-1",
            "--kind",
            "visit",
            "--date",
            "2026-11-06",
            "--note",
            "asked about the bond fund",
            "--follow-up",
            "send the bond fund leaflet",
            "--follow-up-due",
            "2026-11-20",
        ],
    );
    ok(b, &["tier", "G-1", "B", "--reason", "orders doubled this year"]);
    ok(b, &["assess", "G-1", "--answers", STEADY, "--date", "2024-11-01"]);
    ok(b, &["customer", "add", "--name", "Echo", "--tier", "C", "--created", "2026-01-05"]);
    ok(b, &["assess", "Echo", "--answers", STEADY, "--date", "2026-06-01"]);
}

on_both_engines! {
fn the_brief_holds_who_why_contacts_follow_ups_and_risk(book: &TestBook) {
    fill(book);
    let j = json(book, &["brief", "G-1", "--format", "json"]);
    for key in
        ["customer", "why_tier", "contacts", "follow_ups", "risk", "terms", "temperament", "suitable_levels", "products"]
    {
        assert!(j.get(key).is_some(), "{key} missing: {j:#}");
    }
    assert_eq!((j["customer"]["name"].as_str(), j["customer"]["tier"].as_str()), (Some("Gamma"), Some("B")));
    assert_eq!(j["customer"]["owner"], book.person().as_str());
    let change = &j["why_tier"]["last_change"];
    assert_eq!((change["from"].as_str(), change["to"].as_str()), (Some("C"), Some("B")), "{j:#}");
    assert_eq!(change["reason"], "orders doubled this year");
    // Seven contacts were logged: the five newest, newest first.
    let contacts = j["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 5, "{j:#}");
    let dates: Vec<&str> = contacts.iter().map(|c| c["date"].as_str().unwrap()).collect();
    assert_eq!(dates[0], "2026-11-06");
    assert_eq!(dates[4], "2026-11-03");
    assert!(contacts.iter().any(|c| c["summary"] == "asked about the bond fund"), "{j:#}");
    let fu = &j["follow_ups"][0];
    assert_eq!((fu["what"].as_str(), fu["days_overdue"].as_i64()), (Some("send the bond fund leaflet"), Some(3)));
    let risk = &j["risk"];
    assert_eq!((risk["category"].as_str(), risk["score"].as_u64()), (Some("steady"), Some(54)));
    assert_eq!((risk["expires_on"].as_str(), risk["expired"].as_bool()), (Some("2026-11-01"), Some(true)));

    let text = ok(book, &["brief", "Gamma"]);
    assert!(text.starts_with("Visit brief: Gamma\n"), "{text}");
    for part in [
        "Tier B · Major",
        "Company: Gamma Trading",
        "Region: 华南",
        "Ref: G-1",
        "moved it C → B: orders doubled this year",
        "2026-11-06  visit  asked about the bond fund",
        "! 2026-11-20  send the bond fund leaflet (3 days late)",
        "! Steady (54 points, assessed 2024-11-01); expired 2026-11-01",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
    assert!(!text.contains("call number 1"), "only the last five contacts: {text}");
    let zh = ok(book, &["--lang", "zh", "brief", "G-1"]);
    assert!(zh.starts_with("拜访简报：Gamma\n") && zh.contains("为何是这个级别") && zh.contains("最近联系"), "{zh}");
}

fn the_brief_has_the_temperament_and_the_terms_with_a_drop(book: &TestBook) {
    fill(book);
    // No temperament yet: null, and the text says how to set one.
    let j = json(book, &["brief", "G-1", "--format", "json"]);
    assert_eq!(j["temperament"], Value::Null, "{j:#}");
    assert!(ok(book, &["brief", "G-1"]).contains("Not set (tierdesk customer edit --temperament sets one)"));
    ok(book, &["customer", "edit", "G-1", "--temperament", "haggler"]);
    // Two late payments in 2026 Q3: B's payment terms drop one level from the day after.
    ok(book, &["payment", "late", "G-1", "--date", "2026-07-14"]);
    ok(book, &["payment", "late", "G-1", "--date", "2026-09-02"]);
    let j = json(book, &["brief", "G-1", "--format", "json"]);
    assert_eq!(j["temperament"]["key"], "haggler", "{j:#}");
    assert!(!j["temperament"]["advice"].as_str().unwrap().is_empty(), "{j:#}");
    let terms = &j["terms"];
    assert_eq!(terms["price_pct"], -3, "B: up to 3% off: {j:#}");
    assert_eq!(terms["base_payment"]["level"], 1, "{j:#}");
    assert_eq!(terms["payment"]["level"], 2, "one level down: {j:#}");
    assert_eq!(terms["drop"]["since"], "2026-09-03", "{j:#}");
    let text = ok(book, &["brief", "G-1"]);
    let temperament = text.find("\nTemperament\n").unwrap();
    assert!(temperament < text.find("\nWhy this tier\n").unwrap(), "how to handle them comes early: {text}");
    assert!(text.contains("\nTerms\n"), "{text}");
    assert!(text.contains("! Payment: "), "the dropped payment terms are marked: {text}");
    assert!(text.contains("2026 Q3"), "the drop's reason names the quarter: {text}");
    let zh = ok(book, &["--lang", "zh", "brief", "G-1"]);
    assert!(zh.contains("顾客类型") && zh.contains("交易条件"), "{zh}");
}

fn the_brief_lists_the_levels_and_products_that_suit(book: &TestBook) {
    fill(book);
    // Steady is a C3 investor: R1 to R3 suit, the shipped catalogue's R4 and R5 do not.
    let j = json(book, &["brief", "Echo", "--format", "json"]);
    assert_eq!(j["suitable_levels"], serde_json::json!(["R1", "R2", "R3"]), "{j:#}");
    let products = j["products"].as_array().unwrap();
    assert!(products.len() >= 10, "the shipped catalogue: {j:#}");
    for p in products {
        let level: u8 = p["level"].as_str().unwrap()[1..].parse().unwrap();
        assert_eq!(p["suitable"], level <= 3, "{p}");
        assert_eq!(p["verdict"], if level <= 3 { "suitable" } else { "unsuitable" }, "{p}");
    }
    // A recommendation made shows its product among the contacts.
    ok(book, &["log", "Echo", "--kind", "recommendation", "--product", "BOND01", "--date", "2026-11-20"]);
    let j = json(book, &["brief", "Echo", "--format", "json"]);
    assert_eq!((j["contacts"][0]["kind"].as_str(), j["contacts"][0]["product"].as_str()), (Some("recommendation"), Some("BOND01")));
    let text = ok(book, &["brief", "Echo"]);
    assert!(text.contains("2026-11-20  recommendation  recommended BOND01 "), "{text}");
    assert!(text.contains("Products that suit\n  A C3 investor: may be offered R1–R3\n  R1  "), "{text}");
    assert!(!text.contains("  R4  "), "{text}");
    // Expired: unknown, never suitable.
    let j = json(book, &["brief", "G-1", "--format", "json"]);
    assert_eq!(j["suitable_levels"], serde_json::json!([]), "{j:#}");
    assert!(j["products"].as_array().unwrap().iter().all(|p| p["verdict"] == "unknown" && p["suitable"] == false));
    let text = ok(book, &["brief", "G-1"]);
    assert!(text.contains("! Suitability unknown (the assessment expired 2026-11-01)"), "{text}");
}

fn a_customer_with_nothing_recorded_gets_a_brief_that_says_so(book: &TestBook) {
    fill(book);
    let j = json(book, &["brief", "Delta", "--format", "json"]);
    assert_eq!((j["risk"].clone(), j["contacts"].as_array().unwrap().len()), (Value::Null, 0), "{j:#}");
    let text = ok(book, &["brief", "Delta"]);
    for part in ["No contact recorded yet", "No open follow-up", "! Never assessed", "! Suitability unknown (never assessed)"] {
        assert!(text.contains(part), "{part}: {text}");
    }
    let out = book.cmd().args(["brief", "Nobody"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no customer with the id, ref or name \"Nobody\""));
}

fn markdown_keeps_the_books_text_as_text(book: &TestBook) {
    fill(book);
    ok(book, &["customer", "edit", "Delta", "--company", "*Stars* & #hash [link](x)\u{1b}[31m"]);
    let md = ok(book, &["brief", "Delta", "--format", "md"]);
    assert!(md.starts_with("# Visit brief: Delta\n\n## Who\n\n- Tier C · Regular\n"), "{md}");
    assert!(md.contains("- Company: \\*Stars\\* & \\#hash \\[link\\](x)"), "{md}");
    assert!(!md.contains('\u{1b}'), "no escape sequence reaches the output: {md}");
    assert!(md.contains("- **Never assessed"), "lines to act on are bold: {md}");
}
}
