//! English renderings of a Chinese phrase inside an aligned pair: the stretch of the
//! English that the phrase's words link to through the lexicon (and numbers). Fixed
//! formulations are translated by convention ("high-quality development" for 高质量发展,
//! "the CPC Central Committee with Comrade Xi Jinping at the core" for
//! 以习近平同志为核心的党中央), so reading the renderings off aligned pairs builds the
//! formulation memory ([`crate::FormulationMemory`]) and shows analysts how a phrase is
//! put into English.
//!
//! The words are linked as the omission finder links them (lexicon stem ids, or a memory
//! phrase's stems). A rendering is the shortest stretch of one English sentence that
//! starts and ends on a linked token, links at least two thirds of the phrase's
//! translatable words through at least two tokens, never runs more than
//! [`MAX_GAP`] unlinked content words in a row and is at most about three tokens per word
//! long. Where the English leaves the phrase out there is no such stretch and no
//! rendering: nothing is guessed.

use std::ops::Range;

use crate::english;
use crate::lexicon::Lexicon;
use crate::numbers;

/// An English rendering of a Chinese phrase.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Rendering {
    /// Index of the English sentence (in the slice searched).
    pub sentence: usize,
    /// Byte span in that sentence.
    pub span: Range<usize>,
    /// The rendering as the sentence writes it.
    pub text: String,
    /// Translatable words of the phrase that the rendering links to, of `words`.
    pub linked: usize,
    pub words: usize,
}

/// Most unlinked content words in a row inside a rendering: a rendering's own glue
/// ("with Comrade Xi Jinping at the core") passes, two phrases apart do not join.
pub const MAX_GAP: usize = 2;

/// A link key: a lexicon stem id or a canonical number.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Stem(u32),
    Number(String),
}

/// A translatable item of a Chinese phrase: the keys any of which shows it rendered.
struct Item {
    keys: Vec<Key>,
    /// A single character (大, 抓, 好) is too polysemous to be required: it links when
    /// its translation is there, but a rendering need not show it.
    optional: bool,
}

/// The translatable items of a Chinese phrase. Numbers (十八, 2035) take in the lexicon
/// words they overlap.
fn phrase_items(lexicon: &Lexicon, phrase: &str) -> Vec<Item> {
    let nums = numbers::zh_numbers(phrase);
    let mut items: Vec<Item> = nums
        .iter()
        .map(|(n, _)| Item {
            keys: vec![Key::Number(n.clone())],
            optional: false,
        })
        .collect();
    for w in lexicon.segment(phrase, None) {
        let Some(ids) = w.kind.ids(|_| None) else {
            continue;
        };
        if ids.is_empty() {
            continue;
        }
        let keys = ids.into_iter().map(Key::Stem);
        match nums
            .iter()
            .position(|(_, r)| r.start < w.span.end && w.span.start < r.end)
        {
            Some(k) => items[k].keys.extend(keys),
            None => items.push(Item {
                keys: keys.collect(),
                optional: phrase[w.span.clone()].chars().count() < 2,
            }),
        }
    }
    items
}

/// One English token: its byte span and the keys it offers (none for a stop word).
struct EnToken {
    span: Range<usize>,
    keys: Vec<Key>,
    /// A content word (not a stop word, not a single letter).
    content: bool,
}

fn en_tokens(lexicon: &Lexicon, text: &str) -> Vec<EnToken> {
    english::tokens(text)
        .into_iter()
        .map(|t| {
            if t.is_number() {
                let keys = numbers::en_number(t.text)
                    .map(Key::Number)
                    .into_iter()
                    .collect();
                return EnToken {
                    span: t.span,
                    keys,
                    content: true,
                };
            }
            let lower = t.text.to_lowercase();
            if lower.chars().count() < 2 || english::is_stopword(&lower) {
                return EnToken {
                    span: t.span,
                    keys: Vec::new(),
                    content: false,
                };
            }
            let keys = lexicon
                .stem_id(&english::stem(&lower))
                .map(Key::Stem)
                .into_iter()
                .collect();
            EnToken {
                span: t.span,
                keys,
                content: true,
            }
        })
        .collect()
}

/// The byte span of tokens `i..=j`, extended over linked tokens directly next to it
/// (nothing but a space or hyphen between): the shortest stretch that links the phrase
/// may start inside its rendering ("Central Committee" of "Party Central Committee").
fn extend(text: &str, toks: &[EnToken], masks: &[u64], i: usize, j: usize) -> Range<usize> {
    let touching = |a: &EnToken, b: &EnToken| {
        text.get(a.span.end..b.span.start).is_some_and(|between| {
            between.len() <= 1 && between.chars().all(|c| c == ' ' || c == '-')
        })
    };
    let (mut i, mut j) = (i, j);
    while i > 0 && masks[i - 1] != 0 && touching(&toks[i - 1], &toks[i]) {
        i -= 1;
    }
    while j + 1 < toks.len() && masks[j + 1] != 0 && touching(&toks[j], &toks[j + 1]) {
        j += 1;
    }
    toks[i].span.start..toks[j].span.end
}

/// True when only words (stop words, as the caller checks) and spaces stand between two
/// tokens: no comma, semicolon or bracket.
fn joined(text: &str, a: &EnToken, b: &EnToken) -> bool {
    text.get(a.span.end..b.span.start).is_some_and(|between| {
        between
            .chars()
            .all(|c| c.is_alphanumeric() || c.is_whitespace() || c == '-' || c == '\'' || c == '’')
    })
}

/// Widens a span to whole hyphenated compounds ("large-scale" when only "scale" links).
fn widen_to_compounds(text: &str, span: Range<usize>) -> Range<usize> {
    let b = text.as_bytes();
    let word = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let (mut start, mut end) = (span.start, span.end);
    while start >= 2 && b[start - 1] == b'-' && word(start - 2) {
        start -= 1;
        while start > 0 && word(start - 1) {
            start -= 1;
        }
    }
    while b.get(end) == Some(&b'-') && word(end + 1) {
        end += 1;
        while word(end) {
            end += 1;
        }
    }
    start..end
}

/// The best rendering of `phrase` (mainland simplified Chinese) in any of the English
/// sentences `en` (the English side of one aligned pair), or `None` when the English
/// gives no lexical evidence of it.
pub fn find_rendering(lexicon: &Lexicon, phrase: &str, en: &[&str]) -> Option<Rendering> {
    let items = phrase_items(lexicon, phrase);
    // A mask per English token says which items it links to; longer phrases are not
    // formulations.
    if items.is_empty() || items.len() > 64 {
        return None;
    }
    let required: u64 = items
        .iter()
        .enumerate()
        .filter(|(_, it)| !it.optional)
        .fold(0, |m, (k, _)| m | (1 << k));
    // A phrase of single characters only: each counts.
    let all = u64::MAX >> (64 - items.len());
    let required = if required == 0 { all } else { required };
    let words = required.count_ones() as usize;
    let need = (2 * words).div_ceil(3);
    let max_tokens = 3 * items.len() + 4;
    // (rank, sentence, byte span)
    type Rank = (usize, usize, usize, usize);
    let mut best: Option<(Rank, usize, Range<usize>)> = None;
    for (s, text) in en.iter().enumerate() {
        let toks = en_tokens(lexicon, text);
        let masks: Vec<u64> = toks
            .iter()
            .map(|t| {
                items.iter().enumerate().fold(0u64, |m, (k, it)| {
                    if t.keys.iter().any(|x| it.keys.contains(x)) {
                        m | (1 << k)
                    } else {
                        m
                    }
                })
            })
            .collect();
        for i in (0..toks.len()).filter(|&i| masks[i] != 0) {
            let (mut mask, mut linked_tokens, mut gap, mut last) = (masks[i], 1usize, 0usize, i);
            // What the tokens after the first link, and whether the first is joined to
            // the next linked one: a first token that neither adds to the rest nor
            // joins it starts another phrase ("Coordinated Regional Development should
            // strengthen the overall coordination" for 加强统筹协调).
            let (mut rest, mut first_joined) = (0u64, None);
            for j in i + 1..toks.len().min(i + max_tokens) {
                if masks[j] == 0 {
                    if toks[j].content {
                        gap += 1;
                        if gap > MAX_GAP {
                            break;
                        }
                    }
                    continue;
                }
                // A token past unlinked words or punctuation belongs to the rendering
                // only if it links a word of the phrase not linked yet; one that just
                // repeats ("…development has been steadily improved, and the
                // development") is another phrase.
                let adds = masks[j] & required & !mask != 0;
                if !adds && (gap > 0 || !joined(text, &toks[last], &toks[j])) {
                    continue;
                }
                if first_joined.is_none() {
                    first_joined = Some(gap == 0 && joined(text, &toks[i], &toks[j]));
                }
                gap = 0;
                last = j;
                mask |= masks[j];
                rest |= masks[j];
                linked_tokens += 1;
                let linked = (mask & required).count_ones() as usize;
                if linked < need || (masks[i] & !rest == 0 && first_joined == Some(false)) {
                    continue;
                }
                // More of the phrase linked first, then more of the English linked
                // ("new pattern of development" over "new pattern"), then shorter.
                let rank = (
                    linked,
                    mask.count_ones() as usize,
                    linked_tokens,
                    usize::MAX - (j + 1 - i),
                );
                if best.as_ref().is_none_or(|b| rank > b.0) {
                    best = Some((rank, s, extend(text, &toks, &masks, i, j)));
                }
            }
        }
    }
    let ((linked, ..), sentence, span) = best?;
    let text = en.get(sentence)?;
    let span = widen_to_compounds(text, span);
    Some(Rendering {
        sentence,
        text: text.get(span.clone())?.to_string(),
        span,
        linked,
        words,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(phrase: &str, en: &[&str]) -> Option<String> {
        find_rendering(Lexicon::bundled(), phrase, en).map(|r| r.text)
    }

    #[test]
    fn a_rendered_formulation_is_found_as_written() {
        let en = ["The meeting called for focusing on high-quality development and opening-up."];
        assert_eq!(
            find("高质量发展", &en).as_deref(),
            Some("high-quality development")
        );
    }

    #[test]
    fn the_glue_of_a_rendering_is_kept() {
        let en = ["It was a major decision made by the Party Central Committee with Comrade Xi Jinping at the core."];
        assert_eq!(
            find("以习近平同志为核心的党中央", &en).as_deref(),
            Some("Party Central Committee with Comrade Xi Jinping at the core")
        );
    }

    #[test]
    fn english_that_leaves_the_phrase_out_gives_no_rendering() {
        let en = ["It was a major strategic decision made by the Party Central Committee."];
        assert_eq!(find("以习近平同志为核心", &en), None);
        let en = ["The meeting reviewed measures for the western region."];
        assert_eq!(find("高质量发展", &en), None);
    }

    #[test]
    fn scattered_words_do_not_make_a_rendering() {
        // "quality" and "development" are there, but many words apart.
        let en = ["The quality of the report was praised by delegates, officials, experts, journalists and guests at the development forum."];
        assert_eq!(find("高质量发展", &en), None);
    }

    #[test]
    fn the_best_sentence_of_the_pair_is_chosen_and_spans_point_at_it() {
        let en = [
            "The meeting was held on Friday.",
            "It stressed the need to pursue high-quality development.",
        ];
        let r = find_rendering(Lexicon::bundled(), "高质量发展", &en).expect("rendered");
        assert_eq!(r.sentence, 1);
        assert_eq!(&en[1][r.span.clone()], r.text);
        assert_eq!(r.linked, r.words);
    }

    #[test]
    fn numbers_link_across_languages() {
        let en = ["They set the long-range objectives through the year 2035."];
        assert_eq!(
            find("2035年远景目标", &en).as_deref(),
            Some("long-range objectives through the year 2035")
        );
    }

    #[test]
    fn empty_and_odd_input_never_panics() {
        assert_eq!(find("", &["anything"]), None);
        assert_eq!(find("高质量发展", &[]), None);
        assert_eq!(find("高质量发展", &["", "-", "high-"]), None);
    }
}
