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
    /// That table's theme, when the round has theme tables.
    pub table_theme: Option<String>,
    /// My keywords in the current round, oldest first.
    pub mine: Vec<Keyword>,
    /// A fresh submission id for the keyword form.
    pub submission: String,
    /// The last keyword sent was stored (shown after the redirect).
    pub saved: Option<String>,
    pub text: String,
    pub errors: FieldErrors,
    /// The theme vote: the themes with my dots on each (shown while the vote is open or closed).
    pub ballot: Vec<(g1000_store::Theme, i64)>,
    /// The dots just saved.
    pub voted: bool,
}

impl ParticipantPage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
    pub fn vote_open(&self) -> bool {
        self.now.state.vote_status == "open"
    }
    pub fn vote_closed(&self) -> bool {
        self.now.state.vote_status == "closed"
    }
    /// "Your table: 4 — theme: Mobility" (or just the table).
    pub fn table_text(&self, t: &SeatingTable) -> String {
        match &self.table_theme {
            Some(theme) => self.ctx.tr.targs(
                "day-your-theme-table",
                &[("n", t.number.to_string()), ("theme", theme.clone())],
            ),
            None => self.ctx.t1("day-your-table", "n", t.number),
        }
    }
    pub fn dots_text(&self) -> String {
        self.ctx.tn("day-dots-lead", "count", self.now.state.dots)
    }
}

#[derive(Deserialize, Default)]
pub struct DayQuery {
    saved: Option<i64>,
    voted: Option<String>,
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
    let table_theme = match (&now.current, &table) {
        (Some(r), Some(t)) => state.store.table_theme(r.id, t.id).await?,
        _ => None,
    };
    let mine_dots = state
        .store
        .theme_dots_of(me.summit.id, me.registration_id)
        .await?;
    let ballot = if now.state.vote_status == "none" {
        vec![]
    } else {
        state
            .store
            .themes(me.summit.id)
            .await?
            .into_iter()
            .map(|t| {
                let d = mine_dots.iter().find(|d| d.0 == t.id).map_or(0, |d| d.1);
                (t, d)
            })
            .collect()
    };
    Ok(ParticipantPage {
        table_theme,
        ballot,
        voted: false,
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
    p.voted = q.voted.is_some();
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

/// My dots in the theme vote (`dots-THEME` = a number per theme): replaces my earlier dots while the vote is
/// open, so sending the same form again changes nothing.
pub async fn vote(
    ctx: Ctx,
    me: Participant,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let mut p = participant_page(ctx, &state, me).await?;
    if !p.vote_open() {
        p.errors.add("dots", p.ctx.t("day-vote-closed"));
        return render_invalid(&p);
    }
    let mut dots = vec![];
    for (t, _) in &p.ballot {
        let field = format!("dots-{}", t.id);
        let typed = form.get(&field);
        let n: i64 = if typed.is_empty() {
            0
        } else {
            match typed.parse() {
                Ok(n) if n >= 0 => n,
                _ => {
                    p.errors
                        .add("dots", p.ctx.t1("day-dots-number", "theme", &t.name));
                    return render_invalid(&p);
                }
            }
        };
        dots.push((t.id, n));
    }
    let total: i64 = dots.iter().map(|d| d.1).sum();
    if total > p.now.state.dots {
        p.errors.add(
            "dots",
            p.ctx.tns(
                "day-dots-too-many",
                &[("count", total), ("max", p.now.state.dots)],
            ),
        );
        return render_invalid(&p);
    }
    state
        .store
        .set_theme_dots(p.summit.id, p.me.registration_id, &dots)
        .await?;
    Ok(see_other(&format!(
        "/s/{}/day?voted=1#day-vote",
        p.summit.slug
    )))
}
