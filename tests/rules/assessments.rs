//! Risk assessments in a real book on disk: recording a questionnaire with every answer in one
//! transaction, reading them back newest first, refusals that write nothing, and drafts of
//! unfinished interviews that survive closing the book.
#![allow(clippy::unwrap_used)] // test code: a panic is the failure report

use crate::common::{d, fixture, open, today};
use rusqlite::Connection;
use tierdesk::data;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::questionnaire::{Answer, Answers, Questionnaire};
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;
use tierdesk::store::{AssessmentError, StoreError};

fn risk() -> Questionnaire {
    data::questionnaire("risk_tolerance").unwrap()
}

/// 7+5 + grid(1+1+3+0+0+0+1) + AC(1+3) + 3+2+4+4 + 5+5+5+4 = 54, steady.
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";
/// 9+7 + grid(1+2+4+2+1+1+2) + CD(7) + 5+5+6+4 + 7+5+7+7 = 82, aggressive.
const AGGRESSIVE: &str = "A,D,E,E,E,D,C,B,D,CD,D,D,D,C,D,C,D,D";

fn count(path: &std::path::Path, table: &str) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

#[test]
fn a_recorded_questionnaire_keeps_its_score_category_and_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    let q = risk();
    let answers = q.parse_letters(STEADY).unwrap();
    let id = s.record_assessment(ids[1], &q, &answers, d("2026-11-20")).unwrap();
    drop(s);

    let s = open(&path);
    let list = s.assessments_of(ids[1]).unwrap();
    assert_eq!(list.len(), 1);
    let a = &list[0];
    assert_eq!(a.id, id);
    assert_eq!(a.customer, ids[1]);
    assert_eq!((a.questionnaire_id.as_str(), a.version), ("risk_tolerance", 1));
    assert_eq!((a.score, a.category.as_str()), (54, "steady"));
    assert_eq!(a.taken_on, d("2026-11-20"));
    assert_eq!(a.taken_by, "tester");
    assert_eq!(a.created_at.date(), today());
    assert_eq!(s.latest_assessment(ids[1]).unwrap().as_ref(), Some(a));
    assert_eq!(s.latest_assessment(ids[0]).unwrap(), None);

    let lines = s.assessment_answers(id).unwrap();
    assert_eq!(lines.len(), 18, "one line per question, one per grid row");
    let first: Vec<_> = lines
        .iter()
        .take(4)
        .map(|l| (l.question_no, l.question_id.as_str(), l.row, l.letters.as_str(), l.points))
        .collect();
    assert_eq!(
        first,
        [
            (1, "age", 0, "B", 7),
            (2, "knowledge", 0, "C", 5),
            (3, "experience", 0, "E", 1),
            (3, "experience", 1, "C", 1)
        ]
    );
    let products = lines.iter().find(|l| l.question_id == "products").unwrap();
    assert_eq!((products.question_no, products.letters.as_str(), products.points), (4, "AC", 4));
    assert_eq!(lines.iter().map(|l| l.points).sum::<u32>(), 54);
    // The letters read back into the same answers.
    let back = q.answers_from_lines(lines.iter().map(|l| (l.question_id.as_str(), l.row, l.letters.as_str()))).unwrap();
    assert_eq!(back, answers);
}

#[test]
fn assessments_are_listed_newest_first_by_the_day_taken() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut s, ids) = fixture(dir.path());
    let q = risk();
    let newer = s.record_assessment(ids[2], &q, &q.parse_letters(AGGRESSIVE).unwrap(), d("2026-11-01")).unwrap();
    // Typed in later, but taken earlier (a paper form found in a drawer).
    let older = s.record_assessment(ids[2], &q, &q.parse_letters(STEADY).unwrap(), d("2024-10-15")).unwrap();
    let list = s.assessments_of(ids[2]).unwrap();
    assert_eq!(list.iter().map(|a| a.id).collect::<Vec<_>>(), [newer, older]);
    assert_eq!(
        list.iter().map(|a| (a.score, a.category.as_str())).collect::<Vec<_>>(),
        [(82, "aggressive"), (54, "steady")]
    );
    assert_eq!(s.latest_assessment(ids[2]).unwrap().unwrap().id, newer);
    assert!(s.assessments_of(ids[3]).unwrap().is_empty());
}

#[test]
fn refused_assessments_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    let q = risk();
    let mut partial = q.parse_letters(STEADY).unwrap();
    partial.0[11] = Answer::Single(None);
    let e = s.record_assessment(ids[0], &q, &partial, today()).unwrap_err();
    assert!(matches!(e, AssessmentError::Answers(_)), "{e}");
    assert_eq!(tierdesk::i18n::answer_problems::assessment_error(&e, Lang::En), "question 12 (reaction): not answered");

    let full = q.parse_letters(STEADY).unwrap();
    let e = s.record_assessment(ids[0], &q, &full, d("2026-11-24")).unwrap_err();
    assert!(matches!(e, AssessmentError::FutureDate { .. }), "{e}");
    assert!(e.to_string().contains("after today (2026-11-23)"), "{e}");

    let e = s.record_assessment(CustomerId(999), &q, &full, today()).unwrap_err();
    assert!(matches!(e, AssessmentError::Store(StoreError::NoSuchCustomer(999))), "{e}");

    let e = s.record_assessment(ids[0], &q, &Answers(vec![Answer::Single(Some(0))]), today()).unwrap_err();
    assert!(tierdesk::i18n::answer_problems::assessment_error(&e, Lang::En).contains("for 1 questions"), "{e}");
    drop(s);
    assert_eq!(count(&path, "assessments"), 0);
    assert_eq!(count(&path, "assessment_answers"), 0);
}

#[test]
fn a_draft_survives_closing_the_book_and_ends_when_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    let q = risk();
    assert_eq!(s.load_draft(ids[4], &q).unwrap(), None);
    let mut a = Answers::empty(&q);
    a.choose(0, 1);
    a.choose_row(2, 3, 4);
    a.toggle(3, 0);
    a.toggle(3, 4);
    s.save_draft(ids[4], &q, &a, 3).unwrap();
    drop(s); // the terminal is closed mid-interview

    let mut s = open(&path);
    let draft = s.load_draft(ids[4], &q).unwrap().unwrap();
    assert_eq!(draft.answers, a);
    assert_eq!(draft.at_question, 3);
    assert_eq!(draft.updated_at.date(), today());
    assert!(!q.is_complete(&draft.answers));

    // Saving again replaces the draft; the answer taken back is gone.
    a.toggle(3, 4);
    a.choose(4, 2);
    s.save_draft(ids[4], &q, &a, 4).unwrap();
    let draft = s.load_draft(ids[4], &q).unwrap().unwrap();
    assert_eq!((draft.answers.clone(), draft.at_question), (a, 4));
    assert_eq!(count(&path, "assessment_drafts"), 1);
    assert_eq!(count(&path, "assessment_draft_answers"), 4);

    // Another customer's draft is their own.
    assert_eq!(s.load_draft(ids[5], &q).unwrap(), None);
    s.save_draft(ids[5], &q, &Answers::empty(&q), 0).unwrap();
    assert_eq!(s.load_draft(ids[5], &q).unwrap().unwrap().answers, Answers::empty(&q));

    // Recording the finished interview removes the customer's draft in the same write.
    s.record_assessment(ids[4], &q, &q.parse_letters(STEADY).unwrap(), today()).unwrap();
    assert_eq!(s.load_draft(ids[4], &q).unwrap(), None);
    assert!(s.load_draft(ids[5], &q).unwrap().is_some());
    assert!(s.discard_draft(ids[5], "risk_tolerance").unwrap());
    assert!(!s.discard_draft(ids[5], "risk_tolerance").unwrap());
    drop(s);
    assert_eq!(count(&path, "assessment_drafts"), 0);
    assert_eq!(count(&path, "assessment_draft_answers"), 0);
}

#[test]
fn a_draft_of_another_version_is_not_read_as_this_one() {
    let dir = tempfile::tempdir().unwrap();
    let (_path, mut s, ids) = fixture(dir.path());
    let q = risk();
    let mut a = Answers::empty(&q);
    a.choose(0, 0);
    s.save_draft(ids[0], &q, &a, 1).unwrap();
    let mut v2 = q.clone();
    v2.version = 2;
    let e = s.load_draft(ids[0], &v2).unwrap_err();
    assert!(matches!(e, AssessmentError::StaleDraft { found: 1, current: 2, .. }), "{e}");
    assert!(e.to_string().contains("discard the draft"), "{e}");
    assert!(s.discard_draft(ids[0], "risk_tolerance").unwrap());
    assert_eq!(s.load_draft(ids[0], &v2).unwrap(), None);
}

#[test]
fn drafts_and_assessments_go_with_their_customer() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut s, ids) = fixture(dir.path());
    let q = risk();
    s.record_assessment(ids[6], &q, &q.parse_letters(STEADY).unwrap(), today()).unwrap();
    s.save_draft(ids[6], &q, &q.parse_letters(AGGRESSIVE).unwrap(), 12).unwrap();
    let e = s.save_draft(CustomerId(999), &q, &Answers::empty(&q), 0).unwrap_err();
    assert!(matches!(e, AssessmentError::Store(StoreError::NoSuchCustomer(999))), "{e}");
    s.delete_customer(ids[6]).unwrap();
    drop(s);
    for table in ["assessments", "assessment_answers", "assessment_drafts", "assessment_draft_answers"] {
        assert_eq!(count(&path, table), 0, "{table}");
    }
}
