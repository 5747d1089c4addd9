//! What every request shares: a small pool of store connections and the search index
//! (opened on first use and again when a rebuild swaps in a new generation). Nothing
//! that grows with the archive is kept here.

use readout_search::{SearchError, SearchIndex};
use readout_store::{OpenMode, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Connections kept open between requests; more are opened under load and dropped.
const POOL_KEEP: usize = 8;

/// The search index's directory inside the data directory (a link to the current
/// generation, `index.N`).
pub const INDEX: &str = "index";

pub struct AppState {
    data: PathBuf,
    pool: Mutex<Vec<Store>>,
    /// The open index and the generation directory it was opened from.
    search: Mutex<Option<(Option<PathBuf>, Arc<SearchIndex>)>>,
    /// How many documents the index holds, with when it was counted.
    indexed: Mutex<Option<(Instant, Option<PathBuf>, usize)>>,
    /// The index files whose checksum fails, per generation (verified once each).
    damaged: Mutex<Option<(Option<PathBuf>, Vec<String>)>>,
    /// Formulations discovered over the events, with the store state they were found
    /// in (documents, and the documents still to link): discovery reads every event's
    /// documents, so it runs once per state of the store.
    discovered: Mutex<Option<(StoreState, Discovered)>>,
}

/// Formulations found over the events, shared by the requests that read them.
pub type Discovered = Arc<Vec<readout_record::Formulation>>;

/// What a cached answer was made from: documents, and documents still to link.
type StoreState = (usize, usize);

/// Why the search index cannot answer.
pub enum SearchUnavailable {
    /// No index in the data directory yet.
    Missing,
    Broken(String),
}

impl AppState {
    /// Opens the store at `data` (it must exist) and checks it can be read.
    pub fn open(data: &Path) -> Result<AppState, StoreError> {
        let store = Store::open(data, OpenMode::ReadOnly)?;
        store.derived_status(readout_collection::DOC_STAGE_VERSION)?;
        Ok(AppState {
            data: data.to_path_buf(),
            pool: Mutex::new(vec![store]),
            search: Mutex::new(None),
            indexed: Mutex::new(None),
            damaged: Mutex::new(None),
            discovered: Mutex::new(None),
        })
    }

    pub fn data(&self) -> &Path {
        &self.data
    }

    /// Runs `f` with a store connection from the pool.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let taken = self.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
        let store = match taken {
            Some(s) => s,
            None => Store::open(&self.data, OpenMode::ReadOnly)?,
        };
        let out = f(&store);
        if let Ok(mut pool) = self.pool.lock() {
            if pool.len() < POOL_KEEP {
                pool.push(store);
            }
        }
        out
    }

    /// Formulations the collection repeats across events, ranked
    /// ([`crate::records::discover_formulations`]); found again only when the store
    /// has changed.
    pub fn discovered_formulations(&self) -> Result<Discovered, StoreError> {
        let status =
            self.with_store(|s| s.derived_status(readout_collection::DOC_STAGE_VERSION))?;
        let key = (status.documents, status.to_link);
        // Held while finding: concurrent requests wait for one pass, not start their own.
        let mut slot = self.discovered.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((k, found)) = slot.as_ref() {
            if *k == key {
                return Ok(found.clone());
            }
        }
        let found = Arc::new(self.with_store(crate::records::discover_formulations)?);
        *slot = Some((key, found.clone()));
        Ok(found)
    }

    fn generation(&self) -> Option<PathBuf> {
        std::fs::canonicalize(self.data.join(INDEX)).ok()
    }

    /// The search index in `DATA/index`, opened on first use and again whenever a
    /// rebuild has swapped in a new generation.
    pub fn search_index(&self) -> Result<Arc<SearchIndex>, SearchUnavailable> {
        let mut slot = self
            .search
            .lock()
            .map_err(|_| SearchUnavailable::Broken("the index lock was poisoned".into()))?;
        let generation = self.generation();
        if let Some((from, index)) = slot.as_ref() {
            if *from == generation {
                return Ok(index.clone());
            }
        }
        let dir = generation.clone().unwrap_or_else(|| self.data.join(INDEX));
        match SearchIndex::open(&dir) {
            Ok(index) => {
                let index = Arc::new(index);
                *slot = Some((generation, index.clone()));
                Ok(index)
            }
            Err(SearchError::Missing(_)) => Err(SearchUnavailable::Missing),
            Err(e) => Err(SearchUnavailable::Broken(e.to_string())),
        }
    }

    /// The files of the current index generation whose checksum fails (a flipped byte
    /// that would change answers silently). Read once per generation: it reads every
    /// file of the index.
    pub fn damaged_index_files(&self) -> Vec<String> {
        let generation = self.generation();
        let Ok(mut slot) = self.damaged.lock() else {
            return Vec::new();
        };
        if let Some((g, files)) = slot.as_ref() {
            if *g == generation {
                return files.clone();
            }
        }
        let Ok(index) = self.search_index() else {
            return Vec::new();
        };
        let files = match index.damaged_files() {
            Ok(files) => files.iter().map(|f| f.display().to_string()).collect(),
            Err(e) => vec![format!("(cannot verify: {e})")],
        };
        *slot = Some((generation, files.clone()));
        files
    }

    /// How many documents the search index holds (counted at most every two seconds).
    pub fn indexed_documents(&self) -> Option<usize> {
        let generation = self.generation();
        if let Ok(slot) = self.indexed.lock() {
            if let Some((at, g, n)) = slot.as_ref() {
                if at.elapsed() < Duration::from_secs(2) && *g == generation {
                    return Some(*n);
                }
            }
        }
        let index = self.search_index().ok()?;
        let _ = index.reload();
        let all = index
            .search(&readout_search::Query {
                limit: 1,
                ..readout_search::Query::default()
            })
            .ok()?;
        if let Ok(mut slot) = self.indexed.lock() {
            *slot = Some((Instant::now(), generation, all.total));
        }
        Some(all.total)
    }
}
