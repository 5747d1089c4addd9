//! Comparing two events: which formulations the later one adds, drops and keeps, and
//! which sentences of either original have no counterpart in the other.
//!
//! Sentences are compared on the mainland-simplified view (so a traditional-script
//! report and a simplified one compare by content, not by glyphs) by the overlap of
//! their character bigrams; a sentence whose best match shares less than
//! [`COUNTERPART`] of its bigrams has no counterpart.

use super::catalog::Catalog;
use crate::serve::shapes::EventView as Event;
use readout_text::Lang;
use std::collections::HashSet;

/// Dice overlap of character bigrams from which two sentences count as counterparts.
pub const COUNTERPART: f32 = 0.5;

/// A sentence of an event's original, where it stands in its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub doc: String,
    pub para: usize,
    /// Characters of the paragraph.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Best overlap with a sentence of the other event.
    pub best: f32,
}

#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub new: Vec<String>,
    pub dropped: Vec<String>,
    pub kept: Vec<String>,
    /// Sentences of A with no counterpart in B, and of B with none in A.
    pub only_a: Vec<Sentence>,
    pub only_b: Vec<Sentence>,
    /// Whether sentences could be compared (both originals in one language).
    pub sentences_compared: bool,
    pub sentences_a: usize,
    pub sentences_b: usize,
}

struct Split {
    sentence: Sentence,
    grams: HashSet<(char, char)>,
}

fn grams(normalized: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = normalized
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let common = a.intersection(b).count();
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

fn split_doc(catalog: &Catalog, doc: &str) -> (Lang, Vec<Split>) {
    let Some(d) = catalog.doc(doc) else {
        return (Lang::Und, Vec::new());
    };
    let mut out = Vec::new();
    for (para, p) in d.body.iter().enumerate() {
        let norm = readout_normalize::normalize(&p.text);
        let sentences = if d.lang == Lang::Zh {
            readout_align::split_zh(&norm.text)
        } else {
            readout_align::split_en(&norm.text)
        };
        for s in sentences {
            let chars = norm.char_range_to_original(
                &p.text,
                readout_normalize::byte_to_char(&norm.text, s.span.start)
                    ..readout_normalize::byte_to_char(&norm.text, s.span.end),
            );
            let text: String = p
                .text
                .chars()
                .skip(chars.start)
                .take(chars.end - chars.start)
                .collect();
            out.push(Split {
                sentence: Sentence {
                    doc: doc.to_string(),
                    para,
                    start: chars.start,
                    end: chars.end,
                    text,
                    best: 0.0,
                },
                grams: grams(s.text),
            });
        }
    }
    (d.lang, out)
}

/// Compares event `a` (the earlier, usually) with event `b`.
pub fn compare(a: &Event, b: &Event, catalog: &Catalog) -> Comparison {
    let in_a: HashSet<&str> = a.formulations.iter().map(String::as_str).collect();
    let in_b: HashSet<&str> = b.formulations.iter().map(String::as_str).collect();
    let mut c = Comparison {
        new: b
            .formulations
            .iter()
            .filter(|f| !in_a.contains(f.as_str()))
            .cloned()
            .collect(),
        dropped: a
            .formulations
            .iter()
            .filter(|f| !in_b.contains(f.as_str()))
            .cloned()
            .collect(),
        kept: a
            .formulations
            .iter()
            .filter(|f| in_b.contains(f.as_str()))
            .cloned()
            .collect(),
        ..Comparison::default()
    };
    let (lang_a, mut sa) = split_doc(catalog, &a.original);
    let (lang_b, mut sb) = split_doc(catalog, &b.original);
    c.sentences_a = sa.len();
    c.sentences_b = sb.len();
    if lang_a != lang_b {
        return c;
    }
    c.sentences_compared = true;
    for x in sa.iter_mut() {
        for y in sb.iter_mut() {
            let d = dice(&x.grams, &y.grams);
            x.sentence.best = x.sentence.best.max(d);
            y.sentence.best = y.sentence.best.max(d);
        }
    }
    c.only_a = sa
        .into_iter()
        .filter(|s| s.sentence.best < COUNTERPART)
        .map(|s| s.sentence)
        .collect();
    c.only_b = sb
        .into_iter()
        .filter(|s| s.sentence.best < COUNTERPART)
        .map(|s| s.sentence)
        .collect();
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_is_script_blind_through_the_normalized_view() {
        let a = grams(&readout_normalize::normalize("會議還研究了其他事項。").text);
        let b = grams("会议还研究了其他事项。");
        assert!((dice(&a, &b) - 1.0).abs() < 1e-6);
        let c = grams("中共中央政治局召开会议");
        assert!(dice(&b, &c) < COUNTERPART);
    }

    #[test]
    fn empty_sentences_match_nothing() {
        assert_eq!(dice(&grams(""), &grams("会议")), 0.0);
    }
}
