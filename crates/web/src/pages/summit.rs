//! Creating a summit, editing it, publishing it, and the organisers' dashboard.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use g1000_store::{GroupKind, Role, StakeholderGroup, Summit};

use super::public::{TimedRound, long_date, timed};
use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData, SUMMIT_LANGUAGES, SummitInput};

#[derive(Template)]
#[template(path = "summit_form.html")]
pub struct SummitFormPage {
    pub ctx: Ctx,
    /// None when creating.
    pub summit: Option<Summit>,
    pub input: SummitInput,
    pub errors: FieldErrors,
}

impl SummitFormPage {
    pub fn languages(&self) -> &'static [&'static str] {
        SUMMIT_LANGUAGES
    }
    pub fn action(&self) -> String {
        match &self.summit {
            Some(s) => format!("/manage/{}/edit", s.slug),
            None => "/summits/new".into(),
        }
    }
}

pub async fn new_form(ctx: Ctx) -> AppResult<Response> {
    render(&SummitFormPage {
        ctx,
        summit: None,
        input: SummitInput::new_default(),
        errors: FieldErrors::default(),
    })
}

pub async fn create(
    ctx: Ctx,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let input = SummitInput::from_form(&form);
    let fields = match input.validate(&ctx.tr) {
        Ok(f) => f,
        Err(errors) => {
            return render_invalid(&SummitFormPage {
                ctx,
                summit: None,
                input,
                errors,
            });
        }
    };
    let user = ctx.user.as_ref().ok_or(AppError::Forbidden)?;
    let summit = state.store.create_summit(&fields, user).await?;
    super::audit(&state, &ctx, summit.id, "summit.created", &fields).await?;
    Ok(see_other(&format!("/manage/{}", summit.slug)))
}

pub async fn edit_form(ctx: Ctx, access: SummitAccess) -> AppResult<Response> {
    render(&SummitFormPage {
        ctx,
        input: SummitInput::from_fields(&access.summit.fields),
        summit: Some(access.summit),
        errors: FieldErrors::default(),
    })
}

pub async fn update(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let input = SummitInput::from_form(&form);
    match input.validate(&ctx.tr) {
        Ok(fields) => {
            state.store.update_summit(access.summit.id, &fields).await?;
            super::audit(&state, &ctx, access.summit.id, "summit.updated", &fields).await?;
            Ok(see_other(&format!(
                "/manage/{}?saved=1",
                access.summit.slug
            )))
        }
        Err(errors) => render_invalid(&SummitFormPage {
            ctx,
            summit: Some(access.summit),
            input,
            errors,
        }),
    }
}

pub async fn publish(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let publish = form.get("published") == "true";
    state.store.set_published(access.summit.id, publish).await?;
    let action = if publish {
        "summit.published"
    } else {
        "summit.unpublished"
    };
    super::audit(
        &state,
        &ctx,
        access.summit.id,
        action,
        serde_json::json!({}),
    )
    .await?;
    Ok(see_other(&format!("/manage/{}", access.summit.slug)))
}

/// One stakeholder group's bar in the seat chart.
pub struct SeatBar {
    pub group: StakeholderGroup,
    /// Bar width in chart units (0..=600).
    pub width: i64,
    pub percent: i64,
}

/// A to-do or warning on the dashboard: a message key and whether it is done.
pub struct Check {
    pub text: String,
    pub done: bool,
    pub href: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub bars: Vec<SeatBar>,
    pub total_seats: i64,
    pub rounds: Vec<TimedRound>,
    pub total_minutes: i64,
    pub ends_at: String,
    pub checks: Vec<Check>,
    pub team: Vec<(String, i64)>,
    pub saved: bool,
}

impl DashboardPage {
    pub fn date_long(&self) -> String {
        long_date(&self.ctx, &self.summit.fields.date)
    }
    pub fn open_checks(&self) -> usize {
        self.checks.iter().filter(|c| !c.done).count()
    }
    pub fn kind_name(&self, k: &g1000_store::RoundKind) -> String {
        self.ctx.t(&format!("round-kind-{}", k.as_str()))
    }
    pub fn duration(&self) -> String {
        let (h, m) = (self.total_minutes / 60, self.total_minutes % 60);
        self.ctx.tns("duration-hm", &[("hours", h), ("minutes", m)])
    }
}

pub async fn dashboard(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let summit = access.summit;
    let groups = state.store.groups(summit.id).await?;
    let rounds = timed(&summit, state.store.rounds(summit.id).await?);
    let members = state.store.members(summit.id).await?;

    let total_seats: i64 = groups.iter().map(|g| g.fields.seat_target).sum();
    let scale = summit.fields.capacity.max(total_seats).max(1);
    let bars = groups
        .iter()
        .map(|g| SeatBar {
            width: g.fields.seat_target * 600 / scale,
            percent: g.fields.seat_target * 100 / summit.fields.capacity.max(1),
            group: g.clone(),
        })
        .collect::<Vec<_>>();
    let total_minutes: i64 = rounds.iter().map(|r| r.round.fields.duration_min).sum();
    let ends_at = super::add_minutes(&summit.fields.start_time, total_minutes);

    let slug = &summit.slug;
    let has = |k: GroupKind| groups.iter().any(|g| g.fields.kind == k);
    let whole_system = [
        GroupKind::Citizens,
        GroupKind::Employers,
        GroupKind::Government,
        GroupKind::FreeThinkers,
    ]
    .into_iter()
    .all(has);
    let checks = vec![
        Check {
            text: ctx.t("check-whole-system"),
            done: whole_system,
            href: format!("/manage/{slug}/groups"),
        },
        Check {
            text: ctx.t("check-lottery-group"),
            done: groups
                .iter()
                .any(|g| g.fields.join_method == g1000_store::JoinMethod::Lottery),
            href: format!("/manage/{slug}/groups"),
        },
        Check {
            text: ctx.tns(
                "check-seats-fit",
                &[("seats", total_seats), ("capacity", summit.fields.capacity)],
            ),
            done: total_seats > 0 && total_seats <= summit.fields.capacity,
            href: format!("/manage/{slug}/groups"),
        },
        Check {
            text: ctx.t("check-programme"),
            done: !rounds.is_empty(),
            href: format!("/manage/{slug}/programme"),
        },
        Check {
            text: ctx.t("check-facilitator"),
            done: members.iter().any(|(_, r)| *r == Role::Facilitator),
            href: format!("/manage/{slug}/team"),
        },
        Check {
            text: ctx.t("check-published"),
            done: summit.published,
            href: format!("/manage/{slug}#publish"),
        },
    ];
    let team = [Role::Organiser, Role::Facilitator, Role::TableHost]
        .into_iter()
        .map(|role| {
            (
                ctx.t(&format!("role-{}", role.as_str())),
                members.iter().filter(|(_, r)| *r == role).count() as i64,
            )
        })
        .collect();
    render(&DashboardPage {
        ctx,
        bars,
        total_seats,
        rounds,
        total_minutes,
        ends_at,
        checks,
        team,
        saved: q.contains_key("saved"),
        summit,
    })
}
