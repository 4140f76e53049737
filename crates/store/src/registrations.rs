//! Registration: invitation codes (only their hashes), the people who registered with a code, a personal link or
//! the open form, their self-declared bands and access needs, and the counts organisers follow.
//!
//! Personal data is kept in two tables only (`registration_contact`, `registration_needs`), so a purge can delete
//! it and keep the pseudonymous registration. Codes are hashed by the caller (the web layer knows the code format);
//! the store only sees hashes and the batch's salt.

use serde::Serialize;

use crate::{
    BatchKind, Channel, Event, RegistrationStatus, Store, StoreError, StoreResult, now_ms,
    with_pool,
};

/// One imported `codes.txt`, or one group's personal links, with how many codes it holds and how many were used.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CodeBatch {
    pub id: i64,
    pub summit_id: i64,
    pub group_id: i64,
    /// A [`BatchKind`] as text.
    pub kind: String,
    /// The salt (hex) codes of this batch are hashed with.
    pub salt: String,
    pub file_sha256: String,
    pub created_at: i64,
    pub codes: i64,
    pub used: i64,
}

impl CodeBatch {
    pub fn kind(&self) -> BatchKind {
        BatchKind::parse(&self.kind).unwrap_or(BatchKind::Letters)
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    pub batch_id: i64,
    /// Hashes new in this import.
    pub added: i64,
    /// Hashes that were there already (a repeated import).
    pub already: i64,
}

/// An invitation found by the hash of a typed code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub code_hash: String,
    pub batch_id: i64,
    pub summit_id: i64,
    pub group_id: i64,
    pub kind: BatchKind,
    pub used: bool,
}

/// Access needs as the person gave them. Stored only when at least one is given (and with explicit consent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AccessNeeds {
    pub wheelchair: bool,
    pub hearing_loop: bool,
    pub sign_language: bool,
    /// A language code (see the web layer's list), when an interpreter is needed.
    pub interpreter_language: Option<String>,
    /// Diet codes (e.g. `vegetarian`, `halal`).
    pub diet: Vec<String>,
    pub diet_other: Option<String>,
}

impl AccessNeeds {
    pub fn any(&self) -> bool {
        self.wheelchair
            || self.hearing_loop
            || self.sign_language
            || self.interpreter_language.is_some()
            || !self.diet.is_empty()
            || self.diet_other.is_some()
    }
}

/// How a new registration arrives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// With an invitation code (a letter's or a personal link's), identified by its hash.
    Code { code_hash: String },
    /// Through the open form of a group with open registration.
    Open,
}

/// Everything a person enters on the registration form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRegistration {
    pub group_id: i64,
    /// A random pseudonym made by the caller (unique; a clash is reported as a conflict).
    pub public_id: String,
    /// The language the person used, for later messages.
    pub language: String,
    pub can_attend: bool,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// (attribute id, band label) per attribute.
    pub bands: Vec<(i64, String)>,
    pub needs: AccessNeeds,
    /// Which privacy statement the person agreed to.
    pub privacy_version: String,
}

/// A registration without personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct RegistrationRow {
    pub id: i64,
    pub summit_id: i64,
    pub group_id: i64,
    pub public_id: String,
    pub channel: String,
    pub status: String,
    pub can_attend: bool,
    pub language: String,
    pub registered_at: i64,
}

impl RegistrationRow {
    pub fn status(&self) -> Option<RegistrationStatus> {
        RegistrationStatus::parse(&self.status)
    }
}

/// Why a registration was not stored.
#[derive(Debug, thiserror::Error)]
pub enum RegisterError {
    /// The code was used in the meantime (or does not exist).
    #[error("this invitation code has been used already")]
    CodeUsed,
    /// The group does not exist or takes no open registrations.
    #[error("this group takes no open registrations")]
    NotOpen,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<sqlx::Error> for RegisterError {
    fn from(e: sqlx::Error) -> Self {
        RegisterError::Store(StoreError::unique_as(e, "a registration with this id"))
    }
}

/// Counts for the organisers' overview.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegistrationCounts {
    /// (group id, status, count).
    pub by_group: Vec<(i64, String, i64)>,
    /// (group id, attribute id, band, count) of registrations in the pool.
    pub by_band: Vec<(i64, i64, String, i64)>,
    /// (group id, codes, used) over all batches.
    pub codes: Vec<(i64, i64, i64)>,
}

const BATCH_SELECT: &str = "SELECT b.id, b.summit_id, b.group_id, b.kind, b.salt, b.file_sha256, b.created_at, \
     (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id) AS codes, \
     (SELECT COUNT(*) FROM invitations i WHERE i.batch_id = b.id AND i.used_at IS NOT NULL) AS used \
     FROM code_batches b";

/// Rows per multi-row INSERT (two parameters a row; well below SQLite's limit).
const CHUNK: usize = 400;

impl Store {
    /// Import code hashes into a group, as one batch per salt. Importing the same salt again adds only the hashes
    /// that are new (so a repeated import changes nothing). A salt already imported into another group or summit
    /// is a conflict.
    pub async fn import_codes(
        &self,
        summit_id: i64,
        group_id: i64,
        kind: BatchKind,
        salt: &str,
        file_sha256: &str,
        hashes: &[String],
    ) -> StoreResult<ImportOutcome> {
        if let Some(b) = self.batch_by_salt(salt).await?
            && (b.summit_id != summit_id || b.group_id != group_id)
        {
            return Err(StoreError::Conflict("these codes in another group"));
        }
        let now = now_ms();
        let res: Result<ImportOutcome, sqlx::Error> = with_pool!(self, write, |p| {
            async {
            let mut tx = p.begin().await?;
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM code_batches WHERE salt = $1")
                    .bind(salt)
                    .fetch_optional(&mut *tx)
                    .await?;
            let batch_id = match existing {
                Some(id) => id,
                None => {
                    sqlx::query_scalar(
                        "INSERT INTO code_batches (summit_id, group_id, kind, salt, file_sha256, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(summit_id)
                    .bind(group_id)
                    .bind(kind.as_str())
                    .bind(salt)
                    .bind(file_sha256)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?
                }
            };
            let mut added = 0i64;
            for chunk in hashes.chunks(CHUNK) {
                let mut sql = String::from("INSERT INTO invitations (code_hash, batch_id) VALUES ");
                for i in 0..chunk.len() {
                    if i > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("(${}, ${})", 2 * i + 1, 2 * i + 2));
                }
                sql.push_str(" ON CONFLICT (code_hash) DO NOTHING");
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for h in chunk {
                    q = q.bind(h.as_str()).bind(batch_id);
                }
                added += q.execute(&mut *tx).await?.rows_affected() as i64;
            }
            tx.commit().await?;
            Ok(ImportOutcome {
                batch_id,
                added,
                already: hashes.len() as i64 - added,
            })
        }
        .await
        });
        let outcome = res.map_err(|e| StoreError::unique_as(e, "these codes in another group"))?;
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        Ok(outcome)
    }

    pub async fn batch_by_salt(&self, salt: &str) -> StoreResult<Option<CodeBatch>> {
        let sql = format!("{BATCH_SELECT} WHERE b.salt = $1");
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, CodeBatch>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(salt)
        .fetch_optional(p)
        .await)?)
    }

    /// A summit's batches (all summits' with `None`), oldest first.
    pub async fn code_batches(&self, summit_id: Option<i64>) -> StoreResult<Vec<CodeBatch>> {
        let sql = match summit_id {
            Some(_) => format!("{BATCH_SELECT} WHERE b.summit_id = $1 ORDER BY b.id"),
            None => format!("{BATCH_SELECT} ORDER BY b.id"),
        };
        Ok(with_pool!(self, read, |p| {
            let mut q = sqlx::query_as::<_, CodeBatch>(sqlx::AssertSqlSafe(sql.as_str()));
            if let Some(id) = summit_id {
                q = q.bind(id);
            }
            q.fetch_all(p).await
        })?)
    }

    /// The salts to hash a typed code with: (batch id, summit id, salt) of a summit's batches, or of all.
    pub async fn code_salts(&self, summit_id: Option<i64>) -> StoreResult<Vec<(i64, i64, String)>> {
        Ok(with_pool!(self, read, |p| {
            match summit_id {
                Some(id) => sqlx::query_as(
                    "SELECT id, summit_id, salt FROM code_batches WHERE summit_id = $1 ORDER BY id",
                )
                .bind(id)
                .fetch_all(p)
                .await,
                None => {
                    sqlx::query_as("SELECT id, summit_id, salt FROM code_batches ORDER BY id")
                        .fetch_all(p)
                        .await
                }
            }
        })?)
    }

    /// The invitation whose hash is one of `hashes` (the typed code hashed with each candidate salt).
    pub async fn find_invitation(&self, hashes: &[String]) -> StoreResult<Option<Invitation>> {
        if hashes.is_empty() {
            return Ok(None);
        }
        let placeholders = (1..=hashes.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT i.code_hash, i.batch_id, b.summit_id, b.group_id, b.kind, i.used_at FROM invitations i \
             JOIN code_batches b ON b.id = i.batch_id WHERE i.code_hash IN ({placeholders})"
        );
        type Row = (String, i64, i64, i64, String, Option<i64>);
        let row: Option<Row> = with_pool!(self, read, |p| {
            let mut q = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()));
            for h in hashes {
                q = q.bind(h.as_str());
            }
            q.fetch_optional(p).await
        })?;
        Ok(row.map(
            |(code_hash, batch_id, summit_id, group_id, kind, used_at)| Invitation {
                code_hash,
                batch_id,
                summit_id,
                group_id,
                kind: BatchKind::parse(&kind).unwrap_or(BatchKind::Letters),
                used: used_at.is_some(),
            },
        ))
    }

    /// Store a registration in one transaction: use the code (once); a letter code joins the lottery pool, a
    /// personal link is selected at once, and the open form selects within the group's cap and, past it, places
    /// the person on the waiting list (whoever cannot attend is `unavailable`); then the pseudonymous row,
    /// contact, needs and bands.
    pub async fn register(
        &self,
        summit_id: i64,
        via: &Via,
        r: &NewRegistration,
    ) -> Result<RegistrationRow, RegisterError> {
        let now = now_ms();
        let res: Result<Result<RegistrationRow, RegisterError>, sqlx::Error> = with_pool!(
            self,
            write,
            |p| {
                async {
                let mut tx = p.begin().await?;
                let channel = match via {
                    Via::Code { code_hash } => {
                        let kind: Option<String> = sqlx::query_scalar(
                            "SELECT b.kind FROM invitations i JOIN code_batches b ON b.id = i.batch_id \
                             WHERE i.code_hash = $1 AND b.summit_id = $2 AND b.group_id = $3",
                        )
                        .bind(code_hash)
                        .bind(summit_id)
                        .bind(r.group_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        let Some(kind) = kind else {
                            return Ok(Err(RegisterError::CodeUsed));
                        };
                        // The code is used by whoever updates it first (PostgreSQL re-checks the condition
                        // after waiting for a concurrent update; SQLite has one writer).
                        let n = sqlx::query(
                            "UPDATE invitations SET used_at = $1 WHERE code_hash = $2 AND used_at IS NULL",
                        )
                        .bind(now)
                        .bind(code_hash)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if n != 1 {
                            return Ok(Err(RegisterError::CodeUsed));
                        }
                        if kind == BatchKind::Links.as_str() {
                            Channel::Link
                        } else {
                            Channel::Letter
                        }
                    }
                    Via::Open => Channel::Open,
                };
                let status = if !r.can_attend {
                    RegistrationStatus::Unavailable
                } else if *via == Via::Open {
                    // Lock the group's row so that two registrations at the cap are counted one after the other.
                    let cap: Option<(String, Option<i64>)> = sqlx::query_as(
                        "UPDATE stakeholder_groups SET open_cap = open_cap WHERE id = $1 AND summit_id = $2 \
                         RETURNING join_method, open_cap",
                    )
                    .bind(r.group_id)
                    .bind(summit_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((method, cap)) = cap.filter(|(m, _)| m == "open") else {
                        return Ok(Err(RegisterError::NotOpen));
                    };
                    let _ = method;
                    let taken: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM registrations WHERE group_id = $1 AND status NOT IN \
                         ('waiting', 'unavailable', 'withdrawn', 'declined')",
                    )
                    .bind(r.group_id)
                    .fetch_one(&mut *tx)
                    .await?;
                    match cap {
                        Some(cap) if taken >= cap => RegistrationStatus::Waiting,
                        // Within the cap there is no lottery: the free thinker has a seat.
                        _ => RegistrationStatus::Selected,
                    }
                } else if channel == Channel::Link {
                    // A personal invitation link is a seat of its own (government / civil society).
                    RegistrationStatus::Selected
                } else {
                    // Letter codes join the pool the lottery draws from.
                    RegistrationStatus::Pool
                };
                let row: RegistrationRow = sqlx::query_as(
                    "INSERT INTO registrations (summit_id, group_id, public_id, channel, status, can_attend, \
                     language, registered_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
                     RETURNING id, summit_id, group_id, public_id, channel, status, can_attend, language, registered_at",
                )
                .bind(summit_id)
                .bind(r.group_id)
                .bind(&r.public_id)
                .bind(channel.as_str())
                .bind(status.as_str())
                .bind(r.can_attend)
                .bind(&r.language)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO registration_contact (registration_id, name, email, phone, consent_at, \
                     privacy_version) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(row.id)
                .bind(r.name.trim())
                .bind(r.email.as_deref())
                .bind(r.phone.as_deref())
                .bind(now)
                .bind(&r.privacy_version)
                .execute(&mut *tx)
                .await?;
                if r.needs.any() {
                    let n = &r.needs;
                    sqlx::query(
                        "INSERT INTO registration_needs (registration_id, wheelchair, hearing_loop, sign_language, \
                         interpreter_language, diet, diet_other, consent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(row.id)
                    .bind(n.wheelchair)
                    .bind(n.hearing_loop)
                    .bind(n.sign_language)
                    .bind(n.interpreter_language.as_deref())
                    .bind(n.diet.join(","))
                    .bind(n.diet_other.as_deref())
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
                for (attribute_id, band) in &r.bands {
                    sqlx::query(
                        "INSERT INTO registration_bands (registration_id, attribute_id, band) VALUES ($1, $2, $3)",
                    )
                    .bind(row.id)
                    .bind(attribute_id)
                    .bind(band)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Ok(row))
            }
            .await
            }
        );
        let row = res??;
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        Ok(row)
    }

    /// A registration by its pseudonym, without personal data.
    pub async fn registration_by_public_id(
        &self,
        summit_id: i64,
        public_id: &str,
    ) -> StoreResult<Option<RegistrationRow>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, RegistrationRow>(
            "SELECT id, summit_id, group_id, public_id, channel, status, can_attend, language, registered_at \
             FROM registrations WHERE summit_id = $1 AND public_id = $2"
        )
        .bind(summit_id)
        .bind(public_id)
        .fetch_optional(p)
        .await
        })?)
    }

    /// A summit's registrations without personal data, oldest first.
    pub async fn registrations(&self, summit_id: i64) -> StoreResult<Vec<RegistrationRow>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, RegistrationRow>(
            "SELECT id, summit_id, group_id, public_id, channel, status, can_attend, language, registered_at \
             FROM registrations WHERE summit_id = $1 ORDER BY id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// The bands one registration declared: (attribute id, band).
    pub async fn registration_bands(
        &self,
        registration_id: i64,
    ) -> StoreResult<Vec<(i64, String)>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as(
            "SELECT attribute_id, band FROM registration_bands WHERE registration_id = $1 ORDER BY attribute_id"
        )
        .bind(registration_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// Counts per group and status, per group and band (pool only), and codes per group.
    pub async fn registration_counts(&self, summit_id: i64) -> StoreResult<RegistrationCounts> {
        let by_group: Vec<(i64, String, i64)> = with_pool!(self, read, |p| sqlx::query_as(
            "SELECT group_id, status, COUNT(*) FROM registrations WHERE summit_id = $1 \
             GROUP BY group_id, status ORDER BY group_id, status"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await)?;
        let by_band: Vec<(i64, i64, String, i64)> = with_pool!(self, read, |p| {
            sqlx::query_as(
            "SELECT r.group_id, b.attribute_id, b.band, COUNT(*) FROM registration_bands b \
             JOIN registrations r ON r.id = b.registration_id WHERE r.summit_id = $1 AND r.status = 'pool' \
             GROUP BY r.group_id, b.attribute_id, b.band ORDER BY r.group_id, b.attribute_id, b.band"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?;
        let codes: Vec<(i64, i64, i64)> = with_pool!(self, read, |p| {
            sqlx::query_as(
            "SELECT b.group_id, COUNT(*), COUNT(i.used_at) FROM invitations i \
             JOIN code_batches b ON b.id = i.batch_id WHERE b.summit_id = $1 GROUP BY b.group_id ORDER BY b.group_id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?;
        Ok(RegistrationCounts {
            by_group,
            by_band,
            codes,
        })
    }

    /// How many registrations a group has (any status).
    pub async fn group_registration_count(&self, group_id: i64) -> StoreResult<i64> {
        Ok(with_pool!(self, read, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM registrations WHERE group_id = $1"
        )
        .bind(group_id)
        .fetch_one(p)
        .await)?)
    }
}
