//! One lookup per character for every stage of the normalizer.
//!
//! Each code point has a 32-bit entry: the low 16 bits index the character's
//! own traditional-to-simplified value (0: none), the high bits are flags
//! saying which dictionaries have keys starting with it and which script it
//! is evidence of. The scans of the character layer, of script detection and
//! of the Taiwan-vocabulary reversal read the same table, so a character
//! none of them cares about costs one load, and runs of such characters are
//! copied in bulk. The table is computed by `build.rs` (`build/tables.rs`)
//! and compiled in.

/// Index of the character's single-character value (0: none).
pub(crate) const VALUE: u32 = 0xFFFF;
/// Some `TSPhrases` key starts with the character (they all have two or
/// more characters).
pub(crate) const PHRASE: u32 = 1 << 16;
/// Some Taiwan variant key of two or more characters starts with it.
pub(crate) const VARIANT_TW: u32 = 1 << 17;
/// Some Hong Kong variant key of two or more characters starts with it.
pub(crate) const VARIANT_HK: u32 = 1 << 18;
/// The character alone is a Taiwan variant key.
pub(crate) const VARIANT_TW1: u32 = 1 << 19;
/// The character alone is a Hong Kong variant key.
pub(crate) const VARIANT_HK1: u32 = 1 << 20;
/// Some Taiwan-vocabulary key of two or more characters starts with it.
pub(crate) const VOCAB: u32 = 1 << 21;
/// The character alone is a Taiwan-vocabulary key.
pub(crate) const VOCAB1: u32 = 1 << 22;
/// An ideographic description character (⿰…): a sequence it opens is
/// copied whole.
pub(crate) const IDS: u32 = 1 << 23;
/// Mainland writing never uses it: traditional-only, or a compatibility
/// ideograph (an encoding variant).
pub(crate) const FOLD: u32 = 1 << 24;
/// The single-character value is a character some Taiwan-vocabulary key of
/// two or more characters starts with.
pub(crate) const VALUE_VOCAB: u32 = 1 << 25;
/// The single-character value holds a character with [`VOCAB1`] or
/// [`IDS`] (or is longer than one character and holds one with a flag of
/// [`CANDIDATE`]).
pub(crate) const VALUE_SURE: u32 = 1 << 26;
/// The single-character value has another UTF-8 shape than the character.
pub(crate) const RESHAPE: u32 = 1 << 27;
/// A CJK compatibility ideograph the character layer unifies first.
pub(crate) const COMPAT: u32 = 1 << 28;
/// The character occurs in some `TSPhrases` key: a variant change that
/// produces it may make a phrase match where the text had none.
pub(crate) const IN_PHRASE: u32 = 1 << 29;
/// Where the Taiwan-vocabulary scan has anything to do: a key may start
/// there, or an ideographic description sequence it skips.
pub(crate) const CANDIDATE: u32 = VOCAB | VOCAB1 | IDS;
/// The single-character value is not one character.
pub(crate) const MULTI_VALUE: u32 = 1 << 31;

/// Evidence bit of a traditional character in the form Taiwan writes where
/// OpenCC's standard has another (為 for 爲, 裡 for 裏, 眾 for 衆).
pub(crate) const TAIWAN_FORM: usize = 4;
/// Evidence bit of a traditional character in OpenCC's standard form where
/// Taiwan writes another (爲, 裏, 衆): text converted by OpenCC's `s2t`
/// writes these, text converted in Taiwan style never does.
pub(crate) const STANDARD_FORM: usize = 8;

/// The per-character table.
pub(crate) struct Table {
    pub(crate) bmp: &'static [u32; 0x1_0000],
    /// Entries of the characters outside the BMP that have one, by code
    /// point.
    pub(crate) astral: &'static [(u32, u32)],
    pub(crate) values: &'static [crate::generated::Str],
    /// The value's code point where it is one character (else 0).
    pub(crate) value_cps: &'static [u32],
    /// Script evidence of each BMP character in four bits (see
    /// [`Table::evidence`]): 32 KiB, so script detection reads a table
    /// that stays in the first-level cache.
    pub(crate) classes: &'static [u8; 0x8000],
    /// Evidence of the characters outside the BMP that have some.
    pub(crate) astral_classes: &'static [(u32, u8)],
}

impl Table {
    /// The entry of code point `c`.
    #[inline(always)]
    pub(crate) fn get(&self, c: u32) -> u32 {
        if c < 0x1_0000 {
            self.bmp[(c & 0xFFFF) as usize]
        } else {
            self.astral_get(c)
        }
    }

    #[inline(never)]
    fn astral_get(&self, c: u32) -> u32 {
        match self.astral.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => self.astral[i].1,
            Err(_) => 0,
        }
    }

    /// Code point, length and entry of the character at byte `i` of `b`
    /// (valid UTF-8; `i < b.len()` on a character boundary).
    #[inline(always)]
    pub(crate) fn at(&self, b: &[u8], i: usize) -> (u32, usize, u32) {
        let (c, l) = decode(b, i);
        (c, l, self.get(c))
    }

    /// Script evidence class of code point `c`: 0 none, 1 traditional
    /// (and foldable), 2 simplified, 3 foldable only.
    #[inline(always)]
    pub(crate) fn evidence_class(&self, c: u32) -> usize {
        self.evidence(c) & 3
    }

    /// [`Table::evidence_class`] plus [`TAIWAN_FORM`] or [`STANDARD_FORM`].
    #[inline(always)]
    pub(crate) fn evidence(&self, c: u32) -> usize {
        if c < 0x1_0000 {
            ((self.classes[((c >> 1) & 0x7FFF) as usize] >> ((c & 1) * 4)) & 15) as usize
        } else {
            self.astral_class(c)
        }
    }

    /// [`Table::evidence`] of a BMP code point.
    #[inline(always)]
    pub(crate) fn evidence_bmp(&self, c: u32) -> usize {
        ((self.classes[((c >> 1) & 0x7FFF) as usize] >> ((c & 1) * 4)) & 15) as usize
    }

    #[inline(never)]
    fn astral_class(&self, c: u32) -> usize {
        match self.astral_classes.binary_search_by_key(&c, |&(k, _)| k) {
            Ok(i) => self.astral_classes[i].1 as usize,
            Err(_) => 0,
        }
    }

    /// The single-character value of an entry (which must have one).
    #[inline(always)]
    pub(crate) fn value(&self, e: u32) -> &'static str {
        self.values[(e & VALUE) as usize].get()
    }

    /// The code point of the single-character value where it is one
    /// character, else 0 (also for no value).
    #[inline(always)]
    pub(crate) fn value_cp(&self, e: u32) -> u32 {
        self.value_cps[(e & VALUE) as usize]
    }
}

/// The table (compiled in).
#[inline(always)]
pub(crate) fn table() -> &'static Table {
    &crate::generated::TABLE
}

/// Decodes the character starting at byte `i` of valid UTF-8 `b`: its code
/// point and length.
#[inline(always)]
pub(crate) fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let b0 = b[i] as u32;
    if b0 < 0x80 {
        (b0, 1)
    } else if b0 < 0xE0 {
        (((b0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
    } else if b0 < 0xF0 {
        (
            ((b0 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F),
            3,
        )
    } else {
        (
            ((b0 & 0x07) << 18)
                | ((b[i + 1] as u32 & 0x3F) << 12)
                | ((b[i + 2] as u32 & 0x3F) << 6)
                | (b[i + 3] as u32 & 0x3F),
            4,
        )
    }
}

/// Calls `f` with the byte offset (plus `base`) of each character of `s`
/// with a flag of [`CANDIDATE`].
pub(crate) fn each_candidate(s: &str, base: usize, mut f: impl FnMut(usize)) {
    let t = table();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (_, l, e) = t.at(b, i);
        if e & CANDIDATE != 0 {
            f(base + i);
        }
        i += l;
    }
}

/// Whether any character of `s` has `flag`.
pub(crate) fn any_has(s: &str, flag: u32) -> bool {
    let t = table();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (_, l, e) = t.at(b, i);
        if e & flag != 0 {
            return true;
        }
        i += l;
    }
    false
}

/// Counts of characters with `TRAD` and with `SIMP` in `s`.
pub(crate) fn evidence(s: &str) -> (usize, usize) {
    let t = table();
    let b = s.as_bytes();
    let mut counts = [0usize; 4];
    let mut i = 0;
    while i < b.len() {
        let (c, l) = decode(b, i);
        counts[t.evidence_class(c)] += 1;
        i += l;
    }
    (counts[1], counts[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_length() {
        for s in ["a", "é", "國", "𠮶"] {
            let c = s.chars().next().map(|c| c as u32);
            assert_eq!(Some(decode(s.as_bytes(), 0)), c.map(|c| (c, s.len())));
        }
    }

    #[test]
    fn entries_carry_values_and_flags() {
        let t = table();
        let e = t.get('國' as u32);
        assert_eq!(t.value(e), "国");
        assert!(e & FOLD != 0);
        assert_eq!(t.get('国' as u32) & (FOLD | VALUE), 0);
        assert!(t.get('⿰' as u32) & IDS != 0);
        assert!(t.get('\u{F900}' as u32) & FOLD != 0);
        assert_eq!(t.get('a' as u32) & (VALUE | FOLD), 0);
        assert_eq!(t.evidence_class('國' as u32), 1);
        assert_eq!(t.evidence_class('国' as u32), 2);
        assert_eq!(t.evidence_class('\u{F900}' as u32), 3);
        assert_eq!(t.evidence_class('中' as u32), 0);
    }

    /// The compiled-in table is the one the dictionaries give.
    #[test]
    fn compiled_table_is_built_from_the_dictionaries() {
        let built = crate::build_tables::table(
            crate::sources(),
            &crate::build_tables::sites(crate::sources()),
        );
        let t = table();
        assert!(built.bmp[..] == t.bmp[..]);
        assert!(built.classes[..] == t.classes[..]);
        assert!(built
            .astral
            .iter()
            .map(|(&c, &e)| (c, e))
            .eq(t.astral.iter().copied()));
        assert!(built
            .astral_classes
            .iter()
            .map(|(&c, &e)| (c, e))
            .eq(t.astral_classes.iter().copied()));
        assert!(built
            .values
            .iter()
            .map(String::as_str)
            .eq(t.values.iter().map(|v| v.get())));
        assert_eq!(built.value_cps, t.value_cps);
    }

    #[test]
    fn taiwan_and_standard_forms() {
        let t = table();
        assert_eq!(t.evidence('為' as u32), 1 | TAIWAN_FORM);
        assert_eq!(t.evidence('爲' as u32), 1 | STANDARD_FORM);
        assert_eq!(t.evidence('裡' as u32), 1 | TAIWAN_FORM);
        assert_eq!(t.evidence('裏' as u32), 1 | STANDARD_FORM);
        // OpenCC's s2t writes 參 for 参: no evidence of Taiwan style.
        assert_eq!(t.evidence('參' as u32), 1);
        assert_eq!(t.evidence('国' as u32), 2);
    }

    /// Two bits hold a character's evidence only if no simplified-only
    /// character is foldable, and every traditional-only one is.
    #[test]
    fn evidence_classes_are_exclusive() {
        let t = table();
        for cp in 0..0x11_0000u32 {
            let e = t.get(cp);
            match t.evidence_class(cp) {
                1 | 3 => assert!(e & FOLD != 0, "{cp:x}"),
                _ => assert!(e & FOLD == 0, "{cp:x}"),
            }
        }
    }
}
