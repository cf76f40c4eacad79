//! The start of the list read for the first frame (`agenda::due_head`) on a book with a few
//! dozen late customers in every tier, two owners, contacts today, snoozes and follow-ups:
//! whatever an engine reads, the start is the whole list's first items in its order, and
//! its counts are the whole day's, for everyone's list and for each owner's.

use tierdesk::app::agenda::{due_head, due_items};
use tierdesk::data;
use tierdesk::domain::people::Role;
use tierdesk::i18n::Lang;
use tierdesk::store::prelude::*;

use crate::due::{query, visit};
use crate::engine::{Engine, TODAY, USER, d};

/// 48 customers, A to D in turn, late by 0 to 60 days (ties included, some due today), one in three
/// `lin`'s; every eleventh also contacted today, two marked contacted today
/// while still late, two snoozed, every ninth with a late
/// follow-up.
fn late_book<E: Engine>(e: &E, s: &mut dyn Book) -> (String, String) {
    let (me, lin) = (e.login(USER), e.login("lin"));
    e.add_colleague(s, &lin, "林小姐", Role::Manager, None);
    let today = d(TODAY);
    for i in 0..48u64 {
        let tier = ["A", "B", "C", "D"][(i % 4) as usize];
        let mut fields = e.fields(["Ann", "Bob", "Cat", "Dan", "Eve"][(i % 5) as usize], tier, "2024-01-05");
        fields.owner = if i % 3 == 0 { lin.clone() } else { me.clone() };
        let id = s.add_customer(&fields).unwrap();
        // Back far enough that the tier's cadence has passed, by 0 to 60 days (every fifth
        // due today, in each tier).
        let cadence = [7, 14, 31, 366][(i % 4) as usize];
        let back = cadence + if i % 5 == 2 { 0 } else { (i * 7) % 61 };
        let last = today.checked_sub_days(chrono::Days::new(back)).unwrap();
        s.add_contact(&visit(id, &last.to_string()), None).unwrap();
        if i % 11 == 0 {
            s.add_contact(&visit(id, TODAY), None).unwrap();
        }
        if i == 5 || i == 18 {
            s.snooze(id, 0, d("2026-11-26"), "on leave").unwrap();
        }
        if i % 9 == 0 {
            s.add_follow_up(id, "send the quote", d("2026-11-21")).unwrap();
        }
        // Touched today yet still late (as a contact of a kind its tier does not count
        // leaves it): read as contacted today, and not to be counted again as unread.
        if i == 9 || i == 30 {
            e.sql(&format!("UPDATE customers SET last_contact_on = '{TODAY}' WHERE id = {}", id.0)).unwrap();
        }
    }
    (me, lin)
}

pub fn the_start_of_a_long_list_is_its_first_items_for_everyone_and_each_owner<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let (me, lin) = late_book(&e, &mut *s);
    let scheme = s.scheme().unwrap().clone();
    let kinds = data::contact_kinds();
    let today = d(TODAY);
    for owners in [Owners::All, Owners::Only(vec![me.clone()]), Owners::Only(vec![lin.clone()])] {
        let whole = due_items(&*s, &scheme, &kinds, Lang::En, query(6, true), &owners).unwrap();
        let day: Vec<_> = whole.iter().filter(|it| it.due_date <= today).collect();
        let done = day.iter().filter(|it| it.done).count();
        assert!(day.len() > 20 && done > 0, "{owners:?}: a long day with some done ({}, {done})", day.len());
        for rows in [1, 2, 3, 5, 8, 13, 100] {
            let start = due_head(&*s, &scheme, &kinds, Lang::En, query(6, true), &owners, rows).unwrap();
            assert_eq!(start.tally, (day.len(), done, day.len() - done), "{owners:?} {rows}");
            assert!(start.items.len() >= rows.min(day.len()), "{owners:?} {rows}: {}", start.items.len());
            assert_eq!(start.items[..], whole[..start.items.len()], "{owners:?} {rows}");
        }
    }
}
