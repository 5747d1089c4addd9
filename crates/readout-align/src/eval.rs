//! Alignment evaluation against gold files in the aligner-eval layout (`src/NNN`,
//! `tgt/NNN`, one sentence per line; `gold/NNN.align`, one group per line as
//! `[0, 1]:[2]`), scored strictly as aligner-eval's `utils/eval.py` does: a predicted group
//! counts only if the identical group is in the gold, unmatched groups included; precision
//! and recall are pooled over all files.
//!
//! Also builds the "abridged" variant used to test omission finding: the English side of
//! a share of the gold groups is dropped (chosen by a fixed-seed generator), and those
//! Chinese sentences become unmatched in the gold.

use std::path::{Path, PathBuf};

use crate::align::{Aligner, Alignment};
use crate::english::is_han;

/// One alignment group: source ids and target ids.
pub type Group = (Vec<usize>, Vec<usize>);

/// Strict scores.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// Errors reading an evaluation set.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}: not an alignment line `[ids]:[ids]`: {text}")]
    Parse {
        path: PathBuf,
        line: usize,
        text: String,
    },
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn parse_ids(field: &str) -> Option<Vec<usize>> {
    let inner = field.trim().strip_prefix('[')?.strip_suffix(']')?;
    inner
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().ok())
        .collect()
}

/// Parses alignment lines `[ids]:[ids]` (blank lines skipped).
pub fn parse_alignments(text: &str) -> Result<Vec<Group>, (usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = line
            .split_once(':')
            .and_then(|(a, b)| Some((parse_ids(a)?, parse_ids(b)?)));
        match parsed {
            Some(g) => out.push(g),
            None => return Err((n + 1, line.to_string())),
        }
    }
    Ok(out)
}

/// Formats groups as alignment lines.
pub fn format_alignments(groups: &[Group]) -> String {
    let ids = |v: &[usize]| {
        v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    groups
        .iter()
        .map(|(a, b)| format!("[{}]:[{}]\n", ids(a), ids(b)))
        .collect()
}

/// Strict precision, recall and F1 pooled over files (pairs of gold and test groups).
pub fn score<'a>(files: impl IntoIterator<Item = (&'a [Group], &'a [Group])>) -> Scores {
    let (mut matched, mut predicted, mut gold_n) = (0usize, 0usize, 0usize);
    for (gold, test) in files {
        if !gold.is_empty() && !test.is_empty() {
            matched += test.iter().filter(|g| gold.contains(g)).count();
        }
        predicted += test.len();
        gold_n += gold.len();
    }
    let p = if predicted > 0 {
        matched as f64 / predicted as f64
    } else {
        0.0
    };
    let r = if gold_n > 0 {
        matched as f64 / gold_n as f64
    } else {
        0.0
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Scores {
        precision: p,
        recall: r,
        f1,
    }
}

/// Groups of an alignment, as (Chinese ids, English ids), or swapped when the source
/// side is English.
pub fn groups_of(alignment: &Alignment, zh_is_source: bool) -> Vec<Group> {
    alignment
        .beads
        .iter()
        .map(|b| {
            let z: Vec<usize> = b.zh.clone().collect();
            let e: Vec<usize> = b.en.clone().collect();
            if zh_is_source {
                (z, e)
            } else {
                (e, z)
            }
        })
        .collect()
}

/// Share of Han characters among the non-space characters of some lines.
fn han_share(lines: &[&str]) -> f64 {
    let (mut han, mut all) = (0usize, 0usize);
    for l in lines {
        for c in l.chars().filter(|c| !c.is_whitespace()) {
            all += 1;
            han += usize::from(is_han(c));
        }
    }
    if all == 0 {
        0.0
    } else {
        han as f64 / all as f64
    }
}

/// One document of an evaluation set.
#[derive(Debug, Clone)]
pub struct EvalDoc {
    pub name: String,
    pub src: Vec<String>,
    pub tgt: Vec<String>,
    pub gold: Vec<Group>,
}

impl EvalDoc {
    /// True when the source side is the Chinese one.
    pub fn zh_is_source(&self) -> bool {
        let s: Vec<&str> = self.src.iter().map(String::as_str).collect();
        let t: Vec<&str> = self.tgt.iter().map(String::as_str).collect();
        han_share(&s) >= han_share(&t)
    }
}

/// Reads every `gold_dir/NNN.align` with its `src_dir/NNN` and `tgt_dir/NNN`, in file
/// name order (as aligner-eval sorts them).
pub fn load_set(
    src_dir: &Path,
    tgt_dir: &Path,
    gold_dir: &Path,
) -> Result<Vec<EvalDoc>, EvalError> {
    let entries = std::fs::read_dir(gold_dir).map_err(|source| EvalError::Io {
        path: gold_dir.to_path_buf(),
        source,
    })?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".align"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for name in names {
        let stem = name.trim_end_matches(".align").to_string();
        let gold_path = gold_dir.join(&name);
        let gold =
            parse_alignments(&read(&gold_path)?).map_err(|(line, text)| EvalError::Parse {
                path: gold_path.clone(),
                line,
                text,
            })?;
        let lines = |p: &Path| -> Result<Vec<String>, EvalError> {
            Ok(read(p)?.lines().map(str::to_string).collect())
        };
        docs.push(EvalDoc {
            src: lines(&src_dir.join(&stem))?,
            tgt: lines(&tgt_dir.join(&stem))?,
            name: stem,
            gold,
        });
    }
    Ok(docs)
}

/// Aligns one evaluation document, returning groups in source/target orientation.
pub fn align_doc(aligner: &Aligner<'_>, doc: &EvalDoc) -> Vec<Group> {
    let src: Vec<&str> = doc.src.iter().map(String::as_str).collect();
    let tgt: Vec<&str> = doc.tgt.iter().map(String::as_str).collect();
    if doc.zh_is_source() {
        groups_of(&aligner.align(&src, &tgt), true)
    } else {
        groups_of(&aligner.align(&tgt, &src), false)
    }
}

/// Aligns every document of a set with the default aligner and scores it strictly.
pub fn eval(src_dir: &Path, tgt_dir: &Path, gold_dir: &Path) -> Result<Scores, EvalError> {
    let docs = load_set(src_dir, tgt_dir, gold_dir)?;
    Ok(eval_docs(&Aligner::default(), &docs).0)
}

/// Scores an aligner on loaded documents; also returns the predicted groups per file.
pub fn eval_docs(aligner: &Aligner<'_>, docs: &[EvalDoc]) -> (Scores, Vec<Vec<Group>>) {
    let predicted: Vec<Vec<Group>> = docs.iter().map(|d| align_doc(aligner, d)).collect();
    let scores = score(
        docs.iter()
            .zip(&predicted)
            .map(|(d, p)| (d.gold.as_slice(), p.as_slice())),
    );
    (scores, predicted)
}

/// A small deterministic generator (SplitMix64), so the abridged variant is the same on
/// every machine without a dependency.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The abridged variant of a document: the English side of `share` of the gold groups
/// (those with both sides, picked with `seed`) is removed from the English text and the
/// gold; their Chinese sentences become one unmatched group each.
pub fn abridge(doc: &EvalDoc, share: f64, seed: u64) -> EvalDoc {
    let zh_src = doc.zh_is_source();
    let candidates: Vec<usize> = doc
        .gold
        .iter()
        .enumerate()
        .filter(|(_, (a, b))| !a.is_empty() && !b.is_empty())
        .map(|(k, _)| k)
        .collect();
    // Fisher-Yates shuffle, then take the first `share` of the candidates.
    let mut order = candidates.clone();
    let mut rng = SplitMix(seed);
    for i in (1..order.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let take = (order.len() as f64 * share).round() as usize;
    let mut dropped = vec![false; doc.gold.len()];
    for &k in &order[..take] {
        dropped[k] = true;
    }
    let en_len = if zh_src { doc.tgt.len() } else { doc.src.len() };
    let mut remove_en = vec![false; en_len];
    for (k, (a, b)) in doc.gold.iter().enumerate() {
        if dropped[k] {
            for &e in if zh_src { b } else { a } {
                if e < en_len {
                    remove_en[e] = true;
                }
            }
        }
    }
    let mut new_id = vec![usize::MAX; en_len];
    let mut next = 0;
    for (e, slot) in new_id.iter_mut().enumerate() {
        if !remove_en[e] {
            *slot = next;
            next += 1;
        }
    }
    let mut gold = Vec::new();
    for (k, (a, b)) in doc.gold.iter().enumerate() {
        let (zh, en) = if zh_src { (a, b) } else { (b, a) };
        if dropped[k] {
            for &z in zh {
                let g = (vec![z], vec![]);
                gold.push(if zh_src { g } else { (g.1, g.0) });
            }
        } else {
            let en: Vec<usize> = en.iter().filter_map(|&e| new_id.get(e).copied()).collect();
            gold.push(if zh_src {
                (zh.clone(), en)
            } else {
                (en, zh.clone())
            });
        }
    }
    let keep = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .enumerate()
            .filter(|(e, _)| !remove_en.get(*e).copied().unwrap_or(false))
            .map(|(_, l)| l.clone())
            .collect()
    };
    let (src, tgt) = if zh_src {
        (doc.src.clone(), keep(&doc.tgt))
    } else {
        (keep(&doc.src), doc.tgt.clone())
    };
    EvalDoc {
        name: doc.name.clone(),
        src,
        tgt,
        gold,
    }
}

/// Recall and precision of omitted Chinese sentences: gold unmatched Chinese sentences
/// (`[z]:[]`) against predicted ones.
pub fn omission_scores(docs: &[EvalDoc], predicted: &[Vec<Group>]) -> (f64, f64) {
    let (mut hit, mut gold_n, mut pred_n) = (0usize, 0usize, 0usize);
    for (d, p) in docs.iter().zip(predicted) {
        let zh_src = d.zh_is_source();
        let unmatched = |groups: &[Group]| -> Vec<usize> {
            groups
                .iter()
                .filter_map(|(a, b)| {
                    let (zh, en) = if zh_src { (a, b) } else { (b, a) };
                    en.is_empty().then(|| zh.clone())
                })
                .flatten()
                .collect()
        };
        let g = unmatched(&d.gold);
        let q = unmatched(p);
        hit += q.iter().filter(|z| g.contains(z)).count();
        gold_n += g.len();
        pred_n += q.len();
    }
    let recall = if gold_n > 0 {
        hit as f64 / gold_n as f64
    } else {
        1.0
    };
    let precision = if pred_n > 0 {
        hit as f64 / pred_n as f64
    } else {
        1.0
    };
    (recall, precision)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_gold_lines_like_aligner_eval() {
        let g = parse_alignments("[0,1]:[0]\n[2]:[1, 2]\n[3]:[]\n\n[]:[3]\n").unwrap();
        assert_eq!(
            g,
            vec![
                (vec![0, 1], vec![0]),
                (vec![2], vec![1, 2]),
                (vec![3], vec![]),
                (vec![], vec![3])
            ]
        );
        assert!(parse_alignments("0:1").is_err());
        assert_eq!(parse_alignments(&format_alignments(&g)).unwrap(), g);
    }

    #[test]
    fn strict_scoring_pools_files_and_counts_unmatched_groups() {
        let gold1 = vec![(vec![0], vec![0]), (vec![1], vec![1, 2]), (vec![2], vec![])];
        let test1 = vec![
            (vec![0], vec![0]),
            (vec![1], vec![1]),
            (vec![], vec![2]),
            (vec![2], vec![]),
        ];
        let gold2 = vec![(vec![0, 1], vec![0])];
        let test2 = vec![(vec![0, 1], vec![0])];
        let s = score([
            (gold1.as_slice(), test1.as_slice()),
            (gold2.as_slice(), test2.as_slice()),
        ]);
        // 3 matches of 5 predicted and 4 gold groups.
        assert!((s.precision - 0.6).abs() < 1e-12);
        assert!((s.recall - 0.75).abs() < 1e-12);
        assert!((s.f1 - 2.0 * 0.6 * 0.75 / 1.35).abs() < 1e-12);
    }

    #[test]
    fn abridging_drops_english_and_marks_chinese_unmatched() {
        let doc = EvalDoc {
            name: "x".into(),
            src: (0..10).map(|i| format!("第{i}句话。")).collect(),
            tgt: (0..11).map(|i| format!("Sentence {i}.")).collect(),
            gold: (0..10)
                .map(|i| {
                    if i == 9 {
                        (vec![9], vec![9, 10])
                    } else {
                        (vec![i], vec![i])
                    }
                })
                .collect(),
        };
        let a = abridge(&doc, 0.3, 7);
        assert_eq!(a.src.len(), 10);
        let unmatched = a.gold.iter().filter(|g| g.1.is_empty()).count();
        assert_eq!(unmatched, 3);
        let kept_en: usize = a.gold.iter().map(|g| g.1.len()).sum();
        assert_eq!(kept_en, a.tgt.len());
        // Remaining English ids are renumbered densely and in order.
        let ids: Vec<usize> = a.gold.iter().flat_map(|g| g.1.clone()).collect();
        assert_eq!(ids, (0..a.tgt.len()).collect::<Vec<_>>());
        // Same seed, same variant.
        assert_eq!(abridge(&doc, 0.3, 7).gold, a.gold);
    }
}
