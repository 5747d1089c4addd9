//! The record stage against the gold of the seed files (testdata/seeds/expected.json).
//!
//! Test-local stand-ins for the stages before this one, kept deliberately simple:
//! - documents are cut from the seed files by hard-coded line ranges (the real reader
//!   segments them), and the cleaned bodies of 003 and 004 come from the gold body files
//!   (emoji removed, print-layout breaks joined);
//! - traditional text is converted character by character with OpenCC's
//!   TSCharacters.txt (copied to testdata/), plus four Taiwan-vocabulary words
//!   (迴圈→循环, 高品質→高质量, 水準→水平, 支援→支持); the real normalizer is another crate.

use readout_record::{record, CivilDate, DocInput, EventKind, Lang, Record};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn ts_map() -> &'static HashMap<char, char> {
    static M: OnceLock<HashMap<char, char>> = OnceLock::new();
    M.get_or_init(|| {
        let data = std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/TSCharacters.txt"),
        )
        .expect("TSCharacters.txt");
        let mut m = HashMap::new();
        for line in data.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(t), Some(s)) = (cols.next(), cols.next()) else {
                continue;
            };
            let (Some(t), Some(s)) = (
                t.chars().next(),
                s.split(' ').next().and_then(|x| x.chars().next()),
            ) else {
                continue;
            };
            m.insert(t, s);
        }
        m
    })
}

/// Test-local normalization: Taiwan words, then characters. Length-preserving, so
/// spans stay valid for the original text.
fn to_simplified(s: &str) -> String {
    let mut s = s.to_string();
    for (tw, cn) in [
        ("迴圈", "循环"),
        ("高品質", "高质量"),
        ("水準", "水平"),
        ("支援", "支持"),
    ] {
        s = s.replace(tw, cn);
    }
    s.chars().map(|c| *ts_map().get(&c).unwrap_or(&c)).collect()
}

fn lines(file: &str) -> Vec<String> {
    let text =
        std::fs::read_to_string(root().join("testdata/seeds").join(file)).expect("seed file");
    text.split('\n')
        .map(|l| l.trim_end_matches('\r').to_string())
        .collect()
}

/// Non-empty lines `from..=to` (1-based) of a seed file.
fn take(l: &[String], from: usize, to: usize) -> Vec<String> {
    l[from - 1..to]
        .iter()
        .filter(|x| !x.trim().is_empty())
        .cloned()
        .collect()
}

fn body_file(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("testdata/seeds/expected").join(name))
        .expect("body file");
    text.lines()
        .filter(|x| !x.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn zh(heads: Vec<String>, body: Vec<String>) -> DocInput {
    let conv = |v: Vec<String>| v.iter().map(|x| to_simplified(x)).collect();
    DocInput::new(Lang::Zh, conv(body)).with_headlines(conv(heads))
}

fn en(heads: Vec<String>, body: Vec<String>) -> DocInput {
    DocInput::new(Lang::En, body).with_headlines(heads)
}

/// Every document of the seeds, by its gold id.
fn docs() -> HashMap<&'static str, DocInput> {
    let f0 = lines("000_6c6912b3881f138c.txt");
    let f1 = lines("001_940fbafa05ea93e6.txt");
    let f2 = lines("002_4a9dcca1dd6bbaa4.txt");
    let f3 = lines("003_522596ff6ab5f318.txt");
    let f4 = lines("004_b96c3a9de03a77ee.txt");
    let mut m = HashMap::new();
    m.insert(
        "000-zh",
        zh(
            vec![f0[2].clone(), f0[6].clone(), f0[8].clone(), f0[10].clone()],
            take(&f0, 13, 23),
        )
        .with_id("000-zh")
        .with_event("E1")
        .with_published((2023, 11, 28)),
    );
    // The English version shares the page, so the page's publication date.
    m.insert(
        "000-en",
        en(vec![f0[25].clone()], take(&f0, 28, f0.len()))
            .with_id("000-en")
            .with_published((2023, 11, 28)),
    );
    m.insert(
        "001-en",
        en(take(&f1, 1, 7), take(&f1, 9, f1.len())).with_id("001-en"),
    );
    m.insert(
        "002-frag",
        en(vec![], vec![f2[0].clone()]).with_id("002-frag"),
    );
    // Line 3 glues the metadata line to the first body sentence; cut it off here.
    let glued = &f2[2];
    let cut = glued
        .find("曹川川")
        .map(|i| i + "曹川川".len())
        .expect("metadata line");
    let mut body2 = vec![glued[cut..].to_string()];
    body2.extend(take(&f2, 4, 6));
    m.insert(
        "002-zh",
        zh(vec![f2[1].clone()], body2)
            .with_id("002-zh")
            .with_event("E2")
            .with_published((2024, 8, 27)),
    );
    m.insert(
        "002-en",
        en(vec![f2[6].clone()], take(&f2, 8, f2.len()))
            .with_id("002-en")
            .with_published((2024, 8, 27)),
    );
    m.insert(
        "003-zh",
        zh(take(&f3, 1, 4), body_file("003-zh.body.txt"))
            .with_id("003-zh")
            .with_event("E3"),
    );
    m.insert(
        "004a-zh",
        zh(take(&f4, 3, 6), body_file("004a-zh.body.txt"))
            .with_id("004a-zh")
            .with_event("E4"),
    );
    m.insert(
        "004b-zh",
        zh(vec![f4[37].clone()], body_file("004b-zh.body.txt"))
            .with_id("004b-zh")
            .with_event("E5"),
    );
    m
}

fn gold() -> Value {
    let text = std::fs::read_to_string(root().join("testdata/seeds/expected.json"))
        .expect("expected.json");
    serde_json::from_str(&text).expect("valid json")
}

fn names(v: &[readout_record::Person]) -> Vec<String> {
    v.iter().map(|p| p.name.clone()).collect()
}

fn str_list(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn zh_version(ev: &Value) -> String {
    str_list(&ev["versions"])
        .into_iter()
        .find(|v| v.ends_with("-zh"))
        .expect("a Chinese version")
}

fn check_event(ev: &Value, r: &Record, errors: &mut Vec<String>) {
    let id = ev["id"].as_str().unwrap_or("?");
    let mut fail = |what: &str, got: String, want: String| {
        errors.push(format!("{id} {what}: got {got}, want {want}"))
    };
    let kind = serde_json::to_value(r.kind).unwrap();
    if kind != ev["kind"] {
        fail("kind", kind.to_string(), ev["kind"].to_string());
    }
    // Date: a gold year means the page's publication date resolves it; otherwise the
    // stated parts must be exactly what the text says.
    let gd = &ev["date"];
    let d = r.date.as_ref();
    if gd["year"].is_number() {
        let want = CivilDate::new(
            gd["year"].as_i64().unwrap() as i32,
            gd["month"].as_u64().unwrap() as u32,
            gd["day"].as_u64().unwrap() as u32,
        );
        let got = d.and_then(|d| d.resolved).map(|r| r.date);
        if got != want {
            fail("resolved date", format!("{got:?}"), format!("{want:?}"));
        }
    } else {
        let got = (
            d.and_then(|d| d.parts.year).map(i64::from),
            d.and_then(|d| d.parts.month).map(u64::from),
            d.and_then(|d| d.parts.day).map(u64::from),
            d.and_then(|d| d.relative.clone()),
        );
        let want = (
            gd["year"].as_i64(),
            gd["month"].as_u64(),
            gd["day"].as_u64(),
            gd["relative"].as_str().map(str::to_string),
        );
        if got != want {
            fail("stated date", format!("{got:?}"), format!("{want:?}"));
        }
        if d.and_then(|d| d.resolved).is_some() {
            fail(
                "resolved date",
                "a date".into(),
                "none without a publication date".into(),
            );
        }
    }
    let who = if ev["kind"] == "message" {
        &r.sender
    } else {
        &r.chair
    };
    let want_who = ev["chair"]
        .as_str()
        .or(ev["sender"].as_str())
        .map(str::to_string);
    if who.as_ref().map(|p| p.name.clone()) != want_who {
        fail(
            "chair/sender",
            format!("{:?}", who.as_ref().map(|p| &p.name)),
            format!("{want_who:?}"),
        );
    }
    let place = r.place.as_ref().map(|p| p.name.clone());
    if place != ev["place"].as_str().map(str::to_string) {
        fail("place", format!("{place:?}"), ev["place"].to_string());
    }
    for (field, got) in [
        ("attendees", names(&r.attendees)),
        ("speakers", names(&r.speakers)),
    ] {
        let want = str_list(&ev[field]);
        if got != want {
            fail(field, format!("{got:?}"), format!("{want:?}"));
        }
    }
    let reviewed: Vec<String> = r.reviewed.iter().map(|d| d.title.clone()).collect();
    let want_rev = ev["reviewed_any"].as_array().cloned().unwrap_or_default();
    if reviewed.len() != want_rev.len()
        || !want_rev
            .iter()
            .all(|alts| str_list(alts).iter().any(|a| reviewed.contains(a)))
    {
        fail("reviewed", format!("{reviewed:?}"), format!("{want_rev:?}"));
    }
    let mentioned: Vec<String> = r
        .mentioned_documents
        .iter()
        .map(|d| d.title.clone())
        .collect();
    if mentioned != str_list(&ev["mentioned_documents"]) {
        fail(
            "mentioned_documents",
            format!("{mentioned:?}"),
            ev["mentioned_documents"].to_string(),
        );
    }
    let mut primary: Vec<String> = r
        .strategies
        .iter()
        .filter(|s| s.primary)
        .map(|s| s.name.clone())
        .collect();
    primary.sort();
    let mut want = str_list(&ev["strategies"]);
    want.sort();
    if primary != want {
        fail("strategies", format!("{primary:?}"), format!("{want:?}"));
    }
}

#[test]
fn every_gold_event_from_its_chinese_version() {
    let g = gold();
    let docs = docs();
    let mut errors = Vec::new();
    for ev in g["events"].as_array().expect("events") {
        let id = zh_version(ev);
        let r = record(&docs[id.as_str()]);
        check_event(ev, &r, &mut errors);
    }
    assert!(
        errors.is_empty(),
        "{} mismatches:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn gold_formulations_found_in_every_listed_event() {
    let g = gold();
    let docs = docs();
    let events: HashMap<String, String> = g["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap().to_string(), zh_version(e)))
        .collect();
    let records: HashMap<String, Record> = events
        .iter()
        .map(|(e, d)| (e.clone(), record(&docs[d.as_str()])))
        .collect();
    let mut missing = Vec::new();
    for f in g["formulations"].as_array().expect("formulations") {
        let text = f["text"].as_str().unwrap();
        // `must` ones need only character conversion; the others the Taiwan words this
        // test's stand-in normalizer also undoes.
        for e in str_list(&f["events"]) {
            if !records[&e].formulations.iter().any(|h| h.text == text) {
                missing.push(format!("{text} in {e} ({})", f["level"]));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "formulations not found:\n{}",
        missing.join("\n")
    );
}

#[test]
fn formulation_spans_point_at_their_text() {
    let docs = docs();
    let d = &docs["003-zh"];
    let r = record(d);
    assert!(!r.formulations.is_empty());
    for h in &r.formulations {
        let text = if h.span.headline {
            &d.headlines[h.span.para]
        } else {
            &d.paragraphs[h.span.para]
        };
        assert_eq!(h.span.slice(text), h.matched, "{h:?}");
    }
}

#[test]
fn english_versions() {
    let docs = docs();
    let r = record(&docs["000-en"]);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    let d = r.date.as_ref().expect("a date");
    assert_eq!(d.relative.as_deref(), Some("on Monday"));
    assert_eq!(
        (d.parts.year, d.parts.month, d.parts.day),
        (None, None, None)
    );
    assert_eq!(d.resolved.map(|r| r.date), CivilDate::new(2023, 11, 27));
    assert_eq!(
        r.chair.as_ref().map(|p| p.name.as_str()),
        Some("Xi Jinping")
    );
    assert!(r
        .strategies
        .iter()
        .any(|s| s.primary && s.name == "长江经济带"));

    let r = record(&docs["001-en"]);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    let d = r.date.as_ref().expect("a date");
    assert_eq!(
        (d.parts.year, d.parts.month, d.parts.day),
        (None, Some(11), Some(27))
    );
    assert_eq!(d.resolved, None, "no publication date, no year");
    let titles: Vec<&str> = r.reviewed.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Opinions on Several Policies and Measures to Further Promote the High-Quality Development of the Yangtze River Economic Belt",
            "Regulations on Foreign Affairs Work Under the Leadership of the Communist Party of China",
        ]
    );
    assert_eq!(
        r.chair.as_ref().map(|p| p.name.as_str()),
        Some("Xi Jinping")
    );
    assert!(r
        .strategies
        .iter()
        .any(|s| s.primary && s.name == "长江经济带"));

    let r = record(&docs["002-en"]);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    let d = r.date.as_ref().expect("a date");
    assert_eq!(d.relative.as_deref(), Some("on Friday"));
    assert_eq!(d.resolved.map(|r| r.date), CivilDate::new(2024, 8, 23));
    assert_eq!(
        r.chair.as_ref().map(|p| p.name.as_str()),
        Some("Xi Jinping")
    );
    let primary: Vec<&str> = r
        .strategies
        .iter()
        .filter(|s| s.primary)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(primary, ["西部大开发"]);
    let actors: Vec<&str> = r
        .directives
        .iter()
        .filter_map(|d| d.actor.as_ref())
        .map(|a| a.text.as_str())
        .collect();
    assert!(actors.contains(&"Relevant departments"), "{actors:?}");
    assert!(
        actors.contains(&"The Central Leading Group for Coordinated Regional Development"),
        "{actors:?}"
    );
}

#[test]
fn stray_fragment_reports_no_event() {
    let r = record(&docs()["002-frag"]);
    assert_eq!(r.kind, EventKind::NoEvent);
    assert!(r.date.is_none());
    assert!(r.chair.is_none() && r.reviewed.is_empty());
}

#[test]
fn directives_name_their_actors() {
    let r = record(&docs()["002-zh"]);
    let actors: Vec<&str> = r
        .directives
        .iter()
        .filter_map(|d| d.actor.as_ref())
        .map(|a| a.text.as_str())
        .collect();
    for want in [
        "中央区域协调发展领导小组",
        "有关部门",
        "西部地区各级党委和政府",
    ] {
        assert!(actors.contains(&want), "{want} not in {actors:?}");
    }
    let r = record(&docs()["000-zh"]);
    let actors: Vec<&str> = r
        .directives
        .iter()
        .filter_map(|d| d.actor.as_ref())
        .map(|a| a.text.as_str())
        .collect();
    assert!(actors.contains(&"沿江省市各级党委和政府"), "{actors:?}");
    assert_eq!(r.paragraph_roles.first(), Some(&readout_record::Role::Lead));
    assert_eq!(
        r.paragraph_roles.last(),
        Some(&readout_record::Role::Closing)
    );
}

#[test]
fn json_shape() {
    let r = record(&docs()["003-zh"]);
    let v = serde_json::to_value(&r).unwrap();
    for k in [
        "kind",
        "date",
        "place",
        "chair",
        "sender",
        "attendees",
        "speakers",
        "reviewed",
        "mentioned_documents",
        "strategies",
        "directives",
        "formulations",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["kind"], "symposium");
    assert_eq!(v["date"]["day"], 12);
    assert!(v["date"]["year"].is_null());
    assert_eq!(v["attendees"][0]["name"], "李强");
    assert_eq!(v["attendees"][0]["title"], "中共中央政治局常委、国务院总理");
    assert!(v["attendees"][0]["span"]["para"].is_number());
}
