//! LEXIMIN and MAXIMIN by column generation over panel compositions (types of
//! interchangeable people; see docs/sortition.md for the algorithm and its proof sketch).

use crate::lp::{self, Column, DualOutcome};
use crate::model::{Composition, Instance, SolveError};
use crate::relax;
use crate::simplex;
use serde::Serialize;
use std::collections::BTreeSet;

/// Column generation stops when the best new panel improves the restricted dual by at most
/// this much; the fixed level is then within this distance of the true level.
pub const PRICING_TOL: f64 = 1e-9;
/// A type is fixed at the current level when its dual value exceeds this (Σ y = 1 over the
/// unfixed types). The largest dual is always fixed, so every level makes progress.
pub const FIX_TOL: f64 = 1e-6;
/// Safety margin subtracted from each fixed level so later LPs stay feasible.
pub const LEVEL_MARGIN: f64 = 1e-10;
/// Up to this many improving panels met in one pricing search are added at once (fewer LP
/// re-solves; measured on the fixture: 142 instead of 167).
pub const PRICING_BATCH: usize = 8;

/// Progress information handed to the caller's callback.
#[derive(Debug, Clone, Copy)]
pub struct ProgressInfo {
    pub fixed_people: usize,
    pub people: usize,
    pub panels: usize,
    /// Seconds spent so far in the panel ILP and in the LPs.
    pub ilp_seconds: f64,
    pub lp_seconds: f64,
}

/// Counters of one run (printed on stderr by the CLI; never written to output files).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    pub types: usize,
    pub outer_iterations: usize,
    pub pricing_calls: usize,
    pub lp_solves: usize,
    pub guard_firings: usize,
    pub columns: usize,
    pub levels: Vec<f64>,
    /// Seconds in the panel ILP and in the LPs (stderr only).
    pub ilp_seconds: f64,
    pub lp_seconds: f64,
}

/// A distribution over compositions plus the per-type marginal (per person of the type).
#[derive(Debug, Clone)]
pub struct TypeDistribution {
    pub compositions: Vec<Composition>,
    pub probabilities: Vec<f64>,
    pub type_marginals: Vec<f64>,
    pub stats: Stats,
}

fn column_of(inst: &Instance, c: &Composition) -> Column {
    c.iter()
        .enumerate()
        .filter(|&(_, &x)| x > 0)
        .map(|(t, &x)| (t, x as f64 / inst.types[t].members.len() as f64))
        .collect()
}

struct Columns {
    comps: Vec<Composition>,
    cols: Vec<Column>,
    seen: BTreeSet<Composition>,
}

impl Columns {
    fn add(&mut self, inst: &Instance, c: Composition) -> bool {
        if self.seen.contains(&c) {
            return false;
        }
        self.seen.insert(c.clone());
        self.cols.push(column_of(inst, &c));
        self.comps.push(c);
        true
    }
}

/// Initial columns: a feasible panel, then panels covering every type that is on some
/// feasible panel. Returns the columns and which types are covered.
fn initial_columns(inst: &Instance, stats: &mut Stats) -> Result<(Columns, Vec<bool>), SolveError> {
    let nt = inst.types.len();
    let mut cols = Columns {
        comps: vec![],
        cols: vec![],
        seen: BTreeSet::new(),
    };
    let first = inst.best_panel(&vec![1.0; nt])?;
    stats.pricing_calls += 1;
    let Some(first) = first else {
        return Err(SolveError::Infeasible(Box::new(
            inst.infeasibility_report(),
        )));
    };
    let mut covered = vec![false; nt];
    let mark = |c: &Composition, covered: &mut Vec<bool>| {
        for (t, &x) in c.iter().enumerate() {
            if x > 0 {
                covered[t] = true;
            }
        }
    };
    mark(&first, &mut covered);
    cols.add(inst, first);
    // Greedy coverage: reward every uncovered type (per person, so each type counts once).
    loop {
        let w: Vec<f64> = (0..nt)
            .map(|t| {
                if covered[t] {
                    0.0
                } else {
                    1.0 / inst.types[t].members.len() as f64
                }
            })
            .collect();
        if w.iter().all(|&x| x == 0.0) {
            break;
        }
        stats.pricing_calls += 1;
        // Any panel with a new type will do: a small node budget, no proof of optimality.
        let Some(c) = inst.best_panel_above(&w, 0.0, 20)? else {
            break;
        };
        let newly = c.iter().enumerate().any(|(t, &x)| x > 0 && !covered[t]);
        if !newly {
            break;
        }
        mark(&c, &mut covered);
        cols.add(inst, c);
    }
    // Anyone still uncovered: ask for them alone; if impossible they are on no feasible panel.
    for t in 0..nt {
        if covered[t] {
            continue;
        }
        let mut w = vec![0.0; nt];
        w[t] = 1.0;
        stats.pricing_calls += 1;
        if let Some(c) = inst.best_panel_above(&w, 0.0, 20)?
            && c[t] > 0
        {
            mark(&c, &mut covered);
            cols.add(inst, c);
        }
    }
    Ok((cols, covered))
}

/// Extra pricing searches per round for diverse improving panels (see [`diversify`]). Measured
/// on gen_pool n=1500 k=150 (2026-11-27): level 1 in 490 columns and 13 s instead of 445
/// columns and 47 s (4–5 columns per LP re-solve instead of ~1); 8 rounds were no better than 4.
pub const DIVERSE_ROUNDS: usize = 4;
/// A type whose relaxation value is within this of the level just proved is at that level.
pub const RELAX_LEVEL_TOL: f64 = 1e-8;
/// A level within this of the relaxation's bound needs no pricing to be proved: once every
/// fixed type sits at its relaxation value (within [`EARLY_FIXED_TOL`]), the relaxation's
/// lowest value among the unfixed bounds the level, since a distribution raising every unfixed
/// type above it would be leximin-better than the relaxation's optimum. Measured 2026-12-06
/// (release, quiet): gen_pool n=1500 k=600 19 levels instead of 40; the last level alone had
/// taken 11–280 pricing rounds creeping up to 1 − 1e-8 by steps of 1e-10.
pub const EARLY_TOL: f64 = 1e-8;
/// Fixed types count as at their relaxation value within this.
pub const EARLY_FIXED_TOL: f64 = 1e-7;

/// Further diversifying searches per round under randomly lowered weights (each weight
/// w_t − |w_t|·u/2, u uniform in [0, 1), seeded by the pricing count: deterministic). Measured
/// 2026-11-27 (release, quiet): gen_pool n=1500 k=600 finished for the first time, in 210 s
/// (142 levels), where it had reached 1,345 of 1,500 people fixed after 499 s without them;
/// k=150 23 s instead of 25 s; the fixture unchanged (0.12 s).
pub const DIVERSE_RANDOM_ROUNDS: usize = 4;
/// Weight multiplier of the types on panels already found, in a diversifying search.
pub const DIVERSE_DAMPING: f64 = 0.5;
/// Node cap of one diversifying search (a heuristic: its empty answer proves nothing).
pub const DIVERSE_NODES: usize = 60;

/// More improving panels for the same duals, unlike those found so far: the weights of the
/// types on the panels already found are damped and the search repeated (capped in nodes).
/// Damped weights are never above the true ones (w ≥ 0), so every panel found is above the
/// threshold under the true weights too (checked again anyway).
fn diversify(
    inst: &Instance,
    w: &[f64],
    threshold: f64,
    found: &mut Vec<Composition>,
    stats: &mut Stats,
    face: Option<&crate::sample::Limits>,
) -> Result<(), SolveError> {
    let mut wd = w.to_vec();
    let mut last = 0;
    for _ in 0..DIVERSE_ROUNDS {
        for c in &found[last..] {
            for (t, &x) in c.iter().enumerate() {
                if x > 0 {
                    wd[t] *= DIVERSE_DAMPING;
                }
            }
        }
        last = found.len();
        stats.pricing_calls += 1;
        let more = inst.panels_above_on(&wd, threshold, 0, 1, DIVERSE_NODES, face)?;
        let Some(c) = more.into_iter().next() else {
            break;
        };
        let value: f64 = c.iter().zip(w).map(|(&x, &wt)| x as f64 * wt).sum();
        if value <= threshold || found.contains(&c) {
            break;
        }
        found.push(c);
    }
    // Then searches under randomly lowered weights: for large panels (k=600 of 1500) a panel
    // holds most types, the damping above lowers nearly every weight alike and finds nothing
    // new, and one column per LP re-solve is what kept k=600 from finishing.
    let mut rng = crate::rng::Draws::new("diversify", stats.pricing_calls as u64);
    for _ in 0..DIVERSE_RANDOM_ROUNDS {
        // Each weight lowered by a random share of up to a half: never above the true one.
        let wr: Vec<f64> = w.iter().map(|&x| x - x.abs() * 0.5 * rng.unit()).collect();
        stats.pricing_calls += 1;
        let more = inst.panels_above_on(&wr, threshold, 0, 1, DIVERSE_NODES, face)?;
        let Some(c) = more.into_iter().next() else {
            continue;
        };
        let value: f64 = c.iter().zip(w).map(|(&x, &wt)| x as f64 * wt).sum();
        if value > threshold && !found.contains(&c) {
            found.push(c);
        }
    }
    Ok(())
}

/// Seed panels drawn around the relaxation's optimum: this many per type, within the bounds
/// below. Measured (2026-11-27, release, quiet machine): gen_pool n=1500 k=150 (653 types)
/// 85 s without seeds; 27 s with 500, 25 s with 1000, 33 s with 1500, 31 s with 2000, 39 s with
/// 3000; the fixture (122 types) 0.30 s without, 0.13 s with 250, 0.18 s with 1000.
pub const SEED_PANELS_PER_TYPE: usize = 2;
pub const SEED_PANELS_MIN: usize = 250;
pub const SEED_PANELS_MAX: usize = 1000;

/// Which LP solver runs the restricted dual.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LpBackend {
    /// Our dense primal simplex ([`crate::simplex`]), warm-started after each new column (default).
    Dense,
    /// microlp simplex on the dual, warm-started after each new column.
    Simplex,
    /// clarabel interior point, rebuilt each time (maximally complementary duals).
    InteriorPoint,
}

/// Run LEXIMIN (`max_levels = None`) or MAXIMIN (`max_levels = Some(1)`).
pub fn solve(
    inst: &Instance,
    max_levels: Option<usize>,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Result<TypeDistribution, SolveError> {
    solve_with(inst, max_levels, LpBackend::Dense, progress)
}

/// [`solve`] with a chosen LP backend.
pub fn solve_with(
    inst: &Instance,
    max_levels: Option<usize>,
    backend: LpBackend,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Result<TypeDistribution, SolveError> {
    let nt = inst.types.len();
    let sizes: Vec<usize> = inst.types.iter().map(|t| t.members.len()).collect();
    let mut stats = Stats {
        types: nt,
        ..Stats::default()
    };
    let (mut cols, covered) = initial_columns(inst, &mut stats)?;
    // Types on no feasible panel are fixed at 0 from the start.
    let mut fixed: Vec<Option<f64>> = covered
        .iter()
        .map(|&c| if c { None } else { Some(0.0) })
        .collect();
    // Panels near the optimum of the LP relaxation (see [`relax`]; its leximin point is where
    // the distribution usually ends), added to the live master after its first solve: a
    // simplex from a feasible basis (a phase one over thousands of columns stalls). They give
    // every level most of the columns it needs up front. The levels below still prove every
    // level by pricing, so this changes the work, not the answer.
    let mut seeds: Vec<Composition> = Vec::new();
    let mut relax_pi: Option<Vec<f64>> = None;
    // The face of the relaxation that its leximin point lies on (quotas it meets with
    // equality, households it fills, types at 0 or at their size). When real panels reach that
    // point, every panel of the LEXIMIN distribution lies on this face, so pricing looks there
    // first: a smaller search, and columns the final distribution can use. Measured 2026-12-06
    // (release, quiet; with EARLY_TOL): gen_pool n=1500 k=600 in 33 s instead of 113 s, k=150
    // 15.7 s instead of 18.8 s. It needs the simplex's pivot tolerance at 1e-7: the face's
    // panels all meet its equalities, and with 1e-9 tiny pivots made the basis singular.
    let mut face: Option<crate::sample::Limits> = None;
    if max_levels.is_none() && backend == LpBackend::Dense {
        let ts = std::time::Instant::now();
        let excluded: Vec<bool> = covered.iter().map(|&c| !c).collect();
        // A failure of the relaxation only loses the head start.
        if let Ok((pi, _)) = relax::relaxed_leximin(inst, &excluded) {
            let m: Vec<f64> = (0..nt).map(|t| pi[t] * sizes[t] as f64).collect();
            let count = (SEED_PANELS_PER_TYPE * nt).clamp(SEED_PANELS_MIN, SEED_PANELS_MAX);
            let lim = crate::sample::limits(inst, &m);
            seeds = crate::sample::rounded_panels(inst, &m, &lim, count, 0);
            face = Some(lim);
            relax_pi = Some(pi);
        }
        if std::env::var_os("G1000_TRACE").is_some() {
            eprintln!(
                "relaxation and {} seed panels in {:.3}s",
                seeds.len(),
                ts.elapsed().as_secs_f64()
            );
        }
    }
    let people_fixed = |fixed: &[Option<f64>]| -> usize {
        fixed
            .iter()
            .zip(&sizes)
            .filter(|(f, _)| f.is_some())
            .map(|(_, s)| s)
            .sum()
    };
    let mut levels_done = 0;
    let mut first_level = None;
    let mut master: Option<simplex::Master> = None;
    while fixed.iter().any(Option::is_none) {
        if max_levels.is_some_and(|m| levels_done >= m) {
            break;
        }
        stats.outer_iterations += 1;
        let mut warm: Option<lp::WarmDual> = None;
        let mut pending: Vec<usize> = Vec::new();
        if backend == LpBackend::Dense && master.is_none() {
            master = Some(simplex::Master::new(nt, &cols.cols, &fixed));
        }
        loop {
            stats.lp_solves += 1;
            let t0 = std::time::Instant::now();
            let dual = match backend {
                LpBackend::Dense => {
                    let mm = master.as_mut().expect("master");
                    for c in pending.drain(..) {
                        mm.add_column(cols.cols[c].clone());
                    }
                    let (p0, i0, d0, ts) = (
                        mm.pivots,
                        mm.inversions,
                        mm.degenerate_pivots,
                        std::time::Instant::now(),
                    );
                    let solved = mm.solve().map_err(SolveError::Solver)?;
                    if std::env::var_os("G1000_TRACE").is_some() {
                        eprintln!(
                            "lp cols {} pivots {} degen {} inv {} {:.1}ms tight {} z {:.12}",
                            cols.cols.len(),
                            mm.pivots - p0,
                            mm.degenerate_pivots - d0,
                            mm.inversions - i0,
                            ts.elapsed().as_secs_f64() * 1e3,
                            mm.tight_rows(),
                            mm.level()
                        );
                    }
                    match solved {
                        simplex::Solved::Infeasible => Ok(DualOutcome::Unbounded),
                        simplex::Solved::Optimal => {
                            let (y, yhat) = mm.dual();
                            Ok(DualOutcome::Solved(lp::DualSolution {
                                y,
                                yhat,
                                obj: mm.objective(),
                            }))
                        }
                    }
                }
                LpBackend::InteriorPoint => {
                    pending.clear();
                    lp::solve_dual(nt, &cols.cols, &fixed)
                }
                LpBackend::Simplex => match warm.as_mut().filter(|_| !pending.is_empty()) {
                    Some(w) => {
                        let mut out = None;
                        for c in pending.drain(..) {
                            out = Some(w.add(&cols.cols[c]));
                            if matches!(out, Some(Ok(DualOutcome::Solved(_)))) {
                                continue;
                            }
                            break;
                        }
                        pending.clear();
                        out.expect("a pending column")
                    }
                    None => lp::WarmDual::new(nt, &cols.cols, &fixed).map(|(w, out)| {
                        warm = Some(w);
                        out
                    }),
                },
            }
            .map_err(SolveError::Solver)?;
            stats.lp_seconds += t0.elapsed().as_secs_f64();
            let sol = match dual {
                DualOutcome::Solved(s) => s,
                DualOutcome::Unbounded => {
                    stats.guard_firings += 1;
                    if stats.guard_firings > 50 {
                        return Err(SolveError::Solver("dual LP stays unbounded".into()));
                    }
                    for p in fixed.iter_mut().flatten() {
                        *p = (*p - 1e-9).max(0.0);
                    }
                    warm = None;
                    if backend == LpBackend::Dense {
                        master = Some(simplex::Master::new(nt, &cols.cols, &fixed));
                    }
                    continue;
                }
            };
            // The relaxation bounds the level (see EARLY_TOL): once the level reaches it, the
            // level is proved without pricing, and the types the relaxation puts at it are fixed
            // (every leximin-optimal distribution has them there: were one of them higher, the
            // average with the relaxation's optimum would be leximin-better than that optimum).
            let early = relax_pi.as_ref().and_then(|pi| {
                let lambda = (0..nt)
                    .filter(|&t| fixed[t].is_none())
                    .map(|t| pi[t])
                    .fold(f64::INFINITY, f64::min);
                let on_track =
                    (0..nt).all(|t| fixed[t].is_none_or(|p| p >= pi[t] - EARLY_FIXED_TOL));
                let at_lambda = (0..nt)
                    .filter(|&t| fixed[t].is_none() && pi[t] <= lambda + RELAX_LEVEL_TOL)
                    .collect::<Vec<usize>>();
                (on_track && sol.obj >= lambda - EARLY_TOL).then_some((lambda, at_lambda))
            });
            let (level, rows) = if let Some((lambda, rows)) = early {
                let level = sol.obj.max(0.0);
                if std::env::var_os("G1000_TRACE").is_some() {
                    eprintln!(
                        "level {level:.12} meets the relaxation's {lambda:.12}: {} types",
                        rows.len()
                    );
                }
                (level, rows)
            } else {
                let w: Vec<f64> = (0..nt).map(|t| sol.y[t] / sizes[t] as f64).collect();
                let t0 = std::time::Instant::now();
                stats.pricing_calls += 1;
                // First among the panels on the relaxation optimum's face (see `face` above), then,
                // when none there improves, among all panels: only that empty answer proves that no
                // panel beats the restricted dual by more than PRICING_TOL.
                let price = |f: Option<&crate::sample::Limits>| {
                    let (budget, threshold) =
                        (crate::model::BB_NODE_BUDGET, sol.yhat + PRICING_TOL);
                    inst.panels_above_on(&w, threshold, budget, PRICING_BATCH, usize::MAX, f)
                };
                let mut best = match face.as_ref() {
                    Some(f) => price(Some(f))?,
                    None => vec![],
                };
                let on_face = !best.is_empty();
                if !on_face {
                    best = price(None)?;
                }
                if !best.is_empty() {
                    let f = face.as_ref().filter(|_| on_face);
                    diversify(inst, &w, sol.yhat + PRICING_TOL, &mut best, &mut stats, f)?;
                }
                if std::env::var_os("G1000_TRACE").is_some() {
                    eprintln!(
                        "pricing found {} in {:.1}ms",
                        best.len(),
                        t0.elapsed().as_secs_f64() * 1e3
                    );
                }
                stats.ilp_seconds += t0.elapsed().as_secs_f64();
                let before = cols.cols.len();
                for c in best {
                    cols.add(inst, c);
                }
                if cols.cols.len() > before {
                    for c in seeds.drain(..) {
                        cols.add(inst, c);
                    }
                }
                let converged = cols.cols.len() == before;
                progress(ProgressInfo {
                    fixed_people: people_fixed(&fixed),
                    people: inst.n(),
                    panels: cols.comps.len(),
                    ilp_seconds: stats.ilp_seconds,
                    lp_seconds: stats.lp_seconds,
                });
                if !converged {
                    pending.extend(before..cols.cols.len());
                    continue;
                }
                let level = sol.obj.max(0.0);
                let ymax = (0..nt)
                    .filter(|&t| fixed[t].is_none())
                    .map(|t| sol.y[t])
                    .fold(0.0, f64::max);
                // The relaxation's level sets: when every type the relaxation puts below this level
                // is fixed already and the level equals the relaxation's, every type the relaxation
                // puts *at* this level is pinned there (its dual certificate over the relaxation
                // holds for every distribution), so all of them are fixed now, not one per level.
                let at_level = |t: usize| {
                    relax_pi
                        .as_ref()
                        .is_some_and(|pi| (pi[t] - level).abs() <= RELAX_LEVEL_TOL)
                };
                let consistent = relax_pi.as_ref().is_some_and(|pi| {
                    (0..nt).all(|u| fixed[u].is_some() || pi[u] >= level - RELAX_LEVEL_TOL)
                });
                let rows: Vec<usize> = (0..nt)
                    .filter(|&t| {
                        fixed[t].is_none()
                            && (sol.y[t] > FIX_TOL
                                || sol.y[t] >= ymax
                                || (consistent && at_level(t)))
                    })
                    .collect();
                (level, rows)
            };
            debug_assert!(!rows.is_empty());
            fix_level(
                &mut fixed,
                &mut master,
                &rows,
                level,
                max_levels,
                levels_done,
                backend,
                nt,
                &cols,
            );
            stats.levels.push(level);
            first_level.get_or_insert(level);
            levels_done += 1;
            break;
        }
    }
    stats.columns = cols.comps.len();
    if let Some(mm) = master.as_ref().filter(|_| backend == LpBackend::Dense) {
        // The last level's optimal vertex meets every fixed level: it is the distribution.
        let mut x = mm.weights();
        x.resize(cols.comps.len(), 0.0);
        return Ok(finish(inst, cols.comps, x, stats));
    }
    let (x, _eps) = if max_levels.is_some() {
        lp::maximin_primal(&cols.cols, &covered).map_err(SolveError::Solver)?
    } else {
        lp::final_primal(&cols.cols, &fixed).map_err(SolveError::Solver)?
    };
    Ok(finish(inst, cols.comps, x, stats))
}

/// Fix the given rows at the level just proved. The dense master carries its basis over to the
/// next level (fixing each row at the level it sits at); otherwise the next level starts from
/// scratch. After the last level wanted (MAXIMIN), the master keeps its optimal vertex: it is
/// the distribution.
#[allow(clippy::too_many_arguments)]
fn fix_level(
    fixed: &mut [Option<f64>],
    master: &mut Option<simplex::Master>,
    rows: &[usize],
    level: f64,
    max_levels: Option<usize>,
    levels_done: usize,
    backend: LpBackend,
    nt: usize,
    cols: &Columns,
) {
    let p = (level - LEVEL_MARGIN).max(0.0);
    let last = max_levels.is_some_and(|m| levels_done + 1 >= m);
    let carried = match master.as_mut() {
        Some(mm) if !last && fixed.iter().filter(|f| f.is_none()).count() > rows.len() => {
            mm.fix_rows(rows)
        }
        _ => None,
    };
    match carried {
        Some(levels) => {
            for (&t, &p) in rows.iter().zip(&levels) {
                fixed[t] = Some(p.max(0.0));
            }
        }
        None => {
            for &t in rows {
                fixed[t] = Some(p);
            }
            if backend == LpBackend::Dense && !last && fixed.iter().any(Option::is_none) {
                *master = Some(simplex::Master::new(nt, &cols.cols, fixed));
            }
        }
    }
}

/// Clip, drop negligible panels, renormalise and compute the type marginals.
pub(crate) fn finish(
    inst: &Instance,
    comps: Vec<Composition>,
    x: Vec<f64>,
    stats: Stats,
) -> TypeDistribution {
    let mut kept: Vec<(Composition, f64)> = comps
        .into_iter()
        .zip(x)
        .map(|(c, p)| (c, p.clamp(0.0, 1.0)))
        .filter(|(_, p)| *p > 1e-10)
        .collect();
    let total: f64 = kept.iter().map(|(_, p)| p).sum();
    for (_, p) in kept.iter_mut() {
        *p /= total;
    }
    // Canonical order: by composition (lexicographic), independent of discovery order.
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    let mut type_marginals = vec![0.0; inst.types.len()];
    for (c, p) in &kept {
        for (t, &n) in c.iter().enumerate() {
            type_marginals[t] += p * n as f64 / inst.types[t].members.len() as f64;
        }
    }
    let (compositions, probabilities) = kept.into_iter().unzip();
    TypeDistribution {
        compositions,
        probabilities,
        type_marginals,
        stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Algorithm, Request};

    fn instance() -> Instance {
        let f = "feature,value,min,max\ngender,f,3,5\ngender,m,3,5\nage,young,1,4\nage,mid,1,4\nage,old,1,4\nregion,a,1,4\nregion,b,1,4\nregion,c,1,4\nregion,d,1,4\n";
        let mut p = String::from("id,gender,age,region\n");
        let (g, a) = (["f", "m"], ["young", "mid", "old"]);
        for i in 0..40 {
            let r = ["a", "b", "c", "d"][(i / 2) % 4];
            p.push_str(&format!("p{i},{},{},{r}\n", g[i % 2], a[(i * 7 / 3) % 3]));
        }
        let req = Request {
            features_name: "f.csv",
            features: f.as_bytes(),
            people_name: "p.csv",
            people: p.as_bytes(),
            panel_size: 8,
            algorithm: Algorithm::Leximin,
            household_columns: vec![],
            id_column: None,
            seed: 0,
            legacy_draws: 0,
        };
        crate::load(&req).unwrap()
    }

    /// An integrality gap: three people who pairwise share a capped feature (an odd cycle) and
    /// one who has none. Real panels are {x, d}, so the LEXIMIN is 1/3 for a, b, c and 1 for d,
    /// while the relaxation's leximin is 1/2 for all four (a, b, c at 1/2 each meet every cap).
    /// The relaxation's bound and face must then only guide, never decide.
    #[test]
    fn relaxation_out_of_reach_still_gives_the_leximin() {
        let f = "feature,value,min,max\nA,1,0,1\nA,0,0,2\nB,1,0,1\nB,0,0,2\nC,1,0,1\nC,0,0,2\n";
        let p = "id,A,B,C\na,1,1,0\nb,0,1,1\nc,1,0,1\nd,0,0,0\n";
        let req = Request {
            features_name: "f.csv",
            features: f.as_bytes(),
            people_name: "p.csv",
            people: p.as_bytes(),
            panel_size: 2,
            algorithm: Algorithm::Leximin,
            household_columns: vec![],
            id_column: None,
            seed: 0,
            legacy_draws: 0,
        };
        let inst = crate::load(&req).unwrap();
        let excluded = vec![false; inst.types.len()];
        let (pi, _) = crate::relax::relaxed_leximin(&inst, &excluded).unwrap();
        assert!(pi.iter().all(|&x| (x - 0.5).abs() < 1e-6), "{pi:?}");
        let td = solve(&inst, None, &mut |_| {}).unwrap();
        let m: Vec<f64> = inst
            .person_type
            .iter()
            .map(|&t| td.type_marginals[t])
            .collect();
        for (i, want) in [1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0, 1.0]
            .into_iter()
            .enumerate()
        {
            assert!((m[i] - want).abs() < 1e-7, "person {i}: {m:?}");
        }
        let c = crate::relax::certify(&inst, &m).unwrap();
        assert!(!c.certified, "the bound is out of reach here: {c:?}");
    }

    /// Every diverse panel is new, valid and above the threshold under the true weights.
    #[test]
    fn diversify_adds_distinct_improving_panels() {
        let inst = instance();
        let nt = inst.types.len();
        // 24 types, panels of 8: the best panel leaves types out, whose weights stay undamped.
        assert!(nt > 8, "{nt} types");
        let w: Vec<f64> = (0..nt).map(|t| 1.0 + (t % 5) as f64 * 0.1).collect();
        let best = inst.best_panel(&w).unwrap().unwrap();
        let value =
            |c: &Composition| -> f64 { c.iter().zip(&w).map(|(&x, &v)| x as f64 * v).sum() };
        let threshold = 0.7 * value(&best);
        let mut found = vec![best];
        let mut stats = Stats::default();
        diversify(&inst, &w, threshold, &mut found, &mut stats, None).unwrap();
        assert!(found.len() > 1, "no diverse panel found");
        assert!(found.len() <= 1 + DIVERSE_ROUNDS + DIVERSE_RANDOM_ROUNDS);
        for (i, c) in found.iter().enumerate() {
            inst.check_composition(c).unwrap();
            assert!(value(c) > threshold);
            assert!(!found[..i].contains(c), "panel {i} repeated");
        }
        // Nothing above an unreachable threshold.
        let mut none = vec![found[0].clone()];
        diversify(
            &inst,
            &w,
            value(&found[0]) + 1.0,
            &mut none,
            &mut stats,
            None,
        )
        .unwrap();
        assert_eq!(none.len(), 1);
    }
}
