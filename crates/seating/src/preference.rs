//! Preference seating (the afternoon): every participant ranks themes; tables are themed (fixed in
//! the tables file, or apportioned to themes from demand); people are assigned to themes by an exact
//! method, then each theme's tables are planned with the engine (floor/ceil balance within the theme,
//! fewest repeats).
//!
//! Objective, exactly: maximise the number of participants at their 1st choice; among those
//! assignments the number at their 2nd choice; and so on (lexicographic). With B = n + 1 and K the
//! largest rank, an assignment at rank r is worth B^(K-r) (unranked themes: 0); since no count exceeds
//! n < B, the largest total worth is exactly the lexicographic optimum. It is found as a minimum-cost
//! flow (source → participant classes → theme table classes → sink) with the hard constraints in the
//! network: seats per (theme, table language, accessible) class, wheelchair places per accessible
//! class (Σ min(capacity, max per table)), interpreter needs only to tables of that language, hosts
//! pinned to their table's theme. Together-groups must share a theme: the flow treats members one by
//! one (a relaxation, so a lower bound); when it splits a group, branch and bound fixes that group to
//! each theme in turn, so the result stays optimal.

use crate::flow::Flow;
use crate::{
    Instance, PairKind, Plan, PlanOptions, SeatingError, Table, input::Sheet, plan as plan_rounds,
};
use std::collections::{BTreeMap, BTreeSet};

/// One ranked theme of one participant (rank 1 = first choice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preference {
    pub participant: String,
    pub theme: String,
    pub rank: usize,
}

/// Who sits at which theme, and how well the preferences are met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeAssignment {
    /// The themes (sorted).
    pub themes: Vec<String>,
    /// Per table (index into `Instance::tables`): its theme (index into `themes`).
    pub table_theme: Vec<usize>,
    /// Per participant: their theme.
    pub person_theme: Vec<usize>,
    /// Per participant: the rank they gave their theme (None: unranked).
    pub person_rank: Vec<Option<usize>>,
    /// How many participants got their 1st, 2nd, ... choice (index 0 = 1st choice).
    pub by_rank: Vec<usize>,
    /// How many sit at a theme they did not rank.
    pub unranked: usize,
}

/// Preferences: columns `participant`, `theme`, `rank` (a whole number from 1).
pub fn parse_preferences(file: &str, text: &str) -> Result<Vec<Preference>, SeatingError> {
    let sh = Sheet::read(file, text)?;
    let (p, t, r) = (sh.col("participant")?, sh.col("theme")?, sh.col("rank")?);
    let mut out = Vec::new();
    let mut seen: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut ranks: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for (row, rec) in &sh.rows {
        let participant = sh.nonempty(*row, rec, p)?.to_string();
        let theme = sh.nonempty(*row, rec, t)?.to_string();
        let rank = sh
            .nonempty(*row, rec, r)?
            .parse::<usize>()
            .ok()
            .filter(|&x| x >= 1)
            .ok_or_else(|| {
                sh.bad(
                    *row,
                    "rank",
                    format!("expected a rank from 1, got {:?}", rec[r]),
                )
            })?;
        if let Some(first) = seen.insert((participant.clone(), theme.clone()), *row) {
            return Err(sh.bad(
                *row,
                "theme",
                format!("{participant} ranks {theme} twice (also row {first})"),
            ));
        }
        if let Some(first) = ranks.insert((participant.clone(), rank), *row) {
            return Err(sh.bad(
                *row,
                "rank",
                format!("{participant} gives rank {rank} twice (also row {first})"),
            ));
        }
        out.push(Preference {
            participant,
            theme,
            rank,
        });
    }
    Ok(out)
}

/// The optional column `theme` of a tables file, one entry per table (None: apportioned from demand).
pub fn parse_table_themes(file: &str, text: &str) -> Result<Vec<Option<String>>, SeatingError> {
    let sh = Sheet::read(file, text)?;
    let c = sh.opt_col("theme");
    Ok(sh
        .rows
        .iter()
        .map(|(_, rec)| c.map(|c| rec[c].clone()).filter(|t| !t.is_empty()))
        .collect())
}

/// A (theme, language, accessible) class of interchangeable tables.
struct Class {
    theme: usize,
    language: String,
    accessible: bool,
    seats: i64,
    wheel_places: i64,
}

struct Network<'a> {
    inst: &'a Instance,
    classes: Vec<Class>,
    /// Per participant: None (a pinned host, already placed) or the worth of each theme.
    worth: Vec<Vec<i128>>,
    need_lang: Vec<Option<String>>,
    pinned: Vec<Option<usize>>,
}

impl Network<'_> {
    /// The cheapest flow with participants restricted to the given themes; per participant the
    /// theme, and the total worth. None: the restricted network cannot seat everyone.
    fn solve(&self, restrict: &[Option<usize>]) -> Option<(Vec<usize>, i128)> {
        let n = self.inst.participants.len();
        let nc = self.classes.len();
        // Nodes: source, sink, per class a seat node and a wheelchair node, then participant classes.
        let (s, t) = (0, 1);
        let seat = |c: usize| 2 + 2 * c;
        let wheel = |c: usize| 3 + 2 * c;
        // Participants with the same allowed (class, worth) arcs share one node, except members of
        // together-groups, whose individual themes the branch and bound needs.
        let mut arcs_of: Vec<Vec<(usize, i128)>> = Vec::with_capacity(n);
        #[allow(clippy::needless_range_loop)] // p indexes several parallel vectors
        for p in 0..n {
            let person = &self.inst.participants[p];
            let mut arcs = Vec::new();
            if self.pinned[p].is_none() {
                for (c, class) in self.classes.iter().enumerate() {
                    if restrict[p].is_some_and(|th| th != class.theme) {
                        continue;
                    }
                    if self.need_lang[p]
                        .as_ref()
                        .is_some_and(|l| *l != class.language)
                    {
                        continue;
                    }
                    if person.wheelchair && !class.accessible {
                        continue;
                    }
                    let node = if person.wheelchair { wheel(c) } else { seat(c) };
                    arcs.push((node, self.worth[p][class.theme]));
                }
            }
            arcs_of.push(arcs);
        }
        let mut kinds: BTreeMap<&[(usize, i128)], usize> = BTreeMap::new();
        let mut kind_of = vec![usize::MAX; n];
        let mut kind_arcs: Vec<&[(usize, i128)]> = Vec::new();
        let mut supply: Vec<i64> = Vec::new();
        for p in (0..n).filter(|&p| self.pinned[p].is_none()) {
            let k = if restrict[p].is_some() || self.grouped(p) {
                kind_arcs.push(&arcs_of[p]);
                supply.push(0);
                kind_arcs.len() - 1
            } else {
                *kinds.entry(&arcs_of[p]).or_insert_with(|| {
                    kind_arcs.push(&arcs_of[p]);
                    supply.push(0);
                    kind_arcs.len() - 1
                })
            };
            supply[k] += 1;
            kind_of[p] = k;
        }
        let base = 2 + 2 * nc;
        let mut f = Flow::new(base + kind_arcs.len());
        for (c, class) in self.classes.iter().enumerate() {
            f.arc(seat(c), t, class.seats, 0);
            f.arc(wheel(c), seat(c), class.wheel_places, 0);
        }
        let mut kind_out: Vec<Vec<(usize, usize)>> = Vec::with_capacity(kind_arcs.len());
        for (k, arcs) in kind_arcs.iter().enumerate() {
            f.arc(s, base + k, supply[k], 0);
            kind_out.push(
                arcs.iter()
                    .map(|&(node, w)| (f.arc(base + k, node, supply[k], -w), node))
                    .collect(),
            );
        }
        let want: i64 = supply.iter().sum();
        let (sent, cost) = f.run(s, t);
        if sent < want {
            return None;
        }
        // Per kind: how many go to each class, handed out to its participants in id order.
        let mut left: Vec<Vec<(usize, i64)>> = kind_out
            .iter()
            .map(|arcs| {
                arcs.iter()
                    .map(|&(e, node)| ((node - 2) / 2, f.flow_on(e)))
                    .filter(|&(_, x)| x > 0)
                    .collect()
            })
            .collect();
        let mut theme = vec![0; n];
        for p in 0..n {
            if let Some(th) = self.pinned[p] {
                theme[p] = th;
                continue;
            }
            let slots = &mut left[kind_of[p]];
            let slot = slots.iter_mut().find(|(_, x)| *x > 0)?;
            slot.1 -= 1;
            theme[p] = self.classes[slot.0].theme;
        }
        Some((theme, -cost))
    }

    fn grouped(&self, p: usize) -> bool {
        let id = &self.inst.participants[p].id;
        self.inst
            .pairs
            .iter()
            .any(|pr| pr.kind == PairKind::Together && (pr.a == *id || pr.b == *id))
    }
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Assigns every participant a theme (see the module documentation for the exact objective).
/// `table_themes` has one entry per table; tables without a theme are apportioned to the themes in
/// table order, each to the theme with the most 1st-choice demand per seat so far.
pub fn assign_themes(
    inst: &Instance,
    table_themes: &[Option<String>],
    prefs: &[Preference],
) -> Result<ThemeAssignment, SeatingError> {
    let perr = |message: String| SeatingError::Preferences { message };
    if table_themes.len() != inst.tables.len() {
        return Err(perr(format!(
            "{} table themes for {} tables",
            table_themes.len(),
            inst.tables.len()
        )));
    }
    let n = inst.participants.len();
    let ids: BTreeMap<&str, usize> = inst
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let fixed: BTreeSet<&str> = table_themes.iter().flatten().map(String::as_str).collect();
    let all_fixed = table_themes.iter().all(Option::is_some);
    let mut names: BTreeSet<String> = fixed.iter().map(|s| s.to_string()).collect();
    for p in prefs {
        if !ids.contains_key(p.participant.as_str()) {
            return Err(perr(format!("{} is not a participant", p.participant)));
        }
        if all_fixed && !fixed.contains(p.theme.as_str()) {
            return Err(perr(format!(
                "{} ranks theme {}, which no table has",
                p.participant, p.theme
            )));
        }
        names.insert(p.theme.clone());
    }
    let themes: Vec<String> = names.into_iter().collect();
    if themes.is_empty() {
        return Err(perr(
            "no themes: no table has a theme and nobody ranked one".into(),
        ));
    }
    let theme_ix: BTreeMap<&str, usize> = themes
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    let mut rank_of: Vec<BTreeMap<usize, usize>> = vec![BTreeMap::new(); n];
    for p in prefs {
        rank_of[ids[p.participant.as_str()]].insert(theme_ix[p.theme.as_str()], p.rank);
    }

    // Tables to themes: fixed ones first, then by demand per seat.
    let mut demand = vec![0u64; themes.len()];
    for ranks in &rank_of {
        for (&th, &r) in ranks {
            if r == ranks.values().copied().min().unwrap_or(r) {
                demand[th] += 1;
            }
        }
    }
    let mut seats = vec![0u64; themes.len()];
    let mut table_theme = vec![usize::MAX; inst.tables.len()];
    for (i, th) in table_themes.iter().enumerate() {
        if let Some(th) = th {
            table_theme[i] = theme_ix[th.as_str()];
            seats[table_theme[i]] += inst.tables[i].capacity as u64;
        }
    }
    #[allow(clippy::needless_range_loop)] // i indexes tables and table_theme
    for i in 0..inst.tables.len() {
        if table_theme[i] != usize::MAX {
            continue;
        }
        // The largest demand per seat so far (no seats yet but demand: first); ties: the first theme.
        let higher = |a: usize, b: usize| match (
            seats[a] == 0 && demand[a] > 0,
            seats[b] == 0 && demand[b] > 0,
        ) {
            (true, false) => true,
            (false, true) => false,
            (true, true) => demand[a] > demand[b],
            (false, false) => demand[a] * seats[b] > demand[b] * seats[a],
        };
        let mut best = 0;
        for th in 1..themes.len() {
            if higher(th, best) {
                best = th;
            }
        }
        table_theme[i] = best;
        seats[best] += inst.tables[i].capacity as u64;
    }

    // Worth of each rank: B^(K - r).
    let k = prefs.iter().map(|p| p.rank).max().unwrap_or(0);
    let b = n as i128 + 1;
    let mut pow = vec![1i128; k + 1];
    for i in 1..=k {
        pow[i] = pow[i - 1]
            .checked_mul(b)
            .filter(|x| x.checked_mul(b).is_some())
            .ok_or_else(|| perr(format!("ranks up to {k} are too many for {n} participants")))?;
    }
    let worth: Vec<Vec<i128>> = rank_of
        .iter()
        .map(|ranks| {
            (0..themes.len())
                .map(|th| ranks.get(&th).map_or(0, |&r| pow[k - r]))
                .collect()
        })
        .collect();

    // The hard constraints of the whole hall (capacity, wheelchair, language, hosts, pairs) first.
    crate::engine::check(inst)?;
    let hall = inst.hall_language();
    let need_lang: Vec<Option<String>> = inst
        .participants
        .iter()
        .map(|p| (!p.language.is_empty() && p.language != hall).then(|| p.language.clone()))
        .collect();
    let max_wc = inst.max_wheelchair_per_table.unwrap_or(usize::MAX);
    let mut pinned = vec![None; n];
    let mut class_ix: BTreeMap<(usize, &str, bool), usize> = BTreeMap::new();
    let mut classes: Vec<Class> = Vec::new();
    for (i, tab) in inst.tables.iter().enumerate() {
        let key = (table_theme[i], tab.language.as_str(), tab.accessible);
        let c = *class_ix.entry(key).or_insert_with(|| {
            classes.push(Class {
                theme: table_theme[i],
                language: tab.language.clone(),
                accessible: tab.accessible,
                seats: 0,
                wheel_places: 0,
            });
            classes.len() - 1
        });
        classes[c].seats += tab.capacity as i64;
        if tab.accessible {
            classes[c].wheel_places += tab.capacity.min(max_wc) as i64;
        }
        if let Some(&p) = tab.host.as_ref().and_then(|h| ids.get(h.as_str())) {
            pinned[p] = Some(table_theme[i]);
            classes[c].seats -= 1;
            if inst.participants[p].wheelchair {
                classes[c].wheel_places -= 1;
            }
        }
    }
    for c in &mut classes {
        c.wheel_places = c.wheel_places.min(c.seats).max(0);
    }

    // Together-groups.
    let mut parent: Vec<usize> = (0..n).collect();
    for pr in inst.pairs.iter().filter(|p| p.kind == PairKind::Together) {
        let (a, b) = (ids[pr.a.as_str()], ids[pr.b.as_str()]);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in 0..n {
        let r = find(&mut parent, p);
        groups.entry(r).or_default().push(p);
    }
    let groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    let mut restrict = vec![None; n];
    for g in &groups {
        if let Some(th) = g.iter().find_map(|&p| pinned[p]) {
            for &p in g {
                restrict[p] = Some(th);
            }
        }
    }

    let net = Network {
        inst,
        classes,
        worth,
        need_lang,
        pinned,
    };
    let mut best: Option<(Vec<usize>, i128)> = None;
    branch(&net, &groups, &mut restrict, &mut best);
    let (person_theme, _) = best.ok_or_else(|| {
        perr(
            "the themes' tables cannot seat everyone under the hard constraints (wheelchair places, \
             language tables, together-groups)"
                .into(),
        )
    })?;
    let person_rank: Vec<Option<usize>> = (0..n)
        .map(|p| rank_of[p].get(&person_theme[p]).copied())
        .collect();
    let mut by_rank = vec![0; k];
    for r in person_rank.iter().flatten() {
        by_rank[r - 1] += 1;
    }
    Ok(ThemeAssignment {
        themes,
        table_theme,
        unranked: person_rank.iter().filter(|r| r.is_none()).count(),
        person_theme,
        person_rank,
        by_rank,
    })
}

/// Branch and bound over together-groups split by the flow relaxation.
fn branch(
    net: &Network,
    groups: &[Vec<usize>],
    restrict: &mut Vec<Option<usize>>,
    best: &mut Option<(Vec<usize>, i128)>,
) {
    let Some((theme, worth)) = net.solve(restrict) else {
        return;
    };
    if best.as_ref().is_some_and(|(_, b)| worth <= *b) {
        return;
    }
    let split = groups
        .iter()
        .find(|g| g.iter().any(|&p| theme[p] != theme[g[0]]));
    let Some(g) = split else {
        *best = Some((theme, worth));
        return;
    };
    // Themes the relaxation used for the group first, then the others.
    let mut order: Vec<usize> = g.iter().map(|&p| theme[p]).collect();
    order.dedup();
    let nthemes = net.classes.iter().map(|c| c.theme + 1).max().unwrap_or(0);
    for th in 0..nthemes {
        if !order.contains(&th) {
            order.push(th);
        }
    }
    let saved: Vec<Option<usize>> = g.iter().map(|&p| restrict[p]).collect();
    for th in order {
        for &p in g {
            restrict[p] = Some(th);
        }
        branch(net, groups, restrict, best);
    }
    for (&p, s) in g.iter().zip(saved) {
        restrict[p] = s;
    }
}

/// Preference seating: themes by [`assign_themes`], then every theme's tables planned with the
/// engine for `opts.rounds` rounds (balance within the theme, fewest repeats). Returns the plan of the
/// whole hall and the theme assignment.
pub fn plan_preferences(
    inst: &Instance,
    table_themes: &[Option<String>],
    prefs: &[Preference],
    opts: &PlanOptions,
) -> Result<(Plan, ThemeAssignment), SeatingError> {
    let a = assign_themes(inst, table_themes, prefs)?;
    let hall = inst.hall_language();
    let mut rounds = vec![vec![None; inst.participants.len()]; opts.rounds];
    for (th, name) in a.themes.iter().enumerate() {
        let people: Vec<usize> = (0..inst.participants.len())
            .filter(|&p| a.person_theme[p] == th)
            .collect();
        if people.is_empty() {
            continue;
        }
        let tables: Vec<usize> = (0..inst.tables.len())
            .filter(|&t| a.table_theme[t] == th)
            .collect();
        let ids: BTreeSet<&str> = people
            .iter()
            .map(|&p| inst.participants[p].id.as_str())
            .collect();
        let sub = Instance {
            attributes: inst.attributes.clone(),
            participants: people
                .iter()
                .map(|&p| inst.participants[p].clone())
                .collect(),
            tables: tables
                .iter()
                .map(|&t| inst.tables[t].clone())
                .collect::<Vec<Table>>(),
            pairs: inst
                .pairs
                .iter()
                .filter(|p| ids.contains(p.a.as_str()) && ids.contains(p.b.as_str()))
                .cloned()
                .collect(),
            max_wheelchair_per_table: inst.max_wheelchair_per_table,
            hall: Some(hall.clone()),
        };
        let sub_opts = PlanOptions {
            seed: opts.seed.wrapping_add(th as u64),
            ..opts.clone()
        };
        let plan = plan_rounds(&sub, &sub_opts, None).map_err(|e| SeatingError::Theme {
            theme: name.clone(),
            inner: Box::new(e),
        })?;
        for (r, seats) in plan.rounds.iter().enumerate() {
            for (i, t) in seats.iter().enumerate() {
                rounds[r][people[i]] = t.map(|t| tables[t]);
            }
        }
    }
    Ok((Plan { rounds }, a))
}
