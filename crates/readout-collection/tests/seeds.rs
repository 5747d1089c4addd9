//! The seed collection end to end: reader → normalize → record → link → align.
//! Gold: testdata/seeds/expected.json (events, versions, translation_of, coverage).

use readout_collection::{derive, Derived, InputDoc, Role};
use readout_text::{read, Document, Limits};
use serde_json::Value;
use std::path::PathBuf;

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds")
}

struct Seeds {
    /// Gold id of each document, in reading order.
    gold_ids: Vec<String>,
    docs: Vec<Document>,
    gold: Value,
}

fn seeds() -> Seeds {
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(testdata().join("expected.json")).unwrap())
            .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(testdata())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let reading = read(&bytes, f.to_str(), &Limits::default()).unwrap();
        docs.extend(reading.documents);
    }
    let gold_ids: Vec<String> = gold["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        docs.len(),
        gold_ids.len(),
        "the reader finds every seed document"
    );
    Seeds {
        gold_ids,
        docs,
        gold,
    }
}

fn run(s: &Seeds) -> Derived {
    let input: Vec<InputDoc<'_>> = s
        .gold_ids
        .iter()
        .zip(&s.docs)
        .map(|(id, doc)| InputDoc { id, doc })
        .collect();
    derive(&input)
}

#[test]
fn versions_are_linked_into_the_gold_events() {
    let s = seeds();
    let d = run(&s);
    // Gold event of each document → our event of each document: the partition must match.
    let gold_event: Vec<Option<String>> = s.gold["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["event"].as_str().map(str::to_string))
        .collect();
    for i in 0..s.gold_ids.len() {
        for j in 0..s.gold_ids.len() {
            let same_gold = gold_event[i].is_some() && gold_event[i] == gold_event[j];
            let same_ours = d.docs[i].event.is_some() && d.docs[i].event == d.docs[j].event;
            assert_eq!(
                same_gold, same_ours,
                "{} and {}",
                s.gold_ids[i], s.gold_ids[j]
            );
        }
        assert_eq!(
            gold_event[i].is_none(),
            d.docs[i].event.is_none(),
            "{}",
            s.gold_ids[i]
        );
    }
    assert_eq!(d.events.len(), 5);
}

#[test]
fn translations_name_their_original_and_coverage_is_within_gold_bounds() {
    let s = seeds();
    let d = run(&s);
    for (g, link) in s.gold["documents"].as_array().unwrap().iter().zip(&d.docs) {
        let id = g["id"].as_str().unwrap();
        assert_eq!(
            link.translation_of.as_deref(),
            g["translation_of"].as_str(),
            "{id}"
        );
        if g["translation_of"].is_string() {
            assert_eq!(link.role, Some(Role::Translation), "{id}");
            let c = link.coverage.expect("a translation has a coverage") as f64;
            if let Some(min) = g["coverage_min"].as_f64() {
                assert!(c >= min, "{id}: coverage {c} < {min}");
            }
            if let Some(max) = g["coverage_max"].as_f64() {
                assert!(c <= max, "{id}: coverage {c} > {max}");
            }
        }
    }
}

#[test]
fn events_carry_the_gold_record() {
    let s = seeds();
    let d = run(&s);
    for g in s.gold["events"].as_array().unwrap() {
        let first = g["versions"][0].as_str().unwrap();
        let i = s.gold_ids.iter().position(|x| x == first).unwrap();
        let ev_id = d.docs[i].event.clone().unwrap();
        let ev = d.events.iter().find(|e| e.id == ev_id).unwrap();
        let name = g["id"].as_str().unwrap();
        assert_eq!(
            serde_json::to_value(ev.kind).unwrap(),
            g["kind"],
            "{name} kind"
        );
        let date = ev.date.as_ref();
        assert_eq!(
            date.and_then(|x| x.parts.year)
                .map(Value::from)
                .unwrap_or(Value::Null),
            g["date"]["year"],
            "{name} year"
        );
        assert_eq!(
            date.and_then(|x| x.parts.month)
                .map(Value::from)
                .unwrap_or(Value::Null),
            g["date"]["month"],
            "{name} month"
        );
        assert_eq!(
            date.and_then(|x| x.parts.day)
                .map(Value::from)
                .unwrap_or(Value::Null),
            g["date"]["day"],
            "{name} day"
        );
        if let Some(rel) = g["date"]["relative"].as_str() {
            assert_eq!(
                date.and_then(|x| x.relative.as_deref()),
                Some(rel),
                "{name} relative"
            );
        }
        let who = ev.chair.clone().or(ev.sender.clone());
        let gold_who = g["chair"].as_str().or(g["sender"].as_str());
        assert_eq!(who.as_deref(), gold_who, "{name} chair/sender");
        assert_eq!(ev.place.as_deref(), g["place"].as_str(), "{name} place");
        let versions: Vec<&str> = g["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let ours: Vec<String> = {
            let mut v: Vec<String> = d
                .docs
                .iter()
                .enumerate()
                .filter(|(_, l)| l.event.as_deref() == Some(&ev_id))
                .map(|(k, _)| s.gold_ids[k].clone())
                .collect();
            v.sort();
            v
        };
        let mut gv: Vec<String> = versions.iter().map(|x| x.to_string()).collect();
        gv.sort();
        assert_eq!(ours, gv, "{name} versions");
    }
}

#[test]
fn the_abridged_english_version_omits_the_core_phrase_and_spans_point_at_it() {
    let s = seeds();
    let d = run(&s);
    let a = d
        .alignments
        .iter()
        .find(|a| a.translation == "000-en")
        .expect("000-en is aligned");
    assert_eq!(a.original, "000-zh");
    assert!(
        !a.omitted_sentences.is_empty(),
        "an abridged version leaves sentences out"
    );
    // Every sentence reference points at its own text in the original paragraph.
    let zh = &s.docs[0];
    for r in &a.original_sentences {
        let para: String = zh.body[r.para]
            .text
            .chars()
            .skip(r.start)
            .take(r.end - r.start)
            .collect();
        assert_eq!(para, r.text);
    }
    assert!(
        a.omitted_phrases.iter().any(|p| p.text.contains("核心")),
        "以习近平同志为核心 is left out of 'the Party Central Committee': {:?}",
        a.omitted_phrases
            .iter()
            .map(|p| &p.text)
            .collect::<Vec<_>>()
    );
}

#[test]
fn formulations_have_histories_over_events_with_original_spellings() {
    let s = seeds();
    let d = run(&s);
    let f = d.history("共抓大保护、不搞大开发").expect("found");
    assert!(f.events.len() >= 2, "{:?}", f.events);
    assert!(
        f.spellings.iter().any(|x| x.contains("共抓大保護")),
        "{:?}",
        f.spellings
    );
    let f = d.history("高质量发展").expect("found");
    assert!(
        f.spellings.iter().any(|x| x.contains("高品質")),
        "{:?}",
        f.spellings
    );
}

#[test]
fn formulations_carry_the_english_renderings_read_off_the_aligned_pairs() {
    let s = seeds();
    let d = run(&s);
    let paragraph = |doc: &str, para: usize| -> String {
        let k = s
            .gold_ids
            .iter()
            .position(|g| g == doc)
            .expect("a seed document");
        s.docs[k].body[para].text.clone()
    };
    // 002-zh writes 高品質發展 (Taiwan wording, traditional script); 002-en renders it.
    let f = d.history("高质量发展").expect("found");
    let r = f
        .renderings
        .iter()
        .find(|r| r.text.eq_ignore_ascii_case("high-quality development"))
        .unwrap_or_else(|| panic!("{:?}", f.renderings));
    assert!(
        r.sources
            .iter()
            .any(|x| x.original == "002-zh" && x.translation == "002-en"),
        "{:?}",
        r.sources
    );
    assert!(r.count >= r.sources.len() && r.count >= 3, "{r:?}");
    // Every source points at the rendering as its translation writes it.
    for x in &r.sources {
        let text: String = paragraph(&x.translation, x.para)
            .chars()
            .skip(x.start)
            .take(x.end - x.start)
            .collect();
        assert!(text.eq_ignore_ascii_case(&r.text), "{text} vs {}", r.text);
    }
    // 000-zh's 以习近平同志为核心的党中央: 001-en renders it in full, 000-en as "the
    // Party Central Committee" only, which is no rendering.
    let f = d.history("以习近平同志为核心的党中央").expect("found");
    let sources: Vec<&str> = f
        .renderings
        .iter()
        .flat_map(|r| r.sources.iter().map(|x| x.translation.as_str()))
        .collect();
    assert_eq!(sources, ["001-en"], "{:?}", f.renderings);
    assert!(
        f.renderings[0]
            .text
            .ends_with("Central Committee with Comrade Xi Jinping at the core"),
        "{:?}",
        f.renderings
    );
}
