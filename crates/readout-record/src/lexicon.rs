//! Finding known formulations (提法) in a document: the curated list in
//! `data/formulations.tsv`, plus any learned ones (from [`crate::discover`]) the caller
//! adds. Matching folds the punctuation inside a clause (、，“”《》·), so a formulation is
//! found however its parts are separated; hits may overlap (高质量发展 inside
//! 推动长江经济带高质量发展, 大保护 inside 共抓大保护、不搞大开发).

use crate::discover::Formulation;
use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use crate::DocInput;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormulationSource {
    /// From the maintained list.
    Curated,
    /// Learned from a corpus.
    Learned,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulationHit {
    /// The formulation as listed (mainland simplified).
    pub text: String,
    /// The text as it stands in the document (the span's text of the normalized view).
    pub matched: String,
    pub source: FormulationSource,
    pub span: Span,
}

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("line {line}: empty formulation")]
    Empty { line: usize },
    #[error("could not build the matcher: {0}")]
    Build(String),
}

#[derive(Debug, Clone)]
struct Entry {
    text: String,
    english: Vec<String>,
    source: FormulationSource,
}

/// A list of formulations and its matchers.
#[derive(Debug, Clone)]
pub struct Lexicon {
    entries: Vec<Entry>,
    zh: AhoCorasick,
    zh_of: Vec<usize>,
    en: AhoCorasick,
    en_of: Vec<usize>,
}

/// Punctuation that does not break a formulation (it separates its parts).
fn folded_out(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '、' | '，'
                | ','
                | '“'
                | '”'
                | '‘'
                | '’'
                | '"'
                | '《'
                | '》'
                | '·'
                | '•'
                | '「'
                | '」'
        )
}

fn fold_str(s: &str) -> String {
    s.chars().filter(|&c| !folded_out(c)).collect()
}

impl Lexicon {
    /// The curated list shipped with the crate.
    pub fn curated() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            Lexicon::from_tsv(include_str!("../data/formulations.tsv"))
                .expect("curated formulations are valid")
        })
    }

    /// Reads a list in the `data/formulations.tsv` format (text, then English
    /// renderings separated by |).
    pub fn from_tsv(data: &str) -> Result<Lexicon, LexiconError> {
        let mut entries = Vec::new();
        for (n, line) in data.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let text = cols.next().unwrap_or("").trim();
            if text.is_empty() {
                return Err(LexiconError::Empty { line: n + 1 });
            }
            let english = cols
                .next()
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string)
                .collect();
            entries.push(Entry {
                text: text.to_string(),
                english,
                source: FormulationSource::Curated,
            });
        }
        Lexicon::build(entries)
    }

    fn build(entries: Vec<Entry>) -> Result<Lexicon, LexiconError> {
        let (mut zp, mut zo, mut ep, mut eo) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, e) in entries.iter().enumerate() {
            let f = fold_str(&e.text);
            if !f.is_empty() {
                zp.push(f);
                zo.push(i);
            }
            for en in &e.english {
                ep.push(en.clone());
                eo.push(i);
            }
        }
        let mk = |p: &[String], ci: bool| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(ci)
                .build(p)
                .map_err(|e| LexiconError::Build(e.to_string()))
        };
        Ok(Lexicon {
            zh: mk(&zp, false)?,
            en: mk(&ep, true)?,
            entries,
            zh_of: zo,
            en_of: eo,
        })
    }

    /// This list plus formulations learned from a corpus (those not already listed).
    pub fn with_learned(&self, learned: &[Formulation]) -> Result<Lexicon, LexiconError> {
        let mut entries = self.entries.clone();
        for f in learned {
            let key = fold_str(&f.text);
            if key.is_empty() || entries.iter().any(|e| fold_str(&e.text) == key) {
                continue;
            }
            entries.push(Entry {
                text: f.text.clone(),
                english: Vec::new(),
                source: FormulationSource::Learned,
            });
        }
        Lexicon::build(entries)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The listed formulations (mainland simplified).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.text.as_str())
    }

    /// Every occurrence of a listed formulation in the document's headlines and body.
    pub fn find_in_doc(&self, doc: &DocInput) -> Vec<FormulationHit> {
        self.find_prepared(&Prepared::new(doc))
    }

    pub(crate) fn find_prepared(&self, p: &Prepared) -> Vec<FormulationHit> {
        let mut out = Vec::new();
        for v in p.paras.iter().chain(&p.heads) {
            match p.lang {
                RuleLang::Zh => self.find_zh(v, &mut out),
                RuleLang::En => self.find_en(v, &mut out),
            }
        }
        out
    }

    fn find_zh(&self, v: &View, out: &mut Vec<FormulationHit>) {
        let mut s = String::new();
        let mut idx = Vec::new();
        for (i, &c) in v.chars.iter().enumerate() {
            if folded_out(c) {
                continue;
            }
            s.push(c);
            for _ in 0..c.len_utf8() {
                idx.push(i);
            }
        }
        for m in self.zh.find_overlapping_iter(&s) {
            let e = &self.entries[self.zh_of[m.pattern().as_usize()]];
            let (a, b) = (idx[m.start()], idx[m.end() - 1] + 1);
            out.push(FormulationHit {
                text: e.text.clone(),
                matched: v.text(a, b),
                source: e.source,
                span: v.span(a, b),
            });
        }
    }

    fn find_en(&self, v: &View, out: &mut Vec<FormulationHit>) {
        let (s, idx) = v.indexed_string();
        let b = s.as_bytes();
        let edge = |i: usize| i >= b.len() || !b[i].is_ascii_alphanumeric();
        for m in self.en.find_overlapping_iter(&s) {
            if !((m.start() == 0 || edge(m.start() - 1)) && edge(m.end())) {
                continue;
            }
            let e = &self.entries[self.en_of[m.pattern().as_usize()]];
            let (a, z) = (idx[m.start()], idx[m.end()]);
            out.push(FormulationHit {
                text: e.text.clone(),
                matched: v.text(a, z),
                source: e.source,
                span: v.span(a, z),
            });
        }
    }
}
