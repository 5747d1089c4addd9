//! National strategies named in a document (长江经济带, 西部大开发, "Belt and Road"…),
//! from the maintained list in `data/strategies.tsv`, matched in Chinese and English.
//!
//! A strategy is `primary` when a headline or the lead's first sentence names it: that
//! is the strategy the event is about; others are mentioned in passing.

use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyHit {
    /// Canonical Chinese name.
    pub name: String,
    /// Canonical English name.
    pub english: String,
    /// Named in a headline or the lead's first sentence.
    pub primary: bool,
    /// Occurrences in headlines and body.
    pub count: usize,
    /// Every occurrence, in text order (body first, then headlines).
    pub spans: Vec<Span>,
}

struct Entry {
    zh: String,
    en: String,
}

struct Matchers {
    entries: Vec<Entry>,
    zh: AhoCorasick,
    zh_of: Vec<usize>,
    en: AhoCorasick,
    en_of: Vec<usize>,
}

fn matchers() -> &'static Matchers {
    static M: OnceLock<Matchers> = OnceLock::new();
    M.get_or_init(|| {
        let mut entries = Vec::new();
        let (mut zh_pats, mut zh_of, mut en_pats, mut en_of) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for line in include_str!("../data/strategies.tsv").lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let i = entries.len();
            let get = |k: usize| cols.get(k).copied().unwrap_or("").trim();
            entries.push(Entry {
                zh: get(0).to_string(),
                en: get(2).to_string(),
            });
            for z in std::iter::once(get(0)).chain(get(1).split('|')) {
                let z = z.trim();
                if !z.is_empty() {
                    // Readouts quote some names (共建“一带一路”); the view keeps quotes, so
                    // the pattern is matched against quote-free text (see `fold`).
                    zh_pats.push(z.replace(['“', '”', '、'], ""));
                    zh_of.push(i);
                }
            }
            for e in std::iter::once(get(2)).chain(get(3).split('|')) {
                let e = e.trim();
                if !e.is_empty() {
                    en_pats.push(e.to_string());
                    en_of.push(i);
                }
            }
        }
        let build = |pats: &[String], ci: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(ci)
                .build(pats)
                .expect("strategy patterns build")
        };
        Matchers {
            zh: build(&zh_pats, false),
            en: build(&en_pats, true),
            entries,
            zh_of,
            en_of,
        }
    })
}

/// The view's text with quote marks and 、 dropped, and a map back to view indices.
fn fold(v: &View) -> (String, Vec<usize>) {
    let mut s = String::new();
    let mut idx = Vec::new();
    for (i, &c) in v.chars.iter().enumerate() {
        if matches!(c, '“' | '”' | '‘' | '’' | '、') {
            continue;
        }
        s.push(c);
        for _ in 0..c.len_utf8() {
            idx.push(i);
        }
    }
    idx.push(v.len());
    (s, idx)
}

fn hits(v: &View, lang: RuleLang) -> Vec<(usize, Span)> {
    let m = matchers();
    let mut out = Vec::new();
    match lang {
        RuleLang::Zh => {
            let (s, idx) = fold(v);
            for h in m.zh.find_iter(&s) {
                out.push((
                    m.zh_of[h.pattern().as_usize()],
                    v.span(idx[h.start()], idx[h.end() - 1] + 1),
                ));
            }
        }
        RuleLang::En => {
            let (s, idx) = v.indexed_string();
            let b = s.as_bytes();
            for h in m.en.find_iter(&s) {
                let word_edge = |i: usize| i >= b.len() || !b[i].is_ascii_alphanumeric();
                if (h.start() == 0 || word_edge(h.start() - 1)) && word_edge(h.end()) {
                    out.push((
                        m.en_of[h.pattern().as_usize()],
                        v.span(idx[h.start()], idx[h.end()]),
                    ));
                }
            }
        }
    }
    out
}

pub(crate) fn find(p: &Prepared) -> Vec<StrategyHit> {
    let m = matchers();
    let mut out: Vec<StrategyHit> = Vec::new();
    let lead_first = p.lead_view().map(|v| {
        let end = match p.lang {
            RuleLang::Zh => crate::sentences::zh(v, false)
                .first()
                .map_or(v.len(), |x| x.1),
            RuleLang::En => crate::sentences::en(v).first().map_or(v.len(), |x| x.1),
        };
        (v.para, v.span(0, end).end)
    });
    for v in p.paras.iter().chain(&p.heads) {
        for (e, sp) in hits(v, p.lang) {
            let primary = v.headline
                || lead_first
                    .is_some_and(|(para, end)| !sp.headline && sp.para == para && sp.end <= end);
            let entry = &m.entries[e];
            match out.iter_mut().find(|h| h.name == entry.zh) {
                Some(h) => {
                    h.primary |= primary;
                    h.count += 1;
                    h.spans.push(sp);
                }
                None => out.push(StrategyHit {
                    name: entry.zh.clone(),
                    english: entry.en.clone(),
                    primary,
                    count: 1,
                    spans: vec![sp],
                }),
            }
        }
    }
    out
}
