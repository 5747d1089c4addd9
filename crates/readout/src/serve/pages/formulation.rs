//! `/formulations` and `/formulations/{text}`: the formulations (提法) the collection
//! repeats, and one formulation's history: mentions per month as a chart drawn by the
//! server, first and last seen, the spellings met, the English renderings read off the
//! aligned pairs (each linked to its pairs), and every mention in context, linked to its
//! passage.

use super::passage_href;
use crate::serve::api::mentions_by_month;
use crate::serve::catalog::Catalog;
use crate::serve::chart;
use crate::serve::error::PageError;
use crate::serve::html::{esc, text_lang, url, Page, Section};
use crate::serve::params::Params;
use crate::serve::passage::kwic;
use crate::serve::state::AppState;
use readout_collection::SpanRef;

/// Rows per page of the list.
const PAGE: usize = 100;
/// Mentions shown in context on one page.
const KWIC_PAGE: usize = 200;

fn is_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic())
        && !s.chars().any(|c| ('\u{3400}'..='\u{9FFF}').contains(&c))
}

pub fn list(state: &AppState, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let q = p.get("q").unwrap_or("");
    let offset = p
        .number("offset", 0, 0, 10_000_000)
        .map_err(|e| PageError::bad_request(e.0))?;
    let folded = readout_normalize::normalize(q).text.to_lowercase();
    let matching: Vec<_> = catalog
        .formulations
        .iter()
        .filter(|f| {
            folded.is_empty()
                || f.text.contains(&folded)
                || f.spellings
                    .iter()
                    .any(|s| s.to_lowercase().contains(&folded))
        })
        .collect();
    let mut page = Page::new("Formulations")
        .section(Section::Formulations)
        .notice(catalog.notice());
    page.push("<h1>Formulations</h1><p>Fixed phrases the reports repeat: the curated list, and phrases the collection itself repeats across events. Most repeated across events first.</p>");
    page.push(&format!(
        "<form class=\"filters\" action=\"/formulations\" method=\"get\" role=\"search\"><div class=\"field\"><label for=\"fq\">Contains</label><input id=\"fq\" name=\"q\" type=\"search\" value=\"{}\" maxlength=\"200\"></div><div class=\"field actions\"><button type=\"submit\">Filter</button></div></form>",
        esc(q)
    ));
    page.push(&format!(
        "<p class=\"count\" role=\"status\">{} formulations</p>",
        matching.len()
    ));
    page.push("<div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">Formulation</th><th scope=\"col\">Events</th><th scope=\"col\">Mentions</th><th scope=\"col\">First seen</th><th scope=\"col\">Last seen</th><th scope=\"col\">Found by</th></tr></thead><tbody>");
    for f in matching.iter().skip(offset).take(PAGE) {
        page.push(&format!(
            "<tr><td><a href=\"/formulations/{}\" lang=\"zh-Hans\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            url(&f.text),
            esc(&f.text),
            f.events.len(),
            f.count,
            esc(f.first_date.as_deref().unwrap_or("–")),
            esc(f.last_date.as_deref().unwrap_or("–")),
            esc(&f.source)
        ));
    }
    page.push("</tbody></table></div>");
    let more = |o: usize, label: &str| {
        format!(
            "<a href=\"/formulations?q={}&amp;offset={o}\">{label}</a>",
            url(q)
        )
    };
    let mut nav = Vec::new();
    if offset > 0 {
        nav.push(more(offset.saturating_sub(PAGE), "Previous"));
    }
    if offset + PAGE < matching.len() {
        nav.push(more(offset + PAGE, "Next"));
    }
    if !nav.is_empty() {
        page.push(&format!(
            "<nav class=\"pages\" aria-label=\"Pages\">{}</nav>",
            nav.join(" ")
        ));
    }
    Ok(page)
}

/// Sources linked per rendering on the page.
const SOURCES_SHOWN: usize = 5;

/// One English rendering: as written, how many aligned pairs it was read from, and
/// links to the first of them (the rendering highlighted in its translation, and the
/// event whose aligned versions show the pair).
fn rendering_item(catalog: &Catalog, r: &readout_collection::RenderingOut) -> String {
    let links: Vec<String> = r
        .sources
        .iter()
        .take(SOURCES_SHOWN)
        .map(|s| {
            let at = SpanRef {
                doc: s.translation.clone(),
                headline: false,
                para: s.para,
                start: s.start,
                end: s.end,
            };
            let event = catalog
                .event_of(&s.translation)
                .map(|e| {
                    format!(
                        " (<a href=\"/events/{}#aligned\">aligned pair</a>)",
                        url(&e.id)
                    )
                })
                .unwrap_or_default();
            format!(
                "<a href=\"{}\">{}</a>{event}",
                esc(&passage_href(&at)),
                esc(&s.translation)
            )
        })
        .collect();
    format!(
        "<li><span lang=\"en\">{}</span> <span class=\"muted\">({} {})</span> {}</li>",
        esc(&r.text),
        r.count,
        if r.count == 1 { "pair" } else { "pairs" },
        links.join(", ")
    )
}

pub fn show(state: &AppState, text: &str, p: &Params) -> Result<Page, PageError> {
    let offset = p
        .number("offset", 0, 0, 100_000_000)
        .map_err(|e| PageError::bad_request(e.0))?;
    let catalog = state.catalog()?;
    let f = catalog.formulation(text).ok_or_else(|| {
        PageError::not_found(format!(
            "“{text}” is not among the formulations of the collection."
        ))
    })?;
    let mut page = Page::new(&f.text)
        .section(Section::Formulations)
        .notice(catalog.notice());
    page.push("<p class=\"crumbs\"><a href=\"/formulations\">Formulations</a></p>");
    page.push(&format!("<h1 lang=\"zh-Hans\">{}</h1>", esc(&f.text)));
    page.push("<dl class=\"facts\">");
    page.push(&format!(
        "<dt>Mentions</dt><dd>{} in {} documents of {} events</dd>",
        f.count,
        f.docs.len(),
        f.events.len()
    ));
    page.push(&format!(
        "<dt>First seen</dt><dd>{}</dd><dt>Last seen</dt><dd>{}</dd>",
        esc(f.first_date.as_deref().unwrap_or("no full date")),
        esc(f.last_date.as_deref().unwrap_or("no full date"))
    ));
    let (chinese, english): (Vec<&String>, Vec<&String>) =
        f.spellings.iter().partition(|s| !is_latin(s));
    page.push(&format!(
        "<dt>Spellings</dt><dd><ul class=\"tags\">{}</ul></dd>",
        chinese
            .iter()
            .map(|s| format!("<li lang=\"{}\">{}</li>", text_lang(s), esc(s)))
            .collect::<String>()
    ));
    if !f.renderings.is_empty() {
        page.push(&format!(
            "<dt>English renderings</dt><dd><ul class=\"renderings\">{}</ul></dd>",
            f.renderings
                .iter()
                .map(|r| rendering_item(&catalog, r))
                .collect::<String>()
        ));
    }
    if !english.is_empty() {
        page.push(&format!(
            "<dt>In English versions</dt><dd><ul class=\"tags\">{}</ul></dd>",
            english
                .iter()
                .map(|s| format!("<li lang=\"en\">{}</li>", esc(s)))
                .collect::<String>()
        ));
    }
    page.push(&format!("<dt>Found by</dt><dd>{}</dd>", esc(&f.source)));
    page.push("</dl>");

    let (months, undated) = mentions_by_month(f, &catalog);
    page.push("<section aria-labelledby=\"history\"><h2 id=\"history\">Mentions per month</h2><figure class=\"chart\">");
    page.push(&chart::monthly(
        &months,
        &format!("Mentions of {} per month", f.text),
    ));
    let described: Vec<String> = chart::fill(&months)
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|((y, m), c)| format!("{y:04}-{m:02}: {c}"))
        .collect();
    page.push(&format!(
        "<figcaption>By the date of each mention's event (the publication date where the event's is partial). {}.{}</figcaption></figure></section>",
        esc(&described.join(", ")),
        if undated > 0 {
            format!(" {undated} mentions have no date to place them.")
        } else {
            String::new()
        }
    ));

    page.push(&format!(
        "<section aria-labelledby=\"kwic\"><h2 id=\"kwic\">In context</h2><ol class=\"kwic\" start=\"{}\">",
        offset + 1
    ));
    for o in f.occurrences.iter().skip(offset).take(KWIC_PAGE) {
        let Some(d) = catalog.doc(&o.doc) else {
            continue;
        };
        let parts = if o.headline { &d.headlines } else { &d.body };
        let Some(para) = parts.get(o.para) else {
            continue;
        };
        let (l, m, r) = kwic(&para.text, o.start, o.end, 30);
        let lang = crate::serve::html::lang_tag(para.lang, para.script);
        let doc_title = d.title.as_deref().unwrap_or(&d.id);
        page.push(&format!(
            "<li><a class=\"kwic-line\" href=\"{}\" lang=\"{lang}\"><span class=\"left\">{}</span><mark class=\"hl\">{}</mark><span class=\"right\">{}</span></a> <span class=\"source\" lang=\"{}\">{}</span></li>",
            esc(&passage_href(o)),
            esc(&l),
            esc(&m),
            esc(&r),
            crate::serve::pages::doc_lang(d),
            esc(doc_title)
        ));
    }
    page.push("</ol>");
    let more = |o: usize, label: &str| {
        format!(
            "<a href=\"/formulations/{}?offset={o}#kwic\">{label}</a>",
            url(&f.text)
        )
    };
    let mut nav = Vec::new();
    if offset > 0 {
        nav.push(more(offset.saturating_sub(KWIC_PAGE), "Previous mentions"));
    }
    if offset + KWIC_PAGE < f.occurrences.len() {
        nav.push(more(offset + KWIC_PAGE, "More mentions"));
    }
    if !nav.is_empty() {
        page.push(&format!(
            "<nav class=\"pages\" aria-label=\"Mentions\">{}</nav>",
            nav.join(" ")
        ));
    }
    page.push("</section>");
    Ok(page)
}
