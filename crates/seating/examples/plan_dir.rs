//! Plans a benchmark instance folder (participants.csv, tables.csv, pairs.csv, meta.json):
//! `cargo run --release -p g1000-seating --example plan_dir -- DIR OUT.csv [ROUNDS] [SEED] [FREEZE.csv THROUGH]`
//! Prints the time and the metrics to stderr.

use g1000_seating::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::Path::new(&args[1]);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
    let attributes: Vec<String> = ["group", "gender", "age_band", "neighbourhood", "education"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let meta = read("meta.json");
    let max_wc = meta
        .split("\"wheelchair_per_accessible_table_max\":")
        .nth(1)
        .and_then(|s| {
            s.trim_start()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .and_then(|d| d.parse().ok())
        });
    let inst = Instance {
        participants: parse_participants(
            "participants.csv",
            &read("participants.csv"),
            &attributes,
        )
        .unwrap(),
        attributes,
        tables: parse_tables("tables.csv", &read("tables.csv")).unwrap(),
        pairs: parse_pairs("pairs.csv", &read("pairs.csv")).unwrap(),
        max_wheelchair_per_table: max_wc,
        hall: None,
    };
    let rounds = args.get(3).map_or(4, |s| s.parse().unwrap());
    let seed = args.get(4).map_or(1, |s| s.parse().unwrap());
    let frozen = args.get(5).map(|f| {
        let rows = parse_plan(f, &std::fs::read_to_string(f).unwrap()).unwrap();
        Frozen::from_rows(&inst, &rows, args[6].parse().unwrap()).unwrap()
    });
    let opts = PlanOptions {
        rounds,
        seed,
        effort: std::env::var("EFFORT").map_or(1.0, |e| e.parse().unwrap()),
    };
    let t = std::time::Instant::now();
    let plan = plan(&inst, &opts, frozen.as_ref());
    let secs = t.elapsed().as_secs_f64();
    match plan {
        Ok(plan) => {
            std::fs::write(&args[2], plan.to_csv(&inst)).unwrap();
            eprintln!("time {secs:.2} s\n{}", score(&inst, &plan));
        }
        Err(e) => eprintln!("error after {secs:.2} s: {e}"),
    }
}
