//! LEGACY: the greedy, quota-driven draw organisers used before LEXIMIN (for comparison).
//! The ratio rule is the signed one of the Nature paper (see docs/sortition.md).

use crate::model::Instance;
use crate::rng::Draws;
use std::collections::BTreeMap;

/// One attempt; `None` if it ran into a dead end.
fn attempt(inst: &Instance, rng: &mut Draws) -> Option<Vec<usize>> {
    let feats = &inst.quotas.features;
    let n = inst.n();
    let mut alive = vec![true; n];
    let mut remaining: Vec<Vec<u32>> = feats.iter().map(|f| vec![0; f.values.len()]).collect();
    let mut selected: Vec<Vec<u32>> = feats.iter().map(|f| vec![0; f.values.len()]).collect();
    let mut house_of = vec![usize::MAX; n];
    for (h, g) in inst.pool.households.iter().enumerate() {
        for &i in g {
            house_of[i] = h;
        }
    }
    for (i, p) in inst.pool.people.iter().enumerate() {
        if p.values
            .iter()
            .enumerate()
            .any(|(f, &v)| feats[f].values[v].max == 0)
        {
            alive[i] = false;
        } else {
            for (f, &v) in p.values.iter().enumerate() {
                remaining[f][v] += 1;
            }
        }
    }
    let kill = |i: usize, alive: &mut Vec<bool>, remaining: &mut Vec<Vec<u32>>| {
        if alive[i] {
            alive[i] = false;
            for (f, &v) in inst.pool.people[i].values.iter().enumerate() {
                remaining[f][v] -= 1;
            }
        }
    };
    let mut panel = Vec::with_capacity(inst.k as usize);
    for _ in 0..inst.k {
        let mut best: Option<(f64, usize, usize)> = None;
        for (f, feat) in feats.iter().enumerate() {
            for (v, q) in feat.values.iter().enumerate() {
                let need = q.min as i64 - selected[f][v] as i64;
                let rem = remaining[f][v] as i64;
                if rem < need {
                    return None;
                }
                if q.max == 0 || rem == 0 {
                    continue;
                }
                let ratio = need as f64 / rem as f64;
                if best.is_none_or(|b| ratio > b.0) {
                    best = Some((ratio, f, v));
                }
            }
        }
        let (_, f, v) = best?;
        let cands: Vec<usize> = (0..n)
            .filter(|&i| alive[i] && inst.pool.people[i].values[f] == v)
            .collect();
        let i = cands[rng.below(cands.len() as u64) as usize];
        kill(i, &mut alive, &mut remaining);
        panel.push(i);
        for (g, &w) in inst.pool.people[i].values.iter().enumerate() {
            selected[g][w] += 1;
        }
        if house_of[i] != usize::MAX {
            for &j in &inst.pool.households[house_of[i]] {
                kill(j, &mut alive, &mut remaining);
            }
        }
        for (g, &w) in inst.pool.people[i].values.iter().enumerate() {
            if selected[g][w] >= feats[g].values[w].max {
                for j in 0..n {
                    if alive[j] && inst.pool.people[j].values[g] == w {
                        kill(j, &mut alive, &mut remaining);
                    }
                }
            }
        }
    }
    panel.sort_unstable();
    inst.check_panel(&panel).ok()?;
    Some(panel)
}

/// Draw one LEGACY panel with up to `max_attempts` restarts.
pub fn draw_panel(inst: &Instance, rng: &mut Draws, max_attempts: u32) -> Option<Vec<usize>> {
    (0..max_attempts).find_map(|_| attempt(inst, rng))
}

/// Simulate `draws` LEGACY panels; returns the distinct panels with their frequencies
/// (sorted by panel) and the number of failed draws.
pub fn simulate(inst: &Instance, draws: u64, seed: u64) -> (Vec<(Vec<usize>, f64)>, u64) {
    let mut rng = Draws::new("legacy", seed);
    let mut count: BTreeMap<Vec<usize>, u64> = BTreeMap::new();
    let mut failed = 0;
    for _ in 0..draws {
        match draw_panel(inst, &mut rng, 100) {
            Some(p) => *count.entry(p).or_insert(0) += 1,
            None => failed += 1,
        }
    }
    let ok = (draws - failed).max(1) as f64;
    (
        count.into_iter().map(|(p, c)| (p, c as f64 / ok)).collect(),
        failed,
    )
}
