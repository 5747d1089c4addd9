//! `readout events` and `readout event`: the events the documents report.

use crate::cli::{EventArgs, EventsArgs};
use crate::docs::open;
use crate::json::{DateJson, EventJson};
use crate::output::{cell, Out};
use crate::record_io;
use anyhow::{bail, Context, Result};
use readout_collection::Event;
use readout_record::CivilDate;
use readout_store::{DocRecord, EventFilter, EventRow, Store};
use serde::Serialize;
use std::path::Path;

pub fn list(data: &Path, args: &EventsArgs) -> Result<()> {
    let store = open(data)?;
    if let Some(kind) = &args.kind {
        let known = serde_json::from_value::<readout_record::EventKind>(kind.as_str().into());
        if known.is_err() {
            let kinds = store.event_kinds()?;
            bail!(
                "`{kind}` is not an event kind (see `readout events --help`); this store has: {}",
                if kinds.is_empty() {
                    "no events yet".to_string()
                } else {
                    kinds.join(", ")
                }
            );
        }
    }
    // A timeline: by date, events that cannot be placed last.
    let filter = EventFilter {
        kind: args.kind.clone(),
        from_day: args.from.as_deref().and_then(|d| bound(d, false)),
        to_day: args.to.as_deref().and_then(|d| bound(d, true)),
        limit: args.limit,
        offset: args.offset,
    };
    let rows = store
        .list_events(&filter)
        .context("cannot list the events")?;
    let events: Vec<Event> = rows.iter().map(record_io::event).collect::<Result<_>>()?;
    let shown: Vec<EventJson<'_>> = events.iter().map(EventJson::new).collect();
    let out = Out::stdout();
    if args.json {
        return out.json(&shown);
    }
    let rows: Vec<Vec<String>> = shown
        .iter()
        .map(|e| {
            vec![
                e.id.to_string(),
                crate::json::name(&e.kind),
                date_text(&e.date),
                e.versions.len().to_string(),
                cell(
                    e.chair
                        .or(e.sender)
                        .or(e.principal.map(|p| p.name.as_str()))
                        .unwrap_or("-"),
                ),
                cell(e.place.unwrap_or("-")),
                cell(e.title.unwrap_or("-")),
            ]
        })
        .collect();
    out.table(
        &["ID", "KIND", "DATE", "VERSIONS", "WHO", "PLACE", "TITLE"],
        &rows,
    )?;
    if events.is_empty() && filter == EventFilter::default() {
        crate::output::note("No events yet: `readout ingest PATH` reads reports, `readout derive` derives the record.");
    }
    Ok(())
}

/// One event with its versions and its full record, as `event --json` prints it.
#[derive(Debug, Serialize)]
struct EventDetailJson<'a> {
    #[serde(flatten)]
    event: EventJson<'a>,
    /// The document the record was taken from.
    original: &'a str,
    /// Every version, the original first, with its role.
    documents: Vec<VersionJson<'a>>,
    /// The record stage's whole record of the original (spans in characters of its
    /// paragraphs).
    record: &'a readout_record::Record,
    /// For values completed from another version: field → that version's id.
    sources: &'a std::collections::BTreeMap<String, String>,
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
    let row = find(&store, &args.id)?;
    let e = record_io::event(&row)?;
    let links: std::collections::HashMap<String, readout_store::LinkRecord> =
        store.event_links(&e.id)?.into_iter().collect();
    let mut docs: Vec<DocRecord> = e
        .versions
        .iter()
        .filter_map(|id| store.get_doc(id).transpose())
        .collect::<Result<_, _>>()?;
    for d in &mut docs {
        if let Some(l) = links.get(&d.id) {
            d.link = l.clone();
        }
    }
    let out = Out::stdout();
    if args.json {
        let detail = EventDetailJson {
            event: EventJson::new(&e),
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
            sources: &e.sources,
        };
        return out.json(&detail);
    }
    out.text(&render(&EventJson::new(&e), &docs))
}

fn render(e: &EventJson<'_>, docs: &[DocRecord]) -> String {
    let mut text = String::new();
    let mut field = |key: &str, value: &str| {
        if !value.is_empty() {
            text.push_str(&format!("{key:<12} {}\n", cell(value)));
        }
    };
    field("id", e.id);
    field("kind", &crate::json::name(&e.kind));
    field("date", &date_text(&e.date));
    if let Some(t) = &e.date.text {
        field("  as written", t);
    }
    field("title", e.title.unwrap_or(""));
    field("place", e.place.unwrap_or(""));
    field("chair", e.chair.unwrap_or(""));
    field("sender", e.sender.unwrap_or(""));
    if let Some(p) = e.principal {
        field("principal", &p.name);
    }
    let people = |ps: &[readout_collection::events::PersonOut]| {
        ps.iter()
            .map(|p| match &p.title {
                Some(t) => format!("{} ({t})", p.name),
                None => p.name.clone(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    field("attendees", &people(e.attendees));
    field("speakers", &people(e.speakers));
    field("speeches", &people(e.speeches));
    if let Some(l) = e.lecturer {
        field("lecturer", &people(std::slice::from_ref(l)));
    }
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
pub fn find(store: &Store, id: &str) -> Result<EventRow> {
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
    let parts = d.parts;
    if parts.is_empty() {
        return d.relative.clone().unwrap_or_else(|| "-".into());
    }
    match d.end {
        Some(e) => format!("{parts} to {e}"),
        None => parts.to_string(),
    }
}

/// The day number a date bound stands for: `2023` is 2023-01-01 as a lower bound and
/// 2023-12-31 as an upper one, `2023-11` likewise its first or last day.
pub fn bound(s: &str, upper: bool) -> Option<i64> {
    let mut parts = s.split('-').map(|p| p.parse::<u32>().ok());
    let y = parts.next()?? as i32;
    let m = parts.next().flatten();
    let d = parts.next().flatten();
    let date = match (m, d, upper) {
        (Some(m), Some(d), _) => CivilDate::new(y, m, d)?,
        (Some(m), None, false) => CivilDate::new(y, m, 1)?,
        (Some(m), None, true) => CivilDate::new(y, m, readout_record::days_in_month(y, m))?,
        (None, _, false) => CivilDate::new(y, 1, 1)?,
        (None, _, true) => CivilDate::new(y, 12, 31)?,
    };
    Some(date.to_days())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_show_only_what_is_stated() {
        let d = |year, month, day, relative: Option<&str>| DateJson {
            parts: readout_lang::PartialDate { year, month, day },
            relative: relative.map(str::to_owned),
            text: None,
            end: None,
            from: None,
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
        let day = |y, m, d| CivilDate::new(y, m, d).unwrap().to_days();
        assert_eq!(bound("2023", false), Some(day(2023, 1, 1)));
        assert_eq!(bound("2023", true), Some(day(2023, 12, 31)));
        assert_eq!(bound("2024-02", true), Some(day(2024, 2, 29)));
        assert_eq!(bound("2023-11-27", true), Some(day(2023, 11, 27)));
        assert_eq!(bound("soon", true), None);
    }
}
