//! Sequential Phragmén for budgets, as pabutools' `sequential_phragmen`: every voter collects a "load"
//! (money they are deemed to have spent); in each round the project whose supporters would end up with the
//! lowest load if they shared its cost so that all their loads became equal — (sum of their loads + cost)
//! / supporters — is funded, and all its supporters get that load. Equal loads: the lowest project id. The
//! count stops (without skipping) as soon as a best project no longer fits in the budget. Projects costing
//! more than the whole budget are left out from the start. Exact rationals throughout.

use crate::num::{Rat, show};
use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};
use num_traits::Zero;

pub fn phragmen(e: &Election) -> Result<Outcome, TallyError> {
    need(e, "sequential Phragmén", &[VoteType::Approval], "approval")?;
    let sup = e.supporters();
    let mut load = vec![Rat::zero(); e.ballots.len()];
    let mut left: Vec<usize> = e
        .lexico_order()
        .into_iter()
        .filter(|&p| e.projects[p].cost <= e.budget)
        .collect();
    let mut spent = Rat::zero();
    let mut out = Outcome {
        selected: vec![],
        explanation: vec![],
    };
    out.explanation.push(Step::new(0, Action::Setup, None, format!(
        "Budget {}; {} ballots. Every voter starts with load 0; each round funds the project after which its supporters' (equal) load would be lowest.",
        show(&e.budget), e.ballots.len())).num("budget", show(&e.budget)).num("ballots", e.ballots.len()));
    let mut round = 0;
    while !left.is_empty() {
        round += 1;
        // None = infinite (no supporters).
        let new_load = |p: usize| -> Option<Rat> {
            if sup[p].is_empty() {
                None
            } else {
                let s: Rat = sup[p].iter().fold(Rat::zero(), |a, &i| a + &load[i]);
                Some((s + &e.projects[p].cost) / Rat::from_integer(sup[p].len().into()))
            }
        };
        let loads: Vec<Option<Rat>> = left.iter().map(|&p| new_load(p)).collect();
        let best = loads
            .iter()
            .min_by(|a, b| match (a, b) {
                (None, None) => std::cmp::Ordering::Equal,
                (None, _) => std::cmp::Ordering::Greater,
                (_, None) => std::cmp::Ordering::Less,
                (Some(x), Some(y)) => x.cmp(y),
            })
            .cloned()
            .unwrap();
        let tied: Vec<usize> = left
            .iter()
            .zip(&loads)
            .filter(|(_, l)| **l == best)
            .map(|(&p, _)| p)
            .collect();
        let shown = best
            .as_ref()
            .map_or("infinite (no supporters)".to_string(), show);
        if let Some(&p) = tied
            .iter()
            .find(|&&p| &spent + &e.projects[p].cost > e.budget)
        {
            out.explanation.push(Step::new(round, Action::Stop, Some(e.id(p)), format!(
                "Project {} is next (load {shown}) but costs {}, more than the {} left: the count stops here.",
                e.id(p), show(&e.projects[p].cost), show(&(&e.budget - &spent))))
                .num("cost", show(&e.projects[p].cost)).num("budget_left", show(&(&e.budget - &spent))));
            return Ok(out);
        }
        let p = tied[0]; // id order
        if tied.len() > 1 {
            let others: Vec<&str> = tied[1..].iter().map(|&q| e.id(q)).collect();
            out.explanation.push(Step::new(round, Action::TieBroken, Some(e.id(p)), format!(
                "Projects {} and {} would give the same load {shown}; the lowest id, {}, goes first.",
                e.id(p), others.join(", "), e.id(p))));
        }
        if let Some(l) = &best {
            for &i in &sup[p] {
                load[i] = l.clone();
            }
        }
        spent += &e.projects[p].cost;
        left.retain(|&q| q != p);
        out.selected.push(e.id(p).to_string());
        out.explanation.push(Step::new(round, Action::Selected, Some(e.id(p)), format!(
            "Round {round}: project {} (cost {}, {} supporters) is funded; its supporters' load becomes {shown}. Spent so far {}.",
            e.id(p), show(&e.projects[p].cost), sup[p].len(), show(&spent)))
            .num("cost", show(&e.projects[p].cost)).num("supporters", sup[p].len())
            .num("load", &shown).num("spent", show(&spent)));
    }
    out.explanation.push(Step::new(
        round + 1,
        Action::Stop,
        None,
        "Every project is funded or left out.".to_string(),
    ));
    Ok(out)
}
