//! Action groups (issue 6, commitment): after a vote, facilitators make one group per chosen proposal;
//! participants sign up (consenting or not to share their contact details with the group); one member is the
//! group's contact person; each group's list is exported for the follow-up.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use g1000_store::{ActionGroup, ActionMember, Summit, Vote};

use super::proposals::SavedQuery;
use super::vote::result;
use super::{audit, file_response, render};
use crate::AppState;
use crate::auth::{Ctx, Participant, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::FormData;

pub struct GroupView {
    pub group: ActionGroup,
    pub contact: Option<String>,
}

#[derive(Template)]
#[template(path = "actions.html")]
pub struct ActionsPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<GroupView>,
    pub closed_votes: Vec<Vote>,
    pub status: Option<&'static str>,
}

async fn contact_name(
    state: &AppState,
    summit_id: i64,
    g: &ActionGroup,
) -> AppResult<Option<String>> {
    let Some(reg) = g.contact_registration_id else {
        return Ok(None);
    };
    Ok(state
        .store
        .action_members(summit_id, g.id)
        .await?
        .into_iter()
        .find(|m| m.registration_id == reg)
        .map(|m| m.name.unwrap_or(m.public_id)))
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let summit = access.summit;
    let mut groups = vec![];
    for g in state.store.action_groups(summit.id).await? {
        groups.push(GroupView {
            contact: contact_name(&state, summit.id, &g).await?,
            group: g,
        });
    }
    let closed_votes = state
        .store
        .votes(summit.id)
        .await?
        .into_iter()
        .filter(Vote::is_closed)
        .collect();
    render(&ActionsPage {
        ctx,
        summit,
        groups,
        closed_votes,
        status: q.key(),
    })
}

/// Makes one group per option the closed vote chose (groups that exist are kept).
pub async fn create(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let vote_id: i64 = form
        .get("vote_id")
        .parse()
        .map_err(|_| AppError::BadRequest("vote_id: choose a closed vote".into()))?;
    let vote = state.store.vote(access.summit.id, vote_id).await?;
    if !vote.is_closed() {
        return Err(AppError::BadRequest(
            "vote_id: the vote is not closed yet".into(),
        ));
    }
    let options = state.store.vote_options(vote_id).await?;
    let r = result(&state.store, &ctx.tr, &vote, &options).await?;
    let chosen = chosen_groups(&r.chosen, &options);
    let made = state
        .store
        .ensure_action_groups(access.summit.id, vote_id, &chosen)
        .await?;
    audit(
        &state,
        &ctx,
        access.summit.id,
        "actions.groups_made",
        serde_json::json!({"vote_id": vote_id, "groups": made, "chosen": r.chosen}),
    )
    .await?;
    Ok(see_other(&format!(
        "/s/{}/actions?saved=1",
        access.summit.slug
    )))
}

#[derive(Template)]
#[template(path = "action_group.html")]
pub struct GroupPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub group: ActionGroup,
    pub members: Vec<ActionMember>,
    pub status: Option<&'static str>,
}

impl GroupPage {
    pub fn is_contact(&self, m: &ActionMember) -> bool {
        self.group.contact_registration_id == Some(m.registration_id)
    }
}

pub async fn show(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    let group = state.store.action_group(access.summit.id, id).await?;
    let members = state.store.action_members(access.summit.id, id).await?;
    render(&GroupPage {
        ctx,
        summit: access.summit,
        group,
        members,
        status: q.key(),
    })
}

/// A facilitator chooses the group's contact person (a member who shares their contact details).
pub async fn set_contact(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let reg: i64 = form
        .get("registration_id")
        .parse()
        .map_err(|_| AppError::BadRequest("registration_id: choose a member".into()))?;
    state.store.action_group(access.summit.id, id).await?;
    state
        .store
        .set_action_contact(access.summit.id, id, reg)
        .await?;
    audit(
        &state,
        &ctx,
        access.summit.id,
        "actions.contact_set",
        serde_json::json!({"group_id": id, "registration": reg}),
    )
    .await?;
    Ok(see_other(&format!(
        "/s/{}/actions/{id}?saved=1",
        access.summit.slug
    )))
}

/// The group's list for the follow-up: the members who consented to share their details, with them.
pub async fn export_csv(
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let group = state.store.action_group(access.summit.id, id).await?;
    let members = state.store.action_members(access.summit.id, id).await?;
    let mut w = csv::Writer::from_writer(vec![]);
    let io = |e: csv::Error| AppError::Internal(e.to_string());
    w.write_record([
        "group",
        "contact_person",
        "name",
        "email",
        "phone",
        "volunteer",
    ])
    .map_err(io)?;
    for m in members.iter().filter(|m| m.share_contact) {
        w.write_record([
            group.title.as_str(),
            if group.contact_registration_id == Some(m.registration_id) {
                "yes"
            } else {
                "no"
            },
            m.name.as_deref().unwrap_or(""),
            m.email.as_deref().unwrap_or(""),
            m.phone.as_deref().unwrap_or(""),
            if m.volunteer { "yes" } else { "no" },
        ])
        .map_err(io)?;
    }
    let body = w
        .into_inner()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    file_response(
        "text/csv; charset=utf-8",
        "attachment",
        &format!("action-group-{id}.csv"),
        body,
    )
}

// ---- the participant's sign-up (the handlers with the participant extractor are in `participant_*`) ----

pub struct SignUpView {
    pub group: ActionGroup,
    pub joined: bool,
}

#[derive(Template)]
#[template(path = "actions_signup.html")]
pub struct SignUpPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub groups: Vec<SignUpView>,
    pub submission: String,
    pub status: Option<&'static str>,
}

/// The action groups a participant can join, with the ones they joined.
pub async fn signup_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    registration_id: i64,
    q: &SavedQuery,
) -> AppResult<Response> {
    let mine = state.store.my_action_groups(registration_id).await?;
    let groups = state
        .store
        .action_groups(summit.id)
        .await?
        .into_iter()
        .map(|g| SignUpView {
            joined: mine.contains(&g.id),
            group: g,
        })
        .collect();
    render(&SignUpPage {
        ctx,
        summit,
        groups,
        submission: crate::security::random_token(),
        status: q.key(),
    })
}

/// Joins (with or without consent to share contact details, possibly volunteering as contact person) or
/// leaves a group.
pub async fn signup_submit(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    registration_id: i64,
    actor: String,
    form: &FormData,
) -> AppResult<Response> {
    let group_id: i64 = form
        .get("group_id")
        .parse()
        .map_err(|_| AppError::BadRequest("group_id: choose a group".into()))?;
    let slug = &summit.slug;
    if form.get("leave") == "1" {
        state
            .store
            .leave_action_group(summit.id, group_id, registration_id)
            .await?;
        state
            .store
            .record(
                summit.id,
                &actor,
                "actions.left",
                serde_json::json!({"group_id": group_id}),
            )
            .await?;
        return Ok(see_other(&format!("/s/{slug}/commit?saved=1#g-{group_id}")));
    }
    let share = form.get("share_contact") == "1";
    let volunteer = share && form.get("volunteer") == "1";
    let sub = super::proposals::submission(form)?;
    let done = state
        .store
        .join_action_group(summit.id, group_id, registration_id, share, volunteer, &sub)
        .await?;
    if done {
        state
            .store
            .record(
                summit.id,
                &actor,
                "actions.joined",
                serde_json::json!({"group_id": group_id, "share_contact": share, "volunteer": volunteer}),
            )
            .await?;
    }
    let _ = ctx;
    let saved = if done { "1" } else { "again" };
    Ok(see_other(&format!(
        "/s/{slug}/commit?saved={saved}#g-{group_id}"
    )))
}

pub async fn participant_signup(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    signup_page(ctx, &state, me.summit, me.registration_id, &q).await
}

pub async fn participant_join(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let actor = me.actor();
    signup_submit(ctx, &state, me.summit, me.registration_id, actor, &form).await
}

/// The action groups a vote's outcome calls for: (the chosen option's title, its proposal).
pub fn chosen_groups(
    chosen: &[String],
    options: &[g1000_store::VoteOption],
) -> Vec<(String, Option<i64>)> {
    chosen
        .iter()
        .map(|label| {
            let proposal = options
                .iter()
                .find(|o| &o.label == label)
                .and_then(|o| o.proposal_id);
            (label.clone(), proposal)
        })
        .collect()
}
