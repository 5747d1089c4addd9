//! Linking: the decisions that make versions of one event, each a function of the
//! documents it looks at, so a collection can be linked a piece at a time.
//!
//! - A copy edge joins two documents of one language whose texts are copies or
//!   excerpts of one text (decided by the pair alone).
//! - A translation edge joins an English document to the Chinese original it renders
//!   best among its candidates (decided by the English document and its candidates).
//! - Events are the connected components of the edges.
//!
//! Candidates come from [`crate::blocking`]; two candidates are linked only when the
//! dates they state agree.

use std::collections::BTreeMap;

use readout_align::link::{Lang as LinkLang, LinkDoc};
use readout_align::{best_translation, same_text, Aligner, LinkParams};
use readout_record::EventKind;
use serde::{Deserialize, Serialize};

use crate::blocking::LinkRow;
use crate::prepare::Prepared;

/// What kind of link an edge is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    /// `a` and `b` (in id order) are copies or excerpts of one text.
    Copy,
    /// `a` (English) translates `b` (its Chinese original).
    Translation,
}

/// One link between two documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub a: String,
    pub b: String,
    pub kind: EdgeKind,
    /// Containment (copies) or coverage (translations), 0 to 1.
    pub score: f32,
    /// For translations: the share of the translation's sentences aligned with evidence.
    pub support: f32,
}

/// The text the linker compares: the normalized body and its sentences.
#[derive(Debug, Clone)]
pub struct LinkText {
    pub text: String,
    pub sentences: Vec<String>,
}

impl LinkText {
    pub fn of(p: &Prepared) -> LinkText {
        let sentences = crate::events::sentences(p)
            .into_iter()
            .map(|(para, r)| p.body.normalized[para][r].to_string())
            .collect();
        LinkText {
            text: p.normalized_body(),
            sentences,
        }
    }

    fn doc<'a>(&'a self, row: &'a LinkRow) -> LinkDoc<'a> {
        LinkDoc {
            id: &row.id,
            lang: row.lang,
            text: &self.text,
            sentences: self.sentences.iter().map(String::as_str).collect(),
        }
    }
}

/// Two candidates may be versions of one event only when the dates they state agree
/// and, in one language, their kinds do (a Politburo meeting and the symposium that
/// studied it share wording, not an event). Across languages the rules differ in how
/// finely they read a kind, so only the dates must agree.
pub fn allowed(a: &LinkRow, b: &LinkRow) -> bool {
    let vague = |k: EventKind| matches!(k, EventKind::Other | EventKind::NoEvent);
    a.keys.stated.agrees(&b.keys.stated)
        && (a.lang != b.lang || a.kind == b.kind || vague(a.kind) || vague(b.kind))
}

/// How much of the shorter text a copy in the same file must contain.
const SAME_FILE_MIN_CONTAINMENT: f32 = 0.95;

/// Copy edges between row `q` and the candidates `cands` (indices into `rows`) of its
/// language. `text` gives a document's text (loaded only for pairs whose signatures
/// pass the screen).
pub fn copy_edges(
    rows: &[LinkRow],
    q: usize,
    cands: &[usize],
    text: &mut dyn FnMut(&str) -> Option<LinkText>,
) -> Vec<Edge> {
    let params = LinkParams::default();
    let a = &rows[q];
    let mut out = Vec::new();
    for &c in cands {
        let b = &rows[c];
        if b.lang != a.lang
            || !allowed(a, b)
            || a.signature.containment(&b.signature) < params.min_containment
        {
            continue;
        }
        let (Some(ta), Some(tb)) = (text(&a.id), text(&b.id)) else {
            continue;
        };
        if let Some((_, containment)) =
            same_text(&ta.doc(a), &tb.doc(b), &a.signature, &b.signature, &params)
        {
            // Two items of one file are two items (a broadcast's 举行仪式欢迎X访华 for two
            // guests share all but the names); a copy within one file is the same text
            // in another script, nearly whole.
            if a.keys.file == b.keys.file && containment < SAME_FILE_MIN_CONTAINMENT {
                continue;
            }
            let (x, y) = if a.id < b.id { (a, b) } else { (b, a) };
            out.push(Edge {
                a: x.id.clone(),
                b: y.id.clone(),
                kind: EdgeKind::Copy,
                score: round3(containment),
                support: 0.0,
            });
        }
    }
    out
}

/// The translation edge of English row `e`: the Chinese original among its candidates
/// that it renders best, if any renders well enough.
pub fn translation_edge(
    rows: &[LinkRow],
    e: usize,
    cands: &[usize],
    text: &mut dyn FnMut(&str) -> Option<LinkText>,
    aligner: &Aligner<'_>,
) -> Option<Edge> {
    let en = &rows[e];
    if en.lang != LinkLang::En {
        return None;
    }
    let zh: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&c| rows[c].lang == LinkLang::Zh && allowed(en, &rows[c]))
        .collect();
    if zh.is_empty() {
        return None;
    }
    let en_text = text(&en.id)?;
    let texts: Vec<(usize, LinkText)> = zh
        .iter()
        .filter_map(|&c| Some((c, text(&rows[c].id)?)))
        .collect();
    let docs: Vec<LinkDoc<'_>> = texts.iter().map(|(c, t)| t.doc(&rows[*c])).collect();
    let refs: Vec<&LinkDoc<'_>> = docs.iter().collect();
    let (k, coverage, support) =
        best_translation(&en_text.doc(en), &refs, aligner, &LinkParams::default())?;
    Some(Edge {
        a: en.id.clone(),
        b: rows[texts[k].0].id.clone(),
        kind: EdgeKind::Translation,
        score: round3(coverage),
        support: round3(support),
    })
}

pub(crate) fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

/// The connected components of `edges` over `ids` (every id in exactly one component,
/// components and their members sorted by id).
pub fn components(ids: &[String], edges: &[Edge]) -> Vec<Vec<String>> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for id in ids {
        let n = index.len();
        index.entry(id.as_str()).or_insert(n);
    }
    let mut parent: Vec<usize> = (0..index.len()).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        let mut y = x;
        while p[y] != r {
            let n = p[y];
            p[y] = r;
            y = n;
        }
        r
    }
    for e in edges {
        if let (Some(&a), Some(&b)) = (index.get(e.a.as_str()), index.get(e.b.as_str())) {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (id, &i) in &index {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(id.to_string());
    }
    let mut out: Vec<Vec<String>> = groups.into_values().collect();
    for g in &mut out {
        g.sort();
    }
    out.sort();
    out
}
