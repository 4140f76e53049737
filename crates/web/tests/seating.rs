//! Seating through the real app, on SQLite and on PostgreSQL: tables configured by an organiser, a
//! background run over the programme's table rounds (hard constraints kept), the metrics and the
//! composition chart, a hand move with the metrics before and after (and a refused move to a full
//! table), the print page, a table host's view of their own table, "your table" on the personal page,
//! and who may see what.

mod common;

use std::collections::BTreeMap;

use common::{TestApp, location, sha256_hex};
use g1000_store::{
    AccessNeeds, GroupFields, GroupKind, JoinMethod, NewRegistration, RegistrationStatus, Role,
    RoundFields, RoundKind, SummitFields, Via,
};

both_backends!(seat_move_print_and_see_your_table);

async fn seat_move_print_and_see_your_table(app: TestApp) {
    let (organiser, mut org) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(
            &SummitFields {
                name: "G1000 Tafelstad".into(),
                community: "Tafelstad".into(),
                date: "2027-05-01".into(),
                start_time: "10:00".into(),
                venue: "Sporthal".into(),
                capacity: 100,
                languages: vec!["nl".into(), "en".into()],
                description: String::new(),
            },
            &organiser,
        )
        .await
        .unwrap();
    let slug = summit.slug.clone();
    let mut groups = vec![];
    for (name, kind) in [
        ("Burgers", GroupKind::Citizens),
        ("Werkgevers", GroupKind::Employers),
    ] {
        let g = app
            .store
            .add_group(
                summit.id,
                &GroupFields {
                    name: name.into(),
                    kind,
                    seat_target: 20,
                    join_method: JoinMethod::Open,
                    open_cap: None,
                },
            )
            .await
            .unwrap();
        groups.push(g.id);
    }
    for (kind, size) in [
        (RoundKind::Welcome, 0),
        (RoundKind::Dialogue, 8),
        (RoundKind::Dialogue, 8),
    ] {
        app.store
            .add_round(
                summit.id,
                &RoundFields {
                    kind,
                    question: String::new(),
                    duration_min: 30,
                    table_size: size,
                },
            )
            .await
            .unwrap();
    }
    // 24 registrations: 20 confirmed, 2 selected (seated too), 2 still in the pool (not seated).
    // Person 3 uses a wheelchair, person 5 needs an English interpreter.
    let mut people = vec![];
    for i in 0..24 {
        let r = NewRegistration {
            group_id: groups[i % 3 / 2],
            public_id: format!("pid{i:03}"),
            language: "nl".into(),
            can_attend: true,
            name: format!("Deelnemer{i:02} Tafelaar"),
            email: Some(format!("d{i}@example.org")),
            phone: None,
            bands: vec![],
            needs: AccessNeeds {
                wheelchair: i == 3,
                interpreter_language: (i == 5).then(|| "en".to_string()),
                ..Default::default()
            },
            privacy_version: "1".into(),
        };
        let id = app
            .store
            .register(summit.id, &Via::Open, &r)
            .await
            .unwrap()
            .id;
        let status = match i {
            0..20 => RegistrationStatus::Confirmed,
            20..22 => RegistrationStatus::Selected,
            _ => RegistrationStatus::Pool,
        };
        app.store
            .set_registration_status(id, status, None)
            .await
            .unwrap();
        people.push(id);
    }
    let (host, host_client) = app.user_client("host@example.org", false).await;
    app.store
        .add_member(summit.id, host.id, Role::TableHost)
        .await
        .unwrap();

    // Before any table: the run is refused with a reason.
    let res = org.post(&format!("/manage/{slug}/seating/run"), &[]).await;
    assert!(location(&res).ends_with("error=no-tables"), "{res:?}");
    // Three tables of 8 (Dutch), one accessible English table of 6.
    for (count, cap, acc, lang) in [("3", "8", "0", "nl"), ("1", "6", "1", "en")] {
        let res = org
            .post(
                &format!("/manage/{slug}/seating/tables"),
                &[
                    ("count", count),
                    ("capacity", cap),
                    ("accessible", acc),
                    ("language", lang),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let res = org
        .post(
            &format!("/manage/{slug}/seating/tables"),
            &[("count", "0"), ("capacity", "8")],
        )
        .await;
    assert!(location(&res).ends_with("error=table"));
    let tables = app.store.seating_tables(summit.id).await.unwrap();
    assert_eq!(
        tables.iter().map(|t| t.number).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    let host_id = host.id.to_string();
    let res = org
        .post(
            &format!("/manage/{slug}/seating/tables/{}", tables[0].id),
            &[("capacity", "8"), ("language", "nl"), ("host", &host_id)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        location(&res).ends_with("done=table-saved"),
        "{}",
        location(&res)
    );

    // Run in the background; wait for it.
    let res = org.post(&format!("/manage/{slug}/seating/run"), &[]).await;
    assert!(location(&res).ends_with("done=started"));
    let mut status = String::new();
    for _ in 0..300 {
        status = app
            .store
            .seating_run(summit.id)
            .await
            .unwrap()
            .unwrap()
            .status;
        if status != "running" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, "ready");
    let seats = app.store.seats(summit.id).await.unwrap();
    let rounds = app.store.rounds(summit.id).await.unwrap();
    let table_rounds: Vec<i64> = rounds
        .iter()
        .filter(|r| r.fields.table_size > 0)
        .map(|r| r.id)
        .collect();
    assert_eq!(seats.len(), 22 * 2, "22 seated people in 2 table rounds");
    let by_id: BTreeMap<i64, _> = tables.iter().map(|t| (t.id, t)).collect();
    for &r in &table_rounds {
        let mut count: BTreeMap<i64, i64> = BTreeMap::new();
        for s in seats.iter().filter(|s| s.round_id == r) {
            *count.entry(s.table_id).or_default() += 1;
            assert!(!people[22..].contains(&s.registration_id), "pool seated");
            if s.registration_id == people[3] {
                assert!(by_id[&s.table_id].accessible, "wheelchair user");
            }
            if s.registration_id == people[5] {
                assert_eq!(by_id[&s.table_id].language, "en", "interpreter");
            }
        }
        for (t, c) in count {
            assert!(c <= by_id[&t].capacity);
        }
    }

    // The page: metrics (no broken hard rule), the chart and its table alternative, the lists.
    let page = org.text(&format!("/manage/{slug}/seating")).await;
    assert!(page.contains("id=\"seating-metrics\""), "{page}");
    let hard_row = page.split("seating-metrics").nth(1).unwrap();
    assert!(hard_row.contains("<td>0</td><td>0</td>"), "{hard_row}");
    assert!(page.contains("<svg class=\"chart\" role=\"img\""));
    assert!(page.contains("id=\"seating-composition\""));
    assert!(page.contains("Deelnemer00 Tafelaar"));
    assert!(
        !page.contains("Deelnemer23 Tafelaar"),
        "pool people are not listed"
    );

    // Move someone in round 1 to another table with room: the preview shows before and after.
    let r1 = table_rounds[0];
    let mover = seats
        .iter()
        .find(|s| s.round_id == r1 && s.registration_id == people[0])
        .unwrap();
    let target = tables
        .iter()
        .find(|t| t.id != mover.table_id && t.language == "nl")
        .unwrap();
    let preview = org
        .text(&format!(
            "/manage/{slug}/seating/move?round={r1}&person={}&table={}",
            people[0], target.id
        ))
        .await;
    assert!(preview.contains("id=\"move-metrics\""), "{preview}");
    assert!(preview.contains("id=\"move-confirm\""));
    let res = org
        .post(
            &format!("/manage/{slug}/seating/move"),
            &[
                ("round", &r1.to_string()),
                ("person", &people[0].to_string()),
                ("table", &target.id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).contains("done=moved"));
    let now = app.store.seats(summit.id).await.unwrap();
    let moved = now
        .iter()
        .find(|s| s.round_id == r1 && s.registration_id == people[0])
        .unwrap();
    assert_eq!(moved.table_id, target.id);
    let audit = app.store.audit_events(summit.id).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "seating.moved"));

    // A full table refuses: shrink the target to its count, then move another person there.
    let at_target = now
        .iter()
        .filter(|s| s.round_id == r1 && s.table_id == target.id)
        .count();
    // Keep the table's host as it is now (the `tables` list above predates the host).
    let target_host = app
        .store
        .seating_tables(summit.id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.id == target.id)
        .and_then(|t| t.host_user_id);
    let res = org
        .post(
            &format!("/manage/{slug}/seating/tables/{}", target.id),
            &[
                ("capacity", &at_target.to_string()),
                ("language", "nl"),
                (
                    "host",
                    &target_host.map(|h| h.to_string()).unwrap_or_default(),
                ),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let other = now
        .iter()
        .find(|s| s.round_id == r1 && s.table_id != target.id && s.registration_id != people[5])
        .unwrap();
    let res = org
        .post(
            &format!("/manage/{slug}/seating/move"),
            &[
                ("round", &r1.to_string()),
                ("person", &other.registration_id.to_string()),
                ("table", &target.id.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"move-problem\""));

    // Printing: a list per round and table, a card per table.
    let print = org.text(&format!("/manage/{slug}/seating/print")).await;
    assert_eq!(print.matches("class=\"table-card\"").count(), 4);
    assert_eq!(print.matches("class=\"print-list\"").count(), 8);

    // The host sees table 1 only, with the people at it.
    let hosted = host_client.text(&format!("/s/{slug}/tables")).await;
    assert_eq!(
        hosted.matches("class=\"print-list\"").count(),
        2,
        "{hosted}"
    );
    let at_one: Vec<i64> = now
        .iter()
        .filter(|s| s.round_id == r1 && s.table_id == tables[0].id)
        .map(|s| s.registration_id)
        .collect();
    let i = people.iter().position(|p| *p == at_one[0]).unwrap();
    assert!(hosted.contains(&format!("Deelnemer{i:02} Tafelaar")));
    // ... and may not manage seating.
    let res = host_client.get(&format!("/manage/{slug}/seating")).await;
    assert_eq!(res.status(), 403);

    // "Your table in round N" on a confirmed person's personal page.
    let token = "ab".repeat(32);
    app.store
        .add_personal_link(people[0], &sha256_hex(&token))
        .await
        .unwrap();
    let personal = app.client().text(&format!("/c/{token}")).await;
    assert!(personal.contains("id=\"personal-tables\""), "{personal}");
    let positions: Vec<i64> = rounds
        .iter()
        .filter(|r| r.fields.table_size > 0)
        .map(|r| r.position)
        .collect();
    let t1 = by_id[&moved.table_id].number;
    assert!(
        personal.contains(&format!("Ronde {}: tafel {t1}", positions[0]))
            || personal.contains(&format!("Round {}: table {t1}", positions[0])),
        "{personal}"
    );
}
