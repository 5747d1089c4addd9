//! `/events/{id}`: one event, the reading first. The original's text with the record's
//! values marked; then the record (each value a link to its passage), the versions
//! (outlet, date, language, role), each translation aligned with the original sentence
//! by sentence (omissions marked), the cite block, downloads, and the provenance folded.
//! From here one click compares the event with the previous one of its kind.

use super::layout::{cite_block, date_cell, doc_link, source_link};
use super::timeline::{items, Item};
use super::{doc_lang, passage_href, view_toggle, Ctx, PageResult, Section, View};
use crate::cite::Cite;
use crate::dates;
use crate::error::Failure;
use crate::passage::{normalized, render, Mark};
use crate::records;
use crate::view::{code, kind_label, lang_label, percent, text_lang, url};
use maud::{html, Markup};
use readout_collection::{PairAlignment, SentenceRef, SpanRef};
use readout_record::Span;
use readout_store::{DocSummary, EventListRow, ParagraphRecord, Store};

/// Paragraphs of the original shown on the event page (the document page has all).
pub const TEXT_PARAGRAPHS: usize = 200;
/// Rows of an aligned pair shown on the page.
pub const ALIGNED_ROWS: usize = 300;

/// The events to compare this one with. A kind is broad (every Politburo meeting is
/// one kind, whatever it discussed), so "the previous of its kind" is the latest
/// earlier one on the same subject, its title alike once the kind's stock wording is
/// discounted; the plain previous of the kind and the alike one about a year before
/// are offered too.
pub struct Earlier {
    /// The latest earlier event of the kind with an alike title.
    pub like: Option<EventListRow>,
    /// The latest earlier event of the kind, whatever its subject.
    pub previous: Option<EventListRow>,
    /// The event of the kind about a year before, an alike one where there is one.
    pub year_before: Option<EventListRow>,
}

impl Earlier {
    pub const NONE: Earlier = Earlier {
        like: None,
        previous: None,
        year_before: None,
    };

    /// The one to compare with first: the alike one, else the previous of the kind.
    pub fn first(self) -> Option<EventListRow> {
        self.like.or(self.previous)
    }
}

/// Weighted title overlap (see `GramWeights`) from which two events of a kind are on
/// the same subject: the economy meetings of a year score 0.5 to 0.8 against each
/// other, meetings that share only the stock wording below 0.4.
pub const ALIKE: f32 = 0.45;
/// Earlier events of the kind weighed for "alike" (and as the pool of the weights).
const RECENT: usize = 30;
/// How far from a year before the year-before event may lie, in days.
const YEAR_WINDOW: i64 = 45;

/// Bigrams of an event's title in the mainland-simplified view (scripts do not matter).
fn title_grams(row: &EventListRow) -> std::collections::HashSet<(char, char)> {
    let title = row.event.title.as_deref().unwrap_or("");
    readout_align::compare::bigrams(&readout_normalize::normalize(title).text)
}

pub fn earlier(s: &Store, row: &EventListRow) -> Result<Earlier, readout_store::StoreError> {
    use readout_align::compare::GramWeights;
    let kind = &row.event.kind;
    if row.sort_key >= readout_store::UNDATED {
        return Ok(Earlier::NONE);
    }
    let recent = s.events_of_kind_before(kind, row.sort_key, &row.event.id, RECENT)?;
    // The year-before candidates, when the recent ones do not reach back a year.
    let year_ago = row.sort_key - 365;
    let reaches = recent
        .last()
        .is_some_and(|e| e.sort_key <= year_ago - YEAR_WINDOW);
    let older = if reaches {
        Vec::new()
    } else {
        s.events_of_kind_before(kind, year_ago + YEAR_WINDOW + 1, "", RECENT)?
            .into_iter()
            .filter(|e| !recent.iter().any(|r| r.event.id == e.event.id))
            .collect()
    };
    let candidates: Vec<&EventListRow> = recent.iter().chain(&older).collect();
    let grams: Vec<_> = candidates.iter().map(|e| title_grams(e)).collect();
    let mine = title_grams(row);
    let weights = GramWeights::new(grams.iter().chain([&mine]));
    let alike: Vec<bool> = grams
        .iter()
        .map(|g| weights.dice(&mine, g) >= ALIKE)
        .collect();
    // Candidates are latest first: the first alike one is the latest.
    let like = candidates
        .iter()
        .zip(&alike)
        .find(|(_, a)| **a)
        .map(|(e, _)| (*e).clone());
    let near_year = |e: &&EventListRow| (e.sort_key - year_ago).abs() <= YEAR_WINDOW;
    let year_before = candidates
        .iter()
        .zip(&alike)
        .filter(|(e, a)| **a && near_year(e))
        .min_by_key(|(e, _)| (e.sort_key - year_ago).abs())
        .map(|(e, _)| (*e).clone());
    let year_before = match year_before {
        Some(e) => Some(e),
        None => s
            .event_of_kind_near(kind, year_ago, YEAR_WINDOW, &row.event.id)?
            .filter(|e| e.sort_key < row.sort_key),
    };
    Ok(Earlier {
        like,
        previous: recent.into_iter().next(),
        year_before,
    })
}

/// Marks of the record's values on the original's paragraph `para`.
fn record_marks(rec: &readout_record::Record, headline: bool, para: usize) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut add = |s: &Span, class: &'static str, title: &str| {
        if s.headline == headline && s.para == para && s.start < s.end {
            out.push(Mark::new(s.start, s.end, class).titled(title));
        }
    };
    if let Some(d) = &rec.date {
        add(&d.span, "v", "date");
    }
    if let Some(p) = &rec.place {
        add(&p.span, "v", "place");
    }
    if let Some(p) = &rec.chair {
        add(&p.span, "v", "chair");
    }
    if let Some(p) = &rec.sender {
        add(&p.span, "v", "sender");
    }
    for p in &rec.attendees {
        add(&p.span, "v", "attendee");
    }
    for p in &rec.speakers {
        add(&p.span, "v", "speaker");
    }
    for d in &rec.reviewed {
        add(&d.span, "v", "document reviewed");
    }
    for d in &rec.mentioned_documents {
        add(&d.span, "v", "document mentioned");
    }
    for st in &rec.strategies {
        for s in &st.spans {
            add(s, "v", "strategy");
        }
    }
    for f in &rec.formulations {
        add(&f.span, "f", "formulation");
    }
    out
}

/// A record value: as the document writes it (or the normalized value), a link to
/// its passage when its span is known.
fn value(
    text_of: &dyn Fn(&SpanRef) -> Option<String>,
    view: View,
    value: &str,
    span: Option<&SpanRef>,
    lang: &str,
) -> Markup {
    let (shown, lang) = match (view, span.and_then(text_of)) {
        (View::Original, Some(t)) => (t, lang),
        _ => (value.to_string(), text_lang(value)),
    };
    html! {
        @match span {
            Some(s) => a.value href=(passage_href(s)) lang=(lang) { (shown) },
            None => span.value lang=(lang) { (shown) },
        }
    }
}

fn span_ref(doc: &str, s: &Span) -> SpanRef {
    SpanRef {
        doc: doc.to_string(),
        headline: s.headline,
        para: s.para,
        start: s.start,
        end: s.end,
    }
}

/// Which version supplied a completed field, by its label.
fn from_version(
    sources: &std::collections::BTreeMap<String, String>,
    field: &str,
    versions: &[DocSummary],
) -> Markup {
    html! {
        @if let Some(id) = sources.get(field) {
            @let d = versions.iter().find(|d| d.id == *id);
            " " span.muted {
                "(completed from the "
                @match d {
                    Some(d) => { (lang_label(d.lang, d.script)) " version " (doc_link(&d.id, d.title.as_deref(), doc_lang(d))) },
                    None => "another version",
                }
                ")"
            }
        }
    }
}

pub fn page(cx: &Ctx, id: &str) -> PageResult {
    let view = View::from(cx.params)?;
    let cite_para = cx.params.number("cite", usize::MAX, 0, 1_000_000)?;
    let loaded = cx.store(|s| {
        let Some(row) = s.event_list_row(id)? else {
            return Ok(None);
        };
        let earlier = earlier(s, &row)?;
        let alignments = s.alignments_for(id)?;
        let heads = s.paragraphs(&row.event.original, true, 0, 20)?;
        let body = s.paragraphs(&row.event.original, false, 0, TEXT_PARAGRAPHS)?;
        let original = s.doc_summary(&row.event.original)?;
        Ok(Some((row, earlier, alignments, heads, body, original)))
    })?;
    let Some((row, earlier, alignment_rows, heads, body, original)) = loaded else {
        return Err(Failure::not_found(format!("There is no event {id}.")).into());
    };
    let full = records::event(&row.event)?;
    let mut list = cx.store(|s| Ok(items(s, vec![row])))??;
    let it: Item = list.remove(0);
    let e = &full;
    let rec = &e.record;
    let lang = it.lang();
    let oid = e.original.as_str();
    let text_of = |s: &SpanRef| -> Option<String> {
        if s.doc != oid {
            return None;
        }
        let p = if s.headline {
            heads.get(s.para)
        } else {
            body.get(s.para)
        }?;
        let t: String = p
            .text
            .chars()
            .skip(s.start)
            .take(s.end.saturating_sub(s.start))
            .collect();
        (!t.is_empty()).then_some(t)
    };
    let kind = kind_label(&code(&e.kind));
    let alignments: Vec<PairAlignment> = alignment_rows
        .iter()
        .map(records::alignment)
        .collect::<Result<_, _>>()?;
    let paragraphs_total = original.as_ref().map_or(body.len(), |d| d.paragraphs);
    let cite_href = |para: usize| format!("/docs/{}#p{para}", url(oid));
    let cite = Cite {
        id: e.id.clone(),
        title: e
            .title
            .clone()
            .or_else(|| original.as_ref().and_then(|d| d.title.clone())),
        outlet: it.row.source.clone(),
        date: it
            .date
            .iso
            .clone()
            .or_else(|| dates::published(it.row.published.as_deref())),
        url: it.row.url.clone(),
        permalink: cx.absolute(&if cite_para == usize::MAX {
            format!("/events/{}", url(&e.id))
        } else {
            cite_href(cite_para)
        }),
        lang: lang.to_string(),
        page: original.as_ref().and_then(|d| d.page.clone()),
    };
    let base = format!("/events/{}", url(&e.id));
    // One link per earlier event, the alike one first.
    let kind_lc = kind.to_lowercase();
    let mut changed: Vec<(String, &EventListRow)> = Vec::new();
    for (label, other) in [
        (format!("the previous {kind_lc} like it"), &earlier.like),
        (format!("the previous {kind_lc}"), &earlier.previous),
        ("a year before".to_string(), &earlier.year_before),
    ] {
        if let Some(o) = other {
            if !changed.iter().any(|(_, c)| c.event.id == o.event.id) {
                changed.push((label, o));
            }
        }
    }
    let body_markup = html! {
        p.crumbs { a href="/" { "Timeline" } " › " (kind) }
        h1 lang=(lang) { (it.title()) }
        p.subtitle {
            (kind) " · " (date_cell(&it.date, lang))
            @if let Some(o) = &it.row.source { " · " span lang=(text_lang(o)) { (o) } }
            " " (source_link(it.row.url.as_deref(), "original page ↗"))
        }
        nav.changed aria-label="What changed" {
            span.label { "What changed since: " }
            @for (label, o) in &changed {
                @let d = dates::event_date(records::event_head(&o.event).ok().and_then(|x| x.date).as_ref(), o.sort_key);
                a.compare-link href={ "/compare?a=" (url(&o.event.id)) "&b=" (url(&e.id)) } {
                    (label) " (" (d.label) ")"
                }
            }
            @if earlier.previous.is_none() { span.muted { "no earlier event of this kind" } }
        }
        section.reading aria-labelledby="text" {
            h2 #text { "Readout" }
            (view_toggle(&base, view))
            p.legend { mark.v { "record value" } " " mark.f { "formulation" } " · ¶ sets the paragraph to cite" }
            div.headlines {
                @for (i, h) in heads.iter().enumerate() {
                    (paragraph(h, &record_marks(rec, true, i), view, &format!("h{i}"), "headline", None))
                }
            }
            div.body {
                @for (i, p) in body.iter().enumerate() {
                    (paragraph(p, &record_marks(rec, false, i), view, &format!("p{i}"), "para", Some(format!("{base}?cite={i}#cite"))))
                }
            }
            @if paragraphs_total > body.len() {
                p.more { (paragraphs_total - body.len()) " more paragraphs: " a href={ "/docs/" (url(oid)) "?from=" (body.len()) } { "read on in the document" } }
            }
        }
        section aria-labelledby="record" {
            h2 #record { "Record" }
            dl.facts.record {
                dt { "Kind" }
                dd {
                    @match &rec.kind_span {
                        Some(s) => a.value href=(passage_href(&span_ref(oid, s))) { (kind) },
                        None => (kind),
                    }
                    (from_version(&e.sources, "kind", &it.versions))
                }
                dt { "Date" }
                dd {
                    @match e.date.as_ref().and_then(|d| d.span.as_ref()) {
                        Some(s) => a.value href=(passage_href(s)) { (it.date.label) },
                        None => (it.date.label),
                    }
                    @if let Some(n) = &it.date.note { " " span.muted { "(" (n) ")" } }
                    (from_version(&e.sources, "date", &it.versions))
                }
                @if let Some(p) = &e.place {
                    dt { "Place" }
                    dd { (value(&text_of, view, p, rec.place.as_ref().map(|x| span_ref(oid, &x.span)).as_ref(), lang)) (from_version(&e.sources, "place", &it.versions)) }
                }
                @if let Some(c) = &e.chair {
                    dt { "Chair" }
                    dd { (value(&text_of, view, c, rec.chair.as_ref().map(|x| span_ref(oid, &x.span)).as_ref(), lang)) (from_version(&e.sources, "chair", &it.versions)) }
                }
                @if let Some(c) = &e.sender {
                    dt { "Sender" }
                    dd { (value(&text_of, view, c, rec.sender.as_ref().map(|x| span_ref(oid, &x.span)).as_ref(), lang)) }
                }
                @for (label, person) in [("Leader named", &e.principal), ("Lecturer", &e.lecturer)] {
                    @if let Some(p) = person {
                        @if e.chair.as_deref() != Some(p.name.as_str()) && e.sender.as_deref() != Some(p.name.as_str()) || label == "Lecturer" {
                            dt { (label) }
                            dd { (value(&text_of, view, &p.name, p.span.as_ref(), lang)) @if let Some(t) = &p.title { " " span.muted lang="zh-Hans" { (t) } } }
                        }
                    }
                }
                @for (label, people) in [("Attendees", &e.attendees), ("Speakers", &e.speakers), ("Speeches by", &e.speeches)] {
                    @if !people.is_empty() {
                        dt { (label) }
                        dd { ol.people { @for p in people.iter() {
                            li { (value(&text_of, view, &p.name, p.span.as_ref(), lang)) @if let Some(t) = &p.title { " " span.muted lang="zh-Hans" { (t) } } }
                        } } }
                    }
                }
                @if !e.reviewed.is_empty() {
                    dt { "Reviewed" }
                    dd { ul.plain { @for r in &e.reviewed { li { "《" (value(&text_of, view, &r.title, r.span.as_ref(), lang)) "》" } } } }
                }
                @if !e.strategies.is_empty() {
                    dt { "Strategies" }
                    dd { ul.tags { @for st in &e.strategies {
                        @let hit = rec.strategies.iter().find(|h| h.name == *st);
                        li {
                            (value(&text_of, view, st, hit.and_then(|h| h.spans.first()).map(|s| span_ref(oid, s)).as_ref(), lang))
                            @if let Some(h) = hit { " " span.muted lang="en" { (h.english) } }
                        }
                    } } }
                }
                @if !e.formulations.is_empty() {
                    dt { "Formulations" }
                    dd { ul.tags { @for f in &e.formulations { li { a href={ "/formulations/" (url(f)) } lang="zh-Hans" { (f) } } } } }
                }
            }
            @if !e.directives.is_empty() {
                h3 { "Directives" }
                ol.directives {
                    @for d in &e.directives {
                        li {
                            span class={ "role role-" (d.role) } { (d.role.replace('_', " ")) }
                            @if let Some(a) = &d.actor { " " span.actor lang="zh-Hans" { (a) } }
                            " " (value(&text_of, view, &d.text, d.span.as_ref(), lang))
                        }
                    }
                }
            }
        }
        section aria-labelledby="versions" {
            h2 #versions { "Versions" }
            table.list.versions-table {
                thead { tr { th scope="col" { "Document" } th scope="col" { "Outlet" } th scope="col" { "Date" } th scope="col" { "Language" } th scope="col" { "Role" } th scope="col" { "Coverage" } } }
                tbody {
                    @for d in &it.versions {
                        tr {
                            td data-label="Document" { (doc_link(&d.id, d.title.as_deref(), doc_lang(d))) }
                            td data-label="Outlet" { @if let Some(o) = &d.source { span lang=(text_lang(o)) { (o) } } @else { span.muted { "not named" } } }
                            td data-label="Date" { (dates::published(d.published.as_deref()).unwrap_or_else(|| "not stated".into())) }
                            td data-label="Language" { (lang_label(d.lang, d.script)) }
                            td data-label="Role" {
                                (d.link.role.as_deref().unwrap_or(""))
                                @if let Some(of) = &d.link.translation_of {
                                    @let t = it.versions.iter().find(|v| v.id == *of);
                                    " of " @match t { Some(t) if t.id == *oid => "the original", Some(t) => (doc_link(&t.id, t.title.as_deref(), doc_lang(t))), None => "another version" }
                                }
                            }
                            td data-label="Coverage" { (d.link.coverage.map(percent).unwrap_or_default()) }
                        }
                    }
                }
            }
        }
        @if !alignments.is_empty() {
            section aria-labelledby="aligned" {
                h2 #aligned { "Aligned versions" }
                p.legend { span.omitted.sample { "sentence left out" } " " mark.omitted-phrase { "phrase left out" } " by the translation; " span.added.sample { "sentence with no original" } "." }
                @for (k, a) in alignments.iter().enumerate() {
                    (aligned(a, k, view, &it.versions))
                }
            }
        }
        (cite_block(&cite, &format!("{base}/cite.json")))
        section.downloads aria-labelledby="downloads" {
            h2 #downloads { "Download" }
            ul.plain {
                li { a download href={ "/events.csv?id=" (url(&e.id)) } { "This event as CSV" } " · " a download href={ "/events.json?id=" (url(&e.id)) } { "JSON" } " · " a href={ "/api/events/" (url(&e.id)) } { "the API's record" } }
                @if !alignments.is_empty() {
                    li { "Aligned pairs: " a download href={ (base) "/pairs.tmx" } { "TMX" } " · " a download href={ (base) "/pairs.csv" } { "CSV" } " · " a download href={ (base) "/pairs.jsonl" } { "JSON Lines" } }
                }
            }
        }
        details.provenance {
            summary { "Provenance" }
            @if let Some(d) = &original {
                dl.facts {
                    dt { "Original" } dd { (doc_link(&d.id, d.title.as_deref(), doc_lang(d))) }
                    dt { "File" } dd { code { (d.file) } }
                    dt { "SHA-256" } dd { code.hash { (d.sha256) } }
                    dt { "Event id" } dd { code { (e.id) } }
                }
            }
        }
    };
    let mut frame = cx.frame(it.title(), Section::Timeline);
    frame.title = it.title().to_string();
    Ok(frame.render(body_markup))
}

/// One paragraph of a document, marked, with its anchor and (for body paragraphs) a
/// link that makes it the paragraph to cite.
pub fn paragraph(
    p: &ParagraphRecord,
    marks: &[Mark],
    view: View,
    anchor: &str,
    class: &str,
    cite: Option<String>,
) -> Markup {
    let lang = crate::view::lang_tag(p.lang, p.script);
    let (text, marks, lang) = match view {
        View::Original => (p.text.clone(), marks.to_vec(), lang),
        View::Normalized => {
            let (t, m) = normalized(&p.text, marks);
            (
                t,
                m,
                if lang.starts_with("zh") {
                    "zh-Hans"
                } else {
                    lang
                },
            )
        }
    };
    html! {
        p id=(anchor) class=(class) lang=(lang) {
            (render(&text, &marks, &[]))
            @if let Some(c) = cite { " " a.pilcrow href=(c) aria-label="Cite this paragraph" { "¶" } }
        }
    }
}

fn sentence(
    doc: &str,
    s: &SentenceRef,
    marks: &[Mark],
    view: View,
    lang: &str,
    omitted: bool,
) -> Markup {
    let (text, marks, lang) = match view {
        View::Original => (s.text.clone(), marks.to_vec(), lang),
        View::Normalized => {
            let (t, m) = normalized(&s.text, marks);
            (
                t,
                m,
                if lang.starts_with("zh") {
                    "zh-Hans"
                } else {
                    lang
                },
            )
        }
    };
    let href = passage_href(&SpanRef {
        doc: doc.to_string(),
        headline: false,
        para: s.para,
        start: s.start,
        end: s.end,
    });
    html! {
        p class={ "sent" @if omitted { " omitted" } } lang=(lang) {
            @if omitted { span.tag { "not translated" } " " }
            (render(&text, &marks, &[]))
            " " a.to-passage href=(href) aria-label="This sentence in its document" { "↗" }
        }
    }
}

/// One translation against its original, a row per bead.
fn aligned(a: &PairAlignment, k: usize, view: View, versions: &[DocSummary]) -> Markup {
    let find = |id: &str| versions.iter().find(|d| d.id == id);
    let (o, t) = (find(&a.original), find(&a.translation));
    let lo = o.map(doc_lang).unwrap_or("und");
    let lt = t.map(doc_lang).unwrap_or("und");
    let label = |d: Option<&DocSummary>, id: &str| match d {
        Some(d) => doc_link(&d.id, d.title.as_deref(), doc_lang(d)),
        None => html! { code { (id) } },
    };
    html! {
        article.alignment id={ "alignment-" (k) } {
            h3 { (label(o, &a.original)) " ↔ " (label(t, &a.translation)) }
            p {
                "Coverage " (percent(f64::from(a.coverage))) ": " (a.omitted_sentences.len()) " of " (a.original_sentences.len())
                " original sentences left out, " (a.omitted_phrases.len()) " phrases left out within aligned sentences."
            }
            table.aligned {
                thead { tr { th scope="col" { "Original" } th scope="col" { "Translation" } } }
                tbody {
                    @for bead in a.beads.iter().take(ALIGNED_ROWS) {
                        @let omitted_row = !bead.zh.is_empty() && bead.en.is_empty();
                        @let added_row = bead.zh.is_empty() && !bead.en.is_empty();
                        tr class={ "bead" @if omitted_row { " omitted-row" } @if added_row { " added" } } {
                            td {
                                @for &i in &bead.zh {
                                    @if let Some(s) = a.original_sentences.get(i) {
                                        @let marks: Vec<Mark> = a.omitted_phrases.iter()
                                            .filter(|ph| ph.sentence == i && ph.para == s.para)
                                            .map(|ph| Mark::new(ph.start.saturating_sub(s.start), ph.end.saturating_sub(s.start), "omitted-phrase").titled("not rendered in the translation"))
                                            .collect();
                                        (sentence(&a.original, s, &marks, view, lo, a.omitted_sentences.contains(&i)))
                                    }
                                }
                                @if added_row { span.muted { "(no original sentence)" } }
                            }
                            td {
                                @for &j in &bead.en {
                                    @if let Some(s) = a.translation_sentences.get(j) {
                                        (sentence(&a.translation, s, &[], View::Original, lt, false))
                                    }
                                }
                                @if omitted_row { span.muted { "(not translated)" } }
                            }
                        }
                    }
                }
            }
            @if a.beads.len() > ALIGNED_ROWS {
                p.more { (a.beads.len() - ALIGNED_ROWS) " more rows: the TMX download holds every pair." }
            }
        }
    }
}
