//! Conversion dictionaries in OpenCC's text format and longest-prefix lookup.
//!
//! A file holds `key<TAB>value[ value…]` lines; the first value is the
//! conversion. A [`Group`] is an ordered list of dictionaries matched the way
//! OpenCC's `short_circuit` group does: the first dictionary having any key
//! that prefixes the text wins, with its longest such key.

use std::collections::HashMap;

type Fast = foldhash::fast::FixedState;

/// Dense ranges: ASCII to the end of the main CJK block, and the
/// compatibility-ideograph and full-width forms blocks. Small tables stay
/// in cache; everything else goes to a map.
const DENSE_LOW: usize = 0xA000;
const DENSE_HIGH: std::ops::Range<usize> = 0xF900..0x1_0000;

/// A per-character table with dense parts for the common ranges.
pub(crate) struct CharTable<T: Copy + Default> {
    low: Vec<T>,
    high: Vec<T>,
    sparse: HashMap<char, T, Fast>,
}

impl<T: Copy + Default + PartialEq> CharTable<T> {
    pub(crate) fn new() -> Self {
        CharTable {
            low: vec![T::default(); DENSE_LOW],
            high: vec![T::default(); DENSE_HIGH.len()],
            sparse: HashMap::default(),
        }
    }

    #[inline]
    pub(crate) fn get(&self, c: char) -> T {
        let i = c as usize;
        if i < DENSE_LOW {
            self.low[i]
        } else if DENSE_HIGH.contains(&i) {
            self.high[i - DENSE_HIGH.start]
        } else if self.sparse.is_empty() {
            T::default()
        } else {
            self.sparse.get(&c).copied().unwrap_or_default()
        }
    }

    pub(crate) fn set(&mut self, c: char, v: T) {
        let i = c as usize;
        if i < DENSE_LOW {
            self.low[i] = v;
        } else if DENSE_HIGH.contains(&i) {
            self.high[i - DENSE_HIGH.start] = v;
        } else {
            self.sparse.insert(c, v);
        }
    }

    pub(crate) fn update(&mut self, c: char, f: impl FnOnce(T) -> T) {
        let v = f(self.get(c));
        self.set(c, v);
    }
}

/// One dictionary: keys to their first value.
pub(crate) struct Lexicon {
    map: HashMap<&'static str, &'static str, Fast>,
    /// Longest key, in characters, starting with each character (0: none).
    max_chars: CharTable<u8>,
}

impl Lexicon {
    /// Parses OpenCC's text format. Later duplicates do not override earlier keys.
    pub(crate) fn parse(text: &'static str) -> Self {
        let mut lex = Lexicon {
            map: HashMap::default(),
            max_chars: CharTable::new(),
        };
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            let value = values.split(' ').find(|v| !v.is_empty());
            if let Some(value) = value {
                lex.insert(key, value);
            }
        }
        lex
    }

    /// Builds from key/value pairs.
    pub(crate) fn from_pairs(
        pairs: impl IntoIterator<Item = (&'static str, &'static str)>,
    ) -> Self {
        let mut lex = Lexicon {
            map: HashMap::default(),
            max_chars: CharTable::new(),
        };
        for (k, v) in pairs {
            lex.insert(k, v);
        }
        lex
    }

    fn insert(&mut self, key: &'static str, value: &'static str) {
        let Some(first) = key.chars().next() else {
            return;
        };
        if self.map.contains_key(key) {
            return;
        }
        self.map.insert(key, value);
        let n = key.chars().count().min(u8::MAX as usize) as u8;
        self.max_chars.update(first, |m| m.max(n));
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.map.iter().map(|(k, v)| (*k, *v))
    }

    #[inline]
    pub(crate) fn max_chars(&self, c: char) -> u8 {
        self.max_chars.get(c)
    }

    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&'static str> {
        self.map.get(key).copied()
    }
}

/// Ordered dictionaries with OpenCC's short-circuit matching.
pub(crate) struct Group {
    lexicons: Vec<&'static Lexicon>,
    /// Per first character: index into `starts` plus one (0: no key starts with it).
    start_index: CharTable<u16>,
    /// Bit per BMP character: some key starts with it (an L1-sized filter
    /// in front of `start_index`).
    start_bits: Vec<u64>,
    starts: Vec<Start>,
    /// First two characters of every multi-character key, to skip the
    /// longer lookups at once where no such key can match.
    pairs: std::collections::HashSet<u64, Fast>,
}

#[inline]
fn pair(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// What the group's keys starting with one character look like.
#[derive(Clone, Copy)]
struct Start {
    /// Longest multi-character key over all lexicons (0 or 1: none).
    multi_max: u8,
    /// First lexicon (in group order) with the lone character as a key.
    single_lex: u8,
    single_value: Option<&'static str>,
}

/// A dictionary hit at some position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) key_len: usize,
    pub(crate) value: &'static str,
}

impl Group {
    pub(crate) fn new(lexicons: Vec<&'static Lexicon>) -> Self {
        let mut start_index: CharTable<u16> = CharTable::new();
        let mut starts: Vec<Start> = Vec::new();
        let mut pairs = std::collections::HashSet::default();
        for (li, lex) in lexicons.iter().enumerate() {
            for (k, v) in lex.entries() {
                let mut it = k.chars();
                let Some(c) = it.next() else { continue };
                let lone = it.next().is_none();
                let mut idx = start_index.get(c);
                if idx == 0 {
                    starts.push(Start {
                        multi_max: 0,
                        single_lex: u8::MAX,
                        single_value: None,
                    });
                    idx = u16::try_from(starts.len()).unwrap_or(u16::MAX);
                    start_index.set(c, idx);
                }
                let st = &mut starts[idx as usize - 1];
                if lone {
                    if st.single_value.is_none() || (li as u8) < st.single_lex {
                        st.single_lex = li as u8;
                        st.single_value = Some(v);
                    }
                } else {
                    st.multi_max = st.multi_max.max(lex.max_chars(c));
                    if let Some(c2) = k.chars().nth(1) {
                        pairs.insert(pair(c, c2));
                    }
                }
            }
        }
        let mut start_bits = vec![0u64; 0x1_0000 / 64];
        for cp in 0..0x1_0000u32 {
            if let Some(c) = char::from_u32(cp) {
                if start_index.get(c) != 0 {
                    start_bits[cp as usize / 64] |= 1 << (cp % 64);
                }
            }
        }
        Group {
            lexicons,
            start_index,
            start_bits,
            starts,
            pairs,
        }
    }

    /// Whether any key starts with `c`.
    #[inline]
    pub(crate) fn can_start(&self, c: char) -> bool {
        let cp = c as usize;
        if cp < 0x1_0000 {
            self.start_bits[cp / 64] & (1 << (cp % 64)) != 0
        } else {
            self.start_index.get(c) != 0
        }
    }

    /// Longest match at the start of `text` (which the caller has already
    /// cut at the segment limit). `c` is the first character of `text`.
    #[inline]
    pub(crate) fn match_at(&self, text: &str, c: char) -> Option<Hit> {
        let idx = self.start_index.get(c);
        if idx == 0 {
            return None;
        }
        let st = self.starts[idx as usize - 1];
        let single = st.single_value.map(|value| Hit {
            key_len: c.len_utf8(),
            value,
        });
        if st.multi_max < 2 {
            return single;
        }
        let c2 = text[c.len_utf8()..].chars().next();
        if !c2.is_some_and(|c2| self.pairs.contains(&pair(c, c2))) {
            return single;
        }
        // Byte ends of the first `multi_max` characters.
        let mut ends = [0usize; 32];
        let mut count = 0usize;
        for (i, ch) in text.char_indices() {
            if count == st.multi_max as usize || count == ends.len() {
                break;
            }
            ends[count] = i + ch.len_utf8();
            count += 1;
        }
        for (li, lex) in self.lexicons.iter().enumerate() {
            let m = (lex.max_chars(c) as usize).min(count);
            for n in (2..=m).rev() {
                let key = &text[..ends[n - 1]];
                if let Some(value) = lex.get(key) {
                    return Some(Hit {
                        key_len: key.len(),
                        value,
                    });
                }
            }
            if li == st.single_lex as usize {
                return single;
            }
        }
        None
    }
}
