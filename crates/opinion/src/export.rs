//! A Polis export (comments.csv with votes.csv or participants-votes.csv) as a vote matrix, and the
//! agreement of a result with Polis's own groups.

use crate::input::{InputError, parse_comments, parse_participants_votes, parse_votes};
use crate::{Analysis, VoteMatrix, adjusted_rand_index};
use std::collections::{HashMap, HashSet};

/// The vote source: (text, file label).
pub enum Votes<'a> {
    /// votes.csv: the vote history; the latest vote per (voter, comment) counts.
    History(&'a str, &'a str),
    /// participants-votes.csv: the final votes (and Polis's groups).
    Wide(&'a str, &'a str),
}

/// A loaded export.
pub struct Export {
    pub matrix: VoteMatrix,
    /// Polis's groups, if the source was participants-votes.csv.
    pub polis_groups: Option<Vec<(u64, Option<u64>)>>,
}

/// Build the matrix from the votes and (optionally) comments.csv: moderated-out and meta statements are
/// marked; a vote on a comment that is not in comments.csv is an error naming the row and column.
pub fn load_export(votes: Votes, comments: Option<(&str, &str)>) -> Result<Export, InputError> {
    let comments = match comments {
        Some((text, file)) => Some((parse_comments(text, file)?, file)),
        None => None,
    };
    let known: Option<HashSet<u64>> = comments
        .as_ref()
        .map(|(c, _)| c.iter().map(|r| r.tid).collect());
    let unknown = |file: &str, row: usize, column: String, tid: u64| InputError::Cell {
        file: file.to_string(),
        row,
        column,
        message: format!(
            "comment {tid} is not in {}",
            comments.as_ref().map_or("", |c| c.1)
        ),
    };
    let mut matrix = VoteMatrix::new();
    let mut polis_groups = None;
    match votes {
        Votes::History(text, file) => {
            let mut rows = parse_votes(text, file)?;
            if let Some(k) = &known
                && let Some((i, r)) = rows.iter().enumerate().find(|(_, r)| !k.contains(&r.tid))
            {
                return Err(unknown(file, i + 2, "comment-id".into(), r.tid));
            }
            // Apply in time order (stable for equal times): the latest vote wins.
            rows.sort_by_key(|r| r.timestamp);
            for r in &rows {
                matrix.set_vote(r.pid, r.tid, r.vote);
            }
        }
        Votes::Wide(text, file) => {
            let pv = parse_participants_votes(text, file)?;
            if let Some(k) = &known
                && let Some(&(_, tid, _)) = pv.votes.iter().find(|v| !k.contains(&v.1))
            {
                return Err(unknown(file, 1, tid.to_string(), tid));
            }
            for &(pid, tid, v) in &pv.votes {
                matrix.set_vote(pid, tid, v);
            }
            polis_groups = Some(pv.groups);
        }
    }
    for c in comments.iter().flat_map(|c| &c.0) {
        matrix.set_moderated_out(c.tid, c.is_out());
    }
    Ok(Export {
        matrix,
        polis_groups,
    })
}

/// The adjusted Rand index between a result's groups and other groups (e.g. Polis's), over the
/// participants both have grouped; with that count. NaN if none.
pub fn ari_vs_groups(result: &Analysis, other: &[(u64, Option<u64>)]) -> (f64, usize) {
    let ours: HashMap<u64, usize> = result
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |&p| (p, g.id)))
        .collect();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for &(pid, g) in other {
        if let (Some(g), Some(&o)) = (g, ours.get(&pid)) {
            a.push(g as usize);
            b.push(o);
        }
    }
    if a.is_empty() {
        return (f64::NAN, 0);
    }
    (adjusted_rand_index(&a, &b), a.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_keeps_the_latest_vote_and_marks_moderation() {
        let votes = "timestamp,comment-id,voter-id,vote\n20,1,5,-1\n10,1,5,1\n15,2,5,1\n";
        let comments = "comment-id,moderated,comment-body\n1,1,a\n2,-1,b\n";
        let e = load_export(Votes::History(votes, "v.csv"), Some((comments, "c.csv"))).unwrap();
        assert_eq!(e.matrix.get(5, 1), Some(-1), "timestamp 20 is the latest");
        assert!(e.matrix.is_moderated_out(2));
        let bad = "timestamp,comment-id,voter-id,vote\n1,1,5,1\n2,3,5,1\n";
        let err = load_export(Votes::History(bad, "v.csv"), Some((comments, "c.csv")));
        assert_eq!(
            err.err().unwrap().to_string(),
            "v.csv: row 3, column comment-id: comment 3 is not in c.csv"
        );
    }
}
