//! The JSON shapes readout prints. These are the public contract (README.md, "JSON");
//! field names follow the seed annotations (`testdata/seeds/expected.json`).

use readout_store::{DocRecord, FileRecord};
use readout_text::{DocKind, Document, Format, Lang, PublishedFrom, Script};
use serde::{Deserialize, Serialize};

/// One document, as `docs --json` lists it and `show --json` prints it.
#[derive(Debug, Serialize)]
pub struct DocJson<'a> {
    pub id: &'a str,
    /// The path the document's file was first ingested from, as given.
    pub file: &'a str,
    pub kind: DocKind,
    pub lang: Lang,
    pub script: Script,
    pub title: Option<&'a str>,
    pub headlines: Vec<&'a str>,
    /// Body paragraphs, cleaned, in the document's own script.
    pub body: Vec<&'a str>,
    /// The document's own address: its source link, canonical url or feed item url.
    pub url: Option<&'a str>,
    /// ISO 8601 date (and time, with offset, where stated).
    pub published: Option<&'a str>,
    /// Where `published` was read: `text`, `meta`, `feed`, `url` or `path`.
    pub published_from: Option<PublishedFrom>,
    /// A newspaper page label ("01版"), taken off the title.
    pub page: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub editor: Option<&'a str>,
    pub dateline: Option<&'a str>,
    pub boilerplate: &'a [String],
    /// Code points the cleaner removed within the document.
    pub removed: usize,
    /// The event the document reports (null for a fragment).
    pub event: Option<String>,
    /// `original`, `copy` (another script of the original) or `translation`;
    /// null for a fragment.
    pub role: Option<String>,
    /// The document this one translates (null unless it is a translation).
    pub translation_of: Option<String>,
    /// Share of the original's sentences this translation renders, 0 to 1.
    pub coverage: Option<f64>,
}

impl<'a> DocJson<'a> {
    pub fn new(d: &'a DocRecord) -> Self {
        DocJson {
            id: &d.id,
            file: &d.file,
            kind: d.kind,
            lang: d.lang,
            script: d.script,
            title: d.title.as_deref(),
            headlines: d.headlines.iter().map(|p| p.text.as_str()).collect(),
            body: d.body.iter().map(|p| p.text.as_str()).collect(),
            url: d.meta.url.as_deref(),
            published: d.meta.published.as_deref(),
            published_from: d.meta.published_from,
            page: d.meta.page.as_deref(),
            source: d.meta.source.as_deref(),
            author: d.meta.author.as_deref(),
            editor: d.meta.editor.as_deref(),
            dateline: d.meta.dateline.as_deref(),
            boilerplate: &d.meta.boilerplate,
            removed: d.removed,
            event: d.link.event.clone(),
            role: d.link.role.clone(),
            translation_of: d.link.translation_of.clone(),
            coverage: d.link.coverage,
        }
    }
}

impl<'a> DocJson<'a> {
    /// A document straight from the reader (`readout read`): no store, so no event yet.
    pub fn from_document(id: &'a str, file: &'a str, d: &'a Document, removed: usize) -> Self {
        DocJson {
            id,
            file,
            kind: d.kind,
            lang: d.lang,
            script: d.script,
            title: d.title.as_deref(),
            headlines: d.headlines.iter().map(|p| p.text.as_str()).collect(),
            body: d.body.iter().map(|p| p.text.as_str()).collect(),
            url: d.meta.url.as_deref(),
            published: d.meta.published.as_deref(),
            published_from: d.meta.published_from,
            page: d.meta.page.as_deref(),
            source: d.meta.source.as_deref(),
            author: d.meta.author.as_deref(),
            editor: d.meta.editor.as_deref(),
            dateline: d.meta.dateline.as_deref(),
            boilerplate: &d.meta.boilerplate,
            removed,
            event: None,
            role: None,
            translation_of: None,
            coverage: None,
        }
    }
}

/// One ingested path, as `files --json` lists it.
#[derive(Debug, Serialize)]
pub struct FileJson<'a> {
    pub path: &'a str,
    pub sha256: &'a str,
    pub size: u64,
    pub encoding: &'a str,
    pub format: Format,
    pub had_errors: bool,
    pub documents: usize,
    pub first_seen: &'a str,
    pub last_seen: &'a str,
}

impl<'a> FileJson<'a> {
    pub fn new(f: &'a FileRecord) -> Self {
        FileJson {
            path: &f.path,
            sha256: &f.sha256,
            size: f.size,
            encoding: &f.encoding,
            format: f.format,
            had_errors: f.had_errors,
            documents: f.documents,
            first_seen: &f.first_seen,
            last_seen: &f.last_seen,
        }
    }
}

/// A serde name of a unit variant, for tables (`zh`, `Hant`, `article`).
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "?".into(),
    }
}

/// The answer of `search --json`.
#[derive(Debug, Serialize)]
pub struct SearchJson<'a> {
    /// Matching documents, all of them (not only those shown).
    pub total: usize,
    pub hits: Vec<SearchHitJson<'a>>,
    /// Counts of all matching documents by `lang`, `script`, `kind` and `year`.
    pub facets: &'a readout_search::Facets,
}

/// One matching document.
#[derive(Debug, Serialize)]
pub struct SearchHitJson<'a> {
    pub doc: &'a str,
    pub event: Option<&'a str>,
    pub title: Option<&'a str>,
    pub score: f32,
    /// A passage of the body around the first match.
    pub snippet: &'a str,
    /// Character offset of the snippet in the body.
    pub snippet_start: usize,
    /// `[start, end)` in characters of the body (its paragraphs joined by "\n").
    pub highlights: &'a [[usize; 2]],
    pub lang: &'a str,
    pub script: &'a str,
    /// The event's kind, or `fragment`.
    pub kind: &'a str,
    /// The event's date where the report states a year, else the publication date.
    pub date: Option<&'a str>,
}

impl<'a> SearchJson<'a> {
    pub fn new(r: &'a readout_search::Results) -> Self {
        SearchJson {
            total: r.total,
            hits: r
                .hits
                .iter()
                .map(|h| SearchHitJson {
                    doc: &h.doc,
                    event: h.event.as_deref(),
                    title: h.title.as_deref(),
                    score: h.score,
                    snippet: &h.snippet,
                    snippet_start: h.snippet_start,
                    highlights: &h.highlights,
                    lang: &h.lang,
                    script: &h.script,
                    kind: &h.kind,
                    date: h.date.as_deref(),
                })
                .collect(),
            facets: &r.facets,
        }
    }
}

/// A date as the text states it: null where it does not.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DateJson {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// A relative date as written (`昨日`).
    pub relative: Option<String>,
    /// The date expression as written, when there is one.
    #[serde(default)]
    pub text: Option<String>,
}

/// A person named in a record, with the passage naming them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonJson {
    pub name: String,
    pub title: Option<String>,
    #[serde(default)]
    pub span: Option<serde_json::Value>,
}

/// A document a meeting reviewed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReviewedJson {
    pub title: String,
    #[serde(default)]
    pub span: Option<serde_json::Value>,
}

/// One event, as `events --json` lists it. Read from the collection stage's event
/// record (unknown fields ignored, so the stage may add more).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventJson {
    pub id: String,
    pub kind: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub date: DateJson,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub sender: Option<String>,
    #[serde(default)]
    pub attendees: Vec<PersonJson>,
    #[serde(default)]
    pub speakers: Vec<PersonJson>,
    #[serde(default)]
    pub reviewed: Vec<ReviewedJson>,
    #[serde(default)]
    pub mentioned_documents: Vec<String>,
    #[serde(default)]
    pub strategies: Vec<String>,
    #[serde(default)]
    pub directives: Vec<serde_json::Value>,
    #[serde(default)]
    pub formulations: Vec<String>,
    /// Document ids, the original first.
    #[serde(default)]
    pub versions: Vec<String>,
}

fn null_as_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

impl EventJson {
    /// The contract shape of a stored event record.
    pub fn from_record(e: &readout_store::EventRecord) -> anyhow::Result<EventJson> {
        serde_json::from_value(e.record.clone()).map_err(|err| {
            anyhow::anyhow!(
                "the stored record of event {} does not read ({err}); `readout derive` makes it again",
                e.id
            )
        })
    }
}
