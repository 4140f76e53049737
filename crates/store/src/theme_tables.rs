//! Theme tables (issue 6, "the top themes become theme tables"): after the theme dot vote the facilitators
//! choose the top themes for a table round; the seating engine's preference mode (run by the web app in the
//! background) seats everyone at a theme, and its result replaces that round's seats, with the theme of every
//! table in that round and how many got their 1st, 2nd, ... choice.
//!
//! The dots are preferences used for seating, so they are stored per person (`day_theme_dots`); only the
//! seating run reads them per person ([`Store::theme_dot_ballots`]), every screen shows totals.

use serde::Serialize;

use crate::{DAY_EVENT, Event, Seat, Store, StoreError, StoreResult, now_ms, with_pool};

/// Where the last theme-table run stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeTablesRun {
    pub round_id: i64,
    /// How many themes were chosen.
    pub themes: i64,
    /// running, ready or failed.
    pub status: String,
    pub message: String,
    /// How many people sit at their 1st, 2nd, ... choice (index 0 = 1st choice).
    pub by_rank: Vec<i64>,
    /// How many sit at a theme they gave no dots (or placed none).
    pub unranked: i64,
    pub started_at: i64,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct RunRow {
    round_id: i64,
    themes: i64,
    status: String,
    message: String,
    by_rank: String,
    unranked: i64,
    started_at: i64,
    updated_at: i64,
}

/// What a successful theme-table run stores.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThemeSeating {
    /// The round's seats (all of the round's seats: they replace the earlier ones).
    pub seats: Vec<Seat>,
    /// (table id, theme id) for every table with a theme in the round.
    pub table_themes: Vec<(i64, i64)>,
    pub by_rank: Vec<i64>,
    pub unranked: i64,
}

/// A table with its theme in a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ThemeTable {
    pub table_id: i64,
    pub table_number: i64,
    pub theme_id: i64,
    pub theme_name: String,
}

impl Store {
    /// Every participant's dots on the themes in use: (registration id, theme id, dots), by registration.
    /// Personal (a preference per person): only the theme-table seating reads it (its run, and the recount of the
    /// run's choice counts that the console and the projector show as totals).
    pub async fn theme_dot_ballots(&self, summit_id: i64) -> StoreResult<Vec<(i64, i64, i64)>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, (i64, i64, i64)>(
                "SELECT d.registration_id, d.theme_id, d.dots FROM day_theme_dots d \
                 JOIN day_themes t ON t.id = d.theme_id WHERE d.summit_id = $1 AND t.merged_into IS NULL \
                 ORDER BY d.registration_id, d.theme_id",
            )
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// Marks a theme-table run for `round_id` (a round of this summit) with `themes` chosen themes as
    /// started. False when one is running already and started less than `stale_ms` ago.
    pub async fn start_theme_tables_run(
        &self,
        summit_id: i64,
        round_id: i64,
        themes: i64,
        stale_ms: i64,
    ) -> StoreResult<bool> {
        let ok: Option<i64> = with_pool!(self, read, |p| {
            sqlx::query_scalar("SELECT id FROM rounds WHERE id = $1 AND summit_id = $2")
                .bind(round_id)
                .bind(summit_id)
                .fetch_optional(p)
                .await
        })?;
        if ok.is_none() {
            return Err(StoreError::NotFound("round"));
        }
        let now = now_ms();
        let n = with_pool!(self, write, |p| {
            sqlx::query(
            "INSERT INTO day_theme_runs (summit_id, round_id, themes, status, message, by_rank, unranked, \
             started_at, updated_at) VALUES ($1, $2, $3, 'running', '', '', 0, $4, $4) \
             ON CONFLICT (summit_id) DO UPDATE SET round_id = $2, themes = $3, status = 'running', \
             message = '', by_rank = '', unranked = 0, started_at = $4, updated_at = $4 \
             WHERE day_theme_runs.status <> 'running' OR day_theme_runs.updated_at < $5"
        )
        .bind(summit_id)
        .bind(round_id)
        .bind(themes)
        .bind(now)
        .bind(now - stale_ms)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        if n > 0 {
            self.publish_theme_tables(summit_id).await;
        }
        Ok(n > 0)
    }

    /// Ends the running theme-table run of `round_id`: its seats replace every earlier seat of that round
    /// (other rounds are untouched) and the tables get their themes; or it failed with a message.
    pub async fn finish_theme_tables_run(
        &self,
        summit_id: i64,
        round_id: i64,
        result: Result<&ThemeSeating, &str>,
    ) -> StoreResult<()> {
        let now = now_ms();
        let res: Result<u64, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                let (status, message, by_rank, unranked) = match result {
                    Ok(done) => {
                        sqlx::query(
                            "DELETE FROM seating_assignments WHERE summit_id = $1 AND round_id = $2",
                        )
                        .bind(summit_id)
                        .bind(round_id)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query(
                            "DELETE FROM day_theme_tables WHERE summit_id = $1 AND round_id = $2",
                        )
                        .bind(summit_id)
                        .bind(round_id)
                        .execute(&mut *tx)
                        .await?;
                        for s in done.seats.iter().filter(|s| s.round_id == round_id) {
                            sqlx::query(
                                "INSERT INTO seating_assignments (round_id, registration_id, table_id, summit_id) \
                                 VALUES ($1, $2, $3, $4)",
                            )
                            .bind(round_id)
                            .bind(s.registration_id)
                            .bind(s.table_id)
                            .bind(summit_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        for (table, theme) in &done.table_themes {
                            sqlx::query(
                                "INSERT INTO day_theme_tables (round_id, table_id, theme_id, summit_id) \
                                 VALUES ($1, $2, $3, $4)",
                            )
                            .bind(round_id)
                            .bind(table)
                            .bind(theme)
                            .bind(summit_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        let by_rank = done
                            .by_rank
                            .iter()
                            .map(|n| n.to_string())
                            .collect::<Vec<_>>()
                            .join(",");
                        ("ready", String::new(), by_rank, done.unranked)
                    }
                    Err(m) => ("failed", m.to_string(), String::new(), 0),
                };
                let n = sqlx::query(
                    "UPDATE day_theme_runs SET status = $1, message = $2, by_rank = $3, unranked = $4, \
                     updated_at = $5 WHERE summit_id = $6 AND round_id = $7 AND status = 'running'",
                )
                .bind(status)
                .bind(message)
                .bind(by_rank)
                .bind(unranked)
                .bind(now)
                .bind(summit_id)
                .bind(round_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    // Not the run in progress (another one replaced it): store nothing.
                    tx.rollback().await?;
                } else {
                    tx.commit().await?;
                }
                Ok(n)
            }
            .await
        });
        if res? == 0 {
            return Err(StoreError::Conflict(
                "a theme-table run that is not running",
            ));
        }
        self.bus()
            .publish(Event::summit(summit_id, "seating"))
            .await;
        self.publish_theme_tables(summit_id).await;
        Ok(())
    }

    async fn publish_theme_tables(&self, summit_id: i64) {
        self.bus()
            .publish(Event::summit(summit_id, DAY_EVENT))
            .await;
    }

    /// The last theme-table run, if any.
    pub async fn theme_tables_run(&self, summit_id: i64) -> StoreResult<Option<ThemeTablesRun>> {
        let row = with_pool!(self, read, |p| {
            sqlx::query_as::<_, RunRow>(
                "SELECT round_id, themes, status, message, by_rank, unranked, started_at, updated_at \
                 FROM day_theme_runs WHERE summit_id = $1",
            )
            .bind(summit_id)
            .fetch_optional(p)
            .await
        })?;
        Ok(row.map(|r| ThemeTablesRun {
            round_id: r.round_id,
            themes: r.themes,
            status: r.status,
            message: r.message,
            by_rank: r
                .by_rank
                .split(',')
                .filter_map(|n| n.parse().ok())
                .collect(),
            unranked: r.unranked,
            started_at: r.started_at,
            updated_at: r.updated_at,
        }))
    }

    /// The tables with a theme in a round, by theme name and table number.
    pub async fn theme_tables(
        &self,
        summit_id: i64,
        round_id: i64,
    ) -> StoreResult<Vec<ThemeTable>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, ThemeTable>(
                "SELECT x.table_id, t.number AS table_number, x.theme_id, h.name AS theme_name \
                 FROM day_theme_tables x JOIN seating_tables t ON t.id = x.table_id \
                 JOIN day_themes h ON h.id = x.theme_id \
                 WHERE x.summit_id = $1 AND x.round_id = $2 ORDER BY h.name, t.number",
            )
            .bind(summit_id)
            .bind(round_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// The theme of one table in a round, if it has one.
    pub async fn table_theme(&self, round_id: i64, table_id: i64) -> StoreResult<Option<String>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_scalar::<_, String>(
                "SELECT h.name FROM day_theme_tables x JOIN day_themes h ON h.id = x.theme_id \
                 WHERE x.round_id = $1 AND x.table_id = $2",
            )
            .bind(round_id)
            .bind(table_id)
            .fetch_optional(p)
            .await
        })?)
    }
}
