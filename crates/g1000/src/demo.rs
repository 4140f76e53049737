//! `g1000 demo`: a realistic fictional summit for a walk-through.

use std::path::PathBuf;

use anyhow::{Context, bail};
use g1000_store::{
    DatabaseUrl, GroupFields, GroupKind, JoinMethod, Role, RoundFields, RoundKind, Store,
    SummitFields,
};

pub struct Login {
    pub role: &'static str,
    pub email: &'static str,
    pub password: &'static str,
}

const LOGINS: &[(&str, &str, &str, &str, Role)] = &[
    (
        "organiser",
        "anna@lindenhoven.example",
        "Anna de Vries",
        "demo-organiser",
        Role::Organiser,
    ),
    (
        "facilitator",
        "ruben@lindenhoven.example",
        "Ruben Bakker",
        "demo-facilitator",
        Role::Facilitator,
    ),
    (
        "table host",
        "fatima@lindenhoven.example",
        "Fatima El Amrani",
        "demo-tablehost",
        Role::TableHost,
    ),
];

/// The demo's database: the one given (which must be new or empty), else a new file in a fresh temporary folder.
pub fn database(given: Option<&str>) -> anyhow::Result<(String, Option<PathBuf>)> {
    match given {
        Some(url) => {
            if let DatabaseUrl::Sqlite(path) = DatabaseUrl::parse(url)?
                && path.exists()
                && std::fs::metadata(&path)
                    .map(|m| m.len() > 0)
                    .unwrap_or(false)
            {
                bail!(
                    "the demo needs a new database, but {} already exists; give another --database or leave it out",
                    path.display()
                );
            }
            Ok((url.to_string(), None))
        }
        None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let dir =
                std::env::temp_dir().join(format!("g1000-demo-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("creating the demo folder {}", dir.display()))?;
            let path = dir.join("demo.db");
            Ok((path.display().to_string(), Some(dir)))
        }
    }
}

/// Seed the fictional town of Lindenhoven's G1000: four stakeholder groups, a full programme, a team of three
/// and a completed recruitment (see [`crate::demo_recruitment`]); `base_url` is the address in the messages'
/// personal links. Returns the logins to print.
pub async fn seed(store: &Store, base_url: &str) -> anyhow::Result<Vec<Login>> {
    if store.organiser_exists().await? {
        bail!("the demo database already has accounts; the demo needs a new database");
    }
    let mut users = vec![];
    for (_, email, name, password, _) in LOGINS {
        let hash = g1000_web::security::hash_password(password.to_string())
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let is_organiser = email.starts_with("anna");
        users.push(
            store
                .create_user(email, name, Some(&hash), is_organiser)
                .await?,
        );
    }
    let summit_fields = SummitFields {
                name: "G1000 Lindenhoven".into(),
                community: "Gemeente Lindenhoven".into(),
                date: "2027-03-13".into(),
                start_time: "09:30".into(),
                venue: "Sporthal De Linde, Parkweg 12, Lindenhoven".into(),
                capacity: 1000,
                languages: vec!["nl".into(), "en".into(), "ngt".into()],
                description: "Op zaterdag 13 maart 2027 praten duizend inwoners, ondernemers, ambtenaren en \
                    vrijdenkers van Lindenhoven een dag lang met elkaar over de toekomst van onze gemeente. \
                    Georganiseerd door Stichting Burgertop Lindenhoven, een groep vrijwilligers.\n\n\
                    De sporthal is rolstoeltoegankelijk, heeft een ringleiding en ligt op vijf minuten \
                    lopen van station Lindenhoven."
                    .into(),
        };
    let summit = store.create_summit(&summit_fields, &users[0]).await?;
    let actor = format!("user#{}", users[0].id);
    // The demo's set-up leaves the same audit record as set-up through the pages would.
    let detail = serde_json::to_value(&summit_fields)?;
    store
        .record(summit.id, &actor, "summit.created", detail)
        .await?;
    for (_, _, _, _, role) in &LOGINS[1..] {
        let user = &users[LOGINS.iter().position(|l| l.4 == *role).expect("listed")];
        store.add_member(summit.id, user.id, *role).await?;
        let detail = serde_json::json!({"member": format!("user#{}", user.id), "role": role});
        store
            .record(summit.id, &actor, "team.added", detail)
            .await?;
    }
    let groups = [
        (
            "Ingelote burgers",
            GroupKind::Citizens,
            crate::demo_recruitment::LOTTERY_SEATS,
            JoinMethod::Lottery,
            None,
        ),
        (
            "Werkgevers",
            GroupKind::Employers,
            100,
            JoinMethod::Invitation,
            None,
        ),
        (
            "Overheid",
            GroupKind::Government,
            100,
            JoinMethod::Invitation,
            None,
        ),
        (
            "Vrijdenkers",
            GroupKind::FreeThinkers,
            100,
            JoinMethod::Open,
            Some(150),
        ),
    ];
    for (name, kind, seat_target, join_method, open_cap) in groups {
        let g = store
            .add_group(
                summit.id,
                &GroupFields {
                    name: name.into(),
                    kind,
                    seat_target,
                    join_method,
                    open_cap,
                },
            )
            .await?;
        let detail = serde_json::to_value(&g)?;
        store
            .record(summit.id, &actor, "group.added", detail)
            .await?;
    }
    let rounds = [
        (RoundKind::Welcome, "", 30, 0),
        (
            RoundKind::Dialogue,
            "Wat maakt Lindenhoven voor u een goede plek om te wonen?",
            45,
            10,
        ),
        (
            RoundKind::Dialogue,
            "Wat zou u in Lindenhoven willen veranderen, en waarom?",
            45,
            10,
        ),
        (
            RoundKind::Dialogue,
            "Wat kunnen wij als inwoners zelf doen?",
            45,
            10,
        ),
        (
            RoundKind::Statements,
            "Welke uitspraken over Lindenhoven delen wij, en waar verschillen wij?",
            30,
            0,
        ),
        (
            RoundKind::Agenda,
            "Welke thema's vinden wij samen het belangrijkst?",
            40,
            10,
        ),
        (
            RoundKind::Proposals,
            "Werk uw thema uit tot een concreet voorstel.",
            90,
            8,
        ),
        (
            RoundKind::Vote,
            "Welke tien voorstellen willen wij samen uitvoeren?",
            30,
            0,
        ),
        (
            RoundKind::Commitment,
            "Met welk voorstel gaat u aan de slag?",
            30,
            0,
        ),
        (RoundKind::Closing, "", 20, 0),
    ];
    for (kind, question, duration_min, table_size) in rounds {
        let r = store
            .add_round(
                summit.id,
                &RoundFields {
                    kind,
                    question: question.into(),
                    duration_min,
                    table_size,
                },
            )
            .await?;
        let detail = serde_json::to_value(&r)?;
        store
            .record(summit.id, &actor, "round.added", detail)
            .await?;
    }
    let host = users[LOGINS
        .iter()
        .position(|l| l.4 == Role::TableHost)
        .expect("listed")]
    .id;
    store.set_published(summit.id, true).await?;
    let detail = serde_json::json!({});
    store
        .record(summit.id, &actor, "summit.published", detail)
        .await?;
    crate::demo_recruitment::recruit(store, &summit, &actor, base_url).await?;
    // Seat the confirmed hall that the recruitment left.
    crate::demo_seating::seat_demo_hall(store, &summit, Some(host)).await?;
    let facilitator = users[LOGINS
        .iter()
        .position(|l| l.4 == Role::Facilitator)
        .expect("listed")]
    .id;
    crate::demo_day::simulate_day(store, &summit, facilitator, host).await?;
    Ok(LOGINS
        .iter()
        .map(|(role, email, _, password, _)| Login {
            role,
            email,
            password,
        })
        .collect())
}
