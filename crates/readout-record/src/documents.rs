//! Documents named by title: those the meeting reviewed (审议《…》, 会议审议了《…》《…》,
//! 审议通过, "to review the “…” and the “…”") and those merely mentioned.
//!
//! A title is reviewed when a review verb stands before it in the same clause, or when it
//! continues a list of titles that follows one (《A》《B》, 《A》和《B》, “A” and the “B”).

use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// A document title as written (without its 《》 or quotes) and its normalized key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocRef {
    pub title: String,
    /// The title with spacing, quote marks and bracket widths folded, for matching.
    pub key: String,
    pub span: Span,
}

/// Folds a title for matching: no white space, quote marks or inner title marks,
/// brackets and ASCII-range characters in one width.
pub fn normalize_title(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let chars: Vec<char> = t.trim().chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // White space only matters between two Latin words; keep one space there.
        if c.is_whitespace() {
            let prev = out.chars().last();
            let next = chars.get(i + 1).copied();
            if prev.is_some_and(|p: char| p.is_ascii_alphanumeric())
                && next.is_some_and(|n| n.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
            continue;
        }
        let c = c.to_ascii_lowercase();
        let c = match c {
            '（' => '(',
            '）' => ')',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        };
        if matches!(
            c,
            '“' | '”'
                | '‘'
                | '’'
                | '"'
                | '\''
                | '「'
                | '」'
                | '『'
                | '』'
                | '〈'
                | '〉'
                | '《'
                | '》'
                | '·'
                | '•'
                | '・'
        ) {
            continue;
        }
        out.push(c);
    }
    let out = out
        .trim_end_matches(['.', ',', ';', '。', '，'])
        .to_string();
    out
}

const ZH_VERBS: &[&str] = &[
    "审议",
    "讨论",
    "审定",
    "审阅",
    "审查",
    "会议通过",
    "全会通过",
    "表决通过",
    "审议通过",
    "讨论通过",
];

/// Text allowed between two titles of one list.
fn zh_list_gap(g: &str) -> bool {
    let g = g
        .trim_start_matches("稿")
        .trim_start_matches("（草案）")
        .trim_start_matches("（修订草案）")
        .trim_start_matches("（征求意见稿）")
        .trim_start_matches("（送审稿）")
        .trim_start_matches("稿");
    matches!(
        g,
        "" | "、" | "和" | "及" | "以及" | "与" | "，" | "、以及" | "并" | "并审议" | "，并"
    )
}

/// Titles in 《》 in a view: (open index, close index) of the outer marks.
fn zh_titles(v: &View) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open = 0;
    for (i, &c) in v.chars.iter().enumerate() {
        match c {
            '《' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth == 0 && i > open + 1 {
                    out.push((open, i));
                }
            }
            '。' | '！' | '？' => depth = 0,
            _ => {}
        }
    }
    out
}

fn zh_reviewed(v: &View, titles: &[(usize, usize)]) -> Vec<bool> {
    let mut out = Vec::with_capacity(titles.len());
    for (k, &(o, _)) in titles.iter().enumerate() {
        let continues = k > 0 && out[k - 1] && {
            let prev_close = titles[k - 1].1;
            zh_list_gap(&v.text(prev_close + 1, o))
        };
        let verb = || {
            // The nearest review verb before the title, in the same clause.
            let from = o.saturating_sub(60);
            (from..o).rev().any(|i| {
                ZH_VERBS.iter().any(|w| v.at(i, w))
                    && !v.chars[i..o]
                        .iter()
                        .any(|&c| matches!(c, '，' | '。' | '；' | '：' | '！' | '？'))
            })
        };
        out.push(continues || verb());
    }
    out
}

fn en_titles(v: &View) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, &c) in v.chars.iter().enumerate() {
        match c {
            '\u{201C}' => open = Some(i),
            '\u{201D}' => {
                if let Some(o) = open.take() {
                    if i > o + 1 {
                        out.push((o, i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

const EN_VERBS: &[&str] = &[
    "review",
    "Review",
    "deliberat",
    "Deliberat",
    "discuss",
    "Discuss",
    "adopt",
    "Adopt",
    "approv",
    "Approv",
];

const EN_DOC_WORDS: &[&str] = &[
    "Opinion",
    "Regulation",
    "Plan",
    "Outline",
    "Decision",
    "Report",
    "Guideline",
    "Law",
    "Measure",
    "Provision",
    "Rule",
    "Program",
    "Notice",
    "Resolution",
    "Constitution",
    "Charter",
    "Proposal",
    "Recommendation",
    "Several",
    "Policies",
    "Work Report",
    "Action",
    "Implementation",
];

fn en_reviewed(v: &View, titles: &[(usize, usize)]) -> Vec<bool> {
    let sents = crate::sentences::en(v);
    let mut out = Vec::with_capacity(titles.len());
    for (k, &(o, _)) in titles.iter().enumerate() {
        let continues = k > 0 && out[k - 1] && {
            let g = v.text(titles[k - 1].1 + 1, o);
            let g = g.trim().trim_start_matches(',').trim();
            let g = g
                .trim_start_matches("as well as")
                .trim_start_matches("and")
                .trim();
            matches!(g, "" | "the")
        };
        let verb = || {
            // A review verb earlier in the same sentence.
            let sent_start = sents
                .iter()
                .find(|&&(a, b)| a <= o && o < b)
                .map_or(0, |x| x.0);
            let before = v.text(sent_start.max(o.saturating_sub(160)), o);
            EN_VERBS.iter().any(|w| before.contains(w))
        };
        out.push(continues || verb());
    }
    out
}

pub(crate) fn extract(p: &Prepared) -> (Vec<DocRef>, Vec<DocRef>) {
    let mut reviewed: Vec<DocRef> = Vec::new();
    let mut mentioned: Vec<DocRef> = Vec::new();
    // Body first, so that a title's span points into the body when it is there too.
    for v in p.paras.iter().chain(&p.heads) {
        let (titles, flags) = match p.lang {
            RuleLang::Zh => {
                let t = zh_titles(v);
                let f = zh_reviewed(v, &t);
                (t, f)
            }
            RuleLang::En => {
                let t = en_titles(v);
                let f = en_reviewed(v, &t);
                (t, f)
            }
        };
        for (&(o, c), rev) in titles.iter().zip(flags) {
            let title = v.text(o + 1, c);
            let title = title.trim().trim_end_matches(['.', ',', ';']).to_string();
            if p.lang == RuleLang::En && !rev && !EN_DOC_WORDS.iter().any(|w| title.contains(w)) {
                continue;
            }
            let d = DocRef {
                key: normalize_title(&title),
                span: v.span(o + 1, c),
                title,
            };
            if d.key.is_empty() {
                continue;
            }
            // A headline repeats the body's documents, sometimes in other words (machine
            // translations); a headline title like a body one is the same document.
            if v.headline
                && reviewed
                    .iter()
                    .chain(&mentioned)
                    .any(|b| !b.span.headline && similar(&b.key, &d.key))
            {
                continue;
            }
            if rev {
                reviewed.push(d);
            } else {
                mentioned.push(d);
            }
        }
    }
    let mut seen = HashSet::new();
    reviewed.retain(|d| seen.insert(d.key.clone()));
    mentioned.retain(|d| seen.insert(d.key.clone()));
    (reviewed, mentioned)
}

/// Titles close enough to be one document: token overlap for Latin titles, character
/// bigram overlap for Chinese ones.
fn similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let grams = |s: &str| -> HashSet<String> {
        if s.is_ascii() {
            s.split(' ')
                .filter(|w| w.len() > 2)
                .map(str::to_string)
                .collect()
        } else {
            let c: Vec<char> = s.chars().collect();
            c.windows(2).map(|w| w.iter().collect()).collect()
        }
    };
    let (x, y) = (grams(a), grams(b));
    let inter = x.intersection(&y).count();
    let union = x.union(&y).count();
    union > 0 && inter * 10 >= union * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_titles() {
        assert_eq!(
            normalize_title(" 关于〈X〉的说明（草案） "),
            "关于x的说明(草案)"
        );
        assert_eq!(
            normalize_title("Regulations  on Work.”"),
            "regulations on work"
        );
    }
}
