//! Confirmation, messages, the door and personal data through the real app, on SQLite and on PostgreSQL:
//! the outbox page and its CSV, sending through a tiny SMTP server of the test's own, the personal link (confirm,
//! download, delete), badges, check-in with the live attendance, and the retention setting.

mod common;

use std::sync::{Arc, Mutex};

use common::{SseReader, TestApp, location};
use g1000_store::{
    AccessNeeds, BatchKind, GroupFields, GroupKind, JoinMethod, NewRegistration,
    RegistrationStatus, Role, Summit, SummitFields, User, Via,
};
use g1000_web::Config;
use g1000_web::outbox::{self, MessageKind};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

both_backends!(
    outbox_lists_exports_and_links_confirm,
    personal_data_download_and_delete,
    badges_and_check_in_at_the_door,
    retention_date_is_validated,
);

struct Hall {
    organiser: User,
    summit: Summit,
    citizens: i64,
    employers: i64,
    /// Registration ids: person i has language nl for even i, en for odd i.
    people: Vec<i64>,
}

async fn hall(app: &TestApp, n: usize) -> Hall {
    let organiser = app
        .store
        .create_user("org@example.org", "Org", None, true)
        .await
        .unwrap();
    let summit = app
        .store
        .create_summit(
            &SummitFields {
                name: "G1000 Deurstad".into(),
                community: "Deurstad".into(),
                date: "2027-05-01".into(),
                start_time: "10:00".into(),
                venue: "Stadhuis".into(),
                capacity: 100,
                languages: vec!["nl".into(), "en".into()],
                description: String::new(),
            },
            &organiser,
        )
        .await
        .unwrap();
    app.store.set_published(summit.id, true).await.unwrap();
    let mut groups = vec![];
    for (name, kind) in [
        ("Burgers", GroupKind::Citizens),
        ("Werkgevers", GroupKind::Employers),
    ] {
        groups.push(
            app.store
                .add_group(
                    summit.id,
                    &GroupFields {
                        name: name.into(),
                        kind,
                        seat_target: 10,
                        join_method: JoinMethod::Lottery,
                        open_cap: None,
                    },
                )
                .await
                .unwrap()
                .id,
        );
    }
    // Everyone registers with a letter code (the lottery channel), one batch per group.
    let code = |i: usize| format!("{i:064x}");
    for (g, &group) in groups.iter().enumerate() {
        let hashes: Vec<String> = (0..n).filter(|i| i % 2 == g).map(code).collect();
        app.store
            .import_codes(
                summit.id,
                group,
                BatchKind::Letters,
                &format!("salt{g}"),
                &format!("letters{g}"),
                &hashes,
            )
            .await
            .unwrap();
    }
    let mut people = vec![];
    for i in 0..n {
        let r = NewRegistration {
            group_id: groups[i % 2],
            public_id: format!("pid{i:03}"),
            language: if i % 2 == 0 { "nl" } else { "en" }.into(),
            can_attend: true,
            name: format!("Anneke{i} Vlietstra"),
            email: Some(format!("anneke{i}@example.org")),
            phone: None,
            bands: vec![],
            needs: AccessNeeds {
                hearing_loop: true,
                ..Default::default()
            },
            privacy_version: "1".into(),
        };
        people.push(
            app.store
                .register(summit.id, &Via::Code { code_hash: code(i) }, &r)
                .await
                .unwrap()
                .id,
        );
    }
    Hall {
        organiser,
        summit,
        citizens: groups[0],
        employers: groups[1],
        people,
    }
}

/// The path of a personal link (`/c/…`).
fn path_of(link: &str) -> String {
    link[link.find("/c/").unwrap()..].to_string()
}

async fn outbox_lists_exports_and_links_confirm(app: TestApp) {
    let h = hall(&app, 3).await;
    let base = app.base();
    for (i, kind) in [
        MessageKind::Selected,
        MessageKind::Selected,
        MessageKind::Reserve,
    ]
    .into_iter()
    .enumerate()
    {
        let status = if kind == MessageKind::Reserve {
            RegistrationStatus::Reserve
        } else {
            RegistrationStatus::Selected
        };
        app.store
            .set_registration_status(h.people[i], status, Some(1))
            .await
            .unwrap();
        outbox::enqueue(&app.store, &h.summit, h.people[i], kind, &base)
            .await
            .unwrap()
            .unwrap();
    }
    let dutch = outbox::enqueue(
        &app.store,
        &h.summit,
        h.people[0],
        MessageKind::RegistrationReceived,
        &base,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(dutch.channel, "email");
    let messages = app.store.messages(h.summit.id, None).await.unwrap();
    assert_eq!(messages.len(), 4);
    // In the person's language, with the name and the personal link.
    let m0 = messages
        .iter()
        .find(|m| m.public_id == "pid000" && m.kind == "selected")
        .unwrap();
    assert_eq!(m0.language, "nl");
    assert!(m0.subject.contains("U bent geloot"), "{}", m0.subject);
    assert!(m0.body.contains("Beste Anneke0 Vlietstra"), "{}", m0.body);
    let link0 = m0
        .body
        .split_whitespace()
        .find(|w| w.contains("/c/"))
        .unwrap();
    let m1 = messages.iter().find(|m| m.public_id == "pid001").unwrap();
    assert_eq!(m1.language, "en");
    assert!(m1.subject.contains("You have been drawn"), "{}", m1.subject);
    assert!(m1.body.contains("Dear Anneke1 Vlietstra"));
    // Only the hash of the link's token is stored.
    let token = link0.rsplit('/').next().unwrap();
    assert_eq!(token.len(), 64);
    assert!(!m0.public_id.contains(token));

    // The organisers' outbox page, filtered, and the CSV.
    let (_, org) = app.user_client("org2@example.org", false).await;
    app.store
        .add_member(
            h.summit.id,
            app.store
                .user_by_email("org2@example.org")
                .await
                .unwrap()
                .unwrap()
                .id,
            Role::Organiser,
        )
        .await
        .unwrap();
    let slug = &h.summit.slug;
    let page = org.text(&format!("/manage/{slug}/outbox")).await;
    assert!(page.contains("anneke0@example.org"), "{page}");
    assert!(page.contains("No mail server") || page.contains("Er is geen mailserver"));
    let queued = org
        .text(&format!("/manage/{slug}/outbox?status=sent"))
        .await;
    assert!(!queued.contains("anneke0@example.org"));
    let res = org.get(&format!("/manage/{slug}/outbox.csv")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let csv = res.text().await.unwrap();
    assert!(csv.starts_with("\u{feff}id,recipient_id,kind,channel,recipient"));
    assert_eq!(csv.matches("\"pid0").count(), 4, "one row per message");
    assert!(csv.contains("\"anneke1@example.org\""));
    assert!(csv.contains("\"queued\""));
    // Participants and facilitators do not see the outbox.
    let (fac, fac_c) = app.user_client("fac@example.org", false).await;
    app.store
        .add_member(h.summit.id, fac.id, Role::Facilitator)
        .await
        .unwrap();
    assert_eq!(
        fac_c
            .get(&format!("/manage/{slug}/outbox.csv"))
            .await
            .status(),
        403
    );

    // The selected person confirms through the link, in their language; the link needs the CSRF token.
    let anon = app.client();
    let path = path_of(link0);
    let page = anon.text(&path).await;
    assert!(page.contains("name=\"answer\" value=\"confirm\""), "{page}");
    assert_eq!(
        anon.post_raw(&path, &[("answer", "confirm")])
            .await
            .status(),
        403
    );
    let mut anon = anon;
    let res = anon.post(&path, &[("answer", "confirm")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("{path}?answered=confirmed"));
    let reg = app
        .store
        .registration_by_id(h.people[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reg.status, "confirmed");
    let page = anon.text(&location(&res)).await;
    assert!(!page.contains("value=\"confirm\""));
    assert!(page.contains("value=\"decline\""));
    // The reserve's link has no answer buttons; the second selected person declines.
    let m2 = messages.iter().find(|m| m.public_id == "pid002").unwrap();
    let link2 = m2
        .body
        .split_whitespace()
        .find(|w| w.contains("/c/"))
        .unwrap();
    assert!(!anon.text(&path_of(link2)).await.contains("name=\"answer\""));
    let link1 = m1
        .body
        .split_whitespace()
        .find(|w| w.contains("/c/"))
        .unwrap();
    let res = anon.post(&path_of(link1), &[("answer", "decline")]).await;
    assert_eq!(
        location(&res),
        format!("{}?answered=declined", path_of(link1))
    );
    assert_eq!(
        app.store
            .registration_by_id(h.people[1])
            .await
            .unwrap()
            .unwrap()
            .status,
        "declined"
    );
    let events = app.store.audit_events(h.summit.id).await.unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"selection.confirmed") && actions.contains(&"selection.declined"));
    assert!(actions.contains(&"outbox.exported"));
    assert!(!serde_json::to_string(&events).unwrap().contains("Anneke"));
    // An unknown link says so.
    let res = anon.get(&format!("/c/{}", "ab".repeat(32))).await;
    assert_eq!(res.status(), 410);
    let _ = h.organiser;
}

async fn personal_data_download_and_delete(app: TestApp) {
    let h = hall(&app, 2).await;
    app.store
        .set_registration_status(h.people[0], RegistrationStatus::Confirmed, None)
        .await
        .unwrap();
    let sent = outbox::enqueue(
        &app.store,
        &h.summit,
        h.people[0],
        MessageKind::RegistrationReceived,
        "https://g1000.example.org/",
    )
    .await
    .unwrap()
    .unwrap();
    assert!(sent.link.starts_with("https://g1000.example.org/c/"));
    let path = path_of(&sent.link);
    let mut c = app.client();
    let res = c.get(&format!("{path}/data")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["data"]["contact"]["name"], "Anneke0 Vlietstra");
    assert_eq!(json["data"]["access_needs"]["hearing_loop"], true);
    assert_eq!(json["data"]["group"], "Burgers");
    assert_eq!(json["data"]["messages"].as_array().unwrap().len(), 1);
    assert!(json["about"].as_str().unwrap().len() > 20);

    // Deleting asks first, needs CSRF, then deletes and the link stops working.
    let page = c.text(&format!("{path}/delete")).await;
    assert!(page.contains("name=\"confirm\" value=\"yes\""), "{page}");
    assert_eq!(
        c.post_raw(&format!("{path}/delete"), &[("confirm", "yes")])
            .await
            .status(),
        403
    );
    assert_eq!(c.post(&format!("{path}/delete"), &[]).await.status(), 422);
    let res = c
        .post(&format!("{path}/delete"), &[("confirm", "yes")])
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"personal-deleted\"")
    );
    assert!(
        app.store
            .registration_contact(h.people[0])
            .await
            .unwrap()
            .is_none()
    );
    let reg = app
        .store
        .registration_by_id(h.people[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        reg.status, "declined",
        "a confirmed person who deletes counts as a decline"
    );
    assert_eq!(c.get(&path).await.status(), 410);
    assert_eq!(c.get(&format!("{path}/data")).await.status(), 410);
    // The other person is untouched.
    assert!(
        app.store
            .registration_contact(h.people[1])
            .await
            .unwrap()
            .is_some()
    );
    let events = app.store.audit_events(h.summit.id).await.unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "personal-data.deleted-by-person")
    );
}

async fn badges_and_check_in_at_the_door(app: TestApp) {
    let h = hall(&app, 4).await;
    for id in &h.people[..3] {
        app.store
            .set_registration_status(*id, RegistrationStatus::Confirmed, None)
            .await
            .unwrap();
    }
    let slug = h.summit.slug.clone();
    let (org, org_c) = app.user_client("door-org@example.org", false).await;
    app.store
        .add_member(h.summit.id, org.id, Role::Organiser)
        .await
        .unwrap();
    let (fac, mut fac_c) = app.user_client("door-fac@example.org", false).await;
    app.store
        .add_member(h.summit.id, fac.id, Role::Facilitator)
        .await
        .unwrap();
    let (host, host_c) = app.user_client("door-host@example.org", false).await;
    app.store
        .add_member(h.summit.id, host.id, Role::TableHost)
        .await
        .unwrap();

    let page = org_c.text(&format!("/manage/{slug}/badges")).await;
    assert!(page.contains("Anneke0 Vlietstra") && page.contains("Anneke2 Vlietstra"));
    assert!(
        !page.contains("Anneke3 Vlietstra"),
        "only confirmed participants"
    );
    let res = org_c.get(&format!("/manage/{slug}/badges.pdf")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let pdf = res.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-1.4"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("(Anneke1 Vlietstra)") && text.contains("(Werkgevers)"));
    let badges = app.store.badge_rows(h.summit.id).await.unwrap();
    let code0 = badges[0].code.clone().unwrap();
    let grouped0 = g1000_invite::validate(&code0).unwrap().grouped();
    assert!(text.contains(&format!("({grouped0})")));
    let one = org_c
        .get(&format!(
            "/manage/{slug}/badges.pdf?person={}",
            badges[0].public_id
        ))
        .await
        .bytes()
        .await
        .unwrap();
    let one = String::from_utf8_lossy(&one);
    assert!(one.contains(&grouped0) && !one.contains("(Anneke2 Vlietstra)"));
    assert_eq!(
        host_c
            .get(&format!("/manage/{slug}/badges.pdf"))
            .await
            .status(),
        403
    );
    assert_eq!(
        org_c
            .get(&format!("/manage/{slug}/badges.pdf?person=nobody"))
            .await
            .status(),
        404
    );

    // The door page: facilitators and organisers, the camera allowed there only.
    assert_eq!(host_c.get(&format!("/s/{slug}/door")).await.status(), 403);
    let res = fac_c.get(&format!("/s/{slug}/door")).await;
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=(self)")
    );
    let page = res.text().await.unwrap();
    assert!(page.contains("data-kinds=\"attendance"));
    assert!(page.contains("/assets/door.js"));
    let res = fac_c.get(&format!("/s/{slug}")).await;
    assert!(
        res.headers()["permissions-policy"]
            .to_str()
            .unwrap()
            .contains("camera=()")
    );

    // Live: a check-in reaches the attendance stream.
    let events = fac_c.get(&format!("/s/{slug}/events")).await;
    let mut sse = SseReader::new(events);
    assert_eq!(sse.next_event().await.0, "ready");

    // The scanned URL shows whose badge it is; checking in takes a post.
    let page = fac_c.text(&format!("/s/{slug}/door/{grouped0}")).await;
    assert!(page.contains("id=\"door-preview\""), "{page}");
    let name0 = badges[0].name.clone().unwrap();
    assert!(page.contains(&name0));
    assert_eq!(
        app.store
            .registration_by_id(badges[0].registration_id)
            .await
            .unwrap()
            .unwrap()
            .status,
        "confirmed"
    );
    let res = fac_c
        .post(
            &format!("/s/{slug}/door"),
            &[("code", &grouped0.to_lowercase())],
        )
        .await;
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("id=\"door-done\""), "{page}");
    assert!(page.contains(&name0));
    loop {
        let (ev, data) = sse.next_event().await;
        if ev == "change" && data == "attendance" {
            break;
        }
    }
    // Idempotent, with a clear message.
    let res = fac_c
        .post(
            &format!("/s/{slug}/door"),
            &[("code", &format!("{}/s/{slug}/door/{grouped0}", app.base()))],
        )
        .await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("id=\"door-already\""));
    // Unknown, malformed and empty codes.
    let other = g1000_invite::Code::generate().unwrap().grouped();
    let res = fac_c
        .post(&format!("/s/{slug}/door"), &[("code", &other)])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"door-unknown\""));
    let res = fac_c
        .post(&format!("/s/{slug}/door"), &[("code", "12")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("aria-invalid=\"true\""));
    // A declined person's badge is refused.
    let declined = &badges[1];
    app.store
        .answer_selection(declined.registration_id, false)
        .await
        .unwrap();
    let res = fac_c
        .post(
            &format!("/s/{slug}/door"),
            &[("code", declined.code.as_deref().unwrap())],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text()
            .await
            .unwrap()
            .contains("id=\"door-not-confirmed\"")
    );
    // The counts per group.
    let page = fac_c.text(&format!("/s/{slug}/door")).await;
    assert!(
        page.contains("1 of 2") || page.contains("1 van de 2"),
        "{page}"
    );
    let att = app.store.attendance(h.summit.id).await.unwrap();
    let checked: i64 = att.iter().map(|a| a.checked_in).sum();
    assert_eq!(checked, 1);
    assert!(
        att.iter()
            .any(|a| a.group_id == h.citizens || a.group_id == h.employers)
    );
}

async fn retention_date_is_validated(app: TestApp) {
    let h = hall(&app, 0).await;
    let slug = h.summit.slug.clone();
    let (org, mut c) = app.user_client("ret-org@example.org", false).await;
    app.store
        .add_member(h.summit.id, org.id, Role::Organiser)
        .await
        .unwrap();
    let path = format!("/manage/{slug}/personal-data");
    assert_eq!(c.get(&path).await.status(), 200);
    let res = c.post(&path, &[("retention_date", "2027-13-01")]).await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("value=\"2027-13-01\""));
    let res = c.post(&path, &[("retention_date", "2027-04-30")]).await;
    assert_eq!(res.status(), 422, "before the summit");
    assert_eq!(c.post(&path, &[("retention_date", "")]).await.status(), 422);
    let res = c.post(&path, &[("retention_date", "2027-08-01")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.store
            .retention(h.summit.id)
            .await
            .unwrap()
            .retention_date
            .as_deref(),
        Some("2027-08-01")
    );
    assert!(
        c.text(&location(&res))
            .await
            .contains("value=\"2027-08-01\"")
    );
    assert!(
        app.store
            .audit_events(h.summit.id)
            .await
            .unwrap()
            .iter()
            .any(|e| e.action == "retention.set")
    );
}

// ---- SMTP ----

/// A tiny SMTP server: accepts every message except to addresses starting with "reject", and keeps what it got.
async fn smtp_server() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let got = Arc::new(Mutex::new(Vec::new()));
    let store = got.clone();
    tokio::spawn(async move {
        loop {
            let Ok((sock, _)) = listener.accept().await else {
                return;
            };
            let store = store.clone();
            tokio::spawn(async move {
                let (r, mut w) = sock.into_split();
                let mut r = BufReader::new(r);
                w.write_all(b"220 test ESMTP\r\n").await.unwrap();
                let mut line = String::new();
                let mut data: Option<String> = None;
                loop {
                    line.clear();
                    if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if let Some(d) = data.as_mut() {
                        if line == ".\r\n" {
                            store.lock().unwrap().push(data.take().unwrap());
                            w.write_all(b"250 OK queued\r\n").await.unwrap();
                        } else {
                            d.push_str(&line);
                        }
                        continue;
                    }
                    let cmd = line.to_ascii_uppercase();
                    let reply: &[u8] = if cmd.starts_with("EHLO") || cmd.starts_with("HELO") {
                        b"250 test\r\n"
                    } else if cmd.starts_with("RCPT TO:<REJECT") {
                        b"550 5.1.1 no such mailbox\r\n"
                    } else if cmd.starts_with("DATA") {
                        data = Some(String::new());
                        b"354 go ahead\r\n"
                    } else if cmd.starts_with("QUIT") {
                        w.write_all(b"221 bye\r\n").await.unwrap();
                        return;
                    } else {
                        b"250 OK\r\n"
                    };
                    w.write_all(reply).await.unwrap();
                }
            });
        }
    });
    (port, got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_smtp_sender_delivers_and_records_failures() {
    smtp_sender_delivers_and_records_failures(common::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_smtp_sender_delivers_and_records_failures() {
    smtp_sender_delivers_and_records_failures(common::Backend::Postgres).await;
}

async fn smtp_sender_delivers_and_records_failures(backend: common::Backend) {
    let Some(db) = common::fresh_database(backend).await else {
        return;
    };
    let (port, got) = smtp_server().await;
    let config = Config {
        smtp_url: Some(format!("smtp://127.0.0.1:{port}")),
        mail_from: Some("G1000 Deurstad <info@example.org>".into()),
        public_url: Some("https://g1000.example.org".into()),
        ..Config::default()
    };
    assert!(config.validate().is_ok());
    assert!(
        !format!("{config:?}").contains("127.0.0.1"),
        "the SMTP URL is never printed"
    );
    let app = TestApp::spawn_on(backend, &db, config).await;
    let h = hall(&app, 3).await;
    // Person 2 has an address the server refuses.
    app.store
        .execute_raw(&format!(
            "UPDATE registration_contact SET email = 'reject@example.org' WHERE registration_id = {}",
            h.people[2]
        ))
        .await
        .unwrap();
    for id in &h.people {
        outbox::enqueue(
            &app.store,
            &h.summit,
            *id,
            MessageKind::NotSelected,
            "https://g1000.example.org",
        )
        .await
        .unwrap();
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let all = app.store.messages(h.summit.id, None).await.unwrap();
        if all
            .iter()
            .all(|m| m.status == "sent" || m.status == "failed")
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "sent in time: {all:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let sent = app.store.messages(h.summit.id, Some("sent")).await.unwrap();
    assert_eq!(sent.len(), 2);
    let failed = app
        .store
        .messages(h.summit.id, Some("failed"))
        .await
        .unwrap();
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0]
            .error
            .as_deref()
            .unwrap()
            .contains("no such mailbox"),
        "{failed:?}"
    );
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 2);
    let dutch = got
        .iter()
        .find(|m| m.contains("anneke0@example.org"))
        .unwrap();
    assert!(
        dutch.contains("Subject: De loting voor G1000 Deurstad"),
        "{dutch}"
    );
    assert!(dutch.contains("info@example.org"));
    assert!(dutch.contains("Anneke0 Vlietstra"), "{dutch}");
    let english = got
        .iter()
        .find(|m| m.contains("anneke1@example.org"))
        .unwrap();
    assert!(english.contains("Subject: The draw for G1000 Deurstad"));
    // Without SMTP configured, an invalid configuration is refused up front.
    let bad = Config {
        smtp_url: Some("smtp://127.0.0.1:1".into()),
        mail_from: None,
        ..Config::default()
    };
    assert!(bad.validate().unwrap_err().contains("--mail-from"));
}
