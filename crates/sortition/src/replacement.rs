//! The front door of reserves and replacement: from input bytes to the reserve file
//! (`g1000 sortition reserves`) and the replacement file (`g1000 sortition replace`).
//! Canonical JSON as for the distribution: fields declared in alphabetical order, ids sorted
//! where no order is meant, `BTreeMap`s, SHA-256 of every input and the engine version.

use crate::api::{Algorithm, Request, load, text};
use crate::input::InputError;
use crate::leximin::ProgressInfo;
use crate::lottery::LotteryFile;
use crate::model::{Instance, SolveError};
use crate::output::ENGINE;
use crate::reserves::{replace_from_reserves, replacement_draw, reserve_list};
use crate::rng::sha256_hex;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Quotas and pool, as for a distribution (the panel size follows from the panel).
#[derive(Debug, Clone)]
pub struct PoolInput<'a> {
    pub features_name: &'a str,
    pub features: &'a [u8],
    pub people_name: &'a str,
    pub people: &'a [u8],
    pub household_columns: Vec<String>,
    pub id_column: Option<String>,
}

/// Where a panel comes from.
#[derive(Debug, Clone, Copy)]
pub enum PanelSource<'a> {
    /// Ticket `ticket` of a lottery file (0 stands for the last ticket, as in `draw`).
    Lottery {
        name: &'a str,
        bytes: &'a [u8],
        ticket: u64,
    },
    /// A text file of ids, one a line (see [`parse_id_list`]).
    List { name: &'a str, bytes: &'a [u8] },
}

/// Parse a list of ids: UTF-8 text (a BOM is ignored), one id a line, surrounding
/// whitespace trimmed; blank lines and lines starting with `#` are skipped. Returns
/// (line number, id) pairs; errors call the line number "row", as for the CSV inputs.
pub fn parse_id_list(name: &str, bytes: &[u8]) -> Result<Vec<(usize, String)>, InputError> {
    let t = text(name, bytes)?;
    let t = t.strip_prefix('\u{feff}').unwrap_or(t);
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, line) in t.lines().enumerate() {
        let id = line.trim();
        if id.is_empty() || id.starts_with('#') {
            continue;
        }
        if let Some(prev) = first.insert(id, i + 1) {
            return Err(InputError {
                file: name.to_string(),
                row: Some(i + 1),
                column: None,
                message: format!("id '{id}' is listed twice (first at row {prev})"),
            });
        }
        out.push((i + 1, id.to_string()));
    }
    Ok(out)
}

fn pool_index(inst: &Instance) -> BTreeMap<&str, usize> {
    inst.pool
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect()
}

fn ids(inst: &Instance, members: &[usize]) -> Vec<String> {
    let mut v: Vec<String> = members
        .iter()
        .map(|&i| inst.pool.people[i].id.clone())
        .collect();
    v.sort();
    v
}

/// A loaded panel: the instance (panel size = the panel's size), the members (person
/// indices, in the order of the source) and the source's SHA-256 and ticket.
struct LoadedPanel {
    inst: Instance,
    panel: Vec<usize>,
    lottery_sha256: Option<String>,
    panel_sha256: Option<String>,
    ticket: Option<u64>,
}

fn load_panel(pool: &PoolInput, source: PanelSource) -> Result<LoadedPanel, SolveError> {
    // (where, id): `where` locates the id for error messages.
    let (listed, lottery_sha256, panel_sha256, ticket): (Vec<(String, String)>, _, _, _) =
        match source {
            PanelSource::Lottery {
                name,
                bytes,
                ticket,
            } => {
                let lot: LotteryFile = serde_json::from_slice(bytes).map_err(|e| {
                    SolveError::Invalid(format!("{name}: not a lottery file ({e})"))
                })?;
                let panel = lot.draw(ticket).ok_or_else(|| {
                    SolveError::Invalid(format!(
                        "{name}: ticket {ticket} does not exist (1..={})",
                        lot.tickets.len()
                    ))
                })?;
                let at = format!("{name}, ticket {ticket}");
                (
                    panel.iter().map(|id| (at.clone(), id.clone())).collect(),
                    Some(sha256_hex(bytes)),
                    None,
                    Some(ticket),
                )
            }
            PanelSource::List { name, bytes } => (
                parse_id_list(name, bytes)?
                    .into_iter()
                    .map(|(line, id)| (format!("{name}, row {line}"), id))
                    .collect(),
                None,
                Some(sha256_hex(bytes)),
                None,
            ),
        };
    let source_name = match source {
        PanelSource::Lottery { name, .. } | PanelSource::List { name, .. } => name,
    };
    if listed.is_empty() {
        return Err(SolveError::Invalid(format!(
            "{source_name}: the panel has no members"
        )));
    }
    let inst = load(&Request {
        features_name: pool.features_name,
        features: pool.features,
        people_name: pool.people_name,
        people: pool.people,
        panel_size: listed.len() as u32,
        algorithm: Algorithm::Leximin,
        household_columns: pool.household_columns.clone(),
        id_column: pool.id_column.clone(),
        seed: 0,
        legacy_draws: 0,
    })?;
    let index = pool_index(&inst);
    let panel = listed
        .iter()
        .map(|(at, id)| {
            index.get(id.as_str()).copied().ok_or_else(|| {
                SolveError::Invalid(format!(
                    "{at}: id '{id}' is not in {} (check --id-column)",
                    pool.people_name
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LoadedPanel {
        inst,
        panel,
        lottery_sha256,
        panel_sha256,
        ticket,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReserveInputs {
    pub features_sha256: String,
    pub lottery_sha256: String,
    pub people_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReserveParameters {
    /// `--count`: the list is the first `count` entries of the full list.
    pub count: Option<usize>,
    pub household_columns: Vec<String>,
    pub id_column: Option<String>,
    pub seed: u64,
    pub ticket: u64,
}

/// One reserve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReserveEntry {
    /// The panel members this reserve can replace alone (the panel stays feasible).
    pub can_replace: Vec<String>,
    /// The depth at which the reserve was listed (see `reserves::reserve_list`); `None` for
    /// reserves who can replace nobody alone.
    pub depth: Option<u32>,
    pub id: String,
}

/// The reserve file (R.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReserveFile {
    pub engine: String,
    pub inputs: ReserveInputs,
    /// Panel members whom nobody outside the panel can replace alone (sorted).
    pub irreplaceable_alone: Vec<String>,
    /// The drawn panel (sorted).
    pub panel: Vec<String>,
    pub parameters: ReserveParameters,
    /// The reserves, in order.
    pub reserves: Vec<ReserveEntry>,
}

impl ReserveFile {
    pub fn to_json(&self) -> String {
        crate::output::to_json(self)
    }
}

/// Everything a reserve list depends on.
#[derive(Debug, Clone)]
pub struct ReservesRequest<'a> {
    pub pool: PoolInput<'a>,
    pub lottery_name: &'a str,
    pub lottery: &'a [u8],
    pub ticket: u64,
    pub count: Option<usize>,
    pub seed: u64,
}

/// The ordered reserve list for the panel on a lottery ticket.
pub fn reserve_file(req: &ReservesRequest) -> Result<ReserveFile, SolveError> {
    let lp = load_panel(
        &req.pool,
        PanelSource::Lottery {
            name: req.lottery_name,
            bytes: req.lottery,
            ticket: req.ticket,
        },
    )?;
    let (inst, panel) = (&lp.inst, &lp.panel);
    let list = reserve_list(inst, panel, req.seed).map_err(|e| {
        SolveError::Invalid(format!(
            "{}, ticket {}: {e} of {} (was the lottery made from other inputs?)",
            req.lottery_name, req.ticket, req.pool.features_name
        ))
    })?;
    let at = |positions: &[usize]| -> Vec<String> {
        ids(
            inst,
            &positions.iter().map(|&p| panel[p]).collect::<Vec<_>>(),
        )
    };
    let take = req.count.unwrap_or(usize::MAX);
    let reserves = list
        .order
        .iter()
        .zip(&list.depth)
        .zip(&list.can_replace)
        .take(take)
        .map(|((&j, &depth), can)| ReserveEntry {
            can_replace: at(can),
            depth,
            id: inst.pool.people[j].id.clone(),
        })
        .collect();
    Ok(ReserveFile {
        engine: ENGINE.to_string(),
        inputs: ReserveInputs {
            features_sha256: sha256_hex(req.pool.features),
            lottery_sha256: sha256_hex(req.lottery),
            people_sha256: sha256_hex(req.pool.people),
        },
        irreplaceable_alone: at(&list.irreplaceable),
        panel: ids(inst, panel),
        parameters: ReserveParameters {
            count: req.count,
            household_columns: req.pool.household_columns.clone(),
            id_column: req.pool.id_column.clone(),
            seed: req.seed,
            ticket: req.ticket,
        },
        reserves,
    })
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplacementInputs {
    pub dropouts_sha256: String,
    pub features_sha256: String,
    pub lottery_sha256: Option<String>,
    pub panel_sha256: Option<String>,
    pub people_sha256: String,
    pub reserves_sha256: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplacementParameters {
    pub household_columns: Vec<String>,
    pub id_column: Option<String>,
    /// The seed of the draw (`leximin-draw` only).
    pub seed: Option<u64>,
    pub ticket: Option<u64>,
}

/// The replacement file (NEW.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplacementFile {
    /// The drop-outs (sorted).
    pub dropouts: Vec<String>,
    pub engine: String,
    pub inputs: ReplacementInputs,
    /// The panel members who stay (sorted).
    pub kept: Vec<String>,
    /// `leximin-draw` (from the whole remaining pool) or `reserve-list` (from R.json, in order).
    pub method: String,
    /// The new panel: kept members and replacements (sorted).
    pub panel: Vec<String>,
    pub parameters: ReplacementParameters,
    /// `leximin-draw`: every eligible person's probability of being drawn as a replacement
    /// (their LEXIMIN marginal on the residual instance); empty for `reserve-list`.
    pub probabilities: BTreeMap<String, f64>,
    /// The replacements: sorted (`leximin-draw`) or in reserve-list order (`reserve-list`).
    pub replacements: Vec<String>,
}

impl ReplacementFile {
    pub fn to_json(&self) -> String {
        crate::output::to_json(self)
    }
}

/// Everything a replacement depends on.
#[derive(Debug, Clone)]
pub struct ReplaceRequest<'a> {
    pub pool: PoolInput<'a>,
    pub panel: PanelSource<'a>,
    pub dropouts_name: &'a str,
    pub dropouts: &'a [u8],
    /// A reserve file (name, bytes): take replacements from it in order instead of a draw.
    pub reserves: Option<(&'a str, &'a [u8])>,
    pub seed: u64,
}

/// Replace the drop-outs of a panel (see `reserves::replacement_draw` and
/// `reserves::replace_from_reserves`); the new panel is re-validated.
pub fn replacement_file(
    req: &ReplaceRequest,
    progress: &mut dyn FnMut(ProgressInfo),
) -> Result<ReplacementFile, SolveError> {
    let lp = load_panel(&req.pool, req.panel)?;
    let (inst, panel) = (&lp.inst, &lp.panel);
    let index = pool_index(inst);
    let on_panel: BTreeSet<usize> = panel.iter().copied().collect();
    let mut dropouts = Vec::new();
    for (line, id) in parse_id_list(req.dropouts_name, req.dropouts)? {
        let bad = |message: String| InputError {
            file: req.dropouts_name.to_string(),
            row: Some(line),
            column: None,
            message,
        };
        let i = *index
            .get(id.as_str())
            .ok_or_else(|| bad(format!("id '{id}' is not in {}", req.pool.people_name)))?;
        if !on_panel.contains(&i) {
            return Err(bad(format!("'{id}' is not on the panel")).into());
        }
        dropouts.push(i);
    }
    if dropouts.is_empty() {
        return Err(SolveError::Invalid(format!(
            "{}: no drop-outs listed, nothing to replace",
            req.dropouts_name
        )));
    }
    let (method, replacements, probabilities, seed) = match req.reserves {
        Some((name, bytes)) => {
            let rf: ReserveFile = serde_json::from_slice(bytes)
                .map_err(|e| SolveError::Invalid(format!("{name}: not a reserve file ({e})")))?;
            for (what, file_name, recorded, actual) in [
                (
                    "quotas",
                    req.pool.features_name,
                    &rf.inputs.features_sha256,
                    req.pool.features,
                ),
                (
                    "pool",
                    req.pool.people_name,
                    &rf.inputs.people_sha256,
                    req.pool.people,
                ),
            ] {
                if *recorded != sha256_hex(actual) {
                    return Err(SolveError::Invalid(format!(
                        "{name} was made from other {what} than {file_name} (SHA-256 differs)"
                    )));
                }
            }
            if rf.panel != ids(inst, panel) {
                return Err(SolveError::Invalid(format!(
                    "{name} was made for another panel"
                )));
            }
            let order = rf
                .reserves
                .iter()
                .map(|r| {
                    index.get(r.id.as_str()).copied().ok_or_else(|| {
                        SolveError::Invalid(format!(
                            "{name}: reserve '{}' is not in the pool",
                            r.id
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let chosen = replace_from_reserves(inst, panel, &dropouts, &order)?;
            let chosen_ids: Vec<String> = chosen
                .iter()
                .map(|&i| inst.pool.people[i].id.clone())
                .collect();
            ("reserve-list", chosen_ids, BTreeMap::new(), None)
        }
        None => {
            let d = replacement_draw(inst, panel, &dropouts, req.seed, progress)?;
            let probabilities = d
                .probabilities
                .iter()
                .map(|&(i, p)| (inst.pool.people[i].id.clone(), p))
                .collect();
            (
                "leximin-draw",
                ids(inst, &d.replacements),
                probabilities,
                Some(req.seed),
            )
        }
    };
    let is_dropout: BTreeSet<usize> = dropouts.iter().copied().collect();
    let kept: Vec<usize> = panel
        .iter()
        .copied()
        .filter(|i| !is_dropout.contains(i))
        .collect();
    let mut new_panel = ids(inst, &kept);
    new_panel.extend(replacements.iter().cloned());
    new_panel.sort();
    // Re-validate the new panel from its ids, independently of how it was found.
    let members: Vec<usize> = new_panel.iter().map(|id| index[id.as_str()]).collect();
    inst.check_panel(&members)
        .map_err(|e| SolveError::Solver(format!("the new panel does not meet the quotas: {e}")))?;
    Ok(ReplacementFile {
        dropouts: ids(inst, &dropouts),
        engine: ENGINE.to_string(),
        inputs: ReplacementInputs {
            dropouts_sha256: sha256_hex(req.dropouts),
            features_sha256: sha256_hex(req.pool.features),
            lottery_sha256: lp.lottery_sha256,
            panel_sha256: lp.panel_sha256,
            people_sha256: sha256_hex(req.pool.people),
            reserves_sha256: req.reserves.map(|(_, b)| sha256_hex(b)),
        },
        kept: ids(inst, &kept),
        method: method.to_string(),
        panel: new_panel,
        parameters: ReplacementParameters {
            household_columns: req.pool.household_columns.clone(),
            id_column: req.pool.id_column.clone(),
            seed,
            ticket: lp.ticket,
        },
        probabilities,
        replacements,
    })
}
