//! Inputs the fuzzers found (fuzz/regressions/read/, copied to testdata/regressions/):
//! the first byte selects the file-name hint, the rest is the file. Each must read
//! without panicking, and cleaning must still restore the decoded text.

use readout_text::clean::restore;
use readout_text::{read, Limits};

fn name_hint(selector: u8) -> Option<&'static str> {
    match selector % 4 {
        0 => None,
        1 => Some("page.html"),
        2 => Some("notes.md"),
        _ => Some("report.txt"),
    }
}

#[test]
fn every_fuzz_regression_reads_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Some((&sel, data)) = bytes.split_first() else {
            continue;
        };
        if let Ok(r) = read(data, name_hint(sel), &Limits::default()) {
            assert_eq!(
                restore(&r.cleaned, &r.removals),
                r.decoded.text,
                "{}",
                path.display()
            );
            for d in &r.documents {
                for p in d.headlines.iter().chain(&d.body) {
                    for piece in &p.pieces {
                        assert!(
                            r.cleaned.get(piece.src.clone()).is_some(),
                            "{}",
                            path.display()
                        );
                    }
                }
            }
        }
        n += 1;
    }
    assert!(n >= 3, "the regression files are there");
}
