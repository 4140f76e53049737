//! The confirmation deadline for selected people, and the record of every seat that came free on the panel and
//! who took it (a decline, a no-show after the deadline, a selected person who deleted their data).

use serde::Serialize;

use crate::{Event, RegistrationStatus, Store, StoreError, StoreResult, now_ms, with_pool};

/// Why a seat on the panel came free.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum VacancyReason {
    /// The person declined through their personal link.
    Declined,
    /// The person neither confirmed nor declined before the deadline.
    NoShow,
    /// The person deleted their own data.
    Deleted,
}

impl VacancyReason {
    pub fn as_str(self) -> &'static str {
        match self {
            VacancyReason::Declined => "declined",
            VacancyReason::NoShow => "no_show",
            VacancyReason::Deleted => "deleted",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "declined" => VacancyReason::Declined,
            "no_show" => VacancyReason::NoShow,
            "deleted" => VacancyReason::Deleted,
            _ => return None,
        })
    }
}

/// One freed seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Replacement {
    pub vacated_id: i64,
    pub reason: VacancyReason,
    /// The reserve who took the seat; `None` when no reserve kept every quota.
    pub replacement_id: Option<i64>,
    pub created_at: i64,
}

impl Store {
    /// The confirmation deadline (ISO date, inclusive), if set.
    pub async fn confirmation_deadline(&self, summit_id: i64) -> StoreResult<Option<String>> {
        Ok(with_pool!(self, read, |p| sqlx::query_scalar(
            "SELECT deadline FROM confirmation_deadlines WHERE summit_id = $1"
        )
        .bind(summit_id)
        .fetch_optional(p)
        .await)?)
    }

    /// Set the confirmation deadline; the caller validates it (ISO date).
    pub async fn set_confirmation_deadline(&self, summit_id: i64, date: &str) -> StoreResult<()> {
        with_pool!(self, write, |p| {
            sqlx::query(
            "INSERT INTO confirmation_deadlines (summit_id, deadline, set_at) VALUES ($1, $2, $3) \
             ON CONFLICT (summit_id) DO UPDATE SET deadline = excluded.deadline, set_at = excluded.set_at"
        )
        .bind(summit_id)
        .bind(date)
        .bind(now_ms())
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        self.bus()
            .publish(Event::summit(summit_id, "selection"))
            .await;
        Ok(())
    }

    /// Take a no-show off the panel: a registration still `selected` (no answer) becomes `withdrawn`. Returns
    /// false when it had answered meanwhile (or was not selected), and then changes nothing.
    pub async fn withdraw_no_show(&self, registration_id: i64) -> StoreResult<bool> {
        let summit_id: Option<i64> = with_pool!(self, write, |p| sqlx::query_scalar(
            "UPDATE registrations SET status = $1, reserve_rank = NULL, updated_at = $2 \
             WHERE id = $3 AND status = $4 RETURNING summit_id"
        )
        .bind(RegistrationStatus::Withdrawn.as_str())
        .bind(now_ms())
        .bind(registration_id)
        .bind(RegistrationStatus::Selected.as_str())
        .fetch_optional(p)
        .await)?;
        if let Some(summit_id) = summit_id {
            self.bus()
                .publish(Event::summit(summit_id, "registrations"))
                .await;
        }
        Ok(summit_id.is_some())
    }

    /// Record a freed seat and who took it. A seat is recorded once per person: a second record for the same
    /// person is refused as a conflict.
    pub async fn record_replacement(
        &self,
        summit_id: i64,
        vacated_id: i64,
        reason: VacancyReason,
        replacement_id: Option<i64>,
    ) -> StoreResult<()> {
        let res = with_pool!(self, write, |p| {
            sqlx::query(
            "INSERT INTO replacements (summit_id, vacated_id, reason, replacement_id, created_at) \
             VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(summit_id)
        .bind(vacated_id)
        .bind(reason.as_str())
        .bind(replacement_id)
        .bind(now_ms())
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        });
        res.map_err(|e| StoreError::unique_as(e, "replacement"))?;
        self.bus()
            .publish(Event::summit(summit_id, "selection"))
            .await;
        Ok(())
    }

    /// Every freed seat of a summit, oldest first.
    pub async fn replacements(&self, summit_id: i64) -> StoreResult<Vec<Replacement>> {
        let rows: Vec<(i64, String, Option<i64>, i64)> =
            with_pool!(self, read, |p| sqlx::query_as(
                "SELECT vacated_id, reason, replacement_id, created_at FROM replacements \
             WHERE summit_id = $1 ORDER BY id"
            )
            .bind(summit_id)
            .fetch_all(p)
            .await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(vacated_id, reason, replacement_id, created_at)| {
                Some(Replacement {
                    vacated_id,
                    reason: VacancyReason::parse(&reason)?,
                    replacement_id,
                    created_at,
                })
            })
            .collect())
    }
}
