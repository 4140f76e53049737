//! The engine's front door: from input bytes to output files, and verification.

use crate::input::{PoolOptions, parse_pool, parse_quotas};
use crate::leximin::{self, ProgressInfo, Stats};
use crate::lottery::{LotteryFile, deviation, make_lottery, ticket_marginals};
use crate::model::{Instance, SolveError};
use crate::output::{DistributionFile, Inputs, Parameters, distribution_file, person_panels};
use crate::panels::Panel;
use crate::rng::sha256_hex;
use crate::{InputError, legacy, nash};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algorithm {
    Leximin,
    Maximin,
    Nash,
    Legacy,
}

impl Algorithm {
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Leximin => "leximin",
            Algorithm::Maximin => "maximin",
            Algorithm::Nash => "nash",
            Algorithm::Legacy => "legacy",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "leximin" => Some(Algorithm::Leximin),
            "maximin" => Some(Algorithm::Maximin),
            "nash" => Some(Algorithm::Nash),
            "legacy" => Some(Algorithm::Legacy),
            _ => None,
        }
    }
}

/// Everything a distribution depends on.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    pub features_name: &'a str,
    pub features: &'a [u8],
    pub people_name: &'a str,
    pub people: &'a [u8],
    pub panel_size: u32,
    pub algorithm: Algorithm,
    pub household_columns: Vec<String>,
    pub id_column: Option<String>,
    pub seed: u64,
    /// LEGACY only: number of simulated draws.
    pub legacy_draws: u64,
}

pub(crate) fn text<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    std::str::from_utf8(bytes).map_err(|e| InputError {
        file: name.to_string(),
        row: None,
        column: None,
        message: format!("not UTF-8 text ({e})"),
    })
}

/// Parse and check the inputs.
pub fn load(req: &Request) -> Result<Instance, SolveError> {
    let quotas = parse_quotas(req.features_name, text(req.features_name, req.features)?)?;
    let opts = PoolOptions {
        id_column: req.id_column.clone(),
        household_columns: req.household_columns.clone(),
    };
    let pool = parse_pool(
        req.people_name,
        text(req.people_name, req.people)?,
        &quotas,
        &opts,
    )?;
    Instance::new(quotas, pool, req.panel_size)
}

/// Compute the distribution file for a request. `Stats` are for stderr only.
pub fn distribution(
    req: &Request,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Result<(DistributionFile, Stats), SolveError> {
    let inst = load(req)?;
    let inputs = Inputs {
        features_sha256: sha256_hex(req.features),
        people_sha256: sha256_hex(req.people),
    };
    let parameters = Parameters {
        household_columns: req.household_columns.clone(),
        id_column: req.id_column.clone(),
        legacy_draws: (req.algorithm == Algorithm::Legacy).then_some(req.legacy_draws),
        seed: req.seed,
    };
    let td = match req.algorithm {
        Algorithm::Leximin => leximin::solve(&inst, None, progress)?,
        Algorithm::Maximin => leximin::solve(&inst, Some(1), progress)?,
        Algorithm::Nash => nash::solve(&inst, progress)?,
        Algorithm::Legacy => return legacy_file(&inst, req, inputs, parameters),
    };
    let stats = td.stats.clone();
    Ok((
        distribution_file(&inst, &td, req.algorithm.name(), inputs, parameters),
        stats,
    ))
}

fn legacy_file(
    inst: &Instance,
    req: &Request,
    inputs: Inputs,
    parameters: Parameters,
) -> Result<(DistributionFile, Stats), SolveError> {
    if inst.best_panel(&vec![1.0; inst.types.len()])?.is_none() {
        return Err(SolveError::Infeasible(Box::new(
            inst.infeasibility_report(),
        )));
    }
    let (panels, failed) = legacy::simulate(inst, req.legacy_draws, req.seed);
    if panels.is_empty() {
        return Err(SolveError::Solver(format!(
            "LEGACY failed in all {failed} draws (100 attempts each)"
        )));
    }
    // Build a type distribution from the panels for the file's compositions.
    let mut comp: BTreeMap<Vec<u32>, f64> = BTreeMap::new();
    let mut marg = vec![0.0; inst.n()];
    for (p, x) in &panels {
        let mut c = vec![0u32; inst.types.len()];
        for &i in p {
            c[inst.person_type[i]] += 1;
            marg[i] += x;
        }
        *comp.entry(c).or_insert(0.0) += x;
    }
    let (compositions, probabilities): (Vec<_>, Vec<_>) = comp.into_iter().unzip();
    let td = leximin::TypeDistribution {
        compositions,
        probabilities,
        type_marginals: vec![1.0; inst.types.len()],
        stats: Stats::default(),
    };
    let mut file = distribution_file(inst, &td, "legacy", inputs, parameters);
    let ids = |p: &[usize]| {
        let mut v: Vec<String> = p.iter().map(|&i| inst.pool.people[i].id.clone()).collect();
        v.sort();
        v
    };
    file.panels = person_panels(
        inst,
        panels
            .iter()
            .map(|(p, x)| Panel {
                members: p.iter().map(|&i| i as u32).collect(),
                probability: *x,
            })
            .collect(),
    );
    file.marginals = inst
        .pool
        .people
        .iter()
        .zip(&marg)
        .map(|(p, &m)| (p.id.clone(), m))
        .collect();
    file.unselectable = ids(&(0..inst.n())
        .filter(|&i| marg[i] == 0.0)
        .collect::<Vec<_>>());
    let stats = Stats {
        types: inst.types.len(),
        ..Stats::default()
    };
    Ok((file, stats))
}

/// Build a request that reproduces a distribution file from its inputs.
pub fn request_for<'a>(
    dist: &DistributionFile,
    features_name: &'a str,
    features: &'a [u8],
    people_name: &'a str,
    people: &'a [u8],
) -> Result<Request<'a>, String> {
    let algorithm = Algorithm::parse(&dist.algorithm)
        .ok_or_else(|| format!("unknown algorithm '{}'", dist.algorithm))?;
    Ok(Request {
        features_name,
        features,
        people_name,
        people,
        panel_size: dist.panel_size,
        algorithm,
        household_columns: dist.parameters.household_columns.clone(),
        id_column: dist.parameters.id_column.clone(),
        seed: dist.parameters.seed,
        legacy_draws: dist.parameters.legacy_draws.unwrap_or(10_000),
    })
}

/// Check a published distribution (and optionally a lottery) against the inputs without
/// trusting the solver. Returns the list of failures (empty = everything holds).
pub fn verify(
    req: &Request,
    dist: &DistributionFile,
    lottery: Option<(&LotteryFile, &[u8])>,
) -> Vec<String> {
    let mut fails = Vec::new();
    if dist.inputs.features_sha256 != sha256_hex(req.features) {
        fails.push(format!(
            "{}: SHA-256 differs from the one recorded in the distribution",
            req.features_name
        ));
    }
    if dist.inputs.people_sha256 != sha256_hex(req.people) {
        fails.push(format!(
            "{}: SHA-256 differs from the one recorded in the distribution",
            req.people_name
        ));
    }
    let inst = match load(req) {
        Ok(i) => i,
        Err(e) => {
            fails.push(format!("inputs: {e}"));
            return fails;
        }
    };
    let index: BTreeMap<&str, usize> = inst
        .pool
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let lookup = |id: &str| -> Result<usize, String> {
        index
            .get(id)
            .copied()
            .ok_or_else(|| format!("unknown id '{id}'"))
    };
    let to_idx = |ids: &[String]| -> Result<Vec<usize>, String> {
        ids.iter().map(|id| lookup(id)).collect()
    };
    let mut total = 0.0;
    let mut marg = vec![0.0; inst.n()];
    // The file's id table, resolved once.
    let table: Vec<Result<usize, String>> = dist.panels.ids.iter().map(|id| lookup(id)).collect();
    for (j, p) in dist.panels.entries.iter().enumerate() {
        if !(p.probability >= 0.0 && p.probability <= 1.0) {
            fails.push(format!(
                "panel {}: probability {} outside [0, 1]",
                j + 1,
                p.probability
            ));
        }
        total += p.probability;
        match p
            .members
            .iter()
            .map(|&i| table[i as usize].clone())
            .collect::<Result<Vec<usize>, String>>()
        {
            Ok(m) => {
                if let Err(e) = inst.check_panel(&m) {
                    fails.push(format!("panel {}: infeasible: {e}", j + 1));
                }
                for i in m {
                    marg[i] += p.probability;
                }
            }
            Err(e) => fails.push(format!("panel {}: {e}", j + 1)),
        }
    }
    if (total - 1.0).abs() > 1e-9 {
        fails.push(format!("panel probabilities sum to {total}, not 1"));
    }
    for (i, person) in inst.pool.people.iter().enumerate() {
        match dist.marginals.get(&person.id) {
            Some(&m) if (m - marg[i]).abs() <= 1e-9 => {}
            Some(&m) => fails.push(format!(
                "marginal of '{}' is stated as {m} but the panels give {}",
                person.id, marg[i]
            )),
            None => fails.push(format!("no marginal for '{}'", person.id)),
        }
    }
    if dist.marginals.len() != inst.n() {
        fails.push("the marginals list people who are not in the pool".into());
    }
    if let Some((lot, dist_bytes)) = lottery {
        if lot.distribution_sha256 != sha256_hex(dist_bytes) {
            fails.push(
                "lottery: it was made from another distribution file (SHA-256 differs)".into(),
            );
        }
        for (j, t) in lot.tickets.iter().enumerate() {
            match to_idx(t) {
                Ok(m) => {
                    if let Err(e) = inst.check_panel(&m) {
                        fails.push(format!("ticket {}: infeasible: {e}", j + 1));
                    }
                }
                Err(e) => fails.push(format!("ticket {}: {e}", j + 1)),
            }
        }
        let tm = ticket_marginals(&lot.tickets, dist);
        if deviation(&tm, &lot.marginals) > 1e-12 {
            fails.push("lottery: stated ticket marginals differ from the tickets".into());
        }
        let dev = deviation(&tm, &dist.marginals);
        if (dev - lot.max_deviation).abs() > 1e-12 {
            fails.push(format!(
                "lottery: max_deviation stated {} but is {dev}",
                lot.max_deviation
            ));
        }
        let bound = dist.panel_size as f64 / lot.tickets.len().max(1) as f64;
        if dev > bound + 1e-12 {
            fails.push(format!("lottery: deviation {dev} exceeds k/M = {bound}"));
        }
    }
    fails
}

/// Optimality certificate of a published distribution: its marginals against the leximin of
/// the LP relaxation (see [`crate::relax::certify`]). Checks nothing else; run [`verify`] too.
pub fn certify(
    req: &Request,
    dist: &DistributionFile,
) -> Result<crate::relax::Certificate, String> {
    let inst = load(req).map_err(|e| format!("inputs: {e}"))?;
    let marginals: Vec<f64> = inst
        .pool
        .people
        .iter()
        .map(|p| dist.marginals.get(&p.id).copied().unwrap_or(0.0))
        .collect();
    crate::relax::certify(&inst, &marginals).map_err(|e| e.to_string())
}

/// Recompute a distribution (and lottery) and compare bytes.
pub fn recompute(
    req: &Request,
    dist_bytes: &[u8],
    lottery: Option<(&LotteryFile, &[u8])>,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Vec<String> {
    let mut fails = Vec::new();
    match distribution(req, progress) {
        Ok((d, _)) => {
            if !d.json_equals(dist_bytes) {
                fails.push("recomputed distribution differs from the published one".into());
            }
            if let Some((lot, lot_bytes)) = lottery {
                match make_lottery(&d, dist_bytes, lot.tickets.len() as u64, lot.seed) {
                    Ok(l) if l.to_json().as_bytes() == lot_bytes => {}
                    Ok(_) => fails.push("recomputed lottery differs from the published one".into()),
                    Err(e) => fails.push(format!("recomputing the lottery failed: {e}")),
                }
            }
        }
        Err(e) => fails.push(format!("recomputing failed: {e}")),
    }
    fails
}
