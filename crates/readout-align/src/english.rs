//! English word handling shared by the lexicon builder and the aligner: tokenizing,
//! stop words and stemming, so that a dictionary gloss and a sentence of a translation
//! reduce to the same comparable stems.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// One word or number of English text, with its byte span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub span: Range<usize>,
}

impl Token<'_> {
    /// True when the token is made of ASCII digits (possibly with a decimal part).
    pub fn is_number(&self) -> bool {
        self.text.as_bytes().first().is_some_and(u8::is_ascii_digit)
    }
}

/// Splits text into runs of letters and runs of digits. A digit run keeps an inner
/// decimal point or thousands comma ("3.5", "1,000") so numbers compare whole; letters
/// and digits glued together ("18th", "G20") stay one token.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !c.is_alphanumeric() || is_han(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = iter.peek() {
            if d.is_alphanumeric() && !is_han(d) {
                end = i + d.len_utf8();
                iter.next();
            } else if (d == '.' || d == ',')
                && bytes[start].is_ascii_digit()
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                iter.next();
            } else {
                break;
            }
        }
        out.push(Token {
            text: &text[start..end],
            span: start..end,
        });
    }
    out
}

pub use readout_lang::is_han;

/// Function words that say nothing about which sentence translates which.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "became",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "else",
    "etc",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one's",
    "only",
    "or",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
    "s",
    "t",
    "d",
    "ll",
    "re",
    "ve",
    "m",
    "o",
    "oh",
    "sb",
    "sth",
    "someone",
    "something",
    "one",
    "ones",
];

/// True for an English function word (given lowercased).
pub fn is_stopword(lower: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(lower)
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Irregular forms (past tenses, participles, plurals) and their base words, so that
/// "said" meets the gloss "to say" and "men" meets "man".
const IRREGULAR: &[(&str, &str)] = &[
    ("arose", "arise"),
    ("arisen", "arise"),
    ("ate", "eat"),
    ("awoke", "awake"),
    ("beaten", "beat"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bent", "bend"),
    ("bit", "bite"),
    ("bitten", "bite"),
    ("bled", "bleed"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("broke", "break"),
    ("broken", "break"),
    ("bred", "breed"),
    ("brought", "bring"),
    ("built", "build"),
    ("burnt", "burn"),
    ("bought", "buy"),
    ("caught", "catch"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("clung", "cling"),
    ("came", "come"),
    ("crept", "creep"),
    ("dealt", "deal"),
    ("dug", "dig"),
    ("done", "do"),
    ("drew", "draw"),
    ("drawn", "draw"),
    ("dreamt", "dream"),
    ("drank", "drink"),
    ("drunk", "drink"),
    ("drove", "drive"),
    ("driven", "drive"),
    ("eaten", "eat"),
    ("fell", "fall"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("felt", "feel"),
    ("fought", "fight"),
    ("fled", "flee"),
    ("flung", "fling"),
    ("flew", "fly"),
    ("flown", "fly"),
    ("forbade", "forbid"),
    ("forbidden", "forbid"),
    ("forgot", "forget"),
    ("forgotten", "forget"),
    ("forgave", "forgive"),
    ("forgiven", "forgive"),
    ("froze", "freeze"),
    ("frozen", "freeze"),
    ("got", "get"),
    ("gotten", "get"),
    ("gave", "give"),
    ("given", "give"),
    ("went", "go"),
    ("gone", "go"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("hung", "hang"),
    ("heard", "hear"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("held", "hold"),
    ("kept", "keep"),
    ("knelt", "kneel"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("leapt", "leap"),
    ("learnt", "learn"),
    ("lent", "lend"),
    ("lain", "lie"),
    ("lit", "light"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("met", "meet"),
    ("paid", "pay"),
    ("rode", "ride"),
    ("ridden", "ride"),
    ("rang", "ring"),
    ("rung", "ring"),
    ("risen", "rise"),
    ("ran", "run"),
    ("said", "say"),
    ("saw", "see"),
    ("seen", "see"),
    ("sought", "seek"),
    ("sold", "sell"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shaken", "shake"),
    ("shone", "shine"),
    ("shot", "shoot"),
    ("shown", "show"),
    ("shrank", "shrink"),
    ("shrunk", "shrink"),
    ("sang", "sing"),
    ("sung", "sing"),
    ("sank", "sink"),
    ("sunk", "sink"),
    ("sat", "sit"),
    ("slept", "sleep"),
    ("slid", "slide"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("sped", "speed"),
    ("spent", "spend"),
    ("spun", "spin"),
    ("spat", "spit"),
    ("sprang", "spring"),
    ("sprung", "spring"),
    ("stood", "stand"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stuck", "stick"),
    ("stung", "sting"),
    ("struck", "strike"),
    ("stricken", "strike"),
    ("strove", "strive"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("swept", "sweep"),
    ("swam", "swim"),
    ("swum", "swim"),
    ("swung", "swing"),
    ("took", "take"),
    ("taken", "take"),
    ("taught", "teach"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("told", "tell"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("trod", "tread"),
    ("understood", "understand"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("wove", "weave"),
    ("woven", "weave"),
    ("wept", "weep"),
    ("won", "win"),
    ("withdrew", "withdraw"),
    ("withdrawn", "withdraw"),
    ("wrote", "write"),
    ("written", "write"),
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("mice", "mouse"),
    ("geese", "goose"),
    ("better", "good"),
    ("best", "good"),
    ("worse", "bad"),
    ("worst", "bad"),
    ("centre", "center"),
    ("centres", "center"),
    ("theatre", "theater"),
    ("metre", "meter"),
    ("metres", "meter"),
    ("litre", "liter"),
    ("fibre", "fiber"),
    ("grey", "gray"),
    ("programme", "program"),
    ("programmes", "program"),
    ("dialogue", "dialog"),
    ("catalogue", "catalog"),
    ("defence", "defense"),
    ("offence", "offense"),
    ("licence", "license"),
    ("practise", "practice"),
];

/// British spellings that Snowball leaves apart from the American ones glossaries use.
fn americanize(lower: &str) -> Option<String> {
    for (brit, amer) in [
        ("isation", "ization"),
        ("isations", "izations"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("ise", "ize"),
        ("yse", "yze"),
        ("ysed", "yzed"),
        ("our", "or"),
        ("ours", "ors"),
        ("oured", "ored"),
        ("ouring", "oring"),
        ("ourable", "orable"),
        ("ourite", "orite"),
        ("elled", "eled"),
        ("elling", "eling"),
    ] {
        if let Some(root) = lower.strip_suffix(brit) {
            // Short words are mostly not British variants (rise, raise, four, hour).
            let min_root = if brit.starts_with("our") { 3 } else { 4 };
            if root.len() >= min_root {
                return Some(format!("{root}{amer}"));
            }
        }
    }
    None
}

/// Snowball (Porter 2) stem of a lowercased word, after irregular forms are reduced to
/// their base word and British spellings to American ones. Glosses and translations go
/// through the same function, so they meet whatever the reduction does.
pub fn stem(lower: &str) -> Cow<'_, str> {
    static MAP: OnceLock<rustc_hash::FxHashMap<&'static str, &'static str>> = OnceLock::new();
    let map = MAP.get_or_init(|| IRREGULAR.iter().copied().collect());
    if let Some(base) = map.get(lower) {
        return Cow::Owned(stemmer().stem(base).into_owned());
    }
    if let Some(amer) = americanize(lower) {
        return Cow::Owned(stemmer().stem(&amer).into_owned());
    }
    stemmer().stem(lower)
}

/// Lowercased, stemmed content words of a piece of English (stop words, single letters
/// and numbers removed), in text order, with repeats.
pub fn content_stems(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|t| !t.is_number())
        .filter_map(|t| {
            let lower = t.text.to_lowercase();
            if lower.chars().count() < 2 || is_stopword(&lower) {
                None
            } else {
                Some(stem(&lower).into_owned())
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_decimals_and_glued_ordinals() {
        let t: Vec<_> = tokens("GDP grew 3.5% in 2023, the 18th time; 1,000 people.")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(
            t,
            ["GDP", "grew", "3.5", "in", "2023", "the", "18th", "time", "1,000", "people"]
        );
    }

    #[test]
    fn tokens_skip_han_and_carry_spans() {
        let text = "Xi 习近平 said";
        let t = tokens(text);
        assert_eq!(t.len(), 2);
        assert_eq!(&text[t[1].span.clone()], "said");
    }

    #[test]
    fn irregular_and_british_forms_meet_their_base() {
        assert_eq!(stem("said"), stem("say"));
        assert_eq!(stem("men"), stem("man"));
        assert_eq!(stem("organised"), stem("organized"));
        assert_eq!(stem("honour"), stem("honor"));
        assert_eq!(stem("rise"), "rise");
    }

    #[test]
    fn content_stems_drop_function_words() {
        assert_eq!(
            content_stems("The meetings stressed the importance of it."),
            ["meet", "stress", "import"]
        );
    }
}
