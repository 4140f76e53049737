//! Probe: LEXIMIN over the LP relaxation vs the engine. `relax_probe FEATURES PEOPLE K [HH] [full]`
use g1000_sortition::{Algorithm, Request, leximin, relax};
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let f = std::fs::read(&a[1]).unwrap();
    let p = std::fs::read(&a[2]).unwrap();
    let k: u32 = a[3].parse().unwrap();
    let hh: Vec<String> = a
        .get(4)
        .filter(|s| !s.is_empty())
        .into_iter()
        .cloned()
        .collect();
    let req = Request {
        features_name: &a[1],
        features: &f,
        people_name: &a[2],
        people: &p,
        panel_size: k,
        algorithm: Algorithm::Leximin,
        household_columns: hh,
        id_column: None,
        seed: 0,
        legacy_draws: 0,
    };
    let inst = g1000_sortition::load(&req).unwrap();
    let nt = inst.types.len();
    let t0 = Instant::now();
    let (pi, levels) = relax::relaxed_leximin(&inst, &vec![false; nt]).unwrap();
    eprintln!(
        "relaxation: {:.3}s, {} levels, first {:.9}",
        t0.elapsed().as_secs_f64(),
        levels.len(),
        levels[0]
    );
    let person = |m: &[f64]| {
        let mut v: Vec<f64> = inst.person_type.iter().map(|&t| m[t]).collect();
        v.sort_by(|a, b| a.partial_cmp(b).unwrap());
        v
    };
    let rv = person(&pi);
    eprintln!(
        "relax sorted: min {:.9} p10 {:.9} p50 {:.9} max {:.9}",
        rv[0],
        rv[rv.len() / 10],
        rv[rv.len() / 2],
        rv[rv.len() - 1]
    );
    if a.get(5).map(String::as_str) == Some("full") {
        let t1 = Instant::now();
        let td = leximin::solve(&inst, None, &mut |_| {}).unwrap();
        let ev = person(&td.type_marginals);
        let maxdiff = rv
            .iter()
            .zip(&ev)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        let bytype = pi
            .iter()
            .zip(&td.type_marginals)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        eprintln!(
            "engine {:.2}s levels {}: sorted max diff {maxdiff:.3e}, by type {bytype:.3e}, min {:.9}",
            t1.elapsed().as_secs_f64(),
            td.stats.levels.len(),
            ev[0]
        );
        let above = rv.iter().zip(&ev).map(|(a, b)| a - b).fold(0.0, f64::max);
        let below = rv.iter().zip(&ev).map(|(a, b)| b - a).fold(0.0, f64::max);
        eprintln!("bound above engine by up to {above:.3e}, below by up to {below:.3e}");
        for (i, (a, b)) in rv.iter().zip(&ev).enumerate() {
            if (a - b).abs() > 1e-6 {
                eprintln!("first sorted difference at {i}: relax {a:.9} engine {b:.9}");
                break;
            }
        }
    }
}
