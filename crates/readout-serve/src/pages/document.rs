//! `/docs` and `/docs/{id}`. The list: documents in ingest order, a page at a time,
//! each with its date and outlet. One document: its text first (a page of paragraphs
//! at a time), the passage a link asked for highlighted (`?hl=PARA:START-END`, `h`
//! before PARA for a headline), its event by label, the cite block, and the provenance
//! folded; on demand (`?show=removals`) the noise the cleaner removed and the breaks the
//! layout stage repaired, each shown where it was.

use super::event::paragraph;
use super::layout::{
    cite_block, doc_link, doc_link_or_opening, event_ref, event_rows, pager, source_link,
};
use super::{doc_lang, view_toggle, Ctx, PageResult, Section, View};
use crate::cite::Cite;
use crate::dates;
use crate::error::Failure;
use crate::passage::{render, Insert, Mark};
use crate::view::{code, kind_label, lang_label, percent, query, text_lang, url};
use maud::{html, Markup};
use readout_store::{DocCursor, DocListQuery, ParagraphRecord, ReadingRecord};
use readout_text::{Lang, RemovalKind, RepairKind, Script};

/// Documents per page of the list; paragraphs per page of a document.
pub const PER_PAGE: usize = 100;
pub const PARAGRAPHS: usize = 200;

/// A highlight request: paragraph (or headline) and characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Highlight {
    pub headline: bool,
    pub para: usize,
    pub start: usize,
    pub end: usize,
}

/// Parses `3:7-13` or `h0:2-5`.
pub fn parse_highlight(s: &str) -> Option<Highlight> {
    let (headline, rest) = match s.strip_prefix('h') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let (para, range) = rest.split_once(':')?;
    let (start, end) = range.split_once('-')?;
    let num = |x: &str| -> Option<usize> {
        (!x.is_empty() && x.len() <= 9 && x.bytes().all(|b| b.is_ascii_digit()))
            .then(|| x.parse().ok())
            .flatten()
    };
    let (para, start, end) = (num(para)?, num(start)?, num(end)?);
    (start <= end).then_some(Highlight {
        headline,
        para,
        start,
        end,
    })
}

pub fn list(cx: &Ctx) -> PageResult {
    let p = cx.params;
    let cur = |k: &str| -> Result<Option<DocCursor>, Failure> {
        match p.get(k) {
            None => Ok(None),
            Some(c) => DocCursor::decode(c).map(Some).ok_or_else(|| {
                Failure::bad_request(format!("`{k}` is not a cursor this server gave"))
            }),
        }
    };
    let (after, backward) = match (cur("after")?, cur("before")?) {
        (Some(a), _) => (Some(a), false),
        (None, Some(b)) => (Some(b), true),
        _ => (None, false),
    };
    let q = DocListQuery {
        lang: None,
        kind: None,
        after,
        backward,
        limit: PER_PAGE,
    };
    let (page, events, openings) = cx.store(|s| {
        let page = s.doc_page(&q)?;
        let events = event_rows(s, page.items.iter().filter_map(|d| d.link.event.as_deref()))?;
        // The untitled ones are named by their first paragraph.
        let mut openings = std::collections::BTreeMap::new();
        for d in page.items.iter().filter(|d| d.title.is_none()) {
            if let Some(p) = s.paragraphs(&d.id, false, 0, 1)?.into_iter().next() {
                openings.insert(d.id.clone(), p.text);
            }
        }
        Ok((page, events, openings))
    })?;
    let body = html! {
        h1 { "Documents" }
        p.count role="status" { (page.items.len()) " shown of " (page.total) " documents, in the order their files were ingested." }
        table.list.docs-table {
            thead { tr { th scope="col" { "Title" } th scope="col" { "Date" } th scope="col" { "Outlet" } th scope="col" { "Language" } th scope="col" { "Kind" } th scope="col" { "Event" } } }
            tbody {
                @for d in &page.items {
                    tr {
                        td data-label="Title" { (doc_link_or_opening(&d.id, d.title.as_deref(), openings.get(&d.id).map(String::as_str), doc_lang(d))) }
                        td data-label="Date" { (dates::published(d.published.as_deref()).unwrap_or_default()) }
                        td data-label="Outlet" { @if let Some(o) = &d.source { span lang=(text_lang(o)) { (o) } } }
                        td data-label="Language" { (lang_label(d.lang, d.script)) }
                        td data-label="Kind" { (kind_label(&code(&d.kind))) }
                        td data-label="Event" {
                            @match &d.link.event {
                                Some(e) => {
                                    @match events.get(e) {
                                        Some(row) => (event_ref(row)),
                                        None => a href={ "/events/" (url(e)) } { "the event" },
                                    }
                                    @if let Some(role) = &d.link.role { " (" (role) ")" }
                                },
                                None => span.muted { "none" },
                            }
                        }
                    }
                }
            }
        }
        (pager(page.prev.map(|c| format!("/docs?before={c}")), page.next.map(|c| format!("/docs?after={c}")), "Previous", "Next"))
    };
    Ok(cx.frame("Documents", Section::Documents).render(body))
}

/// Visible form of removed or dropped text.
fn visible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\n' => out.push('↵'),
            '\r' => out.push('␍'),
            '\t' => out.push('⇥'),
            c if c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}') =>
            {
                out.push_str(&format!("[U+{:04X}]", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn removal_label(k: RemovalKind) -> &'static str {
    match k {
        RemovalKind::Emoji => "emoji removed",
        RemovalKind::ForeignSymbol => "foreign symbol removed",
        RemovalKind::Invisible => "invisible character removed",
    }
}

fn repair_label(k: RepairKind) -> &'static str {
    match k {
        RepairKind::JoinedBreak => "line break inside a sentence joined",
        RepairKind::JoinedHyphen => "hyphenated line end joined",
        RepairKind::SplitGlued => "glued metadata line split off",
        RepairKind::JoinedWrap => "hard-wrapped line joined",
        RepairKind::FoldedSpace => "run of white space folded",
    }
}

fn position(p: &ParagraphRecord, o: usize) -> Option<usize> {
    let piece = p
        .pieces
        .iter()
        .find(|pc| pc.src.start <= o && o <= pc.src.end)?;
    let mut b = (piece.at + (o - piece.src.start)).min(p.text.len());
    while b > 0 && !p.text.is_char_boundary(b) {
        b -= 1;
    }
    Some(p.text[..b].chars().count())
}

fn inserts(p: &ParagraphRecord, reading: &ReadingRecord) -> Vec<Insert> {
    let span = &p.span;
    let mut out = Vec::new();
    for r in &reading.removals {
        if r.offset < span.start || r.offset > span.end {
            continue;
        }
        if let Some(at) = position(p, r.offset) {
            out.push(Insert {
                at,
                markup: html! { del.removed title=(removal_label(r.kind)) { (visible(&r.text)) } },
            });
        }
    }
    for r in &reading.repairs {
        if r.src.start < span.start || r.src.end > span.end {
            continue;
        }
        let dropped = reading.cleaned.get(r.src.clone()).unwrap_or("");
        if let Some(at) = position(p, r.src.start) {
            out.push(Insert {
                at,
                markup: html! { span.repair title=(repair_label(r.kind)) { (visible(dropped)) } },
            });
        }
    }
    out
}

pub fn show(cx: &Ctx, id: &str) -> PageResult {
    let p = cx.params;
    let view = View::from(p)?;
    let show_removals = p.choice("show", &["removals"])?.is_some();
    let from = p.number("from", 0, 0, 100_000_000)?;
    let cite_para = p.number("cite", usize::MAX, 0, 100_000_000)?;
    let mut highlights = Vec::new();
    for h in p.all("hl") {
        highlights.push(parse_highlight(h).ok_or_else(|| {
            Failure::bad_request(format!(
                "`hl` must look like PARA:START-END (h before PARA for a headline), not `{h}`"
            ))
        })?);
    }
    // A highlight further down opens the page of paragraphs that holds it.
    let from = match highlights.iter().find(|h| !h.headline) {
        Some(h) if p.get("from").is_none() => h.para / PARAGRAPHS * PARAGRAPHS,
        _ => from,
    };
    let loaded = cx.store(|s| {
        let Some(d) = s.doc_summary(id)? else {
            return Ok(None);
        };
        let heads = s.paragraphs(id, true, 0, 50)?;
        let body = s.paragraphs(id, false, from, PARAGRAPHS)?;
        let reading = if show_removals {
            s.get_reading(&d.sha256)?
        } else {
            None
        };
        let event = match &d.link.event {
            Some(e) => s.event_list_row(e)?,
            None => None,
        };
        let translated = match &d.link.translation_of {
            Some(t) => s.doc_summary(t)?,
            None => None,
        };
        let (diag, encoding, reader) = match s.get_reading(&d.sha256)? {
            Some(r) if !show_removals => (
                r.diagnostics.clone(),
                r.encoding.clone(),
                r.reader_version.clone(),
            ),
            _ => (Vec::new(), String::new(), String::new()),
        };
        Ok(Some((
            d, heads, body, reading, event, translated, diag, encoding, reader,
        )))
    })?;
    let Some((d, heads, body, reading, event, translated, diagnostics, mut encoding, mut reader)) =
        loaded
    else {
        return Err(Failure::not_found(format!("There is no document {id} in the store.")).into());
    };
    if let Some(r) = &reading {
        encoding = r.encoding.clone();
        reader = r.reader_version.clone();
    }
    let lang = doc_lang(&d);
    let title = d.title.clone().unwrap_or_else(|| format!("Document {id}"));
    let marks_for = |headline: bool, i: usize| -> Vec<Mark> {
        highlights
            .iter()
            .filter(|h| h.headline == headline && h.para == i)
            .map(|h| Mark::new(h.start, h.end, "hl").titled("the passage linked to"))
            .collect()
    };
    let base = format!("/docs/{}", url(id));
    let keep: Vec<(&str, Option<&str>)> =
        p.all("hl").into_iter().map(|h| ("hl", Some(h))).collect();
    let with = |extra: &[(&str, Option<&str>)]| {
        let mut q = keep.clone();
        q.extend_from_slice(extra);
        format!("{base}{}", query(&q))
    };
    let chinese =
        d.lang == Lang::Zh || matches!(d.script, Script::Hans | Script::Hant | Script::Mixed);
    let cite = Cite {
        id: d.id.clone(),
        title: d.title.clone(),
        outlet: d.source.clone(),
        date: dates::published(d.published.as_deref()),
        url: d.url.clone(),
        permalink: cx.absolute(&if cite_para == usize::MAX {
            base.clone()
        } else {
            format!("{base}#p{cite_para}")
        }),
        lang: lang.to_string(),
        page: d.page.clone(),
    };
    let next_from =
        (from + body.len() < d.paragraphs).then(|| format!("{base}?from={}", from + PARAGRAPHS));
    let prev_from = (from > 0).then(|| format!("{base}?from={}", from.saturating_sub(PARAGRAPHS)));
    let markup = html! {
        p.crumbs { a href="/docs" { "Documents" } }
        h1 lang=(lang) { (title) }
        p.subtitle {
            @if let Some(o) = &d.source { span lang=(text_lang(o)) { (o) } " · " }
            (dates::published(d.published.as_deref()).unwrap_or_else(|| "date not stated".into()))
            " · " (lang_label(d.lang, d.script))
            " " (source_link(d.url.as_deref(), "original page ↗"))
        }
        @match (&d.link.event, &event) {
            (Some(e), Some(row)) => p.note {
                "Reports the event "
                a href={ "/events/" (url(e)) } lang=[Some(crate::view::lang_tag(row.lang, row.script))] { (row.event.title.as_deref().unwrap_or(e)) }
                @if let Some(r) = &d.link.role { ", as its " strong { (r) } }
                @if let Some(t) = &translated { ", translating " (doc_link(&t.id, t.title.as_deref(), doc_lang(t))) }
                @if let Some(c) = d.link.coverage { " (" (percent(c)) " of its sentences rendered)" }
                "."
            },
            _ => p.note { "This document belongs to no event (a fragment, a digest, or text too short to tell)." },
        }
        section aria-labelledby="text" {
            h2 #text.visually-hidden { "Text" }
            div.controls {
                @if chinese { (view_toggle(&with(if show_removals { &[("show", Some("removals"))] } else { &[] }), view)) }
                @if view == View::Original {
                    @if show_removals { a.button href=(with(&[])) { "Hide removed noise and repairs" } }
                    @else { a.button href=(with(&[("show", Some("removals"))])) { "Show removed noise and repairs in place" } }
                }
            }
            @if show_removals && view == View::Original {
                p.legend { del.removed { "removed" } " noise the cleaner took out · " span.repair { "↵" } " a break the layout stage repaired" }
            }
            @if !heads.is_empty() && from == 0 {
                div.headlines {
                    @for (i, h) in heads.iter().enumerate() {
                        @match (&reading, show_removals) {
                            (Some(r), true) => p id={ "h" (i) } class="headline" lang=(lang) { (render(&h.text, &marks_for(true, i), &inserts(h, r))) },
                            _ => (paragraph(h, &marks_for(true, i), view, &format!("h{i}"), "headline", None)),
                        }
                    }
                }
            }
            @if from > 0 { p.more { "Paragraphs " (from + 1) "–" (from + body.len()) " of " (d.paragraphs) "." } }
            div.body {
                @for (k, b) in body.iter().enumerate() {
                    @let i = from + k;
                    @match (&reading, show_removals) {
                        (Some(r), true) => p id={ "p" (i) } class="para" lang=(crate::view::lang_tag(b.lang, b.script)) { (render(&b.text, &marks_for(false, i), &inserts(b, r))) },
                        _ => (paragraph(b, &marks_for(false, i), view, &format!("p{i}"), "para", Some(format!("{base}?cite={i}#cite")))),
                    }
                }
            }
            (pager(prev_from, next_from, "Earlier paragraphs", "More paragraphs"))
        }
        (cite_block(&cite, &format!("{base}/cite.json")))
        details.provenance {
            summary { "Provenance" }
            dl.facts {
                dt { "Id" } dd { code { (d.id) } }
                dt { "File" } dd { code { (d.file) } }
                dt { "SHA-256" } dd { code.hash { (d.sha256) } }
                dt { "Position" } dd { "document " (d.ordinal + 1) " of its file" }
                @if !encoding.is_empty() { dt { "Encoding" } dd { (encoding) } }
                @if !reader.is_empty() { dt { "Reader" } dd { (reader) } }
                dt { "Kind" } dd { (code(&d.kind)) }
                dt { "Language" } dd { (code(&d.lang)) " · " (code(&d.script)) }
                @if let Some(v) = &d.published { dt { "Published" } dd { (v) @if let Some(f) = &d.published_from { " (read from the " (f) ")" } } }
                @if let Some(v) = &d.source { dt { "Source" } dd { (v) } }
                @if let Some(v) = &d.author { dt { "Author" } dd { (v) } }
                @if let Some(v) = &d.editor { dt { "Editor" } dd { (v) } }
                @if let Some(v) = &d.dateline { dt { "Dateline" } dd lang=(lang) { (v) } }
                dt { "Removed" } dd { (d.removed) " code points of noise (emoji, symbols, invisibles)" }
                @for n in &diagnostics { dt { "Note" } dd { (n) } }
            }
        }
    };
    let _: Option<Markup> = None;
    Ok(cx.frame(&title, Section::Documents).render(markup))
}
