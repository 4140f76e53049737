//! Cheap candidate panels around a target composition: unbiased systematic rounding of the
//! target counts, then a greedy repair of the quotas and households that keeps every panel
//! on the target's face (quotas the target meets with equality, full households, types at 0
//! or at their size are met exactly). Every panel is re-validated; an LP decides which are used.

use crate::model::{Composition, Instance};
use crate::rng::Draws;

/// Moves a repair may make before the sample is given up.
const REPAIR_MOVES: usize = 400;
/// Candidates per side tried for one repair move.
const REPAIR_CANDIDATES: usize = 40;

type Bounds = (i64, i64);

/// The face of the relaxation a target composition lies on: every panel in a distribution with
/// that expected composition meets these bounds (a valid inequality tight at the target is
/// tight at every panel of its support).
pub(crate) struct Limits {
    /// (min, max) per feature and value.
    pub(crate) quota: Vec<Vec<Bounds>>,
    /// Household index per type (household members are types of their own).
    house_of: Vec<Option<usize>>,
    /// (min, max) members per household: (1, 1) where the target fills the household.
    pub(crate) house_lim: Vec<Bounds>,
    pub(crate) lb: Vec<u32>,
    pub(crate) ub: Vec<u32>,
}

fn pen(s: i64, (lo, hi): Bounds) -> i64 {
    (lo - s).max(0) + (s - hi).max(0)
}

struct State {
    c: Composition,
    sums: Vec<Vec<i64>>,
    house: Vec<i64>,
}

impl State {
    fn new(inst: &Instance, lim: &Limits, c: Composition) -> State {
        let mut sums: Vec<Vec<i64>> = lim.quota.iter().map(|f| vec![0; f.len()]).collect();
        let mut house = vec![0i64; lim.house_lim.len()];
        for (t, &x) in c.iter().enumerate() {
            for (f, &v) in inst.types[t].values.iter().enumerate() {
                sums[f][v] += x as i64;
            }
            if let Some(h) = lim.house_of[t] {
                house[h] += x as i64;
            }
        }
        State { c, sums, house }
    }

    fn violation(&self, lim: &Limits) -> i64 {
        let q: i64 = lim
            .quota
            .iter()
            .zip(&self.sums)
            .flat_map(|(qs, ss)| qs.iter().zip(ss).map(|(&b, &s)| pen(s, b)))
            .sum();
        q + self
            .house
            .iter()
            .zip(&lim.house_lim)
            .map(|(&h, &b)| pen(h, b))
            .sum::<i64>()
    }

    /// Change in violation of moving one seat from type a to type b.
    fn delta(&self, inst: &Instance, lim: &Limits, a: usize, b: usize) -> i64 {
        let mut d = 0;
        let (va, vb) = (&inst.types[a].values, &inst.types[b].values);
        for f in 0..va.len() {
            if va[f] != vb[f] {
                let (sa, sb) = (self.sums[f][va[f]], self.sums[f][vb[f]]);
                let (qa, qb) = (lim.quota[f][va[f]], lim.quota[f][vb[f]]);
                d += pen(sa - 1, qa) - pen(sa, qa) + pen(sb + 1, qb) - pen(sb, qb);
            }
        }
        match (lim.house_of[a], lim.house_of[b]) {
            (Some(x), Some(y)) if x == y => {}
            (ha, hb) => {
                if let Some(x) = ha {
                    let q = lim.house_lim[x];
                    d += pen(self.house[x] - 1, q) - pen(self.house[x], q);
                }
                if let Some(y) = hb {
                    let q = lim.house_lim[y];
                    d += pen(self.house[y] + 1, q) - pen(self.house[y], q);
                }
            }
        }
        d
    }

    fn apply(&mut self, inst: &Instance, lim: &Limits, a: usize, b: usize) {
        self.c[a] -= 1;
        self.c[b] += 1;
        for (f, &v) in inst.types[a].values.iter().enumerate() {
            self.sums[f][v] -= 1;
        }
        for (f, &v) in inst.types[b].values.iter().enumerate() {
            self.sums[f][v] += 1;
        }
        if let Some(h) = lim.house_of[a] {
            self.house[h] -= 1;
        }
        if let Some(h) = lim.house_of[b] {
            self.house[h] += 1;
        }
    }
}

pub(crate) fn limits(inst: &Instance, m: &[f64]) -> Limits {
    let nt = inst.types.len();
    let mut house_of = vec![None; nt];
    for (h, ts) in inst.household_types.iter().enumerate() {
        for &t in ts {
            house_of[t] = Some(h);
        }
    }
    let tight = |x: f64, b: f64| (x - b).abs() < 1e-6;
    let quota = inst
        .quotas
        .features
        .iter()
        .enumerate()
        .map(|(f, feat)| {
            feat.values
                .iter()
                .enumerate()
                .map(|(v, q)| {
                    let s: f64 = inst.value_types[f][v].iter().map(|&t| m[t]).sum();
                    let (lo, hi) = (q.min as i64, q.max as i64);
                    if tight(s, lo as f64) {
                        (lo, lo)
                    } else if tight(s, hi as f64) {
                        (hi, hi)
                    } else {
                        (lo, hi)
                    }
                })
                .collect()
        })
        .collect();
    let house_lim = inst
        .household_types
        .iter()
        .map(|ts| {
            let s: f64 = ts.iter().map(|&t| m[t]).sum();
            if tight(s, 1.0) { (1, 1) } else { (0, 1) }
        })
        .collect();
    let ub: Vec<u32> = (0..nt)
        .map(|t| {
            if m[t] < 1e-9 {
                0
            } else {
                inst.types[t].members.len().min(inst.k as usize) as u32
            }
        })
        .collect();
    let lb = (0..nt)
        .map(|t| if tight(m[t], ub[t] as f64) { ub[t] } else { 0 })
        .collect();
    Limits {
        quota,
        house_of,
        house_lim,
        lb,
        ub,
    }
}

/// Up to `count` distinct valid panels near the target counts `m` (Σ m = k, 0 ≤ m_t ≤ |t|).
/// Deterministic for a seed.
pub(crate) fn rounded_panels(
    inst: &Instance,
    m: &[f64],
    lim: &Limits,
    count: usize,
    seed: u64,
) -> Vec<Composition> {
    let nt = inst.types.len();
    let mut rng = Draws::new("target-samples", seed);
    let nf = inst.quotas.features.len();
    let mut out: Vec<Composition> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut order: Vec<usize> = (0..nt).collect();
    for _ in 0..count {
        // Stratified order: by the values of a random feature, randomly within.
        rng.shuffle(&mut order);
        if nf > 0 {
            let f = rng.below(nf as u64) as usize;
            order.sort_by_key(|&t| inst.types[t].values[f]);
        }
        let u = rng.unit();
        let mut c = vec![0u32; nt];
        let mut cum = 0.0f64;
        let mut prev = (cum + u).floor();
        for &t in &order {
            cum += m[t].max(0.0);
            let next = (cum + u).floor();
            c[t] = ((next - prev).max(0.0) as u32).clamp(lim.lb[t], lim.ub[t]);
            prev = next;
        }
        // Rounding error of the running sum can leave Σ c off k: fix on free types.
        let total: i64 = c.iter().map(|&x| x as i64).sum();
        let mut diff = inst.k as i64 - total;
        for &t in &order {
            if diff == 0 {
                break;
            }
            if diff > 0 && c[t] < lim.ub[t] {
                c[t] += 1;
                diff -= 1;
            } else if diff < 0 && c[t] > lim.lb[t] {
                c[t] -= 1;
                diff += 1;
            }
        }
        if diff != 0 {
            continue;
        }
        let mut st = State::new(inst, lim, c);
        let mut v = st.violation(lim);
        let mut moves = 0;
        while v > 0 && moves < REPAIR_MOVES {
            moves += 1;
            // Random candidate pairs; keep the best strictly improving move.
            let mut best: Option<(i64, usize, usize)> = None;
            let donors: Vec<usize> = (0..REPAIR_CANDIDATES)
                .map(|_| rng.below(nt as u64) as usize)
                .filter(|&a| st.c[a] > lim.lb[a])
                .collect();
            let takers: Vec<usize> = (0..REPAIR_CANDIDATES)
                .map(|_| rng.below(nt as u64) as usize)
                .filter(|&b| st.c[b] < lim.ub[b])
                .collect();
            for &a in &donors {
                for &b in &takers {
                    if a == b {
                        continue;
                    }
                    let d = st.delta(inst, lim, a, b);
                    if d < 0 && best.is_none_or(|(bd, _, _)| d < bd) {
                        best = Some((d, a, b));
                    }
                }
            }
            let Some((d, a, b)) = best else { continue };
            st.apply(inst, lim, a, b);
            v += d;
        }
        if v == 0 && inst.check_composition(&st.c).is_ok() && seen.insert(st.c.clone()) {
            out.push(st.c);
        }
    }
    out
}
