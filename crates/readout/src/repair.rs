//! `readout repair`: everything the store derives, made again from the original bytes.
//!
//! Readings and documents that differ from a new reading of their bytes are put back
//! (the same comparison `readout check` makes), then the derived record and the search
//! index are rebuilt the way `readout derive` rebuilds them. Original bytes that no
//! longer match their hash are beyond repair: they are listed (restore a backup).

use crate::check::{compare_readings, ReadingFinding};
use crate::cli::DeriveArgs;
use crate::output::{safe_path, Out, Safe};
use anyhow::{Context, Result};
use readout_store::{OpenMode, Store};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// The reader's limits for bytes already stored: no size limit (the ingest that stored
/// them may have had a larger one), the rest as ingest has them.
pub fn limits() -> readout_text::Limits {
    readout_text::Limits {
        max_file_bytes: u64::MAX,
        ..readout_text::Limits::default()
    }
}

#[derive(Debug, Serialize)]
struct Repaired {
    /// Readings put back from their bytes.
    readings: usize,
    /// Stored files the reader no longer reads (left as they are).
    unreadable: Vec<String>,
    /// Problems a repair cannot mend (damaged original bytes, a damaged database).
    remaining: Vec<String>,
    derived: crate::derive::Refreshed,
}

pub fn run(data: &Path, args: &DeriveArgs) -> Result<ExitCode> {
    crate::guard::install();
    let mut store = Store::open(data, OpenMode::Existing)
        .with_context(|| format!("cannot open the store in {}", data.display()))?;
    let lock = crate::derive::lock(data)?;
    let (findings, _) = compare_readings(&store)?;
    let mut readings = 0;
    let mut unreadable = Vec::new();
    // Events and links name documents: they go first, and are rebuilt below.
    store
        .reset_derived()
        .context("cannot clear the derived record")?;
    for f in findings {
        match f {
            ReadingFinding::Differs(source) => {
                let blob = store
                    .get_blob(&source.sha256)?
                    .context("a stored file disappeared during the repair")?;
                let reading = crate::ingest::read_guarded(&source.path, &blob.bytes, &limits())
                    .map_err(anyhow::Error::msg)?;
                store
                    .replace_reading(&source.sha256, &reading)
                    .with_context(|| {
                        format!("cannot put back the reading of {}", safe_path(&source.path))
                    })?;
                readings += 1;
            }
            ReadingFinding::Unreadable { source, reason } => unreadable.push(format!(
                "{} ({}): {}",
                safe_path(&source.path),
                &source.sha256[..12],
                Safe(&reason)
            )),
        }
    }
    let derived = crate::derive::refresh_locked(&mut store, data, true)?;
    drop(lock);
    let report = store
        .check(readout_collection::DOC_STAGE_VERSION)
        .context("cannot check the store after the repair")?;
    let repaired = Repaired {
        readings,
        unreadable,
        remaining: report.problems,
        derived,
    };
    let out = Out::stdout();
    if args.json {
        out.json(&repaired)?;
    } else {
        let mut text = format!(
            "{} {} put back from the original bytes; {}\n",
            repaired.readings,
            if repaired.readings == 1 {
                "reading"
            } else {
                "readings"
            },
            crate::derive::summary_line(&repaired.derived)
        );
        for u in &repaired.unreadable {
            text += &format!("not read again (left as stored): {u}\n");
        }
        if !repaired.remaining.is_empty() {
            text += "beyond repair (restore these from a backup):\n";
            for p in &repaired.remaining {
                text += &format!("  {p}\n");
            }
        }
        out.text(&text)?;
    }
    Ok(if repaired.remaining.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
