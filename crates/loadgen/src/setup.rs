//! The hall the phones walk into, made through the store's public API so the server sees real data: a published
//! summit, `phones` confirmed participants with badge codes, seated at `tables` tables in a dialogue round that
//! is the current round, and an open approval vote over `proposals` published proposals.

use anyhow::{Context, Result, bail};
use g1000_store::{
    GroupFields, GroupKind, JoinMethod, NewRegistration, NewVote, ProposalFields,
    RegistrationStatus, RoundFields, RoundKind, Seat, Store, SummitFields, TableFields, Via,
    VoteMethod,
};

/// The size of the hall.
#[derive(Debug, Clone, Copy)]
pub struct HallSize {
    pub phones: usize,
    pub tables: usize,
    pub proposals: usize,
    /// Approval vote: at most this many choices per ballot.
    pub max_choices: usize,
}

/// One participant who will use a phone.
#[derive(Debug, Clone)]
pub struct Person {
    pub registration_id: i64,
    pub badge_code: String,
}

/// What the phones need to know about the hall, and what the checks compare against.
#[derive(Debug, Clone)]
pub struct Hall {
    pub summit_id: i64,
    pub slug: String,
    pub round_id: i64,
    pub vote_id: i64,
    /// Options of the vote, numbered 1..=options on the ballot.
    pub options: usize,
    pub max_choices: usize,
    pub people: Vec<Person>,
}

/// Seeds the hall into `store` (a fresh database).
pub async fn seed(store: &Store, size: HallSize) -> Result<Hall> {
    if size.phones == 0 || size.tables == 0 || size.proposals < 2 || size.max_choices == 0 {
        bail!(
            "a hall needs at least one phone, one table, two proposals and one choice per ballot"
        );
    }
    let organiser = store
        .create_user("loadgen@example.org", "Load generator", None, true)
        .await
        .context("creating the organiser")?;
    let summit = store
        .create_summit(
            &SummitFields {
                name: "G1000 Belastingstad".into(),
                community: "Belastingstad".into(),
                date: "2027-06-12".into(),
                start_time: "10:00".into(),
                venue: "Sporthal".into(),
                capacity: size.phones as i64,
                languages: vec!["nl".into(), "en".into()],
                description: String::new(),
            },
            &organiser,
        )
        .await?;
    store.set_published(summit.id, true).await?;
    let group = store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: size.phones as i64,
                join_method: JoinMethod::Open,
                open_cap: None,
            },
        )
        .await?;
    let table_size = size.phones.div_ceil(size.tables);
    let round = store
        .add_round(
            summit.id,
            &RoundFields {
                kind: RoundKind::Dialogue,
                question: "Wat is voor u het belangrijkste in Belastingstad?".into(),
                duration_min: 45,
                table_size: table_size as i64,
            },
        )
        .await?;
    let mut registrations = Vec::with_capacity(size.phones);
    for i in 0..size.phones {
        let r = store
            .register(
                summit.id,
                &Via::Open,
                &NewRegistration {
                    group_id: group.id,
                    public_id: format!("load-{i:05}"),
                    language: "nl".into(),
                    can_attend: true,
                    name: format!("Deelnemer {i}"),
                    email: None,
                    phone: None,
                    bands: vec![],
                    needs: Default::default(),
                    privacy_version: "1".into(),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("registering participant {i}: {e:?}"))?;
        store
            .set_registration_status(r.id, RegistrationStatus::Confirmed, None)
            .await?;
        registrations.push(r.id);
    }
    store
        .ensure_badge_codes(summit.id, || {
            g1000_invite::Code::generate()
                .expect("the operating system's random generator")
                .as_str()
                .to_string()
        })
        .await?;
    let badges = store.badge_rows(summit.id).await?;
    let mut people = Vec::with_capacity(size.phones);
    for id in &registrations {
        let code = badges
            .iter()
            .find(|b| b.registration_id == *id)
            .and_then(|b| b.code.clone())
            .with_context(|| format!("no badge code for registration {id}"))?;
        people.push(Person {
            registration_id: *id,
            badge_code: code,
        });
    }
    let tables = store
        .add_seating_tables(
            summit.id,
            size.tables as i64,
            &TableFields {
                capacity: table_size as i64,
                accessible: false,
                language: "nl".into(),
                host_user_id: None,
            },
        )
        .await?;
    let seats: Vec<Seat> = registrations
        .iter()
        .enumerate()
        .map(|(i, id)| Seat {
            round_id: round.id,
            registration_id: *id,
            table_id: tables[i % tables.len()].id,
        })
        .collect();
    store.start_seating_run(summit.id, 60_000).await?;
    store.finish_seating_run(summit.id, Ok(&seats)).await?;
    let mut options = Vec::with_capacity(size.proposals);
    for k in 0..size.proposals {
        let title = format!("Voorstel {}", k + 1);
        let p = store
            .add_proposal(
                summit.id,
                Some(tables[k % tables.len()].id),
                None,
                &ProposalFields {
                    title: title.clone(),
                    what: format!("Wat tafel {} voorstelt", k % tables.len() + 1),
                    why: "Omdat het de buurt helpt".into(),
                    who_does: "De gemeente en bewoners samen".into(),
                    we_can_do: "Meehelpen".into(),
                    cost: None,
                },
                &format!("loadgen-proposal-{k:04}-0123456789"),
            )
            .await?
            .context("a fresh proposal submission was seen before")?;
        store.set_proposal_published(summit.id, p.id, true).await?;
        options.push((title, Some(p.id), 0));
    }
    let vote = store
        .create_vote(
            summit.id,
            &NewVote {
                title: "Top 10".into(),
                method: VoteMethod::Approval,
                max_choices: size.max_choices as i64,
                seats: 10.min(size.proposals as i64),
                budget: 0,
                hide_results: true,
            },
            &options,
            "loadgen-vote-0123456789",
        )
        .await?
        .context("a fresh vote submission was seen before")?;
    if !store.open_vote(summit.id, vote.id).await? {
        bail!("the vote could not be opened");
    }
    if !store
        .move_day_round(summit.id, None, Some(round.id))
        .await?
    {
        bail!("the dialogue round could not be made current");
    }
    Ok(Hall {
        summit_id: summit.id,
        slug: summit.slug,
        round_id: round.id,
        vote_id: vote.id,
        options: size.proposals,
        max_choices: size.max_choices,
        people,
    })
}
