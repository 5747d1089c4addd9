//! `/search`: one search box; hits by relevance or by date, each with its date, outlet
//! and event; facets; CSV and JSON downloads of the results.

use super::layout::{event_ref, event_rows, pager};
use super::{Ctx, PageResult, Section};
use crate::api::{run_search, search_query};
use crate::passage::{render, Mark};
use crate::view::{kind_label, text_lang, url};
use axum::http::StatusCode;
use maud::{html, Markup};
use readout_search::{Hit, Query, Sort};
use readout_store::{DocSummary, EventListRow};
use std::collections::BTreeMap;

pub const PER_PAGE: usize = 20;

/// The query string of `q` with `key` set to `value` (None removes it); paging reset.
pub fn with(q: &Query, key: &str, value: Option<&str>) -> String {
    let sort = match q.sort {
        Sort::Relevance => None,
        Sort::Newest => Some("newest"),
        Sort::Oldest => Some("oldest"),
    };
    let mut pairs: Vec<(&str, Option<&str>)> = vec![
        ("q", Some(q.text.as_str())),
        ("lang", q.lang.as_deref()),
        ("script", q.script.as_deref()),
        ("kind", q.kind.as_deref()),
        ("from", q.from.as_deref()),
        ("to", q.to.as_deref()),
        ("sort", sort),
    ];
    for p in pairs.iter_mut() {
        if p.0 == key {
            p.1 = value;
        }
    }
    if !pairs.iter().any(|p| p.0 == key) {
        pairs.push((key, value));
    }
    format!("/search{}", crate::view::query(&pairs))
}

/// The paragraph and characters within it of body characters `start..end`.
fn locate(paras: &[usize], start: usize, end: usize) -> Option<(usize, usize, usize)> {
    let mut at = 0;
    for (i, len) in paras.iter().enumerate() {
        if start < at + len {
            return Some((i, start - at, (end - at).min(*len)));
        }
        at += len + 1;
    }
    None
}

fn facet(
    q: &Query,
    key: &str,
    label: &str,
    counts: &BTreeMap<String, usize>,
    current: Option<&str>,
) -> Markup {
    html! {
        @if !counts.is_empty() {
            div.facet {
                h3 { (label) }
                ul {
                    @if current.is_some() { li { a href=(with(q, key, None)) { "any" } } }
                    @for (value, n) in counts {
                        @let shown = if key == "kind" { kind_label(value) } else { value.clone() };
                        li {
                            @if current == Some(value.as_str()) { strong aria-current="true" { (shown) } }
                            @else { a href=(with(q, key, Some(value))) { (shown) } }
                            " " span.n { (n) }
                        }
                    }
                }
            }
        }
    }
}

fn hit(h: &Hit, d: Option<&DocSummary>, event: Option<&EventListRow>, lengths: &[usize]) -> Markup {
    let lang = d
        .map(|d| crate::view::lang_tag(d.lang, d.script))
        .unwrap_or("und");
    let href = match h
        .highlights
        .first()
        .and_then(|[s, e]| locate(lengths, *s, *e))
    {
        Some((para, s, e)) => format!("/docs/{}?hl={para}:{s}-{e}#p{para}", url(&h.doc)),
        None => format!("/docs/{}", url(&h.doc)),
    };
    let title_marks: Vec<Mark> = h
        .title_highlights
        .iter()
        .map(|[s, e]| Mark::new(*s, *e, "hit"))
        .collect();
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
    let date = d
        .and_then(|d| crate::dates::published(d.published.as_deref()))
        .or_else(|| h.date.clone());
    html! {
        li.hit {
            h3 { a href=(href) lang=(lang) {
                @match &h.title { Some(t) => (render(t, &title_marks, &[])), None => (h.doc) }
            } }
            p.meta {
                @match &date { Some(d) => time datetime=(d) { (d) }, None => span { "undated" } }
                @if let Some(o) = d.and_then(|d| d.source.as_deref()) { " · " span lang=(text_lang(o)) { (o) } }
                " · " (h.lang) " · " (h.script) " · " (kind_label(&h.kind))
                @if let Some(e) = event { " · event: " (event_ref(e)) }
            }
            p.snippet lang=(lang) { (render(&h.snippet, &snippet_marks, &[])) }
        }
    }
}

pub fn page(cx: &Ctx) -> PageResult {
    let mut query = search_query(cx.params, PER_PAGE)?;
    query.limit = PER_PAGE;
    let title = if query.text.is_empty() {
        "Search".to_string()
    } else {
        format!("Search: {}", query.text)
    };
    let sort = query.sort;
    let form = html! {
        h1 { "Search" }
        form.filters.search-form action="/search" method="get" role="search" {
            div.field.wide { label for="q" { "Words or phrases" } input #q name="q" type="search" value=(query.text) maxlength="500"; }
            div.field { label for="from" { "From" } input #from name="from" value=[query.from.as_deref()] placeholder="YYYY-MM-DD" size="10"; }
            div.field { label for="to" { "To" } input #to name="to" value=[query.to.as_deref()] placeholder="YYYY-MM-DD" size="10"; }
            div.field {
                label for="sort" { "Order" }
                select #sort name="sort" {
                    option value="relevance" selected[sort == Sort::Relevance] { "most relevant" }
                    option value="newest" selected[sort == Sort::Newest] { "newest first" }
                    option value="oldest" selected[sort == Sort::Oldest] { "oldest first" }
                }
            }
            @for (k, v) in [("lang", &query.lang), ("script", &query.script), ("kind", &query.kind)] {
                @if let Some(v) = v { input type="hidden" name=(k) value=(v); }
            }
            div.field.actions { button type="submit" { "Search" } }
        }
        p.hint { "Words, " code { "\"phrases\"" } ", " code { "OR" } ", " code { "-word" } " to exclude. Chinese matches in either script: 會議 finds 会议." }
    };
    let results = match run_search(cx.state, &query) {
        Ok(r) => r,
        Err(e) if e.status == StatusCode::SERVICE_UNAVAILABLE => {
            let body =
                html! { (form) p.error role="status" { "Search is not available: " (e.message) } };
            return Ok(cx.frame(&title, Section::Search).render(body));
        }
        Err(e) => return Err(e.into()),
    };
    let ids: Vec<String> = results.hits.iter().map(|h| h.doc.clone()).collect();
    let (docs, events, lengths) = cx.store(|s| {
        let docs = s.doc_summaries(&ids)?;
        let events = event_rows(s, results.hits.iter().filter_map(|h| h.event.as_deref()))?;
        let mut lengths = Vec::new();
        for h in &results.hits {
            // Paragraph lengths up to the first highlight, to find its paragraph.
            let want = h.highlights.first().map_or(0, |[s, _]| *s);
            let mut lens = Vec::new();
            let mut at = 0;
            let mut from = 0;
            'outer: loop {
                let ps = s.paragraphs(&h.doc, false, from, 50)?;
                if ps.is_empty() {
                    break;
                }
                for p in &ps {
                    let n = p.text.chars().count();
                    lens.push(n);
                    at += n + 1;
                    if at > want {
                        break 'outer;
                    }
                }
                from += ps.len();
            }
            lengths.push(lens);
        }
        Ok((docs, events, lengths))
    })?;
    let export = with(&query, "offset", None).replacen("/search", "", 1);
    let prev = (query.offset > 0).then(|| {
        with(
            &query,
            "offset",
            Some(&query.offset.saturating_sub(PER_PAGE).to_string()),
        )
    });
    let next = (query.offset + PER_PAGE < results.total).then(|| {
        with(
            &query,
            "offset",
            Some(&(query.offset + PER_PAGE).to_string()),
        )
    });
    let body = html! {
        (form)
        p.count role="status" {
            (results.total) " matching document" @if results.total != 1 { "s" }
            " · download " a download href={ "/search.csv" (export) } { "CSV" } " " a download href={ "/search.json" (export) } { "JSON" }
        }
        div.search-layout {
            aside.facets aria-label="Narrow the search" {
                (facet(&query, "lang", "Language", &results.facets.lang, query.lang.as_deref()))
                (facet(&query, "script", "Script", &results.facets.script, query.script.as_deref()))
                (facet(&query, "kind", "Kind", &results.facets.kind, query.kind.as_deref()))
                @if !results.facets.year.is_empty() {
                    div.facet { h3 { "Year" } ul { @for (y, n) in &results.facets.year {
                        @let q = Query { from: Some(y.clone()), ..query.clone() };
                        li { a href=(with(&q, "to", Some(y))) { (y) } " " span.n { (n) } }
                    } } }
                }
            }
            div.results {
                @if results.hits.is_empty() { p { "Nothing found." } }
                @else {
                    ol.hits start=(query.offset + 1) {
                        @for (k, h) in results.hits.iter().enumerate() {
                            (hit(h, docs.iter().find(|d| d.id == h.doc), h.event.as_ref().and_then(|e| events.get(e)), &lengths[k]))
                        }
                    }
                }
                (pager(prev, next, "Previous", "Next"))
            }
        }
    };
    let mut frame = cx.frame(&title, Section::Search);
    frame.query = query.text.clone();
    Ok(frame.render(body))
}
