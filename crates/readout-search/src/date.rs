//! Dates as the index keeps them: `yyyymmdd` integers, with `00` for a month
//! or day the source does not state, so a year or a month is a range.

/// Reads the leading `YYYY[-MM[-DD]]` of an ISO 8601 date or date-time
/// (`-`, `/` or `.` between parts). `None` when there is no plausible year.
fn parts(s: &str) -> Option<(i64, Option<i64>, Option<i64>)> {
    let s = s.trim();
    let mut it = s.split(['-', '/', '.', 'T', ' ']);
    let year: i64 = it.next().filter(|y| y.len() == 4)?.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let num = |p: Option<&str>, max: i64| {
        p.and_then(|p| p.get(..2).filter(|_| p.len() == 2))
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|v| (1..=max).contains(v))
    };
    let month = num(it.next(), 12);
    let day = month.and_then(|_| num(it.next(), 31));
    Some((year, month, day))
}

/// The date key of a stated date: `2023-11-28T08:50:00+08:00` → 20231128,
/// `2023-11` → 20231100, `2023` → 20230000.
pub fn date_key(s: &str) -> Option<i64> {
    let (y, m, d) = parts(s)?;
    Some(y * 10000 + m.unwrap_or(0) * 100 + d.unwrap_or(0))
}

/// The smallest key on or after the start of a `from` bound.
pub fn lower_bound(s: &str) -> Option<i64> {
    date_key(s)
}

/// The largest key within a `to` bound (`2023` takes in all of 2023).
pub fn upper_bound(s: &str) -> Option<i64> {
    let (y, m, d) = parts(s)?;
    Some(y * 10000 + m.unwrap_or(99) * 100 + d.unwrap_or(99))
}

/// The key written back as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn key_to_string(k: i64) -> String {
    let (y, m, d) = (k / 10000, k / 100 % 100, k % 100);
    match (m, d) {
        (0, _) => format!("{y:04}"),
        (_, 0) => format!("{y:04}-{m:02}"),
        _ => format!("{y:04}-{m:02}-{d:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_bounds() {
        assert_eq!(date_key("2023-11-28T08:50:00+08:00"), Some(20231128));
        assert_eq!(date_key("2023-11"), Some(20231100));
        assert_eq!(date_key("2023"), Some(20230000));
        assert_eq!(date_key("23-11-28"), None);
        assert_eq!(date_key("junk"), None);
        assert_eq!(upper_bound("2023"), Some(20239999));
        assert_eq!(upper_bound("2023-02"), Some(20230299));
        assert_eq!(key_to_string(20231100), "2023-11");
        assert_eq!(key_to_string(20231128), "2023-11-28");
    }
}
