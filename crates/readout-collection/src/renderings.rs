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

/// One rendering read off one aligned pair: the formulation (mainland simplified) and
/// where its English stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderingRow {
    pub formulation: String,
    /// The English as written.
    pub text: String,
    pub source: RenderingSource,
}

/// A formulation occurrence in an original's body: the formulation and its span.
#[derive(Debug, Clone, Copy)]
pub struct BodyHit<'a> {
    pub formulation: &'a str,
    pub para: usize,
    pub start: usize,
    pub end: usize,
}

/// The renderings an aligned pair gives of the formulations its original holds (`hits`,
/// spans in the original's own characters): for each, the English of the bead holding
/// its sentence, searched with lexical evidence only. One search per formulation and
/// bead, however often the bead repeats it.
pub fn pair_renderings(
    a: &PairAlignment,
    hits: &[BodyHit<'_>],
    lexicon: &Lexicon,
) -> Vec<RenderingRow> {
    let mut bead_of = vec![None; a.original_sentences.len()];
    for (b, bead) in a.beads.iter().enumerate() {
        for &s in &bead.zh {
            if let Some(slot) = bead_of.get_mut(s) {
                *slot = Some(b);
            }
        }
    }
    let mut out = Vec::new();
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for h in hits {
        let Some(s) = a
            .original_sentences
            .iter()
            .position(|r| r.para == h.para && r.start <= h.start && h.end <= r.end)
        else {
            continue;
        };
        let Some(b) = bead_of[s] else { continue };
        let bead = &a.beads[b];
        if bead.en.is_empty() || seen.contains(&(h.formulation, b)) {
            continue;
        }
        seen.push((h.formulation, b));
        let en: Vec<&str> = bead
            .en
            .iter()
            .filter_map(|&t| a.translation_sentences.get(t).map(|r| r.text.as_str()))
            .collect();
        let Some(r) = find_rendering(lexicon, h.formulation, &en) else {
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
        out.push(RenderingRow {
            formulation: h.formulation.to_string(),
            text: r.text.clone(),
            source: RenderingSource {
                original: a.original.clone(),
                translation: a.translation.clone(),
                original_sentence: s,
                translation_sentence: t,
                para: sent.para,
                start: sent.start + chars(r.span.start),
                end: sent.start + chars(r.span.end),
            },
        });
    }
    out
}

/// One formulation's renderings grouped, case aside: each with its most frequent
/// spelling, the number of pairs, and up to [`MAX_SOURCES`] sources; most frequent
/// first, at most [`MAX_RENDERINGS`].
pub fn group(rows: &[RenderingRow]) -> Vec<RenderingOut> {
    type Tally = (BTreeMap<String, usize>, usize, Vec<RenderingSource>);
    let mut found: BTreeMap<String, Tally> = BTreeMap::new();
    for r in rows {
        let entry = found
            .entry(r.text.to_lowercase())
            .or_insert_with(|| (BTreeMap::new(), 0, Vec::new()));
        *entry.0.entry(r.text.clone()).or_insert(0) += 1;
        entry.1 += 1;
        if entry.2.len() < MAX_SOURCES {
            entry.2.push(r.source.clone());
        }
    }
    let mut out: Vec<RenderingOut> = found
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
}

/// Pairs a rendering must be read from to enter the memory: a convention recurs, a
/// rendering seen once may be a translator's paraphrase. (On the aligner-eval sets a
/// memory of renderings seen once left strict F1 unchanged or lowered it by up to 0.005;
/// of those seen twice it moved F1 by at most 0.002 either way: `examples/memory_eval.rs`.)
pub const MEMORY_MIN_PAIRS: usize = 2;

/// The formulation memory of formulations with their grouped renderings: those read
/// from [`MEMORY_MIN_PAIRS`] pairs.
pub fn memory<'a>(
    renderings: impl IntoIterator<Item = (&'a str, &'a [RenderingOut])>,
) -> FormulationMemory {
    FormulationMemory::from_pairs(renderings.into_iter().flat_map(|(f, rs)| {
        rs.iter()
            .filter(|r| r.count >= MEMORY_MIN_PAIRS)
            .map(move |r| (f, r.text.as_str()))
    }))
}
