//! Routes, and what every response passes through: only GET and HEAD are served
//! (anything else is 405), security headers (a Content-Security-Policy that allows
//! only the server's own files) on every response, JSON errors under `/api` and HTML
//! errors elsewhere, and page work off the async threads.

use super::error::{html_error, json_error, ApiError, PageError};
use super::html::Page;
use super::params::Params;
use super::state::AppState;
use super::{api, assets, pages};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use std::sync::Arc;

type Shared = State<Arc<AppState>>;

pub const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// The routes. `local_only`: the server listens on a loopback address, so only
/// requests naming a loopback host are served (a page elsewhere cannot reach the
/// record through a domain that resolves to 127.0.0.1).
pub fn build(state: Arc<AppState>, local_only: bool) -> Router {
    Router::new()
        .route("/", get(timeline))
        .route("/events/{id}", get(event_page))
        .route("/docs", get(doc_list))
        .route("/docs/{id}", get(doc_page))
        .route("/formulations", get(formulation_list))
        .route("/formulations/{text}", get(formulation_page))
        .route("/compare", get(compare_page))
        .route("/search", get(search_page))
        .route("/assets/style.css", get(assets::style))
        .route("/assets/app.js", get(assets::script))
        .route("/assets/icon.svg", get(assets::icon))
        .route("/healthz", get(healthz))
        .route("/api/openapi.json", get(assets::openapi))
        .route("/api/docs", get(api_docs))
        .route("/api/docs/{id}", get(api_doc))
        .route("/api/events", get(api_events))
        .route("/api/events/{id}", get(api_event))
        .route("/api/formulations", get(api_formulations))
        .route("/api/formulations/{text}", get(api_formulation))
        .route("/api/search", get(api_search))
        .fallback(not_found)
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            guard(req, next, local_only)
        }))
        .with_state(state)
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/") || path == "/api" || path == "/healthz"
}

/// Whether `host` (a Host header: name or address, maybe with a port) names this
/// machine's loopback interface.
pub fn is_loopback_host(host: &str) -> bool {
    if let Ok(ip) = host.parse::<std::net::IpAddr>() {
        return ip.is_loopback();
    }
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Refuses methods other than GET and HEAD and, on a loopback server, foreign host
/// names; adds the security headers.
async fn guard(req: Request, next: Next, local_only: bool) -> Response {
    let api = is_api(req.uri().path());
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_owned)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    let foreign = local_only && !host.as_deref().is_some_and(is_loopback_host);
    let mut res = if foreign {
        let message = "this server answers only requests for localhost";
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
    let path = req.uri().path();
    if is_api(path) {
        json_error(
            StatusCode::NOT_FOUND,
            "no such API route; see /api/openapi.json",
        )
    } else {
        html_error(StatusCode::NOT_FOUND, "There is no page at this address.")
    }
}

/// Runs `f` on the blocking pool (store reads and rendering are synchronous work).
async fn blocking<R: IntoResponse + Send + 'static>(
    f: impl FnOnce() -> R + Send + 'static,
) -> Response {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r.into_response(),
        Err(e) => {
            eprintln!("error: a request failed: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

fn path_param(p: Result<Path<String>, PathRejection>) -> Result<String, (StatusCode, String)> {
    match p {
        Ok(Path(s)) if s.len() <= 1000 => Ok(s),
        Ok(_) => Err((StatusCode::BAD_REQUEST, "the path is too long".into())),
        Err(e) => Err((
            StatusCode::BAD_REQUEST,
            format!("a bad path: {}", e.body_text()),
        )),
    }
}

/// A page handler: parameters parsed, then `render` on the blocking pool.
async fn html_page<F>(state: Arc<AppState>, raw: Option<String>, render: F) -> Response
where
    F: FnOnce(&AppState, &Params) -> Result<Page, PageError> + Send + 'static,
{
    blocking(move || {
        let params = Params::parse(raw.as_deref()).map_err(|e| PageError::bad_request(e.0))?;
        render(&state, &params)
    })
    .await
}

/// An API handler: parameters parsed, then `answer` on the blocking pool.
async fn json_answer<F>(state: Arc<AppState>, raw: Option<String>, answer: F) -> Response
where
    F: FnOnce(&AppState, &Params) -> Result<Value, ApiError> + Send + 'static,
{
    blocking(move || {
        let params = Params::parse(raw.as_deref()).map_err(|e| ApiError::bad_request(e.0))?;
        let mut v = answer(&state, &params)?;
        api::tidy_floats(&mut v);
        Ok::<_, ApiError>(
            (
                [(header::CONTENT_TYPE, "application/json")],
                serde_json::to_string_pretty(&v).unwrap_or_default(),
            )
                .into_response(),
        )
    })
    .await
}

async fn timeline(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    html_page(s, q, pages::timeline::page).await
}

async fn doc_list(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    html_page(s, q, pages::document::list).await
}

async fn formulation_list(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    html_page(s, q, pages::formulation::list).await
}

async fn compare_page(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    html_page(s, q, pages::compare::page).await
}

async fn search_page(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    html_page(s, q, pages::search::page).await
}

async fn event_page(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => html_page(s, q, move |st, p| pages::event::page(st, &id, p)).await,
        Err((status, m)) => html_error(status, &m),
    }
}

async fn doc_page(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => html_page(s, q, move |st, p| pages::document::show(st, &id, p)).await,
        Err((status, m)) => html_error(status, &m),
    }
}

async fn formulation_page(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(t) => html_page(s, q, move |st, p| pages::formulation::show(st, &t, p)).await,
        Err((status, m)) => html_error(status, &m),
    }
}

async fn healthz(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    json_answer(s, q, |st, _| api::healthz(st)).await
}

async fn api_docs(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    json_answer(s, q, api::docs).await
}

async fn api_events(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    json_answer(s, q, api::events).await
}

async fn api_formulations(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    json_answer(s, q, api::formulations).await
}

async fn api_search(State(s): Shared, RawQuery(q): RawQuery) -> Response {
    json_answer(s, q, api::search).await
}

async fn api_doc(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => json_answer(s, q, move |st, _| api::doc(st, &id)).await,
        Err((status, m)) => json_error(status, &m),
    }
}

async fn api_event(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(id) => json_answer(s, q, move |st, _| api::event(st, &id)).await,
        Err((status, m)) => json_error(status, &m),
    }
}

async fn api_formulation(
    State(s): Shared,
    p: Result<Path<String>, PathRejection>,
    RawQuery(q): RawQuery,
) -> Response {
    match path_param(p) {
        Ok(t) => json_answer(s, q, move |st, _| api::formulation(st, &t)).await,
        Err((status, m)) => json_error(status, &m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_recognized() {
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:80",
            "::1",
            "app.localhost",
            "LOCALHOST.",
        ] {
            assert!(is_loopback_host(h), "{h}");
        }
        for h in [
            "evil.example",
            "evil.example:8080",
            "10.0.0.1",
            "localhost.evil.example",
            "",
            "[::2]:80",
        ] {
            assert!(!is_loopback_host(h), "{h}");
        }
    }
}
