//! clean: removes salting from decoded text — emoji (with their modifiers, joiners,
//! selectors, keycaps, flags and tags), symbols and historic-script letters foreign to
//! the text around them, and invisible controls — and records every removal so the
//! decoded text can be rebuilt exactly.
//!
//! Decisions follow from character properties (the class table built from Unicode data)
//! and from the nearest kept neighbours, never from particular strings: a decorative
//! symbol between Han characters is salting, the same symbol on a line of its own is
//! content; a hieroglyph inside a Chinese sentence is salting, one set apart in an
//! Egyptology text is not. Symbols that the CJK legacy character sets carry (○ ★ ※ ①
//! ← ↑) are native to Chinese typography and are kept.

mod classes;

use crate::model::{Removal, RemovalKind};
use classes::{class_of, Class};

/// The clean stage's output: `text` plus `removals` rebuilds the input exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Sorted by offset; adjacent removals are merged, so no two share an offset.
    pub removals: Vec<Removal>,
}

impl Cleaned {
    /// Number of code points removed.
    pub fn removed_chars(&self) -> usize {
        removed_chars(&self.removals)
    }
}

/// Number of code points in `removals`.
pub fn removed_chars(removals: &[Removal]) -> usize {
    removals.iter().map(|r| r.text.chars().count()).sum()
}

/// Code points removed inside cleaned-text `span` (`removals` sorted by offset, as
/// [`clean`] makes them). A removal sits at a cleaned-text offset; one at the boundary
/// between two documents belongs to the later one, and one at the very end of the text
/// to the last document (`last`).
pub fn removed_within(span: &std::ops::Range<usize>, removals: &[Removal], last: bool) -> usize {
    let from = removals.partition_point(|r| r.offset < span.start);
    removals[from..]
        .iter()
        .take_while(|r| r.offset < span.end || (last && r.offset == span.end))
        .map(|r| r.text.chars().count())
        .sum()
}

/// ASCII byte classes: 0 kept, 1 control (removed), 2 possible keycap base.
static ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 0x20 {
        if !matches!(i, 9..=13) {
            t[i] = 1;
        }
        i += 1;
    }
    t[0x7F] = 1;
    let mut d = b'0';
    while d <= b'9' {
        t[d as usize] = 2;
        d += 1;
    }
    t[b'#' as usize] = 2;
    t[b'*' as usize] = 2;
    t
};

/// How far a symbol looks ahead for its right-hand context; bounds the work on long runs
/// of salting.
const LOOKAHEAD: usize = 32;

/// The context a kept neighbour gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Cjk,
    Letter,
    Space,
    /// A line break or the edge of the text.
    Line,
    Other,
}

fn ctx_of(class: Class) -> Ctx {
    match class {
        Class::Cjk => Ctx::Cjk,
        Class::Letter => Ctx::Letter,
        Class::Space => Ctx::Space,
        Class::Newline => Ctx::Line,
        _ => Ctx::Other,
    }
}

fn ctx_of_char(c: Option<char>) -> Ctx {
    match c {
        None => Ctx::Line,
        Some(c) => ctx_of(class_of(c as u32)),
    }
}

/// Decodes the char starting at `i` of valid UTF-8 `b`; returns (code point, length).
#[inline]
fn char_at(b: &[u8], i: usize) -> (u32, usize) {
    let x = b[i] as u32;
    let cont = |k: usize| (b.get(i + k).copied().unwrap_or(0x80) & 0x3F) as u32;
    if x < 0x80 {
        (x, 1)
    } else if x < 0xE0 {
        (((x & 0x1F) << 6) | cont(1), 2)
    } else if x < 0xF0 {
        (((x & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
    } else {
        (
            ((x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        )
    }
}

fn is_gender_sign(cp: u32) -> bool {
    // The signs that emoji ZWJ sequences append to a person (♀ ♂ ⚧); kept alone, joined
    // to an emoji they stand right after even when the joiner was stripped.
    matches!(cp, 0x2640 | 0x2642 | 0x26A7)
}

fn stronger(a: RemovalKind, b: RemovalKind) -> RemovalKind {
    fn rank(k: RemovalKind) -> u8 {
        match k {
            RemovalKind::Invisible => 0,
            RemovalKind::ForeignSymbol => 1,
            RemovalKind::Emoji => 2,
        }
    }
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

struct Cleaner<'a> {
    text: &'a str,
    out: String,
    removals: Vec<Removal>,
    /// Start of the kept run not yet copied to `out`.
    run: usize,
    /// Input offset where the last emoji element ended (a following modifier, selector,
    /// joiner or tag belongs to the same emoji when it starts there).
    cluster_end: usize,
    /// Input offset where the last joiner inside an emoji ended.
    zwj_end: usize,
}

impl<'a> Cleaner<'a> {
    fn remove(&mut self, start: usize, end: usize, kind: RemovalKind) {
        if self.run < start {
            self.out.push_str(&self.text[self.run..start]);
        }
        let at = self.out.len();
        let piece = &self.text[start..end];
        match self.removals.last_mut() {
            Some(last) if last.offset == at => {
                last.text.push_str(piece);
                last.kind = stronger(last.kind, kind);
            }
            _ => self.removals.push(Removal {
                offset: at,
                text: piece.to_string(),
                kind,
            }),
        }
        self.run = end;
    }

    /// The nearest kept character before input offset `i`.
    fn prev_kept(&self, i: usize) -> Option<char> {
        if self.run < i {
            self.text[self.run..i].chars().next_back()
        } else {
            self.out.chars().next_back()
        }
    }

    /// Class of the char at `j`, if any.
    fn class_at(&self, j: usize) -> Option<(u32, Class)> {
        let b = self.text.as_bytes();
        (j < b.len()).then(|| {
            let (cp, _) = char_at(b, j);
            (cp, class_of(cp))
        })
    }

    /// True when the char at `j` asks for emoji presentation of what precedes it.
    fn qualified(&self, j: usize) -> bool {
        matches!(
            self.class_at(j),
            Some((0xFE0F, _)) | Some((_, Class::Modifier))
        )
    }

    /// The context to the right of `j`, skipping anything that is itself salting.
    fn next_ctx(&self, j: usize) -> Ctx {
        let b = self.text.as_bytes();
        let mut k = j;
        let mut last: Option<Class> = None;
        for _ in 0..LOOKAHEAD {
            if k >= b.len() {
                return Ctx::Line;
            }
            let (cp, len) = char_at(b, k);
            let class = class_of(cp);
            // A native pictograph is salting here when an emoji sequence claims it, by the
            // same rules `slow` applies.
            let claimed = class == Class::PictNative
                && (last == Some(Class::Zwj)
                    || (last.is_some_and(|c| c >= Class::PictForeign) && is_gender_sign(cp))
                    || self.qualified(k + len));
            let keycap = matches!(cp, 0x23 | 0x2A | 0x30..=0x39) && self.keycap_follows(k + 1);
            if !keycap && (class < Class::PictNative || (class == Class::PictNative && !claimed)) {
                return ctx_of(class);
            }
            last = Some(class);
            k += len;
        }
        Ctx::Other
    }

    /// A decorative symbol is foreign when it touches CJK text: right after it, or right
    /// before it unless it opens a line (a bullet); or when it stands inside a word.
    fn symbol_is_foreign(&self, i: usize, j: usize) -> bool {
        let prev = ctx_of_char(self.prev_kept(i));
        if prev == Ctx::Cjk {
            return true;
        }
        let next = self.next_ctx(j);
        (prev != Ctx::Line && next == Ctx::Cjk) || (prev == Ctx::Letter && next == Ctx::Letter)
    }

    /// A historic-script letter is foreign when it touches the writing of another script.
    fn historic_is_foreign(&self, i: usize, j: usize) -> bool {
        let prev = ctx_of_char(self.prev_kept(i));
        matches!(prev, Ctx::Cjk | Ctx::Letter) || matches!(self.next_ctx(j), Ctx::Cjk | Ctx::Letter)
    }

    fn emoji(&mut self, i: usize, j: usize) {
        self.remove(i, j, RemovalKind::Emoji);
        self.cluster_end = j;
    }

    /// Handles the char `cp` of class `class` at `i..j`, which may be salting.
    fn slow(&mut self, cp: u32, class: Class, i: usize, j: usize) {
        let in_cluster = self.cluster_end == i;
        match class {
            Class::EmojiPres | Class::Modifier | Class::Regional | Class::Keycap => {
                self.emoji(i, j)
            }
            Class::PictSmp => {
                if in_cluster || self.qualified(j) {
                    self.emoji(i, j);
                } else {
                    self.remove(i, j, RemovalKind::ForeignSymbol);
                    self.cluster_end = j;
                }
            }
            Class::VsEmoji | Class::Tag => {
                if in_cluster {
                    self.emoji(i, j);
                } else {
                    self.remove(i, j, RemovalKind::Invisible);
                }
            }
            Class::Zwj => {
                let joins = in_cluster
                    && matches!(
                        self.class_at(j),
                        Some((
                            _,
                            Class::PictNative
                                | Class::PictForeign
                                | Class::PictSmp
                                | Class::EmojiPres
                        ))
                    );
                if joins {
                    self.emoji(i, j);
                    self.zwj_end = j;
                } else {
                    self.remove(i, j, RemovalKind::Invisible);
                }
            }
            Class::VsOther => {
                if in_cluster {
                    self.emoji(i, j);
                } else if ctx_of_char(self.prev_kept(i)) != Ctx::Cjk {
                    // Ideographic variation sequences are real after Han; elsewhere the
                    // selector selects nothing.
                    self.remove(i, j, RemovalKind::Invisible);
                }
            }
            Class::Invisible => self.remove(i, j, RemovalKind::Invisible),
            Class::PictNative => {
                let joins = in_cluster && (self.zwj_end == i || is_gender_sign(cp));
                if joins || self.qualified(j) {
                    self.emoji(i, j);
                }
            }
            Class::PictForeign => {
                if in_cluster || self.qualified(j) {
                    self.emoji(i, j);
                } else if self.symbol_is_foreign(i, j) {
                    self.remove(i, j, RemovalKind::ForeignSymbol);
                    self.cluster_end = j;
                }
            }
            Class::Symbol => {
                if self.symbol_is_foreign(i, j) {
                    self.remove(i, j, RemovalKind::ForeignSymbol);
                    self.cluster_end = j;
                }
            }
            Class::Historic => {
                if self.historic_is_foreign(i, j) {
                    self.remove(i, j, RemovalKind::ForeignSymbol);
                }
            }
            Class::Other | Class::Letter | Class::Cjk | Class::Space | Class::Newline => {}
        }
    }

    /// True when a keycap sequence (optional VS15/VS16, then U+20E3) follows offset `j`.
    fn keycap_follows(&self, j: usize) -> bool {
        let rest = &self.text.as_bytes()[j..];
        const KEYCAP: &[u8] = "\u{20E3}".as_bytes();
        rest.starts_with(KEYCAP)
            || ((rest.starts_with("\u{FE0F}".as_bytes())
                || rest.starts_with("\u{FE0E}".as_bytes()))
                && rest[3..].starts_with(KEYCAP))
    }
}

/// Cleans `text`: removes salting and records each removal.
pub fn clean(text: &str) -> Cleaned {
    let b = text.as_bytes();
    let n = b.len();
    let mut c = Cleaner {
        text,
        out: String::with_capacity(n),
        removals: Vec::new(),
        run: 0,
        cluster_end: usize::MAX,
        zwj_end: usize::MAX,
    };
    let mut i = 0;
    while i < n {
        let x = b[i];
        if x < 0x80 {
            match ASCII[x as usize] {
                0 => {}
                1 => c.remove(i, i + 1, RemovalKind::Invisible),
                _ => {
                    if matches!(b.get(i + 1), Some(0xE2 | 0xEF)) && c.keycap_follows(i + 1) {
                        c.emoji(i, i + 1);
                    }
                }
            }
            i += 1;
            continue;
        }
        // U+4000..U+9FFF (CJK Unified Ideographs and the end of Extension A, plus the
        // Yijing hexagrams, all kept): three-byte sequences led by E4..E9.
        if (0xE4..=0xE9).contains(&x) {
            i += 3;
            continue;
        }
        let (cp, len) = char_at(b, i);
        let class = class_of(cp);
        let j = i + len;
        if class >= Class::PictNative {
            c.slow(cp, class, i, j);
        }
        i = j;
    }
    if c.run < n {
        c.out.push_str(&text[c.run..]);
    }
    Cleaned {
        text: c.out,
        removals: c.removals,
    }
}

/// Maps an offset of the cleaned text to the decoded text, past any removal made at that
/// offset (where the character that follows begins). Removals must be sorted, as
/// [`clean`] makes them.
pub fn to_decoded(removals: &[Removal], cleaned_offset: usize) -> usize {
    cleaned_offset
        + removals
            .iter()
            .take_while(|r| r.offset <= cleaned_offset)
            .map(|r| r.text.len())
            .sum::<usize>()
}

/// Like [`to_decoded`] but before any removal made at that offset (where the character
/// that precedes ends), for the end of a range.
pub fn to_decoded_end(removals: &[Removal], cleaned_offset: usize) -> usize {
    cleaned_offset
        + removals
            .iter()
            .take_while(|r| r.offset < cleaned_offset)
            .map(|r| r.text.len())
            .sum::<usize>()
}

/// Maps an offset of the decoded text to the cleaned text; an offset inside removed text
/// maps to where it was taken out.
pub fn to_cleaned(removals: &[Removal], decoded_offset: usize) -> usize {
    let mut shift = 0;
    for r in removals {
        let start = r.offset + shift;
        if decoded_offset < start {
            break;
        }
        if decoded_offset < start + r.text.len() {
            return r.offset;
        }
        shift += r.text.len();
    }
    decoded_offset - shift
}

/// Rebuilds the text `clean` was given from its output. Never panics: offsets past the
/// end or inside a character are moved back to the nearest character boundary.
pub fn restore(cleaned: &str, removals: &[Removal]) -> String {
    let extra: usize = removals.iter().map(|r| r.text.len()).sum();
    let mut out = String::with_capacity(cleaned.len() + extra);
    let mut pos = 0;
    for r in removals {
        let mut at = r.offset.min(cleaned.len());
        while !cleaned.is_char_boundary(at) {
            at -= 1;
        }
        if at > pos {
            out.push_str(&cleaned[pos..at]);
            pos = at;
        }
        out.push_str(&r.text);
    }
    out.push_str(&cleaned[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(x: &str) -> Vec<(usize, String, RemovalKind)> {
        clean(x)
            .removals
            .into_iter()
            .map(|r| (r.offset, r.text, r.kind))
            .collect()
    }

    fn check(x: &str, want: &str) {
        let c = clean(x);
        assert_eq!(c.text, want, "cleaning {x:?}");
        assert_eq!(restore(&c.text, &c.removals), x);
    }

    #[test]
    fn emoji_sequences_go_whole() {
        check("國家主席🏋️、中央", "國家主席、中央");
        check("謀長遠之勢🧛🏻👩🏿🔬、行", "謀長遠之勢、行");
        check("發展⛹🏻♂️,更好", "發展,更好");
        check("的本領*️⃣👨🏻🌾。", "的本領。");
        check("旗🇨🇳幟", "旗幟");
        check(
            "英格蘭🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}隊",
            "英格蘭隊",
        );
        check("家庭👨\u{200D}👩\u{200D}👧結構", "家庭結構");
        check("醫生🧑\u{200D}⚕\u{FE0F}到", "醫生到");
        check("運動🏃\u{200D}♀到", "運動到");
        check("運動🤷🏿♀️。", "運動。");
        check("high five 🙌🏽 today", "high five  today");
    }

    #[test]
    fn merged_removal_records_offset_and_kind() {
        let r = removed("謀長遠之勢🧛🏻👩🏿🔬、");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "謀長遠之勢".len());
        assert_eq!(r[0].1, "🧛🏻👩🏿🔬");
        assert_eq!(r[0].2, RemovalKind::Emoji);
        let r = removed("a\u{200B}b\u{200E}c");
        assert_eq!(
            r,
            vec![
                (1, "\u{200B}".into(), RemovalKind::Invisible),
                (2, "\u{200E}".into(), RemovalKind::Invisible)
            ]
        );
    }

    #[test]
    fn foreign_symbols_between_han_go() {
        check("一體化水平✢。", "一體化水平。");
        check("多能互補⇨、深度", "多能互補、深度");
        check("作用⛑🕉,在", "作用,在");
        check("生態環境↩️。", "生態環境。");
        check("戰略支撐𓀛。在", "戰略支撐。在");
        check("以科技創新為引領𓀁,統籌", "以科技創新為引領,統籌");
        check("投入🂠,發揮", "投入,發揮");
        check("延鏈☯️、新興", "延鏈、新興");
        check("共識🈂️;生態", "共識;生態");
        check("發展㊙️,根本", "發展,根本");
        check("the econ✢omy grew", "the economy grew");
        check("A ✢ B, x⇨ y", "A ✢ B, x⇨ y");
    }

    #[test]
    fn real_symbols_stay() {
        for x in [
            "增长6.45‰，气温25℃，①②③，《纲要》—— 第1章…… 王·李 ©2023 新华社® Brand™ 30° §5 №3 ¥100 €5 $3",
            "一九八○年，二○○○年",
            "「引號」『書名』“中文”‘單’ ＡＢＣ１２３，。：；？！",
            "直指修正主义集团的巢穴──刘少奇",
            "α粒子的回旋加速器 ежедневник",
            "↑\n \n為代表大會之誤",
            "★重点任务 ☆ ○ ● ◎ ◇ ◆ □ ■ △ ▲ ※ → ← ↑ ↓",
            "♀ 女性 ♂ 男性",
            "x ≥ 3 and y ≤ 4, 5 × 6 ÷ 2 ± 1",
            "Greek αβγ in English, the Δ of 3%",
            "Press 1 then # then *.",
            "The symbol ☯ stands for balance.",
            "➤ 第一条",
            "\t\r\n\u{c}\u{3000}\u{a0}",
            "第一行\n\n第二行",
        ] {
            let c = clean(x);
            assert_eq!(c.text, x, "{:?}", c.removals);
            assert!(c.removals.is_empty());
        }
    }

    #[test]
    fn invisibles_go() {
        check(
            "各位\u{200B}代表\u{200C}：\u{200D}\u{2060}\u{FEFF}\u{AD}",
            "各位代表：",
        );
        check(
            "\u{202E}abc\u{202C}\u{2066}d\u{2069}\u{200E}\u{200F}",
            "abcd",
        );
        check("a\u{0}b\u{7}c\u{1b}d\u{7f}", "abcd");
        check("漢\u{FE0F}字", "漢字");
    }

    #[test]
    fn ideographic_variation_sequences_stay() {
        check("葛\u{E0100}城", "葛\u{E0100}城");
        check("a\u{E0100}b", "ab");
    }

    #[test]
    fn historic_letters_apart_from_text_stay() {
        check("the sign 𓀀𓀁 (A2)", "the sign 𓀀𓀁 (A2)");
        check("word𓀁 next", "word next");
    }

    #[test]
    fn restore_tolerates_bad_offsets() {
        let rs = vec![Removal {
            offset: 1,
            text: "x".into(),
            kind: RemovalKind::Invisible,
        }];
        assert_eq!(restore("中", &rs), "x中");
        let rs = vec![Removal {
            offset: 99,
            text: "x".into(),
            kind: RemovalKind::Invisible,
        }];
        assert_eq!(restore("ab", &rs), "abx");
    }

    #[test]
    fn offsets_between_cleaned_and_decoded() {
        let x = "中🧛🏻文\u{200B}字";
        let c = clean(x);
        assert_eq!(c.text, "中文字");
        let rs = &c.removals;
        assert_eq!(to_decoded(rs, 0), 0);
        assert_eq!(to_decoded(rs, 3), x.find('文').unwrap());
        assert_eq!(to_decoded_end(rs, 3), 3);
        assert_eq!(to_decoded(rs, 6), x.find('字').unwrap());
        assert_eq!(to_decoded(rs, 9), x.len());
        for (i, _) in c.text.char_indices() {
            assert_eq!(to_cleaned(rs, to_decoded(rs, i)), i);
        }
        assert_eq!(to_cleaned(rs, 4), 3);
        assert_eq!(to_cleaned(rs, x.len()), c.text.len());
    }

    #[test]
    fn counts_removed_code_points() {
        let c = clean("中🧛🏻文\u{200B}");
        assert_eq!(c.removed_chars(), 3);
        assert_eq!(removed_chars(&c.removals), 3);
    }

    fn removal(offset: usize, text: &str) -> Removal {
        Removal {
            offset,
            text: text.into(),
            kind: RemovalKind::Emoji,
        }
    }

    #[test]
    fn removals_count_code_points_in_the_span() {
        let rs = [removal(0, "👍🏽"), removal(5, "\u{200b}"), removal(10, "★")];
        assert_eq!(removed_within(&(0..10), &rs, false), 3);
        assert_eq!(removed_within(&(0..10), &rs, true), 4);
        assert_eq!(removed_within(&(10..20), &rs, false), 1);
    }
}
