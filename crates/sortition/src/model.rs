//! The selection problem: pool, quotas, panel size, households; aggregation of
//! interchangeable people into types; the panel ILP oracle; panel validation; the
//! infeasibility report with the smallest relaxation.

use crate::input::{Pool, Quotas};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Relative optimality gap of the panel branch and bound.
pub const BB_GAP: f64 = 1e-10;
/// Integrality tolerance of the panel branch and bound.
pub const BB_INT_TOL: f64 = 1e-7;
/// Pricing may stop after this many nodes once it holds an improving panel.
pub const BB_NODE_BUDGET: usize = 200;
/// Best-first search while at most this many nodes are open, depth first beyond.
pub const BB_OPEN_CAP: usize = 400;

/// Diagnostics (profiling only): branch-and-bound nodes and root-LP nanoseconds so far.
pub static BB_NODES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
pub static BB_ROOT_NS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A group of interchangeable people: same value for every feature and no housemate in the
/// pool. People who share a household with someone form a type of their own.
#[derive(Debug, Clone)]
pub struct Type {
    /// Value index per feature.
    pub values: Vec<usize>,
    /// Person indices (pool order, ascending).
    pub members: Vec<usize>,
}

/// A panel described by how many people of each type it takes.
pub type Composition = Vec<u32>;

/// A fully specified selection problem.
#[derive(Debug, Clone)]
pub struct Instance {
    pub quotas: Quotas,
    pub pool: Pool,
    pub k: u32,
    pub types: Vec<Type>,
    /// Type of every person.
    pub person_type: Vec<usize>,
    /// Households as lists of type indices (each member of a household is a singleton type).
    pub household_types: Vec<Vec<usize>>,
    /// For every feature and value, the types having that value.
    pub value_types: Vec<Vec<Vec<usize>>>,
}

/// One suggested quota change of a relaxation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuotaChange {
    pub feature: String,
    pub value: String,
    pub row: usize,
    pub min: u32,
    pub max: u32,
    pub new_min: u32,
    pub new_max: u32,
}

/// Why no feasible panel exists, and the cheapest relaxation that would make one exist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InfeasibilityReport {
    pub quota_file: String,
    pub reasons: Vec<String>,
    /// `None` when no relaxation within the flex bounds helps (e.g. the pool is too small).
    pub relaxation: Option<Vec<QuotaChange>>,
    pub relaxation_cost: Option<f64>,
}

impl fmt::Display for InfeasibilityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "the quotas in {} admit no feasible panel",
            self.quota_file
        )?;
        for r in &self.reasons {
            writeln!(f, "  - {r}")?;
        }
        match &self.relaxation {
            Some(changes) => {
                writeln!(f, "smallest relaxation that makes them feasible:")?;
                for c in changes {
                    writeln!(
                        f,
                        "  {}, row {}: {} = {}: min {} -> {}, max {} -> {}",
                        self.quota_file,
                        c.row,
                        c.feature,
                        c.value,
                        c.min,
                        c.new_min,
                        c.max,
                        c.new_max
                    )?;
                }
            }
            None => writeln!(f, "no relaxation within the min_flex/max_flex bounds helps")?,
        }
        Ok(())
    }
}

/// Errors of building or solving an instance.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    #[error("{0}")]
    Input(#[from] crate::input::InputError),
    #[error("{0}")]
    Infeasible(Box<InfeasibilityReport>),
    #[error("solver failure: {0}")]
    Solver(String),
    #[error("{0}")]
    Invalid(String),
}

impl Instance {
    /// Build an instance; checks the panel size against the pool.
    pub fn new(quotas: Quotas, pool: Pool, k: u32) -> Result<Self, SolveError> {
        if k == 0 {
            return Err(SolveError::Invalid("panel size must be at least 1".into()));
        }
        let n = pool.people.len();
        let mut in_house = vec![false; n];
        for h in &pool.households {
            for &i in h {
                in_house[i] = true;
            }
        }
        let mut types: Vec<Type> = Vec::new();
        let mut by_values: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
        let mut person_type = vec![0; n];
        for (i, p) in pool.people.iter().enumerate() {
            let t = if in_house[i] {
                types.push(Type {
                    values: p.values.clone(),
                    members: vec![],
                });
                types.len() - 1
            } else {
                *by_values.entry(p.values.clone()).or_insert_with(|| {
                    types.push(Type {
                        values: p.values.clone(),
                        members: vec![],
                    });
                    types.len() - 1
                })
            };
            types[t].members.push(i);
            person_type[i] = t;
        }
        let household_types = pool
            .households
            .iter()
            .map(|h| h.iter().map(|&i| person_type[i]).collect())
            .collect();
        let mut value_types: Vec<Vec<Vec<usize>>> = quotas
            .features
            .iter()
            .map(|f| vec![Vec::new(); f.values.len()])
            .collect();
        for (t, ty) in types.iter().enumerate() {
            for (f, &v) in ty.values.iter().enumerate() {
                value_types[f][v].push(t);
            }
        }
        Ok(Instance {
            quotas,
            pool,
            k,
            types,
            person_type,
            household_types,
            value_types,
        })
    }

    pub fn n(&self) -> usize {
        self.pool.people.len()
    }

    /// Check a panel of person indices: size, distinctness, quotas, households.
    pub fn check_panel(&self, members: &[usize]) -> Result<(), String> {
        if members.len() != self.k as usize {
            return Err(format!(
                "panel has {} members, expected {}",
                members.len(),
                self.k
            ));
        }
        let mut sorted = members.to_vec();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Err("panel lists a person twice".into());
        }
        if sorted.last().is_some_and(|&i| i >= self.n()) {
            return Err("panel lists an unknown person".into());
        }
        for (f, feat) in self.quotas.features.iter().enumerate() {
            let mut cnt = vec![0u32; feat.values.len()];
            for &i in members {
                cnt[self.pool.people[i].values[f]] += 1;
            }
            for (v, q) in feat.values.iter().enumerate() {
                if cnt[v] < q.min || cnt[v] > q.max {
                    return Err(format!(
                        "{} = {}: {} members, quota [{}, {}]",
                        feat.name, q.value, cnt[v], q.min, q.max
                    ));
                }
            }
        }
        for h in &self.pool.households {
            let c = h.iter().filter(|i| sorted.binary_search(i).is_ok()).count();
            if c > 1 {
                return Err(format!(
                    "{} members of one household (ids {})",
                    c,
                    h.iter()
                        .map(|&i| self.pool.people[i].id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
        }
        Ok(())
    }

    /// Check a composition: size, type sizes, quotas, households.
    pub fn check_composition(&self, c: &[u32]) -> Result<(), String> {
        if c.len() != self.types.len() {
            return Err("composition has the wrong length".into());
        }
        let total: u64 = c.iter().map(|&x| x as u64).sum();
        if total != self.k as u64 {
            return Err(format!("panel of {total} people, expected {}", self.k));
        }
        for (t, &x) in c.iter().enumerate() {
            if x as usize > self.types[t].members.len() {
                return Err("more people of a type than exist".into());
            }
        }
        for (f, feat) in self.quotas.features.iter().enumerate() {
            for (v, q) in feat.values.iter().enumerate() {
                let cnt: u32 = self.value_types[f][v].iter().map(|&t| c[t]).sum();
                if cnt < q.min || cnt > q.max {
                    return Err(format!(
                        "{} = {}: {} members, quota [{}, {}]",
                        feat.name, q.value, cnt, q.min, q.max
                    ));
                }
            }
        }
        for h in &self.household_types {
            if h.iter().map(|&t| c[t]).sum::<u32>() > 1 {
                return Err("two members of one household".into());
            }
        }
        Ok(())
    }

    /// The rows every panel meets, over one count variable per type: Σ c = k, the quotas,
    /// at most one member per household. Shared by the panel ILP and the LP relaxation
    /// ([`crate::relax`]). `false` when a quota's minimum exceeds the people who have the value.
    pub(crate) fn add_panel_rows(&self, pb: &mut Problem, vars: &[microlp::Variable]) -> bool {
        let sum = |ts: &mut dyn Iterator<Item = usize>| sum_of(vars, ts);
        pb.add_constraint(sum(&mut (0..vars.len())), ComparisonOp::Eq, self.k as f64);
        for (f, feat) in self.quotas.features.iter().enumerate() {
            for (v, q) in feat.values.iter().enumerate() {
                let ts = &self.value_types[f][v];
                let avail: usize = ts.iter().map(|&t| self.types[t].members.len()).sum();
                if q.min as usize > avail {
                    return false;
                }
                if ts.is_empty() {
                    continue;
                }
                if q.min == q.max {
                    pb.add_constraint(sum(&mut ts.iter().copied()), ComparisonOp::Eq, q.min as f64);
                } else {
                    if q.min > 0 {
                        pb.add_constraint(
                            sum(&mut ts.iter().copied()),
                            ComparisonOp::Ge,
                            q.min as f64,
                        );
                    }
                    if (q.max as usize) < avail.min(self.k as usize) {
                        pb.add_constraint(
                            sum(&mut ts.iter().copied()),
                            ComparisonOp::Le,
                            q.max as f64,
                        );
                    }
                }
            }
        }
        for h in &self.household_types {
            pb.add_constraint(sum(&mut h.iter().copied()), ComparisonOp::Le, 1.0);
        }
        true
    }

    /// The panel ILP oracle: a feasible composition maximising Σ_t w_t·c_t (within an absolute
    /// gap of 1e-10·max(1, |optimum|)), or `None` if no feasible panel exists. Every returned
    /// composition has been re-validated.
    pub fn best_panel(&self, w: &[f64]) -> Result<Option<Composition>, SolveError> {
        self.best_panel_above(w, f64::NEG_INFINITY, usize::MAX)
    }

    /// Pricing oracle of column generation: `Some(c)` with Σ w·c > `threshold` (the best such
    /// panel found; optimal within the gap unless the search was cut short after
    /// `node_budget` nodes *with* an improving panel in hand), or `None`, which proves that no feasible
    /// panel has value above `threshold` (up to the LP tolerance).
    ///
    /// Branch and bound written here over microlp's LP relaxation: depth first, diving to the
    /// side nearer the LP value, and pruning every node whose LP bound does not beat
    /// max(incumbent + gap, threshold). (microlp's own integer search prunes only on strict
    /// improvement without tolerance, which explodes on the many tied optima of dual prices.)
    pub fn best_panel_above(
        &self,
        w: &[f64],
        threshold: f64,
        node_budget: usize,
    ) -> Result<Option<Composition>, SolveError> {
        Ok(self
            .panels_above(w, threshold, node_budget, 1)?
            .into_iter()
            .next())
    }

    /// [`Self::best_panel_above`], also returning up to `max_count − 1` further distinct
    /// panels above the threshold met on the way (best first): extra columns for free.
    pub fn panels_above(
        &self,
        w: &[f64],
        threshold: f64,
        node_budget: usize,
        max_count: usize,
    ) -> Result<Vec<Composition>, SolveError> {
        self.panels_above_on(w, threshold, node_budget, max_count, usize::MAX, None)
    }

    /// [`Self::panels_above`] that gives up after `node_cap` nodes whatever it holds (a
    /// heuristic search: an empty answer proves nothing unless the cap was not reached), over
    /// the panels on a face of the relaxation only when one is given.
    pub(crate) fn panels_above_on(
        &self,
        w: &[f64],
        threshold: f64,
        node_budget: usize,
        max_count: usize,
        node_cap: usize,
        face: Option<&crate::sample::Limits>,
    ) -> Result<Vec<Composition>, SolveError> {
        let mut pb = Problem::new(OptimizationDirection::Maximize);
        let ub: Vec<u32> = self
            .types
            .iter()
            .enumerate()
            .map(|(t, ty)| {
                let u = ty.members.len().min(self.k as usize) as u32;
                face.map_or(u, |f| f.ub[t].min(u))
            })
            .collect();
        let vars: Vec<_> = ub
            .iter()
            .enumerate()
            .map(|(t, &s)| {
                let lo = face.map_or(0, |f| f.lb[t].min(s));
                pb.add_var(w[t], (lo as f64, s as f64))
            })
            .collect();
        if !self.add_panel_rows(&mut pb, &vars) {
            return Ok(vec![]);
        }
        if let Some(face) = face {
            // The face's limits are a quota's min or max met with equality, or the quota itself.
            for (f, feat) in self.quotas.features.iter().enumerate() {
                for (v, q) in feat.values.iter().enumerate() {
                    let (lo, hi) = face.quota[f][v];
                    let ts = &self.value_types[f][v];
                    if lo == hi && q.min != q.max && !ts.is_empty() {
                        let e = sum_of(&vars, &mut ts.iter().copied());
                        pb.add_constraint(e, ComparisonOp::Eq, lo as f64);
                    }
                }
            }
            // Households the face fills: exactly one member (at most one is a panel row already).
            for (h, ts) in self.household_types.iter().enumerate() {
                if face.house_lim[h].0 >= 1 {
                    let e = sum_of(&vars, &mut ts.iter().copied());
                    pb.add_constraint(e, ComparisonOp::Ge, 1.0);
                }
            }
        }
        let t_root = std::time::Instant::now();
        let root = pb.solve();
        BB_ROOT_NS.fetch_add(
            t_root.elapsed().as_nanos() as u64,
            std::sync::atomic::Ordering::Relaxed,
        );
        let root = match root {
            Ok(s) => s,
            Err(microlp::Error::Infeasible) => return Ok(vec![]),
            Err(e) => return Err(SolveError::Solver(format!("panel ILP relaxation: {e}"))),
        };
        let gap = |x: f64| BB_GAP * x.abs().max(1.0);
        let value = |c: &Composition| -> f64 {
            c.iter()
                .enumerate()
                .map(|(t, &x)| w[t] * x as f64)
                .sum::<f64>()
        };
        let mut best: Option<(Composition, f64)> = None;
        let mut others: Vec<(Composition, f64)> = Vec::new();
        // A node is (solution of its LP, or the parent's solution plus the branch to apply).
        enum Node {
            Solved(microlp::Solution),
            Branch(microlp::Solution, usize, ComparisonOp, f64),
        }
        // Open nodes with their parent's LP bound. Best bound first (ties: the newest, which
        // dives), falling back to depth first while many nodes are open (memory).
        let mut stack: Vec<(f64, Node)> = vec![(f64::INFINITY, Node::Solved(root))];
        let mut nodes = 0usize;
        loop {
            let pick = if stack.len() <= BB_OPEN_CAP {
                let mut b = 0;
                for (i, (bd, _)) in stack.iter().enumerate() {
                    if *bd >= stack[b].0 {
                        b = i;
                    }
                }
                b
            } else {
                stack.len().saturating_sub(1)
            };
            if stack.is_empty() {
                break;
            }
            let (pbound, node) = stack.remove(pick);
            {
                let cutoff = match &best {
                    Some((_, v)) => (v + gap(*v)).max(threshold),
                    None => threshold,
                };
                if pbound <= cutoff {
                    continue;
                }
            }
            nodes += 1;
            BB_NODES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if nodes > node_cap {
                break;
            }
            // Cut short once an improving panel is in hand and the budget is spent (never changes a
            // "none above the threshold" answer, which needs the full search).
            if threshold.is_finite()
                && nodes > node_budget
                && best.as_ref().is_some_and(|(_, b)| *b > threshold)
            {
                break;
            }
            let sol = match node {
                Node::Solved(s) => s,
                Node::Branch(s, t, op, val) => {
                    let r = if matches!(op, ComparisonOp::Eq) {
                        s.fix_var(vars[t], val)
                    } else {
                        let mut e = LinearExpr::empty();
                        e.add(vars[t], 1.0);
                        s.add_constraint(e, op, val)
                    };
                    match r {
                        Ok(s) => s,
                        Err(microlp::Error::Infeasible) => continue,
                        Err(e) => return Err(SolveError::Solver(format!("panel ILP: {e}"))),
                    }
                }
            };
            let bound = sol.objective();
            let cutoff = match &best {
                Some((_, v)) => (v + gap(*v)).max(threshold),
                None => threshold,
            };
            if bound <= cutoff {
                continue;
            }
            // Most fractional variable.
            let mut branch = None;
            let mut frac_best = BB_INT_TOL;
            for (t, &v) in vars.iter().enumerate() {
                let x = *sol.var_value(v);
                let fr = (x - x.round()).abs();
                if fr > frac_best {
                    frac_best = fr;
                    branch = Some((t, x));
                }
            }
            match branch {
                None => {
                    let c: Composition = vars
                        .iter()
                        .map(|&v| sol.var_value(v).round().max(0.0) as u32)
                        .collect();
                    if self.check_composition(&c).is_ok() {
                        let val = value(&c);
                        if best.as_ref().is_none_or(|(_, b)| val > *b) {
                            if let Some(old) = best.take()
                                && max_count > 1
                                && old.1 > threshold
                            {
                                others.push(old);
                            }
                            best = Some((c, val));
                        } else if max_count > 1
                            && val > threshold
                            && best.as_ref().is_some_and(|(b, _)| *b != c)
                            && !others.iter().any(|(o, _)| *o == c)
                        {
                            others.push((c, val));
                        }
                    }
                }
                Some((t, x)) => {
                    let (lo, hi) = (x.floor(), x.ceil());
                    let binary = ub[t] == 1;
                    let down = if binary {
                        Node::Branch(sol.clone(), t, ComparisonOp::Eq, 0.0)
                    } else {
                        Node::Branch(sol.clone(), t, ComparisonOp::Le, lo)
                    };
                    let up = if binary {
                        Node::Branch(sol, t, ComparisonOp::Eq, 1.0)
                    } else {
                        Node::Branch(sol, t, ComparisonOp::Ge, hi)
                    };
                    // Dive upwards first (pushed last): raising a count moves the LP towards an
                    // integral panel far faster than lowering one, which only shifts the mass.
                    let _ = x;
                    stack.push((bound, down));
                    stack.push((bound, up));
                }
            }
        }
        match best {
            Some((c, v)) if v > threshold || !threshold.is_finite() => {
                self.check_composition(&c).map_err(|e| {
                    SolveError::Solver(format!("panel ILP returned an invalid panel: {e}"))
                })?;
                others.retain(|(o, _)| *o != c);
                others.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let mut out = vec![c];
                out.extend(others.into_iter().take(max_count - 1).map(|(o, _)| o));
                Ok(out)
            }
            _ => Ok(vec![]),
        }
    }

    /// Simple reasons why the quotas cannot be met (used in the infeasibility report).
    fn infeasibility_reasons(&self) -> Vec<String> {
        let mut out = Vec::new();
        let k = self.k as u64;
        if (self.n() as u64) < k {
            out.push(format!(
                "the pool has {} people, fewer than the panel size {k}",
                self.n()
            ));
        }
        for (f, feat) in self.quotas.features.iter().enumerate() {
            let smin: u64 = feat.values.iter().map(|q| q.min as u64).sum();
            let smax: u64 = feat.values.iter().map(|q| q.max as u64).sum();
            if smin > k {
                out.push(format!(
                    "{}: the minimums of feature '{}' (rows {}) sum to {smin} > panel size {k}",
                    self.quotas.file,
                    feat.name,
                    rows(feat)
                ));
            }
            if smax < k {
                out.push(format!(
                    "{}: the maximums of feature '{}' (rows {}) sum to {smax} < panel size {k}",
                    self.quotas.file,
                    feat.name,
                    rows(feat)
                ));
            }
            for (v, q) in feat.values.iter().enumerate() {
                let avail: usize = self.value_types[f][v]
                    .iter()
                    .map(|&t| self.types[t].members.len())
                    .sum();
                if (q.min as usize) > avail {
                    out.push(format!(
                        "{}, row {}: {} = {} needs at least {} but the pool has only {avail}",
                        self.quotas.file, q.row, feat.name, q.value, q.min
                    ));
                }
            }
        }
        if out.is_empty() {
            out.push("the quotas of different features (and households) conflict".into());
        }
        out
    }

    /// Build the infeasibility report: minimise Σ (1 + 2/min_v)·a_v + Σ b_v over quotas
    /// [min_v − a_v, max_v + b_v] within the flex bounds (see docs/sortition.md).
    pub fn infeasibility_report(&self) -> InfeasibilityReport {
        let reasons = self.infeasibility_reasons();
        let k = self.k as i32;
        let mut pb = Problem::new(OptimizationDirection::Minimize);
        let vars: Vec<_> = self
            .types
            .iter()
            .map(|ty| pb.add_integer_var(0.0, (0, ty.members.len().min(self.k as usize) as i32)))
            .collect();
        let mut all = LinearExpr::empty();
        for &v in &vars {
            all.add(v, 1.0);
        }
        pb.add_constraint(all, ComparisonOp::Eq, self.k as f64);
        let mut ab = Vec::new();
        for (f, feat) in self.quotas.features.iter().enumerate() {
            for (v, q) in feat.values.iter().enumerate() {
                let down = (q.min - q.min_flex.min(q.min)) as i32;
                let wa = if q.min == 0 {
                    0.0
                } else {
                    1.0 + 2.0 / q.min as f64
                };
                let a = pb.add_integer_var(wa, (0, down));
                let up = (q.max_flex.unwrap_or(self.k).max(q.max) - q.max).min(k as u32) as i32;
                let b = pb.add_integer_var(1.0, (0, up));
                ab.push((f, v, a, b));
                let mut lo = LinearExpr::empty();
                let mut hi = LinearExpr::empty();
                for &t in &self.value_types[f][v] {
                    lo.add(vars[t], 1.0);
                    hi.add(vars[t], 1.0);
                }
                lo.add(a, 1.0);
                hi.add(b, -1.0);
                pb.add_constraint(lo, ComparisonOp::Ge, q.min as f64);
                pb.add_constraint(hi, ComparisonOp::Le, q.max as f64);
            }
        }
        for h in &self.household_types {
            let mut e = LinearExpr::empty();
            for &t in h {
                e.add(vars[t], 1.0);
            }
            pb.add_constraint(e, ComparisonOp::Le, 1.0);
        }
        let (relaxation, relaxation_cost) = match pb.solve() {
            Ok(sol) => {
                let mut changes = Vec::new();
                for (f, v, a, b) in ab {
                    let da = sol.var_value(a).round() as u32;
                    let db = sol.var_value(b).round() as u32;
                    if da > 0 || db > 0 {
                        let q = &self.quotas.features[f].values[v];
                        changes.push(QuotaChange {
                            feature: self.quotas.features[f].name.clone(),
                            value: q.value.clone(),
                            row: q.row,
                            min: q.min,
                            max: q.max,
                            new_min: q.min - da,
                            new_max: q.max + db,
                        });
                    }
                }
                (Some(changes), Some((sol.objective() * 1e9).round() / 1e9))
            }
            Err(_) => (None, None),
        };
        InfeasibilityReport {
            quota_file: self.quotas.file.clone(),
            reasons,
            relaxation,
            relaxation_cost,
        }
    }

    /// Expand a composition into person indices by taking the first members of each type.
    pub fn first_members(&self, c: &[u32]) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.k as usize);
        for (t, &x) in c.iter().enumerate() {
            out.extend_from_slice(&self.types[t].members[..x as usize]);
        }
        out.sort_unstable();
        out
    }
}

/// Σ of the given types' count variables.
fn sum_of(vars: &[microlp::Variable], ts: &mut dyn Iterator<Item = usize>) -> LinearExpr {
    let mut e = LinearExpr::empty();
    for t in ts {
        e.add(vars[t], 1.0);
    }
    e
}

fn rows(feat: &crate::input::Feature) -> String {
    feat.values
        .iter()
        .map(|q| q.row.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
