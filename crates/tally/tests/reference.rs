//! The rules on the pabulib sample files select exactly what the reference programs selected
//! (`tests/data/reference.tsv`, see the README for how it was produced). No Python needed.
//! The files live in the shared data folder beside the repository; a missing folder is an error, not a skip.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Instant;

use g1000_tally::{Election, Outcome, greedy, mes, parse, pav, phragmen, schulze, stv};

fn data(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/pabulib")
        .join(file)
}

fn load(file: &str) -> Election {
    let p = data(file);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn expected() -> Vec<(String, String, BTreeSet<String>)> {
    include_str!("data/reference.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (
                f[0].into(),
                f[1].into(),
                f[2].split(',')
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
            )
        })
        .collect()
}

fn set(o: &Outcome) -> BTreeSet<String> {
    o.selected.iter().cloned().collect()
}

fn check(file: &str, rules: &[&str]) {
    let e = load(file);
    let mut checked = 0;
    for (f, rule, want) in expected() {
        if f != file || !rules.contains(&rule.as_str()) {
            continue;
        }
        let t = Instant::now();
        let got = match rule.as_str() {
            "greedy" => greedy::greedy(&e),
            "mes_fixed" => mes::mes(&e),
            "mes_add1" => mes::mes_add1(&e),
            "seq_phragmen" => phragmen::phragmen(&e),
            "seqpav_5" => pav::seq_pav(&e, 5),
            "schulze" => schulze::schulze(&e),
            "stv_1" => stv::stv(&e, 1),
            "stv_3" => stv::stv(&e, 3),
            other => panic!("unknown rule {other}"),
        }
        .unwrap();
        eprintln!("{file} {rule}: {:?}", t.elapsed());
        assert_eq!(set(&got), want, "{file} {rule}");
        assert_eq!(
            got.selected.len(),
            want.len(),
            "{file} {rule}: selected twice"
        );
        assert!(!got.explanation.is_empty());
        checked += 1;
    }
    assert_eq!(
        checked,
        rules.len(),
        "{file}: reference rows missing for {rules:?}"
    );
}

const PB: &[&str] = &["greedy", "mes_fixed", "mes_add1", "seq_phragmen"];

#[test]
fn amsterdam() {
    check("Netherlands_Amsterdam_588.pb", PB);
}

#[test]
fn mlynow() {
    check(
        "Poland_Warszawa_2017_Mlynow.pb",
        &[PB, &["seqpav_5"]].concat(),
    );
}

#[test]
fn wola() {
    check(
        "Poland_Warszawa_2023_Wola.pb",
        &["greedy", "mes_fixed", "mes_add1"],
    );
}

#[test]
fn wroclaw() {
    check(
        "Poland_Wroclaw_2017.pb",
        &["greedy", "mes_fixed", "mes_add1"],
    );
}

#[test]
fn chicago_ranked() {
    check(
        "US_Stanford_Dataset_PB_Chicago_39th_Ward_2021_vote_rankings.pb",
        &["schulze", "stv_1", "stv_3"],
    );
}
