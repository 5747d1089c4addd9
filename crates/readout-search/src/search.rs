//! The read path: a query in, documents out, with highlights in characters
//! of each document's body (its paragraphs joined by `"\n"`) and facet
//! counts over every matching document.

use crate::collect::{DocHits, DocSet, Filter, GroupCollector, Grouped, ParaHit, SegFacets};
use crate::date::key_to_string;
use crate::error::Result;
use crate::highlight::{char_spans, find};
use crate::index::SearchIndex;
use crate::plan::{plan, Expr, Plan};
use crate::schema::{PART_BODY, PART_TITLE};
use crate::syntax::parse;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use tantivy::query::{AllQuery, Query as TantivyQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// Default of [`Query::highlight_paragraphs`].
pub const HIGHLIGHT_PARAGRAPHS: usize = 8;
/// Length of a snippet in characters.
pub const SNIPPET_CHARS: usize = 160;
/// Most hits one query returns (a larger `limit` is cut to this).
pub const MAX_LIMIT: usize = 1000;
/// Characters of context a snippet shows before its first highlight.
const SNIPPET_LEAD: usize = 40;

/// A search request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Query text (see the crate docs for the syntax). Empty lists every
    /// document that passes the filters. Also read as `q` (URL queries).
    #[serde(alias = "q")]
    pub text: String,
    /// Language codes (`zh`, `en`, …), comma-separated for any of several.
    pub lang: Option<String>,
    /// Script codes (`Hans`, `Hant`, …; any case), comma-separated.
    pub script: Option<String>,
    /// Kinds, comma-separated.
    pub kind: Option<String>,
    /// Earliest date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (documents without
    /// a date are then excluded).
    pub from: Option<String>,
    /// Latest date, same forms; `2023` includes all of 2023.
    pub to: Option<String>,
    /// Hits to return (default 10; 0 means the default; at most [`MAX_LIMIT`]).
    pub limit: usize,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// In how many of a hit's matching paragraphs (the best scoring)
    /// highlights are sought; at least one. A document view that marks
    /// every match asks for many.
    pub highlight_paragraphs: usize,
    /// The order of the hits: by relevance (the default), or by date.
    pub sort: Sort,
}

/// The order of hits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Best score first; ties by document.
    #[default]
    Relevance,
    /// Latest date first; documents without a date last, then by score.
    Newest,
    /// Earliest date first; documents without a date last, then by score.
    Oldest,
}

impl Default for Query {
    fn default() -> Self {
        Query {
            text: String::new(),
            lang: None,
            script: None,
            kind: None,
            from: None,
            to: None,
            limit: 10,
            offset: 0,
            highlight_paragraphs: HIGHLIGHT_PARAGRAPHS,
            sort: Sort::Relevance,
        }
    }
}

impl Query {
    /// A query for `text` with default settings.
    pub fn new(text: impl Into<String>) -> Query {
        Query {
            text: text.into(),
            ..Query::default()
        }
    }
}

/// One matching document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub doc: String,
    pub event: Option<String>,
    pub title: Option<String>,
    pub lang: String,
    pub script: String,
    pub kind: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<String>,
    pub score: f32,
    /// A passage of the body around the first highlight of the best
    /// paragraph (at most [`SNIPPET_CHARS`] characters).
    pub snippet: String,
    /// Character offset of the snippet in the body.
    pub snippet_start: usize,
    /// `[start, end)` character offsets in the body, sorted, disjoint.
    pub highlights: Vec<[usize; 2]>,
    /// `[start, end)` character offsets in the title.
    pub title_highlights: Vec<[usize; 2]>,
    /// False when more paragraphs matched than were searched for highlights
    /// ([`Query::highlight_paragraphs`]).
    pub highlights_complete: bool,
}

/// Counts of matching documents by facet value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    pub lang: BTreeMap<String, usize>,
    pub script: BTreeMap<String, usize>,
    pub kind: BTreeMap<String, usize>,
    /// Documents with a known date, by year.
    pub year: BTreeMap<String, usize>,
}

impl Facets {
    /// Adds another set of counts to these.
    pub(crate) fn add(&mut self, other: Facets) {
        for (mine, theirs) in [
            (&mut self.lang, other.lang),
            (&mut self.script, other.script),
            (&mut self.kind, other.kind),
            (&mut self.year, other.year),
        ] {
            for (k, n) in theirs {
                *mine.entry(k).or_default() += n;
            }
        }
    }
}

/// The answer to a query.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// Matching documents, all of them (not only this page).
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Facets,
}

/// Evaluates the boolean structure over documents.
struct Eval<'a> {
    searcher: &'a Searcher,
    filter: &'a Filter,
    plan: Option<&'a Plan>,
    universe: Option<DocSet>,
}

impl Eval<'_> {
    fn run(&self, query: &dyn TantivyQuery, scoring: bool) -> Result<DocSet> {
        Ok(self.run_counted(query, scoring, false)?.set)
    }

    /// Runs `query`, counting the facets of what matches as it is collected (in the
    /// segment collectors) when `facets`.
    fn run_counted(
        &self,
        query: &dyn TantivyQuery,
        scoring: bool,
        facets: bool,
    ) -> Result<Grouped> {
        let collector = GroupCollector {
            filter: self.filter,
            scoring,
            facets,
        };
        Ok(self.searcher.search(query, &collector)?)
    }

    fn universe(&mut self) -> Result<&DocSet> {
        if self.universe.is_none() {
            let mut all = self.run(&AllQuery, false)?;
            for d in all.values_mut() {
                d.score = 0.0;
            }
            self.universe = Some(all);
        }
        Ok(self.universe.get_or_insert_with(DocSet::default))
    }

    fn complement(&mut self, set: &DocSet) -> Result<DocSet> {
        Ok(self
            .universe()?
            .iter()
            .filter(|(k, _)| !set.contains_key(k))
            .map(|(k, v)| (*k, v.clone()))
            .collect())
    }

    fn eval(&mut self, e: &Expr) -> Result<DocSet> {
        match e {
            Expr::Leaf(i) => match self.plan.and_then(|p| p.leaves.get(*i)) {
                Some(leaf) => self.run(leaf.query.as_ref(), true),
                None => Ok(DocSet::default()),
            },
            Expr::Not(inner) => {
                let set = self.eval(inner)?;
                self.complement(&set)
            }
            Expr::Or(kids) => {
                let mut out = DocSet::default();
                for k in kids {
                    for (num, d) in self.eval(k)? {
                        let e = out.entry(num).or_default();
                        e.score += d.score;
                        e.hits.extend(d.hits);
                    }
                }
                Ok(out)
            }
            Expr::And(kids) => {
                let mut pos = Vec::new();
                let mut neg = Vec::new();
                for k in kids {
                    match k {
                        Expr::Not(inner) => neg.push(self.eval(inner)?),
                        _ => pos.push(self.eval(k)?),
                    }
                }
                if pos.is_empty() {
                    pos.push(self.universe()?.clone());
                }
                pos.sort_by_key(|s| s.len());
                let mut rest = pos.split_off(1);
                let mut out = pos.pop().unwrap_or_default();
                out.retain(|num, _| {
                    rest.iter().all(|s| s.contains_key(num))
                        && !neg.iter().any(|s| s.contains_key(num))
                });
                for s in rest.iter_mut() {
                    for (num, d) in out.iter_mut() {
                        if let Some(o) = s.remove(num) {
                            d.score += o.score;
                            d.hits.extend(o.hits);
                        }
                    }
                }
                Ok(out)
            }
        }
    }
}

/// Stored fields of one indexed entry.
struct Entry {
    doc: String,
    event: Option<String>,
    title: Option<String>,
    lang: String,
    script: String,
    kind: String,
    date: Option<i64>,
    part: u64,
    at: usize,
    text: String,
}

impl SearchIndex {
    fn entry(&self, searcher: &Searcher, addr: DocAddress) -> Result<Entry> {
        let d: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let s = |field| {
            d.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        };
        let u = |field| d.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0);
        Ok(Entry {
            doc: s(f.doc).unwrap_or_default(),
            event: s(f.event),
            title: s(f.title),
            lang: s(f.lang).unwrap_or_default(),
            script: s(f.script).unwrap_or_default(),
            kind: s(f.kind).unwrap_or_default(),
            date: d.get_first(f.date).and_then(|v| v.as_i64()),
            part: u(f.part),
            at: u(f.at) as usize,
            text: s(f.text).unwrap_or_default(),
        })
    }

    /// The first body paragraph of a document (for a snippet when only the
    /// title matched).
    fn first_paragraph(&self, searcher: &Searcher, id: &str) -> Result<Option<Entry>> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.doc, id),
            IndexRecordOption::Basic,
        );
        let set = searcher
            .search(
                &q,
                &GroupCollector {
                    filter: &Filter::default(),
                    scoring: false,
                    facets: false,
                },
            )?
            .set;
        let mut best: Option<Entry> = None;
        for d in set.values() {
            for h in &d.hits {
                let e = self.entry(searcher, h.addr)?;
                if e.part == PART_BODY && best.as_ref().is_none_or(|b| e.at < b.at) {
                    best = Some(e);
                }
            }
        }
        Ok(best)
    }

    /// Runs `query`.
    pub fn search(&self, query: &Query) -> Result<Results> {
        let filter = Filter::new(
            query.lang.as_deref(),
            query.script.as_deref(),
            query.kind.as_deref(),
            query.from.as_deref(),
            query.to.as_deref(),
        );
        let searcher = self.reader.searcher();
        let planned = match parse(&query.text) {
            None => None,
            Some(ast) => match plan(&self.fields, &self.dict, &ast) {
                Some(p) => Some(p),
                // Terms, but nothing in them to look for (punctuation only).
                None => return Ok(Results::default()),
            },
        };
        let mut ev = Eval {
            searcher: &searcher,
            filter: &filter,
            plan: planned.as_ref(),
            universe: None,
        };
        // One term (the usual query): its facets are counted while it runs. Otherwise
        // they are counted over what the AND/OR/NOT leaves.
        let (set, counted) = match planned.as_ref().map(|p| (&p.expr, p)) {
            Some((Expr::Leaf(i), p)) => match p.leaves.get(*i) {
                Some(leaf) => {
                    let g = ev.run_counted(leaf.query.as_ref(), true, true)?;
                    (g.set, g.facets)
                }
                None => (DocSet::default(), None),
            },
            Some((e, _)) => (ev.eval(e)?, None),
            None => (ev.universe()?.clone(), None),
        };
        let facets = match counted {
            Some(f) => f,
            None => self.facets(&searcher, &set)?,
        };
        let mut ranked: Vec<(u64, DocHits)> = set.into_iter().collect();
        let by_score = |a: &(u64, DocHits), b: &(u64, DocHits)| {
            b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0))
        };
        let limit = if query.limit == 0 {
            10
        } else {
            query.limit.min(MAX_LIMIT)
        };
        let total = ranked.len();
        if query.sort == Sort::Relevance {
            // Only the page is shown: select it, then order it (the order is total, so
            // this is the page a full sort gives).
            let k = query.offset.saturating_add(limit);
            if k < ranked.len() {
                ranked.select_nth_unstable_by(k, by_score);
                ranked.truncate(k);
            }
            ranked.sort_unstable_by(by_score);
        } else {
            ranked.sort_unstable_by(by_score);
            // The date of a document is on each of its entries: read it off the first.
            let mut columns: FxHashMap<u32, Option<tantivy::columnar::Column<i64>>> =
                FxHashMap::default();
            let mut keyed: Vec<(Option<i64>, (u64, DocHits))> = Vec::with_capacity(ranked.len());
            for (num, d) in ranked {
                let date = match d.hits.first() {
                    Some(h) => {
                        let col = columns.entry(h.addr.segment_ord).or_insert_with(|| {
                            searcher
                                .segment_reader(h.addr.segment_ord)
                                .fast_fields()
                                .i64("date")
                                .ok()
                        });
                        col.as_ref().and_then(|c| c.first(h.addr.doc_id))
                    }
                    None => None,
                };
                keyed.push((date, (num, d)));
            }
            let newest = query.sort == Sort::Newest;
            // Stable: equal dates keep the relevance order.
            keyed.sort_by(|a, b| match (a.0, b.0) {
                (Some(x), Some(y)) if newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
            ranked = keyed.into_iter().map(|(_, r)| r).collect();
        }
        let patterns = planned
            .as_ref()
            .map(|p| p.highlight.as_slice())
            .unwrap_or(&[]);
        let mut hits = Vec::new();
        for (_, d) in ranked.into_iter().skip(query.offset).take(limit) {
            hits.push(self.hit(&searcher, d, patterns, query.highlight_paragraphs.max(1))?);
        }
        Ok(Results {
            total,
            hits,
            facets,
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        d: DocHits,
        patterns: &[crate::plan::Pattern],
        max_paragraphs: usize,
    ) -> Result<Hit> {
        // Paragraphs by summed score, best first.
        let mut by_addr: FxHashMap<DocAddress, f32> = FxHashMap::default();
        for ParaHit { addr, score } in d.hits {
            *by_addr.entry(addr).or_default() += score;
        }
        let mut paras: Vec<(DocAddress, f32)> = by_addr.into_iter().collect();
        paras.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let complete = paras.len() <= max_paragraphs;
        paras.truncate(max_paragraphs);
        let mut highlights = Vec::new();
        let mut title_highlights = Vec::new();
        // (entry, its highlights in paragraph chars), best paragraph first.
        let mut body: Vec<(Entry, Vec<std::ops::Range<usize>>)> = Vec::new();
        let mut first: Option<Entry> = None;
        for (addr, _) in &paras {
            let e = self.entry(searcher, *addr)?;
            let spans = char_spans(&e.text, &find(patterns, &e.text));
            if e.part == PART_TITLE {
                title_highlights.extend(spans.iter().map(|r| [r.start, r.end]));
                first.get_or_insert(e);
            } else {
                highlights.extend(spans.iter().map(|r| [e.at + r.start, e.at + r.end]));
                body.push((e, spans));
            }
        }
        highlights.sort_unstable();
        title_highlights.sort_unstable();
        let best = body
            .iter()
            .position(|(_, s)| !s.is_empty())
            .or(if body.is_empty() { None } else { Some(0) });
        let (snippet, snippet_start, meta) = match best {
            Some(i) => {
                let (e, spans) = body.swap_remove(i);
                let (s, at) = snippet_of(&e.text, spans.first().map(|r| r.start));
                (s, e.at + at, e)
            }
            None => {
                let meta = match first {
                    Some(e) => e,
                    None => {
                        return Err(crate::SearchError::BadMeta {
                            path: self.dir().to_owned(),
                            message: "a hit without entries".into(),
                        })
                    }
                };
                match self.first_paragraph(searcher, &meta.doc)? {
                    Some(p) => {
                        let (s, at) = snippet_of(&p.text, None);
                        (s, p.at + at, meta)
                    }
                    None => (String::new(), 0, meta),
                }
            }
        };
        Ok(Hit {
            doc: meta.doc,
            event: meta.event,
            title: meta.title,
            lang: meta.lang,
            script: meta.script,
            kind: meta.kind,
            date: meta.date.map(key_to_string),
            score: d.score,
            snippet,
            snippet_start,
            highlights,
            title_highlights,
            highlights_complete: complete,
        })
    }

    fn facets(&self, searcher: &Searcher, set: &DocSet) -> Result<Facets> {
        let mut segs: Vec<Option<SegFacets>> = Vec::new();
        segs.resize_with(searcher.segment_readers().len(), || None);
        for d in set.values() {
            let Some(h) = d.hits.first() else { continue };
            let seg = h.addr.segment_ord as usize;
            let Some(slot) = segs.get_mut(seg) else {
                continue;
            };
            let sf = match slot {
                Some(sf) => sf,
                None => slot.insert(SegFacets::new(searcher.segment_reader(seg as u32))?),
            };
            sf.count(h.addr.doc_id);
        }
        let mut facets = Facets::default();
        for sf in segs.iter().flatten() {
            sf.add_to(&mut facets);
        }
        Ok(facets)
    }
}

/// A window of `text` starting a little before character `focus`, and the
/// character offset where it starts.
fn snippet_of(text: &str, focus: Option<usize>) -> (String, usize) {
    let start = focus.map_or(0, |f| f.saturating_sub(SNIPPET_LEAD));
    let s: String = text.chars().skip(start).take(SNIPPET_CHARS).collect();
    (s, start)
}
