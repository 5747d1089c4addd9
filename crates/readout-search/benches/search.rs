//! Criterion benches: analyzer throughput on the government-report fixtures,
//! and query latency on a small index of them. The 100k-paragraph figures
//! come from `examples/search_bench.rs` (bench/search.sh).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use readout_search::bigram::bigram_tokens;
use readout_search::chinese::chinese_tokens;
use readout_search::{Dictionary, IndexDoc, IndexOptions, Query, SearchIndex, WriterOptions};
use readout_text::{Lang, Script};
use std::hint::black_box;

fn load(name: &str) -> Vec<String> {
    let path = format!(
        "{}/testdata/gov_reports.{name}.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .map(|l| l.split_once('\t').map_or(l, |x| x.1).to_owned())
        .collect()
}

fn analyzers(c: &mut Criterion) {
    let dict = Dictionary::new::<&str>(&[]);
    let mut g = c.benchmark_group("analyze");
    g.sample_size(10);
    for name in ["hans", "tw"] {
        let paras = load(name);
        let bytes: usize = paras.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("zh_{name}"), |b| {
            b.iter(|| {
                for p in &paras {
                    black_box(chinese_tokens(&dict, p));
                }
            })
        });
        g.bench_function(format!("bigram_{name}"), |b| {
            b.iter(|| {
                for p in &paras {
                    black_box(bigram_tokens(p));
                }
            })
        });
    }
    g.finish();
}

fn queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::create(dir.path(), &IndexOptions::default()).expect("create");
    let mut w = index.writer(WriterOptions::default()).expect("writer");
    for copy in 0..5 {
        for (name, script) in [
            ("hans", Script::Hans),
            ("hant", Script::Hant),
            ("tw", Script::Hant),
        ] {
            for (i, chunk) in load(name).chunks(10).enumerate() {
                w.replace(&IndexDoc {
                    id: format!("{name}-{copy}-{i}"),
                    event: None,
                    title: None,
                    lang: Lang::Zh,
                    script,
                    kind: "report".into(),
                    date: Some(format!("{}", 2020 + copy)),
                    paragraphs: chunk.to_vec(),
                })
                .expect("add");
            }
        }
    }
    w.commit().expect("commit");
    drop(w);
    let mut g = c.benchmark_group("search");
    for q in ["高质量发展", "國內大迴圈", "改革 开放 -长江", "党"] {
        let query = Query::new(q);
        g.bench_function(q, |b| {
            b.iter(|| black_box(index.search(&query).expect("search")))
        });
    }
    g.finish();
}

criterion_group!(benches, analyzers, queries);
criterion_main!(benches);
