//! Criterion benchmarks of the normalizer on mainland text from the test
//! data and on the same text in traditional characters (made with the crate's
//! own sample of Taiwan-style text, the seed reports).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use readout_normalize::{chars_only, chars_only_as, normalize, Convention};

const SAMPLE: &str = include_str!("../testdata/mainland_sample.txt");
const SEED_000: &str = include_str!("../../../testdata/seeds/000_6c6912b3881f138c.txt");
const SEED_003: &str = include_str!("../../../testdata/seeds/003_522596ff6ab5f318.txt");

fn bench(c: &mut Criterion) {
    let hans = &SAMPLE[..SAMPLE
        .char_indices()
        .nth(60_000)
        .map_or(SAMPLE.len(), |(i, _)| i)];
    let hant = [SEED_000, SEED_003].concat().repeat(8);
    let mut g = c.benchmark_group("normalize");
    for (name, text) in [("hans", hans), ("hant", hant.as_str())] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("normalize", name), text, |b, t| {
            b.iter(|| normalize(t))
        });
        g.bench_with_input(BenchmarkId::new("chars_only", name), text, |b, t| {
            b.iter(|| chars_only(t))
        });
        g.bench_with_input(BenchmarkId::new("chars_only_opencc", name), text, |b, t| {
            b.iter(|| chars_only_as(t, Convention::Opencc))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
