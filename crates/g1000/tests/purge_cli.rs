//! `g1000 purge`: deletes the personal data of summits past their retention date, keeps the pseudonymous rest and
//! the audit record, logs itself there, is idempotent, and leaves no personal data in the SQLite files.

use std::process::{Command, Stdio};

use g1000_store::{
    AccessNeeds, GroupFields, GroupKind, JoinMethod, NewMessage, NewRegistration, Store,
    SummitFields, Via,
};

/// Strings that only personal data contains.
const NAME: &str = "Wilhelmina Zonnebloem-Kwakernaak";
const EMAIL: &str = "w.zonnebloem.kwakernaak@example.org";
const PHONE: &str = "+31698765432";
const DIET: &str = "geen-sesamzaad-alstublieft";
const BODY: &str = "Beste Wilhelmina Zonnebloem-Kwakernaak, uw persoonlijke link";
const OTHER_NAME: &str = "Bartholomeus Nietverlopen";

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_g1000"))
        .args(args)
        .stdin(Stdio::null())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn fields(name: &str, date: &str) -> SummitFields {
    SummitFields {
        name: name.into(),
        community: "Teststad".into(),
        date: date.into(),
        start_time: "09:30".into(),
        venue: "Zaal".into(),
        capacity: 100,
        languages: vec!["nl".into()],
        description: String::new(),
    }
}

/// A summit with one registration (with every kind of personal data) and a message to it.
async fn seed(store: &Store, summit: &str, date: &str, name: &str, email: &str) -> i64 {
    let u = match store.user_by_email("org@example.org").await.unwrap() {
        Some(u) => u,
        None => store
            .create_user("org@example.org", "Org", None, true)
            .await
            .unwrap(),
    };
    let s = store
        .create_summit(&fields(summit, date), &u)
        .await
        .unwrap();
    // Only the first summit's person has the phone number and diet the test looks for.
    let (phone, diet) = if name == NAME {
        (PHONE, DIET)
    } else {
        ("+31600000001", "vegetarisch-anders")
    };
    let g = store
        .add_group(
            s.id,
            &GroupFields {
                name: "Vrijdenkers".into(),
                kind: GroupKind::FreeThinkers,
                seat_target: 10,
                join_method: JoinMethod::Open,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let reg = store
        .register(
            s.id,
            &Via::Open,
            &NewRegistration {
                group_id: g.id,
                public_id: format!("pid-{}", s.id),
                language: "nl".into(),
                can_attend: true,
                name: name.into(),
                email: Some(email.into()),
                phone: Some(phone.into()),
                bands: vec![],
                needs: AccessNeeds {
                    diet_other: Some(diet.into()),
                    ..Default::default()
                },
                privacy_version: "1".into(),
            },
        )
        .await
        .unwrap();
    store
        .enqueue_message(&NewMessage {
            summit_id: s.id,
            public_id: reg.public_id.clone(),
            kind: "selected".into(),
            channel: "email".into(),
            recipient: email.into(),
            language: "nl".into(),
            subject: format!("Voor {name}"),
            body: format!("Beste {name}, uw persoonlijke link"),
        })
        .await
        .unwrap();
    store
        .add_personal_link(reg.id, &format!("hash-{}", s.id))
        .await
        .unwrap();
    s.id
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The database file and its write-ahead log, as bytes.
fn files(db: &std::path::Path) -> Vec<u8> {
    let mut all = std::fs::read(db).unwrap();
    for ext in ["-wal", "-journal"] {
        let p = format!("{}{ext}", db.display());
        if let Ok(b) = std::fs::read(&p) {
            all.extend(b);
        }
    }
    all
}

#[test]
fn purge_deletes_personal_data_after_the_retention_date_only() {
    let dir = std::env::temp_dir().join(format!("g1000-purge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("purge.db");
    let _ = std::fs::remove_file(&db);
    let db_s = db.display().to_string();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (old, young) = rt.block_on(async {
        let store = Store::open(&db_s).await.unwrap();
        let old = seed(&store, "Oud", "2027-03-01", NAME, EMAIL).await;
        let young = seed(&store, "Jong", "2027-09-01", OTHER_NAME, "bart@example.org").await;
        store
            .set_retention_date(old, Some("2027-06-01"))
            .await
            .unwrap();
        store
            .set_retention_date(young, Some("2027-12-01"))
            .await
            .unwrap();
        store
            .record(
                old,
                "user#1",
                "selection.published",
                serde_json::json!({"n": 1}),
            )
            .await
            .unwrap();
        store.close().await;
        (old, young)
    });
    assert!(contains(&files(&db), NAME), "the seed is in the file");

    // On the retention date itself nothing happens yet.
    let (ok, out, err) = run(&["purge", "--database", &db_s, "--now", "2027-06-01"]);
    assert!(ok, "{err}");
    assert!(out.contains("nothing to delete"), "{out}");

    let (ok, out, err) = run(&["purge", "--database", &db_s, "--now", "2027-06-02"]);
    assert!(ok, "{err}");
    assert!(out.contains(": retention date 2027-06-01 passed"), "{out}");
    assert!(
        out.contains("deleted 1 contact records, 1 access-needs records, 1 personal links"),
        "{out}"
    );
    assert!(out.contains("emptied 1 messages"), "{out}");
    assert!(!out.contains("2027-12-01"), "{out}");

    let bytes = files(&db);
    for s in [NAME, EMAIL, PHONE, DIET, BODY, "Wilhelmina"] {
        assert!(!contains(&bytes, s), "'{s}' is still in the database files");
    }
    assert!(
        contains(&bytes, OTHER_NAME),
        "the other summit keeps its data until its date"
    );

    // Idempotent: a second run deletes nothing and says so.
    let (ok, out, _) = run(&["purge", "--database", &db_s, "--now", "2027-06-03"]);
    assert!(ok);
    assert!(out.contains("no personal data left to delete"), "{out}");

    rt.block_on(async {
        let store = Store::open(&db_s).await.unwrap();
        let regs = store.registrations(old).await.unwrap();
        assert_eq!(regs.len(), 1, "the pseudonymous registration stays");
        assert!(
            store
                .registration_contact(regs[0].id)
                .await
                .unwrap()
                .is_none()
        );
        let events = store.audit_events(old).await.unwrap();
        g1000_ledger::verify(&events).unwrap();
        let purges: Vec<_> = events
            .iter()
            .filter(|e| e.action == "personal-data.purged")
            .collect();
        assert_eq!(purges.len(), 1, "logged once: the second run found nothing");
        assert_eq!(purges[0].detail["deleted"]["contacts"], 1);
        assert!(
            !serde_json::to_string(&events)
                .unwrap()
                .contains("Wilhelmina")
        );
        assert!(store.retention(old).await.unwrap().purged_at.is_some());
        assert!(store.retention(young).await.unwrap().purged_at.is_none());
        store.close().await;
    });

    let (ok, _, err) = run(&["purge", "--database", &db_s, "--now", "June"]);
    assert!(!ok);
    assert!(
        err.starts_with("error: --now 'June' is not a date"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
