//! Alignments: every translation against its original, sentence by sentence, with
//! what the translation leaves out.

use readout_align::Aligner;
use serde::{Deserialize, Serialize};

use crate::events::sentences;
use crate::prepare::Prepared;

/// A sentence of a document: paragraph index and char range in its own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceRef {
    pub para: usize,
    pub start: usize,
    pub end: usize,
    /// The sentence as the document writes it.
    pub text: String,
}

/// One alignment group: indices into `original` and `translation` sentences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BeadOut {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
    pub evidence: f32,
}

/// A phrase of an aligned original sentence that the translation does not render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OmittedPhraseOut {
    /// Index of the original sentence.
    pub sentence: usize,
    /// Char range in the original sentence's paragraph.
    pub para: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A translation aligned with its original.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairAlignment {
    pub original: String,
    pub translation: String,
    pub original_sentences: Vec<SentenceRef>,
    pub translation_sentences: Vec<SentenceRef>,
    pub beads: Vec<BeadOut>,
    /// Original sentences the translation leaves out.
    pub omitted_sentences: Vec<usize>,
    pub omitted_phrases: Vec<OmittedPhraseOut>,
    pub coverage: f32,
}

/// A document's sentences: each as written (a [`SentenceRef`]) and, beside it, its
/// paragraph, byte span and text in the normalized view the aligner reads.
pub struct PairSentences {
    pub refs: Vec<SentenceRef>,
    /// Per sentence: paragraph, byte span in the normalized paragraph, and its text there.
    pub normalized: Vec<(usize, std::ops::Range<usize>, String)>,
}

/// Splits a document's normalized body into sentences (Chinese or English by the
/// document's language) and maps each back to its own text.
pub fn pair_sentences(p: &Prepared) -> PairSentences {
    let mut refs = Vec::new();
    let mut normalized = Vec::new();
    for (para, r) in sentences(p) {
        let norm = p.body.normalized.get(para).map_or("", String::as_str);
        let orig = p.body.original(para).unwrap_or("");
        let o = p
            .body
            .byte_range_to_original(para, r.clone())
            .unwrap_or(0..0);
        let c = p.body.original_char_range(para, o.clone());
        refs.push(SentenceRef {
            para,
            start: c.start,
            end: c.end,
            text: orig.get(o.clone()).unwrap_or("").to_string(),
        });
        normalized.push((para, r.clone(), norm.get(r).unwrap_or("").to_string()));
    }
    PairSentences { refs, normalized }
}

/// Aligns `translation` (English) with `original` (Chinese) sentence by sentence: the
/// one path from two prepared documents to a [`PairAlignment`], used by the collection's
/// derive and by `readout align`, so the two cannot drift apart.
pub fn align_pair(
    original: &Prepared,
    translation: &Prepared,
    aligner: &Aligner<'_>,
) -> PairAlignment {
    let zh_s = pair_sentences(original);
    let en_s = pair_sentences(translation);
    let zh: Vec<&str> = zh_s.normalized.iter().map(|(_, _, t)| t.as_str()).collect();
    let en: Vec<&str> = en_s.normalized.iter().map(|(_, _, t)| t.as_str()).collect();
    let analysis = aligner.analyze(&zh, &en);
    let omitted_phrases = analysis
        .omissions
        .phrases
        .iter()
        .filter_map(|ph| {
            // The phrase span is in the normalized sentence; its sentence's span places
            // it in the normalized paragraph, whose offset map leads to the original.
            let (para, sent, _) = zh_s.normalized.get(ph.sentence)?;
            let r = original.body.byte_range_to_original(
                *para,
                sent.start + ph.span.start..sent.start + ph.span.end,
            )?;
            let orig = original.body.original(*para)?;
            let c = original.body.original_char_range(*para, r.clone());
            Some(OmittedPhraseOut {
                sentence: ph.sentence,
                para: *para,
                start: c.start,
                end: c.end,
                text: orig.get(r).unwrap_or("").to_string(),
            })
        })
        .collect();
    PairAlignment {
        original: original.id.clone(),
        translation: translation.id.clone(),
        original_sentences: zh_s.refs,
        translation_sentences: en_s.refs,
        beads: analysis
            .alignment
            .beads
            .iter()
            .map(|b| BeadOut {
                zh: b.zh.clone().collect(),
                en: b.en.clone().collect(),
                evidence: b.evidence,
            })
            .collect(),
        omitted_sentences: analysis.omissions.sentences.clone(),
        omitted_phrases,
        coverage: (analysis.coverage * 1000.0).round() / 1000.0,
    }
}
