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
//! keeps the UTF-8 shape of its key, so the variant step only patches
//! characters in place; and in a gap between segmenting phrases the
//! simplifying step needs no phrase lookups (a phrase there would have been
//! a segment of its own) unless a variant change produced a character some
//! phrase holds. So a gap is written in one scan: each character is decoded
//! once; its entry in the per-character table says whether any key may
//! start there, and a filter on it and the next character rules out longer
//! keys before any dictionary lookup; the character to write (its own or
//! its value) is selected without a branch; an offset-map entry is recorded
//! only where a replacement changes the UTF-8 shape. A gap where a variant
//! change may make a phrase match, and every phrase segment, are done step
//! by step, as OpenCC does (`convert_with(.., step_by_step)` is that path
//! for all, which the tests compare the scan with).

use crate::lexicon::{Group, PairFilter};
use crate::offset_map::{MapBuilder, OffsetMap};
use crate::offset_set::OffsetSet;
use crate::table::{
    decode, table, Table, COMPAT, FOLD, IDS, IN_PHRASE, MULTI_VALUE, PHRASE, RESHAPE, VALUE,
    VALUE_SURE, VALUE_VOCAB, VOCAB, VOCAB1,
};

/// The dictionaries of `data/`, parsed (for the tests: the normalizer
/// itself reads the tables `build.rs` computed from them).
#[cfg(test)]
macro_rules! dict {
    ($name:ident) => {
        pub(crate) fn $name() -> &'static crate::build_tables::Lexicon {
            &crate::sources().$name
        }
    };
}

#[cfg(test)]
mod dicts {
    dict!(compat);
    dict!(ts_phrases);
    dict!(ts_characters);
    dict!(ts_characters_ext);
    dict!(tw_variants_rev);
    dict!(tw_variants_rev_phrases);
    dict!(hk_variants_rev);
    dict!(hk_variants_rev_phrases);
    dict!(mainland_variant_blockers);
}
#[cfg(test)]
pub(crate) use dicts::*;

/// One convention's chain of dictionaries (computed by `build.rs`).
pub(crate) struct Chain {
    pub(crate) compat: &'static Group,
    pub(crate) segmenter: &'static Group,
    pub(crate) variants: Group,
    pub(crate) ts: &'static Group,
    /// Table flags of the characters longer variant keys start with, and
    /// of those that are variant keys alone.
    pub(crate) variant_multi: u32,
    pub(crate) variant_single: u32,
    /// What the variant step makes of a character alone (the first variant
    /// dictionary with it as a key decides), by code point.
    pub(crate) variant_values: &'static [(u32, crate::generated::Str)],
    /// Longest `TSPhrases` key in bytes.
    pub(crate) phrase_bytes: usize,
    /// Pairs of input characters where the fast scan must stop and look:
    /// the first two of a segmenting phrase or a longer variant key, or
    /// characters the layer may write as the first two of a longer
    /// Taiwan-vocabulary key.
    pub(crate) pairs: PairFilter,
}

impl Chain {
    /// What the variant step makes of code point `c` alone.
    #[inline]
    fn variant_value(&self, c: u32) -> Option<&'static str> {
        self.variant_values
            .binary_search_by_key(&c, |&(k, _)| k)
            .ok()
            .map(|i| self.variant_values[i].1.get())
    }
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

/// The chain of a convention (compiled in).
pub(crate) fn chain(convention: Convention) -> &'static Chain {
    let i = match convention {
        Convention::Opencc => 0,
        Convention::Taiwan => 1,
        Convention::HongKong => 2,
        Convention::Any => 3,
    };
    &crate::generated::CHAINS[i]
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

/// How the fast scan of a gap ended.
enum GapEnd {
    /// At this offset (a phrase starts there, or the text ends).
    At(usize),
    /// At a compatibility ideograph (and `stop_at_compat` holds).
    Compat,
    /// Where the fast scan cannot tell the result: the gap must be done by
    /// the step-by-step path.
    Redo,
}

/// What a lookup at one position of a gap did.
enum Step {
    End(GapEnd),
    /// Wrote everything up to this offset.
    Jump(usize),
    /// Nothing: the character is written as any other.
    Plain,
}

/// One conversion in progress: the dictionaries, the output and its map,
/// and what the segment at hand needs.
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
    /// The current segment after its variant step, when that changed it.
    mid: String,
    /// Whether to collect where the Taiwan-vocabulary scan of the output
    /// has anything to do: output offsets of characters with a flag of
    /// [`CANDIDATE`](crate::table::CANDIDATE), leaving out those with only
    /// [`VOCAB`] whose next character cannot be a second one.
    want_cands: bool,
    cands: OffsetSet,
    /// Input offset from which the output is byte-for-byte but not yet in
    /// the map.
    map_from: usize,
    /// Every gap the plain way, step by step with phrase lookups
    /// everywhere (the reference the fast scan is tested against).
    step_by_step: bool,
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
        self.map_from = 0;
        while i < src.len() {
            self.changes.clear();
            if let Some(len) = self.phrase_at(src, i) {
                let out_start = self.out.len();
                self.variants(src, i, i + len);
                self.simplify_segment(src, i, i + len, true);
                self.candidates_from(out_start);
                i += len;
                self.map_from = i;
                continue;
            }
            let (out_start, cp) = (self.out.len(), self.mb.checkpoint());
            let fast = if self.step_by_step {
                GapEnd::Redo
            } else {
                self.gap(src, i)
            };
            match fast {
                GapEnd::At(end) => {
                    self.mb.copy(end - self.map_from);
                    self.map_from = end;
                    i = end;
                }
                GapEnd::Compat => return false,
                GapEnd::Redo => {
                    self.cands.remove_range(out_start..self.out.len());
                    self.out.truncate(out_start);
                    self.mb.rollback(cp);
                    self.changes.clear();
                    let Some(end) = self.gap_changes(src, i) else {
                        return false;
                    };
                    self.simplify_segment(src, i, end, self.step_by_step);
                    self.candidates_from(out_start);
                    self.map_from = end;
                    i = end;
                }
            }
        }
        true
    }

    /// Records the candidates of the output written from `out_start` on,
    /// by reading it.
    fn candidates_from(&mut self, out_start: usize) {
        self.mark_before(out_start);
        if self.want_cands {
            let cands = &mut self.cands;
            crate::table::each_candidate(&self.out[out_start..], out_start, |p| {
                cands.insert_if(p, true)
            });
        }
    }

    /// Marks the output character ending at `at` as a candidate if a longer
    /// vocabulary key may start with it: what follows it was not written
    /// character for character, so its pairs were not checked.
    fn mark_before(&mut self, at: usize) {
        if !self.want_cands || at == 0 {
            return;
        }
        let mut p = at - 1;
        while p > 0 && !self.out.is_char_boundary(p) {
            p -= 1;
        }
        let (_, _, e) = self.t.at(self.out.as_bytes(), p);
        if e & VOCAB != 0 {
            self.cands.insert_if(p, true);
        }
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

    /// Writes what the simplifying step makes of character `c` (length
    /// `l`, entry `e`) at input offset `j`, the variant step having left it
    /// or made it.
    #[inline(always)]
    fn write_char(&mut self, j: usize, c: u32, l: usize, e: u32, pair_hit: bool) {
        let t = self.t;
        // Written without branches on the character: which one to write
        // and whether it is a candidate are selected by masks.
        let fold_needed = if self.mode == Mode::All { 0 } else { FOLD };
        let mapped = (e & VALUE != 0) & (e & fold_needed == fold_needed);
        if mapped & (e & (RESHAPE | MULTI_VALUE) != 0) {
            // A value of another shape: an atomic span of its own.
            let value = t.value(e);
            let mut buf = [0u8; 4];
            self.mb.copy(j - self.map_from);
            self.mb.replace(ch(c).encode_utf8(&mut buf), value);
            self.map_from = j + l;
            let at = self.out.len();
            self.out.push_str(value);
            self.candidates_from(at);
            return;
        }
        let o = std::hint::select_unpredictable(mapped, t.value_cp(e), c);
        if self.want_cands {
            // Where the scan stopped at this pair, a longer vocabulary key
            // may start here; elsewhere only a key of one character or a
            // description sequence can.
            let sure = std::hint::select_unpredictable(mapped, VALUE_SURE, VOCAB1 | IDS);
            let maybe = std::hint::select_unpredictable(mapped, VALUE_VOCAB, VOCAB);
            let flag = sure | if pair_hit { maybe } else { 0 };
            if e & flag != 0 {
                self.cands.insert_if(self.out.len(), true);
            }
        }
        self.out.push(ch(o));
    }

    /// The fast scan of the gap segment starting at `from` (where no phrase
    /// starts): finds its end and writes it. Each character is decoded
    /// once, and looked up in a dictionary only where the next character
    /// may continue a key or it is a key alone; the variant step and the
    /// simplifying step are done together, which is exact while no
    /// variant change makes a phrase match (then the gap is redone).
    fn gap(&mut self, src: &str, from: usize) -> GapEnd {
        let t = self.t;
        let chain = self.chain;
        let b = src.as_bytes();
        let n = b.len();
        let compat = if self.stop_at_compat { COMPAT } else { 0 };
        let alone = chain.variant_single | IDS | MULTI_VALUE | compat;
        let paired = PHRASE | chain.variant_multi | VOCAB | VALUE_VOCAB;
        let mut j = from;
        let (mut c, mut l, mut e) = t.at(b, j);
        loop {
            let k = j + l;
            let (c2, l2, e2) = if k < n { t.at(b, k) } else { (0, 0, 0) };
            // Evaluated without short-circuit branches: most characters
            // need no lookup, in no predictable pattern.
            let need = (e & alone != 0) | ((e & paired != 0) & (k < n) & chain.pairs.may(c, c2));
            if need {
                match self.lookup(src, from, j, c, l, e, c2) {
                    Step::End(end) => return end,
                    Step::Jump(to) => {
                        if to >= n {
                            return GapEnd::At(n);
                        }
                        j = to;
                        (c, l, e) = t.at(b, j);
                        continue;
                    }
                    Step::Plain => {
                        self.write_char(j, c, l, e, true);
                        if k >= n {
                            return GapEnd::At(n);
                        }
                        j = k;
                        (c, l, e) = (c2, l2, e2);
                        continue;
                    }
                }
            }
            self.write_char(j, c, l, e, false);
            if k >= n {
                return GapEnd::At(n);
            }
            j = k;
            (c, l, e) = (c2, l2, e2);
        }
    }

    /// The dictionary lookups of the fast scan at input offset `j`.
    #[allow(clippy::too_many_arguments)]
    fn lookup(
        &mut self,
        src: &str,
        from: usize,
        j: usize,
        c: u32,
        l: usize,
        e: u32,
        c2: u32,
    ) -> Step {
        let chain = self.chain;
        let n = src.len();
        let k = j + l;
        if self.stop_at_compat && e & COMPAT != 0 {
            return Step::End(GapEnd::Compat);
        }
        if j > from
            && e & PHRASE != 0
            && k < n
            && chain.segmenter.pair_may(c, c2)
            && chain.segmenter.match_at(&src[j..]).is_some()
        {
            return Step::End(GapEnd::At(j));
        }
        let paired = e & chain.variant_multi != 0 && k < n && chain.variants.pair_may(c, c2);
        if e & chain.variant_single != 0 || paired {
            // No longer key can start here: the character's own entry, if
            // any, without walking the dictionaries.
            let hit = if paired {
                chain.variants.match_at(&src[j..])
            } else {
                chain
                    .variant_value(c)
                    .map(|value| crate::lexicon::Hit { key_len: l, value })
            };
            if let Some(h) = hit {
                let end = j + h.key_len;
                // A phrase starting inside the match would end the gap
                // there and cut the match: left to the step-by-step path.
                if self.phrase_within(src, k, end).is_some() {
                    return Step::End(GapEnd::Redo);
                }
                let key = &src[j..end];
                if self.accepts(key) {
                    if h.value != key {
                        self.changes.push((j, end, h.value));
                        if self.makes_phrase(src, from, j, end) {
                            return Step::End(GapEnd::Redo);
                        }
                    }
                    self.mark_before(self.out.len());
                    for (off, w) in h.value.char_indices() {
                        let cp = w as u32;
                        self.write_char(j + off, cp, w.len_utf8(), self.t.get(cp), true);
                    }
                    return Step::Jump(end);
                }
            }
        }
        if e & IDS != 0 {
            let m = ids_len(&src[j..]);
            if m > 0 {
                // Copied whole; the vocabulary scan skips it too.
                self.mark_before(self.out.len());
                if self.want_cands {
                    self.cands.insert_if(self.out.len(), true);
                }
                self.out.push_str(&src[j..j + m]);
                return Step::Jump(j + m);
            }
        }
        Step::Plain
    }

    /// Whether the variant change just noted at `q0..q1` (the last of
    /// `changes`) may make a `TSPhrases` key match over it in the gap
    /// starting at `from`. Only a changed character that some phrase holds
    /// can; the check reads the text around the change with the changes so
    /// far applied (and the text as it is after it: a later change that
    /// completes a phrase is checked when it comes), and errs towards yes.
    fn makes_phrase(&mut self, src: &str, from: usize, q0: usize, q1: usize) -> bool {
        let value = self.changes.last().map_or("", |c| c.2);
        let key = &src[q0..q1];
        let t = self.t;
        let risky = value
            .char_indices()
            .zip(key.chars())
            .any(|((_, w), k)| w != k && t.get(w as u32) & IN_PHRASE != 0);
        if !risky {
            return false;
        }
        let reach = self.chain.phrase_bytes;
        let mut ws = q0.saturating_sub(reach).max(from);
        while !src.is_char_boundary(ws) {
            ws += 1;
        }
        let mut we = (q1 + reach).min(src.len());
        while !src.is_char_boundary(we) {
            we -= 1;
        }
        let mut win = std::mem::take(&mut self.mid);
        win.clear();
        let mut last = ws;
        for &(s, e, v) in self.changes.iter().filter(|c| c.0 >= ws) {
            win.push_str(&src[last..s]);
            win.push_str(v);
            last = e;
        }
        win.push_str(&src[last..we]);
        let mut risk = false;
        for (s, _) in win.char_indices() {
            if ws + s >= q1 {
                break;
            }
            if let Some(h) = self.chain.segmenter.match_at(&win[s..]) {
                if ws + s + h.key_len > q0 {
                    risk = true;
                    break;
                }
            }
        }
        self.mid = win;
        risk
    }

    /// The step-by-step variant step over the gap starting at `from`:
    /// finds its end and notes its changes; `None` as [`GapEnd::Compat`].
    fn gap_changes(&mut self, src: &str, from: usize) -> Option<usize> {
        let chain = self.chain;
        let b = src.as_bytes();
        let vflags = chain.variant_multi | chain.variant_single;
        let mut j = from;
        while j < b.len() {
            let (_, l, e) = self.t.at(b, j);
            if self.stop_at_compat && e & COMPAT != 0 {
                return None;
            }
            if j > from && e & PHRASE != 0 && chain.segmenter.match_at(&src[j..]).is_some() {
                return Some(j);
            }
            if e & vflags != 0 {
                if let Some(h) = chain.variants.match_at(&src[j..]) {
                    let end = j + h.key_len;
                    if let Some(p) = self.phrase_within(src, j + l, end) {
                        self.variants(src, j, p);
                        return Some(p);
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
                let m = ids_len(&src[j..]);
                if m > 0 {
                    j += m;
                    continue;
                }
            }
            j += l;
        }
        Some(b.len())
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
        let vflags = self.chain.variant_multi | self.chain.variant_single;
        let seg = &src[..to];
        let b = seg.as_bytes();
        let mut j = from;
        while j < to {
            let (_, l, e) = self.t.at(b, j);
            if e & vflags != 0 {
                if let Some(h) = self.chain.variants.match_at(&seg[j..]) {
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
                match t.value_cp(e) {
                    0 => self.out.push_str(t.value(e)),
                    v => self.out.push(ch(v)),
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

/// Runs the whole character chain on `text`, appending to `out` and `mb`;
/// with `cands`, also marks the output offsets where the Taiwan-vocabulary
/// scan has anything to do (characters with a flag of
/// [`CANDIDATE`](crate::table::CANDIDATE)).
pub(crate) fn convert_into(
    text: &str,
    convention: Convention,
    mode: Mode,
    out: &mut String,
    mb: &mut MapBuilder,
    cands: Option<&mut OffsetSet>,
) {
    convert_with(text, convention, mode, out, mb, cands, false);
}

fn convert_with(
    text: &str,
    convention: Convention,
    mode: Mode,
    out: &mut String,
    mb: &mut MapBuilder,
    cands: Option<&mut OffsetSet>,
    step_by_step: bool,
) {
    let start = out.len();
    convert_steps(text, convention, mode, out, mb, cands, step_by_step);
    // Replacements of the same shape are written as copies in the map.
    if out.as_bytes()[start..] != *text.as_bytes() {
        mb.mark_changed();
    }
}

fn convert_steps(
    text: &str,
    convention: Convention,
    mode: Mode,
    out: &mut String,
    mb: &mut MapBuilder,
    mut cands: Option<&mut OffsetSet>,
    step_by_step: bool,
) {
    let chain = chain(convention);
    let scan = |src: &str,
                out: &mut String,
                mb: &mut MapBuilder,
                mut cands: Option<&mut OffsetSet>,
                stop_at_compat: bool| {
        let mut s = Scan {
            t: table(),
            chain,
            mode,
            stop_at_compat,
            changes: Vec::new(),
            mid: String::new(),
            want_cands: cands.is_some(),
            cands: cands.as_deref_mut().map(std::mem::take).unwrap_or_default(),
            map_from: 0,
            step_by_step,
            out,
            mb,
        };
        let done = s.run(src);
        if let Some(c) = cands {
            *c = std::mem::take(&mut s.cands);
        }
        done
    };
    let (start, cp) = (out.len(), mb.checkpoint());
    if scan(text, out, mb, cands.as_deref_mut(), true) {
        return;
    }
    // Compatibility ideographs are unified over the whole text first.
    if let Some(c) = cands.as_deref_mut() {
        c.remove_range(start..out.len());
    }
    out.truncate(start);
    mb.rollback(cp);
    let (unified, compat_map) = unify_compat(text, chain, mode);
    let mut o = String::with_capacity(unified.len());
    let mut m = MapBuilder::new();
    scan(&unified, &mut o, &mut m, None, false);
    out.push_str(&o);
    mb.append(&compat_map.compose(&m.finish()));
    if let Some(c) = cands {
        crate::table::each_candidate(&out[start..], start, |p| c.insert_if(p, true));
    }
}

/// Bytes around a character mainland writing never uses within which a
/// replacement of the simplified-script mode can reach it: twice the
/// longest key of the variant, phrase and vocabulary dictionaries (twice,
/// because a replacement may shorten the text before it), computed by
/// `build.rs`.
fn fold_reach() -> usize {
    crate::generated::FOLD_REACH
}

/// [`convert_into`] with [`Mode::Foldable`] and [`Convention::Any`], for
/// simplified text. There only keys holding a character mainland writing
/// never uses are replaced, so the text is copied as it is except in
/// windows around such characters, each converted alone. A window starts
/// and ends right after a character no `TSPhrases` key holds: no segment
/// crosses such a point, and no variant, phrase or vocabulary match either
/// (one would need a foldable character within reach). `spans` (sorted,
/// not overlapping) hold every foldable character of `text`. Text with a
/// compatibility ideograph, or a description sequence near a window, is
/// converted whole.
#[cfg(test)]
pub(crate) fn convert_foldable_into(
    text: &str,
    spans: &[std::ops::Range<usize>],
    out: &mut String,
    mb: &mut MapBuilder,
    mut cands: Option<&mut OffsetSet>,
) {
    let Some(windows) = fold_windows(text, spans) else {
        return convert_into(text, Convention::Any, Mode::Foldable, out, mb, cands);
    };
    let mut done = 0;
    for w in windows {
        out.push_str(&text[done..w.start]);
        mb.copy(w.start - done);
        convert_into(
            &text[w.clone()],
            Convention::Any,
            Mode::Foldable,
            out,
            mb,
            cands.as_deref_mut(),
        );
        done = w.end;
    }
    out.push_str(&text[done..]);
    mb.copy(text.len() - done);
}

/// The windows of [`convert_foldable_into`] (sorted, apart), or `None`
/// where the text must be converted whole.
pub(crate) fn fold_windows(
    text: &str,
    spans: &[std::ops::Range<usize>],
) -> Option<Vec<std::ops::Range<usize>>> {
    let t = table();
    let b = text.as_bytes();
    let mut folds = Vec::new();
    for span in spans {
        let mut i = span.start;
        while i < span.end.min(b.len()) {
            if b[i] < 0x80 {
                i += 1;
                continue;
            }
            let (c, l) = decode(b, i);
            // Evidence classes: 1 traditional, 3 compatibility ideograph;
            // both foldable.
            match t.evidence_class(c) {
                1 => folds.push(i),
                3 => return None,
                _ => {}
            }
            i += l;
        }
    }
    // An ideographic description sequence (⿰…, U+2FF0-U+2FFF: E2 BF B0-BF)
    // is copied whole by every step; one reaching into a window would
    // change what the window may convert.
    let has_ids = |r: std::ops::Range<usize>| {
        b[r.start.min(b.len())..r.end.min(b.len())]
            .windows(3)
            .any(|w| w[0] == 0xE2 && w[1] == 0xBF && w[2] >= 0xB0)
    };
    let reach = fold_reach();
    // A point right after a character in no phrase (or a text end).
    let sync = |p: usize| {
        p == 0 || p == b.len() || {
            let mut q = p - 1;
            while !text.is_char_boundary(q) {
                q -= 1;
            }
            t.get(decode(b, q).0) & IN_PHRASE == 0
        }
    };
    let boundary_down = |mut p: usize| {
        while !text.is_char_boundary(p) {
            p -= 1;
        }
        p
    };
    let boundary_up = |mut p: usize| {
        while p < b.len() && !text.is_char_boundary(p) {
            p += 1;
        }
        p.min(b.len())
    };
    let mut windows = Vec::new();
    let mut done = 0;
    let mut k = 0;
    while k < folds.len() {
        let mut start = boundary_down(folds[k].saturating_sub(reach).max(done));
        while start > done && !sync(start) {
            start = boundary_down(start - 1);
        }
        let mut end;
        loop {
            let f = folds[k];
            end = boundary_up(f + reach);
            while !sync(end) {
                end = boundary_up(end + 1);
            }
            k += 1;
            // The next window would overlap: one window for both.
            if k < folds.len() && folds[k].saturating_sub(reach) <= end {
                continue;
            }
            break;
        }
        // A sequence is at most 64 characters long.
        if has_ids(start.saturating_sub(64 * 4)..end) {
            return None;
        }
        windows.push(start..end);
        done = end;
    }
    Some(windows)
}

/// Runs the whole character chain on `text`.
pub(crate) fn convert(text: &str, convention: Convention, mode: Mode) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut mb = MapBuilder::new();
    convert_into(text, convention, mode, &mut out, &mut mb, None);
    (out, mb.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::{VARIANT_HK, VARIANT_TW};

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
        let variant_dicts = [
            tw_variants_rev_phrases(),
            hk_variants_rev_phrases(),
            mainland_variant_blockers(),
            tw_variants_rev(),
            hk_variants_rev(),
        ];
        for lex in variant_dicts {
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
        // No key holds a description character or a compatibility
        // ideograph: the scan steps over neither inside a match.
        let t = table();
        for lex in std::iter::once(ts_phrases()).chain(variant_dicts) {
            for (k, _) in lex.entries() {
                let bad = IDS | COMPAT;
                assert!(k.chars().all(|c| t.get(c as u32) & bad == 0), "{k}");
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

    /// The chain done step by step, as OpenCC does it.
    fn convert_step_by_step(text: &str, convention: Convention, mode: Mode) -> (String, OffsetMap) {
        let mut out = String::new();
        let mut mb = MapBuilder::new();
        convert_with(text, convention, mode, &mut out, &mut mb, None, true);
        (out, mb.finish())
    }

    /// Pieces that exercise every path of the fast scan: phrases, variant
    /// phrases and characters (among them those that make a phrase, as
    /// 溫 in 溫昇豪 or 著 in 藉著), characters of another UTF-8 shape,
    /// compatibility ideographs, description sequences, ASCII.
    fn pieces() -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        for lex in [
            ts_phrases(),
            tw_variants_rev_phrases(),
            hk_variants_rev_phrases(),
            tw_variants_rev(),
            hk_variants_rev(),
            mainland_variant_blockers(),
            compat(),
            ts_characters_ext(),
        ] {
            let mut keys: Vec<&str> = lex.entries().map(|(k, _)| k).collect();
            keys.sort_unstable();
            v.extend(keys.iter().step_by(7).map(|k| k.to_string()));
            v.extend(
                keys.iter()
                    .step_by(11)
                    .flat_map(|k| k.chars().map(String::from)),
            );
        }
        for p in [
            "温昇豪",
            "藉著",
            "憑藉著",
            "⿰氵黃",
            "⿰",
            "a",
            "1 ",
            "。\n",
            "国",
            "中",
            "才",
        ] {
            v.push(p.to_string());
        }
        v
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]

        #[test]
        fn fast_scan_is_the_step_by_step_chain(
            picks in proptest::collection::vec(0usize..100_000, 0..16),
            conv in 0usize..4,
            foldable in proptest::bool::ANY,
        ) {
            let pool = pieces();
            let text: String = picks.iter().map(|&i| pool[i % pool.len()].as_str()).collect();
            let convention = [Convention::Opencc, Convention::Taiwan, Convention::HongKong, Convention::Any][conv];
            let mode = if foldable { Mode::Foldable } else { Mode::All };
            let (a, am) = convert(&text, convention, mode);
            let (b, bm) = convert_step_by_step(&text, convention, mode);
            proptest::prop_assert_eq!(a, b);
            proptest::prop_assert_eq!(am, bm);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Simplified text with a few foldable characters: converting only
        /// windows around them is converting the whole text.
        #[test]
        fn foldable_windows_are_the_whole_conversion(
            cuts in proptest::collection::vec((0usize..1_000_000, 0usize..400, 0usize..100_000), 1..6),
        ) {
            let sample = include_str!("../testdata/mainland_sample.txt");
            // Phrases whose conversion is not that of their characters, and
            // variant phrases that change something: where a window too
            // small would give another result.
            let t = table();
            let by_char = |k: &str| -> String {
                k.chars()
                    .map(|c| match t.value_cp(t.get(c as u32)) {
                        0 => c,
                        v => ch(v),
                    })
                    .collect()
            };
            let mut pool: Vec<String> = ts_phrases()
                .entries()
                .filter(|(k, v)| by_char(k) != *v)
                .map(|(k, _)| k.to_string())
                .collect();
            for lex in [tw_variants_rev_phrases(), hk_variants_rev_phrases()] {
                pool.extend(lex.entries().filter(|(k, v)| k != v).map(|(k, _)| k.to_string()));
            }
            pool.sort_unstable();
            pool.extend(pieces());
            let mut text = String::new();
            for (at, len, pick) in cuts {
                let mut a = at % sample.len();
                while !sample.is_char_boundary(a) {
                    a -= 1;
                }
                let mut z = (a + len).min(sample.len());
                while !sample.is_char_boundary(z) {
                    z -= 1;
                }
                text.push_str(&sample[a..z]);
                text.push_str(&pool[pick % pool.len()]);
            }
            let (mut a, mut b) = (String::new(), String::new());
            let (mut am, mut bm) = (MapBuilder::new(), MapBuilder::new());
            let (mut ac, mut bc) = (OffsetSet::default(), OffsetSet::default());
            let whole = 0..text.len();
            convert_foldable_into(&text, std::slice::from_ref(&whole), &mut a, &mut am, Some(&mut ac));
            convert_into(&text, Convention::Any, Mode::Foldable, &mut b, &mut bm, Some(&mut bc));
            let (am, bm) = (am.finish(), bm.finish());
            proptest::prop_assert_eq!(&a, &b);
            proptest::prop_assert_eq!(&am, &bm);
            // The vocabulary scan of simplified text (terms written in
            // traditional characters) finds the same terms either way.
            let vocab = crate::taiwan::vocab();
            let written_traditional = |x: usize, y: usize| {
                text.get(am.range_to_original(x..y))
                    .is_some_and(|s| s.chars().any(crate::is_traditional_char))
            };
            let (mut ar, mut br) = (Vec::new(), Vec::new());
            vocab.scan(&a, 0, ac.iter(0..a.len()), written_traditional, &mut ar);
            vocab.scan(&b, 0, bc.iter(0..b.len()), written_traditional, &mut br);
            proptest::prop_assert_eq!(ar, br);
        }
    }

    #[test]
    fn mainland_words_keep_their_zhu() {
        // Taiwan writes 著 for 着, so the variant step makes 著 着 outside
        // the words where mainland writing keeps it.
        let (t, _) = convert("成效卓著，見微知著，顯著，隨著", Convention::Any, Mode::All);
        assert_eq!(t, "成效卓著，见微知著，显著，随着");
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
