//! The layout, segment and identify rules on short made-up reports (not the seeds),
//! one test per rule, plus properties that hold for any input: no panic, and every
//! paragraph maps back to the cleaned text through its pieces and the repairs.

use proptest::prelude::*;
use readout_text::layout::layout;
use readout_text::{read, DocKind, Document, Lang, Limits, Reading, Rejection, RepairKind, Script};

fn reading(text: &str) -> Reading {
    read(text.as_bytes(), Some("made-up.txt"), &Limits::default()).expect("reads")
}

fn texts(d: &Document) -> Vec<&str> {
    d.body.iter().map(|p| p.text.as_str()).collect()
}

fn heads(d: &Document) -> Vec<&str> {
    d.headlines.iter().map(|p| p.text.as_str()).collect()
}

/// Rebuilds each paragraph from the cleaned text: pieces copy it, and the repairs
/// between consecutive pieces supply what stands between them.
fn assert_traceable(r: &Reading) {
    for d in &r.documents {
        for p in d.headlines.iter().chain(&d.body) {
            let mut rebuilt = String::new();
            let mut prev_end: Option<usize> = None;
            for piece in &p.pieces {
                if let Some(end) = prev_end {
                    let gap: Vec<_> = r
                        .repairs
                        .iter()
                        .filter(|x| x.src.start >= end && x.src.end <= piece.src.start)
                        .collect();
                    assert!(
                        !gap.is_empty() || end == piece.src.start,
                        "gap {end}..{} without a repair in {:?}",
                        piece.src.start,
                        p.text
                    );
                    for x in gap {
                        rebuilt.push_str(&x.replacement);
                    }
                }
                assert_eq!(piece.at, rebuilt.len(), "piece offset in {:?}", p.text);
                rebuilt.push_str(&r.cleaned[piece.src.clone()]);
                prev_end = Some(piece.src.end);
            }
            assert_eq!(rebuilt, p.text);
        }
    }
}

#[test]
fn chinese_paragraph_broken_by_blank_line_rejoins() {
    let text = "省政府召开全体会议\n\n\
        本报讯 省政府昨日召开全体会议，研究部署下半年经济工作。会议要求，要坚定不移推进产业结构调整，加快培育新的增\n\n\
        长点，确保全年目标任务顺利完成。\n\n\
        会议还研究了其他事项。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(
        texts(d),
        vec![
            "本报讯 省政府昨日召开全体会议，研究部署下半年经济工作。会议要求，要坚定不移推进产业结构调整，加快培育新的增长点，确保全年目标任务顺利完成。",
            "会议还研究了其他事项。"
        ]
    );
    assert_eq!(
        r.repairs
            .iter()
            .filter(|x| x.kind == RepairKind::JoinedBreak)
            .count(),
        1
    );
    assert_traceable(&r);
}

#[test]
fn closed_chinese_paragraphs_stay_apart() {
    let text =
        "会议指出，今年以来全省经济运行总体平稳。\n\n会议强调，要抓好安全生产工作，守住底线。\n";
    let r = reading(text);
    assert_eq!(r.documents[0].body.len(), 2);
}

#[test]
fn headlines_stay_separate() {
    let text = "市委书记主持召开城市更新工作座谈会强调\n\
        坚持人民城市人民建\n\
        推动城市高质量发展\n\n\
        新华社杭州5月6日电 市委书记6日主持召开城市更新工作座谈会并讲话。他强调，要坚持以人民为中心。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(
        heads(d),
        vec![
            "市委书记主持召开城市更新工作座谈会强调",
            "坚持人民城市人民建",
            "推动城市高质量发展"
        ]
    );
    assert_eq!(
        d.title.as_deref(),
        Some("市委书记主持召开城市更新工作座谈会强调")
    );
    assert_eq!(d.meta.dateline.as_deref(), Some("新华社杭州5月6日电"));
    assert!(texts(d)[0].starts_with("新华社杭州5月6日电 市委书记"));
}

#[test]
fn english_version_after_chinese_splits_by_language() {
    let text = "国务院召开常务会议\n\n\
        国务院总理主持召开国务院常务会议，部署进一步做好稳就业工作。会议指出，就业是最基本的民生。\n\n\
        会议还研究了其他事项。\n\n\
        State Council executive meeting focuses on jobs\n\n\
        The State Council held an executive meeting on Friday to make arrangements for stabilizing employment.\n\n\
        Other matters were also discussed at the meeting.\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    let (zh, en) = (&r.documents[0], &r.documents[1]);
    assert_eq!((zh.lang, zh.script), (Lang::Zh, Script::Hans));
    assert_eq!((en.lang, en.script), (Lang::En, Script::Latn));
    assert_eq!(heads(zh), vec!["国务院召开常务会议"]);
    assert_eq!(
        heads(en),
        vec!["State Council executive meeting focuses on jobs"]
    );
    assert_eq!(zh.body.len(), 2);
    assert_eq!(en.body.len(), 2);
    assert!(zh.span.end <= en.span.start);
}

#[test]
fn digest_numbering_splits() {
    let text = "3. Vice premier visits flood-hit areas\n\n\
        The vice premier inspected relief work in the province on Sunday. He urged local officials to resettle residents.\n\n\
        4. New rules on data exports take effect\n\n\
        New rules on cross-border data transfers took effect on Monday, the regulator said.\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    assert_eq!(
        r.documents[0].title.as_deref(),
        Some("Vice premier visits flood-hit areas")
    );
    assert_eq!(
        r.documents[1].title.as_deref(),
        Some("New rules on data exports take effect")
    );
    assert_eq!(
        heads(&r.documents[1]),
        vec!["4. New rules on data exports take effect"]
    );
    assert_eq!(r.documents[1].body.len(), 1);
}

#[test]
fn boilerplate_lines_become_metadata_simplified() {
    let text = "首页 > 新闻 > 时政\n\n\
        省委常委会召开会议\n\n\
        发布时间：2022-03-01 09:15 | 来源：东方日报 | 作者： | 责任编辑：林晓\n\n\
        省委常委会2月28日召开会议，传达学习全国两会精神。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(d.meta.boilerplate, vec!["首页 > 新闻 > 时政"]);
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2022-03-01T09:15:00+08:00")
    );
    assert_eq!(d.meta.source.as_deref(), Some("东方日报"));
    assert_eq!(d.meta.author, None);
    assert_eq!(d.meta.editor.as_deref(), Some("林晓"));
    assert_eq!(heads(d), vec!["省委常委会召开会议"]);
    assert_eq!(
        texts(d),
        vec!["省委常委会2月28日召开会议，传达学习全国两会精神。"]
    );
}

#[test]
fn boilerplate_lines_become_metadata_traditional() {
    let text = "首頁 > 要聞\n\n\
        行政會議討論施政報告\n\n\
        發佈時間：2021年10月5日 18:30　來源：南方網　作者：陳大文　責任編輯：黃小明\n\n\
        行政會議5日舉行會議，討論施政報告的準備工作。\n";
    let r = reading(text);
    let d = &r.documents[0];
    assert_eq!(d.meta.boilerplate, vec!["首頁 > 要聞"]);
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2021-10-05T18:30:00+08:00")
    );
    assert_eq!(d.meta.source.as_deref(), Some("南方網"));
    assert_eq!(d.meta.author.as_deref(), Some("陳大文"));
    assert_eq!(d.meta.editor.as_deref(), Some("黃小明"));
    assert_eq!((d.lang, d.script), (Lang::Zh, Script::Hant));
}

#[test]
fn trailing_editor_line_is_metadata_not_body() {
    let text = "市政府发布通知\n\n市政府日前发布通知，部署冬季供暖工作。\n\n（责任编辑：王明）\n";
    let r = reading(text);
    let d = &r.documents[0];
    assert_eq!(d.meta.editor.as_deref(), Some("王明"));
    assert_eq!(d.body.len(), 1);
}

#[test]
fn hyphenated_line_end_joins() {
    let text = "The plan calls for the develop-\nment of new industries in the region.\n";
    let r = reading(text);
    let d = &r.documents[0];
    assert_eq!(
        texts(d),
        vec!["The plan calls for the development of new industries in the region."]
    );
    assert_eq!(
        r.repairs
            .iter()
            .filter(|x| x.kind == RepairKind::JoinedHyphen)
            .count(),
        1
    );
    assert_traceable(&r);
}

#[test]
fn glued_metadata_line_splits_in_another_article() {
    let text = "省人大常委会举行会议\n\
        发布时间：2020-06-30 16:00:00 | 来源：人民网 | 编辑：欧阳静国务院近日印发通知，要求各地做好防汛工作。\n\
        通知强调，要压实责任。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 1);
    let d = &r.documents[0];
    assert_eq!(d.meta.editor.as_deref(), Some("欧阳静"));
    assert_eq!(d.meta.source.as_deref(), Some("人民网"));
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2020-06-30T16:00:00+08:00")
    );
    assert_eq!(
        texts(d),
        vec![
            "国务院近日印发通知，要求各地做好防汛工作。",
            "通知强调，要压实责任。"
        ]
    );
    assert_eq!(
        r.repairs
            .iter()
            .filter(|x| x.kind == RepairKind::SplitGlued)
            .count(),
        1
    );
    assert_traceable(&r);
}

#[test]
fn dateline_after_a_body_starts_the_next_article() {
    let text = "外交部发言人答记者问\n\n\
        新华社北京3月2日电 外交部发言人2日主持例行记者会。\n\n\
        发言人表示，中方愿同各方加强沟通。\n\n\
        国家主席向论坛致贺信\n\n\
        新华社北京3月2日电 国家主席2日向论坛致贺信。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    assert_eq!(heads(&r.documents[1]), vec!["国家主席向论坛致贺信"]);
    assert_eq!(r.documents[0].body.len(), 2);
    assert_eq!(
        r.documents[1].meta.dateline.as_deref(),
        Some("新华社北京3月2日电")
    );
}

#[test]
fn english_version_with_dateline_but_no_headline_is_an_article() {
    let text = "国务院召开常务会议\n\n\
        国务院总理5日主持召开国务院常务会议，部署稳就业工作。\n\n\
        BEIJING, June 5 (Xinhua) -- The State Council on Wednesday made arrangements for stabilizing employment.\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    let en = &r.documents[1];
    assert_eq!(en.kind, DocKind::Article);
    assert_eq!(
        en.meta.dateline.as_deref(),
        Some("BEIJING, June 5 (Xinhua)")
    );
    assert_eq!(en.lang, Lang::En);
}

#[test]
fn english_dateline_after_a_body_starts_the_next_article() {
    let text = "Premier meets foreign guests\n\n\
        BEIJING, June 5 (Xinhua) -- The premier met visiting guests on Wednesday.\n\n\
        Both sides agreed to deepen cooperation.\n\n\
        Vice president attends forum\n\n\
        SHANGHAI, June 5 (Xinhua) -- The vice president attended a forum on Wednesday.\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    assert_eq!(heads(&r.documents[1]), vec!["Vice president attends forum"]);
    assert_eq!(r.documents[0].body.len(), 2);
}

#[test]
fn publishing_line_after_a_body_starts_the_next_article() {
    let text = "省政府召开常务会议\n\n\
        发布时间：2023-05-06 10:00 | 来源：某某日报\n\n\
        省政府5日召开常务会议，研究部署安全生产工作。\n\n\
        省委召开理论学习中心组学习会\n\n\
        发布时间：2023-05-07 09:00 | 来源：某某日报\n\n\
        省委7日召开理论学习中心组学习会，围绕主题开展学习研讨。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    assert_eq!(heads(&r.documents[1]), vec!["省委召开理论学习中心组学习会"]);
    assert_eq!(
        r.documents[1].meta.published.as_deref(),
        Some("2023-05-07T09:00:00+08:00")
    );
}

#[test]
fn byline_is_the_author() {
    let text = "乡村振兴见闻\n\n本报记者 王小明 李华\n\n初夏时节，田野里一派繁忙景象。\n";
    let r = reading(text);
    let d = &r.documents[0];
    assert_eq!(d.meta.author.as_deref(), Some("王小明 李华"));
    assert_eq!(heads(d), vec!["乡村振兴见闻"]);
    assert_eq!(d.body.len(), 1);
}

#[test]
fn stray_paragraph_before_an_article_is_a_fragment() {
    let text = "We will continue to open wider to the world and share opportunities with other countries.\n\
        市政府召开常务会议\n\
        市政府5日召开常务会议，研究部署安全生产工作。\n\
        会议还研究了其他事项。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 2);
    assert_eq!(r.documents[0].kind, DocKind::Fragment);
    assert_eq!(r.documents[0].lang, Lang::En);
    assert_eq!(r.documents[1].kind, DocKind::Article);
    assert_eq!(r.documents[1].body.len(), 2);
}

#[test]
fn headless_report_is_an_untitled_article() {
    let text =
        "各位代表：\n\n现在，我代表市政府，向大会报告工作。\n\n过去一年，全市经济稳中有进。\n";
    let r = reading(text);
    assert_eq!(r.documents.len(), 1);
    assert_eq!(r.documents[0].kind, DocKind::Article);
    assert_eq!(r.documents[0].title, None);
    assert_eq!(r.documents[0].body.len(), 3);
}

#[test]
fn hard_wrapped_english_joins_lines_but_keeps_paragraphs() {
    let text = "The State Council on Wednesday unveiled a set of measures to support\n\
        private businesses, including easier access to credit and lower fees for\n\
        small firms that have been hit hard by the slowdown in demand this year.\n\
        \n\
        The measures will take effect next month, according to a statement that\n\
        was released after an executive meeting chaired by the premier in Beijing\n\
        on Wednesday afternoon.\n";
    let r = reading(text);
    let d = &r.documents[0];
    assert_eq!(d.body.len(), 2);
    assert!(texts(d)[0].contains("support private businesses"));
    assert!(texts(d)[1].ends_with("chaired by the premier in Beijing on Wednesday afternoon."));
    assert_traceable(&r);
}

#[test]
fn hard_wrapped_chinese_joins_without_spaces() {
    let text = "\u{3000}\u{3000}会议指出，今年以来，各地区各部门认真贯彻落实党中央决策部署，\n\
        扎实推进各项工作，经济社会发展取得新的成效，主要指标保持在合理区\n\
        间，就业形势总体稳定，物价水平温和上涨，民生保障有力有效。\n\
        \u{3000}\u{3000}会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理\n\
        念，加快构建新发展格局，着力推动高质量发展，巩固和增强经济回升向\n\
        好态势，持续推动经济实现质的有效提升和量的合理增长。\n";
    let r = reading(text);
    let d = &r.documents[0];
    assert_eq!(d.body.len(), 2, "{:?}", texts(d));
    assert!(texts(d)[0].contains("合理区间，就业"));
    assert!(texts(d)[1].contains("新发展理念，加快"));
    assert_traceable(&r);
}

#[test]
fn whitespace_folds_inside_paragraphs() {
    let r = reading("The  meeting\twas held\u{3000}on Monday.\n");
    assert_eq!(
        texts(&r.documents[0]),
        vec!["The meeting was held on Monday."]
    );
    assert_traceable(&r);
}

#[test]
fn mixed_and_undetermined_are_said_so() {
    let r =
        reading("会议指出，发展战略意义重大。The meeting noted that the strategy matters a lot.\n");
    assert_eq!(r.documents[0].body[0].lang, Lang::Mixed);
    assert_eq!(r.documents[0].lang, Lang::Mixed);
    let r = reading("中共中央\n");
    assert_eq!(r.documents[0].script, Script::Und);
}

#[test]
fn limits_are_enforced() {
    let limits = Limits::default();
    let mut big = vec![b'a'; 50 * 1024 * 1024];
    big.push(b'\n');
    match read(&big, None, &limits) {
        Err(Rejection::LineTooLong { len, .. }) => assert_eq!(len, 50 * 1024 * 1024),
        other => panic!(
            "expected LineTooLong, got {:?}",
            other.map(|r| r.documents.len())
        ),
    }
    let small = Limits {
        max_file_bytes: 10,
        max_line_bytes: 100,
    };
    assert!(matches!(
        read(b"more than ten bytes", None, &small),
        Err(Rejection::TooLarge {
            size: 19,
            limit: 10
        })
    ));
    assert_eq!(read(b"", None, &limits).unwrap_err(), Rejection::Empty);
    assert_eq!(
        read(b" \n\t\n", None, &limits).unwrap_err(),
        Rejection::NoText
    );
}

#[test]
fn layout_alone_is_pure_and_ordered() {
    let text = "标题\n\n第一段，内容较长的一段正文，没有结束\n\n的地方在这里。\n";
    let a = layout(text, &[]);
    let b = layout(text, &[]);
    assert_eq!(a, b);
    assert!(a
        .repairs
        .windows(2)
        .all(|w| w[0].src.start <= w[1].src.start));
}

fn arb_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "会议指出，",
        "要坚持。",
        "开",
        "放",
        "\n",
        "\n\n",
        " ",
        "\u{3000}",
        "The meeting ",
        "develop-",
        "ment",
        "首页 > 新闻",
        "发布时间：2023-01-02 08:00 | 来源：新华网 | 编辑：张三",
        "新华社北京1月2日电 ",
        "2. Title",
        "BEIJING, Jan. 2 (Xinhua) -- ",
        "。",
        "\r\n",
        "😀",
        "\u{200b}",
        "a",
        "標題",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_reads_without_panic_and_stays_traceable(s in arb_text()) {
        if let Ok(r) = read(s.as_bytes(), None, &Limits::default()) {
            assert_traceable(&r);
            for d in &r.documents {
                prop_assert!(d.span.start <= d.span.end && d.span.end <= r.cleaned.len());
            }
        }
    }

    #[test]
    fn any_bytes_read_without_panic(b in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = read(&b, None, &Limits::default());
    }
}

#[test]
fn english_collection_splits_at_each_title_with_a_date_line() {
    // As English editions of speech collections print them: title, a date alone on
    // its line, the text; then the next title.
    let r = reading(
        "The People's Wish for a Good Life Is Our Goal\n\
         November 15, 2012\n\
         Friends from the news media have covered the congress extensively.\n\
         We have just held the first plenary session of the central committee.\n\
         Study and Implement the Guiding Principles of the Congress\n\
         November 17, 2012\n\
         The congress has drawn a blueprint for building a moderately prosperous society.\n\
         Its guiding principles must be studied by every member.\n",
    );
    assert_eq!(r.documents.len(), 2, "{:#?}", r.documents);
    let d = &r.documents[1];
    assert_eq!(
        d.title.as_deref(),
        Some("Study and Implement the Guiding Principles of the Congress")
    );
    assert_eq!(d.meta.published.as_deref(), Some("2012-11-17"));
    assert_eq!(d.body.len(), 2);
    assert_eq!(r.documents[0].meta.published.as_deref(), Some("2012-11-15"));
}
