//! Common ground (issue 7): statements, their moderation and the opinion votes, on SQLite and on PostgreSQL.

use g1000_store::testing::{Backend, fresh_database};
use g1000_store::{
    NewStatement, RoundFields, RoundKind, StatementModeration, StatementVote, Store, StoreError,
    Submitted, Summit, SummitFields,
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
    statements_are_stored_once_per_submission_and_moderated,
    votes_count_only_on_approved_statements_and_the_last_one_wins,
);

async fn summit(store: &Store, name: &str) -> (Summit, i64) {
    let u = store
        .create_user(&format!("{name}@example.org"), "Org", None, true)
        .await
        .unwrap();
    let summit = store
        .create_summit(
            &SummitFields {
                name: name.into(),
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
    let round = store
        .add_round(
            summit.id,
            &RoundFields {
                kind: RoundKind::Statements,
                question: "Wat vinden we?".into(),
                duration_min: 30,
                table_size: 5,
            },
        )
        .await
        .unwrap();
    (summit, round.id)
}

fn new(round: i64, author: &str, text: &str, sub: &str, approved: bool) -> NewStatement {
    NewStatement {
        round_id: Some(round),
        author: author.into(),
        text: text.into(),
        submission_id: sub.into(),
        approved,
    }
}

async fn statements_are_stored_once_per_submission_and_moderated(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (s, round) = summit(&store, "een").await;
    let (other, other_round) = summit(&store, "twee").await;
    let a = store
        .add_statement(
            s.id,
            &new(round, "participant:p1", "Meer groen", "sub-a", false),
        )
        .await
        .unwrap();
    assert!(matches!(a, Submitted::Saved(_)));
    // The same submission again (a retry): one statement.
    let again = store
        .add_statement(
            s.id,
            &new(round, "participant:p1", "Meer groen", "sub-a", false),
        )
        .await
        .unwrap();
    assert_eq!(again, Submitted::Duplicate(a.id()));
    // Another summit's submission id is refused, not taken over.
    assert!(matches!(
        store
            .add_statement(
                other.id,
                &new(other_round, "participant:x", "Iets", "sub-a", false)
            )
            .await,
        Err(StoreError::Conflict(_))
    ));
    // A round of another summit is refused.
    assert!(matches!(
        store
            .add_statement(
                s.id,
                &new(other_round, "participant:p1", "X", "sub-b", false)
            )
            .await,
        Err(StoreError::NotFound("round"))
    ));
    let b = store
        .add_statement(s.id, &new(round, "user#1", "Minder auto's", "sub-c", true))
        .await
        .unwrap();
    let all = store.statements(s.id).await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(all[0].pending() && all[1].approved());
    assert!(store.statements(other.id).await.unwrap().is_empty());

    let edited = store
        .moderate_statement(
            s.id,
            a.id(),
            &StatementModeration::Edit("Meer groen in de wijk".into()),
            "verduidelijkt",
        )
        .await
        .unwrap();
    assert_eq!(edited.original, "Meer groen");
    assert_eq!(edited.shown, "Meer groen in de wijk");
    assert!(edited.approved());
    assert_eq!(edited.reason, "verduidelijkt");
    let hidden = store
        .moderate_statement(s.id, b.id(), &StatementModeration::Hide, "dubbel")
        .await
        .unwrap();
    assert!(hidden.hidden());
    assert_eq!(hidden.original, "Minder auto's");
    // The participant's statement, once shown, counts as agreed with by its author; the facilitator's not.
    assert_eq!(
        store
            .statement_votes_of(s.id, "participant:p1")
            .await
            .unwrap(),
        vec![(a.id(), 1)]
    );
    assert!(
        store
            .statement_votes_of(s.id, "user#1")
            .await
            .unwrap()
            .is_empty()
    );
    // Another summit cannot moderate it.
    assert!(matches!(
        store
            .moderate_statement(other.id, b.id(), &StatementModeration::Approve, "")
            .await,
        Err(StoreError::NotFound("statement"))
    ));
    let theme = store.create_theme(s.id, "Groen", &[]).await.unwrap();
    store
        .set_statement_theme(s.id, a.id(), theme.id)
        .await
        .unwrap();
    assert_eq!(
        store.statement(s.id, a.id()).await.unwrap().theme_id,
        Some(theme.id)
    );
    assert!(
        store
            .set_statement_theme(other.id, a.id(), theme.id)
            .await
            .is_err()
    );
}

async fn votes_count_only_on_approved_statements_and_the_last_one_wins(url: &str) {
    let store = Store::open(url).await.unwrap();
    let (s, round) = summit(&store, "drie").await;
    let a = store
        .add_statement(s.id, &new(round, "user#1", "A", "s1", true))
        .await
        .unwrap()
        .id();
    let b = store
        .add_statement(s.id, &new(round, "user#1", "B", "s2", true))
        .await
        .unwrap()
        .id();
    let pending = store
        .add_statement(s.id, &new(round, "participant:p9", "C", "s3", false))
        .await
        .unwrap()
        .id();
    let v0 = store.opinion_version(s.id).await.unwrap();
    assert_eq!(v0.votes, 0);
    store
        .cast_statement_vote(s.id, a, "participant:p1", 1)
        .await
        .unwrap();
    store
        .cast_statement_vote(s.id, b, "participant:p1", -1)
        .await
        .unwrap();
    store
        .cast_statement_vote(s.id, a, "participant:p2", 0)
        .await
        .unwrap();
    // Not yet approved: no vote.
    assert!(matches!(
        store
            .cast_statement_vote(s.id, pending, "participant:p1", 1)
            .await,
        Err(StoreError::NotFound(_))
    ));
    assert!(
        store
            .cast_statement_vote(s.id, a, "participant:p1", 2)
            .await
            .is_err()
    );
    let v1 = store.opinion_version(s.id).await.unwrap();
    assert_eq!(v1.votes, 3);
    assert_ne!(v0, v1);
    // A changed vote replaces the earlier one and changes the version.
    store
        .cast_statement_vote(s.id, b, "participant:p1", 1)
        .await
        .unwrap();
    let v2 = store.opinion_version(s.id).await.unwrap();
    assert_eq!(v2.votes, 3);
    assert_ne!(v1, v2);
    assert_eq!(
        store
            .statement_votes_of(s.id, "participant:p1")
            .await
            .unwrap(),
        vec![(a, 1), (b, 1)]
    );
    let vote = |statement_id, voter: &str, vote| StatementVote {
        statement_id,
        voter: voter.into(),
        vote,
    };
    assert_eq!(
        store.statement_votes(s.id).await.unwrap(),
        vec![
            vote(a, "participant:p1", 1),
            vote(b, "participant:p1", 1),
            vote(a, "participant:p2", 0)
        ]
    );
    // Hiding a statement takes its votes out of the analysis (they stay stored).
    store
        .moderate_statement(s.id, b, &StatementModeration::Hide, "off topic")
        .await
        .unwrap();
    assert_eq!(store.statement_votes(s.id).await.unwrap().len(), 2);
    assert_eq!(
        store
            .statement_votes_of(s.id, "participant:p1")
            .await
            .unwrap()
            .len(),
        2
    );
    assert_ne!(store.opinion_version(s.id).await.unwrap(), v2);

    // The online page: closed until opened; opening twice changes nothing the second time.
    assert!(!store.online_statements_open(s.id).await.unwrap());
    assert!(store.set_online_statements(s.id, true).await.unwrap());
    assert!(!store.set_online_statements(s.id, true).await.unwrap());
    assert!(store.online_statements_open(s.id).await.unwrap());
    assert!(store.set_online_statements(s.id, false).await.unwrap());
    assert!(!store.online_statements_open(s.id).await.unwrap());
    // An online author agrees with their own statement once it is shown.
    let online = store
        .add_statement(s.id, &new(round, "online:abc", "D", "s4", false))
        .await
        .unwrap()
        .id();
    store
        .moderate_statement(s.id, online, &StatementModeration::Approve, "")
        .await
        .unwrap();
    assert_eq!(
        store.statement_votes_of(s.id, "online:abc").await.unwrap(),
        vec![(online, 1)]
    );
}
