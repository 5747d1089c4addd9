//! Sets of byte offsets of a text, as bitmaps: the character layer marks
//! where the Taiwan-vocabulary scan of its output has anything to do while
//! it writes that output, so the scan visits only those offsets. A bit per
//! byte is an eighth of the text's size, written without a branch per
//! character.

use std::ops::Range;

#[derive(Debug, Default, Clone)]
pub(crate) struct OffsetSet {
    words: Vec<u64>,
}

impl OffsetSet {
    /// Adds `at` when `yes`.
    #[inline(always)]
    pub(crate) fn insert_if(&mut self, at: usize, yes: bool) {
        let w = at / 64;
        if w >= self.words.len() {
            self.grow(w);
        }
        self.words[w] |= (yes as u64) << (at % 64);
    }

    #[cold]
    fn grow(&mut self, w: usize) {
        let n = (w + 1).max(self.words.len() * 2).max(1024);
        self.words.resize(n, 0);
    }

    /// Room for offsets below `len` without growing.
    pub(crate) fn reserve(&mut self, len: usize) {
        let n = len / 64 + 1;
        if n > self.words.len() {
            self.words.resize(n, 0);
        }
    }

    /// Removes the offsets in `r`.
    pub(crate) fn remove_range(&mut self, r: Range<usize>) {
        for at in r.start..r.end.min(self.words.len() * 64) {
            if at % 64 == 0 && at + 64 <= r.end {
                self.words[at / 64] = 0;
            } else {
                self.words[at / 64] &= !(1 << (at % 64));
            }
        }
    }

    /// The offsets in `r`, in order.
    pub(crate) fn iter(&self, r: Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let w0 = r.start / 64;
        let w1 = r.end.div_ceil(64).min(self.words.len());
        (w0..w1).flat_map(move |w| {
            let mut x = self.words[w];
            if w == w0 {
                x &= !0u64 << (r.start % 64);
            }
            if (w + 1) * 64 > r.end {
                x &= (1u64 << (r.end % 64)).wrapping_sub(1);
            }
            std::iter::from_fn(move || {
                if x == 0 {
                    return None;
                }
                let tz = x.trailing_zeros() as usize;
                x &= x - 1;
                Some(w * 64 + tz)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_iterates_and_removes() {
        let mut s = OffsetSet::default();
        for at in [0, 3, 63, 64, 200, 5000] {
            s.insert_if(at, true);
        }
        s.insert_if(7, false);
        assert_eq!(
            s.iter(0..6000).collect::<Vec<_>>(),
            [0, 3, 63, 64, 200, 5000]
        );
        assert_eq!(s.iter(3..200).collect::<Vec<_>>(), [3, 63, 64]);
        assert_eq!(s.iter(64..64).count(), 0);
        s.remove_range(60..201);
        assert_eq!(s.iter(0..6000).collect::<Vec<_>>(), [0, 3, 5000]);
    }
}
