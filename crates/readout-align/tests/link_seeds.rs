//! Linking on the seed reports: 000-zh with its abridged official English (000-en) and
//! the full machine translation in 001 (001-en) are one event; 002-zh and 002-en another;
//! the stray English paragraph opening 002 (about Chinese culture) belongs to neither.
//!
//! The reader that turns seed files into documents lives in another crate and is not
//! used here: this test cuts the bodies out of the seed files with hard-coded line ranges
//! (test-local knowledge of these five files, documented below), and maps the traditional
//! script to simplified with the lexicon's CC-CEDICT character pairs, standing in for the
//! normalizer.

use readout_align::link::{link, Lang, LinkDoc, Links};
use readout_align::{split_en, split_zh, Aligner, Lexicon};

fn seed(name: &str) -> String {
    let path = format!("{}/../../testdata/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Lines `from..=to` (1-based, as an editor shows them) joined as paragraphs.
fn lines(text: &str, from: usize, to: usize) -> String {
    text.lines()
        .skip(from - 1)
        .take(to + 1 - from)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

struct Bodies {
    ids: Vec<&'static str>,
    langs: Vec<Lang>,
    texts: Vec<String>,
}

fn bodies() -> Bodies {
    let lex = Lexicon::bundled();
    let s0 = seed("000_6c6912b3881f138c.txt");
    let s1 = seed("001_940fbafa05ea93e6.txt");
    let s2 = seed("002_4a9dcca1dd6bbaa4.txt");
    // 002 line 3 glues the publish/source/editor line to the first body sentence.
    let l3 = s2.lines().nth(2).unwrap_or("");
    let glued_body = l3.split_once("曹川川").map_or(l3, |x| x.1);
    let zh2 = format!("{glued_body}\n{}", lines(&s2, 4, 6));
    Bodies {
        ids: vec!["000-zh", "000-en", "001-en", "002-frag", "002-zh", "002-en"],
        langs: vec![Lang::Zh, Lang::En, Lang::En, Lang::En, Lang::Zh, Lang::En],
        texts: vec![
            lex.to_simplified(&lines(&s0, 13, 23)),
            lines(&s0, 28, 52),
            lines(&s1, 9, 19),
            lines(&s2, 1, 1),
            lex.to_simplified(&zh2),
            lines(&s2, 8, 12),
        ],
    }
}

fn run(b: &Bodies) -> Links {
    let docs: Vec<LinkDoc<'_>> = b
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| LinkDoc {
            id: b.ids[i],
            lang: b.langs[i],
            text: t,
            sentences: match b.langs[i] {
                Lang::Zh => split_zh(t).into_iter().map(|s| s.text).collect(),
                Lang::En => split_en(t).into_iter().map(|s| s.text).collect(),
            },
        })
        .collect();
    link(&docs, &Aligner::default())
}

#[test]
fn seed_bodies_are_cut_where_the_gold_says() {
    let b = bodies();
    assert!(b.texts[0].starts_with("中共中央政治局11月27日召开会议"));
    assert!(b.texts[0].ends_with("会议还研究了其他事项。"));
    assert!(b.texts[1].starts_with("The Political Bureau of the Communist Party of China (CPC) Central Committee on Monday held a meeting"));
    assert!(b.texts[1].ends_with("Other matters were also discussed at the meeting."));
    assert!(b.texts[2].starts_with("Xinhua News Agency, Beijing, November 27"));
    assert!(b.texts[3].starts_with("We will stay firmly rooted in Chinese culture."));
    assert!(b.texts[4].starts_with("中共中央政治局8月23日召开会议"));
    assert!(b.texts[5].ends_with("Some other issues were also discussed at the meeting."));
}

#[test]
fn seed_versions_link_into_events_and_the_fragment_stays_alone() {
    let b = bodies();
    let links = run(&b);
    let names = |g: &[usize]| g.iter().map(|&i| b.ids[i]).collect::<Vec<_>>();
    let groups: Vec<Vec<&str>> = links.groups.iter().map(|g| names(g)).collect();
    assert_eq!(
        groups,
        vec![
            vec!["000-zh", "000-en", "001-en"],
            vec!["002-frag"],
            vec!["002-zh", "002-en"]
        ]
    );
    let of = |doc: usize| links.translation(doc).map(|t| b.ids[t.translation_of]);
    assert_eq!(of(1), Some("000-zh"));
    assert_eq!(of(2), Some("000-zh"));
    assert_eq!(of(3), None);
    assert_eq!(of(5), Some("002-zh"));
}

#[test]
fn coverage_separates_full_from_abridged_translations() {
    let b = bodies();
    let links = run(&b);
    let cov = |doc: usize| links.translation(doc).map(|t| t.coverage).unwrap_or(-1.0);
    for t in &links.translations {
        eprintln!(
            "{} -> {}: coverage {:.2} support {:.2}",
            b.ids[t.doc], b.ids[t.translation_of], t.coverage, t.support
        );
    }
    assert!(cov(2) >= 0.9, "001-en is a full translation: {}", cov(2));
    assert!(cov(5) >= 0.9, "002-en is a full translation: {}", cov(5));
    let abridged = cov(1);
    assert!(
        (0.0..=0.8).contains(&abridged),
        "000-en is abridged: {abridged}"
    );
}
