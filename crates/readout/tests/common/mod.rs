//! Helpers shared by the binary's integration tests: run the real `readout` binary
//! against a temporary data directory and read what it prints.

#![allow(dead_code)] // each test file uses its own subset

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The five seed files, in name order.
pub fn seed_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("testdata/seeds")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 5);
    files
}

/// `readout --data DATA ARGS…`, with no READOUT_DATA from the environment.
pub fn readout(data: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_readout"));
    cmd.env_remove("READOUT_DATA").arg("--data").arg(data);
    cmd
}

/// Runs `readout --data DATA ARGS…` to completion.
pub fn run(data: &Path, args: &[&str]) -> Output {
    readout(data).args(args).output().expect("run readout")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Runs a command that must succeed and print JSON, and parses it.
pub fn json(data: &Path, args: &[&str]) -> Value {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "readout {args:?} failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("readout {args:?} printed no JSON ({e}): {}", stdout(&out)))
}

/// `readout ingest PATHS… --json`, returning the exit code and the summary.
pub fn ingest(data: &Path, paths: &[&Path]) -> (Option<i32>, Value) {
    let out = readout(data)
        .arg("ingest")
        .args(paths)
        .arg("--json")
        .output()
        .expect("run readout ingest");
    let summary = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "ingest printed no JSON ({e}): {}\n{}",
            stdout(&out),
            stderr(&out)
        )
    });
    (out.status.code(), summary)
}

/// The store's check report (`readout check --json`).
pub fn check(data: &Path) -> Value {
    json(data, &["check", "--json"])
}

/// The quick check's report (`readout check --quick --json`, which must pass): the
/// digest, integrity and the index, without reading every file again or deriving the
/// record again (what the whole check adds costs an ingest; tests that loop use this).
pub fn check_quick(data: &Path) -> Value {
    json(data, &["check", "--quick", "--json"])
}

/// The store's quick check report whatever it finds (`readout check --quick --json`,
/// exit status 0 or 1): for a store that may be behind, where only `problems` (damage)
/// must be empty.
pub fn check_any(data: &Path) -> Value {
    let out = run(data, &["check", "--quick", "--json"]);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "readout check failed: {}",
        stderr(&out)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check printed no JSON ({e}): {}", stdout(&out)))
}

/// White space runs folded to one space.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pairs every gold document with ours (gold id → our id): same file, body starting
/// as the gold says (testdata/seeds/expected.json).
pub fn match_gold(gold: &Value, docs: &[Value]) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    for g in gold["documents"].as_array().unwrap() {
        let file = g["file"].as_str().unwrap();
        let starts = fold(g["body_starts"].as_str().unwrap());
        let d = docs
            .iter()
            .find(|d| {
                d["file"].as_str().unwrap().ends_with(file)
                    && fold(&body_text(d, " ")).starts_with(&starts)
            })
            .unwrap_or_else(|| panic!("no document for gold {}", g["id"]));
        ids.insert(
            g["id"].as_str().unwrap().to_owned(),
            d["id"].as_str().unwrap().to_owned(),
        );
    }
    ids
}

/// A document's body paragraphs (from `docs --json`) joined by `sep`.
pub fn body_text(doc: &Value, sep: &str) -> String {
    let body: Vec<&str> = doc["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    body.join(sep)
}
