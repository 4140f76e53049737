//! Linear programs of column generation: the restricted dual of LEXIMIN/MAXIMIN (interior
//! point, clarabel: it returns a maximally complementary dual, which fixes many types per
//! level) and the final primal (simplex, microlp: a vertex, hence a small support).

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};

/// A column: the composition as sparse (type, a_t) pairs with a_t = c_t / |t|, the
/// probability that a given member of type t is on the panel.
pub type Column = Vec<(usize, f64)>;

pub struct DualSolution {
    pub y: Vec<f64>,
    pub yhat: f64,
    pub obj: f64,
}

pub enum DualOutcome {
    Solved(DualSolution),
    /// The fixed levels are (numerically) infeasible.
    Unbounded,
}

fn settings() -> clarabel::solver::DefaultSettings<f64> {
    DefaultSettingsBuilder::default()
        .verbose(false)
        .max_threads(1)
        .tol_gap_abs(1e-11)
        .tol_gap_rel(1e-11)
        .tol_feas(1e-11)
        .tol_ktratio(1e-9)
        .max_iter(400)
        .build()
        .expect("valid clarabel settings")
}

/// Solve  min ŷ − Σ_{fixed} p_t y_t  s.t.  Σ_t a_tc y_t ≤ ŷ (every column c),
/// Σ_{unfixed} y_t = 1, y ≥ 0, ŷ ≥ 0.
pub fn solve_dual(
    ntypes: usize,
    columns: &[Column],
    fixed: &[Option<f64>],
) -> Result<DualOutcome, String> {
    let n = ntypes + 1;
    let yh = ntypes;
    let mut q = vec![0.0; n];
    q[yh] = 1.0;
    for (t, f) in fixed.iter().enumerate() {
        if let Some(p) = f {
            q[t] = -p;
        }
    }
    let (mut ii, mut jj, mut vv) = (Vec::new(), Vec::new(), Vec::new());
    let mut b = Vec::new();
    // Row 0: normalisation (zero cone).
    for (t, f) in fixed.iter().enumerate() {
        if f.is_none() {
            ii.push(0);
            jj.push(t);
            vv.push(1.0);
        }
    }
    b.push(1.0);
    let mut row = 1;
    for col in columns {
        for &(t, a) in col {
            ii.push(row);
            jj.push(t);
            vv.push(a);
        }
        ii.push(row);
        jj.push(yh);
        vv.push(-1.0);
        b.push(0.0);
        row += 1;
    }
    for j in 0..n {
        ii.push(row);
        jj.push(j);
        vv.push(-1.0);
        b.push(0.0);
        row += 1;
    }
    let a = CscMatrix::new_from_triplets(row, n, ii, jj, vv);
    let p = CscMatrix::zeros((n, n));
    let cones = [
        SupportedConeT::ZeroConeT(1),
        SupportedConeT::NonnegativeConeT(row - 1),
    ];
    let mut solver = DefaultSolver::new(&p, &q, &a, &b, &cones, settings())
        .map_err(|e| format!("clarabel setup: {e:?}"))?;
    solver.solve();
    match solver.solution.status {
        SolverStatus::Solved | SolverStatus::AlmostSolved => {
            let x = &solver.solution.x;
            Ok(DualOutcome::Solved(DualSolution {
                y: x[..ntypes].iter().map(|v| v.max(0.0)).collect(),
                yhat: x[yh],
                obj: solver.solution.obj_val,
            }))
        }
        SolverStatus::DualInfeasible
        | SolverStatus::AlmostDualInfeasible
        | SolverStatus::PrimalInfeasible
        | SolverStatus::AlmostPrimalInfeasible => Ok(DualOutcome::Unbounded),
        s => Err(format!("clarabel: dual LP ended with status {s:?}")),
    }
}

/// Final primal: x ≥ 0 with Σ x = 1 and Σ_c a_tc x_c ≥ p_t − ε for every type with a target,
/// minimising ε. Returns (x, ε). A simplex vertex, so at most (#targets + 1) columns are used.
pub fn final_primal(
    columns: &[Column],
    targets: &[Option<f64>],
) -> Result<(Vec<f64>, f64), String> {
    let mut pb = Problem::new(OptimizationDirection::Minimize);
    let eps = pb.add_var(1.0, (0.0, f64::INFINITY));
    let xs: Vec<_> = columns
        .iter()
        .map(|_| pb.add_var(0.0, (0.0, f64::INFINITY)))
        .collect();
    let mut sum = LinearExpr::empty();
    for &x in &xs {
        sum.add(x, 1.0);
    }
    pb.add_constraint(sum, ComparisonOp::Eq, 1.0);
    let mut rows: Vec<LinearExpr> = targets.iter().map(|_| LinearExpr::empty()).collect();
    for (c, col) in columns.iter().enumerate() {
        for &(t, a) in col {
            if targets[t].is_some() {
                rows[t].add(xs[c], a);
            }
        }
    }
    for (t, mut e) in rows.into_iter().enumerate() {
        if let Some(p) = targets[t]
            && p > 0.0
        {
            e.add(eps, 1.0);
            pb.add_constraint(e, ComparisonOp::Ge, p);
        }
    }
    let sol = pb.solve().map_err(|e| format!("final primal LP: {e}"))?;
    let x = xs.iter().map(|&v| *sol.var_value(v)).collect();
    Ok((x, *sol.var_value(eps)))
}

/// MAXIMIN final primal: maximise z subject to Σ_c a_tc x_c ≥ z for every covered type.
pub fn maximin_primal(columns: &[Column], covered: &[bool]) -> Result<(Vec<f64>, f64), String> {
    let mut pb = Problem::new(OptimizationDirection::Maximize);
    let z = pb.add_var(1.0, (0.0, 1.0));
    let xs: Vec<_> = columns
        .iter()
        .map(|_| pb.add_var(0.0, (0.0, f64::INFINITY)))
        .collect();
    let mut sum = LinearExpr::empty();
    for &x in &xs {
        sum.add(x, 1.0);
    }
    pb.add_constraint(sum, ComparisonOp::Eq, 1.0);
    let mut rows: Vec<LinearExpr> = covered.iter().map(|_| LinearExpr::empty()).collect();
    for (c, col) in columns.iter().enumerate() {
        for &(t, a) in col {
            rows[t].add(xs[c], a);
        }
    }
    for (t, mut e) in rows.into_iter().enumerate() {
        if covered[t] {
            e.add(z, -1.0);
            pb.add_constraint(e, ComparisonOp::Ge, 0.0);
        }
    }
    let sol = pb.solve().map_err(|e| format!("maximin primal LP: {e}"))?;
    let x = xs.iter().map(|&v| *sol.var_value(v)).collect();
    Ok((x, *sol.var_value(z)))
}

/// The same restricted dual, solved by microlp's simplex and kept alive between column
/// additions: a new column is a new row, re-optimised by the dual simplex from the previous
/// basis. Returns a vertex (any optimal dual is valid for fixing).
pub struct WarmDual {
    ntypes: usize,
    vars: Vec<microlp::Variable>,
    sol: Option<microlp::Solution>,
}

impl WarmDual {
    pub fn new(
        ntypes: usize,
        columns: &[Column],
        fixed: &[Option<f64>],
    ) -> Result<(Self, DualOutcome), String> {
        let mut pb = Problem::new(OptimizationDirection::Minimize);
        let mut vars = Vec::with_capacity(ntypes + 1);
        for f in fixed.iter().take(ntypes) {
            vars.push(pb.add_var(-f.unwrap_or(0.0), (0.0, f64::INFINITY)));
        }
        vars.push(pb.add_var(1.0, (0.0, f64::INFINITY)));
        let mut norm = LinearExpr::empty();
        for (t, f) in fixed.iter().enumerate() {
            if f.is_none() {
                norm.add(vars[t], 1.0);
            }
        }
        pb.add_constraint(norm, ComparisonOp::Eq, 1.0);
        for col in columns {
            pb.add_constraint(row(&vars, ntypes, col), ComparisonOp::Le, 0.0);
        }
        let mut me = WarmDual {
            ntypes,
            vars,
            sol: None,
        };
        match pb.solve() {
            Ok(s) => {
                me.sol = Some(s);
                let out = me.outcome();
                Ok((me, out))
            }
            Err(microlp::Error::Unbounded) | Err(microlp::Error::Infeasible) => {
                Ok((me, DualOutcome::Unbounded))
            }
            Err(e) => Err(format!("microlp: dual LP: {e}")),
        }
    }

    fn outcome(&self) -> DualOutcome {
        let s = self.sol.as_ref().expect("solved");
        DualOutcome::Solved(DualSolution {
            y: self.vars[..self.ntypes]
                .iter()
                .map(|&v| s.var_value(v).max(0.0))
                .collect(),
            yhat: *s.var_value(self.vars[self.ntypes]),
            obj: s.objective(),
        })
    }

    /// Add a column (a row of the dual) and re-optimise.
    pub fn add(&mut self, col: &Column) -> Result<DualOutcome, String> {
        let s = self.sol.take().expect("solved");
        match s.add_constraint(row(&self.vars, self.ntypes, col), ComparisonOp::Le, 0.0) {
            Ok(s) => {
                self.sol = Some(s);
                Ok(self.outcome())
            }
            Err(microlp::Error::Unbounded) | Err(microlp::Error::Infeasible) => {
                Ok(DualOutcome::Unbounded)
            }
            Err(e) => Err(format!("microlp: dual LP: {e}")),
        }
    }
}

fn row(vars: &[microlp::Variable], ntypes: usize, col: &Column) -> LinearExpr {
    let mut e = LinearExpr::empty();
    for &(t, a) in col {
        e.add(vars[t], a);
    }
    e.add(vars[ntypes], -1.0);
    e
}
