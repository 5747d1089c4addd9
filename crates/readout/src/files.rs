//! `readout files` and `readout check`: the store's files and its health.

use crate::docs::open;
use crate::json::{name, FileJson};
use crate::output::{cell, Out};
use crate::size::human;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;

pub fn list(data: &Path, json: bool) -> Result<()> {
    let store = open(data)?;
    let files = store.list_files().context("cannot list the files")?;
    let out = Out::stdout();
    if json {
        let shaped: Vec<FileJson> = files.iter().map(FileJson::new).collect();
        return out.json(&shaped);
    }
    let rows: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            vec![
                f.sha256[..12.min(f.sha256.len())].to_string(),
                human(f.size),
                format!("{}/{}", f.encoding, name(&f.format)),
                f.documents.to_string(),
                cell(&f.path),
            ]
        })
        .collect();
    out.table(&["SHA256", "SIZE", "ENCODING", "DOCS", "PATH"], &rows)
}

pub fn check(data: &Path, json: bool) -> Result<ExitCode> {
    let store = open(data)?;
    let report = store
        .check(readout_collection::DOC_STAGE_VERSION)
        .with_context(|| format!("cannot check the store {}", store.path().display()))?;
    let out = Out::stdout();
    if json {
        #[derive(serde::Serialize)]
        struct CheckJson<'a> {
            ok: bool,
            #[serde(flatten)]
            report: &'a readout_store::CheckReport,
        }
        out.json(&CheckJson {
            ok: report.ok(),
            report: &report,
        })?;
    } else {
        let mut text = String::new();
        if report.ok() {
            text.push_str("ok: ");
        } else {
            text.push_str(&format!("{} problems:\n", report.problems.len()));
            for p in &report.problems {
                text.push_str(&format!("  {p}\n"));
            }
        }
        text.push_str(&format!(
            "{} files ({} paths), {} documents, {} paragraphs; schema v{}; digest {}\n",
            report.blobs,
            report.paths,
            report.documents,
            report.paragraphs,
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
