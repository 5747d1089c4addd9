//! `readout ingest`: read files into the store, one transaction per file, and say
//! what happened to each.

use crate::cli::IngestArgs;
use crate::derive::Refreshed;
use crate::guard::{self, Failure};
use crate::output::{cell, Out};
use crate::size::human;
use crate::walk::{io_reason, walk, Rejected};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use readout_store::{sha256_hex, OpenMode, Outcome, Store};
use readout_text::{Limits, Rejection};
use serde::Serialize;
use std::io::{IsTerminal, Read};
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
        let stored = match result {
            Ok(stored) => stored,
            Err(reason) => {
                let line = format!("rejected   {shown}: {}", cell(&reason));
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
                    format!("new        {shown} ({documents} documents)"),
                )
            }
            Outcome::Unchanged => {
                self.unchanged += 1;
                ("unchanged", 0, format!("unchanged  {shown}"))
            }
            Outcome::KnownContent => {
                self.known += 1;
                let line = format!("known      {shown} (same bytes as a file already stored)");
                ("known", 0, line)
            }
        };
        self.documents += documents;
        if stored.had_errors {
            self.replaced_bytes.push(shown.clone());
        }
        for n in &stored.notes {
            line += &format!("\n           note: {n}");
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
            out.line(&format!("rejected   {}: {}", lossy(&r.path), r.reason))?;
        }
    }
    summary
        .rejected
        .extend(found.rejected.iter().map(rejected_json));

    let bar = progress_bar(found.files.len() as u64);
    for path in &found.files {
        bar.set_message(lossy(path));
        let result = ingest_file(&mut store, path, &limits)?;
        let line = summary.add(path, result);
        if args.verbose {
            bar.suspend(|| out.line(&line))?;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    // The record and the index follow the documents: derived again when this ingest
    // stored new documents, or when an earlier one was killed before finishing them.
    summary.derived = crate::derive::refresh(&mut store, data, false)?;
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

/// Reads and stores one file. The outer error is the store failing (fatal for the
/// whole ingest); the inner one a reason to reject this file.
fn ingest_file(store: &mut Store, path: &Path, limits: &Limits) -> Result<Result<Stored, String>> {
    let bytes = match read_whole(path, limits.max_file_bytes) {
        Ok(b) => b,
        Err(reason) => return Ok(Err(reason)),
    };
    let sha = sha256_hex(&bytes);
    let context = || format!("cannot store {} in {}", path.display(), store_path_hint());
    if let Some(outcome) = store.touch_known(path, &sha).with_context(context)? {
        return Ok(Ok(Stored {
            sha,
            outcome,
            notes: Vec::new(),
            had_errors: false,
        }));
    }
    let reading = match read_guarded(path, &bytes, limits) {
        Ok(r) => r,
        Err(reason) => return Ok(Err(reason)),
    };
    let outcome = store
        .add_file(path, &bytes, &reading)
        .with_context(context)?;
    Ok(Ok(Stored {
        sha,
        outcome,
        notes: reading.diagnostics.into_iter().map(|d| d.message).collect(),
        had_errors: reading.decoded.had_errors,
    }))
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

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files  {elapsed}  {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(len).with_style(style)
}

fn print_summary(out: &Out, s: &Summary) -> Result<()> {
    let mut text = format!(
        "{} {} into {}: {} new, {} unchanged",
        s.files,
        plural(s.files, "file", "files"),
        s.data,
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
            text += &format!("  {p}\n");
        }
    }
    if s.derived.derived || s.derived.indexed {
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
