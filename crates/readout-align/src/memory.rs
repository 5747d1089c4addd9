//! Formulation memory: Chinese phrases mapped to the English renderings seen for them in
//! aligned pairs (e.g. 两个确立 → "Two Establishes"). Fixed political formulations are
//! translated by convention rather than word by word, so a dictionary misses them; the
//! memory lets the aligner and the omission finder recognise them.

use rustc_hash::FxHashMap;

use crate::english;

/// Chinese phrase → stems of its known English renderings.
#[derive(Debug, Clone, Default)]
pub struct FormulationMemory {
    /// Every stem of every rendering, once (what the aligner matches).
    phrases: FxHashMap<String, Vec<String>>,
    /// The stems of each rendering apart (what the omission finder checks: a phrase is
    /// rendered when most of one rendering is there, not when one word of it is).
    renderings: FxHashMap<String, Vec<Vec<String>>>,
    max_chars: usize,
}

impl FormulationMemory {
    /// An empty memory.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `zh` was rendered as `english`; several renderings of one phrase
    /// accumulate. Phrases shorter than two characters or renderings without content
    /// words are ignored, since they would only add noise to segmentation.
    pub fn insert(&mut self, zh: &str, english: &str) {
        let zh = zh.trim();
        let chars = zh.chars().count();
        let stems = english::content_stems(english);
        if chars < 2 || stems.is_empty() {
            return;
        }
        let list = self.phrases.entry(zh.to_string()).or_default();
        for s in &stems {
            if !list.contains(s) {
                list.push(s.clone());
            }
        }
        let renderings = self.renderings.entry(zh.to_string()).or_default();
        if !renderings.contains(&stems) {
            renderings.push(stems);
        }
        self.max_chars = self.max_chars.max(chars);
    }

    /// Builds a memory from (Chinese phrase, English rendering) pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut m = Self::new();
        for (zh, en) in pairs {
            m.insert(zh, en);
        }
        m
    }

    /// Stems of the renderings of a phrase.
    pub fn get(&self, zh: &str) -> Option<&[String]> {
        self.phrases.get(zh).map(Vec::as_slice)
    }

    /// The stems of each rendering of a phrase, apart.
    pub fn renderings(&self, zh: &str) -> Option<&[Vec<String>]> {
        self.renderings.get(zh).map(Vec::as_slice)
    }

    /// Longest phrase, in characters.
    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderings_accumulate_as_stems() {
        let mut m = FormulationMemory::new();
        m.insert("两个维护", "the Two Upholds");
        m.insert("两个维护", "two safeguards");
        assert_eq!(m.get("两个维护").unwrap(), ["two", "uphold", "safeguard"]);
        assert_eq!(
            m.renderings("两个维护").unwrap(),
            [vec!["two", "uphold"], vec!["two", "safeguard"]]
        );
        assert_eq!(m.max_chars(), 4);
    }

    #[test]
    fn single_characters_and_empty_renderings_are_ignored() {
        let m = FormulationMemory::from_pairs([("党", "Party"), ("两个确立", "the")]);
        assert!(m.is_empty());
    }
}
