//! Translations learned from a first-pass alignment of the same document pair, in the
//! spirit of Moore's bootstrapped aligner: words that keep appearing together in aligned
//! beads (韦小宝 and "Trinket", a term and its house rendering) become translations of each
//! other for the second pass. The dictionary does not know such document-specific
//! renderings; the first pass, anchored by what the dictionary does know, finds them.

use rustc_hash::FxHashMap;

use crate::align::Bead;
use crate::lexicon::{Lexicon, WordKind};
use crate::memory::FormulationMemory;

/// Chinese word → English ids learned for it.
pub(crate) type Learned<'t> = FxHashMap<&'t str, Vec<u32>>;

/// Least number of beads in which a pair must co-occur.
const MIN_PAIR: u32 = 3;
/// Least Dice coefficient 2·c(x,y) / (c(x) + c(y)) of a learned pair.
const MIN_DICE: f32 = 0.5;

/// Learns word pairs from the beads that aligned with positive evidence. `en_ids` holds,
/// per English sentence, the ids its words offer.
pub(crate) fn learn<'t>(
    zh: &[&'t str],
    en_ids: &[Vec<u32>],
    beads: &[Bead],
    lexicon: &Lexicon,
    memory: Option<&FormulationMemory>,
) -> Learned<'t> {
    let mut zh_count: FxHashMap<&'t str, u32> = FxHashMap::default();
    let mut en_count: FxHashMap<u32, u32> = FxHashMap::default();
    let mut pair_count: FxHashMap<(&'t str, u32), u32> = FxHashMap::default();
    let mut words: Vec<&'t str> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    for b in beads.iter().filter(|b| !b.zh.is_empty() && !b.en.is_empty() && b.evidence > 0.0) {
        words.clear();
        for &text in &zh[b.zh.clone()] {
            for w in lexicon.segment(text, memory) {
                if matches!(w.kind, WordKind::Stop) {
                    continue;
                }
                words.push(&text[w.span]);
            }
        }
        words.sort_unstable();
        words.dedup();
        ids.clear();
        for t in b.en.clone() {
            ids.extend_from_slice(&en_ids[t]);
        }
        ids.sort_unstable();
        ids.dedup();
        for &w in &words {
            *zh_count.entry(w).or_default() += 1;
        }
        for &id in &ids {
            *en_count.entry(id).or_default() += 1;
        }
        for &w in &words {
            for &id in &ids {
                *pair_count.entry((w, id)).or_default() += 1;
            }
        }
    }
    let mut learned: Learned<'t> = FxHashMap::default();
    let mut pairs: Vec<((&'t str, u32), u32)> =
        pair_count.into_iter().filter(|&(_, c)| c >= MIN_PAIR).collect();
    // Deterministic order whatever the hash map did.
    pairs.sort_unstable();
    for ((w, id), c) in pairs {
        let cx = zh_count[w];
        let cy = en_count[&id];
        let dice = 2.0 * c as f32 / (cx + cy) as f32;
        if dice >= MIN_DICE {
            learned.entry(w).or_default().push(id);
        }
    }
    learned
}
