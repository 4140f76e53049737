//! The facilitator console `/s/{slug}/console` (organisers and facilitators): the programme's rounds with
//! start / next / previous, the round's timer (pause, resume), live counters, and the moderation queue (hide,
//! show, edit or merge a keyword with a visible reason; the original text is kept) with the synonyms that count
//! words together in the word cloud. Every change is audit-logged and published on the bus.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use g1000_store::{CloudWord, DayCounters, Keyword, Moderation, StoreError, Summit, Theme};
use serde::Deserialize;
use serde_json::json;

use super::Now;
use super::keywords::{check_keyword, check_theme_name};
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
    /// The themes in use, with how many visible keywords each holds.
    pub themes: Vec<(Theme, usize)>,
    /// Themes suggested by clustering the visible keywords not in a theme yet (`crates/agenda`).
    pub suggestions: Vec<Suggestion>,
    /// The theme vote's count: (theme name, dots, voters), most dots first; and how many voted.
    pub results: Vec<(String, i64, i64)>,
    pub voters: i64,
    pub errors: FieldErrors,
    /// The programme had moved on before this click (another facilitator was quicker).
    pub stale: bool,
    /// The last theme-table run, and the form to start one.
    pub theme_tables: Option<super::theme_tables::ThemeTablesView>,
    pub tt_form: super::theme_tables::ThemeTablesForm,
}

impl ConsolePage {
    pub fn vote_status_text(&self) -> String {
        self.ctx
            .t(&format!("day-vote-status-{}", self.now.state.vote_status))
    }
    pub fn dots_value(&self) -> String {
        self.now.state.dots.to_string()
    }
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

/// A theme suggested by `g1000_agenda::suggest_themes`.
pub struct Suggestion {
    pub label: String,
    /// The rest, not a theme of its own.
    pub other: bool,
    /// Its keywords' ids, comma-separated (the adopt form's hidden field).
    pub ids: String,
    pub count: usize,
    pub terms: String,
}

/// Suggested themes for the visible keywords that are in no theme yet, with the facilitators' synonyms.
pub fn suggest(keywords: &[Keyword], synonyms: &[(String, String)]) -> Vec<Suggestion> {
    let entries: Vec<(i64, &str)> = keywords
        .iter()
        .filter(|k| !k.hidden && k.theme_id.is_none())
        .map(|k| (k.id, k.shown.as_str()))
        .collect();
    let settings = g1000_agenda::Settings {
        synonyms: synonyms
            .iter()
            .map(|(w, c)| g1000_agenda::Synonym::new(w, c))
            .collect(),
        ..Default::default()
    };
    // A synonym the engine refuses (e.g. only stop words) is left out rather than failing the console.
    let themes = g1000_agenda::suggest_themes(&entries, &settings)
        .or_else(|_| g1000_agenda::suggest_themes(&entries, &g1000_agenda::Settings::default()));
    themes
        .unwrap_or_default()
        .into_iter()
        .map(|t| Suggestion {
            ids: t
                .entry_ids
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(","),
            count: t.entry_ids.len(),
            terms: t.terms.join(", "),
            other: t.other,
            label: t.label,
        })
        .collect()
}

#[derive(Deserialize, Default)]
pub struct ConsoleQuery {
    stale: Option<String>,
}

/// The theme vote's count with the themes' names: (name, dots, voters) and how many voted.
pub async fn results(
    state: &AppState,
    summit_id: i64,
) -> AppResult<(Vec<(String, i64, i64)>, i64)> {
    let themes = state.store.themes(summit_id).await?;
    let (rows, voters) = state.store.theme_results(summit_id).await?;
    let named = rows
        .into_iter()
        .filter_map(|(id, dots, n)| {
            themes
                .iter()
                .find(|t| t.id == id)
                .map(|t| (t.name.clone(), dots, n))
        })
        .collect();
    Ok((named, voters))
}

pub(super) async fn console_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
) -> AppResult<ConsolePage> {
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
    let synonyms = state.store.synonyms(summit.id).await?;
    let themes = super::with_counts(state.store.themes(summit.id).await?, &keywords);
    let (results, voters) = results(state, summit.id).await?;
    let tables = state.store.seating_tables(summit.id).await?.len() as i64;
    let tt_form = super::theme_tables::form(&now, counters.expected, tables, results.len() as i64);
    Ok(ConsolePage {
        theme_tables: super::theme_tables::view(&state.store, summit.id).await?,
        tt_form,
        results,
        voters,
        suggestions: suggest(&keywords, &synonyms),
        themes,
        synonyms,
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

/// A moderator's reason: required (`needed`) unless the change only shows something again, and not too long.
/// A problem is added to `errors` under `field`.
pub fn check_reason(ctx: &Ctx, reason: &str, needed: bool, field: &str, errors: &mut FieldErrors) {
    if needed && reason.is_empty() {
        errors.add(field, ctx.t("day-reason-empty"));
    } else if reason.chars().count() > REASON_MAX_CHARS {
        errors.add(
            field,
            ctx.tn("day-reason-long", "max", REASON_MAX_CHARS as i64),
        );
    }
}

/// A form's 0-or-1 field as a flag.
pub fn zero_or_one(form: &FormData, field: &str) -> AppResult<bool> {
    match form.get(field).as_str() {
        "1" => Ok(true),
        "0" => Ok(false),
        other => Err(AppError::BadRequest(format!(
            "field '{field}': expected 0 or 1, got {other:?}"
        ))),
    }
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
    let running = zero_or_one(&form, "running")?;
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
    check_reason(
        &ctx,
        &reason,
        !matches!(action, Some(Moderation::Show)),
        &format!("reason-{id}"),
        &mut errors,
    );
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

/// A new theme: by hand (a name), or a suggestion adopted (its name and keywords, `keywords` = "1,2,3").
pub async fn add_theme(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let ids: Vec<i64> = form
        .get("keywords")
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim().parse().map_err(|_| {
                AppError::BadRequest(format!("field 'keywords': not a keyword id: {s:?}"))
            })
        })
        .collect::<AppResult<_>>()?;
    // An adopted suggestion sends `name`; the form for a new theme `theme-name`.
    let mut typed = form.get("name");
    if typed.is_empty() {
        typed = form.get("theme-name");
    }
    let name = match check_theme_name(&ctx, &typed) {
        Ok(n) => n,
        Err(m) => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.errors.add("theme-name", m);
            return render_invalid(&p);
        }
    };
    let theme = state.store.create_theme(summit.id, &name, &ids).await?;
    audit(
        &state,
        &ctx,
        summit.id,
        "day.theme.create",
        json!({ "theme": theme.id, "name": name, "keywords": ids }),
    )
    .await?;
    Ok(see_other(&format!("/s/{}/console#themes", summit.slug)))
}

/// Rename a theme (`action` = rename, `name`) or merge it into another (`action` = merge, `into`).
pub async fn change_theme(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    match form.get("action").as_str() {
        "rename" => {
            let name = match check_theme_name(&ctx, &form.get("name")) {
                Ok(n) => n,
                Err(m) => {
                    let mut p = console_page(ctx, &state, summit).await?;
                    p.errors.add(&format!("theme-{id}"), m);
                    return render_invalid(&p);
                }
            };
            state.store.rename_theme(summit.id, id, &name).await?;
            audit(
                &state,
                &ctx,
                summit.id,
                "day.theme.rename",
                json!({ "theme": id, "name": name }),
            )
            .await?;
        }
        "merge" => {
            let into: i64 = form.get("into").parse().map_err(|_| {
                AppError::BadRequest("field 'into': choose the theme to merge into".into())
            })?;
            state.store.merge_theme(summit.id, id, into).await?;
            audit(
                &state,
                &ctx,
                summit.id,
                "day.theme.merge",
                json!({ "theme": id, "into": into }),
            )
            .await?;
        }
        other => {
            return Err(AppError::BadRequest(format!(
                "field 'action': expected rename or merge, got {other:?}"
            )));
        }
    }
    Ok(see_other(&format!("/s/{}/console#themes", summit.slug)))
}

/// Put a keyword in a theme (`theme` = its id) or take it out (`theme` = none); splitting a theme is making a
/// new one and moving keywords to it.
pub async fn keyword_theme(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let theme = match form.get("theme").as_str() {
        "none" => None,
        t => Some(
            t.parse::<i64>()
                .map_err(|_| AppError::BadRequest("field 'theme': a theme id or none".into()))?,
        ),
    };
    state.store.set_keyword_theme(summit.id, id, theme).await?;
    audit(
        &state,
        &ctx,
        summit.id,
        "day.keyword.theme",
        json!({ "keyword": id, "theme": theme }),
    )
    .await?;
    Ok(see_other(&format!("/s/{}/console#kw-{id}", summit.slug)))
}

/// Open, close or reset the theme vote (`status`), with `dots` per participant.
pub async fn set_vote(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let status = form.get("status");
    if !matches!(status.as_str(), "none" | "open" | "closed") {
        return Err(AppError::BadRequest(format!(
            "field 'status': expected none, open or closed, got {status:?}"
        )));
    }
    let dots = match form.get("dots").parse::<i64>() {
        Ok(d) if (1..=20).contains(&d) => d,
        _ => {
            let mut p = console_page(ctx, &state, summit).await?;
            p.errors.add("dots", p.ctx.t("day-dots-range"));
            return render_invalid(&p);
        }
    };
    if state.store.set_theme_vote(summit.id, &status, dots).await? {
        audit(
            &state,
            &ctx,
            summit.id,
            "day.vote",
            json!({ "status": status, "dots": dots }),
        )
        .await?;
    }
    Ok(see_other(&format!("/s/{}/console#vote", summit.slug)))
}
