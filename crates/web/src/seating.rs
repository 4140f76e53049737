//! Seating in the app: the summit's participants and tables as an instance of the seating engine
//! (`g1000-seating`), a plan stored as seats, and the metrics of a stored plan (the scorer's).
//!
//! Who is seated: the selected, confirmed and checked-in registrations of every stakeholder group.
//! Their planning attributes are the stakeholder group plus every attribute of the summit (the band the
//! person declared; "?" when none); a wheelchair user needs an accessible table, a person who asked
//! for an interpreter needs a table of that language. The rounds are the programme's table rounds
//! (table size above 0), in programme order.

use std::collections::BTreeMap;

use g1000_seating::{Instance, Participant, Plan, PlanOptions, Score, Table};
use g1000_store::{Attribute, Round, Seat, SeatPerson, SeatingTable, Store, StoreResult};

/// A summit's hall as the engine sees it, with the ids to go back to the store.
pub struct Hall {
    pub instance: Instance,
    /// Per participant index: the registration.
    pub people: Vec<SeatPerson>,
    /// Per table index: the table.
    pub tables: Vec<SeatingTable>,
    /// The table rounds, in programme order.
    pub rounds: Vec<Round>,
}

/// The programme's rounds that are held at tables.
pub fn table_rounds(rounds: Vec<Round>) -> Vec<Round> {
    rounds
        .into_iter()
        .filter(|r| r.fields.table_size > 0)
        .collect()
}

impl Hall {
    pub async fn load(store: &Store, summit_id: i64) -> StoreResult<Hall> {
        let attributes = store.attributes(summit_id).await?;
        let people = store.seat_people(summit_id).await?;
        let bands = store.summit_bands(summit_id).await?;
        let tables = store.seating_tables(summit_id).await?;
        let rounds = table_rounds(store.rounds(summit_id).await?);
        Ok(Hall::new(&attributes, people, &bands, tables, rounds))
    }

    pub fn new(
        attributes: &[Attribute],
        people: Vec<SeatPerson>,
        bands: &[(i64, i64, String)],
        tables: Vec<SeatingTable>,
        rounds: Vec<Round>,
    ) -> Hall {
        let mut band: BTreeMap<(i64, i64), &str> = BTreeMap::new();
        for (r, a, b) in bands {
            band.insert((*r, *a), b.as_str());
        }
        let mut names = vec!["group".to_string()];
        names.extend(attributes.iter().map(|a| format!("attribute{}", a.id)));
        let participants = people
            .iter()
            .map(|p| {
                let mut values = vec![p.group_id.to_string()];
                values.extend(attributes.iter().map(|a| {
                    band.get(&(p.registration_id, a.id))
                        .unwrap_or(&"?")
                        .to_string()
                }));
                Participant {
                    id: p.registration_id.to_string(),
                    values,
                    wheelchair: p.wheelchair,
                    language: p.interpreter_language.clone().unwrap_or_default(),
                }
            })
            .collect();
        let engine_tables = tables
            .iter()
            .map(|t| Table {
                id: t.number.to_string(),
                capacity: t.capacity.max(0) as usize,
                accessible: t.accessible,
                language: t.language.clone(),
                host: t.host_user_id.map(|u| format!("user#{u}")),
            })
            .collect();
        Hall {
            instance: Instance {
                attributes: names,
                participants,
                tables: engine_tables,
                pairs: Vec::new(),
                max_wheelchair_per_table: None,
                hall: None,
            },
            people,
            tables,
            rounds,
        }
    }

    /// Plans every table round (deterministic for the summit: the seed is its id).
    pub fn plan(&self, seed: u64) -> Result<Vec<Seat>, g1000_seating::SeatingError> {
        let opts = PlanOptions {
            rounds: self.rounds.len(),
            seed,
            effort: 1.0,
        };
        let plan = g1000_seating::plan(&self.instance, &opts, None)?;
        let mut seats = Vec::new();
        for (r, row) in plan.rounds.iter().enumerate() {
            for (p, t) in row.iter().enumerate() {
                if let Some(t) = t {
                    seats.push(Seat {
                        round_id: self.rounds[r].id,
                        registration_id: self.people[p].registration_id,
                        table_id: self.tables[*t].id,
                    });
                }
            }
        }
        Ok(seats)
    }

    /// Stored seats as an engine plan (seats of people or tables no longer there are left out).
    pub fn to_plan(&self, seats: &[Seat]) -> Plan {
        let person: BTreeMap<i64, usize> = self
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.registration_id, i))
            .collect();
        let table: BTreeMap<i64, usize> = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let round: BTreeMap<i64, usize> = self
            .rounds
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let mut rounds = vec![vec![None; self.people.len()]; self.rounds.len()];
        for s in seats {
            if let (Some(&r), Some(&p), Some(&t)) = (
                round.get(&s.round_id),
                person.get(&s.registration_id),
                table.get(&s.table_id),
            ) {
                rounds[r][p] = Some(t);
            }
        }
        Plan { rounds }
    }

    /// The scorer's metrics of a plan.
    pub fn score(&self, plan: &Plan) -> Score {
        g1000_seating::score(&self.instance, plan)
    }
}

/// The metrics shown to organisers, in the scorer's words.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub hard: usize,
    pub fc_excess: usize,
    pub fc_excess_lb: usize,
    pub r_pairs: usize,
    pub r_pairs_lb: usize,
    pub r_meet: usize,
    pub r_host: usize,
    pub unique_pairs: usize,
}

impl From<&Score> for Metrics {
    fn from(s: &Score) -> Self {
        Metrics {
            hard: s.hard,
            fc_excess: s.fc_excess,
            fc_excess_lb: s.lower_bounds.fc_excess,
            r_pairs: s.r_pairs,
            r_pairs_lb: s.lower_bounds.r_pairs,
            r_meet: s.r_meet,
            r_host: s.r_host,
            unique_pairs: s.unique_pairs,
        }
    }
}
