//! The derived record through the real binary on the seeds: events, versions,
//! translations, formulations, search, alignment and exports, checked against the
//! gold (testdata/seeds/expected.json).

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// The seeds ingested once, shared by the tests of this file (they only read).
struct Seeded {
    data: tempfile::TempDir,
    /// Gold id (`000-zh`) → our document id.
    ids: HashMap<String, String>,
    gold: Value,
}

fn seeded() -> &'static Seeded {
    static SEEDED: OnceLock<Seeded> = OnceLock::new();
    SEEDED.get_or_init(|| {
        // Kept in the target's scratch directory: a static is never dropped.
        let data = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let seeds = seed_files();
        let refs: Vec<&Path> = seeds.iter().map(|p| p.as_path()).collect();
        let (code, summary) = ingest(data.path(), &refs);
        assert_eq!(code, Some(0), "{summary}");
        let gold: Value = serde_json::from_str(
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds/expected.json"),
            )
            .unwrap(),
        )
        .unwrap();
        let docs = json(data.path(), &["docs", "--json"]);
        let ids = match_gold(&gold, docs.as_array().unwrap());
        Seeded { data, ids, gold }
    })
}

fn data() -> &'static Path {
    seeded().data.path()
}

fn id(gold: &str) -> &'static str {
    &seeded().ids[gold]
}

fn doc(docs: &Value, id: &str) -> Value {
    docs.as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id)
        .cloned()
        .unwrap()
}

/// Characters `start..end` of `text`.
fn chars(text: &str, [start, end]: [usize; 2]) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn events_are_the_five_gold_events_with_their_kinds_dates_and_versions() {
    let s = seeded();
    let events = json(data(), &["events", "--json"]);
    let events = events.as_array().unwrap();
    assert_eq!(events.len(), 5, "{events:#?}");
    for g in s.gold["events"].as_array().unwrap() {
        let name = g["id"].as_str().unwrap();
        let mut want: Vec<&str> = g["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| id(v.as_str().unwrap()))
            .collect();
        want.sort();
        let e = events
            .iter()
            .find(|e| {
                let mut v: Vec<&str> = e["versions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_str().unwrap())
                    .collect();
                v.sort();
                v == want
            })
            .unwrap_or_else(|| panic!("no event with the versions of {name}"));
        assert_eq!(e["kind"], g["kind"], "{name}");
        for part in ["year", "month", "day"] {
            assert_eq!(e["date"][part], g["date"][part], "{name} {part}");
        }
        if let Some(rel) = g["date"].get("relative") {
            assert_eq!(&e["date"]["relative"], rel, "{name}");
        }
        let who = if g.get("sender").is_some() {
            "sender"
        } else {
            "chair"
        };
        assert_eq!(e[who], g[who], "{name} {who}");
        assert_eq!(e["place"], g["place"], "{name} place");
        // The original comes first; the contract fields are all there.
        assert_eq!(e["versions"][0], id(g["versions"][0].as_str().unwrap()));
        for f in [
            "attendees",
            "speakers",
            "reviewed",
            "mentioned_documents",
            "strategies",
            "directives",
            "formulations",
        ] {
            assert!(e[f].is_array(), "{name} {f}");
        }
        if let Some(attendees) = g.get("attendees") {
            let ours: Vec<&Value> = e["attendees"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| &p["name"])
                .collect();
            let gold: Vec<&Value> = attendees.as_array().unwrap().iter().collect();
            assert_eq!(ours, gold, "{name} attendees");
        }
    }
}

#[test]
fn events_filter_by_kind_and_date() {
    let meetings = json(data(), &["events", "--kind", "politburo_meeting", "--json"]);
    assert_eq!(meetings.as_array().unwrap().len(), 2);
    let late = json(data(), &["events", "--from", "2024", "--json"]);
    let late: Vec<&Value> = late.as_array().unwrap().iter().collect();
    assert!(late.iter().any(|e| e["date"]["year"] == 2024));
    assert!(late.iter().all(|e| e["date"]["year"] != 2023), "{late:?}");
    let nov = json(
        data(),
        &["events", "--from", "2023-11", "--to", "2023-11", "--json"],
    );
    assert_eq!(nov.as_array().unwrap().len(), 1, "{nov}");
    assert_eq!(nov[0]["date"]["day"], 27);

    let bad = run(data(), &["events", "--kind", "picnic"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("politburo_meeting"),
        "{}",
        stderr(&bad)
    );
    let bad = run(data(), &["events", "--from", "Nov 2023"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("YYYY-MM-DD"), "{}", stderr(&bad));
}

#[test]
fn one_event_shows_its_versions_with_roles() {
    let e1 = format!("ev-{}", id("000-zh"));
    let e = json(data(), &["event", &e1, "--json"]);
    assert_eq!(e["id"], e1.as_str());
    assert_eq!(e["original"], id("000-zh"));
    let roles: HashMap<&str, &str> = e["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["role"].as_str().unwrap()))
        .collect();
    assert_eq!(roles[id("000-zh")], "original");
    assert_eq!(roles[id("000-en")], "translation");
    assert_eq!(roles[id("001-en")], "translation");
    assert!(e["record"].is_object());

    // By a prefix, as text.
    let out = run(data(), &["event", &e1[..8]]);
    if out.status.success() {
        let text = stdout(&out);
        assert!(
            text.contains("politburo_meeting") && text.contains("2023-11-27"),
            "{text}"
        );
        assert!(text.contains(id("001-en")), "{text}");
    } else {
        assert!(stderr(&out).contains("several"), "{}", stderr(&out));
    }
    let missing = run(data(), &["event", "ev-nothing"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("readout events"));
}

#[test]
fn docs_name_their_event_original_and_coverage() {
    let s = seeded();
    let docs = json(data(), &["docs", "--json"]);
    for g in s.gold["documents"].as_array().unwrap() {
        let gid = g["id"].as_str().unwrap();
        let d = doc(&docs, id(gid));
        let want = g["translation_of"].as_str().map(id);
        assert_eq!(d["translation_of"].as_str(), want, "{gid}");
        assert_eq!(d["event"].is_null(), g["event"].is_null(), "{gid}");
        if want.is_some() {
            let c = d["coverage"].as_f64().unwrap();
            assert!(c >= g["coverage_min"].as_f64().unwrap_or(0.0), "{gid} {c}");
            assert!(c <= g["coverage_max"].as_f64().unwrap_or(1.0), "{gid} {c}");
        } else {
            assert!(d["coverage"].is_null(), "{gid}");
        }
    }
    // Versions of one gold event share one event id.
    let ev = |g: &str| doc(&docs, id(g))["event"].clone();
    assert_eq!(ev("000-zh"), ev("000-en"));
    assert_eq!(ev("000-zh"), ev("001-en"));
    assert_eq!(ev("002-zh"), ev("002-en"));
    assert_ne!(ev("000-zh"), ev("002-zh"));
    assert_ne!(ev("003-zh"), ev("004a-zh"));
}

#[test]
fn search_finds_every_script_and_highlights_the_text_as_written() {
    let docs = json(data(), &["docs", "--json"]);
    let found = json(data(), &["search", "共抓大保护、不搞大开发", "--json"]);
    let hits = found["hits"].as_array().unwrap();
    let hit_docs: Vec<&str> = hits.iter().map(|h| h["doc"].as_str().unwrap()).collect();
    // E1's original and E3 both write it in traditional script.
    assert!(hit_docs.contains(&id("000-zh")), "{hit_docs:?}");
    assert!(hit_docs.contains(&id("003-zh")), "{hit_docs:?}");
    assert_eq!(found["total"].as_u64(), Some(hits.len() as u64));
    for h in hits {
        let d = doc(&docs, h["doc"].as_str().unwrap());
        assert_eq!(h["event"], d["event"]);
        let body = body_text(&d, "\n");
        let highlights = h["highlights"].as_array().unwrap();
        assert!(!highlights.is_empty());
        for span in highlights {
            let span = [
                span[0].as_u64().unwrap() as usize,
                span[1].as_u64().unwrap() as usize,
            ];
            let marked = chars(&body, span);
            if h["doc"] == id("000-zh") || h["doc"] == id("003-zh") {
                assert_eq!(marked, "共抓大保護、不搞大開發", "{}", h["doc"]);
            }
        }
    }
    assert!(found["facets"]["script"]["Hant"].as_u64().unwrap() >= 2);

    let yangtze = json(data(), &["search", "Yangtze", "--json"]);
    let hit_docs: Vec<&str> = yangtze["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["doc"].as_str().unwrap())
        .collect();
    assert!(hit_docs.contains(&id("000-en")), "{hit_docs:?}");
    assert!(hit_docs.contains(&id("001-en")), "{hit_docs:?}");

    // Filters: no English document is in traditional script.
    let none = json(data(), &["search", "Yangtze", "--script", "Hant", "--json"]);
    assert_eq!(none["total"], 0);

    // The readable form marks the matched text.
    let out = run(data(), &["search", "共抓大保护、不搞大开发"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("«共抓大保護、不搞大開發»"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn normalize_folds_traditional_to_mainland_simplified() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("normalize")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all("以習近平同志為核心的黨中央\n推動高品質發展\n".as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "以习近平同志为核心的党中央\n推动高质量发展\n"
    );

    // --chars-only converts characters, not vocabulary.
    let out = pipe(&["normalize", "--chars-only"], "推動高品質發展".as_bytes());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "推动高品质发展");

    let bad = pipe(&["normalize"], &[0xb8, 0xdf, 0xd6, 0xca]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("iconv"), "{}", stderr(&bad));
}

fn pipe(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn formulations_have_histories_found_in_any_script() {
    let all = json(data(), &["formulations", "--json"]);
    let f = all
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["text"] == "共抓大保护、不搞大开发")
        .expect("listed");
    assert!(f["events"].as_u64().unwrap() >= 2, "{f}");

    // Asked in traditional script: normalized first.
    let h = json(data(), &["formulation", "共抓大保護、不搞大開發", "--json"]);
    assert_eq!(h["text"], "共抓大保护、不搞大开发");
    let events: Vec<&str> = h["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let e1 = format!("ev-{}", id("000-zh"));
    assert!(events.contains(&e1.as_str()), "{events:?}");
    assert!(h["spellings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s.as_str().unwrap().contains("共抓大保護")));
    // Every occurrence's text is the passage its span points at: in a Chinese
    // document the formulation in that document's script, in an English one its
    // rendering, which is one of the spellings.
    let spellings = h["spellings"].as_array().unwrap();
    for o in h["occurrences"].as_array().unwrap() {
        let t = o["text"].as_str().unwrap();
        assert!(spellings.iter().any(|s| s == t), "{o}");
        if t.chars().any(readout_lang::is_han) {
            assert_eq!(
                readout_normalize::normalize(t).text,
                "共抓大保护、不搞大开发",
                "{o}"
            );
        }
    }
    let dated = &h["events"][0]["date"];
    assert_eq!(dated["year"], 2023, "dated events first: {h}");

    let missing = run(data(), &["formulation", "不存在的提法"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("readout formulations"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_formulation_shows_its_english_renderings_with_the_pairs_they_come_from() {
    // 002-zh writes 高品質發展; 002-en (and 000-en, 001-en) render it.
    let h = json(data(), &["formulation", "高質量發展", "--json"]);
    assert_eq!(h["text"], "高质量发展");
    let renderings = h["renderings"].as_array().expect("renderings listed");
    let r = renderings
        .iter()
        .find(|r| {
            r["text"]
                .as_str()
                .unwrap()
                .eq_ignore_ascii_case("high-quality development")
        })
        .unwrap_or_else(|| panic!("{renderings:?}"));
    let count = r["count"].as_u64().unwrap();
    let sources = r["sources"].as_array().unwrap();
    assert!(count >= 3 && count as usize >= sources.len(), "{r}");
    let docs = json(data(), &["docs", "--json"]);
    assert!(sources
        .iter()
        .any(|s| s["translation"] == id("002-en") && s["original"] == id("002-zh")));
    // Each source points at the rendering in its translation, as written there.
    for s in sources {
        let d = doc(&docs, s["translation"].as_str().unwrap());
        let para = d["body"][s["para"].as_u64().unwrap() as usize]
            .as_str()
            .unwrap();
        let span = [
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        ];
        assert!(
            chars(para, span).eq_ignore_ascii_case(r["text"].as_str().unwrap()),
            "{s}"
        );
    }
    // The text view names them with their pair counts.
    let out = run(data(), &["formulation", "高质量发展"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("English renderings: ") && text.contains(&format!("({count} pairs)")),
        "{text}"
    );
}

#[test]
fn align_pairs_a_report_with_its_abridged_translation_and_names_what_is_left_out() {
    let a = json(data(), &["align", id("000-en"), id("000-zh"), "--json"]);
    assert_eq!(a["zh"]["source"], id("000-zh"), "either order");
    assert_eq!(a["en"]["source"], id("000-en"));
    let pairs = a["pairs"].as_array().unwrap();
    assert!(pairs.iter().any(
        |p| !p["zh"].as_array().unwrap().is_empty() && !p["en"].as_array().unwrap().is_empty()
    ));
    // Sentences point at their own text in the original paragraph.
    let docs = json(data(), &["docs", "--json"]);
    let zh = doc(&docs, id("000-zh"));
    for s in a["sentences"]["zh"].as_array().unwrap() {
        let para = zh["body"][s["para"].as_u64().unwrap() as usize]
            .as_str()
            .unwrap();
        let span = [
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        ];
        assert_eq!(chars(para, span), s["text"].as_str().unwrap());
    }
    assert!(!a["omitted_sentences"].as_array().unwrap().is_empty());
    let c = a["coverage"].as_f64().unwrap();
    assert!(c < 0.8, "abridged: {c}");

    // A file and a document id, as text side by side.
    let seeds = seed_files();
    let file = seeds[1].to_str().unwrap();
    let out = run(data(), &["align", file, id("000-zh")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains(" │ "), "{text}");
    assert!(text.contains(file), "{text}");

    let same = run(data(), &["align", id("000-en"), id("001-en")]);
    assert_eq!(same.status.code(), Some(2));
    assert!(stderr(&same).contains("one Chinese and one English"));
    let nothing = run(data(), &["align", "no-such-thing", id("000-en")]);
    assert_eq!(nothing.status.code(), Some(2));
    assert!(
        stderr(&nothing).contains("not a file"),
        "{}",
        stderr(&nothing)
    );
}

#[test]
fn align_eval_scores_strictly() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["src", "tgt", "gold", "gold-wrong"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    std::fs::write(
        dir.path().join("src/001"),
        "中共中央政治局召开会议。\n会议审议了关于推动长江经济带高质量发展的意见。\n会议还研究了其他事项。\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("tgt/001"),
        "The Political Bureau of the CPC Central Committee held a meeting.\n\
         The meeting reviewed a guideline on promoting the high-quality development of the Yangtze River Economic Belt.\n\
         Other matters were also discussed at the meeting.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gold/001.align"),
        "[0]:[0]\n[1]:[1]\n[2]:[2]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("gold-wrong/001.align"),
        "[0,1]:[0,1]\n[2]:[2]\n",
    )
    .unwrap();
    let p = |sub: &str| dir.path().join(sub).to_str().unwrap().to_owned();
    let score = |gold: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
            .args([
                "align-eval",
                "--src",
                &p("src"),
                "--tgt",
                &p("tgt"),
                "--gold",
                &p(gold),
                "--json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let right = score("gold");
    assert_eq!(right["f1"], 1.0, "{right}");
    assert_eq!(right["precision"], 1.0);
    assert_eq!(right["recall"], 1.0);
    let wrong = score("gold-wrong");
    // Only [2]:[2] of the three predicted groups is in this gold.
    assert!(
        (wrong["precision"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-9,
        "{wrong}"
    );
    assert!(
        (wrong["recall"].as_f64().unwrap() - 0.5).abs() < 1e-9,
        "{wrong}"
    );

    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args([
            "align-eval",
            "--src",
            "/nonexistent",
            "--tgt",
            &p("tgt"),
            "--gold",
            &p("gold"),
        ])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("--src"), "{}", stderr(&missing));
}

/// A small XML well-formedness check: every tag closed in order, attributes quoted,
/// only the predefined entities and character references, one root.
fn well_formed(xml: &str) -> Result<(), String> {
    let body = xml
        .strip_prefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        .ok_or("no XML declaration")?;
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        check_text(&rest[..lt])?;
        if !stack.is_empty() || rest[..lt].trim().is_empty() {
        } else {
            return Err("text outside the root".into());
        }
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().ok_or(format!("</{name}> closes nothing"))?;
            if open != name.trim() {
                return Err(format!("<{open}> closed by </{name}>"));
            }
        } else {
            let self_closing = tag.ends_with('/');
            let tag = tag.trim_end_matches('/');
            let name = tag.split_whitespace().next().ok_or("empty tag")?.to_owned();
            let attrs = tag[name.len()..].trim();
            check_attrs(attrs)?;
            if stack.is_empty() {
                roots += 1;
            }
            if !self_closing {
                stack.push(name);
            }
        }
        rest = &rest[gt + 1..];
    }
    check_text(rest)?;
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    if roots != 1 || !rest.trim().is_empty() {
        return Err(format!("{roots} roots"));
    }
    Ok(())
}

fn check_text(t: &str) -> Result<(), String> {
    if t.contains('>') {
        return Err(format!("bare > in {t:?}"));
    }
    let mut rest = t;
    while let Some(amp) = rest.find('&') {
        let semi = rest[amp..].find(';').ok_or("unterminated entity")? + amp;
        let entity = &rest[amp + 1..semi];
        let ok = matches!(entity, "amp" | "lt" | "gt" | "quot" | "apos")
            || entity
                .strip_prefix('#')
                .is_some_and(|n| n.parse::<u32>().is_ok());
        if !ok {
            return Err(format!("unknown entity &{entity};"));
        }
        rest = &rest[semi + 1..];
    }
    Ok(())
}

fn check_attrs(mut attrs: &str) -> Result<(), String> {
    while !attrs.is_empty() {
        let eq = attrs
            .find('=')
            .ok_or(format!("attribute without value: {attrs}"))?;
        let value = attrs[eq + 1..].trim_start();
        let quote = value.chars().next().ok_or("no value")?;
        if quote != '"' && quote != '\'' {
            return Err(format!("unquoted attribute value: {attrs}"));
        }
        let end = value[1..].find(quote).ok_or("unterminated attribute")? + 1;
        let v = &value[1..end];
        if v.contains('<') {
            return Err(format!("< in attribute {v}"));
        }
        check_text(v)?;
        attrs = value[end + 1..].trim_start();
    }
    Ok(())
}

#[test]
fn the_xml_check_rejects_broken_xml() {
    let decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    assert!(well_formed(&format!("{decl}<a x=\"1\"><b/>t &amp; u</a>")).is_ok());
    for bad in [
        "<a><b></a></b>",
        "<a>x & y</a>",
        "<a x=1/>",
        "<a></a><b/>",
        "<a>",
    ] {
        assert!(well_formed(&format!("{decl}{bad}")).is_err(), "{bad}");
    }
}

#[test]
fn export_writes_aligned_pairs_as_tmx_jsonl_and_csv() {
    let out_dir = tempfile::tempdir().unwrap();
    let tmx_path = out_dir.path().join("pairs.tmx");
    let out = run(
        data(),
        &[
            "export",
            "--format",
            "tmx",
            "--out",
            tmx_path.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let tmx = std::fs::read_to_string(&tmx_path).unwrap();
    well_formed(&tmx).unwrap_or_else(|e| panic!("TMX not well-formed: {e}"));
    assert!(tmx.contains("<tmx version=\"1.4\">") && tmx.contains("srclang=\"zh\""));
    let tus = tmx.matches("<tu>").count();
    assert!(tus > 10, "{tus} translation units");
    assert_eq!(tmx.matches("<tuv xml:lang=\"en\">").count(), tus);
    assert_eq!(
        tmx.matches("<tuv xml:lang=\"zh-Hant\">").count(),
        tus,
        "the seeds' originals are traditional"
    );
    let e1 = format!("<prop type=\"x-event\">ev-{}</prop>", id("000-zh"));
    assert!(tmx.contains(&e1));
    assert!(tmx.contains(&format!("<prop type=\"x-doc\">{}</prop>", id("001-en"))));

    let jsonl = run(data(), &["export", "--format", "jsonl"]);
    assert!(jsonl.status.success());
    let rows: Vec<Value> = stdout(&jsonl)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), tus);
    for r in &rows {
        for f in ["event", "original", "translation", "zh", "en"] {
            assert!(r[f].is_string(), "{f} in {r}");
        }
    }
    let translations: std::collections::BTreeSet<&str> = rows
        .iter()
        .map(|r| r["translation"].as_str().unwrap())
        .collect();
    let want: std::collections::BTreeSet<&str> = [id("000-en"), id("001-en"), id("002-en")]
        .into_iter()
        .collect();
    assert_eq!(translations, want);

    let csv = run(data(), &["export", "--format", "csv"]);
    let text = stdout(&csv);
    assert!(text.starts_with("event,original,translation,zh,en\r\n"));
    // Each row is one record: quoted fields may hold commas, never unbalanced quotes.
    assert_eq!(text.matches('"').count() % 2, 0);
    assert!(text.contains(&format!("{},{}", id("000-zh"), id("000-en"))));
}

#[test]
fn a_search_without_an_index_says_how_to_build_one() {
    let data = tempfile::tempdir().unwrap();
    let seeds = seed_files();
    ingest(data.path(), &[seeds[0].as_path()]);
    let index = data.path().join("index");
    std::fs::remove_file(&index)
        .or_else(|_| std::fs::remove_dir_all(&index))
        .unwrap();
    let out = run(data.path(), &["search", "Yangtze"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("readout derive"), "{}", stderr(&out));
    let out = run(data.path(), &["derive", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let found = json(data.path(), &["search", "Yangtze", "--json"]);
    assert!(found["total"].as_u64().unwrap() >= 1);
}

#[test]
fn help_for_every_new_command_has_examples() {
    for cmd in [
        "derive",
        "search",
        "events",
        "event",
        "formulations",
        "formulation",
        "align",
        "align-eval",
        "export",
        "normalize",
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
            .args([cmd, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{cmd}");
        let text = stdout(&out);
        assert!(text.contains("Examples:"), "{cmd} --help:\n{text}");
        assert!(
            text.contains(&format!("readout {cmd}")),
            "{cmd} --help:\n{text}"
        );
    }
}
