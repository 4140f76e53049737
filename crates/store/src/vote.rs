//! Votes (issue 6): a vote over published proposals with one of the tally crate's rules, opened and closed by
//! facilitators, with secret ballots that the voter can change until it closes.
//!
//! Secrecy: `vote_receipts` says *who* voted (vote, registration) and nothing else; `ballots` holds *what* was
//! voted, keyed by the SHA-256 of a random key that only the voter's browser holds (a cookie), with no voter,
//! no time and no sequence number. On SQLite both tables are `WITHOUT ROWID`, so rows are stored in the order of
//! their keys (random for ballots, registration order for receipts). On PostgreSQL a table's rows carry the
//! inserting transaction's id (`xmin`) and sit in insertion order, which would link a ballot to its receipt:
//! when a vote closes, its ballots are therefore rewritten in one transaction in key order and the table is
//! vacuumed ([`Store::close_vote`]).

use serde::Serialize;

use crate::{Event, Store, StoreError, StoreResult, Tx, claim, now_ms, with_pool, write_tx};

/// The counting rule of a vote (all from `g1000-tally`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    /// Approve up to `max_choices` options; the `seats` with most votes win.
    Approval,
    /// Spread `max_choices` dots; the `seats` with most dots win.
    Dots,
    /// Rank the options; Schulze orders them, the first `seats` win.
    Schulze,
    /// Rank the options; single transferable vote for `seats`.
    Stv,
    /// Approve options with a cost; Method of Equal Shares (with the Add1 completion) within `budget`.
    Mes,
    /// Approve options with a cost; the most approved first while the `budget` lasts.
    Greedy,
}

impl VoteMethod {
    pub const ALL: &'static [VoteMethod] = &[
        VoteMethod::Approval,
        VoteMethod::Dots,
        VoteMethod::Schulze,
        VoteMethod::Stv,
        VoteMethod::Mes,
        VoteMethod::Greedy,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            VoteMethod::Approval => "approval",
            VoteMethod::Dots => "dots",
            VoteMethod::Schulze => "schulze",
            VoteMethod::Stv => "stv",
            VoteMethod::Mes => "mes",
            VoteMethod::Greedy => "greedy",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|m| m.as_str() == s)
    }
    /// Ranked ballots (an order) rather than a set of approved options or dots.
    pub fn ranked(self) -> bool {
        matches!(self, VoteMethod::Schulze | VoteMethod::Stv)
    }
    /// Options need a cost and the vote a budget.
    pub fn budgeted(self) -> bool {
        matches!(self, VoteMethod::Mes | VoteMethod::Greedy)
    }
}

impl std::fmt::Display for VoteMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteStatus {
    Draft,
    Open,
    Closed,
}

impl VoteStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteStatus::Draft => "draft",
            VoteStatus::Open => "open",
            VoteStatus::Closed => "closed",
        }
    }
    fn parse(s: &str) -> Self {
        match s {
            "open" => VoteStatus::Open,
            "closed" => VoteStatus::Closed,
            _ => VoteStatus::Draft,
        }
    }
}

/// What a new vote is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewVote {
    pub title: String,
    pub method: VoteMethod,
    /// Approval: at most this many choices (0: no limit). Dots: this many dots.
    pub max_choices: i64,
    pub seats: i64,
    pub budget: i64,
    pub hide_results: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vote {
    pub id: i64,
    pub summit_id: i64,
    pub title: String,
    pub method: VoteMethod,
    pub max_choices: i64,
    pub seats: i64,
    pub budget: i64,
    pub hide_results: bool,
    pub status: VoteStatus,
    /// Paper ballots entered by facilitators (counted in; only their number is kept apart).
    pub paper_ballots: i64,
    pub created_at: i64,
    pub opened_at: Option<i64>,
    pub closed_at: Option<i64>,
}

impl Vote {
    pub fn is_open(&self) -> bool {
        self.status == VoteStatus::Open
    }
    pub fn is_closed(&self) -> bool {
        self.status == VoteStatus::Closed
    }
    pub fn is_draft(&self) -> bool {
        self.status == VoteStatus::Draft
    }
    /// Results may be shown: the vote is closed, or it does not hide them while open.
    pub fn results_visible(&self) -> bool {
        self.is_closed() || (self.is_open() && !self.hide_results)
    }
}

#[derive(sqlx::FromRow)]
struct VoteRow {
    id: i64,
    summit_id: i64,
    title: String,
    method: String,
    max_choices: i64,
    seats: i64,
    budget: i64,
    hide_results: bool,
    status: String,
    paper_ballots: i64,
    created_at: i64,
    opened_at: Option<i64>,
    closed_at: Option<i64>,
}

impl From<VoteRow> for Vote {
    fn from(r: VoteRow) -> Self {
        Vote {
            id: r.id,
            summit_id: r.summit_id,
            title: r.title,
            method: VoteMethod::parse(&r.method).unwrap_or(VoteMethod::Approval),
            max_choices: r.max_choices,
            seats: r.seats,
            budget: r.budget,
            hide_results: r.hide_results,
            status: VoteStatus::parse(&r.status),
            paper_ballots: r.paper_ballots,
            created_at: r.created_at,
            opened_at: r.opened_at,
            closed_at: r.closed_at,
        }
    }
}

/// One option of a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct VoteOption {
    pub vote_id: i64,
    /// 1-based; also the tie-breaking order.
    pub position: i64,
    pub proposal_id: Option<i64>,
    pub label: String,
    pub cost: i64,
}

/// A new vote's option: its title, the proposal it stands for, its cost.
pub type NewOption = (String, Option<i64>, i64);

/// What became of a ballot submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BallotOutcome {
    /// A first ballot was stored.
    Saved,
    /// The voter's earlier ballot was replaced.
    Changed,
    /// This submission was handled before (a retry): nothing changed.
    AlreadySaved,
    /// The vote is not open.
    NotOpen,
    /// This person voted already, from a browser holding another ballot key.
    OtherDevice,
    /// The browser's key belongs to someone else's ballot (a shared device): give it a fresh key.
    KeyTaken,
}

const VOTE_COLS: &str = "id, summit_id, title, method, max_choices, seats, budget, hide_results, status, \
                         paper_ballots, created_at, opened_at, closed_at";

impl Store {
    /// Creates a draft vote over the given options (label, proposal, cost), in that order. `None` when the
    /// submission was handled before.
    pub async fn create_vote(
        &self,
        summit_id: i64,
        vote: &NewVote,
        options: &[NewOption],
        submission: &str,
    ) -> StoreResult<Option<Vote>> {
        let sql = format!(
            "INSERT INTO votes (summit_id, title, method, max_choices, seats, budget, hide_results, status, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', $8) RETURNING {VOTE_COLS}"
        );
        let res: Result<Option<VoteRow>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                if !claim!(tx, submission) {
                    return Ok(None);
                }
                let row = sqlx::query_as::<_, VoteRow>(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(summit_id)
                    .bind(&vote.title)
                    .bind(vote.method.as_str())
                    .bind(vote.max_choices)
                    .bind(vote.seats)
                    .bind(vote.budget)
                    .bind(vote.hide_results)
                    .bind(now_ms())
                    .fetch_one(&mut *tx)
                    .await?;
                for (i, (label, proposal, cost)) in options.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO vote_options (vote_id, position, proposal_id, label, cost) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(row.id)
                    .bind(i as i64 + 1)
                    .bind(proposal)
                    .bind(label)
                    .bind(cost)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Some(row))
            }
            .await
        });
        let vote = res?.map(Vote::from);
        if vote.is_some() {
            self.bus().publish(Event::summit(summit_id, "votes")).await;
        }
        Ok(vote)
    }

    /// A summit's votes, newest first.
    pub async fn votes(&self, summit_id: i64) -> StoreResult<Vec<Vote>> {
        let sql = format!("SELECT {VOTE_COLS} FROM votes WHERE summit_id = $1 ORDER BY id DESC");
        let rows = with_pool!(self, read, |p| {
            sqlx::query_as::<_, VoteRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_all(p)
                .await
        })?;
        Ok(rows.into_iter().map(Vote::from).collect())
    }

    pub async fn vote(&self, summit_id: i64, id: i64) -> StoreResult<Vote> {
        let sql = format!("SELECT {VOTE_COLS} FROM votes WHERE id = $1 AND summit_id = $2");
        let row = with_pool!(self, read, |p| {
            sqlx::query_as::<_, VoteRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .bind(summit_id)
                .fetch_optional(p)
                .await
        })?;
        row.map(Vote::from).ok_or(StoreError::NotFound("vote"))
    }

    pub async fn vote_options(&self, vote_id: i64) -> StoreResult<Vec<VoteOption>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, VoteOption>(
                "SELECT vote_id, position, proposal_id, label, cost FROM vote_options WHERE vote_id = $1 \
                 ORDER BY position",
            )
            .bind(vote_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// Opens a draft vote. False when it was not a draft.
    pub async fn open_vote(&self, summit_id: i64, id: i64) -> StoreResult<bool> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE votes SET status = 'open', opened_at = $1 WHERE id = $2 AND summit_id = $3 \
                 AND status = 'draft'",
            )
            .bind(now_ms())
            .bind(id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n > 0 {
            self.bus().publish(Event::summit(summit_id, "votes")).await;
        }
        Ok(n > 0)
    }

    /// Closes an open vote: no ballot changes after this. False when it was not open. On PostgreSQL the vote's
    /// ballots are then rewritten in key order in one transaction (so neither their place in the table nor
    /// their transaction id tells when each was cast) and the table is vacuumed.
    pub async fn close_vote(&self, summit_id: i64, id: i64) -> StoreResult<bool> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE votes SET status = 'closed', closed_at = $1 WHERE id = $2 AND summit_id = $3 \
                 AND status = 'open'",
            )
            .bind(now_ms())
            .bind(id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Ok(false);
        }
        if let crate::Db::Postgres(p) = &self.db {
            let mut tx = p.begin().await?;
            let rows: Vec<(String, String)> = sqlx::query_as(
                "DELETE FROM ballots WHERE vote_id = $1 RETURNING key_hash, content",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await?;
            let mut rows = rows;
            rows.sort();
            for (k, c) in rows {
                sqlx::query("INSERT INTO ballots (vote_id, key_hash, content) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(k)
                    .bind(c)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            sqlx::query("VACUUM ballots").execute(p).await?;
        }
        self.bus().publish(Event::summit(summit_id, "votes")).await;
        Ok(true)
    }

    /// Casts or changes a voter's ballot. `key_hash` is the SHA-256 of the key in the voter's browser; the
    /// receipt records only that `registration_id` voted.
    pub async fn cast_ballot(
        &self,
        vote_id: i64,
        registration_id: i64,
        key_hash: &str,
        content: &str,
        submission: &str,
    ) -> StoreResult<BallotOutcome> {
        let (key_hash, content, submission) = (
            key_hash.to_string(),
            content.to_string(),
            submission.to_string(),
        );
        let res: StoreResult<(BallotOutcome, Option<i64>)> = write_tx!(self, |tx| {
            if !claim!(tx, &submission) {
                return Ok(Tx::Rollback((BallotOutcome::AlreadySaved, None)));
            }
            // Also locks the vote's row on PostgreSQL, so closing waits for ballots on their way.
            let summit: Option<i64> = sqlx::query_scalar(
                    "UPDATE votes SET status = status WHERE id = $1 AND status = 'open' RETURNING summit_id",
                )
                .bind(vote_id)
                .fetch_optional(&mut *tx)
                .await?;
            let Some(summit) = summit else {
                return Ok(Tx::Rollback((BallotOutcome::NotOpen, None)));
            };
            let existing: Option<String> = sqlx::query_scalar(
                "SELECT content FROM ballots WHERE vote_id = $1 AND key_hash = $2",
            )
            .bind(vote_id)
            .bind(&key_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let first = sqlx::query(
                "INSERT INTO vote_receipts (vote_id, registration_id) VALUES ($1, $2) \
                     ON CONFLICT (vote_id, registration_id) DO NOTHING",
            )
            .bind(vote_id)
            .bind(registration_id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            let outcome = match (first, existing.is_some()) {
                (true, true) => return Ok(Tx::Rollback((BallotOutcome::KeyTaken, None))),
                (false, false) => return Ok(Tx::Rollback((BallotOutcome::OtherDevice, None))),
                (true, false) => {
                    sqlx::query(
                        "INSERT INTO ballots (vote_id, key_hash, content) VALUES ($1, $2, $3)",
                    )
                    .bind(vote_id)
                    .bind(&key_hash)
                    .bind(&content)
                    .execute(&mut *tx)
                    .await?;
                    BallotOutcome::Saved
                }
                (false, true) => {
                    sqlx::query(
                        "UPDATE ballots SET content = $1 WHERE vote_id = $2 AND key_hash = $3",
                    )
                    .bind(&content)
                    .bind(vote_id)
                    .bind(&key_hash)
                    .execute(&mut *tx)
                    .await?;
                    BallotOutcome::Changed
                }
            };
            Ok(Tx::Commit((outcome, Some(summit))))
        });
        let (outcome, summit) = res?;
        if let Some(s) = summit {
            self.bus().publish(Event::summit(s, "ballots")).await;
        }
        Ok(outcome)
    }

    /// Enters a paper ballot (a facilitator, for someone without a phone). False for a retried submission.
    /// `key_hash` is random and known to nobody.
    pub async fn add_paper_ballot(
        &self,
        summit_id: i64,
        vote_id: i64,
        key_hash: &str,
        content: &str,
        submission: &str,
    ) -> StoreResult<Result<bool, BallotOutcome>> {
        let res: Result<Result<bool, BallotOutcome>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                if !claim!(tx, submission) {
                    return Ok(Ok(false));
                }
                let n = sqlx::query(
                    "UPDATE votes SET paper_ballots = paper_ballots + 1 WHERE id = $1 \
                         AND summit_id = $2 AND status = 'open'",
                )
                .bind(vote_id)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if n == 0 {
                    return Ok(Err(BallotOutcome::NotOpen));
                }
                sqlx::query("INSERT INTO ballots (vote_id, key_hash, content) VALUES ($1, $2, $3)")
                    .bind(vote_id)
                    .bind(key_hash)
                    .bind(content)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Ok(true))
            }
            .await
        });
        let r = res?;
        if r == Ok(true) {
            self.bus()
                .publish(Event::summit(summit_id, "ballots"))
                .await;
        }
        Ok(r)
    }

    /// The ballot stored under a key hash, if any.
    pub async fn ballot(&self, vote_id: i64, key_hash: &str) -> StoreResult<Option<String>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_scalar("SELECT content FROM ballots WHERE vote_id = $1 AND key_hash = $2")
                .bind(vote_id)
                .bind(key_hash)
                .fetch_optional(p)
                .await
        })?)
    }

    /// Whether a registration has voted in a vote.
    pub async fn has_voted(&self, vote_id: i64, registration_id: i64) -> StoreResult<bool> {
        let n: Option<i64> = with_pool!(self, read, |p| {
            sqlx::query_scalar(
                "SELECT vote_id FROM vote_receipts WHERE vote_id = $1 AND registration_id = $2",
            )
            .bind(vote_id)
            .bind(registration_id)
            .fetch_optional(p)
            .await
        })?;
        Ok(n.is_some())
    }

    /// Every ballot's content, in the order of the random keys (unrelated to the order of voting).
    pub async fn ballots(&self, vote_id: i64) -> StoreResult<Vec<String>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_scalar("SELECT content FROM ballots WHERE vote_id = $1 ORDER BY key_hash")
                .bind(vote_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// (people who voted by phone, ballots stored) of a vote.
    pub async fn vote_counts(&self, vote_id: i64) -> StoreResult<(i64, i64)> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM vote_receipts WHERE vote_id = $1), \
                 (SELECT COUNT(*) FROM ballots WHERE vote_id = $1)",
            )
            .bind(vote_id)
            .fetch_one(p)
            .await
        })?)
    }

    /// The number of people present (checked in) at a summit: the "M" of "N of M voted".
    pub async fn present_count(&self, summit_id: i64) -> StoreResult<i64> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_scalar(
                "SELECT COUNT(*) FROM registrations WHERE summit_id = $1 AND status = 'checked_in'",
            )
            .bind(summit_id)
            .fetch_one(p)
            .await
        })?)
    }
}
