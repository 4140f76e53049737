//! Ordered reserve lists, first-fit replacement of dropouts, and residual instances for a
//! principled replacement draw.

use crate::input::{Pool, Quotas};
use crate::model::{Instance, SolveError};
use crate::rng::Draws;

/// A seeded random order of everyone not on the panel.
pub fn reserve_order(inst: &Instance, panel: &[usize], seed: u64) -> Vec<usize> {
    let mut on = vec![false; inst.n()];
    for &i in panel {
        on[i] = true;
    }
    let mut rest: Vec<usize> = (0..inst.n()).filter(|&i| !on[i]).collect();
    Draws::new("reserves", seed).shuffle(&mut rest);
    rest
}

/// Replace each dropout, in the given order, by the first reserve that keeps the panel
/// feasible (size, quotas, households). Returns the new panel (sorted) and the pairs
/// (dropout, replacement). No LEXIMIN guarantee holds for first-fit.
pub fn replace(
    inst: &Instance,
    panel: &[usize],
    dropouts: &[usize],
    reserves: &[usize],
) -> Result<(Vec<usize>, Vec<(usize, usize)>), String> {
    let mut cur: Vec<usize> = panel.to_vec();
    let mut used = vec![false; inst.n()];
    for &i in panel {
        used[i] = true;
    }
    for &d in dropouts {
        used[d] = true; // a dropout never comes back
    }
    let mut pairs = Vec::new();
    for &d in dropouts {
        let pos = cur
            .iter()
            .position(|&i| i == d)
            .ok_or_else(|| format!("{} is not on the panel", inst.pool.people[d].id))?;
        let mut found = None;
        for &j in reserves {
            if used[j] {
                continue;
            }
            cur[pos] = j;
            if inst.check_panel(&cur).is_ok() {
                found = Some(j);
                break;
            }
        }
        match found {
            Some(j) => {
                used[j] = true;
                pairs.push((d, j));
            }
            None => {
                cur[pos] = d;
                return Err(format!(
                    "no reserve can replace {} within the quotas: run a replacement draw",
                    inst.pool.people[d].id
                ));
            }
        }
    }
    cur.sort_unstable();
    Ok((cur, pairs))
}

/// The residual problem after confirming `confirmed` and excluding `excluded` (dropouts,
/// decliners): pool minus those and the confirmed people's housemates, panel size
/// k − |confirmed|, quotas reduced by the confirmed members' counts.
pub fn residual_instance(
    inst: &Instance,
    confirmed: &[usize],
    excluded: &[usize],
) -> Result<Instance, SolveError> {
    let n = inst.n();
    let mut drop = vec![false; n];
    for &i in confirmed.iter().chain(excluded) {
        drop[i] = true;
    }
    for h in &inst.pool.households {
        if h.iter().any(|i| confirmed.contains(i)) {
            for &i in h {
                drop[i] = true;
            }
        }
    }
    if confirmed.len() > inst.k as usize {
        return Err(SolveError::Invalid(
            "more confirmed members than seats".into(),
        ));
    }
    let mut quotas: Quotas = inst.quotas.clone();
    for (f, feat) in quotas.features.iter_mut().enumerate() {
        for (v, q) in feat.values.iter_mut().enumerate() {
            let c = confirmed
                .iter()
                .filter(|&&i| inst.pool.people[i].values[f] == v)
                .count() as u32;
            if c > q.max {
                return Err(SolveError::Invalid(format!(
                    "the confirmed members already exceed the max of {} = {}",
                    feat.name, q.value
                )));
            }
            q.min = q.min.saturating_sub(c);
            q.max -= c;
            q.min_flex = q.min_flex.min(q.min);
            q.max_flex = q.max_flex.map(|m| m.saturating_sub(c).max(q.max));
        }
    }
    let mut map = vec![usize::MAX; n];
    let mut people = Vec::new();
    for (i, p) in inst.pool.people.iter().enumerate() {
        if !drop[i] {
            map[i] = people.len();
            people.push(p.clone());
        }
    }
    let households = inst
        .pool
        .households
        .iter()
        .map(|h| {
            h.iter()
                .filter(|&&i| !drop[i])
                .map(|&i| map[i])
                .collect::<Vec<_>>()
        })
        .filter(|h| h.len() > 1)
        .collect();
    let pool = Pool {
        file: inst.pool.file.clone(),
        id_column: inst.pool.id_column.clone(),
        people,
        households,
    };
    Instance::new(quotas, pool, inst.k - confirmed.len() as u32)
}
