//! Transparent lottery: M equally likely tickets (Beck–Fiala iterated rounding at type
//! level, then a seeded round-robin of people within each type), drawing ticket T,
//! ordered reserves and replacements.

use crate::output::{DistributionFile, ENGINE};
use crate::rng::{Draws, sha256_hex};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LotteryFile {
    pub distribution_sha256: String,
    pub engine: String,
    /// max over people of |tickets containing i / M − π_i|.
    pub max_deviation: f64,
    /// Ticket marginals (tickets containing i / M).
    pub marginals: BTreeMap<String, f64>,
    pub panel_size: u32,
    pub seed: u64,
    /// The guaranteed bound k / M.
    pub bound: f64,
    /// Ticket t (1-based) is `tickets[t - 1]`; ids sorted.
    pub tickets: Vec<Vec<String>>,
}

impl LotteryFile {
    pub fn to_json(&self) -> String {
        crate::output::to_json(self)
    }

    /// The panel on ticket `t` (1-based; 0 stands for M, as "000" on three ten-sided dice).
    pub fn draw(&self, t: u64) -> Option<&[String]> {
        let m = self.tickets.len() as u64;
        let t = if t == 0 { m } else { t };
        if t == 0 || t > m {
            return None;
        }
        Some(&self.tickets[(t - 1) as usize])
    }
}

const INT_TOL: f64 = 1e-9;

/// Beck–Fiala iterated rounding of m·x to integers with Σ = m, keeping every type's
/// per-person expected count within its drop threshold.
fn round_counts(
    comps: &[Vec<(usize, u32)>],
    x: &[f64],
    sizes: &[usize],
    k: u32,
    m: u64,
) -> Result<Vec<u64>, String> {
    let nc = comps.len();
    let nt = sizes.len();
    let f: Vec<f64> = x.iter().map(|&p| p * m as f64).collect();
    let mut base: Vec<u64> = f.iter().map(|v| v.floor() as u64).collect();
    let mut r: Vec<f64> = f.iter().zip(&base).map(|(v, &b)| v - b as f64).collect();
    for c in 0..nc {
        if r[c] > 1.0 - INT_TOL {
            base[c] += 1;
            r[c] = 0.0;
        } else if r[c] < INT_TOL {
            r[c] = 0.0;
        }
    }
    let need = m as i64 - base.iter().sum::<u64>() as i64;
    if need < 0 || need as usize > nc {
        return Err("probabilities do not sum to 1".into());
    }
    // a[c] = per-person expected count coefficients (type, c_t / s_t)
    let a: Vec<Vec<(usize, f64)>> = comps
        .iter()
        .map(|c| {
            c.iter()
                .map(|&(t, n)| (t, n as f64 / sizes[t] as f64))
                .collect()
        })
        .collect();
    let mut target = vec![0.0; nt];
    for c in 0..nc {
        for &(t, v) in &a[c] {
            target[t] += v * r[c];
        }
    }
    let mut free: Vec<bool> = r.iter().map(|&v| v > 0.0).collect();
    let mut one: Vec<bool> = vec![false; nc];
    let mut active = vec![true; nt];
    let threshold = |t: usize| {
        if sizes[t] >= 2 {
            k as f64 - 1.0
        } else {
            k as f64
        }
    };
    let mut sum_target = need as f64;
    let mut guard = 0;
    while free.iter().any(|&b| b) {
        guard += 1;
        if guard > 10 * (nc + nt) + 10 {
            return Err("rounding did not terminate".into());
        }
        // Drop rows whose free mass is within the threshold.
        let mut free_mass = vec![0.0; nt];
        for c in 0..nc {
            if free[c] {
                for &(t, v) in &a[c] {
                    free_mass[t] += v;
                }
            }
        }
        for t in 0..nt {
            if active[t] && free_mass[t] <= threshold(t) + 1e-12 {
                active[t] = false;
            }
        }
        let fc: Vec<usize> = (0..nc).filter(|&c| free[c]).collect();
        let mut pb = Problem::new(OptimizationDirection::Minimize);
        let vars: Vec<_> = fc.iter().map(|_| pb.add_var(0.0, (0.0, 1.0))).collect();
        let mut s = LinearExpr::empty();
        for &v in &vars {
            s.add(v, 1.0);
        }
        pb.add_constraint(s, ComparisonOp::Eq, sum_target);
        let mut rows: BTreeMap<usize, LinearExpr> = BTreeMap::new();
        for (j, &c) in fc.iter().enumerate() {
            for &(t, v) in &a[c] {
                if active[t] {
                    rows.entry(t)
                        .or_insert_with(LinearExpr::empty)
                        .add(vars[j], v);
                }
            }
        }
        let mut rhs = target.clone();
        for c in 0..nc {
            if one[c] {
                for &(t, v) in &a[c] {
                    rhs[t] -= v;
                }
            }
        }
        for (t, e) in rows {
            pb.add_constraint(e, ComparisonOp::Eq, rhs[t]);
        }
        let sol = match pb.solve() {
            Ok(s) => s,
            Err(_) => {
                // Numerical trouble: drop the active row with the least free mass.
                match (0..nt)
                    .filter(|&t| active[t])
                    .min_by(|&p, &q| free_mass[p].total_cmp(&free_mass[q]))
                {
                    Some(t) => {
                        active[t] = false;
                        continue;
                    }
                    None => return Err("rounding LP failed".into()),
                }
            }
        };
        let mut progress = false;
        for (j, &c) in fc.iter().enumerate() {
            let v = *sol.var_value(vars[j]);
            r[c] = v;
            if v < INT_TOL {
                free[c] = false;
                progress = true;
            } else if v > 1.0 - INT_TOL {
                free[c] = false;
                one[c] = true;
                sum_target -= 1.0;
                progress = true;
            }
        }
        if !progress {
            if let Some(t) = (0..nt)
                .filter(|&t| active[t])
                .min_by(|&p, &q| free_mass[p].total_cmp(&free_mass[q]))
            {
                active[t] = false;
            } else {
                // No rows left: the sum row alone has integral vertices.
                continue;
            }
        }
    }
    let counts: Vec<u64> = (0..nc).map(|c| base[c] + one[c] as u64).collect();
    if counts.iter().sum::<u64>() != m {
        return Err("rounding lost tickets".into());
    }
    Ok(counts)
}

/// Build M tickets from a distribution file. `dist_bytes` are the bytes of that file (hashed).
pub fn make_lottery(
    dist: &DistributionFile,
    dist_bytes: &[u8],
    m: u64,
    seed: u64,
) -> Result<LotteryFile, String> {
    if m == 0 {
        return Err("the number of tickets must be at least 1".into());
    }
    if dist.algorithm == "legacy" {
        return Err("LEGACY gives no distribution to round; use leximin, maximin or nash".into());
    }
    let sizes: Vec<usize> = dist.types.iter().map(Vec::len).collect();
    let comps: Vec<Vec<(usize, u32)>> =
        dist.compositions.iter().map(|c| c.counts.clone()).collect();
    for c in &comps {
        for &(t, n) in c {
            if t >= sizes.len() || n as usize > sizes[t] {
                return Err("composition refers to an unknown type".into());
            }
        }
    }
    let x: Vec<f64> = dist.compositions.iter().map(|c| c.probability).collect();
    let counts = round_counts(&comps, &x, &sizes, dist.panel_size, m)?;
    // Ticket order: the compositions' copies, shuffled.
    let mut order: Vec<usize> = Vec::with_capacity(m as usize);
    for (c, &n) in counts.iter().enumerate() {
        order.extend(std::iter::repeat_n(c, n as usize));
    }
    let mut rng = Draws::new("lottery", seed);
    rng.shuffle(&mut order);
    // Round-robin within each type over a seeded permutation of its members.
    let mut perm: Vec<Vec<&String>> = dist.types.iter().map(|t| t.iter().collect()).collect();
    for p in perm.iter_mut() {
        rng.shuffle(p);
    }
    let mut next = vec![0usize; sizes.len()];
    let mut tickets = Vec::with_capacity(m as usize);
    for &c in &order {
        let mut ids: Vec<String> = Vec::with_capacity(dist.panel_size as usize);
        for &(t, n) in &comps[c] {
            for _ in 0..n {
                ids.push(perm[t][next[t] % sizes[t]].clone());
                next[t] += 1;
            }
        }
        ids.sort();
        tickets.push(ids);
    }
    let marginals = ticket_marginals(&tickets, dist);
    let max_deviation = deviation(&marginals, &dist.marginals);
    Ok(LotteryFile {
        distribution_sha256: sha256_hex(dist_bytes),
        engine: ENGINE.to_string(),
        max_deviation,
        marginals,
        panel_size: dist.panel_size,
        seed,
        bound: dist.panel_size as f64 / m as f64,
        tickets,
    })
}

pub(crate) fn ticket_marginals(
    tickets: &[Vec<String>],
    dist: &DistributionFile,
) -> BTreeMap<String, f64> {
    let mut cnt: BTreeMap<String, u64> = dist.marginals.keys().map(|k| (k.clone(), 0)).collect();
    for t in tickets {
        for id in t {
            *cnt.entry(id.clone()).or_insert(0) += 1;
        }
    }
    let m = tickets.len() as f64;
    cnt.into_iter().map(|(k, v)| (k, v as f64 / m)).collect()
}

pub(crate) fn deviation(a: &BTreeMap<String, f64>, b: &BTreeMap<String, f64>) -> f64 {
    let mut d: f64 = 0.0;
    for (k, v) in a {
        d = d.max((v - b.get(k).copied().unwrap_or(0.0)).abs());
    }
    for (k, v) in b {
        if !a.contains_key(k) {
            d = d.max(v.abs());
        }
    }
    d
}
