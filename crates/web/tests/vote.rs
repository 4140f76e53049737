//! The day, part B, through the real app: proposals, votes with secret changeable ballots, results that equal
//! a recount of the stored ballots, action groups. On SQLite and PostgreSQL.

mod common;

use common::{Client, TestApp, location};
use g1000_store::{Role, Summit, SummitFields, TableFields, User};

both_backends!(
    proposals_are_drafted_published_and_edited_with_a_reason,
    paper_votes_are_counted_once_and_recounted
);

fn submission_of(html: &str) -> String {
    let marker = "name=\"submission\" value=\"";
    let i = html.find(marker).expect("a submission id in the form");
    html[i + marker.len()..]
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

pub struct Day {
    pub summit: Summit,
    pub org: (User, Client),
    pub host: (User, Client),
    pub facilitator: (User, Client),
    pub table_id: i64,
}

pub async fn day(app: &TestApp) -> Day {
    let org = app.user_client("org@example.org", true).await;
    let host = app.user_client("host@example.org", false).await;
    let facilitator = app.user_client("fac@example.org", false).await;
    let summit = app
        .store
        .create_summit(
            &SummitFields {
                name: "Stemdag".into(),
                community: "Teststad".into(),
                date: "2027-05-01".into(),
                start_time: "10:00".into(),
                venue: "Zaal".into(),
                capacity: 100,
                languages: vec!["nl".into(), "en".into()],
                description: String::new(),
            },
            &org.0,
        )
        .await
        .unwrap();
    app.store.set_published(summit.id, true).await.unwrap();
    app.store
        .add_member(summit.id, host.0.id, Role::TableHost)
        .await
        .unwrap();
    app.store
        .add_member(summit.id, facilitator.0.id, Role::Facilitator)
        .await
        .unwrap();
    let tables = app
        .store
        .add_seating_tables(
            summit.id,
            2,
            &TableFields {
                capacity: 8,
                accessible: false,
                language: "nl".into(),
                host_user_id: Some(host.0.id),
            },
        )
        .await
        .unwrap();
    Day {
        summit,
        org,
        host,
        facilitator,
        table_id: tables[0].id,
    }
}

/// A proposal posted by `c` for `table`, returning its id.
async fn propose(c: &mut Client, slug: &str, table: i64, title: &str, cost: &str) -> i64 {
    let page = c.text(&format!("/s/{slug}/proposals")).await;
    let sub = submission_of(&page);
    let res = c
        .post(
            &format!("/s/{slug}/proposals"),
            &[
                ("submission", sub.as_str()),
                ("table_id", &table.to_string()),
                ("title", title),
                ("what", "Meer bomen in de wijk"),
                ("why", "Schaduw"),
                ("who_does", "De gemeente plant, wij geven water"),
                ("we_can_do", "Water geven"),
                ("cost", cost),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = location(&res);
    assert!(to.contains("saved=1#p-"), "{to}");
    to.rsplit("#p-").next().unwrap().parse().unwrap()
}

async fn proposals_are_drafted_published_and_edited_with_a_reason(app: TestApp) {
    let mut d = day(&app).await;
    let slug = d.summit.slug.clone();
    let host = &mut d.host.1;
    // A retried form (same submission id) adds nothing and says so.
    let page = host.text(&format!("/s/{slug}/proposals")).await;
    let sub = submission_of(&page);
    let table = d.table_id.to_string();
    let fields = [
        ("submission", sub.as_str()),
        ("table_id", table.as_str()),
        ("title", "Groen plein"),
        ("what", "Een plein met bomen"),
    ];
    let first = host.post(&format!("/s/{slug}/proposals"), &fields).await;
    assert_eq!(first.status(), 303);
    let again = host.post(&format!("/s/{slug}/proposals"), &fields).await;
    assert_eq!(location(&again), format!("/s/{slug}/proposals?saved=again"));
    let page = host.text(&format!("/s/{slug}/proposals?saved=again")).await;
    assert!(
        page.contains("already saved") || page.contains("al opgeslagen"),
        "{page}"
    );
    let all = app.store.proposals(d.summit.id).await.unwrap();
    assert_eq!(all.len(), 1, "counted once");
    let id = all[0].id;
    // Missing title: the form comes back with a message.
    let res = host
        .post(
            &format!("/s/{slug}/proposals"),
            &[
                ("submission", "abcdefabcdefabcdef01"),
                ("table_id", table.as_str()),
                ("what", "x"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"e-title\""));
    // Drafts are not public.
    let anon = app.client();
    assert!(
        !anon
            .text(&format!("/s/{slug}/plans"))
            .await
            .contains("Groen plein")
    );
    let res = host
        .post(
            &format!("/s/{slug}/proposals/{id}/publish"),
            &[("publish", "1")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        anon.text(&format!("/s/{slug}/plans"))
            .await
            .contains("Groen plein")
    );
    // Once published the host can no longer change it; a facilitator can, with a reason.
    let res = host
        .post(
            &format!("/s/{slug}/proposals/{id}"),
            &[("title", "Anders"), ("what", "x")],
        )
        .await;
    assert_eq!(res.status(), 403);
    let fac = &mut d.facilitator.1;
    let res = fac
        .post(
            &format!("/s/{slug}/proposals/{id}"),
            &[
                ("title", "Groen plein met bankjes"),
                ("what", "Een plein met bomen en bankjes"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "a reason is needed");
    assert!(res.text().await.unwrap().contains("id=\"e-reason\""));
    let res = fac
        .post(
            &format!("/s/{slug}/proposals/{id}"),
            &[
                ("title", "Groen plein met bankjes"),
                ("what", "Een plein met bomen en bankjes"),
                ("reason", "bankjes stonden op de flap"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let public = anon.text(&format!("/s/{slug}/plans")).await;
    assert!(public.contains("Groen plein met bankjes"));
    assert!(
        public.contains("bankjes stonden op de flap"),
        "the reason is visible"
    );
    let audit = app.store.audit_events(d.summit.id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    for a in ["proposal.added", "proposal.published", "proposal.updated"] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    // A host without a table of their own cannot write one; a participant account cannot see the page.
    let (_, mut other) = app.user_client("host2@example.org", false).await;
    let other_user = app
        .store
        .user_by_email("host2@example.org")
        .await
        .unwrap()
        .unwrap();
    app.store
        .add_member(d.summit.id, other_user.id, Role::TableHost)
        .await
        .unwrap();
    let res = other
        .post(
            &format!("/s/{slug}/proposals"),
            &[
                ("submission", "abcdefabcdefabcdef02"),
                ("table_id", table.as_str()),
                ("title", "X"),
                ("what", "Y"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422, "not their table");
}

/// Recounts approval ballots from the open data independently: the options with most approvals (ties: the
/// earlier option), as many as there are seats.
fn recount_approval(json: &serde_json::Value) -> Vec<String> {
    let options = json["options"].as_array().unwrap();
    let seats = json["vote"]["seats"].as_i64().unwrap() as usize;
    let mut counts: Vec<(i64, i64, String)> = options
        .iter()
        .map(|o| {
            (
                0,
                o["position"].as_i64().unwrap(),
                o["title"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for b in json["ballots"].as_array().unwrap() {
        for p in b.as_str().unwrap().split(',').filter(|x| !x.is_empty()) {
            let p: i64 = p.parse().unwrap();
            counts.iter_mut().find(|c| c.1 == p).unwrap().0 += 1;
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    counts.into_iter().take(seats).map(|c| c.2).collect()
}

async fn paper_votes_are_counted_once_and_recounted(app: TestApp) {
    let mut d = day(&app).await;
    let slug = d.summit.slug.clone();
    let mut ids = vec![];
    for (t, title) in ["Bomen", "Bankjes", "Fietspad"].iter().enumerate() {
        let id = propose(
            &mut d.host.1,
            &slug,
            d.table_id,
            title,
            &format!("{}", 100 * (t + 1)),
        )
        .await;
        let res = d
            .host
            .1
            .post(
                &format!("/s/{slug}/proposals/{id}/publish"),
                &[("publish", "1")],
            )
            .await;
        assert_eq!(res.status(), 303);
        ids.push(id.to_string());
    }
    let fac = &mut d.facilitator.1;
    // Hosts cannot run votes.
    assert_eq!(
        d.host.1.get(&format!("/s/{slug}/votes")).await.status(),
        403
    );
    let page = fac.text(&format!("/s/{slug}/votes")).await;
    let sub = submission_of(&page);
    let mut form: Vec<(&str, &str)> = vec![
        ("submission", &sub),
        ("title", "Top 2"),
        ("method", "approval"),
        ("max_choices", "2"),
        ("seats", "2"),
        ("budget", "0"),
        ("hide_results", "1"),
    ];
    for id in &ids {
        form.push(("proposal", id));
    }
    let res = fac.post(&format!("/s/{slug}/votes"), &form).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = location(&res);
    let vote_id: i64 = to
        .trim_start_matches(&format!("/s/{slug}/votes/"))
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let vote_path = format!("/s/{slug}/votes/{vote_id}");
    // Not public while a draft.
    assert_eq!(
        app.client()
            .get(&format!("/s/{slug}/results/{vote_id}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        fac.post(&format!("{vote_path}/open"), &[]).await.status(),
        303
    );
    // Paper ballots; a retried post is counted once. (1 = Bomen, 2 = Bankjes, 3 = Fietspad)
    let ballots = [
        vec!["1", "2"],
        vec!["2"],
        vec!["2", "3"],
        vec!["3"],
        vec!["1"],
    ];
    for (i, b) in ballots.iter().enumerate() {
        let page = fac.text(&vote_path).await;
        let sub = submission_of(&page);
        let mut form: Vec<(&str, &str)> = vec![("submission", &sub)];
        for o in b {
            form.push(("option", o));
        }
        let res = fac.post(&format!("{vote_path}/paper"), &form).await;
        assert_eq!(res.status(), 303);
        if i == 0 {
            let res = fac.post(&format!("{vote_path}/paper"), &form).await;
            assert!(location(&res).contains("saved=again"), "retry recognised");
        }
    }
    // Too many choices is refused with a message.
    let page = fac.text(&vote_path).await;
    let sub = submission_of(&page);
    let res = fac
        .post(
            &format!("{vote_path}/paper"),
            &[
                ("submission", &sub),
                ("option", "1"),
                ("option", "2"),
                ("option", "3"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("vote-error"));
    let v = app.store.vote(d.summit.id, vote_id).await.unwrap();
    assert_eq!(v.paper_ballots, 5);
    // Hidden until close: the public page shows the counter, not the result.
    let anon = app.client();
    let public = anon.text(&format!("/s/{slug}/results/{vote_id}")).await;
    assert!(
        public.contains("5 voted") || public.contains("5 hebben gestemd"),
        "{public}"
    );
    assert!(!public.contains("id=\"chosen\""));
    assert_eq!(
        anon.get(&format!("/s/{slug}/results/{vote_id}/ballots.json"))
            .await
            .status(),
        404
    );
    assert_eq!(
        fac.post(&format!("{vote_path}/close"), &[]).await.status(),
        303
    );
    let public = anon.text(&format!("/s/{slug}/results/{vote_id}")).await;
    assert!(public.contains("id=\"chosen\""), "{public}");
    // The open data recounts to the shown result.
    let json: serde_json::Value = anon
        .get(&format!("/s/{slug}/results/{vote_id}/ballots.json"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["ballots"].as_array().unwrap().len(), 5);
    let recount = recount_approval(&json);
    assert_eq!(recount, vec!["Bankjes".to_string(), "Bomen".to_string()]);
    let chosen = public
        .split("id=\"chosen\">")
        .nth(1)
        .unwrap()
        .split("</ol>")
        .next()
        .unwrap();
    let shown: Vec<String> = chosen
        .split("<li>")
        .skip(1)
        .map(|x| x.split("</li>").next().unwrap().to_string())
        .collect();
    assert_eq!(shown, recount);
    assert!(
        public.contains("step-selected"),
        "an explanation step by step"
    );
    let csv = anon
        .text(&format!("/s/{slug}/results/{vote_id}/ballots.csv"))
        .await;
    assert_eq!(csv.lines().count(), 6, "{csv}");
    assert!(csv.lines().next().unwrap().contains("1. Bomen"));
    // After close no more paper ballots.
    let page = fac.text(&vote_path).await;
    assert!(
        !page.contains("name=\"submission\""),
        "no ballot form after close"
    );
    // Action groups for the chosen proposals; the export has only consenting members.
    let res = fac
        .post(
            &format!("/s/{slug}/actions"),
            &[("vote_id", &vote_id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let groups = app.store.action_groups(d.summit.id).await.unwrap();
    let titles: Vec<&str> = groups.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(titles, vec!["Bankjes", "Bomen"]);
    let audit = app.store.audit_events(d.summit.id).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "vote.created",
        "vote.opened",
        "vote.paper_ballot",
        "vote.closed",
        "actions.groups_made",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    let _ = &d.org;
}
