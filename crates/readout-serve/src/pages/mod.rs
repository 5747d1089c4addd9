//! The web pages, one module each. Every page reads what it shows from the store a
//! page at a time and renders a typed view with maud.

pub mod compare;
pub mod document;
pub mod event;
pub mod formulation;
pub mod layout;
pub mod search;
pub mod timeline;

use crate::error::{Failure, PageFailure};
use crate::params::Params;
use crate::state::AppState;
use readout_collection::SpanRef;
use readout_store::{DocSummary, Store, StoreError};

pub use layout::{Frame, Page, Section};

/// What a page handler gets: the shared state, the query's parameters and the host
/// the request named (for permalinks).
pub struct Ctx<'a> {
    pub state: &'a AppState,
    pub params: &'a Params,
    pub host: &'a str,
}

impl Ctx<'_> {
    pub fn store<T>(&self, f: impl FnOnce(&Store) -> Result<T, StoreError>) -> Result<T, Failure> {
        Ok(self.state.with_store(f)?)
    }

    /// The absolute address of `path` on this server, as the request named it.
    pub fn absolute(&self, path: &str) -> String {
        format!("http://{}{path}", self.host)
    }

    /// Whether the derived record lags behind the documents.
    pub fn stale(&self) -> bool {
        self.store(|s| s.derived_status(readout_collection::DOC_STAGE_VERSION))
            .map(|st| !st.record_current())
            .unwrap_or(false)
    }

    pub fn frame(&self, title: &str, section: Section) -> Frame {
        let mut f = Frame::new(title, section);
        f.stale = self.stale();
        f
    }
}

pub type PageResult = Result<Page, PageFailure>;

/// Where a span's passage is shown: its document, the paragraph anchored and the
/// span highlighted.
pub fn passage_href(span: &SpanRef) -> String {
    let (prefix, anchor) = if span.headline { ("h", "h") } else { ("", "p") };
    format!(
        "/docs/{}?hl={prefix}{}:{}-{}#{anchor}{}",
        crate::view::url(&span.doc),
        span.para,
        span.start,
        span.end,
        span.para
    )
}

/// The language tag of a document's text.
pub fn doc_lang(d: &DocSummary) -> &'static str {
    crate::view::lang_tag(d.lang, d.script)
}

/// The `view` parameter: the text as written, or its mainland-simplified view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Original,
    Normalized,
}

impl View {
    pub fn from(p: &Params) -> Result<View, Failure> {
        match p.choice("view", &["original", "normalized"])? {
            Some("normalized") => Ok(View::Normalized),
            _ => Ok(View::Original),
        }
    }
}

/// The two links that switch between views of `base` (a path with its other
/// parameters), the current one marked.
pub fn view_toggle(base: &str, view: View) -> maud::Markup {
    let sep = if base.contains('?') { '&' } else { '?' };
    let normalized = format!("{base}{sep}view=normalized");
    maud::html! {
        nav.toggle aria-label="Script" {
            a href=(base) aria-current=[(view == View::Original).then_some("true")] { "Original script" }
            a href=(normalized) aria-current=[(view == View::Normalized).then_some("true")] { "Normalized (simplified)" }
        }
    }
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
    fn the_view_toggle_keeps_other_parameters() {
        let html = view_toggle("/events/e?x=1", View::Original).into_string();
        assert!(html.contains("href=\"/events/e?x=1&amp;view=normalized\""));
        assert!(html.contains("aria-current"));
    }
}
