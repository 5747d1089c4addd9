//! The record stage: from one document's text, the record of the policy system.
//!
//! Input is a [`DocInput`]: the document's headlines and body paragraphs in the
//! mainland-simplified normalized view (the caller normalizes; this crate never converts
//! scripts), its language and, when known, its publication date. Output is a [`Record`]:
//! event kind, date, place, chair or sender, attendees, speakers, reviewed and mentioned
//! documents, strategies, directives and formulations. Every value carries a [`Span`]:
//! the paragraph index and char range of the normalized text it was read from.
//!
//! Corpus work lives beside it: [`Lexicon`] finds curated and learned formulations in a
//! document, [`discover`] finds recurring phrases over a collection of documents.
//!
//! The stage is pure: no I/O, no clock, same input, same output; it never panics on any
//! text (property-tested in `tests/rules.rs`).

mod date;
mod directives;
mod discover;
mod documents;
mod kind;
mod lexicon;
mod names;
mod people;
mod place;
mod prepared;
mod sentences;
mod span;
mod strategies;
mod view;

pub use date::{Anchor, EventDate, ResolvedDate};
pub use directives::{Directive, Role};
pub use discover::{discover, discover_with, DiscoverOptions, Formulation, Occurrence};
pub use documents::DocRef;
pub use kind::EventKind;
pub use lexicon::{FormulationHit, FormulationSource, Lexicon, LexiconError};
pub use people::{Mention, Person};
pub use place::Place;
pub use readout_lang::{days_in_month, CivilDate, PartialDate};
pub use span::Span;
pub use strategies::StrategyHit;

use serde::{Deserialize, Serialize};

/// The language of a document, as the identify stage decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    /// Anything else (mixed, undetermined): the stage decides by the share of Han characters.
    Other,
}

/// One document, as the record stage needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInput {
    /// The caller's id of the document (kept in corpus results).
    #[serde(default)]
    pub id: String,
    /// The caller's id of the event the document reports, when already linked.
    #[serde(default)]
    pub event: Option<String>,
    pub lang: Lang,
    /// Headline lines, normalized.
    #[serde(default)]
    pub headlines: Vec<String>,
    /// Body paragraphs, normalized (mainland simplified for Chinese).
    pub paragraphs: Vec<String>,
    /// The publication date, when the page states it.
    #[serde(default)]
    pub published: Option<CivilDate>,
}

impl DocInput {
    pub fn new(lang: Lang, paragraphs: Vec<String>) -> DocInput {
        DocInput {
            id: String::new(),
            event: None,
            lang,
            headlines: Vec::new(),
            paragraphs,
            published: None,
        }
    }

    pub fn with_id(mut self, id: impl Into<String>) -> DocInput {
        self.id = id.into();
        self
    }

    pub fn with_event(mut self, event: impl Into<String>) -> DocInput {
        self.event = Some(event.into());
        self
    }

    pub fn with_headlines(mut self, headlines: Vec<String>) -> DocInput {
        self.headlines = headlines;
        self
    }

    pub fn with_published(mut self, published: impl Into<CivilDate>) -> DocInput {
        self.published = Some(published.into());
        self
    }
}

/// The record of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub kind: EventKind,
    /// Where the kind was read (the cue words), when a cue was found.
    pub kind_span: Option<Span>,
    /// The event date as far as the text states it, with its resolution; `None` where
    /// the text is silent.
    pub date: Option<EventDate>,
    pub place: Option<Place>,
    /// Who chaired (主持) the meeting.
    pub chair: Option<Person>,
    /// Who sent the message (致贺电, 致信, 复信…).
    pub sender: Option<Person>,
    /// Whom the message was sent to, as written.
    pub recipient: Option<Mention>,
    /// Attendees (出席) in the order named.
    pub attendees: Vec<Person>,
    /// People who accompanied (陪同) the main figure.
    pub accompanying: Vec<Person>,
    /// Speakers (先后发言…) in the order named.
    pub speakers: Vec<Person>,
    /// Who submitted written statements (提交了书面发言), as written.
    pub written_statements: Vec<Mention>,
    /// Leaders whose speeches the report summarizes (李强在讲话中表示…), or who spoke
    /// (并讲话, 致辞, 发表演讲).
    pub speeches: Vec<Person>,
    /// Who lectured (作了讲解): a study session's lecturer.
    #[serde(default)]
    pub lecturer: Option<Person>,
    /// The leader the headline names as its actor (习近平同德国总统通电话).
    #[serde(default)]
    pub principal: Option<Person>,
    /// Documents the meeting reviewed (审议, 审议通过, "reviewed the …").
    pub reviewed: Vec<DocRef>,
    /// Other documents named by title.
    pub mentioned_documents: Vec<DocRef>,
    pub strategies: Vec<StrategyHit>,
    pub directives: Vec<Directive>,
    pub formulations: Vec<FormulationHit>,
    /// The role of each body paragraph, by index.
    pub paragraph_roles: Vec<Role>,
}

impl Record {
    /// Every span of the record, to rewrite in place (the caller maps them from the
    /// normalized view to the document's own text).
    pub fn for_each_span_mut(&mut self, f: &mut dyn FnMut(&mut Span)) {
        let person = |p: &mut Person, f: &mut dyn FnMut(&mut Span)| {
            f(&mut p.span);
            if let Some(t) = &mut p.title_span {
                f(t);
            }
        };
        if let Some(s) = &mut self.kind_span {
            f(s);
        }
        if let Some(d) = &mut self.date {
            f(&mut d.span);
        }
        if let Some(p) = &mut self.place {
            f(&mut p.span);
        }
        for p in self
            .chair
            .iter_mut()
            .chain(self.sender.iter_mut())
            .chain(self.attendees.iter_mut())
            .chain(self.accompanying.iter_mut())
            .chain(self.speakers.iter_mut())
            .chain(self.speeches.iter_mut())
            .chain(self.lecturer.iter_mut())
            .chain(self.principal.iter_mut())
        {
            person(p, f);
        }
        for m in self
            .recipient
            .iter_mut()
            .chain(self.written_statements.iter_mut())
        {
            f(&mut m.span);
        }
        for d in self
            .reviewed
            .iter_mut()
            .chain(self.mentioned_documents.iter_mut())
        {
            f(&mut d.span);
        }
        for s in &mut self.strategies {
            s.spans.iter_mut().for_each(&mut *f);
        }
        for d in &mut self.directives {
            f(&mut d.span);
            if let Some(a) = &mut d.actor {
                f(&mut a.span);
            }
        }
        for h in &mut self.formulations {
            f(&mut h.span);
        }
    }
}

/// Finds the curated formulations in a document (see [`Lexicon::find_in_doc`] for a
/// lexicon with learned ones added).
pub fn find_in_doc(doc: &DocInput) -> Vec<FormulationHit> {
    Lexicon::curated().find_in_doc(doc)
}

/// Records one document with the curated formulation list.
pub fn record(doc: &DocInput) -> Record {
    record_with(doc, Lexicon::curated())
}

/// Records one document, finding formulations with `lexicon` (curated plus learned).
pub fn record_with(doc: &DocInput, lexicon: &Lexicon) -> Record {
    let p = prepared::Prepared::new(doc);
    let (kind, kind_span) = kind::detect(&p);
    let date = date::extract(&p);
    let people = people::extract(&p, kind);
    // A message is sent, not held: a place in its text is the recipient's event's.
    let place = place::extract(&p).filter(|_| kind != EventKind::Message);
    let (reviewed, mentioned_documents) = documents::extract(&p);
    let strategies = strategies::find(&p);
    let paragraph_roles = directives::roles(&p);
    let directives = directives::extract(&p, &paragraph_roles);
    let formulations = lexicon.find_prepared(&p);
    Record {
        kind,
        kind_span,
        date,
        place,
        chair: people.chair,
        sender: people.sender,
        recipient: people.recipient,
        attendees: people.attendees,
        accompanying: people.accompanying,
        speakers: people.speakers,
        written_statements: people.written,
        speeches: people.speeches,
        lecturer: people.lecturer,
        principal: people.principal,
        reviewed,
        mentioned_documents,
        strategies,
        directives,
        formulations,
        paragraph_roles,
    }
}
