//! HTML building blocks: escaping, URL encoding, language tags and the page frame
//! (skip link, navigation, search box) every page shares.
//!
//! Every piece of text that comes from a document, the store or the request goes
//! through [`esc`] (element content and attribute values alike) or [`url`].

use axum::http::header;
use axum::response::{IntoResponse, Response};
use readout_text::{Lang, Script};

/// Escapes text for element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Controls other than tab and newline have no place in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes `s` for a path segment or a query value: everything but the
/// unreserved characters.
pub fn url(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The BCP 47 tag for text in `lang` and `script`, so browsers pick the right fonts
/// (simplified and traditional Chinese glyphs differ).
pub fn lang_tag(lang: Lang, script: Script) -> &'static str {
    match (lang, script) {
        (_, Script::Hans) => "zh-Hans",
        (_, Script::Hant) => "zh-Hant",
        (Lang::Zh, _) => "zh",
        (Lang::En, _) | (_, Script::Latn) => "en",
        _ => "und",
    }
}

/// The language tag of a short string judged by its characters alone (a spelling, a
/// name): Han text is tagged by the script its characters show.
pub fn text_lang(s: &str) -> &'static str {
    if s.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c)) {
        match readout_normalize::detect_script(s) {
            readout_normalize::Script::Hant => "zh-Hant",
            readout_normalize::Script::Hans => "zh-Hans",
            _ => "zh",
        }
    } else {
        "en"
    }
}

/// Sections of the site, for the navigation's current-page marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Timeline,
    Documents,
    Formulations,
    Compare,
    Search,
    None,
}

/// One HTML page under construction.
pub struct Page {
    title: String,
    section: Section,
    query: String,
    notice: Option<String>,
    body: String,
}

impl Page {
    pub fn new(title: &str) -> Page {
        Page {
            title: title.to_string(),
            section: Section::None,
            query: String::new(),
            notice: None,
            body: String::new(),
        }
    }

    pub fn section(mut self, section: Section) -> Page {
        self.section = section;
        self
    }

    /// The text to show in the header's search box.
    pub fn query(mut self, q: &str) -> Page {
        self.query = q.to_string();
        self
    }

    /// A notice shown above the content (trusted markup).
    pub fn notice(mut self, markup: Option<String>) -> Page {
        self.notice = markup;
        self
    }

    /// Appends trusted markup (already escaped where it holds text).
    pub fn push(&mut self, markup: &str) {
        self.body.push_str(markup);
    }

    pub fn render(&self) -> String {
        let nav_item = |href: &str, label: &str, s: Section| {
            let current = if s == self.section {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!("<li><a href=\"{href}\"{current}>{label}</a></li>")
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>{title} · readout</title>\n\
<link rel=\"stylesheet\" href=\"/assets/style.css\">\n\
<link rel=\"icon\" href=\"/assets/icon.svg\" type=\"image/svg+xml\">\n\
<script src=\"/assets/app.js\" defer></script>\n</head>\n<body>\n\
<a class=\"skip\" href=\"#main\">Skip to content</a>\n\
<header class=\"site\">\n<a class=\"brand\" href=\"/\">readout</a>\n\
<nav aria-label=\"Main\"><ul>{n1}{n2}{n3}{n4}{n5}</ul></nav>\n\
<form class=\"quick-search\" action=\"/search\" method=\"get\" role=\"search\">\
<label for=\"site-q\" class=\"visually-hidden\">Search the documents</label>\
<input id=\"site-q\" name=\"q\" type=\"search\" value=\"{q}\" placeholder=\"Search\" maxlength=\"500\">\
<button type=\"submit\">Search</button></form>\n</header>\n\
<main id=\"main\" tabindex=\"-1\">\n{notice}{body}\n</main>\n\
<footer class=\"site\"><p>readout: a read-only view of the store. \
<a href=\"/api/openapi.json\">JSON API</a></p></footer>\n</body>\n</html>\n",
            title = esc(&self.title),
            n1 = nav_item("/", "Timeline", Section::Timeline),
            n2 = nav_item("/docs", "Documents", Section::Documents),
            n3 = nav_item("/formulations", "Formulations", Section::Formulations),
            n4 = nav_item("/compare", "Compare", Section::Compare),
            n5 = nav_item("/search", "Search", Section::Search),
            q = esc(&self.query),
            notice = self.notice.as_deref().unwrap_or(""),
            body = self.body,
        )
    }
}

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            self.render(),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(esc("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn urls_encode_everything_but_unreserved() {
        assert_eq!(url("高 a/b?c"), "%E9%AB%98%20a%2Fb%3Fc");
        assert_eq!(url("ev-000-0"), "ev-000-0");
    }

    #[test]
    fn language_tags_follow_the_script() {
        assert_eq!(lang_tag(Lang::Zh, Script::Hant), "zh-Hant");
        assert_eq!(lang_tag(Lang::Zh, Script::Hans), "zh-Hans");
        assert_eq!(lang_tag(Lang::En, Script::Latn), "en");
        assert_eq!(text_lang("高品質發展"), "zh-Hant");
        assert_eq!(text_lang("高质量发展"), "zh-Hans");
        assert_eq!(text_lang("high-quality development"), "en");
    }

    #[test]
    fn the_page_frame_escapes_its_title_and_query() {
        let page = Page::new("<b>").query("\"><script>").render();
        assert!(page.contains("<title>&lt;b&gt; · readout</title>"));
        assert!(page.contains("value=\"&quot;&gt;&lt;script&gt;\""));
        assert!(!page.contains("<script>"));
    }
}
