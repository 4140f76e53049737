//! Stage 2 selection (loting, tweede fase): quotas per attribute band, the frozen pseudonymised pool and quota
//! files of a run, the engine's distribution and lottery, the commitment, the ticket drawn in public, the panel
//! and the ordered reserve list.
//!
//! The engine itself runs in the web layer (a background task); the store keeps the state machine honest:
//! draft → running → ready | failed (or everyone) → committed → drawn. Once committed, pool and quotas cannot
//! change ([`SelectionError::Locked`]).

use serde::Serialize;

use crate::{
    Event, Outcome, RegistrationRow, RegistrationStatus, SelectionState, Store, StoreError,
    StoreResult, now_ms, with_pool,
};

/// A summit's selection, with the files of its last run.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Selection {
    pub id: i64,
    pub summit_id: i64,
    pub group_id: i64,
    pub seats: i64,
    /// A [`SelectionState`] as text.
    pub state: String,
    /// Identifies the current run (its start time); a run that was superseded cannot store its result.
    pub run_started_at: Option<i64>,
    pub progress_done: i64,
    pub progress_total: i64,
    pub progress_at: Option<i64>,
    pub error: Option<String>,
    /// The quota file of the run (`feature,value,min,max`).
    pub features_csv: Option<String>,
    /// The pseudonymised pool of the run (`id` plus one column per attribute).
    pub people_csv: Option<String>,
    pub distribution_json: Option<String>,
    pub lottery_json: Option<String>,
    pub tickets: Option<i64>,
    pub commitment_json: Option<String>,
    pub committed_at: Option<i64>,
    pub ticket: Option<i64>,
    /// The engine's reserve file for the drawn ticket (panel and ordered reserves).
    pub draw_json: Option<String>,
    pub drawn_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Selection {
    pub fn state(&self) -> SelectionState {
        SelectionState::parse(&self.state).unwrap_or(SelectionState::Draft)
    }
    /// Committed or drawn: pool and quotas are frozen.
    pub fn locked(&self) -> bool {
        matches!(
            self.state(),
            SelectionState::Committed | SelectionState::Drawn
        )
    }
}

/// The quota of one band of one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Quota {
    pub attribute_id: i64,
    pub band: String,
    pub min_seats: i64,
    pub max_seats: i64,
}

/// One person of a run's pool.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PoolMember {
    pub pseudonym: String,
    pub registration_id: i64,
    /// An [`Outcome`] as text, once drawn.
    pub outcome: Option<String>,
    /// Place in the ordered reserve list (1 = first), for reserves.
    pub reserve_rank: Option<i64>,
}

impl PoolMember {
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome.as_deref().and_then(Outcome::parse)
    }
}

/// A registration that can be drawn (in the pool, able to attend), with its bands (attribute id, band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligible {
    pub registration: RegistrationRow,
    pub bands: Vec<(i64, String)>,
}

/// What a run freezes.
#[derive(Debug, Clone)]
pub struct RunStart<'a> {
    pub features_csv: &'a str,
    pub people_csv: &'a str,
    /// (pseudonym, registration id) of everyone in the pool file.
    pub pool: &'a [(String, i64)],
    /// No more eligible people than seats: admit everyone, no engine run.
    pub everyone: bool,
    /// Tickets of the lottery to be made.
    pub tickets: i64,
    /// A run still marked as running whose last progress is older than this (ms) is taken as interrupted.
    pub stale_before: i64,
}

/// Why a selection step was refused.
#[derive(Debug, thiserror::Error)]
pub enum SelectionError {
    /// The commitment is published: pool and quotas can no longer change.
    #[error("the selection's commitment is published; its pool and quotas can no longer change")]
    Locked,
    /// The step does not fit the selection's state (e.g. a ticket before the commitment).
    #[error("this step is not possible while the selection is {0}")]
    WrongState(SelectionState),
    /// No selection has been started for the summit.
    #[error("there is no selection for this summit yet")]
    Missing,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for SelectionError {
    fn from(e: sqlx::Error) -> Self {
        SelectionError::Store(StoreError::Db(e))
    }
}

const COLS: &str = "id, summit_id, group_id, seats, state, run_started_at, progress_done, progress_total, \
     progress_at, error, features_csv, people_csv, distribution_json, lottery_json, tickets, commitment_json, \
     committed_at, ticket, draw_json, drawn_at, created_at, updated_at";

impl Store {
    /// A summit's selection, if one was started.
    pub async fn selection(&self, summit_id: i64) -> StoreResult<Option<Selection>> {
        let sql = format!("SELECT {COLS} FROM selections WHERE summit_id = $1");
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, Selection>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .fetch_optional(p)
        .await)?)
    }

    /// The saved quotas of a selection, by attribute and band.
    pub async fn selection_quotas(&self, selection_id: i64) -> StoreResult<Vec<Quota>> {
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, Quota>(
            "SELECT attribute_id, band, min_seats, max_seats FROM selection_quotas \
             WHERE selection_id = $1 ORDER BY attribute_id, band"
        )
        .bind(selection_id)
        .fetch_all(p)
        .await)?)
    }

    /// Save the quotas (and the group and seats they are for). Starts the selection when there is none; a
    /// finished or running run is discarded (its files no longer match the quotas). Refused once committed.
    pub async fn save_selection_quotas(
        &self,
        summit_id: i64,
        group_id: i64,
        seats: i64,
        quotas: &[Quota],
    ) -> Result<Selection, SelectionError> {
        let now = now_ms();
        let res: Result<Result<(), SelectionError>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                let existing: Option<(i64, String)> =
                    sqlx::query_as("SELECT id, state FROM selections WHERE summit_id = $1")
                        .bind(summit_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let id = match existing {
                    Some((_, state)) if state == "committed" || state == "drawn" => {
                        return Ok(Err(SelectionError::Locked));
                    }
                    Some((id, _)) => {
                        sqlx::query(
                            "UPDATE selections SET group_id = $1, seats = $2, state = 'draft', run_started_at = NULL, \
                             progress_done = 0, progress_total = 0, progress_at = NULL, error = NULL, \
                             features_csv = NULL, people_csv = NULL, distribution_json = NULL, lottery_json = NULL, \
                             tickets = NULL, updated_at = $3 WHERE id = $4",
                        )
                        .bind(group_id)
                        .bind(seats)
                        .bind(now)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                        sqlx::query("DELETE FROM selection_pool WHERE selection_id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query("DELETE FROM selection_quotas WHERE selection_id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        id
                    }
                    None => {
                        sqlx::query_scalar(
                            "INSERT INTO selections (summit_id, group_id, seats, state, created_at, updated_at) \
                             VALUES ($1, $2, $3, 'draft', $4, $4) RETURNING id",
                        )
                        .bind(summit_id)
                        .bind(group_id)
                        .bind(seats)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await?
                    }
                };
                for q in quotas {
                    sqlx::query(
                        "INSERT INTO selection_quotas (selection_id, attribute_id, band, min_seats, max_seats) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(q.attribute_id)
                    .bind(&q.band)
                    .bind(q.min_seats)
                    .bind(q.max_seats)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Ok(()))
            }
            .await
        });
        res??;
        self.changed_selection(summit_id).await
    }

    /// Freeze the pool and quota files and mark the run started (or, with `everyone`, finished: everyone is
    /// admitted). Refused while another run is in progress (unless it is stale) and once committed.
    pub async fn start_selection_run(
        &self,
        summit_id: i64,
        run: &RunStart<'_>,
    ) -> Result<Selection, SelectionError> {
        let now = now_ms();
        let res: Result<Result<(), SelectionError>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                let existing: Option<(i64, String, Option<i64>)> = sqlx::query_as(
                    "SELECT id, state, progress_at FROM selections WHERE summit_id = $1",
                )
                .bind(summit_id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((id, state, progress_at)) = existing else {
                    return Ok(Err(SelectionError::Missing));
                };
                let state = SelectionState::parse(&state).unwrap_or(SelectionState::Draft);
                match state {
                    SelectionState::Committed | SelectionState::Drawn => {
                        return Ok(Err(SelectionError::Locked));
                    }
                    SelectionState::Running if progress_at.unwrap_or(0) >= run.stale_before => {
                        return Ok(Err(SelectionError::WrongState(state)));
                    }
                    _ => {}
                }
                let new_state = if run.everyone {
                    SelectionState::Everyone
                } else {
                    SelectionState::Running
                };
                sqlx::query(
                    "UPDATE selections SET state = $1, run_started_at = $2, progress_done = 0, progress_total = $3, \
                     progress_at = $2, error = NULL, features_csv = $4, people_csv = $5, distribution_json = NULL, \
                     lottery_json = NULL, tickets = $6, updated_at = $2 WHERE id = $7",
                )
                .bind(new_state.as_str())
                .bind(now)
                .bind(run.pool.len() as i64)
                .bind(run.features_csv)
                .bind(run.people_csv)
                .bind((!run.everyone).then_some(run.tickets))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM selection_pool WHERE selection_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                for (pseudonym, registration_id) in run.pool {
                    sqlx::query(
                        "INSERT INTO selection_pool (selection_id, pseudonym, registration_id) VALUES ($1, $2, $3)",
                    )
                    .bind(id)
                    .bind(pseudonym)
                    .bind(registration_id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Ok(()))
            }
            .await
        });
        res??;
        self.changed_selection(summit_id).await
    }

    /// Record a run's progress (people at their final level, of all). False when the run was superseded.
    pub async fn selection_progress(
        &self,
        summit_id: i64,
        run_started_at: i64,
        done: i64,
        total: i64,
    ) -> StoreResult<bool> {
        let n = with_pool!(self, write, |p| sqlx::query(
            "UPDATE selections SET progress_done = $1, progress_total = $2, progress_at = $3 \
             WHERE summit_id = $4 AND run_started_at = $5 AND state = 'running'"
        )
        .bind(done)
        .bind(total)
        .bind(now_ms())
        .bind(summit_id)
        .bind(run_started_at)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        if n > 0 {
            self.selection_changed(summit_id).await;
        }
        Ok(n > 0)
    }

    /// Store a run's result: the distribution and lottery files, or the reason it failed. False (and nothing
    /// stored) when the run was superseded by a change of quotas or a new run.
    pub async fn finish_selection_run(
        &self,
        summit_id: i64,
        run_started_at: i64,
        result: Result<(&str, &str), &str>,
    ) -> StoreResult<bool> {
        let (state, distribution, lottery, error) = match result {
            Ok((d, l)) => (SelectionState::Ready, Some(d), Some(l), None),
            Err(e) => (SelectionState::Failed, None, None, Some(e)),
        };
        let n = with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE selections SET state = $1, distribution_json = $2, lottery_json = $3, error = $4, \
             progress_done = CASE WHEN $1 = 'ready' THEN progress_total ELSE progress_done END, \
             progress_at = $5, updated_at = $5 WHERE summit_id = $6 AND run_started_at = $7 AND state = 'running'"
        )
        .bind(state.as_str())
        .bind(distribution)
        .bind(lottery)
        .bind(error)
        .bind(now_ms())
        .bind(summit_id)
        .bind(run_started_at)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        self.selection_changed(summit_id).await;
        Ok(n > 0)
    }

    /// Publish the commitment (a JSON document with the files' hashes): from now on pool and quotas are frozen.
    pub async fn commit_selection(
        &self,
        summit_id: i64,
        commitment_json: &str,
    ) -> Result<Selection, SelectionError> {
        self.step(
            summit_id,
            SelectionState::Ready,
            "UPDATE selections SET state = 'committed', commitment_json = $1, committed_at = $2, updated_at = $2 \
             WHERE summit_id = $3 AND state = 'ready'",
            commitment_json,
        )
        .await
    }

    /// Move from `from` by one UPDATE (binding text, now, summit id), or say why not.
    async fn step(
        &self,
        summit_id: i64,
        from: SelectionState,
        sql: &'static str,
        text: &str,
    ) -> Result<Selection, SelectionError> {
        let n = with_pool!(self, write, |p| sqlx::query(sql)
            .bind(text)
            .bind(now_ms())
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        let s = self
            .selection(summit_id)
            .await?
            .ok_or(SelectionError::Missing)?;
        if n == 0 {
            return Err(if s.locked() && from != SelectionState::Committed {
                SelectionError::Locked
            } else {
                SelectionError::WrongState(s.state())
            });
        }
        self.selection_changed(summit_id).await;
        Ok(s)
    }

    /// Store the draw: the ticket and the engine's reserve file (both `None` when everyone is admitted), each
    /// pool member's outcome and reserve rank, and the registrations' statuses (selected, reserve,
    /// not_selected). Needs a committed selection, or one that admits everyone.
    pub async fn record_selection_draw(
        &self,
        summit_id: i64,
        ticket: Option<(i64, &str)>,
        outcomes: &[(String, Outcome, Option<i64>)],
    ) -> Result<Selection, SelectionError> {
        let now = now_ms();
        let from = if ticket.is_some() {
            SelectionState::Committed
        } else {
            SelectionState::Everyone
        };
        let res: Result<Result<(), SelectionError>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                let n = sqlx::query(
                    "UPDATE selections SET state = 'drawn', ticket = $1, draw_json = $2, drawn_at = $3, updated_at = $3 \
                     WHERE summit_id = $4 AND state = $5",
                )
                .bind(ticket.map(|(t, _)| t))
                .bind(ticket.map(|(_, j)| j))
                .bind(now)
                .bind(summit_id)
                .bind(from.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                let id: Option<(i64, String)> =
                    sqlx::query_as("SELECT id, state FROM selections WHERE summit_id = $1")
                        .bind(summit_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                let Some((id, state)) = id else {
                    return Ok(Err(SelectionError::Missing));
                };
                if n == 0 {
                    let state = SelectionState::parse(&state).unwrap_or(SelectionState::Draft);
                    return Ok(Err(SelectionError::WrongState(state)));
                }
                for (pseudonym, outcome, rank) in outcomes {
                    let reg: Option<i64> = sqlx::query_scalar(
                        "UPDATE selection_pool SET outcome = $1, reserve_rank = $2 \
                         WHERE selection_id = $3 AND pseudonym = $4 RETURNING registration_id",
                    )
                    .bind(outcome.as_str())
                    .bind(*rank)
                    .bind(id)
                    .bind(pseudonym)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let status = match outcome {
                        Outcome::Selected => RegistrationStatus::Selected,
                        Outcome::Reserve => RegistrationStatus::Reserve,
                        Outcome::NotSelected => RegistrationStatus::NotSelected,
                    };
                    if let Some(reg) = reg {
                        sqlx::query(
                            "UPDATE registrations SET status = $1, reserve_rank = $2, updated_at = $3 WHERE id = $4",
                        )
                        .bind(status.as_str())
                        .bind(*rank)
                        .bind(now)
                        .bind(reg)
                        .execute(&mut *tx)
                        .await?;
                    }
                }
                tx.commit().await?;
                Ok(Ok(()))
            }
            .await
        });
        res??;
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        self.changed_selection(summit_id).await
    }

    /// The pool of a selection's last run, by pseudonym.
    pub async fn selection_pool(&self, selection_id: i64) -> StoreResult<Vec<PoolMember>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, PoolMember>(
                "SELECT pseudonym, registration_id, outcome, reserve_rank FROM selection_pool \
             WHERE selection_id = $1 ORDER BY pseudonym",
            )
            .bind(selection_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// The ordered reserve list of a summit's drawn selection (first to ask first): where a replacement for a
    /// declined seat is taken from.
    pub async fn selection_reserves(&self, summit_id: i64) -> StoreResult<Vec<PoolMember>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, PoolMember>(
            "SELECT sp.pseudonym, sp.registration_id, sp.outcome, sp.reserve_rank FROM selection_pool sp \
             JOIN selections s ON s.id = sp.selection_id \
             WHERE s.summit_id = $1 AND sp.outcome = 'reserve' ORDER BY sp.reserve_rank"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// The registrations of a group that can be drawn: in the pool and able to attend, oldest first, with
    /// their bands.
    pub async fn eligible_registrations(
        &self,
        summit_id: i64,
        group_id: i64,
    ) -> StoreResult<Vec<Eligible>> {
        let rows = with_pool!(self, read, |p| {
            sqlx::query_as::<_, RegistrationRow>(
            "SELECT id, summit_id, group_id, public_id, channel, status, can_attend, language, registered_at \
             FROM registrations WHERE summit_id = $1 AND group_id = $2 AND status = 'pool' AND can_attend \
             ORDER BY id"
        )
        .bind(summit_id)
        .bind(group_id)
        .fetch_all(p)
        .await
        })?;
        let bands: Vec<(i64, i64, String)> = with_pool!(self, read, |p| sqlx::query_as(
            "SELECT b.registration_id, b.attribute_id, b.band FROM registration_bands b \
             JOIN registrations r ON r.id = b.registration_id \
             WHERE r.summit_id = $1 AND r.group_id = $2 AND r.status = 'pool' AND r.can_attend \
             ORDER BY b.registration_id, b.attribute_id"
        )
        .bind(summit_id)
        .bind(group_id)
        .fetch_all(p)
        .await)?;
        let mut by_registration: std::collections::HashMap<i64, Vec<(i64, String)>> =
            std::collections::HashMap::new();
        for (r, a, b) in bands {
            by_registration.entry(r).or_default().push((a, b));
        }
        Ok(rows
            .into_iter()
            .map(|registration| Eligible {
                bands: by_registration.remove(&registration.id).unwrap_or_default(),
                registration,
            })
            .collect())
    }

    /// Tell live pages, and return the selection as it is now.
    async fn changed_selection(&self, summit_id: i64) -> Result<Selection, SelectionError> {
        self.selection_changed(summit_id).await;
        self.selection(summit_id)
            .await?
            .ok_or(SelectionError::Missing)
    }

    async fn selection_changed(&self, summit_id: i64) {
        self.bus()
            .publish(Event::summit(summit_id, "selection"))
            .await;
    }
}
