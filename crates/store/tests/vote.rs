//! Proposals, votes with secret ballots, and action groups: the same tests on SQLite and on PostgreSQL.

use g1000_store::testing::{Backend, fresh_database};
use g1000_store::{
    AccessNeeds, BallotOutcome, GroupFields, GroupKind, JoinMethod, NewRegistration, NewVote,
    ProposalFields, RegistrationRow, Store, Summit, SummitFields, TableFields, Via, VoteMethod,
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
    proposals_are_drafted_published_and_edited_once_per_submission,
    ballots_are_one_per_person_changeable_until_close,
    concurrent_ballots_land_exactly_once,
    ballots_cannot_be_linked_to_voters,
    paper_ballots_count_once,
    action_groups_with_consent_and_a_contact,
);

struct Hall {
    store: Store,
    summit: Summit,
    people: Vec<RegistrationRow>,
}

async fn hall(url: &str, n: usize) -> Hall {
    let store = Store::open(url).await.unwrap();
    let u = store
        .create_user("org@example.org", "Org", None, true)
        .await
        .unwrap();
    let summit = store
        .create_summit(
            &SummitFields {
                name: "Stemming".into(),
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
    let g = store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: 100,
                join_method: JoinMethod::Open,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let mut people = vec![];
    for i in 0..n {
        let r = NewRegistration {
            group_id: g.id,
            public_id: format!("pid-{i}"),
            language: "nl".into(),
            can_attend: true,
            name: format!("Person {i} Zwanenburg"),
            email: Some(format!("person{i}@example.org")),
            phone: Some(format!("+3161234{i:04}")),
            bands: vec![],
            needs: AccessNeeds::default(),
            privacy_version: "1".into(),
        };
        people.push(store.register(summit.id, &Via::Open, &r).await.unwrap());
    }
    Hall {
        store,
        summit,
        people,
    }
}

fn fields(title: &str) -> ProposalFields {
    ProposalFields {
        title: title.into(),
        what: format!("{title}: wat"),
        why: "waarom".into(),
        who_does: "de gemeente".into(),
        we_can_do: "wij helpen".into(),
        cost: Some(1000),
    }
}

async fn proposals_are_drafted_published_and_edited_once_per_submission(url: &str) {
    let h = hall(url, 0).await;
    let s = &h.store;
    let tables = s
        .add_seating_tables(
            h.summit.id,
            2,
            &TableFields {
                capacity: 8,
                accessible: false,
                language: "nl".into(),
                host_user_id: None,
            },
        )
        .await
        .unwrap();
    let p = s
        .add_proposal(
            h.summit.id,
            Some(tables[0].id),
            None,
            &fields("Groen plein"),
            "sub-1",
        )
        .await
        .unwrap()
        .expect("first submission saves");
    assert_eq!(p.status, "draft");
    assert_eq!(p.table_id, Some(tables[0].id));
    // The same form posted again (a retry) adds nothing.
    assert!(
        s.add_proposal(
            h.summit.id,
            Some(tables[0].id),
            None,
            &fields("Groen plein"),
            "sub-1"
        )
        .await
        .unwrap()
        .is_none()
    );
    assert_eq!(s.proposals(h.summit.id).await.unwrap().len(), 1);
    // A table of another summit is refused.
    let err = s
        .add_proposal(h.summit.id, Some(999_999), None, &fields("X"), "sub-2")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("table"), "{err}");
    assert!(s.published_proposals(h.summit.id).await.unwrap().is_empty());
    s.set_proposal_published(h.summit.id, p.id, true)
        .await
        .unwrap();
    let mut f = fields("Groener plein");
    f.cost = None;
    s.update_proposal(h.summit.id, p.id, &f, "typo in title")
        .await
        .unwrap();
    let got = s.proposal(h.summit.id, p.id).await.unwrap();
    assert!(got.published());
    assert_eq!(got.title, "Groener plein");
    assert_eq!(got.cost, None);
    assert_eq!(got.edit_reason, "typo in title");
    assert_eq!(s.published_proposals(h.summit.id).await.unwrap().len(), 1);
}

async fn open_vote(s: &Store, summit: i64, method: VoteMethod, options: usize) -> i64 {
    let opts: Vec<(String, Option<i64>, i64)> = (1..=options)
        .map(|i| (format!("Optie {i}"), None, 100 * i as i64))
        .collect();
    let v = s
        .create_vote(
            summit,
            &NewVote {
                title: "Top".into(),
                method,
                max_choices: 2,
                seats: 2,
                budget: 0,
                hide_results: true,
            },
            &opts,
            &format!("create-{}", opts.len()),
        )
        .await
        .unwrap()
        .unwrap();
    assert!(v.is_draft());
    assert!(s.open_vote(summit, v.id).await.unwrap());
    assert!(
        !s.open_vote(summit, v.id).await.unwrap(),
        "only a draft opens"
    );
    v.id
}

/// A hall voting at once (SQLite commits the casts in batches): one ballot and one receipt per voter, each
/// holding the voter's choice; retries sent at the same time are saved once; a refused cast (a vote that is not
/// open) in the same batches leaves nothing behind and loses nothing else.
async fn concurrent_ballots_land_exactly_once(url: &str) {
    let h = hall(url, 60).await;
    let s = &h.store;
    let v = open_vote(s, h.summit.id, VoteMethod::Approval, 3).await;
    let mut tasks = vec![];
    for (i, p) in h.people.iter().enumerate() {
        let mut casts = vec![(
            v,
            p.id,
            format!("key-{i}"),
            format!("{}", i % 3 + 1),
            format!("s{i}"),
        )];
        if i % 4 == 0 {
            casts.push(casts[0].clone()); // the same post again
        }
        if i % 5 == 0 && i > 0 {
            // A vote that is not open: refused.
            casts.push((
                v + 1000,
                p.id,
                format!("key-{i}"),
                "1".into(),
                format!("x{i}"),
            ));
        }
        for (vote, reg, key, content, sub) in casts {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                let out = s
                    .cast_ballot(vote, reg, &key, &content, &sub)
                    .await
                    .unwrap();
                (sub, out)
            }));
        }
    }
    let mut saved = std::collections::HashSet::new();
    for t in tasks {
        let (sub, out) = t.await.unwrap();
        match out {
            BallotOutcome::Saved => assert!(saved.insert(sub.clone()), "{sub} saved twice"),
            BallotOutcome::AlreadySaved => assert!(sub.starts_with('s'), "{sub}"),
            BallotOutcome::NotOpen => assert!(sub.starts_with('x'), "{sub}"),
            other => panic!("{sub}: {other:?}"),
        }
    }
    assert_eq!(saved.len(), 60);
    assert_eq!(s.vote_counts(v).await.unwrap(), (60, 60));
    for (i, p) in h.people.iter().enumerate() {
        assert!(s.has_voted(v, p.id).await.unwrap());
        assert_eq!(
            s.ballot(v, &format!("key-{i}")).await.unwrap().as_deref(),
            Some(format!("{}", i % 3 + 1).as_str())
        );
    }
}

async fn ballots_are_one_per_person_changeable_until_close(url: &str) {
    let h = hall(url, 3).await;
    let s = &h.store;
    let v = open_vote(s, h.summit.id, VoteMethod::Approval, 3).await;
    assert_eq!(s.vote_options(v).await.unwrap().len(), 3);
    let (a, b) = (h.people[0].id, h.people[1].id);
    assert_eq!(
        s.cast_ballot(v, a, "hash-a", "1,2", "s1").await.unwrap(),
        BallotOutcome::Saved
    );
    // A retry of the same submission changes nothing.
    assert_eq!(
        s.cast_ballot(v, a, "hash-a", "1,2", "s1").await.unwrap(),
        BallotOutcome::AlreadySaved
    );
    assert_eq!(s.vote_counts(v).await.unwrap(), (1, 1));
    // Changing the ballot with the same key replaces it.
    assert_eq!(
        s.cast_ballot(v, a, "hash-a", "3", "s2").await.unwrap(),
        BallotOutcome::Changed
    );
    assert_eq!(s.ballot(v, "hash-a").await.unwrap().as_deref(), Some("3"));
    // A second device (another key) cannot vote again for the same person.
    assert_eq!(
        s.cast_ballot(v, a, "hash-a2", "1", "s3").await.unwrap(),
        BallotOutcome::OtherDevice
    );
    // Another person on the same browser (a key with a ballot already) needs a fresh key.
    assert_eq!(
        s.cast_ballot(v, b, "hash-a", "1", "s4").await.unwrap(),
        BallotOutcome::KeyTaken
    );
    assert!(
        !s.has_voted(v, b).await.unwrap(),
        "refused: no receipt left behind"
    );
    assert_eq!(
        s.cast_ballot(v, b, "hash-b", "1", "s5").await.unwrap(),
        BallotOutcome::Saved
    );
    assert!(s.has_voted(v, a).await.unwrap() && s.has_voted(v, b).await.unwrap());
    assert_eq!(s.vote_counts(v).await.unwrap(), (2, 2));
    let mut all = s.ballots(v).await.unwrap();
    all.sort();
    assert_eq!(all, vec!["1".to_string(), "3".to_string()]);
    assert!(s.close_vote(h.summit.id, v).await.unwrap());
    assert!(!s.close_vote(h.summit.id, v).await.unwrap());
    assert_eq!(
        s.cast_ballot(v, a, "hash-a", "1", "s6").await.unwrap(),
        BallotOutcome::NotOpen
    );
    assert_eq!(
        s.cast_ballot(v, h.people[2].id, "hash-c", "1", "s7")
            .await
            .unwrap(),
        BallotOutcome::NotOpen
    );
    let mut all = s.ballots(v).await.unwrap();
    all.sort();
    assert_eq!(
        all,
        vec!["1".to_string(), "3".to_string()],
        "closing keeps every ballot"
    );
    assert_eq!(s.vote_counts(v).await.unwrap(), (2, 2));
}

fn random_hex() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::new();
    for _ in 0..4 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(0);
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

async fn ballots_cannot_be_linked_to_voters(url: &str) {
    let h = hall(url, 12).await;
    let s = &h.store;
    let v = open_vote(s, h.summit.id, VoteMethod::Approval, 3).await;
    let mut keys = vec![];
    for (i, p) in h.people.iter().enumerate() {
        let key = random_hex();
        // Each voter's content names them (a marker), so the dump shows where each ballot landed.
        let content = format!("{}", 1 + i % 3);
        assert_eq!(
            s.cast_ballot(v, p.id, &key, &content, &format!("sub-{i}"))
                .await
                .unwrap(),
            BallotOutcome::Saved
        );
        keys.push(key);
    }
    assert!(s.close_vote(h.summit.id, v).await.unwrap());
    let dump = s.dump_text().await.unwrap();
    let ballot_rows: Vec<&str> = dump
        .lines()
        .filter(|l| l.starts_with("ballots: "))
        .collect();
    let receipt_rows: Vec<&str> = dump
        .lines()
        .filter(|l| l.starts_with("vote_receipts: "))
        .collect();
    assert_eq!(ballot_rows.len(), 12);
    assert_eq!(receipt_rows.len(), 12);
    for row in &ballot_rows {
        for p in &h.people {
            assert!(!row.contains(&p.public_id), "public id on a ballot: {row}");
        }
        assert!(!row.contains("sub-"), "submission id on a ballot: {row}");
        // vote id, key hash, content: nothing else (no registration, no time).
        let fields: Vec<&str> = row
            .trim_start_matches("ballots: ")
            .split(['|', ','])
            .collect();
        assert!(fields.len() <= 3, "{row}");
    }
    for row in &receipt_rows {
        for k in &keys {
            assert!(
                !row.contains(k.as_str()),
                "a ballot key on a receipt: {row}"
            );
        }
        let fields: Vec<&str> = row
            .trim_start_matches("vote_receipts: ")
            .split(['|', ','])
            .collect();
        assert_eq!(fields.len(), 2, "vote and registration only: {row}");
    }
    // The rows are in the order of the keys, not of voting.
    let voting_order: Vec<&str> = keys.iter().map(String::as_str).collect();
    let stored_order: Vec<&str> = ballot_rows
        .iter()
        .map(|r| {
            keys.iter()
                .find(|k| r.contains(k.as_str()))
                .unwrap()
                .as_str()
        })
        .collect();
    let mut sorted = voting_order.clone();
    sorted.sort();
    assert_eq!(stored_order, sorted, "ballots are stored in key order");
    // Submission ids are remembered apart from everything else.
    for row in dump.lines().filter(|l| l.starts_with("submissions: ")) {
        assert!(
            !row.contains('|'),
            "a submission row holds only its id: {row}"
        );
    }
    // No audit event or other table mentions a key.
    for k in &keys {
        assert_eq!(
            dump.matches(k.as_str()).count(),
            1,
            "key {k} only on its ballot"
        );
    }
    if s.backend() == "postgres" {
        // PostgreSQL's hidden transaction ids: after closing, every ballot of the vote has the same one.
        let xmins = s
            .query_texts(&format!(
                "SELECT DISTINCT xmin::text FROM ballots WHERE vote_id = {v}"
            ))
            .await
            .unwrap();
        assert_eq!(xmins.len(), 1, "{xmins:?}");
        let receipt_xmins = s
            .query_texts(&format!(
                "SELECT DISTINCT xmin::text FROM vote_receipts WHERE vote_id = {v}"
            ))
            .await
            .unwrap();
        assert!(!receipt_xmins.contains(&xmins[0]));
    }
}

async fn paper_ballots_count_once(url: &str) {
    let h = hall(url, 1).await;
    let s = &h.store;
    let v = open_vote(s, h.summit.id, VoteMethod::Dots, 2).await;
    assert_eq!(
        s.add_paper_ballot(h.summit.id, v, &random_hex(), "1:2", "p1")
            .await
            .unwrap(),
        Ok(true)
    );
    // A retry (same submission id, even with a new random key) is not counted again.
    assert_eq!(
        s.add_paper_ballot(h.summit.id, v, &random_hex(), "1:2", "p1")
            .await
            .unwrap(),
        Ok(false)
    );
    assert_eq!(
        s.add_paper_ballot(h.summit.id, v, &random_hex(), "2:2", "p2")
            .await
            .unwrap(),
        Ok(true)
    );
    let vote = s.vote(h.summit.id, v).await.unwrap();
    assert_eq!(vote.paper_ballots, 2);
    assert_eq!(s.vote_counts(v).await.unwrap(), (0, 2));
    s.close_vote(h.summit.id, v).await.unwrap();
    assert_eq!(
        s.add_paper_ballot(h.summit.id, v, &random_hex(), "2:2", "p3")
            .await
            .unwrap(),
        Err(BallotOutcome::NotOpen)
    );
}

async fn action_groups_with_consent_and_a_contact(url: &str) {
    let h = hall(url, 3).await;
    let s = &h.store;
    let v = open_vote(s, h.summit.id, VoteMethod::Approval, 2).await;
    let chosen = vec![("Optie 1".to_string(), None), ("Optie 2".to_string(), None)];
    assert_eq!(
        s.ensure_action_groups(h.summit.id, v, &chosen)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        s.ensure_action_groups(h.summit.id, v, &chosen)
            .await
            .unwrap(),
        0,
        "groups are made once"
    );
    let groups = s.action_groups(h.summit.id).await.unwrap();
    let g = groups[0].id;
    let (a, b, c) = (h.people[0].id, h.people[1].id, h.people[2].id);
    assert!(
        s.join_action_group(h.summit.id, g, a, true, false, "j1")
            .await
            .unwrap()
    );
    assert!(
        !s.join_action_group(h.summit.id, g, a, true, false, "j1")
            .await
            .unwrap()
    );
    assert!(
        s.join_action_group(h.summit.id, g, b, false, false, "j2")
            .await
            .unwrap()
    );
    // A volunteer who shares their details becomes the contact person.
    assert!(
        s.join_action_group(h.summit.id, g, c, true, true, "j3")
            .await
            .unwrap()
    );
    let group = s.action_group(h.summit.id, g).await.unwrap();
    assert_eq!(group.members, 3);
    assert_eq!(group.contact_registration_id, Some(c));
    let members = s.action_members(h.summit.id, g).await.unwrap();
    let ma = members.iter().find(|m| m.registration_id == a).unwrap();
    assert_eq!(ma.email.as_deref(), Some("person0@example.org"));
    let mb = members.iter().find(|m| m.registration_id == b).unwrap();
    assert!(
        mb.name.is_none() && mb.email.is_none() && mb.phone.is_none(),
        "no consent, no details"
    );
    // Only someone who shares their details can be the contact person.
    assert!(s.set_action_contact(h.summit.id, g, b).await.is_err());
    s.set_action_contact(h.summit.id, g, a).await.unwrap();
    assert_eq!(
        s.action_group(h.summit.id, g)
            .await
            .unwrap()
            .contact_registration_id,
        Some(a)
    );
    s.leave_action_group(h.summit.id, g, a).await.unwrap();
    let group = s.action_group(h.summit.id, g).await.unwrap();
    assert_eq!(group.members, 2);
    assert_eq!(group.contact_registration_id, None);
    assert_eq!(s.my_action_groups(c).await.unwrap(), vec![g]);
    // A group of another summit is not found.
    assert!(
        s.join_action_group(h.summit.id + 1, g, a, true, false, "j4")
            .await
            .is_err()
    );
}
