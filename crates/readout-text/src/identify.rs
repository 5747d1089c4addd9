//! identify: the language and script of paragraphs and documents, from character
//! statistics.
//!
//! Han text is Chinese; Latin text is English when enough English function words occur;
//! Hans and Hant are told apart by characters that exist in one script only, from a
//! table generated from OpenCC's dictionaries (`data/identify_script_table.txt`, made by
//! `bench/gen_script_table.py`). When the evidence does not decide, the answer is
//! [`Lang::Mixed`]/[`Script::Mixed`] or [`Lang::Und`]/[`Script::Und`], never a guess.
//!
//! The character classes used by the layout and segment stages live here too.

use crate::model::{Document, Lang, Paragraph, Script};
use std::sync::OnceLock;

pub(crate) use readout_lang::is_han;

/// A character written full width in East Asian text: Han, kana, hangul, CJK
/// punctuation and full-width forms. Line breaks next to these join without a space.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F
        | 0x31A0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6
        | 0x20000..=0x3134F)
}

/// Which script a Han character belongs to, if only one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HanScript {
    Both,
    SimplifiedOnly,
    TraditionalOnly,
}

const TABLE_TEXT: &str = include_str!("../data/identify_script_table.txt");
/// The BMP range the bitmap covers; the few characters outside it go in a sorted list.
const BMP_LO: u32 = 0x3400;
const BMP_HI: u32 = 0xA000;

struct ScriptTable {
    /// Two bits per code point from `BMP_LO`: bit 0 simplified-only, bit 1 traditional-only.
    bits: Vec<u8>,
    astral: Vec<(char, HanScript)>,
}

fn table() -> &'static ScriptTable {
    static TABLE: OnceLock<ScriptTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = ScriptTable {
            bits: vec![0; ((BMP_HI - BMP_LO) / 4) as usize + 1],
            astral: Vec::new(),
        };
        for line in TABLE_TEXT.lines() {
            let (kind, chars) = match line.split_at_checked(2) {
                Some(("S ", rest)) => (HanScript::SimplifiedOnly, rest),
                Some(("T ", rest)) => (HanScript::TraditionalOnly, rest),
                _ => continue,
            };
            for c in chars.chars() {
                let u = c as u32;
                if (BMP_LO..BMP_HI).contains(&u) {
                    let i = (u - BMP_LO) as usize;
                    let bit = if kind == HanScript::SimplifiedOnly {
                        1
                    } else {
                        2
                    };
                    t.bits[i / 4] |= bit << ((i % 4) * 2);
                } else {
                    t.astral.push((c, kind));
                }
            }
        }
        t.astral.sort_by_key(|&(c, _)| c);
        t
    })
}

/// The script class of one Han character.
pub(crate) fn han_script(c: char) -> HanScript {
    let u = c as u32;
    let t = table();
    if (BMP_LO..BMP_HI).contains(&u) {
        let i = (u - BMP_LO) as usize;
        match (t.bits[i / 4] >> ((i % 4) * 2)) & 3 {
            1 => HanScript::SimplifiedOnly,
            2 => HanScript::TraditionalOnly,
            _ => HanScript::Both,
        }
    } else {
        match t.astral.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => t.astral[i].1,
            Err(_) => HanScript::Both,
        }
    }
}

/// English function words: their share among Latin words tells English from other
/// languages written in Latin letters.
const EN_WORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "between", "both", "but", "by", "can", "could", "did", "do", "does",
    "during", "each", "for", "from", "had", "has", "have", "he", "her", "his", "how", "i", "if",
    "in", "into", "is", "it", "its", "may", "more", "most", "must", "new", "no", "not", "of", "on",
    "or", "other", "our", "out", "over", "said", "shall", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "through",
    "to", "under", "up", "was", "we", "were", "what", "when", "which", "while", "who", "will",
    "with", "would", "you",
];

/// Character counts of a text, enough to decide its language and script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    pub han: u32,
    pub simplified: u32,
    pub traditional: u32,
    pub kana: u32,
    pub hangul: u32,
    pub latin_letters: u32,
    pub latin_words: u32,
    pub english_words: u32,
    /// Letters of other alphabets (Cyrillic, Greek, Arabic…).
    pub other_letters: u32,
}

impl Profile {
    pub fn add(&mut self, o: &Profile) {
        self.han += o.han;
        self.simplified += o.simplified;
        self.traditional += o.traditional;
        self.kana += o.kana;
        self.hangul += o.hangul;
        self.latin_letters += o.latin_letters;
        self.latin_words += o.latin_words;
        self.english_words += o.english_words;
        self.other_letters += o.other_letters;
    }

    /// Weights on one scale: a Han character carries about as much as two and a half
    /// Latin letters (a Chinese sentence is about 40% as long as its English).
    fn weights(&self) -> (f64, f64, f64) {
        let cjk = (self.han + self.kana + self.hangul) as f64;
        let latin = self.latin_letters as f64 / 2.5;
        let other = self.other_letters as f64 / 2.5;
        (cjk, latin, other)
    }

    /// Which writing system dominates: `Some(true)` Han/CJK, `Some(false)` Latin,
    /// `None` when there is too little text or no clear majority.
    pub(crate) fn han_dominant(&self) -> Option<bool> {
        let (cjk, latin, other) = self.weights();
        let total = cjk + latin + other;
        if total < 2.0 {
            return None;
        }
        if cjk >= 0.6 * total {
            Some(true)
        } else if latin >= 0.6 * total {
            Some(false)
        } else {
            None
        }
    }

    pub fn lang(&self) -> Lang {
        let (cjk, latin, other) = self.weights();
        let total = cjk + latin + other;
        if total < 2.0 {
            return Lang::Und;
        }
        let parts = [cjk, latin, other]
            .iter()
            .filter(|&&w| w >= 0.25 * total)
            .count();
        if parts > 1 {
            return Lang::Mixed;
        }
        if cjk >= latin && cjk >= other {
            let han = self.han as f64;
            if (self.kana + self.hangul) as f64 > 0.1 * cjk {
                return Lang::Other;
            }
            return if han >= 2.0 { Lang::Zh } else { Lang::Und };
        }
        if other > latin {
            return Lang::Other;
        }
        let words = self.latin_words as f64;
        let en = self.english_words as f64;
        if self.english_words >= 1 && (en >= 0.12 * words || words < 6.0) {
            Lang::En
        } else if words >= 8.0 {
            Lang::Other
        } else {
            Lang::Und
        }
    }

    pub fn script(&self) -> Script {
        let (cjk, latin, other) = self.weights();
        let total = cjk + latin + other;
        if total < 1.0 {
            return Script::Und;
        }
        if cjk >= latin && cjk >= other && self.han > 0 {
            let (s, t) = (self.simplified as f64, self.traditional as f64);
            if s + t == 0.0 {
                Script::Und
            } else if t >= 0.8 * (s + t) {
                Script::Hant
            } else if s >= 0.8 * (s + t) {
                Script::Hans
            } else {
                Script::Mixed
            }
        } else if latin > other {
            Script::Latn
        } else {
            Script::Und
        }
    }
}

/// Counts the characters of `text`.
pub fn profile(text: &str) -> Profile {
    let mut p = Profile::default();
    let t = table();
    let bytes = text.as_bytes();
    let mut word_start: Option<usize> = None;
    // One pass over the characters; this runs over every byte the reader reads, so
    // the common cases (CJK ideographs, ASCII) are tested first.
    for (i, c) in text.char_indices() {
        let cp = c as u32;
        if cp < 0x80 {
            let letter = c.is_ascii_alphabetic() || (c == '\'' && word_start.is_some());
            match (letter, word_start) {
                (true, None) => word_start = Some(i),
                (false, Some(s)) => {
                    p.end_word(&bytes[s..i]);
                    word_start = None;
                }
                _ => {}
            }
            continue;
        }
        if let Some(s) = word_start.take() {
            p.end_word(&bytes[s..i]);
        }
        // Not `is_han`: only the BMP blocks the script bitmap covers are counted here.
        if (0x4E00..=0x9FFF).contains(&cp) || (0x3400..=0x4DBF).contains(&cp) {
            p.han += 1;
            let k = (cp - BMP_LO) as usize;
            match t.bits.get(k / 4).map_or(0, |b| (b >> ((k % 4) * 2)) & 3) {
                1 => p.simplified += 1,
                2 => p.traditional += 1,
                _ => {}
            }
            continue;
        }
        match cp {
            0xF900..=0xFAFF | 0x20000..=0x3134F => {
                p.han += 1;
                match han_script(c) {
                    HanScript::SimplifiedOnly => p.simplified += 1,
                    HanScript::TraditionalOnly => p.traditional += 1,
                    HanScript::Both => {}
                }
            }
            0x3040..=0x30FF => p.kana += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => p.hangul += 1,
            0xC0..=0x24F if cp != 0xD7 && cp != 0xF7 => p.latin_letters += 1,
            0xFF21..=0xFF3A | 0xFF41..=0xFF5A => p.latin_letters += 1,
            // Punctuation, symbols, emoji and CJK marks are no letters: skip the table.
            0x2000..=0x33FF | 0xFE00..=0xFFFF | 0x1F000..=0x1FFFF => {}
            _ => {
                if c.is_alphabetic() {
                    p.other_letters += 1;
                }
            }
        }
    }
    if let Some(s) = word_start {
        p.end_word(&bytes[s..]);
    }
    p
}

impl Profile {
    fn end_word(&mut self, word: &[u8]) {
        self.latin_letters += word.len() as u32;
        self.latin_words += 1;
        if word.len() <= 7 && is_english_word(word) {
            self.english_words += 1;
        }
    }
}

fn is_english_word(word: &[u8]) -> bool {
    let mut buf = [0u8; 8];
    let n = word.len().min(8);
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..n];
    EN_WORDS.binary_search_by(|e| e.as_bytes().cmp(w)).is_ok()
}

/// Sets the language and script of one paragraph and returns its profile.
pub fn identify_paragraph(p: &mut Paragraph) -> Profile {
    let prof = profile(&p.text);
    p.lang = prof.lang();
    p.script = prof.script();
    prof
}

/// Sets the language and script of every paragraph and document.
pub fn identify(documents: &mut [Document]) {
    for d in documents {
        let mut total = Profile::default();
        for p in d.headlines.iter_mut().chain(d.body.iter_mut()) {
            total.add(&identify_paragraph(p));
        }
        d.lang = total.lang();
        d.script = total.script();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_sorted_for_binary_search() {
        assert!(EN_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn table_knows_both_directions() {
        assert_eq!(han_script('发'), HanScript::SimplifiedOnly);
        assert_eq!(han_script('發'), HanScript::TraditionalOnly);
        assert_eq!(han_script('中'), HanScript::Both);
        // 乾 is traditional for 干 but also a simplified character in its own right.
        assert_eq!(han_script('乾'), HanScript::Both);
        // Taiwan writes 群 where OpenCC's traditional has 羣.
        assert_eq!(han_script('群'), HanScript::Both);
    }

    #[test]
    fn languages_and_scripts() {
        let zh_s = profile("会议指出，长江经济带发展战略是重大战略决策。");
        assert_eq!((zh_s.lang(), zh_s.script()), (Lang::Zh, Script::Hans));
        let zh_t = profile("會議指出，長江經濟帶發展戰略是重大戰略決策。");
        assert_eq!((zh_t.lang(), zh_t.script()), (Lang::Zh, Script::Hant));
        let en = profile("The meeting noted that the strategy is a major decision.");
        assert_eq!((en.lang(), en.script()), (Lang::En, Script::Latn));
        let both = profile("中共中央");
        assert_eq!((both.lang(), both.script()), (Lang::Zh, Script::Und));
        let mixed = profile("会议指出发展战略 The meeting noted that the strategy");
        assert_eq!(mixed.lang(), Lang::Mixed);
        let half = profile("发展發展发展發展");
        assert_eq!(half.script(), Script::Mixed);
        let fr = profile("Le bureau politique du comité central a tenu une réunion lundi");
        assert_eq!(fr.lang(), Lang::Other);
        assert_eq!(profile("  12 ").lang(), Lang::Und);
    }
}
