//! The contact form's recommendation (issue 14): the product field appears only when the kind
//! is a recommendation; a product that suits saves with it; one that does not is refused
//! until the customer's confirmation is typed, then saved with the product, the mismatch
//! and the confirmation in the audit log; at 80x24 in both languages every row shows.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, tierdesk_on};
use serde_json::Value;
use tierdesk::i18n::Lang;
use tierdesk::ui::screens::Screen;

// 54 points: steady, C3 (as in tests/cli/cli_suit.rs).
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

/// The fixture at 80x24, 招商银行 (Today's first row) assessed steady (C3) on 2026-01-05.
fn harness(lang: Lang) -> (tempfile::TempDir, Harness) {
    let dir = tempfile::tempdir().unwrap();
    let (path, store, _) = fixture(dir.path());
    let out =
        tierdesk_on(&path).args(["assess", "招商银行", "--answers", STEADY, "--date", "2026-01-05"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (dir, Harness::new(store, lang, 80, 24))
}

fn picked(hs: &Harness) -> Option<String> {
    match hs.app.screen() {
        Screen::ContactForm(f) => f.product.picked().map(|(p, _)| p.code.clone()),
        _ => panic!("not on the contact form:\n{}", hs.screen()),
    }
}

/// Opens the form on Today's first row (招商银行), makes it a recommendation (the 8th kind)
/// and steps to the product `code`.
fn recommend(hs: &mut Harness, code: &str) {
    hs.press("space");
    assert!(hs.screen().contains("招商银行"), "{}", hs.screen());
    hs.type_text("8");
    hs.press("tab");
    for _ in 0..20 {
        if picked(hs).as_deref() == Some(code) {
            return;
        }
        hs.press("ctrl-n");
    }
    panic!("{code} is not in the catalogue:\n{}", hs.screen());
}

/// The book's history of 招商银行 as `tierdesk history --format json` prints it: every
/// field written, as (field, new value).
fn written(dir: &tempfile::TempDir) -> Vec<(String, String)> {
    let out = tierdesk_on(&dir.path().join("book.sqlite"))
        .args(["history", "招商银行", "--all", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["fields"].as_array().unwrap().clone())
        .map(|f| (f["field"].as_str().unwrap_or("").to_string(), f["new"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn the_product_field_appears_only_for_a_recommendation() {
    let (_dir, mut hs) = harness(Lang::En);
    hs.press("space");
    assert!(hs.screen().contains("[visit"), "{}", hs.screen());
    assert!(!hs.screen().contains("Product"), "a visit names no product:\n{}", hs.screen());
    hs.type_text("8");
    assert!(hs.screen().contains("[recommendation"), "{}", hs.screen());
    assert!(hs.screen().contains("Product"), "{}", hs.screen());
    hs.press("tab");
    assert!(hs.screen().contains("Ctrl-N/Ctrl-P or ←/→: step through"), "{}", hs.screen());
    // Saving without a product is refused, naming the field.
    hs.press("ctrl-s");
    let said = hs.app.status_text().unwrap_or_default().to_string();
    assert!(said.contains("a recommendation needs a product: pick one in \"Product\""), "{said}");
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "the form stays open");
    // Right steps to the first product, Left back round to the last.
    hs.press("right");
    assert_eq!(picked(&hs).as_deref(), Some("MMF001"));
    assert!(hs.screen().contains("MMF001 · "), "{}", hs.screen());
    hs.press("left");
    assert_eq!(picked(&hs).as_deref(), Some("FUT001"));
    // A product is stepped to, not typed: a letter says so and changes nothing.
    hs.type_text("m");
    assert_eq!(picked(&hs).as_deref(), Some("FUT001"));
    let said = hs.app.status_text().unwrap_or_default().to_string();
    assert!(said.contains("\"m\" picks no product: Space or ←/→ steps through them"), "{said}");
    // Back to a call: the product's rows go.
    hs.press("backtab");
    hs.type_text("2");
    assert!(hs.screen().contains("[call"), "{}", hs.screen());
    assert!(!hs.screen().contains("Product") && !hs.screen().contains("FUT001"), "{}", hs.screen());
}

#[test]
fn a_suitable_product_saves_with_the_contact() {
    let (dir, mut hs) = harness(Lang::En);
    recommend(&mut hs, "MIX001");
    let s = hs.screen();
    assert!(s.contains("suitable: MIX001") && s.contains("suits a C3"), "{s}");
    assert!(!s.contains("Confirmation"), "no confirmation asked:\n{s}");
    hs.press("ctrl-s");
    let said = hs.app.status_text().unwrap_or_default().to_string();
    assert!(said.contains("recommended MIX001"), "{said}");
    assert!(!matches!(hs.app.screen(), Screen::ContactForm(_)));
    let id = hs.app.store().find_customers("招商银行").unwrap()[0].id;
    let last = &hs.app.store().contacts_of(id, 1).unwrap()[0];
    assert_eq!(last.kind, "recommendation");
    let w = written(&dir);
    assert!(w.contains(&("product".into(), "MIX001".into())), "{w:?}");
    assert!(!w.iter().any(|(f, _)| f == "acknowledged_mismatch"), "{w:?}");
}

#[test]
fn an_unsuitable_product_is_refused_without_the_customer_s_confirmation() {
    let (dir, mut hs) = harness(Lang::En);
    recommend(&mut hs, "EQF001");
    let s = hs.screen();
    assert!(s.contains("⚠ unsuitable: EQF001"), "{s}");
    assert!(s.contains("Confirmation"), "{s}");
    // The verdict is in the warn colour.
    let (row, col) = hs.find("⚠ unsuitable").unwrap();
    let warn = tierdesk::ui::theme::Theme::dark().warn;
    assert_eq!(hs.style_at(col, row).fg, warn.fg);

    hs.press("ctrl-s");
    let said = hs.app.status_text().unwrap_or_default().to_string();
    assert!(said.contains("not saved") && said.contains("\"Confirmation\""), "{said}");
    assert!(said.contains("riskier than a C3 investor"), "the status says why: {said}");
    assert!(matches!(hs.app.screen(), Screen::ContactForm(_)), "the form stays open");
    assert!(!written(&dir).iter().any(|(f, _)| f == "product"), "nothing was recorded");

    // The refusal focused the confirmation: what is typed goes there.
    hs.type_text("客户已阅读风险揭示书并签字确认");
    hs.press("ctrl-s");
    let said = hs.app.status_text().unwrap_or_default().to_string();
    assert!(said.contains("recommended EQF001"), "{said}");
    let w = written(&dir);
    assert!(w.contains(&("product".into(), "EQF001".into())), "{w:?}");
    let (_, m) = w.iter().find(|(f, _)| f == "acknowledged_mismatch").expect("the audit log holds the mismatch");
    let m: Value = serde_json::from_str(m).unwrap();
    assert_eq!(
        (m["product"].as_str(), m["level"].as_str(), m["category"].as_str()),
        (Some("EQF001"), Some("R4"), Some("C3"))
    );
    assert_eq!(m["verdict"], "unsuitable");
    assert_eq!(m["confirmation"], "客户已阅读风险揭示书并签字确认");
}

#[test]
fn the_recommendation_fits_80x24_in_both_languages() {
    for (lang, last_label, confirmation, verdict) in
        [(Lang::En, "Follow-up due", "Confirmation", "⚠ unsuitable"), (Lang::Zh, "跟进日期", "客户确认", "⚠ 不适合")]
    {
        let (_dir, mut hs) = harness(lang);
        recommend(&mut hs, "EQF001");
        let s = hs.screen();
        for want in [last_label, confirmation, verdict, "EQF001 · ", "2028-01-05"] {
            assert!(s.contains(want), "{lang:?}: {want} is shown at 80x24:\n{s}");
        }
        // The rows in order: kind, product, its verdict, the confirmation, then the date.
        let row = |t: &str| hs.find(t).unwrap_or_else(|| panic!("{t}:\n{s}")).0;
        assert!(row("EQF001 · ") < row(verdict) && row(verdict) < row(confirmation), "{s}");
        assert!(row(confirmation) < row(last_label), "{s}");
    }
}
