//! Chinese numerals: 十一, 二十七, 二〇二三, 三千五百.

/// The value of a Chinese digit character (`〇`/`零` are zero, `两` two).
pub fn zh_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese unit character (十, 百, 千, 万, 亿).
pub fn zh_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' | '萬' => 10_000,
        '亿' | '億' => 100_000_000,
        _ => return None,
    })
}

/// The value of a Chinese numeral or of ASCII digits: positional when it has no unit
/// character (二〇二三 = 2023, years are written so), otherwise with units (十一 = 11,
/// 二十七 = 27, 三千五百 = 3500). `None` for anything else or a value past `u32`.
pub fn zh_number(s: &str) -> Option<u32> {
    zh_value(s).and_then(|v| u32::try_from(v).ok())
}

/// [`zh_number`] for amounts past `u32` (两亿三千万 = 230,000,000).
pub fn zh_value(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let digit = |c: char| zh_digit(c).map(u64::from);
    if s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u64, |n, c| n.checked_mul(10)?.checked_add(digit(c)?));
    }
    // Sections below 万 add up; 万 and 亿 multiply what came before them.
    let (mut total, mut section, mut last) = (0u64, 0u64, None::<u64>);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            last = Some(d);
        } else if let Some(u) = zh_unit(c).map(u64::from) {
            if u >= 10_000 {
                let s = section.checked_add(last.unwrap_or(0))?;
                total = total.checked_add(s.max(1).checked_mul(u)?)?;
                section = 0;
            } else {
                // A unit alone counts once: 十八 = 18.
                section = section.checked_add(last.unwrap_or(1).checked_mul(u)?)?;
            }
            last = None;
        } else {
            return None;
        }
    }
    total.checked_add(section)?.checked_add(last.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(zh_number("十"), Some(10));
        assert_eq!(zh_number("十一"), Some(11));
        assert_eq!(zh_number("二十"), Some(20));
        assert_eq!(zh_number("二十七"), Some(27));
        assert_eq!(zh_number("三十一"), Some(31));
        assert_eq!(zh_number("九"), Some(9));
        assert_eq!(zh_number("二〇二三"), Some(2023));
        assert_eq!(zh_number("二零二三"), Some(2023));
        assert_eq!(zh_number("12"), Some(12));
        assert_eq!(zh_number("三千五百"), Some(3500));
        assert_eq!(zh_number("一百零五"), Some(105));
        assert_eq!(zh_number("五万"), Some(50_000));
        assert_eq!(zh_number(""), None);
        assert_eq!(zh_number("十x"), None);
        assert_eq!(zh_number("会议"), None);
    }

    #[test]
    fn every_date_numeral_of_the_date_rules() {
        // The forms the date patterns capture: 十[一二]?, [一二三]?十[一-九]?, one digit.
        let names = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        for n in 1..=31u32 {
            let s = match (n / 10, n % 10) {
                (0, o) => names[o as usize].to_string(),
                (1, o) => format!("十{}", names[o as usize]),
                (t, o) => format!("{}十{}", names[t as usize], names[o as usize]),
            };
            assert_eq!(zh_number(&s), Some(n), "{s}");
        }
    }
}
