//! Script context: which parts of a text are written in traditional script.
//!
//! Evidence is counted per sentence, per paragraph and for the whole text.
//! A sentence takes the script its own evidence shows; a sentence without a
//! majority takes its paragraph's, a paragraph without one the text's, and a
//! text without one counts as simplified, so that mainland text is never
//! treated as traditional.

use crate::script::{Script, ScriptEvidence};
use std::ops::Range;

/// A run of the text and whether it is written in traditional script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Run {
    pub(crate) range: Range<usize>,
    pub(crate) traditional: bool,
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n')
}

/// Splits `text` at sentence ends (the end character stays with its sentence).
fn sentences(text: &str, base: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if is_sentence_end(c) {
            let end = i + c.len_utf8();
            out.push(base + start..base + end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(base + start..base + text.len());
    }
    out
}

fn decide(own: Script, parent: bool) -> bool {
    match own {
        Script::Hant => true,
        Script::Hans => false,
        Script::Neutral => parent,
    }
}

/// Cuts `text` into maximal runs of one script decision.
pub(crate) fn runs(text: &str) -> Vec<Run> {
    let paras: Vec<(&str, ScriptEvidence)> = text
        .split_inclusive('\n')
        .map(|p| (p, ScriptEvidence::of(p)))
        .collect();
    let doc = paras
        .iter()
        .fold(ScriptEvidence::default(), |a, (_, e)| ScriptEvidence {
            traditional: a.traditional + e.traditional,
            simplified: a.simplified + e.simplified,
        });
    let doc_trad = decide(doc.script(), false);
    let mut out: Vec<Run> = Vec::new();
    let mut push = |range: Range<usize>, traditional: bool| {
        if range.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.traditional == traditional && last.range.end == range.start => {
                last.range.end = range.end;
            }
            _ => out.push(Run { range, traditional }),
        }
    };
    // Fast path: no evidence at all in the text means one simplified run.
    if doc.traditional == 0 {
        push(0..text.len(), false);
        return out;
    }
    let mut start = 0usize;
    for (para, pe) in paras {
        let para_trad = decide(pe.script(), doc_trad);
        if pe.traditional == 0 || pe.simplified == 0 {
            // One-sided evidence: the sentences could only agree or be neutral.
            push(start..start + para.len(), para_trad);
        } else {
            for s in sentences(para, start) {
                let se = ScriptEvidence::of(&text[s.clone()]);
                push(s, decide(se.script(), para_trad));
            }
        }
        start += para.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mainland_text_is_one_simplified_run() {
        let t = "中共中央政治局召开会议。\n会议指出，要坚持以人民为中心。";
        assert_eq!(
            runs(t),
            vec![Run {
                range: 0..t.len(),
                traditional: false
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
