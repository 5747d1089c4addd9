//! The normalize stage: one mainland-simplified view of any Chinese text, for
//! matching and search, with an offset map back to the original.
//!
//! * [`chars_only`] is the character layer alone: traditional (OpenCC
//!   standard, Taiwan and Hong Kong forms) to simplified with OpenCC's
//!   dictionaries, applied everywhere, as OpenCC's `t2s`/`tw2s`/`hk2s` do.
//! * [`normalize`] decides by context. Text written in traditional script
//!   gets the character layer and the reversal of Taiwan vocabulary
//!   (迴圈 → 循环); text in simplified script keeps every character that
//!   mainland writing uses, so mainland text comes out unchanged, and only
//!   characters mainland writing never uses (國, 産, 爲) are folded.
//!
//! Both are pure functions of the text; the dictionaries are compiled into
//! the binary and indexed once.

mod character;
mod context;
mod lexicon;
mod offset_map;
mod script;
mod taiwan;

pub use character::Convention;
pub use offset_map::{OffsetMap, Span};
pub use script::{detect_script, is_simplified_char, is_traditional_char, Script, ScriptEvidence};

use character::Accept;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A normalized view of a text and the map back to the original.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Normalized {
    /// The normalized (mainland simplified) text.
    pub text: String,
    /// Byte offsets of `text` to byte offsets of the original.
    pub map: OffsetMap,
}

impl Normalized {
    /// The view of `text` unchanged.
    pub fn identity(text: &str) -> Self {
        Normalized {
            text: text.to_owned(),
            map: OffsetMap::identity(text.len()),
        }
    }

    /// Original byte offset of normalized byte offset `n` (an offset inside a
    /// replaced span snaps to the start of what it replaced).
    pub fn to_original(&self, n: usize) -> usize {
        self.map.to_original(n)
    }

    /// Original byte range covering normalized byte range `r`.
    pub fn range_to_original(&self, r: Range<usize>) -> Range<usize> {
        self.map.range_to_original(r)
    }

    /// True when the normalized text is the original, byte for byte.
    pub fn is_identity(&self) -> bool {
        self.map.is_identity()
    }

    /// Original character range covering normalized character range `r`.
    /// `original` must be the text this view was made from.
    pub fn char_range_to_original(&self, original: &str, r: Range<usize>) -> Range<usize> {
        let start = char_to_byte(&self.text, r.start);
        let end = char_to_byte(&self.text, r.end.max(r.start));
        let o = self.range_to_original(start..end);
        byte_to_char(original, o.start)..byte_to_char(original, o.end)
    }

    /// Original character offset of normalized character offset `n`.
    pub fn char_to_original(&self, original: &str, n: usize) -> usize {
        byte_to_char(original, self.to_original(char_to_byte(&self.text, n)))
    }
}

/// Byte offset of the `n`th character of `s` (clamped to its length).
pub fn char_to_byte(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Number of characters of `s` before byte offset `b` (counting a character
/// that `b` falls inside of as before it).
pub fn byte_to_char(s: &str, b: usize) -> usize {
    let b = b.min(s.len());
    s.char_indices().take_while(|&(i, _)| i < b).count()
}

/// The character layer alone, everywhere: traditional to simplified with
/// OpenCC's dictionaries, Taiwan and Hong Kong variant forms included
/// ([`Convention::Any`]).
pub fn chars_only(text: &str) -> Normalized {
    chars_only_as(text, Convention::Any)
}

/// The character layer for one convention: [`Convention::Opencc`] is
/// OpenCC's `t2s`, [`Convention::Taiwan`] its `tw2s`, [`Convention::HongKong`]
/// its `hk2s`.
pub fn chars_only_as(text: &str, convention: Convention) -> Normalized {
    let (text, map) = character::convert(text, convention, Accept::All);
    Normalized { text, map }
}

/// Characters that mark a span as traditional, or that are encoding
/// variants (CJK compatibility ideographs) folded everywhere.
fn foldable_in_simplified(c: char) -> bool {
    is_traditional_char(c) || matches!(c as u32, 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// The full normalizer: the character layer where the text is traditional,
/// Taiwan vocabulary reversed where it shows Taiwan conversion, and mainland
/// simplified text left as it is (`normalize(x).text == x`).
pub fn normalize(text: &str) -> Normalized {
    let runs = context::runs(text);
    let layered: Vec<(bool, &str, Normalized)> = runs
        .iter()
        .map(|run| {
            let part = &text[run.range.clone()];
            (
                run.traditional,
                part,
                character_layer(part, run.traditional),
            )
        })
        .collect();
    // Taiwan vocabulary is reversed in traditional runs only when the text as
    // a whole shows a Taiwan-style conversion: enough markers (reversible
    // Taiwan renderings) for its length. Mainland text that was merely put
    // into traditional characters keeps its words.
    let (mut markers, mut chars) = (0usize, 0usize);
    let reversed: Vec<Option<Normalized>> = layered
        .iter()
        .map(|(traditional, part, unit)| {
            let (n, m) = taiwan_layer(part, *traditional, unit);
            if *traditional {
                markers += m;
                chars += unit.text.chars().count();
            }
            n
        })
        .collect();
    let taiwan_style = markers > 0 && markers * taiwan::CHARS_PER_MARKER >= chars;
    let mut out = Normalized::default();
    for ((traditional, _, unit), rev) in layered.into_iter().zip(reversed) {
        let unit = match rev {
            Some(r) if taiwan_style || !traditional => r,
            _ => unit,
        };
        out.text.push_str(&unit.text);
        out.map.append(&unit.map);
    }
    out
}

/// The view the search index uses; the same as [`normalize`].
pub fn normalize_for_index(text: &str) -> Normalized {
    normalize(text)
}

fn character_layer(part: &str, traditional: bool) -> Normalized {
    if traditional {
        let (text, map) = character::convert(part, Convention::Any, Accept::All);
        return Normalized { text, map };
    }
    if !part.chars().any(foldable_in_simplified) {
        return Normalized::identity(part);
    }
    // Simplified context: convert only what contains a character that
    // mainland writing does not use.
    let accept = |s: &str, a: usize, b: usize| s[a..b].chars().any(foldable_in_simplified);
    let (text, map) = character::convert(part, Convention::Any, Accept::If(&accept));
    Normalized { text, map }
}

/// Taiwan-vocabulary reversal over one run already through the character
/// layer, and the number of markers of Taiwan-style conversion it reversed;
/// `None` where nothing could change. In a simplified run only a term
/// written in traditional characters (迴圈) is evidence enough.
fn taiwan_layer(part: &str, traditional: bool, chars: &Normalized) -> (Option<Normalized>, usize) {
    let vocab = taiwan::vocab();
    if !traditional && !part.chars().any(is_traditional_char) {
        return (None, 0);
    }
    let map = &chars.map;
    let markers = std::cell::Cell::new(0usize);
    let accept = |s: &str, a: usize, b: usize| {
        let ok = (traditional || {
            let o = map.range_to_original(a..b);
            part.get(o)
                .is_some_and(|t| t.chars().any(is_traditional_char))
        }) && vocab.applies(s, a, b);
        if ok && vocab.is_marker(&s[a..b]) {
            markers.set(markers.get() + 1);
        }
        ok
    };
    let tw = character::replace_pass(&chars.text, &[], &vocab.group, Accept::If(&accept));
    let n = Normalized {
        map: chars.map.compose(&tw.map),
        text: tw.text,
    };
    (Some(n), markers.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_text_is_untouched() {
        let t = "以习近平同志为核心的党中央，著作，乾坤，什么。";
        let n = normalize(t);
        assert_eq!(n.text, t);
        assert!(n.is_identity());
    }

    #[test]
    fn traditional_text_is_simplified() {
        let n = normalize("中華人民共和國國務院總理");
        assert_eq!(n.text, "中华人民共和国国务院总理");
    }

    #[test]
    fn char_helpers_map_back() {
        let orig = "a國b";
        let n = chars_only(orig);
        assert_eq!(n.char_range_to_original(orig, 1..2), 1..2);
        assert_eq!(n.char_to_original(orig, 2), 2);
    }
}
