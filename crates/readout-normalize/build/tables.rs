//! The normalizer's tables, computed from the dictionaries in `data/`.
//!
//! This file is the build script's (`build.rs` writes what it computes as
//! Rust statics, so the library does no work at startup) and the library's
//! tests' (which check the statics against it). It depends on the standard
//! library alone, and reads the files it is given; every map is ordered, so
//! the same dictionaries always give the same tables.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

/// One dictionary in OpenCC's text format: keys to their first value.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    map: BTreeMap<String, String>,
}

impl Lexicon {
    /// Parses `key<TAB>value[ value…]` lines; a later duplicate does not
    /// override an earlier key.
    pub fn parse(text: &str) -> Lexicon {
        let mut lex = Lexicon::default();
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            if let Some(value) = values.split(' ').find(|v| !v.is_empty()) {
                lex.insert(key, value);
            }
        }
        lex
    }

    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Lexicon {
        let mut lex = Lexicon::default();
        for (k, v) in pairs {
            lex.insert(k, v);
        }
        lex
    }

    fn insert(&mut self, key: &str, value: &str) {
        if !key.is_empty() && !self.map.contains_key(key) {
            self.map.insert(key.to_owned(), value.to_owned());
        }
    }

    /// The entries in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.map.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Longest key in bytes.
    pub fn longest(&self) -> usize {
        self.map.keys().map(String::len).max().unwrap_or(0)
    }
}

/// The dictionaries of `data/`, parsed.
pub struct Sources {
    pub compat: Lexicon,
    pub ts_phrases: Lexicon,
    pub ts_characters: Lexicon,
    pub ts_characters_ext: Lexicon,
    pub tw_variants_rev: Lexicon,
    pub tw_variants_rev_phrases: Lexicon,
    pub hk_variants_rev: Lexicon,
    pub hk_variants_rev_phrases: Lexicon,
    pub st_characters: Lexicon,
    /// `STCharacters.txt` as it is (all values of each key).
    pub st_characters_text: String,
    /// `TSCharacters.txt` as it is.
    pub ts_characters_text: String,
    pub mainland_variant_blockers: Lexicon,
    pub mainland_shared: String,
    /// `taiwan_sites.tsv` as it is.
    pub taiwan_sites: String,
    /// `taiwan_reading.tsv` as it is.
    pub taiwan_reading: String,
}

/// The files [`Sources::read`] reads, relative to the data directory.
pub const FILES: [&str; 13] = [
    "CJK_Compatibility_Ideographs.txt",
    "TSPhrases.txt",
    "TSCharacters.txt",
    "TSCharactersExt.txt",
    "TWVariantsRev.txt",
    "TWVariantsRevPhrases.txt",
    "HKVariantsRev.txt",
    "HKVariantsRevPhrases.txt",
    "STCharacters.txt",
    "mainland_variant_blockers.txt",
    "mainland_shared_chars.txt",
    "taiwan_sites.tsv",
    "taiwan_reading.tsv",
];

impl Sources {
    /// Reads the dictionaries through `read` (a file name to its text).
    pub fn read(read: impl Fn(&str) -> String) -> Sources {
        let lex = |name: &str| Lexicon::parse(&read(name));
        Sources {
            compat: lex("CJK_Compatibility_Ideographs.txt"),
            ts_phrases: lex("TSPhrases.txt"),
            ts_characters: lex("TSCharacters.txt"),
            ts_characters_ext: lex("TSCharactersExt.txt"),
            tw_variants_rev: lex("TWVariantsRev.txt"),
            tw_variants_rev_phrases: lex("TWVariantsRevPhrases.txt"),
            hk_variants_rev: lex("HKVariantsRev.txt"),
            hk_variants_rev_phrases: lex("HKVariantsRevPhrases.txt"),
            st_characters: lex("STCharacters.txt"),
            st_characters_text: read("STCharacters.txt"),
            ts_characters_text: read("TSCharacters.txt"),
            mainland_variant_blockers: lex("mainland_variant_blockers.txt"),
            mainland_shared: read("mainland_shared_chars.txt"),
            taiwan_sites: read("taiwan_sites.tsv"),
            taiwan_reading: read("taiwan_reading.tsv"),
        }
    }
}

// ---------------------------------------------------------------------------
// Flags of the per-character table (the same constants as `src/table.rs`).

pub const VALUE: u32 = 0xFFFF;
pub const PHRASE: u32 = 1 << 16;
pub const VARIANT_TW: u32 = 1 << 17;
pub const VARIANT_HK: u32 = 1 << 18;
pub const VARIANT_TW1: u32 = 1 << 19;
pub const VARIANT_HK1: u32 = 1 << 20;
pub const VOCAB: u32 = 1 << 21;
pub const VOCAB1: u32 = 1 << 22;
pub const IDS: u32 = 1 << 23;
pub const FOLD: u32 = 1 << 24;
pub const VALUE_VOCAB: u32 = 1 << 25;
pub const VALUE_SURE: u32 = 1 << 26;
pub const RESHAPE: u32 = 1 << 27;
pub const COMPAT: u32 = 1 << 28;
pub const IN_PHRASE: u32 = 1 << 29;
pub const CANDIDATE: u32 = VOCAB | VOCAB1 | IDS;
pub const MULTI_VALUE: u32 = 1 << 31;
pub const TAIWAN_FORM: u8 = 4;
pub const STANDARD_FORM: u8 = 8;

// ---------------------------------------------------------------------------
// Hashes shared with the library (`src/lexicon.rs`); its tests check that
// both compute the same.

/// Hash of a pair of characters into `bits` bits (the pair filter's).
pub fn pair_hash(a: u32, b: u32, bits: u32) -> usize {
    let h = a.wrapping_mul(0x9E37_79B1) ^ b.wrapping_mul(0x85EB_CA77);
    (h.wrapping_mul(0xC2B2_AE35) >> (32 - bits)) as usize
}

/// Home slot of a trie edge key in a table of `1 << bits` slots.
pub fn edge_slot(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// An empty slot of an edge table.
pub const NO_EDGE: u64 = u64::MAX;

/// A bit per hash of a pair of characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairFilter {
    pub bits: Vec<u64>,
    pub hash_bits: u32,
}

impl PairFilter {
    pub fn with_hash_bits(hash_bits: u32) -> PairFilter {
        let hash_bits = hash_bits.clamp(6, 24);
        PairFilter {
            bits: vec![0; (1 << hash_bits) / 64],
            hash_bits,
        }
    }

    pub fn insert(&mut self, a: u32, b: u32) {
        let h = pair_hash(a, b, self.hash_bits);
        self.bits[h / 64] |= 1 << (h % 64);
    }
}

/// Ordered dictionaries merged into one character trie, matched the way
/// OpenCC's `short_circuit` group matches them (see `src/lexicon.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Open-addressing table of the trie's edges: slot to (parent node
    /// << 32 | character), [`NO_EDGE`] when empty; `1 << edge_bits` slots.
    pub edge_keys: Vec<u64>,
    /// The child node of each slot's edge.
    pub edge_nodes: Vec<u32>,
    pub edge_bits: u32,
    /// Per node, the range of `ends` holding the keys that end there.
    pub end_ranges: Vec<(u32, u32)>,
    /// (dictionary index, value) of each key, by node, by dictionary.
    pub ends: Vec<(u8, String)>,
    pub pairs: PairFilter,
}

/// Bits of a group's pair filter.
pub const PAIR_HASH_BITS: u32 = 16;

impl Group {
    pub fn new(lexicons: &[&Lexicon]) -> Group {
        let mut edges: BTreeMap<u64, u32> = BTreeMap::new();
        let mut node_ends: Vec<Vec<(u8, String)>> = vec![Vec::new()];
        let mut pairs = PairFilter::with_hash_bits(PAIR_HASH_BITS);
        for (li, lex) in lexicons.iter().enumerate().take(u8::MAX as usize) {
            for (k, v) in lex.entries() {
                let mut node = 0u32;
                for c in k.chars() {
                    let next = node_ends.len() as u32;
                    node = *edges
                        .entry(((node as u64) << 32) | c as u64)
                        .or_insert_with(|| {
                            node_ends.push(Vec::new());
                            next
                        });
                }
                node_ends[node as usize].push((li as u8, v.to_owned()));
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
        // At most half full: a miss ends after a slot or two.
        let mut edge_bits = 1;
        while (1usize << edge_bits) < edges.len() * 2 {
            edge_bits += 1;
        }
        let mut edge_keys = vec![NO_EDGE; 1 << edge_bits];
        let mut edge_nodes = vec![0u32; 1 << edge_bits];
        for (&key, &node) in &edges {
            let mut i = edge_slot(key, edge_bits);
            while edge_keys[i] != NO_EDGE {
                i = (i + 1) & ((1 << edge_bits) - 1);
            }
            edge_keys[i] = key;
            edge_nodes[i] = node;
        }
        Group {
            edge_keys,
            edge_nodes,
            edge_bits,
            end_ranges,
            ends,
            pairs,
        }
    }

    fn child(&self, node: u32, c: char) -> Option<u32> {
        let key = ((node as u64) << 32) | c as u64;
        let mask = (1 << self.edge_bits) - 1;
        let mut i = edge_slot(key, self.edge_bits);
        loop {
            match self.edge_keys[i] {
                NO_EDGE => return None,
                k if k == key => return Some(self.edge_nodes[i]),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Longest match at the start of `text`: (key length in bytes, value).
    pub fn match_at(&self, text: &str) -> Option<(usize, &str)> {
        let mut best: Option<(u8, usize, &str)> = None;
        let mut node = 0;
        for (i, c) in text.char_indices() {
            let Some(next) = self.child(node, c) else {
                break;
            };
            node = next;
            let (a, z) = self.end_ranges[node as usize];
            if let Some((li, v)) = self.ends[a as usize..z as usize].first() {
                if best.is_none_or(|(bl, _, _)| *li <= bl) {
                    best = Some((*li, i + c.len_utf8(), v.as_str()));
                }
            }
        }
        best.map(|(_, l, v)| (l, v))
    }
}

// ---------------------------------------------------------------------------
// Script evidence (`src/script.rs` documents the classes).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Traditional,
    Simplified,
}

fn single(key: &str) -> Option<char> {
    let mut it = key.chars();
    match (it.next(), it.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}

/// What the character chain makes of a lone character.
fn final_form(s: &Sources, c: char) -> String {
    let k = c.to_string();
    let v = s
        .tw_variants_rev
        .get(&k)
        .or_else(|| s.hk_variants_rev.get(&k))
        .unwrap_or(&k)
        .to_owned();
    v.chars()
        .map(|x| {
            let xs = x.to_string();
            s.ts_characters_ext
                .get(&xs)
                .or_else(|| s.ts_characters.get(&xs))
                .unwrap_or(&xs)
                .to_owned()
        })
        .collect()
}

/// The evidence characters of each script.
pub fn script_classes(s: &Sources) -> BTreeMap<char, Class> {
    let mut legit: BTreeSet<char> = BTreeSet::new();
    let ts_dicts = [
        &s.ts_characters,
        &s.ts_characters_ext,
        &s.tw_variants_rev,
        &s.hk_variants_rev,
    ];
    let mut converted: Vec<char> = Vec::new();
    for (i, lex) in ts_dicts.iter().enumerate() {
        for (k, v) in lex.entries() {
            let Some(c) = single(k) else { continue };
            // What traditional becomes is simplified; what a variant becomes is not.
            if i < 2 {
                legit.extend(v.chars());
            }
            // Converted in the end: a variant step that comes back (群 → 羣 → 群) is not.
            if final_form(s, c) != k {
                converted.push(c);
            }
        }
    }
    // Keys whose alternatives include themselves are simplified too (乾 → 干 乾).
    for line in s.ts_characters_text.lines() {
        if let Some((k, vals)) = line.split_once('\t') {
            if vals.split(' ').any(|v| v == k) {
                legit.extend(single(k));
            }
        }
    }
    // Mainland text uses every STCharacters key; some have more readings.
    for (k, _) in s.st_characters.entries() {
        legit.extend(single(k));
    }
    for line in s.mainland_shared.lines().filter(|l| !l.starts_with('#')) {
        legit.extend(line.chars().next());
    }
    let mut classes: BTreeMap<char, Class> = BTreeMap::new();
    for c in converted {
        if !legit.contains(&c) {
            classes.insert(c, Class::Traditional);
        }
    }
    for line in s.st_characters_text.lines() {
        if line.starts_with('#') {
            continue;
        }
        if let Some((k, vals)) = line.split_once('\t') {
            let Some(c) = single(k) else { continue };
            if !vals.split(' ').any(|v| v == k) && !classes.contains_key(&c) {
                let is_ts_key = ts_dicts.iter().any(|d| d.get(k).is_some_and(|v| v != k));
                if !is_ts_key {
                    classes.insert(c, Class::Simplified);
                }
            }
        }
    }
    classes
}

/// The traditional-only characters of `TWVariantsRev.txt` pairs whose two
/// sides differ: the Taiwan forms (keys) that OpenCC's `s2t` never writes
/// (參 is both its form of 参 and the Taiwan form of 蔘), and OpenCC's
/// standard forms (values) that it writes.
fn variant_forms(s: &Sources, script: &BTreeMap<char, Class>) -> (BTreeSet<char>, BTreeSet<char>) {
    let traditional = |c: &char| script.get(c) == Some(&Class::Traditional);
    let mut written = BTreeSet::new();
    for (_, v) in s.st_characters.entries() {
        written.extend(v.chars());
    }
    let (mut taiwan, mut standard) = (BTreeSet::new(), BTreeSet::new());
    for (k, v) in s.tw_variants_rev.entries() {
        if let (Some(k), Some(v)) = (single(k), single(v)) {
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

// ---------------------------------------------------------------------------
// Taiwan-style sites (`src/taiwan.rs` documents the file).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub form: String,
    pub count: u32,
    pub occurrences: u32,
    pub preferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub key: String,
    pub seen: u32,
    /// Empty for a mainland form `s2twp` always converts.
    pub candidates: Vec<Candidate>,
}

/// The lines of `taiwan_sites.tsv`, in key order.
pub fn sites(s: &Sources) -> Vec<Site> {
    let mut out: BTreeMap<String, Site> = BTreeMap::new();
    for line in s.taiwan_sites.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut f = line.split('\t');
        let (Some(key), Some(seen)) = (f.next(), f.next()) else {
            continue;
        };
        let candidates = f
            .filter_map(|c| {
                let mut it = c.split(' ');
                let (form, count, occ, pref) = (it.next()?, it.next()?, it.next()?, it.next()?);
                Some(Candidate {
                    form: form.to_owned(),
                    count: count.parse().unwrap_or(0),
                    occurrences: occ.parse().unwrap_or(0),
                    preferred: pref == "1",
                })
            })
            .collect();
        out.entry(key.to_owned()).or_insert(Site {
            key: key.to_owned(),
            seen: seen.parse().unwrap_or(0),
            candidates,
        });
    }
    out.into_values().collect()
}

fn sites_lexicon(sites: &[Site]) -> Lexicon {
    Lexicon::from_pairs(sites.iter().map(|s| (s.key.as_str(), s.key.as_str())))
}

// ---------------------------------------------------------------------------
// The per-character table (`src/table.rs` documents it).

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub bmp: Vec<u32>,
    /// Entries of characters outside the BMP, by code point.
    pub astral: BTreeMap<u32, u32>,
    pub values: Vec<String>,
    pub value_cps: Vec<u32>,
    /// Four bits per BMP character.
    pub classes: Vec<u8>,
    pub astral_classes: BTreeMap<u32, u8>,
}

impl Table {
    pub fn get(&self, c: u32) -> u32 {
        if c < 0x1_0000 {
            self.bmp[c as usize]
        } else {
            self.astral.get(&c).copied().unwrap_or(0)
        }
    }

    fn set(&mut self, c: char, f: impl FnOnce(u32) -> u32) {
        let cp = c as u32;
        if cp < 0x1_0000 {
            let e = &mut self.bmp[cp as usize];
            *e = f(*e);
        } else {
            let e = self.astral.entry(cp).or_insert(0);
            *e = f(*e);
        }
    }

    pub fn value_cp(&self, e: u32) -> u32 {
        self.value_cps[(e & VALUE) as usize]
    }
}

fn same_shape(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .map(char::len_utf8)
            .eq(b.chars().map(char::len_utf8))
}

pub fn table(s: &Sources, sites: &[Site]) -> Table {
    let mut t = Table {
        bmp: vec![0; 0x1_0000],
        astral: BTreeMap::new(),
        values: vec![String::new()],
        value_cps: vec![0],
        classes: vec![0; 0x8000],
        astral_classes: BTreeMap::new(),
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
    starts(&mut t, &s.ts_phrases, PHRASE, PHRASE);
    for (k, _) in s.ts_phrases.entries() {
        for c in k.chars() {
            t.set(c, |e| e | IN_PHRASE);
        }
    }
    for (k, _) in s.compat.entries() {
        for c in k.chars().take(1) {
            t.set(c, |e| e | COMPAT);
        }
    }
    starts(&mut t, &s.tw_variants_rev_phrases, VARIANT_TW, VARIANT_TW1);
    starts(&mut t, &s.tw_variants_rev, VARIANT_TW, VARIANT_TW1);
    starts(&mut t, &s.hk_variants_rev_phrases, VARIANT_HK, VARIANT_HK1);
    starts(&mut t, &s.hk_variants_rev, VARIANT_HK, VARIANT_HK1);
    // Only the `Any` chain has these; a flag too many costs a lookup, not
    // a result.
    starts(
        &mut t,
        &s.mainland_variant_blockers,
        VARIANT_TW,
        VARIANT_TW1,
    );
    starts(&mut t, &sites_lexicon(sites), VOCAB, VOCAB1);
    // The single value is what the simplifying group gives a lone
    // character: the first of its dictionaries with it as a key.
    let mut seen: BTreeSet<char> = BTreeSet::new();
    for lex in [&s.ts_phrases, &s.ts_characters_ext, &s.ts_characters] {
        for (k, v) in lex.entries() {
            let Some(c) = single(k) else { continue };
            if !seen.insert(c) {
                continue;
            }
            let idx = t.values.len() as u32;
            t.values.push(v.to_owned());
            let (cp, multi) = match single(v) {
                Some(x) => (x as u32, 0),
                None => (0, MULTI_VALUE),
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
    let script = script_classes(s);
    for (&c, class) in &script {
        if *class == Class::Traditional {
            t.set(c, |e| e | FOLD);
        }
    }
    assert!(t.values.len() <= VALUE as usize);
    // What the vocabulary scan makes of each value.
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
    let (taiwan, standard) = variant_forms(s, &script);
    let class_of = |c: u32, e: u32| -> u8 {
        let ch = char::from_u32(c);
        let class = match ch.and_then(|ch| script.get(&ch)) {
            Some(Class::Traditional) => 1,
            Some(Class::Simplified) => 2,
            None if e & FOLD != 0 => 3,
            None => 0,
        };
        let form = match ch {
            Some(ch) if taiwan.contains(&ch) => TAIWAN_FORM,
            Some(ch) if standard.contains(&ch) => STANDARD_FORM,
            _ => 0,
        };
        class | form
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
            let v = if *class == Class::Traditional { 1 } else { 2 };
            t.astral_classes.insert(cp, v);
        }
    }
    t
}

// ---------------------------------------------------------------------------
// The character chains (`src/character.rs`).

/// The conventions, in the order of `Convention`'s chains.
pub const CONVENTIONS: [&str; 4] = ["Opencc", "Taiwan", "HongKong", "Any"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chain {
    /// The variant step's group.
    pub variants: Group,
    /// What the variant step makes of a character alone, by code point.
    pub variant_values: BTreeMap<u32, String>,
    pub pairs: PairFilter,
}

/// The variant dictionaries of a convention, in the order they are tried.
pub fn variant_dicts<'a>(s: &'a Sources, convention: &str) -> Vec<&'a Lexicon> {
    match convention {
        "Opencc" => vec![],
        "Taiwan" => vec![&s.tw_variants_rev_phrases, &s.tw_variants_rev],
        "HongKong" => vec![&s.hk_variants_rev_phrases, &s.hk_variants_rev],
        // Phrases first, then words in which mainland writing keeps a
        // character the single-character entries convert (卓著), then
        // characters.
        _ => vec![
            &s.tw_variants_rev_phrases,
            &s.hk_variants_rev_phrases,
            &s.mainland_variant_blockers,
            &s.tw_variants_rev,
            &s.hk_variants_rev,
        ],
    }
}

pub fn chain(s: &Sources, t: &Table, sites: &[Site], convention: &str) -> Chain {
    let variants = variant_dicts(s, convention);
    let mut variant_values = BTreeMap::new();
    for lex in &variants {
        for (k, v) in lex.entries() {
            if let Some(c) = single(k) {
                variant_values
                    .entry(c as u32)
                    .or_insert_with(|| v.to_owned());
            }
        }
    }
    Chain {
        pairs: stop_pairs(s, t, sites, &variants),
        variants: Group::new(&variants),
        variant_values,
    }
}

/// The pairs of input characters where the fast scan must stop and look:
/// the first two of a segmenting phrase or a longer variant key, or
/// characters the layer may write as the first two of a longer site key.
fn stop_pairs(s: &Sources, t: &Table, sites: &[Site], variants: &[&Lexicon]) -> PairFilter {
    fn first_two(k: &str) -> Option<(u32, u32)> {
        let mut it = k.chars();
        Some((it.next()? as u32, it.next()? as u32))
    }
    // 16 KiB: these are several thousand pairs.
    let mut pairs = PairFilter::with_hash_bits(17);
    for lex in std::iter::once(&&s.ts_phrases).chain(variants) {
        for (k, _) in lex.entries() {
            if let Some((a, b)) = first_two(k) {
                pairs.insert(a, b);
            }
        }
    }
    // What each character may be written from: itself, what simplifies
    // to it, and what a single-character variant step (then simplifying)
    // turns into it. Longer variant matches are seen by the scan anyway.
    let mut from: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for lex in [&s.ts_characters_ext, &s.ts_characters] {
        for (k, v) in lex.entries() {
            if let (Some(k), Some(v)) = (single(k), single(v)) {
                from.entry(v as u32).or_default().push(k as u32);
            }
        }
    }
    for lex in variants {
        for (k, v) in lex.entries() {
            if let (Some(k), Some(v)) = (single(k), single(v)) {
                from.entry(v as u32).or_default().push(k as u32);
                let simplified = t.value_cp(t.get(v as u32));
                if simplified != 0 {
                    from.entry(simplified).or_default().push(k as u32);
                }
            }
        }
    }
    let written_from =
        |o: u32| std::iter::once(o).chain(from.get(&o).into_iter().flatten().copied());
    for site in sites {
        if let Some((a, b)) = first_two(&site.key) {
            for x in written_from(a) {
                for y in written_from(b) {
                    pairs.insert(x, y);
                }
            }
        }
    }
    pairs
}

// ---------------------------------------------------------------------------
// Everything.

pub struct Tables {
    pub table: Table,
    pub compat: Group,
    pub segmenter: Group,
    pub ts: Group,
    /// By [`CONVENTIONS`].
    pub chains: Vec<Chain>,
    /// Longest `TSPhrases` key in bytes.
    pub phrase_bytes: usize,
    /// Bytes around a foldable character within which a replacement of the
    /// simplified-script mode can reach it (`src/character.rs`).
    pub fold_reach: usize,
    pub sites: Vec<Site>,
    pub sites_group: Group,
    /// The Taiwan reading's group (`src/recall.rs`).
    pub reading: Group,
}

pub fn tables(s: &Sources) -> Tables {
    let sites = sites(s);
    let table = table(s, &sites);
    let chains = CONVENTIONS
        .iter()
        .map(|c| chain(s, &table, &sites, c))
        .collect();
    let sites_lex = sites_lexicon(&sites);
    let phrase_bytes = s.ts_phrases.longest();
    let variants = [
        &s.tw_variants_rev_phrases,
        &s.hk_variants_rev_phrases,
        &s.mainland_variant_blockers,
    ]
    .iter()
    .map(|l| l.longest())
    .max()
    .unwrap_or(0);
    let fold_reach = 2 * phrase_bytes.max(sites_lex.longest()).max(variants) + 8;
    let reading = Lexicon::parse(&s.taiwan_reading);
    Tables {
        compat: Group::new(&[&s.compat]),
        segmenter: Group::new(&[&s.ts_phrases]),
        ts: Group::new(&[&s.ts_phrases, &s.ts_characters_ext, &s.ts_characters]),
        chains,
        phrase_bytes,
        fold_reach,
        sites_group: Group::new(&[&sites_lex]),
        reading: Group::new(&[&reading]),
        sites,
        table,
    }
}
