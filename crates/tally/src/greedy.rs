//! Greedy by cost ("utilitarian greedy", the rule most cities use): projects in order of votes (for approval
//! ballots with cost utilities, a project's welfare per unit of cost is its number of approvals), ties by
//! project id; each project is funded when it fits in what is left of the budget, else skipped.
//! As pabutools' `greedy_utilitarian_welfare(sat_class=Cost_Sat)`: projects without any vote still come last
//! and are funded when they fit; a free project with votes comes first.

use crate::num::{Rat, show};
use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};
use num_traits::Zero;

pub fn greedy(e: &Election) -> Result<Outcome, TallyError> {
    need(e, "greedy", &[VoteType::Approval], "approval")?;
    let votes = e.approval_counts();
    // Welfare per unit of cost: the number of votes; 0 for a free project (cost satisfaction 0).
    let key = |p: usize| -> usize {
        if e.projects[p].cost.is_zero() {
            0
        } else {
            votes[p]
        }
    };
    let mut order = e.lexico_order();
    order.sort_by_key(|&p| std::cmp::Reverse(key(p))); // stable: ties keep the id order
    let mut left: Rat = e.budget.clone();
    let mut out = Outcome {
        selected: vec![],
        explanation: vec![],
    };
    out.explanation.push(
        Step::new(0, Action::Setup, None, format!(
            "Budget {}; {} ballots; projects are taken in order of their number of votes (equal votes: by project id), each funded if it fits in what is left.",
            show(&e.budget), e.ballots.len()))
        .num("budget", show(&e.budget))
        .num("ballots", e.ballots.len()),
    );
    for (round, p) in order.into_iter().enumerate() {
        let id = e.id(p);
        let cost = &e.projects[p].cost;
        let step = if cost <= &left {
            left -= cost;
            out.selected.push(id.to_string());
            Step::new(
                round + 1,
                Action::Selected,
                Some(id),
                format!(
                    "Project {id} ({} votes) costs {}, which fits: funded; {} left.",
                    votes[p],
                    show(cost),
                    show(&left)
                ),
            )
        } else {
            Step::new(
                round + 1,
                Action::Skipped,
                Some(id),
                format!(
                    "Project {id} ({} votes) costs {}, more than the {} left: skipped.",
                    votes[p],
                    show(cost),
                    show(&left)
                ),
            )
        };
        out.explanation.push(
            step.num("votes", votes[p])
                .num("cost", show(cost))
                .num("budget_left", show(&left)),
        );
    }
    Ok(out)
}
