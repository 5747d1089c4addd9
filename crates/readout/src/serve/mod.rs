//! `readout serve`: the record over HTTP, read-only. Server-rendered web pages (every
//! text escaped, one CSS and one small script served from the binary, usable without
//! JavaScript) and a JSON API under `/api`, described by a hand-written OpenAPI document.
//!
//! The server opens the store at `--data`, binds `--addr`, prints the bound address on
//! standard output (so `--addr 127.0.0.1:0` can be used by scripts and tests) and serves
//! until interrupted.

mod api;
mod assets;
mod catalog;
mod chart;
mod compare;
mod dates;
mod error;
mod html;
mod pages;
mod params;
mod passage;
mod router;
mod shapes;
mod state;

use crate::cli::ServeArgs;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

pub fn run(data: &Path, args: &ServeArgs) -> Result<ExitCode> {
    let state = Arc::new(state::AppState::open(data)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let bound = listener.local_addr().context("no local address")?;
        // The first line of standard output is the address, for scripts and tests.
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{bound}")?;
        out.flush()?;
        drop(out);
        let app = router::build(state, bound.ip().is_loopback());
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown())
            .await
            .context("the server stopped")?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
