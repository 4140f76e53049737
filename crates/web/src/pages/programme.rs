//! The programme of the day: an ordered list of rounds.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use g1000_store::{Round, RoundKind, Summit};

use super::public::{TimedRound, timed};
use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData, RoundInput};

#[derive(Template)]
#[template(path = "programme.html")]
pub struct ProgrammePage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub rounds: Vec<TimedRound>,
    pub input: RoundInput,
    pub errors: FieldErrors,
    pub editing: Option<Round>,
}

impl ProgrammePage {
    pub fn kinds(&self) -> &'static [RoundKind] {
        RoundKind::ALL
    }
    pub fn kind_name(&self, k: &RoundKind) -> String {
        self.ctx.t(&format!("round-kind-{}", k.as_str()))
    }
    pub fn action(&self) -> String {
        match &self.editing {
            Some(r) => format!("/manage/{}/programme/{}", self.summit.slug, r.id),
            None => format!("/manage/{}/programme", self.summit.slug),
        }
    }
    pub fn is_last(&self, r: &TimedRound) -> bool {
        self.rounds.last().is_some_and(|l| l.round.id == r.round.id)
    }
}

async fn page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    input: RoundInput,
    errors: FieldErrors,
    editing: Option<Round>,
) -> AppResult<ProgrammePage> {
    let rounds = timed(&summit, state.store.rounds(summit.id).await?);
    Ok(ProgrammePage {
        ctx,
        summit,
        rounds,
        input,
        errors,
        editing,
    })
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    render(
        &page(
            ctx,
            &state,
            access.summit,
            RoundInput::new_default(),
            FieldErrors::default(),
            None,
        )
        .await?,
    )
}

pub async fn add(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let input = RoundInput::from_form(&form);
    match input.validate(&ctx.tr) {
        Ok(fields) => {
            let r = state.store.add_round(access.summit.id, &fields).await?;
            super::audit(&state, &ctx, access.summit.id, "round.added", &r).await?;
            Ok(see_other(&format!(
                "/manage/{}/programme",
                access.summit.slug
            )))
        }
        Err(errors) => {
            render_invalid(&page(ctx, &state, access.summit, input, errors, None).await?)
        }
    }
}

async fn find(state: &AppState, summit_id: i64, id: i64) -> AppResult<Round> {
    state
        .store
        .rounds(summit_id)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::NotFound)
}

pub async fn edit_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let r = find(&state, access.summit.id, id).await?;
    let input = RoundInput::from_fields(&r.fields);
    render(
        &page(
            ctx,
            &state,
            access.summit,
            input,
            FieldErrors::default(),
            Some(r),
        )
        .await?,
    )
}

pub async fn update(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let r = find(&state, access.summit.id, id).await?;
    let input = RoundInput::from_form(&form);
    match input.validate(&ctx.tr) {
        Ok(fields) => {
            state
                .store
                .update_round(access.summit.id, id, &fields)
                .await?;
            let detail = serde_json::json!({"id": id, "round": &fields});
            super::audit(&state, &ctx, access.summit.id, "round.updated", detail).await?;
            Ok(see_other(&format!(
                "/manage/{}/programme",
                access.summit.slug
            )))
        }
        Err(errors) => {
            render_invalid(&page(ctx, &state, access.summit, input, errors, Some(r)).await?)
        }
    }
}

pub async fn move_round(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let up = match form.get("direction").as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::BadRequest("direction must be up or down".into())),
    };
    state.store.move_round(access.summit.id, id, up).await?;
    let detail = serde_json::json!({"id": id, "direction": if up { "up" } else { "down" }});
    super::audit(&state, &ctx, access.summit.id, "round.moved", detail).await?;
    Ok(see_other(&format!(
        "/manage/{}/programme#round-{id}",
        access.summit.slug
    )))
}

pub async fn delete(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let r = find(&state, access.summit.id, id).await?;
    state.store.delete_round(access.summit.id, id).await?;
    super::audit(&state, &ctx, access.summit.id, "round.deleted", &r).await?;
    Ok(see_other(&format!(
        "/manage/{}/programme",
        access.summit.slug
    )))
}
