//! Consistency checks and a digest of the store's content.
//!
//! [`Store::check`] is what a user (or a test after a crash) runs to know the store
//! is whole: SQLite's own integrity check, then the invariants SQLite cannot see —
//! every blob's bytes still hash to its address, every blob has its reading, every
//! reading all its documents and removals, every document all its paragraphs, every
//! path its blob, every derived link its event. It also says whether the derived
//! record is current (made from the documents stored now).

use crate::error::Result;
use crate::{sha256_hex, Store};
use rusqlite::types::ValueRef;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The result of [`Store::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// One line per problem found: damage, or an invariant broken; empty when the
    /// store is whole.
    pub problems: Vec<String>,
    /// One line per way the derived record or the index is behind the documents:
    /// nothing is lost, and the next ingest or `readout derive` brings them up to date.
    pub stale: Vec<String>,
    pub schema_version: i64,
    pub blobs: u64,
    pub paths: u64,
    pub documents: u64,
    pub paragraphs: u64,
    /// Events in the derived record.
    pub events: u64,
    /// Whether the derived record (events, links, alignments, formulations) was made
    /// from exactly the documents stored now; false after an interrupted ingest, until
    /// the next ingest or `readout derive`. Not a problem: nothing is lost.
    pub derived_current: bool,
    /// How far the derived record and the search index are behind.
    pub status: crate::DerivedStatus,
    /// SHA-256 over the stored content (see [`Store::digest`]).
    pub digest: String,
}

impl CheckReport {
    /// Whole and current.
    pub fn ok(&self) -> bool {
        self.problems.is_empty() && self.stale.is_empty()
    }
}

/// Queries whose rows each name one broken invariant.
const INVARIANTS: &[(&str, &str)] = &[
    (
        "blob has no reading",
        "SELECT b.sha256 FROM blobs b LEFT JOIN readings r ON r.blob_id = b.id
         WHERE r.blob_id IS NULL",
    ),
    (
        "blob size differs from its bytes",
        "SELECT sha256 FROM blobs WHERE size != length(bytes)",
    ),
    (
        "blob is on no path",
        "SELECT b.sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM paths p WHERE p.blob_id = b.id)",
    ),
    (
        "path has no blob",
        "SELECT p.path FROM paths p LEFT JOIN blobs b ON b.id = p.blob_id WHERE b.id IS NULL",
    ),
    (
        "reading misses documents",
        "SELECT b.sha256 FROM readings r JOIN blobs b ON b.id = r.blob_id
         WHERE r.n_documents != (SELECT COUNT(*) FROM documents d WHERE d.blob_id = r.blob_id)",
    ),
    (
        "reading misses removals",
        "SELECT b.sha256 FROM readings r JOIN blobs b ON b.id = r.blob_id
         WHERE r.n_removals != (SELECT COUNT(*) FROM removals m WHERE m.blob_id = r.blob_id)",
    ),
    (
        "derived link names an event that is not stored",
        "SELECT l.doc_id FROM doc_links l
         WHERE l.event_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = l.event_id)",
    ),
    (
        "paragraph pieces are not valid JSON",
        "SELECT doc_id || ' ' || kind || ' ' || ordinal FROM paragraphs WHERE NOT json_valid(pieces)",
    ),
    (
        "reading's offset map is not valid JSON",
        "SELECT b.sha256 FROM readings r JOIN blobs b ON b.id = r.blob_id
         WHERE NOT json_valid(r.decoded_map) OR NOT json_valid(r.headings)",
    ),
    (
        "event record is not valid JSON",
        "SELECT id FROM events WHERE NOT json_valid(payload)",
    ),
    (
        "alignment is not valid JSON",
        "SELECT translation FROM alignments WHERE NOT json_valid(payload)",
    ),
    (
        "document stage is not valid JSON",
        "SELECT doc_id FROM doc_stage WHERE NOT json_valid(payload)",
    ),
    (
        "document misses paragraphs",
        "SELECT d.id FROM documents d
         WHERE d.n_headlines != (SELECT COUNT(*) FROM paragraphs p
                                 WHERE p.doc_id = d.id AND p.kind = 'headline')
            OR d.n_body != (SELECT COUNT(*) FROM paragraphs p
                            WHERE p.doc_id = d.id AND p.kind = 'body')",
    ),
];

/// What a blob's reading is stored as, `?1` its SHA-256: every row the reader's output
/// became, without row ids, times or the reader's version.
pub(crate) const BLOB_CONTENT: &[&str] = &[
    "SELECT r.encoding, r.format, r.had_errors, r.decoded_map, r.headings, r.cleaned,
            r.n_documents, r.n_removals
     FROM readings r JOIN blobs b ON b.id = r.blob_id WHERE b.sha256 = ?1",
    "SELECT m.ordinal, m.offset, m.text, m.kind
     FROM removals m JOIN blobs b ON b.id = m.blob_id WHERE b.sha256 = ?1 ORDER BY m.ordinal",
    "SELECT m.ordinal, m.src_start, m.src_end, m.replacement, m.kind
     FROM repairs m JOIN blobs b ON b.id = m.blob_id WHERE b.sha256 = ?1 ORDER BY m.ordinal",
    "SELECT m.ordinal, m.message
     FROM diagnostics m JOIN blobs b ON b.id = m.blob_id WHERE b.sha256 = ?1 ORDER BY m.ordinal",
    "SELECT d.id, d.ordinal, d.kind, d.lang, d.script, d.title, d.published, d.source,
            d.author, d.editor, d.dateline, d.boilerplate, d.span_start, d.span_end,
            d.removed, d.n_headlines, d.n_body, d.url, d.published_from, d.page
     FROM documents d JOIN blobs b ON b.id = d.blob_id WHERE b.sha256 = ?1 ORDER BY d.id",
    "SELECT p.doc_id, p.kind, p.ordinal, p.text, p.lang, p.script, p.src_start, p.src_end,
            p.pieces
     FROM paragraphs p JOIN documents d ON d.id = p.doc_id JOIN blobs b ON b.id = d.blob_id
     WHERE b.sha256 = ?1 ORDER BY p.doc_id, p.kind, p.ordinal",
];

/// The content the digest covers, in a fixed order, without row ids or timestamps,
/// so two stores made from the same files in the same order have the same digest.
const CONTENT: &[&str] = &[
    "SELECT sha256, size, bytes FROM blobs ORDER BY sha256",
    "SELECT b.sha256, r.encoding, r.format, r.had_errors, r.decoded_map, r.headings,
            r.cleaned, r.n_documents, r.n_removals
     FROM readings r JOIN blobs b ON b.id = r.blob_id ORDER BY b.sha256",
    "SELECT b.sha256, m.ordinal, m.offset, m.text, m.kind
     FROM removals m JOIN blobs b ON b.id = m.blob_id ORDER BY b.sha256, m.ordinal",
    "SELECT b.sha256, m.ordinal, m.src_start, m.src_end, m.replacement, m.kind
     FROM repairs m JOIN blobs b ON b.id = m.blob_id ORDER BY b.sha256, m.ordinal",
    "SELECT b.sha256, m.ordinal, m.message
     FROM diagnostics m JOIN blobs b ON b.id = m.blob_id ORDER BY b.sha256, m.ordinal",
    "SELECT d.id, b.sha256, d.ordinal, d.kind, d.lang, d.script, d.title, d.published,
            d.source, d.author, d.editor, d.dateline, d.boilerplate, d.span_start,
            d.span_end, d.removed, d.n_headlines, d.n_body, d.url, d.published_from, d.page
     FROM documents d JOIN blobs b ON b.id = d.blob_id ORDER BY d.id",
    "SELECT p.doc_id, p.kind, p.ordinal, p.text, p.lang, p.script, p.src_start,
            p.src_end, p.pieces
     FROM paragraphs p ORDER BY p.doc_id, p.kind, p.ordinal",
    "SELECT p.path, p.path_bytes, b.sha256 FROM paths p JOIN blobs b ON b.id = p.blob_id
     ORDER BY p.path_bytes, b.sha256",
    // The derived record: a function of the documents, so it belongs to the content
    // (same documents, same rows, whatever order and however many steps they came in).
    "SELECT doc_id, version, reports_event, lang, kind, stated_year, stated_month,
            stated_day, event_day, published_day, signature, payload
     FROM doc_stage ORDER BY doc_id",
    "SELECT a, b, kind, score, support FROM link_edges ORDER BY a, b, kind",
    "SELECT id, kind, year, month, day, relative, day_number, original, title, versions,
            payload
     FROM events ORDER BY id",
    "SELECT doc_id, event_id, role, translation_of, coverage FROM doc_links ORDER BY doc_id",
    "SELECT translation, original, event_id, coverage, payload FROM alignments
     ORDER BY translation",
    "SELECT text, source, doc_id, event_id, spelling, headline, para, start, end
     FROM formulation_hits ORDER BY doc_id, headline, para, start, end, text",
    "SELECT formulation, text, translation, event_id, source FROM renderings
     ORDER BY translation, formulation, source, text",
];

impl Store {
    /// Checks the whole store; see the module documentation for what is checked.
    /// Reads every blob, so it takes time proportional to the store's size.
    /// `stage_version` is the per-document stage's current version.
    pub fn check(&self, stage_version: u32) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for line in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = line?;
            if line != "ok" {
                problems.push(format!("sqlite integrity: {line}"));
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            problems.push(format!(
                "foreign key: row {} of {} refers to a missing row of {}",
                r.get::<_, Option<i64>>(1)?.unwrap_or(-1),
                r.get::<_, String>(0)?,
                r.get::<_, String>(2)?,
            ));
        }
        for (what, sql) in INVARIANTS {
            let mut stmt = self.conn.prepare(sql)?;
            for name in stmt.query_map([], |r| r.get::<_, String>(0))? {
                problems.push(format!("{what}: {}", name?));
            }
        }
        // The bytes must still hash to their address: the store's first promise.
        let mut stmt = self
            .conn
            .prepare("SELECT sha256, bytes FROM blobs ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let sha: String = r.get(0)?;
            let actual = match r.get_ref(1)? {
                ValueRef::Blob(b) => sha256_hex(b),
                _ => String::new(),
            };
            if actual != sha {
                problems.push(format!("blob bytes do not hash to their address: {sha}"));
            }
        }
        // Text must be text: a flipped byte can leave invalid UTF-8 in any column.
        self.check_texts(&mut problems)?;
        let status = self.derived_status(stage_version)?;
        let mut stale = Vec::new();
        if !status.record_current() {
            stale.push(format!(
                "the derived record is behind the documents: {} to record, {} to link \
                 (run `readout derive`)",
                status.unstaged, status.to_link
            ));
        }
        if status.to_index > 0 {
            stale.push(format!(
                "the search index is behind by {} documents (run `readout derive`)",
                status.to_index
            ));
        }
        let count = |table: &str| -> Result<u64> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n.try_into().unwrap_or(0))
        };
        Ok(CheckReport {
            problems,
            stale,
            schema_version: self.schema_version()?,
            blobs: count("blobs")?,
            paths: count("paths")?,
            documents: count("documents")?,
            paragraphs: count("paragraphs")?,
            events: count("events")?,
            derived_current: status.record_current(),
            status,
            digest: self.digest()?,
        })
    }

    /// Every text value of every table must be valid UTF-8; each one that is not is
    /// named by table, column and row.
    fn check_texts(&self, problems: &mut Vec<String>) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?;
        let tables: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for table in tables {
            let mut stmt = self.conn.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
            let mut rows = stmt.query([])?;
            let mut row = 0u64;
            while let Some(r) = rows.next()? {
                row += 1;
                for (i, column) in columns.iter().enumerate() {
                    if let ValueRef::Text(t) = r.get_ref(i)? {
                        if std::str::from_utf8(t).is_err() {
                            problems.push(format!(
                                "text that is not valid UTF-8: {table}.{column}, row {row}"
                            ));
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// A SHA-256 (hex) over everything the store holds except row ids and times, in an
    /// order of content (hashes, ids), not of arrival: re-ingesting unchanged files
    /// leaves it unchanged, an interrupted ingest run again ends at the digest of one
    /// never interrupted, and the same files ingested in any order and any number of
    /// steps give the same digest.
    pub fn digest(&self) -> Result<String> {
        let mut h = Sha256::new();
        for sql in CONTENT {
            hash_rows(&mut h, &self.conn, sql, [])?;
        }
        Ok(hex::encode(h.finalize()))
    }
}

/// A SHA-256 (hex) over the rows of blob `sha256`'s reading ([`BLOB_CONTENT`]) in `conn`.
pub(crate) fn blob_digest(conn: &rusqlite::Connection, sha256: &str) -> Result<String> {
    let mut h = Sha256::new();
    for sql in BLOB_CONTENT {
        hash_rows(&mut h, conn, sql, [sha256])?;
    }
    Ok(hex::encode(h.finalize()))
}

/// Feeds the rows `sql` returns into `h`: a table marker, then each value tagged and
/// length-prefixed, so no two different row sets hash alike.
fn hash_rows<P: rusqlite::Params>(
    h: &mut Sha256,
    conn: &rusqlite::Connection,
    sql: &str,
    params: P,
) -> Result<()> {
    h.update(b"\x00table");
    let mut stmt = conn.prepare_cached(sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(params)?;
    while let Some(r) = rows.next()? {
        h.update(b"\x01");
        for i in 0..columns {
            match r.get_ref(i)? {
                ValueRef::Null => h.update(b"n"),
                ValueRef::Integer(n) => {
                    h.update(b"i");
                    h.update(n.to_le_bytes());
                }
                ValueRef::Real(x) => {
                    h.update(b"r");
                    h.update(x.to_le_bytes());
                }
                ValueRef::Text(t) | ValueRef::Blob(t) => {
                    h.update(b"t");
                    h.update((t.len() as u64).to_le_bytes());
                    h.update(t);
                }
            }
        }
    }
    Ok(())
}
