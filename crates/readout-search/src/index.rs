//! The index on disk: a tantivy index in one directory (readout keeps it in
//! `DATA/index/`), plus `readout-search.json` recording the analyzer version
//! and the words added to the segmenter, since the same words must segment
//! queries as segmented the text.

use crate::dictionary::Dictionary;
use crate::error::{Result, SearchError};
use crate::schema::{self, Fields};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle,
    WritePtr, META_LOCK,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Bumped whenever the analyzers would index the same text differently;
/// an index of another version must be rebuilt.
pub const ANALYZER_VERSION: u32 = 1;

const META_FILE: &str = "readout-search.json";

/// How to create an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexOptions {
    /// Words the segmenter must keep whole (the project's formulations
    /// lexicon), on top of jieba's dictionary and [`crate::FORMULATIONS`].
    pub words: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Meta {
    analyzer_version: u32,
    words: Vec<String>,
}

/// An open search index.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) dict: Dictionary,
    dir: PathBuf,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .finish()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SearchError + '_ {
    move |source| SearchError::Io {
        path: path.to_owned(),
        source,
    }
}

impl SearchIndex {
    /// Creates an empty index in `dir`, replacing an index already there.
    /// The directory is made if missing; a non-empty directory that holds
    /// no index of ours is refused.
    pub fn create(dir: &Path, options: &IndexOptions) -> Result<SearchIndex> {
        if dir.exists() {
            let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
            let empty = entries.next().is_none();
            if !empty {
                if !dir.join(META_FILE).exists() {
                    return Err(SearchError::NotAnIndex(dir.to_owned()));
                }
                std::fs::remove_dir_all(dir).map_err(io(dir))?;
            }
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let meta = Meta {
            analyzer_version: ANALYZER_VERSION,
            words: options.words.clone(),
        };
        let json = serde_json::to_vec_pretty(&meta).map_err(|e| SearchError::BadMeta {
            path: dir.to_owned(),
            message: e.to_string(),
        })?;
        let (schema, _) = schema::build();
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::Io {
            path: dir.to_owned(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let index = Index::create(directory, schema, Default::default())?;
        // The meta file last: its presence says the index is complete.
        std::fs::write(dir.join(META_FILE), json).map_err(io(dir))?;
        Self::finish(index, dir, &meta.words)
    }

    /// Opens the index in `dir`.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        let meta_path = dir.join(META_FILE);
        if !meta_path.exists() {
            return Err(SearchError::Missing(dir.to_owned()));
        }
        let bytes = std::fs::read(&meta_path).map_err(io(&meta_path))?;
        let meta: Meta = serde_json::from_slice(&bytes).map_err(|e| SearchError::BadMeta {
            path: meta_path.clone(),
            message: e.to_string(),
        })?;
        if meta.analyzer_version != ANALYZER_VERSION {
            return Err(SearchError::Outdated {
                path: dir.to_owned(),
                found: meta.analyzer_version,
                expected: ANALYZER_VERSION,
            });
        }
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::Io {
            path: dir.to_owned(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let index = Index::open(ReadableDirectory(directory))?;
        Self::finish(index, dir, &meta.words)
    }

    /// Opens the index in `dir`, creating it when there is none. An index
    /// of another analyzer version is reported, not replaced (see
    /// [`SearchError::Outdated`]).
    pub fn open_or_create(dir: &Path, options: &IndexOptions) -> Result<SearchIndex> {
        match Self::open(dir) {
            Err(SearchError::Missing(_)) => Self::create(dir, options),
            other => other,
        }
    }

    fn finish(index: Index, dir: &Path, words: &[String]) -> Result<SearchIndex> {
        let fields = schema::fields_of(&index.schema())?;
        let dict = Dictionary::new(words);
        schema::register(index.tokenizers(), &dict);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            dict,
            dir: dir.to_owned(),
        })
    }

    /// The directory the index lives in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The segmenter's dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// The index's files whose checksum no longer matches their content (tantivy writes
    /// one at the end of each file it manages): a damaged file, found without searching.
    pub fn damaged_files(&self) -> Result<Vec<PathBuf>> {
        let mut damaged: Vec<PathBuf> = self.index.validate_checksum()?.into_iter().collect();
        damaged.sort();
        Ok(damaged)
    }

    /// Sees the latest commit now (readers otherwise catch up shortly after
    /// a commit by another process).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }
}

/// The index directory as readers open it: tantivy's own, except that a reader in a
/// directory it cannot write does without the lock readers take against a concurrent
/// clean-up of old files (nobody can write there, so nobody can clean up). Without this
/// a read-only index could not be searched at all.
#[derive(Debug, Clone)]
struct ReadableDirectory(MmapDirectory);

impl Directory for ReadableDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath
                    && matches!(
                        e.kind(),
                        std::io::ErrorKind::PermissionDenied
                            | std::io::ErrorKind::ReadOnlyFilesystem
                    ) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
