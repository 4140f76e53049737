//! Theme tables (issue 6: "the top themes become the afternoon's theme tables"; issue 5: preference seating).
//!
//! After the theme dot vote closes, a facilitator chooses how many of the top themes get tables in a table
//! round (a number suggested from the hall: one theme per table needed, at most the themes that got dots). The
//! dots become each participant's ranking of the chosen themes (more dots = higher rank; equal dots = equal
//! rank); people who placed none, or only on themes not chosen, are seated where there is room. The seating
//! engine's preference mode (`g1000_seating::plan_preferences`) runs in the background like the seating page's
//! run: it apportions the tables among the themes by demand, keeps hosts at their tables and wheelchair and
//! language needs, maximises 1st choices, then 2nd, ..., and balances each theme's tables. The result replaces
//! that round's seats; participants, hosts, the console and the projector show each table's theme.
//!
//! Secrecy: the dots are preferences used for seating, so they are stored per person (the dot-vote screen says
//! so); only this run and the recount of its choice counts (after hand moves) read them per person, and every
//! screen shows totals.

use std::collections::BTreeMap;

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use g1000_seating::{PlanOptions, Preference, SeatingError};
use g1000_store::{Round, Seat, Store, ThemeSeating};
use serde_json::json;

use super::Now;
use crate::AppState;
use crate::auth::{Ctx, SummitAccess, see_other};
use crate::error::{AppError, AppResult};
use crate::forms::FormData;
use crate::pages::{audit, render_invalid};
use crate::seating::Hall;

/// A run that has not finished after this long is taken as interrupted (e.g. a restart).
const STALE_MS: i64 = 10 * 60 * 1000;

/// The participants' rankings of the chosen themes from their dots `(registration, theme, dots)`: a theme
/// ranks 1 + the number of chosen themes the person gave more dots (so equal dots share a rank). Themes not
/// chosen, and themes without dots, are not ranked.
pub fn preferences(dots: &[(i64, i64, i64)], chosen: &[i64]) -> Vec<Preference> {
    let mut by_person: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
    for &(reg, theme, n) in dots {
        if n > 0 && chosen.contains(&theme) {
            by_person.entry(reg).or_default().push((theme, n));
        }
    }
    let mut out = Vec::new();
    for (reg, mine) in by_person {
        for &(theme, n) in &mine {
            let rank = 1 + mine.iter().filter(|(_, m)| *m > n).count();
            out.push(Preference {
                participant: reg.to_string(),
                theme: theme.to_string(),
                rank,
            });
        }
    }
    out
}

/// How many of the seated `(registration, theme of their table)` sit at their 1st, 2nd, ... choice (at least
/// `ranks` entries), and how many at a theme they gave no dots or at a table without a theme; ranks as in
/// [`preferences`].
pub fn choice_counts(
    seated: &[(i64, Option<i64>)],
    dots: &[(i64, i64, i64)],
    chosen: &[i64],
    ranks: usize,
) -> (Vec<i64>, i64) {
    let rank: BTreeMap<(String, String), usize> = preferences(dots, chosen)
        .into_iter()
        .map(|p| ((p.participant, p.theme), p.rank))
        .collect();
    let mut by_rank = vec![0i64; ranks];
    let mut unranked = 0;
    for &(reg, theme) in seated {
        match theme.and_then(|t| rank.get(&(reg.to_string(), t.to_string()))) {
            Some(&r) => {
                if by_rank.len() < r {
                    by_rank.resize(r, 0);
                }
                by_rank[r - 1] += 1;
            }
            None => unranked += 1,
        }
    }
    (by_rank, unranked)
}

/// How many themes to suggest: as many as the tables the hall needs in the round (people / table size,
/// rounded up, at most the tables there are), so every theme can fill a table; at most the themes with dots.
pub fn suggested_count(people: i64, table_size: i64, tables: i64, themes_with_dots: i64) -> i64 {
    let needed = if table_size > 0 {
        (people + table_size - 1) / table_size
    } else {
        tables
    };
    needed.min(tables).min(themes_with_dots).max(1)
}

/// Seats one round at the chosen themes' tables: the preference engine on the hall, with the participants'
/// dots as rankings. Only people of the hall are ranked (dots of someone no longer seated are left out).
pub fn plan(
    hall: &Hall,
    round_id: i64,
    chosen: &[i64],
    dots: &[(i64, i64, i64)],
    seed: u64,
) -> Result<ThemeSeating, SeatingError> {
    let seated: Vec<(i64, i64, i64)> = dots
        .iter()
        .copied()
        .filter(|d| hall.people.iter().any(|p| p.registration_id == d.0))
        .collect();
    let prefs = preferences(&seated, chosen);
    let opts = PlanOptions {
        rounds: 1,
        seed,
        effort: 1.0,
    };
    let free = vec![None; hall.tables.len()];
    let (planned, assignment) =
        g1000_seating::plan_preferences(&hall.instance, &free, &prefs, &opts)?;
    let mut seats = Vec::new();
    let mut used = vec![false; hall.tables.len()];
    for (p, t) in planned.rounds[0].iter().enumerate() {
        if let Some(t) = t {
            used[*t] = true;
            seats.push(Seat {
                round_id,
                registration_id: hall.people[p].registration_id,
                table_id: hall.tables[*t].id,
            });
        }
    }
    let table_themes = (0..hall.tables.len())
        .filter(|&t| used[t])
        .filter_map(|t| {
            let theme = assignment.themes[assignment.table_theme[t]].parse().ok()?;
            Some((hall.tables[t].id, theme))
        })
        .collect();
    Ok(ThemeSeating {
        seats,
        table_themes,
        by_rank: assignment.by_rank.iter().map(|&n| n as i64).collect(),
        unranked: assignment.unranked as i64,
    })
}

/// The last theme-table run as the console and the projector show it.
pub struct ThemeTablesView {
    /// The round's position in the programme.
    pub round_position: i64,
    /// running, ready or failed.
    pub status: String,
    pub message: String,
    /// Per theme: its name, its tables' numbers and how many sit there.
    pub themes: Vec<(String, Vec<i64>, usize)>,
    pub by_rank: Vec<i64>,
    pub unranked: i64,
}

impl ThemeTablesView {
    pub fn seated(&self) -> i64 {
        self.by_rank.iter().sum::<i64>() + self.unranked
    }
    /// People at their 1st (`rank` 1), 2nd, ... choice.
    pub fn at_rank(&self, rank: &usize) -> i64 {
        rank.checked_sub(1)
            .and_then(|i| self.by_rank.get(i))
            .copied()
            .unwrap_or(0)
    }
    /// People at their 3rd or a lower choice.
    pub fn lower(&self) -> i64 {
        self.by_rank.iter().skip(2).sum()
    }
    /// "Of 60 people, 41 sit at their 1st choice, 12 at their 2nd, 3 lower, 4 at a theme they gave no dots."
    pub fn choices_text(&self, ctx: &Ctx) -> String {
        ctx.tns(
            "day-theme-tables-choices",
            &[
                ("seated", self.seated()),
                ("first", self.at_rank(&1)),
                ("second", self.at_rank(&2)),
                ("lower", self.lower()),
                ("unranked", self.unranked),
            ],
        )
    }
    pub fn tables_text(&self, tables: &[i64]) -> String {
        tables
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The last theme-table run of a summit, with each theme's tables (None before the first run).
pub async fn view(store: &Store, summit_id: i64) -> AppResult<Option<ThemeTablesView>> {
    let Some(run) = store.theme_tables_run(summit_id).await? else {
        return Ok(None);
    };
    let rounds = store.rounds(summit_id).await?;
    let tables = store.theme_tables(summit_id, run.round_id).await?;
    let seats = store.seats(summit_id).await?;
    // The choice counts as the seats are now: a hand move on the seating page after the run changes them.
    let (by_rank, unranked) = if run.status == "ready" {
        let table_theme: BTreeMap<i64, i64> =
            tables.iter().map(|t| (t.table_id, t.theme_id)).collect();
        let mut chosen: Vec<i64> = table_theme.values().copied().collect();
        chosen.sort_unstable();
        chosen.dedup();
        let seated: Vec<(i64, Option<i64>)> = seats
            .iter()
            .filter(|s| s.round_id == run.round_id)
            .map(|s| (s.registration_id, table_theme.get(&s.table_id).copied()))
            .collect();
        let dots = store.theme_dot_ballots(summit_id).await?;
        choice_counts(&seated, &dots, &chosen, run.by_rank.len())
    } else {
        (run.by_rank, run.unranked)
    };
    let mut themes: Vec<(String, Vec<i64>, usize)> = Vec::new();
    for t in tables {
        let people = seats
            .iter()
            .filter(|s| s.round_id == run.round_id && s.table_id == t.table_id)
            .count();
        match themes.last_mut() {
            Some(last) if last.0 == t.theme_name => {
                last.1.push(t.table_number);
                last.2 += people;
            }
            _ => themes.push((t.theme_name, vec![t.table_number], people)),
        }
    }
    Ok(Some(ThemeTablesView {
        round_position: rounds
            .iter()
            .find(|r| r.id == run.round_id)
            .map_or(0, |r| r.position),
        status: run.status,
        message: run.message,
        themes,
        by_rank,
        unranked,
    }))
}

/// The console's form: the table rounds to choose from, the round proposed and the suggested number.
pub struct ThemeTablesForm {
    /// (round id, position) of the programme's table rounds.
    pub rounds: Vec<(i64, i64)>,
    pub round_id: i64,
    pub suggested: i64,
    /// Themes that got dots (the most that can be chosen).
    pub with_dots: i64,
}

/// The form's defaults: the first table round after the current one (else the last table round).
pub fn form(now: &Now, people: i64, tables: i64, with_dots: i64) -> ThemeTablesForm {
    let table_rounds: Vec<&Round> = now
        .rounds
        .iter()
        .filter(|r| r.fields.table_size > 0)
        .collect();
    let after = now.index().map_or(0, |i| i + 1);
    let proposed = now
        .rounds
        .iter()
        .skip(after)
        .find(|r| r.fields.table_size > 0)
        .or(table_rounds.last().copied());
    ThemeTablesForm {
        rounds: table_rounds.iter().map(|r| (r.id, r.position)).collect(),
        round_id: proposed.map_or(0, |r| r.id),
        suggested: suggested_count(
            people,
            proposed.map_or(0, |r| r.fields.table_size),
            tables,
            with_dots,
        ),
        with_dots,
    }
}

/// `POST /s/{slug}/console/theme-tables` (`round`, `theme-count`): seat the round at the top `count` themes of the
/// closed dot vote, in the background.
pub async fn start(
    ctx: Ctx,
    access: SummitAccess,
    State(state): State<AppState>,
    Form(form): Form<FormData>,
) -> AppResult<Response> {
    let summit = access.summit;
    let round_id: i64 = form.get("round").parse().map_err(|_| {
        AppError::BadRequest(format!(
            "field 'round': not a round id: {:?}",
            form.get("round")
        ))
    })?;
    let hall = Hall::load(&state.store, summit.id).await?;
    let Some(round) = hall.rounds.iter().find(|r| r.id == round_id).cloned() else {
        return Err(AppError::BadRequest(
            "field 'round': not a table round of this summit".into(),
        ));
    };
    let day = state.store.day_state(summit.id).await?;
    let (results, _) = state.store.theme_results(summit.id).await?;
    let count = form.get("theme-count").trim().parse::<i64>().ok();
    let problem = if day.vote_status != "closed" {
        Some(ctx.t("day-theme-tables-vote-not-closed"))
    } else if hall.tables.is_empty() || hall.people.is_empty() {
        Some(ctx.t("day-theme-tables-no-hall"))
    } else if !count.is_some_and(|c| c >= 1 && c <= results.len() as i64) {
        Some(ctx.tn("day-theme-tables-count-range", "max", results.len() as i64))
    } else if count.is_some_and(|c| c > hall.tables.len() as i64) {
        Some(ctx.tn(
            "day-theme-tables-too-many",
            "tables",
            hall.tables.len() as i64,
        ))
    } else {
        None
    };
    let count = count.unwrap_or(0) as usize;
    let problem = match problem {
        Some(p) => Some(p),
        None if !state
            .store
            .start_theme_tables_run(summit.id, round_id, count as i64, STALE_MS)
            .await? =>
        {
            Some(ctx.t("day-theme-tables-running"))
        }
        None => None,
    };
    if let Some(p) = problem {
        let mut page = super::console::console_page(ctx, &state, summit).await?;
        page.errors.add("theme-count", p);
        return render_invalid(&page);
    }
    let names: BTreeMap<i64, String> = state
        .store
        .themes(summit.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let chosen: Vec<i64> = results.iter().take(count).map(|r| r.0).collect();
    audit(
        &state,
        &ctx,
        summit.id,
        "day.theme_tables.started",
        json!({
            "round": round.position,
            "themes": results.iter().take(count).map(|(id, dots, voters)| json!({
                "id": id, "name": names.get(id), "dots": dots, "voters": voters,
            })).collect::<Vec<_>>(),
            "people": hall.people.len(),
            "tables": hall.tables.len(),
        }),
    )
    .await?;
    let dots = state.store.theme_dot_ballots(summit.id).await?;
    tokio::spawn(run_in_background(
        state.store.clone(),
        summit.id,
        round_id,
        hall,
        chosen,
        dots,
    ));
    Ok(see_other(&format!(
        "/s/{}/console#theme-tables",
        summit.slug
    )))
}

/// Plans on a blocking thread and stores the round's seats (or why no plan exists).
pub async fn run_in_background(
    store: Store,
    summit_id: i64,
    round_id: i64,
    hall: Hall,
    chosen: Vec<i64>,
    dots: Vec<(i64, i64, i64)>,
) {
    let seed = summit_id as u64;
    let result =
        tokio::task::spawn_blocking(move || plan(&hall, round_id, &chosen, &dots, seed)).await;
    let outcome = match result {
        Ok(Ok(done)) => store
            .finish_theme_tables_run(summit_id, round_id, Ok(&done))
            .await
            .map(|_| {
                json!({
                    "seats": done.seats.len(), "tables": done.table_themes.len(),
                    "by_rank": done.by_rank, "unranked": done.unranked,
                })
            }),
        Ok(Err(e)) => {
            let msg = e.to_string();
            store
                .finish_theme_tables_run(summit_id, round_id, Err(&msg))
                .await
                .map(|_| json!({"error": msg}))
        }
        Err(e) => {
            let msg = format!("the seating engine stopped: {e}");
            store
                .finish_theme_tables_run(summit_id, round_id, Err(&msg))
                .await
                .map(|_| json!({"error": msg}))
        }
    };
    match outcome {
        Ok(detail) => {
            if let Err(e) = store
                .record(summit_id, "system", "day.theme_tables.finished", detail)
                .await
            {
                tracing::error!("audit of a theme-table run: {e}");
            }
        }
        Err(e) => tracing::error!("storing a theme-table run: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_counts_follow_the_seats() {
        let dots = [(1, 10, 3), (2, 10, 2), (2, 20, 1), (3, 30, 3)];
        let chosen = [10, 20];
        // 1 at its 1st choice, 2 at its 2nd, 3 at a theme it gave no dots, 4 at a table without a theme.
        let seated = [(1, Some(10)), (2, Some(20)), (3, Some(10)), (4, None)];
        assert_eq!(choice_counts(&seated, &dots, &chosen, 2), (vec![1, 1], 2));
        // Fewer ranks asked for than met: the counts grow to hold them.
        assert_eq!(choice_counts(&seated, &dots, &chosen, 0), (vec![1, 1], 2));
        // 2 moved by hand to its 1st choice.
        let moved = [(1, Some(10)), (2, Some(10)), (3, Some(10)), (4, None)];
        assert_eq!(choice_counts(&moved, &dots, &chosen, 3), (vec![2, 0, 0], 2));
    }

    #[test]
    fn dots_become_ranks_with_ties_shared_and_unchosen_left_out() {
        // Person 1: 3 dots on theme 10, 1 on 20, 2 on 30 (not chosen); person 2: 2 and 2; person 3: none chosen.
        let dots = [
            (1, 10, 3),
            (1, 20, 1),
            (1, 30, 2),
            (2, 10, 2),
            (2, 20, 2),
            (3, 30, 4),
        ];
        let got: Vec<(String, String, usize)> = preferences(&dots, &[10, 20])
            .into_iter()
            .map(|p| (p.participant, p.theme, p.rank))
            .collect();
        let want = [
            ("1", "10", 1),
            ("1", "20", 2),
            ("2", "10", 1),
            ("2", "20", 1),
        ];
        assert_eq!(
            got,
            want.iter()
                .map(|(a, b, r)| (a.to_string(), b.to_string(), *r))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn suggestion_follows_the_hall() {
        // 1000 people at tables of 10, 120 tables, 14 themes with dots: 14 (at most the themes).
        assert_eq!(suggested_count(1000, 10, 120, 14), 14);
        // 60 people at tables of 8: 8 tables needed.
        assert_eq!(suggested_count(60, 8, 20, 12), 8);
        // Fewer tables than needed: the tables.
        assert_eq!(suggested_count(60, 8, 5, 12), 5);
        assert_eq!(suggested_count(0, 8, 5, 0), 1);
    }
}
