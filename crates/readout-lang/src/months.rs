//! English month names.

/// The month names and abbreviations as a regex alternation, longest first where one
/// is a prefix of another (`Sept` before `Sep`), for patterns that embed a month.
pub const EN_MONTHS_RE: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";

/// The twelve full names, January first.
pub const EN_MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The month (1–12) an English month name or abbreviation stands for: the full name or
/// its first three letters, with `Sept`, an optional final dot, any case. Nothing
/// else: `Marching` and `Novem` are not months.
pub fn en_month(word: &str) -> Option<u32> {
    let w = word.strip_suffix('.').unwrap_or(word);
    if !(3..=9).contains(&w.len()) || !w.is_ascii() {
        return None;
    }
    if w.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    EN_MONTH_NAMES
        .iter()
        .position(|m| m.eq_ignore_ascii_case(w) || (w.len() == 3 && m[..3].eq_ignore_ascii_case(w)))
        .map(|i| i as u32 + 1)
}

/// [`en_month`] for a capitalized name or abbreviation only (`November`, `Nov.`,
/// `Sept`; not `nov` or `NOV`, which datelines and date lines do not write).
pub fn en_month_titled(word: &str) -> Option<u32> {
    let w = word.strip_suffix('.').unwrap_or(word);
    let mut cs = w.chars();
    let titled =
        cs.next().is_some_and(|c| c.is_ascii_uppercase()) && cs.all(|c| c.is_ascii_lowercase());
    titled.then(|| en_month(w)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titled_names_only() {
        assert_eq!(en_month_titled("November"), Some(11));
        assert_eq!(en_month_titled("Nov."), Some(11));
        assert_eq!(en_month_titled("Sept"), Some(9));
        for w in ["nov", "NOV", "NOVEMBER", "November..", "Mayday", ""] {
            assert_eq!(en_month_titled(w), None, "{w}");
        }
    }

    #[test]
    fn names_and_abbreviations() {
        assert_eq!(en_month("November"), Some(11));
        assert_eq!(en_month("Nov."), Some(11));
        assert_eq!(en_month("nov"), Some(11));
        assert_eq!(en_month("MAY"), Some(5));
        assert_eq!(en_month("Sept."), Some(9));
        assert_eq!(en_month("Sep"), Some(9));
        for w in ["Marching", "Novem", "No", "Ma", "", ".", "Sept..", "Mayday"] {
            assert_eq!(en_month(w), None, "{w}");
        }
    }

    #[test]
    fn every_alternative_of_the_pattern_is_a_month() {
        for w in EN_MONTHS_RE.split('|') {
            assert!(en_month(w).is_some(), "{w}");
        }
    }
}
