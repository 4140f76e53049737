//! The participant's phone screen `/s/{slug}/day`: the current round, its question, my table in this round (from
//! the seating plan) and the round's action (keywords in dialogue and agenda rounds).

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use g1000_store::{SeatingTable, Summit};

use super::super::render;
use super::Now;
use crate::AppState;
use crate::auth::{Ctx, Participant};
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "day_participant.html")]
pub struct ParticipantPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub me: Participant,
    pub now: Now,
    /// My table in the current round.
    pub table: Option<SeatingTable>,
}

impl ParticipantPage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
}

pub async fn page(ctx: Ctx, me: Participant, State(state): State<AppState>) -> AppResult<Response> {
    let now = Now::load(&state, me.summit.id).await?;
    let table = match &now.current {
        Some(r) => state.store.day_table_of(r.id, me.registration_id).await?,
        None => None,
    };
    render(&ParticipantPage {
        ctx,
        summit: me.summit.clone(),
        me,
        now,
        table,
    })
}
