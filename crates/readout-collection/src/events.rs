//! Events: the versions of one event linked across scripts and languages, each with a
//! role, and the event's record taken from its original and completed from its
//! versions (with the source of every completed value kept).

use std::collections::BTreeMap;

use readout_align::link::{Lang as LinkLang, LinkDoc};
use readout_align::{split_en, split_zh, Aligner};
use readout_record::{EventKind, Record};
use readout_text::{Lang, Script};
use serde::Serialize;

use crate::prepare::Prepared;
use crate::spans::{remap_json, SpanRef};

/// The part a document plays in its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The version the others derive from (the Chinese report; simplified preferred).
    Original,
    /// Another copy in the original's language (a traditional-script conversion, an excerpt).
    Copy,
    /// A version in another language.
    Translation,
}

/// How one document stands in the collection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocLink {
    pub doc: String,
    pub event: Option<String>,
    pub role: Option<Role>,
    pub translation_of: Option<String>,
    /// Share of the original's sentences this translation renders.
    pub coverage: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventDateOut {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub relative: Option<String>,
    /// The expression as written.
    pub text: String,
    pub span: Option<SpanRef>,
    /// What supplied the parts the text does not state ("text", "published", or the id
    /// of the version whose date completed this one).
    pub resolved_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonOut {
    pub name: String,
    pub title: Option<String>,
    pub span: Option<SpanRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleOut {
    pub title: String,
    pub span: Option<SpanRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DirectiveOut {
    pub text: String,
    pub actor: Option<String>,
    pub role: String,
    pub span: Option<SpanRef>,
}

/// One event and its record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub date: Option<EventDateOut>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub sender: Option<String>,
    pub attendees: Vec<PersonOut>,
    pub speakers: Vec<PersonOut>,
    pub reviewed: Vec<TitleOut>,
    pub mentioned_documents: Vec<String>,
    pub strategies: Vec<String>,
    pub directives: Vec<DirectiveOut>,
    pub formulations: Vec<String>,
    /// Every version's document id, original first.
    pub versions: Vec<String>,
    pub original: String,
    /// The original's full record, spans mapped to its own text.
    pub record: serde_json::Value,
    /// For values completed from another version: field name → that version's id.
    pub sources: BTreeMap<String, String>,
}

pub(crate) struct Linked {
    pub docs: Vec<DocLink>,
    pub events: Vec<Event>,
}

fn link_lang(lang: Lang) -> Option<LinkLang> {
    match lang {
        Lang::Zh => Some(LinkLang::Zh),
        Lang::En => Some(LinkLang::En),
        _ => None,
    }
}

/// Sentences of a document's normalized body, paragraph by paragraph.
pub(crate) fn sentences(p: &Prepared) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for (i, para) in p.body.normalized.iter().enumerate() {
        let split = if p.lang == Lang::Zh {
            split_zh(para)
        } else {
            split_en(para)
        };
        out.extend(split.into_iter().map(|s| (i, s.span)));
    }
    out
}

pub(crate) fn link(prepared: &[Prepared], records: &[Record], aligner: &Aligner<'_>) -> Linked {
    // Fragments belong to no event; documents of undetermined language link to nothing
    // but still report their own event.
    let linkable: Vec<usize> = (0..prepared.len())
        .filter(|&i| !prepared[i].is_fragment && link_lang(prepared[i].lang).is_some())
        .collect();
    let texts: Vec<String> = linkable
        .iter()
        .map(|&i| prepared[i].normalized_body())
        .collect();
    let sents: Vec<Vec<(usize, std::ops::Range<usize>)>> =
        linkable.iter().map(|&i| sentences(&prepared[i])).collect();
    let link_docs: Vec<LinkDoc<'_>> = linkable
        .iter()
        .enumerate()
        .map(|(k, &i)| LinkDoc {
            id: &prepared[i].id,
            lang: link_lang(prepared[i].lang).unwrap_or(LinkLang::Zh),
            text: &texts[k],
            sentences: sents[k]
                .iter()
                .map(|(para, r)| &prepared[i].body.normalized[*para][r.clone()])
                .collect(),
        })
        .collect();
    let stated: Vec<Option<StatedDate>> =
        linkable.iter().map(|&i| stated_date(&records[i])).collect();
    let allow = |a: usize, b: usize| dates_agree(stated[a], stated[b]);
    let links = readout_align::link_filtered(
        &link_docs,
        aligner,
        &readout_align::LinkParams::default(),
        &allow,
    );

    let mut docs: Vec<DocLink> = prepared
        .iter()
        .map(|p| DocLink {
            doc: p.id.clone(),
            event: None,
            role: None,
            translation_of: None,
            coverage: None,
        })
        .collect();
    let mut groups: Vec<Vec<usize>> = links
        .groups
        .iter()
        .map(|g| g.iter().map(|&k| linkable[k]).collect())
        .collect();
    for (i, p) in prepared.iter().enumerate() {
        if !p.is_fragment && !linkable.contains(&i) {
            groups.push(vec![i]);
        }
    }
    groups.sort_by_key(|g| g.iter().copied().min());

    let translation_of: BTreeMap<usize, (usize, f32)> = links
        .translations
        .iter()
        .map(|t| (linkable[t.doc], (linkable[t.translation_of], t.coverage)))
        .collect();

    let mut events = Vec::new();
    for group in &groups {
        let original = choose_original(prepared, group, &translation_of);
        let id = format!("ev-{}", prepared[original].id);
        let mut versions = vec![original];
        versions.extend(group.iter().copied().filter(|&i| i != original));
        for &i in &versions {
            let d = &mut docs[i];
            d.event = Some(id.clone());
            if i == original {
                d.role = Some(Role::Original);
            } else if let Some(&(of, coverage)) = translation_of.get(&i) {
                d.role = Some(Role::Translation);
                d.translation_of = Some(prepared[of].id.clone());
                d.coverage = Some(round3(coverage));
            } else if prepared[i].lang != prepared[original].lang {
                d.role = Some(Role::Translation);
                d.translation_of = Some(prepared[original].id.clone());
            } else {
                d.role = Some(Role::Copy);
            }
        }
        events.push(build_event(id, original, &versions, prepared, records));
    }
    Linked { docs, events }
}

/// The date a document states for its event (resolved where it could be), part by part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StatedDate {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
}

fn stated_date(r: &Record) -> Option<StatedDate> {
    let d = r.date.as_ref()?;
    Some(match &d.resolved {
        Some(x) => StatedDate {
            year: Some(x.date.year),
            month: Some(x.date.month),
            day: Some(x.date.day),
        },
        None => StatedDate {
            year: d.year,
            month: d.month,
            day: d.day,
        },
    })
}

/// Two versions of one event never state different dates: any part both give must match.
fn dates_agree(a: Option<StatedDate>, b: Option<StatedDate>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    let same = |x: Option<u32>, y: Option<u32>| x.is_none() || y.is_none() || x == y;
    same(a.year.map(|y| y as u32), b.year.map(|y| y as u32))
        && same(a.month, b.month)
        && same(a.day, b.day)
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn choose_original(
    prepared: &[Prepared],
    group: &[usize],
    translation_of: &BTreeMap<usize, (usize, f32)>,
) -> usize {
    let rank = |&i: &usize| {
        let p = &prepared[i];
        (
            translation_of.contains_key(&i),
            p.lang != Lang::Zh,
            p.script != Script::Hans,
            std::cmp::Reverse(p.body_chars()),
            i,
        )
    };
    group
        .iter()
        .copied()
        .min_by_key(|i| rank(i))
        .unwrap_or(group[0])
}

fn build_event(
    id: String,
    original: usize,
    versions: &[usize],
    prepared: &[Prepared],
    records: &[Record],
) -> Event {
    let p = &prepared[original];
    let r = &records[original];
    let mut sources = BTreeMap::new();
    let span = |s: &readout_record::Span| p.span_ref(s);
    let person = |x: &readout_record::Person| PersonOut {
        name: x.name.clone(),
        title: x.title.clone(),
        span: span(&x.span),
    };

    let mut kind = r.kind;
    if kind == EventKind::Other {
        if let Some(&v) = versions
            .iter()
            .find(|&&v| records[v].kind != EventKind::Other)
        {
            kind = records[v].kind;
            sources.insert("kind".to_string(), prepared[v].id.clone());
        }
    }

    let mut date = r.date.as_ref().map(|d| date_out(d, span(&d.span)));
    let complete = date
        .as_ref()
        .map(|d| d.year.is_some() && d.month.is_some() && d.day.is_some());
    if complete != Some(true) {
        // A version may state what the original leaves out (a year, a month), as long as
        // it agrees on what both state.
        for &v in versions.iter().filter(|&&v| v != original) {
            let Some(vd) = records[v].date.as_ref() else {
                continue;
            };
            let vp = &prepared[v];
            let cand = date_out(vd, vp.span_ref(&vd.span));
            if cand.year.is_none() || cand.month.is_none() || cand.day.is_none() {
                continue;
            }
            let agrees = date.as_ref().is_none_or(|d| {
                d.day.is_none_or(|x| Some(x) == cand.day)
                    && d.month.is_none_or(|x| Some(x) == cand.month)
                    && d.year.is_none_or(|x| Some(x) == cand.year)
                    && d.relative.is_none()
            });
            if agrees {
                let mut filled = cand;
                if let Some(d) = &date {
                    filled.text = d.text.clone();
                    filled.span = d.span.clone();
                }
                filled.resolved_by = Some(vp.id.clone());
                sources.insert("date".to_string(), vp.id.clone());
                date = Some(filled);
                break;
            }
        }
    }

    // Names come in mainland simplified only from Chinese versions.
    let zh_versions = || {
        versions
            .iter()
            .copied()
            .filter(|&v| prepared[v].lang == Lang::Zh)
    };
    let mut place = r.place.as_ref().map(|x| x.name.clone());
    if place.is_none() {
        if let Some(v) = zh_versions().find(|&v| records[v].place.is_some()) {
            place = records[v].place.as_ref().map(|x| x.name.clone());
            sources.insert("place".to_string(), prepared[v].id.clone());
        }
    }
    let mut chair = r.chair.as_ref().map(|x| x.name.clone());
    if chair.is_none() {
        if let Some(v) = zh_versions().find(|&v| records[v].chair.is_some()) {
            chair = records[v].chair.as_ref().map(|x| x.name.clone());
            sources.insert("chair".to_string(), prepared[v].id.clone());
        }
    }

    let mut formulations: Vec<String> = Vec::new();
    for &v in versions {
        for h in &records[v].formulations {
            if !formulations.contains(&h.text) {
                formulations.push(h.text.clone());
            }
        }
    }

    let mut record = serde_json::to_value(r).unwrap_or(serde_json::Value::Null);
    remap_json(&mut record, p);

    Event {
        id,
        kind,
        date,
        place,
        chair,
        sender: r.sender.as_ref().map(|x| x.name.clone()),
        attendees: r.attendees.iter().map(person).collect(),
        speakers: r.speakers.iter().map(person).collect(),
        reviewed: r
            .reviewed
            .iter()
            .map(|d| TitleOut {
                title: d.title.clone(),
                span: span(&d.span),
            })
            .collect(),
        mentioned_documents: r
            .mentioned_documents
            .iter()
            .map(|d| d.title.clone())
            .collect(),
        strategies: r.strategies.iter().map(|s| s.name.clone()).collect(),
        directives: r
            .directives
            .iter()
            .map(|d| DirectiveOut {
                text: d.text.clone(),
                actor: d.actor.as_ref().map(|a| a.text.clone()),
                role: serde_json::to_value(d.role)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                span: span(&d.span),
            })
            .collect(),
        formulations,
        versions: versions.iter().map(|&v| prepared[v].id.clone()).collect(),
        original: p.id.clone(),
        record,
        sources,
    }
}

fn date_out(d: &readout_record::EventDate, span: Option<SpanRef>) -> EventDateOut {
    let (year, month, day, resolved_by) = match &d.resolved {
        Some(r) => (
            Some(r.date.year),
            Some(r.date.month),
            Some(r.date.day),
            serde_json::to_value(r.by)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string)),
        ),
        None => (d.year, d.month, d.day, None),
    };
    EventDateOut {
        year,
        month,
        day,
        relative: d.relative.clone(),
        text: d.text.clone(),
        span,
        resolved_by,
    }
}
