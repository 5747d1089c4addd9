//! Properties of the clean stage: removals always restore the input, no Han character is
//! ever removed, and the salted seed cleans to its gold body.

use proptest::prelude::*;
use readout_text::clean::{clean, removed_chars, restore};
use std::path::PathBuf;

fn seeds() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/seeds")
}

fn seed(prefix: &str) -> String {
    let dir = seeds();
    let entry = std::fs::read_dir(&dir)
        .expect("testdata/seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed file");
    std::fs::read_to_string(entry.path()).expect("utf-8 seed")
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Characters of the Han script (radicals, 々, 〇, Hangzhou numerals and ideographs):
/// wider than `readout_lang::is_han`, since cleaning must remove none of them.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3005..=0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

fn han(s: &str) -> Vec<char> {
    s.chars().filter(|&c| is_han(c)).collect()
}

#[test]
fn salted_seed_cleans_to_gold_body() {
    let input = seed("003_");
    let gold = std::fs::read_to_string(seeds().join("expected/003-zh.body.txt")).unwrap();
    let c = clean(&input);
    assert_eq!(restore(&c.text, &c.removals), input);
    let (cleaned, body) = (fold(&c.text), fold(&gold));
    assert!(
        cleaned.ends_with(&body),
        "cleaned body differs from gold:\n{}",
        c.text
    );
    // The headline lines above the body carry no salting and stay as they are.
    let head: Vec<&str> = input.lines().take(4).collect();
    assert_eq!(
        fold(&cleaned[..cleaned.len() - body.len()]),
        fold(&head.join("\n"))
    );
    let n = removed_chars(&c.removals);
    assert!(n >= 200, "only {n} code points removed");
    assert_eq!(han(&c.text), han(&input));
}

#[test]
fn unsalted_seeds_lose_nothing() {
    for p in ["000_", "001_", "002_", "004_"] {
        let input = seed(p);
        let c = clean(&input);
        assert!(c.removals.is_empty(), "{p}: {:?}", c.removals);
        assert_eq!(c.text, input);
    }
}

/// Pieces generated text is made of: Han, CJK punctuation, Latin, digits, real symbols,
/// emoji sequences of every shape, foreign symbols and invisible controls.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[\u{4E00}-\u{9FFF}]{1,6}",
        1 => "[\u{3400}-\u{4DBF}\u{20000}-\u{2A6DF}\u{F900}-\u{FAFF}\u{2F00}-\u{2FD5}]{1,2}",
        2 => "[，。、《》“”：；！？（）]",
        2 => "[a-zA-Z0-9 ,.#*%]{1,5}",
        1 => "[℃‰①②○★☆♀♂※→↑—…·©®™°§№¥€]",
        2 => "[\u{1F300}-\u{1FAFF}][\u{1F3FB}-\u{1F3FF}]?\u{FE0F}?",
        1 => "[\u{1F466}-\u{1F469}]\u{200D}[\u{1F466}-\u{1F469}\u{2640}\u{2642}\u{2695}]\u{FE0F}?",
        1 => "[0-9#*]\u{FE0F}?\u{20E3}",
        1 => "[\u{1F1E6}-\u{1F1FF}]{2}",
        1 => "\u{1F3F4}[\u{E0020}-\u{E007E}]{1,5}\u{E007F}",
        1 => "[\u{2190}-\u{21FF}\u{2600}-\u{27BF}\u{2B00}-\u{2BFF}\u{13000}-\u{1342F}\u{1F0A0}-\u{1F0F5}]\u{FE0F}?",
        1 => "[\u{200B}-\u{200F}\u{202A}-\u{202E}\u{2060}-\u{2064}\u{2066}-\u{2069}\u{FEFF}\u{AD}\u{FE00}-\u{FE0F}\u{0}-\u{8}]",
        1 => "[\n\t\u{3000}]",
    ]
}

fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn restore_inverts_clean_on_any_string(x in any::<String>()) {
        let c = clean(&x);
        prop_assert_eq!(restore(&c.text, &c.removals), x.clone());
        prop_assert_eq!(han(&c.text), han(&x));
    }

    #[test]
    fn restore_inverts_clean_on_salted_mixes(x in mixed()) {
        let c = clean(&x);
        prop_assert_eq!(restore(&c.text, &c.removals), x.clone());
        prop_assert_eq!(han(&c.text), han(&x));
        // Removals are sorted, merged and point inside the cleaned text.
        for w in c.removals.windows(2) {
            prop_assert!(w[0].offset < w[1].offset);
        }
        for r in &c.removals {
            prop_assert!(r.offset <= c.text.len() && c.text.is_char_boundary(r.offset));
            prop_assert!(!r.text.is_empty());
        }
        // Nothing emoji-like survives.
        prop_assert!(!c.text.chars().any(|ch| matches!(ch as u32,
            0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F900..=0x1F9FF | 0x1FA70..=0x1FAFF
            | 0x1F1E6..=0x1F1FF | 0xFE0F | 0x200B..=0x200F | 0xE0020..=0xE007F)), "{:?}", c.text);
    }

    #[test]
    fn clean_is_idempotent(x in mixed()) {
        let once = clean(&x).text;
        let twice = clean(&once);
        prop_assert_eq!(&twice.text, &once);
    }
}
