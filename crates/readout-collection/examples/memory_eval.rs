//! Does the formulation memory help the aligner? Strict F1 on aligner-eval style sets
//! with and without a memory learned from aligned pairs, two ways:
//!
//! - cross-validated: each document's gold groups are cut in two halves; the memory is
//!   learned from the gold pairs of one half (formulations: the curated list and the
//!   phrases the half repeats) and the other half is aligned with and without it;
//! - as `derive` does it: the memory is learned from the aligner's own alignment of the
//!   whole document, which is then aligned again with it.
//!
//! ```text
//! cargo run --release -p readout-collection --example memory_eval -- ../shared/align-gold/pol ../shared/align-gold/mac-dev
//! ```
//! The gold data is read in place, never copied.

use std::path::PathBuf;

use readout_align::eval::{align_doc, load_set, score, EvalDoc, Group};
use readout_align::{find_rendering, Aligner, FormulationMemory, Lexicon};
use readout_record::{discover, DocInput, Lang};

/// Pseudo-documents a half is cut into for discovery (which wants repeats across
/// sources).
const CHUNK: usize = 40;

/// The sub-document of `doc` made of gold groups `groups`, renumbered.
fn sub_doc(doc: &EvalDoc, groups: &[Group], name: &str) -> EvalDoc {
    let mut src_ids: Vec<usize> = groups.iter().flat_map(|g| g.0.clone()).collect();
    let mut tgt_ids: Vec<usize> = groups.iter().flat_map(|g| g.1.clone()).collect();
    src_ids.sort_unstable();
    tgt_ids.sort_unstable();
    let renumber = |ids: &[usize], all: &[usize]| -> Vec<usize> {
        ids.iter()
            .filter_map(|i| all.binary_search(i).ok())
            .collect()
    };
    EvalDoc {
        name: name.to_string(),
        src: src_ids
            .iter()
            .filter_map(|&i| doc.src.get(i).cloned())
            .collect(),
        tgt: tgt_ids
            .iter()
            .filter_map(|&i| doc.tgt.get(i).cloned())
            .collect(),
        gold: groups
            .iter()
            .map(|g| (renumber(&g.0, &src_ids), renumber(&g.1, &tgt_ids)))
            .collect(),
    }
}

/// Formulations of a document: the curated list and the phrases its chunks repeat.
fn phrases(zh: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = readout_record::Lexicon::curated()
        .texts()
        .map(str::to_string)
        .collect();
    let docs: Vec<DocInput> = zh
        .chunks(CHUNK)
        .enumerate()
        .map(|(k, c)| {
            let mut d = DocInput::new(Lang::Zh, c.iter().map(|s| s.to_string()).collect());
            d.id = format!("chunk-{k}");
            d
        })
        .collect();
    let mut found = discover(&docs);
    found.retain(|f| f.sources >= 2);
    found.sort_by(|a, b| b.sources.cmp(&a.sources).then(a.text.cmp(&b.text)));
    found.truncate(300);
    out.extend(found.into_iter().map(|f| f.text));
    out
}

/// A memory learned from aligned groups (Chinese ids, English ids) of `zh` and `en`.
fn learn(
    lexicon: &Lexicon,
    zh: &[&str],
    en: &[&str],
    groups: &[Group],
) -> (FormulationMemory, usize) {
    let phrases = phrases(zh);
    let mut counts: std::collections::BTreeMap<(String, String), usize> = Default::default();
    let mut found = 0;
    for (z, e) in groups {
        if z.is_empty() || e.is_empty() {
            continue;
        }
        let text: String = z.iter().filter_map(|&i| zh.get(i).copied()).collect();
        let english: Vec<&str> = e.iter().filter_map(|&i| en.get(i).copied()).collect();
        for p in phrases.iter().filter(|p| text.contains(p.as_str())) {
            if let Some(r) = find_rendering(lexicon, p, &english) {
                *counts
                    .entry((p.clone(), r.text.to_lowercase()))
                    .or_insert(0) += 1;
            }
        }
    }
    let min: usize = std::env::var("MIN_PAIRS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut memory = FormulationMemory::new();
    for ((p, t), n) in counts {
        if n >= min {
            memory.insert(&p, &t);
            found += 1;
        }
    }
    (memory, found)
}

/// (Chinese lines, English lines, groups as (Chinese, English)) of a document.
fn sides(doc: &EvalDoc) -> (Vec<&str>, Vec<&str>, Vec<Group>) {
    let src: Vec<&str> = doc.src.iter().map(String::as_str).collect();
    let tgt: Vec<&str> = doc.tgt.iter().map(String::as_str).collect();
    if doc.zh_is_source() {
        (src, tgt, doc.gold.clone())
    } else {
        let swapped = doc
            .gold
            .iter()
            .map(|(s, t)| (t.clone(), s.clone()))
            .collect();
        (tgt, src, swapped)
    }
}

fn to_source_orientation(doc: &EvalDoc, groups: Vec<Group>) -> Vec<Group> {
    if doc.zh_is_source() {
        groups
    } else {
        groups.into_iter().map(|(z, e)| (e, z)).collect()
    }
}

/// Prints one row: strict F1 of the alignments without and with the memory.
fn report(
    name: &str,
    mode: &str,
    gold: &[Vec<Group>],
    without: &[Vec<Group>],
    with: &[Vec<Group>],
    learned: usize,
) {
    let f1 = |pred: &[Vec<Group>]| {
        score(
            gold.iter()
                .zip(pred)
                .map(|(g, p)| (g.as_slice(), p.as_slice())),
        )
        .f1
    };
    println!(
        "{:<10} {:<14} {:>8.4} {:>8.4} {:>8}",
        name,
        mode,
        f1(without),
        f1(with),
        learned
    );
}

fn main() {
    let sets: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if sets.is_empty() {
        eprintln!("usage: memory_eval SET_DIR...");
        std::process::exit(2);
    }
    let lexicon = Lexicon::bundled();
    let plain = Aligner::new(lexicon);
    println!(
        "{:<10} {:<14} {:>8} {:>8} {:>8}",
        "set", "mode", "F1", "F1+mem", "learned"
    );
    for dir in &sets {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let docs = match load_set(&dir.join("src"), &dir.join("tgt"), &dir.join("gold")) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        // Cross-validated halves.
        let (mut gold, mut without, mut with, mut learned) = (vec![], vec![], vec![], 0);
        for doc in &docs {
            let half = doc.gold.len() / 2;
            let halves = [
                sub_doc(doc, &doc.gold[..half], "a"),
                sub_doc(doc, &doc.gold[half..], "b"),
            ];
            for k in 0..2 {
                let (train, test) = (&halves[k], &halves[1 - k]);
                let (zh, en, groups) = sides(train);
                let (memory, n) = learn(lexicon, &zh, &en, &groups);
                learned += n;
                let with_memory = Aligner::new(lexicon).with_memory(&memory);
                gold.push(test.gold.clone());
                without.push(align_doc(&plain, test));
                with.push(align_doc(&with_memory, test));
            }
        }
        report(&name, "halves", &gold, &without, &with, learned);
        // As derive does it: learn from the aligner's own pairs, align again.
        let (mut gold, mut without, mut with, mut learned) = (vec![], vec![], vec![], 0);
        for doc in &docs {
            let (zh, en, _) = sides(doc);
            let first = plain.align(&zh, &en);
            let groups: Vec<Group> = first
                .beads
                .iter()
                .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
                .collect();
            let (memory, n) = learn(lexicon, &zh, &en, &groups);
            learned += n;
            let second = Aligner::new(lexicon).with_memory(&memory).align(&zh, &en);
            let again: Vec<Group> = second
                .beads
                .iter()
                .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
                .collect();
            gold.push(doc.gold.clone());
            without.push(to_source_orientation(doc, groups));
            with.push(to_source_orientation(doc, again));
        }
        report(&name, "transductive", &gold, &without, &with, learned);
    }
}
