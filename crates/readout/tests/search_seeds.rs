//! Search across scripts on the seeds, through the real binary: every
//! formulation of the gold (testdata/seeds/expected.json), queried as a phrase
//! as written (simplified), in traditional characters (OpenCC s2t) and with
//! Taiwan vocabulary (OpenCC s2twp; testdata/seeds/formulations.opencc.tsv,
//! made by bench/gen_formulation_queries.py), finds a document of every gold
//! event that states it: 大循环 where 000 writes 大迴圈, 高质量发展 where 000
//! and 002 write 高品質發展.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

fn testdata(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/seeds")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Our document id → (gold document id, gold event id).
fn gold_events(gold: &Value, docs: &[Value]) -> HashMap<String, (String, String)> {
    let ours = match_gold(gold, docs);
    gold["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| {
            let (id, event) = (g["id"].as_str()?, g["event"].as_str()?);
            Some((ours[id].clone(), (id.to_owned(), event.to_owned())))
        })
        .collect()
}

#[test]
fn every_gold_formulation_finds_every_event_in_every_script() {
    let data = tempfile::tempdir().unwrap();
    let seeds = seed_files();
    let refs: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
    let (code, summary) = ingest(data.path(), &refs);
    assert_eq!(code, Some(0), "{summary}");
    let gold: Value = serde_json::from_str(&testdata("expected.json")).unwrap();
    let docs = json(data.path(), &["docs", "--json"]);
    let events = gold_events(&gold, docs.as_array().unwrap());

    let spellings: HashMap<String, Vec<String>> = testdata("formulations.opencc.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<String> = l.split('\t').map(str::to_owned).collect();
            (cols[0].clone(), cols)
        })
        .collect();

    let mut misses = Vec::new();
    let mut queries = 0;
    for f in gold["formulations"].as_array().unwrap() {
        let text = f["text"].as_str().unwrap();
        let want: BTreeSet<&str> = f["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let forms: BTreeSet<&String> = spellings
            .get(text)
            .unwrap_or_else(|| panic!("{text} is missing from formulations.opencc.tsv"))
            .iter()
            .collect();
        assert!(forms.len() >= 2, "{text}: no traditional spelling");
        for q in forms {
            queries += 1;
            let phrase = format!("\"{q}\"");
            let found = json(
                data.path(),
                &["search", &phrase, "--limit", "100", "--json"],
            );
            let got: BTreeSet<&str> = found["hits"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|h| events.get(h["doc"].as_str().unwrap()))
                .map(|(_, e)| e.as_str())
                .collect();
            for e in want.difference(&got) {
                misses.push(format!("{q}: no document of {e} (found {got:?})"));
            }
        }
    }
    assert!(queries >= 28, "{queries} queries");
    assert!(misses.is_empty(), "{misses:#?}");

    // Both English versions of E1, by an English word.
    let found = json(data.path(), &["search", "Yangtze", "--json"]);
    let got: BTreeSet<&str> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| events.get(h["doc"].as_str().unwrap()))
        .map(|(d, _)| d.as_str())
        .collect();
    assert!(got.contains("000-en") && got.contains("001-en"), "{found}");
}
