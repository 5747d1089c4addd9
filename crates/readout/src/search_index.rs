//! The search index in `DATA/index`: documents go in one by one as they are stored
//! (the store's `index_queue` lists those still owed; a document leaves it only after
//! the index committed it), and a full rebuild goes into a fresh directory swapped in
//! atomically.
//!
//! Layout: `DATA/index` is a symbolic link to the current generation, `DATA/index.N/`.
//! Adding documents writes into the current generation (tantivy commits are atomic:
//! readers see the index before or after a commit, never half of one). A rebuild
//! (`readout derive`, or an index that cannot be opened) makes `DATA/index.N+1/` empty,
//! swaps the link with `rename` (atomic), and queues every document again. Older
//! generations are removed afterwards. Where symbolic links are unavailable (not Unix)
//! the old directory is removed and the new one renamed into place.
//!
//! What the index holds of a document is the document's own: its text, title,
//! language, script, kind and date. The event it belongs to is read from the store when
//! results are shown, so linking never has to touch the index.

use anyhow::{Context, Result};
use readout_collection::DocDerived;
use readout_search::{IndexDoc, IndexOptions, SearchIndex, WriterOptions};
use std::path::{Path, PathBuf};

/// The link (or, without symbolic links, the directory) readers open.
pub const INDEX: &str = "index";

/// The directory readers open: `DATA/index`.
pub fn path(data: &Path) -> PathBuf {
    data.join(INDEX)
}

/// Opens the current index for searching, pinned to its generation (a later swap
/// does not change what this handle reads).
pub fn open(data: &Path) -> Result<SearchIndex, readout_search::SearchError> {
    let link = path(data);
    let dir = std::fs::canonicalize(&link).unwrap_or(link);
    SearchIndex::open(&dir)
}

/// The index options: the curated formulations are kept whole by the segmenter.
fn options() -> IndexOptions {
    IndexOptions {
        words: readout_record::Lexicon::curated()
            .texts()
            .map(str::to_string)
            .collect(),
    }
}

/// What the index holds of one document: its own text and facets. A document that
/// reports an event is filed under the event's kind (what a reader filters by) and
/// dated by the event's date where its text gives one, else by publication.
pub fn index_doc(id: &str, d: &readout_text::Document, stage: Option<&DocDerived>) -> IndexDoc {
    let event_kind = stage
        .filter(|s| s.reports_event)
        .map(|s| crate::json::name(&s.record.kind));
    let event_date = stage
        .and_then(|s| s.keys.stated.full())
        .map(|c| c.to_string());
    IndexDoc {
        id: id.to_string(),
        event: None,
        title: d.title.clone(),
        lang: d.lang,
        script: d.script,
        kind: event_kind.unwrap_or_else(|| crate::json::name(&d.kind)),
        date: event_date.or_else(|| d.meta.published.clone()),
        paragraphs: d.body.iter().map(|p| p.text.clone()).collect(),
    }
}

/// Names on each hit the event its document reports (the index holds documents only;
/// linking lives in the store).
pub fn fill_events(
    store: &readout_store::Store,
    results: &mut readout_search::Results,
) -> Result<()> {
    let ids: Vec<String> = results.hits.iter().map(|h| h.doc.clone()).collect();
    let events: std::collections::HashMap<String, String> = store
        .links_of(&ids)?
        .into_iter()
        .filter_map(|(d, l)| Some((d, l.event?)))
        .collect();
    for h in &mut results.hits {
        h.event = events.get(&h.doc).cloned();
    }
    Ok(())
}

/// The index opened for adding documents.
pub enum Opened {
    /// The current generation.
    Current(SearchIndex),
    /// A new, empty generation: there was no index, or it could not be opened (damaged,
    /// or made by another version of the analyzers). The caller queues every document.
    Fresh(SearchIndex),
}

impl Opened {
    pub fn index(&self) -> &SearchIndex {
        match self {
            Opened::Current(i) | Opened::Fresh(i) => i,
        }
    }
}

/// Opens the current generation for adding documents, or makes a fresh one.
pub fn open_for_update(data: &Path) -> Result<Opened> {
    match open(data) {
        Ok(index) => Ok(Opened::Current(index)),
        Err(_) => Ok(Opened::Fresh(reset(data)?)),
    }
}

/// Replaces the index by a fresh empty generation (the caller queues every document).
pub fn reset(data: &Path) -> Result<SearchIndex> {
    let generation = next_generation(data)?;
    let dir = data.join(format!("{INDEX}.{generation}"));
    let index = SearchIndex::create(&dir, &options())
        .with_context(|| format!("cannot create the search index in {}", dir.display()))?;
    swap(data, &dir, generation)?;
    remove_old(data, generation);
    Ok(index)
}

/// Gives the index's commit files the read permissions of the database file. tantivy
/// writes `meta.json` and `.managed.json` through a private temporary file (mode 0600),
/// so a reader running as another user could read the store but not search it.
#[cfg(unix)]
pub fn share_like_store(data: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let Ok(db) = std::fs::metadata(data.join(readout_store::DB_FILE)) else {
        return;
    };
    let read = db.permissions().mode() & 0o044;
    let Ok(dir) = std::fs::canonicalize(path(data)) else {
        return;
    };
    for name in ["meta.json", ".managed.json"] {
        let file = dir.join(name);
        if let Ok(m) = std::fs::metadata(&file) {
            let mode = m.permissions().mode();
            if mode & read != read {
                let _ =
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode | read));
            }
        }
    }
}

#[cfg(not(unix))]
pub fn share_like_store(_data: &Path) {}

/// Adds (or replaces) `docs` and commits.
pub fn add(index: &SearchIndex, docs: &[IndexDoc]) -> Result<()> {
    let mut writer = index
        .writer(WriterOptions::default())
        .context("cannot open the search index for writing (is another readout writing it?)")?;
    for d in docs {
        writer
            .replace(d)
            .with_context(|| format!("cannot index document {}", d.id))?;
    }
    writer.commit().context("cannot commit the search index")?;
    Ok(())
}

/// Generations present: `index.N` directories, by N.
fn generations(data: &Path) -> Vec<(u64, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(data) else {
        return Vec::new();
    };
    let prefix = format!("{INDEX}.");
    let mut out: Vec<(u64, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let n = name.strip_prefix(&prefix)?.parse().ok()?;
            Some((n, e.path()))
        })
        .collect();
    out.sort();
    out
}

fn next_generation(data: &Path) -> Result<u64> {
    let next = generations(data).last().map_or(1, |(n, _)| n + 1);
    Ok(next)
}

#[cfg(unix)]
fn swap(data: &Path, dir: &Path, generation: u64) -> Result<()> {
    let link = path(data);
    let tmp = data.join(format!(".{INDEX}.link.{generation}"));
    let _ = std::fs::remove_file(&tmp);
    // A relative target, so the data directory can be moved.
    let target = format!("{INDEX}.{generation}");
    std::os::unix::fs::symlink(&target, &tmp)
        .with_context(|| format!("cannot create the link {}", tmp.display()))?;
    // A real directory in the way (an index from before generations) cannot be
    // replaced by rename; it is removed first.
    if link.symlink_metadata().map(|m| m.is_dir()).unwrap_or(false) {
        std::fs::remove_dir_all(&link)
            .with_context(|| format!("cannot remove the old index {}", link.display()))?;
    }
    std::fs::rename(&tmp, &link).with_context(|| {
        format!(
            "cannot put the new search index in place at {} (built in {})",
            link.display(),
            dir.display()
        )
    })?;
    Ok(())
}

#[cfg(not(unix))]
fn swap(data: &Path, dir: &Path, _generation: u64) -> Result<()> {
    let link = path(data);
    if link.exists() {
        std::fs::remove_dir_all(&link)
            .with_context(|| format!("cannot remove the old index {}", link.display()))?;
    }
    std::fs::rename(dir, &link).with_context(|| {
        format!(
            "cannot put the new search index in place at {}",
            link.display()
        )
    })?;
    Ok(())
}

/// Removes every generation but `keep` (older ones and leftovers of killed builds).
/// Failures are ignored: a directory still in use is removed by a later build.
fn remove_old(data: &Path, keep: u64) {
    for (n, dir) in generations(data) {
        if n != keep {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
    if let Ok(entries) = std::fs::read_dir(data) {
        let prefix = format!(".{INDEX}.link.");
        for e in entries.filter_map(|e| e.ok()) {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_swaps_generations_and_keeps_one() {
        let data = tempfile::tempdir().unwrap();
        let doc = IndexDoc {
            id: "a-0".into(),
            event: None,
            title: None,
            lang: readout_text::Lang::En,
            script: readout_text::Script::Latn,
            kind: "fragment".into(),
            date: None,
            paragraphs: vec!["The Yangtze River Economic Belt".into()],
        };
        let opened = open_for_update(data.path()).unwrap();
        assert!(matches!(opened, Opened::Fresh(_)));
        let index = opened.index();
        add(index, std::slice::from_ref(&doc)).unwrap();
        let hits = open(data.path())
            .unwrap()
            .search(&readout_search::Query::new("Yangtze"))
            .unwrap();
        assert_eq!(hits.total, 1);
        let index = reset(data.path()).unwrap();
        assert_eq!(generations(data.path()).len(), 1);
        let hits = index
            .search(&readout_search::Query::new("Yangtze"))
            .unwrap();
        assert_eq!(hits.total, 0);
        add(&index, &[doc]).unwrap();
        let hits = open(data.path())
            .unwrap()
            .search(&readout_search::Query::new("Yangtze"))
            .unwrap();
        assert_eq!(hits.total, 1);
    }
}
