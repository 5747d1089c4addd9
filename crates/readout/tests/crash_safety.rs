//! Killing an ingest at any moment leaves a whole store: what is there is exactly the
//! files committed so far, and ingesting again ends where an uninterrupted run ends.

mod common;

use common::*;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

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
    corpus_part(dir, rng, 0, FILES);
}

/// Writes report-like files numbered `from..to`, built from the seeds' lines.
fn corpus_part(dir: &Path, rng: &mut Rng, from: usize, to: usize) {
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
    for i in from..to {
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
            for derived in ["event", "translation_of", "coverage", "role"] {
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
    let digest = check_quick(reference.path())["digest"].clone();
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

        // Whole (no damage), though the record or index may be behind until the
        // next ingest.
        let report = check_any(crashed.path());
        assert_eq!(
            report["problems"],
            serde_json::json!([]),
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
        search_works_or_says_why(crashed.path());
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
    // The resumed index finds what the uninterrupted run's index finds.
    let want = hits(reference.path());
    assert!(hits(crashed.path()) == want, "search after resuming");

    // More files, ingested into both stores: the reference without interruption, the
    // other killed in the file phase, in the derive and in the index build, each time
    // leaving the previous index whole and searchable.
    let more = tempfile::tempdir().unwrap();
    corpus_part(more.path(), &mut rng, FILES, FILES + MORE);
    let (code, _) = ingest(reference.path(), &[more.path()]);
    assert_eq!(code, Some(0));
    let want_more = hits(reference.path());
    assert_ne!(want_more, want, "the new files add hits");
    let before = generation(crashed.path());
    for phase in [
        Phase::Files(1 + rng.below(MORE - 1)),
        Phase::Derive,
        Phase::Index,
    ] {
        let delay = Duration::from_millis(rng.below(1500) as u64);
        let finished = kill_during(crashed.path(), more.path(), phase, delay);
        let report = check_any(crashed.path());
        assert_eq!(
            report["problems"],
            serde_json::json!([]),
            "{phase:?}: {report:#}"
        );
        let got = hits(crashed.path());
        eprintln!(
            "{phase:?}, delay {delay:?}: finished first {finished}, old index {}",
            got == want
        );
        // Killed before the swap: the old index; after it (or not killed at all
        // when the build was quicker than the delay): the new one.
        assert!(
            got == want || got == want_more,
            "{phase:?} (finished: {finished}): hits are neither the old nor the new index's"
        );
        if got == want {
            assert_eq!(generation(crashed.path()), before, "{phase:?}");
        }
    }
    let (code, summary) = ingest(crashed.path(), &[more.path()]);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(hits(crashed.path()), want_more, "search after resuming");
    assert_eq!(docs(crashed.path()), docs(reference.path()));
    assert_eq!(
        check_quick(crashed.path())["digest"],
        check_quick(reference.path())["digest"]
    );
    // One generation is left; leftovers of the killed builds are gone.
    let mut left: Vec<String> = std::fs::read_dir(crashed.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("index.") || n.starts_with(".index"))
        .collect();
    left.sort();
    assert_eq!(left.len(), 1, "{left:?}");
}

/// Files added after the first ingest, for the index's kills.
const MORE: usize = 20;

/// Queries in the three kinds of text the corpus holds.
const QUERIES: [&str; 5] = ["会议", "長江經濟帶", "高质量发展", "Yangtze", "第1"];

/// For each query: the total and the ids of every document hit, page after page, sorted
/// (scores may differ by the deleted entries an index holds until it merges, so only
/// the set is compared).
fn hits(data: &Path) -> Vec<(u64, Vec<String>)> {
    QUERIES
        .iter()
        .map(|q| {
            let mut ids: Vec<String> = Vec::new();
            let total = json(data, &["search", q, "--json"])["total"]
                .as_u64()
                .unwrap();
            loop {
                let offset = ids.len().to_string();
                let v = json(
                    data,
                    &[
                        "search", q, "--json", "--limit", "1000", "--offset", &offset,
                    ],
                );
                let page: Vec<String> = v["hits"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|h| h["doc"].as_str().unwrap().to_owned())
                    .collect();
                if page.is_empty() {
                    break;
                }
                ids.extend(page);
            }
            ids.sort();
            (total, ids)
        })
        .collect()
}

/// Searching a store works, or (no index has been built yet) fails saying how to
/// build one: never a crash or a broken index.
fn search_works_or_says_why(data: &Path) {
    let out = run(data, &["search", "会议", "--json"]);
    if data.join("index").exists() {
        assert!(out.status.success(), "search failed: {}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        // Found, or the index is behind the store and the user is told so.
        let told = stderr(&out).contains("search index") && stderr(&out).contains("readout derive");
        assert!(
            v["total"].as_u64().unwrap() > 0 || told,
            "{v}: {}",
            stderr(&out)
        );
    } else {
        assert!(!out.status.success(), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("search index") && err.contains("readout derive"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// The generation `DATA/index` links to.
fn generation(data: &Path) -> String {
    std::fs::read_link(data.join("index"))
        .map(|p| p.display().to_string())
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy)]
enum Phase {
    /// After this many files of the ingest are stored.
    Files(usize),
    /// After every file is stored, a seeded delay into the derive.
    Derive,
    /// Once the new index generation's directory appears, after a seeded delay.
    Index,
}

/// Runs `readout ingest --verbose INPUT` on `data` and SIGKILLs it at `phase`;
/// returns whether it had finished on its own first.
fn kill_during(data: &Path, input: &Path, phase: Phase, delay: Duration) -> bool {
    let mut child = readout(data)
        .arg("ingest")
        .arg("--verbose")
        .arg(input)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let current = generation(data);
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let files = match phase {
        Phase::Files(k) => k,
        Phase::Derive | Phase::Index => MORE,
    };
    let mut seen = 0;
    let mut line = String::new();
    while seen < files && out.read_line(&mut line).unwrap() > 0 {
        if !line.starts_with(' ') {
            seen += 1;
        }
        line.clear();
    }
    // Keep reading what it prints, so it never blocks on a full pipe.
    let drain = std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    match phase {
        Phase::Files(_) => {}
        Phase::Derive => std::thread::sleep(delay),
        Phase::Index => {
            // A generation directory other than the current one: the build began.
            loop {
                let building = std::fs::read_dir(data).unwrap().any(|e| {
                    let name = e.unwrap().file_name().to_string_lossy().into_owned();
                    name.starts_with("index.") && name != current
                });
                if building || child.try_wait().unwrap().is_some() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
            std::thread::sleep(delay);
        }
    }
    let finished = child.try_wait().unwrap().is_some();
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    let _ = drain.join();
    finished
}

/// Stores a file the way ingest does, but without the derive that ingest runs after
/// its files: the state an ingest killed between its last file and the derive leaves.
fn store_without_derive(data: &Path, file: &Path) {
    let mut store = readout_store::Store::open(data, readout_store::OpenMode::Existing).unwrap();
    let bytes = std::fs::read(file).unwrap();
    let reading =
        readout_text::read(&bytes, file.to_str(), &readout_text::Limits::default()).unwrap();
    store.add_file(file, &bytes, &reading, &[]).unwrap();
}

#[test]
fn an_ingest_killed_before_its_derive_is_completed_by_the_next_one() {
    let seeds = seed_files();
    let all: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    let reference = tempfile::tempdir().unwrap();
    ingest(reference.path(), &all);
    let want_docs = docs(reference.path());
    let want_digest = check_quick(reference.path())["digest"].clone();

    let data = tempfile::tempdir().unwrap();
    ingest(data.path(), &all[..4]);
    store_without_derive(data.path(), all[4]);
    let report = check_any(data.path());
    assert_eq!(
        report["problems"],
        serde_json::json!([]),
        "a stale record is no damage: {report}"
    );
    assert_eq!(report["ok"], false, "but it is said: {report}");
    assert_eq!(report["derived_current"], false);

    // Nothing new to store, yet the record is derived again.
    let (code, summary) = ingest(data.path(), &all);
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["new"], 0);
    assert!(
        summary["derived"]["linked"].as_u64().unwrap() > 0,
        "{summary}"
    );
    assert!(
        summary["derived"]["staged"].as_u64().unwrap() > 0,
        "{summary}"
    );
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
    assert_eq!(summary["derived"]["linked"], 0, "{summary}");
    assert_eq!(summary["derived"]["indexed"], want_docs.len(), "{summary}");
    let found = json(data.path(), &["search", "Yangtze", "--json"]);
    assert_eq!(found["total"], 2, "{found}");
    // And an ingest with nothing to do does nothing.
    let (_, summary) = ingest(data.path(), &all);
    assert_eq!(summary["derived"]["linked"], 0, "{summary}");
    assert_eq!(summary["derived"]["indexed"], 0, "{summary}");
}
