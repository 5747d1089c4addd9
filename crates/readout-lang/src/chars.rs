//! Char offsets through an index.
//!
//! Spans in readout count Unicode scalar values (what a reader sees as characters),
//! while strings are indexed by bytes. Walking a paragraph from its start for every
//! span is quadratic in the paragraph's length; a [`CharIndex`] is built once per
//! paragraph and answers both ways in constant or logarithmic time.

/// The byte offset of every char of a string (ASCII-only strings need none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharIndex {
    /// Byte start of each char, then the string's length; empty when the string is
    /// ASCII (byte offset = char offset).
    starts: Vec<u32>,
    len: usize,
    chars: usize,
}

impl CharIndex {
    pub fn new(s: &str) -> CharIndex {
        if s.is_ascii() {
            return CharIndex {
                starts: Vec::new(),
                len: s.len(),
                chars: s.len(),
            };
        }
        let mut starts: Vec<u32> = Vec::with_capacity(s.len() / 2 + 1);
        starts.extend(s.char_indices().map(|(b, _)| b as u32));
        let chars = starts.len();
        starts.push(s.len() as u32);
        CharIndex {
            starts,
            len: s.len(),
            chars,
        }
    }

    /// Number of chars of the string.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// The byte offset of char offset `c` (clamped to the string's end).
    pub fn byte(&self, c: usize) -> usize {
        if self.starts.is_empty() {
            return c.min(self.len);
        }
        self.starts[c.min(self.chars)] as usize
    }

    /// The char offset of byte offset `b`; a byte inside a char counts as that char's
    /// start.
    pub fn char(&self, b: usize) -> usize {
        if self.starts.is_empty() {
            return b.min(self.len);
        }
        let b = b.min(self.len) as u32;
        match self.starts.binary_search(&b) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// The byte range of char range `r` (clamped, never inverted).
    pub fn byte_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let s = self.byte(r.start);
        s..self.byte(r.end.max(r.start)).max(s)
    }

    /// The char range of byte range `r`.
    pub fn char_range(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let s = self.char(r.start);
        s..self.char(r.end).max(s)
    }

    /// The text of char range `r` in `s` (the string this index was built from).
    pub fn slice<'a>(&self, s: &'a str, r: std::ops::Range<usize>) -> &'a str {
        s.get(self.byte_range(r)).unwrap_or("")
    }
}

/// The largest char boundary of `s` at or below `i`.
pub fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn both_ways() {
        let s = "a中b文";
        let x = CharIndex::new(s);
        assert_eq!(x.chars(), 4);
        assert_eq!((x.byte(1), x.byte(2), x.byte(4), x.byte(9)), (1, 4, 8, 8));
        assert_eq!((x.char(4), x.char(5), x.char(6), x.char(8)), (2, 3, 3, 4));
        assert_eq!(x.slice(s, 1..3), "中b");
        #[allow(clippy::reversed_empty_ranges)]
        let inverted = 3..1;
        assert_eq!(x.slice(s, inverted), "");
        let a = CharIndex::new("abc");
        assert_eq!((a.byte(2), a.char(2), a.byte(7)), (2, 2, 3));
    }

    proptest! {
        #[test]
        fn agrees_with_a_scan(s in "\\PC{0,40}", a in 0usize..50, b in 0usize..50) {
            let x = CharIndex::new(&s);
            let scan = |c: usize| s.char_indices().nth(c).map_or(s.len(), |(i, _)| i);
            prop_assert_eq!(x.byte(a), scan(a));
            let (lo, hi) = (a.min(b), a.max(b));
            let want: String = s.chars().skip(lo).take(hi - lo).collect();
            prop_assert_eq!(x.slice(&s, lo..hi), want.as_str());
            let byte = a.min(s.len());
            let mut back = byte;
            while !s.is_char_boundary(back) { back -= 1; }
            prop_assert_eq!(x.char(byte), s[..back].chars().count());
        }
    }
}
