//! items: which stretches of a file are separate items, read off its markup.
//!
//! A feed says so: each entry is one. An archive page or file says so by its headings:
//! the headings of one level are item headings when the sections under them carry what
//! a separate item carries — its own source link, a dateline, a publishing line — and
//! the shallowest such level wins (deeper headings inside an item are its
//! sub-headlines; a heading that sections one long article has none of these). A
//! section outside the items that lists them ("本期节目主要内容：1.…；2.…") is a digest.
//! Everything else is read as text.

use super::{headline, Info, Role, Structure};
use crate::model::Paragraph;
use std::collections::HashSet;
use std::ops::Range;

/// A stretch of paragraphs and how it is to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Region {
    /// Read as text: documents found by the text rules.
    Text(Range<usize>),
    /// One item: one document, its heading its headline; `entry` is the feed entry.
    Item {
        range: Range<usize>,
        entry: Option<usize>,
    },
    /// A list of the file's items.
    Digest(Range<usize>),
}

/// The regions of a file's paragraphs, in order, covering every paragraph.
pub(crate) fn regions(paragraphs: &[Paragraph], infos: &[Info], s: &Structure) -> Vec<Region> {
    let n = paragraphs.len();
    if !s.entries.is_empty() {
        return entry_regions(paragraphs, s);
    }
    let heads: Vec<(usize, u8)> = infos
        .iter()
        .enumerate()
        .filter_map(|(i, inf)| inf.heading.map(|l| (i, l)))
        .collect();
    let Some(level) = item_level(&heads, infos) else {
        return vec![Region::Text(0..n)];
    };
    let mut out = Vec::new();
    let titles: HashSet<String> = heads
        .iter()
        .filter(|h| h.1 == level)
        .filter_map(|&(i, _)| key(&paragraphs[i].text))
        .collect();
    let push_outside = |out: &mut Vec<Region>, r: Range<usize>| {
        if r.clone().all(|i| infos[i].heading.is_some()) {
            // Headings with nothing under them (a file's title over its items, a
            // "详细新闻" over them) make no document.
            return;
        }
        if is_digest(&paragraphs[r.clone()], &titles) {
            out.push(Region::Digest(r));
        } else {
            out.push(Region::Text(r));
        }
    };
    let mut i = 0;
    let mut k = 0;
    while k < heads.len() {
        let (at, l) = heads[k];
        if l == level {
            // Paragraphs before this item that no item holds.
            push_outside(&mut out, i..at);
            let mut end = heads[k + 1..]
                .iter()
                .find(|h| h.1 <= level)
                .map_or(n, |h| h.0);
            // A thematic break after the heading ends the item too.
            let heading_start = paragraphs[at].src_range().start;
            let b = s.breaks.partition_point(|&b| b <= heading_start);
            if let Some(&brk) = s.breaks.get(b) {
                let after = at + paragraphs[at..end].partition_point(|p| p.src_range().start < brk);
                end = end.min(after.max(at + 1));
            }
            out.push(Region::Item {
                range: at..end,
                entry: None,
            });
            i = end;
            k = heads.partition_point(|h| h.0 < end);
            continue;
        }
        if l < level && at > i {
            // A container heading ends the stretch before it.
            push_outside(&mut out, i..at);
            i = at;
        }
        k += 1;
    }
    push_outside(&mut out, i..n);
    out
}

/// One region per feed entry; paragraphs outside every entry are read as text.
fn entry_regions(paragraphs: &[Paragraph], s: &Structure) -> Vec<Region> {
    let mut out: Vec<Region> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let src = p.src_range();
        let e = s.entries.partition_point(|e| e.range.start <= src.start);
        let entry = e
            .checked_sub(1)
            .filter(|&e| src.start < s.entries[e].range.end.max(s.entries[e].range.start + 1));
        match (out.last_mut(), entry) {
            (
                Some(Region::Item {
                    range,
                    entry: Some(last),
                }),
                Some(e),
            ) if *last == e => range.end = i + 1,
            (Some(Region::Text(range)), None) => range.end = i + 1,
            (_, Some(e)) => out.push(Region::Item {
                range: i..i + 1,
                entry: Some(e),
            }),
            (_, None) => out.push(Region::Text(i..i + 1)),
        }
    }
    out
}

/// The shallowest heading level whose sections carry an item's marks, if any.
fn item_level(heads: &[(usize, u8)], infos: &[Info]) -> Option<u8> {
    if heads.len() < 2 {
        return None;
    }
    // Paragraphs that mark a separate item, as prefix counts.
    let mut marks = vec![0usize; infos.len() + 1];
    for (i, inf) in infos.iter().enumerate() {
        let mark = matches!(inf.role, Role::Link(_))
            || matches!(&inf.role, Role::Meta(m) if m.published.is_some())
            || inf.dateline.is_some();
        marks[i + 1] = marks[i] + usize::from(mark);
    }
    let mut levels: Vec<u8> = heads.iter().map(|h| h.1).collect();
    levels.sort_unstable();
    levels.dedup();
    for level in levels {
        let mut count = 0;
        let mut marked = 0;
        for (k, &(at, l)) in heads.iter().enumerate() {
            if l != level {
                continue;
            }
            count += 1;
            let end = heads[k + 1..]
                .iter()
                .find(|h| h.1 <= level)
                .map_or(infos.len(), |h| h.0);
            if marks[end] > marks[at] {
                marked += 1;
            }
        }
        if count >= 2 && marked >= 2 && marked * 2 >= count {
            return Some(level);
        }
    }
    None
}

/// How many bytes a list number takes at the start of `text` ("1.", "12、", "（3）",
/// "(3)", "3．"), with the space after it.
fn list_number(text: &str) -> Option<usize> {
    if let Some(n) = headline::digest_number(text) {
        return Some(n);
    }
    let t = text;
    let (open, close_set): (usize, &[char]) = if t.starts_with('（') {
        ('（'.len_utf8(), &['）'])
    } else if t.starts_with('(') {
        (1, &[')'])
    } else {
        (0, &['.', '、', '．'])
    };
    let digits = t[open..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = &t[open + digits..];
    let c = after.chars().next().filter(|c| close_set.contains(c))?;
    let mut at = open + digits + c.len_utf8();
    at += t[at..].len() - t[at..].trim_start().len();
    // "1.5%" is a number, not a list item.
    (at < t.len() && !t[at..].starts_with(|c: char| c.is_ascii_digit())).then_some(at)
}

/// What a list line and an item's heading share: the first characters of the title,
/// without its number and punctuation.
fn key(text: &str) -> Option<String> {
    let t = text.trim();
    let t = &t[list_number(t).unwrap_or(0)..];
    let k: String = t
        .chars()
        .filter(|c| c.is_alphanumeric())
        .take(KEY_CHARS)
        .collect();
    (k.chars().count() >= KEY_CHARS.min(4)).then_some(k)
}

/// Characters of a title compared between a digest line and an item heading.
const KEY_CHARS: usize = 6;

/// True when a stretch lists the file's items: numbered lines make a good part of it,
/// and most of its top-level numbers ("1." rather than a sub-item's "（1）") name an
/// item of the file.
fn is_digest(paragraphs: &[Paragraph], titles: &HashSet<String>) -> bool {
    let mut content = 0;
    let mut listed = 0;
    let mut top = 0;
    let mut named = 0;
    for p in paragraphs {
        let t = p.text.trim();
        if t.is_empty() {
            continue;
        }
        content += 1;
        if list_number(t).is_some() {
            listed += 1;
            if t.starts_with(|c: char| c.is_ascii_digit()) {
                top += 1;
                if key(t).is_some_and(|k| titles.contains(&k)) {
                    named += 1;
                }
            }
        }
    }
    listed >= 3 && listed * 3 >= content && named >= 2 && named * 2 >= top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_numbers() {
        assert_eq!(list_number("1.【领航中国】共护"), Some(2));
        assert_eq!(list_number("12、会议"), Some(5));
        assert_eq!(list_number("（3）空客天津"), Some(7));
        assert_eq!(list_number("(3) x"), Some(4));
        assert_eq!(list_number("2. Politburo"), Some(3));
        assert_eq!(list_number("2023年是"), None);
        assert_eq!(list_number("1.5%的增长"), None);
        assert_eq!(list_number("1."), None);
    }

    #[test]
    fn keys_match_across_numbering_and_punctuation() {
        assert_eq!(
            key("1.【领航中国】共护一江水；"),
            key("【领航中国】共护一江水 万里长江")
        );
        assert_ne!(key("2.天南地北迎新年；"), key("天安门广场举行"));
    }
}
