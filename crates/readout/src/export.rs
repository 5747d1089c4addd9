//! `readout export`: the aligned sentence pairs of every translation in the store, as
//! a TMX 1.4b translation memory, JSON Lines or CSV.

use crate::cli::{ExportArgs, ExportFormat};
use crate::docs::open;
use anyhow::{Context, Result};
use readout_store::Store;
use std::io::Write;
use std::path::Path;

pub use readout_serve::export::PairRow;

/// Every pair of aligned sentence groups in the store (groups with both sides), by
/// original, then translation, then position: the pages' downloads use the same code.
pub fn pairs(store: &Store) -> Result<Vec<PairRow>> {
    let rows = store
        .list_alignments()
        .context("cannot read the alignments")?;
    Ok(readout_serve::export::pairs(store, &rows)?)
}

pub fn run(data: &Path, args: &ExportArgs) -> Result<()> {
    let store = open(data)?;
    let rows = pairs(&store)?;
    let body = match args.format {
        ExportFormat::Tmx => readout_serve::export::tmx(&rows),
        ExportFormat::Jsonl => readout_serve::export::jsonl(&rows)?,
        ExportFormat::Csv => readout_serve::export::csv(&rows),
    };
    match &args.out {
        Some(path) => write_file(path, body.as_bytes()),
        None => crate::output::Out::stdout().text(&body),
    }?;
    if rows.is_empty() {
        crate::output::note(
            "No aligned pairs: the store holds no translation linked to its original yet.",
        );
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file renamed into place, so a failed
/// export never leaves half a file where a whole one was.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.partial"));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))
}
