//! The bilingual lexicon: Chinese headwords (simplified and traditional) mapped to the
//! stemmed English content words of their CC-CEDICT glosses, plus a small curated
//! supplement for the political genre, toneless pinyin of single characters (to match
//! romanized names) and greedy longest-match segmentation of Chinese text.
//!
//! The bundled data (`data/cedict-lexicon.tsv.gz`) is derived from CC-CEDICT and is
//! licensed CC BY-SA 4.0, see `data/README.md`. It is decoded once per process.

use std::borrow::Cow;
use std::io::Read;
use std::ops::Range;
use std::sync::OnceLock;

use flate2::read::GzDecoder;
use rustc_hash::FxHashMap;

use crate::english;
use crate::memory::FormulationMemory;

static CEDICT_GZ: &[u8] = include_bytes!("../data/cedict-lexicon.tsv.gz");
static SUPPLEMENT: &str = include_str!("../data/supplement.tsv");

/// Longest headword (in characters) that segmentation tries; longer CC-CEDICT entries are
/// idioms and names that a shorter match covers well enough.
const MAX_WORD_CHARS: usize = 8;

/// Chinese function words: segmented as words (so they do not break their neighbours
/// apart) but carrying no translation evidence.
const ZH_STOPWORDS: &[&str] = &[
    "的", "了", "是", "在", "和", "与", "及", "并", "而", "也", "都", "就", "又", "着", "过", "之",
    "其", "这", "那", "个", "把", "被", "对", "将", "从", "向", "于", "等", "地", "得", "所", "以",
    "为", "中", "上", "下", "我", "你", "他", "她", "它", "们", "我们", "他们", "她们", "你们",
    "自己", "这个", "那个", "这些", "那些", "这样", "那样", "一个", "有", "没", "不", "没有", "要",
    "会", "能", "可以", "还", "很", "更", "最", "让", "使", "给", "跟", "同", "或", "或者", "但",
    "但是", "因为", "所以", "如果", "虽然", "而且", "并且", "以及", "就是", "还是", "已经", "正在",
    "来", "去", "吗", "呢", "吧", "啊", "呀", "么", "什么", "怎么", "一", "些", "一些", "各", "每",
    "该", "此", "者", "以来", "进行", "当", "却", "才", "再", "只", "便", "即", "则", "乃", "之一",
    "其中", "由", "按", "按照", "通过", "关于", "对于", "一样", "一起", "还有", "里", "後", "后",
    "前", "时", "时候", "一下", "一点", "一定", "出", "起", "起来", "下来", "上来", "出来", "过来",
    "过去", "这里", "那里", "哪", "谁", "为了", "他的", "我的", "你的",
];

/// Shortest stem (bytes) that longer stems are folded into.
const MIN_ROOT: usize = 6;

fn dedup_in_order(ids: &mut Vec<u32>) {
    let mut seen = 0;
    for k in 0..ids.len() {
        if !ids[..seen].contains(&ids[k]) {
            ids[seen] = ids[k];
            seen += 1;
        }
    }
    ids.truncate(seen);
}

/// Classical compounds that modern reports almost always use as two words (…是以习近平
/// 同志为核心… is 是 + 以…); left out so longest match does not swallow the 以.
const NOT_WORDS: &[&str] = &["是以", "是为", "而以", "并以", "亦以"];

/// A lexicon entry: its translations as stem ids, or none for a function word.
#[derive(Debug, Clone, Copy)]
struct Entry {
    start: u32,
    len: u16,
    stop: bool,
}

/// One segment of Chinese text found by [`Lexicon::segment`].
#[derive(Debug, Clone, PartialEq)]
pub struct Word<'a> {
    /// Byte span in the segmented text.
    pub span: Range<usize>,
    /// Where the translations come from and what they are.
    pub kind: WordKind<'a>,
}

/// What segmentation knows about a [`Word`].
#[derive(Debug, Clone, PartialEq)]
pub enum WordKind<'a> {
    /// A lexicon headword with its translations (stem ids, possibly empty).
    Lexicon(&'a [u32]),
    /// A function word: no evidence either way.
    Stop,
    /// A phrase of the formulation memory, with the stems of its English rendering.
    Memory(&'a [String]),
    /// Han characters the lexicon does not know.
    Unknown,
}

impl WordKind<'_> {
    /// The stem ids any one of which shows the word rendered in English: a lexicon
    /// word's translations, or a memory phrase's stems that `stem_id` knows. `None` for
    /// function words and unknown characters, which are evidence of nothing. The
    /// omission finder and the rendering finder link words through this one rule.
    pub fn ids(&self, stem_id: impl Fn(&str) -> Option<u32>) -> Option<Vec<u32>> {
        match self {
            WordKind::Lexicon(ids) => Some(ids.to_vec()),
            WordKind::Memory(stems) => Some(stems.iter().filter_map(|s| stem_id(s)).collect()),
            WordKind::Stop | WordKind::Unknown => None,
        }
    }
}

/// Traditional spellings of a simplified word, from the single-character headword pairs
/// (at most 16, most words have one).
fn traditional_variants(simp: &str, to_trad: &FxHashMap<char, Vec<char>>) -> Vec<String> {
    let mut out = vec![String::new()];
    for c in simp.chars() {
        let options: &[char] = match to_trad.get(&c) {
            Some(v) => v,
            None => std::slice::from_ref(&c),
        };
        let mut next = Vec::with_capacity(out.len() * options.len());
        for prefix in &out {
            for &o in options {
                if next.len() < 16 {
                    let mut v = prefix.clone();
                    v.push(o);
                    next.push(v);
                }
            }
        }
        out = next;
    }
    out.retain(|v| v != simp);
    out
}

/// CC-CEDICT-derived Chinese→English lexicon. Cheap to share: use [`Lexicon::bundled`].
#[derive(Debug)]
pub struct Lexicon {
    entries: FxHashMap<Cow<'static, str>, Entry>,
    flat: Vec<u32>,
    stems: Vec<Box<str>>,
    stem_ids: FxHashMap<Box<str>, u32>,
    /// Per stem id, the id of the shortest stem it extends (complementari → complement).
    root: Vec<u32>,
    /// Stem ids in the order the bundled table numbers them.
    table_ids: Vec<u32>,
    pinyin: FxHashMap<char, Vec<&'static str>>,
    to_simp: FxHashMap<char, char>,
}

impl Lexicon {
    /// The lexicon bundled with the crate, decoded on first use.
    pub fn bundled() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut text = String::new();
            // The bundled bytes are produced by our own builder; a failure here would be a
            // broken build, and it still leaves a usable (supplement-only) lexicon.
            if GzDecoder::new(CEDICT_GZ).read_to_string(&mut text).is_err() {
                text.clear();
            }
            // The table lives as long as the process (it backs a static), so its text
            // can be borrowed by the maps instead of copied into a key per headword.
            Lexicon::from_parts(Box::leak(text.into_boxed_str()), SUPPLEMENT)
        })
    }

    /// Builds a lexicon from the derived CC-CEDICT table (the format `build_lexicon`
    /// writes) and a supplement (`headword \t english; english`), whose renderings come
    /// first for their headword.
    pub fn from_parts(cedict_table: &'static str, supplement_tsv: &'static str) -> Lexicon {
        let mut lex = Lexicon {
            entries: FxHashMap::default(),
            flat: Vec::new(),
            stems: Vec::new(),
            stem_ids: FxHashMap::default(),
            root: Vec::new(),
            table_ids: Vec::new(),
            pinyin: FxHashMap::default(),
            to_simp: FxHashMap::default(),
        };
        let mut lines = cedict_table.lines().filter(|l| !l.starts_with('#'));
        if let Some(vocab) = lines.next() {
            let mut order: Vec<&str> = vocab.split(' ').collect();
            // Shorter stems first, so every stem's root is interned before it.
            let by_freq = order.clone();
            order.sort_by_key(|s| s.len());
            for stem in order {
                lex.intern(stem);
            }
            // The table numbers stems in its own (frequency) order.
            lex.table_ids = by_freq.iter().map(|s| lex.stem_ids[*s]).collect();
        }
        let n_stems = lex.table_ids.len() as u32;
        let mut trad_of: Vec<(&'static str, &'static str)> = Vec::new();
        let mut to_trad: FxHashMap<char, Vec<char>> = FxHashMap::default();
        let mut ids: Vec<u32> = Vec::new();
        for line in lines {
            let mut cols = line.split('\t');
            let (Some(simp), Some(trad), Some(pinyin), Some(stems)) =
                (cols.next(), cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            ids.clear();
            ids.extend(
                stems
                    .split(' ')
                    .filter_map(|n| n.parse::<u32>().ok())
                    .filter(|&n| n < n_stems)
                    .map(|n| lex.root[lex.table_ids[n as usize] as usize]),
            );
            dedup_in_order(&mut ids);
            let entry = lex.push_list(&ids);
            lex.entries.insert(Cow::Borrowed(simp), entry);
            let mut simp_chars = simp.chars();
            let single = simp_chars.next().filter(|_| simp_chars.next().is_none());
            for t in trad.split(',').filter(|t| !t.is_empty()) {
                trad_of.push((t, simp));
                if let Some(sc) = single {
                    let mut tc = t.chars();
                    if let (Some(c), None) = (tc.next(), tc.next()) {
                        lex.to_simp.insert(c, sc);
                        to_trad.entry(sc).or_default().push(c);
                        if !pinyin.is_empty() {
                            lex.pinyin
                                .entry(c)
                                .or_insert_with(|| pinyin.split(' ').collect());
                        }
                    }
                }
            }
            if let (Some(c), false) = (single, pinyin.is_empty()) {
                lex.pinyin.insert(c, pinyin.split(' ').collect());
            }
        }
        for line in supplement_tsv.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((head, english)) = line.split_once('\t') else {
                continue;
            };
            let head = head.trim();
            let mut merged: Vec<u32> = Vec::new();
            for stem in english::content_stems(english) {
                let id = lex.intern(&stem);
                let id = lex.root[id as usize];
                if !merged.contains(&id) {
                    merged.push(id);
                }
            }
            if let Some(old) = lex.entries.get(head).copied() {
                for &id in lex.entry_ids(&old) {
                    if !merged.contains(&id) {
                        merged.push(id);
                    }
                }
            }
            let entry = lex.push_list(&merged);
            // Traditional spellings of the headword, so traditional text finds it too.
            for variant in traditional_variants(head, &to_trad) {
                lex.entries.entry(Cow::Owned(variant)).or_insert(entry);
            }
            lex.entries.insert(Cow::Borrowed(head), entry);
        }
        // A character that is itself a simplified headword stays as it is (乾 in 乾隆).
        let mut buf = [0u8; 4];
        let entries = &lex.entries;
        lex.to_simp
            .retain(|t, _| !entries.contains_key(&*t.encode_utf8(&mut buf)));
        for (trad, simp) in trad_of {
            if !lex.entries.contains_key(trad) {
                if let Some(e) = lex.entries.get(simp).copied() {
                    lex.entries.insert(Cow::Borrowed(trad), e);
                }
            }
        }
        for w in NOT_WORDS {
            lex.entries.remove(*w);
        }
        let stop = Entry {
            start: 0,
            len: 0,
            stop: true,
        };
        for w in ZH_STOPWORDS {
            for variant in traditional_variants(w, &to_trad) {
                lex.entries.insert(Cow::Owned(variant), stop);
            }
            lex.entries.insert(Cow::Borrowed(*w), stop);
        }
        lex
    }

    fn push_list(&mut self, ids: &[u32]) -> Entry {
        let start = self.flat.len() as u32;
        let len = ids.len().min(u16::MAX as usize);
        self.flat.extend_from_slice(&ids[..len]);
        Entry {
            start,
            len: len as u16,
            stop: false,
        }
    }

    fn intern(&mut self, stem: &str) -> u32 {
        if let Some(&id) = self.stem_ids.get(stem) {
            return id;
        }
        let id = self.stems.len() as u32;
        let root = self.prefix_root(stem).unwrap_or(id);
        self.stems.push(stem.into());
        self.stem_ids.insert(stem.into(), id);
        self.root.push(root);
        id
    }

    /// Root of the shortest known stem of at least `MIN_ROOT` bytes that `stem` extends.
    fn prefix_root(&self, stem: &str) -> Option<u32> {
        if !stem.is_ascii() {
            return None;
        }
        (MIN_ROOT..stem.len())
            .find_map(|len| self.stem_ids.get(&stem[..len]))
            .map(|&id| self.root[id as usize])
    }

    /// Number of distinct English stems; stem ids are below this.
    pub fn stem_count(&self) -> u32 {
        self.stems.len() as u32
    }

    /// Id of a stem (as produced by [`english::stem`]) that glosses use, or extend:
    /// stems that extend a shorter one of at least six letters share its id, so
    /// "complementary" meets the gloss "complement" and "nationalist" meets "nation".
    pub fn stem_id(&self, stem: &str) -> Option<u32> {
        match self.stem_ids.get(stem) {
            Some(&id) => Some(self.root[id as usize]),
            None => self.prefix_root(stem),
        }
    }

    /// The stem behind an id.
    pub fn stem_text(&self, id: u32) -> Option<&str> {
        self.stems.get(id as usize).map(|s| &**s)
    }

    /// Translations (stem ids) of a headword, simplified or traditional; `None` for an
    /// unknown word, an empty slice for a function word.
    pub fn translations(&self, word: &str) -> Option<&[u32]> {
        self.entries.get(word).map(|e| self.entry_ids(e))
    }

    fn entry_ids(&self, e: &Entry) -> &[u32] {
        if e.stop {
            &[]
        } else {
            &self.flat[e.start as usize..e.start as usize + e.len as usize]
        }
    }

    /// Toneless pinyin readings of a character (simplified or traditional).
    pub fn pinyin(&self, c: char) -> &[&'static str] {
        self.pinyin.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Character-by-character traditional→simplified mapping from the CC-CEDICT headword
    /// pairs, for callers that have no normalized view. Characters that are also
    /// simplified headwords are left alone, so mainland text is unchanged.
    pub fn to_simplified(&self, text: &str) -> String {
        text.chars()
            .map(|c| self.to_simp.get(&c).copied().unwrap_or(c))
            .collect()
    }

    /// Greedy longest-match segmentation of the Han runs of `text` (other characters are
    /// skipped). Phrases of `memory` win over lexicon words of the same or shorter length.
    pub fn segment<'a>(
        &'a self,
        text: &str,
        memory: Option<&'a FormulationMemory>,
    ) -> Vec<Word<'a>> {
        let mut out = Vec::new();
        let mut bounds: Vec<usize> = Vec::with_capacity(64);
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !english::is_han(c) {
                continue;
            }
            bounds.clear();
            bounds.push(start);
            let mut end = start + c.len_utf8();
            bounds.push(end);
            while let Some(&(i, d)) = chars.peek() {
                if !english::is_han(d) {
                    break;
                }
                end = i + d.len_utf8();
                bounds.push(end);
                chars.next();
            }
            self.segment_run(text, &bounds, memory, &mut out);
        }
        out
    }

    fn segment_run<'a>(
        &'a self,
        text: &str,
        bounds: &[usize],
        memory: Option<&'a FormulationMemory>,
        out: &mut Vec<Word<'a>>,
    ) {
        let n = bounds.len() - 1;
        let mem_max = memory.map_or(0, FormulationMemory::max_chars);
        let mut k = 0;
        while k < n {
            let mut found: Option<(usize, WordKind<'a>)> = None;
            if let Some(mem) = memory {
                for len in (2..=mem_max.min(n - k)).rev() {
                    if let Some(stems) = mem.get(&text[bounds[k]..bounds[k + len]]) {
                        found = Some((len, WordKind::Memory(stems)));
                        break;
                    }
                }
            }
            let min_len = found.as_ref().map_or(0, |f| f.0) + 1;
            for len in (min_len..=MAX_WORD_CHARS.min(n - k)).rev() {
                if let Some(e) = self.entries.get(&text[bounds[k]..bounds[k + len]]) {
                    let kind = if e.stop {
                        WordKind::Stop
                    } else {
                        WordKind::Lexicon(self.entry_ids(e))
                    };
                    found = Some((len, kind));
                    break;
                }
            }
            let (len, kind) = found.unwrap_or((1, WordKind::Unknown));
            out.push(Word {
                span: bounds[k]..bounds[k + len],
                kind,
            });
            k += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems_of<'a>(lex: &'a Lexicon, word: &str) -> Vec<&'a str> {
        lex.translations(word)
            .unwrap_or(&[])
            .iter()
            .filter_map(|&id| lex.stem_text(id))
            .collect()
    }

    #[test]
    fn bundled_lexicon_translates_genre_words() {
        let lex = Lexicon::bundled();
        assert!(stems_of(lex, "会议").contains(&"meet"));
        assert!(stems_of(lex, "强调").contains(&"stress"));
        assert!(stems_of(lex, "长江").contains(&"yangtz"));
        assert!(stems_of(lex, "政治局").contains(&"politburo"));
        assert!(stems_of(lex, "政治局").contains(&"polit"));
    }

    #[test]
    fn traditional_headwords_share_the_simplified_entry() {
        let lex = Lexicon::bundled();
        assert_eq!(lex.translations("會議"), lex.translations("会议"));
        // Supplement headwords get their traditional spellings too.
        assert_eq!(lex.translations("經濟帶"), lex.translations("经济带"));
        assert!(lex.translations("经济带").is_some());
        assert_eq!(
            lex.to_simplified("會議強調長江經濟帶"),
            "会议强调长江经济带"
        );
        // Mainland text is left as it is, including characters that double as
        // traditional forms elsewhere.
        assert_eq!(lex.to_simplified("乾隆皇帝"), "乾隆皇帝");
    }

    #[test]
    fn segmentation_is_greedy_longest_match_with_spans() {
        let lex = Lexicon::bundled();
        let text = "以习近平同志为核心的党中央";
        let words: Vec<&str> = lex
            .segment(text, None)
            .iter()
            .map(|w| &text[w.span.clone()])
            .collect();
        assert_eq!(
            words,
            ["以", "习近平", "同志", "为", "核心", "的", "党中央"]
        );
    }

    #[test]
    fn function_words_carry_no_translation() {
        let lex = Lexicon::bundled();
        let words = lex.segment("的", None);
        assert_eq!(words[0].kind, WordKind::Stop);
    }

    #[test]
    fn pinyin_covers_both_scripts() {
        let lex = Lexicon::bundled();
        assert!(lex.pinyin('陈').contains(&"chen"));
        assert!(lex.pinyin('陳').contains(&"chen"));
    }

    #[test]
    fn memory_phrases_take_precedence() {
        let lex = Lexicon::bundled();
        let mut mem = FormulationMemory::new();
        mem.insert("两个确立", "Two Establishes");
        let text = "深刻领悟两个确立的决定性意义";
        let words = lex.segment(text, Some(&mem));
        let hit = words
            .iter()
            .find(|w| &text[w.span.clone()] == "两个确立")
            .expect("memory phrase segmented whole");
        assert!(matches!(hit.kind, WordKind::Memory(s) if s.contains(&"establish".to_string())));
    }
}
