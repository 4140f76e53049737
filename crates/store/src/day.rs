//! The day (issue 6, part A): participants' phone sessions opened with their badge code, where the programme
//! stands (current round, timer), attendance at the tables, keywords with idempotent submission and their
//! moderation, themes and the theme vote.
//!
//! Every change publishes an event of kind `day` on the summit's topic, so the four live screens follow.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::audit::{AuditDraft, append, lost_race};
use crate::{Event, Store, StoreError, StoreResult, Tx, now_ms, with_pool, write_tx};

/// The kind of bus event every change of the day publishes.
pub const DAY_EVENT: &str = "day";
/// The kind of change of the hall's input (sessions opened, attendance, keywords and their moderation, dots
/// cast): only the crew's screens and the projector follow it, so a thousand phones do not reload on every
/// keyword somebody else sends.
pub const DAY_INPUT_EVENT: &str = "day-input";

/// Longest keyword, in characters.
pub const KEYWORD_MAX_CHARS: usize = 60;

/// A participant holding a day session: a confirmed or checked-in registration of one summit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DayParticipant {
    pub registration_id: i64,
    pub public_id: String,
    pub summit_id: i64,
    pub group_id: i64,
    pub status: String,
}

/// What typing (or scanning) a badge code to open one's phone screen did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum DayStart {
    /// A session was created for this participant.
    Started(DayParticipant),
    /// No badge of this summit has this code.
    Unknown,
    /// The badge belongs to someone who is not (any more) a confirmed participant.
    NotConfirmed { status: String },
}

/// Where the programme of a summit stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DayState {
    pub summit_id: i64,
    /// The current round; `None` before the start (or after the last round).
    pub round_id: Option<i64>,
    /// When the current round began.
    pub round_started: Option<i64>,
    /// When the timer last started running; `None` while paused.
    pub running_since: Option<i64>,
    /// Time the timer ran before `running_since`.
    pub elapsed_ms: i64,
    /// Dots per participant in the theme vote.
    pub dots: i64,
    /// none, open or closed.
    pub vote_status: String,
    pub updated_at: i64,
}

impl DayState {
    fn empty(summit_id: i64) -> Self {
        Self {
            summit_id,
            round_id: None,
            round_started: None,
            running_since: None,
            elapsed_ms: 0,
            dots: 3,
            vote_status: "none".into(),
            updated_at: 0,
        }
    }

    /// How long the current round's timer has run at `now` (milliseconds).
    pub fn elapsed_at(&self, now: i64) -> i64 {
        self.elapsed_ms + self.running_since.map_or(0, |s| (now - s).max(0))
    }

    pub fn running(&self) -> bool {
        self.running_since.is_some()
    }
}

/// A keyword to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewKeyword {
    pub round_id: i64,
    /// The participant who sent it from their phone.
    pub registration_id: Option<i64>,
    /// The table a host entered it for.
    pub table_id: Option<i64>,
    /// Pseudonymous: `participant:PUBLIC_ID` or `user#ID`.
    pub entered_by: String,
    pub text: String,
    /// The form's random id: the same id twice stores one keyword.
    pub submission_id: String,
}

/// What storing a keyword did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Submitted {
    /// Stored now, with this id.
    Saved(i64),
    /// This submission was stored before (a retried post): nothing changed.
    Duplicate(i64),
}

impl Submitted {
    pub fn id(self) -> i64 {
        match self {
            Submitted::Saved(id) | Submitted::Duplicate(id) => id,
        }
    }
}

/// A stored keyword.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Keyword {
    pub id: i64,
    pub summit_id: i64,
    pub round_id: i64,
    pub registration_id: Option<i64>,
    pub table_id: Option<i64>,
    pub entered_by: String,
    /// As sent; never changed.
    pub original: String,
    /// As shown (after a moderator's edit or merge).
    pub shown: String,
    pub hidden: bool,
    pub merged_into: Option<i64>,
    /// The moderator's reason for the last hide, edit or merge.
    pub reason: String,
    pub theme_id: Option<i64>,
    pub created_at: i64,
}

/// A moderator's change to a keyword (the original text is always kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Moderation {
    Hide,
    Show,
    Edit(String),
    /// Count it as this other keyword (its shown text is taken over).
    Merge(i64),
}

/// One word of the word cloud: a shown text and how often it was sent (visible keywords only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CloudWord {
    pub word: String,
    pub count: i64,
}

/// Live participation counters for the console and the projector (no personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DayCounters {
    /// Confirmed plus checked-in participants.
    pub expected: i64,
    pub checked_in: i64,
    /// Participants with an open phone session.
    pub phones: i64,
    /// Visible keywords in the current round.
    pub keywords: i64,
    /// Participants and tables who sent a keyword in the current round.
    pub contributors: i64,
}

/// A person seated at a table in a round, for the host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TableSeat {
    pub registration_id: i64,
    pub public_id: String,
    /// `None` once the personal data is deleted.
    pub name: Option<String>,
    /// The host's mark for this round: `None` until marked.
    pub present: Option<bool>,
}

/// A theme of the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Theme {
    pub id: i64,
    pub summit_id: i64,
    pub name: String,
    pub merged_into: Option<i64>,
    pub created_at: i64,
}

const KW_COLS: &str = "id, summit_id, round_id, registration_id, table_id, entered_by, original, shown, \
     hidden, merged_into, reason, theme_id, created_at";
const STATE_COLS: &str =
    "summit_id, round_id, round_started, running_since, elapsed_ms, dots, vote_status, updated_at";

/// The key a keyword counts under in the cloud: trimmed, lower case, inner whitespace collapsed.
pub fn keyword_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Store {
    async fn publish_day(&self, summit_id: i64) {
        self.bus()
            .publish(Event::summit(summit_id, DAY_EVENT))
            .await;
    }

    async fn publish_day_input(&self, summit_id: i64) {
        self.bus()
            .publish(Event::summit(summit_id, DAY_INPUT_EVENT))
            .await;
    }

    // ---- participant sessions ----

    /// Open a phone session for the holder of a badge code (normalised by the caller) of this summit. Only a
    /// confirmed or checked-in participant gets one; the token's hash is stored, never the token.
    pub async fn start_day_session(
        &self,
        summit_id: i64,
        code: &str,
        token_hash: &str,
        lifetime_ms: i64,
    ) -> StoreResult<DayStart> {
        let holder: Option<DayParticipant> = with_pool!(self, read, |p| {
            sqlx::query_as::<_, DayParticipant>(
                "SELECT r.id AS registration_id, r.public_id, r.summit_id, r.group_id, r.status \
                 FROM badges b JOIN registrations r ON r.id = b.registration_id \
                 WHERE b.summit_id = $1 AND b.code = $2",
            )
            .bind(summit_id)
            .bind(code)
            .fetch_optional(p)
            .await
        })?;
        let Some(holder) = holder else {
            return Ok(DayStart::Unknown);
        };
        if !matches!(holder.status.as_str(), "confirmed" | "checked_in") {
            return Ok(DayStart::NotConfirmed {
                status: holder.status,
            });
        }
        let now = now_ms();
        with_pool!(self, write, |p| {
            sqlx::query(
                "INSERT INTO day_sessions (token_hash, registration_id, summit_id, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(token_hash)
            .bind(holder.registration_id)
            .bind(summit_id)
            .bind(now)
            .bind(now + lifetime_ms)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })
        .map_err(|e| StoreError::unique_as(e, "this session"))?;
        self.publish_day_input(summit_id).await;
        Ok(DayStart::Started(holder))
    }

    /// The participant a live session belongs to, while they are still a confirmed (or checked-in) participant.
    pub async fn day_session(&self, token_hash: &str) -> StoreResult<Option<DayParticipant>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, DayParticipant>(
                "SELECT r.id AS registration_id, r.public_id, r.summit_id, r.group_id, r.status \
                 FROM day_sessions s JOIN registrations r ON r.id = s.registration_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2 AND r.status IN ('confirmed', 'checked_in')",
            )
            .bind(token_hash)
            .bind(now_ms())
            .fetch_optional(p)
            .await
        })?)
    }

    /// End a phone session (the participant closes it, or hands the phone on).
    pub async fn end_day_session(&self, token_hash: &str) -> StoreResult<()> {
        let summit: Option<i64> = with_pool!(self, write, |p| {
            sqlx::query_scalar("DELETE FROM day_sessions WHERE token_hash = $1 RETURNING summit_id")
                .bind(token_hash)
                .fetch_optional(p)
                .await
        })?;
        if let Some(s) = summit {
            self.publish_day_input(s).await;
        }
        Ok(())
    }

    // ---- the programme's state ----

    /// Where the programme of a summit stands (not started when nothing was stored yet).
    pub async fn day_state(&self, summit_id: i64) -> StoreResult<DayState> {
        let sql = format!("SELECT {STATE_COLS} FROM day_state WHERE summit_id = $1");
        let row = with_pool!(self, read, |p| {
            sqlx::query_as::<_, DayState>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_optional(p)
                .await
        })?;
        Ok(row.unwrap_or_else(|| DayState::empty(summit_id)))
    }

    async fn ensure_day_state(&self, summit_id: i64) -> StoreResult<()> {
        with_pool!(self, write, |p| {
            sqlx::query(
                "INSERT INTO day_state (summit_id, updated_at) VALUES ($1, $2) ON CONFLICT (summit_id) DO NOTHING",
            )
            .bind(summit_id)
            .bind(now_ms())
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// Move the programme from round `from` to round `to` (`None`: not started / finished); the new round's timer
    /// starts at once. Refused (false, nothing changed) when the programme is no longer at `from`, so a retried or
    /// doubled "next round" never skips a round. `to` must be a round of this summit.
    pub async fn move_day_round(
        &self,
        summit_id: i64,
        from: Option<i64>,
        to: Option<i64>,
    ) -> StoreResult<bool> {
        if let Some(r) = to {
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
        self.ensure_day_state(summit_id).await?;
        let now = now_ms();
        let started = to.map(|_| now);
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE day_state SET round_id = $1, round_started = $2, running_since = $2, elapsed_ms = 0, \
                 updated_at = $3 WHERE summit_id = $4 AND round_id IS NOT DISTINCT FROM $5",
            )
            .bind(to)
            .bind(started)
            .bind(now)
            .bind(summit_id)
            .bind(from)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n > 0 {
            self.publish_day(summit_id).await;
        }
        Ok(n > 0)
    }

    /// Pause (`running` false) or resume the current round's timer. Returns whether anything changed.
    pub async fn set_day_timer(&self, summit_id: i64, running: bool) -> StoreResult<bool> {
        let now = now_ms();
        let n = with_pool!(self, write, |p| {
            if running {
                sqlx::query(
                    "UPDATE day_state SET running_since = $1, updated_at = $1 WHERE summit_id = $2 \
                     AND round_id IS NOT NULL AND running_since IS NULL",
                )
                .bind(now)
                .bind(summit_id)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
            } else {
                sqlx::query(
                    "UPDATE day_state SET elapsed_ms = elapsed_ms + ($1 - running_since), running_since = NULL, \
                     updated_at = $1 WHERE summit_id = $2 AND running_since IS NOT NULL",
                )
                .bind(now)
                .bind(summit_id)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
            }
        })?;
        if n > 0 {
            self.publish_day(summit_id).await;
        }
        Ok(n > 0)
    }

    // ---- tables in a round ----

    /// The table a participant sits at in a round, if seated.
    pub async fn day_table_of(
        &self,
        round_id: i64,
        registration_id: i64,
    ) -> StoreResult<Option<crate::SeatingTable>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, crate::SeatingTable>(
                "SELECT t.id, t.summit_id, t.number, t.capacity, t.accessible, t.language, t.host_user_id \
                 FROM seating_assignments a JOIN seating_tables t ON t.id = a.table_id \
                 WHERE a.round_id = $1 AND a.registration_id = $2",
            )
            .bind(round_id)
            .bind(registration_id)
            .fetch_optional(p)
            .await
        })?)
    }

    /// The people seated at a table in a round, with their attendance marks, by name.
    pub async fn table_seats(&self, round_id: i64, table_id: i64) -> StoreResult<Vec<TableSeat>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, TableSeat>(
                "SELECT r.id AS registration_id, r.public_id, c.name, d.present \
                 FROM seating_assignments a JOIN registrations r ON r.id = a.registration_id \
                 LEFT JOIN registration_contact c ON c.registration_id = r.id \
                 LEFT JOIN day_attendance d ON d.round_id = a.round_id AND d.registration_id = r.id \
                 WHERE a.round_id = $1 AND a.table_id = $2 ORDER BY c.name, r.public_id",
            )
            .bind(round_id)
            .bind(table_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// Mark a person present or absent at their table in a round (the last mark counts). The person must be
    /// seated in that round.
    pub async fn mark_attendance(
        &self,
        summit_id: i64,
        round_id: i64,
        registration_id: i64,
        present: bool,
        by: &str,
    ) -> StoreResult<()> {
        let seated: Option<i64> = with_pool!(self, read, |p| {
            sqlx::query_scalar(
                "SELECT registration_id FROM seating_assignments WHERE summit_id = $1 AND round_id = $2 \
                 AND registration_id = $3",
            )
            .bind(summit_id)
            .bind(round_id)
            .bind(registration_id)
            .fetch_optional(p)
            .await
        })?;
        if seated.is_none() {
            return Err(StoreError::NotFound("seat"));
        }
        with_pool!(self, write, |p| {
            sqlx::query(
                "INSERT INTO day_attendance (round_id, registration_id, summit_id, present, marked_by, marked_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (round_id, registration_id) DO UPDATE \
                 SET present = excluded.present, marked_by = excluded.marked_by, marked_at = excluded.marked_at",
            )
            .bind(round_id)
            .bind(registration_id)
            .bind(summit_id)
            .bind(present)
            .bind(by)
            .bind(now_ms())
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        self.publish_day_input(summit_id).await;
        Ok(())
    }

    // ---- keywords ----

    /// Store a keyword (text already checked by the caller). Idempotent on `submission_id`: the same submission
    /// sent twice (a retry after a dropped connection) is stored once and reported as a duplicate.
    pub async fn add_keyword(&self, summit_id: i64, k: &NewKeyword) -> StoreResult<Submitted> {
        self.add_keyword_recorded(summit_id, k, None).await
    }

    /// [`Store::add_keyword`], and when the keyword is new, the audit event `audit` (its detail, an object, gets
    /// the field `keyword`: the new keyword's id) in the same transaction.
    pub async fn add_keyword_recorded(
        &self,
        summit_id: i64,
        k: &NewKeyword,
        audit: Option<AuditDraft>,
    ) -> StoreResult<Submitted> {
        for _ in 0..10 {
            match self.add_keyword_once(summit_id, k, audit.clone()).await {
                Err(e) if lost_race(&e) && audit.is_some() => continue,
                other => return other,
            }
        }
        Err(StoreError::Conflict("a newer audit event"))
    }

    async fn add_keyword_once(
        &self,
        summit_id: i64,
        k: &NewKeyword,
        audit: Option<AuditDraft>,
    ) -> StoreResult<Submitted> {
        let k = k.clone();
        let now = now_ms();
        // One write (batched with others on SQLite): the insert and its audit event, or on a retry the keyword
        // stored before.
        let found: StoreResult<Submitted> = write_tx!(self, |c| {
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO day_keywords (summit_id, round_id, registration_id, table_id, entered_by, original, \
                 shown, submission_id, created_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $6, $7, $8 WHERE EXISTS \
                 (SELECT 1 FROM rounds WHERE id = $2 AND summit_id = $1) \
                 ON CONFLICT (submission_id) DO NOTHING RETURNING id",
            )
            .bind(summit_id)
            .bind(k.round_id)
            .bind(k.registration_id)
            .bind(k.table_id)
            .bind(&k.entered_by)
            .bind(&k.text)
            .bind(&k.submission_id)
            .bind(now)
            .fetch_optional(&mut *c)
            .await?;
            if let Some(id) = inserted {
                if let Some(mut draft) = audit {
                    if let Some(o) = draft.detail.as_object_mut() {
                        o.insert("keyword".into(), id.into());
                    }
                    append!(c, summit_id, &draft).await?;
                }
                return Ok(Tx::Commit(Ok(Submitted::Saved(id))));
            }
            let existing: Option<i64> = sqlx::query_scalar(
                "SELECT id FROM day_keywords WHERE submission_id = $1 AND summit_id = $2",
            )
            .bind(&k.submission_id)
            .bind(summit_id)
            .fetch_optional(&mut *c)
            .await?;
            if let Some(id) = existing {
                return Ok(Tx::Rollback(Ok(Submitted::Duplicate(id))));
            }
            let round: Option<i64> =
                sqlx::query_scalar("SELECT id FROM rounds WHERE id = $1 AND summit_id = $2")
                    .bind(k.round_id)
                    .bind(summit_id)
                    .fetch_optional(&mut *c)
                    .await?;
            Ok(Tx::Rollback(Err(match round {
                None => StoreError::NotFound("round"),
                // The id belongs to another summit's submission.
                Some(_) => StoreError::Conflict("this submission id"),
            })))
        })?;
        let done = found?;
        if matches!(done, Submitted::Saved(_)) {
            self.publish_day_input(summit_id).await;
        }
        Ok(done)
    }

    /// Every keyword of a summit, oldest first.
    pub async fn keywords(&self, summit_id: i64) -> StoreResult<Vec<Keyword>> {
        let sql = format!("SELECT {KW_COLS} FROM day_keywords WHERE summit_id = $1 ORDER BY id");
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Keyword>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// A participant's own keywords in one round, oldest first.
    pub async fn keywords_of(
        &self,
        summit_id: i64,
        registration_id: i64,
        round_id: i64,
    ) -> StoreResult<Vec<Keyword>> {
        let sql = format!(
            "SELECT {KW_COLS} FROM day_keywords WHERE summit_id = $1 AND registration_id = $2 \
             AND round_id = $3 ORDER BY id"
        );
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Keyword>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .bind(registration_id)
                .bind(round_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// The keywords a table's host entered for a table in one round, oldest first.
    pub async fn table_keywords(
        &self,
        summit_id: i64,
        table_id: i64,
        round_id: i64,
    ) -> StoreResult<Vec<Keyword>> {
        let sql = format!(
            "SELECT {KW_COLS} FROM day_keywords WHERE summit_id = $1 AND table_id = $2 \
             AND round_id = $3 ORDER BY id"
        );
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Keyword>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .bind(table_id)
                .bind(round_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// One keyword of a summit.
    pub async fn keyword(&self, summit_id: i64, id: i64) -> StoreResult<Keyword> {
        let sql = format!("SELECT {KW_COLS} FROM day_keywords WHERE summit_id = $1 AND id = $2");
        with_pool!(self, read, |p| {
            sqlx::query_as::<_, Keyword>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .bind(id)
                .fetch_optional(p)
                .await
        })?
        .ok_or(StoreError::NotFound("keyword"))
    }

    /// Hide, show, edit or merge a keyword, with the moderator's reason. The original text is kept.
    pub async fn moderate_keyword(
        &self,
        summit_id: i64,
        id: i64,
        action: &Moderation,
        reason: &str,
    ) -> StoreResult<Keyword> {
        let current = self.keyword(summit_id, id).await?;
        let (shown, hidden, merged_into) = match action {
            Moderation::Hide => (current.shown.clone(), true, current.merged_into),
            Moderation::Show => (current.shown.clone(), false, current.merged_into),
            Moderation::Edit(text) => (text.clone(), current.hidden, None),
            Moderation::Merge(target) => {
                if *target == id {
                    return Err(StoreError::Conflict("a keyword merged into itself"));
                }
                let t = self.keyword(summit_id, *target).await?;
                (t.shown, current.hidden, Some(t.id))
            }
        };
        with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE day_keywords SET shown = $1, hidden = $2, merged_into = $3, reason = $4 \
                 WHERE id = $5 AND summit_id = $6",
            )
            .bind(&shown)
            .bind(hidden)
            .bind(merged_into)
            .bind(reason)
            .bind(id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        // Keywords merged into this one follow its new text.
        if matches!(action, Moderation::Edit(_) | Moderation::Merge(_)) {
            with_pool!(self, write, |p| {
                sqlx::query(
                    "UPDATE day_keywords SET shown = $1 WHERE merged_into = $2 AND summit_id = $3",
                )
                .bind(&shown)
                .bind(id)
                .bind(summit_id)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
            })?;
        }
        self.publish_day_input(summit_id).await;
        self.keyword(summit_id, id).await
    }

    /// Add (or change) a synonym: `word` counts as `canonical` in the word cloud.
    pub async fn set_synonym(
        &self,
        summit_id: i64,
        word: &str,
        canonical: &str,
    ) -> StoreResult<()> {
        with_pool!(self, write, |p| {
            sqlx::query(
                "INSERT INTO day_synonyms (summit_id, word, canonical) VALUES ($1, $2, $3) \
                 ON CONFLICT (summit_id, word) DO UPDATE SET canonical = excluded.canonical",
            )
            .bind(summit_id)
            .bind(keyword_key(word))
            .bind(canonical.trim())
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        self.publish_day_input(summit_id).await;
        Ok(())
    }

    /// The synonyms of a summit: (word, canonical), by word.
    pub async fn synonyms(&self, summit_id: i64) -> StoreResult<Vec<(String, String)>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, (String, String)>(
                "SELECT word, canonical FROM day_synonyms WHERE summit_id = $1 ORDER BY word",
            )
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// The word cloud: visible keywords counted by their shown text (case and spacing ignored, synonyms
    /// applied), most frequent first, then alphabetically. `round_id` limits it to one round.
    pub async fn word_cloud(
        &self,
        summit_id: i64,
        round_id: Option<i64>,
    ) -> StoreResult<Vec<CloudWord>> {
        let rows: Vec<(String, i64)> = with_pool!(self, read, |p| {
            sqlx::query_as(
                "SELECT shown, round_id FROM day_keywords WHERE summit_id = $1 AND NOT hidden \
                 AND (CAST($2 AS BIGINT) IS NULL OR round_id = $2)",
            )
            .bind(summit_id)
            .bind(round_id)
            .fetch_all(p)
            .await
        })?;
        let synonyms: BTreeMap<String, String> =
            self.synonyms(summit_id).await?.into_iter().collect();
        // key -> (the first shown form, count)
        let mut counts: BTreeMap<String, (String, i64)> = BTreeMap::new();
        for (shown, _) in rows {
            let key = keyword_key(&shown);
            let (key, form) = match synonyms.get(&key) {
                Some(c) => (keyword_key(c), c.clone()),
                None => (key, shown.trim().to_string()),
            };
            counts.entry(key).or_insert((form, 0)).1 += 1;
        }
        let mut out: Vec<CloudWord> = counts
            .into_values()
            .map(|(word, count)| CloudWord { word, count })
            .collect();
        out.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| keyword_key(&a.word).cmp(&keyword_key(&b.word)))
        });
        Ok(out)
    }

    /// Live counters for a summit; keywords and contributors count the given round.
    pub async fn day_counters(
        &self,
        summit_id: i64,
        round_id: Option<i64>,
    ) -> StoreResult<DayCounters> {
        let now = now_ms();
        let (expected, checked_in, phones): (i64, i64, i64) = with_pool!(self, read, |p| {
            sqlx::query_as(
                "SELECT \
                 (SELECT COUNT(*) FROM registrations WHERE summit_id = $1 AND status IN ('confirmed', 'checked_in')), \
                 (SELECT COUNT(*) FROM registrations WHERE summit_id = $1 AND status = 'checked_in'), \
                 (SELECT COUNT(DISTINCT s.registration_id) FROM day_sessions s JOIN registrations r \
                  ON r.id = s.registration_id WHERE s.summit_id = $1 AND s.expires_at > $2 \
                  AND r.status IN ('confirmed', 'checked_in'))",
            )
            .bind(summit_id)
            .bind(now)
            .fetch_one(p)
            .await
        })?;
        let (keywords, contributors): (i64, i64) = match round_id {
            None => (0, 0),
            Some(r) => with_pool!(self, read, |p| {
                sqlx::query_as(
                    "SELECT COUNT(*), COUNT(DISTINCT COALESCE('p' || CAST(registration_id AS TEXT), \
                     't' || CAST(table_id AS TEXT), entered_by)) \
                     FROM day_keywords WHERE summit_id = $1 AND round_id = $2 AND NOT hidden",
                )
                .bind(summit_id)
                .bind(r)
                .fetch_one(p)
                .await
            })?,
        };
        Ok(DayCounters {
            expected,
            checked_in,
            phones,
            keywords,
            contributors,
        })
    }

    // ---- the theme vote ----

    /// Open (`open`) or close (`closed`) the theme vote with `dots` per participant; `none` resets to not
    /// started. Returns whether anything changed.
    pub async fn set_theme_vote(
        &self,
        summit_id: i64,
        status: &str,
        dots: i64,
    ) -> StoreResult<bool> {
        if !matches!(status, "none" | "open" | "closed") {
            return Err(StoreError::Conflict("an unknown vote status"));
        }
        if !(1..=20).contains(&dots) {
            return Err(StoreError::Conflict("dots outside 1 to 20"));
        }
        self.ensure_day_state(summit_id).await?;
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE day_state SET vote_status = $1, dots = $2, updated_at = $3 WHERE summit_id = $4 \
                 AND (vote_status <> $1 OR dots <> $2)",
            )
            .bind(status)
            .bind(dots)
            .bind(now_ms())
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n > 0 {
            self.publish_day(summit_id).await;
        }
        Ok(n > 0)
    }

    /// A participant's dots: replaces their whole earlier allocation (so a retried post changes nothing), while
    /// the vote is open. Themes must be in use; the total may not exceed the dots per participant.
    pub async fn set_theme_dots(
        &self,
        summit_id: i64,
        registration_id: i64,
        dots: &[(i64, i64)],
    ) -> StoreResult<()> {
        let state = self.day_state(summit_id).await?;
        if state.vote_status != "open" {
            return Err(StoreError::Conflict("a closed vote"));
        }
        let total: i64 = dots.iter().map(|d| d.1).sum();
        if dots.iter().any(|d| d.1 < 0) || total > state.dots {
            return Err(StoreError::Conflict("more dots than allowed"));
        }
        let themes = self.themes(summit_id).await?;
        if dots
            .iter()
            .any(|(t, n)| *n > 0 && !themes.iter().any(|x| x.id == *t))
        {
            return Err(StoreError::NotFound("theme"));
        }
        with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                sqlx::query(
                    "DELETE FROM day_theme_dots WHERE registration_id = $1 AND summit_id = $2",
                )
                .bind(registration_id)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?;
                for (theme, n) in dots.iter().filter(|d| d.1 > 0) {
                    sqlx::query(
                        "INSERT INTO day_theme_dots (summit_id, registration_id, theme_id, dots) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(summit_id)
                    .bind(registration_id)
                    .bind(theme)
                    .bind(n)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await
            }
            .await
        })?;
        self.publish_day_input(summit_id).await;
        Ok(())
    }

    /// A participant's dots per theme.
    pub async fn theme_dots_of(
        &self,
        summit_id: i64,
        registration_id: i64,
    ) -> StoreResult<Vec<(i64, i64)>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT theme_id, dots FROM day_theme_dots WHERE summit_id = $1 AND registration_id = $2 \
                 ORDER BY theme_id",
            )
            .bind(summit_id)
            .bind(registration_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// The vote's count: per theme in use, (theme id, dots, voters), most dots first; and how many voted.
    pub async fn theme_results(&self, summit_id: i64) -> StoreResult<(Vec<(i64, i64, i64)>, i64)> {
        let rows: Vec<(i64, i64, i64)> = with_pool!(self, read, |p| {
            sqlx::query_as(
                "SELECT d.theme_id, CAST(SUM(d.dots) AS BIGINT), COUNT(*) FROM day_theme_dots d \
                 JOIN day_themes t ON t.id = d.theme_id WHERE d.summit_id = $1 AND t.merged_into IS NULL \
                 GROUP BY d.theme_id ORDER BY 2 DESC, d.theme_id",
            )
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?;
        let voters: i64 = with_pool!(self, read, |p| {
            sqlx::query_scalar(
                "SELECT COUNT(DISTINCT registration_id) FROM day_theme_dots WHERE summit_id = $1",
            )
            .bind(summit_id)
            .fetch_one(p)
            .await
        })?;
        Ok((rows, voters))
    }

    // ---- themes ----

    /// A new theme, with these keywords (of this summit) in it.
    pub async fn create_theme(
        &self,
        summit_id: i64,
        name: &str,
        keyword_ids: &[i64],
    ) -> StoreResult<Theme> {
        let theme = with_pool!(self, write, |p| {
            sqlx::query_as::<_, Theme>(
                "INSERT INTO day_themes (summit_id, name, created_at) VALUES ($1, $2, $3) \
                 RETURNING id, summit_id, name, merged_into, created_at",
            )
            .bind(summit_id)
            .bind(name)
            .bind(now_ms())
            .fetch_one(p)
            .await
        })?;
        for k in keyword_ids {
            self.set_keyword_theme(summit_id, *k, Some(theme.id))
                .await?;
        }
        self.publish_day(summit_id).await;
        Ok(theme)
    }

    pub async fn rename_theme(&self, summit_id: i64, id: i64, name: &str) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query("UPDATE day_themes SET name = $1 WHERE id = $2 AND summit_id = $3")
                .bind(name)
                .bind(id)
                .bind(summit_id)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("theme"));
        }
        self.publish_day(summit_id).await;
        Ok(())
    }

    /// Merge theme `from` into `into`: its keywords and dots move over; `from` stays recorded as merged.
    pub async fn merge_theme(&self, summit_id: i64, from: i64, into: i64) -> StoreResult<()> {
        if from == into {
            return Err(StoreError::Conflict("a theme merged into itself"));
        }
        let themes = self.themes(summit_id).await?;
        if !themes.iter().any(|t| t.id == from) || !themes.iter().any(|t| t.id == into) {
            return Err(StoreError::NotFound("theme"));
        }
        with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                sqlx::query(
                    "UPDATE day_keywords SET theme_id = $1 WHERE theme_id = $2 AND summit_id = $3",
                )
                .bind(into)
                .bind(from)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?;
                // Dots on the merged theme count for the theme it went into.
                sqlx::query(
                    "INSERT INTO day_theme_dots (summit_id, registration_id, theme_id, dots) \
                     SELECT summit_id, registration_id, $1, dots FROM day_theme_dots \
                     WHERE theme_id = $2 AND summit_id = $3 \
                     ON CONFLICT (registration_id, theme_id) DO UPDATE SET dots = day_theme_dots.dots + excluded.dots",
                )
                .bind(into)
                .bind(from)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query("DELETE FROM day_theme_dots WHERE theme_id = $1 AND summit_id = $2")
                    .bind(from)
                    .bind(summit_id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE day_themes SET merged_into = $1 WHERE id = $2 AND summit_id = $3",
                )
                .bind(into)
                .bind(from)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await
            }
            .await
        })?;
        self.publish_day(summit_id).await;
        Ok(())
    }

    /// Put a keyword in a theme (a theme of this summit still in use), or take it out (`None`).
    pub async fn set_keyword_theme(
        &self,
        summit_id: i64,
        keyword_id: i64,
        theme_id: Option<i64>,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE day_keywords SET theme_id = $1 WHERE id = $2 AND summit_id = $3 AND \
                 (CAST($1 AS BIGINT) IS NULL OR EXISTS (SELECT 1 FROM day_themes t WHERE t.id = $1 \
                 AND t.summit_id = $3 AND t.merged_into IS NULL))",
            )
            .bind(theme_id)
            .bind(keyword_id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("keyword or theme"));
        }
        self.publish_day_input(summit_id).await;
        Ok(())
    }

    /// The themes of a summit still in use (not merged away), by id.
    pub async fn themes(&self, summit_id: i64) -> StoreResult<Vec<Theme>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Theme>(
                "SELECT id, summit_id, name, merged_into, created_at FROM day_themes \
                 WHERE summit_id = $1 AND merged_into IS NULL ORDER BY id",
            )
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?)
    }
}
