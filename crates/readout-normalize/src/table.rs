//! One lookup per character for every stage of the normalizer.
//!
//! Each code point has a 32-bit entry: the low 16 bits index the character's
//! own traditional-to-simplified value (0: none), the high bits are flags
//! saying which dictionaries have keys starting with it and which script it
//! is evidence of. The scans of the character layer, of script detection and
//! of the Taiwan-vocabulary reversal read the same table, so a character
//! none of them cares about costs one load, and runs of such characters are
//! copied in bulk.

use crate::character::{
    hk_variants_rev, hk_variants_rev_phrases, mainland_variant_blockers, ts_characters,
    ts_characters_ext, ts_phrases, tw_variants_rev, tw_variants_rev_phrases,
};
use crate::lexicon::Lexicon;
use std::collections::HashMap;
use std::sync::OnceLock;

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
    bmp: Box<[u32; 0x1_0000]>,
    astral: HashMap<u32, u32, foldhash::fast::FixedState>,
    values: Vec<&'static str>,
    /// The value's code point where it is one character (else 0).
    value_cps: Vec<u32>,
    /// Script evidence of each BMP character in four bits (see
    /// [`Table::evidence`]): 32 KiB, so script detection reads a table
    /// that stays in the first-level cache.
    classes: Box<[u8; 0x8000]>,
    astral_classes: HashMap<u32, u8, foldhash::fast::FixedState>,
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
        self.astral.get(&c).copied().unwrap_or(0)
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

    #[inline(never)]
    fn astral_class(&self, c: u32) -> usize {
        self.astral_classes.get(&c).copied().unwrap_or(0) as usize
    }

    /// The single-character value of an entry (which must have one).
    #[inline(always)]
    pub(crate) fn value(&self, e: u32) -> &'static str {
        self.values[(e & VALUE) as usize]
    }

    /// The code point of the single-character value where it is one
    /// character, else 0 (also for no value).
    #[inline(always)]
    pub(crate) fn value_cp(&self, e: u32) -> u32 {
        self.value_cps[(e & VALUE) as usize]
    }

    fn set(&mut self, c: char, f: impl FnOnce(u32) -> u32) {
        let cp = c as u32;
        if cp < 0x1_0000 {
            let e = &mut self.bmp[(cp & 0xFFFF) as usize];
            *e = f(*e);
        } else {
            let e = self.astral.entry(cp).or_insert(0);
            *e = f(*e);
        }
    }
}

pub(crate) fn table() -> &'static Table {
    static CELL: OnceLock<Table> = OnceLock::new();
    CELL.get_or_init(build)
}

/// The traditional-only characters of `TWVariantsRev.txt` pairs whose two
/// sides differ: the Taiwan forms (keys) that OpenCC's `s2t` never writes
/// for a character alone (參 is both its form of 参 and the Taiwan form of
/// 蔘), and OpenCC's standard forms (values) that it writes.
fn variant_forms(
    script: &HashMap<char, crate::script::Class>,
) -> (
    std::collections::HashSet<char>,
    std::collections::HashSet<char>,
) {
    let traditional = |c: &char| script.get(c) == Some(&crate::script::Class::Traditional);
    let mut written = std::collections::HashSet::new();
    for (_, v) in crate::character::st_characters().entries() {
        written.extend(v.chars());
    }
    let mut taiwan = std::collections::HashSet::new();
    let mut standard = std::collections::HashSet::new();
    let one = |s: &str| {
        let mut it = s.chars();
        match (it.next(), it.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    };
    for (k, v) in tw_variants_rev().entries() {
        if let (Some(k), Some(v)) = (one(k), one(v)) {
            if k != v && traditional(&k) && !written.contains(&k) {
                taiwan.insert(k);
            }
            if k != v && traditional(&v) && written.contains(&v) {
                standard.insert(v);
            }
        }
    }
    (taiwan, standard)
}

fn same_shape(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .map(char::len_utf8)
            .eq(b.chars().map(char::len_utf8))
}

fn build() -> Table {
    // Built on the heap: a 256 KiB array on the stack of a small thread
    // could overflow it.
    let bmp: Box<[u32; 0x1_0000]> = match vec![0u32; 0x1_0000].into_boxed_slice().try_into() {
        Ok(b) => b,
        Err(_) => unreachable!("the vector has the array's length"),
    };
    let classes: Box<[u8; 0x8000]> = match vec![0u8; 0x8000].into_boxed_slice().try_into() {
        Ok(b) => b,
        Err(_) => unreachable!("the vector has the array's length"),
    };
    let mut t = Table {
        classes,
        astral_classes: HashMap::default(),
        bmp,
        astral: HashMap::default(),
        values: vec![""],
        value_cps: vec![0],
    };
    // Keys of one character set `single`, longer ones `multi` on their
    // first character.
    let starts = |t: &mut Table, lex: &Lexicon, multi: u32, single: u32| {
        for (k, _) in lex.entries() {
            let mut it = k.chars();
            if let Some(c) = it.next() {
                let flag = if it.next().is_some() { multi } else { single };
                t.set(c, |e| e | flag);
            }
        }
    };
    starts(&mut t, ts_phrases(), PHRASE, PHRASE);
    for (k, _) in ts_phrases().entries() {
        for c in k.chars() {
            t.set(c, |e| e | IN_PHRASE);
        }
    }
    for (k, _) in crate::character::compat_ideographs().entries() {
        for c in k.chars().take(1) {
            t.set(c, |e| e | COMPAT);
        }
    }
    starts(&mut t, tw_variants_rev_phrases(), VARIANT_TW, VARIANT_TW1);
    starts(&mut t, tw_variants_rev(), VARIANT_TW, VARIANT_TW1);
    starts(&mut t, hk_variants_rev_phrases(), VARIANT_HK, VARIANT_HK1);
    starts(&mut t, hk_variants_rev(), VARIANT_HK, VARIANT_HK1);
    // Only the `Any` chain has these; a flag too many costs a lookup, not
    // a result.
    starts(&mut t, mainland_variant_blockers(), VARIANT_TW, VARIANT_TW1);
    starts(&mut t, crate::taiwan::vocab().lexicon, VOCAB, VOCAB1);
    // The single value is what the simplifying group gives a lone
    // character: the first of its dictionaries with it as a key.
    let mut seen: HashMap<char, (), foldhash::fast::FixedState> = HashMap::default();
    for lex in [ts_phrases(), ts_characters_ext(), ts_characters()] {
        for (k, v) in lex.entries() {
            let mut it = k.chars();
            let (Some(c), None) = (it.next(), it.next()) else {
                continue;
            };
            if seen.insert(c, ()).is_some() {
                continue;
            }
            let idx = t.values.len() as u32;
            t.values.push(v);
            let mut vc = v.chars();
            let (cp, multi) = match (vc.next(), vc.next()) {
                (Some(x), None) => (x as u32, 0),
                _ => (0, MULTI_VALUE),
            };
            t.value_cps.push(cp);
            let reshape = if same_shape(k, v) { 0 } else { RESHAPE };
            t.set(c, |e| (e & !VALUE) | idx | reshape | multi);
        }
    }
    for op in '\u{2FF0}'..='\u{2FFF}' {
        t.set(op, |e| e | IDS);
    }
    for cp in (0xF900..=0xFAFF).chain(0x2F800..=0x2FA1F) {
        if let Some(c) = char::from_u32(cp) {
            t.set(c, |e| e | FOLD);
        }
    }
    let script = crate::script::classes();
    for (&c, class) in &script {
        if *class == crate::script::Class::Traditional {
            t.set(c, |e| e | FOLD);
        }
    }
    debug_assert!(t.values.len() <= VALUE as usize);
    // What the vocabulary scan makes of each value (see `VALUE_VOCAB`).
    let value_flags: Vec<u32> = t
        .values
        .iter()
        .zip(&t.value_cps)
        .map(|(v, &cp)| {
            if cp == 0 {
                let any = v.chars().any(|c| t.get(c as u32) & CANDIDATE != 0);
                return if any { VALUE_SURE } else { 0 };
            }
            let e = t.get(cp);
            let mut f = 0;
            if e & VOCAB != 0 {
                f |= VALUE_VOCAB;
            }
            if e & (VOCAB1 | IDS) != 0 {
                f |= VALUE_SURE;
            }
            f
        })
        .collect();
    let with_value = |e: u32| e | value_flags[(e & VALUE) as usize];
    for e in t.bmp.iter_mut() {
        *e = with_value(*e);
    }
    for e in t.astral.values_mut() {
        *e = with_value(*e);
    }
    // Evidence classes: traditional (foldable), simplified, foldable only;
    // for traditional characters, the Taiwan or the standard form of a
    // pair the Taiwan variant step tells apart.
    let (taiwan, standard) = variant_forms(&script);
    let class_of = |c: u32, e: u32| -> u8 {
        let class = match char::from_u32(c).and_then(|ch| script.get(&ch)) {
            Some(crate::script::Class::Traditional) => 1,
            Some(crate::script::Class::Simplified) => 2,
            None if e & FOLD != 0 => 3,
            None => 0,
        };
        let form = match char::from_u32(c) {
            Some(ch) if taiwan.contains(&ch) => TAIWAN_FORM,
            Some(ch) if standard.contains(&ch) => STANDARD_FORM,
            _ => 0,
        };
        class | form as u8
    };
    for cp in 0..0x1_0000u32 {
        let class = class_of(cp, t.bmp[cp as usize]);
        t.classes[(cp >> 1) as usize] |= class << ((cp & 1) * 4);
    }
    let astral: Vec<(u32, u32)> = t.astral.iter().map(|(&c, &e)| (c, e)).collect();
    for (c, e) in astral {
        let class = class_of(c, e);
        if class != 0 {
            t.astral_classes.insert(c, class);
        }
    }
    for (&c, class) in &script {
        let cp = c as u32;
        if cp >= 0x1_0000 && !t.astral_classes.contains_key(&cp) {
            let v = if *class == crate::script::Class::Traditional {
                1
            } else {
                2
            };
            t.astral_classes.insert(cp, v);
        }
    }
    t
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
