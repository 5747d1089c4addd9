//! Fuzzes the decode stage on arbitrary bytes: never panics, and what it returns is
//! consistent — the offset map is sorted and stays inside both texts, reading it back is
//! monotone and in bounds, heading ranges are slices of the decoded text; valid UTF-8
//! plain text comes back unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_fuzz::name_hint;
use readout_text::decode::decode;
use readout_text::Format;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file-name hint, so every format path is reached.
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let Ok(d) = decode(bytes, name_hint(selector)) else {
        return;
    };
    let len = d.text.len();
    // Reconstruction: valid UTF-8 plain text is decoded unchanged (only a byte order
    // mark is dropped). (An empty map is an identity of offsets, not of content: a legacy
    // encoding whose characters keep their byte length in UTF-8 has one too.)
    if d.format == Format::Text && d.encoding == "UTF-8" && !d.had_errors {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        assert_eq!(
            d.text.as_bytes(),
            body,
            "valid UTF-8 text decoded with changes"
        );
    }
    for w in d.map.windows(2) {
        assert!(
            w[0].text <= w[1].text && w[0].byte <= w[1].byte,
            "map not sorted: {:?} then {:?}",
            w[0],
            w[1]
        );
    }
    for p in &d.map {
        assert!(
            p.text <= len && p.byte <= bytes.len(),
            "map point {p:?} outside text {len} / bytes {}",
            bytes.len()
        );
    }
    let mut last = 0;
    for (i, _) in d.text.char_indices().chain(std::iter::once((len, ' '))) {
        let o = d.to_original(i);
        assert!(o <= bytes.len(), "to_original({i}) = {o} > {}", bytes.len());
        assert!(o >= last, "to_original not monotone at {i}: {o} < {last}");
        last = o;
    }
    let whole = d.to_original_range(0..len);
    assert!(whole.start <= whole.end && whole.end <= bytes.len());
    for h in &d.headings {
        assert!(
            h.range.start <= h.range.end && d.text.get(h.range.clone()).is_some(),
            "heading {h:?} is not a slice of the decoded text ({len} bytes)"
        );
    }
    for l in &d.links {
        assert!(
            d.text.get(l.range.clone()).is_some(),
            "link {l:?} is not a slice of the decoded text ({len} bytes)"
        );
    }
    let mut prev = 0;
    for e in &d.entries {
        assert!(
            prev <= e.range.start && d.text.get(e.range.clone()).is_some(),
            "feed entry {:?} out of order or not a slice ({len} bytes)",
            e.range
        );
        prev = e.range.end;
    }
    for &b in &d.breaks {
        assert!(b <= len, "thematic break at {b} past the text ({len} bytes)");
    }
});
