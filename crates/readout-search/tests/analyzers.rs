//! Properties of the analyzers and the query path on arbitrary text: token
//! offsets are character boundaries of the original in order, positions
//! never go back, and no query string makes a search fail.

use proptest::prelude::*;
use readout_search::bigram::bigram_tokens;
use readout_search::chinese::chinese_tokens;
use readout_search::latin::english_tokens;
use readout_search::{Dictionary, IndexDoc, IndexOptions, Query, SearchIndex, WriterOptions};
use readout_text::{Lang, Script};
use std::sync::OnceLock;
use tantivy::tokenizer::Token;

fn dict() -> &'static Dictionary {
    static D: OnceLock<Dictionary> = OnceLock::new();
    D.get_or_init(|| Dictionary::new(&["兩個結合"]))
}

fn check(text: &str, toks: &[Token]) {
    let mut last_pos = 0;
    for (i, t) in toks.iter().enumerate() {
        assert!(
            t.offset_from <= t.offset_to && t.offset_to <= text.len(),
            "{t:?} in {text:?}"
        );
        assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
        assert!(!t.text.is_empty());
        if i > 0 {
            assert!(t.position > last_pos, "positions go forward: {toks:?}");
        }
        last_pos = t.position;
    }
}

/// Text mixing simplified, traditional, Latin, digits, punctuation, emoji.
fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("国内大循环".to_string()),
            Just("國內大迴圈".to_string()),
            Just("高品質發展".to_string()),
            Just("，".to_string()),
            Just(" ".to_string()),
            Just("ＡＰＥＣ２０２３".to_string()),
            Just("Meetings".to_string()),
            Just("😀".to_string()),
            "\\PC{0,6}",
        ],
        0..12,
    )
    .prop_map(|v| v.concat())
}

fn index() -> &'static SearchIndex {
    static I: OnceLock<(tempfile::TempDir, SearchIndex)> = OnceLock::new();
    &I.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let index = SearchIndex::create(dir.path(), &IndexOptions::default()).expect("create");
        let mut w = index.writer(WriterOptions::default()).expect("writer");
        w.replace(&IndexDoc {
            id: "d".into(),
            event: None,
            title: Some("國內大迴圈".into()),
            lang: Lang::Zh,
            script: Script::Hant,
            kind: "article".into(),
            date: Some("2024".into()),
            paragraphs: vec!["提升國內大迴圈內生動力".into(), "meetings".into()],
        })
        .expect("add");
        w.commit().expect("commit");
        drop(w);
        (dir, index)
    })
    .1
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn token_offsets_are_boundaries_of_the_original(text in mixed()) {
        check(&text, &chinese_tokens(dict(), &text));
        let b: Vec<Token> = bigram_tokens(&text).into_iter().map(|b| b.token).collect();
        check(&text, &b);
        check(&text, &english_tokens(&text));
    }

    #[test]
    fn any_query_runs(q in mixed(), ops in prop::sample::select(vec!["", " AND ", " OR ", " NOT ", " -", "(", ")", "\""])) {
        let text = format!("{q}{ops}{q}");
        let r = index().search(&Query::new(text)).expect("search");
        for h in &r.hits {
            let body_len = "提升國內大迴圈內生動力\nmeetings".chars().count();
            prop_assert!(h.highlights.iter().all(|x| x[0] < x[1] && x[1] <= body_len));
        }
    }
}
