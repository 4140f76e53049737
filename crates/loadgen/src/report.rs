//! After the run: what the database holds compared with what the server confirmed to the phones, and the
//! Markdown report.

use std::fmt::Write;
use std::time::Duration;

use anyhow::Result;
use g1000_store::Store;

use crate::drive::Outcome;
use crate::setup::Hall;
use crate::stats::Row;

/// One check of the run.
#[derive(Debug, Clone)]
pub struct Check {
    pub name: String,
    pub expected: String,
    pub found: String,
    pub ok: bool,
}

impl Check {
    fn new(name: impl Into<String>, expected: String, found: String, ok: bool) -> Check {
        Check {
            name: name.into(),
            expected,
            found,
            ok,
        }
    }
}

/// What `expected` has that `found` lacks, and what `found` has too much (multisets).
pub fn multiset_diff<T: Ord + Clone>(expected: &[T], found: &[T]) -> (Vec<T>, Vec<T>) {
    let (mut e, mut f) = (expected.to_vec(), found.to_vec());
    e.sort();
    f.sort();
    let (mut missing, mut extra) = (vec![], vec![]);
    let (mut i, mut j) = (0, 0);
    while i < e.len() || j < f.len() {
        match (e.get(i), f.get(j)) {
            (Some(a), Some(b)) if a == b => {
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                missing.push(a.clone());
                i += 1;
            }
            (Some(a), None) => {
                missing.push(a.clone());
                i += 1;
            }
            (_, Some(b)) => {
                extra.push(b.clone());
                j += 1;
            }
            (None, None) => unreachable!(),
        }
    }
    (missing, extra)
}

fn diff_text<T: std::fmt::Debug>(missing: &[T], extra: &[T]) -> String {
    let show = |v: &[T]| {
        v.iter()
            .take(3)
            .map(|x| format!("{x:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!(
        "{} missing{}{}, {} extra{}{}",
        missing.len(),
        if missing.is_empty() { "" } else { ": " },
        show(missing),
        extra.len(),
        if extra.is_empty() { "" } else { ": " },
        show(extra)
    )
}

/// Compares the database with what the server confirmed, and the run with its targets.
pub async fn verify(
    store: &Store,
    hall: &Hall,
    outcome: &Outcome,
    rows: &[Row],
    p99_limit: Duration,
) -> Result<Vec<Check>> {
    let phones = hall.people.len();
    let mut checks = vec![];
    let errors: usize = rows
        .iter()
        .filter(|r| !r.label.starts_with("all "))
        .map(|r| r.errors)
        .sum();
    checks.push(Check::new(
        "requests answered as expected",
        "0 errors".into(),
        format!("{errors} errors"),
        errors == 0,
    ));
    checks.push(Check::new(
        "phones signed in / finished their part",
        format!("{phones} / {phones}"),
        format!("{} / {}", outcome.signed_in, outcome.phones_finished),
        outcome.signed_in == phones && outcome.phones_finished == phones,
    ));
    let stored: Vec<(i64, String)> = store
        .keywords(hall.summit_id)
        .await?
        .into_iter()
        .filter(|k| k.round_id == hall.round_id)
        .map(|k| (k.registration_id.unwrap_or(0), k.original))
        .collect();
    let (missing, extra) = multiset_diff(&outcome.keywords, &stored);
    checks.push(Check::new(
        "keywords stored = keywords confirmed (retries once)",
        outcome.keywords.len().to_string(),
        format!("{} ({})", stored.len(), diff_text(&missing, &extra)),
        missing.is_empty() && extra.is_empty(),
    ));
    let ballots: Vec<Vec<usize>> = store
        .ballots(hall.vote_id)
        .await?
        .iter()
        .map(|b| {
            let mut v: Vec<usize> = b
                .split(',')
                .filter(|x| !x.is_empty())
                .map(|x| x.parse().unwrap_or(0))
                .collect();
            v.sort_unstable();
            v
        })
        .collect();
    let (missing, extra) = multiset_diff(&outcome.ballots, &ballots);
    checks.push(Check::new(
        "ballots stored = voters, each their last choice (changes and retries once)",
        outcome.ballots.len().to_string(),
        format!("{} ({})", ballots.len(), diff_text(&missing, &extra)),
        missing.is_empty() && extra.is_empty(),
    ));
    let (receipts, _) = store.vote_counts(hall.vote_id).await?;
    checks.push(Check::new(
        "receipts = voters",
        outcome.ballots.len().to_string(),
        receipts.to_string(),
        receipts as usize == outcome.ballots.len(),
    ));
    checks.push(Check::new(
        "live connections opened / still open at the end",
        format!("{phones} / {phones}"),
        format!("{} / {}", outcome.sse_opened, outcome.sse_held),
        outcome.sse_opened == phones && outcome.sse_held == phones,
    ));
    for r in rows.iter().filter(|r| r.in_window) {
        checks.push(Check::new(
            format!("p99 {}", r.label),
            format!("< {} ms", p99_limit.as_millis()),
            ms(r.p99),
            r.p99 < p99_limit,
        ));
    }
    Ok(checks)
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

/// The report: the run's set-up, the latency table, the live connections and the checks.
pub fn markdown(
    rows: &[Row],
    outcome: &Outcome,
    checks: &[Check],
    context: &[(String, String)],
) -> String {
    let mut s = String::new();
    for (k, v) in context {
        let _ = writeln!(s, "- {k}: {v}");
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "| request | count | errors | p50 ms | p95 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|---:|"
    );
    for r in rows {
        let label = if r.label.starts_with("all ") {
            format!("**{}**", r.label)
        } else if r.in_window {
            r.label.clone()
        } else {
            format!("{} *(before the window)*", r.label)
        };
        let _ = writeln!(
            s,
            "| {label} | {} | {} | {} | {} | {} | {} |",
            r.count,
            r.errors,
            ms(r.p50),
            ms(r.p95),
            ms(r.p99),
            ms(r.max)
        );
    }
    let _ = writeln!(
        s,
        "\nLive connections: {} opened, {} still open at the end; {} `change` events received \
         (at least {} on every connection). Window: the last phone was done after {:.1} s.\n",
        outcome.sse_opened,
        outcome.sse_held,
        outcome.events,
        outcome.events_min,
        outcome.window_took.as_secs_f64()
    );
    let _ = writeln!(s, "| check | expected | found | |\n|---|---|---|---|");
    for c in checks {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} |",
            c.name,
            c.expected,
            c.found,
            if c.ok { "ok" } else { "**FAILED**" }
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_diff_finds_lost_and_doubled_items() {
        let expected = vec![(1, "a"), (1, "a"), (2, "b"), (3, "c")];
        assert_eq!(multiset_diff(&expected, &expected), (vec![], vec![]));
        // One of the two equal keywords lost, one doubled, one foreign.
        let found = vec![(1, "a"), (2, "b"), (2, "b"), (3, "c"), (4, "d")];
        let (missing, extra) = multiset_diff(&expected, &found);
        assert_eq!(missing, vec![(1, "a")]);
        assert_eq!(extra, vec![(2, "b"), (4, "d")]);
        let (missing, extra) = multiset_diff::<i32>(&[], &[5]);
        assert_eq!((missing, extra), (vec![], vec![5]));
    }
}
