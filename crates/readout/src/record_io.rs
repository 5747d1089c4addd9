//! Between the collection stage's types and the store's rows: the store keeps records as
//! data (typed columns for what lists sort and filter by, JSON for the rest), and this
//! module is the one place that turns one into the other.

use anyhow::{Context, Result};
use readout_align::{Lang as LinkLang, Signature};
use readout_collection::{
    ComponentOut, DocDerived, Edge, EdgeKind, Event, HitRow, LinkKeys, LinkRow, DOC_STAGE_VERSION,
};
use readout_record::{CivilDate, EventKind};
use readout_store::{
    share, AlignmentRow, ComponentRows, EdgeRecord, EventRow, HitRecord, LinkRecord,
    RenderingRecord, StageKeys, StageRecord,
};

/// The serde name of a unit variant (`politburo_meeting`, `zh`, `copy`).
pub fn code<T: serde::Serialize>(v: &T) -> String {
    crate::json::name(v)
}

/// A document's stage as the store keeps it.
pub fn stage_record(d: &DocDerived, signature: Option<&Signature>) -> Result<StageRecord> {
    Ok(StageRecord {
        keys: StageKeys {
            doc_id: d.id.clone(),
            lang: code(&d.lang),
            kind: code(&d.record.kind),
            stated: d.keys.stated,
            event_day: d.keys.event_day,
            published_day: d.keys.published_day,
            signature: signature.map(Signature::to_bytes),
        },
        version: DOC_STAGE_VERSION,
        reports_event: d.reports_event,
        payload: serde_json::to_string(d)?,
    })
}

/// A stored stage read back.
pub fn doc_derived(id: &str, payload: &str) -> Result<DocDerived> {
    serde_json::from_str(payload).with_context(|| {
        format!("the stored record of document {id} does not read; `readout derive` makes it again")
    })
}

/// What blocking reads of a stored stage; `None` for a document that links to nothing.
pub fn link_row(k: &StageKeys) -> Option<LinkRow> {
    let lang = match k.lang.as_str() {
        "zh" => LinkLang::Zh,
        "en" => LinkLang::En,
        _ => return None,
    };
    let kind: EventKind = serde_json::from_value(k.kind.clone().into()).ok()?;
    Some(LinkRow {
        id: k.doc_id.clone(),
        lang,
        kind,
        keys: LinkKeys {
            file: readout_collection::doc::file_key(&k.doc_id).to_string(),
            stated: k.stated,
            event_day: k.event_day,
            published_day: k.published_day,
        },
        signature: Signature::from_bytes(k.signature.as_deref()?)?,
    })
}

pub fn edge_record(e: &Edge) -> EdgeRecord {
    EdgeRecord {
        a: e.a.clone(),
        b: e.b.clone(),
        kind: code(&e.kind),
        score: share(e.score),
        support: share(e.support),
    }
}

pub fn edge(e: &EdgeRecord) -> Option<Edge> {
    let kind = match e.kind.as_str() {
        "copy" => EdgeKind::Copy,
        "translation" => EdgeKind::Translation,
        _ => return None,
    };
    Some(Edge {
        a: e.a.clone(),
        b: e.b.clone(),
        kind,
        score: e.score as f32,
        support: e.support as f32,
    })
}

pub fn hit_record(h: &HitRow) -> HitRecord {
    HitRecord {
        text: h.text.clone(),
        source: code(&h.source),
        doc_id: h.doc.clone(),
        event_id: h.event.clone(),
        spelling: h.spelling.clone(),
        headline: h.span.headline,
        para: h.span.para,
        start: h.span.start,
        end: h.span.end,
    }
}

/// The day number of an event's full date.
pub fn day_number(e: &Event) -> Option<i64> {
    let d = e.date.as_ref()?;
    d.parts.full().map(CivilDate::to_days)
}

/// A component's rows.
pub fn component_rows(c: &ComponentOut) -> Result<ComponentRows> {
    let e = &c.event;
    let date = e.date.as_ref();
    Ok(ComponentRows {
        event: EventRow {
            id: e.id.clone(),
            kind: code(&e.kind),
            date: date.map(|d| d.parts).unwrap_or_default(),
            relative: date.and_then(|d| d.relative.clone()),
            day_number: day_number(e),
            original: e.original.clone(),
            title: e.title.clone(),
            versions: e.versions.len(),
            payload: serde_json::to_string(e)?,
        },
        links: c
            .links
            .iter()
            .map(|l| {
                (
                    l.doc.clone(),
                    LinkRecord {
                        event: l.event.clone(),
                        role: l.role.map(|r| code(&r)),
                        translation_of: l.translation_of.clone(),
                        coverage: l.coverage.map(share),
                    },
                )
            })
            .collect(),
        alignments: c
            .alignments
            .iter()
            .map(|a| {
                Ok(AlignmentRow {
                    translation: a.translation.clone(),
                    original: a.original.clone(),
                    event_id: e.id.clone(),
                    coverage: share(a.coverage),
                    payload: serde_json::to_string(a)?,
                })
            })
            .collect::<Result<_>>()?,
        hits: c.hits.iter().map(hit_record).collect(),
        renderings: c
            .renderings
            .iter()
            .map(|r| {
                Ok(RenderingRecord {
                    formulation: r.formulation.clone(),
                    text: r.text.clone(),
                    translation: r.source.translation.clone(),
                    event_id: e.id.clone(),
                    source: serde_json::to_string(&r.source)?,
                })
            })
            .collect::<Result<_>>()?,
    })
}

/// A stored event read back.
pub fn event(row: &EventRow) -> Result<Event> {
    serde_json::from_str(&row.payload).with_context(|| {
        format!(
            "the stored record of event {} does not read; `readout derive` makes it again",
            row.id
        )
    })
}

// The other direction for alignments, renderings and occurrences lives with the pages
// that read them: `readout_serve::records`.
