//! `g1000 tally` end to end: the real binary on the pabulib sample files selects what the reference programs
//! selected (crates/tally/tests/data/reference.tsv), writes {"selected", "explanation"}, and fails with one
//! clear line on bad input.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;
use common::{failed, g1000, stderr};

fn pb(file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/pabulib")
        .join(file)
        .to_str()
        .unwrap()
        .to_string()
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("tally", name)
}

fn reference(file: &str, rule: &str) -> BTreeSet<String> {
    include_str!("../../tally/tests/data/reference.tsv")
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.len() == 3 && f[0] == file && f[1] == rule)
        .unwrap_or_else(|| panic!("no reference for {file} {rule}"))[2]
        .split(',')
        .map(String::from)
        .collect()
}

/// Run `g1000 tally`, return the selected ids, the explanation and the time taken.
fn tally(method: &str, file: &str, extra: &[&str]) -> (Vec<String>, serde_json::Value, Duration) {
    // One folder per file, method and seats: the tests run in parallel.
    let out = temp_dir(&format!(
        "{}-{method}-{}",
        file.replace('.', "_"),
        extra.join("")
    ));
    let out = out.join("r.json");
    let path = pb(file);
    let mut args = vec![
        "tally",
        "--method",
        method,
        "--pb",
        &path,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let t = Instant::now();
    let o = g1000(&args);
    let took = t.elapsed();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let sel = v["selected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    (sel, v["explanation"].clone(), took)
}

fn same(file: &str, method: &str, rule: &str) {
    let (sel, expl, _) = tally(method, file, &[]);
    assert_eq!(
        sel.iter().cloned().collect::<BTreeSet<_>>(),
        reference(file, rule),
        "{file} {method}"
    );
    let steps = expl.as_array().unwrap();
    assert!(
        steps
            .iter()
            .all(|s| s["text"].is_string() && s["round"].is_u64() && s["action"].is_string())
    );
    // Every selected project has a step saying so.
    for id in &sel {
        assert!(
            steps
                .iter()
                .any(|s| s["action"] == "selected" && s["project"] == id.as_str()),
            "{method}: {id}"
        );
    }
}

#[test]
fn budget_rules_match_the_reference_on_amsterdam_and_mlynow() {
    for f in [
        "Netherlands_Amsterdam_588.pb",
        "Poland_Warszawa_2017_Mlynow.pb",
    ] {
        same(f, "greedy", "greedy");
        same(f, "mes", "mes_fixed");
        same(f, "mes-add1", "mes_add1");
        same(f, "phragmen", "seq_phragmen");
    }
}

#[test]
fn budget_rules_match_the_reference_on_wola_and_wroclaw() {
    for f in ["Poland_Warszawa_2023_Wola.pb", "Poland_Wroclaw_2017.pb"] {
        same(f, "greedy", "greedy");
        same(f, "mes", "mes_fixed");
    }
    same("Poland_Wroclaw_2017.pb", "mes-add1", "mes_add1");
}

// MES+Add1 on Wola is checked against the reference in crates/tally/tests/reference.rs (the library; it
// takes ~80 s there, see crates/tally/README.md), not run a second time through the CLI.

#[test]
fn ranked_rules_match_the_reference_on_chicago() {
    let f = "US_Stanford_Dataset_PB_Chicago_39th_Ward_2021_vote_rankings.pb";
    let (s, _, _) = tally("schulze", f, &[]);
    assert_eq!(
        s.into_iter().collect::<BTreeSet<_>>(),
        reference(f, "schulze")
    );
    let (s, _, _) = tally("stv", f, &["--seats", "1"]);
    assert_eq!(
        s.into_iter().collect::<BTreeSet<_>>(),
        reference(f, "stv_1")
    );
    let (s, _, _) = tally("stv", f, &["--seats", "3"]);
    assert_eq!(s, ["1849", "1852", "1857"]);
    assert_eq!(
        s.into_iter().collect::<BTreeSet<_>>(),
        reference(f, "stv_3")
    );
}

#[test]
fn pav_and_approval_with_seats() {
    let f = "Poland_Warszawa_2017_Mlynow.pb";
    let (s, _, _) = tally("pav", f, &["--seats", "5"]);
    assert_eq!(
        s.into_iter().collect::<BTreeSet<_>>(),
        reference(f, "seqpav_5")
    );
    let (s, _, _) = tally("approval", f, &["--seats", "5"]);
    assert_eq!(s.into_iter().collect::<BTreeSet<_>>(), reference(f, "av_5"));
}

#[test]
fn bad_input_is_one_clear_line() {
    let dir = temp_dir("bad");
    let bad = dir.join("bad.pb");
    std::fs::write(&bad, "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n1;a,zz\n").unwrap();
    let out = dir.join("r.json");
    let (b, o) = (bad.to_str().unwrap(), out.to_str().unwrap());
    let err = failed(&g1000(&[
        "tally", "--method", "greedy", "--pb", b, "--out", o,
    ]));
    assert!(
        err.contains("bad.pb")
            && err.contains("line 10, section VOTES, field vote")
            && err.contains("'zz'"),
        "{err}"
    );
    assert!(!out.exists());
    let chicago = pb("US_Stanford_Dataset_PB_Chicago_39th_Ward_2021_vote_rankings.pb");
    let err = failed(&g1000(&[
        "tally", "--method", "stv", "--pb", &chicago, "--out", o,
    ]));
    assert!(err.contains("--seats"), "{err}");
    let err = failed(&g1000(&[
        "tally", "--method", "mes", "--pb", &chicago, "--out", o,
    ]));
    assert!(err.contains("approval") && err.contains("ordinal"), "{err}");
    let err = failed(&g1000(&[
        "tally",
        "--method",
        "greedy",
        "--pb",
        "/nonexistent.pb",
        "--out",
        o,
    ]));
    assert!(err.contains("/nonexistent.pb"), "{err}");
}
