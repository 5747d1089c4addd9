//! Killing an ingest at any moment leaves a whole store: what is there is exactly the
//! files committed so far, and ingesting again ends where an uninterrupted run ends.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

const FILES: usize = 300;

/// splitmix64: a fixed-seed generator, so every run kills at the same points.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Writes FILES report-like files built from the seeds' lines, each different.
fn corpus(dir: &Path, rng: &mut Rng) {
    let mut lines = Vec::new();
    for f in seed_files() {
        let text = std::fs::read_to_string(f).unwrap();
        lines.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned),
        );
    }
    for i in 0..FILES {
        let mut text = format!("{}\n\n", lines[rng.below(lines.len())]);
        for _ in 0..(8 + rng.below(40)) {
            text.push_str(&lines[rng.below(lines.len())]);
            text.push_str("\n\n");
        }
        text.push_str(&format!("（第{i}篇）\n"));
        std::fs::write(dir.join(format!("report-{i:03}.txt")), text).unwrap();
    }
}

fn docs(data: &Path) -> Vec<Value> {
    json(data, &["docs", "--json"]).as_array().unwrap().clone()
}

/// Documents without what is derived from the whole collection (a store holding a
/// prefix of the files may link them differently, or not yet at all).
fn stored_part(docs: &[Value]) -> Vec<Value> {
    docs.iter()
        .map(|d| {
            let mut d = d.clone();
            for derived in ["event", "translation_of", "coverage"] {
                d[derived] = Value::Null;
            }
            d
        })
        .collect()
}

#[test]
fn a_killed_ingest_leaves_a_whole_store_and_resumes_to_the_same_result() {
    let mut rng = Rng(0x5eed_2024);
    let input = tempfile::tempdir().unwrap();
    corpus(input.path(), &mut rng);

    // The reference: one uninterrupted ingest.
    let reference = tempfile::tempdir().unwrap();
    let (code, _) = ingest(reference.path(), &[input.path()]);
    assert_eq!(code, Some(0));
    let all = docs(reference.path());
    let digest = check(reference.path())["digest"].clone();
    // Documents of the first k files, for every k.
    let mut files_in_order: Vec<String> = Vec::new();
    for d in &all {
        let f = d["file"].as_str().unwrap().to_owned();
        if files_in_order.last() != Some(&f) {
            files_in_order.push(f);
        }
    }
    let docs_of_first = |k: usize| {
        all.iter()
            .filter(|d| {
                let f = d["file"].as_str().unwrap();
                files_in_order.iter().take(k).any(|g| g == f)
            })
            .count()
    };

    // Kill points: increasing, so each run gets further; well before the end, so the
    // process is still working when the signal arrives.
    let mut points: Vec<usize> = (0..3).map(|_| 1 + rng.below(FILES * 2 / 3)).collect();
    points.sort_unstable();
    let crashed = tempfile::tempdir().unwrap();
    let mut interrupted = 0;
    for &k in &points {
        let mut child = readout(crashed.path())
            .arg("ingest")
            .arg("--verbose")
            .arg(input.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // One line per file, printed after its transaction commits.
        let mut seen = 0;
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while seen < k && out.read_line(&mut line).unwrap() > 0 {
            if !line.starts_with(' ') {
                seen += 1;
            }
            line.clear();
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no flush
        let status = child.wait().unwrap();
        if status.code().is_none() {
            interrupted += 1;
        }

        let report = check(crashed.path());
        assert_eq!(
            report["ok"], true,
            "store broken after kill at {k}: {report:#}"
        );
        let got = docs(crashed.path());
        assert!(
            got.len() >= docs_of_first(k),
            "kill at {k}: {} documents, committed files hold {}",
            got.len(),
            docs_of_first(k)
        );
        assert_eq!(
            stored_part(&got),
            stored_part(&all[..got.len()]),
            "kill at {k}: not a prefix of the full run"
        );
    }
    assert!(interrupted > 0, "no run was still ingesting when killed");

    let (code, summary) = ingest(crashed.path(), &[input.path()]);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(docs(crashed.path()), all);
    let report = check(crashed.path());
    assert_eq!(report["ok"], true, "{report:#}");
    assert_eq!(
        report["digest"], digest,
        "resumed store differs from the reference"
    );
}

/// Stores a file the way ingest does, but without the derive that ingest runs after
/// its files: the state an ingest killed between its last file and the derive leaves.
fn store_without_derive(data: &Path, file: &Path) {
    let mut store = readout_store::Store::open(data, readout_store::OpenMode::Existing).unwrap();
    let bytes = std::fs::read(file).unwrap();
    let reading =
        readout_text::read(&bytes, file.to_str(), &readout_text::Limits::default()).unwrap();
    store.add_file(file, &bytes, &reading).unwrap();
}

#[test]
fn an_ingest_killed_before_its_derive_is_completed_by_the_next_one() {
    let seeds = seed_files();
    let all: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    let reference = tempfile::tempdir().unwrap();
    ingest(reference.path(), &all);
    let want_docs = docs(reference.path());
    let want_digest = check(reference.path())["digest"].clone();

    let data = tempfile::tempdir().unwrap();
    ingest(data.path(), &all[..4]);
    store_without_derive(data.path(), all[4]);
    let report = check(data.path());
    assert_eq!(report["ok"], true, "a stale record is no damage: {report}");
    assert_eq!(report["derived_current"], false);

    // Nothing new to store, yet the record is derived again.
    let (code, summary) = ingest(data.path(), &all);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["new"], 0);
    assert_eq!(summary["derived"]["derived"], true, "{summary}");
    assert_eq!(docs(data.path()), want_docs);
    let report = check(data.path());
    assert_eq!(report["derived_current"], true);
    assert_eq!(report["digest"], want_digest);

    // An index lost (killed while swapping, removed by hand) is rebuilt too.
    let index = data.path().join("index");
    if index.is_dir() && !index.is_symlink() {
        std::fs::remove_dir_all(&index).unwrap();
    } else {
        std::fs::remove_file(&index).unwrap();
    }
    let (_, summary) = ingest(data.path(), &all);
    assert_eq!(summary["derived"]["derived"], false, "{summary}");
    assert_eq!(summary["derived"]["indexed"], true, "{summary}");
    let found = json(data.path(), &["search", "Yangtze", "--json"]);
    assert_eq!(found["total"], 2, "{found}");
    // And an ingest with nothing to do does nothing.
    let (_, summary) = ingest(data.path(), &all);
    assert_eq!(summary["derived"]["derived"], false);
    assert_eq!(summary["derived"]["indexed"], false);
}
