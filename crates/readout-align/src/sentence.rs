//! Sentence splitting for Chinese and English, returning each sentence with its byte
//! span in the input so that every alignment points back at the original text.
//!
//! Chinese ends sentences at 。！？；(and their ASCII forms), taking closing quotes and
//! brackets along, never inside a 《book title》, and inside quotation marks only once
//! the quotation is long enough to be made of whole sentences. English ends sentences at
//! . ! ? followed by space and a capital, except after abbreviations (Mr., No. 1, Jan. 5),
//! initials (J. K.), dotted acronyms (U.S.) that continue the sentence, and inside numbers
//! (3.5).

use std::ops::Range;

/// A sentence of a text: its trimmed slice and that slice's byte span in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'a> {
    pub text: &'a str,
    pub span: Range<usize>,
}

fn push_trimmed<'a>(text: &'a str, range: Range<usize>, out: &mut Vec<Sentence<'a>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = range.start + lead;
    out.push(Sentence {
        text: trimmed,
        span: start..start + trimmed.len(),
    });
}

fn is_paragraph_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

fn is_zh_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '｡')
}

fn is_zh_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '】' | '〕' | '〉' | '》' | '"' | '\''
    )
}

fn is_zh_quote_open(c: char) -> bool {
    matches!(c, '“' | '「' | '『' | '‘')
}

fn is_zh_quote_close(c: char) -> bool {
    matches!(c, '”' | '」' | '』' | '’')
}

/// Characters a quotation must have run before a terminator inside it ends a sentence:
/// a short quoted phrase (“中国声音。”) stays within its sentence, a quoted speech of
/// several sentences is split like any other text.
const LONG_QUOTE_CHARS: usize = 16;
/// An unclosed 《 stops protecting its text after this many characters.
const MAX_TITLE_CHARS: usize = 80;

/// Splits Chinese text into sentences.
pub fn split_zh(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0usize;
    let mut title_open: Option<usize> = None; // char index of the outermost open 《
    let mut title_depth = 0usize;
    let mut quote_depth = 0usize;
    let mut quote_open = 0usize; // char index where the outermost quotation opened
    let mut k = 0usize;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if is_paragraph_break(c) {
            push_trimmed(text, start..pos, &mut out);
            start = pos + c.len_utf8();
            title_depth = 0;
            title_open = None;
            quote_depth = 0;
            k += 1;
            continue;
        }
        match c {
            '《' | '〈' => {
                if title_depth == 0 {
                    title_open = Some(k);
                }
                title_depth += 1;
            }
            '》' | '〉' => {
                title_depth = title_depth.saturating_sub(1);
                if title_depth == 0 {
                    title_open = None;
                }
            }
            _ if is_zh_quote_open(c) => {
                if quote_depth == 0 {
                    quote_open = k;
                }
                quote_depth += 1;
            }
            _ if is_zh_quote_close(c) => quote_depth = quote_depth.saturating_sub(1),
            _ => {}
        }
        if title_open.is_some_and(|o| k - o > MAX_TITLE_CHARS) {
            title_depth = 0;
            title_open = None;
        }
        if !is_zh_terminator(c) || title_depth > 0 {
            k += 1;
            continue;
        }
        // Take the run of terminators and closing marks that belong to this end.
        let mut j = k + 1;
        let mut closes_quote = false;
        while j < chars.len() {
            let d = chars[j].1;
            if is_zh_terminator(d) {
                j += 1;
            } else if is_zh_closer(d) {
                if is_zh_quote_close(d) {
                    closes_quote = true;
                    quote_depth = quote_depth.saturating_sub(1);
                }
                if matches!(d, '》' | '〉') {
                    title_depth = title_depth.saturating_sub(1);
                }
                j += 1;
            } else {
                break;
            }
        }
        let inside_quote = quote_depth > 0 || closes_quote;
        let long_quote = k.saturating_sub(quote_open) >= LONG_QUOTE_CHARS;
        if inside_quote && !closes_quote && !long_quote {
            k = j;
            continue;
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        push_trimmed(text, start..end, &mut out);
        start = end;
        k = j;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Abbreviations after which a period never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "rev",
    "hon", "pres", "st", "mt", "messrs", "mme", "vs", "cf", "approx", "dept", "univ", "fig",
    "figs", "vol", "vols", "pp", "para", "paras", "sec", "ch", "jr", "sr",
];
/// Abbreviations that do not end a sentence when a number follows (No. 1, Jan. 5).
const BEFORE_NUMBERS: &[&str] = &[
    "no", "nos", "art", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "p", "op", "ed", "ca",
];
/// Words that start a new sentence after a dotted acronym ("... in the U.S. The ...").
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "we",
    "they",
    "i",
    "in",
    "but",
    "and",
    "a",
    "an",
    "however",
    "there",
    "his",
    "her",
    "our",
    "their",
    "at",
    "on",
    "as",
    "for",
    "after",
    "since",
    "while",
    "when",
    "meanwhile",
    "also",
    "such",
    "some",
    "many",
    "according",
];

fn is_en_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』')
}

/// Splits English text into sentences.
pub fn split_en(text: &str) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut start = 0usize;
    let mut k = 0usize;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if is_paragraph_break(c) {
            push_trimmed(text, start..pos, &mut out);
            start = pos + c.len_utf8();
            k += 1;
            continue;
        }
        if !matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
            k += 1;
            continue;
        }
        let mut j = k + 1;
        while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '…') {
            j += 1;
        }
        let single_period = c == '.' && j == k + 1;
        let run_end = j;
        while j < chars.len() && is_en_closer(chars[j].1) {
            j += 1;
        }
        // A sentence end is followed by space (or the end of the text).
        let mut n = j;
        while n < chars.len() && chars[n].1.is_whitespace() && !is_paragraph_break(chars[n].1) {
            n += 1;
        }
        if n == j && n < chars.len() && !is_paragraph_break(chars[n].1) {
            k = j;
            continue;
        }
        if n < chars.len() && !is_paragraph_break(chars[n].1) {
            let next_word = word_at(&chars, n);
            let next = chars[n].1;
            let starts_sentence = next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(next, '"' | '\'' | '“' | '‘' | '(' | '[' | '—' | '-')
                || !next.is_alphabetic();
            if !starts_sentence {
                k = j;
                continue;
            }
            // Behind a closing quote a period ends the sentence whatever precedes it.
            if single_period && j == run_end {
                let prev = word_before(&chars, k);
                if !period_ends_sentence(&prev, &next_word, next) {
                    k = j;
                    continue;
                }
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        push_trimmed(text, start..end, &mut out);
        start = end;
        k = j;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The letters-and-dots word ending just before char index `k`.
fn word_before(chars: &[(usize, char)], k: usize) -> String {
    let mut i = k;
    while i > 0 && (chars[i - 1].1.is_alphanumeric() || chars[i - 1].1 == '.') {
        i -= 1;
    }
    chars[i..k].iter().map(|x| x.1).collect()
}

/// The word starting at char index `n`, lowercased, without leading quotes.
fn word_at(chars: &[(usize, char)], n: usize) -> String {
    chars[n..]
        .iter()
        .map(|x| x.1)
        .skip_while(|c| !c.is_alphanumeric())
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn period_ends_sentence(prev: &str, next_word: &str, next: char) -> bool {
    let lower = prev.to_lowercase();
    let bare = lower.trim_matches('.');
    if bare.is_empty() {
        return true;
    }
    if TITLES.contains(&bare) {
        return false;
    }
    if next.is_ascii_digit() && BEFORE_NUMBERS.contains(&bare) {
        return false;
    }
    // A single capital is an initial (J. K. Rowling).
    let mut letters = prev.chars().filter(|c| c.is_alphabetic());
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() && !prev.contains('.') {
            return false;
        }
    }
    // Dotted acronyms (U.S., e.g., a.m.) continue unless a typical sentence opener follows.
    if bare.contains('.') {
        let parts_short = bare.split('.').all(|p| p.chars().count() <= 2);
        if parts_short {
            return SENTENCE_STARTERS.contains(&next_word);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh(text: &str) -> Vec<&str> {
        split_zh(text).into_iter().map(|s| s.text).collect()
    }

    fn en(text: &str) -> Vec<&str> {
        split_en(text).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn zh_splits_on_terminators_and_keeps_spans() {
        let text = "会议指出，要坚持。会议强调！是否可行？还研究了其他事项；完毕";
        let s = split_zh(text);
        assert_eq!(
            s.iter().map(|s| s.text).collect::<Vec<_>>(),
            [
                "会议指出，要坚持。",
                "会议强调！",
                "是否可行？",
                "还研究了其他事项；",
                "完毕"
            ]
        );
        for sent in &s {
            assert_eq!(&text[sent.span.clone()], sent.text);
        }
    }

    #[test]
    fn zh_never_splits_inside_book_titles() {
        assert_eq!(
            zh("他读了《谁是最可爱的人？》。然后写了《论持久战。续》一文。"),
            [
                "他读了《谁是最可爱的人？》。",
                "然后写了《论持久战。续》一文。"
            ]
        );
    }

    #[test]
    fn zh_short_quotes_stay_whole_and_closing_quotes_attach() {
        assert_eq!(
            zh("向世界传递了许多“中国声音。”的报道。记者说：“好。”"),
            ["向世界传递了许多“中国声音。”", "的报道。", "记者说：“好。”"]
        );
        assert_eq!(
            zh("他问“为什么？”大家都笑了。"),
            ["他问“为什么？”", "大家都笑了。"]
        );
        // A short quoted phrase with a full stop inside it that does not close the quote.
        assert_eq!(
            zh("他说“好。就这样”。走吧。"),
            ["他说“好。就这样”。", "走吧。"]
        );
    }

    #[test]
    fn zh_long_quotations_split_into_their_sentences() {
        let text = "习近平强调：“我们要坚定不移推进全面从严治党，永远在路上。要把纪律挺在前面。”会议还研究了其他事项。";
        assert_eq!(
            zh(text),
            [
                "习近平强调：“我们要坚定不移推进全面从严治党，永远在路上。",
                "要把纪律挺在前面。”",
                "会议还研究了其他事项。"
            ]
        );
    }

    #[test]
    fn zh_title_with_full_stop_inside_a_quote() {
        assert_eq!(
            zh("会议审议“《条例。修订》”。其他事项。"),
            ["会议审议“《条例。修订》”。", "其他事项。"]
        );
    }

    #[test]
    fn zh_paragraph_breaks_end_sentences_and_unclosed_titles_recover() {
        assert_eq!(
            zh("第一段没有句号\n第二段。"),
            ["第一段没有句号", "第二段。"]
        );
        let long = format!("《{}。后文。", "长".repeat(100));
        assert_eq!(split_zh(&long).len(), 2);
    }

    #[test]
    fn en_abbreviations_and_numbers_do_not_split() {
        assert_eq!(
            en("Mr. Xi met Dr. Smith in the U.S. capital. GDP grew 3.5% in 2023. It ranked No. 1 in Jan. 5 polls."),
            [
                "Mr. Xi met Dr. Smith in the U.S. capital.",
                "GDP grew 3.5% in 2023.",
                "It ranked No. 1 in Jan. 5 polls."
            ]
        );
    }

    #[test]
    fn en_acronym_at_sentence_end_splits_before_an_opener() {
        assert_eq!(
            en("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn en_initials_and_the_word_no() {
        assert_eq!(
            en("J. K. Rowling wrote it. The answer was no. Then we left."),
            [
                "J. K. Rowling wrote it.",
                "The answer was no.",
                "Then we left."
            ]
        );
    }

    #[test]
    fn en_quotes_close_sentences_or_continue_them() {
        assert_eq!(
            en("He said, \"We will win.\" Then he left. \"Why?\" she asked. “Go!” It ended."),
            [
                "He said, \"We will win.\"",
                "Then he left.",
                "\"Why?\" she asked.",
                "“Go!”",
                "It ended."
            ]
        );
    }

    #[test]
    fn en_spans_point_into_the_input() {
        let text = "  First one.  Second one?\nThird";
        let s = split_en(text);
        assert_eq!(s.len(), 3);
        for sent in &s {
            assert_eq!(&text[sent.span.clone()], sent.text);
        }
        assert_eq!(s[2].text, "Third");
    }

    fn check_spans(
        text: &str,
        sents: &[Sentence<'_>],
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let mut last = 0;
        for s in sents {
            proptest::prop_assert!(s.span.start >= last && s.span.start < s.span.end);
            proptest::prop_assert_eq!(&text[s.span.clone()], s.text);
            proptest::prop_assert_eq!(s.text.trim(), s.text);
            last = s.span.end;
        }
        // Nothing but white space is left out.
        let kept: usize = sents
            .iter()
            .map(|s| s.text.chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        proptest::prop_assert_eq!(kept, text.chars().filter(|c| !c.is_whitespace()).count());
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn splitters_cover_the_text_with_valid_spans(text in "[。！？；?!.;”」』）《》“「 \na-zA-Z0-9会议指出要坚持Mr.U.S]{0,80}") {
            check_spans(&text, &split_zh(&text))?;
            check_spans(&text, &split_en(&text))?;
        }

        #[test]
        fn splitters_survive_any_unicode(text in "\\PC{0,60}") {
            check_spans(&text, &split_zh(&text))?;
            check_spans(&text, &split_en(&text))?;
        }
    }

    #[test]
    fn en_ellipsis_and_lowercase_continuation() {
        assert_eq!(en("Wait... and see. Done."), ["Wait... and see.", "Done."]);
    }
}
