//! segment: splits a file's paragraphs into documents and takes site boilerplate out
//! as metadata.
//!
//! A new document starts where the writing system switches (a Chinese report followed
//! by its English version), where a dateline opens a report after another report's body
//! (with the headline lines just before it), where a digest numbers its next item
//! ("2. …"), and where a publishing line with a date follows a body. Each document's
//! leading headline lines are its headlines; breadcrumbs and publishing lines become
//! [`Meta`]; a headless stretch in a file of headed articles is a [`DocKind::Fragment`].

pub(crate) mod boilerplate;
pub(crate) mod dateline;
pub(crate) mod headline;

use crate::identify;
use crate::model::{DocKind, Document, Lang, Meta, Paragraph, Script};
use std::ops::Range;

#[derive(Debug)]
enum Role {
    Breadcrumb,
    Meta(boilerplate::MetaLine),
    Headline,
    Body,
}

struct Info {
    role: Role,
    /// `Some(true)` Han, `Some(false)` Latin, `None` undecided.
    han: Option<bool>,
    dateline: Option<dateline::Dateline>,
    digest: Option<usize>,
}

/// A headless stretch this short, in a file that has articles, is a stray fragment;
/// a longer one is an untitled article.
const FRAGMENT_MAX_PARAGRAPHS: usize = 3;

/// How far into a paragraph the writing system is sampled: enough to decide, cheap on
/// long paragraphs.
const SAMPLE_BYTES: usize = 240;

fn classify(p: &Paragraph, headings: &[Range<usize>]) -> Info {
    let text = p.text.as_str();
    let sample = &text[..dateline::floor_boundary(text, SAMPLE_BYTES)];
    let han = identify::profile(sample).han_dominant();
    let dl = dateline::detect(text);
    let src = p.src_range();
    let hinted = headings
        .iter()
        .any(|h| h.start <= src.start && src.end <= h.end && src.end > src.start);
    let role = if dl.is_some() {
        Role::Body
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
    }
}

/// Splits `paragraphs` (in file order) into documents. `headings` are cleaned-text
/// ranges that the markup marked as headings.
pub fn segment(paragraphs: Vec<Paragraph>, headings: &[Range<usize>]) -> Vec<Document> {
    let infos: Vec<Info> = paragraphs.iter().map(|p| classify(p, headings)).collect();
    let cuts = find_cuts(&infos);
    // A document with headlines and a body somewhere in the file makes the headless
    // short stretches around it strays.
    let any_article = cuts.iter().any(|r| {
        let infos = &infos[r.clone()];
        infos.iter().any(|i| matches!(i.role, Role::Headline))
            && infos.iter().any(|i| matches!(i.role, Role::Body))
    });
    let several = cuts.len() > 1;
    let mut slots: Vec<Option<Paragraph>> = paragraphs.into_iter().map(Some).collect();
    let mut docs = Vec::with_capacity(cuts.len());
    for r in cuts {
        let mut doc = Document {
            kind: DocKind::Article,
            lang: Lang::Und,
            script: Script::Und,
            title: None,
            headlines: Vec::new(),
            body: Vec::new(),
            meta: Meta::default(),
            span: 0..0,
        };
        let mut span: Option<Range<usize>> = None;
        let mut in_header = true;
        for i in r {
            let Some(p) = slots[i].take() else { continue };
            let src = p.src_range();
            span = Some(match span {
                Some(s) => s.start.min(src.start)..s.end.max(src.end),
                None => src,
            });
            let info = &infos[i];
            match &info.role {
                Role::Breadcrumb => doc.meta.boilerplate.push(p.text),
                Role::Meta(m) => merge_meta(&mut doc.meta, m),
                Role::Headline if in_header => doc.headlines.push(p),
                Role::Headline | Role::Body => {
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
        doc.span = span.unwrap_or(0..0);
        doc.title = doc.headlines.first().map(|h| {
            let skip = headline::digest_number(&h.text).unwrap_or(0);
            h.text[skip..].trim().to_string()
        });
        if several && doc.body.is_empty() {
            // Headline-like lines with nothing under them head no article.
            doc.kind = DocKind::Fragment;
            doc.title = None;
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
        let only_boiler = infos[ranges[i].clone()]
            .iter()
            .all(|inf| matches!(inf.role, Role::Breadcrumb | Role::Meta(_)));
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
                Role::Body => false,
            };
        if !take {
            break;
        }
        c -= 1;
    }
    c
}
