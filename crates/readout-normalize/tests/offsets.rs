//! Properties of the offset map on arbitrary text.

use proptest::prelude::*;
use readout_normalize::{chars_only, normalize, Normalized};

/// Pieces that exercise every kind of replacement: traditional characters
/// and phrases, length-changing Taiwan vocabulary, 4-byte characters,
/// compatibility ideographs, ideographic description sequences, ASCII,
/// emoji and newlines.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("國".to_string()),
        Just("網際網路".to_string()),
        Just("大迴圈".to_string()),
        Just("高品質發展".to_string()),
        Just("頭髮".to_string()),
        Just("𠮶".to_string()),
        Just("\u{F900}".to_string()),
        Just("⿰氵黃".to_string()),
        Just("⿰".to_string()),
        Just("中华人民共和国".to_string()),
        Just("为核心的".to_string()),
        Just("著".to_string()),
        Just("。\n".to_string()),
        Just("a1 ".to_string()),
        Just("👍🏽".to_string()),
        "[一-龥]{0,3}",
        ".{0,2}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
}

fn check(orig: &str, n: &Normalized) {
    let m = &n.map;
    assert_eq!(m.norm_len(), n.text.len());
    assert_eq!(m.orig_len(), orig.len());
    assert_eq!(n.range_to_original(0..n.text.len()), 0..orig.len());
    let mut last_floor = 0;
    let mut last_ceil = 0;
    let bounds: Vec<usize> = n
        .text
        .char_indices()
        .map(|(i, _)| i)
        .chain([n.text.len()])
        .collect();
    for &b in &bounds {
        let f = m.to_original(b);
        let c = m.to_original_ceil(b);
        assert!(f <= c && c <= orig.len());
        assert!(f >= last_floor && c >= last_ceil, "not monotone at {b}");
        assert!(
            orig.is_char_boundary(f) && orig.is_char_boundary(c),
            "{b} -> {f}/{c}"
        );
        last_floor = f;
        last_ceil = c;
    }
    for w in bounds.windows(2) {
        let r = n.range_to_original(w[0]..w[1]);
        assert!(r.start <= r.end && r.end <= orig.len());
    }
    if n.text == orig {
        assert!(n.is_identity());
    }
    if n.is_identity() {
        assert_eq!(n.text, orig, "identity map but the text changed");
    }
    // Exact spans copy characters of the same UTF-8 length.
    for s in m.spans().iter().filter(|s| s.exact) {
        let a = &n.text[s.norm_start..s.norm_start + s.norm_len];
        let b = &orig[s.orig_start..s.orig_start + s.orig_len];
        assert!(a
            .chars()
            .map(char::len_utf8)
            .eq(b.chars().map(char::len_utf8)));
    }
}

#[test]
fn same_shape_replacement_is_no_identity() {
    // 國家 → 国家 keeps every byte offset, but the text changed.
    for n in [normalize("國家"), chars_only("國家")] {
        assert_eq!(n.text, "国家");
        assert_eq!(n.to_original(3), 3);
        assert!(!n.is_identity());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalize_map_is_sound(t in text()) {
        check(&t, &normalize(&t));
    }

    #[test]
    fn chars_only_map_is_sound(t in text()) {
        check(&t, &chars_only(&t));
    }

    #[test]
    fn mainland_text_maps_to_itself(t in "[一-龥，。、；：！？“”（）0-9a-z\n]{0,40}") {
        // Characters mainland writing uses never change, so the map is the identity.
        let simplified: String = t.chars().filter(|&c| !readout_normalize::is_traditional_char(c) && !('\u{F900}'..='\u{FAFF}').contains(&c)).collect();
        let n = normalize(&simplified);
        if !readout_normalize::detect_script(&simplified).eq(&readout_normalize::Script::Hant) {
            prop_assert_eq!(&n.text, &simplified);
            prop_assert!(n.is_identity());
        }
    }
}
