//! readout-text: the reader. Pure stages from a file's bytes to clean documents:
//! decode → clean → layout → segment → identify. Nothing here touches files,
//! databases or the network; [`read`] is the whole reader in one call.

pub mod clean;
pub mod decode;
pub mod model;

pub use model::*;

/// Reads one file's bytes into documents. `name` (a file name or path) is a hint for
/// the format (`.html`, `.md`); content sniffing decides when it is absent.
///
/// Never panics; a file that cannot be read as text at all is a [`Rejection`].
pub fn read(bytes: &[u8], name: Option<&str>, limits: &Limits) -> Result<Reading, Rejection> {
    // Placeholder until the stages land: UTF-8 lossy, one document, one paragraph a line.
    let _ = name;
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(Rejection::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    let mut body = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if !t.is_empty() {
            let start = pos + (line.len() - line.trim_start().len());
            body.push(Paragraph {
                text: t.to_string(),
                pieces: vec![Piece { at: 0, src: start..start + t.len() }],
                lang: Lang::Und,
                script: Script::Und,
            });
        }
        pos += line.len();
    }
    Ok(Reading {
        decoded: Decoded {
            encoding: "UTF-8".into(),
            format: Format::Text,
            had_errors: false,
            text: text.clone(),
            map: vec![],
            headings: vec![],
        },
        documents: vec![Document {
            kind: DocKind::Article,
            lang: Lang::Und,
            script: Script::Und,
            title: None,
            headlines: vec![],
            body,
            meta: Meta::default(),
            span: 0..text.len(),
        }],
        cleaned: text,
        removals: vec![],
        repairs: vec![],
        diagnostics: vec![],
    })
}
