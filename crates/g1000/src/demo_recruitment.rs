//! The demo's completed recruitment: registrations for every group (generated deterministically), a real stage-2
//! selection for the lottery group through the same library calls the web app's selection pages make (quotas
//! suggested from the community's shares, the engine run, the commitment, a ticket, panel and ordered reserves,
//! messages), answers through the same store calls as the personal links (most confirm, one declines and is
//! replaced by a reserve who keeps every quota), and the invited and open groups filled through their channels.
//!
//! Sizes: the lottery group draws 80 seats from 150 registrations (LEXIMIN over that pool takes seconds; a
//! 700-seat lottery would make the demo slow to start). The other groups fill their 100 seats each.

use anyhow::{Context, bail};
use g1000_store::{
    AccessNeeds, AttributeFields, Band, BatchKind, JoinMethod, NewRegistration, Quota,
    RegistrationStatus, Store, Summit, VacancyReason, Via,
};
use g1000_web::selection::{self as engine};
use g1000_web::selection_steps as steps;

/// Seats of the lottery group in the demo, and how many registered for them.
pub const LOTTERY_SEATS: i64 = 80;
pub const LOTTERY_REGISTRATIONS: usize = 150;
/// The ticket "drawn in public" in the demo.
pub const DEMO_TICKET: i64 = 421;
/// The confirmation deadline of the demo.
pub const DEADLINE: &str = "2027-02-27";
/// Selected people in the demo who have not answered yet.
pub const STILL_WAITING: usize = 3;

/// A small deterministic generator (SplitMix64): the demo is the same every time.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len() as u64) as usize]
    }
    /// A band label drawn with the given weights (per mille).
    fn weighted(&mut self, bands: &[(&str, i64)]) -> String {
        let total: i64 = bands.iter().map(|b| b.1).sum();
        let mut r = self.below(total as u64) as i64;
        for (label, w) in bands {
            if r < *w {
                return label.to_string();
            }
            r -= w;
        }
        bands[bands.len() - 1].0.to_string()
    }
}

const FIRST: &[&str] = &[
    "Anouk", "Bram", "Daan", "Emma", "Fenna", "Gijs", "Hanna", "Iris", "Jasper", "Kees", "Lotte",
    "Mohammed", "Noor", "Otto", "Priya", "Quinten", "Rosa", "Sem", "Tess", "Umar", "Vera",
    "Willem", "Yara", "Zeynep", "Ahmet", "Bart", "Carla", "Dewi", "Eline", "Finn",
];
const LAST: &[&str] = &[
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Yilmaz",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "El Idrissi",
    "Dekker",
    "Kramer",
    "Brouwer",
    "Nguyen",
];

/// The attributes of the demo, with the community's shares (per mille).
const ATTRIBUTES: &[(&str, &[(&str, i64)])] = &[
    (
        "Leeftijd",
        &[("16-29", 200), ("30-49", 330), ("50-64", 250), ("65+", 220)],
    ),
    ("Gender", &[("Vrouw", 505), ("Man", 495)]),
    (
        "Wijk",
        &[
            ("Centrum", 300),
            ("Noord", 250),
            ("Zuid", 250),
            ("Buitengebied", 200),
        ],
    ),
];

fn person(
    g: &mut Gen,
    group_id: i64,
    bands: Vec<(i64, String)>,
    tag: &str,
    i: usize,
) -> NewRegistration {
    let (first, last) = (g.pick(FIRST), g.pick(LAST));
    let english = g.below(100) < 15;
    let slug: String = format!("{first}.{last}")
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    NewRegistration {
        group_id,
        public_id: engine::new_pseudonym(),
        language: if english { "en" } else { "nl" }.into(),
        can_attend: g.below(100) >= 4,
        name: format!("{first} {last}"),
        email: Some(format!("{slug}.{tag}{i}@lindenhoven.example")),
        phone: None,
        bands,
        needs: AccessNeeds {
            wheelchair: g.below(100) < 3,
            hearing_loop: g.below(100) < 3,
            diet: if g.below(100) < 20 {
                vec!["vegetarian".into()]
            } else {
                vec![]
            },
            ..Default::default()
        },
        privacy_version: "1".into(),
    }
}

/// Import `n` code hashes for a group (codes nobody holds: the demo registers in their place) and return them.
async fn codes(
    store: &Store,
    summit: &Summit,
    group_id: i64,
    kind: BatchKind,
    tag: &str,
    n: usize,
) -> anyhow::Result<Vec<String>> {
    let hashes: Vec<String> = (0..n)
        .map(|i| g1000_web::security::sha256_hex(&format!("demo {tag} code {i}")))
        .collect();
    let salt = g1000_web::security::sha256_hex(&format!("demo {tag} salt"));
    let file = g1000_web::security::sha256_hex(&hashes.join("\n"));
    store
        .import_codes(summit.id, group_id, kind, &salt, &file, &hashes)
        .await?;
    Ok(hashes)
}

async fn audit(
    store: &Store,
    summit: &Summit,
    actor: &str,
    action: &str,
    detail: serde_json::Value,
) -> anyhow::Result<()> {
    store.record(summit.id, actor, action, detail).await?;
    Ok(())
}

/// Recruit the demo summit's hall. `actor` is the organiser (`user#ID`), `base_url` the address in messages.
pub async fn recruit(
    store: &Store,
    summit: &Summit,
    actor: &str,
    base_url: &str,
) -> anyhow::Result<()> {
    let mut g = Gen(20_270_313);
    let mut attributes = vec![];
    for (name, bands) in ATTRIBUTES {
        let fields = AttributeFields {
            name: name.to_string(),
            bands: bands
                .iter()
                .map(|(label, share)| Band {
                    label: label.to_string(),
                    share_permille: Some(*share),
                })
                .collect(),
        };
        let a = store.add_attribute(summit.id, &fields).await?;
        audit(
            store,
            summit,
            actor,
            "attribute.added",
            serde_json::to_value(&a)?,
        )
        .await?;
        attributes.push(a);
    }
    let groups = store.groups(summit.id).await?;
    for group in &groups {
        let (n, kind, tag) = match group.fields.join_method {
            JoinMethod::Lottery => (LOTTERY_REGISTRATIONS, Some(BatchKind::Letters), "letter"),
            JoinMethod::Invitation => (
                group.fields.seat_target as usize,
                Some(BatchKind::Links),
                "link",
            ),
            JoinMethod::Open => (group.fields.seat_target as usize, None, "open"),
        };
        let hashes = match kind {
            Some(k) => codes(store, summit, group.id, k, &format!("{tag}{}", group.id), n).await?,
            None => vec![],
        };
        for i in 0..n {
            let bands = ATTRIBUTES
                .iter()
                .zip(&attributes)
                .map(|((_, shares), a)| (a.id, g.weighted(shares)))
                .collect();
            let mut r = person(&mut g, group.id, bands, &format!("{tag}{}-", group.id), i);
            if group.fields.join_method != JoinMethod::Lottery {
                // Invited and open seats are taken by people who come.
                r.can_attend = true;
            }
            let via = match hashes.get(i) {
                Some(h) => Via::Code {
                    code_hash: h.clone(),
                },
                None => Via::Open,
            };
            let row = store.register(summit.id, &via, &r).await.map_err(|e| {
                anyhow::anyhow!("demo registration {i} of {}: {e}", group.fields.name)
            })?;
            if group.fields.join_method != JoinMethod::Lottery {
                // Invited and open seats need no draw: the registration is the confirmation.
                store
                    .set_registration_status(row.id, RegistrationStatus::Confirmed, None)
                    .await?;
            }
        }
    }
    let lottery = groups
        .iter()
        .find(|g| g.fields.join_method == JoinMethod::Lottery)
        .context("the demo has a lottery group")?;
    select(store, summit, lottery.id, actor, base_url).await
}

/// The stage-2 selection as the selection pages run it, then the answers.
async fn select(
    store: &Store,
    summit: &Summit,
    group_id: i64,
    actor: &str,
    base_url: &str,
) -> anyhow::Result<()> {
    let attributes = store.attributes(summit.id).await?;
    let eligible = store.eligible_registrations(summit.id, group_id).await?;
    let quotas: Vec<Quota> = engine::suggest(&attributes, &eligible, LOTTERY_SEATS)
        .into_iter()
        .map(|s| Quota {
            attribute_id: s.attribute_id,
            band: s.band,
            min_seats: s.min_seats,
            max_seats: s.max_seats,
        })
        .collect();
    store
        .save_selection_quotas(summit.id, group_id, LOTTERY_SEATS, &quotas)
        .await?;
    audit(
        store,
        summit,
        actor,
        "selection.quotas_saved",
        serde_json::json!({"group_id": group_id, "seats": LOTTERY_SEATS, "quotas": quotas}),
    )
    .await?;
    let features = engine::features_csv(&attributes, &quotas);
    let (people, pool) = engine::people_csv(&attributes, &eligible);
    let started = steps::start_run(
        store,
        summit.id,
        group_id,
        LOTTERY_SEATS,
        &features,
        &people,
        &pool,
        false,
        g1000_store::now_ms(),
        actor,
    )
    .await?;
    let (f, p) = (features.clone(), people.clone());
    let files = tokio::task::spawn_blocking(move || {
        engine::run(&f, &p, LOTTERY_SEATS as u32, 20_270_313, &mut |_, _| {})
    })
    .await?
    .map_err(|e| anyhow::anyhow!("the demo's selection: {e}"))?;
    let run_id = started.run_started_at.unwrap_or_default();
    if !steps::finish_run(store, summit.id, run_id, Ok(&files)).await? {
        bail!("the demo's selection run was superseded");
    }
    steps::commit(store, summit.id, actor).await?;
    steps::draw_ticket(store, summit, DEMO_TICKET, actor, base_url).await?;
    store.set_confirmation_deadline(summit.id, DEADLINE).await?;
    audit(
        store,
        summit,
        actor,
        "selection.deadline_set",
        serde_json::json!({"deadline": DEADLINE}),
    )
    .await?;

    // The answers: the first selected person declines and a reserve takes the seat; all but a few confirm.
    let mut panel: Vec<_> = store
        .registrations(summit.id)
        .await?
        .into_iter()
        .filter(|r| r.status() == Some(RegistrationStatus::Selected))
        .collect();
    panel.sort_by_key(|r| r.id);
    // The one who declines: the first on the panel with a reserve in exactly their bands, so a replacement that
    // keeps every quota exists whatever the draw was (fresh random pool pseudonyms make each demo's draw differ).
    let reserves = store.selection_reserves(summit.id).await?;
    let mut reserve_bands = Vec::with_capacity(reserves.len());
    for m in &reserves {
        reserve_bands.push(store.registration_bands(m.registration_id).await?);
    }
    let mut at = 0;
    for (i, r) in panel.iter().enumerate() {
        if reserve_bands.contains(&store.registration_bands(r.id).await?) {
            at = i;
            break;
        }
    }
    let decliner = panel.remove(at);
    answer(store, summit, &decliner, false).await?;
    let by = g1000_web::replacement::fill_vacancy(
        store,
        summit,
        &decliner,
        VacancyReason::Declined,
        &format!("registration:{}", decliner.public_id),
        base_url,
    )
    .await?;
    panel.extend(by);
    let confirming = panel.len().saturating_sub(STILL_WAITING);
    for r in &panel[..confirming] {
        answer(store, summit, r, true).await?;
    }
    Ok(())
}

/// A selected person's answer, as through their personal link.
async fn answer(
    store: &Store,
    summit: &Summit,
    r: &g1000_store::RegistrationRow,
    confirm: bool,
) -> anyhow::Result<()> {
    let outcome = store.answer_selection(r.id, confirm).await?;
    let g1000_store::Answer::Recorded(status) = outcome else {
        bail!(
            "the demo's answer for {} was not recorded: {outcome:?}",
            r.public_id
        );
    };
    audit(
        store,
        summit,
        &format!("registration:{}", r.public_id),
        if confirm {
            "selection.confirmed"
        } else {
            "selection.declined"
        },
        serde_json::json!({"public_id": r.public_id, "group_id": r.group_id, "status": status.as_str()}),
    )
    .await
}
