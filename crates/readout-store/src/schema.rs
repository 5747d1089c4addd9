//! The schema and its migrations.
//!
//! Migrations are applied in order, each in its own transaction, and recorded in
//! `schema_migrations`. A later stage adds its tables (events, alignments, …) by
//! appending a migration here; a shipped migration is never edited.

use crate::error::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// One step of the schema: `sql` is run once, in a transaction, on stores below `version`.
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Versions are 1, 2, 3… without gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "files_and_documents",
        sql: include_str!("../migrations/0001_files_and_documents.sql"),
    },
    Migration {
        version: 2,
        name: "derived_record",
        sql: include_str!("../migrations/0002_derived_record.sql"),
    },
    Migration {
        version: 3,
        name: "document_address",
        sql: include_str!("../migrations/0003_document_address.sql"),
    },
    Migration {
        version: 4,
        name: "incremental_record",
        sql: include_str!("../migrations/0004_incremental_record.sql"),
    },
    Migration {
        version: 5,
        name: "pages",
        sql: include_str!("../migrations/0005_pages.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Brings the database at `path` (open as `conn`) up to [`latest_version`].
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )?;
    let current = current_version(conn)?;
    if current > latest_version() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known: latest_version(),
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        // IMMEDIATE: two processes opening a fresh store at once must not both migrate.
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM schema_migrations WHERE version = ?1)",
            [m.version],
            |r| r.get(0),
        )?;
        if done {
            continue;
        }
        let failed = |source| StoreError::Migration {
            version: m.version,
            name: m.name,
            source,
        };
        tx.execute_batch(m.sql).map_err(failed)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES (?1, ?2, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
            (m.version, m.name),
        )
        .map_err(failed)?;
        tx.commit()?;
    }
    Ok(())
}

/// The highest applied migration, 0 for an empty database.
pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
        [],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "migration {}", m.name);
        }
    }

    #[test]
    fn migrating_twice_applies_each_migration_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, MIGRATIONS.len() as i64);
        assert_eq!(current_version(&conn).unwrap(), latest_version());
    }

    #[test]
    fn a_newer_store_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new("x.db")).unwrap();
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?1, 'future', 'now')",
            [latest_version() + 1],
        )
        .unwrap();
        let err = migrate(&mut conn, Path::new("x.db")).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    }
}
