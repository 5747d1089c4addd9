//! Readings against their bytes: whether what is stored of a blob is what the reader
//! makes of it now, and putting the reader's output back when it is not.
//!
//! The comparison writes the fresh reading with the ingest's own code into a scratch
//! in-memory database and compares the digests of the blob's rows in both, so every
//! column the ingest writes is compared, and nothing is compared that it does not.

use crate::check::blob_digest;
use crate::error::Result;
use crate::ingest::{add_one, insert_document, insert_reading, NewFile};
use crate::{doc_id, schema, Store};
use readout_text::Reading;
use rusqlite::{Connection, TransactionBehavior};
use std::path::{Path, PathBuf};

/// A blob and the path it was first ingested from (the name its reading was made with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobSource {
    pub sha256: String,
    pub path: PathBuf,
}

/// An in-memory database of the current schema, where a reading is written to be
/// compared (and rolled back).
pub struct Scratch {
    conn: Connection,
}

impl Scratch {
    pub fn new() -> Result<Scratch> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn, Path::new(":memory:"))?;
        Ok(Scratch { conn })
    }
}

#[cfg(unix)]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_of(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

impl Store {
    /// Every blob, in the order stored, with the first path it was ingested from.
    pub fn blob_sources(&self) -> Result<Vec<BlobSource>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.sha256,
                    (SELECT p.path_bytes FROM paths p WHERE p.blob_id = b.id ORDER BY p.id LIMIT 1)
             FROM blobs b ORDER BY b.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(BlobSource {
                sha256: r.get(0)?,
                path: path_of(r.get::<_, Option<Vec<u8>>>(1)?.unwrap_or_default()),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the rows stored for blob `bytes` (at `path`) are exactly what ingesting
    /// `reading` of it writes.
    pub fn reading_matches(
        &self,
        scratch: &mut Scratch,
        path: &Path,
        bytes: &[u8],
        reading: &Reading,
    ) -> Result<bool> {
        let sha = crate::sha256_hex(bytes);
        let stored = blob_digest(&self.conn, &sha)?;
        let tx = scratch.conn.transaction()?;
        add_one(
            &tx,
            &NewFile {
                path,
                bytes,
                reading,
                stages: &[],
            },
        )?;
        let fresh = blob_digest(&tx, &sha)?;
        tx.rollback()?;
        Ok(stored == fresh)
    }

    /// Replaces what is stored of blob `sha256`'s reading (reading, removals, repairs,
    /// diagnostics, documents, paragraphs) by `reading`, in one transaction, and queues
    /// its documents to be recorded, linked and indexed. The derived record must have
    /// been cleared first ([`Store::reset_derived`]): events and links name documents.
    pub fn replace_reading(&mut self, sha256: &str, reading: &Reading) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let blob: i64 = tx.query_row("SELECT id FROM blobs WHERE sha256 = ?1", [sha256], |r| {
            r.get(0)
        })?;
        tx.execute_batch(&format!(
            "DELETE FROM index_queue WHERE doc_id IN (SELECT id FROM documents WHERE blob_id = {blob});
             DELETE FROM link_queue WHERE doc_id IN (SELECT id FROM documents WHERE blob_id = {blob});
             DELETE FROM doc_stage WHERE doc_id IN (SELECT id FROM documents WHERE blob_id = {blob});
             DELETE FROM paragraphs WHERE doc_id IN (SELECT id FROM documents WHERE blob_id = {blob});
             DELETE FROM documents WHERE blob_id = {blob};
             DELETE FROM removals WHERE blob_id = {blob};
             DELETE FROM repairs WHERE blob_id = {blob};
             DELETE FROM diagnostics WHERE blob_id = {blob};
             DELETE FROM readings WHERE blob_id = {blob};"
        ))?;
        insert_reading(&tx, blob, reading)?;
        let docs = &reading.documents;
        for (i, doc) in docs.iter().enumerate() {
            let id = doc_id(sha256, i);
            insert_document(
                &tx,
                blob,
                &id,
                i,
                doc,
                &reading.removals,
                i + 1 == docs.len(),
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO link_queue (doc_id) VALUES (?1)",
                [&id],
            )?;
            tx.execute(
                "INSERT OR IGNORE INTO index_queue (doc_id) VALUES (?1)",
                [&id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Writes a consistent copy of the database to `dest` (which must not exist) through
    /// SQLite's online backup: the committed state at one moment, whatever is still in
    /// the `-wal` file included. The copy is made under a temporary name and renamed into
    /// place, so `dest` is whole or absent.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let mut tmp = dest.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        {
            let mut out = Connection::open(&tmp)?;
            {
                use rusqlite::backup::{Backup, StepResult};
                let backup = Backup::new(&self.conn, &mut out)?;
                // All pages in one step (-1): the copy is one snapshot of the source.
                while backup.step(-1)? != StepResult::Done {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
            }
            out.pragma_update(None, "journal_mode", "WAL")?;
            out.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        }
        std::fs::rename(&tmp, dest).map_err(|source| crate::StoreError::Io {
            path: dest.to_path_buf(),
            source,
        })?;
        Ok(())
    }
}
