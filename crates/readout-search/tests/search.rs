//! End-to-end search over a real tantivy index in a temporary directory:
//! the same text in simplified, traditional and Taiwan-vocabulary
//! traditional is found by queries in any of them, with highlights on the
//! text as written; English stemming; AND/OR/NOT; filters and facets;
//! replacing and deleting documents.

use readout_search::{IndexDoc, IndexOptions, Query, Results, SearchIndex, WriterOptions};
use readout_text::{Lang, Script};

const HANS: &str = "提升国内大循环内生动力和可靠性。推动长江经济带高质量发展，坚持共抓大保护、不搞大开发。以习近平同志为核心的党中央坚强领导。";
// OpenCC s2t of HANS.
const HANT: &str = "提升國內大循環內生動力和可靠性。推動長江經濟帶高質量發展，堅持共抓大保護、不搞大開發。以習近平同志爲核心的黨中央堅強領導。";
// Taiwan vocabulary, as a Taiwan site writes it.
const TW: &str = "提升國內大迴圈內生動力和可靠性。推動長江經濟帶高品質發展，堅持共抓大保護、不搞大開發。以習近平同志為核心的黨中央堅強領導。";

fn doc(
    id: &str,
    lang: Lang,
    script: Script,
    kind: &str,
    date: Option<&str>,
    paras: &[&str],
) -> IndexDoc {
    IndexDoc {
        id: id.into(),
        event: Some(format!("event-{id}")),
        title: None,
        lang,
        script,
        kind: kind.into(),
        date: date.map(str::to_owned),
        paragraphs: paras.iter().map(|p| p.to_string()).collect(),
    }
}

fn corpus() -> Vec<IndexDoc> {
    let mut split = doc(
        "zh-split",
        Lang::Zh,
        Script::Hans,
        "article",
        Some("2022-03-05"),
        &[
            "全面推进乡村振兴。",
            "加快建设农业强国，推动长江流域协调发展。",
        ],
    );
    split.title = Some("关于乡村振兴的报告".into());
    vec![
        doc(
            "zh-hans",
            Lang::Zh,
            Script::Hans,
            "article",
            Some("2023-11-28T08:50:00+08:00"),
            &[HANS],
        ),
        doc(
            "zh-hant",
            Lang::Zh,
            Script::Hant,
            "article",
            Some("2023-12"),
            &[HANT],
        ),
        doc(
            "zh-tw",
            Lang::Zh,
            Script::Hant,
            "commentary",
            Some("2024-01-05"),
            &["前言", TW],
        ),
        split,
        doc(
            "en-1",
            Lang::En,
            Script::Latn,
            "article",
            Some("2023-11-28"),
            &[
                "The meeting reviewed the report.",
                "Xi Jinping chaired the meetings of the Political Bureau.",
            ],
        ),
        doc(
            "en-2",
            Lang::En,
            Script::Latn,
            "article",
            None,
            &["Delegates discussed the Yangtze River Economic Belt and high-quality development."],
        ),
    ]
}

struct Fixture {
    _dir: tempfile::TempDir,
    index: SearchIndex,
    docs: Vec<IndexDoc>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let index =
        SearchIndex::create(&dir.path().join("index"), &IndexOptions::default()).expect("create");
    let docs = corpus();
    {
        let mut w = index.writer(WriterOptions::default()).expect("writer");
        for d in &docs {
            w.replace(d).expect("add");
        }
        w.commit().expect("commit");
    }
    Fixture {
        _dir: dir,
        index,
        docs,
    }
}

fn body(f: &Fixture, id: &str) -> String {
    let d = f.docs.iter().find(|d| d.id == id).expect("doc");
    d.paragraphs.join("\n")
}

fn chars(s: &str, r: [usize; 2]) -> String {
    s.chars().skip(r[0]).take(r[1] - r[0]).collect()
}

fn run(f: &Fixture, q: Query) -> Results {
    f.index.search(&q).expect("search")
}

fn ids(r: &Results) -> Vec<String> {
    let mut v: Vec<String> = r.hits.iter().map(|h| h.doc.clone()).collect();
    v.sort();
    v
}

/// The highlighted strings of one hit, in its body.
fn marked(f: &Fixture, r: &Results, id: &str) -> Vec<String> {
    let h = r
        .hits
        .iter()
        .find(|h| h.doc == id)
        .unwrap_or_else(|| panic!("{id} not hit"));
    let b = body(f, id);
    h.highlights.iter().map(|&r| chars(&b, r)).collect()
}

const THREE: [&str; 3] = ["zh-hans", "zh-hant", "zh-tw"];

#[test]
fn simplified_query_finds_every_script_with_original_spans() {
    let f = fixture();
    let r = run(&f, Query::new("国内大循环"));
    assert_eq!(ids(&r), THREE);
    assert_eq!(marked(&f, &r, "zh-hans"), ["国内大循环"]);
    assert_eq!(marked(&f, &r, "zh-hant"), ["國內大循環"]);
    assert_eq!(marked(&f, &r, "zh-tw"), ["國內大迴圈"]);
    // The Taiwan document's body starts with another paragraph and "\n".
    let tw = r.hits.iter().find(|h| h.doc == "zh-tw").expect("tw");
    assert_eq!(tw.highlights, vec![[5, 10]]);
}

#[test]
fn traditional_and_taiwan_queries_find_every_script() {
    let f = fixture();
    for q in [
        "國內大迴圈",
        "國內大循環",
        "以習近平同志爲核心的黨中央",
        "以习近平同志为核心的党中央",
    ] {
        let r = run(&f, Query::new(q));
        assert_eq!(ids(&r), THREE, "query {q}");
    }
    let r = run(&f, Query::new("以習近平同志為核心的黨中央"));
    assert_eq!(marked(&f, &r, "zh-hans"), ["以习近平同志为核心的党中央"]);
    assert_eq!(marked(&f, &r, "zh-hant"), ["以習近平同志爲核心的黨中央"]);
}

#[test]
fn taiwan_vocabulary_is_found_by_mainland_terms() {
    let f = fixture();
    let r = run(&f, Query::new("高质量发展"));
    assert_eq!(ids(&r), THREE);
    assert_eq!(marked(&f, &r, "zh-tw"), ["高品質發展"]);
    assert_eq!(marked(&f, &r, "zh-hant"), ["高質量發展"]);
}

#[test]
fn phrase_inside_a_longer_word_is_found_through_bigrams() {
    let f = fixture();
    // 共抓大保护 is one term of the segmenter's dictionary.
    let r = run(&f, Query::new("大保护"));
    assert_eq!(ids(&r), THREE);
    assert_eq!(marked(&f, &r, "zh-hant"), ["大保護"]);
    let r = run(&f, Query::new("共抓大保護"));
    assert_eq!(ids(&r), THREE);
}

#[test]
fn single_character_and_clause_breaks() {
    let f = fixture();
    let r = run(&f, Query::new("黨"));
    assert_eq!(ids(&r), THREE);
    assert_eq!(marked(&f, &r, "zh-tw"), ["黨"]);
    // 发展，坚持 is in the text; 发展坚持 across the comma is not a phrase.
    assert_eq!(run(&f, Query::new("发展坚持")).total, 0);
    assert_eq!(run(&f, Query::new("\"发展，坚持\"")).total, 3);
}

#[test]
fn english_terms_are_stemmed() {
    let f = fixture();
    let r = run(&f, Query::new("meetings"));
    assert_eq!(ids(&r), ["en-1"]);
    assert_eq!(marked(&f, &r, "en-1"), ["meeting", "meetings"]);
    let r = run(&f, Query::new("\"economic belts\""));
    assert_eq!(ids(&r), ["en-2"]);
    assert_eq!(marked(&f, &r, "en-2"), ["Economic Belt"]);
    assert_eq!(run(&f, Query::new("\"belt economic\"")).total, 0);
}

#[test]
fn boolean_operators_apply_to_documents() {
    let f = fixture();
    // The two terms are in different paragraphs of zh-split.
    let r = run(&f, Query::new("乡村振兴 长江"));
    assert_eq!(ids(&r), ["zh-split"]);
    let b = body(&f, "zh-split");
    let h = &r.hits[0];
    let got: Vec<String> = h.highlights.iter().map(|&x| chars(&b, x)).collect();
    assert_eq!(got, ["乡村振兴", "长江"]);
    assert_eq!(run(&f, Query::new("乡村振兴 AND meeting")).total, 0);
    assert_eq!(
        ids(&run(&f, Query::new("乡村振兴 OR meeting"))),
        ["en-1", "zh-split"]
    );
    let mut q = Query::new("长江 NOT 乡村振兴");
    q.limit = 100;
    assert_eq!(ids(&run(&f, q)), THREE);
    assert_eq!(
        ids(&run(&f, Query::new("长江 -乡村振兴 -大循环"))),
        Vec::<String>::new()
    );
    assert_eq!(
        ids(&run(&f, Query::new("(meeting OR delegates) -xi"))),
        ["en-2"]
    );
    // A query of negations alone: everything else.
    let mut q = Query::new("-长江");
    q.limit = 100;
    assert_eq!(ids(&run(&f, q)), ["en-1", "en-2"]);
}

#[test]
fn facets_count_all_matches_and_filters_apply() {
    let f = fixture();
    let mut q = Query::new("长江 OR Yangtze");
    q.limit = 1;
    let r = run(&f, q);
    assert_eq!(r.total, 5);
    assert_eq!(r.hits.len(), 1);
    let fc = &r.facets;
    assert_eq!(fc.lang.get("zh"), Some(&4));
    assert_eq!(fc.lang.get("en"), Some(&1));
    assert_eq!(fc.script.get("Hans"), Some(&2));
    assert_eq!(fc.script.get("Hant"), Some(&2));
    assert_eq!(fc.script.get("Latn"), Some(&1));
    assert_eq!(fc.kind.get("commentary"), Some(&1));
    assert_eq!(fc.kind.get("article"), Some(&4));
    assert_eq!(fc.year.get("2023"), Some(&2));
    assert_eq!(fc.year.get("2024"), Some(&1));
    assert_eq!(fc.year.get("2022"), Some(&1));
    assert_eq!(fc.year.values().sum::<usize>(), 4, "en-2 has no date");

    let mut q = Query::new("长江");
    q.script = Some("hant".into());
    assert_eq!(ids(&run(&f, q)), ["zh-hant", "zh-tw"]);
    let mut q = Query::new("长江");
    q.from = Some("2023-12".into());
    assert_eq!(ids(&run(&f, q)), ["zh-hant", "zh-tw"]);
    let mut q = Query::new("长江");
    q.to = Some("2023".into());
    assert_eq!(
        ids(&run(&f, q)),
        ["zh-hans", "zh-hant", "zh-split"]
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .tap_sort()
    );
    let mut q = Query::new("长江");
    q.kind = Some("commentary,other".into());
    q.lang = Some("ZH".into());
    assert_eq!(ids(&run(&f, q)), ["zh-tw"]);
    // Empty text lists everything that passes the filters.
    let mut q = Query::new("");
    q.lang = Some("en".into());
    let r = run(&f, q);
    assert_eq!(ids(&r), ["en-1", "en-2"]);
    assert_eq!(r.facets.lang.get("en"), Some(&2));
}

#[test]
fn one_term_counts_facets_as_a_combined_query_does() {
    // One term counts its facets while it runs (per segment); a combined query counts
    // them over the combined set: the two must agree, filters included.
    let f = fixture();
    for (one, combined, filter) in [
        ("长江", "长江 OR 长江", None),
        ("长江", "长江 长江", None),
        ("长江", "长江 OR 长江", Some("hant")),
    ] {
        let mut a = Query::new(one);
        let mut b = Query::new(combined);
        a.script = filter.map(str::to_string);
        b.script = filter.map(str::to_string);
        let (ra, rb) = (run(&f, a), run(&f, b));
        assert!(ra.total > 0);
        assert_eq!(ra.total, rb.total);
        assert_eq!(ra.facets, rb.facets, "{one} / {combined} / {filter:?}");
    }
}

trait TapSort {
    fn tap_sort(self) -> Self;
}
impl TapSort for Vec<String> {
    fn tap_sort(mut self) -> Self {
        self.sort();
        self
    }
}

#[test]
fn hits_carry_metadata_snippets_and_title_highlights() {
    let f = fixture();
    let r = run(&f, Query::new("乡村振兴"));
    assert_eq!(ids(&r), ["zh-split"]);
    let h = &r.hits[0];
    assert_eq!(h.title.as_deref(), Some("关于乡村振兴的报告"));
    assert_eq!(h.title_highlights, vec![[2, 6]]);
    assert_eq!(h.event.as_deref(), Some("event-zh-split"));
    assert_eq!(h.date.as_deref(), Some("2022-03-05"));
    assert_eq!(
        (h.lang.as_str(), h.script.as_str(), h.kind.as_str()),
        ("zh", "Hans", "article")
    );
    let b = body(&f, "zh-split");
    let snip: String = b
        .chars()
        .skip(h.snippet_start)
        .take(h.snippet.chars().count())
        .collect();
    assert_eq!(snip, h.snippet);
    assert!(h.snippet.contains("乡村振兴"));
    assert!(h.highlights_complete);
    // Highlights sought in fewer paragraphs than matched say so.
    let mut q = Query::new("乡村振兴 OR 长江");
    q.highlight_paragraphs = 1;
    let r = run(&f, q);
    let h = r.hits.iter().find(|h| h.doc == "zh-split").expect("hit");
    assert!(!h.highlights_complete);
    assert!(run(&f, Query::new("乡村振兴 OR 长江"))
        .hits
        .iter()
        .all(|h| h.highlights_complete));
    // A title-only match still gets a snippet, from the start of the body.
    let r = run(&f, Query::new("报告 乡村"));
    assert_eq!(ids(&r), ["zh-split"]);
}

#[test]
fn replace_delete_reopen_and_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index");
    let opts = IndexOptions {
        words: vec!["兩個結合".into()],
    };
    {
        let index = SearchIndex::create(&path, &opts).expect("create");
        let mut w = index.writer(WriterOptions::default()).expect("writer");
        for d in corpus() {
            w.replace(&d).expect("add");
        }
        w.commit().expect("commit");
        assert_eq!(index.doc_count().expect("count"), 6);
        // Re-ingest zh-hans with other text: the old text is gone.
        let mut d = doc(
            "zh-hans",
            Lang::Zh,
            Script::Hans,
            "article",
            None,
            &["坚持两个结合。"],
        );
        d.title = Some("新标题".into());
        w.replace(&d).expect("replace");
        w.delete("en-2");
        w.commit().expect("commit");
        assert_eq!(
            index.doc_ids().expect("ids"),
            ["en-1", "zh-hans", "zh-hant", "zh-split", "zh-tw"]
        );
        assert_eq!(
            ids(&index.search(&Query::new("国内大循环")).expect("s")),
            ["zh-hant", "zh-tw"]
        );
        assert_eq!(
            ids(&index.search(&Query::new("两个结合")).expect("s")),
            ["zh-hans"]
        );
        assert_eq!(index.search(&Query::new("Yangtze")).expect("s").total, 0);
    }
    {
        // Reopened: documents and the added words are still there.
        let index = SearchIndex::open(&path).expect("open");
        assert!(index
            .dictionary()
            .added_words()
            .iter()
            .any(|w| w == "两个结合"));
        assert_eq!(index.doc_count().expect("count"), 5);
        // Rebuild in place: clear, add, commit.
        let mut w = index.writer(WriterOptions::default()).expect("writer");
        w.clear().expect("clear");
        w.replace(&doc(
            "only",
            Lang::En,
            Script::Latn,
            "article",
            None,
            &["meeting"],
        ))
        .expect("add");
        w.commit().expect("commit");
        assert_eq!(index.doc_ids().expect("ids"), ["only"]);
    }
    // create() over an index replaces it; over a foreign directory it refuses.
    let index = SearchIndex::create(&path, &opts).expect("recreate");
    assert_eq!(index.doc_count().expect("count"), 0);
    let foreign = dir.path().join("foreign");
    std::fs::create_dir_all(&foreign).expect("mkdir");
    std::fs::write(foreign.join("x.txt"), "x").expect("write");
    assert!(SearchIndex::create(&foreign, &opts).is_err());
    assert!(SearchIndex::open(&dir.path().join("none")).is_err());
}

#[test]
fn odd_queries_do_not_fail() {
    let f = fixture();
    for q in [
        "",
        " ",
        "AND",
        "OR OR",
        "NOT",
        "-",
        "--a",
        "(((",
        ")))",
        "\"",
        "\"\"",
        "，，。",
        "😀",
        "a\u{0}b",
        "国",
        "〇",
        "ＡＰＥＣ",
        "\"长江 AND\"",
        "NOT NOT 长江",
        "长江 OR",
        "*",
        "?",
        "\\",
        "字".repeat(3000).as_str(),
    ] {
        let r = f.index.search(&Query::new(q)).expect("no error");
        assert!(r.hits.len() <= 10);
    }
    assert_eq!(run(&f, Query::new("NOT NOT 长江")).total, 4);
    assert_eq!(run(&f, Query::new("，，。")).total, 0);
}

#[test]
fn white_space_between_han_characters_is_layout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = SearchIndex::create(dir.path(), &IndexOptions::default()).expect("create");
    let mut w = index.writer(WriterOptions::default()).expect("writer");
    let d = doc(
        "names",
        Lang::Zh,
        Script::Hans,
        "article",
        None,
        &["国务院总理　李　强"],
    );
    w.replace(&d).expect("add");
    w.commit().expect("commit");
    drop(w);
    let r = index.search(&Query::new("李强")).expect("search");
    assert_eq!(ids(&r), ["names"]);
    assert_eq!(r.hits[0].highlights, vec![[6, 9]]);
    assert_eq!(
        index.search(&Query::new("总理李强")).expect("search").total,
        1
    );
}

#[test]
fn queries_deserialize_with_defaults_and_results_serialize() {
    let q: Query = serde_json::from_str(r#"{"q":"长江","script":"hant"}"#).expect("json");
    assert_eq!(q.text, "长江");
    assert_eq!(q.limit, 10);
    assert_eq!(q.highlight_paragraphs, readout_search::HIGHLIGHT_PARAGRAPHS);
    let f = fixture();
    let r = f.index.search(&q).expect("search");
    assert_eq!(ids(&r), ["zh-hant", "zh-tw"]);
    let v = serde_json::to_value(&r).expect("serialize");
    assert_eq!(v["total"], 2);
    assert_eq!(v["facets"]["script"]["Hant"], 2);
    assert!(v["hits"][0]["highlights"][0].is_array());
}
