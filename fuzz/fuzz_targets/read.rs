//! Fuzzes the whole reader (`read`: decode, clean, layout, segment, identify) on
//! arbitrary bytes: never panics, cleaning restores the decoded text, every paragraph
//! traces back to the cleaned text (pieces in bounds, copied verbatim, with the repairs
//! between them rebuilding it exactly), and the documents are sound (spans in bounds, in
//! order, holding their paragraphs).

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_fuzz::{check_paragraph, check_repairs, name_hint};
use readout_text::clean::restore;
use readout_text::{read, Limits};

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
    check_repairs(&r.cleaned, &r.repairs);
    let mut last = 0;
    for d in &r.documents {
        assert!(
            r.cleaned.get(d.span.clone()).is_some(),
            "document span {:?} is not a slice of the cleaned text ({} bytes)",
            d.span,
            r.cleaned.len()
        );
        for p in d.headlines.iter().chain(&d.body) {
            check_paragraph(&r.cleaned, &r.repairs, p);
            let s = p.src_range();
            assert!(
                d.span.start <= s.start && s.end <= d.span.end,
                "paragraph {s:?} outside its document's span {:?}",
                d.span
            );
            assert!(
                s.start >= last,
                "paragraphs out of order: {s:?} after {last}"
            );
            last = s.end;
        }
    }
});
