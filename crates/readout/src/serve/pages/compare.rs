//! `/compare?a=EVENT&b=EVENT`: two events side by side: the formulations B adds,
//! drops and keeps relative to A, and the sentences of either original with no
//! counterpart in the other.

use super::passage_href;
use crate::json::name;
use crate::serve::catalog::Catalog;
use crate::serve::compare::{compare, Sentence, COUNTERPART};
use crate::serve::dates::event_when;
use crate::serve::error::PageError;
use crate::serve::html::{esc, url, Page, Section};
use crate::serve::params::Params;
use crate::serve::shapes::EventView as Event;
use crate::serve::state::AppState;
use readout_collection::SpanRef;

fn event_label(e: &Event, catalog: &Catalog) -> String {
    let when = event_when(e, catalog);
    let title = catalog
        .doc(&e.original)
        .and_then(|d| d.title.clone())
        .unwrap_or_else(|| e.id.clone());
    format!("{} · {}", when.label, title)
}

fn picker(id: &str, label: &str, catalog: &Catalog, current: Option<&str>) -> String {
    let mut s = format!(
        "<div class=\"field wide\"><label for=\"{id}\">{label}</label><select id=\"{id}\" name=\"{id}\"><option value=\"\">choose an event</option>"
    );
    for e in &catalog.events {
        let sel = if current == Some(e.id.as_str()) {
            " selected"
        } else {
            ""
        };
        s.push_str(&format!(
            "<option value=\"{}\"{sel}>{}</option>",
            esc(&e.id),
            esc(&event_label(e, catalog))
        ));
    }
    s.push_str("</select></div>");
    s
}

fn formulation_list(items: &[String]) -> String {
    if items.is_empty() {
        return "<p class=\"muted\">none</p>".into();
    }
    format!(
        "<ul class=\"tags\">{}</ul>",
        items
            .iter()
            .map(|f| format!(
                "<li><a href=\"/formulations/{}\" lang=\"zh-Hans\">{}</a></li>",
                url(f),
                esc(f)
            ))
            .collect::<String>()
    )
}

fn sentence_list(catalog: &Catalog, sentences: &[Sentence]) -> String {
    if sentences.is_empty() {
        return "<p class=\"muted\">none: every sentence has a counterpart</p>".into();
    }
    let mut s = String::from("<ol class=\"unmatched\">");
    for x in sentences {
        let lang = catalog.doc(&x.doc).map(super::doc_lang).unwrap_or("und");
        let href = passage_href(&SpanRef {
            doc: x.doc.clone(),
            headline: false,
            para: x.para,
            start: x.start,
            end: x.end,
        });
        s.push_str(&format!(
            "<li><a href=\"{}\" lang=\"{lang}\">{}</a> <span class=\"muted\">(closest {:.0}%)</span></li>",
            esc(&href),
            esc(&x.text),
            x.best * 100.0
        ));
    }
    s.push_str("</ol>");
    s
}

pub fn page(state: &AppState, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let a_id = p.get("a");
    let b_id = p.get("b");
    let mut page = Page::new("Compare events")
        .section(Section::Compare)
        .notice(catalog.notice());
    page.push("<h1>Compare two events</h1>");
    page.push("<form class=\"filters\" action=\"/compare\" method=\"get\">");
    page.push(&picker("a", "Event A", &catalog, a_id));
    page.push(&picker("b", "Event B", &catalog, b_id));
    page.push("<div class=\"field actions\"><button type=\"submit\">Compare</button></div></form>");
    let (Some(a_id), Some(b_id)) = (a_id, b_id) else {
        page.push("<p>Choose two events: the page lists the formulations B adds, drops and keeps relative to A, and the sentences of either report with no counterpart in the other.</p>");
        return Ok(page);
    };
    let find = |id: &str| {
        catalog
            .event(id)
            .ok_or_else(|| PageError::not_found(format!("There is no event {id}.")))
    };
    let (a, b) = (find(a_id)?, find(b_id)?);
    let c = compare(a, b, &catalog);
    let head = |e: &Event, letter: &str| {
        format!(
            "<p><strong>{letter}</strong>: <a href=\"/events/{}\">{}</a> ({})</p>",
            url(&e.id),
            esc(&event_label(e, &catalog)),
            esc(&super::kind_label(&name(&e.kind)))
        )
    };
    page.push(&head(a, "A"));
    page.push(&head(b, "B"));
    page.push("<section aria-labelledby=\"fdiff\"><h2 id=\"fdiff\">Formulations</h2><div class=\"columns\">");
    page.push(&format!(
        "<div class=\"new\"><h3>New in B ({})</h3>{}</div>",
        c.new.len(),
        formulation_list(&c.new)
    ));
    page.push(&format!(
        "<div class=\"dropped\"><h3>Dropped from A ({})</h3>{}</div>",
        c.dropped.len(),
        formulation_list(&c.dropped)
    ));
    page.push(&format!(
        "<div class=\"kept\"><h3>Kept ({})</h3>{}</div>",
        c.kept.len(),
        formulation_list(&c.kept)
    ));
    page.push("</div></section>");
    page.push(
        "<section aria-labelledby=\"sdiff\"><h2 id=\"sdiff\">Sentences with no counterpart</h2>",
    );
    if c.sentences_compared {
        page.push(&format!(
            "<p>Compared on the simplified view; a sentence has a counterpart when some sentence of the other report shares at least {:.0}% of its character pairs.</p><div class=\"columns\">",
            COUNTERPART * 100.0
        ));
        page.push(&format!(
            "<div><h3>Only in A ({} of {})</h3>{}</div>",
            c.only_a.len(),
            c.sentences_a,
            sentence_list(&catalog, &c.only_a)
        ));
        page.push(&format!(
            "<div><h3>Only in B ({} of {})</h3>{}</div>",
            c.only_b.len(),
            c.sentences_b,
            sentence_list(&catalog, &c.only_b)
        ));
        page.push("</div>");
    } else {
        page.push("<p>The two originals are in different languages; their sentences are not compared.</p>");
    }
    page.push("</section>");
    Ok(page)
}
