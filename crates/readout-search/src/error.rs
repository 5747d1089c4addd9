//! Errors of the search library.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index directory {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("search index read: {0}")]
    Read(#[from] std::io::Error),
    #[error("no search index in {0}")]
    Missing(PathBuf),
    #[error("{0} is not empty and holds no search index; refusing to replace it")]
    NotAnIndex(PathBuf),
    #[error("search index in {path} has analyzer version {found}, this build writes {expected}: rebuild it")]
    Outdated {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error("search index metadata in {path}: {message}")]
    BadMeta { path: PathBuf, message: String },
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
