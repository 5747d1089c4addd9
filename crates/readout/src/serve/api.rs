//! The JSON API: documents (the same objects as `readout docs --json`), events with
//! their versions and alignments, formulations, and search (the same object as
//! `readout search --json`). The routes and shapes are described in `openapi.json`.

use super::catalog::Catalog;
use super::dates::event_when;
use super::error::ApiError;
use super::params::Params;
use super::state::{AppState, SearchUnavailable};
use crate::json::{name, DocJson};
use crate::serve::shapes::EventView as Event;
use crate::serve::shapes::FormulationView as FormulationHistory;
use axum::http::StatusCode;
use readout_search::{Query, Results};
use readout_store::DocRecord;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub type ApiResult = Result<Value, ApiError>;

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value, ApiError> {
    serde_json::to_value(v).map_err(|e| ApiError::from(anyhow::Error::from(e)))
}

/// A document as `docs --json` shows it, with its place in its event.
pub fn doc_json(d: &DocRecord, catalog: &Catalog) -> Result<Value, ApiError> {
    let _ = catalog;
    to_value(&DocJson::new(d))
}

pub fn healthz(state: &AppState) -> ApiResult {
    let catalog = state.catalog()?;
    Ok(json!({
        "status": "ok",
        "documents": catalog.docs.len(),
        "events": catalog.events.len(),
        "record_current": catalog.current,
        "search_index": state.search_index().is_ok(),
    }))
}

/// The `offset` and `limit` of a list (every item by default).
fn window(p: &Params) -> Result<(usize, usize), ApiError> {
    let bad = |e: super::params::ParamError| ApiError::bad_request(e.0);
    Ok((
        p.number("offset", 0, 0, usize::MAX >> 1).map_err(bad)?,
        p.number("limit", usize::MAX >> 1, 1, usize::MAX >> 1)
            .map_err(bad)?,
    ))
}

pub fn docs(state: &AppState, p: &Params) -> ApiResult {
    let catalog = state.catalog()?;
    let (offset, limit) = window(p)?;
    let docs: Result<Vec<Value>, ApiError> = catalog
        .docs
        .iter()
        .skip(offset)
        .take(limit)
        .map(|d| doc_json(d, &catalog))
        .collect();
    Ok(Value::Array(docs?))
}

pub fn doc(state: &AppState, id: &str) -> ApiResult {
    let catalog = state.catalog()?;
    let d = catalog
        .doc(id)
        .ok_or_else(|| ApiError::not_found(format!("no document `{id}`")))?;
    doc_json(d, &catalog)
}

/// The versions of an event: each document with its role, language and coverage.
fn versions(e: &Event, catalog: &Catalog) -> Vec<Value> {
    e.versions
        .iter()
        .map(|id| {
            let d = catalog.doc(id);
            let link = catalog.link(id);
            json!({
                "doc": id,
                "role": link.and_then(|l| l.role.clone()),
                "translation_of": link.and_then(|l| l.translation_of.clone()),
                "coverage": link.and_then(|l| l.coverage),
                "lang": d.map(|d| name(&d.lang)),
                "script": d.map(|d| name(&d.script)),
                "title": d.and_then(|d| d.title.clone()),
            })
        })
        .collect()
}

fn event_summary(e: &Event, catalog: &Catalog) -> Value {
    let when = event_when(e, catalog);
    json!({
        "id": e.id,
        "kind": name(&e.kind),
        "date": e.date,
        "date_shown": when.label,
        "place": e.place,
        "chair": e.chair,
        "sender": e.sender,
        "original": e.original,
        "versions": versions(e, catalog),
        "strategies": e.strategies,
        "formulations": e.formulations,
    })
}

pub fn events(state: &AppState, p: &Params) -> ApiResult {
    let catalog = state.catalog()?;
    let kind = p.get("kind");
    let list: Vec<Value> = catalog
        .events
        .iter()
        .filter(|e| kind.is_none_or(|k| name(&e.kind) == k))
        .map(|e| event_summary(e, &catalog))
        .collect();
    Ok(Value::Array(list))
}

pub fn event(state: &AppState, id: &str) -> ApiResult {
    let catalog = state.catalog()?;
    let e = catalog
        .event(id)
        .ok_or_else(|| ApiError::not_found(format!("no event `{id}`")))?;
    // The event as the collection stage stored it, with its versions' roles and its
    // alignments beside.
    let mut v = catalog.event_json(id).cloned().unwrap_or(Value::Null);
    if let Value::Object(map) = &mut v {
        map.insert("documents".into(), Value::Array(versions(e, &catalog)));
        let alignments: Vec<Value> = catalog
            .alignments_for(e)
            .into_iter()
            .map(|(_, json)| json.clone())
            .collect();
        map.insert("alignments".into(), Value::Array(alignments));
    }
    Ok(v)
}

fn formulation_summary(f: &FormulationHistory) -> Value {
    json!({
        "text": f.text,
        "source": f.source,
        "spellings": f.spellings,
        "events": f.events,
        "docs": f.docs,
        "count": f.count,
        "first_date": f.first_date,
        "last_date": f.last_date,
        "renderings": f.renderings,
    })
}

pub fn formulations(state: &AppState, p: &Params) -> ApiResult {
    let catalog = state.catalog()?;
    let min_events = p
        .number("min_events", 0, 0, 1_000_000)
        .map_err(|e| ApiError::bad_request(e.0))?;
    let (offset, limit) = window(p)?;
    let list: Vec<Value> = catalog
        .formulations
        .iter()
        .filter(|f| f.events.len() >= min_events)
        .skip(offset)
        .take(limit)
        .map(formulation_summary)
        .collect();
    Ok(Value::Array(list))
}

/// Mentions of `f` by month of their event's date (or their document's publication
/// date when the event's is partial), and how many could not be placed.
pub fn mentions_by_month(
    f: &FormulationHistory,
    catalog: &Catalog,
) -> (BTreeMap<(i32, u32), usize>, usize) {
    let mut months = BTreeMap::new();
    let mut undated = 0;
    for o in &f.occurrences {
        let from_event = catalog.event_of(&o.doc).and_then(|e| {
            let d = e.date.as_ref()?;
            Some((d.year?, d.month?))
        });
        let from_published = || {
            let p = catalog.published(&o.doc)?;
            Some((p.get(..4)?.parse().ok()?, p.get(5..7)?.parse().ok()?))
        };
        match from_event.or_else(from_published) {
            Some(m) => *months.entry(m).or_insert(0) += 1,
            None => undated += 1,
        }
    }
    (months, undated)
}

pub fn formulation(state: &AppState, text: &str) -> ApiResult {
    let catalog = state.catalog()?;
    let f = catalog
        .formulation(text)
        .ok_or_else(|| ApiError::not_found(format!("no formulation `{text}`")))?;
    let mut v = formulation_summary(f);
    let (months, undated) = mentions_by_month(f, &catalog);
    if let Value::Object(map) = &mut v {
        map.insert("occurrences".into(), to_value(&f.occurrences)?);
        map.insert(
            "by_month".into(),
            Value::Array(
                months
                    .iter()
                    .map(|((y, m), c)| json!({"month": format!("{y:04}-{m:02}"), "count": c}))
                    .collect(),
            ),
        );
        map.insert("undated".into(), json!(undated));
    }
    Ok(v)
}

/// A comma-separated list of codes (`zh,en`, `Hans`, `politburo_meeting`).
fn codes(p: &Params, key: &str) -> Result<Option<String>, ApiError> {
    match p.get(key) {
        None => Ok(None),
        Some(v)
            if v.len() <= 200
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ',') =>
        {
            Ok(Some(v.to_string()))
        }
        Some(v) => Err(ApiError::bad_request(format!(
            "parameter `{key}` must be codes separated by commas (like zh,en), not `{v}`"
        ))),
    }
}

/// The search request a query string asks for.
pub fn search_query(p: &Params, default_limit: usize) -> Result<Query, ApiError> {
    let bad = |e: super::params::ParamError| ApiError::bad_request(e.0);
    Ok(Query {
        text: p.get("q").unwrap_or("").to_string(),
        lang: codes(p, "lang")?,
        script: codes(p, "script")?,
        kind: codes(p, "kind")?,
        from: p.date("from").map_err(bad)?,
        to: p.date("to").map_err(bad)?,
        limit: p.number("limit", default_limit, 1, 100).map_err(bad)?,
        offset: p.number("offset", 0, 0, 100_000).map_err(bad)?,
        ..Query::default()
    })
}

/// Runs a search on the index, or says why there is none.
pub fn run_search(state: &AppState, query: &Query) -> Result<Results, ApiError> {
    let index = state.search_index().map_err(|e| match e {
        SearchUnavailable::Missing => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the store has no search index yet (DATA/index); ingesting builds it",
        ),
        SearchUnavailable::Broken(m) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("search index: {m}"),
        ),
    })?;
    let mut results = index
        .search(query)
        .map_err(|e| ApiError::from(anyhow::anyhow!("search failed: {e}")))?;
    // The index holds documents; the events they report are the store's.
    if let Ok(catalog) = state.catalog() {
        for h in &mut results.hits {
            h.event = catalog.link(&h.doc).and_then(|l| l.event.clone());
        }
    }
    Ok(results)
}

pub fn search(state: &AppState, p: &Params) -> ApiResult {
    let query = search_query(p, 10)?;
    let results = run_search(state, &query)?;
    to_value(&crate::json::SearchJson::new(&results))
}

/// Rewrites every number that is exactly an `f32` to the shortest decimal that
/// reads back as that `f32`: the record's shares and scores are `f32`, and widening
/// them to JSON's `f64` would print 0.6470000147819519 for 0.647.
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
        let p = Params::parse(Some("q=%E4%BC%9A&lang=zh,en&limit=5")).unwrap();
        let q = search_query(&p, 10).unwrap();
        assert_eq!(
            (q.text.as_str(), q.lang.as_deref(), q.limit),
            ("会", Some("zh,en"), 5)
        );
        for bad in [
            "limit=0",
            "limit=101",
            "from=yesterday",
            "lang=%3Cscript%3E",
            "offset=-3",
        ] {
            let p = Params::parse(Some(bad)).unwrap();
            let err = search_query(&p, 10).unwrap_err();
            assert_eq!(err.status, StatusCode::BAD_REQUEST, "{bad}");
        }
    }
}
