//! markdown: reduces Markdown to its text — `#` heading markers and setext underlines are
//! dropped and the heading lines recorded with their level, links reduced to their text
//! with the address recorded, inline HTML tags and comments stripped (block elements such
//! as `<p>`, `<br>`, `<li>` end a paragraph, as in a browser; `<h1>`…`<h6>` mark headings),
//! character references decoded. Emphasis markers stay; code is left as written.

use super::attrs;
use super::entities::decode_entity;
use super::html::{heading_level, is_block};
use super::map::MapBuilder;
use super::Reduced;
use crate::model::{Heading, Link};
use std::ops::Range;

struct Reducer<'a> {
    src: &'a str,
    out: String,
    m: MapBuilder,
    headings: Vec<Heading>,
    breaks: Vec<usize>,
    links: Vec<Link>,
    in_comment: bool,
    /// An inline `<hN>` element open since this output offset.
    open_heading: Option<(usize, u8)>,
    /// An inline `<a href>` open since this output offset.
    open_link: Option<(usize, String)>,
}

/// Reduces Markdown `src` to text.
pub(crate) fn reduce(src: &str) -> Reduced {
    let mut r = Reducer {
        src,
        out: String::with_capacity(src.len()),
        m: MapBuilder::new(),
        headings: Vec::new(),
        breaks: Vec::new(),
        links: Vec::new(),
        in_comment: false,
        open_heading: None,
        open_link: None,
    };
    let mut fence: Option<(u8, usize)> = None;
    // The output range of the previous line when it was paragraph text.
    let mut prev_para: Option<Range<usize>> = None;
    let mut pos = 0;
    for line in src.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body_len = line.trim_end_matches(['\n', '\r']).len();
        let (body, eol) = (start..start + body_len, start + body_len..pos);
        let text = &src[body.clone()];
        let indent = text.len() - text.trim_start_matches(' ').len();
        let t = &text[indent..];
        if let Some((ch, n)) = fence {
            r.copy(start..pos);
            if indent <= 3
                && fence_run(t, ch) >= n
                && t.trim_start_matches(ch as char).trim().is_empty()
            {
                fence = None;
            }
            prev_para = None;
            continue;
        }
        if indent <= 3 && !r.in_comment {
            for ch in [b'`', b'~'] {
                let n = fence_run(t, ch);
                if n >= 3 {
                    fence = Some((ch, n));
                }
            }
            if fence.is_some() {
                r.copy(start..pos);
                prev_para = None;
                continue;
            }
        }
        if let (Some(p), true) = (
            prev_para.clone(),
            indent <= 3 && !r.in_comment && is_underline(t),
        ) {
            let level = if t.starts_with('=') { 1 } else { 2 };
            r.headings.push(Heading { range: p, level });
            r.drop(body);
            r.copy(eol);
            prev_para = None;
            continue;
        }
        if indent <= 3 && !r.in_comment && is_thematic_break(t) {
            // `---`, `***`, `___`: a rule between sections, no text.
            r.close_link();
            r.breaks.push(r.out.len());
            r.brk(body);
            r.copy(eol);
            prev_para = None;
            continue;
        }
        let hashes = t.bytes().take_while(|&c| c == b'#').count();
        let after = t.as_bytes().get(hashes);
        if indent <= 3
            && !r.in_comment
            && (1..=6).contains(&hashes)
            && matches!(after, None | Some(b' ' | b'\t'))
        {
            let content = t[hashes..].trim_start_matches([' ', '\t']);
            let content_start = body.end - content.len();
            let content = strip_closing_hashes(content);
            let content_end = content_start + content.len();
            r.drop(start..content_start);
            let h0 = r.out.len();
            r.inline(content_start..content_end);
            let h = h0..r.out.trim_end().len();
            if !h.is_empty() {
                r.headings.push(Heading {
                    range: h,
                    level: hashes as u8,
                });
            }
            r.drop(content_end..body.end);
            r.copy(eol);
            prev_para = None;
            continue;
        }
        let o0 = r.out.len();
        r.inline(body);
        let o1 = r.out.len();
        r.copy(eol);
        let para = !r.out[o0..o1].trim().is_empty() && indent <= 3 && !starts_block(t);
        prev_para = para.then_some(o0..o1);
    }
    r.close_link();
    Reduced {
        text: r.out,
        map: r.m.finish(),
        headings: r.headings,
        breaks: r.breaks,
        links: r.links,
        ..Reduced::default()
    }
}

fn fence_run(t: &str, ch: u8) -> usize {
    t.bytes().take_while(|&c| c == ch).count()
}

/// A setext underline: a run of `=` or `-` (two or more) and nothing else.
fn is_underline(t: &str) -> bool {
    let t = t.trim_end();
    t.len() >= 2 && (t.bytes().all(|c| c == b'=') || t.bytes().all(|c| c == b'-'))
}

/// A thematic break: three or more of one of `-`, `*`, `_`, spaces between allowed.
fn is_thematic_break(t: &str) -> bool {
    let mut marks = t.bytes().filter(|c| *c != b' ' && *c != b'\t');
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, b'-' | b'*' | b'_')
        && 1 + marks.clone().count() >= 3
        && marks.all(|c| c == first)
}

/// Lines that open a list item, a quote or a table row, which a setext underline does not
/// turn into a heading.
fn starts_block(t: &str) -> bool {
    let b = t.as_bytes();
    matches!(b.first(), Some(b'>' | b'|'))
        || (matches!(b.first(), Some(b'-' | b'*' | b'+')) && matches!(b.get(1), Some(b' ' | b'\t')))
        || {
            let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
            d > 0
                && matches!(b.get(d), Some(b'.' | b')'))
                && matches!(b.get(d + 1), None | Some(b' '))
        }
}

/// Drops an ATX heading's closing `#` sequence.
fn strip_closing_hashes(s: &str) -> &str {
    let t = s.trim_end_matches([' ', '\t']);
    let h = t.trim_end_matches('#');
    if h.len() == t.len() {
        return t;
    }
    if h.is_empty() {
        return h;
    }
    if h.ends_with([' ', '\t']) {
        h.trim_end_matches([' ', '\t'])
    } else {
        t
    }
}

impl Reducer<'_> {
    fn copy(&mut self, r: Range<usize>) {
        self.out.push_str(&self.src[r.clone()]);
        self.m.step(r.len(), r.len());
    }

    fn drop(&mut self, r: Range<usize>) {
        self.m.step(0, r.len());
    }

    /// A paragraph break standing for the markup at `r` (a block element's tag).
    fn brk(&mut self, r: Range<usize>) {
        let add = if self.out.is_empty() || self.out.ends_with("\n\n") {
            ""
        } else if self.out.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        self.out.push_str(add);
        self.m.step(add.len(), r.len());
    }

    /// An inline HTML tag: a block element breaks the paragraph, a heading or a link
    /// is recorded, anything else is dropped.
    fn tag(&mut self, r: Range<usize>) {
        let t = &self.src[r.clone()];
        let closing = t.as_bytes().get(1) == Some(&b'/');
        let from = if closing { 2 } else { 1 };
        let name_len = t.as_bytes()[from..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        let name = &t.as_bytes()[from..from + name_len];
        if let Some(level) = heading_level(name) {
            self.close_heading();
            self.brk(r);
            if !closing {
                self.open_heading = Some((self.out.len(), level));
            }
        } else if is_block(name) {
            self.close_link();
            self.brk(r);
        } else if name.eq_ignore_ascii_case(b"a") {
            self.close_link();
            self.drop(r);
            if !closing {
                let attrs = &t[from + name_len..];
                if let Some(href) = attrs::attribute(attrs, "href").filter(|h| !h.is_empty()) {
                    self.open_link = Some((self.out.len(), href));
                }
            }
        } else {
            self.drop(r);
        }
    }

    fn close_heading(&mut self) {
        if let Some((start, level)) = self.open_heading.take() {
            let end = self.out.trim_end().len();
            if end > start {
                self.headings.push(Heading {
                    range: start..end,
                    level,
                });
            }
        }
    }

    fn close_link(&mut self) {
        if let Some((start, href)) = self.open_link.take() {
            let end = self.out.trim_end().len().max(start);
            // Pending white space written after the start tag is not link text.
            let start = end - self.out[start..end].trim_start().len();
            if end > start {
                self.links.push(Link {
                    range: start..end,
                    href,
                });
            }
        }
    }

    /// Inline content of one line: tags and comments dropped, references decoded, code
    /// spans left alone.
    fn inline(&mut self, r: Range<usize>) {
        let b = self.src.as_bytes();
        let mut i = r.start;
        let mut run = i;
        let end = r.end;
        macro_rules! flush {
            () => {
                if run < i {
                    self.copy(run..i);
                }
            };
        }
        if self.in_comment {
            match memchr::memmem::find(&b[i..end], b"-->") {
                Some(k) => {
                    self.drop(i..i + k + 3);
                    i += k + 3;
                    run = i;
                    self.in_comment = false;
                }
                None => return self.drop(r),
            }
        }
        while i < end {
            match b[i] {
                b'`' => {
                    let n = b[i..end].iter().take_while(|&&c| c == b'`').count();
                    let ticks = &b[i..i + n];
                    i += n;
                    if let Some(k) = memchr::memmem::find(&b[i..end], ticks) {
                        i += k + n;
                    }
                }
                b'<' if b[i..end].starts_with(b"<!--") => {
                    flush!();
                    match memchr::memmem::find(&b[i + 4..end], b"-->") {
                        Some(k) => {
                            self.drop(i..i + 4 + k + 3);
                            i += 4 + k + 3;
                        }
                        None => {
                            self.drop(i..end);
                            self.in_comment = true;
                            i = end;
                        }
                    }
                    run = i;
                }
                b'<' => match tag_len(&b[i..end]) {
                    Some(n) => {
                        flush!();
                        self.tag(i..i + n);
                        i += n;
                        run = i;
                    }
                    None => i += 1,
                },
                b'!' if b.get(i + 1) == Some(&b'[') => match link_at(&b[i + 1..end]) {
                    // An image: its alt text is not shown text.
                    Some((_, n)) => {
                        flush!();
                        self.drop(i..i + 1 + n);
                        i += 1 + n;
                        run = i;
                    }
                    None => i += 1,
                },
                b'[' => match link_at(&b[i..end]) {
                    Some((l, n)) => {
                        flush!();
                        self.drop(i..i + 1);
                        let start = self.out.len();
                        self.inline(i + 1..i + 1 + l.text_len);
                        let href = self.src[i + l.href.start..i + l.href.end].to_string();
                        self.links.push(Link {
                            range: start..self.out.len(),
                            href,
                        });
                        self.drop(i + 1 + l.text_len..i + n);
                        i += n;
                        run = i;
                    }
                    None => i += 1,
                },
                b'&' => match decode_entity(&self.src[i..end], true) {
                    Some((c, n)) => {
                        flush!();
                        self.out.push(c);
                        self.m.step(c.len_utf8(), n);
                        i += n;
                        run = i;
                    }
                    None => i += 1,
                },
                _ => i += 1,
            }
        }
        flush!();
    }
}

/// A Markdown inline link `[text](href "title")` at the start of `b`.
struct InlineLink {
    /// Bytes of the link text, after the `[`.
    text_len: usize,
    /// The address, relative to the `[`.
    href: Range<usize>,
}

/// The inline link at the start of `b` and its length, if `b` opens one. The text may
/// hold balanced brackets; the address may be in angle brackets.
fn link_at(b: &[u8]) -> Option<(InlineLink, usize)> {
    if b.first() != Some(&b'[') {
        return None;
    }
    let mut depth = 0usize;
    let mut k = 1;
    let close = loop {
        match b.get(k)? {
            b'\\' => k += 1,
            b'[' => depth += 1,
            b']' if depth == 0 => break k,
            b']' => depth -= 1,
            _ => {}
        }
        k += 1;
    };
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    let mut j = close + 2;
    while b.get(j) == Some(&b' ') {
        j += 1;
    }
    let href = if b.get(j) == Some(&b'<') {
        let e = j + 1 + memchr::memchr(b'>', &b[j + 1..])?;
        let r = j + 1..e;
        j = e + 1;
        r
    } else {
        let s = j;
        let mut parens = 0usize;
        while let Some(&c) = b.get(j) {
            match c {
                b' ' | b'\t' => break,
                b'(' => parens += 1,
                b')' if parens == 0 => break,
                b')' => parens -= 1,
                _ => {}
            }
            j += 1;
        }
        s..j
    };
    // An optional title, then the closing parenthesis.
    let rest = memchr::memchr(b')', &b[j..])?;
    let title = &b[j..j + rest];
    let t = title.iter().position(|c| *c != b' ').map(|p| &title[p..]);
    if let Some(t) = t {
        if !matches!(t.first(), Some(b'"' | b'\'' | b'(')) {
            return None;
        }
    }
    Some((
        InlineLink {
            text_len: close - 1,
            href,
        },
        j + rest + 1,
    ))
}

/// Length of the HTML tag at the start of `b` (`<name …>`, `</name>`), if it is one.
fn tag_len(b: &[u8]) -> Option<usize> {
    let at = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    if !b.get(at)?.is_ascii_alphabetic() {
        return None;
    }
    let name = b[at..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
        .count();
    match b.get(at + name) {
        Some(b'>') => Some(at + name + 1),
        Some(b'/') if b.get(at + name + 1) == Some(&b'>') => Some(at + name + 2),
        Some(b' ' | b'\t') => memchr::memchr(b'>', &b[at + name..]).map(|k| at + name + k + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(r: &Reduced) -> Vec<&str> {
        r.headings
            .iter()
            .map(|h| &r.text[h.range.clone()])
            .collect()
    }

    #[test]
    fn atx_headings_lose_their_markers() {
        let r = reduce("# 第一章 总则 #\n\n正文 *强调*\n\n###### 六级\n####### 不是\n#不是\n");
        assert_eq!(
            r.text,
            "第一章 总则\n\n正文 *强调*\n\n六级\n####### 不是\n#不是\n"
        );
        assert_eq!(heads(&r), vec!["第一章 总则", "六级"]);
    }

    #[test]
    fn setext_headings() {
        let r = reduce("标题\n====\n\n正文\n\n- 列表\n---\n");
        // After a list item, `---` is a thematic break, not an underline.
        assert_eq!(r.text, "标题\n\n\n正文\n\n- 列表\n\n\n");
        assert_eq!(r.breaks.len(), 1);
        assert_eq!(heads(&r), vec!["标题"]);
    }

    #[test]
    fn inline_html_and_references() {
        let r = reduce("a <b>粗</b> <span class=\"x\">c</span><br/> &amp; &copy; <!-- 注 --> 1 < 2 <http://x>\n");
        assert_eq!(r.text, "a 粗 c\n\n & ©  1 < 2 <http://x>\n");
        let r = reduce("x <!-- a\nb --> y\n");
        assert_eq!(r.text, "x \n y\n");
    }

    #[test]
    fn block_tags_break_paragraphs() {
        let r = reduce("### 标题\n\n<p><strong>央视网消息</strong>（新闻联播）：</p><p>一段。<br></p><p style=\"text-align: center;\">二</p>\n");
        let paras: Vec<&str> = r
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(
            paras,
            vec!["标题", "央视网消息（新闻联播）：", "一段。", "二"]
        );
        assert_eq!(r.headings[0].level, 3);
        let r = reduce("a <strong>b</strong> <span>c</span>\n");
        assert_eq!(r.text, "a b c\n");
        let r = reduce("<h2>小标题</h2>正文\n");
        assert_eq!(heads(&r), vec!["小标题"]);
        assert_eq!(r.headings[0].level, 2);
    }

    #[test]
    fn links_keep_their_text_and_record_the_address() {
        let src = "[查看原文](https://tv.cctv.com/2024/01/04/VIDE.shtml)\n见<a href=\"http://x.cn/a?b=1&amp;c=2\">此处</a>。![图](p.png) [a [b] c](<u v>) [不是链接] (x)\n";
        let r = reduce(src);
        assert_eq!(r.text, "查看原文\n见此处。 a [b] c [不是链接] (x)\n");
        let l: Vec<(&str, &str)> = r
            .links
            .iter()
            .map(|l| (&r.text[l.range.clone()], l.href.as_str()))
            .collect();
        assert_eq!(
            l,
            vec![
                ("查看原文", "https://tv.cctv.com/2024/01/04/VIDE.shtml"),
                ("此处", "http://x.cn/a?b=1&c=2"),
                ("a [b] c", "u v"),
            ]
        );
        let d = |t: usize| super::super::map::map_start(&r.map, t);
        let at = r.text.find("此处").unwrap();
        assert_eq!(&src[d(at)..d(at) + "此处".len()], "此处");
    }

    #[test]
    fn thematic_breaks_end_sections() {
        let r = reduce("a\n\n---\n\n(时间戳)\n* * *\n");
        assert_eq!(
            r.text.split_whitespace().collect::<Vec<_>>(),
            vec!["a", "(时间戳)"]
        );
        assert_eq!(r.breaks.len(), 2);
        assert!(r.breaks[0] >= 1 && r.breaks[0] <= r.text.find('(').unwrap());
        // After a paragraph line, `---` underlines a heading instead.
        assert_eq!(reduce("标题\n---\n").breaks.len(), 0);
    }

    #[test]
    fn code_is_left_alone() {
        let src = "```\n# not a heading <b>\n```\n`<b>` kept\n";
        let r = reduce(src);
        assert_eq!(r.text, src);
        assert!(r.headings.is_empty());
    }

    #[test]
    fn map_points_back() {
        let src = "## 标题\n正文\n";
        let r = reduce(src);
        let d = |t: usize| super::super::map::map_start(&r.map, t);
        assert_eq!(&src[d(0)..d(0) + "标题".len()], "标题");
        let t = r.text.find("正文").unwrap();
        assert_eq!(&src[d(t)..d(t) + "正文".len()], "正文");
    }
}
