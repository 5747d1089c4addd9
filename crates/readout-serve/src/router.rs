//! Routes, and what every response passes through: only GET and HEAD are served
//! (anything else is 405), a host check (no DNS rebinding), security headers (a
//! Content-Security-Policy that allows only the server's own files), JSON errors under
//! `/api`, and page work off the async threads.

use crate::api::{self, Download};
use crate::assets;
use crate::error::{html_error, json_error, ApiFailure, Failure, PageFailure};
use crate::pages::{self, Ctx, Page};
use crate::params::Params;
use crate::state::AppState;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::{Arc, OnceLock};
use tokio::sync::Semaphore;

type Shared = State<Arc<AppState>>;

pub const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// Which Host headers are served.
#[derive(Debug, Clone, Default)]
pub struct Hosts {
    /// Bound to loopback: loopback names only.
    pub local_only: bool,
    /// Beyond loopback: IP literals and these names.
    pub allowed: Vec<String>,
}

impl Hosts {
    pub fn accepts(&self, host: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        if is_loopback_host(host) {
            return true;
        }
        if self.local_only {
            return false;
        }
        let name = host_name(host);
        name.parse::<std::net::IpAddr>().is_ok()
            || self.allowed.iter().any(|a| a.eq_ignore_ascii_case(&name))
    }
}

fn host_name(host: &str) -> String {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `host` (a Host header) names this machine's loopback interface.
pub fn is_loopback_host(host: &str) -> bool {
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let name = host_name(host);
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub fn build(state: Arc<AppState>, hosts: Hosts) -> Router {
    Router::new()
        .route("/", get(timeline))
        .route(
            "/events.csv",
            get(|s: Shared, q: RawQuery| {
                download(s, q, |st, p, _| api::events_download(st, p, "csv"))
            }),
        )
        .route(
            "/events.json",
            get(|s: Shared, q: RawQuery| {
                download(s, q, |st, p, _| api::events_download(st, p, "json"))
            }),
        )
        .route(
            "/search.csv",
            get(|s: Shared, q: RawQuery| {
                download(s, q, |st, p, _| api::search_download(st, p, "csv"))
            }),
        )
        .route(
            "/search.json",
            get(|s: Shared, q: RawQuery| {
                download(s, q, |st, p, _| api::search_download(st, p, "json"))
            }),
        )
        .route("/events/{id}", get(event_page))
        .route("/events/{id}/{file}", get(event_file))
        .route("/docs", get(doc_list))
        .route("/docs/{id}", get(doc_page))
        .route("/docs/{id}/cite.json", get(doc_cite))
        .route("/formulations", get(formulation_list))
        .route("/formulations/{text}", get(formulation_page))
        .route("/formulations/{text}/{file}", get(formulation_file))
        .route("/compare", get(compare_page))
        .route("/search", get(search_page))
        .route("/assets/style.css", get(assets::style))
        .route("/assets/app.js", get(assets::script))
        .route("/assets/icon.svg", get(assets::icon))
        .route(
            "/healthz",
            get(|s: Shared, q: RawQuery| json_answer(s, q, |st, _| api::healthz(st))),
        )
        .route("/api/openapi.json", get(assets::openapi))
        .route(
            "/api/docs",
            get(|s: Shared, q: RawQuery| json_answer(s, q, api::docs)),
        )
        .route("/api/docs/{id}", get(api_doc))
        .route(
            "/api/events",
            get(|s: Shared, q: RawQuery| json_answer(s, q, api::events)),
        )
        .route("/api/events/{id}", get(api_event))
        .route(
            "/api/formulations",
            get(|s: Shared, q: RawQuery| json_answer(s, q, api::formulations)),
        )
        .route("/api/formulations/{text}", get(api_formulation))
        .route(
            "/api/search",
            get(|s: Shared, q: RawQuery| json_answer(s, q, api::search)),
        )
        .route(
            "/api/compare",
            get(|s: Shared, q: RawQuery| json_answer(s, q, api::compare)),
        )
        .fallback(not_found)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            guard(req, next, hosts.clone())
        }))
        .with_state(state)
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/api" || path == "/healthz"
}

fn request_host(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
}

async fn guard(req: Request, next: Next, hosts: Hosts) -> Response {
    let api = is_api(req.uri().path());
    let host = request_host(req.headers()).or_else(|| req.uri().authority().map(|a| a.to_string()));
    let mut res = if !hosts.accepts(host.as_deref()) {
        let message = "this server does not answer for this host name";
        if api {
            json_error(StatusCode::MISDIRECTED_REQUEST, message)
        } else {
            html_error(StatusCode::MISDIRECTED_REQUEST, message)
        }
    } else if req.method() == Method::GET || req.method() == Method::HEAD {
        next.run(req).await
    } else {
        let message = format!("{} is not allowed: this server is read-only", req.method());
        let mut r = if api {
            json_error(StatusCode::METHOD_NOT_ALLOWED, &message)
        } else {
            html_error(StatusCode::METHOD_NOT_ALLOWED, &message)
        };
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        r
    };
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    res
}

async fn not_found(req: Request) -> Response {
    if is_api(req.uri().path()) {
        json_error(
            StatusCode::NOT_FOUND,
            "no such API route; see /api/openapi.json",
        )
    } else {
        html_error(StatusCode::NOT_FOUND, "There is no page at this address.")
    }
}

/// Requests at work at once, per core. A page's work is reading the store and
/// rendering, CPU and memory; more of them at once than a few per core buys no
/// throughput, only memory (200 connections once meant 200 pages built at once and a
/// server above 1 GB). The rest wait their turn in the async queue, which costs little.
const WORK_PER_CORE: usize = 4;

/// The permits of the requests at work.
fn work_permits() -> Arc<Semaphore> {
    static PERMITS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    PERMITS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
            Arc::new(Semaphore::new(WORK_PER_CORE * cores.max(1)))
        })
        .clone()
}

async fn blocking<R: IntoResponse + Send + 'static>(
    f: impl FnOnce() -> R + Send + 'static,
) -> Response {
    let Ok(permit) = work_permits().acquire_owned().await else {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response();
    };
    // The permit goes with the work: a client that leaves does not free it early.
    let work = move || {
        let r = f();
        drop(permit);
        r
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(r) => r.into_response(),
        Err(e) => {
            crate::log(&format!("error: a request failed: {e}"));
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

fn path_param(p: Result<Path<String>, PathRejection>) -> Result<String, Failure> {
    match p {
        Ok(Path(s)) if s.len() <= 1000 => Ok(s),
        Ok(_) => Err(Failure::bad_request("the path is too long")),
        Err(e) => Err(Failure::bad_request(format!(
            "a bad path: {}",
            e.body_text()
        ))),
    }
}

fn path_pair(
    p: Result<Path<(String, String)>, PathRejection>,
) -> Result<(String, String), Failure> {
    match p {
        Ok(Path((a, b))) if a.len() <= 1000 && b.len() <= 100 => Ok((a, b)),
        Ok(_) => Err(Failure::bad_request("the path is too long")),
        Err(e) => Err(Failure::bad_request(format!(
            "a bad path: {}",
            e.body_text()
        ))),
    }
}

async fn html_page<F>(
    state: Arc<AppState>,
    headers: HeaderMap,
    raw: Option<String>,
    render: F,
) -> Response
where
    F: FnOnce(&Ctx) -> Result<Page, PageFailure> + Send + 'static,
{
    let host = request_host(&headers).unwrap_or_else(|| "localhost".into());
    blocking(move || {
        let params =
            Params::parse(raw.as_deref()).map_err(|e| PageFailure(Failure::bad_request(e.0)))?;
        render(&Ctx {
            state: &state,
            params: &params,
            host: &host,
        })
    })
    .await
}

async fn json_answer<F>(State(state): Shared, RawQuery(raw): RawQuery, answer: F) -> Response
where
    F: FnOnce(&AppState, &Params) -> api::ApiResult + Send + 'static,
{
    blocking(move || {
        let params =
            Params::parse(raw.as_deref()).map_err(|e| ApiFailure(Failure::bad_request(e.0)))?;
        let mut v = answer(&state, &params)?;
        api::tidy_floats(&mut v);
        Ok::<_, ApiFailure>(
            (
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::to_string_pretty(&v).unwrap_or_default(),
            )
                .into_response(),
        )
    })
    .await
}

fn download_response(d: Download) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", d.filename);
    let mut r = ([(header::CONTENT_TYPE, d.content_type)], d.body).into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

async fn download<F>(State(state): Shared, RawQuery(raw): RawQuery, make: F) -> Response
where
    F: FnOnce(&AppState, &Params, &str) -> Result<Download, Failure> + Send + 'static,
{
    blocking(move || {
        let params =
            Params::parse(raw.as_deref()).map_err(|e| PageFailure(Failure::bad_request(e.0)))?;
        make(&state, &params, "")
            .map(download_response)
            .map_err(PageFailure)
    })
    .await
}

async fn timeline(State(s): Shared, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    html_page(s, h, q, pages::timeline::page).await
}
async fn doc_list(State(s): Shared, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    html_page(s, h, q, pages::document::list).await
}
async fn formulation_list(State(s): Shared, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    html_page(s, h, q, pages::formulation::list).await
}
async fn compare_page(State(s): Shared, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    html_page(s, h, q, pages::compare::page).await
}
async fn search_page(State(s): Shared, h: HeaderMap, RawQuery(q): RawQuery) -> Response {
    html_page(s, h, q, pages::search::page).await
}
async fn event_page(
    State(s): Shared,
    h: HeaderMap,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => html_page(s, h, q, move |cx| pages::event::page(cx, &id)).await,
        Err(f) => PageFailure(f).into_response(),
    }
}
async fn doc_page(
    State(s): Shared,
    h: HeaderMap,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => html_page(s, h, q, move |cx| pages::document::show(cx, &id)).await,
        Err(f) => PageFailure(f).into_response(),
    }
}
async fn formulation_page(
    State(s): Shared,
    h: HeaderMap,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(t) => html_page(s, h, q, move |cx| pages::formulation::show(cx, &t)).await,
        Err(f) => PageFailure(f).into_response(),
    }
}
async fn event_file(
    State(s): Shared,
    h: HeaderMap,
    p: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let host = request_host(&h).unwrap_or_else(|| "localhost".into());
    match path_pair(p) {
        Ok((id, file)) => {
            blocking(move || {
                let d = match file.as_str() {
                    "pairs.tmx" => api::pairs_download(&s, &id, "tmx"),
                    "pairs.csv" => api::pairs_download(&s, &id, "csv"),
                    "pairs.jsonl" => api::pairs_download(&s, &id, "jsonl"),
                    "cite.json" => api::cite_download(&s, &host, "event", &id),
                    _ => Err(Failure::not_found("There is no page at this address.")),
                };
                d.map(download_response).map_err(PageFailure)
            })
            .await
        }
        Err(f) => PageFailure(f).into_response(),
    }
}
async fn doc_cite(
    State(s): Shared,
    h: HeaderMap,
    p: Result<Path<String>, PathRejection>,
) -> Response {
    let host = request_host(&h).unwrap_or_else(|| "localhost".into());
    match path_param(p) {
        Ok(id) => {
            blocking(move || {
                api::cite_download(&s, &host, "document", &id)
                    .map(download_response)
                    .map_err(PageFailure)
            })
            .await
        }
        Err(f) => PageFailure(f).into_response(),
    }
}
async fn formulation_file(
    State(s): Shared,
    p: Result<Path<(String, String)>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_pair(p) {
        Ok((text, file)) => {
            blocking(move || {
                let params = Params::parse(q.as_deref())
                    .map_err(|e| PageFailure(Failure::bad_request(e.0)))?;
                let d = match file.as_str() {
                    "history.csv" => api::formulation_download(&s, &text, &params, "csv"),
                    "history.json" => api::formulation_download(&s, &text, &params, "json"),
                    _ => Err(Failure::not_found("There is no page at this address.")),
                };
                d.map(download_response).map_err(PageFailure)
            })
            .await
        }
        Err(f) => PageFailure(f).into_response(),
    }
}
async fn api_doc(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    q: RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => json_answer(State(s), q, move |st, p| api::doc(st, &id, p)).await,
        Err(f) => ApiFailure(f).into_response(),
    }
}
async fn api_event(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    q: RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => json_answer(State(s), q, move |st, p| api::event(st, &id, p)).await,
        Err(f) => ApiFailure(f).into_response(),
    }
}
async fn api_formulation(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    q: RawQuery,
) -> Response {
    match path_param(p) {
        Ok(t) => json_answer(State(s), q, move |st, p| api::formulation(st, &t, p)).await,
        Err(f) => ApiFailure(f).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_checked() {
        let local = Hosts {
            local_only: true,
            allowed: vec![],
        };
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:80",
            "app.localhost",
            "LOCALHOST.",
        ] {
            assert!(local.accepts(Some(h)), "{h}");
        }
        for h in [
            "evil.example",
            "10.0.0.1",
            "localhost.evil.example",
            "",
            "[::2]:80",
        ] {
            assert!(!local.accepts(Some(h)), "{h}");
        }
        assert!(!local.accepts(None));
        let remote = Hosts {
            local_only: false,
            allowed: vec!["readout.lan".into()],
        };
        assert!(remote.accepts(Some("10.0.0.1:8080")));
        assert!(remote.accepts(Some("readout.lan:8080")));
        assert!(!remote.accepts(Some("evil.example")));
    }
}
