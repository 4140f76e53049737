//! The demo's hall: 100 tables of 10 (the first ten wheelchair accessible, table 1 hosted by the demo's
//! table host), and a seating of whatever participants the demo has (selected, confirmed, checked in)
//! for the programme's table rounds. Called at the end of `demo::seed`.

use anyhow::Context;
use g1000_store::{Store, Summit, TableFields};
use g1000_web::seating::Hall;

/// Creates the demo tables and seats the participants; returns how many seats were stored.
pub async fn seat_demo_hall(
    store: &Store,
    summit: &Summit,
    host_user_id: Option<i64>,
) -> anyhow::Result<usize> {
    let language = summit
        .fields
        .languages
        .first()
        .cloned()
        .unwrap_or_else(|| "nl".into());
    for (count, accessible) in [(10, true), (90, false)] {
        let fields = TableFields {
            capacity: 10,
            accessible,
            language: language.clone(),
            host_user_id: None,
        };
        store.add_seating_tables(summit.id, count, &fields).await?;
    }
    if let Some(host) = host_user_id {
        let first = store.seating_tables(summit.id).await?.remove(0);
        let fields = TableFields {
            host_user_id: Some(host),
            capacity: first.capacity,
            accessible: first.accessible,
            language: first.language.clone(),
        };
        store
            .update_seating_table(summit.id, first.id, &fields)
            .await?;
    }
    let hall = Hall::load(store, summit.id).await?;
    if hall.people.is_empty() || hall.rounds.is_empty() {
        return Ok(0);
    }
    store.start_seating_run(summit.id, 0).await?;
    let seed = summit.id as u64;
    let seats = tokio::task::spawn_blocking(move || hall.plan(seed))
        .await?
        .context("seating the demo hall")?;
    store.finish_seating_run(summit.id, Ok(&seats)).await?;
    store
        .record(
            summit.id,
            "system",
            "seating.run_finished",
            serde_json::json!({"seats": seats.len()}),
        )
        .await?;
    Ok(seats.len())
}
