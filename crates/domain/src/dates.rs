//! One rule for every date the book stores, whatever path it comes by (forms, `tierdesk log`,
//! relative `+3d`, CSV, review, snooze, reschedule, config): a real calendar date in the years
//! 1900 to 2200. Anything outside is a slip (`+99999m`) that would later be refused on
//! re-import and, worse, unreadable by older readers. Also how a date the book already holds
//! but cannot read (written by hand or by an older version) is named to the person.

use chrono::{Datelike, Days, Months, NaiveDate};

pub const FIRST_YEAR: i32 = 1900;
pub const LAST_YEAR: i32 = 2200;

/// Whether `d` lies in the years the book accepts.
pub fn in_range(d: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&d.year())
}

/// Which date a problem is about, so that the message can name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateField {
    Today,
    ContactDate,
    FollowUpDue,
    SnoozeUntil,
    RescheduleTo,
    CreatedOn,
    NextDue,
    LastContact,
    AssessedOn,
    MeasuredOn,
    LatePayment,
}

/// A date refused by the rule, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date at all (nor `+Nd` / `+Nw` / `+Nm`).
    Unreadable { field: DateField, text: String },
    /// A real date, but outside 1900–2200 (or beyond what the calendar can count to).
    OutOfRange { field: DateField, text: String },
    /// Snooze and reschedule only move things later than today.
    NotAfterToday { field: DateField, date: NaiveDate, today: NaiveDate },
}

impl DateProblem {
    pub fn field(&self) -> DateField {
        match self {
            DateProblem::Unreadable { field, .. }
            | DateProblem::OutOfRange { field, .. }
            | DateProblem::NotAfterToday { field, .. } => *field,
        }
    }
}

/// The rule itself: `date` for `field`, if it lies in the accepted years.
pub fn check(field: DateField, date: NaiveDate) -> Result<NaiveDate, DateProblem> {
    if in_range(date) { Ok(date) } else { Err(DateProblem::OutOfRange { field, text: iso(date) }) }
}

/// YYYY-MM-DD as the book writes it (chrono writes a year past 9999 with a leading `+`).
/// Digit by digit for the years 0 to 9999, without the formatting machinery: an import of
/// 100,000 customers writes three dates a row and formats one per row it checks.
pub fn iso(d: NaiveDate) -> String {
    let (year, month, day) = (d.year(), d.month(), d.day());
    let Ok(y @ 0..=9999) = u32::try_from(year) else {
        return format!("{year:04}-{month:02}-{day:02}");
    };
    let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10, month / 10, month % 10, day / 10, day % 10];
    let digit = |n: u32| char::from(b'0' + n as u8);
    let mut text = String::with_capacity(10);
    for (i, n) in digits.into_iter().enumerate() {
        if i == 4 || i == 6 {
            text.push('-');
        }
        text.push(digit(n));
    }
    text
}

/// Exactly `YYYY-MM-DD` (as the book writes dates and most files hold them), read without
/// chrono's format parser; None for any other shape.
pub fn parse_iso(text: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text else { return None };
    let digit = |c: u8| c.is_ascii_digit().then(|| u32::from(c - b'0'));
    let year = digit(y0)? * 1000 + digit(y1)? * 100 + digit(y2)? * 10 + digit(y3)?;
    let month = digit(m0)? * 10 + digit(m1)?;
    let day = digit(d0)? * 10 + digit(d1)?;
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// A calendar date as people and spreadsheets write it (YYYY-MM-DD, YYYY/M/D, YYYY.M.D,
/// YYYY年M月D日), also followed by a time of day as spreadsheets add it (`2024-04-20
/// 00:00:00`, `2024-04-20T09:30`, RFC 3339 with an offset: the day it names), in any year:
/// the range is checked separately so that the message can say which was wrong.
pub fn parse_calendar(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(d) = parse_iso(text.as_bytes()) {
        return Some(d);
    }
    let day = |t: &str| {
        ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"].iter().find_map(|f| NaiveDate::parse_from_str(t, f).ok())
    };
    if let Some(d) = day(text) {
        return Some(d);
    }
    let (date, time) = text.split_once([' ', 'T'])?;
    let time = time.trim();
    let time = time.strip_suffix('Z').unwrap_or(time);
    // An offset after the time (+08:00, -0500) names the zone the day is in: the day stays.
    let time = match time.rfind(['+', '-']) {
        Some(i) if i >= 5 => &time[..i],
        _ => time,
    };
    let is_time = ["%H:%M:%S%.f", "%H:%M"].iter().any(|f| chrono::NaiveTime::parse_from_str(time, f).is_ok());
    if is_time { day(date.trim()) } else { None }
}

/// The day an Excel date serial number stands for (1 = 1900-01-01), as a date cell of a
/// workbook saved to CSV may hold it; a fraction is the time of day. Excel counts the
/// 29th of February 1900, which never was: serials after 60 are one day earlier, and 60
/// itself is no date. None when `text` is no serial in the accepted years.
pub fn from_excel_serial(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let whole = match text.split_once('.') {
        Some((w, f)) if f.chars().all(|c| c.is_ascii_digit()) => w,
        Some(_) => return None,
        None => text,
    };
    if whole.is_empty() || whole.len() > 7 || !whole.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let n: u64 = whole.parse().ok()?;
    let day = match n {
        0 | 60 => return None,
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31)?.checked_add_days(Days::new(n))?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(n))?,
    };
    in_range(day).then_some(day)
}

/// A date cell of an import as the checks read it: an Excel serial number becomes its day
/// (YYYY-MM-DD); any other text stays as it is.
pub fn import_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match from_excel_serial(text) {
        Some(d) => std::borrow::Cow::Owned(iso(d)),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// The written form of a relative date: a count and its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Days(u64),
    Months(u32),
}

/// "+3d", "+2w", "+1m" (also 天 / 周 / 月): None when the text is not one.
fn relative_step(text: &str) -> Option<Step> {
    let t = text.trim().strip_prefix('+')?;
    let (num, unit) = t.split_at(t.find(|c: char| !c.is_ascii_digit())?);
    let n: u32 = num.parse().ok()?;
    match unit.trim() {
        "d" | "天" => Some(Step::Days(u64::from(n))),
        "w" | "周" => Some(Step::Days(7 * u64::from(n))),
        "m" | "月" => Some(Step::Months(n)),
        _ => None,
    }
}

/// Whether `text` is written as a relative date (whatever it adds up to).
pub fn is_relative(text: &str) -> bool {
    relative_step(text).is_some()
}

/// `from` moved by a relative date, without the range rule (None: not relative, or beyond
/// what the calendar can count to).
pub fn add_relative(from: NaiveDate, text: &str) -> Option<NaiveDate> {
    match relative_step(text)? {
        Step::Days(n) => from.checked_add_days(Days::new(n)),
        Step::Months(n) => from.checked_add_months(Months::new(n)),
    }
}

/// A date typed for `field`: a calendar date, or relative to `base` ("+1w"); refused when it
/// is not a date or falls outside the accepted years.
pub fn read(field: DateField, text: &str, base: NaiveDate) -> Result<NaiveDate, DateProblem> {
    let date = if is_relative(text) { add_relative(base, text) } else { parse_calendar(text) };
    match date {
        Some(d) => check(field, d),
        // "+99999999m" overflows the calendar: it is a date, just far too late.
        None if is_relative(text) => Err(DateProblem::OutOfRange { field, text: text.trim().to_string() }),
        None => Err(DateProblem::Unreadable { field, text: text.trim().to_string() }),
    }
}

/// A date to move something to (snooze, reschedule): relative dates count from `today`, and
/// the result must lie after today, else the item's lateness would be hidden.
pub fn read_later(field: DateField, text: &str, today: NaiveDate) -> Result<NaiveDate, DateProblem> {
    let date = read(field, text, today)?;
    if date <= today {
        return Err(DateProblem::NotAfterToday { field, date, today });
    }
    Ok(date)
}

/// Which kind of record holds a date the book cannot read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Customer,
    Contact,
    FollowUp,
    Snooze,
    Assessment,
}

/// A row of the book whose date cannot be read (malformed, or outside the accepted years):
/// the readers skip it and name it, instead of failing the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadableDate {
    pub record: RecordKind,
    /// The record's id (the customer's own for `RecordKind::Customer`).
    pub id: i64,
    /// How the customer is named: ref, else name, else `#id`.
    pub customer: String,
    pub field: DateField,
    /// The stored text, as found.
    pub text: String,
}

/// How a customer is named in a message: the ref, else the name, else `#id`.
pub fn customer_label(id: i64, ext_ref: Option<&str>, name: &str) -> String {
    match ext_ref.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => r.to_string(),
        None if !name.trim().is_empty() => name.trim().to_string(),
        None => format!("#{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    proptest::proptest! {
        /// The digit-by-digit date text is what the formatting machinery writes, in every
        /// year chrono has (past 9999 and before 0 too), and reads back as the same day.
        #[test]
        fn iso_text_is_the_formatted_date_and_reads_back(days in -3_000_000i32..3_000_000) {
            let day = NaiveDate::from_num_days_from_ce_opt(days);
            proptest::prop_assert!(day.is_some());
            let day = day.unwrap_or_default();
            let text = iso(day);
            proptest::prop_assert_eq!(&text, &format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day()));
            let read = parse_iso(text.as_bytes());
            if (0..=9999).contains(&day.year()) {
                proptest::prop_assert_eq!(read, Some(day));
                proptest::prop_assert_eq!(parse_calendar(&text), Some(day));
            } else {
                proptest::prop_assert_eq!(read, None);
            }
        }
    }

    #[rstest]
    #[case("2024-02-30")]
    #[case("2024-13-01")]
    #[case("2024-1-05")]
    #[case("２０２４-01-05")]
    #[case("2024-01-0x")]
    #[case("2024/01/05")]
    fn only_real_dates_of_the_exact_shape_are_read_digit_by_digit(#[case] text: &str) {
        let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|_| text.len() == 10);
        assert_eq!(parse_iso(text.as_bytes()), chrono, "{text}");
    }

    #[rstest]
    #[case("1900-01-01", true)]
    #[case("1899-12-31", false)]
    #[case("2200-12-31", true)]
    #[case("2201-01-01", false)]
    #[case("2026-11-23", true)]
    fn the_range(#[case] date: &str, #[case] ok: bool) {
        assert_eq!(check(DateField::FollowUpDue, d(date)).is_ok(), ok, "{date}");
    }

    #[rstest]
    // relative dates count from the base
    #[case("+1d", Ok("2026-11-24"))]
    #[case("+3天", Ok("2026-11-26"))]
    #[case("+1w", Ok("2026-11-30"))]
    #[case("+2周", Ok("2026-12-07"))]
    #[case("+1m", Ok("2026-12-23"))]
    #[case("+0d", Ok("2026-11-23"))]
    // calendar dates in the accepted years
    #[case("2026/3/5", Ok("2026-03-05"))]
    #[case("2200-12-31", Ok("2200-12-31"))]
    // too far: the slips the issue reproduced
    #[case("+99999m", Err("out"))]
    #[case("+99999d", Err("out"))]
    #[case("+4294967295m", Err("out"))]
    #[case("2201-01-01", Err("out"))]
    #[case("1899-12-31", Err("out"))]
    #[case("10360-02-23", Err("unreadable"))]
    // not dates at all
    #[case("zz", Err("unreadable"))]
    #[case("2026-02-29", Err("unreadable"))]
    #[case("1w", Err("unreadable"))]
    #[case("+x", Err("unreadable"))]
    #[case("", Err("unreadable"))]
    fn typed_dates(#[case] text: &str, #[case] want: Result<&str, &str>) {
        let got = read(DateField::FollowUpDue, text, d("2026-11-23"));
        match (got, want) {
            (Ok(date), Ok(w)) => assert_eq!(date, d(w), "{text}"),
            (Err(DateProblem::OutOfRange { field, .. }), Err("out")) => assert_eq!(field, DateField::FollowUpDue),
            (Err(DateProblem::Unreadable { field, .. }), Err("unreadable")) => {
                assert_eq!(field, DateField::FollowUpDue)
            }
            (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
        }
    }

    #[rstest]
    // relative counts from today, whatever the item's old date
    #[case("+1d", Ok("2026-11-24"))]
    #[case("+1w", Ok("2026-11-30"))]
    #[case("2026-11-24", Ok("2026-11-24"))]
    // today or earlier hides lateness
    #[case("+0d", Err("2026-11-23"))]
    #[case("2026-11-23", Err("2026-11-23"))]
    #[case("2026-11-10", Err("2026-11-10"))]
    fn later_dates_count_from_today(#[case] text: &str, #[case] want: Result<&str, &str>) {
        let today = d("2026-11-23");
        match (read_later(DateField::SnoozeUntil, text, today), want) {
            (Ok(date), Ok(w)) => assert_eq!(date, d(w)),
            (Err(DateProblem::NotAfterToday { date, today: t, field }), Err(w)) => {
                assert_eq!((date, t, field), (d(w), today, DateField::SnoozeUntil))
            }
            (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn a_customer_is_named_by_ref_else_name_else_id() {
        assert_eq!(customer_label(1, Some("K1"), "Alpha"), "K1");
        assert_eq!(customer_label(2, Some(" "), "Alpha"), "Alpha");
        assert_eq!(customer_label(3, None, ""), "#3");
    }

    #[rstest]
    #[case("2024-04-20", Some("2024-04-20"))]
    #[case("2024/4/20", Some("2024-04-20"))]
    #[case("2024.4.5", Some("2024-04-05"))]
    #[case("2024年4月20日", Some("2024-04-20"))]
    #[case(" 2024年04月05日 ", Some("2024-04-05"))]
    #[case("2024-04-20 00:00:00", Some("2024-04-20"))]
    #[case("2024/4/20 9:30", Some("2024-04-20"))]
    #[case("2024-04-20T09:30:00", Some("2024-04-20"))]
    #[case("2024-04-20T09:30:00.250+08:00", Some("2024-04-20"))]
    #[case("2024-04-20 noon", None)]
    #[case("2024-02-30", None)]
    #[case("2024年2月30日", None)]
    #[case("2024-02-30 00:00:00", None)]
    #[case("20.4.2024", None)]
    fn dates_as_people_and_spreadsheets_write_them(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(parse_calendar(text).map(iso).as_deref(), want, "{text}");
    }

    #[rstest]
    #[case("45402", Some("2024-04-20"))]
    #[case("45402.5", Some("2024-04-20"))]
    #[case("1", Some("1900-01-01"))]
    #[case("59", Some("1900-02-28"))]
    #[case("60", None)]
    #[case("61", Some("1900-03-01"))]
    #[case("0", None)]
    #[case("2958465", None)]
    #[case("45402a", None)]
    #[case("-3", None)]
    #[case("", None)]
    fn excel_serial_numbers(#[case] text: &str, #[case] want: Option<&str>) {
        assert_eq!(from_excel_serial(text).map(iso).as_deref(), want, "{text}");
        let cell = import_cell(text);
        assert_eq!(cell.as_ref(), want.unwrap_or(text));
    }
}
