use g1000_sortition::*;
const D: &str = "/work/shared/data/sortition";
#[test]
fn fixture_leximin() {
    let q = std::fs::read_to_string(format!("{D}/sortition_algorithms_fixture_22/features.csv"))
        .unwrap();
    let p = std::fs::read_to_string(format!(
        "{D}/sortition_algorithms_fixture_22/candidates.csv"
    ))
    .unwrap();
    let q = parse_quotas("features.csv", &q).unwrap();
    let p = parse_pool("candidates.csv", &p, &q, &PoolOptions::default()).unwrap();
    let inst = Instance::new(q, p, 22).unwrap();
    let t = std::time::Instant::now();
    let d = leximin::solve(&inst, None, &mut |_| {}).unwrap();
    eprintln!("{:?} {:?}", t.elapsed(), d.stats);
    let mut m: Vec<f64> = (0..inst.n())
        .map(|i| d.type_marginals[inst.person_type[i]])
        .collect();
    m.sort_by(f64::total_cmp);
    eprintln!("{:?}", m);
}
