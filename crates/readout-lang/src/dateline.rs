//! Datelines: the opening of a news report that names the agency, the place and the
//! day. The one recognizer the reader (which sees the text as written, in either
//! script) and the record (which sees its mainland view, white space dropped and
//! punctuation folded to full width) both call.
//!
//! The forms:
//!
//! - Chinese, agency then place and day then 电: `新华社北京11月27日电`,
//!   `本報香港3月5日電`, `新华社电`, `中新网北京2024年1月4日电`, with the reporters
//!   credited in a bracket after it (`（记者 张三 李四）`). After a day (…日) the
//!   agencies that write 讯 or 消息 for 电 are read too (`人民网北京3月5日讯`).
//! - Chinese news leads, an agency without place or day: `本报讯`, `新华社消息`,
//!   `央视网消息（新闻联播）：` (the bracket naming the programme or edition belongs
//!   to the dateline; one that credits reporters does not).
//! - English, comma-separated parts before a dash: `Xinhua News Agency, Beijing,
//!   November 27 –`, `BEIJING, Nov. 27 (Xinhua) --`, `SHANGHAI (Reuters) -`.
//!
//! [`find`] returns the dateline's byte range, where the report itself starts, the
//! agency, the place, the month and day (and a year when one is written) as a
//! [`PartialDate`], the reporters and whether it is a news lead.
//!
//! What was reconciled when the reader's scanner and the record's regexes became this
//! one function:
//!
//! - **Agencies**: the union of both lists (the record's twelve were all in the
//!   reader's list, which also has 本台, 本网, 中新网, 中国日报, 中央社, 法制日报,
//!   解放军报), each in both scripts; the longest one written wins.
//! - **What may stand before a dateline**: the record's regex skipped up to 20
//!   characters that were not Han (any of them: digits, Latin letters, brackets) or
//!   HTML remnants; the reader skipped nothing. A dateline is the first thing a report
//!   writes, so what can precede it in a paragraph is not text but what is left of
//!   the page around it: markup (`<p>`), character references (`&nbsp;`, `&#12288;`),
//!   white space and invisible characters (a reference may end in `；`, as the
//!   record's view folds `;`). Up to 20 of those are skipped; anything else
//!   (`1. 新华社…`, `“新华社…`) means the paragraph does not open with a dateline: the
//!   closing credit `（新华社北京1月2日电 新华社记者）` that ends a reprinted report,
//!   or `（本报记者… 本报通讯员…）`, which the record's regex took for one (the `（`
//!   skipped as junk, 通讯 read as …讯), is none. The same remnants are skipped after
//!   it, where the report starts. (The reader, which reads cleaned paragraphs, takes
//!   only a dateline at offset 0, so that a document's dateline opens its body.)
//! - **Between agency and 电**: the reader took Han, digits and `·` only (at most 16);
//!   the record took any 12 characters but `，。！？`, then the month and day. Place
//!   names and dates are Han and digits, and white space may split them (`新华社北京
//!   12 月 9 日电`): those, up to 20 besides white space.
//! - **The word that ends it**: the reader took 电 only after a place or day, the
//!   record also 讯 and 消息 anywhere (so `新华社发表消息` and `新华社长篇通讯：` were
//!   datelines). 讯 and 消息 end a dateline right after the agency (a news lead) or
//!   right after a day.
//! - **A news lead** is not followed by `，` or a Latin letter or digit (the reader's
//!   rule; the record had none): `新华社消息，…` reports a message, it is no lead.
//! - **The bracket after it**: the reader read reporters (`记者…`, up to 40
//!   characters of names); the record stepped over any bracket of up to 30. Both:
//!   a credit names the reporters, another short bracket is stepped over, and the
//!   report starts after it and after a colon.
//! - **Dates**: the record captured ASCII month and day only, the reader none (it
//!   found a year apart). Here the month and day in ASCII, full-width or Chinese
//!   numerals, with the year when written (`2024年1月4日`); a day alone
//!   (`中央社台北27日電`) gives the day.
//! - **English**: the reader took any capitalized place and agency with the date or a
//!   bracketed agency before a spaced dash; the record a place of up to four words
//!   with a month and day, one of five agencies in brackets, and any run of hyphens
//!   (its view folds `–` and `—` to `-`). Here the reader's parts with the record's
//!   dashes: `--`, `–` and `—` anywhere, a single `-` after a space, a digit or `)`
//!   and before a space; a year after the day (`Nov. 27, 2023`) is read too.

use crate::chars::floor_boundary;
use crate::han::is_han;
use crate::months::en_month_titled;
use crate::numerals::zh_number;
use crate::partial::PartialDate;
use std::ops::Range;

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// Byte range of the dateline as written (markup before it excluded; the
    /// reporters' bracket, a colon or a dash after it excluded).
    pub range: Range<usize>,
    /// The dateline as written: `text[range]`.
    pub text: &'a str,
    /// Byte offset where the report itself starts: past the dateline, the bracket
    /// after it, a colon or dash, and white space or markup.
    pub body: usize,
    /// The agency as written (新华社, 新華社, `Xinhua`); `None` for an English dateline
    /// that names none (`SHANGHAI, Nov. 27 --`).
    pub agency: Option<&'a str>,
    /// The place as written (北京, `BEIJING`), when the dateline names one.
    pub place: Option<&'a str>,
    /// The month and day, and the year when written.
    pub date: PartialDate,
    /// The reporters credited after a Chinese dateline (`（记者 张三）` gives `张三`).
    pub reporters: Option<&'a str>,
    /// A news lead: an agency without place or day (本报讯, 央视网消息（新闻联播）).
    pub lead: bool,
}

/// News organisations that open their reports with a dateline, as the reports write
/// them in either script.
pub const AGENCIES_ZH: &[&str] = &[
    "新华社",
    "新華社",
    "新华网",
    "新華網",
    "本报",
    "本報",
    "本台",
    "本网",
    "本網",
    "人民网",
    "人民網",
    "人民日报",
    "人民日報",
    "中新社",
    "中新网",
    "中新網",
    "中国新闻网",
    "中國新聞網",
    "央视网",
    "央視網",
    "央视新闻",
    "央視新聞",
    "光明日报",
    "光明日報",
    "经济日报",
    "經濟日報",
    "中国日报",
    "中國日報",
    "中央社",
    "法制日报",
    "法制日報",
    "解放军报",
    "解放軍報",
    "求是网",
    "求是網",
];

/// English agency names that may open a dateline as its first part
/// (`Xinhua News Agency, Beijing, November 27 –`).
const AGENCIES_EN: &[&str] = &[
    "Xinhua News Agency",
    "Xinhua",
    "China News Service",
    "China Daily",
    "Chinadaily.com.cn",
    "People's Daily",
    "CGTN",
    "Reuters",
    "AFP",
    "AP",
];

/// The first characters of [`AGENCIES_ZH`]: a cheap gate run on every line.
fn may_start_agency(c: char) -> bool {
    matches!(
        c,
        '新' | '本' | '人' | '中' | '央' | '光' | '经' | '經' | '法' | '解' | '求'
    )
}

/// How many pieces of markup, white space or invisible characters may stand before a
/// dateline.
const MAX_FILLER: usize = 20;

/// Characters (white space aside) a place and date may take between agency and 电.
const MAX_PLACE_AND_DAY: usize = 20;

/// Characters of a programme or edition bracket after a news lead (（新闻联播）).
const MAX_EDITION: usize = 16;

/// Characters of a bracket after a dateline the report starts after (a note).
const MAX_NOTE: usize = 30;

/// Characters of the names a reporters' credit may hold.
const MAX_REPORTERS: usize = 40;

/// Bytes of an English text searched for the dash that ends a dateline.
const EN_HEAD_BYTES: usize = 160;

/// Words an English dateline may hold before its dash.
const MAX_EN_WORDS: usize = 12;

/// Finds the dateline that opens `text`, Chinese or English, in either script.
pub fn find(text: &str) -> Option<Dateline<'_>> {
    let start = skip_filler(text, 0, MAX_FILLER);
    let first = text[start..].chars().next()?;
    if may_start_agency(first) {
        find_zh(text, start)
    } else if first.is_ascii_uppercase() {
        find_en(text, start)
    } else {
        None
    }
}

/// True when `text` opens with a dateline.
pub fn starts_with_dateline(text: &str) -> bool {
    find(text).is_some()
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// Past up to `max` pieces of markup (`<p>`), character references (`&nbsp;`,
/// `&#12288;`), white space or invisible characters from `i`.
fn skip_filler(text: &str, mut i: usize, max: usize) -> usize {
    for _ in 0..max {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() || invisible(c) {
            i += c.len_utf8();
        } else if let Some(n) = markup_len(rest) {
            i += n;
        } else {
            break;
        }
    }
    i
}

/// The byte length of a tag (`<p>`, `</span>`, up to 40 characters inside) or a
/// character reference (`&nbsp;`, `&#160;`, `&#xa0;`) opening `s`. The reference may
/// end in a full-width `；`: the record's Chinese view folds ASCII punctuation.
fn markup_len(s: &str) -> Option<usize> {
    if let Some(inner) = s.strip_prefix('<') {
        let close = inner.find('>')?;
        let body = &inner[..close];
        let ok = body.chars().count() <= 40
            && body
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        return ok.then_some(close + 2);
    }
    let inner = s.strip_prefix('&')?;
    let semi = inner.find([';', '；'])?;
    let name = &inner[..semi];
    let end = semi + 1 + inner[semi..].chars().next().map_or(0, char::len_utf8);
    let ok = if let Some(num) = name.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(hex) => (1..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()),
            None => (1..=7).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit()),
        }
    } else {
        (2..=8).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_alphanumeric())
    };
    ok.then_some(end)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || invisible(c)
}

/// Past white space from `i`.
fn skip_space(text: &str, i: usize) -> usize {
    i + text[i..].len() - text[i..].trim_start_matches(is_space).len()
}

/// A bracket at `i` (（…） or (…)): the byte range of its inside and the offset past it.
fn bracket(text: &str, i: usize) -> Option<(Range<usize>, usize)> {
    let rest = &text[i..];
    let open = ['（', '('].into_iter().find(|&o| rest.starts_with(o))?;
    let from = i + open.len_utf8();
    let close = text[from..].find(['）', ')'])?;
    let inner = from..from + close;
    let end = inner.end + text[inner.end..].chars().next().map_or(0, char::len_utf8);
    Some((inner, end))
}

/// The names a reporters' credit holds (`记者 张三 李四` gives `张三 李四`).
fn credit(inner: &str) -> Option<&str> {
    let t = inner.trim_matches(is_space);
    let names = t
        .strip_prefix("记者")
        .or_else(|| t.strip_prefix("記者"))?
        .trim_matches(is_space);
    (!names.is_empty() && names.chars().count() <= MAX_REPORTERS).then_some(names)
}

/// Past a colon at `i`, and the white space and markup after.
fn report_start(text: &str, i: usize) -> usize {
    let i = skip_space(text, i);
    let i = match text[i..].chars().next() {
        Some(c @ ('：' | ':')) => i + c.len_utf8(),
        _ => i,
    };
    skip_filler(text, i, MAX_FILLER)
}

fn find_zh(text: &str, start: usize) -> Option<Dateline<'_>> {
    let rest = &text[start..];
    let agency = AGENCIES_ZH
        .iter()
        .filter(|a| rest.starts_with(**a))
        .max_by_key(|a| a.len())?;
    let a_end = start + agency.len();
    let agency = &text[start..a_end];
    if let Some(d) = news_lead(text, start, a_end) {
        return Some(d);
    }
    // Place and day, then 电: "北京11月27日电"; nothing else may stand between.
    let mut n = 0;
    let mut last = None;
    let mut term = None;
    for (off, c) in text[a_end..].char_indices() {
        let i = a_end + off;
        if c == '电' || c == '電' {
            term = Some((i, i + c.len_utf8()));
            break;
        }
        if last == Some('日') {
            if c == '讯' || c == '訊' {
                term = Some((i, i + c.len_utf8()));
                break;
            }
            if text[i..].starts_with("消息") {
                term = Some((i, i + "消息".len()));
                break;
            }
        }
        if is_space(c) {
            continue;
        }
        n += 1;
        let ok =
            is_han(c) || c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '〇' || c == '·';
        if !ok || n > MAX_PLACE_AND_DAY {
            return None;
        }
        last = Some(c);
    }
    let (t_start, t_end) = term?;
    let middle = &text[a_end..t_start];
    let (place, date) = place_and_date(middle);
    // The reporters' credit, or a short note, in a bracket after it.
    let mut body = t_end;
    let mut reporters = None;
    let after = skip_space(text, t_end);
    if let Some((inner, end)) = bracket(text, after) {
        if let Some(names) = credit(&text[inner.clone()]) {
            reporters = Some(names);
            body = end;
        } else if text[inner].chars().count() <= MAX_NOTE {
            body = end;
        }
    }
    Some(Dateline {
        range: start..t_end,
        text: &text[start..t_end],
        body: report_start(text, body),
        agency: Some(agency),
        place,
        date,
        reporters,
        lead: false,
    })
}

/// "央视网消息（新闻联播）：", "本报讯": an agency's lead without place or day, with the
/// programme or edition named in brackets.
fn news_lead(text: &str, start: usize, a_end: usize) -> Option<Dateline<'_>> {
    let rest = &text[a_end..];
    let word = ["消息", "讯", "訊"]
        .iter()
        .find(|w| rest.starts_with(**w))?;
    let mut end = a_end + word.len();
    let mut reporters = None;
    let mut body = end;
    if let Some((inner, past)) = bracket(text, end) {
        if let Some(names) = credit(&text[inner.clone()]) {
            reporters = Some(names);
            body = past;
        } else if text[inner].chars().count() <= MAX_EDITION {
            end = past;
            body = past;
        } else {
            return None;
        }
    }
    // What follows opens the report: a colon, a space, or its first sentence.
    let next = text[end..].chars().next();
    if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '，' || c == ',') {
        return None;
    }
    Some(Dateline {
        range: start..end,
        text: &text[start..end],
        body: report_start(text, body),
        agency: Some(&text[start..a_end]),
        place: None,
        date: PartialDate::default(),
        reporters,
        lead: true,
    })
}

/// A numeral of a date: ASCII, full-width or Chinese digits.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || matches!(
            c,
            '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
}

/// The value of a date numeral, white space dropped and full-width digits folded.
fn numeral_value(s: &str) -> Option<u32> {
    let folded: String = s
        .chars()
        .filter(|c| !is_space(*c))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    zh_number(&folded)
}

/// The place and the date of what stands between agency and 电: `北京11月27日` gives
/// 北京 and 11-27, `北京 12 月 9 日` 北京 and 12-09, `台北27日` 台北 and day 27.
fn place_and_date(middle: &str) -> (Option<&str>, PartialDate) {
    // Non-space chars with their byte offsets, read from the end.
    let cs: Vec<(usize, char)> = middle
        .char_indices()
        .filter(|(_, c)| !is_space(*c))
        .collect();
    let mut date = PartialDate::default();
    let mut date_start = middle.len();
    let mut k = cs.len();
    // A run of numerals that ends just before index `k`: its start index.
    let numerals_before = |k: usize| {
        let mut j = k;
        while j > 0 && is_numeral(cs[j - 1].1) {
            j -= 1;
        }
        j
    };
    let value = |a: usize, b: usize| -> Option<u32> {
        let from = cs[a].0;
        let to = cs[b - 1].0 + cs[b - 1].1.len_utf8();
        numeral_value(&middle[from..to])
    };
    if k > 0 && cs[k - 1].1 == '日' {
        let j = numerals_before(k - 1);
        let day = (j < k - 1).then(|| value(j, k - 1)).flatten();
        if let Some(day) = day.filter(|d| (1..=31).contains(d)) {
            date.day = Some(day);
            k = j;
            date_start = cs[j].0;
            if k > 0 && cs[k - 1].1 == '月' {
                let j = numerals_before(k - 1);
                let month = (j < k - 1).then(|| value(j, k - 1)).flatten();
                if let Some(month) = month.filter(|m| (1..=12).contains(m)) {
                    date.month = Some(month);
                    k = j;
                    date_start = cs[j].0;
                    if k > 0 && cs[k - 1].1 == '年' {
                        let j = numerals_before(k - 1);
                        if k - 1 - j == 4 {
                            if let Some(y) = value(j, k - 1) {
                                date.year = i32::try_from(y).ok();
                                date_start = cs[j].0;
                            }
                        }
                    }
                }
            }
        }
    }
    let place = middle[..date_start].trim_matches(is_space);
    ((!place.is_empty()).then_some(place), date)
}

/// The first dash that ends an English dateline in `head`: its byte offset and the
/// offset past it. `--`, `–` and `—` anywhere; a single `-` after a space, digit or
/// `)` and before a space.
fn en_dash(head: &str) -> Option<(usize, usize)> {
    let is_dash = |c: char| matches!(c, '-' | '–' | '—');
    let mut prev = None;
    let mut it = head.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_dash(c) {
            let run_end = head[i..]
                .char_indices()
                .find(|&(_, d)| !is_dash(d))
                .map_or(head.len(), |(o, _)| i + o);
            let run = &head[i..run_end];
            let next = head[run_end..].chars().next();
            let ok = run != "-"
                || (prev
                    .is_some_and(|p: char| p.is_whitespace() || p.is_ascii_digit() || p == ')')
                    && next.is_none_or(char::is_whitespace));
            if ok {
                return Some((i, run_end));
            }
            // Step past the run.
            while it.peek().is_some_and(|&(j, _)| j < run_end) {
                it.next();
            }
            prev = run.chars().last();
            continue;
        }
        prev = Some(c);
    }
    None
}

fn find_en(text: &str, start: usize) -> Option<Dateline<'_>> {
    let rest = &text[start..];
    let head = &rest[..floor_boundary(rest, EN_HEAD_BYTES)];
    let (dash, past) = en_dash(head)?;
    let prefix = head[..dash].trim_end();
    if prefix.is_empty() || prefix.split_whitespace().count() > MAX_EN_WORDS {
        return None;
    }
    let mut place = None;
    let mut agency = None;
    let mut named = false;
    let mut date = PartialDate::default();
    for (k, chunk) in prefix.split(',').enumerate() {
        let chunk = chunk.trim();
        // A trailing "(Xinhua)" names the agency.
        let (words, paren) = match chunk.find('(') {
            Some(p) => {
                let inner = chunk[p + 1..].strip_suffix(')')?;
                if inner.is_empty() || !inner.starts_with(|c: char| c.is_uppercase()) {
                    return None;
                }
                (chunk[..p].trim(), Some(inner))
            }
            None => (chunk, None),
        };
        if paren.is_some() {
            agency = paren;
        }
        if words.is_empty() {
            // Only a bracketed agency may stand alone between commas.
            paren?;
            continue;
        }
        if let Some((m, d)) = month_day(words) {
            date.month = Some(m);
            date.day = Some(d);
        } else if date.day.is_some()
            && date.year.is_none()
            && words.len() == 4
            && words.bytes().all(|b| b.is_ascii_digit())
        {
            date.year = words.parse().ok();
        } else if words
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "of")
        {
            if k == 0 && AGENCIES_EN.contains(&words) {
                agency = agency.or(Some(words));
                named = true;
            } else if place.is_none() {
                place = Some(words);
            }
        } else {
            return None;
        }
    }
    // A place (or an agency named in its stead) and a day or a bracketed agency.
    let bracketed = prefix.contains('(');
    if !((place.is_some() || named) && (date.day.is_some() || bracketed)) {
        return None;
    }
    let range = start..start + prefix.len();
    Some(Dateline {
        text: &text[range.clone()],
        range,
        body: skip_filler(text, start + past, MAX_FILLER),
        agency,
        place,
        date,
        reporters: None,
        lead: false,
    })
}

/// "Nov. 27", "November 27th": the month and day.
fn month_day(words: &str) -> Option<(u32, u32)> {
    let mut it = words.split_whitespace();
    let (Some(m), Some(d), None) = (it.next(), it.next(), it.next()) else {
        return None;
    };
    let m = en_month_titled(m)?;
    let d = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| d.strip_suffix(s))
        .unwrap_or(d);
    if d.is_empty() || d.len() > 2 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = d.parse().ok()?;
    (1..=31).contains(&d).then_some((m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<&str> {
        find(s).map(|d| d.text)
    }

    fn md(month: u32, day: u32) -> PartialDate {
        PartialDate {
            year: None,
            month: Some(month),
            day: Some(day),
        }
    }

    #[test]
    fn simplified_dateline_with_place_and_day() {
        let s = "新华社北京11月27日电 中共中央政治局";
        let d = find(s).unwrap();
        assert_eq!(d.text, "新华社北京11月27日电");
        assert_eq!(d.range, 0..d.text.len());
        assert_eq!(d.agency, Some("新华社"));
        assert_eq!(d.place, Some("北京"));
        assert_eq!(d.date, md(11, 27));
        assert_eq!(&s[d.body..], "中共中央政治局");
        assert!(!d.lead && d.reporters.is_none());
        assert_eq!(text("新华社电 中共中央总书记"), Some("新华社电"));
        let d = find("新华社电 中共中央").unwrap();
        assert_eq!((d.place, d.date), (None, PartialDate::default()));
    }

    #[test]
    fn traditional_dateline() {
        let d = find("本報香港3月5日電 特區政府").unwrap();
        assert_eq!(d.text, "本報香港3月5日電");
        assert_eq!((d.agency, d.place), (Some("本報"), Some("香港")));
        assert_eq!(d.date, md(3, 5));
        let d = find("新華社北京11月27日電（記者 張三）").unwrap();
        assert_eq!(d.reporters, Some("張三"));
        // The agency's own reporters, a day without month.
        let d = find("中央社台北27日電 行政院").unwrap();
        assert_eq!((d.agency, d.place), (Some("中央社"), Some("台北")));
        assert_eq!((d.date.month, d.date.day), (None, Some(27)));
    }

    #[test]
    fn dates_in_any_numerals_with_a_year_and_spaces() {
        let d = find("新华社北京2024年1月4日电").unwrap();
        assert_eq!(
            d.date.full().map(|c| c.to_string()).as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(d.place, Some("北京"));
        let d = find("新华社北京 12 月 9 日电 &nbsp;中共中央").unwrap();
        assert_eq!(d.date, md(12, 9));
        assert_eq!(d.place, Some("北京"));
        assert_eq!(d.text, "新华社北京 12 月 9 日电");
        let s = "新华社北京 12 月 9 日电 &nbsp;中共中央";
        assert_eq!(&s[d.body..], "中共中央");
        assert_eq!(find("新华社北京十一月二十七日电").unwrap().date, md(11, 27));
        assert_eq!(find("新华社北京１１月２７日电").unwrap().date, md(11, 27));
        // Not a date: the place keeps it all.
        let d = find("新华社北京13月40日电").unwrap();
        assert_eq!((d.place, d.date.day), (Some("北京13月40日"), None));
    }

    #[test]
    fn reporters_credit() {
        let s = "本报北京3月5日电（记者 王某 李某）今天";
        let d = find(s).unwrap();
        assert_eq!(d.text, "本报北京3月5日电");
        assert_eq!(d.reporters, Some("王某 李某"));
        assert_eq!(&s[d.body..], "今天");
        // A note in the bracket is stepped over, a colon too.
        let s = "新华社北京3月5日电（国际观察）：今天";
        let d = find(s).unwrap();
        assert_eq!((d.reporters, &s[d.body..]), (None, "今天"));
        // The record's view: punctuation full width, spaces dropped.
        let s = "新华社北京3月5日电（记者张三）今天";
        assert_eq!(find(s).unwrap().reporters, Some("张三"));
    }

    #[test]
    fn a_dateline_may_end_past_a_clause() {
        // The credit holds a comma: the report starts after it, past where the first
        // clause would end; callers that read clauses clamp to it.
        let s = "新华社北京3月5日电（记者张三，李四）习近平主持会议";
        let d = find(s).unwrap();
        let comma = s.find('，').unwrap();
        assert!(d.range.end < comma && d.body > comma);
        assert_eq!(&s[d.body..], "习近平主持会议");
        assert_eq!(d.reporters, Some("张三，李四"));
    }

    #[test]
    fn news_leads() {
        let s = "央视网消息（新闻联播）：长江是";
        let d = find(s).unwrap();
        assert_eq!(d.text, "央视网消息（新闻联播）");
        assert!(d.lead);
        assert_eq!((d.agency, d.place), (Some("央视网"), None));
        assert!(d.date.is_empty());
        assert_eq!(&s[d.body..], "长江是");
        assert_eq!(text("本报讯 省政府"), Some("本报讯"));
        assert_eq!(text("新华社消息称"), Some("新华社消息"));
        assert_eq!(
            text("央視網消息（新聞聯播）：長江"),
            Some("央視網消息（新聞聯播）")
        );
        // A credit is no edition: the reporters, not the dateline.
        let d = find("本报讯（记者 张三）省政府").unwrap();
        assert_eq!((d.text, d.reporters), ("本报讯", Some("张三")));
        assert!(find("新华社消息，美国").is_none());
        assert!(find("本报讯（这是一段远远超过十六个字的说明文字内容）省政府").is_none());
    }

    #[test]
    fn after_a_day_xun_and_xiaoxi_end_it() {
        let d = find("人民网北京3月5日讯 今天").unwrap();
        assert_eq!((d.text, d.date), ("人民网北京3月5日讯", md(3, 5)));
        assert_eq!(
            text("中新网北京3月5日消息 今天"),
            Some("中新网北京3月5日消息")
        );
        // Not without the day: this is a sentence about a message.
        assert!(find("新华社发表消息称").is_none());
    }

    #[test]
    fn longest_agency_and_all_agencies() {
        assert_eq!(
            find("人民日报北京3月5日电").unwrap().agency,
            Some("人民日报")
        );
        assert_eq!(
            find("中国新闻网北京3月5日电").unwrap().agency,
            Some("中国新闻网")
        );
        for a in AGENCIES_ZH {
            assert!(may_start_agency(a.chars().next().unwrap()), "{a}");
            let s = format!("{a}北京3月5日电 正文");
            assert_eq!(find(&s).unwrap().agency, Some(*a), "{s}");
        }
    }

    #[test]
    fn markup_before_it_and_no_text() {
        let s = "<p>新华社北京12月22日电 中共中央";
        let d = find(s).unwrap();
        assert_eq!(d.range.start, 3);
        assert_eq!(d.text, "新华社北京12月22日电");
        assert_eq!(
            text("&nbsp;&#12288;\u{3000} 新华社电 中共"),
            Some("新华社电")
        );
        assert_eq!(text("\u{feff}新华社电 中共"), Some("新华社电"));
        // The record's view: white space dropped, the semicolon folded to full width.
        let s = "&nbsp；新华社北京12月9日电&nbsp；中共中央";
        let d = find(s).unwrap();
        assert_eq!((d.text, &s[d.body..]), ("新华社北京12月9日电", "中共中央"));
        // Text before it is no remnant.
        for s in [
            "1. 新华社北京3月5日电",
            "“新华社北京3月5日电",
            "会议指出，新华社电",
            "据新华社北京3月5日电",
        ] {
            assert!(find(s).is_none(), "{s}");
        }
    }

    #[test]
    fn junk_that_is_no_dateline() {
        for s in [
            "新华社发表评论员文章，指出电力",
            "新华社",
            "新华社北京",
            "新华社记者张三、李四报道",
            "本报评论员：电力",
            "中国的电力供应",
            "人民网评：三问电信诈骗",
            "新华社北京一个非常非常非常非常非常非常长的地方的名字电",
            // Found by the record's old regex in the dev archive and a feed.
            "新华社长篇通讯：肩负光荣使命勇担历史重任",
            "人民日报长篇通讯：最广泛、最真实、最管用的民主",
            "（本报记者崔志坚 李洁 本报通讯员李萍）",
            "（新华社北京1月2日电 新华社记者）",
            "",
            "The meeting - which was held on Monday - noted",
            "Beijing - a city",
            "BEIJING, Nov. 27",
            "beijing, Nov. 27 -- ",
            "Xi-an, Nov. 27 (Xinhua) ",
        ] {
            assert!(find(s).is_none(), "{s}");
        }
    }

    #[test]
    fn english_datelines() {
        let s = "Xinhua News Agency, Beijing, November 27 – The Political Bureau";
        let d = find(s).unwrap();
        assert_eq!(d.text, "Xinhua News Agency, Beijing, November 27");
        assert_eq!(
            (d.agency, d.place),
            (Some("Xinhua News Agency"), Some("Beijing"))
        );
        assert_eq!(d.date, md(11, 27));
        assert_eq!(&s[d.body..], "The Political Bureau");
        let s = "BEIJING, Nov. 27 (Xinhua) -- The Political Bureau";
        let d = find(s).unwrap();
        assert_eq!(d.text, "BEIJING, Nov. 27 (Xinhua)");
        assert_eq!((d.agency, d.place), (Some("Xinhua"), Some("BEIJING")));
        assert_eq!(d.date, md(11, 27));
        assert_eq!(&s[d.body..], "The Political Bureau");
        let d = find("SHANGHAI (Reuters) - Shares rose").unwrap();
        assert_eq!(d.text, "SHANGHAI (Reuters)");
        assert!(d.date.is_empty());
        // The record's English view folds dashes to hyphens and may glue them.
        let s = "BEIJING, Dec. 9 (Xinhua)--The";
        assert_eq!(&s[find(s).unwrap().body..], "The");
        let s = "BEIJING, Dec. 9th - The";
        assert_eq!(find(s).unwrap().date, md(12, 9));
        let d = find("UNITED NATIONS, Sept. 3, 2024 (Xinhua) -- Talks").unwrap();
        assert_eq!(
            d.date.full().map(|c| c.to_string()).as_deref(),
            Some("2024-09-03")
        );
        assert_eq!(d.place, Some("UNITED NATIONS"));
        assert_eq!(
            text("Xinhua, November 27 — The"),
            Some("Xinhua, November 27")
        );
    }

    #[test]
    fn any_prefix_of_any_text_is_safe() {
        let s = "<p>新华社北京 12 月 9 日电（记者 张三）：BEIJING, Nov. 27 (Xinhua) -- 本报讯";
        for (i, _) in s.char_indices() {
            for (j, _) in s[i..].char_indices() {
                if let Some(d) = find(&s[i..i + j]) {
                    assert!(d.range.end <= d.body && d.body <= j);
                    assert_eq!(&s[i..i + j][d.range.clone()], d.text);
                }
            }
        }
    }
}
