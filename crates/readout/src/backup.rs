//! `readout backup DEST`: a data directory copied at one consistent moment.
//!
//! The database goes through SQLite's online backup (commits still in `readout.db-wal`
//! included, which a copy of `readout.db` alone would lose); the search index is copied
//! as last committed. Both are taken under the derive lock, which every writer of the
//! store and the index holds, so the index copied is the one that goes with the
//! database copied.

use crate::cli::BackupArgs;
use crate::output::{Out, Safe};
use anyhow::{bail, Context, Result};
use readout_store::{OpenMode, Store, DB_FILE};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, Serialize)]
struct BackedUp {
    dest: String,
    /// Files (blobs) and documents in the copy.
    files: u64,
    documents: u64,
    /// Files of the search index copied (0 without an index).
    index_files: usize,
}

pub fn run(data: &Path, args: &BackupArgs) -> Result<ExitCode> {
    let dest = &args.dest;
    let store = Store::open(data, OpenMode::ReadOnly)
        .with_context(|| format!("cannot open the store in {}", data.display()))?;
    if dest.exists() {
        let empty = std::fs::read_dir(dest)
            .with_context(|| format!("cannot read {}", dest.display()))?
            .next()
            .is_none();
        if !empty {
            bail!(
                "{} exists and is not empty; a backup goes into a new directory",
                dest.display()
            );
        }
    }
    std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
    // No writer can be at work on a store this process cannot lock (read-only), so the
    // copy is consistent without the lock there.
    let lock = crate::derive::lock(data).ok();
    store
        .backup_to(&dest.join(DB_FILE))
        .with_context(|| format!("cannot copy the database into {}", dest.display()))?;
    let index_files = copy_index(data, dest)?;
    drop(lock);
    let copy = Store::open(dest, OpenMode::ReadOnly)
        .with_context(|| format!("cannot open the copy in {}", dest.display()))?;
    let status = copy.derived_status(readout_collection::DOC_STAGE_VERSION)?;
    let done = BackedUp {
        dest: dest.display().to_string(),
        files: copy.list_files()?.len() as u64,
        documents: status.documents as u64,
        index_files,
    };
    let out = Out::stdout();
    if args.json {
        out.json(&done)?;
    } else {
        out.line(&format!(
            "backed up {} files, {} documents and the search index ({} files) into {}",
            done.files,
            done.documents,
            done.index_files,
            Safe(&done.dest)
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Copies the current index generation into DEST under the same layout (`index.N` and
/// the `index` link). Returns how many files were copied.
fn copy_index(data: &Path, dest: &Path) -> Result<usize> {
    let link = crate::search_index::path(data);
    let Ok(generation) = std::fs::canonicalize(&link) else {
        return Ok(0);
    };
    let name = generation
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| crate::search_index::INDEX.into());
    let target = dest.join(&name);
    std::fs::create_dir_all(&target)
        .with_context(|| format!("cannot create {}", target.display()))?;
    let mut copied = 0;
    for entry in std::fs::read_dir(&generation)
        .with_context(|| format!("cannot read {}", generation.display()))?
    {
        let entry = entry?;
        let file_name = entry.file_name();
        // tantivy's lock files belong to the live index, not to a copy of it.
        if file_name.to_string_lossy().ends_with(".lock") || !entry.file_type()?.is_file() {
            continue;
        }
        std::fs::copy(entry.path(), target.join(&file_name))
            .with_context(|| format!("cannot copy {}", entry.path().display()))?;
        copied += 1;
    }
    if target != dest.join(crate::search_index::INDEX) {
        place_link(dest, &name)?;
    }
    Ok(copied)
}

#[cfg(unix)]
fn place_link(dest: &Path, name: &std::ffi::OsStr) -> Result<()> {
    let link = crate::search_index::path(dest);
    std::os::unix::fs::symlink(name, &link)
        .with_context(|| format!("cannot create the link {}", link.display()))
}

#[cfg(not(unix))]
fn place_link(dest: &Path, name: &std::ffi::OsStr) -> Result<()> {
    let link = crate::search_index::path(dest);
    std::fs::rename(dest.join(name), &link)
        .with_context(|| format!("cannot put the index in place at {}", link.display()))
}
