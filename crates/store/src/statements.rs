//! Common ground (issue 7): the statements of a statements round and the participants' opinion votes on them.
//!
//! A statement sent from a phone waits for a facilitator (`pending`); one a facilitator adds is `approved` at
//! once. Moderation approves, hides or edits it with a reason; the original text is always kept. Votes are
//! opinion votes, stored per pseudonymous voter (`participant:PUBLIC_ID`), not secret ballots: the analysis
//! needs to know which votes came from the same person. A voter's later vote on a statement replaces the earlier.
//!
//! New statements and votes publish [`DAY_INPUT_EVENT`](crate::DAY_INPUT_EVENT) (the crew's screens and the
//! projector follow it); a change of what participants can vote on (approve, hide, edit) publishes
//! [`STATEMENTS_EVENT`], which the phones' statements page follows as well.

use serde::Serialize;

use crate::{DAY_INPUT_EVENT, Event, Store, StoreError, StoreResult, Submitted, now_ms, with_pool};

/// The kind of bus event a change of the approved statements publishes.
pub const STATEMENTS_EVENT: &str = "statements";

/// Longest statement, in characters (as in Polis).
pub const STATEMENT_MAX_CHARS: usize = 140;

/// A statement to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatement {
    /// The round it was sent in (`None`: added outside a round).
    pub round_id: Option<i64>,
    /// Pseudonymous: `participant:PUBLIC_ID` or `user#ID`.
    pub author: String,
    pub text: String,
    /// The form's random id: the same id twice stores one statement.
    pub submission_id: String,
    /// Added by a facilitator: approved at once (a participant's waits for moderation).
    pub approved: bool,
}

/// A stored statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Statement {
    pub id: i64,
    pub summit_id: i64,
    pub round_id: Option<i64>,
    pub author: String,
    /// As sent; never changed.
    pub original: String,
    /// As shown (after a moderator's edit).
    pub shown: String,
    /// pending, approved or hidden.
    pub status: String,
    /// The moderator's reason for the last hide or edit.
    pub reason: String,
    /// The agenda theme made from this statement.
    pub theme_id: Option<i64>,
    pub created_at: i64,
}

impl Statement {
    pub fn approved(&self) -> bool {
        self.status == "approved"
    }
    pub fn pending(&self) -> bool {
        self.status == "pending"
    }
    pub fn hidden(&self) -> bool {
        self.status == "hidden"
    }
}

/// A moderator's change to a statement (the original text is always kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum StatementModeration {
    Approve,
    Hide,
    /// New shown text; the statement is approved with it.
    Edit(String),
}

/// One opinion vote: +1 agree, −1 disagree, 0 pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StatementVote {
    pub statement_id: i64,
    pub voter: String,
    pub vote: i64,
}

/// What identifies the state of a summit's votes and approved statements: when it is unchanged, an analysis
/// made from them is still current.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct OpinionVersion {
    pub votes: i64,
    pub last_vote_at: i64,
    pub vote_sum: i64,
    /// The approved statements' ids with their shown text's length (an edit usually changes it).
    pub approved: Vec<(i64, i64)>,
}

const COLS: &str =
    "id, summit_id, round_id, author, original, shown, status, reason, theme_id, created_at";

impl Store {
    async fn publish_kind(&self, summit_id: i64, kind: &str) {
        self.bus().publish(Event::summit(summit_id, kind)).await;
    }

    /// Store a statement (text already checked by the caller). Idempotent on `submission_id`: a retried post
    /// is stored once and reported as a duplicate.
    pub async fn add_statement(&self, summit_id: i64, s: &NewStatement) -> StoreResult<Submitted> {
        if let Some(r) = s.round_id {
            let ok: Option<i64> = with_pool!(self, read, |p| {
                sqlx::query_scalar("SELECT id FROM rounds WHERE id = $1 AND summit_id = $2")
                    .bind(r)
                    .bind(summit_id)
                    .fetch_optional(p)
                    .await
            })?;
            if ok.is_none() {
                return Err(StoreError::NotFound("round"));
            }
        }
        let status = if s.approved { "approved" } else { "pending" };
        let inserted: Option<i64> = with_pool!(self, write, |p| {
            sqlx::query_scalar(
                "INSERT INTO day_statements (summit_id, round_id, author, original, shown, status, \
                 submission_id, created_at) VALUES ($1, $2, $3, $4, $4, $5, $6, $7) \
                 ON CONFLICT (submission_id) DO NOTHING RETURNING id",
            )
            .bind(summit_id)
            .bind(s.round_id)
            .bind(&s.author)
            .bind(&s.text)
            .bind(status)
            .bind(&s.submission_id)
            .bind(now_ms())
            .fetch_optional(p)
            .await
        })?;
        if let Some(id) = inserted {
            self.publish_kind(
                summit_id,
                if s.approved {
                    STATEMENTS_EVENT
                } else {
                    DAY_INPUT_EVENT
                },
            )
            .await;
            return Ok(Submitted::Saved(id));
        }
        let existing: Option<i64> = with_pool!(self, write, |p| {
            sqlx::query_scalar(
                "SELECT id FROM day_statements WHERE submission_id = $1 AND summit_id = $2",
            )
            .bind(&s.submission_id)
            .bind(summit_id)
            .fetch_optional(p)
            .await
        })?;
        // Otherwise the id belongs to another summit's submission.
        existing
            .map(Submitted::Duplicate)
            .ok_or(StoreError::Conflict("this submission id"))
    }

    /// Every statement of a summit, oldest first.
    pub async fn statements(&self, summit_id: i64) -> StoreResult<Vec<Statement>> {
        let sql = format!("SELECT {COLS} FROM day_statements WHERE summit_id = $1 ORDER BY id");
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Statement>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// One statement of a summit.
    pub async fn statement(&self, summit_id: i64, id: i64) -> StoreResult<Statement> {
        let sql = format!("SELECT {COLS} FROM day_statements WHERE summit_id = $1 AND id = $2");
        with_pool!(self, read, |p| {
            sqlx::query_as::<_, Statement>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .bind(id)
                .fetch_optional(p)
                .await
        })?
        .ok_or(StoreError::NotFound("statement"))
    }

    /// Approve, hide or edit a statement, with the moderator's reason. The original text is kept. A participant's
    /// statement, once shown, counts as agreed with by its author.
    pub async fn moderate_statement(
        &self,
        summit_id: i64,
        id: i64,
        action: &StatementModeration,
        reason: &str,
    ) -> StoreResult<Statement> {
        let current = self.statement(summit_id, id).await?;
        let (shown, status) = match action {
            StatementModeration::Approve => (current.shown.clone(), "approved"),
            StatementModeration::Hide => (current.shown.clone(), "hidden"),
            StatementModeration::Edit(t) => (t.clone(), "approved"),
        };
        with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE day_statements SET shown = $1, status = $2, reason = $3 WHERE id = $4 AND summit_id = $5",
            )
            .bind(&shown)
            .bind(status)
            .bind(reason)
            .bind(id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        // A participant agrees with their own statement (as in Polis): counted once it is shown.
        if status == "approved"
            && (current.author.starts_with("participant:") || current.author.starts_with("online:"))
        {
            with_pool!(self, write, |p| {
                sqlx::query(
                    "INSERT INTO day_statement_votes (statement_id, summit_id, voter, vote, updated_at) \
                     VALUES ($1, $2, $3, 1, $4) ON CONFLICT (statement_id, voter) DO NOTHING",
                )
                .bind(id)
                .bind(summit_id)
                .bind(&current.author)
                .bind(now_ms())
                .execute(p)
                .await
                .map(|r| r.rows_affected())
            })?;
        }
        self.publish_kind(summit_id, STATEMENTS_EVENT).await;
        self.statement(summit_id, id).await
    }

    /// Record the agenda theme made from a statement.
    pub async fn set_statement_theme(
        &self,
        summit_id: i64,
        id: i64,
        theme_id: i64,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query("UPDATE day_statements SET theme_id = $1 WHERE id = $2 AND summit_id = $3")
                .bind(theme_id)
                .bind(id)
                .bind(summit_id)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("statement"));
        }
        self.publish_kind(summit_id, DAY_INPUT_EVENT).await;
        Ok(())
    }

    /// A voter's vote on an approved statement (+1 agree, −1 disagree, 0 pass); it replaces their earlier vote.
    pub async fn cast_statement_vote(
        &self,
        summit_id: i64,
        statement_id: i64,
        voter: &str,
        vote: i64,
    ) -> StoreResult<()> {
        if !(-1..=1).contains(&vote) {
            return Err(StoreError::Conflict(
                "a vote other than agree, disagree or pass",
            ));
        }
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "INSERT INTO day_statement_votes (statement_id, summit_id, voter, vote, updated_at) \
                 SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM day_statements WHERE id = $1 \
                 AND summit_id = $2 AND status = 'approved') \
                 ON CONFLICT (statement_id, voter) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at",
            )
            .bind(statement_id)
            .bind(summit_id)
            .bind(voter)
            .bind(vote)
            .bind(now_ms())
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("approved statement"));
        }
        self.publish_kind(summit_id, DAY_INPUT_EVENT).await;
        Ok(())
    }

    /// A voter's votes: (statement id, vote), by statement.
    pub async fn statement_votes_of(
        &self,
        summit_id: i64,
        voter: &str,
    ) -> StoreResult<Vec<(i64, i64)>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT statement_id, vote FROM day_statement_votes WHERE summit_id = $1 AND voter = $2 \
                 ORDER BY statement_id",
            )
            .bind(summit_id)
            .bind(voter)
            .fetch_all(p)
            .await
        })?)
    }

    /// Every vote on the summit's approved statements, by voter and statement (the analysis's input).
    pub async fn statement_votes(&self, summit_id: i64) -> StoreResult<Vec<StatementVote>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, StatementVote>(
                "SELECT v.statement_id, v.voter, v.vote FROM day_statement_votes v \
                 JOIN day_statements s ON s.id = v.statement_id \
                 WHERE v.summit_id = $1 AND s.status = 'approved' ORDER BY v.voter, v.statement_id",
            )
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// Open or close the online statements page of a summit. Returns whether anything changed.
    pub async fn set_online_statements(&self, summit_id: i64, open: bool) -> StoreResult<bool> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "INSERT INTO online_statements (summit_id, open, updated_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (summit_id) DO UPDATE SET open = excluded.open, updated_at = excluded.updated_at \
                 WHERE online_statements.open <> excluded.open",
            )
            .bind(summit_id)
            .bind(open)
            .bind(now_ms())
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n > 0 {
            self.publish_kind(summit_id, STATEMENTS_EVENT).await;
        }
        Ok(n > 0)
    }

    /// Whether the online statements page of a summit is open.
    pub async fn online_statements_open(&self, summit_id: i64) -> StoreResult<bool> {
        let open: Option<bool> = with_pool!(self, read, |p| {
            sqlx::query_scalar("SELECT open FROM online_statements WHERE summit_id = $1")
                .bind(summit_id)
                .fetch_optional(p)
                .await
        })?;
        Ok(open.unwrap_or(false))
    }

    /// The current version of the votes and approved statements (cheap: one aggregate and the ids).
    pub async fn opinion_version(&self, summit_id: i64) -> StoreResult<OpinionVersion> {
        let (votes, last_vote_at, vote_sum): (i64, Option<i64>, Option<i64>) =
            with_pool!(self, read, |p| {
                sqlx::query_as(
                    "SELECT COUNT(*), MAX(updated_at), CAST(SUM(vote * statement_id) AS BIGINT) \
                     FROM day_statement_votes WHERE summit_id = $1",
                )
                .bind(summit_id)
                .fetch_one(p)
                .await
            })?;
        let approved: Vec<(i64, i64)> = with_pool!(self, read, |p| {
            sqlx::query_as(
                "SELECT id, CAST(LENGTH(shown) AS BIGINT) FROM day_statements \
                 WHERE summit_id = $1 AND status = 'approved' ORDER BY id",
            )
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?;
        Ok(OpinionVersion {
            votes,
            last_vote_at: last_vote_at.unwrap_or(0),
            vote_sum: vote_sum.unwrap_or(0),
            approved,
        })
    }
}
