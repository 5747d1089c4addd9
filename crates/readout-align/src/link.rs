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
    /// Signature of `text` over shingles of `k` units (Han characters, words): one
    /// permutation hashing (each shingle hashed once into one of the bins, the least
    /// value kept per bin), with empty bins filled from the next full one, so the cost
    /// is one hash per shingle rather than one per shingle and bin.
    pub fn new(text: &str, k: usize) -> Signature {
        let seen = shingle_set(text, k);
        let mut mins = vec![u64::MAX; HASHES];
        for &h in &seen {
            let v = mix(h ^ 0x9E37_79B9_7F4A_7C15);
            let bin = (v >> 57) as usize % HASHES;
            // The low bits order the shingles within a bin.
            let key = v & ((1 << 57) - 1);
            if key < mins[bin] {
                mins[bin] = key;
            }
        }
        densify(&mut mins);
        Signature {
            mins,
            shingles: seen.len(),
        }
    }

    /// The signature as bytes (the shingle count, then each bin's value, 32 bits each),
    /// for storing.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(4 + 4 * HASHES);
        out.extend_from_slice(&(self.shingles.min(u32::MAX as usize) as u32).to_le_bytes());
        for m in &self.mins {
            out.extend_from_slice(&(*m as u32).to_le_bytes());
        }
        out
    }

    /// A signature read back from [`Signature::to_bytes`]; `None` for bytes of another
    /// shape.
    pub fn from_bytes(b: &[u8]) -> Option<Signature> {
        if b.len() != 4 + 4 * HASHES {
            return None;
        }
        let word = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
        Some(Signature {
            shingles: word(0) as usize,
            mins: (0..HASHES).map(|k| u64::from(word(4 + 4 * k))).collect(),
        })
    }

    /// Estimated Jaccard similarity.
    pub fn jaccard(&self, other: &Signature) -> f32 {
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        // Compared on 32 bits, as stored.
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| **a as u32 == **b as u32)
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

/// Fills each empty bin from the next full one (circularly), shifted by the distance,
/// so two texts agree on a filled bin about as often as on a full one.
fn densify(mins: &mut [u64]) {
    let n = mins.len();
    if mins.iter().all(|&m| m == u64::MAX) {
        return;
    }
    let full: Vec<u64> = mins.to_vec();
    for i in 0..n {
        if full[i] != u64::MAX {
            continue;
        }
        let mut d = 1;
        while full[(i + d) % n] == u64::MAX {
            d += 1;
        }
        mins[i] = mix(full[(i + d) % n] ^ (d as u64)) & ((1 << 57) - 1);
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

/// The shingle length for a document's language.
fn shingle_len(d: &LinkDoc<'_>, params: &LinkParams) -> usize {
    match d.lang {
        Lang::Zh => params.shingle,
        Lang::En => params.shingle_words,
    }
}

/// The signature of a document to link, as [`same_text`] expects it.
pub fn signature(d: &LinkDoc<'_>, params: &LinkParams) -> Signature {
    Signature::new(d.text, shingle_len(d, params))
}

/// Whether two documents of one language are copies or excerpts of one text: the
/// signatures screen (containment estimate), the exact shingle sets confirm, and the
/// numbers they carry agree. `None` when they are not.
pub fn same_text(
    a: &LinkDoc<'_>,
    b: &LinkDoc<'_>,
    sa: &Signature,
    sb: &Signature,
    params: &LinkParams,
) -> Option<(f32, f32)> {
    if a.lang != b.lang || sa.shingles < params.min_shingles || sb.shingles < params.min_shingles {
        return None;
    }
    // The estimate screens; documents of very different sizes make it noisy (one chance
    // collision reads as high containment), so it is confirmed on the exact sets.
    if sa.containment(sb) < params.min_containment {
        return None;
    }
    let containment = exact_containment(
        &shingle_set(a.text, shingle_len(a, params)),
        &shingle_set(b.text, shingle_len(b, params)),
    );
    (containment >= params.min_containment && numbers_agree(a.text, b.text))
        .then(|| (sa.jaccard(sb), containment))
}

/// The original an English document translates, among Chinese `candidates` (which the
/// caller found by blocking: documents that date alike, or stand in the same file): a
/// document-level score over shared translation ids (weighted by their rarity among the
/// candidates) keeps the best few, then the sentence aligner decides. Returns the
/// candidate's index, the coverage and the support; `None` when no candidate is
/// rendered well enough both ways.
pub fn best_translation(
    en: &LinkDoc<'_>,
    candidates: &[&LinkDoc<'_>],
    aligner: &Aligner<'_>,
    params: &LinkParams,
) -> Option<(usize, f32, f32)> {
    if en.lang != Lang::En || candidates.is_empty() {
        return None;
    }
    let ids: Vec<FxHashMap<u32, f32>> = candidates.iter().map(|d| doc_ids(aligner, d)).collect();
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    for set in &ids {
        for &id in set.keys() {
            *df.entry(id).or_default() += 1;
        }
    }
    let nz = candidates.len() as f32;
    let mut acc = vec![0.0f32; candidates.len()];
    let mut total = 0.0f32;
    for (id, &w) in &doc_ids(aligner, en) {
        let d = df.get(id).copied().unwrap_or(0) as f32;
        let idf = ((nz + 1.0) / (d + 1.0)).ln() + 0.1;
        total += w * idf;
        for (k, set) in ids.iter().enumerate() {
            if set.contains_key(id) {
                acc[k] += w * idf;
            }
        }
    }
    let mut cands: Vec<(usize, f32)> = acc
        .into_iter()
        .enumerate()
        .map(|(k, v)| (k, v / total.max(1e-6)))
        .filter(|&(k, s)| {
            candidates[k].lang == Lang::Zh
                && s >= params.min_doc_score
                && plausible_length(candidates[k].text, en.text)
        })
        .collect();
    cands.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(candidates[a.0].id.cmp(candidates[b.0].id))
    });
    cands.truncate(params.candidates);
    let mut best: Option<(usize, f32, f32)> = None;
    // A translation renders its original both ways: most of its own sentences find
    // evidence there (support) and most of the original is rendered (coverage). An
    // English text that matches a longer report's vocabulary well but renders a third
    // of it loses to the report it renders whole.
    let fit = |s: f32, c: f32| 2.0 * s * c / (s + c).max(1e-6);
    for (k, _) in cands {
        let analysis = aligner.analyze(&candidates[k].sentences, &en.sentences);
        let n_en = en.sentences.len().max(1) as f32;
        let supported: usize = analysis
            .alignment
            .beads
            .iter()
            .filter(|b| !b.zh.is_empty() && b.evidence > 0.0)
            .map(|b| b.en.len())
            .sum();
        let support = supported as f32 / n_en;
        if support >= params.min_support
            && analysis.coverage >= params.min_coverage
            && best.is_none_or(|(_, c, s)| fit(support, analysis.coverage) > fit(s, c))
        {
            best = Some((k, analysis.coverage, support));
        }
    }
    best
}

/// Links a handful of documents with the given aligner and default parameters, every
/// pair considered (a collection blocks first: see readout-collection).
pub fn link(docs: &[LinkDoc<'_>], aligner: &Aligner<'_>) -> Links {
    let params = LinkParams::default();
    let n = docs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut links = Links::default();
    let sigs: Vec<Signature> = docs.iter().map(|d| signature(d, &params)).collect();
    for a in 0..n {
        for b in a + 1..n {
            if let Some((jaccard, containment)) =
                same_text(&docs[a], &docs[b], &sigs[a], &sigs[b], &params)
            {
                links.copies.push(Copy {
                    a,
                    b,
                    jaccard,
                    containment,
                });
                union(&mut parent, a, b);
            }
        }
    }
    let zh: Vec<usize> = (0..n).filter(|&i| docs[i].lang == Lang::Zh).collect();
    let zh_docs: Vec<&LinkDoc<'_>> = zh.iter().map(|&i| &docs[i]).collect();
    for e in (0..n).filter(|&i| docs[i].lang == Lang::En) {
        if let Some((k, coverage, support)) = best_translation(&docs[e], &zh_docs, aligner, &params)
        {
            union(&mut parent, e, zh[k]);
            links.translations.push(Translation {
                doc: e,
                translation_of: zh[k],
                coverage,
                support,
            });
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
