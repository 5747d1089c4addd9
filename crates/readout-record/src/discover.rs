//! Formulations found in a corpus: bounded n-grams (4 to 16 characters by default) of
//! the Chinese clauses of many documents that recur in at least two of them (or two
//! events, when the caller links documents to events), minus a stop-list
//! (`data/ngram_stoplist.txt`) and minus any n-gram inside a longer one seen as often.
//!
//! Counting is level-wise (Apriori): an n-gram of length L is counted only when both of
//! its (L-1)-grams recurred, which keeps the tables small on long reports.

use crate::names::is_han;
use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use crate::DocInput;
use readout_lang::CivilDate;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq)]
pub struct DiscoverOptions {
    /// Shortest n-gram, in chars.
    pub min_len: usize,
    /// Longest n-gram, in chars (list separators 、 count).
    pub max_len: usize,
    /// How many distinct sources must contain it.
    pub min_sources: usize,
    /// Count sources by event (documents of one event count once) when the
    /// documents name their event.
    pub by_event: bool,
    /// An n-gram is dropped when a longer one containing it, found in as many sources,
    /// has at least this share of its occurrences. 1.0 drops only n-grams that never
    /// occur outside the longer one; a little less also drops fragments (建设社会主 in
    /// 建设社会主义) that a stray line break or typo keeps apart.
    pub maximality: f64,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            min_len: 4,
            max_len: 16,
            min_sources: 2,
            by_event: true,
            maximality: 0.9,
        }
    }
}

/// One occurrence of a formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    /// Index of the document in the slice passed to [`discover`].
    pub doc: usize,
    pub span: Span,
}

/// A formulation and where it recurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Formulation {
    /// The formulation in the normalized view (white space dropped).
    pub text: String,
    /// The distinct spellings seen in the documents' normalized text; callers add the
    /// original spellings by mapping `occurrences` back.
    pub spellings: Vec<String>,
    /// Ids of the documents it occurs in.
    pub docs: Vec<String>,
    /// Ids of the events it occurs in (documents that name one).
    pub events: Vec<String>,
    /// Distinct sources (events, or documents without an event) it occurs in.
    pub sources: usize,
    /// Occurrences in all documents.
    pub count: usize,
    /// Earliest and latest event dates (resolved, else publication date) of its documents.
    pub first_date: Option<CivilDate>,
    pub last_date: Option<CivilDate>,
    pub occurrences: Vec<Occurrence>,
}

struct Stop {
    start: HashSet<char>,
    end: HashSet<char>,
    phrases: Vec<String>,
}

fn stop() -> &'static Stop {
    static S: OnceLock<Stop> = OnceLock::new();
    S.get_or_init(|| {
        let mut st = Stop {
            start: HashSet::new(),
            end: HashSet::new(),
            phrases: Vec::new(),
        };
        let mut section = "";
        for line in include_str!("../data/ngram_stoplist.txt").lines() {
            let line = line.trim();
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if line.starts_with('[') {
                section = line;
                continue;
            }
            for w in line.split_whitespace() {
                match section {
                    "[start]" => st.start.extend(w.chars()),
                    "[end]" => st.end.extend(w.chars()),
                    _ => st.phrases.push(w.to_string()),
                }
            }
        }
        st
    })
}

/// A clause run: consecutive Han chars and inner 、 of one view.
struct Run<'a> {
    view: &'a View,
    start: usize,
    end: usize,
}

fn runs(v: &View) -> Vec<Run<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = v.len();
    while i < n {
        if !is_han(v.chars[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < n
            && (is_han(v.chars[i]) || (v.chars[i] == '、' && i + 1 < n && is_han(v.chars[i + 1])))
        {
            i += 1;
        }
        out.push(Run {
            view: v,
            start: s,
            end: i,
        });
    }
    out
}

#[derive(Default)]
struct Stat {
    sources: Vec<usize>,
    count: usize,
}

pub fn discover(docs: &[DocInput]) -> Vec<Formulation> {
    discover_with(docs, &DiscoverOptions::default())
}

pub fn discover_with(docs: &[DocInput], opt: &DiscoverOptions) -> Vec<Formulation> {
    let min = opt.min_len.max(2);
    let max = opt.max_len.max(min);
    let prepared: Vec<Prepared> = docs.iter().map(Prepared::new).collect();
    // Source index per document.
    let mut source_ids: HashMap<String, usize> = HashMap::new();
    let source_of: Vec<usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let key = match (&d.event, opt.by_event) {
                (Some(e), true) => format!("e:{e}"),
                _ => format!("d:{i}"),
            };
            let n = source_ids.len();
            *source_ids.entry(key).or_insert(n)
        })
        .collect();
    let all_runs: Vec<(usize, Run)> = prepared
        .iter()
        .enumerate()
        .filter(|(_, p)| p.lang == RuleLang::Zh)
        .flat_map(|(d, p)| p.paras.iter().flat_map(runs).map(move |r| (d, r)))
        .collect();

    // Level-wise counting, keyed by char slices of the views (no allocation per n-gram).
    // Fx hashing: the tables hold millions of short keys on long reports.
    let mut frequent: FxHashMap<&[char], (usize, usize)> = FxHashMap::default(); // n-gram -> (sources, count)
    let mut prev: FxHashSet<&[char]> = FxHashSet::default();
    for len in min..=max {
        let mut table: FxHashMap<&[char], Stat> = FxHashMap::default();
        for (d, r) in &all_runs {
            let c = &r.view.chars[r.start..r.end];
            if c.len() < len {
                continue;
            }
            for i in 0..=c.len() - len {
                let g = &c[i..i + len];
                if len > min && !(prev.contains(&g[..len - 1]) && prev.contains(&g[1..])) {
                    continue;
                }
                let st = table.entry(g).or_default();
                st.count += 1;
                let s = source_of[*d];
                if st.sources.last() != Some(&s) && !st.sources.contains(&s) {
                    st.sources.push(s);
                }
            }
        }
        prev.clear();
        for (k, st) in table {
            if st.sources.len() >= opt.min_sources {
                prev.insert(k);
                frequent.insert(k, (st.sources.len(), st.count));
            }
        }
        if prev.is_empty() {
            break;
        }
    }

    let stop = stop();
    let valid = |g: &[char]| {
        let (Some(&first), Some(&last)) = (g.first(), g.last()) else {
            return false;
        };
        let text: String = g.iter().collect();
        first != '、'
            && last != '、'
            && !stop.start.contains(&first)
            && !stop.end.contains(&last)
            && !stop.phrases.iter().any(|p| text.contains(p.as_str()))
    };
    let candidates: Vec<(&[char], (usize, usize))> = frequent
        .iter()
        .filter(|(g, _)| valid(g))
        .map(|(g, s)| (*g, *s))
        .collect();
    // Maximality: drop a candidate inside a longer candidate seen (nearly) as often.
    let mut dominated: FxHashSet<&[char]> = FxHashSet::default();
    for &(h, (hs, hc)) in &candidates {
        for l in min..h.len() {
            for i in 0..=h.len() - l {
                let sub = &h[i..i + l];
                if let Some(&(ss, sc)) = frequent.get(sub) {
                    if ss == hs && (hc as f64) >= (sc as f64) * opt.maximality {
                        dominated.insert(sub);
                    }
                }
            }
        }
    }
    // Kept n-grams by their chars (looked up without building a string), with sources.
    let keep: FxHashMap<&[char], usize> = candidates
        .iter()
        .filter(|(g, _)| !dominated.contains(g))
        .map(|(g, (s, _))| (*g, *s))
        .collect();

    // Occurrences of the kept n-grams, and their dates.
    let dates: Vec<Option<CivilDate>> = prepared
        .iter()
        .map(|p| {
            crate::date::extract(p)
                .and_then(|d| d.resolved.map(|r| r.date))
                .or(p.doc.published)
        })
        .collect();
    let mut found: FxHashMap<&[char], Formulation> = FxHashMap::default();
    let by_len: BTreeSet<usize> = keep.keys().map(|g| g.len()).collect();
    for (d, r) in &all_runs {
        let c = &r.view.chars[r.start..r.end];
        for &len in &by_len {
            if c.len() < len {
                continue;
            }
            for i in 0..=c.len() - len {
                let Some((&key, &sources)) = keep.get_key_value(&c[i..i + len]) else {
                    continue;
                };
                let span = r.view.span(r.start + i, r.start + i + len);
                let f = found.entry(key).or_insert_with(|| Formulation {
                    text: key.iter().collect(),
                    spellings: Vec::new(),
                    docs: Vec::new(),
                    events: Vec::new(),
                    sources,
                    count: 0,
                    first_date: None,
                    last_date: None,
                    occurrences: Vec::new(),
                });
                f.count += 1;
                let spelling = docs[*d]
                    .paragraphs
                    .get(span.para)
                    .map_or(f.text.as_str(), |t| span.slice(t));
                if !f.spellings.iter().any(|s| s == spelling) {
                    f.spellings.push(spelling.to_string());
                }
                let id = if docs[*d].id.is_empty() {
                    d.to_string()
                } else {
                    docs[*d].id.clone()
                };
                if !f.docs.contains(&id) {
                    f.docs.push(id);
                }
                if let Some(e) = &docs[*d].event {
                    if !f.events.contains(e) {
                        f.events.push(e.clone());
                    }
                }
                if let Some(dt) = dates[*d] {
                    f.first_date = Some(f.first_date.map_or(dt, |x| x.min(dt)));
                    f.last_date = Some(f.last_date.map_or(dt, |x| x.max(dt)));
                }
                f.occurrences.push(Occurrence { doc: *d, span });
            }
        }
    }
    let mut out: Vec<Formulation> = found.into_values().collect();
    out.sort_by(|a, b| {
        b.sources
            .cmp(&a.sources)
            .then(b.count.cmp(&a.count))
            .then(b.text.chars().count().cmp(&a.text.chars().count()))
            .then(a.text.cmp(&b.text))
    });
    out
}
