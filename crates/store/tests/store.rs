//! The store's shared suite: the same tests on SQLite and on PostgreSQL.

use g1000_store::testing::{Backend, fresh_database};
use g1000_store::{
    AccessNeeds, AttributeFields, Band, BatchKind, GroupFields, GroupKind, JoinMethod,
    NewRegistration, Outcome, Quota, RegisterError, RegistrationStatus, Role, RoundFields,
    RoundKind, RunStart, SelectionError, SelectionState, Store, StoreError, SummitFields, Via,
};

macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let url = g1000_store::testing::fresh_database(g1000_store::testing::Backend::Sqlite).await.unwrap();
                super::$name(&url).await;
            }
        )* }
        mod postgres { $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                if let Some(url) = g1000_store::testing::fresh_database(g1000_store::testing::Backend::Postgres).await {
                    super::$name(&url).await;
                }
            }
        )* }
    };
}

both!(
    writes_survive_reopening,
    migrations_run_once_and_reopen_cleanly,
    email_is_unique_case_insensitively,
    first_organiser_only_once,
    summit_slugs_are_unique,
    programme_positions_stay_dense,
    last_organiser_stays,
    sessions_expire_and_end,
    groups_belong_to_their_summit,
    concurrent_writes_all_land,
    audit_record_is_a_verified_append_only_chain,
    attributes_keep_their_bands_in_order,
    codes_import_idempotently_and_are_used_once,
    personal_links_select_at_once,
    open_registration_fills_the_cap_then_waits,
    registration_keeps_personal_data_apart,
    selection_moves_through_its_states_and_freezes_after_the_commitment,
);

fn fields(name: &str) -> SummitFields {
    SummitFields {
        name: name.into(),
        community: "Teststad".into(),
        date: "2027-04-03".into(),
        start_time: "09:30".into(),
        venue: "Zaal".into(),
        capacity: 300,
        languages: vec!["nl".into(), "en".into()],
        description: "Tekst met 'quotes' en ; puntkomma".into(),
    }
}

fn round(kind: RoundKind, q: &str) -> RoundFields {
    RoundFields {
        kind,
        question: q.into(),
        duration_min: 30,
        table_size: 10,
    }
}

async fn writes_survive_reopening(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", Some("hash"), true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Blijvend"), &u).await.unwrap();
    store
        .add_round(s.id, &round(RoundKind::Dialogue, "Waarom?"))
        .await
        .unwrap();
    store.close().await;
    let again = Store::open(url).await.unwrap();
    let s2 = again.summit_by_slug(&s.slug).await.unwrap().unwrap();
    assert_eq!(s2.fields, fields("Blijvend"));
    assert_eq!(
        again.rounds(s.id).await.unwrap()[0].fields.question,
        "Waarom?"
    );
    assert_eq!(
        again.roles_in(u.id, s.id).await.unwrap(),
        vec![Role::Organiser]
    );
}

async fn migrations_run_once_and_reopen_cleanly(url: &str) {
    for _ in 0..3 {
        let s = Store::open(url).await.unwrap();
        assert!(s.ping().await);
        s.close().await;
    }
}

async fn email_is_unique_case_insensitively(url: &str) {
    let store = Store::open(url).await.unwrap();
    store
        .create_user("Jo@Example.org", "Jo", None, false)
        .await
        .unwrap();
    let err = store
        .create_user("jo@example.org", "Jo 2", None, false)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    assert_eq!(
        store
            .user_by_email("JO@EXAMPLE.ORG")
            .await
            .unwrap()
            .unwrap()
            .display_name,
        "Jo"
    );
}

async fn first_organiser_only_once(url: &str) {
    let store = Store::open(url).await.unwrap();
    assert!(!store.organiser_exists().await.unwrap());
    // Two set-up attempts at the same moment: exactly one wins.
    let (a, b) = tokio::join!(
        store.create_first_organiser("one@example.org", "One", "h"),
        store.create_first_organiser("two@example.org", "Two", "h"),
    );
    assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(), 1);
    assert!(store.organiser_exists().await.unwrap());
    let err = store
        .create_first_organiser("three@example.org", "Three", "h")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)));
}

async fn summit_slugs_are_unique(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let a = store.create_summit(&fields("G1000 Één"), &u).await.unwrap();
    let b = store.create_summit(&fields("G1000 Één"), &u).await.unwrap();
    assert_eq!(a.slug, "g1000-een-2027");
    assert_eq!(b.slug, "g1000-een-2027-2");
}

async fn programme_positions_stay_dense(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("P"), &u).await.unwrap();
    let mut ids = vec![];
    for q in ["1", "2", "3", "4"] {
        ids.push(
            store
                .add_round(s.id, &round(RoundKind::Dialogue, q))
                .await
                .unwrap()
                .id,
        );
    }
    store.move_round(s.id, ids[3], true).await.unwrap(); // 1 2 4 3
    store.move_round(s.id, ids[0], true).await.unwrap(); // first stays first
    store.delete_round(s.id, ids[1]).await.unwrap(); // 1 4 3
    let r = store.rounds(s.id).await.unwrap();
    assert_eq!(
        r.iter()
            .map(|r| r.fields.question.as_str())
            .collect::<Vec<_>>(),
        ["1", "4", "3"]
    );
    assert_eq!(r.iter().map(|r| r.position).collect::<Vec<_>>(), [1, 2, 3]);
    store.move_round(s.id, ids[2], false).await.unwrap(); // last stays last
    let mut edited = round(RoundKind::Vote, "Stem!");
    edited.table_size = 0;
    store.update_round(s.id, ids[3], &edited).await.unwrap();
    assert_eq!(store.rounds(s.id).await.unwrap()[1].fields, edited);
    // Another summit's round cannot be touched through this summit.
    let other = store.create_summit(&fields("Q"), &u).await.unwrap();
    assert!(matches!(
        store.update_round(other.id, ids[0], &edited).await,
        Err(StoreError::NotFound(_))
    ));
}

async fn last_organiser_stays(url: &str) {
    let store = Store::open(url).await.unwrap();
    let a = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let b = store
        .create_user("b@example.org", "B", None, false)
        .await
        .unwrap();
    let s = store.create_summit(&fields("L"), &a).await.unwrap();
    assert!(
        store
            .remove_member(s.id, a.id, Role::Organiser)
            .await
            .is_err()
    );
    store.add_member(s.id, b.id, Role::Organiser).await.unwrap();
    assert!(matches!(
        store.add_member(s.id, b.id, Role::Organiser).await,
        Err(StoreError::Conflict(_))
    ));
    store
        .remove_member(s.id, a.id, Role::Organiser)
        .await
        .unwrap();
    assert!(store.roles_in(a.id, s.id).await.unwrap().is_empty());
    assert_eq!(store.members(s.id).await.unwrap().len(), 1);
}

async fn sessions_expire_and_end(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, false)
        .await
        .unwrap();
    store.create_session("live", u.id, 60_000).await.unwrap();
    store.create_session("old", u.id, -1).await.unwrap();
    assert_eq!(store.session_user("live").await.unwrap().unwrap().id, u.id);
    assert!(store.session_user("old").await.unwrap().is_none());
    assert_eq!(store.purge_sessions().await.unwrap(), 1);
    store.delete_session("live").await.unwrap();
    assert!(store.session_user("live").await.unwrap().is_none());
}

async fn groups_belong_to_their_summit(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("G"), &u).await.unwrap();
    let other = store.create_summit(&fields("H"), &u).await.unwrap();
    let g = GroupFields {
        name: "Vrijdenkers".into(),
        kind: GroupKind::FreeThinkers,
        seat_target: 100,
        join_method: JoinMethod::Open,
        open_cap: Some(150),
    };
    let created = store.add_group(s.id, &g).await.unwrap();
    assert_eq!(created.fields, g);
    assert!(matches!(
        store.update_group(other.id, created.id, &g).await,
        Err(StoreError::NotFound(_))
    ));
    store.delete_group(other.id, created.id).await.unwrap(); // no effect on another summit's group
    assert_eq!(store.groups(s.id).await.unwrap().len(), 1);
    store.delete_group(s.id, created.id).await.unwrap();
    assert!(store.groups(s.id).await.unwrap().is_empty());
}

async fn concurrent_writes_all_land(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("C"), &u).await.unwrap();
    let mut tasks = vec![];
    for i in 0..40 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .add_round(s.id, &round(RoundKind::Dialogue, &format!("vraag {i}")))
                .await
        }));
    }
    let mut ok = 0;
    for t in tasks {
        if t.await.unwrap().is_ok() {
            ok += 1;
        }
    }
    // Every write reported as done is there. (On PostgreSQL two inserts may race for the same position; both
    // still land and the order stays total by id.)
    assert_eq!(ok, 40);
    assert_eq!(store.rounds(s.id).await.unwrap().len(), 40);
}

#[tokio::test]
async fn refuses_a_file_that_is_not_sqlite() {
    let dir = std::env::temp_dir().join(format!("g1000-notsqlite-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notes.txt");
    std::fs::write(&path, "these are my notes, not a database\n").unwrap();
    let err = Store::open(path.to_str().unwrap()).await.err().unwrap();
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err}");
    assert!(err.to_string().contains("is not an SQLite database"));
    // The file is untouched.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "these are my notes, not a database\n"
    );
    let _ = Backend::Sqlite;
    let _ = fresh_database;
}

async fn audit_record_is_a_verified_append_only_chain(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Audit"), &u).await.unwrap();
    let other = store.create_summit(&fields("Ander"), &u).await.unwrap();
    // Concurrent appends to one summit all land, in one unbroken chain.
    let mut tasks = vec![];
    for i in 0..12 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .record(
                    s.id,
                    "organiser#1",
                    "round.added",
                    serde_json::json!({"n": i}),
                )
                .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    store
        .record(other.id, "system", "summit.created", serde_json::json!({}))
        .await
        .unwrap();
    let events = store.audit_events(s.id).await.unwrap();
    assert_eq!(events.len(), 12);
    assert_eq!(g1000_ledger_head(&events), events.last().unwrap().hash);
    assert_eq!(store.audit_events(other.id).await.unwrap().len(), 1);
    // The database itself refuses to change or remove an event.
    assert!(
        store
            .execute_raw("UPDATE audit_events SET action = 'x'")
            .await
            .is_err()
    );
    assert!(store.execute_raw("DELETE FROM audit_events").await.is_err());
    assert_eq!(store.audit_events(s.id).await.unwrap(), events);
}

fn g1000_ledger_head(events: &[g1000_store::AuditEvent]) -> String {
    // The published chain verifies with nothing but the ledger's rules.
    let json = serde_json::to_string(events).unwrap();
    let back: Vec<g1000_store::AuditEvent> = serde_json::from_str(&json).unwrap();
    g1000_ledger::verify(&back).unwrap()
}

async fn attributes_keep_their_bands_in_order(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("K"), &u).await.unwrap();
    let band = |l: &str, p: Option<i64>| Band {
        label: l.into(),
        share_permille: p,
    };
    let age = AttributeFields {
        name: "Leeftijd".into(),
        bands: vec![
            band("16-34", Some(300)),
            band("35-64", Some(450)),
            band("65+", Some(250)),
        ],
    };
    let a = store.add_attribute(s.id, &age).await.unwrap();
    assert_eq!(a.fields, age);
    let dup = store.add_attribute(s.id, &age).await.unwrap_err();
    assert!(matches!(dup, StoreError::Conflict(_)), "{dup}");
    let district = AttributeFields {
        name: "Wijk".into(),
        bands: vec![band("Noord", None), band("Zuid", None)],
    };
    store.add_attribute(s.id, &district).await.unwrap();
    let mut changed = age.clone();
    changed.bands.reverse();
    store.update_attribute(s.id, a.id, &changed).await.unwrap();
    let all = store.attributes(s.id).await.unwrap();
    assert_eq!(
        all.iter()
            .map(|a| a.fields.name.as_str())
            .collect::<Vec<_>>(),
        ["Leeftijd", "Wijk"]
    );
    assert_eq!(all[0].fields, changed);
    store.delete_attribute(s.id, a.id).await.unwrap();
    assert_eq!(store.attributes(s.id).await.unwrap().len(), 1);
}

fn person(group_id: i64, public_id: &str, bands: Vec<(i64, String)>) -> NewRegistration {
    NewRegistration {
        group_id,
        public_id: public_id.into(),
        language: "nl".into(),
        can_attend: true,
        name: format!("Persoon {public_id}"),
        email: Some(format!("{public_id}@example.org")),
        phone: None,
        bands,
        needs: AccessNeeds::default(),
        privacy_version: "1".into(),
    }
}

fn group(kind: GroupKind, join_method: JoinMethod, open_cap: Option<i64>) -> GroupFields {
    GroupFields {
        name: format!("{kind}"),
        kind,
        seat_target: 2,
        join_method,
        open_cap,
    }
}

async fn codes_import_idempotently_and_are_used_once(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Codes"), &u).await.unwrap();
    let g = store
        .add_group(s.id, &group(GroupKind::Citizens, JoinMethod::Lottery, None))
        .await
        .unwrap();
    let other = store
        .add_group(
            s.id,
            &group(GroupKind::Employers, JoinMethod::Lottery, None),
        )
        .await
        .unwrap();
    let hashes: Vec<String> = (0..1000).map(|i| format!("{i:064x}")).collect();
    let first = store
        .import_codes(s.id, g.id, BatchKind::Letters, "aa", "f1", &hashes)
        .await
        .unwrap();
    assert_eq!((first.added, first.already), (1000, 0));
    // The same file again changes nothing; a longer version of it adds only the new hashes.
    let again = store
        .import_codes(s.id, g.id, BatchKind::Letters, "aa", "f1", &hashes)
        .await
        .unwrap();
    assert_eq!(
        (again.batch_id, again.added, again.already),
        (first.batch_id, 0, 1000)
    );
    let mut more = hashes.clone();
    more.push(format!("{:064x}", 5000));
    assert_eq!(
        store
            .import_codes(s.id, g.id, BatchKind::Letters, "aa", "f2", &more)
            .await
            .unwrap()
            .added,
        1
    );
    // The same draw cannot go into another group.
    assert!(matches!(
        store
            .import_codes(s.id, other.id, BatchKind::Letters, "aa", "f1", &hashes)
            .await,
        Err(StoreError::Conflict(_))
    ));
    let batches = store.code_batches(Some(s.id)).await.unwrap();
    assert_eq!(batches.len(), 1);
    assert_eq!((batches[0].codes, batches[0].used), (1001, 0));
    assert_eq!(store.code_salts(None).await.unwrap()[0].2, "aa");

    let code = hashes[7].clone();
    let inv = store
        .find_invitation(&["nope".into(), code.clone()])
        .await
        .unwrap()
        .unwrap();
    assert_eq!((inv.group_id, inv.used), (g.id, false));
    assert!(
        store
            .find_invitation(&["nope".into()])
            .await
            .unwrap()
            .is_none()
    );
    // Two registrations with one code at the same moment: exactly one lands.
    let via = Via::Code {
        code_hash: code.clone(),
    };
    let (p1, p2) = (person(g.id, "p1", vec![]), person(g.id, "p2", vec![]));
    let (a, b) = tokio::join!(
        store.register(s.id, &via, &p1),
        store.register(s.id, &via, &p2),
    );
    assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|x| **x).count(), 1);
    let err = a.err().or(b.err()).unwrap();
    assert!(matches!(err, RegisterError::CodeUsed), "{err}");
    assert!(store.find_invitation(&[code]).await.unwrap().unwrap().used);
    let regs = store.registrations(s.id).await.unwrap();
    assert_eq!(regs.len(), 1);
    assert_eq!(regs[0].status(), Some(RegistrationStatus::Pool));
    assert_eq!(regs[0].channel, "letter");
    assert_eq!(store.code_batches(Some(s.id)).await.unwrap()[0].used, 1);
    // A code of another group (or an unknown hash) does not register anyone.
    assert!(matches!(
        store
            .register(
                s.id,
                &Via::Code {
                    code_hash: hashes[8].clone()
                },
                &person(other.id, "p3", vec![])
            )
            .await,
        Err(RegisterError::CodeUsed)
    ));
    // A group with registrations cannot be deleted.
    assert!(matches!(
        store.delete_group(s.id, g.id).await,
        Err(StoreError::Conflict(_))
    ));
}

async fn personal_links_select_at_once(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Links"), &u).await.unwrap();
    let g = store
        .add_group(
            s.id,
            &group(GroupKind::Government, JoinMethod::Invitation, None),
        )
        .await
        .unwrap();
    let hashes: Vec<String> = (0..3).map(|i| format!("{:064x}", 100 + i)).collect();
    store
        .import_codes(s.id, g.id, BatchKind::Links, "bb", "links", &hashes)
        .await
        .unwrap();
    let via = |i: usize| Via::Code {
        code_hash: hashes[i].clone(),
    };
    // A personal link is a seat: no lottery, selected on registering.
    let row = store
        .register(s.id, &via(0), &person(g.id, "l0", vec![]))
        .await
        .unwrap();
    assert_eq!(row.channel, "link");
    assert_eq!(row.status(), Some(RegistrationStatus::Selected));
    // Who cannot attend is not selected.
    let mut away = person(g.id, "l1", vec![]);
    away.can_attend = false;
    let row = store.register(s.id, &via(1), &away).await.unwrap();
    assert_eq!(row.status(), Some(RegistrationStatus::Unavailable));
    // A letter code still joins the lottery pool.
    let lottery = store
        .add_group(s.id, &group(GroupKind::Citizens, JoinMethod::Lottery, None))
        .await
        .unwrap();
    let letter = format!("{:064x}", 900);
    store
        .import_codes(
            s.id,
            lottery.id,
            BatchKind::Letters,
            "cc",
            "letters",
            std::slice::from_ref(&letter),
        )
        .await
        .unwrap();
    let row = store
        .register(
            s.id,
            &Via::Code { code_hash: letter },
            &person(lottery.id, "p0", vec![]),
        )
        .await
        .unwrap();
    assert_eq!(row.status(), Some(RegistrationStatus::Pool));
}

async fn open_registration_fills_the_cap_then_waits(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Open"), &u).await.unwrap();
    let open = store
        .add_group(
            s.id,
            &group(GroupKind::FreeThinkers, JoinMethod::Open, Some(5)),
        )
        .await
        .unwrap();
    let lottery = store
        .add_group(s.id, &group(GroupKind::Citizens, JoinMethod::Lottery, None))
        .await
        .unwrap();
    // Twelve at once: five selected (no lottery within the cap), seven waiting, however the writes interleave.
    let mut tasks = vec![];
    for i in 0..12 {
        let store = store.clone();
        let r = person(open.id, &format!("o{i}"), vec![]);
        tasks.push(tokio::spawn(async move {
            store.register(s.id, &Via::Open, &r).await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let regs = store.registrations(s.id).await.unwrap();
    let count = |st: RegistrationStatus| regs.iter().filter(|r| r.status() == Some(st)).count();
    assert_eq!(
        (
            count(RegistrationStatus::Selected),
            count(RegistrationStatus::Waiting)
        ),
        (5, 7)
    );
    assert!(regs.iter().all(|r| r.channel == "open"));
    // Someone who cannot attend does not take a place.
    let mut away = person(open.id, "away", vec![]);
    away.can_attend = false;
    let row = store.register(s.id, &Via::Open, &away).await.unwrap();
    assert_eq!(row.status(), Some(RegistrationStatus::Unavailable));
    // The open form is only for open groups.
    assert!(matches!(
        store
            .register(s.id, &Via::Open, &person(lottery.id, "x", vec![]))
            .await,
        Err(RegisterError::NotOpen)
    ));
    // Pseudonyms are unique.
    assert!(
        store
            .register(s.id, &Via::Open, &person(open.id, "o1", vec![]))
            .await
            .is_err()
    );
}

async fn registration_keeps_personal_data_apart(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Privé"), &u).await.unwrap();
    let g = store
        .add_group(
            s.id,
            &group(GroupKind::FreeThinkers, JoinMethod::Open, None),
        )
        .await
        .unwrap();
    let band = |l: &str| Band {
        label: l.into(),
        share_permille: None,
    };
    let age = store
        .add_attribute(
            s.id,
            &AttributeFields {
                name: "Leeftijd".into(),
                bands: vec![band("jong"), band("oud")],
            },
        )
        .await
        .unwrap();
    let mut r = person(g.id, "pid-1", vec![(age.id, "oud".into())]);
    r.needs = AccessNeeds {
        wheelchair: true,
        diet: vec!["halal".into()],
        ..Default::default()
    };
    let row = store.register(s.id, &Via::Open, &r).await.unwrap();
    let row2 = store
        .register(
            s.id,
            &Via::Open,
            &person(g.id, "pid-2", vec![(age.id, "jong".into())]),
        )
        .await
        .unwrap();
    assert_eq!(
        store.registration_bands(row.id).await.unwrap(),
        vec![(age.id, "oud".to_string())]
    );
    let found = store
        .registration_by_public_id(s.id, "pid-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, row.id);
    let counts = store.registration_counts(s.id).await.unwrap();
    assert_eq!(counts.by_group, vec![(g.id, "selected".to_string(), 2)]);
    // Band counts are of the lottery pool; the open group's people are selected, not in it.
    assert!(counts.by_band.is_empty());
    for id in [row.id, row2.id] {
        store
            .set_registration_status(id, RegistrationStatus::Pool, None)
            .await
            .unwrap();
    }
    let counts = store.registration_counts(s.id).await.unwrap();
    assert_eq!(
        counts.by_band,
        vec![
            (g.id, age.id, "jong".to_string(), 1),
            (g.id, age.id, "oud".to_string(), 1)
        ]
    );
    // Deleting the two personal-data tables' rows leaves the pseudonymous registrations and their bands.
    assert_eq!(
        store
            .execute_raw("DELETE FROM registration_needs")
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .execute_raw("DELETE FROM registration_contact")
            .await
            .unwrap(),
        2
    );
    assert_eq!(store.registrations(s.id).await.unwrap().len(), 2);
    assert_eq!(
        store.registration_counts(s.id).await.unwrap().by_band.len(),
        2
    );
}

async fn selection_moves_through_its_states_and_freezes_after_the_commitment(url: &str) {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("a@example.org", "A", None, true)
        .await
        .unwrap();
    let s = store.create_summit(&fields("Loting"), &u).await.unwrap();
    let g = store
        .add_group(s.id, &group(GroupKind::Citizens, JoinMethod::Open, None))
        .await
        .unwrap();
    let band = |l: &str| Band {
        label: l.into(),
        share_permille: None,
    };
    let age = store
        .add_attribute(
            s.id,
            &AttributeFields {
                name: "Leeftijd".into(),
                bands: vec![band("jong"), band("oud")],
            },
        )
        .await
        .unwrap();
    let mut ids = vec![];
    for (i, b) in ["jong", "oud", "jong"].iter().enumerate() {
        let r = person(g.id, &format!("sel-{i}"), vec![(age.id, b.to_string())]);
        let id = store.register(s.id, &Via::Open, &r).await.unwrap().id;
        // The open form selects at once; put them in the lottery pool for this test of the selection.
        store
            .set_registration_status(id, RegistrationStatus::Pool, None)
            .await
            .unwrap();
        ids.push(id);
    }
    let mut away = person(g.id, "sel-away", vec![(age.id, "oud".into())]);
    away.can_attend = false;
    store.register(s.id, &Via::Open, &away).await.unwrap();

    let eligible = store.eligible_registrations(s.id, g.id).await.unwrap();
    assert_eq!(
        eligible
            .iter()
            .map(|e| e.registration.id)
            .collect::<Vec<_>>(),
        ids,
        "only people in the pool who can attend"
    );
    assert_eq!(eligible[1].bands, vec![(age.id, "oud".to_string())]);

    assert!(store.selection(s.id).await.unwrap().is_none());
    let quotas = vec![
        Quota {
            attribute_id: age.id,
            band: "jong".into(),
            min_seats: 1,
            max_seats: 1,
        },
        Quota {
            attribute_id: age.id,
            band: "oud".into(),
            min_seats: 0,
            max_seats: 1,
        },
    ];
    let sel = store
        .save_selection_quotas(s.id, g.id, 2, &quotas)
        .await
        .unwrap();
    assert_eq!(sel.state(), SelectionState::Draft);
    assert_eq!(store.selection_quotas(sel.id).await.unwrap(), quotas);

    let pool: Vec<(String, i64)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (format!("p{i}"), *id))
        .collect();
    let run = RunStart {
        features_csv: "feature,value,min,max\n",
        people_csv: "id,Leeftijd\n",
        pool: &pool,
        everyone: false,
        tickets: 1000,
        stale_before: 0,
    };
    let sel = store.start_selection_run(s.id, &run).await.unwrap();
    assert_eq!(sel.state(), SelectionState::Running);
    let started = sel.run_started_at.unwrap();
    // A second run while this one is alive is refused.
    assert!(matches!(
        store.start_selection_run(s.id, &run).await,
        Err(SelectionError::WrongState(SelectionState::Running))
    ));
    assert!(store.selection_progress(s.id, started, 1, 3).await.unwrap());
    // A commitment needs a finished run.
    assert!(matches!(
        store.commit_selection(s.id, "{}").await,
        Err(SelectionError::WrongState(SelectionState::Running))
    ));
    // A superseded run cannot store its result.
    assert!(
        !store
            .finish_selection_run(s.id, started - 1, Ok(("d", "l")))
            .await
            .unwrap()
    );
    assert!(
        store
            .finish_selection_run(s.id, started, Ok(("{\"d\":1}", "{\"l\":1}")))
            .await
            .unwrap()
    );
    let sel = store.selection(s.id).await.unwrap().unwrap();
    assert_eq!(sel.state(), SelectionState::Ready);
    assert_eq!(sel.lottery_json.as_deref(), Some("{\"l\":1}"));
    assert_eq!(sel.tickets, Some(1000));

    // A ticket before the commitment is refused.
    assert!(matches!(
        store
            .record_selection_draw(s.id, Some((7, "{}")), &[])
            .await,
        Err(SelectionError::WrongState(SelectionState::Ready))
    ));
    let sel = store.commit_selection(s.id, "{\"c\":1}").await.unwrap();
    assert_eq!(sel.state(), SelectionState::Committed);
    assert!(sel.committed_at.is_some());
    // Frozen: quotas and pool can no longer change, and the commitment is not made twice.
    assert!(matches!(
        store.save_selection_quotas(s.id, g.id, 2, &quotas).await,
        Err(SelectionError::Locked)
    ));
    assert!(matches!(
        store.start_selection_run(s.id, &run).await,
        Err(SelectionError::Locked)
    ));
    assert!(matches!(
        store.commit_selection(s.id, "{}").await,
        Err(SelectionError::Locked)
    ));

    let outcomes = vec![
        ("p0".to_string(), Outcome::Selected, None),
        ("p1".to_string(), Outcome::Selected, None),
        ("p2".to_string(), Outcome::Reserve, Some(1)),
    ];
    let sel = store
        .record_selection_draw(s.id, Some((7, "{\"r\":1}")), &outcomes)
        .await
        .unwrap();
    assert_eq!(sel.state(), SelectionState::Drawn);
    assert_eq!(sel.ticket, Some(7));
    let regs = store.registrations(s.id).await.unwrap();
    let status = |id: i64| regs.iter().find(|r| r.id == id).unwrap().status();
    assert_eq!(status(ids[0]), Some(RegistrationStatus::Selected));
    assert_eq!(status(ids[2]), Some(RegistrationStatus::Reserve));
    let reserves = store.selection_reserves(s.id).await.unwrap();
    assert_eq!(reserves.len(), 1);
    assert_eq!(
        (reserves[0].registration_id, reserves[0].reserve_rank),
        (ids[2], Some(1))
    );
    let pool = store.selection_pool(sel.id).await.unwrap();
    assert_eq!(pool.len(), 3);
    assert_eq!(pool[0].outcome(), Some(Outcome::Selected));
    // Drawn once: a second ticket is refused.
    assert!(matches!(
        store
            .record_selection_draw(s.id, Some((8, "{}")), &outcomes)
            .await,
        Err(SelectionError::WrongState(SelectionState::Drawn))
    ));

    // Everyone admitted: no lottery, the draw step takes no ticket.
    let s2 = store.create_summit(&fields("Iedereen"), &u).await.unwrap();
    let g2 = store
        .add_group(s2.id, &group(GroupKind::Citizens, JoinMethod::Open, None))
        .await
        .unwrap();
    let r = store
        .register(s2.id, &Via::Open, &person(g2.id, "all-1", vec![]))
        .await
        .unwrap();
    store
        .save_selection_quotas(s2.id, g2.id, 5, &[])
        .await
        .unwrap();
    let pool = vec![("q0".to_string(), r.id)];
    let sel = store
        .start_selection_run(
            s2.id,
            &RunStart {
                everyone: true,
                pool: &pool,
                ..run
            },
        )
        .await
        .unwrap();
    assert_eq!(sel.state(), SelectionState::Everyone);
    assert_eq!(sel.tickets, None);
    store
        .record_selection_draw(s2.id, None, &[("q0".into(), Outcome::Selected, None)])
        .await
        .unwrap();
    assert_eq!(
        store.registrations(s2.id).await.unwrap()[0].status(),
        Some(RegistrationStatus::Selected)
    );
}
