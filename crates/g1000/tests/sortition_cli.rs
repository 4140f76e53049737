//! `g1000 sortition reserves` and `g1000 sortition replace` end to end: the real binary on the
//! public sortition-algorithms fixture (150 people, k = 22) and on tiny generated pools. Quotas
//! and households are checked here by a separate, deliberately plain implementation.

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::{failed, g1000};

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("sortition", name)
}

fn ok(o: &Output) -> String {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{text}");
    text
}

fn fixture(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/sortition/sortition_algorithms_fixture_22")
        .join(file)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn json(p: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap()
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn sha256(p: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(p).unwrap()))
}

/// An independent reading of the quotas and the pool (plain comma splitting: the test files
/// have no quoted fields) and a plain feasibility check.
struct Plain {
    /// (feature, value) -> (min, max)
    quotas: BTreeMap<(String, String), (u32, u32)>,
    features: Vec<String>,
    /// id -> value per feature (in `features` order)
    people: BTreeMap<String, Vec<String>>,
    /// id -> household key (when household columns are given)
    house: BTreeMap<String, String>,
}

impl Plain {
    fn read(features: &Path, people: &Path, id_col: &str, house_cols: &[&str]) -> Plain {
        let ftext = std::fs::read_to_string(features).unwrap();
        let mut quotas = BTreeMap::new();
        let mut names = Vec::new();
        for line in ftext.lines().skip(1).filter(|l| !l.trim().is_empty()) {
            let c: Vec<&str> = line.split(',').collect();
            quotas.insert(
                (c[0].to_string(), c[1].to_string()),
                (c[2].parse().unwrap(), c[3].parse().unwrap()),
            );
            if !names.contains(&c[0].to_string()) {
                names.push(c[0].to_string());
            }
        }
        let ptext = std::fs::read_to_string(people).unwrap();
        let mut lines = ptext.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |n: &str| header.iter().position(|h| *h == n).unwrap();
        let mut persons = BTreeMap::new();
        let mut house = BTreeMap::new();
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let c: Vec<&str> = line.split(',').collect();
            let id = c[col(id_col)].to_string();
            persons.insert(
                id.clone(),
                names.iter().map(|f| c[col(f)].to_string()).collect(),
            );
            if !house_cols.is_empty() {
                let key: Vec<&str> = house_cols.iter().map(|h| c[col(h)]).collect();
                house.insert(id, key.join("|"));
            }
        }
        Plain {
            quotas,
            features: names,
            people: persons,
            house,
        }
    }

    /// Why `panel` is not a feasible panel of size `k`, or `None`.
    fn violation(&self, panel: &[String], k: usize) -> Option<String> {
        if panel.len() != k || panel.iter().collect::<BTreeSet<_>>().len() != k {
            return Some(format!("{} members, {k} seats", panel.len()));
        }
        for ((f, v), &(min, max)) in &self.quotas {
            let fi = self.features.iter().position(|x| x == f).unwrap();
            let n = panel.iter().filter(|id| self.people[*id][fi] == *v).count() as u32;
            if n < min || n > max {
                return Some(format!("{f} = {v}: {n} not in [{min}, {max}]"));
            }
        }
        let houses: Vec<&String> = panel.iter().filter_map(|id| self.house.get(id)).collect();
        if houses.iter().collect::<BTreeSet<_>>().len() != houses.len() {
            return Some("two members of one household".into());
        }
        None
    }

    fn swapped(panel: &[String], out: &str, incoming: &str) -> Vec<String> {
        panel
            .iter()
            .map(|m| if m == out { incoming } else { m.as_str() })
            .map(str::to_string)
            .collect()
    }
}

/// The panel on a ticket, as `g1000 sortition draw` prints it.
fn draw_ticket(lottery: &Path, ticket: &str) -> Vec<String> {
    let out = ok(&g1000(&[
        "sortition",
        "draw",
        "--lottery",
        s(lottery),
        "--ticket",
        ticket,
    ]));
    out.lines().map(str::to_string).collect()
}

/// distribution + lottery for the fixture, k = 22, M = 100 tickets.
fn fixture_lottery(dir: &Path) -> PathBuf {
    let (f, p) = (fixture("features.csv"), fixture("candidates.csv"));
    let d = dir.join("D.json");
    ok(&g1000(&[
        "sortition",
        "distribution",
        "--features",
        s(&f),
        "--people",
        s(&p),
        "--panel-size",
        "22",
        "--out",
        s(&d),
    ]));
    let l = dir.join("L.json");
    ok(&g1000(&[
        "sortition",
        "lottery",
        "--distribution",
        s(&d),
        "--tickets",
        "100",
        "--seed",
        "4",
        "--out",
        s(&l),
    ]));
    l
}

/// `g1000 sortition reserves` on the fixture's quotas and the pool `people`.
fn reserves_of(people: &Path, lottery: &Path, ticket: &str, out: &Path, extra: &[&str]) -> Output {
    let f = fixture("features.csv");
    let mut args = vec![
        "sortition",
        "reserves",
        "--features",
        s(&f),
        "--people",
        s(people),
        "--lottery",
        s(lottery),
        "--ticket",
        ticket,
        "--out",
        s(out),
    ];
    args.extend_from_slice(extra);
    g1000(&args)
}

fn reserves(lottery: &Path, out: &Path, extra: &[&str]) -> Output {
    reserves_of(&fixture("candidates.csv"), lottery, "37", out, extra)
}

#[test]
fn reserve_list_is_deterministic_and_covers_every_seat() {
    let dir = temp_dir("reserves");
    let lottery = fixture_lottery(&dir);
    let (r1, r2, r3, r4) = (
        dir.join("R1.json"),
        dir.join("R2.json"),
        dir.join("R3.json"),
        dir.join("R4.json"),
    );
    ok(&reserves(&lottery, &r1, &["--seed", "5"]));
    ok(&reserves(&lottery, &r2, &["--seed", "5"]));
    assert_eq!(
        std::fs::read(&r1).unwrap(),
        std::fs::read(&r2).unwrap(),
        "same inputs and seed, same bytes"
    );
    ok(&reserves(&lottery, &r3, &["--seed", "6"]));
    ok(&reserves(&lottery, &r4, &["--seed", "5", "--count", "10"]));

    let r = json(&r1);
    assert!(
        r["engine"]
            .as_str()
            .unwrap()
            .starts_with("g1000-sortition ")
    );
    assert_eq!(
        r["inputs"]["features_sha256"],
        sha256(&fixture("features.csv"))
    );
    assert_eq!(
        r["inputs"]["people_sha256"],
        sha256(&fixture("candidates.csv"))
    );
    assert_eq!(r["inputs"]["lottery_sha256"], sha256(&lottery));
    assert_eq!(r["parameters"]["ticket"], 37);
    assert_eq!(r["parameters"]["seed"], 5);

    // The panel is ticket 37 of the lottery.
    let mut panel = draw_ticket(&lottery, "37");
    panel.sort();
    assert_eq!(strings(&r["panel"]), panel);

    let plain = Plain::read(
        &fixture("features.csv"),
        &fixture("candidates.csv"),
        "nationbuilder_id",
        &[],
    );
    assert_eq!(plain.violation(&panel, 22), None);
    let list: Vec<&Value> = r["reserves"].as_array().unwrap().iter().collect();
    let order: Vec<String> = list
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    // Everyone not on the panel, once.
    let expected: BTreeSet<&String> = plain
        .people
        .keys()
        .filter(|id| !panel.contains(id))
        .collect();
    assert_eq!(order.len(), 128);
    assert_eq!(order.iter().collect::<BTreeSet<_>>(), expected);

    // can_replace, recomputed: the swap keeps the panel feasible.
    let can = |j: &str| -> Vec<String> {
        panel
            .iter()
            .filter(|m| plain.violation(&Plain::swapped(&panel, m, j), 22).is_none())
            .cloned()
            .collect()
    };
    for e in &list {
        assert_eq!(strings(&e["can_replace"]), can(e["id"].as_str().unwrap()));
    }
    // The guarantee: the depth ≤ 1 reserves hold a replacement for every member whom anyone
    // can replace alone, the depth ≤ 2 reserves two (where two exist).
    for d in 1..=2u64 {
        let prefix: Vec<&str> = list
            .iter()
            .filter(|e| e["depth"].as_u64().is_some_and(|x| x <= d))
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        for m in &panel {
            let anyone = order
                .iter()
                .filter(|j| can(j).contains(m))
                .count()
                .min(d as usize);
            let listed = prefix.iter().filter(|j| can(j).contains(m)).count();
            assert!(listed >= anyone, "depth {d}: {m} has {listed} < {anyone}");
        }
        if d == 1 {
            assert!(
                prefix.len() < order.len() / 2,
                "a short prefix: {}",
                prefix.len()
            );
        }
    }
    let irreplaceable: Vec<String> = panel
        .iter()
        .filter(|m| !order.iter().any(|j| can(j).contains(m)))
        .cloned()
        .collect();
    assert_eq!(strings(&r["irreplaceable_alone"]), irreplaceable);

    // Another seed, another order; --count keeps the first R entries.
    let other: Vec<String> = json(&r3)["reserves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_ne!(other, order);
    let short = json(&r4);
    assert_eq!(short["reserves"].as_array().unwrap().len(), 10);
    assert_eq!(
        short["reserves"].as_array().unwrap()[..],
        r["reserves"].as_array().unwrap()[..10]
    );
    assert_eq!(short["parameters"]["count"], 10);

    // Errors name the file: a ticket that does not exist, a lottery from another pool.
    let x = dir.join("x.json");
    let err = failed(&reserves_of(
        &fixture("candidates.csv"),
        &lottery,
        "101",
        &x,
        &[],
    ));
    assert!(
        err.contains("L.json: ticket 101 does not exist (1..=100)"),
        "{err}"
    );
    let other_pool = dir.join("other.csv");
    let text = std::fs::read_to_string(fixture("candidates.csv")).unwrap();
    let renamed = format!("\n{},", panel[0]);
    assert!(text.contains(&renamed));
    std::fs::write(&other_pool, text.replace(&renamed, "\nsomebody-else,")).unwrap();
    let err = failed(&reserves_of(&other_pool, &lottery, "37", &x, &[]));
    assert!(
        err.contains(&format!("L.json, ticket 37: id '{}' is not in", panel[0])),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn replace(args: &[&str]) -> Output {
    let mut v = vec!["sortition", "replace"];
    v.extend_from_slice(args);
    g1000(&v)
}

/// `count` panel members whose seats can be refilled from outside the panel within the quotas,
/// chosen greedily in panel order (each with at least two possible substitutes).
fn replaceable_dropouts(plain: &Plain, panel: &[String], count: usize, k: usize) -> Vec<String> {
    let mut current: Vec<String> = panel.to_vec();
    let mut used = BTreeSet::new();
    let mut chosen = Vec::new();
    for member in panel {
        let subs: Vec<&String> = plain
            .people
            .keys()
            .filter(|p| !panel.contains(p) && !used.contains(*p))
            .filter(|p| {
                let mut trial: Vec<String> =
                    current.iter().filter(|m| *m != member).cloned().collect();
                trial.push((*p).clone());
                plain.violation(&trial, k).is_none()
            })
            .collect();
        if subs.len() >= 2 {
            current.retain(|m| m != member);
            current.push(subs[0].clone());
            used.insert(subs[0].clone());
            chosen.push(member.clone());
            if chosen.len() == count {
                return chosen;
            }
        }
    }
    panic!("the panel has no {count} replaceable members");
}

#[test]
fn replacement_keeps_the_quotas() {
    let dir = temp_dir("replace");
    let lottery = fixture_lottery(&dir);
    let (f, p) = (fixture("features.csv"), fixture("candidates.csv"));
    let plain = Plain::read(&f, &p, "nationbuilder_id", &[]);
    let panel = draw_ticket(&lottery, "12");
    let panel_txt = dir.join("panel.txt");
    std::fs::write(&panel_txt, panel.join("\n") + "\n").unwrap();
    // Three drop-outs that can be replaced, found here without the engine: walking the panel in
    // order, a member is taken when at least two outsiders could each take their seat (with the
    // swaps already chosen applied) and the quotas still hold.
    let dropouts = replaceable_dropouts(&plain, &panel, 3, 22);
    let d_txt = dir.join("D.txt");
    std::fs::write(&d_txt, format!("# drop-outs\n{}\n\n", dropouts.join("\n"))).unwrap();

    let run = |out: &Path, source: &[&str], seed: &str| {
        let mut a = vec!["--features", s(&f), "--people", s(&p)];
        a.extend_from_slice(source);
        a.extend_from_slice(&["--dropouts", s(&d_txt), "--seed", seed, "--out", s(out)]);
        ok(&replace(&a));
        json(out)
    };
    let from_ticket = ["--lottery", s(&lottery), "--ticket", "12"];
    let (n1, n2) = (dir.join("N1.json"), dir.join("N2.json"));
    let a = run(&n1, &from_ticket, "3");
    run(&n2, &from_ticket, "3");
    assert_eq!(std::fs::read(&n1).unwrap(), std::fs::read(&n2).unwrap());

    assert_eq!(a["method"], "leximin-draw");
    let replacements = strings(&a["replacements"]);
    assert_eq!(replacements.len(), 3);
    for r in &replacements {
        assert!(!panel.contains(r), "{r} was already on the panel");
        assert!(plain.people.contains_key(r));
    }
    // The new panel, rebuilt here: kept members plus replacements; it meets the quotas.
    let mut new: Vec<String> = panel
        .iter()
        .filter(|m| !dropouts.contains(m))
        .cloned()
        .chain(replacements.iter().cloned())
        .collect();
    new.sort();
    assert_eq!(strings(&a["panel"]), new);
    assert_eq!(plain.violation(&new, 22), None);
    let mut sorted_drop = dropouts.clone();
    sorted_drop.sort();
    assert_eq!(strings(&a["dropouts"]), sorted_drop);
    assert_eq!(a["inputs"]["dropouts_sha256"], sha256(&d_txt));
    assert_eq!(a["inputs"]["lottery_sha256"], sha256(&lottery));
    // Probabilities: only eligible people, summing to the number of seats.
    let probs = a["probabilities"].as_object().unwrap();
    assert!(probs.keys().all(|id| !panel.contains(id)));
    let total: f64 = probs.values().map(|v| v.as_f64().unwrap()).sum();
    assert!((total - 3.0).abs() < 1e-6, "{total}");
    for r in &replacements {
        assert!(probs[r].as_f64().unwrap() > 0.0);
    }

    // The same panel given as a list gives the same replacements.
    let b = run(&dir.join("N3.json"), &["--panel", s(&panel_txt)], "3");
    assert_eq!(b["replacements"], a["replacements"]);
    assert_eq!(b["inputs"]["panel_sha256"], sha256(&panel_txt));
    // Other seeds: still feasible, not always the same people.
    let mut seen = BTreeSet::new();
    for seed in ["4", "5", "6", "7"] {
        let c = run(&dir.join(format!("N{seed}.json")), &from_ticket, seed);
        assert_eq!(plain.violation(&strings(&c["panel"]), 22), None);
        seen.insert(strings(&c["replacements"]));
    }
    seen.insert(replacements.clone());
    assert!(seen.len() > 1, "the seed never changed the draw");

    // From a reserve list: a single drop-out gets the first listed reserve who fits.
    let r_json = dir.join("R.json");
    ok(&reserves_of(&p, &lottery, "12", &r_json, &[]));
    let rf = json(&r_json);
    let order: Vec<String> = rf["reserves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let one = dir.join("one.txt");
    let out = dir.join("N-one.json");
    let replace_one = |m: &str, from_list: bool| {
        std::fs::write(&one, format!("{m}\n")).unwrap();
        let _ = std::fs::remove_file(&out);
        let mut a = vec![
            "--features",
            s(&f),
            "--people",
            s(&p),
            "--lottery",
            s(&lottery),
            "--ticket",
            "12",
            "--dropouts",
            s(&one),
            "--out",
            s(&out),
        ];
        if from_list {
            a.extend_from_slice(&["--reserves", s(&r_json)]);
        }
        replace(&a)
    };
    let mut tried = (0, 0);
    for m in &panel {
        let first_fit = order
            .iter()
            .find(|j| plain.violation(&Plain::swapped(&panel, m, j), 22).is_none());
        match first_fit {
            Some(j) if tried.0 < 3 => {
                tried.0 += 1;
                ok(&replace_one(m, true));
                let got = json(&out);
                assert_eq!(got["method"], "reserve-list");
                assert_eq!(strings(&got["replacements"]), vec![j.clone()]);
                assert_eq!(plain.violation(&strings(&got["panel"]), 22), None);
            }
            None if tried.1 < 2 => {
                // Nobody can take this seat alone: both methods say so, and write nothing.
                tried.1 += 1;
                assert!(strings(&rf["irreplaceable_alone"]).contains(m));
                let err = failed(&replace_one(m, true));
                assert!(
                    err.contains(&format!("cannot replace {m} within the quotas")),
                    "{err}"
                );
                let err = failed(&replace_one(m, false));
                assert!(err.contains("no replacement keeps the quotas"), "{err}");
                assert!(err.contains("features.csv: the open seat(s) need"), "{err}");
                assert!(err.contains("smallest relaxation"), "{err}");
                assert!(!out.exists());
            }
            _ => {}
        }
    }
    assert!(tried.0 > 0, "no replaceable member tried");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two women, two men; young/old. `a` and `e` share an address.
fn tiny(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let f = dir.join("features.csv");
    std::fs::write(
        &f,
        "feature,value,min,max\ngender,f,2,2\ngender,m,2,2\nage,young,1,3\nage,old,1,3\n",
    )
    .unwrap();
    let p = dir.join("people.csv");
    std::fs::write(
        &p,
        "id,gender,age,address\na,f,young,Kerkstraat 1\nb,f,old,Kerkstraat 2\nc,m,young,Kerkstraat 3\n\
         d,m,old,Kerkstraat 4\ne,f,young,Kerkstraat 1\ng,m,young,Kerkstraat 5\n",
    )
    .unwrap();
    let panel = dir.join("panel.txt");
    std::fs::write(&panel, "a\nb\nc\nd\n").unwrap();
    (f, p, panel)
}

#[test]
fn impossible_replacement_names_the_quota() {
    let dir = temp_dir("impossible");
    let (f, p, panel) = tiny(&dir);
    let d = dir.join("D.txt");
    std::fs::write(&d, "b\n").unwrap();
    let out = dir.join("N.json");
    let args = |extra: &[&'static str]| {
        let mut a: Vec<String> = [
            "--features",
            s(&f),
            "--people",
            s(&p),
            "--panel",
            s(&panel),
            "--dropouts",
            s(&d),
            "--out",
            s(&out),
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        a.extend(extra.iter().map(|x| x.to_string()));
        a
    };
    // The only other woman, e, lives with the kept member a: no replacement keeps gender = f.
    let a = args(&["--household-columns", "address"]);
    let err = failed(&replace(&a.iter().map(String::as_str).collect::<Vec<_>>()));
    assert!(
        err.contains("features.csv, row 2: gender = f (min 2, max 2): the kept members have 1, so 1 more are needed, but only 0 eligible people with gender = f are left"),
        "{err}"
    );
    assert!(!out.exists(), "no output on failure");

    // Without the household rule e is eligible and is the only possible replacement.
    let a = args(&[]);
    ok(&replace(&a.iter().map(String::as_str).collect::<Vec<_>>()));
    let n = json(&out);
    assert_eq!(strings(&n["replacements"]), ["e"]);
    assert_eq!(strings(&n["panel"]), ["a", "c", "d", "e"]);
    let plain = Plain::read(&f, &p, "id", &[]);
    assert_eq!(plain.violation(&strings(&n["panel"]), 4), None);
    let with_house = Plain::read(&f, &p, "id", &["address"]);
    assert!(with_house.violation(&strings(&n["panel"]), 4).is_some());

    // Bad drop-out lists are reported with file and line.
    for (dropouts, expected) in [
        ("c\ng\n", "D.txt, row 2: 'g' is not on the panel"),
        ("c\nzz\n", "D.txt, row 2: id 'zz' is not in"),
        (
            "c\n c \n",
            "D.txt, row 2: id 'c' is listed twice (first at row 1)",
        ),
    ] {
        std::fs::write(&d, dropouts).unwrap();
        let a = args(&[]);
        let err = failed(&replace(&a.iter().map(String::as_str).collect::<Vec<_>>()));
        assert!(err.contains(expected), "{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `verify` on a LEXIMIN distribution also reports the optimality certificate: the fixture's
/// distribution meets the LP relaxation's leximin bound; a LEGACY one does not.
#[test]
fn verify_certifies_leximin_optimality() {
    let dir = temp_dir("certify");
    let (f, p) = (fixture("features.csv"), fixture("candidates.csv"));
    for (alg, expect) in [("leximin", "LEXIMIN optimality: certified"), ("legacy", "")] {
        let d = dir.join(format!("{alg}.json"));
        ok(&g1000(&[
            "sortition",
            "distribution",
            "--features",
            s(&f),
            "--people",
            s(&p),
            "--panel-size",
            "22",
            "--algorithm",
            alg,
            "--out",
            s(&d),
        ]));
        let out = ok(&g1000(&[
            "sortition",
            "verify",
            "--features",
            s(&f),
            "--people",
            s(&p),
            "--distribution",
            s(&d),
        ]));
        assert!(out.contains("OK:"), "{out}");
        if expect.is_empty() {
            // Only LEXIMIN files are checked against the bound.
            assert!(!out.contains("LEXIMIN optimality"), "{out}");
        } else {
            assert!(out.contains(expect), "{out}");
        }
    }
    // A LEXIMIN file whose panels were re-weighted (marginals restated to match) is valid
    // but not optimal: verify passes and says it is not certified.
    let d = dir.join("leximin.json");
    let mut v = json(&d);
    let panels = v["panels"].as_array_mut().unwrap();
    let n = panels.len() as f64;
    for pnl in panels.iter_mut() {
        pnl["probability"] = Value::from(1.0 / n);
    }
    let mut marg: BTreeMap<String, f64> = BTreeMap::new();
    for pnl in v["panels"].as_array().unwrap() {
        for id in strings(&pnl["members"]) {
            *marg.entry(id).or_default() += 1.0 / n;
        }
    }
    let all = v["marginals"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect::<Vec<_>>();
    for id in all {
        v["marginals"][&id] = Value::from(marg.get(&id).copied().unwrap_or(0.0));
    }
    let uniform = dir.join("uniform.json");
    std::fs::write(&uniform, serde_json::to_vec(&v).unwrap()).unwrap();
    let out = ok(&g1000(&[
        "sortition",
        "verify",
        "--features",
        s(&f),
        "--people",
        s(&p),
        "--distribution",
        s(&uniform),
    ]));
    assert!(out.contains("LEXIMIN optimality: not certified"), "{out}");
}
