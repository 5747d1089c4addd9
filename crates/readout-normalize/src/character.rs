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
    decode, table, Table, COMPAT, FOLD, IDS, IN_PHRASE, PHRASE, RESHAPE, VALUE, VARIANT_HK,
    VARIANT_HK1, VARIANT_TW, VARIANT_TW1,
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
    /// Table flags of the characters longer variant keys start with, and
    /// of those that are variant keys alone.
    variant_multi: u32,
    variant_single: u32,
    /// Longest `TSPhrases` key in bytes.
    phrase_bytes: usize,
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
    let (variant_multi, variant_single) = match convention {
        Convention::Opencc => (0, 0),
        Convention::Taiwan => (VARIANT_TW, VARIANT_TW1),
        Convention::HongKong => (VARIANT_HK, VARIANT_HK1),
        Convention::Any => (VARIANT_TW | VARIANT_HK, VARIANT_TW1 | VARIANT_HK1),
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
        variant_multi,
        variant_single,
        phrase_bytes: ts_phrases()
            .entries()
            .map(|(k, _)| k.len())
            .max()
            .unwrap_or(0),
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

#[inline(always)]
fn ch(cp: u32) -> char {
    char::from_u32(cp).unwrap_or('\0')
}

/// Length of the UTF-8 sequence a lead byte starts.
#[inline(always)]
fn utf8_len(b0: u8) -> usize {
    match b0 {
        0..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// One conversion in progress: the dictionaries, the output, and what the
/// segment at hand needs.
struct Scan<'a> {
    t: &'static Table,
    chain: &'static Chain,
    mode: Mode,
    /// Stop at a compatibility ideograph: the text needs the compatibility
    /// step first.
    stop_at_compat: bool,
    /// Variant matches of the current segment that change it, as
    /// (start, end, value) in the input.
    changes: Vec<(usize, usize, &'static str)>,
    /// Characters of the current gap that the simplifying step writes
    /// otherwise than the input has them: (position, table entry of the
    /// character after the variant step, that character). An entry without
    /// a value means the character itself (a variant change).
    marks: Vec<(usize, u32, u32)>,
    /// A variant change of the current gap produced a character that some
    /// phrase holds, so phrases must be looked up after all.
    sensitive: bool,
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

    /// Converts `src`; false (having written part of it) where it meets a
    /// compatibility ideograph and `stop_at_compat` holds.
    fn run(&mut self, src: &str) -> bool {
        let mut i = 0;
        while i < src.len() {
            self.changes.clear();
            self.marks.clear();
            self.sensitive = false;
            if let Some(len) = self.phrase_at(src, i) {
                self.variants(src, i, i + len);
                self.simplify_segment(src, i, i + len, true);
                i += len;
            } else {
                let Some(end) = self.gap(src, i) else {
                    return false;
                };
                if self.sensitive {
                    self.simplify_segment(src, i, end, false);
                } else {
                    self.emit_marks(src, i, end);
                }
                i = end;
            }
        }
        true
    }

    /// Notes a character the variant step leaves alone.
    #[inline(always)]
    fn note_char(&mut self, j: usize, c: u32, e: u32) {
        if e & VALUE != 0 && (self.mode == Mode::All || e & FOLD != 0) {
            self.marks.push((j, e, c));
        }
    }

    /// Notes a variant match `src[j..end]` → `value` (same UTF-8 shape).
    fn note_match(&mut self, src: &str, j: usize, end: usize, value: &'static str) {
        let key = &src[j..end];
        if value != key {
            self.changes.push((j, end, value));
        }
        let kb = key.as_bytes();
        for (off, w) in value.char_indices() {
            let cp = w as u32;
            let e = self.t.get(cp);
            if kb.get(off..off + w.len_utf8()) == Some(&value.as_bytes()[off..off + w.len_utf8()]) {
                self.note_char(j + off, cp, e);
            } else {
                self.sensitive |= e & IN_PHRASE != 0;
                if e & VALUE != 0 && (self.mode == Mode::All || e & FOLD != 0) {
                    self.marks.push((j + off, e, cp));
                } else {
                    self.marks.push((j + off, 0, cp));
                }
            }
        }
    }

    /// Writes the gap `from..to`: its marks, and what lies between them as
    /// it is.
    fn emit_marks(&mut self, src: &str, from: usize, to: usize) {
        let t = self.t;
        let b = src.as_bytes();
        let marks = std::mem::take(&mut self.marks);
        let mut written = from;
        let mut pending = 0;
        for &(p, e, cp) in &marks {
            let l = utf8_len(b[p]);
            if p > written {
                self.out.push_str(&src[written..p]);
            }
            if e & VALUE != 0 {
                match t.value_char(e) {
                    Some(v) => self.out.push(v),
                    None => self.out.push_str(t.value(e)),
                }
                if e & RESHAPE != 0 {
                    let mut buf = [0u8; 4];
                    self.mb.copy(pending + p - written);
                    self.mb.replace(ch(cp).encode_utf8(&mut buf), t.value(e));
                    pending = 0;
                } else {
                    pending += p - written + l;
                }
            } else {
                self.out.push(ch(cp));
                pending += p - written + l;
            }
            written = p + l;
        }
        self.out.push_str(&src[written..to]);
        self.mb.copy(pending + to - written);
        self.marks = marks;
    }

    /// Length of the `TSPhrases` segment starting at byte `i`, if any.
    #[inline]
    fn phrase_at(&self, src: &str, i: usize) -> Option<usize> {
        let b = src.as_bytes();
        let (c, l, e) = self.t.at(b, i);
        if e & PHRASE == 0 || i + l >= b.len() {
            return None;
        }
        let seg = &self.chain.segmenter;
        if !seg.pair_may(c, decode(b, i + l).0) {
            return None;
        }
        seg.match_at(&src[i..]).map(|h| h.key_len)
    }

    /// Finds the end of the gap segment starting at `from` (where no phrase
    /// starts) while noting its variant changes and what the simplifying
    /// step will replace; `None` at a compatibility ideograph when
    /// `stop_at_compat` holds. Each character is decoded once; a flagged
    /// one looks at the next character to rule out longer keys before any
    /// dictionary lookup.
    fn gap(&mut self, src: &str, from: usize) -> Option<usize> {
        let t = self.t;
        let chain = self.chain;
        let b = src.as_bytes();
        let n = b.len();
        let (vmulti, vsingle) = (chain.variant_multi, chain.variant_single);
        let compat = if self.stop_at_compat { COMPAT } else { 0 };
        let lookups = PHRASE | IDS | vmulti | vsingle | compat;
        let watch = lookups | VALUE;
        let mut j = from;
        let (mut c, mut l, mut e) = t.at(b, j);
        loop {
            let k = j + l;
            if e & watch != 0 {
                if e & lookups == 0 {
                    self.note_char(j, c, e);
                } else {
                    if e & compat != 0 {
                        return None;
                    }
                    let (c2, l2, e2) = if k < n { t.at(b, k) } else { (0, 0, 0) };
                    if j > from
                        && e & PHRASE != 0
                        && k < n
                        && chain.segmenter.pair_may(c, c2)
                        && chain.segmenter.match_at(&src[j..]).is_some()
                    {
                        return Some(j);
                    }
                    if e & vsingle != 0
                        || (e & vmulti != 0 && k < n && chain.variants.pair_may(c, c2))
                    {
                        if let Some(h) = chain.variants.match_at(&src[j..]) {
                            let end = j + h.key_len;
                            // A phrase starting inside the match ends the gap
                            // there, and the match must not cross it.
                            if let Some(p) = self.phrase_within(src, k, end) {
                                self.variants(src, j, p);
                                return Some(p);
                            }
                            if self.accepts(&src[j..end]) {
                                self.note_match(src, j, end, h.value);
                                if end >= n {
                                    return Some(n);
                                }
                                j = end;
                                (c, l, e) = t.at(b, j);
                                continue;
                            }
                        }
                    }
                    if e & IDS != 0 {
                        let m = ids_len(&src[j..]);
                        if m > 0 {
                            j += m;
                            if j >= n {
                                return Some(n);
                            }
                            (c, l, e) = t.at(b, j);
                            continue;
                        }
                    }
                    self.note_char(j, c, e);
                    if k >= n {
                        return Some(n);
                    }
                    j = k;
                    (c, l, e) = (c2, l2, e2);
                    continue;
                }
            }
            if k >= n {
                return Some(n);
            }
            j = k;
            (c, l, e) = t.at(b, j);
        }
    }

    /// First position in `from..to` where a `TSPhrases` key starts.
    fn phrase_within(&self, src: &str, from: usize, to: usize) -> Option<usize> {
        let mut p = from;
        while p < to {
            if self.phrase_at(src, p).is_some() {
                return Some(p);
            }
            p += self.t.at(src.as_bytes(), p).1;
        }
        None
    }

    /// The variant step over the segment `from..to`, noting changes.
    fn variants(&mut self, src: &str, from: usize, to: usize) {
        let watch = IDS | self.chain.variant_multi | self.chain.variant_single;
        let seg = &src[..to];
        let b = seg.as_bytes();
        let mut j = from;
        while j < to {
            let (c, l, e) = self.t.at(b, j);
            if e & watch & !IDS != 0 {
                if let Some(h) = self.chain.variants.match_at(&seg[j..]) {
                    let end = j + h.key_len;
                    if self.accepts(&seg[j..end]) {
                        self.note_match(seg, j, end, h.value);
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
            self.note_char(j, c, e);
            j += l;
        }
    }

    /// The simplifying step over the segment `from..to` of `src`, after the
    /// variant changes collected for it, written to the output.
    fn simplify_segment(&mut self, src: &str, from: usize, to: usize, phrase: bool) {
        if self.changes.is_empty() {
            self.simplify(&src[from..to], phrase, &[]);
            return;
        }
        let mut mid = std::mem::take(&mut self.mid);
        let changes = std::mem::take(&mut self.changes);
        mid.clear();
        let mut last = from;
        for &(s, e, v) in &changes {
            mid.push_str(&src[last..s]);
            mid.push_str(v);
            last = e;
        }
        mid.push_str(&src[last..to]);
        // In a gap, a phrase can only match where a change made it.
        let near: Vec<(usize, usize)> = if phrase {
            Vec::new()
        } else {
            changes
                .iter()
                .map(|&(s, e, _)| (s - from, e - from))
                .collect()
        };
        self.simplify(&mid, phrase, &near);
        self.mid = mid;
        self.changes = changes;
    }

    /// Writes `seg[written..i]`, which holds `count` characters, the last
    /// being `last`.
    #[inline(always)]
    fn flush(&mut self, seg: &str, written: usize, i: usize, count: u32, last: u32) {
        if count == 1 {
            self.out.push(ch(last));
        } else if i > written {
            self.out.push_str(&seg[written..i]);
        }
    }

    /// Longest-prefix simplification of one segment. Phrases are looked up
    /// everywhere when `phrases` holds, else only where one would overlap a
    /// range of `near` (sorted byte ranges of `seg`); elsewhere a phrase
    /// cannot match, so only single characters are looked up.
    fn simplify(&mut self, seg: &str, phrases: bool, near: &[(usize, usize)]) {
        let t = self.t;
        let ts = &self.chain.ts;
        let b = seg.as_bytes();
        let n = b.len();
        let all = self.mode == Mode::All;
        let watch = VALUE
            | IDS
            | if phrases || !near.is_empty() {
                PHRASE
            } else {
                0
            };
        let reach = self.chain.phrase_bytes;
        let mut i = 0;
        // Bytes of `seg` before `written` are in the output; `pending`
        // output bytes (all byte-for-byte) are not in the map yet; `count`
        // characters lie between `written` and `i`, the last being `last`.
        let mut written = 0;
        let mut pending = 0;
        let mut count = 0u32;
        let mut last = 0u32;
        let mut k = 0;
        while i < n {
            let (c, l, e) = t.at(b, i);
            if e & watch == 0 {
                i += l;
                count += 1;
                last = c;
                continue;
            }
            if e & PHRASE != 0
                && i + l < n
                && (phrases || {
                    while k < near.len() && near[k].1 <= i {
                        k += 1;
                    }
                    k < near.len() && near[k].0 < i + reach
                })
                && ts.pair_may(c, decode(b, i + l).0)
            {
                if let Some(h) = ts.match_at(&seg[i..]) {
                    let key = &seg[i..i + h.key_len];
                    if self.accepts(key) {
                        self.flush(seg, written, i, count, last);
                        self.out.push_str(h.value);
                        self.mb.copy(pending + i - written);
                        self.mb.replace(key, h.value);
                        pending = 0;
                        i += h.key_len;
                        written = i;
                        count = 0;
                        continue;
                    }
                }
                i += l;
                count += 1;
                last = c;
                continue;
            }
            if e & VALUE != 0 && (all || e & FOLD != 0) {
                self.flush(seg, written, i, count, last);
                match t.value_char(e) {
                    Some(v) => self.out.push(v),
                    None => self.out.push_str(t.value(e)),
                }
                if e & RESHAPE == 0 {
                    pending += i - written + l;
                } else {
                    self.mb.copy(pending + i - written);
                    self.mb.replace(&seg[i..i + l], t.value(e));
                    pending = 0;
                }
                i += l;
                written = i;
                count = 0;
                continue;
            }
            if e & IDS != 0 {
                let m = ids_len(&seg[i..]);
                if m > 0 {
                    i += m;
                    count += 2;
                    continue;
                }
            }
            i += l;
            count += 1;
            last = c;
        }
        self.flush(seg, written, n, count, last);
        self.mb.copy(pending + n - written);
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
        {
            if let Some(h) = chain.compat.match_at(rest) {
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
    let scan = |src: &str, out: &mut String, mb: &mut MapBuilder, stop_at_compat: bool| {
        Scan {
            t: table(),
            chain,
            mode,
            stop_at_compat,
            changes: Vec::new(),
            marks: Vec::new(),
            sensitive: false,
            mid: String::new(),
            out,
            mb,
        }
        .run(src)
    };
    let (start, cp) = (out.len(), mb.checkpoint());
    if scan(text, out, mb, true) {
        return;
    }
    // Compatibility ideographs are unified over the whole text first.
    out.truncate(start);
    mb.rollback(cp);
    let (unified, compat_map) = unify_compat(text, chain, mode);
    let mut o = String::with_capacity(unified.len());
    let mut m = MapBuilder::new();
    scan(&unified, &mut o, &mut m, false);
    out.push_str(&o);
    mb.append(&compat_map.compose(&m.finish()));
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
