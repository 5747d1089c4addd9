//! clean: removes salting (emoji, foreign symbols, invisible controls) and records every
//! removal (placeholder until the clean stage lands).

use crate::model::Removal;

/// The clean stage's output: `text` plus `removals` rebuilds the input exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub removals: Vec<Removal>,
}

/// Cleans `text`.
pub fn clean(text: &str) -> Cleaned {
    Cleaned {
        text: text.to_string(),
        removals: vec![],
    }
}

/// Rebuilds the text `clean` was given from its output.
pub fn restore(cleaned: &str, removals: &[Removal]) -> String {
    let mut out = String::with_capacity(cleaned.len());
    let mut pos = 0;
    for r in removals {
        let at = r.offset.min(cleaned.len());
        if at >= pos {
            out.push_str(&cleaned[pos..at]);
            pos = at;
        }
        out.push_str(&r.text);
    }
    out.push_str(&cleaned[pos..]);
    out
}
