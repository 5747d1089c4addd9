//! `/formulations` and `/formulations/{text}`. The list: the most widespread first, a
//! page at a time. One formulation (asked in any script: 高質量發展 finds 高质量发展):
//! its spellings, its English renderings with how many aligned pairs gave each, a chart
//! of its mentions by year, and its mentions in date order (a page at a time), the first
//! appearance marked, each a keyword-in-context line leading to its passage.

use super::layout::pager;
use super::{Ctx, PageResult, Section};
use crate::dates;
use crate::error::Failure;
use crate::passage::kwic;
use crate::records::source_name;
use crate::view::{kind_label, lang_tag, query, text_lang, url};
use maud::{html, Markup};
use readout_store::{FormulationCursor, MentionCursor, MentionRow, Store, StoreError, UNDATED};
use std::collections::BTreeMap;

pub const PER_PAGE: usize = 100;
pub const MENTIONS: usize = 50;

/// A mention ready to show: its row, the passage around it, its date.
pub struct Mention {
    pub row: MentionRow,
    pub left: String,
    pub mid: String,
    pub right: String,
    pub date: Option<String>,
    pub first: bool,
}

/// The formulation `asked` names, in any script: its mainland simplified form.
pub fn resolve(asked: &str) -> String {
    readout_normalize::normalize(asked.trim()).text
}

/// A page of mentions with their passages.
pub fn mentions(
    s: &Store,
    text: &str,
    after: Option<&MentionCursor>,
    limit: usize,
) -> Result<(Vec<Mention>, usize, Option<String>), StoreError> {
    let first = s
        .formulation_mentions(text, None, 1)?
        .items
        .into_iter()
        .next()
        .map(|m| m.cursor());
    let page = s.formulation_mentions(text, after, limit)?;
    let mut out = Vec::with_capacity(page.items.len());
    for m in page.items {
        let para = s.paragraphs(&m.hit.doc_id, m.hit.headline, m.hit.para, 1)?;
        let (left, mid, right) = match para.first() {
            Some(p) => kwic(&p.text, m.hit.start, m.hit.end, 24),
            None => (String::new(), m.hit.spelling.clone(), String::new()),
        };
        let date = (m.key < UNDATED).then(|| dates::iso(m.key));
        out.push(Mention {
            first: first.as_ref() == Some(&m.cursor()),
            row: m,
            left,
            mid,
            right,
            date,
        });
    }
    Ok((out, page.total, page.next))
}

pub fn list(cx: &Ctx) -> PageResult {
    let p = cx.params;
    let min = p.number("min_events", 0, 0, 1_000_000)?;
    let after = match p.get("after") {
        None => None,
        Some(c) => Some(
            FormulationCursor::decode(c)
                .ok_or_else(|| Failure::bad_request("`after` is not a cursor this server gave"))?,
        ),
    };
    let page = cx.store(|s| s.formulation_page(min, after.as_ref(), PER_PAGE))?;
    let min_s = min.to_string();
    let body = html! {
        h1 { "Formulations" }
        p.count role="status" { (page.items.len()) " shown of " (page.total) " formulations, the most widespread first." }
        table.list.formulations-table {
            thead { tr { th scope="col" { "Formulation" } th scope="col" { "Events" } th scope="col" { "Mentions" } th scope="col" { "First" } th scope="col" { "Last" } th scope="col" { "Source" } } }
            tbody {
                @for f in &page.items {
                    tr {
                        td data-label="Formulation" { a href={ "/formulations/" (url(&f.text)) } lang="zh-Hans" { (f.text) } }
                        td data-label="Events" { (f.events) }
                        td data-label="Mentions" { (f.count) }
                        td data-label="First" { (f.first_day.map(dates::iso).unwrap_or_default()) }
                        td data-label="Last" { (f.last_day.map(dates::iso).unwrap_or_default()) }
                        td data-label="Source" { (source_name(&f.source)) }
                    }
                }
            }
        }
        (pager(None, page.next.map(|c| format!("/formulations{}", query(&[("min_events", (min > 0).then_some(min_s.as_str())), ("after", Some(&c))]))), "", "More formulations"))
    };
    Ok(cx.frame("Formulations", Section::Formulations).render(body))
}

/// Mentions by year, as an SVG bar chart drawn by the server, with a text equivalent.
pub fn year_chart(years: &BTreeMap<i32, usize>, label: &str) -> Markup {
    let (Some(&y0), Some(&y1)) = (years.keys().next(), years.keys().next_back()) else {
        return html! { p.muted { "No dated mentions to chart." } };
    };
    let span: Vec<i32> = (y0..=y1.min(y0 + 200)).collect();
    let max = years.values().copied().max().unwrap_or(1).max(1) as f32;
    let step = (560.0 / span.len() as f32).clamp(12.0, 64.0);
    let (left, top, plot) = (36.0f32, 12.0f32, 110.0f32);
    let width = left + step * span.len() as f32 + 8.0;
    let base = top + plot;
    html! {
        svg.chart viewBox={ "0 0 " (width as i32) " 150" } width=(width as i32) height="150" role="img" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg" {
            title #chart-title { (label) }
            line.axis x1=(left) y1=(base) x2=(width - 8.0) y2=(base) stroke="currentColor" {}
            text.tick x=(left - 4.0) y=(top + 4.0) text-anchor="end" fill="currentColor" { (max as usize) }
            @for (i, y) in span.iter().enumerate() {
                @let c = years.get(y).copied().unwrap_or(0);
                @let h = plot * c as f32 / max;
                @let x = left + step * i as f32;
                @if c > 0 {
                    rect.bar x=(x + step * 0.15) y=(base - h) width=(step * 0.7) height=(h) fill="currentColor" { title { (y) ": " (c) } }
                }
                @if span.len() <= 12 || i == 0 || i + 1 == span.len() || y % 5 == 0 {
                    text.tick x=(x + step * 0.1) y=(base + 16.0) fill="currentColor" { (y) }
                }
            }
        }
    }
}

pub fn show(cx: &Ctx, asked: &str) -> PageResult {
    let text = resolve(asked);
    let after = match cx.params.get("after") {
        None => None,
        Some(c) => Some(
            MentionCursor::decode(c)
                .ok_or_else(|| Failure::bad_request("`after` is not a cursor this server gave"))?,
        ),
    };
    let loaded = cx.store(|s| {
        let Some(row) = s.formulation_row(&text)? else {
            let near = s.formulations_like(&text, 5)?;
            return Ok(Err(near));
        };
        let (ms, total, next) = mentions(s, &text, after.as_ref(), MENTIONS)?;
        let keys = s.formulation_mention_keys(&text)?;
        let renderings = s.rendering_counts(&text, 20)?;
        let spellings = s.formulation_spellings(&text)?;
        Ok(Ok((row, ms, total, next, keys, renderings, spellings)))
    })?;
    let (row, ms, total, next, keys, renderings, spellings) = match loaded {
        Ok(x) => x,
        Err(near) => {
            let msg = if near.is_empty() {
                format!("No formulation {text} in the store; search finds any phrase.")
            } else {
                format!(
                    "No formulation {text} in the store; did you mean {}?",
                    near.join(", ")
                )
            };
            return Err(Failure::not_found(msg).into());
        }
    };
    let mut years: BTreeMap<i32, usize> = BTreeMap::new();
    let mut undated = 0;
    for k in keys {
        if k < UNDATED {
            *years
                .entry(readout_record::CivilDate::from_days(k).year)
                .or_default() += 1;
        } else {
            undated += 1;
        }
    }
    let base = format!("/formulations/{}", url(&text));
    let body = html! {
        header.formulation-head {
            p.crumbs { a href="/formulations" { "Formulations" } }
            h1 lang="zh-Hans" { (text) }
            @if asked.trim() != text { p.muted { "Asked as " span lang=(text_lang(asked)) { (asked) } "." } }
            p.subtitle {
                (row.count) " mentions in " (row.events) " events"
                @if let (Some(a), Some(b)) = (row.first_day, row.last_day) { ", " (dates::iso(a)) " to " (dates::iso(b)) }
                " · " (source_name(&row.source))
            }
            @if !spellings.is_empty() {
                p { "Written as " @for (i, sp) in spellings.iter().enumerate() { @if i > 0 { " · " } span lang=(text_lang(sp)) { (sp) } } }
            }
        }
        figure.chart {
            (year_chart(&years, &format!("Mentions of {text} by year")))
            figcaption { "Mentions by year (by the event's date, else the publication date)" @if undated > 0 { "; " (undated) " undated" } "." }
        }
        section aria-labelledby="renderings" {
            h2 #renderings { "English renderings" }
            @if renderings.is_empty() { p.muted { "No aligned translation renders it yet." } }
            @else {
                ul.renderings {
                    @for (t, n) in &renderings { li lang="en" { (t) } span.n { (n) " " (if *n == 1 { "pair" } else { "pairs" }) } }
                }
            }
        }
        section aria-labelledby="mentions" {
            h2 #mentions { "Mentions, by date" }
            p.count { (total) " mentions · download " a download href={ (base) "/history.csv" } { "CSV" } " " a download href={ (base) "/history.json" } { "JSON" } }
            ol.kwic {
                @for m in &ms {
                    (mention_line(m))
                }
            }
            (pager(None, next.map(|c| format!("{base}?after={}#mentions", url(&c))), "", "Later mentions"))
        }
    };
    Ok(cx.frame(&text, Section::Formulations).render(body))
}

fn mention_line(m: &Mention) -> Markup {
    let h = &m.row.hit;
    let href = format!(
        "/docs/{}?hl={}{}:{}-{}#{}{}",
        url(&h.doc_id),
        if h.headline { "h" } else { "" },
        h.para,
        h.start,
        h.end,
        if h.headline { "h" } else { "p" },
        h.para
    );
    let lang = lang_tag(m.row.lang, m.row.script);
    html! {
        li class={ "mention" @if m.first { " first" } } {
            span.when {
                @match &m.date { Some(d) => time datetime=(d) { (d) }, None => span.muted { "undated" } }
                @if m.first { " " strong.first-mark { "first appearance" } }
            }
            a.kwic-line href=(href) lang=(lang) { (m.left) mark.kw { (m.mid) } (m.right) }
            span.source {
                @if let Some(o) = &m.row.source { span lang=(text_lang(o)) { (o) } " · " }
                span lang=(lang) { (crate::view::cut(m.row.title.as_deref().unwrap_or(&h.doc_id), 60)) }
                @if let Some(k) = &m.row.event_kind { " · " (kind_label(k)) }
            }
        }
    }
}
