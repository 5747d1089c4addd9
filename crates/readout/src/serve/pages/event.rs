//! `/events/{id}`: one event. Its record (kind, date, place, chair, attendees and
//! speakers in order, reviewed documents, strategies, directives, formulations), each
//! value a link to the passage it was read from; its versions with role and coverage;
//! and each translation aligned with its original sentence by sentence (rows are the
//! aligner's beads), with the sentences and phrases the translation leaves out marked
//! `omitted`. `?view=normalized` shows Chinese text in the mainland-simplified view.

use super::{doc_lang, doc_link, kind_label, passage_href, percent, span_text, view_toggle, View};
use crate::json::name;
use crate::serve::catalog::Catalog;
use crate::serve::dates::event_when;
use crate::serve::error::PageError;
use crate::serve::html::{esc, lang_tag, text_lang, url, Page, Section};
use crate::serve::params::Params;
use crate::serve::passage::{normalized, render, Mark};
use crate::serve::shapes::EventView as Event;
use crate::serve::shapes::{AlignmentView as PairAlignment, SentenceView as SentenceRef};
use crate::serve::state::AppState;
use readout_collection::SpanRef;
use serde_json::Value;

/// A record value: as the document writes it (original view) or as the record holds
/// it (normalized view), linked to its passage when its span is known.
fn value(catalog: &Catalog, view: View, normalized_value: &str, span: Option<&SpanRef>) -> String {
    let (text, lang) = match (view, span) {
        (View::Original, Some(s)) => match span_text(catalog, s) {
            Some(t) => {
                let lang = catalog.doc(&s.doc).map(doc_lang).unwrap_or("zh");
                (t, lang)
            }
            None => (normalized_value.to_string(), text_lang(normalized_value)),
        },
        _ => (normalized_value.to_string(), text_lang(normalized_value)),
    };
    match span {
        Some(s) => format!(
            "<a class=\"value\" href=\"{}\" lang=\"{lang}\">{}</a>",
            esc(&passage_href(s)),
            esc(&text)
        ),
        None => format!(
            "<span class=\"value\" lang=\"{lang}\">{}</span>",
            esc(&text)
        ),
    }
}

/// The span at `path` in the original's record JSON (`["place", "span"]`).
fn record_span(record: &Value, path: &[&str]) -> Option<SpanRef> {
    let mut v = record;
    for key in path {
        v = v.get(key)?;
    }
    span_of(record, v)
}

/// A span of the record: the original's (the record's spans name no document).
fn span_of(record: &Value, v: &Value) -> Option<SpanRef> {
    let mut v = v.clone();
    if v.get("doc").is_none() {
        let doc = record.get("original_doc")?.clone();
        v.as_object_mut()?.insert("doc".into(), doc);
    }
    serde_json::from_value(v).ok()
}

/// The span of item `i` of list `list` in the record JSON: its `span`, or the first
/// of its `spans` (a strategy named several times).
fn record_item_span(record: &Value, list: &str, i: usize) -> Option<SpanRef> {
    let item = record.get(list)?.get(i)?;
    let span = item
        .get("span")
        .or_else(|| item.get("spans").and_then(|s| s.get(0)))?;
    span_of(record, span)
}

/// A string field of item `i` of list `list` in the record JSON.
fn record_item_str<'a>(record: &'a Value, list: &str, i: usize, field: &str) -> Option<&'a str> {
    record.get(list)?.get(i)?.get(field)?.as_str()
}

fn source_note(catalog: &Catalog, e: &Event, field: &str) -> String {
    match e.sources.get(field) {
        Some(doc) => format!(
            " <span class=\"muted\">(from the version {})</span>",
            doc_link(catalog, doc)
        ),
        None => String::new(),
    }
}

fn row(label: &str, html: &str) -> String {
    format!("<dt>{label}</dt><dd>{html}</dd>")
}

pub fn page(state: &AppState, id: &str, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let e = catalog
        .event(id)
        .ok_or_else(|| PageError::not_found(format!("There is no event {id}.")))?;
    let view = View::from(p)?;
    let original = catalog.doc(&e.original);
    let title = original
        .and_then(|d| d.title.clone())
        .unwrap_or_else(|| e.id.clone());
    let kind = kind_label(&name(&e.kind));
    let when = event_when(e, &catalog);
    // The record's spans are the original's.
    let mut rec = e.record.clone();
    if let Some(map) = rec.as_object_mut() {
        map.insert("original_doc".into(), e.original.clone().into());
    }
    let rec = &rec;

    let mut page = Page::new(&title)
        .section(Section::Timeline)
        .notice(catalog.notice());
    page.push(&format!(
        "<p class=\"crumbs\"><a href=\"/\">Timeline</a> › <code>{}</code></p>",
        esc(&e.id)
    ));
    let h1_lang = original.map(doc_lang).unwrap_or("und");
    page.push(&format!("<h1 lang=\"{h1_lang}\">{}</h1>", esc(&title)));
    page.push(&format!(
        "<p class=\"subtitle\">{} · {}</p>",
        esc(&kind),
        if when.as_written {
            format!("<span lang=\"{h1_lang}\">{}</span>", esc(&when.label))
        } else {
            esc(&when.label)
        }
    ));
    page.push(&view_toggle(&format!("/events/{}", url(&e.id)), view));

    // The record.
    page.push("<section aria-labelledby=\"record\"><h2 id=\"record\">Record</h2><dl class=\"facts record\">");
    let kind_span = record_span(rec, &["kind_span"]);
    page.push(&row(
        "Kind",
        &format!(
            "{}{}",
            match &kind_span {
                Some(s) => format!(
                    "<a class=\"value\" href=\"{}\">{}</a>",
                    esc(&passage_href(s)),
                    esc(&kind)
                ),
                None => esc(&kind),
            },
            source_note(&catalog, e, "kind")
        ),
    ));
    let date_html = match &e.date {
        Some(d) => {
            let shown = if when.as_written {
                value(&catalog, View::Original, &d.text, d.span.as_ref())
            } else {
                match &d.span {
                    Some(s) => format!(
                        "<a class=\"value\" href=\"{}\">{}</a>",
                        esc(&passage_href(s)),
                        esc(&when.label)
                    ),
                    None => esc(&when.label),
                }
            };
            let note = when
                .note
                .as_ref()
                .map(|n| format!(" <span class=\"muted\">({})</span>", esc(n)))
                .unwrap_or_default();
            format!("{shown}{note}{}", source_note(&catalog, e, "date"))
        }
        None => "<span class=\"muted\">not stated</span>".into(),
    };
    page.push(&row("Date", &date_html));
    if let Some(place) = &e.place {
        page.push(&row(
            "Place",
            &format!(
                "{}{}",
                value(
                    &catalog,
                    view,
                    place,
                    record_span(rec, &["place", "span"]).as_ref()
                ),
                source_note(&catalog, e, "place")
            ),
        ));
    }
    if let Some(chair) = &e.chair {
        page.push(&row(
            "Chair",
            &format!(
                "{}{}",
                value(
                    &catalog,
                    view,
                    chair,
                    record_span(rec, &["chair", "span"]).as_ref()
                ),
                source_note(&catalog, e, "chair")
            ),
        ));
    }
    if let Some(sender) = &e.sender {
        page.push(&row(
            "Sender",
            &value(
                &catalog,
                view,
                sender,
                record_span(rec, &["sender", "span"]).as_ref(),
            ),
        ));
    }
    for (label, people) in [("Attendees", &e.attendees), ("Speakers", &e.speakers)] {
        if people.is_empty() {
            continue;
        }
        let mut s = String::from("<ol class=\"people\">");
        for person in people.iter() {
            s.push_str("<li>");
            s.push_str(&value(&catalog, view, &person.name, person.span.as_ref()));
            if let Some(t) = &person.title {
                s.push_str(&format!(
                    " <span class=\"muted\" lang=\"zh-Hans\">{}</span>",
                    esc(t)
                ));
            }
            s.push_str("</li>");
        }
        s.push_str("</ol>");
        page.push(&row(label, &s));
    }
    if !e.reviewed.is_empty() {
        let mut s = String::from("<ul class=\"plain\">");
        for r in &e.reviewed {
            s.push_str(&format!(
                "<li>《{}》</li>",
                value(&catalog, view, &r.title, r.span.as_ref())
            ));
        }
        s.push_str("</ul>");
        page.push(&row("Reviewed", &s));
    }
    if !e.mentioned_documents.is_empty() {
        let mut s = String::from("<ul class=\"plain\">");
        for (i, t) in e.mentioned_documents.iter().enumerate() {
            let span = record_item_span(rec, "mentioned_documents", i);
            s.push_str(&format!(
                "<li>《{}》</li>",
                value(&catalog, view, t, span.as_ref())
            ));
        }
        s.push_str("</ul>");
        page.push(&row("Documents mentioned", &s));
    }
    if !e.strategies.is_empty() {
        let mut s = String::from("<ul class=\"tags\">");
        for (i, st) in e.strategies.iter().enumerate() {
            // The record lists strategies in its own order; match by name.
            let k = rec
                .get("strategies")
                .and_then(|l| l.as_array())
                .and_then(|l| {
                    l.iter()
                        .position(|x| x.get("name").and_then(|n| n.as_str()) == Some(st))
                })
                .unwrap_or(i);
            let span = record_item_span(rec, "strategies", k);
            let english = record_item_str(rec, "strategies", k, "english")
                .map(|e| format!(" <span class=\"muted\" lang=\"en\">{}</span>", esc(e)))
                .unwrap_or_default();
            s.push_str(&format!(
                "<li>{}{english} <a class=\"filter-link\" href=\"/?strategy={}\" title=\"Events with this strategy\" aria-label=\"Events with this strategy\">events</a></li>",
                value(&catalog, view, st, span.as_ref()),
                url(st)
            ));
        }
        s.push_str("</ul>");
        page.push(&row("Strategies", &s));
    }
    if !e.formulations.is_empty() {
        let mut s = String::from("<ul class=\"tags\">");
        for f in &e.formulations {
            s.push_str(&format!(
                "<li><a href=\"/formulations/{}\" lang=\"zh-Hans\">{}</a></li>",
                url(f),
                esc(f)
            ));
        }
        s.push_str("</ul>");
        page.push(&row("Formulations", &s));
    }
    page.push("</dl>");
    if !e.directives.is_empty() {
        page.push(&format!(
            "<h3>Directives</h3><ol class=\"directives\">{}</ol>",
            e.directives
                .iter()
                .map(|d| {
                    let actor = d
                        .actor
                        .as_ref()
                        .map(|a| {
                            format!(" <span class=\"actor\" lang=\"zh-Hans\">{}</span>", esc(a))
                        })
                        .unwrap_or_default();
                    format!(
                        "<li><span class=\"role role-{}\">{}</span>{actor} {}</li>",
                        esc(&d.role),
                        esc(&d.role.replace('_', " ")),
                        value(&catalog, view, &d.text, d.span.as_ref())
                    )
                })
                .collect::<String>()
        ));
    }
    page.push("</section>");

    // Versions.
    page.push("<section aria-labelledby=\"versions\"><h2 id=\"versions\">Versions</h2><div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">Document</th><th scope=\"col\">Language</th><th scope=\"col\">Role</th><th scope=\"col\">Translates</th><th scope=\"col\">Coverage</th></tr></thead><tbody>");
    for v in &e.versions {
        let link = catalog.link(v);
        let d = catalog.doc(v);
        page.push(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            doc_link(&catalog, v),
            d.map(|d| esc(lang_tag(d.lang, d.script)))
                .unwrap_or_default(),
            link.and_then(|l| l.role.as_deref())
                .map(esc)
                .unwrap_or_default(),
            link.and_then(|l| l.translation_of.as_deref())
                .map(|o| format!("<code>{}</code>", esc(o)))
                .unwrap_or_default(),
            link.and_then(|l| l.coverage)
                .map(percent)
                .unwrap_or_default(),
        ));
    }
    page.push("</tbody></table></div></section>");

    // Alignments.
    let alignments = catalog.alignments_for(e);
    if !alignments.is_empty() {
        page.push("<section aria-labelledby=\"aligned\"><h2 id=\"aligned\">Aligned versions</h2>");
        page.push("<p class=\"legend\"><span class=\"omitted sample\">sentence left out</span> <mark class=\"omitted-phrase\">phrase left out</mark> by the translation; <span class=\"added sample\">sentence with no original</span>.</p>");
        for (k, a) in alignments.iter().enumerate() {
            page.push(&aligned(&catalog, a.0, k, view));
        }
        page.push("</section>");
    }
    Ok(page)
}

fn sentence_html(
    catalog: &Catalog,
    doc: &str,
    s: &SentenceRef,
    marks: &[Mark],
    view: View,
    omitted: bool,
) -> String {
    let text = match view {
        View::Original => render(&s.text, marks, &[]),
        View::Normalized => {
            let (t, m) = normalized(&s.text, marks);
            render(&t, &m, &[])
        }
    };
    let href = passage_href(&SpanRef {
        doc: doc.to_string(),
        headline: false,
        para: s.para,
        start: s.start,
        end: s.end,
    });
    let lang = catalog.doc(doc).map(doc_lang).unwrap_or("und");
    let lang = if view == View::Normalized && lang.starts_with("zh") {
        "zh-Hans"
    } else {
        lang
    };
    let (class, tag) = if omitted {
        (" omitted", "<span class=\"tag\">not translated</span> ")
    } else {
        ("", "")
    };
    format!(
        "<p class=\"sent{class}\" lang=\"{lang}\">{tag}{text} <a class=\"to-passage\" href=\"{}\" aria-label=\"This sentence in its document\">¶</a></p>",
        esc(&href)
    )
}

/// One translation against its original, a table row per bead.
fn aligned(catalog: &Catalog, a: &PairAlignment, k: usize, view: View) -> String {
    let mut s = format!(
        "<article class=\"alignment\" id=\"alignment-{k}\"><h3>{} ↔ {}</h3>",
        doc_link(catalog, &a.original),
        doc_link(catalog, &a.translation)
    );
    s.push_str(&format!(
        "<p>Coverage {}: {} of {} original sentences left out, {} phrases left out within aligned sentences.</p>",
        percent(a.coverage),
        a.omitted_sentences.len(),
        a.original_sentences.len(),
        a.omitted_phrases.len()
    ));
    let lang_o = catalog
        .doc(&a.original)
        .map(|d| lang_tag(d.lang, d.script))
        .unwrap_or("und");
    let lang_t = catalog
        .doc(&a.translation)
        .map(|d| lang_tag(d.lang, d.script))
        .unwrap_or("und");
    s.push_str(&format!(
        "<div class=\"scroll\"><table class=\"aligned\"><thead><tr><th scope=\"col\">Original ({lang_o})</th><th scope=\"col\">Translation ({lang_t})</th></tr></thead><tbody>"
    ));
    for bead in &a.beads {
        let omitted_row = !bead.zh.is_empty() && bead.en.is_empty();
        let added_row = bead.zh.is_empty() && !bead.en.is_empty();
        let class = if omitted_row {
            "bead omitted-row"
        } else if added_row {
            "bead added"
        } else {
            "bead"
        };
        s.push_str(&format!("<tr class=\"{class}\"><td>"));
        for &i in &bead.zh {
            let Some(sent) = a.original_sentences.get(i) else {
                continue;
            };
            let marks: Vec<Mark> = a
                .omitted_phrases
                .iter()
                .filter(|ph| ph.sentence == i && ph.para == sent.para)
                .map(|ph| {
                    Mark::new(
                        ph.start.saturating_sub(sent.start),
                        ph.end.saturating_sub(sent.start),
                        "omitted-phrase",
                    )
                    .titled("not rendered in the translation")
                })
                .collect();
            let omitted = a.omitted_sentences.contains(&i);
            s.push_str(&sentence_html(
                catalog,
                &a.original,
                sent,
                &marks,
                view,
                omitted,
            ));
        }
        if added_row {
            s.push_str("<span class=\"muted\">(no original sentence)</span>");
        }
        s.push_str("</td><td>");
        for &j in &bead.en {
            if let Some(sent) = a.translation_sentences.get(j) {
                s.push_str(&sentence_html(
                    catalog,
                    &a.translation,
                    sent,
                    &[],
                    View::Original,
                    false,
                ));
            }
        }
        if omitted_row {
            s.push_str("<span class=\"muted\">(not translated)</span>");
        }
        s.push_str("</td></tr>");
    }
    s.push_str("</tbody></table></div></article>");
    s
}
