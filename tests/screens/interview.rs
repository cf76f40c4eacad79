//! The risk questionnaire run by keyboard: navigation keeps answers, the review page jumps
//! back to any question, the saved assessment matches the answers, and a draft survives
//! leaving halfway.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{Harness, fixture, open};
use tierdesk::domain::questionnaire::Answers;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

fn start(lang: Lang, w: u16, h: u16) -> (tempfile::TempDir, Harness, tierdesk::domain::customer::CustomerId) {
    let dir = tempfile::tempdir().unwrap();
    let (_, store, ids) = fixture(dir.path());
    let mut hs = Harness::new(store, lang, w, h);
    // by name the first customer is Acme Trading
    hs.press("2 n g i");
    assert!(matches!(hs.app.screen(), Screen::Interview(_)), "{}", hs.screen());
    (dir, hs, ids[2])
}

fn interview(hs: &Harness) -> &tierdesk::ui::screens::Interview {
    match hs.app.screen() {
        Screen::Interview(i) => i,
        _ => panic!("not in the interview:\n{}", hs.screen()),
    }
}

/// Answer the whole questionnaire the way the keys below do, to compare.
fn expected() -> (tierdesk::domain::questionnaire::Questionnaire, Answers) {
    let q = tierdesk::data::questionnaire("risk_tolerance").unwrap();
    // Q1 E (changed from A on the review page), Q2 B (changed after going back), grid all C,
    // Q4 A and C, the rest A.
    let letters = "E,B,C,C,C,C,C,C,C,AC,A,A,A,A,A,A,A,A";
    let a = q.parse_letters(letters).unwrap();
    (q, a)
}

#[test]
fn answering_all_twelve_with_back_and_change_saves_the_right_score() {
    let (dir, mut hs, id) = start(Lang::En, 80, 24);
    assert!(hs.screen().contains("1 / 12"), "{}", hs.screen());
    hs.press("1 1"); // Q1 A, Q2 A
    // back to Q2: its answer is kept; change it to B
    hs.press("left");
    assert!(hs.screen().contains("2 / 12"));
    assert!(hs.screen().contains("(*)"), "the answer is kept:\n{}", hs.screen());
    hs.press("2");
    // the grid, row by row
    assert!(hs.screen().contains("(1/7)"), "{}", hs.screen());
    hs.press("3 3 3 3 3 3 3");
    // Q4 is a multiple choice: tick A and C, Enter goes on
    hs.press("1 3 enter");
    for _ in 0..8 {
        hs.press("1");
    }
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    assert!(hs.screen().contains("Total"), "{}", hs.screen());
    // change Q1 from the review page: Enter on the first line jumps there
    hs.press("enter");
    assert!(hs.screen().contains("1 / 12"));
    hs.press("5");
    // a question reopened from the review page goes back to the review once answered
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    hs.press("ctrl-s");
    assert!(hs.screen().contains("Save the assessment of Acme Trading"), "{}", hs.screen());
    hs.press("y");
    assert!(hs.screen().contains("Assessment saved: Acme Trading"), "{}", hs.screen());
    drop(hs);

    let (q, answers) = expected();
    let want = q.score(&answers).unwrap();
    let store = open(&dir.path().join("book.sqlite"));
    let got = store.latest_assessment(id).unwrap().unwrap();
    assert_eq!(got.score, want);
    assert_eq!(got.category, q.band(want).code);
    assert_eq!(got.questionnaire_id, "risk_tolerance");
    assert_eq!(store.customer(id).unwrap().unwrap().fields.name, "Acme Trading");
    // every answer is stored, in form order
    let lines = store.assessment_answers(got.id).unwrap();
    assert_eq!(lines.iter().map(|l| l.letters.as_str()).collect::<Vec<_>>()[..3], ["E", "B", "C"]);
    assert!(store.load_draft(id, &q).unwrap().is_none(), "the draft is gone once recorded");
}

#[test]
fn leaving_halfway_keeps_a_draft_that_resumes_with_its_answers() {
    let (dir, mut hs, id) = start(Lang::Zh, 80, 24);
    hs.press("2 4 left");
    assert!(hs.screen().contains("2 / 12"));
    hs.press("esc");
    assert!(hs.screen().contains("保留草稿"), "{}", hs.screen());
    hs.press("y");
    assert!(!matches!(hs.app.screen(), Screen::Interview(_)));
    {
        let q = tierdesk::data::questionnaire("risk_tolerance").unwrap();
        let store = open(&dir.path().join("book.sqlite"));
        let draft = store.load_draft(id, &q).unwrap().unwrap();
        assert_eq!(draft.at_question, 1);
    }
    // resume from the customer: the same place, the answers kept
    hs.press("i");
    let i = interview(&hs);
    assert_eq!(i.at_question(), 1);
    assert_eq!(i.answers.get(0), Some(&tierdesk::domain::questionnaire::Answer::Single(Some(1))));
    assert!(hs.screen().contains("2 / 12"), "{}", hs.screen());
    // Esc, then n: the draft is thrown away
    hs.press("esc n");
    let q = tierdesk::data::questionnaire("risk_tolerance").unwrap();
    assert!(open(&dir.path().join("book.sqlite")).load_draft(id, &q).unwrap().is_none());
}

#[test]
fn esc_then_esc_carries_on_with_the_interview() {
    let (_dir, mut hs, _) = start(Lang::En, 80, 24);
    hs.press("1 esc esc");
    assert!(matches!(hs.app.screen(), Screen::Interview(_)));
    assert!(hs.screen().contains("2 / 12"));
}

#[test]
fn interview_snapshots_at_80x24() {
    for lang in [Lang::Zh, Lang::En] {
        let (_dir, mut hs, _) = start(lang, 80, 24);
        hs.press("1 1");
        insta::assert_snapshot!(format!("interview_grid_{}", lang.code()), hs.screen());
        hs.press("ctrl-s");
        insta::assert_snapshot!(format!("interview_review_{}", lang.code()), hs.screen());
    }
}

#[test]
fn the_matrix_counts_tiers_by_category_and_lists_a_cell() {
    let (_dir, mut hs, _) = start(Lang::En, 120, 40);
    hs.press("1 1 3 3 3 3 3 3 3 1 enter 1 1 1 1 1 1 1 1");
    hs.press("ctrl-s y");
    assert!(hs.screen().contains("Assessment saved"), "{}", hs.screen());
    hs.press("4");
    let s = hs.screen();
    assert!(s.contains("Tier x risk category"), "{s}");
    assert!(s.contains("not assessed"), "{s}");
    // tier B, not assessed (after the three categories and expired): 欧阳娜娜 (Acme, also B,
    // now has a category)
    hs.press("j l l l l enter");
    let s = hs.screen();
    assert!(s.contains("欧阳娜娜") && !s.contains("Acme"), "{s}");
}

#[test]
fn an_unanswered_question_is_named_in_chinese_under_zh() {
    let (_dir, mut hs, _) = start(Lang::Zh, 120, 40);
    hs.press("1"); // Q1 A; the rest unanswered
    hs.press("ctrl-s");
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    hs.press("ctrl-s");
    assert!(hs.screen().contains("第 2 题（"), "{}", hs.screen());
    assert!(hs.screen().contains("）：未作答"), "{}", hs.screen());
}

#[test]
fn a_change_from_the_review_page_returns_to_the_review() {
    let (_dir, mut hs, _) = start(Lang::En, 80, 24);
    hs.press("1 1 3 3 3 3 3 3 3 1 enter 1 1 1 1 1 1 1 1");
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    // Q2 by its digit: answered, straight back to the review (not on to the grid)
    hs.press("2 2");
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    // the grid (Q3) reopened: its seven rows are one question, then the review again
    hs.press("3 2");
    assert!(!interview(&hs).on_review() && hs.screen().contains("(2/7)"), "{}", hs.screen());
    hs.press("2 2 2 2 2 2");
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    // a multiple choice reopened: Enter with its ticks goes back to the review
    hs.press("4 2 enter");
    assert!(interview(&hs).on_review(), "{}", hs.screen());
    let answers = &interview(&hs).answers;
    let q = tierdesk::data::questionnaire("risk_tolerance").unwrap();
    assert!(q.to_letters(answers).unwrap().starts_with("A,B,B,B,B,B,B,B,B,AB,A"), "{:?}", q.to_letters(answers));
}

#[test]
fn a_letter_that_is_no_option_is_said_and_answers_nothing() {
    let (_dir, mut hs, _) = start(Lang::En, 80, 24);
    // Q1 has options A-E: "w" is none of them
    hs.type_text("w");
    assert!(hs.screen().contains("\"w\" is not an option: pick A–E (or 1–5)"), "{}", hs.screen());
    assert!(hs.screen().contains("1 / 12"), "nothing answered, still on Q1:\n{}", hs.screen());
    hs.type_text("9");
    assert!(hs.screen().contains("\"9\" is not an option"), "{}", hs.screen());
    assert!(hs.screen().contains("1 / 12"));
    // the same in Chinese
    let (_dir, mut hs, _) = start(Lang::Zh, 80, 24);
    hs.type_text("王");
    assert!(hs.screen().contains("“王”不是选项"), "{}", hs.screen());
    assert!(hs.screen().contains("1 / 12"));
}
