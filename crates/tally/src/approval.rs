//! Approval voting and dot (cumulative) voting: the `seats` options with the most votes or points;
//! equal totals are decided by the lowest id. Costs play no part.

use crate::num::{Rat, show};
use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};
use num_traits::{One, Zero};

fn top(e: &Election, totals: &[Rat], seats: usize, what: &str) -> Outcome {
    let mut order = e.lexico_order();
    order.sort_by(|&a, &b| totals[b].cmp(&totals[a])); // stable: equal totals keep id order
    let mut out = Outcome {
        selected: vec![],
        explanation: vec![],
    };
    out.explanation.push(
        Step::new(0, Action::Setup, None, format!(
            "{} ballots; the {seats} options with the most {what} win (equal {what}: the lowest id first).",
            e.ballots.len()))
        .num("ballots", e.ballots.len())
        .num("seats", seats),
    );
    for (rank, &p) in order.iter().enumerate() {
        let id = e.id(p);
        let t = show(&totals[p]);
        if rank < seats {
            if rank + 1 < order.len() && rank + 1 == seats && totals[order[rank + 1]] == totals[p] {
                out.explanation.push(Step::new(rank + 1, Action::TieBroken, Some(id), format!(
                    "{id} and {} both have {t} {what}; only one more seat: the lowest id, {id}, wins it.",
                    e.id(order[rank + 1]))).num(what, &t));
            }
            out.selected.push(id.to_string());
            out.explanation.push(
                Step::new(
                    rank + 1,
                    Action::Selected,
                    Some(id),
                    format!("Place {}: {id} with {t} {what}.", rank + 1),
                )
                .num(what, &t)
                .num("place", rank + 1),
            );
        } else {
            out.explanation.push(
                Step::new(
                    rank + 1,
                    Action::Skipped,
                    Some(id),
                    format!("Place {}: {id} with {t} {what}: no seat left.", rank + 1),
                )
                .num(what, &t)
                .num("place", rank + 1),
            );
        }
    }
    out
}

/// Approval voting: one vote per approved option.
pub fn approval(e: &Election, seats: usize) -> Result<Outcome, TallyError> {
    need(e, "approval voting", &[VoteType::Approval], "approval")?;
    if seats == 0 {
        return Err(TallyError::Seats {
            rule: "approval voting",
        });
    }
    let totals: Vec<Rat> = e
        .approval_counts()
        .into_iter()
        .map(|c| Rat::from_integer(c.into()))
        .collect();
    Ok(top(e, &totals, seats, "votes"))
}

/// Dot / cumulative voting: the sum of the points (dots) every voter put on an option. Approval ballots
/// count as one dot per approved option.
pub fn dots(e: &Election, seats: usize) -> Result<Outcome, TallyError> {
    need(
        e,
        "dot voting",
        &[VoteType::Cumulative, VoteType::Scoring, VoteType::Approval],
        "cumulative, scoring or approval",
    )?;
    if seats == 0 {
        return Err(TallyError::Seats { rule: "dot voting" });
    }
    let mut totals = vec![Rat::zero(); e.projects.len()];
    for b in &e.ballots {
        for (k, &p) in b.projects.iter().enumerate() {
            totals[p] += b
                .points
                .as_ref()
                .map_or_else(Rat::one, |pts| pts[k].clone());
        }
    }
    Ok(top(e, &totals, seats, "points"))
}
