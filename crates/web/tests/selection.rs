//! Stage 2 selection through the real app on both backends: quotas (suggested, validated per field), a background
//! run with visible progress, the fairness report, the commitment, the ticket, and the public proof files that
//! `g1000 sortition verify` accepts (checked here with the engine's own verification function, exactly as the
//! command calls it; `crates/g1000/tests/selection_verify.rs` runs the binary itself).

mod common;

use std::time::Duration;

use common::{Client, TestApp, location};
use g1000_store::{
    AttributeFields, Band, BatchKind, GroupFields, GroupKind, JoinMethod, NewRegistration, Quota,
    RegistrationStatus, Store, Summit, SummitFields, User, VacancyReason, Via,
};

both_backends!(
    selection_from_quotas_to_a_verified_public_draw,
    everyone_is_admitted_when_fewer_register_than_seats,
    deadline_no_shows_and_deleted_data_are_replaced,
);

pub struct Town {
    pub summit: Summit,
    pub group: i64,
    pub age: i64,
    pub district: i64,
}

fn fields(name: &str) -> SummitFields {
    SummitFields {
        name: name.into(),
        community: "Lindenhoven".into(),
        date: "2027-03-14".into(),
        start_time: "09:30".into(),
        venue: "Sporthal".into(),
        capacity: 100,
        languages: vec!["nl".into(), "en".into()],
        description: String::new(),
    }
}

/// A published summit with a lottery group of `seats`, two attributes (age with community shares, district
/// without) and `people` registrations through letter codes (one more who cannot attend).
pub async fn town(store: &Store, owner: &User, name: &str, seats: i64, people: usize) -> Town {
    let summit = store.create_summit(&fields(name), owner).await.unwrap();
    store.set_published(summit.id, true).await.unwrap();
    let group = store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Ingelote burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: seats,
                join_method: JoinMethod::Lottery,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let band = |l: &str, p: Option<i64>| Band {
        label: l.into(),
        share_permille: p,
    };
    let age = store
        .add_attribute(
            summit.id,
            &AttributeFields {
                name: "Leeftijd".into(),
                bands: vec![band("16-39", Some(500)), band("40+", Some(500))],
            },
        )
        .await
        .unwrap();
    let district = store
        .add_attribute(
            summit.id,
            &AttributeFields {
                name: "Wijk".into(),
                bands: vec![band("Noord", None), band("Zuid", None)],
            },
        )
        .await
        .unwrap();
    let hashes: Vec<String> = (0..=people)
        .map(|i| format!("{:064x}", summit.id * 100_000 + i as i64))
        .collect();
    store
        .import_codes(
            summit.id,
            group.id,
            BatchKind::Letters,
            &format!("{:064x}", summit.id),
            "f",
            &hashes,
        )
        .await
        .unwrap();
    for (i, h) in hashes.iter().enumerate() {
        let r = NewRegistration {
            group_id: group.id,
            public_id: format!("reg-{}-{i}", summit.id),
            language: "nl".into(),
            can_attend: i < people,
            name: format!("Inwoner Nummer{i}"),
            email: Some(format!("inwoner{i}@example.org")),
            phone: None,
            bands: vec![
                (age.id, if i % 3 == 0 { "40+" } else { "16-39" }.into()),
                (
                    district.id,
                    if i % 2 == 0 { "Noord" } else { "Zuid" }.into(),
                ),
            ],
            needs: Default::default(),
            privacy_version: "1".into(),
        };
        store
            .register(
                summit.id,
                &Via::Code {
                    code_hash: h.clone(),
                },
                &r,
            )
            .await
            .unwrap();
    }
    Town {
        summit,
        group: group.id,
        age: age.id,
        district: district.id,
    }
}

/// Wait until the selection page shows `needle` (the engine runs in the background).
async fn wait_for(c: &Client, path: &str, needle: &str) -> String {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(120);
    loop {
        let page = c.text(path).await;
        if page.contains(needle) {
            return page;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no '{needle}' on {path}:\n{page}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

async fn download(c: &Client, slug: &str, file: &str) -> String {
    let res = c.get(&format!("/s/{slug}/selection/{file}")).await;
    assert_eq!(res.status(), 200, "{file}");
    res.text().await.unwrap()
}

fn sha256(s: &str) -> String {
    common::sha256_hex(s)
}

async fn selection_from_quotas_to_a_verified_public_draw(app: TestApp) {
    let (org, mut c) = app.user_client("org@example.org", true).await;
    let t = town(&app.store, &org, "Loting", 6, 24).await;
    let slug = &t.summit.slug;
    let path = format!("/manage/{slug}/selection");

    // The page lists who can be drawn (not the person who cannot attend) and suggests quotas.
    let page = c.text(&path).await;
    assert!(
        page.contains("24 mensen kunnen worden geloot voor 6 plaatsen"),
        "{page}"
    );
    assert!(page.contains("reg-"), "registration numbers listed");
    assert!(!page.contains("Inwoner"), "no names on the selection page");
    // Community shares 50/50 of 6 seats: 3 each, give or take 1.
    assert!(page.contains(&format!("name=\"q-{}-1-min\"", t.age)));
    assert!(page.contains("2–4"), "suggested 2 to 4: {page}");

    // Validation names the field: min above max, and maxima that cannot fill the seats.
    let a = t.age.to_string();
    let d = t.district.to_string();
    let q = |attr: &str, i: u32, m: &str| format!("q-{attr}-{i}-{m}");
    let (a1min, a1max, a2min, a2max) = (
        q(&a, 1, "min"),
        q(&a, 1, "max"),
        q(&a, 2, "min"),
        q(&a, 2, "max"),
    );
    let (d1min, d1max, d2min, d2max) = (
        q(&d, 1, "min"),
        q(&d, 1, "max"),
        q(&d, 2, "min"),
        q(&d, 2, "max"),
    );
    let bad = [
        (a1min.as_str(), "4"),
        (a1max.as_str(), "3"),
        (a2min.as_str(), "2"),
        (a2max.as_str(), "4"),
        (d1min.as_str(), "2"),
        (d1max.as_str(), "4"),
        (d2min.as_str(), "x"),
        (d2max.as_str(), "4"),
    ];
    let res = c.post(&path, &bad).await;
    assert_eq!(res.status(), 422);
    let html = res.text().await.unwrap();
    assert!(html.contains(&format!("href=\"#f-{a1min}\"")), "{html}");
    assert!(
        html.contains("Leeftijd – 16-39: het minimum is groter dan het maximum"),
        "{html}"
    );
    assert!(html.contains("Wijk – Zuid: vul als minimum een heel getal van 0 tot en met 6 in"));
    assert!(html.contains("value=\"x\""), "entered values are kept");
    let short = [
        (a1min.as_str(), "0"),
        (a1max.as_str(), "2"),
        (a2min.as_str(), "0"),
        (a2max.as_str(), "2"),
        (d1min.as_str(), "2"),
        (d1max.as_str(), "4"),
        (d2min.as_str(), "2"),
        (d2max.as_str(), "4"),
    ];
    let html = c.post(&path, &short).await.text().await.unwrap();
    assert!(
        html.contains("Leeftijd: de maxima zijn samen 4, minder dan de 6 plaatsen"),
        "{html}"
    );

    let good = [
        (a1min.as_str(), "3"),
        (a1max.as_str(), "4"),
        (a2min.as_str(), "2"),
        (a2max.as_str(), "3"),
        (d1min.as_str(), "2"),
        (d1max.as_str(), "4"),
        (d2min.as_str(), "2"),
        (d2max.as_str(), "4"),
    ];
    let res = c.post(&path, &good).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("{path}#quotas"));

    // Run: in the background, then the report.
    let res = c.post(&format!("{path}/run"), &[]).await;
    assert_eq!(res.status(), 303);
    let page = wait_for(&c, &path, "klaar om de vastlegging te publiceren").await;
    assert!(page.contains("<svg class=\"chart probability\""), "{page}");
    assert!(page.contains("<title id=\"chart-title\">"));
    assert!(page.contains("<desc id=\"chart-desc\">"));
    assert!(page.contains("id=\"probabilities\""), "table alternative");
    assert!(page.contains("id=\"quota-report\""));
    assert!(page.contains("Kleinste kans:"));
    // Nothing is public before the commitment.
    let anon = app.client();
    assert_eq!(
        anon.get(&format!("/s/{slug}/selection/people.csv"))
            .await
            .status(),
        404
    );
    assert!(
        !anon
            .text(&format!("/s/{slug}"))
            .await
            .contains("id=\"selection\"")
    );
    // A ticket before the commitment is refused.
    let res = c.post(&format!("{path}/draw"), &[("ticket", "5")]).await;
    assert_eq!(res.status(), 409);

    // Commitment: frozen from now on.
    let res = c.post(&format!("{path}/commit"), &[]).await;
    assert_eq!(res.status(), 303);
    let page = c.text(&path).await;
    assert!(page.contains("id=\"commitment-hash\""), "{page}");
    let res = c.post(&path, &good).await;
    assert_eq!(res.status(), 409, "quotas are frozen after the commitment");
    let res = c.post(&format!("{path}/run"), &[]).await;
    assert_eq!(res.status(), 409, "the pool is frozen after the commitment");

    // The public page shows the commitment before the draw, and the files match it.
    let public = anon.text(&format!("/s/{slug}")).await;
    assert!(public.contains("id=\"selection\""), "{public}");
    let commitment = download(&anon, slug, "commitment.json").await;
    assert!(public.contains(&sha256(&commitment)));
    // In this small town some combinations of bands hold fewer than five people (40+ in Noord: 4), so the pool
    // file is not public: the page says why, does not link it, and refuses it to the public; the organisers
    // download it for the auditors, who check it against the public commitment.
    assert!(public.contains("id=\"selection-pool-private\""), "{public}");
    assert!(!public.contains("/selection/people.csv\""), "{public}");
    assert_eq!(
        anon.get(&format!("/s/{slug}/selection/people.csv"))
            .await
            .status(),
        403
    );
    let people = download(&c, slug, "people.csv").await;
    assert_eq!(
        g1000_web::selection::smallest_combination(&people),
        Some(4),
        "{people}"
    );
    let features = download(&anon, slug, "features.csv").await;
    let distribution = download(&anon, slug, "distribution.json").await;
    let lottery = download(&anon, slug, "lottery.json").await;
    let c_json: serde_json::Value = serde_json::from_str(&commitment).unwrap();
    assert_eq!(c_json["people_sha256"], sha256(&people));
    assert_eq!(c_json["features_sha256"], sha256(&features));
    assert_eq!(c_json["lottery_sha256"], sha256(&lottery));
    assert_eq!(c_json["distribution_sha256"], sha256(&distribution));
    assert_eq!(c_json["engine"], g1000_sortition::ENGINE);
    assert!(
        !people.contains("reg-") && !people.contains("Inwoner"),
        "pseudonyms only: {people}"
    );
    assert_eq!(people.lines().count(), 25, "a header and 24 people");
    assert_eq!(
        anon.get(&format!("/s/{slug}/selection/draw.json"))
            .await
            .status(),
        404
    );

    // The ticket: out of range is explained next to the field; then the draw.
    for bad in ["0", "1001", "zeven"] {
        let res = c.post(&format!("{path}/draw"), &[("ticket", bad)]).await;
        assert_eq!(res.status(), 422, "{bad}");
        let html = res.text().await.unwrap();
        assert!(html.contains("id=\"e-ticket\""), "{html}");
    }
    let res = c.post(&format!("{path}/draw"), &[("ticket", "17")]).await;
    assert_eq!(res.status(), 303);
    let page = c.text(&path).await;
    assert!(page.contains("id=\"drawn-ticket\""), "{page}");
    assert!(page.contains("6 mensen geloot"));
    let public = anon.text(&format!("/s/{slug}")).await;
    assert!(public.contains("id=\"public-ticket\""));
    let draw = download(&anon, slug, "draw.json").await;

    // What the public page publishes passes `g1000 sortition verify`.
    let d: g1000_sortition::DistributionFile = serde_json::from_str(&distribution).unwrap();
    let l: g1000_sortition::LotteryFile = serde_json::from_str(&lottery).unwrap();
    let req = g1000_sortition::request_for(
        &d,
        "features.csv",
        features.as_bytes(),
        "people.csv",
        people.as_bytes(),
    )
    .unwrap();
    let fails = g1000_sortition::verify(&req, &d, Some((&l, distribution.as_bytes())));
    assert!(fails.is_empty(), "verify: {fails:?}");
    let r: g1000_sortition::ReserveFile = serde_json::from_str(&draw).unwrap();
    assert_eq!(r.panel, l.draw(17).unwrap());
    assert_eq!(r.parameters.ticket, 17);
    assert_eq!(r.inputs.lottery_sha256, sha256(&lottery));
    assert_eq!(r.inputs.people_sha256, sha256(&people));

    // Registrations: selected, reserve (in list order), not selected.
    let regs = app.store.registrations(t.summit.id).await.unwrap();
    let count = |s: RegistrationStatus| regs.iter().filter(|r| r.status() == Some(s)).count();
    assert_eq!(count(RegistrationStatus::Selected), 6);
    assert_eq!(count(RegistrationStatus::Unavailable), 1);
    let reserves = app.store.selection_reserves(t.summit.id).await.unwrap();
    assert_eq!(count(RegistrationStatus::Reserve), reserves.len());
    assert_eq!(
        count(RegistrationStatus::Reserve) + count(RegistrationStatus::NotSelected),
        18
    );
    let listed: Vec<&str> = r
        .reserves
        .iter()
        .filter(|e| e.depth.is_some())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(
        reserves
            .iter()
            .map(|m| m.pseudonym.as_str())
            .collect::<Vec<_>>(),
        listed
    );
    assert!(
        reserves
            .iter()
            .enumerate()
            .all(|(i, m)| m.reserve_rank == Some(i as i64 + 1))
    );

    // Everyone drawn from gets a message in the outbox that matches their outcome.
    for reg in &regs {
        let kind = match reg.status() {
            Some(RegistrationStatus::Selected) => "selected",
            Some(RegistrationStatus::Reserve) => "reserve",
            Some(RegistrationStatus::NotSelected) => "not_selected",
            _ => continue,
        };
        let msgs = app
            .store
            .messages_to(t.summit.id, &reg.public_id)
            .await
            .unwrap();
        assert_eq!(
            msgs.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(),
            [kind],
            "{}",
            reg.public_id
        );
        assert_eq!(msgs[0].status, "queued");
        if kind == "selected" {
            assert!(msgs[0].body.contains("/c/"), "a personal link to confirm");
        }
    }

    // A selected person declines through their personal link: the first reserve who keeps the quotas is
    // invited in their place and gets a message; the panel still meets every quota.
    let quotas = {
        let sel = app.store.selection(t.summit.id).await.unwrap().unwrap();
        app.store.selection_quotas(sel.id).await.unwrap()
    };
    let decliner = regs
        .iter()
        .find(|r| r.status() == Some(RegistrationStatus::Selected))
        .unwrap();
    let body = app
        .store
        .messages_to(t.summit.id, &decliner.public_id)
        .await
        .unwrap()[0]
        .body
        .clone();
    let token = body
        .split("/c/")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap()
        .to_string();
    let mut p = app.client();
    let res = p
        .post(&format!("/c/{token}"), &[("answer", "decline")])
        .await;
    assert_eq!(res.status(), 303);
    let after = app.store.registrations(t.summit.id).await.unwrap();
    let status_of = |id: i64| after.iter().find(|r| r.id == id).unwrap().status();
    assert_eq!(status_of(decliner.id), Some(RegistrationStatus::Declined));
    let newly: Vec<_> = after
        .iter()
        .filter(|r| {
            r.status() == Some(RegistrationStatus::Selected)
                && regs
                    .iter()
                    .any(|o| o.id == r.id && o.status() == Some(RegistrationStatus::Reserve))
        })
        .collect();
    assert_eq!(newly.len(), 1, "one reserve takes the seat");
    let kinds: Vec<String> = app
        .store
        .messages_to(t.summit.id, &newly[0].public_id)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(kinds, ["reserve", "replacement"]);
    let panel: Vec<_> = after
        .iter()
        .filter(|r| r.status() == Some(RegistrationStatus::Selected))
        .collect();
    assert_eq!(panel.len(), 6);
    for q in &quotas {
        let mut n = 0;
        for r in &panel {
            let bands = app.store.registration_bands(r.id).await.unwrap();
            if bands.contains(&(q.attribute_id, q.band.clone())) {
                n += 1;
            }
        }
        assert!(
            (q.min_seats..=q.max_seats).contains(&n),
            "{} {}: {n}",
            q.attribute_id,
            q.band
        );
    }

    // Audit record: every decision, without names.
    let events = app.store.audit_events(t.summit.id).await.unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "selection.quotas_saved",
        "selection.run_started",
        "selection.run_finished",
        "selection.committed",
        "selection.drawn",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let audit =
        serde_json::to_string(&events.iter().map(|e| &e.detail).collect::<Vec<_>>()).unwrap();
    assert!(!audit.contains("Inwoner"));

    // English too.
    let mut en = app.client();
    en.set_cookie("g1000_lang", "en");
    let public = en.text(&format!("/s/{slug}")).await;
    assert!(public.contains("Ticket drawn in public:"), "{public}");
    let _ = org;
}

async fn everyone_is_admitted_when_fewer_register_than_seats(app: TestApp) {
    let (org, mut c) = app.user_client("org@example.org", true).await;
    let t = town(&app.store, &org, "Klein", 10, 4).await;
    let slug = &t.summit.slug;
    let path = format!("/manage/{slug}/selection");
    let page = c.text(&path).await;
    assert!(page.contains("geen loting nodig"), "{page}");
    // No quotas are needed: freeze the pool and admit everyone.
    let res = c.post(&format!("{path}/run"), &[]).await;
    assert_eq!(res.status(), 303);
    let page = c.text(&path).await;
    assert!(page.contains("id=\"admit-everyone\""), "{page}");
    assert!(
        page.contains("iedereen krijgt een plaats, er is geen loting"),
        "{page}"
    );
    let res = c.post(&format!("{path}/draw"), &[]).await;
    assert_eq!(res.status(), 303);
    let regs = app.store.registrations(t.summit.id).await.unwrap();
    assert_eq!(
        regs.iter()
            .filter(|r| r.status() == Some(RegistrationStatus::Selected))
            .count(),
        4
    );
    let public = app.client().text(&format!("/s/{slug}")).await;
    assert!(public.contains("id=\"selection-everyone\""), "{public}");
    assert!(
        public.contains("Er hebben zich minder mensen aangemeld (4) dan er plaatsen zijn (10)")
    );
    let events = app.store.audit_events(t.summit.id).await.unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "selection.everyone_admitted")
    );
}

/// The personal link in the newest message of `kind` to a registration.
async fn link_token(store: &Store, summit_id: i64, public_id: &str, kind: &str) -> String {
    let msgs = store.messages_to(summit_id, public_id).await.unwrap();
    let body = &msgs
        .iter()
        .rev()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind} message to {public_id}"))
        .body;
    body.split("/c/")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap()
        .to_string()
}

/// The quotas hold on the panel (selected, confirmed or checked in) of the town's group.
async fn assert_quotas_kept(store: &Store, t: &Town) -> usize {
    let sel = store.selection(t.summit.id).await.unwrap().unwrap();
    let quotas = store.selection_quotas(sel.id).await.unwrap();
    let panel: Vec<_> = store
        .registrations(t.summit.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| {
            matches!(
                r.status(),
                Some(
                    RegistrationStatus::Selected
                        | RegistrationStatus::Confirmed
                        | RegistrationStatus::CheckedIn
                )
            )
        })
        .collect();
    for q in &quotas {
        let mut n = 0;
        for r in &panel {
            if store
                .registration_bands(r.id)
                .await
                .unwrap()
                .contains(&(q.attribute_id, q.band.clone()))
            {
                n += 1;
            }
        }
        assert!(
            (q.min_seats..=q.max_seats).contains(&n),
            "{} {}: {n} on the panel",
            q.attribute_id,
            q.band
        );
    }
    panel.len()
}

async fn deadline_no_shows_and_deleted_data_are_replaced(app: TestApp) {
    let (org, mut c) = app.user_client("org@example.org", true).await;
    let t = town(&app.store, &org, "Bevestigen", 6, 24).await;
    let slug = &t.summit.slug;
    let path = format!("/manage/{slug}/selection");
    let q = |attribute_id: i64, band: &str, min_seats: i64, max_seats: i64| Quota {
        attribute_id,
        band: band.into(),
        min_seats,
        max_seats,
    };
    let quotas = [
        q(t.age, "16-39", 3, 4),
        q(t.age, "40+", 2, 3),
        q(t.district, "Noord", 2, 4),
        q(t.district, "Zuid", 2, 4),
    ];
    app.store
        .save_selection_quotas(t.summit.id, t.group, 6, &quotas)
        .await
        .unwrap();
    assert_eq!(c.post(&format!("{path}/run"), &[]).await.status(), 303);
    wait_for(&c, &path, "klaar om de vastlegging te publiceren").await;
    assert_eq!(c.post(&format!("{path}/commit"), &[]).await.status(), 303);
    assert_eq!(
        c.post(&format!("{path}/draw"), &[("ticket", "17")])
            .await
            .status(),
        303
    );

    // The counts after the draw: everyone waits.
    let page = c.text(&path).await;
    assert!(page.contains("id=\"confirmation\""), "{page}");
    assert!(page.contains("id=\"count-waiting\">6<"), "{page}");
    assert!(page.contains("id=\"count-confirmed\">0<"));
    // No deadline yet: nobody is a no-show.
    let res = c.post(&format!("{path}/no-shows"), &[]).await;
    assert_eq!(res.status(), 409);
    assert!(res.text().await.unwrap().contains("nog niet voorbij"));

    // The deadline is validated: a date, not after the summit (2027-03-14).
    for (bad, msg) in [
        ("morgen", "id=\"e-deadline\""),
        ("2027-03-15", "niet na de burgertop liggen (2027-03-14)"),
    ] {
        let res = c
            .post(&format!("{path}/deadline"), &[("deadline", bad)])
            .await;
        assert_eq!(res.status(), 422, "{bad}");
        let html = res.text().await.unwrap();
        assert!(html.contains(msg), "{bad}: {html}");
        assert!(html.contains(&format!("value=\"{bad}\"")), "kept: {bad}");
    }
    // A deadline in the future: nobody is a no-show yet.
    let res = c
        .post(&format!("{path}/deadline"), &[("deadline", "2027-03-01")])
        .await;
    assert_eq!(res.status(), 303);
    let page = c.text(&path).await;
    assert!(page.contains("id=\"deadline-open\""), "{page}");
    assert!(!page.contains("id=\"replace-no-shows\""));
    assert_eq!(c.post(&format!("{path}/no-shows"), &[]).await.status(), 409);

    let regs = app.store.registrations(t.summit.id).await.unwrap();
    let selected: Vec<_> = regs
        .iter()
        .filter(|r| r.status() == Some(RegistrationStatus::Selected))
        .cloned()
        .collect();
    assert_eq!(selected.len(), 6);
    // A selected person sees the deadline on their personal page.
    let mut anon = app.client();
    let tok0 = link_token(&app.store, t.summit.id, &selected[0].public_id, "selected").await;
    let mine = anon.text(&format!("/c/{tok0}")).await;
    assert!(
        mine.contains("Antwoord uiterlijk aan het eind van 2027-03-01"),
        "{mine}"
    );

    // Two confirm; one deletes their data, which frees the seat for a reserve, as a decline does.
    for r in &selected[..2] {
        let tok = link_token(&app.store, t.summit.id, &r.public_id, "selected").await;
        let res = anon
            .post(&format!("/c/{tok}"), &[("answer", "confirm")])
            .await;
        assert_eq!(res.status(), 303);
    }
    let tok = link_token(&app.store, t.summit.id, &selected[2].public_id, "selected").await;
    let res = anon
        .post(&format!("/c/{tok}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(res.status(), 200);
    let reps = app.store.replacements(t.summit.id).await.unwrap();
    assert_eq!(reps.len(), 1);
    assert_eq!(reps[0].vacated_id, selected[2].id);
    assert_eq!(reps[0].reason, VacancyReason::Deleted);
    let first_reserve = reps[0].replacement_id.expect("a reserve keeps the quotas");
    let regs = app.store.registrations(t.summit.id).await.unwrap();
    let by_id = |id: i64| regs.iter().find(|r| r.id == id).unwrap().clone();
    assert_eq!(
        by_id(first_reserve).status(),
        Some(RegistrationStatus::Selected)
    );
    assert_eq!(assert_quotas_kept(&app.store, &t).await, 6);
    let page = c.text(&path).await;
    assert!(page.contains("id=\"count-confirmed\">2<"), "{page}");
    assert!(page.contains("id=\"count-declined\">1<"));
    assert!(page.contains("id=\"count-waiting\">4<"));
    assert!(page.contains("id=\"count-replaced\">1<"));

    // The deadline passes. The three original panel members who never answered are no-shows; the reserve
    // invited after the deadline is not (they have not had a deadline yet).
    let res = c
        .post(&format!("{path}/deadline"), &[("deadline", "2026-01-01")])
        .await;
    assert_eq!(res.status(), 303);
    let page = c.text(&path).await;
    assert!(
        page.contains("3 gelote mensen hebben niet geantwoord"),
        "{page}"
    );
    let res = c.post(&format!("{path}/no-shows"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("{path}#confirmation"));

    let after = app.store.registrations(t.summit.id).await.unwrap();
    let status_of = |id: i64| after.iter().find(|r| r.id == id).unwrap().status();
    for r in &selected[3..] {
        assert_eq!(
            status_of(r.id),
            Some(RegistrationStatus::Withdrawn),
            "{}",
            r.public_id
        );
    }
    for r in &selected[..2] {
        assert_eq!(status_of(r.id), Some(RegistrationStatus::Confirmed));
    }
    assert_eq!(status_of(first_reserve), Some(RegistrationStatus::Selected));
    let reps = app.store.replacements(t.summit.id).await.unwrap();
    let no_show: Vec<_> = reps
        .iter()
        .filter(|r| r.reason == VacancyReason::NoShow)
        .collect();
    assert_eq!(no_show.len(), 3);
    let filled: Vec<i64> = no_show.iter().filter_map(|r| r.replacement_id).collect();
    // Every replacement got a message with a personal link, and every quota still holds.
    for id in &filled {
        assert_eq!(status_of(*id), Some(RegistrationStatus::Selected));
        let pid = &after.iter().find(|r| r.id == *id).unwrap().public_id;
        link_token(&app.store, t.summit.id, pid, "replacement").await;
    }
    assert_eq!(
        assert_quotas_kept(&app.store, &t).await,
        6 - (3 - filled.len())
    );
    let page = c.text(&path).await;
    assert!(
        page.contains(&format!("id=\"count-replaced\">{}<", 1 + filled.len())),
        "{page}"
    );
    // A second press finds nobody: the new reserves were invited after the deadline.
    let page = c.text(&path).await;
    assert!(
        page.contains("Er zijn geen niet-reageerders (meer)."),
        "{page}"
    );
    assert!(!page.contains("id=\"replace-no-shows\""));

    // A no-show who answers late finds the seat gone.
    let late = link_token(&app.store, t.summit.id, &selected[3].public_id, "selected").await;
    let res = anon
        .post(&format!("/c/{late}"), &[("answer", "confirm")])
        .await;
    assert_eq!(location(&res), format!("/c/{late}?answered=not-open"));
    // Their page says why: the deadline passed (they did not withdraw themselves).
    let page = anon.text(&format!("/c/{late}")).await;
    assert!(
        page.contains("niet vóór de uiterste datum bevestigd"),
        "{page}"
    );
    assert!(!page.contains("U hebt uw aanmelding ingetrokken"), "{page}");

    // Audit record: the deadline, each freed seat with its reason, the no-show action.
    let events = app.store.audit_events(t.summit.id).await.unwrap();
    let replaced: Vec<&str> = events
        .iter()
        .filter(|e| e.action == "selection.replaced")
        .filter_map(|e| e.detail["reason"].as_str())
        .collect();
    assert_eq!(replaced, ["deleted", "no_show", "no_show", "no_show"]);
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"selection.deadline_set"));
    assert!(actions.contains(&"selection.no_shows_replaced"));

    let _ = org;
}
