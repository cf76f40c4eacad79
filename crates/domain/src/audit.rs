//! The audit trail as people read it: what was changed (a customer, a contact, a follow-up, a
//! tier...), how (added, changed, removed), which fields went from what to what, and whether it
//! was undone. Built from the stored row images; knows nothing of how they are stored.

use chrono::NaiveDateTime;

use crate::lang::Lang;

/// What kind of record a change touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Customer,
    Contact,
    FollowUp,
    Reschedule,
    TierChange,
    Snooze,
    Indicator,
    Assessment,
}

impl Entity {
    pub fn from_table(table: &str) -> Option<Self> {
        Some(match table {
            "customers" => Entity::Customer,
            "contacts" => Entity::Contact,
            "follow_ups" => Entity::FollowUp,
            "follow_up_reschedules" => Entity::Reschedule,
            "tier_changes" => Entity::TierChange,
            "snoozes" => Entity::Snooze,
            "indicator_values" => Entity::Indicator,
            "assessments" => Entity::Assessment,
            _ => return None,
        })
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Entity::Customer, Lang::Zh) => "客户",
            (Entity::Customer, Lang::En) => "customer",
            (Entity::Contact, Lang::Zh) => "联系记录",
            (Entity::Contact, Lang::En) => "contact",
            (Entity::FollowUp, Lang::Zh) => "跟进",
            (Entity::FollowUp, Lang::En) => "follow-up",
            (Entity::Reschedule, Lang::Zh) => "跟进改期",
            (Entity::Reschedule, Lang::En) => "follow-up date",
            (Entity::TierChange, Lang::Zh) => "级别",
            (Entity::TierChange, Lang::En) => "tier",
            (Entity::Snooze, Lang::Zh) => "延后",
            (Entity::Snooze, Lang::En) => "snooze",
            (Entity::Indicator, Lang::Zh) => "指标值",
            (Entity::Indicator, Lang::En) => "indicator value",
            (Entity::Assessment, Lang::Zh) => "风险评估",
            (Entity::Assessment, Lang::En) => "assessment",
        }
    }

    /// The fields that say what an added or removed record was, in the order shown.
    fn key_fields(self) -> &'static [&'static str] {
        match self {
            Entity::Customer => &["name", "tier", "company"],
            Entity::Contact => &["kind", "happened_on", "summary"],
            Entity::FollowUp => &["what", "due_on", "done_at"],
            Entity::Reschedule => &["old_due_on", "new_due_on", "reason"],
            Entity::TierChange => &["from_tier", "to_tier", "reason", "approved_by"],
            Entity::Snooze => &["until_on", "reason"],
            Entity::Indicator => &["indicator", "value", "measured_on"],
            Entity::Assessment => &["score", "category", "taken_on"],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Added,
    Changed,
    Removed,
}

impl Op {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "insert" => Some(Op::Added),
            "update" => Some(Op::Changed),
            "delete" => Some(Op::Removed),
            _ => None,
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Op::Added, Lang::Zh) => "新增",
            (Op::Added, Lang::En) => "added",
            (Op::Changed, Lang::Zh) => "修改",
            (Op::Changed, Lang::En) => "changed",
            (Op::Removed, Lang::Zh) => "删除",
            (Op::Removed, Lang::En) => "removed",
        }
    }
}

/// One field's values before and after (None: the record did not exist, or the value is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Row images as (column, value as text; None for NULL), in column order.
pub type RowImage = Vec<(String, Option<String>)>;

/// One entry of a customer's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub change: i64,
    pub at: NaiveDateTime,
    pub by: String,
    pub entity: Entity,
    pub op: Op,
    pub fields: Vec<FieldChange>,
    /// This change undid change N.
    pub undoes: Option<i64>,
    /// Change N undid this one.
    pub undone_by: Option<i64>,
}

/// Columns nobody reads in a history: keys, sort keys and bookkeeping.
const HIDDEN: [&str; 9] =
    ["id", "uuid", "customer_id", "name_key", "updated_at", "created_at", "entered_at", "entered_by", "follow_up_id"];

/// The fields worth showing for a change: for an update, those that differ; for an added
/// or removed record, its key fields (those that have a value).
pub fn fields_of(entity: Entity, op: Op, old: Option<&RowImage>, new: Option<&RowImage>) -> Vec<FieldChange> {
    let get = |img: Option<&RowImage>, col: &str| -> Option<String> {
        img.and_then(|i| i.iter().find(|(c, _)| c == col)).and_then(|(_, v)| v.clone()).filter(|v| !v.is_empty())
    };
    match op {
        Op::Changed => {
            let Some(cols) = new.or(old) else { return Vec::new() };
            cols.iter()
                .map(|(c, _)| c.as_str())
                .filter(|c| !HIDDEN.contains(c))
                .filter_map(|c| {
                    let (o, n) = (get(old, c), get(new, c));
                    (o != n).then(|| FieldChange { field: c.to_string(), old: o, new: n })
                })
                .collect()
        }
        Op::Added | Op::Removed => entity
            .key_fields()
            .iter()
            .filter_map(|c| {
                let (o, n) = (get(old, c), get(new, c));
                (o.is_some() || n.is_some()).then(|| FieldChange { field: c.to_string(), old: o, new: n })
            })
            .collect(),
    }
}

/// A column's name as people say it; unknown columns keep their own name.
pub fn field_label(field: &str, lang: Lang) -> &str {
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
    ];
    LABELS
        .iter()
        .find(|(f, _, _)| *f == field)
        .map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
        .unwrap_or(field)
}

/// Flags are stored as 0/1; people read yes/no.
fn shown_value<'a>(field: &str, value: Option<&'a str>, lang: Lang) -> &'a str {
    let flag = matches!(field, "signoff_pending" | "needs_signoff" | "approver_verified");
    match (value, flag, lang) {
        (None, _, _) => "–",
        (Some("1"), true, Lang::Zh) => "是",
        (Some("0"), true, Lang::Zh) => "否",
        (Some("1"), true, Lang::En) => "yes",
        (Some("0"), true, Lang::En) => "no",
        (Some(v), _, _) => v,
    }
}

impl AuditEntry {
    /// Whether this entry records a verified approver (a sign-off that checked who signed
    /// sets the flag with the name; none does in a book kept by one person).
    fn approver_verified(&self) -> bool {
        self.fields.iter().any(|f| f.field == "approver_verified" && f.new.as_deref() == Some("1"))
    }

    /// "changed customer: tier A -> B; next due 2026-12-01 -> 2026-12-08".
    pub fn describe(&self, lang: Lang) -> String {
        let what = format!("{} {}", self.op.name(lang), self.entity.name(lang));
        let sep = if lang == Lang::Zh { "；" } else { "; " };
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|f| {
                let label = field_label(&f.field, lang);
                let (o, mut n) = (
                    shown_value(&f.field, f.old.as_deref(), lang).to_string(),
                    shown_value(&f.field, f.new.as_deref(), lang).to_string(),
                );
                if f.field == "approved_by" && f.new.is_some() && !self.approver_verified() {
                    n.push_str(if lang == Lang::Zh { "（未核实）" } else { " (not verified)" });
                }
                match self.op {
                    Op::Changed => format!("{label} {o} -> {n}"),
                    _ => format!("{label} {}", if f.new.is_some() { n } else { o }),
                }
            })
            .collect();
        if fields.is_empty() { what } else { format!("{what}: {}", fields.join(sep)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(pairs: &[(&str, Option<&str>)]) -> RowImage {
        pairs.iter().map(|(c, v)| (c.to_string(), v.map(str::to_string))).collect()
    }

    #[test]
    fn an_update_shows_only_what_differs_and_hides_bookkeeping() {
        let old = img(&[("id", Some("1")), ("tier", Some("A")), ("name", Some("王芳")), ("updated_at", Some("x"))]);
        let new = img(&[("id", Some("1")), ("tier", Some("B")), ("name", Some("王芳")), ("updated_at", Some("y"))]);
        let f = fields_of(Entity::Customer, Op::Changed, Some(&old), Some(&new));
        assert_eq!(f, vec![FieldChange { field: "tier".into(), old: Some("A".into()), new: Some("B".into()) }]);
    }

    #[test]
    fn an_added_record_shows_its_key_fields() {
        let new = img(&[("kind", Some("call")), ("happened_on", Some("2026-11-30")), ("summary", Some(""))]);
        let f = fields_of(Entity::Contact, Op::Added, None, Some(&new));
        assert_eq!(f.len(), 2, "the empty summary is left out: {f:?}");
        let e = AuditEntry {
            change: 1,
            at: chrono::NaiveDate::from_ymd_opt(2026, 11, 30).and_then(|d| d.and_hms_opt(9, 0, 0)).unwrap_or_default(),
            by: "lin".into(),
            entity: Entity::Contact,
            op: Op::Added,
            fields: f,
            undoes: None,
            undone_by: None,
        };
        assert_eq!(e.describe(Lang::En), "added contact: kind call; on 2026-11-30");
    }
}
