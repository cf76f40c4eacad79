//! `tierdesk --demo`: a fresh book full of realistic customers (the faces then open the TUI
//! on it, or run the subcommand on it).

use std::path::PathBuf;

use super::{AppError, Context, demo_brief};
use crate::data;
use crate::demo::{DemoSources, generate};
use crate::domain::customer::CustomerId;
use crate::domain::history::NewContact;
use crate::store::prelude::*;

/// How many customers the demo book holds.
pub const DEMO_CUSTOMERS: usize = 320;

/// Who works in the demo book: the first of its account managers (`## owners` in the demo's
/// places), so that the lists' "mine" shows a real share of the book.
pub fn signed_in() -> String {
    crate::demo::owners(data::demo::PLACES).first().map_or_else(|| "demo".to_string(), |o| o.to_string())
}

/// Where the demo book goes: `--db` if given (and new), else a fresh temporary folder.
pub fn prepare_path(ctx: &Context) -> Result<PathBuf, AppError> {
    match &ctx.db {
        Some(p) if p.exists() => Err(AppError::BadInput(format!(
            "--demo --db {}: the file exists; the demo writes a new book, give a new path",
            p.display()
        ))),
        Some(p) => Ok(p.clone()),
        None => {
            let dir = std::env::temp_dir().join(format!("tierdesk-demo-{}", std::process::id()));
            // A leftover from an earlier run with the same process id is stale.
            let _ = std::fs::remove_dir_all(&dir);
            Ok(dir.join("demo.sqlite"))
        }
    }
}

/// Write the demo book at `path` (which must not exist yet).
pub fn build(path: &std::path::Path, ctx: &Context) -> Result<Box<dyn Book>, AppError> {
    let mut store = crate::store::Store::open(path, ctx.clock, &ctx.user)?;
    store.init_scheme("data/tiers/default.toml", data::DEFAULT_SCHEME)?;
    // A generated book has no history a person made: the log starts when someone works in it.
    store.set_audit(false)?;
    let scheme = store.scheme().cloned().ok_or(AppError::NoScheme)?;
    let temperaments = ctx.temperaments()?;
    let keys: Vec<&str> = temperaments.iter().map(|t| t.key.as_str()).collect();
    let sources = DemoSources {
        companies: data::demo::COMPANIES,
        people: data::demo::PEOPLE,
        places: data::demo::PLACES,
        notes: data::demo::NOTES,
        temperaments: &keys,
    };
    let book = generate(&sources, &scheme, ctx.today(), DEMO_CUSTOMERS);
    let ids: Vec<CustomerId> = store.add_customers_bulk(&book.customers)?;
    let contacts: Vec<NewContact> = book
        .contacts
        .iter()
        .map(|c| NewContact {
            customer: ids[c.customer],
            kind: c.kind.to_string(),
            on: c.on,
            person: String::new(),
            summary: c.summary.clone(),
            outcome: String::new(),
        })
        .collect();
    let follow_ups: Vec<_> = book.follow_ups.iter().map(|f| (ids[f.customer], f.what.clone(), f.due)).collect();
    store.add_contacts_bulk(&contacts, &follow_ups)?;
    add_demo_assessments(&mut store, &ids, &book.assessments)?;
    let tiers: Vec<usize> = book.customers.iter().map(|c| scheme.rank(&c.tier)).collect();
    add_demo_indicators(&mut store, &scheme, &ids, &tiers, ctx)?;
    add_move_awaiting_signoff(&mut store, &scheme, &book, &ids, ctx.today())?;
    demo_brief::add_products(&mut store, ctx.lang)?;
    demo_brief::add_late_payments(&mut store, &ids, &book.late_payments)?;
    store.set_audit(true)?;
    // Recommendations are written as a person logs them, so the audit log keeps each
    // mismatch with the customer's confirmation.
    demo_brief::add_recommendations(&mut store, &ids, &book.recommendations, ctx.today())?;
    Ok(Box::new(store))
}

/// One of the signed-in person's customers moved into the top tier, waiting for someone else
/// to sign it off (the list's flag, `approve`, the history): a customer just contacted, so
/// that the move puts nothing more on today's list.
fn add_move_awaiting_signoff(
    store: &mut dyn Book,
    scheme: &crate::domain::tier::TierScheme,
    book: &crate::demo::DemoBook,
    ids: &[CustomerId],
    today: chrono::NaiveDate,
) -> Result<(), AppError> {
    let (Some(top), Some(second)) = (scheme.tiers.first(), scheme.tiers.get(1)) else { return Ok(()) };
    let me = signed_in();
    let last_contact = |i: usize| book.contacts.iter().filter(|c| c.customer == i).map(|c| c.on).max();
    let recent = (0..book.customers.len()).find(|&i| {
        let c = &book.customers[i];
        c.owner == me && c.tier == second.code && last_contact(i).is_some_and(|on| (today - on).num_days() <= 2)
    });
    if let Some(i) = recent {
        store.change_tier(ids[i], &top.code, "签下三年框架协议 / signed a three-year framework agreement")?;
    }
    Ok(())
}

/// Nine customers in ten have indicator values for the book's grading model, measured in the
/// last half year, mostly in line with their tier and some clearly above or below it, so that
/// the demo's review has upgrades and downgrades to suggest.
fn add_demo_indicators(
    store: &mut dyn Book,
    scheme: &crate::domain::tier::TierScheme,
    ids: &[CustomerId],
    ranks: &[usize],
    ctx: &Context,
) -> Result<(), AppError> {
    let Ok(model) = super::review::choose_model(scheme, None, None) else { return Ok(()) };
    let mut seed: u64 = 0x1D1C_A70B_5EED;
    let mut next = move || {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as f64) / ((1u64 << 31) as f64)
    };
    let standings = crate::demo::indicators::standings_for_tiers(&model, &scheme.codes());
    let mut all = Vec::new();
    for (id, rank) in ids.iter().zip(ranks) {
        if next() < 0.1 {
            continue;
        }
        // The tier's place on the scale, then a customer's own drift: one in five far off.
        let base = standings.get(*rank).copied().unwrap_or(0.5);
        let drift = if next() < 0.15 { (next() - 0.5) * 0.6 } else { (next() - 0.5) * 0.05 };
        let days = 14 + (next() * 170.0) as u64;
        let measured_on = ctx.today().checked_sub_days(chrono::Days::new(days)).unwrap_or(ctx.today());
        let values = (0..model.indicators.len())
            .filter_map(|i| {
                let q = base + drift + (next() - 0.5) * 0.1;
                crate::demo::indicators::demo_value(&model, i, q).map(|v| (model.indicators[i].code.clone(), v))
            })
            .collect();
        all.push(crate::store::Measurement { customer: *id, measured_on, values });
    }
    store.record_indicators(&all)?;
    Ok(())
}

/// The assessments the demo planned (who, on which day: some expired, so that
/// re-assessments fall due); the answers are drawn from a fixed seed, so the same day gives
/// the same book.
fn add_demo_assessments(
    store: &mut dyn Book,
    ids: &[CustomerId],
    planned: &[crate::demo::DemoAssessment],
) -> Result<(), AppError> {
    use crate::domain::questionnaire::{Answers, QuestionKind};
    let Some(q) = data::questionnaire("risk_tolerance") else { return Ok(()) };
    let mut seed: u64 = 0x5EED_0FA5_5E55;
    let mut next = move |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    for planned in planned {
        let Some(id) = ids.get(planned.customer) else { continue };
        let mut answers = Answers::empty(&q);
        // A customer leans one way: careful, middling or bold; each answer is drawn from the
        // matching third of the options ranked by their points.
        let lean = next(3);
        let mut draw = |options: &[crate::domain::questionnaire::Choice]| {
            let mut order: Vec<usize> = (0..options.len()).collect();
            order.sort_by_key(|i| options[*i].points);
            let third = options.len().div_ceil(3).max(1);
            let from = (lean * third).min(options.len() - 1);
            order[(from + next(third)).min(options.len() - 1)]
        };
        for (qi, question) in q.questions.iter().enumerate() {
            match &question.kind {
                QuestionKind::Single { options } => {
                    answers.choose(qi, draw(options));
                }
                QuestionKind::Grid { rows } => {
                    for (ri, row) in rows.iter().enumerate() {
                        answers.choose_row(qi, ri, draw(&row.options));
                    }
                }
                QuestionKind::Multiple { options, .. } => {
                    answers.toggle(qi, draw(options));
                }
            }
        }
        store.record_assessment(*id, &q, &answers, planned.on).map_err(|e| AppError::Failed(e.to_string()))?;
    }
    Ok(())
}
