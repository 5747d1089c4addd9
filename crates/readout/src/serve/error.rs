//! Failures as responses: JSON `{"error": …}` for the API, a small HTML page for the
//! web pages. Internal errors are logged to standard error and shown without detail
//! beyond their message.

use super::html::{self, Page};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// A failure of an API request.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(err: anyhow::Error) -> ApiError {
        eprintln!("error: {err:#}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{err:#}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_error(self.status, &self.message)
    }
}

/// A JSON error response.
pub fn json_error(status: StatusCode, message: &str) -> Response {
    let body = serde_json::json!({ "error": message, "status": status.as_u16() });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// A failure of a web page request.
#[derive(Debug)]
pub struct PageError {
    pub status: StatusCode,
    pub message: String,
}

impl PageError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> PageError {
        PageError {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> PageError {
        PageError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> PageError {
        PageError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<anyhow::Error> for PageError {
    fn from(err: anyhow::Error) -> PageError {
        eprintln!("error: {err:#}");
        PageError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{err:#}"))
    }
}

impl From<ApiError> for PageError {
    fn from(err: ApiError) -> PageError {
        PageError::new(err.status, err.message)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        html_error(self.status, &self.message)
    }
}

/// An HTML error page.
pub fn html_error(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let mut page = Page::new(title);
    page.push(&format!(
        "<h1>{} {}</h1><p class=\"error\">{}</p><p><a href=\"/\">Back to the timeline</a></p>",
        status.as_u16(),
        html::esc(title),
        html::esc(message)
    ));
    (status, page.into_response()).into_response()
}
