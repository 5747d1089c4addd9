//! `readout ingest`: read files into the store, one transaction per file, and say
//! what happened to each.

use crate::cli::IngestArgs;
use crate::derive::Refreshed;
use crate::guard::{self, Failure};
use crate::output::{cell, safe_path, Out, Safe};
use crate::size::human;
use crate::walk::{io_reason, walk, Rejected};
use anyhow::{Context, Result};
use readout_store::{sha256_hex, NewFile, OpenMode, Outcome, StageRecord, Store};
use readout_text::{Limits, Rejection};
use serde::Serialize;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;

/// What happened to one file.
#[derive(Debug, Serialize)]
struct Ingested {
    path: String,
    sha256: String,
    /// "new", "unchanged" or "known" (content already stored under another path).
    outcome: &'static str,
    /// Documents stored from this file (0 unless new).
    documents: usize,
    /// The reader's notes on this file (only for new content).
    notes: Vec<String>,
}

#[derive(Debug, Serialize)]
struct RejectedJson {
    path: String,
    reason: String,
}

#[derive(Debug, Default, Serialize)]
struct Summary {
    data: String,
    files: usize,
    new: usize,
    unchanged: usize,
    known: usize,
    documents: usize,
    rejected: Vec<RejectedJson>,
    /// Files stored whose bytes were partly invalid in their encoding.
    replaced_bytes: Vec<String>,
    skipped_hidden: usize,
    ingested: Vec<Ingested>,
    /// What the derive after the files did (record and search index).
    derived: Refreshed,
}

impl Summary {
    /// Counts one file's result and returns its line for `--verbose`.
    fn add(&mut self, path: &Path, result: Result<Stored, String>) -> String {
        let shown = lossy(path);
        // The name as a terminal may show it; the JSON keeps the name itself.
        let safe = safe_path(path);
        let stored = match result {
            Ok(stored) => stored,
            Err(reason) => {
                let line = format!("rejected   {safe}: {}", cell(&reason));
                self.rejected.push(RejectedJson {
                    path: shown,
                    reason,
                });
                return line;
            }
        };
        let (outcome, documents, mut line) = match stored.outcome {
            Outcome::New { documents } => {
                self.new += 1;
                (
                    "new",
                    documents,
                    format!("new        {safe} ({documents} documents)"),
                )
            }
            Outcome::Unchanged => {
                self.unchanged += 1;
                ("unchanged", 0, format!("unchanged  {safe}"))
            }
            Outcome::KnownContent => {
                self.known += 1;
                let line = format!("known      {safe} (same bytes as a file already stored)");
                ("known", 0, line)
            }
        };
        self.documents += documents;
        if stored.had_errors {
            self.replaced_bytes.push(shown.clone());
        }
        for n in &stored.notes {
            line += &format!("\n           note: {}", Safe(n));
        }
        self.ingested.push(Ingested {
            path: shown,
            sha256: stored.sha,
            outcome,
            documents,
            notes: stored.notes,
        });
        line
    }
}

pub fn run(data: &Path, args: &IngestArgs) -> Result<ExitCode> {
    let limits = Limits {
        max_file_bytes: args.max_file_size,
        ..Limits::default()
    };
    // Walk first, so the progress bar knows how far there is to go.
    let found = walk(&args.paths, args.hidden);
    let mut store = Store::open(data, OpenMode::Create)
        .with_context(|| format!("cannot open the store in {}", data.display()))?;
    let mut summary = Summary {
        data: data.display().to_string(),
        skipped_hidden: found.skipped_hidden,
        ..Summary::default()
    };
    guard::install();
    let out = Out::stdout();
    for r in &found.rejected {
        if args.verbose {
            out.line(&format!(
                "rejected   {}: {}",
                safe_path(&r.path),
                cell(&r.reason)
            ))?;
        }
    }
    summary
        .rejected
        .extend(found.rejected.iter().map(rejected_json));

    // One writer at a time: a second ingest waits here (and says so).
    let lock = crate::derive::lock(data)?;
    let files_began = std::time::Instant::now();
    // The new documents go into the search index as they are stored; the store's
    // index queue keeps them owed until the index has committed them.
    let index = crate::search_index::open_for_update(data)?;
    if let crate::search_index::Opened::Fresh(_) = &index {
        // A new index owes every document stored before.
        store.queue_all_for_index()?;
    }
    let mut writer = Some(
        index
            .index()
            .writer(readout_search::WriterOptions::default())
            .context("cannot open the search index for writing (is another readout writing it?)")?,
    );
    let mut indexed: Vec<String> = Vec::new();
    let bar = crate::derive::bar(found.files.len() as u64, "files");
    // A pipeline: one thread reads chunks of files on every core (bytes, hash, the
    // reader, the per-document stage, what the index holds of each document) while
    // this one, the only writer, stores the previous chunk and feeds the index. The
    // channel holds two chunks, so memory stays bounded whatever the archive.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Chunk>>(2);
    let files = &found.files;
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(|| produce(data, files, &limits, tx));
        let mut waited = std::time::Duration::ZERO;
        let mut chunks_since_commit = 0;
        let mut wait_began = std::time::Instant::now();
        for chunk in rx {
            waited += wait_began.elapsed();
            let chunk = chunk?;
            let paths = &files[chunk.range.clone()];
            bar.set_message(safe_path(&paths[0]));
            let results = store_chunk(&mut store, paths, chunk.work)?;
            for (path, (result, index_docs)) in paths.iter().zip(results) {
                if let Some(w) = writer.as_mut() {
                    for d in &index_docs {
                        w.replace(d)
                            .with_context(|| format!("cannot index document {}", d.id))?;
                        indexed.push(d.id.clone());
                    }
                }
                let line = summary.add(path, result);
                if args.verbose {
                    bar.suspend(|| out.line(&line))?;
                }
            }
            bar.inc(paths.len() as u64);
            // Commit the index now and then, so a long ingest killed midway leaves an
            // index that holds most of what was stored.
            chunks_since_commit += 1;
            if chunks_since_commit >= COMMIT_EVERY {
                if let Some(w) = writer.as_mut() {
                    w.commit().context("cannot commit the search index")?;
                    store.dequeue_indexed(&indexed)?;
                    indexed.clear();
                }
                chunks_since_commit = 0;
            }
            wait_began = std::time::Instant::now();
        }
        if std::env::var_os("READOUT_TIMING").is_some() {
            crate::output::note(&format!(
                "timing: files: the writer waited {:.3} s for the readers",
                waited.as_secs_f64()
            ));
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    if let Some(mut w) = writer.take() {
        w.commit().context("cannot commit the search index")?;
        drop(w);
        store.dequeue_indexed(&indexed)?;
    }
    drop(index);
    crate::derive::timing("files", files_began);
    // The record and the index follow the documents: derived again when this ingest
    // stored new documents, or when an earlier one was killed before finishing them.
    summary.derived = crate::derive::refresh_locked(&mut store, data, false)?;
    summary.derived.indexed += indexed.len();
    drop(lock);
    summary.files = summary.new + summary.unchanged + summary.known;
    // Walk errors were found first; list all rejections in path order.
    summary.rejected.sort_by(|a, b| a.path.cmp(&b.path));

    if args.json {
        out.json(&summary)?;
    } else {
        print_summary(&out, &summary)?;
    }
    Ok(if summary.rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// A file that went into the store.
struct Stored {
    sha: String,
    outcome: Outcome,
    /// The reader's diagnostics, when the file was read now.
    notes: Vec<String>,
    /// Some bytes were invalid in the file's encoding and were replaced.
    had_errors: bool,
}

/// Chunks stored between two commits of the search index during an ingest.
const COMMIT_EVERY: usize = 16;

/// Files read at a time, and their bytes at most (a single larger file is read alone).
const CHUNK_FILES: usize = 64;
const CHUNK_BYTES: u64 = 64 * 1024 * 1024;

/// What the reading thread made of one file.
enum Work {
    Rejected(String),
    /// Bytes already stored: only the path is recorded.
    Known {
        sha: String,
    },
    New {
        bytes: Vec<u8>,
        sha: String,
        read: Box<Result<ReadFile, String>>,
    },
}

/// A new file read: the reading, its documents' stages and index entries.
struct ReadFile {
    reading: readout_text::Reading,
    stages: Vec<StageRecord>,
    index_docs: Vec<readout_search::IndexDoc>,
}

/// A chunk of files read, by its range in the walk's list.
struct Chunk {
    range: std::ops::Range<usize>,
    work: Vec<Work>,
}

/// The reading side of the pipeline: chunks of `files` read on every core and sent in
/// order. Known content is told by a read-only look at the store, so the same bytes
/// are never read twice.
fn produce(
    data: &Path,
    files: &[std::path::PathBuf],
    limits: &Limits,
    tx: std::sync::mpsc::SyncSender<Result<Chunk>>,
) {
    use rayon::prelude::*;
    let store = match Store::open(data, OpenMode::ReadOnly) {
        Ok(s) => s,
        Err(e) => {
            let _ = tx.send(Err(anyhow::Error::new(e).context("cannot open the store")));
            return;
        }
    };
    let mut start = 0;
    while start < files.len() {
        let mut end = start;
        let mut bytes = 0u64;
        while end < files.len() && end - start < CHUNK_FILES && bytes < CHUNK_BYTES {
            bytes += std::fs::metadata(&files[end]).map_or(0, |m| m.len());
            end += 1;
        }
        let paths = &files[start..end];
        let read: Vec<Result<(Vec<u8>, String), String>> = paths
            .par_iter()
            .map(|p| {
                let bytes = read_whole(p, limits.max_file_bytes)?;
                let sha = sha256_hex(&bytes);
                Ok((bytes, sha))
            })
            .collect();
        let mut work: Vec<Work> = Vec::with_capacity(paths.len());
        for r in read {
            work.push(match r {
                Err(reason) => Work::Rejected(reason),
                Ok((bytes, sha)) => match store.has_blob(&sha) {
                    Ok(true) => Work::Known { sha },
                    Ok(false) => Work::New {
                        bytes,
                        sha,
                        read: Box::new(Err(String::new())),
                    },
                    Err(e) => {
                        let _ =
                            tx.send(Err(anyhow::Error::new(e).context("cannot read the store")));
                        return;
                    }
                },
            });
        }
        work.par_iter_mut().enumerate().for_each(|(i, w)| {
            if let Work::New { bytes, sha, read } = w {
                **read = read_and_stage(&paths[i], bytes, sha, limits);
            }
        });
        if tx
            .send(Ok(Chunk {
                range: start..end,
                work,
            }))
            .is_err()
        {
            return;
        }
        start = end;
    }
}

/// The writing side: stores a chunk (its new files in one transaction) and says what
/// happened to each file, with the index entries of the documents stored.
#[allow(clippy::type_complexity)]
fn store_chunk(
    store: &mut Store,
    paths: &[std::path::PathBuf],
    work: Vec<Work>,
) -> Result<Vec<(Result<Stored, String>, Vec<readout_search::IndexDoc>)>> {
    let mut out: Vec<Option<(Result<Stored, String>, Vec<readout_search::IndexDoc>)>> =
        Vec::with_capacity(work.len());
    let mut new: Vec<(usize, Vec<u8>, String, ReadFile)> = Vec::new();
    for (i, w) in work.into_iter().enumerate() {
        let path = &paths[i];
        match w {
            Work::Rejected(reason) => out.push(Some((Err(reason), Vec::new()))),
            Work::Known { sha } => {
                let context =
                    || format!("cannot store {} in {}", path.display(), store_path_hint());
                let outcome = store
                    .touch_known(path, &sha)
                    .with_context(context)?
                    .unwrap_or(Outcome::KnownContent);
                out.push(Some((
                    Ok(Stored {
                        sha,
                        outcome,
                        notes: Vec::new(),
                        had_errors: false,
                    }),
                    Vec::new(),
                )));
            }
            Work::New { bytes, sha, read } => match *read {
                Err(reason) => out.push(Some((Err(reason), Vec::new()))),
                Ok(f) => {
                    out.push(None);
                    new.push((i, bytes, sha, f));
                }
            },
        }
    }
    let files: Vec<NewFile<'_>> = new
        .iter()
        .map(|(i, bytes, _, f)| NewFile {
            path: &paths[*i],
            bytes,
            reading: &f.reading,
            stages: &f.stages,
        })
        .collect();
    let outcomes = store
        .add_files(&files)
        .with_context(|| format!("cannot store files in {}", store_path_hint()))?;
    drop(files);
    for ((i, _, sha, f), outcome) in new.into_iter().zip(outcomes) {
        let index_docs = if matches!(outcome, Outcome::New { .. }) {
            f.index_docs
        } else {
            Vec::new()
        };
        out[i] = Some((
            Ok(Stored {
                sha,
                outcome,
                notes: f
                    .reading
                    .diagnostics
                    .into_iter()
                    .map(|d| d.message)
                    .collect(),
                had_errors: f.reading.decoded.had_errors,
            }),
            index_docs,
        ));
    }
    Ok(out
        .into_iter()
        .map(|r| r.unwrap_or_else(|| (Err("not read".into()), Vec::new())))
        .collect())
}

/// The reader on a file, then the per-document stage of each of its documents and
/// what the index holds of it.
fn read_and_stage(
    path: &Path,
    bytes: &[u8],
    sha: &str,
    limits: &Limits,
) -> Result<ReadFile, String> {
    let reading = read_guarded(path, bytes, limits)?;
    let mut stages = Vec::with_capacity(reading.documents.len());
    let mut index_docs = Vec::with_capacity(reading.documents.len());
    for (i, doc) in reading.documents.iter().enumerate() {
        let id = readout_store::doc_id(sha, i);
        // A document the stage fails on is stored anyway; the derive makes its stage
        // again and reports the failure.
        let staged = crate::guard::stage(&readout_collection::InputDoc { id: &id, doc }).ok();
        if let Some((d, sig)) = &staged {
            if let Ok(s) = crate::record_io::stage_record(d, sig.as_ref()) {
                stages.push(s);
            }
        }
        index_docs.push(crate::search_index::index_doc(
            &id,
            doc,
            staged.as_ref().map(|s| &s.0),
        ));
    }
    Ok(ReadFile {
        reading,
        stages,
        index_docs,
    })
}

/// Runs the reader on a file's bytes, its path as given telling the format (by
/// extension) and the publication date (a date in the path), or says why it read
/// nothing.
pub(crate) fn read_guarded(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
) -> Result<readout_text::Reading, String> {
    let name = path.to_string_lossy();
    match guard::read(bytes, Some(&name), limits) {
        Ok(r) => Ok(r),
        Err(Failure::Rejected(rejection)) => Err(rejection_reason(&rejection)),
        Err(Failure::Panicked(message)) => Err(format!(
            "the reader failed on this file, a bug in readout (please report it with \
             the file): {message}"
        )),
    }
}

fn store_path_hint() -> &'static str {
    "the store (is the disk full, or the data directory read-only?)"
}

fn rejection_reason(r: &Rejection) -> String {
    match r {
        Rejection::TooLarge { size, limit } => over_limit(*size, *limit),
        Rejection::LineTooLong { len, limit } => format!(
            "a single line of {} is over the {} line limit (not running text)",
            human(*len as u64),
            human(*limit as u64)
        ),
        other => other.to_string(),
    }
}

fn over_limit(size: u64, limit: u64) -> String {
    format!(
        "{} ({size} bytes), over the limit of {} (raise it with --max-file-size)",
        human(size),
        human(limit)
    )
}

/// Reads a whole regular file of at most `limit` bytes, or says why not. A file whose
/// size changes while it is read is rejected: what was read is not the file.
pub(crate) fn read_whole(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let mut file = std::fs::File::open(path).map_err(|e| io_reason(path, &e))?;
    let meta = file.metadata().map_err(|e| io_reason(path, &e))?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let size = meta.len();
    if size > limit {
        return Err(over_limit(size, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read one byte past the limit, so a file that grows meanwhile is noticed
    // without reading all of it.
    (&mut file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(path, &e))?;
    let after = file.metadata().map(|m| m.len()).unwrap_or(u64::MAX);
    if bytes.len() as u64 != size || after != size {
        return Err(format!(
            "changed while being read ({size} bytes when opened, {} read, {after} now); \
             ingest it again once it is complete",
            bytes.len()
        ));
    }
    Ok(bytes)
}

fn print_summary(out: &Out, s: &Summary) -> Result<()> {
    let mut text = format!(
        "{} {} into {}: {} new, {} unchanged",
        s.files,
        plural(s.files, "file", "files"),
        Safe(&s.data),
        s.new,
        s.unchanged,
    );
    if s.known > 0 {
        text += &format!(", {} already stored under another path", s.known);
    }
    text += &format!(
        "; {} {} stored.\n",
        s.documents,
        plural(s.documents, "document", "documents")
    );
    if !s.rejected.is_empty() {
        text += &format!(
            "{} {} rejected, nothing of {} stored:\n",
            s.rejected.len(),
            plural(s.rejected.len(), "path", "paths"),
            plural(s.rejected.len(), "it", "them"),
        );
        for r in &s.rejected {
            text += &format!("  {}: {}\n", cell(&r.path), cell(&r.reason));
        }
    }
    if !s.replaced_bytes.is_empty() {
        text += &format!(
            "{} {} stored with invalid bytes replaced by U+FFFD (wrong encoding, or damaged?):\n",
            s.replaced_bytes.len(),
            plural(s.replaced_bytes.len(), "file", "files")
        );
        for p in &s.replaced_bytes {
            text += &format!("  {}\n", Safe(p));
        }
    }
    if s.derived.staged + s.derived.linked + s.derived.indexed > 0 || s.derived.index_rebuilt {
        text += &crate::derive::summary_line(&s.derived);
        text.push('\n');
    }
    if s.skipped_hidden > 0 {
        text += &format!(
            "{} hidden {} skipped (use --hidden to read them).\n",
            s.skipped_hidden,
            plural(s.skipped_hidden, "entry", "entries"),
        );
    }
    out.text(&text)
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A path for people: invalid UTF-8 shown as U+FFFD.
fn lossy(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

fn rejected_json(r: &Rejected) -> RejectedJson {
    RejectedJson {
        path: lossy(&r.path),
        reason: r.reason.clone(),
    }
}
