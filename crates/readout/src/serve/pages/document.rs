//! `/docs` and `/docs/{id}`: the list of documents, and one document's cleaned text
//! with its provenance (file, hash, encoding, metadata), its place in its event, the
//! passage a link asked for highlighted (`?hl=PARA:START-END`, `h` before PARA for a
//! headline), and on demand (`?show=removals`) the noise the cleaner removed and the
//! breaks the layout stage repaired, each shown where it was.

use super::{doc_lang, doc_link, kind_label, percent, view_toggle, View};
use crate::json::name;
use crate::serve::catalog::Catalog;
use crate::serve::error::PageError;
use crate::serve::html::{esc, lang_tag, url, Page, Section};
use crate::serve::params::Params;
use crate::serve::passage::{normalized, render, Insert, Mark};
use crate::serve::state::AppState;
use readout_store::{FileRecord, ParagraphRecord, ReadingRecord};
use readout_text::{Lang, RemovalKind, RepairKind, Script};

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

/// Rows per page of the list of documents.
const LIST_PAGE: usize = 200;

pub fn list(state: &AppState, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let offset = p
        .number("offset", 0, 0, 100_000_000)
        .map_err(|e| PageError::bad_request(e.0))?;
    let mut page = Page::new("Documents")
        .section(Section::Documents)
        .notice(catalog.notice());
    page.push(&format!(
        "<h1>Documents</h1><p>{} documents in the store, in the order their files were ingested.</p>",
        catalog.docs.len()
    ));
    page.push("<div class=\"scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">Title</th><th scope=\"col\">Language</th><th scope=\"col\">Kind</th><th scope=\"col\">Event</th><th scope=\"col\">Role</th></tr></thead><tbody>");
    for d in catalog.docs.iter().skip(offset).take(LIST_PAGE) {
        let link = catalog.link(&d.id);
        let event = match link.and_then(|l| l.event.as_deref()) {
            Some(e) => format!("<a href=\"/events/{}\"><code>{}</code></a>", url(e), esc(e)),
            None => "<span class=\"muted\">none</span>".into(),
        };
        let role = link
            .and_then(|l| l.role.as_deref())
            .map(esc)
            .unwrap_or_default();
        page.push(&format!(
            "<tr><td>{}</td><td>{} · {}</td><td>{}</td><td>{event}</td><td>{role}</td></tr>",
            doc_link(&catalog, &d.id),
            esc(&name(&d.lang)),
            esc(&name(&d.script)),
            esc(&name(&d.kind)),
        ));
    }
    page.push("</tbody></table></div>");
    let mut nav = Vec::new();
    if offset > 0 {
        nav.push(format!(
            "<a href=\"/docs?offset={}\">Previous</a>",
            offset.saturating_sub(LIST_PAGE)
        ));
    }
    if offset + LIST_PAGE < catalog.docs.len() {
        nav.push(format!(
            "<a href=\"/docs?offset={}\">Next</a>",
            offset + LIST_PAGE
        ));
    }
    if !nav.is_empty() {
        page.push(&format!(
            "<nav class=\"pages\" aria-label=\"Pages\">{}</nav>",
            nav.join(" ")
        ));
    }
    Ok(page)
}

/// Visible form of removed or dropped text: line breaks and invisible characters
/// named, so the reader sees that something was there.
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

/// The paragraph position (characters) of cleaned-text byte offset `o`, when the
/// paragraph copies that place.
fn position(p: &ParagraphRecord, o: usize) -> Option<usize> {
    let piece = p
        .pieces
        .iter()
        .find(|pc| pc.src.start <= o && o <= pc.src.end)?;
    let byte = piece.at + (o - piece.src.start);
    let byte = byte.min(p.text.len());
    // A byte inside a character (should not happen) rounds down to its start.
    let mut b = byte;
    while b > 0 && !p.text.is_char_boundary(b) {
        b -= 1;
    }
    Some(p.text[..b].chars().count())
}

/// What was removed and repaired within paragraph `p`, as markup in place.
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
                html: format!(
                    "<del class=\"removed\" title=\"{}\">{}</del>",
                    removal_label(r.kind),
                    esc(&visible(&r.text))
                ),
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
                html: format!(
                    "<span class=\"repair\" title=\"{}\">{}</span>",
                    repair_label(r.kind),
                    esc(&visible(dropped))
                ),
            });
        }
    }
    out
}

fn paragraph_html(
    tag_id: &str,
    class: &str,
    p: &ParagraphRecord,
    marks: &[Mark],
    view: View,
    extra: Option<&[Insert]>,
) -> String {
    let lang = lang_tag(p.lang, p.script);
    let body = match view {
        View::Original => render(&p.text, marks, extra.unwrap_or(&[])),
        View::Normalized => {
            let (text, marks) = normalized(&p.text, marks);
            render(&text, &marks, &[])
        }
    };
    let view_lang = if view == View::Normalized && lang.starts_with("zh") {
        "zh-Hans"
    } else {
        lang
    };
    format!("<p id=\"{tag_id}\" class=\"{class}\" lang=\"{view_lang}\">{body}</p>")
}

fn row(label: &str, value_html: &str) -> String {
    format!("<dt>{label}</dt><dd>{value_html}</dd>")
}

fn opt_row(label: &str, value: Option<&str>) -> String {
    match value {
        Some(v) => row(label, &esc(v)),
        None => String::new(),
    }
}

pub fn show(state: &AppState, id: &str, p: &Params) -> Result<Page, PageError> {
    let catalog = state.catalog()?;
    let d = catalog
        .doc(id)
        .ok_or_else(|| PageError::not_found(format!("There is no document {id} in the store.")))?;
    let view = View::from(p)?;
    let show_removals = p
        .choice("show", &["removals"])
        .map_err(|e| PageError::bad_request(e.0))?
        .is_some();
    let mut highlights = Vec::new();
    for h in p.all("hl") {
        highlights.push(parse_highlight(h).ok_or_else(|| {
            PageError::bad_request(format!(
                "`hl` must look like PARA:START-END (h before PARA for a headline), not `{h}`"
            ))
        })?);
    }
    let sha = d.sha256.clone();
    let (reading, files) = state.with_store(|s| {
        let reading = s.get_reading(&sha)?;
        let files: Vec<FileRecord> = s
            .list_files()?
            .into_iter()
            .filter(|f| f.sha256 == sha)
            .collect();
        Ok((reading, files))
    })?;

    let lang = doc_lang(d);
    let title = d.title.clone().unwrap_or_else(|| format!("Document {id}"));
    let mut page = Page::new(&title)
        .section(Section::Documents)
        .notice(catalog.notice());
    page.push(&format!(
        "<p class=\"crumbs\"><a href=\"/docs\">Documents</a> › <code>{}</code></p>",
        esc(id)
    ));
    match &d.title {
        Some(t) => page.push(&format!("<h1 lang=\"{lang}\">{}</h1>", esc(t))),
        None => page.push(&format!("<h1>Document <code>{}</code></h1>", esc(id))),
    }
    page.push(&event_box(&catalog, id));

    // Provenance.
    page.push(
        "<section aria-labelledby=\"prov\"><h2 id=\"prov\">Provenance</h2><dl class=\"facts\">",
    );
    page.push(&row("Id", &format!("<code>{}</code>", esc(id))));
    page.push(&row("File", &format!("<code>{}</code>", esc(&d.file))));
    for f in files.iter().filter(|f| f.path != d.file) {
        page.push(&row(
            "Also ingested as",
            &format!("<code>{}</code>", esc(&f.path)),
        ));
    }
    page.push(&row(
        "SHA-256",
        &format!("<code class=\"hash\">{}</code>", esc(&d.sha256)),
    ));
    page.push(&row(
        "Position",
        &format!("document {} of its file", d.ordinal + 1),
    ));
    if let Some(r) = &reading {
        page.push(&row("Encoding", &esc(&r.encoding)));
        page.push(&row("Format", &esc(&name(&r.format))));
        if r.had_errors {
            page.push(&row(
                "Decoding",
                "some bytes were invalid and replaced by U+FFFD",
            ));
        }
        page.push(&row("Reader", &esc(&r.reader_version)));
    }
    page.push(&row("Kind", &esc(&name(&d.kind))));
    page.push(&row(
        "Language",
        &format!("{} · {}", esc(&name(&d.lang)), esc(&name(&d.script))),
    ));
    page.push(&opt_row("Published", d.meta.published.as_deref()));
    page.push(&opt_row("Source", d.meta.source.as_deref()));
    page.push(&opt_row("Author", d.meta.author.as_deref()));
    page.push(&opt_row("Editor", d.meta.editor.as_deref()));
    if let Some(dl) = &d.meta.dateline {
        page.push(&row(
            "Dateline",
            &format!("<span lang=\"{lang}\">{}</span>", esc(dl)),
        ));
    }
    for b in &d.meta.boilerplate {
        page.push(&row(
            "Site line",
            &format!("<span lang=\"{lang}\">{}</span>", esc(b)),
        ));
    }
    page.push(&row(
        "Removed",
        &format!(
            "{} code points of noise (emoji, symbols, invisibles)",
            d.removed
        ),
    ));
    if let Some(r) = &reading {
        for diag in &r.diagnostics {
            page.push(&row("Note", &esc(diag)));
        }
    }
    page.push("</dl></section>");

    // Text.
    let base = format!("/docs/{}", url(id));
    let mut keep = Vec::new();
    for h in p.all("hl") {
        keep.push(format!("hl={}", url(h)));
    }
    let with = |extra: &[&str]| {
        let mut q: Vec<String> = keep.clone();
        q.extend(extra.iter().map(|s| s.to_string()));
        if q.is_empty() {
            base.clone()
        } else {
            format!("{base}?{}", q.join("&"))
        }
    };
    page.push(
        "<section aria-labelledby=\"text\"><h2 id=\"text\">Text</h2><div class=\"controls\">",
    );
    // Only Chinese text has a simplified view to switch to.
    let chinese =
        d.lang == Lang::Zh || matches!(d.script, Script::Hans | Script::Hant | Script::Mixed);
    if chinese {
        page.push(&view_toggle(
            &with(if show_removals {
                &["show=removals"]
            } else {
                &[]
            }),
            view,
        ));
    }
    if view == View::Original {
        let (href, label) = if show_removals {
            (with(&[]), "Hide removed noise and repairs")
        } else {
            (
                with(&["show=removals"]),
                "Show removed noise and repairs in place",
            )
        };
        page.push(&format!(
            "<a class=\"button\" href=\"{}\">{label}</a>",
            esc(&href)
        ));
    }
    page.push("</div>");
    if show_removals && view == View::Original {
        page.push("<p class=\"legend\"><del class=\"removed\">removed</del> noise the cleaner took out · <span class=\"repair\">↵</span> a break the layout stage repaired</p>");
    }
    let marks_for = |headline: bool, i: usize| -> Vec<Mark> {
        highlights
            .iter()
            .filter(|h| h.headline == headline && h.para == i)
            .map(|h| Mark::new(h.start, h.end, "hl").titled("the passage linked to"))
            .collect()
    };
    if !d.headlines.is_empty() {
        page.push("<div class=\"headlines\">");
        for (i, h) in d.headlines.iter().enumerate() {
            let extra = match (&reading, show_removals) {
                (Some(r), true) => Some(inserts(h, r)),
                _ => None,
            };
            page.push(&paragraph_html(
                &format!("h{i}"),
                "headline",
                h,
                &marks_for(true, i),
                view,
                extra.as_deref(),
            ));
        }
        page.push("</div>");
    }
    page.push("<div class=\"body\">");
    for (i, b) in d.body.iter().enumerate() {
        let extra = match (&reading, show_removals) {
            (Some(r), true) => Some(inserts(b, r)),
            _ => None,
        };
        page.push(&paragraph_html(
            &format!("p{i}"),
            "para",
            b,
            &marks_for(false, i),
            view,
            extra.as_deref(),
        ));
    }
    page.push("</div></section>");
    Ok(page)
}

/// The document's event, role and coverage, as a short box above the text.
fn event_box(catalog: &Catalog, id: &str) -> String {
    let Some(link) = catalog.link(id) else {
        return String::new();
    };
    let Some(ev) = link.event.as_deref() else {
        return "<p class=\"note\">This document belongs to no event (a fragment, or text too short to tell).</p>".into();
    };
    let kind = catalog
        .event(ev)
        .map(|e| kind_label(&name(&e.kind)))
        .unwrap_or_default();
    let role = link.role.clone().unwrap_or_default();
    let mut s = format!(
        "<p class=\"note\">Reports the event <a href=\"/events/{}\">{}</a> ({}) as its <strong>{}</strong>",
        url(ev),
        esc(ev),
        esc(&kind),
        esc(&role)
    );
    if let Some(of) = &link.translation_of {
        s.push_str(&format!(" of {}", doc_link(catalog, of)));
    }
    if let Some(c) = link.coverage {
        s.push_str(&format!(", rendering {} of its sentences", percent(c)));
    }
    s.push_str(".</p>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_parse_strictly() {
        assert_eq!(
            parse_highlight("3:7-13"),
            Some(Highlight {
                headline: false,
                para: 3,
                start: 7,
                end: 13
            })
        );
        assert!(parse_highlight("h0:1-2").unwrap().headline);
        for bad in [
            "",
            "3",
            "3:7",
            "3:13-7",
            "x:1-2",
            "3:-1-2",
            "3:1-99999999999",
        ] {
            assert_eq!(parse_highlight(bad), None, "{bad}");
        }
    }

    #[test]
    fn invisible_removals_are_named() {
        assert_eq!(visible("a\u{200B}\n"), "a[U+200B]↵");
    }
}
