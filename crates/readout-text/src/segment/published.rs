//! published: publication dates from what states them outside the prose: a date as a
//! feed or a meta tag writes it (RFC 3339, RFC 822, "2024-01-04 10:32"), and a date in
//! a document's address or a file's path (`/2024/01/04/`, `/202401/04/`, `t20240104_`,
//! `20240104.md`, `2024-01-04-x.html`).

use super::boilerplate::parse_datetime;
use readout_lang::en_month_titled;

/// A date-time as feeds and meta tags write it, as ISO 8601 (with its offset when one
/// is stated: `Z` is written `+00:00`).
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let s = raw.trim();
    if let Some((iso, len)) = parse_datetime(s) {
        let rest = &s[len..];
        // Fractions of a second are dropped; the offset kept.
        let rest = rest
            .strip_prefix('.')
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()))
            .unwrap_or(rest);
        return Some(match offset(rest) {
            Some(z) if iso.len() > 10 => format!("{iso}{z}"),
            _ => iso,
        });
    }
    rfc822(s)
}

/// An offset right after a time: `Z`, `+08:00`, `+0800`.
fn offset(rest: &str) -> Option<String> {
    let r = rest.trim_start();
    if r.starts_with('Z') || r.starts_with("GMT") || r.starts_with("UTC") && r.len() == 3 {
        return Some("+00:00".into());
    }
    let sign = r.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let digits: String = r[1..]
        .chars()
        .take(5)
        .filter(|c| c.is_ascii_digit())
        .collect();
    (digits.len() == 4).then(|| format!("{sign}{}:{}", &digits[..2], &digits[2..]))
}

/// RFC 822 / RFC 2822 as RSS writes it: "Thu, 04 Jan 2024 08:00:00 +0800".
fn rfc822(s: &str) -> Option<String> {
    let s = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let mut w = s.split_whitespace();
    let day: u32 = w.next()?.parse().ok()?;
    let month = en_month_titled(w.next()?.trim_end_matches('.'))?;
    let year: u32 = w.next()?.parse().ok()?;
    let year = if year < 100 { 2000 + year } else { year };
    if !(1..=31).contains(&day) || !(1900..=2100).contains(&year) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    if let Some(time) = w.next() {
        let parts: Vec<&str> = time.split(':').collect();
        let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
        if let (Some(h), Some(m)) = (num(0), num(1)) {
            if h < 24 && m < 60 {
                iso.push_str(&format!(
                    "T{h:02}:{m:02}:{:02}",
                    num(2).unwrap_or(0).min(60)
                ));
                let zone = w.next().unwrap_or("");
                if let Some(z) = offset(zone) {
                    iso.push_str(&z);
                }
            }
        }
    }
    Some(iso)
}

/// The date that an address or a path states, as `YYYY-MM-DD`. Separated year, month
/// and day (`/2024/01/04/`, `2024-01-04`, `/2024-01/04/`, `/202401/04/`, `/2024/0104/`)
/// come before eight digits run together (`t20240104_`, `20240104.md`); a url's query
/// and fragment are not looked at.
pub(crate) fn from_locator(s: &str) -> Option<String> {
    let s = s.split(['?', '#']).next().unwrap_or(s);
    // The path part only: a host name holds no date.
    let path = match s.find("://") {
        Some(k) => s[k + 3..].find('/').map_or("", |p| &s[k + 3 + p..]),
        None => s,
    };
    // Runs of digits with the separator that follows each.
    let b = path.as_bytes();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let s0 = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((s0, i));
        } else {
            i += 1;
        }
    }
    let num = |r: (usize, usize)| path[r.0..r.1].parse::<u32>().ok();
    let sep = |a: (usize, usize), c: (usize, usize)| {
        let between = &path[a.1..c.0];
        matches!(between, "/" | "-" | "_" | "\\" | ".")
    };
    let mut eight = None;
    for k in 0..runs.len() {
        let r = runs[k];
        let len = r.1 - r.0;
        let next = runs.get(k + 1).copied().filter(|&n| sep(r, n));
        let after = next.and_then(|n| runs.get(k + 2).copied().filter(|&m| sep(n, m)));
        let date = match (len, next.map(|n| n.1 - n.0), after.map(|a| a.1 - a.0)) {
            // 2024/01/04, 2024-1-4
            (4, Some(1..=2), Some(1..=2)) => valid(num(r)?, num(next?)?, num(after?)?),
            // 202401/04
            (6, Some(1..=2), _) => valid(num(r)? / 100, num(r)? % 100, num(next?)?),
            // 2024/0104
            (4, Some(4), _) => valid(num(r)?, num(next?)? / 100, num(next?)? % 100),
            _ => None,
        };
        if date.is_some() {
            return date;
        }
        if len == 8 && eight.is_none() {
            let v = num(r)?;
            eight = valid(v / 10000, v / 100 % 100, v % 100);
        }
    }
    eight
}

/// The date as `YYYY-MM-DD` when it exists and falls in the years archives hold.
fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    let date = readout_lang::CivilDate::new(i32::try_from(y).ok()?, m, d)?;
    (1990..=2100).contains(&y).then(|| date.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_and_meta_dates() {
        assert_eq!(
            normalize("2025-06-05T00:00:00.000Z").as_deref(),
            Some("2025-06-05T00:00:00+00:00")
        );
        assert_eq!(
            normalize("2024-01-04T08:00:00+08:00").as_deref(),
            Some("2024-01-04T08:00:00+08:00")
        );
        assert_eq!(
            normalize("Thu, 04 Jan 2024 08:00:00 +0800").as_deref(),
            Some("2024-01-04T08:00:00+08:00")
        );
        assert_eq!(
            normalize("04 Jan 2024 08:00 GMT").as_deref(),
            Some("2024-01-04T08:00:00+00:00")
        );
        assert_eq!(normalize("2024-01-04").as_deref(), Some("2024-01-04"));
        assert_eq!(normalize("2024年1月4日").as_deref(), Some("2024-01-04"));
        assert_eq!(normalize("yesterday"), None);
    }

    #[test]
    fn dates_in_addresses_and_paths() {
        let d = |s: &str| from_locator(s);
        assert_eq!(
            d("https://tv.cctv.com/2024/01/04/VIDEabc240104.shtml").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            d("http://www.gov.cn/zhengce/202401/04/content_1.htm").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            d("http://x.cn/gmrb/html/2026-01/04/nw.D1_20260104_4-04.htm").as_deref(),
            Some("2026-01-04")
        );
        assert_eq!(
            d("http://politics.people.com.cn/n1/2025/0605/c1001-40494879.html").as_deref(),
            Some("2025-06-05")
        );
        assert_eq!(
            d("http://www.x.gov.cn/art/t20240104_123.html").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            d("https://x.cn/a/20240104.shtml").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            d("corpora/xwlb/days/20230101.md").as_deref(),
            Some("2023-01-01")
        );
        assert_eq!(
            d("archive/2024-01-04-meeting.html").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            d("archive/2024/01/04/index.html").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(
            d("C:\\news\\2024\\01\\04\\a.txt").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(d("https://x.cn/a?date=2024-01-04"), None);
        assert_eq!(d("https://2024.01.04.example.com/a"), None);
        assert_eq!(d("report-2024.txt"), None);
        assert_eq!(d("x/20241304.md"), None);
        assert_eq!(d("x/99999999.md"), None);
    }
}
