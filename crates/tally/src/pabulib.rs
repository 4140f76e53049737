//! A parser for pabulib `.pb` files (pabulib.org/format): the `META`, `PROJECTS` and `VOTES` sections, each a
//! semicolon-separated header line and data lines, CSV quoting, LF or CRLF line ends. Project ids stay strings.
//! Amounts (budget, costs, points) are read as exact rationals from decimal text.

use std::collections::{BTreeMap, HashMap};

use crate::num::Rat;
use crate::{Ballot, Election, Project, VoteType};

/// What is wrong with a `.pb` file, and where: the 1-based line, the section and the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, section {section}, field {field}: {message}")]
pub struct ParseError {
    pub line: u64,
    pub section: String,
    pub field: String,
    pub message: String,
}

fn err(line: u64, section: &str, field: &str, message: impl Into<String>) -> ParseError {
    ParseError {
        line,
        section: section.into(),
        field: field.into(),
        message: message.into(),
    }
}

/// An exact non-negative rational from decimal text such as `1000` or `12.50` (no exponents, no sign).
pub fn parse_amount(s: &str) -> Result<Rat, String> {
    let t = s.trim();
    let (int, frac) = match t.split_once('.') {
        Some((i, f)) => (i, f),
        None => (t, ""),
    };
    let ok = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
    if t.is_empty() || (int.is_empty() && frac.is_empty()) || !ok(int) || !ok(frac) {
        return Err(format!("'{s}' is not a non-negative decimal number"));
    }
    let digits: String = format!("{int}{frac}");
    let n: num_bigint::BigInt = digits
        .parse()
        .map_err(|_| format!("'{s}' is not a number"))?;
    let d = num_bigint::BigInt::from(10u32).pow(frac.len() as u32);
    Ok(Rat::new(n, d))
}

#[derive(Clone, Copy, PartialEq)]
enum Section {
    None,
    Meta,
    Projects,
    Votes,
}

impl Section {
    fn name(self) -> &'static str {
        match self {
            Section::None => "(before META)",
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        }
    }
}

/// Parse the text of a `.pb` file.
pub fn parse(text: &str) -> Result<Election, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut section = Section::None;
    let mut header: Option<Vec<String>> = None;
    let mut meta = BTreeMap::new();
    let mut projects: Vec<Project> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut raw_votes: Vec<(u64, BTreeMap<String, String>)> = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut seen = [false; 3];
    loop {
        let line_before = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(err(
                    line_before,
                    section.name(),
                    "-",
                    format!("unreadable line: {e}"),
                ));
            }
        }
        let line = record.position().map_or(line_before, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let first = record.get(0).unwrap_or("").trim().to_ascii_uppercase();
        let first = first.as_str();
        let next = match first {
            "META" => Some((Section::Meta, 0)),
            "PROJECTS" => Some((Section::Projects, 1)),
            "VOTES" => Some((Section::Votes, 2)),
            _ => None,
        };
        if let Some((s, i)) = next
            && (record.len() == 1 || record.iter().skip(1).all(|f| f.trim().is_empty()))
        {
            if seen[i] {
                return Err(err(line, first, "-", "this section appears twice"));
            }
            seen[i] = true;
            section = s;
            header = None;
            continue;
        }
        if section == Section::None {
            return Err(err(
                line,
                section.name(),
                "-",
                "the file must start with a META section",
            ));
        }
        let Some(h) = &header else {
            let h: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
            let need: &[&str] = match section {
                Section::Meta => &["key", "value"],
                Section::Projects => &["project_id", "cost"],
                _ => &["voter_id", "vote"],
            };
            for n in need {
                if !h.iter().any(|x| x == n) {
                    return Err(err(line, section.name(), n, "missing from the header line"));
                }
            }
            header = Some(h);
            continue;
        };
        if record.len() > h.len() {
            return Err(err(
                line,
                section.name(),
                "-",
                format!("{} fields, but the header has {}", record.len(), h.len()),
            ));
        }
        let row: BTreeMap<String, String> = h
            .iter()
            .cloned()
            .zip(record.iter().map(|f| f.trim().to_string()))
            .collect();
        match section {
            Section::Meta => {
                meta.insert(
                    row["key"].clone(),
                    row.get("value").cloned().unwrap_or_default(),
                );
            }
            Section::Projects => {
                let id = row["project_id"].clone();
                if id.is_empty() {
                    return Err(err(line, "PROJECTS", "project_id", "empty"));
                }
                if index.contains_key(&id) {
                    return Err(err(
                        line,
                        "PROJECTS",
                        "project_id",
                        format!("'{id}' appears twice"),
                    ));
                }
                let cost = parse_amount(
                    &row.get("cost")
                        .map_or(String::new(), |c| c.replace(',', ".")),
                )
                .map_err(|m| err(line, "PROJECTS", "cost", m))?;
                index.insert(id.clone(), projects.len());
                projects.push(Project {
                    id,
                    cost,
                    name: row.get("name").cloned().filter(|n| !n.is_empty()),
                    fields: row,
                });
            }
            Section::Votes => raw_votes.push((line, row)),
            Section::None => unreachable!(),
        }
    }
    for (i, s) in ["META", "PROJECTS", "VOTES"].iter().enumerate() {
        if !seen[i] {
            return Err(err(rdr.position().line(), s, "-", "section missing"));
        }
    }
    let budget_text = meta
        .get("budget")
        .ok_or_else(|| err(1, "META", "budget", "missing"))?;
    let budget =
        parse_amount(&budget_text.replace(',', ".")).map_err(|m| err(1, "META", "budget", m))?;
    let vote_type = match meta.get("vote_type").map(|s| s.trim()) {
        Some("approval") => VoteType::Approval,
        Some("ordinal") => VoteType::Ordinal,
        Some("cumulative") => VoteType::Cumulative,
        Some("scoring") => VoteType::Scoring,
        Some(other) => {
            return Err(err(
                1,
                "META",
                "vote_type",
                format!("'{other}' is not approval, ordinal, cumulative or scoring"),
            ));
        }
        None => return Err(err(1, "META", "vote_type", "missing")),
    };
    let mut ballots = Vec::with_capacity(raw_votes.len());
    for (line, row) in raw_votes {
        let vote = row.get("vote").map_or("", String::as_str);
        let mut ids = Vec::new();
        for id in vote.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let Some(&p) = index.get(id) else {
                return Err(err(
                    line,
                    "VOTES",
                    "vote",
                    format!("unknown project id '{id}'"),
                ));
            };
            if ids.contains(&p) {
                return Err(err(
                    line,
                    "VOTES",
                    "vote",
                    format!("project '{id}' appears twice"),
                ));
            }
            ids.push(p);
        }
        let points = match (vote_type, row.get("points")) {
            (VoteType::Cumulative | VoteType::Scoring, Some(pts)) => {
                let pts: Vec<Rat> = pts
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(parse_amount)
                    .collect::<Result<_, _>>()
                    .map_err(|m| err(line, "VOTES", "points", m))?;
                if pts.len() != ids.len() {
                    return Err(err(
                        line,
                        "VOTES",
                        "points",
                        format!("{} points for {} projects", pts.len(), ids.len()),
                    ));
                }
                Some(pts)
            }
            (VoteType::Cumulative | VoteType::Scoring, None) => {
                return Err(err(
                    line,
                    "VOTES",
                    "points",
                    "missing (needed for this vote_type)",
                ));
            }
            _ => None,
        };
        ballots.push(Ballot {
            voter_id: row.get("voter_id").cloned().unwrap_or_default(),
            projects: ids,
            points,
        });
    }
    Ok(Election {
        meta,
        budget,
        vote_type,
        projects,
        ballots,
    })
}
