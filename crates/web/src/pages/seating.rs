//! Seating (issue 5): organisers configure the hall's tables, run the seating engine for the
//! programme's table rounds (in the background), see the metrics and each table's composition, move a
//! person by hand (with the metrics before and after), and print table lists and table cards. Table
//! hosts see who sits at their tables.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use g1000_store::{
    GroupKind, Role, SeatingRun, SeatingTable, StakeholderGroup, Store, Summit, TableFields,
};
use serde::Deserialize;

use super::door::when;
use super::render;
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::FormData;
use crate::seating::{Hall, Metrics};

/// A run that has not finished after this long is taken as interrupted (e.g. a restart).
const STALE_MS: i64 = 10 * 60 * 1000;
/// Bar chart geometry (SVG user units).
const BAR_W: f64 = 400.0;
const BAR_H: i64 = 22;
const LABEL_W: i64 = 90;

/// One person at a table.
pub struct PersonView {
    pub registration_id: i64,
    pub public_id: String,
    pub name: String,
    pub group: String,
}

/// One coloured part of a table's bar.
pub struct Segment {
    pub x: f64,
    pub width: f64,
    pub colour: &'static str,
}

/// A table in one round.
pub struct TableView {
    pub table: SeatingTable,
    pub host: String,
    pub people: Vec<PersonView>,
    /// People per stakeholder group (in the order of the page's groups).
    pub counts: Vec<usize>,
    pub segments: Vec<Segment>,
    /// The bar's top in the chart.
    pub y: i64,
}

/// A group with its chart colour.
pub struct GroupView {
    pub name: String,
    pub colour: &'static str,
}

pub fn colour(kind: GroupKind) -> &'static str {
    // The badges' colours (`door::group_rgb`), as CSS.
    match kind {
        GroupKind::Citizens => "#0b5cad",
        GroupKind::Employers => "#7a3e9d",
        GroupKind::Government => "#16652d",
        GroupKind::FreeThinkers => "#b34700",
        GroupKind::Other => "#4a4a55",
    }
}

/// One round's tables as the pages show them.
pub fn round_tables(
    hall: &Hall,
    plan: &g1000_seating::Plan,
    round: usize,
    groups: &[StakeholderGroup],
    hosts: &BTreeMap<i64, String>,
) -> Vec<TableView> {
    let mut views: Vec<TableView> = hall
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| TableView {
            y: i as i64 * (BAR_H + 6),
            table: t.clone(),
            host: t
                .host_user_id
                .and_then(|u| hosts.get(&u).cloned())
                .unwrap_or_default(),
            people: Vec::new(),
            counts: vec![0; groups.len()],
            segments: Vec::new(),
        })
        .collect();
    if let Some(seats) = plan.rounds.get(round) {
        for (p, t) in seats.iter().enumerate() {
            let Some(t) = t else { continue };
            let person = &hall.people[p];
            let g = groups.iter().position(|g| g.id == person.group_id);
            if let Some(g) = g {
                views[*t].counts[g] += 1;
            }
            views[*t].people.push(PersonView {
                registration_id: person.registration_id,
                public_id: person.public_id.clone(),
                name: person.name.clone().unwrap_or_else(|| "–".into()),
                group: g.map(|g| groups[g].fields.name.clone()).unwrap_or_default(),
            });
        }
    }
    let max_cap = hall
        .tables
        .iter()
        .map(|t| t.capacity)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    for v in &mut views {
        v.people
            .sort_by(|a, b| (&a.group, &a.name).cmp(&(&b.group, &b.name)));
        let mut x = LABEL_W as f64;
        for (g, &c) in v.counts.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let width = BAR_W * c as f64 / max_cap;
            v.segments.push(Segment {
                x,
                width,
                colour: colour(groups[g].fields.kind),
            });
            x += width;
        }
    }
    views
}

async fn host_names(store: &Store, summit_id: i64) -> AppResult<BTreeMap<i64, String>> {
    Ok(store
        .members(summit_id)
        .await?
        .into_iter()
        .filter(|(_, r)| *r == Role::TableHost)
        .map(|(u, _)| (u.id, u.display_name))
        .collect())
}

fn group_views(groups: &[StakeholderGroup]) -> Vec<GroupView> {
    groups
        .iter()
        .map(|g| GroupView {
            name: g.fields.name.clone(),
            colour: colour(g.fields.kind),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "seating.html")]
pub struct SeatingPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub tables: Vec<SeatingTable>,
    pub hosts: BTreeMap<i64, String>,
    pub run: Option<SeatingRun>,
    pub people: usize,
    pub seats: usize,
    /// The programme's table rounds: (id, position in the programme).
    pub rounds: Vec<(i64, i64)>,
    /// Index into `rounds` of the round shown.
    pub round: usize,
    pub metrics: Option<Metrics>,
    pub groups: Vec<GroupView>,
    pub views: Vec<TableView>,
    pub notice: String,
    pub error: String,
    pub chart_height: i64,
}

impl SeatingPage {
    pub fn running(&self) -> bool {
        self.run.as_ref().is_some_and(|r| r.status == "running")
    }
    pub fn failed(&self) -> Option<String> {
        self.run
            .as_ref()
            .filter(|r| r.status == "failed")
            .map(|r| r.message.clone())
    }
    pub fn started(&self) -> String {
        self.run
            .as_ref()
            .map(|r| when(r.started_at))
            .unwrap_or_default()
    }
    pub fn host_name(&self, t: &SeatingTable) -> String {
        t.host_user_id
            .and_then(|u| self.hosts.get(&u).cloned())
            .unwrap_or_default()
    }
    pub fn is_host(&self, t: &SeatingTable, id: &&i64) -> bool {
        t.host_user_id == Some(**id)
    }
    pub fn round_id(&self) -> i64 {
        self.rounds.get(self.round).map_or(0, |r| r.0)
    }
    pub fn round_position(&self) -> i64 {
        self.rounds.get(self.round).map_or(0, |r| r.1)
    }
    pub fn counts_text(&self) -> String {
        self.ctx.tns(
            "seating-counts",
            &[
                ("people", self.people as i64),
                ("tables", self.tables.len() as i64),
                ("seats", self.seats as i64),
                ("rounds", self.rounds.len() as i64),
            ],
        )
    }
    pub fn round_label(&self, position: impl std::borrow::Borrow<i64>) -> String {
        self.ctx.t1("seating-round", "n", position.borrow())
    }
    pub fn chart_width(&self) -> i64 {
        LABEL_W + BAR_W as i64 + 10
    }
    pub fn bar_h(&self) -> i64 {
        BAR_H
    }
}

#[derive(Deserialize, Default)]
pub struct SeatingQuery {
    round: Option<i64>,
    done: Option<String>,
    error: Option<String>,
}

pub async fn show(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<SeatingQuery>,
) -> AppResult<Response> {
    let summit = access.summit;
    let hall = Hall::load(&state.store, summit.id).await?;
    let seats = state.store.seats(summit.id).await?;
    let groups = state.store.groups(summit.id).await?;
    let hosts = host_names(&state.store, summit.id).await?;
    let plan = hall.to_plan(&seats);
    let round = q
        .round
        .and_then(|pos| hall.rounds.iter().position(|r| r.position == pos))
        .unwrap_or(0);
    let metrics =
        (!seats.is_empty() && !hall.rounds.is_empty()).then(|| Metrics::from(&hall.score(&plan)));
    let views = round_tables(&hall, &plan, round, &groups, &hosts);
    let notice = match q.done.as_deref() {
        Some(k @ ("tables-added" | "table-saved" | "table-deleted" | "started" | "moved")) => {
            ctx.t(&format!("seating-done-{k}"))
        }
        _ => String::new(),
    };
    let error = match q.error.as_deref() {
        Some(k @ ("no-tables" | "no-rounds" | "no-people" | "running" | "table")) => {
            ctx.t(&format!("seating-error-{k}"))
        }
        _ => String::new(),
    };
    let page = SeatingPage {
        chart_height: views.len() as i64 * (BAR_H + 6),
        people: hall.people.len(),
        seats: hall.tables.iter().map(|t| t.capacity).sum::<i64>() as usize,
        rounds: hall.rounds.iter().map(|r| (r.id, r.position)).collect(),
        tables: hall.tables.clone(),
        run: state.store.seating_run(summit.id).await?,
        groups: group_views(&groups),
        ctx,
        summit,
        hosts,
        round,
        metrics,
        views,
        notice,
        error,
    };
    render(&page)
}

fn back(summit: &Summit, query: &str) -> Response {
    see_other(&format!("/manage/{}/seating?{query}", summit.slug))
}

/// Table fields from a form; None when a number is missing or out of range.
fn table_fields(form: &FormData, summit: &Summit) -> Option<TableFields> {
    let capacity = form.get("capacity").trim().parse::<i64>().ok()?;
    if !(1..=100).contains(&capacity) {
        return None;
    }
    let language = form.get("language");
    let language = if summit.fields.languages.contains(&language) || language.len() == 2 {
        language
    } else {
        summit.fields.languages.first().cloned().unwrap_or_default()
    };
    Some(TableFields {
        capacity,
        accessible: form.get("accessible") == "1",
        language,
        host_user_id: form.get("host").parse::<i64>().ok(),
    })
}

/// `POST /manage/{slug}/seating/tables`: add a number of tables.
pub async fn add_tables(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let count = form.get("count").trim().parse::<i64>().ok();
    let (Some(count), Some(fields)) = (
        count.filter(|c| (1..=500).contains(c)),
        table_fields(&form, &summit),
    ) else {
        return Ok(back(&summit, "error=table"));
    };
    let added = state
        .store
        .add_seating_tables(summit.id, count, &fields)
        .await?;
    super::audit(
        &state,
        &ctx,
        summit.id,
        "seating.tables_added",
        serde_json::json!({"count": added.len(), "table": &fields}),
    )
    .await?;
    Ok(back(&summit, "done=tables-added"))
}

/// `POST /manage/{slug}/seating/tables/{id}`: change a table (capacity, access, language, host).
pub async fn update_table(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let Some(fields) = table_fields(&form, &summit) else {
        return Ok(back(&summit, "error=table"));
    };
    if let Some(h) = fields.host_user_id
        && !host_names(&state.store, summit.id).await?.contains_key(&h)
    {
        return Err(AppError::BadRequest("the host is not a table host".into()));
    }
    match state
        .store
        .update_seating_table(summit.id, id, &fields)
        .await
    {
        Err(g1000_store::StoreError::NotFound(_)) => return Ok(back(&summit, "error=table")),
        other => other?,
    }
    super::audit(
        &state,
        &ctx,
        summit.id,
        "seating.table_updated",
        serde_json::json!({"id": id, "table": &fields}),
    )
    .await?;
    Ok(back(&summit, "done=table-saved"))
}

pub async fn delete_table(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Path((_, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let summit = access.summit;
    match state.store.delete_seating_table(summit.id, id).await {
        Err(g1000_store::StoreError::NotFound(_)) => return Ok(back(&summit, "error=table")),
        other => other?,
    }
    super::audit(
        &state,
        &ctx,
        summit.id,
        "seating.table_deleted",
        serde_json::json!({"id": id}),
    )
    .await?;
    Ok(back(&summit, "done=table-deleted"))
}

/// `POST /manage/{slug}/seating/run`: plan every table round in the background.
pub async fn run(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let summit = access.summit;
    let hall = Hall::load(&state.store, summit.id).await?;
    let refuse = if hall.tables.is_empty() {
        Some("no-tables")
    } else if hall.rounds.is_empty() {
        Some("no-rounds")
    } else if hall.people.is_empty() {
        Some("no-people")
    } else {
        None
    };
    if let Some(r) = refuse {
        return Ok(back(&summit, &format!("error={r}")));
    }
    if !state.store.start_seating_run(summit.id, STALE_MS).await? {
        return Ok(back(&summit, "error=running"));
    }
    super::audit(
        &state,
        &ctx,
        summit.id,
        "seating.run_started",
        serde_json::json!({"people": hall.people.len(), "tables": hall.tables.len(), "rounds": hall.rounds.len()}),
    )
    .await?;
    tokio::spawn(run_in_background(state.store.clone(), summit.id, hall));
    Ok(back(&summit, "done=started"))
}

/// Plans on a blocking thread and stores the seats (or why no plan exists).
pub async fn run_in_background(store: Store, summit_id: i64, hall: Hall) {
    let seed = summit_id as u64;
    let result = tokio::task::spawn_blocking(move || hall.plan(seed)).await;
    let outcome = match result {
        Ok(Ok(seats)) => {
            let n = seats.len();
            store
                .finish_seating_run(summit_id, Ok(&seats))
                .await
                .map(|_| serde_json::json!({"seats": n}))
        }
        Ok(Err(e)) => {
            let msg = e.to_string();
            store
                .finish_seating_run(summit_id, Err(&msg))
                .await
                .map(|_| serde_json::json!({"error": msg}))
        }
        Err(e) => {
            let msg = format!("the seating engine stopped: {e}");
            store
                .finish_seating_run(summit_id, Err(&msg))
                .await
                .map(|_| serde_json::json!({"error": msg}))
        }
    };
    match outcome {
        Ok(detail) => {
            if let Err(e) = store
                .record(summit_id, "system", "seating.run_finished", detail)
                .await
            {
                tracing::error!("audit of a seating run: {e}");
            }
        }
        Err(e) => tracing::error!("storing a seating run: {e}"),
    }
}

// ---- moving a person by hand ----

#[derive(Template)]
#[template(path = "seating_move.html")]
pub struct MovePage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub round_id: i64,
    pub round_position: i64,
    pub person: PersonView,
    pub from: SeatingTable,
    /// Every table with its count in this round.
    pub tables: Vec<(SeatingTable, usize)>,
    pub to: Option<SeatingTable>,
    pub before: Option<Metrics>,
    pub after: Option<Metrics>,
    /// Why the move cannot be made (the table is full).
    pub problem: String,
}

impl MovePage {
    pub fn rows(&self) -> Vec<(String, String, String)> {
        let (Some(b), Some(a)) = (&self.before, &self.after) else {
            return Vec::new();
        };
        let values = |m: &Metrics| {
            [
                m.hard,
                m.fc_excess,
                m.r_pairs,
                m.r_meet,
                m.r_host,
                m.unique_pairs,
            ]
        };
        ["hard", "fc", "pairs", "meet", "host", "unique"]
            .iter()
            .zip(values(b).into_iter().zip(values(a)))
            .map(|(k, (b, a))| {
                (
                    self.ctx.t(&format!("seating-metric-{k}")),
                    b.to_string(),
                    a.to_string(),
                )
            })
            .collect()
    }
}

#[derive(Deserialize)]
pub struct MoveQuery {
    round: i64,
    person: i64,
    table: Option<i64>,
}

/// The move page: choose a table, then see the metrics before and after; `None` when the seat is unknown.
async fn move_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    q: &MoveQuery,
) -> AppResult<MovePage> {
    let hall = Hall::load(&state.store, summit.id).await?;
    let seats = state.store.seats(summit.id).await?;
    let groups = state.store.groups(summit.id).await?;
    let r = hall
        .rounds
        .iter()
        .position(|x| x.id == q.round)
        .ok_or(AppError::NotFound)?;
    let p = hall
        .people
        .iter()
        .position(|x| x.registration_id == q.person)
        .ok_or(AppError::NotFound)?;
    let plan = hall.to_plan(&seats);
    let from = plan.rounds[r][p].ok_or(AppError::NotFound)?;
    let mut counts = vec![0usize; hall.tables.len()];
    for t in plan.rounds[r].iter().flatten() {
        counts[*t] += 1;
    }
    let to = q
        .table
        .map(|id| {
            hall.tables
                .iter()
                .position(|t| t.id == id)
                .ok_or(AppError::NotFound)
        })
        .transpose()?;
    let mut problem = String::new();
    let (mut before, mut after) = (None, None);
    if let Some(to) = to {
        if to != from && counts[to] as i64 >= hall.tables[to].capacity {
            problem = ctx.t("seating-move-full");
        }
        let mut moved = plan.clone();
        moved.rounds[r][p] = Some(to);
        before = Some(Metrics::from(&hall.score(&plan)));
        after = Some(Metrics::from(&hall.score(&moved)));
    }
    let person = &hall.people[p];
    Ok(MovePage {
        round_id: q.round,
        round_position: hall.rounds[r].position,
        person: PersonView {
            registration_id: person.registration_id,
            public_id: person.public_id.clone(),
            name: person.name.clone().unwrap_or_else(|| "–".into()),
            group: groups
                .iter()
                .find(|g| g.id == person.group_id)
                .map(|g| g.fields.name.clone())
                .unwrap_or_default(),
        },
        from: hall.tables[from].clone(),
        to: to.map(|t| hall.tables[t].clone()),
        tables: hall.tables.iter().cloned().zip(counts).collect(),
        ctx,
        summit,
        before,
        after,
        problem,
    })
}

pub async fn move_form(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Query(q): Query<MoveQuery>,
) -> AppResult<Response> {
    render(&move_page(ctx, &state, access.summit, &q).await?)
}

/// `POST /manage/{slug}/seating/move`: make the move previewed (refused when the table is full).
pub async fn move_person(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let num = |k: &str| {
        form.get(k)
            .parse::<i64>()
            .map_err(|_| AppError::BadRequest(format!("{k} must be a number")))
    };
    let q = MoveQuery {
        round: num("round")?,
        person: num("person")?,
        table: Some(num("table")?),
    };
    let summit = access.summit;
    let page = move_page(ctx.clone(), &state, summit.clone(), &q).await?;
    if !page.problem.is_empty() {
        return super::render_invalid(&page);
    }
    let to = page.to.as_ref().ok_or(AppError::NotFound)?;
    state
        .store
        .move_seat(summit.id, q.round, q.person, to.id)
        .await?;
    super::audit(
        &state,
        &ctx,
        summit.id,
        "seating.moved",
        serde_json::json!({
            "round_id": q.round,
            "public_id": page.person.public_id,
            "from_table": page.from.number,
            "to_table": to.number,
            "after": page.after.as_ref().map(|m| serde_json::json!({
                "hard": m.hard, "fc_excess": m.fc_excess, "r_pairs": m.r_pairs, "r_meet": m.r_meet,
            })),
        }),
    )
    .await?;
    Ok(see_other(&format!(
        "/manage/{}/seating?round={}&done=moved#table-{}",
        summit.slug, page.round_position, to.number
    )))
}

// ---- printing and the hosts' view ----

/// One round's tables, for printing and for the hosts.
pub struct RoundView {
    pub position: i64,
    pub tables: Vec<TableView>,
}

#[derive(Template)]
#[template(path = "seating_print.html")]
pub struct PrintPage {
    pub ctx: Ctx,
    pub summit: Summit,
    pub rounds: Vec<RoundView>,
    pub tables: Vec<SeatingTable>,
    pub hosts: BTreeMap<i64, String>,
    /// The hosts' page: only the tables this user hosts (all for organisers).
    pub host_view: bool,
}

impl PrintPage {
    pub fn host_name(&self, t: &SeatingTable) -> String {
        t.host_user_id
            .and_then(|u| self.hosts.get(&u).cloned())
            .unwrap_or_default()
    }
}

async fn print_page(
    ctx: Ctx,
    state: &AppState,
    summit: Summit,
    only_host: Option<i64>,
) -> AppResult<PrintPage> {
    let hall = Hall::load(&state.store, summit.id).await?;
    let seats = state.store.seats(summit.id).await?;
    let groups = state.store.groups(summit.id).await?;
    let hosts = host_names(&state.store, summit.id).await?;
    let plan = hall.to_plan(&seats);
    let keep = |t: &SeatingTable| only_host.is_none_or(|u| t.host_user_id == Some(u));
    let rounds = hall
        .rounds
        .iter()
        .enumerate()
        .map(|(r, round)| RoundView {
            position: round.position,
            tables: round_tables(&hall, &plan, r, &groups, &hosts)
                .into_iter()
                .filter(|v| keep(&v.table))
                .collect(),
        })
        .collect();
    Ok(PrintPage {
        tables: hall.tables.iter().filter(|t| keep(t)).cloned().collect(),
        host_view: only_host.is_some(),
        ctx,
        summit,
        rounds,
        hosts,
    })
}

/// `GET /manage/{slug}/seating/print`: table lists per round and a card per table, for printing.
pub async fn print(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    render(&print_page(ctx, &state, access.summit, None).await?)
}

/// `GET /s/{slug}/tables`: a table host sees who sits at their tables in every round (organisers and
/// facilitators see every table).
pub async fn host_tables(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
) -> AppResult<Response> {
    let only = if access.is(Role::Organiser) || access.is(Role::Facilitator) {
        None
    } else {
        Some(ctx.user.as_ref().map_or(0, |u| u.id))
    };
    let mut page = print_page(ctx, &state, access.summit, only).await?;
    page.host_view = true;
    render(&page)
}
