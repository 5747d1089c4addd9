//! Each rule of the record stage on short sentences written the way readouts are
//! written (none taken from the seed files), traps included.

use proptest::prelude::*;
use readout_record::{
    discover, discover_with, record, Anchor, CivilDate, DiscoverOptions, DocInput, EventKind, Lang,
    Lexicon, Role,
};

fn zh(paras: &[&str]) -> DocInput {
    DocInput::new(Lang::Zh, paras.iter().map(|s| s.to_string()).collect())
}

fn en(paras: &[&str]) -> DocInput {
    DocInput::new(Lang::En, paras.iter().map(|s| s.to_string()).collect())
}

fn names(v: &[readout_record::Person]) -> Vec<&str> {
    v.iter().map(|p| p.name.as_str()).collect()
}

fn titles(v: &[readout_record::DocRef]) -> Vec<&str> {
    v.iter().map(|d| d.title.as_str()).collect()
}

// ------------------------------------------------------------------ kinds

#[test]
fn politburo_meeting_with_dateline_and_publication_year() {
    let d = zh(&[
        "新华社北京4月30日电 中共中央政治局4月30日召开会议，分析研究当前经济形势和经济工作。中共中央总书记习近平主持会议。",
        "会议认为，今年以来，经济运行持续好转。",
        "会议强调，要坚定不移推动高质量发展。",
    ])
    .with_published((2024, 4, 30));
    let r = record(&d);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    let date = r.date.unwrap();
    assert_eq!(
        (date.parts.year, date.parts.month, date.parts.day),
        (None, Some(4), Some(30))
    );
    let res = date.resolved.unwrap();
    assert_eq!(res.date, CivilDate::new(2024, 4, 30).unwrap());
    assert_eq!(res.by, Anchor::Published);
    assert_eq!(r.chair.unwrap().name, "习近平");
    assert!(r.place.is_none());
}

#[test]
fn study_session() {
    let d = zh(&[
        "中共中央政治局1月31日下午就扎实推进高质量发展进行第十一次集体学习。中共中央总书记习近平在主持学习时强调，高质量发展是新时代的硬道理。",
    ]);
    let r = record(&d);
    assert_eq!(r.kind, EventKind::PolitburoStudySession);
    let date = r.date.unwrap();
    assert_eq!(
        (
            date.parts.month,
            date.parts.day,
            date.part_of_day.as_deref()
        ),
        (Some(1), Some(31), Some("下午"))
    );
    assert_eq!(r.chair.unwrap().name, "习近平");
}

#[test]
fn standing_committee_meeting() {
    let d = zh(&[
        "中共中央政治局常务委员会1月8日召开会议，听取全国人大常委会党组、国务院党组工作汇报。中共中央总书记习近平主持会议并发表重要讲话。",
    ]);
    assert_eq!(record(&d).kind, EventKind::StandingCommitteeMeeting);
}

#[test]
fn member_titles_do_not_make_a_politburo_meeting() {
    // A symposium whose attendees carry Politburo titles.
    let d = zh(&[
        "习近平9日在北京主持召开民营企业座谈会并发表重要讲话。",
        "中共中央政治局常委、国务院总理王明，中共中央政治局常委、全国政协主席赵亮出席座谈会。",
    ]);
    let r = record(&d);
    assert_eq!(r.kind, EventKind::Symposium);
    assert_eq!(r.place.unwrap().name, "北京");
    assert_eq!(names(&r.attendees), ["王明", "赵亮"]);
    assert_eq!(
        r.attendees[1].title.as_deref(),
        Some("中共中央政治局常委、全国政协主席")
    );
}

#[test]
fn congratulatory_letter() {
    let d = zh(&[
        "新华社北京5月20日电 国家主席习近平5月20日致信祝贺某研究院成立七十周年。",
        "习近平在贺信中指出，要勇攀科技高峰。",
    ]);
    let r = record(&d);
    assert_eq!(r.kind, EventKind::Message);
    let s = r.sender.unwrap();
    assert_eq!(s.name, "习近平");
    assert_eq!(s.title.as_deref(), Some("国家主席"));
    assert!(r.chair.is_none());
    let date = r.date.unwrap();
    assert_eq!((date.parts.month, date.parts.day), (Some(5), Some(20)));
}

#[test]
fn reply_letter_names_recipient() {
    let d = zh(&["近日，习近平给某大学的留学生们回信，勉励他们多到中国各地走走看看。"]);
    let r = record(&d);
    assert_eq!(r.kind, EventKind::Message);
    assert_eq!(r.sender.unwrap().name, "习近平");
    assert_eq!(r.recipient.unwrap().text, "某大学的留学生们");
    assert_eq!(r.date.unwrap().relative.as_deref(), Some("近日"));
}

#[test]
fn message_to_a_conference_is_a_message() {
    let d = zh(&["新华社电 3月5日，某国际组织举行成立大会，国家主席习近平向大会致贺信。"]);
    let r = record(&d);
    assert_eq!(r.kind, EventKind::Message);
    assert_eq!(r.recipient.unwrap().text, "大会");
}

#[test]
fn conference_and_inspection() {
    let r = record(&zh(&["中央经济工作会议12月11日至12日在北京举行。中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。"]));
    assert_eq!(r.kind, EventKind::Conference);
    assert_eq!(r.place.unwrap().name, "北京");
    let r = record(&zh(&["中共中央总书记、国家主席、中央军委主席习近平近日在湖南考察时强调，要坚持把科技创新摆在突出位置。"]));
    assert_eq!(r.kind, EventKind::InspectionTour);
    assert_eq!(r.place.unwrap().name, "湖南");
}

#[test]
fn english_kinds() {
    let r = record(&en(&[
        "BEIJING, Jan. 31 (Xinhua) -- The Political Bureau of the Communist Party of China (CPC) Central Committee held a group study session on Wednesday afternoon on promoting high-quality development.",
    ]));
    assert_eq!(r.kind, EventKind::PolitburoStudySession);
    let r = record(&en(&[
        "Chinese President Xi Jinping on Monday sent a congratulatory letter to an international forum on green development.",
    ]));
    assert_eq!(r.kind, EventKind::Message);
    assert_eq!(r.sender.unwrap().name, "Xi Jinping");
    let r = record(&en(&[
        "Li Ming, a member of the Standing Committee of the Political Bureau of the CPC Central Committee, attended the symposium held in Wuhan on Tuesday.",
    ]));
    assert_eq!(r.kind, EventKind::Symposium);
    assert_eq!(r.place.unwrap().name, "Wuhan");
}

// ------------------------------------------------------------------ dates

#[test]
fn month_and_day_without_publication_date_stay_unresolved() {
    let r = record(&zh(&[
        "中共中央政治局12月8日召开会议，分析研究明年经济工作。",
    ]));
    let d = r.date.unwrap();
    assert_eq!(
        (d.parts.year, d.parts.month, d.parts.day),
        (None, Some(12), Some(8))
    );
    assert!(d.resolved.is_none(), "never guessed");
}

#[test]
fn year_rolls_back_across_new_year() {
    let r = record(
        &zh(&["中共中央政治局12月30日召开会议，审议《某某工作报告》。"])
            .with_published((2025, 1, 2)),
    );
    assert_eq!(
        r.date.unwrap().resolved.unwrap().date,
        CivilDate::new(2024, 12, 30).unwrap()
    );
}

#[test]
fn day_only_rolls_back_a_month() {
    let r = record(&zh(&["习近平28日在福建主持召开座谈会。"]).with_published((2024, 3, 2)));
    let d = r.date.unwrap();
    assert_eq!((d.parts.month, d.parts.day), (None, Some(28)));
    assert_eq!(
        d.resolved.unwrap().date,
        CivilDate::new(2024, 2, 28).unwrap()
    );
    let r = record(&zh(&["习近平28日在福建主持召开座谈会。"]));
    assert!(r.date.unwrap().resolved.is_none());
}

#[test]
fn yesterday_against_publication_date() {
    let r = record(
        &zh(&["新华社电 习近平昨日在广州出席活动并发表讲话。"]).with_published((2024, 3, 1)),
    );
    let d = r.date.unwrap();
    assert_eq!(d.relative.as_deref(), Some("昨日"));
    assert_eq!(
        d.resolved.unwrap().date,
        CivilDate::new(2024, 2, 29).unwrap()
    );
}

#[test]
fn dateline_month_resolves_a_day() {
    let r = record(
        &zh(&["新华社北京3月1日电 中共中央政治局29日召开会议。"]).with_published((2024, 3, 1)),
    );
    let d = r.date.unwrap();
    assert_eq!(d.parts.day, Some(29));
    let res = d.resolved.unwrap();
    assert_eq!(res.date, CivilDate::new(2024, 2, 29).unwrap());
    assert_eq!(res.by, Anchor::DatelineAndPublished);
}

#[test]
fn full_date_in_text() {
    let r = record(&zh(&["2023年7月24日，中共中央政治局召开会议。"]));
    let res = r.date.unwrap().resolved.unwrap();
    assert_eq!(
        (res.date, res.by),
        (CivilDate::new(2023, 7, 24).unwrap(), Anchor::Text)
    );
}

#[test]
fn english_weekday_is_the_one_on_or_before_publication() {
    let d = en(&["The Political Bureau of the CPC Central Committee on Monday held a meeting to analyze the economy."])
        .with_published((2024, 3, 6));
    let r = record(&d);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    let date = r.date.unwrap();
    assert_eq!(date.relative.as_deref(), Some("on Monday"));
    assert_eq!(
        date.resolved.unwrap().date,
        CivilDate::new(2024, 3, 4).unwrap()
    );
    let r = record(&en(&["The Political Bureau held a meeting on Monday."]));
    assert!(r.date.unwrap().resolved.is_none());
}

#[test]
fn english_dateline_and_month_names() {
    let r = record(&en(&["BEIJING, Dec. 9 (Xinhua) -- The Political Bureau of the CPC Central Committee held a meeting on Dec. 9 to analyze the economic work for 2025."]));
    let d = r.date.unwrap();
    assert_eq!((d.parts.month, d.parts.day), (Some(12), Some(9)));
}

// ------------------------------------------------------------------ people

#[test]
fn bare_name_list_with_two_char_names() {
    let r = record(&zh(&[
        "习近平主持召开座谈会。",
        "王毅、尹力、石泰峰、刘国中、何卫东、李书磊出席座谈会，有关部门负责同志参加座谈会。",
    ]));
    assert_eq!(
        names(&r.attendees),
        ["王毅", "尹力", "石泰峰", "刘国中", "何卫东", "李书磊"]
    );
}

#[test]
fn speakers_with_titles_and_written_statements() {
    let r = record(&zh(&[
        "习近平15日在兰州主持召开座谈会并发表重要讲话。",
        "座谈会上，国家发展改革委主任孙明、甘肃省委书记胡强、青海省省长吴立先后发言，就推进工作提出意见建议。参加座谈会的其他省区主要负责同志提交了书面发言。",
        "李明在讲话中表示，要认真学习领会讲话精神。",
    ]));
    assert_eq!(names(&r.speakers), ["孙明", "胡强", "吴立"]);
    assert_eq!(r.speakers[2].title.as_deref(), Some("青海省省长"));
    assert_eq!(
        r.written_statements[0].text,
        "参加座谈会的其他省区主要负责同志"
    );
    assert!(names(&r.speeches).contains(&"李明"));
    assert_eq!(r.place.unwrap().name, "兰州");
}

#[test]
fn chair_by_you() {
    let r = record(&zh(&["国务院常务会议3日召开，会议由国务院总理王明主持。"]));
    let c = r.chair.unwrap();
    assert_eq!(
        (c.name.as_str(), c.title.as_deref()),
        ("王明", Some("国务院总理"))
    );
}

#[test]
fn english_chair_and_attendees() {
    let r = record(&en(&[
        "Xi Jinping, general secretary of the CPC Central Committee, presided over a symposium in Nanchang on Thursday afternoon.",
        "Li Ming, Zhao Liang and Wang Hua attended the symposium.",
    ]));
    let c = r.chair.unwrap();
    assert_eq!(c.name, "Xi Jinping");
    assert_eq!(
        c.title.as_deref(),
        Some("general secretary of the CPC Central Committee")
    );
    assert_eq!(names(&r.attendees), ["Li Ming", "Zhao Liang", "Wang Hua"]);
    assert_eq!(r.place.unwrap().name, "Nanchang");
    let d = r.date.unwrap();
    assert_eq!(
        (d.relative.as_deref(), d.part_of_day.as_deref()),
        (Some("on Thursday"), Some("afternoon"))
    );
}

// ------------------------------------------------------------------ documents

#[test]
fn headline_titles_are_the_body_titles() {
    let d = zh(&["中共中央政治局6月27日召开会议，审议《关于某领域改革的决定》。中共中央总书记习近平主持会议。"])
        .with_headlines(vec!["中共中央政治局召开会议 审议《关于某领域改革的决定》 中共中央总书记习近平主持会议".into()]);
    let r = record(&d);
    assert_eq!(titles(&r.reviewed), ["关于某领域改革的决定"]);
    assert!(!r.reviewed[0].span.headline, "span points into the body");
    assert!(r.mentioned_documents.is_empty());
}

#[test]
fn title_lists_joined_by_dunhao_and_he() {
    let r = record(&zh(&[
        "会议审议了《甲条例》、《乙规定》和《丙办法（试行）》，决定印发《丁通知》。",
    ]));
    assert_eq!(titles(&r.reviewed), ["甲条例", "乙规定", "丙办法（试行）"]);
    assert_eq!(titles(&r.mentioned_documents), ["丁通知"]);
    assert_eq!(r.reviewed[2].key, "丙办法(试行)");
}

#[test]
fn adjacent_titles_after_one_verb() {
    let r = record(&zh(&[
        "中共中央政治局3月29日召开会议，审议《关于甲的若干意见》《乙工作条例》。",
    ]));
    assert_eq!(titles(&r.reviewed), ["关于甲的若干意见", "乙工作条例"]);
}

#[test]
fn reviewed_versus_mentioned() {
    let r = record(&zh(&[
        "中共中央政治局2月29日召开会议，讨论国务院拟提请十四届全国人大二次会议审议的《政府工作报告》稿。",
        "会议指出，《某某规划纲要》实施以来成效显著。要认真落实《某某条例》。",
    ]));
    assert_eq!(titles(&r.reviewed), ["政府工作报告"]);
    assert_eq!(titles(&r.mentioned_documents), ["某某规划纲要", "某某条例"]);
}

#[test]
fn headline_title_without_review_is_mentioned() {
    let d = zh(&["各地认真学习贯彻有关精神。"]).with_headlines(vec!["深入学习《某某文选》".into()]);
    let r = record(&d);
    assert!(r.reviewed.is_empty());
    assert_eq!(titles(&r.mentioned_documents), ["某某文选"]);
    assert!(r.mentioned_documents[0].span.headline);
}

#[test]
fn english_quoted_titles_after_review() {
    let r = record(&en(&[
        "The meeting reviewed the \u{201C}Regulations on Some Work\u{201D} and the \u{201C}Plan for Another Task.\u{201D} It also mentioned the \u{201C}Outline of a Strategy\u{201D} adopted earlier in a separate sentence.",
    ]));
    assert_eq!(
        titles(&r.reviewed),
        ["Regulations on Some Work", "Plan for Another Task"]
    );
}

// ------------------------------------------------------------------ strategies

#[test]
fn strategies_in_both_languages() {
    let r = record(&zh(&[
        "习近平主持召开推动东北全面振兴座谈会。",
        "要深度融入共建“一带一路”。",
    ]));
    let got: Vec<(&str, bool)> = r
        .strategies
        .iter()
        .map(|s| (s.name.as_str(), s.primary))
        .collect();
    assert_eq!(got, [("东北全面振兴", true), ("一带一路", false)]);
    let r = record(&en(&[
        "Xi presided over a symposium on the Belt and Road Initiative.",
        "The Yangtze River Delta integration was discussed.",
    ]));
    let got: Vec<&str> = r.strategies.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(got, ["一带一路", "长三角一体化"]);
}

// ------------------------------------------------------------------ directives

#[test]
fn directives_and_actors() {
    let r = record(&zh(&[
        "中共中央政治局5月6日召开会议。",
        "会议强调，有关部门要抓紧制定配套措施；各地区各部门必须结合实际抓好落实。要坚持稳中求进。",
        "会议还研究了其他事项。",
    ]));
    let a: Vec<Option<&str>> = r
        .directives
        .iter()
        .filter(|d| d.span.para == 1)
        .map(|d| d.actor.as_ref().map(|m| m.text.as_str()))
        .collect();
    assert_eq!(a, [Some("有关部门"), Some("各地区各部门"), None]);
    assert_eq!(
        r.paragraph_roles,
        [Role::Lead, Role::Requirement, Role::Closing]
    );
    // 重要 and 主要 are not modals.
    let r = record(&zh(&["会议指出，这是一项重要任务，主要成效明显。"]));
    assert!(r.directives.is_empty());
}

#[test]
fn english_directives() {
    let r = record(&en(&[
        "The Political Bureau held a meeting on Friday.",
        "Relevant departments should formulate supporting measures. The meeting noted that growth was stable. Efforts should be made to expand demand.",
    ]));
    let a: Vec<(String, Option<String>)> = r
        .directives
        .iter()
        .map(|d| (d.cue.clone(), d.actor.as_ref().map(|m| m.text.clone())))
        .collect();
    assert_eq!(
        a,
        [
            (
                "should".to_string(),
                Some("Relevant departments".to_string())
            ),
            ("should".to_string(), None)
        ]
    );
}

// ------------------------------------------------------------------ formulations

#[test]
fn formulations_found_across_punctuation() {
    let d = zh(&["要坚持降碳减污扩绿增长，统筹好发展和安全，坚持以人民为中心。"]);
    let hits = Lexicon::curated().find_in_doc(&d);
    let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert!(texts.contains(&"降碳、减污、扩绿、增长"), "{texts:?}");
    assert!(texts.contains(&"统筹好发展和安全"));
    assert!(texts.contains(&"以人民为中心"));
    let h = hits
        .iter()
        .find(|h| h.text == "降碳、减污、扩绿、增长")
        .unwrap();
    assert_eq!(h.matched, "降碳减污扩绿增长");
    assert_eq!((h.span.start, h.span.end), (3, 11));
}

#[test]
fn english_formulations() {
    let hits = Lexicon::curated().find_in_doc(&en(&[
        "They pledged to pursue Chinese modernization and high-quality development.",
    ]));
    let texts: Vec<&str> = hits.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts, ["中国式现代化", "高质量发展"]);
}

#[test]
fn discovery_keeps_maximal_recurring_phrases() {
    let docs = vec![
        zh(&["会议强调，要以钉钉子精神抓好改革落实，确保各项任务落地见效。"])
            .with_id("a")
            .with_published((2024, 1, 5)),
        zh(&["各地要以钉钉子精神抓好改革落实，推动经济持续回升向好。"])
            .with_id("b")
            .with_published((2024, 3, 8)),
        zh(&["要推动经济持续回升向好。"])
            .with_id("c")
            .with_published((2024, 2, 1)),
    ];
    let found = discover(&docs);
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    assert!(texts.contains(&"以钉钉子精神抓好改革落实"), "{texts:?}");
    assert!(texts.contains(&"推动经济持续回升向好"), "{texts:?}");
    // Contained in a longer phrase seen as often: not listed on its own.
    assert!(!texts.contains(&"钉钉子精神"), "{texts:?}");
    assert!(!texts.iter().any(|t| t.contains("会议强调")));
    let f = found
        .iter()
        .find(|f| f.text == "推动经济持续回升向好")
        .unwrap();
    assert_eq!(f.docs, ["b", "c"]);
    assert_eq!(
        (f.first_date, f.last_date),
        (CivilDate::new(2024, 2, 1), CivilDate::new(2024, 3, 8))
    );
    assert_eq!(f.count, 2);
    // Two versions of one event count once.
    let same_event: Vec<DocInput> = docs[..2]
        .iter()
        .cloned()
        .map(|d| d.with_event("E"))
        .collect();
    assert!(discover_with(&same_event, &DiscoverOptions::default()).is_empty());
    // Learned phrases join the lexicon.
    let lex = Lexicon::curated().with_learned(&found).unwrap();
    let hits = lex.find_in_doc(&zh(&["以钉钉子精神抓好改革落实。"]));
    assert!(hits.iter().any(|h| h.text == "以钉钉子精神抓好改革落实"));
}

#[test]
fn discovery_leaves_out_datelines_names_and_clause_openers() {
    // Twenty-four reports, each with the programme's credit as its dateline, a leader
    // who speaks, one of two phrases in varied contexts, and a closing line they all
    // share.
    let topics = ["农业", "工业", "科技", "教育", "文化", "交通"];
    let verbs = ["发展", "培育", "壮大", "用好", "优化", "做强"];
    let docs: Vec<DocInput> = (0..24)
        .map(|i| {
            let (t, v) = (topics[i % 6], verbs[(i / 2) % 6]);
            let phrase = if i % 2 == 0 { "新质生产力" } else { "营商环境" };
            zh(&[&format!(
                "央视网消息（新闻联播）：王小明表示，{t}领域要{v}{phrase}，把{phrase}摆上议程。欢迎收看本台节目。"
            )])
            .with_id(format!("d{i}"))
        })
        .collect();
    let opts = DiscoverOptions {
        names: vec!["王小明".into()],
        ..DiscoverOptions::default()
    };
    let found = discover_with(&docs, &opts);
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    assert!(
        texts.contains(&"新质生产力") && texts.contains(&"营商环境"),
        "{texts:?}"
    );
    for t in &texts {
        // Not the dateline (the programme's credit), the person, a clause opener …
        assert!(
            !t.contains("新闻联播") && !t.contains("央视网") && !t.contains("王小明"),
            "{texts:?}"
        );
        assert!(!t.ends_with("表示"), "{texts:?}");
        // … nor what every report says (more than half of all sources).
        assert!(!t.contains("本台节目"), "{texts:?}");
    }
    // True counts: each report holds its phrase twice.
    let f = found.iter().find(|f| f.text == "新质生产力").unwrap();
    assert_eq!((f.sources, f.count, f.docs.len()), (12, 24, 12));
    assert!(f.score > 0.0 && f.left_entropy > 0.0 && f.right_entropy > 0.0);
    // Without the names, the speaker's clause opener is still not a phrase; the name
    // alone may be.
    let plain = discover(&docs);
    assert!(plain.iter().all(|f| !f.text.ends_with("表示")));
    // Six reports are too few for the share test: the dateline is left out by itself.
    let few = discover(&docs[..6]);
    assert!(few.iter().any(|f| f.text.contains("本台节目")));
    assert!(few
        .iter()
        .all(|f| !f.text.contains("新闻联播") && !f.text.contains("央视网")));
}

#[test]
fn discovery_ranks_free_phrases_above_fixed_contexts() {
    // 数字经济 follows six different verbs; 营商环境 only two: its left edge is more
    // fixed, so it ranks below although both recur as widely.
    let verbs = ["发展", "壮大", "做强", "做优", "激活", "创新"];
    let docs: Vec<DocInput> = (0..6)
        .map(|i| {
            let v2 = if i % 2 == 0 { "优化" } else { "改善" };
            zh(&[&format!("第{i}篇，要{}数字经济，{v2}营商环境。", verbs[i])])
        })
        .collect();
    let found = discover(&docs);
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    let rank = |t: &str| texts.iter().position(|x| *x == t);
    let (free, fixed) = (rank("数字经济").unwrap(), rank("营商环境").unwrap());
    assert!(free < fixed, "{texts:?}");
    let e = |i: usize| found[i].left_entropy;
    assert!((e(free) - 6f64.ln()).abs() < 1e-9 && (e(fixed) - 2f64.ln()).abs() < 1e-9);
}

#[test]
fn a_headline_that_goes_on_to_chair_names_the_chair() {
    // The body's 主持 stands in a clause of its own; the headline's clause holds both.
    let d = zh(&["中共中央政治局常委、国务院副总理丁薛祥7月14日至15日在江苏调研迎峰度夏能源电力安全保供工作，并主持召开座谈会。"])
        .with_headlines(vec!["丁薛祥调研迎峰度夏能源电力安全保供工作并主持召开座谈会".into()])
        .with_published((2023, 7, 16));
    let r = record(&d);
    assert_eq!(r.chair.unwrap().name, "丁薛祥");
    let d = zh(&["7月10日，全国人大常委会委员长赵乐际在莫斯科同俄罗斯联邦委员会主席马特维延科举行会谈，共同主持中俄议会合作委员会第八次会议。"])
        .with_headlines(vec!["赵乐际与俄联邦委员会主席举行会谈并共同主持中俄议会合作委员会第八次会议".into()])
        .with_published((2023, 7, 10));
    assert_eq!(record(&d).chair.unwrap().name, "赵乐际");
    // A tour alone has a leader, not a chair.
    let d = zh(&["国务院总理李强6月8日至9日在辽宁调研。"])
        .with_headlines(vec!["李强在辽宁调研".into()])
        .with_published((2023, 6, 9));
    let r = record(&d);
    assert!(r.chair.is_none());
    assert_eq!(r.principal.unwrap().name, "李强");
}

// ------------------------------------------------------------------ robustness

#[test]
fn html_remnants_and_stray_spaces() {
    let d = zh(&[
        "&nbsp;",
        "新华社北京 12 月 9 日电 &nbsp;中共中央政治局 12 月 9 日召开会议，分析研究 2025 年经济工作。中共中央总书记习近平主持会议。",
    ])
    .with_published((2024, 12, 9));
    let r = record(&d);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    assert_eq!(
        r.date.unwrap().resolved.unwrap().date,
        CivilDate::new(2024, 12, 9).unwrap()
    );
    assert_eq!(r.chair.unwrap().name, "习近平");
}

#[test]
fn empty_document() {
    let r = record(&zh(&[]));
    assert_eq!(r.kind, EventKind::NoEvent);
    assert!(r.date.is_none() && r.attendees.is_empty());
}

fn spans_in_bounds(d: &DocInput, r: &readout_record::Record) -> bool {
    let len = |s: &readout_record::Span| {
        let t = if s.headline {
            d.headlines.get(s.para)
        } else {
            d.paragraphs.get(s.para)
        };
        t.map(|t| t.chars().count())
    };
    let mut spans = Vec::new();
    spans.extend(r.date.iter().map(|x| x.span));
    spans.extend(r.chair.iter().map(|x| x.span));
    spans.extend(r.attendees.iter().map(|x| x.span));
    spans.extend(r.speakers.iter().map(|x| x.span));
    spans.extend(
        r.reviewed
            .iter()
            .chain(&r.mentioned_documents)
            .map(|x| x.span),
    );
    spans.extend(r.directives.iter().map(|x| x.span));
    spans.extend(r.formulations.iter().map(|x| x.span));
    spans.extend(r.strategies.iter().flat_map(|x| x.spans.clone()));
    spans
        .iter()
        .all(|s| len(s).is_some_and(|n| s.start <= s.end && s.end <= n))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn never_panics_and_spans_stay_in_bounds(
        paras in proptest::collection::vec("[中共央政治局召开会议审议《》、，。习近平主持出席12月日昨 a-zA-Z\u{201C}\u{201D}.,]{0,60}", 0..5),
        heads in proptest::collection::vec(".{0,20}", 0..2),
        lang in 0..3u8,
        published in proptest::option::of((1990i32..2100, 1u32..13, 1u32..29)),
    ) {
        let lang = [Lang::Zh, Lang::En, Lang::Other][lang as usize];
        let mut d = DocInput::new(lang, paras).with_headlines(heads);
        d.published = published.map(CivilDate::from);
        let r = record(&d);
        prop_assert!(spans_in_bounds(&d, &r));
        let _ = discover(&[d.clone(), d]);
    }
}

#[test]
fn breadcrumb_repeating_the_headline_is_not_the_lead() {
    let d = zh(&[
        "首页 > 时政 > 中共中央政治局召开会议",
        "来源：新华社 2024-07-30 19:02",
        "新华社北京7月30日电 中共中央政治局7月30日召开会议，分析研究当前经济形势，部署下半年经济工作。中共中央总书记习近平主持会议。",
    ])
    .with_published((2024, 7, 30));
    let r = record(&d);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    assert_eq!(
        r.date.unwrap().resolved.unwrap().date,
        CivilDate::new(2024, 7, 30).unwrap()
    );
    assert_eq!(r.paragraph_roles[2], Role::Lead);
}

#[test]
fn more_politburo_leads() {
    // A democratic life meeting is a kind of its own; a range keeps its last day.
    let mut d = zh(&["<p>新华社北京12月22日电 中共中央政治局于12月20日至21日召开民主生活会。中共中央总书记习近平主持会议并发表重要讲话。"]);
    d.published = CivilDate::new(2023, 12, 22);
    let r = record(&d);
    assert_eq!(r.kind, EventKind::DemocraticLifeMeeting);
    let d = r.date.unwrap();
    assert_eq!((d.parts.month, d.parts.day), (Some(12), Some(20)));
    assert_eq!(d.text, "12月20日至21日");
    assert_eq!(d.end, CivilDate::new(2023, 12, 21));
    let r = record(&zh(&[
        "中共中央政治局召开主题教育专题民主生活会，中共中央总书记习近平主持会议。",
    ]));
    assert_eq!(r.kind, EventKind::DemocraticLifeMeeting);
    let r = record(&en(&["Xi Jinping presided over a meeting of the Political Bureau of the CPC Central Committee on Friday."]));
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    assert_eq!(r.chair.unwrap().name, "Xi Jinping");
    let r = record(&zh(&[
        "中共中央政治局6月27日召开会议，研究进一步全面深化改革问题，审议《某某条例》（修订草案）。",
    ]));
    assert_eq!(titles(&r.reviewed), ["某某条例"]);
}

#[test]
fn list_closed_by_deng_tongzhi() {
    let r = record(&zh(&[
        "中共中央政治局常委会召开会议。",
        "李强、赵乐际、王沪宁、蔡奇、丁薛祥、李希等同志出席会议，在京中共中央政治局委员出席会议。",
    ]));
    assert_eq!(r.kind, EventKind::StandingCommitteeMeeting);
    assert_eq!(
        names(&r.attendees),
        ["李强", "赵乐际", "王沪宁", "蔡奇", "丁薛祥", "李希"]
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics_on_any_text(
        paras in proptest::collection::vec(".{0,80}", 0..4),
        lang in 0..3u8,
    ) {
        let lang = [Lang::Zh, Lang::En, Lang::Other][lang as usize];
        let d = DocInput::new(lang, paras).with_headlines(vec!["审议《".into()]).with_published((2024, 2, 29));
        let r = record(&d);
        prop_assert!(spans_in_bounds(&d, &r));
    }
}

#[test]
fn time_stamped_breadcrumb_does_not_date_the_event() {
    let d = zh(&[
        "新华网 > 时政 > 中共中央政治局召开会议 2024年12月09日 19:58",
        "新华社北京12月9日电 中共中央政治局12月8日召开会议，分析研究明年经济工作。中共中央总书记习近平主持会议。",
    ])
    .with_published((2024, 12, 9));
    let r = record(&d);
    assert_eq!(
        r.date.unwrap().resolved.unwrap().date,
        CivilDate::new(2024, 12, 8).unwrap()
    );
}

#[test]
fn readout_patterns() {
    // Reviewed documents in the lead, later paragraphs, with 并原则同意 and a second verb.
    let d = zh(&[
        "新华社北京3月29日电 中共中央政治局3月29日召开会议，审议《关于推动中部地区加快崛起的若干政策措施》。中共中央总书记习近平主持会议。",
        "会议指出，推动中部地区崛起是党中央作出的重要决策。",
        "会议审议并原则同意《甲规划》，讨论了《乙报告》。会议认为，《丙纲要》实施效果良好。",
        "会议还研究了其他事项。",
    ])
    .with_published((2024, 3, 29));
    let r = record(&d);
    assert_eq!(r.kind, EventKind::PolitburoMeeting);
    assert_eq!(
        r.date.as_ref().unwrap().resolved.unwrap().date,
        CivilDate::new(2024, 3, 29).unwrap()
    );
    assert_eq!(
        titles(&r.reviewed),
        ["关于推动中部地区加快崛起的若干政策措施", "甲规划", "乙报告"]
    );
    assert_eq!(titles(&r.mentioned_documents), ["丙纲要"]);
    assert!(r
        .strategies
        .iter()
        .any(|s| s.primary && s.name == "中部地区崛起"));
    // Chinese numerals, and a later month mentioned in the lead.
    let r = record(
        &zh(&["中共中央政治局十二月八日召开会议，决定明年三月在北京召开全体会议。"])
            .with_published((2023, 12, 9)),
    );
    assert_eq!(
        r.date.unwrap().resolved.unwrap().date,
        CivilDate::new(2023, 12, 8).unwrap()
    );
    // English weekday without "on".
    let r = record(&en(&["The Political Bureau of the CPC Central Committee held a meeting Friday to review a report."]).with_published((2024, 8, 26)));
    let d = r.date.unwrap();
    assert_eq!(d.relative.as_deref(), Some("Friday"));
    assert_eq!(
        d.resolved.unwrap().date,
        CivilDate::new(2024, 8, 23).unwrap()
    );
}

// ------------------------------------------------- what a news item reports

/// A news item: a headline (clauses separated by spaces) and its paragraphs, published
/// on `published`.
fn item(headline: &str, paras: &[&str], published: (i32, u32, u32)) -> DocInput {
    zh(paras)
        .with_headlines(vec![headline.to_string()])
        .with_published(published)
}

#[test]
fn the_headline_states_the_kind() {
    let cases = [
        ("王明同某国总统通电话", EventKind::PhoneCall),
        ("王明同某国总统举行会谈", EventKind::Talks),
        ("王明会见某国总理", EventKind::ForeignMeeting),
        ("王明就某国国庆向某国国王致贺电", EventKind::Message),
        ("王明在某省调研", EventKind::InspectionTour),
        (
            "王明主持召开国务院常务会议 研究某项工作",
            EventKind::StateCouncilExecutiveMeeting,
        ),
        (
            "王明主持召开某某委员会第三次会议强调 做好某项工作",
            EventKind::CommissionMeeting,
        ),
        ("某党十一届二中全会在京召开", EventKind::Plenum),
        (
            "中共中央政治局召开民主生活会强调 坚持团结奋斗",
            EventKind::DemocraticLifeMeeting,
        ),
        (
            "《求是》杂志发表王明同志重要文章《某某》",
            EventKind::Article,
        ),
        ("王明出席某某论坛开幕式并致辞", EventKind::Speech),
        ("第二届某某大会在杭州举办", EventKind::Conference),
        ("王明签署主席令", EventKind::Other),
        // The more specific cue wins over an earlier one: a message to a forum.
        ("第五届某某论坛在某地举办 王明致信祝贺", EventKind::Message),
        // An inspection during which a symposium was held stays an inspection.
        ("王明考察某部并主持召开座谈会", EventKind::InspectionTour),
    ];
    for (h, want) in cases {
        let r = record(&item(h, &[], (2023, 5, 1)));
        assert_eq!(r.kind, want, "{h}");
    }
}

#[test]
fn items_that_report_no_activity_have_no_event() {
    for h in [
        // Reactions, commentary and features about an event are not the event.
        "某某——王明总书记给某校学生的回信引发热烈反响",
        "人民日报社论：共创美好未来",
        "【央视快评】谋长远之势",
        // An activity announced is not one reported.
        "王明将出席某某峰会",
        "应王明邀请 某国总统将访华",
        // No actor opens the clause: foreign officers, not ours.
        "多地战事激烈 某国军方高层分别视察前线部队",
        // News.
        "前三季度居民消费市场运行总体平稳",
    ] {
        let r = record(&item(h, &["某地举行了活动，市民参加。"], (2023, 5, 1)));
        assert_eq!(r.kind, EventKind::NoEvent, "{h}");
    }
    // A meeting only learnt from is not reported.
    let r = record(&zh(&[
        "某省委常委会召开会议，传达学习中共中央政治局会议精神，研究贯彻落实措施。",
    ]));
    assert_ne!(r.kind, EventKind::PolitburoMeeting);
    // A bilateral commission is talks between governments, not a central commission.
    let r = record(&item(
        "王明同某国副总理共同主持中某合作委员会第十次会议",
        &[],
        (2023, 5, 1),
    ));
    assert_ne!(r.kind, EventKind::CommissionMeeting);
}

#[test]
fn a_headline_alone_names_chair_sender_speaker_and_principal() {
    let r = record(&item(
        "王明主持召开某某委员会第一次会议强调 做好某项工作",
        &[],
        (2023, 4, 21),
    ));
    assert_eq!(r.chair.unwrap().name, "王明");
    let r = record(&item(
        "某某委员会召开全体会议 王明出席并讲话",
        &[],
        (2023, 7, 3),
    ));
    assert_eq!(names(&r.speeches), ["王明"]);
    let r = record(&item("王明同某国总统通电话", &[], (2023, 7, 3)));
    assert_eq!(r.principal.unwrap().name, "王明");
    let r = record(&item(
        "《求是》杂志发表王明总书记重要文章《某某》",
        &[],
        (2023, 7, 3),
    ));
    assert_eq!(r.sender.unwrap().name, "王明");
}

#[test]
fn a_study_session_lecturer_and_who_spoke() {
    let r = record(&item(
        "王明在中共中央政治局第三次集体学习时强调 加强基础研究",
        &[
            "中共中央政治局2月21日下午就加强基础研究进行第三次集体学习。某大学校长、某院院士张立华教授就这个问题作了讲解，提出工作建议。",
            "李国、赵平同志结合分管领域的工作作了发言。王明在主持学习时发表了讲话。",
        ],
        (2023, 2, 22),
    ));
    assert_eq!(r.kind, EventKind::PolitburoStudySession);
    assert_eq!(r.lecturer.unwrap().name, "张立华");
    assert_eq!(names(&r.speakers), ["李国", "赵平"]);
    assert!(names(&r.speeches).contains(&"王明"));
    // A title the list reader does not know still leaves the name.
    let r = record(&zh(&[
        "中央某校（某学院）副校（院）长李文华就这个问题进行讲解。",
    ]));
    assert_eq!(r.lecturer.unwrap().name, "李文华");
}

#[test]
fn dates_of_a_news_item() {
    // Day only: the latest such day on or before publication.
    let r = record(&item(
        "王明同某国总统通电话",
        &[
            "央视网消息（新闻联播）：国家主席王明20日晚应约同某国总统通电话。",
            "王明指出，两国关系发展良好。",
        ],
        (2022, 12, 21),
    ));
    let d = r.date.unwrap();
    assert_eq!(
        d.resolved.unwrap().date,
        CivilDate::new(2022, 12, 20).unwrap()
    );
    // Relative: counted from publication, and says so.
    let r = record(&item(
        "某某大会在京开幕",
        &["某某大会今天在京开幕。"],
        (2023, 3, 5),
    ));
    let res = r.date.unwrap().resolved.unwrap();
    assert_eq!(
        (res.date, res.by),
        (CivilDate::new(2023, 3, 5).unwrap(), Anchor::Relative)
    );
    // A range keeps its last day, across a month end.
    let r = record(&item(
        "王明在某省调研",
        &["5月30日至6月2日，王明在某省调研。"],
        (2023, 6, 3),
    ));
    let d = r.date.unwrap();
    assert_eq!(
        d.resolved.unwrap().date,
        CivilDate::new(2023, 5, 30).unwrap()
    );
    assert_eq!(d.end, CivilDate::new(2023, 6, 2));
    // A date quoted from history is not the event's: the next date is.
    let r = record(&item(
        "某某座谈会在京召开",
        &["2016年1月5日，王明在重庆召开座谈会。纪念座谈会于12月4日在京召开。"],
        (2023, 12, 5),
    ));
    assert_eq!(
        r.date.unwrap().resolved.unwrap().date,
        CivilDate::new(2023, 12, 4).unwrap()
    );
}

#[test]
fn places_where_the_activity_happened() {
    let r = record(&item("某党十一届二中全会在京召开", &[], (2023, 12, 5)));
    assert_eq!(r.place.unwrap().name, "北京");
    let r = record(&zh(&[
        "习近平在人民大会堂同来华进行国事访问的某国总统举行会谈。",
    ]));
    assert_eq!(r.place.unwrap().name, "人民大会堂");
    // The venue of a plenum a meeting decided to convene is not the meeting's.
    let r = record(&zh(&[
        "中共中央政治局召开会议，决定今年10月在北京召开中国共产党第二十届中央委员会第三次全体会议。",
    ]));
    assert!(r.place.is_none());
    // A message is sent, not held: the forum's city is not its place.
    let r = record(&item(
        "王明向第五届某某论坛致贺信",
        &["第五届某某论坛5日在杭州开幕。国家主席王明致贺信。"],
        (2023, 6, 5),
    ));
    assert_eq!(r.kind, EventKind::Message);
    assert!(r.place.is_none());
}

#[test]
fn directive_actors_are_addressees_and_fragments_do_not_split_sentences() {
    let r = record(&zh(&[
        "会议指出，形势复杂。",
        "会议强调，发展双边关系，最重要的是要加强政治互信，牢牢把握正确方向，要坚持合作共赢。各级党委和政府要全面落实主体责任，有关部门要加强指导。",
    ]));
    let d: Vec<(&str, Option<&str>)> = r
        .directives
        .iter()
        .map(|d| (d.text.as_str(), d.actor.as_ref().map(|a| a.text.as_str())))
        .collect();
    // 最重要的是 and 牢牢 are no actors, so the first sentence stays whole.
    assert!(
        d.contains(&(
            "会议强调，发展双边关系，最重要的是要加强政治互信，牢牢把握正确方向，要坚持合作共赢。",
            None
        )),
        "{d:?}"
    );
    // A sentence naming two addressees is one directive per addressee.
    assert!(
        d.contains(&("各级党委和政府要全面落实主体责任，", Some("各级党委和政府"))),
        "{d:?}"
    );
    assert!(
        d.contains(&("有关部门要加强指导。", Some("有关部门"))),
        "{d:?}"
    );
}
