//! NASH: maximise Σ_i log π_i (the product of selection probabilities) by column
//! generation; the restricted problem is an exponential-cone program (clarabel).

use crate::leximin::{ProgressInfo, Stats, TypeDistribution, finish};
use crate::model::{Composition, Instance, SolveError};
use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};
use std::collections::BTreeSet;

/// Relative optimality tolerance of the pricing test.
const NASH_TOL: f64 = 1e-6;
const MAX_ROUNDS: usize = 500;

fn restricted(
    inst: &Instance,
    comps: &[Composition],
    covered: &[usize],
) -> Result<Vec<f64>, SolveError> {
    let nc = comps.len();
    let nt = covered.len();
    let n = nc + nt;
    let total: f64 = covered
        .iter()
        .map(|&t| inst.types[t].members.len() as f64)
        .sum();
    let mut q = vec![0.0; n];
    for (j, &t) in covered.iter().enumerate() {
        q[nc + j] = -(inst.types[t].members.len() as f64) / total;
    }
    let (mut ii, mut jj, mut vv, mut b) = (vec![], vec![], vec![], vec![]);
    for c in 0..nc {
        ii.push(0);
        jj.push(c);
        vv.push(1.0);
    }
    b.push(1.0);
    let mut row = 1;
    for c in 0..nc {
        ii.push(row);
        jj.push(c);
        vv.push(-1.0);
        b.push(0.0);
        row += 1;
    }
    for (j, &t) in covered.iter().enumerate() {
        let s = inst.types[t].members.len() as f64;
        ii.push(row);
        jj.push(nc + j);
        vv.push(-1.0);
        b.push(0.0);
        b.push(1.0);
        for (c, comp) in comps.iter().enumerate() {
            if comp[t] > 0 {
                ii.push(row + 2);
                jj.push(c);
                vv.push(-(comp[t] as f64) / s);
            }
        }
        b.push(0.0);
        row += 3;
    }
    let a = CscMatrix::new_from_triplets(row, n, ii, jj, vv);
    let p = CscMatrix::zeros((n, n));
    let mut cones = vec![
        SupportedConeT::ZeroConeT(1),
        SupportedConeT::NonnegativeConeT(nc),
    ];
    cones.extend((0..nt).map(|_| SupportedConeT::ExponentialConeT()));
    let settings = DefaultSettingsBuilder::default()
        .verbose(false)
        .max_threads(1)
        .tol_gap_abs(1e-10)
        .tol_gap_rel(1e-10)
        .tol_feas(1e-10)
        .max_iter(500)
        .build()
        .expect("valid settings");
    let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings)
        .map_err(|e| SolveError::Solver(format!("clarabel setup: {e:?}")))?;
    solver.solve();
    match solver.solution.status {
        SolverStatus::Solved | SolverStatus::AlmostSolved => {
            Ok(solver.solution.x[..nc].iter().map(|v| v.max(0.0)).collect())
        }
        s => Err(SolveError::Solver(format!(
            "NASH convex program ended with status {s:?}"
        ))),
    }
}

pub fn solve(
    inst: &Instance,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Result<TypeDistribution, SolveError> {
    // Reuse LEXIMIN's first level to get columns covering every coverable type.
    let maximin = crate::leximin::solve(inst, Some(1), &mut |_| {})?;
    let nt = inst.types.len();
    let covered: Vec<usize> = (0..nt)
        .filter(|&t| maximin.type_marginals[t] > 0.0)
        .collect();
    let mut comps: Vec<Composition> = maximin.compositions.clone();
    let mut seen: BTreeSet<Composition> = comps.iter().cloned().collect();
    let mut stats = Stats {
        types: nt,
        ..Stats::default()
    };
    let n_cov: f64 = covered
        .iter()
        .map(|&t| inst.types[t].members.len() as f64)
        .sum();
    let mut x = restricted(inst, &comps, &covered)?;
    for _ in 0..MAX_ROUNDS {
        stats.lp_solves += 1;
        let mut pi = vec![0.0; nt];
        for (c, comp) in comps.iter().enumerate() {
            for (t, &k) in comp.iter().enumerate() {
                pi[t] += x[c] * k as f64 / inst.types[t].members.len() as f64;
            }
        }
        let w: Vec<f64> = (0..nt)
            .map(|t| if pi[t] > 0.0 { 1.0 / pi[t] } else { 0.0 })
            .collect();
        stats.pricing_calls += 1;
        let best = inst
            .best_panel(&w)?
            .ok_or_else(|| SolveError::Solver("panel ILP infeasible".into()))?;
        let g: f64 = best.iter().enumerate().map(|(t, &k)| w[t] * k as f64).sum();
        progress(ProgressInfo {
            fixed_people: 0,
            people: inst.n(),
            panels: comps.len(),
            ilp_seconds: 0.0,
            lp_seconds: 0.0,
        });
        if g <= n_cov * (1.0 + NASH_TOL) || seen.contains(&best) {
            break;
        }
        seen.insert(best.clone());
        comps.push(best);
        x = restricted(inst, &comps, &covered)?;
    }
    stats.columns = comps.len();
    Ok(finish(inst, comps, x, stats))
}
