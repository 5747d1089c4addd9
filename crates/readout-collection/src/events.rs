//! Events: the versions of one event linked across scripts and languages, each with a
//! role, and the event's record taken from its original and completed from its
//! versions (with the source of every completed value kept).

use std::collections::BTreeMap;

use readout_align::{split_en, split_zh};
use readout_record::{EventKind, Record, Span};
use readout_text::{Lang, Script};
use serde::{Deserialize, Serialize};

use crate::doc::DocDerived;
use crate::linking::{Edge, EdgeKind};
use crate::prepare::Prepared;
use crate::spans::SpanRef;

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

/// The part a document plays in its event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocLink {
    pub doc: String,
    pub event: Option<String>,
    pub role: Option<Role>,
    pub translation_of: Option<String>,
    /// Share of the original's sentences this translation renders.
    pub coverage: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDateOut {
    /// The year, month and day as stated (or completed by `resolved_by`), serialized
    /// as the three fields `year`, `month`, `day`.
    #[serde(flatten)]
    pub parts: readout_lang::PartialDate,
    pub relative: Option<String>,
    /// The expression as written.
    pub text: String,
    pub span: Option<SpanRef>,
    /// What supplied the parts the text does not state ("text", "published",
    /// "dateline_and_published", "relative", or the id of the version whose date
    /// completed this one).
    pub resolved_by: Option<String>,
    /// The last day of a range (12月25日至26日).
    #[serde(default)]
    pub end: Option<readout_record::CivilDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonOut {
    pub name: String,
    pub title: Option<String>,
    pub span: Option<SpanRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleOut {
    pub title: String,
    pub span: Option<SpanRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveOut {
    pub text: String,
    pub actor: Option<String>,
    pub role: String,
    pub span: Option<SpanRef>,
}

/// One event and its record: the one event type, from the collection stage to the
/// store, the command line and the pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub kind: EventKind,
    pub date: Option<EventDateOut>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub sender: Option<String>,
    pub attendees: Vec<PersonOut>,
    /// Who spoke in turn (发言).
    pub speakers: Vec<PersonOut>,
    /// Who gave a speech or address (讲话, 致辞, 演讲), in text order.
    #[serde(default)]
    pub speeches: Vec<PersonOut>,
    /// A study session's lecturer (作了讲解).
    #[serde(default)]
    pub lecturer: Option<PersonOut>,
    /// The leader the headline names as its actor.
    #[serde(default)]
    pub principal: Option<PersonOut>,
    pub reviewed: Vec<TitleOut>,
    pub mentioned_documents: Vec<String>,
    pub strategies: Vec<String>,
    pub directives: Vec<DirectiveOut>,
    pub formulations: Vec<String>,
    /// Every version's document id, original first.
    pub versions: Vec<String>,
    pub original: String,
    /// The original's title.
    pub title: Option<String>,
    /// The original's full record, spans in characters of its own text.
    pub record: Record,
    /// For values completed from another version: field name → that version's id.
    pub sources: BTreeMap<String, String>,
}

/// How the documents of one component stand: the original, each version's role.
pub struct Versions {
    pub original: String,
    /// Every member, original first, then by id.
    pub links: Vec<DocLink>,
}

/// The original of a component and the role of every other member. The original is
/// Chinese (simplified preferred), not itself a translation, the fullest.
pub fn versions(members: &[&DocDerived], edges: &[Edge]) -> Versions {
    let translation_of: BTreeMap<&str, (&str, f32)> = edges
        .iter()
        .filter(|e| e.kind == EdgeKind::Translation)
        .map(|e| (e.a.as_str(), (e.b.as_str(), e.score)))
        .collect();
    let rank = |d: &&&DocDerived| {
        (
            translation_of.contains_key(d.id.as_str()),
            d.lang != Lang::Zh,
            d.script != Script::Hans,
            std::cmp::Reverse(d.body_chars),
            d.id.clone(),
        )
    };
    let original = members
        .iter()
        .min_by_key(rank)
        .map(|d| d.id.clone())
        .unwrap_or_default();
    let event = format!("ev-{original}");
    let lang_of = |id: &str| members.iter().find(|d| d.id == id).map(|d| d.lang);
    let mut ordered: Vec<&&DocDerived> = members.iter().collect();
    ordered.sort_by_key(|d| (d.id != original, d.id.clone()));
    let links = ordered
        .into_iter()
        .map(|d| {
            let (role, translation_of, coverage) = if d.id == original {
                (Role::Original, None, None)
            } else if let Some(&(of, coverage)) = translation_of.get(d.id.as_str()) {
                (Role::Translation, Some(of.to_string()), Some(coverage))
            } else if lang_of(&original) != Some(d.lang) {
                (Role::Translation, Some(original.clone()), None)
            } else {
                (Role::Copy, None, None)
            };
            DocLink {
                doc: d.id.clone(),
                event: Some(event.clone()),
                role: Some(role),
                translation_of,
                coverage,
            }
        })
        .collect();
    Versions { original, links }
}

/// A span of document `doc` as the pages address it.
fn span_ref(doc: &str, s: &Span) -> Option<SpanRef> {
    Some(SpanRef {
        doc: doc.to_string(),
        headline: s.headline,
        para: s.para,
        start: s.start,
        end: s.end,
    })
}

/// The event of a component: the original's record, completed from the other versions
/// where it is silent (naming the version that supplied each value).
pub fn build_event(members: &[&DocDerived], v: &Versions, title: Option<String>) -> Event {
    let by_id = |id: &str| members.iter().copied().find(|d| d.id == id);
    let original = by_id(&v.original).expect("the original is a member");
    let others: Vec<&DocDerived> = v
        .links
        .iter()
        .skip(1)
        .filter_map(|l| by_id(&l.doc))
        .collect();
    let r = &original.record;
    let oid = original.id.as_str();
    let mut sources = BTreeMap::new();
    let span = |s: &Span| span_ref(oid, s);
    let person = |x: &readout_record::Person| PersonOut {
        name: x.name.clone(),
        title: x.title.clone(),
        span: span(&x.span),
    };

    let mut kind = r.kind;
    if matches!(kind, EventKind::Other | EventKind::NoEvent) {
        if let Some(d) = others
            .iter()
            .find(|d| !matches!(d.record.kind, EventKind::Other | EventKind::NoEvent))
        {
            kind = d.record.kind;
            sources.insert("kind".to_string(), d.id.clone());
        }
    }

    let mut date = r.date.as_ref().map(|d| date_out(d, span(&d.span)));
    let complete = date.as_ref().map(|d| d.parts.is_complete());
    if complete != Some(true) {
        // A version may state what the original leaves out (a year, a month), as long as
        // it agrees on what both state.
        for d in &others {
            let Some(vd) = d.record.date.as_ref() else {
                continue;
            };
            let cand = date_out(vd, span_ref(&d.id, &vd.span));
            if !cand.parts.is_complete() {
                continue;
            }
            let agrees = date
                .as_ref()
                .is_none_or(|x| x.parts.agrees(&cand.parts) && x.relative.is_none());
            if agrees {
                let mut filled = cand;
                if let Some(x) = &date {
                    filled.text = x.text.clone();
                    filled.span = x.span.clone();
                }
                filled.resolved_by = Some(d.id.clone());
                sources.insert("date".to_string(), d.id.clone());
                date = Some(filled);
                break;
            }
        }
    }

    // Names come in mainland simplified only from Chinese versions.
    let zh_others = || others.iter().filter(|d| d.lang == Lang::Zh);
    let mut place = r.place.as_ref().map(|x| x.name.clone());
    if place.is_none() {
        if let Some(d) = zh_others().find(|d| d.record.place.is_some()) {
            place = d.record.place.as_ref().map(|x| x.name.clone());
            sources.insert("place".to_string(), d.id.clone());
        }
    }
    let mut chair = r.chair.as_ref().map(|x| x.name.clone());
    if chair.is_none() {
        if let Some(d) = zh_others().find(|d| d.record.chair.is_some()) {
            chair = d.record.chair.as_ref().map(|x| x.name.clone());
            sources.insert("chair".to_string(), d.id.clone());
        }
    }

    let mut formulations: Vec<String> = Vec::new();
    for d in std::iter::once(&original).chain(others.iter()) {
        for h in &d.record.formulations {
            if !formulations.contains(&h.text) {
                formulations.push(h.text.clone());
            }
        }
    }

    Event {
        id: format!("ev-{oid}"),
        kind,
        date,
        place,
        chair,
        sender: r.sender.as_ref().map(|x| x.name.clone()),
        attendees: r.attendees.iter().map(person).collect(),
        speakers: r.speakers.iter().map(person).collect(),
        speeches: r.speeches.iter().map(person).collect(),
        lecturer: r.lecturer.as_ref().map(person),
        principal: r.principal.as_ref().map(person),
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
                role: d.role.as_str().to_string(),
                span: span(&d.span),
            })
            .collect(),
        formulations,
        versions: v.links.iter().map(|l| l.doc.clone()).collect(),
        original: oid.to_string(),
        title,
        record: r.clone(),
        sources,
    }
}

fn date_out(d: &readout_record::EventDate, span: Option<SpanRef>) -> EventDateOut {
    let (parts, resolved_by) = match &d.resolved {
        Some(r) => (r.date.into(), Some(r.by.as_str().to_string())),
        None => (d.parts, None),
    };
    EventDateOut {
        parts,
        relative: d.relative.clone(),
        text: d.text.clone(),
        span,
        resolved_by,
        end: d.end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `events --json`, the stored events and the pages read `year`, `month` and `day`
    /// as fields of the date itself.
    #[test]
    fn event_date_out_serializes_its_parts_flat() {
        let d = EventDateOut {
            parts: readout_lang::PartialDate {
                year: Some(2024),
                month: Some(12),
                day: None,
            },
            relative: None,
            text: "12月".into(),
            span: None,
            resolved_by: Some("published".into()),
            end: None,
        };
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"{"year":2024,"month":12,"day":null,"relative":null,"text":"12月","span":null,"resolved_by":"published","end":null}"#
        );
        assert_eq!(serde_json::from_str::<EventDateOut>(&json).unwrap(), d);
    }
}
