//! The audit record per summit: appended through the ledger's hash chain, never changed (the database refuses
//! updates and deletes of `audit_events` with a trigger).

use g1000_ledger::Event;

use crate::{Store, StoreError, StoreResult, Tx, with_pool, write_tx};

#[derive(sqlx::FromRow)]
pub(crate) struct Row {
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

/// What a change records in the audit record, appended in the change's own transaction (see [`append!`]).
#[derive(Debug, Clone)]
pub struct AuditDraft {
    pub actor: String,
    pub action: String,
    pub detail: serde_json::Value,
}

/// Append an event to a summit's audit record inside the transaction on `$conn` (a `&mut` connection of either
/// backend): lock the summit's row (PostgreSQL; SQLite has a single writer), read the chain's head, append after
/// it. Appends to one summit are thereby serialised across servers. Evaluates to `Result<Event, sqlx::Error>`.
macro_rules! append {
    ($conn:expr, $summit_id:expr, $draft:expr) => {
        async {
            let summit_id: i64 = $summit_id;
            let draft: &$crate::audit::AuditDraft = $draft;
            sqlx::query("UPDATE summits SET updated_at = updated_at WHERE id = $1")
                .bind(summit_id)
                .execute(&mut *$conn)
                .await?;
            let last: Option<g1000_ledger::Event> = sqlx::query_as::<_, $crate::audit::Row>(
                "SELECT seq, at_ms, actor, action, detail, prev_hash, hash FROM audit_events \
                 WHERE summit_id = $1 ORDER BY seq DESC LIMIT 1",
            )
            .bind(summit_id)
            .fetch_optional(&mut *$conn)
            .await?
            .map(Into::into);
            let at_ms = $crate::now_ms().max(last.as_ref().map(|e| e.at_ms).unwrap_or(0));
            let event = g1000_ledger::chain(
                last.as_ref(),
                g1000_ledger::Draft {
                    at_ms,
                    actor: draft.actor.clone(),
                    action: draft.action.clone(),
                    detail: draft.detail.clone(),
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
            .bind(g1000_ledger::canonical_json(&draft.detail))
            .bind(&event.prev_hash)
            .bind(&event.hash)
            .execute(&mut *$conn)
            .await?;
            Ok::<g1000_ledger::Event, sqlx::Error>(event)
        }
    };
}
pub(crate) use append;

/// A PostgreSQL append that lost the race for the chain's next number to another server: chain again.
pub(crate) fn lost_race(e: &StoreError) -> bool {
    matches!(e, StoreError::Db(sqlx::Error::Database(db)) if db.is_unique_violation())
}

impl Store {
    /// Append an event to a summit's audit record (in a transaction of its own; a change that records an event
    /// should append it in its own transaction with [`append!`] instead). Two servers appending at once: the
    /// (summit, seq) key makes one of them fail, and it chains again after the winner.
    pub async fn record(
        &self,
        summit_id: i64,
        actor: &str,
        action: &str,
        detail: serde_json::Value,
    ) -> StoreResult<Event> {
        let draft = AuditDraft {
            actor: actor.to_string(),
            action: action.to_string(),
            detail,
        };
        for _ in 0..10 {
            let draft = draft.clone();
            let res = write_tx!(self, |c| {
                let event = append!(c, summit_id, &draft).await?;
                Ok(Tx::Commit(event))
            });
            match res {
                Err(e) if lost_race(&e) => continue,
                other => return other,
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
