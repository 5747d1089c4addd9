//! dateline: the opening of a news report that names the agency, the place and the
//! day ("新华社北京11月27日电", "Xinhua News Agency, Beijing, November 27 –",
//! "BEIJING, Nov. 27 (Xinhua) --"). A dateline starts a report's body.

/// A dateline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The dateline as written.
    pub text: String,
    /// The reporters credited right after a Chinese dateline ("（记者 张三）").
    pub reporters: Option<String>,
}

/// News organisations that open their reports with a dateline, as the reports write
/// them in either script.
const AGENCIES_ZH: &[&str] = &[
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
    "解放军报",
    "解放軍報",
    "求是网",
    "中国新闻网",
];

/// The first characters of [`AGENCIES_ZH`]: a cheap gate run on every line.
fn may_start_agency(c: char) -> bool {
    matches!(
        c,
        '新' | '本' | '人' | '中' | '央' | '光' | '经' | '經' | '法' | '解' | '求'
    )
}

/// Finds a dateline at the start of `text`.
pub(crate) fn detect(text: &str) -> Option<Dateline> {
    detect_zh(text).or_else(|| detect_en(text))
}

fn detect_zh(text: &str) -> Option<Dateline> {
    let first = text.chars().next()?;
    if !may_start_agency(first) {
        return None;
    }
    let agency = AGENCIES_ZH.iter().find(|a| text.starts_with(*a))?;
    if let Some(d) = news_lead(text, agency.len()) {
        return Some(d);
    }
    let mut end = agency.len();
    // Place and day, then 电: "北京11月27日电"; nothing else may stand between.
    let mut n = 0;
    let mut found = false;
    for c in text[end..].chars() {
        end += c.len_utf8();
        if c == '电' || c == '電' {
            found = true;
            break;
        }
        n += 1;
        let ok = crate::identify::is_han(c)
            || c.is_ascii_digit()
            || matches!(c as u32, 0xFF10..=0xFF19)
            || c == '·';
        if !ok || n > 16 {
            return None;
        }
    }
    if !found {
        return None;
    }
    let dateline = text[..end].to_string();
    let rest = text[end..].trim_start();
    let reporters = ["（", "("].iter().find_map(|open| {
        let inner = rest.strip_prefix(open)?;
        let close = inner.find(['）', ')'])?;
        let credit = inner[..close].trim();
        let names = credit
            .strip_prefix("记者")
            .or_else(|| credit.strip_prefix("記者"))?
            .trim();
        (!names.is_empty() && names.chars().count() <= 40).then(|| names.to_string())
    });
    Some(Dateline {
        text: dateline,
        reporters,
    })
}

/// "央视网消息（新闻联播）：", "本报讯": an agency's lead without place or day, with the
/// programme or edition named in brackets.
fn news_lead(text: &str, agency_len: usize) -> Option<Dateline> {
    let rest = &text[agency_len..];
    let word = ["消息", "讯", "訊"]
        .iter()
        .find(|w| rest.starts_with(**w))?;
    let mut end = agency_len + word.len();
    if let Some(inner) = text[end..]
        .strip_prefix('（')
        .or_else(|| text[end..].strip_prefix('('))
    {
        let close = inner.find(['）', ')'])?;
        if inner[..close].chars().count() > 16 {
            return None;
        }
        end += text[end..].len() - inner.len() + close;
        end += text[end..].chars().next().map_or(0, char::len_utf8);
    }
    // What follows opens the report: a colon, a space, or its first sentence.
    let next = text[end..].chars().next();
    if next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '，') {
        return None;
    }
    Some(Dateline {
        text: text[..end].to_string(),
        reporters: None,
    })
}

/// The full date a dateline states ("新华社北京2024年1月4日电"), as `YYYY-MM-DD`.
pub(crate) fn stated_date(dateline: &str) -> Option<String> {
    let b = dateline.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit) && (i == 0 || !b[i - 1].is_ascii_digit()) {
            if let Some((iso, _)) = super::boilerplate::parse_datetime(&dateline[i..]) {
                return Some(iso[..10].to_string());
            }
        }
        i += 1;
    }
    None
}

fn detect_en(text: &str) -> Option<Dateline> {
    // Datelines open with a capitalised place or agency name.
    if !text.as_bytes().first()?.is_ascii_uppercase() {
        return None;
    }
    let head = &text[..floor_boundary(text, 160)];
    let (pos, _) = [" -- ", " – ", " — ", " - ", "—", " –"]
        .iter()
        .filter_map(|d| head.find(d).map(|p| (p, d.len())))
        .min()?;
    let prefix = text[..pos].trim();
    if prefix.is_empty() || prefix.split_whitespace().count() > 12 {
        return None;
    }
    let mut has_place = false;
    let mut has_day_or_agency = false;
    for chunk in prefix.split(',') {
        let chunk = chunk.trim();
        // A trailing "(Xinhua)" names the agency.
        let (words, paren) = match chunk.find('(') {
            Some(p) => {
                let inner = chunk[p + 1..].strip_suffix(')')?;
                if inner.is_empty() || !inner.starts_with(|c: char| c.is_uppercase()) {
                    return None;
                }
                (chunk[..p].trim(), true)
            }
            None => (chunk, false),
        };
        has_day_or_agency |= paren;
        if words.is_empty() {
            if !paren {
                return None;
            }
            continue;
        }
        if is_month_day(words) {
            has_day_or_agency = true;
        } else if words
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "of")
        {
            has_place = true;
        } else {
            return None;
        }
    }
    (has_place && has_day_or_agency).then(|| Dateline {
        text: prefix.to_string(),
        reporters: None,
    })
}

/// The month a capitalized English month name or abbreviation stands for, 1 to 12
/// (`November`, `Nov`, `Sept`; not `nov` or `NOV`, which datelines do not write).
pub(crate) fn month_number(word: &str) -> Option<u32> {
    let mut cs = word.chars();
    let titled =
        cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.all(|c| c.is_ascii_lowercase());
    titled.then(|| readout_lang::en_month(word)).flatten()
}

fn is_month_day(words: &str) -> bool {
    let mut it = words.split_whitespace();
    let (Some(m), Some(d), None) = (it.next(), it.next(), it.next()) else {
        return false;
    };
    let m = m.trim_end_matches('.');
    let d = d
        .trim_end_matches("st")
        .trim_end_matches("nd")
        .trim_end_matches("rd")
        .trim_end_matches("th");
    month_number(m).is_some()
        && !d.is_empty()
        && d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
}

/// The largest char boundary of `s` at or below `i`.
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    let mut i = i;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Option<String> {
        detect(s).map(|d| d.text)
    }

    #[test]
    fn chinese_datelines() {
        assert_eq!(text("新华社电 中共中央总书记").as_deref(), Some("新华社电"));
        assert_eq!(
            text("新华社北京11月27日电 中共中央政治局").as_deref(),
            Some("新华社北京11月27日电")
        );
        assert_eq!(
            text("本報香港3月5日電 特區政府").as_deref(),
            Some("本報香港3月5日電")
        );
        let d = detect("本报北京3月5日电（记者 王某 李某）今天").unwrap();
        assert_eq!(d.reporters.as_deref(), Some("王某 李某"));
        assert_eq!(text("新华社发表评论员文章，指出电力"), None);
        assert_eq!(
            text("央视网消息（新闻联播）：长江是").as_deref(),
            Some("央视网消息（新闻联播）")
        );
        assert_eq!(text("本报讯 省政府").as_deref(), Some("本报讯"));
        assert_eq!(text("新华社消息称").as_deref(), Some("新华社消息"));
        assert_eq!(
            stated_date("新华社北京2024年1月4日电").as_deref(),
            Some("2024-01-04")
        );
        assert_eq!(stated_date("新华社北京1月4日电"), None);
        assert_eq!(text("会议指出，新华社电"), None);
    }

    #[test]
    fn agency_gate_admits_every_agency() {
        for a in AGENCIES_ZH {
            assert!(may_start_agency(a.chars().next().unwrap()), "{a}");
        }
    }

    #[test]
    fn english_datelines() {
        assert_eq!(
            text("Xinhua News Agency, Beijing, November 27 – The Political Bureau").as_deref(),
            Some("Xinhua News Agency, Beijing, November 27")
        );
        assert_eq!(
            text("BEIJING, Nov. 27 (Xinhua) -- The Political Bureau").as_deref(),
            Some("BEIJING, Nov. 27 (Xinhua)")
        );
        assert_eq!(
            text("SHANGHAI (Reuters) - Shares rose").as_deref(),
            Some("SHANGHAI (Reuters)")
        );
        assert_eq!(text("The meeting - which was held on Monday - noted"), None);
        assert_eq!(text("Beijing - a city"), None);
    }
}
