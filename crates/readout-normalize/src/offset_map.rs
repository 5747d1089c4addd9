//! Offset map from a normalized view back to the text it was made from.
//!
//! The normalized text is covered by consecutive spans. An *exact* span was
//! copied (or replaced by something with the same UTF-8 shape), so every byte
//! maps to the byte at the same distance in the original. An *atomic* span
//! replaced one original range by a text of another length or character
//! count: its interior has no finer correspondence, so offsets inside it snap
//! outward to the whole original range (start to the range's start, end to
//! its end). Maps compose, so a chain of stages yields one map.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One span of the map; `norm_start`/`orig_start` are byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub norm_start: usize,
    pub norm_len: usize,
    pub orig_start: usize,
    pub orig_len: usize,
    /// Byte-for-byte correspondence (`norm_len == orig_len`).
    pub exact: bool,
}

impl Span {
    fn norm_end(&self) -> usize {
        self.norm_start + self.norm_len
    }
    fn orig_end(&self) -> usize {
        self.orig_start + self.orig_len
    }
}

/// Map from byte offsets of a normalized text to byte offsets of its original.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OffsetMap {
    spans: Vec<Span>,
    norm_len: usize,
    orig_len: usize,
    /// Some byte differs from the original (a replacement of the same
    /// UTF-8 shape, 國 → 国, keeps every span exact but changes the text).
    #[serde(default)]
    changed: bool,
}

impl OffsetMap {
    /// The identity map of a text of `len` bytes.
    pub fn identity(len: usize) -> Self {
        let mut b = MapBuilder::new();
        b.copy(len);
        b.finish()
    }

    /// Length in bytes of the normalized text.
    pub fn norm_len(&self) -> usize {
        self.norm_len
    }

    /// Length in bytes of the original text.
    pub fn orig_len(&self) -> usize {
        self.orig_len
    }

    /// True when every normalized byte is the original byte at the same offset.
    pub fn is_identity(&self) -> bool {
        !self.changed && self.norm_len == self.orig_len && self.spans.iter().all(|s| s.exact)
    }

    /// The spans, in order, covering the normalized text.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The atomic spans only: where the normalized text differs in shape.
    pub fn changed_spans(&self) -> impl Iterator<Item = &Span> {
        self.spans.iter().filter(|s| !s.exact)
    }

    fn span_index(&self, n: usize) -> Option<usize> {
        // Last span whose start is <= n.
        let i = self.spans.partition_point(|s| s.norm_start <= n);
        if i == 0 {
            None
        } else {
            Some(i - 1)
        }
    }

    /// Original offset for normalized offset `n`, snapping an offset inside an
    /// atomic span to the span's original start. Offsets past the end clamp.
    pub fn to_original(&self, n: usize) -> usize {
        self.floor(n)
    }

    /// Like [`to_original`](Self::to_original) but an offset inside an atomic
    /// span snaps to the span's original end.
    pub fn to_original_ceil(&self, n: usize) -> usize {
        self.ceil(n)
    }

    /// Original range covering the normalized range `r` (endpoints snap outward).
    pub fn range_to_original(&self, r: Range<usize>) -> Range<usize> {
        let start = self.floor(r.start);
        let end = self.ceil(r.end.max(r.start));
        start..end.max(start)
    }

    pub(crate) fn floor(&self, n: usize) -> usize {
        if n >= self.norm_len {
            return self.orig_len;
        }
        match self.span_index(n) {
            None => 0,
            Some(i) => {
                let s = &self.spans[i];
                if s.exact {
                    s.orig_start + (n - s.norm_start)
                } else {
                    s.orig_start
                }
            }
        }
    }

    pub(crate) fn ceil(&self, n: usize) -> usize {
        if n >= self.norm_len {
            return self.orig_len;
        }
        match self.span_index(n) {
            None => 0,
            Some(i) => {
                let s = &self.spans[i];
                if s.exact || n == s.norm_start {
                    s.orig_start + (n - s.norm_start)
                } else {
                    s.orig_end()
                }
            }
        }
    }

    /// Composes `self` (mid → orig) after `inner` (norm → mid): the result
    /// maps offsets of `inner`'s normalized text to `self`'s original.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        if inner.is_identity() {
            return self.clone();
        }
        if self.is_identity() {
            return inner.clone();
        }
        // Candidate boundaries: inner's span boundaries, plus the preimages
        // of self's boundaries that fall inside inner's exact spans.
        let mut cuts: Vec<usize> = Vec::with_capacity(inner.spans.len() * 2 + 2);
        let outer = &self.spans;
        let mut j = 0usize;
        for s in &inner.spans {
            cuts.push(s.norm_start);
            if s.exact {
                let (m0, m1) = (s.orig_start, s.orig_end());
                while j < outer.len() && outer[j].norm_start <= m0 {
                    j += 1;
                }
                let mut k = j;
                while k < outer.len() && outer[k].norm_start < m1 {
                    cuts.push(s.norm_start + (outer[k].norm_start - m0));
                    k += 1;
                }
            }
        }
        cuts.push(inner.norm_len);
        cuts.dedup();
        let lo = |n: usize| self.floor(inner.floor(n));
        let hi = |n: usize| self.ceil(inner.ceil(n));
        let mut spans: Vec<Span> = Vec::new();
        let mut piece_start = 0usize;
        let mut piece_exact = true;
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            if a == b {
                continue;
            }
            // Is [a, b) exact in both maps?
            let ex = {
                let i = inner.span_index(a).map(|i| inner.spans[i]);
                match i {
                    Some(si) if si.exact => {
                        let m = si.orig_start + (a - si.norm_start);
                        match self.span_index(m).map(|k| self.spans[k]) {
                            Some(so) => so.exact && m + (b - a) <= so.norm_end(),
                            None => false,
                        }
                    }
                    _ => false,
                }
            };
            piece_exact &= ex;
            let clean = b == inner.norm_len || lo(b) == hi(b);
            if clean {
                let (o0, o1) = (lo(piece_start), lo(b).max(lo(piece_start)));
                let o1 = if b == inner.norm_len {
                    self.orig_len
                } else {
                    o1
                };
                let span = Span {
                    norm_start: piece_start,
                    norm_len: b - piece_start,
                    orig_start: o0,
                    orig_len: o1 - o0,
                    exact: piece_exact && (b - piece_start) == (o1 - o0),
                };
                push_span(&mut spans, span);
                piece_start = b;
                piece_exact = true;
            }
        }
        OffsetMap {
            spans,
            norm_len: inner.norm_len,
            orig_len: self.orig_len,
            changed: self.changed || inner.changed,
        }
    }
}

fn push_span(spans: &mut Vec<Span>, s: Span) {
    if s.norm_len == 0 && s.orig_len == 0 {
        return;
    }
    if let Some(last) = spans.last_mut() {
        if last.exact && s.exact {
            last.norm_len += s.norm_len;
            last.orig_len += s.orig_len;
            return;
        }
        // An empty side cannot stand alone: fold it into its neighbour.
        if s.norm_len == 0 || s.orig_len == 0 || last.norm_len == 0 || last.orig_len == 0 {
            last.norm_len += s.norm_len;
            last.orig_len += s.orig_len;
            last.exact = false;
            return;
        }
    }
    spans.push(s);
}

/// A saved state of a [`MapBuilder`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Checkpoint {
    spans: usize,
    last: Option<Span>,
    norm: usize,
    orig: usize,
    changed: bool,
}

/// Builds a map while a stage writes its output left to right.
#[derive(Debug, Default)]
pub(crate) struct MapBuilder {
    spans: Vec<Span>,
    norm: usize,
    orig: usize,
    changed: bool,
}

impl MapBuilder {
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// `len` bytes copied unchanged.
    pub(crate) fn copy(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        push_span(
            &mut self.spans,
            Span {
                norm_start: self.norm,
                norm_len: len,
                orig_start: self.orig,
                orig_len: len,
                exact: true,
            },
        );
        self.norm += len;
        self.orig += len;
    }

    /// `from` (original) replaced by `to`. Same UTF-8 shape keeps the byte
    /// correspondence; anything else becomes one atomic span.
    pub(crate) fn replace(&mut self, from: &str, to: &str) {
        self.changed |= from != to;
        let exact = from.len() == to.len()
            && from
                .chars()
                .map(char::len_utf8)
                .eq(to.chars().map(char::len_utf8));
        push_span(
            &mut self.spans,
            Span {
                norm_start: self.norm,
                norm_len: to.len(),
                orig_start: self.orig,
                orig_len: from.len(),
                exact,
            },
        );
        self.norm += to.len();
        self.orig += from.len();
    }

    /// The state to come back to with [`rollback`](Self::rollback).
    pub(crate) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            spans: self.spans.len(),
            last: self.spans.last().copied(),
            norm: self.norm,
            orig: self.orig,
            changed: self.changed,
        }
    }

    /// Forgets everything added since `cp` was taken (building only ever
    /// grows the last span or adds new ones).
    pub(crate) fn rollback(&mut self, cp: Checkpoint) {
        self.spans.truncate(cp.spans);
        if let (Some(last), Some(saved)) = (self.spans.last_mut(), cp.last) {
            *last = saved;
        }
        self.norm = cp.norm;
        self.orig = cp.orig;
        self.changed = cp.changed;
    }

    /// Notes that the text changed where the map does not show it (a
    /// replacement of the same shape written as a copy).
    pub(crate) fn mark_changed(&mut self) {
        self.changed = true;
    }

    /// A whole map appended (its text follows what was built so far).
    pub(crate) fn append(&mut self, map: &OffsetMap) {
        self.changed |= map.changed;
        for s in &map.spans {
            let shifted = Span {
                norm_start: s.norm_start + self.norm,
                orig_start: s.orig_start + self.orig,
                ..*s
            };
            push_span(&mut self.spans, shifted);
        }
        self.norm += map.norm_len;
        self.orig += map.orig_len;
    }

    pub(crate) fn finish(self) -> OffsetMap {
        OffsetMap {
            spans: self.spans,
            norm_len: self.norm,
            orig_len: self.orig,
            changed: self.changed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(parts: &[(&str, &str)]) -> OffsetMap {
        let mut b = MapBuilder::new();
        for (from, to) in parts {
            if from == to {
                b.copy(from.len());
            } else {
                b.replace(from, to);
            }
        }
        b.finish()
    }

    #[test]
    fn identity_maps_each_offset_to_itself() {
        let m = OffsetMap::identity(9);
        assert!(m.is_identity());
        for n in 0..=9 {
            assert_eq!(m.to_original(n), n);
        }
    }

    #[test]
    fn shorter_replacement_is_atomic() {
        // "ab" + 3-char phrase (9 bytes) -> 2 chars (6 bytes) + "c"
        let m = build(&[("ab", "ab"), ("迴圈圈", "循环"), ("c", "c")]);
        assert!(!m.is_identity());
        assert_eq!(m.norm_len(), 2 + 6 + 1);
        assert_eq!(m.orig_len(), 2 + 9 + 1);
        assert_eq!(m.to_original(2), 2);
        assert_eq!(m.to_original(5), 2);
        assert_eq!(m.to_original_ceil(5), 11);
        assert_eq!(m.to_original(8), 11);
        assert_eq!(m.range_to_original(3..5), 2..11);
        assert_eq!(m.range_to_original(0..9), 0..12);
    }

    #[test]
    fn same_shape_replacement_stays_exact() {
        let m = build(&[("國家", "国家")]);
        assert!(m.spans().iter().all(|s| s.exact));
        assert_eq!(m.to_original(3), 3);
        // Exact offsets, but not the same text.
        assert!(!m.is_identity());
        assert!(build(&[("国家", "国家")]).is_identity());
    }

    #[test]
    fn compose_chains_two_stages() {
        // orig "xABy" -> mid "xCy" (AB->C atomic) -> norm "xDDy" (C->DD atomic)
        let a = build(&[("x", "x"), ("AB", "C"), ("y", "y")]);
        let b = build(&[("x", "x"), ("C", "DD"), ("y", "y")]);
        let c = a.compose(&b);
        assert_eq!(c.norm_len(), 4);
        assert_eq!(c.orig_len(), 4);
        assert_eq!(c.range_to_original(1..3), 1..3);
        assert_eq!(c.range_to_original(2..3), 1..3);
        assert_eq!(c.to_original(3), 3);
        assert!(!c.is_identity());
    }

    #[test]
    fn compose_merges_overlapping_atomic_spans() {
        // orig "ABCD" -> mid "XYD" (ABC->XY) -> norm "XZ" (YD->Z)
        let a = build(&[("ABC", "XY"), ("D", "D")]);
        let b = build(&[("X", "X"), ("YD", "Z")]);
        let c = a.compose(&b);
        assert_eq!(c.norm_len(), 2);
        assert_eq!(c.orig_len(), 4);
        // "X" and "Z" both depend on "ABC": no clean cut between them.
        assert_eq!(c.to_original(1), 0);
        assert_eq!(c.to_original_ceil(1), 4);
        assert_eq!(c.range_to_original(0..2), 0..4);
    }
}
