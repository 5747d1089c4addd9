//! The search index in `DATA/index`: built whole from the store into a fresh
//! directory, then swapped in atomically, so a killed build never leaves half an index.
//!
//! Layout: `DATA/index` is a symbolic link to the current generation,
//! `DATA/index.N/` (a readout-search index plus `readout-index.json`, which names the
//! derived record it was built from). A build writes `DATA/index.N+1/`, commits it,
//! writes the marker, then replaces the link with `rename`, which is atomic: readers
//! opening `DATA/index` see the old index or the new one, never a mix. Older
//! generations (and leftovers of killed builds) are removed afterwards. Where symbolic
//! links are unavailable (not Unix) the old directory is removed and the new one renamed
//! into place, which leaves a short moment without an index.

use anyhow::{Context, Result};
use readout_search::{IndexDoc, IndexOptions, SearchIndex, WriterOptions};
use readout_store::{DocRecord, EventRecord};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The link (or, without symbolic links, the directory) readers open.
pub const INDEX: &str = "index";
/// Written into a generation once it is complete.
const MARKER: &str = "readout-index.json";

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    /// The derived record's input key (`readout_store::input_key`) it was built from.
    input: String,
    documents: usize,
}

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

/// The input key the current index was built from; `None` when there is no complete
/// index.
pub fn built_from(data: &Path) -> Option<String> {
    let bytes = std::fs::read(path(data).join(MARKER)).ok()?;
    let marker: Marker = serde_json::from_slice(&bytes).ok()?;
    Some(marker.input)
}

/// What the index holds of one document.
pub fn index_doc(d: &DocRecord, events: &HashMap<&str, &EventRecord>) -> IndexDoc {
    let event = d.link.event.as_deref().and_then(|e| events.get(e).copied());
    IndexDoc {
        id: d.id.clone(),
        event: d.link.event.clone(),
        title: d.title.clone(),
        lang: d.lang,
        script: d.script,
        // The event's kind where the document reports one (what a reader filters by);
        // otherwise the document's own kind (a fragment).
        kind: event
            .map(|e| e.kind.clone())
            .unwrap_or_else(|| crate::json::name(&d.kind)),
        date: event
            .and_then(event_date)
            .or_else(|| d.meta.published.clone()),
        paragraphs: d.body.iter().map(|p| p.text.clone()).collect(),
    }
}

/// An event's stated date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `None` without a year
/// (the document's publication date then stands in).
pub fn event_date(e: &EventRecord) -> Option<String> {
    let year = e.year?;
    Some(match (e.month, e.day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    })
}

/// Builds a new generation holding `docs` and swaps it in. `words` are kept whole by
/// the segmenter (the collection's formulations); `input` is the derived record's
/// input key. The caller holds the derive lock, so no other build runs meanwhile.
pub fn rebuild(data: &Path, docs: &[IndexDoc], words: Vec<String>, input: &str) -> Result<()> {
    let generation = next_generation(data)?;
    let dir = data.join(format!("{INDEX}.{generation}"));
    let built = build(&dir, docs, words, input);
    if let Err(e) = built {
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e);
    }
    swap(data, &dir, generation)?;
    remove_old(data, generation);
    Ok(())
}

fn build(dir: &Path, docs: &[IndexDoc], words: Vec<String>, input: &str) -> Result<()> {
    let index = SearchIndex::create(dir, &IndexOptions { words })
        .with_context(|| format!("cannot create the search index in {}", dir.display()))?;
    let mut writer = index
        .writer(WriterOptions::default())
        .context("cannot open the search index for writing")?;
    for d in docs {
        writer
            .replace(d)
            .with_context(|| format!("cannot index document {}", d.id))?;
    }
    writer.commit().context("cannot commit the search index")?;
    writer
        .wait_merging()
        .context("cannot finish merging the search index")?;
    drop(index);
    let marker = Marker {
        input: input.to_owned(),
        documents: docs.len(),
    };
    let marker_path = dir.join(MARKER);
    std::fs::write(&marker_path, serde_json::to_vec_pretty(&marker)?)
        .with_context(|| format!("cannot write {}", marker_path.display()))?;
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

    fn event(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> EventRecord {
        EventRecord {
            id: "ev".into(),
            kind: "symposium".into(),
            year,
            month,
            day,
            relative: None,
            original: "x-0".into(),
            record: serde_json::Value::Null,
        }
    }

    #[test]
    fn event_dates_say_only_what_is_known() {
        assert_eq!(
            event_date(&event(Some(2023), Some(11), Some(27))).as_deref(),
            Some("2023-11-27")
        );
        assert_eq!(
            event_date(&event(Some(2023), Some(11), None)).as_deref(),
            Some("2023-11")
        );
        assert_eq!(event_date(&event(None, Some(11), Some(29))), None);
    }

    #[test]
    fn a_rebuild_swaps_generations_and_keeps_one() {
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
        rebuild(data.path(), std::slice::from_ref(&doc), vec![], "k1").unwrap();
        assert_eq!(built_from(data.path()).as_deref(), Some("k1"));
        rebuild(data.path(), &[doc], vec![], "k2").unwrap();
        assert_eq!(built_from(data.path()).as_deref(), Some("k2"));
        assert_eq!(generations(data.path()).len(), 1);
        let index = open(data.path()).unwrap();
        let hits = index
            .search(&readout_search::Query::new("Yangtze"))
            .unwrap();
        assert_eq!(hits.total, 1);
    }
}
