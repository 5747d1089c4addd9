//! Runs corpus discovery over a JSON-lines file of documents (fields `content`, optional
//! `title` and `year`) and prints the top formulations with their source counts.
//!
//! cargo run --release -p readout-record --example discover_corpus -- FILE.jsonl [TOP]

use readout_record::{discover, CivilDate, DocInput, Lang};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: discover_corpus FILE.jsonl [TOP]");
        std::process::exit(2);
    };
    let top: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(40);
    let text = match std::fs::read_to_string(&file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {file}: {e}");
            std::process::exit(1);
        }
    };
    let mut docs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let content = v["content"].as_str().unwrap_or("");
        let paras: Vec<String> = content
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        let mut d = DocInput::new(Lang::Zh, paras)
            .with_id(v["title"].as_str().map_or(i.to_string(), str::to_string));
        d.published = v["year"]
            .as_i64()
            .and_then(|y| CivilDate::new(y as i32, 1, 1));
        docs.push(d);
    }
    let chars: usize = docs
        .iter()
        .flat_map(|d| &d.paragraphs)
        .map(|p| p.chars().count())
        .sum();
    let t = Instant::now();
    let found = discover(&docs);
    eprintln!(
        "{} documents, {} chars, {} formulations in {:?}",
        docs.len(),
        chars,
        found.len(),
        t.elapsed()
    );
    for f in found.iter().take(top) {
        println!("{}\t{}\t{}", f.sources, f.count, f.text);
    }
}
