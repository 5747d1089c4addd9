//! From a parsed query to what runs against the index: each term becomes a
//! paragraph-level tantivy query plus the patterns that find it again in a
//! paragraph for highlighting; the boolean structure is kept, to be applied
//! to documents (so `A AND B` needs A and B in the document, not in one
//! paragraph).
//!
//! A term with Han characters is a Chinese phrase: normalized and segmented
//! as the `zh` field was, OR the same characters as a phrase of bigrams (so
//! a phrase inside a longer word still matches). A term without Han is
//! English words, stemmed, a phrase when there are several.

use crate::bigram::{bigram_views, Bigram};
use crate::chinese::chinese_tokens;
use crate::dictionary::Dictionary;
use crate::han::is_han;
use crate::latin::english_tokens;
use crate::schema::Fields;
use crate::syntax::Ast;
use tantivy::query::{
    BooleanQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query as TantivyQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Longest query text analyzed, in characters; the rest is ignored.
pub(crate) const MAX_QUERY_CHARS: usize = 1000;
/// Most terms a query may have; the rest are ignored.
pub(crate) const MAX_TERMS: usize = 64;
/// Bigrams a one-character prefix may expand to (every pair starting with
/// the character; a few thousand at most in any real text).
const MAX_EXPANSIONS: u32 = 50_000;

/// One unit to find again in a paragraph for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// Consecutive bigram terms; the flag marks a one-character prefix.
    Bigrams(Vec<(String, bool)>),
    /// Consecutive stemmed English terms.
    Words(Vec<String>),
}

/// A term of the query, ready to run.
pub struct Leaf {
    pub query: Box<dyn TantivyQuery>,
    pub patterns: Vec<Pattern>,
}

/// The boolean structure over leaves (by index into [`Plan::leaves`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    Leaf(usize),
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
}

pub struct Plan {
    pub expr: Expr,
    pub leaves: Vec<Leaf>,
    /// Patterns of the terms not under a NOT: what highlights show.
    pub highlight: Vec<Pattern>,
}

fn term_query(field: Field, text: &str) -> Box<dyn TantivyQuery> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqsAndPositions,
    ))
}

/// A phrase of (position, term); one term is a term query.
fn phrase(field: Field, terms: &[(usize, String)]) -> Option<Box<dyn TantivyQuery>> {
    match terms {
        [] => None,
        [(_, t)] => Some(term_query(field, t)),
        _ => {
            let base = terms[0].0;
            Some(Box::new(PhraseQuery::new_with_offset(
                terms
                    .iter()
                    .map(|(p, t)| (p - base, Term::from_field_text(field, t)))
                    .collect(),
            )))
        }
    }
}

fn union(parts: Vec<Box<dyn TantivyQuery>>) -> Option<Box<dyn TantivyQuery>> {
    let mut parts = parts;
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            parts.into_iter().map(|q| (Occur::Should, q)).collect(),
        ))),
    }
}

fn intersection(parts: Vec<Box<dyn TantivyQuery>>) -> Option<Box<dyn TantivyQuery>> {
    let mut parts = parts;
    match parts.len() {
        0 => None,
        1 => parts.pop(),
        _ => Some(Box::new(BooleanQuery::new(
            parts.into_iter().map(|q| (Occur::Must, q)).collect(),
        ))),
    }
}

/// The bigram phrase of a Chinese term: its pairs in order; the lone
/// character closing the last run is dropped (in the text that run may go
/// on), unless the run is one character, which then matches as a prefix.
fn bigram_phrase(field: Field, mut toks: Vec<Bigram>) -> Option<(Box<dyn TantivyQuery>, Pattern)> {
    let mut prefix = false;
    if let Some(last) = toks.last() {
        if last.run_end && last.run_len >= 2 {
            toks.pop();
        } else if last.run_end {
            prefix = true;
        }
    }
    if toks.is_empty() {
        return None;
    }
    let pattern = Pattern::Bigrams(
        toks.iter()
            .enumerate()
            .map(|(i, t)| (t.token.text.clone(), prefix && i + 1 == toks.len()))
            .collect(),
    );
    let terms: Vec<(usize, Term)> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| (i, Term::from_field_text(field, &t.token.text)))
        .collect();
    let query: Box<dyn TantivyQuery> = if prefix {
        let mut q = PhrasePrefixQuery::new_with_offset(terms);
        q.set_max_expansions(MAX_EXPANSIONS);
        Box::new(q)
    } else if terms.len() == 1 {
        term_query(field, &toks[0].token.text)
    } else {
        Box::new(PhraseQuery::new_with_offset(terms))
    };
    Some((query, pattern))
}

/// English words as a term or phrase on the `en` field.
fn words(fields: &Fields, text: &str) -> Option<(Box<dyn TantivyQuery>, Pattern)> {
    let toks: Vec<(usize, String)> = english_tokens(text)
        .into_iter()
        .map(|t| (t.position, t.text))
        .collect();
    let q = phrase(fields.en, &toks)?;
    Some((q, Pattern::Words(toks.into_iter().map(|t| t.1).collect())))
}

/// Plans one term of the query.
pub(crate) fn leaf(fields: &Fields, dict: &Dictionary, text: &str) -> Option<Leaf> {
    if !text.chars().any(is_han) {
        let (query, pattern) = words(fields, text)?;
        return Some(Leaf {
            query,
            patterns: vec![pattern],
        });
    }
    // The segmented phrase on the `zh` field.
    let zh_terms: Vec<(usize, String)> = chinese_tokens(dict, text)
        .into_iter()
        .map(|t| (t.position, t.text))
        .collect();
    let zh = phrase(fields.zh, &zh_terms);
    // The fallback: bigrams of the Han part, and any Latin words, together.
    let mut patterns = Vec::new();
    let mut parts = Vec::new();
    // Each view of the query (see `bigram_views`) is an alternative.
    let mut views = Vec::new();
    for view in bigram_views(text) {
        if let Some((q, p)) = bigram_phrase(fields.bigram, view) {
            views.push(q);
            patterns.push(p);
        }
    }
    parts.extend(union(views));
    let latin: String = text
        .chars()
        .map(|c| if is_han(c) { ' ' } else { c })
        .collect();
    for w in latin.split_whitespace() {
        if let Some((q, p)) = words(fields, w) {
            parts.push(q);
            patterns.push(p);
        }
    }
    let fallback = intersection(parts);
    let query = union(zh.into_iter().chain(fallback).collect())?;
    Some(Leaf { query, patterns })
}

/// Plans a parsed query. `None` when no term of it yields anything to look for.
pub(crate) fn plan(fields: &Fields, dict: &Dictionary, ast: &Ast) -> Option<Plan> {
    let mut p = Plan {
        expr: Expr::And(Vec::new()),
        leaves: Vec::new(),
        highlight: Vec::new(),
    };
    p.expr = walk(fields, dict, ast, false, &mut p)?;
    Some(p)
}

fn walk(
    fields: &Fields,
    dict: &Dictionary,
    ast: &Ast,
    negated: bool,
    p: &mut Plan,
) -> Option<Expr> {
    match ast {
        Ast::Term(t) => {
            if p.leaves.len() >= MAX_TERMS {
                return None;
            }
            let t: String = t.chars().take(MAX_QUERY_CHARS).collect();
            let leaf = leaf(fields, dict, &t)?;
            if !negated {
                p.highlight.extend(leaf.patterns.iter().cloned());
            }
            p.leaves.push(leaf);
            Some(Expr::Leaf(p.leaves.len() - 1))
        }
        Ast::Not(inner) => walk(fields, dict, inner, !negated, p).map(|e| Expr::Not(Box::new(e))),
        Ast::And(parts) | Ast::Or(parts) => {
            let mut kids: Vec<Expr> = parts
                .iter()
                .filter_map(|a| walk(fields, dict, a, negated, p))
                .collect();
            match kids.len() {
                0 => None,
                1 => kids.pop(),
                _ if matches!(ast, Ast::And(_)) => Some(Expr::And(kids)),
                _ => Some(Expr::Or(kids)),
            }
        }
    }
}
