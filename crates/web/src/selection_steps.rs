//! The steps of a stage-2 selection against the store, each with its audit record: start a run, store its
//! result, publish the commitment, draw the ticket and message everyone in the pool. The organiser's pages take
//! these steps one request at a time; `g1000 demo` and tests take them in a row through the same functions.

use g1000_store::{
    Outcome, RunStart, Selection, SelectionError, SelectionState, Store, StoreError, Summit,
};

use crate::security::sha256_hex;
use crate::selection::{self as engine, Commitment, Drawn, RunFiles, TICKETS};

/// Why a draw did not happen.
#[derive(Debug, thiserror::Error)]
pub enum DrawError {
    #[error(transparent)]
    Refused(#[from] SelectionError),
    /// The ticket is not one of the lottery's.
    #[error("ticket {ticket} is not between 1 and {tickets}")]
    NoSuchTicket { ticket: i64, tickets: i64 },
    #[error("drawing ticket {ticket}: {reason}")]
    Engine { ticket: i64, reason: String },
}

impl From<StoreError> for DrawError {
    fn from(e: StoreError) -> Self {
        DrawError::Refused(SelectionError::Store(e))
    }
}

/// Start a run on `features` (the quota file) and `people` (the pseudonymised pool with its pseudonyms in
/// `pool`); `everyone` admits the whole pool without a lottery. Audit-logged as `selection.run_started`.
#[allow(clippy::too_many_arguments)]
pub async fn start_run(
    store: &Store,
    summit_id: i64,
    group_id: i64,
    seats: i64,
    features: &str,
    people: &str,
    pool: &[(String, i64)],
    everyone: bool,
    stale_before: i64,
    actor: &str,
) -> Result<Selection, SelectionError> {
    let start = RunStart {
        features_csv: features,
        people_csv: people,
        pool,
        everyone,
        tickets: TICKETS as i64,
        stale_before,
    };
    let started = store.start_selection_run(summit_id, &start).await?;
    store
        .record(
            summit_id,
            actor,
            "selection.run_started",
            serde_json::json!({
                "group_id": group_id,
                "seats": seats,
                "pool": pool.len(),
                "features_sha256": sha256_hex(features),
                "people_sha256": sha256_hex(people),
                "everyone_admitted": everyone,
            }),
        )
        .await?;
    Ok(started)
}

/// Store the outcome of run `run_id` (the engine's files, or why it failed) and audit it as the system's. `false`
/// when the run was superseded meanwhile (quotas changed, a new run): nothing is stored then.
pub async fn finish_run(
    store: &Store,
    summit_id: i64,
    run_id: i64,
    outcome: Result<&RunFiles, &str>,
) -> Result<bool, StoreError> {
    let stored = store
        .finish_selection_run(
            summit_id,
            run_id,
            outcome.map(|f| (f.distribution_json.as_str(), f.lottery_json.as_str())),
        )
        .await?;
    if stored {
        let (action, detail) = match outcome {
            Ok(f) => (
                "selection.run_finished",
                serde_json::json!({
                    "distribution_sha256": sha256_hex(&f.distribution_json),
                    "lottery_sha256": sha256_hex(&f.lottery_json),
                    "tickets": TICKETS,
                }),
            ),
            Err(msg) => ("selection.run_failed", serde_json::json!({"error": msg})),
        };
        store.record(summit_id, "system", action, detail).await?;
    }
    Ok(stored)
}

/// Publish the commitment of a finished run: from now on its pool and quotas are frozen. Audit-logged with the
/// commitment's hash.
pub async fn commit(
    store: &Store,
    summit_id: i64,
    actor: &str,
) -> Result<Commitment, SelectionError> {
    let s = store
        .selection(summit_id)
        .await?
        .ok_or(SelectionError::Missing)?;
    let (Some(f), Some(p), Some(d), Some(l)) = (
        &s.features_csv,
        &s.people_csv,
        &s.distribution_json,
        &s.lottery_json,
    ) else {
        return Err(SelectionError::WrongState(s.state()));
    };
    let c = Commitment::new(f, p, d, l, s.seats, s.tickets.unwrap_or(TICKETS as i64));
    let json = c.to_json();
    store.commit_selection(summit_id, &json).await?;
    let mut detail = serde_json::to_value(&c).unwrap_or_default();
    detail["commitment_sha256"] = sha256_hex(&json).into();
    store
        .record(summit_id, actor, "selection.committed", detail)
        .await?;
    Ok(c)
}

/// Draw the committed lottery's `ticket` (drawn in public): the panel and the ordered reserves are stored,
/// audit-logged, and everyone in the pool gets their message.
pub async fn draw_ticket(
    store: &Store,
    summit: &Summit,
    ticket: i64,
    actor: &str,
    base_url: &str,
) -> Result<Drawn, DrawError> {
    let s = store
        .selection(summit.id)
        .await?
        .ok_or(SelectionError::Missing)?;
    let (SelectionState::Committed, Some(f), Some(p), Some(l)) =
        (s.state(), &s.features_csv, &s.people_csv, &s.lottery_json)
    else {
        return Err(SelectionError::WrongState(s.state()).into());
    };
    let tickets = s.tickets.unwrap_or(TICKETS as i64);
    if !(1..=tickets).contains(&ticket) {
        return Err(DrawError::NoSuchTicket { ticket, tickets });
    }
    let (f, p, l) = (f.clone(), p.clone(), l.clone());
    let drawn = tokio::task::spawn_blocking(move || engine::draw(&f, &p, &l, ticket as u64))
        .await
        .map_err(|e| e.to_string())
        .and_then(|r| r.map_err(|e| e.to_string()))
        .map_err(|reason| DrawError::Engine { ticket, reason })?;
    store
        .record_selection_draw(
            summit.id,
            Some((ticket, drawn.draw_json.as_str())),
            &drawn.outcomes,
        )
        .await?;
    store
        .record(
            summit.id,
            actor,
            "selection.drawn",
            serde_json::json!({
                "ticket": ticket,
                "panel": drawn.panel,
                "reserves": drawn.reserves,
                "draw_sha256": sha256_hex(&drawn.draw_json),
            }),
        )
        .await?;
    notify_outcomes(store, summit, s.id, base_url).await?;
    Ok(drawn)
}

/// After the draw, every person in the pool gets a message in the outbox: selected (with a personal link to
/// confirm or decline), reserve, or not selected.
pub async fn notify_outcomes(
    store: &Store,
    summit: &Summit,
    selection_id: i64,
    base_url: &str,
) -> Result<(), StoreError> {
    use crate::outbox::MessageKind;
    for m in store.selection_pool(selection_id).await? {
        let kind = match m.outcome() {
            Some(Outcome::Selected) => MessageKind::Selected,
            Some(Outcome::Reserve) => MessageKind::Reserve,
            Some(Outcome::NotSelected) => MessageKind::NotSelected,
            None => continue,
        };
        crate::outbox::enqueue(store, summit, m.registration_id, kind, base_url).await?;
    }
    Ok(())
}
