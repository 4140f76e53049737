//! Personal data over time: the retention date per summit, the purge after it, and a registrant's own export and
//! deletion. Personal data lives in `registration_contact`, `registration_needs`, the outbox's recipient, subject
//! and body, personal links and badges; everything else (pseudonymous registrations, bands, counts, the audit
//! record) stays.

use serde::Serialize;

use crate::{Db, Event, RegistrationStatus, Store, StoreError, StoreResult, now_ms, with_pool};

/// A summit's retention setting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Retention {
    /// ISO date (YYYY-MM-DD) after which the purge deletes personal data.
    pub retention_date: Option<String>,
    /// When the purge last ran for this summit (ms).
    pub purged_at: Option<i64>,
}

/// What one purge of one summit deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PurgeCounts {
    pub contacts: u64,
    pub access_needs: u64,
    pub messages: u64,
    pub personal_links: u64,
    pub badges: u64,
}

impl PurgeCounts {
    pub fn total(&self) -> u64 {
        self.contacts + self.access_needs + self.messages + self.personal_links + self.badges
    }
}

/// A summit past its retention date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DueSummit {
    pub summit_id: i64,
    pub slug: String,
    pub retention_date: String,
    pub purged_at: Option<i64>,
}

/// Contact details as given, with the consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ContactData {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub consent_at: i64,
    pub privacy_version: String,
}

/// Access needs as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct NeedsData {
    pub wheelchair: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    pub interpreter_language: Option<String>,
    pub diet: String,
    pub diet_other: Option<String>,
    pub consent_at: i64,
}

/// A message as the person may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MessageData {
    pub kind: String,
    pub channel: String,
    pub recipient: Option<String>,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// Everything the platform holds about one registration (GDPR Art. 15 and 20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonalData {
    pub summit: String,
    pub public_id: String,
    pub group: String,
    pub channel: String,
    pub status: String,
    pub can_attend: bool,
    pub language: String,
    pub registered_at: i64,
    pub contact: Option<ContactData>,
    /// (attribute, band).
    pub bands: Vec<(String, String)>,
    pub access_needs: Option<NeedsData>,
    pub messages: Vec<MessageData>,
    pub checked_in_at: Option<i64>,
}

impl Store {
    pub async fn retention(&self, summit_id: i64) -> StoreResult<Retention> {
        let row: Option<(Option<String>, Option<i64>)> =
            with_pool!(self, read, |p| sqlx::query_as(
                "SELECT retention_date, purged_at FROM summit_retention WHERE summit_id = $1"
            )
            .bind(summit_id)
            .fetch_optional(p)
            .await)?;
        Ok(row
            .map(|(retention_date, purged_at)| Retention {
                retention_date,
                purged_at,
            })
            .unwrap_or_default())
    }

    /// Set (or clear) a summit's retention date; the caller validates it (ISO date).
    pub async fn set_retention_date(&self, summit_id: i64, date: Option<&str>) -> StoreResult<()> {
        with_pool!(self, write, |p| sqlx::query(
            "INSERT INTO summit_retention (summit_id, retention_date) VALUES ($1, $2) \
             ON CONFLICT (summit_id) DO UPDATE SET retention_date = excluded.retention_date"
        )
        .bind(summit_id)
        .bind(date)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        self.bus().publish(Event::summit(summit_id, "summit")).await;
        Ok(())
    }

    /// Summits whose retention date lies before `today` (ISO date).
    pub async fn summits_past_retention(&self, today: &str) -> StoreResult<Vec<DueSummit>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, DueSummit>(
            "SELECT s.id AS summit_id, s.slug, r.retention_date, r.purged_at FROM summit_retention r \
             JOIN summits s ON s.id = r.summit_id WHERE r.retention_date IS NOT NULL AND r.retention_date < $1 \
             ORDER BY s.id"
        )
        .bind(today)
        .fetch_all(p)
        .await
        })?)
    }

    /// Delete a summit's personal data: names and contact details, access needs, personal links, badges, and the
    /// outbox's recipients, subjects and bodies. Pseudonymous registrations, bands, statuses, counts and the audit
    /// record stay. Idempotent (a second run deletes nothing).
    pub async fn purge_summit(&self, summit_id: i64) -> StoreResult<PurgeCounts> {
        let now = now_ms();
        let res: Result<PurgeCounts, sqlx::Error> = with_pool!(self, write, |p| {
            async {
            let mut tx = p.begin().await?;
            let mut n = [0u64; 4];
            for (i, table) in ["registration_contact", "registration_needs", "personal_links", "badges"]
                .into_iter()
                .enumerate()
            {
                let sql = format!(
                    "DELETE FROM {table} WHERE registration_id IN (SELECT id FROM registrations WHERE summit_id = $1)"
                );
                n[i] = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(summit_id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            let [contacts, access_needs, personal_links, badges] = n;
            let messages = sqlx::query(
                "UPDATE outbox SET recipient = NULL, subject = '', body = '', updated_at = $2 \
                 WHERE summit_id = $1 AND (recipient IS NOT NULL OR subject <> '' OR body <> '')",
            )
            .bind(summit_id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            sqlx::query(
                "INSERT INTO summit_retention (summit_id, purged_at) VALUES ($1, $2) \
                 ON CONFLICT (summit_id) DO UPDATE SET purged_at = excluded.purged_at",
            )
            .bind(summit_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(PurgeCounts { contacts, access_needs, messages, personal_links, badges })
        }
        .await
        });
        let counts = res?;
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        Ok(counts)
    }

    /// After deleting personal data: make sure no copy of it stays in the database files. SQLite rewrites the
    /// file (VACUUM) and empties its write-ahead log; PostgreSQL reclaims dead rows with VACUUM.
    pub async fn compact(&self) -> StoreResult<()> {
        match &self.db {
            Db::Sqlite { write, .. } => {
                sqlx::query("VACUUM").execute(write).await?;
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(write)
                    .await?;
            }
            Db::Postgres(p) => {
                for table in [
                    "registration_contact",
                    "registration_needs",
                    "outbox",
                    "personal_links",
                    "badges",
                ] {
                    sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM {table}")))
                        .execute(p)
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// Everything held about one registration.
    pub async fn personal_data(&self, registration_id: i64) -> StoreResult<PersonalData> {
        type Head = (
            String,
            String,
            String,
            String,
            String,
            bool,
            String,
            i64,
            i64,
        );
        let head: Option<Head> = with_pool!(self, read, |p| {
            sqlx::query_as(
            "SELECT s.name, r.public_id, g.name, r.channel, r.status, r.can_attend, r.language, r.registered_at, \
             r.summit_id FROM registrations r JOIN summits s ON s.id = r.summit_id \
             JOIN stakeholder_groups g ON g.id = r.group_id WHERE r.id = $1"
        )
        .bind(registration_id)
        .fetch_optional(p)
        .await
        })?;
        let (
            summit,
            public_id,
            group,
            channel,
            status,
            can_attend,
            language,
            registered_at,
            summit_id,
        ) = head.ok_or(StoreError::NotFound("registration"))?;
        let contact: Option<ContactData> =
            with_pool!(self, read, |p| sqlx::query_as::<_, ContactData>(
                "SELECT name, email, phone, consent_at, privacy_version FROM registration_contact \
             WHERE registration_id = $1"
            )
            .bind(registration_id)
            .fetch_optional(p)
            .await)?;
        let access_needs: Option<NeedsData> = with_pool!(self, read, |p| {
            sqlx::query_as::<_, NeedsData>(
            "SELECT wheelchair, hearing_loop, sign_language, interpreter_language, diet, diet_other, consent_at \
             FROM registration_needs WHERE registration_id = $1"
        )
        .bind(registration_id)
        .fetch_optional(p)
        .await
        })?;
        let bands: Vec<(String, String)> = with_pool!(self, read, |p| {
            sqlx::query_as(
            "SELECT a.name, b.band FROM registration_bands b JOIN attributes a ON a.id = b.attribute_id \
             WHERE b.registration_id = $1 ORDER BY a.position"
        )
        .bind(registration_id)
        .fetch_all(p)
        .await
        })?;
        let messages: Vec<MessageData> = with_pool!(self, read, |p| {
            sqlx::query_as::<_, MessageData>(
            "SELECT kind, channel, recipient, subject, body, status, created_at, sent_at FROM outbox \
             WHERE summit_id = $1 AND public_id = $2 ORDER BY id"
        )
        .bind(summit_id)
        .bind(&public_id)
        .fetch_all(p)
        .await
        })?;
        let checked_in_at: Option<Option<i64>> = with_pool!(self, read, |p| sqlx::query_scalar(
            "SELECT checked_in_at FROM badges WHERE registration_id = $1"
        )
        .bind(registration_id)
        .fetch_optional(p)
        .await)?;
        Ok(PersonalData {
            summit,
            public_id,
            group,
            channel,
            status,
            can_attend,
            language,
            registered_at,
            contact,
            bands,
            access_needs,
            messages,
            checked_in_at: checked_in_at.flatten(),
        })
    }

    /// A registrant deletes their own data: contact details, access needs, personal links, badge and the content
    /// of their messages go; the pseudonymous registration stays with its bands. A selected or confirmed person
    /// counts as a decline (their seat goes to a reserve); anyone else is withdrawn. Returns the new status.
    pub async fn delete_own_data(&self, registration_id: i64) -> StoreResult<RegistrationStatus> {
        let now = now_ms();
        let res: Result<(RegistrationStatus, i64), sqlx::Error> = with_pool!(self, write, |p| {
            async {
            let mut tx = p.begin().await?;
            let (status, summit_id, public_id): (String, i64, String) = sqlx::query_as(
                "SELECT status, summit_id, public_id FROM registrations WHERE id = $1",
            )
            .bind(registration_id)
            .fetch_one(&mut *tx)
            .await?;
            for table in ["registration_contact", "registration_needs", "personal_links", "badges"] {
                let sql = format!("DELETE FROM {table} WHERE registration_id = $1");
                sqlx::query(sqlx::AssertSqlSafe(sql)).bind(registration_id).execute(&mut *tx).await?;
            }
            sqlx::query(
                "UPDATE outbox SET recipient = NULL, subject = '', body = '', updated_at = $1, \
                 status = CASE WHEN status IN ('queued', 'sending') THEN 'failed' ELSE status END, \
                 error = CASE WHEN status IN ('queued', 'sending') THEN 'deleted by the recipient' ELSE error END \
                 WHERE summit_id = $2 AND public_id = $3",
            )
            .bind(now)
            .bind(summit_id)
            .bind(&public_id)
            .execute(&mut *tx)
            .await?;
            let new = match status.as_str() {
                "selected" | "confirmed" | "declined" => RegistrationStatus::Declined,
                _ => RegistrationStatus::Withdrawn,
            };
            sqlx::query("UPDATE registrations SET status = $1, reserve_rank = NULL, updated_at = $2 WHERE id = $3")
                .bind(new.as_str())
                .bind(now)
                .bind(registration_id)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            Ok((new, summit_id))
        }
        .await
        });
        let (new, summit_id) = res?;
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        self.bus().publish(Event::summit(summit_id, "outbox")).await;
        Ok(new)
    }
}
