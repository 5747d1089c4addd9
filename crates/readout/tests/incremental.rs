//! The derived record is a function of the set of documents: ingesting the same files in
//! any order, in any number of steps, gives what one ingest of all of them gives — the
//! same events, links, alignments and formulation occurrences (the store's digest
//! covers them all), and the same search hits.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Seeds (versions in three scripts and two languages, translations, a fragment), two
/// day files of a news broadcast (items, digests), a newspaper's JSON Feed and the
/// seeds' RSS copy (the same reports as the seed 004 again: copies across files).
fn files() -> Vec<PathBuf> {
    let testdata = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut out = seed_files();
    for f in [
        "xwlb/20230101.md",
        "xwlb/20220924.md",
        "feeds/people-politics.json",
        "feeds/seeds.rss",
    ] {
        out.push(testdata.join(f));
    }
    out
}

/// What must not depend on the order: the digest, the events, every document's link.
fn record(data: &Path) -> (Value, Value, Vec<Value>) {
    let digest = check_quick(data)["digest"].clone();
    let events = json(data, &["events", "--json"]);
    // The listing follows the order of ingest, so documents are compared by id.
    let mut docs: Vec<Value> = json(data, &["docs", "--json"]).as_array().unwrap().to_vec();
    docs.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
    (digest, events, docs)
}

fn hits(data: &Path) -> Vec<Value> {
    ["会议", "長江經濟帶", "Yangtze", "高质量发展"]
        .iter()
        .map(|q| {
            let v = json(data, &["search", q, "--json", "--limit", "1000"]);
            let mut hits: Vec<(String, Value)> = v["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| (h["doc"].as_str().unwrap().to_string(), h["event"].clone()))
                .collect();
            hits.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::json!({"total": v["total"], "hits": hits})
        })
        .collect()
}

#[test]
fn any_order_and_any_number_of_steps_give_the_record_of_one_ingest() {
    let all = files();
    let paths: Vec<&Path> = all.iter().map(PathBuf::as_path).collect();

    let once = tempfile::tempdir().unwrap();
    let (code, summary) = ingest(once.path(), &paths);
    assert_eq!(code, Some(0), "{summary}");
    let want = record(once.path());
    let want_hits = hits(once.path());
    let events = want.1.as_array().unwrap();
    // The seeds' five, and the leaders' activities of the day files and the feeds (news
    // items that report none are documents without an event).
    assert!(
        events.len() > 10,
        "the files report many events: {}",
        events.len()
    );
    assert!(
        events
            .iter()
            .any(|e| e["versions"].as_array().unwrap().len() >= 3),
        "some event has several versions"
    );

    // One file at a time, last file first.
    let backwards = tempfile::tempdir().unwrap();
    for p in paths.iter().rev() {
        let (code, summary) = ingest(backwards.path(), &[p]);
        assert_eq!(code, Some(0), "{summary}");
    }
    assert_eq!(
        record(backwards.path()),
        want,
        "one file at a time, backwards"
    );
    assert_eq!(hits(backwards.path()), want_hits);

    // Two steps, each in its own order: the English versions before their originals.
    let halves = tempfile::tempdir().unwrap();
    let (first, second): (Vec<&Path>, Vec<&Path>) = paths
        .iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 1)
        .into_iter_pair();
    ingest(halves.path(), &first);
    ingest(halves.path(), &second);
    assert_eq!(record(halves.path()), want, "two steps");

    // Derived again from scratch (`readout derive`): the same.
    let out = run(halves.path(), &["derive", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(record(halves.path()), want, "derive");
    assert_eq!(hits(halves.path()), want_hits);
}

/// Splits enumerated pairs back into two lists of paths.
trait IntoIterPair<'a> {
    fn into_iter_pair(self) -> (Vec<&'a Path>, Vec<&'a Path>);
}

impl<'a> IntoIterPair<'a> for (Vec<(usize, &&'a Path)>, Vec<(usize, &&'a Path)>) {
    fn into_iter_pair(self) -> (Vec<&'a Path>, Vec<&'a Path>) {
        (
            self.0.into_iter().map(|(_, p)| *p).collect(),
            self.1.into_iter().map(|(_, p)| *p).collect(),
        )
    }
}
