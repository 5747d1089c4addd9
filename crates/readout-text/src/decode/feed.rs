//! feed: RSS 2.0 (and 0.9x, 1.0), Atom and JSON Feed files, told by their content, read
//! as collections. Each item becomes a stretch of the decoded text: its title (a
//! heading), then its content read as HTML, with an [`Entry`] saying what the feed states
//! of it (url, date, source, author). The offset map leads from every character back to
//! the feed's bytes, through the HTML, the XML or JSON escaping and the file's encoding.
//!
//! Both scanners are small, tolerant and iterative (JSON nesting is capped), so no input
//! can exhaust the stack; a file that does not parse as a feed is read as text instead.

use super::html;
use super::map::{compose, MapBuilder};
use super::Reduced;
use crate::model::{Entry, Format, Heading, MapPoint};
use std::ops::Range;

/// How far into the text the root element or the JSON Feed version is looked for.
const SNIFF_BYTES: usize = 4096;

/// The feed format of `text`, if it is a feed.
pub(crate) fn sniff(text: &str) -> Option<Format> {
    let head = &text[..floor(text, SNIFF_BYTES)];
    let t = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if t.starts_with('{') {
        // A JSON Feed names its version first or early: "version": "https://jsonfeed.org/…".
        return (head.contains("jsonfeed.org/version") && head.contains("\"version\""))
            .then_some(Format::JsonFeed);
    }
    if !t.starts_with('<') {
        return None;
    }
    let root = root_element(t)?;
    let lower = root.to_ascii_lowercase();
    if lower == "rss" || lower.ends_with(":rdf") || lower == "rdf" {
        Some(Format::Rss)
    } else if lower == "feed" || lower.ends_with(":feed") {
        Some(Format::Atom)
    } else {
        None
    }
}

/// The name of the first element of an XML text, past the declaration, comments and
/// the doctype.
fn root_element(t: &str) -> Option<&str> {
    let b = t.as_bytes();
    let mut i = 0;
    loop {
        i += memchr::memchr(b'<', &b[i..])?;
        let rest = &t[i..];
        if rest.starts_with("<?") {
            i += rest.find("?>")? + 2;
        } else if rest.starts_with("<!--") {
            i += rest.find("-->")? + 3;
        } else if rest.starts_with("<!") {
            i += rest.find('>')? + 1;
        } else {
            let n = rest[1..]
                .bytes()
                .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'>' | b'/'))
                .count();
            return (n > 0).then(|| &rest[1..1 + n]);
        }
    }
}

/// Reads a feed of format `format`; `None` when it does not parse as one (the caller
/// then reads the file as text).
pub(crate) fn reduce(text: &str, format: Format) -> Option<Reduced> {
    let items = match format {
        Format::JsonFeed => json_items(text)?,
        Format::Rss | Format::Atom => xml_items(text)?,
        _ => return None,
    };
    let mut out = Concat::default();
    for item in items {
        out.item(text, item);
    }
    Some(Reduced {
        text: out.text,
        map: super::map::simplify(out.points),
        headings: out.headings,
        entries: out.entries,
        ..Reduced::default()
    })
}

/// A field's raw value in the feed: where it stands and how it is escaped.
#[derive(Debug, Clone)]
struct Raw {
    range: Range<usize>,
    escape: Escape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// The inside of a JSON string literal.
    Json,
    /// XML character data (entities, CDATA sections).
    Xml,
}

/// One item as the feed gives it.
#[derive(Debug, Default)]
struct RawItem {
    title: Option<Raw>,
    /// HTML content; `text` is plain-text content, used when there is no HTML.
    html: Option<Raw>,
    text: Option<Raw>,
    url: Option<String>,
    published: Option<String>,
    source: Option<String>,
    author: Option<String>,
}

/// Builds the decoded text of a feed item by item, with the map to the feed's text.
#[derive(Default)]
struct Concat {
    text: String,
    points: Vec<MapPoint>,
    headings: Vec<Heading>,
    entries: Vec<Entry>,
}

impl Concat {
    /// Appends text made from `src_range` of the feed through `map` (from the new text
    /// to offsets relative to the range's start; empty for the identity).
    fn push(&mut self, text: &str, map: &[MapPoint], src_range: Range<usize>) {
        let t0 = self.text.len();
        let b0 = src_range.start;
        self.points.push(MapPoint { text: t0, byte: b0 });
        for p in map {
            self.points.push(MapPoint {
                text: t0 + p.text,
                byte: b0 + p.byte,
            });
        }
        self.text.push_str(text);
        let end = self.text.len();
        let src_end = if map.is_empty() {
            b0 + text.len()
        } else {
            src_range.end
        };
        self.points.push(MapPoint {
            text: end,
            byte: src_end.min(src_range.end.max(b0)),
        });
    }

    /// A paragraph break between two parts, standing for the feed syntax between them.
    fn brk(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push_str(if self.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        }
    }

    fn item(&mut self, feed: &str, item: RawItem) {
        self.brk();
        let start = self.text.len();
        if let Some(raw) = &item.title {
            let (t, m) = as_html(feed, raw);
            let t0 = self.text.len();
            self.push(&t, &m, raw.range.clone());
            let end = self.text.trim_end().len().max(t0);
            let hs = t0 + (self.text[t0..end].len() - self.text[t0..end].trim_start().len());
            if end > hs {
                self.headings.push(Heading {
                    range: hs..end,
                    level: 1,
                });
            }
            self.brk();
        }
        let body = item
            .html
            .as_ref()
            .map(|r| (r, true))
            .or(item.text.as_ref().map(|r| (r, false)));
        if let Some((raw, is_html)) = body {
            // XML feeds carry HTML in their text elements (RSS `description`, Atom
            // `summary`); JSON Feed says which of its fields is plain text.
            let (t, m) = if is_html || raw.escape == Escape::Xml {
                as_html(feed, raw)
            } else {
                unescape(feed, raw)
            };
            self.push(&t, &m, raw.range.clone());
        }
        let end = self.text.trim_end().len().max(start);
        if end > start {
            self.entries.push(Entry {
                range: start..end,
                url: item.url,
                published: item.published,
                source: item.source,
                author: item.author,
            });
        }
    }
}

/// A raw value unescaped, with its map back to the raw range (relative offsets).
fn unescape(feed: &str, raw: &Raw) -> (String, Vec<MapPoint>) {
    let s = &feed[raw.range.clone()];
    match raw.escape {
        Escape::Json => unescape_json(s),
        Escape::Xml => unescape_xml(s),
    }
}

/// A raw value read as HTML: unescaped, then reduced to text.
fn as_html(feed: &str, raw: &Raw) -> (String, Vec<MapPoint>) {
    let (u, umap) = unescape(feed, raw);
    let r = html::reduce(&u);
    (r.text, compose(&r.map, &umap))
}

/// The text and map of a JSON string literal's inside.
fn unescape_json(s: &str) -> (String, Vec<MapPoint>) {
    if !s.contains('\\') {
        return (s.to_string(), Vec::new());
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut m = MapBuilder::new();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        m.step(i - run, i - run);
        let (c, n) = match b.get(i + 1) {
            Some(b'n') => ('\n', 2),
            Some(b't') => ('\t', 2),
            Some(b'r') => ('\r', 2),
            Some(b'b') => ('\u{8}', 2),
            Some(b'f') => ('\u{c}', 2),
            Some(b'u') => match hex4(b, i + 2) {
                Some(hi @ 0xD800..=0xDBFF) => match (b.get(i + 6), b.get(i + 7), hex4(b, i + 8)) {
                    (Some(b'\\'), Some(b'u'), Some(lo @ 0xDC00..=0xDFFF)) => {
                        let v = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        (char::from_u32(v).unwrap_or('\u{FFFD}'), 12)
                    }
                    _ => ('\u{FFFD}', 6),
                },
                Some(v) => (char::from_u32(v).unwrap_or('\u{FFFD}'), 6),
                None => ('\u{FFFD}', 2),
            },
            Some(&c) if c.is_ascii() => (c as char, 2),
            _ => ('\u{FFFD}', 1),
        };
        let n = n.min(b.len() - i);
        out.push(c);
        m.step(c.len_utf8(), n);
        i += n;
        while !s.is_char_boundary(i) {
            i += 1;
        }
        run = i;
    }
    out.push_str(&s[run..]);
    m.step(s.len() - run, s.len() - run);
    (out, m.finish())
}

fn hex4(b: &[u8], at: usize) -> Option<u32> {
    let h = b.get(at..at + 4)?;
    let s = std::str::from_utf8(h).ok()?;
    u32::from_str_radix(s, 16).ok()
}

/// The text and map of XML character data: CDATA sections taken as they are, entity
/// and character references decoded, anything else (an element inside, as in Atom's
/// `type="xhtml"`) kept as markup for the HTML reader.
fn unescape_xml(s: &str) -> (String, Vec<MapPoint>) {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut m = MapBuilder::new();
    let mut i = 0;
    let mut run = 0;
    let flush = |out: &mut String, m: &mut MapBuilder, from: usize, to: usize| {
        out.push_str(&s[from..to]);
        m.step(to - from, to - from);
    };
    while i < b.len() {
        match b[i] {
            b'<' if s[i..].starts_with("<![CDATA[") => {
                flush(&mut out, &mut m, run, i);
                let inner = i + 9;
                let end = s[inner..].find("]]>").map_or(s.len(), |k| inner + k);
                m.step(0, 9);
                flush(&mut out, &mut m, inner, end);
                let after = (end + 3).min(s.len());
                m.step(0, after - end);
                i = after;
                run = i;
            }
            b'&' => match super::entities::decode_entity(&s[i..], true) {
                Some((c, n)) => {
                    flush(&mut out, &mut m, run, i);
                    out.push(c);
                    m.step(c.len_utf8(), n);
                    i += n;
                    run = i;
                }
                None => i += 1,
            },
            _ => i += 1,
        }
    }
    flush(&mut out, &mut m, run, s.len());
    (out, m.finish())
}

// ---- JSON Feed -------------------------------------------------------------------

/// Deepest JSON nesting read; deeper input is not a feed.
const MAX_DEPTH: usize = 64;

#[derive(Debug)]
enum Json {
    /// A string: the range of its inside, between the quotes.
    Str(Range<usize>),
    Arr(Vec<Json>),
    Obj(Vec<(Range<usize>, Json)>),
    Other,
}

struct JsonReader<'a> {
    b: &'a [u8],
    i: usize,
}

impl JsonReader<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && self.b[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.ws();
        match *self.b.get(self.i)? {
            b'"' => self.string().map(Json::Str),
            b'[' => {
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    self.ws();
                    if self.b.get(self.i) == Some(&b']') {
                        self.i += 1;
                        return Some(Json::Arr(v));
                    }
                    v.push(self.value(depth + 1)?);
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b']' => {}
                        _ => return None,
                    }
                }
            }
            b'{' => {
                self.i += 1;
                let mut v = Vec::new();
                loop {
                    self.ws();
                    match self.b.get(self.i)? {
                        b'}' => {
                            self.i += 1;
                            return Some(Json::Obj(v));
                        }
                        b'"' => {}
                        _ => return None,
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return None;
                    }
                    self.i += 1;
                    let val = self.value(depth + 1)?;
                    v.push((key, val));
                    self.ws();
                    match self.b.get(self.i)? {
                        b',' => self.i += 1,
                        b'}' => {}
                        _ => return None,
                    }
                }
            }
            _ => {
                let s = self.i;
                while self.i < self.b.len()
                    && !matches!(self.b[self.i], b',' | b']' | b'}')
                    && !self.b[self.i].is_ascii_whitespace()
                {
                    self.i += 1;
                }
                (self.i > s).then_some(Json::Other)
            }
        }
    }

    /// A string literal at `i`: the range of its inside.
    fn string(&mut self) -> Option<Range<usize>> {
        let start = self.i + 1;
        let mut k = start;
        loop {
            k += memchr::memchr2(b'"', b'\\', self.b.get(k..)?)?;
            if self.b[k] == b'\\' {
                k += 2;
                continue;
            }
            self.i = k + 1;
            return Some(start..k);
        }
    }
}

fn get<'j>(obj: &'j [(Range<usize>, Json)], text: &str, key: &str) -> Option<&'j Json> {
    obj.iter()
        .find(|(k, _)| &text[k.clone()] == key)
        .map(|(_, v)| v)
}

/// A string value unescaped (for short fields: urls, dates, names).
fn string_of(text: &str, j: Option<&Json>) -> Option<String> {
    match j? {
        Json::Str(r) => {
            let (s, _) = unescape_json(&text[r.clone()]);
            let s = s.trim().to_string();
            (!s.is_empty()).then_some(s)
        }
        _ => None,
    }
}

fn json_raw(j: Option<&Json>) -> Option<Raw> {
    match j? {
        Json::Str(r) if !r.is_empty() => Some(Raw {
            range: r.clone(),
            escape: Escape::Json,
        }),
        _ => None,
    }
}

fn json_author(text: &str, j: Option<&Json>) -> Option<String> {
    match j? {
        Json::Obj(o) => string_of(text, get(o, text, "name")),
        Json::Arr(a) => a.iter().find_map(|x| json_author(text, Some(x))),
        _ => None,
    }
}

fn json_items(text: &str) -> Option<Vec<RawItem>> {
    let mut r = JsonReader {
        b: text.as_bytes(),
        i: 0,
    };
    let Json::Obj(top) = r.value(0)? else {
        return None;
    };
    let feed_title = string_of(text, get(&top, text, "title"));
    let Some(Json::Arr(items)) = get(&top, text, "items") else {
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let Json::Obj(o) = it else { continue };
        let f = |k: &str| get(o, text, k);
        out.push(RawItem {
            title: json_raw(f("title")),
            html: json_raw(f("content_html")),
            text: json_raw(f("content_text")).or_else(|| json_raw(f("summary"))),
            url: string_of(text, f("url")).or_else(|| string_of(text, f("external_url"))),
            published: string_of(text, f("date_published"))
                .or_else(|| string_of(text, f("date_modified"))),
            source: feed_title.clone(),
            author: json_author(text, f("authors")).or_else(|| json_author(text, f("author"))),
        });
    }
    Some(out)
}

// ---- RSS and Atom ----------------------------------------------------------------

/// One element of an XML text: its qualified name, depth, the source of its attributes
/// and the range of its content.
#[derive(Debug, Clone)]
struct El {
    name: Range<usize>,
    depth: usize,
    attrs: Range<usize>,
    inner: Range<usize>,
}

/// Every element of `t`, in document order, with a stack rather than recursion. Tags
/// that do not close are closed by their parent's end; stray end tags are ignored.
fn elements(t: &str) -> Vec<El> {
    let b = t.as_bytes();
    let mut out: Vec<El> = Vec::new();
    // Open elements: index into `out`.
    let mut stack: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i.min(b.len())..]) {
        let at = i + k;
        let rest = &t[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        if rest.starts_with("<![CDATA[") {
            i = rest.find("]]>").map_or(b.len(), |e| at + e + 3);
            continue;
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            i = rest.find('>').map_or(b.len(), |e| at + e + 1);
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let n0 = at + if closing { 2 } else { 1 };
        let n1 = n0
            + b[n0..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'>' | b'/'))
                .count();
        if n1 == n0 {
            i = at + 1;
            continue;
        }
        let end = tag_end(b, n1);
        if closing {
            let name = &t[n0..n1];
            // Looked for near the top only: a hostile file of unclosed tags stays linear.
            let low = stack.len().saturating_sub(MAX_DEPTH);
            let found = stack[low..]
                .iter()
                .rposition(|&e| &t[out[e].name.clone()] == name)
                .map(|p| low + p);
            if let Some(pos) = found {
                for &e in &stack[pos..] {
                    out[e].inner.end = at.max(out[e].inner.start);
                }
                stack.truncate(pos);
            }
        } else {
            let self_closing = end >= 2 && b[end - 2] == b'/';
            let attrs_end = if self_closing { end - 2 } else { end - 1 };
            out.push(El {
                name: n0..n1,
                depth: stack.len(),
                attrs: n1..attrs_end.max(n1),
                inner: end..end,
            });
            if !self_closing {
                stack.push(out.len() - 1);
            }
        }
        i = end;
    }
    for &e in &stack {
        out[e].inner.end = b.len();
    }
    out
}

/// The end of a tag whose name ends at `k`: past its `>`, outside quoted values.
fn tag_end(b: &[u8], mut k: usize) -> usize {
    while k < b.len() {
        match b[k] {
            b'>' => return k + 1,
            q @ (b'"' | b'\'') => match memchr::memchr(q, &b[k + 1..]) {
                Some(c) => k += c + 2,
                None => return b.len(),
            },
            _ => k += 1,
        }
    }
    b.len()
}

/// The local name of a qualified name (`content:encoded` → `encoded`), lower case.
fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

fn xml_items(t: &str) -> Option<Vec<RawItem>> {
    let els = elements(t);
    let name = |e: &El| local(&t[e.name.clone()]);
    let is_item = |e: &El| matches!(name(e).as_str(), "item" | "entry");
    // The feed's own title stands before its first item.
    let first_item = els.iter().position(is_item);
    let feed_title = els[..first_item.unwrap_or(els.len())]
        .iter()
        .find(|e| name(e) == "title")
        .and_then(|e| {
            let (s, _) = unescape_xml(&t[e.inner.clone()]);
            let s = html::reduce(&s).text.trim().to_string();
            (!s.is_empty()).then_some(s)
        });
    if first_item.is_none()
        && !els
            .iter()
            .any(|e| matches!(name(e).as_str(), "rss" | "feed" | "rdf" | "channel"))
    {
        return None;
    }
    let mut out = Vec::new();
    // Items are not nested: an item inside an item is part of its content, so every
    // element is looked at by one item at most.
    let mut next = 0;
    for (idx, e) in els.iter().enumerate() {
        if idx < next || !is_item(e) {
            continue;
        }
        let n = els[idx + 1..]
            .iter()
            .take_while(|k| k.depth > e.depth)
            .count();
        next = idx + 1 + n;
        let kids = els[idx + 1..next].iter().filter(|k| k.depth == e.depth + 1);
        let mut item = RawItem {
            source: feed_title.clone(),
            ..RawItem::default()
        };
        let mut published_rank = usize::MAX;
        let text_of = |k: &El| {
            let (s, _) = unescape_xml(&t[k.inner.clone()]);
            let s = s.trim().to_string();
            (!s.is_empty()).then_some(s)
        };
        for k in kids {
            let raw = Raw {
                range: k.inner.clone(),
                escape: Escape::Xml,
            };
            let nonempty = !t[k.inner.clone()].trim().is_empty();
            match name(k).as_str() {
                "title" if nonempty => item.title = Some(raw),
                "encoded" | "content" if nonempty => item.html = Some(raw),
                "description" | "summary" if nonempty && item.text.is_none() => {
                    item.text = Some(raw)
                }
                "link" => {
                    let a = &t[k.attrs.clone()];
                    let rel = super::attrs::attribute(a, "rel");
                    let href = super::attrs::attribute(a, "href");
                    let url = match href {
                        Some(h) if rel.as_deref().is_none_or(|r| r == "alternate") => Some(h),
                        Some(_) => None,
                        None => text_of(k),
                    };
                    if item.url.is_none() {
                        item.url = url.filter(|u| !u.is_empty());
                    }
                }
                "guid" | "id" if item.url.is_none() => {
                    let link_like = super::attrs::attribute(&t[k.attrs.clone()], "ispermalink")
                        .is_none_or(|v| v != "false");
                    if let Some(u) = text_of(k).filter(|u| link_like && u.starts_with("http")) {
                        item.url = Some(u);
                    }
                }
                n @ ("pubdate" | "published" | "date" | "issued" | "updated" | "modified") => {
                    let rank = [
                        "published",
                        "pubdate",
                        "issued",
                        "date",
                        "updated",
                        "modified",
                    ]
                    .iter()
                    .position(|x| *x == n)
                    .unwrap_or(9);
                    if rank < published_rank {
                        if let Some(v) = text_of(k) {
                            item.published = Some(v);
                            published_rank = rank;
                        }
                    }
                }
                "source" => {
                    if let Some(v) = text_of(k) {
                        item.source = Some(html::reduce(&v).text.trim().to_string());
                    }
                }
                "author" | "creator" => {
                    // Atom nests <name>; RSS writes the text (often "mail (Name)").
                    let inner = &t[k.inner.clone()];
                    let v = if inner.contains('<') && !inner.contains("<![CDATA[") {
                        let sub = elements(inner);
                        sub.iter()
                            .find(|s| local(&inner[s.name.clone()]) == "name")
                            .map(|s| unescape_xml(&inner[s.inner.clone()]).0.trim().to_string())
                    } else {
                        text_of(k)
                    };
                    if item.author.is_none() {
                        item.author = v.filter(|v| !v.is_empty());
                    }
                }
                _ => {}
            }
        }
        out.push(item);
    }
    Some(out)
}

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(r: &Reduced, src: &str, needle: &str) -> String {
        let at = r.text.find(needle).unwrap();
        let s = super::super::map::map_start(&r.map, at);
        let e = super::super::map::map_end(&r.map, at + needle.len());
        src[s..e].to_string()
    }

    #[test]
    fn formats_are_told_by_content() {
        assert_eq!(
            sniff("{\n \"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"),
            Some(Format::JsonFeed)
        );
        assert_eq!(sniff("{\"a\": 1}"), None);
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<!-- x -->\n<rss version=\"2.0\"><channel/></rss>"),
            Some(Format::Rss)
        );
        assert_eq!(
            sniff("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"),
            Some(Format::Atom)
        );
        assert_eq!(
            sniff("<rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>"),
            Some(Format::Rss)
        );
        assert_eq!(sniff("<html><body>x</body></html>"), None);
    }

    #[test]
    fn json_feed_items_map_back_to_the_bytes() {
        let src = r#"{"version":"https://jsonfeed.org/version/1.1","title":"人民网","items":[
 {"id":"1","url":"http://a.cn/n1/2025/0605/c1-1.html","title":"韩正会见\"代表团\"",
  "content_html":"<p>新华社北京6月5日电 韩正\u4f1a见。</p>\n<p>第二段&amp;。</p>","date_published":"2025-06-05T00:00:00.000Z"},
 {"id":"2","title":"只有文字","content_text":"一行\n二行","authors":[{"name":"张三"}]}]}"#;
        let r = reduce(src, Format::JsonFeed).unwrap();
        assert_eq!(
            r.text,
            "韩正会见\"代表团\"\n\n新华社北京6月5日电 韩正会见。\n\n第二段&。\n\n只有文字\n\n一行\n二行"
        );
        assert_eq!(r.entries.len(), 2);
        assert_eq!(
            r.entries[0].url.as_deref(),
            Some("http://a.cn/n1/2025/0605/c1-1.html")
        );
        assert_eq!(
            r.entries[0].published.as_deref(),
            Some("2025-06-05T00:00:00.000Z")
        );
        assert_eq!(r.entries[0].source.as_deref(), Some("人民网"));
        assert_eq!(r.entries[1].author.as_deref(), Some("张三"));
        assert_eq!(&r.text[r.headings[1].range.clone()], "只有文字");
        assert_eq!(back(&r, src, "会见。"), "\\u4f1a见。");
        assert_eq!(back(&r, src, "&"), "&amp;");
        assert_eq!(back(&r, src, "\"代表团\""), "\\\"代表团\\\"");
        assert_eq!(back(&r, src, "二行"), "二行");
    }

    #[test]
    fn rss_and_atom_items() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>光明日报</title>
<item><title>01版 - 中共中央政治局召开会议</title><link>http://x.cn/2024/01/04/a.htm</link>
<pubDate>Thu, 04 Jan 2024 08:00:00 +0800</pubDate><description>摘要</description>
<content:encoded><![CDATA[<p>会议指出，要坚持。</p><p>第二段。</p>]]></content:encoded></item>
<item><title>二</title><description>&lt;p&gt;转义的&amp;lt;段落&amp;gt;&lt;/p&gt;</description><guid>http://x.cn/b</guid></item>
</channel></rss>"#;
        let r = reduce(rss, Format::Rss).unwrap();
        assert_eq!(
            r.text,
            "01版 - 中共中央政治局召开会议\n\n会议指出，要坚持。\n\n第二段。\n\n二\n\n转义的<段落>"
        );
        assert_eq!(
            r.entries[0].url.as_deref(),
            Some("http://x.cn/2024/01/04/a.htm")
        );
        assert_eq!(
            r.entries[0].published.as_deref(),
            Some("Thu, 04 Jan 2024 08:00:00 +0800")
        );
        assert_eq!(r.entries[0].source.as_deref(), Some("光明日报"));
        assert_eq!(r.entries[1].url.as_deref(), Some("http://x.cn/b"));
        assert_eq!(back(&r, rss, "会议指出"), "会议指出");
        assert_eq!(back(&r, rss, "<段落>"), "&amp;lt;段落&amp;gt;");

        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Feed</title>
<entry><title>Meeting</title><link rel="alternate" href="https://e.org/2024/01/04/m"/><link rel="self" href="https://e.org/self"/>
<published>2024-01-04T08:00:00+08:00</published><author><name>Li Hua</name></author>
<content type="html">&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry></feed>"#;
        let r = reduce(atom, Format::Atom).unwrap();
        assert_eq!(r.text, "Meeting\n\nOne.\n\nTwo.");
        let e = &r.entries[0];
        assert_eq!(e.url.as_deref(), Some("https://e.org/2024/01/04/m"));
        assert_eq!(e.published.as_deref(), Some("2024-01-04T08:00:00+08:00"));
        assert_eq!(e.author.as_deref(), Some("Li Hua"));
        assert_eq!(e.source.as_deref(), Some("Feed"));
    }

    #[test]
    fn a_blank_title_heads_nothing() {
        // Found by fuzzing: a title of white space only made an inverted heading range.
        let rss = "<rss><channel><item><title> \n </title><description>正文</description></item></channel></rss>";
        let r = reduce(rss, Format::Rss).unwrap();
        assert!(r.headings.is_empty());
        assert_eq!(r.text.trim(), "正文");
    }

    #[test]
    fn hostile_input_is_no_feed_and_no_panic() {
        let deep = format!(
            "{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":{}",
            "[".repeat(100_000)
        );
        assert!(reduce(&deep, Format::JsonFeed).is_none());
        let deep_xml = format!("<rss>{}", "<item>".repeat(100_000));
        let r = reduce(&deep_xml, Format::Rss).unwrap();
        assert!(r.text.is_empty());
        assert!(reduce(
            "{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"title\":\"\\u12",
            Format::JsonFeed
        )
        .is_none());
    }
}
