//! `/compare?a=…&b=…`: what changed from event A to event B. `a=previous` takes the
//! previous event of B's kind. Without both, a picker whose rows show each event's
//! date, kind, title and outlet (a page of events, filterable by kind and year).

use super::event::earlier;
use super::layout::pager;
use super::timeline::{cursor, items, Filters};
use super::{Ctx, PageResult, Section};
use crate::compare::{compare, Comparison, Line};
use crate::error::Failure;
use crate::passage::{render, Mark};
use crate::view::{kind_label, query, url};
use maud::{html, Markup};

fn option_label(it: &super::timeline::Item) -> String {
    let mut s = format!(
        "{} · {} · {}",
        it.date.label,
        kind_label(&crate::view::code(&it.event.kind)),
        crate::view::cut(it.title(), 50)
    );
    if let Some(o) = &it.row.source {
        s.push_str(" · ");
        s.push_str(o);
    }
    s
}

fn picker(cx: &Ctx, a: Option<&str>, b: Option<&str>) -> PageResult {
    let f = Filters::read(cx.params)?;
    let after = cursor(cx.params, "after")?;
    let q = f.query(after, false, 200);
    let page = cx.store(|s| s.event_page(&q))?;
    let list = cx.store(|s| Ok(items(s, page.items.clone())))??;
    let kinds = cx.store(|s| s.event_kinds())?;
    let body = html! {
        h1 { "Compare two events" }
        p { "Pick two events; their readouts are aligned sentence by sentence, reworded sentences paired and the changed words marked. From any event, “What changed since” picks the earlier one for you." }
        form.filters action="/compare" method="get" {
            div.field {
                label for="kind" { "Kind" }
                select #kind name="kind" {
                    option value="" { "any" }
                    @for k in &kinds { option value=(k) selected[f.kind.as_deref() == Some(k.as_str())] { (kind_label(k)) } }
                }
            }
            div.field { label for="year" { "Year" } input #year name="year" size="4" inputmode="numeric" value=[cx.params.get("year")]; }
            div.field.actions { button type="submit" name="list" value="1" { "List events" } }
        }
        form.filters.pick action="/compare" method="get" {
            @for (name, label, current) in [("a", "A (earlier)", a), ("b", "B (later)", b)] {
                div.field.wide {
                    label for=(name) { (label) }
                    select id=(name) name=(name) {
                        @for it in &list {
                            option value=(it.event.id) selected[current == Some(it.event.id.as_str())] { (option_label(it)) }
                        }
                    }
                }
            }
            div.field.actions { button type="submit" { "Compare" } }
        }
        p.count { (list.len()) " of " (page.total) " events listed." }
        (pager(None, page.next.map(|c| format!("/compare{}", query(&{ let mut p = f.pairs(); p.push(("after", Some(&c))); p }))), "", "More events"))
    };
    Ok(cx.frame("Compare", Section::Compare).render(body))
}

fn side(text: &str, ranges: &[[usize; 2]], class: &'static str, title: &str) -> Markup {
    let marks: Vec<Mark> = ranges
        .iter()
        .map(|r| Mark::new(r[0], r[1], class).titled(title))
        .collect();
    render(text, &marks, &[])
}

fn line(c: &Comparison, l: &Line) -> Markup {
    let ta =
        l.a.and_then(|i| c.sentences_a.get(i))
            .map(|s| s.text.as_str());
    let tb =
        l.b.and_then(|j| c.sentences_b.get(j))
            .map(|s| s.text.as_str());
    let label = match l.status {
        "same" => "same",
        "reworded" => "reworded",
        "moved" => "moved",
        "only_a" => "only in A",
        _ => "only in B",
    };
    html! {
        tr class={ "cmp " (l.status) } {
            td.a lang="zh-Hans" data-label="A" { @if let Some(t) = ta { (side(t, &l.removed, "del", "taken out")) } }
            td.b lang="zh-Hans" data-label="B" { @if let Some(t) = tb { (side(t, &l.added, "ins", "put in")) } }
            td.st data-label="" { span class={ "status " (l.status) } { (label) } }
        }
    }
}

pub fn page(cx: &Ctx) -> PageResult {
    let (a, b) = (cx.params.get("a"), cx.params.get("b"));
    let (Some(a), Some(b)) = (a, b) else {
        return picker(cx, a, b);
    };
    if cx.params.get("list").is_some() {
        return picker(cx, Some(a), Some(b));
    }
    let a = if a == "previous" {
        let prev = cx.store(|s| match s.event_list_row(b)? {
            Some(row) => earlier(s, &row),
            None => Ok(super::event::Earlier::NONE),
        })?;
        match prev.first() {
            Some(p) => p.event.id,
            None => {
                return Err(Failure::not_found(format!(
                    "There is no event before {b} of its kind."
                ))
                .into())
            }
        }
    } else {
        a.to_string()
    };
    let Some(c) = cx.store(|s| compare(s, &a, b))? else {
        return Err(Failure::not_found("There is no such event to compare.").into());
    };
    let rows = cx.store(|s| {
        let ra = s.event_list_row(&a)?.into_iter().collect::<Vec<_>>();
        let rb = s.event_list_row(b)?.into_iter().collect::<Vec<_>>();
        Ok((ra, rb))
    })?;
    let ia = cx.store(|s| Ok(items(s, rows.0)))??;
    let ib = cx.store(|s| Ok(items(s, rows.1)))??;
    let (ia, ib) = (&ia[0], &ib[0]);
    let head = |tag: &str, it: &super::timeline::Item| {
        html! {
            div.side {
                span.tag { (tag) }
                a href={ "/events/" (url(&it.event.id)) } lang=(it.lang()) { (it.title()) }
                p.muted { (it.date.label) " · " (kind_label(&crate::view::code(&it.event.kind))) @if let Some(o) = &it.row.source { " · " (o) } }
            }
        }
    };
    let body = html! {
        h1 { "What changed" }
        div.compare-head { (head("A", ia)) (head("B", ib)) }
        section aria-labelledby="formulations" {
            h2 #formulations { "Formulations" }
            div.columns {
                div.new { h3 { "New in B (" (c.appeared.len()) ")" } ul.tags { @for f in &c.appeared { li { a href={ "/formulations/" (url(f)) } lang="zh-Hans" { (f) } } } } }
                div.dropped { h3 { "Dropped from A (" (c.disappeared.len()) ")" } ul.tags { @for f in &c.disappeared { li { a href={ "/formulations/" (url(f)) } lang="zh-Hans" { (f) } } } } }
                div.kept { h3 { "Kept (" (c.kept.len()) ")" } ul.tags { @for f in &c.kept { li { a href={ "/formulations/" (url(f)) } lang="zh-Hans" { (f) } } } } }
            }
        }
        section aria-labelledby="sentences" {
            h2 #sentences { "Sentence by sentence" }
            @if !c.compared {
                p { "The sentences are compared when both readouts are Chinese; one of these is not." }
            } @else {
                p.summary {
                    (c.count("same")) " the same · " (c.count("reworded")) " reworded · " (c.count("moved")) " moved · "
                    (c.count("only_a")) " only in A · " (c.count("only_b")) " only in B"
                    " (shown in mainland simplified script)"
                }
                p.legend { del.sample { "taken out" } " " ins.sample { "put in" } }
                table.compare {
                    // A fixed table takes its widths from the first row: the columns.
                    colgroup { col.a; col.b; col.st; }
                    thead { tr { th scope="col" { "A" } th scope="col" { "B" } th scope="col" { span.visually-hidden { "Status" } } } }
                    tbody { @for l in &c.lines { (line(&c, l)) } }
                }
            }
        }
        p { a href={ "/api/compare?a=" (url(&a)) "&b=" (url(b)) } { "This comparison as JSON" } }
    };
    Ok(cx.frame("What changed", Section::Compare).render(body))
}
