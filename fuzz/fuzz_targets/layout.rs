//! Fuzzes the layout stage on arbitrary cleaned text: never panics; every paragraph is
//! rebuilt exactly from its pieces of the cleaned text and the repairs between them;
//! pieces, paragraphs and repairs are in-bounds slices, in order, without overlap; only
//! white space is dropped; every repair is used once; a heading line is never joined.
//! The first byte is a mask of heading lines (bit i marks lines i, i+8, …).

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_fuzz::{check_headings_kept, check_layout, text_with_headings};
use readout_text::layout::layout;

fuzz_target!(|data: &[u8]| {
    let Some((text, headings)) = text_with_headings(data) else {
        return;
    };
    let laid = layout(&text, &headings);
    check_layout(&text, &laid.paragraphs, &laid.repairs);
    check_headings_kept(&text, &laid.paragraphs, &headings);
});
