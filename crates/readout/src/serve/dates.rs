//! Event dates as a reader should see them: a full date as a date, a partial one as
//! what the text states (12日, 昨日), never completed by guessing; and a sort position
//! for the timeline (the stated date, else the publication date of the original).

use super::catalog::Catalog;
use super::shapes::{DateView, EventView};

/// How an event's date is shown and ordered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// What is shown: `2023-11-27`, or the expression as written (`12日`).
    pub label: String,
    /// Whether `label` is text in the document's language (a partial date as written).
    pub as_written: bool,
    /// What the label leaves out or where a part came from.
    pub note: Option<String>,
    /// Year, month, day for ordering (the publication date stands in for a partial one).
    pub sort: Option<(i32, u32, u32)>,
    /// The year to file the event under: stated, else that of publication.
    pub year: Option<i32>,
}

fn parse_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let y = s.get(..4)?.parse().ok()?;
    let m = s.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(0);
    let d = s.get(8..10).and_then(|d| d.parse().ok()).unwrap_or(0);
    Some((y, m, d))
}

pub fn event_when(e: &EventView, catalog: &Catalog) -> When {
    let published = catalog.published(&e.original).and_then(parse_ymd);
    match &e.date {
        None => When {
            label: "date not stated".into(),
            as_written: false,
            note: published.map(|_| "placed by its publication date".into()),
            sort: published,
            year: published.map(|p| p.0),
        },
        Some(d) => describe(d, published),
    }
}

fn describe(d: &DateView, published: Option<(i32, u32, u32)>) -> When {
    if let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day) {
        let note = match d.resolved_by.as_deref() {
            None | Some("text") => None,
            Some("published") => Some(format!(
                "the text says {}; the rest from the publication date",
                d.text
            )),
            Some(other) => Some(format!("the text says {}; completed from {other}", d.text)),
        };
        return When {
            label: format!("{y:04}-{m:02}-{day:02}"),
            as_written: false,
            note,
            sort: Some((y, m, day)),
            year: Some(y),
        };
    }
    let note = if let Some(rel) = &d.relative {
        Some(format!(
            "{rel}: relative to the day of publication, which the text does not state"
        ))
    } else {
        let mut missing = Vec::new();
        if d.day.is_none() {
            missing.push("day");
        }
        if d.month.is_none() {
            missing.push("month");
        }
        if d.year.is_none() {
            missing.push("year");
        }
        (!missing.is_empty()).then(|| format!("{} not stated", missing.join(", ")))
    };
    // Order by what is stated, filling the rest from the publication date.
    let sort = match (d.year, published) {
        (Some(y), _) => Some((y, d.month.unwrap_or(0), d.day.unwrap_or(0))),
        (None, Some(p)) => Some(p),
        (None, None) => None,
    };
    When {
        label: if d.text.is_empty() {
            "date not stated".into()
        } else {
            d.text.clone()
        },
        as_written: !d.text.is_empty(),
        note,
        sort,
        year: d.year.or(published.map(|p| p.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: Option<i32>, month: Option<u32>, day: Option<u32>, text: &str) -> DateView {
        DateView {
            year,
            month,
            day,
            relative: None,
            text: text.into(),
            span: None,
            resolved_by: None,
        }
    }

    #[test]
    fn a_day_alone_is_shown_as_written_and_says_what_is_missing() {
        let w = describe(&date(None, None, Some(12), "12日"), Some((2024, 10, 13)));
        assert_eq!(w.label, "12日");
        assert!(w.as_written);
        assert_eq!(w.note.as_deref(), Some("month, year not stated"));
        assert_eq!(w.sort, Some((2024, 10, 13)));
    }

    #[test]
    fn a_relative_date_is_not_resolved() {
        let mut d = date(None, None, None, "昨日");
        d.relative = Some("昨日".into());
        let w = describe(&d, None);
        assert_eq!(w.label, "昨日");
        assert!(w.note.unwrap().contains("relative"));
        assert_eq!(w.sort, None);
        assert_eq!(w.year, None);
    }

    #[test]
    fn a_full_date_says_where_its_year_came_from() {
        let mut d = date(Some(2023), Some(11), Some(27), "11月27日");
        d.resolved_by = Some("published".into());
        let w = describe(&d, None);
        assert_eq!(w.label, "2023-11-27");
        assert!(!w.as_written);
        assert!(w.note.unwrap().contains("publication"));
        assert_eq!(w.year, Some(2023));
    }

    #[test]
    fn publication_dates_parse_by_parts() {
        assert_eq!(parse_ymd("2023-11-28T08:50"), Some((2023, 11, 28)));
        assert_eq!(parse_ymd("2023"), Some((2023, 0, 0)));
        assert_eq!(parse_ymd("x"), None);
    }
}
