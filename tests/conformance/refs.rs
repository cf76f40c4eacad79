//! The references a new customer's reference counts up from: every engine finds those
//! starting with a prefix, by characters (Chinese included), and no others.

use tierdesk::domain::ref_pattern::RefPattern;

use crate::engine::Engine;
use tierdesk::domain::people::Role;
use tierdesk::store::prelude::*;

pub fn references_starting_with_a_prefix_are_found<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    for (name, reference) in
        [("a", Some("K-00007")), ("b", Some("K-00012")), ("c", Some("KX-00099")), ("d", None), ("e", Some("客户-041"))]
    {
        let mut f = e.fields(name, "C", "2024-01-05");
        f.ext_ref = reference.map(str::to_string);
        s.add_customer(&f).unwrap();
    }
    let next = |s: &dyn Book, p: &RefPattern| tierdesk::app::customers::next_ref(s, p).unwrap();
    // "K-7" has fewer digits than the pattern, "KX-00099" another prefix: neither counts
    assert_eq!(s.highest_ref_number(&RefPattern::default()).unwrap(), Some(12));
    assert_eq!(next(&*s, &RefPattern::default()), "K-00013");
    assert_eq!(next(&*s, &RefPattern::parse("客户-001").unwrap()), "客户-042");
    assert_eq!(next(&*s, &RefPattern::parse("Z-1/A").unwrap()), "Z-1/A");
    // LIKE's wildcards in a prefix mean those characters
    assert_eq!(s.highest_ref_number(&RefPattern::parse("K_00001").unwrap()).unwrap(), None);
}

/// A colleague's customers count too, though this person may not see them (a team book's
/// row-level security): references are unique across the book.
pub fn references_of_customers_not_seen_count_too<E: Engine>() {
    let Some(e) = E::new() else { return };
    let mut s = e.fresh();
    let (lin, wang) = (e.login("lin"), e.login("wang"));
    e.add_colleague(&mut *s, &lin, "林小姐", Role::Manager, None);
    e.add_colleague(&mut *s, &wang, "王先生", Role::Manager, None);
    let mut f = e.fields("theirs", "C", "2024-01-05");
    f.owner = lin.clone();
    f.ext_ref = Some("K-00040".into());
    e.connect(&lin).add_customer(&f).unwrap();
    // wang, another manager (on a team book: who does not see lin's customers), is not given
    // K-00040 again
    let as_wang = e.connect(&wang);
    assert_eq!(tierdesk::app::customers::next_ref(&*as_wang, &RefPattern::default()).unwrap(), "K-00041");
}
