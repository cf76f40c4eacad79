//! `tierdesk customer show`: one customer as the customer view shows them (profile, tier,
//! owner, last contact, next due, risk category and when it expires, open follow-ups), as
//! text or JSON.

use chrono::NaiveDate;
use serde::Serialize;

use super::customer::CustomerOut;
use super::output::TextOrJson;
use super::{CliError, Context};
use crate::app::terms::CustomerTerms;
use crate::domain::customer::{Customer, Field};
use crate::domain::history::FollowUp;
use crate::domain::questionnaire::Assessment;
use crate::domain::terms::PriceBasis;
use crate::i18n::record_texts::R;
use crate::i18n::terms_texts::{self, Tm};
use crate::i18n::{Lang, T, field_label, fill};

/// What `customer show --format json` prints: the fields of `customer list --format json`,
/// then the risk and the open follow-ups.
#[derive(Serialize)]
struct ShowOut {
    #[serde(flatten)]
    customer: CustomerOut,
    /// The latest assessment's band code ("steady"), null when never assessed.
    risk_category: Option<String>,
    risk_score: Option<u32>,
    assessed_on: Option<String>,
    /// The day the latest assessment falls due again (from then on it has expired).
    risk_expires: Option<String>,
    risk_expired: bool,
    /// The customer's temperament: its key, name and advice in the interface language;
    /// null when none is set.
    temperament: Option<super::temperament::TemperamentOut>,
    open_follow_ups: Vec<FollowUpOut>,
    /// What the tier earns and the payment terms in force; null when the scheme has none.
    terms: Option<TermsOut>,
}

/// A customer's terms in `customer show --format json`.
#[derive(Serialize)]
pub(super) struct TermsOut {
    /// "list" or "commission".
    price_basis: &'static str,
    /// Negative: up to that many percent off; positive: a surcharge.
    price_pct: i32,
    price: String,
    /// The payment terms in force today.
    payment: LevelOut,
    /// The tier's own payment terms.
    base_payment: LevelOut,
    lead_time_days: Option<u32>,
    review: String,
    late_payments: Vec<String>,
    /// Why the payment terms are below the tier's own; null when they are not.
    drop: Option<DropOut>,
    /// A drop reached today that starts tomorrow; null when none.
    pending_drop: Option<DropOut>,
    /// When one level comes back if no late payment comes first.
    restores_on: Option<String>,
}

#[derive(Serialize)]
struct LevelOut {
    code: String,
    /// 0 = the best of the scheme's payment terms.
    level: usize,
    text: String,
}

#[derive(Serialize)]
struct DropOut {
    /// "2026-Q3".
    quarter: String,
    late_payments: Vec<String>,
    since: String,
    levels_down: usize,
    reason: String,
}

#[derive(Serialize)]
struct FollowUpOut {
    id: i64,
    what: String,
    due: String,
    days_overdue: i64,
}

/// The customer's risk as shown: the latest assessment and the day it expires.
struct Risk {
    latest: Assessment,
    expires: NaiveDate,
}

pub fn run(ctx: &Context, key: &str, format: TextOrJson) -> Result<(), CliError> {
    let store = ctx.open_book()?;
    let scheme = store.scheme().cloned().ok_or(CliError::Refused(super::refusal::Refusal::NoScheme))?;
    let customer = crate::app::customers::resolve(&*store, key)?;
    let rule = crate::app::agenda::assessment_rule(&scheme, ctx.config.require_assessment);
    let risk = store.latest_assessment(customer.id)?.map(|a| Risk { expires: rule.expires_on(a.taken_on), latest: a });
    let open: Vec<FollowUp> = store.follow_ups_of(customer.id)?.into_iter().filter(|f| f.done_at.is_none()).collect();
    let today = ctx.today();
    let terms = crate::app::terms::for_customer(&*store, &customer, today, ctx.config.late_rule())?;
    let list = ctx.temperaments()?;
    match format {
        TextOrJson::Json => {
            let temperament =
                customer.fields.temperament.as_deref().map(|k| super::temperament::out(&list, k, ctx.lang));
            let mut out = json_of(customer, risk.as_ref(), &open, today);
            out.temperament = temperament;
            out.terms = terms.as_ref().map(|t| terms_json(t, ctx.lang));
            println!("{}", super::output::json(&out)?)
        }
        TextOrJson::Text => {
            let temperament = super::temperament::text_lines(&list, customer.fields.temperament.as_deref(), ctx.lang);
            print!("{}", text_of(&customer, risk.as_ref(), (&temperament, &open), today, ctx.lang));
            print!("{}", terms_text(terms.as_ref(), ctx.lang));
        }
    }
    super::due::warn_unreadable(&*store, ctx.lang);
    Ok(())
}

fn json_of(customer: Customer, risk: Option<&Risk>, open: &[FollowUp], today: NaiveDate) -> ShowOut {
    ShowOut {
        customer: CustomerOut::from(customer),
        risk_category: risk.map(|r| r.latest.category.clone()),
        risk_score: risk.map(|r| r.latest.score),
        assessed_on: risk.map(|r| r.latest.taken_on.to_string()),
        risk_expires: risk.map(|r| r.expires.to_string()),
        risk_expired: risk.is_some_and(|r| r.expires <= today),
        temperament: None,
        open_follow_ups: open
            .iter()
            .map(|f| FollowUpOut {
                id: f.id.0,
                what: f.what.clone(),
                due: f.due_on.to_string(),
                days_overdue: (today - f.due_on).num_days(),
            })
            .collect(),
        terms: None,
    }
}

pub(super) fn terms_json(t: &CustomerTerms, l: Lang) -> TermsOut {
    let e = &t.effective;
    let level = |p: &crate::domain::terms::PaymentLevel, level: usize| LevelOut {
        code: p.code.clone(),
        level,
        text: p.name(l).to_string(),
    };
    let drop = |r: &crate::domain::terms::DropReason, down: usize, reason: String| DropOut {
        quarter: format!("{}-Q{}", r.quarter.year, r.quarter.q),
        late_payments: r.dates.iter().map(|d| d.to_string()).collect(),
        since: r.since.to_string(),
        levels_down: down,
        reason,
    };
    TermsOut {
        price_basis: match t.price_basis {
            PriceBasis::List => "list",
            PriceBasis::Commission => "commission",
        },
        price_pct: t.price_pct,
        price: terms_texts::price(t.price_basis, t.price_pct, l),
        payment: level(&t.payment, e.in_force),
        base_payment: level(&t.base_payment, e.base),
        lead_time_days: t.lead_time_days,
        review: crate::i18n::tiers::cadence(&t.review, l),
        late_payments: t.late_payments.iter().map(|d| d.to_string()).collect(),
        drop: e.reason.as_ref().map(|r| drop(r, e.levels_down(), terms_texts::drop_reason(r, e.levels_down(), l))),
        pending_drop: e.pending.as_ref().map(|r| drop(r, 1, terms_texts::pending(r, l))),
        restores_on: e.restores_on.filter(|_| e.reason.is_some()).map(|d| d.to_string()),
    }
}

/// The terms as the text's last lines: a heading, then "Label: value" lines.
fn terms_text(t: Option<&CustomerTerms>, l: Lang) -> String {
    let Some(t) = t else { return line(Tm::Terms.get(l), Tm::NoTerms.get(l), l) };
    let mut out = line(Tm::Terms.get(l), "", l).trim_end().to_string();
    out.push('\n');
    for (label, value) in terms_texts::lines(t, l) {
        out.push_str(&format!("  {}", line(label, &value, l)));
    }
    out
}

/// "Label: value" in the language's punctuation.
fn line(label: &str, value: &str, l: Lang) -> String {
    match l {
        Lang::Zh => format!("{label}：{value}\n"),
        Lang::En => format!("{label}: {value}\n"),
    }
}

/// A band's name in the language, from the questionnaire answered (its code if unknown).
fn band_name(a: &Assessment, l: Lang) -> String {
    crate::data::shipped_questionnaire(&a.questionnaire_id)
        .and_then(|q| q.band_by_code(&a.category).map(|b| b.name.get(l).to_string()))
        .unwrap_or_else(|| a.category.clone())
}

/// `then`: the temperament's lines, and the open follow-ups listed last.
fn text_of(c: &Customer, risk: Option<&Risk>, then: (&str, &[FollowUp]), today: NaiveDate, l: Lang) -> String {
    let (temperament, open) = then;
    let f = &c.fields;
    let mut out = fill(R::ShowHead.get(l), &[&f.name, &c.id.0]);
    out.push('\n');
    out.push_str(&line(T::ColTier.get(l), &f.tier, l));
    if c.signoff_pending {
        out.push_str(R::AwaitingSignoff.get(l));
        out.push('\n');
    }
    out.push_str(&line(T::ColOwner.get(l), &f.owner, l));
    let last = c.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| T::Never.get(l).to_string());
    out.push_str(&line(T::ColLastContact.get(l), &last, l));
    out.push_str(&line(T::ColNextDue.get(l), &c.next_due_on.to_string(), l));
    let risk_text = match risk {
        None => T::NeverAssessed.get(l).to_string(),
        Some(r) => {
            let text = if r.expires <= today { R::RiskExpired } else { R::RiskLine };
            fill(text.get(l), &[&band_name(&r.latest, l), &r.latest.score, &r.latest.taken_on, &r.expires])
        }
    };
    out.push_str(&line(T::ColRisk.get(l), &risk_text, l));
    let fields = [
        (Field::Ref, f.ext_ref.clone().unwrap_or_default()),
        (Field::Company, f.company.clone()),
        (Field::ContactPerson, f.contact_person.clone()),
        (Field::Phone, f.phone.clone()),
        (Field::Email, f.email.clone()),
        (Field::Region, f.region.clone()),
        (Field::Address, f.address.clone()),
        (Field::Industry, f.industry.clone()),
        (Field::Tags, f.tags.clone()),
        (Field::Created, f.created_on.to_string()),
    ];
    for (field, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(&line(field_label(*field, l), value, l));
    }
    if !f.notes.is_empty() {
        out.push_str(&line(field_label(Field::Notes, l), "", l));
        for note in f.notes.lines() {
            out.push_str(&format!("  {note}\n"));
        }
    }
    out.push_str(temperament);
    out.push_str(&fill(R::OpenFollowUps.get(l), &[&open.len()]));
    out.push('\n');
    for fu in open {
        out.push_str(&format!("  #{}  {}  {}\n", fu.id.0, fu.due_on, fu.what));
    }
    out
}
