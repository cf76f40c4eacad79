//! The brief laid out as titled sections of lines in one language: what the screen draws,
//! what `tierdesk brief` prints as text and as Markdown. One layout, so that the two faces
//! never disagree about what a brief says.

use super::Brief;
use crate::domain::contact_kind::ContactKinds;
use crate::domain::tier::TierScheme;
use crate::i18n::brief_texts::B;
use crate::i18n::{Lang, fill};

/// How a line reads: as plain text, set back, or as something to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Muted,
    Warn,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub tone: Tone,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub heading: String,
    pub lines: Vec<Line>,
}

fn plain(text: String) -> Line {
    Line { text, tone: Tone::Plain }
}

fn muted(text: String) -> Line {
    Line { text, tone: Tone::Muted }
}

fn warn(text: String) -> Line {
    Line { text, tone: Tone::Warn }
}

/// The brief's title: "Visit brief: 王芳".
pub fn title(brief: &Brief, l: Lang) -> String {
    fill(B::Title.get(l), &[&brief.customer.fields.name])
}

/// Every section of the brief, in reading order: who, and how to handle them, first.
/// `temperament_key`: the screen's key that sets a temperament, named when none is set
/// (None: the command line's way is named).
pub fn outline(
    brief: &Brief,
    scheme: &TierScheme,
    kinds: &ContactKinds,
    temperament_key: Option<&str>,
    l: Lang,
) -> Vec<Section> {
    vec![
        Section { heading: B::Who.get(l).into(), lines: who(brief, scheme, l) },
        Section { heading: B::Temperament.get(l).into(), lines: temperament(brief, temperament_key, l) },
        Section { heading: B::WhyTier.get(l).into(), lines: why_tier(brief, l) },
        Section { heading: B::Terms.get(l).into(), lines: terms(brief, l) },
        Section { heading: B::Contacts.get(l).into(), lines: contacts(brief, kinds, l) },
        Section { heading: B::FollowUps.get(l).into(), lines: follow_ups(brief, l) },
        Section { heading: B::Risk.get(l).into(), lines: risk(brief, l) },
        Section { heading: B::Suits.get(l).into(), lines: suits(brief, l) },
    ]
}

fn who(brief: &Brief, scheme: &TierScheme, l: Lang) -> Vec<Line> {
    let c = &brief.customer;
    let f = &c.fields;
    let tier_name = scheme.tier(&f.tier).map(|t| t.name(l).to_string()).unwrap_or_default();
    let mut tier = fill(B::TierLine.get(l), &[&f.tier, &tier_name]);
    if c.signoff_pending {
        tier.push(' ');
        tier.push_str(B::Awaiting.get(l));
    }
    let mut out = vec![plain(tier)];
    if !f.company.is_empty() {
        out.push(plain(fill(B::CompanyLine.get(l), &[&f.company])));
    }
    let reach: Vec<&str> =
        [&f.contact_person, &f.phone, &f.email].into_iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if !reach.is_empty() {
        out.push(plain(fill(B::ContactLine.get(l), &[&reach.join("  ")])));
    }
    if !f.region.is_empty() {
        out.push(plain(fill(B::RegionLine.get(l), &[&f.region])));
    }
    if !f.owner.is_empty() {
        out.push(plain(fill(B::OwnerLine.get(l), &[&f.owner])));
    }
    if let Some(r) = f.ext_ref.as_deref().filter(|r| !r.is_empty()) {
        out.push(plain(fill(B::RefLine.get(l), &[&r])));
    }
    let last = c.last_contact_on.map(|d| d.to_string()).unwrap_or_else(|| B::Never.get(l).to_string());
    let next = c.next_due_on.to_string();
    let line = fill(B::LastNext.get(l), &[&last, &next]);
    out.push(if c.next_due_on < brief.today { warn(line) } else { plain(line) });
    out
}

fn why_tier(brief: &Brief, l: Lang) -> Vec<Line> {
    let mut out = Vec::new();
    if let Some((model, grade)) = &brief.why_tier.grade {
        let said = crate::i18n::grading::explain(model, grade, l);
        out.push(plain(fill(B::Model.get(l), &[&model.name(l), &said])));
    }
    if let Some(ch) = &brief.why_tier.last_change {
        let reason = if ch.reason.trim().is_empty() { B::NoReason.get(l).to_string() } else { ch.reason.clone() };
        let at = ch.at.format("%Y-%m-%d").to_string();
        out.push(plain(match &ch.from {
            Some(from) => fill(B::Change.get(l), &[&at, &ch.by, from, &ch.to, &reason]),
            None => fill(B::ChangeNew.get(l), &[&at, &ch.by, &ch.to, &reason]),
        }));
    }
    if out.is_empty() {
        out.push(muted(B::NoWhy.get(l).to_string()));
    }
    out
}

fn contacts(brief: &Brief, kinds: &ContactKinds, l: Lang) -> Vec<Line> {
    if brief.contacts.is_empty() {
        return vec![muted(B::NoContacts.get(l).to_string())];
    }
    brief
        .contacts
        .iter()
        .map(|c| {
            let mut text = format!("{}  {}", c.on, kinds.name(&c.kind, l));
            if !c.person.is_empty() {
                text.push_str(&format!("  {}", c.person));
            }
            if let Some(code) = &c.product {
                // The product as the catalogue names it, with its level (the code alone if
                // the catalogue no longer has it).
                let named = brief
                    .suitability
                    .products
                    .iter()
                    .find(|(p, _)| p.code == *code)
                    .map_or_else(|| code.clone(), |(p, _)| format!("{} {} ({})", p.code, p.name(l), p.level));
                text.push_str(&format!("  {}", fill(B::Recommended.get(l), &[&named])));
            }
            for part in [&c.summary, &c.outcome].into_iter().filter(|p| !p.trim().is_empty()) {
                // Notes may run over several lines: the brief keeps them on one.
                text.push_str(&format!("  {}", part.split_whitespace().collect::<Vec<_>>().join(" ")));
            }
            plain(text)
        })
        .collect()
}

fn follow_ups(brief: &Brief, l: Lang) -> Vec<Line> {
    if brief.follow_ups.is_empty() {
        return vec![muted(B::NoFollowUps.get(l).to_string())];
    }
    brief
        .follow_ups
        .iter()
        .map(|f| {
            let late = (brief.today - f.due_on).num_days();
            if late > 0 {
                warn(fill(B::FollowUpLate.get(l), &[&f.due_on, &f.what, &late]))
            } else {
                plain(fill(B::FollowUpDue.get(l), &[&f.due_on, &f.what]))
            }
        })
        .collect()
}

fn risk(brief: &Brief, l: Lang) -> Vec<Line> {
    use crate::i18n::record_texts::R;
    let Some(r) = &brief.risk else {
        return vec![warn(B::NotAssessed.get(l).to_string())];
    };
    let band = crate::data::shipped_questionnaire(&r.latest.questionnaire_id)
        .and_then(|q| q.band_by_code(&r.latest.category).map(|b| b.name.get(l).to_string()))
        .unwrap_or_else(|| r.latest.category.clone());
    let args: [&dyn std::fmt::Display; 4] = [&band, &r.latest.score, &r.latest.taken_on, &r.expires];
    if r.expired(brief.today) {
        vec![warn(fill(R::RiskExpired.get(l), &args)), warn(B::ExpiredNote.get(l).to_string())]
    } else {
        vec![plain(fill(R::RiskLine.get(l), &args))]
    }
}

/// How many suitable products the brief lists (the JSON has them all).
const BRIEF_PRODUCTS: usize = 8;

fn suits(brief: &Brief, l: Lang) -> Vec<Line> {
    let s = &brief.suitability;
    let Some(category) = s.category else {
        let why = match &s.assessed {
            None => B::SuitNeverAssessed.get(l).to_string(),
            Some(a) if a.category.is_none() => fill(B::SuitNoCategory.get(l), &[&a.band]),
            Some(a) => fill(B::SuitExpired.get(l), &[&a.expires_on]),
        };
        return vec![warn(fill(B::SuitUnknown.get(l), &[&why]))];
    };
    let levels = match (s.suitable_levels.first(), s.suitable_levels.last()) {
        (Some(lo), Some(hi)) if lo != hi => format!("{lo}–{hi}"),
        (Some(one), _) => one.to_string(),
        _ => String::new(),
    };
    let mut out = vec![plain(fill(B::SuitLevels.get(l), &[&category, &levels]))];
    let fitting: Vec<_> = s.products.iter().filter(|(_, j)| j.is_suitable()).collect();
    if fitting.is_empty() {
        out.push(muted(B::SuitNone.get(l).to_string()));
    }
    for (p, _) in fitting.iter().take(BRIEF_PRODUCTS) {
        out.push(plain(fill(B::SuitProduct.get(l), &[&p.level, &p.code, &p.name(l)])));
    }
    if fitting.len() > BRIEF_PRODUCTS {
        out.push(muted(fill(B::SuitMore.get(l), &[&(fitting.len() - BRIEF_PRODUCTS)])));
    }
    out
}

fn temperament(brief: &Brief, key: Option<&str>, l: Lang) -> Vec<Line> {
    match &brief.temperament {
        None => vec![muted(match key {
            Some(key) => fill(B::NoTemperament.get(l), &[&key]),
            None => B::NoTemperamentCli.get(l).to_string(),
        })],
        Some((stored, None)) => vec![warn(fill(B::UnknownTemperament.get(l), &[stored]))],
        Some((_, Some(t))) => vec![plain(t.name(l).to_string()), plain(t.advice(l).to_string())],
    }
}

/// The terms as the customer view shows them; the payment terms and the reason for a drop
/// to act on.
fn terms(brief: &Brief, l: Lang) -> Vec<Line> {
    use crate::i18n::terms_texts::{Tm, lines};
    let Some(t) = &brief.terms else {
        return vec![muted(B::NoTerms.get(l).to_string())];
    };
    lines(t, l)
        .into_iter()
        .map(|(label, value)| {
            let text = fill(B::TermLine.get(l), &[&label, &value]);
            if label == Tm::Why.get(l) || (label == Tm::Payment.get(l) && t.dropped()) {
                warn(text)
            } else {
                plain(text)
            }
        })
        .collect()
}
