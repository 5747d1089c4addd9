//! decode: a file's bytes to text (placeholder until the decode stage lands).

use crate::model::{Decoded, Format, Rejection};

/// Decodes `bytes` (any encoding; HTML and Markdown reduced to text with block
/// structure kept). `name` hints the format by extension.
pub fn decode(bytes: &[u8], name: Option<&str>) -> Result<Decoded, Rejection> {
    let _ = name;
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    Ok(Decoded {
        encoding: "UTF-8".into(),
        format: Format::Text,
        had_errors: false,
        text: String::from_utf8_lossy(bytes).into_owned(),
        map: vec![],
        headings: vec![],
    })
}
