//! readout-lang: the text primitives that every stage shares, each in one home.
//!
//! - [`chars`]: char offsets of a string looked up through an index, never rescanned
//!   (`CharIndex`), so mapping many spans of one paragraph stays linear.
//! - [`calendar`]: civil dates (`CivilDate`), days in a month, day numbers.
//!
//! Nothing here knows documents, records or files; it is the lowest crate, so every
//! other one may call it.

pub mod calendar;
pub mod chars;

pub use calendar::{days_in_month, is_leap, CivilDate};
pub use chars::CharIndex;
