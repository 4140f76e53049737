//! Profiling aid: `cargo run --release -p g1000-sortition --example profile -- FEATURES PEOPLE K
//! [HOUSEHOLD_COLUMN] [simplex|ipm]` runs LEXIMIN and prints where the time goes.
use g1000_sortition::leximin::{self, LpBackend};
use g1000_sortition::{Algorithm, Request};
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
    let backend = match a.get(5).map(String::as_str) {
        Some("ipm") => LpBackend::InteriorPoint,
        Some("microlp") => LpBackend::Simplex,
        _ => LpBackend::Dense,
    };
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
    let t0 = Instant::now();
    let inst = g1000_sortition::load(&req).unwrap();
    eprintln!(
        "types {} load {:.2}s",
        inst.types.len(),
        t0.elapsed().as_secs_f64()
    );
    let mut last = 0.0;
    let td = leximin::solve_with(&inst, None, backend, &mut |pi| {
        let e = t0.elapsed().as_secs_f64();
        if e - last > 2.0 || last == 0.0 {
            last = e;
            eprintln!(
                "{e:.1}s fixed {}/{} panels {} ilp {:.1}s lp {:.1}s nodes {} root {:.1}s",
                pi.fixed_people,
                pi.people,
                pi.panels,
                pi.ilp_seconds,
                pi.lp_seconds,
                g1000_sortition::model::BB_NODES.load(std::sync::atomic::Ordering::Relaxed),
                g1000_sortition::model::BB_ROOT_NS.load(std::sync::atomic::Ordering::Relaxed)
                    as f64
                    / 1e9
            );
        }
    })
    .unwrap();
    let s = &td.stats;
    let min = td
        .type_marginals
        .iter()
        .cloned()
        .fold(f64::INFINITY, f64::min);
    eprintln!(
        "done {:.2}s: levels {} columns {} support {} pricing {} lp {} ilp {:.2}s lp {:.2}s guard {} min {min:.9}",
        t0.elapsed().as_secs_f64(),
        s.levels.len(),
        s.columns,
        td.compositions.len(),
        s.pricing_calls,
        s.lp_solves,
        s.ilp_seconds,
        s.lp_seconds,
        s.guard_firings
    );
}
