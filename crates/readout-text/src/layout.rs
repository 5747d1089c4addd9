//! layout: cleaned text to paragraphs, undoing what print and web layout did to it.
//!
//! Lines are the raw units. Two neighbouring lines become one paragraph when
//! - an English word was hyphenated at the line end (`develop-` / `ment`);
//! - an English line stops without closing its sentence and the next one goes on in
//!   lower case;
//! - the file is hard-wrapped (most lines fill about the same width) and the line is
//!   full: the break is the wrap, not a paragraph end;
//! - a Chinese body paragraph stops without sentence-final punctuation and the next
//!   body paragraph continues it (print layout breaks mid-word: 开 / 放).
//!
//! Headline-like lines are never joined, nor boilerplate lines, nor a line that opens
//! with a dateline or a list number. A publishing line glued to the first body sentence
//! is split in two. Within a paragraph whitespace runs fold to one space, and a joined
//! break becomes a space in English and nothing next to Chinese characters.
//! Every paragraph keeps [`Piece`]s back to the cleaned text and every change is a
//! [`Repair`].

use crate::identify::is_wide;
use crate::model::{Lang, Paragraph, Piece, Repair, RepairKind, Script};
use crate::segment::{boilerplate, dateline, headline};
use std::ops::Range;

/// The layout stage's output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Layout {
    pub paragraphs: Vec<Paragraph>,
    /// Every repair, in cleaned-text order.
    pub repairs: Vec<Repair>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    First,
    Newline,
    Blank,
    /// The two parts of a split glued line.
    Glued,
}

#[derive(Debug, Clone)]
struct Line {
    start: usize,
    end: usize,
    gap: Gap,
    indent: bool,
    width: u32,
    first: char,
    last: char,
    headline: bool,
    closed: bool,
    boiler: bool,
    dateline: bool,
    list_item: bool,
    /// No sentence-final mark inside or at the end.
    no_stop: bool,
    /// Starts with punctuation that only continues a sentence.
    continues: bool,
    hinted: bool,
}

/// Lines longer than this are never counted as wrapped lines, so their width is not
/// measured.
const MEASURE_BYTES: usize = 1024;

/// Display width: East Asian wide characters count two columns.
fn width(s: &str) -> u32 {
    if s.len() > MEASURE_BYTES {
        return u32::MAX / 4;
    }
    let mut w = 0u32;
    for &b in s.as_bytes() {
        w += match b {
            0x00..=0x7F | 0xC0..=0xDF => 1,
            0xE3..=0xED | 0xF0..=0xF7 => 2,
            0xE0..=0xE2 | 0xEE | 0xEF => 1,
            _ => 0,
        };
    }
    w
}

/// Bytes that may start a white-space character.
const MAY_START_WS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        t[b] = true;
        b += 1;
    }
    t[0x20] = true;
    t[0xC2] = true;
    t[0xE1] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
};

/// Length of a white-space character starting at byte `i`, 0 if none.
fn ws_at(b: &[u8], i: usize) -> usize {
    if !MAY_START_WS[b[i] as usize] {
        return 0;
    }
    match b[i] {
        b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => 1,
        0xC2 if matches!(b.get(i + 1), Some(0x85 | 0xA0)) => 2,
        0xE1 if b.get(i + 1) == Some(&0x9A) && b.get(i + 2) == Some(&0x80) => 3,
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) => 3,
            (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

fn make_line(
    cleaned: &str,
    start: usize,
    end: usize,
    gap: Gap,
    indent: bool,
    hinted: bool,
) -> Line {
    let t = &cleaned[start..end];
    let first = t.chars().next().unwrap_or(' ');
    let last = t.chars().next_back().unwrap_or(' ');
    let boiler = boilerplate::is_breadcrumb(t)
        || boilerplate::parse_meta_line(t).is_some()
        || boilerplate::parse_byline(t).is_some();
    Line {
        start,
        end,
        gap,
        indent,
        width: width(t),
        first,
        last,
        headline: headline::headline_like(t),
        closed: headline::ends_closed(t),
        boiler,
        dateline: dateline::detect(t).is_some(),
        list_item: headline::starts_list_item(t),
        no_stop: t.len() <= 600 && !t.contains(['。', '！', '？', '；']),
        continues: matches!(
            first,
            '。' | '，'
                | '、'
                | '；'
                | '：'
                | '！'
                | '？'
                | '）'
                | '」'
                | '』'
                | '》'
                | '”'
                | '’'
        ),
        hinted,
    }
}

/// Splits the cleaned text into trimmed, non-blank lines, splitting glued publishing
/// lines.
fn lines(cleaned: &str, headings: &[Range<usize>], repairs: &mut Vec<Repair>) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut gap = Gap::First;
    let bytes = cleaned.as_bytes();
    // Lines end at LF, CRLF or a lone CR (old Mac files).
    let ends = memchr::memchr2_iter(b'\n', b'\r', bytes).chain(std::iter::once(bytes.len()));
    for nl in ends {
        if nl < pos {
            continue;
        }
        let raw = &cleaned[pos..nl];
        let lead = raw.len() - raw.trim_start().len();
        let t = raw.trim();
        let start = pos + lead;
        pos = if bytes.get(nl) == Some(&b'\r') && bytes.get(nl + 1) == Some(&b'\n') {
            nl + 2
        } else {
            nl + 1
        };
        if t.is_empty() {
            if gap != Gap::First {
                gap = Gap::Blank;
            }
            continue;
        }
        let end = start + t.len();
        let hinted = hinted(headings, start..end);
        let m = boilerplate::parse_meta_line(t).and_then(|m| m.glued_at);
        match m {
            Some(at) if at > 0 && at < t.len() => {
                let meta_end = start + cleaned[start..start + at].trim_end().len();
                let body_start = start + at;
                out.push(make_line(cleaned, start, meta_end, gap, lead > 0, hinted));
                repairs.push(Repair {
                    src: body_start..body_start,
                    replacement: String::new(),
                    kind: RepairKind::SplitGlued,
                });
                out.push(make_line(
                    cleaned,
                    body_start,
                    end,
                    Gap::Glued,
                    false,
                    hinted,
                ));
            }
            _ => out.push(make_line(cleaned, start, end, gap, lead > 0, hinted)),
        }
        gap = Gap::Newline;
    }
    out
}

/// True when `r` lies inside one of `headings` (sorted by start, not overlapping).
fn hinted(headings: &[Range<usize>], r: Range<usize>) -> bool {
    let i = headings.partition_point(|h| h.start <= r.start);
    i.checked_sub(1)
        .map(|k| &headings[k])
        .is_some_and(|h| r.end <= h.end && r.start < r.end)
}

/// What the file's line lengths say about hard wrapping.
struct Wrap {
    /// The wrap width in columns, when the file is hard-wrapped.
    width: Option<u32>,
    /// Paragraphs are marked by indenting their first line.
    indented: bool,
    /// Paragraphs are separated by blank lines.
    blank_separated: bool,
}

fn wrap_stats(lines: &[Line]) -> Wrap {
    let n = lines.len();
    let blanks = lines.iter().filter(|l| l.gap == Gap::Blank).count();
    let newlines = lines.iter().filter(|l| l.gap == Gap::Newline).count();
    let indents = lines.iter().filter(|l| l.indent).count();
    let mut w = Wrap {
        width: None,
        indented: indents >= 2 && indents * 10 < n * 7,
        blank_separated: blanks >= 2,
    };
    // Prose has sentences: some lines end one. A list of titles has none.
    let closed = lines.iter().filter(|l| l.closed).count();
    if n < 6 || newlines * 10 < n * 3 || closed * 20 < n {
        return w;
    }
    let mut widths: Vec<u32> = lines.iter().map(|l| l.width).collect();
    widths.sort_unstable();
    let p90 = widths[(n * 9 / 10).min(n - 1)];
    if !(20..=200).contains(&p90) {
        return w;
    }
    let full = widths
        .iter()
        .filter(|&&x| x.saturating_mul(10) >= p90 * 7 && x <= p90 + (p90 / 10).max(4))
        .count();
    if full * 2 >= n {
        w.width = Some(p90);
    }
    w
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Hyphen,
    Wrap(&'static str),
    Break(&'static str),
}

fn decide(cleaned: &str, a: &Line, b: &Line, wrap: &Wrap, markup: bool) -> Option<Join> {
    if b.gap == Gap::Glued || a.hinted || b.hinted || a.boiler || b.boiler || b.dateline {
        return None;
    }
    if markup && b.gap == Gap::Blank {
        // The markup ended a block here (a `<p>`, a blank line in Markdown): the page
        // states the paragraph break, so it is no layout accident to repair.
        return None;
    }
    if b.list_item || (a.list_item && a.no_stop) {
        // A list item starts its own paragraph; a numbered heading ends its own.
        return None;
    }
    if b.continues {
        // Nothing starts a paragraph with a comma or a full stop: the line before was
        // cut (a web page's inline link put on its own line).
        return Some(match b.gap {
            Gap::Newline => Join::Wrap(""),
            _ => Join::Break(""),
        });
    }
    let ta = &cleaned[a.start..a.end];
    let glue = if is_wide(a.last) || is_wide(b.first) {
        ""
    } else {
        " "
    };
    // A hyphenated English word.
    if b.gap == Gap::Newline && a.last == '-' && b.first.is_ascii_lowercase() {
        let before = ta[..ta.len() - 1].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphabetic()) {
            return Some(Join::Hyphen);
        }
    }
    // An English sentence that goes on in lower case.
    if !a.closed && !is_wide(a.last) && b.first.is_lowercase() {
        return Some(match b.gap {
            Gap::Newline => Join::Wrap(glue),
            _ => Join::Break(glue),
        });
    }
    // A hard-wrapped file: a full line wraps into the next.
    if let (Gap::Newline, Some(w)) = (b.gap, wrap.width) {
        let full = a.width.saturating_mul(10) >= w.saturating_mul(7);
        let new_para = wrap.indented && b.indent;
        let continues = wrap.blank_separated || !a.closed || (wrap.indented && !b.indent);
        if full && !new_para && continues {
            return Some(Join::Wrap(glue));
        }
    }
    // A Chinese body paragraph broken mid-sentence.
    let cjk_a = is_wide(a.last) || matches!(a.last, '”' | '’');
    let cjk_b = is_wide(b.first) || b.first.is_ascii_digit() || matches!(b.first, '“' | '‘');
    if cjk_a && cjk_b && !a.closed && !a.headline && !b.headline {
        return Some(Join::Break(""));
    }
    None
}

/// Builds one paragraph from its lines and joins.
struct Builder<'a> {
    cleaned: &'a str,
    text: String,
    pieces: Vec<Piece>,
}

impl<'a> Builder<'a> {
    fn new(cleaned: &'a str) -> Self {
        Builder {
            cleaned,
            text: String::new(),
            pieces: Vec::new(),
        }
    }

    fn verbatim(&mut self, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        match self.pieces.last_mut() {
            Some(p)
                if p.src.end == r.start && p.at + (p.src.end - p.src.start) == self.text.len() =>
            {
                p.src.end = r.end;
            }
            _ => self.pieces.push(Piece {
                at: self.text.len(),
                src: r.clone(),
            }),
        }
        self.text.push_str(&self.cleaned[r]);
    }

    /// Copies `start..end`, folding white-space runs to one space.
    fn part(&mut self, start: usize, end: usize, repairs: &mut Vec<Repair>) {
        let b = &self.cleaned.as_bytes()[..end];
        let mut from = start;
        let mut i = start;
        while i < end {
            if !MAY_START_WS[b[i] as usize] {
                i += 1;
                continue;
            }
            let n = ws_at(b, i);
            if n == 0 {
                i += 1;
                continue;
            }
            let run = i;
            let mut j = i;
            while j < end {
                let m = ws_at(b, j);
                if m == 0 {
                    break;
                }
                j += m;
            }
            if b[run] == b' ' {
                if j - run > 1 {
                    self.verbatim(from..run + 1);
                    repairs.push(Repair {
                        src: run + 1..j,
                        replacement: String::new(),
                        kind: RepairKind::FoldedSpace,
                    });
                    from = j;
                }
            } else {
                self.verbatim(from..run);
                repairs.push(Repair {
                    src: run..j,
                    replacement: " ".to_string(),
                    kind: RepairKind::FoldedSpace,
                });
                self.text.push(' ');
                from = j;
            }
            i = j;
        }
        self.verbatim(from..end);
    }

    fn joint(
        &mut self,
        src: Range<usize>,
        replacement: &str,
        kind: RepairKind,
        repairs: &mut Vec<Repair>,
    ) {
        self.text.push_str(replacement);
        repairs.push(Repair {
            src,
            replacement: replacement.to_string(),
            kind,
        });
    }

    fn finish(&mut self) -> Option<Paragraph> {
        if self.text.is_empty() {
            return None;
        }
        Some(Paragraph {
            text: std::mem::take(&mut self.text),
            pieces: std::mem::take(&mut self.pieces),
            lang: Lang::Und,
            script: Script::Und,
        })
    }
}

/// Lays out `cleaned` into paragraphs. `headings` are cleaned-text ranges that the
/// markup marked as headings; their lines are never joined to others.
pub fn layout(cleaned: &str, headings: &[Range<usize>]) -> Layout {
    layout_with(cleaned, headings, false)
}

/// [`layout`] of a text reduced from markup (`markup`): its blank lines are the
/// markup's block boundaries, never joined.
pub fn layout_with(cleaned: &str, headings: &[Range<usize>], markup: bool) -> Layout {
    let mut repairs = Vec::new();
    let lines = lines(cleaned, headings, &mut repairs);
    let mut lines = lines;
    // A line that the next one continues mid-sentence is no headline.
    for i in 0..lines.len() {
        let next_continues = lines.get(i + 1).is_some_and(|n| n.continues);
        let l = &mut lines[i];
        if l.continues || next_continues {
            l.headline = false;
        }
    }
    let wrap = wrap_stats(&lines);
    let mut paragraphs = Vec::new();
    let mut b = Builder::new(cleaned);
    // Glued-split repairs were recorded while reading lines; merge them in order.
    let split_repairs = std::mem::take(&mut repairs);
    let mut splits = split_repairs.into_iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        let start = line.start;
        let join = lines
            .get(i + 1)
            .and_then(|next| decide(cleaned, line, next, &wrap, markup));
        while let Some(r) = splits.next_if(|r| r.src.start <= start) {
            repairs.push(r);
        }
        match join {
            Some(Join::Hyphen) => {
                let hyphen = line.end - 1;
                b.part(start, hyphen, &mut repairs);
                let next = &lines[i + 1];
                b.joint(
                    hyphen..next.start,
                    "",
                    RepairKind::JoinedHyphen,
                    &mut repairs,
                );
            }
            Some(Join::Wrap(g)) => {
                b.part(start, line.end, &mut repairs);
                b.joint(
                    line.end..lines[i + 1].start,
                    g,
                    RepairKind::JoinedWrap,
                    &mut repairs,
                );
            }
            Some(Join::Break(g)) => {
                b.part(start, line.end, &mut repairs);
                b.joint(
                    line.end..lines[i + 1].start,
                    g,
                    RepairKind::JoinedBreak,
                    &mut repairs,
                );
            }
            None => {
                b.part(start, line.end, &mut repairs);
                paragraphs.extend(b.finish());
            }
        }
    }
    repairs.extend(splits);
    paragraphs.extend(b.finish());
    Layout {
        paragraphs,
        repairs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        layout(s, &[])
            .paragraphs
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn pieces_rebuild_the_text() {
        let s = "A  b\tc\n\nThe deve-\nlopment of\nthe plan\n\n会议强调，要坚持把创新作为第一动力。推进以制度型开放为重点的高水平对外开\n\n放，加强改革经验互学互鉴。";
        let l = layout(s, &[]);
        for p in &l.paragraphs {
            let mut rebuilt = String::new();
            let mut pos = None::<usize>;
            for piece in &p.pieces {
                if let Some(end) = pos {
                    for r in l
                        .repairs
                        .iter()
                        .filter(|r| r.src.start >= end && r.src.end <= piece.src.start)
                    {
                        rebuilt.push_str(&r.replacement);
                    }
                }
                assert_eq!(piece.at, rebuilt.len());
                rebuilt.push_str(&s[piece.src.clone()]);
                pos = Some(piece.src.end);
            }
            assert_eq!(rebuilt, p.text);
        }
        assert_eq!(texts(s), vec![
                "A b c",
                "The development of the plan",
                "会议强调，要坚持把创新作为第一动力。推进以制度型开放为重点的高水平对外开放，加强改革经验互学互鉴。"
            ]);
    }

    #[test]
    fn a_list_of_titles_is_not_wrapped_prose() {
        let titles =
            "Premier meets visiting foreign guests\nVice premier inspects flood relief work\n\
            New rules on data exports take effect\nState Council lowers fees for small firms\n\
            Central bank keeps lending rates unchanged\nExports rise faster than expected in May\n\
            Ministry issues guideline on rural roads\n";
        assert_eq!(texts(titles).len(), 7);
    }

    #[test]
    fn line_ends_of_all_kinds() {
        assert_eq!(
            texts("One.\r\n\r\nTwo.\rThree.\nFour."),
            vec!["One.", "Two.", "Three.", "Four."]
        );
    }

    #[test]
    fn whitespace_folds() {
        assert_eq!(
            texts("  新华社电\u{3000}中共中央  \n"),
            vec!["新华社电 中共中央"]
        );
    }
}
