//! The tables `build.rs` computes from the dictionaries in `data/` (see
//! `build/tables.rs`): the per-character table, the dictionary groups of the
//! character chains, the Taiwan-style sites and the Taiwan reading, as
//! statics read in place.
//!
//! Their strings are stretches of one string, [`STRINGS`], named by offset
//! and length rather than by pointer: a pointer in a static is a relocation
//! the loader applies at every start of the program, and these tables hold
//! tens of thousands of strings.

/// A stretch of [`STRINGS`]: byte offset and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Str(pub(crate) u32, pub(crate) u32);

impl Str {
    /// The string.
    #[inline]
    pub(crate) fn get(self) -> &'static str {
        let (a, n) = (self.0 as usize, self.1 as usize);
        STRINGS.get(a..a + n).unwrap_or("")
    }
}

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
