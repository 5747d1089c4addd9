//! Each document in the view the later stages read: normalized paragraphs with a way
//! back to the original, and the record stage's input.

use readout_lang::CharIndex;
use readout_normalize::Normalized;
use readout_record::{CivilDate, DocInput};
use readout_text::{Document, Lang};

use crate::InputDoc;

/// Paragraphs normalized together, so that script and vocabulary decisions see the
/// whole document, and cut back into paragraphs on the newlines that join them
/// (normalization maps a newline to itself and never crosses one).
#[derive(Debug, Clone)]
pub struct Parts {
    whole: Normalized,
    original: Vec<String>,
    /// Char offsets of each original and normalized part, looked up, not rescanned.
    orig_index: Vec<CharIndex>,
    norm_index: Vec<CharIndex>,
    /// Byte starts of each part in the joined original and in the normalized text.
    orig_starts: Vec<usize>,
    norm_starts: Vec<usize>,
    /// The normalized text of each part.
    pub normalized: Vec<String>,
}

impl Parts {
    fn new(parts: Vec<String>) -> Parts {
        let joined = parts.join("\n");
        let whole = readout_normalize::normalize(&joined);
        let mut orig_starts = Vec::with_capacity(parts.len());
        let mut at = 0;
        for p in &parts {
            orig_starts.push(at);
            at += p.len() + 1;
        }
        // Each original part start maps to a normalized position; find it by walking the
        // normalized newlines, which correspond one to one with the original ones.
        let mut norm_starts = Vec::with_capacity(parts.len());
        let mut normalized = Vec::with_capacity(parts.len());
        let lines: Vec<&str> = whole.text.split('\n').collect();
        if lines.len() == parts.len() {
            let mut n = 0;
            for l in &lines {
                norm_starts.push(n);
                normalized.push(l.to_string());
                n += l.len() + 1;
            }
        } else {
            // Should not happen; stay correct by treating each part alone.
            return Parts::separately(parts);
        }
        Parts {
            whole,
            orig_index: parts.iter().map(|p| CharIndex::new(p)).collect(),
            norm_index: normalized.iter().map(|p| CharIndex::new(p)).collect(),
            original: parts,
            orig_starts,
            norm_starts,
            normalized,
        }
    }

    fn separately(parts: Vec<String>) -> Parts {
        let normalized: Vec<String> = parts
            .iter()
            .map(|p| readout_normalize::normalize(p).text)
            .collect();
        Parts {
            whole: Normalized::identity(""),
            orig_index: parts.iter().map(|p| CharIndex::new(p)).collect(),
            norm_index: normalized.iter().map(|p| CharIndex::new(p)).collect(),
            original: parts,
            orig_starts: vec![],
            norm_starts: vec![],
            normalized,
        }
    }

    pub fn len(&self) -> usize {
        self.original.len()
    }

    pub fn is_empty(&self) -> bool {
        self.original.is_empty()
    }

    pub fn original(&self, i: usize) -> Option<&str> {
        self.original.get(i).map(String::as_str)
    }

    /// Maps a byte range of part `i`'s normalized text to a byte range of its original.
    pub fn byte_range_to_original(
        &self,
        i: usize,
        r: std::ops::Range<usize>,
    ) -> Option<std::ops::Range<usize>> {
        let original = self.original.get(i)?;
        if self.orig_starts.is_empty() {
            // Parts normalized one by one: recompute that part's map.
            let n = readout_normalize::normalize(original);
            return Some(n.range_to_original(r));
        }
        let base = self.norm_starts[i];
        let o = self.whole.range_to_original(base + r.start..base + r.end);
        let ob = self.orig_starts[i];
        let start = o.start.saturating_sub(ob).min(original.len());
        let end = o.end.saturating_sub(ob).min(original.len()).max(start);
        Some(start..end)
    }

    /// Maps a char range of part `i`'s normalized text to a char range of its original.
    pub fn char_range_to_original(
        &self,
        i: usize,
        r: std::ops::Range<usize>,
    ) -> Option<std::ops::Range<usize>> {
        let b = self.norm_index.get(i)?.byte_range(r);
        let o = self.byte_range_to_original(i, b)?;
        Some(self.orig_index[i].char_range(o))
    }

    /// The char range of byte range `r` of original part `i`.
    pub fn original_char_range(
        &self,
        i: usize,
        r: std::ops::Range<usize>,
    ) -> std::ops::Range<usize> {
        self.orig_index.get(i).map_or(0..0, |x| x.char_range(r))
    }

    /// The text of char range `r` of original part `i`.
    pub fn original_slice(&self, i: usize, r: std::ops::Range<usize>) -> &str {
        match (self.original.get(i), self.orig_index.get(i)) {
            (Some(o), Some(x)) => x.slice(o, r),
            _ => "",
        }
    }

    /// Chars of original part `i`.
    pub fn original_chars(&self, i: usize) -> usize {
        self.orig_index.get(i).map_or(0, CharIndex::chars)
    }
}

/// A document ready for recording, linking and alignment.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub id: String,
    pub lang: Lang,
    pub script: readout_text::Script,
    pub is_fragment: bool,
    pub headlines: Parts,
    pub body: Parts,
    pub published: Option<CivilDate>,
    pub record_input: DocInput,
}

impl Prepared {
    pub fn new(input: &InputDoc<'_>) -> Prepared {
        let doc: &Document = input.doc;
        let body = Parts::new(doc.body.iter().map(|p| p.text.clone()).collect());
        let headlines = Parts::new(doc.headlines.iter().map(|p| p.text.clone()).collect());
        let published = doc
            .meta
            .published
            .as_deref()
            .and_then(CivilDate::parse_iso_prefix);
        let lang = match doc.lang {
            Lang::Zh => readout_record::Lang::Zh,
            Lang::En => readout_record::Lang::En,
            _ => readout_record::Lang::Other,
        };
        let mut record_input = DocInput::new(lang, body.normalized.clone())
            .with_id(input.id)
            .with_headlines(headlines.normalized.clone());
        if let Some(p) = published {
            record_input = record_input.with_published(p);
        }
        Prepared {
            id: input.id.to_string(),
            lang: doc.lang,
            script: doc.script,
            // Fragments and digests report no event of their own.
            is_fragment: doc.kind != readout_text::DocKind::Article,
            headlines,
            body,
            published,
            record_input,
        }
    }

    /// The normalized body, paragraphs joined by newlines.
    pub fn normalized_body(&self) -> String {
        self.body.normalized.join("\n")
    }

    /// Characters of body text, for choosing the fullest version.
    pub fn body_chars(&self) -> usize {
        (0..self.body.len())
            .map(|i| self.body.original_chars(i))
            .sum()
    }

    /// The parts a span's `headline` flag selects.
    pub fn parts(&self, headline: bool) -> &Parts {
        if headline {
            &self.headlines
        } else {
            &self.body
        }
    }
}
