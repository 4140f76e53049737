//! Sequential proportional approval voting (seq-PAV) for choosing `seats` options of equal weight (costs
//! play no part): each round adds the option that raises the PAV score — the sum over voters of
//! 1 + 1/2 + ... + 1/k for a voter with k chosen options — the most, i.e. the option whose supporters count
//! 1/(1 + options of theirs already chosen) each. Equal gains: the lowest id. Exact rationals.
//! (This is the sequential variant, abcvoting's `seqpav`; exact PAV — the committee with the highest score
//! over all committees — is not computed.)

use crate::num::{Rat, show};
use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};
use num_traits::Zero;

pub fn seq_pav(e: &Election, seats: usize) -> Result<Outcome, TallyError> {
    need(e, "PAV", &[VoteType::Approval], "approval")?;
    if seats == 0 {
        return Err(TallyError::Seats { rule: "PAV" });
    }
    let sup = e.supporters();
    let mut have = vec![0usize; e.ballots.len()];
    let mut left = e.lexico_order();
    let mut out = Outcome {
        selected: vec![],
        explanation: vec![],
    };
    out.explanation.push(Step::new(0, Action::Setup, None, format!(
        "{} ballots, {seats} seats. Each round the option whose supporters count most wins; a supporter who already has k chosen options counts 1/(k+1).",
        e.ballots.len())).num("ballots", e.ballots.len()).num("seats", seats));
    for round in 1..=seats.min(left.len()) {
        let gain = |p: usize| -> Rat {
            sup[p].iter().fold(Rat::zero(), |a, &i| {
                a + Rat::new(1.into(), (have[i] + 1).into())
            })
        };
        let gains: Vec<Rat> = left.iter().map(|&p| gain(p)).collect();
        let best = gains.iter().max().unwrap().clone();
        let k = gains.iter().position(|g| *g == best).unwrap(); // first = lowest id
        let p = left[k];
        let tied: Vec<&str> = left
            .iter()
            .zip(&gains)
            .skip(k + 1)
            .filter(|(_, g)| **g == best)
            .map(|(&q, _)| e.id(q))
            .collect();
        if !tied.is_empty() {
            out.explanation.push(Step::new(
                round,
                Action::TieBroken,
                Some(e.id(p)),
                format!(
                    "{} and {} add the same ({}); the lowest id, {}, goes first.",
                    e.id(p),
                    tied.join(", "),
                    show(&best),
                    e.id(p)
                ),
            ));
        }
        for &i in &sup[p] {
            have[i] += 1;
        }
        left.remove(k);
        out.selected.push(e.id(p).to_string());
        out.explanation.push(
            Step::new(
                round,
                Action::Selected,
                Some(e.id(p)),
                format!(
                    "Seat {round}: {} with {} supporters, counting {} after weighting.",
                    e.id(p),
                    sup[p].len(),
                    show(&best)
                ),
            )
            .num("supporters", sup[p].len())
            .num("weighted_support", show(&best)),
        );
    }
    Ok(out)
}
