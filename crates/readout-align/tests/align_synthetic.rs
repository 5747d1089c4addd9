//! The aligner on small Chinese-English pairs written for these tests: one-to-one,
//! split and merged sentences, omissions, extra English, a formulation memory, and
//! inputs that must not break it.

use proptest::prelude::*;
use readout_align::{align, Aligner, Alignment, FormulationMemory};

fn shape(a: &Alignment) -> Vec<(Vec<usize>, Vec<usize>)> {
    a.beads
        .iter()
        .map(|b| (b.zh.clone().collect(), b.en.clone().collect()))
        .collect()
}

fn g(zh: &[usize], en: &[usize]) -> (Vec<usize>, Vec<usize>) {
    (zh.to_vec(), en.to_vec())
}

const ZH: [&str; 8] = [
    "国务院总理今天在北京会见了来访的法国外长。",
    "双方就加强经济合作和人文交流交换了意见。",
    "会议指出，要加快建设全国统一大市场，促进资源要素自由流动。",
    "今年前三季度，全国粮食产量达到六亿五千万吨。",
    "会议强调，要坚持生态优先、绿色发展，推进长江流域综合治理。",
    "各地区各部门要切实履行职责，抓好政策落实。",
    "会议还研究了其他事项。",
    "与会代表对报告给予高度评价。",
];

const EN: [&str; 8] = [
    "The premier of the State Council met the visiting French foreign minister in Beijing today.",
    "The two sides exchanged views on strengthening economic cooperation and cultural exchanges.",
    "The meeting noted the need to accelerate the building of a unified national market and promote the free flow of resources and factors.",
    "In the first three quarters of this year, national grain output reached 650 million tonnes.",
    "The meeting stressed the need to prioritize ecology and green development and advance comprehensive governance of the Yangtze River basin.",
    "All regions and departments must earnestly fulfill their duties and implement the policies.",
    "Other matters were also discussed at the meeting.",
    "The delegates spoke highly of the report.",
];

#[test]
fn one_to_one_translation_aligns_sentence_by_sentence() {
    let a = align(&ZH, &EN);
    let expected: Vec<_> = (0..8).map(|i| g(&[i], &[i])).collect();
    assert_eq!(shape(&a), expected);
    assert_eq!(a.coverage(), 1.0);
    assert!(a.beads.iter().all(|b| b.evidence > 0.0));
}

#[test]
fn a_sentence_split_in_two_is_one_bead() {
    let en = [
        EN[0],
        EN[1],
        "The meeting noted the need to accelerate the building of a unified national market.",
        "The free flow of resources and factors should be promoted.",
        EN[3],
        EN[4],
        EN[5],
        EN[6],
    ];
    let a = align(&ZH[..7], &en);
    assert!(shape(&a).contains(&g(&[2], &[2, 3])), "{:?}", shape(&a));
    assert!(shape(&a).contains(&g(&[3], &[4])));
}

#[test]
fn two_sentences_merged_in_one_are_one_bead() {
    let en = [
        EN[0],
        "The two sides exchanged views on strengthening economic cooperation and cultural exchanges, and the meeting noted the need to accelerate the building of a unified national market and promote the free flow of resources and factors.",
        EN[3],
        EN[4],
        EN[5],
        EN[6],
    ];
    let a = align(&ZH[..7], &en);
    assert!(shape(&a).contains(&g(&[1, 2], &[1])), "{:?}", shape(&a));
    assert!(shape(&a).contains(&g(&[3], &[2])));
}

#[test]
fn an_abridged_version_leaves_sentences_unmatched() {
    // The English drops the grain figure and the call on regions and departments.
    let en = [EN[0], EN[1], EN[2], EN[4], EN[6], EN[7]];
    let a = align(&ZH, &en);
    assert_eq!(a.omitted_zh(), vec![3, 5], "{:?}", shape(&a));
    assert!(shape(&a).contains(&g(&[4], &[3])));
    assert!((a.coverage() - 6.0 / 8.0).abs() < 1e-6);
    let aligner = Aligner::default();
    let om = aligner.omissions(&ZH, &en, &a);
    assert_eq!(om.sentences, vec![3, 5]);
}

#[test]
fn english_without_chinese_counterpart_is_set_apart() {
    let en = [
        EN[0],
        EN[1],
        "Separately, heavy snowfall disrupted rail traffic in several northern provinces over the weekend, with hundreds of trains cancelled.",
        EN[2],
        EN[3],
    ];
    let a = align(&ZH[..4], &en);
    let s = shape(&a);
    assert!(
        s.contains(&g(&[0], &[0])) && s.contains(&g(&[3], &[4])),
        "{s:?}"
    );
    assert!(s.contains(&g(&[2], &[3])), "{s:?}");
    assert!(!s.iter().any(|(z, e)| e.contains(&2) && z.contains(&2)));
}

#[test]
fn formulation_memory_supplies_conventional_renderings() {
    let zh = ["打铁还需自身硬。", "会议还研究了其他事项。"];
    let en = [
        "It takes a good blacksmith to make good steel.",
        "Other matters were also discussed at the meeting.",
    ];
    let lexicon = readout_align::Lexicon::bundled();
    let plain = Aligner::new(lexicon);
    let a = plain.align(&zh, &en);
    let without: Vec<String> = plain
        .omissions(&zh, &en, &a)
        .phrases
        .into_iter()
        .map(|p| p.text)
        .collect();
    // 硬 finds "good" among its glosses; the rest has no counterpart.
    assert_eq!(without, ["打铁还需自身"]);

    let memory = FormulationMemory::from_pairs([(
        "打铁还需自身硬",
        "it takes a good blacksmith to make good steel",
    )]);
    let remembering = Aligner::new(lexicon).with_memory(&memory);
    let b = remembering.align(&zh, &en);
    assert_eq!(shape(&b), vec![g(&[0], &[0]), g(&[1], &[1])]);
    assert!(b.beads[0].evidence > a.beads[0].evidence);
    assert!(remembering.omissions(&zh, &en, &b).phrases.is_empty());
}

#[test]
fn degenerate_inputs_do_not_break_the_aligner() {
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        (vec![], vec![]),
        (vec![""], vec![""]),
        (vec!["😀😀😀", "。。。"], vec!["!!!", "🙂"]),
        (vec!["会议。"; 200], vec!["Meeting."]),
        (vec!["会议。"], vec!["Meeting."; 200]),
        (vec!["\u{0}\u{feff}"], vec!["\u{200b}"]),
    ];
    for (zh, en) in cases {
        let a = align(&zh, &en);
        let zh_n: usize = a.beads.iter().map(|b| b.zh.len()).sum();
        let en_n: usize = a.beads.iter().map(|b| b.en.len()).sum();
        assert_eq!((zh_n, en_n), (zh.len(), en.len()));
    }
}

#[test]
fn long_documents_align_through_the_band() {
    // 400 sentence pairs, the English with every fifth sentence dropped: the band must
    // follow the drift of the diagonal.
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut dropped = Vec::new();
    for k in 0..400 {
        zh.push(format!(
            "第{k}次会议于{}月{}日召开，审议了{}项议案。",
            k % 12 + 1,
            k % 28 + 1,
            k + 3
        ));
        if k % 5 == 4 {
            dropped.push(k);
        } else {
            en.push(format!(
                "Meeting No. {k} was held on {} {}, reviewing {} motions.",
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December"
                ][k % 12],
                k % 28 + 1,
                k + 3
            ));
        }
    }
    let zr: Vec<&str> = zh.iter().map(String::as_str).collect();
    let er: Vec<&str> = en.iter().map(String::as_str).collect();
    let a = align(&zr, &er);
    assert_eq!(a.omitted_zh(), dropped);
    assert_eq!(
        a.beads
            .iter()
            .filter(|b| b.zh.len() == 1 && b.en.len() == 1)
            .count(),
        320
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_sentence_is_in_exactly_one_bead_in_order(
        zh in proptest::collection::vec("[会议强调发展经济人民\\u{4e00}-\\u{4e20}。，a-z0-9 ]{0,30}", 0..25),
        en in proptest::collection::vec("[A-Za-z0-9 ,.]{0,60}", 0..25),
    ) {
        let zr: Vec<&str> = zh.iter().map(String::as_str).collect();
        let er: Vec<&str> = en.iter().map(String::as_str).collect();
        let a = align(&zr, &er);
        let (mut z, mut e) = (0, 0);
        for b in &a.beads {
            prop_assert_eq!(b.zh.start, z);
            prop_assert_eq!(b.en.start, e);
            prop_assert!(!b.zh.is_empty() || !b.en.is_empty());
            z = b.zh.end;
            e = b.en.end;
        }
        prop_assert_eq!((z, e), (zh.len(), en.len()));
        let c = a.coverage();
        prop_assert!((0.0..=1.0).contains(&c));
    }
}
