//! The facilitator console `/s/{slug}/console` (organisers and facilitators): the programme's rounds with
//! start / next / previous, the round's timer (pause, resume), live counters, and the moderation queue (hide,
//! show, edit or merge a keyword with a visible reason; the original text is kept) with the synonyms that count
//! words together in the word cloud. Every change is audit-logged and published on the bus.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use g1000_store::{CloudWord, DayCounters, Keyword, Moderation, StoreError, Summit};
use serde::Deserialize;
use serde_json::json;

use super::Now;
use super::keywords::check_keyword;
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::pages::{audit, render, render_invalid};

/// Longest moderation reason, in characters.
pub const REASON_MAX_CHARS: usize = 200;

#[derive(Template)]
#[template(path = "day_console.html")]
pub struct ConsolePage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub now: Now,
    pub counters: DayCounters,
    /// Every keyword, newest first.
    pub keywords: Vec<Keyword>,
    /// The cloud of the current round.
    pub cloud: Vec<CloudWord>,
    /// Merge targets: (a keyword id, its shown text), one per distinct visible word.
    pub targets: Vec<(i64, String)>,
    pub synonyms: Vec<(String, String)>,
    pub errors: FieldErrors,
    /// The programme had moved on before this click (another facilitator was quicker).
    pub stale: bool,
}

impl ConsolePage {
    pub fn title(&self) -> String {
        self.now.title(&self.ctx)
    }
    pub fn round_name(&self, r: &g1000_store::Round) -> String {
        format!(
            "{}. {}",
            r.position,
            self.ctx
                .t(&format!("round-kind-{}", r.fields.kind.as_str()))
        )
    }
    pub fn is_current(&self, r: &g1000_store::Round) -> bool {
        self.now.current.as_ref().is_some_and(|c| c.id == r.id)
    }
    pub fn from(&self) -> String {
        self.now
            .current
            .as_ref()
            .map(|r| r.id.to_string())
            .unwrap_or_default()
    }
    pub fn round_position(&self, round_id: &i64) -> i64 {
        self.now
            .rounds
            .iter()
            .find(|r| r.id == *round_id)
            .map_or(0, |r| r.position)
    }
    pub fn author(&self, k: &Keyword) -> String {
        match k.table_id {
            Some(_) => self.ctx.t("day-by-table"),
            None => self.ctx.t("day-by-participant"),
        }
    }
    pub fn err(&self, field: &str, id: &i64) -> String {
        self.errors.get(&format!("{field}-{id}"))
    }
    pub fn has_err(&self, field: &str, id: &i64) -> bool {
        self.errors.has(&format!("{field}-{id}"))
    }
}

#[derive(Deserialize, Default)]
pub struct ConsoleQuery {
    stale: Option<String>,
}

async fn console_page(ctx: Ctx, state: &AppState, summit: Summit) -> AppResult<ConsolePage> {
    let now = Now::load(state, summit.id).await?;
    let counters = state
        .store
        .day_counters(summit.id, now.current.as_ref().map(|r| r.id))
        .await?;
    let mut keywords = state.store.keywords(summit.id).await?;
    keywords.reverse();
    let cloud = state
        .store
        .word_cloud(summit.id, now.current.as_ref().map(|r| r.id))
        .await?;
    let mut targets: Vec<(i64, String)> = vec![];
    for k in keywords.iter().rev().filter(|k| !k.hidden) {
        let key = g1000_store::keyword_key(&k.shown);
        if !targets
            .iter()
            .any(|(_, t)| g1000_store::keyword_key(t) == key)
        {
            targets.push((k.id, k.shown.clone()));
        }
    }
    targets.sort_by_key(|(_, t)| g1000_store::keyword_key(t));
    Ok(ConsolePage {
        synonyms: state.store.synonyms(summit.id).await?,
        ctx,
        summit,
        now,
        counters,
        keywords,
        cloud,
        targets,
        errors: FieldErrors::default(),
        stale: false,
    })
}

pub async fn page(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<ConsoleQuery>,
) -> AppResult<Response> {
    let mut p = console_page(ctx, &state, access.summit).await?;
    p.stale = q.stale.is_some();
    render(&p)
}

fn optional_id(s: &str, field: &str) -> AppResult<Option<i64>> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse()
        .map(Some)
        .map_err(|_| AppError::BadRequest(format!("field '{field}': not a round id: {s:?}")))
}

/// Start, next, previous or any round: `from` is the round the facilitator saw (empty before the start), `to`
/// the round to go to (empty: the end). A click on a programme that moved on meanwhile changes nothing.
pub async fn move_round(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let from = optional_id(&form.get("from"), "from")?;
    let to = optional_id(&form.get("to"), "to")?;
    let moved = state.store.move_day_round(summit.id, from, to).await?;
    if !moved {
        return Ok(see_other(&format!("/s/{}/console?stale=1", summit.slug)));
    }
    let rounds = state.store.rounds(summit.id).await?;
    let position = |id: Option<i64>| {
        id.and_then(|id| rounds.iter().find(|r| r.id == id))
            .map(|r| r.position)
    };
    audit(
        &state,
        &ctx,
        summit.id,
        "day.round",
        json!({ "from": position(from), "to": position(to) }),
    )
    .await?;
    Ok(see_other(&format!("/s/{}/console", summit.slug)))
}

/// Pause (`running` = 0) or resume (`running` = 1) the current round's timer.
pub async fn timer(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let running = match form.get("running").as_str() {
        "1" => true,
        "0" => false,
        other => {
            return Err(AppError::BadRequest(format!(
                "field 'running': expected 0 or 1, got {other:?}"
            )));
        }
    };
    if state.store.set_day_timer(summit.id, running).await? {
        audit(
            &state,
            &ctx,
            summit.id,
            if running {
                "day.timer.resume"
            } else {
                "day.timer.pause"
            },
            json!({}),
        )
        .await?;
    }
    Ok(see_other(&format!("/s/{}/console", summit.slug)))
}

/// Hide, show, edit or merge one keyword, with a reason (required except for showing it again).
pub async fn moderate(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let reason = form.get("reason");
    let mut errors = FieldErrors::default();
    let action = match form.get("action").as_str() {
        "hide" => Some(Moderation::Hide),
        "show" => Some(Moderation::Show),
        "edit" => match check_keyword(&ctx, &form.get("text")) {
            Ok(t) => Some(Moderation::Edit(t)),
            Err(m) => {
                errors.add(&format!("text-{id}"), m);
                None
            }
        },
        "merge" => match form.get("into").parse::<i64>() {
            Ok(t) if t != id => Some(Moderation::Merge(t)),
            _ => {
                errors.add(&format!("into-{id}"), ctx.t("day-merge-choose"));
                None
            }
        },
        other => {
            return Err(AppError::BadRequest(format!(
                "field 'action': expected hide, show, edit or merge, got {other:?}"
            )));
        }
    };
    let needs_reason = !matches!(action, Some(Moderation::Show));
    if needs_reason && reason.is_empty() {
        errors.add(&format!("reason-{id}"), ctx.t("day-reason-empty"));
    } else if reason.chars().count() > REASON_MAX_CHARS {
        errors.add(
            &format!("reason-{id}"),
            ctx.tn("day-reason-long", "max", REASON_MAX_CHARS as i64),
        );
    }
    let current = state.store.keyword(summit.id, id).await?;
    let action = match action {
        Some(a) if errors.is_empty() => a,
        _ => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.errors = errors;
            return render_invalid(&p);
        }
    };
    let done = match state
        .store
        .moderate_keyword(summit.id, id, &action, &reason)
        .await
    {
        Ok(k) => k,
        Err(StoreError::NotFound(_)) => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.errors
                .add(&format!("into-{id}"), p.ctx.t("day-merge-choose"));
            return render_invalid(&p);
        }
        Err(e) => return Err(e.into()),
    };
    let (name, detail) = match &action {
        Moderation::Hide => ("day.keyword.hide", json!({})),
        Moderation::Show => ("day.keyword.show", json!({})),
        Moderation::Edit(t) => (
            "day.keyword.edit",
            json!({ "from": current.shown, "to": t }),
        ),
        Moderation::Merge(t) => (
            "day.keyword.merge",
            json!({ "into": t, "from": current.shown, "to": done.shown }),
        ),
    };
    let mut detail = detail;
    detail["keyword"] = json!(id);
    detail["original"] = json!(current.original);
    detail["reason"] = json!(reason);
    audit(&state, &ctx, summit.id, name, detail).await?;
    Ok(see_other(&format!("/s/{}/console#kw-{id}", summit.slug)))
}

/// Add a synonym: `word` counts as `canonical` in the word cloud.
pub async fn add_synonym(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let mut errors = FieldErrors::default();
    let word = check_keyword(&ctx, &form.get("word"));
    let canonical = check_keyword(&ctx, &form.get("canonical"));
    if let Err(m) = &word {
        errors.add("word", m.clone());
    }
    if let Err(m) = &canonical {
        errors.add("canonical", m.clone());
    }
    let (Ok(word), Ok(canonical)) = (word, canonical) else {
        let mut p = console_page(ctx, &state, summit).await?;
        p.errors = errors;
        return render_invalid(&p);
    };
    state
        .store
        .set_synonym(summit.id, &word, &canonical)
        .await?;
    audit(
        &state,
        &ctx,
        summit.id,
        "day.synonym",
        json!({ "word": word, "canonical": canonical }),
    )
    .await?;
    Ok(see_other(&format!("/s/{}/console#synonyms", summit.slug)))
}
