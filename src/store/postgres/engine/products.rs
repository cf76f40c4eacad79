//! The team book's products, as the SQLite engine's (`store::products`): a shared table,
//! read by everyone, written by leads and admins (the database refuses a manager).

use postgres::types::Type;

use super::PgStore;
use crate::domain::suitability::{Product, RiskLevel};
use crate::store::{Products, ProductsWritten, Result};

impl Products for PgStore {
    fn products(&self) -> Result<Vec<Product>> {
        let rows = self
            .client
            .borrow_mut()
            .query_typed("SELECT code, name, risk_level FROM products ORDER BY code COLLATE \"C\"", &[])?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                let level = u8::try_from(r.get::<_, i32>(2)).ok().and_then(RiskLevel::new)?;
                Some(Product::named(r.get(0), r.get(1), level))
            })
            .collect())
    }

    fn upsert_products(&mut self, products: &[Product]) -> Result<ProductsWritten> {
        let now = self.clock.now();
        let mut tx = self.tx()?;
        let mut written = ProductsWritten::default();
        for p in products {
            let level = i32::from(p.level.number());
            let row = tx.query_typed_one(
                "INSERT INTO products (code, name, risk_level, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)
                 ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, risk_level = EXCLUDED.risk_level,
                     updated_at = EXCLUDED.updated_at
                 RETURNING (xmax = 0)",
                &[(&p.code, Type::TEXT), (&p.name_zh, Type::TEXT), (&level, Type::INT4), (&now, Type::TIMESTAMP)],
            )?;
            if row.get::<_, bool>(0) {
                written.added += 1;
            } else {
                written.updated += 1;
            }
        }
        tx.commit()?;
        Ok(written)
    }
}
