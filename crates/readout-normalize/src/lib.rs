//! The normalize stage: one mainland-simplified view of any Chinese text, for
//! matching and search, with an offset map back to the original.
//!
//! * [`chars_only`] is the character layer alone: traditional (OpenCC
//!   standard, Taiwan and Hong Kong forms) to simplified with OpenCC's
//!   dictionaries, applied everywhere, as OpenCC's `t2s`/`tw2s`/`hk2s` do.
//! * [`normalize`] decides by context. Text written in traditional script
//!   gets the character layer and the reversal of Taiwan vocabulary
//!   (迴圈 → 循环); text in simplified script keeps every character that
//!   mainland writing uses, so mainland text comes out unchanged, and only
//!   characters mainland writing never uses (國, 産, 爲) are folded.
//! * [`taiwan_reading`] is a second reading of traditional text for search
//!   recall: every Taiwan word OpenCC's `s2twp` may have put in taken back
//!   (智慧 → 智能), context or not.
//!
//! Both are pure functions of the text; the dictionaries are compiled into
//! the binary as tables `build.rs` computes from them (one table per
//! character, `table`, that every stage reads, and the dictionary tries),
//! so nothing is built at run time. `normalize` reads the text twice: once for
//! script evidence (which decides the runs), once to write the character
//! layer, which also marks where the Taiwan-vocabulary scan of its output
//! has anything to do; mainland text with nothing to fold is returned after
//! the first.

#[cfg(test)]
#[path = "../build/tables.rs"]
mod build_tables;
mod character;
mod context;
#[allow(clippy::all)]
mod generated;
mod lexicon;
mod lm;
mod offset_map;
mod offset_set;
mod recall;
mod script;
mod table;
mod taiwan;

pub use character::Convention;
pub use offset_map::{OffsetMap, Span};
pub use recall::{taiwan_reading, taiwan_reading_of_chars};
pub use script::{detect_script, is_simplified_char, is_traditional_char, Script, ScriptEvidence};

use character::Mode;
use offset_map::MapBuilder;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A normalized view of a text and the map back to the original.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Normalized {
    /// The normalized (mainland simplified) text.
    pub text: String,
    /// Byte offsets of `text` to byte offsets of the original.
    pub map: OffsetMap,
}

impl Normalized {
    /// The view of `text` unchanged.
    pub fn identity(text: &str) -> Self {
        Normalized {
            text: text.to_owned(),
            map: OffsetMap::identity(text.len()),
        }
    }

    /// Original byte offset of normalized byte offset `n` (an offset inside a
    /// replaced span snaps to the start of what it replaced).
    pub fn to_original(&self, n: usize) -> usize {
        self.map.to_original(n)
    }

    /// Original byte range covering normalized byte range `r`.
    pub fn range_to_original(&self, r: Range<usize>) -> Range<usize> {
        self.map.range_to_original(r)
    }

    /// True when the normalized text is the original, byte for byte.
    pub fn is_identity(&self) -> bool {
        self.map.is_identity()
    }

    /// Original character range covering normalized character range `r`.
    /// `original` must be the text this view was made from.
    pub fn char_range_to_original(&self, original: &str, r: Range<usize>) -> Range<usize> {
        let start = char_to_byte(&self.text, r.start);
        let end = char_to_byte(&self.text, r.end.max(r.start));
        let o = self.range_to_original(start..end);
        byte_to_char(original, o.start)..byte_to_char(original, o.end)
    }

    /// Original character offset of normalized character offset `n`.
    pub fn char_to_original(&self, original: &str, n: usize) -> usize {
        byte_to_char(original, self.to_original(char_to_byte(&self.text, n)))
    }
}

/// Byte offset of the `n`th character of `s` (clamped to its length).
pub fn char_to_byte(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// Number of characters of `s` before byte offset `b` (counting a character
/// that `b` falls inside of as before it).
pub fn byte_to_char(s: &str, b: usize) -> usize {
    let b = b.min(s.len());
    s.char_indices().take_while(|&(i, _)| i < b).count()
}

/// The character layer alone, everywhere: traditional to simplified with
/// OpenCC's dictionaries, Taiwan and Hong Kong variant forms included
/// ([`Convention::Any`]).
pub fn chars_only(text: &str) -> Normalized {
    chars_only_as(text, Convention::Any)
}

/// The character layer for one convention: [`Convention::Opencc`] is
/// OpenCC's `t2s`, [`Convention::Taiwan`] its `tw2s`, [`Convention::HongKong`]
/// its `hk2s`.
pub fn chars_only_as(text: &str, convention: Convention) -> Normalized {
    let (text, map) = character::convert(text, convention, Mode::All);
    Normalized { text, map }
}

/// The full normalizer: the character layer where the text is traditional,
/// Taiwan vocabulary reversed where it shows Taiwan conversion, and mainland
/// simplified text left as it is (`normalize(x).text == x`).
pub fn normalize(text: &str) -> Normalized {
    normalize_with(text, true)
}

/// What the forms of a text's characters say of its style (see
/// [`normalize_with`]).
struct Style {
    taiwan_forms: usize,
    standard_forms: usize,
    /// Taiwan style or not, where the forms decide it.
    by_forms: Option<bool>,
    /// The character layer's convention for the traditional runs.
    convention: Convention,
}

impl Style {
    fn of(runs: &[context::Run]) -> Style {
        let trad = || runs.iter().filter(|r| r.traditional);
        let taiwan_forms: usize = trad().map(|r| r.taiwan_forms).sum();
        let standard_forms: usize = trad().map(|r| r.standard_forms).sum();
        let by_forms = if taiwan_forms > FORMS_DECIDE * standard_forms {
            Some(true)
        } else if standard_forms > FORMS_DECIDE * taiwan_forms {
            Some(false)
        } else {
            None
        };
        // Text in OpenCC's standard forms is what OpenCC's `t2s` reads: it
        // writes 著 only for zhù (著作), as mainland text does, so Taiwan's
        // variant forms (著 for 着) are not read in it; where such text has
        // a few forms of other conventions, the Hong Kong chain reads them.
        let convention = match by_forms {
            Some(false) if taiwan_forms == 0 => Convention::Opencc,
            _ if standard_forms > taiwan_forms => Convention::HongKong,
            _ => Convention::Any,
        };
        Style {
            taiwan_forms,
            standard_forms,
            by_forms,
            convention,
        }
    }
}

/// Bytes of text the character layer converts at a time in
/// [`normalize_to`].
const BLOCK: usize = 1 << 16;

/// [`normalize`]'s text without its map, handed to `write` in pieces: for
/// a caller that writes the view out. Text with nothing to decide by
/// context (mainland text, or traditional text in OpenCC's standard forms)
/// is converted a block of lines at a time in one small buffer, so the
/// view is never held whole; other text is normalized whole.
pub fn normalize_to<E>(text: &str, mut write: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let runs = context::runs(text);
    let style = Style::of(&runs);
    let by_parts = runs.iter().all(|r| {
        if r.traditional {
            style.by_forms == Some(false)
        } else {
            r.trad_chars == 0
        }
    });
    if !by_parts {
        return write(&normalize_with(text, true).text);
    }
    let mut buf = String::new();
    for run in &runs {
        let part = &text[run.range.clone()];
        if !run.traditional {
            write(part)?;
            continue;
        }
        let blocks = blocks(part);
        let convert = |range: std::ops::Range<usize>, out: &mut String| {
            out.clear();
            let mut mb = MapBuilder::new();
            character::convert_into(
                &part[range],
                style.convention,
                Mode::All,
                out,
                &mut mb,
                None,
            );
        };
        if part.len() < PARALLEL_MIN || blocks.len() < 2 || !parallel() {
            for b in blocks {
                convert(b, &mut buf);
                write(&buf)?;
            }
            continue;
        }
        // Two cores: a worker converts every second block while this thread converts
        // the one before it; written in order, each side reusing its buffers, so the
        // view is held two blocks at a time, never whole.
        let mut failed = None;
        std::thread::scope(|sc| {
            let (to_worker, work) =
                std::sync::mpsc::sync_channel::<(std::ops::Range<usize>, String)>(1);
            let (done, from_worker) = std::sync::mpsc::sync_channel::<String>(1);
            let convert = &convert;
            sc.spawn(move || {
                for (range, mut out) in work {
                    convert(range, &mut out);
                    if done.send(out).is_err() {
                        break;
                    }
                }
            });
            let mut spare = String::new();
            for pair in blocks.chunks(2) {
                let ahead = match pair.get(1) {
                    Some(r) => to_worker
                        .send((r.clone(), std::mem::take(&mut spare)))
                        .is_ok(),
                    None => false,
                };
                convert(pair[0].clone(), &mut buf);
                if let Err(e) = write(&buf) {
                    failed = Some(e);
                    break;
                }
                if ahead {
                    // A closed channel means the worker panicked: the scope raises it.
                    let Ok(out) = from_worker.recv() else { break };
                    if let Err(e) = write(&out) {
                        failed = Some(e);
                        break;
                    }
                    spare = out;
                } else if let Some(r) = pair.get(1) {
                    convert(r.clone(), &mut buf);
                    if let Err(e) = write(&buf) {
                        failed = Some(e);
                        break;
                    }
                }
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
    }
    Ok(())
}

/// Below this many bytes a second thread costs more than it saves.
pub(crate) const PARALLEL_MIN: usize = 1 << 18;

/// More than one core to work on.
pub(crate) fn parallel() -> bool {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())) > 1
}

/// `part` cut into blocks of about [`BLOCK`] bytes, each ending at a line end: no
/// dictionary key holds one, and only a description sequence (⿰…, at most 64
/// characters) just before it could take one in.
fn blocks(part: &str) -> Vec<std::ops::Range<usize>> {
    let b = part.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    while start < b.len() {
        let mut end = b.len();
        let mut from = start + BLOCK;
        while let Some(k) = b
            .get(from..)
            .and_then(|r| r.iter().position(|&c| c == b'\n'))
        {
            let cut = from + k + 1;
            let before = &b[cut.saturating_sub(64 * 4).max(start)..cut];
            if !before
                .windows(3)
                .any(|w| w[0] == 0xE2 && w[1] == 0xBF && w[2] >= 0xB0)
            {
                end = cut;
                break;
            }
            from = cut;
        }
        out.push(start..end);
        start = end;
    }
    out
}

/// How many times more characters in one style's forms (為 against 爲)
/// decide the style of a text without its sites.
const FORMS_DECIDE: usize = 10;

/// [`normalize`]; `windows` converts simplified runs only around their
/// traditional characters to look for Taiwan terms (false: whole, the
/// reference it is tested against).
fn normalize_with(text: &str, windows: bool) -> Normalized {
    let runs = context::runs(text);
    if let [run] = runs.as_slice() {
        if !run.traditional && run.trad_chars == 0 {
            return Normalized::identity(text);
        }
    }
    // The character layer, run by run: everything in traditional runs.
    // Simplified runs are written as they are: a character mainland
    // writing never uses stays as written there (鑑 in a name; the search
    // index has the character layer as another view). Only a Taiwan term
    // written in traditional characters (迴圈) is looked for in them, in
    // the character layer of the stretch around it.
    //
    // Taiwan vocabulary is reversed in traditional runs only when the text
    // as a whole shows a Taiwan-style conversion. Its characters say so
    // first: those in the forms Taiwan writes (為, 裡) against those in
    // OpenCC's standard forms (爲, 裏, which its `s2t` writes; a
    // Taiwan-style conversion never does). Where one style's outnumber the
    // other's more than [`FORMS_DECIDE`] to one, that decides; where they show both or neither, the sites of the
    // traditional runs weigh in: forms mainland writing never uses (網際網路)
    // for Taiwan style, mainland forms a Taiwan-style conversion never
    // leaves (信息, 消息) against it. Mainland text merely put into
    // traditional characters keeps its words. Without evidence either way,
    // the sites where the model weighs the form itself against mainland
    // forms decide: the text is taken as converted when, summed over them,
    // the mainland forms read better (央视网讯息 is far less likely mainland
    // text than 央视网消息).
    let Style {
        taiwan_forms,
        standard_forms,
        by_forms,
        convention,
    } = Style::of(&runs);
    let mut chars = String::with_capacity(text.len());
    let mut mb = MapBuilder::new();
    // Where the vocabulary scan below has anything to do (not needed when
    // the forms rule out Taiwan style).
    let scan_traditional = by_forms != Some(false);
    let mut cands = offset_set::OffsetSet::default();
    if scan_traditional {
        cands.reserve(text.len() + text.len() / 8);
    }
    let vocab = taiwan::vocab();
    let mut found: Vec<taiwan::Site> = Vec::new();
    let mut found_in: Vec<Range<usize>> = Vec::with_capacity(runs.len());
    let mut seen = taiwan::Evidence::default();
    for run in &runs {
        let part = &text[run.range.clone()];
        let start = chars.len();
        let first = found.len();
        if run.traditional && scan_traditional {
            let c = Some(&mut cands);
            character::convert_into(part, convention, Mode::All, &mut chars, &mut mb, c);
            let unit = &chars[start..];
            let at = cands.iter(start..chars.len());
            let e = vocab.scan(unit, start, at, |_, _| true, &mut found);
            seen.markers += e.markers;
            seen.converted_away += e.converted_away;
        } else if run.traditional {
            character::convert_into(part, convention, Mode::All, &mut chars, &mut mb, None);
        } else {
            chars.push_str(part);
            mb.copy(part.len());
            if run.trad_chars > 0 {
                terms_written_traditional(part, run, windows, start, &mut found);
            }
        }
        found_in.push(first..found.len());
    }
    let chars_map = mb.finish();
    let (taiwan, standard) = match by_forms {
        Some(true) => (1, 0),
        Some(false) => (0, 1),
        None => (
            taiwan_forms + seen.markers,
            standard_forms + seen.converted_away,
        ),
    };
    let sites = Sites {
        chars: &chars,
        runs: &runs,
        found: &found,
        found_in: &found_in,
    };
    let (out, lean) = sites.reverse(taiwan >= standard);
    let out = match out {
        Some(_) if taiwan == standard && lean <= 0.0 => sites.reverse(false).0,
        out => out,
    };
    match out {
        None => Normalized {
            text: chars,
            map: chars_map,
        },
        Some((text, map)) => Normalized {
            text,
            map: chars_map.compose(&map),
        },
    }
}

/// The sites found in the character-layer text, by run.
struct Sites<'a> {
    chars: &'a str,
    runs: &'a [context::Run],
    found: &'a [taiwan::Site],
    found_in: &'a [Range<usize>],
}

impl Sites<'_> {
    /// The character-layer text with each site replaced by the mainland
    /// form the model chooses for it, in traditional runs only when
    /// `traditional` (None when nothing changes); and the lean of the
    /// sites of traditional runs towards a Taiwan-style conversion (see
    /// [`taiwan::Vocab::choose`]), summed.
    fn reverse(&self, traditional: bool) -> (Option<(String, OffsetMap)>, f32) {
        let chars = self.chars;
        let vocab = taiwan::vocab();
        let mut reversed = String::with_capacity(chars.len() + chars.len() / 16);
        let mut tb = MapBuilder::new();
        let (mut last, mut any) = (0, false);
        let mut lean = 0.0;
        for (run, f) in self.runs.iter().zip(self.found_in) {
            if run.traditional && !traditional {
                continue;
            }
            for site in &self.found[f.clone()] {
                reversed.push_str(&chars[last..site.start]);
                tb.copy(site.start - last);
                last = site.start;
                let around = taiwan::Surroundings {
                    before: &reversed,
                    before_chars: &chars[..site.start],
                    after: &chars[site.end..],
                };
                let (value, site_lean) = vocab.choose(site.key, &around);
                if run.traditional {
                    lean += site_lean.unwrap_or(0.0);
                }
                if value == site.key {
                    // The form itself: written as it was.
                    continue;
                }
                any = true;
                reversed.push_str(value);
                tb.replace(&chars[site.start..site.end], value);
                last = site.end;
            }
        }
        if !any {
            return (None, lean);
        }
        reversed.push_str(&chars[last..]);
        tb.copy(chars.len() - last);
        (Some((reversed, tb.finish())), lean)
    }
}

/// Finds the Taiwan terms written in traditional characters (迴圈) in the
/// simplified run `run` (text `part`, written unchanged at `out_start` of
/// the character-layer text): the stretches around its traditional
/// characters through the character layer (only where mainland writing
/// never uses a character), scanned for sites that hold a traditional
/// character. Appends them with offsets of the character-layer text.
fn terms_written_traditional(
    part: &str,
    run: &context::Run,
    windows: bool,
    out_start: usize,
    found: &mut Vec<taiwan::Site>,
) {
    let s0 = run.range.start;
    let spans: Vec<Range<usize>> = run
        .fold_spans
        .iter()
        .map(|r| r.start - s0..r.end - s0)
        .collect();
    let stretches = match windows.then(|| character::fold_windows(part, &spans)) {
        Some(Some(w)) => w,
        _ => std::iter::once(0..part.len()).collect(),
    };
    let mut conv = String::new();
    let mut sites = Vec::new();
    for w in stretches {
        let text = &part[w.clone()];
        conv.clear();
        let mut mb = MapBuilder::new();
        let mut cands = offset_set::OffsetSet::default();
        let c = Some(&mut cands);
        character::convert_into(text, Convention::Any, Mode::Foldable, &mut conv, &mut mb, c);
        let map = mb.finish();
        let written_traditional = |a: usize, b: usize| {
            text.get(map.range_to_original(a..b))
                .is_some_and(|t| t.chars().any(is_traditional_char))
        };
        sites.clear();
        let at = cands.iter(0..conv.len());
        taiwan::vocab().scan(&conv, 0, at, written_traditional, &mut sites);
        for s in &sites {
            let o = map.range_to_original(s.start..s.end);
            found.push(taiwan::Site {
                start: out_start + w.start + o.start,
                end: out_start + w.start + o.end,
                key: s.key,
            });
        }
    }
}
/// The view the search index uses; the same as [`normalize`].
pub fn normalize_for_index(text: &str) -> Normalized {
    normalize(text)
}

/// The dictionaries of `data/`, parsed by the build's code (for the tests,
/// which compare the compiled-in tables with them).
#[cfg(test)]
pub(crate) fn sources() -> &'static build_tables::Sources {
    static SOURCES: std::sync::OnceLock<build_tables::Sources> = std::sync::OnceLock::new();
    SOURCES.get_or_init(|| {
        build_tables::Sources::read(|name| {
            match name {
                "CJK_Compatibility_Ideographs.txt" => {
                    include_str!("../data/CJK_Compatibility_Ideographs.txt")
                }
                "TSPhrases.txt" => include_str!("../data/TSPhrases.txt"),
                "TSCharacters.txt" => include_str!("../data/TSCharacters.txt"),
                "TSCharactersExt.txt" => include_str!("../data/TSCharactersExt.txt"),
                "TWVariantsRev.txt" => include_str!("../data/TWVariantsRev.txt"),
                "TWVariantsRevPhrases.txt" => include_str!("../data/TWVariantsRevPhrases.txt"),
                "HKVariantsRev.txt" => include_str!("../data/HKVariantsRev.txt"),
                "HKVariantsRevPhrases.txt" => include_str!("../data/HKVariantsRevPhrases.txt"),
                "STCharacters.txt" => include_str!("../data/STCharacters.txt"),
                "mainland_variant_blockers.txt" => {
                    include_str!("../data/mainland_variant_blockers.txt")
                }
                "mainland_shared_chars.txt" => include_str!("../data/mainland_shared_chars.txt"),
                "taiwan_sites.tsv" => include_str!("../data/taiwan_sites.tsv"),
                "taiwan_reading.tsv" => include_str!("../data/taiwan_reading.tsv"),
                other => panic!("no data file {other}"),
            }
            .to_owned()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_text_is_untouched() {
        let t = "以习近平同志为核心的党中央，著作，乾坤，什么。";
        let n = normalize(t);
        assert_eq!(n.text, t);
        assert!(n.is_identity());
    }

    #[test]
    fn traditional_text_is_simplified() {
        let n = normalize("中華人民共和國國務院總理");
        assert_eq!(n.text, "中华人民共和国国务院总理");
    }

    /// Vocabulary keys as simplified text has them and in traditional
    /// characters (each character replaced by one that simplifies to it),
    /// with variant forms, description sequences and ASCII around them.
    fn vocab_pieces() -> Vec<String> {
        let mut trad: std::collections::HashMap<char, char> = Default::default();
        for (k, v) in character::ts_characters().entries() {
            if let (Some(k), Some(v)) = (k.chars().next(), v.chars().next()) {
                trad.entry(v).or_insert(k);
            }
        }
        let mut keys: Vec<&str> = taiwan::vocab().keys().collect();
        keys.sort_unstable();
        let mut v: Vec<String> = Vec::new();
        for k in keys.iter().step_by(3) {
            v.push(k.to_string());
            v.push(k.chars().map(|c| *trad.get(&c).unwrap_or(&c)).collect());
            v.extend(k.chars().take(2).map(String::from));
        }
        // Variant phrases and description sequences are written in one
        // piece: the characters before them are checked against them.
        for lex in [
            character::tw_variants_rev_phrases(),
            character::hk_variants_rev_phrases(),
        ] {
            let mut keys: Vec<&str> = lex.entries().map(|(k, _)| k).collect();
            keys.sort_unstable();
            v.extend(keys.iter().step_by(9).map(|k| k.to_string()));
        }
        for p in [
            "為",
            "著",
            "裡",
            "⿰氵黃",
            "⿰",
            "A",
            "B",
            " ",
            "。\n",
            "\u{F900}",
            "國",
        ] {
            v.push(p.to_string());
        }
        v
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// The vocabulary scan visits only the offsets the character layer
        /// marks; visiting every character finds the same terms.
        #[test]
        fn candidates_miss_no_vocabulary_term(
            picks in proptest::collection::vec(0usize..100_000, 0..16),
            foldable in proptest::bool::ANY,
        ) {
            let pool = vocab_pieces();
            let text: String = picks.iter().map(|&i| pool[i % pool.len()].as_str()).collect();
            let mode = if foldable { Mode::Foldable } else { Mode::All };
            let mut out = String::new();
            let mut mb = MapBuilder::new();
            let mut cands = offset_set::OffsetSet::default();
            character::convert_into(&text, Convention::Any, mode, &mut out, &mut mb, Some(&mut cands));
            let vocab = taiwan::vocab();
            let (mut marked, mut every) = (Vec::new(), Vec::new());
            let m1 = vocab.scan(&out, 0, cands.iter(0..out.len()), |_, _| true, &mut marked);
            let all = out.char_indices().map(|(i, _)| i);
            let m2 = vocab.scan(&out, 0, all, |_, _| true, &mut every);
            proptest::prop_assert_eq!(marked, every);
            proptest::prop_assert_eq!(m1, m2);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Mainland paragraphs with the odd traditional character or Taiwan
        /// term: converting windows around them is converting whole runs.
        #[test]
        fn windows_in_simplified_runs_change_nothing(
            cuts in proptest::collection::vec((0usize..1_000_000, 0usize..300, 0usize..100_000), 1..8),
        ) {
            let sample = include_str!("../testdata/mainland_sample.txt");
            let pool = vocab_pieces();
            let mut text = String::new();
            for (at, len, pick) in cuts {
                let mut a = at % sample.len();
                while !sample.is_char_boundary(a) {
                    a -= 1;
                }
                let mut z = (a + len).min(sample.len());
                while !sample.is_char_boundary(z) {
                    z -= 1;
                }
                text.push_str(&sample[a..z]);
                text.push_str(&pool[pick % pool.len()]);
            }
            proptest::prop_assert_eq!(normalize_with(&text, true), normalize_with(&text, false));
        }
    }

    /// Pieces of [`normalize_to`], joined, are [`normalize`]'s text.
    fn pieces_of(text: &str) -> (String, usize) {
        let (mut out, mut n) = (String::new(), 0);
        normalize_to(text, |p| {
            out.push_str(p);
            n += 1;
            Ok::<(), ()>(())
        })
        .unwrap_or(());
        (out, n)
    }

    #[test]
    fn normalize_to_writes_the_normalized_text() {
        // Traditional text in OpenCC's standard forms, long enough for
        // several blocks; with a description sequence (converted whole).
        let standard = "我們爲國家的發展而努力，衆人的事。\n".repeat(5000);
        let (out, n) = pieces_of(&standard);
        assert_eq!(out, normalize(&standard).text);
        assert!(n > 2, "{n}");
        let with_ids = format!("{standard}⿰氵黃\n{standard}");
        assert_eq!(pieces_of(&with_ids).0, normalize(&with_ids).text);
        // A description sequence takes in the line end after it.
        let line = "我們爲國家的發展而努力，衆人的事。\n";
        let mut ids_lines = String::new();
        for i in 0..8000 {
            ids_lines.push_str(if i % 97 == 0 { "衆人⿰\n" } else { line });
        }
        let (out, n) = pieces_of(&ids_lines);
        assert_eq!(out, normalize(&ids_lines).text);
        assert!(n > 2, "{n}");
        // Long enough for two cores: still written block by block, in order.
        let long = line.repeat(25_000);
        assert!(long.len() >= PARALLEL_MIN);
        let (out, n) = pieces_of(&long);
        assert_eq!(out, normalize(&long).text);
        assert!(n >= long.len() / BLOCK, "{n}");
        // Mainland text, Taiwan-style text, a lone traditional character.
        let sample = include_str!("../testdata/mainland_sample.txt");
        for t in [
            sample,
            "推動長江經濟帶高品質發展",
            "提升国内大迴圈内生动力",
            "宋懋璗，是",
            "",
        ] {
            assert_eq!(pieces_of(t).0, normalize(t).text, "{t}");
        }
    }

    #[test]
    fn char_helpers_map_back() {
        let orig = "a國b";
        let n = chars_only(orig);
        assert_eq!(n.char_range_to_original(orig, 1..2), 1..2);
        assert_eq!(n.char_to_original(orig, 2), 2);
    }
}
