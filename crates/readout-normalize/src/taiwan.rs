//! Reversal of Taiwan vocabulary (網路 → 网络, 迴圈 → 循环, 訊息 → 消息),
//! decided by a model of mainland writing.
//!
//! Converters that write mainland text in Taiwan style swap words as well as
//! characters, and many of the words they write are mainland words too
//! (讯息, 资料, 执行). The stage runs on text the character layer has
//! already simplified, only over traditional-script runs of text that shows
//! a Taiwan-style conversion (or over a term itself written in traditional
//! characters), at the *sites* of `data/taiwan_sites.tsv`: each form t that
//! OpenCC's `s2twp` writes for some mainland form (plus readout's own pairs
//! for other converters), with its candidates: the mainland forms whose
//! conversion is t, and t itself when mainland text writes it. A form
//! mainland text never writes is always reversed; otherwise the mainland
//! language model ([`crate::lm`]) chooses in context (`scripts/gen_mainland_lm.py`
//! builds both files from the mainland corpora).
//!
//! The score of a candidate is the model's log-probability of the text with
//! the candidate in place (its characters and the following `order - 1`),
//! plus a prior (how often mainland text converted with `s2twp` shows the
//! site for that candidate; OpenCC's own choice, from its reverse
//! dictionary, counts a few times more), plus the evidence of the character
//! bigrams around the site (which bigrams occur near the candidate in
//! mainland text).

use crate::character::ids_len;
use crate::generated::Str;
use crate::lexicon::Group;
use crate::lm::{model, Model, BOS, EOS};
use crate::table::{decode, table, IDS, VOCAB, VOCAB1};

/// Weight of the prior (log of the smoothed share of the candidate among
/// the site's conversions in mainland text).
const PRIOR_WEIGHT: f32 = 1.5;
/// Weight of the bigrams around the site.
const CONTEXT_WEIGHT: f32 = 0.3;
/// Smoothing of a candidate's bigram counts towards those of all the
/// site's candidates, in occurrences.
const CONTEXT_SMOOTHING: f32 = 10.0;
/// Sites of mainland text the prior credits OpenCC's own choice with, as
/// if mainland text had shown them.
const PREFERRED_COUNT: f32 = 20.0;

/// A mainland form a site may stand for.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub(crate) form: Str,
    /// Sites of this form that mainland text converted with `s2twp` shows
    /// for this candidate.
    pub(crate) count: u32,
    /// Occurrences of the form in mainland text (for the context model).
    pub(crate) occurrences: u32,
    /// OpenCC's own choice for the site (its reverse dictionary's).
    pub(crate) preferred: bool,
}

/// A line of `data/taiwan_sites.tsv`.
#[derive(Debug)]
pub(crate) struct Entry {
    /// Its candidates: a stretch of [`Vocab::candidates`] (empty for a
    /// mainland form `s2twp` always converts, which is not a site).
    pub(crate) first: u32,
    pub(crate) count: u32,
    /// Occurrences of the form as a site in mainland text: 0 for a marker.
    pub(crate) seen: u32,
}

/// What a scan saw of the style of a text's conversion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// Sites whose form mainland writing never uses (網際網路): the text
    /// went through a Taiwan-style conversion.
    pub(crate) markers: usize,
    /// Mainland forms `s2twp` always converts (信息, 消息): it did not.
    pub(crate) converted_away: usize,
}

/// The sites (computed by `build.rs` from `data/taiwan_sites.tsv`).
pub(crate) struct Vocab {
    /// Every form of the file, each its own value.
    pub(crate) group: Group,
    /// The forms and their entries, in key order.
    pub(crate) entries: &'static [(Str, Entry)],
    /// The candidates of every entry.
    pub(crate) candidates: &'static [Candidate],
}

/// The sites (compiled in).
pub(crate) fn vocab() -> &'static Vocab {
    &crate::generated::VOCAB
}

/// A site the scan found: bytes `start..end` of the text it scanned hold
/// the Taiwan-style form `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Site {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) key: &'static str,
}

/// What surrounds a site, for the choice: the text before it as it will be
/// written (up to the paragraph start) and the text after it.
pub(crate) struct Surroundings<'a> {
    /// Normalized text before the site (only its tail is read).
    pub(crate) before: &'a str,
    /// Character-layer text before the site (for the bigrams around it).
    pub(crate) before_chars: &'a str,
    /// Character-layer text after the site.
    pub(crate) after: &'a str,
}

fn is_break(c: char) -> bool {
    c == '\n' || c == '\r'
}

impl Vocab {
    fn entry(&self, key: &str) -> Option<&'static Entry> {
        let i = self
            .entries
            .binary_search_by(|(k, _)| k.get().cmp(key))
            .ok()?;
        Some(&self.entries[i].1)
    }

    /// The candidates of `e`.
    fn candidates(&self, e: &Entry) -> &'static [Candidate] {
        let a = e.first as usize;
        self.candidates.get(a..a + e.count as usize).unwrap_or(&[])
    }

    /// Every form of the file.
    #[cfg(test)]
    pub(crate) fn keys(&self) -> impl Iterator<Item = &'static str> {
        self.entries.iter().map(|(k, _)| k.get())
    }

    /// Whether `key` marks Taiwan-style conversion: a site whose form
    /// mainland writing never uses.
    pub(crate) fn is_marker(&self, key: &str) -> bool {
        self.entry(key).is_some_and(|e| e.seen == 0 && e.count > 0)
    }

    /// Whether `key` is a mainland form `s2twp` always converts.
    pub(crate) fn is_converted_away(&self, key: &str) -> bool {
        self.entry(key).is_some_and(|e| e.count == 0)
    }

    /// Scans `text` (one run, through the character layer) left to right by
    /// longest match, as every stage does, for sites for which
    /// `allowed(start, end)` holds. `cands` are the offsets (plus `base`,
    /// in order) of the characters of `text` with a flag of
    /// [`CANDIDATE`](crate::table::CANDIDATE): elsewhere the scan only
    /// steps on. Appends the sites with offsets plus `base`; returns what
    /// it saw of the style of conversion (a mainland form `s2twp` always
    /// converts is matched as a site is, and counted, not appended).
    pub(crate) fn scan(
        &self,
        text: &str,
        base: usize,
        cands: impl Iterator<Item = usize>,
        allowed: impl Fn(usize, usize) -> bool,
        out: &mut Vec<Site>,
    ) -> Evidence {
        let t = table();
        let b = text.as_bytes();
        let n = b.len();
        let mut seen = Evidence::default();
        // Where the scan stands: no match may start before it.
        let mut next = 0;
        for at in cands {
            let i = at - base;
            if i < next || i >= n {
                continue;
            }
            let (cp, l, e) = t.at(b, i);
            next = i + l;
            // A longer key needs the next character to be a possible second.
            if e & VOCAB1 != 0
                || (e & VOCAB != 0 && i + l < n && self.group.pair_may(cp, decode(b, i + l).0))
            {
                if let Some(hit) = self.group.match_at(&text[i..]) {
                    let end = i + hit.key_len;
                    if allowed(i, end) {
                        next = end;
                        if self.is_converted_away(hit.value) {
                            seen.converted_away += 1;
                            continue;
                        }
                        seen.markers += self.is_marker(hit.value) as usize;
                        out.push(Site {
                            start: base + i,
                            end: base + end,
                            key: hit.value,
                        });
                        continue;
                    }
                }
            }
            if e & IDS != 0 {
                let k = ids_len(&text[i..]);
                if k > 0 {
                    next = i + k;
                }
            }
        }
        seen
    }

    /// The mainland form site `key` stands for where `around` surrounds it
    /// (the key itself when that is the choice); and, where the key itself
    /// is one of several candidates, by how much the best other candidate
    /// scores above it (the lean of the site towards a Taiwan-style
    /// conversion; negative when the key reads better).
    pub(crate) fn choose(
        &self,
        key: &'static str,
        around: &Surroundings<'_>,
    ) -> (&'static str, Option<f32>) {
        let Some(entry) = self.entry(key) else {
            return (key, None);
        };
        match self.candidates(entry) {
            [] => (key, None),
            [only] => (only.form.get(), None),
            cands => {
                let scores = scores(model(), cands, around);
                let best = best(&scores);
                let lean = cands.iter().position(|c| c.form.get() == key).map(|k| {
                    let other = scores
                        .iter()
                        .enumerate()
                        .filter(|&(i, _)| i != k)
                        .map(|(_, s)| *s)
                        .fold(f32::NEG_INFINITY, f32::max);
                    other - scores[k]
                });
                (cands[best].form.get(), lean)
            }
        }
    }
}

/// Up to `n` code points at the end of `s`, stopping at a line break (then
/// [`BOS`] first), in order.
fn tail(s: &str, n: usize, out: &mut Vec<u32>) {
    let start = out.len();
    for c in s.chars().rev().take(n) {
        if is_break(c) {
            out.push(BOS);
            break;
        }
        out.push(c as u32);
    }
    if out.len() - start < n && !out[start..].contains(&BOS) {
        out.push(BOS);
    }
    out[start..].reverse();
}

/// Up to `n` code points at the start of `s`, stopping at a line break
/// (then [`EOS`] last).
fn head(s: &str, n: usize, out: &mut Vec<u32>) {
    for c in s.chars().take(n) {
        if is_break(c) {
            out.push(EOS);
            return;
        }
        out.push(c as u32);
    }
    if out.len() < n {
        out.push(EOS);
    }
}

/// Index of the highest score (the first of equals).
fn best(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// The score of each candidate where `around` surrounds the site.
fn scores(m: &Model, cands: &[Candidate], around: &Surroundings<'_>) -> Vec<f32> {
    let order = m.order();
    let mut left = Vec::with_capacity(order);
    tail(around.before, order - 1, &mut left);
    let mut right = Vec::with_capacity(order);
    head(around.after, order - 1, &mut right);
    let pseudo = |c: &Candidate| c.count as f32 + 1.0 + PREFERRED_COUNT * c.preferred as u8 as f32;
    let total: f32 = cands.iter().map(pseudo).sum();
    let mut scores: Vec<f32> = cands
        .iter()
        .map(|c| {
            let prior = (pseudo(c) / total).ln();
            lm_score(m, &left, c.form.get(), &right) + PRIOR_WEIGHT * prior
        })
        .collect();
    context_evidence(m, cands, around, &mut scores);
    scores
}

/// Log-probability of `form` then `right` after `left`.
fn lm_score(m: &Model, left: &[u32], form: &str, right: &[u32]) -> f32 {
    let mut seq: Vec<u32> = Vec::with_capacity(left.len() + form.len() + right.len());
    seq.extend_from_slice(left);
    seq.extend(form.chars().map(|c| c as u32));
    seq.extend_from_slice(right);
    (left.len()..seq.len())
        .map(|j| m.log_prob(&seq[..j], seq[j]))
        .sum()
}

/// Adds to each candidate's score the evidence of the character bigrams
/// within the model's window around the site (each counted once), under
/// a naive Bayes model smoothed towards the candidates together.
fn context_evidence(m: &Model, cands: &[Candidate], around: &Surroundings<'_>, scores: &mut [f32]) {
    let w = m.window();
    let mut l: Vec<char> = around
        .before_chars
        .chars()
        .rev()
        .take_while(|c| !is_break(*c))
        .take(w)
        .collect();
    l.reverse();
    let r: Vec<char> = around
        .after
        .chars()
        .take_while(|c| !is_break(*c))
        .take(w)
        .collect();
    let mut pairs: Vec<[u32; 2]> = l
        .windows(2)
        .chain(r.windows(2))
        .map(|p| [p[0] as u32, p[1] as u32])
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let occurrences: f32 = cands.iter().map(|c| c.occurrences as f32).sum();
    if occurrences == 0.0 {
        return;
    }
    let mut counts = vec![0.0f32; cands.len()];
    for pair in pairs {
        let mut all = 0.0;
        for (c, n) in cands.iter().zip(counts.iter_mut()) {
            *n = m.context_count(c.form.get(), pair);
            all += *n;
        }
        if all == 0.0 {
            continue;
        }
        let background = all / occurrences;
        for ((c, n), s) in cands.iter().zip(&counts).zip(scores.iter_mut()) {
            let p =
                (n + CONTEXT_SMOOTHING * background) / (c.occurrences as f32 + CONTEXT_SMOOTHING);
            *s += CONTEXT_WEIGHT * p.ln();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choose(key: &'static str, before: &str, after: &str) -> &'static str {
        vocab()
            .choose(
                key,
                &Surroundings {
                    before,
                    before_chars: before,
                    after,
                },
            )
            .0
    }

    #[test]
    fn the_model_chooses_by_context() {
        // 消息 and 讯息 are both written 訊息 in Taiwan style.
        assert_eq!(choose("讯息", "央视网", "（新闻联播）"), "消息");
        assert_eq!(choose("资料", "最新", "显示"), "数据");
        assert_eq!(choose("释出", "新闻", "会"), "发布");
    }

    #[test]
    fn a_form_mainland_never_writes_is_reversed() {
        assert!(vocab().is_marker("网际网路"));
        assert_eq!(choose("网际网路", "", ""), "互联网");
    }

    #[test]
    fn compiled_sites_are_the_file() {
        let built = crate::build_tables::sites(crate::sources());
        let v = vocab();
        assert_eq!(built.len(), v.entries.len());
        for (b, (k, e)) in built.iter().zip(v.entries) {
            assert_eq!(b.key, k.get());
            assert_eq!(b.seen, e.seen);
            let forms: Vec<&str> = v.candidates(e).iter().map(|c| c.form.get()).collect();
            assert!(b.candidates.iter().map(|c| c.form.as_str()).eq(forms));
        }
    }

    #[test]
    fn contexts_stop_at_line_breaks() {
        let mut v = Vec::new();
        tail("ab\ncd", 4, &mut v);
        assert_eq!(v, [BOS, 'c' as u32, 'd' as u32]);
        v.clear();
        tail("abcdef", 4, &mut v);
        assert_eq!(v, ['c' as u32, 'd' as u32, 'e' as u32, 'f' as u32]);
        v.clear();
        head("ab\ncd", 4, &mut v);
        assert_eq!(v, ['a' as u32, 'b' as u32, EOS]);
        v.clear();
        head("", 4, &mut v);
        assert_eq!(v, [EOS]);
    }
}
