//! Prints the Add1 completion's statistics (counts, exact recounts, time) for a .pb file.
fn main() {
    let path = std::env::args().nth(1).expect("usage: add1_stats FILE.pb");
    let e = g1000_tally::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let t = std::time::Instant::now();
    let o = g1000_tally::mes::mes_add1(&e).unwrap();
    let run = o
        .explanation
        .iter()
        .find(|s| s.action == g1000_tally::Action::Run)
        .unwrap();
    println!(
        "{:?} {:?} {} selected",
        t.elapsed(),
        run.numbers,
        o.selected.len()
    );
}
