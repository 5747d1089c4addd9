//! `readout read`: the reader alone, as a stream transform. Files (or a feed, or
//! standard input) in; what the reader makes of them out, one document per line with
//! `--jsonl`, with no store. Made for looking at an archive before ingesting it, and for
//! running the per-document stage under an engine that spreads files over machines
//! (Spark's `pipe`, GNU parallel): the same bytes always give the same lines.

use crate::cli::ReadArgs;
use crate::ingest::{read_guarded, read_whole};
use crate::json::{name, DocJson};
use crate::output::{cell, Out};
use crate::walk::walk;
use anyhow::{Context, Result};
use readout_store::{doc_id, sha256_hex};
use readout_text::Limits;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(args: &ReadArgs) -> Result<ExitCode> {
    let limits = Limits {
        max_file_bytes: args.max_file_size,
        ..Limits::default()
    };
    crate::guard::install();
    let stdin_only = args.paths.len() == 1 && args.paths[0] == Path::new("-");
    let found = if stdin_only {
        crate::walk::Walk {
            files: vec![PathBuf::from("-")],
            ..Default::default()
        }
    } else {
        walk(&args.paths, args.hidden)
    };
    let mut rejected: Vec<(String, String)> = found
        .rejected
        .iter()
        .map(|r| (r.path.to_string_lossy().into_owned(), r.reason.clone()))
        .collect();
    let out = Out::stdout();
    let mut rows = Vec::new();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    for path in &found.files {
        let shown = path.to_string_lossy().into_owned();
        let bytes = if stdin_only {
            let mut b = Vec::new();
            std::io::stdin()
                .take(limits.max_file_bytes.saturating_add(1))
                .read_to_end(&mut b)
                .context("cannot read standard input")?;
            b
        } else {
            match read_whole(path, limits.max_file_bytes) {
                Ok(b) => b,
                Err(reason) => {
                    rejected.push((shown, reason));
                    continue;
                }
            }
        };
        let name = if stdin_only {
            Path::new("")
        } else {
            path.as_path()
        };
        let reading = match read_guarded(name, &bytes, &limits) {
            Ok(r) => r,
            Err(reason) => {
                rejected.push((shown, reason));
                continue;
            }
        };
        let sha = sha256_hex(&bytes);
        let n = reading.documents.len();
        for (i, d) in reading.documents.iter().enumerate() {
            let id = doc_id(&sha, i);
            let removed =
                readout_text::clean::removed_within(&d.span, &reading.removals, i + 1 == n);
            if args.jsonl {
                // The per-document stage travels with the document: what a collection
                // stage elsewhere needs to link and record it.
                let stage = crate::guard::stage(&readout_collection::InputDoc { id: &id, doc: d })
                    .map_err(|m| anyhow::anyhow!("the record stage failed on {id}, a bug in readout (please report it): {m}"))?;
                let json = ReadJson {
                    doc: DocJson::from_document(&id, &shown, d, removed),
                    reports_event: stage.0.reports_event,
                    record: &stage.0.record,
                    keys: &stage.0.keys,
                    signature: stage.1.as_ref().map(|s| hex(&s.to_bytes())),
                };
                serde_json::to_writer(&mut w, &json)?;
                w.write_all(b"\n")?;
            } else {
                rows.push(vec![
                    id,
                    name_of(&d.kind),
                    name_of(&d.lang),
                    d.meta
                        .published
                        .as_deref()
                        .map_or("-", |p| &p[..p.len().min(10)])
                        .to_string(),
                    cell(d.title.as_deref().unwrap_or("-")),
                ]);
            }
        }
    }
    w.flush()?;
    drop(w);
    if !args.jsonl {
        out.table(&["ID", "KIND", "LANG", "PUBLISHED", "TITLE"], &rows)?;
    }
    // Rejections go to standard error, so the documents on standard output stay a
    // clean stream.
    let mut err = std::io::stderr().lock();
    for (path, reason) in &rejected {
        let _ = writeln!(err, "rejected   {}: {}", cell(path), cell(reason));
    }
    Ok(if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// One line of `read --jsonl`: the document, and its per-document stage.
#[derive(serde::Serialize)]
struct ReadJson<'a> {
    #[serde(flatten)]
    doc: DocJson<'a>,
    /// Whether the document reports an event of its own.
    reports_event: bool,
    /// The record of the document (spans in characters of its own paragraphs).
    record: &'a readout_record::Record,
    /// The keys that find its candidate versions (file, stated date, event and
    /// publication days).
    keys: &'a readout_collection::LinkKeys,
    /// Its text signature (one-permutation MinHash), hex.
    signature: Option<String>,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn name_of<T: serde::Serialize>(v: &T) -> String {
    name(v)
}
