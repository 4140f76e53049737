//! TF-IDF vectors over normalised terms, cosine similarity and average-linkage (UPGMA) agglomerative
//! clustering cut at a similarity threshold.
//!
//! Entries with the same set of terms are one weighted item (they are identical vectors, so UPGMA merges
//! them first anyway); items are ordered by their terms, so the result does not depend on the input order.
//! Similarities are sparse (only items sharing a term are linked), and cluster links are kept as sums of
//! pairwise similarities, so a merge costs the number of neighbours, not the number of clusters.

/// A sparse, L2-normalised vector: (term index, weight), sorted by term index.
pub(crate) type Vector = Vec<(u32, f64)>;

/// Average-linkage clustering of weighted items, merging while the best average similarity is at least
/// `threshold`. Returns clusters of item indices, each sorted, in order of their smallest item.
///
/// The nearest-neighbour chain algorithm: average linkage is reducible, so merging reciprocal nearest
/// neighbours gives the same hierarchy as always merging the globally closest pair, and a cluster whose
/// closest neighbour is below the threshold stays below it for good. Ties go to the chain's previous
/// cluster, then to the smallest cluster id (a cluster's id is its smallest item).
///
/// Links are kept per cluster as a list of (neighbour, sum over member pairs of weight × weight ×
/// similarity); a merge only appends one list to the other, and a list is compacted (entries summed per
/// current cluster, through a union-find of the merges) whenever it is searched.
pub(crate) fn upgma(vectors: &[Vector], weights: &[f64], threshold: f64) -> Vec<Vec<usize>> {
    let n = vectors.len();
    // Pairwise similarities through an inverted index: only items sharing a term.
    let n_terms = vectors
        .iter()
        .flatten()
        .map(|&(t, _)| t as usize + 1)
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_terms];
    for (i, v) in vectors.iter().enumerate() {
        for &(t, x) in v {
            postings[t as usize].push((i, x));
        }
    }
    let mut links: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut acc = vec![0.0; n];
    let mut touched = Vec::new();
    for (i, v) in vectors.iter().enumerate() {
        for &(t, x) in v {
            let list = &postings[t as usize];
            let start = list.partition_point(|&(j, _)| j <= i);
            for &(j, y) in &list[start..] {
                if acc[j] == 0.0 {
                    touched.push(j);
                }
                acc[j] += x * y;
            }
        }
        touched.sort_unstable();
        for &j in &touched {
            let s = weights[i] * weights[j] * acc[j];
            links[i].push((j, s));
            links[j].push((i, s));
            acc[j] = 0.0;
        }
        touched.clear();
    }

    let mut parent: Vec<usize> = (0..n).collect();
    let mut weight = weights.to_vec();
    let mut done = vec![false; n];
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut chain: Vec<usize> = Vec::new();
    let mut seen = vec![false; n];
    // Clusters still to visit: every item, and every cluster a merge makes.
    let mut todo: Vec<usize> = (0..n).rev().collect();
    while let Some(start) = todo.pop() {
        if parent[start] != start || done[start] {
            continue;
        }
        chain.push(start);
        while let Some(&a) = chain.last() {
            // Compact a's links: one entry per current neighbour cluster.
            let list = std::mem::take(&mut links[a]);
            for (j, s) in list {
                let r = find(&mut parent, j);
                if r == a {
                    continue;
                }
                if !seen[r] {
                    seen[r] = true;
                    touched.push(r);
                }
                acc[r] += s;
            }
            let compact: Vec<(usize, f64)> = touched.iter().map(|&r| (r, acc[r])).collect();
            for &r in &touched {
                seen[r] = false;
                acc[r] = 0.0;
            }
            touched.clear();
            let prev = chain.len().checked_sub(2).map(|i| chain[i]);
            let mut best: Option<(usize, f64)> = None;
            for &(b, s) in &compact {
                let avg = s / (weight[a] * weight[b]);
                let better = match best {
                    None => true,
                    Some((bb, bs)) => {
                        avg > bs || (avg == bs && Some(bb) != prev && (Some(b) == prev || b < bb))
                    }
                };
                if better {
                    best = Some((b, avg));
                }
            }
            links[a] = compact;
            match best {
                Some((b, avg)) if avg >= threshold => {
                    if Some(b) == prev {
                        chain.pop();
                        chain.pop();
                        let (a, b) = if a < b { (a, b) } else { (b, a) };
                        parent[b] = a;
                        let lb = std::mem::take(&mut links[b]);
                        links[a].extend(lb);
                        weight[a] += weight[b];
                        let moved = std::mem::take(&mut members[b]);
                        members[a].extend(moved);
                        todo.push(a);
                    } else {
                        chain.push(b);
                    }
                }
                _ => {
                    done[a] = true;
                    chain.pop();
                }
            }
        }
    }
    let mut out: Vec<Vec<usize>> = (0..n)
        .filter(|&i| parent[i] == i)
        .map(|i| {
            let mut m = std::mem::take(&mut members[i]);
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_by_key(|m| m[0]);
    out
}

/// The current cluster of item `i` (path halving).
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn dot(a: &Vector, b: &Vector) -> f64 {
        let (mut i, mut j, mut s) = (0, 0, 0.0);
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    s += a[i].1 * b[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        s
    }

    fn unit(v: &[(u32, f64)]) -> Vector {
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
        v.iter().map(|&(t, x)| (t, x / norm)).collect()
    }

    #[test]
    fn merges_items_sharing_terms_and_keeps_strangers_apart() {
        let v = vec![
            unit(&[(0, 1.0)]),
            unit(&[(0, 1.0), (1, 1.0)]),
            unit(&[(1, 1.0)]),
            unit(&[(2, 1.0)]),
        ];
        // 0~1 and 1~2 at 0.707; 0~2 at 0: average linkage of {0,1} to 2 is 0.354.
        assert_eq!(
            upgma(&v, &[1.0; 4], 0.5),
            vec![vec![0, 1], vec![2], vec![3]]
        );
        assert_eq!(upgma(&v, &[1.0; 4], 0.3), vec![vec![0, 1, 2], vec![3]]);
        assert_eq!(
            upgma(&v, &[1.0; 4], 0.9),
            vec![vec![0], vec![1], vec![2], vec![3]]
        );
    }

    #[test]
    fn weights_pull_the_average() {
        // Item 1 links 0 and 2 equally; 0 weighs 3, so {0,1} forms first, and the link of 2 to it is
        // 0.707 * 1 / 4 = 0.18: below 0.3, so 2 stays alone.
        let v = vec![
            unit(&[(0, 1.0)]),
            unit(&[(0, 1.0), (1, 1.0)]),
            unit(&[(1, 1.0)]),
        ];
        assert_eq!(upgma(&v, &[3.0, 1.0, 1.0], 0.3), vec![vec![0, 1], vec![2]]);
    }

    /// The textbook algorithm: always merge the globally closest pair (O(n³)), as the oracle.
    fn greedy(vectors: &[Vector], weights: &[f64], threshold: f64) -> Vec<Vec<usize>> {
        let mut clusters: Vec<Vec<usize>> = (0..vectors.len()).map(|i| vec![i]).collect();
        loop {
            let avg = |a: &Vec<usize>, b: &Vec<usize>| {
                let mut s = 0.0;
                for &i in a {
                    for &j in b {
                        s += weights[i] * weights[j] * dot(&vectors[i], &vectors[j]);
                    }
                }
                let w = |c: &Vec<usize>| c.iter().map(|&i| weights[i]).sum::<f64>();
                s / (w(a) * w(b))
            };
            let mut best: Option<(f64, usize, usize)> = None;
            for a in 0..clusters.len() {
                for b in a + 1..clusters.len() {
                    let s = avg(&clusters[a], &clusters[b]);
                    if best.is_none_or(|(bs, _, _)| s > bs) {
                        best = Some((s, a, b));
                    }
                }
            }
            match best {
                Some((s, a, b)) if s >= threshold => {
                    let moved = clusters.remove(b);
                    clusters[a].extend(moved);
                    clusters[a].sort_unstable();
                }
                _ => break,
            }
        }
        clusters.sort_by_key(|m| m[0]);
        clusters
    }

    #[test]
    fn same_clusters_as_always_merging_the_closest_pair() {
        let mut state = 99u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for round in 0..40 {
            let n = 5 + round;
            let vectors: Vec<Vector> = (0..n)
                .map(|_| {
                    let mut v: Vec<(u32, f64)> = Vec::new();
                    for t in 0..6u32 {
                        if next() < 0.35 {
                            v.push((t, 0.1 + next()));
                        }
                    }
                    if v.is_empty() {
                        v.push(((next() * 6.0) as u32, 1.0));
                    }
                    unit(&v)
                })
                .collect();
            let weights: Vec<f64> = (0..n).map(|_| (1.0 + 4.0 * next()).floor()).collect();
            for threshold in [0.2, 0.4, 0.6, 0.8] {
                assert_eq!(
                    upgma(&vectors, &weights, threshold),
                    greedy(&vectors, &weights, threshold),
                    "round {round}, threshold {threshold}"
                );
            }
        }
    }
}
