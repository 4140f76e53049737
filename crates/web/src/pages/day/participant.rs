//! The participant's phone screen `/s/{slug}/day`: the current round, its question, my table in this round (from
//! the seating plan) and the round's action: in dialogue and agenda rounds, sending keywords. A keyword form
//! carries a random submission id, so a post retried after a dropped connection is stored once; the page then
//! says that the last keyword was saved.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::Response;
use g1000_store::{Keyword, NewKeyword, RoundKind, SeatingTable, Summit};
use serde::Deserialize;

use super::Now;
use super::keywords::{check_keyword, check_submission, submission_id};
use crate::AppState;
use crate::auth::{Ctx, Participant, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::pages::{render, render_invalid};

#[derive(Template)]
#[template(path = "day_participant.html")]
pub struct ParticipantPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub me: Participant,
    pub now: Now,
    /// My table in the current round.
    pub table: Option<SeatingTable>,
    /// My keywords in the current round, oldest first.
    pub mine: Vec<Keyword>,
    /// A fresh submission id for the keyword form.
    pub submission: String,
    /// The last keyword sent was stored (shown after the redirect).
    pub saved: Option<String>,
    pub text: String,
    pub errors: FieldErrors,
}

impl ParticipantPage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
}

#[derive(Deserialize, Default)]
pub struct DayQuery {
    saved: Option<i64>,
}

async fn participant_page(
    ctx: Ctx,
    state: &AppState,
    me: Participant,
) -> AppResult<ParticipantPage> {
    let now = Now::load(state, me.summit.id).await?;
    let (table, mine) = match &now.current {
        Some(r) => (
            state.store.day_table_of(r.id, me.registration_id).await?,
            state
                .store
                .keywords_of(me.summit.id, me.registration_id, r.id)
                .await?,
        ),
        None => (None, vec![]),
    };
    Ok(ParticipantPage {
        ctx,
        summit: me.summit.clone(),
        me,
        now,
        table,
        mine,
        submission: submission_id(),
        saved: None,
        text: String::new(),
        errors: FieldErrors::default(),
    })
}

pub async fn page(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Query(q): Query<DayQuery>,
) -> AppResult<Response> {
    let mut p = participant_page(ctx, &state, me).await?;
    if let Some(id) = q.saved
        && let Ok(k) = state.store.keyword(p.summit.id, id).await
        && k.registration_id == Some(p.me.registration_id)
    {
        p.saved = Some(k.original);
    }
    render(&p)
}

/// Send a keyword for a round (the round the page showed; it must be a dialogue or agenda round).
pub async fn add_keyword(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let submission = check_submission(&form.get("submission"))?;
    let round_id: i64 = form
        .get("round")
        .parse()
        .map_err(|_| AppError::BadRequest("field 'round': not a round id".into()))?;
    let rounds = state.store.rounds(me.summit.id).await?;
    let Some(round) = rounds.iter().find(|r| r.id == round_id) else {
        return Err(AppError::BadRequest(
            "field 'round': no round of this summit".into(),
        ));
    };
    if !matches!(round.fields.kind, RoundKind::Dialogue | RoundKind::Agenda) {
        return Err(AppError::BadRequest(
            "field 'round': this round does not collect keywords".into(),
        ));
    }
    let text = match check_keyword(&ctx, &form.get("text")) {
        Ok(t) => t,
        Err(m) => {
            let mut p = participant_page(ctx, &state, me).await?;
            p.text = form.get("text");
            p.errors.add("text", m);
            return render_invalid(&p);
        }
    };
    let done = state
        .store
        .add_keyword(
            me.summit.id,
            &NewKeyword {
                round_id,
                registration_id: Some(me.registration_id),
                table_id: None,
                entered_by: me.actor(),
                text,
                submission_id: submission,
            },
        )
        .await?;
    Ok(see_other(&format!(
        "/s/{}/day?saved={}#day-keywords",
        me.summit.slug,
        done.id()
    )))
}
