//! readout-serve: the record over HTTP, read-only.
//!
//! Web pages rendered on the server from typed view models with maud (every text
//! escaped unless a template says otherwise, checked at compile time), one stylesheet
//! and one small optional script, and a JSON API under `/api` described by
//! `assets/openapi.json`. Everything is read from the store a page at a time
//! (readout-store's `pages.rs`): no request loads the whole collection, and no page or
//! answer grows with the archive: every list has a limit, a count and a cursor.
//!
//! - [`server`]: the listener (a header-read timeout and an idle timeout on every
//!   connection; a loopback address unless told otherwise, loudly).
//! - [`router`]: routes, the method and host guard, security headers.
//! - [`pages`]: the pages; [`api`]: the JSON answers; [`export`]: CSV, JSON, TMX and
//!   CSL-JSON, the one code path of the pages' downloads and `readout export`.
//! - [`records`]: stored rows read back into the collection's types (one event type
//!   from the collection stage to the page).
//! - [`compare`]: two events' readouts side by side (readout-align's `compare`).
//!
//! Knows HTTP and HTML; knows nothing of the command line.

pub mod api;
pub mod assets;
pub mod cite;
pub mod compare;
pub mod dates;
pub mod error;
pub mod export;
pub mod pages;
pub mod params;
pub mod passage;
pub mod records;
pub mod router;
pub mod server;
pub mod state;
pub mod view;

pub use server::{serve, Options};
pub use state::AppState;

/// Writes `line` to standard error. A closed or full standard error must not take the
/// server down (`eprintln!` panics on a failed write): the line is dropped.
pub(crate) fn log(line: &str) {
    use std::io::Write;
    let mut w = std::io::stderr().lock();
    let _ = writeln!(w, "{line}");
    let _ = w.flush();
}
