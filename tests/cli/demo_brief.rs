//! The demo book shows every part of the visit brief (issue 14): through the real binary, the
//! signed-in person's customers have temperaments, two have payment terms a level down today
//! and one a single late payment, the book has the shipped catalogue across R1-R5, and past
//! recommendations name products (one a mismatch the customer confirmed). The customers are
//! found by querying, not by id. The demo is always a book file (SQLite).
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use serde_json::Value;

use crate::common::{tierdesk_as, tierdesk_bin};

const SIGNED_IN: &str = "王芳";

fn json(mut cmd: assert_cmd::Command) -> Value {
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn as_signed_in(dir: &Path, today: &str, args: &[&str]) -> Value {
    let mut cmd = tierdesk_as(dir, SIGNED_IN);
    cmd.env("TIERDESK_TODAY", today).args(args);
    json(cmd)
}

/// The demo built in `dir` as of `today`; each of the signed-in person's customers as
/// `customer show --format json` prints it.
fn demo_customers(dir: &Path, today: &str) -> Vec<Value> {
    let mut cmd = tierdesk_bin(dir);
    cmd.env("TIERDESK_TODAY", today).args(["--demo", "customer", "list", "--format", "json"]);
    let list = json(cmd);
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let id = c["customer_id"].as_i64().unwrap().to_string();
            as_signed_in(dir, today, &["customer", "show", &id, "--format", "json"])
        })
        .collect()
}

/// The recommendations in a customer's history: (product, acknowledged mismatch).
fn recommendations(dir: &Path, today: &str, id: &str) -> Vec<(String, Option<Value>)> {
    let history = as_signed_in(dir, today, &["history", id, "--all", "--format", "json"]);
    let field = |e: &Value, name: &str| {
        e["fields"].as_array().unwrap().iter().find(|f| f["field"] == name).map(|f| f["new"].clone())
    };
    history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["what"] == "contact" && field(e, "kind") == Some(Value::from("recommendation")))
        .map(|e| {
            let product = field(e, "product").and_then(|p| p.as_str().map(str::to_string)).unwrap();
            let mismatch = field(e, "acknowledged_mismatch")
                .and_then(|m| m.as_str().map(|m| serde_json::from_str::<Value>(m).unwrap()));
            (product, mismatch)
        })
        .collect()
}

#[test]
fn the_demo_has_temperaments_and_payment_terms_down_for_two_of_the_signed_in_persons_customers() {
    for today in ["2026-11-23", "2027-01-01"] {
        let dir = tempfile::tempdir().unwrap();
        let customers = demo_customers(dir.path(), today);
        assert!(customers.iter().all(|c| c["owner"] == SIGNED_IN));
        let with = customers.iter().filter(|c| c["temperament"].is_object()).count();
        assert!(with * 100 >= customers.len() * 65 && with * 100 <= customers.len() * 85, "{today}: {with}");
        let dropped: Vec<&Value> = customers.iter().filter(|c| c["terms"]["drop"].is_object()).collect();
        assert_eq!(dropped.len(), 2, "{today}");
        for c in &dropped {
            let terms = &c["terms"];
            assert!(c["temperament"]["key"].is_string() && c["temperament"]["advice"].is_string(), "{c}");
            assert_eq!(terms["drop"]["levels_down"], 1, "{c}");
            assert_eq!(terms["drop"]["late_payments"].as_array().unwrap().len(), 2, "{c}");
            assert!(terms["payment"]["level"].as_u64() > terms["base_payment"]["level"].as_u64(), "{c}");
            assert!(terms["drop"]["since"].as_str().unwrap() <= today, "{c}");
        }
        let single = customers
            .iter()
            .filter(|c| c["terms"]["late_payments"].as_array().is_some_and(|l| l.len() == 1))
            .filter(|c| c["terms"]["drop"].is_null() && c["terms"]["pending_drop"].is_null())
            .count();
        assert!(single >= 1, "{today}: {single} with one late payment");
    }
}

#[test]
fn the_demo_book_has_the_catalogue_and_recommendations_that_suit_but_one() {
    let today = "2026-11-23";
    let dir = tempfile::tempdir().unwrap();
    let customers = demo_customers(dir.path(), today);
    let products = as_signed_in(dir.path(), today, &["product", "list", "--format", "json"]);
    let products = products.as_array().unwrap();
    assert!(products.len() >= 12, "{}", products.len());
    for level in ["R1", "R2", "R3", "R4", "R5"] {
        assert!(products.iter().any(|p| p["level"] == level), "{level}");
    }
    let (mut suiting, mut mismatched) = (0, 0);
    for c in &customers {
        let id = c["customer_id"].as_i64().unwrap().to_string();
        for (product, mismatch) in recommendations(dir.path(), today, &id) {
            assert!(products.iter().any(|p| p["code"] == product.as_str()), "{product} is in the book's catalogue");
            let suit = as_signed_in(dir.path(), today, &["suit", &id, &product, "--format", "json"]);
            match mismatch {
                None => {
                    suiting += 1;
                    assert_eq!((suit["suitable"].as_bool(), suit["verdict"].as_str()), (Some(true), Some("suitable")));
                    assert_eq!(c["risk_expired"], false, "{c}");
                }
                Some(m) => {
                    mismatched += 1;
                    assert_eq!(suit["suitable"], false, "{suit}");
                    assert_eq!((m["product"].as_str(), m["verdict"].as_str()), (Some(&*product), Some("unsuitable")));
                    assert!(m["confirmation"].as_str().is_some_and(|t| t.len() > 20), "{m}");
                }
            }
        }
    }
    assert_eq!((suiting, mismatched), (5, 1));
    // A customer whose terms dropped has a recommendation too: their brief shows every part.
    let dropped = customers.iter().find(|c| c["terms"]["drop"].is_object()).unwrap();
    let id = dropped["customer_id"].as_i64().unwrap().to_string();
    assert!(!recommendations(dir.path(), today, &id).is_empty(), "{dropped}");
}
