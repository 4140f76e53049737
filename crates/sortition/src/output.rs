//! Output files: the distribution (D.json). Canonical JSON: struct fields are declared in
//! alphabetical order, maps are `BTreeMap`s, floats are written as shortest round-trip.

use crate::leximin::TypeDistribution;
use crate::model::Instance;
use crate::panels::{Panel, Panels};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Engine identification written into every output.
pub const ENGINE: &str = concat!(
    "g1000-sortition ",
    env!("CARGO_PKG_VERSION"),
    " (microlp 0.2, clarabel 0.11)"
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    pub features_sha256: String,
    pub people_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameters {
    pub household_columns: Vec<String>,
    pub id_column: Option<String>,
    pub legacy_draws: Option<u64>,
    pub seed: u64,
}

/// A panel composition: (type index, count) for the types it uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompositionEntry {
    pub counts: Vec<(usize, u32)>,
    pub probability: f64,
}

/// The distribution file. `types` lists the interchangeable groups (ids); `compositions`
/// is the same distribution at type level (used by `lottery`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistributionFile {
    pub algorithm: String,
    pub compositions: Vec<CompositionEntry>,
    pub engine: String,
    pub inputs: Inputs,
    pub marginals: BTreeMap<String, f64>,
    pub panel_size: u32,
    pub panels: Panels,
    pub parameters: Parameters,
    /// People on no feasible panel (probability 0), sorted.
    pub unselectable: Vec<String>,
    pub types: Vec<Vec<String>>,
}

impl DistributionFile {
    pub fn to_json(&self) -> String {
        to_json(self)
    }

    /// Write the JSON of [`to_json`](Self::to_json) without building it in memory (a k=600
    /// distribution is hundreds of megabytes).
    pub fn write_json<W: std::io::Write>(&self, w: W) -> std::io::Result<()> {
        write_json(self, w)
    }

    /// Whether the JSON of this file is exactly `bytes`, compared as it is produced.
    pub fn json_equals(&self, bytes: &[u8]) -> bool {
        let mut cmp = Compare {
            rest: bytes,
            equal: true,
        };
        self.write_json(&mut cmp).is_ok() && cmp.equal && cmp.rest.is_empty()
    }
}

/// A writer that compares what is written with the given bytes.
struct Compare<'a> {
    rest: &'a [u8],
    equal: bool,
}

impl std::io::Write for Compare<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.equal {
            if self.rest.len() >= buf.len() && &self.rest[..buf.len()] == buf {
                self.rest = &self.rest[buf.len()..];
            } else {
                self.equal = false;
            }
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes of [`to_json`], written through a buffer as they are produced (`to_json` is
/// this into memory, so the two cannot differ).
pub fn write_json<T: Serialize, W: std::io::Write>(file: &T, w: W) -> std::io::Result<()> {
    use std::io::Write;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, file)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The JSON of an output file: pretty, fields in declaration (alphabetical) order, a final
/// newline.
pub fn to_json<T: Serialize>(file: &T) -> String {
    let mut v = Vec::new();
    write_json(file, &mut v).expect("serialisable");
    String::from_utf8(v).expect("JSON is UTF-8")
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Expand a type-level distribution into person panels with exact per-person marginals.
/// Within a composition, a type with 0 < c < s members chosen is rotated: with
/// L = s / gcd(s, c), the r-th of L equal slices takes members r·c, …, r·c + c − 1 (mod s),
/// so every member is on c/s of the composition's mass. The slices of all types are
/// combined on their common refinement.
pub fn expand(inst: &Instance, td: &TypeDistribution) -> Vec<Panel> {
    let mut out = Vec::new();
    for (c, &x) in td.compositions.iter().zip(&td.probabilities) {
        let mut rot: Vec<(usize, u64)> = Vec::new(); // (type, L)
        for (t, &n) in c.iter().enumerate() {
            let s = inst.types[t].members.len() as u64;
            let n = n as u64;
            if n > 0 && n < s {
                rot.push((t, s / gcd(s, n)));
            }
        }
        // Breakpoints r/L as reduced fractions, sorted.
        let mut cuts: Vec<(u64, u64)> = vec![(0, 1)];
        for &(_, l) in &rot {
            for r in 1..l {
                let g = gcd(r, l);
                cuts.push((r / g, l / g));
            }
        }
        cuts.sort_by(|a, b| (a.0 as u128 * b.1 as u128).cmp(&(b.0 as u128 * a.1 as u128)));
        cuts.dedup();
        cuts.push((1, 1));
        for w in cuts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = b.0 as f64 / b.1 as f64 - a.0 as f64 / a.1 as f64;
            let mut members = Vec::with_capacity(inst.k as usize);
            for (t, &n) in c.iter().enumerate() {
                let m = &inst.types[t].members;
                let s = m.len() as u64;
                let n = n as u64;
                if n == 0 {
                    continue;
                }
                if n == s {
                    members.extend(m.iter().map(|&i| i as u32));
                    continue;
                }
                let l = s / gcd(s, n);
                let r = (a.0 as u128 * l as u128 / a.1 as u128) as u64;
                for j in 0..n {
                    members.push(m[((r * n + j) % s) as usize] as u32);
                }
            }
            members.sort_unstable();
            out.push(Panel {
                members,
                probability: x * len,
            });
        }
    }
    out
}

/// Person panels (members as person indices) as the file's [`Panels`]: the id table is the
/// pool's ids in ascending order, so sorting by index sorts by id.
pub fn person_panels(inst: &Instance, mut panels: Vec<Panel>) -> Panels {
    let mut order: Vec<usize> = (0..inst.n()).collect();
    order.sort_by(|&a, &b| inst.pool.people[a].id.cmp(&inst.pool.people[b].id));
    let mut rank = vec![0u32; inst.n()];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r as u32;
    }
    for p in &mut panels {
        for m in &mut p.members {
            *m = rank[*m as usize];
        }
    }
    let ids = order
        .iter()
        .map(|&i| inst.pool.people[i].id.clone())
        .collect();
    Panels::canonical(ids, panels)
}

/// Assemble the distribution file.
pub fn distribution_file(
    inst: &Instance,
    td: &TypeDistribution,
    algorithm: &str,
    inputs: Inputs,
    parameters: Parameters,
) -> DistributionFile {
    let ids = |v: &[usize]| -> Vec<String> {
        let mut s: Vec<String> = v.iter().map(|&i| inst.pool.people[i].id.clone()).collect();
        s.sort();
        s
    };
    let expanded = expand(inst, td);
    let mut marg = vec![0.0; inst.n()];
    for p in &expanded {
        for &i in &p.members {
            marg[i as usize] += p.probability;
        }
    }
    let panels = person_panels(inst, expanded);
    let marginals = inst
        .pool
        .people
        .iter()
        .zip(&marg)
        .map(|(p, &m)| (p.id.clone(), m))
        .collect();
    let unselectable = ids(&(0..inst.n())
        .filter(|&i| td.type_marginals[inst.person_type[i]] <= 0.0)
        .collect::<Vec<_>>());
    DistributionFile {
        algorithm: algorithm.to_string(),
        compositions: td
            .compositions
            .iter()
            .zip(&td.probabilities)
            .map(|(c, &p)| CompositionEntry {
                counts: c
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| **n > 0)
                    .map(|(t, &n)| (t, n))
                    .collect(),
                probability: p,
            })
            .collect(),
        engine: ENGINE.to_string(),
        inputs,
        marginals,
        panel_size: inst.k,
        panels,
        parameters,
        unselectable,
        types: inst.types.iter().map(|t| ids(&t.members)).collect(),
    }
}
