//! g1000-tally: transparent vote counting for a G1000 (pure: no I/O besides parsing the text it is given).
//!
//! Rules: approval voting, dot/cumulative voting, ranked ballots (Schulze; STV as pyrankvote counts it) and
//! the participatory-budgeting / committee rules greedy-by-cost, Method of Equal Shares (fixed budget and with
//! the Add1 completion), sequential Phragmén and sequential PAV. Budget rules follow pabutools' definitions
//! (cost utilities for approval ballots, ties broken by the lexicographic order of project ids) and count with
//! exact rationals wherever a comparison could be a tie. Every outcome carries a step-by-step explanation:
//! structured data (round, what happened, to which project, the numbers) plus a plain English sentence.

use std::collections::BTreeMap;

pub mod approval;
pub mod greedy;
pub mod mes;
pub mod num;
pub mod pabulib;
pub mod pav;
pub mod phragmen;
pub mod schulze;
pub mod stv;

pub use num::Rat;
pub use pabulib::{ParseError, parse};

/// The kind of ballots of an election (pabulib's `vote_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VoteType {
    Approval,
    Ordinal,
    Cumulative,
    Scoring,
}

/// A project (or candidate, or topic): its id, cost and the other columns of its row.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    pub id: String,
    pub cost: Rat,
    pub name: Option<String>,
    pub fields: BTreeMap<String, String>,
}

/// One voter's ballot: project indices (for ordinal ballots most preferred first) and, for cumulative or
/// scoring ballots, the points given to each of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Ballot {
    pub voter_id: String,
    pub projects: Vec<usize>,
    pub points: Option<Vec<Rat>>,
}

/// An election: the budget, the projects and the ballots.
#[derive(Debug, Clone, PartialEq)]
pub struct Election {
    pub meta: BTreeMap<String, String>,
    pub budget: Rat,
    pub vote_type: VoteType,
    pub projects: Vec<Project>,
    pub ballots: Vec<Ballot>,
}

impl Election {
    /// Project indices ordered by id (the lexicographic tie-breaking order).
    pub fn lexico_order(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.projects.len()).collect();
        v.sort_by(|&a, &b| self.projects[a].id.cmp(&self.projects[b].id));
        v
    }

    /// For each project, the number of ballots that name it.
    pub fn approval_counts(&self) -> Vec<usize> {
        let mut c = vec![0; self.projects.len()];
        for b in &self.ballots {
            for &p in &b.projects {
                c[p] += 1;
            }
        }
        c
    }

    /// For each project, the indices of the ballots that name it.
    pub fn supporters(&self) -> Vec<Vec<usize>> {
        let mut s = vec![Vec::new(); self.projects.len()];
        for (i, b) in self.ballots.iter().enumerate() {
            for &p in &b.projects {
                s[p].push(i);
            }
        }
        s
    }

    pub fn id(&self, p: usize) -> &str {
        &self.projects[p].id
    }
}

/// What a step of a count did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Facts that hold for the whole count (budget, number of ballots, ...).
    Setup,
    /// A project or candidate is chosen.
    Selected,
    /// A project is passed over (too expensive for what is left, or its supporters cannot pay for it).
    Skipped,
    /// A candidate drops out of a ranked count.
    Eliminated,
    /// Several options were equal; the stated rule decided.
    TieBroken,
    /// A whole run of a rule (e.g. one budget level of the Add1 completion).
    Run,
    /// The count ends.
    Stop,
}

/// One step of an explanation: structured (round, action, project, named numbers) and as a sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Step {
    pub round: usize,
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Named numbers as readable decimals, e.g. `("votes", "123")`.
    pub numbers: BTreeMap<String, String>,
    /// The step in plain English.
    pub text: String,
}

impl Step {
    pub fn new(
        round: usize,
        action: Action,
        project: Option<&str>,
        text: impl Into<String>,
    ) -> Step {
        Step {
            round,
            action,
            project: project.map(str::to_string),
            numbers: BTreeMap::new(),
            text: text.into(),
        }
    }

    pub fn num(mut self, name: &str, value: impl ToString) -> Step {
        self.numbers.insert(name.to_string(), value.to_string());
        self
    }
}

/// The result of a count: the chosen project ids in the order they were chosen, and how.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Outcome {
    pub selected: Vec<String>,
    pub explanation: Vec<Step>,
}

/// Why a count cannot run on the given election.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error("{rule} needs {needed} ballots, but this election has {found} ballots")]
    WrongVoteType {
        rule: &'static str,
        needed: &'static str,
        found: String,
    },
    #[error("{rule} needs a number of seats of at least 1 (--seats N)")]
    Seats { rule: &'static str },
    #[error("there are no ballots to count")]
    NoBallots,
}

pub(crate) fn need(
    e: &Election,
    rule: &'static str,
    ok: &[VoteType],
    needed: &'static str,
) -> Result<(), TallyError> {
    if ok.contains(&e.vote_type) {
        Ok(())
    } else {
        Err(TallyError::WrongVoteType {
            rule,
            needed,
            found: format!("{:?}", e.vote_type).to_lowercase(),
        })
    }
}
