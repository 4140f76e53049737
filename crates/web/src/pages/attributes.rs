//! Attributes (kenmerken): what registrants declare about themselves, in bands, for quotas and seating.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use g1000_store::{Attribute, StoreError, Summit};

use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{AttributeInput, FieldErrors, FormData};

#[derive(Template)]
#[template(path = "attributes.html")]
pub struct AttributesPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub attributes: Vec<Attribute>,
    pub input: AttributeInput,
    pub errors: FieldErrors,
    pub editing: Option<Attribute>,
}

impl AttributesPage {
    pub fn action(&self) -> String {
        match &self.editing {
            Some(a) => format!("/manage/{}/attributes/{}", self.summit.slug, a.id),
            None => format!("/manage/{}/attributes", self.summit.slug),
        }
    }
    /// "12.5 %" or an empty string.
    pub fn share(&self, p: &Option<i64>) -> String {
        match p {
            Some(p) if p % 10 == 0 => format!("{} %", p / 10),
            Some(p) => format!("{}.{} %", p / 10, p % 10),
            None => String::new(),
        }
    }
}

async fn page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    input: AttributeInput,
    errors: FieldErrors,
    editing: Option<Attribute>,
) -> AppResult<AttributesPage> {
    let attributes = state.store.attributes(summit.id).await?;
    Ok(AttributesPage {
        ctx,
        summit,
        attributes,
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
    let p = page(
        ctx,
        &state,
        access.summit,
        AttributeInput::default(),
        FieldErrors::default(),
        None,
    );
    render(&p.await?)
}

/// Validate and save; a duplicate name comes back as a message next to the name.
async fn save(
    ctx: Ctx,
    access: SummitAccess,
    state: AppState,
    form: FormData,
    editing: Option<Attribute>,
) -> AppResult<Response> {
    let input = AttributeInput::from_form(&form);
    let summit_id = access.summit.id;
    let mut errors = match input.validate(&ctx.tr) {
        Ok(fields) => {
            let res = match &editing {
                Some(a) => state
                    .store
                    .update_attribute(summit_id, a.id, &fields)
                    .await
                    .map(|_| serde_json::json!({"id": a.id, "attribute": &fields})),
                None => state
                    .store
                    .add_attribute(summit_id, &fields)
                    .await
                    .map(|a| serde_json::to_value(&a).unwrap_or_default()),
            };
            match res {
                Ok(detail) => {
                    let action = if editing.is_some() {
                        "attribute.updated"
                    } else {
                        "attribute.added"
                    };
                    super::audit(&state, &ctx, summit_id, action, detail).await?;
                    return Ok(see_other(&format!(
                        "/manage/{}/attributes",
                        access.summit.slug
                    )));
                }
                Err(StoreError::Conflict(_)) => FieldErrors::default(),
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    if errors.is_empty() {
        errors.add("name", ctx.t("error-attribute-exists"));
    }
    render_invalid(&page(ctx, &state, access.summit, input, errors, editing).await?)
}

pub async fn add(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    save(ctx, access, state, form, None).await
}

async fn find(state: &AppState, summit_id: i64, id: i64) -> AppResult<Attribute> {
    state
        .store
        .attributes(summit_id)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or(AppError::NotFound)
}

pub async fn edit_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let a = find(&state, access.summit.id, id).await?;
    let input = AttributeInput::from_fields(&a.fields);
    render(
        &page(
            ctx,
            &state,
            access.summit,
            input,
            FieldErrors::default(),
            Some(a),
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
    let a = find(&state, access.summit.id, id).await?;
    save(ctx, access, state, form, Some(a)).await
}

pub async fn delete(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let a = find(&state, access.summit.id, id).await?;
    state.store.delete_attribute(access.summit.id, id).await?;
    super::audit(&state, &ctx, access.summit.id, "attribute.deleted", &a).await?;
    Ok(see_other(&format!(
        "/manage/{}/attributes",
        access.summit.slug
    )))
}
