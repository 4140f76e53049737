//! A registrant's personal link (`/c/{token}`, from their messages; only the token's hash is stored): a
//! selected person confirms or declines there, and anyone sees, downloads (JSON) or deletes their own data, with
//! a confirmation step. And the organisers' side: the summit's retention date, after which `g1000 purge` deletes
//! the personal data.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use g1000_store::{Answer, RegistrationRow, RegistrationStatus, Retention, Summit, VacancyReason};
use serde::Deserialize;

use super::door::when;
use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::security::sha256_hex;

/// What the personal page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Status, the answer buttons when selected, links to the data.
    Overview,
    /// "Do you really want to delete your data?"
    ConfirmDelete,
    /// The data is deleted.
    Deleted,
    /// No registration has this link (never had, or deleted).
    Invalid,
}

#[derive(Template)]
#[template(path = "personal.html")]
pub struct PersonalPage {
    pub ctx: Ctx,
    pub view: View,
    pub token: String,
    pub summit: Option<Summit>,
    pub status: String,
    pub public_id: String,
    /// A message after an answer.
    pub notice: String,
    /// The confirmation deadline (ISO date), shown to a selected person who has not answered.
    pub deadline: String,
    /// The person's table per table round: (round position, table number).
    pub tables: Vec<(i64, i64)>,
}

impl PersonalPage {
    pub fn status_text(&self) -> String {
        self.ctx.t(&format!(
            "personal-status-{}",
            self.status.replace('_', "-")
        ))
    }
    pub fn can_confirm(&self) -> bool {
        self.status == RegistrationStatus::Selected.as_str()
    }
    pub fn can_decline(&self) -> bool {
        self.status == RegistrationStatus::Selected.as_str()
            || self.status == RegistrationStatus::Confirmed.as_str()
    }
    pub fn table_line(&self, t: &(i64, i64)) -> String {
        self.ctx
            .tns("personal-table-round", &[("round", t.0), ("table", t.1)])
    }
    pub fn is(&self, v: View) -> bool {
        self.view == v
    }
}

async fn find(state: &AppState, token: &str) -> AppResult<Option<(RegistrationRow, Summit)>> {
    // Tokens are 64 hex characters; anything else is not looked up.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(reg) = state.store.registration_by_link(&sha256_hex(token)).await? else {
        return Ok(None);
    };
    let summit = state
        .store
        .summit_by_id(reg.summit_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some((reg, summit)))
}

fn invalid(ctx: Ctx) -> AppResult<Response> {
    let page = PersonalPage {
        ctx,
        view: View::Invalid,
        token: String::new(),
        summit: None,
        status: String::new(),
        public_id: String::new(),
        notice: String::new(),
        deadline: String::new(),
        tables: Vec::new(),
    };
    // 410 Gone: the link does not work (any more); the page says what to do.
    Ok((StatusCode::GONE, Html(page.render()?)).into_response())
}

fn page(ctx: Ctx, view: View, token: &str, reg: &RegistrationRow, summit: Summit) -> PersonalPage {
    PersonalPage {
        ctx,
        view,
        token: token.to_string(),
        summit: Some(summit),
        status: reg.status.clone(),
        public_id: reg.public_id.clone(),
        notice: String::new(),
        deadline: String::new(),
        tables: Vec::new(),
    }
}

#[derive(Deserialize)]
pub struct AnsweredQuery {
    answered: Option<String>,
}

pub async fn overview(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(q): Query<AnsweredQuery>,
) -> AppResult<Response> {
    let Some((reg, summit)) = find(&state, &token).await? else {
        return invalid(ctx);
    };
    let deadline = state.store.confirmation_deadline(summit.id).await?;
    let mut p = page(ctx, View::Overview, &token, &reg, summit);
    p.deadline = deadline.unwrap_or_default();
    // "Your table in round N": only for people who are coming.
    if matches!(
        reg.status(),
        Some(RegistrationStatus::Confirmed | RegistrationStatus::CheckedIn)
    ) {
        p.tables = state
            .store
            .seat_numbers(reg.summit_id, Some(reg.id))
            .await?
            .into_iter()
            .map(|s| (s.round_position, s.table_number))
            .collect();
    }
    // A selected person who did not answer before the deadline was withdrawn by the organisers, not by themselves.
    if reg.status() == Some(RegistrationStatus::Withdrawn)
        && state
            .store
            .replacements(reg.summit_id)
            .await?
            .iter()
            .any(|r| r.vacated_id == reg.id && r.reason == VacancyReason::NoShow)
    {
        p.status = "no_show".into();
    }
    p.notice = match q.answered.as_deref() {
        Some("confirmed") => p.ctx.t("personal-answered-confirmed"),
        Some("declined") => p.ctx.t("personal-answered-declined"),
        Some("not-open") => p.ctx.t("personal-answered-not-open"),
        _ => String::new(),
    };
    render(&p)
}

/// Confirm or decline (`answer` = `confirm` | `decline`).
pub async fn answer(
    ctx: Ctx,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let Some((reg, summit)) = find(&state, &token).await? else {
        return invalid(ctx);
    };
    let confirm = match form.get("answer").as_str() {
        "confirm" => true,
        "decline" => false,
        _ => {
            let mut p = page(ctx, View::Overview, &token, &reg, summit);
            p.notice = p.ctx.t("personal-answer-choose");
            return render_invalid(&p);
        }
    };
    let outcome = state.store.answer_selection(reg.id, confirm).await?;
    let to = match outcome {
        Answer::Recorded(status) => {
            state
                .store
                .record(
                    summit.id,
                    &format!("registration:{}", reg.public_id),
                    if confirm {
                        "selection.confirmed"
                    } else {
                        "selection.declined"
                    },
                    serde_json::json!({"public_id": reg.public_id, "group_id": reg.group_id, "status": status.as_str()}),
                )
                .await?;
            if !confirm {
                // A seat came free: the first reserve who keeps the quotas is invited.
                let base = crate::outbox::base_url(&state, &headers);
                crate::replacement::fill_vacancy(
                    &state.store,
                    &summit,
                    &reg,
                    VacancyReason::Declined,
                    &format!("registration:{}", reg.public_id),
                    &base,
                )
                .await?;
            }
            if confirm { "confirmed" } else { "declined" }
        }
        Answer::Already(RegistrationStatus::Declined) => "declined",
        Answer::Already(_) => "confirmed",
        Answer::NotOpen(_) => "not-open",
    };
    Ok(see_other(&format!("/c/{token}?answered={to}")))
}

/// Everything held about the person, as a JSON download.
pub async fn data(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some((reg, summit)) = find(&state, &token).await? else {
        return invalid(ctx);
    };
    let data = state.store.personal_data(reg.id).await?;
    let body = serde_json::json!({
        "about": ctx.t("personal-data-about"),
        "exported_at": when(g1000_store::now_ms()),
        "data": data,
    });
    let json =
        serde_json::to_string_pretty(&body).map_err(|e| AppError::Internal(e.to_string()))?;
    let file = format!("my-data-{}-{}.json", summit.slug, reg.public_id);
    super::file_response("application/json; charset=utf-8", "attachment", &file, json)
}

pub async fn delete_form(
    ctx: Ctx,
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let Some((reg, summit)) = find(&state, &token).await? else {
        return invalid(ctx);
    };
    render(&page(ctx, View::ConfirmDelete, &token, &reg, summit))
}

/// Delete the person's data (the form's `confirm=yes` is the confirmation step; CSRF like every post).
pub async fn delete(
    ctx: Ctx,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let Some((reg, summit)) = find(&state, &token).await? else {
        return invalid(ctx);
    };
    if form.get("confirm") != "yes" {
        let mut p = page(ctx, View::ConfirmDelete, &token, &reg, summit);
        p.notice = p.ctx.t("personal-delete-confirm-missing");
        return render_invalid(&p);
    }
    let status = state.store.delete_own_data(reg.id).await?;
    state
        .store
        .record(
            summit.id,
            &format!("registration:{}", reg.public_id),
            "personal-data.deleted-by-person",
            serde_json::json!({"public_id": reg.public_id, "group_id": reg.group_id, "previous_status": reg.status, "status": status.as_str()}),
        )
        .await?;
    // A person on the panel who deletes their data leaves it: their seat goes to a reserve, as after a decline.
    if matches!(
        reg.status(),
        Some(RegistrationStatus::Selected | RegistrationStatus::Confirmed)
    ) {
        let base = crate::outbox::base_url(&state, &headers);
        crate::replacement::fill_vacancy(
            &state.store,
            &summit,
            &reg,
            VacancyReason::Deleted,
            &format!("registration:{}", reg.public_id),
            &base,
        )
        .await?;
    }
    let mut p = page(ctx, View::Deleted, "", &reg, summit);
    p.status = status.as_str().into();
    render(&p)
}

// ---- the organisers' retention setting ----

#[derive(Template)]
#[template(path = "retention.html")]
pub struct RetentionPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub retention: Retention,
    pub date: String,
    pub errors: FieldErrors,
    pub notice: String,
}

impl RetentionPage {
    pub fn purged(&self) -> String {
        self.retention.purged_at.map(when).unwrap_or_default()
    }
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

pub async fn retention_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let retention = state.store.retention(access.summit.id).await?;
    let notice = if q.saved.is_some() {
        ctx.t("retention-saved")
    } else {
        String::new()
    };
    render(&RetentionPage {
        date: retention.retention_date.clone().unwrap_or_default(),
        retention,
        ctx,
        summit: access.summit,
        errors: FieldErrors::default(),
        notice,
    })
}

pub async fn retention_save(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let date = form.get("retention_date").trim().to_string();
    let summit = access.summit;
    let mut errors = FieldErrors::default();
    if date.is_empty() {
        errors.add("retention_date", ctx.t("retention-error-empty"));
    } else if !crate::forms::valid_date(&date) {
        errors.add("retention_date", ctx.t("error-date"));
    } else if date.as_str() < summit.fields.date.as_str() {
        errors.add(
            "retention_date",
            ctx.t1("retention-error-before", "date", &summit.fields.date),
        );
    }
    if !errors.is_empty() {
        let retention = state.store.retention(summit.id).await?;
        return render_invalid(&RetentionPage {
            ctx,
            summit,
            retention,
            date,
            errors,
            notice: String::new(),
        });
    }
    state
        .store
        .set_retention_date(summit.id, Some(&date))
        .await?;
    super::audit(
        &state,
        &ctx,
        summit.id,
        "retention.set",
        serde_json::json!({"retention_date": date}),
    )
    .await?;
    Ok(see_other(&format!(
        "/manage/{}/personal-data?saved=1",
        summit.slug
    )))
}
