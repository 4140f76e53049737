//! The restricted master LP of one LEXIMIN level, solved in primal form by a dense revised
//! simplex that keeps its basis between column additions.
//!
//! Rows: 0 is the convexity row Σ_c x_c = 1; row 1 + t belongs to type t:
//!   unfixed t:  Σ_c a_tc x_c − z − s_t = 0
//!   fixed t:    Σ_c a_tc x_c − s_t = p_t
//! Variables: z (the level, maximised), one surplus s_t ≥ 0 per type, one x_c ≥ 0 per panel, and
//! phase-one artificials for the rows whose right-hand side is positive.
//!
//! The row duals π give the LEXIMIN dual of [`crate::lp`]: y_t = −π_{1+t} ≥ 0 with Σ_unfixed y = 1,
//! and ŷ = π_0, so a panel c prices out (improves the level) exactly when Σ_t y_t a_tc > ŷ.
//!
//! Why a hand-written simplex: column generation adds one column at a time to a small, highly
//! degenerate LP. Re-optimising from the previous basis costs a few dense pivots (O(m²) each),
//! whereas the general-purpose solvers available in pure Rust rebuild or refactor sparse LU
//! structures on every addition (measured: ~0.1 s per added row with microlp at 600 rows on the
//! n=1500 pool, against ~1 ms here).

use crate::lp::Column;

/// Smallest entry of B⁻¹a a ratio test pivots on. 1e-9 let round-off pivots through once the
/// columns came from the relaxation's face (all meeting its equalities, so many entries are
/// zero in exact arithmetic): gen_pool k=600 then hit singular bases (2026-12-06).
const PIVOT_TOL: f64 = 1e-7;
const DJ_TOL: f64 = 1e-11;
const FEAS_TOL: f64 = 1e-9;
/// After this many pivots since the last inversion, the basis inverse is checked against the
/// basis itself and recomputed when it has drifted.
const CHECK_EVERY: usize = 40;
/// Consecutive degenerate pivots after which Bland's rule takes over (no cycling).
const BLAND_AFTER: usize = 60;
const MAX_PIVOTS: usize = 2_000_000;
const PERTURB: f64 = 1e-12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Var {
    Z,
    Surplus(usize),
    Panel(usize),
    Artificial(usize),
}

/// Outcome of a level LP.
pub enum Solved {
    /// Optimal: the level z, the duals (y per type, ŷ) and the panel weights x.
    Optimal,
    /// The fixed levels admit no feasible distribution (numerically).
    Infeasible,
}

pub struct Master {
    nt: usize,
    m: usize,
    fixed: Vec<Option<f64>>,
    columns: Vec<Column>,
    /// Basic variable of each row position.
    basis: Vec<Var>,
    /// Row position of each basic panel / surplus / z (usize::MAX when non-basic).
    pos_panel: Vec<usize>,
    pos_surplus: Vec<usize>,
    pos_z: usize,
    /// Dense basis inverse, column-major: binv[j * m + i] = (B⁻¹)_{ij}.
    binv: Vec<f64>,
    xb: Vec<f64>,
    b: Vec<f64>,
    phase_one: bool,
    pivots_since_check: usize,
    pub pivots: usize,
    pub degenerate_pivots: usize,
    pub inversions: usize,
    /// Devex pricing weights, by [`var_index`].
    devex: Vec<f64>,
}

impl Master {
    /// A level LP over the given columns with the given fixed levels (None = unfixed).
    pub fn new(nt: usize, columns: &[Column], fixed: &[Option<f64>]) -> Master {
        let m = nt + 1;
        let mut b = vec![0.0; m];
        b[0] = 1.0;
        for (t, f) in fixed.iter().enumerate() {
            b[1 + t] = match f {
                Some(p) if *p > 0.0 => *p,
                // A tiny, distinct slack on every other row breaks the massive degeneracy of
                // the level LP (hundreds of rows tied at the level), which otherwise stalls
                // or cycles the simplex; it moves the level by at most 2e-12.
                _ => -PERTURB * (1.0 + ((t * 7919) % 1000) as f64 / 1000.0),
            };
        }
        let mut me = Master {
            nt,
            m,
            fixed: fixed.to_vec(),
            columns: columns.to_vec(),
            basis: Vec::with_capacity(m),
            pos_panel: vec![usize::MAX; columns.len()],
            pos_surplus: vec![usize::MAX; nt],
            pos_z: usize::MAX,
            binv: vec![0.0; m * m],
            xb: vec![0.0; m],
            b,
            phase_one: true,
            pivots_since_check: 0,
            pivots: 0,
            degenerate_pivots: 0,
            inversions: 0,
            devex: vec![1.0; 1 + nt + columns.len()],
        };
        // Starting basis: an artificial for the convexity row and for every fixed row with a
        // positive right-hand side, the surplus elsewhere (value 0, column −e, so B⁻¹ = −e).
        for i in 0..m {
            let var = if i == 0 || me.b[i] > 0.0 {
                Var::Artificial(i)
            } else {
                me.pos_surplus[i - 1] = i;
                Var::Surplus(i - 1)
            };
            me.basis.push(var);
            let d = if matches!(var, Var::Surplus(_)) {
                -1.0
            } else {
                1.0
            };
            me.binv[i * m + i] = d;
            me.xb[i] = d * me.b[i];
        }
        me
    }

    pub fn add_column(&mut self, col: Column) {
        self.columns.push(col);
        self.devex.push(1.0);
        self.pos_panel.push(usize::MAX);
    }

    /// The sparse column of a variable: (row, coefficient).
    fn column(&self, v: Var, out: &mut Vec<(usize, f64)>) {
        out.clear();
        match v {
            Var::Z => {
                for t in 0..self.nt {
                    if self.fixed[t].is_none() {
                        out.push((1 + t, -1.0));
                    }
                }
            }
            Var::Surplus(t) => out.push((1 + t, -1.0)),
            Var::Panel(c) => {
                out.push((0, 1.0));
                out.extend(self.columns[c].iter().map(|&(t, a)| (1 + t, a)));
            }
            Var::Artificial(i) => out.push((i, 1.0)),
        }
    }

    fn cost(&self, v: Var) -> f64 {
        match (self.phase_one, v) {
            (true, Var::Artificial(_)) => -1.0,
            (true, _) => 0.0,
            (false, Var::Z) => 1.0,
            (false, _) => 0.0,
        }
    }

    /// Row duals π = c_B B⁻¹.
    fn duals(&self) -> Vec<f64> {
        let m = self.m;
        let mut pi = vec![0.0; m];
        for (r, &v) in self.basis.iter().enumerate() {
            let c = self.cost(v);
            if c != 0.0 {
                for (j, p) in pi.iter_mut().enumerate() {
                    *p += c * self.binv[j * m + r];
                }
            }
        }
        pi
    }

    /// row · a_v for a dense row vector (indexed by constraint row) and a variable's column.
    fn dot(&self, row: &[f64], v: Var) -> f64 {
        match v {
            Var::Z => {
                let mut s = 0.0;
                for t in 0..self.nt {
                    if self.fixed[t].is_none() {
                        s -= row[1 + t];
                    }
                }
                s
            }
            Var::Surplus(t) => -row[1 + t],
            Var::Panel(c) => {
                let mut s = row[0];
                for &(t, a) in &self.columns[c] {
                    s += row[1 + t] * a;
                }
                s
            }
            Var::Artificial(i) => row[i],
        }
    }

    fn reduced_cost(&self, pi: &[f64], v: Var) -> f64 {
        self.cost(v) - self.dot(pi, v)
    }

    /// Reduced costs of every variable (by [`var_index`]; basic ones are 0).
    fn all_reduced_costs(&self) -> Vec<f64> {
        let pi = self.duals();
        let mut d = vec![0.0; 1 + self.nt + self.columns.len()];
        for v in self.candidates() {
            d[var_index(v, self.nt)] = self.reduced_cost(&pi, v);
        }
        d
    }

    fn is_basic(&self, v: Var) -> bool {
        match v {
            Var::Z => self.pos_z != usize::MAX,
            Var::Surplus(t) => self.pos_surplus[t] != usize::MAX,
            Var::Panel(c) => self.pos_panel[c] != usize::MAX,
            Var::Artificial(_) => true,
        }
    }

    fn set_pos(&mut self, v: Var, p: usize) {
        match v {
            Var::Z => self.pos_z = p,
            Var::Surplus(t) => self.pos_surplus[t] = p,
            Var::Panel(c) => self.pos_panel[c] = p,
            Var::Artificial(_) => {}
        }
    }

    /// Candidates to enter: every non-basic, non-artificial variable, in a fixed index order
    /// (Bland's rule relies on it).
    fn candidates(&self) -> impl Iterator<Item = Var> + '_ {
        std::iter::once(Var::Z)
            .chain((0..self.nt).map(Var::Surplus))
            .chain((0..self.columns.len()).map(Var::Panel))
            .filter(|&v| !self.is_basic(v))
    }

    /// B⁻¹ a for a sparse column a.
    fn ftran(&self, col: &[(usize, f64)]) -> Vec<f64> {
        let m = self.m;
        let mut alpha = vec![0.0; m];
        for &(j, a) in col {
            axpy(&mut alpha, &self.binv[j * m..(j + 1) * m], a);
        }
        alpha
    }

    fn pivot(&mut self, r: usize, alpha: &[f64], entering: Var) {
        let m = self.m;
        let ar = alpha[r];
        for j in 0..m {
            let col = &mut self.binv[j * m..(j + 1) * m];
            let v = col[r];
            if v == 0.0 {
                continue;
            }
            let v = v / ar;
            axpy(col, alpha, -v);
            col[r] = v;
        }
        let theta = self.xb[r] / ar;
        for (x, &a) in self.xb.iter_mut().zip(alpha) {
            *x -= a * theta;
        }
        self.xb[r] = theta;
        let leaving = self.basis[r];
        self.set_pos(leaving, usize::MAX);
        self.basis[r] = entering;
        self.set_pos(entering, r);
        self.pivots += 1;
        self.pivots_since_check += 1;
    }

    /// Recompute B⁻¹ from the basis by Gauss–Jordan elimination with partial pivoting, and
    /// x_B = B⁻¹ b.
    fn invert(&mut self) -> bool {
        let m = self.m;
        // Dense B, column-major, next to an identity.
        let mut bm = vec![0.0; m * m];
        let mut col = Vec::new();
        for (p, &v) in self.basis.iter().enumerate() {
            self.column(v, &mut col);
            for &(i, a) in &col {
                bm[p * m + i] = a;
            }
        }
        // Solve B X = I on a row-major copy for clarity: work on rows of [B | I].
        let mut a = vec![0.0; m * m]; // row-major B
        for j in 0..m {
            for i in 0..m {
                a[i * m + j] = bm[j * m + i];
            }
        }
        let mut inv = vec![0.0; m * m]; // row-major
        for i in 0..m {
            inv[i * m + i] = 1.0;
        }
        for k in 0..m {
            let mut piv = k;
            let mut best = a[k * m + k].abs();
            for i in k + 1..m {
                let v = a[i * m + k].abs();
                if v > best {
                    best = v;
                    piv = i;
                }
            }
            if piv != k {
                for j in 0..m {
                    a.swap(k * m + j, piv * m + j);
                    inv.swap(k * m + j, piv * m + j);
                }
            }
            let d = a[k * m + k];
            if d.abs() < 1e-12 {
                // Singular basis: keep the product-form inverse.
                return false;
            }
            for j in 0..m {
                a[k * m + j] /= d;
                inv[k * m + j] /= d;
            }
            let (rk_a, rk_i): (Vec<f64>, Vec<f64>) = (
                a[k * m..(k + 1) * m].to_vec(),
                inv[k * m..(k + 1) * m].to_vec(),
            );
            for i in 0..m {
                if i == k {
                    continue;
                }
                let f = a[i * m + k];
                if f == 0.0 {
                    continue;
                }
                for j in 0..m {
                    a[i * m + j] -= f * rk_a[j];
                    inv[i * m + j] -= f * rk_i[j];
                }
            }
        }
        for i in 0..m {
            for j in 0..m {
                self.binv[j * m + i] = inv[i * m + j];
            }
        }
        self.xb = self.ftran(&self.b.iter().copied().enumerate().collect::<Vec<_>>());
        self.pivots_since_check = 0;
        self.inversions += 1;
        true
    }

    /// Max |B x_B − b|: how far the product-form inverse has drifted.
    fn residual(&self) -> f64 {
        let mut r = self.b.clone();
        let mut col = Vec::new();
        for (p, &v) in self.basis.iter().enumerate() {
            self.column(v, &mut col);
            for &(i, a) in &col {
                r[i] -= a * self.xb[p];
            }
        }
        r.iter().fold(0.0, |m, x| m.max(x.abs()))
    }

    /// Primal simplex from the current basis until optimal for the current phase.
    ///
    /// Reduced costs are updated along with the Devex weights in one pass over the non-basic
    /// columns per pivot (d_j −= (d_q / α_rq)·α_rj, with α_rj from row r of B⁻¹), recomputed
    /// from the duals at every drift check, and always recomputed before optimality is
    /// declared.
    fn iterate(&mut self) -> Result<(), String> {
        let mut degenerate = 0usize;
        let mut col = Vec::new();
        let start = self.pivots;
        let mut d = self.all_reduced_costs();
        let mut fresh = true;
        loop {
            if self.pivots - start > MAX_PIVOTS {
                return Err("master LP: pivot limit reached".into());
            }
            if self.pivots_since_check >= CHECK_EVERY {
                let res = self.residual();
                if res > 1e-10 {
                    let _ = self.invert();
                    if std::env::var_os("G1000_TRACE").is_some() {
                        eprintln!("reinvert: residual {res:.2e} -> {:.2e}", self.residual());
                    }
                } else {
                    self.pivots_since_check = 0;
                }
                d = self.all_reduced_costs();
                fresh = true;
            }
            let bland = degenerate >= BLAND_AFTER;
            let mut entering = None;
            let mut best = 0.0;
            // Devex pricing: the largest reduced cost relative to the (approximate) norm of
            // the edge it moves along; far fewer pivots than Dantzig's rule on this LP.
            for v in self.candidates() {
                let j = var_index(v, self.nt);
                let dj = d[j];
                if dj > DJ_TOL {
                    let score = dj * dj / self.devex[j];
                    if score > best {
                        entering = Some(v);
                        if bland {
                            break;
                        }
                        best = score;
                    }
                }
            }
            let Some(q) = entering else {
                if fresh {
                    return Ok(());
                }
                d = self.all_reduced_costs();
                fresh = true;
                continue;
            };
            self.column(q, &mut col);
            let alpha = self.ftran(&col);
            // Ratio test; a basic artificial outside phase one must stay at zero, so it leaves
            // as soon as the entering column touches it.
            let mut r = None;
            let mut best_ratio = f64::INFINITY;
            let mut best_alpha = 0.0;
            for (i, &a) in alpha.iter().enumerate() {
                let art = matches!(self.basis[i], Var::Artificial(_));
                if !self.phase_one && art && a.abs() > PIVOT_TOL {
                    if best_ratio > 0.0 || a.abs() > best_alpha {
                        best_ratio = 0.0;
                        best_alpha = a.abs();
                        r = Some(i);
                    }
                    continue;
                }
                if a > PIVOT_TOL {
                    let ratio = self.xb[i].max(0.0) / a;
                    let better = if bland {
                        ratio < best_ratio - 1e-12
                            || (ratio <= best_ratio + 1e-12
                                && r.is_some_and(|p: usize| {
                                    var_index(self.basis[i], self.nt)
                                        < var_index(self.basis[p], self.nt)
                                }))
                    } else {
                        ratio < best_ratio - 1e-12
                            || (ratio <= best_ratio + 1e-12 && a > best_alpha)
                    };
                    if r.is_none() || better {
                        best_ratio = ratio;
                        best_alpha = a;
                        r = Some(i);
                    }
                }
            }
            let Some(r) = r else {
                return Err("master LP: unbounded (no panel limits the level)".into());
            };
            if best_ratio <= FEAS_TOL * 1e-3 {
                degenerate += 1;
                self.degenerate_pivots += 1;
            } else {
                degenerate = 0;
            }
            if self.xb[r] < 0.0 {
                self.xb[r] = 0.0;
            }
            self.update_prices(r, &alpha, q, &mut d);
            self.pivot(r, &alpha, q);
            fresh = false;
        }
    }

    /// Reduced costs and Devex reference weights after pivoting `q` in on row `r`, in one
    /// pass over the non-basic columns.
    fn update_prices(&mut self, r: usize, alpha: &[f64], q: Var, d: &mut [f64]) {
        let m = self.m;
        let nt = self.nt;
        let rho: Vec<f64> = (0..m).map(|j| self.binv[j * m + r]).collect();
        let arq = alpha[r];
        let qi = var_index(q, nt);
        let wq = self.devex[qi].max(1.0);
        let theta = d[qi] / arq;
        for (j, dj) in d.iter_mut().enumerate() {
            let v = var_of(j, nt);
            if j == qi || self.is_basic(v) {
                continue;
            }
            let arj = self.dot(&rho, v);
            if arj != 0.0 {
                *dj -= theta * arj;
                let ratio = arj / arq;
                let w = &mut self.devex[j];
                *w = w.max(ratio * ratio * wq);
            }
        }
        d[qi] = 0.0;
        let leaving = self.basis[r];
        if !matches!(leaving, Var::Artificial(_)) {
            let li = var_index(leaving, nt);
            // α_r of the leaving column is 1.
            d[li] = -theta;
            self.devex[li] = (wq / (arq * arq)).max(1.0);
        }
        if wq > 1e8 {
            self.devex.iter_mut().for_each(|w| *w = 1.0);
        }
    }

    /// Optimise: phase one (reach a feasible distribution) if still needed, then phase two.
    pub fn solve(&mut self) -> Result<Solved, String> {
        if self.phase_one {
            self.iterate()?;
            let infeas: f64 = self
                .basis
                .iter()
                .zip(&self.xb)
                .filter(|(v, _)| matches!(v, Var::Artificial(_)))
                .map(|(_, x)| x.max(0.0))
                .sum();
            if infeas > FEAS_TOL {
                return Ok(Solved::Infeasible);
            }
            self.phase_one = false;
            for x in self.xb.iter_mut() {
                if *x < 0.0 && *x > -FEAS_TOL {
                    *x = 0.0;
                }
            }
        }
        self.iterate()?;
        // Clean up before reporting: a fresh inverse when it has drifted.
        if self.residual() > 1e-11 && self.invert() {
            self.iterate()?;
        }
        Ok(Solved::Optimal)
    }

    /// Rows without a basic surplus (diagnostics).
    pub fn tight_rows(&self) -> usize {
        self.pos_surplus
            .iter()
            .filter(|&&p| p == usize::MAX)
            .count()
            + 1
    }

    /// Fix the given (unfixed) type rows at the current level and keep the optimal basis as a
    /// feasible start for the next level, instead of a new phase one over every column.
    ///
    /// Each row t becomes Σ_c a_tc x_c − s_t = p_t with p_t the level the row sits at now, so the
    /// current point stays feasible. The basis with z's column changed is singular exactly when
    /// the rows carry the whole dual (the dual is its left null vector); one basic variable is
    /// then moved to zero along the right null vector and replaced by the surplus of the fixed
    /// row with the largest dual. Returns the levels p_t, or `None` when the basis could not be
    /// carried over (the caller starts afresh).
    pub fn fix_rows(&mut self, rows: &[usize]) -> Option<Vec<f64>> {
        if self.phase_one || rows.is_empty() || self.pos_z == usize::MAX {
            return None;
        }
        let m = self.m;
        let pz = self.pos_z;
        let z = self.xb[pz];
        let pi = self.duals();
        // v = −B⁻¹Δ, with Δ = +1 in the rows whose −1 leaves z's column.
        let delta: Vec<(usize, f64)> = rows.iter().map(|&t| (1 + t, 1.0)).collect();
        let v: Vec<f64> = self.ftran(&delta).into_iter().map(|x| -x).collect();
        let levels: Vec<f64> = rows.iter().map(|&t| z + self.b[1 + t]).collect();
        for (&t, &p) in rows.iter().zip(&levels) {
            self.fixed[t] = Some(p);
            self.b[1 + t] = p;
        }
        if (1.0 - v[pz]).abs() < 1e-7 {
            // Singular: walk along the null vector v until a basic variable other than z
            // reaches zero (either direction keeps B x_B = b).
            let mut pick: Option<(f64, usize)> = None;
            for (i, &vi) in v.iter().enumerate() {
                if i == pz || vi.abs() < 1e-9 {
                    continue;
                }
                let step = self.xb[i].max(0.0) / vi.abs();
                if pick.is_none_or(|(s, _)| step < s) {
                    pick = Some((step, i));
                }
            }
            let (step, _) = pick?;
            // Among the (nearly) tied components, the largest |v_j| keeps the new basis well
            // conditioned.
            let j = (0..m)
                .filter(|&i| i != pz && v[i].abs() >= 1e-9)
                .filter(|&i| self.xb[i].max(0.0) <= step * v[i].abs() + 1e-12)
                .max_by(|&a, &b| v[a].abs().total_cmp(&v[b].abs()))?;
            // Moving x_j to zero: λ = −x_j / v_j; every other component must stay ≥ 0.
            let lambda = -self.xb[j].max(0.0) / v[j];
            if !(0..m).all(|i| self.xb[i] + lambda * v[i] >= -FEAS_TOL) {
                // The other direction would need another component; give up cleanly.
                return None;
            }
            let t0 = *rows
                .iter()
                .max_by(|&&a, &&b| (-pi[1 + a]).total_cmp(&-pi[1 + b]))?;
            let leaving = self.basis[j];
            self.set_pos(leaving, usize::MAX);
            self.basis[j] = Var::Surplus(t0);
            self.set_pos(Var::Surplus(t0), j);
        }
        if !self.invert() {
            return None;
        }
        if self.xb.iter().any(|&x| x < -1e-9) {
            return None;
        }
        // Round-off may leave a basic value a hair below zero; clip it and move the right-hand
        // side (by at most 1e-9) so that B x_B = b holds exactly again.
        if self.xb.iter().any(|&x| x < 0.0) {
            for x in self.xb.iter_mut() {
                *x = x.max(0.0);
            }
            let mut r = vec![0.0; m];
            let mut col = Vec::new();
            for (p, &v) in self.basis.iter().enumerate() {
                self.column(v, &mut col);
                for &(i, a) in &col {
                    r[i] += a * self.xb[p];
                }
            }
            self.b = r;
        }
        self.devex.iter_mut().for_each(|w| *w = 1.0);
        Some(levels)
    }

    /// The level z of the current basis.
    pub fn level(&self) -> f64 {
        if self.pos_z == usize::MAX {
            0.0
        } else {
            self.xb[self.pos_z]
        }
    }

    /// The LEXIMIN duals (y per type, ŷ) of the current basis.
    pub fn dual(&self) -> (Vec<f64>, f64) {
        let pi = self.duals();
        let y = (0..self.nt).map(|t| (-pi[1 + t]).max(0.0)).collect();
        (y, pi[0])
    }

    /// Objective of the restricted dual: ŷ − Σ_fixed p_t y_t (equals the level at optimum).
    pub fn objective(&self) -> f64 {
        self.level()
    }

    /// Panel weights x (one per column).
    pub fn weights(&self) -> Vec<f64> {
        let mut x = vec![0.0; self.columns.len()];
        for (p, &v) in self.basis.iter().enumerate() {
            if let Var::Panel(c) = v {
                x[c] = self.xb[p].max(0.0);
            }
        }
        x
    }
}

/// y += v·a elementwise. Dispatched to AVX where the processor has it; separate multiply and
/// add (never fused), so every machine computes bit-identical results.
fn axpy(y: &mut [f64], a: &[f64], v: f64) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx") {
            // SAFETY: the processor supports AVX (checked just above).
            unsafe { axpy_avx(y, a, v) };
            return;
        }
    }
    axpy_plain(y, a, v);
}

#[inline(always)]
fn axpy_plain(y: &mut [f64], a: &[f64], v: f64) {
    for (x, &b) in y.iter_mut().zip(a) {
        *x += b * v;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
unsafe fn axpy_avx(y: &mut [f64], a: &[f64], v: f64) {
    axpy_plain(y, a, v);
}

/// Inverse of [`var_index`] for the non-artificial variables.
fn var_of(j: usize, nt: usize) -> Var {
    match j {
        0 => Var::Z,
        j if j <= nt => Var::Surplus(j - 1),
        j => Var::Panel(j - 1 - nt),
    }
}

fn var_index(v: Var, nt: usize) -> usize {
    match v {
        Var::Z => 0,
        Var::Surplus(t) => 1 + t,
        Var::Panel(c) => 1 + nt + c,
        Var::Artificial(i) => usize::MAX / 2 + i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two types of one person each, panels {0}, {1}, {0,1}/2-type mixes: the maximin level is
    /// found and the duals certify it.
    #[test]
    fn maximin_of_a_tiny_instance() {
        // Type 0 has 2 people, type 1 has 1 person; panel size 1.
        // Panels: one person of type 0 (a = 1/2), or the person of type 1 (a = 1).
        let cols: Vec<Column> = vec![vec![(0, 0.5)], vec![(1, 1.0)]];
        let mut m = Master::new(2, &cols, &[None, None]);
        assert!(matches!(m.solve().unwrap(), Solved::Optimal));
        // x0/2 = x1, x0 + x1 = 1 -> x0 = 2/3, level 1/3.
        assert!((m.level() - 1.0 / 3.0).abs() < 1e-10, "{}", m.level());
        let x = m.weights();
        assert!((x[0] - 2.0 / 3.0).abs() < 1e-10);
        let (y, yhat) = m.dual();
        assert!((y.iter().sum::<f64>() - 1.0).abs() < 1e-10);
        for c in &cols {
            let v: f64 = c.iter().map(|&(t, a)| y[t] * a).sum();
            assert!(v <= yhat + 1e-12);
        }
    }

    #[test]
    fn fixed_levels_and_infeasibility() {
        let cols: Vec<Column> = vec![vec![(0, 0.5)], vec![(1, 1.0)]];
        // Type 0 fixed at 0.4 (needs x0 >= 0.8): type 1 gets at most 0.2.
        let mut m = Master::new(2, &cols, &[Some(0.4), None]);
        assert!(matches!(m.solve().unwrap(), Solved::Optimal));
        assert!((m.level() - 0.2).abs() < 1e-10, "{}", m.level());
        // Type 0 fixed at 0.6 is impossible (at most 0.5).
        let mut m = Master::new(2, &cols, &[Some(0.6), None]);
        assert!(matches!(m.solve().unwrap(), Solved::Infeasible));
    }

    #[test]
    fn warm_column_addition_improves_the_level() {
        let cols: Vec<Column> = vec![vec![(0, 0.5)]];
        let mut m = Master::new(2, &cols, &[None, None]);
        m.solve().unwrap();
        assert!(m.level().abs() < 1e-10);
        let (y, yhat) = m.dual();
        let new: Column = vec![(1, 1.0)];
        let v: f64 = new.iter().map(|&(t, a)| y[t] * a).sum();
        assert!(v > yhat + 1e-9, "the new panel prices out");
        m.add_column(new);
        m.solve().unwrap();
        assert!((m.level() - 1.0 / 3.0).abs() < 1e-10);
    }
}
