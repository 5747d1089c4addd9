//! Ingesting the seed files through the real binary: what `docs --json` promises,
//! that ingesting twice changes nothing, and that ids depend only on the bytes.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;

const FIELDS: &[&str] = &[
    "id",
    "file",
    "kind",
    "lang",
    "script",
    "title",
    "headlines",
    "body",
    "published",
    "source",
    "author",
    "editor",
    "removed",
    "event",
    "translation_of",
    "coverage",
];

fn seeds_as_paths() -> Vec<std::path::PathBuf> {
    seed_files()
}

fn ingest_seeds(data: &Path) -> (Option<i32>, Value) {
    let seeds = seeds_as_paths();
    let refs: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    ingest(data, &refs)
}

#[test]
fn docs_json_lists_every_document_with_the_contract_fields() {
    let data = tempfile::tempdir().unwrap();
    let (code, summary) = ingest_seeds(data.path());
    assert_eq!(code, Some(0), "{summary}");
    assert_eq!(summary["new"], 5);
    assert_eq!(summary["rejected"].as_array().unwrap().len(), 0);

    let docs = json(data.path(), &["docs", "--json"]);
    let docs = docs.as_array().expect("an array");
    assert!(docs.len() >= 5, "at least one document per seed");
    assert_eq!(summary["documents"].as_u64(), Some(docs.len() as u64));
    for d in docs {
        for f in FIELDS {
            assert!(d.get(f).is_some(), "field {f} missing in {d}");
        }
        assert!(
            matches!(d["kind"].as_str(), Some("article" | "fragment")),
            "{d}"
        );
        assert!(d["body"].is_array() && d["headlines"].is_array());
        assert!(d["removed"].is_u64());
        // A fragment reports no event; every article does. Only translations have
        // an original and a coverage.
        assert_eq!(d["event"].is_null(), d["kind"] == "fragment", "{d}");
        assert_eq!(
            d["translation_of"].is_null(),
            d["coverage"].is_null(),
            "{d}"
        );
        // Ids are 12 hex digits of the file's SHA-256, a dash, the position in the file.
        let id = d["id"].as_str().unwrap();
        let (hash, index) = id.split_once('-').expect("hash-index");
        assert!(
            hash.len() == 12 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{id}"
        );
        assert!(index.parse::<usize>().is_ok(), "{id}");
    }

    // File order as given, then position within the file.
    let files: Vec<&str> = docs.iter().map(|d| d["file"].as_str().unwrap()).collect();
    let seeds = seeds_as_paths();
    let mut expected_order = files.clone();
    expected_order.sort_by_key(|f| seeds.iter().position(|s| s.to_str() == Some(*f)).unwrap());
    assert_eq!(files, expected_order);
    for pair in docs.windows(2) {
        if pair[0]["file"] == pair[1]["file"] {
            let idx = |d: &Value| -> usize {
                d["id"]
                    .as_str()
                    .unwrap()
                    .split_once('-')
                    .unwrap()
                    .1
                    .parse()
                    .unwrap()
            };
            assert_eq!(idx(&pair[1]), idx(&pair[0]) + 1);
        }
    }
}

#[test]
fn a_second_ingest_changes_nothing() {
    let data = tempfile::tempdir().unwrap();
    ingest_seeds(data.path());
    let docs = json(data.path(), &["docs", "--json"]);
    let before = check(data.path());
    assert_eq!(before["ok"], true, "{before}");

    let (code, summary) = ingest_seeds(data.path());
    assert_eq!(code, Some(0));
    assert_eq!(
        (summary["new"].as_u64(), summary["unchanged"].as_u64()),
        (Some(0), Some(5))
    );
    assert_eq!(summary["documents"], 0);

    let after = check(data.path());
    assert_eq!(
        after["digest"], before["digest"],
        "content changed on re-ingest"
    );
    assert_eq!(after["documents"], before["documents"]);
    assert_eq!(after["paths"], before["paths"]);
    assert_eq!(json(data.path(), &["docs", "--json"]), docs);
}

#[test]
fn ids_depend_only_on_the_bytes() {
    // Two stores, the files ingested in opposite orders and from different paths:
    // every document keeps its id.
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    ingest_seeds(a.path());
    let copies = tempfile::tempdir().unwrap();
    let mut reversed = Vec::new();
    for s in seed_files().iter().rev() {
        let to = copies
            .path()
            .join(format!("copy-{}", s.file_name().unwrap().to_string_lossy()));
        std::fs::copy(s, &to).unwrap();
        reversed.push(to);
    }
    let refs: Vec<&Path> = reversed.iter().map(|p| p.as_path()).collect();
    ingest(b.path(), &refs);
    let key = |v: Value| -> Vec<(String, Value)> {
        let mut ids: Vec<(String, Value)> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|d| (d["id"].as_str().unwrap().to_owned(), d["body"].clone()))
            .collect();
        ids.sort_by(|x, y| x.0.cmp(&y.0));
        ids
    };
    assert_eq!(
        key(json(a.path(), &["docs", "--json"])),
        key(json(b.path(), &["docs", "--json"]))
    );
    // The derived record is a function of the documents, not of the ingest order.
    let events = json(a.path(), &["events", "--json"]);
    assert_eq!(events.as_array().unwrap().len(), 5);
    assert_eq!(events, json(b.path(), &["events", "--json"]));
    assert_eq!(
        json(a.path(), &["formulations", "--json"]),
        json(b.path(), &["formulations", "--json"])
    );
}

#[test]
fn show_prints_one_document_by_id_or_prefix() {
    let data = tempfile::tempdir().unwrap();
    ingest_seeds(data.path());
    let docs = json(data.path(), &["docs", "--json"]);
    let first = &docs[0];
    let id = first["id"].as_str().unwrap();
    assert_eq!(&json(data.path(), &["show", id, "--json"]), first);

    let out = run(data.path(), &["show", &id[..12]]);
    if docs
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"].as_str().unwrap().starts_with(&id[..12]))
        .count()
        == 1
    {
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains(id));
        // Metadata first, then the body paragraphs in order.
        let mut at = text.find(id).unwrap();
        for p in first["body"].as_array().unwrap() {
            let p = p.as_str().unwrap();
            let found = text[at..]
                .find(p)
                .unwrap_or_else(|| panic!("{p} not after {at}"));
            at += found + p.len();
        }
    } else {
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("several ids"), "{}", stderr(&out));
    }

    let missing = run(data.path(), &["show", "doesnotexist"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("readout docs"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn docs_table_has_one_aligned_row_per_document() {
    let data = tempfile::tempdir().unwrap();
    ingest_seeds(data.path());
    let n = json(data.path(), &["docs", "--json"])
        .as_array()
        .unwrap()
        .len();
    let out = run(data.path(), &["docs"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), n + 1, "{text}");
    let header = lines[0];
    assert!(header.starts_with("ID") && header.contains("KIND") && header.ends_with("TITLE"));
    let kind_col = header.find("KIND").unwrap();
    for l in &lines[1..] {
        let kind = &l[kind_col..];
        assert!(
            kind.starts_with("article") || kind.starts_with("fragment"),
            "{l}"
        );
    }
}

#[test]
fn the_data_directory_comes_from_the_environment_too() {
    let data = tempfile::tempdir().unwrap();
    let seed = &seed_files()[0];
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .env("READOUT_DATA", data.path())
        .arg("ingest")
        .arg(seed)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(data.path().join("readout.db").is_file());
    let docs = json(data.path(), &["docs", "--json"]);
    assert!(!docs.as_array().unwrap().is_empty());
}

#[test]
fn reading_an_absent_store_says_to_ingest_first() {
    let data = tempfile::tempdir().unwrap();
    let out = run(&data.path().join("none"), &["docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("readout ingest"), "{}", stderr(&out));
    assert!(
        !data.path().join("none").exists(),
        "reading must not create a store"
    );
}

#[test]
fn help_teaches_with_examples() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("--help")
        .output()
        .unwrap();
    let text = stdout(&out);
    for needle in [
        "ingest",
        "docs",
        "show",
        "--data",
        "READOUT_DATA",
        "Examples:",
    ] {
        assert!(text.contains(needle), "--help lacks {needle}:\n{text}");
    }
}
