//! Stage 2 selection, the part without I/O: suggested quotas, the pseudonymised pool and quota files exactly as
//! they are published, the engine call (LEXIMIN distribution, then a transparent lottery of [`TICKETS`] tickets,
//! as `g1000 sortition distribution` and `lottery` do), the draw of a ticket with its ordered reserve list (as
//! `g1000 sortition reserves` does), the commitment and the fairness report.
//!
//! What is published is exactly what `g1000 sortition verify --features features.csv --people people.csv
//! --distribution distribution.json --lottery lottery.json` checks.

use std::collections::{BTreeMap, HashMap};

use g1000_sortition::{
    Algorithm, DistributionFile, LotteryFile, PoolInput, Request, ReservesRequest, SolveError,
    make_lottery,
};
use g1000_store::{Attribute, Eligible, Outcome, Quota};
use serde::Serialize;

use crate::security::sha256_hex;

/// Tickets of the public lottery (drawn as 000–999 with three ten-sided dice, 000 being ticket 1000).
pub const TICKETS: u64 = 1000;
/// File names, as published and as named in the engine's messages.
pub const FEATURES_FILE: &str = "features.csv";
pub const PEOPLE_FILE: &str = "people.csv";
pub const DISTRIBUTION_FILE: &str = "distribution.json";
pub const LOTTERY_FILE: &str = "lottery.json";
pub const DRAW_FILE: &str = "draw.json";
pub const COMMITMENT_FILE: &str = "commitment.json";
/// The band of someone who declared none for an attribute (added after they registered).
pub const NO_BAND: &str = "not_given";
/// Suggested quotas allow this share of the expected seats either way (at least one seat).
pub const TOLERANCE: f64 = 0.10;

/// The engine version written into every file and the commitment.
pub fn engine_version() -> &'static str {
    g1000_sortition::ENGINE
}

/// The values of one attribute as the quota file lists them: its configured bands, then any other band that
/// registrants declared (a band renamed later, or none given).
pub fn values(attribute: &Attribute, eligible: &[Eligible]) -> Vec<String> {
    let mut out: Vec<String> = attribute
        .fields
        .bands
        .iter()
        .map(|b| b.label.clone())
        .collect();
    for e in eligible {
        let v = band_of(e, attribute.id);
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn band_of(e: &Eligible, attribute_id: i64) -> String {
    e.bands
        .iter()
        .find(|(a, _)| *a == attribute_id)
        .map(|(_, b)| b.clone())
        .unwrap_or_else(|| NO_BAND.to_string())
}

/// Where a suggestion's share comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ShareSource {
    /// The community's shares as configured on the attributes page.
    Community,
    /// The shares among the eligible registrants (the attribute has no community shares).
    Registrants,
}

/// A suggested quota for one band, with what it is based on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    pub attribute_id: i64,
    pub band: String,
    /// The share used, 0..=1.
    pub share: f64,
    pub source: ShareSource,
    /// Eligible registrants with this band.
    pub available: i64,
    /// share × seats.
    pub expected: f64,
    pub min_seats: i64,
    pub max_seats: i64,
}

/// Suggested quotas: per band, the share (the community's if every configured band of the attribute has one,
/// else the registrants') times the seats, give or take [`TOLERANCE`] (at least one seat); a minimum never
/// exceeds the people available.
pub fn suggest(attributes: &[Attribute], eligible: &[Eligible], seats: i64) -> Vec<Suggestion> {
    let k = seats.min(eligible.len() as i64).max(0);
    let mut out = vec![];
    for a in attributes {
        let values = values(a, eligible);
        let community: Option<Vec<i64>> = a.fields.bands.iter().map(|b| b.share_permille).collect();
        let community = community.filter(|s| !s.is_empty() && s.iter().sum::<i64>() > 0);
        let total_share: i64 = community.as_ref().map(|s| s.iter().sum()).unwrap_or(0);
        for (i, v) in values.iter().enumerate() {
            let available = eligible.iter().filter(|e| band_of(e, a.id) == *v).count() as i64;
            let (share, source) = match &community {
                Some(s) => (
                    s.get(i).copied().unwrap_or(0) as f64 / total_share as f64,
                    ShareSource::Community,
                ),
                None if eligible.is_empty() => (0.0, ShareSource::Registrants),
                None => (
                    available as f64 / eligible.len() as f64,
                    ShareSource::Registrants,
                ),
            };
            let expected = share * k as f64;
            let tolerance = (expected * TOLERANCE).max(1.0);
            let min = ((expected - tolerance).floor() as i64).clamp(0, available);
            let max = ((expected + tolerance).ceil() as i64).clamp(min, k.max(min));
            out.push(Suggestion {
                attribute_id: a.id,
                band: v.clone(),
                share,
                source,
                available,
                expected,
                min_seats: min,
                max_seats: max,
            });
        }
    }
    out
}

/// One CSV field, quoted when needed.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The quota file (`feature,value,min,max`), attributes and bands in the page's order.
pub fn features_csv(attributes: &[Attribute], quotas: &[Quota]) -> String {
    let mut out = String::from("feature,value,min,max\n");
    for a in attributes {
        for q in quotas.iter().filter(|q| q.attribute_id == a.id) {
            out.push_str(&format!(
                "{},{},{},{}\n",
                field(&a.fields.name),
                field(&q.band),
                q.min_seats,
                q.max_seats
            ));
        }
    }
    out
}

/// A fresh random pseudonym for the pool file: 64 random bits, hex. Never derived from anything about the person.
pub fn new_pseudonym() -> String {
    let mut bytes = [0u8; 8];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// The pseudonymised pool: a fresh pseudonym per eligible registrant and their bands, sorted by pseudonym (so
/// the order tells nothing about who registered when). Returns the file and (pseudonym, registration id).
pub fn people_csv(attributes: &[Attribute], eligible: &[Eligible]) -> (String, Vec<(String, i64)>) {
    let mut rows: Vec<(String, &Eligible)> = vec![];
    let mut seen = std::collections::HashSet::new();
    for e in eligible {
        let mut p = new_pseudonym();
        while !seen.insert(p.clone()) {
            p = new_pseudonym();
        }
        rows.push((p, e));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from("id");
    for a in attributes {
        out.push(',');
        out.push_str(&field(&a.fields.name));
    }
    out.push('\n');
    for (p, e) in &rows {
        out.push_str(p);
        for a in attributes {
            out.push(',');
            out.push_str(&field(&band_of(e, a.id)));
        }
        out.push('\n');
    }
    let pool = rows
        .iter()
        .map(|(p, e)| (p.clone(), e.registration.id))
        .collect();
    (out, pool)
}

/// Why the engine gave no result, in words for the organisers.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The quotas cannot be met; the text lists the causes and the smallest relaxation.
    #[error("{0}")]
    Infeasible(String),
    #[error("{0}")]
    Failed(String),
}

impl From<SolveError> for EngineError {
    fn from(e: SolveError) -> Self {
        match e {
            SolveError::Infeasible(rep) => EngineError::Infeasible(rep.to_string()),
            e => EngineError::Failed(e.to_string()),
        }
    }
}

/// The files of a finished run.
#[derive(Debug, Clone)]
pub struct RunFiles {
    pub distribution_json: String,
    pub lottery_json: String,
}

fn request<'a>(features: &'a str, people: &'a str, seats: u32, seed: u64) -> Request<'a> {
    Request {
        features_name: FEATURES_FILE,
        features: features.as_bytes(),
        people_name: PEOPLE_FILE,
        people: people.as_bytes(),
        panel_size: seats,
        algorithm: Algorithm::Leximin,
        household_columns: vec![],
        id_column: None,
        seed,
        legacy_draws: 0,
    }
}

/// Run the engine: the LEXIMIN distribution over panels of `seats`, then the lottery of [`TICKETS`] tickets.
/// `progress(done, total)` reports people whose probability is final. CPU-bound: call it off the async runtime.
pub fn run(
    features: &str,
    people: &str,
    seats: u32,
    seed: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<RunFiles, EngineError> {
    let req = request(features, people, seats, seed);
    let (d, _) = g1000_sortition::distribution(&req, &mut |p| progress(p.fixed_people, p.people))?;
    let distribution_json = d.to_json();
    let lottery = make_lottery(&d, distribution_json.as_bytes(), TICKETS, seed)
        .map_err(EngineError::Failed)?;
    Ok(RunFiles {
        distribution_json,
        lottery_json: lottery.to_json(),
    })
}

/// The result of entering a ticket.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The engine's reserve file: the ticket's panel and everyone else in list order.
    pub draw_json: String,
    /// (pseudonym, outcome, reserve rank) for everyone in the pool.
    pub outcomes: Vec<(String, Outcome, Option<i64>)>,
    pub panel: Vec<String>,
    pub reserves: Vec<String>,
}

/// The panel on `ticket` and the ordered reserve list (seeded with the lottery's own seed, so that it is fixed
/// by the commitment). Reserves are those who can replace some panel member alone; the others are not selected.
pub fn draw(
    features: &str,
    people: &str,
    lottery_json: &str,
    ticket: u64,
) -> Result<Drawn, EngineError> {
    let lottery: LotteryFile = serde_json::from_str(lottery_json)
        .map_err(|e| EngineError::Failed(format!("{LOTTERY_FILE}: {e}")))?;
    let req = ReservesRequest {
        pool: PoolInput {
            features_name: FEATURES_FILE,
            features: features.as_bytes(),
            people_name: PEOPLE_FILE,
            people: people.as_bytes(),
            household_columns: vec![],
            id_column: None,
        },
        lottery_name: LOTTERY_FILE,
        lottery: lottery_json.as_bytes(),
        ticket,
        count: None,
        seed: lottery.seed,
    };
    let file = g1000_sortition::reserve_file(&req)?;
    let mut outcomes: Vec<(String, Outcome, Option<i64>)> = file
        .panel
        .iter()
        .map(|id| (id.clone(), Outcome::Selected, None))
        .collect();
    let mut reserves = vec![];
    for e in &file.reserves {
        if e.depth.is_some() {
            reserves.push(e.id.clone());
            outcomes.push((e.id.clone(), Outcome::Reserve, Some(reserves.len() as i64)));
        } else {
            outcomes.push((e.id.clone(), Outcome::NotSelected, None));
        }
    }
    Ok(Drawn {
        draw_json: file.to_json(),
        outcomes,
        panel: file.panel.clone(),
        reserves,
    })
}

/// The commitment published before the public draw: SHA-256 of every file the draw depends on, the engine
/// version and the lottery's size. `commitment` is the SHA-256 of this JSON document itself.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Commitment {
    pub algorithm: String,
    pub distribution_sha256: String,
    pub engine: String,
    pub features_sha256: String,
    pub lottery_sha256: String,
    pub people_sha256: String,
    pub seats: i64,
    pub tickets: i64,
}

impl Commitment {
    pub fn new(
        features: &str,
        people: &str,
        distribution: &str,
        lottery: &str,
        seats: i64,
        tickets: i64,
    ) -> Self {
        Commitment {
            algorithm: Algorithm::Leximin.name().into(),
            distribution_sha256: sha256_hex(distribution),
            engine: engine_version().into(),
            features_sha256: sha256_hex(features),
            lottery_sha256: sha256_hex(lottery),
            people_sha256: sha256_hex(people),
            seats,
            tickets,
        }
    }
    /// Canonical JSON (fields in alphabetical order), as stored and published.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// One person in the fairness report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonLine {
    pub pseudonym: String,
    pub bands: Vec<String>,
    pub probability: f64,
}

/// One quota in the fairness report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuotaLine {
    pub feature: String,
    pub band: String,
    pub min: i64,
    pub max: i64,
    /// People in the pool with this band.
    pub pool: i64,
    /// Expected seats: the sum of their selection probabilities.
    pub expected: f64,
    /// Seats on the drawn panel.
    pub achieved: Option<i64>,
}

/// The fairness report of a run, read back from the files exactly as published.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub features: Vec<String>,
    /// Sorted from the lowest probability to the highest.
    pub people: Vec<PersonLine>,
    pub quotas: Vec<QuotaLine>,
    pub min_probability: f64,
    pub max_probability: f64,
}

/// The fewest people that may share one combination of bands in a published pool file (privacy.md §4: "public
/// only if every band combination has ≥ 5 people"; in a small town a rare combination would single someone out).
pub const PUBLIC_POOL_MIN_PER_COMBINATION: usize = 5;

/// The smallest number of people sharing one combination of bands in a pool file (`people.csv`: a pseudonym, then
/// one column per attribute); `None` for an empty or unreadable file.
pub fn smallest_combination(people: &str) -> Option<usize> {
    let (_, rows) = read_csv(PEOPLE_FILE, people).ok()?;
    let mut counts: HashMap<&[String], usize> = HashMap::new();
    for r in &rows {
        *counts.entry(r.get(1..).unwrap_or_default()).or_default() += 1;
    }
    counts.values().copied().min()
}

/// May the pool file be published to everyone? Only when no combination of bands holds fewer than
/// [`PUBLIC_POOL_MIN_PER_COMBINATION`] people; otherwise it goes to the auditors the organisers name, who check it
/// against the SHA-256 in the public commitment.
pub fn pool_is_public(people: &str) -> bool {
    smallest_combination(people).is_some_and(|m| m >= PUBLIC_POOL_MIN_PER_COMBINATION)
}

fn read_csv(name: &str, text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), EngineError> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let bad = |e: csv::Error| EngineError::Failed(format!("{name}: {e}"));
    let headers = rdr
        .headers()
        .map_err(bad)?
        .iter()
        .map(str::to_string)
        .collect();
    let rows = rdr
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
        .collect::<Result<Vec<Vec<String>>, _>>()
        .map_err(bad)?;
    Ok((headers, rows))
}

/// Build the report. Without a distribution (everyone admitted), every probability is 1.
pub fn report(
    features: &str,
    people: &str,
    distribution_json: Option<&str>,
    panel: Option<&[String]>,
) -> Result<Report, EngineError> {
    let marginals: Option<BTreeMap<String, f64>> = match distribution_json {
        Some(d) => Some(
            serde_json::from_str::<DistributionFile>(d)
                .map_err(|e| EngineError::Failed(format!("{DISTRIBUTION_FILE}: {e}")))?
                .marginals,
        ),
        None => None,
    };
    let (header, rows) = read_csv(PEOPLE_FILE, people)?;
    let feature_names: Vec<String> = header.into_iter().skip(1).collect();
    let mut people_lines: Vec<PersonLine> = rows
        .into_iter()
        .map(|r| PersonLine {
            probability: marginals
                .as_ref()
                .map(|m| m.get(&r[0]).copied().unwrap_or(0.0))
                .unwrap_or(1.0),
            pseudonym: r[0].clone(),
            bands: r[1..].to_vec(),
        })
        .collect();
    people_lines.sort_by(|a, b| {
        a.probability
            .total_cmp(&b.probability)
            .then_with(|| a.pseudonym.cmp(&b.pseudonym))
    });
    let on_panel: HashMap<&str, ()> = panel
        .unwrap_or_default()
        .iter()
        .map(|p| (p.as_str(), ()))
        .collect();
    let (_, quota_rows) = read_csv(FEATURES_FILE, features)?;
    let quotas = quota_rows
        .into_iter()
        .filter(|r| r.len() >= 4)
        .map(|r| {
            let col = feature_names.iter().position(|f| *f == r[0]);
            let with_band: Vec<&PersonLine> = people_lines
                .iter()
                .filter(|p| col.is_some_and(|c| p.bands.get(c) == Some(&r[1])))
                .collect();
            QuotaLine {
                min: r[2].parse().unwrap_or(0),
                max: r[3].parse().unwrap_or(0),
                pool: with_band.len() as i64,
                expected: with_band.iter().map(|p| p.probability).sum(),
                achieved: panel.map(|_| {
                    with_band
                        .iter()
                        .filter(|p| on_panel.contains_key(p.pseudonym.as_str()))
                        .count() as i64
                }),
                feature: r[0].clone(),
                band: r[1].clone(),
            }
        })
        .collect();
    Ok(Report {
        min_probability: people_lines.first().map(|p| p.probability).unwrap_or(0.0),
        max_probability: people_lines.last().map(|p| p.probability).unwrap_or(0.0),
        features: feature_names,
        people: people_lines,
        quotas,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use g1000_store::{AttributeFields, Band, RegistrationRow};

    #[test]
    fn the_pool_is_public_only_when_every_combination_holds_five() {
        let mut five = String::from("id,Leeftijd,Wijk\n");
        for i in 0..10 {
            let age = if i % 2 == 0 { "jong" } else { "oud" };
            five.push_str(&format!("p{i},{age},Noord\n"));
        }
        assert_eq!(smallest_combination(&five), Some(5));
        assert!(pool_is_public(&five));
        // One person alone in the south: recognisable, so not public.
        let lone = format!("{five}p10,oud,Zuid\n");
        assert_eq!(smallest_combination(&lone), Some(1));
        assert!(!pool_is_public(&lone));
        assert!(!pool_is_public("id,Leeftijd\n"));
    }

    fn attr(id: i64, name: &str, bands: &[(&str, Option<i64>)]) -> Attribute {
        Attribute {
            id,
            summit_id: 1,
            position: id,
            fields: AttributeFields {
                name: name.into(),
                bands: bands
                    .iter()
                    .map(|(l, s)| Band {
                        label: l.to_string(),
                        share_permille: *s,
                    })
                    .collect(),
            },
        }
    }

    fn person(id: i64, bands: &[(i64, &str)]) -> Eligible {
        Eligible {
            registration: RegistrationRow {
                id,
                summit_id: 1,
                group_id: 1,
                public_id: format!("r{id}"),
                channel: "letter".into(),
                status: "pool".into(),
                can_attend: true,
                language: "nl".into(),
                registered_at: 0,
            },
            bands: bands.iter().map(|(a, b)| (*a, b.to_string())).collect(),
        }
    }

    #[test]
    fn suggestions_use_community_shares_else_registrants() {
        let attrs = [
            attr(1, "Leeftijd", &[("jong", Some(600)), ("oud", Some(400))]),
            attr(2, "Wijk, deel", &[("Noord", None), ("Zuid", None)]),
        ];
        let people: Vec<Eligible> = (0..40)
            .map(|i| {
                person(
                    i,
                    &[
                        (1, if i % 2 == 0 { "jong" } else { "oud" }),
                        (2, if i < 30 { "Noord" } else { "Zuid" }),
                    ],
                )
            })
            .collect();
        let s = suggest(&attrs, &people, 20);
        assert_eq!(s.len(), 4);
        // Community: 60 % of 20 = 12, give or take 1.2.
        assert_eq!(
            (s[0].source, s[0].min_seats, s[0].max_seats),
            (ShareSource::Community, 10, 14)
        );
        // Registrants: 30 of 40 = 75 % of 20 = 15.
        assert_eq!(
            (s[2].source, s[2].min_seats, s[2].max_seats),
            (ShareSource::Registrants, 13, 17)
        );
        assert!(s.iter().all(|q| q.min_seats <= q.available));
    }

    #[test]
    fn files_quote_names_and_keep_people_pseudonymous() {
        let attrs = [attr(2, "Wijk, deel", &[("Noord", None)])];
        let people = vec![person(7, &[(2, "Noord")]), person(8, &[])];
        let (csv, pool) = people_csv(&attrs, &people);
        assert!(csv.starts_with("id,\"Wijk, deel\"\n"), "{csv}");
        assert!(
            !csv.contains("r7"),
            "no registration numbers in the pool file"
        );
        assert!(csv.contains(NO_BAND));
        assert_eq!(pool.len(), 2);
        let quotas = vec![Quota {
            attribute_id: 2,
            band: "Noord".into(),
            min_seats: 0,
            max_seats: 1,
        }];
        assert_eq!(
            features_csv(&attrs, &quotas),
            "feature,value,min,max\n\"Wijk, deel\",Noord,0,1\n"
        );
    }
}
