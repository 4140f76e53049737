//! Behaviour tests of the sortition engine on the public instances and generated pools.

use g1000_sortition::*;
use std::collections::BTreeMap;

fn data(rel: &str) -> Option<Vec<u8>> {
    let p = format!(
        "{}/../../../shared/data/sortition/{rel}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&p).ok()
}

fn req<'a>(f: &'a [u8], p: &'a [u8], k: u32, alg: Algorithm) -> Request<'a> {
    Request {
        features_name: "features.csv",
        features: f,
        people_name: "people.csv",
        people: p,
        panel_size: k,
        algorithm: alg,
        household_columns: vec![],
        id_column: None,
        seed: 1,
        legacy_draws: 2000,
    }
}

/// Alternate(n, k) of the Nature paper in the replication format.
fn alternate(n: usize, k: usize) -> (String, String) {
    let lo = k / 2 - 1;
    let f = format!(
        "category,feature,min,max\ngender,female,{lo},{k}\ngender,male,{lo},{k}\nleaning,liberal,{lo},{k}\nleaning,conservative,{lo},{k}"
    );
    let mut p = String::from("gender,leaning\nfemale,conservative\n");
    for _ in 0..n / 2 - 1 {
        p.push_str("female,liberal\n");
    }
    for _ in 0..n / 2 {
        p.push_str("male,conservative\n");
    }
    (f, p)
}

fn check_invariants(r: &Request, d: &DistributionFile) {
    let fails = verify(r, d, None);
    assert!(fails.is_empty(), "{fails:?}");
    let s: f64 = d.marginals.values().sum();
    assert!(
        (s - d.panel_size as f64).abs() < 1e-6,
        "marginals sum to {s}"
    );
}

fn sorted(m: &BTreeMap<String, f64>) -> Vec<f64> {
    let mut v: Vec<f64> = m.values().copied().collect();
    v.sort_by(f64::total_cmp);
    v
}

#[test]
fn alternate_leximin_is_exactly_k_over_n() {
    for (n, k) in [(200, 20), (500, 50), (2000, 200)] {
        let (f, p) = alternate(n, k);
        let r = req(f.as_bytes(), p.as_bytes(), k as u32, Algorithm::Leximin);
        let (d, st) = distribution(&r, &mut |_| {}).unwrap();
        assert_eq!(st.guard_firings, 0);
        for (id, &m) in &d.marginals {
            assert!(
                (m - k as f64 / n as f64).abs() < 1e-6,
                "Alternate({n},{k}): {id} has {m}"
            );
        }
        check_invariants(&r, &d);
    }
}

#[test]
fn example_small_20_from_the_replication_files() {
    let (Some(f), Some(p)) = (
        data("example_small_20/categories.csv"),
        data("example_small_20/respondents.csv"),
    ) else {
        eprintln!("shared data not found, skipped");
        return;
    };
    let r = req(&f, &p, 20, Algorithm::Leximin);
    let (d, _) = distribution(&r, &mut |_| {}).unwrap();
    assert_eq!(d.marginals.len(), 200);
    assert!(d.marginals.contains_key("0") && d.marginals.contains_key("199"));
    for &m in d.marginals.values() {
        assert!((m - 0.1).abs() < 1e-6);
    }
    check_invariants(&r, &d);
}

#[test]
fn fixture_has_all_eleven_levels_and_lottery_verifies() {
    let (Some(f), Some(p)) = (
        data("sortition_algorithms_fixture_22/features.csv"),
        data("sortition_algorithms_fixture_22/candidates.csv"),
    ) else {
        eprintln!("shared data not found, skipped");
        return;
    };
    let r = req(&f, &p, 22, Algorithm::Leximin);
    let (d, st) = distribution(&r, &mut |_| {}).unwrap();
    assert_eq!(st.guard_firings, 0);
    let v = sorted(&d.marginals);
    assert!((v[0] - 1.0 / 11.0).abs() < 1e-6, "min {}", v[0]);
    // Levels of the reference run (design note §8): value × number of people.
    let levels = [
        (1.0 / 11.0, 22),
        (3.0 / 26.0, 26),
        (0.125, 16),
        (3.0 / 19.0, 19),
        (1.0 / 6.0, 18),
        (0.16861, 40),
        (0.17463, 2),
        (0.18681, 2),
        (0.23545, 2),
        (0.29553, 2),
        (0.47090, 1),
    ];
    let mut i = 0;
    for (level, count) in levels {
        for _ in 0..count {
            assert!(
                (v[i] - level).abs() < 1e-4,
                "person {i}: {} vs level {level}",
                v[i]
            );
            i += 1;
        }
    }
    assert_eq!(i, 150);
    check_invariants(&r, &d);
    // Proven optimal: the marginals meet the leximin bound of the LP relaxation.
    let c = certify(&r, &d).unwrap();
    assert!(c.certified, "{c:?}");
    assert_eq!(c.levels, 11);
    // LEGACY's distribution is not leximin-optimal, and the bound says so.
    let (lg, _) = distribution(&req(&f, &p, 22, Algorithm::Legacy), &mut |_| {}).unwrap();
    let c = certify(&req(&f, &p, 22, Algorithm::Legacy), &lg).unwrap();
    assert!(!c.certified && c.max_shortfall > 1e-3, "{c:?}");

    // Determinism: a second run gives the same bytes.
    let (d2, _) = distribution(&r, &mut |_| {}).unwrap();
    let bytes = d.to_json();
    assert_eq!(bytes, d2.to_json());

    // MAXIMIN reaches the same minimum, never more.
    let (mx, _) = distribution(&req(&f, &p, 22, Algorithm::Maximin), &mut |_| {}).unwrap();
    let mmin = sorted(&mx.marginals)[0];
    assert!((mmin - v[0]).abs() < 1e-6 && v[0] >= mmin - 1e-9);

    // Lottery: 1000 tickets within k/M, deterministic, verifiable, draw works.
    let lot = make_lottery(&d, bytes.as_bytes(), 1000, 7).unwrap();
    assert!(lot.max_deviation <= 22.0 / 1000.0, "{}", lot.max_deviation);
    assert_eq!(lot.tickets.len(), 1000);
    let lot2 = make_lottery(&d, bytes.as_bytes(), 1000, 7).unwrap();
    assert_eq!(lot.to_json(), lot2.to_json());
    assert_eq!(lot.draw(1000), lot.draw(0));
    assert!(lot.draw(1001).is_none());
    let lbytes = lot.to_json();
    assert!(verify(&r, &d, Some((&lot, bytes.as_bytes()))).is_empty());
    assert!(
        recompute(
            &r,
            bytes.as_bytes(),
            Some((&lot, lbytes.as_bytes())),
            &mut |_| {}
        )
        .is_empty()
    );
    // Tampering is caught.
    let mut bad = d.clone();
    bad.panels.entries[0].probability += 0.01;
    assert!(!verify(&r, &bad, None).is_empty());
}

#[test]
fn nash_and_legacy_on_alternate() {
    let (f, p) = alternate(200, 20);
    let r = req(f.as_bytes(), p.as_bytes(), 20, Algorithm::Nash);
    let (d, _) = distribution(&r, &mut |_| {}).unwrap();
    check_invariants(&r, &d);
    for &m in d.marginals.values() {
        assert!(m > 0.0);
    }
    // LEGACY with the signed rule: the lone female-conservative is selected ~1 % of the time.
    let mut r = req(f.as_bytes(), p.as_bytes(), 20, Algorithm::Legacy);
    r.legacy_draws = 10_000;
    let (d, _) = distribution(&r, &mut |_| {}).unwrap();
    let fc = d.marginals["0"];
    assert!((0.005..0.02).contains(&fc), "female-conservative {fc}");
    check_invariants(&r, &d);
    assert!(make_lottery(&d, b"", 100, 1).is_err());
}

#[test]
fn infeasible_quotas_give_a_relaxation() {
    // Region minimums sum to k + 2.
    let f = "feature,value,min,max\nregion,north,4,6\nregion,south,4,6\nregion,east,4,6\ngender,f,5,7\ngender,m,5,7\n";
    let mut p = String::from("id,region,gender\n");
    for i in 0..60 {
        let reg = ["north", "south", "east"][i % 3];
        let g = ["f", "m"][i % 2];
        p.push_str(&format!("p{i},{reg},{g}\n"));
    }
    let r = req(f.as_bytes(), p.as_bytes(), 10, Algorithm::Leximin);
    match distribution(&r, &mut |_| {}) {
        Err(SolveError::Infeasible(rep)) => {
            let text = rep.to_string();
            assert!(text.contains("sum to 12 > panel size 10"), "{text}");
            let changes = rep.relaxation.clone().unwrap();
            let lowered: u32 = changes.iter().map(|c| c.min - c.new_min).sum();
            assert_eq!(lowered, 2, "{changes:?}");
        }
        other => panic!("expected infeasible, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn input_errors_name_file_row_and_column() {
    let f = "feature,value,min,max\ngender,f,1,2\ngender,m,1,2\n";
    let q = parse_quotas("q.csv", f).unwrap();
    let e = parse_pool(
        "p.csv",
        "id,gender\na,f\nb,x\n",
        &q,
        &PoolOptions::default(),
    )
    .unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(3), Some("gender")));
    assert!(
        e.to_string().starts_with("p.csv, row 3, column 'gender'"),
        "{e}"
    );
    let e = parse_pool(
        "p.csv",
        "id,gender\na,f\na,m\n",
        &q,
        &PoolOptions::default(),
    )
    .unwrap_err();
    assert!(
        e.message.contains("duplicate id 'a'") && e.row == Some(3),
        "{e}"
    );
    let e = parse_quotas("q.csv", "feature,value,min,max\ngender,f,3,2\n").unwrap_err();
    assert_eq!((e.row, e.column.as_deref()), (Some(2), Some("min")));
    let e = parse_pool("p.csv", "id,age\na,1\n", &q, &PoolOptions::default()).unwrap_err();
    assert!(e.message.contains("no column for feature 'gender'"), "{e}");
    let e = parse_quotas("q.csv", "feature,value,min,max\ngender,f,x,2\n").unwrap_err();
    assert_eq!(e.row, Some(2));
    // Id column rules: nationbuilder_id, explicit column, row index.
    let p = parse_pool(
        "p.csv",
        "nationbuilder_id,gender\nz,f\n",
        &q,
        &PoolOptions::default(),
    )
    .unwrap();
    assert_eq!(p.people[0].id, "z");
    let p = parse_pool("p.csv", "gender\nf\nm\n", &q, &PoolOptions::default()).unwrap();
    assert_eq!(p.people[1].id, "1");
    let o = PoolOptions {
        id_column: Some("code".into()),
        household_columns: vec![],
    };
    assert!(parse_pool("p.csv", "id,gender\na,f\n", &q, &o).is_err());
}

#[test]
fn households_reserves_and_replacement() {
    // 40 people; pairs 2i, 2i+1 share an address; quotas on gender.
    let f = "feature,value,min,max\ngender,f,3,3\ngender,m,3,3\n";
    let mut p = String::from("id,gender,address\n");
    for i in 0..40 {
        p.push_str(&format!("p{i:02},{},street {}\n", ["f", "m"][i % 2], i / 2));
    }
    let mut r = req(f.as_bytes(), p.as_bytes(), 6, Algorithm::Leximin);
    r.household_columns = vec!["address".into()];
    let (d, _) = distribution(&r, &mut |_| {}).unwrap();
    check_invariants(&r, &d);
    for &m in d.marginals.values() {
        assert!((m - 0.15).abs() < 1e-6, "{m}");
    }
    let inst = load(&r).unwrap();
    let lot = make_lottery(&d, d.to_json().as_bytes(), 100, 3).unwrap();
    let panel: Vec<usize> = lot
        .draw(5)
        .unwrap()
        .iter()
        .map(|id| id[1..].parse().unwrap())
        .collect();
    inst.check_panel(&panel).unwrap();
    let list = reserves::reserve_list(&inst, &panel, 9).unwrap();
    assert_eq!(list.order.len(), 34);
    let chosen = reserves::replace_from_reserves(&inst, &panel, &panel[..2], &list.order).unwrap();
    assert_eq!(chosen.len(), 2);
    let mut new = panel[2..].to_vec();
    new.extend(&chosen);
    inst.check_panel(&new).unwrap();
    let res = reserves::residual_instance(&inst, &panel[2..], &panel[..2]).unwrap();
    assert_eq!(res.k, 2);
    let td = leximin::solve(&res, None, &mut |_| {}).unwrap();
    assert!(
        td.compositions
            .iter()
            .all(|c| res.check_composition(c).is_ok())
    );
}

/// The panel branch and bound against brute force on a small pool with households and tied
/// weights: same optimum, and `best_panel_above` answers None exactly at the optimum.
#[test]
fn panel_branch_and_bound_matches_brute_force() {
    let f = "feature,value,min,max\ngender,f,2,3\ngender,m,2,3\nage,young,1,3\nage,mid,1,2\nage,old,1,3\n";
    let mut p = String::from("id,address,gender,age\n");
    let g = ["f", "m"];
    let a = ["young", "mid", "old"];
    for i in 0..14 {
        // People 0-3 share two addresses; the rest live alone.
        let addr = if i < 4 { i / 2 } else { 100 + i };
        p.push_str(&format!(
            "p{i},{addr},{},{}\n",
            g[i % 2],
            a[(i * 7 / 3) % 3]
        ));
    }
    let mut r = req(f.as_bytes(), p.as_bytes(), 5, Algorithm::Leximin);
    r.household_columns = vec!["address".into()];
    let inst = load(&r).unwrap();
    let n = inst.n();
    let nt = inst.types.len();
    let mut seed = 7u64;
    for round in 0..40 {
        let w: Vec<f64> = (0..nt)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let v = (seed >> 33) % 4;
                if round % 2 == 0 {
                    v as f64 * 0.5
                } else {
                    (seed >> 20) as f64 / (1u64 << 44) as f64
                }
            })
            .collect();
        // Brute force over all person subsets of size k.
        let mut opt = f64::NEG_INFINITY;
        for mask in 0u32..(1 << n) {
            if mask.count_ones() != inst.k {
                continue;
            }
            let members: Vec<usize> = (0..n).filter(|&i| mask >> i & 1 == 1).collect();
            if inst.check_panel(&members).is_ok() {
                let v: f64 = members.iter().map(|&i| w[inst.person_type[i]]).sum();
                opt = opt.max(v);
            }
        }
        let c = inst.best_panel(&w).unwrap().expect("feasible");
        let v: f64 = c.iter().enumerate().map(|(t, &x)| w[t] * x as f64).sum();
        assert!(
            (v - opt).abs() < 1e-9,
            "round {round}: {v} vs brute force {opt}"
        );
        assert!(inst.best_panel_above(&w, opt + 1e-7, 1).unwrap().is_none());
        let above = inst.best_panel_above(&w, opt - 1e-6, usize::MAX).unwrap();
        assert!(above.is_some_and(|c| inst.check_composition(&c).is_ok()));
    }
}
