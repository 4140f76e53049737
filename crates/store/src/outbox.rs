//! The outbox: messages to registrants (registration received, selected, reserve, not selected, replacement
//! invitation), rendered in each person's language by the web layer and stored here until a sender delivers them
//! (SMTP) or the organisers export them for a mail merge.
//!
//! The recipient is named by the registration's pseudonym; the address, subject and body are personal data that
//! the purge empties (see [`Store::purge_summit`]).

use serde::Serialize;

use crate::{Event, Store, StoreResult, now_ms, with_pool};

/// Where a message stands.
pub const MESSAGE_STATUSES: &[&str] = &["queued", "sending", "sent", "failed"];

/// A message to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMessage {
    pub summit_id: i64,
    /// The registration's pseudonym.
    pub public_id: String,
    /// `registration_received`, `selected`, `reserve`, `not_selected` or `replacement`.
    pub kind: String,
    /// `email` or `sms`.
    pub channel: String,
    /// The e-mail address or phone number.
    pub recipient: String,
    pub language: String,
    pub subject: String,
    pub body: String,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub summit_id: i64,
    pub public_id: String,
    pub kind: String,
    pub channel: String,
    /// `None` after the purge.
    pub recipient: Option<String>,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub error: Option<String>,
    pub attempts: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub sent_at: Option<i64>,
}

/// A registrant's contact details (personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Contact {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

const COLS: &str = "id, summit_id, public_id, kind, channel, recipient, language, subject, body, status, error, \
     attempts, created_at, updated_at, sent_at";

/// A message left in `sending` this long (a sender that stopped mid-way) is queued again.
pub const STALE_SENDING_MS: i64 = 10 * 60 * 1000;

impl Store {
    /// Queue a message. Returns its id.
    pub async fn enqueue_message(&self, m: &NewMessage) -> StoreResult<i64> {
        let now = now_ms();
        let id: i64 = with_pool!(self, write, |p| {
            sqlx::query_scalar(
            "INSERT INTO outbox (summit_id, public_id, kind, channel, recipient, language, subject, body, status, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'queued', $9, $9) RETURNING id"
        )
        .bind(m.summit_id)
        .bind(&m.public_id)
        .bind(&m.kind)
        .bind(&m.channel)
        .bind(&m.recipient)
        .bind(&m.language)
        .bind(&m.subject)
        .bind(&m.body)
        .bind(now)
        .fetch_one(p)
        .await
        })?;
        self.bus()
            .publish(Event::summit(m.summit_id, "outbox"))
            .await;
        Ok(id)
    }

    /// A summit's messages, newest first, optionally only those with one status.
    pub async fn messages(
        &self,
        summit_id: i64,
        status: Option<&str>,
    ) -> StoreResult<Vec<Message>> {
        let sql = match status {
            Some(_) => format!(
                "SELECT {COLS} FROM outbox WHERE summit_id = $1 AND status = $2 ORDER BY id DESC"
            ),
            None => format!("SELECT {COLS} FROM outbox WHERE summit_id = $1 ORDER BY id DESC"),
        };
        Ok(with_pool!(self, read, |p| {
            let mut q =
                sqlx::query_as::<_, Message>(sqlx::AssertSqlSafe(sql.as_str())).bind(summit_id);
            if let Some(s) = status {
                q = q.bind(s);
            }
            q.fetch_all(p).await
        })?)
    }

    /// The messages sent to one registration (by its pseudonym), oldest first.
    pub async fn messages_to(&self, summit_id: i64, public_id: &str) -> StoreResult<Vec<Message>> {
        let sql = format!(
            "SELECT {COLS} FROM outbox WHERE summit_id = $1 AND public_id = $2 ORDER BY id"
        );
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, Message>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .bind(public_id)
        .fetch_all(p)
        .await)?)
    }

    /// Message counts per status for a summit.
    pub async fn message_counts(&self, summit_id: i64) -> StoreResult<Vec<(String, i64)>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as(
            "SELECT status, COUNT(*) FROM outbox WHERE summit_id = $1 GROUP BY status ORDER BY status"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// Claim up to `limit` queued e-mail messages for sending (status `sending`, one more attempt). Each message
    /// is claimed by one sender only, also with several servers on one PostgreSQL database. Messages a stopped
    /// sender left in `sending` are queued again first.
    pub async fn claim_queued_email(&self, limit: i64) -> StoreResult<Vec<Message>> {
        let now = now_ms();
        with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE outbox SET status = 'queued', updated_at = $1 WHERE status = 'sending' AND updated_at < $2"
        )
        .bind(now)
        .bind(now - STALE_SENDING_MS)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        let ids: Vec<i64> = with_pool!(self, read, |p| {
            sqlx::query_scalar(
            "SELECT id FROM outbox WHERE status = 'queued' AND channel = 'email' AND recipient IS NOT NULL \
             ORDER BY id LIMIT $1"
        )
        .bind(limit)
        .fetch_all(p)
        .await
        })?;
        let mut claimed = Vec::new();
        let sql = format!(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = $1 \
             WHERE id = $2 AND status = 'queued' RETURNING {COLS}"
        );
        for id in ids {
            let m: Option<Message> = with_pool!(self, write, |p| sqlx::query_as::<_, Message>(
                sqlx::AssertSqlSafe(sql.as_str())
            )
            .bind(now)
            .bind(id)
            .fetch_optional(p)
            .await)?;
            claimed.extend(m);
        }
        Ok(claimed)
    }

    /// Record that a message went out.
    pub async fn mark_sent(&self, id: i64) -> StoreResult<()> {
        self.finish_message(id, "sent", None).await
    }

    /// Record that sending failed, with the error.
    pub async fn mark_failed(&self, id: i64, error: &str) -> StoreResult<()> {
        self.finish_message(id, "failed", Some(error)).await
    }

    async fn finish_message(&self, id: i64, status: &str, error: Option<&str>) -> StoreResult<()> {
        let now = now_ms();
        let summit_id: Option<i64> = with_pool!(self, write, |p| {
            sqlx::query_scalar(
            "UPDATE outbox SET status = $1, error = $2, updated_at = $3, \
             sent_at = CASE WHEN $1 = 'sent' THEN $3 ELSE sent_at END WHERE id = $4 RETURNING summit_id"
        )
        .bind(status)
        .bind(error)
        .bind(now)
        .bind(id)
        .fetch_optional(p)
        .await
        })?;
        if let Some(s) = summit_id {
            self.bus().publish(Event::summit(s, "outbox")).await;
        }
        Ok(())
    }

    /// Queue failed messages of a summit again (the organisers' "try again").
    pub async fn requeue_failed(&self, summit_id: i64) -> StoreResult<u64> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE outbox SET status = 'queued', updated_at = $1 WHERE summit_id = $2 AND status = 'failed'"
        )
        .bind(now_ms())
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        self.bus().publish(Event::summit(summit_id, "outbox")).await;
        Ok(n)
    }

    /// A registration's name and contact details, if they are still held.
    pub async fn registration_contact(&self, registration_id: i64) -> StoreResult<Option<Contact>> {
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, Contact>(
            "SELECT name, email, phone FROM registration_contact WHERE registration_id = $1"
        )
        .bind(registration_id)
        .fetch_optional(p)
        .await)?)
    }
}
