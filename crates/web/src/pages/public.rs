//! Pages for everyone: the home page, a summit's public face, its live events, and the run-sheet for the crew.

use std::convert::Infallible;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use g1000_store::{GroupKind, JoinMethod, Round, RoundKind, StakeholderGroup, Summit};
use serde::Deserialize;
use tokio_stream::StreamExt;

use super::{add_minutes, render};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, safe_next, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::at_tables;
use crate::i18n::Lang;
use crate::security::{self, LANG_COOKIE};

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    pub ctx: Ctx,
    pub summits: Vec<Summit>,
    pub first_run: bool,
}

pub async fn home(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let summits = state.store.published_summits().await?;
    let first_run = !state.store.organiser_exists().await?;
    render(&HomePage {
        ctx,
        summits,
        first_run,
    })
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    if state.store.ping().await {
        (StatusCode::OK, "ok\n").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unreachable\n").into_response()
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The language switch: remembers the choice in a cookie and goes back to the page.
pub async fn set_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<NextQuery>,
    headers: HeaderMap,
) -> AppResult<Response> {
    let lang = Lang::parse(&code).ok_or(AppError::NotFound)?;
    let mut res = see_other(&safe_next(q.next.as_deref()));
    res.headers_mut().append(
        header::SET_COOKIE,
        security::set_cookie(
            LANG_COOKIE,
            lang.code(),
            60 * 60 * 24 * 365,
            security::is_https(&state, &headers),
        ),
    );
    Ok(res)
}

/// A round with its computed clock times.
pub struct TimedRound {
    pub round: Round,
    pub starts: String,
    pub ends: String,
    pub at_tables: bool,
}

pub fn timed(summit: &Summit, rounds: Vec<Round>) -> Vec<TimedRound> {
    let mut offset = 0;
    rounds
        .into_iter()
        .map(|round| {
            let starts = add_minutes(&summit.fields.start_time, offset);
            offset += round.fields.duration_min;
            let ends = add_minutes(&summit.fields.start_time, offset);
            let at_tables = at_tables(round.fields.kind);
            TimedRound {
                round,
                starts,
                ends,
                at_tables,
            }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "summit_public.html")]
pub struct SummitPublicPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<StakeholderGroup>,
    pub rounds: Vec<TimedRound>,
    pub total_seats: i64,
    pub is_member: bool,
    /// The selection's public proof, from the commitment on.
    pub selection: Option<super::selection::PublicSelection>,
}

impl SummitPublicPage {
    pub fn date_long(&self) -> String {
        long_date(&self.ctx, &self.summit.fields.date)
    }
    pub fn language_names(&self) -> String {
        self.summit
            .fields
            .languages
            .iter()
            .map(|l| self.ctx.t(&format!("language-{l}")))
            .collect::<Vec<_>>()
            .join(", ")
    }
    pub fn how_to_join(&self, g: &StakeholderGroup) -> String {
        let key = match (g.fields.kind, g.fields.join_method) {
            (_, JoinMethod::Lottery) => "join-how-lottery",
            (_, JoinMethod::Invitation) => "join-how-invitation",
            (_, JoinMethod::Open) => "join-how-open",
        };
        self.ctx.t(key)
    }
    pub fn group_blurb(&self, g: &StakeholderGroup) -> String {
        match g.fields.kind {
            GroupKind::Other => String::new(),
            k => self.ctx.t(&format!("group-blurb-{}", k.as_str())),
        }
    }
    pub fn kind_name(&self, k: &RoundKind) -> String {
        self.ctx.t(&format!("round-kind-{}", k.as_str()))
    }
}

/// "14 maart 2026" / "14 March 2026".
pub fn long_date(ctx: &Ctx, iso: &str) -> String {
    let mut parts = iso.split('-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    let Ok(month) = m.parse::<u8>() else {
        return iso.to_string();
    };
    let day = d.trim_start_matches('0');
    format!("{day} {} {y}", ctx.t(&format!("month-{month}")))
}

pub async fn summit_page(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit.clone();
    let groups = state.store.groups(summit.id).await?;
    let rounds = timed(&summit, state.store.rounds(summit.id).await?);
    let total_seats = groups.iter().map(|g| g.fields.seat_target).sum();
    let selection = super::selection::public_view(&state.store, summit.id).await?;
    render(&SummitPublicPage {
        ctx,
        summit,
        groups,
        rounds,
        total_seats,
        is_member: !access.roles.is_empty(),
        selection,
    })
}

#[derive(serde::Deserialize)]
pub struct EventsQuery {
    /// Only these kinds of change (separated by commas or spaces), as the page's `data-kinds` lists them;
    /// "lagged" (events this connection missed) always comes through. Without it, every kind.
    pub kinds: Option<String>,
}

/// Server-sent events for one summit: an event `change` (data: what changed) each time its set-up changes.
pub async fn events(
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<EventsQuery>,
) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let topic = format!("summit:{}", access.summit.id);
    let wanted: Vec<String> = q
        .kinds
        .unwrap_or_default()
        .split([',', ' '])
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect();
    // Coalesced per kind, so a burst of keywords reloads a console a few times, not once per keyword; a phone
    // that shows no keywords is not sent them at all.
    let stream =
        crate::live::coalesced(state.store.bus().subscribe(), topic, crate::live::LIVE_GAP)
            .filter(move |kind| wanted.is_empty() || *kind == "lagged" || wanted.contains(kind))
            .map(|kind| Ok(SseEvent::default().event("change").data(kind)));
    let hello = tokio_stream::once(Ok(SseEvent::default().event("ready").data("ok")));
    Sse::new(hello.chain(stream)).keep_alive(KeepAlive::default())
}

#[derive(Template)]
#[template(path = "runsheet.html")]
pub struct RunsheetPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub rounds: Vec<TimedRound>,
    pub is_organiser: bool,
}

impl RunsheetPage {
    pub fn kind_name(&self, k: &RoundKind) -> String {
        self.ctx.t(&format!("round-kind-{}", k.as_str()))
    }
    pub fn tables_for(&self, r: &TimedRound) -> i64 {
        let size = r.round.fields.table_size;
        if size <= 0 {
            return 0;
        }
        (self.summit.fields.capacity + size - 1) / size
    }
}

pub async fn runsheet(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let rounds = timed(&access.summit, state.store.rounds(access.summit.id).await?);
    render(&RunsheetPage {
        ctx,
        is_organiser: access.is(g1000_store::Role::Organiser),
        summit: access.summit,
        rounds,
    })
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub events: Vec<g1000_store::AuditEvent>,
    /// The chain's head hash when it verifies, or what is wrong.
    pub verified: Result<String, String>,
}

impl AuditPage {
    pub fn when(&self, e: &g1000_store::AuditEvent) -> String {
        super::door::utc(e.at_ms, true)
    }
    pub fn detail(&self, e: &g1000_store::AuditEvent) -> String {
        g1000_ledger::canonical_json(&e.detail)
    }
    pub fn short(&self, hash: &str) -> String {
        hash.chars().take(12).collect()
    }
}

/// The summit's audit record, readable, with the result of checking its hash chain.
pub async fn audit_page(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let events = state.store.audit_events(access.summit.id).await?;
    let verified = g1000_ledger::verify(&events).map_err(|e| e.to_string());
    render(&AuditPage {
        ctx,
        summit: access.summit,
        events,
        verified,
    })
}

/// The audit record as JSON, for `g1000 audit verify` or any other checker.
pub async fn audit_json(
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let events = state.store.audit_events(access.summit.id).await?;
    let body =
        serde_json::to_string_pretty(&events).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"audit.json\"",
            ),
        ],
        body,
    )
        .into_response())
}
