//! Reserves and replacement of drop-outs (see docs/sortition.md, "Reserves and replacement").
//!
//! - [`reserve_list`]: an ordered reserve list for a drawn panel, built so that every prefix
//!   covers the seats as deeply as possible with single swaps (the depth guarantee).
//! - [`replace_from_reserves`]: fill the seats of drop-outs from such a list, in list order.
//! - [`replacement_draw`]: a fair replacement draw from the whole remaining pool (LEXIMIN on
//!   the residual instance, then one seeded draw).
//! - [`residual_instance`]: the residual problem after confirming some members.

use crate::input::Pool;
use crate::leximin::{self, ProgressInfo};
use crate::model::{Instance, SolveError};
use crate::output::expand;
use crate::rng::Draws;
use std::fmt::Write as _;

/// Person indices of `members`, as a membership mask over the pool.
fn mask(n: usize, members: &[usize]) -> Vec<bool> {
    let mut on = vec![false; n];
    for &i in members {
        on[i] = true;
    }
    on
}

/// For every person j of the pool: the positions p of `panel` such that the panel with
/// `panel[p]` swapped for j is feasible (size, quotas, households). Empty for panel members.
/// The panel itself must be feasible.
pub fn single_swaps(inst: &Instance, panel: &[usize]) -> Result<Vec<Vec<usize>>, String> {
    inst.check_panel(panel)
        .map_err(|e| format!("the panel does not meet the quotas: {e}"))?;
    let n = inst.n();
    let on = mask(n, panel);
    let feats = &inst.quotas.features;
    let mut cnt: Vec<Vec<u32>> = feats.iter().map(|f| vec![0; f.values.len()]).collect();
    for &i in panel {
        for (f, &v) in inst.pool.people[i].values.iter().enumerate() {
            cnt[f][v] += 1;
        }
    }
    // A panel member may leave (the value's count stays ≥ min) or a value may gain one
    // (its count stays ≤ max).
    let may_leave: Vec<Vec<bool>> = feats
        .iter()
        .zip(&cnt)
        .map(|(f, c)| f.values.iter().zip(c).map(|(q, &c)| c > q.min).collect())
        .collect();
    let may_join: Vec<Vec<bool>> = feats
        .iter()
        .zip(&cnt)
        .map(|(f, c)| f.values.iter().zip(c).map(|(q, &c)| c < q.max).collect())
        .collect();
    let mut position = vec![usize::MAX; n];
    for (p, &i) in panel.iter().enumerate() {
        position[i] = p;
    }
    // The panel position of a housemate who is on the (feasible, so at most one) panel.
    let mut mate_on_panel: Vec<Option<usize>> = vec![None; n];
    for h in &inst.pool.households {
        if let Some(p) = h.iter().find(|&&i| on[i]).map(|&i| position[i]) {
            for &i in h {
                if !on[i] {
                    mate_on_panel[i] = Some(p);
                }
            }
        }
    }
    let people = &inst.pool.people;
    Ok((0..n)
        .map(|j| {
            if on[j] {
                return Vec::new();
            }
            let b = &people[j].values;
            (0..panel.len())
                .filter(|&p| mate_on_panel[j].is_none_or(|m| m == p))
                .filter(|&p| {
                    let a = &people[panel[p]].values;
                    (0..feats.len())
                        .all(|f| a[f] == b[f] || (may_leave[f][a[f]] && may_join[f][b[f]]))
                })
                .collect()
        })
        .collect())
}

/// An ordered reserve list for a panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ReserveList {
    /// Person indices in reserve order: everyone not on the panel.
    pub order: Vec<usize>,
    /// Per entry of `order`: the depth at which it was taken, `None` for people who can
    /// replace no panel member alone (they close the list, in seeded order).
    pub depth: Vec<Option<u32>>,
    /// Per entry of `order`: the panel positions it can replace alone (ascending).
    pub can_replace: Vec<Vec<usize>>,
    /// Panel positions that nobody outside the panel can replace alone.
    pub irreplaceable: Vec<usize>,
}

/// The ordered reserve list of a feasible panel (positions refer to `panel` as given).
///
/// σ = a seeded uniform random order (Fisher–Yates, purpose "reserves") of everyone not on
/// the panel. A_p = the people who can replace panel member p alone (the panel with p swapped
/// for them meets size, quotas and households). Depth by depth (d = 1, 2, …), σ is scanned
/// and a person not yet listed is appended when they can replace some member p that has fewer
/// than d of A_p listed so far; depths at which nobody would be appended are skipped. Then
/// everyone who can replace nobody alone follows, in σ order.
///
/// Guarantee: for every d, the entries with depth ≤ d contain min(d, |A_p|) members of A_p
/// for every panel position p. So a single drop-out whom anyone in the pool can replace
/// alone can be replaced by one of the depth-1 entries, and d drop-outs of one seat kind
/// by the depth-≤ d entries.
pub fn reserve_list(inst: &Instance, panel: &[usize], seed: u64) -> Result<ReserveList, String> {
    let swaps = single_swaps(inst, panel)?;
    let on = mask(inst.n(), panel);
    let mut sigma: Vec<usize> = (0..inst.n()).filter(|&j| !on[j]).collect();
    Draws::new("reserves", seed).shuffle(&mut sigma);
    let mut avail = vec![0usize; panel.len()];
    for &j in &sigma {
        for &p in &swaps[j] {
            avail[p] += 1;
        }
    }
    let mut covered = vec![0u32; panel.len()];
    let mut list = ReserveList {
        order: Vec::with_capacity(sigma.len()),
        depth: Vec::with_capacity(sigma.len()),
        can_replace: Vec::with_capacity(sigma.len()),
        irreplaceable: (0..panel.len()).filter(|&p| avail[p] == 0).collect(),
    };
    let mut pending: Vec<usize> = sigma
        .iter()
        .copied()
        .filter(|&j| !swaps[j].is_empty())
        .collect();
    // Depth d takes a person iff one of their seats has fewer than d reserves so far; the next
    // depth at which anyone is taken is 1 + the least such count over pending people.
    while let Some(least) = pending
        .iter()
        .filter_map(|&j| swaps[j].iter().map(|&p| covered[p]).min())
        .min()
    {
        let d = least + 1;
        let mut rest = Vec::with_capacity(pending.len());
        for &j in &pending {
            if swaps[j].iter().any(|&p| covered[p] < d) {
                for &p in &swaps[j] {
                    covered[p] += 1;
                }
                list.order.push(j);
                list.depth.push(Some(d));
                list.can_replace.push(swaps[j].clone());
            } else {
                rest.push(j);
            }
        }
        pending = rest;
    }
    for &j in &sigma {
        if swaps[j].is_empty() {
            list.order.push(j);
            list.depth.push(None);
            list.can_replace.push(Vec::new());
        }
    }
    Ok(list)
}

/// Check drop-outs against a panel: distinct, all on the panel, at least one. Returns the
/// kept members (panel minus drop-outs, in panel order).
pub fn kept_members(
    inst: &Instance,
    panel: &[usize],
    dropouts: &[usize],
) -> Result<Vec<usize>, SolveError> {
    let on = mask(inst.n(), panel);
    let mut out = mask(inst.n(), &[]);
    for &d in dropouts {
        let id = &inst.pool.people[d].id;
        if !on[d] {
            return Err(SolveError::Invalid(format!(
                "drop-out '{id}' is not on the panel"
            )));
        }
        if out[d] {
            return Err(SolveError::Invalid(format!(
                "drop-out '{id}' is listed twice"
            )));
        }
        out[d] = true;
    }
    if dropouts.is_empty() {
        return Err(SolveError::Invalid(
            "no drop-outs given: nothing to replace".into(),
        ));
    }
    Ok(panel.iter().copied().filter(|&i| !out[i]).collect())
}

/// Whether `members` can be completed to a feasible panel with `seats` more people taken from
/// `candidates` only.
fn completable(
    inst: &Instance,
    members: &[usize],
    candidates: &[usize],
    seats: usize,
) -> Result<bool, SolveError> {
    if seats == 0 {
        return Ok(inst.check_panel(members).is_ok());
    }
    let allowed = mask(inst.n(), candidates);
    let excluded: Vec<usize> = (0..inst.n()).filter(|&i| !allowed[i]).collect();
    match residual(inst, members, &excluded) {
        Ok((res, _)) => Ok(res.best_panel(&vec![0.0; res.types.len()])?.is_some()),
        Err(SolveError::Invalid(_)) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Fill the seats of `dropouts` from the ordered `reserves`, in list order: a reserve is taken
/// when the seats still open after taking it can be filled from the reserves listed after
/// it (size, quotas, households); otherwise it is passed over. The result is the
/// lexicographically first feasible set of list positions: if any set of listed reserves can
/// replace the drop-outs, one is found, and a single drop-out gets the first listed reserve
/// who can replace them alone. Returns the replacements in list order.
pub fn replace_from_reserves(
    inst: &Instance,
    panel: &[usize],
    dropouts: &[usize],
    reserves: &[usize],
) -> Result<Vec<usize>, SolveError> {
    let kept = kept_members(inst, panel, dropouts)?;
    let blocked = mask(inst.n(), panel);
    let mut seen = mask(inst.n(), &[]);
    let candidates: Vec<usize> = reserves
        .iter()
        .copied()
        .filter(|&j| !blocked[j] && !std::mem::replace(&mut seen[j], true))
        .collect();
    let mut members = kept;
    let mut chosen = Vec::new();
    for (pos, &j) in candidates.iter().enumerate() {
        if chosen.len() == dropouts.len() {
            break;
        }
        members.push(j);
        let open = dropouts.len() - chosen.len() - 1;
        if completable(inst, &members, &candidates[pos + 1..], open)? {
            chosen.push(j);
        } else {
            members.pop();
        }
    }
    if chosen.len() < dropouts.len() {
        let ids: Vec<&str> = dropouts
            .iter()
            .map(|&d| inst.pool.people[d].id.as_str())
            .collect();
        return Err(SolveError::Invalid(format!(
            "the {} listed reserves cannot replace {} within the quotas (size, quotas, \
             households); draw the replacements from the whole remaining pool instead \
             (g1000 sortition replace without --reserves)",
            candidates.len(),
            ids.join(", ")
        )));
    }
    inst.check_panel(&members)
        .map_err(|e| SolveError::Solver(format!("replacement gave an infeasible panel: {e}")))?;
    Ok(chosen)
}

/// The residual problem after confirming `confirmed` and excluding `excluded` (drop-outs,
/// decliners): pool minus those and the confirmed people's housemates, panel size
/// k − |confirmed|, quotas reduced by the confirmed members' counts (min to
/// max(0, min − c), max to max − c, min_flex and max_flex likewise). Errors when the
/// confirmed members alone break a quota maximum or the one-per-household rule.
pub fn residual_instance(
    inst: &Instance,
    confirmed: &[usize],
    excluded: &[usize],
) -> Result<Instance, SolveError> {
    residual(inst, confirmed, excluded).map(|(res, _)| res)
}

/// [`residual_instance`] plus, for every person of the residual pool, their index in `inst`.
pub fn residual(
    inst: &Instance,
    confirmed: &[usize],
    excluded: &[usize],
) -> Result<(Instance, Vec<usize>), SolveError> {
    let n = inst.n();
    if confirmed.len() >= inst.k as usize {
        return Err(SolveError::Invalid(format!(
            "{} confirmed members leave no seat of {} open",
            confirmed.len(),
            inst.k
        )));
    }
    let is_confirmed = mask(n, confirmed);
    let mut drop = is_confirmed.clone();
    for &i in excluded {
        drop[i] = true;
    }
    for h in &inst.pool.households {
        let inside: Vec<&str> = h
            .iter()
            .filter(|&&i| is_confirmed[i])
            .map(|&i| inst.pool.people[i].id.as_str())
            .collect();
        if inside.len() > 1 {
            return Err(SolveError::Invalid(format!(
                "the confirmed members {} share a household",
                inside.join(", ")
            )));
        }
        if !inside.is_empty() {
            for &i in h {
                drop[i] = true;
            }
        }
    }
    let mut quotas = inst.quotas.clone();
    for (f, feat) in quotas.features.iter_mut().enumerate() {
        for (v, q) in feat.values.iter_mut().enumerate() {
            let c = confirmed
                .iter()
                .filter(|&&i| inst.pool.people[i].values[f] == v)
                .count() as u32;
            if c > q.max {
                return Err(SolveError::Invalid(format!(
                    "{}, row {}: {} = {} has max {}, but {c} confirmed members already have it",
                    inst.quotas.file, q.row, feat.name, q.value, q.max
                )));
            }
            q.min = q.min.saturating_sub(c);
            q.max -= c;
            q.min_flex = q.min_flex.saturating_sub(c).min(q.min);
            q.max_flex = q.max_flex.map(|m| m.saturating_sub(c).max(q.max));
        }
    }
    let mut map = vec![usize::MAX; n];
    let mut back = Vec::new();
    let mut people = Vec::new();
    for (i, p) in inst.pool.people.iter().enumerate() {
        if !drop[i] {
            map[i] = people.len();
            back.push(i);
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
    let res = Instance::new(quotas, pool, inst.k - confirmed.len() as u32)?;
    Ok((res, back))
}

/// Why no replacement exists: the quotas that cannot be met with the kept members, in the
/// quota file's own terms, and the smallest relaxation of the original quotas that helps.
fn explain_no_replacement(inst: &Instance, kept: &[usize], res: &Instance) -> String {
    let file = &inst.quotas.file;
    let seats = res.k as u64;
    let mut msg = format!(
        "no replacement keeps the quotas: {seats} seat(s) to fill, {} eligible people left \
         in the pool (not on the panel, not dropped out, no housemate of a kept member)",
        res.n()
    );
    let mut reasons = Vec::new();
    if (res.n() as u64) < seats {
        reasons.push(format!(
            "only {} eligible people are left for {seats} seat(s)",
            res.n()
        ));
    }
    let kept_with = |f: usize, v: usize| {
        kept.iter()
            .filter(|&&i| inst.pool.people[i].values[f] == v)
            .count() as u32
    };
    for (f, feat) in inst.quotas.features.iter().enumerate() {
        let rfeat = &res.quotas.features[f];
        for (v, q) in feat.values.iter().enumerate() {
            let need = rfeat.values[v].min;
            let avail: usize = res.value_types[f][v]
                .iter()
                .map(|&t| res.types[t].members.len())
                .sum();
            if need as usize > avail {
                reasons.push(format!(
                    "{file}, row {}: {} = {} (min {}, max {}): the kept members have {}, so \
                     {need} more are needed, but only {avail} eligible people with {} = {} are left",
                    q.row,
                    feat.name,
                    q.value,
                    q.min,
                    q.max,
                    kept_with(f, v),
                    feat.name,
                    q.value
                ));
            }
        }
        let rows = || {
            feat.values
                .iter()
                .map(|q| q.row.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let smin: u64 = rfeat.values.iter().map(|q| q.min as u64).sum();
        let smax: u64 = rfeat.values.iter().map(|q| q.max as u64).sum();
        if smin > seats {
            reasons.push(format!(
                "{file}, rows {}: with the kept members the minimums of '{}' need {smin} more \
                 people, but only {seats} seat(s) are open",
                rows(),
                feat.name
            ));
        }
        if smax < seats {
            reasons.push(format!(
                "{file}, rows {}: with the kept members the maximums of '{}' allow only {smax} \
                 more people, but {seats} seat(s) are open",
                rows(),
                feat.name
            ));
        }
    }
    if reasons.is_empty() {
        // No single quota is to blame: say what the open seats must and must not take.
        let mut needs = Vec::new();
        let mut full = Vec::new();
        for (feat, rfeat) in inst.quotas.features.iter().zip(&res.quotas.features) {
            for (q, rq) in feat.values.iter().zip(&rfeat.values) {
                if rq.min > 0 {
                    needs.push(format!(
                        "{} = {} (row {}: {} more)",
                        feat.name, q.value, q.row, rq.min
                    ));
                }
                if rq.max == 0 {
                    full.push(format!("{} = {} (row {})", feat.name, q.value, q.row));
                }
            }
        }
        let mut parts = Vec::new();
        if !needs.is_empty() {
            parts.push(format!("the open seat(s) need {}", needs.join(", ")));
        }
        if !full.is_empty() {
            parts.push(format!(
                "they can take nobody with {} (each at its max)",
                full.join(", ")
            ));
        }
        reasons.push(if parts.is_empty() {
            "the households of the eligible people conflict for the open seats".into()
        } else {
            format!(
                "{file}: {}; no eligible people fit all of this together",
                parts.join("; ")
            )
        });
    }
    for r in &reasons {
        let _ = write!(msg, "\n  - {r}");
    }
    match res.infeasibility_report().relaxation {
        Some(changes) if !changes.is_empty() => {
            msg.push_str("\nsmallest relaxation that makes a replacement possible:");
            for c in changes {
                let (f, v) = inst
                    .quotas
                    .features
                    .iter()
                    .enumerate()
                    .find_map(|(f, feat)| {
                        (feat.name == c.feature)
                            .then(|| feat.values.iter().position(|q| q.value == c.value))
                            .flatten()
                            .map(|v| (f, v))
                    })
                    .expect("the residual quotas are the original ones");
                let q = &inst.quotas.features[f].values[v];
                let _ = write!(
                    msg,
                    "\n  {file}, row {}: {} = {}: min {} -> {}, max {} -> {}",
                    q.row,
                    c.feature,
                    c.value,
                    q.min,
                    q.min - (c.min - c.new_min),
                    q.max,
                    q.max + (c.new_max - c.max)
                );
            }
        }
        _ => msg.push_str("\nno relaxation within the min_flex/max_flex bounds helps"),
    }
    msg
}

/// The outcome of a replacement draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplacementDraw {
    /// The replacements (person indices, ascending).
    pub replacements: Vec<usize>,
    /// Every eligible person (index, ascending) with the probability that the draw picks
    /// them: their LEXIMIN marginal on the residual instance.
    pub probabilities: Vec<(usize, f64)>,
}

/// A fair replacement draw from the whole remaining pool: LEXIMIN on the residual instance
/// (kept members confirmed; drop-outs, the rest of the panel and kept members' housemates
/// out), expanded into replacement sets with exact per-person marginals, sorted, and one set
/// drawn with u = `Draws::new("replace", seed).unit()` (the first set whose cumulative
/// probability exceeds u). The new panel is re-validated against the original instance.
pub fn replacement_draw(
    inst: &Instance,
    panel: &[usize],
    dropouts: &[usize],
    seed: u64,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Result<ReplacementDraw, SolveError> {
    let kept = kept_members(inst, panel, dropouts)?;
    let (res, back) = residual(inst, &kept, dropouts)?;
    if res.best_panel(&vec![0.0; res.types.len()])?.is_none() {
        return Err(SolveError::Invalid(explain_no_replacement(
            inst, &kept, &res,
        )));
    }
    let td = leximin::solve(&res, None, progress)?;
    let expanded = expand(&res, &td);
    let mut marginal = vec![0.0; res.n()];
    for p in &expanded {
        for &i in &p.members {
            marginal[i as usize] += p.probability;
        }
    }
    let mut sets: Vec<(Vec<usize>, f64)> = expanded
        .into_iter()
        .map(|p| {
            let members = p.members.into_iter().map(|i| back[i as usize]).collect();
            (members, p.probability)
        })
        .collect();
    sets.sort_by(|a, b| a.0.cmp(&b.0));
    let u = Draws::new("replace", seed).unit();
    let mut acc = 0.0;
    let mut pick = None;
    for (m, p) in &sets {
        acc += p;
        if u < acc {
            pick = Some(m);
            break;
        }
    }
    // Rounding can leave the total a hair below 1: the last set with mass takes the rest.
    let pick = pick
        .or_else(|| sets.iter().rev().find(|(_, p)| *p > 0.0).map(|(m, _)| m))
        .ok_or_else(|| SolveError::Solver("the replacement distribution is empty".into()))?;
    let mut replacements = pick.clone();
    replacements.sort_unstable();
    let mut new_panel = kept;
    new_panel.extend_from_slice(&replacements);
    inst.check_panel(&new_panel)
        .map_err(|e| SolveError::Solver(format!("replacement gave an infeasible panel: {e}")))?;
    Ok(ReplacementDraw {
        replacements,
        probabilities: back.into_iter().zip(marginal).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{PoolOptions, parse_pool, parse_quotas};

    /// Gender (f/m, 2..3 each) × age (young/old, 2..3 each), k = 5; people in pool order
    /// from `rows` ("f,young" …); `households` pairs share an address.
    fn instance(rows: &[&str], households: &[(usize, usize)], k: u32) -> Instance {
        let q = parse_quotas(
            "q.csv",
            "feature,value,min,max\ngender,f,2,3\ngender,m,2,3\nage,young,2,3\nage,old,2,3\n",
        )
        .unwrap();
        let mut p = String::from("id,gender,age,address\n");
        for (i, r) in rows.iter().enumerate() {
            let addr = households
                .iter()
                .position(|&(a, b)| a == i || b == i)
                .map(|h| format!("h{h}"))
                .unwrap_or_else(|| format!("a{i}"));
            p.push_str(&format!("p{i},{r},{addr}\n"));
        }
        let opts = PoolOptions {
            id_column: None,
            household_columns: vec!["address".into()],
        };
        let pool = parse_pool("p.csv", &p, &q, &opts).unwrap();
        Instance::new(q, pool, k).unwrap()
    }

    const ROWS: [&str; 12] = [
        "f,young", "f,old", "m,young", "m,old", "f,young", // panel 0..5
        "f,young", "f,old", "m,young", "m,old", "m,old", "f,young", "m,young",
    ];

    /// All subsets of `from` of size `r`.
    fn subsets(from: &[usize], r: usize) -> Vec<Vec<usize>> {
        if r == 0 {
            return vec![vec![]];
        }
        if from.len() < r {
            return vec![];
        }
        let mut out = subsets(&from[1..], r - 1);
        for s in &mut out {
            s.insert(0, from[0]);
        }
        out.extend(subsets(&from[1..], r));
        out
    }

    #[test]
    fn single_swaps_agree_with_check_panel() {
        let inst = instance(&ROWS, &[(1, 6), (3, 11)], 5);
        let panel = [0, 1, 2, 3, 4];
        let swaps = single_swaps(&inst, &panel).unwrap();
        for (j, got) in swaps.iter().enumerate() {
            let expect: Vec<usize> = if panel.contains(&j) {
                vec![]
            } else {
                (0..5)
                    .filter(|&p| {
                        let mut q = panel.to_vec();
                        q[p] = j;
                        inst.check_panel(&q).is_ok()
                    })
                    .collect()
            };
            assert_eq!(*got, expect, "person {j}");
        }
        // p6 lives with panel member p1: p6 may only take p1's seat.
        assert!(swaps[6].iter().all(|&p| p == 1) && !swaps[6].is_empty());
        // An infeasible panel is refused.
        assert!(single_swaps(&inst, &[0, 4, 5, 10, 1]).is_err());
    }

    #[test]
    fn reserve_list_keeps_the_depth_guarantee() {
        let inst = instance(&ROWS, &[(1, 6), (3, 11)], 5);
        let panel = [0, 1, 2, 3, 4];
        let swaps = single_swaps(&inst, &panel).unwrap();
        for seed in 0..20 {
            let list = reserve_list(&inst, &panel, seed).unwrap();
            let mut all = list.order.clone();
            all.sort_unstable();
            assert_eq!(
                all,
                (5..12).collect::<Vec<_>>(),
                "everyone off the panel, once"
            );
            // Depths never decrease; the people who replace nobody alone come last.
            let depths: Vec<u32> = list.depth.iter().map(|d| d.unwrap_or(u32::MAX)).collect();
            assert!(depths.windows(2).all(|w| w[0] <= w[1]), "{depths:?}");
            for (e, &j) in list.order.iter().enumerate() {
                assert_eq!(list.can_replace[e], swaps[j]);
                assert_eq!(list.depth[e].is_none(), swaps[j].is_empty());
            }
            let max_depth = depths.iter().filter(|&&d| d != u32::MAX).max().copied();
            for d in 1..=max_depth.unwrap_or(0) {
                let prefix: Vec<usize> = list
                    .order
                    .iter()
                    .zip(&list.depth)
                    .filter(|(_, x)| x.is_some_and(|x| x <= d))
                    .map(|(&j, _)| j)
                    .collect();
                for p in 0..5 {
                    let a_p = (0..inst.n()).filter(|&j| swaps[j].contains(&p)).count();
                    let got = prefix.iter().filter(|&&j| swaps[j].contains(&p)).count();
                    assert!(got >= a_p.min(d as usize), "seed {seed} depth {d} seat {p}");
                }
            }
            for p in 0..5 {
                assert_eq!(
                    list.irreplaceable.contains(&p),
                    (0..inst.n()).all(|j| !swaps[j].contains(&p))
                );
            }
        }
        // The order depends on the seed (and only on it).
        let a = reserve_list(&inst, &panel, 1).unwrap();
        assert_eq!(a, reserve_list(&inst, &panel, 1).unwrap());
        assert!((2..20).any(|s| reserve_list(&inst, &panel, s).unwrap().order != a.order));
    }

    #[test]
    fn replacing_from_reserves_is_the_first_feasible_set_in_list_order() {
        let inst = instance(&ROWS, &[(1, 6), (3, 11)], 5);
        let panel = [0, 1, 2, 3, 4];
        let (mut filled, mut refused, mut passed_over) = (0, 0, 0);
        // A full list, and a short one of housemates of panel members and one young man.
        for (reserves, r) in [vec![11, 9, 5, 8, 7, 10, 6], vec![11, 6, 7]]
            .into_iter()
            .flat_map(|l| (1..=3).map(move |r| (l.clone(), r)))
        {
            for drop in subsets(&panel, r) {
                let kept: Vec<usize> = panel
                    .iter()
                    .copied()
                    .filter(|i| !drop.contains(i))
                    .collect();
                // Brute force: the feasible sets of list positions, lexicographically first.
                let best = subsets(&(0..reserves.len()).collect::<Vec<_>>(), r)
                    .into_iter()
                    .find(|pos| {
                        let mut m = kept.clone();
                        m.extend(pos.iter().map(|&x| reserves[x]));
                        inst.check_panel(&m).is_ok()
                    })
                    .map(|pos| pos.iter().map(|&x| reserves[x]).collect::<Vec<_>>());
                match (best, replace_from_reserves(&inst, &panel, &drop, &reserves)) {
                    (Some(b), Ok(got)) => {
                        assert_eq!(got, b, "drop-outs {drop:?}");
                        filled += 1;
                        if got[..] != reserves[..r] {
                            passed_over += 1;
                        }
                    }
                    (None, Err(SolveError::Invalid(m))) => {
                        assert!(m.contains("cannot replace"), "{m}");
                        refused += 1;
                    }
                    (b, got) => panic!("drop-outs {drop:?}: brute force {b:?}, got {got:?}"),
                }
            }
        }
        let reserves = [11, 9, 5, 8, 7, 10, 6];
        // The cases cover all three outcomes.
        assert!(
            filled > 0 && refused > 0 && passed_over > 0,
            "{filled} {refused} {passed_over}"
        );
        // Bad drop-out lists.
        assert!(replace_from_reserves(&inst, &panel, &[5], &reserves).is_err());
        assert!(replace_from_reserves(&inst, &panel, &[0, 0], &reserves).is_err());
        assert!(replace_from_reserves(&inst, &panel, &[], &reserves).is_err());
    }

    #[test]
    fn residual_instance_subtracts_the_confirmed_members() {
        let inst = instance(&ROWS, &[(1, 6), (3, 11)], 5);
        // Confirmed p0 (f, young), p1 (f, old): gender f [2,3] -> [0,1], young [2,3] -> [1,2].
        let (res, back) = residual(&inst, &[0, 1], &[2]).unwrap();
        assert_eq!(res.k, 3);
        let f = &res.quotas.features[0].values[0];
        assert_eq!((f.min, f.max, f.min_flex), (0, 1, 0));
        let young = &res.quotas.features[1].values[0];
        assert_eq!((young.min, young.max), (1, 2));
        // p0, p1 confirmed, p2 excluded, p6 is p1's housemate: all gone.
        assert!(back.iter().all(|i| ![0, 1, 2, 6].contains(i)));
        assert_eq!(back.len(), inst.n() - 4);
        for (r, &i) in back.iter().enumerate() {
            assert_eq!(res.pool.people[r].id, inst.pool.people[i].id);
        }
        // p3 and p11 share a household; confirming both is refused, as is exceeding a max.
        assert!(residual(&inst, &[3, 11], &[]).is_err());
        assert!(residual(&inst, &[0, 4, 5, 10], &[]).is_err());
    }

    #[test]
    fn replacement_draw_is_feasible_seeded_and_explains_failure() {
        let inst = instance(&ROWS, &[(1, 6), (3, 11)], 5);
        let panel = [0, 1, 2, 3, 4];
        let mut picks = std::collections::BTreeSet::new();
        for seed in 0..30 {
            let d = replacement_draw(&inst, &panel, &[2, 3], seed, &mut |_| {}).unwrap();
            let mut m = vec![0, 1, 4];
            m.extend(&d.replacements);
            inst.check_panel(&m).unwrap();
            let total: f64 = d.probabilities.iter().map(|x| x.1).sum();
            assert!((total - 2.0).abs() < 1e-6, "{total}");
            assert_eq!(
                d,
                replacement_draw(&inst, &panel, &[2, 3], seed, &mut |_| {}).unwrap()
            );
            picks.insert(d.replacements);
        }
        assert!(picks.len() > 1, "the seed changes the draw");
        // Both old panel members drop out and nobody old is left in the pool.
        let rows = [
            "f,young", "f,old", "m,young", "m,old", "m,young", "f,young", "m,young",
        ];
        let inst = instance(&rows, &[], 5);
        let panel = [0, 1, 2, 3, 4];
        inst.check_panel(&panel).unwrap();
        match replacement_draw(&inst, &panel, &[1, 3], 0, &mut |_| {}) {
            Err(SolveError::Invalid(m)) => {
                assert!(m.contains("q.csv, row 5: age = old (min 2, max 3)"), "{m}");
                assert!(m.contains("2 more are needed, but only 0"), "{m}");
            }
            other => panic!("{other:?}"),
        }
    }
}
