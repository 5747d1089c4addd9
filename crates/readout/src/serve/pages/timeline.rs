//! `/`: the timeline. Events in date order, grouped by year, each with its date as
//! the text states it, kind, title, convener and versions; a GET form filters by kind,
//! strategy, convening body and year.

use super::{doc_lang, kind_label, percent};
use crate::json::name;
use crate::serve::catalog::Catalog;
use crate::serve::dates::{event_when, When};
use crate::serve::error::PageError;
use crate::serve::html::{esc, lang_tag, text_lang, url, Page, Section};
use crate::serve::params::Params;
use crate::serve::shapes::EventView as Event;
use crate::serve::state::AppState;
use std::collections::BTreeSet;

/// The body that convened an event: the organ its kind names, else the person who
/// chaired it or sent the message.
pub fn body_of(e: &Event) -> Option<String> {
    match name(&e.kind).as_str() {
        "politburo_meeting" | "politburo_study_session" => Some("中共中央政治局".into()),
        "standing_committee_meeting" => Some("中共中央政治局常务委员会".into()),
        _ => e.chair.clone().or_else(|| e.sender.clone()),
    }
}

struct Filter<'a> {
    kind: Option<&'a str>,
    strategy: Option<&'a str>,
    body: Option<&'a str>,
    year: Option<i32>,
}

impl Filter<'_> {
    fn keeps(&self, e: &Event, when: &When) -> bool {
        self.kind.is_none_or(|k| name(&e.kind) == k)
            && self
                .strategy
                .is_none_or(|s| e.strategies.iter().any(|x| x == s))
            && self.body.is_none_or(|b| body_of(e).as_deref() == Some(b))
            && self.year.is_none_or(|y| when.year == Some(y))
    }
}

fn select(id: &str, label: &str, options: &[(String, String)], current: Option<&str>) -> String {
    let mut s = format!(
        "<div class=\"field\"><label for=\"{id}\">{label}</label><select id=\"{id}\" name=\"{id}\"><option value=\"\">any</option>"
    );
    for (value, text) in options {
        let sel = if current == Some(value.as_str()) {
            " selected"
        } else {
            ""
        };
        s.push_str(&format!(
            "<option value=\"{}\"{sel} lang=\"{}\">{}</option>",
            esc(value),
            if !value.is_ascii() {
                text_lang(value)
            } else {
                "en"
            },
            esc(text)
        ));
    }
    s.push_str("</select></div>");
    s
}

/// One event as a timeline entry.
pub fn entry(e: &Event, when: &When, catalog: &Catalog) -> String {
    let mut s = String::from("<li class=\"event\"><div class=\"when\">");
    if when.as_written {
        let lang = catalog.doc(&e.original).map(doc_lang).unwrap_or("zh");
        s.push_str(&format!(
            "<span class=\"date partial\" lang=\"{lang}\">{}</span>",
            esc(&when.label)
        ));
    } else {
        s.push_str(&format!("<span class=\"date\">{}</span>", esc(&when.label)));
    }
    if let Some(n) = &when.note {
        s.push_str(&format!("<span class=\"date-note\">{}</span>", esc(n)));
    }
    s.push_str("</div><div class=\"what\">");
    let title = catalog
        .doc(&e.original)
        .and_then(|d| d.title.as_ref().map(|t| (t, doc_lang(d))));
    s.push_str(&format!(
        "<p class=\"kind\">{}</p>",
        esc(&kind_label(&name(&e.kind)))
    ));
    match title {
        Some((t, lang)) => s.push_str(&format!(
            "<h3><a href=\"/events/{}\" lang=\"{lang}\">{}</a></h3>",
            url(&e.id),
            esc(t)
        )),
        None => s.push_str(&format!(
            "<h3><a href=\"/events/{}\">{}</a></h3>",
            url(&e.id),
            esc(&e.id)
        )),
    }
    let mut facts = Vec::new();
    if let Some(c) = &e.chair {
        facts.push(format!(
            "chaired by <span lang=\"zh-Hans\">{}</span>",
            esc(c)
        ));
    }
    if let Some(c) = &e.sender {
        facts.push(format!("from <span lang=\"zh-Hans\">{}</span>", esc(c)));
    }
    if let Some(p) = &e.place {
        facts.push(format!("in <span lang=\"zh-Hans\">{}</span>", esc(p)));
    }
    if !facts.is_empty() {
        s.push_str(&format!(
            "<p class=\"facts-line\">{}</p>",
            facts.join(" · ")
        ));
    }
    s.push_str("<ul class=\"versions\" aria-label=\"Versions\">");
    for v in &e.versions {
        let Some(d) = catalog.doc(v) else { continue };
        let link = catalog.link(v);
        let role = link.and_then(|l| l.role.clone()).unwrap_or_default();
        let cov = link
            .and_then(|l| l.coverage)
            .map(|c| format!(" {}", percent(c)))
            .unwrap_or_default();
        s.push_str(&format!(
            "<li><a class=\"badge\" href=\"/docs/{}\" title=\"{}\">{} {}{}</a></li>",
            url(v),
            esc(d.title.as_deref().unwrap_or(v)),
            esc(lang_tag(d.lang, d.script)),
            esc(&role),
            esc(&cov)
        ));
    }
    s.push_str("</ul>");
    if !e.strategies.is_empty() {
        s.push_str("<ul class=\"tags\" aria-label=\"Strategies\">");
        for st in &e.strategies {
            s.push_str(&format!(
                "<li><a href=\"/?strategy={}\" lang=\"zh-Hans\">{}</a></li>",
                url(st),
                esc(st)
            ));
        }
        s.push_str("</ul>");
    }
    s.push_str("</div></li>");
    s
}

pub fn page(state: &AppState, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let year = match p.get("year") {
        None => None,
        Some(y) => Some(
            y.parse::<i32>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
                .ok_or_else(|| {
                    PageError::bad_request(format!("`year` must be a year like 2023, not `{y}`"))
                })?,
        ),
    };
    let filter = Filter {
        kind: p.get("kind"),
        strategy: p.get("strategy"),
        body: p.get("body"),
        year,
    };
    let mut dated: Vec<(When, &Event)> = catalog
        .events
        .iter()
        .map(|e| (event_when(e, &catalog), e))
        .collect();
    // Options from every event, so a filter never hides its own alternatives.
    let kinds: BTreeSet<String> = dated.iter().map(|(_, e)| name(&e.kind)).collect();
    let strategies: BTreeSet<&str> = dated
        .iter()
        .flat_map(|(_, e)| e.strategies.iter().map(String::as_str))
        .collect();
    let bodies: BTreeSet<String> = dated.iter().filter_map(|(_, e)| body_of(e)).collect();
    let years: BTreeSet<i32> = dated.iter().filter_map(|(w, _)| w.year).collect();
    dated.retain(|(w, e)| filter.keeps(e, w));
    // Date order; events that cannot be placed at all come last.
    dated.sort_by(|a, b| match (a.0.sort, b.0.sort) {
        (Some(x), Some(y)) => x.cmp(&y).then(a.1.id.cmp(&b.1.id)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.id.cmp(&b.1.id),
    });

    let mut page = Page::new("Timeline")
        .section(Section::Timeline)
        .notice(catalog.notice());
    page.push("<h1>Timeline of events</h1>");
    page.push("<form class=\"filters\" action=\"/\" method=\"get\" aria-label=\"Filter events\">");
    let kind_opts: Vec<(String, String)> =
        kinds.iter().map(|k| (k.clone(), kind_label(k))).collect();
    page.push(&select("kind", "Kind", &kind_opts, filter.kind));
    let st_opts: Vec<(String, String)> = strategies
        .iter()
        .map(|s| (s.to_string(), s.to_string()))
        .collect();
    page.push(&select("strategy", "Strategy", &st_opts, filter.strategy));
    let body_opts: Vec<(String, String)> = bodies.iter().map(|b| (b.clone(), b.clone())).collect();
    page.push(&select("body", "Convened by", &body_opts, filter.body));
    let year_opts: Vec<(String, String)> = years
        .iter()
        .map(|y| (y.to_string(), y.to_string()))
        .collect();
    let year_str = year.map(|y| y.to_string());
    page.push(&select("year", "Year", &year_opts, year_str.as_deref()));
    page.push("<div class=\"field actions\"><button type=\"submit\">Filter</button> <a href=\"/\">Clear</a></div></form>");

    page.push(&format!(
        "<p class=\"count\" role=\"status\">{} of {} events</p>",
        dated.len(),
        catalog.events.len()
    ));
    if dated.is_empty() {
        page.push("<p>No event matches these filters.</p>");
    }
    let mut current: Option<Option<i32>> = None;
    for (w, e) in &dated {
        let group = w.sort.map(|s| s.0);
        if current != Some(group) {
            if current.is_some() {
                page.push("</ol></section>");
            }
            let heading = match group {
                Some(y) => y.to_string(),
                None => "Date unknown".into(),
            };
            page.push(&format!(
                "<section class=\"year\"><h2>{}</h2><ol class=\"timeline\">",
                esc(&heading)
            ));
            current = Some(group);
        }
        page.push(&entry(e, w, &catalog));
    }
    if current.is_some() {
        page.push("</ol></section>");
    }
    Ok(page)
}
