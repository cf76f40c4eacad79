//! Terms by tier in words: the price, the payment terms in force and why, the lead time, the
//! review; the customer view, `customer show`, `payment late` and the brief say them alike.

use chrono::NaiveDate;

use super::{Lang, fill};
use crate::app::terms::CustomerTerms;
use crate::domain::terms::{DropReason, PriceBasis};

texts! { Tm:
    Terms => "交易条件", "Terms";
    Price => "价格", "Price";
    Payment => "付款", "Payment";
    BasePayment => "本级付款", "Tier's own";
    LeadTime => "交货期", "Lead time";
    Review => "复核", "Review";
    Why => "原因", "Why";
    NoTerms => "本分级方案无交易条件", "no terms for this tier scheme";
    ListOff => "牌价最多优惠 {}%", "up to {}% off list price";
    ListPrice => "牌价", "list price";
    ListPlus => "牌价加 {}%", "list price + {}%";
    CommissionOff => "标准佣金最多优惠 {}%", "up to {}% off the standard commission";
    Commission => "标准佣金", "standard commission";
    CommissionPlus => "标准佣金加 {}%", "standard commission + {}%";
    Days => "{} 天", "{} days";
    NoLeadTime => "无承诺", "none promised";
    Quarter => "{}年第{}季度", "{} Q{}";
    DateSep => "、", ", ";
    Dropped => "{}逾期付款 {} 次（{}）：自 {} 起下调一级", "{} late payments in {} ({}): one level down since {}";
    DroppedMore => "，共下调 {} 级", "; {} levels down in all";
    Pending => "{}逾期付款 {} 次（{}）：自 {} 起下调一级", "{} late payments in {} ({}): one level down from {}";
    Restores => "如无新的逾期，{} 起恢复一级", "one level back on {} if no late payment comes first";
    LateRecorded => "已记录 {} 的逾期付款（{}）。", "Recorded a late payment of {} on {}.";
    NowDropped => "付款条件已下调：{}", "Payment terms dropped: {}";
    Unchanged => "付款条件：{}", "Payment terms: {}";
    LateTitle => "记录逾期付款：{}", "Late payment: {}";
    FieldLateOn => "逾期日期", "Paid late on";
    FieldNote => "说明", "Note";
    ProblemFuture => "不能晚于今天", "cannot be after today";
}

/// "2026 Q3" / "2026年第3季度".
pub fn quarter(q: crate::domain::terms::Quarter, lang: Lang) -> String {
    fill(Tm::Quarter.get(lang), &[&q.year, &q.q])
}

/// "up to 5% off list price", "list price", "list price + 5%".
pub fn price(basis: PriceBasis, pct: i32, lang: Lang) -> String {
    let (off, same, plus) = match basis {
        PriceBasis::List => (Tm::ListOff, Tm::ListPrice, Tm::ListPlus),
        PriceBasis::Commission => (Tm::CommissionOff, Tm::Commission, Tm::CommissionPlus),
    };
    match pct {
        0 => same.get(lang).to_string(),
        p if p < 0 => fill(off.get(lang), &[&p.unsigned_abs()]),
        p => fill(plus.get(lang), &[&p]),
    }
}

/// "20 days", or "none promised".
pub fn lead_time(days: Option<u32>, lang: Lang) -> String {
    match days {
        Some(d) => fill(Tm::Days.get(lang), &[&d]),
        None => Tm::NoLeadTime.get(lang).to_string(),
    }
}

fn month_days(dates: &[NaiveDate], lang: Lang) -> String {
    dates.iter().map(|d| d.format("%m-%d").to_string()).collect::<Vec<_>>().join(Tm::DateSep.get(lang))
}

/// "2 late payments in 2026 Q3 (07-14, 09-02): one level down since 09-03", and the
/// levels down in all when more than one.
pub fn drop_reason(r: &DropReason, levels_down: usize, lang: Lang) -> String {
    let q = quarter(r.quarter, lang);
    let since = r.since.format("%m-%d").to_string();
    let mut out = match lang {
        Lang::Zh => fill(Tm::Dropped.get(lang), &[&q, &r.dates.len(), &month_days(&r.dates, lang), &since]),
        Lang::En => fill(Tm::Dropped.get(lang), &[&r.dates.len(), &q, &month_days(&r.dates, lang), &since]),
    };
    if levels_down > 1 {
        out.push_str(&fill(Tm::DroppedMore.get(lang), &[&levels_down]));
    }
    out
}

/// A drop reached today that starts tomorrow.
pub fn pending(r: &DropReason, lang: Lang) -> String {
    let q = quarter(r.quarter, lang);
    let from = r.since.format("%m-%d").to_string();
    match lang {
        Lang::Zh => fill(Tm::Pending.get(lang), &[&q, &r.dates.len(), &month_days(&r.dates, lang), &from]),
        Lang::En => fill(Tm::Pending.get(lang), &[&r.dates.len(), &q, &month_days(&r.dates, lang), &from]),
    }
}

/// Why the payment terms are what they are, when they are not simply the tier's: the drop,
/// a drop starting tomorrow, and when a level comes back. Empty when nothing moved them.
pub fn why(t: &CustomerTerms, lang: Lang) -> Vec<String> {
    let e = &t.effective;
    let mut out = Vec::new();
    if let Some(r) = &e.reason {
        out.push(drop_reason(r, e.levels_down(), lang));
    }
    if let Some(r) = &e.pending {
        out.push(pending(r, lang));
    }
    if let Some(day) = e.restores_on.filter(|_| e.reason.is_some()) {
        out.push(fill(Tm::Restores.get(lang), &[&day]));
    }
    out
}

/// The terms as (label, value) lines, in the order the faces show them.
pub fn lines(t: &CustomerTerms, lang: Lang) -> Vec<(&'static str, String)> {
    let mut out = vec![(Tm::Price.get(lang), price(t.price_basis, t.price_pct, lang))];
    out.push((Tm::Payment.get(lang), t.payment.name(lang).to_string()));
    if t.dropped() {
        out.push((Tm::BasePayment.get(lang), t.base_payment.name(lang).to_string()));
    }
    out.push((Tm::LeadTime.get(lang), lead_time(t.lead_time_days, lang)));
    out.push((Tm::Review.get(lang), super::tiers::cadence(&t.review, lang)));
    for w in why(t, lang) {
        out.push((Tm::Why.get(lang), w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::terms::Quarter;

    #[test]
    fn a_drop_reads_as_the_issue_says_in_both_languages() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let r = DropReason {
            quarter: Quarter { year: 2026, q: 3 },
            dates: vec![d("2026-07-14"), d("2026-09-02")],
            since: d("2026-09-03"),
        };
        assert_eq!(
            drop_reason(&r, 1, Lang::En),
            "2 late payments in 2026 Q3 (07-14, 09-02): one level down since 09-03"
        );
        assert_eq!(drop_reason(&r, 1, Lang::Zh), "2026年第3季度逾期付款 2 次（07-14、09-02）：自 09-03 起下调一级");
        assert!(drop_reason(&r, 2, Lang::En).ends_with("; 2 levels down in all"));
        assert_eq!(price(PriceBasis::List, -5, Lang::En), "up to 5% off list price");
        assert_eq!(price(PriceBasis::List, 5, Lang::Zh), "牌价加 5%");
        assert_eq!(price(PriceBasis::Commission, 0, Lang::En), "standard commission");
    }
}
