//! Dates as a reader should see them. An event with a full date shows it; one whose
//! text gives less is placed by its original's publication date and says so; the
//! parts the text states are never completed by guessing.

use readout_collection::events::EventDateOut;
use readout_record::CivilDate;
use readout_store::UNDATED;

/// How a date is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// `2023-11-27`, or the expression as written (`12日`), or "date not stated".
    pub label: String,
    /// The ISO date the row is placed at, when any.
    pub iso: Option<String>,
    /// The label is text as written (in the document's language).
    pub as_written: bool,
    /// The date is the publication date standing in for the event's.
    pub published: bool,
    /// What the label leaves out or where a part came from.
    pub note: Option<String>,
}

impl Shown {
    pub fn year(&self) -> Option<i32> {
        self.iso.as_deref()?.get(..4)?.parse().ok()
    }
}

/// A day number as `YYYY-MM-DD`.
pub fn iso(day: i64) -> String {
    CivilDate::from_days(day).to_string()
}

/// The date of an event placed at `sort_key` (readout-store's events order).
pub fn event_date(date: Option<&EventDateOut>, sort_key: i64) -> Shown {
    if let Some(d) = date {
        if let (Some(y), Some(m), Some(day)) = (d.parts.year, d.parts.month, d.parts.day) {
            let note = match d.resolved_by.as_deref() {
                None | Some("text") => None,
                Some("published") | Some("dateline_and_published") => Some(format!(
                    "the text says {}; the rest from the publication date",
                    d.text
                )),
                Some("relative") => Some(format!(
                    "the text says {}, counted from the publication date",
                    d.text
                )),
                Some(_) => Some(format!(
                    "the text says {}; completed from a version",
                    d.text
                )),
            };
            if CivilDate::new(y, m, day).is_some() {
                return Shown {
                    label: format!("{y:04}-{m:02}-{day:02}"),
                    iso: Some(format!("{y:04}-{m:02}-{day:02}")),
                    as_written: false,
                    published: false,
                    note,
                };
            }
        }
    }
    let stated = date.map(|d| d.text.clone()).filter(|t| !t.is_empty());
    if sort_key < UNDATED {
        let day = iso(sort_key);
        return Shown {
            label: day.clone(),
            iso: Some(day),
            as_written: false,
            published: true,
            note: Some(match &stated {
                Some(t) => format!("published; the text says {t}"),
                None => "published; the text states no date".into(),
            }),
        };
    }
    match stated {
        Some(t) => Shown {
            label: t,
            iso: None,
            as_written: true,
            published: false,
            note: Some("no year stated, no publication date".into()),
        },
        None => Shown {
            label: "date not stated".into(),
            iso: None,
            as_written: false,
            published: false,
            note: None,
        },
    }
}

/// A document's publication date (its day).
pub fn published(p: Option<&str>) -> Option<String> {
    let p = p?;
    Some(p.get(..10).unwrap_or(p).to_string())
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day it covers (`end` false) or the
/// last (`end` true), as a day number.
pub fn bound(s: &str, end: bool) -> Option<i64> {
    let parts: Vec<&str> = s.split('-').collect();
    let y: i32 = parts.first()?.parse().ok()?;
    let (m, d) = match parts.len() {
        1 => (if end { 12 } else { 1 }, None),
        2 => (parts[1].parse().ok()?, None),
        3 => (parts[1].parse().ok()?, Some(parts[2].parse().ok()?)),
        _ => return None,
    };
    let d = match d {
        Some(d) => d,
        None if end => readout_record::days_in_month(y, m),
        None => 1,
    };
    CivilDate::new(y, m, d).map(CivilDate::to_days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: Option<i32>, month: Option<u32>, day: Option<u32>, text: &str) -> EventDateOut {
        EventDateOut {
            parts: readout_record::PartialDate { year, month, day },
            relative: None,
            text: text.into(),
            span: None,
            resolved_by: None,
            end: None,
        }
    }

    #[test]
    fn a_full_date_is_shown_as_a_date() {
        let d = date(Some(2023), Some(4), Some(28), "4月28日");
        let s = event_date(Some(&d), 19475);
        assert_eq!(s.label, "2023-04-28");
        assert!(!s.published && !s.as_written);
    }

    #[test]
    fn a_partial_date_is_placed_by_publication_and_says_so() {
        let d = date(None, None, Some(12), "12日");
        let day = CivilDate::new(2024, 10, 13).unwrap().to_days();
        let s = event_date(Some(&d), day);
        assert_eq!(s.label, "2024-10-13");
        assert!(s.published);
        assert!(s.note.unwrap().contains("12日"));
        let s = event_date(Some(&d), UNDATED);
        assert_eq!(s.label, "12日");
        assert!(s.as_written);
        assert_eq!(event_date(None, UNDATED).label, "date not stated");
    }

    #[test]
    fn bounds_cover_their_period() {
        let day = |y, m, d| CivilDate::new(y, m, d).unwrap().to_days();
        assert_eq!(bound("2024", false), Some(day(2024, 1, 1)));
        assert_eq!(bound("2024", true), Some(day(2024, 12, 31)));
        assert_eq!(bound("2024-02", true), Some(day(2024, 2, 29)));
        assert_eq!(bound("2024-02-03", false), Some(day(2024, 2, 3)));
        assert_eq!(bound("2024-13", false), None);
    }
}
