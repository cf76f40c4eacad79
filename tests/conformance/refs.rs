//! The references a new customer's reference counts up from: every engine finds those
//! starting with a prefix, by characters (Chinese included), and no others.

use tierdesk::domain::ref_pattern::RefPattern;

use crate::engine::Engine;

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
    let mut found = s.ext_refs_starting("K-").unwrap();
    found.sort();
    assert_eq!(found, ["K-00007", "K-00012"]);
    assert_eq!(RefPattern::default().next(found.iter().map(String::as_str)), "K-00013");
    assert_eq!(s.ext_refs_starting("客户-").unwrap(), ["客户-041"]);
    assert!(s.ext_refs_starting("Z").unwrap().is_empty());
    // a prefix with LIKE's wildcards means those characters
    assert!(s.ext_refs_starting("K_").unwrap().is_empty());
}
