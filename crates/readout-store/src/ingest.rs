//! The write path: one file, one transaction.
//!
//! The caller hashes the bytes and asks [`Store::touch_known`] first, so unchanged
//! files are never read twice; only new contents go through the reader and
//! [`Store::add_file`].

use crate::codes::{code, int};
use crate::error::Result;
use crate::records::StageRecord;
use crate::{doc_id, sha256_hex, Store};
use readout_text::{Document, Paragraph, Reading, Removal};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use std::path::Path;

/// What ingesting one file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// New content: the bytes, the reading and `documents` documents were stored.
    New { documents: usize },
    /// This path with these bytes was ingested before; nothing but `last_seen` changed.
    Unchanged,
    /// The bytes were known under another path (or this path had other bytes before):
    /// the path was recorded, the content not stored again.
    KnownContent,
}

/// The current UTC time as SQLite writes it, used for first/last seen.
const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

impl Store {
    /// Whether the blob `sha256` is stored (a read: for telling known content early).
    pub fn has_blob(&self, sha256: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS(SELECT 1 FROM blobs WHERE sha256 = ?1)")?
            .query_row([sha256], |r| r.get(0))?)
    }

    /// Records that `path` holds the blob `sha256` when that blob is already stored,
    /// and says how; `None` when the content is new and must be read and added.
    pub fn touch_known(&mut self, path: &Path, sha256: &str) -> Result<Option<Outcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let outcome = record_path(&tx, path, sha256)?;
        tx.commit()?;
        Ok(outcome)
    }

    /// Stores a file: its bytes, the reader's `reading` of them, the per-document stage
    /// of its documents (`stages`, any order; documents without one are staged later),
    /// and `path`, in one transaction, and queues the documents to be linked and indexed.
    /// If the bytes are already stored (another process was quicker), only the path is
    /// recorded.
    pub fn add_file(
        &mut self,
        path: &Path,
        bytes: &[u8],
        reading: &Reading,
        stages: &[StageRecord],
    ) -> Result<Outcome> {
        let mut out = self.add_files(&[NewFile {
            path,
            bytes,
            reading,
            stages,
        }])?;
        Ok(out.pop().unwrap_or(Outcome::Unchanged))
    }

    /// Stores several files as [`Store::add_file`] does, in one transaction: a killed
    /// ingest leaves all of them or none, and the writes cost one commit.
    pub fn add_files(&mut self, files: &[NewFile<'_>]) -> Result<Vec<Outcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(files.len());
        for f in files {
            out.push(add_one(&tx, f)?);
        }
        tx.commit()?;
        Ok(out)
    }
}

/// One file to store: what [`Store::add_files`] takes.
#[derive(Debug, Clone, Copy)]
pub struct NewFile<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
    pub reading: &'a Reading,
    pub stages: &'a [StageRecord],
}

pub(crate) fn add_one(tx: &Transaction, f: &NewFile<'_>) -> Result<Outcome> {
    let sha = sha256_hex(f.bytes);
    if let Some(outcome) = record_path(tx, f.path, &sha)? {
        return Ok(outcome);
    }
    tx.execute(
        &format!("INSERT INTO blobs (sha256, size, bytes, added_at) VALUES (?1, ?2, ?3, {NOW})"),
        (&sha, int(f.bytes.len())?, f.bytes),
    )?;
    let blob = tx.last_insert_rowid();
    insert_reading(tx, blob, f.reading)?;
    let docs = &f.reading.documents;
    for (i, doc) in docs.iter().enumerate() {
        let last = i + 1 == docs.len();
        let id = doc_id(&sha, i);
        insert_document(tx, blob, &id, i, doc, &f.reading.removals, last)?;
        tx.prepare_cached("INSERT OR IGNORE INTO link_queue (doc_id) VALUES (?1)")?
            .execute([&id])?;
        tx.prepare_cached("INSERT OR IGNORE INTO index_queue (doc_id) VALUES (?1)")?
            .execute([&id])?;
    }
    for st in f.stages {
        crate::derived::insert_stage(tx, st)?;
    }
    insert_path(tx, f.path, blob)?;
    Ok(Outcome::New {
        documents: docs.len(),
    })
}

/// The bytes of a path, exact where the platform allows.
pub(crate) fn path_bytes(path: &Path) -> Vec<u8> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().into_owned().into_bytes()
    }
}

fn record_path(tx: &Transaction, path: &Path, sha256: &str) -> Result<Option<Outcome>> {
    let Some(blob) = tx
        .query_row("SELECT id FROM blobs WHERE sha256 = ?1", [sha256], |r| {
            r.get::<_, i64>(0)
        })
        .optional()?
    else {
        return Ok(None);
    };
    let seen = tx.execute(
        &format!("UPDATE paths SET last_seen = {NOW} WHERE path_bytes = ?1 AND blob_id = ?2"),
        (path_bytes(path), blob),
    )?;
    if seen > 0 {
        return Ok(Some(Outcome::Unchanged));
    }
    insert_path(tx, path, blob)?;
    Ok(Some(Outcome::KnownContent))
}

fn insert_path(tx: &Transaction, path: &Path, blob: i64) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO paths (path, path_bytes, blob_id, first_seen, last_seen)
             VALUES (?1, ?2, ?3, {NOW}, {NOW})"
        ),
        (path.to_string_lossy(), path_bytes(path), blob),
    )?;
    Ok(())
}

pub(crate) fn insert_reading(tx: &Transaction, blob: i64, r: &Reading) -> Result<()> {
    let headings: Vec<[usize; 2]> = r
        .decoded
        .headings
        .iter()
        .map(|h| [h.range.start, h.range.end])
        .collect();
    tx.prepare_cached(
        "INSERT INTO readings (blob_id, reader_version, encoding, format, had_errors,
                               decoded_map, headings, cleaned, n_documents, n_removals)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(rusqlite::params![
        blob,
        // The workspace shares one version, so this names the reader that ran.
        env!("CARGO_PKG_VERSION"),
        r.decoded.encoding,
        code(&r.decoded.format)?,
        r.decoded.had_errors,
        serde_json::to_string(&r.decoded.map)?,
        serde_json::to_string(&headings)?,
        r.cleaned,
        int(r.documents.len())?,
        int(r.removals.len())?,
    ])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO removals (blob_id, ordinal, offset, text, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, rm) in r.removals.iter().enumerate() {
        stmt.execute((blob, int(i)?, int(rm.offset)?, &rm.text, code(&rm.kind)?))?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO repairs (blob_id, ordinal, src_start, src_end, replacement, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (i, rp) in r.repairs.iter().enumerate() {
        stmt.execute((
            blob,
            int(i)?,
            int(rp.src.start)?,
            int(rp.src.end)?,
            &rp.replacement,
            code(&rp.kind)?,
        ))?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO diagnostics (blob_id, ordinal, message) VALUES (?1, ?2, ?3)",
    )?;
    for (i, d) in r.diagnostics.iter().enumerate() {
        stmt.execute((blob, int(i)?, &d.message))?;
    }
    Ok(())
}

pub(crate) fn insert_document(
    tx: &Transaction,
    blob: i64,
    id: &str,
    ordinal: usize,
    doc: &Document,
    removals: &[Removal],
    last: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO documents (id, blob_id, ordinal, kind, lang, script, title, published,
                                source, author, editor, dateline, boilerplate, span_start,
                                span_end, removed, n_headlines, n_body, url, published_from,
                                page)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19, ?20, ?21)",
    )?
    .execute(rusqlite::params![
        id,
        blob,
        int(ordinal)?,
        code(&doc.kind)?,
        code(&doc.lang)?,
        code(&doc.script)?,
        doc.title,
        doc.meta.published,
        doc.meta.source,
        doc.meta.author,
        doc.meta.editor,
        doc.meta.dateline,
        serde_json::to_string(&doc.meta.boilerplate)?,
        int(doc.span.start)?,
        int(doc.span.end)?,
        int(readout_text::clean::removed_within(
            &doc.span, removals, last
        ))?,
        int(doc.headlines.len())?,
        int(doc.body.len())?,
        doc.meta.url,
        doc.meta.published_from.map(|f| f.as_str()),
        doc.meta.page,
    ])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO paragraphs (doc_id, kind, ordinal, text, lang, script, src_start, src_end, pieces)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let kinds: [(&str, &[Paragraph]); 2] = [("headline", &doc.headlines), ("body", &doc.body)];
    for (kind, paragraphs) in kinds {
        for (i, p) in paragraphs.iter().enumerate() {
            let src = p.src_range();
            stmt.execute(rusqlite::params![
                id,
                kind,
                int(i)?,
                p.text,
                code(&p.lang)?,
                code(&p.script)?,
                int(src.start)?,
                int(src.end)?,
                serde_json::to_string(&p.pieces)?,
            ])?;
        }
    }
    Ok(())
}
