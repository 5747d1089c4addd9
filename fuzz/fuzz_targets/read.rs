//! Fuzzes the whole reader (`read`: decode, clean, layout, segment, identify) on
//! arbitrary bytes: never panics, cleaning restores the decoded text, and every
//! paragraph traces back to the cleaned text — its pieces are in bounds, copy the
//! cleaned text at their offsets, and with the repairs between them rebuild the
//! paragraph exactly.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_text::clean::restore;
use readout_text::{read, Limits, Paragraph, Reading};

fn name_hint(selector: u8) -> Option<&'static str> {
    match selector % 4 {
        0 => None,
        1 => Some("page.html"),
        2 => Some("notes.md"),
        _ => Some("report.txt"),
    }
}

fn check_paragraph(r: &Reading, p: &Paragraph) {
    let cleaned = &r.cleaned;
    assert!(!p.pieces.is_empty() || p.text.is_empty(), "paragraph {:?} has no pieces", p.text);
    let mut rebuilt = String::new();
    let mut prev_end: Option<usize> = None;
    for piece in &p.pieces {
        let src = cleaned.get(piece.src.clone()).unwrap_or_else(|| {
            panic!(
                "piece {piece:?} is not a slice of the cleaned text ({} bytes)",
                cleaned.len()
            )
        });
        assert_eq!(
            p.text.get(piece.at..piece.at + src.len()),
            Some(src),
            "piece {piece:?} does not copy the cleaned text into {:?}",
            p.text
        );
        if let Some(end) = prev_end {
            assert!(end <= piece.src.start, "pieces overlap or go back: {end} then {piece:?}");
            let gap: Vec<_> = r
                .repairs
                .iter()
                .filter(|x| x.src.start >= end && x.src.end <= piece.src.start)
                .collect();
            assert!(
                !gap.is_empty() || end == piece.src.start,
                "gap {end}..{} without a repair in {:?}",
                piece.src.start,
                p.text
            );
            for x in gap {
                rebuilt.push_str(&x.replacement);
            }
        }
        assert_eq!(piece.at, rebuilt.len(), "piece offset {piece:?} in {:?}", p.text);
        rebuilt.push_str(src);
        prev_end = Some(piece.src.end);
    }
    assert_eq!(rebuilt, p.text, "pieces and repairs do not rebuild the paragraph");
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let limits = Limits {
        max_file_bytes: 1 << 20,
        max_line_bytes: 1 << 16,
    };
    let Ok(r) = read(bytes, name_hint(selector), &limits) else {
        return;
    };
    assert_eq!(
        restore(&r.cleaned, &r.removals),
        r.decoded.text,
        "cleaned text and removals do not restore the decoded text"
    );
    for x in &r.repairs {
        assert!(
            r.cleaned.get(x.src.clone()).is_some(),
            "repair {x:?} is not a slice of the cleaned text"
        );
    }
    for d in &r.documents {
        assert!(
            r.cleaned.get(d.span.clone()).is_some(),
            "document span {:?} is not a slice of the cleaned text ({} bytes)",
            d.span,
            r.cleaned.len()
        );
        for p in d.headlines.iter().chain(&d.body) {
            check_paragraph(&r, p);
        }
    }
});
