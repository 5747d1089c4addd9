//! markdown: reduces Markdown to its text — `#` heading markers and setext underlines are
//! dropped and the heading lines recorded, inline HTML tags and comments stripped,
//! character references decoded. Emphasis markers stay; code is left as written.

use super::entities::decode_entity;
use super::map::MapBuilder;
use super::Reduced;
use std::ops::Range;

struct Reducer<'a> {
    src: &'a str,
    out: String,
    m: MapBuilder,
    headings: Vec<Range<usize>>,
    in_comment: bool,
}

/// Reduces Markdown `src` to text.
pub(crate) fn reduce(src: &str) -> Reduced {
    let mut r = Reducer {
        src,
        out: String::with_capacity(src.len()),
        m: MapBuilder::new(),
        headings: Vec::new(),
        in_comment: false,
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
            r.headings.push(p);
            r.drop(body);
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
                r.headings.push(h);
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
    let _ = r.src;
    Reduced {
        text: r.out,
        map: r.m.finish(),
        headings: r.headings,
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
                        self.drop(i..i + n);
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
        r.headings.iter().map(|h| &r.text[h.clone()]).collect()
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
        assert_eq!(r.text, "标题\n\n\n正文\n\n- 列表\n---\n");
        assert_eq!(heads(&r), vec!["标题"]);
    }

    #[test]
    fn inline_html_and_references() {
        let r = reduce("a <b>粗</b> <span class=\"x\">c</span><br/> &amp; &copy; <!-- 注 --> 1 < 2 <http://x>\n");
        assert_eq!(r.text, "a 粗 c & ©  1 < 2 <http://x>\n");
        let r = reduce("x <!-- a\nb --> y\n");
        assert_eq!(r.text, "x \n y\n");
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
