//! Cross-script recall on real text: paragraphs of two government work
//! reports, as published (simplified) and converted by OpenCC to traditional
//! characters (s2t) and to Taiwan characters and vocabulary (s2twp), see
//! bench/search_prep.py. 1,000 random 4–8 character phrases of the
//! simplified paragraphs (fixed seed) must each find all three versions of
//! their paragraph, with a highlight inside that paragraph; so must 1,000
//! phrases of the s2t version.

use readout_search::{IndexDoc, IndexOptions, Query, SearchIndex, WriterOptions};
use readout_text::{Lang, Script};

const PER_DOC: usize = 10;

const PHRASES: usize = 1000;

fn load(name: &str) -> Vec<String> {
    let path = format!(
        "{}/testdata/gov_reports.{name}.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .map(|l| l.split_once('\t').map_or(l, |x| x.1).to_owned())
        .collect()
}

/// SplitMix64: a fixed, dependency-free sequence.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

use readout_lang::is_han;

/// Maximal runs of Han characters, as char vectors.
fn han_runs(s: &str) -> Vec<Vec<char>> {
    let mut runs = vec![Vec::new()];
    for c in s.chars() {
        if is_han(c) {
            if let Some(r) = runs.last_mut() {
                r.push(c);
            }
        } else if runs.last().is_some_and(|r| !r.is_empty()) {
            runs.push(Vec::new());
        }
    }
    runs.retain(|r| r.len() >= 4);
    runs
}

type Version = (&'static str, Script, Vec<String>);

/// Queries PHRASES random phrases taken from version `source`; returns the
/// phrase/version pairs whose paragraph was not found.
fn recall(index: &SearchIndex, versions: &[Version], source: usize, seed: u64) -> Vec<String> {
    let n = versions[0].2.len();
    let mut rng = Rng(seed);
    let mut failures = Vec::new();
    let mut done = 0;
    while done < PHRASES {
        let p = rng.below(n);
        let runs = han_runs(&versions[source].2[p]);
        if runs.is_empty() {
            continue;
        }
        let run = &runs[rng.below(runs.len())];
        let len = 4 + rng.below(run.len().min(8) - 3);
        let start = rng.below(run.len() - len + 1);
        let phrase: String = run[start..start + len].iter().collect();
        done += 1;

        let mut q = Query::new(phrase.clone());
        q.limit = 1000;
        let r = index.search(&q).expect("search");
        let (chunk, k) = (p / PER_DOC, p % PER_DOC);
        for (name, _, paras) in versions {
            let chunk_paras = &paras[chunk * PER_DOC..];
            let from: usize = chunk_paras[..k].iter().map(|s| s.chars().count() + 1).sum();
            let to = from + chunk_paras[k].chars().count();
            let id = format!("{name}-{chunk}");
            let ok = r
                .hits
                .iter()
                .any(|h| h.doc == id && h.highlights.iter().any(|x| x[0] >= from && x[1] <= to));
            if !ok {
                failures.push(format!("{phrase} ({name}, paragraph {p})"));
            }
        }
    }
    failures
}

#[test]
fn random_phrases_find_all_three_scripts() {
    let versions: [Version; 3] = [
        ("hans", Script::Hans, load("hans")),
        ("hant", Script::Hant, load("hant")),
        ("tw", Script::Hant, load("tw")),
    ];
    let n = versions[0].2.len();
    assert!(
        n > 100 && versions.iter().all(|v| v.2.len() == n),
        "fixtures misaligned"
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::create(dir.path(), &IndexOptions::default()).expect("create");
    {
        let mut w = index.writer(WriterOptions::default()).expect("writer");
        for (name, script, paras) in &versions {
            for (c, chunk) in paras.chunks(PER_DOC).enumerate() {
                w.replace(&IndexDoc {
                    id: format!("{name}-{c}"),
                    event: None,
                    title: None,
                    lang: Lang::Zh,
                    script: *script,
                    kind: "report".into(),
                    date: None,
                    paragraphs: chunk.to_vec(),
                })
                .expect("add");
            }
        }
        w.commit().expect("commit");
    }

    // Simplified phrases, the brief's test: every version, bar the named gaps.
    let failures = recall(&index, &versions, 0, 0x5EED_2025_0305);
    eprintln!(
        "simplified queries: {} of {} phrase/version pairs found",
        PHRASES * 3 - failures.len(),
        PHRASES * 3,
    );
    assert!(
        failures.is_empty(),
        "{} pairs not found: {failures:#?}",
        failures.len()
    );

    // Phrases of the character conversion find every version, the Taiwan
    // one through its Taiwan reading (数据 written 資料).
    let failures = recall(&index, &versions, 1, 0x5EED_0002);
    eprintln!(
        "traditional (s2t) queries: {} of {} pairs found",
        PHRASES * 3 - failures.len(),
        PHRASES * 3
    );
    assert!(failures.is_empty(), "{failures:#?}");

    // Phrases of the Taiwan conversion always find their own text. A phrase
    // that cuts a Taiwan word (財產權 of 智慧財產權 = 知识产权, 執 of 執行
    // = 运行) cannot be taken back to mainland words without the rest of the
    // word; such phrases may miss the other versions.
    let failures = recall(&index, &versions, 2, 0x5EED_0003);
    let own: Vec<&String> = failures.iter().filter(|f| f.contains("(tw,")).collect();
    let mainland = failures.len() - own.len();
    eprintln!(
        "Taiwan (s2twp) queries: {} of {} pairs with the other versions found",
        PHRASES * 2 - mainland,
        PHRASES * 2
    );
    assert!(
        own.is_empty(),
        "Taiwan phrases missing their own text: {own:#?}"
    );
    // 36 of 2,000 missed when written; more means recall got worse.
    assert!(mainland <= 36, "{mainland} misses: {failures:#?}");
}
