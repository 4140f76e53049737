//! Confirmation and the door: personal links (only their hashes), a selected person's answer, badges with a
//! check-in code, check-in and the attendance per stakeholder group.

use serde::Serialize;

use crate::{
    Event, RegistrationRow, RegistrationStatus, Store, StoreError, StoreResult, now_ms, with_pool,
};

const REG_COLS: &str = "r.id, r.summit_id, r.group_id, r.public_id, r.channel, r.status, r.can_attend, \
     r.language, r.registered_at";

/// What a selected person's answer did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Answer {
    /// The status changed to confirmed or declined.
    Recorded(RegistrationStatus),
    /// The person had given this answer already (nothing changed).
    Already(RegistrationStatus),
    /// The registration is not waiting for an answer (not selected, or declined already).
    NotOpen(RegistrationStatus),
}

/// A confirmed participant, for the badges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct BadgeRow {
    pub registration_id: i64,
    pub public_id: String,
    pub group_id: i64,
    pub status: String,
    /// `None` once the personal data is deleted.
    pub name: Option<String>,
    /// The check-in code; `None` until [`Store::ensure_badge_codes`] made one.
    pub code: Option<String>,
    pub checked_in_at: Option<i64>,
}

/// What a check-in did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum CheckIn {
    /// Checked in now.
    Done {
        public_id: String,
        group_id: i64,
        name: Option<String>,
    },
    /// Checked in before, at this time (nothing changed).
    Already {
        public_id: String,
        group_id: i64,
        name: Option<String>,
        at: i64,
    },
    /// No badge of this summit has this code.
    Unknown,
    /// The badge belongs to someone who is no longer a confirmed participant (declined, withdrawn).
    NotConfirmed { public_id: String, status: String },
}

/// Attendance of one group: confirmed participants and how many of them checked in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attendance {
    pub group_id: i64,
    /// Confirmed plus checked in.
    pub expected: i64,
    pub checked_in: i64,
}

impl Store {
    /// Store the hash of a new personal link for a registration.
    pub async fn add_personal_link(
        &self,
        registration_id: i64,
        token_hash: &str,
    ) -> StoreResult<()> {
        with_pool!(self, write, |p| sqlx::query(
            "INSERT INTO personal_links (token_hash, registration_id, created_at) VALUES ($1, $2, $3)"
        )
        .bind(token_hash)
        .bind(registration_id)
        .bind(now_ms())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
        .map_err(|e| StoreError::unique_as(e, "this personal link"))?;
        Ok(())
    }

    /// The registration a personal link belongs to, by the hash of its token.
    pub async fn registration_by_link(
        &self,
        token_hash: &str,
    ) -> StoreResult<Option<RegistrationRow>> {
        let sql = format!(
            "SELECT {REG_COLS} FROM personal_links l JOIN registrations r ON r.id = l.registration_id \
             WHERE l.token_hash = $1"
        );
        Ok(with_pool!(self, read, |p| sqlx::query_as::<
            _,
            RegistrationRow,
        >(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(token_hash)
        .fetch_optional(p)
        .await)?)
    }

    /// A registration by its id, without personal data.
    pub async fn registration_by_id(
        &self,
        registration_id: i64,
    ) -> StoreResult<Option<RegistrationRow>> {
        let sql = format!("SELECT {REG_COLS} FROM registrations r WHERE r.id = $1");
        Ok(with_pool!(self, read, |p| sqlx::query_as::<
            _,
            RegistrationRow,
        >(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(registration_id)
        .fetch_optional(p)
        .await)?)
    }

    /// Set a registration's status directly (the selection sets selected, reserve and not selected; tests use it
    /// to prepare a hall). `reserve_rank` is kept for reserves and cleared otherwise.
    pub async fn set_registration_status(
        &self,
        registration_id: i64,
        status: RegistrationStatus,
        reserve_rank: Option<i64>,
    ) -> StoreResult<()> {
        let rank = if status == RegistrationStatus::Reserve {
            reserve_rank
        } else {
            None
        };
        let summit_id: Option<i64> = with_pool!(self, write, |p| {
            sqlx::query_scalar(
            "UPDATE registrations SET status = $1, reserve_rank = $2, updated_at = $3 WHERE id = $4 \
             RETURNING summit_id"
        )
        .bind(status.as_str())
        .bind(rank)
        .bind(now_ms())
        .bind(registration_id)
        .fetch_optional(p)
        .await
        })?;
        let summit_id = summit_id.ok_or(StoreError::NotFound("registration"))?;
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        Ok(())
    }

    /// Move a reserve or a person on the waiting list onto the panel (`selected`), but only if they are still
    /// `from`: of two vacancies filled at the same moment, only one can take the same person. `Ok(false)` when
    /// the person's status had already changed.
    pub async fn promote_to_selected(
        &self,
        registration_id: i64,
        from: RegistrationStatus,
    ) -> StoreResult<bool> {
        let summit_id: Option<i64> = with_pool!(self, write, |p| {
            sqlx::query_scalar(
                "UPDATE registrations SET status = $1, reserve_rank = NULL, updated_at = $2 \
                 WHERE id = $3 AND status = $4 RETURNING summit_id",
            )
            .bind(RegistrationStatus::Selected.as_str())
            .bind(now_ms())
            .bind(registration_id)
            .bind(from.as_str())
            .fetch_optional(p)
            .await
        })?;
        let Some(summit_id) = summit_id else {
            return Ok(false);
        };
        self.bus()
            .publish(Event::summit(summit_id, "registrations"))
            .await;
        Ok(true)
    }

    /// A selected person's answer through their personal link: confirm or decline. A confirmed person may still
    /// decline; a declined person cannot confirm again (the seat may have gone to a reserve).
    pub async fn answer_selection(
        &self,
        registration_id: i64,
        confirm: bool,
    ) -> StoreResult<Answer> {
        let want = if confirm {
            RegistrationStatus::Confirmed
        } else {
            RegistrationStatus::Declined
        };
        let allowed_from: &[&str] = if confirm {
            &["selected"]
        } else {
            &["selected", "confirmed"]
        };
        let now = now_ms();
        let res: Result<(Answer, i64), sqlx::Error> = with_pool!(self, write, |p| {
            async {
            let mut tx = p.begin().await?;
            let (status, summit_id): (String, i64) = sqlx::query_as(
                "UPDATE registrations SET updated_at = updated_at WHERE id = $1 RETURNING status, summit_id",
            )
            .bind(registration_id)
            .fetch_one(&mut *tx)
            .await?;
            let current = RegistrationStatus::parse(&status).unwrap_or(RegistrationStatus::Pool);
            let answer = if current == want || (confirm && current == RegistrationStatus::CheckedIn) {
                Answer::Already(current)
            } else if allowed_from.contains(&status.as_str()) {
                sqlx::query("UPDATE registrations SET status = $1, updated_at = $2 WHERE id = $3")
                    .bind(want.as_str())
                    .bind(now)
                    .bind(registration_id)
                    .execute(&mut *tx)
                    .await?;
                Answer::Recorded(want)
            } else {
                Answer::NotOpen(current)
            };
            tx.commit().await?;
            Ok((answer, summit_id))
        }
        .await
        });
        let (answer, summit_id) = res?;
        if matches!(answer, Answer::Recorded(_)) {
            self.bus()
                .publish(Event::summit(summit_id, "registrations"))
                .await;
            self.bus()
                .publish(Event::summit(summit_id, "attendance"))
                .await;
        }
        Ok(answer)
    }

    /// The first reserve of a group (lowest reserve rank) still in reserve, if any.
    pub async fn next_reserve(
        &self,
        summit_id: i64,
        group_id: i64,
    ) -> StoreResult<Option<RegistrationRow>> {
        let sql = format!(
            "SELECT {REG_COLS} FROM registrations r WHERE r.summit_id = $1 AND r.group_id = $2 \
             AND r.status = 'reserve' ORDER BY r.reserve_rank IS NULL, r.reserve_rank, r.id LIMIT 1"
        );
        Ok(with_pool!(self, read, |p| sqlx::query_as::<
            _,
            RegistrationRow,
        >(sqlx::AssertSqlSafe(
            sql.as_str()
        ))
        .bind(summit_id)
        .bind(group_id)
        .fetch_optional(p)
        .await)?)
    }

    /// The confirmed (and checked-in) participants of a summit with their names and badge codes, by group and name.
    pub async fn badge_rows(&self, summit_id: i64) -> StoreResult<Vec<BadgeRow>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, BadgeRow>(
            "SELECT r.id AS registration_id, r.public_id, r.group_id, r.status, c.name, b.code, b.checked_in_at \
             FROM registrations r LEFT JOIN registration_contact c ON c.registration_id = r.id \
             LEFT JOIN badges b ON b.registration_id = r.id \
             WHERE r.summit_id = $1 AND r.status IN ('confirmed', 'checked_in') \
             ORDER BY r.group_id, c.name, r.id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// Give every confirmed participant without a badge code one, made by `make_code` (random, unique). A code
    /// that happens to exist already is replaced by another. Returns how many codes were made.
    pub async fn ensure_badge_codes(
        &self,
        summit_id: i64,
        mut make_code: impl FnMut() -> String,
    ) -> StoreResult<usize> {
        let missing: Vec<i64> = self
            .badge_rows(summit_id)
            .await?
            .into_iter()
            .filter(|b| b.code.is_none())
            .map(|b| b.registration_id)
            .collect();
        let mut made = 0;
        for id in missing {
            for attempt in 0.. {
                let code = make_code();
                let res = with_pool!(self, write, |p| {
                    sqlx::query(
                    "INSERT INTO badges (registration_id, summit_id, code, created_at) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (registration_id) DO NOTHING"
                )
                .bind(id)
                .bind(summit_id)
                .bind(&code)
                .bind(now_ms())
                .execute(p)
                .await
                .map(|r| r.rows_affected())
                });
                match res {
                    Ok(r) => {
                        made += r as usize;
                        break;
                    }
                    Err(e) => match StoreError::unique_as(e, "badge code") {
                        StoreError::Conflict(_) if attempt < 5 => continue,
                        other => return Err(other),
                    },
                }
            }
        }
        Ok(made)
    }

    /// Check in the holder of a badge code (normalised by the caller). Idempotent: a second check-in reports the
    /// first one's time and changes nothing.
    pub async fn check_in(&self, summit_id: i64, code: &str, by: &str) -> StoreResult<CheckIn> {
        let now = now_ms();
        type Row = (i64, String, i64, String, Option<i64>, Option<String>);
        let res: Result<CheckIn, sqlx::Error> = with_pool!(self, write, |p| {
            async {
            let mut tx = p.begin().await?;
            // Lock the badge's row first (PostgreSQL), so that two scans at once record one check-in.
            let locked: Option<i64> = sqlx::query_scalar(
                "UPDATE badges SET code = code WHERE summit_id = $1 AND code = $2 RETURNING registration_id",
            )
            .bind(summit_id)
            .bind(code)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = locked else {
                return Ok(CheckIn::Unknown);
            };
            let (reg_id, public_id, group_id, status, at, name): Row = sqlx::query_as(
                "SELECT r.id, r.public_id, r.group_id, r.status, b.checked_in_at, c.name FROM registrations r \
                 JOIN badges b ON b.registration_id = r.id \
                 LEFT JOIN registration_contact c ON c.registration_id = r.id WHERE r.id = $1",
            )
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
            let out = match (status.as_str(), at) {
                (_, Some(at)) => CheckIn::Already { public_id, group_id, name, at },
                ("confirmed" | "checked_in", None) => {
                    sqlx::query("UPDATE badges SET checked_in_at = $1, checked_in_by = $2 WHERE registration_id = $3")
                        .bind(now)
                        .bind(by)
                        .bind(reg_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("UPDATE registrations SET status = 'checked_in', updated_at = $1 WHERE id = $2")
                        .bind(now)
                        .bind(reg_id)
                        .execute(&mut *tx)
                        .await?;
                    CheckIn::Done { public_id, group_id, name }
                }
                _ => CheckIn::NotConfirmed { public_id, status },
            };
            tx.commit().await?;
            Ok(out)
        }
        .await
        });
        let out = res?;
        if matches!(out, CheckIn::Done { .. }) {
            self.bus()
                .publish(Event::summit(summit_id, "attendance"))
                .await;
        }
        Ok(out)
    }

    /// Per stakeholder group: confirmed participants and how many checked in (groups without any are left out).
    pub async fn attendance(&self, summit_id: i64) -> StoreResult<Vec<Attendance>> {
        let rows: Vec<(i64, String, i64)> = with_pool!(self, read, |p| sqlx::query_as(
            "SELECT group_id, status, COUNT(*) FROM registrations WHERE summit_id = $1 \
             AND status IN ('confirmed', 'checked_in') GROUP BY group_id, status ORDER BY group_id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await)?;
        let mut out: Vec<Attendance> = Vec::new();
        for (group_id, status, n) in rows {
            if out.last().is_none_or(|a| a.group_id != group_id) {
                out.push(Attendance {
                    group_id,
                    expected: 0,
                    checked_in: 0,
                });
            }
            let a = out.last_mut().expect("pushed");
            a.expected += n;
            if status == "checked_in" {
                a.checked_in += n;
            }
        }
        Ok(out)
    }
}
