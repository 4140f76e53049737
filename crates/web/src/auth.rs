//! Who is asking, in which language, and may they use this route.
//!
//! Every route in the route table (`routes.rs`) declares an [`Access`]; the [`guard`] middleware enforces it
//! before any handler runs, so no handler can forget a role check.
//!
//! Participants on the day have no account: they open their phone screen with their badge code (typed, or the
//! badge's QR code scanned with their own phone), which starts a *day session* (a random token in the HttpOnly,
//! SameSite=Lax cookie [`DAY_COOKIE`]; only its hash is stored). Routes with [`Access::Participant`] admit only
//! the holder of a live day session for the summit named by `{slug}`, who is still confirmed or checked in;
//! anyone else is sent to `/s/{slug}/day/start` to type their code. Handlers of such routes take the typed
//! extractor [`Participant`] (registration id, public id, group, summit), e.g.
//! `async fn page(ctx: Ctx, me: Participant, State(state): State<AppState>)`.

use axum::extract::{FromRequestParts, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use g1000_store::{Role, Summit, User};

use crate::AppState;
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use crate::security::{self, CsrfToken, LANG_COOKIE, SESSION_COOKIE};

/// Session lifetime: 12 hours (one summit day).
pub const SESSION_MS: i64 = 12 * 60 * 60 * 1000;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, logged in or not.
    Public,
    /// Any logged-in account.
    LoggedIn,
    /// An account allowed to create summits (an organiser account).
    OrganiserAccount,
    /// A summit's public pages: everyone once it is published, before that only its members.
    PublicSummit,
    /// People holding one of these roles in the summit named by the route's `{slug}`.
    Summit(&'static [Role]),
    /// A participant with a live day session (badge code) for the summit named by `{slug}`; see [`Participant`].
    Participant,
}

/// The cookie of a participant's day session.
pub const DAY_COOKIE: &str = "g1000_day";
/// A day session lasts 16 hours (the summit day, with margin).
pub const DAY_SESSION_MS: i64 = 16 * 60 * 60 * 1000;

/// The participant behind a request to an [`Access::Participant`] route (inserted by [`guard`]): a confirmed or
/// checked-in registration of `summit`. Pseudonymous: no name or contact details.
#[derive(Clone, Debug)]
pub struct Participant {
    pub registration_id: i64,
    pub public_id: String,
    pub group_id: i64,
    pub summit: Summit,
}

impl Participant {
    /// The pseudonymous author of what this participant sends (`participant:PUBLIC_ID`).
    pub fn actor(&self) -> String {
        format!("participant:{}", self.public_id)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Participant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<Participant>()
            .cloned()
            .ok_or_else(|| AppError::Internal("route without participant guard".into()))
    }
}

/// The summit a guarded route is about, and the caller's roles in it (inserted by [`guard`]).
#[derive(Clone, Debug)]
pub struct SummitAccess {
    pub summit: Summit,
    pub roles: Vec<Role>,
}

impl SummitAccess {
    pub fn is(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// The logged-in user, if any (looked up once per request by [`guard`]).
#[derive(Clone, Debug)]
pub struct MaybeUser(pub Option<User>);

pub async fn guard(
    State((state, access)): State<(AppState, Access)>,
    params: RawPathParams,
    mut req: Request,
    next: Next,
) -> Result<Response, AppError> {
    let here = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let login_required = || AppError::LoginRequired { next: here.clone() };
    let token_hash = security::cookie(req.headers(), SESSION_COOKIE).map(security::sha256_hex);
    let user = match token_hash {
        Some(h) => state.store.session_user(&h).await?,
        None => None,
    };
    match access {
        Access::Public => {}
        Access::LoggedIn => {
            if user.is_none() {
                return Err(login_required());
            }
        }
        Access::OrganiserAccount => match &user {
            None => return Err(login_required()),
            Some(u) if !u.is_organiser => return Err(AppError::Forbidden),
            Some(_) => {}
        },
        Access::PublicSummit | Access::Summit(_) | Access::Participant => {
            let slug = params
                .iter()
                .find(|(k, _)| *k == "slug")
                .map(|(_, v)| v.to_string())
                .ok_or(AppError::NotFound)?;
            let summit = state
                .store
                .summit_by_slug(&slug)
                .await?
                .ok_or(AppError::NotFound)?;
            let roles = match &user {
                Some(u) => state.store.roles_in(u.id, summit.id).await?,
                None => vec![],
            };
            match access {
                Access::PublicSummit => {
                    if !summit.published && roles.is_empty() {
                        return Err(AppError::NotFound);
                    }
                }
                Access::Summit(allowed) => {
                    if user.is_none() {
                        return Err(login_required());
                    }
                    if !roles.iter().any(|r| allowed.contains(r)) {
                        return Err(AppError::Forbidden);
                    }
                }
                Access::Participant => {
                    let day = match security::cookie(req.headers(), DAY_COOKIE) {
                        Some(token) => {
                            state
                                .store
                                .day_session(&security::sha256_hex(token))
                                .await?
                        }
                        None => None,
                    };
                    match day {
                        Some(p) if p.summit_id == summit.id => {
                            req.extensions_mut().insert(Participant {
                                registration_id: p.registration_id,
                                public_id: p.public_id,
                                group_id: p.group_id,
                                summit: summit.clone(),
                            });
                        }
                        _ => return Ok(see_other(&format!("/s/{}/day/start", summit.slug))),
                    }
                }
                _ => unreachable!(),
            }
            req.extensions_mut().insert(SummitAccess { summit, roles });
        }
    }
    req.extensions_mut().insert(MaybeUser(user));
    Ok(next.run(req).await)
}

/// Everything a page template needs about the request: translator, user, CSRF token, current path.
#[derive(Clone)]
pub struct Ctx {
    pub tr: Tr,
    pub user: Option<User>,
    pub csrf: String,
    /// The current path and query, for the language switch to come back to.
    pub path: String,
}

impl Ctx {
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
    pub fn t1(&self, key: &str, name: &str, value: impl std::fmt::Display) -> String {
        self.tr.t1(key, name, value)
    }
    pub fn tn(&self, key: &str, name: &str, value: impl std::borrow::Borrow<i64>) -> String {
        self.tr.tn(key, name, *value.borrow())
    }
    pub fn tns(&self, key: &str, args: &[(&str, i64)]) -> String {
        self.tr.tns(key, args)
    }
    pub fn lang(&self) -> &'static str {
        self.tr.lang.code()
    }
    pub fn langs(&self) -> [Lang; 2] {
        Lang::ALL
    }
    pub fn is_lang(&self, l: &Lang) -> bool {
        self.tr.lang == *l
    }
    /// The language-switch link to `l`, returning here.
    pub fn lang_href(&self, l: &Lang) -> String {
        format!(
            "/lang/{}?next={}",
            l.code(),
            crate::error::urlencode(&self.path)
        )
    }
    pub fn logged_in(&self) -> bool {
        self.user.is_some()
    }
    pub fn user_name(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    }
    pub fn is_organiser_account(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_organiser)
    }
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let lang = security::cookie(&parts.headers, LANG_COOKIE)
            .and_then(Lang::parse)
            .unwrap_or_else(|| {
                Lang::negotiate(
                    parts
                        .headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok()),
                )
            });
        let user = match parts.extensions.get::<MaybeUser>() {
            Some(MaybeUser(u)) => u.clone(),
            None => None,
        };
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(Ctx {
            tr: Tr::new(state.catalogues.clone(), lang),
            user,
            csrf,
            path,
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for SummitAccess {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, AppError> {
        parts
            .extensions
            .get::<SummitAccess>()
            .cloned()
            .ok_or_else(|| AppError::Internal("route without summit guard".into()))
    }
}

/// Start a session for `user`: a fresh random token in an HttpOnly cookie; only its hash is stored.
pub async fn login_cookie(
    state: &AppState,
    user: &User,
    https: bool,
) -> Result<HeaderValue, AppError> {
    let token = security::random_token();
    state
        .store
        .create_session(&security::sha256_hex(&token), user.id, SESSION_MS)
        .await?;
    Ok(security::set_cookie(
        SESSION_COOKIE,
        &token,
        SESSION_MS / 1000,
        https,
    ))
}

/// A redirect after a successful form post (post/redirect/get).
pub fn see_other(to: &str) -> Response {
    (
        axum::http::StatusCode::SEE_OTHER,
        [(header::LOCATION, to.to_string())],
    )
        .into_response()
}

/// Only local paths are followed after login or a language switch (no open redirects).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}
