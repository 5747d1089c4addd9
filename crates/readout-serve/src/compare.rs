//! Two events' readouts compared (readout-align's `compare`): the originals' sentences
//! in the mainland-simplified view, aligned in order with reworded sentences paired,
//! the changed characters inside each pair, and the formulations that appear and
//! disappear.

use readout_align::compare::{align_sentences, diff_chars, Change, Row};
use readout_store::{ParagraphRecord, Store, StoreError};
use readout_text::Lang;
use serde::Serialize;

/// Paragraphs of each original read for a comparison.
pub const MAX_PARAGRAPHS: usize = 400;

/// A sentence of an original: where it stands and its text in the simplified view.
#[derive(Debug, Clone, Serialize)]
pub struct Sentence {
    pub para: usize,
    pub text: String,
}

/// One row of the comparison, with the changes inside a pair.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub a: Option<usize>,
    pub b: Option<usize>,
    /// `same`, `reworded`, `moved`, `only_a` or `only_b`.
    pub status: &'static str,
    pub overlap: f32,
    /// Character ranges of A's sentence taken out, and of B's put in.
    pub removed: Vec<[usize; 2]>,
    pub added: Vec<[usize; 2]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    /// Whether both originals are Chinese (sentences are compared only then).
    pub compared: bool,
    pub sentences_a: Vec<Sentence>,
    pub sentences_b: Vec<Sentence>,
    pub lines: Vec<Line>,
    pub appeared: Vec<String>,
    pub disappeared: Vec<String>,
    pub kept: Vec<String>,
}

impl Comparison {
    pub fn count(&self, status: &str) -> usize {
        self.lines.iter().filter(|l| l.status == status).count()
    }
}

/// The sentences of paragraphs, in the simplified view.
pub fn sentences(paragraphs: &[ParagraphRecord]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let norm = readout_normalize::normalize(&p.text).text;
        for s in readout_align::split_zh(&norm) {
            let t = s.text.trim();
            if !t.is_empty() {
                out.push(Sentence {
                    para: i,
                    text: t.to_string(),
                });
            }
        }
    }
    out
}

fn status(r: &Row) -> &'static str {
    match (r.a, r.b) {
        (Some(_), None) => "only_a",
        (None, Some(_)) => "only_b",
        _ if r.moved => "moved",
        _ if r.same() => "same",
        _ => "reworded",
    }
}

/// Compares the originals of events `a` and `b` (the earlier first, usually).
pub fn compare(store: &Store, a: &str, b: &str) -> Result<Option<Comparison>, StoreError> {
    let (Some(ea), Some(eb)) = (store.event_list_row(a)?, store.event_list_row(b)?) else {
        return Ok(None);
    };
    let fa = store.formulations_of_event(a)?;
    let fb = store.formulations_of_event(b)?;
    let compared = ea.lang == Lang::Zh && eb.lang == Lang::Zh;
    let (sa, sb) = if compared {
        (
            sentences(&store.paragraphs(&ea.event.original, false, 0, MAX_PARAGRAPHS)?),
            sentences(&store.paragraphs(&eb.event.original, false, 0, MAX_PARAGRAPHS)?),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let ta: Vec<&str> = sa.iter().map(|s| s.text.as_str()).collect();
    let tb: Vec<&str> = sb.iter().map(|s| s.text.as_str()).collect();
    let lines = align_sentences(&ta, &tb)
        .into_iter()
        .map(|r| {
            let mut removed = Vec::new();
            let mut added = Vec::new();
            if let (Some(i), Some(j)) = (r.a, r.b) {
                if !r.same() {
                    for c in diff_chars(ta[i], tb[j]) {
                        match c {
                            Change::Removed(x) => removed.push([x.start, x.end]),
                            Change::Added(y) => added.push([y.start, y.end]),
                            Change::Same(..) => {}
                        }
                    }
                }
            }
            Line {
                a: r.a,
                b: r.b,
                status: status(&r),
                overlap: r.overlap,
                removed,
                added,
            }
        })
        .collect();
    Ok(Some(Comparison {
        a: a.to_string(),
        b: b.to_string(),
        compared,
        appeared: fb.iter().filter(|f| !fa.contains(f)).cloned().collect(),
        disappeared: fa.iter().filter(|f| !fb.contains(f)).cloned().collect(),
        kept: fa.iter().filter(|f| fb.contains(f)).cloned().collect(),
        sentences_a: sa,
        sentences_b: sb,
        lines,
    }))
}
