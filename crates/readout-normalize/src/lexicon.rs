//! Conversion dictionaries in OpenCC's text format and longest-prefix lookup.
//!
//! A file holds `key<TAB>value[ value…]` lines; the first value is the
//! conversion. A [`Group`] is an ordered list of dictionaries matched the way
//! OpenCC's `short_circuit` group does: the first dictionary having any key
//! that prefixes the text wins, with its longest such key.

use std::collections::HashMap;

type Fast = foldhash::fast::FixedState;

/// Code points below this use dense per-character tables; the rest a map.
const DENSE: usize = 0x3_2400;

/// A per-character table with a dense part for the CJK planes.
pub(crate) struct CharTable<T: Copy + Default> {
    dense: Vec<T>,
    sparse: HashMap<char, T, Fast>,
}

impl<T: Copy + Default + PartialEq> CharTable<T> {
    pub(crate) fn new() -> Self {
        CharTable {
            dense: vec![T::default(); DENSE],
            sparse: HashMap::default(),
        }
    }

    #[inline]
    pub(crate) fn get(&self, c: char) -> T {
        let i = c as usize;
        if i < DENSE {
            self.dense[i]
        } else {
            self.sparse.get(&c).copied().unwrap_or_default()
        }
    }

    pub(crate) fn set(&mut self, c: char, v: T) {
        let i = c as usize;
        if i < DENSE {
            self.dense[i] = v;
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
    pub(crate) fn from_pairs(pairs: impl IntoIterator<Item = (&'static str, &'static str)>) -> Self {
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
    /// Longest key over all lexicons starting with each character.
    max_chars: CharTable<u8>,
}

/// A dictionary hit at some position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) key_len: usize,
    pub(crate) value: &'static str,
}

impl Group {
    pub(crate) fn new(lexicons: Vec<&'static Lexicon>) -> Self {
        let mut max_chars = CharTable::new();
        for lex in &lexicons {
            for (k, _) in lex.entries() {
                if let Some(c) = k.chars().next() {
                    let n = lex.max_chars(c);
                    max_chars.update(c, |m: u8| m.max(n));
                }
            }
        }
        Group { lexicons, max_chars }
    }

    /// Whether any key starts with `c`.
    #[inline]
    pub(crate) fn can_start(&self, c: char) -> bool {
        self.max_chars.get(c) != 0
    }

    /// Longest match at the start of `text` (which the caller has already
    /// cut at the segment limit). `c` is the first character of `text`.
    #[inline]
    pub(crate) fn match_at(&self, text: &str, c: char) -> Option<Hit> {
        let longest = self.max_chars.get(c) as usize;
        if longest == 0 {
            return None;
        }
        // Byte ends of the first `longest` characters.
        let mut ends = [0usize; 32];
        let mut count = 0usize;
        for (i, ch) in text.char_indices() {
            if count == longest || count == ends.len() {
                break;
            }
            ends[count] = i + ch.len_utf8();
            count += 1;
        }
        for lex in &self.lexicons {
            let m = (lex.max_chars(c) as usize).min(count);
            for n in (1..=m).rev() {
                let key = &text[..ends[n - 1]];
                if let Some(value) = lex.get(key) {
                    return Some(Hit {
                        key_len: key.len(),
                        value,
                    });
                }
            }
        }
        None
    }
}
