//! Page handlers, one module per part of the chain. Each page is an askama template struct.

pub mod account;
pub mod actions;
pub mod attributes;
pub mod confirmation;
pub mod day;
pub mod door;
pub mod groups;
pub mod invitations;
pub mod outbox;
pub mod personal;
pub mod programme;
pub mod proposals;
pub mod public;
pub mod registration;
pub mod seating;
pub mod selection;
pub mod summit;
pub mod team;
pub mod vote;

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::AppState;
use crate::auth::Ctx;
use crate::error::AppResult;

/// Write a decision to the summit's audit record. The actor is pseudonymous (`user#ID`); the detail never holds
/// names or contact details.
pub async fn audit(
    state: &AppState,
    ctx: &Ctx,
    summit_id: i64,
    action: &str,
    detail: impl serde::Serialize,
) -> AppResult<()> {
    let actor = actor(ctx);
    let detail = serde_json::to_value(detail)
        .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    state
        .store
        .record(summit_id, &actor, action, detail)
        .await?;
    Ok(())
}

/// The pseudonymous actor of the audit record for the signed-in user (`user#ID`), or `system`.
pub fn actor(ctx: &Ctx) -> String {
    ctx.user
        .as_ref()
        .map(|u| format!("user#{}", u.id))
        .unwrap_or_else(|| "system".into())
}

pub fn render<T: Template>(page: &T) -> AppResult<Response> {
    Ok(Html(page.render()?).into_response())
}

/// A form shown again with the person's values and messages: 422 so scripts and tests can tell.
pub fn render_invalid<T: Template>(page: &T) -> AppResult<Response> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
}

/// A file to download (`attachment`) or to show in the browser (`inline`, e.g. a PDF), named `file`.
pub fn file_response(
    content_type: &'static str,
    disposition: &str,
    file: &str,
    body: impl IntoResponse,
) -> AppResult<Response> {
    let disposition =
        axum::http::HeaderValue::from_str(&format!("{disposition}; filename=\"{file}\""))
            .map_err(|e| crate::error::AppError::Internal(e.to_string()))?;
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static(content_type),
            ),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// "HH:MM" plus minutes, wrapping past midnight.
pub fn add_minutes(hhmm: &str, minutes: i64) -> String {
    let (h, m) = hhmm.split_once(':').unwrap_or(("9", "30"));
    let start = h.parse::<i64>().unwrap_or(9) * 60 + m.parse::<i64>().unwrap_or(30);
    let t = (start + minutes).rem_euclid(24 * 60);
    format!("{:02}:{:02}", t / 60, t % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn adds_minutes() {
        assert_eq!(super::add_minutes("09:30", 45), "10:15");
        assert_eq!(super::add_minutes("23:30", 45), "00:15");
    }
}
