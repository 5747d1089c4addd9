//! The character layer: traditional (OpenCC standard, Taiwan and Hong Kong
//! forms) to mainland simplified, with OpenCC's dictionaries and its way of
//! chaining them.
//!
//! The chain is OpenCC's `t2s`/`tw2s`/`hk2s` merged into one: CJK
//! compatibility ideographs are unified first; the text is then cut into
//! segments by longest match on `TSPhrases`; inside each segment Taiwan and
//! Hong Kong variant forms become OpenCC's standard traditional forms, and
//! those become simplified by phrase, then by character. Each step is a
//! longest-prefix replacement that records an offset map.

use crate::lexicon::{Group, Lexicon};
use crate::offset_map::{MapBuilder, OffsetMap};
use std::sync::OnceLock;

macro_rules! dict {
    ($name:ident, $file:literal) => {
        pub(crate) fn $name() -> &'static Lexicon {
            static CELL: OnceLock<Lexicon> = OnceLock::new();
            CELL.get_or_init(|| Lexicon::parse(include_str!(concat!("../data/", $file))))
        }
    };
}

dict!(compat_ideographs, "CJK_Compatibility_Ideographs.txt");
dict!(ts_phrases, "TSPhrases.txt");
dict!(ts_characters, "TSCharacters.txt");
dict!(ts_characters_ext, "TSCharactersExt.txt");
dict!(tw_variants_rev, "TWVariantsRev.txt");
dict!(tw_variants_rev_phrases, "TWVariantsRevPhrases.txt");
dict!(hk_variants_rev, "HKVariantsRev.txt");
dict!(hk_variants_rev_phrases, "HKVariantsRevPhrases.txt");
dict!(st_characters, "STCharacters.txt");

pub(crate) struct Chain {
    compat: Group,
    segmenter: Group,
    variants: Group,
    ts: Group,
}

/// Which traditional convention the input follows; they differ in a few
/// variant forms (Taiwan writes 著 for 着, OpenCC's standard does not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Convention {
    /// OpenCC's standard traditional forms (its `t2s`).
    Opencc,
    /// Taiwan forms (OpenCC's `tw2s`).
    Taiwan,
    /// Hong Kong forms (OpenCC's `hk2s`).
    HongKong,
    /// Taiwan and Hong Kong variant forms both (Taiwan's first): what real
    /// traditional text needs when its origin is unknown.
    Any,
}

fn build_chain(convention: Convention) -> Chain {
    let variants = match convention {
        Convention::Opencc => vec![],
        Convention::Taiwan => vec![tw_variants_rev_phrases(), tw_variants_rev()],
        Convention::HongKong => vec![hk_variants_rev_phrases(), hk_variants_rev()],
        Convention::Any => vec![
            tw_variants_rev_phrases(),
            hk_variants_rev_phrases(),
            tw_variants_rev(),
            hk_variants_rev(),
        ],
    };
    Chain {
        compat: Group::new(vec![compat_ideographs()]),
        segmenter: Group::new(vec![ts_phrases()]),
        variants: Group::new(variants),
        ts: Group::new(vec![ts_phrases(), ts_characters_ext(), ts_characters()]),
    }
}

pub(crate) fn chain(convention: Convention) -> &'static Chain {
    static CELLS: [OnceLock<Chain>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let i = match convention {
        Convention::Opencc => 0,
        Convention::Taiwan => 1,
        Convention::HongKong => 2,
        Convention::Any => 3,
    };
    CELLS[i].get_or_init(|| build_chain(convention))
}

/// Which replacements a stage may make.
#[derive(Clone, Copy)]
pub(crate) enum Accept<'a> {
    All,
    /// Only matches `input[start..end]` for which `f(input, start, end)` holds.
    If(&'a dyn Fn(&str, usize, usize) -> bool),
}

impl Accept<'_> {
    #[inline]
    fn ok(&self, input: &str, start: usize, end: usize) -> bool {
        match self {
            Accept::All => true,
            Accept::If(f) => f(input, start, end),
        }
    }
}

/// Output of one replacement pass.
pub(crate) struct Pass {
    pub(crate) text: String,
    pub(crate) map: OffsetMap,
    /// Segment limits carried into the output (sorted byte offsets).
    pub(crate) bounds: Vec<usize>,
}

/// Length of a complete ideographic description sequence at the start of
/// `s`, or 0. OpenCC copies such a sequence whole instead of converting
/// its components.
fn ids_len(s: &str) -> usize {
    fn arity(c: char) -> usize {
        match c as u32 {
            0x2FF2 | 0x2FF3 => 3,
            0x2FFE | 0x2FFF => 1,
            0x2FF0..=0x2FFD => 2,
            _ => 0,
        }
    }
    fn consume(s: &str, depth: usize, budget: &mut usize) -> Option<usize> {
        if depth == 0 || *budget == 0 {
            return None;
        }
        let c = s.chars().next()?;
        *budget -= 1;
        let mut off = c.len_utf8();
        for _ in 0..arity(c) {
            off += consume(s.get(off..)?, depth - 1, budget)?;
        }
        Some(off)
    }
    match s.chars().next() {
        Some(c) if arity(c) > 0 => {
            let mut budget = 64;
            consume(s, 16, &mut budget).unwrap_or(0)
        }
        _ => 0,
    }
}

/// Longest-prefix replacement of `input` with `group`, never crossing a
/// segment limit in `bounds`.
pub(crate) fn replace_pass(
    input: &str,
    bounds: &[usize],
    group: &Group,
    accept: Accept<'_>,
) -> Pass {
    let mut out = String::with_capacity(input.len());
    let mut mb = MapBuilder::new();
    let mut out_bounds = Vec::with_capacity(bounds.len());
    let mut bi = 0usize;
    let mut run_start = 0usize;
    let mut i = 0usize;
    let len = input.len();
    while i < len {
        while bi < bounds.len() && bounds[bi] <= i {
            out_bounds.push(out.len() + (bounds[bi] - run_start));
            bi += 1;
        }
        let limit = if bi < bounds.len() { bounds[bi] } else { len };
        let rest = &input[i..limit];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if group.can_start(c) {
            if let Some(hit) = group.match_at(rest, c) {
                let key = &rest[..hit.key_len];
                if accept.ok(input, i, i + hit.key_len) {
                    out.push_str(&input[run_start..i]);
                    mb.copy(i - run_start);
                    out.push_str(hit.value);
                    mb.replace(key, hit.value);
                    i += hit.key_len;
                    run_start = i;
                    continue;
                }
            }
        }
        let ids = ids_len(rest);
        i += if ids > 0 { ids } else { c.len_utf8() };
    }
    while bi < bounds.len() {
        out_bounds.push(out.len() + (bounds[bi] - run_start));
        bi += 1;
    }
    out.push_str(&input[run_start..]);
    mb.copy(len - run_start);
    Pass {
        text: out,
        map: mb.finish(),
        bounds: out_bounds,
    }
}

/// OpenCC's segmentation: longest `TSPhrases` matches are segments of their
/// own; the runs between them are segments too. Returns interior limits.
fn segment(input: &str, group: &Group) -> Vec<usize> {
    let mut limits = Vec::new();
    let mut i = 0usize;
    let mut gap = false;
    while i < input.len() {
        let rest = &input[i..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        if group.can_start(c) {
            if let Some(hit) = group.match_at(rest, c) {
                if gap || i > 0 {
                    limits.push(i);
                }
                i += hit.key_len;
                limits.push(i);
                gap = false;
                continue;
            }
        }
        let ids = ids_len(rest);
        i += if ids > 0 { ids } else { c.len_utf8() };
        gap = true;
    }
    limits.retain(|&b| b > 0 && b < input.len());
    limits.dedup();
    limits
}

/// Whether `text` may hold a CJK compatibility ideograph (U+F900–U+FAFF,
/// U+2F800–U+2FA1F), by a byte scan cheaper than a replacement pass.
fn has_compat_ideograph(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| (w[0] == 0xEF && (0xA4..=0xAB).contains(&w[1])) || (w[0] == 0xF0 && w[1] == 0xAF))
}

/// Runs the whole character chain on `text`.
pub(crate) fn convert(
    text: &str,
    convention: Convention,
    accept: Accept<'_>,
) -> (String, OffsetMap) {
    let ch = chain(convention);
    let p0 = if has_compat_ideograph(text) {
        replace_pass(text, &[], &ch.compat, accept)
    } else {
        Pass {
            text: text.to_owned(),
            map: OffsetMap::identity(text.len()),
            bounds: Vec::new(),
        }
    };
    let limits = segment(&p0.text, &ch.segmenter);
    let p1 = replace_pass(&p0.text, &limits, &ch.variants, accept);
    let p2 = replace_pass(&p1.text, &p1.bounds, &ch.ts, accept);
    let map = p0.map.compose(&p1.map).compose(&p2.map);
    (p2.text, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sequences_are_measured_whole() {
        assert_eq!(ids_len("⿰氵黃x"), "⿰氵黃".len());
        assert_eq!(ids_len("⿰氵"), 0);
        assert_eq!(ids_len("國"), 0);
    }

    #[test]
    fn converts_characters_and_phrases() {
        let (t, m) = convert("頭髮和鬱鬱蔥蔥", Convention::Any, Accept::All);
        assert_eq!(t, "头发和郁郁葱葱");
        assert_eq!(m.norm_len(), t.len());
    }
}
