//! The audit trail as people read it: what was changed (a customer, a contact, a follow-up, a
//! tier...), how (added, changed, removed), which fields went from what to what, and whether it
//! was undone. Built from the stored row images; knows nothing of how they are stored.

use chrono::NaiveDateTime;

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
    LatePayment,
}

impl Entity {
    /// The fields that say what an added or removed record was, in the order shown.
    fn key_fields(self) -> &'static [&'static str] {
        match self {
            Entity::Customer => &["name", "tier", "company"],
            Entity::Contact => &["kind", "happened_on", "summary", "product", "acknowledged_mismatch"],
            Entity::FollowUp => &["what", "due_on", "done_at"],
            Entity::Reschedule => &["old_due_on", "new_due_on", "reason"],
            Entity::TierChange => &["from_tier", "to_tier", "reason", "approved_by"],
            Entity::Snooze => &["until_on", "reason"],
            Entity::Indicator => &["indicator", "value", "measured_on"],
            Entity::Assessment => &["score", "category", "taken_on"],
            Entity::LatePayment => &["late_on", "note"],
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
const HIDDEN: [&str; 10] = [
    "id",
    "uuid",
    "customer_id",
    "name_key",
    "updated_at",
    "created_at",
    "entered_at",
    "entered_by",
    "follow_up_id",
    "contact_before_last_on",
];

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

impl AuditEntry {
    /// Whether this entry records a verified approver (a sign-off that checked who signed
    /// sets the flag with the name; none does in a book kept by one person).
    pub fn approver_verified(&self) -> bool {
        self.fields.iter().any(|f| f.field == "approver_verified" && f.new.as_deref() == Some("1"))
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
        assert_eq!((f[0].field.as_str(), f[1].field.as_str()), ("kind", "happened_on"));
    }
}
