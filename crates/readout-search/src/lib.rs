//! Full-text search over readout's documents: a tantivy index stored beside
//! the SQLite store (in `DATA/index/`), written by the ingest and read by
//! `readout search` and the HTTP API.
//!
//! * **Index unit.** One entry per body paragraph (and one for the title),
//!   each with its document's id, event, kind, language, script and date;
//!   queries are answered per document. A document's *body* is its
//!   paragraphs joined by `"\n"`: every highlight is a `[start, end)` range
//!   of CHARACTERS (Unicode scalar values) of that body.
//! * **Analyzers.** Chinese text is normalized to the mainland-simplified
//!   view (traditional, Taiwan vocabulary and simplified text give the same
//!   terms) and segmented by jieba, with the project's formulations in its
//!   dictionary ([`chinese`]); it is also indexed as character bigrams
//!   ([`bigram`]) so a phrase inside a longer word is found. Latin-script
//!   words are lowercased and stemmed ([`latin`]). Term offsets point into
//!   the text as written, so highlights fall on the original script.
//! * **Queries** ([`syntax`]): words, `"phrases"`, `AND`, `OR`, `NOT` or a
//!   leading `-`, parentheses; juxtaposition is AND. A Chinese run is a
//!   phrase (normalized, segmented, with the bigram phrase as fallback);
//!   English words are stemmed. AND/OR/NOT apply to documents: `A B` finds
//!   documents that contain A and B, in any paragraphs.
//! * **Facets** count every matching document, not just the page shown.
//!
//! ```no_run
//! use readout_search::{IndexDoc, IndexOptions, Query, SearchIndex, WriterOptions};
//! # fn main() -> Result<(), readout_search::SearchError> {
//! let index = SearchIndex::open_or_create("data/index".as_ref(), &IndexOptions::default())?;
//! let mut w = index.writer(WriterOptions::default())?;
//! // w.replace(&doc)? for each document of a file, then:
//! w.commit()?;
//! drop(w);
//! let results = index.search(&Query::new("高质量发展 -\"长江\""))?;
//! # Ok(()) }
//! ```

pub mod bigram;
pub mod chinese;
mod collect;
mod date;
pub mod dictionary;
mod error;
mod han;
mod highlight;
mod index;
pub mod latin;
mod plan;
mod recent;
mod schema;
mod search;
mod stream;
pub mod syntax;
mod writer;

pub use date::date_key;
pub use dictionary::{Dictionary, FORMULATIONS};
pub use error::{Result, SearchError};
pub use index::{IndexOptions, SearchIndex, ANALYZER_VERSION};
pub use search::{
    Facets, Hit, Query, Results, Sort, HIGHLIGHT_PARAGRAPHS, MAX_LIMIT, SNIPPET_CHARS,
};
pub use writer::{lang_code, script_code, IndexDoc, Writer, WriterOptions};

/// An index is shared between threads (the HTTP server's handlers).
const _: () = {
    const fn shared<T: Send + Sync>() {}
    shared::<SearchIndex>();
};

/// Runs `query` on `index` (the same as [`SearchIndex::search`]).
pub fn search(index: &SearchIndex, query: &Query) -> Result<Results> {
    index.search(query)
}
