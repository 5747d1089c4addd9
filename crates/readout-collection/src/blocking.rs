//! Blocking: which documents could be versions of one another, found through keys
//! rather than by comparing every pair. Versions of one event date alike — the same
//! event date, or publication within a week of each other — or stand in one file; a
//! document that no full date places is compared with the documents that state the same
//! date parts, and with the other undated ones.
//!
//! [`is_candidate`] is the relation (symmetric, a function of the two documents' keys
//! only, so what is linked does not depend on the order documents arrive in);
//! [`Blocks`] finds a document's candidates among many in time proportional to their
//! number.

use std::collections::HashMap;

use readout_align::link::Lang as LinkLang;
use readout_align::Signature;
use readout_record::EventKind;

use crate::doc::{LinkKeys, StatedDate};

/// Days around a document's dates within which its versions are looked for: a report
/// appears within days of its event, and a later report of it within a week.
pub const WINDOW_DAYS: i64 = 7;

/// What blocking and linking read of one document.
#[derive(Debug, Clone)]
pub struct LinkRow {
    pub id: String,
    pub lang: LinkLang,
    pub kind: EventKind,
    pub keys: LinkKeys,
    pub signature: Signature,
}

fn undated(k: &LinkKeys) -> bool {
    k.event_day.is_none() && k.published_day.is_none()
}

/// True when `b` states date parts and they agree with the full event date of `a`.
fn parts_fit(parts: &StatedDate, dated: &LinkKeys) -> bool {
    let Some(full) = dated.stated.full() else {
        return false;
    };
    (parts.month.is_some() || parts.day.is_some())
        && parts.agrees(&StatedDate {
            year: Some(full.year),
            month: Some(full.month),
            day: Some(full.day),
        })
}

/// Whether two documents could be versions of one event (before any text is compared).
pub fn is_candidate(a: &LinkRow, b: &LinkRow) -> bool {
    if a.id == b.id {
        return false;
    }
    if a.keys.file == b.keys.file {
        return true;
    }
    match (undated(&a.keys), undated(&b.keys)) {
        (false, false) => a
            .keys
            .days()
            .any(|x| b.keys.days().any(|y| (x - y).abs() <= WINDOW_DAYS)),
        (true, false) => parts_fit(&a.keys.stated, &b.keys),
        (false, true) => parts_fit(&b.keys.stated, &a.keys),
        (true, true) => a.keys.stated.agrees(&b.keys.stated),
    }
}

/// An index over rows for finding each row's candidates.
pub struct Blocks<'a> {
    rows: &'a [LinkRow],
    by_file: HashMap<&'a str, Vec<usize>>,
    /// (day, row) for every day key, sorted.
    days: Vec<(i64, usize)>,
    /// Undated rows by the day they state (`None` for rows stating no day).
    undated_by_day: HashMap<Option<u32>, Vec<usize>>,
    /// Dated rows by the day of their full event date.
    dated_by_day: HashMap<u32, Vec<usize>>,
}

impl<'a> Blocks<'a> {
    pub fn new(rows: &'a [LinkRow]) -> Blocks<'a> {
        let mut b = Blocks {
            rows,
            by_file: HashMap::new(),
            days: Vec::new(),
            undated_by_day: HashMap::new(),
            dated_by_day: HashMap::new(),
        };
        for (i, r) in rows.iter().enumerate() {
            b.by_file.entry(r.keys.file.as_str()).or_default().push(i);
            if undated(&r.keys) {
                b.undated_by_day
                    .entry(r.keys.stated.day)
                    .or_default()
                    .push(i);
            } else {
                b.days.extend(r.keys.days().map(|d| (d, i)));
                if let Some(full) = r.keys.stated.full() {
                    b.dated_by_day.entry(full.day).or_default().push(i);
                }
            }
        }
        b.days.sort_unstable();
        b
    }

    /// The candidates of row `i`, sorted and without repeats.
    pub fn candidates(&self, i: usize) -> Vec<usize> {
        let r = &self.rows[i];
        let mut out: Vec<usize> = self.by_file[r.keys.file.as_str()].clone();
        if undated(&r.keys) {
            match r.keys.stated.day {
                // Dated rows whose event falls on the day it states, and undated rows
                // stating that day or none.
                Some(day) => {
                    out.extend(self.dated_by_day.get(&day).into_iter().flatten());
                    out.extend(self.undated_by_day.get(&Some(day)).into_iter().flatten());
                    out.extend(self.undated_by_day.get(&None).into_iter().flatten());
                }
                // Stating no day, it can only meet other undated rows.
                None => out.extend(self.undated_by_day.values().flatten()),
            }
        } else {
            for d in r.keys.days() {
                let lo = self.days.partition_point(|&(x, _)| x < d - WINDOW_DAYS);
                out.extend(
                    self.days[lo..]
                        .iter()
                        .take_while(|&&(x, _)| x <= d + WINDOW_DAYS)
                        .map(|&(_, j)| j),
                );
            }
            if let Some(full) = r.keys.stated.full() {
                out.extend(
                    self.undated_by_day
                        .get(&Some(full.day))
                        .into_iter()
                        .flatten(),
                );
                out.extend(self.undated_by_day.get(&None).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&j| is_candidate(r, &self.rows[j]));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_record::CivilDate;

    fn row(
        id: &str,
        file: &str,
        stated: (Option<i32>, Option<u32>, Option<u32>),
        published: Option<(i32, u32, u32)>,
    ) -> LinkRow {
        let stated = StatedDate {
            year: stated.0,
            month: stated.1,
            day: stated.2,
        };
        LinkRow {
            id: id.into(),
            lang: LinkLang::Zh,
            kind: EventKind::Other,
            keys: LinkKeys {
                file: file.into(),
                stated,
                event_day: stated.full().map(CivilDate::to_days),
                published_day: published.map(|p| CivilDate::from(p).to_days()),
            },
            signature: Signature::new("", 5),
        }
    }

    #[test]
    fn candidates_date_alike_or_share_a_file() {
        let rows = vec![
            row(
                "a",
                "f1",
                (Some(2023), Some(11), Some(27)),
                Some((2023, 11, 28)),
            ),
            row("b", "f2", (None, Some(11), Some(27)), None),
            row("c", "f3", (Some(2023), Some(12), Some(27)), None),
            row("d", "f4", (None, None, None), Some((2023, 12, 1))),
            row("e", "f1", (None, None, None), None),
            row("f", "f5", (None, None, Some(12)), None),
            row("g", "f6", (None, None, None), None),
            row("h", "f7", (Some(2024), Some(11), Some(27)), None),
        ];
        let b = Blocks::new(&rows);
        let ids = |i: usize| -> Vec<&str> {
            b.candidates(i)
                .iter()
                .map(|&j| rows[j].id.as_str())
                .collect()
        };
        // a: its file (e), the undated b stating its month and day, d published 3 days
        // after its publication; not c a month later, not h a year later.
        assert_eq!(ids(0), vec!["b", "d", "e"]);
        // b states 11-27 and no year: a and h fit; undated e and g state nothing
        // against it.
        assert_eq!(ids(1), vec!["a", "e", "g", "h"]);
        assert_eq!(ids(2), Vec::<&str>::new());
        assert_eq!(ids(5), vec!["e", "g"]);
        assert_eq!(ids(6), vec!["b", "e", "f"]);
        // The relation is symmetric.
        for i in 0..rows.len() {
            for j in b.candidates(i) {
                assert!(
                    b.candidates(j).contains(&i),
                    "{} {}",
                    rows[i].id,
                    rows[j].id
                );
            }
        }
    }
}
