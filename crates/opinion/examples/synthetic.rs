//! Generate a synthetic conversation in memory and time its analysis (bench/opinion/run.sh).
//! Usage: synthetic [PARTICIPANTS STATEMENTS VOTES]   (default 30000 800 2000000)
use g1000_opinion::{Config, Engine, VoteMatrix, synthetic::Synthetic};
use std::time::Instant;

fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|x| x.parse().expect("a number"))
        .collect();
    let s = Synthetic {
        participants: *a.first().unwrap_or(&30_000),
        statements: *a.get(1).unwrap_or(&800),
        votes: *a.get(2).unwrap_or(&2_000_000),
        camps: 3,
        seed: 1,
    };
    let (votes, _) = s.generate();
    let t = Instant::now();
    let mut m = VoteMatrix::new();
    for v in &votes {
        m.set_vote(v.pid, v.tid, v.vote);
    }
    let t_matrix = t.elapsed().as_secs_f64();
    drop(votes);
    let t = Instant::now();
    let r = Engine::new(Config::default()).update(&m);
    let t_analysis = t.elapsed().as_secs_f64();
    let sizes: Vec<usize> = r.groups.iter().map(|g| g.members.len()).collect();
    println!(
        "{{\"participants\": {}, \"statements\": {}, \"votes\": {}, \"matrix_s\": {t_matrix:.3}, \"analysis_s\": {t_analysis:.3}, \"group_sizes\": {sizes:?}, \"pca_iterations\": \"{:?}\"}}",
        s.participants,
        s.statements,
        m.n_votes(),
        r.components.iterations
    );
}
