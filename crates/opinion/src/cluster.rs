//! k-means on 2-D points (weighted), the first-k-distinct cold start, the warm start from a previous
//! clustering, and the silhouette used to choose the number of groups.

pub type Point = [f64; 2];

fn dist2(a: Point, b: Point) -> f64 {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy
}

/// The first `k` distinct points, in order (Polis's cold start).
pub fn first_distinct(points: &[Point], k: usize) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(k);
    for &p in points {
        if out.len() == k {
            break;
        }
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

fn nearest(p: Point, centres: &[Point]) -> usize {
    let mut best = 0;
    let mut bd = f64::INFINITY;
    for (i, &c) in centres.iter().enumerate() {
        let d = dist2(p, c);
        if d < bd {
            bd = d;
            best = i;
        }
    }
    best
}

/// A clustering: centres and, per point, the index of its centre.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    pub centres: Vec<Point>,
    pub assignment: Vec<usize>,
}

/// Lloyd's k-means from the given centres: assign each point to its nearest centre (ties → the lower
/// index), move each centre to the weighted mean of its points, drop centres left empty; stop after
/// `max_iters` steps or when no centre moved by `tol` or more.
pub fn kmeans(
    points: &[Point],
    weights: &[f64],
    init: Vec<Point>,
    max_iters: usize,
    tol: f64,
) -> Clustering {
    let mut centres = init;
    let mut assignment = vec![0usize; points.len()];
    if centres.is_empty() {
        return Clustering {
            centres,
            assignment,
        };
    }
    for _ in 0..max_iters {
        let k = centres.len();
        let mut sx = vec![0.0; k];
        let mut sy = vec![0.0; k];
        let mut sw = vec![0.0; k];
        for (i, &p) in points.iter().enumerate() {
            let c = nearest(p, &centres);
            assignment[i] = c;
            sx[c] += weights[i] * p[0];
            sy[c] += weights[i] * p[1];
            sw[c] += weights[i];
        }
        let new: Vec<Point> = (0..k)
            .filter(|&c| sw[c] > 0.0)
            .map(|c| [sx[c] / sw[c], sy[c] / sw[c]])
            .collect();
        let same = new.len() == k
            && new
                .iter()
                .zip(&centres)
                .all(|(a, b)| dist2(*a, *b).sqrt() < tol);
        centres = new;
        if same {
            break;
        }
    }
    for (i, &p) in points.iter().enumerate() {
        assignment[i] = nearest(p, &centres);
    }
    // A final assignment could leave a centre empty only if two centres coincide; drop such centres.
    compact(points, centres, assignment)
}

fn compact(points: &[Point], centres: Vec<Point>, assignment: Vec<usize>) -> Clustering {
    let mut used = vec![false; centres.len()];
    assignment.iter().for_each(|&a| used[a] = true);
    if used.iter().all(|&u| u) {
        return Clustering {
            centres,
            assignment,
        };
    }
    let kept: Vec<Point> = centres
        .iter()
        .zip(&used)
        .filter(|(_, u)| **u)
        .map(|(c, _)| *c)
        .collect();
    let assignment = points.iter().map(|&p| nearest(p, &kept)).collect();
    Clustering {
        centres: kept,
        assignment,
    }
}

/// Complete a warm start to `k` centres: while there are fewer, the point farthest from its nearest centre
/// is split off as a new centre (Polis `clean-start-clusters`); with no centres at all, the first `k`
/// distinct points.
pub fn fill_to_k(points: &[Point], mut centres: Vec<Point>, k: usize) -> Vec<Point> {
    centres.truncate(k);
    if centres.is_empty() {
        return first_distinct(points, k);
    }
    while centres.len() < k {
        let far = points
            .iter()
            .filter(|p| !centres.contains(p))
            .map(|&p| (dist2(p, centres[nearest(p, &centres)]), p))
            .fold(None, |best: Option<(f64, Point)>, (d, p)| match best {
                Some((bd, _)) if bd >= d => best,
                _ => Some((d, p)),
            });
        match far {
            Some((_, p)) => centres.push(p),
            None => break,
        }
    }
    centres
}

/// Mean silhouette of a clustering of `points` (unweighted; a member of a singleton cluster scores 0).
pub fn silhouette(points: &[Point], assignment: &[usize], k: usize) -> f64 {
    let n = points.len();
    if n == 0 || k < 2 {
        return 0.0;
    }
    let mut size = vec![0usize; k];
    assignment.iter().for_each(|&a| size[a] += 1);
    let mut total = 0.0;
    let mut sums = vec![0.0; k];
    for i in 0..n {
        let own = assignment[i];
        if size[own] <= 1 {
            continue;
        }
        sums.iter_mut().for_each(|s| *s = 0.0);
        for j in 0..n {
            if i != j {
                sums[assignment[j]] += dist2(points[i], points[j]).sqrt();
            }
        }
        let a = sums[own] / (size[own] - 1) as f64;
        let b = (0..k)
            .filter(|&c| c != own && size[c] > 0)
            .map(|c| sums[c] / size[c] as f64)
            .fold(f64::INFINITY, f64::min);
        let m = a.max(b);
        if m > 0.0 && b.is_finite() {
            total += (b - a) / m;
        }
    }
    total / n as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_distinct_skips_duplicates() {
        let pts = [[0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [2.0, 0.0]];
        assert_eq!(first_distinct(&pts, 2), vec![[0.0, 0.0], [1.0, 0.0]]);
        assert_eq!(first_distinct(&pts, 9).len(), 3);
    }

    #[test]
    fn kmeans_two_blobs_hand_checked() {
        let w = [1.0; 4];
        // Start (0,0),(10,0): step 1 adds (0,1) to the first and (10,1) to the second → (0,.5),(10,.5).
        let pts = [[0.0, 0.0], [10.0, 0.0], [0.0, 1.0], [10.0, 1.0]];
        let c = kmeans(&pts, &w, first_distinct(&pts, 2), 100, 0.01);
        assert_eq!(c.centres, vec![[0.0, 0.5], [10.0, 0.5]]);
        assert_eq!(c.assignment, vec![0, 1, 0, 1]);
        // Start (0,0),(0,1): (10,0) is nearer (0,0) and (10,1) nearer (0,1) → the local optimum
        // (5,0),(5,1), where Lloyd's method stays.
        let pts = [[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]];
        let c = kmeans(&pts, &w, first_distinct(&pts, 2), 100, 0.01);
        assert_eq!(c.centres, vec![[5.0, 0.0], [5.0, 1.0]]);
        assert_eq!(c.assignment, vec![0, 1, 0, 1]);
    }

    #[test]
    fn weights_pull_centres() {
        let pts = [[0.0, 0.0], [3.0, 0.0]];
        let c = kmeans(&pts, &[1.0, 2.0], vec![[1.0, 0.0]], 10, 0.01);
        assert_eq!(c.centres, vec![[2.0, 0.0]]);
    }

    #[test]
    fn empty_clusters_are_dropped() {
        let pts = [[0.0, 0.0], [1.0, 0.0]];
        let c = kmeans(&pts, &[1.0; 2], vec![[0.5, 0.0], [100.0, 0.0]], 10, 0.01);
        assert_eq!(c.centres.len(), 1);
        assert_eq!(c.assignment, vec![0, 0]);
    }

    #[test]
    fn silhouette_hand_checked() {
        // Clusters {0, 1} and {4}: point 0: a = 1, b = 4 → 0.75; point 1: a = 1, b = 3 → 2/3; point 4: 0.
        let pts = [[0.0, 0.0], [1.0, 0.0], [4.0, 0.0]];
        let s = silhouette(&pts, &[0, 0, 1], 2);
        assert!((s - (0.75 + 2.0 / 3.0) / 3.0).abs() < 1e-12, "{s}");
    }

    #[test]
    fn fill_to_k_keeps_previous_centres_and_splits_the_farthest() {
        let pts = [[0.0, 0.0], [1.0, 0.0], [9.0, 0.0]];
        assert_eq!(
            fill_to_k(&pts, vec![[0.5, 0.0]], 2),
            vec![[0.5, 0.0], [9.0, 0.0]]
        );
        assert_eq!(fill_to_k(&pts, vec![], 2), vec![[0.0, 0.0], [1.0, 0.0]]);
        // Never more centres than distinct points.
        assert_eq!(fill_to_k(&pts, vec![[0.0, 0.0]], 5).len(), 3);
    }
}
