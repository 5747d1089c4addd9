//! readout-text: the reader. Pure stages from a file's bytes to clean documents:
//! decode → clean → layout → segment → identify. Nothing here touches files,
//! databases or the network; [`read`] is the whole reader in one call.

pub mod clean;
pub mod decode;
pub mod identify;
pub mod layout;
pub mod model;
pub mod segment;

pub use model::*;

use std::ops::Range;

/// Reads one file's bytes into documents. `name` (a file name or path) is a hint for
/// the format (`.html`, `.md`); content sniffing decides when it is absent.
///
/// Never panics; a file that cannot be read as text at all is a [`Rejection`].
pub fn read(bytes: &[u8], name: Option<&str>, limits: &Limits) -> Result<Reading, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(Rejection::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    // Checked on the bytes, before decoding a giant line. A line ends at LF or CR, so
    // the check holds for old Mac files and (on the wide side) for UTF-16.
    let longest = longest_line(bytes);
    if longest > limits.max_line_bytes {
        return Err(Rejection::LineTooLong {
            len: longest,
            limit: limits.max_line_bytes,
        });
    }
    let decoded = decode::decode(bytes, name)?;
    let cleaned = clean::clean(&decoded.text);
    if cleaned.text.trim().is_empty() {
        return Err(Rejection::NoText);
    }
    let headings = headings_in_cleaned(&decoded.headings, &cleaned.removals);
    let laid = layout::layout(&cleaned.text, &headings);
    let mut documents = segment::segment(laid.paragraphs, &headings);
    identify::identify(&mut documents);
    let mut diagnostics = Vec::new();
    if decoded.had_errors {
        diagnostics.push(Diagnostic {
            message: format!(
                "some bytes were invalid as {} and were replaced",
                decoded.encoding
            ),
        });
    }
    let glued = laid
        .repairs
        .iter()
        .filter(|r| r.kind == RepairKind::SplitGlued)
        .count();
    if glued > 0 {
        diagnostics.push(Diagnostic {
            message: format!("split {glued} publishing line(s) glued to body text"),
        });
    }
    Ok(Reading {
        decoded,
        cleaned: cleaned.text,
        removals: cleaned.removals,
        repairs: laid.repairs,
        documents,
        diagnostics,
    })
}

/// The length of the longest line of `bytes`, in bytes.
fn longest_line(bytes: &[u8]) -> usize {
    let mut longest = 0;
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        longest = longest.max(i - start);
        start = i + 1;
    }
    longest.max(bytes.len() - start)
}

/// Maps decoded-text ranges to cleaned-text ranges: removals before a position
/// shift it left; a position inside a removal moves to where the removal was taken out.
fn headings_in_cleaned(headings: &[Range<usize>], removals: &[Removal]) -> Vec<Range<usize>> {
    if headings.is_empty() {
        return Vec::new();
    }
    // Decoded start of each removal and the bytes removed before it.
    let mut starts = Vec::with_capacity(removals.len());
    let mut removed = 0usize;
    for r in removals {
        starts.push((r.offset + removed, r.offset, r.text.len()));
        removed += r.text.len();
    }
    let map = |d: usize| -> usize {
        let i = starts.partition_point(|&(ds, _, _)| ds < d);
        match i.checked_sub(1).map(|k| starts[k]) {
            Some((ds, cleaned_at, len)) if d < ds + len => cleaned_at,
            Some((ds, cleaned_at, len)) => cleaned_at + (d - ds - len),
            None => d,
        }
    };
    headings.iter().map(|h| map(h.start)..map(h.end)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_rejected_before_decoding() {
        let limits = Limits {
            max_file_bytes: 1000,
            max_line_bytes: 10,
        };
        let err = read(b"short\nthis line is far too long\n", None, &limits).unwrap_err();
        assert_eq!(err, Rejection::LineTooLong { len: 25, limit: 10 });
        assert!(read(b"short\nlines\nonly", None, &limits).is_ok());
        let cr = read(b"old\rmac\rfile", None, &limits);
        assert!(cr.is_ok());
    }

    #[test]
    fn heading_offsets_follow_removals() {
        let removals = vec![Removal {
            offset: 2,
            text: "XX".into(),
            kind: RemovalKind::Emoji,
        }];
        // decoded "abXXcdef": heading "cd" is decoded 4..6, cleaned 2..4.
        assert_eq!(
            headings_in_cleaned(std::slice::from_ref(&(4..6)), &removals),
            vec![2..4]
        );
        assert_eq!(
            headings_in_cleaned(std::slice::from_ref(&(0..3)), &removals),
            vec![0..2]
        );
    }
}
