//! Fuzzes the normalizer (`normalize`, `normalize_to` and the character layer `chars_only`): never
//! panics, and the offset map is sound — its spans cover both texts in order without
//! gaps, every span edge is a character boundary of both texts, exact spans keep their
//! length, and reading the map back is monotone and lands on character boundaries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_normalize::{chars_only, normalize, normalize_to, Normalized};

fn check(what: &str, original: &str, n: &Normalized) {
    let map = &n.map;
    assert_eq!(map.norm_len(), n.text.len(), "{what}: map norm_len");
    assert_eq!(map.orig_len(), original.len(), "{what}: map orig_len");
    let (mut norm, mut orig) = (0, 0);
    for s in map.spans() {
        assert_eq!(
            s.norm_start, norm,
            "{what}: gap or overlap in normalized spans at {s:?}"
        );
        assert_eq!(
            s.orig_start, orig,
            "{what}: gap or overlap in original spans at {s:?}"
        );
        norm += s.norm_len;
        orig += s.orig_len;
        assert!(
            n.text.is_char_boundary(s.norm_start) && n.text.is_char_boundary(norm),
            "{what}: span {s:?} splits a character of the normalized text"
        );
        assert!(
            original.is_char_boundary(s.orig_start) && original.is_char_boundary(orig),
            "{what}: span {s:?} splits a character of the original"
        );
        if s.exact {
            assert_eq!(
                s.norm_len, s.orig_len,
                "{what}: exact span {s:?} changes length"
            );
        }
    }
    assert_eq!(
        (norm, orig),
        (n.text.len(), original.len()),
        "{what}: spans do not cover"
    );
    let mut last = 0;
    for (i, _) in n
        .text
        .char_indices()
        .chain(std::iter::once((n.text.len(), ' ')))
    {
        let o = n.to_original(i);
        assert!(
            o <= original.len(),
            "{what}: to_original({i}) = {o} out of bounds"
        );
        assert!(
            original.is_char_boundary(o),
            "{what}: to_original({i}) = {o} not a boundary"
        );
        assert!(
            o >= last,
            "{what}: to_original not monotone at {i}: {o} < {last}"
        );
        last = o;
        let r = n.range_to_original(i..n.text.len());
        assert!(
            r.start <= r.end && original.get(r.clone()).is_some(),
            "{what}: range_to_original({i}..) = {r:?} is not a slice of the original"
        );
    }
    if n.is_identity() {
        assert_eq!(n.text, original, "{what}: identity map but text changed");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let n = normalize(&text);
    check("normalize", &text, &n);
    check("chars_only", &text, &chars_only(&text));
    // The view written in pieces is the view.
    let mut pieces = String::new();
    let _ = normalize_to(&text, |p| {
        pieces.push_str(p);
        Ok::<(), ()>(())
    });
    assert_eq!(pieces, n.text, "normalize_to differs from normalize");
});
