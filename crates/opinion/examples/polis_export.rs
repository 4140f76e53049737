//! Analyse a Polis export folder and print the groups, ARI vs Polis's groups, consensus and the time, as
//! one JSON line (used by bench/opinion/run.sh; the CLI `g1000 opinion analyze` does the same with a
//! JSON result file). Usage: polis_export DIR [REPEAT]
use g1000_opinion::{Config, Engine, Votes, ari_vs_groups, load_export, parse_participants_votes};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::Path::new(args.get(1).expect("usage: polis_export DIR [REPEAT]"));
    let repeat: usize = args.get(2).map_or(5, |r| r.parse().expect("REPEAT"));
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).ok();
    let t0 = Instant::now();
    let comments = read("comments.csv").expect("comments.csv");
    let pv = read("participants-votes.csv");
    let votes = read("votes.csv");
    let export = match &votes {
        Some(v) => load_export(
            Votes::History(v, "votes.csv"),
            Some((&comments, "comments.csv")),
        ),
        None => load_export(
            Votes::Wide(pv.as_deref().expect("votes"), "participants-votes.csv"),
            Some((&comments, "comments.csv")),
        ),
    }
    .unwrap_or_else(|e| panic!("{e}"));
    let t_load = t0.elapsed().as_secs_f64();
    let polis = pv.map(|t| {
        parse_participants_votes(&t, "participants-votes.csv")
            .unwrap()
            .groups
    });
    let mut times = Vec::new();
    let mut result = None;
    for _ in 0..repeat {
        let t = Instant::now();
        let r = Engine::new(Config::default()).update(&export.matrix);
        times.push(t.elapsed().as_secs_f64());
        result = Some(r);
    }
    let r = result.unwrap();
    times.sort_by(f64::total_cmp);
    let (ari, n) = polis
        .as_ref()
        .map_or((f64::NAN, 0), |p| ari_vs_groups(&r, p));
    let sizes: Vec<usize> = r.groups.iter().map(|g| g.members.len()).collect();
    let agree: Vec<u64> = r.consensus_agree.iter().map(|c| c.tid).collect();
    let gac: Vec<u64> = r.group_consensus.iter().take(5).map(|c| c.0).collect();
    println!(
        "{{\"dataset\": \"{}\", \"load_s\": {t_load:.4}, \"pipeline_s_min\": {:.5}, \"pipeline_s_median\": {:.5}, \"group_sizes\": {sizes:?}, \"ari_vs_polis_export\": {ari:.4}, \"ari_n\": {n}, \"consensus_agree\": {agree:?}, \"gac_top5\": {gac:?}, \"pca_iterations\": \"{:?}\", \"silhouettes\": \"{:?}\"}}",
        dir.file_name().unwrap().to_string_lossy(),
        times[0],
        times[times.len() / 2],
        r.components.iterations,
        r.silhouettes
    );
}
