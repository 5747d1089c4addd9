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
            event: d.link.event.clone(),
            role: d.link.role.clone(),
            translation_of: d.link.translation_of.clone(),
            coverage: d.link.coverage,
            ..DocJson::unlinked(
                (&d.id, &d.file),
                (d.kind, d.lang, d.script),
                d.title.as_deref(),
                (
                    d.headlines.iter().map(|p| p.text.as_str()).collect(),
                    d.body.iter().map(|p| p.text.as_str()).collect(),
                ),
                &d.meta,
                d.removed,
            )
        }
    }

    /// A document straight from the reader (`readout read`): no store, so no event yet.
    pub fn from_document(id: &'a str, file: &'a str, d: &'a Document, removed: usize) -> Self {
        DocJson::unlinked(
            (id, file),
            (d.kind, d.lang, d.script),
            d.title.as_deref(),
            (
                d.headlines.iter().map(|p| p.text.as_str()).collect(),
                d.body.iter().map(|p| p.text.as_str()).collect(),
            ),
            &d.meta,
            removed,
        )
    }

    /// The fields a stored document and a document of the reader share; no event.
    fn unlinked(
        (id, file): (&'a str, &'a str),
        (kind, lang, script): (DocKind, Lang, Script),
        title: Option<&'a str>,
        (headlines, body): (Vec<&'a str>, Vec<&'a str>),
        meta: &'a readout_text::Meta,
        removed: usize,
    ) -> Self {
        DocJson {
            id,
            file,
            kind,
            lang,
            script,
            title,
            headlines,
            body,
            url: meta.url.as_deref(),
            published: meta.published.as_deref(),
            published_from: meta.published_from,
            page: meta.page.as_deref(),
            source: meta.source.as_deref(),
            author: meta.author.as_deref(),
            editor: meta.editor.as_deref(),
            dateline: meta.dateline.as_deref(),
            boilerplate: &meta.boilerplate,
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
    /// The year, month and day, as the three fields `year`, `month`, `day`.
    #[serde(flatten)]
    pub parts: readout_lang::PartialDate,
    /// A relative date as written (`昨日`).
    pub relative: Option<String>,
    /// The date expression as written, when there is one.
    #[serde(default)]
    pub text: Option<String>,
    /// The last day of a range (12月25日至26日).
    #[serde(default)]
    pub end: Option<readout_record::CivilDate>,
    /// Where the parts the text does not state came from: `text`, `published`,
    /// `dateline_and_published`, `relative`, or the id of the version that completed it.
    #[serde(default)]
    pub from: Option<String>,
}

impl DateJson {
    pub fn of(d: Option<&readout_collection::events::EventDateOut>) -> DateJson {
        match d {
            None => DateJson::default(),
            Some(d) => DateJson {
                parts: d.parts,
                relative: d.relative.clone(),
                text: Some(d.text.clone()),
                end: d.end,
                from: d.resolved_by.clone(),
            },
        }
    }
}

/// One event, as `events --json` lists it: the collection stage's event without the
/// whole record behind it.
#[derive(Debug, Clone, Serialize)]
pub struct EventJson<'a> {
    pub id: &'a str,
    pub kind: readout_record::EventKind,
    pub date: DateJson,
    pub title: Option<&'a str>,
    pub place: Option<&'a str>,
    pub chair: Option<&'a str>,
    pub sender: Option<&'a str>,
    pub attendees: &'a [readout_collection::events::PersonOut],
    pub speakers: &'a [readout_collection::events::PersonOut],
    pub speeches: &'a [readout_collection::events::PersonOut],
    pub lecturer: Option<&'a readout_collection::events::PersonOut>,
    pub principal: Option<&'a readout_collection::events::PersonOut>,
    pub reviewed: &'a [readout_collection::events::TitleOut],
    pub mentioned_documents: &'a [String],
    pub strategies: &'a [String],
    pub directives: &'a [readout_collection::events::DirectiveOut],
    pub formulations: &'a [String],
    /// Document ids, the original first.
    pub versions: &'a [String],
}

impl<'a> EventJson<'a> {
    pub fn new(e: &'a readout_collection::Event) -> EventJson<'a> {
        EventJson {
            id: &e.id,
            kind: e.kind,
            date: DateJson::of(e.date.as_ref()),
            title: e.title.as_deref(),
            place: e.place.as_deref(),
            chair: e.chair.as_deref(),
            sender: e.sender.as_deref(),
            attendees: &e.attendees,
            speakers: &e.speakers,
            speeches: &e.speeches,
            lecturer: e.lecturer.as_ref(),
            principal: e.principal.as_ref(),
            reviewed: &e.reviewed,
            mentioned_documents: &e.mentioned_documents,
            strategies: &e.strategies,
            directives: &e.directives,
            formulations: &e.formulations,
            versions: &e.versions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bench scripts and the web read `date.year`, `date.month`, `date.day`.
    #[test]
    fn date_json_keeps_year_month_day_as_fields() {
        let d = DateJson {
            parts: readout_lang::PartialDate {
                year: None,
                month: Some(11),
                day: Some(27),
            },
            relative: None,
            text: Some("11月27日".into()),
            end: None,
            from: Some("dateline_and_published".into()),
        };
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            r#"{"year":null,"month":11,"day":27,"relative":null,"text":"11月27日","end":null,"from":"dateline_and_published"}"#
        );
        let back: DateJson = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(back.parts, d.parts);
    }
}
