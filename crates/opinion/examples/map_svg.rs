//! Writes the opinion map of a generated conversation as SVG to stdout:
//! `cargo run -p g1000-opinion --example map_svg > map.svg`
use g1000_opinion::map::group_letter;
use g1000_opinion::{Config, MapText, VoteMatrix, analyze, opinion_map_svg};

fn main() {
    // Three camps of 12 with some noise, 20 statements; two latecomers with one vote.
    let mut m = VoteMatrix::new();
    let mut seed = 7u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % 100
    };
    for p in 0..36u64 {
        for t in 0..20u64 {
            let camp = p % 3;
            // The first four statements everyone agrees with; each camp agrees with its own third of the rest.
            let base: i8 = if t < 4 || (t + camp) % 3 == 0 { 1 } else { -1 };
            let vote = if next() < 15 { -base } else { base };
            m.set_vote(p, t, vote);
        }
    }
    m.set_vote(100, 1, 1);
    m.set_vote(101, 2, -1);
    let config = Config {
        min_clustered: 0,
        ..Config::default()
    };
    let a = analyze(&m, &config);
    let text = MapText {
        id: "opinion-map".into(),
        title: "Opinion map".into(),
        description: format!(
            "{} participants in {} opinion groups",
            a.projection.len(),
            a.groups.len()
        ),
        group_names: (0..a.groups.len())
            .map(|g| format!("Group {}", group_letter(g)))
            .collect(),
        unclustered: "Not yet placed".into(),
        axis_x: "first opinion dimension".into(),
        axis_y: "second opinion dimension".into(),
    };
    println!("{}", opinion_map_svg(&a, &text));
}
