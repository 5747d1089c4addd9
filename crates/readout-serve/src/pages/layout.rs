//! The page frame every page shares (skip link, navigation, one search box, footer)
//! and the pieces several pages show: dates, links to documents and events by their
//! labels, pagers, the cite block.

use crate::cite::Cite;
use crate::dates::Shown;
use crate::view::{self, url};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use readout_store::{EventListRow, Store, StoreError};
use std::collections::BTreeMap;

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

/// A rendered page.
pub struct Page(pub Markup);

impl IntoResponse for Page {
    fn into_response(self) -> Response {
        (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            self.0.into_string(),
        )
            .into_response()
    }
}

/// The frame of one page.
pub struct Frame {
    pub title: String,
    pub section: Section,
    /// Text for the header's search box.
    pub query: String,
    /// The record lags behind the documents.
    pub stale: bool,
}

impl Frame {
    pub fn new(title: &str, section: Section) -> Frame {
        Frame {
            title: title.to_string(),
            section,
            query: String::new(),
            stale: false,
        }
    }

    pub fn render(&self, body: Markup) -> Page {
        let nav = [
            ("/", "Timeline", Section::Timeline),
            ("/docs", "Documents", Section::Documents),
            ("/formulations", "Formulations", Section::Formulations),
            ("/compare", "Compare", Section::Compare),
            ("/search", "Search", Section::Search),
        ];
        Page(html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (self.title) " · readout" }
                    link rel="stylesheet" href="/assets/style.css";
                    link rel="icon" href="/assets/icon.svg" type="image/svg+xml";
                    script src="/assets/app.js" defer {}
                }
                body {
                    a.skip href="#main" { "Skip to content" }
                    header.site {
                        a.brand href="/" { "readout" }
                        nav aria-label="Main" {
                            ul {
                                @for (href, label, s) in nav {
                                    li { a href=(href) aria-current=[(s == self.section).then_some("page")] { (label) } }
                                }
                            }
                        }
                        // The search page has its own box: one search box per page.
                        @if self.section != Section::Search {
                            form.quick-search action="/search" method="get" role="search" {
                                label.visually-hidden for="site-q" { "Search the documents" }
                                input #site-q name="q" type="search" value=(self.query) placeholder="Search" maxlength="500";
                                button type="submit" { "Search" }
                            }
                        }
                    }
                    main #main tabindex="-1" {
                        @if self.stale {
                            p.note.stale role="status" {
                                "The record of events was derived before the latest documents were stored; run "
                                code { "readout derive" } " to bring it up to date."
                            }
                        }
                        (body)
                    }
                    footer.site {
                        p { "readout: a read-only view of the store. " a href="/api/openapi.json" { "JSON API" } }
                    }
                }
            }
        })
    }
}

/// A date as a list shows it: the day, and a note saying where it comes from.
pub fn date_cell(d: &Shown, lang: &str) -> Markup {
    html! {
        @if d.as_written {
            span.date.partial lang=(lang) { (d.label) }
        } @else if d.published {
            time.date.published datetime=[d.iso.as_deref()] { (d.label) }
        } @else {
            time.date datetime=[d.iso.as_deref()] { (d.label) }
        }
        @if let Some(n) = &d.note {
            span.date-note { (n) }
        }
    }
}

/// A link to a document by its title (in its language), its id when untitled.
pub fn doc_link(id: &str, title: Option<&str>, lang: &str) -> Markup {
    html! {
        @match title {
            Some(t) => a href={ "/docs/" (url(id)) } lang=(lang) { (view::cut(t, 120)) },
            None => a href={ "/docs/" (url(id)) } { "untitled document " code { (id) } },
        }
    }
}

/// A link to a document by its title; an untitled one (a fragment, a digest item) by
/// the opening words of its text, marked as such, rather than by its id.
pub fn doc_link_or_opening(
    id: &str,
    title: Option<&str>,
    opening: Option<&str>,
    lang: &str,
) -> Markup {
    match (title, opening.map(str::trim).filter(|o| !o.is_empty())) {
        (None, Some(o)) => html! {
            a.untitled href={ "/docs/" (url(id)) } lang=(lang) title="untitled: its opening words" { "“" (view::cut(o, 40)) "”" }
        },
        _ => doc_link(id, title, lang),
    }
}

/// Links to the pages before and after this one.
pub fn pager(
    prev: Option<String>,
    next: Option<String>,
    prev_label: &str,
    next_label: &str,
) -> Markup {
    html! {
        @if prev.is_some() || next.is_some() {
            nav.pages aria-label="Pages" {
                @if let Some(p) = prev { a rel="prev" href=(p) { "← " (prev_label) } }
                @if let Some(n) = next { a rel="next" href=(n) { (next_label) " →" } }
            }
        }
    }
}

/// A live link to a source's own page: http and https only, never sending who
/// referred.
pub fn source_link(u: Option<&str>, label: &str) -> Markup {
    html! {
        @if let Some(u) = u.and_then(view::safe_url) {
            a.source href=(u) rel="noopener noreferrer" target="_blank" { (label) }
        }
    }
}

/// The cite block: the reference to copy, the source's address and the CSL-JSON
/// download.
pub fn cite_block(c: &Cite, csl_href: &str) -> Markup {
    html! {
        section.cite aria-labelledby="cite" {
            h2 #cite { "Cite" }
            dl.facts.cite-fields {
                @if let Some(o) = &c.outlet { dt { "Outlet" } dd lang=(view::text_lang(o)) { (o) } }
                dt { "Title" } dd lang=(c.lang) { (c.title.as_deref().unwrap_or("(untitled)")) }
                @if let Some(d) = &c.date { dt { "Date" } dd { (d) } }
                @if let Some(p) = &c.page { dt { "Page" } dd { (p) } }
                dt { "Source" }
                dd {
                    @match c.url.as_deref().and_then(view::safe_url) {
                        Some(u) => a.source href=(u) rel="noopener noreferrer" target="_blank" { (u) },
                        None => span.muted { "no address recorded" },
                    }
                }
                dt { "Permalink" } dd { a.permalink href=(c.permalink) { (c.permalink) } }
            }
            label for="cite-text" { "Reference to copy" }
            textarea #cite-text.cite-text readonly rows="3" { (c.line()) }
            p { a.button download href=(csl_href) { "CSL-JSON (Zotero)" } }
        }
    }
}

/// A link to an event by its kind and date ("Politburo meeting, 2023-11-27"), for rows
/// that already show a document's title: the event's own title would repeat it.
pub fn event_ref(row: &EventListRow) -> Markup {
    let date = crate::records::event_head(&row.event)
        .ok()
        .and_then(|e| e.date);
    let d = crate::dates::event_date(date.as_ref(), row.sort_key);
    html! {
        a.event-ref href={ "/events/" (url(&row.event.id)) } {
            (view::kind_label(&view::code(&row.event.kind))) ", " (d.label)
        }
    }
}

/// The list rows of the events `ids` name (each once; a page's worth, not more).
pub fn event_rows<'a>(
    s: &Store,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<BTreeMap<String, EventListRow>, StoreError> {
    let mut out = BTreeMap::new();
    for id in ids {
        if !out.contains_key(id) {
            if let Some(row) = s.event_list_row(id)? {
                out.insert(id.to_string(), row);
            }
        }
    }
    Ok(out)
}
