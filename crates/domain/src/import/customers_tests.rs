//! Table-driven tests of the customer import's checks and plan (no book, no files).

use super::*;
use crate::customer::FieldProblem;
use crate::test_data as data;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(text: &str, book: &CustomerIndex, on_duplicate: OnDuplicate) -> CustomerPlan {
    let scheme = data::default_scheme();
    let temperaments = data::temperaments();
    let with =
        CustomerImport { scheme: &scheme, today: d("2026-11-23"), book, on_duplicate, temperaments: &temperaments };
    plan(text, &with, &mut |_| {}).unwrap()
}

fn problems(p: &CustomerPlan) -> Vec<(u64, Option<&str>, Problem)> {
    p.bad.iter().map(|b| (b.line, b.column.as_deref(), b.problem.clone())).collect()
}

#[test]
fn chinese_headers_in_any_order_fill_the_fields_and_defaults_apply() {
    let text = "等级,客户名称,备用,公司,邮箱\nb,招商银行,x,招商银行股份有限公司,zs@cmb.cn\n,王芳,,,\n";
    let p = run(text, &CustomerIndex::default(), OnDuplicate::Fail);
    assert_eq!(p.unknown_columns, vec!["备用".to_string()]);
    assert!(p.is_clean(), "{:?}", p.bad);
    assert_eq!((p.added, p.rows), (2, 2));
    let Action::Add(first) = &p.actions[0] else { panic!() };
    assert_eq!((first.fields.tier.as_str(), first.fields.email.as_str()), ("B", "zs@cmb.cn"));
    let Action::Add(second) = &p.actions[1] else { panic!() };
    // no tier: the lowest, as in the form; no created column: today
    assert_eq!((second.fields.tier.as_str(), second.fields.created_on), ("D", d("2026-11-23")));
    assert!(second.given.has(Field::Email) && !second.given.has(Field::Tier) && !second.given.has(Field::Phone));
}

#[test]
fn every_bad_row_is_listed_with_line_column_and_reason() {
    let long = "长".repeat(201);
    let text = format!(
        "name,tier,created,email,phone,company,uuid\n\
         ,A,,,,,\n\
         甲,Z,,,,,\n\
         乙,A,2026-02-30,,,,\n\
         丙,A,2026-12-01,nope,12,,\n\
         丁,A,,,,{long},\n\
         戊,A,,,,\u{FFFD}坏,\n\
         己,A,,,,,not-a-uuid\n\
         庚,A,,,,,,extra\n"
    );
    let p = run(&text, &CustomerIndex::default(), OnDuplicate::Fail);
    assert_eq!(
        problems(&p),
        vec![
            (2, Some("name"), Problem::Field(FieldProblem::Required)),
            (3, Some("tier"), Problem::Field(FieldProblem::UnknownTier)),
            (4, Some("created"), Problem::Field(FieldProblem::BadDate)),
            (5, Some("phone"), Problem::Field(FieldProblem::BadPhone)),
            (5, Some("email"), Problem::Field(FieldProblem::BadEmail)),
            (5, Some("created"), Problem::Field(FieldProblem::FutureDate)),
            (6, Some("company"), Problem::Field(FieldProblem::TooLong)),
            (7, Some("company"), Problem::Unreadable),
            (8, Some("uuid"), Problem::NotAUuid),
            (9, None, Problem::ExtraCells { found: 8, expected: 7 }),
        ]
    );
    assert!(!p.is_clean());
}

fn book() -> CustomerIndex {
    let mut ix = CustomerIndex::default();
    ix.insert(CustomerId(1), "11111111-1111-4111-8111-111111111111", Some("K-001"), "招商银行", "招行");
    ix.insert(CustomerId(2), "22222222-2222-4222-8222-222222222222", None, "王芳", "华信");
    ix.insert(CustomerId(3), "33333333-3333-4333-8333-333333333333", None, "李强", "远航");
    ix.insert(CustomerId(4), "44444444-4444-4444-8444-444444444444", None, "李强", "远航");
    ix
}

const DUPLICATES: &str = "ref,name,company,tier\n\
    K-001,招商银行 新名,招行,A\n\
    ,王芳,华信,B\n\
    ,新客户,华信,C\n\
    ,新客户,华信,A\n\
    K-009,王芳,华信,C\n";

#[test]
fn duplicates_by_ref_or_name_and_company_against_the_book_and_the_file() {
    let p = run(DUPLICATES, &book(), OnDuplicate::Fail);
    let dups: Vec<(u64, &DuplicateOf)> = p.duplicates.iter().map(|d| (d.line, &d.of)).collect();
    assert_eq!(
        dups,
        vec![
            (2, &DuplicateOf::Book(vec![CustomerId(1)])),
            (3, &DuplicateOf::Book(vec![CustomerId(2)])),
            (5, &DuplicateOf::Line(4)),
        ]
    );
    assert_eq!(p.duplicates[0].key, DuplicateKey::Ref("K-001".into()));
    assert!(!p.is_clean());
    // a row with a ref new to the book is new, even with a known name and company
    assert_eq!(p.added, 2);

    let p = run(DUPLICATES, &book(), OnDuplicate::Skip);
    assert!(p.is_clean());
    assert_eq!((p.added, p.updated, p.skipped, p.merged), (2, 0, 3, 0));

    let p = run(DUPLICATES, &book(), OnDuplicate::Update);
    assert!(p.is_clean());
    assert_eq!((p.added, p.updated, p.skipped, p.merged), (2, 2, 0, 1));
    let Action::Update { id, record } = &p.actions[0] else { panic!() };
    assert_eq!((*id, record.fields.name.as_str()), (CustomerId(1), "招商银行 新名"));
    // the later row of the file replaced the earlier one's fields
    let Action::Add(merged) = &p.actions[2] else { panic!() };
    assert_eq!((merged.line, merged.fields.tier.as_str()), (4, "A"));
}

#[test]
fn an_update_needs_one_customer_and_a_free_ref() {
    let text = "uuid,ref,name,company\n\
                ,,李强,远航\n\
                22222222-2222-4222-8222-222222222222,K-001,王芳,华信\n";
    let p = run(text, &book(), OnDuplicate::Update);
    assert_eq!(
        problems(&p),
        vec![
            (2, None, Problem::AmbiguousMatch { ids: vec![CustomerId(3), CustomerId(4)] }),
            (3, None, Problem::RefTaken { ext_ref: "K-001".into(), by: CustomerId(1) }),
        ]
    );
}

#[test]
fn an_update_replaces_only_the_fields_given_and_never_blanks_ref_tier_or_created() {
    let text = "ref,name,tier,phone,created\nK-001,招商银行,,,\n";
    let p = run(text, &book(), OnDuplicate::Update);
    let Action::Update { record, .. } = &p.actions[0] else { panic!() };
    let mut existing = CustomerFields {
        ext_ref: Some("K-001".into()),
        name: "招商银行".into(),
        tier: "A".into(),
        phone: "13800138000".into(),
        email: "a@b.cn".into(),
        created_on: d("2020-01-01"),
        ..Default::default()
    };
    record.apply_to(&mut existing);
    assert_eq!(
        (existing.tier.as_str(), existing.phone.as_str(), existing.email.as_str(), existing.created_on),
        ("A", "", "a@b.cn", d("2020-01-01"))
    );
}

#[test]
fn namesakes_with_their_own_uuids_stay_apart_within_a_file() {
    let text = "name,company,uuid\n\
                王芳,华信,55555555-5555-4555-8555-555555555555\n\
                王芳,华信,66666666-6666-4666-8666-666666666666\n\
                王芳,华信,\n";
    let p = run(text, &CustomerIndex::default(), OnDuplicate::Fail);
    assert_eq!(p.added, 2);
    assert_eq!(
        p.duplicates.iter().map(|d| (d.line, d.of.clone())).collect::<Vec<_>>(),
        vec![(4, DuplicateOf::Line(2))]
    );
}

#[test]
fn a_temperament_column_takes_keys_or_names_and_refuses_others_per_row() {
    let text = "name,顾客类型\nA,haggler\nB,沉默型\nC,\nD,grumpy\nE,none\n";
    let p = run(text, &CustomerIndex::default(), OnDuplicate::Fail);
    assert_eq!(
        problems(&p),
        vec![(
            5,
            Some("顾客类型"),
            Problem::UnknownTemperament { text: "grumpy".into(), known: data::temperaments().keys().join(", ") }
        )]
    );
    let text = "name,性格\nA,haggler\nB,沉默型\nC,\nE,none\n";
    let p = run(text, &CustomerIndex::default(), OnDuplicate::Fail);
    let got: Vec<_> = p
        .actions
        .iter()
        .map(|a| match a {
            Action::Add(r) => (r.fields.name.as_str(), r.fields.temperament.as_deref(), r.given.has_temperament()),
            Action::Update { .. } => unreachable!(),
        })
        .collect();
    assert_eq!(got, [("A", Some("haggler"), true), ("B", Some("silent"), true), ("C", None, true), ("E", None, true)]);
}

#[test]
fn an_update_without_the_column_keeps_the_temperament_and_with_it_replaces_it() {
    let mut into = CustomerFields { name: "A".into(), temperament: Some("proud".into()), ..Default::default() };
    let p = run("name,phone\nA,13800138000\n", &CustomerIndex::default(), OnDuplicate::Fail);
    let Action::Add(r) = &p.actions[0] else { unreachable!() };
    r.apply_to(&mut into);
    assert_eq!(into.temperament.as_deref(), Some("proud"));
    let p = run("name,temperament\nA,\n", &CustomerIndex::default(), OnDuplicate::Fail);
    let Action::Add(r) = &p.actions[0] else { unreachable!() };
    r.apply_to(&mut into);
    assert_eq!(into.temperament, None);
}

#[test]
fn dates_as_spreadsheets_write_them_and_tiers_by_name() {
    let text = "name;tier;created\n\
                卢伟;重点;2024年4月20日\n\
                鲁迅;b;45402\n\
                王芳;a;2024-04-20 00:00:00\n\
                张三;key;2024.4.5\n";
    let p = run(text, &CustomerIndex::default(), OnDuplicate::Fail);
    assert!(p.is_clean(), "{:?}", p.bad);
    let got: Vec<(String, String, NaiveDate)> = p
        .actions
        .iter()
        .map(|a| match a {
            Action::Add(r) => (r.fields.name.clone(), r.fields.tier.clone(), r.fields.created_on),
            Action::Update { record, .. } => {
                (record.fields.name.clone(), record.fields.tier.clone(), record.fields.created_on)
            }
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("卢伟".into(), "A".into(), d("2024-04-20")),
            ("鲁迅".into(), "B".into(), d("2024-04-20")),
            ("王芳".into(), "A".into(), d("2024-04-20")),
            ("张三".into(), "A".into(), d("2024-04-05")),
        ]
    );
}

#[test]
fn impossible_dates_are_still_refused_naming_row_and_column() {
    let text = "name\ttier\t创建日期\n甲\tA\t2024-02-30\n乙\tA\t10360-01-01\n丙\tA\t2024年2月30日\n丁\tA\t60\n";
    let p = run(text, &CustomerIndex::default(), OnDuplicate::Fail);
    assert_eq!(
        problems(&p),
        vec![
            (2, Some("创建日期"), Problem::Field(FieldProblem::BadDate)),
            (3, Some("创建日期"), Problem::Field(FieldProblem::BadDate)),
            (4, Some("创建日期"), Problem::Field(FieldProblem::BadDate)),
            (5, Some("创建日期"), Problem::Field(FieldProblem::BadDate)),
        ]
    );
}

#[test]
fn a_long_file_is_planned_row_by_row_in_order_across_its_batches() {
    // More rows than one batch of the checking thread holds, with a row that merges into
    // one two batches back and a bad row in the last, short batch.
    let mut text = String::from("ref,name,tier\n");
    for i in 0..2_500 {
        match i {
            1_500 => text.push_str("R00010,第十位改名,B\n"),
            2_498 => text.push_str("R02498,,B\n"),
            _ => text.push_str(&format!("R{i:05},客户{i},C\n")),
        }
    }
    let scheme = data::default_scheme();
    let temperaments = data::temperaments();
    let book = CustomerIndex::default();
    let with = CustomerImport {
        scheme: &scheme,
        today: d("2026-11-23"),
        book: &book,
        on_duplicate: OnDuplicate::Update,
        temperaments: &temperaments,
    };
    let mut offsets = Vec::new();
    let p = plan(text.as_str(), &with, &mut |at| offsets.push(at)).unwrap();
    assert_eq!((p.rows, p.added, p.merged), (2_500, 2_498, 1));
    assert_eq!(problems(&p), vec![(2_500, Some("name"), Problem::Field(FieldProblem::Required))]);
    assert_eq!(
        p.duplicates.iter().map(|d| (d.line, d.of.clone())).collect::<Vec<_>>(),
        [(1_502, DuplicateOf::Line(12))]
    );
    let names: Vec<&str> =
        p.actions.iter().map(|a| if let Action::Add(r) = a { r.fields.name.as_str() } else { "update" }).collect();
    assert_eq!((names[0], names[10], names[11], names[2_497]), ("客户0", "第十位改名", "客户11", "客户2499"));
    assert!(offsets.windows(2).all(|w| w[0] <= w[1]), "progress only moves forward");
    assert_eq!(offsets.last(), Some(&(text.len() as u64)), "and ends at the end");
}
