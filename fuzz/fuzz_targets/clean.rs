//! Fuzzes the clean stage: never panics, cleaning is reversible (`restore` gives the
//! input back exactly), no Han character is ever removed, and removals are sorted with
//! offsets on character boundaries of the cleaned text.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_text::clean::{clean, restore, to_cleaned, to_decoded};

/// Han as the project's clean tests define it (ideographs, radicals, 々〆〇, Suzhou
/// numerals, extensions).
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let c = clean(&text);
    assert_eq!(
        restore(&c.text, &c.removals),
        text,
        "restore(clean(x)) != x"
    );
    let mut prev: Option<usize> = None;
    for r in &c.removals {
        assert!(!r.text.is_empty(), "empty removal at {}", r.offset);
        assert!(
            c.text.is_char_boundary(r.offset),
            "removal offset {} not a char boundary of the cleaned text",
            r.offset
        );
        if let Some(p) = prev {
            assert!(
                p < r.offset,
                "removals not sorted or not merged: {p} then {}",
                r.offset
            );
        }
        prev = Some(r.offset);
        if let Some(h) = r.text.chars().find(|&ch| is_han(ch)) {
            panic!(
                "Han character {h:?} (U+{:04X}) removed in {:?}",
                h as u32, r.text
            );
        }
    }
    // The offset conversions agree with each other on every cleaned boundary.
    for (i, _) in c.text.char_indices().step_by(7) {
        let d = to_decoded(&c.removals, i);
        assert!(d <= text.len());
        assert_eq!(to_cleaned(&c.removals, d), i, "to_cleaned(to_decoded({i}))");
    }
});
