//! Products and their risk levels: the book's own catalogue (shared by everyone in a team
//! book; written by leads and admins there).

use super::super::Result;
use crate::domain::suitability::Product;

/// What an upsert of products did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProductsWritten {
    pub added: u64,
    pub updated: u64,
}

/// The book's products, by code.
pub trait Products {
    /// Every product of the book, by code. A product keeps one name (`name_zh` and
    /// `name_en` are the same); a row whose level is not 1 to 5 is passed over.
    fn products(&self) -> Result<Vec<Product>>;

    /// Add the products whose code is new and update the name and level of those the book
    /// has; one transaction, all or none. Codes are compared exactly.
    fn upsert_products(&mut self, products: &[Product]) -> Result<ProductsWritten>;
}
