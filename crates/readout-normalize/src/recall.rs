//! The Taiwan reading view: traditional text with every Taiwan word that
//! OpenCC's `s2twp` may have put in (`TWPhrases.txt`: 窗口 → 視窗, 智能 → 智慧,
//! 連接 → 連線) taken back to its mainland source, whatever the context.
//!
//! [`normalize`](crate::normalize) reverses a Taiwan word only where that can
//! never change mainland writing, so it keeps 智慧 (also "wisdom") and 連線
//! (also a mainland word). A search index needs the other reading as well:
//! a mainland phrase (数字、绿色、智能等新型消费) must find its Taiwan-style
//! copy (數字、綠色、智慧等新型消費). This view is that second reading. It is
//! for recall only (indexed beside the normalized view, never shown), and it
//! exists only for text with traditional characters, so mainland text keeps
//! exactly one reading.

use crate::lexicon::{Group, Lexicon};
use crate::offset_map::MapBuilder;
use crate::script::is_traditional_char;
use crate::{chars_only, Normalized};
use std::sync::OnceLock;

static TW_PHRASES: &str = include_str!("../data/TWPhrases.txt");

/// Simplified Taiwan form → simplified mainland form, for every entry of
/// `TWPhrases.txt` whose two forms differ once simplified.
fn group() -> &'static Group {
    static GROUP: OnceLock<Group> = OnceLock::new();
    GROUP.get_or_init(|| {
        let mut pairs: Vec<(&'static str, &'static str)> = Vec::new();
        for line in TW_PHRASES.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((mainland, taiwan)) = line.split_once('\t') else {
                continue;
            };
            let mainland = leak(chars_only(mainland).text);
            for tw in taiwan.split(' ').filter(|t| !t.is_empty()) {
                let tw = chars_only(tw).text;
                // A one-character key would rewrite single characters
                // everywhere: phrases only.
                if tw != mainland && tw.chars().count() >= 2 {
                    pairs.push((leak(tw), mainland));
                }
            }
        }
        let lex: &'static Lexicon = Box::leak(Box::new(Lexicon::from_pairs(pairs)));
        Group::new(vec![lex])
    })
}

/// Built once per process: the table lives as long as the program.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// The Taiwan reading of `text` with its offset map, or `None` when `text`
/// has no traditional character or no Taiwan word to take back.
pub fn taiwan_reading(text: &str) -> Option<Normalized> {
    if !text.chars().any(is_traditional_char) {
        return None;
    }
    taiwan_reading_of_chars(&chars_only(text))
}

/// [`taiwan_reading`] from the character layer of the text ([`chars_only`]),
/// for a caller that has it already.
pub fn taiwan_reading_of_chars(chars: &Normalized) -> Option<Normalized> {
    let g = group();
    let s = chars.text.as_str();
    let mut out = String::with_capacity(s.len());
    let mut mb = MapBuilder::new();
    let (mut i, mut last, mut any) = (0, 0, false);
    while i < s.len() {
        if let Some(hit) = g.match_at(&s[i..]) {
            any = true;
            out.push_str(&s[last..i]);
            mb.copy(i - last);
            out.push_str(hit.value);
            mb.replace(&s[i..i + hit.key_len], hit.value);
            i += hit.key_len;
            last = i;
        } else {
            i += s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if !any {
        return None;
    }
    out.push_str(&s[last..]);
    mb.copy(s.len() - last);
    Some(Normalized {
        text: out,
        map: chars.map.compose(&mb.finish()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn taiwan_words_are_taken_back_with_offsets_into_the_original() {
        let text = "推廣一個視窗辦事，綠色、智慧等新型消費，與沿海連線的西南";
        let r = taiwan_reading(text).expect("a reading");
        assert_eq!(
            r.text,
            "推广一个窗口办事，绿色、智能等新型消费，与沿海连接的西南"
        );
        let at = r.text.find("窗口").unwrap();
        let orig = r.range_to_original(at..at + "窗口".len());
        assert_eq!(&text[orig], "視窗");
    }

    #[test]
    fn mainland_text_has_no_second_reading() {
        assert!(taiwan_reading("数字、绿色、智慧城市，一个窗口").is_none());
        // Traditional text without Taiwan words: the same as the character layer.
        assert!(taiwan_reading("中華人民共和國").is_none());
    }
}
