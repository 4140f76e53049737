//! The organisers' outbox: every message to registrants per summit, filtered by status, exported as CSV for a
//! mail merge when there is no SMTP server, and failed messages queued again.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use g1000_store::{MESSAGE_STATUSES, Message, Summit};
use serde::Deserialize;

use super::door::when;
use super::render;
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "outbox.html")]
pub struct OutboxPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub messages: Vec<Message>,
    /// The status shown ("" for all).
    pub status: String,
    pub counts: Vec<(String, i64)>,
    /// Whether an SMTP server sends the messages.
    pub smtp: bool,
    pub notice: String,
}

impl OutboxPage {
    pub fn statuses(&self) -> &'static [&'static str] {
        MESSAGE_STATUSES
    }
    pub fn status_name(&self, s: &str) -> String {
        self.ctx.t(&format!("outbox-status-{s}"))
    }
    pub fn kind_name(&self, k: &str) -> String {
        self.ctx.t(&format!("outbox-kind-{}", k.replace('_', "-")))
    }
    pub fn when(&self, ms: &i64) -> String {
        when(*ms)
    }
    pub fn count(&self, s: &str) -> i64 {
        self.counts
            .iter()
            .filter(|(st, _)| st == s)
            .map(|(_, n)| n)
            .sum()
    }
    pub fn total(&self) -> i64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }
    pub fn csv_href(&self) -> String {
        if self.status.is_empty() {
            format!("/manage/{}/outbox.csv", self.summit.slug)
        } else {
            format!(
                "/manage/{}/outbox.csv?status={}",
                self.summit.slug, self.status
            )
        }
    }
}

#[derive(Deserialize)]
pub struct OutboxQuery {
    status: Option<String>,
    requeued: Option<u64>,
}

fn filter(q: &OutboxQuery) -> Option<&'static str> {
    let s = q.status.as_deref()?;
    MESSAGE_STATUSES.iter().copied().find(|m| *m == s)
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> AppResult<Response> {
    let summit = access.summit;
    let status = filter(&q);
    let notice = match q.requeued {
        Some(n) => ctx.tn("outbox-requeued", "count", n as i64),
        None => String::new(),
    };
    render(&OutboxPage {
        messages: state.store.messages(summit.id, status).await?,
        counts: state.store.message_counts(summit.id).await?,
        status: status.unwrap_or("").into(),
        smtp: state
            .config
            .smtp_url
            .as_deref()
            .is_some_and(|u| !u.trim().is_empty()),
        notice,
        ctx,
        summit,
    })
}

/// One CSV field: quoted, with a leading `'` before what a spreadsheet would run as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The messages as CSV (UTF-8 with a byte-order mark, so spreadsheets read the accents), one row a message.
pub fn to_csv(messages: &[Message]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(
        "id,recipient_id,kind,channel,recipient,language,subject,body,status,error,created_at,sent_at\r\n",
    );
    for m in messages {
        let row = [
            m.id.to_string(),
            m.public_id.clone(),
            m.kind.clone(),
            m.channel.clone(),
            m.recipient.clone().unwrap_or_default(),
            m.language.clone(),
            m.subject.clone(),
            m.body.clone(),
            m.status.clone(),
            m.error.clone().unwrap_or_default(),
            when(m.created_at),
            m.sent_at.map(when).unwrap_or_default(),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

pub async fn csv(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<OutboxQuery>,
) -> AppResult<Response> {
    let summit = access.summit;
    let status = filter(&q);
    let mut messages = state.store.messages(summit.id, status).await?;
    messages.reverse(); // oldest first, as a mail merge reads them
    super::audit(
        &state,
        &ctx,
        summit.id,
        "outbox.exported",
        serde_json::json!({"status": status, "messages": messages.len()}),
    )
    .await?;
    let file = format!("outbox-{}.csv", summit.slug);
    super::file_response(
        "text/csv; charset=utf-8",
        "attachment",
        &file,
        to_csv(&messages),
    )
}

/// Queue the failed messages again.
pub async fn retry(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let n = state.store.requeue_failed(access.summit.id).await?;
    super::audit(
        &state,
        &ctx,
        access.summit.id,
        "outbox.requeued",
        serde_json::json!({"messages": n}),
    )
    .await?;
    Ok(see_other(&format!(
        "/manage/{}/outbox?requeued={n}",
        access.summit.slug
    )))
}
