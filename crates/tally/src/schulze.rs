//! Schulze (beat path) on ranked ballots, as pref_voting's `beat_path` on margins: a ballot prefers every
//! ranked option to every unranked one and has no preference among unranked ones; the margin of A over B is
//! (voters preferring A to B) − (voters preferring B to A); a path's strength is its weakest positive margin;
//! A wins when no B has a stronger path to A than A has to B. Several winners are possible (all are
//! returned, in id order).

use crate::{Action, Election, Outcome, Step, TallyError, VoteType, need};

/// Margins `m[a][b]` (a over b).
pub fn margins(e: &Election) -> Vec<Vec<i64>> {
    let n = e.projects.len();
    let mut m = vec![vec![0i64; n]; n];
    let mut pos = vec![usize::MAX; n];
    for b in &e.ballots {
        for (r, &p) in b.projects.iter().enumerate() {
            pos[p] = r;
        }
        for (r, &a) in b.projects.iter().enumerate() {
            for c in 0..n {
                if c != a && pos[c] > r {
                    m[a][c] += 1;
                    m[c][a] -= 1;
                }
            }
        }
        for &p in &b.projects {
            pos[p] = usize::MAX;
        }
    }
    m
}

pub fn schulze(e: &Election) -> Result<Outcome, TallyError> {
    need(e, "Schulze", &[VoteType::Ordinal], "ranked (ordinal)")?;
    let n = e.projects.len();
    let m = margins(e);
    let mut s = vec![vec![0i64; n]; n];
    for a in 0..n {
        for b in 0..n {
            if a != b && m[a][b] > 0 {
                s[a][b] = m[a][b];
            }
        }
    }
    for k in 0..n {
        for a in 0..n {
            if a == k {
                continue;
            }
            for b in 0..n {
                if b != a && b != k {
                    let via = s[a][k].min(s[k][b]);
                    if via > s[a][b] {
                        s[a][b] = via;
                    }
                }
            }
        }
    }
    let mut out = Outcome {
        selected: vec![],
        explanation: vec![],
    };
    out.explanation.push(Step::new(0, Action::Setup, None, format!(
        "{} ranked ballots, {n} options. A ranked option counts as preferred to every unranked one. For every pair we count the margin; a chain of wins is as strong as its weakest margin.",
        e.ballots.len())).num("ballots", e.ballots.len()).num("options", n));
    for a in e.lexico_order() {
        let beaten_by: Vec<usize> = (0..n).filter(|&b| b != a && s[b][a] > s[a][b]).collect();
        if beaten_by.is_empty() {
            out.selected.push(e.id(a).to_string());
            out.explanation.push(Step::new(1, Action::Selected, Some(e.id(a)), format!(
                "{} wins: no other option has a stronger chain of wins over it than it has back.", e.id(a))));
        } else {
            let b = beaten_by[0];
            out.explanation.push(Step::new(1, Action::Eliminated, Some(e.id(a)), format!(
                "{} does not win: {} has a chain of wins over it of strength {}, against {} back.",
                e.id(a), e.id(b), s[b][a], s[a][b])).num("strength_against", s[b][a]).num("strength_back", s[a][b]));
        }
    }
    Ok(out)
}
