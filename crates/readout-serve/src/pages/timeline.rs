//! `/`: the timeline. Events in date order (the full date, else the original's
//! publication date; undated last), a page at a time, grouped by year, with a
//! date-range filter, year navigation and a kind filter. Each row shows the date and
//! where it comes from, the kind, the title, the outlet, the versions, and a link to
//! compare the event with the previous one of its kind.

use super::layout::{date_cell, pager};
use super::{Ctx, PageResult, Section};
use crate::dates::{self, Shown};
use crate::error::Failure;
use crate::records;
use crate::view::{kind_label, lang_tag, percent, query, url};
use maud::{html, Markup};
use readout_store::{DocSummary, EventCursor, EventListQuery, EventListRow, Store, StoreError};

/// Events per page.
pub const PER_PAGE: usize = 50;

/// The filters of the timeline (and of the events API and export).
#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filters {
    pub fn read(p: &crate::params::Params) -> Result<Filters, Failure> {
        let kind = match p.get("kind") {
            Some(k) if k.len() <= 60 && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => {
                Some(k.to_string())
            }
            Some(k) => {
                return Err(Failure::bad_request(format!(
                    "`kind` must be an event kind like politburo_meeting, not `{k}`"
                )))
            }
            None => None,
        };
        let (mut from, mut to) = (p.date("from")?, p.date("to")?);
        if let Some(y) = p.get("year") {
            if y.len() != 4 || y.parse::<i32>().is_err() {
                return Err(Failure::bad_request(format!(
                    "`year` must be a year like 2023, not `{y}`"
                )));
            }
            from = Some(y.to_string());
            to = Some(y.to_string());
        }
        Ok(Filters { kind, from, to })
    }

    pub fn query(
        &self,
        after: Option<EventCursor>,
        backward: bool,
        limit: usize,
    ) -> EventListQuery {
        EventListQuery {
            kind: self.kind.clone(),
            from_day: self.from.as_deref().and_then(|f| dates::bound(f, false)),
            to_day: self.to.as_deref().and_then(|t| dates::bound(t, true)),
            after,
            backward,
            limit,
        }
    }

    pub fn pairs(&self) -> Vec<(&'static str, Option<&str>)> {
        vec![
            ("kind", self.kind.as_deref()),
            ("from", self.from.as_deref()),
            ("to", self.to.as_deref()),
        ]
    }
}

/// The cursor parameter `key`, checked.
pub fn cursor(p: &crate::params::Params, key: &str) -> Result<Option<EventCursor>, Failure> {
    match p.get(key) {
        None => Ok(None),
        Some(c) => EventCursor::decode(c).map(Some).ok_or_else(|| {
            Failure::bad_request(format!("`{key}` is not a cursor this server gave"))
        }),
    }
}

/// An event of a list, ready to show.
pub struct Item {
    pub row: EventListRow,
    pub event: crate::records::EventHead,
    pub date: Shown,
    pub versions: Vec<DocSummary>,
}

impl Item {
    pub fn lang(&self) -> &'static str {
        lang_tag(self.row.lang, self.row.script)
    }

    pub fn title(&self) -> &str {
        self.row
            .event
            .title
            .as_deref()
            .unwrap_or(&self.row.event.id)
    }
}

/// The list rows read back, with their versions.
pub fn items(store: &Store, rows: Vec<EventListRow>) -> Result<Vec<Item>, Failure> {
    let ids: Vec<String> = rows.iter().map(|r| r.event.id.clone()).collect();
    let mut versions = store.versions_of(&ids)?;
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        let event = records::event_head(&row.event)?;
        // The payload is read; a list carries only the head.
        row.event.payload = String::new();
        let date = dates::event_date(event.date.as_ref(), row.sort_key);
        let mine: Vec<DocSummary> = versions
            .iter()
            .filter(|(e, _)| *e == row.event.id)
            .map(|(_, d)| d.clone())
            .collect();
        versions.retain(|(e, _)| *e != row.event.id);
        out.push(Item {
            row,
            event,
            date,
            versions: mine,
        });
    }
    Ok(out)
}

/// One event as a timeline entry.
pub fn entry(it: &Item) -> Markup {
    let e = &it.event;
    let kind = crate::view::code(&e.kind);
    html! {
        li.event {
            div.when { (date_cell(&it.date, it.lang())) }
            div.what {
                p.kind { (kind_label(&kind)) }
                h3 { a href={ "/events/" (url(&e.id)) } lang=(it.lang()) { (it.title()) } }
                p.facts-line {
                    @if let Some(o) = &it.row.source { span.outlet lang=(crate::view::text_lang(o)) { (o) } }
                    @if let Some(c) = &e.chair { " · chaired by " span lang="zh-Hans" { (c) } }
                    @if let Some(c) = &e.sender { " · from " span lang="zh-Hans" { (c) } }
                    @if let Some(p) = &e.place { " · in " span lang="zh-Hans" { (p) } }
                }
                ul.versions aria-label="Versions" {
                    @for d in &it.versions {
                        li {
                            a.badge href={ "/docs/" (url(&d.id)) } title=(d.title.as_deref().unwrap_or(&d.id)) {
                                (lang_tag(d.lang, d.script)) " " (d.link.role.as_deref().unwrap_or(""))
                                @if let Some(c) = d.link.coverage { " " (percent(c)) }
                            }
                        }
                    }
                    li { a.badge.compare-link href={ "/compare?b=" (url(&e.id)) "&a=previous" } { "what changed" } }
                }
            }
        }
    }
}

pub fn page(cx: &Ctx) -> PageResult {
    let p = cx.params;
    let f = Filters::read(p)?;
    let (after, backward) = match (cursor(p, "after")?, cursor(p, "before")?) {
        (Some(a), _) => (Some(a), false),
        (None, Some(b)) => (Some(b), true),
        (None, None) => (None, false),
    };
    let q = f.query(after, backward, PER_PAGE);
    let (page, kinds, years, all) = cx.store(|s| {
        let page = s.event_page(&q)?;
        let kinds = s.event_kinds()?;
        let years = years(s, f.kind.as_deref())?;
        let all = s.count_event_page(&EventListQuery::default())?;
        Ok((page, kinds, years, all))
    })?;
    let items = cx.store(|s| Ok(items(s, page.items.clone())))??;
    let here = |key: &str, c: &str| {
        let mut pairs = f.pairs();
        pairs.push((if key == "after" { "after" } else { "before" }, Some(c)));
        format!("/{}", query(&pairs))
    };
    let prev = page.prev.as_deref().map(|c| here("before", c));
    let next = page.next.as_deref().map(|c| here("after", c));
    let export = query(&f.pairs());
    let selected_year = p.get("year");
    let body = html! {
        h1 { "Timeline of events" }
        form.filters action="/" method="get" aria-label="Filter events" {
            div.field {
                label for="kind" { "Kind" }
                select #kind name="kind" {
                    option value="" { "any" }
                    @for k in &kinds {
                        option value=(k) selected[f.kind.as_deref() == Some(k.as_str())] { (kind_label(k)) }
                    }
                }
            }
            div.field {
                label for="from" { "From" }
                input #from name="from" type="text" inputmode="numeric" placeholder="YYYY-MM-DD" size="10" value=[f.from.as_deref().filter(|_| selected_year.is_none())];
            }
            div.field {
                label for="to" { "To" }
                input #to name="to" type="text" inputmode="numeric" placeholder="YYYY-MM-DD" size="10" value=[f.to.as_deref().filter(|_| selected_year.is_none())];
            }
            div.field.actions { button type="submit" { "Filter" } " " a href="/" { "Clear" } }
        }
        @if !years.is_empty() {
            nav.years aria-label="Years" {
                ul {
                    @for (y, n) in &years {
                        @let y = y.to_string();
                        li {
                            a href={ "/" (query(&[("kind", f.kind.as_deref()), ("year", Some(&y))])) }
                              aria-current=[(selected_year == Some(y.as_str())).then_some("true")] {
                                (y) " " span.n { (n) }
                            }
                        }
                    }
                }
            }
        }
        p.count role="status" {
            (page.items.len()) " shown of " (page.total) " events"
            @if page.total != all { " (" (all) " in all)" }
            " · download " a href={ "/events.csv" (export) } { "CSV" } " " a href={ "/events.json" (export) } { "JSON" }
        }
        @if items.is_empty() { p { "No event matches these filters." } }
        @for (year, group) in &groups(&items) {
            section.year {
                h2 { (year) }
                ol.timeline { @for it in group { (entry(it)) } }
            }
        }
        (pager(prev, next, "Earlier", "Later"))
    };
    Ok(cx.frame("Timeline", Section::Timeline).render(body))
}

/// Items grouped by the year they are placed in, in order.
fn groups(items: &[Item]) -> Vec<(String, Vec<&Item>)> {
    let mut out: Vec<(String, Vec<&Item>)> = Vec::new();
    for it in items {
        let y = it
            .date
            .year()
            .map_or_else(|| "Date unknown".to_string(), |y| y.to_string());
        match out.last_mut() {
            Some((last, g)) if *last == y => g.push(it),
            _ => out.push((y, vec![it])),
        }
    }
    out
}

/// Every year from the first placed event to the last, with how many events it has.
pub fn years(s: &Store, kind: Option<&str>) -> Result<Vec<(i32, usize)>, StoreError> {
    let Some((lo, hi)) = s.event_key_range(kind)? else {
        return Ok(Vec::new());
    };
    let (y0, y1) = (
        readout_record::CivilDate::from_days(lo).year,
        readout_record::CivilDate::from_days(hi).year,
    );
    let mut out = Vec::new();
    for y in y0..=y1.min(y0 + 100) {
        let q = EventListQuery {
            kind: kind.map(str::to_string),
            from_day: dates::bound(&y.to_string(), false),
            to_day: dates::bound(&y.to_string(), true),
            ..EventListQuery::default()
        };
        let n = s.count_event_page(&q)?;
        if n > 0 {
            out.push((y, n));
        }
    }
    Ok(out)
}
