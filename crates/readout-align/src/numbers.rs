//! Numbers as anchors between Chinese and English: Arabic digits (half- and full-width),
//! Chinese numerals (十八, 二〇一二, 三千五百) and English month names (November ↔ 11月),
//! all reduced to one canonical digit string so they compare across languages.

use std::ops::Range;

/// Canonical form of a digit string: ASCII digits, thousands separators removed, leading
/// zeros dropped, a trailing ".0" removed ("1,000" → "1000", "03" → "3", "3.50" → "3.5").
pub fn canonical(digits: &str) -> Option<String> {
    let mut s: String = digits
        .chars()
        .filter_map(|c| match c {
            '0'..='9' | '.' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' => Some('.'),
            _ => None,
        })
        .collect();
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    let trimmed = s.trim_start_matches('0');
    let s = if trimmed.is_empty() || trimmed.starts_with('.') {
        format!("0{trimmed}")
    } else {
        trimmed.to_string()
    };
    if s.chars().any(|c| c.is_ascii_digit()) && s.matches('.').count() <= 1 {
        Some(s)
    } else {
        None
    }
}

fn digit_value(c: char) -> Option<u64> {
    readout_lang::zh_digit(c).map(u64::from)
}

fn unit_value(c: char) -> Option<u64> {
    readout_lang::zh_unit(c).map(u64::from)
}

fn is_zh_numeral(c: char) -> bool {
    digit_value(c).is_some() || unit_value(c).is_some()
}

/// Value of a run of Chinese numerals: positional (二〇一二 → 2012) when it has no unit
/// characters, otherwise with units (三千五百 → 3500, 十八 → 18).
pub fn zh_numeral_value(run: &str) -> Option<u64> {
    if run.is_empty() || !run.chars().all(is_zh_numeral) {
        return None;
    }
    readout_lang::zh_value(run)
}

/// Characters after which even a one-character numeral is a real number (dates,
/// sessions, ordinals): 十一月, 五日, 第一次, 三届.
fn counts_after(c: char) -> bool {
    matches!(
        c,
        '月' | '日' | '号' | '年' | '届' | '次' | '季' | '期' | '岁' | '周'
    )
}

/// Numbers in Chinese text, canonical, with byte spans: digit runs and Chinese numeral
/// runs. A lone numeral character counts only before a date or counter character or after
/// 第, because 一 and 十 are mostly ordinary words (一些, 十分).
pub fn zh_numbers(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            let mut j = k + 1;
            while j < chars.len() {
                let d = chars[j].1;
                let inner = matches!(d, '.' | '．' | ',')
                    && chars
                        .get(j + 1)
                        .is_some_and(|x| x.1.is_ascii_digit() || ('０'..='９').contains(&x.1));
                if d.is_ascii_digit() || ('０'..='９').contains(&d) || inner {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            if let Some(v) = canonical(&text[start..end]) {
                out.push((v, start..end));
            }
            k = j;
        } else if is_zh_numeral(c) {
            let mut j = k + 1;
            while j < chars.len() && is_zh_numeral(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            let len = j - k;
            let next = chars.get(j).map(|x| x.1);
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let meaningful = len >= 2 || next.is_some_and(counts_after) || prev == Some('第');
            // 万/亿 alone are words (万一, 亿万) rather than numbers.
            if meaningful && !(len == 1 && unit_value(c).is_some_and(|u| u >= 10_000)) {
                if let Some(v) = zh_numeral_value(&text[start..end]) {
                    out.push((v.to_string(), start..end));
                }
            }
            k = j;
        } else {
            k += 1;
        }
    }
    out
}

/// Number of an English month name or its abbreviation (lowercased input). "May" and
/// "March" are also ordinary words: they count only when `dated` says the context makes
/// them months (a number follows, or they are capitalized inside a sentence).
pub fn month_number(lower: &str, dated: bool) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if (lower == "may" || lower == "march") && !dated {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() >= 3 && m.starts_with(lower) && lower != "mar"))
        .map(|i| i as u32 + 1)
}

/// Canonical number of an English token ("18th" → 18, "3.5" → 3.5, "1,000" → 1000).
pub fn en_number(token: &str) -> Option<String> {
    let digits: String = token
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &token[digits.len()..];
    let suffix_ok = rest.is_empty()
        || ["st", "nd", "rd", "th", "s"].contains(&rest.to_ascii_lowercase().as_str());
    if suffix_ok {
        canonical(&digits)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_positional_and_with_units() {
        assert_eq!(zh_numeral_value("二〇一二"), Some(2012));
        assert_eq!(zh_numeral_value("十八"), Some(18));
        assert_eq!(zh_numeral_value("二十"), Some(20));
        assert_eq!(zh_numeral_value("三千五百"), Some(3500));
        assert_eq!(zh_numeral_value("一百零五"), Some(105));
        assert_eq!(zh_numeral_value("十三万"), Some(130_000));
        assert_eq!(zh_numeral_value("两亿三千万"), Some(230_000_000));
        assert_eq!(zh_numeral_value("abc"), None);
    }

    #[test]
    fn numbers_in_chinese_text() {
        let text = "2023年11月27日召开十八届一中全会，第一次会议，一些人十分高兴，增长3.5%";
        let found: Vec<String> = zh_numbers(text).into_iter().map(|x| x.0).collect();
        assert_eq!(found, ["2023", "11", "27", "18", "1", "3.5"]);
        for (_, span) in zh_numbers(text) {
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }

    #[test]
    fn english_numbers_and_months() {
        assert_eq!(en_number("18th").as_deref(), Some("18"));
        assert_eq!(en_number("1,000").as_deref(), Some("1000"));
        assert_eq!(en_number("3.50").as_deref(), Some("3.5"));
        assert_eq!(en_number("G20"), None);
        assert_eq!(month_number("november", false), Some(11));
        assert_eq!(month_number("nov", false), Some(11));
        assert_eq!(month_number("may", false), None);
        assert_eq!(month_number("march", true), Some(3));
    }

    #[test]
    fn full_width_digits() {
        assert_eq!(canonical("２０２４").as_deref(), Some("2024"));
    }
}
