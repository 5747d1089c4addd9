//! classes: what the clean stage needs to know about each code point, looked up in a
//! two-stage table generated from Unicode data by `data/gen_classes.py`.

mod table {
    include!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/classes.rs"));
}

/// The class of a code point. Classes below [`Class::PictNative`] are always kept and
/// differ only in the context they give their neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Class {
    /// Punctuation, kept symbols, anything else.
    Other = 0,
    /// Letters, marks and numbers of living scripts other than the CJK ones.
    Letter = 1,
    /// Han, kana, hangul, bopomofo, CJK punctuation, fullwidth and enclosed CJK forms.
    Cjk = 2,
    /// Horizontal white space.
    Space = 3,
    /// Line and paragraph breaks.
    Newline = 4,
    /// A text-style pictograph that CJK legacy character sets carry (♀ ♂ ★ ☎):
    /// kept unless an emoji sequence claims it.
    PictNative = 5,
    /// A decorative symbol foreign to CJK typography (✢ ⇨ 🂠-like blocks).
    Symbol = 6,
    /// A letter of a historic or rare script (Egyptian hieroglyphs, cuneiform, Linear B).
    Historic = 7,
    /// A text-style pictograph in the BMP that no CJK legacy set carries (☯ ⛑ ⬅ ✴).
    PictForeign = 8,
    /// A text-style pictograph outside the BMP (🕉 🖲 🛎): emoji blocks only.
    PictSmp = 9,
    /// An emoji-style pictograph (😀 ⏳ ⚾).
    EmojiPres = 10,
    /// Skin-tone modifiers U+1F3FB..U+1F3FF.
    Modifier = 11,
    /// Regional indicators (flags).
    Regional = 12,
    /// VS15 / VS16, the text and emoji presentation selectors.
    VsEmoji = 13,
    /// Other variation selectors (VS1-14, ideographic variation selectors).
    VsOther = 14,
    /// Zero-width joiner.
    Zwj = 15,
    /// Tag characters (emoji tag sequences).
    Tag = 16,
    /// Combining enclosing keycap.
    Keycap = 17,
    /// Zero-width characters, bidi controls, soft hyphen, other invisible controls.
    Invisible = 18,
}

const ALL: [Class; 19] = [
    Class::Other,
    Class::Letter,
    Class::Cjk,
    Class::Space,
    Class::Newline,
    Class::PictNative,
    Class::Symbol,
    Class::Historic,
    Class::PictForeign,
    Class::PictSmp,
    Class::EmojiPres,
    Class::Modifier,
    Class::Regional,
    Class::VsEmoji,
    Class::VsOther,
    Class::Zwj,
    Class::Tag,
    Class::Keycap,
    Class::Invisible,
];

/// The class of `cp` (any value; out-of-range values are `Other`).
#[inline]
pub(crate) fn class_of(cp: u32) -> Class {
    let hi = (cp >> table::SHIFT) as usize;
    let Some(&block) = table::STAGE1.get(hi) else {
        return Class::Other;
    };
    let idx = ((block as usize) << table::SHIFT) | (cp as usize & ((1 << table::SHIFT) - 1));
    let v = table::STAGE2.get(idx).copied().unwrap_or(0);
    ALL.get(v as usize).copied().unwrap_or(Class::Other)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(ch: char) -> Class {
        class_of(ch as u32)
    }

    #[test]
    fn classes_of_representative_characters() {
        for ch in [
            '中', '習', '㐀', '𠀀', '豈', '⼀', 'あ', 'カ', '한', '，', '。', '《', '㈠', '①',
        ] {
            assert!(
                matches!(c(ch), Class::Cjk | Class::Other | Class::Letter),
                "{ch}"
            );
            assert!(c(ch) < Class::PictNative, "{ch} must be kept");
        }
        for ch in ['a', 'Z', '5', 'α', 'ж', 'é'] {
            assert_eq!(c(ch), Class::Letter, "{ch}");
        }
        for ch in [
            '℃', '%', '©', '®', '™', '°', '‰', '§', '№', '€', '—', '…', '·', '“', '○', '─', '↑',
            '±',
        ] {
            assert!(c(ch) < Class::PictNative, "{ch} must be kept: {:?}", c(ch));
        }
        assert_eq!(c('♀'), Class::PictNative);
        assert_eq!(c('★'), Class::PictNative);
        assert_eq!(c('☯'), Class::PictForeign);
        assert_eq!(c('⬅'), Class::PictForeign);
        assert_eq!(c('✢'), Class::Symbol);
        assert_eq!(c('⇨'), Class::Symbol);
        assert_eq!(c('𓀁'), Class::Historic);
        assert_eq!(c('🂠'), Class::PictSmp);
        assert_eq!(c('🕉'), Class::PictSmp);
        assert_eq!(c('😀'), Class::EmojiPres);
        assert_eq!(c('⏳'), Class::EmojiPres);
        assert_eq!(c('\u{1F3FB}'), Class::Modifier);
        assert_eq!(c('🇨'), Class::Regional);
        assert_eq!(c('\u{FE0F}'), Class::VsEmoji);
        assert_eq!(c('\u{E0100}'), Class::VsOther);
        assert_eq!(c('\u{200D}'), Class::Zwj);
        assert_eq!(c('\u{E0067}'), Class::Tag);
        assert_eq!(c('\u{20E3}'), Class::Keycap);
        for ch in [
            '\u{200B}', '\u{200E}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{AD}', '\u{0}',
        ] {
            assert_eq!(c(ch), Class::Invisible, "{:04X}", ch as u32);
        }
        assert_eq!(c('\n'), Class::Newline);
        assert_eq!(c('\u{3000}'), Class::Space);
        assert_eq!(class_of(0x11_0000), Class::Other);
    }
}
