//! The web pages, one module each: timeline, event, document (and the list of
//! documents), formulation (and the list), compare and search. Each renders from the
//! catalog and the store to a [`Page`](super::html::Page); helpers here are the links
//! and labels they share.

pub mod compare;
pub mod document;
pub mod event;
pub mod formulation;
pub mod search;
pub mod timeline;

use super::catalog::Catalog;
use super::error::PageError;
use super::html::{esc, lang_tag, url};
use super::params::Params;
use readout_collection::SpanRef;
use readout_store::DocRecord;

/// Where a span's passage is shown: its document, the paragraph anchored and the
/// span highlighted.
pub fn passage_href(span: &SpanRef) -> String {
    let (prefix, anchor) = if span.headline { ("h", "h") } else { ("", "p") };
    format!(
        "/docs/{}?hl={prefix}{}:{}-{}#{anchor}{}",
        url(&span.doc),
        span.para,
        span.start,
        span.end,
        span.para
    )
}

/// The characters of a span in its document, as written there.
pub fn span_text(catalog: &Catalog, span: &SpanRef) -> Option<String> {
    let d = catalog.doc(&span.doc)?;
    let parts = if span.headline { &d.headlines } else { &d.body };
    let p = parts.get(span.para)?;
    let t: String = p
        .text
        .chars()
        .skip(span.start)
        .take(span.end.saturating_sub(span.start))
        .collect();
    (!t.is_empty()).then_some(t)
}

/// The language tag of a document's text.
pub fn doc_lang(d: &DocRecord) -> &'static str {
    lang_tag(d.lang, d.script)
}

/// A link to a document, named by its title (tagged with its language) or its id.
pub fn doc_link(catalog: &Catalog, id: &str) -> String {
    match catalog.doc(id) {
        Some(d) => match &d.title {
            Some(t) => format!(
                "<a href=\"/docs/{}\" lang=\"{}\">{}</a>",
                url(id),
                doc_lang(d),
                esc(t)
            ),
            None => format!("<a href=\"/docs/{}\"><code>{}</code></a>", url(id), esc(id)),
        },
        None => format!("<code>{}</code>", esc(id)),
    }
}

/// Words for an event kind (`politburo_meeting` → Politburo meeting).
pub fn kind_label(kind: &str) -> String {
    match kind {
        "politburo_meeting" => "Politburo meeting".into(),
        "politburo_study_session" => "Politburo study session".into(),
        "standing_committee_meeting" => "Standing Committee meeting".into(),
        "symposium" => "Symposium".into(),
        "conference" => "Conference".into(),
        "inspection_tour" => "Inspection tour".into(),
        "message" => "Message".into(),
        "speech" => "Speech".into(),
        "other" => "Other".into(),
        k => {
            let mut s = k.replace('_', " ");
            if let Some(first) = s.get(..1) {
                let up = first.to_uppercase();
                s.replace_range(..1, &up);
            }
            s
        }
    }
}

/// The `view` parameter: the text as written, or its mainland-simplified view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Original,
    Normalized,
}

impl View {
    pub fn from(p: &Params) -> Result<View, PageError> {
        match p
            .choice("view", &["original", "normalized"])
            .map_err(|e| PageError::bad_request(e.0))?
        {
            Some("normalized") => Ok(View::Normalized),
            _ => Ok(View::Original),
        }
    }
}

/// The two links that switch between views of `base` (a path with its other
/// parameters), the current one marked.
pub fn view_toggle(base: &str, view: View) -> String {
    let sep = if base.contains('?') { '&' } else { '?' };
    let item = |href: String, label: &str, current: bool| {
        let cur = if current {
            " aria-current=\"true\""
        } else {
            ""
        };
        format!("<a href=\"{}\"{cur}>{label}</a>", esc(&href))
    };
    format!(
        "<nav class=\"toggle\" aria-label=\"Script\">{}{}</nav>",
        item(base.to_string(), "Original script", view == View::Original),
        item(
            format!("{base}{sep}view=normalized"),
            "Normalized (simplified)",
            view == View::Normalized
        ),
    )
}

/// A share as a percentage (`0.647` → `64.7%`).
pub fn percent(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_links_name_paragraph_and_span() {
        let span = SpanRef {
            doc: "abc-0".into(),
            headline: false,
            para: 3,
            start: 7,
            end: 13,
        };
        assert_eq!(passage_href(&span), "/docs/abc-0?hl=3:7-13#p3");
        let head = SpanRef {
            headline: true,
            ..span
        };
        assert_eq!(passage_href(&head), "/docs/abc-0?hl=h3:7-13#h3");
    }

    #[test]
    fn kinds_read_as_words() {
        assert_eq!(kind_label("politburo_meeting"), "Politburo meeting");
        assert_eq!(kind_label("new_kind"), "New kind");
    }

    #[test]
    fn the_view_toggle_keeps_other_parameters() {
        let html = view_toggle("/events/e?x=1", View::Original);
        assert!(html.contains("href=\"/events/e?x=1&amp;view=normalized\""));
        assert!(html.contains("aria-current"));
    }
}
