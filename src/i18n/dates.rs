//! Dates in words: a date field's name, what is wrong with a date typed for it, a stored date
//! the book cannot read, a date with its weekday. The domain's date rule (`domain::dates`)
//! says what is wrong as typed values; this says it in the interface language.

use chrono::{Datelike, NaiveDate};

use super::{Lang, fill};
use crate::domain::dates::{DateField, DateProblem, FIRST_YEAR, LAST_YEAR, RecordKind, UnreadableDate};

texts! { D:
    Today => "今天", "today";
    ContactDate => "联系日期", "contact date";
    FollowUpDue => "跟进到期日", "follow-up due date";
    SnoozeUntil => "延后至", "snooze date";
    RescheduleTo => "新日期", "new date";
    CreatedOn => "建档日期", "created date";
    NextDue => "下次到期日", "next due date";
    LastContact => "最近联系日期", "last contact date";
    AssessedOn => "评估日期", "assessment date";
    MeasuredOn => "指标日期", "indicator date";
    LatePayment => "逾期付款日期", "late payment date";
    Unreadable => "“{}”不是有效日期（YYYY-MM-DD，或 +3d / +1w / +2m）", "\"{}\" is not a real date (YYYY-MM-DD, or +3d / +1w / +2m)";
    OutOfRange => "{} 超出范围（{}–{} 年）", "{} is outside the years {} to {}";
    NotAfterToday => "{} 不晚于今天（{}），请选今天之后的日期", "{} is not after today ({}); choose a later day";
    FieldProblem => "{}：{}", "{}: {}";
    RecCustomer => "客户", "customer";
    RecContact => "联系记录", "contact";
    RecFollowUp => "跟进", "follow-up";
    RecSnooze => "延后", "snooze";
    RecAssessment => "风险评估", "assessment";
    UnreadableCustomer => "客户 {} 的{}无法读取：“{}”，已跳过", "customer {} has an unreadable {} \"{}\" (skipped)";
    UnreadableRecord => "客户 {} 的{} {} 的{}无法读取：“{}”，已跳过", "{} {} of customer {} has an unreadable {} \"{}\" (skipped)";
    WithWeekday => "{}（{}）", "{} ({})";
    ListSep => "；", "; ";
}

/// A date field's name: "follow-up due date".
pub fn field_name(f: DateField, lang: Lang) -> &'static str {
    let d = match f {
        DateField::Today => D::Today,
        DateField::ContactDate => D::ContactDate,
        DateField::FollowUpDue => D::FollowUpDue,
        DateField::SnoozeUntil => D::SnoozeUntil,
        DateField::RescheduleTo => D::RescheduleTo,
        DateField::CreatedOn => D::CreatedOn,
        DateField::NextDue => D::NextDue,
        DateField::LastContact => D::LastContact,
        DateField::AssessedOn => D::AssessedOn,
        DateField::MeasuredOn => D::MeasuredOn,
        DateField::LatePayment => D::LatePayment,
    };
    d.get(lang)
}

/// What is wrong, without the field's name (a form shows it next to the field).
pub fn date_reason(p: &DateProblem, lang: Lang) -> String {
    match p {
        DateProblem::Unreadable { text, .. } => fill(D::Unreadable.get(lang), &[text]),
        DateProblem::OutOfRange { text, .. } => fill(D::OutOfRange.get(lang), &[text, &FIRST_YEAR, &LAST_YEAR]),
        DateProblem::NotAfterToday { date, today, .. } => fill(D::NotAfterToday.get(lang), &[date, today]),
    }
}

/// The field's name and what is wrong with it.
pub fn date_problem(p: &DateProblem, lang: Lang) -> String {
    fill(D::FieldProblem.get(lang), &[&field_name(p.field(), lang), &date_reason(p, lang)])
}

/// A row skipped because its stored date cannot be read, named.
pub fn unreadable(u: &UnreadableDate, lang: Lang) -> String {
    let (c, field, text) = (&u.customer, field_name(u.field, lang), &u.text);
    let record = match u.record {
        RecordKind::Customer => return fill(D::UnreadableCustomer.get(lang), &[c, &field, text]),
        RecordKind::Contact => D::RecContact,
        RecordKind::FollowUp => D::RecFollowUp,
        RecordKind::Snooze => D::RecSnooze,
        RecordKind::Assessment => D::RecAssessment,
    };
    let record = record.get(lang);
    match lang {
        Lang::Zh => fill(D::UnreadableRecord.get(lang), &[c, &record, &u.id, &field, text]),
        Lang::En => fill(D::UnreadableRecord.get(lang), &[&record, &u.id, c, &field, text]),
    }
}

/// Several skipped rows, named in one line.
pub fn unreadable_list(found: &[UnreadableDate], lang: Lang) -> String {
    found.iter().map(|u| unreadable(u, lang)).collect::<Vec<_>>().join(D::ListSep.get(lang))
}

/// "2026-11-24 (Tue)" / "2026-11-24（周二）": a date with its weekday, as a prompt shows the
/// result of what was typed.
pub fn with_weekday(date: NaiveDate, lang: Lang) -> String {
    let i = date.weekday().num_days_from_monday() as usize;
    let day = match lang {
        Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
    };
    fill(D::WithWeekday.get(lang), &[&date, &day])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::{customer_label, read};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn problems_name_the_field_in_both_languages() {
        let p = read(DateField::FollowUpDue, "+99999m", d("2026-11-23")).expect_err("too far");
        assert_eq!(date_problem(&p, Lang::En), "follow-up due date: 10360-02-23 is outside the years 1900 to 2200");
        assert_eq!(date_problem(&p, Lang::Zh), "跟进到期日：10360-02-23 超出范围（1900–2200 年）");
    }

    #[test]
    fn an_unreadable_row_is_named() {
        let mut u = UnreadableDate {
            record: RecordKind::FollowUp,
            id: 12,
            customer: customer_label(1, Some("K1"), "Alpha"),
            field: DateField::FollowUpDue,
            text: "10360-02-23".into(),
        };
        assert_eq!(
            unreadable(&u, Lang::En),
            "follow-up 12 of customer K1 has an unreadable follow-up due date \"10360-02-23\" (skipped)"
        );
        assert_eq!(unreadable(&u, Lang::Zh), "客户 K1 的跟进 12 的跟进到期日无法读取：“10360-02-23”，已跳过");
        u.record = RecordKind::Customer;
        u.field = DateField::CreatedOn;
        assert_eq!(unreadable(&u, Lang::En), "customer K1 has an unreadable created date \"10360-02-23\" (skipped)");
        assert_eq!(unreadable(&u, Lang::Zh), "客户 K1 的建档日期无法读取：“10360-02-23”，已跳过");
    }

    #[test]
    fn weekdays() {
        assert_eq!(with_weekday(d("2026-11-24"), Lang::En), "2026-11-24 (Tue)");
        assert_eq!(with_weekday(d("2026-11-29"), Lang::Zh), "2026-11-29（周日）");
    }
}
