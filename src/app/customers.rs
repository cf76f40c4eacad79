//! Naming a customer as a person would: by id, by ref, or by the exact name.

use super::AppError;
use crate::domain::customer::{Customer, CustomerId};
use crate::store::prelude::*;

/// The one customer `key` names: an id (all digits), else a ref or the exact name. None or
/// several found is the person's problem to resolve (`AppError::NoCustomer`,
/// `AppError::ManyCustomers` with every candidate).
pub fn resolve(book: &dyn Book, key: &str) -> Result<Customer, AppError> {
    let key = key.trim();
    if !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && let Ok(id) = key.parse::<i64>()
        && let Some(c) = book.customer(CustomerId(id))?
    {
        return Ok(c);
    }
    let rows = book.find_customers(key)?;
    let mut found: Vec<Customer> = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(c) = book.customer(row.id)? {
            found.push(c);
        }
    }
    match found.len() {
        0 => Err(AppError::NoCustomer(key.to_string())),
        1 => Ok(found.remove(0)),
        _ => Err(AppError::ManyCustomers { key: key.to_string(), found }),
    }
}

/// The customer as the book has it now (after a write): gone is an error, not a panic.
pub fn reread(book: &dyn Book, id: CustomerId) -> Result<Customer, AppError> {
    book.customer(id)?.ok_or(AppError::CustomerGone(id.0))
}

/// The reference a new customer gets when none is typed: the pattern's next free number
/// (one more than the highest reference of its shape in the book). Used by the new-customer
/// form and `customer add`; imports keep their rows' references (or none) as given.
pub fn next_ref(book: &dyn Book, pattern: &crate::domain::ref_pattern::RefPattern) -> Result<String, AppError> {
    Ok(pattern.next_after(book.highest_ref_number(pattern)?))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::clock::Clock;
    use crate::domain::customer::CustomerFields;
    use crate::store::Store;

    fn book() -> Box<dyn Book> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut s = Store::open_in_memory(Clock::Fixed(today), "tester").unwrap();
        s.init_scheme("data/tiers/default.toml", crate::data::DEFAULT_SCHEME).unwrap();
        for (name, r) in [("王芳", Some("K-1")), ("王芳", Some("K-2")), ("李雷", None)] {
            let f = CustomerFields {
                name: name.into(),
                ext_ref: r.map(str::to_string),
                tier: "C".into(),
                created_on: today,
                ..Default::default()
            };
            s.add_customer(&f).unwrap();
        }
        Box::new(s)
    }

    #[test]
    fn a_customer_is_named_by_id_ref_or_exact_name() {
        let b = book();
        assert_eq!(resolve(&*b, "3").unwrap().fields.name, "李雷");
        assert_eq!(resolve(&*b, " K-2 ").unwrap().id, CustomerId(2));
        assert_eq!(resolve(&*b, "李雷").unwrap().id, CustomerId(3));
    }

    #[test]
    fn none_or_several_are_the_persons_to_resolve_with_every_candidate() {
        let b = book();
        assert!(matches!(resolve(&*b, "nobody"), Err(AppError::NoCustomer(k)) if k == "nobody"));
        match resolve(&*b, "王芳") {
            Err(AppError::ManyCustomers { key, found }) => {
                assert_eq!(key, "王芳");
                assert_eq!(found.iter().map(|c| c.id.0).collect::<Vec<_>>(), [1, 2]);
            }
            other => panic!("expected several, got {other:?}"),
        }
    }
}
