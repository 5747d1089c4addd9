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
    let structure = structure_in_cleaned(&decoded, &cleaned.removals, name);
    let heading_ranges: Vec<Range<usize>> =
        structure.headings.iter().map(|h| h.range.clone()).collect();
    let laid = layout::layout_with(&cleaned.text, &heading_ranges, decoded.format.is_markup());
    let mut documents = segment::segment_with(laid.paragraphs, &structure);
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

/// What the decoder found of the file's structure, in cleaned-text offsets.
fn structure_in_cleaned(
    decoded: &Decoded,
    removals: &[Removal],
    name: Option<&str>,
) -> segment::Structure {
    let map = RemovalMap::new(removals);
    let r = |x: &Range<usize>| map.to_cleaned(x.start)..map.to_cleaned(x.end);
    let mut s = segment::Structure {
        headings: decoded
            .headings
            .iter()
            .map(|h| Heading {
                range: r(&h.range),
                level: h.level,
            })
            .collect(),
        breaks: decoded.breaks.iter().map(|&b| map.to_cleaned(b)).collect(),
        links: decoded
            .links
            .iter()
            .map(|l| Link {
                range: r(&l.range),
                href: l.href.clone(),
            })
            .collect(),
        entries: decoded
            .entries
            .iter()
            .map(|e| Entry {
                range: r(&e.range),
                ..e.clone()
            })
            .collect(),
        page: decoded.page.clone(),
        locator: name.map(str::to_string),
    };
    s.headings.sort_by_key(|h| h.range.start);
    s.links.sort_by_key(|l| l.range.start);
    s
}

/// Maps decoded-text offsets to cleaned-text offsets: removals before a position shift
/// it left; a position inside a removal moves to where the removal was taken out.
struct RemovalMap {
    /// Decoded start of each removal, its cleaned offset and its length.
    starts: Vec<(usize, usize, usize)>,
}

impl RemovalMap {
    fn new(removals: &[Removal]) -> Self {
        let mut starts = Vec::with_capacity(removals.len());
        let mut removed = 0usize;
        for r in removals {
            starts.push((r.offset + removed, r.offset, r.text.len()));
            removed += r.text.len();
        }
        RemovalMap { starts }
    }

    fn to_cleaned(&self, d: usize) -> usize {
        let i = self.starts.partition_point(|&(ds, _, _)| ds < d);
        match i.checked_sub(1).map(|k| self.starts[k]) {
            Some((ds, cleaned_at, len)) if d < ds + len => cleaned_at,
            Some((ds, cleaned_at, len)) => cleaned_at + (d - ds - len),
            None => d,
        }
    }
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
    fn offsets_follow_removals() {
        let removals = vec![Removal {
            offset: 2,
            text: "XX".into(),
            kind: RemovalKind::Emoji,
        }];
        // decoded "abXXcdef": "cd" is decoded 4..6, cleaned 2..4.
        let m = RemovalMap::new(&removals);
        assert_eq!(m.to_cleaned(4)..m.to_cleaned(6), 2..4);
        assert_eq!(m.to_cleaned(0)..m.to_cleaned(3), 0..2);
    }
}
