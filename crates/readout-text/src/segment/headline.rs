//! headline: how a headline line differs from a body paragraph, and how a digest
//! numbers its items.
//!
//! A headline states, it does not narrate: it is short, has no sentence inside it and
//! does not end a sentence. Chinese headlines separate their parts with spaces rather
//! than commas; English ones may carry commas but no full stop.

use crate::identify::is_wide;

/// Characters that close a sentence.
pub(crate) fn is_sentence_final(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '!' | '?' | '；' | ';' | '…' | '.' | '．' | '｡'
    )
}

/// Closing quotes and brackets, which may follow the sentence-final mark.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '》' | '〉' | '）' | ')' | ']' | '】' | '"' | '\''
    )
}

/// True when `text` ends a sentence or introduces what follows (a colon): the next
/// paragraph does not continue it.
pub(crate) fn ends_closed(text: &str) -> bool {
    let mut it = text.trim_end().chars().rev();
    let mut last = it.next();
    // A quotation or title closing the line ends the sentence only when the sentence
    // inside it ended: "…坚持。”" is closed, "…审议《意见》" is not.
    while let Some(c) = last {
        if is_closer(c) {
            last = it.next();
        } else {
            break;
        }
    }
    match last {
        Some(c) => is_sentence_final(c) || matches!(c, '：' | ':'),
        None => true,
    }
}

/// Counts of what a line is made of, enough to call it a headline or not.
struct Shape {
    chars: usize,
    wide: usize,
    words: usize,
    commas_zh: usize,
    inner_stop: bool,
}

fn shape(text: &str) -> Shape {
    let mut s = Shape {
        chars: 0,
        wide: 0,
        words: 0,
        commas_zh: 0,
        inner_stop: false,
    };
    let mut prev_word_lower = false;
    let mut prev_word_len = 0usize;
    let mut in_word = false;
    let mut pending_period = false;
    for c in text.chars() {
        s.chars += 1;
        if is_wide(c) {
            s.wide += 1;
        }
        if matches!(c, '，' | '、') {
            s.commas_zh += 1;
        }
        if matches!(c, '。' | '！' | '？' | '；') {
            s.inner_stop = true;
        }
        if !is_wide(c) && c.is_alphanumeric() {
            if pending_period && c.is_uppercase() {
                s.inner_stop = true;
            }
            pending_period = false;
            if !in_word {
                s.words += 1;
                in_word = true;
                prev_word_len = 0;
                prev_word_lower = c.is_lowercase();
            }
            prev_word_len += 1;
        } else {
            if in_word && matches!(c, '.' | '!' | '?' | ';') {
                // "said. The" ends a sentence; "Nov. 27", "U.S." and "2." do not.
                pending_period = prev_word_lower && prev_word_len >= 3 && c != ';';
                if c == ';' {
                    s.inner_stop = true;
                }
            } else if !c.is_whitespace() && !is_closer(c) {
                pending_period = false;
            }
            in_word = false;
        }
    }
    s
}

/// True when `text` (one line) reads as a headline rather than a body paragraph.
pub(crate) fn headline_like(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() || t.len() > 600 {
        return false;
    }
    let last = t.chars().next_back().unwrap_or(' ');
    let mut trimmed = t;
    while let Some(c) = trimmed.chars().next_back() {
        if is_closer(c) {
            trimmed = &trimmed[..trimmed.len() - c.len_utf8()];
        } else {
            break;
        }
    }
    let end = trimmed.chars().next_back().unwrap_or(last);
    if matches!(
        end,
        '。' | '.' | '．' | ';' | '；' | '：' | ':' | '，' | ',' | '、' | '…'
    ) {
        return false;
    }
    let s = shape(t);
    if s.inner_stop {
        return false;
    }
    let body = &trimmed[..trimmed.len().saturating_sub(end.len_utf8())];
    if matches!(end, '？' | '！' | '?' | '!') && body.contains(['。', '！', '？']) {
        return false;
    }
    if s.wide * 2 >= s.chars {
        // Chinese: short, and commas only in a short line.
        s.chars <= 80 && (s.commas_zh == 0 || s.chars <= 32)
    } else {
        s.words <= 48
    }
}

/// The length in bytes of a digest item number such as "2. " at the start of `text`,
/// when the rest reads as a title.
pub(crate) fn digest_number(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && i < 3 && b[i].is_ascii_digit() {
        i += 1;
    }
    if i == 0 || i > 2 || b.get(i) != Some(&b'.') {
        return None;
    }
    i += 1;
    let spaces = b[i..].iter().take_while(|&&c| c == b' ').count();
    if spaces == 0 {
        return None;
    }
    i += spaces;
    let first = text[i..].chars().next()?;
    if first.is_uppercase() || crate::identify::is_han(first) || first == '“' || first == '"' {
        Some(i)
    } else {
        None
    }
}

/// A newspaper page label at the start of a headline ("01版 - 标题", "第3版：要闻",
/// "04版教科文新闻 - 标题"): where the label ends and where the title after it starts
/// (the text's length when the line is only a label).
pub(crate) fn page_label(text: &str) -> Option<(usize, usize)> {
    let t = text.strip_prefix('第').unwrap_or(text);
    let lead = text.len() - t.len();
    let digits = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(*c as u32, 0xFF10..=0xFF19))
        .map(char::len_utf8)
        .sum::<usize>();
    if digits == 0 || digits > 9 || !t[digits..].starts_with('版') {
        return None;
    }
    let after = lead + digits + '版'.len_utf8();
    // The page's section name may follow; a separator then opens the title.
    let reach = readout_lang::floor_boundary(text, after + 48);
    for sep in [" - ", " — ", " – ", " | ", "｜", " ｜ "] {
        if let Some(k) = text[after..reach].find(sep) {
            let label_end = after + k;
            let title_at = label_end + sep.len();
            let title_at =
                title_at + (text[title_at..].len() - text[title_at..].trim_start().len());
            return Some((label_end, title_at));
        }
    }
    // A line that is only a label, such as "第3版：要闻".
    (text.chars().count() <= 16 && !text.contains(['。', '，'])).then_some((text.len(), text.len()))
}

/// True when `text` starts like an item of a list inside one article ("一、",
/// "（二）", "3．"): such a line starts a paragraph of its own.
pub(crate) fn starts_list_item(text: &str) -> bool {
    let mut it = text.chars();
    let Some(c0) = it.next() else { return false };
    let c1 = it.next();
    if matches!(c0, '•' | '●' | '■' | '◆' | '○' | '▪' | '-' | '*' | '·')
        && c1.is_some_and(char::is_whitespace)
    {
        return true;
    }
    const NUM: &str = "一二三四五六七八九十";
    if NUM.contains(c0) {
        let rest = text.trim_start_matches(|c| NUM.contains(c));
        return rest.starts_with('、');
    }
    if matches!(c0, '（' | '(') {
        return c1.is_some_and(|c| NUM.contains(c) || c.is_ascii_digit());
    }
    if c0.is_ascii_digit() || matches!(c0 as u32, 0xFF10..=0xFF19) {
        let rest = text.trim_start_matches(|c: char| {
            c.is_ascii_digit() || matches!(c as u32, 0xFF10..=0xFF19)
        });
        return rest.starts_with(['、', '．']) || rest.starts_with(". ");
    }
    text.starts_with("第") && {
        let rest = text['第'.len_utf8()..].trim_start_matches(|c| NUM.contains(c));
        rest.len() + '第'.len_utf8() < text.len() && rest.starts_with(['，', '、', ','])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_and_body() {
        assert!(headline_like(
            "习近平主持召开深入推进长三角一体化发展座谈会强调"
        ));
        assert!(headline_like(
            "审议《关于若干政策措施的意见》《某某工作条例》"
        ));
        assert!(headline_like(
            "Xi Jinping, General Secretary of the CPC Central Committee, presided over the meeting"
        ));
        assert!(headline_like(
            "2. Politburo meeting on Yangtze economic belt"
        ));
        assert!(headline_like("BEIJING, Nov. 27 talks"));
        assert!(!headline_like("会议还研究了其他事项。"));
        assert!(!headline_like(
            "习近平强调，长三角区域要积极推进高层次协同开放。推进以制度"
        ));
        assert!(!headline_like("The meeting was held. It lasted long"));
        assert!(!headline_like("各位代表："));
    }

    #[test]
    fn closed_and_open_ends() {
        assert!(ends_closed("会议还研究了其他事项。"));
        assert!(ends_closed("他说：“我们要坚持。”"));
        assert!(ends_closed("各位代表："));
        assert!(!ends_closed("推进以制度型开放为重点的高水平对外开"));
        assert!(!ends_closed("审议《意见》"));
        assert!(!ends_closed("the development of"));
    }

    #[test]
    fn digest_numbers() {
        assert_eq!(digest_number("2. Politburo meeting"), Some(3));
        assert_eq!(digest_number("12. 会议"), Some(4));
        assert_eq!(digest_number("2.5 percent growth"), None);
        assert_eq!(digest_number("2019. the year"), None);
        assert_eq!(digest_number("Two. x"), None);
    }

    #[test]
    fn page_labels() {
        let t = "04版教科文新闻 - 窑火不熄 文化润心";
        let (l, at) = page_label(t).unwrap();
        assert_eq!((&t[..l], &t[at..]), ("04版教科文新闻", "窑火不熄 文化润心"));
        let t = "01版 - 中共中央政治局召开会议";
        let (l, at) = page_label(t).unwrap();
        assert_eq!((&t[..l], &t[at..]), ("01版", "中共中央政治局召开会议"));
        assert_eq!(
            page_label("第3版：要闻"),
            Some(("第3版：要闻".len(), "第3版：要闻".len()))
        );
        assert_eq!(page_label("版权所有"), None);
        assert_eq!(page_label("2023年版图"), None);
        assert_eq!(
            page_label("3版式设计的创新与发展方向研究综述以及其他很多内容"),
            None
        );
    }

    #[test]
    fn list_items() {
        assert!(starts_list_item("一、2024年工作回顾"));
        assert!(starts_list_item("（三）着力扩大国内需求"));
        assert!(starts_list_item("1．吸收新党员"));
        assert!(starts_list_item("第三，必须把消费的增长"));
        assert!(starts_list_item("• Cut fees for small firms"));
        assert!(!starts_list_item("一体化发展"));
        assert!(!starts_list_item("-5 degrees"));
        assert!(!starts_list_item("第三个历史决议"));
    }
}
