//! The due query: a small book whose daily list is worked out by hand below, and a contact
//! moving the due date. The list is put together as the Today screen and `tierdesk due` do
//! (`app::agenda::due_items`), so what is checked is what a person sees.

use tierdesk::app::agenda::{AgendaQuery, due_items};
use tierdesk::data;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::due::{AssessmentRule, DueItem, DueReason};
use tierdesk::domain::history::NewContact;
use tierdesk::i18n::Lang;

use crate::engine::{Engine, TODAY, d};
use tierdesk::store::prelude::*;

/// Answers to the risk questionnaire (scored 54, "steady").
pub const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

pub fn visit(customer: CustomerId, on: &str) -> NewContact {
    NewContact {
        customer,
        kind: "visit".into(),
        on: d(on),
        person: String::new(),
        summary: "quarterly review".into(),
        outcome: String::new(),
    }
}

/// The hand-computed book (today 2026-11-23, default scheme: A weekly, B fortnightly,
/// C monthly, D yearly; assessments expire after 24 months, a missing one is not due):
/// - Ann (A): last visit 11-10 → due 11-17, 6 days late;
/// - Bob (B): last visit 11-09 → due 11-23, today;
/// - Cat (C): last visit 10-20 → due 11-20, 3 days late;
/// - Dan (D): last visit 06-01 → due 2027; a follow-up "send the quote" due 11-21, 2 late;
/// - Eve (A): last visit 11-01 → due 11-08, but snoozed to 11-30: not on today's list;
/// - Fay (D): last visit 06-01; assessed 2024-11-01 → re-assessment due 2026-11-01, 22 late.
pub struct SmallBook {
    pub ids: [CustomerId; 6],
}

pub fn small_book<E: Engine>(e: &E, s: &mut dyn Book) -> SmallBook {
    let rows = [("Ann", "A", "2026-11-10"), ("Bob", "B", "2026-11-09"), ("Cat", "C", "2026-10-20")];
    let more = [("Dan", "D", "2026-06-01"), ("Eve", "A", "2026-11-01"), ("Fay", "D", "2026-06-01")];
    let mut ids = Vec::new();
    for (name, tier, last) in rows.into_iter().chain(more) {
        let id = s.add_customer(&e.fields(name, tier, "2024-01-05")).unwrap();
        s.add_contact(&visit(id, last), None).unwrap();
        ids.push(id);
    }
    s.add_follow_up(ids[3], "send the quote", d("2026-11-21")).unwrap();
    s.snooze(ids[4], 0, d("2026-11-30"), "on leave").unwrap();
    let q = data::questionnaire("risk_tolerance").unwrap();
    let answers = q.parse_letters(STEADY).unwrap();
    s.record_assessment(ids[5], &q, &answers, d("2024-11-01")).unwrap();
    SmallBook { ids: ids.try_into().unwrap() }
}

pub fn query(within_days: u32, include_done: bool) -> AgendaQuery {
    AgendaQuery {
        today: d(TODAY),
        assessments: AssessmentRule { months: 24, required: false },
        within_days,
        include_done,
    }
}

pub fn due_list(s: &dyn Book, q: AgendaQuery) -> Vec<DueItem> {
    let scheme = s.scheme().unwrap().clone();
    due_items(s, &scheme, &data::contact_kinds(), Lang::En, q, &Owners::All).unwrap()
}

/// (name, reason, due date, days late, done) of each item, in the list's order.
fn rows(items: &[DueItem]) -> Vec<(String, DueReason, String, i64, bool)> {
    items.iter().map(|i| (i.customer.name.clone(), i.reason, i.due_date.to_string(), i.days_overdue, i.done)).collect()
}

fn row(name: &str, reason: DueReason, due: &str, late: i64) -> (String, DueReason, String, i64, bool) {
    (name.to_string(), reason, due.to_string(), late, false)
}

/// Late cadence first (best tier first), then due today, then follow-ups, then assessments.
pub fn the_due_list_of_a_small_book_is_as_worked_out_by_hand<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    small_book(&e, &mut *s);
    let want = vec![
        row("Ann", DueReason::Cadence, "2026-11-17", 6),
        row("Cat", DueReason::Cadence, "2026-11-20", 3),
        row("Bob", DueReason::Cadence, "2026-11-23", 0),
        row("Dan", DueReason::FollowUp, "2026-11-21", 2),
        row("Fay", DueReason::Assessment, "2026-11-01", 22),
    ];
    assert_eq!(rows(&due_list(&*s, query(0, false))), want);
}

/// The start of the list read for the first frame (`agenda::due_head`): whatever an engine
/// reads, its items are the whole list's first ones and its counts the whole day's (the
/// small book: 5 items due by today, none done), with one customer or more per tier read.
pub fn the_start_of_the_list_is_its_first_items<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    small_book(&e, &mut *s);
    let scheme = s.scheme().unwrap().clone();
    let whole = due_list(&*s, query(6, true));
    for rows in [1, 2, 10] {
        let start = tierdesk::app::agenda::due_head(
            &*s,
            &scheme,
            &data::contact_kinds(),
            Lang::En,
            query(6, true),
            &Owners::All,
            rows,
        )
        .unwrap();
        assert_eq!(start.tally, (5, 0, 5));
        assert!(start.items.len() >= rows.min(5), "{rows}: {}", start.items.len());
        assert_eq!(start.items[..], whole[..start.items.len()], "{rows}");
    }
}

/// Looking a week ahead adds what falls due by then: Eve's snooze ends on 11-30 (Bob's
/// next visit is not until 12-07 and Dan's and Fay's in 2027).
pub fn a_snooze_holds_an_item_until_its_date<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    let week = rows(&due_list(&*s, query(7, false)));
    assert_eq!(week.len(), 6, "{week:#?}");
    assert_eq!(week[5], row("Eve", DueReason::Cadence, "2026-11-30", -7));
    assert_eq!(s.customer(book.ids[4]).unwrap().unwrap().next_due_on, d("2026-11-30"));
}

/// A follow-up is read by its id, open and then done; an id no row has reads as none.
pub fn a_follow_up_is_read_by_its_id<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    let dan = s.follow_ups_of(book.ids[3]).unwrap();
    assert_eq!(dan.len(), 1, "{dan:#?}");
    let f = s.follow_up(dan[0].id).unwrap().unwrap();
    assert_eq!(
        (f.customer, f.what.as_str(), f.due_on, f.done_at),
        (book.ids[3], "send the quote", d("2026-11-21"), None)
    );
    s.set_follow_up_done(f.id, true).unwrap();
    assert!(s.follow_up(f.id).unwrap().unwrap().done_at.is_some());
    assert_eq!(s.follow_up(tierdesk::domain::history::FollowUpId(f.id.0 + 1000)).unwrap(), None);
}

/// A visit to Ann today ticks her item (kept on Today, gone from `due`) and moves her next
/// due date a week on; a visit to Cat yesterday makes her due a month after it.
pub fn logging_a_contact_moves_the_due_date<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    s.add_contact(&visit(book.ids[0], TODAY), None).unwrap();
    assert_eq!(s.customer(book.ids[0]).unwrap().unwrap().next_due_on, d("2026-11-30"));
    let today = due_list(&*s, query(0, true));
    let ann: Vec<_> = today.iter().filter(|i| i.customer.id == book.ids[0]).collect();
    assert_eq!(ann.len(), 1, "{today:#?}");
    assert!(ann[0].done, "kept on Today, ticked: {:?}", ann[0]);
    let due = due_list(&*s, query(0, false));
    assert!(due.iter().all(|i| i.customer.id != book.ids[0]), "{due:#?}");

    s.add_contact(&visit(book.ids[2], "2026-11-22"), None).unwrap();
    assert_eq!(s.customer(book.ids[2]).unwrap().unwrap().next_due_on, d("2026-12-22"));
    // Another program reading the book sees the same.
    let other = e.second_connection("colleague");
    assert_eq!(other.customer(book.ids[2]).unwrap().unwrap().next_due_on, d("2026-12-22"));
    let names: Vec<String> = due_list(&*other, query(0, false)).into_iter().map(|i| i.customer.name).collect();
    assert_eq!(names, ["Bob", "Dan", "Fay"]);
}

/// Every kind of due row carries its customer's region as written (for the region filter):
/// contacts, follow-ups, assessments, and the rows of one customer read after a write.
pub fn due_rows_carry_the_region<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let book = small_book(&e, &mut *s);
    for (i, region) in [(0, "East"), (3, "华南 "), (5, "west")] {
        let id = book.ids[i];
        let mut f = s.customer(id).unwrap().unwrap().fields;
        f.region = region.into();
        s.update_customer(id, &f, "moved").unwrap();
    }
    let items = due_list(&*s, query(7, false));
    let region_of = |name: &str, reason: DueReason| {
        items.iter().find(|i| i.customer.name == name && i.reason == reason).map(|i| i.customer.region.clone())
    };
    assert_eq!(region_of("Ann", DueReason::Cadence).as_deref(), Some("East"));
    assert_eq!(region_of("Dan", DueReason::FollowUp).as_deref(), Some("华南 "));
    assert_eq!(region_of("Fay", DueReason::Assessment).as_deref(), Some("west"));
    assert_eq!(region_of("Bob", DueReason::Cadence).as_deref(), Some(""));
    let scheme = s.scheme().unwrap().clone();
    let one = tierdesk::app::agenda::customer_due_items(
        &*s,
        &scheme,
        &data::contact_kinds(),
        Lang::En,
        query(0, true),
        book.ids[0],
    )
    .unwrap();
    assert_eq!(one[0].customer.region, "East");
}

/// Customers contacted today, in a tier where any kind counts, with contacts of several kinds
/// on several days: each one's items are those the due rules give for every one of their
/// contacts (the latest of each kind before today, and today's kinds), whatever shortcut the
/// book takes to read them. Worked out here from the contacts as written, not by the book.
pub fn customers_contacted_today_are_worked_out_from_all_their_contacts<E: Engine>() {
    use tierdesk::domain::due::{CadenceInput, CustomerRef, cadence_items, last_by_kind};
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let kinds = ["visit", "call", "email"];
    let today = d(TODAY);
    let mut rng = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    // Each customer, its tier and its contacts (kind, day).
    type Written<'a> = (CustomerId, &'a str, Vec<(&'a str, chrono::NaiveDate)>);
    let mut written: Vec<Written> = Vec::new();
    for i in 0..12 {
        let tier = ["A", "B", "C"][i % 3];
        let id = s.add_customer(&e.fields(&format!("Today {i:02}"), tier, "2026-01-05")).unwrap();
        // The first has no contact before today; the others one to four on earlier days.
        let earlier = if i == 0 { 0 } else { 1 + next() % 4 };
        let mut contacts = Vec::new();
        for _ in 0..earlier {
            let on = today - chrono::Duration::days(1 + (next() % 60) as i64);
            contacts.push((kinds[(next() % 3) as usize], on));
        }
        for _ in 0..1 + next() % 2 {
            contacts.push((kinds[(next() % 3) as usize], today));
        }
        for (kind, on) in &contacts {
            let c = NewContact { kind: kind.to_string(), on: *on, ..visit(id, TODAY) };
            s.add_contact(&c, None).unwrap();
        }
        written.push((id, tier, contacts));
    }
    let scheme = s.scheme().unwrap().clone();
    let until = today + chrono::Duration::days(40);
    let got = due_list(&*s, query(40, true));
    for (id, tier, contacts) in &written {
        let mine: Vec<_> = got.iter().filter(|i| i.customer.id == *id).collect();
        let customer = mine.first().map(|i| i.customer.clone()).unwrap_or_else(|| CustomerRef {
            id: *id,
            ext_ref: None,
            name: String::new(),
            company: String::new(),
            tier: tier.to_string(),
            last_contact: Some(today),
            region: String::new(),
        });
        let input = CadenceInput {
            customer,
            created_on: d("2026-01-05"),
            last_before_today: last_by_kind(contacts.iter().filter(|(_, on)| *on < today).map(|(k, on)| (*k, *on))),
            kinds_today: contacts.iter().filter(|(_, on)| *on == today).map(|(k, _)| k.to_string()).collect(),
            snoozes: Vec::new(),
        };
        let want = cadence_items(&input, scheme.tier(tier).unwrap(), today, until, &|_| String::new());
        let key = |i: &DueItem| (i.due_date, i.done, i.since, i.days_overdue, i.requirement);
        let got_keys: Vec<_> = mine.iter().map(|i| key(i)).collect();
        let want_keys: Vec<_> = want.iter().map(key).collect();
        assert_eq!(got_keys, want_keys, "customer {id:?}: {contacts:?}");
        assert!(!want.is_empty(), "each was contacted today: a ticked item at least");
    }
}
