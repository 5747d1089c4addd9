//! Per-sentence evidence for alignment. Each Chinese sentence becomes a list of items
//! (lexicon words, memory phrases, numbers, Latin words, romanizable names), each with the
//! ids of the English forms that would show it was translated; each English sentence
//! becomes a list of items with the ids it offers (stem, number, capitalized name). Ids
//! below `Lexicon::stem_count` are lexicon stems, the rest are interned per document pair.
//!
//! Items whose ids never occur on the other side carry no information about *which*
//! sentence translates which and are dropped; the rest get a chance-of-match estimate
//! from document frequencies, which the scorer turns into log-likelihood ratios.

use rustc_hash::FxHashMap;

use crate::english;
use crate::learn::Learned;
use crate::lexicon::{Lexicon, Word, WordKind};
use crate::numbers;

/// Most items a sentence keeps (the least likely to match by chance are kept).
pub(crate) const MAX_ITEMS: usize = 64;

/// Kind of evidence an item is; each kind has its own translation reliability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Word,
    Number,
    Name,
}

/// A Chinese item: the ids any one of which shows it translated.
#[derive(Debug, Clone)]
pub(crate) struct ZhItem {
    pub ids: Vec<u32>,
    pub class: Class,
    /// Chance that a random English sentence holds one of the ids.
    pub chance: f32,
}

/// An English item: a content word, number or name, offering up to two ids.
#[derive(Debug, Clone)]
pub(crate) struct EnItem {
    pub ids: [u32; 2],
    pub class: Class,
    pub chance: f32,
}

pub(crate) const NO_ID: u32 = u32::MAX;

#[derive(Debug, Default)]
pub(crate) struct ZhSent {
    pub items: Vec<ZhItem>,
    /// id → mask of the items holding it, sorted by id for binary search.
    pub index: Vec<(u32, u64)>,
    pub len: f32,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct EnSent {
    pub items: Vec<EnItem>,
    pub len: f32,
}

/// Extra ids (numbers, names, words outside the lexicon) for one document pair. Each kind
/// has its own table so lookups need no formatted keys.
#[derive(Clone)]
pub(crate) struct Interner<'l> {
    pub lexicon: &'l Lexicon,
    next: u32,
    stems: FxHashMap<String, u32>,
    numbers: FxHashMap<String, u32>,
    names: FxHashMap<String, u32>,
}

fn intern_in(table: &mut FxHashMap<String, u32>, next: &mut u32, key: &str) -> u32 {
    if let Some(&id) = table.get(key) {
        return id;
    }
    let id = *next;
    *next += 1;
    table.insert(key.to_string(), id);
    id
}

impl<'l> Interner<'l> {
    pub fn new(lexicon: &'l Lexicon) -> Self {
        Interner {
            lexicon,
            next: lexicon.stem_count(),
            stems: FxHashMap::default(),
            numbers: FxHashMap::default(),
            names: FxHashMap::default(),
        }
    }

    fn stem(&mut self, stem: &str) -> u32 {
        if let Some(id) = self.lexicon.stem_id(stem) {
            return id;
        }
        intern_in(&mut self.stems, &mut self.next, stem)
    }

    fn number(&mut self, canonical: &str) -> u32 {
        intern_in(&mut self.numbers, &mut self.next, canonical)
    }

    fn name(&mut self, lower: &str) -> u32 {
        intern_in(&mut self.names, &mut self.next, lower)
    }

    /// Id of a stem already known to the lexicon or this pair.
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        self.lexicon
            .stem_id(stem)
            .or_else(|| self.stems.get(stem).copied())
    }

    fn lookup_name(&self, lower: &str) -> Option<u32> {
        self.names.get(lower).copied()
    }
}

/// Length of an English sentence for the length model: its letters and digits.
fn en_length(text: &str) -> f32 {
    text.chars().filter(|c| c.is_alphanumeric()).count() as f32
}

/// Length of a Chinese sentence: its Han characters, plus letters and digits at about the
/// weight they have in English (a year is four characters in both languages, while a Han
/// character stands for three or four English ones). Punctuation is left out.
fn zh_length(text: &str) -> f32 {
    let (mut han, mut other) = (0usize, 0usize);
    for c in text.chars() {
        if english::is_han(c) {
            han += 1;
        } else if c.is_alphanumeric() {
            other += 1;
        }
    }
    han as f32 + 0.3 * other as f32
}

/// Names (capitalized words that are not sentence openers) seen anywhere in the English,
/// for pinyin matching; prefixes are kept to cut the search short.
#[derive(Clone)]
pub(crate) struct NameSet {
    names: rustc_hash::FxHashSet<String>,
    prefixes: rustc_hash::FxHashSet<String>,
    max_len: usize,
}

pub(crate) fn en_sentence(text: &str, inter: &mut Interner<'_>, names: &mut NameSet) -> EnSent {
    let mut items = Vec::new();
    let mut prev: Option<(usize, String)> = None; // end and lowercase of a capitalized word
    let toks = english::tokens(text);
    for (i, tok) in toks.iter().enumerate() {
        let joined = prev
            .take()
            .filter(|(end, _)| text.get(*end..tok.span.start) == Some("-"))
            .map(|(_, p)| p);
        if tok.is_number() {
            if let Some(n) = numbers::en_number(tok.text) {
                items.push(EnItem {
                    ids: [inter.number(&n), NO_ID],
                    class: Class::Number,
                    chance: 0.0,
                });
            }
            continue;
        }
        let lower = tok.text.to_lowercase();
        let capital = tok.text.chars().next().is_some_and(char::is_uppercase);
        let dated = toks.get(i + 1).is_some_and(|t| t.is_number()) || (capital && i > 0);
        if let Some(m) = numbers::month_number(&lower, dated) {
            items.push(EnItem {
                ids: [inter.number(&m.to_string()), NO_ID],
                class: Class::Number,
                chance: 0.0,
            });
            continue;
        }
        if lower.chars().count() < 2 || english::is_stopword(&lower) {
            continue;
        }
        let stem = english::stem(&lower);
        let known = inter.lexicon.stem_id(&stem).is_some();
        let stem_id = inter.stem(&stem);
        let romanized = lower.chars().all(|c| c.is_ascii_lowercase());
        // Hyphenated romanized names (Bao-yu, Gou-er) are one name.
        if let Some(first) = joined.filter(|_| romanized) {
            let whole = format!("{first}{lower}");
            names.add(&whole);
            items.push(EnItem {
                ids: [inter.name(&whole), NO_ID],
                class: Class::Name,
                chance: 0.0,
            });
        }
        if capital && romanized {
            prev = Some((tok.span.end, lower.clone()));
        }
        // A capitalized word inside a sentence is a name; at its start only if it is no
        // dictionary word.
        let name = capital && romanized && lower.len() >= 3 && (i > 0 || !known);
        let mut item = EnItem {
            ids: [stem_id, NO_ID],
            class: Class::Word,
            chance: 0.0,
        };
        if name {
            item.ids[1] = inter.name(&lower);
            item.class = Class::Name;
            names.add(&lower);
        }
        items.push(item);
    }
    EnSent {
        items,
        len: en_length(text),
    }
}

impl NameSet {
    pub fn new() -> Self {
        NameSet {
            names: Default::default(),
            prefixes: Default::default(),
            max_len: 0,
        }
    }

    fn add(&mut self, lower: &str) {
        if self.names.insert(lower.to_string()) {
            for (i, _) in lower.char_indices().skip(1) {
                self.prefixes.insert(lower[..i].to_string());
            }
            self.max_len = self.max_len.max(lower.len());
        }
    }
}

/// Items of a formulation-memory phrase: its lexicon words as usual, plus one item for
/// the stems of its renderings that none of those words translates to. Renderings are
/// learned where the lexicon links the phrase, so most of their stems are its words'
/// own; replacing the words by one phrase item would only thin the evidence, while the
/// stems the lexicon lacks ("CPC", a convention's own wording) are what the memory adds.
fn memory_items(phrase: &str, stems: &[String], inter: &mut Interner<'_>, items: &mut Vec<ZhItem>) {
    let mut known: Vec<u32> = Vec::new();
    for w in inter.lexicon.segment(phrase, None) {
        if let WordKind::Lexicon(ids) = w.kind {
            if !ids.is_empty() {
                known.extend_from_slice(ids);
                items.push(ZhItem {
                    ids: ids.to_vec(),
                    class: Class::Word,
                    chance: 0.0,
                });
            }
        }
    }
    let mut novel: Vec<u32> = Vec::new();
    for s in stems {
        let id = inter.stem(s);
        if !known.contains(&id) && !novel.contains(&id) {
            novel.push(id);
        }
    }
    if !novel.is_empty() {
        items.push(ZhItem {
            ids: novel,
            class: Class::Word,
            chance: 0.0,
        });
    }
}

pub(crate) fn zh_sentence(
    text: &str,
    words: &[Word<'_>],
    learned: Option<&Learned<'_>>,
    inter: &mut Interner<'_>,
    names: &NameSet,
) -> ZhSent {
    let lexicon = inter.lexicon;
    let mut items = Vec::new();
    for w in words {
        let mut ids = match &w.kind {
            WordKind::Lexicon(ids) => ids.to_vec(),
            WordKind::Memory(stems) => {
                memory_items(
                    text.get(w.span.clone()).unwrap_or(""),
                    stems,
                    inter,
                    &mut items,
                );
                continue;
            }
            WordKind::Unknown => Vec::new(),
            WordKind::Stop => continue,
        };
        if let Some(extra) = learned.and_then(|l| l.get(&text[w.span.clone()])) {
            for &id in extra {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        if !ids.is_empty() {
            items.push(ZhItem {
                ids,
                class: Class::Word,
                chance: 0.0,
            });
        }
    }
    for (n, _) in numbers::zh_numbers(text) {
        items.push(ZhItem {
            ids: vec![inter.number(&n)],
            class: Class::Number,
            chance: 0.0,
        });
    }
    // Latin words inside Chinese text (APEC, G20) match their English twins.
    for tok in english::tokens(text) {
        if tok.is_number() {
            continue;
        }
        let lower = tok.text.to_lowercase();
        if lower.chars().count() >= 2 && !english::is_stopword(&lower) {
            let mut ids = vec![inter.stem(&english::stem(&lower))];
            if let Some(n) = inter.lookup_name(&lower) {
                ids.push(n);
            }
            items.push(ZhItem {
                ids,
                class: Class::Name,
                chance: 0.0,
            });
        }
    }
    if !names.names.is_empty() {
        pinyin_names(text, lexicon, inter, names, &mut items);
    }
    ZhSent {
        items,
        index: Vec::new(),
        len: zh_length(text),
    }
}

/// Items for runs of two to four Han characters whose toneless pinyin spells a name seen
/// in the English (陈清扬 → "qingyang" for "Chen Qingyang"). One syllable is too
/// ambiguous to count; single-character surnames come from the lexicon ("surname Chen").
fn pinyin_names(
    text: &str,
    lexicon: &Lexicon,
    inter: &mut Interner<'_>,
    names: &NameSet,
    items: &mut Vec<ZhItem>,
) {
    let hans: Vec<char> = text.chars().collect();
    let mut buf = String::new();
    for start in 0..hans.len() {
        if !english::is_han(hans[start]) {
            continue;
        }
        extend_name(&hans, start, start, &mut buf, lexicon, inter, names, items);
    }
}

#[allow(clippy::too_many_arguments)]
fn extend_name(
    hans: &[char],
    start: usize,
    at: usize,
    buf: &mut String,
    lexicon: &Lexicon,
    inter: &mut Interner<'_>,
    names: &NameSet,
    items: &mut Vec<ZhItem>,
) {
    if at >= hans.len() || at - start >= 4 || !english::is_han(hans[at]) {
        return;
    }
    let base = buf.len();
    for reading in lexicon.pinyin(hans[at]).iter().take(3) {
        buf.truncate(base);
        buf.push_str(reading);
        if buf.len() > names.max_len {
            continue;
        }
        if at > start && names.names.contains(buf.as_str()) {
            if let Some(id) = inter.lookup_name(buf) {
                items.push(ZhItem {
                    ids: vec![id],
                    class: Class::Name,
                    chance: 0.0,
                });
            }
        }
        if names.prefixes.contains(buf.as_str()) {
            extend_name(hans, start, at + 1, buf, lexicon, inter, names, items);
        }
    }
    buf.truncate(base);
}

/// Fills in chance estimates from document frequencies, drops items that cannot match
/// anywhere, keeps the `MAX_ITEMS` most informative per sentence, and builds the id index.
pub(crate) fn finish(zh: &mut [ZhSent], en: &mut [EnSent]) {
    let mut df_en: FxHashMap<u32, u32> = FxHashMap::default();
    let mut seen: Vec<u32> = Vec::new();
    for s in en.iter() {
        seen.clear();
        for it in &s.items {
            for &id in &it.ids {
                if id != NO_ID {
                    seen.push(id);
                }
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for &id in &seen {
            *df_en.entry(id).or_default() += 1;
        }
    }
    let mut df_zh: FxHashMap<u32, u32> = FxHashMap::default();
    for s in zh.iter() {
        seen.clear();
        for it in &s.items {
            seen.extend_from_slice(&it.ids);
        }
        seen.sort_unstable();
        seen.dedup();
        for &id in &seen {
            *df_zh.entry(id).or_default() += 1;
        }
    }
    let n_en = en.len().max(1) as f32;
    let n_zh = zh.len().max(1) as f32;
    for s in zh.iter_mut() {
        for it in &mut s.items {
            let hits: u32 = it
                .ids
                .iter()
                .map(|id| df_en.get(id).copied().unwrap_or(0))
                .sum();
            it.chance = (hits as f32 / n_en).min(0.95);
        }
        s.items.retain(|it| it.chance > 0.0);
        if s.items.len() > MAX_ITEMS {
            s.items.sort_by(|a, b| a.chance.total_cmp(&b.chance));
            s.items.truncate(MAX_ITEMS);
        }
        let mut index: Vec<(u32, u64)> = Vec::new();
        for (k, it) in s.items.iter().enumerate() {
            for &id in &it.ids {
                index.push((id, 1u64 << k));
            }
        }
        index.sort_unstable_by_key(|x| x.0);
        let mut merged: Vec<(u32, u64)> = Vec::with_capacity(index.len());
        for (id, m) in index {
            match merged.last_mut() {
                Some(last) if last.0 == id => last.1 |= m,
                _ => merged.push((id, m)),
            }
        }
        s.index = merged;
    }
    for s in en.iter_mut() {
        for it in &mut s.items {
            let hits: u32 = it
                .ids
                .iter()
                .filter(|&&id| id != NO_ID)
                .map(|id| df_zh.get(id).copied().unwrap_or(0))
                .sum();
            it.chance = (hits as f32 / n_zh).min(0.95);
        }
        s.items.retain(|it| it.chance > 0.0);
        if s.items.len() > MAX_ITEMS {
            s.items.sort_by(|a, b| a.chance.total_cmp(&b.chance));
            s.items.truncate(MAX_ITEMS);
        }
    }
}

/// Which items of Chinese sentence `z` and English sentence `e` match each other:
/// (mask over `z.items`, mask over `e.items`).
pub(crate) fn match_masks(z: &ZhSent, e: &EnSent) -> (u64, u64) {
    let mut zm = 0u64;
    let mut em = 0u64;
    if z.index.is_empty() {
        return (0, 0);
    }
    for (k, it) in e.items.iter().enumerate() {
        for &id in &it.ids {
            if id == NO_ID {
                continue;
            }
            if let Ok(pos) = z.index.binary_search_by_key(&id, |x| x.0) {
                zm |= z.index[pos].1;
                em |= 1u64 << k;
            }
        }
    }
    (zm, em)
}
