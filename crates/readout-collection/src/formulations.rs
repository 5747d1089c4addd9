//! Formulations (提法) across the collection: every occurrence the record found, kept
//! as a row with its document and event, and a formulation's history assembled from
//! its rows (events in date order, spellings, first and last dates, renderings).

use std::collections::{BTreeMap, BTreeSet};

use readout_record::{CivilDate, FormulationSource, Span};
use serde::{Deserialize, Serialize};

use crate::doc::DocDerived;
use crate::renderings::{group, RenderingOut, RenderingRow};
use crate::spans::SpanRef;

/// One occurrence of a formulation in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HitRow {
    /// The formulation in mainland simplified script.
    pub text: String,
    pub source: FormulationSource,
    pub doc: String,
    /// The event the document reports, if any.
    pub event: Option<String>,
    /// As the document writes it.
    pub spelling: String,
    pub span: Span,
}

/// The occurrences of a document's formulations.
pub fn hit_rows(d: &DocDerived, event: Option<&str>) -> Vec<HitRow> {
    d.record
        .formulations
        .iter()
        .map(|h| HitRow {
            text: h.text.clone(),
            source: h.source,
            doc: d.id.clone(),
            event: event.map(str::to_string),
            spelling: h.matched.clone(),
            span: h.span,
        })
        .collect()
}

/// A formulation and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormulationHistory {
    /// The formulation in mainland simplified script.
    pub text: String,
    /// "curated" or "discovered".
    pub source: String,
    /// The spellings seen in the documents, in their own scripts.
    pub spellings: Vec<String>,
    /// Events, by date (undated last), then by id.
    pub events: Vec<String>,
    pub docs: Vec<String>,
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub occurrences: Vec<SpanRef>,
    /// English renderings read off the aligned pairs (see [`crate::renderings`]).
    pub renderings: Vec<RenderingOut>,
}

/// The history of formulation `text` from its occurrences, the dates of the events they
/// belong to, and the renderings read of it.
pub fn history(
    text: &str,
    source: &str,
    hits: &[HitRow],
    event_dates: &BTreeMap<String, CivilDate>,
    renderings: &[RenderingRow],
) -> FormulationHistory {
    let mut spellings: Vec<String> = Vec::new();
    let mut docs: BTreeSet<String> = BTreeSet::new();
    let mut events: BTreeSet<String> = BTreeSet::new();
    let mut occurrences = Vec::with_capacity(hits.len());
    for h in hits {
        if !h.spelling.is_empty() && !spellings.contains(&h.spelling) {
            spellings.push(h.spelling.clone());
        }
        docs.insert(h.doc.clone());
        if let Some(e) = &h.event {
            events.insert(e.clone());
        }
        occurrences.push(SpanRef {
            doc: h.doc.clone(),
            headline: h.span.headline,
            para: h.span.para,
            start: h.span.start,
            end: h.span.end,
        });
    }
    let mut events: Vec<String> = events.into_iter().collect();
    events.sort_by_key(|e| {
        (
            event_dates.get(e).is_none(),
            event_dates.get(e).copied(),
            e.clone(),
        )
    });
    let dates: Vec<CivilDate> = events
        .iter()
        .filter_map(|e| event_dates.get(e).copied())
        .collect();
    FormulationHistory {
        text: text.to_string(),
        source: source.to_string(),
        spellings,
        events,
        docs: docs.into_iter().collect(),
        count: hits.len(),
        first_date: dates.iter().min().map(|d| d.to_string()),
        last_date: dates.iter().max().map(|d| d.to_string()),
        occurrences,
        renderings: group(renderings),
    }
}

/// Nested variants: for each formulation (by index into `texts`), the index of the
/// stable form it extends (发展新质生产力 extends 新质生产力; 高水平科技自立自强 extends
/// 科技自立自强), or `None` for a stable form. The stable form is the shortest listed
/// formulation the text contains, ties to the one listed first (callers list the most
/// widespread first). `texts` is the formulation list, bounded by the lexicon, not by
/// the archive.
pub fn stable_forms(texts: &[&str]) -> Vec<Option<usize>> {
    let bare = |t: &str| -> String { t.chars().filter(|c| !matches!(c, '、' | '，')).collect() };
    let bares: Vec<String> = texts.iter().map(|t| bare(t)).collect();
    let mut by_len: Vec<usize> = (0..texts.len()).collect();
    by_len.sort_by_key(|&i| (bares[i].chars().count(), i));
    (0..texts.len())
        .map(|i| {
            by_len.iter().copied().find(|&j| {
                j != i
                    && bares[j].chars().count() < bares[i].chars().count()
                    && bares[i].contains(&bares[j])
            })
        })
        .map(|j| {
            // A variant of a variant belongs to the stable form at the bottom.
            let mut j = j?;
            while let Some(k) = by_len.iter().copied().find(|&k| {
                k != j
                    && bares[k].chars().count() < bares[j].chars().count()
                    && bares[j].contains(&bares[k])
            }) {
                j = k;
            }
            Some(j)
        })
        .collect()
}

#[cfg(test)]
mod variant_tests {
    use super::stable_forms;

    #[test]
    fn nested_variants_point_at_their_stable_form() {
        let texts = [
            "新质生产力",
            "科技自立自强",
            "发展新质生产力",
            "高水平科技自立自强",
            "强国建设、民族复兴伟业",
            "以中国式现代化全面推进强国建设、民族复兴伟业",
            "共同富裕",
        ];
        assert_eq!(
            stable_forms(&texts),
            [None, None, Some(0), Some(1), None, Some(4), None]
        );
    }
}
