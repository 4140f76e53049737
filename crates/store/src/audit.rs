//! The audit record per summit: appended through the ledger's hash chain, never changed (the database refuses
//! updates and deletes of `audit_events` with a trigger).

use g1000_ledger::{Draft, Event};

use crate::{Store, StoreError, StoreResult, now_ms, with_pool};

#[derive(sqlx::FromRow)]
struct Row {
    seq: i64,
    at_ms: i64,
    actor: String,
    action: String,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl From<Row> for Event {
    fn from(r: Row) -> Self {
        Event {
            seq: r.seq,
            at_ms: r.at_ms,
            actor: r.actor,
            action: r.action,
            detail: serde_json::from_str(&r.detail).unwrap_or(serde_json::Value::Null),
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

const COLS: &str = "seq, at_ms, actor, action, detail, prev_hash, hash";

impl Store {
    /// Append an event to a summit's audit record. Two servers appending at once: the (summit, seq) key makes
    /// one of them fail, and it chains again after the winner.
    pub async fn record(
        &self,
        summit_id: i64,
        actor: &str,
        action: &str,
        detail: serde_json::Value,
    ) -> StoreResult<Event> {
        let detail_json = g1000_ledger::canonical_json(&detail);
        let sql = format!(
            "SELECT {COLS} FROM audit_events WHERE summit_id = $1 ORDER BY seq DESC LIMIT 1"
        );
        for _ in 0..10 {
            // One transaction: lock the summit's row (PostgreSQL; SQLite has a single writer), read the chain's
            // head, append after it. Appends to one summit are thereby serialised across servers.
            let res: Result<Event, sqlx::Error> = with_pool!(self, write, |p| {
                async {
                let mut tx = p.begin().await?;
                sqlx::query("UPDATE summits SET updated_at = updated_at WHERE id = $1")
                    .bind(summit_id)
                    .execute(&mut *tx)
                    .await?;
                let last: Option<Event> =
                    sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql.as_str()))
                        .bind(summit_id)
                        .fetch_optional(&mut *tx)
                        .await?
                        .map(Into::into);
                let at_ms = now_ms().max(last.as_ref().map(|e| e.at_ms).unwrap_or(0));
                let event = g1000_ledger::chain(
                    last.as_ref(),
                    Draft {
                        at_ms,
                        actor: actor.to_string(),
                        action: action.to_string(),
                        detail: detail.clone(),
                    },
                );
                sqlx::query(
                    "INSERT INTO audit_events (summit_id, seq, at_ms, actor, action, detail, prev_hash, hash) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(summit_id)
                .bind(event.seq)
                .bind(event.at_ms)
                .bind(&event.actor)
                .bind(&event.action)
                .bind(&detail_json)
                .bind(&event.prev_hash)
                .bind(&event.hash)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(event)
            }
            .await
            });
            match res {
                Ok(event) => return Ok(event),
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Conflict("a newer audit event"))
    }

    /// A summit's whole audit record, first event first.
    pub async fn audit_events(&self, summit_id: i64) -> StoreResult<Vec<Event>> {
        let sql = format!("SELECT {COLS} FROM audit_events WHERE summit_id = $1 ORDER BY seq");
        let rows = with_pool!(self, read, |p| sqlx::query_as::<_, Row>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
