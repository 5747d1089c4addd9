//! `readout formulations` and `readout formulation`: fixed political phrases and their
//! history over the events of the collection.

use crate::cli::{FormulationArgs, FormulationsArgs};
use crate::docs::open;
use crate::events::date_text;
use crate::json::DateJson;
use crate::output::{cell, Out};
use crate::record_io;
use anyhow::{bail, Context, Result};
use readout_collection::{FormulationHistory, RenderingOut, SpanRef};
use readout_record::CivilDate;
use readout_store::{DocRecord, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// A passage of a document: characters `start..end` of a body paragraph (or of a
/// headline when `headline` is true).
pub type OccurrenceJson = SpanRef;

/// Where a listed phrase stands among nested variants (flattened into the JSON).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Nesting {
    /// The stable form this one extends (发展新质生产力 → 新质生产力), if any.
    pub variant_of: Option<String>,
    /// The listed phrases that extend this one.
    pub variants: Vec<String>,
}

impl Nesting {
    /// The table's cell: a variant is shown indented under its stable form.
    fn cell(&self, text: &str) -> String {
        match &self.variant_of {
            Some(_) => format!("  ↳ {}", cell(text)),
            None => cell(text),
        }
    }
}

/// One formulation as `formulations --json` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct FormulationJson {
    /// In mainland simplified script.
    pub text: String,
    /// `curated` (the project's list) or `discovered` (repeated across events).
    pub source: String,
    /// How many events and documents it occurs in.
    pub events: usize,
    pub docs: usize,
    /// Occurrences in all documents.
    pub count: usize,
    /// Dates of the first and last event it occurs in (of those with full dates).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    #[serde(flatten)]
    pub nesting: Nesting,
}

fn day_text(day: Option<i64>) -> Option<String> {
    day.map(|d| CivilDate::from_days(d).to_string())
}

/// One phrase as `formulations --discover --json` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct DiscoveredJson {
    /// In mainland simplified script.
    pub text: String,
    /// How phrase-like: `min(left, right) × ln(1 + events)`; the list's order.
    pub score: f64,
    /// Branching entropy (nats) of the character before and after it.
    pub left_entropy: f64,
    pub right_entropy: f64,
    /// Events (documents without an event count alone) and documents it occurs in.
    pub events: usize,
    pub docs: usize,
    /// Occurrences in all documents.
    pub count: usize,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Spellings as the documents' normalized text writes it.
    pub spellings: Vec<String>,
    #[serde(flatten)]
    pub nesting: Nesting,
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn discover(store: &Store, args: &FormulationsArgs) -> Result<()> {
    let found = readout_serve::records::discover_formulations(store)
        .context("cannot read the events' documents")?;
    let mut all: Vec<DiscoveredJson> = found
        .into_iter()
        .take(args.top)
        .map(|f| DiscoveredJson {
            score: round3(f.score),
            left_entropy: round3(f.left_entropy),
            right_entropy: round3(f.right_entropy),
            events: f.sources,
            docs: f.docs.len(),
            count: f.count,
            first_date: f.first_date.map(|d| d.to_string()),
            last_date: f.last_date.map(|d| d.to_string()),
            spellings: f.spellings,
            text: f.text,
            nesting: Nesting::default(),
        })
        .collect();
    group_by_stable_form(&mut all, |f| (f.text.as_str(), &mut f.nesting));
    let out = Out::stdout();
    if args.json {
        return out.json(&all);
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|f| {
            vec![
                format!("{:.2}", f.score),
                f.events.to_string(),
                f.count.to_string(),
                f.first_date.clone().unwrap_or_else(|| "-".into()),
                f.last_date.clone().unwrap_or_else(|| "-".into()),
                f.nesting.cell(&f.text),
            ]
        })
        .collect();
    out.table(
        &["SCORE", "EVENTS", "COUNT", "FIRST", "LAST", "PHRASE"],
        &rows,
    )?;
    if all.is_empty() {
        crate::output::note(
            "Nothing repeats across three events yet: `readout ingest PATH` reads reports.",
        );
    }
    Ok(())
}

pub fn list(data: &Path, args: &FormulationsArgs) -> Result<()> {
    let store = open(data)?;
    if args.discover {
        return discover(&store, args);
    }
    let mut all: Vec<FormulationJson> = store
        .formulation_summaries()
        .context("cannot list the formulations")?
        .into_iter()
        .map(|f| FormulationJson {
            source: if f.source == "learned" {
                "discovered".into()
            } else {
                f.source
            },
            text: f.text,
            events: f.events,
            docs: f.docs,
            count: f.count,
            first_date: day_text(f.first_day),
            last_date: day_text(f.last_day),
            nesting: Nesting::default(),
        })
        .collect();
    group_by_stable_form(&mut all, |f| (f.text.as_str(), &mut f.nesting));
    let out = Out::stdout();
    if args.json {
        return out.json(&all);
    }
    let rows: Vec<Vec<String>> = all
        .iter()
        .map(|f| {
            vec![
                f.events.to_string(),
                f.count.to_string(),
                f.first_date.clone().unwrap_or_else(|| "-".into()),
                f.last_date.clone().unwrap_or_else(|| "-".into()),
                f.source.clone(),
                f.nesting.cell(&f.text),
            ]
        })
        .collect();
    out.table(
        &["EVENTS", "COUNT", "FIRST", "LAST", "SOURCE", "FORMULATION"],
        &rows,
    )?;
    if all.is_empty() {
        crate::output::note("No formulations yet: `readout ingest PATH` reads reports.");
    }
    Ok(())
}

/// Groups nested variants under their stable form: each stable form is followed by the
/// entries that extend it, the order otherwise kept; `parts` gives an entry's text and
/// the nesting to fill in.
fn group_by_stable_form<T>(all: &mut Vec<T>, parts: impl Fn(&mut T) -> (&str, &mut Nesting)) {
    let names: Vec<String> = all.iter_mut().map(|f| parts(f).0.to_string()).collect();
    let texts: Vec<&str> = names.iter().map(String::as_str).collect();
    let stable = readout_collection::formulations::stable_forms(&texts);
    let mut variants: Vec<Vec<usize>> = vec![Vec::new(); all.len()];
    for (i, s) in stable.iter().enumerate() {
        if let Some(s) = s {
            variants[*s].push(i);
        }
    }
    let mut order = Vec::with_capacity(all.len());
    for (i, s) in stable.iter().enumerate() {
        if s.is_none() {
            order.push(i);
            order.extend(variants[i].iter().copied());
        }
    }
    for (i, f) in all.iter_mut().enumerate() {
        *parts(f).1 = Nesting {
            variant_of: stable[i].map(|s| names[s].clone()),
            variants: variants[i].iter().map(|&v| names[v].clone()).collect(),
        };
    }
    let mut slots: Vec<Option<T>> = all.drain(..).map(Some).collect();
    all.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The history of formulation `text` (mainland simplified), from the store's rows;
/// `None` when no document holds it.
pub fn history(store: &Store, text: &str) -> Result<Option<FormulationHistory>> {
    Ok(readout_serve::records::history(store, text)?)
}

/// One formulation's history, as `formulation TEXT --json` prints it.
#[derive(Debug, Serialize)]
struct HistoryJson<'a> {
    text: &'a str,
    /// What was asked, as typed (any script).
    query: &'a str,
    source: &'a str,
    spellings: &'a [String],
    count: usize,
    first_date: Option<&'a str>,
    last_date: Option<&'a str>,
    /// The events it occurs in, in date order (undated ones last).
    events: Vec<HistoryEventJson>,
    /// Every occurrence with the passage as written.
    occurrences: Vec<PassageJson<'a>>,
    /// English renderings read off the aligned pairs, most frequent first.
    renderings: &'a [RenderingOut],
}

#[derive(Debug, Serialize)]
struct HistoryEventJson {
    id: String,
    kind: String,
    date: DateJson,
    /// Occurrences in the event's documents.
    occurrences: usize,
}

#[derive(Debug, Serialize)]
struct PassageJson<'a> {
    #[serde(flatten)]
    at: &'a OccurrenceJson,
    event: Option<String>,
    /// The characters `start..end` of the paragraph: the formulation as written.
    text: String,
}

pub fn show(data: &Path, args: &FormulationArgs) -> Result<()> {
    let store = open(data)?;
    let wanted = readout_normalize::normalize(args.text.trim()).text;
    let Some(f) = history(&store, &wanted)? else {
        let all = store.formulation_summaries()?;
        let near: Vec<&str> = all
            .iter()
            .map(|f| f.text.as_str())
            .filter(|t| t.contains(wanted.as_str()) || wanted.contains(t))
            .take(5)
            .collect();
        if near.is_empty() {
            bail!(
                "no formulation `{wanted}` in the store; `readout formulations` lists them, \
                 and `readout search` finds any phrase"
            );
        }
        bail!(
            "no formulation `{wanted}` in the store; did you mean {}?",
            near.iter()
                .map(|t| format!("`{t}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let mut docs: HashMap<String, DocRecord> = HashMap::new();
    for o in &f.occurrences {
        if !docs.contains_key(&o.doc) {
            if let Some(d) = store.get_doc(&o.doc)? {
                docs.insert(o.doc.clone(), d);
            }
        }
    }
    let event_of: HashMap<String, String> = store
        .links_of(&docs.keys().cloned().collect::<Vec<_>>())?
        .into_iter()
        .filter_map(|(d, l)| Some((d, l.event?)))
        .collect();
    let mut events = Vec::new();
    for id in &f.events {
        let Some(row) = store.get_event(id)? else {
            continue;
        };
        let e = record_io::event(&row)?;
        let occurrences = f
            .occurrences
            .iter()
            .filter(|o| event_of.get(&o.doc).map(String::as_str) == Some(id.as_str()))
            .count();
        events.push(HistoryEventJson {
            id: e.id.clone(),
            kind: crate::json::name(&e.kind),
            date: DateJson::of(e.date.as_ref()),
            occurrences,
        });
    }
    let occurrences: Vec<PassageJson> = f
        .occurrences
        .iter()
        .map(|o| {
            let doc = docs.get(&o.doc);
            PassageJson {
                at: o,
                event: event_of.get(&o.doc).cloned(),
                text: doc
                    .and_then(|d| paragraph(d, o))
                    .map(|p| p.chars().skip(o.start).take(o.end - o.start).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    let history = HistoryJson {
        text: &f.text,
        query: &args.text,
        source: &f.source,
        spellings: &f.spellings,
        count: f.count,
        first_date: f.first_date.as_deref(),
        last_date: f.last_date.as_deref(),
        events,
        occurrences,
        renderings: &f.renderings,
    };
    let out = Out::stdout();
    if args.json {
        return out.json(&history);
    }
    out.text(&render(&history, &docs))
}

fn paragraph<'d>(d: &'d DocRecord, o: &OccurrenceJson) -> Option<&'d str> {
    let paras = if o.headline { &d.headlines } else { &d.body };
    paras.get(o.para).map(|p| p.text.as_str())
}

fn render(h: &HistoryJson, docs: &HashMap<String, DocRecord>) -> String {
    let mut text = format!("{}  ({})\n", h.text, h.source);
    if !h.spellings.is_empty() {
        text.push_str(&format!("written as  {}\n", h.spellings.join(" · ")));
    }
    text.push_str(&format!(
        "{} occurrences in {} events",
        h.count,
        h.events.len()
    ));
    if let (Some(a), Some(b)) = (h.first_date, h.last_date) {
        text.push_str(&format!(", {a} to {b}"));
    }
    if !h.renderings.is_empty() {
        let shown: Vec<String> = h
            .renderings
            .iter()
            .map(|r| {
                format!(
                    "{} ({} {})",
                    r.text,
                    r.count,
                    if r.count == 1 { "pair" } else { "pairs" }
                )
            })
            .collect();
        text.push_str(&format!("\nEnglish renderings: {}", shown.join(" · ")));
    }
    text.push_str("\n\nevents\n");
    for e in &h.events {
        text.push_str(&format!(
            "  {:<10}  {}  {}  ({} occurrences)\n",
            date_text(&e.date),
            e.id,
            e.kind,
            e.occurrences
        ));
    }
    text.push_str("\noccurrences\n");
    for o in &h.occurrences {
        let passage = docs
            .get(&o.at.doc)
            .and_then(|d| paragraph(d, o.at))
            .map(|p| context(p, o.at.start, o.at.end))
            .unwrap_or_default();
        text.push_str(&format!("  {}  {}\n", o.at.doc, cell(&passage)));
    }
    text
}

/// Characters `start..end` of `p` marked «…», with some context either side.
fn context(p: &str, start: usize, end: usize) -> String {
    const AROUND: usize = 16;
    let chars: Vec<char> = p.chars().collect();
    let start = start.min(chars.len());
    let end = end.min(chars.len()).max(start);
    let from = start.saturating_sub(AROUND);
    let to = (end + AROUND).min(chars.len());
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.extend(&chars[from..start]);
    s.push('«');
    s.extend(&chars[start..end]);
    s.push('»');
    s.extend(&chars[end..to]);
    if to < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_marks_the_passage_with_a_little_around_it() {
        assert_eq!(
            context("坚持共抓大保护、不搞大开发", 2, 7),
            "坚持«共抓大保护»、不搞大开发"
        );
        let long = "一".repeat(40) + "高质量发展" + &"二".repeat(40);
        let c = context(&long, 40, 45);
        assert!(c.starts_with('…') && c.ends_with('…'), "{c}");
        assert!(c.contains("«高质量发展»"));
        // Out-of-range spans never panic.
        assert_eq!(context("短", 5, 9), "短«»");
    }
}
