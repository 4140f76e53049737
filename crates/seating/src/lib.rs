//! The g1000 seating engine: multi-round table plans for a G1000 (no I/O besides parsing given text).
//!
//! Priorities, in order: hard constraints (table capacity, wheelchair users at accessible tables and at
//! most `max_wheelchair_per_table` per table, interpreter needs at tables of their language, hosts pinned
//! to their table, together/apart pairs); every table's count of every attribute value within
//! [⌊q⌋, ⌈q⌉] of its proportional share q; the fewest repeat pairs across rounds (and repeat visits to a
//! table's host); the most distinct people met. Deterministic for a seed.
//!
//! Method: per round a constructive assignment that places the constrained people first, then simulated
//! annealing over all open rounds at once with swaps of people (or whole together-groups) between two
//! tables of one round, evaluated incrementally (per-table value counts, a u8 pair-meeting matrix, a u8
//! person×table visit matrix).

mod engine;
mod flow;
mod input;
mod preference;
mod score;

pub use engine::{Frozen, PlanOptions, plan};
pub use input::{PlanRow, parse_pairs, parse_participants, parse_plan, parse_tables};
pub use preference::{
    Preference, ThemeAssignment, assign_themes, parse_preferences, parse_table_themes,
    plan_preferences,
};
pub use score::{Bounds, Score, bounds, score};

/// One participant: an id, one value per planning attribute (in the order of `Instance::attributes`),
/// mobility and language needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub id: String,
    pub values: Vec<String>,
    pub wheelchair: bool,
    /// The participant's language; one other than the hall language needs a table of that language.
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub id: String,
    pub capacity: usize,
    pub accessible: bool,
    pub language: String,
    /// The table's host: pinned to this table in every round when it is a participant id; otherwise an
    /// external host, whom a participant should meet only once (repeat visits to a table count).
    pub host: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairKind {
    Together,
    Apart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub kind: PairKind,
    pub a: String,
    pub b: String,
}

/// Everything a plan is made for.
#[derive(Debug, Clone, Default)]
pub struct Instance {
    /// The planning attributes (participants' columns) whose values every table should mirror.
    pub attributes: Vec<String>,
    pub participants: Vec<Participant>,
    pub tables: Vec<Table>,
    pub pairs: Vec<Pair>,
    /// At most this many wheelchair users at one table (None: only the capacity limits).
    pub max_wheelchair_per_table: Option<usize>,
    /// The hall language when it is not simply the most common table language (None: the most common);
    /// preference seating plans each theme with the whole hall's language.
    pub hall: Option<String>,
}

impl Instance {
    /// The hall language: the most common language among the tables (ties: the smallest name).
    /// Participants speaking it sit anywhere; others need a table of their language.
    pub fn hall_language(&self) -> String {
        if let Some(h) = &self.hall {
            return h.clone();
        }
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for t in &self.tables {
            *counts.entry(t.language.as_str()).or_default() += 1;
        }
        let mut best: Option<(&str, usize)> = None;
        for (l, c) in counts {
            if best.is_none_or(|(_, b)| c > b) {
                best = Some((l, c));
            }
        }
        best.map(|(l, _)| l.to_string()).unwrap_or_default()
    }
}

/// A plan: for every round, every participant's table (index into `Instance::tables`), or None when
/// the participant was absent in that round (a late arrival in a frozen round).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub rounds: Vec<Vec<Option<usize>>>,
}

impl Plan {
    /// The plan as CSV `round,table,participant` (rounds from 1, tables in their order, then participants).
    pub fn to_csv(&self, inst: &Instance) -> String {
        let mut out = String::from("round,table,participant\n");
        for (r, seats) in self.rounds.iter().enumerate() {
            let mut at: Vec<Vec<usize>> = vec![Vec::new(); inst.tables.len()];
            for (p, t) in seats.iter().enumerate() {
                if let Some(t) = t {
                    at[*t].push(p);
                }
            }
            for (t, people) in at.iter().enumerate() {
                for &p in people {
                    out.push_str(&format!(
                        "{},{},{}\n",
                        r + 1,
                        inst.tables[t].id,
                        inst.participants[p].id
                    ));
                }
            }
        }
        out
    }
}

/// Why no plan: bad input (file, row, column) or a constraint that cannot hold, named.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SeatingError {
    #[error("{file}: row {row}, column {column}: {message}")]
    Input {
        file: String,
        row: usize,
        column: String,
        message: String,
    },
    #[error("{file}: missing column {column}")]
    MissingColumn { file: String, column: String },
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("capacity: {people} participants but the tables seat only {seats}")]
    Capacity { people: usize, seats: usize },
    #[error(
        "wheelchair access: {users} wheelchair users but the accessible tables have only {places} wheelchair places"
    )]
    Wheelchair { users: usize, places: usize },
    #[error(
        "language {language}: {people} participants need a {language} table but those tables seat only {seats}"
    )]
    Language {
        language: String,
        people: usize,
        seats: usize,
    },
    #[error("host {host} of table {table}: {message}")]
    Host {
        host: String,
        table: String,
        message: String,
    },
    #[error("{kind} pair {a}, {b}: {message}")]
    Pair {
        kind: &'static str,
        a: String,
        b: String,
        message: String,
    },
    #[error("freeze: {message}")]
    Freeze { message: String },
    #[error("rounds: {message}")]
    Rounds { message: String },
    #[error("preferences: {message}")]
    Preferences { message: String },
    #[error("theme {theme}: {inner}")]
    Theme {
        theme: String,
        inner: Box<SeatingError>,
    },
    #[error("no plan satisfies every hard constraint ({detail})")]
    Unsatisfied { detail: String },
}
