//! The store's error type.

use std::path::PathBuf;

/// Why a store operation failed. Messages name the database file where one is involved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no store at {0} (run `readout ingest PATH` first, or pass the right --data)")]
    Missing(PathBuf),
    #[error("{path} is not a readout store: {why}. Nothing was changed; if it was a store, restore it from a backup (`readout backup`), otherwise move it away or pass another --data")]
    NotAStore { path: PathBuf, why: String },
    #[error("the store {path} is damaged (the database file is malformed: {detail}); restore it from a backup (`readout backup` makes one)")]
    Damaged { path: PathBuf, detail: String },
    #[error("cannot write the store in {0} (a read-only directory or file system, or owned by another user); commands that only read it work, but to ingest or derive give this user write access to the directory, or copy the store to a directory you can write with `readout --data {0} backup DEST`")]
    ReadOnly(PathBuf),
    #[error("the store {path} has schema version {found} and must be upgraded to version {latest} before it can be read; run `readout derive` (or any ingest) once with write access to the directory")]
    NeedsMigration {
        path: PathBuf,
        found: i64,
        latest: i64,
    },
    #[error("cannot read {path}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
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

impl StoreError {
    /// Whether this says the database file is damaged or is not a store at all (a
    /// finding about the store, as opposed to a usage or system error).
    pub fn is_damage(&self) -> bool {
        let corrupt = |e: &rusqlite::Error| {
            matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
            )
        };
        match self {
            StoreError::Damaged { .. } | StoreError::NotAStore { .. } => true,
            StoreError::Sql(e) | StoreError::Migration { source: e, .. } => corrupt(e),
            _ => false,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
