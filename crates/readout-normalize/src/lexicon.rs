//! Conversion dictionaries in OpenCC's text format and longest-prefix lookup.
//!
//! A file holds `key<TAB>value[ value…]` lines; the first value is the
//! conversion. A [`Group`] is an ordered list of dictionaries matched the way
//! OpenCC's `short_circuit` group does: the first dictionary having any key
//! that prefixes the text wins, with its longest such key. A group keeps its
//! keys in one character trie, so a lookup walks the text once however many
//! dictionaries and key lengths there are.

use std::collections::HashMap;

type Fast = foldhash::fast::FixedState;

/// One dictionary: keys to their first value.
pub(crate) struct Lexicon {
    map: HashMap<&'static str, &'static str, Fast>,
}

impl Lexicon {
    /// Parses OpenCC's text format. Later duplicates do not override earlier keys.
    pub(crate) fn parse(text: &'static str) -> Self {
        let mut lex = Lexicon {
            map: HashMap::default(),
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
        };
        for (k, v) in pairs {
            lex.insert(k, v);
        }
        lex
    }

    fn insert(&mut self, key: &'static str, value: &'static str) {
        if key.is_empty() {
            return;
        }
        self.map.entry(key).or_insert(value);
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        self.map.iter().map(|(k, v)| (*k, *v))
    }

    #[inline]
    pub(crate) fn get(&self, key: &str) -> Option<&'static str> {
        self.map.get(key).copied()
    }
}

/// 8 KiB for a group's filter: small enough to stay in the first-level
/// cache next to the text, with few false positives for the few thousand
/// pairs a group has.
const PAIR_HASH_BITS: u32 = 16;

#[inline(always)]
fn pair_hash(a: u32, b: u32, bits: u32) -> usize {
    let h = a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77);
    (h.wrapping_mul(0xC2B2_AE35) >> (32 - bits)) as usize
}

#[inline(always)]
fn edge(node: u32, c: char) -> u64 {
    ((node as u64) << 32) | c as u64
}

/// A bit per hash of a pair of characters: a filter with no false
/// negatives for "some key starts with these two characters".
#[derive(Clone)]
pub(crate) struct PairFilter {
    bits: Vec<u64>,
    /// Hash bits: the filter has `1 << hash_bits` bits.
    hash_bits: u32,
}

impl PairFilter {
    /// An empty filter of `1 << hash_bits` bits (`hash_bits` in 6..=24).
    pub(crate) fn with_hash_bits(hash_bits: u32) -> Self {
        let hash_bits = hash_bits.clamp(6, 24);
        PairFilter {
            bits: vec![0u64; (1 << hash_bits) / 64],
            hash_bits,
        }
    }

    pub(crate) fn insert(&mut self, a: u32, b: u32) {
        let h = pair_hash(a, b, self.hash_bits);
        self.bits[h / 64] |= 1 << (h % 64);
    }

    /// Whether some key may start with `c` then `c2`.
    #[inline(always)]
    pub(crate) fn may(&self, c: u32, c2: u32) -> bool {
        let h = pair_hash(c, c2, self.hash_bits);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }
}

/// Ordered dictionaries with OpenCC's short-circuit matching.
pub(crate) struct Group {
    /// Trie edges: (node, character) to the child node; node 0 is the root.
    edges: HashMap<u64, u32, Fast>,
    /// Per node, the range of `ends` holding the keys that end there.
    end_ranges: Vec<(u32, u32)>,
    /// (dictionary index, value) of each key, grouped by the node it ends at.
    ends: Vec<(u8, &'static str)>,
    /// The first two characters of every key of two or more characters:
    /// most positions where no such key starts are ruled out by one load.
    pub(crate) pairs: PairFilter,
}

/// A dictionary hit at some position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub(crate) key_len: usize,
    pub(crate) value: &'static str,
}

impl Group {
    pub(crate) fn new(lexicons: Vec<&'static Lexicon>) -> Self {
        let mut edges: HashMap<u64, u32, Fast> = HashMap::default();
        let mut node_ends: Vec<Vec<(u8, &'static str)>> = vec![Vec::new()];
        let mut pairs = PairFilter::with_hash_bits(PAIR_HASH_BITS);
        for (li, lex) in lexicons.iter().enumerate().take(u8::MAX as usize) {
            for (k, v) in lex.entries() {
                let mut node = 0u32;
                for c in k.chars() {
                    let next = node_ends.len() as u32;
                    node = *edges.entry(edge(node, c)).or_insert_with(|| {
                        node_ends.push(Vec::new());
                        next
                    });
                }
                node_ends[node as usize].push((li as u8, v));
                let mut it = k.chars();
                if let (Some(a), Some(b)) = (it.next(), it.next()) {
                    pairs.insert(a as u32, b as u32);
                }
            }
        }
        let mut end_ranges = Vec::with_capacity(node_ends.len());
        let mut ends = Vec::new();
        for mut e in node_ends {
            e.sort_by_key(|&(li, _)| li);
            let start = ends.len() as u32;
            ends.extend(e);
            end_ranges.push((start, ends.len() as u32));
        }
        Group {
            edges,
            end_ranges,
            ends,
            pairs,
        }
    }

    /// Whether some key of two or more characters may start with `c` then
    /// `c2` (no false negatives; false positives are rare).
    #[inline(always)]
    pub(crate) fn pair_may(&self, c: u32, c2: u32) -> bool {
        self.pairs.may(c, c2)
    }

    /// Longest match at the start of `text` (which the caller has already
    /// cut at the segment limit), by the group's short-circuit rule: the
    /// first dictionary with a key along the walk wins, with its longest.
    pub(crate) fn match_at(&self, text: &str) -> Option<Hit> {
        let b = text.as_bytes();
        let mut best: Option<(u8, Hit)> = None;
        let mut node = 0u32;
        let mut pos = 0;
        while pos < b.len() {
            let (cp, l) = crate::table::decode(b, pos);
            let key = ((node as u64) << 32) | cp as u64;
            let Some(&next) = self.edges.get(&key) else {
                break;
            };
            node = next;
            pos += l;
            let (a, z) = self.end_ranges[node as usize];
            // Sorted by dictionary: the first is the one that counts.
            if let Some(&(li, value)) = self.ends[a as usize..z as usize].first() {
                match best {
                    Some((bl, _)) if li > bl => {}
                    _ => {
                        best = Some((
                            li,
                            Hit {
                                key_len: pos,
                                value,
                            },
                        ))
                    }
                }
            }
        }
        best.map(|(_, h)| h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_dictionary_with_a_match_wins_with_its_longest_key() {
        let a: &'static Lexicon = Box::leak(Box::new(Lexicon::from_pairs([("ab", "1")])));
        let b: &'static Lexicon =
            Box::leak(Box::new(Lexicon::from_pairs([("abc", "2"), ("a", "3")])));
        let g = Group::new(vec![a, b]);
        let h = g.match_at("abcd").map(|h| (h.key_len, h.value));
        assert_eq!(h, Some((2, "1")));
        let g = Group::new(vec![b, a]);
        let h = g.match_at("abcd").map(|h| (h.key_len, h.value));
        assert_eq!(h, Some((3, "2")));
        assert_eq!(g.match_at("ax").map(|h| h.value), Some("3"));
        assert!(g.match_at("x").is_none());
        assert!(g.pair_may('a' as u32, 'b' as u32));
    }
}
