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

/// Rewrites every span object (`{"para", "start", "end"}`) in a serialized record from
/// normalized-view characters to original characters, adding the document id.
pub fn remap_json(value: &mut serde_json::Value, doc: &Prepared) {
    match value {
        serde_json::Value::Object(map) => {
            let is_span =
                map.contains_key("para") && map.contains_key("start") && map.contains_key("end");
            if is_span {
                if let Ok(span) = serde_json::from_value::<readout_record::Span>(
                    serde_json::Value::Object(map.clone()),
                ) {
                    if let Some(r) = doc.span_ref(&span) {
                        if let Ok(serde_json::Value::Object(new)) = serde_json::to_value(r) {
                            *map = new;
                        }
                    }
                }
                return;
            }
            for v in map.values_mut() {
                remap_json(v, doc);
            }
        }
        serde_json::Value::Array(items) => {
            for v in items {
                remap_json(v, doc);
            }
        }
        _ => {}
    }
}
