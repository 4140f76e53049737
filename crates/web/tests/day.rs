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
    round_advance_reaches_participants_live,
    keywords_are_idempotent_and_moderated,
    hosts_mark_attendance_and_enter_keywords,
    themes_suggested_adopted_renamed_merged,
    theme_vote_with_dots_changeable_until_closed,
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
    // Only the guesser's browser waits: another phone on the same address (the venue's Wi-Fi; here every test
    // client comes from 127.0.0.1), with its own browser cookie, signs in at once.
    let mut neighbour = app.client();
    let res = neighbour
        .post(&format!("/s/{slug}/day/start"), &[("code", &h.people[2].1)])
        .await;
    assert_eq!(res.status(), 303, "the neighbour is not made to wait");
    assert_eq!(location(&res), format!("/s/{slug}/day"));
    let wrong = g1000_invite::Code::generate().unwrap().grouped();
    let res = guesser
        .post(&format!("/s/{slug}/day/start"), &[("code", &wrong)])
        .await;
    assert_eq!(res.status(), 429, "the guesser still waits");
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

/// The stored keyword sent as `original`.
async fn kw(app: &TestApp, summit_id: i64, original: &str) -> g1000_store::Keyword {
    app.store
        .keywords(summit_id)
        .await
        .unwrap()
        .into_iter()
        .find(|k| k.original == original)
        .unwrap()
}

async fn sse(c: &Client, slug: &str) -> SseReader {
    let res = c.get(&format!("/s/{slug}/events")).await;
    assert_eq!(res.status(), 200);
    let mut r = SseReader::new(res);
    assert_eq!(r.next_event().await.0, "ready");
    r
}

/// The value of a hidden field in the first form that has it.
fn hidden(html: &str, name: &str) -> String {
    let pat = format!("name=\"{name}\" value=\"");
    let i = html
        .find(&pat)
        .unwrap_or_else(|| panic!("no field {name} in {html}"));
    html[i + pat.len()..].split('"').next().unwrap().to_string()
}

/// The facilitator moves the programme to round `to` from round `from` (None: before the start).
async fn move_round(
    c: &mut Client,
    slug: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> reqwest::Response {
    let from = from.map(|r| r.to_string()).unwrap_or_default();
    let to = to.map(|r| r.to_string()).unwrap_or_default();
    c.post(
        &format!("/s/{slug}/console/round"),
        &[("from", &from), ("to", &to)],
    )
    .await
}

async fn round_advance_reaches_participants_live(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    let p0 = phone(&app, &slug, &h.people[0].1).await;
    let page = p0.text(&format!("/s/{slug}/day")).await;
    assert!(
        page.contains("id=\"day-not-started\"") || page.contains("day-round"),
        "{page}"
    );
    assert!(!page.contains("Waarom is dit belangrijk?"));
    let mut events = sse(&p0, &slug).await;

    // The facilitator (here: the organiser) starts the programme and moves on to the first dialogue round.
    let console = h.org.text(&format!("/s/{slug}/console")).await;
    assert!(console.contains("id=\"round-next\""), "{console}");
    let res = move_round(&mut h.org, &slug, None, Some(h.rounds[0])).await;
    assert_eq!(res.status(), 303);
    assert_eq!(events.next_event().await, ("change".into(), "day".into()));
    let res = move_round(&mut h.org, &slug, Some(h.rounds[0]), Some(h.rounds[1])).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/console"));
    assert_eq!(events.next_event().await, ("change".into(), "day".into()));
    let page = p0.text(&format!("/s/{slug}/day")).await;
    assert!(page.contains("Waarom is dit belangrijk?"), "{page}");
    assert!(
        page.contains("Round 2 of 3") || page.contains("Ronde 2 van 3"),
        "{page}"
    );
    assert!(page.contains("id=\"day-table\""), "{page}");
    assert!(
        page.contains(">1<") || page.contains(": 1</strong>"),
        "{page}"
    );
    assert!(page.contains("id=\"day-keyword-form\""));
    // A doubled click (the same "from") does not skip a round: refused as stale, nothing changes.
    let res = move_round(&mut h.org, &slug, Some(h.rounds[0]), Some(h.rounds[1])).await;
    assert_eq!(location(&res), format!("/s/{slug}/console?stale=1"));
    let state = app.store.day_state(h.summit.id).await.unwrap();
    assert_eq!(state.round_id, Some(h.rounds[1]));
    assert!(state.running());
    // Pause and resume the timer; both audit-logged.
    let res = h
        .org
        .post(&format!("/s/{slug}/console/timer"), &[("running", "0")])
        .await;
    assert_eq!(res.status(), 303);
    assert!(!app.store.day_state(h.summit.id).await.unwrap().running());
    assert_eq!(events.next_event().await, ("change".into(), "day".into()));
    let page = p0.text(&format!("/s/{slug}/day")).await;
    assert!(page.contains("data-running=\"0\""), "{page}");
    h.org
        .post(&format!("/s/{slug}/console/timer"), &[("running", "1")])
        .await;
    let actions: Vec<String> = app
        .store
        .audit_events(h.summit.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in ["day.round", "day.timer.pause", "day.timer.resume"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // The next round: the participant's table changes with the seating plan (person 0 sits at table 1, then
    // table 1 again by parity; person 1 moves from table 1 to table 2).
    let p1 = phone(&app, &slug, &h.people[1].1).await;
    move_round(&mut h.org, &slug, Some(h.rounds[1]), Some(h.rounds[2])).await;
    let page = p1.text(&format!("/s/{slug}/day")).await;
    assert!(page.contains("Wat moet er gebeuren?"), "{page}");
    assert!(
        page.contains("tafel: 2") || page.contains("table: 2"),
        "{page}"
    );
    // The projector shows the round to anyone (published summit), with no names on it.
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(screen.contains("Wat moet er gebeuren?"), "{screen}");
    assert!(!screen.contains("Deelnemer"), "{screen}");
    // Participants, hosts and strangers cannot move the programme.
    let mut p0 = p0;
    let res = move_round(&mut p0, &slug, Some(h.rounds[2]), None).await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with("/login"));
    assert_eq!(
        app.store.day_state(h.summit.id).await.unwrap().round_id,
        Some(h.rounds[2])
    );
}

async fn keywords_are_idempotent_and_moderated(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    move_round(&mut h.org, &slug, None, Some(h.rounds[1])).await;
    let mut p0 = phone(&app, &slug, &h.people[0].1).await;
    let page = p0.text(&format!("/s/{slug}/day")).await;
    let submission = hidden(&page, "submission");
    let round = hidden(&page, "round");
    assert_eq!(round, h.rounds[1].to_string());
    // Empty and too long: refused with a message, nothing stored.
    let res = p0
        .post(
            &format!("/s/{slug}/day/keywords"),
            &[
                ("submission", &submission),
                ("round", &round),
                ("text", "   "),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("Typ eerst een trefwoord")
    );
    let long = "x".repeat(61);
    let res = p0
        .post(
            &format!("/s/{slug}/day/keywords"),
            &[
                ("submission", &submission),
                ("round", &round),
                ("text", &long),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(app.store.keywords(h.summit.id).await.unwrap().is_empty());
    // Sent, then the same post again (a retry after the Wi-Fi dropped): stored once, both say saved.
    let mut cloud_events = sse(&app.client(), &slug).await;
    let fields = [
        ("submission", submission.as_str()),
        ("round", round.as_str()),
        ("text", "  Groen   in de wijk "),
    ];
    let first = p0.post(&format!("/s/{slug}/day/keywords"), &fields).await;
    assert_eq!(first.status(), 303);
    // A keyword is the hall's input: the projector (and the crew) follow it, the phones do not reload for it.
    // (A change of the set-up may still be on its way first.)
    loop {
        let (event, kind) = cloud_events.next_event().await;
        assert_eq!(event, "change");
        if kind == "day-input" {
            break;
        }
        assert_eq!(kind, "day", "only day changes before the keyword's");
    }
    let kinds = |page: &str| -> Vec<String> {
        let at = page
            .find("data-kinds=\"")
            .expect("a live region with kinds")
            + 12;
        page[at..page[at..].find('"').unwrap() + at]
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    let phone_kinds = kinds(&p0.text(&format!("/s/{slug}/day")).await);
    assert!(phone_kinds.contains(&"day".to_string()), "{phone_kinds:?}");
    assert!(
        !phone_kinds.contains(&"day-input".to_string()),
        "{phone_kinds:?}"
    );
    let screen_kinds = kinds(&app.client().text(&format!("/s/{slug}/screen")).await);
    assert!(
        screen_kinds.contains(&"day-input".to_string()),
        "{screen_kinds:?}"
    );
    let again = p0.post(&format!("/s/{slug}/day/keywords"), &fields).await;
    assert_eq!(again.status(), 303);
    assert_eq!(location(&first), location(&again));
    let kws = app.store.keywords(h.summit.id).await.unwrap();
    assert_eq!(kws.len(), 1, "{kws:?}");
    assert_eq!(kws[0].original, "Groen in de wijk");
    assert_eq!(kws[0].entered_by, "participant:day00");
    let saved = p0.text(&location(&again)).await;
    assert!(saved.contains("id=\"day-saved\""), "{saved}");
    assert!(saved.contains("Opgeslagen"), "{saved}");
    // A fresh form has a fresh submission id.
    assert_ne!(hidden(&saved, "submission"), submission);
    // More keywords from others: the cloud counts case-insensitively.
    for (i, text) in [(1, "groen in de wijk"), (2, "Veiligheid"), (3, "ROTZOOI")] {
        let mut c = phone(&app, &slug, &h.people[i].1).await;
        let page = c.text(&format!("/s/{slug}/day")).await;
        let res = c
            .post(
                &format!("/s/{slug}/day/keywords"),
                &[
                    ("submission", &hidden(&page, "submission")),
                    ("round", &round),
                    ("text", text),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(
        screen.contains("data-count=\"2\">Groen in de wijk<"),
        "{screen}"
    );
    assert!(screen.contains(">ROTZOOI<"), "{screen}");
    assert!(screen.contains("id=\"cloud-table\""), "{screen}");
    assert!(screen.contains("<td>Veiligheid</td><td>1</td>"), "{screen}");
    // Moderation: hiding needs a reason; then the word leaves the cloud, the original stays stored.
    let rotzooi = kw(&app, h.summit.id, "ROTZOOI").await;
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/keywords/{}", rotzooi.id),
            &[("action", "hide"), ("reason", "")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains(&format!("id=\"e-reason-{}\"", rotzooi.id))
    );
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/keywords/{}", rotzooi.id),
            &[("action", "hide"), ("reason", "Scheldwoord")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(!screen.contains("ROTZOOI"), "{screen}");
    let console = h.org.text(&format!("/s/{slug}/console")).await;
    assert!(console.contains("Scheldwoord"), "{console}");
    let k = app.store.keyword(h.summit.id, rotzooi.id).await.unwrap();
    assert!(k.hidden);
    assert_eq!(k.original, "ROTZOOI");
    // Edit and merge: "Veiligheid" merged into "Groen in de wijk" counts with it (3).
    let veilig = kw(&app, h.summit.id, "Veiligheid").await;
    let groen = kw(&app, h.summit.id, "Groen in de wijk").await;
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/keywords/{}", veilig.id),
            &[
                ("action", "merge"),
                ("into", &groen.id.to_string()),
                ("reason", "Zelfde onderwerp"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let cloud = app.store.word_cloud(h.summit.id, None).await.unwrap();
    assert_eq!(cloud.len(), 1, "{cloud:?}");
    assert_eq!(cloud[0].count, 3);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/keywords/{}", groen.id),
            &[("action", "edit"), ("text", "Groen"), ("reason", "Korter")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let k = app.store.keyword(h.summit.id, veilig.id).await.unwrap();
    assert_eq!(
        k.shown, "Groen",
        "a merged keyword follows its target's edit"
    );
    let actions: Vec<String> = app
        .store
        .audit_events(h.summit.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in ["day.keyword.hide", "day.keyword.merge", "day.keyword.edit"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // A keyword for a round that does not collect them is refused.
    let res = p0
        .post(
            &format!("/s/{slug}/day/keywords"),
            &[
                ("submission", &"ab".repeat(16)),
                ("round", &h.rounds[0].to_string()),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    // A table host cannot moderate.
    let (host2, mut host_c) = app.user_client("host2@example.org", false).await;
    app.store
        .add_member(h.summit.id, host2.id, Role::TableHost)
        .await
        .unwrap();
    let res = host_c
        .post(
            &format!("/s/{slug}/console/keywords/{}", groen.id),
            &[("action", "hide"), ("reason", "x")],
        )
        .await;
    assert_eq!(res.status(), 403);
    // A phone asks the server for its page's kinds only: it is not sent the next keyword, but is sent the
    // round change after it.
    let res = p0
        .get(&format!("/s/{slug}/events?kinds={}", phone_kinds.join(",")))
        .await;
    assert_eq!(res.status(), 200);
    let mut phone_events = common::SseReader::new(res);
    assert_eq!(phone_events.next_event().await.0, "ready");
    let second = [
        (
            "submission",
            hidden(&p0.text(&format!("/s/{slug}/day")).await, "submission"),
        ),
        ("round", round.clone()),
        ("text", "Fietspaden".to_string()),
    ];
    let second: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        p0.post(&format!("/s/{slug}/day/keywords"), &second)
            .await
            .status(),
        303
    );
    loop {
        if cloud_events.next_event().await.1 == "day-input" {
            break; // the keyword's event is out
        }
    }
    move_round(&mut h.org, &slug, Some(h.rounds[1]), Some(h.rounds[2])).await;
    assert_eq!(
        phone_events.next_event().await,
        ("change".into(), "day".into()),
        "the phone's first event is the round change, not the keyword"
    );
}

async fn hosts_mark_attendance_and_enter_keywords(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    move_round(&mut h.org, &slug, None, Some(h.rounds[1])).await;
    // The host of both tables logs in (the hall's host account).
    let host = app
        .store
        .user_by_email("host@example.org")
        .await
        .unwrap()
        .unwrap();
    let token = g1000_web::security::random_token();
    app.store
        .create_session(&common::sha256_hex(&token), host.id, 3_600_000)
        .await
        .unwrap();
    let mut hc = app.client();
    hc.set_cookie("g1000_session", &token);
    let page = hc.text(&format!("/s/{slug}/host")).await;
    assert!(
        page.contains("id=\"table-1\"") && page.contains("id=\"table-2\""),
        "{page}"
    );
    assert!(page.contains("Deelnemer 0"), "{page}");
    // Attendance: person 4 sits at table 2 in this round.
    let res = hc
        .post(
            &format!("/s/{slug}/host/attendance"),
            &[
                ("round", &h.rounds[1].to_string()),
                ("table", &h.tables[1].to_string()),
                ("person", &h.people[4].0.to_string()),
                ("present", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let seats = app
        .store
        .table_seats(h.rounds[1], h.tables[1])
        .await
        .unwrap();
    assert_eq!(
        seats
            .iter()
            .find(|s| s.registration_id == h.people[4].0)
            .unwrap()
            .present,
        Some(true)
    );
    // Not at that table: refused.
    let res = hc
        .post(
            &format!("/s/{slug}/host/attendance"),
            &[
                ("round", &h.rounds[1].to_string()),
                ("table", &h.tables[1].to_string()),
                ("person", &h.people[0].0.to_string()),
                ("present", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 400);
    // A keyword for table 1, posted twice with the same submission id: stored once, for the table.
    let page = hc.text(&format!("/s/{slug}/host")).await;
    let submission = hidden(&page, "submission");
    let fields = [
        ("submission", submission.as_str()),
        ("round", &h.rounds[1].to_string()),
        ("table", &h.tables[0].to_string()),
        ("text", "Buurthuis"),
    ];
    for _ in 0..2 {
        let res = hc.post(&format!("/s/{slug}/host/keywords"), &fields).await;
        assert_eq!(res.status(), 303);
    }
    let kws = app.store.keywords(h.summit.id).await.unwrap();
    assert_eq!(kws.len(), 1);
    assert_eq!(kws[0].table_id, Some(h.tables[0]));
    assert_eq!(kws[0].registration_id, None);
    let saved = hc
        .text(&format!("/s/{slug}/host?saved={}", kws[0].id))
        .await;
    assert!(saved.contains("id=\"host-saved-1\""), "{saved}");
    let counters = app
        .store
        .day_counters(h.summit.id, Some(h.rounds[1]))
        .await
        .unwrap();
    assert_eq!((counters.keywords, counters.contributors), (1, 1));
    assert_eq!(counters.checked_in, 1);
    // Another host sees no tables and may not act for these.
    let (other, mut oc) = app.user_client("other-host@example.org", false).await;
    app.store
        .add_member(h.summit.id, other.id, Role::TableHost)
        .await
        .unwrap();
    let page = oc.text(&format!("/s/{slug}/host")).await;
    assert!(page.contains("id=\"host-no-tables\""), "{page}");
    let res = oc
        .post(
            &format!("/s/{slug}/host/keywords"),
            &[
                ("submission", &"cd".repeat(16)),
                ("round", &h.rounds[1].to_string()),
                ("table", &h.tables[0].to_string()),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
}

async fn themes_suggested_adopted_renamed_merged(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    let r = h.rounds[1];
    for (i, text) in [
        "fietspaden",
        "veilige fietspaden",
        "fietspad naar school",
        "meer groen",
        "groen in de wijk",
        "bomen en groen",
    ]
    .iter()
    .enumerate()
    {
        app.store
            .add_keyword(
                h.summit.id,
                &g1000_store::NewKeyword {
                    round_id: r,
                    registration_id: Some(h.people[i % 6].0),
                    table_id: None,
                    entered_by: "participant:x".into(),
                    text: text.to_string(),
                    submission_id: format!("{i:032}"),
                },
            )
            .await
            .unwrap();
    }
    // The console suggests themes (crates/agenda); adopting one makes it a theme with its keywords.
    let console = h.org.text(&format!("/s/{slug}/console")).await;
    assert!(console.contains("id=\"day-suggestions\""), "{console}");
    let i = console
        .find("action=\"/s/")
        .and_then(|_| console.find("name=\"keywords\" value=\""))
        .expect("an adopt form");
    let ids: String = console[i + "name=\"keywords\" value=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let j = console[..i].rfind("name=\"name\" value=\"").unwrap();
    let label: String = console[j + "name=\"name\" value=\"".len()..]
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(ids.split(',').count(), 3, "{label}: {ids}");
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/themes"),
            &[("name", &label), ("keywords", &ids)],
        )
        .await;
    assert_eq!(res.status(), 303);
    let themes = app.store.themes(h.summit.id).await.unwrap();
    assert_eq!(themes.len(), 1);
    let in_theme = app
        .store
        .keywords(h.summit.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|k| k.theme_id == Some(themes[0].id))
        .count();
    assert_eq!(in_theme, 3);
    // By hand: an empty name is refused; a named theme is made, renamed, and merged into the first.
    let res = h
        .org
        .post(&format!("/s/{slug}/console/themes"), &[("theme-name", " ")])
        .await;
    assert_eq!(res.status(), 422);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/themes"),
            &[("theme-name", "Natuur")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let natuur = app.store.themes(h.summit.id).await.unwrap()[1].id;
    let groen = kw(&app, h.summit.id, "meer groen").await;
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/keywords/{}/theme", groen.id),
            &[("theme", &natuur.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/themes/{natuur}"),
            &[("action", "rename"), ("name", "Groen")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(screen.contains("id=\"screen-themes\""), "{screen}");
    assert!(screen.contains("Groen <span"), "{screen}");
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/themes/{natuur}"),
            &[("action", "merge"), ("into", &themes[0].id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.store.themes(h.summit.id).await.unwrap().len(), 1);
    assert_eq!(
        kw(&app, h.summit.id, "meer groen").await.theme_id,
        Some(themes[0].id)
    );
    let actions: Vec<String> = app
        .store
        .audit_events(h.summit.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "day.theme.create",
        "day.keyword.theme",
        "day.theme.rename",
        "day.theme.merge",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}

async fn theme_vote_with_dots_changeable_until_closed(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    let a = app
        .store
        .create_theme(h.summit.id, "Groen", &[])
        .await
        .unwrap();
    let b = app
        .store
        .create_theme(h.summit.id, "Fietsen", &[])
        .await
        .unwrap();
    let (fa, fb) = (format!("dots-{}", a.id), format!("dots-{}", b.id));
    let mut p0 = phone(&app, &slug, &h.people[0].1).await;
    // Before the vote opens: no ballot, and a post is refused.
    assert!(
        !p0.text(&format!("/s/{slug}/day"))
            .await
            .contains("day-vote-form")
    );
    let res = p0.post(&format!("/s/{slug}/day/dots"), &[(&fa, "1")]).await;
    assert_eq!(res.status(), 422);
    // The facilitator opens it with 3 dots each (a wrong number of dots is refused).
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/vote"),
            &[("status", "open"), ("dots", "0")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/vote"),
            &[("status", "open"), ("dots", "3")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let page = p0.text(&format!("/s/{slug}/day")).await;
    assert!(page.contains("id=\"day-vote-form\""), "{page}");
    // 2 + 1 dots, sent twice (a retry): counted once.
    for _ in 0..2 {
        let res = p0
            .post(&format!("/s/{slug}/day/dots"), &[(&fa, "2"), (&fb, "1")])
            .await;
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/s/{slug}/day?voted=1#day-vote"));
    }
    let (rows, voters) = app.store.theme_results(h.summit.id).await.unwrap();
    assert_eq!(voters, 1);
    assert_eq!(rows, vec![(a.id, 2, 1), (b.id, 1, 1)]);
    // Too many dots, or not a number: refused, nothing changes.
    let res = p0
        .post(&format!("/s/{slug}/day/dots"), &[(&fa, "2"), (&fb, "2")])
        .await;
    assert_eq!(res.status(), 422);
    let res = p0.post(&format!("/s/{slug}/day/dots"), &[(&fa, "x")]).await;
    assert_eq!(res.status(), 422);
    // Changed while open; another participant votes too.
    p0.post(&format!("/s/{slug}/day/dots"), &[(&fa, "0"), (&fb, "3")])
        .await;
    let mut p1 = phone(&app, &slug, &h.people[1].1).await;
    p1.post(&format!("/s/{slug}/day/dots"), &[(&fa, "1")]).await;
    let (rows, voters) = app.store.theme_results(h.summit.id).await.unwrap();
    assert_eq!(voters, 2);
    assert_eq!(rows, vec![(b.id, 3, 1), (a.id, 1, 1)]);
    // Results are hidden on the projector until the vote closes.
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(screen.contains("id=\"screen-voters\""), "{screen}");
    assert!(!screen.contains("id=\"screen-results\""), "{screen}");
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/vote"),
            &[("status", "closed"), ("dots", "3")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    let i = screen
        .find("id=\"screen-results\"")
        .expect("results after the close");
    let fiets = screen[i..].find("Fietsen").unwrap();
    let groen = screen[i..].find("Groen").unwrap();
    assert!(fiets < groen, "most dots first");
    // Closed: no more changes.
    let res = p0.post(&format!("/s/{slug}/day/dots"), &[(&fa, "3")]).await;
    assert_eq!(res.status(), 422);
    assert_eq!(app.store.theme_results(h.summit.id).await.unwrap().0, rows);
    let actions: Vec<String> = app
        .store
        .audit_events(h.summit.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions.iter().filter(|a| *a == "day.vote").count(),
        2,
        "{actions:?}"
    );
}
