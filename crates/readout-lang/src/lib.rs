//! readout-lang: the text primitives that every stage shares, each in one home.
//!
//! - [`han`]: which characters are Han ideographs (`is_han`).
//! - [`numerals`]: Chinese numerals and their values (`zh_number`: 十一, 二〇二三).
//! - [`months`]: English month names and abbreviations (`en_month`, `EN_MONTHS_RE`;
//!   `en_month_titled` for the capitalized forms dates are written in).
//! - [`chars`]: char offsets of a string looked up through an index, never rescanned
//!   (`CharIndex`), so mapping many spans of one paragraph stays linear; the char
//!   boundary at or below a byte offset (`floor_boundary`).
//! - [`calendar`]: civil dates (`CivilDate`), days in a month, day numbers.
//! - [`partial`]: dates with parts unknown (`PartialDate`: 11月27日 before its year).
//! - [`dateline`]: the one dateline recognizer (新华社北京11月27日电, 本报讯,
//!   "BEIJING, Nov. 27 (Xinhua) --"): agency, place, month and day, reporters, where
//!   the report starts; the reader and the record both call it.
//!
//! Nothing here knows documents, records or files; it is the lowest crate, so every
//! other one may call it.

pub mod calendar;
pub mod chars;
pub mod dateline;
pub mod han;
pub mod months;
pub mod numerals;
pub mod partial;

pub use calendar::{days_in_month, is_leap, CivilDate};
pub use chars::{floor_boundary, CharIndex};
pub use dateline::Dateline;
pub use han::is_han;
pub use months::{en_month, en_month_titled, EN_MONTHS_RE, EN_MONTH_NAMES};
pub use numerals::{zh_digit, zh_number, zh_unit, zh_value};
pub use partial::PartialDate;
