//! Formulations found in a corpus: bounded n-grams (4 to 16 characters by default) of
//! the Chinese clauses of many documents that recur in several of them (or several
//! events, when the caller links documents to events), ranked by how phrase-like they
//! are.
//!
//! - **Candidates.** Counting is level-wise (Apriori): an n-gram of length L is counted
//!   only when both of its (L-1)-grams recurred, which keeps the tables small on long
//!   reports. Documents are visited source by source, so distinct sources are counted
//!   with one comparison per occurrence.
//! - **Not formulations.** The frame of a report is not its content: the dateline
//!   (新华社北京11月27日电, 央视网消息（新闻联播）：) is never counted, and an n-gram found
//!   in more than half of all sources is the boilerplate of the source, not a phrase of
//!   the reports. A stop-list (`data/ngram_stoplist.txt`) drops n-grams that start or
//!   end with a function word or end with a reporting verb (…表示, …指出), and the
//!   caller's names of people drop n-grams about a person (李强表示, 国家主席习近平在).
//! - **Maximal.** An n-gram inside a longer n-gram seen (nearly) as often is a piece
//!   of it and is dropped.
//! - **Ranked by phrase-likeness.** A fixed phrase is used in many contexts: the
//!   characters just before and just after it vary (branching entropy; a punctuation
//!   mark or a paragraph edge counts as a context of its own each time). The score is
//!   the smaller of the two entropies times the log of the number of sources, so a
//!   phrase ranks high when both its edges are free and it recurs widely.

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
    /// An n-gram in more than this share of all sources is the boilerplate of the
    /// source (a programme's name, an agency's credit), applied from
    /// [`BOILERPLATE_MIN_SOURCES`] sources on.
    pub boilerplate_share: f64,
    /// Names of people (in the normalized view): an n-gram containing one is about a
    /// person, not a formulation.
    pub names: Vec<String>,
}

/// Below this many sources the share test says nothing: in three reports of one
/// meeting every phrase of the meeting is in all of them.
pub const BOILERPLATE_MIN_SOURCES: usize = 20;

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            min_len: 4,
            max_len: 16,
            min_sources: 2,
            by_event: true,
            maximality: 0.9,
            boilerplate_share: 0.5,
            names: Vec::new(),
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Branching entropy (nats) of the character before and after its occurrences.
    pub left_entropy: f64,
    pub right_entropy: f64,
    /// How phrase-like it is: `min(left, right entropy) × ln(1 + sources)`; the list
    /// is ordered by it.
    pub score: f64,
    /// Earliest and latest event dates (resolved, else publication date) of its documents.
    pub first_date: Option<CivilDate>,
    pub last_date: Option<CivilDate>,
    pub occurrences: Vec<Occurrence>,
}

struct Stop {
    start: HashSet<char>,
    end: HashSet<char>,
    suffixes: Vec<Vec<char>>,
    phrases: Vec<String>,
}

fn stop() -> &'static Stop {
    static S: OnceLock<Stop> = OnceLock::new();
    S.get_or_init(|| {
        let mut st = Stop {
            start: HashSet::new(),
            end: HashSet::new(),
            suffixes: Vec::new(),
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
                    "[suffix]" => st.suffixes.push(w.chars().collect()),
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

/// The clause runs of `v` from view index `from` on.
fn runs<'a>(v: &'a View, from: usize, out: &mut Vec<Run<'a>>) {
    let mut i = from;
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
}

/// Counts of one n-gram at one level: occurrences and distinct sources.
#[derive(Default, Clone, Copy)]
struct Stat {
    sources: u32,
    /// The last source counted, plus one (0: none yet).
    last: u32,
    count: u32,
}

impl Stat {
    fn add(&mut self, source: usize) {
        self.count += 1;
        let s = source as u32 + 1;
        if self.last != s {
            self.last = s;
            self.sources += 1;
        }
    }
}

/// What stands next to an occurrence: a Han character itself; digits and Latin letters
/// as one class each (75周年 and 30周年 share a context); anything else (a punctuation
/// mark, a paragraph edge) is a boundary, a context of its own each time.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Context {
    Char(char),
    Digit,
    Latin,
}

fn context(c: Option<char>) -> Option<Context> {
    let c = c?;
    if is_han(c) {
        Some(Context::Char(c))
    } else if c.is_numeric() {
        Some(Context::Digit)
    } else if c.is_alphabetic() {
        Some(Context::Latin)
    } else {
        None
    }
}

/// Contexts seen on one side of a formulation.
#[derive(Default)]
struct Sides {
    seen: FxHashMap<Context, u32>,
    boundaries: u32,
}

impl Sides {
    fn add(&mut self, c: Option<Context>) {
        match c {
            Some(c) => *self.seen.entry(c).or_default() += 1,
            None => self.boundaries += 1,
        }
    }

    /// Entropy in nats, each boundary a context of its own.
    fn entropy(&self) -> f64 {
        let total =
            f64::from(self.boundaries) + self.seen.values().map(|&n| f64::from(n)).sum::<f64>();
        if total == 0.0 {
            return 0.0;
        }
        let mut h = f64::from(self.boundaries) * total.ln() / total;
        for &n in self.seen.values() {
            let p = f64::from(n) / total;
            h -= p * p.ln();
        }
        h
    }
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
    let total_sources = source_ids.len();
    // Documents source by source: each table then sees a source's occurrences together.
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&d| (source_of[d], d));
    let mut all_runs: Vec<(usize, Run)> = Vec::new();
    let mut buf = Vec::new();
    for &d in &order {
        let p = &prepared[d];
        if p.lang != RuleLang::Zh {
            continue;
        }
        for v in &p.paras {
            // A dateline is the frame of a report, not its text.
            let from = crate::date::dateline_end(v).unwrap_or(0);
            buf.clear();
            runs(v, from, &mut buf);
            all_runs.extend(buf.drain(..).map(|r| (d, r)));
        }
    }

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
                table.entry(g).or_default().add(source_of[*d]);
            }
        }
        prev.clear();
        for (k, st) in table {
            if st.sources as usize >= opt.min_sources {
                prev.insert(k);
                frequent.insert(k, (st.sources as usize, st.count as usize));
            }
        }
        if prev.is_empty() {
            break;
        }
    }

    let stop = stop();
    let names: Vec<&str> = opt
        .names
        .iter()
        .map(String::as_str)
        .filter(|n| n.chars().count() >= 2)
        .collect();
    let boiler_cap = (total_sources >= BOILERPLATE_MIN_SOURCES)
        .then(|| (total_sources as f64 * opt.boilerplate_share).floor() as usize);
    // Edges: where a phrase may start and end. An n-gram with bad edges (要以钉钉子…)
    // is no phrase and no whole of which a phrase is a piece.
    let edges_ok = |g: &[char]| {
        let (Some(&first), Some(&last)) = (g.first(), g.last()) else {
            return false;
        };
        first != '、'
            && last != '、'
            && !stop.start.contains(&first)
            && !stop.end.contains(&last)
            && !stop.suffixes.iter().any(|s| g.ends_with(s))
    };
    // Content: what makes a well-edged n-gram no formulation (a name, a source's
    // frame); a piece of such an n-gram (主席习近 of 主席习近平) is still a piece.
    // One automaton over the stop phrases and the names: a candidate is scanned once,
    // however many names an archive holds.
    let excluded = aho_corasick::AhoCorasick::new(
        stop.phrases
            .iter()
            .map(String::as_str)
            .chain(names.iter().copied()),
    )
    .ok();
    let content_ok = |g: &[char], sources: usize| {
        if boiler_cap.is_some_and(|cap| sources > cap) {
            return false;
        }
        let text: String = g.iter().collect();
        match &excluded {
            Some(ac) => !ac.is_match(&text),
            // Too many patterns for an automaton (never with real lists): one by one.
            None => {
                !stop.phrases.iter().any(|p| text.contains(p.as_str()))
                    && !names.iter().any(|n| text.contains(n))
            }
        }
    };
    let valid = |g: &[char], sources: usize| edges_ok(g) && content_ok(g, sources);
    let candidates: Vec<(&[char], (usize, usize))> = frequent
        .iter()
        .filter(|(g, s)| valid(g, s.0))
        .map(|(g, s)| (*g, *s))
        .collect();
    // Maximality: drop a candidate inside a longer well-edged n-gram seen (nearly) as
    // often, even one not listed itself (主席习近 inside 主席习近平, left out for the name).
    let mut dominated: FxHashSet<&[char]> = FxHashSet::default();
    for (&h, &(hs, hc)) in frequent.iter().filter(|(g, _)| edges_ok(g)) {
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

    // Occurrences of the kept n-grams, their contexts and their dates.
    let dates: Vec<Option<CivilDate>> = prepared
        .iter()
        .map(|p| {
            crate::date::extract(p)
                .and_then(|d| d.resolved.map(|r| r.date))
                .or(p.doc.published)
        })
        .collect();
    struct Acc {
        f: Formulation,
        left: Sides,
        right: Sides,
        last_doc: Option<usize>,
        doc_list: Vec<usize>,
        events: FxHashSet<String>,
    }
    let mut found: FxHashMap<&[char], Acc> = FxHashMap::default();
    let by_len: BTreeSet<usize> = keep.keys().map(|g| g.len()).collect();
    for (d, r) in &all_runs {
        let v = r.view;
        let c = &v.chars[r.start..r.end];
        for &len in &by_len {
            if c.len() < len {
                continue;
            }
            for i in 0..=c.len() - len {
                let Some((&key, &sources)) = keep.get_key_value(&c[i..i + len]) else {
                    continue;
                };
                let (s, e) = (r.start + i, r.start + i + len);
                let span = v.span(s, e);
                let a = found.entry(key).or_insert_with(|| Acc {
                    f: Formulation {
                        text: key.iter().collect(),
                        spellings: Vec::new(),
                        docs: Vec::new(),
                        events: Vec::new(),
                        sources,
                        count: 0,
                        left_entropy: 0.0,
                        right_entropy: 0.0,
                        score: 0.0,
                        first_date: None,
                        last_date: None,
                        occurrences: Vec::new(),
                    },
                    left: Sides::default(),
                    right: Sides::default(),
                    last_doc: None,
                    doc_list: Vec::new(),
                    events: FxHashSet::default(),
                });
                a.left.add(context(s.checked_sub(1).map(|k| v.chars[k])));
                a.right.add(context(v.chars.get(e).copied()));
                let f = &mut a.f;
                f.count += 1;
                let spelling = docs[*d]
                    .paragraphs
                    .get(span.para)
                    .map_or(f.text.as_str(), |t| span.slice(t));
                // Spellings are few (scripts, spaces): a short list.
                if !f.spellings.iter().any(|s| s == spelling) {
                    f.spellings.push(spelling.to_string());
                }
                // Runs come document by document: a new document is a new last one.
                if a.last_doc != Some(*d) {
                    a.last_doc = Some(*d);
                    a.doc_list.push(*d);
                    if let Some(ev) = &docs[*d].event {
                        if a.events.insert(ev.clone()) {
                            f.events.push(ev.clone());
                        }
                    }
                    if let Some(dt) = dates[*d] {
                        f.first_date = Some(f.first_date.map_or(dt, |x| x.min(dt)));
                        f.last_date = Some(f.last_date.map_or(dt, |x| x.max(dt)));
                    }
                }
                f.occurrences.push(Occurrence { doc: *d, span });
            }
        }
    }
    let mut out: Vec<Formulation> = found
        .into_values()
        .map(|mut a| {
            a.f.left_entropy = a.left.entropy();
            a.f.right_entropy = a.right.entropy();
            a.f.score = a.f.left_entropy.min(a.f.right_entropy) * (1.0 + a.f.sources as f64).ln();
            // In the caller's order, as the documents were given.
            a.doc_list.sort_unstable();
            a.f.docs = a
                .doc_list
                .iter()
                .map(|&d| {
                    if docs[d].id.is_empty() {
                        d.to_string()
                    } else {
                        docs[d].id.clone()
                    }
                })
                .collect();
            a.f.occurrences
                .sort_by_key(|o| (o.doc, o.span.para, o.span.start));
            a.f
        })
        .collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.sources.cmp(&a.sources))
            .then(b.count.cmp(&a.count))
            .then(a.text.cmp(&b.text))
    });
    out
}
