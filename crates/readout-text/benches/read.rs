//! Throughput of the whole reader (decode + clean + layout + segment + identify) on
//! the government work reports, one `read()` per report as the store ingests them, and
//! on the same reports salted with emoji and invisible controls; plus the layout,
//! segment and identify stages alone. The reports come from /work/shared when it is
//! beside the repository; without it the seed files stand in.
//!
//! Time is the thread's CPU time, so the figures are MB/s per core even when other
//! jobs share the machine; throughput is printed in decimal MB/s.

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use readout_text::{clean, identify, layout, read, segment, Limits};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The reports, one string each, and what they are.
fn reports() -> (Vec<String>, &'static str) {
    let corpus = std::env::var_os("READOUT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            manifest().join("../../../shared/corpora/government_work_reports.jsonl")
        });
    if let Ok(raw) = std::fs::read_to_string(&corpus) {
        let docs: Vec<String> = raw
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("content")?.as_str().map(str::to_string))
            .collect();
        if !docs.is_empty() {
            return (docs, "work-reports");
        }
    }
    eprintln!("corpus absent; benchmarking on the seed files");
    let dir = manifest().join("../../testdata/seeds");
    let mut docs: Vec<String> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    docs.sort();
    (docs, "seeds")
}

/// Salts text the way collected pages are salted: an emoji sequence, symbol or
/// invisible control after every 12th Han character or English word, chosen by a
/// fixed pseudo-random sequence.
fn salt(text: &str, seed: &mut u64) -> String {
    const SALT: &[&str] = &[
        "😀",
        "🏋️",
        "👩🏽‍🦱",
        "🤷🏿‍♀️",
        "*️⃣",
        "🇨🇳",
        "✴️",
        "𓀁",
        "⛹🏻",
        "\u{200B}",
        "\u{FE0F}",
        "👨‍👩‍👧",
        "🧑🏿‍🚀",
        "㊙️",
        "↩️",
        "🫲🏻",
    ];
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut n = 0u32;
    let mut prev_alpha = false;
    for c in text.chars() {
        out.push(c);
        let counts = ('\u{4E00}'..='\u{9FFF}').contains(&c) || (prev_alpha && c == ' ');
        prev_alpha = c.is_ascii_alphabetic();
        if counts {
            n += 1;
            if n.is_multiple_of(12) {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                out.push_str(SALT[(*seed >> 33) as usize % SALT.len()]);
            }
        }
    }
    out
}

/// CPU time of the calling thread, in nanoseconds.
struct CpuTime;

fn thread_cpu_ns() -> u64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec to the pointer we own.
        let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        if rc == 0 {
            return ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64;
        }
    }
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as u64
}

impl Measurement for CpuTime {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, i: u64) -> u64 {
        thread_cpu_ns().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, typical: f64, values: &mut [f64]) -> &'static str {
        let (f, unit) = if typical < 1e3 {
            (1.0, "ns cpu")
        } else if typical < 1e6 {
            (1e-3, "us cpu")
        } else if typical < 1e9 {
            (1e-6, "ms cpu")
        } else {
            (1e-9, "s cpu")
        };
        values.iter_mut().for_each(|v| *v *= f);
        unit
    }

    fn scale_throughputs(&self, _typical: f64, t: &Throughput, values: &mut [f64]) -> &'static str {
        let (n, unit) = match *t {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (b as f64 / 1e6, "MB/s"),
            Throughput::Bits(b) => (b as f64 / 1e6, "Mbit/s"),
            Throughput::Elements(e) | Throughput::ElementsAndBytes { elements: e, .. } => {
                (e as f64 / 1e6, "Melem/s")
            }
        };
        values.iter_mut().for_each(|v| *v = n * 1e9 / v.max(1.0));
        unit
    }

    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

fn bench(c: &mut Criterion<CpuTime>) {
    let (docs, what) = reports();
    let mut seed = 7u64;
    let salted: Vec<String> = docs.iter().map(|d| salt(d, &mut seed)).collect();
    let limits = Limits::default();
    let bytes: u64 = docs.iter().map(|d| d.len() as u64).sum();
    let salted_bytes: u64 = salted.iter().map(|d| d.len() as u64).sum();
    eprintln!(
        "{what}: {} files, {bytes} bytes; salted {salted_bytes} bytes",
        docs.len()
    );

    let mut g = c.benchmark_group("read");
    g.sample_size(10).measurement_time(Duration::from_secs(6));
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function(what, |b| {
        b.iter(|| {
            for d in &docs {
                black_box(read(black_box(d.as_bytes()), None, &limits).ok());
            }
        })
    });
    g.throughput(Throughput::Bytes(salted_bytes));
    g.bench_function(format!("{what}-salted"), |b| {
        b.iter(|| {
            for d in &salted {
                black_box(read(black_box(d.as_bytes()), None, &limits).ok());
            }
        })
    });
    g.finish();

    // The stages this crate's layout/segment/identify helper owns, on cleaned text.
    let cleaned: Vec<String> = docs.iter().map(|d| clean::clean(d).text).collect();
    let cleaned_bytes: u64 = cleaned.iter().map(|d| d.len() as u64).sum();
    let mut g = c.benchmark_group("stages");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.throughput(Throughput::Bytes(cleaned_bytes));
    g.bench_function("layout", |b| {
        b.iter(|| {
            for d in &cleaned {
                black_box(layout::layout(black_box(d), &[]));
            }
        })
    });
    let laid: Vec<_> = cleaned.iter().map(|d| layout::layout(d, &[])).collect();
    g.bench_function("segment", |b| {
        b.iter(|| {
            for l in &laid {
                black_box(segment::segment(l.paragraphs.clone(), &[]));
            }
        })
    });
    let segmented: Vec<_> = laid
        .iter()
        .map(|l| segment::segment(l.paragraphs.clone(), &[]))
        .collect();
    g.bench_function("identify", |b| {
        b.iter(|| {
            for s in &segmented {
                let mut docs = s.clone();
                identify::identify(&mut docs);
                black_box(docs);
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(CpuTime);
    targets = bench
}
criterion_main!(benches);
