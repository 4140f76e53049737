//! The seeded draw, algorithm `g1000-invite/draw-v1`. Specified here so anyone can re-implement it:
//!
//! 1. Random source: ChaCha20 (`rand_chacha::ChaCha20Rng`) keyed with
//!    SHA-256("g1000-invite/draw-v1/" + seed as UTF-8). All draws are `next_u64` values; an
//!    integer below `n` is taken by rejection (no modulo bias, see [`Draws::below`]).
//! 2. People: every non-blank register row. Stratum: the trimmed value of the `--stratify-by`
//!    column (one stratum `(all)` without it). Household: the `--one-per-household` columns'
//!    values, trimmed, whitespace collapsed, lower-cased, joined; a row whose household columns
//!    are all empty is a household of its own. Without `--one-per-household` every row is its
//!    own household.
//! 3. Seats per stratum: largest-remainder (Hamilton) apportionment of N over the strata in
//!    proportion to their number of people, exact in integers, ties to the larger stratum, then
//!    to the earlier stratum in byte order of the value. A stratum never gets more seats than it
//!    has households: such strata are fixed at their household count and the rest is
//!    re-apportioned over the other strata, until no stratum exceeds its households.
//! 4. Strata are visited in byte order of their value; within a stratum the rows in register
//!    order are partially shuffled (Fisher–Yates from the front: position i swaps with i + below(n - i))
//!    and taken in that order, skipping a row whose household already has someone drawn (in
//!    any stratum), until the stratum's seats are filled.
//! 5. The result is the set of drawn rows, listed in register order.

use std::collections::{BTreeMap, HashSet};

use rand_chacha::ChaCha20Rng;
use rand_core::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::InviteError;
use crate::register::Register;

/// The name of this draw algorithm; a replay must use the same one.
pub const ALGORITHM: &str = "g1000-invite/draw-v1";

/// Stratum name when the draw is not stratified.
pub const ALL: &str = "(all)";

/// What the draw is asked to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrawParams {
    /// Any text, e.g. numbers drawn in public after the register hash was published.
    pub seed: String,
    pub count: usize,
    pub stratify_by: Option<String>,
    /// Columns that together identify a household (e.g. postcode, house number, addition).
    pub one_per_household: Vec<String>,
}

/// Counts for one stratum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StratumCount {
    pub stratum: String,
    pub people: usize,
    pub households: usize,
    pub drawn: usize,
}

/// The outcome of a draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawResult {
    /// Indices into `Register::rows` (spreadsheet row = index + 2), ascending.
    pub drawn: Vec<usize>,
    pub strata: Vec<StratumCount>,
    pub people: usize,
    pub households: usize,
}

impl DrawResult {
    /// Spreadsheet row numbers of the drawn people, ascending.
    pub fn row_numbers(&self) -> Vec<u64> {
        self.drawn
            .iter()
            .map(|&i| Register::row_number(i))
            .collect()
    }

    /// SHA-256 (lower-case hex) of the drawn row numbers in decimal, ascending, each followed by `\n`.
    pub fn drawn_rows_sha256(&self) -> String {
        drawn_rows_sha256(&self.row_numbers())
    }
}

/// SHA-256 of a list of row numbers as written into the proof.
pub fn drawn_rows_sha256(rows: &[u64]) -> String {
    let mut h = Sha256::new();
    for r in rows {
        h.update(format!("{r}\n"));
    }
    hex::encode(h.finalize())
}

/// The random source of the draw (see the module documentation).
pub struct Draws(ChaCha20Rng);

impl Draws {
    pub fn new(seed: &str) -> Self {
        let key: [u8; 32] = Sha256::digest(format!("{ALGORITHM}/{seed}")).into();
        Draws(ChaCha20Rng::from_seed(key))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// Uniform integer in `0..n` by rejection: draw v until v ≤ zone, where zone is the largest
    /// value below which every residue mod n is equally often; return v mod n. `n` > 0.
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0);
        let zone = u64::MAX - (u64::MAX - n + 1) % n;
        loop {
            let v = self.next_u64();
            if v <= zone {
                return v % n;
            }
        }
    }
}

fn household_key(row: &[String], cols: &[usize]) -> Option<String> {
    let parts: Vec<String> = cols
        .iter()
        .map(|&c| {
            row[c]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .collect();
    if parts.iter().all(|p| p.is_empty()) {
        None
    } else {
        Some(parts.join("\u{1f}"))
    }
}

/// Largest-remainder apportionment of `n` seats by `weights`, capped at `caps`
/// (`n` ≤ Σ caps). Ties: larger weight, then lower index.
pub fn apportion(n: usize, weights: &[usize], caps: &[usize]) -> Vec<usize> {
    let k = weights.len();
    let mut seats = vec![0usize; k];
    let mut fixed = vec![false; k];
    loop {
        let free: Vec<usize> = (0..k).filter(|&i| !fixed[i]).collect();
        let left = n
            - (0..k)
                .filter(|&i| fixed[i])
                .map(|i| seats[i])
                .sum::<usize>();
        let total: u128 = free.iter().map(|&i| weights[i] as u128).sum();
        if free.is_empty() || total == 0 {
            break;
        }
        let mut rem = Vec::with_capacity(free.len());
        let mut given = 0usize;
        for &i in &free {
            let num = left as u128 * weights[i] as u128;
            seats[i] = (num / total) as usize;
            given += seats[i];
            rem.push((num % total, weights[i], i));
        }
        rem.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for &(_, _, i) in rem.iter().take(left - given) {
            seats[i] += 1;
        }
        let over: Vec<usize> = free
            .iter()
            .copied()
            .filter(|&i| seats[i] > caps[i])
            .collect();
        if over.is_empty() {
            break;
        }
        for i in over {
            seats[i] = caps[i];
            fixed[i] = true;
        }
    }
    seats
}

/// Run the draw.
pub fn draw(reg: &Register, params: &DrawParams) -> Result<DrawResult, InviteError> {
    let path = || reg.path.clone();
    let strat_col = params
        .stratify_by
        .as_deref()
        .map(|c| reg.column(c))
        .transpose()?;
    let hh_cols = params
        .one_per_household
        .iter()
        .map(|c| reg.column(c))
        .collect::<Result<Vec<_>, _>>()?;

    // Strata in byte order of their value, rows in register order.
    let mut strata: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut household_of: Vec<u32> = vec![u32::MAX; reg.rows.len()];
    let mut household_ids: std::collections::HashMap<String, u32> = Default::default();
    let mut next_household = 0u32;
    for (i, row) in reg.rows.iter().enumerate() {
        if row.is_empty() {
            continue;
        }
        let stratum = match strat_col {
            None => ALL.to_string(),
            Some(c) => {
                let v = row[c].trim();
                if v.is_empty() {
                    return Err(InviteError::Register {
                        path: path(),
                        sheet: reg.sheet.clone(),
                        row: Register::row_number(i),
                        message: format!(
                            "column '{}' (used for --stratify-by) is empty",
                            reg.headers[c]
                        ),
                    });
                }
                v.to_string()
            }
        };
        strata.entry(stratum).or_default().push(i);
        let key = if hh_cols.is_empty() {
            None
        } else {
            household_key(row, &hh_cols)
        };
        household_of[i] = match key {
            Some(k) => *household_ids.entry(k).or_insert_with(|| {
                next_household += 1;
                next_household - 1
            }),
            None => {
                next_household += 1;
                next_household - 1
            }
        };
    }
    let people: usize = strata.values().map(Vec::len).sum();
    let households = next_household as usize;
    if params.count == 0 {
        return Err(InviteError::Params("--count must be at least 1".into()));
    }
    if params.count > people {
        return Err(InviteError::Params(format!(
            "--count {} is larger than the register ({} people in {})",
            params.count,
            people,
            reg.path.display()
        )));
    }
    if params.count > households {
        return Err(InviteError::Params(format!(
            "--count {} is larger than the number of households ({households}, by columns {}) in {}",
            params.count,
            params.one_per_household.join(", "),
            reg.path.display()
        )));
    }

    let names: Vec<&String> = strata.keys().collect();
    let weights: Vec<usize> = strata.values().map(Vec::len).collect();
    let caps: Vec<usize> = strata
        .values()
        .map(|rows| {
            rows.iter()
                .map(|&i| household_of[i])
                .collect::<HashSet<_>>()
                .len()
        })
        .collect();
    let seats = apportion(params.count, &weights, &caps);

    let mut rng = Draws::new(&params.seed);
    let mut taken_households: HashSet<u32> = HashSet::new();
    let mut drawn = Vec::with_capacity(params.count);
    let mut counts = Vec::with_capacity(strata.len());
    for (s, rows) in strata.values().enumerate() {
        let mut order = rows.clone();
        let n = order.len();
        let mut got = 0usize;
        let mut i = 0usize;
        while got < seats[s] && i < n {
            let j = i + rng.below((n - i) as u64) as usize;
            order.swap(i, j);
            let row = order[i];
            if taken_households.insert(household_of[row]) {
                drawn.push(row);
                got += 1;
            }
            i += 1;
        }
        if got < seats[s] {
            return Err(InviteError::Params(format!(
                "stratum '{}' ran out of households ({} seats, {} drawn): households there were \
                 already drawn in another stratum; check the --one-per-household columns",
                names[s], seats[s], got
            )));
        }
        counts.push(StratumCount {
            stratum: names[s].clone(),
            people: weights[s],
            households: caps[s],
            drawn: got,
        });
    }
    drawn.sort_unstable();
    Ok(DrawResult {
        drawn,
        strata: counts,
        people,
        households,
    })
}
