//! Runs the aligner on aligner-eval style sets and prints strict scores.
//!
//! ```text
//! cargo run --release -p readout-align --example align_eval -- ../shared/align-gold/pol
//!     [--abridge SHARE] [--seed N] [--out DIR] [--set NAME=VALUE ...]
//! ```
//! Each positional argument is a set directory holding `src/`, `tgt/` and `gold/`.
//! `--set` overrides an aligner parameter (for tuning), e.g. `--set skip_zh=-5`.

use std::path::PathBuf;
use std::time::Instant;

use readout_align::eval::{abridge, eval_docs, format_alignments, load_set, omission_scores};
use readout_align::{Aligner, Lexicon, Params};

fn set_param(p: &mut Params, name: &str, value: &str) -> Result<(), String> {
    let v: f32 = value.parse().map_err(|_| format!("bad value {value}"))?;
    match name {
        "p_word" => p.p_word = v,
        "p_number" => p.p_number = v,
        "p_name" => p.p_name = v,
        "length_weight" => p.length_weight = v,
        "length_variance" => p.length_variance = v,
        "ratio" => p.ratio = Some(v),
        "skip_zh" => p.skip_zh = v,
        "skip_en" => p.skip_en = v,
        "prior_1_2" => p.prior_1_2 = v,
        "prior_2_1" => p.prior_2_1 = v,
        "prior_1_3" => p.prior_1_3 = v,
        "prior_3_1" => p.prior_3_1 = v,
        "prior_2_2" => p.prior_2_2 = v,
        "prior_1_4" => p.prior_1_4 = v,
        "prior_4_1" => p.prior_4_1 = v,
        "prior_2_3" => p.prior_2_3 = v,
        "prior_3_2" => p.prior_3_2 = v,
        "iterations" => p.iterations = v as usize,
        "min_anchor" => p.min_anchor = v,
        "anchor_margin" => p.anchor_margin = v,
        "band_radius" => p.band_radius = v as usize,
        "band_gap_factor" => p.band_gap_factor = v,
        "band_max_radius" => p.band_max_radius = v as usize,
        "refine_radius" => p.refine_radius = v as usize,
        "learn_min_pair" => p.learn_min_pair = v as u32,
        "learn_min_dice" => p.learn_min_dice = v,
        _ => return Err(format!("unknown parameter {name}")),
    }
    Ok(())
}

fn main() {
    let mut sets = Vec::new();
    let mut share: Option<f64> = None;
    let mut seed = 20240527u64;
    let mut out: Option<PathBuf> = None;
    let mut params = Params::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--abridge" => share = args.next().and_then(|s| s.parse().ok()),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(seed),
            "--out" => out = args.next().map(PathBuf::from),
            "--set" => {
                let kv = args.next().unwrap_or_default();
                let (k, v) = kv.split_once('=').unwrap_or((&kv, ""));
                if let Err(e) = set_param(&mut params, k, v) {
                    eprintln!("{e}");
                    std::process::exit(2);
                }
            }
            _ => sets.push(PathBuf::from(a)),
        }
    }
    if sets.is_empty() {
        eprintln!(
            "usage: align_eval SET_DIR... [--abridge SHARE] [--seed N] [--out DIR] [--set K=V]"
        );
        std::process::exit(2);
    }
    let t0 = Instant::now();
    let lexicon = Lexicon::bundled();
    let load = t0.elapsed();
    let aligner = Aligner::new(lexicon).with_params(params);
    println!(
        "{:<10} {:>6} {:>6} {:>7} {:>7} {:>7} {:>8} {:>8} {:>10}",
        "set", "files", "sents", "P", "R", "F1", "om.rec", "om.prec", "sents/s"
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
        let docs: Vec<_> = match share {
            Some(s) => docs.iter().map(|d| abridge(d, s, seed)).collect(),
            None => docs,
        };
        let sents: usize = docs.iter().map(|d| d.src.len() + d.tgt.len()).sum();
        let t = Instant::now();
        let (scores, predicted) = eval_docs(&aligner, &docs);
        let secs = t.elapsed().as_secs_f64();
        let (om_rec, om_prec) = omission_scores(&docs, &predicted);
        let label = match share {
            Some(s) => format!("{name}-ab{:.0}", s * 100.0),
            None => name.clone(),
        };
        println!(
            "{:<10} {:>6} {:>6} {:>7.3} {:>7.3} {:>7.3} {:>8.3} {:>8.3} {:>10.0}",
            label,
            docs.len(),
            sents,
            scores.precision,
            scores.recall,
            scores.f1,
            om_rec,
            om_prec,
            sents as f64 / secs.max(1e-9)
        );
        if let Some(out) = &out {
            let dir = out.join(&label);
            if std::fs::create_dir_all(&dir).is_ok() {
                for (d, p) in docs.iter().zip(&predicted) {
                    let _ =
                        std::fs::write(dir.join(format!("{}.align", d.name)), format_alignments(p));
                }
            }
        }
    }
    eprintln!("lexicon load: {:.0} ms", load.as_secs_f64() * 1000.0);
}
