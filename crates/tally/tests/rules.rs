//! Every rule on small elections checked by hand (see the comments for the arithmetic), ties included,
//! and the parser's errors.

use g1000_tally::{
    Action, Election, Outcome, approval, greedy, mes, parse, pav, phragmen, schulze, stv,
};

/// A .pb text: budget, vote type, projects (id, cost), votes (one string per voter).
fn pb(budget: &str, vote_type: &str, projects: &[(&str, &str)], votes: &[&str]) -> Election {
    let mut t = format!(
        "META\nkey;value\nbudget;{budget}\nvote_type;{vote_type}\nPROJECTS\nproject_id;cost\n"
    );
    for (id, c) in projects {
        t += &format!("{id};{c}\n");
    }
    if vote_type == "cumulative" {
        t += "VOTES\nvoter_id;vote;points\n";
    } else {
        t += "VOTES\nvoter_id;vote\n";
    }
    for (i, v) in votes.iter().enumerate() {
        t += &format!("{i};{v}\n");
    }
    parse(&t).unwrap()
}

fn sel(o: &Outcome) -> Vec<&str> {
    o.selected.iter().map(String::as_str).collect()
}

fn has(o: &Outcome, a: Action, p: &str) -> bool {
    o.explanation
        .iter()
        .any(|s| s.action == a && s.project.as_deref() == Some(p))
}

#[test]
fn greedy_takes_votes_order_ties_by_id_and_skips_what_does_not_fit() {
    // a and b 3 votes (tie: a first), c 2, d 0. a (6) fits, left 4; b (5) skipped; c (4) fits; d (1) skipped.
    let e = pb(
        "10",
        "approval",
        &[("b", "5"), ("a", "6"), ("c", "4"), ("d", "1")],
        &["a,b,c", "a,b", "b,a,c"],
    );
    let o = greedy::greedy(&e).unwrap();
    assert_eq!(sel(&o), ["a", "c"]);
    assert!(has(&o, Action::Skipped, "b") && has(&o, Action::Skipped, "d"));
    // Without the tie-break by id, b would be first and a would not fit.
}

#[test]
fn mes_fixed_budget_by_hand() {
    // 3 voters, share 10. z (12, all three): 4 each, rho 1/3. x (20, v0 v1): 10 each, rho 1/2.
    // y (15, v2): 10 < 15, unaffordable. z first; then x's supporters have 6 + 6 = 12 < 20.
    let e = pb(
        "30",
        "approval",
        &[("x", "20"), ("y", "15"), ("z", "12")],
        &["x,z", "x,z", "y,z"],
    );
    let o = mes::mes(&e).unwrap();
    assert_eq!(sel(&o), ["z"]);
    assert!(has(&o, Action::Skipped, "x") && has(&o, Action::Skipped, "y"));
    let step = o
        .explanation
        .iter()
        .find(|s| s.action == Action::Selected)
        .unwrap();
    assert_eq!(step.numbers["payment_per_supporter"], "4");
    // Greedy on the same election: z (3 votes), x does not fit (32 > 30), y fits.
    assert_eq!(sel(&greedy::greedy(&e).unwrap()), ["z", "y"]);
}

#[test]
fn mes_tie_goes_to_the_lowest_id() {
    // Share 5 each; p and q both cost 10 and have both voters: rho 1/2 each. "a" wins the tie, then "b" is
    // unaffordable (the voters have nothing left).
    let e = pb(
        "10",
        "approval",
        &[("b", "10"), ("a", "10")],
        &["a,b", "b,a"],
    );
    let o = mes::mes(&e).unwrap();
    assert_eq!(sel(&o), ["a"]);
    assert!(has(&o, Action::TieBroken, "a"));
}

#[test]
fn mes_add1_raises_the_share_until_exhaustive() {
    // Budget 30, 3 voters. z (12, all) and y (12, only v2). With share s, z costs 4 each, leaving v2 s - 4;
    // y needs s - 4 >= 12, so s = 16 (7 counts: 10..16) gives {z, y}, cost 24, and nothing else exists.
    let e = pb(
        "30",
        "approval",
        &[("y", "12"), ("z", "12")],
        &["z", "z", "y,z"],
    );
    assert_eq!(sel(&mes::mes(&e).unwrap()), ["z"]);
    let o = mes::mes_add1(&e).unwrap();
    assert_eq!(sel(&o), ["z", "y"]);
    let run = o
        .explanation
        .iter()
        .find(|s| s.action == Action::Run)
        .unwrap();
    assert_eq!(run.numbers["counts"], "7");
    assert_eq!(run.numbers["share_per_voter"], "16");
}

#[test]
fn mes_add1_keeps_the_previous_outcome_when_the_next_overspends() {
    // As in mes_fixed_budget_by_hand: at share 14, z leaves 10 + 10 for x (20): {z, x} costs 32 > 30, so
    // the share-13 outcome {z} stands although y (15) would still fit.
    let e = pb(
        "30",
        "approval",
        &[("x", "20"), ("y", "15"), ("z", "12")],
        &["x,z", "x,z", "y,z"],
    );
    let o = mes::mes_add1(&e).unwrap();
    assert_eq!(sel(&o), ["z"]);
    let run = o
        .explanation
        .iter()
        .find(|s| s.action == Action::Run)
        .unwrap();
    assert_eq!(run.numbers["share_per_voter"], "13");
}

#[test]
fn phragmen_by_hand_stops_at_the_first_misfit() {
    // Round 1: a load 4/2 = 2, b 6/2 = 3, c has no supporters (infinite): a. Round 2: b (2 + 0 + 6)/2 = 4,
    // but 4 + 6 > 9: stop, although c (5) would fit.
    let e = pb(
        "9",
        "approval",
        &[("a", "4"), ("b", "6"), ("c", "5")],
        &["a", "a,b", "b"],
    );
    let o = phragmen::phragmen(&e).unwrap();
    assert_eq!(sel(&o), ["a"]);
    assert!(has(&o, Action::Stop, "b"));
    // With budget 10 both fit.
    let e = pb(
        "10",
        "approval",
        &[("a", "4"), ("b", "6"), ("c", "5")],
        &["a", "a,b", "b"],
    );
    assert_eq!(sel(&phragmen::phragmen(&e).unwrap()), ["a", "b"]);
}

#[test]
fn seq_pav_by_hand_and_tie() {
    // 3 x {a,b}, 2 x {c}, 1 x {a}: a (4) first; then b counts 3 x 1/2 = 1.5 < c 2: c.
    let votes = ["a,b", "a,b", "a,b", "c", "c", "a"];
    let e = pb(
        "1",
        "approval",
        &[("a", "1"), ("b", "1"), ("c", "1")],
        &votes,
    );
    assert_eq!(sel(&pav::seq_pav(&e, 2).unwrap()), ["a", "c"]);
    // Approval voting picks a and b instead.
    assert_eq!(sel(&approval::approval(&e, 2).unwrap()), ["a", "b"]);
    // Tie: b and a have 2 supporters each; one seat: a.
    let e = pb(
        "1",
        "approval",
        &[("b", "1"), ("a", "1")],
        &["b", "a", "a,b"],
    );
    let o = pav::seq_pav(&e, 1).unwrap();
    assert_eq!(sel(&o), ["a"]);
    assert!(has(&o, Action::TieBroken, "a"));
    assert_eq!(sel(&approval::approval(&e, 1).unwrap()), ["a"]);
}

#[test]
fn dots_add_points() {
    // a: 3 + 1 = 4, b: 2 + 2 = 4 (tie: a), c: 5.
    let e = pb(
        "1",
        "cumulative",
        &[("a", "1"), ("b", "1"), ("c", "1")],
        &["a,b;3,2", "b,a,c;2,1,5"],
    );
    assert_eq!(sel(&approval::dots(&e, 2).unwrap()), ["c", "a"]);
    assert_eq!(sel(&approval::dots(&e, 3).unwrap()), ["c", "a", "b"]);
}

#[test]
fn schulze_cycle_by_hand() {
    // 4 a>b>c, 3 b>c>a, 2 c>a>b. Margins a-b +3, b-c +5, c-a +1. Paths: a->c = min(3,5) = 3 > c->a 1;
    // a->b 3 > b->a = min(5,1) = 1: a wins (the plain majority cycle is broken by strength).
    let mut v = vec!["a,b,c"; 4];
    v.extend(["b,c,a"; 3]);
    v.extend(["c,a,b"; 2]);
    let e = pb("1", "ordinal", &[("a", "1"), ("b", "1"), ("c", "1")], &v);
    assert_eq!(sel(&schulze::schulze(&e).unwrap()), ["a"]);
    // Truncated: ranked beats unranked. 2 x "b", 1 x "a": b beats a and c; a beats c.
    let e = pb(
        "1",
        "ordinal",
        &[("a", "1"), ("b", "1"), ("c", "1")],
        &["b", "b", "a"],
    );
    assert_eq!(sel(&schulze::schulze(&e).unwrap()), ["b"]);
    // A perfect tie: both win.
    let e = pb("1", "ordinal", &[("a", "1"), ("b", "1")], &["a,b", "b,a"]);
    assert_eq!(sel(&schulze::schulze(&e).unwrap()), ["a", "b"]);
}

#[test]
fn stv_transfers_by_hand() {
    // 4 a, 3 b, 2 c>b; one seat, quota 9/2 = 4.5. Nobody reaches it; c (2 <= 3) is excluded and its votes
    // go to b: b 5 >= 4.5 wins although a had the most first choices.
    let mut v = vec!["a"; 4];
    v.extend(["b"; 3]);
    v.extend(["c,b"; 2]);
    let e = pb("1", "ordinal", &[("a", "1"), ("b", "1"), ("c", "1")], &v);
    let o = stv::stv(&e, 1).unwrap();
    assert_eq!(sel(&o), ["b"]);
    assert!(has(&o, Action::Eliminated, "c"));
    // Two seats: quota 3; a (4) elected, surplus 1 spread over a's 4 ballots (no next choice: lost);
    // then b 3 vs c 2: b excludes nothing below... c (2) <= b (3) is excluded, b gets 2 -> elected.
    let o = stv::stv(&e, 2).unwrap();
    assert_eq!(sel(&o), ["a", "b"]);
}

#[test]
fn wrong_ballots_and_seats_are_errors() {
    let e = pb("1", "ordinal", &[("a", "1")], &["a"]);
    let err = mes::mes(&e).unwrap_err().to_string();
    assert!(err.contains("approval") && err.contains("ordinal"), "{err}");
    let e = pb("1", "approval", &[("a", "1")], &["a"]);
    assert!(stv::stv(&e, 1).is_err());
    assert!(
        pav::seq_pav(&e, 0)
            .unwrap_err()
            .to_string()
            .contains("seats")
    );
}

#[test]
fn parse_errors_name_line_section_field() {
    let base = "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\n";
    let e = parse(&format!("{base}VOTES\nvoter_id;vote\n1;a,zz\n")).unwrap_err();
    assert_eq!(
        (e.line, e.section.as_str(), e.field.as_str()),
        (10, "VOTES", "vote"),
        "{e}"
    );
    assert!(e.to_string().contains("'zz'"), "{e}");
    let e = parse("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;five\nVOTES\nvoter_id;vote\n").unwrap_err();
    assert_eq!(
        (e.line, e.section.as_str(), e.field.as_str()),
        (7, "PROJECTS", "cost"),
        "{e}"
    );
    let e = parse(&format!("{base}a;6\nVOTES\nvoter_id;vote\n")).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (8, "project_id"), "{e}");
    let e =
        parse("META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\n")
            .unwrap_err();
    assert_eq!(e.section, "VOTES");
    let e = parse(&format!("{base}VOTES\nvoter_id\n")).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (9, "vote"), "{e}");
    // CRLF, a quoted field with ';', a decimal comma cost.
    let ok = parse("META\r\nkey;value\r\nbudget;10\r\nvote_type;approval\r\nPROJECTS\r\nproject_id;cost;name\r\na;2,5;\"x;y\"\r\nVOTES\r\nvoter_id;vote\r\n1;a\r\n").unwrap();
    assert_eq!(ok.projects[0].name.as_deref(), Some("x;y"));
    assert_eq!(
        ok.projects[0].cost,
        g1000_tally::Rat::new(5.into(), 2.into())
    );
}
