//! The morning plan in words: why a customer is on it ("A, 9 days late, every week" /
//! "A，逾期 9 天，每周"), its kinds, its title and columns.

use super::{Lang, fill};
use crate::domain::due::DueReason;
use crate::domain::plan::{PlanKind, PlanRow};

texts! { K:
    Late => "逾期 {} 天", "{} days late";
    LateOne => "逾期 1 天", "1 day late";
    DueToday => "今天到期", "due today";
    FollowUp => "跟进", "follow-up";
    Assessment => "风险测评", "assessment";
    Sep => "，", ", ";
    Others => "（另有 {} 项）", " (+{} more)";
    Visit => "拜访", "visit";
    Call => "电话", "call";
    Title => "今日计划 {}：{} 次拜访、{} 个电话（容量 {} / {}）", "Plan for {}: {} visits, {} calls (room for {} / {})";
    Empty => "今天没有到期的客户，计划为空。按 {} 回到今日待办。", "Nothing is due today: the plan is empty. {} goes back to Today.";
    ColKind => "方式", "Kind";
    ColRegion => "地区", "Region";
    ColWhy => "原因", "Why";
    ColScore => "分数", "Score";
    NoRegion => "（无地区）", "(no region)";
}

/// The kind's word: 拜访 / visit, 电话 / call.
pub fn kind(k: PlanKind, lang: Lang) -> &'static str {
    match k {
        PlanKind::Visit => K::Visit.get(lang),
        PlanKind::Call => K::Call.get(lang),
    }
}

/// Why a customer is on the plan: its tier, how late its best item is, and what it is.
pub fn why(row: &PlanRow, lang: Lang) -> String {
    let it = &row.item;
    let late = match it.days_overdue {
        d if d <= 0 => K::DueToday.get(lang).to_string(),
        1 => K::LateOne.get(lang).to_string(),
        d => fill(K::Late.get(lang), &[&d]),
    };
    let sep = K::Sep.get(lang);
    let mut parts = vec![it.customer.tier.clone()];
    match it.reason {
        DueReason::Cadence => parts.push(late),
        DueReason::FollowUp => parts.push(format!("{} {late}", K::FollowUp.get(lang))),
        DueReason::Assessment => parts.push(format!("{} {late}", K::Assessment.get(lang))),
    }
    if !it.detail.is_empty() {
        parts.push(it.detail.clone());
    }
    let mut text = parts.join(sep);
    if row.others > 0 {
        text.push_str(&fill(K::Others.get(lang), &[&row.others]));
    }
    text
}

pub fn title(date: &dyn std::fmt::Display, rows: &[PlanRow], cap: crate::domain::plan::Capacity, lang: Lang) -> String {
    let visits = rows.iter().filter(|r| r.kind == PlanKind::Visit).count();
    let calls = rows.len() - visits;
    fill(K::Title.get(lang), &[date, &visits, &calls, &cap.visits, &cap.calls])
}

pub use K as PlanText;
