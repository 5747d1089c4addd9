//! Plain structs the read API returns. They mirror the tables, not any JSON contract:
//! the binary decides what it shows.

use readout_text::{DocKind, Format, Lang, MapPoint, Meta, Piece, Removal, Repair, Script};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A document with its paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRecord {
    pub id: String,
    /// The first path this document's file was ingested from, as given.
    pub file: String,
    /// SHA-256 of the file the document was found in.
    pub sha256: String,
    /// Position of the document in its file, from 0.
    pub ordinal: usize,
    pub kind: DocKind,
    pub lang: Lang,
    pub script: Script,
    pub title: Option<String>,
    pub headlines: Vec<ParagraphRecord>,
    pub body: Vec<ParagraphRecord>,
    pub meta: Meta,
    /// Cleaned-text byte range of the whole document.
    pub span: Range<usize>,
    /// Code points the clean stage removed within `span`.
    pub removed: usize,
}

/// One headline or body paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphRecord {
    pub text: String,
    pub lang: Lang,
    pub script: Script,
    /// Cleaned-text byte range the paragraph spans.
    pub span: Range<usize>,
    pub pieces: Vec<Piece>,
}

/// One path ingested, with the content it had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    /// The path as given to ingest (lossily decoded where not UTF-8).
    pub path: String,
    pub sha256: String,
    pub size: u64,
    pub encoding: String,
    pub format: Format,
    pub had_errors: bool,
    pub documents: usize,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub first_seen: String,
    pub last_seen: String,
}

/// A file's original bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blob {
    pub sha256: String,
    pub size: u64,
    pub bytes: Vec<u8>,
}

/// What the reader made of a file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingRecord {
    pub sha256: String,
    pub reader_version: String,
    pub encoding: String,
    pub format: Format,
    pub had_errors: bool,
    pub map: Vec<MapPoint>,
    pub headings: Vec<Range<usize>>,
    pub cleaned: String,
    pub removals: Vec<Removal>,
    pub repairs: Vec<Repair>,
    pub diagnostics: Vec<String>,
}
