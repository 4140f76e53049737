//! `g1000-sortition sortition <subcommand> ...`: the same arguments as `g1000 sortition`.
use clap::{Parser, Subcommand};

#[path = "../../../../crates/g1000/src/sortition_cmd.rs"]
mod sortition_cmd;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fair, verifiable selection of a panel under quotas.
    Sortition(sortition_cmd::SortitionArgs),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Sortition(a) => sortition_cmd::run(a),
    }
}
