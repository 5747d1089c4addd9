//! Translations learned from a first-pass alignment of the same document pair, in the
//! spirit of Moore's bootstrapped aligner: words that keep appearing together in aligned
//! beads (韦小宝 and "Trinket", a term and its house rendering) become translations of each
//! other for the second pass. The dictionary does not know such document-specific
//! renderings; the first pass, anchored by what the dictionary does know, finds them.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::align::Bead;
use crate::lexicon::{Word, WordKind};

/// Chinese word → English ids learned for it.
pub(crate) type Learned<'t> = FxHashMap<&'t str, Vec<u32>>;

/// Learns word pairs from the beads that aligned with positive evidence: pairs seen
/// together in at least `min_pair` beads with a Dice coefficient 2·c(x,y) / (c(x) + c(y))
/// of at least `min_dice`. `en_ids` holds, per English sentence, the ids its words offer.
pub(crate) fn learn<'t>(
    zh: &[&'t str],
    segments: &[Vec<Word<'_>>],
    en_ids: &[Vec<u32>],
    explained: &FxHashSet<u32>,
    beads: &[Bead],
    min_pair: u32,
    min_dice: f32,
) -> Learned<'t> {
    let en_all: FxHashSet<u32> = en_ids.iter().flatten().copied().collect();
    // Chinese words are numbered so pair counts are keyed by two integers.
    let mut word_id: FxHashMap<&'t str, u32> = FxHashMap::default();
    let mut word_text: Vec<&'t str> = Vec::new();
    let mut gap_free: Vec<bool> = Vec::new();
    let mut zh_count: Vec<u32> = Vec::new();
    let mut en_count: FxHashMap<u32, u32> = FxHashMap::default();
    let mut pair_count: FxHashMap<u64, u32> = FxHashMap::default();
    let mut words: Vec<u32> = Vec::new();
    let mut ids: Vec<u32> = Vec::new();
    for b in beads
        .iter()
        .filter(|b| !b.zh.is_empty() && !b.en.is_empty() && b.evidence > 0.0)
    {
        words.clear();
        for s in b.zh.clone() {
            let text = zh[s];
            for w in &segments[s] {
                let known = match &w.kind {
                    WordKind::Stop => continue,
                    // A word whose dictionary translations occur in the English already
                    // has its evidence; learning is for the gaps.
                    WordKind::Lexicon(ids) => ids.iter().any(|id| en_all.contains(id)),
                    _ => false,
                };
                let key = &text[w.span.clone()];
                let id = *word_id.entry(key).or_insert_with(|| {
                    word_text.push(key);
                    gap_free.push(false);
                    zh_count.push(0);
                    word_text.len() as u32 - 1
                });
                gap_free[id as usize] |= known;
                words.push(id);
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
            zh_count[w as usize] += 1;
        }
        for &id in &ids {
            *en_count.entry(id).or_default() += 1;
        }
        for &w in &words {
            for &id in &ids {
                *pair_count
                    .entry((u64::from(w) << 32) | u64::from(id))
                    .or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<(u64, u32)> = pair_count
        .into_iter()
        .filter(|&(_, c)| c >= min_pair)
        .collect();
    // Deterministic order whatever the hash map did.
    pairs.sort_unstable();
    let mut learned: Learned<'t> = FxHashMap::default();
    for (key, c) in pairs {
        let (w, id) = ((key >> 32) as usize, key as u32);
        let dice = 2.0 * c as f32 / (zh_count[w] + en_count[&id]) as f32;
        // English ids some Chinese word already explains are left alone too.
        if dice >= min_dice && (!gap_free[w] || !explained.contains(&id)) {
            learned.entry(word_text[w]).or_default().push(id);
        }
    }
    learned
}
