//! Deriving the record of the whole collection: every document through the collection
//! stage (normalize, record, link, align, formulations), the result stored in one
//! transaction, then the search index rebuilt from it. Run after each ingest that
//! stored something new, by `readout derive`, and by any ingest that finds the record
//! or the index out of date (an earlier ingest was killed before it finished them).

use crate::cli::DeriveArgs;
use crate::output::Out;
use crate::search_index;
use anyhow::{anyhow, Context, Result};
use fs4::fs_std::FileExt;
use readout_collection::InputDoc;
use readout_store::{input_key, OpenMode, Store};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;

/// Held while deriving, so two processes never derive or build the index at once.
const LOCK: &str = "derive.lock";

/// What a refresh did.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Refreshed {
    /// The derived record was made again.
    pub derived: bool,
    /// The search index was built again.
    pub indexed: bool,
    pub documents: usize,
    pub events: usize,
    pub translations: usize,
    pub formulations: usize,
}

/// Brings the derived record and the search index up to date with the documents:
/// derives when the documents changed since the last derive (or always, with
/// `force`), and rebuilds the index when it was not built from the current record.
pub fn refresh(store: &mut Store, data: &Path, force: bool) -> Result<Refreshed> {
    let lock_path = data.join(LOCK);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("cannot open {}", lock_path.display()))?;
    // Blocks while another readout derives; then this one finds the record current.
    FileExt::lock_exclusive(&lock)
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;

    let mut done = Refreshed::default();
    let derived_current = store.derived_is_current()?;
    if force || !derived_current {
        derive_now(store, &mut done)?;
    }
    let state = store.derived_state()?;
    let input = state
        .map(|s| s.input)
        .unwrap_or_else(|| input_key(std::iter::empty()));
    if done.derived || search_index::built_from(data).as_deref() != Some(input.as_str()) {
        index_now(store, data, &input)?;
        done.indexed = true;
    }
    let _ = FileExt::unlock(&lock);
    Ok(done)
}

fn derive_now(store: &mut Store, done: &mut Refreshed) -> Result<()> {
    let docs = store
        .derive_input()
        .context("cannot read the documents to derive the record")?;
    let input: Vec<InputDoc<'_>> = docs.iter().map(|(id, doc)| InputDoc { id, doc }).collect();
    let derived = crate::guard::derive(&input).map_err(|message| {
        anyhow!(
            "the collection stage failed, a bug in readout (please report it): {message}; \
             the documents are stored, `readout derive` tries again"
        )
    })?;
    let ids: Vec<&str> = docs.iter().map(|(id, _)| id.as_str()).collect();
    store
        .replace_derived(&ids, &derived)
        .context("cannot store the derived record")?;
    done.derived = true;
    done.documents = docs.len();
    done.events = derived.events.len();
    done.translations = derived.alignments.len();
    done.formulations = derived.formulations.len();
    Ok(())
}

fn index_now(store: &Store, data: &Path, input: &str) -> Result<()> {
    let docs = store
        .list_docs()
        .context("cannot read the documents to index")?;
    let events = store.list_events()?;
    let by_id: HashMap<&str, &readout_store::EventRecord> =
        events.iter().map(|e| (e.id.as_str(), e)).collect();
    let index_docs: Vec<_> = docs
        .iter()
        .map(|d| search_index::index_doc(d, &by_id))
        .collect();
    // The curated formulations are kept whole by the segmenter; discovered ones are
    // repeated n-grams that may cut across words (近平强调), so they are not.
    let words: Vec<String> = store
        .list_formulations()?
        .into_iter()
        .filter(|f| f.history["source"] == "curated")
        .map(|f| f.text)
        .collect();
    search_index::rebuild(data, &index_docs, words, input)
        .with_context(|| format!("cannot build the search index in {}", data.display()))
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
    if done.derived {
        parts.push(format!(
            "derived the record of {} documents: {} events, {} translations aligned, {} formulations",
            done.documents, done.events, done.translations, done.formulations
        ));
    }
    if done.indexed {
        parts.push("search index rebuilt".to_string());
    }
    if parts.is_empty() {
        "record and search index already up to date".to_string()
    } else {
        let mut line = parts.join("; ");
        line.push('.');
        line
    }
}
