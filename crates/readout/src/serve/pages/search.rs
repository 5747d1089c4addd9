//! `/search?q=`: the query box with filters, facet counts that narrow the search, and
//! the matching documents with their snippets, matches marked.

use super::kind_label;
use crate::serve::api::{run_search, search_query};
use crate::serve::catalog::Catalog;
use crate::serve::error::PageError;
use crate::serve::html::{esc, url, Page, Section};
use crate::serve::params::Params;
use crate::serve::passage::{render, Mark};
use crate::serve::state::AppState;
use axum::http::StatusCode;
use readout_search::{Hit, Query};
use std::collections::BTreeMap;

const PER_PAGE: usize = 20;

/// The paragraph and character range within it of body characters `start..end`
/// (the body is the paragraphs joined by newlines).
fn locate(catalog: &Catalog, doc: &str, start: usize, end: usize) -> Option<(usize, usize, usize)> {
    let d = catalog.doc(doc)?;
    let mut at = 0;
    for (i, p) in d.body.iter().enumerate() {
        let len = p.text.chars().count();
        if start < at + len {
            return Some((i, start - at, (end - at).min(len)));
        }
        at += len + 1;
    }
    None
}

/// The query string for `q` with `key` set to `value` (None removes it) and paging reset.
fn with(q: &Query, key: &str, value: Option<&str>) -> String {
    let mut pairs: Vec<(&str, Option<&str>)> = vec![
        ("q", Some(q.text.as_str())),
        ("lang", q.lang.as_deref()),
        ("script", q.script.as_deref()),
        ("kind", q.kind.as_deref()),
        ("from", q.from.as_deref()),
        ("to", q.to.as_deref()),
    ];
    for p in pairs.iter_mut() {
        if p.0 == key {
            p.1 = value;
        }
    }
    if !pairs.iter().any(|p| p.0 == key) {
        pairs.push((key, value));
    }
    let parts: Vec<String> = pairs
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", url(v)))
        })
        .collect();
    format!("/search?{}", parts.join("&"))
}

fn facet(
    q: &Query,
    key: &str,
    label: &str,
    counts: &BTreeMap<String, usize>,
    current: Option<&str>,
) -> String {
    if counts.is_empty() {
        return String::new();
    }
    let mut s = format!("<div class=\"facet\"><h3>{label}</h3><ul>");
    if current.is_some() {
        s.push_str(&format!(
            "<li><a href=\"{}\">any</a></li>",
            esc(&with(q, key, None))
        ));
    }
    for (value, n) in counts {
        let shown = if key == "kind" {
            kind_label(value)
        } else {
            value.clone()
        };
        if current == Some(value.as_str()) {
            s.push_str(&format!(
                "<li><strong aria-current=\"true\">{}</strong> <span class=\"n\">{n}</span></li>",
                esc(&shown)
            ));
        } else {
            s.push_str(&format!(
                "<li><a href=\"{}\">{}</a> <span class=\"n\">{n}</span></li>",
                esc(&with(q, key, Some(value))),
                esc(&shown)
            ));
        }
    }
    s.push_str("</ul></div>");
    s
}

fn hit_html(catalog: &Catalog, h: &Hit) -> String {
    let lang = crate::serve::html::lang_tag(
        catalog
            .doc(&h.doc)
            .map(|d| d.lang)
            .unwrap_or(readout_text::Lang::Und),
        catalog
            .doc(&h.doc)
            .map(|d| d.script)
            .unwrap_or(readout_text::Script::Und),
    );
    let first = h
        .highlights
        .first()
        .and_then(|[s, e]| locate(catalog, &h.doc, *s, *e));
    let href = match first {
        Some((para, s, e)) => format!("/docs/{}?hl={para}:{s}-{e}#p{para}", url(&h.doc)),
        None => format!("/docs/{}", url(&h.doc)),
    };
    let title_marks: Vec<Mark> = h
        .title_highlights
        .iter()
        .map(|[s, e]| Mark::new(*s, *e, "hit"))
        .collect();
    let title = match &h.title {
        Some(t) => render(t, &title_marks, &[]),
        None => esc(&h.doc),
    };
    let len = h.snippet.chars().count();
    let snippet_marks: Vec<Mark> = h
        .highlights
        .iter()
        .filter(|[s, e]| *e > h.snippet_start && *s < h.snippet_start + len)
        .map(|[s, e]| {
            Mark::new(
                s.saturating_sub(h.snippet_start),
                (e - h.snippet_start).min(len),
                "hit",
            )
        })
        .collect();
    let mut meta = vec![esc(&h.lang), esc(&h.script), esc(&kind_label(&h.kind))];
    if let Some(d) = &h.date {
        meta.push(esc(d));
    }
    if let Some(e) = &h.event {
        meta.push(format!(
            "event <a href=\"/events/{}\">{}</a>",
            url(e),
            esc(e)
        ));
    }
    format!(
        "<li class=\"hit\"><h3><a href=\"{}\" lang=\"{lang}\">{title}</a></h3><p class=\"snippet\" lang=\"{lang}\">{}</p><p class=\"meta\">{}</p></li>",
        esc(&href),
        render(&h.snippet, &snippet_marks, &[]),
        meta.join(" · ")
    )
}

pub fn page(state: &AppState, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let mut query = search_query(p, PER_PAGE)?;
    query.limit = PER_PAGE;
    let title = if query.text.is_empty() {
        "Search".to_string()
    } else {
        format!("Search: {}", query.text)
    };
    let mut page = Page::new(&title)
        .section(Section::Search)
        .notice(catalog.notice())
        .query(&query.text);
    page.push("<h1>Search</h1>");
    page.push(&format!(
        "<form class=\"filters search-form\" action=\"/search\" method=\"get\" role=\"search\">\
<div class=\"field wide\"><label for=\"q\">Words or phrases</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" maxlength=\"500\"></div>\
<div class=\"field\"><label for=\"from\">From</label><input id=\"from\" name=\"from\" value=\"{}\" placeholder=\"YYYY-MM-DD\" size=\"10\"></div>\
<div class=\"field\"><label for=\"to\">To</label><input id=\"to\" name=\"to\" value=\"{}\" placeholder=\"YYYY-MM-DD\" size=\"10\"></div>\
<input type=\"hidden\" name=\"lang\" value=\"{}\"><input type=\"hidden\" name=\"script\" value=\"{}\"><input type=\"hidden\" name=\"kind\" value=\"{}\">\
<div class=\"field actions\"><button type=\"submit\">Search</button></div></form>\
<p class=\"hint\">Words, <code>\"phrases\"</code>, <code>OR</code>, <code>-word</code> to exclude. Chinese matches in either script: 會議 finds 会议.</p>",
        esc(&query.text),
        esc(query.from.as_deref().unwrap_or("")),
        esc(query.to.as_deref().unwrap_or("")),
        esc(query.lang.as_deref().unwrap_or("")),
        esc(query.script.as_deref().unwrap_or("")),
        esc(query.kind.as_deref().unwrap_or("")),
    ));
    let results = match run_search(state, &query) {
        Ok(r) => r,
        Err(e) if e.status == StatusCode::SERVICE_UNAVAILABLE => {
            page.push(&format!(
                "<p class=\"error\" role=\"status\">Search is not available: {}</p>",
                esc(&e.message)
            ));
            return Ok(page);
        }
        Err(e) => return Err(e.into()),
    };
    page.push(&format!(
        "<p class=\"count\" role=\"status\">{} matching document{}</p>",
        results.total,
        if results.total == 1 { "" } else { "s" }
    ));
    page.push(
        "<div class=\"search-layout\"><aside class=\"facets\" aria-label=\"Narrow the search\">",
    );
    page.push(&facet(
        &query,
        "lang",
        "Language",
        &results.facets.lang,
        query.lang.as_deref(),
    ));
    page.push(&facet(
        &query,
        "script",
        "Script",
        &results.facets.script,
        query.script.as_deref(),
    ));
    page.push(&facet(
        &query,
        "kind",
        "Kind",
        &results.facets.kind,
        query.kind.as_deref(),
    ));
    if !results.facets.year.is_empty() {
        page.push("<div class=\"facet\"><h3>Year</h3><ul>");
        for (y, n) in &results.facets.year {
            let mut q = query.clone();
            q.from = Some(y.clone());
            let href = with(&q, "to", Some(y));
            page.push(&format!(
                "<li><a href=\"{}\">{}</a> <span class=\"n\">{n}</span></li>",
                esc(&href),
                esc(y)
            ));
        }
        page.push("</ul></div>");
    }
    page.push("</aside><div class=\"results\">");
    if results.hits.is_empty() {
        page.push("<p>Nothing found.</p>");
    } else {
        page.push(&format!(
            "<ol class=\"hits\" start=\"{}\">",
            query.offset + 1
        ));
        for h in &results.hits {
            page.push(&hit_html(&catalog, h));
        }
        page.push("</ol>");
    }
    let mut nav = Vec::new();
    if query.offset > 0 {
        let prev = query.offset.saturating_sub(PER_PAGE);
        nav.push(format!(
            "<a href=\"{}\">Previous</a>",
            esc(&with(&query, "offset", Some(&prev.to_string())))
        ));
    }
    if query.offset + PER_PAGE < results.total {
        nav.push(format!(
            "<a href=\"{}\">Next</a>",
            esc(&with(
                &query,
                "offset",
                Some(&(query.offset + PER_PAGE).to_string())
            ))
        ));
    }
    if !nav.is_empty() {
        page.push(&format!(
            "<nav class=\"pages\" aria-label=\"Pages\">{}</nav>",
            nav.join(" ")
        ));
    }
    page.push("</div></div>");
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facet_links_keep_the_query_and_replace_one_filter() {
        let q = Query {
            text: "会议 \"a&b\"".into(),
            lang: Some("zh".into()),
            ..Query::default()
        };
        assert_eq!(
            with(&q, "lang", Some("en")),
            "/search?q=%E4%BC%9A%E8%AE%AE%20%22a%26b%22&lang=en"
        );
        assert_eq!(
            with(&q, "lang", None),
            "/search?q=%E4%BC%9A%E8%AE%AE%20%22a%26b%22"
        );
    }
}
