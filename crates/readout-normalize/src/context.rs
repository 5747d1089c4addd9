//! Script context: which parts of a text are written in traditional script.
//!
//! Evidence is counted per sentence, per paragraph and for the whole text.
//! A sentence takes the script its own evidence shows; a sentence without a
//! majority takes its paragraph's, a paragraph without one the text's, and a
//! text without one counts as simplified, so that mainland text is never
//! treated as traditional.

use crate::script::{Script, ScriptEvidence};
use crate::table::{decode, table};
use std::ops::Range;

/// A run of the text and whether it is written in traditional script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) range: Range<usize>,
    pub(crate) traditional: bool,
    /// Characters of the run that are evidence of traditional script.
    pub(crate) trad_chars: usize,
    /// Characters of the run that mainland writing never uses.
    pub(crate) fold_chars: usize,
    /// In a simplified run, the paragraphs or sentences that hold them.
    pub(crate) fold_spans: Vec<Range<usize>>,
    /// Traditional characters in the form Taiwan writes where OpenCC's
    /// standard has another (為), and in that standard form (爲).
    pub(crate) taiwan_forms: usize,
    pub(crate) standard_forms: usize,
}

/// Evidence counts of a stretch of text.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    trad: usize,
    simp: usize,
    fold: usize,
    taiwan: usize,
    standard: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.trad += o.trad;
        self.simp += o.simp;
        self.fold += o.fold;
        self.taiwan += o.taiwan;
        self.standard += o.standard;
    }

    fn script(&self) -> Script {
        ScriptEvidence {
            traditional: self.trad,
            simplified: self.simp,
        }
        .script()
    }
}

impl Counts {
    /// Counts a character of evidence class `class` (see
    /// [`Table::evidence`](crate::table::Table::evidence)), without
    /// branches: most characters count for nothing.
    #[inline(always)]
    fn count(&mut self, class: usize) {
        use crate::table::{STANDARD_FORM, TAIWAN_FORM};
        let trad = (class & 3 == 1) as usize;
        self.trad += trad;
        self.simp += (class == 2) as usize;
        self.fold += trad | (class == 3) as usize;
        self.taiwan += (class == 1 | TAIWAN_FORM) as usize;
        self.standard += (class == 1 | STANDARD_FORM) as usize;
    }
}

/// Counts each line (ending after its `\n`) in one scan: (end, counts).
impl Counts {
    /// The counts of a paragraph whose characters' evidence classes were tallied in
    /// `hist` (one increment per character instead of five).
    fn of_classes(hist: &[usize; 16]) -> Counts {
        use crate::table::{STANDARD_FORM, TAIWAN_FORM};
        let trad: usize = (0..16).filter(|c| c & 3 == 1).map(|c| hist[c]).sum();
        Counts {
            trad,
            simp: hist[2],
            fold: trad + hist[3],
            taiwan: hist[1 | TAIWAN_FORM],
            standard: hist[1 | STANDARD_FORM],
        }
    }
}

fn paragraphs(text: &str) -> Vec<(usize, Counts)> {
    let t = table();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut hist = [0usize; 16];
    let mut i = 0;
    while i < b.len() {
        let byte = b[i];
        if byte < 0x80 {
            i += 1;
            if byte == b'\n' {
                out.push((i, Counts::of_classes(&hist)));
                hist = [0; 16];
            }
            continue;
        }
        let class = if byte & 0xF0 == 0xE0 && i + 2 < b.len() {
            let c = ((byte as u32 & 0x0F) << 12)
                | ((b[i + 1] as u32 & 0x3F) << 6)
                | (b[i + 2] as u32 & 0x3F);
            i += 3;
            t.evidence_bmp(c)
        } else {
            let (c, l) = decode(b, i);
            i += l;
            t.evidence(c)
        };
        hist[class & 15] += 1;
    }
    if out.last().map_or(0, |p| p.0) < b.len() {
        out.push((b.len(), Counts::of_classes(&hist)));
    }
    out
}

/// [`paragraphs`], a long text's two halves (cut after a line end) counted on two
/// cores: the counts are per paragraph, so the halves join as they are.
fn paragraphs_on_cores(text: &str) -> Vec<(usize, Counts)> {
    if text.len() < crate::PARALLEL_MIN || !crate::parallel() {
        return paragraphs(text);
    }
    let b = text.as_bytes();
    let Some(split) = b[b.len() / 2..]
        .iter()
        .position(|&c| c == b'\n')
        .map(|k| b.len() / 2 + k + 1)
    else {
        return paragraphs(text);
    };
    let (first, second) = std::thread::scope(|sc| {
        let second = sc.spawn(|| paragraphs(&text[split..]));
        let first = paragraphs(&text[..split]);
        (
            first,
            second
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    let mut out = first;
    out.extend(second.into_iter().map(|(end, c)| (end + split, c)));
    out
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n') || c.is_whitespace()
}

/// Cuts `text` at sentence ends (the end character stays with its
/// sentence) and counts each sentence, in one scan: (range, counts).
fn sentences(text: &str, base: usize) -> Vec<(Range<usize>, Counts)> {
    let t = table();
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut cur = Counts::default();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        let (c, l) = decode(b, i);
        cur.count(if l < 4 {
            t.evidence_bmp(c)
        } else {
            t.evidence(c)
        });
        i += l;
        // Most characters are neither ASCII nor one of the few ends.
        let end = if c < 0x80 {
            is_sentence_end(c as u8 as char)
        } else {
            matches!(
                c,
                0x3002 | 0xFF01 | 0xFF1F | 0xFF1B | 0x3000 | 0x85 | 0xA0 | 0x1680
            ) || (0x2000..=0x205F).contains(&c)
                && char::from_u32(c).is_some_and(char::is_whitespace)
        };
        if end {
            out.push((base + start..base + i, std::mem::take(&mut cur)));
            start = i;
        }
    }
    if start < text.len() {
        out.push((base + start..base + text.len(), cur));
    }
    out
}

/// The script decision for what holds a stretch: traditional or not, and
/// whether that stretch showed simplified script itself (rather than
/// having no evidence either way).
#[derive(Clone, Copy)]
struct Parent {
    traditional: bool,
    simplified_evidence: bool,
}

/// Whether a stretch with counts `c` is traditional, `parent` holding it.
/// A lone traditional character and nothing else inside simplified text
/// (鑑 in a name) is not traditional script: it follows the text around it.
fn decide(c: &Counts, parent: Parent) -> bool {
    match c.script() {
        Script::Hant => parent.traditional || c.trad > 1 || !parent.simplified_evidence,
        Script::Hans => false,
        Script::Neutral => parent.traditional,
    }
}

impl Counts {
    /// This stretch, decided `traditional` under `up`, as the parent of the
    /// stretches it holds (a stretch without evidence of its own passes on
    /// that of what holds it).
    fn parent(&self, traditional: bool, up: Parent) -> Parent {
        let own = match self.script() {
            Script::Hans => true,
            Script::Hant => false,
            Script::Neutral => up.simplified_evidence,
        };
        Parent {
            traditional,
            simplified_evidence: !traditional && own,
        }
    }
}

/// Cuts `text` into maximal runs of one script decision.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let paras = paragraphs_on_cores(text);
    let mut doc = Counts::default();
    for (_, p) in &paras {
        doc.add(*p);
    }
    let top = Parent {
        traditional: false,
        simplified_evidence: false,
    };
    let doc_parent = doc.parent(doc.script() == Script::Hant, top);
    let mut out: Vec<Run> = Vec::new();
    let mut push = |range: Range<usize>, traditional: bool, c: Counts| {
        if range.is_empty() {
            return;
        }
        let span = (!traditional && c.fold > 0).then(|| range.clone());
        match out.last_mut() {
            Some(last) if last.traditional == traditional && last.range.end == range.start => {
                last.range.end = range.end;
                last.trad_chars += c.trad;
                last.fold_chars += c.fold;
                last.fold_spans.extend(span);
                last.taiwan_forms += c.taiwan;
                last.standard_forms += c.standard;
            }
            _ => out.push(Run {
                range,
                traditional,
                trad_chars: c.trad,
                fold_chars: c.fold,
                fold_spans: span.into_iter().collect(),
                taiwan_forms: c.taiwan,
                standard_forms: c.standard,
            }),
        }
    };
    // Fast path: no evidence at all in the text means one simplified run.
    if doc.trad == 0 {
        push(0..text.len(), false, doc);
        return out;
    }
    let mut start = 0usize;
    for (end, pe) in paras {
        let para_trad = decide(&pe, doc_parent);
        if pe.trad == 0 || pe.simp == 0 {
            // One-sided evidence: the sentences could only agree or be neutral.
            push(start..end, para_trad, pe);
        } else {
            for (s, se) in sentences(&text[start..end], start) {
                push(s, decide(&se, pe.parent(para_trad, doc_parent)), se);
            }
        }
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_of_classes_counts_as_each_character_does() {
        let t = table();
        let text =
            "我們爲國家的發展而努力，衆人的事。中共中央政治局召开会议。著作裏面\n臺灣的資訊與软件";
        let mut each = Counts::default();
        let mut hist = [0usize; 16];
        for c in text.chars() {
            let class = t.evidence(c as u32);
            each.count(class);
            hist[class & 15] += 1;
        }
        let tally = Counts::of_classes(&hist);
        assert_eq!(
            (
                tally.trad,
                tally.simp,
                tally.fold,
                tally.taiwan,
                tally.standard
            ),
            (each.trad, each.simp, each.fold, each.taiwan, each.standard)
        );
        assert!(tally.trad > 0 && tally.simp > 0);
        // Every class a table gives, one at a time.
        for class in 0..16 {
            let mut one = Counts::default();
            one.count(class);
            let mut h = [0usize; 16];
            h[class] = 1;
            let t = Counts::of_classes(&h);
            assert_eq!(
                (t.trad, t.simp, t.fold, t.taiwan, t.standard),
                (one.trad, one.simp, one.fold, one.taiwan, one.standard),
                "class {class}"
            );
        }
    }

    #[test]
    fn a_long_text_counted_on_two_cores_counts_as_on_one() {
        let line = "我們爲國家的發展而努力，衆人的事。中共中央政治局召开会议。\n";
        let long = format!("{}没有换行的结尾", line.repeat(8000));
        assert!(long.len() >= crate::PARALLEL_MIN);
        let (one, two) = (paragraphs(&long), paragraphs_on_cores(&long));
        assert_eq!(one.len(), two.len());
        for ((e1, c1), (e2, c2)) in one.iter().zip(&two) {
            assert_eq!(e1, e2);
            assert_eq!(
                (c1.trad, c1.simp, c1.fold, c1.taiwan, c1.standard),
                (c2.trad, c2.simp, c2.fold, c2.taiwan, c2.standard)
            );
        }
    }

    #[test]
    fn mainland_text_is_one_simplified_run() {
        let t = "中共中央政治局召开会议。\n会议指出，要坚持以人民为中心。";
        assert_eq!(
            runs(t),
            vec![Run {
                range: 0..t.len(),
                traditional: false,
                trad_chars: 0,
                fold_chars: 0,
                fold_spans: Vec::new(),
                taiwan_forms: 0,
                standard_forms: 0,
            }]
        );
    }

    #[test]
    fn neutral_paragraph_follows_the_text() {
        let t = "中共中央\n中華人民共和國國務院召開會議";
        let r = runs(t);
        assert_eq!(r.len(), 1);
        assert!(r[0].traditional);
    }

    #[test]
    fn mixed_paragraph_is_decided_by_sentence() {
        let t = "会议指出，这是国家的事。會議強調，這是國家的事。";
        let r = runs(t);
        assert_eq!(r.len(), 2);
        assert!(!r[0].traditional);
        assert!(r[1].traditional);
        assert_eq!(&t[r[1].range.clone()], "會議強調，這是國家的事。");
    }
}
