//! `g1000 sortition ...`: file I/O and terminal output around the `g1000-sortition` library.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use g1000_sortition::{
    Algorithm, DistributionFile, LotteryFile, ProgressInfo, Request, SolveError, make_lottery,
};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct SortitionArgs {
    #[command(subcommand)]
    pub command: SortitionCommand,
}

#[derive(Subcommand, Debug)]
pub enum SortitionCommand {
    /// Compute a fair distribution over feasible panels (LEXIMIN by default).
    Distribution {
        /// Quotas: feature,value,min,max[,min_flex,max_flex] or category,feature,min,max.
        #[arg(long)]
        features: PathBuf,
        /// The pool: CSV with an id column and one column per feature.
        #[arg(long)]
        people: PathBuf,
        #[arg(long)]
        panel_size: u32,
        /// leximin | maximin | nash | legacy
        #[arg(long, default_value = "leximin")]
        algorithm: String,
        /// Columns that identify a household (at most one member per panel), comma-separated.
        #[arg(long, value_delimiter = ',')]
        household_columns: Vec<String>,
        /// Id column (default: id, else nationbuilder_id, else the 0-based row index).
        #[arg(long)]
        id_column: Option<String>,
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

pub fn run(args: SortitionArgs) -> Result<()> {
    match args.command {
        SortitionCommand::Distribution {
            features,
            people,
            panel_size,
            algorithm,
            household_columns,
            id_column,
            seed,
            legacy_draws,
            out,
        } => {
            let alg = Algorithm::parse(&algorithm).with_context(|| {
                format!("unknown algorithm '{algorithm}' (leximin, maximin, nash, legacy)")
            })?;
            let (fb, pb) = (read(&features)?, read(&people)?);
            let (fname, pname) = (name(&features), name(&people));
            let req = Request {
                features_name: &fname,
                features: &fb,
                people_name: &pname,
                people: &pb,
                panel_size,
                algorithm: alg,
                household_columns: household_columns
                    .into_iter()
                    .filter(|c| !c.is_empty())
                    .collect(),
                id_column,
                seed,
                legacy_draws,
            };
            let t0 = Instant::now();
            let mut bar = Bar::new();
            let res = g1000_sortition::distribution(&req, &mut |p| bar.update(p));
            bar.done();
            let (d, stats) = match res {
                Ok(x) => x,
                Err(SolveError::Infeasible(rep)) => bail!("{rep}"),
                Err(e) => bail!("{e}"),
            };
            let secs = t0.elapsed().as_secs_f64();
            write(&out, &d.to_json())?;
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
