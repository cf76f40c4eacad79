//! The lead's two TUI screens on a team book, connected as its people: the report per
//! person shows whom the database lets one see (a lead their team, a manager themself), and
//! a hand-over the database refuses is said in one line with nothing changed.
#![allow(clippy::unwrap_used)]

use tierdesk::clock::Clock;
use tierdesk::i18n::Lang;
use tierdesk::store::postgres::PgStore;
use tierdesk::store::prelude::*;
use tierdesk::ui::screens::Screen;

use crate::common::Harness;
use crate::handover::{fill, pg_team};
use crate::pg::start;

#[test]
fn the_per_person_report_shows_whom_the_database_lets_one_see() {
    let Some(pg) = start() else { return };
    let (lead, b, c) = pg_team(&pg);
    let clock = Clock::Fixed(crate::common::today());
    let open = |login: &str| Box::new(PgStore::open(&pg.url_as(login), clock).unwrap());
    for who in [&b, &c] {
        fill(open(who).as_mut(), who);
    }
    let people = |login: &str| {
        let mut hs = Harness::on_book(open(login), Lang::En, 120, 40);
        hs.press("5 B");
        let Screen::Report(r) = hs.app.screen() else { panic!("not on the report") };
        let owners: Vec<String> = r.people().unwrap().owners.iter().map(|o| o.owner.clone()).collect();
        (owners, hs.screen())
    };
    let (owners, screen) = people(&lead);
    let mut team = vec![b.clone(), c.clone()];
    team.sort();
    assert_eq!(owners, team);
    assert!(screen.contains("│Bai") && screen.contains("│Chen"), "{screen}");
    let (owners, screen) = people(&b);
    assert_eq!(owners, std::slice::from_ref(&b));
    assert!(
        screen.contains("Coverage per person as of 2026-11-23, people: 1") && !screen.contains("│Chen"),
        "{screen}"
    );
}

#[test]
fn a_hand_over_the_database_refuses_is_one_line_and_a_leads_goes_through() {
    let Some(pg) = start() else { return };
    let (lead, b, c) = pg_team(&pg);
    let clock = Clock::Fixed(crate::common::today());
    let open = |login: &str| Box::new(PgStore::open(&pg.url_as(login), clock).unwrap());
    let ids = fill(open(&b).as_mut(), &b);

    // A manager may not give their own customers away.
    let mut hs = Harness::on_book(open(&b), Lang::En, 120, 40);
    hs.press("2 O");
    let Screen::Picker(p) = hs.app.screen() else { panic!("no picker:\n{}", hs.screen()) };
    let at = p.people().iter().position(|p| p.login == c).unwrap();
    hs.press(&"j ".repeat(at));
    hs.press("enter y");
    let s = hs.screen();
    assert!(s.contains(&format!("you may not hand customers over to \"{c}\"")), "{s}");
    assert!(s.contains("Mine · Customers | All (2)"), "the list as it was:\n{s}");
    assert_eq!(open(&b).customer(ids[0]).unwrap().unwrap().fields.owner, b);

    // The lead hands one over: it leaves b's list and c owns it.
    let mut hs = Harness::on_book(open(&lead), Lang::En, 120, 40);
    hs.press("2");
    let Screen::Customers(list) = hs.app.screen() else { panic!() };
    let id = list.selected_row().unwrap().id;
    hs.press("O");
    let Screen::Picker(p) = hs.app.screen() else { panic!("no picker:\n{}", hs.screen()) };
    let at = p.people().iter().position(|p| p.login == c).unwrap();
    hs.press(&"j ".repeat(at));
    hs.press("enter y");
    assert!(hs.screen().contains("handed over to Chen"), "{}", hs.screen());
    assert_eq!(open(&c).customer(id).unwrap().unwrap().fields.owner, c);
    assert!(open(&b).customer(id).unwrap().is_none(), "b no longer sees it");
}
