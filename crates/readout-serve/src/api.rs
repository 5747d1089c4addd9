//! The JSON API and the downloads. Every list answers `{"items", "total", "next"}`
//! (and `prev` where it pages back): a page of rows, the count of all, and the cursor of
//! the next page to pass back as `cursor`. A document's paragraphs, an event's aligned
//! pairs and its occurrences are paged too, so no answer grows with the archive.

use crate::error::{ApiFailure, Failure};
use crate::export::{self, CsvRow, EventExport, HitExport, MentionExport};
use crate::pages::timeline::{cursor, items, Filters};
use crate::params::Params;
use crate::records;
use crate::state::{AppState, SearchUnavailable};
use crate::view::code;
use axum::http::StatusCode;
use readout_search::{Query, Results, Sort};
use readout_store::{
    DocCursor, DocListQuery, DocSummary, FormulationCursor, MentionCursor, UNDATED,
};
use serde::Serialize;
use serde_json::{json, Value};

pub type ApiResult = Result<Value, ApiFailure>;

/// Most rows of one API page, and of one download.
pub const MAX_PAGE: usize = 500;
pub const MAX_EXPORT: usize = 1000;

/// A document as lists show it (the fields of `readout docs --json` but the text).
pub fn doc_json(d: &DocSummary) -> Value {
    json!({
        "id": d.id, "file": d.file, "kind": d.kind, "lang": d.lang, "script": d.script,
        "title": d.title, "url": d.url, "published": d.published,
        "published_from": d.published_from, "page": d.page, "source": d.source,
        "author": d.author, "editor": d.editor, "dateline": d.dateline, "removed": d.removed,
        "headlines": d.headlines, "paragraphs": d.paragraphs,
        "event": d.link.event, "role": d.link.role, "translation_of": d.link.translation_of,
        "coverage": d.link.coverage,
    })
}

pub fn healthz(state: &AppState) -> ApiResult {
    let status = state.with_store(|s| s.derived_status(readout_collection::DOC_STAGE_VERSION))?;
    let events = state.with_store(|s| s.count_event_page(&Default::default()))?;
    let index = state.search_index().is_ok();
    let damaged = if index {
        state.damaged_index_files()
    } else {
        Vec::new()
    };
    // A damaged index is not counted: tantivy may panic on what it reads.
    let indexed = if damaged.is_empty() {
        state.indexed_documents()
    } else {
        None
    };
    let mut problems = Vec::new();
    if !status.record_current() {
        problems.push(format!(
            "the record is behind: {} documents to stage, {} to link",
            status.unstaged, status.to_link
        ));
    }
    if !damaged.is_empty() {
        problems.push(format!(
            "search index files are damaged ({}); `readout repair` builds it anew",
            damaged.join(", ")
        ));
    }
    if !index {
        problems.push("no search index".to_string());
    } else if status.to_index > 0 {
        problems.push(format!(
            "the search index is behind by {} documents",
            status.to_index
        ));
    } else if damaged.is_empty() && indexed != Some(status.documents) {
        problems.push(format!(
            "the search index holds {} documents, the store {}",
            indexed.unwrap_or(0),
            status.documents
        ));
    }
    Ok(json!({
        "status": if problems.is_empty() { "ok" } else { "stale" },
        "problems": problems,
        "documents": status.documents,
        "events": events,
        "record_current": status.record_current(),
        "search_index": index,
        "indexed_documents": indexed,
        "to_index": status.to_index,
    }))
}

fn limit(p: &Params, default: usize, max: usize) -> Result<usize, Failure> {
    Ok(p.number("limit", default, 1, max)?)
}

pub fn docs(state: &AppState, p: &Params) -> ApiResult {
    let after = match p.get("cursor") {
        None => None,
        Some(c) => Some(
            DocCursor::decode(c)
                .ok_or_else(|| Failure::bad_request("`cursor` is not a cursor this server gave"))?,
        ),
    };
    let codes = |k: &str| -> Result<Option<String>, Failure> {
        match p.get(k) {
            Some(v) if v.len() <= 20 && v.bytes().all(|b| b.is_ascii_alphabetic()) => {
                Ok(Some(v.to_string()))
            }
            Some(v) => Err(Failure::bad_request(format!(
                "`{k}` must be a code like zh, not `{v}`"
            ))),
            None => Ok(None),
        }
    };
    let q = DocListQuery {
        lang: codes("lang")?,
        kind: codes("kind")?,
        after,
        backward: false,
        limit: limit(p, 100, MAX_PAGE)?,
    };
    let page = state.with_store(|s| s.doc_page(&q))?;
    Ok(json!({
        "items": page.items.iter().map(doc_json).collect::<Vec<_>>(),
        "total": page.total, "next": page.next,
    }))
}

pub fn doc(state: &AppState, id: &str, p: &Params) -> ApiResult {
    let offset = p.number("offset", 0, 0, 100_000_000)?;
    let limit = limit(p, 200, MAX_PAGE)?;
    let (d, heads, body) = state.with_store(|s| {
        let d = s.doc_summary(id)?;
        let heads = if d.is_some() {
            s.paragraphs(id, true, 0, 100)?
        } else {
            Vec::new()
        };
        let body = if d.is_some() {
            s.paragraphs(id, false, offset, limit)?
        } else {
            Vec::new()
        };
        Ok((d, heads, body))
    })?;
    let d = d.ok_or_else(|| Failure::not_found(format!("no document `{id}`")))?;
    let mut v = doc_json(&d);
    let next = (offset + body.len() < d.paragraphs).then_some(offset + body.len());
    v["headlines"] = json!(heads.iter().map(|p| &p.text).collect::<Vec<_>>());
    v["body"] = json!(body.iter().map(|p| &p.text).collect::<Vec<_>>());
    v["body_offset"] = json!(offset);
    v["body_total"] = json!(d.paragraphs);
    v["body_next"] = json!(next);
    Ok(v)
}

/// An event as lists show it.
#[derive(Debug, Serialize)]
struct EventSummary {
    id: String,
    kind: String,
    date: Option<readout_collection::events::EventDateOut>,
    date_shown: String,
    /// `event`, `published` or `stated`.
    date_from: &'static str,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    place: Option<String>,
    chair: Option<String>,
    sender: Option<String>,
    original: String,
    versions: Vec<Value>,
    strategies: Vec<String>,
    formulations: Vec<String>,
}

fn date_from(d: &crate::dates::Shown) -> &'static str {
    if d.published {
        "published"
    } else if d.iso.is_some() {
        "event"
    } else {
        "stated"
    }
}

fn version_json(d: &DocSummary) -> Value {
    json!({
        "doc": d.id, "role": d.link.role, "translation_of": d.link.translation_of,
        "coverage": d.link.coverage, "lang": d.lang, "script": d.script, "title": d.title,
        "published": d.published, "source": d.source, "url": d.url,
    })
}

fn summary(it: &crate::pages::timeline::Item) -> EventSummary {
    let e = &it.event;
    EventSummary {
        id: e.id.clone(),
        kind: code(&e.kind),
        date: e.date.clone(),
        date_shown: it.date.label.clone(),
        date_from: date_from(&it.date),
        title: e.title.clone(),
        outlet: it.row.source.clone(),
        url: it.row.url.clone(),
        place: e.place.clone(),
        chair: e.chair.clone(),
        sender: e.sender.clone(),
        original: e.original.clone(),
        versions: it.versions.iter().map(version_json).collect(),
        strategies: e.strategies.clone(),
        formulations: e.formulations.clone(),
    }
}

pub fn events(state: &AppState, p: &Params) -> ApiResult {
    let f = Filters::read(p)?;
    let q = f.query(cursor(p, "cursor")?, false, limit(p, 100, MAX_PAGE)?);
    let page = state.with_store(|s| s.event_page(&q))?;
    let list = state.with_store(|s| Ok(items(s, page.items.clone())))??;
    Ok(json!({
        "items": list.iter().map(summary).collect::<Vec<_>>(),
        "total": page.total, "next": page.next,
    }))
}

/// Most characters of one sentence in an answer.
const MAX_SENTENCE: usize = 5000;

pub fn event(state: &AppState, id: &str, p: &Params) -> ApiResult {
    let pairs_offset = p.number("pairs_offset", 0, 0, 100_000_000)?;
    let pairs_limit = p.number("pairs_limit", 100, 1, MAX_PAGE)?;
    let occ_offset = p.number("occurrences_offset", 0, 0, 100_000_000)?;
    let occ_limit = p.number("occurrences_limit", 100, 1, MAX_PAGE)?;
    let loaded = state.with_store(|s| {
        let Some(row) = s.event_list_row(id)? else {
            return Ok(None);
        };
        let aligned = s.alignments_for(id)?;
        let (hits, hits_total) = s.event_hits(id, occ_offset, occ_limit)?;
        Ok(Some((row, aligned, hits, hits_total)))
    })?;
    let (row, aligned, hits, hits_total) =
        loaded.ok_or_else(|| Failure::not_found(format!("no event `{id}`")))?;
    let mut e = crate::records::event(&row.event)?;
    let list = state.with_store(|s| Ok(items(s, vec![row])))??;
    let it = &list[0];
    // Lists of the record are bounded like every list.
    e.attendees.truncate(MAX_PAGE);
    e.speakers.truncate(MAX_PAGE);
    e.directives.truncate(MAX_PAGE);
    e.formulations.truncate(MAX_PAGE);
    let mut v = serde_json::to_value(&e).map_err(Failure::from)?;
    if let Value::Object(map) = &mut v {
        // The original's whole record is the event's own values with their spans;
        // `/api/docs/{id}` has the text.
        map.remove("record");
        map.insert("date_shown".into(), json!(it.date.label));
        map.insert("date_from".into(), json!(date_from(&it.date)));
        map.insert("outlet".into(), json!(it.row.source));
        map.insert("url".into(), json!(it.row.url));
        map.insert(
            "documents".into(),
            Value::Array(it.versions.iter().map(version_json).collect()),
        );
        let mut alignments = Vec::new();
        for a in &aligned {
            let pa = records::alignment(a)?;
            let cut = |s: &str| crate::view::cut(s, MAX_SENTENCE);
            let text = |sents: &[readout_collection::SentenceRef], ids: &[usize], sep: &str| {
                ids.iter()
                    .filter_map(|&i| sents.get(i).map(|s| cut(&s.text)))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let pairs: Vec<Value> = pa
                .beads
                .iter()
                .skip(pairs_offset)
                .take(pairs_limit)
                .map(|b| {
                    json!({
                        "zh": b.zh, "en": b.en, "evidence": b.evidence,
                        "zh_text": text(&pa.original_sentences, &b.zh, ""),
                        "en_text": text(&pa.translation_sentences, &b.en, " "),
                    })
                })
                .collect();
            let next =
                (pairs_offset + pairs.len() < pa.beads.len()).then_some(pairs_offset + pairs.len());
            alignments.push(json!({
                "original": pa.original, "translation": pa.translation, "coverage": a.coverage,
                "original_sentences": pa.original_sentences.len(),
                "translation_sentences": pa.translation_sentences.len(),
                "omitted_sentences": pa.omitted_sentences.iter().take(MAX_PAGE).collect::<Vec<_>>(),
                "omitted_phrases": pa.omitted_phrases.iter().take(MAX_PAGE).map(|ph| json!({"sentence": ph.sentence, "para": ph.para, "start": ph.start, "end": ph.end, "text": cut(&ph.text)})).collect::<Vec<_>>(),
                "pairs_total": pa.beads.len(), "pairs_offset": pairs_offset, "pairs_next": next,
                "pairs": pairs,
            }));
        }
        map.insert("alignments".into(), Value::Array(alignments));
        map.insert("occurrences".into(), json!({
            "total": hits_total, "offset": occ_offset,
            "next": (occ_offset + hits.len() < hits_total).then_some(occ_offset + hits.len()),
            "items": hits.iter().map(|h| json!({"text": h.text, "doc": h.doc_id, "headline": h.headline, "para": h.para, "start": h.start, "end": h.end, "spelling": h.spelling})).collect::<Vec<_>>(),
        }));
    }
    Ok(v)
}

pub fn formulations(state: &AppState, p: &Params) -> ApiResult {
    match p.get("discover") {
        None | Some("false") => {}
        Some("true") => return discovered(state, p),
        Some(_) => return Err(Failure::bad_request("`discover` is `true` or `false`").into()),
    }
    let min = p.number("min_events", 0, 0, 1_000_000)?;
    let after = match p.get("cursor") {
        None => None,
        Some(c) => Some(
            FormulationCursor::decode(c)
                .ok_or_else(|| Failure::bad_request("`cursor` is not a cursor this server gave"))?,
        ),
    };
    let lim = limit(p, 100, MAX_PAGE)?;
    let page = state.with_store(|s| s.formulation_page(min, after.as_ref(), lim))?;
    let items: Vec<Value> = page.items.iter().map(|f| json!({
        "text": f.text, "source": records::source_name(&f.source), "events": f.events,
        "count": f.count,
        "first_date": f.first_day.map(crate::dates::iso), "last_date": f.last_day.map(crate::dates::iso),
    })).collect();
    Ok(json!({"items": items, "total": page.total, "next": page.next}))
}

/// `discover=true`: phrases the collection repeats across events, ranked by how
/// phrase-like they are (`readout formulations --discover`), `top` of them (default 50).
fn discovered(state: &AppState, p: &Params) -> ApiResult {
    let top = p.number("top", 50, 1, 1000)?;
    let found = state.discovered_formulations()?;
    let texts: Vec<&str> = found.iter().take(top).map(|f| f.text.as_str()).collect();
    let stable = readout_collection::formulations::stable_forms(&texts);
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    let items: Vec<Value> = found
        .iter()
        .take(top)
        .enumerate()
        .map(|(i, f)| {
            json!({
                "text": f.text, "source": "discovered", "score": round(f.score),
                "left_entropy": round(f.left_entropy), "right_entropy": round(f.right_entropy),
                "events": f.sources, "docs": f.docs.len(), "count": f.count,
                "first_date": f.first_date.map(|d| d.to_string()),
                "last_date": f.last_date.map(|d| d.to_string()),
                "variant_of": stable[i].map(|s| texts[s]),
            })
        })
        .collect();
    Ok(json!({"items": items, "total": found.len(), "next": null}))
}

fn mention_cursor(p: &Params) -> Result<Option<MentionCursor>, Failure> {
    match p.get("cursor") {
        None => Ok(None),
        Some(c) => MentionCursor::decode(c)
            .map(Some)
            .ok_or_else(|| Failure::bad_request("`cursor` is not a cursor this server gave")),
    }
}

fn mention_rows(
    state: &AppState,
    text: &str,
    p: &Params,
    max: usize,
) -> Result<(Vec<MentionExport>, usize, Option<String>), Failure> {
    let after = mention_cursor(p)?;
    let lim = limit(p, 100, max)?;
    let (ms, total, next) =
        state.with_store(|s| crate::pages::formulation::mentions(s, text, after.as_ref(), lim))?;
    let rows = ms
        .into_iter()
        .map(|m| MentionExport {
            formulation: text.to_string(),
            date: m.date.clone(),
            date_from: (m.row.key < UNDATED).then(|| {
                if m.row.hit.event_id.is_some() {
                    "event".to_string()
                } else {
                    "published".to_string()
                }
            }),
            first: m.first,
            doc: m.row.hit.doc_id.clone(),
            event: m.row.hit.event_id.clone(),
            title: m.row.title.clone(),
            outlet: m.row.source.clone(),
            spelling: m.row.hit.spelling.clone(),
            headline: m.row.hit.headline,
            para: m.row.hit.para,
            start: m.row.hit.start,
            end: m.row.hit.end,
            context: format!("{}{}{}", m.left, m.mid, m.right),
        })
        .collect();
    Ok((rows, total, next))
}

pub fn formulation(state: &AppState, asked: &str, p: &Params) -> ApiResult {
    let text = crate::pages::formulation::resolve(asked);
    let loaded = state.with_store(|s| {
        let Some(row) = s.formulation_row(&text)? else {
            return Ok(None);
        };
        Ok(Some((
            row,
            s.rendering_counts(&text, 50)?,
            s.formulation_spellings(&text)?,
            s.formulation_mention_keys(&text)?,
        )))
    })?;
    let (row, renderings, spellings, keys) =
        loaded.ok_or_else(|| Failure::not_found(format!("no formulation `{text}`")))?;
    let (mentions, total, next) = mention_rows(state, &text, p, MAX_PAGE)?;
    let mut years: std::collections::BTreeMap<i32, usize> = Default::default();
    let mut undated = 0;
    for k in keys {
        if k < UNDATED {
            *years
                .entry(readout_record::CivilDate::from_days(k).year)
                .or_default() += 1
        } else {
            undated += 1
        }
    }
    Ok(json!({
        "text": text, "query": asked, "source": records::source_name(&row.source),
        "spellings": spellings, "count": row.count, "events": row.events,
        "first_date": row.first_day.map(crate::dates::iso), "last_date": row.last_day.map(crate::dates::iso),
        "renderings": renderings.iter().map(|(t, n)| json!({"text": t, "count": n})).collect::<Vec<_>>(),
        "by_year": years.iter().map(|(y, n)| json!({"year": y, "count": n})).collect::<Vec<_>>(),
        "undated": undated,
        "mentions": {"items": mentions, "total": total, "next": next},
    }))
}

/// A comma-separated list of codes (`zh,en`, `Hans`, `politburo_meeting`).
fn codes(p: &Params, key: &str) -> Result<Option<String>, Failure> {
    match p.get(key) {
        None => Ok(None),
        Some(v)
            if v.len() <= 200
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ',') =>
        {
            Ok(Some(v.to_string()))
        }
        Some(v) => Err(Failure::bad_request(format!(
            "parameter `{key}` must be codes separated by commas (like zh,en), not `{v}`"
        ))),
    }
}

/// The search request a query string asks for (`cursor` is an offset this server gave).
pub fn search_query(p: &Params, default_limit: usize) -> Result<Query, Failure> {
    let sort = match p.choice("sort", &["relevance", "newest", "oldest"])? {
        Some("newest") => Sort::Newest,
        Some("oldest") => Sort::Oldest,
        _ => Sort::Relevance,
    };
    let offset = match p.get("cursor") {
        Some(c) => c
            .parse::<usize>()
            .ok()
            .filter(|n| *n <= 100_000)
            .ok_or_else(|| Failure::bad_request("`cursor` is not a cursor this server gave"))?,
        None => p.number("offset", 0, 0, 100_000)?,
    };
    Ok(Query {
        text: p.get("q").unwrap_or("").to_string(),
        lang: codes(p, "lang")?,
        script: codes(p, "script")?,
        kind: codes(p, "kind")?,
        from: p.date("from")?,
        to: p.date("to")?,
        limit: p.number("limit", default_limit, 1, 100)?,
        offset,
        sort,
        ..Query::default()
    })
}

/// Runs a search on the index, naming the event of every hit.
pub fn run_search(state: &AppState, query: &Query) -> Result<Results, Failure> {
    let index = state.search_index().map_err(|e| match e {
        SearchUnavailable::Missing => Failure::unavailable(
            "the store has no search index yet (DATA/index); ingesting builds it",
        ),
        SearchUnavailable::Broken(m) => Failure::unavailable(format!("search index: {m}")),
    })?;
    let mut results = index.search(query).map_err(|e| {
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("search failed: {e}"),
        )
    })?;
    let ids: Vec<String> = results.hits.iter().map(|h| h.doc.clone()).collect();
    let links = state.with_store(|s| s.links_of(&ids))?;
    for h in &mut results.hits {
        h.event = links
            .iter()
            .find(|(d, _)| *d == h.doc)
            .and_then(|(_, l)| l.event.clone());
    }
    Ok(results)
}

pub fn search(state: &AppState, p: &Params) -> ApiResult {
    let query = search_query(p, 10)?;
    let results = run_search(state, &query)?;
    let next = (query.offset + results.hits.len() < results.total)
        .then(|| (query.offset + results.hits.len()).to_string());
    let hits: Vec<Value> = results.hits.iter().map(|h| json!({
        "doc": h.doc, "event": h.event, "title": h.title, "score": h.score, "snippet": h.snippet,
        "snippet_start": h.snippet_start, "highlights": h.highlights, "lang": h.lang,
        "script": h.script, "kind": h.kind, "date": h.date,
    })).collect();
    Ok(json!({"total": results.total, "hits": hits, "facets": results.facets, "next": next}))
}

pub fn compare(state: &AppState, p: &Params) -> ApiResult {
    let (Some(a), Some(b)) = (p.get("a"), p.get("b")) else {
        return Err(Failure::bad_request("give two events as `a` and `b`").into());
    };
    let c = state.with_store(|s| crate::compare::compare(s, a, b))?;
    let c = c.ok_or_else(|| Failure::not_found("no such event"))?;
    Ok(serde_json::to_value(&c).map_err(Failure::from)?)
}

/// Rewrites every number that is exactly an `f32` to the shortest decimal that reads
/// back as that `f32` (0.647, not 0.6470000147819519).
pub fn tidy_floats(v: &mut Value) {
    match v {
        Value::Number(n) if !n.is_i64() && !n.is_u64() => {
            if let Some(x) = n.as_f64() {
                let narrow = x as f32;
                if f64::from(narrow) == x && narrow.is_finite() {
                    if let Ok(short) = narrow.to_string().parse::<f64>() {
                        if let Some(num) = serde_json::Number::from_f64(short) {
                            *n = num;
                        }
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy_floats),
        Value::Object(map) => map.values_mut().for_each(tidy_floats),
        _ => {}
    }
}

// ---- downloads ------------------------------------------------------------------------

/// A download: content type, file name, body.
pub struct Download {
    pub content_type: &'static str,
    pub filename: String,
    pub body: String,
}

fn rows_as<T: CsvRow + Serialize>(
    rows: &[T],
    format: &str,
    name: &str,
) -> Result<Download, Failure> {
    Ok(match format {
        "csv" => Download {
            content_type: "text/csv; charset=utf-8",
            filename: format!("{name}.csv"),
            body: export::csv(rows),
        },
        _ => Download {
            content_type: "application/json",
            filename: format!("{name}.json"),
            body: export::json(rows)?,
        },
    })
}

pub fn events_download(state: &AppState, p: &Params, format: &str) -> Result<Download, Failure> {
    let list = if let Some(id) = p.get("id") {
        let row = state
            .with_store(|s| s.event_list_row(id))?
            .ok_or_else(|| Failure::not_found(format!("no event `{id}`")))?;
        state.with_store(|s| Ok(items(s, vec![row])))??
    } else {
        let f = Filters::read(p)?;
        let q = f.query(
            cursor(p, "after")?,
            false,
            limit(p, MAX_EXPORT, MAX_EXPORT)?,
        );
        let page = state.with_store(|s| s.event_page(&q))?;
        state.with_store(|s| Ok(items(s, page.items)))??
    };
    let rows: Vec<EventExport> = list
        .iter()
        .map(|it| EventExport {
            id: it.event.id.clone(),
            kind: code(&it.event.kind),
            date: it.date.label.clone(),
            date_from: date_from(&it.date).to_string(),
            title: it.event.title.clone(),
            outlet: it.row.source.clone(),
            url: it.row.url.clone(),
            place: it.event.place.clone(),
            chair: it.event.chair.clone(),
            original: it.event.original.clone(),
            versions: it.event.versions.len(),
            formulations: it.event.formulations.clone(),
        })
        .collect();
    rows_as(&rows, format, "events")
}

pub fn search_download(state: &AppState, p: &Params, format: &str) -> Result<Download, Failure> {
    let mut query = search_query(p, 100)?;
    query.limit = p.number("limit", 100, 1, MAX_EXPORT)?;
    let results = run_search(state, &query)?;
    let ids: Vec<String> = results.hits.iter().map(|h| h.doc.clone()).collect();
    let docs = state.with_store(|s| s.doc_summaries(&ids))?;
    let rows: Vec<HitExport> = results
        .hits
        .iter()
        .enumerate()
        .map(|(k, h)| {
            let d = docs.iter().find(|d| d.id == h.doc);
            HitExport {
                rank: query.offset + k + 1,
                doc: h.doc.clone(),
                event: h.event.clone(),
                title: h.title.clone(),
                date: d
                    .and_then(|d| crate::dates::published(d.published.as_deref()))
                    .or_else(|| h.date.clone()),
                outlet: d.and_then(|d| d.source.clone()),
                url: d.and_then(|d| d.url.clone()),
                lang: h.lang.clone(),
                script: h.script.clone(),
                kind: h.kind.clone(),
                score: h.score,
                snippet: h.snippet.clone(),
            }
        })
        .collect();
    rows_as(&rows, format, "search")
}

pub fn formulation_download(
    state: &AppState,
    asked: &str,
    p: &Params,
    format: &str,
) -> Result<Download, Failure> {
    let text = crate::pages::formulation::resolve(asked);
    if state.with_store(|s| s.formulation_row(&text))?.is_none() {
        return Err(Failure::not_found(format!("no formulation `{text}`")));
    }
    let mut q = p.clone();
    if q.get("limit").is_none() {
        q = Params::parse(Some(&format!(
            "limit={MAX_EXPORT}{}",
            p.get("cursor")
                .map(|c| format!("&cursor={}", crate::view::url(c)))
                .unwrap_or_default()
        )))?;
    }
    let (rows, _, _) = mention_rows(state, &text, &q, MAX_EXPORT)?;
    rows_as(&rows, format, "formulation")
}

pub fn pairs_download(state: &AppState, id: &str, format: &str) -> Result<Download, Failure> {
    let rows = state.with_store(|s| {
        if s.get_event(id)?.is_none() {
            return Ok(None);
        }
        let aligned = s.alignments_for(id)?;
        Ok(Some(export::pairs(s, &aligned)?))
    })?;
    let rows = rows.ok_or_else(|| Failure::not_found(format!("no event `{id}`")))?;
    Ok(match format {
        "tmx" => Download {
            content_type: "application/x-tmx+xml; charset=utf-8",
            filename: "pairs.tmx".into(),
            body: export::tmx(&rows),
        },
        "csv" => Download {
            content_type: "text/csv; charset=utf-8",
            filename: "pairs.csv".into(),
            body: export::csv(&rows),
        },
        _ => Download {
            content_type: "application/x-ndjson",
            filename: "pairs.jsonl".into(),
            body: export::jsonl(&rows)?,
        },
    })
}

/// CSL-JSON of an event (its original) or a document.
pub fn cite_download(
    state: &AppState,
    host: &str,
    what: &str,
    id: &str,
) -> Result<Download, Failure> {
    let cite = state.with_store(|s| {
        let (doc, rec_id, path) = if what == "event" {
            let Some(e) = s.get_event(id)? else {
                return Ok(None);
            };
            (
                e.original,
                id.to_string(),
                format!("/events/{}", crate::view::url(id)),
            )
        } else {
            (
                id.to_string(),
                id.to_string(),
                format!("/docs/{}", crate::view::url(id)),
            )
        };
        let Some(d) = s.doc_summary(&doc)? else {
            return Ok(None);
        };
        Ok(Some(crate::cite::Cite {
            id: rec_id,
            title: d.title.clone(),
            outlet: d.source.clone(),
            date: crate::dates::published(d.published.as_deref()),
            url: d.url.clone().filter(|u| crate::view::safe_url(u).is_some()),
            permalink: format!("http://{host}{path}"),
            lang: crate::view::lang_tag(d.lang, d.script).to_string(),
            page: d.page.clone(),
        }))
    })?;
    let cite = cite.ok_or_else(|| Failure::not_found(format!("no {what} `{id}`")))?;
    Ok(Download {
        content_type: "application/vnd.citationstyles.csl+json",
        filename: "cite.json".into(),
        body: cite.csl_json(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f32_values_print_short() {
        let mut v = json!({"a": [0.647f32], "b": 0.1f64, "c": 3});
        tidy_floats(&mut v);
        assert_eq!(v.to_string(), r#"{"a":[0.647],"b":0.1,"c":3}"#);
    }

    #[test]
    fn search_parameters_are_checked() {
        let p = Params::parse(Some("q=%E4%BC%9A&lang=zh,en&limit=5&sort=newest")).unwrap();
        let q = search_query(&p, 10).unwrap();
        assert_eq!(
            (q.text.as_str(), q.lang.as_deref(), q.limit, q.sort),
            ("会", Some("zh,en"), 5, Sort::Newest)
        );
        for bad in [
            "limit=0",
            "limit=101",
            "from=yesterday",
            "lang=%3Cscript%3E",
            "offset=-3",
            "sort=random",
            "cursor=x",
        ] {
            let p = Params::parse(Some(bad)).unwrap();
            let err = search_query(&p, 10).unwrap_err();
            assert_eq!(err.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }
}
