//! Fuzzes the whole reader (`read`: decode, clean, layout, segment, identify) on
//! arbitrary bytes: never panics, cleaning restores the decoded text, every paragraph
//! traces back to the cleaned text (pieces in bounds, copied verbatim, with the repairs
//! between them rebuilding it exactly) and into the original bytes, and the documents
//! are sound (spans in bounds, in order, holding their paragraphs).

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_fuzz::{check_reading, name_hint};
use readout_text::{read, Limits};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let limits = Limits {
        max_file_bytes: 1 << 20,
        max_line_bytes: 1 << 16,
    };
    if let Ok(r) = read(bytes, name_hint(selector), &limits) {
        check_reading(bytes, &r);
    }
});
