//! The reader against the seed files' gold (testdata/seeds/expected.json): documents in
//! order, kind, language, script, headlines and title, body start, end and paragraph
//! count, publishing metadata, and whole bodies where the gold gives them.
//!
//! One test per seed file, so a stage that is not there yet (seed 003 needs the clean
//! stage) fails on its own.

use readout_text::{read, DocKind, Document, Lang, Limits, Script};
use serde_json::Value;
use std::path::PathBuf;

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds")
}

/// Every run of Unicode white space folded to one space, ends trimmed.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn gold() -> Value {
    let text = std::fs::read_to_string(seeds_dir().join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json parses")
}

fn kind_name(k: DocKind) -> &'static str {
    match k {
        DocKind::Article => "article",
        DocKind::Fragment => "fragment",
        DocKind::Digest => "digest",
    }
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh",
        Lang::En => "en",
        Lang::Other => "other",
        Lang::Mixed => "mixed",
        Lang::Und => "und",
    }
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::Hans => "Hans",
        Script::Hant => "Hant",
        Script::Latn => "Latn",
        Script::Mixed => "Mixed",
        Script::Und => "Und",
    }
}

/// The document's headline lines as the gold lists them. When the title is not itself
/// a headline line (a digest item's "2. Title" gives the title "Title"), the gold lists
/// it right after the line it comes from.
fn listed_headlines(d: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for h in &d.headlines {
        out.push(fold(&h.text));
        if let Some(t) = &d.title {
            let t = fold(t);
            if out.len() == 1 && !d.headlines.iter().any(|h| fold(&h.text) == t) {
                out.push(t);
            }
        }
    }
    out
}

fn check_file(prefix: &str) {
    let gold = gold();
    let docs: Vec<&Value> = gold["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.starts_with(prefix)))
        .collect();
    assert!(!docs.is_empty(), "no gold documents for {prefix}");
    let file = docs[0]["file"].as_str().unwrap();
    let bytes = std::fs::read(seeds_dir().join(file)).expect("seed file");
    let reading = read(&bytes, Some(file), &Limits::default()).expect("seed reads");
    let mut problems: Vec<String> = Vec::new();
    let mut p = |id: &str, what: &str, got: String, want: String| {
        if got != want {
            problems.push(format!("{id} {what}:\n   got: {got}\n  want: {want}"));
        }
    };
    let got_ids = reading.documents.len();
    p(
        file,
        "document count",
        got_ids.to_string(),
        docs.len().to_string(),
    );
    for (g, d) in docs.iter().zip(&reading.documents) {
        let id = g["id"].as_str().unwrap();
        p(
            id,
            "kind",
            kind_name(d.kind).into(),
            g["kind"].as_str().unwrap().into(),
        );
        p(
            id,
            "lang",
            lang_name(d.lang).into(),
            g["lang"].as_str().unwrap().into(),
        );
        p(
            id,
            "script",
            script_name(d.script).into(),
            g["script"].as_str().unwrap().into(),
        );
        let gold_heads: Vec<String> = g["headlines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| fold(h.as_str().unwrap()))
            .collect();
        p(
            id,
            "headlines",
            format!("{:?}", listed_headlines(d)),
            format!("{gold_heads:?}"),
        );
        match &d.title {
            Some(t) => {
                if !gold_heads.contains(&fold(t)) {
                    p(
                        id,
                        "title among headlines",
                        fold(t),
                        format!("{gold_heads:?}"),
                    );
                }
            }
            None => p(
                id,
                "title",
                "None".into(),
                format!("{:?}", gold_heads.first()),
            ),
        }
        let body: Vec<String> = d.body.iter().map(|b| fold(&b.text)).collect();
        let joined = body.join("\n");
        let starts = fold(g["body_starts"].as_str().unwrap());
        let ends = fold(g["body_ends"].as_str().unwrap());
        if !joined.starts_with(&starts) {
            p(id, "body_starts", joined.chars().take(40).collect(), starts);
        }
        if !joined.ends_with(&ends) {
            let tail: String = joined
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            p(id, "body_ends", tail, ends);
        }
        p(
            id,
            "body_paragraphs",
            body.len().to_string(),
            g["body_paragraphs"].to_string(),
        );
        for key in ["published", "source", "editor"] {
            let want = g[key].as_str().map(str::to_string);
            let got = match key {
                "published" => d.meta.published.clone(),
                "source" => d.meta.source.clone(),
                _ => d.meta.editor.clone(),
            };
            p(id, key, format!("{got:?}"), format!("{want:?}"));
        }
        if let Some(bp) = g["boilerplate"].as_array() {
            let want: Vec<String> = bp.iter().map(|b| fold(b.as_str().unwrap())).collect();
            let got: Vec<String> = d.meta.boilerplate.iter().map(|b| fold(b)).collect();
            p(id, "boilerplate", format!("{got:?}"), format!("{want:?}"));
        }
        if let Some(f) = g["body_file"].as_str() {
            let text = std::fs::read_to_string(seeds_dir().join(f)).expect("body file");
            let want: Vec<String> = text.lines().map(fold).filter(|l| !l.is_empty()).collect();
            for (i, (a, b)) in body.iter().zip(&want).enumerate() {
                if a != b {
                    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
                    let ctx = |s: &str| {
                        s.chars()
                            .skip(at.saturating_sub(10))
                            .take(30)
                            .collect::<String>()
                    };
                    p(
                        id,
                        &format!("body line {} (char {at})", i + 1),
                        ctx(a),
                        ctx(b),
                    );
                }
            }
            p(
                id,
                "body line count",
                body.len().to_string(),
                want.len().to_string(),
            );
        }
    }
    // Every paragraph copies the cleaned text through its pieces.
    for d in &reading.documents {
        for para in d.headlines.iter().chain(&d.body) {
            for x in &para.pieces {
                let src = &reading.cleaned[x.src.clone()];
                if para.text.get(x.at..x.at + src.len()) != Some(src) {
                    problems.push(format!("piece {x:?} does not copy the cleaned text"));
                }
            }
            let copied: usize = para.pieces.iter().map(|x| x.src.len()).sum();
            if copied > para.text.len() || para.pieces.is_empty() {
                problems.push(format!("pieces do not fit paragraph {:?}", para.text));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn seed_000_boilerplate_and_two_versions() {
    check_file("000_");
}

#[test]
fn seed_001_digest_item() {
    check_file("001_");
}

#[test]
fn seed_002_fragment_and_glued_header() {
    check_file("002_");
}

#[test]
fn seed_003_salted_traditional() {
    check_file("003_");
}

#[test]
fn seed_004_print_layout_two_articles() {
    check_file("004_");
}
