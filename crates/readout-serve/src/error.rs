//! Failures as responses: JSON `{"error", "status"}` for the API, a small page for
//! the web pages. Internal errors are logged to standard error.

use crate::pages::layout::{Frame, Section};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;

/// A failure of a request: its status and a message for the reader.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
}

impl Failure {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::NOT_FOUND, message)
    }

    pub fn unavailable(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }
}

impl From<readout_store::StoreError> for Failure {
    fn from(err: readout_store::StoreError) -> Failure {
        crate::log(&format!("error: {err}"));
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, err.to_string())
    }
}

impl From<crate::params::ParamError> for Failure {
    fn from(err: crate::params::ParamError) -> Failure {
        Failure::bad_request(err.0)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(err: serde_json::Error) -> Failure {
        crate::log(&format!("error: {err}"));
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("a stored record does not read ({err}); `readout derive` makes it again"),
        )
    }
}

/// An API failure (JSON body).
pub struct ApiFailure(pub Failure);

/// A page failure (HTML body).
pub struct PageFailure(pub Failure);

impl<T: Into<Failure>> From<T> for ApiFailure {
    fn from(f: T) -> ApiFailure {
        ApiFailure(f.into())
    }
}

impl<T: Into<Failure>> From<T> for PageFailure {
    fn from(f: T) -> PageFailure {
        PageFailure(f.into())
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        json_error(self.0.status, &self.0.message)
    }
}

impl IntoResponse for PageFailure {
    fn into_response(self) -> Response {
        html_error(self.0.status, &self.0.message)
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

/// An HTML error page.
pub fn html_error(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let body = html! {
        h1 { (status.as_u16()) " " (title) }
        p.error { (message) }
        p { a href="/" { "Back to the timeline" } }
    };
    let page = Frame::new(title, Section::None).render(body);
    (status, page).into_response()
}
