//! map: the decoded-to-original offset map ([`Decoded::map`]), built step by step while a
//! decoder goes, composed across decoding layers (charset, then markup), and read back
//! with [`Decoded::to_original`].
//!
//! Checkpoints are placed wherever the shape of the steps changes, so between two
//! checkpoints every character has the same (decoded width, original width); proportional
//! interpolation is then exact at character boundaries.

use crate::model::{Decoded, MapPoint};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    None,
    /// Text and source advance together (any width).
    Identity,
    /// Source dropped (markup, a BOM).
    ZeroText,
    /// Text with no source of its own.
    ZeroSrc,
    /// Every step makes `.0` text bytes from `.1` source bytes.
    Ratio(usize, usize),
}

/// Accumulates steps "`text` bytes of output came from `src` bytes of input".
#[derive(Debug)]
pub(crate) struct MapBuilder {
    points: Vec<MapPoint>,
    t: usize,
    b: usize,
    shape: Shape,
}

impl MapBuilder {
    pub(crate) fn new() -> Self {
        MapBuilder {
            points: Vec::new(),
            t: 0,
            b: 0,
            shape: Shape::None,
        }
    }

    #[inline]
    pub(crate) fn step(&mut self, text: usize, src: usize) {
        self.step_n(text, src, 1);
    }

    /// `n` steps of the same shape.
    pub(crate) fn step_n(&mut self, text: usize, src: usize, n: usize) {
        if (text == 0 && src == 0) || n == 0 {
            return;
        }
        let shape = if text == src {
            Shape::Identity
        } else if text == 0 {
            Shape::ZeroText
        } else if src == 0 {
            Shape::ZeroSrc
        } else {
            Shape::Ratio(text, src)
        };
        if shape != self.shape {
            self.points.push(MapPoint {
                text: self.t,
                byte: self.b,
            });
            self.shape = shape;
        }
        self.t += text * n;
        self.b += src * n;
    }

    /// The checkpoints; empty when the map is the identity.
    pub(crate) fn finish(mut self) -> Vec<MapPoint> {
        if !matches!(self.shape, Shape::Identity | Shape::None) {
            self.points.push(MapPoint {
                text: self.t,
                byte: self.b,
            });
        }
        simplify(self.points)
    }
}

/// Drops duplicate points and returns an empty map for the identity.
pub(crate) fn simplify(mut points: Vec<MapPoint>) -> Vec<MapPoint> {
    points.dedup();
    if points.iter().all(|p| p.text == p.byte) {
        points.clear();
    }
    points
}

/// Maps decoded offset `t` through `map`; among checkpoints at the same decoded offset the
/// last one counts (the position after dropped source).
pub(crate) fn map_start(map: &[MapPoint], t: usize) -> usize {
    if map.is_empty() {
        return t;
    }
    let i = map.partition_point(|p| p.text <= t);
    if i == 0 {
        let p = map[0];
        return p.byte.saturating_sub(p.text - t);
    }
    let p = map[i - 1];
    match map.get(i) {
        None => p.byte + (t - p.text),
        Some(q) => {
            let dt = (q.text - p.text) as u128;
            let db = q.byte.saturating_sub(p.byte) as u128;
            p.byte + (((t - p.text) as u128 * db) / dt) as usize
        }
    }
}

/// Like [`map_start`] but the first of several checkpoints at `t` counts (the position
/// before dropped source), for the end of a range.
pub(crate) fn map_end(map: &[MapPoint], t: usize) -> usize {
    let i = map.partition_point(|p| p.text < t);
    match map.get(i) {
        Some(p) if p.text == t => p.byte,
        _ => map_start(map, t),
    }
}

/// Composes `outer` (final text to intermediate text) with `inner` (intermediate text to
/// original bytes).
pub(crate) fn compose(outer: &[MapPoint], inner: &[MapPoint]) -> Vec<MapPoint> {
    if inner.is_empty() {
        return outer.to_vec();
    }
    if outer.is_empty() {
        return inner.to_vec();
    }
    let mut res = Vec::with_capacity(outer.len() + inner.len());
    // Before the first outer point the outer map is the identity.
    let first = outer[0];
    for ip in inner
        .iter()
        .take_while(|ip| ip.text < first.byte.min(first.text))
    {
        res.push(*ip);
    }
    for (k, p) in outer.iter().enumerate() {
        res.push(MapPoint {
            text: p.text,
            byte: map_start(inner, p.byte),
        });
        let next = outer.get(k + 1);
        let linear = match next {
            None => true,
            Some(q) => q.text - p.text == q.byte.saturating_sub(p.byte),
        };
        if linear {
            let hi = next.map_or(usize::MAX, |q| q.byte);
            let from = inner.partition_point(|ip| ip.text <= p.byte);
            for ip in inner[from..].iter().take_while(|ip| ip.text < hi) {
                res.push(MapPoint {
                    text: p.text + (ip.text - p.byte),
                    byte: ip.byte,
                });
            }
        }
    }
    simplify(res)
}

impl Decoded {
    /// The byte offset in the original file of decoded offset `text_offset` (the start of
    /// whatever begins there, after any markup dropped at that point).
    pub fn to_original(&self, text_offset: usize) -> usize {
        map_start(&self.map, text_offset)
    }

    /// The original byte range a decoded range came from; its end stops before markup
    /// dropped right after the range.
    pub fn to_original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = map_start(&self.map, range.start);
        let end = map_end(&self.map, range.end).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pts(v: &[(usize, usize)]) -> Vec<MapPoint> {
        v.iter()
            .map(|&(text, byte)| MapPoint { text, byte })
            .collect()
    }

    #[test]
    fn identity_is_empty() {
        let mut m = MapBuilder::new();
        m.step(5, 5);
        m.step(3, 3);
        assert!(m.finish().is_empty());
    }

    #[test]
    fn bom_and_ratio_runs() {
        let mut m = MapBuilder::new();
        m.step(0, 3); // BOM
        m.step(2, 2); // "ab"
        m.step(3, 2); // a Han char from two GBK bytes
        m.step(3, 2);
        m.step(1, 1);
        let map = m.finish();
        assert_eq!(map, pts(&[(0, 0), (0, 3), (2, 5), (8, 9)]));
        assert_eq!(map_start(&map, 0), 3);
        assert_eq!(map_end(&map, 0), 0);
        assert_eq!(map_start(&map, 5), 7);
        assert_eq!(map_start(&map, 8), 9);
        assert_eq!(map_start(&map, 9), 10);
    }

    #[test]
    fn composition_keeps_inner_detail_inside_copied_spans() {
        // Inner: GBK "ab中" (2 ASCII then 2 bytes -> 3).
        let inner = pts(&[(0, 0), (2, 2), (5, 4)]);
        // Outer: "<p>" dropped at 0..3 of the intermediate text, then "ab中" copied.
        let outer = pts(&[(0, 0), (0, 3)]);
        let c = compose(&outer, &inner);
        // Intermediate 3..8 has inner points at 2 and 5 only; 3 maps to byte 2 + 2/3*1.
        assert_eq!(map_start(&c, 0), map_start(&inner, 3));
        let outer = pts(&[(0, 0), (0, 2)]); // drop "ab", copy "中"
        let c = compose(&outer, &inner);
        assert_eq!(map_start(&c, 0), 2);
        assert_eq!(map_start(&c, 3), 4);
    }
}
