//! The tables `build.rs` computes from the dictionaries in `data/` (see
//! `build/tables.rs`): the per-character table, the dictionary groups of the
//! character chains, the Taiwan-style sites and the Taiwan reading, as
//! statics read in place.

include!(concat!(env!("OUT_DIR"), "/tables.rs"));
