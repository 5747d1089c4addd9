//! The stored record as the pages read it. The store keeps what the collection stage
//! derived (events, alignments, formulation histories) as JSON; these structs read the
//! fields the pages show, with defaults where a field is missing, so an older or newer
//! record still renders.

use readout_collection::SpanRef;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateView {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    #[serde(default)]
    pub relative: Option<String>,
    /// The expression as written.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub span: Option<SpanRef>,
    /// What supplied the parts the text does not state.
    #[serde(default)]
    pub resolved_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub span: Option<SpanRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleView {
    pub title: String,
    #[serde(default)]
    pub span: Option<SpanRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectiveView {
    pub text: String,
    #[serde(default)]
    pub actor: Option<String>,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub span: Option<SpanRef>,
}

/// One event (readout-collection's `Event`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub id: String,
    /// The kind's code (`politburo_meeting`).
    pub kind: String,
    #[serde(default)]
    pub date: Option<DateView>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub chair: Option<String>,
    #[serde(default)]
    pub sender: Option<String>,
    #[serde(default)]
    pub attendees: Vec<PersonView>,
    #[serde(default)]
    pub speakers: Vec<PersonView>,
    #[serde(default)]
    pub reviewed: Vec<TitleView>,
    #[serde(default)]
    pub mentioned_documents: Vec<String>,
    #[serde(default)]
    pub strategies: Vec<String>,
    #[serde(default)]
    pub directives: Vec<DirectiveView>,
    #[serde(default)]
    pub formulations: Vec<String>,
    /// Document ids, the original first.
    #[serde(default)]
    pub versions: Vec<String>,
    pub original: String,
    /// The original's full record, spans mapped to its own text.
    #[serde(default)]
    pub record: serde_json::Value,
    /// Field completed from another version → that version's id.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
}

/// A sentence of a document: paragraph and characters in its own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceView {
    pub para: usize,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BeadView {
    #[serde(default)]
    pub zh: Vec<usize>,
    #[serde(default)]
    pub en: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhraseView {
    pub sentence: usize,
    pub para: usize,
    pub start: usize,
    pub end: usize,
    #[serde(default)]
    pub text: String,
}

/// A translation aligned with its original (readout-collection's `PairAlignment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignmentView {
    pub original: String,
    pub translation: String,
    #[serde(default)]
    pub original_sentences: Vec<SentenceView>,
    #[serde(default)]
    pub translation_sentences: Vec<SentenceView>,
    #[serde(default)]
    pub beads: Vec<BeadView>,
    #[serde(default)]
    pub omitted_sentences: Vec<usize>,
    #[serde(default)]
    pub omitted_phrases: Vec<PhraseView>,
    #[serde(default)]
    pub coverage: f64,
}

/// A formulation's history (readout-collection's `FormulationHistory`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormulationView {
    pub text: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub spellings: Vec<String>,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub docs: Vec<String>,
    #[serde(default)]
    pub count: usize,
    #[serde(default)]
    pub first_date: Option<String>,
    #[serde(default)]
    pub last_date: Option<String>,
    #[serde(default)]
    pub occurrences: Vec<SpanRef>,
    /// English renderings read off the aligned pairs (readout-collection's
    /// `RenderingOut`), most frequent first.
    #[serde(default)]
    pub renderings: Vec<readout_collection::RenderingOut>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_output_reads_back() {
        // The collection stage's own serialization reads into these shapes.
        let doc = readout_text::read(
            "中共中央政治局11月27日召开会议，审议《中国共产党领导外事工作条例》。中共中央总书记习近平主持会议。\n\n会议强调，要推动高质量发展。".as_bytes(),
            None,
            &readout_text::Limits::default(),
        )
        .unwrap()
        .documents
        .remove(0);
        let derived = readout_collection::derive(&[readout_collection::InputDoc {
            id: "a-0",
            doc: &doc,
        }]);
        let e: EventView =
            serde_json::from_value(serde_json::to_value(&derived.events[0]).unwrap()).unwrap();
        assert_eq!(e.kind, "politburo_meeting");
        assert_eq!(e.versions, vec!["a-0".to_string()]);
        assert_eq!(e.date.as_ref().and_then(|d| d.day), Some(27));
        let f = derived.history("高质量发展").expect("a formulation");
        let v: FormulationView = serde_json::from_value(serde_json::to_value(&f).unwrap()).unwrap();
        assert_eq!(v.count, f.count);
    }

    #[test]
    fn missing_fields_take_defaults() {
        let e: EventView =
            serde_json::from_str(r#"{"id":"e","kind":"other","original":"d"}"#).unwrap();
        assert!(e.versions.is_empty() && e.date.is_none());
    }
}
