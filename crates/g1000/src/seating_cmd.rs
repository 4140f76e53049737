//! `g1000 seating plan`: file I/O and the score summary around the `g1000-seating` library.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use g1000_seating::{
    Frozen, Instance, PlanOptions, parse_pairs, parse_participants, parse_plan, parse_preferences,
    parse_table_themes, parse_tables,
};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct SeatingArgs {
    #[command(subcommand)]
    pub command: SeatingCommand,
}

#[derive(Subcommand, Debug)]
pub enum SeatingCommand {
    /// Plan the table rounds: hard constraints, tables that mirror the hall, new people every round
    Plan(PlanArgs),
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// Participants: CSV with id, one column per attribute, optional wheelchair (0/1) and language
    #[arg(long)]
    participants: PathBuf,
    /// Tables: CSV with table, capacity, optional accessible (0/1), language, host, theme
    #[arg(long)]
    tables: PathBuf,
    /// Preference seating: CSV with participant, theme, rank (1 = first choice). Participants get
    /// themes maximising 1st choices, then 2nd, ... (exact, min-cost flow); tables without a theme
    /// column value are given to themes by demand; each theme's tables are then planned as usual
    #[arg(long, conflicts_with = "freeze")]
    preferences: Option<PathBuf>,
    /// Pairs: CSV with kind (together | apart), a, b
    #[arg(long)]
    pairs: Option<PathBuf>,
    /// Number of rounds (frozen ones included)
    #[arg(long)]
    rounds: usize,
    /// The attributes every table should mirror, comma-separated participants' columns
    #[arg(long, value_delimiter = ',', required = true)]
    attributes: Vec<String>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// At most this many wheelchair users per table (default: wheelchair_per_accessible_table_max of a
    /// meta.json beside the tables file, else no limit but the capacity)
    #[arg(long)]
    max_wheelchair_per_table: Option<usize>,
    /// Search effort (1.0 = default; more is slower and may be better)
    #[arg(long, default_value_t = 1.0)]
    effort: f64,
    /// Where to write the plan: CSV round,table,participant
    #[arg(long)]
    out: PathBuf,
    /// An earlier plan whose first rounds stay as they are (re-planning)
    #[arg(long, requires = "through_round")]
    freeze: Option<PathBuf>,
    /// With --freeze: rounds 1..=R are kept
    #[arg(long, requires = "freeze")]
    through_round: Option<usize>,
}

fn read(p: &Path) -> Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
}

/// wheelchair_per_accessible_table_max from a benchmark meta.json beside the tables file, if any.
fn meta_wheelchair_max(tables: &Path) -> Option<usize> {
    let meta = tables.parent()?.join("meta.json");
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(meta).ok()?).ok()?;
    v.get("wheelchair_per_accessible_table_max")?
        .as_u64()
        .map(|m| m as usize)
}

pub fn run(args: SeatingArgs) -> Result<()> {
    let SeatingCommand::Plan(a) = args.command;
    if a.rounds == 0 {
        bail!("--rounds must be at least 1");
    }
    if !(a.effort > 0.0 && a.effort.is_finite()) {
        bail!("--effort must be a positive number");
    }
    let name = |p: &Path| p.display().to_string();
    let participants = parse_participants(
        &name(&a.participants),
        &read(&a.participants)?,
        &a.attributes,
    )?;
    let tables = parse_tables(&name(&a.tables), &read(&a.tables)?)?;
    let pairs = match &a.pairs {
        Some(p) => parse_pairs(&name(p), &read(p)?)?,
        None => Vec::new(),
    };
    let inst = Instance {
        attributes: a.attributes.clone(),
        participants,
        tables,
        pairs,
        hall: None,
        max_wheelchair_per_table: a
            .max_wheelchair_per_table
            .or_else(|| meta_wheelchair_max(&a.tables)),
    };
    let frozen = match (&a.freeze, a.through_round) {
        (Some(f), Some(r)) => {
            if r >= a.rounds {
                bail!(
                    "--through-round {r} leaves nothing to plan in {} rounds",
                    a.rounds
                );
            }
            let rows = parse_plan(&name(f), &read(f)?)?;
            Some(Frozen::from_rows(&inst, &rows, r)?)
        }
        _ => None,
    };
    let opts = PlanOptions {
        rounds: a.rounds,
        seed: a.seed,
        effort: a.effort,
    };
    let start = Instant::now();
    let plan = match &a.preferences {
        Some(prefs) => {
            let themes = parse_table_themes(&name(&a.tables), &read(&a.tables)?)?;
            let prefs = parse_preferences(&name(prefs), &read(prefs)?)?;
            let (plan, assigned) = g1000_seating::plan_preferences(&inst, &themes, &prefs, &opts)?;
            let ranks: Vec<String> = assigned
                .by_rank
                .iter()
                .enumerate()
                .map(|(r, c)| format!("choice {}: {c}", r + 1))
                .collect();
            eprintln!(
                "themes: {}; {}; unranked: {}",
                assigned
                    .themes
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!(
                        "{t} ({} tables)",
                        assigned.table_theme.iter().filter(|&&x| x == i).count()
                    ))
                    .collect::<Vec<_>>()
                    .join(", "),
                ranks.join(", "),
                assigned.unranked
            );
            plan
        }
        None => g1000_seating::plan(&inst, &opts, frozen.as_ref())?,
    };
    let secs = start.elapsed().as_secs_f64();
    std::fs::write(&a.out, plan.to_csv(&inst))
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    let score = g1000_seating::score(&inst, &plan);
    eprintln!(
        "planned {} rounds ({} frozen) for {} participants at {} tables in {secs:.2} s -> {}",
        a.rounds,
        a.through_round.unwrap_or(0),
        inst.participants.len(),
        inst.tables.len(),
        a.out.display()
    );
    eprintln!("{score}");
    Ok(())
}
