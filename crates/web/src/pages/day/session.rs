//! Opening a participant's phone screen: typing the badge code at `/s/{slug}/day/start`, or scanning the badge's
//! QR code (the door URL `/s/{slug}/door/{code}`) with one's own phone and confirming "this is my badge". Either
//! way a POST starts the day session; a link never changes anything by itself.
//!
//! Codes go through the same guard as invitation codes ([`crate::limiter`]), under their own key per client, so
//! guessing badge codes costs time. Only confirmed or checked-in participants of this summit get a session.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use g1000_store::{DayStart, Summit};

use super::super::render;
use crate::AppState;
use crate::auth::{Ctx, DAY_COOKIE, DAY_SESSION_MS, Participant, SummitAccess, see_other};
use crate::error::AppResult;
use crate::forms::{FieldErrors, FormData};
use crate::limiter::{Admission, CodeClient};
use crate::security;

/// What the last attempt said.
pub enum StartOutcome {
    None,
    Unknown,
    NotConfirmed,
    /// Too many wrong codes from this connection: wait this many seconds.
    Wait(u64),
}

#[derive(Template)]
#[template(path = "day_start.html")]
pub struct StartPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub code: String,
    pub errors: FieldErrors,
    pub outcome: StartOutcome,
    /// Opened from a scanned badge: ask "is this your badge?" with the code filled in.
    pub from_badge: bool,
    /// The participant just closed their screen on this phone.
    pub closed: bool,
}

impl StartPage {
    fn new(ctx: Ctx, summit: Summit) -> Self {
        Self {
            ctx,
            summit,
            code: String::new(),
            errors: FieldErrors::default(),
            outcome: StartOutcome::None,
            from_badge: false,
            closed: false,
        }
    }
    /// The door crew's way to the check-in page behind the login.
    pub fn crew_login(&self) -> String {
        format!(
            "/login?next={}",
            crate::error::urlencode(&format!("/s/{}/door/{}", self.summit.slug, self.code))
        )
    }
}

#[derive(serde::Deserialize)]
pub struct StartQuery {
    /// Set after the participant closed their screen on this phone.
    closed: Option<String>,
}

pub async fn start_form(
    ctx: Ctx,
    access: SummitAccess,
    Query(q): Query<StartQuery>,
) -> AppResult<Response> {
    let mut p = StartPage::new(ctx, access.summit);
    p.closed = q.closed.is_some();
    render(&p)
}

/// The badge QR code scanned by someone who is not door crew (see `door::door_scanned`).
pub fn my_badge(ctx: Ctx, summit: Summit, code: &str) -> AppResult<Response> {
    let mut p = StartPage::new(ctx, summit);
    match super::super::door::code_from_input(code) {
        Ok(c) => {
            p.code = c.grouped();
            p.from_badge = true;
        }
        Err(_) => p.outcome = StartOutcome::Unknown,
    }
    render(&p)
}

pub async fn start(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    client: CodeClient,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let mut p = StartPage::new(ctx, access.summit);
    let typed = form.get("code");
    p.code = typed.clone();
    let code = match super::super::door::code_from_input(&typed) {
        Ok(c) => c,
        Err(_) => {
            let key = if typed.is_empty() {
                "door-error-empty"
            } else {
                "door-error-format"
            };
            p.errors.add("code", p.ctx.t(key));
            return super::super::render_invalid(&p);
        }
    };
    let guard = &state.code_guard;
    let ticket = match guard.admit(&client.scoped("day")) {
        Admission::Check(t) => t,
        Admission::Wait { retry_after_s } => {
            p.outcome = StartOutcome::Wait(retry_after_s);
            let mut res = (StatusCode::TOO_MANY_REQUESTS, Html(p.render()?)).into_response();
            if let Ok(v) = HeaderValue::from_str(&retry_after_s.max(1).to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            return Ok(res);
        }
    };
    let token = security::random_token();
    let started = state
        .store
        .start_day_session(
            p.summit.id,
            code.as_str(),
            &security::sha256_hex(&token),
            DAY_SESSION_MS,
        )
        .await;
    let started = match started {
        Ok(s) => s,
        Err(e) => {
            guard.cancel(ticket);
            return Err(e.into());
        }
    };
    match started {
        DayStart::Started(_) => {
            guard.finish(ticket, true);
            let mut res = see_other(&format!("/s/{}/day", p.summit.slug));
            res.headers_mut().append(
                header::SET_COOKIE,
                security::set_cookie(
                    DAY_COOKIE,
                    &token,
                    DAY_SESSION_MS / 1000,
                    security::is_https(&state, &headers),
                ),
            );
            Ok(res)
        }
        DayStart::Unknown => {
            let delay = guard.finish(ticket, false);
            guard.hold(delay).await;
            p.outcome = StartOutcome::Unknown;
            super::super::render_invalid(&p)
        }
        DayStart::NotConfirmed { .. } => {
            guard.finish(ticket, true);
            p.outcome = StartOutcome::NotConfirmed;
            super::super::render_invalid(&p)
        }
    }
}

/// End this phone's session (another person's phone, or done for the day).
pub async fn leave(
    me: Participant,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> AppResult<Response> {
    if let Some(token) = security::cookie(&headers, DAY_COOKIE) {
        state
            .store
            .end_day_session(&security::sha256_hex(token))
            .await?;
    }
    let mut res = see_other(&format!("/s/{}/day/start?closed=1", me.summit.slug));
    res.headers_mut().append(
        header::SET_COOKIE,
        security::set_cookie(DAY_COOKIE, "", 0, security::is_https(&state, &headers)),
    );
    Ok(res)
}
