//! The collection as the pages see it: documents, how each stands in its event,
//! events, alignments and formulation histories, with lookups by id.
//!
//! Built from the store's documents by the collection stages (`readout_collection::
//! derive`) and cached until the set of documents changes.

use anyhow::{anyhow, Result};
use readout_collection::events::Event;
use readout_collection::{derive, DocLink, FormulationHistory, InputDoc, PairAlignment};
use readout_store::{DocRecord, ParagraphRecord, Store};
use readout_text::{Document, Paragraph};
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

pub struct Catalog {
    /// Every document id, in store order: the cache key.
    pub doc_ids: Vec<String>,
    pub docs: Vec<DocRecord>,
    pub links: Vec<DocLink>,
    pub events: Vec<Event>,
    pub alignments: Vec<PairAlignment>,
    pub formulations: Vec<FormulationHistory>,
    doc_index: HashMap<String, usize>,
    event_index: HashMap<String, usize>,
    formulation_index: HashMap<String, usize>,
}

fn paragraph(p: &ParagraphRecord) -> Paragraph {
    Paragraph {
        text: p.text.clone(),
        pieces: p.pieces.clone(),
        lang: p.lang,
        script: p.script,
    }
}

fn document(d: &DocRecord) -> Document {
    Document {
        kind: d.kind,
        lang: d.lang,
        script: d.script,
        title: d.title.clone(),
        headlines: d.headlines.iter().map(paragraph).collect(),
        body: d.body.iter().map(paragraph).collect(),
        meta: d.meta.clone(),
        span: d.span.clone(),
    }
}

impl Catalog {
    pub fn build(store: &Store, doc_ids: Vec<String>) -> Result<Catalog> {
        let docs = store.list_docs()?;
        let documents: Vec<Document> = docs.iter().map(document).collect();
        let input: Vec<InputDoc<'_>> = docs
            .iter()
            .zip(&documents)
            .map(|(d, doc)| InputDoc { id: &d.id, doc })
            .collect();
        // The stages promise not to panic; if one does, the server reports it instead
        // of dying.
        let derived = catch_unwind(AssertUnwindSafe(|| derive(&input)))
            .map_err(|_| anyhow!("deriving the record of the collection failed (a bug)"))?;
        Ok(Catalog::new(
            doc_ids,
            docs,
            derived.docs,
            derived.events,
            derived.alignments,
            derived.formulations,
        ))
    }

    fn new(
        doc_ids: Vec<String>,
        docs: Vec<DocRecord>,
        links: Vec<DocLink>,
        events: Vec<Event>,
        alignments: Vec<PairAlignment>,
        formulations: Vec<FormulationHistory>,
    ) -> Catalog {
        let doc_index = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        let event_index = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        let formulation_index = formulations
            .iter()
            .enumerate()
            .map(|(i, f)| (f.text.clone(), i))
            .collect();
        Catalog {
            doc_ids,
            docs,
            links,
            events,
            alignments,
            formulations,
            doc_index,
            event_index,
            formulation_index,
        }
    }

    pub fn doc(&self, id: &str) -> Option<&DocRecord> {
        self.doc_index.get(id).map(|&i| &self.docs[i])
    }

    /// How document `id` stands in its event.
    pub fn link(&self, id: &str) -> Option<&DocLink> {
        let i = *self.doc_index.get(id)?;
        self.links.get(i).filter(|l| l.doc == id)
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.event_index.get(id).map(|&i| &self.events[i])
    }

    /// The event document `id` reports.
    pub fn event_of(&self, doc: &str) -> Option<&Event> {
        self.link(doc)
            .and_then(|l| l.event.as_deref())
            .and_then(|e| self.event(e))
    }

    /// Alignments of the translations among the versions of `event`.
    pub fn alignments_for<'a>(&'a self, event: &'a Event) -> Vec<&'a PairAlignment> {
        self.alignments
            .iter()
            .filter(|a| event.versions.contains(&a.translation))
            .collect()
    }

    pub fn formulation(&self, text: &str) -> Option<&FormulationHistory> {
        self.formulation_index
            .get(text)
            .map(|&i| &self.formulations[i])
    }

    /// The publication date of document `id` (its date part), when the page gives one.
    pub fn published(&self, id: &str) -> Option<&str> {
        let p = self.doc(id)?.meta.published.as_deref()?;
        Some(p.get(..10).unwrap_or(p))
    }
}
