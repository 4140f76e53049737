//! Agreement between two clusterings.

use std::collections::HashMap;

fn choose2(n: u64) -> f64 {
    (n as f64) * (n.saturating_sub(1) as f64) / 2.0
}

/// The adjusted Rand index of two labelings of the same items (1 = identical partitions, about 0 = chance).
/// Two trivial partitions (one cluster each, or all singletons) that agree score 1.
pub fn adjusted_rand_index(a: &[usize], b: &[usize]) -> f64 {
    assert_eq!(a.len(), b.len(), "labelings of different lengths");
    let n = a.len() as u64;
    let mut cells: HashMap<(usize, usize), u64> = HashMap::new();
    let mut ra: HashMap<usize, u64> = HashMap::new();
    let mut rb: HashMap<usize, u64> = HashMap::new();
    for (&x, &y) in a.iter().zip(b) {
        *cells.entry((x, y)).or_default() += 1;
        *ra.entry(x).or_default() += 1;
        *rb.entry(y).or_default() += 1;
    }
    let index: f64 = cells.values().map(|&c| choose2(c)).sum();
    let sa: f64 = ra.values().map(|&c| choose2(c)).sum();
    let sb: f64 = rb.values().map(|&c| choose2(c)).sum();
    let expected = sa * sb / choose2(n).max(1.0);
    let max = (sa + sb) / 2.0;
    if max == expected {
        return 1.0;
    }
    (index - expected) / (max - expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_up_to_labels_is_one() {
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 2, 2]), 1.0);
    }

    #[test]
    fn hand_checked_value() {
        // a = {0,1,2},{3,4,5}; b = {0,1},{2,3},{4,5}. Cells: (0,0)=2,(0,1)=1,(1,1)=1,(1,2)=2 → index 2.
        // sa = 3+3 = 6, sb = 1+1+1 = 3, C(6,2) = 15 → expected 6·3/15 = 1.2, max 4.5.
        // ARI = (2 − 1.2)/(4.5 − 1.2) = 0.8/3.3.
        let ari = adjusted_rand_index(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        assert!((ari - 0.8 / 3.3).abs() < 1e-12, "{ari}");
    }
}
