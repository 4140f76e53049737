//! The one mapping from errors to responses.

use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use g1000_store::StoreError;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// Not logged in: send the person to the login page, then back to `next`.
    #[error("login required")]
    LoginRequired { next: String },
    #[error("the form has expired")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template: {0}")]
    Render(#[from] askama::Error),
    #[error("{0}")]
    Internal(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, en, nl) = match &self {
            AppError::LoginRequired { next } => {
                let to = format!("/login?next={}", urlencode(next));
                return (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
            }
            AppError::NotFound => (
                StatusCode::NOT_FOUND,
                "This page does not exist (or is not public yet).",
                "Deze pagina bestaat niet (of is nog niet openbaar).",
            ),
            AppError::Forbidden => (
                StatusCode::FORBIDDEN,
                "You do not have the role needed for this page.",
                "U hebt niet de rol die nodig is voor deze pagina.",
            ),
            AppError::Csrf => (
                StatusCode::FORBIDDEN,
                "This form has expired or did not come from this site. Go back, reload the page and try again.",
                "Dit formulier is verlopen of kwam niet van deze site. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
            ),
            AppError::BadRequest(_) => (
                StatusCode::BAD_REQUEST,
                "The request could not be understood.",
                "Het verzoek kon niet worden begrepen.",
            ),
            AppError::Store(StoreError::NotFound(_)) => (
                StatusCode::NOT_FOUND,
                "This item does not exist (any more).",
                "Dit onderdeel bestaat niet (meer).",
            ),
            AppError::Store(_) | AppError::Render(_) | AppError::Internal(_) => {
                tracing::error!("{self}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "Something went wrong on our side. Your last change may not have been saved; please try again.",
                    "Er ging iets mis aan onze kant. Uw laatste wijziging is mogelijk niet opgeslagen; probeer het opnieuw.",
                )
            }
        };
        let detail = match &self {
            AppError::BadRequest(m) => format!("<p><code>{}</code></p>", escape(m)),
            _ => String::new(),
        };
        let body = format!(
            "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{code} – g1000</title><link rel=\"stylesheet\" href=\"/assets/style.css\"></head>\
             <body><main id=\"main\" class=\"narrow\"><h1>{code}</h1><p>{nl}</p>\
             <p lang=\"en\">{en}</p>{detail}<p><a href=\"/\">Naar de startpagina</a> · \
             <a href=\"/\" lang=\"en\">Go to the home page</a></p></main></body></html>",
            code = status.as_u16(),
        );
        (status, Html(body)).into_response()
    }
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

pub fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

pub type AppResult<T> = Result<T, AppError>;
