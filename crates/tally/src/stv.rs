//! Single transferable vote as pyrankvote 2.0.6 counts it (`single_transferable_vote`), so results agree:
//! - quota: (non-empty ballots) / (seats + 1), not rounded (a Droop quota without the +1);
//! - each round, options in race are ordered by votes (values within 0.001 count as equal, then the one
//!   with more ballots naming it as second remaining choice first, then third, ...); everyone at or over
//!   the quota is elected; otherwise the options at the bottom whose votes together do not exceed the
//!   votes of the option just above them are all excluded at once (but never into the last `seats left`
//!   places);
//! - a surplus (votes − quota) is spread equally over all ballots the elected option holds, each passing
//!   its share to its next option still in race; an excluded option passes on all its votes the same way;
//! - when no more options are in race than seats are left, they are all elected.
//!
//! Vote values are floating point as in pyrankvote (its 1e-6 and 0.001 margins are part of the rule).

use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Hopeful,
    Elected,
    Rejected,
}

struct Count<'a> {
    e: &'a Election,
    votes: Vec<f64>,
    held: Vec<Vec<usize>>,
    status: Vec<Status>,
    in_race: Vec<usize>,
}

impl Count<'_> {
    /// The x-th (0-based) option of ballot `b` still in race.
    fn nth_in_race(&self, b: usize, x: usize) -> Option<usize> {
        self.e.ballots[b]
            .projects
            .iter()
            .copied()
            .filter(|&p| self.status[p] == Status::Hopeful)
            .nth(x)
    }

    /// pyrankvote's order: `a` before `b`?
    fn before(&self, a: usize, b: usize) -> bool {
        let (va, vb) = (self.votes[a], self.votes[b]);
        if (va - vb).abs() >= 0.001 {
            return va > vb;
        }
        let n = self.e.projects.len();
        for x in 1..n {
            let (mut ca, mut cb) = (0, 0);
            for bi in 0..self.e.ballots.len() {
                match self.nth_in_race(bi, x) {
                    Some(c) if c == a => ca += 1,
                    Some(c) if c == b => cb += 1,
                    _ => {}
                }
            }
            if ca != cb {
                return ca > cb;
            }
        }
        // pyrankvote decides at random here; we take the lowest id.
        self.e.id(a) < self.e.id(b)
    }

    fn sort(&mut self) {
        let mut v = std::mem::take(&mut self.in_race);
        v.sort_by(|&a, &b| {
            if self.before(a, b) {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            }
        });
        self.in_race = v;
    }

    fn transfer(&mut self, c: usize, amount: f64) {
        if (amount * 10000.0).round() == 0.0 {
            return;
        }
        let ballots = std::mem::take(&mut self.held[c]);
        let per = amount / ballots.len() as f64;
        for b in ballots {
            if let Some(next) = self.nth_in_race(b, 0) {
                self.votes[next] += per;
                self.held[next].push(b);
            }
        }
        self.votes[c] -= amount;
        self.sort();
    }
}

pub fn stv(e: &Election, seats: usize) -> Result<Outcome, TallyError> {
    need(e, "STV", &[VoteType::Ordinal], "ranked (ordinal)")?;
    if seats == 0 {
        return Err(TallyError::Seats { rule: "STV" });
    }
    let n = e.projects.len();
    let mut c = Count {
        e,
        votes: vec![0.0; n],
        held: vec![vec![]; n],
        status: vec![Status::Hopeful; n],
        in_race: (0..n).collect(),
    };
    let mut non_empty = 0usize;
    for (i, b) in e.ballots.iter().enumerate() {
        if let Some(&p) = b.projects.first() {
            c.votes[p] += 1.0;
            c.held[p].push(i);
            non_empty += 1;
        }
    }
    c.sort();
    let quota = non_empty as f64 / (seats as f64 + 1.0);
    let mut out = Outcome {
        selected: vec![],
        explanation: vec![],
    };
    out.explanation.push(Step::new(0, Action::Setup, None, format!(
        "{non_empty} ballots with a first choice, {seats} seats: an option is elected with {} votes ({non_empty} / ({seats} + 1)).",
        fmt(quota))).num("ballots", non_empty).num("seats", seats).num("quota", fmt(quota)));
    let mut round = 0;
    loop {
        round += 1;
        let seats_left = seats - out.selected.len();
        let race = c.in_race.clone();
        let mut remaining: f64 = race.iter().map(|&p| c.votes[p]).sum();
        let mut last = 0.0;
        let (mut elect, mut reject) = (vec![], vec![]);
        for (i, &p) in race.iter().enumerate() {
            let v = c.votes[p];
            if v - 1e-6 >= quota {
                elect.push(p);
            } else if i >= seats_left && remaining - 1e-6 <= last {
                if !elect.is_empty() {
                    break;
                }
                reject.push(p);
            }
            last = v;
            remaining -= v;
        }
        let elect_now = |c: &mut Count, p: usize, why: String, out: &mut Outcome| {
            c.status[p] = Status::Elected;
            c.in_race.retain(|&q| q != p);
            out.selected.push(e.id(p).to_string());
            out.explanation.push(
                Step::new(round, Action::Selected, Some(e.id(p)), why)
                    .num("votes", fmt(c.votes[p])),
            );
        };
        for &p in &elect {
            let why = format!(
                "Round {round}: {} has {} votes, at least the quota {}: elected.",
                e.id(p),
                fmt(c.votes[p]),
                fmt(quota)
            );
            elect_now(&mut c, p, why, &mut out);
        }
        for &p in reject.iter().rev() {
            c.status[p] = Status::Rejected;
            c.in_race.retain(|&q| q != p);
            out.explanation.push(Step::new(round, Action::Eliminated, Some(e.id(p)), format!(
                "Round {round}: {} has {} votes; together with those below it, fewer than the option above: excluded, its votes go to the next choices.",
                e.id(p), fmt(c.votes[p]))).num("votes", fmt(c.votes[p])));
        }
        let seats_left = seats - out.selected.len();
        if c.in_race.len() <= seats_left {
            for p in c.in_race.clone() {
                elect.push(p);
                let why = format!(
                    "Round {round}: {} ({} votes) is elected: no more options left than seats.",
                    e.id(p),
                    fmt(c.votes[p])
                );
                elect_now(&mut c, p, why, &mut out);
            }
        }
        if seats == out.selected.len() {
            for p in c.in_race.clone().into_iter().rev() {
                c.status[p] = Status::Rejected;
                c.in_race.retain(|&q| q != p);
                out.explanation.push(
                    Step::new(
                        round,
                        Action::Eliminated,
                        Some(e.id(p)),
                        format!(
                            "{} ({} votes) is not elected: all seats are filled.",
                            e.id(p),
                            fmt(c.votes[p])
                        ),
                    )
                    .num("votes", fmt(c.votes[p])),
                );
            }
        }
        if c.in_race.is_empty() {
            out.explanation.push(Step::new(
                round,
                Action::Stop,
                None,
                "All seats are filled.".to_string(),
            ));
            return Ok(out);
        }
        for &p in &elect {
            let surplus = c.votes[p] - quota;
            c.transfer(p, surplus);
        }
        for &p in &reject {
            let v = c.votes[p];
            c.transfer(p, v);
        }
        if elect.is_empty() && reject.is_empty() {
            // pyrankvote raises "Illegal state" here; we stop rather than loop.
            out.explanation.push(Step::new(
                round,
                Action::Stop,
                None,
                "No option can be elected or excluded: the count stops.".to_string(),
            ));
            return Ok(out);
        }
    }
}

fn fmt(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
