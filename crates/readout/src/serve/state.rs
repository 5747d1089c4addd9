//! What every request shares: a small pool of store connections, the collection's
//! derived record (rebuilt when the documents change) and the search index.

use super::catalog::{Catalog, Version};
use anyhow::{Context, Result};
use readout_search::{SearchError, SearchIndex};
use readout_store::{OpenMode, Store};
use std::path::{Path, PathBuf};

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Connections kept open between requests; more are opened under load and dropped.
const POOL_KEEP: usize = 4;

/// How long a catalog is served before the store is asked again whether the record
/// changed (asking lists every document id, which a busy server should not do on
/// every request of a large store).
const RECHECK: Duration = Duration::from_millis(500);

pub struct AppState {
    data: PathBuf,
    pool: Mutex<Vec<Store>>,
    /// The catalog and when its version was last checked against the store.
    catalog: Mutex<Option<(Arc<Catalog>, Instant)>>,
    /// The open index and the derived record it was built from.
    search: Mutex<Option<(Option<String>, Arc<SearchIndex>)>>,
}

/// Why the search index cannot answer.
pub enum SearchUnavailable {
    /// No index in the data directory yet.
    Missing,
    Broken(String),
}

impl AppState {
    /// Opens the store at `data` (it must exist) and checks it can be read.
    pub fn open(data: &Path) -> Result<AppState> {
        let store = crate::docs::open(data)?;
        let state = AppState {
            data: data.to_path_buf(),
            pool: Mutex::new(vec![store]),
            catalog: Mutex::new(None),
            search: Mutex::new(None),
        };
        // Build the derived record once now, so the first page is quick and a broken
        // store is reported before the server listens.
        state.catalog().context("cannot read the store's record")?;
        Ok(state)
    }

    /// Runs `f` with a store connection from the pool.
    pub fn with_store<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let taken = self.pool.lock().map(|mut p| p.pop()).unwrap_or(None);
        let store = match taken {
            Some(s) => s,
            None => Store::open(&self.data, OpenMode::Existing)
                .with_context(|| format!("cannot open the store in {}", self.data.display()))?,
        };
        let out = f(&store);
        if let Ok(mut pool) = self.pool.lock() {
            if pool.len() < POOL_KEEP {
                pool.push(store);
            }
        }
        out
    }

    /// The derived record of the collection as it is now.
    pub fn catalog(&self) -> Result<Arc<Catalog>> {
        let cached = self.catalog.lock().ok().and_then(|c| c.clone());
        if let Some((c, checked)) = &cached {
            if checked.elapsed() < RECHECK {
                return Ok(c.clone());
            }
        }
        let version = self.with_store(Version::of)?;
        let catalog = match cached {
            Some((c, _)) if c.version == version => c,
            _ => Arc::new(self.with_store(|s| Catalog::build(s, version))?),
        };
        if let Ok(mut slot) = self.catalog.lock() {
            *slot = Some((catalog.clone(), Instant::now()));
        }
        Ok(catalog)
    }

    /// The search index in `DATA/index`, opened on first use and again whenever a
    /// rebuild has swapped in a new generation.
    pub fn search_index(&self) -> std::result::Result<Arc<SearchIndex>, SearchUnavailable> {
        let mut slot = self
            .search
            .lock()
            .map_err(|_| SearchUnavailable::Broken("the index lock was poisoned".into()))?;
        // The generation the link points at: a rebuild swaps in another.
        let built_from = std::fs::canonicalize(crate::search_index::path(&self.data))
            .ok()
            .map(|p| p.to_string_lossy().into_owned());
        if let Some((from, index)) = slot.as_ref() {
            if *from == built_from {
                return Ok(index.clone());
            }
        }
        match crate::search_index::open(&self.data) {
            Ok(index) => {
                let index = Arc::new(index);
                *slot = Some((built_from, index.clone()));
                Ok(index)
            }
            Err(SearchError::Missing(_)) => Err(SearchUnavailable::Missing),
            Err(e) => Err(SearchUnavailable::Broken(e.to_string())),
        }
    }
}
