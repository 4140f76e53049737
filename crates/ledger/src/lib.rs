//! The audit record: an append-only chain of events, each carrying the SHA-256 of the one before it, so that
//! anyone holding a published chain can check that no event was changed, removed or inserted afterwards.
//!
//! The hash of an event covers, in this order and separated by a newline: the sequence number, the time
//! (milliseconds since the Unix epoch), the actor, the action, the detail as canonical JSON (object keys sorted,
//! no spaces) and the previous event's hash (64 zeros for the first). This is the whole specification needed
//! to re-implement the check elsewhere.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// The `prev_hash` of a chain's first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One event of the chain, as stored and as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// 1, 2, 3, … within one chain.
    pub seq: i64,
    pub at_ms: i64,
    /// Who did it, pseudonymously (e.g. `organiser#3`) or `system`.
    pub actor: String,
    /// What was done, e.g. `summit.created`.
    pub action: String,
    /// The decision's content (never personal data).
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

/// An event before it is chained.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub detail: serde_json::Value,
}

/// The hash of an event's content given its place in the chain.
pub fn event_hash(
    seq: i64,
    at_ms: i64,
    actor: &str,
    action: &str,
    detail: &serde_json::Value,
    prev_hash: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        seq.to_string().as_str(),
        at_ms.to_string().as_str(),
        actor,
        action,
        canonical_json(detail).as_str(),
        prev_hash,
    ] {
        h.update(part.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())
}

/// JSON with object keys sorted and no whitespace (serde_json's maps are sorted by key).
pub fn canonical_json(v: &serde_json::Value) -> String {
    // Re-parse into a Value to normalise any map order, then print compactly.
    let normal: serde_json::Value =
        serde_json::from_str(&v.to_string()).unwrap_or(serde_json::Value::Null);
    normal.to_string()
}

/// Chain a draft after `last` (None for the first event).
pub fn chain(last: Option<&Event>, draft: Draft) -> Event {
    let (seq, prev_hash) = match last {
        Some(e) => (e.seq + 1, e.hash.clone()),
        None => (1, GENESIS.to_string()),
    };
    let hash = event_hash(
        seq,
        draft.at_ms,
        &draft.actor,
        &draft.action,
        &draft.detail,
        &prev_hash,
    );
    Event {
        seq,
        at_ms: draft.at_ms,
        actor: draft.actor,
        action: draft.action,
        detail: draft.detail,
        prev_hash,
        hash,
    }
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ChainError {
    #[error("event {seq}: expected sequence number {expected}")]
    Sequence { seq: i64, expected: i64 },
    #[error("event {seq}: its prev_hash does not match the hash of the event before it")]
    Link { seq: i64 },
    #[error(
        "event {seq}: its content does not match its hash (it was changed after it was recorded)"
    )]
    Content { seq: i64 },
    #[error("event {seq}: time goes backwards")]
    Time { seq: i64 },
}

/// Check a whole chain, first event first. Returns the hash of the last event (the chain's head).
pub fn verify(events: &[Event]) -> Result<String, ChainError> {
    let mut prev = GENESIS.to_string();
    let mut prev_at = i64::MIN;
    for (i, e) in events.iter().enumerate() {
        let expected = i as i64 + 1;
        if e.seq != expected {
            return Err(ChainError::Sequence {
                seq: e.seq,
                expected,
            });
        }
        if e.prev_hash != prev {
            return Err(ChainError::Link { seq: e.seq });
        }
        if event_hash(e.seq, e.at_ms, &e.actor, &e.action, &e.detail, &e.prev_hash) != e.hash {
            return Err(ChainError::Content { seq: e.seq });
        }
        if e.at_ms < prev_at {
            return Err(ChainError::Time { seq: e.seq });
        }
        prev = e.hash.clone();
        prev_at = e.at_ms;
    }
    Ok(prev)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Vec<Event> {
        let mut events: Vec<Event> = vec![];
        for (i, action) in ["summit.created", "group.added", "summit.published"]
            .iter()
            .enumerate()
        {
            let draft = Draft {
                at_ms: 1_000 + i as i64,
                actor: "organiser#1".into(),
                action: action.to_string(),
                detail: json!({"b": i, "a": "x"}),
            };
            let e = chain(events.last(), draft);
            events.push(e);
        }
        events
    }

    #[test]
    fn a_clean_chain_verifies() {
        let ev = sample();
        assert_eq!(ev[0].prev_hash, GENESIS);
        assert_eq!(verify(&ev).unwrap(), ev[2].hash);
        assert_eq!(verify(&[]).unwrap(), GENESIS);
    }

    #[test]
    fn any_tampering_is_found() {
        let mut changed = sample();
        changed[1].detail = json!({"a": "y", "b": 1});
        assert_eq!(verify(&changed), Err(ChainError::Content { seq: 2 }));

        let mut removed = sample();
        removed.remove(1);
        assert_eq!(
            verify(&removed),
            Err(ChainError::Sequence {
                seq: 3,
                expected: 2
            })
        );

        // Re-hashing a changed event does not help: the next link breaks.
        let mut rehashed = sample();
        rehashed[0].action = "summit.deleted".into();
        let e = &rehashed[0];
        rehashed[0].hash = event_hash(e.seq, e.at_ms, &e.actor, &e.action, &e.detail, &e.prev_hash);
        assert_eq!(verify(&rehashed), Err(ChainError::Link { seq: 2 }));
    }

    #[test]
    fn key_order_does_not_matter_and_hash_is_stable() {
        let a = json!({"x": 1, "y": [1, 2]});
        let b: serde_json::Value = serde_json::from_str(r#"{"y":[1,2],"x":1}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(canonical_json(&a), r#"{"x":1,"y":[1,2]}"#);
        // A fixed vector, so that other implementations can check themselves against this one.
        assert_eq!(
            event_hash(1, 0, "system", "test", &json!({}), GENESIS),
            hex::encode(Sha256::digest(
                format!("1\n0\nsystem\ntest\n{{}}\n{GENESIS}\n").as_bytes()
            ))
        );
    }
}
