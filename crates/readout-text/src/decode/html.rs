//! html: reduces an HTML document to its text the way a browser shows it — block elements
//! become paragraph breaks, scripts, styles, comments and the head (but its title) vanish,
//! character references are decoded, white space collapses — recording the headings and
//! the offset map. A small tolerant tokenizer, iterative, so no nesting depth can exhaust
//! the stack.

use super::attrs;
use super::entities::decode_entity;
use super::map::MapBuilder;
use super::Reduced;
use crate::model::{Heading, Link, PageMeta};

/// Elements whose start and end tags break paragraphs.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frameset",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "optgroup",
    "option",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is raw text that is not shown.
const HIDDEN_RAW: &[&str] = &[
    "script", "style", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// Elements whose content is markup that is not shown (or not text).
const HIDDEN_NESTED: &[&str] = &["template", "svg", "math"];

/// Elements that may stand in the head; any other start tag ends an unclosed head.
const HEAD_ONLY: &[&str] = &[
    "meta", "link", "base", "basefont", "bgsound", "title", "style", "script", "noscript",
    "template", "head", "html",
];

fn is_in(name: &[u8], set: &[&str]) -> bool {
    set.iter().any(|s| s.as_bytes().eq_ignore_ascii_case(name))
}

/// True for an element whose tags end a paragraph (`p`, `div`, `br`, `li`, `tr`…).
pub(crate) fn is_block(name: &[u8]) -> bool {
    is_in(name, BLOCKS)
}

/// The level of a heading element `h1`…`h6`.
pub(crate) fn heading_level(name: &[u8]) -> Option<u8> {
    (name.len() == 2 && name[0].eq_ignore_ascii_case(&b'h') && (b'1'..=b'6').contains(&name[1]))
        .then(|| name[1] - b'0')
}

/// Meta tags that state when a page was published, by `name`, `property` or `itemprop`
/// (lower case), most specific first.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "firstpublishedtime",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
];

/// Meta tags that name the publishing site or source.
const SOURCE_META: &[&str] = &["og:site_name", "contentsource", "source", "sitename"];

/// East Asian wide characters that CSS joins across a source line break (Hangul aside,
/// which uses spaces). Wider than Han (kana, punctuation), so not `readout_lang::is_han`.
fn east_asian_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3190..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFF)
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pend {
    Space,
    Break,
}

struct Reducer<'a> {
    src: &'a str,
    b: &'a [u8],
    out: String,
    m: MapBuilder,
    /// Source offset consumed so far.
    pos: usize,
    /// Collapsible white space or a paragraph break waiting for the next text, and where
    /// its source began.
    pending: Option<(Pend, usize)>,
    /// The pending white space holds a line break of the source.
    pending_nl: bool,
    pre: usize,
    in_head: bool,
    /// The level of the heading element open now, if one is.
    heading_open: Option<u8>,
    heading_start: Option<usize>,
    headings: Vec<Heading>,
    breaks: Vec<usize>,
    links: Vec<Link>,
    /// An `<a href>` open since this output offset.
    open_link: Option<(usize, String)>,
    page: PageMeta,
    /// The rank in [`PUBLISHED_META`] of the published date kept so far.
    published_rank: usize,
}

/// Reduces HTML `src` to text.
pub(crate) fn reduce(src: &str) -> Reduced {
    let mut r = Reducer {
        src,
        b: src.as_bytes(),
        out: String::with_capacity(src.len() / 2),
        m: MapBuilder::new(),
        pos: 0,
        pending: None,
        pending_nl: false,
        pre: 0,
        in_head: false,
        heading_open: None,
        heading_start: None,
        headings: Vec::new(),
        breaks: Vec::new(),
        links: Vec::new(),
        open_link: None,
        page: PageMeta::default(),
        published_rank: usize::MAX,
    };
    r.content(src.len(), true);
    r.close_heading();
    r.close_link();
    if let Some((_, start)) = r.pending.take() {
        r.m.step(0, r.pos - start);
    }
    Reduced {
        text: r.out,
        map: r.m.finish(),
        headings: r.headings,
        breaks: r.breaks,
        links: r.links,
        page: r.page,
        ..Reduced::default()
    }
}

impl Reducer<'_> {
    /// Source [pos, end) is markup that shows nothing.
    fn drop_to(&mut self, end: usize) {
        if self.pending.is_none() {
            self.m.step(0, end - self.pos);
        }
        self.pos = end;
    }

    fn pend(&mut self, kind: Pend, end: usize) {
        match self.pending {
            None => self.pending = Some((kind, self.pos)),
            Some((Pend::Space, start)) if kind == Pend::Break => self.pending = Some((kind, start)),
            Some(_) => {}
        }
        self.pos = end;
    }

    /// Resolves pending white space or break before `next` is written.
    fn flush(&mut self, next: Option<char>) {
        if let Some((kind, start)) = self.pending.take() {
            let o = &self.out;
            // A source line break between two East Asian wide characters disappears
            // (CSS Text 3 segment break transformation): wrapped Chinese has no spaces.
            let wide_join = self.pending_nl
                && next.is_some_and(east_asian_wide)
                && o.chars().next_back().is_some_and(east_asian_wide);
            let s = match kind {
                _ if o.is_empty() => "",
                Pend::Space if wide_join || o.ends_with(['\n', ' ']) => "",
                Pend::Space => " ",
                Pend::Break if o.ends_with("\n\n") => "",
                Pend::Break if o.ends_with('\n') => "\n",
                Pend::Break => "\n\n",
            };
            self.out.push_str(s);
            self.m.step(s.len(), self.pos - start);
            self.pending_nl = false;
        }
        if self.heading_open.is_some() && self.heading_start.is_none() {
            self.heading_start = Some(self.out.len());
        }
    }

    fn text(&mut self, end: usize) {
        if self.in_head {
            return self.drop_to(end);
        }
        self.flush(self.src[self.pos..end].chars().next());
        self.out.push_str(&self.src[self.pos..end]);
        self.m.step(end - self.pos, end - self.pos);
        self.pos = end;
    }

    fn char_ref(&mut self, c: char, end: usize) {
        if self.in_head {
            return self.drop_to(end);
        }
        if self.pre == 0 && c.is_ascii_whitespace() {
            return self.pend(Pend::Space, end);
        }
        self.flush(Some(c));
        self.out.push(c);
        self.m.step(c.len_utf8(), end - self.pos);
        self.pos = end;
    }

    fn open_heading(&mut self, end: usize, level: u8) {
        self.close_heading();
        self.pend(Pend::Break, end);
        self.heading_open = Some(level);
        self.heading_start = None;
    }

    fn close_heading(&mut self) {
        if let (Some(level), Some(s)) = (self.heading_open, self.heading_start) {
            let e = self.out.trim_end().len();
            if e > s {
                self.headings.push(Heading { range: s..e, level });
            }
        }
        self.heading_open = None;
        self.heading_start = None;
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

    /// What a `<meta>` or `<link>` in the head says about the page.
    fn head_tag(&mut self, name: &[u8], attrs_src: &str) {
        let a = attrs::attributes(attrs_src);
        let get = |k: &str| a.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if name.eq_ignore_ascii_case(b"link") {
            let canonical = get("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            });
            if let (true, Some(href)) = (canonical, get("href").filter(|h| !h.is_empty())) {
                self.page.url = Some(href.to_string());
            }
            return;
        }
        let Some(content) = get("content").filter(|c| !c.is_empty()) else {
            return;
        };
        let key = get("property")
            .or_else(|| get("name"))
            .or_else(|| get("itemprop"))
            .unwrap_or("")
            .to_ascii_lowercase();
        if key == "og:url" && self.page.url.is_none() {
            self.page.url = Some(content.to_string());
        } else if let Some(rank) = PUBLISHED_META.iter().position(|k| *k == key) {
            if rank < self.published_rank {
                self.published_rank = rank;
                self.page.published = Some(content.to_string());
            }
        } else if SOURCE_META.contains(&key.as_str()) && self.page.source.is_none() {
            self.page.source = Some(content.to_string());
        }
    }

    /// Text content up to `end`; markup is recognised only when `tags`.
    fn content(&mut self, end: usize, tags: bool) {
        let b = self.b;
        while self.pos < end {
            let i = self.pos;
            let mut k = i;
            while k < end && !matches!(b[k], b'<' | b'&' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
                k += 1;
            }
            if k > i {
                self.text(k);
                continue;
            }
            match b[i] {
                b'&' => match decode_entity(&self.src[i..end], false) {
                    Some((c, n)) => self.char_ref(c, i + n),
                    None => self.text(i + 1),
                },
                b'<' if tags => self.tag(),
                b'<' => self.text(i + 1),
                _ => {
                    let mut e = i + 1;
                    while e < end && is_ws(b[e]) {
                        e += 1;
                    }
                    if self.in_head {
                        self.drop_to(e);
                    } else if self.pre > 0 {
                        self.text(e);
                    } else {
                        self.pending_nl |= b[i..e].iter().any(|&c| c == b'\n' || c == b'\r');
                        self.pend(Pend::Space, e);
                    }
                }
            }
        }
    }

    fn find(&self, from: usize, pat: &[u8]) -> Option<usize> {
        memchr::memmem::find(&self.b[from.min(self.b.len())..], pat).map(|k| from + k)
    }

    /// End of the tag whose name ends at `k`: past the `>` outside quoted values.
    fn tag_end(&self, mut k: usize) -> (usize, bool) {
        let b = self.b;
        let mut after_eq = false;
        let mut self_closing = false;
        while k < b.len() {
            match b[k] {
                b'>' => return (k + 1, self_closing),
                q @ (b'"' | b'\'') if after_eq => {
                    match memchr::memchr(q, &b[k + 1..]) {
                        Some(c) => k += c + 2,
                        // An unclosed quote: end at the next `>` instead of eating the page.
                        None => {
                            return match memchr::memchr(b'>', &b[k..]) {
                                Some(c) => (k + c + 1, false),
                                None => (b.len(), false),
                            }
                        }
                    }
                    after_eq = false;
                    continue;
                }
                b'=' => after_eq = true,
                c if is_ws(c) => {}
                b'/' => {
                    self_closing = b.get(k + 1) == Some(&b'>');
                    after_eq = false;
                }
                _ => after_eq = false,
            }
            k += 1;
        }
        (b.len(), self_closing)
    }

    /// Start and end of the first `</name` at or after `from`.
    fn find_close(&self, from: usize, name: &[u8]) -> Option<(usize, usize)> {
        let b = self.b;
        let mut k = from;
        while let Some(c) = memchr::memchr(b'<', &b[k.min(b.len())..]) {
            let at = k + c;
            if b.get(at + 1) == Some(&b'/') && self.name_at(at + 2, name) {
                let end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
                return Some((at, end));
            }
            k = at + 1;
        }
        None
    }

    /// True when `name` (ASCII) stands at `at`, followed by a tag-name boundary.
    fn name_at(&self, at: usize, name: &[u8]) -> bool {
        let b = self.b;
        b.len() >= at + name.len()
            && b[at..at + name.len()].eq_ignore_ascii_case(name)
            && name_boundary(b.get(at + name.len()))
    }

    /// End of a hidden element with nested content, counting nested elements of its name.
    fn skip_nested(&self, from: usize, name: &[u8]) -> usize {
        let b = self.b;
        let mut depth = 1usize;
        let mut k = from;
        while let Some(c) = memchr::memchr(b'<', &b[k.min(b.len())..]) {
            let at = k + c;
            if b.get(at + 1) == Some(&b'/') && self.name_at(at + 2, name) {
                depth -= 1;
                let end = memchr::memchr(b'>', &b[at..]).map_or(b.len(), |e| at + e + 1);
                if depth == 0 {
                    return end;
                }
                k = end;
                continue;
            }
            if self.name_at(at + 1, name) {
                let (end, self_closing) = self.tag_end(at + 1 + name.len());
                depth += usize::from(!self_closing);
                k = end;
                continue;
            }
            k = at + 1;
        }
        b.len()
    }

    fn tag(&mut self) {
        let b = self.b;
        let i = self.pos;
        if b[i..].starts_with(b"<!--") {
            let end = if b[i + 4..].starts_with(b">") {
                i + 5
            } else if b[i + 4..].starts_with(b"->") {
                i + 6
            } else {
                self.find(i + 4, b"-->").map_or(b.len(), |e| e + 3)
            };
            return self.drop_to(end);
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            let end = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            return self.drop_to(end);
        }
        let closing = next == b'/';
        let name_at = if closing { i + 2 } else { i + 1 };
        if !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            return self.text(i + 1);
        }
        let name_end = b[name_at..]
            .iter()
            .position(|&c| is_ws(c) || c == b'/' || c == b'>')
            .map_or(b.len(), |p| name_at + p);
        let name = &b[name_at..name_end];
        if closing {
            let end = memchr::memchr(b'>', &b[name_end..]).map_or(b.len(), |e| name_end + e + 1);
            self.end_tag(name, end);
        } else {
            let (end, self_closing) = self.tag_end(name_end);
            if name.eq_ignore_ascii_case(b"meta") || name.eq_ignore_ascii_case(b"link") {
                let src = self.src;
                self.head_tag(name, &src[name_end..end]);
            } else if name.eq_ignore_ascii_case(b"a") {
                self.close_link();
                let src = self.src;
                if let Some(href) =
                    attrs::attribute(&src[name_end..end], "href").filter(|h| !h.is_empty())
                {
                    self.open_link = Some((self.out.len(), href));
                }
            }
            self.start_tag(name, end, self_closing);
        }
    }

    fn start_tag(&mut self, name: &[u8], end: usize, self_closing: bool) {
        if self.in_head && !is_in(name, HEAD_ONLY) {
            self.in_head = false;
        }
        if is_in(name, HIDDEN_RAW) {
            let close = self.find_close(end, name).map_or(self.b.len(), |(_, e)| e);
            return self.drop_to(close);
        }
        if is_in(name, HIDDEN_NESTED) {
            let close = if self_closing {
                end
            } else {
                self.skip_nested(end, name)
            };
            return self.drop_to(close);
        }
        if name.eq_ignore_ascii_case(b"title") || name.eq_ignore_ascii_case(b"textarea") {
            // Text only up to the end tag, references decoded.
            let (cs, ce) = self
                .find_close(end, name)
                .unwrap_or((self.b.len(), self.b.len()));
            let title = name.eq_ignore_ascii_case(b"title");
            let was_in_head = std::mem::replace(&mut self.in_head, false);
            if title {
                self.open_heading(end, 0);
            } else {
                self.pend(Pend::Break, end);
            }
            self.content(cs, false);
            if title {
                self.close_heading();
            }
            self.pend(Pend::Break, ce);
            self.in_head = was_in_head;
            return;
        }
        if name.eq_ignore_ascii_case(b"plaintext") {
            self.pend(Pend::Break, end);
            let len = self.b.len();
            return self.content(len, false);
        }
        if name.eq_ignore_ascii_case(b"head") {
            self.in_head = true;
            return self.drop_to(end);
        }
        if let Some(level) = heading_level(name) {
            return self.open_heading(end, level);
        }
        if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing") {
            self.pre += 1;
            return self.pend(Pend::Break, end);
        }
        if name.eq_ignore_ascii_case(b"td") || name.eq_ignore_ascii_case(b"th") {
            return self.pend(Pend::Space, end);
        }
        if name.eq_ignore_ascii_case(b"hr") {
            self.breaks.push(self.out.len());
        }
        if is_in(name, BLOCKS) {
            return self.pend(Pend::Break, end);
        }
        self.drop_to(end)
    }

    fn end_tag(&mut self, name: &[u8], end: usize) {
        if name.eq_ignore_ascii_case(b"head") {
            self.in_head = false;
            return self.drop_to(end);
        }
        if name.eq_ignore_ascii_case(b"a") {
            self.close_link();
            return self.drop_to(end);
        }
        if heading_level(name).is_some() {
            self.close_heading();
            return self.pend(Pend::Break, end);
        }
        if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing") {
            self.pre = self.pre.saturating_sub(1);
            return self.pend(Pend::Break, end);
        }
        if name.eq_ignore_ascii_case(b"td") || name.eq_ignore_ascii_case(b"th") {
            return self.pend(Pend::Space, end);
        }
        if is_in(name, BLOCKS) {
            self.close_link();
            return self.pend(Pend::Break, end);
        }
        self.drop_to(end)
    }
}

/// True at the end of input or before a byte that ends a tag name.
fn name_boundary(c: Option<&u8>) -> bool {
    match c {
        None => true,
        Some(&c) => is_ws(c) || c == b'/' || c == b'>',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        reduce(html).text
    }

    #[test]
    fn wrapped_chinese_joins_without_space() {
        assert_eq!(
            text("<p>中共中央\n    政治局，\n召开会议 \n English\nwords</p>"),
            "中共中央政治局，召开会议 English words"
        );
        assert_eq!(text("<p>中共 中央</p>"), "中共 中央");
    }

    #[test]
    fn blocks_break_paragraphs_and_space_collapses() {
        assert_eq!(text("<p>一  段\n文字</p><p>二</p>"), "一 段文字\n\n二");
        assert_eq!(text("<div>a<br>b<br/><br>c</div>"), "a\n\nb\n\nc");
        assert_eq!(text("x <b>bold</b> y"), "x bold y");
        assert_eq!(text("<ul><li>one</li>\n<li>two</li></ul>"), "one\n\ntwo");
        assert_eq!(
            text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\n\nc"
        );
    }

    #[test]
    fn hidden_content_goes() {
        let h = "<html><head><meta charset=utf-8><title>标题</title><style>p{color:red}</style>\
                 <script>var s = '</p>'; if (a < b) {}</script></head>\
                 <body><!-- 注释 --><p>正文</p><noscript>开启脚本</noscript>\
                 <template><p>模板</p><template>x</template></template><svg><text>图</text></svg>尾</body></html>";
        let r = reduce(h);
        assert_eq!(r.text, "标题\n\n正文\n\n尾");
        assert_eq!(
            r.headings,
            vec![Heading {
                range: 0.."标题".len(),
                level: 0
            }]
        );
    }

    #[test]
    fn references_and_pre() {
        assert_eq!(
            text("a&amp;b &lt;c&gt; &#20013;&#x6587; &copy 2023&nbsp;x"),
            "a&b <c> 中文 © 2023\u{A0}x"
        );
        assert_eq!(text("<pre>a  b\n c</pre>d"), "a  b\n c\n\nd");
        assert_eq!(text("5 < 6 & 7 > 3"), "5 < 6 & 7 > 3");
    }

    #[test]
    fn headings_are_recorded() {
        let r = reduce("<h1>第一章</h1><p>文</p><h2> 小节 <i>一</i> </h2>");
        assert_eq!(r.text, "第一章\n\n文\n\n小节 一");
        let hs: Vec<(&str, u8)> = r
            .headings
            .iter()
            .map(|h| (&r.text[h.range.clone()], h.level))
            .collect();
        assert_eq!(hs, vec![("第一章", 1), ("小节 一", 2)]);
    }

    #[test]
    fn broken_markup_does_not_eat_text() {
        assert_eq!(text("<p class=\"x>a</p><p>b</p>"), "a\n\nb");
        assert_eq!(text("<p>a<!-- never closed"), "a");
        assert_eq!(text("<script>never closed"), "");
        assert_eq!(text("a<"), "a<");
        assert_eq!(text("<p>a</p"), "a");
    }

    #[test]
    fn deep_nesting_is_iterative() {
        let n = 100_000;
        let h = format!("{}深{}", "<div><span>".repeat(n), "</span></div>".repeat(n));
        assert_eq!(text(&h), "深");
        let h = format!("{}x", "<template>".repeat(n));
        assert_eq!(text(&h), "");
    }

    #[test]
    fn map_points_back_to_the_source() {
        let src = "<p>ab</p>\n<p>c&amp;d</p>";
        let r = reduce(src);
        assert_eq!(r.text, "ab\n\nc&d");
        let d = |t: usize| super::super::map::map_start(&r.map, t);
        assert_eq!(&src[d(0)..d(0) + 2], "ab");
        assert_eq!(&src[d(4)..d(4) + 1], "c");
        assert_eq!(&src[d(5)..d(6)], "&amp;");
        assert_eq!(&src[d(6)..d(6) + 1], "d");
    }
}
