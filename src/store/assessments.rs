//! Risk assessments: recorded questionnaires with every answer, and drafts of interviews in
//! progress. The score and category are computed from the answers when they are recorded and
//! never change afterwards: there is deliberately no function that updates an assessment.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::convert::{date_text, datetime_col, datetime_text, new_uuid};
use super::lenient;
use super::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::customer::CustomerId;
use crate::domain::dates::{self, DateField, RecordKind};
use crate::domain::questionnaire::{AnswerError, AnswerLine, Answers, Assessment, AssessmentId, Draft, Questionnaire};

/// Why an assessment or a draft was not written or read.
#[derive(Debug, thiserror::Error)]
pub enum AssessmentError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The answers are incomplete or do not fit the questionnaire (worded by the text layer:
    /// `i18n::answer_problems`).
    #[error("the answers do not fit the questionnaire: {0:?}")]
    Answers(AnswerError),
    #[error("the questionnaire is dated {date}, after today ({today}); record it once it has been answered and signed")]
    FutureDate { date: NaiveDate, today: NaiveDate },
    #[error(
        "the unfinished {questionnaire} interview of this customer was started on version {found}, but the questionnaire is now version {current}; discard the draft and start again"
    )]
    StaleDraft { questionnaire: String, found: u32, current: u32 },
}

impl From<AnswerError> for AssessmentError {
    fn from(e: AnswerError) -> Self {
        Self::Answers(e)
    }
}

impl From<rusqlite::Error> for AssessmentError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Store(e.into())
    }
}

const ASSESSMENT_COLUMNS: &str = "id, customer_id, questionnaire_id, questionnaire_version, taken_on, taken_by, \
                                  score, category, created_at";

/// An assessment, or (its id, customer and stored text) when its date cannot be read.
type Unread = (i64, i64, String);
fn assessment_row(r: &Row) -> rusqlite::Result<std::result::Result<Assessment, Unread>> {
    let taken_on = match lenient::date(r, 4)? {
        Ok(d) => d,
        Err(text) => return Ok(Err((r.get(0)?, r.get(1)?, text.into()))),
    };
    Ok(Ok(Assessment {
        id: AssessmentId(r.get(0)?),
        customer: CustomerId(r.get(1)?),
        questionnaire_id: r.get(2)?,
        version: r.get(3)?,
        taken_on,
        taken_by: r.get(5)?,
        score: r.get(6)?,
        category: r.get(7)?,
        created_at: datetime_col(r, 8)?,
    }))
}

/// A stored row index or position as a usize; a negative one means a damaged book.
fn index(value: i64, what: &str) -> Result<usize> {
    usize::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} {value} is negative")))
}

fn require_customer(tx: &Transaction, customer: CustomerId) -> Result<()> {
    let found: Option<i64> =
        tx.query_row("SELECT 1 FROM customers WHERE id = ?1", [customer.0], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or(StoreError::NoSuchCustomer(customer.0))
}

impl Assessments for Store {
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
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        require_customer(&tx, customer)?;
        tx.execute(
            "INSERT INTO assessments (uuid, customer_id, questionnaire_id, questionnaire_version, taken_on, taken_by,
                                      score, category, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![new_uuid(), customer.0, q.id, q.version, date_text(taken_on), user, score, category, now],
        )?;
        let id = tx.last_insert_rowid();
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO assessment_answers (assessment_id, question_no, question_id, row_index, letters, points)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for l in &lines {
                st.execute(params![id, l.question_no as i64, l.question_id, l.row as i64, l.letters, l.points])?;
            }
        }
        tx.execute(
            "DELETE FROM assessment_drafts WHERE customer_id = ?1 AND questionnaire_id = ?2",
            params![customer.0, q.id],
        )?;
        tx.commit()?;
        Ok(AssessmentId(id))
    }

    fn assessments_of(&self, customer: CustomerId) -> Result<Vec<Assessment>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE customer_id = ?1 ORDER BY taken_on DESC, id DESC"
        ))?;
        let rows = st.query_map([customer.0], assessment_row)?;
        let mut out = Vec::new();
        for row in rows {
            if let Some(a) = self.readable_assessment(row?) {
                out.push(a);
            }
        }
        Ok(out)
    }

    fn latest_assessment(&self, customer: CustomerId) -> Result<Option<Assessment>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {ASSESSMENT_COLUMNS} FROM assessments WHERE customer_id = ?1 ORDER BY taken_on DESC, id DESC LIMIT 1"
        ))?;
        let row = st.query_row([customer.0], assessment_row).optional()?;
        Ok(row.and_then(|a| self.readable_assessment(a)))
    }

    fn assessment_answers(&self, id: AssessmentId) -> Result<Vec<AnswerLine>> {
        let mut st = self.conn.prepare_cached(
            "SELECT question_no, question_id, row_index, letters, points FROM assessment_answers
             WHERE assessment_id = ?1 ORDER BY question_no, row_index, rowid",
        )?;
        let raw: Vec<(i64, String, i64, String, u32)> = st
            .query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
            .collect::<rusqlite::Result<_>>()?;
        raw.into_iter()
            .map(|(no, question_id, row, letters, points)| {
                Ok(AnswerLine {
                    question_no: index(no, "question number")?,
                    question_id,
                    row: index(row, "row index")?,
                    letters,
                    points,
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
        let at = at_question.min(q.questions.len()) as i64;
        let now = datetime_text(self.clock.now());
        let user = self.user.clone();
        let tx = self.tx()?;
        require_customer(&tx, customer)?;
        tx.execute(
            "INSERT INTO assessment_drafts (uuid, customer_id, questionnaire_id, questionnaire_version, at_question,
                                            started_at, started_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6)
             ON CONFLICT (customer_id, questionnaire_id) DO UPDATE SET
                 questionnaire_version = excluded.questionnaire_version,
                 at_question = excluded.at_question,
                 updated_at = excluded.updated_at",
            params![new_uuid(), customer.0, q.id, q.version, at, now, user],
        )?;
        let draft: i64 = tx.query_row(
            "SELECT id FROM assessment_drafts WHERE customer_id = ?1 AND questionnaire_id = ?2",
            params![customer.0, q.id],
            |r| r.get(0),
        )?;
        tx.execute("DELETE FROM assessment_draft_answers WHERE draft_id = ?1", [draft])?;
        {
            let mut st = tx.prepare_cached(
                "INSERT INTO assessment_draft_answers (draft_id, question_no, question_id, row_index, letters)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for l in &lines {
                st.execute(params![draft, l.question_no as i64, l.question_id, l.row as i64, l.letters])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn load_draft(&self, customer: CustomerId, q: &Questionnaire) -> Result<Option<Draft>, AssessmentError> {
        let head = self
            .conn
            .query_row(
                "SELECT id, questionnaire_version, at_question, updated_at FROM assessment_drafts
                 WHERE customer_id = ?1 AND questionnaire_id = ?2",
                params![customer.0, q.id],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u32>(1)?, r.get::<_, i64>(2)?, datetime_col(r, 3)?)),
            )
            .optional()?;
        let Some((draft, version, at, updated_at)) = head else {
            return Ok(None);
        };
        if version != q.version {
            return Err(AssessmentError::StaleDraft {
                questionnaire: q.id.clone(),
                found: version,
                current: q.version,
            });
        }
        let mut st = self.conn.prepare_cached(
            "SELECT question_id, row_index, letters FROM assessment_draft_answers
             WHERE draft_id = ?1 ORDER BY question_no, row_index",
        )?;
        let raw: Vec<(String, i64, String)> =
            st.query_map([draft], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut lines = Vec::with_capacity(raw.len());
        for (id, row, letters) in &raw {
            lines.push((id.as_str(), index(*row, "row index")?, letters.as_str()));
        }
        let answers = q.answers_from_lines(lines).map_err(|e| {
            StoreError::Corrupt(format!("the draft of {} v{} does not fit it: {:?}", q.id, q.version, e.problem))
        })?;
        Ok(Some(Draft { answers, at_question: index(at, "question position")?, updated_at }))
    }

    fn discard_draft(&mut self, customer: CustomerId, questionnaire_id: &str) -> Result<bool> {
        let tx = self.tx()?;
        let n = tx.execute(
            "DELETE FROM assessment_drafts WHERE customer_id = ?1 AND questionnaire_id = ?2",
            params![customer.0, questionnaire_id],
        )?;
        tx.commit()?;
        Ok(n > 0)
    }
}

impl Store {
    /// The assessment, or None after naming it when its date cannot be read.
    fn readable_assessment(&self, row: std::result::Result<Assessment, Unread>) -> Option<Assessment> {
        match row {
            Ok(a) => Some(a),
            Err((id, customer, text)) => {
                self.note_unreadable((RecordKind::Assessment, id), customer, DateField::AssessedOn, text);
                None
            }
        }
    }
}
