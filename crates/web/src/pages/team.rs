//! The summit's team: fellow organisers, facilitators and table hosts, each with a role in this summit.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use g1000_store::{Role, StoreError, Summit, User};

use super::account::check_account;
use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::security;

/// Roles an organiser can hand out on the team page (participants come from registration).
pub const TEAM_ROLES: &[Role] = &[Role::Organiser, Role::Facilitator, Role::TableHost];

#[derive(Template)]
#[template(path = "team.html")]
pub struct TeamPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub members: Vec<(User, Role)>,
    pub name: String,
    pub email: String,
    pub role: String,
    pub errors: FieldErrors,
    /// A new account's e-mail and one-time password, shown once.
    pub created: Option<(String, String)>,
    pub notice: String,
}

impl TeamPage {
    pub fn roles(&self) -> &'static [Role] {
        TEAM_ROLES
    }
    pub fn role_name(&self, r: &Role) -> String {
        self.ctx.t(&format!("role-{}", r.as_str()))
    }
    pub fn is_me(&self, u: &User) -> bool {
        self.ctx.user.as_ref().is_some_and(|me| me.id == u.id)
    }
}

async fn page(ctx: Ctx, state: &AppState, summit: Summit) -> AppResult<TeamPage> {
    let members = state.store.members(summit.id).await?;
    Ok(TeamPage {
        ctx,
        summit,
        members,
        name: String::new(),
        email: String::new(),
        role: Role::Facilitator.as_str().into(),
        errors: FieldErrors::default(),
        created: None,
        notice: String::new(),
    })
}

pub async fn list(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    render(&page(ctx, &state, access.summit).await?)
}

/// A password that is easy to read out and type: 4 groups of 4 from an alphabet without look-alikes (~80 bits).
pub fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    rand::fill(&mut bytes);
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

pub async fn add(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let (name, email, role_s) = (form.get("name"), form.get("email"), form.get("role"));
    let mut errors = check_account(&ctx, &name, &email, None);
    let role = Role::parse(&role_s).filter(|r| TEAM_ROLES.contains(r));
    if role.is_none() {
        errors.add("role", ctx.t("error-choice"));
    }
    let mut p = page(ctx, &state, access.summit).await?;
    if !errors.is_empty() {
        p.name = name;
        p.email = email;
        p.role = role_s;
        p.errors = errors;
        return render_invalid(&p);
    }
    let role = role.expect("checked");
    let (user, created) = match state.store.user_by_email(&email).await? {
        Some(u) => (u, None),
        None => {
            let password = one_time_password();
            let hash = security::hash_password(password.clone()).await?;
            let u = state
                .store
                .create_user(&email, &name, Some(&hash), false)
                .await?;
            (u, Some((u_email(&email), password)))
        }
    };
    match state.store.add_member(p.summit.id, user.id, role).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            p.notice = p.ctx.t("team-already");
            return render(&p);
        }
        Err(e) => return Err(e.into()),
    }
    let detail = serde_json::json!({"member": format!("user#{}", user.id), "role": role});
    super::audit(&state, &p.ctx, p.summit.id, "team.added", detail).await?;
    p.members = state.store.members(p.summit.id).await?;
    p.notice = p.ctx.t1("team-added", "name", &user.display_name);
    p.created = created;
    render(&p)
}

fn u_email(e: &str) -> String {
    e.trim().to_lowercase()
}

pub async fn remove(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let user_id: i64 = form
        .get("user_id")
        .parse()
        .map_err(|_| AppError::BadRequest("user_id".into()))?;
    let role = Role::parse(&form.get("role")).ok_or(AppError::BadRequest("role".into()))?;
    match state
        .store
        .remove_member(access.summit.id, user_id, role)
        .await
    {
        Ok(()) => {
            let detail = serde_json::json!({"member": format!("user#{user_id}"), "role": role});
            super::audit(&state, &ctx, access.summit.id, "team.removed", detail).await?;
            Ok(see_other(&format!("/manage/{}/team", access.summit.slug)))
        }
        Err(StoreError::Conflict(_)) => {
            let mut p = page(ctx, &state, access.summit).await?;
            p.notice = p.ctx.t("team-last-organiser");
            render_invalid(&p)
        }
        Err(e) => Err(e.into()),
    }
}
