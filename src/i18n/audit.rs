//! The audit trail in words: what kind of record a change touched, how, and which fields went
//! from what to what. The domain (`domain::audit`) builds the entries; this says them.

use super::Lang;
use crate::domain::audit::{AuditEntry, Entity, Op};

texts! { A:
    Customer => "客户", "customer";
    Contact => "联系记录", "contact";
    FollowUp => "跟进", "follow-up";
    Reschedule => "跟进改期", "follow-up date";
    TierChange => "级别", "tier";
    Snooze => "延后", "snooze";
    Indicator => "指标值", "indicator value";
    Assessment => "风险评估", "assessment";
    LatePayment => "逾期付款", "late payment";
    Added => "新增", "added";
    Changed => "修改", "changed";
    Removed => "删除", "removed";
    Yes => "是", "yes";
    No => "否", "no";
    NotVerified => "（未核实）", " (not verified)";
    Sep => "；", "; ";
}

/// "customer", "follow-up date"...
pub fn entity_name(e: Entity, lang: Lang) -> &'static str {
    let a = match e {
        Entity::Customer => A::Customer,
        Entity::Contact => A::Contact,
        Entity::FollowUp => A::FollowUp,
        Entity::Reschedule => A::Reschedule,
        Entity::TierChange => A::TierChange,
        Entity::Snooze => A::Snooze,
        Entity::Indicator => A::Indicator,
        Entity::Assessment => A::Assessment,
        Entity::LatePayment => A::LatePayment,
    };
    a.get(lang)
}

/// "added", "changed", "removed".
pub fn op_name(o: Op, lang: Lang) -> &'static str {
    match o {
        Op::Added => A::Added,
        Op::Changed => A::Changed,
        Op::Removed => A::Removed,
    }
    .get(lang)
}

/// A stored column's name as people say it: (column, zh, en).
const LABELS: &[(&str, &str, &str)] = &[
    ("name", "名称", "name"),
    ("company", "单位", "company"),
    ("contact_person", "联系人", "contact"),
    ("phone", "电话", "phone"),
    ("email", "邮箱", "email"),
    ("region", "地区", "region"),
    ("address", "地址", "address"),
    ("industry", "行业", "industry"),
    ("owner", "负责人", "owner"),
    ("tags", "标签", "tags"),
    ("notes", "备注", "notes"),
    ("ext_ref", "编号", "ref"),
    ("created_on", "建档日期", "taken on"),
    ("tier", "级别", "tier"),
    ("temperament", "顾客类型", "temperament"),
    ("last_contact_on", "上次联系", "last contact"),
    ("next_due_on", "下次应联系", "next due"),
    ("risk_category", "风险类别", "risk category"),
    ("risk_assessed_on", "评估日期", "assessed on"),
    ("signoff_pending", "待审批", "awaiting sign-off"),
    ("needs_signoff", "需审批", "needs sign-off"),
    ("approved_by", "审批人", "signed off by"),
    ("approved_at", "审批时间", "signed off at"),
    ("approver_verified", "审批人已核实", "approver verified"),
    ("from_tier", "原级别", "from"),
    ("to_tier", "新级别", "to"),
    ("reason", "原因", "reason"),
    ("kind", "方式", "kind"),
    ("happened_on", "日期", "on"),
    ("product", "推荐产品", "product"),
    ("acknowledged_mismatch", "不适当推荐的客户确认", "confirmed mismatch"),
    ("happened_at", "时间", "at"),
    ("person", "对象", "person"),
    ("summary", "内容", "summary"),
    ("outcome", "结果", "outcome"),
    ("what", "事项", "what"),
    ("due_on", "到期", "due"),
    ("done_at", "完成于", "done at"),
    ("old_due_on", "原日期", "old date"),
    ("new_due_on", "新日期", "new date"),
    ("until_on", "延至", "until"),
    ("indicator", "指标", "indicator"),
    ("value", "数值", "value"),
    ("measured_on", "测量日期", "measured on"),
    ("score", "得分", "score"),
    ("category", "类别", "category"),
    ("taken_on", "评估日期", "taken on"),
    ("late_on", "逾期日期", "paid late on"),
    ("note", "说明", "note"),
    ("recorded_by", "记录人", "recorded by"),
    ("held_since", "从公海领取于", "taken from the pool on"),
    ("pin_reason", "锁定原因", "pinned"),
    ("pinned_by", "锁定人", "pinned by"),
    ("released_from", "原负责人", "released from"),
    ("released_on", "退回日期", "released on"),
    ("released_tier", "退回时级别", "released in tier"),
    ("released_days", "退回时逾期天数", "days overdue when released"),
];

/// A column's name as people say it; unknown columns keep their own name.
pub fn column_label(field: &str, lang: Lang) -> &str {
    LABELS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
        .unwrap_or(field)
}

/// Flags are stored as 0/1; people read yes/no.
fn shown_value<'a>(field: &str, value: Option<&'a str>, lang: Lang) -> &'a str {
    let flag = matches!(field, "signoff_pending" | "needs_signoff" | "approver_verified");
    match (value, flag) {
        (None, _) => "–",
        (Some("1"), true) => A::Yes.get(lang),
        (Some("0"), true) => A::No.get(lang),
        (Some(v), _) => v,
    }
}

/// "changed customer: tier A -> B; next due 2026-12-01 -> 2026-12-08".
pub fn describe(e: &AuditEntry, lang: Lang) -> String {
    let what = format!("{} {}", op_name(e.op, lang), entity_name(e.entity, lang));
    // The pool's sweep: "released by rule (B, 31 days overdue)", from whom.
    let new = |k: &str| e.fields.iter().find(|f| f.field == k).and_then(|f| f.new.as_deref());
    if e.entity == Entity::Customer
        && e.op == Op::Changed
        && let (Some(tier), Some(days)) = (new("released_tier"), new("released_days"))
        && new("owner").is_none()
    {
        let from = e.fields.iter().find(|f| f.field == "owner").and_then(|f| f.old.as_deref()).unwrap_or("–");
        let rule = super::fill(super::pool_texts::Pool::ReleasedByRule.get(lang), &[&tier, &days]);
        return format!("{what}: {rule}{}{} {from} -> –", A::Sep.get(lang), column_label("owner", lang));
    }
    let fields: Vec<String> = e
        .fields
        .iter()
        .map(|f| {
            let label = column_label(&f.field, lang);
            let (o, mut n) = (
                shown_value(&f.field, f.old.as_deref(), lang).to_string(),
                shown_value(&f.field, f.new.as_deref(), lang).to_string(),
            );
            if f.field == "approved_by" && f.new.is_some() && !e.approver_verified() {
                n.push_str(A::NotVerified.get(lang));
            }
            match e.op {
                Op::Changed => format!("{label} {o} -> {n}"),
                _ => format!("{label} {}", if f.new.is_some() { n } else { o }),
            }
        })
        .collect();
    if fields.is_empty() { what } else { format!("{what}: {}", fields.join(A::Sep.get(lang))) }
}

/// What an undo took back, in a line: its first entries, most telling first (what was
/// added or removed before what was merely changed along with it). Both faces say it.
pub fn describe_undone(undone: &crate::store::Undone, lang: Lang) -> String {
    use super::{T, fill};
    let mut entries: Vec<&AuditEntry> = undone.entries.iter().collect();
    // Changes after additions and removals; the customers first among those (an import's
    // undo removed its customers and, with each, its first tier: it reads as the customers).
    entries.sort_by_key(|e| (e.op == Op::Changed, e.entity != Entity::Customer));
    let Some(first) = entries.first() else { return String::new() };
    // One change that touched many records of one kind (an accepted review, an import) reads
    // as their number.
    let alike = entries.iter().filter(|e| e.entity == first.entity && e.op == first.op).count();
    if alike > 1 {
        return fill(T::UndidMany.get(lang), &[&op_name(first.op, lang), &alike, &entity_name(first.entity, lang)]);
    }
    let parts: Vec<String> = entries.iter().take(2).map(|e| describe(e, lang)).collect();
    let more = entries.len().saturating_sub(2);
    if more > 0 { format!("{} (+{more})", parts.join(" / ")) } else { parts.join(" / ") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::FieldChange;

    #[test]
    fn an_undone_import_reads_as_its_customers_not_their_first_tiers() {
        let entry = |entity| AuditEntry {
            change: 1,
            at: Default::default(),
            by: "lin".into(),
            entity,
            op: Op::Added,
            fields: vec![],
            undoes: None,
            undone_by: Some(2),
        };
        // As undo lists them: the last written first, so the tier rows before the customers.
        let entries = vec![
            entry(Entity::TierChange),
            entry(Entity::TierChange),
            entry(Entity::Customer),
            entry(Entity::Customer),
        ];
        let undone = crate::store::Undone { change: 1, entries, customers: vec![] };
        assert_eq!(describe_undone(&undone, Lang::En), "added 2 x customer");
        assert_eq!(describe_undone(&undone, Lang::Zh), "新增 2 条客户");
    }

    #[test]
    fn an_added_record_is_described_by_its_key_fields() {
        let field = |f: &str, v: &str| FieldChange { field: f.into(), old: None, new: Some(v.into()) };
        let e = AuditEntry {
            change: 1,
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default(),
            by: "lin".into(),
            entity: Entity::Contact,
            op: Op::Added,
            fields: vec![field("kind", "call"), field("happened_on", "2026-11-30")],
            undoes: None,
            undone_by: None,
        };
        assert_eq!(describe(&e, Lang::En), "added contact: kind call; on 2026-11-30");
        assert_eq!(describe(&e, Lang::Zh), "新增 联系记录: 方式 call；日期 2026-11-30");
    }

    #[test]
    fn a_release_by_the_pool_reads_as_its_rule() {
        let field = |f: &str, o: Option<&str>, n: Option<&str>| FieldChange {
            field: f.into(),
            old: o.map(str::to_string),
            new: n.map(str::to_string),
        };
        let e = AuditEntry {
            change: 1,
            at: chrono::NaiveDate::from_ymd_opt(2026, 4, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).unwrap_or_default(),
            by: "lead".into(),
            entity: Entity::Customer,
            op: Op::Changed,
            fields: vec![
                field("owner", Some("bai"), None),
                field("released_from", None, Some("bai")),
                field("released_tier", None, Some("B")),
                field("released_days", None, Some("31")),
            ],
            undoes: None,
            undone_by: None,
        };
        assert_eq!(describe(&e, Lang::En), "changed customer: released by rule (B, 31 days overdue); owner bai -> –");
        assert_eq!(describe(&e, Lang::Zh), "修改 客户: 按规则退回公海（B 级，逾期 31 天）；负责人 bai -> –");
    }
}
