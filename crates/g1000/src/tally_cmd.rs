//! `g1000 tally`: read a pabulib file, count it with one rule of `g1000-tally`, write the result as JSON.

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use g1000_tally::{Election, Outcome, TallyError};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Method {
    /// Greedy by cost: projects by number of votes, each funded if it fits (approval ballots)
    Greedy,
    /// Method of Equal Shares, fixed budget (approval ballots, cost utilities)
    Mes,
    /// Method of Equal Shares with the Add1 completion
    MesAdd1,
    /// Sequential Phragmén (approval ballots, with costs)
    Phragmen,
    /// Sequential proportional approval voting: --seats winners (approval ballots, costs ignored)
    Pav,
    /// Approval voting: the --seats projects with the most votes (costs ignored)
    Approval,
    /// Dot / cumulative voting: the --seats projects with the most points (cumulative or scoring ballots;
    /// approval ballots count one point per vote)
    Dots,
    /// Schulze (beat path) on ranked ballots: the winner(s)
    Schulze,
    /// Single transferable vote on ranked ballots (as pyrankvote): --seats winners
    Stv,
}

#[derive(Args, Debug)]
pub struct TallyArgs {
    /// The counting rule
    #[arg(long, value_enum)]
    method: Method,
    /// The election: a pabulib .pb file
    #[arg(long)]
    pb: PathBuf,
    /// Where to write {"selected": [...], "explanation": [...]}
    #[arg(long)]
    out: PathBuf,
    /// Number of winners, for pav, approval, dots and stv
    #[arg(long)]
    seats: Option<usize>,
}

fn count(e: &Election, m: Method, seats: Option<usize>) -> Result<Outcome, TallyError> {
    use g1000_tally::*;
    let seats = |rule| seats.filter(|&s| s > 0).ok_or(TallyError::Seats { rule });
    match m {
        Method::Greedy => greedy::greedy(e),
        Method::Mes => mes::mes(e),
        Method::MesAdd1 => mes::mes_add1(e),
        Method::Phragmen => phragmen::phragmen(e),
        Method::Pav => pav::seq_pav(e, seats("PAV")?),
        Method::Approval => approval::approval(e, seats("approval voting")?),
        Method::Dots => approval::dots(e, seats("dot voting")?),
        Method::Schulze => schulze::schulze(e),
        Method::Stv => stv::stv(e, seats("STV")?),
    }
}

pub fn run(a: TallyArgs) -> Result<()> {
    let text = std::fs::read_to_string(&a.pb)
        .with_context(|| format!("cannot read {}", a.pb.display()))?;
    let e = g1000_tally::parse(&text).with_context(|| format!("{}", a.pb.display()))?;
    if matches!(
        a.method,
        Method::Greedy | Method::Mes | Method::MesAdd1 | Method::Phragmen
    ) && a.seats.is_some()
    {
        bail!(
            "--seats does not apply to {:?}: it uses the budget of the file",
            a.method
        );
    }
    let outcome = count(&e, a.method, a.seats).with_context(|| format!("{}", a.pb.display()))?;
    let json = serde_json::json!({
        "method": a.method.to_possible_value().map(|v| v.get_name().to_string()),
        "selected": outcome.selected,
        "explanation": outcome.explanation,
    });
    let body = serde_json::to_string_pretty(&json)? + "\n";
    std::fs::write(&a.out, body).with_context(|| format!("cannot write {}", a.out.display()))?;
    println!(
        "{}: {} selected: {}",
        a.pb.display(),
        outcome.selected.len(),
        outcome.selected.join(", ")
    );
    Ok(())
}
