//! The Chinese analyzer: normalize (any script to the mainland-simplified
//! view), segment with jieba, and report each word with the byte span of
//! the ORIGINAL text it came from, so highlights fall on the text as written.
//!
//! Positions number the tokens 0, 1, 2, … without gaps. Punctuation is a
//! token too (its own mark, full-width folded), so a phrase never bridges a
//! clause break (发展，改革 is not the phrase 发展改革) while a query that
//! keeps the mark finds it; white space is no token. Letters and digits
//! inside Chinese text are terms, with full-width forms folded and letters
//! lowercased.

use crate::dictionary::Dictionary;
use crate::han::{fold_width, is_han};
use crate::recent::normalized;
use crate::stream::VecTokenStream;
use tantivy::tokenizer::{Token, Tokenizer};

/// Terms longer than this (in bytes) are garbage, not words; tantivy caps
/// terms too.
pub(crate) const MAX_TERM_BYTES: usize = 120;

/// The tantivy tokenizer for the `zh` field.
#[derive(Clone, Debug)]
pub struct ChineseTokenizer {
    dict: Dictionary,
}

impl ChineseTokenizer {
    pub fn new(dict: Dictionary) -> Self {
        ChineseTokenizer { dict }
    }
}

impl Tokenizer for ChineseTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(chinese_tokens(&self.dict, text))
    }
}

/// Text with full-width ASCII folded, and the way back to the text's offsets.
struct Folded {
    text: String,
    /// Byte offset of the unfolded text for each byte offset of `text`
    /// (`None` when folding changed nothing).
    back: Option<Vec<usize>>,
}

impl Folded {
    fn new(s: &str) -> Folded {
        if !s.chars().any(|c| fold_width(c) != c) {
            return Folded {
                text: s.to_owned(),
                back: None,
            };
        }
        let mut text = String::with_capacity(s.len());
        let mut back = Vec::with_capacity(s.len() + 1);
        for (i, c) in s.char_indices() {
            let f = fold_width(c);
            text.push(f);
            back.extend(std::iter::repeat_n(i, f.len_utf8()));
        }
        back.push(s.len());
        Folded {
            text,
            back: Some(back),
        }
    }

    fn back(&self, b: usize) -> usize {
        match &self.back {
            None => b,
            Some(v) => v
                .get(b)
                .copied()
                .unwrap_or_else(|| v.last().copied().unwrap_or(0)),
        }
    }
}

/// The `zh` field's tokens for `text`, offsets in `text`.
pub fn chinese_tokens(dict: &Dictionary, text: &str) -> Vec<Token> {
    let norm = normalized(text);
    let folded = Folded::new(&norm.text);
    let mut out: Vec<Token> = Vec::new();
    for w in dict.jieba().cut(&folded.text, false) {
        let word = w.word;
        if word.chars().all(char::is_whitespace) {
            continue;
        }
        let term: String = if word.chars().any(is_han) {
            word.to_owned()
        } else if !word.chars().any(char::is_alphanumeric) {
            // A run of marks (……, ——) is one token; white space inside is dropped.
            word.chars().filter(|c| !c.is_whitespace()).collect()
        } else {
            word.chars().flat_map(char::to_lowercase).collect()
        };
        if term.len() > MAX_TERM_BYTES {
            continue;
        }
        let position = out.len();
        let start = folded.back(w.byte_start);
        let end = folded.back(w.byte_end);
        let orig = norm.range_to_original(start..end);
        out.push(Token {
            offset_from: orig.start,
            offset_to: orig.end,
            position,
            text: term,
            position_length: 1,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<(String, usize, String)> {
        let dict = Dictionary::new::<&str>(&[]);
        chinese_tokens(&dict, text)
            .into_iter()
            .map(|t| {
                (
                    t.text,
                    t.position,
                    text[t.offset_from..t.offset_to].to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn formulations_are_one_term() {
        let t = terms("坚持共抓大保护");
        assert!(t.iter().any(|(w, _, _)| w == "共抓大保护"), "{t:?}");
    }

    #[test]
    fn traditional_terms_are_simplified_with_original_spans() {
        let t = terms("推動長江經濟帶發展");
        let hit = t.iter().find(|(w, _, _)| w == "长江经济带").expect("term");
        assert_eq!(hit.2, "長江經濟帶");
    }

    #[test]
    fn positions_are_consecutive_with_punctuation_as_tokens() {
        let t = terms("发展，改革 ＡＰＥＣ");
        let pos: Vec<_> = t.iter().map(|(w, p, _)| (w.as_str(), *p)).collect();
        assert_eq!(pos, vec![("发展", 0), (",", 1), ("改革", 2), ("apec", 3)]);
        assert_eq!(t[1].2, "，");
        assert_eq!(t[3].2, "ＡＰＥＣ");
    }
}
