//! Live updates per connection, coalesced: of a burst of events of one kind (e.g. 100 keywords in a few seconds)
//! a connection gets the first at once and then at most one per [`LIVE_GAP`], the last always delivered, so a
//! screen that reloads on every event reloads a few times, not 100. Events of different kinds do not hold each
//! other up (a round change goes out at once even in a stream of keywords).

use std::collections::HashMap;
use std::time::Duration;

use g1000_store::Event;
use tokio::sync::{broadcast, mpsc};
use tokio::time::Instant;
use tokio_stream::Stream;
use tokio_stream::wrappers::ReceiverStream;

/// The shortest time between two events of one kind on one connection.
pub const LIVE_GAP: Duration = Duration::from_millis(400);

/// The kinds of the events for `topic` from `rx`, coalesced per kind (see the module). "lagged" stands for
/// events this connection missed (the page should reload what it shows). The stream ends when the bus closes;
/// the task behind it ends when the stream is dropped.
pub fn coalesced(
    mut rx: broadcast::Receiver<Event>,
    topic: String,
    gap: Duration,
) -> impl Stream<Item = String> {
    let (tx, out) = mpsc::channel::<String>(16);
    tokio::spawn(async move {
        // Per kind: when it was last sent, and whether another is waiting for the gap to pass.
        let mut last: HashMap<String, Instant> = HashMap::new();
        let mut waiting: HashMap<String, Instant> = HashMap::new();
        loop {
            let due = waiting.values().min().copied();
            let kind = tokio::select! {
                _ = tx.closed() => return,
                ev = rx.recv() => match ev {
                    Ok(ev) if ev.topic == topic => ev.kind,
                    Ok(_) => continue,
                    Err(broadcast::error::RecvError::Lagged(_)) => "lagged".to_string(),
                    Err(broadcast::error::RecvError::Closed) => return,
                },
                _ = tokio::time::sleep_until(due.unwrap_or_else(Instant::now)), if due.is_some() => {
                    let now = Instant::now();
                    let ready: Vec<String> =
                        waiting.iter().filter(|(_, t)| **t <= now).map(|(k, _)| k.clone()).collect();
                    for k in ready {
                        waiting.remove(&k);
                        last.insert(k.clone(), now);
                        if tx.send(k).await.is_err() {
                            return;
                        }
                    }
                    continue;
                }
            };
            let now = Instant::now();
            match last.get(&kind) {
                Some(sent) if now < *sent + gap => {
                    waiting.entry(kind).or_insert(*sent + gap);
                }
                _ => {
                    last.insert(kind.clone(), now);
                    if tx.send(kind).await.is_err() {
                        return;
                    }
                }
            }
        }
    });
    ReceiverStream::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio_stream::StreamExt;

    fn ev(topic: &str, kind: &str) -> Event {
        Event {
            topic: topic.into(),
            kind: kind.into(),
        }
    }

    /// What arrives within `ms` milliseconds (virtual time).
    async fn within(s: &mut (impl Stream<Item = String> + Unpin), ms: u64) -> Vec<String> {
        let mut got = vec![];
        let end = Instant::now() + Duration::from_millis(ms);
        while let Ok(Some(k)) = tokio::time::timeout_at(end, s.next()).await {
            got.push(k);
        }
        got
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_gives_the_first_at_once_and_the_last_after_the_gap() {
        let (bus, _) = broadcast::channel(1024);
        let mut s = Box::pin(coalesced(bus.subscribe(), "summit:1".into(), LIVE_GAP));
        for _ in 0..100 {
            bus.send(ev("summit:1", "day-input")).unwrap();
        }
        bus.send(ev("summit:2", "day")).unwrap();
        bus.send(ev("summit:1", "day")).unwrap();
        // At once: the first keyword and the round change (another kind is not held up); not another summit's.
        assert_eq!(within(&mut s, 10).await, ["day-input", "day"]);
        // The 99 others: one event, when the gap has passed.
        assert_eq!(within(&mut s, 300).await, Vec::<String>::new());
        assert_eq!(within(&mut s, 200).await, ["day-input"]);
        assert_eq!(within(&mut s, 2000).await, Vec::<String>::new());
        // A keyword a while later goes out at once again.
        bus.send(ev("summit:1", "day-input")).unwrap();
        assert_eq!(within(&mut s, 10).await, ["day-input"]);
        // A steady stream (one every 50 ms for 2 s): about one per gap, the last one included.
        for _ in 0..40 {
            bus.send(ev("summit:1", "day-input")).unwrap();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let got = within(&mut s, 1000).await;
        assert!((4..=7).contains(&got.len()), "{got:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn the_task_ends_when_the_connection_is_dropped() {
        let (bus, _) = broadcast::channel::<Event>(16);
        let s = coalesced(bus.subscribe(), "summit:1".into(), LIVE_GAP);
        assert_eq!(bus.receiver_count(), 1);
        drop(s);
        tokio::time::sleep(Duration::from_millis(10)).await;
        assert_eq!(bus.receiver_count(), 0);
    }
}
