//! A deterministic synthetic conversation for load tests: participants drawn from a few opinion camps,
//! each statement with a per-camp agree / disagree / pass tendency, each participant voting on a random
//! subset of statements.

use crate::SplitMix64;
use crate::input::VoteRow;

/// The size of a synthetic conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Synthetic {
    pub participants: usize,
    pub statements: usize,
    /// Total votes (at most participants × statements).
    pub votes: usize,
    /// Opinion camps (≥ 1).
    pub camps: usize,
    pub seed: u64,
}

impl Synthetic {
    /// The votes, one per (participant, statement), in timestamp order; and the camp of each participant.
    pub fn generate(&self) -> (Vec<VoteRow>, Vec<usize>) {
        let (n, m) = (self.participants, self.statements);
        let total = self.votes.min(n * m);
        let camps = self.camps.max(1);
        let mut rng = SplitMix64::new(self.seed);
        // Per statement and camp: probability of agree and of disagree (the rest pass).
        let mut tendency = Vec::with_capacity(m * camps);
        for t in 0..m {
            // Every fifth statement is common ground: every camp mostly agrees.
            let shared = t % 5 == 0;
            for _ in 0..camps {
                let lean = if shared { 0.8 } else { rng.next_f64() };
                let pass = 0.1 + 0.1 * rng.next_f64();
                let agree = (1.0 - pass) * lean;
                tendency.push((agree, 1.0 - pass - agree));
            }
        }
        let camp: Vec<usize> = (0..n).map(|_| rng.below(camps as u64) as usize).collect();
        let mut out = Vec::with_capacity(total);
        let mut order: Vec<u32> = (0..m as u32).collect();
        let mut ts: i64 = 1_700_000_000_000;
        for p in 0..n {
            // Spread the votes evenly, with the remainder to the first participants.
            let k = total / n + usize::from(p < total % n);
            // A partial Fisher–Yates shuffle: the first k of `order` become a random k-subset.
            for i in 0..k {
                let j = i + rng.below((m - i) as u64) as usize;
                order.swap(i, j);
            }
            for &t in &order[..k] {
                let (a, d) = tendency[t as usize * camps + camp[p]];
                let u = rng.next_f64();
                let vote = if u < a {
                    1
                } else if u < a + d {
                    -1
                } else {
                    0
                };
                ts += 1;
                out.push(VoteRow {
                    timestamp: ts,
                    tid: t as u64,
                    pid: p as u64,
                    vote,
                });
            }
        }
        (out, camp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_counts_distinct_cells_deterministic() {
        let s = Synthetic {
            participants: 50,
            statements: 20,
            votes: 333,
            camps: 2,
            seed: 9,
        };
        let (v, camp) = s.generate();
        assert_eq!(v.len(), 333);
        assert_eq!(camp.len(), 50);
        let mut cells: Vec<(u64, u64)> = v.iter().map(|r| (r.pid, r.tid)).collect();
        cells.sort_unstable();
        cells.dedup();
        assert_eq!(cells.len(), 333, "one vote per cell");
        assert_eq!(s.generate().0, v, "same seed, same conversation");
        assert_ne!(Synthetic { seed: 10, ..s }.generate().0, v);
    }
}
