//! Collecting matches per document: each term of a query runs over the
//! paragraphs, keeping only those whose document passes the filters, and
//! its matches are grouped by document. The groups are then combined by the
//! query's AND/OR/NOT at document level.

use crate::date::{lower_bound, upper_bound};
use crate::search::Facets;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// Document filters, as values the index holds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub lang: Vec<String>,
    pub script: Vec<String>,
    pub kind: Vec<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
}

fn list(v: Option<&str>, canon: fn(&str) -> String) -> Vec<String> {
    v.map(|s| {
        s.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(canon)
            .collect()
    })
    .unwrap_or_default()
}

/// `hant` → `Hant`: scripts are capitalized in the model.
fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f
            .to_uppercase()
            .chain(c.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

impl Filter {
    pub fn new(
        lang: Option<&str>,
        script: Option<&str>,
        kind: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Filter {
        Filter {
            lang: list(lang, |s| s.to_lowercase()),
            script: list(script, capitalized),
            kind: list(kind, str::to_owned),
            from: from.and_then(lower_bound),
            to: to.and_then(upper_bound),
        }
    }
}

/// A string facet restricted to some values, in one segment.
struct StrIn {
    column: StrColumn,
    ords: Vec<u64>,
}

/// The filter resolved against one segment.
struct SegFilter {
    strs: Vec<StrIn>,
    date: Option<(Column<i64>, i64, i64)>,
    /// No document of the segment can pass.
    none: bool,
}

impl SegFilter {
    fn new(f: &Filter, reader: &SegmentReader) -> tantivy::Result<SegFilter> {
        let mut out = SegFilter {
            strs: Vec::new(),
            date: None,
            none: false,
        };
        for (name, values) in [("lang", &f.lang), ("script", &f.script), ("kind", &f.kind)] {
            if values.is_empty() {
                continue;
            }
            let Some(column) = reader.fast_fields().str(name)? else {
                out.none = true;
                continue;
            };
            let mut ords = Vec::new();
            for v in values {
                if let Some(o) = column.dictionary().term_ord(v)? {
                    ords.push(o);
                }
            }
            if ords.is_empty() {
                out.none = true;
            }
            out.strs.push(StrIn { column, ords });
        }
        if f.from.is_some() || f.to.is_some() {
            let col = reader.fast_fields().i64("date")?;
            out.date = Some((col, f.from.unwrap_or(i64::MIN), f.to.unwrap_or(i64::MAX)));
        }
        Ok(out)
    }

    fn accepts(&self, doc: DocId) -> bool {
        if self.none {
            return false;
        }
        for s in &self.strs {
            if !s.column.term_ords(doc).any(|o| s.ords.contains(&o)) {
                return false;
            }
        }
        if let Some((col, lo, hi)) = &self.date {
            match col.first(doc) {
                Some(d) if d >= *lo && d <= *hi => {}
                _ => return false,
            }
        }
        true
    }
}

/// One matching paragraph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParaHit {
    pub addr: DocAddress,
    pub score: Score,
}

/// The matching paragraphs of one document and the document's score. Most documents
/// match in one or two paragraphs: those stay inline, without an allocation each (a
/// query that matches half the archive groups tens of thousands of documents).
#[derive(Debug, Clone, Default)]
pub(crate) struct DocHits {
    pub score: Score,
    pub hits: SmallVec<[ParaHit; 2]>,
}

/// Matches by document number.
pub(crate) type DocSet = FxHashMap<u64, DocHits>;

/// Facet counts of one segment: documents per term ordinal of `lang`, `script` and
/// `kind` (their dictionaries are a handful of codes), and per year.
pub(crate) struct SegFacets {
    strs: Vec<Option<StrColumn>>,
    counts: Vec<Vec<usize>>,
    date: Column<i64>,
    years: FxHashMap<i64, usize>,
}

impl SegFacets {
    pub fn new(reader: &SegmentReader) -> tantivy::Result<SegFacets> {
        let ff = reader.fast_fields();
        let mut strs = Vec::new();
        for name in ["lang", "script", "kind"] {
            strs.push(ff.str(name)?);
        }
        let counts = strs
            .iter()
            .map(|c| vec![0; c.as_ref().map_or(0, |c| c.num_terms())])
            .collect();
        Ok(SegFacets {
            strs,
            counts,
            date: ff.i64("date")?,
            years: FxHashMap::default(),
        })
    }

    /// Counts the document of entry `doc` (every entry of a document carries its facets).
    pub fn count(&mut self, doc: DocId) {
        for (col, counts) in self.strs.iter().zip(self.counts.iter_mut()) {
            if let Some(ord) = col.as_ref().and_then(|c| c.ords().first(doc)) {
                if let Some(n) = counts.get_mut(ord as usize) {
                    *n += 1;
                }
            }
        }
        if let Some(k) = self.date.first(doc) {
            *self.years.entry(k / 10000).or_default() += 1;
        }
    }

    /// Adds the counts to `facets`, by name.
    pub fn add_to(&self, facets: &mut Facets) {
        let mut name = String::new();
        for (i, (col, counts)) in self.strs.iter().zip(&self.counts).enumerate() {
            let Some(col) = col else { continue };
            for (ord, &n) in counts.iter().enumerate() {
                if n == 0 || !col.ord_to_str(ord as u64, &mut name).unwrap_or(false) {
                    continue;
                }
                let map = match i {
                    0 => &mut facets.lang,
                    1 => &mut facets.script,
                    _ => &mut facets.kind,
                };
                *map.entry(name.clone()).or_default() += n;
            }
        }
        for (y, n) in &self.years {
            *facets.year.entry(format!("{y:04}")).or_default() += n;
        }
    }
}

/// Runs one paragraph query, grouping matches by document; with `facets`, also counts
/// the matching documents' facets segment by segment as they are collected.
pub(crate) struct GroupCollector<'a> {
    pub filter: &'a Filter,
    pub scoring: bool,
    pub facets: bool,
}

/// What a [`GroupCollector`] gives: the matching documents, and their facets when asked
/// for and countable per segment.
#[derive(Default)]
pub(crate) struct Grouped {
    pub set: DocSet,
    pub facets: Option<Facets>,
}

pub(crate) struct GroupSegment {
    seg: SegmentOrdinal,
    doc_num: Column<u64>,
    filter: SegFilter,
    out: Vec<(u64, DocId, Score)>,
    facets: Option<SegFacets>,
}

impl SegmentCollector for GroupSegment {
    type Fruit = (SegmentOrdinal, Vec<(u64, DocId, Score)>, Option<Facets>);

    fn collect(&mut self, doc: DocId, score: Score) {
        if !self.filter.accepts(doc) {
            return;
        }
        if let Some(num) = self.doc_num.first(doc) {
            // Entries come in order and a document's entries together: a new number
            // is a new document.
            if let Some(f) = &mut self.facets {
                if self.out.last().is_none_or(|l| l.0 != num) {
                    f.count(doc);
                }
            }
            self.out.push((num, doc, score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        let facets = self.facets.map(|f| {
            let mut out = Facets::default();
            f.add_to(&mut out);
            out
        });
        (self.seg, self.out, facets)
    }
}

impl Collector for GroupCollector<'_> {
    type Fruit = Grouped;
    type Child = GroupSegment;

    fn for_segment(
        &self,
        seg: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<GroupSegment> {
        Ok(GroupSegment {
            seg,
            doc_num: reader.fast_fields().u64("doc_num")?,
            filter: SegFilter::new(self.filter, reader)?,
            out: Vec::new(),
            facets: if self.facets {
                Some(SegFacets::new(reader)?)
            } else {
                None
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scoring
    }

    fn merge_fruits(
        &self,
        fruits: Vec<(SegmentOrdinal, Vec<(u64, DocId, Score)>, Option<Facets>)>,
    ) -> tantivy::Result<Grouped> {
        // A segment reports its matches in document order, and a document's paragraphs
        // are added together: runs of one document number are grouped without a sort,
        // each document costing one insertion (a document split across segments is
        // joined by the map, and its facets are then counted over the joined set).
        let docs: usize = fruits
            .iter()
            .map(|f| f.1.chunk_by(|a, b| a.0 == b.0).count())
            .sum();
        let mut set = DocSet::default();
        set.reserve(docs);
        let mut split = false;
        let mut facets = self.facets.then(Facets::default);
        for (seg, hits, seg_facets) in fruits {
            if let (Some(all), Some(f)) = (&mut facets, seg_facets) {
                all.add(f);
            }
            for group in hits.chunk_by(|a, b| a.0 == b.0) {
                let paras = group.iter().map(|&(_, doc, score)| ParaHit {
                    addr: DocAddress::new(seg, doc),
                    score,
                });
                let d = set.entry(group[0].0).or_default();
                if d.hits.is_empty() {
                    d.hits = paras.collect();
                } else {
                    split = true;
                    d.hits.extend(paras);
                    d.hits.sort_unstable_by_key(|h| h.addr);
                }
            }
        }
        for d in set.values_mut() {
            d.score = doc_score(&d.hits);
        }
        Ok(Grouped {
            set,
            facets: facets.filter(|_| !split),
        })
    }
}

/// A document's score for one term: its best paragraph's, raised a little
/// for each further paragraph that matches.
fn doc_score(hits: &[ParaHit]) -> Score {
    let best = hits.iter().map(|h| h.score).fold(0.0, Score::max);
    best * (1.0 + 0.25 * (hits.len() as Score).ln())
}
