//! readout-store: the record of truth, in SQLite.
//!
//! One database file, `DATA/readout.db`, holds the original bytes of every ingested
//! file (content-addressed by SHA-256), every path they were ingested from, and what
//! the reader made of them: readings, documents, paragraphs, removals, repairs and
//! diagnostics. Writing one file is one transaction ([`Store::add_file`]); the read API
//! ([`Store::list_docs`], [`Store::get_doc`], [`Store::get_blob`], …) returns plain
//! structs. Nothing here knows about the command line, HTTP or JSON shapes.
//!
//! Beside them it keeps the derived record a piece at a time (see `derived.rs`): each
//! document's own stage, the links between documents, the events they form, alignments
//! and formulation occurrences, and the queues of documents still to link and index.
//!
//! Later stages extend the schema by appending a migration in [`schema`].

mod check;
mod codes;
mod derived;
mod error;
mod ingest;
mod pages;
mod query;
mod records;
pub mod schema;

pub use check::CheckReport;
pub use derived::share;
pub use error::{Result, StoreError};
pub use ingest::{NewFile, Outcome};
pub use pages::{
    DocCursor, DocListQuery, DocSummary, EventCursor, EventListQuery, EventListRow,
    FormulationCursor, FormulationRow, MentionCursor, MentionRow, PageOf, UNDATED,
};
pub use records::{
    AlignmentRow, Blob, ComponentRows, DerivedStatus, DocRecord, EdgeRecord, EventFilter, EventRow,
    FileRecord, FormulationSummary, HitRecord, LinkRecord, ParagraphRecord, ReadingRecord,
    RenderingRecord, StageKeys, StageRecord,
};

use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "readout.db";

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// Whether [`Store::open`] may create a missing store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the directory and database when absent (for writers such as ingest).
    Create,
    /// Fail with [`StoreError::Missing`] when there is no store yet (for readers).
    Existing,
}

impl Store {
    /// Opens the store in data directory `dir`, migrating it to the current schema.
    pub fn open(dir: &Path, mode: OpenMode) -> Result<Store> {
        let path = dir.join(DB_FILE);
        let flags = match mode {
            OpenMode::Create => {
                std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
                    path: dir.to_path_buf(),
                    source,
                })?;
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE
            }
            OpenMode::Existing => {
                if !path.is_file() {
                    return Err(StoreError::Missing(path));
                }
                OpenFlags::SQLITE_OPEN_READ_WRITE
            }
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let mut conn = Connection::open_with_flags(&path, flags)?;
        // Another process may be ingesting: wait for its transaction rather than fail.
        conn.busy_timeout(Duration::from_secs(30))?;
        // WAL: readers never block the writer, and a killed writer leaves the last
        // committed state. NORMAL sync loses at most the last commits on power loss,
        // never consistency.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        schema::migrate(&mut conn, &path)?;
        Ok(Store { conn, path })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// SQLite's data version: it changes whenever another connection commits, so a
    /// reader can tell its cached view of the store is stale.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        schema::current_version(&self.conn)
    }
}

/// The lowercase hex SHA-256 of `bytes`: the address of a blob.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The id of the `index`-th document (from 0) of the file whose SHA-256 is `sha256`.
/// Content-derived, so the same bytes give the same ids in any store.
pub fn doc_id(sha256: &str, index: usize) -> String {
    let prefix = sha256.get(..12).unwrap_or(sha256);
    format!("{prefix}-{index}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn doc_ids_are_hash_prefix_and_index() {
        assert_eq!(doc_id(&sha256_hex(b"abc"), 3), "ba7816bf8f01-3");
    }

    #[test]
    fn opening_an_absent_store_for_reading_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let err = Store::open(&dir.path().join("nowhere"), OpenMode::Existing)
            .err()
            .unwrap();
        assert!(err.to_string().contains("readout ingest"), "{err}");
    }
}
