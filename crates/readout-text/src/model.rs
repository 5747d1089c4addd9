//! The document model that flows through the reader's stages.
//!
//! Offsets are byte offsets into UTF-8 strings unless a field says otherwise.
//! Three texts are in play for one file:
//! - the **original bytes** (kept verbatim by the store);
//! - the **decoded text**: the bytes decoded to UTF-8 (and, for HTML, reduced to text);
//!   [`Decoded::map`] maps decoded offsets back to original byte offsets;
//! - the **cleaned text**: the decoded text minus the [`Removal`]s.
//!   Reinserting every removal at its offset gives the decoded text back exactly.
//!
//! Paragraphs and documents refer to the cleaned text through [`Piece`]s, so every
//! derived span can be followed back to the bytes it came from.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How the original bytes were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A JSON Feed (jsonfeed.org): a collection, one document per item.
    JsonFeed,
    /// An RSS 0.9x/1.0/2.0 feed: one document per `<item>`.
    Rss,
    /// An Atom feed: one document per `<entry>`.
    Atom,
}

impl Format {
    /// Markup formats state their paragraphs: a block boundary is never a layout break
    /// to repair.
    pub fn is_markup(self) -> bool {
        !matches!(self, Format::Text)
    }

    /// Feeds hold one document per item.
    pub fn is_feed(self) -> bool {
        matches!(self, Format::JsonFeed | Format::Rss | Format::Atom)
    }
}

/// A stretch of the decoded text that the markup marks as a heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub range: Range<usize>,
    /// 1 to 6 as in `<h1>`…`<h6>` and Markdown `#`…`######`; 0 for a page's `<title>`.
    pub level: u8,
}

/// Link text of the decoded text and where it points (`[text](href)`, `<a href>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub range: Range<usize>,
    pub href: String,
}

/// What a page says about itself outside its text (the HTML head).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    /// `<link rel="canonical">`, else `og:url`.
    pub url: Option<String>,
    /// A publication date meta tag (`article:published_time`, `PubDate`…) as written.
    pub published: Option<String>,
    /// `og:site_name` or a source meta tag.
    pub source: Option<String>,
}

/// One item of a feed: its stretch of the decoded text (title then content) and what
/// the feed says of it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub range: Range<usize>,
    pub url: Option<String>,
    /// The item's date as the feed writes it (RFC 3339 or RFC 822).
    pub published: Option<String>,
    /// The item's own source, else the feed's title.
    pub source: Option<String>,
    pub author: Option<String>,
}

/// A checkpoint of the decoded-to-original offset map: decoded offset `text`
/// corresponds to original byte offset `byte`. Between two checkpoints the map is
/// linear only when both sides advance by the same amount; otherwise the whole
/// interval maps to the whole interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapPoint {
    pub text: usize,
    pub byte: usize,
}

/// The decode stage's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decoded {
    /// The encoding name as encoding_rs spells it ("UTF-8", "GBK", "Big5", "UTF-16LE"…).
    pub encoding: String,
    pub format: Format,
    /// True when some byte sequences were invalid in the detected encoding and were
    /// replaced by U+FFFD.
    pub had_errors: bool,
    pub text: String,
    /// Sorted checkpoints from decoded offsets to original byte offsets; empty means
    /// identity (UTF-8 plain text without BOM).
    pub map: Vec<MapPoint>,
    /// Stretches of the decoded text that the markup marks as headings
    /// (`<h1>`…`<h6>`, `<title>`, Markdown `#` lines), in text order.
    pub headings: Vec<Heading>,
    /// Offsets of the decoded text where the markup draws a thematic break (`---`,
    /// `<hr>`): the section before it ends there.
    pub breaks: Vec<usize>,
    /// Links of the markup, in text order.
    pub links: Vec<Link>,
    /// What an HTML page's head says about it.
    pub page: PageMeta,
    /// A feed's items, in text order; empty for anything but a feed.
    pub entries: Vec<Entry>,
}

/// Why a span of the decoded text was removed by the clean stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalKind {
    /// Emoji, including modifiers, ZWJ sequences, keycaps, flags and tag sequences.
    Emoji,
    /// A symbol or a letter of a script foreign to the surrounding text.
    ForeignSymbol,
    /// Zero-width characters, bidi controls, variation selectors, other invisible controls.
    Invisible,
}

/// One removal: `text` stood at byte `offset` of the decoded text, which is also the
/// position in the cleaned text where it was taken out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Byte offset in the cleaned text at which `text` was removed.
    pub offset: usize,
    pub text: String,
    pub kind: RemovalKind,
}

/// A run of a paragraph's text and the span of the cleaned text it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// Byte offset of this piece in the paragraph's text.
    pub at: usize,
    /// Byte range of the cleaned text this piece copies.
    pub src: Range<usize>,
}

/// A repair made by the layout stage, kept so the UI can show it in place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// Byte range of the cleaned text that was dropped or replaced (the line break).
    pub src: Range<usize>,
    /// What stands in its place in the paragraph text ("" or " ").
    pub replacement: String,
    pub kind: RepairKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairKind {
    /// A paragraph broken mid-sentence by print layout was rejoined.
    JoinedBreak,
    /// An English word hyphenated at a line end was rejoined.
    JoinedHyphen,
    /// A metadata line glued to the first body sentence was split off.
    SplitGlued,
    /// A line break of a hard-wrapped file was joined.
    JoinedWrap,
    /// A run of white space inside a line was folded to one space.
    FoldedSpace,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
    Other,
    /// Substantial parts in more than one language.
    Mixed,
    /// Too little text to tell.
    Und,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Script {
    Hans,
    Hant,
    Latn,
    /// Han text with both simplified-only and traditional-only characters in
    /// proportions that do not decide.
    Mixed,
    /// Not determined (no distinguishing characters).
    Und,
}

/// A paragraph after layout repair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Sorted by `at`; concatenating the pieces' sources (with repairs) yields `text`.
    pub pieces: Vec<Piece>,
    pub lang: Lang,
    pub script: Script,
}

impl Paragraph {
    /// The cleaned-text range this paragraph spans, from its first to its last piece.
    pub fn src_range(&self) -> Range<usize> {
        match (self.pieces.first(), self.pieces.last()) {
            (Some(a), Some(b)) => a.src.start..b.src.end,
            _ => 0..0,
        }
    }

    /// The part of this paragraph at byte range `r` of its text (on char boundaries),
    /// with its pieces cut to match.
    pub fn slice(&self, r: Range<usize>) -> Paragraph {
        let mut pieces = Vec::new();
        for p in &self.pieces {
            let len = p.src.end - p.src.start;
            let (a, b) = (p.at.max(r.start), (p.at + len).min(r.end));
            if a < b {
                pieces.push(Piece {
                    at: a - r.start,
                    src: p.src.start + (a - p.at)..p.src.start + (b - p.at),
                });
            }
        }
        Paragraph {
            text: self.text[r].to_string(),
            pieces,
            lang: self.lang,
            script: self.script,
        }
    }

    /// Maps a byte offset of `text` to a byte offset of the cleaned text.
    pub fn to_cleaned(&self, at: usize) -> usize {
        let i = self
            .pieces
            .partition_point(|p| p.at <= at)
            .saturating_sub(1);
        match self.pieces.get(i) {
            Some(p) => (p.src.start + (at - p.at)).min(p.src.end),
            None => 0,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Article,
    /// Text that belongs to no article (a stray paragraph).
    Fragment,
    /// A summary listing the items of a day or an issue ("本期节目主要内容"): listed and
    /// searchable, never the source of an event.
    Digest,
}

/// Where a document's publication date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// The text: a publishing line, a page's date line, a dateline with a year.
    Text,
    /// The page's head (a meta tag).
    Meta,
    /// The feed item's date.
    Feed,
    /// The document's source url (`/2024/01/04/`, `t20240104_`).
    Url,
    /// The file's path (`20240104.md`, `2024/01/04/`).
    Path,
}

impl PublishedFrom {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedFrom::Text => "text",
            PublishedFrom::Meta => "meta",
            PublishedFrom::Feed => "feed",
            PublishedFrom::Url => "url",
            PublishedFrom::Path => "path",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "text" => PublishedFrom::Text,
            "meta" => PublishedFrom::Meta,
            "feed" => PublishedFrom::Feed,
            "url" => PublishedFrom::Url,
            "path" => PublishedFrom::Path,
            _ => return None,
        })
    }
}

/// Site boilerplate taken out of the text as metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// ISO 8601 with offset where the page states a time zone or is a mainland site
    /// (`2023-11-28T08:50:00+08:00`), else as precise as stated.
    pub published: Option<String>,
    /// Where `published` was read.
    pub published_from: Option<PublishedFrom>,
    /// The document's own address: a source-link line ("查看原文"), the page's canonical
    /// url, a feed item's url.
    pub url: Option<String>,
    /// A newspaper page label ("01版", "第3版：要闻"), taken off the title.
    pub page: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
    /// The dateline as written (新华社北京11月27日电, "Xinhua News Agency, Beijing, November 27").
    pub dateline: Option<String>,
    /// Other boilerplate lines, such as breadcrumbs (首頁 > 頭條), verbatim.
    pub boilerplate: Vec<String>,
}

/// One document found in a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    pub lang: Lang,
    pub script: Script,
    /// One of the headlines, the one that names the document best.
    pub title: Option<String>,
    pub headlines: Vec<Paragraph>,
    pub body: Vec<Paragraph>,
    pub meta: Meta,
    /// Cleaned-text range of the whole document, boilerplate included.
    pub span: Range<usize>,
}

/// A note about something the reader noticed but did not stop for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub message: String,
}

/// Everything the reader makes of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub decoded: Decoded,
    pub cleaned: String,
    pub removals: Vec<Removal>,
    pub repairs: Vec<Repair>,
    pub documents: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a whole file was not read. The message is one line, for the ingest summary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("empty file")]
    Empty,
    #[error("binary file ({0}), not text")]
    Binary(String),
    #[error("file is {size} bytes, over the {limit}-byte limit")]
    TooLarge { size: u64, limit: u64 },
    #[error("a line of {len} bytes is over the {limit}-byte line limit")]
    LineTooLong { len: usize, limit: usize },
    #[error("no readable text after decoding")]
    NoText,
}

/// Limits the reader enforces before reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_file_bytes: u64,
    pub max_line_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 * 1024 * 1024,
            max_line_bytes: 4 * 1024 * 1024,
        }
    }
}
