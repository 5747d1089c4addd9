//! `readout check`: whether the store is whole and current.
//!
//! The store checks itself (SQLite's integrity check, its invariants, every blob against
//! its hash, text that must be UTF-8, how far the derived record and the index are
//! behind); this module adds what needs the stages: every reading against a new reading
//! of its bytes, and the search index against the store (damaged files, the number of
//! documents, and a sample of documents each searched for by a passage of its own text).
//! A damaged or foreign database is a finding (exit 1), not a usage error.

use crate::output::{safe_path, Out, Safe};
use anyhow::{Context, Result};
use rayon::prelude::*;
use readout_store::{CheckReport, OpenMode, Scratch, Store, StoreError};
use serde::Serialize;
use std::collections::HashSet;
use std::path::Path;
use std::process::ExitCode;

/// Documents searched for by their own text (spread evenly over the ids).
const SAMPLE: usize = 64;

/// Blobs read again at a time, in parallel.
const READ_BATCH: usize = 64;

/// What the search index was found to hold.
#[derive(Debug, Default, Serialize)]
pub struct IndexReport {
    /// An index was there to check.
    pub present: bool,
    /// Documents the index holds.
    pub documents: Option<usize>,
    /// Index files whose checksum fails.
    pub damaged_files: Vec<String>,
    /// Documents searched for by a passage of their text, and how many were found.
    pub sampled: usize,
    pub found: usize,
}

#[derive(Serialize)]
struct CheckJson<'a> {
    ok: bool,
    #[serde(flatten)]
    report: &'a CheckReport,
    /// Readings compared with a new reading of their bytes.
    readings_checked: usize,
    index: &'a IndexReport,
}

pub fn run(data: &Path, json: bool, quick: bool) -> Result<ExitCode> {
    crate::guard::install();
    let out = Out::stdout();
    let store = match Store::open(data, OpenMode::ReadOnly) {
        Ok(store) => store,
        Err(e) if e.is_damage() => return damaged(&out, json, &e.to_string()),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot open the store in {}", data.display()))
        }
    };
    match check(data, &store, quick) {
        Ok((report, readings, index)) => print(&out, json, &report, readings, &index),
        Err(e) if is_damage(&e) => damaged(&out, json, &format!("{e:#}")),
        Err(e) => Err(e),
    }
}

/// Everything `check` verifies, as a report.
fn check(data: &Path, store: &Store, quick: bool) -> Result<(CheckReport, usize, IndexReport)> {
    let mut report = store
        .check(readout_collection::DOC_STAGE_VERSION)
        .with_context(|| format!("cannot check the store {}", store.path().display()))?;
    let readings = if quick {
        0
    } else {
        let (problems, readings) = check_readings(store)?;
        report.problems.extend(problems);
        readings
    };
    // The record is compared only when it claims to be current: one behind is already
    // reported as such, and the next derive replaces it anyway.
    if report.stale.is_empty() && !quick {
        match record_derives_again(store, &report.digest) {
            Ok(Some(true)) => {}
            // No room to compare is no finding about the store.
            Ok(None) => {}
            Ok(Some(false)) => report.problems.push(
                "the derived record (events, links, alignments, formulations) differs from \
                 the record derived again from the documents: damaged (run `readout repair`)"
                    .to_string(),
            ),
            // Damage the derive trips over (a text that is no UTF-8) is a finding too.
            Err(e) => report.problems.push(format!(
                "the record cannot be derived again from the documents: {} (run `readout \
                 repair`)",
                Safe(&format!("{e:#}"))
            )),
        }
    }
    let index = check_index(data, store, &mut report)?;
    Ok((report, readings, index))
}

/// Whether the derived record stored is the one the documents give: the record is
/// derived again, from nothing, in a copy of the store (in a temporary directory), and
/// the copy's digest compared with `digest`. The derive is the ingest's own code.
/// `None` when no copy can be made (no room in the temporary directory): said on
/// standard error, and the comparison skipped.
fn record_derives_again(store: &Store, digest: &str) -> Result<Option<bool>> {
    let copied = ScratchDir::new().and_then(|scratch| {
        store
            .backup_to(&scratch.0.join(readout_store::DB_FILE))
            .context("cannot copy the store")?;
        let copy = Store::open(&scratch.0, OpenMode::Existing)
            .context("cannot open the copy of the store")?;
        Ok((scratch, copy))
    });
    let (_scratch, mut copy) = match copied {
        Ok(c) => c,
        Err(e) => {
            crate::output::note(&format!(
                "note: the derived record was not compared with one derived again: {} \
                 (set TMPDIR to a directory with room for a copy of the store)",
                Safe(&format!("{e:#}"))
            ));
            return Ok(None);
        }
    };
    crate::derive::rederive_record(&mut copy)?;
    Ok(Some(copy.digest()? == digest))
}

/// A temporary directory, removed when dropped.
struct ScratchDir(std::path::PathBuf);

impl ScratchDir {
    fn new() -> Result<ScratchDir> {
        let dir = std::env::temp_dir().join(format!("readout-check-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the scratch directory {}", dir.display()))?;
        Ok(ScratchDir(dir))
    }
}

impl Drop for ScratchDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A reading that is not what its bytes give.
pub enum ReadingFinding {
    /// The reader no longer reads the bytes at all (it rejects them, or panicked).
    Unreadable {
        source: readout_store::BlobSource,
        reason: String,
    },
    /// What is stored differs from a new reading.
    Differs(readout_store::BlobSource),
}

impl ReadingFinding {
    fn line(&self) -> String {
        match self {
            ReadingFinding::Unreadable { source, reason } => format!(
                "stored file {} ({}) is no longer read: {}",
                safe_path(&source.path),
                &source.sha256[..12],
                Safe(reason)
            ),
            ReadingFinding::Differs(source) => format!(
                "reading of {} ({}) differs from what its bytes give (damaged, or read by \
                 another readout version; `readout repair` reads it again)",
                safe_path(&source.path),
                &source.sha256[..12]
            ),
        }
    }
}

fn check_readings(store: &Store) -> Result<(Vec<String>, usize)> {
    let (findings, compared) = compare_readings(store)?;
    Ok((
        findings.iter().map(ReadingFinding::line).collect(),
        compared,
    ))
}

/// Reads every blob again, with the name it was first read under, and compares what is
/// stored of it with what ingesting that reading would store. Returns what differs and
/// how many readings were compared.
pub fn compare_readings(store: &Store) -> Result<(Vec<ReadingFinding>, usize)> {
    let mut problems = Vec::new();
    let mut scratch = Scratch::new().context("cannot make a scratch database")?;
    let sources = store.blob_sources()?;
    let mut compared = 0;
    for batch in sources.chunks(READ_BATCH) {
        let mut blobs = Vec::with_capacity(batch.len());
        for s in batch {
            let Some(blob) = store.get_blob(&s.sha256)? else {
                continue;
            };
            // Bytes that do not hash to their address are reported by the store's check;
            // reading them would only repeat it.
            if readout_store::sha256_hex(&blob.bytes) == s.sha256 {
                blobs.push((s, blob.bytes));
            }
        }
        let readings: Vec<_> = blobs
            .par_iter()
            .map(|(s, bytes)| crate::ingest::read_guarded(&s.path, bytes, &crate::repair::limits()))
            .collect();
        for ((s, bytes), reading) in blobs.iter().zip(readings) {
            match reading {
                Err(reason) => problems.push(ReadingFinding::Unreadable {
                    source: (*s).clone(),
                    reason,
                }),
                Ok(reading) => {
                    compared += 1;
                    if !store.reading_matches(&mut scratch, &s.path, bytes, &reading)? {
                        problems.push(ReadingFinding::Differs((*s).clone()));
                    }
                }
            }
        }
    }
    Ok((problems, compared))
}

/// The index against the store: its files' checksums, the number of documents it holds,
/// and a sample of documents each found by a passage of its own text.
fn check_index(data: &Path, store: &Store, report: &mut CheckReport) -> Result<IndexReport> {
    let mut out = IndexReport::default();
    let index = match crate::search_index::open(data) {
        Ok(index) => index,
        Err(readout_search::SearchError::Missing(_)) => {
            if report.documents > 0 {
                report
                    .stale
                    .push("there is no search index (run `readout derive`)".to_string());
            }
            return Ok(out);
        }
        Err(e) => {
            report.problems.push(format!(
                "the search index cannot be opened: {} (run `readout repair`)",
                Safe(&e.to_string())
            ));
            return Ok(out);
        }
    };
    out.present = true;
    match index.damaged_files() {
        Ok(files) => {
            for f in &files {
                report.problems.push(format!(
                    "search index file {} is damaged (its checksum fails; run `readout repair`)",
                    safe_path(f)
                ));
            }
            out.damaged_files = files.iter().map(|f| f.display().to_string()).collect();
        }
        Err(e) => report.problems.push(format!(
            "the search index's files cannot be verified: {} (run `readout repair`)",
            Safe(&e.to_string())
        )),
    }
    // A damaged index is not searched: tantivy may panic on what it reads.
    if !out.damaged_files.is_empty() {
        return Ok(out);
    }
    // Damage the checksums cannot see may still make tantivy panic: a finding too.
    let search = |query: &readout_search::Query| -> Result<readout_search::Results, String> {
        match crate::guard::catch(|| index.search(query)) {
            Ok(Ok(results)) => Ok(results),
            Ok(Err(e)) => Err(e.to_string()),
            Err(panic) => Err(format!("it fails when searched: {panic}")),
        }
    };
    let counted = search(&readout_search::Query {
        limit: 1,
        ..readout_search::Query::default()
    });
    let held = match counted {
        Ok(all) => all.total,
        Err(e) => {
            report.problems.push(format!(
                "the search index cannot be searched: {} (run `readout repair`)",
                Safe(&e)
            ));
            return Ok(out);
        }
    };
    out.documents = Some(held);
    let owed: HashSet<String> = store.index_queue(usize::MAX)?.into_iter().collect();
    // Documents still owed to the index are reported as stale by the store's check;
    // only when none are owed must the numbers agree.
    if owed.is_empty() && held as u64 != report.documents {
        report.problems.push(format!(
            "the search index holds {held} documents, the store {} (run `readout repair`)",
            report.documents
        ));
    }
    let mut ids = store.doc_ids_with_prefix("", usize::MAX)?;
    ids.retain(|id| !owed.contains(id));
    ids.sort();
    let step = ids.len().div_ceil(SAMPLE).max(1);
    for id in ids.iter().step_by(step) {
        // A document that cannot be read is reported by the store's own check.
        let Ok(Some(doc)) = store.get_doc(id) else {
            continue;
        };
        let Some(probe) = probe(&doc.to_document()) else {
            continue;
        };
        let query = readout_search::Query {
            limit: readout_search::MAX_LIMIT,
            ..readout_search::Query::new(probe.clone())
        };
        let results = match search(&query) {
            Ok(results) => results,
            Err(e) => {
                report.problems.push(format!(
                    "the search index cannot be searched for document {id}: {} (run \
                     `readout repair`)",
                    Safe(&e)
                ));
                continue;
            }
        };
        let found = results.hits.iter().any(|h| &h.doc == id);
        // A passage found in more documents than one page holds proves nothing.
        if !found && results.total >= readout_search::MAX_LIMIT {
            continue;
        }
        out.sampled += 1;
        if found {
            out.found += 1;
        } else {
            report.problems.push(format!(
                "the search index does not find document {id} by its own text «{}» \
                 (run `readout repair`)",
                Safe(&probe)
            ));
        }
    }
    Ok(out)
}

/// A passage of a document's body to search it by: four Chinese characters from the
/// middle of its longest run of them, or else its longest Latin word. None when the
/// body has neither.
fn probe(doc: &readout_text::Document) -> Option<String> {
    let is_han = |c: char| matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF);
    let mut best_han: Option<Vec<char>> = None;
    let mut best_word: Option<String> = None;
    for p in &doc.body {
        let mut run: Vec<char> = Vec::new();
        for c in p.text.chars().chain(std::iter::once(' ')) {
            if is_han(c) {
                run.push(c);
            } else {
                if run.len() >= 4 && best_han.as_ref().is_none_or(|b| run.len() > b.len()) {
                    best_han = Some(run.clone());
                }
                run.clear();
            }
        }
        for w in p.text.split(|c: char| !c.is_ascii_alphabetic()) {
            if w.len() >= 5 && best_word.as_ref().is_none_or(|b| w.len() > b.len()) {
                best_word = Some(w.to_ascii_lowercase());
            }
        }
    }
    if let Some(run) = best_han {
        let mid = (run.len() - 4) / 2;
        return Some(run[mid..mid + 4].iter().collect());
    }
    best_word
}

fn print(
    out: &Out,
    json: bool,
    report: &CheckReport,
    readings: usize,
    index: &IndexReport,
) -> Result<ExitCode> {
    if json {
        out.json(&CheckJson {
            ok: report.ok(),
            report,
            readings_checked: readings,
            index,
        })?;
    } else {
        let mut text = String::new();
        if !report.problems.is_empty() {
            text.push_str(&format!(
                "{} {}:\n",
                report.problems.len(),
                if report.problems.len() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            ));
            for p in &report.problems {
                text.push_str(&format!("  {p}\n"));
            }
        }
        if !report.stale.is_empty() {
            text.push_str("behind:\n");
            for s in &report.stale {
                text.push_str(&format!("  {s}\n"));
            }
        }
        if report.ok() {
            text.push_str("ok: ");
        }
        text.push_str(&format!(
            "{} files ({} paths, {readings} readings compared), {} documents, {} paragraphs, \
             {} events; index: {}; schema v{}; digest {}\n",
            report.blobs,
            report.paths,
            report.documents,
            report.paragraphs,
            report.events,
            match index.documents {
                Some(n) => format!(
                    "{n} documents, {}/{} found by their text",
                    index.found, index.sampled
                ),
                None => "none".to_string(),
            },
            report.schema_version,
            report.digest
        ));
        out.text(&text)?;
    }
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A store too damaged to check further: said as the one finding, exit 1.
fn damaged(out: &Out, json: bool, message: &str) -> Result<ExitCode> {
    if json {
        out.json(&serde_json::json!({
            "ok": false,
            "problems": [message],
            "stale": [],
        }))?;
    } else {
        out.text(&format!("1 problem:\n  {}\n", Safe(message)))?;
    }
    Ok(ExitCode::from(1))
}

/// Whether an error met while checking says the database is damaged.
fn is_damage(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<StoreError>()
            .is_some_and(StoreError::is_damage)
    })
}
