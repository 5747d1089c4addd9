//! Splits a paragraph view into sentences (Chinese on 。！？ and, for directives, ；;
//! English on . ! ? followed by a capital, with common abbreviations kept whole).

use crate::view::View;

/// Sentence ranges (view indices) of a Chinese view. When `semicolons` is true, ；
/// also ends a sentence (a readout's 有关部门要…；…要… lists one directive per clause).
pub(crate) fn zh(view: &View, semicolons: bool) -> Vec<(usize, usize)> {
    let c = &view.chars;
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < c.len() {
        let end_mark = matches!(c[i], '。' | '！' | '？') || (semicolons && c[i] == '；');
        if end_mark {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence they close.
            while j < c.len() && matches!(c[j], '”' | '’' | '」' | '』' | '）' | '"') {
                j += 1;
            }
            push_trimmed(c, start, j, &mut out);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(c, start, c.len(), &mut out);
    out
}

/// Words whose final dot ends no sentence. The month abbreviations are here as
/// abbreviations, not as months (`readout_lang::en_month` is for reading dates).
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "St", "U.S", "U.N", "e.g", "i.e", "etc", "Co", "Inc", "Gen", "Prof",
    "Vol", "Art",
];

/// Sentence ranges of an English view.
pub(crate) fn en(view: &View) -> Vec<(usize, usize)> {
    let c = &view.chars;
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < c.len() {
        if matches!(c[i], '.' | '!' | '?') {
            let mut j = i + 1;
            while j < c.len() && matches!(c[j], '"' | '\u{201D}' | '\'' | ')') {
                j += 1;
            }
            let next_starts = j >= c.len()
                || (c[j] == ' '
                    && c.get(j + 1).is_some_and(|n| {
                        n.is_uppercase() || n.is_ascii_digit() || *n == '\u{201C}' || *n == '"'
                    }));
            let word: String = c[start..i]
                .iter()
                .rev()
                .take_while(|ch| !ch.is_whitespace())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let abbreviation = c[i] == '.' && ABBREVIATIONS.iter().any(|a| word == *a);
            if next_starts && !abbreviation {
                push_trimmed(c, start, j, &mut out);
                start = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(c, start, c.len(), &mut out);
    out
}

fn push_trimmed(c: &[char], mut s: usize, mut e: usize, out: &mut Vec<(usize, usize)>) {
    while s < e && c[s].is_whitespace() {
        s += 1;
    }
    while e > s && c[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_chinese_and_english() {
        let v = View::zh(
            "会议指出，形势向好。要加强协调；有关部门要落实。“好。”他说",
            0,
            false,
        );
        let s: Vec<String> = zh(&v, true).iter().map(|&(a, b)| v.text(a, b)).collect();
        assert_eq!(
            s,
            [
                "会议指出，形势向好。",
                "要加强协调；",
                "有关部门要落实。",
                "“好。”",
                "他说"
            ]
        );
        let v = View::en(
            "Held on Nov. 27 in Beijing. It must go on. The end",
            0,
            false,
        );
        let s: Vec<String> = en(&v).iter().map(|&(a, b)| v.text(a, b)).collect();
        assert_eq!(
            s,
            ["Held on Nov. 27 in Beijing.", "It must go on.", "The end"]
        );
    }
}
