//! `g1000 seating plan` end to end: the real binary on the benchmark instance default-s1 (plan, then
//! re-plan of the last two rounds), and one-line errors for impossible constraints and bad input.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;
use common::{failed, g1000, stderr};

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("seating", name)
}

fn instance(file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/g1000-tables/default-s1")
        .join(file)
        .to_str()
        .unwrap()
        .to_string()
}

/// round -> participant -> table
fn read_plan(p: &Path) -> BTreeMap<u32, BTreeMap<String, String>> {
    let text = std::fs::read_to_string(p).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("round,table,participant"));
    let mut out: BTreeMap<u32, BTreeMap<String, String>> = BTreeMap::new();
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        let prev = out
            .entry(f[0].parse().unwrap())
            .or_default()
            .insert(f[2].into(), f[1].into());
        assert!(prev.is_none(), "seated twice: {l}");
    }
    out
}

const ATTRS: &str = "group,gender,age_band,neighbourhood,education";

#[test]
fn plan_and_replan_default_s1() {
    let dir = temp_dir("plan");
    let plan = dir.join("plan.csv");
    let (p, t, pairs) = (
        instance("participants.csv"),
        instance("tables.csv"),
        instance("pairs.csv"),
    );
    let base = [
        "seating",
        "plan",
        "--participants",
        &p,
        "--tables",
        &t,
        "--pairs",
        &pairs,
    ];
    let mut args = base.to_vec();
    args.extend([
        "--rounds",
        "4",
        "--attributes",
        ATTRS,
        "--seed",
        "5",
        "--out",
        plan.to_str().unwrap(),
    ]);
    let o = g1000(&args);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for line in [
        "hard          0\n",
        "R_pairs ",
        "fc_excess ",
        "(lower bound 21)",
    ] {
        assert!(err.contains(line), "{line:?} missing in\n{err}");
    }
    let first = read_plan(&plan);
    assert_eq!(first.len(), 4);
    assert!(first.values().all(|r| r.len() == 1000));
    // Hosts are outside people; wheelchair users (from meta.json: at most 2 per table) at tables 0-9.
    let wheel: BTreeSet<String> = std::fs::read_to_string(&p)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| l.split(',').nth(6) == Some("1"))
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert_eq!(wheel.len(), 12);
    for r in first.values() {
        let mut per: BTreeMap<&str, usize> = BTreeMap::new();
        for w in &wheel {
            *per.entry(r[w].as_str()).or_default() += 1;
        }
        assert!(
            per.iter()
                .all(|(t, &c)| t.parse::<u32>().unwrap() < 10 && c <= 2),
            "{per:?}"
        );
    }

    // Re-plan rounds 3-4 with rounds 1-2 frozen.
    let again = dir.join("again.csv");
    let mut args = base.to_vec();
    args.extend([
        "--rounds",
        "4",
        "--attributes",
        ATTRS,
        "--out",
        again.to_str().unwrap(),
    ]);
    args.extend(["--freeze", plan.to_str().unwrap(), "--through-round", "2"]);
    let o = g1000(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("(2 frozen)"), "{}", stderr(&o));
    let second = read_plan(&again);
    assert_eq!(second[&1], first[&1]);
    assert_eq!(second[&2], first[&2]);
    assert_eq!(second[&4].len(), 1000);

    // --freeze without --through-round is refused by the argument parser.
    let mut args = base.to_vec();
    args.extend([
        "--rounds",
        "4",
        "--attributes",
        ATTRS,
        "--out",
        "x.csv",
        "--freeze",
        plan.to_str().unwrap(),
    ]);
    assert!(!g1000(&args).status.success());
}

#[test]
fn impossible_constraints_and_bad_input_are_one_line_errors() {
    let dir = temp_dir("errors");
    let people = dir.join("people.csv");
    let tables = dir.join("tables.csv");
    let out = dir.join("plan.csv");
    std::fs::write(
        &people,
        "id,group,wheelchair\np1,a,1\np2,b,1\np3,a,1\np4,b,0\n",
    )
    .unwrap();
    std::fs::write(&tables, "table,capacity,accessible\nA,2,1\nB,2,0\n").unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "seating",
            "plan",
            "--participants",
            people.to_str().unwrap(),
        ];
        args.extend([
            "--tables",
            tables.to_str().unwrap(),
            "--rounds",
            "2",
            "--attributes",
            "group",
        ]);
        args.extend(["--out", out.to_str().unwrap()]);
        args.extend(extra);
        g1000(&args)
    };
    let err = failed(&run(&[]));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("wheelchair access: 3 wheelchair users but the accessible tables have only 2"),
        "{err}"
    );
    assert!(!out.exists());

    std::fs::write(&people, "id,group,wheelchair\np1,a,0\np2,b,2\n").unwrap();
    let err = failed(&run(&[]));
    assert!(
        err.contains("people.csv: row 3, column wheelchair: expected 0 or 1"),
        "{err}"
    );

    std::fs::write(&people, "id,group\np1,a\np2,b\n").unwrap();
    let err = failed(&run(&["--attributes", "group,age"]));
    assert!(err.contains("missing column age"), "{err}");

    let err = failed(&run(&["--pairs", dir.join("none.csv").to_str().unwrap()]));
    assert!(err.contains("cannot read"), "{err}");

    assert!(run(&[]).status.success());
    assert!(out.exists());
}

/// Preference seating through the CLI: 1000 participants of default-s1 (its wheelchair users, L2
/// speakers, pairs), 4 themes ranked by everyone, the tables apportioned by demand (no theme column);
/// everyone sits at a table of one theme in both rounds, the first-choice count is reported, the same
/// seed gives the same plan; a bad rank is named by file, row and column.
#[test]
fn preference_seating_default_s1() {
    let dir = temp_dir("prefs");
    let (p, t, pairs) = (
        instance("participants.csv"),
        instance("tables.csv"),
        instance("pairs.csv"),
    );
    let themes = ["care", "climate", "housing", "work"];
    let mut prefs = String::from("participant,theme,rank\n");
    let ids: Vec<String> = std::fs::read_to_string(&p)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    for (i, id) in ids.iter().enumerate() {
        // First choices 40% / 30% / 20% / 10%.
        let first = match i % 10 {
            0..=3 => 1,
            4..=6 => 2,
            7..=8 => 0,
            _ => 3,
        };
        for r in 0..3 {
            prefs.push_str(&format!("{id},{},{}\n", themes[(first + r) % 4], r + 1));
        }
    }
    let prefs_file = dir.join("prefs.csv");
    std::fs::write(&prefs_file, prefs).unwrap();
    let run = |out: &Path| {
        g1000(&[
            "seating",
            "plan",
            "--participants",
            &p,
            "--tables",
            &t,
            "--pairs",
            &pairs,
            "--preferences",
            prefs_file.to_str().unwrap(),
            "--rounds",
            "2",
            "--attributes",
            ATTRS,
            "--effort",
            "0.3",
            "--out",
            out.to_str().unwrap(),
        ])
    };
    let out = dir.join("plan.csv");
    let o = run(&out);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("themes: care ("), "{err}");
    assert!(err.contains("hard          0\n"), "{err}");
    let plan = read_plan(&out);
    assert_eq!(plan.len(), 2);
    assert!(plan.values().all(|r| r.len() == 1000));
    // 100 tables of 10 for 1000 people: the demand-apportioned tables (40/30/20/10) hold every first
    // choice except where the L2 speakers' and wheelchair users' tables went (the engine tests check
    // the exact optimum against brute force).
    let first: usize = err
        .split("choice 1: ")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| panic!("no first-choice count in\n{err}"));
    assert!((900..=1000).contains(&first), "{first}\n{err}");
    let again = dir.join("again.csv");
    assert!(run(&again).status.success());
    assert_eq!(read_plan(&again), plan);

    std::fs::write(&prefs_file, "participant,theme,rank\np0001,care,first\n").unwrap();
    let o = run(&out);
    let err = failed(&o);
    assert!(
        err.contains(&format!(
            "{}: row 2, column rank: expected a rank from 1, got \"first\"",
            prefs_file.display()
        )),
        "{err}"
    );
}
