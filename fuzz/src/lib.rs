//! Checks shared by the fuzz targets: the invariants of the reader's data model
//! (paragraphs, repairs, documents) that more than one stage's output must satisfy.
//! Every check panics with a message naming what broke, so libFuzzer reports it.

use readout_text::{DocKind, Document, Paragraph, Reading, Repair, RepairKind};
use std::ops::Range;

/// The first byte of a reader input picks the file-name hint, so every format path is
/// reached (the same mapping as crates/readout-text/tests/fuzz_regressions.rs).
pub fn name_hint(selector: u8) -> Option<&'static str> {
    match selector % 4 {
        0 => None,
        1 => Some("page.html"),
        2 => Some("notes.md"),
        _ => Some("report.txt"),
    }
}

/// The input of the layout and segment targets: a first byte of heading mask (see
/// [`line_headings`]), then the text; `None` for an empty input.
pub fn text_with_headings(data: &[u8]) -> Option<(String, Vec<Range<usize>>)> {
    let (&mask, rest) = data.split_first()?;
    let text = String::from_utf8_lossy(rest).into_owned();
    let headings = line_headings(&text, mask);
    Some((text, headings))
}

/// Heading hints for the layout and segment stages: the whole raw line `i` (lines end
/// at LF or CR) is a heading when bit `i % 8` of `mask` is set.
pub fn line_headings(text: &str, mask: u8) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let ends = text
        .match_indices(['\n', '\r'])
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    for (i, end) in ends.enumerate() {
        if mask & (1 << (i % 8)) != 0 && start < end {
            out.push(start..end);
        }
        start = end + 1;
    }
    out
}

/// The repairs are slices of the cleaned text, sorted and without overlap (the layout
/// stage promises them "in cleaned-text order").
pub fn check_repairs(cleaned: &str, repairs: &[Repair]) {
    let mut last = 0;
    for x in repairs {
        assert!(
            cleaned.get(x.src.clone()).is_some(),
            "repair {x:?} is not a slice of the cleaned text ({} bytes)",
            cleaned.len()
        );
        assert!(
            x.src.start >= last,
            "repairs out of order or overlapping: {x:?} after {last}"
        );
        last = x.src.end;
        match x.kind {
            RepairKind::SplitGlued => assert!(x.src.is_empty(), "split with a span {x:?}"),
            RepairKind::JoinedHyphen => assert!(
                cleaned[x.src.clone()].starts_with('-') && x.replacement.is_empty(),
                "hyphen repair {x:?} does not drop a hyphen"
            ),
            _ => assert!(
                cleaned[x.src.clone()].chars().all(char::is_whitespace)
                    && matches!(x.replacement.as_str(), "" | " "),
                "repair {x:?} replaces {:?}, not white space",
                &cleaned[x.src.clone()]
            ),
        }
    }
}

/// A paragraph traces back to the cleaned text: its pieces are in-bounds slices in
/// order, copied verbatim at their offsets, and the pieces with the repairs between
/// them tile the paragraph's source range and rebuild its text exactly. Returns the
/// indices of the repairs used.
pub fn check_paragraph(cleaned: &str, repairs: &[Repair], p: &Paragraph) -> Vec<usize> {
    assert!(!p.text.is_empty(), "empty paragraph {p:?}");
    assert!(!p.pieces.is_empty(), "paragraph {:?} has no pieces", p.text);
    let mut used = Vec::new();
    let mut rebuilt = String::new();
    let mut prev_end: Option<usize> = None;
    for piece in &p.pieces {
        let src = cleaned.get(piece.src.clone()).unwrap_or_else(|| {
            panic!(
                "piece {piece:?} is not a slice of the cleaned text ({} bytes)",
                cleaned.len()
            )
        });
        assert!(!src.is_empty(), "empty piece {piece:?}");
        if let Some(end) = prev_end {
            assert!(
                end <= piece.src.start,
                "pieces overlap or go back: {end} then {piece:?}"
            );
            // The repairs in the gap chain from one piece to the next.
            let first = repairs.partition_point(|x| x.src.start < end);
            let mut at = end;
            for (k, x) in repairs.iter().enumerate().skip(first) {
                if x.src.end > piece.src.start {
                    break;
                }
                assert_eq!(
                    x.src.start, at,
                    "gap {end}..{} is not tiled by repairs",
                    piece.src.start
                );
                at = x.src.end;
                rebuilt.push_str(&x.replacement);
                used.push(k);
            }
            assert_eq!(
                at, piece.src.start,
                "gap {end}..{} without a repair in {:?}",
                piece.src.start, p.text
            );
        }
        assert_eq!(
            piece.at,
            rebuilt.len(),
            "piece offset {piece:?} in {:?}",
            p.text
        );
        assert_eq!(
            p.text.get(piece.at..piece.at + src.len()),
            Some(src),
            "piece {piece:?} does not copy the cleaned text into {:?}",
            p.text
        );
        rebuilt.push_str(src);
        prev_end = Some(piece.src.end);
    }
    assert_eq!(
        rebuilt, p.text,
        "pieces and repairs do not rebuild the paragraph"
    );
    used
}

/// The layout stage's output as a whole: repairs sound, every paragraph rebuilt from
/// the cleaned text, paragraphs in order without overlap, every repair except a glued
/// split used by exactly one paragraph, and nothing but white space dropped (every
/// other character of the cleaned text lies in a piece or a repair).
pub fn check_layout(cleaned: &str, paragraphs: &[Paragraph], repairs: &[Repair]) {
    check_repairs(cleaned, repairs);
    let mut covered = vec![false; cleaned.len()];
    let mut uses = vec![0u32; repairs.len()];
    let mut last = 0;
    for p in paragraphs {
        for k in check_paragraph(cleaned, repairs, p) {
            uses[k] += 1;
        }
        let r = p.src_range();
        assert!(
            r.start >= last,
            "paragraph {r:?} starts before the previous one ends ({last})"
        );
        last = r.end;
        for piece in &p.pieces {
            covered[piece.src.clone()]
                .iter_mut()
                .for_each(|c| *c = true);
        }
    }
    for (k, x) in repairs.iter().enumerate() {
        covered[x.src.clone()].iter_mut().for_each(|c| *c = true);
        if x.kind != RepairKind::SplitGlued && !x.src.is_empty() {
            assert_eq!(uses[k], 1, "repair {x:?} used by {} paragraphs", uses[k]);
        }
    }
    for (i, c) in cleaned.char_indices() {
        assert!(
            covered[i] || c.is_whitespace(),
            "character {c:?} at {i} of the cleaned text is in no paragraph and no repair"
        );
    }
}

/// A heading line is never joined to another: no paragraph runs across the edge of a
/// hinted line (it lies inside the line or outside it).
pub fn check_headings_kept(cleaned: &str, paragraphs: &[Paragraph], headings: &[Range<usize>]) {
    for h in headings {
        let Some(line) = cleaned.get(h.clone()) else {
            continue;
        };
        let lead = line.len() - line.trim_start().len();
        let t = h.start + lead..h.start + lead + line.trim().len();
        if t.is_empty() {
            continue;
        }
        for p in paragraphs {
            let r = p.src_range();
            let inside = t.start <= r.start && r.end <= t.end;
            let outside = r.end <= t.start || t.end <= r.start;
            assert!(
                inside || outside,
                "paragraph {r:?} {:?} crosses the heading line {t:?}",
                p.text
            );
        }
    }
}

/// The segment stage's documents: spans are slices of the cleaned text, in order and
/// without overlap, and hold their paragraphs; the paragraphs are the layout's, in order
/// and unchanged (those left out became boilerplate or metadata); a title names the
/// first headline; a dateline opens the first body paragraph.
pub fn check_documents(cleaned: &str, laid: &[Paragraph], docs: &[Document]) {
    let mut last = 0;
    let mut next = 0; // index into `laid`
    for d in docs {
        assert!(
            cleaned.get(d.span.clone()).is_some(),
            "document span {:?} is not a slice of the cleaned text ({} bytes)",
            d.span,
            cleaned.len()
        );
        let empty = d.headlines.is_empty() && d.body.is_empty();
        if !empty {
            assert!(
                d.span.start >= last,
                "document {:?} overlaps the one before ({last})",
                d.span
            );
            last = d.span.end;
        }
        for p in d.headlines.iter().chain(&d.body) {
            let r = p.src_range();
            assert!(
                d.span.start <= r.start && r.end <= d.span.end,
                "paragraph {r:?} outside its document's span {:?}",
                d.span
            );
            // The same paragraph as layout made, later than the previous one.
            let found = laid[next..]
                .iter()
                .position(|q| q.text == p.text && q.pieces == p.pieces)
                .unwrap_or_else(|| {
                    panic!("paragraph {:?} is not one of layout's, in order", p.text)
                });
            next += found + 1;
        }
        for b in &d.meta.boilerplate {
            assert!(
                laid.iter().any(|q| &q.text == b),
                "boilerplate {b:?} is not one of layout's paragraphs"
            );
        }
        match (&d.title, d.headlines.first()) {
            (Some(t), Some(h)) => {
                assert!(
                    h.text.contains(t.as_str()),
                    "title {t:?} not in headline {:?}",
                    h.text
                )
            }
            (Some(t), None) => panic!("title {t:?} without a headline"),
            (None, Some(h)) => panic!("headline {:?} but no title", h.text),
            (None, None) => {}
        }
        if d.kind == DocKind::Fragment {
            assert!(d.headlines.is_empty(), "a fragment with headlines");
        }
        if let Some(dl) = &d.meta.dateline {
            assert!(
                d.body
                    .first()
                    .is_some_and(|b| b.text.starts_with(dl.as_str())),
                "dateline {dl:?} does not open the first body paragraph"
            );
        }
    }
}

/// The invariants of a whole reading: cleaning restores the decoded text, every
/// paragraph traces back to the cleaned text, the documents are sound (spans in bounds,
/// in order, holding their paragraphs), every paragraph maps back into the original
/// bytes, and what the markup marked (headings, links, feed entries) lies in the text.
pub fn check_reading(bytes: &[u8], r: &Reading) {
    assert_eq!(
        readout_text::clean::restore(&r.cleaned, &r.removals),
        r.decoded.text,
        "cleaned text and removals do not restore the decoded text"
    );
    check_repairs(&r.cleaned, &r.repairs);
    let n = r.decoded.text.len();
    for h in &r.decoded.headings {
        assert!(r.decoded.text.get(h.range.clone()).is_some(), "heading {:?} not a slice", h.range);
    }
    for l in &r.decoded.links {
        assert!(r.decoded.text.get(l.range.clone()).is_some(), "link {:?} not a slice", l.range);
    }
    let mut prev = 0;
    for e in &r.decoded.entries {
        assert!(e.range.start >= prev && e.range.end <= n, "entry {:?} out of order or bounds", e.range);
        prev = e.range.end;
    }
    let mut last = 0;
    for d in &r.documents {
        assert!(
            r.cleaned.get(d.span.clone()).is_some(),
            "document span {:?} is not a slice of the cleaned text ({} bytes)",
            d.span,
            r.cleaned.len()
        );
        if let Some(u) = &d.meta.url {
            assert!(u.starts_with("http://") || u.starts_with("https://"), "url {u:?}");
        }
        for p in d.headlines.iter().chain(&d.body) {
            check_paragraph(&r.cleaned, &r.repairs, p);
            let s = p.src_range();
            assert!(
                d.span.start <= s.start && s.end <= d.span.end,
                "paragraph {s:?} outside its document's span {:?}",
                d.span
            );
            assert!(s.start >= last, "paragraphs out of order: {s:?} after {last}");
            last = s.end;
            let decoded = readout_text::clean::to_decoded(&r.removals, s.start);
            let at = r.decoded.to_original(decoded);
            assert!(at <= bytes.len(), "paragraph maps to byte {at} of {}", bytes.len());
        }
    }
}
