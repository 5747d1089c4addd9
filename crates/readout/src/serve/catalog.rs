//! The collection as the pages see it: documents (each with its place in its event),
//! events, alignments and formulation histories, read from the store's derived record,
//! with lookups by id. Cached, and read again when the derived record or the set of
//! documents changes.

use super::shapes::{AlignmentView, EventView, FormulationView};
use anyhow::{Context, Result};
use readout_store::{DerivedStatus, DocRecord, EventFilter, LinkRecord, Store};
use serde_json::Value;
use std::collections::HashMap;

/// What a catalog was read from: when it changes, the catalog is read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// SQLite's count of changes committed by other connections: any ingest moves it.
    pub data_version: i64,
    pub status: DerivedStatus,
}

impl Version {
    pub fn of(store: &Store) -> Result<Version> {
        Ok(Version {
            data_version: store.data_version()?,
            status: store.derived_status(readout_collection::DOC_STAGE_VERSION)?,
        })
    }
}

pub struct Catalog {
    pub version: Version,
    /// Whether the derived record was made from exactly the documents stored now.
    pub current: bool,
    pub docs: Vec<DocRecord>,
    pub events: Vec<EventView>,
    /// The stored JSON of each event, as the collection stage wrote it.
    pub event_json: Vec<Value>,
    pub alignments: Vec<AlignmentView>,
    pub alignment_json: Vec<Value>,
    pub formulations: Vec<FormulationView>,
    doc_index: HashMap<String, usize>,
    event_index: HashMap<String, usize>,
    formulation_index: HashMap<String, usize>,
}

fn read<T: serde::de::DeserializeOwned>(what: &str, v: &Value) -> Result<T> {
    serde_json::from_value(v.clone()).with_context(|| {
        format!("the stored record of {what} does not read; `readout derive` makes it again")
    })
}

impl Catalog {
    pub fn build(store: &Store, version: Version) -> Result<Catalog> {
        let mut docs = store.list_docs()?;
        let links: HashMap<String, LinkRecord> = store.doc_links()?.into_iter().collect();
        for d in &mut docs {
            if let Some(l) = links.get(&d.id) {
                d.link = l.clone();
            }
        }
        let records = store.list_events(&EventFilter::default())?;
        let mut events = Vec::with_capacity(records.len());
        let mut event_json = Vec::with_capacity(records.len());
        for r in records {
            let v: Value = serde_json::from_str(&r.payload)?;
            events.push(read::<EventView>(&format!("event {}", r.id), &v)?);
            event_json.push(v);
        }
        let mut alignments = Vec::new();
        let mut alignment_json = Vec::new();
        for a in store.list_alignments()? {
            let v: Value = serde_json::from_str(&a.payload)?;
            alignments.push(read::<AlignmentView>(
                &format!("the alignment of {}", a.translation),
                &v,
            )?);
            alignment_json.push(v);
        }
        let mut formulations = Vec::new();
        for f in store.formulation_summaries()? {
            if let Some(h) = crate::formulations::history(store, &f.text)? {
                let v = serde_json::to_value(&h)?;
                formulations.push(read::<FormulationView>(
                    &format!("formulation {}", f.text),
                    &v,
                )?);
            }
        }
        let current = version.status.record_current();
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
        Ok(Catalog {
            version,
            current,
            docs,
            events,
            event_json,
            alignments,
            alignment_json,
            formulations,
            doc_index,
            event_index,
            formulation_index,
        })
    }

    pub fn doc(&self, id: &str) -> Option<&DocRecord> {
        self.doc_index.get(id).map(|&i| &self.docs[i])
    }

    /// How document `id` stands in its event.
    pub fn link(&self, id: &str) -> Option<&LinkRecord> {
        self.doc(id).map(|d| &d.link)
    }

    pub fn event(&self, id: &str) -> Option<&EventView> {
        self.event_index.get(id).map(|&i| &self.events[i])
    }

    /// The stored JSON of event `id`.
    pub fn event_json(&self, id: &str) -> Option<&Value> {
        self.event_index.get(id).map(|&i| &self.event_json[i])
    }

    /// The event document `id` reports.
    pub fn event_of(&self, doc: &str) -> Option<&EventView> {
        self.link(doc)
            .and_then(|l| l.event.as_deref())
            .and_then(|e| self.event(e))
    }

    /// Alignments of the translations among the versions of `event`, with their
    /// stored JSON.
    pub fn alignments_for<'a>(
        &'a self,
        event: &'a EventView,
    ) -> Vec<(&'a AlignmentView, &'a Value)> {
        self.alignments
            .iter()
            .zip(&self.alignment_json)
            .filter(|(a, _)| event.versions.contains(&a.translation))
            .collect()
    }

    pub fn formulation(&self, text: &str) -> Option<&FormulationView> {
        self.formulation_index
            .get(text)
            .map(|&i| &self.formulations[i])
    }

    /// A notice for pages when the derived record lags behind the documents.
    pub fn notice(&self) -> Option<String> {
        (!self.current).then(|| {
            "<p class=\"note stale\" role=\"status\">The record of events was derived before the latest documents were stored; run <code>readout derive</code> to bring it up to date.</p>".to_string()
        })
    }

    /// The publication date of document `id` (its date part), when the page gives one.
    pub fn published(&self, id: &str) -> Option<&str> {
        let p = self.doc(id)?.meta.published.as_deref()?;
        Some(p.get(..10).unwrap_or(p))
    }
}
