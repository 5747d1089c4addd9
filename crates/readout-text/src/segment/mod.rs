//! segment: splits a file's paragraphs into documents and takes site boilerplate out
//! as metadata.
//!
//! Markup is structure, so it is read first ([`items`]): a feed's items are its
//! documents; in a page or an archive file, the headings of the level whose sections
//! carry what a separate item carries (its own source link, a dateline, a publishing
//! line) start one document each, a section listing those items is a
//! [`DocKind::Digest`], and the sections left over are read as text.
//!
//! In text, a new document starts where the writing system switches (a Chinese report
//! followed by its English version), where a dateline opens a report after another
//! report's body (with the headline lines just before it), where a digest numbers its
//! next item ("2. …"), and where a publishing line with a date follows a body. Each
//! document's leading headline lines are its headlines; breadcrumbs, publishing lines,
//! source-link lines and copyright lines become [`Meta`]; a headless stretch in a file
//! of headed articles is a [`DocKind::Fragment`].
//!
//! Every document gets its publication date with where it was read
//! ([`PublishedFrom`]): the text, the page's head, the feed, the document's url, or the
//! file's path, in that order.

pub(crate) mod boilerplate;
pub(crate) mod dateline;
pub(crate) mod headline;
mod items;
mod links;
pub(crate) mod published;

use crate::identify;
use crate::model::{
    DocKind, Document, Entry, Heading, Lang, Link, Meta, PageMeta, Paragraph, PublishedFrom, Script,
};
use std::ops::Range;

/// What the decoder learnt of a file's structure, in cleaned-text offsets, and where
/// the file was found: the segment stage's input beside the paragraphs.
#[derive(Debug, Clone, Default)]
pub struct Structure {
    /// Sorted by start; headings do not overlap.
    pub headings: Vec<Heading>,
    /// Thematic breaks (`---`, `<hr>`), sorted: a section ends at one.
    pub breaks: Vec<usize>,
    /// Sorted by start.
    pub links: Vec<Link>,
    /// A feed's items, sorted by start.
    pub entries: Vec<Entry>,
    pub page: PageMeta,
    /// The file's name or path as given (dates in it are evidence of publication).
    pub locator: Option<String>,
}

impl Structure {
    /// Headings alone, with no level: text with a few marked lines.
    pub fn from_headings(headings: &[Range<usize>]) -> Self {
        Structure {
            headings: headings
                .iter()
                .map(|r| Heading {
                    range: r.clone(),
                    level: 0,
                })
                .collect(),
            ..Structure::default()
        }
    }

    /// The heading that holds cleaned range `r`, if one does.
    fn heading_of(&self, r: &Range<usize>) -> Option<&Heading> {
        let i = self.headings.partition_point(|h| h.range.start <= r.start);
        let h = self.headings.get(i.checked_sub(1)?)?;
        (h.range.start <= r.start && r.end <= h.range.end && r.start < r.end).then_some(h)
    }
}

#[derive(Debug)]
enum Role {
    Breadcrumb,
    Meta(boilerplate::MetaLine),
    /// A source-link line ("[查看原文](url)", "原文链接：url"): the document's url.
    Link(links::LinkLine),
    /// A copyright line, spaced out or not.
    Copyright,
    Headline,
    Body,
}

struct Info {
    role: Role,
    /// `Some(true)` Han, `Some(false)` Latin, `None` undecided.
    han: Option<bool>,
    dateline: Option<dateline::Dateline>,
    digest: Option<usize>,
    /// The level of the markup heading this paragraph is.
    heading: Option<u8>,
}

/// A headless stretch this short, in a file that has articles, is a stray fragment;
/// a longer one is an untitled article.
const FRAGMENT_MAX_PARAGRAPHS: usize = 3;

/// How far into a paragraph the writing system is sampled: enough to decide, cheap on
/// long paragraphs.
const SAMPLE_BYTES: usize = 240;

fn classify(p: &Paragraph, s: &Structure) -> Info {
    let text = p.text.as_str();
    let sample = &text[..readout_lang::floor_boundary(text, SAMPLE_BYTES)];
    let han = identify::profile(sample).han_dominant();
    let dl = dateline::detect(text);
    let src = p.src_range();
    let heading = s.heading_of(&src).map(|h| h.level);
    let hinted = heading.is_some();
    let role = if dl.is_some() {
        Role::Body
    } else if let Some(l) = links::link_line(p, &s.links) {
        Role::Link(l)
    } else if boilerplate::is_copyright(text) {
        Role::Copyright
    } else if boilerplate::is_breadcrumb(text) {
        Role::Breadcrumb
    } else if let Some(m) = boilerplate::parse_meta_line(text).filter(|m| m.glued_at.is_none()) {
        Role::Meta(m)
    } else if let Some(names) = boilerplate::parse_byline(text) {
        Role::Meta(boilerplate::MetaLine {
            author: Some(Some(names)),
            ..Default::default()
        })
    } else if headline::headline_like(text) || (hinted && text.len() <= 600) {
        Role::Headline
    } else {
        Role::Body
    };
    let digest = match role {
        Role::Headline => headline::digest_number(text),
        _ => None,
    };
    Info {
        role,
        han,
        dateline: dl,
        digest,
        heading,
    }
}

/// Splits `paragraphs` (in file order) into documents. `headings` are cleaned-text
/// ranges that the markup marked as headings.
pub fn segment(paragraphs: Vec<Paragraph>, headings: &[Range<usize>]) -> Vec<Document> {
    segment_with(paragraphs, &Structure::from_headings(headings))
}

/// Splits `paragraphs` (in file order) into documents, reading the file's structure
/// first.
pub fn segment_with(paragraphs: Vec<Paragraph>, s: &Structure) -> Vec<Document> {
    let infos: Vec<Info> = paragraphs.iter().map(|p| classify(p, s)).collect();
    let regions = items::regions(&paragraphs, &infos, s);
    // A stretch read as text beside items is one part of a collection.
    let in_collection = regions.len() > 1;
    let mut slots: Vec<Option<Paragraph>> = paragraphs.into_iter().map(Some).collect();
    let mut docs = Vec::new();
    for region in regions {
        match region {
            items::Region::Text(r) => {
                let cuts: Vec<Range<usize>> = find_cuts(&infos[r.clone()])
                    .into_iter()
                    .map(|c| c.start + r.start..c.end + r.start)
                    .collect();
                docs.extend(text_documents(cuts, &infos, &mut slots, in_collection));
            }
            items::Region::Item { range, entry } => {
                let mut doc = item_document(range, &infos, &mut slots, DocKind::Article);
                if let Some(e) = entry.and_then(|i| s.entries.get(i)) {
                    apply_entry(&mut doc.meta, e);
                }
                docs.push(doc);
            }
            items::Region::Digest(range) => {
                docs.push(item_document(range, &infos, &mut slots, DocKind::Digest));
            }
        }
    }
    for doc in &mut docs {
        finish_meta(doc, s);
    }
    docs
}

fn new_document(kind: DocKind) -> Document {
    Document {
        kind,
        lang: Lang::Und,
        script: Script::Und,
        title: None,
        headlines: Vec::new(),
        body: Vec::new(),
        meta: Meta::default(),
        span: 0..0,
    }
}

fn widen(span: &mut Option<Range<usize>>, src: Range<usize>) {
    *span = Some(match span.take() {
        Some(s) => s.start.min(src.start)..s.end.max(src.end),
        None => src,
    });
}

/// Metadata that a paragraph of the role carries; true when the paragraph was taken.
fn take_meta(doc: &mut Document, info: &Info, p: &Paragraph) -> bool {
    match &info.role {
        Role::Breadcrumb | Role::Copyright => doc.meta.boilerplate.push(p.text.clone()),
        Role::Meta(m) => merge_meta(&mut doc.meta, m),
        Role::Link(l) => {
            if doc.meta.url.is_none() {
                doc.meta.url = l.url.clone();
            }
            if doc.meta.source.is_none() {
                doc.meta.source = l.source.clone();
            }
            // A short line that only introduced the links ("获取更多RSS：", "相关链接：")
            // goes with them.
            if doc.body.last().is_some_and(|b| introduces(&b.text)) {
                if let Some(b) = doc.body.pop() {
                    doc.meta.boilerplate.push(b.text);
                }
            }
            doc.meta.boilerplate.push(p.text.clone());
        }
        Role::Headline | Role::Body => return false,
    }
    true
}

/// A short line that ends with a colon: it introduces what follows.
fn introduces(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with(['：', ':']) && t.chars().count() <= 24
}

/// One document from a markup item (or a digest): its heading is its headline, and
/// everything under it that is not metadata is its body, sub-headings included.
fn item_document(
    range: Range<usize>,
    infos: &[Info],
    slots: &mut [Option<Paragraph>],
    kind: DocKind,
) -> Document {
    let mut doc = new_document(kind);
    let mut span = None;
    let mut first = true;
    for i in range {
        let Some(p) = slots[i].take() else { continue };
        widen(&mut span, p.src_range());
        let info = &infos[i];
        let is_first = std::mem::take(&mut first);
        // A date alone under a text is the text's own (a letter's date), not the page's.
        let dated_text = !doc.body.is_empty() && matches!(&info.role, Role::Meta(m) if !m.labelled);
        if !dated_text && take_meta(&mut doc, info, &p) {
            continue;
        }
        if is_first && info.heading.is_some() {
            doc.headlines.push(p);
            continue;
        }
        if doc.body.is_empty() {
            if let Some(d) = &info.dateline {
                doc.meta.dateline = Some(d.text.clone());
                if doc.meta.author.is_none() {
                    doc.meta.author = d.reporters.clone();
                }
            }
        }
        doc.body.push(p);
    }
    drop_pull_quotes(&mut doc);
    doc.span = span.unwrap_or(0..0);
    set_title(&mut doc);
    doc
}

/// Documents of a stretch read as text, cut at `cuts`.
fn text_documents(
    cuts: Vec<Range<usize>>,
    infos: &[Info],
    slots: &mut [Option<Paragraph>],
    in_collection: bool,
) -> Vec<Document> {
    // A document with headlines and a body somewhere in the stretch makes the headless
    // short stretches around it strays.
    let any_article = cuts.iter().any(|r| {
        let infos = &infos[r.clone()];
        infos.iter().any(|i| matches!(i.role, Role::Headline))
            && infos.iter().any(|i| matches!(i.role, Role::Body))
    });
    let several = cuts.len() > 1 || in_collection;
    let mut docs = Vec::with_capacity(cuts.len());
    for r in cuts {
        let mut doc = new_document(DocKind::Article);
        let mut span = None;
        let mut in_header = true;
        for i in r {
            let Some(p) = slots[i].take() else { continue };
            widen(&mut span, p.src_range());
            let info = &infos[i];
            if take_meta(&mut doc, info, &p) {
                continue;
            }
            match &info.role {
                Role::Headline if in_header => doc.headlines.push(p),
                _ => {
                    if in_header {
                        in_header = false;
                        if let Some(d) = &info.dateline {
                            doc.meta.dateline = Some(d.text.clone());
                            if doc.meta.author.is_none() {
                                doc.meta.author = d.reporters.clone();
                            }
                        }
                    }
                    doc.body.push(p);
                }
            }
        }
        drop_pull_quotes(&mut doc);
        doc.span = span.unwrap_or(0..0);
        set_title(&mut doc);
        if several && doc.body.is_empty() {
            // Headline-like lines with nothing under them head no article.
            doc.kind = DocKind::Fragment;
            doc.title = None;
            doc.meta.page = None;
            doc.body = std::mem::take(&mut doc.headlines);
        } else if several
            && any_article
            && doc.headlines.is_empty()
            && doc.meta.dateline.is_none()
            && doc.body.len() <= FRAGMENT_MAX_PARAGRAPHS
        {
            // (A dateline opens a report, headline or not.)
            doc.kind = DocKind::Fragment;
        }
        docs.push(doc);
    }
    docs
}

/// The title: the first headline, without a digest number or a newspaper page label
/// (which becomes [`Meta::page`]). A headline that is only a page label is no title.
fn set_title(doc: &mut Document) {
    while let Some((label_end, title_at)) = doc
        .headlines
        .first()
        .and_then(|h| headline::page_label(&h.text))
    {
        let h = &doc.headlines[0];
        if doc.meta.page.is_none() {
            doc.meta.page = Some(h.text[..label_end].trim().to_string());
        }
        if title_at < h.text.len() {
            doc.headlines[0] = h.slice(title_at..h.text.len());
            break;
        }
        let label = doc.headlines.remove(0);
        doc.meta.boilerplate.push(label.text);
    }
    doc.title = doc.headlines.first().map(|h| {
        let skip = headline::digest_number(&h.text).unwrap_or(0);
        h.text[skip..].trim().to_string()
    });
}

/// Pull quotes and summary blocks marked ■ before an article's first paragraph are the
/// page's furniture, not the article: they go to the boilerplate. A text made only of
/// such paragraphs (a column of notices) keeps them.
fn drop_pull_quotes(doc: &mut Document) {
    let marked = |p: &Paragraph| p.text.trim_start().starts_with(['■', '□', '▲', '◆']);
    let lead = doc.body.iter().take_while(|p| marked(p)).count();
    if lead > 0 && lead < doc.body.len() {
        for p in doc.body.drain(..lead) {
            doc.meta.boilerplate.push(p.text);
        }
        if doc.meta.dateline.is_none() {
            if let Some(d) = doc.body.first().and_then(|p| dateline::detect(&p.text)) {
                doc.meta.dateline = Some(d.text);
            }
        }
    }
}

fn apply_entry(meta: &mut Meta, e: &Entry) {
    // The feed names the item's own page; a link inside its content may point anywhere.
    if let Some(u) = e.url.as_deref().and_then(links::absolute) {
        meta.url = Some(u);
    }
    if meta.source.is_none() {
        meta.source = e.source.clone();
    }
    if meta.author.is_none() {
        meta.author = e.author.clone();
    }
    if meta.published.is_none() {
        if let Some(iso) = e.published.as_deref().and_then(published::normalize) {
            meta.published = Some(iso);
            meta.published_from = Some(PublishedFrom::Feed);
        }
    }
}

/// Fills what the document does not say itself from the page and the file: the url of
/// a page that holds one document, the publication date (the text's, a dateline's
/// year, the page's head, the url, the path), the source.
fn finish_meta(doc: &mut Document, s: &Structure) {
    let m = &mut doc.meta;
    if m.published.is_some() && m.published_from.is_none() {
        m.published_from = Some(PublishedFrom::Text);
    }
    if m.published.is_none() {
        if let Some(iso) = m.dateline.as_deref().and_then(dateline::stated_date) {
            m.published = Some(iso);
            m.published_from = Some(PublishedFrom::Text);
        }
    }
    if m.url.is_none() && s.entries.is_empty() {
        m.url = s.page.url.as_deref().and_then(links::absolute);
    }
    if m.source.is_none() {
        m.source = s.page.source.clone();
    }
    let candidates = [
        (s.page.published.as_deref(), PublishedFrom::Meta),
        (m.url.as_deref(), PublishedFrom::Url),
        (s.locator.as_deref(), PublishedFrom::Path),
    ];
    for (raw, from) in candidates {
        if m.published.is_some() {
            break;
        }
        let iso = match from {
            PublishedFrom::Meta => raw.and_then(published::normalize),
            _ => raw.and_then(published::from_locator),
        };
        if let Some(iso) = iso {
            m.published = Some(iso);
            m.published_from = Some(from);
        }
    }
}

fn merge_meta(meta: &mut Meta, m: &boilerplate::MetaLine) {
    if meta.published.is_none() {
        meta.published = m.published.clone();
    }
    if meta.source.is_none() {
        meta.source = m.source.clone();
    }
    if let Some(a) = &m.author {
        if meta.author.is_none() {
            meta.author = a.clone();
        }
    }
    if let Some(e) = &m.editor {
        if meta.editor.is_none() {
            meta.editor = e.clone();
        }
    }
}

/// The documents' paragraph ranges.
fn find_cuts(infos: &[Info]) -> Vec<Range<usize>> {
    let mut starts = vec![0usize];
    let mut cur_han: Option<bool> = None;
    let mut has_body = false;
    for (i, info) in infos.iter().enumerate() {
        let content = matches!(info.role, Role::Headline | Role::Body);
        let mut cut = None;
        if content && info.han.is_some() && cur_han.is_some() && info.han != cur_han {
            // The writing system switched: a version in another language starts here,
            // with the boilerplate lines right before it.
            cut = Some(back_over(infos, i, false, info.han));
        } else if has_body && info.dateline.is_some() {
            cut = Some(back_over(infos, i, true, None));
        } else if has_body && info.digest.is_some() {
            cut = Some(back_over(infos, i, false, None));
        } else if has_body && matches!(&info.role, Role::Meta(m) if m.published.is_some()) {
            cut = Some(back_over(infos, i, true, None));
        }
        if let Some(c) = cut {
            let last = *starts.last().unwrap_or(&0);
            if c > last {
                starts.push(c);
            }
            // Re-read what the new document holds so far.
            cur_han = None;
            has_body = false;
            for inf in &infos[c..i] {
                if matches!(inf.role, Role::Headline | Role::Body) && cur_han.is_none() {
                    cur_han = inf.han;
                }
                has_body |= matches!(inf.role, Role::Body);
            }
        }
        if content && cur_han.is_none() {
            cur_han = info.han;
        }
        if matches!(info.role, Role::Body) {
            has_body = true;
        }
    }
    let mut ranges: Vec<Range<usize>> = starts
        .windows(2)
        .map(|w| w[0]..w[1])
        .chain(starts.last().map(|&s| s..infos.len()))
        .filter(|r| !r.is_empty())
        .collect();
    // A stretch of boilerplate alone goes with the document after it.
    let mut i = 0;
    while i + 1 < ranges.len() {
        let only_boiler = infos[ranges[i].clone()].iter().all(|inf| {
            matches!(
                inf.role,
                Role::Breadcrumb | Role::Meta(_) | Role::Link(_) | Role::Copyright
            )
        });
        if only_boiler {
            let next = ranges.remove(i + 1);
            ranges[i].end = next.end;
        } else {
            i += 1;
        }
    }
    ranges
}

/// Walks back from paragraph `i` over the boilerplate (and, with `headlines`, the
/// headline lines) that open the document starting at `i`. With `han` set, only lines
/// in that writing system (or undecided) go along: the previous version's trailing
/// boilerplate stays with it.
fn back_over(infos: &[Info], i: usize, headlines: bool, han: Option<bool>) -> usize {
    let mut c = i;
    while c > 0 {
        let prev = &infos[c - 1];
        let same = han.is_none() || prev.han.is_none() || prev.han == han;
        let take = same
            && match prev.role {
                Role::Breadcrumb | Role::Meta(_) => true,
                Role::Headline => headlines,
                // A source link or a copyright line closes the document before.
                Role::Link(_) | Role::Copyright | Role::Body => false,
            };
        if !take {
            break;
        }
        c -= 1;
    }
    c
}
