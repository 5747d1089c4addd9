//! `readout files`: the files in the store.

use crate::docs::open;
use crate::json::{name, FileJson};
use crate::output::{cell, Out};
use crate::size::human;
use anyhow::{Context, Result};
use std::path::Path;

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
