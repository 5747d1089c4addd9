//! readout-collection: from documents to the record of the collection.
//!
//! The work is cut so that an archive can grow a day at a time:
//! 1. **Per document, once** ([`doc`]): normalize, record (every span mapped to the
//!    document's own text), linking keys and signature. Stored with the document.
//! 2. **Blocking** ([`blocking`]): a document's candidate versions are found through
//!    keys (dates, file), never by comparing all pairs.
//! 3. **Linking** ([`linking`]): copy edges (decided by a pair) and translation edges
//!    (decided by an English document and its candidates); events are the connected
//!    components.
//! 4. **Per component** ([`component`]): the event ([`events`]), the roles of its
//!    versions, every translation aligned with its original ([`alignments`]), the
//!    formulation occurrences ([`formulations`]) and their English renderings
//!    ([`renderings`]).
//!
//! Every decision is a function of the documents it looks at, so the record is a
//! function of the set of documents: [`derive`] makes it in one go (the reference), and
//! the binary makes it a piece at a time, recomputing only what new documents touch.
//!
//! Pure: no files, no database. Every span it returns is in characters of the
//! document's own paragraph text (cleaned, in its own script), never of the normalized
//! view, so a reader can always be shown the passage behind a value.

pub mod alignments;
pub mod blocking;
pub mod doc;
pub mod events;
pub mod formulations;
pub mod linking;
pub mod prepare;
pub mod renderings;
pub mod spans;

use std::collections::BTreeMap;

use readout_align::{Aligner, Lexicon, Signature};
use readout_text::Document;
use serde::{Deserialize, Serialize};

pub use alignments::{align_pair, PairAlignment, SentenceRef};
pub use blocking::{Blocks, LinkRow};
pub use doc::{derive_doc, derive_prepared, DocDerived, LinkKeys, StatedDate, DOC_STAGE_VERSION};
pub use events::{DocLink, Event, Role};
pub use formulations::{FormulationHistory, HitRow};
pub use linking::{Edge, EdgeKind, LinkText};
pub use prepare::Prepared;
pub use renderings::{RenderingOut, RenderingRow, RenderingSource};
pub use spans::SpanRef;

/// A document of the collection, as stored.
#[derive(Debug, Clone, Copy)]
pub struct InputDoc<'a> {
    pub id: &'a str,
    pub doc: &'a Document,
}

/// What one component of linked documents makes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentOut {
    pub event: Event,
    /// Every member, the original first.
    pub links: Vec<DocLink>,
    pub alignments: Vec<PairAlignment>,
    pub hits: Vec<HitRow>,
    pub renderings: Vec<RenderingRow>,
}

/// The record of one component: its event, roles, alignments, formulation occurrences
/// and renderings. `prepared` gives a member's prepared text (needed only to align
/// translations).
pub fn component(
    members: &[&DocDerived],
    edges: &[Edge],
    prepared: &mut dyn FnMut(&str) -> Option<Prepared>,
    aligner: &Aligner<'_>,
) -> ComponentOut {
    let v = events::versions(members, edges);
    let by_id = |id: &str| members.iter().copied().find(|d| d.id == id);
    let title = by_id(&v.original).and_then(|d| d.title.clone());
    let event = events::build_event(members, &v, title);
    let mut hits = Vec::new();
    for l in &v.links {
        if let Some(d) = by_id(&l.doc) {
            hits.extend(formulations::hit_rows(d, Some(&event.id)));
        }
    }
    let mut alignments = Vec::new();
    let mut renderings = Vec::new();
    for l in &v.links {
        let (Some(Role::Translation), Some(of)) = (l.role, l.translation_of.as_deref()) else {
            continue;
        };
        let (Some(o), Some(t)) = (prepared(of), prepared(&l.doc)) else {
            continue;
        };
        let a = align_pair(&o, &t, aligner);
        if let Some(orig) = by_id(of) {
            let body: Vec<renderings::BodyHit<'_>> = orig
                .record
                .formulations
                .iter()
                .filter(|h| !h.span.headline)
                .map(|h| renderings::BodyHit {
                    formulation: &h.text,
                    para: h.span.para,
                    start: h.span.start,
                    end: h.span.end,
                })
                .collect();
            renderings.extend(renderings::pair_renderings(&a, &body, aligner.lexicon()));
        }
        alignments.push(a);
    }
    // A translation's coverage is the one its stored alignment shows.
    let mut links = v.links;
    for l in &mut links {
        if let Some(a) = alignments.iter().find(|a| a.translation == l.doc) {
            l.coverage = Some(a.coverage);
        }
    }
    ComponentOut {
        event,
        links,
        alignments,
        hits,
        renderings,
    }
}

/// Everything derived from a collection.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    /// One entry per input document, in input order (no event for a document that
    /// reports none).
    pub docs: Vec<DocLink>,
    /// Events by id.
    pub events: Vec<Event>,
    pub alignments: Vec<PairAlignment>,
    pub hits: Vec<HitRow>,
    pub renderings: Vec<RenderingRow>,
    pub edges: Vec<Edge>,
}

impl Derived {
    /// The history of formulation `text` over this collection.
    pub fn history(&self, text: &str) -> Option<FormulationHistory> {
        let hits: Vec<HitRow> = self
            .hits
            .iter()
            .filter(|h| h.text == text)
            .cloned()
            .collect();
        let source = match hits.first()?.source {
            readout_record::FormulationSource::Curated => "curated",
            readout_record::FormulationSource::Learned => "discovered",
        };
        let dates: BTreeMap<String, readout_record::CivilDate> = self
            .events
            .iter()
            .filter_map(|e| {
                let d = e.date.as_ref()?;
                Some((e.id.clone(), d.parts.full()?))
            })
            .collect();
        let renderings: Vec<RenderingRow> = self
            .renderings
            .iter()
            .filter(|r| r.formulation == text)
            .cloned()
            .collect();
        Some(formulations::history(
            text,
            source,
            &hits,
            &dates,
            &renderings,
        ))
    }
}

/// The link row of a derived document with its signature, for those that link.
pub fn link_row(d: &DocDerived, signature: Option<Signature>) -> Option<LinkRow> {
    Some(LinkRow {
        id: d.id.clone(),
        lang: d.link_lang()?,
        kind: d.record.kind,
        keys: d.keys.clone(),
        signature: signature.filter(|_| d.reports_event)?,
    })
}

/// The edges among `rows` that `queued` (indices) decide: copy edges between each queued
/// row and its candidates, and the translation edge of every English row that is queued
/// or is a candidate of a queued row.
pub fn decide_edges(
    rows: &[LinkRow],
    queued: &[usize],
    text: &mut dyn FnMut(&str) -> Option<LinkText>,
    aligner: &Aligner<'_>,
) -> Vec<Edge> {
    let blocks = Blocks::new(rows);
    let mut edges = Vec::new();
    let mut english: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let is_queued: std::collections::BTreeSet<usize> = queued.iter().copied().collect();
    for &q in queued {
        let cands = blocks.candidates(q);
        // A pair of queued rows is decided once, by the first.
        let fresh: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|c| !is_queued.contains(c) || *c > q)
            .collect();
        edges.extend(linking::copy_edges(rows, q, &fresh, text));
        if rows[q].lang == readout_align::Lang::En {
            english.insert(q);
        }
        english.extend(
            cands
                .into_iter()
                .filter(|&c| rows[c].lang == readout_align::Lang::En),
        );
    }
    for e in english {
        let cands = blocks.candidates(e);
        edges.extend(linking::translation_edge(rows, e, &cands, text, aligner));
    }
    edges.sort_by(|a, b| (&a.a, &a.b, a.kind).cmp(&(&b.a, &b.b, b.kind)));
    edges.dedup_by(|a, b| a.a == b.a && a.b == b.b && a.kind == b.kind);
    edges
}

/// Derives the record of a whole collection in one go: the reference the piecewise
/// derive must equal. Same input, same output, same ids.
pub fn derive(input: &[InputDoc<'_>]) -> Derived {
    let prepared: BTreeMap<&str, Prepared> =
        input.iter().map(|i| (i.id, Prepared::new(i))).collect();
    let mut derived: Vec<DocDerived> = Vec::with_capacity(input.len());
    let mut rows: Vec<LinkRow> = Vec::new();
    for i in input {
        let (d, sig) = derive_prepared(&prepared[i.id], i.doc);
        rows.extend(link_row(&d, sig));
        derived.push(d);
    }
    let lexicon = Lexicon::bundled();
    let aligner = Aligner::new(lexicon);
    let all: Vec<usize> = (0..rows.len()).collect();
    let mut text = |id: &str| prepared.get(id).map(LinkText::of);
    let edges = decide_edges(&rows, &all, &mut text, &aligner);
    let reporting: Vec<String> = derived
        .iter()
        .filter(|d| d.reports_event)
        .map(|d| d.id.clone())
        .collect();
    let by_id: BTreeMap<&str, &DocDerived> = derived.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut out = Derived {
        edges: edges.clone(),
        ..Derived::default()
    };
    let mut link_of: BTreeMap<String, DocLink> = BTreeMap::new();
    for members in linking::components(&reporting, &edges) {
        let docs: Vec<&DocDerived> = members.iter().map(|m| by_id[m.as_str()]).collect();
        let inner: Vec<Edge> = edges
            .iter()
            .filter(|e| members.contains(&e.a) && members.contains(&e.b))
            .cloned()
            .collect();
        let mut get = |id: &str| prepared.get(id).cloned();
        let c = component(&docs, &inner, &mut get, &aligner);
        for l in &c.links {
            link_of.insert(l.doc.clone(), l.clone());
        }
        out.events.push(c.event);
        out.alignments.extend(c.alignments);
        out.hits.extend(c.hits);
        out.renderings.extend(c.renderings);
    }
    out.events.sort_by(|a, b| a.id.cmp(&b.id));
    out.docs = input
        .iter()
        .map(|i| {
            link_of.remove(i.id).unwrap_or_else(|| DocLink {
                doc: i.id.to_string(),
                event: None,
                role: None,
                translation_of: None,
                coverage: None,
            })
        })
        .collect();
    // Occurrences in documents that report no event still count as occurrences.
    for d in derived.iter().filter(|d| !d.reports_event) {
        out.hits.extend(formulations::hit_rows(d, None));
    }
    out
}
