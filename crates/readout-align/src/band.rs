//! The search band for the aligner: a first pass finds anchor pairs (a Chinese sentence
//! whose rare words are translated in exactly one English sentence), keeps the heaviest
//! chain of anchors that runs forward in both texts, and draws the band around the path
//! through them. Between anchors the band widens with the gap, so a long run of
//! omitted sentences stays inside it, while its total size stays linear in the text.

use rustc_hash::FxHashMap;

use crate::features::{EnSent, ZhSent, NO_ID};

/// Band rows: for Chinese position `i` (0..=n_zh), English positions `lo[i]..=hi[i]`.
#[derive(Debug, Clone)]
pub(crate) struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
}

/// Tunables of the first pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct BandParams {
    /// Least evidence (sum of log odds of rare shared items) for an anchor.
    pub min_anchor: f32,
    /// How much better than the runner-up the anchor's English sentence must be.
    pub margin: f32,
    /// Half-width of the band at an anchor.
    pub radius: usize,
    /// Extra half-width per sentence of gap between anchors.
    pub gap_factor: f32,
    /// Largest half-width, so time and memory stay linear.
    pub max_radius: usize,
}

/// Anchor candidates: (zh sentence, en sentence, weight).
pub(crate) fn anchors(zh: &[ZhSent], en: &[EnSent], p: &BandParams) -> Vec<(usize, usize, f32)> {
    let n_en = en.len();
    let rare_limit = ((n_en as f32 * 0.02) as usize).max(3);
    let mut postings: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (t, s) in en.iter().enumerate() {
        for it in &s.items {
            for &id in &it.ids {
                if id != NO_ID {
                    let list = postings.entry(id).or_default();
                    if list.last() != Some(&(t as u32)) {
                        list.push(t as u32);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut acc: FxHashMap<u32, f32> = FxHashMap::default();
    // Candidates are sought near the proportional position, so text that recurs far
    // away (a repeated passage, a second copy) cannot take the anchor.
    let window = n_en as f32 * 0.15 + 30.0;
    let scale = n_en as f32 / zh.len().max(1) as f32;
    for (s, z) in zh.iter().enumerate() {
        acc.clear();
        let expected = s as f32 * scale;
        for it in &z.items {
            let df = (it.chance * n_en as f32).round() as usize;
            if df == 0 || df > rare_limit {
                continue;
            }
            let w = (1.0 / it.chance.max(1e-6)).ln();
            // Each English sentence is credited once per item, whichever id it holds.
            let mut hit: Vec<u32> = Vec::new();
            for id in &it.ids {
                if let Some(list) = postings.get(id) {
                    hit.extend_from_slice(list);
                }
            }
            hit.sort_unstable();
            hit.dedup();
            for t in hit {
                if (t as f32 - expected).abs() <= window {
                    *acc.entry(t).or_default() += w;
                }
            }
        }
        let mut best = (0u32, 0.0f32);
        let mut second = 0.0f32;
        for (&t, &v) in &acc {
            if v > best.1 || (v == best.1 && t < best.0) {
                second = second.max(best.1);
                best = (t, v);
            } else if v > second {
                second = v;
            }
        }
        if best.1 >= p.min_anchor && best.1 - second >= p.margin {
            out.push((s, best.0 as usize, best.1 - second));
        }
    }
    out
}

/// The heaviest chain of anchors increasing strictly in both coordinates (weighted
/// longest increasing subsequence with a Fenwick tree of prefix maxima).
pub(crate) fn chain(mut anchors: Vec<(usize, usize, f32)>, n_en: usize) -> Vec<(usize, usize)> {
    if anchors.is_empty() {
        return Vec::new();
    }
    // Same Chinese sentence: larger English index first so two of them never chain.
    anchors.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let size = n_en + 1;
    let mut tree: Vec<(f32, usize)> = vec![(0.0, usize::MAX); size + 1];
    let mut best: Vec<(f32, usize)> = Vec::with_capacity(anchors.len());
    for (k, &(_, t, w)) in anchors.iter().enumerate() {
        // Query the best chain ending at an English index < t.
        let mut q = (0.0f32, usize::MAX);
        let mut i = t; // positions 1..=t hold English indices 0..t
        while i > 0 {
            if tree[i].0 > q.0 {
                q = tree[i];
            }
            i &= i - 1;
        }
        let value = q.0 + w;
        best.push((value, q.1));
        let mut i = t + 1;
        while i <= size {
            if value > tree[i].0 {
                tree[i] = (value, k);
            }
            i += i & i.wrapping_neg();
        }
    }
    let mut end = 0;
    for k in 1..best.len() {
        if best[k].0 > best[end].0 {
            end = k;
        }
    }
    let mut out = Vec::new();
    let mut k = end;
    loop {
        out.push((anchors[k].0, anchors[k].1));
        match best[k].1 {
            usize::MAX => break,
            prev => k = prev,
        }
    }
    out.reverse();
    out
}

/// The band around the anchor path.
pub(crate) fn band(n_zh: usize, n_en: usize, path: &[(usize, usize)], p: &BandParams) -> Band {
    // Fixed points: the corners and every anchor (an anchor (s, t) puts the path through
    // (s, t) and (s + 1, t + 1)).
    let mut points: Vec<(usize, usize)> = vec![(0, 0)];
    for &(s, t) in path {
        let last = *points.last().unwrap_or(&(0, 0));
        if s >= last.0 && t >= last.1 && (s, t) != last {
            points.push((s, t));
        }
        points.push((s + 1, t + 1));
    }
    if points.last() != Some(&(n_zh, n_en)) {
        points.push((n_zh, n_en));
    }
    let mut lo = vec![usize::MAX; n_zh + 1];
    let mut hi = vec![0usize; n_zh + 1];
    for w in points.windows(2) {
        let (s1, t1) = w[0];
        let (s2, t2) = w[1];
        let dz = s2.saturating_sub(s1);
        let de = t2.saturating_sub(t1);
        let r = (p.radius as f32 + p.gap_factor * dz.max(de) as f32) as usize;
        let r = r.min(p.max_radius) as f32;
        for i in s1..=s2.min(n_zh) {
            let (c_lo, c_hi) = if dz == 0 {
                (t1 as f32, t2 as f32)
            } else {
                let c = t1 as f32 + (i - s1) as f32 * de as f32 / dz as f32;
                (c, c)
            };
            let l = (c_lo - r).max(0.0) as usize;
            let h = ((c_hi + r).ceil() as usize).min(n_en);
            lo[i] = lo[i].min(l);
            hi[i] = hi[i].max(h);
        }
    }
    for i in 0..=n_zh {
        if lo[i] > hi[i] {
            lo[i] = 0;
            hi[i] = n_en;
        }
    }
    // Make the band monotone and connected so a path from (0,0) to the end exists.
    lo[0] = 0;
    hi[n_zh] = n_en;
    for i in (0..n_zh).rev() {
        lo[i] = lo[i].min(lo[i + 1]);
    }
    for i in 1..=n_zh {
        hi[i] = hi[i].max(hi[i - 1]);
    }
    for i in 1..=n_zh {
        lo[i] = lo[i].min(hi[i - 1]);
    }
    Band { lo, hi }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_keeps_the_heaviest_monotone_anchors() {
        let anchors = vec![
            (0, 0, 1.0),
            (1, 5, 1.0),
            (2, 2, 1.0),
            (3, 3, 1.0),
            (4, 1, 0.5),
        ];
        assert_eq!(chain(anchors, 6), vec![(0, 0), (2, 2), (3, 3)]);
    }

    #[test]
    fn band_is_monotone_connected_and_bounded() {
        let p = BandParams {
            min_anchor: 0.0,
            margin: 0.0,
            radius: 2,
            gap_factor: 0.5,
            max_radius: 10,
        };
        let b = band(100, 80, &[(10, 8), (50, 45), (90, 70)], &p);
        assert_eq!(b.lo[0], 0);
        assert_eq!(b.hi[100], 80);
        for i in 0..100 {
            assert!(b.lo[i] <= b.lo[i + 1]);
            assert!(b.hi[i] <= b.hi[i + 1]);
            assert!(b.lo[i + 1] <= b.hi[i]);
            assert!(b.hi[i] - b.lo[i] <= 2 * 10 + 1);
        }
        // The anchors are inside the band.
        assert!(b.lo[50] <= 45 && 45 <= b.hi[50]);
    }
}
