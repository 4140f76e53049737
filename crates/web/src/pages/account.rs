//! First-run set-up, login, logout, and a person's own overview.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use g1000_store::{MySummit, StoreError};
use serde::Deserialize;

use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, login_cookie, safe_next, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::limiter::ClientAddr;
use crate::security::{self, SESSION_COOKIE};

pub const MIN_PASSWORD: usize = 10;

#[derive(Template)]
#[template(path = "setup.html")]
pub struct SetupPage {
    pub ctx: Ctx,
    pub name: String,
    pub email: String,
    pub errors: FieldErrors,
}

pub async fn setup_form(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    if state.store.organiser_exists().await? {
        return Ok(see_other("/login"));
    }
    render(&SetupPage {
        ctx,
        name: String::new(),
        email: String::new(),
        errors: FieldErrors::default(),
    })
}

/// Check a new account's fields; shared by the first-run page and the team page.
pub fn check_account(
    ctx: &Ctx,
    name: &str,
    email: &str,
    password: Option<(&str, &str)>,
) -> FieldErrors {
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", ctx.t("error-required"));
    } else if name.chars().count() > 100 {
        errors.add("name", ctx.tn("error-too-long", "max", 100));
    }
    if !valid_email(email) {
        errors.add("email", ctx.t("error-email"));
    }
    if let Some((password, confirm)) = password {
        if password.chars().count() < MIN_PASSWORD {
            errors.add(
                "password",
                ctx.tn("error-password-short", "min", MIN_PASSWORD as i64),
            );
        } else if password != confirm {
            errors.add("confirm", ctx.t("error-password-mismatch"));
        }
    }
    errors
}

pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>')
}

pub async fn setup(
    ctx: Ctx,
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    if state.store.organiser_exists().await? {
        return Err(AppError::Forbidden);
    }
    let (name, email) = (form.get("name"), form.get("email"));
    let (password, confirm) = (form.get("password"), form.get("confirm"));
    let errors = check_account(&ctx, &name, &email, Some((&password, &confirm)));
    if !errors.is_empty() {
        return render_invalid(&SetupPage {
            ctx,
            name,
            email,
            errors,
        });
    }
    let hash = security::hash_password(password).await?;
    let user = match state
        .store
        .create_first_organiser(&email, &name, &hash)
        .await
    {
        Ok(u) => u,
        Err(StoreError::Conflict(_)) => return Err(AppError::Forbidden),
        Err(e) => return Err(e.into()),
    };
    let cookie = login_cookie(&state, &user, security::is_https(&state, &headers)).await?;
    let mut res = see_other("/account");
    res.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(res)
}

#[derive(Template)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub ctx: Ctx,
    pub email: String,
    pub next: String,
    pub error: String,
    pub first_run: bool,
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn login_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    let first_run = !state.store.organiser_exists().await?;
    render(&LoginPage {
        ctx,
        email: String::new(),
        next: safe_next(q.next.as_deref()),
        error: String::new(),
        first_run,
    })
}

pub async fn login(
    ctx: Ctx,
    State(state): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let email = form.get("email").to_lowercase();
    let password = form.get("password");
    let next = safe_next(Some(&form.get("next")));
    let key = format!("login:{email}");
    let client_key = format!("login-client:{}", client.key());
    let fail = |ctx: Ctx, msg: &str| {
        render_invalid(&LoginPage {
            error: ctx.t(msg),
            ctx,
            email: email.clone(),
            next: next.clone(),
            first_run: false,
        })
    };
    if !state.login_limiter.allowed(&key) || !state.login_client_limiter.allowed(&client_key) {
        return fail(ctx, "login-too-many");
    }
    let user = state.store.user_by_email(&email).await?;
    let ok = match user.as_ref().and_then(|u| u.password_hash.clone()) {
        Some(hash) => security::verify_password(password, hash).await,
        None => {
            // Spend the same time as a real check, so timing does not reveal which addresses have accounts.
            let _ = security::hash_password(password).await;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        state.login_limiter.failed(&key);
        state.login_client_limiter.failed(&client_key);
        return fail(ctx, "login-failed");
    };
    // Only the address's own count starts again: one right password does not clear the client's failures on
    // other accounts.
    state.login_limiter.succeeded(&key);
    let cookie = login_cookie(&state, &user, security::is_https(&state, &headers)).await?;
    let to = if next == "/" {
        "/account".to_string()
    } else {
        next
    };
    let mut res = see_other(&to);
    res.headers_mut().append(header::SET_COOKIE, cookie);
    Ok(res)
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    if let Some(token) = security::cookie(&headers, SESSION_COOKIE) {
        state
            .store
            .delete_session(&security::sha256_hex(token))
            .await?;
    }
    let mut res = see_other("/");
    res.headers_mut().append(
        header::SET_COOKIE,
        security::set_cookie(SESSION_COOKIE, "", 0, security::is_https(&state, &headers)),
    );
    Ok(res.into_response())
}

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub ctx: Ctx,
    pub summits: Vec<MySummit>,
}

impl AccountPage {
    pub fn is_organiser_of(&self, s: &MySummit) -> bool {
        s.roles.contains(&g1000_store::Role::Organiser)
    }
    pub fn is_crew_of(&self, s: &MySummit) -> bool {
        s.roles.iter().any(|r| *r != g1000_store::Role::Participant)
    }
    pub fn role_names(&self, s: &MySummit) -> String {
        s.roles
            .iter()
            .map(|r| self.ctx.t(&format!("role-{}", r.as_str())))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

pub async fn overview(ctx: Ctx, State(state): State<AppState>) -> AppResult<Response> {
    let user = ctx.user.as_ref().ok_or(AppError::Forbidden)?;
    let summits = state.store.summits_of(user.id).await?;
    render(&AccountPage { ctx, summits })
}
