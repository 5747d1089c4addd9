//! Formulations (提法) across the collection: every occurrence the record found, kept
//! as a row with its document and event, and a formulation's history assembled from
//! its rows (events in date order, spellings, first and last dates, renderings).

use std::collections::{BTreeMap, BTreeSet};

use readout_record::{CivilDate, FormulationSource, Span};
use serde::{Deserialize, Serialize};

use crate::doc::DocDerived;
use crate::renderings::{group, RenderingOut, RenderingRow};
use crate::spans::SpanRef;

/// One occurrence of a formulation in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitRow {
    /// The formulation in mainland simplified script.
    pub text: String,
    pub source: FormulationSource,
    pub doc: String,
    /// The event the document reports, if any.
    pub event: Option<String>,
    /// As the document writes it.
    pub spelling: String,
    pub span: Span,
}

/// The occurrences of a document's formulations.
pub fn hit_rows(d: &DocDerived, event: Option<&str>) -> Vec<HitRow> {
    d.record
        .formulations
        .iter()
        .map(|h| HitRow {
            text: h.text.clone(),
            source: h.source,
            doc: d.id.clone(),
            event: event.map(str::to_string),
            spelling: h.matched.clone(),
            span: h.span,
        })
        .collect()
}

/// A formulation and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulationHistory {
    /// The formulation in mainland simplified script.
    pub text: String,
    /// "curated" or "discovered".
    pub source: String,
    /// The spellings seen in the documents, in their own scripts.
    pub spellings: Vec<String>,
    /// Events, by date (undated last), then by id.
    pub events: Vec<String>,
    pub docs: Vec<String>,
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub occurrences: Vec<SpanRef>,
    /// English renderings read off the aligned pairs (see [`crate::renderings`]).
    pub renderings: Vec<RenderingOut>,
}

/// The history of formulation `text` from its occurrences, the dates of the events they
/// belong to, and the renderings read of it.
pub fn history(
    text: &str,
    source: &str,
    hits: &[HitRow],
    event_dates: &BTreeMap<String, CivilDate>,
    renderings: &[RenderingRow],
) -> FormulationHistory {
    let mut spellings: Vec<String> = Vec::new();
    let mut docs: BTreeSet<String> = BTreeSet::new();
    let mut events: BTreeSet<String> = BTreeSet::new();
    let mut occurrences = Vec::with_capacity(hits.len());
    for h in hits {
        if !h.spelling.is_empty() && !spellings.contains(&h.spelling) {
            spellings.push(h.spelling.clone());
        }
        docs.insert(h.doc.clone());
        if let Some(e) = &h.event {
            events.insert(e.clone());
        }
        occurrences.push(SpanRef {
            doc: h.doc.clone(),
            headline: h.span.headline,
            para: h.span.para,
            start: h.span.start,
            end: h.span.end,
        });
    }
    let mut events: Vec<String> = events.into_iter().collect();
    events.sort_by_key(|e| {
        (
            event_dates.get(e).is_none(),
            event_dates.get(e).copied(),
            e.clone(),
        )
    });
    let dates: Vec<CivilDate> = events
        .iter()
        .filter_map(|e| event_dates.get(e).copied())
        .collect();
    FormulationHistory {
        text: text.to_string(),
        source: source.to_string(),
        spellings,
        events,
        docs: docs.into_iter().collect(),
        count: hits.len(),
        first_date: dates.iter().min().map(|d| d.to_string()),
        last_date: dates.iter().max().map(|d| d.to_string()),
        occurrences,
        renderings: group(renderings),
    }
}
