//! What changed between two readouts in one language (Chinese with Chinese): their
//! sentences aligned in order, reworded sentences paired, and inside each pair the
//! characters that changed.
//!
//! Sentences are compared by the Dice overlap of their character bigrams (punctuation
//! and spaces left out; the caller passes the mainland-simplified view, so scripts do
//! not matter). The pairing is a monotone alignment by dynamic programming that
//! maximises the summed overlap above [`PAIR_FLOOR`] (so a pair counts only when the
//! two sentences share more than a little wording); sentences the order leaves unpaired
//! are then paired out of order when they overlap by [`MOVED_FLOOR`] or more (a
//! paragraph moved up). Inside a pair, a character-level longest common subsequence
//! gives the changes; one-character islands of agreement between two changes are
//! folded into the change, so a reworded phrase reads as one change, not as confetti.
//!
//! Pure: strings in, indices and character ranges out.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// Overlap above which two sentences may pair in order.
pub const PAIR_FLOOR: f32 = 0.3;
/// Overlap from which two sentences left unpaired pair out of order. Between the
/// April and July 2023 economy meetings the moved sentences that keep their point
/// (稳住外贸外资基本盘, 迎峰度夏电力供应) overlap 0.38 to 0.42, the best partners of
/// sentences that say something else 0.3 or less.
pub const MOVED_FLOOR: f32 = 0.35;
/// Most sentences of each side aligned by the dynamic program (its cost is the
/// product); beyond this, the rest are listed unpaired.
pub const MAX_SENTENCES: usize = 3000;
/// Longest sentence (characters) diffed character by character; a longer pair is
/// marked changed as a whole where it differs.
pub const MAX_DIFF_CHARS: usize = 4000;

/// One row of the comparison: a sentence of A, of B, or one of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub a: Option<usize>,
    pub b: Option<usize>,
    /// Bigram overlap of the pair (0 for a sentence alone).
    pub overlap: f32,
    /// Paired out of order (the sentence moved).
    pub moved: bool,
}

impl Row {
    /// Both sides present and written alike.
    pub fn same(&self) -> bool {
        self.a.is_some() && self.b.is_some() && self.overlap >= 0.999
    }
}

/// A stretch of a pair's characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The same in both: characters of A and of B.
    Same(Range<usize>, Range<usize>),
    /// Only in A (taken out).
    Removed(Range<usize>),
    /// Only in B (put in).
    Added(Range<usize>),
}

/// The character bigrams of a sentence, punctuation and spaces left out.
pub fn bigrams(s: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if chars.len() == 1 {
        return HashSet::from([(chars[0], '\0')]);
    }
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Dice overlap of two bigram sets (0 when either is empty).
pub fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = small.iter().filter(|g| large.contains(g)).count();
    2.0 * common as f32 / (a.len() + b.len()) as f32
}

/// Bigram weights from a pool of short texts (titles of one kind of event): a bigram
/// found in every text of the pool weighs little, one found in few weighs much
/// (smoothed inverse document frequency, `ln((n + 1) / df)`). Stock wording that every
/// title of a kind carries (中共中央政治局召开会议…) then hardly counts, and two titles
/// alike only in it do not read as being about the same thing.
pub struct GramWeights {
    df: HashMap<(char, char), usize>,
    n: usize,
}

impl GramWeights {
    /// The weights of the pool's bigram sets.
    pub fn new<'a>(pool: impl IntoIterator<Item = &'a HashSet<(char, char)>>) -> Self {
        let mut df: HashMap<(char, char), usize> = HashMap::new();
        let mut n = 0;
        for grams in pool {
            n += 1;
            for g in grams {
                *df.entry(*g).or_default() += 1;
            }
        }
        GramWeights { df, n }
    }

    /// The weight of one bigram (a bigram outside the pool counts as rare).
    pub fn weight(&self, g: &(char, char)) -> f32 {
        let df = self.df.get(g).copied().unwrap_or(1).max(1);
        ((self.n + 1) as f32 / df as f32).ln()
    }

    /// Dice overlap with every bigram counted at its weight (0 when either is empty).
    pub fn dice(&self, a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f32 {
        let total: f32 = a.iter().chain(b).map(|g| self.weight(g)).sum();
        if a.is_empty() || b.is_empty() || total <= 0.0 {
            return 0.0;
        }
        let common: f32 = a.intersection(b).map(|g| self.weight(g)).sum();
        2.0 * common / total
    }
}

/// Aligns the sentences of A with those of B: rows in reading order (B's order, with
/// A's unpaired sentences where they stood).
pub fn align_sentences(a: &[&str], b: &[&str]) -> Vec<Row> {
    let n = a.len().min(MAX_SENTENCES);
    let m = b.len().min(MAX_SENTENCES);
    let ga: Vec<HashSet<(char, char)>> = a[..n].iter().map(|s| bigrams(s)).collect();
    let gb: Vec<HashSet<(char, char)>> = b[..m].iter().map(|s| bigrams(s)).collect();
    let sim = |i: usize, j: usize| dice(&ga[i], &gb[j]);
    // best[i][j]: the best score aligning a[i..] with b[j..]; moves: skip a, skip b, pair.
    let w = m + 1;
    let mut best = vec![0f32; (n + 1) * w];
    let mut sims = vec![0f32; n * m];
    for i in 0..n {
        for j in 0..m {
            sims[i * m + j] = sim(i, j);
        }
    }
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let s = sims[i * m + j];
            let pair = if s > PAIR_FLOOR {
                best[(i + 1) * w + j + 1] + (s - PAIR_FLOOR)
            } else {
                f32::MIN
            };
            let skip_a = best[(i + 1) * w + j];
            let skip_b = best[i * w + j + 1];
            best[i * w + j] = pair.max(skip_a).max(skip_b);
        }
    }
    // Walk the best path.
    let mut paired_a: Vec<Option<usize>> = vec![None; n];
    let mut paired_b: Vec<Option<usize>> = vec![None; m];
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        let s = sims[i * m + j];
        let here = best[i * w + j];
        if s > PAIR_FLOOR && (here - (best[(i + 1) * w + j + 1] + (s - PAIR_FLOOR))).abs() < 1e-6 {
            paired_a[i] = Some(j);
            paired_b[j] = Some(i);
            i += 1;
            j += 1;
        } else if (here - best[(i + 1) * w + j]).abs() < 1e-6 {
            i += 1;
        } else {
            j += 1;
        }
    }
    // Out of order: the best remaining partner, when close enough.
    let mut moved: Vec<bool> = vec![false; m];
    let mut candidates: Vec<(f32, usize, usize)> = Vec::new();
    for (i, pa) in paired_a.iter().enumerate() {
        if pa.is_some() {
            continue;
        }
        for (j, pb) in paired_b.iter().enumerate() {
            if pb.is_none() {
                let s = sims[i * m + j];
                if s >= MOVED_FLOOR {
                    candidates.push((s, i, j));
                }
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    for (_, i, j) in candidates {
        if paired_a[i].is_none() && paired_b[j].is_none() {
            paired_a[i] = Some(j);
            paired_b[j] = Some(i);
            moved[j] = true;
        }
    }
    // Rows: walk B; before each in-order pair, A's sentences not yet shown that stand
    // before its partner.
    let mut rows = Vec::with_capacity(n.max(m));
    let mut next_a = 0;
    let flush_a = |upto: usize, next_a: &mut usize, rows: &mut Vec<Row>| {
        while *next_a < upto {
            if paired_a[*next_a].is_none() {
                rows.push(Row {
                    a: Some(*next_a),
                    b: None,
                    overlap: 0.0,
                    moved: false,
                });
            }
            *next_a += 1;
        }
    };
    for j in 0..m {
        match paired_b[j] {
            Some(i) if !moved[j] => {
                flush_a(i, &mut next_a, &mut rows);
                rows.push(Row {
                    a: Some(i),
                    b: Some(j),
                    overlap: sims[i * m + j],
                    moved: false,
                });
                next_a = next_a.max(i + 1);
            }
            Some(i) => rows.push(Row {
                a: Some(i),
                b: Some(j),
                overlap: sims[i * m + j],
                moved: true,
            }),
            None => rows.push(Row {
                a: None,
                b: Some(j),
                overlap: 0.0,
                moved: false,
            }),
        }
    }
    flush_a(n, &mut next_a, &mut rows);
    // Sentences past the cap, unpaired.
    rows.extend((n..a.len()).map(|i| Row {
        a: Some(i),
        b: None,
        overlap: 0.0,
        moved: false,
    }));
    rows.extend((m..b.len()).map(|j| Row {
        a: None,
        b: Some(j),
        overlap: 0.0,
        moved: false,
    }));
    rows
}

/// The changes that turn sentence `a` into sentence `b`, in order, in characters.
pub fn diff_chars(a: &str, b: &str) -> Vec<Change> {
    let ca: Vec<char> = a.chars().collect();
    let cb: Vec<char> = b.chars().collect();
    let (n, m) = (ca.len(), cb.len());
    if ca == cb {
        return if n == 0 {
            Vec::new()
        } else {
            vec![Change::Same(0..n, 0..m)]
        };
    }
    // Common prefix and suffix first: most pairs change in one place.
    let pre = ca.iter().zip(&cb).take_while(|(x, y)| x == y).count();
    let suf = ca[pre..]
        .iter()
        .rev()
        .zip(cb[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a_mid, b_mid) = (&ca[pre..n - suf], &cb[pre..m - suf]);
    let mut ops: Vec<Op> = Vec::new();
    ops.extend(std::iter::repeat_n(Op::Same, pre));
    if a_mid.len().max(b_mid.len()) > MAX_DIFF_CHARS {
        ops.extend(std::iter::repeat_n(Op::Removed, a_mid.len()));
        ops.extend(std::iter::repeat_n(Op::Added, b_mid.len()));
    } else {
        ops.extend(lcs_ops(a_mid, b_mid));
    }
    ops.extend(std::iter::repeat_n(Op::Same, suf));
    fold_islands(&mut ops);
    runs(&ops)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// Edit operations of a longest common subsequence of `a` and `b` (removals before
/// additions within a change).
fn lcs_ops(a: &[char], b: &[char]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut len = vec![0u32; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i * w + j] = if a[i] == b[j] {
                len[(i + 1) * w + j + 1] + 1
            } else {
                len[(i + 1) * w + j].max(len[i * w + j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if i < n && (j == m || len[(i + 1) * w + j] >= len[i * w + j + 1]) {
            ops.push(Op::Removed);
            i += 1;
        } else {
            ops.push(Op::Added);
            j += 1;
        }
    }
    ops
}

/// A single character the same between two changes joins them (removed and put back),
/// so 稳健 → 适度宽松 is one change even where the two share a character by chance.
fn fold_islands(ops: &mut Vec<Op>) {
    let mut out: Vec<Op> = Vec::with_capacity(ops.len() + 4);
    let mut k = 0;
    while k < ops.len() {
        let changed_before = out.last().is_some_and(|o| *o != Op::Same);
        let island =
            ops[k] == Op::Same && changed_before && ops.get(k + 1).is_some_and(|o| *o != Op::Same);
        if island {
            out.push(Op::Removed);
            out.push(Op::Added);
        } else {
            out.push(ops[k]);
        }
        k += 1;
    }
    // Within each change, removals first, then additions.
    let mut k = 0;
    while k < out.len() {
        if out[k] == Op::Same {
            k += 1;
            continue;
        }
        let end = out[k..]
            .iter()
            .position(|o| *o == Op::Same)
            .map_or(out.len(), |p| k + p);
        out[k..end].sort_by_key(|o| *o != Op::Removed);
        k = end;
    }
    *ops = out;
}

fn runs(ops: &[Op]) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for op in ops {
        match op {
            Op::Same => {
                match out.last_mut() {
                    Some(Change::Same(ra, rb)) if ra.end == i && rb.end == j => {
                        ra.end += 1;
                        rb.end += 1;
                    }
                    _ => out.push(Change::Same(i..i + 1, j..j + 1)),
                }
                i += 1;
                j += 1;
            }
            Op::Removed => {
                match out.last_mut() {
                    Some(Change::Removed(r)) if r.end == i => r.end += 1,
                    _ => out.push(Change::Removed(i..i + 1)),
                }
                i += 1;
            }
            Op::Added => {
                match out.last_mut() {
                    Some(Change::Added(r)) if r.end == j => r.end += 1,
                    _ => out.push(Change::Added(j..j + 1)),
                }
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed_text(a: &str, changes: &[Change]) -> Vec<String> {
        let chars: Vec<char> = a.chars().collect();
        changes
            .iter()
            .filter_map(|c| match c {
                Change::Removed(r) => Some(chars[r.clone()].iter().collect()),
                _ => None,
            })
            .collect()
    }

    fn added_text(b: &str, changes: &[Change]) -> Vec<String> {
        let chars: Vec<char> = b.chars().collect();
        changes
            .iter()
            .filter_map(|c| match c {
                Change::Added(r) => Some(chars[r.clone()].iter().collect()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_reworded_policy_reads_as_one_change() {
        let a = "要实施积极的财政政策和稳健的货币政策。";
        let b = "要实施更加积极的财政政策和适度宽松的货币政策。";
        let d = diff_chars(a, b);
        assert_eq!(removed_text(a, &d), vec!["稳健"]);
        assert_eq!(added_text(b, &d), vec!["更加", "适度宽松"]);
        // The changes and the same stretches cover both sentences exactly.
        let (mut na, mut nb) = (0, 0);
        for c in &d {
            match c {
                Change::Same(x, y) => {
                    na += x.len();
                    nb += y.len();
                }
                Change::Removed(x) => na += x.len(),
                Change::Added(y) => nb += y.len(),
            }
        }
        assert_eq!((na, nb), (a.chars().count(), b.chars().count()));
    }

    #[test]
    fn equal_and_empty_sentences() {
        assert_eq!(
            diff_chars("会议指出", "会议指出"),
            vec![Change::Same(0..4, 0..4)]
        );
        assert!(diff_chars("", "").is_empty());
        assert_eq!(diff_chars("", "新"), vec![Change::Added(0..1)]);
        assert_eq!(diff_chars("旧", ""), vec![Change::Removed(0..1)]);
    }

    #[test]
    fn reworded_sentences_pair_and_new_ones_stand_alone() {
        let a = [
            "中共中央政治局4月28日召开会议，分析研究当前经济形势和经济工作。",
            "会议认为，今年以来经济运行总体平稳。",
            "要实施积极的财政政策和稳健的货币政策。",
            "要持续扩大内需。",
            "会议还研究了其他事项。",
        ];
        let b = [
            "中共中央政治局7月30日召开会议，分析研究当前经济形势，部署下半年经济工作。",
            "会议认为，今年以来经济运行稳中向好。",
            "要坚定不移推进全国统一大市场建设。",
            "要实施更加积极的财政政策和适度宽松的货币政策。",
            "要着力扩大国内需求。",
            "会议还研究了其他事项。",
        ];
        let rows = align_sentences(&a, &b);
        let pairs: Vec<(Option<usize>, Option<usize>)> = rows.iter().map(|r| (r.a, r.b)).collect();
        assert!(pairs.contains(&(Some(0), Some(0))), "{pairs:?}");
        assert!(pairs.contains(&(Some(1), Some(1))), "{pairs:?}");
        assert!(pairs.contains(&(Some(2), Some(3))), "{pairs:?}");
        assert!(pairs.contains(&(Some(4), Some(5))), "{pairs:?}");
        assert!(pairs.contains(&(None, Some(2))), "{pairs:?}");
        assert!(rows.iter().any(|r| r.same()));
        // Every sentence of each side appears exactly once.
        for (side, len) in [(0, a.len()), (1, b.len())] {
            let mut seen: Vec<usize> = rows
                .iter()
                .filter_map(|r| if side == 0 { r.a } else { r.b })
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..len).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_moved_sentence_is_paired_out_of_order() {
        let a = [
            "甲乙丙丁戊己庚辛。",
            "天地玄黄宇宙洪荒。",
            "日月盈昃辰宿列张。",
        ];
        let b = [
            "日月盈昃辰宿列张。",
            "天地玄黄宇宙洪荒。",
            "甲乙丙丁戊己庚辛。",
        ];
        let rows = align_sentences(&a, &b);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows.iter().all(|r| r.a.is_some() && r.b.is_some()));
        assert_eq!(rows.iter().filter(|r| r.moved).count(), 2);
    }

    #[test]
    fn stock_wording_weighs_little_and_the_subject_much() {
        let titles = [
            "中共中央政治局召开会议 分析研究当前经济形势和下半年经济工作",
            "中共中央政治局召开会议 讨论政府工作报告 中共中央总书记习近平主持会议",
            "中共中央政治局召开会议 分析研究当前经济形势和经济工作",
            "中共中央政治局召开会议 中共中央总书记习近平主持会议",
        ];
        let grams: Vec<_> = titles.iter().map(|t| bigrams(t)).collect();
        let w = GramWeights::new(&grams);
        let economy = w.dice(&grams[0], &grams[2]);
        let other = w.dice(&grams[0], &grams[3]);
        // Plain Dice finds the stock-only pair alike; the weights do not.
        assert!(dice(&grams[0], &grams[3]) > 0.4);
        assert!(economy > 0.6 && other < 0.2, "{economy} {other}");
        assert!((w.dice(&grams[1], &grams[1]) - 1.0).abs() < 1e-6);
        assert_eq!(w.dice(&grams[0], &HashSet::new()), 0.0);
    }

    #[test]
    fn script_and_punctuation_do_not_count() {
        let x = bigrams("会议，强调！");
        let y = bigrams("会议强调");
        assert!((dice(&x, &y) - 1.0).abs() < 1e-6);
        assert_eq!(dice(&bigrams(""), &y), 0.0);
    }
}
