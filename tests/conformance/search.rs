//! Finding customers (`app::search::find`, over `Customers::search_candidates`): every way a
//! customer is written or renamed (one, many, an import adding and updating, an edit, the
//! engine's own shell) is found by what it is called now, in its pinyin too, and no longer
//! by what it was called; and the keys an engine hands over are those of the customer's
//! fields, whether it keeps them or works them out.

use tierdesk::app::search::find;
use tierdesk::domain::search::{SearchKeys, may_match, word_masks};
use tierdesk::store::prelude::*;

use tierdesk::domain::import::OnDuplicate;
use tierdesk::domain::import::customers::{CustomerImport, plan};

use crate::engine::{Engine, TODAY, d};

/// The names found for `pattern` among everyone's customers, best first.
fn names(s: &dyn Book, pattern: &str) -> Vec<String> {
    find(s, pattern, 20, &Owners::All).unwrap().into_iter().map(|f| f.customer.fields.name).collect()
}

pub fn a_customer_is_found_by_what_it_is_called_now<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let zs = s.add_customer(&e.fields("招商银行", "B", "2026-01-05")).unwrap();
    s.add_customers_bulk(&[e.fields("王芳", "C", "2026-01-05"), e.fields("Acme Trading", "C", "2026-01-05")]).unwrap();
    assert_eq!(names(&*s, "zsyh"), ["招商银行"]);
    assert_eq!(names(&*s, "wangfang"), ["王芳"]);
    assert_eq!(names(&*s, "acme"), ["Acme Trading"]);

    // An edit: found by the new name's pinyin, not by the old one's.
    let mut f = s.customer(zs).unwrap().unwrap().fields;
    f.name = "工商银行".into();
    f.company = "北京分行".into();
    s.update_customer(zs, &f, "").unwrap();
    assert_eq!(names(&*s, "gsyh"), ["工商银行"]);
    assert_eq!(names(&*s, "beijing"), ["工商银行"], "by its new company");
    assert!(names(&*s, "zsyh").is_empty(), "not by its old name");
    assert!(names(&*s, "zhaoshang").is_empty());

    // An import: one row adds, one updates (matched by name and company).
    let scheme = s.scheme().unwrap().clone();
    let text = "name,company,phone,tags,tier\n王芳,王芳 Ltd,13800138000,物流,C\n李强,金桥贸易,,,D\n";
    let (book, temperaments) = (s.customer_index().unwrap(), tierdesk::data::temperaments());
    let with = CustomerImport {
        scheme: &scheme,
        today: d(TODAY),
        book: &book,
        on_duplicate: OnDuplicate::Update,
        temperaments: &temperaments,
    };
    let planned = plan(text, &with, &mut |_| {}).unwrap();
    assert_eq!((planned.added, planned.actions.len()), (1, 2), "{:?}", planned.bad);
    s.import_customers(&planned.actions, &mut |_| {}).unwrap();
    assert_eq!(names(&*s, "jqmy"), ["李强"], "added by the import");
    assert_eq!(names(&*s, "13800"), ["王芳"], "updated by the import: its phone");
    assert_eq!(names(&*s, "wuliu"), ["王芳"], "and its tags' pinyin");

    // The engine's own shell renames a customer (a script, another program).
    e.sql("UPDATE customers SET name = '海尔集团', company = '' WHERE name = 'Acme Trading'").unwrap();
    let again = e.fresh();
    assert_eq!(names(&*again, "hejt"), ["海尔集团"]);
    assert!(names(&*again, "acme").is_empty(), "the old name's keys are gone");
    assert_eq!(names(&*s, "haier"), ["海尔集团"], "also on a connection opened before");
}

pub fn the_keys_handed_over_are_those_of_the_fields<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let mut f = e.fields("张珊珊", "B", "2026-01-05");
    f.company = "上海华信科技".into();
    f.contact_person = "李经理".into();
    f.phone = "021-5555".into();
    f.tags = "重点 VIP".into();
    let other = e.fields("Northwind", "D", "2026-01-05");
    s.add_customers_bulk(&[f.clone(), other]).unwrap();
    let all = s.search_candidates(&[], &Owners::All).unwrap();
    assert_eq!(all.len(), 2);
    let zss = all.iter().find(|k| k.name == "张珊珊").unwrap();
    assert_eq!(zss.keys, SearchKeys::of(&f.name, &f.company, &f.contact_person, &f.phone, &f.tags));
    assert_eq!((zss.company.as_str(), zss.tier_rank), ("上海华信科技", 1));
    // Filtered by the words' letters: at least those that may match, at most everyone.
    for pattern in ["zss", "north", "vip 021", "xyzq"] {
        let words = word_masks(pattern);
        let got = s.search_candidates(&words, &Owners::All).unwrap();
        let want = all.iter().filter(|k| may_match(&k.keys.masks, &words)).count();
        assert!(got.len() >= want && got.len() <= all.len(), "{pattern}");
    }
    assert!(s.search_candidates(&[], &Owners::one(&e.login("nobody"))).unwrap().is_empty());
}

pub fn an_undone_rename_is_found_by_the_old_name_again<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let id = s.add_customer(&e.fields("招商银行", "B", "2026-01-05")).unwrap();
    let mut f = s.customer(id).unwrap().unwrap().fields;
    f.name = "工商银行".into();
    f.company = String::new();
    s.update_customer(id, &f, "").unwrap();
    assert_eq!(names(&*s, "gsyh"), ["工商银行"]);
    s.undo_last().unwrap().unwrap();
    assert_eq!(names(&*s, "zsyh"), ["招商银行"]);
    assert!(names(&*s, "gsyh").is_empty());
    // Undoing the add takes the customer out of every search.
    s.undo_last().unwrap().unwrap();
    assert!(names(&*s, "zsyh").is_empty());
}
