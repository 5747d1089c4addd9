//! Times readout's stages on the inputs bench/compare.sh prepares, so the numbers sit
//! next to the PyPI anchors' from the same run. Each mode prints one line
//! `MODE key=value ...`; the first round (dictionary and lexicon loading) is untimed,
//! the best of ROUNDS timed rounds is reported.
//!
//! ```text
//! readout-anchors minhash DOCS ROUNDS        documents separated by NUL bytes
//! readout-anchors segment DOCS ROUNDS        readout's Chinese search tokens; raw jieba-rs
//! readout-anchors align ZH EN ROUNDS         one sentence per line on each side
//! readout-anchors index DOCS QUERIES DIR     build a readout-search index in DIR of the
//!                                            documents (one paragraph a line), then
//!                                            time each query (one a line), top 10
//! ```

use readout_align::link::Signature;
use readout_align::Aligner;
use readout_search::chinese::chinese_tokens;
use readout_search::{Dictionary, IndexDoc, IndexOptions, Query, SearchIndex, WriterOptions};
use std::time::Instant;

type Error = Box<dyn std::error::Error>;

/// Best wall time of `rounds` runs of `f`, after one untimed warm-up run.
fn best<T>(rounds: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = f();
    let mut best = f64::MAX;
    for _ in 0..rounds.max(1) {
        let t0 = Instant::now();
        out = f();
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (best, out)
}

fn docs(path: &str) -> Result<String, Error> {
    Ok(std::fs::read_to_string(path)?)
}

fn minhash(path: &str, rounds: usize) -> Result<(), Error> {
    let text = docs(path)?;
    let docs: Vec<&str> = text.split('\0').filter(|d| !d.is_empty()).collect();
    let (secs, sigs) = best(rounds, || {
        docs.iter()
            .map(|d| Signature::new(d, 5))
            .collect::<Vec<_>>()
    });
    // A use of the result, so the work is not optimized away; also a sanity figure.
    let self_j = sigs.iter().map(|s| s.jaccard(s)).sum::<f32>() / sigs.len().max(1) as f32;
    println!(
        "minhash docs={} bytes={} secs={secs:.4} docs_per_s={:.1} mb_per_s={:.2} self_jaccard={self_j:.2}",
        docs.len(),
        text.len(),
        docs.len() as f64 / secs,
        text.len() as f64 / secs / 1e6
    );
    Ok(())
}

fn segment(path: &str, rounds: usize) -> Result<(), Error> {
    let text = docs(path)?;
    let docs: Vec<&str> = text.split('\0').filter(|d| !d.is_empty()).collect();
    let dict = Dictionary::new::<&str>(&[]);
    let (secs, tokens) = best(rounds, || {
        docs.iter()
            .map(|d| chinese_tokens(&dict, d).len())
            .sum::<usize>()
    });
    println!(
        "segment-readout bytes={} secs={secs:.4} mb_per_s={:.2} tokens={tokens}",
        text.len(),
        text.len() as f64 / secs / 1e6
    );
    let jieba = dict.jieba();
    let (secs, words) = best(rounds, || {
        docs.iter()
            .map(|d| jieba.cut(d, false).len())
            .sum::<usize>()
    });
    println!(
        "segment-jieba-rs bytes={} secs={secs:.4} mb_per_s={:.2} words={words}",
        text.len(),
        text.len() as f64 / secs / 1e6
    );
    let (secs, words) = best(rounds, || {
        docs.iter().map(|d| jieba.cut(d, true).len()).sum::<usize>()
    });
    println!(
        "segment-jieba-rs-hmm bytes={} secs={secs:.4} mb_per_s={:.2} words={words}",
        text.len(),
        text.len() as f64 / secs / 1e6
    );
    Ok(())
}

fn align(zh_path: &str, en_path: &str, rounds: usize) -> Result<(), Error> {
    let (zh_text, en_text) = (docs(zh_path)?, docs(en_path)?);
    let zh: Vec<&str> = zh_text.lines().filter(|l| !l.trim().is_empty()).collect();
    let en: Vec<&str> = en_text.lines().filter(|l| !l.trim().is_empty()).collect();
    let aligner = Aligner::default();
    let (secs, a) = best(rounds, || aligner.align(&zh, &en));
    println!(
        "align zh={} en={} beads={} secs={secs:.4} sents_per_s={:.0} coverage={:.3}",
        zh.len(),
        en.len(),
        a.beads.len(),
        (zh.len() + en.len()) as f64 / secs,
        a.coverage()
    );
    Ok(())
}

/// Index build MB/s (paragraph text, committed and merged) and per-query wall latency
/// (one untimed pass over the queries first, then each query timed once).
fn index(docs_path: &str, queries_path: &str, dir: &str) -> Result<(), Error> {
    let text = docs(docs_path)?;
    let docs: Vec<IndexDoc> = text
        .split('\0')
        .filter(|d| !d.is_empty())
        .enumerate()
        .map(|(i, d)| IndexDoc {
            id: format!("d{i}"),
            event: None,
            title: None,
            lang: readout_text::Lang::Zh,
            script: readout_text::Script::Hans,
            kind: "report".into(),
            date: None,
            paragraphs: d
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    let bytes: usize = docs
        .iter()
        .flat_map(|d| d.paragraphs.iter())
        .map(|p| p.len() + 1)
        .sum();
    let index = SearchIndex::create(std::path::Path::new(dir), &IndexOptions::default())?;
    let t0 = Instant::now();
    let mut writer = index.writer(WriterOptions::default())?;
    for d in &docs {
        writer.replace(d)?;
    }
    writer.commit()?;
    writer.wait_merging()?;
    let build = t0.elapsed().as_secs_f64();
    index.reload()?;
    let queries: Vec<String> = docs_text_lines(queries_path)?;
    let mut total = 0u64;
    for q in &queries {
        total += index.search(&Query::new(q.clone()))?.total as u64;
    }
    let mut ms: Vec<f64> = queries
        .iter()
        .map(|q| {
            let t = Instant::now();
            let r = index.search(&Query::new(q.clone()));
            let e = t.elapsed().as_secs_f64() * 1e3;
            drop(r);
            e
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    let pct = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    println!(
        "index docs={} bytes={bytes} secs={build:.3} mb_per_s={:.2} queries={} p50_ms={:.3} p99_ms={:.3} mean_hits={:.1}",
        docs.len(),
        bytes as f64 / build / 1e6,
        ms.len(),
        pct(0.5),
        pct(0.99),
        total as f64 / queries.len().max(1) as f64
    );
    Ok(())
}

fn docs_text_lines(path: &str) -> Result<Vec<String>, Error> {
    Ok(docs(path)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect())
}

fn main() -> Result<(), Error> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds = |i: usize| args.get(i).map_or(Ok(3), |r| r.parse());
    match args.first().map(String::as_str) {
        Some("minhash") if args.len() >= 2 => minhash(&args[1], rounds(2)?),
        Some("segment") if args.len() >= 2 => segment(&args[1], rounds(2)?),
        Some("align") if args.len() >= 3 => align(&args[1], &args[2], rounds(3)?),
        Some("index") if args.len() >= 4 => index(&args[1], &args[2], &args[3]),
        _ => Err(
            "usage: readout-anchors minhash|segment DOCS [ROUNDS] | align ZH EN [ROUNDS] \
             | index DOCS QUERIES DIR"
                .into(),
        ),
    }
}
