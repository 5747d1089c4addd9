//! Sentence alignment of a Chinese text and its English version by dynamic programming
//! over beads (1-1, 1-0, 0-1, 1-2, 2-1, 1-3, 3-1, 2-2, 2-3, 3-2, 1-4, 4-1) inside a band
//! around an anchor path, so time and memory grow linearly with the text.
//!
//! A bead's score is a sum of log-likelihood ratios "these sentences translate each other"
//! against "they are unrelated":
//! - lexical: every item (dictionary word, number, name) of either side is either matched
//!   on the other side, worth `ln(P/c + 1 - P)` where `c` is its chance of matching an
//!   unrelated group of that size, or unmatched, worth `ln(1 - P)`; `P` is how often an item
//!   finds its translation, re-estimated per document pair;
//! - length: a Gale-Church Gaussian on the English/Chinese character ratio, the ratio
//!   estimated per document pair;
//! - a prior per bead shape. Unmatched sentences (1-0, 0-1) score their prior alone; the
//!   1-0 prior is mild because official English versions drop many sentences.

use std::ops::Range;

use crate::band::{self, Band, BandParams};
use crate::features::{self, Class, EnSent, Interner, NameSet, ZhSent};
use crate::learn::{self, Learned};
use crate::lexicon::{Lexicon, Word};
use crate::memory::FormulationMemory;

/// Tunable parameters of the aligner. `Default` holds the values tuned on the MAC-Dev
/// literary set and checked on political, academic and magazine text.
#[derive(Debug, Clone)]
pub struct Params {
    /// Initial probability that a dictionary word finds its translation in the true
    /// counterpart (re-estimated per document pair when `iterations > 1`).
    pub p_word: f32,
    /// The same for numbers.
    pub p_number: f32,
    /// The same for names and Latin words.
    pub p_name: f32,
    /// Weight of the length model's log probability.
    pub length_weight: f32,
    /// Variance of the English length per Chinese character, relative to the squared ratio.
    pub length_variance: f32,
    /// Fixed English/Chinese character ratio; `None` estimates it per document pair.
    pub ratio: Option<f32>,
    /// Log prior of a Chinese sentence without English counterpart (1-0).
    pub skip_zh: f32,
    /// Log prior of an English sentence without Chinese counterpart (0-1).
    pub skip_en: f32,
    /// Log priors of the many-to-one shapes, relative to 1-1 (which is 0).
    pub prior_1_2: f32,
    pub prior_2_1: f32,
    pub prior_1_3: f32,
    pub prior_3_1: f32,
    pub prior_2_2: f32,
    pub prior_1_4: f32,
    pub prior_4_1: f32,
    pub prior_2_3: f32,
    pub prior_3_2: f32,
    /// Alignment passes; later passes re-estimate `P` and the length ratio from the
    /// previous alignment and search a narrow band around it.
    pub iterations: usize,
    /// Anchor search and band shape of the first pass.
    pub min_anchor: f32,
    pub anchor_margin: f32,
    pub band_radius: usize,
    pub band_gap_factor: f32,
    pub band_max_radius: usize,
    /// Half-width of the band around the previous path in later passes.
    pub refine_radius: usize,
    /// Learning between passes: least number of aligned beads a word pair shares, and
    /// least Dice coefficient (above 1 turns learning off).
    pub learn_min_pair: u32,
    pub learn_min_dice: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            p_word: 0.45,
            p_number: 0.8,
            p_name: 0.8,
            length_weight: 1.0,
            length_variance: 1.5,
            ratio: None,
            skip_zh: -6.0,
            skip_en: -12.0,
            prior_1_2: -1.5,
            prior_2_1: -2.5,
            prior_1_3: -3.0,
            prior_3_1: -4.5,
            prior_2_2: -7.0,
            prior_1_4: -4.5,
            prior_4_1: -6.0,
            prior_2_3: -6.0,
            prior_3_2: -6.0,
            iterations: 2,
            min_anchor: 8.0,
            anchor_margin: 4.0,
            band_radius: 10,
            band_gap_factor: 0.6,
            band_max_radius: 120,
            refine_radius: 6,
            learn_min_pair: 3,
            learn_min_dice: 0.5,
        }
    }
}

/// Bead shapes (Chinese sentences, English sentences) the search considers. The first
/// `COARSE_SHAPES` are the common ones, enough for the wide first pass; the narrow later
/// passes use them all.
const COARSE_SHAPES: usize = 5;
const BEADS: [(usize, usize); 12] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (1, 2),
    (2, 1),
    (1, 3),
    (3, 1),
    (2, 2),
    (1, 4),
    (4, 1),
    (2, 3),
    (3, 2),
];

/// One alignment group: consecutive Chinese sentences and the English sentences that
/// render them (either side may be empty).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Bead {
    pub zh: Range<usize>,
    pub en: Range<usize>,
    /// Lexical evidence (log-likelihood ratio) that the two sides translate each other;
    /// 0 for an unmatched sentence.
    pub evidence: f32,
}

/// The alignment of a document pair: beads in text order covering every sentence once.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alignment {
    pub beads: Vec<Bead>,
    /// English characters per Chinese character used by the length model.
    pub ratio: f32,
}

impl Alignment {
    /// Share of the Chinese sentences that have an English counterpart (1 for none).
    pub fn coverage(&self) -> f32 {
        let total: usize = self.beads.iter().map(|b| b.zh.len()).sum();
        if total == 0 {
            return 1.0;
        }
        let rendered: usize = self
            .beads
            .iter()
            .filter(|b| !b.en.is_empty())
            .map(|b| b.zh.len())
            .sum();
        rendered as f32 / total as f32
    }

    /// Chinese sentences left out of the translation (in 1-0 beads).
    pub fn omitted_zh(&self) -> Vec<usize> {
        self.beads
            .iter()
            .filter(|b| b.en.is_empty())
            .flat_map(|b| b.zh.clone())
            .collect()
    }

    /// English sentences with no Chinese counterpart (in 0-1 beads).
    pub fn unmatched_en(&self) -> Vec<usize> {
        self.beads
            .iter()
            .filter(|b| b.zh.is_empty())
            .flat_map(|b| b.en.clone())
            .collect()
    }
}

/// The aligner: a lexicon, an optional formulation memory and parameters.
#[derive(Debug, Clone)]
pub struct Aligner<'a> {
    lexicon: &'a Lexicon,
    memory: Option<&'a FormulationMemory>,
    params: Params,
}

impl Default for Aligner<'static> {
    fn default() -> Self {
        Aligner::new(Lexicon::bundled())
    }
}

/// Aligns Chinese and English sentences with the bundled lexicon and default parameters.
pub fn align(zh: &[&str], en: &[&str]) -> Alignment {
    Aligner::default().align(zh, en)
}

/// Everything the scorer needs about one document pair.
pub(crate) struct Prepared {
    pub zh: Vec<ZhSent>,
    pub en: Vec<EnSent>,
}

/// The English side's features before filtering, with the id tables of the pair.
pub(crate) struct EnglishSide<'l> {
    pub sents: Vec<EnSent>,
    /// Per English sentence, every id its words offer, for learning.
    pub ids: Vec<Vec<u32>>,
    pub inter: Interner<'l>,
    pub names: NameSet,
}

impl<'a> Aligner<'a> {
    /// An aligner using `lexicon` with default parameters.
    pub fn new(lexicon: &'a Lexicon) -> Self {
        Aligner {
            lexicon,
            memory: None,
            params: Params::default(),
        }
    }

    /// Uses a formulation memory: its phrases segment whole and count as translated
    /// when their known renderings appear.
    pub fn with_memory(mut self, memory: &'a FormulationMemory) -> Self {
        self.memory = Some(memory);
        self
    }

    /// Replaces the parameters.
    pub fn with_params(mut self, params: Params) -> Self {
        self.params = params;
        self
    }

    /// The parameters in use.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The lexicon in use.
    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }

    /// The formulation memory in use.
    pub fn memory(&self) -> Option<&'a FormulationMemory> {
        self.memory
    }

    /// English features (shared by all passes) and Chinese segmentation.
    pub(crate) fn english_side(&self, en: &[&str]) -> EnglishSide<'a> {
        let mut inter = Interner::new(self.lexicon);
        let mut names = NameSet::new();
        let sents: Vec<EnSent> = en
            .iter()
            .map(|t| features::en_sentence(t, &mut inter, &mut names))
            .collect();
        let ids = sents
            .iter()
            .map(|s| {
                let mut ids: Vec<u32> = s
                    .items
                    .iter()
                    .flat_map(|it| it.ids)
                    .filter(|&id| id != features::NO_ID)
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        EnglishSide {
            sents,
            ids,
            inter,
            names,
        }
    }

    pub(crate) fn prepare(
        &self,
        zh: &[&str],
        segments: &[Vec<Word<'_>>],
        side: &mut EnglishSide<'_>,
        learned: Option<&Learned<'_>>,
    ) -> Prepared {
        let mut en_s = side.sents.clone();
        let mut zh_s: Vec<ZhSent> = zh
            .iter()
            .zip(segments)
            .map(|(t, w)| features::zh_sentence(t, w, learned, &mut side.inter, &side.names))
            .collect();
        features::finish(&mut zh_s, &mut en_s);
        Prepared { zh: zh_s, en: en_s }
    }

    /// Aligns the sentences of a Chinese text with those of its English version.
    pub fn align(&self, zh: &[&str], en: &[&str]) -> Alignment {
        self.align_parts(zh, en).0
    }

    /// The alignment, with the English features and Chinese segmentation it was made
    /// from (reused by omission finding).
    pub(crate) fn align_parts(
        &self,
        zh: &[&str],
        en: &[&str],
    ) -> (Alignment, EnglishSide<'a>, Vec<Vec<Word<'a>>>) {
        let p = &self.params;
        let (nz, ne) = (zh.len(), en.len());
        let mut side = self.english_side(en);
        let segments: Vec<Vec<Word<'a>>> = zh
            .iter()
            .map(|t| self.lexicon.segment(t, self.memory))
            .collect();
        if nz == 0 || ne == 0 {
            let beads = (0..nz)
                .map(|s| Bead {
                    zh: s..s + 1,
                    en: 0..0,
                    evidence: 0.0,
                })
                .chain((0..ne).map(|t| Bead {
                    zh: nz..nz,
                    en: t..t + 1,
                    evidence: 0.0,
                }))
                .collect();
            let a = Alignment {
                beads,
                ratio: p.ratio.unwrap_or(0.0),
            };
            return (a, side, segments);
        }
        let prep = self.prepare(zh, &segments, &mut side, None);
        let bp = BandParams {
            min_anchor: p.min_anchor,
            margin: p.anchor_margin,
            radius: p.band_radius,
            gap_factor: p.band_gap_factor,
            max_radius: p.band_max_radius,
        };
        let anchors = band::anchors(&prep.zh, &prep.en, &bp);
        let total_zh: f32 = prep.zh.iter().map(|s| s.len).sum();
        let total_en: f32 = prep.en.iter().map(|s| s.len).sum();
        let mut ratio = p.ratio.unwrap_or_else(|| {
            // Anchored pairs are translations of each other; totals are not when the
            // English is abridged.
            let (az, ae) = anchors.iter().fold((0.0, 0.0), |(z, e), &(s, t, _)| {
                (z + prep.zh[s].len, e + prep.en[t].len)
            });
            if anchors.len() >= 5 && az > 0.0 {
                ae / az
            } else {
                total_en / total_zh.max(1.0)
            }
        });
        if !ratio.is_finite() || ratio <= 0.0 {
            ratio = 1.0;
        }
        let path = band::chain(anchors, ne);
        let grid = band::band(nz, ne, &path, &bp);
        let mut rates = Rates::from_params(p);
        let first_shapes = if p.iterations > 1 {
            COARSE_SHAPES
        } else {
            BEADS.len()
        };
        let mut beads = Scorer::new(&prep, &grid, ratio, &rates, p).search(&grid, first_shapes);
        // English ids the dictionary already explains somewhere in the Chinese.
        let explained: rustc_hash::FxHashSet<u32> = prep
            .zh
            .iter()
            .flat_map(|s| s.items.iter().flat_map(|it| it.ids.iter().copied()))
            .collect();
        for _ in 1..p.iterations.max(1) {
            // Learn document-specific translations from this alignment, then search again
            // near it with rates and ratio re-estimated on it.
            let learned = learn::learn(
                zh,
                &segments,
                &side.ids,
                &explained,
                &beads,
                p.learn_min_pair,
                p.learn_min_dice,
            );
            let next = self.prepare(zh, &segments, &mut side, Some(&learned));
            let grid = band_around(&beads, nz, ne, p.refine_radius);
            rates = Scorer::new(&next, &grid, ratio, &rates, p).estimate_rates(&beads, &rates);
            if p.ratio.is_none() {
                ratio = estimate_ratio(&next, &beads).unwrap_or(ratio);
            }
            beads = Scorer::new(&next, &grid, ratio, &rates, p).search(&grid, BEADS.len());
        }
        (Alignment { beads, ratio }, side, segments)
    }
}

/// Per-class translation rates for both sides.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rates {
    pub zh: [f32; 3],
    pub en: [f32; 3],
}

impl Rates {
    fn from_params(p: &Params) -> Self {
        let r = [p.p_word, p.p_number, p.p_name];
        Rates { zh: r, en: r }
    }
}

fn class_index(c: Class) -> usize {
    match c {
        Class::Word => 0,
        Class::Number => 1,
        Class::Name => 2,
    }
}

fn estimate_ratio(prep: &Prepared, beads: &[Bead]) -> Option<f32> {
    let (mut z, mut e, mut n) = (0.0f32, 0.0f32, 0);
    for b in beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty() && b.evidence > 0.0)
    {
        z += b.zh.clone().map(|s| prep.zh[s].len).sum::<f32>();
        e += b.en.clone().map(|t| prep.en[t].len).sum::<f32>();
        n += 1;
    }
    (n >= 5 && z > 0.0).then(|| e / z)
}

/// A narrow band around a previous alignment path.
fn band_around(beads: &[Bead], nz: usize, ne: usize, radius: usize) -> Band {
    let mut lo = vec![usize::MAX; nz + 1];
    let mut hi = vec![0usize; nz + 1];
    let mut mark = |i: usize, j: usize| {
        lo[i] = lo[i].min(j.saturating_sub(radius));
        hi[i] = hi[i].max((j + radius).min(ne));
    };
    mark(0, 0);
    for b in beads {
        // Every row the bead passes through gets the bead's English extent.
        for i in b.zh.start..=b.zh.end {
            mark(i, b.en.start);
            mark(i, b.en.end);
        }
    }
    for i in 0..=nz {
        if lo[i] > hi[i] {
            lo[i] = 0;
            hi[i] = ne;
        }
    }
    lo[0] = 0;
    hi[nz] = ne;
    for i in (0..nz).rev() {
        lo[i] = lo[i].min(lo[i + 1]);
    }
    for i in 1..=nz {
        hi[i] = hi[i].max(hi[i - 1]);
        lo[i] = lo[i].min(hi[i - 1]);
    }
    Band { lo, hi }
}

/// Match masks for the sentence pairs near the band, and per-item gains.
pub(crate) struct Scorer<'p> {
    prep: &'p Prepared,
    params: &'p Params,
    ratio: f32,
    /// For Chinese sentence s: English sentences plo[s]..phi[s] have masks at off[s]..
    plo: Vec<usize>,
    phi: Vec<usize>,
    off: Vec<usize>,
    masks: Vec<(u64, u64)>,
    zh_base: Vec<f32>,
    en_base: Vec<f32>,
    zh_gain: Vec<Vec<[f32; 4]>>,
    en_gain: Vec<Vec<[f32; 4]>>,
}

fn gains(chance: f32, rate: f32) -> [f32; 4] {
    let unmatched = (1.0 - rate).ln();
    let mut g = [0.0f32; 4];
    for (k, slot) in g.iter_mut().enumerate() {
        let c = 1.0 - (1.0 - chance).powi(k as i32 + 1);
        let c = c.max(1e-4);
        *slot = (rate / c + 1.0 - rate).ln() - unmatched;
    }
    g
}

impl<'p> Scorer<'p> {
    fn new(prep: &'p Prepared, grid: &Band, ratio: f32, rates: &Rates, params: &'p Params) -> Self {
        let nz = prep.zh.len();
        let ne = prep.en.len();
        let mut plo = Vec::with_capacity(nz);
        let mut phi = Vec::with_capacity(nz);
        let mut off = Vec::with_capacity(nz);
        let mut masks = Vec::new();
        for s in 0..nz {
            let lo = grid.lo[s.saturating_sub(4)];
            let hi = grid.hi[(s + 5).min(nz)].min(ne);
            plo.push(lo);
            phi.push(hi);
            off.push(masks.len());
            for t in lo..hi {
                masks.push(features::match_masks(&prep.zh[s], &prep.en[t]));
            }
        }
        let zh_gain: Vec<Vec<[f32; 4]>> = prep
            .zh
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|it| gains(it.chance, rates.zh[class_index(it.class)]))
                    .collect()
            })
            .collect();
        let en_gain: Vec<Vec<[f32; 4]>> = prep
            .en
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|it| gains(it.chance, rates.en[class_index(it.class)]))
                    .collect()
            })
            .collect();
        let zh_base = prep
            .zh
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|it| (1.0 - rates.zh[class_index(it.class)]).ln())
                    .sum()
            })
            .collect();
        let en_base = prep
            .en
            .iter()
            .map(|s| {
                s.items
                    .iter()
                    .map(|it| (1.0 - rates.en[class_index(it.class)]).ln())
                    .sum()
            })
            .collect();
        Scorer {
            prep,
            params,
            ratio,
            plo,
            phi,
            off,
            masks,
            zh_base,
            en_base,
            zh_gain,
            en_gain,
        }
    }

    #[inline]
    fn pair(&self, s: usize, t: usize) -> (u64, u64) {
        if t < self.plo[s] || t >= self.phi[s] {
            return features::match_masks(&self.prep.zh[s], &self.prep.en[t]);
        }
        self.masks[self.off[s] + t - self.plo[s]]
    }

    /// Lexical log-likelihood ratio of Chinese `zs` against English `es`.
    fn lexical(&self, zs: Range<usize>, es: Range<usize>) -> f32 {
        let kb = es.len().clamp(1, 4) - 1;
        let ka = zs.len().clamp(1, 4) - 1;
        let mut total = 0.0;
        for s in zs.clone() {
            let mut m = 0u64;
            for t in es.clone() {
                m |= self.pair(s, t).0;
            }
            total += self.zh_base[s];
            let g = &self.zh_gain[s];
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                total += g[bit][kb];
                m &= m - 1;
            }
        }
        for t in es {
            let mut m = 0u64;
            for s in zs.clone() {
                m |= self.pair(s, t).1;
            }
            total += self.en_base[t];
            let g = &self.en_gain[t];
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                total += g[bit][ka];
                m &= m - 1;
            }
        }
        total
    }

    fn length(&self, zs: Range<usize>, es: Range<usize>) -> f32 {
        let lz: f32 = zs.map(|s| self.prep.zh[s].len).sum();
        let le: f32 = es.map(|t| self.prep.en[t].len).sum();
        let c = self.ratio;
        let mean = ((lz + le / c) / 2.0).max(1.0);
        let delta = (le - c * lz) / (c * (self.params.length_variance * mean).sqrt());
        log_two_tail(delta.abs())
    }

    fn prior(&self, a: usize, b: usize) -> f32 {
        let p = self.params;
        match (a, b) {
            (1, 1) => 0.0,
            (1, 0) => p.skip_zh,
            (0, 1) => p.skip_en,
            (1, 2) => p.prior_1_2,
            (2, 1) => p.prior_2_1,
            (1, 3) => p.prior_1_3,
            (3, 1) => p.prior_3_1,
            (2, 2) => p.prior_2_2,
            (1, 4) => p.prior_1_4,
            (4, 1) => p.prior_4_1,
            (2, 3) => p.prior_2_3,
            (3, 2) => p.prior_3_2,
            _ => f32::NEG_INFINITY,
        }
    }

    /// Total score of a bead and its lexical part.
    fn bead(&self, zs: Range<usize>, es: Range<usize>) -> (f32, f32) {
        let prior = self.prior(zs.len(), es.len());
        if zs.is_empty() || es.is_empty() {
            return (prior, 0.0);
        }
        let lex = self.lexical(zs.clone(), es.clone());
        let len = self.params.length_weight * self.length(zs, es);
        (prior + lex + len, lex)
    }

    /// Best path through the band.
    fn search(&self, grid: &Band, shapes: usize) -> Vec<Bead> {
        let nz = self.prep.zh.len();
        let ne = self.prep.en.len();
        let mut off = Vec::with_capacity(nz + 2);
        let mut size = 0usize;
        for i in 0..=nz {
            off.push(size);
            size += grid.hi[i] + 1 - grid.lo[i];
        }
        let mut score = vec![f32::NEG_INFINITY; size];
        let mut back = vec![u8::MAX; size];
        score[0] = 0.0;
        for i in 0..=nz {
            for j in grid.lo[i]..=grid.hi[i] {
                if i == 0 && j == 0 {
                    continue;
                }
                let mut best = f32::NEG_INFINITY;
                let mut arg = u8::MAX;
                for (k, &(a, b)) in BEADS[..shapes].iter().enumerate() {
                    if a > i || b > j {
                        continue;
                    }
                    let (pi, pj) = (i - a, j - b);
                    if pj < grid.lo[pi] || pj > grid.hi[pi] {
                        continue;
                    }
                    let prev = score[off[pi] + pj - grid.lo[pi]];
                    if prev == f32::NEG_INFINITY {
                        continue;
                    }
                    let v = prev + self.bead(pi..i, pj..j).0;
                    if v > best {
                        best = v;
                        arg = k as u8;
                    }
                }
                let cell = off[i] + j - grid.lo[i];
                score[cell] = best;
                back[cell] = arg;
            }
        }
        let mut beads = Vec::new();
        let (mut i, mut j) = (nz, ne);
        while i > 0 || j > 0 {
            let k = back[off[i] + j - grid.lo[i]];
            // The band always connects the corners; if a cell were unreachable, fall back
            // to unmatched sentences rather than fail.
            let (a, b) = if k == u8::MAX {
                if i > 0 {
                    (1, 0)
                } else {
                    (0, 1)
                }
            } else {
                BEADS[k as usize]
            };
            let (a, b) = (a.min(i), b.min(j));
            let (pi, pj) = (i - a, j - b);
            let evidence = if a > 0 && b > 0 {
                self.bead(pi..i, pj..j).1
            } else {
                0.0
            };
            beads.push(Bead {
                zh: pi..i,
                en: pj..j,
                evidence,
            });
            i = pi;
            j = pj;
            if j < grid.lo[i] || j > grid.hi[i] {
                // Outside the band (only after a fallback): finish with unmatched sentences.
                while i > 0 {
                    beads.push(Bead {
                        zh: i - 1..i,
                        en: j..j,
                        evidence: 0.0,
                    });
                    i -= 1;
                }
                while j > 0 {
                    beads.push(Bead {
                        zh: 0..0,
                        en: j - 1..j,
                        evidence: 0.0,
                    });
                    j -= 1;
                }
            }
        }
        beads.reverse();
        beads
    }

    /// Translation rates observed in an alignment, corrected for chance matches.
    fn estimate_rates(&self, beads: &[Bead], prior: &Rates) -> Rates {
        let mut zh = [(0.0f32, 0.0f32, 0.0f32); 3]; // matched, total, sum of chance
        let mut en = [(0.0f32, 0.0f32, 0.0f32); 3];
        for b in beads
            .iter()
            .filter(|b| !b.zh.is_empty() && !b.en.is_empty())
        {
            let kb = b.en.len().clamp(1, 4) as i32;
            let ka = b.zh.len().clamp(1, 4) as i32;
            for s in b.zh.clone() {
                let mut m = 0u64;
                for t in b.en.clone() {
                    m |= self.pair(s, t).0;
                }
                for (k, it) in self.prep.zh[s].items.iter().enumerate() {
                    let acc = &mut zh[class_index(it.class)];
                    acc.0 += ((m >> k) & 1) as f32;
                    acc.1 += 1.0;
                    acc.2 += 1.0 - (1.0 - it.chance).powi(kb);
                }
            }
            for t in b.en.clone() {
                let mut m = 0u64;
                for s in b.zh.clone() {
                    m |= self.pair(s, t).1;
                }
                for (k, it) in self.prep.en[t].items.iter().enumerate() {
                    let acc = &mut en[class_index(it.class)];
                    acc.0 += ((m >> k) & 1) as f32;
                    acc.1 += 1.0;
                    acc.2 += 1.0 - (1.0 - it.chance).powi(ka);
                }
            }
        }
        let fit = |acc: (f32, f32, f32), prior: f32| {
            if acc.1 < 20.0 {
                return prior;
            }
            let observed = acc.0 / acc.1;
            let chance = acc.2 / acc.1;
            let rate = ((observed - chance) / (1.0 - chance).max(1e-3)).clamp(0.05, 0.9);
            // Shrink towards the prior on little data.
            let w = acc.1 / (acc.1 + 50.0);
            w * rate + (1.0 - w) * prior
        };
        let mut out = *prior;
        for c in 0..3 {
            out.zh[c] = fit(zh[c], prior.zh[c]);
            out.en[c] = fit(en[c], prior.en[c]);
        }
        out
    }
}

/// ln(2 (1 - Φ(x))) for x ≥ 0: the log probability of a standard normal deviation at
/// least this large, with an asymptotic form in the far tail.
fn log_two_tail(x: f32) -> f32 {
    let x = x as f64;
    let v = if x < 5.0 {
        (erfc(x / std::f64::consts::SQRT_2)).max(1e-300).ln()
    } else {
        // erfc(z) ~ exp(-z²) / (z √π)
        let z = x / std::f64::consts::SQRT_2;
        -z * z - (z * std::f64::consts::PI.sqrt()).ln()
    };
    v as f32
}

/// Complementary error function (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_tail_log_probability() {
        assert!((log_two_tail(0.0) - 0.0).abs() < 1e-4);
        assert!((log_two_tail(1.96) - 0.05f32.ln()).abs() < 0.01);
        assert!(log_two_tail(10.0) < log_two_tail(4.9));
        assert!(log_two_tail(100.0).is_finite());
    }

    #[test]
    fn gains_reward_rare_items_more() {
        let rare = gains(0.01, 0.5);
        let common = gains(0.5, 0.5);
        assert!(rare[0] > common[0]);
        // A larger group makes a chance match likelier, so a match is worth less.
        assert!(rare[0] > rare[3]);
    }

    #[test]
    fn empty_sides_give_unmatched_beads() {
        let a = align(&["会议。"], &[]);
        assert_eq!(a.beads.len(), 1);
        assert_eq!(a.coverage(), 0.0);
        let b = align(&[], &["A meeting."]);
        assert_eq!(b.unmatched_en(), vec![0]);
    }
}
