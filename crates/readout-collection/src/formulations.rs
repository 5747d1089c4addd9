//! Formulations (提法) across the collection: the curated list and phrases the corpus
//! itself repeats, each with its history over events.

use std::collections::BTreeMap;

use readout_record::{CivilDate, Record};
use serde::Serialize;

use crate::events::Linked;
use crate::prepare::Prepared;
use crate::renderings::RenderingOut;
use crate::spans::SpanRef;

/// A formulation and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FormulationHistory {
    /// The formulation in mainland simplified script.
    pub text: String,
    /// "curated" or "discovered".
    pub source: String,
    /// The spellings seen in the documents, in their own scripts.
    pub spellings: Vec<String>,
    pub events: Vec<String>,
    pub docs: Vec<String>,
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub occurrences: Vec<SpanRef>,
    /// English renderings read off the aligned pairs (see [`crate::renderings`]).
    pub renderings: Vec<RenderingOut>,
}

fn event_date(linked: &Linked, event: &str) -> Option<CivilDate> {
    let e = linked.events.iter().find(|e| e.id == event)?;
    let d = e.date.as_ref()?;
    CivilDate::new(d.year?, d.month?, d.day?)
}

/// How many discovered formulations a collection keeps, and occurrences each keeps.
const MAX_DISCOVERED: usize = 300;
const MAX_OCCURRENCES: usize = 200;

pub(crate) fn histories(
    prepared: &[Prepared],
    records: &[Record],
    linked: &Linked,
) -> Vec<FormulationHistory> {
    let mut by_text: BTreeMap<String, FormulationHistory> = BTreeMap::new();
    let add = |text: &str,
               source: &str,
               doc: usize,
               span: Option<SpanRef>,
               by_text: &mut BTreeMap<String, FormulationHistory>| {
        let h = by_text
            .entry(text.to_string())
            .or_insert_with(|| FormulationHistory {
                text: text.to_string(),
                source: source.to_string(),
                spellings: vec![],
                events: vec![],
                docs: vec![],
                count: 0,
                first_date: None,
                last_date: None,
                occurrences: vec![],
                renderings: vec![],
            });
        let id = &prepared[doc].id;
        if !h.docs.contains(id) {
            h.docs.push(id.clone());
        }
        if let Some(ev) = &linked.docs[doc].event {
            if !h.events.contains(ev) {
                h.events.push(ev.clone());
            }
        }
        h.count += 1;
        if let Some(s) = span {
            let parts = if s.headline {
                &prepared[doc].headlines
            } else {
                &prepared[doc].body
            };
            if let Some(orig) = parts.original(s.para) {
                let spelling: String = orig.chars().skip(s.start).take(s.end - s.start).collect();
                if !spelling.is_empty() && !h.spellings.contains(&spelling) {
                    h.spellings.push(spelling);
                }
            }
            h.occurrences.push(s);
        }
    };
    for (i, r) in records.iter().enumerate() {
        for hit in &r.formulations {
            add(
                &hit.text,
                "curated",
                i,
                prepared[i].span_ref(&hit.span),
                &mut by_text,
            );
        }
    }
    // Phrases the corpus repeats across events (versions of one event count once).
    let inputs: Vec<readout_record::DocInput> = prepared
        .iter()
        .zip(&linked.docs)
        .filter(|(p, _)| p.lang == readout_text::Lang::Zh && !p.is_fragment)
        .map(|(p, l)| {
            let mut d = p.record_input.clone();
            d.event = l.event.clone();
            d
        })
        .collect();
    let zh_index: Vec<usize> = prepared
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang == readout_text::Lang::Zh && !p.is_fragment)
        .map(|(i, _)| i)
        .collect();
    // A collection of long reports repeats thousands of phrases; only the ones that
    // recur across the most events, longest first, are worth an analyst's attention.
    let mut found: Vec<readout_record::Formulation> = readout_record::discover(&inputs)
        .into_iter()
        .filter(|f| f.sources >= 2 && !by_text.contains_key(&f.text))
        .collect();
    found.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then(b.text.chars().count().cmp(&a.text.chars().count()))
            .then(a.text.cmp(&b.text))
    });
    // Judged in rank order, so only as many as are kept get segmented.
    let found: Vec<readout_record::Formulation> = found
        .into_iter()
        .filter(|f| crate::phrase_shape::is_formulation_shaped(f, &inputs))
        .take(MAX_DISCOVERED)
        .collect();
    for f in &found {
        for occ in f.occurrences.iter().take(MAX_OCCURRENCES) {
            let doc = zh_index[occ.doc];
            add(
                &f.text,
                "discovered",
                doc,
                prepared[doc].span_ref(&occ.span),
                &mut by_text,
            );
        }
    }
    let mut out: Vec<FormulationHistory> = by_text.into_values().collect();
    for h in &mut out {
        let dates: Vec<CivilDate> = h
            .events
            .iter()
            .filter_map(|e| event_date(linked, e))
            .collect();
        h.first_date = dates.iter().min().map(|d| d.to_string());
        h.last_date = dates.iter().max().map(|d| d.to_string());
    }
    out.sort_by(|a, b| {
        b.events
            .len()
            .cmp(&a.events.len())
            .then(b.count.cmp(&a.count))
            .then(a.text.cmp(&b.text))
    });
    out
}
