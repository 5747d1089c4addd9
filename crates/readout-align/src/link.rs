//! Linking versions of one text: which documents are copies, excerpts or translations of
//! which.
//!
//! - Same language: MinHash (128 hashes) over shingles of the normalized text (5 Han
//!   characters in Chinese, 4 words in English) estimates Jaccard similarity, and with
//!   the exact shingle counts, containment, so an excerpt or fragment of a longer
//!   document still links to it; the exact shingle sets confirm.
//! - Chinese and English: a document-level score (shared translation ids weighted by
//!   rarity across the collection: dictionary words, numbers and dates, names; words of
//!   《titles》 and quoted titles count double) picks candidates, then the sentence aligner
//!   decides: a translation has most of its sentences aligned with positive lexical
//!   evidence; a stray fragment has few. The aligner also gives the translation's
//!   coverage, the share of the original's sentences it renders.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::align::Aligner;
use crate::english;
use crate::lexicon::WordKind;
use crate::numbers;

/// Language of a document to link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Lang {
    Zh,
    En,
}

/// A document to link: normalized text (mainland simplified for Chinese) and sentences.
#[derive(Debug, Clone)]
pub struct LinkDoc<'a> {
    pub id: &'a str,
    pub lang: Lang,
    pub text: &'a str,
    pub sentences: Vec<&'a str>,
}

/// An English document found to translate a Chinese one.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Translation {
    /// Index of the translation in the input.
    pub doc: usize,
    /// Index of the original it translates.
    pub translation_of: usize,
    /// Share of the original's sentences that the translation renders.
    pub coverage: f32,
    /// Share of the translation's sentences aligned with positive lexical evidence.
    pub support: f32,
}

/// Same-language link between two documents.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Copy {
    pub a: usize,
    pub b: usize,
    /// Estimated Jaccard similarity of their 5-gram sets.
    pub jaccard: f32,
    /// Estimated share of the smaller document's 5-grams found in the larger.
    pub containment: f32,
}

/// The result of linking a collection.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Links {
    /// Every document in exactly one group (a document linked to nothing is alone),
    /// groups ordered by their first document, members in input order.
    pub groups: Vec<Vec<usize>>,
    pub translations: Vec<Translation>,
    pub copies: Vec<Copy>,
}

impl Links {
    /// The group holding a document.
    pub fn group_of(&self, doc: usize) -> Option<&[usize]> {
        self.groups
            .iter()
            .find(|g| g.contains(&doc))
            .map(Vec::as_slice)
    }

    /// The translation record of a document, if it is one.
    pub fn translation(&self, doc: usize) -> Option<&Translation> {
        self.translations.iter().find(|t| t.doc == doc)
    }
}

/// Tunables of linking.
#[derive(Debug, Clone)]
pub struct LinkParams {
    /// Shingle length: Han characters in Chinese text.
    pub shingle: usize,
    /// Shingle length: words in English text.
    pub shingle_words: usize,
    /// Same-language link: least estimated containment of the smaller document.
    pub min_containment: f32,
    /// Least number of distinct shingles for a document to link by MinHash.
    pub min_shingles: usize,
    /// Chinese-English candidates: least document-level score, and how many per English
    /// document the aligner checks.
    pub min_doc_score: f32,
    pub candidates: usize,
    /// Least share of the English sentences aligned with positive evidence.
    pub min_support: f32,
    /// Least share of the original's sentences a translation renders: an English text
    /// that renders a sliver of a long Chinese one is not its translation, however well
    /// its own sentences find words there.
    pub min_coverage: f32,
}

impl Default for LinkParams {
    fn default() -> Self {
        LinkParams {
            shingle: 5,
            shingle_words: 4,
            min_containment: 0.7,
            min_shingles: 20,
            min_doc_score: 0.15,
            candidates: 5,
            min_support: 0.6,
            min_coverage: 0.2,
        }
    }
}

const HASHES: usize = 128;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// MinHash signature and distinct shingle count of a text.
#[derive(Debug, Clone)]
pub struct Signature {
    mins: Vec<u64>,
    shingles: usize,
}

/// The units shingles are made of: each Han character, and each run of letters or
/// digits as one word (lowercased), hashed. Character shingles suit Chinese, where a
/// character carries a word's weight; in English, five characters ("the p", "tion ")
/// recur in any text on any subject, so a short English text would look contained in
/// every long one.
fn units(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut word: Option<u64> = None;
    for c in text.chars() {
        if english::is_han(c) {
            out.extend(word.take());
            out.push(mix(c as u64 | 1 << 40));
        } else if c.is_alphanumeric() {
            let h = word.unwrap_or(0xcbf2_9ce4_8422_2325);
            word = Some(c.to_lowercase().fold(h, |h, l| mix(h ^ l as u64)));
        } else {
            out.extend(word.take());
        }
    }
    out.extend(word);
    out
}

/// The hashed shingles of `k` consecutive units of a text.
fn shingle_set(text: &str, k: usize) -> FxHashSet<u64> {
    let units = units(text);
    let k = k.max(1);
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    if units.len() >= k {
        for w in units.windows(k) {
            let h = w.iter().fold(0x8422_2325_cbf2_9ce4u64, |h, &u| mix(h ^ u));
            seen.insert(h);
        }
    }
    seen
}

/// Whether an English text of this length could render a Chinese one: not much longer
/// than a full translation (about 3.4 English characters per Chinese character in this
/// genre), and not a sliver of it. A long Chinese report holds a word for nearly every
/// English word, so without this the longest documents win every candidate search.
fn plausible_length(zh: &str, en: &str) -> bool {
    let zh_chars = zh.chars().filter(|c| english::is_han(*c)).count() as f32;
    let en_chars = en.chars().filter(|c| c.is_alphanumeric()).count() as f32;
    if zh_chars == 0.0 {
        return false;
    }
    let full = zh_chars * 3.4;
    en_chars <= full * 2.0 && en_chars >= full * 0.1
}

/// Exact share of the smaller shingle set held by the larger.
fn exact_containment(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    small.iter().filter(|h| large.contains(h)).count() as f32 / small.len() as f32
}

/// Digit runs of a text (numbers, years, dates).
fn numbers(text: &str) -> FxHashSet<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Copies and excerpts of one report carry its numbers; reports written from one
/// template (the same resolution, another year) do not.
fn numbers_agree(a: &str, b: &str) -> bool {
    let (na, nb) = (numbers(a), numbers(b));
    let (small, large) = if na.len() <= nb.len() {
        (&na, &nb)
    } else {
        (&nb, &na)
    };
    if small.is_empty() {
        return true;
    }
    let held = small.iter().filter(|n| large.contains(*n)).count();
    held * 5 >= small.len() * 4
}

impl Signature {
    /// Signature of `text` over shingles of `k` units (Han characters, words).
    pub fn new(text: &str, k: usize) -> Signature {
        let seen = shingle_set(text, k);
        let mut mins = vec![u64::MAX; HASHES];
        for &h in &seen {
            for (i, m) in mins.iter_mut().enumerate() {
                let v = mix(h ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                if v < *m {
                    *m = v;
                }
            }
        }
        Signature {
            mins,
            shingles: seen.len(),
        }
    }

    /// Estimated Jaccard similarity.
    pub fn jaccard(&self, other: &Signature) -> f32 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / HASHES as f32
    }

    /// Estimated share of the smaller set's shingles that the larger holds.
    pub fn containment(&self, other: &Signature) -> f32 {
        let j = self.jaccard(other);
        let (a, b) = (self.shingles as f32, other.shingles as f32);
        if a == 0.0 || b == 0.0 {
            return 0.0;
        }
        let inter = j * (a + b) / (1.0 + j);
        (inter / a.min(b)).min(1.0)
    }
}

/// Weighted translation ids of a document, for the candidate search.
fn doc_ids(aligner: &Aligner<'_>, doc: &LinkDoc<'_>) -> FxHashMap<u32, f32> {
    let lex = aligner.lexicon();
    let mut out: FxHashMap<u32, f32> = FxHashMap::default();
    // Numbers and months get ids past the lexicon's stems.
    let number_id = |n: &str| -> u32 {
        let mut h = 0u64;
        for b in n.bytes() {
            h = mix(h ^ u64::from(b));
        }
        lex.stem_count() + 1 + (h % (u32::MAX as u64 / 2)) as u32
    };
    match doc.lang {
        Lang::Zh => {
            let titles = title_spans(doc.text, '《', '》');
            for w in lex.segment(doc.text, aligner.memory()) {
                let weight = if titles.iter().any(|r| r.contains(&w.span.start)) {
                    2.0
                } else {
                    1.0
                };
                if let WordKind::Lexicon(ids) = w.kind {
                    for &id in ids {
                        let e = out.entry(id).or_default();
                        *e = e.max(weight);
                    }
                }
            }
            for (n, _) in numbers::zh_numbers(doc.text) {
                out.insert(number_id(&n), 1.0);
            }
            for t in english::tokens(doc.text) {
                if !t.is_number() {
                    if let Some(id) = lex.stem_id(&english::stem(&t.text.to_lowercase())) {
                        out.insert(id, 1.0);
                    }
                }
            }
        }
        Lang::En => {
            let titles = title_spans(doc.text, '“', '”');
            let toks = english::tokens(doc.text);
            for (i, t) in toks.iter().enumerate() {
                let lower = t.text.to_lowercase();
                let dated = toks.get(i + 1).is_some_and(|n| n.is_number())
                    || t.text.chars().next().is_some_and(char::is_uppercase);
                let weight = if titles.iter().any(|r| r.contains(&t.span.start)) {
                    2.0
                } else {
                    1.0
                };
                if t.is_number() {
                    if let Some(n) = numbers::en_number(t.text) {
                        out.insert(number_id(&n), 1.0);
                    }
                } else if let Some(m) = numbers::month_number(&lower, dated) {
                    out.insert(number_id(&m.to_string()), 1.0);
                } else if lower.chars().count() >= 2 && !english::is_stopword(&lower) {
                    if let Some(id) = lex.stem_id(&english::stem(&lower)) {
                        let e = out.entry(id).or_default();
                        *e = e.max(weight);
                    }
                }
            }
        }
    }
    out
}

/// Byte ranges between an opening and a closing mark (book titles, quoted titles).
fn title_spans(text: &str, open: char, close: char) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == open {
            start = Some(i);
        } else if c == close {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        }
    }
    out
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    let mut y = x;
    while parent[y] != r {
        let next = parent[y];
        parent[y] = r;
        y = next;
    }
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

/// Links a collection with the given aligner and default parameters.
pub fn link(docs: &[LinkDoc<'_>], aligner: &Aligner<'_>) -> Links {
    link_with(docs, aligner, &LinkParams::default())
}

/// Links a collection.
pub fn link_with(docs: &[LinkDoc<'_>], aligner: &Aligner<'_>, params: &LinkParams) -> Links {
    link_filtered(docs, aligner, params, &|_, _| true)
}

/// Links a collection, considering only pairs `allow(a, b)` accepts: the caller's
/// knowledge of the documents (two reports stating different dates are not one event,
/// however much wording they share) keeps boilerplate from chaining them together.
pub fn link_filtered(
    docs: &[LinkDoc<'_>],
    aligner: &Aligner<'_>,
    params: &LinkParams,
    allow: &dyn Fn(usize, usize) -> bool,
) -> Links {
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut links = Links::default();

    // Same language: MinHash with containment.
    let k = |d: &LinkDoc<'_>| match d.lang {
        Lang::Zh => params.shingle,
        Lang::En => params.shingle_words,
    };
    let sigs: Vec<Signature> = docs.iter().map(|d| Signature::new(d.text, k(d))).collect();
    for a in 0..n {
        for b in a + 1..n {
            if docs[a].lang != docs[b].lang
                || sigs[a].shingles < params.min_shingles
                || sigs[b].shingles < params.min_shingles
                || !allow(a, b)
            {
                continue;
            }
            // The estimate screens; documents of very different sizes make it noisy
            // (one chance collision reads as high containment), so it is confirmed on
            // the exact shingle sets.
            if sigs[a].containment(&sigs[b]) < params.min_containment {
                continue;
            }
            let containment = exact_containment(
                &shingle_set(docs[a].text, k(&docs[a])),
                &shingle_set(docs[b].text, k(&docs[b])),
            );
            if containment >= params.min_containment && numbers_agree(docs[a].text, docs[b].text) {
                links.copies.push(Copy {
                    a,
                    b,
                    jaccard: sigs[a].jaccard(&sigs[b]),
                    containment,
                });
                union(&mut parent, a, b);
            }
        }
    }

    // Chinese-English: candidates by rarity-weighted shared ids, then the aligner.
    let ids: Vec<FxHashMap<u32, f32>> = docs.iter().map(|d| doc_ids(aligner, d)).collect();
    let zh_docs: Vec<usize> = (0..n).filter(|&i| docs[i].lang == Lang::Zh).collect();
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for &z in &zh_docs {
        for &id in ids[z].keys() {
            *df.entry(id).or_default() += 1;
        }
    }
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for &z in &zh_docs {
        for &id in ids[z].keys() {
            postings.entry(id).or_default().push(z);
        }
    }
    let nz = zh_docs.len().max(1) as f32;
    for e in (0..n).filter(|&i| docs[i].lang == Lang::En) {
        let mut acc: FxHashMap<usize, f32> = FxHashMap::default();
        let mut total = 0.0f32;
        for (id, &w) in &ids[e] {
            let d = df.get(id).copied().unwrap_or(0) as f32;
            let idf = ((nz + 1.0) / (d + 1.0)).ln() + 0.1;
            total += w * idf;
            if let Some(list) = postings.get(id) {
                for &z in list {
                    *acc.entry(z).or_default() += w * idf;
                }
            }
        }
        let mut cands: Vec<(usize, f32)> = acc
            .into_iter()
            .map(|(z, v)| (z, v / total.max(1e-6)))
            .filter(|&(z, s)| {
                s >= params.min_doc_score
                    && allow(z, e)
                    && plausible_length(docs[z].text, docs[e].text)
            })
            .collect();
        cands.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        cands.truncate(params.candidates);
        let mut best: Option<Translation> = None;
        for (z, _) in cands {
            let analysis = aligner.analyze(&docs[z].sentences, &docs[e].sentences);
            let alignment = &analysis.alignment;
            let n_en = docs[e].sentences.len().max(1) as f32;
            let supported: usize = alignment
                .beads
                .iter()
                .filter(|b| !b.zh.is_empty() && b.evidence > 0.0)
                .map(|b| b.en.len())
                .sum();
            let support = supported as f32 / n_en;
            // A translation renders its original both ways: most of its own sentences
            // find evidence there (support) and most of the original is rendered
            // (coverage). An English text that matches a longer report's vocabulary
            // well but renders a third of it loses to the report it renders whole.
            let fit = |s: f32, c: f32| 2.0 * s * c / (s + c).max(1e-6);
            if support >= params.min_support
                && analysis.coverage >= params.min_coverage
                && best
                    .as_ref()
                    .is_none_or(|b| fit(support, analysis.coverage) > fit(b.support, b.coverage))
            {
                best = Some(Translation {
                    doc: e,
                    translation_of: z,
                    coverage: analysis.coverage,
                    support,
                });
            }
        }
        if let Some(t) = best {
            union(&mut parent, t.doc, t.translation_of);
            links.translations.push(t);
        }
    }

    let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for i in 0..n {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = groups.into_values().collect();
    groups.sort_by_key(|g| g[0]);
    links.groups = groups;
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minhash_estimates_similarity_and_containment() {
        let long: String = (0..60)
            .map(|i| format!("第{i}项工作要求各地区各部门认真贯彻落实中央决策部署。"))
            .collect();
        let excerpt: String = long.chars().skip(300).take(400).collect();
        let other = "国家统计局今天发布了最新的居民消费价格指数数据，同比上涨百分之二。".repeat(5);
        let a = Signature::new(&long, 5);
        let b = Signature::new(&excerpt, 5);
        let c = Signature::new(&other, 5);
        assert!(a.jaccard(&a) == 1.0);
        assert!(a.containment(&b) > 0.8, "{}", a.containment(&b));
        assert!(a.jaccard(&b) < 0.6);
        assert!(a.containment(&c) < 0.1);
    }

    #[test]
    fn english_normalization_ignores_case_and_punctuation() {
        let a = Signature::new("The Meeting, held on Monday, reviewed the plan.", 5);
        let b = Signature::new("the meeting held on monday reviewed the plan", 5);
        assert_eq!(a.jaccard(&b), 1.0);
    }

    #[test]
    fn excerpt_of_a_document_is_grouped_with_it() {
        let full = "The Political Bureau of the Communist Party of China Central Committee held a meeting on Monday to review guidelines on policies and measures for further promoting the development of the Yangtze River Economic Belt. Xi Jinping chaired the meeting. The meeting stressed that the belt must pursue ecological priority and green development, step up protection of the river and avoid excessive development, and make new breakthroughs in building a new pattern of development.";
        let excerpt = "held a meeting on Monday to review guidelines on policies and measures for further promoting the development of the Yangtze River Economic Belt. Xi Jinping chaired the meeting. The meeting stressed that the belt must pursue ecological priority and green development";
        let unrelated = "Heavy rain is expected across the southern provinces this weekend, the weather bureau said on Thursday, urging residents to stay away from rivers and mountain slopes.";
        let docs = vec![
            LinkDoc {
                id: "a",
                lang: Lang::En,
                text: full,
                sentences: vec![full],
            },
            LinkDoc {
                id: "b",
                lang: Lang::En,
                text: excerpt,
                sentences: vec![excerpt],
            },
            LinkDoc {
                id: "c",
                lang: Lang::En,
                text: unrelated,
                sentences: vec![unrelated],
            },
        ];
        let links = link(&docs, &Aligner::default());
        assert_eq!(links.groups, vec![vec![0, 1], vec![2]]);
        assert!(links.translations.is_empty());
    }

    #[test]
    fn a_short_english_text_is_not_contained_in_a_long_one_on_the_same_subject() {
        // Character shingles would link these: nearly every five-character piece of
        // the short text occurs somewhere in the long one.
        let long = "The Communist Party of China has led the people in building socialism with Chinese characteristics. We must deepen reform and opening up, develop the economy, improve the lives of the people and strengthen the Party in every respect. ".repeat(3)
            + "The development of the country depends on the people, and the strength of the Party lies in its close ties with the people. We will advance the rule of law, protect the environment and promote the rejuvenation of the nation.";
        let short = "We must strengthen the Party and improve the lives of the people through reform, developing socialism and the economy with the rule of law and the people in every respect.";
        assert!(exact_containment(&shingle_set(short, 4), &shingle_set(&long, 4)) < 0.3);
        let chars_contained = {
            let c = |t: &str| -> FxHashSet<String> {
                let v: Vec<char> = t.to_lowercase().chars().collect();
                v.windows(5).map(|w| w.iter().collect()).collect()
            };
            let (a, b) = (c(short), c(&long));
            a.iter().filter(|x| b.contains(*x)).count() as f32 / a.len() as f32
        };
        assert!(chars_contained > 0.7, "{chars_contained}");
    }
}
