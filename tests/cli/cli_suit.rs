//! Suitability through the real binary, on both engines: `tierdesk suit` (suitable,
//! unsuitable, unknown when never assessed or expired; exit 0 whatever the verdict),
//! `tierdesk import products` (upsert by code; a bad row refuses the file and writes
//! nothing), `tierdesk product list`, and `tierdesk log --kind recommendation --product`
//! (refused when it does not suit unless the customer's confirmation is given, which the
//! audit log then holds).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::books::TestBook;
use serde_json::Value;

// 54 points on either questionnaire: steady, C3 (see cli_assess.rs for the sums).
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";
// 100 points: aggressive, C4 on the three-band questionnaire, C5 on the five-band one.
const HIGH: &str = "A,E,E,E,E,E,E,E,E,ABCDE,E,E,D,D,D,D,E,D";

fn run(b: &TestBook, args: &[&str]) -> std::process::Output {
    b.cmd().args(args).output().unwrap()
}

fn ok(b: &TestBook, args: &[&str]) -> String {
    let out = run(b, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Refused with exit code 2; the message.
fn refused(b: &TestBook, args: &[&str]) -> String {
    let out = run(b, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

fn suit(b: &TestBook, args: &[&str]) -> Value {
    let mut all = vec!["suit"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    serde_json::from_str(&ok(b, &all)).unwrap()
}

/// 王芳 (#1) assessed steady (C3) on 2026-01-05; Acme (#2) never assessed.
fn fill(b: &TestBook) {
    ok(b, &["customer", "add", "--name", "王芳", "--tier", "A", "--ref", "K-9"]);
    ok(b, &["customer", "add", "--name", "Acme", "--tier", "C"]);
    ok(b, &["assess", "王芳", "--answers", STEADY, "--date", "2026-01-05"]);
}

fn audit_entries(b: &TestBook, customer: &str) -> usize {
    let v: Value = serde_json::from_str(&ok(b, &["history", customer, "--all", "--format", "json"])).unwrap();
    v.as_array().unwrap().len()
}

on_both_engines! {
    fn suit_says_suitable_unsuitable_or_unknown_with_why(b: &TestBook) {
        fill(b);
        let v = suit(b, &["K-9", "MIX001"]);
        assert_eq!((v["suitable"].as_bool(), v["verdict"].as_str()), (Some(true), Some("suitable")));
        assert_eq!((v["category"].as_str(), v["level"].as_str()), (Some("C3"), Some("R3")));
        assert_eq!((v["assessed_on"].as_str(), v["expires_on"].as_str()), (Some("2026-01-05"), Some("2028-01-05")));
        assert!(v["why"].as_str().unwrap().contains("suits a C3 investor"), "{v}");

        let v = suit(b, &["K-9", "EQF001"]);
        assert_eq!((v["suitable"].as_bool(), v["verdict"].as_str(), v["level"].as_str()), (Some(false), Some("unsuitable"), Some("R4")));
        assert!(v["why"].as_str().unwrap().contains("riskier than a C3 investor"), "{v}");

        // Never assessed: unknown, even for the safest product.
        let v = suit(b, &["Acme", "MMF001"]);
        assert_eq!((v["suitable"].as_bool(), v["verdict"].as_str(), v["category"].as_null()), (Some(false), Some("unknown"), Some(())));
        assert!(v["why"].as_str().unwrap().contains("no risk assessment"), "{v}");

        // Expired on 2028-01-05: unknown from that day, though the category is still shown.
        let v = suit(b, &["--today", "2028-01-04", "K-9", "MMF001"]);
        assert_eq!(v["verdict"].as_str(), Some("suitable"));
        let v = suit(b, &["--today", "2028-01-05", "K-9", "MMF001"]);
        assert_eq!((v["suitable"].as_bool(), v["verdict"].as_str(), v["category"].as_str()), (Some(false), Some("unknown"), Some("C3")));
        assert!(v["why"].as_str().unwrap().contains("expired on 2028-01-05"), "{v}");

        // The three-band aggressive is C4; the five-band questionnaire's 激进型 is C5.
        ok(b, &["assess", "Acme", "--answers", HIGH, "--date", "2026-02-01"]);
        assert_eq!(suit(b, &["Acme", "PE0001"])["verdict"].as_str(), Some("unsuitable"));
        ok(b, &["assess", "Acme", "--answers", HIGH, "--date", "2026-03-01", "--questionnaire", "risk_tolerance_c5"]);
        let v = suit(b, &["Acme", "PE0001"]);
        assert_eq!((v["verdict"].as_str(), v["category"].as_str()), (Some("suitable"), Some("C5")));

        // Text, in Chinese; an unknown product is refused naming the known codes.
        let text = ok(b, &["--lang", "zh", "suit", "K-9", "EQF001"]);
        assert!(text.starts_with("不适合：EQF001") && text.contains("C3"), "{text}");
        let e = refused(b, &["suit", "K-9", "NOPE"]);
        assert!(e.contains("no product \"NOPE\"") && e.contains("MMF001"), "{e}");
    }

    fn import_products_upserts_by_code_and_a_bad_row_writes_nothing(b: &TestBook) {
        fill(b);
        let good = b.dir().join("products.csv");
        std::fs::write(&good, "name,code,risk_level\n稳健理财一号,WM1,R2\nGrowth fund,GF1,4\n").unwrap();
        let dry = ok(b, &["import", "products", good.to_str().unwrap(), "--dry-run"]);
        assert!(dry.contains("2 to add, 0 to update"), "{dry}");
        let list: Value = serde_json::from_str(&ok(b, &["product", "list", "--format", "json"])).unwrap();
        assert!(list.as_array().unwrap().len() >= 12, "a dry run writes nothing: the shipped list shows");
        let done = ok(b, &["import", "products", good.to_str().unwrap()]);
        assert!(done.contains("2 added, 0 updated"), "{done}");
        let list: Value = serde_json::from_str(&ok(b, &["product", "list", "--format", "json"])).unwrap();
        let codes: Vec<(&str, &str)> = list.as_array().unwrap().iter().map(|p| (p["code"].as_str().unwrap(), p["level"].as_str().unwrap())).collect();
        assert_eq!(codes, [("GF1", "R4"), ("WM1", "R2")], "the book's products replace the shipped ones");
        assert_eq!(suit(b, &["K-9", "WM1"])["verdict"].as_str(), Some("suitable"));
        assert!(refused(b, &["suit", "K-9", "MMF001"]).contains("known: GF1, WM1"));

        // One bad row: refused naming its line and column; nothing of the file is written.
        let bad = b.dir().join("bad.csv");
        std::fs::write(&bad, "name,code,risk_level\nGrowth fund,GF1,R1\nBad,BD1,R7\n").unwrap();
        let e = refused(b, &["import", "products", bad.to_str().unwrap()]);
        assert!(e.contains("line 3") && e.contains("risk_level") && e.contains("\"R7\" is not R1 to R5"), "{e}");
        assert_eq!(suit(b, &["K-9", "GF1"])["level"].as_str(), Some("R4"), "GF1 was not updated");

        // Again with GF1 at R1: updated by code.
        std::fs::write(&bad, "code,风险等级,名称\nGF1,R1,Growth fund\n").unwrap();
        assert!(ok(b, &["import", "products", bad.to_str().unwrap()]).contains("0 added, 1 updated"));
        assert_eq!(suit(b, &["K-9", "GF1"])["level"].as_str(), Some("R1"));
    }

    fn a_recommendation_that_does_not_suit_needs_the_customer_s_confirmation(b: &TestBook) {
        fill(b);
        let before = audit_entries(b, "K-9");
        let e = refused(b, &["log", "K-9", "--kind", "recommendation", "--product", "EQF001"]);
        assert!(e.contains("not recorded") && e.contains("--acknowledge-mismatch"), "{e}");
        let e = refused(b, &["log", "Acme", "--kind", "recommendation", "--product", "MMF001"]);
        assert!(e.contains("no risk assessment"), "unknown is refused too: {e}");
        let e = refused(b, &["log", "K-9", "--kind", "call", "--product", "MIX001"]);
        assert!(e.contains("--product goes only with --kind recommendation"), "{e}");
        let e = refused(b, &["log", "K-9", "--kind", "recommendation"]);
        assert!(e.contains("give --product CODE"), "{e}");
        assert_eq!(audit_entries(b, "K-9"), before, "nothing was recorded");

        // A product that suits is recorded as it is.
        let out = ok(b, &["log", "K-9", "--kind", "recommendation", "--product", "MIX001"]);
        assert!(out.contains("recommended MIX001"), "{out}");

        let out = ok(b, &[
            "log", "K-9", "--kind", "recommendation", "--product", "EQF001",
            "--acknowledge-mismatch", "客户已阅读风险揭示书并签字确认",
        ]);
        assert!(out.contains("recommended EQF001") && out.contains("unsuitable"), "{out}");
        let history: Value = serde_json::from_str(&ok(b, &["history", "K-9", "--all", "--format", "json"])).unwrap();
        let mismatch = history
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["fields"].as_array().unwrap())
            .find(|f| f["field"] == "acknowledged_mismatch")
            .map(|f| serde_json::from_str::<Value>(f["new"].as_str().unwrap()).unwrap())
            .expect("the audit log holds the mismatch");
        assert_eq!(mismatch["product"], "EQF001");
        assert_eq!(mismatch["level"], "R4");
        assert_eq!(mismatch["category"], "C3");
        assert_eq!(mismatch["verdict"], "unsuitable");
        assert_eq!(mismatch["confirmation"], "客户已阅读风险揭示书并签字确认");
        let products: Vec<&str> = history
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["fields"].as_array().unwrap())
            .filter(|f| f["field"] == "product")
            .map(|f| f["new"].as_str().unwrap())
            .collect();
        assert_eq!(products, ["EQF001", "MIX001"], "newest first");
    }

    fn a_recommendation_in_a_contacts_file_is_refused_naming_its_line(b: &TestBook) {
        fill(b);
        let before = audit_entries(b, "K-9");
        let file = b.dir().join("contacts.csv");
        std::fs::write(&file, "customer,date,kind,note\nK-9,2026-11-20,call,hi\nK-9,2026-11-21,recommendation,fund\n").unwrap();
        let e = refused(b, &["import", "contacts", file.to_str().unwrap()]);
        assert!(e.contains("line 3, kind: a recommendation is not imported"), "{e}");
        assert!(e.contains("tierdesk log CUSTOMER --kind recommendation --product CODE"), "{e}");
        assert_eq!(audit_entries(b, "K-9"), before, "nothing was imported");
    }
}
