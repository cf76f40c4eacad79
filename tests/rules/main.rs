//! Business rules end to end: sign-off, the one rule for dates, risk assessments and their expiry,
//! questionnaire rules.
//! One test crate, so one link of the library, for all of these: each module was a crate of
//! its own before.

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/pg.rs"]
mod pg;
#[macro_use]
#[path = "../common/books.rs"]
mod books;

mod assessment_due;
mod assessments;
mod dates;
mod questionnaire_rules;
mod signoff;
