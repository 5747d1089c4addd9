//! Where a value came from: a paragraph (or headline) and a character range in it.
//!
//! Offsets count Unicode scalar values (chars) of the normalized paragraph text the
//! caller passed in; the caller maps them back to the original with the normalizer's
//! offset map.

use serde::{Deserialize, Serialize};

/// A character range of one paragraph of a [`crate::DocInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    /// True when `para` indexes `DocInput::headlines` rather than `paragraphs`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub headline: bool,
    /// Index into `DocInput::paragraphs` (or `headlines`).
    pub para: usize,
    /// First char offset, inclusive.
    pub start: usize,
    /// Last char offset, exclusive.
    pub end: usize,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Span {
    pub fn body(para: usize, start: usize, end: usize) -> Span {
        Span {
            headline: false,
            para,
            start,
            end,
        }
    }

    /// The text this span covers in `text` (the paragraph it indexes), or "" when out of range.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        let mut it = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()));
        let start = it.by_ref().nth(self.start);
        let end = if self.end >= self.start {
            start.and_then(|_| {
                if self.end == self.start {
                    start
                } else {
                    it.nth(self.end - self.start - 1)
                }
            })
        } else {
            None
        };
        match (start, end) {
            (Some(s), Some(e)) => &text[s..e],
            _ => "",
        }
    }
}
