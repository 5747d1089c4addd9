//! Times the per-document stages (normalize, record) over the files given, to see where
//! a derive spends its time. `cargo run --release --example per_doc_cost -- DIR`
use readout_collection::prepare::Prepared;
use readout_collection::InputDoc;
use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("a directory");
    let mut docs = Vec::new();
    let t0 = Instant::now();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let bytes = std::fs::read(&p).unwrap();
        if let Ok(r) = readout_text::read(&bytes, p.to_str(), &readout_text::Limits::default()) {
            for (i, d) in r.documents.into_iter().enumerate() {
                docs.push((format!("{}-{i}", p.display()), d));
            }
        }
    }
    let t1 = Instant::now();
    let prepared: Vec<Prepared> = docs
        .iter()
        .map(|(id, doc)| Prepared::new(&InputDoc { id, doc }))
        .collect();
    let t2 = Instant::now();
    let records: Vec<_> = prepared
        .iter()
        .map(|p| readout_record::record(&p.record_input))
        .collect();
    let t3 = Instant::now();
    eprintln!(
        "{} documents: read {:?}, prepare {:?}, record {:?}",
        docs.len(),
        t1 - t0,
        t2 - t1,
        t3 - t2
    );
    eprintln!("{}", records.iter().filter(|r| r.date.is_some()).count());
}
