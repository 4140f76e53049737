//! The day (issue 6, part A): four live screens that follow the facilitator.
//!
//! - [`session`]: participants open their phone screen with their badge code (see [`crate::auth::Participant`]);
//! - [`participant`]: `/s/{slug}/day`, the current round, its question, my table, the round's action;
//! - [`console`]: `/s/{slug}/console`, the facilitator moves the programme, runs the timer, moderates keywords;
//! - [`host`]: `/s/{slug}/host`, a table host marks attendance and enters keywords for the table;
//! - [`screen`]: `/s/{slug}/screen`, the projector: round, question, timer, counters, word cloud.
//!
//! Every screen is server-rendered and works without JavaScript (forms post and redirect, a reload shows the
//! current state); with JavaScript, `live.js` re-fetches the page's `#live` region whenever the store publishes a
//! `day` event on the summit's topic (`/s/{slug}/events`).

pub mod console;
pub mod host;
pub mod keywords;
pub mod participant;
pub mod screen;
pub mod session;
pub mod statements;
pub mod theme_tables;

use g1000_store::{DayState, Round, RoundKind};

use crate::AppState;
use crate::auth::Ctx;
use crate::error::AppResult;

/// Each theme with how many visible keywords it holds.
pub fn with_counts(
    themes: Vec<g1000_store::Theme>,
    keywords: &[g1000_store::Keyword],
) -> Vec<(g1000_store::Theme, usize)> {
    themes
        .into_iter()
        .map(|t| {
            let n = keywords
                .iter()
                .filter(|k| !k.hidden && k.theme_id == Some(t.id))
                .count();
            (t, n)
        })
        .collect()
}

/// Where the programme stands, with the summit's rounds, read once per page.
pub struct Now {
    pub state: DayState,
    pub rounds: Vec<Round>,
    /// The current round.
    pub current: Option<Round>,
    /// The time the page was made (ms).
    pub at: i64,
}

impl Now {
    pub async fn load(state: &AppState, summit_id: i64) -> AppResult<Now> {
        let day = state.store.day_state(summit_id).await?;
        let rounds = state.store.rounds(summit_id).await?;
        let current = day
            .round_id
            .and_then(|id| rounds.iter().find(|r| r.id == id).cloned());
        Ok(Now {
            state: day,
            rounds,
            current,
            at: g1000_store::now_ms(),
        })
    }

    /// The current round's index in the programme.
    pub fn index(&self) -> Option<usize> {
        let id = self.current.as_ref()?.id;
        self.rounds.iter().position(|r| r.id == id)
    }

    pub fn next_round(&self) -> Option<&Round> {
        match self.index() {
            Some(i) => self.rounds.get(i + 1),
            None => self.rounds.first(),
        }
    }

    pub fn previous_round(&self) -> Option<&Round> {
        self.index()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.rounds.get(i))
    }

    /// Whether the current round collects keywords (dialogue and agenda rounds).
    pub fn collects_keywords(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|r| matches!(r.fields.kind, RoundKind::Dialogue | RoundKind::Agenda))
    }

    /// Whether the current round is a statements round (issue 7).
    pub fn collects_statements(&self) -> bool {
        self.current
            .as_ref()
            .is_some_and(|r| r.fields.kind == RoundKind::Statements)
    }

    /// Milliseconds left of the current round (negative when over time).
    pub fn remaining_ms(&self) -> i64 {
        let Some(r) = &self.current else { return 0 };
        r.fields.duration_min * 60_000 - self.state.elapsed_at(self.at)
    }

    /// "12:05" left, or "−1:30" over time.
    pub fn timer_text(&self) -> String {
        let ms = self.remaining_ms();
        let secs = ms.abs().div_euclid(1000) + i64::from(ms > 0 && ms % 1000 != 0);
        let sign = if ms < 0 { "−" } else { "" };
        format!("{sign}{}:{:02}", secs / 60, secs % 60)
    }

    pub fn running(&self) -> bool {
        self.state.running()
    }

    /// The round's title: "Round 3 of 9: Dialogue".
    pub fn title(&self, ctx: &Ctx) -> String {
        match (&self.current, self.index()) {
            (Some(r), Some(i)) => {
                ctx.tns(
                    "day-round-of",
                    &[("n", i as i64 + 1), ("total", self.rounds.len() as i64)],
                ) + ": "
                    + &ctx.t(&format!("round-kind-{}", r.fields.kind.as_str()))
            }
            _ => ctx.t("day-not-started"),
        }
    }

    pub fn question(&self) -> String {
        self.current
            .as_ref()
            .map(|r| r.fields.question.clone())
            .unwrap_or_default()
    }

    pub fn round_id(&self) -> i64 {
        self.current.as_ref().map_or(0, |r| r.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use g1000_store::RoundFields;

    fn now(elapsed: i64, duration_min: i64) -> Now {
        let round = Round {
            id: 7,
            summit_id: 1,
            position: 1,
            fields: RoundFields {
                kind: RoundKind::Dialogue,
                question: "Q".into(),
                duration_min,
                table_size: 5,
            },
        };
        Now {
            state: DayState {
                summit_id: 1,
                round_id: Some(7),
                round_started: Some(0),
                running_since: None,
                elapsed_ms: elapsed,
                dots: 3,
                vote_status: "none".into(),
                updated_at: 0,
            },
            rounds: vec![round.clone()],
            current: Some(round),
            at: 1_000_000,
        }
    }

    #[test]
    fn timer_counts_down_and_over() {
        assert_eq!(now(0, 20).timer_text(), "20:00");
        assert_eq!(now(61_500, 20).timer_text(), "18:59");
        assert_eq!(now(20 * 60_000 + 90_000, 20).timer_text(), "−1:30");
        assert!(now(0, 20).collects_keywords());
        assert!(now(0, 20).next_round().is_none());
    }
}
