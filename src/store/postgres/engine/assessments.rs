//! Risk assessments on the team book: recorded questionnaires with every answer, and drafts
//! of interviews in progress, as in the SQLite engine (`store::assessments`). The score and
//! category are computed from the answers when recorded and never change afterwards. Who
//! records is the connected login.

use chrono::NaiveDate;
use postgres::{Row, Transaction};

use super::PgStore;
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField};
use crate::domain::questionnaire::{AnswerLine, Answers, Assessment, AssessmentId, Draft, Questionnaire};
use crate::store::prelude::*;
use crate::store::{AssessmentError, Result, StoreError};

impl From<postgres::Error> for AssessmentError {
    fn from(e: postgres::Error) -> Self {
        Self::Store(e.into())
    }
}

const ASSESSMENT_COLUMNS: &str = "id, customer_id, questionnaire_id, questionnaire_version, taken_on, taken_by, \
                                  score, category, created_at";

fn assessment(r: &Row) -> Assessment {
    Assessment {
        id: AssessmentId(r.get(0)),
        customer: CustomerId(r.get(1)),
        questionnaire_id: r.get(2),
        version: r.get::<_, i32>(3).max(0) as u32,
        taken_on: r.get(4),
        taken_by: r.get(5),
        score: r.get::<_, i32>(6).max(0) as u32,
        category: r.get(7),
        created_at: r.get(8),
    }
}

/// A stored row index or position as a usize; a negative one means a damaged book.
fn index(value: i32, what: &str) -> Result<usize> {
    usize::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value} is negative")))
}

fn require_customer(tx: &mut Transaction, customer: CustomerId) -> Result<()> {
    let found = tx.query_opt("SELECT 1 FROM customers WHERE id = $1 FOR SHARE", &[&customer.0])?;
    found.map(|_| ()).ok_or(StoreError::NoSuchCustomer(customer.0))
}

/// An answer's numbers as the columns hold them.
fn small(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl Assessments for PgStore {
    fn record_assessment(
        &mut self,
        customer: CustomerId,
        q: &Questionnaire,
        answers: &Answers,
        taken_on: NaiveDate,
    ) -> Result<AssessmentId, AssessmentError> {
        let score = q.score(answers)?;
        let lines = q.answer_lines(answers)?;
        let category = q.band(score).code.clone();
        let today = self.clock.today();
        dates::check(DateField::AssessedOn, taken_on).map_err(StoreError::from)?;
        if taken_on > today {
            return Err(AssessmentError::FutureDate { date: taken_on, today });
        }
        let now = self.clock.now();
        let user = self.worker();
        let mut tx = self.tx()?;
        require_customer(&mut tx, customer)?;
        let id: i64 = tx
            .query_one(
                "INSERT INTO assessments (uuid, customer_id, questionnaire_id, questionnaire_version, taken_on,
                                          taken_by, score, category, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                &[
                    &uuid::Uuid::new_v4().to_string(),
                    &customer.0,
                    &q.id,
                    &(q.version as i32),
                    &taken_on,
                    &user,
                    &(score as i32),
                    &category,
                    &now,
                ],
            )?
            .get(0);
        let nos: Vec<i32> = lines.iter().map(|l| small(l.question_no)).collect();
        let qids: Vec<&str> = lines.iter().map(|l| l.question_id.as_str()).collect();
        let rows: Vec<i32> = lines.iter().map(|l| small(l.row)).collect();
        let letters: Vec<&str> = lines.iter().map(|l| l.letters.as_str()).collect();
        let points: Vec<i32> = lines.iter().map(|l| l.points as i32).collect();
        tx.execute(
            "INSERT INTO assessment_answers (assessment_id, question_no, question_id, row_index, letters, points)
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::int[])",
            &[&id, &nos, &qids, &rows, &letters, &points],
        )?;
        tx.execute(
            "DELETE FROM assessment_drafts WHERE customer_id = $1 AND questionnaire_id = $2",
            &[&customer.0, &q.id],
        )?;
        tx.commit()?;
        Ok(AssessmentId(id))
    }

    fn assessments_of(&self, customer: CustomerId) -> Result<Vec<Assessment>> {
        let rows = self.client.borrow_mut().query(
            &format!(
                "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE customer_id = $1 ORDER BY taken_on DESC, id DESC"
            ),
            &[&customer.0],
        )?;
        Ok(rows.iter().map(assessment).collect())
    }

    fn latest_assessment(&self, customer: CustomerId) -> Result<Option<Assessment>> {
        let row = self.client.borrow_mut().query_opt(
            &format!(
                "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE customer_id = $1
                 ORDER BY taken_on DESC, id DESC LIMIT 1"
            ),
            &[&customer.0],
        )?;
        Ok(row.as_ref().map(assessment))
    }

    fn assessment_answers(&self, id: AssessmentId) -> Result<Vec<AnswerLine>> {
        // SQLite's tie-break on rowid is insertion order; the key is unique here, so no tie.
        let rows = self.client.borrow_mut().query(
            "SELECT question_no, question_id, row_index, letters, points FROM assessment_answers
             WHERE assessment_id = $1 ORDER BY question_no, row_index, question_id",
            &[&id.0],
        )?;
        rows.iter()
            .map(|r| {
                Ok(AnswerLine {
                    question_no: index(r.get(0), "question number")?,
                    question_id: r.get(1),
                    row: index(r.get(2), "row index")?,
                    letters: r.get(3),
                    points: r.get::<_, i32>(4).max(0) as u32,
                })
            })
            .collect()
    }

    fn save_draft(
        &mut self,
        customer: CustomerId,
        q: &Questionnaire,
        answers: &Answers,
        at_question: usize,
    ) -> Result<(), AssessmentError> {
        let lines = q.answer_lines(answers)?;
        let at = small(at_question.min(q.questions.len()));
        let now = self.clock.now();
        let user = self.worker();
        let mut tx = self.tx()?;
        require_customer(&mut tx, customer)?;
        let draft: i64 = tx
            .query_one(
                "INSERT INTO assessment_drafts (uuid, customer_id, questionnaire_id, questionnaire_version,
                                                at_question, started_at, started_by, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $6)
                 ON CONFLICT (customer_id, questionnaire_id) DO UPDATE SET
                     questionnaire_version = excluded.questionnaire_version,
                     at_question = excluded.at_question,
                     updated_at = excluded.updated_at
                 RETURNING id",
                &[&uuid::Uuid::new_v4().to_string(), &customer.0, &q.id, &(q.version as i32), &at, &now, &user],
            )?
            .get(0);
        tx.execute("DELETE FROM assessment_draft_answers WHERE draft_id = $1", &[&draft])?;
        let nos: Vec<i32> = lines.iter().map(|l| small(l.question_no)).collect();
        let qids: Vec<&str> = lines.iter().map(|l| l.question_id.as_str()).collect();
        let rows: Vec<i32> = lines.iter().map(|l| small(l.row)).collect();
        let letters: Vec<&str> = lines.iter().map(|l| l.letters.as_str()).collect();
        tx.execute(
            "INSERT INTO assessment_draft_answers (draft_id, question_no, question_id, row_index, letters)
             SELECT $1, * FROM unnest($2::int[], $3::text[], $4::int[], $5::text[])",
            &[&draft, &nos, &qids, &rows, &letters],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn load_draft(&self, customer: CustomerId, q: &Questionnaire) -> Result<Option<Draft>, AssessmentError> {
        let mut client = self.client.borrow_mut();
        let head = client.query_opt(
            "SELECT id, questionnaire_version, at_question, updated_at FROM assessment_drafts
             WHERE customer_id = $1 AND questionnaire_id = $2",
            &[&customer.0, &q.id],
        )?;
        let Some(head) = head else {
            return Ok(None);
        };
        let (draft, version, at): (i64, i32, i32) = (head.get(0), head.get(1), head.get(2));
        let version = version.max(0) as u32;
        if version != q.version {
            return Err(AssessmentError::StaleDraft {
                questionnaire: q.id.clone(),
                found: version,
                current: q.version,
            });
        }
        let raw = client.query(
            "SELECT question_id, row_index, letters FROM assessment_draft_answers
             WHERE draft_id = $1 ORDER BY question_no, row_index",
            &[&draft],
        )?;
        let mut lines = Vec::with_capacity(raw.len());
        for r in &raw {
            lines.push((r.get::<_, &str>(0), index(r.get(1), "row index")?, r.get::<_, &str>(2)));
        }
        let answers = q.answers_from_lines(lines).map_err(|e| {
            StoreError::Corrupt(format!("the draft of {} v{} does not fit it: {:?}", q.id, q.version, e.problem))
        })?;
        Ok(Some(Draft { answers, at_question: index(at, "question position")?, updated_at: head.get(3) }))
    }

    fn discard_draft(&mut self, customer: CustomerId, questionnaire_id: &str) -> Result<bool> {
        let mut tx = self.tx()?;
        let n = tx.execute(
            "DELETE FROM assessment_drafts WHERE customer_id = $1 AND questionnaire_id = $2",
            &[&customer.0, &questionnaire_id],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }
}
