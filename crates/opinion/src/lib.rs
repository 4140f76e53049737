//! The g1000 opinion engine: opinion groups and common ground from agree / disagree / pass votes on short
//! statements, following the Polis math (`shared/design/polis-math.md`). Pure: no I/O beyond parsing the
//! text it is given; deterministic for a seed.
//!
//! Pipeline ([`Engine::update`]): sparse vote matrix → column-mean imputation and centring (sparse) →
//! two principal components by power iteration → sparsity-aware projection of every participant →
//! in-conversation participants (≥ 7 votes, sticky, topped up to 15) → k-means base clusters (k = 100)
//! on their projections → weighted k-means of the base-cluster centres for k = 2 … 5, k chosen by
//! silhouette and smoothed over updates → representative statements per group, consensus statements and
//! group-informed consensus.
//!
//! **Incremental**: an [`Engine`] keeps the previous update's state and starts from it: the power
//! iteration from the previous components (a few steps instead of a cold start), the base k-means from
//! the previous base clusters' members re-centred on their new positions, each group k-means from the
//! previous centres for that k, the in-conversation set (participants never leave it) and the k-smoother
//! (a new k must win 4 updates in a row). Rebuilding the centred sparse matrix and the counts is O(votes)
//! per update; nothing is O(participants × statements). A fresh engine gives the batch result.

mod cluster;
mod export;
mod input;
pub mod map;
mod matrix;
mod metrics;
mod pca;
mod rng;
mod stats;
pub mod synthetic;

pub use cluster::{Clustering, Point, first_distinct, kmeans, silhouette};
pub use export::{Export, Votes, ari_vs_groups, load_export};
pub use input::{
    CommentRow, InputError, ParticipantsVotes, VoteRow, parse_comments, parse_participants_votes,
    parse_votes,
};
pub use map::{
    COMMON_GROUND_THRESHOLD, CommonGround, GroupShare, MapText, common_ground, opinion_map_svg,
};
pub use matrix::VoteMatrix;
pub use metrics::adjusted_rand_index;
pub use pca::Components;
pub use rng::SplitMix64;
pub use stats::{Consensus, Counts, Rep, Z_90, prop_test, two_prop_test};

/// The parameters of the math; the defaults are Polis's.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Seed of the random start of the power iteration.
    pub seed: u64,
    /// A participant is clustered from this many votes on (or all statements, if fewer).
    pub min_votes: usize,
    /// At least this many participants are clustered (the top voters fill up).
    pub min_clustered: usize,
    pub base_k: usize,
    pub base_iters: usize,
    pub group_iters: usize,
    /// Groups are chosen among 2 ..= min(max_groups, 2 + base clusters / 12).
    pub max_groups: usize,
    /// A new number of groups is shown once it has been the best this many updates in a row.
    pub k_buffer: usize,
    pub pca_iters: usize,
    /// Power iteration stops when a component moves less than this (Euclidean) in one step.
    pub pca_tolerance: f64,
    pub top_reps: usize,
    pub top_consensus: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 1,
            min_votes: 7,
            min_clustered: 15,
            base_k: 100,
            base_iters: 100,
            group_iters: 20,
            max_groups: 5,
            k_buffer: 4,
            pca_iters: 100,
            pca_tolerance: 1e-8,
            top_reps: 5,
            top_consensus: 5,
        }
    }
}

/// An opinion group.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: usize,
    /// Participant ids, in matrix order.
    pub members: Vec<u64>,
}

/// The result of one update.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub groups: Vec<Group>,
    /// Every participant with a vote: (id, position on the opinion map).
    pub projection: Vec<(u64, Point)>,
    /// Per group (by id): its representative statements.
    pub repness: Vec<Vec<Rep>>,
    pub consensus_agree: Vec<Consensus>,
    pub consensus_disagree: Vec<Consensus>,
    /// Every statement that is not moderated out, by group-informed consensus (highest first).
    pub group_consensus: Vec<(u64, f64)>,
    /// Silhouette of each candidate number of groups.
    pub silhouettes: Vec<(usize, f64)>,
    /// The number of groups that scored best in this update (before smoothing).
    pub best_k: usize,
    pub components: Components,
}

#[derive(Debug, Clone, Default)]
struct State {
    pca: Option<Components>,
    in_conv: Vec<bool>,
    /// Per row: its base cluster in the previous update.
    base_of: Vec<Option<usize>>,
    /// Per k: the previous group centres.
    group_centres: Vec<Vec<Point>>,
    /// (last best k, how many updates in a row, smoothed k)
    smoother: Option<(usize, usize, usize)>,
}

/// The opinion engine with its warm-start state (see the crate documentation for what is incremental).
#[derive(Debug, Clone)]
pub struct Engine {
    config: Config,
    state: State,
    rng: SplitMix64,
}

/// One update from scratch (no history): the batch result for a matrix.
pub fn analyze(m: &VoteMatrix, config: &Config) -> Analysis {
    Engine::new(config.clone()).update(m)
}

impl Engine {
    pub fn new(config: Config) -> Self {
        let rng = SplitMix64::new(config.seed);
        Engine {
            config,
            state: State::default(),
            rng,
        }
    }

    /// Recompute the result for the matrix, which must be the previous update's matrix with votes added,
    /// changed or moderated (rows and columns are never removed), starting from the previous state.
    pub fn update(&mut self, m: &VoteMatrix) -> Analysis {
        let cfg = &self.config;
        let n_rows = m.participants().len();
        let n_cols = m.statements().len();
        let x = pca::Centred::build(m);
        let comps = pca::components(
            &x,
            self.state.pca.as_ref(),
            &mut self.rng,
            cfg.pca_iters,
            cfg.pca_tolerance,
        );
        let proj = pca::project(&x, &comps);

        // In-conversation participants: sticky, ≥ min(min_votes, n_cols) raw votes, topped up.
        let in_conv = &mut self.state.in_conv;
        in_conv.resize(n_rows, false);
        let threshold = cfg.min_votes.min(n_cols).max(1);
        for (r, flag) in in_conv.iter_mut().enumerate() {
            if m.row(r).len() >= threshold {
                *flag = true;
            }
        }
        let mut n_in = in_conv.iter().filter(|&&b| b).count();
        if n_in < cfg.min_clustered {
            let mut others: Vec<usize> = (0..n_rows).filter(|&r| !in_conv[r]).collect();
            others.sort_by_key(|&r| std::cmp::Reverse(m.row(r).len()));
            for r in others {
                if n_in >= cfg.min_clustered {
                    break;
                }
                in_conv[r] = true;
                n_in += 1;
            }
        }
        let rows: Vec<usize> = (0..n_rows).filter(|&r| in_conv[r]).collect();
        let points: Vec<Point> = rows.iter().map(|&r| proj[r]).collect();

        // Base clusters, warm-started from the previous members' new positions.
        self.state.base_of.resize(n_rows, None);
        let mut prev_sum: Vec<(f64, f64, f64)> = Vec::new();
        for &r in &rows {
            if let Some(b) = self.state.base_of[r] {
                if prev_sum.len() <= b {
                    prev_sum.resize(b + 1, (0.0, 0.0, 0.0));
                }
                let s = &mut prev_sum[b];
                *s = (s.0 + proj[r][0], s.1 + proj[r][1], s.2 + 1.0);
            }
        }
        let prev_centres: Vec<Point> = prev_sum
            .iter()
            .filter(|s| s.2 > 0.0)
            .map(|s| [s.0 / s.2, s.1 / s.2])
            .collect();
        let init = cluster::fill_to_k(&points, prev_centres, cfg.base_k);
        let ones = vec![1.0; points.len()];
        let base = kmeans(&points, &ones, init, cfg.base_iters, 0.01);
        self.state.base_of.iter_mut().for_each(|b| *b = None);
        for (i, &r) in rows.iter().enumerate() {
            self.state.base_of[r] = Some(base.assignment[i]);
        }

        // Groups: weighted k-means of the base centres for each k; silhouette chooses; smoothing.
        let n_base = base.centres.len();
        let mut weights = vec![0.0; n_base];
        base.assignment.iter().for_each(|&b| weights[b] += 1.0);
        let max_k = cfg.max_groups.min(2 + n_base / 12).min(n_base);
        if self.state.group_centres.len() <= max_k {
            self.state.group_centres.resize(max_k + 1, Vec::new());
        }
        let mut silhouettes = Vec::new();
        let mut clusterings: Vec<Option<Clustering>> = vec![None; max_k + 1];
        #[allow(clippy::needless_range_loop)] // k is the number of groups, not only an index
        for k in 2..=max_k {
            let init = cluster::fill_to_k(&base.centres, self.state.group_centres[k].clone(), k);
            let c = kmeans(&base.centres, &weights, init, cfg.group_iters, 0.01);
            self.state.group_centres[k] = c.centres.clone();
            silhouettes.push((k, silhouette(&base.centres, &c.assignment, c.centres.len())));
            clusterings[k] = Some(c);
        }
        let best_k = silhouettes
            .iter()
            .fold(None, |best: Option<(usize, f64)>, &(k, s)| match best {
                Some((_, bs)) if bs >= s => best,
                _ => Some((k, s)),
            })
            .map_or(1, |(k, _)| k);
        let k = match self.state.smoother {
            Some((last, count, smoothed)) => {
                let count = if best_k == last { count + 1 } else { 1 };
                let k = if count >= cfg.k_buffer || smoothed > max_k {
                    best_k
                } else {
                    smoothed
                };
                self.state.smoother = Some((best_k, count, k));
                k
            }
            None => {
                self.state.smoother = Some((best_k, 1, best_k));
                best_k
            }
        };
        let group_of_base: Vec<usize> = match clusterings.get(k).and_then(|c| c.as_ref()) {
            Some(c) => c.assignment.clone(),
            None => vec![0; n_base],
        };
        let n_groups = group_of_base.iter().copied().max().map_or(0, |g| g + 1);
        let mut group_of_row: Vec<Option<usize>> = vec![None; n_rows];
        let mut groups: Vec<Group> = (0..n_groups)
            .map(|id| Group {
                id,
                members: Vec::new(),
            })
            .collect();
        for (i, &r) in rows.iter().enumerate() {
            let g = group_of_base[base.assignment[i]];
            group_of_row[r] = Some(g);
            groups[g].members.push(m.participants()[r]);
        }

        // Counts per group and over everyone, per column.
        let mut per_group = vec![Counts::default(); n_groups * n_cols];
        let mut all = vec![Counts::default(); n_cols];
        for (r, g) in group_of_row.iter().enumerate() {
            for &(c, v) in m.row(r) {
                all[c as usize].add(v);
                if let Some(g) = g {
                    per_group[g * n_cols + c as usize].add(v);
                }
            }
        }
        let mod_out = m.mod_out_mask();
        let tids = m.statements();
        let live: Vec<usize> = (0..n_cols).filter(|&c| !mod_out[c]).collect();
        let mut clustered = vec![Counts::default(); n_cols];
        for g in 0..n_groups {
            for c in 0..n_cols {
                let x = per_group[g * n_cols + c];
                let t = &mut clustered[c];
                *t = Counts {
                    a: t.a + x.a,
                    d: t.d + x.d,
                    s: t.s + x.s,
                };
            }
        }
        let repness = (0..n_groups)
            .map(|g| {
                let stats: Vec<(u64, Counts, Counts)> = live
                    .iter()
                    .map(|&c| {
                        let x = per_group[g * n_cols + c];
                        let t = clustered[c];
                        let rest = Counts {
                            a: t.a - x.a,
                            d: t.d - x.d,
                            s: t.s - x.s,
                        };
                        (tids[c], x, rest)
                    })
                    .collect();
                stats::select_reps(&stats, cfg.top_reps)
            })
            .collect();
        let cons: Vec<(u64, Counts)> = live.iter().map(|&c| (tids[c], all[c])).collect();
        let (consensus_agree, consensus_disagree) =
            stats::select_consensus(&cons, cfg.top_consensus);
        let mut group_consensus: Vec<(u64, f64)> = live
            .iter()
            .map(|&c| {
                let gs: Vec<Counts> = (0..n_groups).map(|g| per_group[g * n_cols + c]).collect();
                (tids[c], stats::group_informed_consensus(&gs))
            })
            .collect();
        group_consensus.sort_by(|a, b| b.1.total_cmp(&a.1));

        let projection = m.participants().iter().copied().zip(proj).collect();
        self.state.pca = Some(comps.clone());
        Analysis {
            groups,
            projection,
            repness,
            consensus_agree,
            consensus_disagree,
            group_consensus,
            silhouettes,
            best_k,
            components: comps,
        }
    }
}
