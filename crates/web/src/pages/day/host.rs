//! The table host's tablet `/s/{slug}/host` (table hosts; organisers and facilitators see every table): the
//! host's table(s) in the current round, the people seated there with attendance marks, and keywords entered on
//! behalf of the table (for people without a phone), idempotent like the participants' own.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use g1000_store::{
    AuditDraft, Keyword, NewKeyword, Role, RoundKind, SeatingTable, Summit, TableSeat,
};
use serde::Deserialize;
use serde_json::json;

use super::Now;
use super::keywords::{check_keyword, check_submission, submission_id};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::pages::{actor, audit, render, render_invalid};

/// One of the host's tables in the current round.
pub struct HostTable {
    pub table: SeatingTable,
    /// The table's theme in this round, when the round has theme tables.
    pub theme: Option<String>,
    pub seats: Vec<TableSeat>,
    pub keywords: Vec<Keyword>,
    /// A fresh submission id for this table's keyword form.
    pub submission: String,
}

#[derive(Template)]
#[template(path = "day_host.html")]
pub struct HostPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub now: Now,
    pub tables: Vec<HostTable>,
    /// The keyword just saved, and its table.
    pub saved: Option<(i64, String)>,
    pub errors: FieldErrors,
    /// What was typed, per table, when it was refused.
    pub typed: Option<(i64, String)>,
}

impl HostPage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
    pub fn typed_for(&self, table_id: &i64) -> String {
        match &self.typed {
            Some((t, s)) if t == table_id => s.clone(),
            _ => String::new(),
        }
    }
    pub fn saved_for(&self, table_id: &i64) -> Option<String> {
        match &self.saved {
            Some((t, s)) if t == table_id => Some(s.clone()),
            _ => None,
        }
    }
    pub fn err(&self, table_id: &i64) -> String {
        self.errors.get(&format!("text-{table_id}"))
    }
    pub fn has_err(&self, table_id: &i64) -> bool {
        self.errors.has(&format!("text-{table_id}"))
    }
    /// "3 of 5 present".
    pub fn present_text(&self, t: &HostTable) -> String {
        let present = t.seats.iter().filter(|s| s.present == Some(true)).count();
        self.ctx.tns(
            "day-present-count",
            &[
                ("present", present as i64),
                ("seated", t.seats.len() as i64),
            ],
        )
    }
}

/// Whether this caller sees every table (organisers, facilitators) or only the tables they host.
fn sees_all(access: &SummitAccess) -> bool {
    access.is(Role::Organiser) || access.is(Role::Facilitator)
}

async fn host_page(ctx: Ctx, state: &AppState, access: &SummitAccess) -> AppResult<HostPage> {
    let summit = access.summit.clone();
    let now = Now::load(state, summit.id).await?;
    let me = ctx.user.as_ref().map_or(0, |u| u.id);
    let mut tables = vec![];
    if let Some(r) = &now.current {
        for t in state.store.seating_tables(summit.id).await? {
            if !sees_all(access) && t.host_user_id != Some(me) {
                continue;
            }
            let seats = state.store.table_seats(r.id, t.id).await?;
            if seats.is_empty() {
                continue;
            }
            tables.push(HostTable {
                theme: state.store.table_theme(r.id, t.id).await?,
                keywords: state.store.table_keywords(summit.id, t.id, r.id).await?,
                seats,
                table: t,
                submission: submission_id(),
            });
        }
    }
    Ok(HostPage {
        ctx,
        summit,
        now,
        tables,
        saved: None,
        errors: FieldErrors::default(),
        typed: None,
    })
}

#[derive(Deserialize, Default)]
pub struct HostQuery {
    saved: Option<i64>,
}

pub async fn page(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<HostQuery>,
) -> AppResult<Response> {
    let mut p = host_page(ctx, &state, &access).await?;
    if let Some(id) = q.saved
        && let Ok(k) = state.store.keyword(p.summit.id, id).await
        && let Some(t) = k.table_id
    {
        p.saved = Some((t, k.original));
    }
    render(&p)
}

/// The table a host may act for: one of theirs (or any, for organisers and facilitators).
async fn my_table(
    state: &AppState,
    access: &SummitAccess,
    ctx: &Ctx,
    table_id: i64,
) -> AppResult<SeatingTable> {
    let t = state
        .store
        .seating_tables(access.summit.id)
        .await?
        .into_iter()
        .find(|t| t.id == table_id)
        .ok_or(AppError::NotFound)?;
    let me = ctx.user.as_ref().map(|u| u.id);
    if sees_all(access) || (me.is_some() && t.host_user_id == me) {
        Ok(t)
    } else {
        Err(AppError::Forbidden)
    }
}

fn id_field(form: &FormData, field: &str) -> AppResult<i64> {
    form.get(field)
        .parse()
        .map_err(|_| AppError::BadRequest(format!("field '{field}': not an id")))
}

/// Mark a person at the host's table present (`present` = 1) or absent (0) in a round.
pub async fn attendance(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let round_id = id_field(&form, "round")?;
    let person = id_field(&form, "person")?;
    let table = my_table(&state, &access, &ctx, id_field(&form, "table")?).await?;
    let present = match form.get("present").as_str() {
        "1" => true,
        "0" => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "field 'present': expected 0 or 1, got {other:?}"
            )));
        }
    };
    let seats = state.store.table_seats(round_id, table.id).await?;
    let Some(seat) = seats.iter().find(|s| s.registration_id == person) else {
        return Err(AppError::BadRequest(
            "field 'person': not seated at this table in this round".into(),
        ));
    };
    state
        .store
        .mark_attendance(access.summit.id, round_id, person, present, &actor(&ctx))
        .await?;
    audit(
        &state,
        &ctx,
        access.summit.id,
        "day.attendance",
        json!({ "round": round_id, "table": table.number, "person": seat.public_id, "present": present }),
    )
    .await?;
    Ok(see_other(&format!(
        "/s/{}/host#table-{}",
        access.summit.slug, table.number
    )))
}

/// A keyword entered by the host on behalf of the table.
pub async fn add_keyword(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let submission = check_submission(&form.get("submission"))?;
    let round_id = id_field(&form, "round")?;
    let table = my_table(&state, &access, &ctx, id_field(&form, "table")?).await?;
    let rounds = state.store.rounds(access.summit.id).await?;
    match rounds.iter().find(|r| r.id == round_id) {
        Some(r) if matches!(r.fields.kind, RoundKind::Dialogue | RoundKind::Agenda) => {}
        _ => {
            return Err(AppError::BadRequest(
                "field 'round': not a round of this summit that collects keywords".into(),
            ));
        }
    }
    let text = match check_keyword(&ctx, &form.get("text")) {
        Ok(t) => t,
        Err(m) => {
            let mut p = host_page(ctx, &state, &access).await?;
            p.errors.add(&format!("text-{}", table.id), m);
            p.typed = Some((table.id, form.get("text")));
            return render_invalid(&p);
        }
    };
    // The keyword and its audit event in one transaction.
    let done = state
        .store
        .add_keyword_recorded(
            access.summit.id,
            &NewKeyword {
                round_id,
                registration_id: None,
                table_id: Some(table.id),
                entered_by: actor(&ctx),
                text: text.clone(),
                submission_id: submission,
            },
            Some(AuditDraft {
                actor: actor(&ctx),
                action: "day.host.keyword".into(),
                detail: json!({ "round": round_id, "table": table.number, "text": text }),
            }),
        )
        .await?;
    Ok(see_other(&format!(
        "/s/{}/host?saved={}#table-{}",
        access.summit.slug,
        done.id(),
        table.number
    )))
}
