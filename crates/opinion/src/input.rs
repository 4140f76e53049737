//! Parsing the Polis export formats (`votes.csv`, `comments.csv`, `participants-votes.csv`) from text.
//! Errors name the file (as the caller labels it), the row (1 = the header, as a spreadsheet counts
//! records) and the column.

use std::collections::HashMap;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum InputError {
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{file}: row {row}, column {column}: {message}")]
    Cell {
        file: String,
        row: usize,
        column: String,
        message: String,
    },
}

/// One line of `votes.csv` (export convention: agree = 1, disagree = −1, pass = 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoteRow {
    pub timestamp: i64,
    pub tid: u64,
    pub pid: u64,
    pub vote: i8,
}

/// One line of `comments.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub tid: u64,
    /// 1 accepted, 0 unmoderated, −1 moderated out.
    pub moderated: i8,
    pub is_meta: bool,
    pub body: String,
}

impl CommentRow {
    /// Moderated out or meta: counts as a pass for everyone, never selected.
    pub fn is_out(&self) -> bool {
        self.moderated == -1 || self.is_meta
    }
}

/// `participants-votes.csv`: the final votes and Polis's groups.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParticipantsVotes {
    /// (participant, statement, vote), in file order.
    pub votes: Vec<(u64, u64, i8)>,
    /// Per participant in file order: Polis's group at export, if clustered.
    pub groups: Vec<(u64, Option<u64>)>,
}

struct Table<'a> {
    file: &'a str,
    reader: csv::Reader<&'a [u8]>,
    header: Vec<String>,
}

impl<'a> Table<'a> {
    fn new(text: &'a str, file: &'a str) -> Result<Self, InputError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = reader
            .headers()
            .map_err(|e| InputError::File {
                file: file.to_string(),
                message: format!("cannot read the header: {e}"),
            })?
            .iter()
            .map(|h| h.trim().to_string())
            .collect::<Vec<_>>();
        if header.iter().all(|h| h.is_empty()) {
            return Err(InputError::File {
                file: file.to_string(),
                message: "empty file (no header row)".into(),
            });
        }
        Ok(Table {
            file,
            reader,
            header,
        })
    }

    fn column(&self, name: &str) -> Result<usize, InputError> {
        self.header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| InputError::File {
                file: self.file.to_string(),
                message: format!("no column \"{name}\" in the header"),
            })
    }

    fn cell_error(&self, row: usize, column: usize, message: String) -> InputError {
        InputError::Cell {
            file: self.file.to_string(),
            row,
            column: self.header[column].clone(),
            message,
        }
    }

    /// Each record with its row number (the header is row 1).
    fn for_each(
        &mut self,
        mut f: impl FnMut(&Self, usize, &csv::StringRecord) -> Result<(), InputError>,
    ) -> Result<(), InputError> {
        let mut rec = csv::StringRecord::new();
        let mut row = 1;
        loop {
            row += 1;
            match self.reader.read_record(&mut rec) {
                Ok(true) => f(self, row, &rec)?,
                Ok(false) => return Ok(()),
                Err(e) => {
                    return Err(InputError::File {
                        file: self.file.to_string(),
                        message: format!("row {row}: {e}"),
                    });
                }
            }
        }
    }

    fn int<T: std::str::FromStr>(
        &self,
        row: usize,
        rec: &csv::StringRecord,
        col: usize,
        what: &str,
    ) -> Result<T, InputError> {
        let s = rec.get(col).unwrap_or("").trim();
        s.parse().map_err(|_| {
            let shown = if s.is_empty() {
                "an empty cell".to_string()
            } else {
                format!("\"{s}\"")
            };
            self.cell_error(row, col, format!("expected {what}, found {shown}"))
        })
    }

    fn vote(&self, row: usize, rec: &csv::StringRecord, col: usize) -> Result<i8, InputError> {
        let v: i64 = self.int(row, rec, col, "a vote (1, -1 or 0)")?;
        match v {
            -1..=1 => Ok(v as i8),
            _ => Err(self.cell_error(row, col, format!("expected a vote (1, -1 or 0), found {v}"))),
        }
    }
}

/// Parse `votes.csv` (columns `timestamp`, `comment-id`, `voter-id`, `vote`; others ignored).
pub fn parse_votes(text: &str, file: &str) -> Result<Vec<VoteRow>, InputError> {
    let mut t = Table::new(text, file)?;
    let (ts, tid, pid, vote) = (
        t.column("timestamp")?,
        t.column("comment-id")?,
        t.column("voter-id")?,
        t.column("vote")?,
    );
    let mut out = Vec::new();
    t.for_each(|t, row, rec| {
        out.push(VoteRow {
            timestamp: t.int(row, rec, ts, "a timestamp in milliseconds")?,
            tid: t.int(row, rec, tid, "a comment id (a whole number ≥ 0)")?,
            pid: t.int(row, rec, pid, "a voter id (a whole number ≥ 0)")?,
            vote: t.vote(row, rec, vote)?,
        });
        Ok(())
    })?;
    Ok(out)
}

/// Parse `comments.csv` (columns `comment-id`, `moderated`, `comment-body`, optional `is-meta`).
pub fn parse_comments(text: &str, file: &str) -> Result<Vec<CommentRow>, InputError> {
    let mut t = Table::new(text, file)?;
    let (tid, moderated, body) = (
        t.column("comment-id")?,
        t.column("moderated")?,
        t.column("comment-body")?,
    );
    let meta = t.column("is-meta").ok();
    let mut out = Vec::new();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    t.for_each(|t, row, rec| {
        let id: u64 = t.int(row, rec, tid, "a comment id (a whole number ≥ 0)")?;
        if let Some(first) = seen.insert(id, row) {
            return Err(t.cell_error(row, tid, format!("comment {id} also on row {first}")));
        }
        let m: i64 = t.int(row, rec, moderated, "1, 0 or -1")?;
        if !(-1..=1).contains(&m) {
            return Err(t.cell_error(row, moderated, format!("expected 1, 0 or -1, found {m}")));
        }
        let is_meta = match meta {
            None => false,
            Some(c) => match rec
                .get(c)
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
                .as_str()
            {
                "" | "false" | "0" => false,
                "true" | "1" => true,
                other => {
                    return Err(t.cell_error(
                        row,
                        c,
                        format!("expected true or false, found \"{other}\""),
                    ));
                }
            },
        };
        out.push(CommentRow {
            tid: id,
            moderated: m as i8,
            is_meta,
            body: rec.get(body).unwrap_or("").to_string(),
        });
        Ok(())
    })?;
    Ok(out)
}

/// Parse `participants-votes.csv`: `participant`, `group-id`, then one column per comment id (header a
/// whole number), cells 1 / −1 / 0 or empty; other columns (`n-votes`, …) are ignored.
pub fn parse_participants_votes(text: &str, file: &str) -> Result<ParticipantsVotes, InputError> {
    let mut t = Table::new(text, file)?;
    let pid = t.column("participant")?;
    let gid = t.column("group-id").ok();
    let comment_cols: Vec<(usize, u64)> = t
        .header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| h.parse::<u64>().ok().map(|tid| (i, tid)))
        .collect();
    if comment_cols.is_empty() {
        return Err(InputError::File {
            file: file.to_string(),
            message: "no comment columns (headers that are comment ids) in the header".into(),
        });
    }
    let mut out = ParticipantsVotes::default();
    let mut seen: HashMap<u64, usize> = HashMap::new();
    t.for_each(|t, row, rec| {
        let p: u64 = t.int(row, rec, pid, "a participant id (a whole number ≥ 0)")?;
        if let Some(first) = seen.insert(p, row) {
            return Err(t.cell_error(row, pid, format!("participant {p} also on row {first}")));
        }
        let g = match gid {
            Some(c) if !rec.get(c).unwrap_or("").trim().is_empty() => Some(t.int(
                row,
                rec,
                c,
                "a group id (a whole number ≥ 0) or an empty cell",
            )?),
            _ => None,
        };
        out.groups.push((p, g));
        for &(c, tid) in &comment_cols {
            if !rec.get(c).unwrap_or("").trim().is_empty() {
                out.votes.push((p, tid, t.vote(row, rec, c)?));
            }
        }
        Ok(())
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn votes_parse_and_errors_name_row_and_column() {
        let ok = "timestamp,datetime,comment-id,voter-id,vote\n5,x,2,7,-1\n6,\"a,b\",2,8,0\n";
        let v = parse_votes(ok, "votes.csv").unwrap();
        assert_eq!(
            v[0],
            VoteRow {
                timestamp: 5,
                tid: 2,
                pid: 7,
                vote: -1
            }
        );
        assert_eq!(v[1].vote, 0);
        let bad = "timestamp,datetime,comment-id,voter-id,vote\n5,x,2,7,-1\n6,x,2,8,2\n";
        assert_eq!(
            parse_votes(bad, "votes.csv").unwrap_err().to_string(),
            "votes.csv: row 3, column vote: expected a vote (1, -1 or 0), found 2"
        );
        let bad = "timestamp,comment-id,voter-id,vote\n5,two,7,1\n";
        assert_eq!(
            parse_votes(bad, "v.csv").unwrap_err().to_string(),
            "v.csv: row 2, column comment-id: expected a comment id (a whole number ≥ 0), found \"two\""
        );
        assert_eq!(
            parse_votes("timestamp,comment-id,vote\n", "v.csv")
                .unwrap_err()
                .to_string(),
            "v.csv: no column \"voter-id\" in the header"
        );
    }

    #[test]
    fn comments_with_multiline_bodies_and_moderation() {
        let text = "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n\
                    1,x,3,0,0,0,-1,\"two\nlines\"\n2,x,4,0,0,0,1,plain\n";
        let c = parse_comments(text, "comments.csv").unwrap();
        assert_eq!(c.len(), 2);
        assert!(c[0].is_out());
        assert_eq!(c[0].body, "two\nlines");
        assert!(!c[1].is_out());
        let dup = "comment-id,moderated,comment-body\n1,0,a\n1,0,b\n";
        assert_eq!(
            parse_comments(dup, "c.csv").unwrap_err().to_string(),
            "c.csv: row 3, column comment-id: comment 1 also on row 2"
        );
    }

    #[test]
    fn participants_votes_wide_matrix() {
        let text = "participant,group-id,n-comments,n-votes,n-agree,n-disagree,0,1,5\n\
                    0,1,0,2,1,0,1,,0\n1,,0,1,0,1,,-1,\n";
        let pv = parse_participants_votes(text, "pv.csv").unwrap();
        assert_eq!(pv.votes, vec![(0, 0, 1), (0, 5, 0), (1, 1, -1)]);
        assert_eq!(pv.groups, vec![(0, Some(1)), (1, None)]);
        let bad = "participant,group-id,0,1\n0,0,1,x\n";
        assert_eq!(
            parse_participants_votes(bad, "pv.csv")
                .unwrap_err()
                .to_string(),
            "pv.csv: row 2, column 1: expected a vote (1, -1 or 0), found \"x\""
        );
    }
}
