//! The planner: checks that name impossible constraints, a constructive start per round, and simulated
//! annealing over all open rounds with incremental cost deltas.

use std::collections::BTreeMap;

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

use crate::{Instance, PairKind, Plan, PlanRow, SeatingError};

/// Weights of the lexicographic cost (hard ≫ floor/ceil ≫ repeat pairs > repeat host visits).
const HARD: i64 = 1_000_000;
const FC: i64 = 200;
/// A pair's first repeat meeting costs PAIR + MEET, each further one MEET (R_pairs first, then R_meet).
const PAIR: i64 = 10;
const MEET: i64 = 3;
/// A participant's first repeat visit to a table (its host) costs HOST + VISIT, each further one VISIT.
const HOST: i64 = 4;
const VISIT: i64 = 1;

/// Cost of one more meeting (or visit) after `c` of them.
#[inline]
fn up(c: u8, first: i64, more: i64) -> i64 {
    match c {
        0 => 0,
        1 => first + more,
        _ => more,
    }
}
const NONE: u32 = u32::MAX;

/// How to plan.
#[derive(Debug, Clone)]
pub struct PlanOptions {
    /// Number of rounds of the plan (frozen ones included).
    pub rounds: usize,
    pub seed: u64,
    /// Search effort multiplier (1.0: the default number of annealing steps).
    pub effort: f64,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            rounds: 4,
            seed: 1,
            effort: 1.0,
        }
    }
}

/// Rounds 1..=R of an earlier plan, kept as they were (re-planning the rest). Participants of the
/// earlier plan who are no longer in the instance have left and are dropped; participants who were not
/// seated then (late arrivals) are absent from those rounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frozen {
    pub rounds: Vec<Vec<Option<usize>>>,
}

impl Frozen {
    pub fn from_rows(
        inst: &Instance,
        rows: &[PlanRow],
        through_round: usize,
    ) -> Result<Frozen, SeatingError> {
        let tables: BTreeMap<&str, usize> = inst
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let people: BTreeMap<&str, usize> = inst
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut rounds = vec![vec![None; inst.participants.len()]; through_round];
        let mut seen = vec![false; through_round];
        for row in rows.iter().filter(|r| r.round <= through_round) {
            let t = *tables
                .get(row.table.as_str())
                .ok_or_else(|| SeatingError::Freeze {
                    message: format!(
                        "round {} names table {}, which is not in the tables",
                        row.round, row.table
                    ),
                })?;
            seen[row.round - 1] = true;
            let Some(&p) = people.get(row.participant.as_str()) else {
                continue;
            };
            let slot = &mut rounds[row.round - 1][p];
            if slot.is_some() {
                return Err(SeatingError::Freeze {
                    message: format!("{} is seated twice in round {}", row.participant, row.round),
                });
            }
            *slot = Some(t);
        }
        if let Some(r) = seen.iter().position(|s| !s) {
            return Err(SeatingError::Freeze {
                message: format!("the frozen plan has no round {}", r + 1),
            });
        }
        Ok(Frozen { rounds })
    }
}

struct Model {
    n: usize,
    nt: usize,
    na: usize,
    nv: usize,
    /// Global value id per (person, attribute).
    pv: Vec<u32>,
    hall: Vec<u32>,
    wheel: Vec<bool>,
    need_lang: Vec<Option<u32>>,
    table_lang: Vec<u32>,
    acc: Vec<bool>,
    cap: Vec<usize>,
    max_wc: u32,
    block_of: Vec<u32>,
    blocks: Vec<Vec<u32>>,
    /// Restricted table set per block (None: any table).
    allowed: Vec<Option<Vec<u32>>>,
    pin: Vec<Option<u32>>,
    apart: Vec<Vec<u32>>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Model {
    fn build(inst: &Instance) -> Result<Model, SeatingError> {
        let n = inst.participants.len();
        let nt = inst.tables.len();
        let na = inst.attributes.len();
        let ids: BTreeMap<&str, usize> = inst
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let seats: usize = inst.tables.iter().map(|t| t.capacity).sum();
        if n > seats {
            return Err(SeatingError::Capacity { people: n, seats });
        }
        // Attribute values: global ids in order of first appearance per attribute (sorted for stability).
        let mut pv = vec![0u32; n * na];
        let mut hall = Vec::new();
        let mut offset = 0u32;
        for a in 0..na {
            let vals: std::collections::BTreeSet<&str> = inst
                .participants
                .iter()
                .map(|p| p.values[a].as_str())
                .collect();
            let index: BTreeMap<&str, u32> = vals
                .iter()
                .enumerate()
                .map(|(i, v)| (*v, offset + i as u32))
                .collect();
            hall.resize(hall.len() + vals.len(), 0);
            for (i, p) in inst.participants.iter().enumerate() {
                let v = index[p.values[a].as_str()];
                pv[i * na + a] = v;
                hall[v as usize] += 1;
            }
            offset += vals.len() as u32;
        }
        let hall_lang = inst.hall_language();
        let mut langs: BTreeMap<String, u32> = BTreeMap::new();
        let mut lang_id = |l: &str| {
            let k = langs.len() as u32;
            *langs.entry(l.to_string()).or_insert(k)
        };
        let table_lang: Vec<u32> = inst.tables.iter().map(|t| lang_id(&t.language)).collect();
        let need_lang: Vec<Option<u32>> = inst
            .participants
            .iter()
            .map(|p| {
                (!p.language.is_empty() && p.language != hall_lang).then(|| lang_id(&p.language))
            })
            .collect();
        let acc: Vec<bool> = inst.tables.iter().map(|t| t.accessible).collect();
        let cap: Vec<usize> = inst.tables.iter().map(|t| t.capacity).collect();
        let wheel: Vec<bool> = inst.participants.iter().map(|p| p.wheelchair).collect();
        let max_wc = inst
            .max_wheelchair_per_table
            .map(|m| m as u32)
            .unwrap_or(u32::MAX);

        // Aggregate capacity of the constrained groups.
        let users = wheel.iter().filter(|w| **w).count();
        let places: usize = (0..nt)
            .filter(|&t| acc[t])
            .map(|t| cap[t].min(max_wc as usize))
            .sum();
        if users > places {
            return Err(SeatingError::Wheelchair { users, places });
        }
        for (l, &id) in &langs {
            let people = need_lang.iter().filter(|x| **x == Some(id)).count();
            let seats: usize = (0..nt)
                .filter(|&t| table_lang[t] == id)
                .map(|t| cap[t])
                .sum();
            if people > seats {
                return Err(SeatingError::Language {
                    language: l.clone(),
                    people,
                    seats,
                });
            }
        }

        // Pairs: together-groups (union-find) and apart lists.
        let person = |kind: &'static str, a: &str, b: &str, who: &str| {
            ids.get(who).copied().ok_or_else(|| SeatingError::Pair {
                kind,
                a: a.to_string(),
                b: b.to_string(),
                message: format!("{who} is not a participant"),
            })
        };
        let mut parent: Vec<usize> = (0..n).collect();
        let mut apart = vec![Vec::new(); n];
        let mut apart_pairs = Vec::new();
        for pr in &inst.pairs {
            let kind = match pr.kind {
                PairKind::Together => "together",
                PairKind::Apart => "apart",
            };
            let a = person(kind, &pr.a, &pr.b, &pr.a)?;
            let b = person(kind, &pr.a, &pr.b, &pr.b)?;
            match pr.kind {
                PairKind::Together => {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
                PairKind::Apart => {
                    apart[a].push(b as u32);
                    apart[b].push(a as u32);
                    apart_pairs.push((a, b, pr));
                }
            }
        }
        let mut blocks: Vec<Vec<u32>> = Vec::new();
        let mut root_block: BTreeMap<usize, u32> = BTreeMap::new();
        let block_of: Vec<u32> = (0..n)
            .map(|p| {
                let r = find(&mut parent, p);
                let b = *root_block.entry(r).or_insert_with(|| {
                    blocks.push(Vec::new());
                    blocks.len() as u32 - 1
                });
                blocks[b as usize].push(p as u32);
                b
            })
            .collect();
        for (a, b, pr) in &apart_pairs {
            if block_of[*a] == block_of[*b] {
                return Err(SeatingError::Pair {
                    kind: "apart",
                    a: pr.a.clone(),
                    b: pr.b.clone(),
                    message: "they must also sit together (through together pairs)".into(),
                });
            }
        }

        // Hosts who are participants: pinned to their table.
        let mut pin_of = vec![None::<u32>; n];
        for (t, tab) in inst.tables.iter().enumerate() {
            let Some(h) = &tab.host else { continue };
            let Some(&p) = ids.get(h.as_str()) else {
                continue;
            };
            let herr = |message: String| SeatingError::Host {
                host: h.clone(),
                table: tab.id.clone(),
                message,
            };
            if let Some(other) = pin_of[p] {
                return Err(herr(format!(
                    "also hosts table {}",
                    inst.tables[other as usize].id
                )));
            }
            if wheel[p] && !acc[t] {
                return Err(herr(
                    "uses a wheelchair but the table is not accessible".into(),
                ));
            }
            if need_lang[p].is_some_and(|l| l != table_lang[t]) {
                return Err(herr(format!(
                    "needs language {} but the table is {}",
                    inst.participants[p].language, tab.language
                )));
            }
            pin_of[p] = Some(t as u32);
        }

        let mut allowed = Vec::with_capacity(blocks.len());
        let mut pin = Vec::with_capacity(blocks.len());
        for members in &blocks {
            let first = &inst.participants[members[0] as usize].id;
            let last = &inst.participants[*members.last().unwrap() as usize].id;
            let perr = |message: String| SeatingError::Pair {
                kind: "together",
                a: first.clone(),
                b: last.clone(),
                message,
            };
            let mut bpin = None;
            for &p in members {
                if let Some(t) = pin_of[p as usize] {
                    if bpin.is_some_and(|b| b != t) {
                        return Err(perr("the group holds hosts of two tables".into()));
                    }
                    bpin = Some(t);
                }
            }
            let wheels = members.iter().filter(|&&p| wheel[p as usize]).count() as u32;
            let ok = |t: usize| {
                members.iter().all(|&p| {
                    let p = p as usize;
                    (!wheel[p] || acc[t]) && need_lang[p].is_none_or(|l| l == table_lang[t])
                }) && wheels <= max_wc
                    && members.len() <= cap[t]
                    && bpin.is_none_or(|b| b as usize == t)
            };
            let fits: Vec<u32> = (0..nt).filter(|&t| ok(t)).map(|t| t as u32).collect();
            if fits.is_empty() {
                return Err(perr(format!(
                    "no table fits the group of {} (capacity, access, language, host)",
                    members.len()
                )));
            }
            allowed.push((fits.len() < nt).then_some(fits));
            pin.push(bpin);
        }
        Ok(Model {
            n,
            nt,
            na,
            nv: hall.len(),
            pv,
            hall,
            wheel,
            need_lang,
            table_lang,
            acc,
            cap,
            max_wc,
            block_of,
            blocks,
            allowed,
            pin,
            apart,
        })
    }

    /// Seats per table for `present` people: proportional to capacity (largest remainder), at least the
    /// pinned hosts.
    fn sizes(&self, present: usize) -> Vec<usize> {
        let total: usize = self.cap.iter().sum();
        let mut size: Vec<usize> = self
            .cap
            .iter()
            .map(|&c| present * c / total.max(1))
            .collect();
        let mut rest = present - size.iter().sum::<usize>();
        let mut order: Vec<usize> = (0..self.nt).collect();
        order.sort_by_key(|&t| std::cmp::Reverse((present * self.cap[t]) % total.max(1)));
        for &t in order.iter().cycle() {
            if rest == 0 {
                break;
            }
            if size[t] < self.cap[t] {
                size[t] += 1;
                rest -= 1;
            }
        }
        size
    }
}

fn excess(c: u16, lo: u16, hi: u16) -> i64 {
    (c.saturating_sub(hi) + lo.saturating_sub(c)) as i64
}

struct Round {
    seat: Vec<u32>,
    members: Vec<Vec<u32>>,
    cnt: Vec<u16>,
    lo: Vec<u16>,
    hi: Vec<u16>,
    wc: Vec<u32>,
}

struct State<'m> {
    m: &'m Model,
    rounds: Vec<Round>,
    meet: Vec<u8>,
    visits: Vec<u8>,
}

impl State<'_> {
    fn delta(&self, r: usize, p: usize, a: usize, b: usize) -> i64 {
        let m = self.m;
        let rd = &self.rounds[r];
        let mut d = 0;
        for k in 0..m.na {
            let v = m.pv[p * m.na + k] as usize;
            let ia = a * m.nv + v;
            let ib = b * m.nv + v;
            d += FC
                * (excess(rd.cnt[ia] - 1, rd.lo[ia], rd.hi[ia])
                    - excess(rd.cnt[ia], rd.lo[ia], rd.hi[ia])
                    + excess(rd.cnt[ib] + 1, rd.lo[ib], rd.hi[ib])
                    - excess(rd.cnt[ib], rd.lo[ib], rd.hi[ib]));
        }
        if m.wheel[p] {
            d += HARD * (m.acc[a] as i64 - m.acc[b] as i64);
            if rd.wc[a] > m.max_wc {
                d -= HARD;
            }
            if rd.wc[b] >= m.max_wc {
                d += HARD;
            }
        }
        if let Some(l) = m.need_lang[p] {
            d += HARD * ((m.table_lang[b] != l) as i64 - (m.table_lang[a] != l) as i64);
        }
        for &q in &m.apart[p] {
            let s = rd.seat[q as usize] as usize;
            if s == a {
                d -= HARD;
            } else if s == b {
                d += HARD;
            }
        }
        d + self.delta_meet(r, p, a, b, usize::MAX)
    }

    /// Cost change of swapping singletons `p` (at `a`) and `q` (at `b`) in round `r`, without applying it.
    fn delta_swap(&self, r: usize, p: usize, q: usize, a: usize, b: usize) -> i64 {
        let m = self.m;
        let rd = &self.rounds[r];
        let mut d = 0;
        let cell = |i: usize, by: i16| {
            let c = rd.cnt[i];
            excess((c as i16 + by) as u16, rd.lo[i], rd.hi[i]) - excess(c, rd.lo[i], rd.hi[i])
        };
        for k in 0..m.na {
            let vp = m.pv[p * m.na + k] as usize;
            let vq = m.pv[q * m.na + k] as usize;
            if vp != vq {
                d += FC
                    * (cell(a * m.nv + vp, -1)
                        + cell(a * m.nv + vq, 1)
                        + cell(b * m.nv + vq, -1)
                        + cell(b * m.nv + vp, 1));
            }
        }
        if m.wheel[p] != m.wheel[q] {
            // One wheelchair user goes from `from` to `to`.
            let (from, to) = if m.wheel[p] { (a, b) } else { (b, a) };
            d += HARD * (m.acc[from] as i64 - m.acc[to] as i64);
            if rd.wc[from] > m.max_wc {
                d -= HARD;
            }
            if rd.wc[to] >= m.max_wc {
                d += HARD;
            }
        } else if m.wheel[p] {
            d += HARD * (m.acc[a] as i64 - m.acc[b] as i64 + m.acc[b] as i64 - m.acc[a] as i64);
        }
        for (x, from, to) in [(p, a, b), (q, b, a)] {
            if let Some(l) = m.need_lang[x] {
                d += HARD * ((m.table_lang[to] != l) as i64 - (m.table_lang[from] != l) as i64);
            }
            for &y in &m.apart[x] {
                let y = y as usize;
                if y == p || y == q {
                    continue;
                }
                let s = rd.seat[y] as usize;
                if s == from {
                    d -= HARD;
                } else if s == to {
                    d += HARD;
                }
            }
        }
        d + self.delta_meet(r, p, a, b, q) + self.delta_meet(r, q, b, a, p)
    }

    /// Pair and visit part of moving `p` from `a` to `b`, ignoring `skip` (the swap partner).
    #[inline]
    fn delta_meet(&self, r: usize, p: usize, a: usize, b: usize, skip: usize) -> i64 {
        let m = self.m;
        let rd = &self.rounds[r];
        let mut d = 0;
        let bp = m.block_of[p];
        let row = &self.meet[p * m.n..(p + 1) * m.n];
        for &q in &rd.members[a] {
            let q = q as usize;
            if q != p && q != skip && m.block_of[q] != bp {
                d -= up(row[q] - 1, PAIR, MEET);
            }
        }
        for &q in &rd.members[b] {
            let q = q as usize;
            if q != skip && m.block_of[q] != bp {
                d += up(row[q], PAIR, MEET);
            }
        }
        d += up(self.visits[p * m.nt + b], HOST, VISIT)
            - up(self.visits[p * m.nt + a] - 1, HOST, VISIT);
        d
    }

    fn apply(&mut self, r: usize, p: usize, a: usize, b: usize) {
        let m = self.m;
        let n = m.n;
        let rd = &mut self.rounds[r];
        let pos = rd.members[a].iter().position(|&q| q as usize == p).unwrap();
        rd.members[a].swap_remove(pos);
        for &q in &rd.members[a] {
            self.meet[p * n + q as usize] -= 1;
            self.meet[q as usize * n + p] -= 1;
        }
        for &q in &rd.members[b] {
            self.meet[p * n + q as usize] += 1;
            self.meet[q as usize * n + p] += 1;
        }
        rd.members[b].push(p as u32);
        for k in 0..m.na {
            let v = m.pv[p * m.na + k] as usize;
            rd.cnt[a * m.nv + v] -= 1;
            rd.cnt[b * m.nv + v] += 1;
        }
        if m.wheel[p] {
            rd.wc[a] -= 1;
            rd.wc[b] += 1;
        }
        self.visits[p * m.nt + a] -= 1;
        self.visits[p * m.nt + b] += 1;
        rd.seat[p] = b as u32;
    }
}

fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    (((rng.next_u64() >> 32) * n as u64) >> 32) as usize
}

fn unit(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// People who may sit only at the same few tables (e.g. an interpreter language) meet each other again
/// and again. When their table set has a prime size T and at most T + 1 rounds are open, they are split
/// into T² cells placed on the points of the affine plane of order T, one parallel class of lines per
/// round: people of different cells meet at most once, repeats stay inside the cells (the lower bound of
/// the two-round contingency table). The search then only exchanges whole schedules within a pool.
/// A re-plan whose frozen rounds follow the design continues it.
struct Pool {
    people: Vec<u32>,
    /// Table per open round, per person of `people`.
    schedule: Vec<Vec<u32>>,
    /// Whether exchanging two members' schedules keeps the design (only when no round is frozen).
    swappable: bool,
}

fn is_prime(t: usize) -> bool {
    t >= 2
        && (2..t)
            .take_while(|d| d * d <= t)
            .all(|d| !t.is_multiple_of(d))
}

fn line(t: usize, round: usize, x: usize, y: usize) -> usize {
    if round == 0 {
        y
    } else {
        (x + (round - 1) * y) % t
    }
}

/// Cells for a pool: the plane point (x, y) per person, placed so that every round's line loads are as
/// even as possible (best of a few random placements; cell sizes differ by at most one).
fn place_cells(
    t: usize,
    people: usize,
    rounds: usize,
    rng: &mut ChaCha8Rng,
) -> Vec<(usize, usize)> {
    let mut best: Option<(usize, Vec<usize>)> = None;
    for _ in 0..64 {
        let mut points: Vec<usize> = (0..t * t).collect();
        for i in (1..points.len()).rev() {
            points.swap(i, below(rng, i + 1));
        }
        let mut spread = 0;
        for w in 0..rounds {
            let mut load = vec![0usize; t];
            for j in 0..people {
                let c = points[j % (t * t)];
                load[line(t, w, c % t, c / t)] += 1;
            }
            spread += load.iter().max().unwrap() - load.iter().min().unwrap();
        }
        if best.as_ref().is_none_or(|(s, _)| spread < *s) {
            best = Some((spread, points));
        }
    }
    let points = best.map(|(_, p)| p).unwrap_or_default();
    (0..people)
        .map(|j| (points[j % (t * t)] % t, points[j % (t * t)] / t))
        .collect()
}

/// When the frozen rounds (at least two) follow the design, each person's plane point from them; late
/// arrivals join the smallest cells. None when they do not follow it.
fn frozen_cells(
    t: usize,
    tables: &[u32],
    people: &[u32],
    frozen: &[Vec<Option<usize>>],
) -> Option<Vec<(usize, usize)>> {
    let idx = |s: Option<usize>| tables.iter().position(|&x| Some(x as usize) == s);
    let mut coords = vec![None; people.len()];
    let mut count = vec![0usize; t * t];
    for (j, &p) in people.iter().enumerate() {
        let seats: Vec<Option<usize>> = frozen.iter().map(|r| r[p as usize]).collect();
        if seats.iter().all(Option::is_none) {
            continue;
        }
        let (y, x) = (idx(seats[0])?, idx(seats[1])?);
        for (k, &s) in seats.iter().enumerate().skip(2) {
            if idx(s)? != line(t, k, x, y) {
                return None;
            }
        }
        coords[j] = Some((x, y));
        count[y * t + x] += 1;
    }
    Some(
        coords
            .into_iter()
            .map(|c| {
                c.unwrap_or_else(|| {
                    let cell = (0..t * t).min_by_key(|&c| count[c]).unwrap();
                    count[cell] += 1;
                    (cell % t, cell / t)
                })
            })
            .collect(),
    )
}

fn pools(
    m: &Model,
    rounds: usize,
    frozen: &[Vec<Option<usize>>],
    size: &[usize],
    rng: &mut ChaCha8Rng,
) -> Vec<Pool> {
    let mut groups: BTreeMap<&[u32], Vec<u32>> = BTreeMap::new();
    for (b, members) in m.blocks.iter().enumerate() {
        if let (1, None, Some(list)) = (members.len(), m.pin[b], &m.allowed[b]) {
            groups.entry(list.as_slice()).or_default().push(members[0]);
        }
    }
    let f = frozen.len();
    let open = rounds - f;
    let mut out = Vec::new();
    for (tables, mut people) in groups {
        let t = tables.len();
        if !is_prime(t)
            || rounds < 2
            || rounds > t + 1
            || people.len() < 2 * t
            || open == 0
            || f == 1
        {
            continue;
        }
        let coords = if f == 0 {
            for i in (1..people.len()).rev() {
                people.swap(i, below(rng, i + 1));
            }
            place_cells(t, people.len(), rounds, rng)
        } else {
            match frozen_cells(t, tables, &people, frozen) {
                Some(c) => c,
                None => continue,
            }
        };
        let mut schedule = vec![Vec::with_capacity(people.len()); open];
        let mut load = vec![vec![0usize; t]; open];
        for &(x, y) in &coords {
            for (w, sch) in schedule.iter_mut().enumerate() {
                let l = line(t, f + w, x, y);
                sch.push(tables[l]);
                load[w][l] += 1;
            }
        }
        if load.iter().all(|l| {
            l.iter()
                .enumerate()
                .all(|(i, &c)| c <= size[tables[i] as usize])
        }) {
            out.push(Pool {
                people,
                schedule,
                swappable: f == 0,
            });
        }
    }
    out
}

/// A constructive start for one round: pinned groups, then the constrained ones (fewest allowed
/// tables first, larger groups first), then everyone else at random tables with room.
fn construct(
    m: &Model,
    size: &[usize],
    pre: &[(u32, u32)],
    rng: &mut ChaCha8Rng,
) -> Result<Vec<u32>, SeatingError> {
    let mut seat = vec![NONE; m.n];
    let mut room = size.to_vec();
    let mut wc = vec![0u32; m.nt];
    let mut used = vec![0usize; m.nt];
    for &(p, t) in pre {
        seat[p as usize] = t;
        room[t as usize] -= 1;
        used[t as usize] += 1;
        wc[t as usize] += m.wheel[p as usize] as u32;
    }
    let mut order: Vec<usize> = (0..m.blocks.len())
        .filter(|&b| seat[m.blocks[b][0] as usize] == NONE)
        .collect();
    for i in (1..order.len()).rev() {
        order.swap(i, below(rng, i + 1));
    }
    order.sort_by_key(|&b| {
        (
            m.pin[b].is_none(),
            m.allowed[b].as_ref().map_or(usize::MAX, |a| a.len()),
            std::cmp::Reverse(m.blocks[b].len()),
        )
    });
    let all: Vec<u32> = (0..m.nt as u32).collect();
    for b in order {
        let members = &m.blocks[b];
        let k = members.len();
        let wk = members.iter().filter(|&&p| m.wheel[p as usize]).count() as u32;
        let cands = m.allowed[b].as_deref().unwrap_or(&all);
        let fits = |t: usize| room[t] >= k && wc[t] + wk <= m.max_wc;
        let start = below(rng, cands.len());
        let mut pick = None;
        if m.pin[b].is_some() || m.allowed[b].is_some() || k > 1 {
            // Most room first (spreads the constrained people), ties from a random start.
            for i in 0..cands.len() {
                let t = cands[(start + i) % cands.len()] as usize;
                if fits(t) && pick.is_none_or(|p: usize| room[t] > room[p]) {
                    pick = Some(t);
                }
            }
        } else {
            pick = (0..cands.len())
                .map(|i| cands[(start + i) % cands.len()] as usize)
                .find(|&t| fits(t));
        }
        // Fall back to any table with room, then to any table with free seats beyond its planned
        // size (small halls: a together-group may not fit the even sizes); the search repairs the rest.
        let free = |t: usize| m.cap[t] >= used[t] + k && wc[t] + wk <= m.max_wc;
        let t = match pick
            .or_else(|| {
                // An allowed table over its planned size before any table that breaks a constraint.
                (m.allowed[b].is_some() || m.pin[b].is_some())
                    .then(|| cands.iter().map(|&t| t as usize).find(|&t| free(t)))
                    .flatten()
            })
            .or_else(|| (0..m.nt).filter(|&t| room[t] >= k).max_by_key(|&t| room[t]))
            .or_else(|| {
                (0..m.nt)
                    .filter(|&t| m.cap[t] >= used[t] + k)
                    .max_by_key(|&t| m.cap[t] - used[t])
            }) {
            Some(t) => t,
            None => {
                return Err(SeatingError::Unsatisfied {
                    detail: "capacity: no table has room for a together-group".into(),
                });
            }
        };
        room[t] = room[t].saturating_sub(k);
        used[t] += k;
        wc[t] += wk;
        for &p in members {
            seat[p as usize] = t as u32;
        }
    }
    Ok(seat)
}

/// Checks the hall-wide hard constraints (capacity, wheelchair places, language seats, hosts, pairs).
pub(crate) fn check(inst: &Instance) -> Result<(), SeatingError> {
    Model::build(inst).map(|_| ())
}

/// Plans `opts.rounds` rounds (rounds of `frozen` kept as they are).
pub fn plan(
    inst: &Instance,
    opts: &PlanOptions,
    frozen: Option<&Frozen>,
) -> Result<Plan, SeatingError> {
    if opts.rounds == 0 {
        return Err(SeatingError::Rounds {
            message: "at least one round is needed".into(),
        });
    }
    let frozen_rounds: &[Vec<Option<usize>>] = frozen.map_or(&[], |f| &f.rounds);
    if frozen_rounds.len() > opts.rounds {
        return Err(SeatingError::Rounds {
            message: format!(
                "{} rounds frozen but the plan has only {}",
                frozen_rounds.len(),
                opts.rounds
            ),
        });
    }
    let m = Model::build(inst)?;
    let (n, nt, nv) = (m.n, m.nt, m.nv);
    let mut rng = ChaCha8Rng::seed_from_u64(opts.seed ^ 0x6731_3030_7365_6174);
    let mut meet = vec![0u8; n * n];
    let mut visits = vec![0u8; n * nt];
    let mut add_round = |seat: &dyn Fn(usize) -> Option<usize>| {
        let mut at = vec![Vec::new(); nt];
        for p in 0..n {
            if let Some(t) = seat(p) {
                at[t].push(p);
                visits[p * nt + t] = visits[p * nt + t].saturating_add(1);
            }
        }
        for people in &at {
            for (i, &p) in people.iter().enumerate() {
                for &q in &people[i + 1..] {
                    meet[p * n + q] += 1;
                    meet[q * n + p] += 1;
                }
            }
        }
    };
    for fr in frozen_rounds {
        add_round(&|p| fr[p]);
    }
    let size = m.sizes(n);
    let mut lo = vec![0u16; nt * nv];
    let mut hi = vec![0u16; nt * nv];
    for t in 0..nt {
        for v in 0..nv {
            let x = size[t] * m.hall[v] as usize;
            lo[t * nv + v] = (x / n.max(1)) as u16;
            hi[t * nv + v] = x.div_ceil(n.max(1)) as u16;
        }
    }
    let open = opts.rounds - frozen_rounds.len();
    let pools = pools(&m, opts.rounds, frozen_rounds, &size, &mut rng);
    let mut locked = vec![false; n];
    for pool in &pools {
        for &p in &pool.people {
            locked[p as usize] = true;
        }
    }
    let mut rounds = Vec::with_capacity(open);
    for w in 0..open {
        let pre: Vec<(u32, u32)> = pools
            .iter()
            .flat_map(|pool| {
                pool.people
                    .iter()
                    .copied()
                    .zip(pool.schedule[w].iter().copied())
            })
            .collect();
        let seat = construct(&m, &size, &pre, &mut rng)?;
        add_round(&|p| Some(seat[p] as usize));
        let mut members = vec![Vec::new(); nt];
        let mut cnt = vec![0u16; nt * nv];
        let mut wc = vec![0u32; nt];
        for p in 0..n {
            let t = seat[p] as usize;
            members[t].push(p as u32);
            for k in 0..m.na {
                cnt[t * nv + m.pv[p * m.na + k] as usize] += 1;
            }
            wc[t] += m.wheel[p] as u32;
        }
        rounds.push(Round {
            seat,
            members,
            cnt,
            lo: lo.clone(),
            hi: hi.clone(),
            wc,
        });
    }
    let mut st = State {
        m: &m,
        rounds,
        meet,
        visits,
    };
    if open > 0 {
        let swappable: Vec<&Pool> = pools.iter().filter(|p| p.swappable).collect();
        anneal(&mut st, opts, &swappable, &locked, &mut rng);
        polish(&mut st, &locked);
    }
    let mut out: Vec<Vec<Option<usize>>> = frozen_rounds.to_vec();
    for rd in &st.rounds {
        out.push(rd.seat.iter().map(|&t| Some(t as usize)).collect());
    }
    let plan = Plan { rounds: out };
    let sc = crate::score(inst, &plan);
    let open_hard: usize = sc.hard_by_round[frozen_rounds.len()..].iter().sum();
    if open_hard > 0 {
        let detail = sc
            .hard_detail
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(SeatingError::Unsatisfied { detail });
    }
    Ok(plan)
}

/// Steepest descent with the complete swap neighbourhood of the people at tables that are off their
/// floor/ceil targets (what annealing may leave at the end: a cell one off).
fn polish(st: &mut State, locked: &[bool]) {
    let m = st.m;
    let free = |p: usize| {
        let b = m.block_of[p] as usize;
        m.blocks[b].len() == 1 && m.pin[b].is_none() && !locked[p]
    };
    for _pass in 0..20 {
        let mut improved = false;
        for r in 0..st.rounds.len() {
            for a in 0..m.nt {
                let off = {
                    let rd = &st.rounds[r];
                    (a * m.nv..(a + 1) * m.nv).any(|i| excess(rd.cnt[i], rd.lo[i], rd.hi[i]) > 0)
                };
                if !off {
                    continue;
                }
                let people: Vec<u32> = st.rounds[r].members[a].clone();
                for p in people.into_iter().map(|p| p as usize).filter(|&p| free(p)) {
                    let mut best = (0i64, usize::MAX, 0usize);
                    for b in (0..m.nt).filter(|&b| b != a) {
                        for &q in &st.rounds[r].members[b] {
                            let q = q as usize;
                            if free(q) {
                                let d = st.delta_swap(r, p, q, a, b);
                                if d < best.0 {
                                    best = (d, q, b);
                                }
                            }
                        }
                    }
                    if best.1 != usize::MAX {
                        st.apply(r, p, a, best.2);
                        st.apply(r, best.1, best.2, a);
                        improved = true;
                        break;
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
}

fn anneal(
    st: &mut State,
    opts: &PlanOptions,
    pools: &[&Pool],
    locked: &[bool],
    rng: &mut ChaCha8Rng,
) {
    let m = st.m;
    let movable: Vec<usize> = (0..m.blocks.len())
        .filter(|&b| m.pin[b].is_none() && !locked[m.blocks[b][0] as usize])
        .collect();
    if movable.is_empty() || m.nt < 2 {
        return;
    }
    let open = st.rounds.len();
    let iters = (opts.effort * 1200.0 * m.n as f64 * open as f64) as u64;
    let (t0, t1) = (60.0f64, 0.5f64);
    let mut temp = t0;
    let mut moved: Vec<(usize, usize, usize)> = Vec::with_capacity(8);
    let mut partners: Vec<usize> = Vec::with_capacity(8);
    for it in 0..iters {
        if it & 1023 == 0 {
            let f = it as f64 / iters as f64;
            // Geometric cooling; the last 10% greedy.
            temp = if f > 0.9 {
                1e-9
            } else {
                t0 * (t1 / t0).powf(f / 0.9)
            };
        }
        if !pools.is_empty() && it % 16 == 0 {
            // Exchange two pool members' whole schedules (keeps the design's meetings).
            let pool = &pools[below(rng, pools.len())];
            let p = pool.people[below(rng, pool.people.len())] as usize;
            let q = pool.people[below(rng, pool.people.len())] as usize;
            moved.clear();
            let mut d = 0;
            for r in 0..open {
                let (a, b) = (st.rounds[r].seat[p] as usize, st.rounds[r].seat[q] as usize);
                if a != b {
                    d += st.delta_swap(r, p, q, a, b);
                    st.apply(r, p, a, b);
                    st.apply(r, q, b, a);
                    moved.push((r, p, q));
                }
            }
            if d > 0 && unit(rng) >= (-(d as f64) / temp).exp() {
                for &(r, p, q) in moved.iter().rev() {
                    let (b, a) = (st.rounds[r].seat[p] as usize, st.rounds[r].seat[q] as usize);
                    st.apply(r, q, a, b);
                    st.apply(r, p, b, a);
                }
            }
            continue;
        }
        let r = below(rng, open);
        let u = movable[below(rng, movable.len())];
        let first = m.blocks[u][0] as usize;
        let a = st.rounds[r].seat[first] as usize;
        let b = match &m.allowed[u] {
            Some(list) => list[below(rng, list.len())] as usize,
            None => below(rng, m.nt),
        };
        if a == b {
            continue;
        }
        let k = m.blocks[u].len();
        partners.clear();
        let mb = &st.rounds[r].members[b];
        if mb.is_empty() {
            continue;
        }
        let mut tries = 0;
        while partners.len() < k && tries < 4 * k {
            tries += 1;
            let q = mb[below(rng, mb.len())] as usize;
            let bq = m.block_of[q] as usize;
            if m.blocks[bq].len() == 1
                && m.pin[bq].is_none()
                && !locked[q]
                && !partners.contains(&q)
            {
                partners.push(q);
            }
        }
        if partners.len() < k {
            continue;
        }
        if k == 1 {
            let (p, q) = (m.blocks[u][0] as usize, partners[0]);
            let d = st.delta_swap(r, p, q, a, b);
            if d <= 0 || unit(rng) < (-(d as f64) / temp).exp() {
                st.apply(r, p, a, b);
                st.apply(r, q, b, a);
            }
            continue;
        }
        moved.clear();
        let mut d = 0i64;
        for i in 0..k {
            let p = m.blocks[u][i] as usize;
            d += st.delta(r, p, a, b);
            st.apply(r, p, a, b);
            moved.push((p, a, b));
        }
        for &q in &partners {
            d += st.delta(r, q, b, a);
            st.apply(r, q, b, a);
            moved.push((q, b, a));
        }
        let accept = d <= 0 || unit(rng) < (-(d as f64) / temp).exp();
        if !accept {
            for &(p, from, to) in moved.iter().rev() {
                st.apply(r, p, to, from);
            }
        }
    }
}
