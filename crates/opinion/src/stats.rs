//! Representativeness, consensus and group-informed consensus, with their significance tests.

/// The one-sided 90 % significance threshold Polis uses.
pub const Z_90: f64 = 1.2816;

/// Polis's proportion test: 2·sqrt(n + 1)·((s + 1)/(n + 1) − 0.5).
pub fn prop_test(s: f64, n: f64) -> f64 {
    2.0 * (n + 1.0).sqrt() * ((s + 1.0) / (n + 1.0) - 0.5)
}

/// Polis's two-proportion test with a pseudocount of 1 on all four counts; 0 when the pooled p is 1.
pub fn two_prop_test(s1: f64, s2: f64, n1: f64, n2: f64) -> f64 {
    let (s1, s2, n1, n2) = (s1 + 1.0, s2 + 1.0, n1 + 1.0, n2 + 1.0);
    let (p1, p2) = (s1 / n1, s2 / n2);
    let p = (s1 + s2) / (n1 + n2);
    if p >= 1.0 {
        return 0.0;
    }
    (p1 - p2) / (p * (1.0 - p) * (1.0 / n1 + 1.0 / n2)).sqrt()
}

/// Agree, disagree and total (agree + disagree + pass) counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub a: u32,
    pub d: u32,
    pub s: u32,
}

impl Counts {
    pub fn add(&mut self, v: i8) {
        self.s += 1;
        match v {
            1 => self.a += 1,
            -1 => self.d += 1,
            _ => {}
        }
    }
    pub fn pa(&self) -> f64 {
        (self.a as f64 + 1.0) / (self.s as f64 + 2.0)
    }
    pub fn pd(&self) -> f64 {
        (self.d as f64 + 1.0) / (self.s as f64 + 2.0)
    }
    pub fn pat(&self) -> f64 {
        prop_test(self.a as f64, self.s as f64)
    }
    pub fn pdt(&self) -> f64 {
        prop_test(self.d as f64, self.s as f64)
    }
}

/// A representative statement of a group.
#[derive(Debug, Clone, PartialEq)]
pub struct Rep {
    pub tid: u64,
    /// true = the group agrees more than the rest, false = disagrees more.
    pub agree: bool,
    /// p-success: pa or pd.
    pub p: f64,
    /// p-test: pat or pdt.
    pub p_test: f64,
    /// repness: ra or rd.
    pub repness: f64,
    /// repness-test: rat or rdt (the two-proportion z of the group against the rest).
    pub z: f64,
    pub best_agree: bool,
}

struct Cand {
    tid: u64,
    pa: f64,
    pat: f64,
    ra: f64,
    rat: f64,
    pd: f64,
    pdt: f64,
    rd: f64,
    rdt: f64,
}

impl Cand {
    fn new(tid: u64, g: Counts, rest: Counts) -> Self {
        let (a_r, d_r, s_r) = (rest.a as f64, rest.d as f64, rest.s as f64);
        Cand {
            tid,
            pa: g.pa(),
            pat: g.pat(),
            ra: g.pa() / ((1.0 + a_r) / (2.0 + s_r)),
            rat: two_prop_test(g.a as f64, a_r, g.s as f64, s_r),
            pd: g.pd(),
            pdt: g.pdt(),
            rd: g.pd() / ((1.0 + d_r) / (2.0 + s_r)),
            rdt: two_prop_test(g.d as f64, d_r, g.s as f64, s_r),
        }
    }

    fn rep(&self, best_agree: bool) -> Rep {
        let agree = best_agree || self.rat > self.rdt;
        if agree {
            Rep {
                tid: self.tid,
                agree,
                p: self.pa,
                p_test: self.pat,
                repness: self.ra,
                z: self.rat,
                best_agree,
            }
        } else {
            Rep {
                tid: self.tid,
                agree,
                p: self.pd,
                p_test: self.pdt,
                repness: self.rd,
                z: self.rdt,
                best_agree,
            }
        }
    }
}

/// Select a group's representative statements (Polis `select-rep-comments`). `stats` = per statement (tid,
/// the group's counts, the rest's counts), moderated-out statements already removed, in column order.
pub fn select_reps(stats: &[(u64, Counts, Counts)], top: usize) -> Vec<Rep> {
    let mut passing: Vec<(f64, Rep)> = Vec::new();
    let mut best: Option<Cand> = None;
    let mut best_head: Option<(f64, Cand)> = None;
    for &(tid, g, rest) in stats {
        let c = Cand::new(tid, g, rest);
        let passes = (c.rat > Z_90 && c.pat > Z_90) || (c.rdt > Z_90 && c.pdt > Z_90);
        if passes {
            let r = c.rep(false);
            let metric = r.repness * r.z * r.p * r.p_test;
            passing.push((metric, r));
        } else if passing.is_empty() {
            let h = c.rat.max(c.rdt);
            if best_head.as_ref().is_none_or(|(bh, _)| h > *bh) {
                best_head = Some((h, Cand::new(tid, g, rest)));
            }
        }
        if g.a == 0 && g.d == 0 {
            continue;
        }
        let replace = match &best {
            Some(b) if b.ra > 1.0 => c.ra * c.rat * c.pa * c.pat > b.ra * b.rat * b.pa * b.pat,
            Some(b) => c.pa * c.pat > b.pa * b.pat,
            None => c.pat > Z_90 || (c.ra > 1.0 && c.pa > 0.5),
        };
        if replace {
            best = Some(c);
        }
    }
    if passing.is_empty() {
        return match (best, best_head) {
            (Some(b), _) => vec![b.rep(true)],
            (None, Some((_, h))) => vec![h.rep(false)],
            (None, None) => Vec::new(),
        };
    }
    // Highest metric first (stable: ties keep column order), top N, agrees before disagrees.
    passing.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut reps: Vec<Rep> = passing.into_iter().take(top).map(|(_, r)| r).collect();
    reps.sort_by_key(|r| !r.agree);
    if let Some(b) = best {
        reps.retain(|r| r.tid != b.tid);
        reps.insert(0, b.rep(true));
        reps.truncate(top);
    }
    reps
}

/// A consensus statement: p-success and p-test over all participants.
#[derive(Debug, Clone, PartialEq)]
pub struct Consensus {
    pub tid: u64,
    pub p: f64,
    pub z: f64,
}

/// Consensus over everyone (Polis `select-consensus-comments`): (agree list, disagree list).
pub fn select_consensus(stats: &[(u64, Counts)], top: usize) -> (Vec<Consensus>, Vec<Consensus>) {
    let pick = |agree: bool| {
        let mut v: Vec<Consensus> = stats
            .iter()
            .map(|&(tid, c)| {
                let (p, z) = if agree {
                    (c.pa(), c.pat())
                } else {
                    (c.pd(), c.pdt())
                };
                Consensus { tid, p, z }
            })
            .filter(|c| c.p > 0.5 && c.z > Z_90)
            .collect();
        v.sort_by(|a, b| (b.p * b.z).total_cmp(&(a.p * a.z)));
        v.truncate(top);
        v
    };
    (pick(true), pick(false))
}

/// Group-informed consensus (agree): Π over groups of (A_g + 1)/(S_g + 2).
pub fn group_informed_consensus(per_group: &[Counts]) -> f64 {
    per_group.iter().map(|c| c.pa()).product()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(a: u32, d: u32, s: u32) -> Counts {
        Counts { a, d, s }
    }

    #[test]
    fn tests_hand_checked() {
        // prop-test(8, 10) = 2·sqrt(11)·(9/11 − 0.5) = 2·3.31662·0.318182 = 2.110579
        assert!((prop_test(8.0, 10.0) - 2.110579).abs() < 1e-5);
        // two-prop(8, 2, 10, 10): 9/11 vs 3/11, p̂ = 12/22; z = (6/11)/sqrt(6/11·5/11·2/11) = 2.569047
        let z = two_prop_test(8.0, 2.0, 10.0, 10.0);
        assert!((z - 2.569047).abs() < 1e-5, "{z}");
        assert_eq!(two_prop_test(10.0, 10.0, 10.0, 10.0), 0.0);
        assert!((c(3, 1, 5).pa() - 4.0 / 7.0).abs() < 1e-15);
        assert!((c(3, 1, 5).pd() - 2.0 / 7.0).abs() < 1e-15);
    }

    #[test]
    fn repness_selects_the_significant_side_best_agree_first() {
        // Statement 1: group agrees 9/10, the rest 1/10 → agree-representative.
        // Statement 2: group disagrees 9/10, the rest 1/10 → disagree-representative.
        // Statement 3: everyone agrees alike → not representative.
        let stats = [
            (1, c(9, 1, 10), c(1, 9, 10)),
            (2, c(1, 9, 10), c(9, 1, 10)),
            (3, c(5, 5, 10), c(5, 5, 10)),
        ];
        let reps = select_reps(&stats, 5);
        assert_eq!(reps.len(), 2);
        assert_eq!(
            (reps[0].tid, reps[0].agree, reps[0].best_agree),
            (1, true, true)
        );
        assert_eq!(
            (reps[1].tid, reps[1].agree, reps[1].best_agree),
            (2, false, false)
        );
        assert!((reps[1].p - 10.0 / 12.0).abs() < 1e-12);
        assert!((reps[1].z - two_prop_test(9.0, 1.0, 10.0, 10.0)).abs() < 1e-12);
    }

    #[test]
    fn repness_falls_back_to_the_strongest_when_nothing_passes() {
        let stats = [(1, c(0, 0, 3), c(0, 0, 3)), (2, c(0, 1, 2), c(0, 0, 2))];
        let reps = select_reps(&stats, 5);
        assert_eq!(reps.len(), 1);
        assert_eq!(reps[0].tid, 2);
        assert!(!reps[0].agree);
    }

    #[test]
    fn consensus_ranks_by_p_times_z_and_filters() {
        let stats = [
            (1, c(18, 1, 20)),
            (2, c(12, 6, 20)),
            (3, c(2, 17, 20)),
            (4, c(1, 0, 1)),
        ];
        let (agree, disagree) = select_consensus(&stats, 5);
        // 2: pa = 13/22 > 0.5 but pat = 2·sqrt(21)·(13/21 − 0.5) = 1.09 < 1.2816 → out.
        // 4: pa = 2/3, pat = 2·sqrt(2)·(1 − 0.5) = 1.41 > 1.2816 → in, ranked below 1 (0.94 < 3.2).
        assert_eq!(agree.iter().map(|c| c.tid).collect::<Vec<_>>(), vec![1, 4]);
        assert_eq!(disagree.iter().map(|c| c.tid).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn gac_is_a_product_over_groups() {
        let g = group_informed_consensus(&[c(3, 0, 4), c(1, 1, 2)]);
        assert!((g - (4.0 / 6.0) * (2.0 / 4.0)).abs() < 1e-15);
    }
}
