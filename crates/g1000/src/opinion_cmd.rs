//! `g1000 opinion`: opinion groups and common ground from Polis exports (around the `g1000-opinion` engine),
//! and a deterministic synthetic conversation for load tests.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use g1000_opinion::{
    Analysis, Config, Engine, Export, Votes, ari_vs_groups, load_export, parse_participants_votes,
    synthetic::Synthetic,
};
use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Args, Debug)]
pub struct OpinionArgs {
    #[command(subcommand)]
    pub command: OpinionCommand,
}

#[derive(Subcommand, Debug)]
pub enum OpinionCommand {
    /// Opinion groups, representative statements and common ground from a Polis export
    Analyze(AnalyzeArgs),
    /// Write a deterministic synthetic conversation (votes.csv, comments.csv) for load tests
    Generate(GenerateArgs),
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Votes: Polis votes.csv (timestamp, comment-id, voter-id, vote; the latest vote per voter and
    /// comment counts)
    #[arg(
        long,
        required_unless_present = "participants_votes",
        conflicts_with = "participants_votes"
    )]
    votes: Option<PathBuf>,
    /// Votes as Polis participants-votes.csv (participant, group-id, one column per comment id)
    #[arg(long)]
    participants_votes: Option<PathBuf>,
    /// Statements: Polis comments.csv (comment-id, moderated, comment-body[, is-meta]); moderated = -1
    /// and meta statements are left out of the results
    #[arg(long)]
    comments: Option<PathBuf>,
    /// Where to write the result (JSON)
    #[arg(long)]
    out: PathBuf,
    /// Seed of the random start
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Compare the groups with Polis's own (the group-id column of this participants-votes.csv) and
    /// print the adjusted Rand index; with --participants-votes that file is used by default
    #[arg(long)]
    compare: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 30_000)]
    participants: usize,
    #[arg(long, default_value_t = 800)]
    statements: usize,
    #[arg(long, default_value_t = 2_000_000)]
    votes: usize,
    #[arg(long, default_value_t = 3)]
    camps: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder to write votes.csv and comments.csv into (created if missing)
    #[arg(long)]
    out_dir: PathBuf,
}

fn read(p: &Path) -> Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
}

fn name(p: &Path) -> String {
    p.display().to_string()
}

pub fn run(args: OpinionArgs) -> Result<()> {
    match args.command {
        OpinionCommand::Analyze(a) => analyze(a),
        OpinionCommand::Generate(g) => generate(g),
    }
}

fn analyze(a: AnalyzeArgs) -> Result<()> {
    let start = Instant::now();
    let comments = match &a.comments {
        Some(p) => Some((read(p)?, name(p))),
        None => None,
    };
    let comments = comments.as_ref().map(|(t, n)| (t.as_str(), n.as_str()));
    let (source, file) = match (&a.votes, &a.participants_votes) {
        (Some(p), _) => (read(p)?, name(p)),
        (None, Some(p)) => (read(p)?, name(p)),
        (None, None) => bail!("give --votes or --participants-votes"),
    };
    let votes = if a.votes.is_some() {
        Votes::History(&source, &file)
    } else {
        Votes::Wide(&source, &file)
    };
    let Export {
        matrix: m,
        mut polis_groups,
    } = load_export(votes, comments)?;
    if m.n_votes() == 0 {
        bail!("no votes in the input");
    }
    if let Some(p) = &a.compare {
        polis_groups = Some(parse_participants_votes(&read(p)?, &name(p))?.groups);
    }
    let t_parse = start.elapsed();
    let config = Config {
        seed: a.seed,
        ..Config::default()
    };
    let t0 = Instant::now();
    let result = Engine::new(config).update(&m);
    let t_analysis = t0.elapsed();
    let json = to_json(&result);
    std::fs::write(&a.out, serde_json::to_string(&json)? + "\n")
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    let sizes: Vec<String> = result
        .groups
        .iter()
        .map(|g| g.members.len().to_string())
        .collect();
    let mut line = format!(
        "{} participants x {} statements, {} votes: {} groups ({}), {} consensus statements; analysis {:.1} ms, total {:.1} ms -> {}",
        m.participants().len(),
        m.statements().len(),
        m.n_votes(),
        result.groups.len(),
        sizes.join("/"),
        result.consensus_agree.len() + result.consensus_disagree.len(),
        t_analysis.as_secs_f64() * 1e3,
        (t_parse + t_analysis).as_secs_f64() * 1e3,
        a.out.display()
    );
    if let Some(pg) = polis_groups {
        let (ari, n) = ari_vs_groups(&result, &pg);
        let _ = write!(
            line,
            "\nARI vs Polis groups: {ari:.3} ({n} participants in both)"
        );
    }
    println!("{line}");
    Ok(())
}

fn to_json(r: &Analysis) -> Value {
    let groups: Vec<Value> = r
        .groups
        .iter()
        .map(|g| json!({"id": g.id, "members": g.members}))
        .collect();
    let cons = |v: &[g1000_opinion::Consensus]| -> Vec<Value> {
        v.iter()
            .map(|c| json!({"tid": c.tid, "p": c.p, "z": c.z}))
            .collect()
    };
    let mut repness = Map::new();
    for (g, reps) in r.repness.iter().enumerate() {
        let list: Vec<Value> = reps
            .iter()
            .map(|x| {
                json!({
                    "tid": x.tid,
                    "repful": if x.agree { "agree" } else { "disagree" },
                    "p": x.p,
                    "z": x.z,
                    "repness": x.repness,
                    "p-test": x.p_test,
                    "best-agree": x.best_agree,
                })
            })
            .collect();
        repness.insert(g.to_string(), Value::Array(list));
    }
    let mut projection = Map::new();
    for (pid, p) in &r.projection {
        projection.insert(pid.to_string(), json!([p[0], p[1]]));
    }
    let gac: Vec<Value> = r
        .group_consensus
        .iter()
        .take(5)
        .map(|(tid, p)| json!({"tid": tid, "p": p}))
        .collect();
    json!({
        "groups": groups,
        "consensus": {"agree": cons(&r.consensus_agree), "disagree": cons(&r.consensus_disagree)},
        "group-consensus": gac,
        "repness": repness,
        "projection": projection,
    })
}

fn generate(g: GenerateArgs) -> Result<()> {
    if g.participants == 0 || g.statements == 0 {
        bail!("--participants and --statements must be at least 1");
    }
    if g.votes > g.participants * g.statements {
        bail!(
            "--votes {} is more than participants x statements ({})",
            g.votes,
            g.participants * g.statements
        );
    }
    let (votes, _) = Synthetic {
        participants: g.participants,
        statements: g.statements,
        votes: g.votes,
        camps: g.camps,
        seed: g.seed,
    }
    .generate();
    std::fs::create_dir_all(&g.out_dir)
        .with_context(|| format!("cannot create {}", g.out_dir.display()))?;
    let mut v = String::with_capacity(votes.len() * 32);
    v.push_str("timestamp,datetime,comment-id,voter-id,vote\n");
    for r in &votes {
        let _ = writeln!(v, "{},,{},{},{}", r.timestamp, r.tid, r.pid, r.vote);
    }
    let mut c = String::from(
        "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n",
    );
    for t in 0..g.statements {
        let _ = writeln!(c, "0,,{t},0,0,0,1,Synthetic statement {t}");
    }
    for (f, text) in [("votes.csv", v), ("comments.csv", c)] {
        let p = g.out_dir.join(f);
        std::fs::write(&p, text).with_context(|| format!("cannot write {}", p.display()))?;
    }
    println!(
        "{} participants x {} statements, {} votes -> {}",
        g.participants,
        g.statements,
        votes.len(),
        g.out_dir.display()
    );
    Ok(())
}
