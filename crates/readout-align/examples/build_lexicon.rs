//! Builds `data/cedict-lexicon.tsv.gz`, the compact bilingual lexicon the aligner bundles,
//! from a CC-CEDICT release (CC BY-SA 4.0). Run it again whenever the stemmer or the gloss
//! rules below change:
//!
//! ```text
//! cargo run -p readout-align --example build_lexicon -- \
//!     /work/dl/cedict_1_0_ts_utf-8_mdbg.txt.gz crates/readout-align/data/cedict-lexicon.tsv.gz
//! ```
//!
//! Output: comment lines, one line with every stem (the lowercased, Snowball-stemmed
//! English content words of the glosses, most frequent first), then one line per headword:
//! `simplified \t traditional forms (comma-separated, only those that differ) \t toneless
//! pinyin readings (single characters only) \t stem numbers` (positions in the stem line).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Write};

use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use flate2::Compression;
use readout_align::english;

/// Gloss words that describe the entry rather than translate it.
const META_WORDS: &[&str] = &[
    "abbr",
    "variant",
    "surname",
    "cl",
    "pr",
    "lit",
    "fig",
    "tw",
    "coll",
    "dialect",
    "slang",
    "loanword",
    "archaic",
    "esp",
    "usu",
    "derog",
    "onom",
    "interj",
    "old",
    "literary",
    "bound",
    "form",
    "prefix",
    "suffix",
    "particle",
    "classifier",
    "erhua",
    "japanese",
    "internet",
    "honorific",
    "polite",
    "math",
    "chemistry",
    "chem",
    "physics",
    "biology",
    "botany",
    "zoology",
    "medicine",
    "tcm",
    "buddhism",
    "taoism",
    "translit",
    "mainland",
    "hk",
    "prc",
    "roc",
    "figuratively",
    "literally",
    "sense",
    "meaning",
    "various",
    "kind",
    "name",
    "abbreviation",
];

#[derive(Default)]
struct Entry {
    trad: BTreeSet<String>,
    pinyin: Vec<String>,
    stems: Vec<String>,
    refs: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: build_lexicon CEDICT.txt.gz OUT.tsv.gz");
        std::process::exit(2);
    }
    let file = std::fs::File::open(&args[1]).unwrap_or_else(|e| {
        eprintln!("cannot open {}: {e}", args[1]);
        std::process::exit(1)
    });
    let reader = BufReader::new(GzDecoder::new(file));
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let mut lines = 0usize;
    for line in reader.lines() {
        let line = line.expect("CC-CEDICT is UTF-8 text");
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((trad, simp, pinyin, glosses)) = parse_line(&line) else {
            continue;
        };
        lines += 1;
        let entry = entries.entry(simp.to_string()).or_default();
        if trad != simp {
            entry.trad.insert(trad.to_string());
        }
        if simp.chars().count() == 1 {
            let reading = toneless(pinyin);
            if !reading.is_empty() && !entry.pinyin.contains(&reading) {
                entry.pinyin.push(reading);
            }
        }
        for gloss in glosses.split('/').filter(|g| !g.trim().is_empty()) {
            gloss_into(gloss.trim(), entry);
        }
    }
    // One level of "variant of X" / "abbr. for X" / "see X": borrow X's stems.
    let borrowed: Vec<(String, Vec<String>)> = entries
        .iter()
        .filter(|(_, e)| !e.refs.is_empty())
        .map(|(k, e)| {
            let mut add = Vec::new();
            for r in &e.refs {
                if let Some(target) = entries.get(r) {
                    add.extend(target.stems.iter().cloned());
                }
            }
            (k.clone(), add)
        })
        .collect();
    for (k, add) in borrowed {
        let e = entries.get_mut(&k).expect("key from the same map");
        for s in add {
            if !e.stems.contains(&s) {
                e.stems.push(s);
            }
        }
    }

    // Stems are numbered by frequency, so common ones get short numbers.
    let mut freq: BTreeMap<&str, usize> = BTreeMap::new();
    for e in entries.values() {
        for st in e.stems.iter().take(48) {
            *freq.entry(st.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, usize)> = freq.into_iter().collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: BTreeMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (*s, i))
        .collect();

    let out = std::fs::File::create(&args[2]).expect("create output");
    let mut gz = GzEncoder::new(out, Compression::best());
    writeln!(
        gz,
        "# Derived from CC-CEDICT (https://cc-cedict.org, MDBG), licensed CC BY-SA 4.0;"
    )
    .unwrap();
    writeln!(
        gz,
        "# this derived file is under the same license. First line after the comments: the"
    )
    .unwrap();
    writeln!(
        gz,
        "# stems; then simplified\\ttraditional\\tpinyin\\tstem numbers (into that line)."
    )
    .unwrap();
    let words: Vec<&str> = vocab.iter().map(|v| v.0).collect();
    writeln!(gz, "{}", words.join(" ")).unwrap();
    let mut kept = 0usize;
    for (simp, e) in &entries {
        if e.stems.is_empty() && e.pinyin.is_empty() && e.trad.is_empty() {
            continue;
        }
        kept += 1;
        let trad: Vec<&str> = e.trad.iter().map(String::as_str).collect();
        let stems: Vec<String> = e
            .stems
            .iter()
            .take(48)
            .map(|s| index[s.as_str()].to_string())
            .collect();
        writeln!(
            gz,
            "{simp}\t{}\t{}\t{}",
            trad.join(","),
            e.pinyin.join(" "),
            stems.join(" ")
        )
        .unwrap();
    }
    gz.finish().expect("finish gzip");
    eprintln!(
        "{lines} CC-CEDICT entries -> {kept} headwords, {} stems",
        words.len()
    );
}

fn parse_line(line: &str) -> Option<(&str, &str, &str, &str)> {
    let (trad, rest) = line.split_once(' ')?;
    let (simp, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = rest.split_once(']')?;
    let glosses = rest.trim().strip_prefix('/')?;
    Some((trad, simp, pinyin, glosses))
}

fn toneless(pinyin: &str) -> String {
    pinyin
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase()
        .replace("u:", "u")
        .chars()
        .filter(char::is_ascii_lowercase)
        .collect()
}

/// Headwords a cross-reference gloss points to: `X|Y[pin1 yin1]` names simplified Y,
/// `X[pin1 yin1]` names X.
fn references(gloss: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in gloss.split([' ', ',', ';']) {
        let head = part.split('[').next().unwrap_or("");
        let head = head.rsplit('|').next().unwrap_or("");
        if !head.is_empty() && head.chars().all(english::is_han) {
            out.push(head.to_string());
        }
    }
    out
}

fn gloss_into(gloss: &str, entry: &mut Entry) {
    if gloss.starts_with("CL:")
        || gloss.starts_with("used in")
        || gloss.starts_with("Kangxi radical")
    {
        return;
    }
    let lower = gloss.to_lowercase();
    let is_ref = [
        "variant of",
        "old variant of",
        "archaic variant of",
        "japanese variant of",
        "erhua variant of",
        "see ",
        "see also",
        "abbr. for",
        "abbr. of",
        "same as",
        "also written",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    if is_ref {
        entry.refs.extend(references(gloss));
        return;
    }
    // Drop the Chinese and pinyin of embedded cross-references, keep the words.
    let mut text = String::with_capacity(gloss.len());
    let mut depth = 0usize;
    for c in gloss.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !english::is_han(c) && c != '|' => text.push(c),
            _ => {}
        }
    }
    let words = content_words(&text);
    // Long descriptive glosses (biographies, definitions) keep their first clause only.
    let words = if words.len() > 6 {
        let first = text.split([',', ';', '(', ':']).next().unwrap_or("");
        content_words(first)
    } else {
        words
    };
    for w in words {
        if !entry.stems.contains(&w) {
            entry.stems.push(w);
        }
    }
}

fn content_words(text: &str) -> Vec<String> {
    english::tokens(text)
        .into_iter()
        .filter(|t| !t.is_number())
        .filter_map(|t| {
            let lower = t.text.to_lowercase();
            if lower.chars().count() < 2
                || !lower.chars().all(|c| c.is_ascii_alphabetic())
                || english::is_stopword(&lower)
                || META_WORDS.contains(&lower.as_str())
            {
                None
            } else {
                Some(english::stem(&lower).into_owned())
            }
        })
        .collect()
}
