//! The character layer: traditional (OpenCC standard, Taiwan and Hong Kong
//! forms) to mainland simplified, with OpenCC's dictionaries and its way of
//! chaining them.
//!
//! The chain is OpenCC's `t2s`/`tw2s`/`hk2s` merged into one: CJK
//! compatibility ideographs are unified first; the text is then cut into
//! segments by longest match on `TSPhrases`; inside each segment Taiwan and
//! Hong Kong variant forms become OpenCC's standard traditional forms, and
//! those become simplified by phrase, then by character. Each step is a
//! longest-prefix replacement.
//!
//! The steps are not run as passes over the whole text. Every variant entry
//! keeps the UTF-8 shape of its key, so the variant step only patches bytes
//! in place; a segment whose variant step changes nothing needs no phrase
//! lookups in the simplifying step (a phrase there would have been a segment
//! of its own), only each character's own value from the per-character
//! table. So one scan finds segments and variant matches, and a second one
//! writes the output, copying runs of unchanged characters in bulk and
//! recording an offset-map entry only where a replacement changes shape.

use crate::lexicon::{Group, Lexicon};
use crate::offset_map::{MapBuilder, OffsetMap};
use crate::table::{
    decode, table, Table, FOLD, IDS, PHRASE, RESHAPE, VALUE, VARIANT_HK, VARIANT_TW,
};
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
    /// Table flags of the characters variant keys start with.
    variant_flags: u32,
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
    let variant_flags = match convention {
        Convention::Opencc => 0,
        Convention::Taiwan => VARIANT_TW,
        Convention::HongKong => VARIANT_HK,
        Convention::Any => VARIANT_TW | VARIANT_HK,
    };
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
        variant_flags,
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

/// Which replacements the layer makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every one (text in traditional script).
    All,
    /// Only those of keys holding a character mainland writing never uses
    /// (text in simplified script).
    Foldable,
}

/// Length of a complete ideographic description sequence at the start of
/// `s`, or 0. OpenCC copies such a sequence whole instead of converting
/// its components.
pub(crate) fn ids_len(s: &str) -> usize {
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

/// Whether `text` may hold a CJK compatibility ideograph (U+F900–U+FAFF,
/// U+2F800–U+2FA1F), by a byte scan cheaper than a replacement pass.
fn has_compat_ideograph(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| (w[0] == 0xEF && (0xA4..=0xAB).contains(&w[1])) || (w[0] == 0xF0 && w[1] == 0xAF))
}

/// The character at byte `i` of `s` and its table entry.
#[inline(always)]
fn at(t: &Table, s: &str, i: usize) -> (char, usize, u32) {
    let (cp, len) = decode(s.as_bytes(), i);
    (char::from_u32(cp).unwrap_or('\0'), len, t.get(cp))
}

/// One conversion in progress: the dictionaries, the output, and the
/// variant changes of the segment at hand.
struct Scan<'a> {
    t: &'static Table,
    chain: &'static Chain,
    mode: Mode,
    /// Variant matches of the current segment that change it, as
    /// (start, end, value) in the input.
    changes: Vec<(usize, usize, &'static str)>,
    /// The current segment after its variant step, when that changed it.
    mid: String,
    out: &'a mut String,
    mb: &'a mut MapBuilder,
}

impl Scan<'_> {
    #[inline]
    fn accepts(&self, key: &str) -> bool {
        self.mode == Mode::All || crate::table::any_has(key, FOLD)
    }

    /// Converts `src` (compatibility ideographs already unified).
    fn run(&mut self, src: &str) {
        let mut i = 0;
        while i < src.len() {
            self.changes.clear();
            if let Some(len) = self.phrase_at(src, i) {
                self.variants(src, i, i + len);
                self.simplify_segment(src, i, i + len, true);
                i += len;
            } else {
                let end = self.gap(src, i);
                self.simplify_segment(src, i, end, false);
                i = end;
            }
        }
    }

    /// Length of the `TSPhrases` segment starting at byte `i`, if any.
    #[inline]
    fn phrase_at(&self, src: &str, i: usize) -> Option<usize> {
        let (c, _, e) = at(self.t, src, i);
        if e & PHRASE == 0 {
            return None;
        }
        self.chain
            .segmenter
            .match_at(&src[i..], c)
            .map(|h| h.key_len)
    }

    /// Finds the end of the gap segment starting at `from` (where no phrase
    /// starts) while collecting its variant changes.
    fn gap(&mut self, src: &str, from: usize) -> usize {
        let t = self.t;
        let b = src.as_bytes();
        let vflags = self.chain.variant_flags;
        let watch = PHRASE | IDS | vflags;
        let mut j = from;
        while j < b.len() {
            if b[j] < 0x80 {
                j += 1;
                continue;
            }
            let (c, l, e) = at(t, src, j);
            if e & watch == 0 {
                j += l;
                continue;
            }
            if j > from && e & PHRASE != 0 && self.chain.segmenter.match_at(&src[j..], c).is_some()
            {
                return j;
            }
            if e & vflags != 0 {
                if let Some(h) = self.chain.variants.match_at(&src[j..], c) {
                    let end = j + h.key_len;
                    // A phrase starting inside the match ends the gap there,
                    // and the match must not cross it.
                    if let Some(p) = self.phrase_within(src, j + l, end) {
                        self.variants(src, j, p);
                        return p;
                    }
                    if self.accepts(&src[j..end]) {
                        if h.value != &src[j..end] {
                            self.changes.push((j, end, h.value));
                        }
                        j = end;
                        continue;
                    }
                }
            }
            if e & IDS != 0 {
                let k = ids_len(&src[j..]);
                if k > 0 {
                    j += k;
                    continue;
                }
            }
            j += l;
        }
        b.len()
    }

    /// First position in `from..to` where a `TSPhrases` key starts.
    fn phrase_within(&self, src: &str, from: usize, to: usize) -> Option<usize> {
        let mut p = from;
        while p < to {
            let (_, l, _) = at(self.t, src, p);
            if self.phrase_at(src, p).is_some() {
                return Some(p);
            }
            p += l;
        }
        None
    }

    /// The variant step over the segment `from..to`, collecting changes.
    fn variants(&mut self, src: &str, from: usize, to: usize) {
        let vflags = self.chain.variant_flags;
        let seg = &src[..to];
        let mut j = from;
        while j < to {
            let (c, l, e) = at(self.t, seg, j);
            if e & vflags != 0 {
                if let Some(h) = self.chain.variants.match_at(&seg[j..], c) {
                    let end = j + h.key_len;
                    if self.accepts(&seg[j..end]) {
                        if h.value != &seg[j..end] {
                            self.changes.push((j, end, h.value));
                        }
                        j = end;
                        continue;
                    }
                }
            }
            if e & IDS != 0 {
                let k = ids_len(&seg[j..]);
                if k > 0 {
                    j += k;
                    continue;
                }
            }
            j += l;
        }
    }

    /// The simplifying step over the segment `from..to` of `src`, after the
    /// variant changes collected for it, written to the output.
    fn simplify_segment(&mut self, src: &str, from: usize, to: usize, phrase: bool) {
        if self.changes.is_empty() {
            self.simplify(&src[from..to], phrase);
            return;
        }
        let mut mid = std::mem::take(&mut self.mid);
        mid.clear();
        let mut last = from;
        for &(s, e, v) in &self.changes {
            mid.push_str(&src[last..s]);
            mid.push_str(v);
            last = e;
        }
        mid.push_str(&src[last..to]);
        self.simplify(&mid, true);
        self.mid = mid;
    }

    /// Longest-prefix simplification of one segment; `phrases` is false
    /// where no phrase can match, so only single characters are looked up.
    fn simplify(&mut self, seg: &str, phrases: bool) {
        let t = self.t;
        let b = seg.as_bytes();
        let all = self.mode == Mode::All;
        let mut i = 0;
        // Bytes of `seg` written before `i`, and bytes of output not yet
        // given to the map (all of them byte-for-byte).
        let mut written = 0;
        let mut pending = 0;
        while i < b.len() {
            if b[i] < 0x80 {
                i += 1;
                continue;
            }
            let (c, l, e) = at(t, seg, i);
            if e & (VALUE | IDS | PHRASE) == 0 {
                i += l;
                continue;
            }
            if phrases && e & PHRASE != 0 {
                if let Some(h) = self.chain.ts.match_at(&seg[i..], c) {
                    let key = &seg[i..i + h.key_len];
                    if self.accepts(key) {
                        self.out.push_str(&seg[written..i]);
                        self.out.push_str(h.value);
                        self.mb.copy(pending + i - written);
                        self.mb.replace(key, h.value);
                        pending = 0;
                        i += h.key_len;
                        written = i;
                        continue;
                    }
                }
            } else if e & VALUE != 0 && (all || e & FOLD != 0) {
                let v = t.value(e);
                self.out.push_str(&seg[written..i]);
                self.out.push_str(v);
                if e & RESHAPE == 0 {
                    pending += i - written + l;
                } else {
                    self.mb.copy(pending + i - written);
                    self.mb.replace(&seg[i..i + l], v);
                    pending = 0;
                }
                i += l;
                written = i;
                continue;
            }
            if e & IDS != 0 {
                let k = ids_len(&seg[i..]);
                if k > 0 {
                    i += k;
                    continue;
                }
            }
            i += l;
        }
        self.out.push_str(&seg[written..]);
        self.mb.copy(pending + b.len() - written);
    }
}

/// The compatibility step: CJK compatibility ideographs to unified ones,
/// over the whole text.
fn unify_compat(text: &str, chain: &Chain, mode: Mode) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut mb = MapBuilder::new();
    let mut written = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if chain.compat.can_start(c) {
            if let Some(h) = chain.compat.match_at(rest, c) {
                let key = &rest[..h.key_len];
                if mode == Mode::All || crate::table::any_has(key, FOLD) {
                    out.push_str(&text[written..i]);
                    mb.copy(i - written);
                    out.push_str(h.value);
                    mb.replace(key, h.value);
                    i += h.key_len;
                    written = i;
                    continue;
                }
            }
        }
        let k = ids_len(rest);
        i += if k > 0 { k } else { c.len_utf8() };
    }
    out.push_str(&text[written..]);
    mb.copy(text.len() - written);
    (out, mb.finish())
}

/// Runs the whole character chain on `text`, appending to `out` and `mb`.
pub(crate) fn convert_into(
    text: &str,
    convention: Convention,
    mode: Mode,
    out: &mut String,
    mb: &mut MapBuilder,
) {
    let chain = chain(convention);
    let scan = |src: &str, out: &mut String, mb: &mut MapBuilder| {
        Scan {
            t: table(),
            chain,
            mode,
            changes: Vec::new(),
            mid: String::new(),
            out,
            mb,
        }
        .run(src)
    };
    if has_compat_ideograph(text) {
        let (unified, compat_map) = unify_compat(text, chain, mode);
        let mut o = String::with_capacity(unified.len());
        let mut m = MapBuilder::new();
        scan(&unified, &mut o, &mut m);
        out.push_str(&o);
        mb.append(&compat_map.compose(&m.finish()));
    } else {
        scan(text, out, mb);
    }
}

/// Runs the whole character chain on `text`.
pub(crate) fn convert(text: &str, convention: Convention, mode: Mode) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut mb = MapBuilder::new();
    convert_into(text, convention, mode, &mut out, &mut mb);
    (out, mb.finish())
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

    /// The scan relies on these properties of the dictionaries.
    #[test]
    fn dictionaries_fit_the_scan() {
        let shape = |s: &str| s.chars().map(char::len_utf8).collect::<Vec<_>>();
        for lex in [
            tw_variants_rev_phrases(),
            hk_variants_rev_phrases(),
            tw_variants_rev(),
            hk_variants_rev(),
        ] {
            for (k, v) in lex.entries() {
                // The variant step patches in place.
                assert_eq!(shape(k), shape(v), "{k} -> {v}");
            }
        }
        // Only TSPhrases has multi-character keys among the simplifying
        // dictionaries, so only its segments need phrase lookups.
        for lex in [ts_characters_ext(), ts_characters()] {
            assert!(lex.entries().all(|(k, _)| k.chars().count() == 1));
        }
        let t = table();
        for lex in [
            ts_phrases(),
            tw_variants_rev_phrases(),
            hk_variants_rev_phrases(),
        ] {
            for (k, _) in lex.entries() {
                assert!(k.chars().all(|c| t.get(c as u32) & IDS == 0), "{k}");
            }
        }
        // ASCII is skipped without a lookup.
        for c in 0..0x80 {
            assert_eq!(
                t.get(c) & (VALUE | IDS | PHRASE | VARIANT_TW | VARIANT_HK),
                0
            );
        }
    }

    #[test]
    fn variant_change_next_to_a_phrase() {
        // 着 in Taiwan form (著) before a phrase, and a variant phrase.
        let (t, _) = convert("憑藉著", Convention::Taiwan, Mode::All);
        assert_eq!(t, "凭借着");
        let (t, _) = convert("一口吃個", Convention::Taiwan, Mode::All);
        assert_eq!(t, "一口吃个");
    }

    #[test]
    fn converts_characters_and_phrases() {
        let (t, m) = convert("頭髮和鬱鬱蔥蔥", Convention::Any, Mode::All);
        assert_eq!(t, "头发和郁郁葱葱");
        assert_eq!(m.norm_len(), t.len());
    }
}
