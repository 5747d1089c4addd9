//! Fuzzes the segment stage (with identify after it) on the paragraphs layout makes of
//! arbitrary text: never panics; document spans are slices of the cleaned text, in order
//! and without overlap, and hold their paragraphs; the documents' paragraphs are
//! layout's, unchanged and in order; boilerplate is layout's paragraphs verbatim; a
//! title comes from the first headline, a dateline opens the first body paragraph.
//! The first byte is a mask of heading lines (bit i marks lines i, i+8, …).

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_fuzz::{check_documents, text_with_headings};
use readout_text::{identify::identify, layout::layout, segment::segment};

fuzz_target!(|data: &[u8]| {
    let Some((text, headings)) = text_with_headings(data) else {
        return;
    };
    let laid = layout(&text, &headings);
    let mut docs = segment(laid.paragraphs.clone(), &headings);
    check_documents(&text, &laid.paragraphs, &docs);
    identify(&mut docs);
    // identify labels, it does not change the text.
    check_documents(&text, &laid.paragraphs, &docs);
});
