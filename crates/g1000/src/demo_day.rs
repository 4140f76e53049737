//! The demo's simulated day (issue 6, point 7): after the seated hall, the facilitator runs the morning's
//! dialogue rounds (the tables' keywords, a realistic Dutch/English mix, entered by the table hosts and sent
//! from phones), a statements round (issue 7: statements from the console and from phones, moderated, and
//! agree/disagree/pass votes from two camps that share some statements, so the common ground has groups to find
//! and statements they agree on), moderates and adds synonyms, adopts the suggested themes, holds the theme dot vote, seats the
//! afternoon's theme tables, the tables write proposals, the hall votes on them (secret ballots) and people
//! sign up for the chosen proposals' action groups. Everything goes through the store calls, the theme
//! suggestion, the theme-table planner and the vote count the pages use, and is audit-logged like the pages do.
//! Deterministic: a fixed seed drives every simulated choice.

use std::collections::BTreeMap;

use anyhow::{Context, bail};
use g1000_store::{
    Moderation, NewKeyword, NewStatement, NewVote, ProposalFields, Round, RoundKind, SeatPerson,
    StatementModeration, Store, Submitted, Summit, VoteMethod,
};
use g1000_web::ballot::Choice;
use g1000_web::pages::day::console::suggest;
use g1000_web::pages::day::statements::moderation_record;
use g1000_web::pages::day::theme_tables;
use g1000_web::seating::Hall;
use g1000_web::security::sha256_hex;

/// What the simulated day made, for the demo's summary and its test.
#[derive(Debug, Default)]
pub struct DaySummary {
    pub keywords: usize,
    pub themes: usize,
    pub dot_voters: usize,
    pub statements: usize,
    pub statement_votes: usize,
    pub theme_tables: usize,
    pub proposals: usize,
    pub ballots: usize,
    pub chosen: Vec<String>,
    pub action_members: usize,
}

/// Keywords the tables come up with: (Dutch, English) pairs around a few concerns of a Dutch town, so the
/// word cloud and the theme suggestions show a realistic mix.
const WORDS: &[&str] = &[
    "betaalbare woningen",
    "affordable housing",
    "woningen voor starters",
    "huurwoningen",
    "fietspaden",
    "veilige fietsroutes",
    "bike lanes",
    "openbaar vervoer",
    "public transport",
    "busverbinding",
    "groen in de wijk",
    "meer bomen",
    "green spaces",
    "parken",
    "eenzaamheid",
    "loneliness",
    "buurthuis",
    "ontmoeten",
    "jongeren",
    "youth centre",
    "sportvelden",
    "zorg dichtbij",
    "huisarts",
    "healthcare",
    "energietransitie",
    "zonnepanelen",
    "solar panels",
    "klimaat",
    "veiligheid",
    "straatverlichting",
    "winkels in het centrum",
    "local shops",
];

/// The statements round's statements, added from the console, and how the two camps of the demo hall see them:
/// (text, agree share of camp A, agree share of camp B) in percent; the rest disagree or pass.
const STATEMENTS: &[(&str, u64, u64)] = &[
    ("Lindenhoven heeft meer betaalbare woningen nodig.", 85, 80),
    ("Jongeren moeten een eigen plek in de wijk hebben.", 80, 75),
    (
        "De huisarts moet dichtbij blijven, ook in de kleine kernen.",
        90,
        85,
    ),
    ("Het centrum moet autovrij worden.", 80, 15),
    (
        "Er moeten meer parkeerplaatsen bij de winkels komen.",
        15,
        85,
    ),
    ("Windmolens horen niet in ons landschap.", 20, 80),
    (
        "Elke straat verdient meer bomen, ook als er parkeerplaatsen verdwijnen.",
        85,
        20,
    ),
    ("Het buurthuis moet ook 's avonds open zijn.", 60, 55),
    (
        "Inwoners moeten zelf over een deel van het budget beslissen.",
        70,
        50,
    ),
    ("Bike lanes should be separated from car traffic.", 75, 40),
];

/// Proposals per theme table: (title, what, why, who does what, what we can do ourselves).
const PROPOSAL_SHAPES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Een wijkteam voor {theme}",
        "Bewoners vormen per wijk een team dat ideeën over {theme} verzamelt en met de gemeente uitvoert.",
        "Wie in de wijk woont, weet wat er nodig is.",
        "De gemeente geeft een budget en een contactpersoon; bewoners organiseren de bijeenkomsten.",
        "Elke maand een avond in het buurthuis.",
    ),
    (
        "Proef: {theme} in één straat",
        "Een jaar lang een proef in één straat, daarna kiezen bewoners of die doorgaat.",
        "Klein beginnen laat snel zien wat werkt.",
        "De gemeente regelt de vergunning, de straat kiest de invulling.",
        "Meedoen aan de proef en de ervaringen delen.",
    ),
];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Moves the programme on to `to`, as the console's "next round" does.
async fn go(
    store: &Store,
    sid: i64,
    fac: &str,
    rounds: &[Round],
    at: &mut Option<i64>,
    to: &Round,
) -> anyhow::Result<()> {
    if !store.move_day_round(sid, *at, Some(to.id)).await? {
        bail!("the demo's programme did not move");
    }
    let from = at.and_then(|id| rounds.iter().find(|r| r.id == id).map(|r| r.position));
    store
        .record(
            sid,
            fac,
            "day.round",
            serde_json::json!({"from": from, "to": to.position}),
        )
        .await?;
    *at = Some(to.id);
    Ok(())
}

/// The statements round: the facilitator adds [`STATEMENTS`], two people send one from their phones (one is
/// approved, one hidden with a reason, as the console does), and everyone votes on most approved statements
/// of others: camp A (55 %) and camp B as [`STATEMENTS`] says, a third of the rest disagreeing, the others
/// passing.
async fn statements_round(
    store: &Store,
    sid: i64,
    fac: &str,
    round: &Round,
    people: &[SeatPerson],
    rng: &mut Rng,
    out: &mut DaySummary,
) -> anyhow::Result<()> {
    let mut camp_share: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
    for (i, &(text, a, b)) in STATEMENTS.iter().enumerate() {
        let done = store
            .add_statement(
                sid,
                &NewStatement {
                    round_id: Some(round.id),
                    author: fac.to_string(),
                    text: text.into(),
                    submission_id: format!("demo-statement-{i}"),
                    approved: true,
                },
            )
            .await?;
        if let Submitted::Saved(id) = done {
            store
                .record(
                    sid,
                    fac,
                    "day.statement.add",
                    serde_json::json!({"statement": id, "text": text}),
                )
                .await?;
        }
        camp_share.insert(done.id(), (a, b));
        out.statements += 1;
    }
    let sent = [
        (
            "Maak van het oude stationsgebouw een ontmoetingsplek.",
            StatementModeration::Approve,
            "",
        ),
        (
            "Die ene buurman moet eindelijk zijn heg snoeien!",
            StatementModeration::Hide,
            "gaat over één persoon / about one person",
        ),
    ];
    for (i, (text, action, reason)) in sent.into_iter().enumerate() {
        let Some(person) = people.get(i) else { break };
        let done = store
            .add_statement(
                sid,
                &NewStatement {
                    round_id: Some(round.id),
                    author: format!("participant:{}", person.public_id),
                    text: text.into(),
                    submission_id: format!("demo-phone-statement-{i}"),
                    approved: false,
                },
            )
            .await?;
        let id = done.id();
        let before = store.statement(sid, id).await?;
        let after = store.moderate_statement(sid, id, &action, reason).await?;
        let (name, detail) = moderation_record(&action, &before, &after, reason);
        store.record(sid, fac, name, detail).await?;
        if after.approved() {
            camp_share.insert(id, (70, 65));
            out.statements += 1;
        }
    }
    let authors: BTreeMap<i64, String> = store
        .statements(sid)
        .await?
        .into_iter()
        .map(|s| (s.id, s.author))
        .collect();
    for person in people {
        let voter = format!("participant:{}", person.public_id);
        let camp_a = rng.below(100) < 55;
        for (&id, &(a, b)) in &camp_share {
            // Everyone votes on most statements, not all; never on their own (it counts as agreed).
            if rng.below(10) < 2 || authors.get(&id) == Some(&voter) {
                continue;
            }
            let agree = if camp_a { a } else { b };
            let roll = rng.below(100) as u64;
            let vote = if roll < agree {
                1
            } else if roll < agree + (100 - agree) * 2 / 3 {
                -1
            } else {
                0
            };
            store.cast_statement_vote(sid, id, &voter, vote).await?;
            out.statement_votes += 1;
        }
    }
    Ok(())
}

/// Runs the day on a seated demo hall; `facilitator` and `host` are the demo's users.
pub async fn simulate_day(
    store: &Store,
    summit: &Summit,
    facilitator: i64,
    host: i64,
) -> anyhow::Result<DaySummary> {
    let sid = summit.id;
    let fac = format!("user#{facilitator}");
    let host_actor = format!("user#{host}");
    let mut rng = Rng(20_270_313);
    let mut out = DaySummary::default();
    let rounds = store.rounds(sid).await?;
    let people = store.seat_people(sid).await?;
    if people.is_empty() {
        bail!("the demo day needs a seated hall");
    }
    let seats = store.seats(sid).await?;
    let mut at: Option<i64> = None;
    // ---- the morning: dialogue and agenda rounds collect keywords at every table ----
    for round in rounds.iter().filter(|r| {
        matches!(
            r.fields.kind,
            RoundKind::Dialogue | RoundKind::Agenda | RoundKind::Statements
        )
    }) {
        go(store, sid, &fac, &rounds, &mut at, round).await?;
        if round.fields.kind == RoundKind::Statements {
            statements_round(store, sid, &fac, round, &people, &mut rng, &mut out).await?;
            continue;
        }
        let mut tables: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for s in seats.iter().filter(|s| s.round_id == round.id) {
            tables
                .entry(s.table_id)
                .or_default()
                .push(s.registration_id);
        }
        for (table, sitting) in &tables {
            // The host types two of the table's keywords ...
            for k in 0..2 {
                let text = WORDS[rng.below(WORDS.len())];
                store
                    .add_keyword(
                        sid,
                        &NewKeyword {
                            round_id: round.id,
                            registration_id: None,
                            table_id: Some(*table),
                            entered_by: host_actor.clone(),
                            text: text.into(),
                            submission_id: format!("demo-host-{}-{table}-{k}", round.id),
                        },
                    )
                    .await?;
                out.keywords += 1;
            }
            // ... and one person at the table sends one from their phone.
            let who = sitting[rng.below(sitting.len())];
            let public_id = people
                .iter()
                .find(|p| p.registration_id == who)
                .map(|p| p.public_id.clone())
                .unwrap_or_default();
            store
                .add_keyword(
                    sid,
                    &NewKeyword {
                        round_id: round.id,
                        registration_id: Some(who),
                        table_id: None,
                        entered_by: format!("participant:{public_id}"),
                        text: WORDS[rng.below(WORDS.len())].into(),
                        submission_id: format!("demo-phone-{}-{who}", round.id),
                    },
                )
                .await?;
            out.keywords += 1;
        }
    }

    // ---- moderation and synonyms, as the console does ----
    let keywords = store.keywords(sid).await?;
    if let Some(k) = keywords.first() {
        let reason = "dubbel ingevoerd / entered twice";
        store
            .moderate_keyword(sid, k.id, &Moderation::Hide, reason)
            .await?;
        store
            .record(
                sid,
                &fac,
                "day.keyword.hide",
                serde_json::json!({"keyword": k.id, "original": k.original, "reason": reason}),
            )
            .await?;
    }
    for (word, canonical) in [
        ("bike lanes", "fietspaden"),
        ("public transport", "openbaar vervoer"),
        ("affordable housing", "betaalbare woningen"),
        ("solar panels", "zonnepanelen"),
    ] {
        store.set_synonym(sid, word, canonical).await?;
        store
            .record(
                sid,
                &fac,
                "day.synonym",
                serde_json::json!({"word": word, "canonical": canonical}),
            )
            .await?;
    }

    // ---- the facilitators adopt the suggested themes ----
    let keywords = store.keywords(sid).await?;
    let synonyms = store.synonyms(sid).await?;
    for s in suggest(&keywords, &synonyms)
        .into_iter()
        .filter(|s| !s.other)
        .take(10)
    {
        let ids: Vec<i64> = s.ids.split(',').filter_map(|i| i.parse().ok()).collect();
        let theme = store.create_theme(sid, &s.label, &ids).await?;
        store
            .record(
                sid,
                &fac,
                "day.theme.create",
                serde_json::json!({"theme": theme.id, "name": s.label, "keywords": ids}),
            )
            .await?;
        out.themes += 1;
    }
    let themes = store.themes(sid).await?;
    if themes.len() < 2 {
        bail!("the demo's keywords gave {} themes", themes.len());
    }

    // ---- the theme dot vote: 3 dots each, most people spread them over two themes ----
    let dots = 3;
    store.set_theme_vote(sid, "open", dots).await?;
    store
        .record(
            sid,
            &fac,
            "day.vote",
            serde_json::json!({"status": "open", "dots": dots}),
        )
        .await?;
    for p in &people {
        if rng.below(10) == 0 {
            continue; // some place no dots
        }
        // A skewed taste: lower-numbered themes are more popular.
        let a = rng.below(themes.len()).min(rng.below(themes.len()));
        let b = rng.below(themes.len());
        let mut mine = vec![(themes[a].id, 2)];
        if b == a {
            mine[0].1 = 3;
        } else {
            mine.push((themes[b].id, 1));
        }
        store.set_theme_dots(sid, p.registration_id, &mine).await?;
        out.dot_voters += 1;
    }
    store.set_theme_vote(sid, "closed", dots).await?;
    store
        .record(
            sid,
            &fac,
            "day.vote",
            serde_json::json!({"status": "closed", "dots": dots}),
        )
        .await?;

    // ---- theme tables for the proposals round (the console's run, done here in the foreground) ----
    let afternoon = rounds
        .iter()
        .find(|r| r.fields.kind == RoundKind::Proposals && r.fields.table_size > 0)
        .context("the demo programme has no proposals round at tables")?;
    let hall = Hall::load(store, sid).await?;
    let (results, _) = store.theme_results(sid).await?;
    let count = theme_tables::suggested_count(
        hall.people.len() as i64,
        afternoon.fields.table_size,
        hall.tables.len() as i64,
        results.len() as i64,
    ) as usize;
    let chosen: Vec<i64> = results.iter().take(count).map(|r| r.0).collect();
    store
        .start_theme_tables_run(sid, afternoon.id, count as i64, 0)
        .await?;
    store
        .record(
            sid,
            &fac,
            "day.theme_tables.started",
            serde_json::json!({"round": afternoon.position, "themes": chosen}),
        )
        .await?;
    let ballots = store.theme_dot_ballots(sid).await?;
    let (afternoon_id, seed) = (afternoon.id, sid as u64);
    let planned = tokio::task::spawn_blocking(move || {
        theme_tables::plan(&hall, afternoon_id, &chosen, &ballots, seed)
    })
    .await?
    .context("seating the demo's theme tables")?;
    store
        .finish_theme_tables_run(sid, afternoon.id, Ok(&planned))
        .await?;
    store
        .record(
            sid,
            "system",
            "day.theme_tables.finished",
            serde_json::json!({"seats": planned.seats.len(), "tables": planned.table_themes.len(),
                "by_rank": planned.by_rank, "unranked": planned.unranked}),
        )
        .await?;
    out.theme_tables = planned.table_themes.len();
    go(store, sid, &fac, &rounds, &mut at, afternoon).await?;

    // ---- proposals: two per theme, drafted at one of its tables and published ----
    let mut first_table: BTreeMap<i64, i64> = BTreeMap::new();
    for (table, theme) in &planned.table_themes {
        first_table.entry(*theme).or_insert(*table);
    }
    let names: BTreeMap<i64, String> = themes.iter().map(|t| (t.id, t.name.clone())).collect();
    for (theme, table) in &first_table {
        let name = names.get(theme).cloned().unwrap_or_default();
        for (i, (title, what, why, who, we)) in PROPOSAL_SHAPES.iter().enumerate() {
            let fields = ProposalFields {
                title: title.replace("{theme}", &name),
                what: what.replace("{theme}", &name),
                why: why.to_string(),
                who_does: who.to_string(),
                we_can_do: we.to_string(),
                cost: Some(10_000 * (i as i64 + 1)),
            };
            let Some(p) = store
                .add_proposal(
                    sid,
                    Some(*table),
                    Some(*theme),
                    &fields,
                    &format!("demo-proposal-{theme}-{i}"),
                )
                .await?
            else {
                continue;
            };
            store
                .record(
                    sid,
                    &host_actor,
                    "proposal.added",
                    serde_json::json!({"id": p.id, "title": p.title}),
                )
                .await?;
            store.set_proposal_published(sid, p.id, true).await?;
            store
                .record(
                    sid,
                    &host_actor,
                    "proposal.published",
                    serde_json::json!({"id": p.id}),
                )
                .await?;
            out.proposals += 1;
        }
    }

    // ---- the vote: approval of up to three proposals, a top 5, secret ballots from the phones ----
    if let Some(vote_round) = rounds.iter().find(|r| r.fields.kind == RoundKind::Vote) {
        go(store, sid, &fac, &rounds, &mut at, vote_round).await?;
    }
    let proposals = store.published_proposals(sid).await?;
    let options: Vec<(String, Option<i64>, i64)> = proposals
        .iter()
        .map(|p| (p.title.clone(), Some(p.id), p.cost.unwrap_or(0)))
        .collect();
    let new = NewVote {
        title: "Onze top 5 / Our top 5".into(),
        method: VoteMethod::Approval,
        max_choices: 3,
        seats: 5.min(options.len() as i64),
        budget: 0,
        hide_results: true,
    };
    let vote = store
        .create_vote(sid, &new, &options, "demo-vote")
        .await?
        .context("the demo's vote")?;
    store
        .record(
            sid,
            &fac,
            "vote.created",
            serde_json::json!({"id": vote.id, "title": vote.title, "method": vote.method}),
        )
        .await?;
    store.open_vote(sid, vote.id).await?;
    store
        .record(sid, &fac, "vote.opened", serde_json::json!({"id": vote.id}))
        .await?;
    let n = options.len();
    for p in &people {
        if rng.below(8) == 0 {
            continue; // not everyone votes
        }
        let mut picks: Vec<i64> = Vec::new();
        for _ in 0..3 {
            // Proposals early in the list (the popular themes) are liked more.
            let pos = rng.below(n).min(rng.below(n)) as i64 + 1;
            if !picks.contains(&pos) {
                picks.push(pos);
            }
        }
        picks.sort();
        let key = sha256_hex(&format!(
            "demo-ballot-key-{}-{}",
            vote.id, p.registration_id
        ));
        store
            .cast_ballot(
                vote.id,
                p.registration_id,
                &key,
                &Choice::Approve(picks).encode(),
                &format!("demo-ballot-{}-{}", vote.id, p.registration_id),
            )
            .await?;
        out.ballots += 1;
    }
    store.close_vote(sid, vote.id).await?;
    let vote = store.vote(sid, vote.id).await?;
    let vote_options = store.vote_options(vote.id).await?;
    let tr = g1000_web::i18n::Tr::new(
        g1000_web::i18n::Catalogues::load(),
        g1000_web::i18n::Lang::Nl,
    );
    let result = g1000_web::pages::vote::result(store, &tr, &vote, &vote_options)
        .await
        .map_err(|e| anyhow::anyhow!("counting the demo's vote: {e:?}"))?;
    let (phones, counted) = store.vote_counts(vote.id).await?;
    store
        .record(
            sid,
            &fac,
            "vote.closed",
            serde_json::json!({"id": vote.id, "voters_by_phone": phones, "paper_ballots": vote.paper_ballots,
                "ballots": counted, "chosen": result.chosen}),
        )
        .await?;
    out.chosen = result.chosen.clone();

    // ---- action groups for the chosen proposals, and people signing up ----
    let chosen = g1000_web::pages::actions::chosen_groups(&result.chosen, &vote_options);
    let made = store.ensure_action_groups(sid, vote.id, &chosen).await?;
    store
        .record(
            sid,
            &fac,
            "actions.groups_made",
            serde_json::json!({"vote_id": vote.id, "groups": made, "chosen": result.chosen}),
        )
        .await?;
    let groups = store.action_groups(sid).await?;
    if let Some(commit) = rounds
        .iter()
        .find(|r| r.fields.kind == RoundKind::Commitment)
    {
        go(store, sid, &fac, &rounds, &mut at, commit).await?;
    }
    for (i, p) in people.iter().enumerate() {
        if groups.is_empty() || rng.below(3) != 0 {
            continue;
        }
        let g = &groups[rng.below(groups.len())];
        let volunteer = i % 7 == 0;
        let joined = store
            .join_action_group(
                sid,
                g.id,
                p.registration_id,
                true,
                volunteer,
                &format!("demo-join-{}-{}", g.id, p.registration_id),
            )
            .await?;
        if joined {
            store
                .record(
                    sid,
                    &format!("participant:{}", p.public_id),
                    "actions.joined",
                    serde_json::json!({"group_id": g.id, "share_contact": true, "volunteer": volunteer}),
                )
                .await?;
            out.action_members += 1;
        }
    }
    Ok(out)
}
