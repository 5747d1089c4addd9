//! Character classes the analyzers split on: Han ideographs (the units of
//! the bigram field) and full-width ASCII forms (folded so `２０２３` and
//! `2023` are one term); and the context-free folding of a Han character to
//! one simplified form, which the bigram field uses so that a character the
//! normalizer converted by phrase (著 in 著作, 着 elsewhere) gives the same
//! term whether a query cuts the phrase or not.

use readout_normalize::chars_only;
use std::cell::RefCell;
use std::collections::HashMap;

/// True for a Han ideograph ([`readout_lang::is_han`]) and for `〇`, which mainland
/// text uses as the digit zero in years, so 二〇二三 stays one run of bigrams.
pub fn is_han(c: char) -> bool {
    c == '〇' || readout_lang::is_han(c)
}

/// The ASCII character a full-width form stands for (`Ａ` → `A`), or `c`.
pub fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// A letter or digit that is not Han: the stuff of Latin-script words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// `s` with full-width ASCII folded and letters lowercased.
pub fn fold_word(s: &str) -> String {
    s.chars()
        .flat_map(|c| fold_width(c).to_lowercase())
        .collect()
}

/// The simplified form of Han character `c` taken alone (OpenCC's
/// character table, no phrase context): 著 → 着, 乾 → 干, 後 → 后; a
/// simplified character is itself.
pub fn fold_han(c: char) -> char {
    thread_local! {
        static CACHE: RefCell<HashMap<char, char>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        if let Some(f) = cache.borrow().get(&c) {
            return *f;
        }
        let mut buf = [0u8; 4];
        let converted = chars_only(c.encode_utf8(&mut buf)).text;
        let mut it = converted.chars();
        let f = match (it.next(), it.next()) {
            (Some(f), None) if is_han(f) => f,
            _ => c,
        };
        let mut cache = cache.borrow_mut();
        // A bound on memory for a pathological stream of distinct characters.
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert(c, f);
        f
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('国') && is_han('國') && is_han('〇') && is_han('𠀀'));
        assert!(!is_han('a') && !is_han('，') && !is_han('２'));
        assert!(is_word_char('２') && is_word_char('é') && !is_word_char('党'));
        assert_eq!(fold_word("ＡＰＥＣ２０２３"), "apec2023");
        assert_eq!(fold_han('著'), fold_han('着'));
        assert_eq!(fold_han('國'), '国');
        assert_eq!(fold_han('国'), '国');
    }
}
