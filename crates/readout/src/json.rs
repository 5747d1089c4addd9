//! The JSON shapes readout prints. These are the public contract (README.md, "JSON");
//! field names follow the seed annotations (`testdata/seeds/expected.json`).

use readout_store::{DocRecord, FileRecord};
use readout_text::{DocKind, Format, Lang, Script};
use serde::Serialize;

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
    pub published: Option<&'a str>,
    pub source: Option<&'a str>,
    pub author: Option<&'a str>,
    pub editor: Option<&'a str>,
    pub dateline: Option<&'a str>,
    pub boilerplate: &'a [String],
    /// Code points the cleaner removed within the document.
    pub removed: usize,
    /// Filled by later stages (events, linking, alignment); null until then.
    pub event: Option<String>,
    pub translation_of: Option<String>,
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
            published: d.meta.published.as_deref(),
            source: d.meta.source.as_deref(),
            author: d.meta.author.as_deref(),
            editor: d.meta.editor.as_deref(),
            dateline: d.meta.dateline.as_deref(),
            boilerplate: &d.meta.boilerplate,
            removed: d.removed,
            event: None,
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
