//! Plain structs the read API returns. They mirror the tables, not any JSON contract:
//! the binary decides what it shows.

use readout_lang::PartialDate;
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

/// What blocking reads of one staged document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageKeys {
    pub doc_id: String,
    /// The linker's language (`zh`, `en`).
    pub lang: String,
    /// The record's event kind code.
    pub kind: String,
    /// The event date's parts the document states (columns `stated_year`,
    /// `stated_month`, `stated_day`).
    pub stated: PartialDate,
    /// Day numbers (days since 1970-01-01) of the event and of publication.
    pub event_day: Option<i64>,
    pub published_day: Option<i64>,
    /// The text signature (see readout-align's `Signature::to_bytes`).
    pub signature: Option<Vec<u8>>,
}

/// One document's per-document stage, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageRecord {
    pub keys: StageKeys,
    pub version: u32,
    pub reports_event: bool,
    /// The collection stage's `DocDerived`, as JSON.
    pub payload: String,
}

/// A link between two documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub a: String,
    pub b: String,
    /// `copy` or `translation`.
    pub kind: String,
    pub score: f64,
    pub support: f64,
}

/// One event, with the columns lists use and the whole event as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub id: String,
    /// The event kind's code (`politburo_meeting`, `symposium`, …).
    pub kind: String,
    /// The date parts the record gives; `None` where it has none (columns `year`,
    /// `month`, `day`).
    #[serde(flatten)]
    pub date: PartialDate,
    /// A relative date as written (`昨日`), when that is all the text gives.
    pub relative: Option<String>,
    /// The full date as a day number (days since 1970-01-01), when known.
    pub day_number: Option<i64>,
    /// The id of the document the record is taken from.
    pub original: String,
    pub title: Option<String>,
    /// How many documents report it.
    pub versions: usize,
    /// The collection stage's `Event`, as JSON.
    pub payload: String,
}

/// A translation aligned with its original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentRow {
    pub translation: String,
    pub original: String,
    pub event_id: String,
    pub coverage: f64,
    /// The collection stage's `PairAlignment`, as JSON.
    pub payload: String,
}

/// One occurrence of a formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitRecord {
    /// In mainland simplified script.
    pub text: String,
    /// `curated` or `learned`.
    pub source: String,
    pub doc_id: String,
    pub event_id: Option<String>,
    /// As the document writes it.
    pub spelling: String,
    pub headline: bool,
    pub para: usize,
    pub start: usize,
    pub end: usize,
}

/// One English rendering of a formulation, read off one aligned pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderingRecord {
    pub formulation: String,
    pub text: String,
    pub translation: String,
    pub event_id: String,
    /// The collection stage's `RenderingSource`, as JSON.
    pub source: String,
}

/// Everything one event brings: the event, its documents' roles, its alignments, the
/// formulation occurrences of its documents and their renderings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ComponentRows {
    pub event: EventRow,
    pub links: Vec<(String, LinkRecord)>,
    pub alignments: Vec<AlignmentRow>,
    pub hits: Vec<HitRecord>,
    pub renderings: Vec<RenderingRecord>,
}

/// Which events a listing wants.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    pub kind: Option<String>,
    /// Day numbers, inclusive.
    pub from_day: Option<i64>,
    pub to_day: Option<i64>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// A formulation's counts over the collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulationSummary {
    pub text: String,
    pub source: String,
    /// Occurrences, documents and events holding it.
    pub count: usize,
    pub docs: usize,
    pub events: usize,
    /// Day numbers of its first and last dated events.
    pub first_day: Option<i64>,
    pub last_day: Option<i64>,
}

/// How far the derived record and the search index are behind the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DerivedStatus {
    pub documents: usize,
    /// Documents without a current per-document stage.
    pub unstaged: usize,
    /// Documents whose links are still to be decided.
    pub to_link: usize,
    /// Documents the search index has yet to take.
    pub to_index: usize,
}

impl DerivedStatus {
    /// The derived record is made from every document stored.
    pub fn record_current(&self) -> bool {
        self.unstaged == 0 && self.to_link == 0
    }
}
