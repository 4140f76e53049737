//! Proposals (issue 6): a theme table's structured plan, drafted and published by its table host; visible to
//! everyone once published; facilitators and organisers may edit a published proposal with a visible reason.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use g1000_store::{Proposal, ProposalFields, Role, SeatingTable, Summit};
use serde::Deserialize;

use super::{audit, render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::i18n::Tr;
use crate::security::random_token;

/// What the last form post did, shown once after the redirect: `saved` or `again` (a retry).
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    pub saved: Option<String>,
}

impl SavedQuery {
    /// The status line's message key, if any.
    pub fn key(&self) -> Option<&'static str> {
        match self.saved.as_deref() {
            Some("again") => Some("saved-again"),
            Some(_) => Some("saved"),
            None => None,
        }
    }
}

/// The proposal form's raw values.
#[derive(Debug, Default, Clone)]
pub struct ProposalInput {
    pub table_id: String,
    pub title: String,
    pub what: String,
    pub why: String,
    pub who_does: String,
    pub we_can_do: String,
    pub cost: String,
    pub reason: String,
}

impl ProposalInput {
    pub fn from_form(f: &FormData) -> Self {
        Self {
            table_id: f.get("table_id"),
            title: f.get("title"),
            what: f.get("what"),
            why: f.get("why"),
            who_does: f.get("who_does"),
            we_can_do: f.get("we_can_do"),
            cost: f.get("cost"),
            reason: f.get("reason"),
        }
    }

    pub fn from_proposal(p: &Proposal) -> Self {
        Self {
            table_id: p.table_id.map(|t| t.to_string()).unwrap_or_default(),
            title: p.title.clone(),
            what: p.what.clone(),
            why: p.why.clone(),
            who_does: p.who_does.clone(),
            we_can_do: p.we_can_do.clone(),
            cost: p.cost.map(|c| c.to_string()).unwrap_or_default(),
            reason: String::new(),
        }
    }

    /// Checks the fields; `tables` are the tables the person may write for (`None`: no table is asked for,
    /// as when editing); `need_reason` for an edit of a published proposal.
    pub fn validate(
        &self,
        tr: &Tr,
        tables: Option<&[SeatingTable]>,
        need_reason: bool,
    ) -> Result<(Option<i64>, ProposalFields), FieldErrors> {
        let mut e = FieldErrors::default();
        let mut table = None;
        if let Some(tables) = tables {
            match self.table_id.parse::<i64>() {
                Ok(id) if tables.iter().any(|t| t.id == id) => table = Some(id),
                _ => e.add("table_id", tr.t("error-choice")),
            }
        }
        for (name, value, max, required) in [
            ("title", &self.title, 120, true),
            ("what", &self.what, 2000, true),
            ("why", &self.why, 2000, false),
            ("who_does", &self.who_does, 2000, false),
            ("we_can_do", &self.we_can_do, 2000, false),
        ] {
            if required && value.is_empty() {
                e.add(name, tr.t("error-required"));
            } else if value.chars().count() > max {
                e.add(name, tr.tn("error-too-long", "max", max as i64));
            }
        }
        let cost = if self.cost.is_empty() {
            None
        } else {
            match self.cost.parse::<i64>() {
                Ok(c) if (0..=1_000_000_000).contains(&c) => Some(c),
                _ => {
                    e.add(
                        "cost",
                        tr.tns("error-range", &[("min", 0), ("max", 1_000_000_000)]),
                    );
                    None
                }
            }
        };
        if need_reason && self.reason.is_empty() {
            e.add("reason", tr.t("proposal-error-reason"));
        } else if self.reason.chars().count() > 500 {
            e.add("reason", tr.tn("error-too-long", "max", 500));
        }
        if !e.is_empty() {
            return Err(e);
        }
        Ok((
            table,
            ProposalFields {
                title: self.title.clone(),
                what: self.what.clone(),
                why: self.why.clone(),
                who_does: self.who_does.clone(),
                we_can_do: self.we_can_do.clone(),
                cost,
            },
        ))
    }
}

/// May this person change this proposal? Facilitators and organisers: always. A table host: a draft of a
/// table they host.
fn may_edit(access: &SummitAccess, ctx: &Ctx, tables: &[SeatingTable], p: &Proposal) -> bool {
    if access.is(Role::Organiser) || access.is(Role::Facilitator) {
        return true;
    }
    !p.published()
        && p.table_id
            .is_some_and(|t| own_tables(ctx, tables).iter().any(|o| o.id == t))
}

fn is_facilitator(access: &SummitAccess) -> bool {
    access.is(Role::Organiser) || access.is(Role::Facilitator)
}

/// The tables a person may write proposals for: all for facilitators and organisers, their own for hosts.
fn writable_tables(access: &SummitAccess, ctx: &Ctx, tables: &[SeatingTable]) -> Vec<SeatingTable> {
    if is_facilitator(access) {
        tables.to_vec()
    } else {
        own_tables(ctx, tables)
    }
}

fn own_tables(ctx: &Ctx, tables: &[SeatingTable]) -> Vec<SeatingTable> {
    let me = ctx.user.as_ref().map(|u| u.id);
    tables
        .iter()
        .filter(|t| t.host_user_id.is_some() && t.host_user_id == me)
        .cloned()
        .collect()
}

pub struct ProposalView {
    pub proposal: Proposal,
    pub table_number: Option<i64>,
    pub editable: bool,
}

#[derive(Template)]
#[template(path = "proposals.html")]
pub struct ProposalsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub proposals: Vec<ProposalView>,
    pub tables: Vec<SeatingTable>,
    pub input: ProposalInput,
    pub errors: FieldErrors,
    pub submission: String,
    pub status: Option<&'static str>,
    pub facilitator: bool,
    /// The proposal being edited.
    pub editing: Option<Proposal>,
}

impl ProposalsPage {
    pub fn action(&self) -> String {
        match &self.editing {
            Some(p) => format!("/s/{}/proposals/{}", self.summit.slug, p.id),
            None => format!("/s/{}/proposals", self.summit.slug),
        }
    }
    pub fn selected(&self, t: &SeatingTable) -> bool {
        self.input.table_id == t.id.to_string()
    }
    pub fn needs_reason(&self) -> bool {
        self.editing.as_ref().is_some_and(Proposal::published)
    }
}

#[allow(clippy::too_many_arguments)]
async fn page(
    ctx: Ctx,
    state: &AppState,
    access: &SummitAccess,
    input: ProposalInput,
    errors: FieldErrors,
    status: Option<&'static str>,
    editing: Option<Proposal>,
) -> AppResult<ProposalsPage> {
    let summit = access.summit.clone();
    let all_tables = state.store.seating_tables(summit.id).await?;
    let tables = writable_tables(access, &ctx, &all_tables);
    let proposals = state
        .store
        .proposals(summit.id)
        .await?
        .into_iter()
        .map(|p| ProposalView {
            table_number: p
                .table_id
                .and_then(|t| all_tables.iter().find(|x| x.id == t).map(|x| x.number)),
            editable: may_edit(access, &ctx, &all_tables, &p),
            proposal: p,
        })
        .collect();
    Ok(ProposalsPage {
        facilitator: is_facilitator(access),
        ctx,
        summit,
        proposals,
        tables,
        input,
        errors,
        submission: random_token(),
        status,
        editing,
    })
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let p = page(
        ctx,
        &state,
        &access,
        ProposalInput::default(),
        FieldErrors::default(),
        q.key(),
        None,
    )
    .await?;
    render(&p)
}

/// The submission id of a form; a form without one is refused (every form of these pages carries one).
pub fn submission(form: &FormData) -> AppResult<String> {
    let s = form.get("submission");
    if s.len() < 16 || s.len() > 128 || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(AppError::BadRequest(
            "the form has no valid submission id; reload the page".into(),
        ));
    }
    Ok(s)
}

pub async fn add(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let input = ProposalInput::from_form(&form);
    let all_tables = state.store.seating_tables(access.summit.id).await?;
    let tables = writable_tables(&access, &ctx, &all_tables);
    let (table, fields) = match input.validate(&ctx.tr, Some(&tables), false) {
        Ok(v) => v,
        Err(errors) => {
            let p = page(ctx, &state, &access, input, errors, None, None).await?;
            return render_invalid(&p);
        }
    };
    let sub = submission(&form)?;
    let slug = &access.summit.slug;
    match state
        .store
        .add_proposal(access.summit.id, table, None, &fields, &sub)
        .await?
    {
        Some(p) => {
            audit(
                &state,
                &ctx,
                access.summit.id,
                "proposal.added",
                serde_json::json!({"id": p.id, "table_id": table, "title": &p.title}),
            )
            .await?;
            Ok(see_other(&format!(
                "/s/{slug}/proposals?saved=1#p-{}",
                p.id
            )))
        }
        None => Ok(see_other(&format!("/s/{slug}/proposals?saved=again"))),
    }
}

pub async fn edit_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let p = state.store.proposal(access.summit.id, id).await?;
    let tables = state.store.seating_tables(access.summit.id).await?;
    if !may_edit(&access, &ctx, &tables, &p) {
        return Err(AppError::Forbidden);
    }
    let input = ProposalInput::from_proposal(&p);
    let page = page(
        ctx,
        &state,
        &access,
        input,
        FieldErrors::default(),
        None,
        Some(p),
    )
    .await?;
    render(&page)
}

pub async fn update(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let p = state.store.proposal(access.summit.id, id).await?;
    let tables = state.store.seating_tables(access.summit.id).await?;
    if !may_edit(&access, &ctx, &tables, &p) {
        return Err(AppError::Forbidden);
    }
    let input = ProposalInput::from_form(&form);
    let (_, fields) = match input.validate(&ctx.tr, None, p.published()) {
        Ok(v) => v,
        Err(errors) => {
            let page = page(ctx, &state, &access, input, errors, None, Some(p)).await?;
            return render_invalid(&page);
        }
    };
    let reason = if p.published() {
        input.reason.as_str()
    } else {
        ""
    };
    state
        .store
        .update_proposal(access.summit.id, id, &fields, reason)
        .await?;
    audit(
        &state,
        &ctx,
        access.summit.id,
        "proposal.updated",
        serde_json::json!({"id": id, "fields": &fields, "reason": reason, "was_published": p.published()}),
    )
    .await?;
    Ok(see_other(&format!(
        "/s/{}/proposals?saved=1#p-{id}",
        access.summit.slug
    )))
}

/// Publishes a proposal (`publish=1`) or takes it back (`publish=0`, facilitators only).
pub async fn publish(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let p = state.store.proposal(access.summit.id, id).await?;
    let tables = state.store.seating_tables(access.summit.id).await?;
    let publish = form.get("publish") != "0";
    let allowed = if publish {
        may_edit(&access, &ctx, &tables, &p)
    } else {
        is_facilitator(&access)
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if p.published() != publish {
        state
            .store
            .set_proposal_published(access.summit.id, id, publish)
            .await?;
        audit(
            &state,
            &ctx,
            access.summit.id,
            if publish {
                "proposal.published"
            } else {
                "proposal.withdrawn"
            },
            serde_json::json!({"id": id, "title": &p.title}),
        )
        .await?;
    }
    Ok(see_other(&format!(
        "/s/{}/proposals?saved=1#p-{id}",
        access.summit.slug
    )))
}

#[derive(Template)]
#[template(path = "proposals_public.html")]
pub struct PublicProposalsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub proposals: Vec<ProposalView>,
}

/// Everyone's view: the published proposals, live.
pub async fn public_list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let tables = state.store.seating_tables(access.summit.id).await?;
    let proposals = state
        .store
        .published_proposals(access.summit.id)
        .await?
        .into_iter()
        .map(|p| ProposalView {
            table_number: p
                .table_id
                .and_then(|t| tables.iter().find(|x| x.id == t).map(|x| x.number)),
            editable: false,
            proposal: p,
        })
        .collect();
    render(&PublicProposalsPage {
        ctx,
        summit: access.summit,
        proposals,
    })
}
