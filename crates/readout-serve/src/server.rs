//! The listener. HTTP/1.1 through hyper with a header-read timeout (a client that
//! sends its headers slowly is cut off, so it cannot hold a descriptor for long) and an
//! idle timeout on every connection; accept errors (out of descriptors) wait and go on.
//! A loopback address unless `allow_remote` is set, and then with a loud warning.

use crate::router::{self, Hosts};
use crate::state::AppState;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    pub data: PathBuf,
    pub addr: SocketAddr,
    /// Serve beyond loopback (the whole record to the network).
    pub allow_remote: bool,
    /// Host names served beyond loopback (IP literals always are).
    pub allowed_hosts: Vec<String>,
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
}

impl Options {
    pub fn new(data: PathBuf, addr: SocketAddr) -> Options {
        Options {
            data,
            addr,
            allow_remote: false,
            allowed_hosts: Vec::new(),
            header_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug)]
pub enum ServeError {
    /// The address is beyond loopback and `allow_remote` was not given.
    Remote(SocketAddr),
    Store(readout_store::StoreError),
    Io(String, std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Remote(a) => write!(
                f,
                "{a} is reachable from other machines, and the server would give them the whole record; \
                 pass --allow-remote to do that, or listen on 127.0.0.1"
            ),
            ServeError::Store(e) => write!(f, "{e}"),
            ServeError::Io(what, e) => write!(f, "{what}: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// A stream that records when bytes last moved.
struct Watched<T> {
    inner: T,
    last: Arc<AtomicU64>,
    start: Instant,
}

impl<T> Watched<T> {
    fn touch(&self) {
        self.last
            .store(self.start.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
}

impl<T: AsyncRead + Unpin> AsyncRead for Watched<T> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.touch();
        }
        r
    }
}

impl<T: AsyncWrite + Unpin> AsyncWrite for Watched<T> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let r = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(r, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        r
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Serves until Ctrl-C or SIGTERM. The first line of standard output is
/// `listening on http://ADDR` (for scripts and tests).
pub fn serve(opts: Options) -> Result<(), ServeError> {
    let loopback = opts.addr.ip().is_loopback();
    if !loopback && !opts.allow_remote {
        return Err(ServeError::Remote(opts.addr));
    }
    let state = Arc::new(AppState::open(&opts.data).map_err(ServeError::Store)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Io("cannot start the async runtime".into(), e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(opts.addr)
            .await
            .map_err(|e| ServeError::Io(format!("cannot listen on {}", opts.addr), e))?;
        let bound = listener.local_addr().map_err(|e| ServeError::Io("no local address".into(), e))?;
        if !loopback {
            crate::log(&format!(
                "WARNING: serving the whole record to the network on {bound} (--allow-remote). \
                 Anyone who can reach this address can read every document. \
                 Host names served: IP addresses{}.",
                if opts.allowed_hosts.is_empty() { String::new() } else { format!(", {}", opts.allowed_hosts.join(", ")) }
            ));
        }
        {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "listening on http://{bound}");
            let _ = out.flush();
        }
        let app = router::build(state, Hosts { local_only: loopback, allowed: opts.allowed_hosts.clone() });
        let shutdown = shutdown();
        tokio::pin!(shutdown);
        loop {
            let (stream, _) = tokio::select! {
                () = &mut shutdown => break,
                r = listener.accept() => match r {
                    Ok(s) => s,
                    Err(e) => {
                        // Out of descriptors or a connection reset before accept: wait, go on.
                        crate::log(&format!("warning: accept failed: {e}"));
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
            };
            let _ = stream.set_nodelay(true);
            let service = TowerToHyperService::new(app.clone());
            let idle = opts.idle_timeout;
            let header_timeout = opts.header_timeout;
            tokio::spawn(async move {
                let last = Arc::new(AtomicU64::new(0));
                let start = Instant::now();
                let io = TokioIo::new(Watched { inner: stream, last: last.clone(), start });
                let mut builder = hyper::server::conn::http1::Builder::new();
                builder.timer(TokioTimer::new()).header_read_timeout(header_timeout).keep_alive(true);
                let conn = builder.serve_connection(io, service);
                tokio::pin!(conn);
                loop {
                    tokio::select! {
                        _ = conn.as_mut() => break,
                        () = tokio::time::sleep(Duration::from_secs(1)) => {
                            let quiet = start.elapsed().as_millis() as u64 - last.load(Ordering::Relaxed);
                            if quiet > idle.as_millis() as u64 {
                                conn.as_mut().graceful_shutdown();
                                // A connection that does not close in time is dropped.
                                let _ = tokio::time::timeout(Duration::from_secs(5), conn.as_mut()).await;
                                break;
                            }
                        }
                    }
                }
            });
        }
        Ok(())
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
