//! The per-document stage: everything the collection needs of one document, computed
//! once when the document is stored and kept with it — its record (every span in the
//! document's own characters), the keys that find its candidate versions (dates, file),
//! and its text signature. Nothing here looks at another document.

use readout_align::link::{Lang as LinkLang, LinkDoc};
use readout_align::{LinkParams, Signature};
use readout_record::{CivilDate, Record};
use readout_text::{DocKind, Document, Lang, Script};
use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;
use crate::InputDoc;

/// Bumped whenever the per-document stage changes what it makes: stored results of an
/// older version are made again by `readout derive`.
pub const DOC_STAGE_VERSION: u32 = 3;

/// The date parts a document states for its event (resolved where it could be).
pub type StatedDate = readout_lang::PartialDate;

/// What finds a document's candidate versions: versions of one event date alike, or
/// stand in one file.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinkKeys {
    /// The file the document was read from (its id up to the last `-`).
    pub file: String,
    /// The event date as the text states it.
    pub stated: StatedDate,
    /// The full event date, as a day number, when known.
    pub event_day: Option<i64>,
    /// The publication date, as a day number, when known.
    pub published_day: Option<i64>,
}

impl LinkKeys {
    /// The day numbers the document is dated by.
    pub fn days(&self) -> impl Iterator<Item = i64> + '_ {
        self.event_day.into_iter().chain(self.published_day)
    }
}

/// One document's results, stored with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocDerived {
    pub id: String,
    pub kind: DocKind,
    pub lang: Lang,
    pub script: Script,
    pub title: Option<String>,
    /// Reports an event of its own (an article in Chinese or English).
    pub reports_event: bool,
    /// The record, every span in characters of the document's own paragraph text.
    pub record: Record,
    pub keys: LinkKeys,
    /// Characters of body text (the fullest version is the original).
    pub body_chars: usize,
}

impl DocDerived {
    /// The language the linker reads, if the document links at all.
    pub fn link_lang(&self) -> Option<LinkLang> {
        link_lang(self.lang)
    }
}

pub(crate) fn link_lang(lang: Lang) -> Option<LinkLang> {
    match lang {
        Lang::Zh => Some(LinkLang::Zh),
        Lang::En => Some(LinkLang::En),
        _ => None,
    }
}

/// The file part of a document id (`<sha12>-<n>` → `<sha12>`).
pub fn file_key(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(f, _)| f)
}

/// The per-document stage: the record (spans mapped to the document's own text), the
/// linking keys and the signature (`None` for a document that links to nothing).
pub fn derive_doc(input: &InputDoc<'_>) -> (DocDerived, Option<Signature>) {
    let p = Prepared::new(input);
    derive_prepared(&p, input.doc)
}

/// [`derive_doc`] on a document already prepared.
pub fn derive_prepared(p: &Prepared, doc: &Document) -> (DocDerived, Option<Signature>) {
    let mut record = readout_record::record(&p.record_input);
    // Spans: from the normalized view the record read to the document's own text.
    record.for_each_span_mut(&mut |s| {
        if let Some(r) = p
            .parts(s.headline)
            .char_range_to_original(s.para, s.start..s.end)
        {
            s.start = r.start;
            s.end = r.end;
        }
    });
    // A formulation as the document spells it (traditional script, Taiwan wording).
    for h in &mut record.formulations {
        let spelled = p
            .parts(h.span.headline)
            .original_slice(h.span.para, h.span.start..h.span.end);
        if !spelled.is_empty() {
            h.matched = spelled.to_string();
        }
    }
    let stated = stated_date(&record);
    let keys = LinkKeys {
        file: file_key(&p.id).to_string(),
        stated,
        event_day: stated.full().map(CivilDate::to_days),
        published_day: p.published.map(CivilDate::to_days),
    };
    // An article reports an event when its record found one (headline and lead); a
    // news item that only mentions a meeting links to nothing.
    let reports_event =
        doc.kind == DocKind::Article && link_lang(doc.lang).is_some() && record.kind.is_event();
    let signature = reports_event.then(|| {
        let text = p.normalized_body();
        let d = LinkDoc {
            id: &p.id,
            lang: link_lang(doc.lang).unwrap_or(LinkLang::Zh),
            text: &text,
            sentences: Vec::new(),
        };
        readout_align::signature(&d, &LinkParams::default())
    });
    let derived = DocDerived {
        id: p.id.clone(),
        kind: doc.kind,
        lang: doc.lang,
        script: doc.script,
        title: doc.title.clone(),
        reports_event,
        record,
        keys,
        body_chars: p.body_chars(),
    };
    (derived, signature)
}

fn stated_date(r: &Record) -> StatedDate {
    let Some(d) = r.date.as_ref() else {
        return StatedDate::default();
    };
    match &d.resolved {
        Some(x) => x.date.into(),
        None => d.parts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_keys() {
        assert_eq!(file_key("57ea68160e20-12"), "57ea68160e20");
        assert_eq!(file_key("000-zh"), "000");
        assert_eq!(file_key("x"), "x");
    }
}
