//! LEXIMIN over the LP relaxation of the panel polytope: an upper bound that is often exact.
//!
//! Any distribution over panels has an expected composition m (m_t = E[c_t]) inside the
//! relaxation R = { m : Σ m = k, quota rows, household rows, 0 ≤ m_t ≤ min(|t|, k) }, and the
//! marginal of a member of type t is m_t / |t|. So the leximin-optimal marginal vector over R,
//! computed here by a handful of small LPs (one per level, a few hundred variables and no
//! panels), is leximin-at-least the true LEXIMIN. When a distribution over real panels with
//! exactly that expected composition exists (checked by column generation in
//! by column generation), it *is* the LEXIMIN distribution.
//!
//! Use: a certificate of optimality for a published distribution ([`certify`]). When its
//! sorted marginals equal the relaxation's within [`CERTIFY_TOL`], no distribution can be
//! leximin-better, whatever engine produced it. (Not certified proves nothing: the relaxation
//! may be out of reach of real panels.)

use crate::model::{Instance, SolveError};
use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};
use serde::Serialize;

/// A type is fixed at a level when its dual (Σ = 1 over the unfixed) exceeds this.
const FIX_TOL: f64 = 1e-6;
/// Fixed levels are lowered by this much so the next LP stays strictly feasible.
const LEVEL_MARGIN: f64 = 1e-8;

fn settings() -> clarabel::solver::DefaultSettings<f64> {
    DefaultSettingsBuilder::default()
        .verbose(false)
        .max_threads(1)
        .tol_gap_abs(1e-10)
        .tol_gap_rel(1e-10)
        .tol_feas(1e-10)
        .tol_ktratio(1e-8)
        .max_iter(200)
        .build()
        .expect("valid clarabel settings")
}

/// The leximin marginal per type over the relaxation, with `excluded` types held at 0.
/// Returns the marginal per type and the levels in order.
pub fn relaxed_leximin(
    inst: &Instance,
    excluded: &[bool],
) -> Result<(Vec<f64>, Vec<f64>), SolveError> {
    let nt = inst.types.len();
    let size: Vec<f64> = inst.types.iter().map(|t| t.members.len() as f64).collect();
    let mut fixed: Vec<Option<f64>> = excluded
        .iter()
        .map(|&e| if e { Some(0.0) } else { None })
        .collect();
    // Two copies of the fixed levels: exact ones (from the simplex) for the answer and the
    // simplex LPs, and ones lowered by LEVEL_MARGIN for the interior-point LPs, which only
    // decide *which* types are fixed (their duals) and need a strictly feasible problem.
    let mut exact = fixed.clone();
    let mut levels = Vec::new();
    while fixed.iter().any(Option::is_none) {
        let (z_ipm, y) = level_lp(inst, &size, &fixed, excluded)?;
        let z = level_value(inst, &size, &exact, excluded)?.unwrap_or(z_ipm);
        // The interior point's levels are lowered by the margin, and the mass this frees goes
        // to the few types left at late levels, so its z is a little higher (1e-6 on gen_pool).
        if (z - z_ipm).abs() > 1e-4 {
            return Err(SolveError::Solver(format!(
                "relaxation level: interior point {z_ipm} and simplex {z} disagree"
            )));
        }
        let ymax = (0..nt)
            .filter(|&t| fixed[t].is_none())
            .map(|t| y[t])
            .fold(0.0, f64::max);
        let p = (z.min(z_ipm) - LEVEL_MARGIN).max(0.0);
        for t in 0..nt {
            if fixed[t].is_none() && (y[t] > FIX_TOL || y[t] >= ymax) {
                fixed[t] = Some(p);
                exact[t] = Some(z.max(0.0));
            }
        }
        levels.push(z);
    }
    Ok((
        exact.into_iter().map(|f| f.unwrap_or(0.0)).collect(),
        levels,
    ))
}

/// max z  s.t.  m_t/|t| ≥ z (unfixed), m_t/|t| ≥ p_t (fixed), m ∈ R. Returns z and the duals
/// of the unfixed rows.
fn level_lp(
    inst: &Instance,
    size: &[f64],
    fixed: &[Option<f64>],
    excluded: &[bool],
) -> Result<(f64, Vec<f64>), SolveError> {
    let nt = inst.types.len();
    let zi = nt;
    let n = nt + 1;
    let mut q = vec![0.0; n];
    q[zi] = -1.0;
    let (mut ii, mut jj, mut vv, mut b) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut push = |ii: &mut Vec<usize>, terms: &[(usize, f64)], rhs: f64, b: &mut Vec<f64>| {
        for &(j, v) in terms {
            ii.push(b.len());
            jj.push(j);
            vv.push(v);
        }
        b.push(rhs);
    };
    // Zero cone: Σ m = k.
    let all: Vec<(usize, f64)> = (0..nt).map(|t| (t, 1.0)).collect();
    push(&mut ii, &all, inst.k as f64, &mut b);
    // Nonnegative cone (A x ≤ b). First the level rows, so their duals are at known places.
    let level_row0 = b.len();
    for t in 0..nt {
        match fixed[t] {
            None => push(&mut ii, &[(zi, 1.0), (t, -1.0 / size[t])], 0.0, &mut b),
            Some(p) => push(&mut ii, &[(t, -1.0 / size[t])], -p, &mut b),
        }
    }
    for (f, feat) in inst.quotas.features.iter().enumerate() {
        for (v, qv) in feat.values.iter().enumerate() {
            let ts = &inst.value_types[f][v];
            if ts.is_empty() {
                continue;
            }
            let plus: Vec<(usize, f64)> = ts.iter().map(|&t| (t, 1.0)).collect();
            let minus: Vec<(usize, f64)> = ts.iter().map(|&t| (t, -1.0)).collect();
            push(&mut ii, &plus, qv.max as f64, &mut b);
            if qv.min > 0 {
                push(&mut ii, &minus, -(qv.min as f64), &mut b);
            }
        }
    }
    for h in &inst.household_types {
        let terms: Vec<(usize, f64)> = h.iter().map(|&t| (t, 1.0)).collect();
        push(&mut ii, &terms, 1.0, &mut b);
    }
    for t in 0..nt {
        let ub = if excluded[t] {
            0.0
        } else {
            size[t].min(inst.k as f64)
        };
        push(&mut ii, &[(t, -1.0)], 0.0, &mut b);
        push(&mut ii, &[(t, 1.0)], ub, &mut b);
    }
    let row = b.len();
    let a = CscMatrix::new_from_triplets(row, n, ii, jj, vv);
    let p = CscMatrix::zeros((n, n));
    let cones = [
        SupportedConeT::ZeroConeT(1),
        SupportedConeT::NonnegativeConeT(row - 1),
    ];
    let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings())
        .map_err(|e| SolveError::Solver(format!("relaxation LP setup: {e:?}")))?;
    solver.solve();
    match solver.solution.status {
        SolverStatus::Solved | SolverStatus::AlmostSolved => {}
        s => {
            return Err(SolveError::Solver(format!(
                "relaxation LP ended with status {s:?}"
            )));
        }
    }
    let z = solver.solution.x[zi];
    let duals = &solver.solution.z;
    let y = (0..nt)
        .map(|t| {
            if fixed[t].is_none() {
                duals[level_row0 + t].max(0.0)
            } else {
                0.0
            }
        })
        .collect();
    Ok((z, y))
}

/// The level of [`level_lp`] by microlp's simplex (a vertex, so the value is exact to the
/// simplex tolerance, unlike the interior point's). `None` if the simplex finds the exact
/// levels infeasible by a rounding hair; the caller then keeps the interior point's value.
fn level_value(
    inst: &Instance,
    size: &[f64],
    fixed: &[Option<f64>],
    excluded: &[bool],
) -> Result<Option<f64>, SolveError> {
    use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};
    let nt = inst.types.len();
    let mut pb = Problem::new(OptimizationDirection::Maximize);
    let z = pb.add_var(1.0, (0.0, 1.0));
    let m: Vec<_> = (0..nt)
        .map(|t| {
            let ub = if excluded[t] {
                0.0
            } else {
                size[t].min(inst.k as f64)
            };
            let lb = fixed[t].map_or(0.0, |p| (p * size[t] - 1e-10).clamp(0.0, ub));
            pb.add_var(0.0, (lb, ub))
        })
        .collect();
    // Level rows first: m_t / |t| − z ≥ 0 for the unfixed types.
    for t in 0..nt {
        if fixed[t].is_none() {
            let mut e = LinearExpr::empty();
            e.add(m[t], 1.0 / size[t]);
            e.add(z, -1.0);
            pb.add_constraint(e, ComparisonOp::Ge, 0.0);
        }
    }
    if !inst.add_panel_rows(&mut pb, &m) {
        return Ok(None);
    }
    match pb.solve() {
        Ok(sol) => Ok(Some(sol.objective())),
        Err(microlp::Error::Infeasible) => Ok(None),
        Err(e) => Err(SolveError::Solver(format!(
            "relaxation level (simplex): {e}"
        ))),
    }
}

/// Sorted marginals within this of the relaxation's leximin count as certified optimal.
pub const CERTIFY_TOL: f64 = 1e-6;

/// Outcome of [`certify`].
#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    /// Every sorted marginal is within [`CERTIFY_TOL`] of the bound's.
    pub certified: bool,
    /// The bound's lowest marginal (the MAXIMIN bound).
    pub bound_min: f64,
    /// Largest amount by which a sorted marginal of the distribution is below the bound's.
    pub max_shortfall: f64,
    /// Largest amount by which a sorted marginal is above the bound's (0 up to solver
    /// tolerance; larger means the bound was computed wrongly).
    pub max_excess: f64,
    /// Position (0-based, sorted ascending) of the first marginal more than the tolerance
    /// below the bound, if any.
    pub first_short: Option<usize>,
    pub levels: usize,
}

/// Compare per-person marginals (pool order) with the relaxation's leximin. People whose type
/// gets 0 are left at 0 in the bound only when the panel ILP shows that no feasible panel
/// holds them.
pub fn certify(inst: &Instance, marginals: &[f64]) -> Result<Certificate, SolveError> {
    let nt = inst.types.len();
    let mut excluded = vec![false; nt];
    for t in 0..nt {
        let zero = inst.types[t]
            .members
            .iter()
            .all(|&i| marginals.get(i).is_some_and(|&m| m.abs() < 1e-12));
        if zero {
            let mut w = vec![0.0; nt];
            w[t] = 1.0;
            excluded[t] = inst.best_panel_above(&w, 0.5, usize::MAX)?.is_none();
        }
    }
    let (pi, levels) = relaxed_leximin(inst, &excluded)?;
    let mut bound: Vec<f64> = inst.person_type.iter().map(|&t| pi[t]).collect();
    let mut ours = marginals.to_vec();
    bound.sort_by(f64::total_cmp);
    ours.sort_by(f64::total_cmp);
    let (mut short, mut excess, mut first_short) = (0.0f64, 0.0f64, None);
    for (i, (b, o)) in bound.iter().zip(&ours).enumerate() {
        short = short.max(b - o);
        excess = excess.max(o - b);
        if first_short.is_none() && b - o > CERTIFY_TOL {
            first_short = Some(i);
        }
    }
    Ok(Certificate {
        certified: bound.len() == ours.len() && short <= CERTIFY_TOL && excess <= CERTIFY_TOL,
        bound_min: bound.first().copied().unwrap_or(0.0),
        max_shortfall: short,
        max_excess: excess,
        first_short,
        levels: levels.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Algorithm, Request};

    fn load(f: &str, p: &str, k: u32, hh: &[&str]) -> Instance {
        crate::load(&Request {
            features_name: "f.csv",
            features: f.as_bytes(),
            people_name: "p.csv",
            people: p.as_bytes(),
            panel_size: k,
            algorithm: Algorithm::Leximin,
            household_columns: hh.iter().map(|s| s.to_string()).collect(),
            id_column: None,
            seed: 0,
            legacy_draws: 0,
        })
        .unwrap()
    }

    /// Alternate(n, k): the leximin is k/n for everyone, and the relaxation finds exactly that.
    #[test]
    fn relaxation_of_alternate_is_k_over_n() {
        let f = "feature,value,min,max\ng,f,4,10\ng,m,4,10\nl,lib,4,10\nl,con,4,10\n";
        let mut p = String::from("id,g,l\nx0,f,con\n");
        for i in 1..50 {
            p.push_str(&format!("x{i},f,lib\n"));
        }
        for i in 50..100 {
            p.push_str(&format!("x{i},m,con\n"));
        }
        let inst = load(f, &p, 10, &[]);
        let (pi, _) = relaxed_leximin(&inst, &vec![false; inst.types.len()]).unwrap();
        for &x in &pi {
            assert!((x - 0.1).abs() < 1e-7, "{pi:?}");
        }
    }

    /// The bound catches a distribution that is not leximin-optimal, and certifies the engine's.
    #[test]
    fn certificate_separates_optimal_from_suboptimal() {
        let f = "feature,value,min,max\ng,f,1,2\ng,m,1,2\n";
        let p = "id,g,house\na,f,h1\nb,f,h1\nc,m,h2\nd,m,h3\ne,m,h4\n";
        let inst = load(f, p, 2, &["house"]);
        // Optimal: one woman (either, ½ each... but a and b share a house) and one man:
        // women 1/2 each, men 1/3 each.
        let td = crate::leximin::solve(&inst, None, &mut |_| {}).unwrap();
        let m: Vec<f64> = inst
            .person_type
            .iter()
            .map(|&t| td.type_marginals[t])
            .collect();
        let c = certify(&inst, &m).unwrap();
        assert!(c.certified, "{c:?}");
        assert!((c.bound_min - 1.0 / 3.0).abs() < 1e-6, "{c:?}");
        // Always the same panel {a, c}: not optimal.
        let bad = [1.0, 0.0, 1.0, 0.0, 0.0];
        let c = certify(&inst, &bad).unwrap();
        assert!(!c.certified);
        assert_eq!(c.first_short, Some(0));
        assert!(c.max_shortfall > 0.3);
    }
}
