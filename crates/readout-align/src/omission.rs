//! What a translation leaves out: the original's sentences with no counterpart (1-0
//! beads), and inside aligned pairs the Chinese phrases whose dictionary (or memory)
//! translations appear nowhere in the English of their bead. 000-en renders
//! 以习近平同志为核心的党中央 as "the Party Central Committee": 以习近平同志为核心 is
//! omitted.
//!
//! A phrase is a run of words with no counterpart, not crossing punctuation, holding at
//! least two words of two or more characters that the lexicon can translate (or one of
//! three or more), since a single missing word is as often a gap of the dictionary as of
//! the translation. Single characters and function words may sit inside a run; at its
//! start only prepositions stay (以…为核心 keeps its 以), at its end none.

use std::ops::Range;

use crate::align::{Aligner, Alignment, EnglishSide};
use crate::lexicon::{Word, WordKind};

/// A phrase of a Chinese sentence that its English counterpart does not render.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OmittedPhrase {
    /// Index of the Chinese sentence.
    pub sentence: usize,
    /// Byte span in that sentence.
    pub span: Range<usize>,
    pub text: String,
}

/// Omissions of one translation.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Omissions {
    /// Chinese sentences left out entirely.
    pub sentences: Vec<usize>,
    /// Phrases left out of sentences that were translated.
    pub phrases: Vec<OmittedPhrase>,
}

/// Function words dropped from the start of an omitted phrase (prepositions are kept, as
/// they open the phrase: 以…为核心, 在…中).
const LEFT_TRIM: &[&str] = &[
    "的", "了", "地", "得", "着", "过", "和", "与", "及", "并", "而", "也", "都", "就", "又", "还",
    "之", "等", "是", "要", "更", "最", "很", "不",
];

#[derive(Clone, Copy, PartialEq, Debug)]
enum Status {
    Matched,
    /// A translatable word of two or more characters with no counterpart.
    Missing,
    /// A single character with no counterpart: part of an omitted phrase, but too
    /// polysemous (抓, 好, 硬) to be evidence of one.
    Weak,
    /// A function word or a word the lexicon cannot translate.
    Neutral,
}

/// Per Chinese sentence, its words with their status in the sentence's bead.
struct SentenceWords<'l> {
    words: Vec<Word<'l>>,
    status: Vec<Status>,
}

impl SentenceWords<'_> {
    /// Share of the translatable words of two or more characters that the bead's English
    /// renders (single characters are left out both ways, see [`Status::Weak`]).
    fn rendered_share(&self) -> Option<f32> {
        let (mut matched, mut missing) = (0usize, 0usize);
        for (w, s) in self.words.iter().zip(&self.status) {
            match s {
                Status::Matched if w.span.len() > 3 => matched += 1,
                Status::Missing => missing += 1,
                _ => {}
            }
        }
        (missing + matched > 0).then(|| matched as f32 / (missing + matched) as f32)
    }
}

/// An alignment with what it says about the translation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Analysis {
    pub alignment: Alignment,
    pub omissions: Omissions,
    /// Share of the Chinese sentences the English renders (see [`Aligner::coverage`]).
    pub coverage: f32,
}

impl<'a> Aligner<'a> {
    /// Words of each aligned Chinese sentence with their status (None for sentences
    /// without counterpart).
    fn word_status(
        &self,
        zh: &[&str],
        segments: Vec<Vec<Word<'a>>>,
        side: &EnglishSide<'_>,
        alignment: &Alignment,
    ) -> Vec<Option<SentenceWords<'a>>> {
        let mut segments: Vec<Option<Vec<Word<'a>>>> = segments.into_iter().map(Some).collect();
        let mut out: Vec<Option<SentenceWords<'a>>> = (0..zh.len()).map(|_| None).collect();
        let mut en_ids: Vec<u32> = Vec::new();
        for bead in &alignment.beads {
            if bead.zh.is_empty() || bead.en.is_empty() {
                continue;
            }
            en_ids.clear();
            for t in bead.en.clone() {
                if let Some(ids) = side.ids.get(t) {
                    en_ids.extend_from_slice(ids);
                }
            }
            en_ids.sort_unstable();
            en_ids.dedup();
            for s in bead.zh.clone() {
                let Some(words) = segments.get_mut(s).and_then(Option::take) else {
                    continue;
                };
                let words = self.unrendered_memory_apart(zh.get(s).copied(), words, &en_ids, side);
                let status = words
                    .iter()
                    .map(|w| {
                        let Some(ids) = w.kind.ids(|s| side.inter.stem_id(s)) else {
                            return Status::Neutral;
                        };
                        if ids.is_empty() {
                            Status::Neutral
                        } else if ids.iter().any(|id| en_ids.binary_search(id).is_ok()) {
                            Status::Matched
                        } else if w.span.len() <= 3 {
                            Status::Weak
                        } else {
                            Status::Missing
                        }
                    })
                    .collect();
                out[s] = Some(SentenceWords { words, status });
            }
        }
        out
    }

    /// Memory phrases whose English renderings are not there, taken apart into lexicon
    /// words: a rendering is there when two thirds of the stems of one of them are (one
    /// shared word, "Central" of "the Party Central Committee", does not render
    /// 以习近平同志为核心的党中央), and a phrase not rendered may still be rendered
    /// in part, which its words then tell.
    fn unrendered_memory_apart(
        &self,
        text: Option<&str>,
        words: Vec<Word<'a>>,
        en_ids: &[u32],
        side: &EnglishSide<'_>,
    ) -> Vec<Word<'a>> {
        let (Some(memory), Some(text)) = (self.memory(), text) else {
            return words;
        };
        if !words.iter().any(|w| matches!(w.kind, WordKind::Memory(_))) {
            return words;
        }
        let rendered = |phrase: &str| {
            memory.renderings(phrase).is_some_and(|rs| {
                rs.iter().any(|stems| {
                    let found = stems
                        .iter()
                        .filter(|st| {
                            side.inter
                                .stem_id(st)
                                .is_some_and(|id| en_ids.binary_search(&id).is_ok())
                        })
                        .count();
                    3 * found >= 2 * stems.len()
                })
            })
        };
        let mut out = Vec::with_capacity(words.len());
        for w in words {
            let phrase = text.get(w.span.clone()).unwrap_or("");
            if !matches!(w.kind, WordKind::Memory(_)) || rendered(phrase) {
                out.push(w);
                continue;
            }
            let at = w.span.start;
            out.extend(
                self.lexicon()
                    .segment(phrase, None)
                    .into_iter()
                    .map(|p| Word {
                        span: at + p.span.start..at + p.span.end,
                        kind: p.kind,
                    }),
            );
        }
        out
    }

    /// Aligns and reports omissions and coverage in one go (sharing the text analysis).
    pub fn analyze(&self, zh: &[&str], en: &[&str]) -> Analysis {
        let (alignment, side, segments) = self.align_parts(zh, en);
        let status = self.word_status(zh, segments, &side, &alignment);
        Analysis {
            omissions: omissions_from(zh, &status, &alignment),
            coverage: coverage_from(zh.len(), &status),
            alignment,
        }
    }

    /// Omissions of the English `en` with respect to the Chinese `zh`, given their
    /// alignment (from [`Aligner::align`] on the same sentences).
    pub fn omissions(&self, zh: &[&str], en: &[&str], alignment: &Alignment) -> Omissions {
        let side = self.english_side(en);
        let segments = zh
            .iter()
            .map(|t| self.lexicon().segment(t, self.memory()))
            .collect();
        let status = self.word_status(zh, segments, &side, alignment);
        omissions_from(zh, &status, alignment)
    }

    /// Share of the Chinese sentences that the English renders. A sentence counts when it
    /// is aligned and at least `RENDERED_SHARE` of its translatable words are rendered,
    /// relative to the pair's median: an abridged version that keeps one clause of a long
    /// sentence does not render the sentence, a faithful one does whatever the dictionary
    /// misses everywhere.
    pub fn coverage(&self, zh: &[&str], en: &[&str], alignment: &Alignment) -> f32 {
        let side = self.english_side(en);
        let segments = zh
            .iter()
            .map(|t| self.lexicon().segment(t, self.memory()))
            .collect();
        let status = self.word_status(zh, segments, &side, alignment);
        coverage_from(zh.len(), &status)
    }
}

fn omissions_from(
    zh: &[&str],
    status: &[Option<SentenceWords<'_>>],
    alignment: &Alignment,
) -> Omissions {
    let mut out = Omissions {
        sentences: alignment.omitted_zh(),
        phrases: Vec::new(),
    };
    for (s, sw) in status.iter().enumerate() {
        if let (Some(sw), Some(text)) = (sw, zh.get(s)) {
            phrases_of(s, text, sw, &mut out.phrases);
        }
    }
    out
}

fn coverage_from(n: usize, status: &[Option<SentenceWords<'_>>]) -> f32 {
    if n == 0 {
        return 1.0;
    }
    let shares: Vec<Option<f32>> = status
        .iter()
        .map(|sw| sw.as_ref().map(|sw| sw.rendered_share().unwrap_or(1.0)))
        .collect();
    let mut known: Vec<f32> = shares.iter().flatten().copied().collect();
    if known.is_empty() {
        return 0.0;
    }
    known.sort_by(f32::total_cmp);
    let median = known[known.len() / 2];
    let rendered = shares
        .iter()
        .filter(|s| s.is_some_and(|v| v >= RENDERED_SHARE * median))
        .count();
    rendered as f32 / n as f32
}

/// A sentence is rendered when this share of the pair's median rendered share of its
/// words finds its translation.
const RENDERED_SHARE: f32 = 0.5;

fn phrases_of(sentence: usize, text: &str, sw: &SentenceWords<'_>, out: &mut Vec<OmittedPhrase>) {
    let (words, status) = (&sw.words, &sw.status);
    let mut k = 0;
    while k < words.len() {
        if status[k] == Status::Matched {
            k += 1;
            continue;
        }
        // Extend the run while words are adjacent (no punctuation between them).
        let mut end = k + 1;
        while end < words.len()
            && status[end] != Status::Matched
            && text[words[end - 1].span.end..words[end].span.start]
                .trim()
                .is_empty()
        {
            end += 1;
        }
        let mut a = k;
        let mut b = end;
        while a < b
            && status[a] == Status::Neutral
            && LEFT_TRIM.contains(&&text[words[a].span.clone()])
        {
            a += 1;
        }
        while b > a && status[b - 1] == Status::Neutral {
            b -= 1;
        }
        let missing = status[a..b]
            .iter()
            .filter(|s| **s == Status::Missing)
            .count();
        let long_missing = (a..b).any(|k| status[k] == Status::Missing && words[k].span.len() >= 9);
        // One missing two-character word is as often a gap of the dictionary as of the
        // translation; two, or a longer term, make an omission.
        if a < b && (missing >= 2 || long_missing) {
            let span = words[a].span.start..words[b - 1].span.end;
            out.push(OmittedPhrase {
                sentence,
                text: text[span.clone()].to_string(),
                span,
            });
        }
        k = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_formula_dropped_from_a_rendering_is_found() {
        let zh = ["会议指出，长江经济带发展战略是以习近平同志为核心的党中央作出的重大战略决策。"];
        let en = ["The meeting noted that the Yangtze River Economic Belt development strategy is a major strategic decision made by the Party Central Committee."];
        let aligner = Aligner::default();
        let a = aligner.align(&zh, &en);
        let om = aligner.omissions(&zh, &en, &a);
        assert!(om.sentences.is_empty());
        let texts: Vec<&str> = om.phrases.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["以习近平同志为核心"]);
        let p = &om.phrases[0];
        assert_eq!(&zh[0][p.span.clone()], p.text);
    }

    #[test]
    fn full_rendering_leaves_nothing_out() {
        let zh = ["会议指出，长江经济带发展战略是以习近平同志为核心的党中央作出的重大战略决策。"];
        let en = ["The meeting pointed out that the development strategy of the Yangtze River Economic Belt was a major strategic decision made by the Party Central Committee with Comrade Xi Jinping at the core."];
        let aligner = Aligner::default();
        let a = aligner.align(&zh, &en);
        let om = aligner.omissions(&zh, &en, &a);
        assert_eq!(om, Omissions::default());
    }

    #[test]
    fn a_memory_phrase_is_rendered_only_when_most_of_its_rendering_is_there() {
        let memory = crate::FormulationMemory::from_pairs([(
            "以习近平同志为核心的党中央",
            "the CPC Central Committee with Comrade Xi Jinping at the core",
        )]);
        let aligner = Aligner::default().with_memory(&memory);
        let zh = ["会议指出，长江经济带发展战略是以习近平同志为核心的党中央作出的重大战略决策。"];
        // "Central Committee" alone does not render the memory phrase: its words are
        // judged apart and the core formula is left out.
        let en = ["The meeting noted that the Yangtze River Economic Belt development strategy is a major strategic decision made by the Party Central Committee."];
        let a = aligner.align(&zh, &en);
        let texts: Vec<String> = aligner
            .omissions(&zh, &en, &a)
            .phrases
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(texts, ["以习近平同志为核心"]);
        let en = ["The meeting pointed out that the development strategy of the Yangtze River Economic Belt was a major strategic decision made by the CPC Central Committee with Comrade Xi Jinping at the core."];
        let a = aligner.align(&zh, &en);
        assert_eq!(aligner.omissions(&zh, &en, &a), Omissions::default());
    }

    #[test]
    fn traditional_script_gives_the_same_phrase() {
        let zh = ["會議指出,長江經濟帶發展戰略是以習近平同志為核心的黨中央作出的重大戰略決策。"];
        let en = ["The meeting noted that the Yangtze River Economic Belt development strategy is a major strategic decision made by the Party Central Committee."];
        let aligner = Aligner::default();
        let a = aligner.align(&zh, &en);
        let om = aligner.omissions(&zh, &en, &a);
        let texts: Vec<&str> = om.phrases.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts, ["以習近平同志為核心"]);
    }
}
