//! The read API: documents, files, blobs and readings as plain structs.

use crate::codes::{parse, uint};
use crate::error::Result;
use crate::records::{Blob, DocRecord, FileRecord, LinkRecord, ParagraphRecord, ReadingRecord};
use crate::Store;
use readout_text::{Meta, PublishedFrom, Removal, Repair};
use rusqlite::{OptionalExtension, Row};
use std::collections::HashMap;

/// Documents' columns; `file` is the first path their blob was ingested from.
const DOC_SELECT: &str = "
    SELECT d.id,
           (SELECT p.path FROM paths p WHERE p.blob_id = d.blob_id ORDER BY p.id LIMIT 1),
           b.sha256, d.ordinal, d.kind, d.lang, d.script, d.title, d.published, d.source,
           d.author, d.editor, d.dateline, d.boilerplate, d.span_start, d.span_end, d.removed,
           l.event_id, l.role, l.translation_of, l.coverage, d.url, d.published_from, d.page
    FROM documents d JOIN blobs b ON b.id = d.blob_id LEFT JOIN doc_links l ON l.doc_id = d.id";

const PARAGRAPH_SELECT: &str = "
    SELECT doc_id, kind, text, lang, script, src_start, src_end, pieces FROM paragraphs";

impl ParagraphRecord {
    /// The paragraph as the reader's model has it.
    pub fn to_paragraph(&self) -> readout_text::Paragraph {
        readout_text::Paragraph {
            text: self.text.clone(),
            pieces: self.pieces.clone(),
            lang: self.lang,
            script: self.script,
        }
    }
}

impl DocRecord {
    /// The document rebuilt as the reader made it: everything the later stages read
    /// (kind, language, script, title, headlines, body, metadata, span) is stored.
    pub fn to_document(&self) -> readout_text::Document {
        readout_text::Document {
            kind: self.kind,
            lang: self.lang,
            script: self.script,
            title: self.title.clone(),
            headlines: self.headlines.iter().map(|p| p.to_paragraph()).collect(),
            body: self.body.iter().map(|p| p.to_paragraph()).collect(),
            meta: self.meta.clone(),
            span: self.span.clone(),
        }
    }
}

impl Store {
    /// Every document, in ingest order of their files, then by position in the file.
    pub fn list_docs(&self) -> Result<Vec<DocRecord>> {
        let mut paragraphs: HashMap<String, (Vec<ParagraphRecord>, Vec<ParagraphRecord>)> =
            HashMap::new();
        let mut stmt = self.conn.prepare(&format!(
            "{PARAGRAPH_SELECT} ORDER BY doc_id, kind, ordinal"
        ))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let (doc, kind, p) = paragraph_row(row)?;
            let entry = paragraphs.entry(doc).or_default();
            if kind == "headline" {
                entry.0.push(p);
            } else {
                entry.1.push(p);
            }
        }
        let mut stmt = self
            .conn
            .prepare(&format!("{DOC_SELECT} ORDER BY d.blob_id, d.ordinal"))?;
        let mut rows = stmt.query([])?;
        let mut docs = Vec::new();
        while let Some(row) = rows.next()? {
            let mut doc = doc_row(row)?;
            if let Some((h, b)) = paragraphs.remove(&doc.id) {
                doc.headlines = h;
                doc.body = b;
            }
            docs.push(doc);
        }
        Ok(docs)
    }

    /// One document by its exact id.
    pub fn get_doc(&self, id: &str) -> Result<Option<DocRecord>> {
        let mut stmt = self
            .conn
            .prepare(&format!("{DOC_SELECT} WHERE d.id = ?1"))?;
        let Some(mut doc) = stmt.query_row([id], doc_row).optional()? else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare(&format!(
            "{PARAGRAPH_SELECT} WHERE doc_id = ?1 ORDER BY kind DESC, ordinal"
        ))?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let (_, kind, p) = paragraph_row(row)?;
            if kind == "headline" {
                doc.headlines.push(p);
            } else {
                doc.body.push(p);
            }
        }
        Ok(Some(doc))
    }

    /// Ids of the documents whose id starts with `prefix`, at most `limit` of them,
    /// so a user can name a document by an unambiguous prefix.
    pub fn doc_ids_with_prefix(&self, prefix: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM documents WHERE substr(id, 1, length(?1)) = ?1
             ORDER BY blob_id, ordinal LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let ids = stmt
            .query_map((prefix, limit), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    /// Every path ingested with the content it had, in the order they were first seen.
    pub fn list_files(&self) -> Result<Vec<FileRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT p.path, b.sha256, b.size, r.encoding, r.format, r.had_errors,
                    r.n_documents, p.first_seen, p.last_seen
             FROM paths p JOIN blobs b ON b.id = p.blob_id JOIN readings r ON r.blob_id = b.id
             ORDER BY p.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut files = Vec::new();
        while let Some(r) = rows.next()? {
            files.push(FileRecord {
                path: r.get(0)?,
                sha256: r.get(1)?,
                size: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                encoding: r.get(3)?,
                format: parse(&r.get::<_, String>(4)?)?,
                had_errors: r.get(5)?,
                documents: uint(r.get(6)?)?,
                first_seen: r.get(7)?,
                last_seen: r.get(8)?,
            });
        }
        Ok(files)
    }

    /// A file's original bytes by their SHA-256 (lowercase hex).
    pub fn get_blob(&self, sha256: &str) -> Result<Option<Blob>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sha256, size, bytes FROM blobs WHERE sha256 = ?1",
                [sha256],
                |r| {
                    Ok(Blob {
                        sha256: r.get(0)?,
                        size: r.get::<_, i64>(1)?.try_into().unwrap_or(0),
                        bytes: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// What the reader made of the file with this SHA-256.
    pub fn get_reading(&self, sha256: &str) -> Result<Option<ReadingRecord>> {
        let head = self
            .conn
            .query_row(
                "SELECT b.id, r.reader_version, r.encoding, r.format, r.had_errors,
                        r.decoded_map, r.headings, r.cleaned
                 FROM readings r JOIN blobs b ON b.id = r.blob_id WHERE b.sha256 = ?1",
                [sha256],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, bool>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ))
                },
            )
            .optional()?;
        let Some((blob, reader_version, encoding, format, had_errors, map, headings, cleaned)) =
            head
        else {
            return Ok(None);
        };
        let headings: Vec<[usize; 2]> = serde_json::from_str(&headings)?;
        let mut removals = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT offset, text, kind FROM removals WHERE blob_id = ?1 ORDER BY ordinal",
        )?;
        let mut rows = stmt.query([blob])?;
        while let Some(r) = rows.next()? {
            removals.push(Removal {
                offset: uint(r.get(0)?)?,
                text: r.get(1)?,
                kind: parse(&r.get::<_, String>(2)?)?,
            });
        }
        let mut repairs = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT src_start, src_end, replacement, kind FROM repairs
             WHERE blob_id = ?1 ORDER BY ordinal",
        )?;
        let mut rows = stmt.query([blob])?;
        while let Some(r) = rows.next()? {
            repairs.push(Repair {
                src: uint(r.get(0)?)?..uint(r.get(1)?)?,
                replacement: r.get(2)?,
                kind: parse(&r.get::<_, String>(3)?)?,
            });
        }
        let mut stmt = self
            .conn
            .prepare("SELECT message FROM diagnostics WHERE blob_id = ?1 ORDER BY ordinal")?;
        let diagnostics = stmt
            .query_map([blob], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(Some(ReadingRecord {
            sha256: sha256.to_owned(),
            reader_version,
            encoding,
            format: parse(&format)?,
            had_errors,
            map: serde_json::from_str(&map)?,
            headings: headings.into_iter().map(|[a, b]| a..b).collect(),
            cleaned,
            removals,
            repairs,
            diagnostics,
        }))
    }
}

pub(crate) fn doc_row(r: &Row) -> rusqlite::Result<DocRecord> {
    // Conversion failures of our own columns surface as rusqlite errors so that
    // row closures compose; they only happen on a store written by a foreign tool.
    let conv = |i: usize, e: crate::StoreError| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    let boilerplate: String = r.get(13)?;
    Ok(DocRecord {
        id: r.get(0)?,
        file: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
        sha256: r.get(2)?,
        ordinal: uint(r.get(3)?).map_err(|e| conv(3, e))?,
        kind: parse(&r.get::<_, String>(4)?).map_err(|e| conv(4, e))?,
        lang: parse(&r.get::<_, String>(5)?).map_err(|e| conv(5, e))?,
        script: parse(&r.get::<_, String>(6)?).map_err(|e| conv(6, e))?,
        title: r.get(7)?,
        headlines: Vec::new(),
        body: Vec::new(),
        meta: Meta {
            published: r.get(8)?,
            source: r.get(9)?,
            author: r.get(10)?,
            editor: r.get(11)?,
            dateline: r.get(12)?,
            boilerplate: serde_json::from_str(&boilerplate)
                .map_err(|e| conv(13, crate::StoreError::Json(e)))?,
            url: r.get(21)?,
            published_from: r
                .get::<_, Option<String>>(22)?
                .and_then(|f| PublishedFrom::parse(&f)),
            page: r.get(23)?,
        },
        span: uint(r.get(14)?).map_err(|e| conv(14, e))?
            ..uint(r.get(15)?).map_err(|e| conv(15, e))?,
        removed: uint(r.get(16)?).map_err(|e| conv(16, e))?,
        link: LinkRecord {
            event: r.get(17)?,
            role: r.get(18)?,
            translation_of: r.get(19)?,
            coverage: r.get(20)?,
        },
    })
}

pub(crate) fn paragraph_row(r: &Row) -> Result<(String, String, ParagraphRecord)> {
    let pieces: String = r.get(7)?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        ParagraphRecord {
            text: r.get(2)?,
            lang: parse(&r.get::<_, String>(3)?)?,
            script: parse(&r.get::<_, String>(4)?)?,
            span: uint(r.get(5)?)?..uint(r.get(6)?)?,
            pieces: serde_json::from_str(&pieces)?,
        },
    ))
}
