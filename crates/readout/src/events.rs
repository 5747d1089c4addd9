//! `readout events` and `readout event`: the events the documents report.

use crate::cli::{EventArgs, EventsArgs};
use crate::docs::open;
use crate::json::{DateJson, EventJson};
use crate::output::{cell, Out};
use anyhow::{bail, Context, Result};
use readout_store::{DocRecord, EventRecord, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

pub fn list(data: &Path, args: &EventsArgs) -> Result<()> {
    let store = open(data)?;
    let events = store.list_events().context("cannot list the events")?;
    if let Some(kind) = &args.kind {
        let known = serde_json::from_value::<readout_record::EventKind>(kind.as_str().into());
        if known.is_err() {
            let kinds = store.event_kinds()?;
            bail!(
                "`{kind}` is not an event kind (politburo_meeting, politburo_study_session, \
                 standing_committee_meeting, symposium, conference, inspection_tour, message, \
                 speech, other); this store has: {}",
                if kinds.is_empty() {
                    "no events yet".to_string()
                } else {
                    kinds.join(", ")
                }
            );
        }
    }
    let published = published_dates(&store)?;
    let lower = args.from.as_deref().and_then(|d| bound(d, 0));
    let upper = args.to.as_deref().and_then(|d| bound(d, 99));
    // A timeline: by date (the stated one, else the original's publication date),
    // events that cannot be placed last.
    let mut events = events;
    events.sort_by_key(|e| (date_key(e, &published).unwrap_or(i64::MAX), e.id.clone()));
    let mut shown = Vec::new();
    for e in &events {
        if args.kind.as_deref().is_some_and(|k| k != e.kind) {
            continue;
        }
        if lower.is_some() || upper.is_some() {
            let Some(key) = date_key(e, &published) else {
                continue;
            };
            if lower.is_some_and(|l| key < l) || upper.is_some_and(|u| key > u) {
                continue;
            }
        }
        shown.push(EventJson::from_record(e)?);
    }
    let out = Out::stdout();
    if args.json {
        return out.json(&shown);
    }
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|e| {
            vec![
                e.id.clone(),
                e.kind.clone(),
                date_text(&e.date),
                e.versions.len().to_string(),
                cell(e.chair.as_deref().or(e.sender.as_deref()).unwrap_or("-")),
                cell(e.place.as_deref().unwrap_or("-")),
            ]
        })
        .collect();
    out.table(
        &["ID", "KIND", "DATE", "VERSIONS", "CHAIR/SENDER", "PLACE"],
        &rows,
    )?;
    if events.is_empty() {
        eprintln!("No events yet: `readout ingest PATH` reads reports, `readout derive` derives the record.");
    }
    Ok(())
}

/// One event with its versions and its full record, as `event --json` prints it.
#[derive(Debug, Serialize)]
struct EventDetailJson<'a> {
    #[serde(flatten)]
    event: &'a EventJson,
    /// The document the record was taken from.
    original: &'a str,
    /// Every version, the original first, with its role.
    documents: Vec<VersionJson<'a>>,
    /// The collection stage's whole record of the event (spans in characters of the
    /// original's paragraphs; `sources` names the version that completed a value).
    record: &'a serde_json::Value,
}

#[derive(Debug, Serialize)]
struct VersionJson<'a> {
    id: &'a str,
    role: Option<&'a str>,
    lang: readout_text::Lang,
    script: readout_text::Script,
    title: Option<&'a str>,
    published: Option<&'a str>,
    translation_of: Option<&'a str>,
    coverage: Option<f64>,
}

pub fn show(data: &Path, args: &EventArgs) -> Result<()> {
    let store = open(data)?;
    let e = find(&store, &args.id)?;
    let event = EventJson::from_record(&e)?;
    let docs: Vec<DocRecord> = event
        .versions
        .iter()
        .filter_map(|id| store.get_doc(id).transpose())
        .collect::<Result<_, _>>()?;
    let out = Out::stdout();
    if args.json {
        let detail = EventDetailJson {
            event: &event,
            original: &e.original,
            documents: docs
                .iter()
                .map(|d| VersionJson {
                    id: &d.id,
                    role: d.link.role.as_deref(),
                    lang: d.lang,
                    script: d.script,
                    title: d.title.as_deref(),
                    published: d.meta.published.as_deref(),
                    translation_of: d.link.translation_of.as_deref(),
                    coverage: d.link.coverage,
                })
                .collect(),
            record: &e.record,
        };
        return out.json(&detail);
    }
    out.text(&render(&event, &docs))
}

fn render(e: &EventJson, docs: &[DocRecord]) -> String {
    let mut text = String::new();
    let mut field = |key: &str, value: &str| {
        if !value.is_empty() {
            text.push_str(&format!("{key:<12} {}\n", cell(value)));
        }
    };
    field("id", &e.id);
    field("kind", &e.kind);
    field("date", &date_text(&e.date));
    if let Some(t) = &e.date.text {
        field("  as written", t);
    }
    field("place", e.place.as_deref().unwrap_or(""));
    field("chair", e.chair.as_deref().unwrap_or(""));
    field("sender", e.sender.as_deref().unwrap_or(""));
    let people = |ps: &[crate::json::PersonJson]| {
        ps.iter()
            .map(|p| match &p.title {
                Some(t) => format!("{} ({t})", p.name),
                None => p.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    field("attendees", &people(&e.attendees));
    field("speakers", &people(&e.speakers));
    let reviewed: Vec<&str> = e.reviewed.iter().map(|r| r.title.as_str()).collect();
    field("reviewed", &reviewed.join("; "));
    field("mentioned", &e.mentioned_documents.join("; "));
    field("strategies", &e.strategies.join(", "));
    field("formulations", &e.formulations.join(", "));
    if !e.directives.is_empty() {
        field("directives", &e.directives.len().to_string());
    }
    text.push_str("\nversions\n");
    for d in docs {
        let role = d.link.role.as_deref().unwrap_or("-");
        let mut line = format!(
            "  {}  {:<11}  {}/{}",
            d.id,
            role,
            crate::json::name(&d.lang),
            crate::json::name(&d.script)
        );
        if let (Some(of), Some(c)) = (&d.link.translation_of, d.link.coverage) {
            line.push_str(&format!("  of {of}, coverage {c:.2}"));
        }
        if let Some(t) = &d.title {
            line.push_str(&format!("  {}", cell(t)));
        }
        text.push_str(&line);
        text.push('\n');
    }
    text
}

/// The event `id` names: an exact id, or a prefix that only one id starts with.
fn find(store: &Store, id: &str) -> Result<EventRecord> {
    if let Some(e) = store.get_event(id)? {
        return Ok(e);
    }
    let ids = store.event_ids_with_prefix(id, 6)?;
    match ids.as_slice() {
        [] => bail!("no event `{id}` in the store; `readout events` lists them"),
        [one] => store
            .get_event(one)?
            .with_context(|| format!("event {one} vanished while being read")),
        many => bail!(
            "`{id}` is the start of several event ids ({}{}); give more of the id",
            many[..many.len().min(5)].join(", "),
            if many.len() > 5 { ", …" } else { "" }
        ),
    }
}

/// A date for people: `2023-11-27`, with `??` for parts the text does not state
/// (`????-??-12`), or the relative expression (`昨日`).
pub fn date_text(d: &DateJson) -> String {
    if d.year.is_none() && d.month.is_none() && d.day.is_none() {
        return d.relative.clone().unwrap_or_else(|| "-".into());
    }
    let y = d.year.map_or("????".to_string(), |y| format!("{y:04}"));
    let m = d.month.map_or("??".to_string(), |m| format!("{m:02}"));
    let day = d.day.map_or("??".to_string(), |x| format!("{x:02}"));
    format!("{y}-{m}-{day}")
}

/// Publication dates of the documents, by id.
fn published_dates(store: &Store) -> Result<HashMap<String, String>> {
    Ok(store
        .list_docs()?
        .into_iter()
        .filter_map(|d| Some((d.id, d.meta.published?)))
        .collect())
}

/// `yyyymmdd` of a bound (`2023` → 20230000 as a lower bound, 20239999 as an upper).
fn bound(s: &str, fill: i64) -> Option<i64> {
    let mut parts = s.split('-').map(|p| p.parse::<i64>().ok());
    let y = parts.next()??;
    let m = parts.next().flatten().unwrap_or(fill);
    let d = parts.next().flatten().unwrap_or(fill);
    Some(y * 10000 + m * 100 + d)
}

/// Where an event falls for a date filter: its stated date when the text gives a year,
/// else the publication date of its original.
fn date_key(e: &EventRecord, published: &HashMap<String, String>) -> Option<i64> {
    if let Some(y) = e.year {
        return Some(
            i64::from(y) * 10000
                + i64::from(e.month.unwrap_or(0)) * 100
                + i64::from(e.day.unwrap_or(0)),
        );
    }
    let p = published.get(&e.original)?;
    let date = p.get(..10).unwrap_or(p);
    bound(date, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_show_only_what_is_stated() {
        let d = |year, month, day, relative: Option<&str>| DateJson {
            year,
            month,
            day,
            relative: relative.map(str::to_owned),
            text: None,
        };
        assert_eq!(
            date_text(&d(Some(2023), Some(11), Some(27), None)),
            "2023-11-27"
        );
        assert_eq!(date_text(&d(None, None, Some(12), None)), "????-??-12");
        assert_eq!(date_text(&d(None, None, None, Some("昨日"))), "昨日");
        assert_eq!(date_text(&d(None, None, None, None)), "-");
    }

    #[test]
    fn bounds_take_in_whole_years_and_months() {
        assert_eq!(bound("2023", 0), Some(20230000));
        assert_eq!(bound("2023", 99), Some(20239999));
        assert_eq!(bound("2023-11", 99), Some(20231199));
        assert_eq!(bound("2023-11-27", 99), Some(20231127));
    }
}
