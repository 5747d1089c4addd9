//! Dates with parts missing: what a text states (11月27日) before a year is found.

use crate::calendar::CivilDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A date of which any part may be unknown. Serialized as `year`, `month`, `day`, each
/// `null` when unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.month.is_none() && self.day.is_none()
    }

    /// True when the year, the month and the day are all known (a real day or not:
    /// see [`PartialDate::full`]).
    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// Two statements of one date never differ: any part both give must match.
    pub fn agrees(&self, other: &PartialDate) -> bool {
        fn same<T: PartialEq>(x: Option<T>, y: Option<T>) -> bool {
            x.is_none() || y.is_none() || x == y
        }
        same(self.year, other.year) && same(self.month, other.month) && same(self.day, other.day)
    }

    /// The date, when all three parts are known and make a real day.
    pub fn full(&self) -> Option<CivilDate> {
        CivilDate::new(self.year?, self.month?, self.day?)
    }
}

impl From<CivilDate> for PartialDate {
    fn from(d: CivilDate) -> Self {
        PartialDate {
            year: Some(d.year),
            month: Some(d.month),
            day: Some(d.day),
        }
    }
}

/// `2023-11-27`, with `?` for what is unknown: `????-11-27`, `2023-??-05`.
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("????")?,
        }
        for part in [self.month, self.day] {
            match part {
                Some(x) => write!(f, "-{x:02}")?,
                None => f.write_str("-??")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> PartialDate {
        PartialDate { year, month, day }
    }

    #[test]
    fn agrees_part_by_part() {
        let a = pd(None, Some(11), Some(27));
        let b = pd(Some(2023), Some(11), Some(27));
        let c = pd(Some(2023), Some(11), Some(28));
        assert!(a.agrees(&b) && b.agrees(&a));
        assert!(!b.agrees(&c));
        assert!(PartialDate::default().agrees(&c));
        assert_eq!(b.full(), CivilDate::new(2023, 11, 27));
        assert_eq!(a.full(), None);
        assert!(b.is_complete() && !a.is_complete());
        assert!(pd(Some(2023), Some(2), Some(30)).is_complete());
        assert_eq!(pd(Some(2023), Some(2), Some(30)).full(), None);
    }

    #[test]
    fn display_marks_unknown_parts() {
        assert_eq!(pd(Some(2023), None, Some(5)).to_string(), "2023-??-05");
        assert_eq!(pd(None, Some(11), Some(27)).to_string(), "????-11-27");
        assert_eq!(
            PartialDate::from(CivilDate::new(2024, 1, 2).unwrap()).to_string(),
            "2024-01-02"
        );
    }

    #[test]
    fn serializes_as_three_nullable_fields() {
        let s = serde_json::to_string(&pd(None, Some(11), Some(27))).unwrap();
        assert_eq!(s, r#"{"year":null,"month":11,"day":27}"#);
    }
}
