//! English renderings of the collection's formulations, read off its aligned pairs, and
//! the formulation memory built from them.
//!
//! For every aligned pair whose original sentence holds a formulation (an occurrence the
//! record found), the English of the sentence's bead is searched for the formulation's
//! rendering ([`readout_align::find_rendering`]: lexical evidence only, nothing guessed).
//! Renderings are counted over pairs, case aside, each with the pairs it was read from.

use std::collections::BTreeMap;

use readout_align::{find_rendering, FormulationMemory, Lexicon};
use serde::{Deserialize, Serialize};

use crate::alignments::PairAlignment;
use crate::formulations::FormulationHistory;

/// Where a rendering was read: an aligned pair, its original sentence holding the
/// formulation and the translation's sentence holding the rendering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderingSource {
    pub original: String,
    pub translation: String,
    /// Index of the original's sentence (in the pair's `original_sentences`).
    pub original_sentence: usize,
    /// Index of the translation's sentence (in the pair's `translation_sentences`).
    pub translation_sentence: usize,
    /// Characters `start..end` of body paragraph `para` of the translation: the
    /// rendering as written.
    pub para: usize,
    pub start: usize,
    pub end: usize,
}

/// One English rendering of a formulation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderingOut {
    /// As the translations write it (the most frequent spelling where case differs).
    pub text: String,
    /// Aligned pairs (beads) it was read from.
    pub count: usize,
    /// Up to [`MAX_SOURCES`] of them.
    pub sources: Vec<RenderingSource>,
}

/// Sources kept per rendering, and renderings kept per formulation.
pub const MAX_SOURCES: usize = 50;
pub const MAX_RENDERINGS: usize = 20;

/// Per formulation (in the order given), its renderings in the aligned pairs, most
/// frequent first.
pub fn renderings(
    alignments: &[PairAlignment],
    formulations: &[FormulationHistory],
    lexicon: &Lexicon,
) -> Vec<Vec<RenderingOut>> {
    // Occurrences by document, so each pair looks only at its original's.
    let mut by_doc: BTreeMap<&str, Vec<(usize, usize, usize, usize)>> = BTreeMap::new();
    for (f, h) in formulations.iter().enumerate() {
        for o in h.occurrences.iter().filter(|o| !o.headline) {
            by_doc
                .entry(o.doc.as_str())
                .or_default()
                .push((f, o.para, o.start, o.end));
        }
    }
    // Per formulation: lowercased text → (spellings with counts, count, sources).
    type Tally = (BTreeMap<String, usize>, usize, Vec<RenderingSource>);
    let mut found: Vec<BTreeMap<String, Tally>> = vec![BTreeMap::new(); formulations.len()];
    for a in alignments {
        let Some(occs) = by_doc.get(a.original.as_str()) else {
            continue;
        };
        let mut bead_of = vec![None; a.original_sentences.len()];
        for (b, bead) in a.beads.iter().enumerate() {
            for &s in &bead.zh {
                if let Some(slot) = bead_of.get_mut(s) {
                    *slot = Some(b);
                }
            }
        }
        // One search per formulation and bead, however often the bead repeats it.
        let mut seen: Vec<(usize, usize)> = Vec::new();
        for &(f, para, start, end) in occs {
            let Some(s) = a
                .original_sentences
                .iter()
                .position(|r| r.para == para && r.start <= start && end <= r.end)
            else {
                continue;
            };
            let Some(b) = bead_of[s] else { continue };
            let bead = &a.beads[b];
            if bead.en.is_empty() || seen.contains(&(f, b)) {
                continue;
            }
            seen.push((f, b));
            let en: Vec<&str> = bead
                .en
                .iter()
                .filter_map(|&t| a.translation_sentences.get(t).map(|r| r.text.as_str()))
                .collect();
            let Some(r) = find_rendering(lexicon, &formulations[f].text, &en) else {
                continue;
            };
            let Some((&t, sent)) = bead
                .en
                .get(r.sentence)
                .and_then(|t| Some((t, a.translation_sentences.get(*t)?)))
            else {
                continue;
            };
            let chars = |b: usize| sent.text.get(..b).map_or(0, |x| x.chars().count());
            let entry = found[f]
                .entry(r.text.to_lowercase())
                .or_insert_with(|| (BTreeMap::new(), 0, Vec::new()));
            *entry.0.entry(r.text.clone()).or_insert(0) += 1;
            entry.1 += 1;
            if entry.2.len() < MAX_SOURCES {
                entry.2.push(RenderingSource {
                    original: a.original.clone(),
                    translation: a.translation.clone(),
                    original_sentence: s,
                    translation_sentence: t,
                    para: sent.para,
                    start: sent.start + chars(r.span.start),
                    end: sent.start + chars(r.span.end),
                });
            }
        }
    }
    found
        .into_iter()
        .map(|m| {
            let mut out: Vec<RenderingOut> = m
                .into_values()
                .map(|(spellings, count, sources)| {
                    let text = spellings
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(t, _)| t.clone())
                        .unwrap_or_default();
                    RenderingOut {
                        text,
                        count,
                        sources,
                    }
                })
                .collect();
            out.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
            out.truncate(MAX_RENDERINGS);
            out
        })
        .collect()
}

/// Pairs a rendering must be read from to enter the memory: a convention recurs, a
/// rendering seen once may be a translator's paraphrase. (On the aligner-eval sets a
/// memory of renderings seen once left strict F1 unchanged or lowered it by up to 0.005;
/// of those seen twice it moved F1 by at most 0.002 either way: `examples/memory_eval.rs`.)
pub const MEMORY_MIN_PAIRS: usize = 2;

/// The formulation memory of `formulations` with their renderings (as from
/// [`renderings`], in the same order): those read from [`MEMORY_MIN_PAIRS`] pairs.
pub fn memory(
    formulations: &[FormulationHistory],
    renderings: &[Vec<RenderingOut>],
) -> FormulationMemory {
    FormulationMemory::from_pairs(formulations.iter().zip(renderings).flat_map(|(f, rs)| {
        rs.iter()
            .filter(|r| r.count >= MEMORY_MIN_PAIRS)
            .map(move |r| (f.text.as_str(), r.text.as_str()))
    }))
}
