//! Bringing the derived record and the search index up to date with the documents, a
//! piece at a time: the store's queues say what is owed.
//!
//! 1. **Stage** every document that has no current per-document stage (after an
//!    upgrade, or `readout derive`): normalize and record it, on every core.
//! 2. **Index** the documents the search index has yet to take.
//! 3. **Link** the documents whose links are owed: find their candidates through the
//!    blocking keys, decide their copy and translation edges, and rebuild the events of
//!    the components they touch, and nothing else.
//!
//! Every step leaves a consistent store, and a killed run is finished by the next one
//! (ingest or `readout derive`), which ends where an uninterrupted run would have.

use crate::cli::DeriveArgs;
use crate::output::Out;
use crate::record_io;
use crate::search_index;
use anyhow::{anyhow, Context, Result};
use fs4::fs_std::FileExt;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use readout_align::{Aligner, Lexicon};
use readout_collection::{
    component, decide_edges, linking, DocDerived, Edge, InputDoc, LinkRow, LinkText, Prepared,
    DOC_STAGE_VERSION,
};
use readout_store::{HitRecord, OpenMode, StageRecord, Store};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// Held while deriving, so two processes never derive or write the index at once.
const LOCK: &str = "derive.lock";

/// Documents staged, indexed or written at a time: bounds memory on any archive.
const BATCH: usize = 512;

/// What a refresh did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Refreshed {
    /// Documents given their per-document stage.
    pub staged: usize,
    /// Documents added to the search index.
    pub indexed: usize,
    /// Documents whose links were decided.
    pub linked: usize,
    /// Events written (new or rebuilt).
    pub events_written: usize,
    /// Events in the store afterwards.
    pub events: usize,
    pub documents: usize,
    /// The search index was built anew.
    pub index_rebuilt: bool,
}

/// Takes the derive lock, telling the user when another readout holds it.
pub fn lock(data: &Path) -> Result<std::fs::File> {
    let lock_path = data.join(LOCK);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open {}", lock_path.display()))?;
    if !FileExt::try_lock_exclusive(&lock).unwrap_or(false) {
        crate::output::note(
            "waiting for another readout (ingest or derive) on this store to finish…",
        );
        FileExt::lock_exclusive(&lock)
            .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    }
    Ok(lock)
}

/// A progress bar on a terminal, nothing when piped.
pub fn bar(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len == 0 {
        return ProgressBar::hidden();
    }
    let template = format!(
        "{{bar:30}} {{pos}}/{{len}} {what}  {{per_sec}}  {{elapsed}} (left {{eta}})  {{wide_msg}}"
    );
    let style =
        ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(len).with_style(style)
}

/// Brings the derived record and the index up to date; with `force`, everything is
/// derived again from the documents (after an upgrade that changes the record).
pub fn refresh(store: &mut Store, data: &Path, force: bool) -> Result<Refreshed> {
    let lock = lock(data)?;
    let done = refresh_locked(store, data, force)?;
    let _ = FileExt::unlock(&lock);
    Ok(done)
}

/// [`refresh`] for a caller that holds the lock already.
pub fn refresh_locked(store: &mut Store, data: &Path, force: bool) -> Result<Refreshed> {
    let mut done = Refreshed::default();
    if force {
        store
            .reset_derived()
            .context("cannot clear the derived record")?;
        search_index::reset(data)?;
        done.index_rebuilt = true;
    }
    let t = std::time::Instant::now();
    done.staged = stage_pending(store)?;
    timing("stage", t);
    let t = std::time::Instant::now();
    let (indexed, rebuilt) = index_pending(store, data)?;
    timing("index", t);
    done.indexed = indexed;
    done.index_rebuilt |= rebuilt;
    let t = std::time::Instant::now();
    let (linked, written) = link_pending(store)?;
    timing("link", t);
    done.linked = linked;
    done.events_written = written;
    search_index::share_like_store(data);
    let status = store.derived_status(DOC_STAGE_VERSION)?;
    done.documents = status.documents;
    done.events = store.count_events(&Default::default())?;
    Ok(done)
}

/// The derived record made again from the documents alone, from nothing (the index is
/// left as it is): what `readout check` compares the stored record with, in a copy.
pub fn rederive_record(store: &mut Store) -> Result<()> {
    store
        .reset_derived()
        .context("cannot clear the derived record")?;
    stage_pending(store)?;
    link_pending(store)?;
    Ok(())
}

/// With READOUT_TIMING set, says on standard error how long a phase took (for
/// profiling on real archives).
pub fn timing(phase: &str, since: std::time::Instant) {
    if std::env::var_os("READOUT_TIMING").is_some() {
        crate::output::note(&format!(
            "timing: {phase} {:.3} s",
            since.elapsed().as_secs_f64()
        ));
    }
}

/// The per-document stage of one stored document, with its signature, as rows.
pub fn stage_of(id: &str, doc: &readout_text::Document) -> Result<StageRecord, String> {
    let (d, sig) = crate::guard::stage(&InputDoc { id, doc })?;
    record_io::stage_record(&d, sig.as_ref()).map_err(|e| e.to_string())
}

/// Stages every document without a current stage, on every core.
fn stage_pending(store: &mut Store) -> Result<usize> {
    let total = store.derived_status(DOC_STAGE_VERSION)?.unstaged;
    if total == 0 {
        return Ok(0);
    }
    let bar = bar(total as u64, "documents recorded");
    let mut n = 0;
    loop {
        let ids = store.unstaged_docs(DOC_STAGE_VERSION, BATCH)?;
        if ids.is_empty() {
            break;
        }
        let docs: Vec<(String, readout_text::Document)> = ids
            .iter()
            .filter_map(|id| store.get_doc(id).transpose())
            .map(|d| d.map(|d| (d.id.clone(), d.to_document())))
            .collect::<Result<_, _>>()?;
        let rows: Vec<StageRecord> = docs
            .par_iter()
            .map(|(id, doc)| stage_of(id, doc))
            .collect::<Result<_, String>>()
            .map_err(|m| {
                anyhow!("the record stage failed, a bug in readout (please report it): {m}")
            })?;
        store
            .put_stage(&rows)
            .context("cannot store the documents' records")?;
        n += rows.len();
        bar.inc(rows.len() as u64);
    }
    bar.finish_and_clear();
    Ok(n)
}

/// Adds the queued documents to the search index. Returns how many, and whether the
/// index had to be built anew (it could not be opened).
fn index_pending(store: &mut Store, data: &Path) -> Result<(usize, bool)> {
    let opened = search_index::open_for_update(data)?;
    let rebuilt = matches!(opened, search_index::Opened::Fresh(_));
    if rebuilt {
        // Missing, damaged or made by other analyzers: built anew from the store.
        store.queue_all_for_index()?;
    }
    let index = opened.index();
    let total = store.derived_status(DOC_STAGE_VERSION)?.to_index;
    let bar = bar(total as u64, "documents indexed");
    let mut n = 0;
    loop {
        let ids = store.index_queue(BATCH * 4)?;
        if ids.is_empty() {
            break;
        }
        let stages: HashMap<String, DocDerived> = store
            .stage_payloads(&ids)?
            .into_iter()
            .filter_map(|(id, p)| Some((id.clone(), record_io::doc_derived(&id, &p).ok()?)))
            .collect();
        let docs: Vec<readout_search::IndexDoc> = ids
            .iter()
            .filter_map(|id| store.get_doc(id).transpose())
            .map(|d| d.map(|d| search_index::index_doc(&d.id, &d.to_document(), stages.get(&d.id))))
            .collect::<Result<_, _>>()?;
        search_index::add(index, &docs)?;
        store.dequeue_indexed(&ids)?;
        n += ids.len();
        bar.inc(ids.len() as u64);
    }
    bar.finish_and_clear();
    Ok((n, rebuilt))
}

/// Link rows by id, loaded as needed.
struct Rows {
    rows: BTreeMap<String, LinkRow>,
    /// Day ranges, files and stated days already loaded around.
    days_loaded: Vec<(i64, i64)>,
    files_loaded: BTreeSet<String>,
    undated_loaded: bool,
    stated_loaded: BTreeSet<(Option<u32>, u32)>,
}

impl Rows {
    fn add(&mut self, keys: Vec<readout_store::StageKeys>) {
        for k in keys {
            if let Some(r) = record_io::link_row(&k) {
                self.rows.entry(r.id.clone()).or_insert(r);
            }
        }
    }

    /// Loads every row that could be a candidate of `ids` (already loaded themselves):
    /// the rows dated near them, in their files, and the undated ones.
    fn around(&mut self, store: &Store, ids: &[String]) -> Result<()> {
        let mut days: Vec<i64> = Vec::new();
        let mut files: BTreeSet<String> = BTreeSet::new();
        let mut need_undated = false;
        let mut stated: BTreeSet<(Option<u32>, u32)> = BTreeSet::new();
        for id in ids {
            let Some(r) = self.rows.get(id) else { continue };
            files.insert(r.keys.file.clone());
            let ds: Vec<i64> = r.keys.days().collect();
            if ds.is_empty() || r.keys.stated.full().is_some() {
                need_undated = true;
            }
            if ds.is_empty() {
                // Undated: the dated documents whose event falls on the day it states.
                if let Some(day) = r.keys.stated.day {
                    stated.insert((r.keys.stated.month, day));
                }
            }
            days.extend(ds);
        }
        for (month, day) in stated {
            if self.stated_loaded.insert((month, day)) {
                self.add(store.stage_keys_on_day(month, day)?);
            }
        }
        // Merged windows of days, each loaded once.
        days.sort_unstable();
        let w = readout_collection::blocking::WINDOW_DAYS;
        let mut ranges: Vec<(i64, i64)> = Vec::new();
        for d in days {
            match ranges.last_mut() {
                Some(last) if d - w <= last.1 + 1 => last.1 = last.1.max(d + w),
                _ => ranges.push((d - w, d + w)),
            }
        }
        for (lo, hi) in ranges {
            if self.days_loaded.iter().any(|&(a, b)| a <= lo && hi <= b) {
                continue;
            }
            self.add(store.stage_keys_between(lo, hi)?);
            self.days_loaded.push((lo, hi));
        }
        let new_files: Vec<String> = files
            .into_iter()
            .filter(|f| !self.files_loaded.contains(f))
            .collect();
        self.add(store.stage_keys_of_files(&new_files)?);
        self.files_loaded.extend(new_files);
        if need_undated && !self.undated_loaded {
            self.add(store.stage_keys_undated()?);
            self.undated_loaded = true;
        }
        Ok(())
    }
}

/// Prepared documents, loaded from the store when first asked for.
struct Texts<'a> {
    store: &'a Store,
    prepared: HashMap<String, Option<Prepared>>,
}

impl Texts<'_> {
    fn prepared(&mut self, id: &str) -> Option<Prepared> {
        if !self.prepared.contains_key(id) {
            let p = self.store.get_doc(id).ok().flatten().map(|d| {
                Prepared::new(&InputDoc {
                    id,
                    doc: &d.to_document(),
                })
            });
            self.prepared.insert(id.to_string(), p);
        }
        self.prepared.get(id).cloned().flatten()
    }
}

/// Decides the links of the queued documents and rebuilds the events they touch.
/// Returns the documents decided and the events written.
fn link_pending(store: &mut Store) -> Result<(usize, usize)> {
    let began = std::time::Instant::now();
    let queued = store.link_queue(usize::MAX)?;
    if queued.is_empty() {
        return Ok((0, 0));
    }
    let lexicon = Lexicon::bundled();
    let aligner = Aligner::new(lexicon);

    // 1. The queued rows and every row that could be their candidate; then the rows
    //    around the English documents among them, whose translations are decided again.
    let mut rows = Rows {
        rows: BTreeMap::new(),
        days_loaded: Vec::new(),
        files_loaded: BTreeSet::new(),
        undated_loaded: false,
        stated_loaded: BTreeSet::new(),
    };
    rows.add(store.stage_keys_of(&queued)?);
    let linking_queued: Vec<String> = queued
        .iter()
        .filter(|id| rows.rows.contains_key(*id))
        .cloned()
        .collect();
    rows.around(store, &linking_queued)?;
    let english: Vec<String> = {
        let list: Vec<LinkRow> = rows.rows.values().cloned().collect();
        let blocks = readout_collection::Blocks::new(&list);
        let index: HashMap<&str, usize> = list
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.as_str(), i))
            .collect();
        let mut en: BTreeSet<String> = BTreeSet::new();
        for id in &linking_queued {
            let i = index[id.as_str()];
            for c in std::iter::once(i).chain(blocks.candidates(i)) {
                if list[c].lang == readout_align::Lang::En {
                    en.insert(list[c].id.clone());
                }
            }
        }
        en.into_iter().collect()
    };
    rows.around(store, &english)?;
    let list: Vec<LinkRow> = rows.rows.into_values().collect();
    let index: HashMap<&str, usize> = list
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let queued_idx: Vec<usize> = linking_queued.iter().map(|id| index[id.as_str()]).collect();

    timing("link: rows", began);
    // 2. Decide.
    let mut texts = Texts {
        store,
        prepared: HashMap::new(),
    };
    let edges = {
        let mut text = |id: &str| texts.prepared(id).map(|p| LinkText::of(&p));
        crate::guard::catch(|| decide_edges(&list, &queued_idx, &mut text, &aligner))
            .map_err(|m| anyhow!("linking failed, a bug in readout (please report it): {m}"))?
    };
    let mut prepared_cache = std::mem::take(&mut texts.prepared);
    drop(texts);
    // Only the edges this round decides: copy edges touching a queued document and the
    // translation edges of the English documents decided again.
    let queued_set: BTreeSet<&str> = linking_queued.iter().map(String::as_str).collect();
    let english_set: BTreeSet<&str> = english.iter().map(String::as_str).collect();
    let decided: Vec<Edge> = edges
        .into_iter()
        .filter(|e| match e.kind {
            readout_collection::EdgeKind::Copy => {
                queued_set.contains(e.a.as_str()) || queued_set.contains(e.b.as_str())
            }
            readout_collection::EdgeKind::Translation => english_set.contains(e.a.as_str()),
        })
        .collect();
    let old_edges = store.edges_touching(
        &linking_queued
            .iter()
            .chain(&english)
            .cloned()
            .collect::<Vec<_>>(),
    )?;
    store.replace_edges(
        &linking_queued,
        &english,
        &decided
            .iter()
            .map(record_io::edge_record)
            .collect::<Vec<_>>(),
    )?;

    timing("link: edges", began);
    // 3. The components to rebuild: everything connected, through the edges as they are
    //    now, to a document whose links changed, or that shared an event with one.
    let mut seeds: BTreeSet<String> = queued.iter().cloned().collect();
    seeds.extend(english.iter().cloned());
    for e in decided
        .iter()
        .map(|e| (&e.a, &e.b))
        .chain(old_edges.iter().map(|e| (&e.a, &e.b)))
    {
        seeds.insert(e.0.clone());
        seeds.insert(e.1.clone());
    }
    let seed_list: Vec<String> = seeds.iter().cloned().collect();
    let old_events: BTreeSet<String> = store
        .events_of_docs(&seed_list)?
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    let old_event_list: Vec<String> = old_events.iter().cloned().collect();
    seeds.extend(store.docs_of_events(&old_event_list)?);
    let (members, edges_now) = connected(store, seeds)?;
    let member_list: Vec<String> = members.iter().cloned().collect();
    store.clear_events(&old_event_list, &member_list)?;

    timing("link: components found", began);
    // 4. Rebuild the components, a batch at a time.
    let reporting: Vec<String> = store
        .stage_keys_of(&member_list)?
        .into_iter()
        .map(|k| k.doc_id)
        .collect();
    let comps = linking::components(&reporting, &edges_now);
    let mut edges_by_doc: HashMap<&str, Vec<&Edge>> = HashMap::new();
    for e in &edges_now {
        edges_by_doc.entry(e.a.as_str()).or_default().push(e);
        edges_by_doc.entry(e.b.as_str()).or_default().push(e);
    }
    let bar = bar(member_list.len() as u64, "documents linked");
    let mut written = 0;
    let mut batch: Vec<Vec<String>> = Vec::new();
    let mut batch_docs = 0;
    let flush = |store: &mut Store,
                 batch: &mut Vec<Vec<String>>,
                 prepared: &mut HashMap<String, Option<Prepared>>|
     -> Result<usize> {
        if batch.is_empty() {
            return Ok(0);
        }
        let ids: Vec<String> = batch.iter().flatten().cloned().collect();
        let derived: HashMap<String, DocDerived> = store
            .stage_payloads(&ids)?
            .into_par_iter()
            .map(|(id, p)| Ok((id.clone(), record_io::doc_derived(&id, &p)?)))
            .collect::<Result<_>>()?;
        // A component's edges, found through the edges of its members.
        let inner_edges = |members: &[String]| -> Vec<Edge> {
            let mut out: Vec<Edge> = members
                .iter()
                .flat_map(|m| edges_by_doc.get(m.as_str()).into_iter().flatten())
                .filter(|e| members.contains(&e.a) && members.contains(&e.b))
                .map(|e| (*e).clone())
                .collect();
            out.sort_by(|x, y| (&x.a, &x.b, x.kind).cmp(&(&y.a, &y.b, y.kind)));
            out.dedup_by(|x, y| x.a == y.a && x.b == y.b && x.kind == y.kind);
            out
        };
        let texts_needed: Vec<String> = batch
            .iter()
            .filter(|m| {
                inner_edges(m)
                    .iter()
                    .any(|e| e.kind == readout_collection::EdgeKind::Translation)
            })
            .flatten()
            .filter(|id| !prepared.contains_key(*id))
            .cloned()
            .collect();
        let docs: Vec<(String, readout_text::Document)> = texts_needed
            .iter()
            .filter_map(|id| store.get_doc(id).transpose())
            .map(|d| d.map(|d| (d.id.clone(), d.to_document())))
            .collect::<Result<_, _>>()?;
        prepared.extend(
            docs.par_iter()
                .map(|(id, doc)| (id.clone(), Some(Prepared::new(&InputDoc { id, doc }))))
                .collect::<Vec<_>>(),
        );
        let prepared_ref: &HashMap<String, Option<Prepared>> = prepared;
        let rows: Vec<readout_store::ComponentRows> = batch
            .par_iter()
            .map(|members| {
                let docs: Vec<&DocDerived> =
                    members.iter().filter_map(|m| derived.get(m)).collect();
                let inner = inner_edges(members);
                let mut get = |id: &str| prepared_ref.get(id).cloned().flatten();
                let c = crate::guard::catch(|| component(&docs, &inner, &mut get, &aligner))
                    .map_err(|m| {
                        anyhow!(
                            "building an event failed, a bug in readout (please report it): {m}"
                        )
                    })?;
                record_io::component_rows(&c)
            })
            .collect::<Result<_>>()?;
        store.write_components(&rows, &[], &ids)?;
        let n = rows.len();
        batch.clear();
        prepared.clear();
        Ok(n)
    };
    for c in comps {
        batch_docs += c.len();
        batch.push(c);
        if batch_docs >= BATCH {
            let n = batch.iter().map(Vec::len).sum::<usize>();
            written += flush(store, &mut batch, &mut prepared_cache)?;
            bar.inc(n as u64);
            batch_docs = 0;
        }
    }
    written += flush(store, &mut batch, &mut prepared_cache)?;
    timing("link: events written", began);
    // The members that report no event: their occurrences, and off the queue.
    let reporting_set: BTreeSet<&str> = reporting.iter().map(String::as_str).collect();
    let eventless: Vec<String> = member_list
        .iter()
        .filter(|m| !reporting_set.contains(m.as_str()))
        .cloned()
        .collect();
    for chunk in eventless.chunks(BATCH) {
        let ids: Vec<String> = chunk.to_vec();
        // Read on every core: most documents of a news archive report no event.
        let per_doc: Vec<Vec<HitRecord>> = store
            .stage_payloads(&ids)?
            .into_par_iter()
            .map(|(id, p)| {
                let d = record_io::doc_derived(&id, &p)?;
                Ok(readout_collection::formulations::hit_rows(&d, None)
                    .iter()
                    .map(record_io::hit_record)
                    .collect())
            })
            .collect::<Result<_>>()?;
        let hits: Vec<HitRecord> = per_doc.into_iter().flatten().collect();
        store.write_components(&[], &hits, &ids)?;
    }
    timing("link: documents without an event", began);
    bar.finish_and_clear();
    Ok((queued.len(), written))
}

/// Every document connected to `seeds` through the stored edges, and those edges.
fn connected(store: &Store, seeds: BTreeSet<String>) -> Result<(BTreeSet<String>, Vec<Edge>)> {
    let mut members = seeds.clone();
    let mut frontier: Vec<String> = seeds.into_iter().collect();
    let mut edges: BTreeMap<(String, String, String), Edge> = BTreeMap::new();
    while !frontier.is_empty() {
        let found = store.edges_touching(&frontier)?;
        frontier.clear();
        for e in found {
            for end in [&e.a, &e.b] {
                if members.insert(end.clone()) {
                    frontier.push(end.clone());
                }
            }
            if let Some(edge) = record_io::edge(&e) {
                edges.insert((e.a.clone(), e.b.clone(), e.kind.clone()), edge);
            }
        }
    }
    Ok((members, edges.into_values().collect()))
}

/// `readout derive`: derive the record and rebuild the index now.
pub fn run(data: &Path, args: &DeriveArgs) -> Result<ExitCode> {
    crate::guard::install();
    let mut store = Store::open(data, OpenMode::Existing)
        .with_context(|| format!("cannot open the store in {}", data.display()))?;
    let done = refresh(&mut store, data, true)?;
    let out = Out::stdout();
    if args.json {
        out.json(&done)?;
    } else {
        out.line(&summary_line(&done))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One line saying what a refresh did (empty when it did nothing).
pub fn summary_line(done: &Refreshed) -> String {
    let mut parts = Vec::new();
    if done.staged > 0 {
        parts.push(format!("recorded {} documents", done.staged));
    }
    if done.linked > 0 {
        parts.push(format!(
            "linked {} documents ({} events written; {} events in all)",
            done.linked, done.events_written, done.events
        ));
    }
    if done.index_rebuilt {
        parts.push(format!(
            "search index built anew ({} documents)",
            done.indexed
        ));
    } else if done.indexed > 0 {
        parts.push(format!(
            "{} documents added to the search index",
            done.indexed
        ));
    }
    if parts.is_empty() {
        "record and search index already up to date".to_string()
    } else {
        let mut line = parts.join("; ");
        line.push('.');
        line
    }
}
