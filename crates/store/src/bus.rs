//! Live-update events. Publishing goes through the database's own channel where several servers share it
//! (PostgreSQL LISTEN/NOTIFY), so an update made through one `g1000 serve` reaches pages served by another.

use serde::{Deserialize, Serialize};
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::broadcast;

use crate::{StoreError, StoreResult};

const CHANNEL: &str = "g1000_events";

/// One change that live pages may want to show. `topic` names what changed (e.g. `summit:12`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub topic: String,
    pub kind: String,
}

impl Event {
    pub fn summit(summit_id: i64, kind: &str) -> Self {
        Self {
            topic: format!("summit:{summit_id}"),
            kind: kind.to_string(),
        }
    }
}

/// The event bus: subscribe to get every event, publish to send one to every subscriber of every server.
#[derive(Clone)]
pub struct EventBus {
    local: broadcast::Sender<Event>,
    pg: Option<PgPool>,
    /// The PostgreSQL listener task (it holds a connection of the pool until stopped).
    listener: Option<std::sync::Arc<tokio::task::AbortHandle>>,
}

impl EventBus {
    pub(crate) fn in_process() -> Self {
        let (local, _) = broadcast::channel(1024);
        Self {
            local,
            pg: None,
            listener: None,
        }
    }

    /// Listen on PostgreSQL's channel and forward every notification to local subscribers.
    pub(crate) async fn postgres(pool: &PgPool) -> StoreResult<Self> {
        let (local, _) = broadcast::channel(1024);
        let mut listener = PgListener::connect_with(pool)
            .await
            .map_err(StoreError::Db)?;
        listener.listen(CHANNEL).await.map_err(StoreError::Db)?;
        let tx = local.clone();
        let task = tokio::spawn(async move {
            loop {
                // `recv` reconnects by itself after a lost connection.
                match listener.recv().await {
                    Ok(n) => match serde_json::from_str::<Event>(n.payload()) {
                        Ok(ev) => {
                            let _ = tx.send(ev);
                        }
                        Err(e) => tracing::warn!("ignoring malformed event {:?}: {e}", n.payload()),
                    },
                    Err(e) => {
                        tracing::warn!("event listener: {e}");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        Ok(Self {
            local,
            pg: Some(pool.clone()),
            listener: Some(std::sync::Arc::new(task.abort_handle())),
        })
    }

    /// Send an event to every subscriber (on every server sharing the database). Best effort: a live page that
    /// misses an event still shows the current state on its next load.
    pub async fn publish(&self, event: Event) {
        match &self.pg {
            None => {
                let _ = self.local.send(event);
            }
            Some(pool) => {
                let payload = serde_json::to_string(&event).expect("events serialise");
                if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)")
                    .bind(CHANNEL)
                    .bind(payload)
                    .execute(pool)
                    .await
                {
                    tracing::warn!("could not publish event: {e}");
                }
            }
        }
    }

    /// Stop listening (before the pool closes; the listener holds one of its connections).
    pub(crate) fn stop(&self) {
        if let Some(handle) = &self.listener {
            handle.abort();
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }
}
