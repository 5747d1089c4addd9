//! The static files the pages use, compiled in: one stylesheet, one small optional
//! script, an icon, and the OpenAPI description of the JSON API.

use axum::http::header;
use axum::response::{IntoResponse, Response};

pub const STYLE: &str = include_str!("assets/style.css");
pub const SCRIPT: &str = include_str!("assets/app.js");
pub const ICON: &str = include_str!("assets/icon.svg");
pub const OPENAPI: &str = include_str!("assets/openapi.json");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

pub async fn style() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

pub async fn script() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

pub async fn icon() -> Response {
    asset("image/svg+xml", ICON)
}

pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_openapi_document_is_json_with_paths() {
        let v: serde_json::Value = serde_json::from_str(OPENAPI).expect("valid JSON");
        assert!(v["openapi"].as_str().unwrap().starts_with("3."));
        assert!(v["paths"].as_object().unwrap().len() >= 8);
    }

    #[test]
    fn the_stylesheet_names_fonts_by_script_and_nothing_external() {
        assert!(STYLE.contains(":lang(zh-Hans)"));
        assert!(STYLE.contains(":lang(zh-Hant)"));
        assert!(!STYLE.contains("http"), "no external resources");
        assert!(!SCRIPT.contains("http"), "no external resources");
    }
}
