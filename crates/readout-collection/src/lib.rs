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
//! 5. tracks formulations across events ([`formulations`]).
//!
//! Pure: no files, no database. Every span it returns is in characters of the
//! document's own paragraph text (cleaned, in its own script), never of the normalized
//! view, so a reader can always be shown the passage behind a value.

pub mod alignments;
pub mod events;
pub mod formulations;
pub mod prepare;
pub mod spans;

use readout_text::Document;
use serde::Serialize;

pub use alignments::{PairAlignment, SentenceRef};
pub use events::{DocLink, Event, Role};
pub use formulations::FormulationHistory;
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

/// Derives the record of a collection. Same input, same output, same ids.
pub fn derive(input: &[InputDoc<'_>]) -> Derived {
    let prepared: Vec<prepare::Prepared> = input.iter().map(prepare::Prepared::new).collect();
    let records: Vec<readout_record::Record> = prepared
        .iter()
        .map(|p| readout_record::record(&p.record_input))
        .collect();
    let lexicon = readout_align::Lexicon::bundled();
    let aligner = readout_align::Aligner::new(lexicon);
    let linked = events::link(&prepared, &records, &aligner);
    let alignments = alignments::align_all(&prepared, &linked.docs, &aligner);
    let formulations = formulations::histories(&prepared, &records, &linked);
    Derived {
        docs: linked.docs,
        events: linked.events,
        alignments,
        formulations,
    }
}
