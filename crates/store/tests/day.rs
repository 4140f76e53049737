//! The day (issue 6, part A): the same tests on SQLite and on PostgreSQL.

use g1000_store::testing::{Backend, fresh_database};
use g1000_store::{
    AuditDraft, DayStart, GroupFields, GroupKind, JoinMethod, Moderation, NewKeyword,
    NewRegistration, RegistrationStatus, RoundFields, RoundKind, Seat, Store, StoreError,
    Submitted, Summit, SummitFields, TableFields, ThemeSeating, Via,
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
    sessions_only_for_confirmed_badge_holders,
    the_programme_moves_by_compare_and_set_and_times_rounds,
    keywords_are_stored_once_per_submission_and_moderated,
    attendance_needs_a_seat_and_counters_count,
    themes_and_the_dot_vote,
    concurrent_submissions_land_exactly_once,
    theme_tables_replace_one_rounds_seats,
);

struct Hall {
    store: Store,
    summit: Summit,
    rounds: Vec<i64>,
    /// Registration ids; the first three confirmed, the fourth only selected.
    people: Vec<i64>,
    codes: Vec<String>,
    table: i64,
}

async fn hall(url: &str) -> Hall {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("org@example.org", "Org", None, true)
        .await
        .unwrap();
    let summit = store
        .create_summit(
            &SummitFields {
                name: "Dag".into(),
                community: "Teststad".into(),
                date: "2027-04-03".into(),
                start_time: "09:30".into(),
                venue: "Zaal".into(),
                capacity: 300,
                languages: vec!["nl".into()],
                description: String::new(),
            },
            &u,
        )
        .await
        .unwrap();
    let g = store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: 10,
                join_method: JoinMethod::Open,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let mut rounds = vec![];
    for kind in [RoundKind::Welcome, RoundKind::Dialogue, RoundKind::Dialogue] {
        rounds.push(
            store
                .add_round(
                    summit.id,
                    &RoundFields {
                        kind,
                        question: "Q".into(),
                        duration_min: 20,
                        table_size: 4,
                    },
                )
                .await
                .unwrap()
                .id,
        );
    }
    let mut people = vec![];
    for i in 0..4 {
        let r = store
            .register(
                summit.id,
                &Via::Open,
                &NewRegistration {
                    group_id: g.id,
                    public_id: format!("p{i}"),
                    language: "nl".into(),
                    can_attend: true,
                    name: format!("Persoon {i}"),
                    email: None,
                    phone: None,
                    bands: vec![],
                    needs: Default::default(),
                    privacy_version: "1".into(),
                },
            )
            .await
            .unwrap();
        store
            .set_registration_status(r.id, RegistrationStatus::Confirmed, None)
            .await
            .unwrap();
        people.push(r.id);
    }
    let mut n = 0;
    store
        .ensure_badge_codes(summit.id, || {
            n += 1;
            format!("CODE{n}")
        })
        .await
        .unwrap();
    let rows = store.badge_rows(summit.id).await.unwrap();
    let codes = people
        .iter()
        .map(|id| {
            rows.iter()
                .find(|b| b.registration_id == *id)
                .unwrap()
                .code
                .clone()
                .unwrap()
        })
        .collect();
    store
        .set_registration_status(people[3], RegistrationStatus::Selected, None)
        .await
        .unwrap();
    let table = store
        .add_seating_tables(
            summit.id,
            1,
            &TableFields {
                capacity: 4,
                accessible: false,
                language: "nl".into(),
                host_user_id: None,
            },
        )
        .await
        .unwrap()[0]
        .id;
    let seats: Vec<Seat> = people[..3]
        .iter()
        .map(|id| Seat {
            round_id: rounds[1],
            registration_id: *id,
            table_id: table,
        })
        .collect();
    store.start_seating_run(summit.id, 60_000).await.unwrap();
    store
        .finish_seating_run(summit.id, Ok(&seats))
        .await
        .unwrap();
    Hall {
        store,
        summit,
        rounds,
        people,
        codes,
        table,
    }
}

async fn sessions_only_for_confirmed_badge_holders(url: &str) {
    let h = hall(url).await;
    let s = &h.store;
    assert_eq!(
        s.start_day_session(h.summit.id, "NOPE", "h0", 60_000)
            .await
            .unwrap(),
        DayStart::Unknown
    );
    assert!(matches!(
        s.start_day_session(h.summit.id, &h.codes[3], "h3", 60_000).await.unwrap(),
        DayStart::NotConfirmed { status } if status == "selected"
    ));
    let DayStart::Started(p) = s
        .start_day_session(h.summit.id, &h.codes[0], "h1", 60_000)
        .await
        .unwrap()
    else {
        panic!("a session for a confirmed participant")
    };
    assert_eq!(p.registration_id, h.people[0]);
    assert_eq!(s.day_session("h1").await.unwrap(), Some(p.clone()));
    assert_eq!(s.day_session("h3").await.unwrap(), None);
    // An expired session is no session; a second phone of the same person has its own.
    s.start_day_session(h.summit.id, &h.codes[0], "old", -1)
        .await
        .unwrap();
    assert_eq!(s.day_session("old").await.unwrap(), None);
    s.start_day_session(h.summit.id, &h.codes[0], "h2", 60_000)
        .await
        .unwrap();
    assert!(s.day_session("h2").await.unwrap().is_some());
    // A token hash is used once.
    assert!(matches!(
        s.start_day_session(h.summit.id, &h.codes[1], "h1", 60_000)
            .await,
        Err(StoreError::Conflict(_))
    ));
    s.end_day_session("h1").await.unwrap();
    assert_eq!(s.day_session("h1").await.unwrap(), None);
    // Declining ends access.
    s.set_registration_status(h.people[0], RegistrationStatus::Declined, None)
        .await
        .unwrap();
    assert_eq!(s.day_session("h2").await.unwrap(), None);
}

async fn the_programme_moves_by_compare_and_set_and_times_rounds(url: &str) {
    let h = hall(url).await;
    let s = &h.store;
    let mut events = s.bus().subscribe();
    assert_eq!(s.day_state(h.summit.id).await.unwrap().round_id, None);
    assert!(
        s.move_day_round(h.summit.id, None, Some(h.rounds[0]))
            .await
            .unwrap()
    );
    // (Events of the set-up may still arrive first through PostgreSQL's NOTIFY.)
    let ev = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            let ev = events.recv().await.unwrap();
            if ev.kind == "day" {
                return ev;
            }
        }
    })
    .await
    .expect("a day event");
    assert_eq!(ev.topic, format!("summit:{}", h.summit.id));
    // A stale "from" changes nothing.
    assert!(
        !s.move_day_round(h.summit.id, None, Some(h.rounds[1]))
            .await
            .unwrap()
    );
    assert!(
        s.move_day_round(h.summit.id, Some(h.rounds[0]), Some(h.rounds[1]))
            .await
            .unwrap()
    );
    let st = s.day_state(h.summit.id).await.unwrap();
    assert_eq!(st.round_id, Some(h.rounds[1]));
    assert!(st.running());
    // Another summit's round is refused.
    assert!(matches!(
        s.move_day_round(h.summit.id, Some(h.rounds[1]), Some(999_999))
            .await,
        Err(StoreError::NotFound(_))
    ));
    // Pause keeps the elapsed time; a second pause changes nothing; resume runs on.
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    assert!(s.set_day_timer(h.summit.id, false).await.unwrap());
    assert!(!s.set_day_timer(h.summit.id, false).await.unwrap());
    let paused = s.day_state(h.summit.id).await.unwrap();
    assert!(!paused.running());
    assert!(paused.elapsed_ms >= 30, "{paused:?}");
    assert_eq!(
        paused.elapsed_at(g1000_store::now_ms() + 10_000),
        paused.elapsed_ms
    );
    assert!(s.set_day_timer(h.summit.id, true).await.unwrap());
    let running = s.day_state(h.summit.id).await.unwrap();
    assert!(running.elapsed_at(g1000_store::now_ms() + 10_000) >= paused.elapsed_ms + 10_000);
    // The end of the programme.
    assert!(
        s.move_day_round(h.summit.id, Some(h.rounds[1]), None)
            .await
            .unwrap()
    );
    assert!(!s.set_day_timer(h.summit.id, true).await.unwrap());
}

/// Many phones at once (SQLite commits them in batches): every submission lands once, retries sent at the same
/// time are reported as duplicates of it, failing submissions in the same batches lose only themselves, and
/// keywords recorded with their audit event leave one unbroken chain next to concurrent plain records.
async fn concurrent_submissions_land_exactly_once(url: &str) {
    let h = hall(url).await;
    let r = h.rounds[1];
    let sid = h.summit.id;
    let mut tasks = vec![];
    for i in 0..120 {
        // Submission i, its retry (for every third), a failing one (every tenth: a round of no summit), and
        // for every eighth a host's keyword with its audit event or a plain audit record.
        let mut sends = vec![(
            kw(
                r,
                Some(h.people[i % 3]),
                &format!("woord{i}"),
                &format!("c{i}"),
            ),
            false,
        )];
        if i % 3 == 0 {
            sends.push((sends[0].0.clone(), false));
        }
        if i % 10 == 0 {
            sends.push((kw(999_999, None, "fout", &format!("f{i}")), false));
        }
        if i % 8 == 0 {
            sends.push((kw(r, None, &format!("tafel{i}"), &format!("t{i}")), true));
        }
        for (k, audited) in sends {
            let store = h.store.clone();
            tasks.push(tokio::spawn(async move {
                let draft = audited.then(|| AuditDraft {
                    actor: "user#1".into(),
                    action: "day.host.keyword".into(),
                    detail: serde_json::json!({"text": k.text}),
                });
                let res = store.add_keyword_recorded(sid, &k, draft).await;
                (k, res)
            }));
        }
        if i % 8 == 4 {
            let store = h.store.clone();
            tasks.push(tokio::spawn(async move {
                let e = store
                    .record(sid, "system", "test.event", serde_json::json!({"i": i}))
                    .await;
                assert!(e.is_ok(), "{e:?}");
                (kw(r, None, "", "record"), Ok(Submitted::Saved(0)))
            }));
        }
    }
    let mut saved = std::collections::HashMap::new();
    let mut duplicates = vec![];
    for t in tasks {
        let (k, res) = t.await.unwrap();
        if k.submission_id == "record" {
            continue;
        }
        match res {
            Ok(Submitted::Saved(id)) => {
                assert!(
                    saved.insert(k.submission_id.clone(), id).is_none(),
                    "{} saved twice",
                    k.submission_id
                );
            }
            Ok(Submitted::Duplicate(id)) => duplicates.push((k.submission_id.clone(), id)),
            Err(StoreError::NotFound(_)) => assert_eq!(k.round_id, 999_999),
            Err(e) => panic!("{}: {e}", k.submission_id),
        }
    }
    assert_eq!(saved.len(), 120 + 15, "every submission saved once");
    assert_eq!(duplicates.len(), 40);
    for (sub, id) in duplicates {
        assert_eq!(saved[&sub], id, "a retry answers the first one's id");
    }
    let stored = h.store.keywords(sid).await.unwrap();
    assert_eq!(stored.len(), 135);
    for k in &stored {
        assert!(!k.original.starts_with("fout"));
    }
    let events = h.store.audit_events(sid).await.unwrap();
    let host: Vec<_> = events
        .iter()
        .filter(|e| e.action == "day.host.keyword")
        .collect();
    assert_eq!(host.len(), 15);
    for e in &host {
        let id = e.detail["keyword"].as_i64().unwrap();
        let k = stored.iter().find(|k| k.id == id).unwrap();
        assert_eq!(e.detail["text"], serde_json::json!(k.original));
    }
    assert_eq!(
        events.iter().filter(|e| e.action == "test.event").count(),
        15
    );
    let head = g1000_ledger::verify(&events).expect("one unbroken chain");
    assert_eq!(head, events.last().unwrap().hash);
    if let Some((commits, writes)) = h.store.group_commit_stats() {
        assert!(writes >= 120 + 15 + 15, "{writes}");
        assert!(
            commits < writes,
            "{commits} transactions for {writes} writes: no batching"
        );
    }
}

fn kw(round_id: i64, reg: Option<i64>, text: &str, submission: &str) -> NewKeyword {
    NewKeyword {
        round_id,
        registration_id: reg,
        table_id: None,
        entered_by: "participant:x".into(),
        text: text.into(),
        submission_id: submission.into(),
    }
}

async fn keywords_are_stored_once_per_submission_and_moderated(url: &str) {
    let h = hall(url).await;
    let s = &h.store;
    let r = h.rounds[1];
    let first = s
        .add_keyword(h.summit.id, &kw(r, Some(h.people[0]), "Groen", "s1"))
        .await
        .unwrap();
    assert!(matches!(first, Submitted::Saved(_)));
    // The same submission again (a retry): one row, reported as a duplicate of the first.
    let again = s
        .add_keyword(h.summit.id, &kw(r, Some(h.people[0]), "Groen", "s1"))
        .await
        .unwrap();
    assert_eq!(again, Submitted::Duplicate(first.id()));
    assert_eq!(s.keywords(h.summit.id).await.unwrap().len(), 1);
    let b = s
        .add_keyword(h.summit.id, &kw(r, Some(h.people[1]), "  groen ", "s2"))
        .await
        .unwrap();
    let c = s
        .add_keyword(h.summit.id, &kw(r, Some(h.people[2]), "Rijwiel", "s3"))
        .await
        .unwrap();
    let d = s
        .add_keyword(h.summit.id, &kw(r, None, "Fiets", "s4"))
        .await
        .unwrap();
    let e = s
        .add_keyword(h.summit.id, &kw(r, None, "Scheldwoord", "s5"))
        .await
        .unwrap();
    // A round of another summit is refused.
    assert!(matches!(
        s.add_keyword(h.summit.id, &kw(999_999, None, "x", "s6"))
            .await,
        Err(StoreError::NotFound(_))
    ));
    let cloud = s.word_cloud(h.summit.id, Some(r)).await.unwrap();
    assert_eq!(cloud[0].word, "Groen");
    assert_eq!(cloud[0].count, 2);
    assert_eq!(cloud.len(), 4);
    // Synonyms count together; hidden ones leave the cloud; the original stays.
    s.set_synonym(h.summit.id, "rijwiel", "Fiets")
        .await
        .unwrap();
    s.moderate_keyword(h.summit.id, e.id(), &Moderation::Hide, "scheldwoord")
        .await
        .unwrap();
    let cloud = s.word_cloud(h.summit.id, None).await.unwrap();
    let counts: Vec<(String, i64)> = cloud.iter().map(|w| (w.word.clone(), w.count)).collect();
    assert_eq!(
        counts,
        vec![("Fiets".to_string(), 2), ("Groen".to_string(), 2)]
    );
    let hidden = s.keyword(h.summit.id, e.id()).await.unwrap();
    assert!(hidden.hidden);
    assert_eq!(
        (hidden.original.as_str(), hidden.reason.as_str()),
        ("Scheldwoord", "scheldwoord")
    );
    // Merge "Fiets" into "Groen", then edit "Groen": the merged one follows.
    let merged = s
        .moderate_keyword(
            h.summit.id,
            d.id(),
            &Moderation::Merge(first.id()),
            "zelfde",
        )
        .await
        .unwrap();
    assert_eq!(
        (merged.shown.as_str(), merged.merged_into),
        ("Groen", Some(first.id()))
    );
    assert!(matches!(
        s.moderate_keyword(h.summit.id, d.id(), &Moderation::Merge(d.id()), "x")
            .await,
        Err(StoreError::Conflict(_))
    ));
    s.moderate_keyword(
        h.summit.id,
        first.id(),
        &Moderation::Edit("Meer groen".into()),
        "duidelijker",
    )
    .await
    .unwrap();
    assert_eq!(
        s.keyword(h.summit.id, d.id()).await.unwrap().shown,
        "Meer groen"
    );
    assert_eq!(
        s.keyword(h.summit.id, d.id()).await.unwrap().original,
        "Fiets"
    );
    let _ = (b, c);
    // Own keywords of a participant in a round.
    let mine = s.keywords_of(h.summit.id, h.people[0], r).await.unwrap();
    assert_eq!(mine.len(), 1);
    // Counters: visible keywords of the round, and who sent them (hidden ones excluded).
    let counters = s.day_counters(h.summit.id, Some(r)).await.unwrap();
    assert_eq!(counters.keywords, 4);
}

async fn attendance_needs_a_seat_and_counters_count(url: &str) {
    let h = hall(url).await;
    let s = &h.store;
    s.mark_attendance(h.summit.id, h.rounds[1], h.people[0], true, "user#1")
        .await
        .unwrap();
    s.mark_attendance(h.summit.id, h.rounds[1], h.people[1], false, "user#1")
        .await
        .unwrap();
    // Marked again: the last mark counts.
    s.mark_attendance(h.summit.id, h.rounds[1], h.people[1], true, "user#1")
        .await
        .unwrap();
    // Not seated in that round.
    assert!(matches!(
        s.mark_attendance(h.summit.id, h.rounds[2], h.people[0], true, "user#1")
            .await,
        Err(StoreError::NotFound(_))
    ));
    let seats = s.table_seats(h.rounds[1], h.table).await.unwrap();
    assert_eq!(seats.len(), 3);
    assert_eq!(
        seats.iter().map(|x| x.present).collect::<Vec<_>>(),
        vec![Some(true), Some(true), None]
    );
    assert_eq!(
        s.day_table_of(h.rounds[1], h.people[2])
            .await
            .unwrap()
            .map(|t| t.id),
        Some(h.table)
    );
    assert_eq!(
        s.day_table_of(h.rounds[2], h.people[2]).await.unwrap(),
        None
    );
    s.check_in(h.summit.id, &h.codes[0], "user#1")
        .await
        .unwrap();
    s.start_day_session(h.summit.id, &h.codes[0], "a", 60_000)
        .await
        .unwrap();
    s.start_day_session(h.summit.id, &h.codes[0], "b", 60_000)
        .await
        .unwrap();
    s.start_day_session(h.summit.id, &h.codes[1], "c", 60_000)
        .await
        .unwrap();
    let c = s.day_counters(h.summit.id, None).await.unwrap();
    assert_eq!((c.expected, c.checked_in, c.phones), (3, 1, 2));
}

async fn themes_and_the_dot_vote(url: &str) {
    let h = hall(url).await;
    let s = &h.store;
    let r = h.rounds[1];
    let k1 = s
        .add_keyword(h.summit.id, &kw(r, None, "fiets", "t1"))
        .await
        .unwrap()
        .id();
    let k2 = s
        .add_keyword(h.summit.id, &kw(r, None, "groen", "t2"))
        .await
        .unwrap()
        .id();
    let a = s.create_theme(h.summit.id, "Verkeer", &[k1]).await.unwrap();
    let b = s.create_theme(h.summit.id, "Natuur", &[]).await.unwrap();
    s.set_keyword_theme(h.summit.id, k2, Some(b.id))
        .await
        .unwrap();
    s.rename_theme(h.summit.id, b.id, "Groen").await.unwrap();
    assert_eq!(s.themes(h.summit.id).await.unwrap()[1].name, "Groen");
    // The vote is closed until opened; then at most `dots` per participant, replaced as a whole.
    assert!(matches!(
        s.set_theme_dots(h.summit.id, h.people[0], &[(a.id, 1)])
            .await,
        Err(StoreError::Conflict(_))
    ));
    assert!(s.set_theme_vote(h.summit.id, "open", 3).await.unwrap());
    assert!(!s.set_theme_vote(h.summit.id, "open", 3).await.unwrap());
    assert!(matches!(
        s.set_theme_vote(h.summit.id, "open", 0).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(matches!(
        s.set_theme_dots(h.summit.id, h.people[0], &[(a.id, 3), (b.id, 1)])
            .await,
        Err(StoreError::Conflict(_))
    ));
    s.set_theme_dots(h.summit.id, h.people[0], &[(a.id, 2), (b.id, 1)])
        .await
        .unwrap();
    s.set_theme_dots(h.summit.id, h.people[0], &[(a.id, 2), (b.id, 1)])
        .await
        .unwrap();
    s.set_theme_dots(h.summit.id, h.people[1], &[(b.id, 3)])
        .await
        .unwrap();
    assert_eq!(
        s.theme_dots_of(h.summit.id, h.people[0]).await.unwrap(),
        vec![(a.id, 2), (b.id, 1)]
    );
    assert_eq!(
        s.theme_results(h.summit.id).await.unwrap(),
        (vec![(b.id, 4, 2), (a.id, 2, 1)], 2)
    );
    s.set_theme_vote(h.summit.id, "closed", 3).await.unwrap();
    assert!(matches!(
        s.set_theme_dots(h.summit.id, h.people[0], &[(a.id, 1)])
            .await,
        Err(StoreError::Conflict(_))
    ));
    // Merging themes moves their keywords; the merged theme leaves the list.
    s.merge_theme(h.summit.id, b.id, a.id).await.unwrap();
    assert_eq!(s.themes(h.summit.id).await.unwrap().len(), 1);
    assert_eq!(
        s.keyword(h.summit.id, k2).await.unwrap().theme_id,
        Some(a.id)
    );
    // Their dots too: person 0 had 2 + 1, person 1 had 3.
    assert_eq!(
        s.theme_results(h.summit.id).await.unwrap(),
        (vec![(a.id, 6, 2)], 2)
    );
    assert_eq!(
        s.theme_dots_of(h.summit.id, h.people[0]).await.unwrap(),
        vec![(a.id, 3)]
    );
    assert!(matches!(
        s.set_keyword_theme(h.summit.id, k1, Some(b.id)).await,
        Err(StoreError::NotFound(_))
    ));
}

async fn theme_tables_replace_one_rounds_seats(url: &str) {
    let h = hall(url).await;
    let s = &h.store;
    let sid = h.summit.id;
    let second = s
        .add_seating_tables(
            sid,
            1,
            &TableFields {
                capacity: 4,
                accessible: false,
                language: "nl".into(),
                host_user_id: None,
            },
        )
        .await
        .unwrap()[0]
        .id;
    // Round 2 (rounds[1]) was seated by the seating run; round 3 gets theme tables below.
    let (r1, r2) = (h.rounds[1], h.rounds[2]);
    let a = s.create_theme(sid, "Verkeer", &[]).await.unwrap();
    let b = s.create_theme(sid, "Groen", &[]).await.unwrap();
    s.set_theme_vote(sid, "open", 3).await.unwrap();
    s.set_theme_dots(sid, h.people[0], &[(a.id, 2), (b.id, 1)])
        .await
        .unwrap();
    s.set_theme_dots(sid, h.people[1], &[(b.id, 3)])
        .await
        .unwrap();
    // The dots are kept per person for the seating run, by registration.
    assert_eq!(
        s.theme_dot_ballots(sid).await.unwrap(),
        vec![
            (h.people[0], a.id, 2),
            (h.people[0], b.id, 1),
            (h.people[1], b.id, 3)
        ]
    );
    assert!(s.theme_tables_run(sid).await.unwrap().is_none());
    // Not a round of this summit; and a run that was never started cannot finish.
    assert!(matches!(
        s.start_theme_tables_run(sid, 987_654, 2, 60_000).await,
        Err(StoreError::NotFound(_))
    ));
    let done = ThemeSeating {
        seats: vec![
            Seat {
                round_id: r2,
                registration_id: h.people[0],
                table_id: h.table,
            },
            Seat {
                round_id: r2,
                registration_id: h.people[1],
                table_id: second,
            },
            Seat {
                round_id: r2,
                registration_id: h.people[2],
                table_id: second,
            },
        ],
        table_themes: vec![(h.table, a.id), (second, b.id)],
        by_rank: vec![2, 0],
        unranked: 1,
    };
    assert!(matches!(
        s.finish_theme_tables_run(sid, r2, Ok(&done)).await,
        Err(StoreError::Conflict(_))
    ));
    assert!(s.start_theme_tables_run(sid, r2, 2, 60_000).await.unwrap());
    // One run at a time (until it is stale).
    assert!(!s.start_theme_tables_run(sid, r2, 2, 60_000).await.unwrap());
    let run = s.theme_tables_run(sid).await.unwrap().unwrap();
    assert_eq!(
        (run.status.as_str(), run.round_id, run.themes),
        ("running", r2, 2)
    );
    s.finish_theme_tables_run(sid, r2, Ok(&done)).await.unwrap();
    let run = s.theme_tables_run(sid).await.unwrap().unwrap();
    assert_eq!(run.status, "ready");
    assert_eq!((run.by_rank, run.unranked), (vec![2, 0], 1));
    let seats = s.seats(sid).await.unwrap();
    // Round 2's seats are untouched, round 3's are the run's.
    assert_eq!(seats.iter().filter(|x| x.round_id == r1).count(), 3);
    let mut third: Vec<(i64, i64)> = seats
        .iter()
        .filter(|x| x.round_id == r2)
        .map(|x| (x.registration_id, x.table_id))
        .collect();
    third.sort();
    assert_eq!(
        third,
        vec![
            (h.people[0], h.table),
            (h.people[1], second),
            (h.people[2], second)
        ]
    );
    let tables = s.theme_tables(sid, r2).await.unwrap();
    let names: Vec<(&str, i64)> = tables
        .iter()
        .map(|t| (t.theme_name.as_str(), t.table_id))
        .collect();
    assert_eq!(names, vec![("Groen", second), ("Verkeer", h.table)]);
    assert_eq!(
        s.table_theme(r2, second).await.unwrap().as_deref(),
        Some("Groen")
    );
    assert_eq!(s.table_theme(r1, second).await.unwrap(), None);
    assert_eq!(
        s.day_table_of(r2, h.people[2]).await.unwrap().unwrap().id,
        second
    );
    // A second run replaces the round's seats and themes; a failed one keeps them and says why.
    assert!(s.start_theme_tables_run(sid, r2, 1, 60_000).await.unwrap());
    let only_a = ThemeSeating {
        seats: done.seats[..1].to_vec(),
        table_themes: vec![(h.table, a.id)],
        by_rank: vec![1],
        unranked: 0,
    };
    s.finish_theme_tables_run(sid, r2, Ok(&only_a))
        .await
        .unwrap();
    assert_eq!(s.theme_tables(sid, r2).await.unwrap().len(), 1);
    assert_eq!(
        s.seats(sid)
            .await
            .unwrap()
            .iter()
            .filter(|x| x.round_id == r2)
            .count(),
        1
    );
    assert!(s.start_theme_tables_run(sid, r2, 1, 60_000).await.unwrap());
    s.finish_theme_tables_run(sid, r2, Err("no room"))
        .await
        .unwrap();
    let run = s.theme_tables_run(sid).await.unwrap().unwrap();
    assert_eq!(
        (run.status.as_str(), run.message.as_str()),
        ("failed", "no room")
    );
    assert_eq!(s.theme_tables(sid, r2).await.unwrap().len(), 1);
    // A new seating run of every round replaces the theme tables as well.
    s.start_seating_run(sid, 60_000).await.unwrap();
    s.finish_seating_run(sid, Ok(&done.seats)).await.unwrap();
    assert!(s.theme_tables(sid, r2).await.unwrap().is_empty());
    assert!(s.theme_tables_run(sid).await.unwrap().is_none());
    assert_eq!(s.table_theme(r2, second).await.unwrap(), None);
}
