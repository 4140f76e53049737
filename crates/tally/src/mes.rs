//! Method of Equal Shares (MES) for approval ballots with cost utilities, as pabutools'
//! `method_of_equal_shares(sat_class=Cost_Sat)`, and its Add1 completion (`voter_budget_increment=1`).
//!
//! Every voter gets an equal share of the budget. In each round, for every project whose supporters still
//! have enough money together, we find the smallest amount `q` such that if each supporter pays `q` (or
//! everything they have left, when that is less) the project is paid for; the project needing the lowest
//! payment per unit of cost (`rho = q / cost`) is funded and its supporters pay. Equal `rho`: the lowest
//! project id. The count ends when no project can be paid for by its supporters.
//!
//! Add1: while the outcome is not exhaustive (some unfunded project with supporters would still fit in the
//! budget), raise every voter's share by 1 and count again from the start; stop at the first exhaustive
//! outcome, or keep the previous outcome when the next one would cost more than the budget.
//!
//! Arithmetic: a fast path in `f64` decides a round only when the decision is not close; when a decision
//! is within a relative 1e-9 (a possible tie), that round is decided with exact rationals instead, from
//! exact budgets recomputed by replaying the projects funded so far, so outcomes equal those of an exact
//! count.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::num::{Rat, show, sum};
use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};
use num_traits::{One, ToPrimitive, Zero};

/// The arithmetic a count runs in.
trait Num: Clone + PartialOrd {
    fn from_rat(r: &Rat) -> Self;
    fn from_usize(n: usize) -> Self;
    fn zero() -> Self;
    fn add(&self, o: &Self) -> Self;
    fn sub(&self, o: &Self) -> Self;
    fn div(&self, o: &Self) -> Self;
    /// Compare; `None` when the values are too close to tell apart in this arithmetic.
    fn decide(&self, o: &Self) -> Option<Ordering>;
    fn text(&self) -> String;
    fn approx(&self) -> f64;
    fn from_f64(x: f64) -> Self;
}

impl Num for f64 {
    fn from_rat(r: &Rat) -> Self {
        r.to_f64().unwrap_or(f64::NAN)
    }
    fn from_usize(n: usize) -> Self {
        n as f64
    }
    fn zero() -> Self {
        0.0
    }
    fn add(&self, o: &Self) -> Self {
        self + o
    }
    fn sub(&self, o: &Self) -> Self {
        self - o
    }
    fn div(&self, o: &Self) -> Self {
        self / o
    }
    fn decide(&self, o: &Self) -> Option<Ordering> {
        if (self - o).abs() <= 1e-9 * self.abs().max(o.abs()) {
            None
        } else {
            self.partial_cmp(o)
        }
    }
    fn approx(&self) -> f64 {
        *self
    }
    fn from_f64(x: f64) -> Self {
        x
    }
    fn text(&self) -> String {
        let s = format!("{self:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Num for Rat {
    fn from_rat(r: &Rat) -> Self {
        r.clone()
    }
    fn from_usize(n: usize) -> Self {
        Rat::from_integer(n.into())
    }
    fn zero() -> Self {
        Zero::zero()
    }
    fn add(&self, o: &Self) -> Self {
        self + o
    }
    fn sub(&self, o: &Self) -> Self {
        self - o
    }
    fn div(&self, o: &Self) -> Self {
        self / o
    }
    fn decide(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
    fn approx(&self) -> f64 {
        f64::from_rat(self)
    }
    fn from_f64(x: f64) -> Self {
        Rat::from_float(x).unwrap_or_else(Zero::zero)
    }
    fn text(&self) -> String {
        show(self)
    }
}

/// A decision was too close to call in `f64`.
struct Doubt;

/// One funded project of a count.
struct Round {
    project: usize,
    /// Payment per supporter who can pay it in full.
    q: String,
    rho: String,
    /// Supporters who pay everything they have left.
    capped: usize,
    supporters: usize,
    /// Other projects with the same (lowest) rho, passed over by id.
    tied: Vec<usize>,
}

struct Run {
    /// Projects in the order funded.
    selected: Vec<usize>,
    rounds: Vec<Round>,
    /// (project, money its supporters had left, round) for projects dropped as unaffordable.
    dropped: Vec<(usize, String, usize)>,
}

/// The data of a count that does not change with the budget per voter.
struct Setup {
    cost: Vec<Rat>,
    supporters: Vec<Vec<u32>>,
    /// Projects MES considers: with supporters and a positive cost.
    eligible: Vec<usize>,
    n: usize,
}

impl Setup {
    fn new(e: &Election) -> Setup {
        let supporters: Vec<Vec<u32>> = e
            .supporters()
            .into_iter()
            .map(|s| s.into_iter().map(|i| i as u32).collect())
            .collect();
        let mut eligible = vec![];
        for p in e.lexico_order() {
            // Cost satisfaction: a free project satisfies nobody, so MES never funds it (as pabutools).
            if !supporters[p].is_empty() && !e.projects[p].cost.is_zero() {
                eligible.push(p);
            }
        }
        Setup {
            cost: e.projects.iter().map(|p| p.cost.clone()).collect(),
            supporters,
            eligible,
            n: e.ballots.len(),
        }
    }

    /// One round: the project funded next, or `None` when no project can be paid for any more.
    /// `stale` holds each project's rho from an earlier round (a lower bound: budgets only shrink), used
    /// to stop early; `Err(Doubt)` when a decision is too close for `N` (nothing is changed
    /// then).
    #[allow(clippy::too_many_arguments)]
    fn round<N: Num>(
        &self,
        cost: &[N],
        wallets: &mut impl Wallets<N>,
        remaining: &mut Vec<usize>,
        stale: &mut [f64],
        run: &mut Run,
    ) -> Result<Option<(usize, N)>, Doubt> {
        let round_no = run.rounds.len() + 1;
        let mut order = remaining.clone();
        // Ascending stale affordability; stable, so equal ones stay in id order.
        order.sort_by(|&a, &b| stale[a].partial_cmp(&stale[b]).unwrap_or(Ordering::Equal));
        let mut best: Option<(N, N, usize, Vec<usize>)> = None; // (rho, q, capped, tied projects)
        let mut keep = Vec::with_capacity(order.len());
        let mut dropped = vec![];
        let mut rhos = vec![];
        let mut stop_at = order.len();
        for (k, &p) in order.iter().enumerate() {
            let avail = wallets.avail(self, p);
            match avail.decide(&cost[p]) {
                None => return Err(Doubt),
                Some(Ordering::Less) => {
                    dropped.push((p, avail.text(), round_no));
                    continue;
                }
                _ => {}
            }
            if let Some((b, ..)) = &best
                // `stale` is an f64 value: lowered by a margin far above its rounding error, so a
                // project is passed over only when its rho is surely above the best.
                && N::from_f64(stale[p] * (1.0 - 1e-12)).decide(b) == Some(Ordering::Greater)
            {
                stop_at = k;
                break;
            }
            keep.push(p);
            let (q, capped) = wallets.payment(self, p, &cost[p]);
            let rho = q.div(&cost[p]);
            rhos.push((p, rho.approx()));
            match &mut best {
                None => best = Some((rho, q, capped, vec![p])),
                Some((b, bq, bc, tied)) => match rho.decide(b) {
                    None => return Err(Doubt),
                    Some(Ordering::Less) => {
                        *b = rho;
                        *bq = q;
                        *bc = capped;
                        *tied = vec![p];
                    }
                    Some(Ordering::Equal) => tied.push(p),
                    Some(Ordering::Greater) => {}
                },
            }
        }
        // The round is decided: commit its effects.
        keep.extend_from_slice(&order[stop_at..]);
        for (p, r) in rhos {
            stale[p] = r;
        }
        run.dropped.extend(dropped);
        let Some((rho, q, capped, tied)) = best else {
            *remaining = keep;
            return Ok(None);
        };
        // Equal rho: the lowest project id.
        let chosen = *tied
            .iter()
            .min_by(|&&a, &&b| self_id_cmp(a, b, &self.eligible))
            .unwrap();
        keep.retain(|&p| p != chosen);
        *remaining = keep;
        run.selected.push(chosen);
        run.rounds.push(Round {
            project: chosen,
            q: q.text(),
            rho: rho.text(),
            capped,
            supporters: self.supporters[chosen].len(),
            tied: tied.into_iter().filter(|&p| p != chosen).collect(),
        });
        Ok(Some((chosen, q)))
    }

    /// A count with `share` per voter: rounds are decided in `f64`; a round whose decision is too close
    /// to call there (a possible tie) is decided in exact rationals, from the exact budgets that the
    /// funded projects so far leave (recomputed exactly), so the outcome equals that of an exact count.
    /// Returns the count and the number of rounds decided exactly.
    fn count(&self, share: &Rat) -> (Run, usize) {
        let cost_f: Vec<f64> = self.cost.iter().map(f64::from_rat).collect();
        let cost_x: Vec<Rat> = self.cost.clone();
        let mut fast = PerVoter {
            budget: vec![f64::from_rat(share); self.n],
            scratch: Vec::new(),
        };
        let mut remaining: Vec<usize> = self.eligible.clone(); // lexicographic order
        let mut stale = vec![0.0; self.cost.len()];
        for &p in &remaining {
            stale[p] = 1.0 / self.supporters[p].len() as f64;
        }
        let mut run = Run {
            selected: vec![],
            rounds: vec![],
            dropped: vec![],
        };
        let mut exact_rounds = 0;
        loop {
            let step = match self.round(&cost_f, &mut fast, &mut remaining, &mut stale, &mut run) {
                Ok(step) => step,
                Err(Doubt) => {
                    exact_rounds += 1;
                    // Exact budgets: replay the funded projects in exact arithmetic.
                    let mut exact = Interned::new(share.clone(), self.n);
                    for &p in &run.selected {
                        let (q, _) = exact.payment(self, p, &cost_x[p]);
                        exact.pay(self, p, &q);
                    }
                    let step = self
                        .round(&cost_x, &mut exact, &mut remaining, &mut stale, &mut run)
                        .unwrap_or_else(|_| unreachable!("exact comparisons always decide"));
                    if let Some((p, q)) = &step {
                        exact.pay(self, *p, q);
                    }
                    fast.budget = exact
                        .of
                        .iter()
                        .map(|&v| exact.vals[v as usize].approx())
                        .collect();
                    match step {
                        Some(_) => continue,
                        None => return (run, exact_rounds),
                    }
                }
            };
            match step {
                Some((p, q)) => fast.pay(self, p, &q),
                None => return (run, exact_rounds),
            }
        }
    }
}

/// The voters' money left, in some arithmetic.
trait Wallets<N: Num> {
    /// What the supporters of `p` have left together.
    fn avail(&mut self, s: &Setup, p: usize) -> N;
    /// What supporters of `p` pay when it is funded: the payment `q` per supporter who can pay it in
    /// full (the others pay all they have left) and how many pay all they have left.
    fn payment(&mut self, s: &Setup, p: usize, cost: &N) -> (N, usize);
    /// Supporters of `p` pay `q` each (or all they have left, when that is less).
    fn pay(&mut self, s: &Setup, p: usize, q: &N);
}

/// One budget per voter (the fast `f64` path).
struct PerVoter<N> {
    budget: Vec<N>,
    scratch: Vec<N>,
}

impl<N: Num> Wallets<N> for PerVoter<N> {
    fn avail(&mut self, s: &Setup, p: usize) -> N {
        let mut avail = N::zero();
        for &i in &s.supporters[p] {
            avail = avail.add(&self.budget[i as usize]);
        }
        avail
    }

    fn payment(&mut self, s: &Setup, p: usize, cost: &N) -> (N, usize) {
        let sup = &s.supporters[p];
        // Poor/rich: q = (cost - what the poor pay) / number of rich, until no rich one is poorer.
        let scratch = &mut self.scratch;
        scratch.clear();
        scratch.extend(sup.iter().map(|&i| self.budget[i as usize].clone()));
        let mut poor_sum = N::zero();
        let q = loop {
            let q = cost.sub(&poor_sum).div(&N::from_usize(scratch.len()));
            let before = scratch.len();
            scratch.retain(|b| {
                if *b < q {
                    poor_sum = poor_sum.add(b);
                    false
                } else {
                    true
                }
            });
            if scratch.len() == before {
                break q;
            }
        };
        (q, sup.len() - scratch.len())
    }

    fn pay(&mut self, s: &Setup, p: usize, q: &N) {
        for &i in &s.supporters[p] {
            let b = &mut self.budget[i as usize];
            *b = if *b < *q { N::zero() } else { b.sub(q) };
        }
    }
}

/// Exact budgets, interned: voters who supported the same funded projects hold the same amount, so a
/// city-wide count has a few hundred distinct amounts among thousands of voters, and exact sums run over
/// (amount, how many) instead of over voters.
struct Interned {
    vals: Vec<Rat>,
    index: HashMap<Rat, u32>,
    /// Each voter's amount, as an index into `vals`.
    of: Vec<u32>,
    counts: Vec<usize>,
}

impl Interned {
    fn new(share: Rat, n: usize) -> Interned {
        let mut me = Interned {
            vals: vec![],
            index: HashMap::new(),
            of: vec![0; n],
            counts: vec![],
        };
        me.intern(share);
        me
    }

    fn intern(&mut self, v: Rat) -> u32 {
        if let Some(&i) = self.index.get(&v) {
            return i;
        }
        let i = self.vals.len() as u32;
        self.index.insert(v.clone(), i);
        self.vals.push(v);
        self.counts.push(0);
        i
    }

    /// The distinct amounts among the supporters of `p`, with how many hold each, ascending.
    fn groups(&mut self, s: &Setup, p: usize) -> Vec<(u32, usize)> {
        let mut touched = vec![];
        for &i in &s.supporters[p] {
            let v = self.of[i as usize];
            if self.counts[v as usize] == 0 {
                touched.push(v);
            }
            self.counts[v as usize] += 1;
        }
        let mut out: Vec<(u32, usize)> = touched
            .into_iter()
            .map(|v| (v, std::mem::take(&mut self.counts[v as usize])))
            .collect();
        out.sort_by(|a, b| self.vals[a.0 as usize].cmp(&self.vals[b.0 as usize]));
        out
    }
}

impl Wallets<Rat> for Interned {
    fn avail(&mut self, s: &Setup, p: usize) -> Rat {
        let groups = self.groups(s, p);
        let mut avail = <Rat as Zero>::zero();
        for (v, c) in groups {
            avail += &self.vals[v as usize] * Rat::from_integer(c.into());
        }
        avail
    }

    fn payment(&mut self, s: &Setup, p: usize, cost: &Rat) -> (Rat, usize) {
        // Poor/rich over the amounts in ascending order: the poor are a prefix (q only grows as poorer
        // supporters drop out), the same fixed point as dropping all below q at once, round by round.
        let groups = self.groups(s, p);
        let total: usize = groups.iter().map(|g| g.1).sum();
        let mut poor_sum = <Rat as Zero>::zero();
        let mut poor = 0usize;
        let mut q = cost / Rat::from_integer(total.into());
        for (v, c) in groups {
            let amount = &self.vals[v as usize];
            if *amount >= q {
                break;
            }
            poor_sum += amount * Rat::from_integer(c.into());
            poor += c;
            q = (cost - &poor_sum) / Rat::from_integer((total - poor).into());
        }
        (q, poor)
    }

    fn pay(&mut self, s: &Setup, p: usize, q: &Rat) {
        let mut after: HashMap<u32, u32> = HashMap::new();
        for &i in &s.supporters[p] {
            let old = self.of[i as usize];
            let new = match after.get(&old) {
                Some(&n) => n,
                None => {
                    let v = &self.vals[old as usize];
                    let left = if v < q { <Rat as Zero>::zero() } else { v - q };
                    let n = self.intern(left);
                    after.insert(old, n);
                    n
                }
            };
            self.of[i as usize] = new;
        }
    }
}

/// `a` before `b` in id order; `order` lists projects in id order.
fn self_id_cmp(a: usize, b: usize, order: &[usize]) -> Ordering {
    let pa = order.iter().position(|&x| x == a);
    let pb = order.iter().position(|&x| x == b);
    pa.cmp(&pb)
}

fn explain(e: &Election, run: &Run, share: &Rat, out: &mut Vec<Step>) {
    let mut dropped_seen = std::collections::BTreeSet::new();
    let mut di = 0;
    for (r, round) in run.rounds.iter().enumerate() {
        while di < run.dropped.len() && run.dropped[di].2 <= r + 1 {
            let (p, avail, rn) = &run.dropped[di];
            if dropped_seen.insert(*p) {
                out.push(Step::new(*rn, Action::Skipped, Some(e.id(*p)), format!(
                    "Project {} costs {}, but its supporters have only {} left together: it can no longer be funded.",
                    e.id(*p), show(&e.projects[*p].cost), avail))
                    .num("cost", show(&e.projects[*p].cost)).num("supporters_money_left", avail));
            }
            di += 1;
        }
        let id = e.id(round.project);
        let text = if round.capped == 0 {
            format!(
                "Round {}: project {id} (cost {}) needs the least from each supporter: its {} supporters pay {} each.",
                r + 1,
                show(&e.projects[round.project].cost),
                round.supporters,
                round.q
            )
        } else {
            format!(
                "Round {}: project {id} (cost {}) needs the least from each supporter: {} of its {} supporters pay everything they have left, the others pay {} each.",
                r + 1,
                show(&e.projects[round.project].cost),
                round.capped,
                round.supporters,
                round.q
            )
        };
        if !round.tied.is_empty() {
            let others: Vec<&str> = round.tied.iter().map(|&p| e.id(p)).collect();
            out.push(Step::new(r + 1, Action::TieBroken, Some(id), format!(
                "Round {}: projects {id} and {} need exactly as much per unit of cost; the lowest project id, {id}, goes first.",
                r + 1, others.join(", "))).num("rho", &round.rho));
        }
        out.push(
            Step::new(r + 1, Action::Selected, Some(id), text)
                .num("cost", show(&e.projects[round.project].cost))
                .num("supporters", round.supporters)
                .num("pay_all_they_have", round.capped)
                .num("payment_per_supporter", &round.q)
                .num("rho", &round.rho)
                .num("share_per_voter", show(share)),
        );
    }
    for (p, avail, rn) in &run.dropped[di..] {
        if dropped_seen.insert(*p) {
            out.push(Step::new(*rn, Action::Skipped, Some(e.id(*p)), format!(
                "Project {} costs {}, but its supporters have only {} left together: it can no longer be funded.",
                e.id(*p), show(&e.projects[*p].cost), avail))
                .num("cost", show(&e.projects[*p].cost)).num("supporters_money_left", avail.clone()));
        }
    }
}

fn check(e: &Election) -> Result<(), TallyError> {
    need(
        e,
        "Method of Equal Shares",
        &[VoteType::Approval],
        "approval",
    )?;
    if e.ballots.is_empty() {
        return Err(TallyError::NoBallots);
    }
    Ok(())
}

fn setup_step(e: &Election, share: &Rat) -> Step {
    Step::new(0, Action::Setup, None, format!(
        "Budget {} shared equally by {} voters: {} each. A voter pays only for projects they voted for.",
        show(&e.budget), e.ballots.len(), show(share)))
        .num("budget", show(&e.budget))
        .num("ballots", e.ballots.len())
        .num("share_per_voter", show(share))
}

fn ids(e: &Election, v: &[usize]) -> Vec<String> {
    v.iter().map(|&p| e.id(p).to_string()).collect()
}

/// MES with a fixed budget (each voter's share is budget / voters).
pub fn mes(e: &Election) -> Result<Outcome, TallyError> {
    check(e)?;
    let s = Setup::new(e);
    let share = &e.budget / Rat::from_integer(s.n.into());
    let (run, _) = s.count(&share);
    let mut explanation = vec![setup_step(e, &share)];
    explain(e, &run, &share, &mut explanation);
    let spent = sum(run.selected.iter().map(|&p| &s.cost[p]));
    explanation.push(
        Step::new(
            run.rounds.len() + 1,
            Action::Stop,
            None,
            format!(
                "No other project can be paid for by its supporters. Spent {} of {}.",
                show(&spent),
                show(&e.budget)
            ),
        )
        .num("spent", show(&spent)),
    );
    Ok(Outcome {
        selected: ids(e, &run.selected),
        explanation,
    })
}

/// MES with the Add1 completion (pabutools' `voter_budget_increment=1`).
pub fn mes_add1(e: &Election) -> Result<Outcome, TallyError> {
    check(e)?;
    let s = Setup::new(e);
    let base = &e.budget / Rat::from_integer(s.n.into());
    let cost_of = |r: &Run| sum(r.selected.iter().map(|&p| &s.cost[p]));
    let exhaustive = |r: &Run, spent: &Rat| {
        s.eligible
            .iter()
            .all(|p| r.selected.contains(p) || spent + &s.cost[*p] > e.budget)
    };
    let mut explanation = vec![setup_step(e, &base)];
    let mut prev: Option<(Run, Rat, Rat)> = None; // (run, share, spent)
    let mut k: u64 = 0;
    let mut exact_runs = 0;
    let (run, share, spent, why) = loop {
        let share = &base + Rat::from_integer(k.into());
        let (run, exact) = s.count(&share);
        exact_runs += exact;
        let spent = cost_of(&run);
        if spent > e.budget {
            let (r, sh, sp) = prev.unwrap_or_else(|| {
                (
                    Run {
                        selected: vec![],
                        rounds: vec![],
                        dropped: vec![],
                    },
                    share.clone(),
                    <Rat as Zero>::zero(),
                )
            });
            break (
                r,
                sh,
                sp,
                format!(
                    "With {} per voter the outcome would cost {}, more than the budget: the outcome with {} per voter stands.",
                    show(&share),
                    show(&spent),
                    show(&(&share - Rat::one()))
                ),
            );
        }
        if exhaustive(&run, &spent) {
            break (
                run,
                share.clone(),
                spent,
                format!(
                    "With {} per voter no unfunded project with supporters fits in the rest of the budget any more: this outcome stands.",
                    show(&share)
                ),
            );
        }
        prev = Some((run, share, spent));
        k += 1;
    };
    explanation.push(Step::new(0, Action::Run, None, format!(
        "Add1 completion: the fixed-budget count left money unspent, so every voter's share was raised by 1 at a time and the count redone from the start ({} counts). {why}",
        k + 1))
        .num("counts", k + 1)
        .num("share_per_voter", show(&share))
        .num("exact_rounds", exact_runs));
    explain(e, &run, &share, &mut explanation);
    explanation.push(
        Step::new(
            run.rounds.len() + 1,
            Action::Stop,
            None,
            format!("Spent {} of {}.", show(&spent), show(&e.budget)),
        )
        .num("spent", show(&spent)),
    );
    Ok(Outcome {
        selected: ids(e, &run.selected),
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::rat;

    /// The interned exact wallets pay and charge exactly as one exact budget per voter does, with
    /// shared and distinct amounts, poor and rich supporters.
    #[test]
    fn interned_wallets_equal_per_voter_wallets() {
        let n = 40;
        // Three overlapping projects; voters' supports follow a fixed pattern.
        let supporters: Vec<Vec<u32>> = (0..3u32)
            .map(|p| (0..n as u32).filter(|i| (i * 7 + p * 3) % 5 != 0).collect())
            .collect();
        let s = Setup {
            cost: vec![Rat::new(310.into(), 3.into()), rat(15), rat(30)],
            supporters,
            eligible: vec![0, 1, 2],
            n,
        };
        let share = Rat::new(17.into(), 4.into());
        let mut per = PerVoter {
            budget: vec![share.clone(); n],
            scratch: vec![],
        };
        let mut int = Interned::new(share, n);
        let mut capped = 0;
        for p in [0, 1, 2, 1] {
            let cost = s.cost[p].clone();
            let avail = per.avail(&s, p);
            assert_eq!(avail, int.avail(&s, p), "avail of {p}");
            assert!(avail >= cost, "project {p} stays affordable in this test");
            let (q1, c1) = per.payment(&s, p, &cost);
            let (q2, c2) = int.payment(&s, p, &cost);
            assert_eq!((&q1, c1), (&q2, c2), "payment for {p}");
            capped += c1;
            per.pay(&s, p, &q1);
            int.pay(&s, p, &q2);
            for i in 0..n {
                assert_eq!(
                    per.budget[i], int.vals[int.of[i] as usize],
                    "voter {i} after {p}"
                );
            }
        }
        assert!(int.vals.len() > 2, "the test reaches distinct amounts");
        assert!(capped > 0, "some supporters pay all they have left");
    }
}
