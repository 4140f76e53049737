//! The metrics of `../shared/bench/tables/score.py` (same definitions), and its analytic lower bounds.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::{Instance, PairKind, Plan};

/// A plan's metrics (see the scorer's docstring) and the lower bounds that hold for every plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub rounds: usize,
    pub hard: usize,
    pub hard_detail: BTreeMap<String, usize>,
    pub hard_by_round: Vec<usize>,
    pub fc_excess: usize,
    pub fc_cells: usize,
    pub dmax: f64,
    pub mad: f64,
    pub r_pairs: usize,
    pub r_meet: usize,
    pub r_host: usize,
    pub unique_pairs: usize,
    pub forced_together_pairs: usize,
    pub lower_bounds: Bounds,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bounds {
    pub fc_excess: usize,
    pub mad: f64,
    pub dmax: f64,
    pub r_pairs: usize,
    pub r_meet: usize,
    pub r_host: usize,
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lb = &self.lower_bounds;
        let detail = self
            .hard_detail
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(f, "rounds        {}", self.rounds)?;
        writeln!(
            f,
            "hard          {}{}",
            self.hard,
            if detail.is_empty() {
                String::new()
            } else {
                format!("   ({detail})")
            }
        )?;
        writeln!(
            f,
            "fc_excess     {}   (lower bound {})",
            self.fc_excess, lb.fc_excess
        )?;
        writeln!(f, "fc_cells      {}", self.fc_cells)?;
        writeln!(
            f,
            "dmax          {:.4}   (lower bound {:.4})",
            self.dmax, lb.dmax
        )?;
        writeln!(
            f,
            "mad           {:.4}   (lower bound {:.4})",
            self.mad, lb.mad
        )?;
        writeln!(
            f,
            "R_pairs       {}   (lower bound {})",
            self.r_pairs, lb.r_pairs
        )?;
        writeln!(
            f,
            "R_meet        {}   (lower bound {})",
            self.r_meet, lb.r_meet
        )?;
        writeln!(
            f,
            "R_host        {}   (lower bound {})",
            self.r_host, lb.r_host
        )?;
        writeln!(f, "unique_pairs  {}", self.unique_pairs)?;
        write!(f, "forced_together_pairs {}", self.forced_together_pairs)
    }
}

fn comb2(x: usize) -> usize {
    x * x.saturating_sub(1) / 2
}

/// Distinct values per attribute with their hall counts (sorted by value).
fn hall_counts(inst: &Instance) -> Vec<BTreeMap<&str, usize>> {
    (0..inst.attributes.len())
        .map(|a| {
            let mut c = BTreeMap::new();
            for p in &inst.participants {
                *c.entry(p.values[a].as_str()).or_default() += 1;
            }
            c
        })
        .collect()
}

pub fn score(inst: &Instance, plan: &Plan) -> Score {
    let n = inst.participants.len();
    let nt = inst.tables.len();
    let hall = hall_counts(inst);
    let hall_lang = inst.hall_language();
    let index: HashMap<&str, usize> = inst
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let pair_ix = |a: &str, b: &str| {
        index
            .get(a)
            .zip(index.get(b))
            .map(|(&x, &y)| (x.min(y), x.max(y)))
    };
    let together: HashSet<(usize, usize)> = inst
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::Together)
        .filter_map(|p| pair_ix(&p.a, &p.b))
        .collect();
    let mut hard: BTreeMap<String, usize> = BTreeMap::new();
    let mut hard_by_round = Vec::new();
    let (mut fc_excess, mut fc_cells, mut dmax, mut mad_sum, mut mad_cells) =
        (0, 0, 0f64, 0f64, 0usize);
    let mut meet: HashMap<(u32, u32), u32> = HashMap::new();
    let mut visits: HashMap<(usize, usize), u32> = HashMap::new();
    for seats in &plan.rounds {
        let mut h: BTreeMap<&str, usize> = BTreeMap::new();
        let mut at = vec![Vec::new(); nt];
        for (p, t) in seats.iter().enumerate() {
            match t {
                Some(t) => at[*t].push(p),
                None => *h.entry("unseated_or_double").or_default() += 1,
            }
        }
        for (t, members) in at.iter().enumerate() {
            if members.is_empty() {
                continue;
            }
            let tab = &inst.tables[t];
            if members.len() > tab.capacity {
                *h.entry("over_capacity").or_default() += members.len() - tab.capacity;
            }
            let wc = members
                .iter()
                .filter(|&&p| inst.participants[p].wheelchair)
                .count();
            if wc > 0 && !tab.accessible {
                *h.entry("wheelchair_not_accessible").or_default() += wc;
            }
            if inst.max_wheelchair_per_table.is_some_and(|mx| wc > mx) {
                *h.entry("wheelchair_over_table_max").or_default() += 1;
            }
            for &p in members {
                let l = &inst.participants[p].language;
                if !l.is_empty() && *l != hall_lang && *l != tab.language {
                    *h.entry("language").or_default() += 1;
                }
                *visits.entry((p, t)).or_default() += 1;
            }
            let size = members.len();
            for (a, counts) in hall.iter().enumerate() {
                let mut cnt: BTreeMap<&str, usize> = BTreeMap::new();
                for &p in members {
                    *cnt.entry(inst.participants[p].values[a].as_str())
                        .or_default() += 1;
                }
                for (v, &mv) in counts {
                    let x = cnt.get(v).copied().unwrap_or(0);
                    let (lo, hi) = (size * mv / n, (size * mv).div_ceil(n));
                    let e = x.saturating_sub(hi) + lo.saturating_sub(x);
                    fc_excess += e;
                    fc_cells += (e > 0) as usize;
                    dmax = dmax.max((x as f64 / size as f64 - mv as f64 / n as f64).abs());
                    mad_sum += (x as f64 - size as f64 * mv as f64 / n as f64).abs();
                    mad_cells += 1;
                }
            }
            for (i, &p) in members.iter().enumerate() {
                for &q in &members[i + 1..] {
                    *meet.entry((p.min(q) as u32, p.max(q) as u32)).or_default() += 1;
                }
            }
        }
        for pr in &inst.pairs {
            let Some((a, b)) = pair_ix(&pr.a, &pr.b) else {
                continue;
            };
            let (ta, tb) = (seats[a], seats[b]);
            match pr.kind {
                PairKind::Together if ta != tb => *h.entry("together_split").or_default() += 1,
                PairKind::Apart if ta.is_some() && ta == tb => {
                    *h.entry("apart_joined").or_default() += 1
                }
                _ => {}
            }
        }
        hard_by_round.push(h.values().sum());
        for (k, v) in h {
            *hard.entry(k.to_string()).or_default() += v;
        }
    }
    let rep: Vec<u32> = meet
        .iter()
        .filter(|(pr, c)| **c >= 2 && !together.contains(&(pr.0 as usize, pr.1 as usize)))
        .map(|(_, c)| *c)
        .collect();
    let w = plan.rounds.len();
    Score {
        rounds: w,
        hard: hard.values().sum(),
        hard_detail: hard,
        hard_by_round,
        fc_excess,
        fc_cells,
        dmax,
        mad: mad_sum / mad_cells.max(1) as f64,
        r_pairs: rep.len(),
        r_meet: rep.iter().map(|c| (c - 1) as usize).sum(),
        r_host: visits.values().filter(|v| **v >= 2).count(),
        unique_pairs: meet.len(),
        forced_together_pairs: together.len(),
        lower_bounds: bounds(inst, w),
    }
}

/// The scorer's lower bounds (equal table capacities assumed, as there: the first table's capacity).
pub fn bounds(inst: &Instance, w: usize) -> Bounds {
    let n = inst.participants.len();
    let nt = inst.tables.len();
    let mut lb = Bounds::default();
    let Some(cap) = inst.tables.first().map(|t| t.capacity) else {
        return lb;
    };
    if n == 0 {
        return lb;
    }
    let hall = hall_counts(inst);
    let cells: usize = hall.iter().map(|h| h.len()).sum::<usize>() * nt * w;
    let mut s = 0.0;
    for h in &hall {
        for &m in h.values() {
            let q = (cap * m) as f64 / n as f64;
            let f = q - q.floor();
            s += 2.0 * f * (1.0 - f) * (nt * w) as f64;
            if f > 1e-12 {
                lb.dmax = lb.dmax.max(f.max(1.0 - f) / cap as f64);
            }
        }
    }
    lb.mad = s / cells.max(1) as f64;
    let hall_lang = inst.hall_language();
    let pool: Vec<usize> = (0..n)
        .filter(|&p| {
            let l = &inst.participants[p].language;
            !l.is_empty() && *l != hall_lang
        })
        .collect();
    let t = inst
        .tables
        .iter()
        .filter(|t| t.language != hall_lang)
        .count();
    let m = pool.len();
    if m > 0 && t > 0 {
        let (base, extra) = (m / t, m % t);
        let pairs_round = extra * comb2(base + 1) + (t - extra) * comb2(base);
        lb.r_meet = (w * pairs_round).saturating_sub(comb2(m));
        let (base2, extra2) = (m / (t * t), m % (t * t));
        let co = extra2 * comb2(base2 + 1) + (t * t - extra2) * comb2(base2);
        lb.r_pairs =
            (if w >= 2 { co } else { 0 }).max(lb.r_meet.div_ceil(w.saturating_sub(1).max(1)));
        lb.r_host = if w > t { m } else { 0 };
        let mut exc = 0;
        for (a, h) in hall.iter().enumerate() {
            let mut pc: BTreeMap<&str, usize> = BTreeMap::new();
            for &p in &pool {
                *pc.entry(inst.participants[p].values[a].as_str())
                    .or_default() += 1;
            }
            let mut best = 0;
            for (c, &mc) in &pc {
                let hi_c = (cap * h[c]).div_ceil(n);
                let lo_other: usize = h
                    .iter()
                    .filter(|(d, _)| *d != c)
                    .map(|(_, &md)| cap * md / n)
                    .sum();
                best = best
                    .max(mc.saturating_sub(t * hi_c) + (t * lo_other).saturating_sub(t * cap - mc));
            }
            exc += best;
        }
        lb.fc_excess = exc * w;
    }
    lb
}
