//! Theme tables (issue 6: "the top themes become theme tables"; issue 5: preference seating) through the real
//! app, on SQLite and on PostgreSQL: refused before the dot vote closes, the number suggested from the hall,
//! the engine run in the background, the round's seats replaced (other rounds kept), a wheelchair user at an
//! accessible table, the 1st/2nd-choice counts equal to a recount from the stored dots, and every screen showing
//! the themes: the participant's phone, the host's tablet, the console and the projector (totals only).

mod common;

use std::collections::BTreeMap;

use common::{Client, TestApp, location};
use g1000_store::{
    AccessNeeds, GroupFields, GroupKind, JoinMethod, NewRegistration, RegistrationStatus, Role,
    RoundFields, RoundKind, Seat, Summit, SummitFields, TableFields, Via,
};

both_backends!(theme_tables_seat_a_round_by_the_dots);

struct Hall {
    summit: Summit,
    org: Client,
    host: Client,
    /// A dialogue round, then the afternoon's proposals round.
    rounds: [i64; 2],
    /// Table ids by number (1, 2, 3); table 3 is accessible and has the host.
    tables: Vec<i64>,
    /// (registration id, badge code); the last person uses a wheelchair.
    people: Vec<(i64, String)>,
}

async fn hall(app: &TestApp) -> Hall {
    let (organiser, org) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(
            &SummitFields {
                name: "G1000 Themastad".into(),
                community: "Themastad".into(),
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
    app.store.set_published(summit.id, true).await.unwrap();
    let g = app
        .store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: 20,
                join_method: JoinMethod::Open,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let mut rounds = [0; 2];
    for (i, kind) in [RoundKind::Dialogue, RoundKind::Proposals]
        .into_iter()
        .enumerate()
    {
        rounds[i] = app
            .store
            .add_round(
                summit.id,
                &RoundFields {
                    kind,
                    question: String::new(),
                    duration_min: 30,
                    table_size: 4,
                },
            )
            .await
            .unwrap()
            .id;
    }
    let mut ids = vec![];
    for i in 0..8 {
        let r = app
            .store
            .register(
                summit.id,
                &Via::Open,
                &NewRegistration {
                    group_id: g.id,
                    public_id: format!("tt{i:02}"),
                    language: "nl".into(),
                    can_attend: true,
                    name: format!("Deelnemer {i}"),
                    email: None,
                    phone: None,
                    bands: vec![],
                    needs: AccessNeeds {
                        wheelchair: i == 7,
                        ..Default::default()
                    },
                    privacy_version: "1".into(),
                },
            )
            .await
            .unwrap();
        app.store
            .set_registration_status(r.id, RegistrationStatus::Confirmed, None)
            .await
            .unwrap();
        ids.push(r.id);
    }
    app.store
        .ensure_badge_codes(summit.id, || {
            g1000_invite::Code::generate().unwrap().as_str().to_string()
        })
        .await
        .unwrap();
    let badges = app.store.badge_rows(summit.id).await.unwrap();
    let people = ids
        .iter()
        .map(|id| {
            let b = badges.iter().find(|b| b.registration_id == *id).unwrap();
            (*id, b.code.clone().unwrap())
        })
        .collect();
    let (host_user, host) = app.user_client("host@example.org", false).await;
    app.store
        .add_member(summit.id, host_user.id, Role::TableHost)
        .await
        .unwrap();
    let mut tables = vec![];
    for (accessible, host) in [(false, None), (false, None), (true, Some(host_user.id))] {
        let t = app
            .store
            .add_seating_tables(
                summit.id,
                1,
                &TableFields {
                    capacity: 4,
                    accessible,
                    language: "nl".into(),
                    host_user_id: host,
                },
            )
            .await
            .unwrap();
        tables.push(t[0].id);
    }
    Hall {
        summit,
        org,
        host,
        rounds,
        tables,
        people,
    }
}

async fn phone(app: &TestApp, slug: &str, code: &str) -> Client {
    let mut c = app.client();
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", code)])
        .await;
    assert_eq!(res.status(), 303);
    c
}

async fn start(c: &mut Client, slug: &str, round: i64, count: &str) -> reqwest::Response {
    c.post(
        &format!("/s/{slug}/console/theme-tables"),
        &[("round", &round.to_string()), ("theme-count", count)],
    )
    .await
}

async fn theme_tables_seat_a_round_by_the_dots(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    let sid = h.summit.id;
    // The seating page's run seats both rounds first (the morning plan).
    let res = h
        .org
        .post(&format!("/manage/{slug}/seating/run"), &[])
        .await;
    assert_eq!(res.status(), 303, "{}", location(&res));
    let mut tries = 0;
    while app.store.seating_run(sid).await.unwrap().unwrap().status == "running" {
        tries += 1;
        assert!(tries < 200, "the seating run did not finish");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let morning: Vec<Seat> = app
        .store
        .seats(sid)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.round_id == h.rounds[0])
        .collect();
    assert_eq!(morning.len(), 8);

    let mut names = BTreeMap::new();
    let mut theme = vec![];
    for name in ["Wonen", "Groen", "Verkeer"] {
        let t = app.store.create_theme(sid, name, &[]).await.unwrap();
        names.insert(t.id, name);
        theme.push(t.id);
    }
    let (wonen, groen, verkeer) = (theme[0], theme[1], theme[2]);
    // Before the vote closes, theme tables are refused with a reason on the console.
    let res = start(&mut h.org, &slug, h.rounds[1], "2").await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"e-theme-count\""));

    h.org
        .post(
            &format!("/s/{slug}/console/vote"),
            &[("status", "open"), ("dots", "3")],
        )
        .await;
    // Dots: 0–3 all on Wonen; 4, 5 and the wheelchair user (7) on Groen; 6 mostly on Verkeer, one on Wonen.
    let ballots: [&[(i64, i64)]; 8] = [
        &[(wonen, 3)],
        &[(wonen, 3)],
        &[(wonen, 2), (groen, 1)],
        &[(wonen, 3)],
        &[(groen, 3)],
        &[(groen, 2), (wonen, 1)],
        &[(verkeer, 2), (wonen, 1)],
        &[(groen, 3)],
    ];
    for (i, b) in ballots.iter().enumerate() {
        let mut p = phone(&app, &slug, &h.people[i].1).await;
        let page = p.text(&format!("/s/{slug}/day")).await;
        if i == 0 {
            // The dot-vote screen says what the dots are used for.
            assert!(page.contains("id=\"day-dots-use\""), "{page}");
        }
        let fields: Vec<(String, String)> = b
            .iter()
            .map(|(t, n)| (format!("dots-{t}"), n.to_string()))
            .collect();
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = p.post(&format!("/s/{slug}/day/dots"), &fields).await;
        assert_eq!(res.status(), 303);
    }
    h.org
        .post(
            &format!("/s/{slug}/console/vote"),
            &[("status", "closed"), ("dots", "3")],
        )
        .await;
    // The suggestion: 8 people at tables of 4 need 2 tables, so 2 themes.
    let console = h.org.text(&format!("/s/{slug}/console")).await;
    assert!(
        console.contains("id=\"f-theme-count\" name=\"theme-count\" type=\"number\" value=\"2\""),
        "{console}"
    );
    // More themes than got dots, or a round that is not a table round of this summit: refused.
    let res = start(&mut h.org, &slug, h.rounds[1], "4").await;
    assert_eq!(res.status(), 422);
    let res = start(&mut h.org, &slug, 987_654, "2").await;
    assert_eq!(res.status(), 400);
    // The top 2 themes (Wonen 13 dots, Groen 9) for the afternoon round.
    let res = start(&mut h.org, &slug, h.rounds[1], "2").await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/console#theme-tables"));
    let mut tries = 0;
    let run = loop {
        let run = app.store.theme_tables_run(sid).await.unwrap().unwrap();
        if run.status != "running" {
            break run;
        }
        tries += 1;
        assert!(tries < 200, "the theme-table run did not finish");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert_eq!(run.status, "ready", "{}", run.message);
    assert_eq!((run.round_id, run.themes), (h.rounds[1], 2));

    // The morning round is untouched; the afternoon round seats everyone once, at a chosen theme's table.
    let seats = app.store.seats(sid).await.unwrap();
    let kept: Vec<Seat> = seats
        .iter()
        .copied()
        .filter(|s| s.round_id == h.rounds[0])
        .collect();
    assert_eq!(kept, morning);
    let afternoon: BTreeMap<i64, i64> = seats
        .iter()
        .filter(|s| s.round_id == h.rounds[1])
        .map(|s| (s.registration_id, s.table_id))
        .collect();
    assert_eq!(afternoon.len(), 8);
    let table_theme: BTreeMap<i64, i64> = app
        .store
        .theme_tables(sid, h.rounds[1])
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.table_id, t.theme_id))
        .collect();
    for t in afternoon.values() {
        let th = table_theme[t];
        assert!(th == wonen || th == groen, "theme {th} was not chosen");
    }
    let mut per_table: BTreeMap<i64, usize> = BTreeMap::new();
    for t in afternoon.values() {
        *per_table.entry(*t).or_default() += 1;
    }
    assert!(per_table.values().all(|&n| n <= 4), "{per_table:?}");
    // The wheelchair user sits at the accessible table (table 3).
    assert_eq!(afternoon[&h.people[7].0], h.tables[2]);
    // The 1st/2nd-choice counts equal a recount from the ballots and the stored seats.
    let mut recount = vec![0i64; 2];
    let mut unranked = 0;
    for (i, b) in ballots.iter().enumerate() {
        let th = table_theme[&afternoon[&h.people[i].0]];
        let chosen: Vec<(i64, i64)> = b
            .iter()
            .copied()
            .filter(|(t, _)| *t == wonen || *t == groen)
            .collect();
        match chosen.iter().find(|(t, _)| *t == th) {
            Some((_, n)) => recount[chosen.iter().filter(|(_, m)| m > n).count()] += 1,
            None => unranked += 1,
        }
    }
    assert_eq!(
        (
            run.by_rank.iter().take(2).copied().collect::<Vec<_>>(),
            run.unranked
        ),
        (recount.clone(), unranked)
    );
    // Demand: Wonen 1st for 0–3 and 6 (5 people), Groen for 4, 5, 7 (3); 12 seats in 3 tables: the best
    // seats everyone at their 1st choice but one (two Wonen tables, or Groen's table needs person 7's access).
    assert!(recount[0] >= 7, "{recount:?}");

    // The audit trail has the start (by the facilitator, with the themes) and the engine's result.
    let events = app.store.audit_events(sid).await.unwrap();
    let started = events
        .iter()
        .find(|e| e.action == "day.theme_tables.started")
        .expect("started in the audit trail");
    assert_eq!(started.detail["themes"][0]["name"], "Wonen");
    assert_eq!(started.detail["themes"][1]["name"], "Groen");
    let finished = events
        .iter()
        .find(|e| e.action == "day.theme_tables.finished")
        .expect("finished in the audit trail");
    assert_eq!(finished.detail["seats"], 8);

    // The programme moves to the afternoon: every screen shows the theme tables.
    h.org
        .post(
            &format!("/s/{slug}/console/round"),
            &[("from", ""), ("to", &h.rounds[1].to_string())],
        )
        .await;
    let p0 = phone(&app, &slug, &h.people[0].1).await;
    let page = p0.text(&format!("/s/{slug}/day")).await;
    let t0 = afternoon[&h.people[0].0];
    let n0 = h.tables.iter().position(|t| *t == t0).unwrap() + 1;
    let want = format!("{n0} — ");
    let themed = page
        .lines()
        .find(|l| l.contains("id=\"day-table\""))
        .unwrap_or_default()
        .to_string();
    assert!(themed.contains(&want), "{themed}");
    assert!(themed.contains(names[&table_theme[&t0]]), "{themed}");
    let host = h.host.text(&format!("/s/{slug}/host")).await;
    // The host of table 3 (where the wheelchair user sits) sees its theme and its people.
    let th = names[&table_theme[&h.tables[2]]];
    assert!(host.contains("id=\"host-theme-3\""), "{host}");
    assert!(host.contains(th), "{host}");
    assert!(host.contains("Deelnemer 7"), "{host}");
    let console = h.org.text(&format!("/s/{slug}/console")).await;
    assert!(console.contains("id=\"theme-tables-list\""), "{console}");
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(screen.contains("id=\"theme-tables-list\""), "{screen}");
    assert!(screen.contains("id=\"theme-tables-choices\""), "{screen}");
    assert!(
        screen.contains(&format!("{} at their 1st choice", recount[0]))
            || screen.contains(&format!("{} aan hun 1e keus", recount[0])),
        "{screen}"
    );
    // The projector shows totals only: nobody's name.
    assert!(!screen.contains("Deelnemer"), "{screen}");

    // A hand move on the seating page after the run: someone at their 1st choice (only Wonen dots) moves to a
    // table of the other theme with room; the projector's counts follow the seats.
    let per_table_now = per_table.clone();
    let (who, to) = (0..4)
        .filter(|&i| names[&table_theme[&afternoon[&h.people[i].0]]] == "Wonen")
        .find_map(|i| {
            per_table_now
                .keys()
                .find(|&&t| table_theme[&t] == groen && per_table_now[&t] < 4)
                .map(|&t| (i, t))
        })
        .expect("a Wonen voter at Wonen and a Groen table with room");
    let res = h
        .org
        .post(
            &format!("/manage/{slug}/seating/move"),
            &[
                ("round", &h.rounds[1].to_string()),
                ("person", &h.people[who].0.to_string()),
                ("table", &to.to_string()),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", location(&res));
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(
        screen.contains(&format!("{} at their 1st choice", recount[0] - 1))
            || screen.contains(&format!("{} aan hun 1e keus", recount[0] - 1)),
        "{screen}"
    );
}
