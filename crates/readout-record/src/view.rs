//! A working view of one paragraph, made for rule matching: white space and invisible
//! characters dropped (Chinese) or collapsed (English), ASCII punctuation folded to its
//! full-width form in Chinese text, full-width digits folded to ASCII. Every view char
//! keeps the index of the paragraph char it came from, so a match in the view becomes a
//! [`Span`] of the caller's text.

use crate::span::Span;

#[derive(Debug, Clone)]
pub(crate) struct View {
    pub chars: Vec<char>,
    /// View index -> char index in the paragraph text.
    map: Vec<usize>,
    pub para: usize,
    pub headline: bool,
    /// Char length of the paragraph text.
    len: usize,
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
        || ('\u{FE00}'..='\u{FE0F}').contains(&c)
}

/// Folds a char for Chinese matching: ASCII punctuation to full width, full-width
/// digits and Latin letters to ASCII.
fn fold_zh(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '!' => '！',
        '?' => '？',
        '(' => '（',
        ')' => '）',
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

fn fold_en(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

impl View {
    /// The view for Chinese rules: white space and invisible chars dropped.
    pub fn zh(text: &str, para: usize, headline: bool) -> View {
        let mut chars = Vec::with_capacity(text.len() / 3 + 1);
        let mut map = Vec::with_capacity(text.len() / 3 + 1);
        let mut len = 0;
        for (i, c) in text.chars().enumerate() {
            len = i + 1;
            if c.is_whitespace() || invisible(c) {
                continue;
            }
            chars.push(fold_zh(c));
            map.push(i);
        }
        View {
            chars,
            map,
            para,
            headline,
            len,
        }
    }

    /// The view for English rules: runs of white space collapsed to one space, curly
    /// apostrophes and dashes folded.
    pub fn en(text: &str, para: usize, headline: bool) -> View {
        let mut chars = Vec::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len());
        let mut len = 0;
        let mut last_space = true;
        for (i, c) in text.chars().enumerate() {
            len = i + 1;
            if invisible(c) {
                continue;
            }
            if c.is_whitespace() {
                if !last_space {
                    chars.push(' ');
                    map.push(i);
                }
                last_space = true;
                continue;
            }
            last_space = false;
            chars.push(fold_en(c));
            map.push(i);
        }
        if chars.last() == Some(&' ') {
            chars.pop();
            map.pop();
        }
        View {
            chars,
            map,
            para,
            headline,
            len,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The paragraph span of view range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let start = start.min(self.chars.len());
        let end = end.clamp(start, self.chars.len());
        let s = self.map.get(start).copied().unwrap_or(self.len);
        let e = if end > start {
            self.map[end - 1] + 1
        } else {
            s
        };
        Span {
            headline: self.headline,
            para: self.para,
            start: s,
            end: e,
        }
    }

    pub fn text(&self, start: usize, end: usize) -> String {
        let start = start.min(self.chars.len());
        let end = end.clamp(start, self.chars.len());
        self.chars[start..end].iter().collect()
    }

    pub fn string(&self) -> String {
        self.chars.iter().collect()
    }

    /// True when the view has `pat` at index `i`.
    pub fn at(&self, i: usize, pat: &str) -> bool {
        (i..)
            .zip(pat.chars())
            .all(|(j, p)| self.chars.get(j) == Some(&p))
    }

    /// First index >= `from` and < `to` where `pat` starts.
    pub fn find_in(&self, pat: &str, from: usize, to: usize) -> Option<usize> {
        let n = pat.chars().count();
        let to = to.min(self.chars.len());
        if n == 0 || to < n {
            return None;
        }
        (from..=to - n).find(|&i| self.at(i, pat))
    }

    pub fn find(&self, pat: &str, from: usize) -> Option<usize> {
        self.find_in(pat, from, self.chars.len())
    }

    /// All start indices of `pat`.
    pub fn find_all(&self, pat: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = self.find(pat, from) {
            out.push(i);
            from = i + 1;
        }
        out
    }

    /// True when the source text had dropped chars (white space) just before view
    /// index `i`: Chinese headlines separate their clauses by spaces alone.
    pub fn gap_before(&self, i: usize) -> bool {
        i > 0 && i < self.map.len() && self.map[i] > self.map[i - 1] + 1
    }

    /// The clauses of a headline: view ranges between the spaces of its source text.
    pub fn clauses(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..self.len() {
            if self.gap_before(i) {
                out.push((start, i));
                start = i;
            }
        }
        if start < self.len() {
            out.push((start, self.len()));
        }
        out
    }

    /// The view cut to its first `end` chars (spans keep mapping to the paragraph).
    pub fn prefix(&self, end: usize) -> View {
        let end = end.min(self.chars.len());
        View {
            chars: self.chars[..end].to_vec(),
            map: self.map[..end].to_vec(),
            para: self.para,
            headline: self.headline,
            len: self.len,
        }
    }

    /// Builds a string of the view and a table from byte offsets of that string back to
    /// view indices, for regex and Aho-Corasick matching.
    pub fn indexed_string(&self) -> (String, Vec<usize>) {
        let mut s = String::with_capacity(self.chars.len() * 3);
        let mut byte_to_idx = Vec::with_capacity(self.chars.len() * 3 + 1);
        for (i, c) in self.chars.iter().enumerate() {
            s.push(*c);
            for _ in 0..c.len_utf8() {
                byte_to_idx.push(i);
            }
        }
        byte_to_idx.push(self.chars.len());
        (s, byte_to_idx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zh_view_drops_space_and_maps_back() {
        let v = View::zh("中共 中央,政治局", 2, false);
        assert_eq!(v.string(), "中共中央，政治局");
        let i = v.find("政治局", 0).unwrap();
        let sp = v.span(i, i + 3);
        assert_eq!((sp.para, sp.start, sp.end), (2, 6, 9));
        assert_eq!(sp.slice("中共 中央,政治局"), "政治局");
    }

    #[test]
    fn en_view_collapses_space() {
        let v = View::en("on  Monday\u{2019}s", 0, true);
        assert_eq!(v.string(), "on Monday's");
        assert!(v.span(3, 9).headline);
        assert_eq!(v.span(3, 9).start, 4);
    }
}
