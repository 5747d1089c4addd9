//! Stored rows read back into the collection stage's types: the store keeps them as
//! JSON payloads, and these are the one way back (the binary's commands use them too).

use crate::error::Failure;
use readout_collection::{
    events::EventDateOut, Event, FormulationHistory, HitRow, PairAlignment, RenderingRow,
};
use readout_record::{CivilDate, EventKind, FormulationSource};
use readout_store::{AlignmentRow, EventRow, HitRecord, RenderingRecord, Store, StoreError};
use std::collections::BTreeMap;

/// A stored event read back.
pub fn event(row: &EventRow) -> Result<Event, Failure> {
    serde_json::from_str(&row.payload).map_err(|e| {
        Failure::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "the stored record of event {} does not read ({e}); `readout derive` makes it again",
                row.id
            ),
        )
    })
}

/// What a list shows of an event: the head of the stored [`Event`] (same fields, same
/// names), read without its record and directives. A work report's payload runs to
/// 150 KB, nearly all of it the record; a page of fifty such events read whole cost
/// megabytes of allocation per request, and a gigabyte under 100 connections.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct EventHead {
    pub id: String,
    pub kind: EventKind,
    pub date: Option<EventDateOut>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub sender: Option<String>,
    pub strategies: Vec<String>,
    pub formulations: Vec<String>,
    pub versions: Vec<String>,
    pub original: String,
    pub title: Option<String>,
}

/// A stored event's head read back (the rest of the payload is skipped, not built).
pub fn event_head(row: &EventRow) -> Result<EventHead, Failure> {
    serde_json::from_str(&row.payload).map_err(|e| {
        Failure::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "the stored record of event {} does not read ({e}); `readout derive` makes it again",
                row.id
            ),
        )
    })
}

/// A stored alignment read back.
pub fn alignment(row: &AlignmentRow) -> Result<PairAlignment, Failure> {
    serde_json::from_str(&row.payload).map_err(|e| {
        Failure::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "the stored alignment of {} does not read ({e}); `readout derive` makes it again",
                row.translation
            ),
        )
    })
}

/// A stored rendering read back.
pub fn rendering(r: &RenderingRecord) -> Result<RenderingRow, serde_json::Error> {
    Ok(RenderingRow {
        formulation: r.formulation.clone(),
        text: r.text.clone(),
        source: serde_json::from_str(&r.source)?,
    })
}

/// A stored occurrence read back.
pub fn hit(h: &HitRecord) -> HitRow {
    HitRow {
        text: h.text.clone(),
        source: serde_json::from_value(h.source.clone().into())
            .unwrap_or(FormulationSource::Curated),
        doc: h.doc_id.clone(),
        event: h.event_id.clone(),
        spelling: h.spelling.clone(),
        span: readout_record::Span {
            headline: h.headline,
            para: h.para,
            start: h.start,
            end: h.end,
        },
    }
}

/// `curated` or `discovered`, as the JSON contract names a formulation's source.
pub fn source_name(stored: &str) -> &'static str {
    if stored == "learned" || stored == "discovered" {
        "discovered"
    } else {
        "curated"
    }
}

/// The history of formulation `text` (mainland simplified) from the store's rows;
/// `None` when no document holds it. Reads every occurrence of this one formulation:
/// for the command line; the pages read a page of mentions at a time.
pub fn history(store: &Store, text: &str) -> Result<Option<FormulationHistory>, StoreError> {
    let hits: Vec<HitRow> = store.formulation_hits(text)?.iter().map(hit).collect();
    let Some(first) = hits.first() else {
        return Ok(None);
    };
    let source = match first.source {
        FormulationSource::Curated => "curated",
        FormulationSource::Learned => "discovered",
    };
    let mut events: Vec<String> = hits.iter().filter_map(|h| h.event.clone()).collect();
    events.sort();
    events.dedup();
    let dates: BTreeMap<String, CivilDate> = store
        .event_days(&events)?
        .into_iter()
        .map(|(e, d)| (e, CivilDate::from_days(d)))
        .collect();
    let renderings: Vec<RenderingRow> = store
        .renderings_of(text)?
        .iter()
        .filter_map(|r| rendering(r).ok())
        .collect();
    Ok(Some(readout_collection::formulations::history(
        text,
        source,
        &hits,
        &dates,
        &renderings,
    )))
}

/// Formulations the collection itself repeats across events, ranked by how phrase-like
/// they are ([`readout_record::discover_with`]): read from the documents of the stored
/// events, the dateline of each left out, the names of the people the records hold
/// excluded. Costs a pass over every event's documents (seconds on a year of news),
/// so it runs when asked, not on every ingest.
pub fn discover_formulations(
    store: &Store,
) -> Result<Vec<readout_record::Formulation>, StoreError> {
    let links = store.event_memberships()?;
    let ids: Vec<String> = links.iter().map(|(d, _)| d.clone()).collect();
    let mut names: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (_, payload) in store.stage_payloads(&ids)? {
        let Ok(d) = serde_json::from_str::<readout_collection::DocDerived>(&payload) else {
            continue;
        };
        let r = &d.record;
        let people = r
            .chair
            .iter()
            .chain(&r.sender)
            .chain(&r.lecturer)
            .chain(&r.principal)
            .chain(&r.attendees)
            .chain(&r.accompanying)
            .chain(&r.speakers)
            .chain(&r.speeches);
        names.extend(people.map(|p| p.name.clone()));
    }
    let mut docs = Vec::with_capacity(links.len());
    for (doc, event) in &links {
        let Some(rec) = store.get_doc(doc)? else {
            continue;
        };
        let document = rec.to_document();
        let p = readout_collection::Prepared::new(&readout_collection::InputDoc {
            id: doc,
            doc: &document,
        });
        docs.push(p.record_input.with_event(event.clone()));
    }
    let opts = readout_record::DiscoverOptions {
        min_sources: 3,
        names: names.into_iter().collect(),
        ..Default::default()
    };
    Ok(readout_record::discover_with(&docs, &opts))
}
