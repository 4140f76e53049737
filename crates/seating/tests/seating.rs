//! Invariants on small hand-made halls, determinism, re-planning, typed errors, and the acceptance
//! runs on the benchmark instances of `../shared/data/g1000-tables` (core-s1, default-s1).

use g1000_seating::*;
use std::path::{Path, PathBuf};

fn attrs(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

/// 40 people (group a/b/c/d 20/8/6/6, gender f/m), 8 tables of 5: tables 0-1 accessible, table 7 of
/// language L2; hosts p00 at table 3 and an outside host at table 4; 2 wheelchair users, 3 L2-only.
fn small_hall() -> Instance {
    let mut people = String::from("id,group,gender,wheelchair,language\n");
    for i in 0..40 {
        let group = match i % 20 {
            0..=9 => "a",
            10..=13 => "b",
            14..=16 => "c",
            _ => "d",
        };
        let gender = if i % 2 == 0 { "f" } else { "m" };
        let wheel = (i == 5 || i == 17) as u8;
        let lang = if [2, 11, 22].contains(&i) { "L2" } else { "L1" };
        people.push_str(&format!("p{i:02},{group},{gender},{wheel},{lang}\n"));
    }
    let mut tables = String::from("table,capacity,accessible,language,host\n");
    for t in 0..8 {
        let host = match t {
            3 => "p00",
            4 => "guest",
            _ => "",
        };
        tables.push_str(&format!(
            "{t},5,{},{},{host}\n",
            (t < 2) as u8,
            if t == 7 { "L2" } else { "L1" }
        ));
    }
    let pairs = "kind,a,b\ntogether,p30,p31\ntogether,p05,p06\napart,p10,p12\napart,p20,p21\n";
    let attributes = attrs(&["group", "gender"]);
    Instance {
        participants: parse_participants("participants.csv", &people, &attributes).unwrap(),
        attributes,
        tables: parse_tables("tables.csv", &tables).unwrap(),
        pairs: parse_pairs("pairs.csv", pairs).unwrap(),
        max_wheelchair_per_table: Some(1),
        hall: None,
    }
}

fn seat_of(inst: &Instance, plan: &Plan, r: usize, id: &str) -> usize {
    let p = inst.participants.iter().position(|p| p.id == id).unwrap();
    plan.rounds[r][p].unwrap()
}

#[test]
fn small_hall_keeps_every_hard_constraint() {
    let inst = small_hall();
    let opts = PlanOptions {
        rounds: 3,
        seed: 7,
        effort: 1.0,
    };
    let plan = plan(&inst, &opts, None).unwrap();
    assert_eq!(plan.rounds.len(), 3);
    for r in 0..3 {
        let mut size = vec![0; 8];
        for (p, t) in plan.rounds[r].iter().enumerate() {
            let t = t.expect("everyone seated");
            size[t] += 1;
            let who = &inst.participants[p];
            if who.wheelchair {
                assert!(t < 2, "wheelchair user {} at table {t}", who.id);
            }
            if who.language == "L2" {
                assert_eq!(t, 7, "{} needs the L2 table", who.id);
            }
        }
        assert!(size.iter().all(|&s| s <= 5), "capacity {size:?}");
        assert_eq!(seat_of(&inst, &plan, r, "p00"), 3, "host pinned");
        assert_eq!(
            seat_of(&inst, &plan, r, "p30"),
            seat_of(&inst, &plan, r, "p31")
        );
        assert_eq!(
            seat_of(&inst, &plan, r, "p05"),
            seat_of(&inst, &plan, r, "p06")
        );
        assert_ne!(
            seat_of(&inst, &plan, r, "p10"),
            seat_of(&inst, &plan, r, "p12")
        );
        assert_ne!(
            seat_of(&inst, &plan, r, "p20"),
            seat_of(&inst, &plan, r, "p21")
        );
        assert_ne!(
            seat_of(&inst, &plan, r, "p05"),
            seat_of(&inst, &plan, r, "p17"),
            "one wheelchair per table"
        );
    }
    let sc = score(&inst, &plan);
    assert_eq!(sc.hard, 0, "{sc}");
}

#[test]
fn unconstrained_hall_is_within_floor_ceil_without_repeats() {
    // 50 people, 10 tables of 5, 3 rounds: every cell within floor/ceil, nobody meets twice.
    let mut people = String::from("id,group,age\n");
    for i in 0..50 {
        people.push_str(&format!(
            "p{i:02},{},{}\n",
            ["a", "a", "b", "c"][i % 4],
            ["y", "o", "o"][i % 3]
        ));
    }
    let mut tables = String::from("table,capacity\n");
    for t in 0..10 {
        tables.push_str(&format!("T{t},5\n"));
    }
    let attributes = attrs(&["group", "age"]);
    let inst = Instance {
        participants: parse_participants("p.csv", &people, &attributes).unwrap(),
        attributes,
        tables: parse_tables("t.csv", &tables).unwrap(),
        pairs: vec![],
        max_wheelchair_per_table: None,
        hall: None,
    };
    let plan = plan(
        &inst,
        &PlanOptions {
            rounds: 3,
            seed: 1,
            effort: 1.0,
        },
        None,
    )
    .unwrap();
    let sc = score(&inst, &plan);
    assert_eq!((sc.hard, sc.fc_excess, sc.r_pairs), (0, 0, 0), "{sc}");
    assert!(
        plan.to_csv(&inst)
            .starts_with("round,table,participant\n1,T0,")
    );
}

#[test]
fn same_seed_same_plan() {
    let inst = small_hall();
    let opts = PlanOptions {
        rounds: 3,
        seed: 42,
        effort: 0.5,
    };
    let a = plan(&inst, &opts, None).unwrap();
    let b = plan(&inst, &opts, None).unwrap();
    assert_eq!(a, b);
    let c = plan(&inst, &PlanOptions { seed: 43, ..opts }, None).unwrap();
    assert_ne!(a, c, "another seed gives another plan");
}

#[test]
fn replan_keeps_frozen_rounds_with_leavers_and_late_arrivals() {
    let inst = small_hall();
    let first = plan(
        &inst,
        &PlanOptions {
            rounds: 3,
            seed: 3,
            effort: 0.5,
        },
        None,
    )
    .unwrap();
    let rows = parse_plan("plan.csv", &first.to_csv(&inst)).unwrap();
    // p39 leaves, "late" arrives.
    let mut later = inst.clone();
    later.participants.retain(|p| p.id != "p39");
    let mut late = later.participants[1].clone();
    late.id = "late".into();
    later.participants.push(late);
    let frozen = Frozen::from_rows(&later, &rows, 1).unwrap();
    let re = plan(
        &later,
        &PlanOptions {
            rounds: 3,
            seed: 9,
            effort: 0.5,
        },
        Some(&frozen),
    )
    .unwrap();
    for (p, who) in later.participants.iter().enumerate() {
        let before = inst
            .participants
            .iter()
            .position(|q| q.id == who.id)
            .map(|q| first.rounds[0][q].unwrap());
        assert_eq!(re.rounds[0][p], before, "round 1 frozen for {}", who.id);
        assert!(re.rounds[1][p].is_some() && re.rounds[2][p].is_some());
    }
    let sc = score(&later, &re);
    assert_eq!(sc.hard_by_round[1..], [0, 0], "{sc}");
    // A frozen plan naming an unknown table is refused, naming it.
    let mut bad = rows.clone();
    bad[0].table = "99".into();
    let e = Frozen::from_rows(&later, &bad, 1).unwrap_err();
    assert!(e.to_string().contains("table 99"), "{e}");
}

#[test]
fn impossible_constraints_are_named() {
    let base = small_hall();
    let opts = PlanOptions {
        rounds: 2,
        seed: 1,
        effort: 0.1,
    };
    let err = |inst: &Instance| plan(inst, &opts, None).unwrap_err();

    let mut i = base.clone();
    for p in i.participants.iter_mut().take(4) {
        p.wheelchair = true;
    }
    let e = err(&i);
    assert!(
        matches!(
            e,
            SeatingError::Wheelchair {
                users: 6,
                places: 2
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string()
            .starts_with("wheelchair access: 6 wheelchair users"),
        "{e}"
    );

    let mut i = base.clone();
    for p in i.participants.iter_mut().skip(30) {
        p.language = "L2".into();
    }
    assert!(matches!(err(&i), SeatingError::Language { seats: 5, .. }));

    let mut i = base.clone();
    i.tables.truncate(7);
    assert_eq!(
        err(&i),
        SeatingError::Capacity {
            people: 40,
            seats: 35
        }
    );

    let mut i = base.clone();
    i.tables[5].host = Some("p00".into());
    assert!(
        err(&i)
            .to_string()
            .contains("host p00 of table 5: also hosts table 3"),
        "{}",
        err(&i)
    );

    let mut i = base.clone();
    i.tables[4].host = Some("p05".into());
    assert!(
        err(&i).to_string().contains("not accessible"),
        "{}",
        err(&i)
    );

    let mut i = base.clone();
    i.pairs.push(Pair {
        kind: PairKind::Apart,
        a: "p30".into(),
        b: "p31".into(),
    });
    assert!(
        err(&i).to_string().starts_with("apart pair p30, p31"),
        "{}",
        err(&i)
    );

    let mut i = base.clone();
    i.pairs.push(Pair {
        kind: PairKind::Together,
        a: "p02".into(),
        b: "p05".into(),
    });
    assert!(err(&i).to_string().contains("no table fits"), "{}", err(&i));

    let mut i = base.clone();
    i.pairs.push(Pair {
        kind: PairKind::Together,
        a: "p02".into(),
        b: "nobody".into(),
    });
    assert!(
        err(&i).to_string().contains("nobody is not a participant"),
        "{}",
        err(&i)
    );

    assert!(matches!(
        plan(&base, &PlanOptions { rounds: 0, ..opts }, None),
        Err(SeatingError::Rounds { .. })
    ));
}

#[test]
fn bad_input_names_file_row_and_column() {
    let e = parse_tables("tables.csv", "table,capacity\n1,10\n2,ten\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "tables.csv: row 3, column capacity: \"ten\": invalid digit found in string"
    );
    let e = parse_participants("people.csv", "id,group\np1,a\n", &attrs(&["group", "age"]))
        .unwrap_err();
    assert_eq!(e.to_string(), "people.csv: missing column age");
    let e = parse_participants(
        "people.csv",
        "id,group,wheelchair\np1,a,maybe\n",
        &attrs(&["group"]),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("people.csv: row 2, column wheelchair"),
        "{e}"
    );
    let e = parse_pairs("pairs.csv", "kind,a,b\nnear,p1,p2\n").unwrap_err();
    assert!(
        e.to_string().starts_with("pairs.csv: row 2, column kind"),
        "{e}"
    );
    let e =
        parse_participants("people.csv", "id,group\np1,a\np1,b\n", &attrs(&["group"])).unwrap_err();
    assert!(
        e.to_string().contains("row 3, column id: p1 appears twice"),
        "{e}"
    );
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/g1000-tables")
        .join(name)
}

fn load(name: &str) -> Instance {
    let dir = data(name);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    let attributes = attrs(&["group", "gender", "age_band", "neighbourhood", "education"]);
    Instance {
        participants: parse_participants(
            "participants.csv",
            &read("participants.csv"),
            &attributes,
        )
        .unwrap(),
        attributes,
        tables: parse_tables("tables.csv", &read("tables.csv")).unwrap(),
        pairs: parse_pairs("pairs.csv", &read("pairs.csv")).unwrap(),
        max_wheelchair_per_table: Some(2),
        hall: None,
    }
}

#[test]
fn acceptance_core_s1() {
    let inst = load("core-s1");
    let plan = plan(&inst, &PlanOptions::default(), None).unwrap();
    let sc = score(&inst, &plan);
    assert_eq!(
        (sc.hard, sc.fc_excess, sc.fc_cells, sc.r_pairs),
        (0, 0, 0, 0),
        "{sc}"
    );
}

#[test]
fn acceptance_default_s1_and_replan() {
    let inst = load("default-s1");
    let full = plan(&inst, &PlanOptions::default(), None).unwrap();
    let sc = score(&inst, &full);
    let lb = &sc.lower_bounds;
    assert_eq!((lb.r_pairs, lb.fc_excess), (21, 32));
    assert_eq!(sc.hard, 0, "{sc}");
    assert!(
        sc.r_pairs <= 2 * lb.r_pairs && sc.fc_excess <= 2 * lb.fc_excess,
        "{sc}"
    );
    // Re-plan rounds 3-4 with rounds 1-2 frozen.
    let rows = parse_plan("plan.csv", &full.to_csv(&inst)).unwrap();
    let frozen = Frozen::from_rows(&inst, &rows, 2).unwrap();
    let re = plan(
        &inst,
        &PlanOptions {
            seed: 2,
            ..PlanOptions::default()
        },
        Some(&frozen),
    )
    .unwrap();
    assert_eq!(re.rounds[..2], full.rounds[..2]);
    assert_eq!(score(&inst, &re).hard, 0);
}
