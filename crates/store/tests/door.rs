//! Confirmation, the outbox, the door and personal data: the same tests on SQLite and on PostgreSQL.

use g1000_store::testing::{Backend, fresh_database};
use g1000_store::{
    AccessNeeds, Answer, AttributeFields, Band, CheckIn, GroupFields, GroupKind, JoinMethod,
    NewMessage, NewRegistration, RegistrationRow, RegistrationStatus, Store, Summit, SummitFields,
    Via,
};

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let url = super::fresh_database(super::Backend::Sqlite).await.unwrap();
                super::$name(&url).await;
            }
        )* }
        mod postgres { $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(url) = super::fresh_database(super::Backend::Postgres).await {
                    super::$name(&url).await;
                }
            }
        )* }
    };
}

both!(
    outbox_queues_claims_once_and_records_the_outcome,
    selected_people_answer_once_through_their_link,
    badges_check_in_once_and_count_per_group,
    purge_deletes_personal_data_and_keeps_the_rest,
    a_person_deletes_their_own_data,
);

struct Hall {
    store: Store,
    summit: Summit,
    citizens: i64,
    employers: i64,
    people: Vec<RegistrationRow>,
}

/// A summit with two open groups and `n` registrations (alternating groups), names "Person N".
async fn hall(url: &str, n: usize) -> Hall {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("org@example.org", "Org", None, true)
        .await
        .unwrap();
    let summit = store
        .create_summit(
            &SummitFields {
                name: "Deur".into(),
                community: "Teststad".into(),
                date: "2027-04-03".into(),
                start_time: "09:30".into(),
                venue: "Zaal".into(),
                capacity: 300,
                languages: vec!["nl".into(), "en".into()],
                description: String::new(),
            },
            &u,
        )
        .await
        .unwrap();
    let mut groups = vec![];
    for (name, kind) in [
        ("Burgers", GroupKind::Citizens),
        ("Werkgevers", GroupKind::Employers),
    ] {
        groups.push(
            store
                .add_group(
                    summit.id,
                    &GroupFields {
                        name: name.into(),
                        kind,
                        seat_target: 10,
                        join_method: JoinMethod::Open,
                        open_cap: None,
                    },
                )
                .await
                .unwrap()
                .id,
        );
    }
    let age = store
        .add_attribute(
            summit.id,
            &AttributeFields {
                name: "Leeftijd".into(),
                bands: vec![
                    Band {
                        label: "jong".into(),
                        share_permille: None,
                    },
                    Band {
                        label: "oud".into(),
                        share_permille: None,
                    },
                ],
            },
        )
        .await
        .unwrap();
    let mut people = vec![];
    for i in 0..n {
        let r = NewRegistration {
            group_id: groups[i % 2],
            public_id: format!("pid-{i}"),
            language: if i % 2 == 0 { "nl" } else { "en" }.into(),
            can_attend: true,
            name: format!("Person {i} Zwanenburg"),
            email: Some(format!("person{i}@example.org")),
            phone: Some(format!("+3161234{i:04}")),
            bands: vec![(age.id, "oud".into())],
            needs: AccessNeeds {
                wheelchair: true,
                diet_other: Some(format!("geen pinda's {i}")),
                ..Default::default()
            },
            privacy_version: "1".into(),
        };
        let mut row = store.register(summit.id, &Via::Open, &r).await.unwrap();
        // The open form selects at once; these people start in the lottery pool.
        store
            .set_registration_status(row.id, RegistrationStatus::Pool, None)
            .await
            .unwrap();
        row.status = RegistrationStatus::Pool.as_str().into();
        people.push(row);
    }
    Hall {
        store,
        citizens: groups[0],
        employers: groups[1],
        summit,
        people,
    }
}

fn message(summit_id: i64, pid: &str, channel: &str) -> NewMessage {
    NewMessage {
        summit_id,
        public_id: pid.into(),
        kind: "selected".into(),
        channel: channel.into(),
        recipient: if channel == "email" {
            format!("{pid}@example.org")
        } else {
            "+31612345678".into()
        },
        language: "nl".into(),
        subject: "Onderwerp".into(),
        body: "Beste Person, https://example.org/c/abc".into(),
    }
}

async fn outbox_queues_claims_once_and_records_the_outcome(url: &str) {
    let h = hall(url, 0).await;
    let (s, id) = (&h.store, h.summit.id);
    let a = s
        .enqueue_message(&message(id, "pid-a", "email"))
        .await
        .unwrap();
    let b = s
        .enqueue_message(&message(id, "pid-b", "email"))
        .await
        .unwrap();
    let c = s
        .enqueue_message(&message(id, "pid-c", "sms"))
        .await
        .unwrap();
    assert_eq!(s.messages(id, None).await.unwrap().len(), 3);
    assert_eq!(s.messages(id, Some("queued")).await.unwrap().len(), 3);
    // Only e-mail is claimed, and each message once.
    let claimed = s.claim_queued_email(10).await.unwrap();
    assert_eq!(claimed.iter().map(|m| m.id).collect::<Vec<_>>(), vec![a, b]);
    assert!(
        claimed
            .iter()
            .all(|m| m.status == "sending" && m.attempts == 1)
    );
    assert!(s.claim_queued_email(10).await.unwrap().is_empty());
    s.mark_sent(a).await.unwrap();
    s.mark_failed(b, "550 no such user").await.unwrap();
    let sent = s.messages(id, Some("sent")).await.unwrap();
    assert_eq!(sent.len(), 1);
    assert!(sent[0].sent_at.is_some());
    let failed = s.messages(id, Some("failed")).await.unwrap();
    assert_eq!(failed[0].error.as_deref(), Some("550 no such user"));
    let mut counts = s.message_counts(id).await.unwrap();
    counts.sort();
    assert_eq!(
        counts,
        vec![
            ("failed".to_string(), 1),
            ("queued".to_string(), 1),
            ("sent".to_string(), 1)
        ]
    );
    assert_eq!(s.requeue_failed(id).await.unwrap(), 1);
    let again = s.claim_queued_email(10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts), (b, 2));
    assert_eq!(s.messages_to(id, "pid-c").await.unwrap()[0].id, c);
}

async fn selected_people_answer_once_through_their_link(url: &str) {
    let h = hall(url, 4).await;
    let s = &h.store;
    let p = &h.people;
    s.add_personal_link(p[0].id, "hash-0").await.unwrap();
    s.add_personal_link(p[0].id, "hash-0b").await.unwrap();
    assert!(s.add_personal_link(p[1].id, "hash-0").await.is_err());
    assert_eq!(
        s.registration_by_link("hash-0b").await.unwrap().unwrap().id,
        p[0].id
    );
    assert!(s.registration_by_link("nope").await.unwrap().is_none());

    // Not selected yet: no answer possible.
    assert_eq!(
        s.answer_selection(p[0].id, true).await.unwrap(),
        Answer::NotOpen(RegistrationStatus::Pool)
    );
    s.set_registration_status(p[0].id, RegistrationStatus::Selected, None)
        .await
        .unwrap();
    assert_eq!(
        s.answer_selection(p[0].id, true).await.unwrap(),
        Answer::Recorded(RegistrationStatus::Confirmed)
    );
    assert_eq!(
        s.answer_selection(p[0].id, true).await.unwrap(),
        Answer::Already(RegistrationStatus::Confirmed)
    );
    // A confirmed person may still decline; a declined one cannot come back.
    assert_eq!(
        s.answer_selection(p[0].id, false).await.unwrap(),
        Answer::Recorded(RegistrationStatus::Declined)
    );
    assert_eq!(
        s.answer_selection(p[0].id, true).await.unwrap(),
        Answer::NotOpen(RegistrationStatus::Declined)
    );
    // Reserves in rank order per group.
    s.set_registration_status(p[2].id, RegistrationStatus::Reserve, Some(2))
        .await
        .unwrap();
    s.set_registration_status(p[1].id, RegistrationStatus::Reserve, Some(1))
        .await
        .unwrap();
    assert_eq!(
        s.next_reserve(h.summit.id, h.citizens)
            .await
            .unwrap()
            .unwrap()
            .id,
        p[2].id
    );
    assert_eq!(
        s.next_reserve(h.summit.id, h.employers)
            .await
            .unwrap()
            .unwrap()
            .id,
        p[1].id
    );
    s.set_registration_status(p[2].id, RegistrationStatus::Selected, None)
        .await
        .unwrap();
    assert!(
        s.next_reserve(h.summit.id, h.citizens)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        s.set_registration_status(999_999, RegistrationStatus::Selected, None)
            .await
            .is_err()
    );
    // Two vacancies filled at the same moment cannot both take the same reserve.
    let (a, b) = tokio::join!(
        s.promote_to_selected(p[1].id, RegistrationStatus::Reserve),
        s.promote_to_selected(p[1].id, RegistrationStatus::Reserve)
    );
    assert_eq!(
        [a.unwrap(), b.unwrap()].iter().filter(|won| **won).count(),
        1,
        "exactly one promotion wins"
    );
    let moved = s.registration_by_id(p[1].id).await.unwrap().unwrap();
    assert_eq!(moved.status(), Some(RegistrationStatus::Selected));
    assert!(
        !s.promote_to_selected(p[1].id, RegistrationStatus::Reserve)
            .await
            .unwrap(),
        "no longer a reserve"
    );
}

async fn badges_check_in_once_and_count_per_group(url: &str) {
    let h = hall(url, 5).await;
    let (s, id) = (&h.store, h.summit.id);
    for p in &h.people[..4] {
        s.set_registration_status(p.id, RegistrationStatus::Confirmed, None)
            .await
            .unwrap();
    }
    let mut n = 0;
    let made = s
        .ensure_badge_codes(id, || {
            n += 1;
            // The second code collides with the first: it is replaced.
            if n == 2 {
                "CODE1".into()
            } else {
                format!("CODE{n}")
            }
        })
        .await
        .unwrap();
    assert_eq!(made, 4);
    assert_eq!(
        s.ensure_badge_codes(id, || unreachable!()).await.unwrap(),
        0
    );
    let badges = s.badge_rows(id).await.unwrap();
    assert_eq!(badges.len(), 4);
    assert!(badges.iter().all(|b| b.code.is_some() && b.name.is_some()));
    let code_of = |i: usize| {
        badges
            .iter()
            .find(|b| b.registration_id == h.people[i].id)
            .unwrap()
            .code
            .clone()
            .unwrap()
    };
    match s.check_in(id, &code_of(0), "user#1").await.unwrap() {
        CheckIn::Done {
            public_id, name, ..
        } => {
            assert_eq!(public_id, "pid-0");
            assert_eq!(name.as_deref(), Some("Person 0 Zwanenburg"));
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        s.check_in(id, &code_of(0), "user#1").await.unwrap(),
        CheckIn::Already { .. }
    ));
    assert_eq!(
        s.check_in(id, "NOPE", "user#1").await.unwrap(),
        CheckIn::Unknown
    );
    // A badge of another summit's code space is unknown here.
    assert_eq!(
        s.check_in(id + 1, &code_of(1), "user#1").await.unwrap(),
        CheckIn::Unknown
    );
    s.answer_selection(h.people[1].id, false).await.unwrap();
    assert!(matches!(
        s.check_in(id, &code_of(1), "user#1").await.unwrap(),
        CheckIn::NotConfirmed { .. }
    ));
    s.check_in(id, &code_of(3), "user#1").await.unwrap();
    let mut att = s.attendance(id).await.unwrap();
    att.sort_by_key(|a| a.group_id);
    assert_eq!(att.len(), 2);
    let citizens = att.iter().find(|a| a.group_id == h.citizens).unwrap();
    let employers = att.iter().find(|a| a.group_id == h.employers).unwrap();
    // Citizens: people 0 and 2 confirmed, 0 in. Employers: 3 confirmed and in (1 declined).
    assert_eq!((citizens.expected, citizens.checked_in), (2, 1));
    assert_eq!((employers.expected, employers.checked_in), (1, 1));
    let reg = s.registration_by_id(h.people[0].id).await.unwrap().unwrap();
    assert_eq!(reg.status, "checked_in");
}

async fn purge_deletes_personal_data_and_keeps_the_rest(url: &str) {
    let h = hall(url, 3).await;
    let (s, id) = (&h.store, h.summit.id);
    s.record(id, "user#1", "test.event", serde_json::json!({"n": 1}))
        .await
        .unwrap();
    s.set_registration_status(h.people[0].id, RegistrationStatus::Confirmed, None)
        .await
        .unwrap();
    s.ensure_badge_codes(id, || "BADGE0".into()).await.unwrap();
    s.add_personal_link(h.people[1].id, "link-1").await.unwrap();
    s.enqueue_message(&message(id, "pid-1", "email"))
        .await
        .unwrap();
    assert_eq!(s.retention(id).await.unwrap().retention_date, None);
    s.set_retention_date(id, Some("2027-07-01")).await.unwrap();
    s.set_retention_date(id, Some("2027-07-03")).await.unwrap();
    assert_eq!(
        s.retention(id).await.unwrap().retention_date.as_deref(),
        Some("2027-07-03")
    );
    assert!(
        s.summits_past_retention("2027-07-03")
            .await
            .unwrap()
            .is_empty()
    );
    let due = s.summits_past_retention("2027-07-04").await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].summit_id, id);
    assert_eq!(due[0].purged_at, None);

    let counts = s.purge_summit(id).await.unwrap();
    assert_eq!(
        (
            counts.contacts,
            counts.access_needs,
            counts.messages,
            counts.personal_links,
            counts.badges
        ),
        (3, 3, 1, 1, 1)
    );
    assert_eq!(s.purge_summit(id).await.unwrap().total(), 0, "idempotent");
    s.compact().await.unwrap();
    assert!(s.retention(id).await.unwrap().purged_at.is_some());
    // Pseudonymous registrations, bands, statuses and the audit record stay.
    let regs = s.registrations(id).await.unwrap();
    assert_eq!(regs.len(), 3);
    assert_eq!(regs[0].status, "confirmed");
    assert_eq!(s.registration_bands(regs[0].id).await.unwrap().len(), 1);
    assert_eq!(
        s.registration_counts(id).await.unwrap().by_band.len(),
        2,
        "one band line per group with people in the pool"
    );
    let data = s.personal_data(regs[1].id).await.unwrap();
    assert!(data.contact.is_none() && data.access_needs.is_none());
    assert_eq!(data.messages.len(), 1);
    assert_eq!(data.messages[0].recipient, None);
    assert_eq!(data.messages[0].body, "");
    assert!(s.registration_contact(regs[0].id).await.unwrap().is_none());
    assert!(s.registration_by_link("link-1").await.unwrap().is_none());
    let events = s.audit_events(id).await.unwrap();
    assert_eq!(events.len(), 1);
    g1000_ledger::verify(&events).unwrap();
}

async fn a_person_deletes_their_own_data(url: &str) {
    let h = hall(url, 2).await;
    let (s, id) = (&h.store, h.summit.id);
    let p = &h.people[0];
    s.set_registration_status(p.id, RegistrationStatus::Confirmed, None)
        .await
        .unwrap();
    s.add_personal_link(p.id, "link-0").await.unwrap();
    s.enqueue_message(&message(id, "pid-0", "email"))
        .await
        .unwrap();
    let before = s.personal_data(p.id).await.unwrap();
    assert_eq!(before.contact.as_ref().unwrap().name, "Person 0 Zwanenburg");
    assert!(before.access_needs.as_ref().unwrap().wheelchair);
    assert_eq!(
        before.bands,
        vec![("Leeftijd".to_string(), "oud".to_string())]
    );
    assert_eq!(before.group, "Burgers");
    assert_eq!(before.messages.len(), 1);

    // A confirmed person who deletes their data counts as a decline.
    assert_eq!(
        s.delete_own_data(p.id).await.unwrap(),
        RegistrationStatus::Declined
    );
    let after = s.personal_data(p.id).await.unwrap();
    assert!(after.contact.is_none() && after.access_needs.is_none());
    assert_eq!(after.status, "declined");
    assert_eq!(after.messages[0].status, "failed");
    assert_eq!(after.messages[0].recipient, None);
    assert_eq!(after.bands.len(), 1);
    assert!(s.registration_by_link("link-0").await.unwrap().is_none());
    // Someone in the pool is withdrawn; the other person's data is untouched.
    assert_eq!(
        s.delete_own_data(h.people[1].id).await.unwrap(),
        RegistrationStatus::Withdrawn
    );
    assert!(s.claim_queued_email(10).await.unwrap().is_empty());
}
