//! The English analyzer: words of letters and digits (Han characters are not
//! part of them, so `APEC会议` yields `apec`), full-width forms folded,
//! lowercased, then tantivy's English stemmer, so `meetings` and `meeting`
//! are one term. It runs over every paragraph: a Latin word inside Chinese
//! text (GDP, APEC) is then found by the same query as in English text.

use crate::chinese::MAX_TERM_BYTES;
use crate::han::{fold_word, is_word_char};
use crate::stream::VecTokenStream;
use tantivy::tokenizer::{Language, Stemmer, TextAnalyzer, Token, Tokenizer};

/// Splits text into Latin-script words, lowercased.
#[derive(Clone, Debug, Default)]
pub struct LatinTokenizer;

impl Tokenizer for LatinTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(latin_words(text))
    }
}

/// The words of `text`, lowercased and width-folded, offsets in `text`.
pub fn latin_words(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let push = |a: usize, b: usize, out: &mut Vec<Token>| {
        let term = fold_word(&text[a..b]);
        if term.len() <= MAX_TERM_BYTES {
            out.push(Token {
                offset_from: a,
                offset_to: b,
                position: out.len(),
                text: term,
                position_length: 1,
            });
        }
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                push(a, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        push(a, text.len(), &mut out);
    }
    out
}

/// The analyzer of the `en` field.
pub fn english_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(LatinTokenizer)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The `en` field's terms for `text` (stemmed), offsets in `text`.
pub fn english_tokens(text: &str) -> Vec<Token> {
    let mut analyzer = english_analyzer();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    stream.process(&mut |t| out.push(t.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_split_from_han_and_stemmed() {
        let t = english_tokens("Meetings of APEC会议 ＧＤＰ");
        let w: Vec<_> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(w, vec!["meet", "of", "apec", "gdp"]);
        assert_eq!(t[2].offset_to - t[2].offset_from, 4);
        assert_eq!(t[3].position, 3);
    }
}
