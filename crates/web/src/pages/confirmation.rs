//! After the draw: the confirmation deadline, the counts of answers (confirmed / declined / waiting /
//! replaced) and replacing the no-shows, i.e. selected people who neither confirmed nor declined by the
//! deadline. Each replacement keeps every quota (the same rule as after a decline, [`crate::replacement`]).

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use g1000_store::{RegistrationRow, RegistrationStatus, Store, Summit, VacancyReason};

use super::render_invalid;
use super::selection::{self, SelectionPage};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};

/// What the selection page shows about the answers of the panel (the lottery group).
#[derive(Debug, Clone, Default)]
pub struct Confirmations {
    /// The deadline (ISO date, inclusive), empty when not set.
    pub deadline: String,
    /// The deadline has passed (UTC).
    pub passed: bool,
    /// Confirmed (or already checked in).
    pub confirmed: i64,
    /// Declined (including people on the panel who deleted their data).
    pub declined: i64,
    /// Selected, no answer yet.
    pub waiting: i64,
    /// Of the waiting: no-shows, to be replaced (only after the deadline).
    pub no_shows: i64,
    /// Freed seats a reserve took.
    pub replaced: i64,
    /// Freed seats no reserve could take without breaking a quota.
    pub unfilled: i64,
}

/// The first millisecond after the deadline day (UTC).
pub fn deadline_end_ms(date: &str) -> Option<i64> {
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let day = time::Date::parse(date, &fmt).ok()?.next_day()?;
    Some(day.midnight().assume_utc().unix_timestamp() * 1000)
}

/// Selected people of `group_id` who did not answer by the deadline. A reserve who took a seat after the
/// deadline is not a no-show until a later deadline has passed too.
async fn no_shows(
    store: &Store,
    summit_id: i64,
    group_id: i64,
    end_ms: i64,
    now_ms: i64,
) -> AppResult<Vec<RegistrationRow>> {
    if now_ms < end_ms {
        return Ok(vec![]);
    }
    let taken_at: BTreeMap<i64, i64> = store
        .replacements(summit_id)
        .await?
        .into_iter()
        .filter_map(|r| Some((r.replacement_id?, r.created_at)))
        .collect();
    Ok(store
        .registrations(summit_id)
        .await?
        .into_iter()
        .filter(|r| r.group_id == group_id && r.status() == Some(RegistrationStatus::Selected))
        .filter(|r| taken_at.get(&r.id).is_none_or(|at| *at < end_ms))
        .collect())
}

/// The counts for the selection page.
pub async fn confirmations(
    store: &Store,
    summit_id: i64,
    group_id: i64,
    now_ms: i64,
) -> AppResult<Confirmations> {
    let deadline = store
        .confirmation_deadline(summit_id)
        .await?
        .unwrap_or_default();
    let end = deadline_end_ms(&deadline);
    let regs = store.registrations(summit_id).await?;
    let count = |st: &[RegistrationStatus]| {
        regs.iter()
            .filter(|r| r.group_id == group_id && r.status().is_some_and(|s| st.contains(&s)))
            .count() as i64
    };
    let replacements = store.replacements(summit_id).await?;
    let no_shows = match end {
        Some(end) => no_shows(store, summit_id, group_id, end, now_ms)
            .await?
            .len() as i64,
        None => 0,
    };
    Ok(Confirmations {
        passed: end.is_some_and(|e| now_ms >= e),
        deadline,
        confirmed: count(&[RegistrationStatus::Confirmed, RegistrationStatus::CheckedIn]),
        declined: count(&[RegistrationStatus::Declined]),
        waiting: count(&[RegistrationStatus::Selected]),
        no_shows,
        replaced: replacements
            .iter()
            .filter(|r| r.replacement_id.is_some())
            .count() as i64,
        unfilled: replacements
            .iter()
            .filter(|r| r.replacement_id.is_none())
            .count() as i64,
    })
}

fn back(summit: &Summit) -> Response {
    see_other(&format!("/manage/{}/selection#confirmation", summit.slug))
}

/// `POST /manage/{slug}/selection/deadline`: set the confirmation deadline (a date on or before the summit).
pub async fn set_deadline(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let date = form.get("deadline").trim().to_string();
    let mut errors = FieldErrors::default();
    if date.is_empty() || !crate::forms::valid_date(&date) {
        errors.add("deadline", ctx.t("error-date"));
    } else if date.as_str() > summit.fields.date.as_str() {
        errors.add(
            "deadline",
            ctx.t1("confirmation-error-after", "date", &summit.fields.date),
        );
    }
    if !errors.is_empty() {
        let mut p: SelectionPage =
            selection::page(ctx, &state, summit, None, errors, String::new()).await?;
        if let Some(c) = p.confirmation.as_mut() {
            c.deadline = date;
        }
        return render_invalid(&p);
    }
    state
        .store
        .set_confirmation_deadline(summit.id, &date)
        .await?;
    super::audit(
        &state,
        &ctx,
        summit.id,
        "selection.deadline_set",
        serde_json::json!({"deadline": date}),
    )
    .await?;
    Ok(back(&summit))
}

/// `POST /manage/{slug}/selection/no-shows`: after the deadline, take every no-show off the panel and give
/// each seat to the first reserve who keeps every quota (messages queued, each replacement audit-logged).
pub async fn replace_no_shows(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> AppResult<Response> {
    let summit = access.summit;
    let store = &state.store;
    let group = selection::lottery_group(&state, summit.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let end = store
        .confirmation_deadline(summit.id)
        .await?
        .as_deref()
        .and_then(deadline_end_ms);
    let now = g1000_store::now_ms();
    let Some(end) = end.filter(|e| now >= *e) else {
        let notice = ctx.t("confirmation-error-not-passed");
        let p = selection::page(ctx, &state, summit, None, FieldErrors::default(), notice).await?;
        return Ok((axum::http::StatusCode::CONFLICT, Html(p.render()?)).into_response());
    };
    let base = crate::outbox::base_url(&state, &headers);
    let actor = super::actor(&ctx);
    let mut withdrawn = vec![];
    // The list is taken once: the reserves invited now are not no-shows of this deadline.
    for reg in no_shows(store, summit.id, group.id, end, now).await? {
        // Someone who answered meanwhile keeps their answer.
        if store.withdraw_no_show(reg.id).await? {
            crate::replacement::fill_vacancy(
                store,
                &summit,
                &reg,
                VacancyReason::NoShow,
                &actor,
                &base,
            )
            .await?;
            withdrawn.push(reg.public_id.clone());
        }
    }
    super::audit(
        &state,
        &ctx,
        summit.id,
        "selection.no_shows_replaced",
        serde_json::json!({"deadline_end_ms": end, "no_shows": withdrawn}),
    )
    .await?;
    Ok(back(&summit))
}
