//! Throughput of sentence splitting and alignment, in sentences (Chinese plus English) per
//! second. Inputs come from the seed reports (bodies cut by line ranges, as in
//! tests/link_seeds.rs), repeated to make documents of a few hundred sentences. With
//! `ALIGN_GOLD=/path/to/align-gold` the political-speech set is timed too (GPL data, read
//! in place).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use readout_align::{split_en, split_zh, Aligner, Lexicon};

fn seed(name: &str) -> String {
    let path = format!("{}/../../testdata/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lines(text: &str, from: usize, to: usize) -> String {
    text.lines()
        .skip(from - 1)
        .take(to + 1 - from)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Chinese and English bodies of the seed reports 000/001 and 002, `times` over.
fn seed_pair(times: usize) -> (String, String) {
    let lex = Lexicon::bundled();
    let s0 = seed("000_6c6912b3881f138c.txt");
    let s1 = seed("001_940fbafa05ea93e6.txt");
    let s2 = seed("002_4a9dcca1dd6bbaa4.txt");
    let l3 = s2.lines().nth(2).unwrap_or("");
    let glued = l3.split_once("曹川川").map_or(l3, |x| x.1);
    let zh = lex.to_simplified(&format!(
        "{}\n{glued}\n{}",
        lines(&s0, 13, 23),
        lines(&s2, 4, 6)
    ));
    let en = format!("{}\n{}", lines(&s1, 9, 19), lines(&s2, 8, 12));
    (vec![zh; times].join("\n"), vec![en; times].join("\n"))
}

fn bench(c: &mut Criterion) {
    let aligner = Aligner::default();
    let mut group = c.benchmark_group("align");
    group.sample_size(20);
    for times in [1usize, 10] {
        let (zh_text, en_text) = seed_pair(times);
        let zh: Vec<&str> = split_zh(&zh_text).into_iter().map(|s| s.text).collect();
        let en: Vec<&str> = split_en(&en_text).into_iter().map(|s| s.text).collect();
        group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
        group.bench_with_input(BenchmarkId::new("split", times), &times, |b, _| {
            b.iter(|| (split_zh(&zh_text).len(), split_en(&en_text).len()))
        });
        group.bench_with_input(BenchmarkId::new("align", times), &times, |b, _| {
            b.iter(|| aligner.align(&zh, &en))
        });
        group.bench_with_input(BenchmarkId::new("end_to_end", times), &times, |b, _| {
            b.iter(|| {
                let zh: Vec<&str> = split_zh(&zh_text).into_iter().map(|s| s.text).collect();
                let en: Vec<&str> = split_en(&en_text).into_iter().map(|s| s.text).collect();
                aligner.analyze(&zh, &en)
            })
        });
    }
    if let Ok(gold) = std::env::var("ALIGN_GOLD") {
        let read = |p: String| std::fs::read_to_string(&p).unwrap_or_default();
        let src = read(format!("{gold}/pol/src/002"));
        let tgt = read(format!("{gold}/pol/tgt/002"));
        let zh: Vec<&str> = src.lines().collect();
        let en: Vec<&str> = tgt.lines().collect();
        if !zh.is_empty() && !en.is_empty() {
            group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
            group.bench_function("pol", |b| b.iter(|| aligner.align(&zh, &en)));
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
