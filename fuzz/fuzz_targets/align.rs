//! Fuzzes sentence splitting and alignment: never panics, every sentence of `split_zh`
//! and `split_en` is the slice of the text its span names, in order and without overlap,
//! and the aligner's beads cover every Chinese and every English sentence exactly once,
//! in order. MinHash signatures of the texts are computed too (no panic, scores in 0..=1).

#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_align::link::Signature;
use readout_align::{split_en, split_zh, Aligner, Sentence};

fn check_sentences(what: &str, text: &str, sents: &[Sentence<'_>]) {
    let mut last = 0;
    for s in sents {
        assert!(
            s.span.start >= last,
            "{what}: sentence {:?} starts before the previous one ends ({last})",
            s.span
        );
        assert_eq!(
            text.get(s.span.clone()),
            Some(s.text),
            "{what}: sentence text is not the slice its span names"
        );
        last = s.span.end;
    }
}

fn check_cover(what: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>, n: usize) {
    let mut next = 0;
    for r in ranges {
        assert_eq!(
            r.start, next,
            "{what}: beads skip or repeat a sentence at {r:?}"
        );
        assert!(r.start <= r.end, "{what}: reversed bead range {r:?}");
        next = r.end;
    }
    assert_eq!(next, n, "{what}: beads cover {next} of {n} sentences");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A NUL separates the Chinese text from the English one; without one, the same text
    // is both (mixed input must not break either splitter).
    let (zh, en) = match text.split_once('\0') {
        Some((a, b)) => (a, b),
        None => (&*text, &*text),
    };
    let zs = split_zh(zh);
    let es = split_en(en);
    check_sentences("split_zh", zh, &zs);
    check_sentences("split_en", en, &es);
    let zt: Vec<&str> = zs.iter().map(|s| s.text).collect();
    let et: Vec<&str> = es.iter().map(|s| s.text).collect();
    let a = Aligner::default().align(&zt, &et);
    for b in &a.beads {
        assert!(!(b.zh.is_empty() && b.en.is_empty()), "empty bead {b:?}");
        assert!(
            b.evidence.is_finite(),
            "bead evidence {} in {b:?}",
            b.evidence
        );
    }
    check_cover("zh", a.beads.iter().map(|b| b.zh.clone()), zt.len());
    check_cover("en", a.beads.iter().map(|b| b.en.clone()), et.len());
    let c = a.coverage();
    assert!((0.0..=1.0).contains(&c), "coverage {c}");
    let (sz, se) = (Signature::new(zh, 5), Signature::new(en, 3));
    for v in [sz.jaccard(&se), sz.containment(&se), se.containment(&sz)] {
        assert!((0.0..=1.0).contains(&v), "similarity {v} outside 0..=1");
    }
});
