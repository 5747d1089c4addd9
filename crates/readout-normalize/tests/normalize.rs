//! The full normalizer on real text: mainland text stays as it is,
//! traditional text becomes mainland simplified, Taiwan vocabulary is undone
//! only where the text is traditional.

use readout_normalize::{normalize, normalize_for_index};

const SAMPLE: &str = include_str!("../testdata/mainland_sample.txt");
const SEED_000: &str = include_str!("../../../testdata/seeds/000_6c6912b3881f138c.txt");
const SEED_002: &str = include_str!("../../../testdata/seeds/002_4a9dcca1dd6bbaa4.txt");

#[test]
fn mainland_sample_is_unchanged() {
    assert!(SAMPLE.len() > 300_000);
    let n = normalize(SAMPLE);
    assert!(n.text == SAMPLE, "normalize changed mainland text");
    assert!(n.is_identity());
    // Paragraph by paragraph too: a short unit has less evidence.
    for para in SAMPLE.lines() {
        let n = normalize(para);
        assert_eq!(n.text, para);
        assert!(n.is_identity());
    }
    assert_eq!(normalize_for_index(SAMPLE).text, SAMPLE);
}

#[test]
fn core_of_the_party_centre_is_not_a_kernel() {
    // OpenCC's tw2sp turns 核心 into 内核; 核心 is ordinary mainland usage.
    assert_eq!(
        normalize("以習近平同志為核心的黨中央").text,
        "以习近平同志为核心的党中央"
    );
    assert_eq!(
        normalize("以习近平同志为核心的党中央").text,
        "以习近平同志为核心的党中央"
    );
}

#[test]
fn taiwan_vocabulary_is_undone_in_traditional_text() {
    assert_eq!(
        normalize("提升國內大迴圈內生動力和可靠性").text,
        "提升国内大循环内生动力和可靠性"
    );
    assert_eq!(
        normalize("推動長江經濟帶高品質發展").text,
        "推动长江经济带高质量发展"
    );
    assert_eq!(
        normalize("在高水準保護上下更大功夫").text,
        "在高水平保护上下更大功夫"
    );
}

#[test]
fn taiwan_term_in_traditional_form_is_evidence_in_simplified_text() {
    assert_eq!(
        normalize("提升国内大迴圈内生动力").text,
        "提升国内大循环内生动力"
    );
}

#[test]
fn simplified_text_keeps_its_own_words() {
    for t in ["推动高品质生活", "支援边疆建设", "资讯", "网路", "软体动物"] {
        assert_eq!(normalize(t).text, t);
    }
}

#[test]
fn seed_reports_yield_the_mainland_formulations() {
    let n = normalize(SEED_000);
    for f in [
        "以习近平同志为核心的党中央",
        "提升国内大循环内生动力和可靠性",
        "高质量发展",
        "共抓大保护、不搞大开发",
        "以一域之稳为全局之安作出贡献",
        "中央统筹、省负总责、市县抓落实",
        "统筹好发展和安全",
        "降碳、减污、扩绿、增长",
        "久久为功",
        "步步为营",
        "生态红线",
    ] {
        assert!(n.text.contains(f), "000 lacks {f}");
    }
    let n = normalize(SEED_002);
    assert!(n.text.contains("高质量发展"));
    // The English part of the file comes out as it went in.
    let en = SEED_000.find("The Political Bureau").expect("english part");
    let n0 = normalize(SEED_000);
    let pos = n0.text.find("The Political Bureau").expect("english kept");
    assert_eq!(n0.to_original(pos), en);
    assert_eq!(&n0.text[pos..], &SEED_000[en..]);
}

#[test]
fn shortened_phrase_maps_to_the_whole_original() {
    // 網際網路 (4 characters) becomes 互联网 (3): no finer correspondence.
    let orig = "發展網際網路產業";
    let n = normalize(orig);
    assert_eq!(n.text, "发展互联网产业");
    let start = "发展".len();
    let end = start + "互联网".len();
    let o = n.range_to_original(start..end);
    assert_eq!(&orig[o], "網際網路");
    // Inside the replaced span, offsets snap outward.
    let mid = start + "互".len();
    assert_eq!(n.to_original(mid), "發展".len());
    assert_eq!(n.map.to_original_ceil(mid), "發展網際網路".len());
    assert_eq!(n.range_to_original(0..n.text.len()), 0..orig.len());
    assert_eq!(n.char_range_to_original(orig, 2..5), 2..6);
}
