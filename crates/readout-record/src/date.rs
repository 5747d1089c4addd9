//! The event date: what the text states (year, month, day, or a relative expression
//! such as 昨日 or "on Monday"), kept as stated, and the full date resolved from it
//! only against anchors the caller or the text gives: the dateline
//! (新华社北京11月27日电, found by `readout_lang::dateline`, the recognizer the reader
//! uses too) and the publication date. Nothing is guessed.

use crate::prepared::{Prepared, RuleLang};
use crate::span::Span;
use crate::view::View;
use readout_lang::{days_in_month, en_month, zh_number, CivilDate, PartialDate, EN_MONTHS_RE};
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
    /// The year, month and day as the text states them (serialized as the three
    /// fields `year`, `month`, `day`).
    #[serde(flatten)]
    pub parts: PartialDate,
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

/// The date a dateline states (month and day, a year when written) and where it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Dateline {
    pub date: PartialDate,
    /// View index where the report starts in its paragraph: past the dateline, the
    /// bracket after it (reporters), a colon or dash.
    pub end: usize,
    pub para: usize,
}

/// True when the view opens with a dateline (新华社北京11月27日电, "BEIJING, Nov. 27 (Xinhua) --").
pub(crate) fn starts_with_dateline(v: &View) -> bool {
    readout_lang::dateline::starts_with_dateline(&v.string())
}

/// The view index where the report starts when a dateline opens `v`.
pub(crate) fn dateline_end(v: &View) -> Option<usize> {
    let (s, idx) = v.indexed_string();
    let d = readout_lang::dateline::find(&s)?;
    idx.get(d.body).copied()
}

/// Finds the dateline at the start of the lead, or as the paragraph just before it.
pub(crate) fn dateline(p: &Prepared) -> Option<Dateline> {
    let lead = p.lead?;
    let candidates = [Some(lead), lead.checked_sub(1)];
    for para in candidates.into_iter().flatten() {
        let v = &p.paras[para];
        let (s, idx) = v.indexed_string();
        if let Some(d) = readout_lang::dateline::find(&s) {
            // `idx` maps each byte of the view string (and its end) to a view index.
            return Some(Dateline {
                date: d.date,
                end: idx[d.body],
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
        let quoted = match (st.parts.year, p.doc.published) {
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
        if let Some(d) = dl.filter(|d| d.date.month.is_some() && d.date.day.is_some()) {
            let v = &p.paras[d.para];
            date = Some(Stated {
                parts: d.date,
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
        parts: stated.parts,
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
    parts: PartialDate,
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
        parts: PartialDate::default(),
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
        st.parts.day = zh_number(d.as_str()).filter(|d| (1..=31).contains(d));
        st.parts.day?;
    } else {
        st.parts.year = c
            .get(1)
            .and_then(|y| zh_number(y.as_str()))
            .map(|y| y as i32);
        st.parts.month = c
            .get(2)
            .and_then(|x| zh_number(x.as_str()))
            .filter(|m| (1..=12).contains(m));
        st.parts.day = c
            .get(3)
            .and_then(|x| zh_number(x.as_str()))
            .filter(|d| (1..=31).contains(d));
        if st.parts.month.is_none() || st.parts.day.is_none() {
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
        parts: PartialDate::default(),
        relative: None,
        rel: None,
        part_of_day: None,
        text: m.as_str().to_string(),
        span: view.span(a, b),
        view_end: b,
        end: None,
    };
    if let Some(mon) = c.name("mon").or(c.name("mon2")) {
        st.parts.month = en_month(mon.as_str());
        st.parts.day = c
            .name("day")
            .or(c.name("day2"))
            .and_then(|d| d.as_str().parse().ok())
            .filter(|d| (1..=31).contains(d));
        st.parts.year = c
            .name("year")
            .or(c.name("year2"))
            .and_then(|y| y.as_str().parse().ok());
        st.parts.day?;
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
    if let Some((m, d)) = dl.and_then(|d| Some((d.date.month?, d.date.day?))) {
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
    match (st.parts.year, st.parts.month, st.parts.day) {
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

    /// The dateline's end in view indices, however many bytes the view's chars take
    /// and whatever the view dropped (spaces) or kept (markup remnants) before it.
    #[test]
    fn dateline_end_is_a_view_index() {
        let doc = crate::DocInput::new(
            crate::Lang::Zh,
            vec![
                "<p>新华社北京 12 月 9 日电（记者 张三） &nbsp;中共中央政治局 12 月 9 日召开会议。"
                    .to_string(),
            ],
        );
        let p = Prepared::new(&doc);
        let d = dateline(&p).unwrap();
        assert_eq!((d.date.month, d.date.day, d.para), (Some(12), Some(9), 0));
        let v = &p.paras[0];
        assert_eq!(v.text(d.end, d.end + 4), "中共中央");
        assert!(starts_with_dateline(v));
        let doc = crate::DocInput::new(
            crate::Lang::En,
            vec!["BEIJING, Dec. 9 (Xinhua) -- The Political Bureau met on Dec. 9.".to_string()],
        );
        let p = Prepared::new(&doc);
        let d = dateline(&p).unwrap();
        assert_eq!((d.date.month, d.date.day), (Some(12), Some(9)));
        assert_eq!(p.paras[0].text(d.end, d.end + 3), "The");
    }

    /// Stored records and `events --json` keep `year`, `month` and `day` as fields of
    /// the date itself.
    #[test]
    fn event_date_serializes_its_parts_flat() {
        let d = EventDate {
            parts: PartialDate {
                year: None,
                month: Some(12),
                day: Some(9),
            },
            relative: None,
            part_of_day: Some("下午".into()),
            text: "12月9日".into(),
            span: Span {
                headline: false,
                para: 0,
                start: 3,
                end: 8,
            },
            resolved: None,
            end: None,
        };
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"year":null,"month":12,"day":9,"relative":null,"part_of_day":"下午","text":"12月9日","span":{"para":0,"start":3,"end":8},"resolved":null,"end":null}"#
        );
        assert_eq!(serde_json::from_str::<EventDate>(&json).unwrap(), d);
        // A record stored before `end` existed still reads.
        let old = r#"{"year":2024,"month":12,"day":9,"relative":null,"part_of_day":null,"text":"x","span":{"para":0,"start":0,"end":1},"resolved":null}"#;
        let back: EventDate = serde_json::from_str(old).unwrap();
        assert_eq!(back.parts.full(), CivilDate::new(2024, 12, 9));
    }
}
