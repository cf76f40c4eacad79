//! The book's products (SQLite): read by code, upserted by code in one transaction.

use rusqlite::{OptionalExtension, params};

/// The products table and the contacts' product columns (a migration step).
pub(super) const PRODUCTS_TABLE: &str = r#"
CREATE TABLE products (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    risk_level INTEGER NOT NULL CHECK (risk_level BETWEEN 1 AND 5),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
ALTER TABLE contacts ADD COLUMN product TEXT;
ALTER TABLE contacts ADD COLUMN acknowledged_mismatch TEXT;
"#;

use super::convert::datetime_text;
use super::{Result, Store};
use crate::domain::suitability::{Product, RiskLevel};
use crate::store::{Products, ProductsWritten};

impl Products for Store {
    fn products(&self) -> Result<Vec<Product>> {
        let mut st = self.conn.prepare_cached("SELECT code, name, risk_level FROM products ORDER BY code")?;
        let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (code, name, level) = row?;
            if let Some(level) = u8::try_from(level).ok().and_then(RiskLevel::new) {
                out.push(Product::named(&code, &name, level));
            }
        }
        Ok(out)
    }

    fn upsert_products(&mut self, products: &[Product]) -> Result<ProductsWritten> {
        let now = datetime_text(self.clock.now());
        let tx = self.tx()?;
        let mut written = ProductsWritten::default();
        for p in products {
            let level = i64::from(p.level.number());
            let had: Option<i64> =
                tx.query_row("SELECT id FROM products WHERE code = ?1", [&p.code], |r| r.get(0)).optional()?;
            match had {
                Some(id) => {
                    tx.execute(
                        "UPDATE products SET name = ?2, risk_level = ?3, updated_at = ?4 WHERE id = ?1",
                        params![id, p.name_zh, level, now],
                    )?;
                    written.updated += 1;
                }
                None => {
                    tx.execute(
                        "INSERT INTO products (code, name, risk_level, created_at, updated_at, uuid) VALUES (?1, ?2, ?3, ?4, ?4, ?5)",
                        params![p.code, p.name_zh, level, now, uuid::Uuid::new_v4().to_string()],
                    )?;
                    written.added += 1;
                }
            }
        }
        tx.commit()?;
        Ok(written)
    }
}
