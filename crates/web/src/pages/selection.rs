//! Stage 2 selection (loting, tweede fase), the organisers' side: quotas per band (suggested from the community's
//! shares and the seat target), a background run of the engine with visible progress, the fairness report, the
//! commitment before the public draw, the ticket drawn in public, and the public proof files.
//!
//! Handlers are thin: the engine and the files are in [`crate::selection`], the state machine in the store.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use g1000_store::{
    Attribute, Eligible, JoinMethod, Outcome, Quota, Role, Selection, SelectionError,
    SelectionState, StakeholderGroup, Store, Summit,
};

use super::{render, render_invalid};
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::{FieldErrors, FormData};
use crate::selection::{self as engine, Commitment, Report, ShareSource, Suggestion, TICKETS};
use crate::selection_steps as steps;

/// A run whose progress has not moved for this long is taken as interrupted (e.g. the server restarted).
pub const STALE_MS: i64 = 60_000;
/// How often a running engine's progress is written (and the page told).
const PROGRESS_EVERY: Duration = Duration::from_secs(1);

/// One band's row of the quota form.
pub struct QuotaRow {
    pub attribute: String,
    pub suggestion: Suggestion,
    /// Form field names (`q-ATTR-INDEX-min` / `-max`).
    pub min_field: String,
    pub max_field: String,
    pub min: String,
    pub max: String,
}

#[derive(Template)]
#[template(path = "selection.html")]
pub struct SelectionPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub group: Option<StakeholderGroup>,
    pub attributes: Vec<Attribute>,
    pub eligible: Vec<Eligible>,
    pub selection: Option<Selection>,
    pub rows: Vec<QuotaRow>,
    pub errors: FieldErrors,
    pub report: Option<Report>,
    pub commitment: Option<Commitment>,
    pub commitment_sha256: String,
    /// The panel and the ordered reserves (pseudonyms), once drawn.
    pub panel: Vec<String>,
    pub reserves: Vec<String>,
    /// A message about the last action (e.g. why a run could not start).
    pub notice: String,
    pub now_ms: i64,
    /// After the draw: the deadline and the answers of the panel.
    pub confirmation: Option<super::confirmation::Confirmations>,
}

impl SelectionPage {
    pub fn state(&self) -> Option<SelectionState> {
        self.selection.as_ref().map(|s| s.state())
    }
    pub fn state_is(&self, s: &str) -> bool {
        self.state().is_some_and(|st| st.as_str() == s)
    }
    pub fn state_text(&self) -> String {
        let key = match self.state() {
            None => "draft",
            Some(SelectionState::Running) if self.stale() => "stale",
            Some(s) => s.as_str(),
        };
        self.ctx.t(&format!("selection-state-{key}"))
    }
    pub fn seats(&self) -> i64 {
        self.group
            .as_ref()
            .map(|g| g.fields.seat_target)
            .unwrap_or(0)
    }
    /// Fewer (or as many) eligible people than seats: no lottery. After a run, as the run found it.
    pub fn everyone(&self) -> bool {
        match self.state() {
            Some(SelectionState::Everyone) => true,
            Some(SelectionState::Drawn) => self.ticket().is_empty(),
            Some(SelectionState::Ready | SelectionState::Committed) => false,
            _ => (self.eligible.len() as i64) <= self.seats(),
        }
    }
    pub fn locked(&self) -> bool {
        self.selection.as_ref().is_some_and(|s| s.locked())
    }
    pub fn running(&self) -> bool {
        self.state() == Some(SelectionState::Running) && !self.stale()
    }
    pub fn stale(&self) -> bool {
        self.selection.as_ref().is_some_and(|s| {
            s.state() == SelectionState::Running
                && s.progress_at.unwrap_or(0) < self.now_ms - STALE_MS
        })
    }
    pub fn has_quotas(&self) -> bool {
        self.selection.is_some()
    }
    pub fn can_run(&self) -> bool {
        (self.has_quotas() || self.everyone())
            && !self.locked()
            && !self.running()
            && !self.eligible.is_empty()
    }
    pub fn progress_done(&self) -> i64 {
        self.selection
            .as_ref()
            .map(|s| s.progress_done)
            .unwrap_or(0)
    }
    pub fn progress_total(&self) -> i64 {
        self.selection
            .as_ref()
            .map(|s| s.progress_total.max(1))
            .unwrap_or(1)
    }
    pub fn error(&self) -> String {
        self.selection
            .as_ref()
            .and_then(|s| s.error.clone())
            .unwrap_or_default()
    }
    pub fn band_of(&self, e: &Eligible, a: &Attribute) -> String {
        e.bands
            .iter()
            .find(|(id, _)| *id == a.id)
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| "–".into())
    }
    pub fn source_text(&self, s: &ShareSource) -> String {
        self.ctx.t(match s {
            ShareSource::Community => "selection-share-community",
            ShareSource::Registrants => "selection-share-registrants",
        })
    }
    pub fn ticket(&self) -> String {
        self.selection
            .as_ref()
            .and_then(|s| s.ticket)
            .map(|t| t.to_string())
            .unwrap_or_default()
    }
    pub fn tickets(&self) -> i64 {
        TICKETS as i64
    }
    pub fn eligible_count(&self) -> i64 {
        self.eligible.len() as i64
    }
    pub fn report_people(&self) -> i64 {
        self.report
            .as_ref()
            .map(|r| r.people.len() as i64)
            .unwrap_or(0)
    }
    pub fn panel_count(&self) -> i64 {
        self.panel.len() as i64
    }
    pub fn reserve_count(&self) -> i64 {
        self.reserves.len() as i64
    }
    pub fn pct(&self, p: &f64) -> String {
        percent(p)
    }
    pub fn dec1(&self, x: &f64) -> String {
        format!("{x:.1}")
    }
    pub fn chart(&self) -> Chart {
        Chart::new(&self.ctx, self.report.as_ref())
    }
}

/// Percent with one decimal: "12.3 %".
pub fn percent(p: &f64) -> String {
    format!("{:.1} %", p * 100.0)
}

/// The probability chart: one bar per person, lowest first. Drawn by the server as SVG; the template adds the
/// title, description and a table alternative.
pub struct Chart {
    pub width: i64,
    pub height: i64,
    pub bars: Vec<(String, String, String, String)>,
    /// Gridlines: (y, label).
    pub grid: Vec<(String, String)>,
    pub title: String,
    pub desc: String,
}

impl Chart {
    const W: f64 = 600.0;
    const H: f64 = 200.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 8.0;

    fn new(ctx: &Ctx, report: Option<&Report>) -> Chart {
        let people = report.map(|r| r.people.as_slice()).unwrap_or_default();
        let top = report.map(|r| r.max_probability).unwrap_or(1.0).max(0.0001);
        // Round the axis up to the next 10 %.
        let axis = ((top * 10.0).ceil() / 10.0).clamp(0.1, 1.0);
        let plot_w = Self::W - Self::LEFT - 4.0;
        let plot_h = Self::H - Self::TOP - 16.0;
        let n = people.len().max(1) as f64;
        let bw = plot_w / n;
        let bars = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let h = (p.probability / axis).min(1.0) * plot_h;
                (
                    format!("{:.2}", Self::LEFT + i as f64 * bw),
                    format!("{:.2}", Self::TOP + plot_h - h),
                    format!("{:.3}", (bw * 0.9).max(0.2)),
                    format!("{h:.2}"),
                )
            })
            .collect();
        let grid = (0..=4)
            .map(|i| {
                let v = axis * i as f64 / 4.0;
                (
                    format!("{:.2}", Self::TOP + plot_h - plot_h * i as f64 / 4.0),
                    format!("{:.0} %", v * 100.0),
                )
            })
            .collect();
        let (lo, hi) = report
            .map(|r| (r.min_probability, r.max_probability))
            .unwrap_or((0.0, 0.0));
        Chart {
            width: Self::W as i64,
            height: Self::H as i64,
            bars,
            grid,
            title: ctx.t("selection-chart-title"),
            desc: format!(
                "{} {} {}, {} {}.",
                ctx.tn("selection-chart-desc", "count", people.len() as i64),
                ctx.t("selection-min-probability"),
                percent(&lo),
                ctx.t("selection-max-probability"),
                percent(&hi)
            ),
        }
    }
    pub fn left(&self) -> i64 {
        Self::LEFT as i64
    }
    pub fn right(&self) -> i64 {
        (Self::W - 4.0) as i64
    }
}

/// The lottery group the selection is for: the first group that joins by lottery.
pub(super) async fn lottery_group(
    state: &AppState,
    summit_id: i64,
) -> AppResult<Option<StakeholderGroup>> {
    Ok(state
        .store
        .groups(summit_id)
        .await?
        .into_iter()
        .find(|g| g.fields.join_method == JoinMethod::Lottery))
}

/// Gather what the page shows. `input` holds the posted quota form (kept after an error); otherwise the saved
/// quotas, else the suggestions, fill the fields.
pub(super) async fn page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    input: Option<&FormData>,
    errors: FieldErrors,
    notice: String,
) -> AppResult<SelectionPage> {
    let store = &state.store;
    let group = lottery_group(state, summit.id).await?;
    let attributes = store.attributes(summit.id).await?;
    let eligible = match &group {
        Some(g) => store.eligible_registrations(summit.id, g.id).await?,
        None => vec![],
    };
    let selection = store.selection(summit.id).await?;
    let saved = match &selection {
        Some(s) => store.selection_quotas(s.id).await?,
        None => vec![],
    };
    let seats = group.as_ref().map(|g| g.fields.seat_target).unwrap_or(0);
    let rows = quota_rows(&attributes, &eligible, seats, &saved, input);
    let (report, commitment, panel, reserves) = match &selection {
        Some(s) => results(store, s).await?,
        None => (None, None, vec![], vec![]),
    };
    let commitment_sha256 = selection
        .as_ref()
        .and_then(|s| s.commitment_json.as_deref())
        .map(crate::security::sha256_hex)
        .unwrap_or_default();
    let now_ms = g1000_store::now_ms();
    let confirmation = match (&group, &selection) {
        (Some(g), Some(s)) if s.state() == SelectionState::Drawn => {
            Some(super::confirmation::confirmations(store, summit.id, g.id, now_ms).await?)
        }
        _ => None,
    };
    Ok(SelectionPage {
        confirmation,
        ctx,
        summit,
        group,
        attributes,
        eligible,
        selection,
        rows,
        errors,
        report,
        commitment,
        commitment_sha256,
        panel,
        reserves,
        notice,
        now_ms,
    })
}

type Results = (Option<Report>, Option<Commitment>, Vec<String>, Vec<String>);

/// The report, commitment, panel and reserves of a selection, from its stored files.
async fn results(store: &Store, s: &Selection) -> AppResult<Results> {
    let mut panel = vec![];
    let mut reserves = vec![];
    if s.state() == SelectionState::Drawn {
        let mut pool = store.selection_pool(s.id).await?;
        pool.sort_by_key(|m| m.reserve_rank);
        for m in pool {
            match m.outcome() {
                Some(Outcome::Selected) => panel.push(m.pseudonym),
                Some(Outcome::Reserve) => reserves.push(m.pseudonym),
                _ => {}
            }
        }
        panel.sort();
    }
    let report = match (&s.features_csv, &s.people_csv) {
        (Some(f), Some(p))
            if s.distribution_json.is_some() || s.state() != SelectionState::Running =>
        {
            let drawn = (s.state() == SelectionState::Drawn).then_some(panel.as_slice());
            engine::report(f, p, s.distribution_json.as_deref(), drawn).ok()
        }
        _ => None,
    };
    let commitment = s
        .commitment_json
        .as_deref()
        .and_then(|c| serde_json::from_str(c).ok());
    Ok((report, commitment, panel, reserves))
}

fn quota_rows(
    attributes: &[Attribute],
    eligible: &[Eligible],
    seats: i64,
    saved: &[Quota],
    input: Option<&FormData>,
) -> Vec<QuotaRow> {
    let suggestions = engine::suggest(attributes, eligible, seats);
    let mut index = 0;
    let mut last = None;
    suggestions
        .into_iter()
        .map(|s| {
            if last != Some(s.attribute_id) {
                index = 0;
                last = Some(s.attribute_id);
            }
            index += 1;
            let min_field = format!("q-{}-{index}-min", s.attribute_id);
            let max_field = format!("q-{}-{index}-max", s.attribute_id);
            let kept = saved
                .iter()
                .find(|q| q.attribute_id == s.attribute_id && q.band == s.band);
            let (min, max) = match (input, kept) {
                (Some(f), _) => (f.get(&min_field), f.get(&max_field)),
                (None, Some(q)) => (q.min_seats.to_string(), q.max_seats.to_string()),
                (None, None) => (s.min_seats.to_string(), s.max_seats.to_string()),
            };
            QuotaRow {
                attribute: attributes
                    .iter()
                    .find(|a| a.id == s.attribute_id)
                    .map(|a| a.fields.name.clone())
                    .unwrap_or_default(),
                suggestion: s,
                min_field,
                max_field,
                min,
                max,
            }
        })
        .collect()
}

/// Read and check the quota form: whole numbers from 0 to the seats, min ≤ max, and per attribute minimums
/// that fit the seats and maximums that fill them. Messages name the attribute and band.
fn validate_quotas(ctx: &Ctx, rows: &[QuotaRow], seats: i64) -> Result<Vec<Quota>, FieldErrors> {
    let mut errors = FieldErrors::default();
    let mut quotas = vec![];
    let name = |r: &QuotaRow| format!("{} – {}", r.attribute, r.suggestion.band);
    for r in rows {
        let parse = |v: &str| v.parse::<i64>().ok().filter(|n| (0..=seats).contains(n));
        let (min, max) = (parse(&r.min), parse(&r.max));
        if min.is_none() {
            errors.add(
                &r.min_field,
                format!(
                    "{}: {}",
                    name(r),
                    ctx.tn("selection-error-min", "seats", seats)
                ),
            );
        }
        if max.is_none() {
            errors.add(
                &r.max_field,
                format!(
                    "{}: {}",
                    name(r),
                    ctx.tn("selection-error-max", "seats", seats)
                ),
            );
        }
        if let (Some(min), Some(max)) = (min, max) {
            if min > max {
                errors.add(
                    &r.min_field,
                    format!("{}: {}", name(r), ctx.t("selection-error-min-above-max")),
                );
            }
            quotas.push(Quota {
                attribute_id: r.suggestion.attribute_id,
                band: r.suggestion.band.clone(),
                min_seats: min,
                max_seats: max,
            });
        }
    }
    if errors.is_empty() {
        let mut ids: Vec<i64> = rows.iter().map(|r| r.suggestion.attribute_id).collect();
        ids.dedup();
        for id in ids {
            let of: Vec<&Quota> = quotas.iter().filter(|q| q.attribute_id == id).collect();
            let first = rows
                .iter()
                .find(|r| r.suggestion.attribute_id == id)
                .expect("a row per attribute");
            let (mins, maxs): (i64, i64) = (
                of.iter().map(|q| q.min_seats).sum(),
                of.iter().map(|q| q.max_seats).sum(),
            );
            if mins > seats {
                errors.add(
                    &first.min_field,
                    format!(
                        "{}: {}",
                        first.attribute,
                        ctx.tns("selection-error-mins", &[("sum", mins), ("seats", seats)])
                    ),
                );
            } else if maxs < seats {
                errors.add(
                    &first.max_field,
                    format!(
                        "{}: {}",
                        first.attribute,
                        ctx.tns("selection-error-maxs", &[("sum", maxs), ("seats", seats)])
                    ),
                );
            }
        }
    }
    if errors.is_empty() {
        Ok(quotas)
    } else {
        Err(errors)
    }
}

/// `GET /manage/{slug}/selection`.
pub async fn show(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let p = page(
        ctx,
        &state,
        access.summit,
        None,
        FieldErrors::default(),
        String::new(),
    );
    render(&p.await?)
}

fn back(summit: &Summit, anchor: &str) -> Response {
    see_other(&format!("/manage/{}/selection#{anchor}", summit.slug))
}

/// A refused step, shown on the page as a notice (409).
async fn refused(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    e: SelectionError,
) -> AppResult<Response> {
    let key = match &e {
        SelectionError::Locked => "selection-error-locked",
        SelectionError::Missing => "selection-error-no-quotas",
        SelectionError::WrongState(SelectionState::Running) => "selection-error-running",
        SelectionError::WrongState(_) => "selection-error-state",
        SelectionError::Store(_) => return Err(AppError::Internal(e.to_string())),
    };
    let notice = ctx.t(key);
    let p = page(ctx, state, summit, None, FieldErrors::default(), notice).await?;
    Ok((
        axum::http::StatusCode::CONFLICT,
        axum::response::Html(p.render()?),
    )
        .into_response())
}

/// `POST /manage/{slug}/selection`: save the quotas.
pub async fn save_quotas(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let p = page(
        ctx.clone(),
        &state,
        summit.clone(),
        Some(&form),
        FieldErrors::default(),
        String::new(),
    )
    .await?;
    let Some(group) = p.group.clone() else {
        return Err(AppError::NotFound);
    };
    if p.locked() {
        return refused(ctx, &state, summit, SelectionError::Locked).await;
    }
    let seats = group.fields.seat_target;
    let quotas = match validate_quotas(&ctx, &p.rows, seats) {
        Ok(q) => q,
        Err(errors) => return render_invalid(&SelectionPage { errors, ..p }),
    };
    match state
        .store
        .save_selection_quotas(summit.id, group.id, seats, &quotas)
        .await
    {
        Ok(_) => {}
        Err(e) => return refused(ctx, &state, summit, e).await,
    }
    super::audit(
        &state,
        &ctx,
        summit.id,
        "selection.quotas_saved",
        serde_json::json!({"group_id": group.id, "seats": seats, "quotas": quotas}),
    )
    .await?;
    Ok(back(&summit, "quotas"))
}

/// `POST /manage/{slug}/selection/run`: freeze the pool and quota files and start the engine in the background
/// (or, with no more eligible people than seats, record that everyone is admitted).
pub async fn run(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    let p = page(
        ctx.clone(),
        &state,
        summit.clone(),
        None,
        FieldErrors::default(),
        String::new(),
    )
    .await?;
    let Some(group) = p.group.clone() else {
        return Err(AppError::NotFound);
    };
    if p.eligible.is_empty() {
        let notice = ctx.t("selection-error-nobody");
        return render_invalid(&SelectionPage { notice, ..p });
    }
    let everyone = p.everyone();
    let selection = match p.selection.clone() {
        Some(s) => s,
        // No lottery: quotas do not matter, so none need to be saved first.
        None if everyone => {
            let seats = group.fields.seat_target;
            match state
                .store
                .save_selection_quotas(summit.id, group.id, seats, &[])
                .await
            {
                Ok(s) => s,
                Err(e) => return refused(ctx, &state, summit, e).await,
            }
        }
        None => return refused(ctx, &state, summit, SelectionError::Missing).await,
    };
    let saved = state.store.selection_quotas(selection.id).await?;
    // The saved quotas must still name every band in the pool (a new band may have appeared since).
    let rows_missing = p.rows.iter().any(|r| {
        !saved
            .iter()
            .any(|q| q.attribute_id == r.suggestion.attribute_id && q.band == r.suggestion.band)
    });
    if rows_missing && !everyone {
        let notice = ctx.t("selection-error-quotas-outdated");
        return render_invalid(&SelectionPage { notice, ..p });
    }
    let features = engine::features_csv(&p.attributes, &saved);
    let (people, pool) = engine::people_csv(&p.attributes, &p.eligible);
    let started = match steps::start_run(
        &state.store,
        summit.id,
        group.id,
        group.fields.seat_target,
        &features,
        &people,
        &pool,
        everyone,
        g1000_store::now_ms() - STALE_MS,
        &super::actor(&ctx),
    )
    .await
    {
        Ok(s) => s,
        Err(e) => return refused(ctx, &state, summit, e).await,
    };
    if !everyone {
        let run_id = started.run_started_at.unwrap_or_default();
        let seats = group.fields.seat_target as u32;
        tokio::spawn(run_in_background(
            state.store.clone(),
            summit.id,
            run_id,
            features,
            people,
            seats,
        ));
    }
    Ok(back(&summit, "status"))
}

/// Run the engine on a blocking thread; write its progress every second and its result when done. A run that
/// was superseded meanwhile (quotas changed, a new run) stores nothing.
pub async fn run_in_background(
    store: Store,
    summit_id: i64,
    run_id: i64,
    features: String,
    people: String,
    seats: u32,
) {
    let progress = Arc::new((AtomicUsize::new(0), AtomicUsize::new(0)));
    let seen = progress.clone();
    let seed: u64 = rand::random();
    let mut job = tokio::task::spawn_blocking(move || {
        engine::run(&features, &people, seats, seed, &mut |done, total| {
            seen.0.store(done, Ordering::Relaxed);
            seen.1.store(total, Ordering::Relaxed);
        })
    });
    let mut last = (usize::MAX, usize::MAX);
    let mut beats = 0;
    let result = loop {
        tokio::select! {
            r = &mut job => break r,
            _ = tokio::time::sleep(PROGRESS_EVERY) => {
                let now = (progress.0.load(Ordering::Relaxed), progress.1.load(Ordering::Relaxed));
                beats += 1;
                // Write when it moved, and every 10 s as a sign of life.
                if now != last || beats % 10 == 0 {
                    last = now;
                    match store.selection_progress(summit_id, run_id, now.0 as i64, now.1 as i64).await {
                        Ok(false) => return, // superseded: let the engine finish unheard
                        Ok(true) => {}
                        Err(e) => tracing::warn!("selection progress: {e}"),
                    }
                }
            }
        }
    };
    let outcome = match result {
        Ok(Ok(files)) => Ok(files),
        Ok(Err(e)) => Err(e.to_string()),
        Err(e) => Err(format!("the engine stopped unexpectedly: {e}")),
    };
    if let Err(e) = steps::finish_run(
        &store,
        summit_id,
        run_id,
        outcome.as_ref().map_err(String::as_str),
    )
    .await
    {
        tracing::error!("storing a selection run: {e}");
    }
}

/// `POST /manage/{slug}/selection/commit`: publish the commitment; pool and quotas are frozen from now on.
pub async fn commit(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    if let Err(e) = steps::commit(&state.store, summit.id, &super::actor(&ctx)).await {
        return refused(ctx, &state, summit, e).await;
    }
    Ok(back(&summit, "commitment"))
}

/// `POST /manage/{slug}/selection/draw`: the ticket drawn in public gives the panel and the ordered reserves;
/// when everyone is admitted, no ticket is needed.
pub async fn draw(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let base = crate::outbox::base_url(&state, &headers);
    let summit = access.summit;
    let Some(s) = state.store.selection(summit.id).await? else {
        return refused(ctx, &state, summit, SelectionError::Missing).await;
    };
    if s.state() == SelectionState::Everyone {
        let pool = state.store.selection_pool(s.id).await?;
        let outcomes: Vec<_> = pool
            .iter()
            .map(|m| (m.pseudonym.clone(), Outcome::Selected, None))
            .collect();
        if let Err(e) = state
            .store
            .record_selection_draw(summit.id, None, &outcomes)
            .await
        {
            return refused(ctx, &state, summit, e).await;
        }
        super::audit(
            &state,
            &ctx,
            summit.id,
            "selection.everyone_admitted",
            serde_json::json!({"selected": pool.len(), "seats": s.seats,
                "people_sha256": s.people_csv.as_deref().map(crate::security::sha256_hex)}),
        )
        .await?;
        steps::notify_outcomes(&state.store, &summit, s.id, &base).await?;
        return Ok(back(&summit, "draw"));
    }
    if s.state() != SelectionState::Committed {
        return refused(ctx, &state, summit, SelectionError::WrongState(s.state())).await;
    }
    let tickets = s.tickets.unwrap_or(TICKETS as i64);
    let ticket = form.get("ticket").parse::<i64>().unwrap_or(0);
    match steps::draw_ticket(&state.store, &summit, ticket, &super::actor(&ctx), &base).await {
        Ok(_) => Ok(back(&summit, "draw")),
        Err(steps::DrawError::NoSuchTicket { .. }) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "ticket",
                ctx.tn("selection-error-ticket", "tickets", tickets),
            );
            let p = page(ctx, &state, summit, None, errors, String::new()).await?;
            render_invalid(&p)
        }
        Err(steps::DrawError::Refused(e)) => refused(ctx, &state, summit, e).await,
        Err(e @ steps::DrawError::Engine { .. }) => Err(AppError::Internal(e.to_string())),
    }
}

/// `GET /s/{slug}/selection/{file}`: the published files, from the commitment on (the draw file once drawn).
///
/// The pool file (`people.csv`) is public only when every combination of bands holds at least five people
/// ([`engine::pool_is_public`]); otherwise only the summit's organisers can download it, to hand it to the
/// auditors, and the public page says why.
pub async fn public_file(
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, file)): Path<(String, String)>,
) -> AppResult<Response> {
    let s = state
        .store
        .selection(access.summit.id)
        .await?
        .filter(|s| s.locked())
        .ok_or(AppError::NotFound)?;
    if file == engine::PEOPLE_FILE
        && !s.people_csv.as_deref().is_some_and(engine::pool_is_public)
        && !access.roles.contains(&Role::Organiser)
    {
        return Err(AppError::Forbidden);
    }
    let (body, kind) = match file.as_str() {
        engine::FEATURES_FILE => (s.features_csv, "text/csv; charset=utf-8"),
        engine::PEOPLE_FILE => (s.people_csv, "text/csv; charset=utf-8"),
        engine::DISTRIBUTION_FILE => (s.distribution_json, "application/json"),
        engine::LOTTERY_FILE => (s.lottery_json, "application/json"),
        engine::COMMITMENT_FILE => (s.commitment_json, "application/json"),
        engine::DRAW_FILE => (s.draw_json, "application/json"),
        _ => (None, ""),
    };
    let body = body.ok_or(AppError::NotFound)?;
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}-{file}\"", access.summit.slug),
            ),
        ],
        body,
    )
        .into_response())
}

/// What the public summit page shows about the selection.
pub struct PublicSelection {
    pub state: SelectionState,
    pub commitment: Option<Commitment>,
    pub commitment_sha256: String,
    pub committed_at: String,
    pub ticket: Option<i64>,
    pub pool: i64,
    pub seats: i64,
    pub selected: i64,
    pub reserves: i64,
    /// Whether the pool file is public (every combination of bands holds at least five people).
    pub pool_public: bool,
}

impl PublicSelection {
    pub fn files(&self) -> Vec<&'static str> {
        let mut f = vec![engine::COMMITMENT_FILE];
        if self.pool_public {
            f.push(engine::PEOPLE_FILE);
        }
        f.extend([
            engine::FEATURES_FILE,
            engine::DISTRIBUTION_FILE,
            engine::LOTTERY_FILE,
        ]);
        if self.ticket.is_some() {
            f.push(engine::DRAW_FILE);
        }
        f
    }
    /// The fewest people per combination of bands for a public pool file.
    pub fn pool_min(&self) -> i64 {
        engine::PUBLIC_POOL_MIN_PER_COMBINATION as i64
    }
    pub fn everyone(&self) -> bool {
        self.state == SelectionState::Drawn && self.ticket.is_none()
    }
}

/// The selection as the public page shows it: nothing before the commitment (or before everyone is admitted).
pub async fn public_view(store: &Store, summit_id: i64) -> AppResult<Option<PublicSelection>> {
    let Some(s) = store.selection(summit_id).await?.filter(|s| s.locked()) else {
        return Ok(None);
    };
    let pool = store.selection_pool(s.id).await?;
    let count = |o: Outcome| pool.iter().filter(|m| m.outcome() == Some(o)).count() as i64;
    Ok(Some(PublicSelection {
        state: s.state(),
        commitment: s
            .commitment_json
            .as_deref()
            .and_then(|c| serde_json::from_str(c).ok()),
        commitment_sha256: s
            .commitment_json
            .as_deref()
            .map(crate::security::sha256_hex)
            .unwrap_or_default(),
        committed_at: s.committed_at.map(super::door::when).unwrap_or_default(),
        ticket: s.ticket,
        pool: pool.len() as i64,
        seats: s.seats,
        selected: count(Outcome::Selected),
        reserves: count(Outcome::Reserve),
        pool_public: s.people_csv.as_deref().is_some_and(engine::pool_is_public),
    }))
}
