//! The team book's engine, the work part (tiers and sign-off, assessments and drafts,
//! indicators and the review's inputs, the coverage report, imports, exports): the same calls
//! on an SQLite book and on a team book, made by the same person, give the same results.
//! Where the team book differs on purpose (the sign-off is given by a lead or an admin, as
//! themselves), that is shown through real logins.
#![allow(clippy::unwrap_used)]

use std::ops::ControlFlow;

use chrono::{NaiveDate, NaiveDateTime};
use tierdesk::clock::Clock;
use tierdesk::data;
use tierdesk::domain::customer::CustomerId;
use tierdesk::domain::grading::Value;
use tierdesk::domain::history::TierChange;
use tierdesk::domain::import::OnDuplicate;
use tierdesk::domain::import::contacts::ContactRows;
use tierdesk::domain::import::customers::{CustomerImport, plan};
use tierdesk::domain::questionnaire::{Answers, Assessment};
use tierdesk::store::postgres::team::{Role, TeamBook};
use tierdesk::store::postgres::{PgStore, TeamError};
use tierdesk::store::prelude::*;
use tierdesk::store::{ExportedContact, Measurement, Store, StoreError};

use crate::pg::{PgRun, start};

const TODAY: &str = "2026-11-23";
const STEADY: &str = "B,C,E,C,D,B,A,A,C,AC,B,B,C,C,C,C,C,C";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A team book with a lead, a manager on their team, another manager and an admin, and the
/// default scheme; an SQLite book beside it. The manager `b` works in both.
struct Books {
    pg: PgRun,
    _dir: tempfile::TempDir,
    sqlite: Store,
    team: PgStore,
    lead: String,
    b: String,
    admin: String,
}

fn books() -> Option<Books> {
    let pg = start()?;
    let mut book = TeamBook::connect(&pg.owner_url()).unwrap();
    book.init().unwrap();
    let (lead, b, admin) = (pg.login("lead1"), pg.login("b"), pg.login("admin"));
    book.add_person(&lead, "Lead One", Role::Lead, None).unwrap();
    book.add_person(&b, "Bai", Role::Manager, Some(&lead)).unwrap();
    book.add_person(&admin, "Admin", Role::Admin, None).unwrap();
    book.client()
        .execute(
            "INSERT INTO book_meta (key, value) VALUES ('scheme_file', 'data/tiers/default.toml'), ('scheme_source', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&data::DEFAULT_SCHEME],
        )
        .unwrap();
    let team = PgStore::open(&pg.url_as(&b), Clock::Fixed(d(TODAY))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut sqlite = Store::open(&dir.path().join("book.sqlite"), Clock::Fixed(d(TODAY)), &b).unwrap();
    sqlite.init_scheme_if_missing("data/tiers/default.toml", data::DEFAULT_SCHEME).unwrap();
    Some(Books { pg, _dir: dir, sqlite, team, lead, b, admin })
}

impl Books {
    fn as_login(&self, login: &str) -> PgStore {
        PgStore::open(&self.pg.url_as(login), Clock::Fixed(d(TODAY))).unwrap()
    }
}

/// Ann (B), Bob (C), Cat (D) and Dan (A: waits for a sign-off), owned by `owner`.
fn customers_file(owner: &str) -> String {
    format!(
        "name,company,tier,owner,created,ref\n\
         Ann,Acme,B,{owner},2024-01-05,R1\n\
         Bob,Bolt,C,{owner},2024-01-05,R2\n\
         Cat,Cog,D,{owner},2026-11-23,R3\n\
         Dan,Dyn,A,{owner},2024-03-01,\n"
    )
}

const CONTACTS: &str = "customer,date,kind,note,follow_up,follow_up_due\n\
                        Ann,2026-11-20,visit,signed,send the contract,2026-11-30\n\
                        Bob,2026-11-10,call,fine,,\n\
                        Ann,2026-11-02,call,first,,\n";

/// Import a customers file (planned against the book read under the import's lock).
fn import_customers<S: Imports>(s: &mut S, text: &str) -> String {
    import_customers_as(s, text, OnDuplicate::Skip)
}

fn import_customers_as<S: Imports>(s: &mut S, text: &str, on_duplicate: OnDuplicate) -> String {
    let scheme = data::default_scheme();
    let import = s.begin_customers_import().unwrap();
    let index = import.customer_index().unwrap();
    let with = CustomerImport {
        scheme: &scheme,
        today: d(TODAY),
        book: &index,
        on_duplicate,
        temperaments: &tierdesk::data::temperaments(),
    };
    let planned = plan(text, &with, &mut |_| {}).unwrap();
    assert!(planned.is_clean(), "{:?}", planned.bad);
    format!("{:?}", import.write(&planned.actions, &mut |_| {}))
}

fn import_contacts<S: Imports>(s: &mut S, text: &str) -> String {
    let index = s.customer_index().unwrap();
    let kinds = data::contact_kinds();
    let rows: Vec<_> = ContactRows::read(text, &index, &kinds, d(TODAY)).unwrap().map(|r| r.ok()).collect();
    format!("{:?}", s.import_contacts(&mut rows.into_iter(), &mut |_| {}))
}

fn contacts<S: Exports>(s: &S) -> Vec<ExportedContact> {
    let mut all = Vec::new();
    s.export_contacts(&mut |c| {
        // Each engine draws its own uuid for a contact a file brings without one.
        all.push(ExportedContact { uuid: String::new(), ..c.clone() });
        ControlFlow::Continue(())
    })
    .unwrap();
    all
}

/// The book after the imports: (written, customers without their uuids, contacts).
fn imports_and_exports<S: Imports + Exports>(s: &mut S, owner: &str) -> Vec<String> {
    let mut out = vec![import_customers(s, &customers_file(owner))];
    out.push(import_contacts(s, CONTACTS));
    // The second row names nobody: nothing of the file is written.
    out.push(import_contacts(s, "customer,date,kind,note\nAnn,2026-11-22,visit,x\nNobody,2026-11-22,visit,y\n"));
    // Again: the same customers are found, none added; one changed tier is an update.
    out.push(import_customers_as(s, &customers_file(owner).replace("Bob,Bolt,C", "Bob,Bolt,B"), OnDuplicate::Update));
    let customers = s.export_customers().unwrap();
    out.extend(customers.iter().map(|c| format!("{:?} {:?}", c.id, c.fields)));
    out.extend(contacts(s).iter().map(|c| format!("{c:?}")));
    out.push(format!("{:?}", s.customer_uuid(CustomerId(1)).unwrap().map(|u| u.len())));
    out
}

#[test]
fn imports_and_exports_give_the_same_book_on_both_engines() {
    let Some(mut b) = books() else { return };
    let owner = b.b.clone();
    let on_sqlite = imports_and_exports(&mut b.sqlite, &owner);
    let on_team = imports_and_exports(&mut b.team, &owner);
    assert_eq!(on_team, on_sqlite);
    assert!(on_team[2].contains("None"), "the file with a bad row was refused: {on_team:?}");
}

#[test]
fn two_customers_imports_of_one_file_at_once_add_its_rows_once() {
    let Some(b) = books() else { return };
    let file = customers_file(&b.b);
    let mut first = b.as_login(&b.b);
    let mut second = b.as_login(&b.b);
    let running = first.begin_customers_import().unwrap();
    let index = running.customer_index().unwrap();
    let waiting = std::thread::spawn(move || import_customers(&mut second, &file));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let scheme = data::default_scheme();
    let with = CustomerImport {
        scheme: &scheme,
        today: d(TODAY),
        book: &index,
        on_duplicate: OnDuplicate::Skip,
        temperaments: &tierdesk::data::temperaments(),
    };
    let planned = plan(&customers_file(&b.b), &with, &mut |_| {}).unwrap();
    running.write(&planned.actions, &mut |_| {}).unwrap();
    let second = waiting.join().unwrap();
    assert!(second.contains("added: 0"), "the second import found the first one's rows: {second}");
    assert_eq!(b.team.export_customers().unwrap().len(), 4);
}

/// A tier change as compared across engines: its time of day is the clock's, not the book's.
fn change(c: &TierChange) -> String {
    let day = |t: NaiveDateTime| t.date();
    format!(
        "{:?} {:?}->{} on {} by {} for {:?}, waits {}, signed by {:?} on {:?}",
        c.customer,
        c.from,
        c.to,
        day(c.at),
        c.by,
        c.reason,
        c.needs_signoff,
        c.approved_by,
        c.approved_at.map(day)
    )
}

fn tier_work<S: Imports + Tiers>(s: &mut S, owner: &str, lead: &str) -> Vec<String> {
    import_customers(s, &customers_file(owner));
    let (ann, bob) = (CustomerId(1), CustomerId(2));
    let mut out = vec![format!("{:?}", s.count_awaiting_signoff())];
    out.push(format!("{:?}", s.change_tier(ann, "b", "again").map(|c| change(&c))));
    out.push(format!("{:?}", s.change_tier(ann, "A", "  ").map(|c| change(&c))));
    out.push(format!("{:?}", s.change_tier(ann, "Z", "why").map(|c| change(&c))));
    out.push(format!("{:?}", s.change_tier(CustomerId(99), "A", "why").map(|c| change(&c))));
    out.push(s.change_tier(ann, "a", " grew a lot ").map(|c| change(&c)).unwrap());
    out.push(format!("{:?}", s.count_awaiting_signoff()));
    // The mover cannot sign off their own move.
    out.push(format!("{:?}", s.approve_tier(ann, owner).map(|c| change(&c))));
    out.push(format!("{:?}", s.approve_tier(bob, lead).map(|c| change(&c))));
    out.push(format!("{:?}", s.apply_review(&[(bob, "B".into()), (ann, "A".into())], "distributor")));
    // One customer twice (the second move from where the first left it), and a wait ended.
    let (cat, dan) = (CustomerId(3), CustomerId(4));
    out.push(format!("{:?}", s.apply_review(&[(cat, "C".into()), (cat, "B".into()), (dan, "B".into())], "ranked")));
    out.push(format!("{:?}", s.apply_review(&[(bob, "A".into()), (CustomerId(99), "A".into())], "ranked")));
    out.push(format!("{:?}", s.apply_review(&[(bob, "A".into()), (cat, "Z".into())], "ranked")));
    out.push(format!("{:?}", s.count_awaiting_signoff()));
    for id in [ann, bob, cat, dan] {
        out.extend(s.tier_history(id).unwrap().iter().map(change));
    }
    out
}

#[test]
fn tier_changes_and_their_refusals_are_the_same_on_both_engines() {
    let Some(mut b) = books() else { return };
    let (owner, lead) = (b.b.clone(), b.lead.clone());
    let on_sqlite = tier_work(&mut b.sqlite, &owner, &lead);
    let on_team = tier_work(&mut b.team, &owner, &lead);
    assert_eq!(on_team, on_sqlite);
    for said in ["Ok(3)", "Err(NoSuchCustomer(99))", "Err(UnknownTier(\"Z\"))"] {
        assert!(on_team.iter().any(|l| l == said), "{said} in {on_team:#?}");
    }
    // A lead signs off on both; on the team book as themselves, verified.
    let ann = CustomerId(1);
    let typed = b.sqlite.approve_tier(ann, &lead).unwrap();
    let signed = b.as_login(&lead).approve_tier(ann, &lead).unwrap();
    assert_eq!(change(&signed), change(&typed));
    assert!(signed.approver_verified && !typed.approver_verified);
    assert_eq!(b.team.count_awaiting_signoff().unwrap(), b.sqlite.count_awaiting_signoff().unwrap());
    assert_eq!(b.team.tier_history(ann).unwrap().last(), Some(&signed));
}

#[test]
fn on_the_team_book_only_a_lead_or_an_admin_other_than_the_mover_signs_off_as_themselves() {
    let Some(mut b) = books() else { return };
    import_customers(&mut b.team, &customers_file(&b.b));
    let bob = CustomerId(2);
    let mut lead = b.as_login(&b.lead);
    lead.change_tier(bob, "A", "big order").unwrap();
    let team_error = |r: Result<TierChange, StoreError>| match r {
        Err(StoreError::Team(e)) => e,
        other => panic!("not refused by the team book: {other:?}"),
    };
    // The manager owning the customer is not a lead.
    assert!(matches!(
        team_error(b.team.approve_tier(bob, &b.b)),
        TeamError::SignOffNeedsLead { login } if login == b.b
    ));
    // Nobody signs off in another's name.
    assert!(matches!(
        team_error(b.team.approve_tier(bob, &b.admin)),
        TeamError::SignOffAsAnother { approver, login } if approver == b.admin && login == b.b
    ));
    assert!(matches!(lead.approve_tier(bob, &b.lead), Err(StoreError::SelfApproval(by)) if by == b.lead));
    assert_eq!(b.team.count_awaiting_signoff().unwrap(), 2, "Dan (imported into A) and Bob wait");
    let signed = b.as_login(&b.admin).approve_tier(bob, &b.admin).unwrap();
    assert_eq!((signed.approved_by.as_deref(), signed.approver_verified), (Some(b.admin.as_str()), true));
    assert!(matches!(b.team.approve_tier(bob, &b.b), Err(StoreError::NothingToApprove)));
    assert_eq!(b.team.count_awaiting_signoff().unwrap(), 1);
}

fn assessment(a: &Assessment) -> String {
    format!(
        "{:?} {:?} {} v{} {} by {} {} {} on {}",
        a.id,
        a.customer,
        a.questionnaire_id,
        a.version,
        a.taken_on,
        a.taken_by,
        a.score,
        a.category,
        a.created_at.date()
    )
}

fn assessment_work<S: Imports + Assessments>(s: &mut S, owner: &str) -> Vec<String> {
    import_customers(s, &customers_file(owner));
    let (ann, bob) = (CustomerId(1), CustomerId(2));
    let q = data::questionnaire("risk_tolerance").unwrap();
    let steady = q.parse_letters(STEADY).unwrap();
    let mut out = vec![format!("{:?}", s.record_assessment(ann, &q, &steady, d("2026-12-01")))];
    out.push(format!("{:?}", s.record_assessment(CustomerId(99), &q, &steady, d("2026-11-20"))));
    let mut a = Answers::empty(&q);
    a.choose(0, 1);
    a.choose_row(2, 3, 4);
    a.toggle(3, 0);
    a.toggle(3, 4);
    s.save_draft(ann, &q, &a, 3).unwrap();
    s.save_draft(bob, &q, &Answers::empty(&q), 0).unwrap();
    let draft = s.load_draft(ann, &q).unwrap().unwrap();
    out.push(format!("{:?} at {} on {}", draft.answers == a, draft.at_question, draft.updated_at.date()));
    a.toggle(3, 4);
    s.save_draft(ann, &q, &a, 4).unwrap();
    let draft = s.load_draft(ann, &q).unwrap().unwrap();
    out.push(format!("{:?} at {}", draft.answers == a, draft.at_question));
    let id = s.record_assessment(ann, &q, &steady, d("2026-11-20")).unwrap();
    s.record_assessment(ann, &q, &steady, d("2025-05-02")).unwrap();
    out.push(format!("{:?}", s.load_draft(ann, &q).map(|d| d.is_some())));
    out.extend(s.assessments_of(ann).unwrap().iter().map(assessment));
    out.push(s.latest_assessment(ann).unwrap().as_ref().map(assessment).unwrap_or_default());
    out.push(format!("{:?}", s.latest_assessment(bob).unwrap()));
    out.push(format!("{:?}", s.assessment_answers(id).unwrap()));
    out.push(format!("{:?}", s.discard_draft(bob, "risk_tolerance")));
    out.push(format!("{:?}", s.discard_draft(bob, "risk_tolerance")));
    out
}

#[test]
fn assessments_and_drafts_are_the_same_on_both_engines() {
    let Some(mut b) = books() else { return };
    let owner = b.b.clone();
    let on_sqlite = assessment_work(&mut b.sqlite, &owner);
    let on_team = assessment_work(&mut b.team, &owner);
    assert_eq!(on_team, on_sqlite);
    assert!(on_team[0].contains("FutureDate") && on_team[1].contains("NoSuchCustomer"), "{on_team:?}");
}

fn indicator_work<S: Imports + Indicators + Reports>(s: &mut S, owner: &str) -> Vec<String> {
    import_customers(s, &customers_file(owner));
    import_contacts(s, CONTACTS);
    let (ann, bob) = (CustomerId(1), CustomerId(2));
    let m = |customer, on: &str, values: &[(&str, Value)]| Measurement {
        customer,
        measured_on: d(on),
        values: values.iter().map(|(c, v)| (c.to_string(), v.clone())).collect(),
    };
    let amount = |n: f64| ("purchase_amount", Value::Number(n));
    let method = |t: &str| ("ordering_method", Value::Text(t.into()));
    let mut out = vec![format!(
        "{:?}",
        s.record_indicators(&[
            m(ann, "2026-10-01", &[amount(120000.0), method("online")]),
            m(ann, "2026-11-01", &[amount(130000.5)]),
            m(bob, "2026-11-01", &[amount(9.0), method("phone")]),
        ])
    )];
    // The same day again corrects it.
    out.push(format!("{:?}", s.record_indicators(&[m(bob, "2026-11-01", &[amount(10.0)])])));
    out.push(format!("{:?}", s.record_indicators(&[m(CustomerId(99), "2026-11-01", &[amount(1.0)])])));
    out.push(format!("{:?}", s.latest_indicators(ann)));
    out.push(format!("{:?}", s.latest_indicators(bob)));
    out.push(format!("{:?}", s.count_indicator_values()));
    let mut refs: Vec<_> = s.customer_refs().unwrap().into_iter().collect();
    refs.sort();
    out.push(format!("{refs:?}"));
    let inputs = s.review_inputs(&data::grading_model("distributor").unwrap()).unwrap();
    out.push(format!("{:?}", inputs.standings));
    out.push(format!("{:?}", inputs.values));
    out.push(format!("{:?}", inputs.labels));
    out.push(format!("{:?}", s.coverage_report(d(TODAY))));
    out
}

#[test]
fn indicators_the_review_inputs_and_the_report_are_the_same_on_both_engines() {
    let Some(mut b) = books() else { return };
    let owner = b.b.clone();
    let on_sqlite = indicator_work(&mut b.sqlite, &owner);
    let on_team = indicator_work(&mut b.team, &owner);
    assert_eq!(on_team, on_sqlite);
    assert_eq!(on_team[..2], ["Ok(5)", "Ok(1)"]);
    assert!(on_team[2].contains("NoSuchCustomer(99)"), "{on_team:?}");
}

/// A customers import whose last row takes a ref an earlier row of the same write took: no
/// row is kept, on either engine, and the clean part goes in afterwards.
fn failing_last_row<S: Imports + Exports>(s: &mut S) -> Vec<String> {
    use tierdesk::domain::import::customers::Action;
    let scheme = data::default_scheme();
    let index = s.customer_index().unwrap();
    let with = CustomerImport {
        scheme: &scheme,
        today: d(TODAY),
        book: &index,
        on_duplicate: OnDuplicate::Fail,
        temperaments: &tierdesk::data::temperaments(),
    };
    let mut planned =
        plan("ref,name,company,tier\nK-1,Ann,Ann Ltd,B\nK-2,Bob,Bob Ltd,C\n", &with, &mut |_| {}).unwrap();
    let Action::Add(mut clash) = planned.actions[0].clone() else { panic!("{:?}", planned.actions) };
    clash.fields.name = "Ann's namesake".into();
    planned.actions.push(Action::Add(clash));
    let mut out = vec![format!("{:?}", s.import_customers(&planned.actions, &mut |_| {}))];
    out.push(format!("{}", s.export_customers().unwrap().len()));
    planned.actions.pop();
    out.push(format!("{:?}", s.import_customers(&planned.actions, &mut |_| {})));
    out.extend(s.export_customers().unwrap().iter().map(|c| format!("{:?}", c.fields)));
    out
}

#[test]
fn a_customers_import_failing_on_its_last_row_writes_nothing_on_both_engines() {
    let Some(mut b) = books() else { return };
    let on_sqlite = failing_last_row(&mut b.sqlite);
    let on_team = failing_last_row(&mut b.team);
    assert_eq!(on_team[..2], ["Err(DuplicateRef(\"K-1\"))", "0"]);
    // The file names no owner: on both engines the customers are the importer's.
    assert!(on_team[3].contains(&format!("owner: \"{}\"", b.b)), "{on_team:?}");
    assert_eq!(on_team, on_sqlite);
}

/// Imports larger than one batch (a thousand rows a statement): every row in file order,
/// follow-ups on the right contacts, schedules refreshed, the same as SQLite's.
fn big_imports<S: Imports + Exports + Reports>(s: &mut S, owner: &str) -> Vec<String> {
    let mut customers = String::from("name,company,tier,owner,created,ref\n");
    for i in 0..1200 {
        customers.push_str(&format!(
            "客户{i},公司{},{},{owner},2025-0{}-01,K{i}\n",
            i % 7,
            ["A", "B", "C", "D"][i % 4],
            1 + i % 9
        ));
    }
    let mut file = String::from("customer,date,kind,note,follow_up,follow_up_due\n");
    for i in 0..2500 {
        let promise = if i % 3 == 0 { format!("call back {i},2026-12-0{}", 1 + i % 9) } else { ",".into() };
        file.push_str(&format!("K{},2026-11-{:02},call,note {i},{promise}\n", i % 1200, 1 + i % 22));
    }
    let mut progress = Vec::new();
    let mut out = vec![import_customers(s, &customers)];
    let index = s.customer_index().unwrap();
    let kinds = data::contact_kinds();
    let rows: Vec<_> = ContactRows::read(&file, &index, &kinds, d(TODAY)).unwrap().map(|r| r.ok()).collect();
    assert!(rows.iter().all(Option::is_some));
    out.push(format!("{:?}", s.import_contacts(&mut rows.into_iter(), &mut |n| progress.push(n))));
    out.push(format!("{:?}", progress.last()));
    // The schedules as the report counts them (last contacts, next due dates).
    out.push(format!("{:?}", s.coverage_report(d(TODAY))));
    out.extend(s.export_customers().unwrap().iter().map(|c| format!("{:?} {:?}", c.id, c.fields)));
    out.extend(contacts(s).iter().map(|c| format!("{c:?}")));
    out
}

#[test]
fn imports_of_many_rows_are_the_same_on_both_engines() {
    let Some(mut b) = books() else { return };
    let owner = b.b.clone();
    let on_sqlite = big_imports(&mut b.sqlite, &owner);
    let on_team = big_imports(&mut b.team, &owner);
    assert_eq!(on_team.len(), on_sqlite.len());
    for (t, s) in on_team.iter().zip(&on_sqlite) {
        assert_eq!(t, s);
    }
    assert_eq!(on_team[2], "Some(2500)");
}
