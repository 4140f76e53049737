//! PCA of the vote matrix with mean imputation, computed sparsely, and the sparsity-aware projection.
//!
//! Missing cells are imputed with their column mean, so after centring they are exactly 0: the centred
//! matrix X has non-zeros only at voted cells (moderated-out columns are all 0). The top two eigenvectors
//! of XᵀX are found by power iteration, either with sparse products (cost O(votes) per iteration) or on
//! the dense Gram matrix XᵀX (cost O(Σ row nnz²) once, then O(columns²) per iteration), whichever is
//! cheaper. Component 2 iterates on P·XᵀX·P with P = I − v₁v₁ᵀ (the deflated matrix, never formed).

use crate::rng::SplitMix64;

/// The centred sparse matrix in compressed rows.
pub(crate) struct Centred {
    pub n_cols: usize,
    pub row_ptr: Vec<usize>,
    pub cols: Vec<u32>,
    pub vals: Vec<f64>,
    /// Per row: the votes that count for the projection's scaling (moderated-out columns count for all).
    pub n_votes: Vec<u32>,
    /// Column means (the imputed values).
    #[cfg_attr(not(test), allow(dead_code))]
    pub means: Vec<f64>,
}

impl Centred {
    pub fn build(m: &crate::VoteMatrix) -> Self {
        let n_cols = m.statements().len();
        let mod_out = m.mod_out_mask();
        let n_mod_out = mod_out.iter().filter(|&&b| b).count() as u32;
        let mut sum = vec![0.0f64; n_cols];
        let mut cnt = vec![0u32; n_cols];
        let n_rows = m.participants().len();
        for r in 0..n_rows {
            for &(c, v) in m.row(r) {
                sum[c as usize] += v as f64;
                cnt[c as usize] += 1;
            }
        }
        let means: Vec<f64> = (0..n_cols)
            .map(|c| {
                if mod_out[c] || cnt[c] == 0 {
                    0.0
                } else {
                    sum[c] / cnt[c] as f64
                }
            })
            .collect();
        let mut row_ptr = Vec::with_capacity(n_rows + 1);
        let mut cols = Vec::with_capacity(m.n_votes());
        let mut vals = Vec::with_capacity(m.n_votes());
        let mut n_votes = Vec::with_capacity(n_rows);
        row_ptr.push(0);
        let mut scratch: Vec<(u32, i8)> = Vec::new();
        for r in 0..n_rows {
            scratch.clear();
            scratch.extend(m.row(r).iter().filter(|(c, _)| !mod_out[*c as usize]));
            scratch.sort_unstable_by_key(|x| x.0);
            n_votes.push(scratch.len() as u32 + n_mod_out);
            for &(c, v) in &scratch {
                let x = v as f64 - means[c as usize];
                if x != 0.0 {
                    cols.push(c);
                    vals.push(x);
                }
            }
            row_ptr.push(cols.len());
        }
        Centred {
            n_cols,
            row_ptr,
            cols,
            vals,
            n_votes,
            means,
        }
    }

    pub fn n_rows(&self) -> usize {
        self.row_ptr.len() - 1
    }

    fn row(&self, r: usize) -> (&[u32], &[f64]) {
        let (a, b) = (self.row_ptr[r], self.row_ptr[r + 1]);
        (&self.cols[a..b], &self.vals[a..b])
    }

    /// out = XᵀX v, sparsely (one vector; the tests check the fused two-vector product against it).
    #[cfg(test)]
    fn gram_apply_sparse(&self, v: &[f64], out: &mut [f64]) {
        out.iter_mut().for_each(|x| *x = 0.0);
        for r in 0..self.n_rows() {
            let (cs, xs) = self.row(r);
            let mut d = 0.0;
            for (c, x) in cs.iter().zip(xs) {
                d += x * v[*c as usize];
            }
            if d != 0.0 {
                for (c, x) in cs.iter().zip(xs) {
                    out[*c as usize] += d * x;
                }
            }
        }
    }

    /// (o1, o2) = (XᵀX v1, XᵀX v2) in one pass over the rows.
    fn gram_apply2_sparse(&self, v1: &[f64], v2: &[f64], o1: &mut [f64], o2: &mut [f64]) {
        o1.iter_mut().for_each(|x| *x = 0.0);
        o2.iter_mut().for_each(|x| *x = 0.0);
        for r in 0..self.n_rows() {
            let (cs, xs) = self.row(r);
            let (mut d1, mut d2) = (0.0, 0.0);
            for (c, x) in cs.iter().zip(xs) {
                d1 += x * v1[*c as usize];
                d2 += x * v2[*c as usize];
            }
            for (c, x) in cs.iter().zip(xs) {
                o1[*c as usize] += d1 * x;
                o2[*c as usize] += d2 * x;
            }
        }
    }

    /// The dense Gram matrix XᵀX (row-major, n_cols²).
    fn gram_dense(&self) -> Vec<f64> {
        let n = self.n_cols;
        let mut g = vec![0.0f64; n * n];
        for r in 0..self.n_rows() {
            let (cs, xs) = self.row(r);
            for (i, (&a, &xa)) in cs.iter().zip(xs).enumerate() {
                let base = a as usize * n;
                // Columns are sorted per row, so b ≥ a: fill the upper triangle.
                for (&b, &xb) in cs[i..].iter().zip(&xs[i..]) {
                    g[base + b as usize] += xa * xb;
                }
            }
        }
        for a in 0..n {
            for b in (a + 1)..n {
                g[b * n + a] = g[a * n + b];
            }
        }
        g
    }
}

/// Two principal components (unit vectors over columns) and their eigenvalue estimates.
#[derive(Debug, Clone, PartialEq)]
pub struct Components {
    pub comps: [Vec<f64>; 2],
    pub eigenvalues: [f64; 2],
    /// Power-iteration steps taken, per component (for tests and diagnostics).
    pub iterations: [usize; 2],
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn norm(a: &[f64]) -> f64 {
    dot(a, a).sqrt()
}

fn project_out(v: &mut [f64], u: &[f64]) {
    let d = dot(v, u);
    v.iter_mut().zip(u).for_each(|(x, y)| *x -= d * y);
}

fn normalise(v: &mut [f64]) -> f64 {
    let n = norm(v);
    if n > 0.0 {
        v.iter_mut().for_each(|a| *a /= n);
    }
    n
}

/// The top two components of XᵀX by block power iteration (orthogonal iteration with a Rayleigh–Ritz
/// step): both vectors are multiplied in one pass over the votes, rotated to the eigenvectors of the
/// 2×2 projected matrix, and re-orthonormalised. The pair converges at the rate λ₃/λ₂ (plain power
/// iteration with deflation, as Polis does, needs λ₂/λ₁ for the first component, slow when two
/// camps are about equally strong). `warm` = the previous components (columns added since start at 0).
/// Stops after `max_iters` or when neither vector moves `tol` (Euclidean) in one step.
pub(crate) fn components(
    x: &Centred,
    warm: Option<&Components>,
    rng: &mut SplitMix64,
    max_iters: usize,
    tol: f64,
) -> Components {
    let n = x.n_cols;
    let nnz = x.vals.len();
    // Cost estimates in multiply-adds for the full iteration budget.
    let sq: usize = (0..x.n_rows())
        .map(|r| {
            let k = x.row_ptr[r + 1] - x.row_ptr[r];
            k * (k + 1) / 2
        })
        .sum();
    let dense = n <= 6000 && sq + 2 * max_iters * n * n < 4 * max_iters * nnz;
    let gram = if dense { x.gram_dense() } else { Vec::new() };
    let apply2 = |v1: &[f64], v2: &[f64], o1: &mut [f64], o2: &mut [f64]| {
        if dense {
            for i in 0..n {
                let row = &gram[i * n..(i + 1) * n];
                o1[i] = dot(row, v1);
                o2[i] = dot(row, v2);
            }
        } else {
            x.gram_apply2_sparse(v1, v2, o1, o2);
        }
    };
    let start = |k: usize, rng: &mut SplitMix64| -> Vec<f64> {
        match warm {
            Some(w) if norm(&w.comps[k]) > 0.0 => {
                let mut v = w.comps[k].clone();
                v.resize(n, 0.0);
                v
            }
            _ => (0..n).map(|_| rng.next_f64()).collect(),
        }
    };
    let mut v1 = start(0, rng);
    let mut v2 = start(1, rng);
    normalise(&mut v1);
    project_out(&mut v2, &v1);
    if normalise(&mut v2) == 0.0 && n > 1 {
        v2 = (0..n).map(|_| rng.next_f64()).collect();
        project_out(&mut v2, &v1);
        normalise(&mut v2);
    }
    let (mut w1, mut w2) = (vec![0.0; n], vec![0.0; n]);
    let mut eig = [0.0; 2];
    let mut iters = 0;
    for it in 0..max_iters {
        iters = it + 1;
        apply2(&v1, &v2, &mut w1, &mut w2);
        // Rayleigh–Ritz on span(v1, v2): H = Vᵀ G V, symmetric 2×2.
        let (a, b, d) = (dot(&v1, &w1), dot(&v1, &w2), dot(&v2, &w2));
        let mean = (a + d) / 2.0;
        let rad = (((a - d) / 2.0).powi(2) + b * b).sqrt();
        eig = [mean + rad, mean - rad];
        // Unit eigenvector (c, s) of H for the larger eigenvalue; (−s, c) for the other.
        let (c, s) = if b.abs() > 0.0 {
            let (ux, uy) = (b, eig[0] - a);
            let l = (ux * ux + uy * uy).sqrt();
            (ux / l, uy / l)
        } else if a >= d {
            (1.0, 0.0)
        } else {
            (0.0, 1.0)
        };
        // New vectors: G·(V u₁), G·(V u₂) = W u₁, W u₂, orthonormalised; moved = distance to V u.
        let mut moved: f64 = 0.0;
        let mut n1: Vec<f64> = w1.iter().zip(&w2).map(|(p, q)| c * p + s * q).collect();
        let mut n2: Vec<f64> = w1.iter().zip(&w2).map(|(p, q)| -s * p + c * q).collect();
        if normalise(&mut n1) == 0.0 {
            break;
        }
        project_out(&mut n2, &n1);
        let has2 = normalise(&mut n2) > 0.0;
        for (k, newv) in [&n1, &n2].into_iter().enumerate() {
            if k == 1 && !has2 {
                continue;
            }
            let (cc, ss) = if k == 0 { (c, s) } else { (-s, c) };
            let d: f64 = v1
                .iter()
                .zip(&v2)
                .zip(newv)
                .map(|((p, q), r)| {
                    let old = cc * p + ss * q;
                    (old - r) * (old - r)
                })
                .sum::<f64>()
                .sqrt();
            moved = moved.max(d);
        }
        v1 = n1;
        if has2 {
            v2 = n2;
        } else {
            v2 = vec![0.0; n];
        }
        if moved < tol {
            break;
        }
    }
    Components {
        comps: [v1, v2],
        eigenvalues: eig,
        iterations: [iters, iters],
    }
}

/// The sparsity-aware projection of every row: sqrt(n_cols / max(n_votes, 1)) · (X_r · pc₁, X_r · pc₂).
pub(crate) fn project(x: &Centred, c: &Components) -> Vec<[f64; 2]> {
    let n_cols = x.n_cols as f64;
    (0..x.n_rows())
        .map(|r| {
            let (cs, xs) = x.row(r);
            let mut p = [0.0; 2];
            for (col, v) in cs.iter().zip(xs) {
                p[0] += v * c.comps[0][*col as usize];
                p[1] += v * c.comps[1][*col as usize];
            }
            let s = (n_cols / (x.n_votes[r].max(1) as f64)).sqrt();
            [p[0] * s, p[1] * s]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::VoteMatrix;

    fn matrix(rows: &[&[Option<i8>]]) -> VoteMatrix {
        let mut m = VoteMatrix::new();
        for (p, row) in rows.iter().enumerate() {
            for (t, v) in row.iter().enumerate() {
                if let Some(v) = v {
                    m.set_vote(p as u64, t as u64, *v);
                }
            }
        }
        m
    }

    #[test]
    fn imputed_cells_are_zero_after_centring() {
        // Column 0: votes 1, -1 → mean 0; column 1: votes 1, 1, (missing) → mean 1.
        let m = matrix(&[&[Some(1), Some(1)], &[Some(-1), Some(1)], &[Some(-1), None]]);
        let x = Centred::build(&m);
        // Column 0: 1, -1, -1 → mean -1/3; column 1: 1, 1 → mean 1, centred 0 (and 0 where missing).
        assert_eq!(x.means, vec![-1.0 / 3.0, 1.0]);
        assert_eq!(x.cols, vec![0, 0, 0]);
        let want = [4.0 / 3.0, -2.0 / 3.0, -2.0 / 3.0];
        assert!(
            x.vals.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-15),
            "{:?}",
            x.vals
        );
        assert_eq!(x.row_ptr, vec![0, 1, 2, 3]);
        assert_eq!(x.n_votes, vec![2, 2, 1]);
    }

    #[test]
    fn moderated_out_columns_are_zero_and_count_as_votes() {
        let mut m = matrix(&[&[Some(1), Some(1)], &[Some(-1), None]]);
        m.set_moderated_out(1, true);
        let x = Centred::build(&m);
        assert_eq!(x.means, vec![0.0, 0.0]);
        assert_eq!(x.cols, vec![0, 0]);
        // Row 1 voted on column 0 only, but the moderated-out column counts for everyone.
        assert_eq!(x.n_votes, vec![2, 2]);
    }

    #[test]
    fn power_iteration_finds_the_known_eigenvectors_sparse_and_dense() {
        // Two camps on 3 statements: rows (1,1,-1) and (-1,-1,1), plus one row only on column 2.
        // Means: c0 = 0, c1 = 0, c2 = (-1 + 1 + 1)/3 = 1/3.
        let m = matrix(&[
            &[Some(1), Some(1), Some(-1)],
            &[Some(-1), Some(-1), Some(1)],
            &[None, None, Some(1)],
        ]);
        let x = Centred::build(&m);
        let mut rng = SplitMix64::new(1);
        let c = components(&x, None, &mut rng, 1000, 1e-12);
        // Hand check: XᵀX = [[2,2,-8/3],[2,2,-8/3],[-8/3,-8/3,24/9]]; its top eigenvector ∝ (1,1,-4/3·…).
        let g = x.gram_dense();
        let v = &c.comps[0];
        let mut gv = vec![0.0; 3];
        for i in 0..3 {
            gv[i] = dot(&g[i * 3..i * 3 + 3], v);
        }
        let lambda = dot(v, &gv);
        for i in 0..3 {
            assert!(
                (gv[i] - lambda * v[i]).abs() < 1e-9,
                "not an eigenvector: {gv:?} vs {v:?}"
            );
        }
        assert!((lambda - c.eigenvalues[0]).abs() < 1e-9);
        assert!((v[0] - v[1]).abs() < 1e-9);
        // Trace = 2 + 2 + 24/9; rank 2 (columns 0 and 1 equal) → λ1 + λ2 = trace.
        let trace = 4.0 + 24.0 / 9.0;
        assert!((c.eigenvalues[0] + c.eigenvalues[1] - trace).abs() < 1e-8);
        assert!(dot(&c.comps[0], &c.comps[1]).abs() < 1e-9);
        // The sparse path gives the same (up to sign).
        let mut w = vec![0.0; 3];
        x.gram_apply_sparse(v, &mut w);
        for i in 0..3 {
            assert!((w[i] - gv[i]).abs() < 1e-12);
        }
    }

    #[test]
    fn projection_scales_sparse_voters_out() {
        let m = matrix(&[
            &[Some(1), Some(1), Some(-1), Some(1)],
            &[Some(-1), None, None, None],
        ]);
        let x = Centred::build(&m);
        let c = Components {
            comps: [vec![1.0, 0.0, 0.0, 0.0], vec![0.0, 1.0, 0.0, 0.0]],
            eigenvalues: [1.0, 1.0],
            iterations: [0, 0],
        };
        let p = project(&x, &c);
        // Row 1: x0 = -1 - 0 = -1, one vote of 4 → scale 2.
        assert_eq!(p[1], [-2.0, 0.0]);
        // Row 0: x0 = 1, x1 = 1 - 1 = 0, four votes → scale 1.
        assert_eq!(p[0], [1.0, 0.0]);
    }
}
