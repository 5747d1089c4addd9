//! Plain structs the read API returns. They mirror the tables, not any JSON contract:
//! the binary decides what it shows.

use readout_text::{DocKind, Format, Lang, MapPoint, Meta, Piece, Removal, Repair, Script};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A document with its paragraphs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// How the document stands in the collection (from the last derive).
    pub link: LinkRecord,
}

/// A document's place in the collection, as the last derive left it; all `None` for a
/// fragment, or before the first derive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkRecord {
    /// The event the document reports.
    pub event: Option<String>,
    /// `original`, `copy` or `translation`.
    pub role: Option<String>,
    /// The document this one translates.
    pub translation_of: Option<String>,
    /// Share of the original's sentences this translation renders (0 to 1).
    pub coverage: Option<f64>,
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

/// One event of the derived record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub id: String,
    /// The event kind's code (`politburo_meeting`, `symposium`, …).
    pub kind: String,
    /// Date parts as the text states them; `None` where it does not.
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// A relative date as written (`昨日`), when that is all the text gives.
    pub relative: Option<String>,
    /// The id of the document the record is taken from.
    pub original: String,
    /// The whole event as the collection stage derived it (readout-collection's `Event`).
    pub record: serde_json::Value,
}

/// A translation aligned with its original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentRecord {
    pub original: String,
    pub translation: String,
    pub coverage: f64,
    /// readout-collection's `PairAlignment`: sentences, beads, omissions.
    pub alignment: serde_json::Value,
}

/// A formulation and its history over the collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulationRecord {
    /// In mainland simplified script.
    pub text: String,
    /// readout-collection's `FormulationHistory`: spellings, events, occurrences.
    pub history: serde_json::Value,
}

/// What the derived tables were made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DerivedState {
    /// Digest of the sorted ids of the documents derived from (see
    /// [`crate::input_key`]).
    pub input: String,
    pub documents: usize,
    /// UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    pub derived_at: String,
}
