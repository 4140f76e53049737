//! The sparse vote matrix: participants × statements, cells agree (+1), disagree (−1), pass (0) or missing.

use std::collections::{HashMap, HashSet};

/// Participants × statements, in the export convention (agree = +1, disagree = −1, pass = 0).
///
/// Rows and columns are kept in order of first appearance and never removed, so their indices are stable
/// across updates (warm starts rely on that). Setting a cell again replaces it: the latest vote wins.
#[derive(Debug, Clone, Default)]
pub struct VoteMatrix {
    pids: Vec<u64>,
    pid_ix: HashMap<u64, u32>,
    tids: Vec<u64>,
    tid_ix: HashMap<u64, u32>,
    /// Per participant: (column, vote), in the order the cells were first set.
    rows: Vec<Vec<(u32, i8)>>,
    mod_out: HashSet<u64>,
    n_votes: usize,
}

impl VoteMatrix {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record a vote (+1 agree, −1 disagree, 0 pass); a later call for the same cell replaces it.
    /// Votes outside −1..=1 are clamped to their sign.
    pub fn set_vote(&mut self, pid: u64, tid: u64, vote: i8) {
        let vote = vote.signum();
        let r = match self.pid_ix.get(&pid) {
            Some(&r) => r as usize,
            None => {
                self.pid_ix.insert(pid, self.pids.len() as u32);
                self.pids.push(pid);
                self.rows.push(Vec::new());
                self.pids.len() - 1
            }
        };
        let c = match self.tid_ix.get(&tid) {
            Some(&c) => c,
            None => {
                self.tid_ix.insert(tid, self.tids.len() as u32);
                self.tids.push(tid);
                (self.tids.len() - 1) as u32
            }
        };
        let row = &mut self.rows[r];
        match row.iter_mut().find(|(col, _)| *col == c) {
            Some(cell) => cell.1 = vote,
            None => {
                row.push((c, vote));
                self.n_votes += 1;
            }
        }
    }

    /// Moderate a statement out (or back in). Moderated-out statements count as a pass for everyone in the
    /// PCA, and are never selected as representative or consensus statements.
    pub fn set_moderated_out(&mut self, tid: u64, out: bool) {
        if out {
            self.mod_out.insert(tid);
        } else {
            self.mod_out.remove(&tid);
        }
    }

    pub fn is_moderated_out(&self, tid: u64) -> bool {
        self.mod_out.contains(&tid)
    }

    /// Participant ids, by row index.
    pub fn participants(&self) -> &[u64] {
        &self.pids
    }

    /// Statement ids, by column index (only statements with at least one vote have a column).
    pub fn statements(&self) -> &[u64] {
        &self.tids
    }

    /// The cells of one row: (column, vote).
    pub fn row(&self, r: usize) -> &[(u32, i8)] {
        &self.rows[r]
    }

    /// The number of filled cells (distinct participant × statement votes).
    pub fn n_votes(&self) -> usize {
        self.n_votes
    }

    /// The vote of a participant on a statement, if any.
    pub fn get(&self, pid: u64, tid: u64) -> Option<i8> {
        let r = *self.pid_ix.get(&pid)? as usize;
        let c = *self.tid_ix.get(&tid)?;
        self.rows[r].iter().find(|(col, _)| *col == c).map(|x| x.1)
    }

    /// Per column: is the statement moderated out?
    pub(crate) fn mod_out_mask(&self) -> Vec<bool> {
        self.tids.iter().map(|t| self.mod_out.contains(t)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latest_vote_wins_and_counts_once() {
        let mut m = VoteMatrix::new();
        m.set_vote(7, 3, 1);
        m.set_vote(7, 3, -1);
        m.set_vote(8, 3, 0);
        m.set_vote(7, 4, 5);
        assert_eq!(m.n_votes(), 3);
        assert_eq!(m.get(7, 3), Some(-1));
        assert_eq!(m.get(7, 4), Some(1));
        assert_eq!(m.get(8, 4), None);
        assert_eq!(m.participants(), &[7, 8]);
        assert_eq!(m.statements(), &[3, 4]);
    }

    #[test]
    fn moderation_marks_columns() {
        let mut m = VoteMatrix::new();
        m.set_vote(1, 10, 1);
        m.set_vote(1, 11, 1);
        m.set_moderated_out(11, true);
        assert_eq!(m.mod_out_mask(), vec![false, true]);
        m.set_moderated_out(11, false);
        assert_eq!(m.mod_out_mask(), vec![false, false]);
    }
}
