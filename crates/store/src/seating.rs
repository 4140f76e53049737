//! Seating (issue 5): a summit's tables (number, capacity, accessible, language, host), the state of the
//! last seating run, and who sits at which table in every table round of the programme.

use serde::Serialize;

use crate::{Event, Store, StoreError, StoreResult, now_ms, with_pool};

/// One table of a summit's hall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SeatingTable {
    pub id: i64,
    pub summit_id: i64,
    pub number: i64,
    pub capacity: i64,
    pub accessible: bool,
    /// The table's language (an interpreter sits there when it is not the hall's language).
    pub language: String,
    /// The team member who hosts the table.
    pub host_user_id: Option<i64>,
}

/// A table's editable fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableFields {
    pub capacity: i64,
    pub accessible: bool,
    pub language: String,
    pub host_user_id: Option<i64>,
}

/// A participant to seat: a selected, confirmed or checked-in registration, with what seating needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SeatPerson {
    pub registration_id: i64,
    pub public_id: String,
    pub group_id: i64,
    pub status: String,
    /// `None` once the personal data is deleted.
    pub name: Option<String>,
    pub wheelchair: bool,
    pub interpreter_language: Option<String>,
}

/// Where the last seating run stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SeatingRun {
    /// running, ready or failed.
    pub status: String,
    pub message: String,
    pub started_at: i64,
    pub updated_at: i64,
}

/// One seat: a registration at a table in a round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Seat {
    pub round_id: i64,
    pub registration_id: i64,
    pub table_id: i64,
}

/// A registration's table in one round, for the personal page, the badges and the hosts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SeatNumber {
    pub registration_id: i64,
    /// The round's 1-based position in the programme.
    pub round_position: i64,
    pub table_number: i64,
}

const TABLE_COLS: &str = "id, summit_id, number, capacity, accessible, language, host_user_id";

impl Store {
    /// A summit's tables by number.
    pub async fn seating_tables(&self, summit_id: i64) -> StoreResult<Vec<SeatingTable>> {
        let sql =
            format!("SELECT {TABLE_COLS} FROM seating_tables WHERE summit_id = $1 ORDER BY number");
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, SeatingTable>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// Adds `count` tables with the same fields, numbered on from the highest number so far.
    pub async fn add_seating_tables(
        &self,
        summit_id: i64,
        count: i64,
        fields: &TableFields,
    ) -> StoreResult<Vec<SeatingTable>> {
        let sql = format!(
            "INSERT INTO seating_tables (summit_id, number, capacity, accessible, language, host_user_id) \
             VALUES ($1, (SELECT COALESCE(MAX(number), 0) + 1 FROM seating_tables WHERE summit_id = $1), \
             $2, $3, $4, $5) RETURNING {TABLE_COLS}"
        );
        let mut out = Vec::new();
        for _ in 0..count {
            let t = with_pool!(self, write, |p| sqlx::query_as::<_, SeatingTable>(
                sqlx::AssertSqlSafe(sql.as_str())
            )
            .bind(summit_id)
            .bind(fields.capacity)
            .bind(fields.accessible)
            .bind(&fields.language)
            .bind(fields.host_user_id)
            .fetch_one(p)
            .await)
            .map_err(|e| StoreError::unique_as(e, "this table number"))?;
            out.push(t);
        }
        self.bus()
            .publish(Event::summit(summit_id, "seating"))
            .await;
        Ok(out)
    }

    pub async fn update_seating_table(
        &self,
        summit_id: i64,
        id: i64,
        fields: &TableFields,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE seating_tables SET capacity = $1, accessible = $2, language = $3, host_user_id = $4 \
             WHERE id = $5 AND summit_id = $6"
        )
        .bind(fields.capacity)
        .bind(fields.accessible)
        .bind(&fields.language)
        .bind(fields.host_user_id)
        .bind(id)
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("table"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "seating"))
            .await;
        Ok(())
    }

    /// Deletes a table (and the seats at it).
    pub async fn delete_seating_table(&self, summit_id: i64, id: i64) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| sqlx::query(
            "DELETE FROM seating_tables WHERE id = $1 AND summit_id = $2"
        )
        .bind(id)
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound("table"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "seating"))
            .await;
        Ok(())
    }

    /// The summit's participants to seat (selected, confirmed, checked in), by id.
    pub async fn seat_people(&self, summit_id: i64) -> StoreResult<Vec<SeatPerson>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, SeatPerson>(
            "SELECT r.id AS registration_id, r.public_id, r.group_id, r.status, c.name, \
             COALESCE(n.wheelchair, FALSE) AS wheelchair, n.interpreter_language \
             FROM registrations r LEFT JOIN registration_contact c ON c.registration_id = r.id \
             LEFT JOIN registration_needs n ON n.registration_id = r.id \
             WHERE r.summit_id = $1 AND r.status IN ('selected', 'confirmed', 'checked_in') ORDER BY r.id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// Every band of every registration of a summit: (registration id, attribute id, band).
    pub async fn summit_bands(&self, summit_id: i64) -> StoreResult<Vec<(i64, i64, String)>> {
        Ok(with_pool!(self, read, |p| sqlx::query_as(
            "SELECT b.registration_id, b.attribute_id, b.band FROM registration_bands b \
             JOIN registrations r ON r.id = b.registration_id WHERE r.summit_id = $1 \
             ORDER BY b.registration_id, b.attribute_id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await)?)
    }

    /// The last seating run, if any.
    pub async fn seating_run(&self, summit_id: i64) -> StoreResult<Option<SeatingRun>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, SeatingRun>(
            "SELECT status, message, started_at, updated_at FROM seating_runs WHERE summit_id = $1"
        )
        .bind(summit_id)
        .fetch_optional(p)
        .await
        })?)
    }

    /// Marks a seating run as started. False when one is running already and started less than
    /// `stale_ms` ago (an older one is taken as interrupted).
    pub async fn start_seating_run(&self, summit_id: i64, stale_ms: i64) -> StoreResult<bool> {
        let now = now_ms();
        let n = with_pool!(self, write, |p| sqlx::query(
            "INSERT INTO seating_runs (summit_id, status, message, started_at, updated_at) \
             VALUES ($1, 'running', '', $2, $2) ON CONFLICT (summit_id) DO UPDATE \
             SET status = 'running', message = '', started_at = $2, updated_at = $2 \
             WHERE seating_runs.status <> 'running' OR seating_runs.updated_at < $3"
        )
        .bind(summit_id)
        .bind(now)
        .bind(now - stale_ms)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        if n > 0 {
            self.bus()
                .publish(Event::summit(summit_id, "seating"))
                .await;
        }
        Ok(n > 0)
    }

    /// Ends a seating run: its seats replace every earlier one (and any theme tables), or it failed with a message.
    pub async fn finish_seating_run(
        &self,
        summit_id: i64,
        result: Result<&[Seat], &str>,
    ) -> StoreResult<()> {
        let now = now_ms();
        let res: Result<(), sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                let (status, message) = match result {
                    Ok(seats) => {
                        sqlx::query("DELETE FROM seating_assignments WHERE summit_id = $1")
                            .bind(summit_id)
                            .execute(&mut *tx)
                            .await?;
                        // A new plan of every round replaces theme tables too (seated again by the console).
                        for table in ["day_theme_tables", "day_theme_runs"] {
                            sqlx::query(sqlx::AssertSqlSafe(format!(
                                "DELETE FROM {table} WHERE summit_id = $1"
                            )))
                            .bind(summit_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        for s in seats {
                            sqlx::query(
                                "INSERT INTO seating_assignments (round_id, registration_id, table_id, summit_id) \
                                 VALUES ($1, $2, $3, $4)",
                            )
                            .bind(s.round_id)
                            .bind(s.registration_id)
                            .bind(s.table_id)
                            .bind(summit_id)
                            .execute(&mut *tx)
                            .await?;
                        }
                        ("ready", String::new())
                    }
                    Err(m) => ("failed", m.to_string()),
                };
                sqlx::query(
                    "UPDATE seating_runs SET status = $1, message = $2, updated_at = $3 WHERE summit_id = $4",
                )
                .bind(status)
                .bind(message)
                .bind(now)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await
            }
            .await
        });
        res?;
        self.bus()
            .publish(Event::summit(summit_id, "seating"))
            .await;
        Ok(())
    }

    /// Every seat of a summit.
    pub async fn seats(&self, summit_id: i64) -> StoreResult<Vec<Seat>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Seat>(
            "SELECT round_id, registration_id, table_id FROM seating_assignments WHERE summit_id = $1 \
             ORDER BY round_id, table_id, registration_id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?)
    }

    /// Moves one person to another table of the same summit in one round (a hand adjustment).
    pub async fn move_seat(
        &self,
        summit_id: i64,
        round_id: i64,
        registration_id: i64,
        table_id: i64,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE seating_assignments SET table_id = $1 WHERE summit_id = $2 AND round_id = $3 \
             AND registration_id = $4 AND EXISTS (SELECT 1 FROM seating_tables t WHERE t.id = $1 \
             AND t.summit_id = $2)"
        )
        .bind(table_id)
        .bind(summit_id)
        .bind(round_id)
        .bind(registration_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("seat"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "seating"))
            .await;
        Ok(())
    }

    /// Table numbers per registration and round position; for one registration or (None) everyone.
    pub async fn seat_numbers(
        &self,
        summit_id: i64,
        registration_id: Option<i64>,
    ) -> StoreResult<Vec<SeatNumber>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, SeatNumber>(
                "SELECT a.registration_id, r.position AS round_position, t.number AS table_number \
             FROM seating_assignments a JOIN rounds r ON r.id = a.round_id \
             JOIN seating_tables t ON t.id = a.table_id \
             WHERE a.summit_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR a.registration_id = $2) \
             ORDER BY a.registration_id, r.position",
            )
            .bind(summit_id)
            .bind(registration_id)
            .fetch_all(p)
            .await
        })?)
    }
}
