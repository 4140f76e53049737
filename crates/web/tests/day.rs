//! The day (issue 6, part A) through the real app, on SQLite and on PostgreSQL: participants' phone sessions
//! opened with a badge code (wrong codes and unconfirmed people refused, cookie flags), the badge QR code for
//! someone who is not door crew, the programme moved by the facilitator and followed by the participant's page
//! and the live events, keywords (a retried post counted once), moderation and the word cloud.

mod common;

use common::{Client, SseReader, TestApp, location};
use g1000_store::{
    GroupFields, GroupKind, JoinMethod, RegistrationStatus, Role, RoundFields, RoundKind, Seat,
    Summit, SummitFields, TableFields, User,
};

both_backends!(
    badge_code_opens_a_participant_session,
    scanned_badge_offers_the_participants_screen,
);

/// A published summit with a programme (welcome, two dialogue rounds), eight people (six confirmed, one
/// checked in, one only selected), two tables with a host, everyone seated in both dialogue rounds.
pub struct Hall {
    pub summit: Summit,
    pub organiser: User,
    pub org: Client,
    pub rounds: Vec<i64>,
    pub tables: Vec<i64>,
    /// (registration id, badge code) of every person, in order.
    pub people: Vec<(i64, String)>,
}

pub async fn hall(app: &TestApp) -> Hall {
    let (organiser, org) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(
            &SummitFields {
                name: "G1000 Dagstad".into(),
                community: "Dagstad".into(),
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
    let mut rounds = vec![];
    for (kind, q, size) in [
        (RoundKind::Welcome, "", 0),
        (RoundKind::Dialogue, "Waarom is dit belangrijk?", 4),
        (RoundKind::Dialogue, "Wat moet er gebeuren?", 4),
    ] {
        let r = app
            .store
            .add_round(
                summit.id,
                &RoundFields {
                    kind,
                    question: q.into(),
                    duration_min: 20,
                    table_size: size,
                },
            )
            .await
            .unwrap();
        rounds.push(r.id);
    }
    let mut people = vec![];
    for i in 0..8 {
        let status = match i {
            7 => RegistrationStatus::Selected,
            _ => RegistrationStatus::Confirmed,
        };
        let id = app
            .person(
                summit.id,
                g.id,
                &format!("day{i:02}"),
                &format!("Deelnemer {i}"),
                status,
            )
            .await;
        people.push(id);
    }
    // Badge codes for the confirmed; the selected person (not confirmed) gets one by hand, as if they had
    // confirmed and then withdrawn.
    app.store
        .ensure_badge_codes(summit.id, || {
            g1000_invite::Code::generate().unwrap().as_str().to_string()
        })
        .await
        .unwrap();
    let mut with_codes: Vec<(i64, String)> = vec![];
    for id in &people[..7] {
        let b = app
            .store
            .badge_rows(summit.id)
            .await
            .unwrap()
            .into_iter()
            .find(|b| b.registration_id == *id)
            .unwrap();
        with_codes.push((*id, b.code.unwrap()));
    }
    app.store
        .set_registration_status(people[7], RegistrationStatus::Confirmed, None)
        .await
        .unwrap();
    app.store
        .ensure_badge_codes(summit.id, || {
            g1000_invite::Code::generate().unwrap().as_str().to_string()
        })
        .await
        .unwrap();
    let last = app
        .store
        .badge_rows(summit.id)
        .await
        .unwrap()
        .into_iter()
        .find(|b| b.registration_id == people[7])
        .unwrap();
    with_codes.push((people[7], last.code.unwrap()));
    app.store
        .set_registration_status(people[7], RegistrationStatus::Withdrawn, None)
        .await
        .unwrap();
    // Person 6 is checked in at the door.
    let code6 = with_codes[6].1.clone();
    app.store
        .check_in(summit.id, &code6, "user#1")
        .await
        .unwrap();
    // Two tables of four; a host for both.
    let (host, _) = app.user_client("host@example.org", false).await;
    app.store
        .add_member(summit.id, host.id, Role::TableHost)
        .await
        .unwrap();
    let tables: Vec<i64> = app
        .store
        .add_seating_tables(
            summit.id,
            2,
            &TableFields {
                capacity: 4,
                accessible: false,
                language: "nl".into(),
                host_user_id: Some(host.id),
            },
        )
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    // Round 2: persons 0–3 at table 1, 4–6 at table 2; round 3: the other way round by parity.
    let mut seats = vec![];
    for (i, id) in people[..7].iter().enumerate() {
        seats.push(Seat {
            round_id: rounds[1],
            registration_id: *id,
            table_id: tables[usize::from(i >= 4)],
        });
        seats.push(Seat {
            round_id: rounds[2],
            registration_id: *id,
            table_id: tables[i % 2],
        });
    }
    app.store
        .start_seating_run(summit.id, 60_000)
        .await
        .unwrap();
    app.store
        .finish_seating_run(summit.id, Ok(&seats))
        .await
        .unwrap();
    Hall {
        summit,
        organiser,
        org,
        rounds,
        tables,
        people: with_codes,
    }
}

/// A phone: a client that opened its day session with this badge code.
pub async fn phone(app: &TestApp, slug: &str, code: &str) -> Client {
    let mut c = app.client();
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", code)])
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(location(&res), format!("/s/{slug}/day"));
    c
}

async fn badge_code_opens_a_participant_session(app: TestApp) {
    let h = hall(&app).await;
    let slug = h.summit.slug.clone();
    // Without a session the participant's screen sends to the code page.
    let anon = app.client();
    let res = anon.get(&format!("/s/{slug}/day")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/day/start"));
    let page = anon.text(&format!("/s/{slug}/day/start")).await;
    assert!(page.contains("id=\"day-start-form\""), "{page}");

    // A malformed code, a wrong (well-formed) code, and the code of someone no longer confirmed: refused.
    let mut c = app.client();
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", "ABC")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.headers()
            .get("set-cookie")
            .is_none_or(|v| !v.to_str().unwrap().contains("g1000_day="))
    );
    let wrong = g1000_invite::Code::generate().unwrap().grouped();
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", &wrong)])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"day-unknown\""));
    let withdrawn = &h.people[7].1;
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", withdrawn)])
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"day-not-confirmed\"")
    );
    assert_eq!(c.get(&format!("/s/{slug}/day")).await.status(), 303);

    // The right code (typed in lower case with spaces): a session cookie, HttpOnly and SameSite=Lax, no Secure
    // over plain HTTP; only its hash is stored.
    let typed = h.people[0].1.to_lowercase();
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", &typed)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/day"));
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("g1000_day="))
        .expect("a day cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "{cookie}");
    let token = cookie
        .trim_start_matches("g1000_day=")
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(token.len(), 64);
    assert!(app.store.day_session(&token).await.unwrap().is_none());
    let me = app
        .store
        .day_session(&common::sha256_hex(&token))
        .await
        .unwrap()
        .expect("the hash is stored");
    assert_eq!(me.registration_id, h.people[0].0);
    let page = c.text(&format!("/s/{slug}/day")).await;
    assert!(page.contains("id=\"day-round\""), "{page}");
    // A checked-in person opens their screen too.
    let _ = phone(&app, &slug, &h.people[6].1).await;

    // The session is bound to its summit: another summit's participant pages refuse it.
    let other = app
        .store
        .create_summit(
            &SummitFields {
                name: "Elders".into(),
                community: "Elders".into(),
                date: "2027-06-01".into(),
                start_time: "10:00".into(),
                venue: "Hal".into(),
                capacity: 10,
                languages: vec!["nl".into()],
                description: String::new(),
            },
            &h.organiser,
        )
        .await
        .unwrap();
    app.store.set_published(other.id, true).await.unwrap();
    let res = c.get(&format!("/s/{}/day", other.slug)).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{}/day/start", other.slug));

    // Withdrawing ends the session's access; closing the screen ends the session.
    let c2 = phone(&app, &slug, &h.people[1].1).await;
    app.store
        .set_registration_status(h.people[1].0, RegistrationStatus::Withdrawn, None)
        .await
        .unwrap();
    assert_eq!(c2.get(&format!("/s/{slug}/day")).await.status(), 303);
    let res = c.post(&format!("/s/{slug}/day/leave"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/day/start?closed=1"));
    assert!(
        app.store
            .day_session(&common::sha256_hex(&token))
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(c.get(&format!("/s/{slug}/day")).await.status(), 303);

    // Wrong codes are slowed down like invitation codes: after a few, the connection has to wait.
    let mut guesser = app.client();
    let mut statuses = vec![];
    for _ in 0..8 {
        let wrong = g1000_invite::Code::generate().unwrap().grouped();
        let res = guesser
            .post(&format!("/s/{slug}/day/start"), &[("code", &wrong)])
            .await;
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            assert!(res.headers().get("retry-after").is_some());
            break;
        }
    }
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}

async fn scanned_badge_offers_the_participants_screen(app: TestApp) {
    let h = hall(&app).await;
    let slug = h.summit.slug.clone();
    let grouped = g1000_invite::validate(&h.people[2].1).unwrap().grouped();
    // Someone who is not door crew (here: not logged in) scans a badge: no login wall, no change on GET, but
    // the offer to open their own screen.
    let mut c = app.client();
    let res = c.get(&format!("/s/{slug}/door/{grouped}")).await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"day-badge-form\""), "{page}");
    assert!(page.contains(&format!("value=\"{grouped}\"")), "{page}");
    assert!(page.contains("/login?next="), "{page}");
    let badges = app.store.badge_rows(h.summit.id).await.unwrap();
    assert!(
        badges
            .iter()
            .all(|b| b.checked_in_at.is_none() || b.registration_id == h.people[6].0)
    );
    assert_eq!(c.get(&format!("/s/{slug}/day")).await.status(), 303);
    // "This is my badge": the form posts the code and opens the screen.
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", &grouped)])
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(c.get(&format!("/s/{slug}/day")).await.status(), 200);
    // Door crew still get the check-in page for the same URL.
    let page = h.org.text(&format!("/s/{slug}/door/{grouped}")).await;
    assert!(page.contains("id=\"door-preview\""), "{page}");
    let _ = (&h.rounds, &h.tables);
}

#[allow(dead_code)]
async fn sse(c: &Client, slug: &str) -> SseReader {
    let res = c.get(&format!("/s/{slug}/events")).await;
    SseReader::new(res)
}
