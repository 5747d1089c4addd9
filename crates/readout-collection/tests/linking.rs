//! Linking on news items read by the real reader: versions of one event agree on kind
//! and date, a later day's report of the same meeting joins it, and alike wording never
//! merges two events.

use readout_collection::{derive, InputDoc};
use readout_text::{read, Document, Limits};

/// A day file of a broadcast: `### headline` items, each with `<p>` paragraphs.
fn day(name: &str, items: &[(&str, &str)]) -> Vec<Document> {
    let mut md = String::new();
    for (h, body) in items {
        md.push_str(&format!("### {h}\n\n<p>{body}</p>\n\n"));
    }
    read(md.as_bytes(), Some(name), &Limits::default())
        .unwrap()
        .documents
}

fn events_of(files: &[(&str, Vec<Document>)]) -> Vec<Vec<String>> {
    let ids: Vec<Vec<String>> = files
        .iter()
        .map(|(f, docs)| (0..docs.len()).map(|i| format!("{f}-{i}")).collect())
        .collect();
    let input: Vec<InputDoc<'_>> = files
        .iter()
        .zip(&ids)
        .flat_map(|((_, docs), ids)| docs.iter().zip(ids).map(|(doc, id)| InputDoc { id, doc }))
        .collect();
    let d = derive(&input);
    let mut out: Vec<Vec<String>> = d.events.iter().map(|e| e.versions.clone()).collect();
    out.sort();
    out
}

const WELCOME: &str = "央视网消息（新闻联播）：国务院总理王明16日上午在人民大会堂东门外广场举行仪式，欢迎{}总理访华。{}总理抵达时，礼炮鸣响，军乐团奏两国国歌。王明陪同{}总理检阅中国人民解放军三军仪仗队，并观看分列式。仪式后，两国总理举行会谈，双方就双边关系和共同关心的国际和地区问题深入交换意见。";

fn welcome(guest: &str) -> String {
    WELCOME.replace("{}", guest)
}

const ECONOMY: &str = "央视网消息（新闻联播）：中共中央政治局7月{}日召开会议，分析研究当前经济形势，部署下半年经济工作。中共中央总书记王明主持会议。会议认为，今年以来，经济持续恢复、总体回升向好，高质量发展稳步推进。会议指出，要精准有力实施宏观调控，加强逆周期调节和政策储备。积极的财政政策要提质增效，稳健的货币政策要精准有力。";

#[test]
fn two_items_of_one_file_alike_but_for_names_stay_two() {
    let files = [(
        "20231016.md",
        day(
            "20231016.md",
            &[
                ("王明举行仪式欢迎甲国总理访华", &welcome("甲国")),
                ("王明举行仪式欢迎乙国总理访华", &welcome("乙国")),
            ],
        ),
    )];
    let ev = events_of(&files);
    assert_eq!(ev.len(), 2, "{ev:?}");
}

#[test]
fn the_same_meeting_a_year_apart_stays_two_and_a_later_report_joins() {
    let y1 = ECONOMY.replace("{}", "24");
    let y2 = ECONOMY.replace("{}", "30");
    let files = [
        (
            "20230724.md",
            day(
                "20230724.md",
                &[("中共中央政治局召开会议 分析研究当前经济形势", &y1)],
            ),
        ),
        // The same meeting, reported again the next day.
        (
            "20230725.md",
            day(
                "20230725.md",
                &[("中共中央政治局召开会议 分析研究当前经济形势", &y1)],
            ),
        ),
        (
            "20240730.md",
            day(
                "20240730.md",
                &[("中共中央政治局召开会议 分析研究当前经济形势", &y2)],
            ),
        ),
    ];
    let ev = events_of(&files);
    assert_eq!(
        ev,
        [
            vec!["20230724.md-0".to_string(), "20230725.md-0".to_string()],
            vec!["20240730.md-0".to_string()],
        ]
    );
}

#[test]
fn versions_agree_on_kind() {
    // A provincial symposium that studied the meeting quotes its readout whole; it is
    // not a version of the meeting.
    let meeting = ECONOMY.replace("{}", "24");
    let symposium = format!(
        "央视网消息（新闻联播）：7月24日，某省召开座谈会，省委书记李华主持座谈会。{}",
        &meeting["央视网消息（新闻联播）：".len()..]
    );
    let files = [
        (
            "20230724.md",
            day(
                "20230724.md",
                &[("中共中央政治局召开会议 分析研究当前经济形势", &meeting)],
            ),
        ),
        (
            "20230725.md",
            day("20230725.md", &[("李华主持召开座谈会", &symposium)]),
        ),
    ];
    let ev = events_of(&files);
    assert_eq!(ev.len(), 2, "{ev:?}");
}
