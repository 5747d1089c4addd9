//! Speed of the record stage: one readout (the simplified seed 004a body, 12 paragraphs)
//! recorded end to end, and corpus discovery over the seed bodies.
//!
//! CARGO_TARGET_DIR=/work/targets/record cargo bench -p readout-record --bench record

use criterion::{criterion_group, criterion_main, Criterion};
use readout_record::{discover, record, DocInput, Lang};
use std::hint::black_box;
use std::path::PathBuf;

fn body(name: &str) -> Vec<String> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/seeds/expected")
        .join(name);
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

fn bench(c: &mut Criterion) {
    let doc = DocInput::new(Lang::Zh, body("004a-zh.body.txt")).with_published((2023, 12, 1));
    c.bench_function("record_readout_004a", |b| {
        b.iter(|| record(black_box(&doc)))
    });
    let docs: Vec<DocInput> = ["004a-zh.body.txt", "004b-zh.body.txt", "003-zh.body.txt"]
        .iter()
        .map(|f| DocInput::new(Lang::Zh, body(f)))
        .collect();
    c.bench_function("discover_three_readouts", |b| {
        b.iter(|| discover(black_box(&docs)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
