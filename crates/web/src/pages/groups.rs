//! The summit's stakeholder groups: the "whole system" in the hall.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use g1000_store::{GroupKind, JoinMethod, StakeholderGroup, StoreError, Summit};

use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData, GroupInput};

#[derive(Template)]
#[template(path = "groups.html")]
pub struct GroupsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<StakeholderGroup>,
    pub total_seats: i64,
    /// The add form (or, on the edit page, the group being edited).
    pub input: GroupInput,
    pub errors: FieldErrors,
    pub editing: Option<StakeholderGroup>,
}

impl GroupsPage {
    pub fn kinds(&self) -> &'static [GroupKind] {
        GroupKind::ALL
    }
    pub fn methods(&self) -> &'static [JoinMethod] {
        JoinMethod::ALL
    }
    pub fn kind_name(&self, k: &GroupKind) -> String {
        self.ctx.t(&format!("group-kind-{}", k.as_str()))
    }
    pub fn method_name(&self, m: &JoinMethod) -> String {
        self.ctx.t(&format!("join-{}", m.as_str()))
    }
    pub fn action(&self) -> String {
        match &self.editing {
            Some(g) => format!("/manage/{}/groups/{}", self.summit.slug, g.id),
            None => format!("/manage/{}/groups", self.summit.slug),
        }
    }
}

async fn page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    input: GroupInput,
    errors: FieldErrors,
    editing: Option<StakeholderGroup>,
) -> AppResult<GroupsPage> {
    let groups = state.store.groups(summit.id).await?;
    let total_seats = groups.iter().map(|g| g.fields.seat_target).sum();
    Ok(GroupsPage {
        ctx,
        summit,
        groups,
        total_seats,
        input,
        errors,
        editing,
    })
}

/// The four groups of the whole system, with the next one not yet present pre-selected in the add form.
fn next_default(groups: &[StakeholderGroup]) -> GroupInput {
    let next = [
        (GroupKind::Citizens, JoinMethod::Lottery),
        (GroupKind::Employers, JoinMethod::Invitation),
        (GroupKind::Government, JoinMethod::Invitation),
        (GroupKind::FreeThinkers, JoinMethod::Open),
    ]
    .into_iter()
    .find(|(k, _)| !groups.iter().any(|g| g.fields.kind == *k))
    .unwrap_or((GroupKind::Other, JoinMethod::Invitation));
    GroupInput {
        kind: next.0.as_str().into(),
        join_method: next.1.as_str().into(),
        ..Default::default()
    }
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let groups = state.store.groups(access.summit.id).await?;
    let input = next_default(&groups);
    render(
        &page(
            ctx,
            &state,
            access.summit,
            input,
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
    let input = GroupInput::from_form(&form);
    match input.validate(&ctx.tr) {
        Ok(fields) => {
            let g = state.store.add_group(access.summit.id, &fields).await?;
            super::audit(&state, &ctx, access.summit.id, "group.added", &g).await?;
            Ok(see_other(&format!("/manage/{}/groups", access.summit.slug)))
        }
        Err(errors) => {
            render_invalid(&page(ctx, &state, access.summit, input, errors, None).await?)
        }
    }
}

async fn find(state: &AppState, summit_id: i64, id: i64) -> AppResult<StakeholderGroup> {
    state
        .store
        .groups(summit_id)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or(AppError::NotFound)
}

pub async fn edit_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let g = find(&state, access.summit.id, id).await?;
    let input = GroupInput::from_fields(&g.fields);
    render(
        &page(
            ctx,
            &state,
            access.summit,
            input,
            FieldErrors::default(),
            Some(g),
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
    let g = find(&state, access.summit.id, id).await?;
    let input = GroupInput::from_form(&form);
    match input.validate(&ctx.tr) {
        Ok(fields) => {
            state
                .store
                .update_group(access.summit.id, id, &fields)
                .await?;
            let detail = serde_json::json!({"id": id, "group": &fields});
            super::audit(&state, &ctx, access.summit.id, "group.updated", detail).await?;
            Ok(see_other(&format!("/manage/{}/groups", access.summit.slug)))
        }
        Err(errors) => {
            render_invalid(&page(ctx, &state, access.summit, input, errors, Some(g)).await?)
        }
    }
}

pub async fn delete(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let g = find(&state, access.summit.id, id).await?;
    match state.store.delete_group(access.summit.id, id).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            let groups = state.store.groups(access.summit.id).await?;
            let input = next_default(&groups);
            let mut errors = FieldErrors::default();
            errors.add("name", ctx.t("error-group-has-registrations"));
            return render_invalid(&page(ctx, &state, access.summit, input, errors, None).await?);
        }
        Err(e) => return Err(e.into()),
    }
    super::audit(&state, &ctx, access.summit.id, "group.deleted", &g).await?;
    Ok(see_other(&format!("/manage/{}/groups", access.summit.slug)))
}
