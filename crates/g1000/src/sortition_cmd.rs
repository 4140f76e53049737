//! `g1000 sortition ...`: file I/O and terminal output around the `g1000-sortition` library.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use g1000_sortition::{
    Algorithm, DistributionFile, LotteryFile, PanelSource, PoolInput, ProgressInfo, ReplaceRequest,
    Request, ReservesRequest, SolveError, make_lottery,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct SortitionArgs {
    #[command(subcommand)]
    pub command: SortitionCommand,
}

/// Quotas and pool, as `distribution`, `reserves` and `replace` read them.
#[derive(Args, Debug)]
pub struct PoolArgs {
    /// Quotas: feature,value,min,max[,min_flex,max_flex] or category,feature,min,max.
    #[arg(long)]
    features: PathBuf,
    /// The pool: CSV with an id column and one column per feature.
    #[arg(long)]
    people: PathBuf,
    /// Columns that identify a household (at most one member per panel), comma-separated.
    #[arg(long, value_delimiter = ',')]
    household_columns: Vec<String>,
    /// Id column (default: id, else nationbuilder_id, else the 0-based row index).
    #[arg(long)]
    id_column: Option<String>,
}

/// The files of [`PoolArgs`], read.
struct PoolFiles {
    features_name: String,
    features: Vec<u8>,
    people_name: String,
    people: Vec<u8>,
    household_columns: Vec<String>,
    id_column: Option<String>,
}

impl PoolArgs {
    fn read(self) -> Result<PoolFiles> {
        Ok(PoolFiles {
            features_name: name(&self.features),
            features: read(&self.features)?,
            people_name: name(&self.people),
            people: read(&self.people)?,
            household_columns: self
                .household_columns
                .into_iter()
                .filter(|c| !c.is_empty())
                .collect(),
            id_column: self.id_column,
        })
    }
}

impl PoolFiles {
    fn input(&self) -> PoolInput<'_> {
        PoolInput {
            features_name: &self.features_name,
            features: &self.features,
            people_name: &self.people_name,
            people: &self.people,
            household_columns: self.household_columns.clone(),
            id_column: self.id_column.clone(),
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum SortitionCommand {
    /// Compute a fair distribution over feasible panels (LEXIMIN by default).
    Distribution {
        #[command(flatten)]
        pool: PoolArgs,
        #[arg(long)]
        panel_size: u32,
        /// leximin | maximin | nash | legacy
        #[arg(long, default_value = "leximin")]
        algorithm: String,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// LEGACY only: number of simulated draws.
        #[arg(long, default_value_t = 10_000)]
        legacy_draws: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Round a distribution into M equally likely tickets.
    Lottery {
        #[arg(long)]
        distribution: PathBuf,
        #[arg(long, default_value_t = 1000)]
        tickets: u64,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the panel on ticket T (one id a line).
    Draw {
        #[arg(long)]
        lottery: PathBuf,
        #[arg(long)]
        ticket: u64,
    },
    /// Ordered reserve list for the panel on ticket T: everyone not on the panel, in a seeded
    /// order in which every prefix covers the seats as deeply as possible (docs/sortition.md).
    Reserves {
        #[command(flatten)]
        pool: PoolArgs,
        /// The lottery file the panel was drawn from.
        #[arg(long)]
        lottery: PathBuf,
        /// The ticket drawn in public.
        #[arg(long)]
        ticket: u64,
        /// Write only the first R reserves of the full list.
        #[arg(long)]
        count: Option<usize>,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Replace drop-outs so the panel still meets size, quotas and households: a fair
    /// (LEXIMIN) seeded draw from the remaining pool, or in order from a reserve list.
    #[command(group(clap::ArgGroup::new("panel_source").required(true).args(["panel", "lottery"])))]
    Replace {
        #[command(flatten)]
        pool: PoolArgs,
        /// The panel: ids, one a line (or use --lottery and --ticket).
        #[arg(long)]
        panel: Option<PathBuf>,
        /// The lottery file the panel was drawn from (with --ticket).
        #[arg(long, requires = "ticket")]
        lottery: Option<PathBuf>,
        #[arg(long, requires = "lottery")]
        ticket: Option<u64>,
        /// The drop-outs: ids, one a line.
        #[arg(long)]
        dropouts: PathBuf,
        /// Take the replacements from this reserve list (R.json), in order, instead of a draw.
        #[arg(long)]
        reserves: Option<PathBuf>,
        #[arg(long, default_value_t = 0)]
        seed: u64,
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a published distribution (and lottery) against the inputs.
    Verify {
        #[arg(long)]
        features: PathBuf,
        #[arg(long)]
        people: PathBuf,
        #[arg(long)]
        distribution: PathBuf,
        #[arg(long)]
        lottery: Option<PathBuf>,
        /// Also recompute everything and compare bytes.
        #[arg(long)]
        recompute: bool,
    },
}

fn read(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))
}

fn write(p: &Path, s: &str) -> Result<()> {
    std::fs::write(p, s).with_context(|| format!("cannot write {}", p.display()))
}

/// Write a file as it is produced (a k=600 distribution is hundreds of megabytes).
fn write_streamed(p: &Path, f: impl FnOnce(std::fs::File) -> std::io::Result<()>) -> Result<()> {
    std::fs::File::create(p)
        .and_then(f)
        .with_context(|| format!("cannot write {}", p.display()))
}

/// A progress bar on stderr, shown only once a run has taken more than a second.
struct Bar {
    start: Instant,
    last: f64,
    shown: bool,
}

impl Bar {
    fn new() -> Self {
        Bar {
            start: Instant::now(),
            last: 0.0,
            shown: false,
        }
    }
    fn update(&mut self, p: ProgressInfo) {
        let now = self.start.elapsed().as_secs_f64();
        if now < 1.0 || now - self.last < 0.2 {
            return;
        }
        self.last = now;
        self.shown = true;
        let frac = if p.people == 0 {
            0.0
        } else {
            p.fixed_people as f64 / p.people as f64
        };
        let w = 30;
        let filled = (frac * w as f64).round() as usize;
        eprint!(
            "\r[{}{}] {:>3.0}% of people at their level, {} panels, ilp {:.1}s, lp {:.1}s, {:.1}s ",
            "#".repeat(filled),
            " ".repeat(w - filled),
            frac * 100.0,
            p.panels,
            p.ilp_seconds,
            p.lp_seconds,
            self.start.elapsed().as_secs_f64()
        );
        let _ = std::io::stderr().flush();
    }
    fn done(&self) {
        if self.shown {
            eprintln!();
        }
    }
}

fn name(p: &Path) -> String {
    p.display().to_string()
}

fn solve_err(e: SolveError) -> anyhow::Error {
    match e {
        SolveError::Infeasible(rep) => anyhow::anyhow!("{rep}"),
        e => anyhow::anyhow!("{e}"),
    }
}

pub fn run(args: SortitionArgs) -> Result<()> {
    match args.command {
        SortitionCommand::Distribution {
            pool,
            panel_size,
            algorithm,
            seed,
            legacy_draws,
            out,
        } => {
            let alg = Algorithm::parse(&algorithm).with_context(|| {
                format!("unknown algorithm '{algorithm}' (leximin, maximin, nash, legacy)")
            })?;
            let files = pool.read()?;
            let input = files.input();
            let req = Request {
                features_name: input.features_name,
                features: input.features,
                people_name: input.people_name,
                people: input.people,
                panel_size,
                algorithm: alg,
                household_columns: input.household_columns,
                id_column: input.id_column,
                seed,
                legacy_draws,
            };
            let t0 = Instant::now();
            let mut bar = Bar::new();
            let res = g1000_sortition::distribution(&req, &mut |p| bar.update(p));
            bar.done();
            let (d, stats) = res.map_err(solve_err)?;
            let secs = t0.elapsed().as_secs_f64();
            write_streamed(&out, |f| d.write_json(f))?;
            let min = d.marginals.values().copied().fold(f64::INFINITY, f64::min);
            let max = d.marginals.values().copied().fold(0.0, f64::max);
            eprintln!(
                "{}: n={} k={} min={min:.6} max={max:.6} panels={} types={} outer={} pricing={} lp={} guard={} ilp={:.3}s lp={:.3}s time={secs:.3}s",
                d.algorithm,
                d.marginals.len(),
                d.panel_size,
                d.panels.len(),
                stats.types,
                stats.outer_iterations,
                stats.pricing_calls,
                stats.lp_solves,
                stats.guard_firings,
                stats.ilp_seconds,
                stats.lp_seconds
            );
            if !d.unselectable.is_empty() {
                eprintln!(
                    "warning: {} people are on no feasible panel: {}",
                    d.unselectable.len(),
                    d.unselectable.join(", ")
                );
            }
            Ok(())
        }
        SortitionCommand::Lottery {
            distribution,
            tickets,
            seed,
            out,
        } => {
            let db = read(&distribution)?;
            let d: DistributionFile = serde_json::from_slice(&db).with_context(|| {
                format!("{} is not a distribution file", distribution.display())
            })?;
            let l = make_lottery(&d, &db, tickets, seed).map_err(anyhow::Error::msg)?;
            write(&out, &l.to_json())?;
            eprintln!(
                "{} tickets, max deviation {:.6} (bound k/M = {:.6})",
                l.tickets.len(),
                l.max_deviation,
                l.bound
            );
            Ok(())
        }
        SortitionCommand::Draw { lottery, ticket } => {
            let l: LotteryFile = serde_json::from_slice(&read(&lottery)?)
                .with_context(|| format!("{} is not a lottery file", lottery.display()))?;
            let panel = l.draw(ticket).with_context(|| {
                format!("ticket {ticket} does not exist (1..={})", l.tickets.len())
            })?;
            let mut out = std::io::stdout().lock();
            for id in panel {
                writeln!(out, "{id}")?;
            }
            Ok(())
        }
        SortitionCommand::Reserves {
            pool,
            lottery,
            ticket,
            count,
            seed,
            out,
        } => {
            let files = pool.read()?;
            let (lb, lname) = (read(&lottery)?, name(&lottery));
            let req = ReservesRequest {
                pool: files.input(),
                lottery_name: &lname,
                lottery: &lb,
                ticket,
                count,
                seed,
            };
            let r = g1000_sortition::reserve_file(&req).map_err(solve_err)?;
            write(&out, &r.to_json())?;
            let depth1 = r
                .reserves
                .iter()
                .take_while(|e| e.depth.is_some_and(|d| d <= 1))
                .count();
            eprintln!(
                "{} reserves for the panel of ticket {ticket} ({} members); any one member \
                 whom somebody can replace alone has a replacement among the first {depth1}",
                r.reserves.len(),
                r.panel.len()
            );
            if !r.irreplaceable_alone.is_empty() {
                eprintln!(
                    "warning: nobody can replace {} alone; if they drop out, use 'g1000 sortition replace'",
                    r.irreplaceable_alone.join(", ")
                );
            }
            Ok(())
        }
        SortitionCommand::Replace {
            pool,
            panel,
            lottery,
            ticket,
            dropouts,
            reserves,
            seed,
            out,
        } => {
            let files = pool.read()?;
            let (db, dname) = (read(&dropouts)?, name(&dropouts));
            let (source_name, source) = match (&panel, &lottery) {
                (Some(p), _) => (name(p), read(p)?),
                (None, Some(l)) => (name(l), read(l)?),
                (None, None) => bail!("give --panel or --lottery with --ticket"),
            };
            let reserves = match &reserves {
                Some(r) => Some((name(r), read(r)?)),
                None => None,
            };
            let req = ReplaceRequest {
                pool: files.input(),
                panel: match (panel.is_some(), ticket) {
                    (false, Some(ticket)) => PanelSource::Lottery {
                        name: &source_name,
                        bytes: &source,
                        ticket,
                    },
                    _ => PanelSource::List {
                        name: &source_name,
                        bytes: &source,
                    },
                },
                dropouts_name: &dname,
                dropouts: &db,
                reserves: reserves.as_ref().map(|(n, b)| (n.as_str(), b.as_slice())),
                seed,
            };
            let mut bar = Bar::new();
            let res = g1000_sortition::replacement_file(&req, &mut |p| bar.update(p));
            bar.done();
            let r = res.map_err(solve_err)?;
            write(&out, &r.to_json())?;
            eprintln!(
                "{}: replaced {} by {}; the new panel of {} meets the quotas",
                r.method,
                r.dropouts.join(", "),
                r.replacements.join(", "),
                r.panel.len()
            );
            Ok(())
        }
        SortitionCommand::Verify {
            features,
            people,
            distribution,
            lottery,
            recompute,
        } => {
            let (fb, pb, db) = (read(&features)?, read(&people)?, read(&distribution)?);
            let (fname, pname) = (name(&features), name(&people));
            let d: DistributionFile = serde_json::from_slice(&db).with_context(|| {
                format!("{} is not a distribution file", distribution.display())
            })?;
            let req = g1000_sortition::request_for(&d, &fname, &fb, &pname, &pb)
                .map_err(anyhow::Error::msg)?;
            let lot = match &lottery {
                Some(p) => {
                    let lb = read(p)?;
                    let l: LotteryFile = serde_json::from_slice(&lb)
                        .with_context(|| format!("{} is not a lottery file", p.display()))?;
                    Some((l, lb))
                }
                None => None,
            };
            let mut fails =
                g1000_sortition::verify(&req, &d, lot.as_ref().map(|(l, _)| (l, db.as_slice())));
            if recompute {
                let mut bar = Bar::new();
                let lots = lot.as_ref().map(|(l, lb)| (l, lb.as_slice()));
                fails.extend(g1000_sortition::recompute(&req, &db, lots, &mut |p| {
                    bar.update(p)
                }));
                bar.done();
            }
            if fails.is_empty() {
                println!(
                    "OK: {} verified{}",
                    distribution.display(),
                    if recompute { " and recomputed" } else { "" }
                );
                if d.algorithm == "leximin" {
                    // Informational: a proof of optimality when the relaxation's bound is met.
                    match g1000_sortition::certify(&req, &d) {
                        Ok(c) if c.certified => println!(
                            "LEXIMIN optimality: certified (the sorted marginals meet the LP \
                             relaxation's leximin bound within {:e}; lowest {:.6})",
                            g1000_sortition::relax::CERTIFY_TOL,
                            c.bound_min
                        ),
                        Ok(c) => println!(
                            "LEXIMIN optimality: not certified (below the LP relaxation's leximin \
                             bound by up to {:.3e} from sorted position {}; the bound may be out of \
                             reach of real panels, so this proves nothing either way)",
                            c.max_shortfall,
                            c.first_short.map_or(0, |i| i + 1)
                        ),
                        Err(e) => println!("LEXIMIN optimality: no certificate ({e})"),
                    }
                }
                Ok(())
            } else {
                for f in &fails {
                    eprintln!("FAIL: {f}");
                }
                bail!("{} check(s) failed", fails.len())
            }
        }
    }
}
