//! Civil (proleptic Gregorian) dates and the little arithmetic the date rules need:
//! days in a month, adding days, weekdays. Small enough not to pull in a date crate.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CivilDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl From<(i32, u32, u32)> for CivilDate {
    fn from((year, month, day): (i32, u32, u32)) -> Self {
        CivilDate { year, month, day }
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl CivilDate {
    /// A checked constructor: `None` for a month or day that does not exist.
    pub fn new(year: i32, month: u32, day: u32) -> Option<CivilDate> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(CivilDate { year, month, day })
        } else {
            None
        }
    }

    /// Parses the date at the start of an ISO 8601 string (`2023-11-28T08:50:00+08:00`,
    /// `2023-11-28`, `2023/11/28 08:50`).
    pub fn parse_iso_prefix(s: &str) -> Option<CivilDate> {
        let s = s.trim();
        let mut parts = s.splitn(3, ['-', '/', '.']);
        let y = parts.next()?.trim().parse::<i32>().ok()?;
        let m = parts.next()?.trim().parse::<u32>().ok()?;
        let rest = parts.next()?;
        let d_str: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let d = d_str.parse::<u32>().ok()?;
        CivilDate::new(y, m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> CivilDate {
        let z = z + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = if m <= 2 { y + 1 } else { y };
        CivilDate {
            year: y.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
            month: m,
            day: d,
        }
    }

    pub fn add_days(self, n: i64) -> CivilDate {
        CivilDate::from_days(self.to_days().saturating_add(n))
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.to_days() + 3).rem_euclid(7) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_weekdays() {
        let d = CivilDate::new(2023, 11, 27).unwrap();
        assert_eq!(d.weekday(), 0, "2023-11-27 was a Monday");
        assert_eq!(CivilDate::from_days(d.to_days()), d);
        assert_eq!(
            CivilDate::new(2024, 3, 1).unwrap().add_days(-1),
            CivilDate::new(2024, 2, 29).unwrap()
        );
        assert_eq!(CivilDate::new(2023, 2, 29), None);
        assert_eq!(
            CivilDate::parse_iso_prefix("2023-11-28T08:50:00+08:00"),
            CivilDate::new(2023, 11, 28)
        );
    }
}
