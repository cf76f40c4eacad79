//! Questionnaire data rules: "none of these" (marked exclusive in the questionnaire file) goes
//! alone in the interview and in `tierdesk assess`; the tier x risk matrix counts expired
//! assessments in a column of their own, not as current.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, d, fields, fixture, open, tierdesk_bin};
use predicates::prelude::*;
use tierdesk::domain::questionnaire::Answer;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn products_answer(hs: &Harness) -> Vec<usize> {
    match hs.app.screen() {
        Screen::Interview(i) => match i.answers.get(3) {
            Some(Answer::Multiple(set)) => set.iter().copied().collect(),
            other => panic!("{other:?}"),
        },
        _ => panic!("not in the interview:\n{}", hs.screen()),
    }
}

#[test]
fn in_the_interview_none_of_these_clears_the_others_and_another_tick_clears_it() {
    for (lang, alone, unticked) in [
        (Lang::En, "F (none of these) goes alone: A, C unticked", "F (none of these) unticked: it goes alone"),
        (Lang::Zh, "F（以上都没有）只能单选，已取消 A、C", "已取消 F（以上都没有），它只能单选"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (_, store, _) = fixture(dir.path());
        let mut hs = Harness::new(store, lang, 120, 40);
        hs.press("2 n g i");
        // Q1 A, Q2 A, the grid's seven rows C: now on question 4, the products held.
        hs.press("1 1 3 3 3 3 3 3 3");
        assert!(hs.screen().contains("4 / 12"), "{}", hs.screen());
        hs.press("1 3");
        assert_eq!(products_answer(&hs), [0, 2]);
        hs.press("6");
        assert_eq!(products_answer(&hs), [5], "none of these, alone");
        assert!(hs.screen().contains(alone), "{}", hs.screen());
        hs.press("2");
        assert_eq!(products_answer(&hs), [1], "another tick clears none of these");
        assert!(hs.screen().contains(unticked), "{}", hs.screen());
        // A plain tick says nothing more.
        hs.press("3");
        assert_eq!(products_answer(&hs), [1, 2]);
        assert!(!hs.screen().contains(unticked) && !hs.screen().contains(alone), "{}", hs.screen());
    }
}

#[test]
fn assess_refuses_none_of_these_with_other_products_naming_the_question() {
    let dir = tempfile::tempdir().unwrap();
    tierdesk_bin(dir.path()).args(["customer", "add", "--name", "Acme", "--tier", "C"]).assert().success();
    tierdesk_bin(dir.path())
        .args(["assess", "Acme", "--answers", "B,C,E,C,D,B,A,A,C,ACF,B,B,C,C,C,C,C,C"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("question 4 (products)")
                .and(predicate::str::contains("F (none of these) cannot be ticked with other options")),
        );
    let s = open(&dir.path().join("book.sqlite"));
    let id = s.find_customers("Acme").unwrap()[0].id;
    assert!(s.assessments_of(id).unwrap().is_empty(), "nothing saved");
    // Alone it is an answer.
    tierdesk_bin(dir.path())
        .args(["assess", "Acme", "--answers", "B,C,E,C,D,B,A,A,C,F,B,B,C,C,C,C,C,C"])
        .assert()
        .success();
}

#[test]
fn the_matrix_counts_expired_assessments_in_their_own_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("book.sqlite");
    let mut s = open(&path);
    let q = tierdesk::data::questionnaire("risk_tolerance").unwrap();
    // Steady (54 points) for both: one taken this year, one 25 months ago (expired after 24).
    let steady = q.parse_letters("B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C").unwrap();
    let current = s.add_customer(&fields("王芳", "华信", "B", "2024-01-05")).unwrap();
    let old = s.add_customer(&fields("欧阳娜娜", "星河", "B", "2024-01-05")).unwrap();
    s.add_customer(&fields("李强", "远航", "B", "2024-01-05")).unwrap();
    s.record_assessment(current, &q, &steady, d("2026-03-01")).unwrap();
    s.record_assessment(old, &q, &steady, d("2024-10-01")).unwrap();
    for lang in [Lang::En, Lang::Zh] {
        let mut hs = Harness::new(open(&path), lang, 120, 40);
        hs.press("4");
        let screen = hs.screen();
        let header = screen.lines().find(|l| l.contains(if lang == Lang::En { "expired" } else { "已过期" }));
        assert!(header.is_some(), "an expired column: {screen}");
        // Columns: conservative, steady, aggressive, expired, not assessed.
        let row = screen.lines().find(|l| l.contains(" B ")).unwrap_or_else(|| panic!("{screen}"));
        let counts: Vec<&str> = row.split_whitespace().filter(|w| w.chars().all(|c| c.is_ascii_digit())).collect();
        assert_eq!(counts, ["0", "1", "0", "1", "1"], "{row}\n{screen}");
    }
    // Enter on the expired cell lists who is in it.
    let mut hs = Harness::new(open(&path), Lang::En, 120, 40);
    hs.press("4 j l l l enter");
    let screen = hs.screen();
    assert!(screen.contains("欧阳娜娜") && !screen.contains("王芳"), "{screen}");
}
