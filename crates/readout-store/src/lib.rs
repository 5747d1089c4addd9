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
mod open;
mod pages;
mod query;
mod records;
pub mod schema;
mod verify;

pub use check::CheckReport;
pub use derived::share;
pub use error::{Result, StoreError};
pub use ingest::{NewFile, Outcome};
pub use open::OpenMode;
pub use pages::{
    DocCursor, DocListQuery, DocSummary, EventCursor, EventListQuery, EventListRow,
    FormulationCursor, FormulationRow, MentionCursor, MentionRow, PageOf, UNDATED,
};
pub use records::{
    AlignmentRow, Blob, ComponentRows, DerivedStatus, DocRecord, EdgeRecord, EventFilter, EventRow,
    FileRecord, FormulationSummary, HitRecord, LinkRecord, ParagraphRecord, ReadingRecord,
    RenderingRecord, StageKeys, StageRecord,
};
pub use verify::{BlobSource, Scratch};

use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "readout.db";

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens the store in data directory `dir`. Writers ([`OpenMode::Create`],
    /// [`OpenMode::Existing`]) migrate it to the current schema; readers
    /// ([`OpenMode::ReadOnly`]) change nothing. A file that is not a readout store is
    /// refused ([`StoreError::NotAStore`]), never initialised.
    pub fn open(dir: &Path, mode: OpenMode) -> Result<Store> {
        let path = dir.join(DB_FILE);
        let conn = open::open(dir, &path, mode)?;
        Ok(Store {
            conn,
            path,
            read_only: mode == OpenMode::ReadOnly,
        })
    }

    /// Whether the store was opened read-only.
    pub fn read_only(&self) -> bool {
        self.read_only
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
