//! Whether a recurring n-gram has the shape of a formulation (提法), judged on its
//! occurrences in context.
//!
//! Discovery counts character n-grams, so it also finds pieces that recur only because
//! the words around them recur: 国各族人民 (of 全国各族人民), 发展社会 (of 发展社会主义),
//! and whole passages every page repeats (a site's license notice). A formulation is
//! made of whole words and is quoted in different sentences. So an n-gram is kept when
//! most of its sampled occurrences start and end at word boundaries (jieba's segmentation
//! of the clause around it), and, when it recurs in three or more places, when those
//! places do not all read the same around it.

use jieba_rs::Jieba;
use readout_record::{DocInput, Formulation, Span};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Occurrences looked at per n-gram: enough to judge, cheap on frequent ones.
const SAMPLE: usize = 12;
/// Characters of context either side that are segmented with the occurrence.
const WINDOW: usize = 12;
/// Characters either side that make a context "the same" passage.
const CONTEXT: usize = 8;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// The paragraph (or headline) a span indexes, as chars.
fn para_chars(doc: &DocInput, span: &Span) -> Option<Vec<char>> {
    let list = if span.headline {
        &doc.headlines
    } else {
        &doc.paragraphs
    };
    list.get(span.para).map(|p| p.chars().collect())
}

/// Whether `start..end` of `chars` begins and ends at word boundaries of the
/// segmentation of the window around it.
fn whole_words(chars: &[char], start: usize, end: usize) -> bool {
    let from = start.saturating_sub(WINDOW);
    let to = (end + WINDOW).min(chars.len());
    let window: String = chars[from..to].iter().collect();
    let mut bounds = HashSet::new();
    let mut at = from;
    bounds.insert(at);
    for w in jieba().cut(&window, false) {
        at += w.word.chars().count();
        bounds.insert(at);
    }
    bounds.contains(&start) && bounds.contains(&end)
}

/// Whether `f` has the shape of a formulation in `docs` (the slice it was discovered in).
pub(crate) fn is_formulation_shaped(f: &Formulation, docs: &[DocInput]) -> bool {
    let n = f.occurrences.len();
    if n == 0 {
        return false;
    }
    let step = n.div_ceil(SAMPLE).max(1);
    let mut sampled = 0;
    let mut whole = 0;
    let mut contexts = HashSet::new();
    for occ in f.occurrences.iter().step_by(step) {
        let Some(chars) = docs.get(occ.doc).and_then(|d| para_chars(d, &occ.span)) else {
            continue;
        };
        let (s, e) = (occ.span.start, occ.span.end);
        if s >= e || e > chars.len() {
            continue;
        }
        sampled += 1;
        whole += usize::from(whole_words(&chars, s, e));
        let left: String = chars[s.saturating_sub(CONTEXT)..s].iter().collect();
        let right: String = chars[e..(e + CONTEXT).min(chars.len())].iter().collect();
        contexts.insert((left, right));
    }
    if sampled == 0 || whole * 2 < sampled {
        return false;
    }
    // A passage repeated word for word (a notice every page carries) is not a phrase
    // quoted in different sentences.
    !(sampled >= 3 && contexts.len() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_record::{Lang, Occurrence};

    fn formulation(text: &str, docs: &[DocInput]) -> Formulation {
        let mut occurrences = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (p, para) in doc.paragraphs.iter().enumerate() {
                let chars: Vec<char> = para.chars().collect();
                let needle: Vec<char> = text.chars().collect();
                for i in 0..chars.len().saturating_sub(needle.len() - 1) {
                    if chars[i..i + needle.len()] == needle[..] {
                        occurrences.push(Occurrence {
                            doc: d,
                            span: Span::body(p, i, i + needle.len()),
                        });
                    }
                }
            }
        }
        Formulation {
            text: text.into(),
            spellings: vec![text.into()],
            docs: Vec::new(),
            events: Vec::new(),
            sources: docs.len(),
            count: occurrences.len(),
            first_date: None,
            last_date: None,
            occurrences,
        }
    }

    fn docs(texts: &[&str]) -> Vec<DocInput> {
        texts
            .iter()
            .map(|t| DocInput::new(Lang::Zh, vec![t.to_string()]))
            .collect()
    }

    #[test]
    fn a_phrase_of_whole_words_in_different_sentences_is_kept() {
        let d = docs(&[
            "我们要紧紧依靠全国各族人民，推进改革。",
            "全国各族人民团结奋斗，取得了新的成就。",
            "向全国各族人民致以新春的祝福。",
        ]);
        assert!(is_formulation_shaped(&formulation("全国各族人民", &d), &d));
    }

    #[test]
    fn a_piece_cut_out_of_a_word_is_dropped() {
        let d = docs(&[
            "我们要紧紧依靠全国各族人民，推进改革。",
            "全国各族人民团结奋斗，取得了新的成就。",
            "向全国各族人民致以新春的祝福。",
        ]);
        assert!(!is_formulation_shaped(&formulation("国各族人民", &d), &d));
    }

    #[test]
    fn a_passage_every_page_repeats_is_dropped() {
        let notice = "本作品在中华人民共和国属于公有领域，因为它是官方文件。";
        let d = docs(&[notice, notice, notice]);
        assert!(!is_formulation_shaped(&formulation("属于公有领域", &d), &d));
    }
}
