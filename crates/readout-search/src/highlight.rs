//! Finding a query's terms again in a paragraph, as spans of the paragraph
//! as written: Chinese phrases through the bigram view (whose terms carry
//! spans of the original text), English words through the stemmed view.

use crate::bigram::{bigram_tokens, Bigram};
use crate::han::is_han;
use crate::latin::english_tokens;
use crate::plan::Pattern;
use std::ops::Range;
use tantivy::tokenizer::Token;

/// Byte spans of `text` where `patterns` occur, sorted, overlaps merged.
pub(crate) fn find(patterns: &[Pattern], text: &str) -> Vec<Range<usize>> {
    let mut bigrams: Option<Vec<Bigram>> = None;
    let mut words: Option<Vec<Token>> = None;
    let mut spans = Vec::new();
    for p in patterns {
        match p {
            Pattern::Bigrams(terms) => {
                if !text.chars().any(is_han) {
                    continue;
                }
                let toks = bigrams.get_or_insert_with(|| bigram_tokens(text));
                find_bigrams(toks, terms, &mut spans);
            }
            Pattern::Words(terms) => {
                let toks = words.get_or_insert_with(|| english_tokens(text));
                find_words(toks, terms, &mut spans);
            }
        }
    }
    merge(spans)
}

fn find_bigrams(toks: &[Bigram], terms: &[(String, bool)], out: &mut Vec<Range<usize>>) {
    let m = terms.len();
    if m == 0 || toks.len() < m {
        return;
    }
    for i in 0..=toks.len() - m {
        let ok = terms.iter().enumerate().all(|(k, (t, prefix))| {
            let have = &toks[i + k].token.text;
            if *prefix {
                have.starts_with(t.as_str())
            } else {
                have == t
            }
        });
        if !ok {
            continue;
        }
        let first = &toks[i].token;
        let last = &toks[i + m - 1];
        let mut end = last.token.offset_to;
        if terms[m - 1].1 && last.token.text.chars().count() > 1 {
            // A prefix match on a pair covers its first character only: up
            // to where the next term (starting at the second) begins.
            if let Some(next) = toks.get(i + m) {
                if next.token.offset_from > last.token.offset_from {
                    end = next.token.offset_from;
                }
            }
        }
        out.push(first.offset_from..end.max(first.offset_from));
    }
}

fn find_words(toks: &[Token], terms: &[String], out: &mut Vec<Range<usize>>) {
    let m = terms.len();
    if m == 0 || toks.len() < m {
        return;
    }
    for i in 0..=toks.len() - m {
        if terms
            .iter()
            .enumerate()
            .all(|(k, t)| &toks[i + k].text == t)
        {
            out.push(toks[i].offset_from..toks[i + m - 1].offset_to);
        }
    }
}

fn merge(mut spans: Vec<Range<usize>>) -> Vec<Range<usize>> {
    spans.retain(|r| r.end > r.start);
    spans.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match out.last_mut() {
            Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// Byte spans of `text` as character spans.
pub(crate) fn char_spans(text: &str, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut bounds: Vec<usize> = spans.iter().flat_map(|r| [r.start, r.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let mut chars_at = Vec::with_capacity(bounds.len());
    let mut it = text.char_indices().enumerate().peekable();
    for b in &bounds {
        while let Some(&(_, (i, _))) = it.peek() {
            if i >= *b {
                break;
            }
            it.next();
        }
        let n = match it.peek() {
            Some(&(n, _)) => n,
            None => text.chars().count(),
        };
        chars_at.push((*b, n));
    }
    let look = |b: usize| {
        chars_at
            .binary_search_by_key(&b, |x| x.0)
            .map(|i| chars_at[i].1)
            .unwrap_or(0)
    };
    spans.iter().map(|r| look(r.start)..look(r.end)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_phrase_spans() {
        let text = "共抓大保护，党的领导";
        let p = vec![Pattern::Bigrams(vec![
            ("大保".into(), false),
            ("保护".into(), false),
        ])];
        let s = find(&p, text);
        assert_eq!(char_spans(text, &s), vec![2..5]);
        let p = vec![Pattern::Bigrams(vec![("党".into(), true)])];
        let s = find(&p, text);
        assert_eq!(char_spans(text, &s), vec![6..7]);
    }

    #[test]
    fn words_spans() {
        let text = "Two meetings, one Meeting.";
        let p = vec![Pattern::Words(vec!["meet".into()])];
        assert_eq!(char_spans(text, &find(&p, text)), vec![4..12, 18..25]);
    }
}
