//! boilerplate: site furniture around an article — breadcrumbs ("首頁 > 頭條") and
//! publishing lines ("发布时间：… | 来源：… | 作者： | 责任编辑：…") — recognised and turned
//! into metadata. Also splits a publishing line that a page glued to the first body
//! sentence, by how such lines are written: field labels with colons, person names of
//! two to four Han characters, and the usual openings of a news sentence.

use crate::identify::is_han;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Published,
    Source,
    Author,
    Editor,
    /// Labels of page furniture with no place in the metadata (字号, 点击…).
    Other,
}

/// Field labels as sites write them, in both scripts and in English. Longer labels
/// come before their suffixes (责任编辑 before 编辑) so the longest one matches.
const LABELS: &[(&str, Field)] = &[
    ("发布时间", Field::Published),
    ("發佈時間", Field::Published),
    ("發布時間", Field::Published),
    ("发表时间", Field::Published),
    ("發表時間", Field::Published),
    ("发布日期", Field::Published),
    ("發佈日期", Field::Published),
    ("發布日期", Field::Published),
    ("更新时间", Field::Published),
    ("更新時間", Field::Published),
    ("时间", Field::Published),
    ("時間", Field::Published),
    ("日期", Field::Published),
    ("来源", Field::Source),
    ("來源", Field::Source),
    ("稿源", Field::Source),
    ("出处", Field::Source),
    ("出處", Field::Source),
    ("作者", Field::Author),
    ("记者", Field::Author),
    ("記者", Field::Author),
    ("责任编辑", Field::Editor),
    ("責任編輯", Field::Editor),
    ("责编", Field::Editor),
    ("責編", Field::Editor),
    ("编辑", Field::Editor),
    ("編輯", Field::Editor),
    ("字号", Field::Other),
    ("字號", Field::Other),
    ("点击", Field::Other),
    ("點擊", Field::Other),
    ("浏览", Field::Other),
    ("瀏覽", Field::Other),
    ("审核", Field::Other),
    ("審核", Field::Other),
    ("校对", Field::Other),
    ("校對", Field::Other),
    ("Published", Field::Published),
    ("Updated", Field::Published),
    ("Source", Field::Source),
    ("Author", Field::Author),
    ("Editor", Field::Editor),
];

/// How far into a value the next label is looked for, in bytes.
const LABEL_REACH: usize = 240;

/// Characters that separate fields on one line.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '｜' | '丨' | '│' | '【' | '】' | '[' | ']' | '(' | ')' | '（' | '）'
    ) || c.is_whitespace()
}

/// Metadata read from publishing lines, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MetaLine {
    pub published: Option<String>,
    pub source: Option<String>,
    /// `Some(None)` when the line has the field but leaves it empty.
    pub author: Option<Option<String>>,
    pub editor: Option<Option<String>>,
    /// Byte offset at which a body sentence glued to the line starts.
    pub glued_at: Option<usize>,
    /// Some field is named by a label ("发布时间："); false for a date alone.
    pub labelled: bool,
}

/// The first characters of [`LABELS`]: a cheap gate run on every line.
fn may_start_label(c: char) -> bool {
    matches!(
        c,
        '发' | '發'
            | '更'
            | '时'
            | '時'
            | '日'
            | '来'
            | '來'
            | '稿'
            | '出'
            | '作'
            | '记'
            | '記'
            | '责'
            | '責'
            | '编'
            | '編'
            | '字'
            | '点'
            | '點'
            | '浏'
            | '瀏'
            | '审'
            | '審'
            | '校'
            | 'P'
            | 'U'
            | 'S'
            | 'A'
            | 'E'
    )
}

/// A label with its colon at byte `i` of `s`: the field and the offset after the colon.
fn label_at(s: &str, i: usize) -> Option<(Field, usize)> {
    let rest = &s[i..];
    for &(label, field) in LABELS {
        if let Some(after) = rest.strip_prefix(label) {
            let trimmed = after.trim_start_matches([' ', '\u{3000}', '\t']);
            let colon = if trimmed.starts_with('：') {
                '：'.len_utf8()
            } else if trimmed.starts_with(':') {
                1
            } else {
                continue;
            };
            return Some((field, s.len() - trimmed.len() + colon));
        }
    }
    None
}

/// Parses a publishing line. `None` when `text` is not one.
pub(crate) fn parse_meta_line(text: &str) -> Option<MetaLine> {
    let t = text.trim();
    if let Some(iso) = english_date_line(t) {
        return Some(MetaLine {
            published: Some(iso),
            ..Default::default()
        });
    }
    // Cheap gate: a publishing line starts with a label or a date.
    let first = t.chars().next()?;
    if !(first.is_ascii_digit()
        || matches!(first, '【' | '（' | '(' | '[')
        || may_start_label(first))
    {
        return None;
    }
    let mut m = MetaLine::default();
    let mut fields = 0;
    let mut known = 0;
    let mut chinese_labels = false;
    let mut i = 0;
    let mut last: Option<(Field, usize, usize)> = None;
    // The published value as written; made ISO once the labels' language is known.
    let mut published: Option<&str> = None;
    while i < t.len() {
        let c = t[i..].chars().next()?;
        if is_separator(c) {
            i += c.len_utf8();
            continue;
        }
        if let Some((field, vstart)) = label_at(t, i) {
            m.labelled = true;
            chinese_labels |= t[i..].starts_with(is_han);
            // The value runs to the next separator or label.
            let mut j = vstart;
            while j < t.len() && t[j..].starts_with([' ', '\u{3000}', '\t']) {
                j += 1;
                while !t.is_char_boundary(j) {
                    j += 1;
                }
            }
            let vfrom = j;
            let mut end = t.len();
            let mut k = j;
            while k < t.len() {
                let ch = t[k..].chars().next()?;
                if matches!(
                    ch,
                    '|' | '｜' | '丨' | '│' | '\u{3000}' | '\t' | ')' | '）' | ']' | '】'
                ) || (ch == ' ' && t[k + 1..].starts_with([' ', '|', '｜', '丨']))
                    // Labels are looked for near the value only: a value runs a few
                    // dozen characters, and a long glued line must stay linear.
                    || (k > vfrom && k - vfrom < LABEL_REACH && label_at(t, k).is_some())
                {
                    end = k;
                    break;
                }
                k += ch.len_utf8();
            }
            let value = t[vfrom..end].trim();
            fields += 1;
            if field != Field::Other {
                known += 1;
            }
            // The value's own bounds: white space the trim took off the front (a tab,
            // a no-break space) is not part of it.
            let vstart = vfrom + (t[vfrom..end].len() - t[vfrom..end].trim_start().len());
            last = Some((field, vstart, vstart + value.len()));
            if field == Field::Published {
                if !value.is_empty() && parse_datetime(value).is_none() {
                    // A time label with no date after it is prose ("时间：…").
                    return None;
                }
                published = published.or((!value.is_empty()).then_some(value));
            } else {
                set_field(&mut m, field, value);
            }
            i = end;
            continue;
        }
        if let Some((_, len)) = parse_datetime(&t[i..]) {
            published = published.or(Some(&t[i..]));
            fields += 1;
            known += 1;
            // A page's date line names the weekday: "2026年01月04日 星期日".
            let len = len + weekday_len(&t[i + len..]);
            last = Some((Field::Published, i, i + len));
            i += len;
            continue;
        }
        // Anything else: a glued body sentence right after the last value, or no
        // publishing line at all.
        break;
    }
    if known == 0
        || (fields < 2
            && !t.contains(['|', '｜', '丨'])
            && last.map(|l| l.0) != Some(Field::Published)
            && !is_short_field_line(t))
    {
        return None;
    }
    m.published = published.and_then(|v| {
        let (iso, len) = parse_datetime(v)?;
        let zone = zone_of(&v[len..]).or(chinese_labels.then_some("+08:00"));
        Some(match zone {
            Some(z) if iso.len() > 10 => format!("{iso}{z}"),
            _ => iso,
        })
    });
    if i < t.len() {
        // Text that no field holds: glued when it follows a complete date.
        match last {
            Some((Field::Published, _, end)) if end == i && fields >= 2 => {
                m.glued_at = Some(text.len() - text.trim_start().len() + i);
                return Some(m);
            }
            _ => return None,
        }
    }
    // The last value may hold the first body sentence.
    if let Some((field, vfrom, vend)) = last {
        if let Some(cut) = glued_split(field, &t[vfrom..vend]) {
            let at = vfrom + cut;
            set_field(&mut m, field, t[vfrom..at].trim());
            m.glued_at = Some(text.len() - text.trim_start().len() + at);
        } else if field != Field::Published && vend - vfrom > 90 {
            // A value this long is prose, not a field.
            return None;
        }
    }
    Some(m)
}

/// A line that is only a date in English ("November 15, 2012", "(15 November
/// 2012)", "Nov. 27, 2023"), as English editions print under a title: the
/// date as ISO. A sentence that starts with a date is not such a line.
pub(crate) fn english_date_line(t: &str) -> Option<String> {
    let first = t.chars().next()?;
    if !(first.is_ascii_uppercase() || first.is_ascii_digit() || first == '(') || t.len() > 40 {
        return None;
    }
    let inner = t
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    let words: Vec<&str> = inner.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let month = |w: &str| readout_lang::en_month_titled(w.trim_end_matches('.'));
    let num = |w: &str, max: u32| {
        (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse::<u32>().ok())
            .flatten()
            .filter(|&n| n >= 1 && n <= max)
    };
    let (m, d, y) = match words.as_slice() {
        [m, d, y] if month(m).is_some() => (month(m)?, num(d, 31)?, num(y, 2100)?),
        [d, m, y] if month(m).is_some() => (month(m)?, num(d, 31)?, num(y, 2100)?),
        _ => return None,
    };
    if y < 1900 {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The length of a weekday after a date ("星期日", "周三", "Sunday"), with the space
/// before it; 0 when none follows.
fn weekday_len(s: &str) -> usize {
    let t = s.trim_start_matches([' ', '\u{3000}', '\t']);
    let lead = s.len() - t.len();
    for p in ["星期", "礼拜", "禮拜", "周", "週"] {
        if let Some(r) = t.strip_prefix(p) {
            if let Some(c) = r.chars().next().filter(|c| "一二三四五六日天".contains(*c)) {
                return lead + p.len() + c.len_utf8();
            }
        }
    }
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    for d in DAYS {
        if t.starts_with(d) {
            return lead + d.len();
        }
    }
    0
}

/// One field alone on a line ("责任编辑：王某"), short enough to be nothing else.
fn is_short_field_line(t: &str) -> bool {
    t.chars().count() <= 24 && !t.contains(['。', '，'])
}

fn set_field(m: &mut MetaLine, field: Field, value: &str) {
    let v = (!value.is_empty()).then(|| value.to_string());
    match field {
        Field::Source => m.source = v,
        Field::Author => m.author = Some(v),
        Field::Editor => m.editor = Some(v),
        Field::Published | Field::Other => {}
    }
}

/// An explicit time zone after a time ("GMT+8", "北京时间").
fn zone_of(rest: &str) -> Option<&'static str> {
    let r = rest.trim_start();
    (r.starts_with("GMT+8")
        || r.starts_with("(GMT+8")
        || r.starts_with("（GMT+8")
        || r.starts_with("UTC+8")
        || r.starts_with("BJT")
        || r.starts_with("北京时间")
        || r.starts_with("北京時間"))
    .then_some("+08:00")
}

/// Reads a date with optional time at the start of `s`: ISO 8601 without offset and
/// the byte length read.
pub(crate) fn parse_datetime(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let num = |i: usize, max: usize| -> Option<(u32, usize)> {
        let n = b[i.min(b.len())..]
            .iter()
            .take(max)
            .take_while(|c| c.is_ascii_digit())
            .count();
        if n == 0 {
            return None;
        }
        Some((s.get(i..i + n)?.parse().ok()?, i + n))
    };
    let (year, i) = num(0, 4)?;
    if i != 4 {
        return None;
    }
    let (sep_len, cjk) = if s[i..].starts_with('年') {
        ('年'.len_utf8(), true)
    } else if matches!(b.get(i), Some(b'-' | b'/' | b'.')) {
        (1, false)
    } else {
        return None;
    };
    let (month, i) = num(i + sep_len, 2)?;
    let i = if cjk {
        i + s[i..].strip_prefix('月').map(|_| '月'.len_utf8())?
    } else {
        if b.get(i) != b.get(4) {
            return None;
        }
        i + 1
    };
    let (day, mut i) = num(i, 2)?;
    if cjk {
        if s[i..].starts_with('日') {
            i += '日'.len_utf8();
        } else if s[i..].starts_with('号') {
            i += '号'.len_utf8();
        } else {
            return None;
        }
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1900..=2100).contains(&year) {
        return None;
    }
    let mut iso = format!("{year:04}-{month:02}-{day:02}");
    // Optional time: " 08:50" or " 08:50:00" or "T08:50".
    let gap = b[i..]
        .iter()
        .take_while(|&&c| c == b' ' || c == b'T')
        .count();
    if let Some((h, j)) = num(i + gap, 2) {
        if b.get(j) == Some(&b':') {
            if let Some((mi, mut k)) = num(j + 1, 2) {
                let mut sec = 0;
                if b.get(k) == Some(&b':') {
                    if let Some((sv, k2)) = num(k + 1, 2) {
                        sec = sv;
                        k = k2;
                    }
                }
                if h < 24 && mi < 60 && sec < 61 {
                    iso.push_str(&format!("T{h:02}:{mi:02}:{sec:02}"));
                    i = k;
                }
            }
        }
    }
    Some((iso, i))
}

/// Usual openings of a news report's first sentence, in both scripts.
const OPENINGS: &[&str] = &[
    "中共中央",
    "中國共產黨",
    "中国共产党",
    "中央",
    "国务院",
    "國務院",
    "全国人大",
    "全國人大",
    "全国政协",
    "全國政協",
    "习近平",
    "習近平",
    "国家主席",
    "國家主席",
    "会议",
    "會議",
    "近日",
    "日前",
    "今天",
    "今日",
    "昨天",
    "昨日",
    "当地时间",
    "當地時間",
    "记者",
    "記者",
    "据",
    "據",
    "根据",
    "根據",
    "为了",
    "為了",
    "为深入",
    "為深入",
    "随着",
    "隨著",
    "国家",
    "國家",
    "我国",
    "我國",
    "中国",
    "中國",
    "今年",
    "去年",
    "近年来",
    "近年來",
    "各位",
    "在",
    "（",
    "(",
    "【",
    "“",
    "本报",
    "本報",
    "新华社",
    "新華社",
];

/// Two-character surnames, so a name's length counts from the right start.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "司徒", "东方", "東方", "皇甫", "尉迟",
    "尉遲", "公孙", "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫", "宇文", "端木",
];

/// Where a body sentence starts inside an over-long last value, if it does.
fn glued_split(field: Field, value: &str) -> Option<usize> {
    let han_prefix: usize = value.chars().take_while(|&c| is_han(c)).count();
    match field {
        Field::Author | Field::Editor => {
            // Names alone: Han names of up to four characters, Latin names, separated
            // by spaces, 、 or ·.
            let names_only = value.split([' ', '、', '·', '\u{3000}']).all(|n| {
                let han = n.chars().filter(|&c| is_han(c)).count();
                han <= 4
                    && n.chars()
                        .all(|c| is_han(c) || c.is_alphabetic() || c == '.')
            });
            if names_only {
                return None;
            }
            // A name of two to four Han characters, then the body sentence. The
            // candidate whose remainder opens the way news sentences open wins; a
            // three-character name is the usual length when nothing decides.
            let compound = COMPOUND_SURNAMES.iter().any(|s| value.starts_with(s));
            let order: &[usize] = if compound { &[4, 3] } else { &[3, 2, 4] };
            let cut_at = |n: usize| value.char_indices().nth(n).map(|(i, _)| i);
            for &n in order {
                if n >= han_prefix {
                    continue;
                }
                let Some(cut) = cut_at(n) else { continue };
                let rest = &value[cut..];
                if opens_sentence(rest) {
                    return Some(cut);
                }
            }
            if han_prefix > 4 {
                cut_at(if compound { 4 } else { 3 })
            } else {
                None
            }
        }
        Field::Source => {
            // A source is a site or paper: it ends in 网, 报, 社, 台…
            if value.chars().count() <= 16 {
                return None;
            }
            value
                .char_indices()
                .take(16)
                .find(|&(i, c)| {
                    matches!(c, '网' | '網' | '报' | '報' | '社' | '台' | '刊')
                        && opens_sentence(&value[i + c.len_utf8()..])
                })
                .map(|(i, c)| i + c.len_utf8())
        }
        Field::Published => {
            // A date and time, then the body sentence.
            let (_, len) = parse_datetime(value)?;
            let rest = &value[len..];
            let skip = rest.len() - rest.trim_start().len();
            let body = &rest[skip..];
            (zone_of(body).is_none() && body.chars().count() > 8).then_some(len + skip)
        }
        Field::Other => None,
    }
}

fn opens_sentence(s: &str) -> bool {
    OPENINGS.iter().any(|o| {
        s.starts_with(o)
            // One-character openings need a following character that is not a name's.
            && (o.chars().count() > 1 || s.chars().count() > 4)
    }) || super::dateline::detect(s).is_some()
        || month_day(s)
}

/// "8月23日": a sentence that opens with its date.
fn month_day(s: &str) -> bool {
    let digits = s.bytes().take_while(|b| b.is_ascii_digit()).count();
    (1..=2).contains(&digits) && s[digits..].starts_with('月')
}

/// A byline ("本报记者 王某 李某", "新华社记者 张三", "By Zhang Yi | China Daily"): the
/// reporters' names, as written.
pub(crate) fn parse_byline(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() > 120 {
        return None;
    }
    const LEADS: &[&str] = &[
        "本报记者",
        "本報記者",
        "新华社记者",
        "新華社記者",
        "人民日报记者",
        "人民日報記者",
        "记者",
        "記者",
        "文/",
        "文／",
    ];
    if let Some(rest) = LEADS.iter().find_map(|l| t.strip_prefix(l)) {
        let names = rest.trim_matches(|c: char| c.is_whitespace() || c == '：' || c == ':');
        // Names only: Han names of two to four characters, separated by spaces or 、.
        let ok = !names.is_empty()
            && names
                .split(|c: char| c.is_whitespace() || c == '、')
                .all(|n| {
                    n.is_empty() || ((2..=4).contains(&n.chars().count()) && n.chars().all(is_han))
                });
        return ok.then(|| names.to_string());
    }
    let rest = t.strip_prefix("By ")?;
    let names = rest.split(['|', '｜']).next()?.trim();
    let words: Vec<&str> = names.split_whitespace().collect();
    let ok = (1..=8).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || matches!(*w, "and" | "in" | "&")
                || w.ends_with(',')
        });
    ok.then(|| names.to_string())
}

/// True when `text` is a copyright line ("人民网版权所有", spaced out as "人 民 网 版 权 所
/// 有", "Copyright © 2024 Xinhua. All rights reserved.").
pub(crate) fn is_copyright(text: &str) -> bool {
    let t = text.trim();
    if t.len() > 400 {
        return false;
    }
    let packed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let n = packed.chars().count();
    // A notice, not a sentence that mentions copyright.
    if n > 80 || (n > 30 && packed.contains(['。', '；'])) {
        return false;
    }
    let lower = packed.to_lowercase();
    packed.contains("版权所有")
        || packed.contains("版權所有")
        || packed.contains("未经授权禁止转载")
        || packed.contains("未經授權禁止轉載")
        || lower.starts_with("copyright")
        || lower.starts_with('©')
        || lower.contains("allrightsreserved")
}

/// Words that name a site's front page, the first step of a breadcrumb.
const HOME_WORDS: &[&str] = &[
    "首页",
    "首頁",
    "主页",
    "主頁",
    "网站首页",
    "網站首頁",
    "Home",
    "HOME",
    "home",
];

/// True when `text` is a breadcrumb trail ("首頁 > 頭條", "Home > News > China").
pub(crate) fn is_breadcrumb(text: &str) -> bool {
    let mut t = text.trim();
    if t.len() > 240 || !t.contains(['>', '＞', '»', '›', '→', '〉']) {
        return false;
    }
    let mut located = false;
    for p in [
        "当前位置",
        "當前位置",
        "您的位置",
        "您现在的位置",
        "您現在的位置",
        "位置",
    ] {
        if let Some(r) = t.strip_prefix(p) {
            if let Some(r) = r.trim_start().strip_prefix(['：', ':']) {
                t = r.trim();
                located = true;
                break;
            }
        }
    }
    let parts: Vec<&str> = t
        .split(['>', '＞', '»', '›', '→', '〉'])
        .map(str::trim)
        .collect();
    if parts.len() < 2 || parts.len() > 8 {
        return false;
    }
    let short = parts.iter().all(|p| {
        !p.is_empty() && p.chars().count() <= 16 && !p.contains(['。', '，', '.', ',', '！', '？'])
    });
    short && (located || parts.len() >= 3 || HOME_WORDS.contains(&parts[0]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_line_traditional() {
        let m =
            parse_meta_line("發佈時間:2023-11-28 08:50:00 | 來源:新華網 | 作者: | 責任編輯:曹川川")
                .unwrap();
        assert_eq!(m.published.as_deref(), Some("2023-11-28T08:50:00+08:00"));
        assert_eq!(m.source.as_deref(), Some("新華網"));
        assert_eq!(m.author, Some(None));
        assert_eq!(m.editor, Some(Some("曹川川".to_string())));
        assert_eq!(m.glued_at, None);
    }

    #[test]
    fn publishing_line_simplified_fullwidth() {
        let m =
            parse_meta_line("发布时间：2021年3月5日 10:20　来源：人民日报　编辑：王小明").unwrap();
        assert_eq!(m.published.as_deref(), Some("2021-03-05T10:20:00+08:00"));
        assert_eq!(m.source.as_deref(), Some("人民日报"));
        assert_eq!(m.editor, Some(Some("王小明".to_string())));
    }

    #[test]
    fn english_line_has_no_assumed_zone() {
        let m = parse_meta_line("Source: Xinhua | Editor: Zhang | Published: 2023-11-27 21:00")
            .unwrap();
        assert_eq!(m.published.as_deref(), Some("2023-11-27T21:00:00"));
        assert_eq!(m.source.as_deref(), Some("Xinhua"));
    }

    #[test]
    fn glued_name_split_by_sentence_opening() {
        let line = "来源：央视网 | 责任编辑：欧阳明华国务院常务会议3日召开，研究部署有关工作。";
        let m = parse_meta_line(line).unwrap();
        assert_eq!(m.editor, Some(Some("欧阳明华".to_string())));
        assert_eq!(&line[m.glued_at.unwrap()..][..9], "国务院");
        let line = "發佈時間:2020-01-02 | 編輯:李四近日，多地召開會議。";
        let m = parse_meta_line(line).unwrap();
        assert_eq!(m.editor, Some(Some("李四".to_string())));
        assert!(line[m.glued_at.unwrap()..].starts_with("近日"));
    }

    #[test]
    fn label_gate_admits_every_label() {
        for (l, _) in LABELS {
            assert!(may_start_label(l.chars().next().unwrap()), "{l}");
        }
    }

    #[test]
    fn glued_after_a_date() {
        let line = "发布时间：2024-08-27 08:40:00中共中央政治局8月23日召开会议。";
        let m = parse_meta_line(line).unwrap();
        assert_eq!(m.published.as_deref(), Some("2024-08-27T08:40:00+08:00"));
        assert!(line[m.glued_at.unwrap()..].starts_with("中共中央"));
    }

    #[test]
    fn body_sentences_are_not_publishing_lines() {
        assert!(parse_meta_line("会议指出，长江经济带发展战略是重大战略决策。").is_none());
        assert!(parse_meta_line("时间：一个伟大的时代已经来临，我们要努力奋斗，团结一心，在新的征程上创造新的更大的辉煌，为实现中华民族伟大复兴的中国梦不懈奋斗，这是历史赋予我们的使命。").is_none());
        assert!(parse_meta_line("2023年是全面贯彻党的二十大精神的开局之年。").is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(
            parse_datetime("2023-11-28 08:50:00 |").unwrap().0,
            "2023-11-28T08:50:00"
        );
        assert_eq!(parse_datetime("2023/1/8").unwrap().0, "2023-01-08");
        assert_eq!(parse_datetime("2023年11月28日").unwrap().0, "2023-11-28");
        assert!(parse_datetime("2023-13-01").is_none());
        assert!(parse_datetime("20231").is_none());
    }

    #[test]
    fn english_date_lines() {
        let iso = |s: &str| parse_meta_line(s).and_then(|m| m.published);
        assert_eq!(iso("November 15, 2012").as_deref(), Some("2012-11-15"));
        assert_eq!(iso("(15 November 2012)").as_deref(), Some("2012-11-15"));
        assert_eq!(iso("Nov. 27, 2023").as_deref(), Some("2023-11-27"));
        assert_eq!(iso("November 15, 2012, was a Thursday."), None);
        assert_eq!(iso("May 2012"), None);
        assert_eq!(iso("March 40, 2012"), None);
    }

    #[test]
    fn bylines() {
        assert_eq!(
            parse_byline("本报记者  王某 李某某").as_deref(),
            Some("王某 李某某")
        );
        assert_eq!(
            parse_byline("By Zhang Yi | China Daily").as_deref(),
            Some("Zhang Yi")
        );
        assert_eq!(parse_byline("记者从会上获悉，今年将新建学校。"), None);
        assert_eq!(parse_byline("By the end of the year, growth slowed"), None);
    }

    #[test]
    fn date_lines_with_a_weekday() {
        let m = parse_meta_line("2026年01月04日 星期日").unwrap();
        assert_eq!(m.published.as_deref(), Some("2026-01-04"));
        assert_eq!(m.glued_at, None);
        let m = parse_meta_line("2024-01-04").unwrap();
        assert_eq!(m.published.as_deref(), Some("2024-01-04"));
        assert!(
            parse_meta_line("2026年01月04日 星期日，全国各地迎来降温天气，气象部门发布预警。")
                .is_none()
        );
    }

    #[test]
    fn copyright_lines() {
        assert!(is_copyright("人 民 网 版 权 所 有"));
        assert!(is_copyright("人民网版权所有，未经书面授权禁止使用"));
        assert!(is_copyright(
            "Copyright © 2024 Xinhua. All rights reserved."
        ));
        assert!(!is_copyright("会议强调，要加强知识产权保护，依法保护著作权人的版权所有权益不受侵害，这是一项长期任务，必须常抓不懈，久久为功，确保各项措施落到实处，取得实效。"));
        assert!(!is_copyright("版权保护工作"));
    }

    #[test]
    fn breadcrumbs() {
        assert!(is_breadcrumb("首頁 >  頭條"));
        assert!(is_breadcrumb("首页 > 新闻 > 时政"));
        assert!(is_breadcrumb("Home > News"));
        assert!(is_breadcrumb("当前位置：新闻中心 > 要闻"));
        assert!(!is_breadcrumb("增长率 > 5%，说明经济回升。"));
        assert!(!is_breadcrumb("A > B"));
    }
}
