//! Longest-prefix lookup in conversion dictionaries.
//!
//! A [`Group`] is an ordered list of dictionaries (OpenCC's text format,
//! `key<TAB>value[ value…]`, the first value being the conversion) matched
//! the way OpenCC's `short_circuit` group does: the first dictionary having
//! any key that prefixes the text wins, with its longest such key. A group
//! keeps its keys in one character trie, so a lookup walks the text once
//! however many dictionaries and key lengths there are. Groups are built by
//! `build.rs` (`build/tables.rs`) and compiled in as statics: the trie's
//! edges in an open-addressing table, read in place.

use crate::generated::Str;

/// An empty slot of an edge table.
pub(crate) const NO_EDGE: u64 = u64::MAX;

#[inline(always)]
pub(crate) fn pair_hash(a: u32, b: u32, bits: u32) -> usize {
    let h = a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77);
    (h.wrapping_mul(0xC2B2_AE35) >> (32 - bits)) as usize
}

/// Home slot of trie edge `key` in a table of `1 << bits` slots.
#[inline(always)]
pub(crate) fn edge_slot(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// A bit per hash of a pair of characters: a filter with no false
/// negatives for "some key starts with these two characters".
pub(crate) struct PairFilter {
    pub(crate) bits: &'static [u64],
    /// Hash bits: the filter has `1 << hash_bits` bits.
    pub(crate) hash_bits: u32,
}

impl PairFilter {
    /// Whether some key may start with `c` then `c2`.
    #[inline(always)]
    pub(crate) fn may(&self, c: u32, c2: u32) -> bool {
        let h = pair_hash(c, c2, self.hash_bits);
        self.bits
            .get(h / 64)
            .is_some_and(|w| w & (1 << (h % 64)) != 0)
    }
}

/// Ordered dictionaries with OpenCC's short-circuit matching.
pub(crate) struct Group {
    /// Trie edges, open addressing: slot to (node << 32 | character), node
    /// 0 being the root ([`NO_EDGE`] when empty); `1 << edge_bits` slots.
    pub(crate) edge_keys: &'static [u64],
    /// The child node of each slot's edge.
    pub(crate) edge_nodes: &'static [u32],
    pub(crate) edge_bits: u32,
    /// Per node, the range of `ends` holding the keys that end there.
    pub(crate) end_ranges: &'static [(u32, u32)],
    /// (dictionary index, value) of each key, grouped by the node it ends
    /// at, by dictionary.
    pub(crate) ends: &'static [(u8, Str)],
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
    /// Whether some key of two or more characters may start with `c` then
    /// `c2` (no false negatives; false positives are rare).
    #[inline(always)]
    pub(crate) fn pair_may(&self, c: u32, c2: u32) -> bool {
        self.pairs.may(c, c2)
    }

    #[inline(always)]
    fn child(&self, node: u32, cp: u32) -> Option<u32> {
        let key = ((node as u64) << 32) | cp as u64;
        let mask = self.edge_keys.len().wrapping_sub(1);
        let mut i = edge_slot(key, self.edge_bits) & mask;
        loop {
            let k = *self.edge_keys.get(i)?;
            if k == key {
                return self.edge_nodes.get(i).copied();
            }
            if k == NO_EDGE {
                return None;
            }
            i = (i + 1) & mask;
        }
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
            let Some(next) = self.child(node, cp) else {
                break;
            };
            node = next;
            pos += l;
            let Some(&(a, z)) = self.end_ranges.get(node as usize) else {
                break;
            };
            // Sorted by dictionary: the first is the one that counts.
            if let Some(&(li, value)) = self
                .ends
                .get(a as usize..z as usize)
                .and_then(|e| e.first())
            {
                match best {
                    Some((bl, _)) if li > bl => {}
                    _ => {
                        best = Some((
                            li,
                            Hit {
                                key_len: pos,
                                value: value.get(),
                            },
                        ))
                    }
                }
            }
        }
        best.map(|(_, h)| h)
    }

    /// The keys with their values (for the tests: the order is the trie's).
    #[cfg(test)]
    pub(crate) fn entries(&self) -> Vec<(String, &'static str)> {
        let mut parent: Vec<(u32, char)> = vec![(0, '\0'); self.end_ranges.len()];
        for (&k, &n) in self.edge_keys.iter().zip(self.edge_nodes) {
            if k != NO_EDGE {
                let c = char::from_u32((k & 0xFFFF_FFFF) as u32).unwrap_or('\0');
                parent[n as usize] = ((k >> 32) as u32, c);
            }
        }
        let mut out = Vec::new();
        for (node, &(a, z)) in self.end_ranges.iter().enumerate() {
            if let Some(&(_, v)) = self.ends[a as usize..z as usize].first() {
                let v = v.get();
                let mut key = Vec::new();
                let mut n = node as u32;
                while n != 0 {
                    let (p, c) = parent[n as usize];
                    key.push(c);
                    n = p;
                }
                out.push((key.into_iter().rev().collect(), v));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build_tables as build;

    /// A group of the tests' own: its values are looked up in the
    /// compiled-in strings, so they must be strings some table has.
    fn leak(g: build::Group) -> Group {
        let find = |v: &str| {
            let at = crate::generated::STRINGS
                .find(v)
                .expect("a compiled-in string");
            Str(at as u32, v.len() as u32)
        };
        let ends: Vec<(u8, Str)> = g.ends.iter().map(|(li, v)| (*li, find(v))).collect();
        Group {
            edge_keys: Box::leak(g.edge_keys.into_boxed_slice()),
            edge_nodes: Box::leak(g.edge_nodes.into_boxed_slice()),
            edge_bits: g.edge_bits,
            end_ranges: Box::leak(g.end_ranges.into_boxed_slice()),
            ends: Box::leak(ends.into_boxed_slice()),
            pairs: PairFilter {
                bits: Box::leak(g.pairs.bits.into_boxed_slice()),
                hash_bits: g.pairs.hash_bits,
            },
        }
    }

    #[test]
    fn first_dictionary_with_a_match_wins_with_its_longest_key() {
        let a = build::Lexicon::from_pairs([("ab", "国")]);
        let b = build::Lexicon::from_pairs([("abc", "发"), ("a", "后")]);
        let g = leak(build::Group::new(&[&a, &b]));
        let h = g.match_at("abcd").map(|h| (h.key_len, h.value));
        assert_eq!(h, Some((2, "国")));
        let g = leak(build::Group::new(&[&b, &a]));
        let h = g.match_at("abcd").map(|h| (h.key_len, h.value));
        assert_eq!(h, Some((3, "发")));
        assert_eq!(g.match_at("ax").map(|h| h.value), Some("后"));
        assert!(g.match_at("x").is_none());
        assert!(g.pair_may('a' as u32, 'b' as u32));
        let mut keys = g.entries();
        keys.sort();
        assert_eq!(
            keys,
            [
                ("a".into(), "后"),
                ("ab".into(), "国"),
                ("abc".into(), "发")
            ]
        );
    }

    #[test]
    fn the_build_hashes_as_the_library_does() {
        for (a, b) in [(0, 0), (0x4E2D, 0x570B), (0x2_0000, 7), (u32::MAX, 1)] {
            for bits in [6, 16, 17, 24] {
                assert_eq!(pair_hash(a, b, bits), build::pair_hash(a, b, bits));
            }
        }
        for key in [0, 1 << 32 | 0x4E2D, u64::MAX - 1] {
            for bits in [1, 10, 20] {
                assert_eq!(edge_slot(key, bits), build::edge_slot(key, bits));
            }
        }
        assert_eq!(NO_EDGE, build::NO_EDGE);
    }
}
