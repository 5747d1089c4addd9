//! readout-collection: the stages that look at a whole collection at once.
//!
//! Given the documents the reader found (with their store ids), [`derive`]:
//! 1. normalizes every paragraph to the mainland-simplified view ([`prepare`]);
//! 2. records each document (kind, date, people, documents, strategies, directives,
//!    formulations) on that view;
//! 3. links the versions of one event across scripts and languages and gives each a
//!    role and coverage ([`events`]);
//! 4. aligns every translation with its original sentence by sentence and lists what
//!    it leaves out ([`alignments`]);
//! 5. tracks formulations across events ([`formulations`]);
//! 6. reads the English renderings of the formulations off the aligned pairs
//!    ([`renderings`]); [`derive_with`] can align the pairs again with them as the
//!    aligner's formulation memory (off by default, see [`DeriveOptions`]).
//!
//! Pure: no files, no database. Every span it returns is in characters of the
//! document's own paragraph text (cleaned, in its own script), never of the normalized
//! view, so a reader can always be shown the passage behind a value.

pub mod alignments;
pub mod events;
pub mod formulations;
mod phrase_shape;
pub mod prepare;
pub mod renderings;
pub mod spans;

use readout_text::Document;
use serde::Serialize;

pub use alignments::{align_pair, PairAlignment, SentenceRef};
pub use events::{DocLink, Event, Role};
pub use formulations::FormulationHistory;
pub use renderings::{RenderingOut, RenderingSource};
pub use spans::SpanRef;

/// A document of the collection, as stored.
#[derive(Debug, Clone, Copy)]
pub struct InputDoc<'a> {
    pub id: &'a str,
    pub doc: &'a Document,
}

/// Everything derived from a collection.
#[derive(Debug, Clone, Serialize)]
pub struct Derived {
    /// One entry per input document, in input order.
    pub docs: Vec<DocLink>,
    pub events: Vec<Event>,
    pub alignments: Vec<PairAlignment>,
    pub formulations: Vec<FormulationHistory>,
}

/// Choices of a derive.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeriveOptions {
    /// Align the pairs a second time with the formulation memory learned from the first
    /// alignment. Off by default: measured, it does not pay. On the aligner-eval sets it
    /// moves strict F1 by at most 0.002 either way (`examples/memory_eval.rs`), on the
    /// seeds it moves one sentence of 000-en out of its right bead, and it doubles the
    /// time spent aligning. The renderings are learned and kept either way.
    pub realign_with_memory: bool,
}

/// Derives the record of a collection. Same input, same output, same ids.
pub fn derive(input: &[InputDoc<'_>]) -> Derived {
    derive_with(input, &DeriveOptions::default())
}

/// [`derive`] with explicit [`DeriveOptions`].
pub fn derive_with(input: &[InputDoc<'_>], options: &DeriveOptions) -> Derived {
    let prepared: Vec<prepare::Prepared> = input.iter().map(prepare::Prepared::new).collect();
    let records: Vec<readout_record::Record> = prepared
        .iter()
        .map(|p| readout_record::record(&p.record_input))
        .collect();
    let lexicon = readout_align::Lexicon::bundled();
    let aligner = readout_align::Aligner::new(lexicon);
    let mut linked = events::link(&prepared, &records, &aligner);
    let mut alignments = alignments::align_all(&prepared, &linked.docs, &aligner);
    let mut formulations = formulations::histories(&prepared, &records, &linked);
    let mut found = renderings::renderings(&alignments, &formulations, lexicon);
    let memory = renderings::memory(&formulations, &found);
    if options.realign_with_memory && !memory.is_empty() {
        let with_memory = readout_align::Aligner::new(lexicon).with_memory(&memory);
        alignments = alignments::align_all(&prepared, &linked.docs, &with_memory);
        found = renderings::renderings(&alignments, &formulations, lexicon);
        // A translation's coverage is the one its stored alignment shows.
        for a in &alignments {
            if let Some(d) = linked.docs.iter_mut().find(|d| d.doc == a.translation) {
                if d.coverage.is_some() {
                    d.coverage = Some(a.coverage);
                }
            }
        }
    }
    for (f, r) in formulations.iter_mut().zip(found) {
        f.renderings = r;
    }
    Derived {
        docs: linked.docs,
        events: linked.events,
        alignments,
        formulations,
    }
}
