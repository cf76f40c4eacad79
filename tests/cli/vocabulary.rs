//! One vocabulary for scripts (issue 15 point 7), through the real binary on the demo book:
//! every JSON document the command line writes names a customer's id `customer_id` (inside a
//! `customer` object too) and never a bare `id` on a customer, and every timestamp (a key
//! `at` or ending in `_at`) is RFC 3339 with an offset.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use std::path::Path;

use serde_json::Value;

use crate::common::tierdesk_bin;

const TODAY: &str = "2026-11-23";

fn run(dir: &Path, args: &[&str]) -> Value {
    let out = tierdesk_bin(dir).env("TIERDESK_TODAY", TODAY).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"))
}

/// An object that describes a customer: it has their name and tier (the review's
/// suggestions: their current tier).
fn is_customer(o: &serde_json::Map<String, Value>) -> bool {
    o.contains_key("name") && (o.contains_key("tier") || o.contains_key("current"))
}

/// Every breach of the vocabulary in `v`, with the path to it.
fn breaches(v: &Value, path: &str, found: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            if is_customer(o) && !o.contains_key("customer_id") {
                found.push(format!("{path}: a customer without customer_id: {v}"));
            }
            if is_customer(o) && o.contains_key("id") {
                found.push(format!("{path}: a customer's id named id: {v}"));
            }
            for (k, x) in o {
                let timestamp = k == "at" || k.ends_with("_at");
                if let (true, Value::String(s)) = (timestamp, x)
                    && chrono::DateTime::parse_from_rfc3339(s).is_err()
                {
                    found.push(format!("{path}.{k}: not RFC 3339 with an offset: {s:?}"));
                }
                breaches(x, &format!("{path}.{k}"), found);
            }
        }
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| breaches(x, &format!("{path}[{i}]"), found)),
        _ => {}
    }
}

#[test]
fn every_json_names_customers_and_times_one_way() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let list = run(dir, &["--demo", "customer", "list", "--format", "json"]);
    let first = list[0]["customer_id"].as_i64().expect("the list's customers carry customer_id").to_string();
    let to = if list[0]["tier"] == "D" { "C" } else { "D" };
    // A tier change and a follow-up done, so the history and the done list hold timestamps.
    let out = tierdesk_bin(dir)
        .env("TIERDESK_TODAY", TODAY)
        .args(["tier", &first, to, "--reason", "moved for the vocabulary test"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let open = run(dir, &["follow-up", "list", "--all", "--open", "--format", "json"]);
    let follow_up = open[0]["id"].as_i64().unwrap().to_string();
    let out = tierdesk_bin(dir).env("TIERDESK_TODAY", TODAY).args(["follow-up", "done", &follow_up]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let commands: Vec<Vec<&str>> = vec![
        vec!["customer", "list", "--all", "--format", "json"],
        vec!["customer", "show", &first, "--format", "json"],
        vec!["brief", &first, "--format", "json"],
        vec!["history", &first, "--format", "json"],
        vec!["history", &first, "--all", "--format", "json"],
        vec!["due", "--all", "--format", "json"],
        vec!["plan", "--format", "json"],
        vec!["search", "王", "--format", "json"],
        vec!["search", "--in", "notes", "--all", "基金", "--format", "json"],
        vec!["review", "--format", "json"],
        vec!["suit", &first, "BOND01", "--format", "json"],
        vec!["follow-up", "list", "--all", "--done", "--format", "json"],
        vec!["follow-up", "list", "--all", "--format", "json"],
        vec!["export", "customers", "--format", "json", "-o", "customers.json"],
    ];
    let mut found = Vec::new();
    let mut timestamps = 0;
    for args in &commands {
        let v = if args[0] == "export" {
            let out = tierdesk_bin(dir).env("TIERDESK_TODAY", TODAY).current_dir(dir).args(args).output().unwrap();
            assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
            serde_json::from_slice(&std::fs::read(dir.join("customers.json")).unwrap()).unwrap()
        } else {
            run(dir, args)
        };
        timestamps += v.to_string().matches("_at\":\"").count() + v.to_string().matches("\"at\":\"").count();
        breaches(&v, &args.join(" "), &mut found);
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The check above saw timestamps to check: the tier change, the audit log, the done follow-up.
    assert!(timestamps >= 3, "only {timestamps} timestamps seen");
}
