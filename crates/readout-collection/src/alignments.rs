//! Alignments: every translation against its original, sentence by sentence, with
//! what the translation leaves out.

use readout_align::Aligner;
use serde::Serialize;

use crate::events::{sentences, DocLink, Role};
use crate::prepare::{byte_to_char, Prepared};

/// A sentence of a document: paragraph index and char range in its own text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceRef {
    pub para: usize,
    pub start: usize,
    pub end: usize,
    /// The sentence as the document writes it.
    pub text: String,
}

/// One alignment group: indices into `original` and `translation` sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BeadOut {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
    pub evidence: f32,
}

/// A phrase of an aligned original sentence that the translation does not render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// Sentences of a document mapped to its own text.
fn sentence_refs(p: &Prepared) -> (Vec<SentenceRef>, Vec<String>) {
    let mut refs = Vec::new();
    let mut normalized = Vec::new();
    for (para, r) in sentences(p) {
        let norm = &p.body.normalized[para];
        let orig = p.body.original(para).unwrap_or("");
        let o = p
            .body
            .byte_range_to_original(para, r.clone())
            .unwrap_or(0..0);
        refs.push(SentenceRef {
            para,
            start: byte_to_char(orig, o.start),
            end: byte_to_char(orig, o.end),
            text: orig.get(o.clone()).unwrap_or("").to_string(),
        });
        normalized.push(norm[r].to_string());
    }
    (refs, normalized)
}

/// Aligns every translation in `links` with the document it translates.
pub(crate) fn align_all(
    prepared: &[Prepared],
    links: &[DocLink],
    aligner: &Aligner<'_>,
) -> Vec<PairAlignment> {
    let index = |id: &str| prepared.iter().position(|p| p.id == id);
    let mut out = Vec::new();
    for (t, link) in links.iter().enumerate() {
        if link.role != Some(Role::Translation) {
            continue;
        }
        let Some(o) = link.translation_of.as_deref().and_then(index) else {
            continue;
        };
        let (zh_refs, zh_norm) = sentence_refs(&prepared[o]);
        let (en_refs, en_norm) = sentence_refs(&prepared[t]);
        let zh: Vec<&str> = zh_norm.iter().map(String::as_str).collect();
        let en: Vec<&str> = en_norm.iter().map(String::as_str).collect();
        let alignment = aligner.align(&zh, &en);
        let omissions = aligner.omissions(&zh, &en, &alignment);
        let coverage = aligner.coverage(&zh, &en, &alignment);
        let omitted_phrases = omissions
            .phrases
            .iter()
            .filter_map(|ph| {
                let s = zh_refs.get(ph.sentence)?;
                // The phrase span is in the normalized sentence; map it through the
                // sentence's start in its paragraph.
                let p = &prepared[o];
                let sent_norm = &zh_norm[ph.sentence];
                let para_norm = &p.body.normalized[s.para];
                let sent_start = para_norm.find(sent_norm.as_str())?;
                let r = p.body.byte_range_to_original(
                    s.para,
                    sent_start + ph.span.start..sent_start + ph.span.end,
                )?;
                let orig = p.body.original(s.para)?;
                Some(OmittedPhraseOut {
                    sentence: ph.sentence,
                    para: s.para,
                    start: byte_to_char(orig, r.start),
                    end: byte_to_char(orig, r.end),
                    text: orig.get(r).unwrap_or("").to_string(),
                })
            })
            .collect();
        out.push(PairAlignment {
            original: prepared[o].id.clone(),
            translation: prepared[t].id.clone(),
            original_sentences: zh_refs,
            translation_sentences: en_refs,
            beads: alignment
                .beads
                .iter()
                .map(|b| BeadOut {
                    zh: b.zh.clone().collect(),
                    en: b.en.clone().collect(),
                    evidence: b.evidence,
                })
                .collect(),
            omitted_sentences: omissions.sentences.clone(),
            omitted_phrases,
            coverage: (coverage * 1000.0).round() / 1000.0,
        });
    }
    out
}
