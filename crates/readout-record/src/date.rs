//! The event date: what the text states (year, month, day, or a relative expression
//! such as 昨日 or "on Monday"), kept as stated, and the full date resolved from it
//! only against anchors the caller or the text gives: the dateline
//! (新华社北京11月27日电) and the publication date. Nothing is guessed.

use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use readout_lang::{days_in_month, en_month, zh_number, CivilDate, EN_MONTHS_RE};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What resolved the missing parts of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The text states the full date.
    Text,
    /// The publication date supplied the missing parts.
    Published,
    /// The dateline's month and day, with the year from the publication date.
    DatelineAndPublished,
    /// A relative expression (昨天, "on Monday") counted from the publication date.
    Relative,
}

impl Anchor {
    /// The name used in JSON and on the pages.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::Text => "text",
            Anchor::Published => "published",
            Anchor::DatelineAndPublished => "dateline_and_published",
            Anchor::Relative => "relative",
        }
    }
}

/// A full date and what it was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedDate {
    #[serde(flatten)]
    pub date: CivilDate,
    pub by: Anchor,
}

/// The event date as the text states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// A relative expression as written (昨日, 今天, "on Monday"), when the date is one.
    pub relative: Option<String>,
    /// 上午, 下午, "afternoon"… when stated.
    pub part_of_day: Option<String>,
    /// The expression as written.
    pub text: String,
    pub span: Span,
    /// The full date, when the stated parts and the anchors determine it.
    pub resolved: Option<ResolvedDate>,
    /// The last day of a range (12月25日至26日), resolved like the first.
    #[serde(default)]
    pub end: Option<CivilDate>,
}

impl EventDate {
    /// The year, month and day as the text states them.
    pub fn parts(&self) -> readout_lang::PartialDate {
        readout_lang::PartialDate {
            year: self.year,
            month: self.month,
            day: self.day,
        }
    }
}

/// Month and day stated by a dateline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// View index just past the dateline in its paragraph.
    pub end: usize,
    pub para: usize,
}

fn zh_dateline_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^(?:<[^>]{0,40}>|&[a-z]{2,6};|[^\p{Han}]){0,20}?(?:新华社|中新社|人民日报|本报|央视网|人民网|光明日报|经济日报|求是网|新华网|央视新闻|中国新闻网)[^，。！？]{0,12}?(?:(\d{1,2})月(\d{1,2})日)?(?:电|讯|消息)(?:（[^）]{0,30}）)?：?")
            .expect("valid regex")
    })
}

fn en_dateline_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"^(?:Xinhua News Agency,\s*)?[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*){{0,3}},\s*({EN_MONTHS_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*\((?:Xinhua|Reuters|AP|AFP|Chinadaily\.com\.cn)\))?\s*-+\s*"
        ))
        .expect("valid regex")
    })
}

/// True when the view opens with a dateline (新华社北京11月27日电, "BEIJING, Nov. 27 (Xinhua) --").
pub(crate) fn starts_with_dateline(v: &View, lang: RuleLang) -> bool {
    let s = v.string();
    match lang {
        RuleLang::Zh => zh_dateline_re().is_match(&s),
        RuleLang::En => en_dateline_re().is_match(&s),
    }
}

/// The view index just past a dateline that opens `v`, if one does.
pub(crate) fn dateline_end(v: &View, lang: RuleLang) -> Option<usize> {
    let (s, idx) = v.indexed_string();
    let m = match lang {
        RuleLang::Zh => zh_dateline_re().find(&s),
        RuleLang::En => en_dateline_re().find(&s),
    }?;
    idx.get(m.end()).copied()
}

/// Finds the dateline at the start of the lead, or as the paragraph just before it.
pub(crate) fn dateline(p: &Prepared) -> Option<Dateline> {
    let lead = p.lead?;
    let candidates = [Some(lead), lead.checked_sub(1)];
    for para in candidates.into_iter().flatten() {
        let v = &p.paras[para];
        let (s, idx) = v.indexed_string();
        let caps = match p.lang {
            RuleLang::Zh => zh_dateline_re().captures(&s),
            RuleLang::En => en_dateline_re().captures(&s),
        };
        if let Some(c) = caps {
            let end = idx[c.get(0).map_or(0, |m| m.end())];
            let (month, day) = match p.lang {
                RuleLang::Zh => (
                    c.get(1).and_then(|m| m.as_str().parse().ok()),
                    c.get(2).and_then(|m| m.as_str().parse().ok()),
                ),
                RuleLang::En => (
                    c.get(1).and_then(|m| en_month(m.as_str())),
                    c.get(2).and_then(|m| m.as_str().parse().ok()),
                ),
            };
            return Some(Dateline {
                month,
                day,
                end,
                para,
            });
        }
    }
    None
}

fn zh_date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(concat!(
            r"(?:(\d{4}|[〇零一二三四五六七八九]{4})年)?",
            r"(?:(\d{1,2}|十[一二]?|[一二三四五六七八九])月)",
            r"(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日",
            r"|(?P<donly>\d{1,2})日",
            r"|(?P<rel>昨日|昨天|今天|今日|前天|前日|明天|明日|日前|近日|当天|当日|(?:本周|上周|周|星期)[一二三四五六日天])",
        ))
        .expect("valid regex")
    })
}

fn en_date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            concat!(
                r"\b(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?P<mon>{m})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?",
                r"|\b(?:on\s+)?(?P<day2>\d{{1,2}})\s+(?P<mon2>{m})\b(?:,?\s+(?P<year2>\d{{4}}))?",
                r"|\b(?:on\s+|last\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
                r"|\b(?P<rel>yesterday|today|Yesterday|Today)\b"
            ),
            m = EN_MONTHS_RE
        ))
        .expect("valid regex")
    })
}

fn zh_weekday(c: char) -> Option<u32> {
    "一二三四五六"
        .chars()
        .position(|d| d == c)
        .map(|i| i as u32)
        .or(match c {
            '日' | '天' => Some(6),
            _ => None,
        })
}

fn en_weekday(s: &str) -> Option<u32> {
    [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    .iter()
    .position(|d| s.starts_with(d))
    .map(|i| i as u32)
}

/// What a relative expression means relative to its anchor day.
enum Relative {
    Offset(i64),
    /// The given weekday (0 = Monday) on or before the anchor.
    Weekday(u32),
    /// The weekday of the week before the anchor's (上周三).
    LastWeekWeekday(u32),
    Vague,
}

fn zh_relative(s: &str) -> Relative {
    let last = s.chars().last().unwrap_or(' ');
    match s {
        "昨日" | "昨天" => Relative::Offset(-1),
        "今天" | "今日" | "当天" | "当日" => Relative::Offset(0),
        "前天" | "前日" => Relative::Offset(-2),
        "明天" | "明日" => Relative::Offset(1),
        _ if s.starts_with("上周") => {
            zh_weekday(last).map_or(Relative::Vague, Relative::LastWeekWeekday)
        }
        _ if s.starts_with("本周") || s.starts_with('周') || s.starts_with("星期") => {
            zh_weekday(last).map_or(Relative::Vague, Relative::Weekday)
        }
        _ => Relative::Vague,
    }
}

pub(crate) fn extract(p: &Prepared) -> Option<EventDate> {
    let lead = p.lead?;
    let dl = dateline(p);
    let view = &p.paras[lead];
    let from = dl.filter(|d| d.para == lead).map_or(0, |d| d.end);
    // The first date that can be the event's: a full date the text states long before
    // publication (a date quoted from history) or after it (one announced) is not.
    let mut from = from;
    let mut date = None;
    while let Some(st) = match p.lang {
        RuleLang::Zh => zh_in(view, from),
        RuleLang::En => en_in(view, from),
    } {
        let quoted = match (st.year, p.doc.published) {
            (Some(_), Some(pubd)) => resolve(&st, dl, Some(pubd)).is_some_and(|r| {
                let (a, b) = (r.date.to_days(), pubd.to_days());
                a > b + 1 || a < b - MAX_REPORT_DELAY_DAYS
            }),
            _ => false,
        };
        if !quoted {
            date = Some(st);
            break;
        }
        from = st.view_end;
    }
    // A lead that states no date at all leaves the dateline's as the stated one.
    if date.is_none() {
        if let Some(d) = dl.filter(|d| d.month.is_some() && d.day.is_some()) {
            let v = &p.paras[d.para];
            date = Some(Stated {
                year: None,
                month: d.month,
                day: d.day,
                relative: None,
                rel: None,
                part_of_day: None,
                text: v.text(0, d.end).trim().to_string(),
                span: v.span(0, d.end),
                view_end: d.end,
                end: None,
            });
        }
    }
    let stated = date?;
    let resolved = resolve(&stated, dl, p.doc.published);
    let end = resolved.and_then(|r| range_end(r.date, stated.end));
    Some(EventDate {
        year: stated.year,
        month: stated.month,
        day: stated.day,
        relative: stated.relative,
        part_of_day: stated.part_of_day,
        text: stated.text,
        span: stated.span,
        resolved,
        end,
    })
}

/// How long after an event its first report may appear (a plenum's communiqué, a
/// delayed readout): a stated full date further back is quoted, not reported.
const MAX_REPORT_DELAY_DAYS: i64 = 45;

/// The last day of a range that starts on `start`: (month if stated, day).
fn range_end(start: CivilDate, end: Option<(Option<u32>, u32)>) -> Option<CivilDate> {
    let (m, d) = end?;
    let (mut y, mut month) = (start.year, m.unwrap_or(start.month));
    if m.is_none() && d < start.day {
        // 30日至2日: the next month.
        month += 1;
    }
    if month > 12 || (m.is_some() && month < start.month) {
        y += 1;
        month = if month > 12 { month - 12 } else { month };
    }
    let e = CivilDate::new(y, month, d)?;
    (e > start && e.to_days() - start.to_days() <= 31).then_some(e)
}

fn zh_range_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"^(?:至|到|—|－|-|～|~)(?:(\d{1,2}|十[一二]?|[一二三四五六七八九])月)?(\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日")
            .expect("valid regex")
    })
}

struct Stated {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    relative: Option<String>,
    rel: Option<Relative>,
    part_of_day: Option<String>,
    text: String,
    span: Span,
    /// View index just past the expression.
    view_end: usize,
    /// The end of a range: month when stated, day.
    end: Option<(Option<u32>, u32)>,
}

fn zh_in(view: &View, from: usize) -> Option<Stated> {
    let (s, idx) = view.indexed_string();
    let start_byte = s.char_indices().nth(from).map_or(s.len(), |(b, _)| b);
    let c = zh_date_re().captures_at(&s, start_byte)?;
    let m = c.get(0)?;
    let (a, b) = (idx[m.start()], idx[m.end()]);
    let mut st = Stated {
        year: None,
        month: None,
        day: None,
        relative: None,
        rel: None,
        part_of_day: None,
        text: m.as_str().to_string(),
        span: view.span(a, b),
        view_end: b,
        end: None,
    };
    if let Some(r) = c.name("rel") {
        st.relative = Some(r.as_str().to_string());
        st.rel = Some(zh_relative(r.as_str()));
    } else if let Some(d) = c.name("donly") {
        st.day = zh_number(d.as_str()).filter(|d| (1..=31).contains(d));
        st.day?;
    } else {
        st.year = c
            .get(1)
            .and_then(|y| zh_number(y.as_str()))
            .map(|y| y as i32);
        st.month = c
            .get(2)
            .and_then(|x| zh_number(x.as_str()))
            .filter(|m| (1..=12).contains(m));
        st.day = c
            .get(3)
            .and_then(|x| zh_number(x.as_str()))
            .filter(|d| (1..=31).contains(d));
        if st.month.is_none() || st.day.is_none() {
            return None;
        }
    }
    let mut b = b;
    if st.relative.is_none() {
        if let Some(r) = zh_range_re().captures(&s[m.end()..]) {
            let month = r.get(1).and_then(|x| zh_number(x.as_str()));
            if let Some(day) = r.get(2).and_then(|x| zh_number(x.as_str())) {
                b = idx[m.end() + r.get(0).map_or(0, |x| x.end())];
                st.end = Some((month, day));
                st.text = view.text(a, b);
                st.span = view.span(a, b);
                st.view_end = b;
            }
        }
    }
    for pod in ["上午", "下午", "晚上", "晚间", "早上", "中午", "凌晨", "晚"] {
        if view.at(b, pod) {
            st.part_of_day = Some(pod.to_string());
            break;
        }
    }
    Some(st)
}

fn en_in(view: &View, from: usize) -> Option<Stated> {
    let (s, idx) = view.indexed_string();
    let start_byte = s.char_indices().nth(from).map_or(s.len(), |(b, _)| b);
    let c = en_date_re().captures_at(&s, start_byte)?;
    let m = c.get(0)?;
    let (a, b) = (idx[m.start()], idx[m.end()]);
    let mut st = Stated {
        year: None,
        month: None,
        day: None,
        relative: None,
        rel: None,
        part_of_day: None,
        text: m.as_str().to_string(),
        span: view.span(a, b),
        view_end: b,
        end: None,
    };
    if let Some(mon) = c.name("mon").or(c.name("mon2")) {
        st.month = en_month(mon.as_str());
        st.day = c
            .name("day")
            .or(c.name("day2"))
            .and_then(|d| d.as_str().parse().ok())
            .filter(|d| (1..=31).contains(d));
        st.year = c
            .name("year")
            .or(c.name("year2"))
            .and_then(|y| y.as_str().parse().ok());
        st.day?;
    } else if let Some(wd) = c.name("wd") {
        st.relative = Some(m.as_str().to_string());
        st.rel = en_weekday(wd.as_str()).map(Relative::Weekday);
    } else if let Some(r) = c.name("rel") {
        st.relative = Some(r.as_str().to_string());
        st.rel = Some(if r.as_str().eq_ignore_ascii_case("yesterday") {
            Relative::Offset(-1)
        } else {
            Relative::Offset(0)
        });
    }
    let rest = view.text(b, (b + 12).min(view.len()));
    for pod in ["morning", "afternoon", "evening", "night"] {
        if rest.trim_start().starts_with(pod) {
            st.part_of_day = Some(pod.to_string());
        }
    }
    Some(st)
}

/// The publication date, or the dateline's month and day in the publication year.
fn anchor(dl: Option<Dateline>, published: Option<CivilDate>) -> Option<(CivilDate, Anchor)> {
    let p = published?;
    if let Some((m, d)) = dl.and_then(|d| Some((d.month?, d.day?))) {
        if let Some(a) = in_year_before(p, m, d) {
            return Some((a, Anchor::DatelineAndPublished));
        }
    }
    Some((p, Anchor::Published))
}

/// Month `m`, day `d` in the year that puts it on or just before `p` (an event is
/// reported after it happens; a day of grace covers time zones).
fn in_year_before(p: CivilDate, m: u32, d: u32) -> Option<CivilDate> {
    let same = CivilDate::new(p.year, m, d)?;
    if same.to_days() <= p.to_days() + 1 {
        Some(same)
    } else {
        CivilDate::new(p.year - 1, m, d)
    }
}

fn resolve(
    st: &Stated,
    dl: Option<Dateline>,
    published: Option<CivilDate>,
) -> Option<ResolvedDate> {
    match (st.year, st.month, st.day) {
        (Some(y), Some(m), Some(d)) => {
            return CivilDate::new(y, m, d).map(|date| ResolvedDate {
                date,
                by: Anchor::Text,
            })
        }
        (None, Some(m), Some(d)) => {
            let p = published?;
            return in_year_before(p, m, d).map(|date| ResolvedDate {
                date,
                by: Anchor::Published,
            });
        }
        (None, None, Some(d)) => {
            let (a, by) = anchor(dl, published)?;
            // The latest day `d` on or before the anchor (a day of grace for time zones).
            let (mut y, mut m) = (a.year, a.month);
            if d > a.day + 1 {
                if m == 1 {
                    y -= 1;
                    m = 12;
                } else {
                    m -= 1;
                }
            }
            if d > days_in_month(y, m) {
                return None;
            }
            return CivilDate::new(y, m, d).map(|date| ResolvedDate { date, by });
        }
        _ => {}
    }
    let (a, _) = anchor(dl, published)?;
    let by = Anchor::Relative;
    let date = match st.rel.as_ref()? {
        Relative::Offset(n) => a.add_days(*n),
        Relative::Weekday(w) => a.add_days(-i64::from((a.weekday() + 7 - w) % 7)),
        Relative::LastWeekWeekday(w) => {
            let monday = a.add_days(-i64::from(a.weekday()));
            monday.add_days(-7 + i64::from(*w))
        }
        Relative::Vague => return None,
    };
    Some(ResolvedDate { date, by })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_day_rolls_back_a_year_across_new_year() {
        let p = CivilDate::new(2024, 1, 2).unwrap();
        assert_eq!(in_year_before(p, 12, 29), CivilDate::new(2023, 12, 29));
        assert_eq!(in_year_before(p, 1, 2), CivilDate::new(2024, 1, 2));
    }
}
