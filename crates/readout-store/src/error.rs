//! The store's error type.

use std::path::PathBuf;

/// Why a store operation failed. Messages name the database file where one is involved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store at {0} (run `readout ingest PATH` first, or pass the right --data)")]
    Missing(PathBuf),
    #[error("cannot create the store directory {path}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the store at {path} has schema version {found}, newer than this readout knows ({known}); use a newer readout")]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("migration {version} ({name}) failed")]
    Migration {
        version: i64,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("database error")]
    Sql(#[from] rusqlite::Error),
    #[error("stored JSON does not parse")]
    Json(#[from] serde_json::Error),
    #[error("a value does not fit the database: {0}")]
    Range(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
