//! decode: a file's bytes to text. Detects the encoding (byte order marks, UTF-16 by its
//! byte pattern, UTF-8, legacy East Asian encodings by chardetng), rejects binary files,
//! reduces HTML and Markdown to their text with the headings they mark, and keeps a map
//! from every decoded offset back to the original bytes.

mod attrs;
mod charset;
mod entities;
mod feed;
mod html;
mod map;
mod markdown;
mod sniff;

use crate::model::{Decoded, Entry, Format, Heading, Link, MapPoint, PageMeta, Rejection};

/// Markup reduced to text: the text, its map to the markup source, and what the markup
/// said of it (headings, links, the page's head, a feed's items).
#[derive(Debug, Default)]
pub(crate) struct Reduced {
    pub(crate) text: String,
    pub(crate) map: Vec<MapPoint>,
    pub(crate) headings: Vec<Heading>,
    pub(crate) breaks: Vec<usize>,
    pub(crate) links: Vec<Link>,
    pub(crate) page: PageMeta,
    pub(crate) entries: Vec<Entry>,
}

/// The format a file name's extension announces, if it announces one.
fn format_by_name(name: Option<&str>) -> Option<Format> {
    let name = name?;
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (_, ext) = base.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "xht" | "shtml" => Some(Format::Html),
        "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Some(Format::Markdown),
        _ => None,
    }
}

/// Decodes `bytes` (any encoding; HTML and Markdown reduced to text with block
/// structure kept). `name` hints the format by extension. Never panics.
pub fn decode(bytes: &[u8], name: Option<&str>) -> Result<Decoded, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::Empty);
    }
    if let Some(what) = sniff::binary_magic(bytes) {
        return Err(Rejection::Binary(what.to_string()));
    }
    let t = charset::decode_bytes(bytes)?;
    // A feed is told by its content whatever its name (feeds are served as .xml, .json,
    // .rss, or with no extension at all).
    let as_feed = feed::sniff(&t.text).and_then(|f| Some((f, feed::reduce(&t.text, f)?)));
    let (format, reduced) = match as_feed {
        Some((f, r)) => (f, Some(r)),
        None => {
            let format = format_by_name(name).unwrap_or_else(|| {
                if sniff::looks_like_html(&t.text) {
                    Format::Html
                } else {
                    Format::Text
                }
            });
            let r = match format {
                Format::Html => Some(html::reduce(&t.text)),
                Format::Markdown => Some(markdown::reduce(&t.text)),
                _ => None,
            };
            (format, r)
        }
    };
    let (text, map, r) = match reduced {
        None => (t.text, t.map, Reduced::default()),
        Some(mut r) => {
            let map = map::compose(&r.map, &t.map);
            (std::mem::take(&mut r.text), map, r)
        }
    };
    if !text.chars().any(char::is_alphanumeric) {
        return Err(Rejection::NoText);
    }
    Ok(Decoded {
        encoding: t.encoding,
        format,
        had_errors: t.had_errors,
        text,
        map,
        headings: r.headings,
        breaks: r.breaks,
        links: r.links,
        page: r.page,
        entries: r.entries,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_is_identity() {
        let d = decode("中共中央政治局\n会议".as_bytes(), Some("a.txt")).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.format, Format::Text);
        assert!(d.map.is_empty());
        assert!(!d.had_errors);
        assert_eq!(d.to_original(6), 6);
    }

    #[test]
    fn rejections() {
        assert_eq!(decode(b"", None), Err(Rejection::Empty));
        assert_eq!(decode(b" \n\t \r\n", None), Err(Rejection::NoText));
        assert_eq!(
            decode(b"<html><body><script>x()</script></body></html>", None),
            Err(Rejection::NoText)
        );
        assert!(
            matches!(decode(b"\x89PNG\r\n\x1a\n....", None), Err(Rejection::Binary(s)) if s == "PNG image")
        );
        assert!(matches!(
            decode(&[0u8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0], None),
            Err(Rejection::Binary(_))
        ));
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(format_by_name(Some("dir.x/Page.HTM")), Some(Format::Html));
        assert_eq!(format_by_name(Some("notes.md")), Some(Format::Markdown));
        assert_eq!(format_by_name(Some("report.txt")), None);
        assert_eq!(format_by_name(Some("README")), None);
        assert_eq!(format_by_name(None), None);
    }

    #[test]
    fn html_in_gbk_maps_to_original_bytes() {
        let src = "<html><head><title>标题</title></head><body><p>正文&amp;内容</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(src);
        let d = decode(&bytes, Some("x.html")).unwrap();
        assert_eq!(d.encoding, "GBK");
        assert_eq!(d.text, "标题\n\n正文&内容");
        let (gbk_title, _, _) = encoding_rs::GBK.encode("标题");
        let at = d.to_original(0);
        assert_eq!(&bytes[at..at + gbk_title.len()], &gbk_title[..]);
        let t = d.text.find("内容").unwrap();
        let (gbk_body, _, _) = encoding_rs::GBK.encode("内容");
        let at = d.to_original(t);
        assert_eq!(&bytes[at..at + gbk_body.len()], &gbk_body[..]);
        let amp = d.text.find('&').unwrap();
        let r = d.to_original_range(amp..amp + 1);
        assert_eq!(&bytes[r], b"&amp;");
    }
}
