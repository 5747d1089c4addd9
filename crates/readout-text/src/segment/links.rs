//! links: a source-link line, the line sites put under an item to point at its own page
//! ("[查看原文](https://…)", "原文链接：https://…", "来源：[新华网](https://…)",
//! "Source: https://…"). Such a line is the document's address, never its text.

use crate::model::{Link, Paragraph};

/// What a source-link line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkLine {
    /// The address, when it is one (http or https).
    pub url: Option<String>,
    /// The site a "来源" or "Source" link names.
    pub source: Option<String>,
}

/// Labels of a line that points at the item's own page.
const PAGE_LABELS: &[&str] = &[
    "查看原文",
    "点击查看原文",
    "點擊查看原文",
    "阅读原文",
    "閱讀原文",
    "原文链接",
    "原文連結",
    "原文鏈接",
    "原文地址",
    "原文网址",
    "原文網址",
    "查看原网页",
    "本文链接",
    "本文連結",
    "文章链接",
    "文章連結",
    "网页链接",
    "網頁連結",
    "原文",
    "链接",
    "連結",
    "鏈接",
    "source link",
    "original article",
    "read the original",
    "view original",
    "original",
    "permalink",
    "read more",
    "link",
];

/// Labels of a line that names the source, with a link to it.
const SOURCE_LABELS: &[&str] = &["来源", "來源", "稿源", "出处", "出處", "source", "via"];

/// Longest line taken for a link line, in bytes: a label and an address.
const MAX_LINE: usize = 600;

fn is_label(s: &str, labels: &[&str]) -> bool {
    let t = s
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    ':' | '：'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '('
                        | ')'
                        | '（'
                        | '）'
                        | '>'
                        | '»'
                        | '|'
                )
        })
        .to_lowercase();
    !t.is_empty() && labels.contains(&t.as_str())
}

fn is_address(s: &str) -> bool {
    let s = s.trim();
    (s.starts_with("http://") || s.starts_with("https://"))
        && s.len() > 10
        && !s.contains(char::is_whitespace)
}

/// True when an address names a page, not only a site ("https://feedx.net").
fn has_path(url: &str) -> bool {
    let path = url.splitn(4, '/').nth(3).unwrap_or("");
    !path.trim_matches('/').is_empty()
}

/// An http(s) address as written (a scheme-relative `//host/…` taken as https); `None`
/// for anything else (a relative path, a `javascript:` link).
pub(crate) fn absolute(href: &str) -> Option<String> {
    let h = href.trim();
    if is_address(h) {
        Some(h.to_string())
    } else if let Some(rest) = h.strip_prefix("//") {
        let url = format!("https://{rest}");
        is_address(&url).then_some(url)
    } else {
        None
    }
}

/// The paragraph-text offset of cleaned offset `at`, if the paragraph copies it.
fn text_offset(p: &Paragraph, at: usize) -> Option<usize> {
    let i = p
        .pieces
        .partition_point(|x| x.src.start <= at)
        .checked_sub(1)?;
    let x = &p.pieces[i];
    (at <= x.src.end).then(|| x.at + (at - x.src.start))
}

/// Reads `p` as a source-link line. `links` are the file's links in cleaned offsets,
/// sorted by start.
pub(crate) fn link_line(p: &Paragraph, links: &[Link]) -> Option<LinkLine> {
    let text = p.text.trim();
    if text.is_empty() || text.len() > MAX_LINE {
        return None;
    }
    let src = p.src_range();
    let first = links.partition_point(|l| l.range.start < src.start);
    let inside: Vec<&Link> = links[first..]
        .iter()
        .take_while(|l| l.range.start < src.end)
        .filter(|l| l.range.end <= src.end)
        .collect();
    if let [link] = inside.as_slice() {
        let (a, b) = (
            text_offset(p, link.range.start)?,
            text_offset(p, link.range.end)?,
        );
        let (a, b) = (a.min(p.text.len()), b.min(p.text.len()));
        if !(p.text.is_char_boundary(a) && p.text.is_char_boundary(b)) || a > b {
            return None;
        }
        let anchor = &p.text[a..b];
        let around = format!("{}{}", &p.text[..a], &p.text[b..]);
        let url = absolute(&link.href);
        if around.trim().is_empty() || is_label(&around, PAGE_LABELS) {
            let labelled = is_label(anchor, PAGE_LABELS) || !around.trim().is_empty();
            if labelled || is_address(anchor) {
                // An address alone that names a site, not a page, is a link line
                // but not this document's address.
                let url = url.filter(|u| labelled || has_path(u));
                return Some(LinkLine { url, source: None });
            }
        }
        let source_anchor = around.trim().is_empty() && is_label(anchor, SOURCE_LABELS);
        if source_anchor || is_label(&around, SOURCE_LABELS) {
            // A link to a site's front page names the source, not this document.
            let deep = url.as_deref().is_some_and(has_path);
            let source = (!source_anchor && !is_address(anchor) && !anchor.trim().is_empty())
                .then(|| anchor.trim().to_string());
            return Some(LinkLine {
                url: url.filter(|_| deep),
                source,
            });
        }
        return None;
    }
    if !inside.is_empty() {
        return None;
    }
    // Plain text: "原文链接：https://…", or an address alone on its line.
    if is_address(text) {
        return Some(LinkLine {
            url: has_path(text).then(|| text.to_string()),
            source: None,
        });
    }
    let at = text.find("http://").or_else(|| text.find("https://"))?;
    let (label, addr) = text.split_at(at);
    if is_address(addr) && is_label(label, PAGE_LABELS) {
        return Some(LinkLine {
            url: Some(addr.trim().to_string()),
            source: None,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lang, Piece, Script};

    fn para(text: &str, at: usize) -> Paragraph {
        Paragraph {
            text: text.to_string(),
            pieces: vec![Piece {
                at: 0,
                src: at..at + text.len(),
            }],
            lang: Lang::Zh,
            script: Script::Hans,
        }
    }

    fn link(text: &str, anchor: &str, at: usize, href: &str) -> Link {
        let s = at + text.find(anchor).unwrap();
        Link {
            range: s..s + anchor.len(),
            href: href.to_string(),
        }
    }

    #[test]
    fn page_links_give_the_url() {
        let u = "https://tv.cctv.com/2024/01/04/VIDE.shtml";
        for (text, anchor) in [
            ("查看原文", "查看原文"),
            ("原文链接：查看", "查看"),
            (u, u),
            ("Source link", "Source link"),
        ] {
            let p = para(text, 100);
            let l = link(text, anchor, 100, u);
            let got = link_line(&p, &[l]).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(got.url.as_deref(), Some(u), "{text}");
        }
        let p = para("原文链接：https://x.cn/a/1.html", 0);
        assert_eq!(
            link_line(&p, &[]).unwrap().url.as_deref(),
            Some("https://x.cn/a/1.html")
        );
    }

    #[test]
    fn source_links_name_the_site() {
        let text = "来源：新华网";
        let p = para(text, 0);
        let got = link_line(&p, &[link(text, "新华网", 0, "http://www.news.cn/")]).unwrap();
        assert_eq!(got.source.as_deref(), Some("新华网"));
        assert_eq!(got.url, None);
        let got = link_line(
            &p,
            &[link(text, "新华网", 0, "http://www.news.cn/2024/a.htm")],
        )
        .unwrap();
        assert_eq!(got.url.as_deref(), Some("http://www.news.cn/2024/a.htm"));
    }

    #[test]
    fn an_address_of_a_site_is_no_document_address() {
        let u = "https://feedx.net";
        let p = para(u, 0);
        let got = link_line(&p, &[link(u, u, 0, u)]).unwrap();
        assert_eq!(got.url, None);
        assert_eq!(
            link_line(&para("https://feedx.site/", 0), &[]).unwrap().url,
            None
        );
    }

    #[test]
    fn prose_with_a_link_is_no_link_line() {
        let text = "会议强调，详见国务院网站发布的全文。";
        let p = para(text, 0);
        assert_eq!(
            link_line(&p, &[link(text, "全文", 0, "http://x.cn/a")]),
            None
        );
        assert_eq!(link_line(&para("原文如下：", 0), &[]), None);
        assert_eq!(
            link_line(&para("访问 http://x.cn 了解更多信息", 0), &[]),
            None
        );
    }
}
