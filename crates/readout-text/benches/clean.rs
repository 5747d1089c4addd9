//! Throughput of decode + clean on mainland report text (the government work reports
//! corpus when /work/shared is beside the repository, else the seed files repeated), on
//! the same text salted with emoji, and on GBK and HTML forms of it.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use readout_text::clean::clean;
use readout_text::decode::decode;
use std::hint::black_box;
use std::path::PathBuf;

const TARGET: usize = 4 << 20;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// About 4 MB of mainland text: the corpus when present, otherwise the seeds.
fn mainland() -> (String, &'static str) {
    let corpus = manifest().join("../../../shared/corpora/government_work_reports.jsonl");
    if let Ok(raw) = std::fs::read_to_string(&corpus) {
        let mut text = String::with_capacity(TARGET);
        for line in raw.lines() {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(line) {
                if let Some(c) = v.get("content").and_then(|c| c.as_str()) {
                    text.push_str(c);
                    text.push('\n');
                }
            }
            if text.len() >= TARGET {
                break;
            }
        }
        if !text.is_empty() {
            return (text, "work-reports");
        }
    }
    eprintln!("corpus absent; benchmarking on the seed files repeated");
    let mut seeds = String::new();
    for prefix in ["002_", "004_"] {
        let dir = manifest().join("../../testdata/seeds");
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if e.file_name().to_string_lossy().starts_with(prefix) {
                seeds.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    if seeds.is_empty() {
        seeds = "中共中央政治局召开会议，审议有关文件。".repeat(100);
    }
    (seeds.repeat(TARGET / seeds.len().max(1) + 1), "seeds")
}

/// The text with an emoji sequence, a foreign symbol or an invisible control after
/// every 15th Han character, as salted pages have them.
fn salted(text: &str) -> String {
    const SALT: &[&str] = &[
        "🏋️",
        "🧛🏻",
        "👩🏿‍🔬",
        "⛹🏻‍♂️",
        "*️⃣",
        "🇨🇳",
        "🤷🏿‍♀️",
        "✢",
        "⇨",
        "𓀁",
        "🂠",
        "☯️",
        "\u{200B}",
        "\u{200E}",
        "😀",
        "👨‍👩‍👧",
    ];
    let mut out = String::with_capacity(text.len() * 5 / 4);
    let mut han = 0usize;
    for c in text.chars() {
        out.push(c);
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            han += 1;
            if han.is_multiple_of(15) {
                out.push_str(SALT[(han / 15) % SALT.len()]);
            }
        }
    }
    out
}

fn html(text: &str) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><title>报告</title><style>p{}</style></head><body>\n",
    );
    for para in text.split('\n').filter(|p| !p.trim().is_empty()) {
        out.push_str("<p class=\"text\">");
        out.push_str(para);
        out.push_str("</p>\n");
    }
    out.push_str("</body></html>");
    out
}

fn bench(c: &mut Criterion) {
    let (text, source) = mainland();
    let salted = salted(&text);
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let page = html(&text);

    let mut g = c.benchmark_group(format!("reader/{source}"));
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("decode+clean utf-8", |b| {
        b.iter(|| {
            let d = decode(black_box(text.as_bytes()), None).expect("text");
            black_box(clean(&d.text))
        })
    });
    g.bench_function("clean utf-8", |b| {
        b.iter(|| black_box(clean(black_box(&text))))
    });
    g.throughput(Throughput::Bytes(salted.len() as u64));
    g.bench_function("decode+clean salted", |b| {
        b.iter(|| {
            let d = decode(black_box(salted.as_bytes()), None).expect("text");
            black_box(clean(&d.text))
        })
    });
    g.throughput(Throughput::Bytes(gbk.len() as u64));
    g.bench_function("decode+clean gbk", |b| {
        b.iter(|| {
            let d = decode(black_box(&gbk), None).expect("text");
            black_box(clean(&d.text))
        })
    });
    g.throughput(Throughput::Bytes(page.len() as u64));
    g.bench_function("decode+clean html", |b| {
        b.iter(|| {
            let d = decode(black_box(page.as_bytes()), Some("page.html")).expect("text");
            black_box(clean(&d.text))
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
