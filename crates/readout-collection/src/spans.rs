//! Spans back to the passage: from the normalized view the record reads to the
//! document's own paragraph text.

use serde::{Deserialize, Serialize};

use crate::prepare::Prepared;

/// A passage of a document: characters `start..end` of one paragraph of its cleaned
/// text, in its own script (`headline` selects the headlines instead of the body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanRef {
    pub doc: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub headline: bool,
    pub para: usize,
    pub start: usize,
    pub end: usize,
}

impl Prepared {
    /// Maps a record span (chars of the normalized paragraph) to the original paragraph.
    pub fn span_ref(&self, span: &readout_record::Span) -> Option<SpanRef> {
        let parts = if span.headline {
            &self.headlines
        } else {
            &self.body
        };
        let r = parts.char_range_to_original(span.para, span.start..span.end)?;
        Some(SpanRef {
            doc: self.id.clone(),
            headline: span.headline,
            para: span.para,
            start: r.start,
            end: r.end,
        })
    }
}
