//! Which characters are Han ideographs.

/// A Han ideograph: CJK Unified Ideographs (URO 4E00–9FFF, Extension A 3400–4DBF),
/// the compatibility ideographs (F900–FAFF) and the supplementary ideographic planes
/// (Extensions B–H and the compatibility supplement, 20000–323AF).
///
/// Not `〇` (U+3007, a symbol that mainland years use as zero), not radicals, not CJK
/// punctuation: callers that want those say so beside the call.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x323AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_and_not() {
        for c in ['国', '國', '㐀', '鿿', '豈', '𠀀', '𪛟', '丽', '𰀀'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['a', '〇', '，', '２', 'あ', '한', '⺀', '\u{323B0}'] {
            assert!(!is_han(c), "{c}");
        }
    }
}
