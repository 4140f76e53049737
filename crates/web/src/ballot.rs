//! Ballots and counting for the day's votes: reading a ballot form, its stored text, building a
//! [`g1000_tally::Election`] from the stored ballots, counting with the vote's rule, and turning the count's
//! structured steps into Dutch or English sentences. The counting itself is `g1000-tally`'s.
//!
//! Stored text of a ballot (option positions, 1-based): approval, MES and greedy `"1,3"`; dots `"1:2,3:1"`
//! (position:dots); ranked `"3>1>2"` (most preferred first, options left out are unranked).

use std::collections::BTreeMap;

use g1000_store::{Vote, VoteMethod, VoteOption};
use g1000_tally::{Action, Ballot, Election, Outcome, Project, Rat, Step, VoteType};
use serde::Serialize;

use crate::forms::FormData;
use crate::i18n::Tr;

/// A ballot as the voter filled it in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Choice {
    /// Approved options.
    Approve(Vec<i64>),
    /// Dots per option (only options with at least one dot).
    Dots(Vec<(i64, i64)>),
    /// Ranked options, most preferred first.
    Rank(Vec<i64>),
}

/// Why a ballot form or stored text is not a valid ballot (a message key and its number argument).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotError {
    pub key: &'static str,
    pub n: i64,
}

fn err(key: &'static str, n: i64) -> BallotError {
    BallotError { key, n }
}

impl BallotError {
    pub fn message(&self, tr: &Tr) -> String {
        tr.tn(self.key, "n", self.n)
    }
}

impl Choice {
    /// Reads a ballot form: `option` check boxes (approval), `dots-P` numbers, or `rank-P` places.
    pub fn from_form(
        vote: &Vote,
        options: &[VoteOption],
        f: &FormData,
    ) -> Result<Choice, BallotError> {
        let n = options.len() as i64;
        let c = if vote.method.ranked() {
            let mut ranked: Vec<(i64, i64)> = vec![];
            for o in options {
                let v = f.get(&format!("rank-{}", o.position));
                if v.is_empty() {
                    continue;
                }
                let place = v
                    .parse::<i64>()
                    .ok()
                    .filter(|p| (1..=n).contains(p))
                    .ok_or(err("ballot-error-rank", n))?;
                ranked.push((place, o.position));
            }
            ranked.sort();
            if ranked.windows(2).any(|w| w[0].0 == w[1].0) {
                return Err(err("ballot-error-rank-twice", n));
            }
            Choice::Rank(ranked.into_iter().map(|(_, p)| p).collect())
        } else if vote.method == VoteMethod::Dots {
            let mut dots = vec![];
            for o in options {
                let v = f.get(&format!("dots-{}", o.position));
                if v.is_empty() || v == "0" {
                    continue;
                }
                let d = v
                    .parse::<i64>()
                    .ok()
                    .filter(|d| *d >= 0)
                    .ok_or(err("ballot-error-dots", vote.max_choices))?;
                if d > 0 {
                    dots.push((o.position, d));
                }
            }
            Choice::Dots(dots)
        } else {
            let mut chosen: Vec<i64> = vec![];
            for v in f.all("option") {
                let p = v
                    .parse::<i64>()
                    .ok()
                    .filter(|p| options.iter().any(|o| o.position == *p))
                    .ok_or(err("ballot-error-option", n))?;
                chosen.push(p);
            }
            chosen.sort();
            chosen.dedup();
            Choice::Approve(chosen)
        };
        c.check(vote, options)?;
        Ok(c)
    }

    /// The rules of the vote: at least one choice, at most `max_choices` approvals, exactly spent dots.
    pub fn check(&self, vote: &Vote, options: &[VoteOption]) -> Result<(), BallotError> {
        let known = |p: &i64| options.iter().any(|o| o.position == *p);
        match self {
            Choice::Approve(v) | Choice::Rank(v) => {
                if v.is_empty() {
                    return Err(err("ballot-error-empty", 1));
                }
                if !v.iter().all(known) {
                    return Err(err("ballot-error-option", options.len() as i64));
                }
                if matches!(self, Choice::Approve(_))
                    && vote.max_choices > 0
                    && v.len() as i64 > vote.max_choices
                {
                    return Err(err("ballot-error-too-many", vote.max_choices));
                }
            }
            Choice::Dots(v) => {
                if v.is_empty() {
                    return Err(err("ballot-error-empty", 1));
                }
                if !v.iter().all(|(p, _)| known(p)) {
                    return Err(err("ballot-error-option", options.len() as i64));
                }
                let total: i64 = v.iter().map(|(_, d)| d).sum();
                if total > vote.max_choices {
                    return Err(err("ballot-error-dots", vote.max_choices));
                }
            }
        }
        Ok(())
    }

    /// The stored text.
    pub fn encode(&self) -> String {
        let join = |v: &[i64], sep: &str| {
            v.iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join(sep)
        };
        match self {
            Choice::Approve(v) => join(v, ","),
            Choice::Rank(v) => join(v, ">"),
            Choice::Dots(v) => v
                .iter()
                .map(|(p, d)| format!("{p}:{d}"))
                .collect::<Vec<_>>()
                .join(","),
        }
    }

    /// Reads stored text for a vote of `method`.
    pub fn decode(method: VoteMethod, s: &str) -> Option<Choice> {
        let nums = |sep: char| -> Option<Vec<i64>> {
            s.split(sep)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().ok())
                .collect()
        };
        Some(if method.ranked() {
            Choice::Rank(nums('>')?)
        } else if method == VoteMethod::Dots {
            Choice::Dots(
                s.split(',')
                    .filter(|x| !x.is_empty())
                    .map(|x| {
                        let (p, d) = x.split_once(':')?;
                        Some((p.parse().ok()?, d.parse().ok()?))
                    })
                    .collect::<Option<Vec<_>>>()?,
            )
        } else {
            Choice::Approve(nums(',')?)
        })
    }

    pub fn approves(&self, position: i64) -> bool {
        match self {
            Choice::Approve(v) | Choice::Rank(v) => v.contains(&position),
            Choice::Dots(v) => v.iter().any(|(p, _)| *p == position),
        }
    }
    pub fn dots(&self, position: i64) -> i64 {
        match self {
            Choice::Dots(v) => v
                .iter()
                .find(|(p, _)| *p == position)
                .map_or(0, |(_, d)| *d),
            _ => 0,
        }
    }
    /// The 1-based place of an option in a ranking.
    pub fn place(&self, position: i64) -> Option<usize> {
        match self {
            Choice::Rank(v) => v.iter().position(|p| *p == position).map(|i| i + 1),
            _ => None,
        }
    }
}

/// A project id for the tally crate: zero-padded positions, so that its tie-break (lowest id) is the
/// options' order.
pub fn option_id(position: i64) -> String {
    format!("{position:04}")
}

/// The election of a vote: its options as projects (cost for budget rules) and the stored ballots.
pub fn election(vote: &Vote, options: &[VoteOption], ballots: &[String]) -> Election {
    let index: BTreeMap<i64, usize> = options
        .iter()
        .enumerate()
        .map(|(i, o)| (o.position, i))
        .collect();
    let vote_type = if vote.method.ranked() {
        VoteType::Ordinal
    } else if vote.method == VoteMethod::Dots {
        VoteType::Cumulative
    } else {
        VoteType::Approval
    };
    let projects = options
        .iter()
        .map(|o| Project {
            id: option_id(o.position),
            cost: Rat::from_integer(o.cost.max(0).into()),
            name: Some(o.label.clone()),
            fields: BTreeMap::new(),
        })
        .collect();
    let mut out = vec![];
    for (i, text) in ballots.iter().enumerate() {
        let Some(choice) = Choice::decode(vote.method, text) else {
            continue; // stored by this module; unreadable text is not counted (and cannot occur)
        };
        let (projects, points) = match choice {
            Choice::Approve(v) | Choice::Rank(v) => (
                v.iter().filter_map(|p| index.get(p).copied()).collect(),
                None,
            ),
            Choice::Dots(v) => {
                let kept: Vec<_> = v.iter().filter(|(p, _)| index.contains_key(p)).collect();
                (
                    kept.iter().map(|(p, _)| index[p]).collect(),
                    Some(
                        kept.iter()
                            .map(|(_, d)| Rat::from_integer((*d).into()))
                            .collect(),
                    ),
                )
            }
        };
        out.push(Ballot {
            voter_id: (i + 1).to_string(),
            projects,
            points,
        });
    }
    let mut meta = BTreeMap::new();
    meta.insert("description".into(), vote.title.clone());
    Election {
        meta,
        budget: Rat::from_integer(vote.budget.max(0).into()),
        vote_type,
        projects,
        ballots: out,
    }
}

/// Counts a vote with its rule. Schulze yields its winners; for more seats it is run again without them
/// until the seats are filled (each run explained).
pub fn count(vote: &Vote, e: &Election) -> Result<Outcome, g1000_tally::TallyError> {
    if e.ballots.is_empty() {
        return Err(g1000_tally::TallyError::NoBallots);
    }
    let seats = vote.seats.max(1) as usize;
    match vote.method {
        VoteMethod::Approval => g1000_tally::approval::approval(e, seats),
        VoteMethod::Dots => g1000_tally::approval::dots(e, seats),
        VoteMethod::Stv => g1000_tally::stv::stv(e, seats),
        VoteMethod::Mes => g1000_tally::mes::mes_add1(e),
        VoteMethod::Greedy => g1000_tally::greedy::greedy(e),
        VoteMethod::Schulze => {
            let mut out = Outcome {
                selected: vec![],
                explanation: vec![],
            };
            let mut left = e.clone();
            let mut run = 0;
            while out.selected.len() < seats && !left.projects.is_empty() {
                run += 1;
                let o = g1000_tally::schulze::schulze(&left)?;
                if run > 1 {
                    out.explanation.push(
                        Step::new(run, Action::Run, None, "Again without the winners so far.")
                            .num("run", run),
                    );
                }
                out.explanation.extend(o.explanation);
                if o.selected.is_empty() {
                    break;
                }
                out.selected.extend(o.selected.iter().cloned());
                left = without(&left, &o.selected);
            }
            Ok(out)
        }
    }
}

/// The election without some options (and those options left out of every ballot).
fn without(e: &Election, gone: &[String]) -> Election {
    let keep: Vec<usize> = (0..e.projects.len())
        .filter(|&i| !gone.contains(&e.projects[i].id))
        .collect();
    let new_index: BTreeMap<usize, usize> = keep.iter().enumerate().map(|(n, &o)| (o, n)).collect();
    let mut out = e.clone();
    out.projects = keep.iter().map(|&i| e.projects[i].clone()).collect();
    for b in &mut out.ballots {
        b.projects = b
            .projects
            .iter()
            .filter_map(|p| new_index.get(p).copied())
            .collect();
        b.points = None;
    }
    out
}

/// One step of a count as a sentence in the reader's language, with its numbers.
#[derive(Debug, Clone, Serialize)]
pub struct StepView {
    pub round: usize,
    pub action: &'static str,
    pub text: String,
    pub numbers: Vec<(String, String)>,
}

fn action_key(a: Action) -> &'static str {
    match a {
        Action::Setup => "setup",
        Action::Selected => "selected",
        Action::Skipped => "skipped",
        Action::Eliminated => "eliminated",
        Action::TieBroken => "tie",
        Action::Run => "run",
        Action::Stop => "stop",
    }
}

/// Translates a count's structured steps: `tally-setup-METHOD` for the set-up, `tally-ACTION` for the rest,
/// each number named by `tally-num-NAME`; option ids become the options' titles.
pub fn explain(tr: &Tr, vote: &Vote, options: &[VoteOption], steps: &[Step]) -> Vec<StepView> {
    let label = |id: &str| {
        options
            .iter()
            .find(|o| option_id(o.position) == id)
            .map_or_else(|| id.to_string(), |o| o.label.clone())
    };
    steps
        .iter()
        .map(|s| {
            let mut args: Vec<(&str, String)> = s
                .numbers
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            args.push((
                "option",
                s.project.as_deref().map(label).unwrap_or_default(),
            ));
            args.push(("round", s.round.to_string()));
            let key = match s.action {
                Action::Setup => format!("tally-setup-{}", vote.method.as_str()),
                a => format!("tally-{}", action_key(a)),
            };
            StepView {
                round: s.round,
                action: action_key(s.action),
                text: tr.targs(&key, &args),
                numbers: s
                    .numbers
                    .iter()
                    .map(|(k, v)| (tr.t(&format!("tally-num-{k}")), v.clone()))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use g1000_store::VoteStatus;

    fn vote(method: VoteMethod, max: i64, seats: i64) -> Vote {
        Vote {
            id: 1,
            summit_id: 1,
            title: "T".into(),
            method,
            max_choices: max,
            seats,
            budget: 300,
            hide_results: false,
            status: VoteStatus::Open,
            paper_ballots: 0,
            created_at: 0,
            opened_at: None,
            closed_at: None,
        }
    }

    fn options(n: i64) -> Vec<VoteOption> {
        (1..=n)
            .map(|p| VoteOption {
                vote_id: 1,
                position: p,
                proposal_id: None,
                label: format!("Plan {p}"),
                cost: 100 * p,
            })
            .collect()
    }

    fn form(pairs: &[(&str, &str)]) -> FormData {
        FormData(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    #[test]
    fn reads_checks_and_round_trips_ballots() {
        let o = options(3);
        let v = vote(VoteMethod::Approval, 2, 1);
        let c = Choice::from_form(&v, &o, &form(&[("option", "3"), ("option", "1")])).unwrap();
        assert_eq!(c, Choice::Approve(vec![1, 3]));
        assert_eq!(c.encode(), "1,3");
        assert_eq!(Choice::decode(VoteMethod::Approval, "1,3"), Some(c));
        let too_many = form(&[("option", "1"), ("option", "2"), ("option", "3")]);
        assert_eq!(
            Choice::from_form(&v, &o, &too_many).unwrap_err().key,
            "ballot-error-too-many"
        );
        assert_eq!(
            Choice::from_form(&v, &o, &form(&[("option", "9")]))
                .unwrap_err()
                .key,
            "ballot-error-option"
        );
        assert_eq!(
            Choice::from_form(&v, &o, &form(&[])).unwrap_err().key,
            "ballot-error-empty"
        );
        let d = vote(VoteMethod::Dots, 3, 1);
        let c = Choice::from_form(
            &d,
            &o,
            &form(&[("dots-1", "2"), ("dots-3", "1"), ("dots-2", "0")]),
        )
        .unwrap();
        assert_eq!(c.encode(), "1:2,3:1");
        assert_eq!(Choice::decode(VoteMethod::Dots, "1:2,3:1"), Some(c));
        assert_eq!(
            Choice::from_form(&d, &o, &form(&[("dots-1", "4")]))
                .unwrap_err()
                .key,
            "ballot-error-dots"
        );
        let r = vote(VoteMethod::Stv, 0, 1);
        let c = Choice::from_form(
            &r,
            &o,
            &form(&[("rank-1", "2"), ("rank-3", "1"), ("rank-2", "")]),
        )
        .unwrap();
        assert_eq!(c.encode(), "3>1");
        assert_eq!(c.place(1), Some(2));
        assert_eq!(
            Choice::from_form(&r, &o, &form(&[("rank-1", "1"), ("rank-2", "1")]))
                .unwrap_err()
                .key,
            "ballot-error-rank-twice"
        );
    }

    #[test]
    fn counts_with_the_tally_rules() {
        let o = options(3);
        let ballots: Vec<String> = ["1,2", "2", "2,3", "3"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let v = vote(VoteMethod::Approval, 0, 2);
        let out = count(&v, &election(&v, &o, &ballots)).unwrap();
        // 2 has three votes, 3 two, 1 one.
        assert_eq!(out.selected, vec![option_id(2), option_id(3)]);
        // Ranked: 3 > 1 > 2 for most; Schulze for two seats runs twice.
        let ranked: Vec<String> = ["3>1>2", "3>1", "1>2>3", "3>2>1"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let v = vote(VoteMethod::Schulze, 0, 2);
        let out = count(&v, &election(&v, &o, &ranked)).unwrap();
        assert_eq!(out.selected, vec![option_id(3), option_id(1)]);
        let v = vote(VoteMethod::Greedy, 0, 1);
        let out = count(&v, &election(&v, &o, &ballots)).unwrap();
        // Budget 300: 2 (cost 200) first, then 3 (300) does not fit, then 1 (100) fits.
        assert_eq!(out.selected, vec![option_id(2), option_id(1)]);
        let v = vote(VoteMethod::Approval, 0, 1);
        assert!(count(&v, &election(&v, &o, &[])).is_err());
    }
}
