//! The bigram analyzer: every run of Han characters in the normalized text
//! as overlapping character pairs, so a phrase that the segmenter buried
//! inside a longer word (大保护 in 共抓大保护) is still a phrase of pairs.
//!
//! A run (Han characters, possibly with white space between them, which
//! Chinese writing does not use between words) `c1 c2 … cn` yields `c1c2, c2c3, …, c(n-1)cn` and then the lone
//! last character `cn`, all at consecutive positions (runs follow each other
//! without a gap). The lone character marks where a run ends, so a query
//! spanning a clause break matches only text broken the same way, and every
//! character starts some term, so a one-character query is a prefix search.
//!
//! Terms are made of characters folded one by one ([`fold_han`]), so the
//! phrase-dependent choices of the normalizer do not split terms.

use crate::han::{fold_han, is_han};
use crate::recent::normalized;
use crate::stream::VecTokenStream;
use readout_normalize::{chars_only, is_traditional_char, taiwan_reading_of_chars, Normalized};
use tantivy::tokenizer::{Token, Tokenizer};

/// The tantivy tokenizer for the `bigram` field.
#[derive(Clone, Debug, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(bigram_tokens(text).into_iter().map(|b| b.token).collect())
    }
}

/// One term of the bigram field.
#[derive(Debug, Clone)]
pub struct Bigram {
    /// Offsets in the original text.
    pub token: Token,
    /// True for the lone character that closes a run.
    pub run_end: bool,
    /// Length of the run in characters.
    pub run_len: usize,
}

/// The bigram field's terms for `text`, offsets in `text`: the terms of
/// each of its [`views`](bigram_views), one after the other.
pub fn bigram_tokens(text: &str) -> Vec<Bigram> {
    let mut out = Vec::new();
    for view in bigram_views(text) {
        // A gap keeps a phrase from running from one view into the next.
        let base = out.last().map_or(0, |b: &Bigram| b.token.position + 2);
        out.extend(view.into_iter().map(|mut b| {
            b.token.position += base;
            b
        }));
    }
    out
}

/// The bigrams of the views of `text` that differ: the normalized view, and
/// for text with traditional characters also the character layer alone
/// (without the reversal of Taiwan vocabulary), when that gives other
/// terms. A fragment of a Taiwan word (財產權 out of 智慧財產權, which the
/// normalizer turns into 知识产权 as a whole) then still finds its text.
///
/// Traditional text has a third view when it holds Taiwan words that the
/// normalizer keeps because they are mainland words too (智慧, 連線): the
/// [`taiwan_reading`](readout_normalize::taiwan_reading) with all of them taken back, so that the mainland
/// phrase (智能等新型消费) finds its Taiwan-style copy.
pub fn bigram_views(text: &str) -> Vec<Vec<Bigram>> {
    let norm = normalized(text);
    let mut views = vec![view_tokens(&norm)];
    if !text.chars().any(is_traditional_char) {
        return views;
    }
    let mut push = |view: Vec<Bigram>| {
        if !views.iter().any(|v| same_terms(v, &view)) {
            views.push(view);
        }
    };
    let chars = chars_only(text);
    push(view_tokens(&chars));
    if let Some(reading) = taiwan_reading_of_chars(&chars) {
        push(view_tokens(&reading));
    }
    views
}

fn same_terms(a: &[Bigram], b: &[Bigram]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.token.text == y.token.text)
}

fn view_tokens(norm: &Normalized) -> Vec<Bigram> {
    let s = norm.text.as_str();
    let mut out = Vec::new();
    // Byte ranges of the run's characters.
    let mut run: Vec<(usize, usize)> = Vec::new();
    let flush = |run: &mut Vec<(usize, usize)>, out: &mut Vec<Bigram>| {
        let n = run.len();
        for i in 0..n {
            // A pair spans two characters; the lone last character ends the run.
            let run_end = i + 1 == n;
            let (a, _) = run[i];
            let b = run[(i + 1).min(n - 1)].1;
            let orig = norm.range_to_original(a..b);
            let text = if run_end {
                s[a..b].chars().map(fold_han).collect()
            } else {
                let (c, d) = run[i + 1];
                s[a..run[i].1]
                    .chars()
                    .chain(s[c..d].chars())
                    .map(fold_han)
                    .collect()
            };
            out.push(Bigram {
                token: Token {
                    offset_from: orig.start,
                    offset_to: orig.end,
                    position: out.len(),
                    text,
                    position_length: 1,
                },
                run_end,
                run_len: n,
            });
        }
        run.clear();
    };
    for (i, c) in s.char_indices() {
        if is_han(c) {
            run.push((i, i + c.len_utf8()));
        } else if c.is_whitespace() {
            // White space between Han characters is layout (李　强, a wrapped
            // line), not a break: the run goes on if Han follows.
        } else if !run.is_empty() {
            flush(&mut run, &mut out);
        }
    }
    if !run.is_empty() {
        flush(&mut run, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_run_ends() {
        let b = bigram_tokens("共抓大保护，党");
        let t: Vec<_> = b.iter().map(|b| b.token.text.as_str()).collect();
        assert_eq!(t, vec!["共抓", "抓大", "大保", "保护", "护", "党"]);
        assert!(b[4].run_end && b[5].run_end && !b[3].run_end);
        let pos: Vec<_> = b.iter().map(|b| b.token.position).collect();
        assert_eq!(pos, vec![0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn white_space_inside_a_run_is_layout() {
        let text = "李\u{3000}强 ，李强";
        let b = bigram_tokens(text);
        let t: Vec<_> = b.iter().map(|b| b.token.text.as_str()).collect();
        assert_eq!(t, vec!["李强", "强", "李强", "强"]);
        assert_eq!(
            &text[b[0].token.offset_from..b[0].token.offset_to],
            "李\u{3000}强"
        );
        assert_eq!(&text[b[1].token.offset_from..b[1].token.offset_to], "强");
    }

    #[test]
    fn taiwan_words_kept_by_the_normalizer_get_a_second_reading() {
        // 智慧 is wisdom here, and the normalizer keeps it; the reading
        // takes every Taiwan word back, so 智能 (smart) finds the text too.
        let text = "發揮人民群眾的智慧和力量";
        let terms: Vec<Vec<String>> = bigram_views(text)
            .into_iter()
            .map(|v| v.into_iter().map(|b| b.token.text).collect())
            .collect();
        assert!(terms[0].contains(&"智慧".to_string()), "{terms:?}");
        let reading = terms.last().unwrap();
        assert!(reading.contains(&"智能".to_string()), "{terms:?}");
        // Where the context says 智能, the normalizer reverses it itself.
        let smart = bigram_views("綠色、智慧等新型消費");
        assert!(smart[0].iter().any(|b| b.token.text == "智能"));
        // Mainland text has one view only.
        assert_eq!(bigram_views("绿色、智慧等新型消费").len(), 1);
    }

    #[test]
    fn traditional_pairs_map_to_original_spans() {
        let text = "國內大迴圈";
        let b = bigram_tokens(text);
        assert_eq!(b[0].token.text, "国内");
        assert_eq!(&text[b[0].token.offset_from..b[0].token.offset_to], "國內");
    }
}
