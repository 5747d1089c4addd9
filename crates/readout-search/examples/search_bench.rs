//! Measures index build throughput and single-query latency on a generated
//! index of at least 100,000 paragraphs: the government-report fixtures
//! (simplified, s2t, s2twp) repeated with variations (sentences rotated,
//! dates, kinds), grouped ten paragraphs to a document.
//!
//! `cargo run --release -p readout-search --example search_bench -- [paragraphs] [queries]`
//! (bench/search.sh runs it).

use readout_search::{IndexDoc, IndexOptions, Query, SearchIndex, WriterOptions};
use readout_text::{Lang, Script};
use std::time::Instant;

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

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The paragraph with its sentences rotated by `k`.
fn vary(p: &str, k: usize) -> String {
    let sentences: Vec<&str> = p.split_inclusive('。').collect();
    let n = sentences.len();
    (0..n).map(|i| sentences[(i + k) % n]).collect()
}

/// CPU time of this thread, in milliseconds: on a shared machine wall time
/// measures the other tenants too.
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as f64 * 1e3 + ts.tv_nsec as f64 / 1e6
}

/// CPU time of the whole process (all threads), in seconds.
fn process_cpu_s() -> f64 {
    // SAFETY: getrusage fills a zeroed rusage struct through a valid pointer.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let target: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let n_queries: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2_000);
    let versions = [
        ("hans", Script::Hans, load("hans")),
        ("hant", Script::Hant, load("hant")),
        ("tw", Script::Hant, load("tw")),
    ];
    let kinds = ["report", "article", "commentary"];

    // Documents of ten paragraphs, copies until the target is reached.
    let mut docs = Vec::new();
    let mut paragraphs = 0;
    let mut bytes = 0;
    let mut copy = 0;
    while paragraphs < target {
        for (name, script, paras) in &versions {
            for (c, chunk) in paras.chunks(10).enumerate() {
                let body: Vec<String> = chunk.iter().map(|p| vary(p, copy)).collect();
                paragraphs += body.len();
                bytes += body.iter().map(|p| p.len() + 1).sum::<usize>();
                docs.push(IndexDoc {
                    id: format!("{name}-{copy}-{c}"),
                    event: Some(format!("e{}", copy % 500)),
                    title: None,
                    lang: Lang::Zh,
                    script: *script,
                    kind: kinds[(copy + c) % kinds.len()].to_owned(),
                    date: Some(format!("{}-03-05", 2000 + copy % 26)),
                    paragraphs: body,
                });
            }
        }
        copy += 1;
    }

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    let index = SearchIndex::create(&path, &IndexOptions::default()).expect("create");
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average before: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let (t, cpu0) = (Instant::now(), process_cpu_s());
    let mut w = index.writer(WriterOptions::default()).expect("writer");
    for d in &docs {
        w.replace(d).expect("add");
    }
    w.commit().expect("commit");
    let build = t.elapsed().as_secs_f64();
    let build_cpu = process_cpu_s() - cpu0;
    w.wait_merging().expect("merge");
    let merged = t.elapsed().as_secs_f64();
    index.reload().expect("reload");
    let size: u64 = std::fs::read_dir(&path)
        .map(|rd| {
            rd.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    println!(
        "index: {} documents, {paragraphs} paragraphs, {:.1} MB of text",
        docs.len(),
        bytes as f64 / 1e6
    );
    println!(
        "build: {build:.1} s to commit ({:.2} MB/s wall), {merged:.1} s with merges; index {:.1} MB on disk",
        bytes as f64 / 1e6 / build,
        size as f64 / 1e6
    );
    println!(
        "  cpu: {build_cpu:.1} s over all threads ({:.2} MB per CPU-second)",
        bytes as f64 / 1e6 / build_cpu
    );

    // For profiling: one query, many times.
    if let Ok(q) = std::env::var("SEARCH_BENCH_PROFILE") {
        let t = Instant::now();
        for _ in 0..200 {
            let _ = index.search(&Query::new(q.clone())).expect("search");
        }
        println!(
            "{q}: {:.2} ms a query",
            t.elapsed().as_secs_f64() * 1e3 / 200.0
        );
        return;
    }

    // Queries: random 2–8 character phrases of each script, with some
    // operators, filters and one-character queries mixed in.
    let mut rng = Rng(0x00BE_7C11);
    let mut queries = Vec::new();
    while queries.len() < n_queries {
        let (_, _, paras) = &versions[rng.below(3)];
        let chars: Vec<char> = paras[rng.below(paras.len())].chars().collect();
        let len = 2 + rng.below(7);
        if chars.len() <= len {
            continue;
        }
        let s = rng.below(chars.len() - len);
        let phrase: String = chars[s..s + len].iter().collect();
        if phrase
            .chars()
            .any(|c| !('\u{4E00}'..='\u{9FFF}').contains(&c))
        {
            continue;
        }
        let mut q = Query::new(phrase.clone());
        match queries.len() % 10 {
            7 => q.text = format!("{phrase} -改革"),
            8 => q.script = Some("Hant".into()),
            9 => q.text = format!("{phrase} OR 长江"),
            _ => {}
        }
        queries.push(q);
    }
    for q in [
        "发展",
        "党",
        "國內大迴圈",
        "高质量发展",
        "改革 开放",
        "长江 -乡村振兴",
    ] {
        queries.push(Query::new(q));
    }
    // The anchor (bench/search_anchor.py) runs the same phrases.
    if let Ok(path) = std::env::var("SEARCH_BENCH_QUERIES_OUT") {
        let lines: Vec<&str> = queries.iter().map(|q| q.text.as_str()).collect();
        std::fs::write(&path, lines.join("\n") + "\n").expect("write queries");
    }
    // Warm up the page cache and lazily built structures.
    for q in queries.iter().take(200) {
        let _ = index.search(q).expect("search");
    }
    let mut times = Vec::with_capacity(queries.len());
    let mut cpu = Vec::with_capacity(queries.len());
    let mut slowest = (0.0, String::new());
    let mut matched = 0usize;
    let (mut plain, mut plain_matched) = (0usize, 0usize);
    for q in &queries {
        let (t, c) = (Instant::now(), thread_cpu_ms());
        let r = index.search(q).expect("search");
        let ms = t.elapsed().as_secs_f64() * 1e3;
        cpu.push(thread_cpu_ms() - c);
        matched += r.total;
        if q.script.is_none() && !q.text.contains(' ') {
            plain += 1;
            plain_matched += r.total;
        }
        if ms > slowest.0 {
            slowest = (ms, q.text.clone());
        }
        times.push(ms);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "search: {} queries one at a time, mean {:.1} matching documents ({:.1} for the {plain} plain phrases)",
        times.len(),
        matched as f64 / times.len() as f64,
        plain_matched as f64 / plain.max(1) as f64
    );
    println!(
        "  wall: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms ({})",
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
        slowest.0,
        slowest.1
    );
    println!(
        "  cpu:  p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        percentile(&cpu, 0.5),
        percentile(&cpu, 0.9),
        percentile(&cpu, 0.99),
        cpu.last().copied().unwrap_or(0.0)
    );
    for q in ["发展", "党", "高质量发展", "改革 开放"] {
        let t = Instant::now();
        let r = index.search(&Query::new(q)).expect("search");
        println!(
            "  {q}: {} documents, {:.2} ms",
            r.total,
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}
