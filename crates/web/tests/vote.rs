//! The day, part B, through the real app: proposals, votes with secret changeable ballots, results that equal
//! a recount of the stored ballots, action groups. On SQLite and PostgreSQL.

mod common;

use common::{Client, TestApp, location};
use g1000_store::{Role, Summit, SummitFields, TableFields, User};

both_backends!(
    proposals_are_drafted_published_and_edited_with_a_reason,
    paper_votes_are_counted_once_and_recounted,
    participants_vote_secretly_and_change_until_close,
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

/// A phone with a day session for a registration's badge code (as the day-start page would make it).
async fn phone(app: &TestApp, summit_id: i64, code: &str) -> Client {
    let token = g1000_web::security::random_token();
    let started = app
        .store
        .start_day_session(summit_id, code, &common::sha256_hex(&token), 3_600_000)
        .await
        .unwrap();
    assert!(matches!(started, g1000_store::DayStart::Started(_)));
    let mut c = app.client();
    c.set_cookie("g1000_day", &token);
    c
}

fn cookie_value(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v[name.len() + 1..].split(';').next().unwrap().to_string())
}

/// Casts a ballot from a phone: loads the form (for its submission id), posts the options. Returns the `done`
/// of the redirect and the posted form (for a retry).
async fn cast(c: &mut Client, path: &str, options: &[&str]) -> (String, Vec<(String, String)>) {
    let page = c.text(path).await;
    let sub = submission_of(&page);
    let mut form = vec![("submission".to_string(), sub)];
    for o in options {
        form.push(("option".to_string(), o.to_string()));
    }
    let done = post_again(c, path, &form).await;
    (done, form)
}

async fn post_again(c: &mut Client, path: &str, form: &[(String, String)]) -> String {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = c.post(path, &fields).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    location(&res)
        .split("done=")
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

async fn participants_vote_secretly_and_change_until_close(app: TestApp) {
    let mut d = day(&app).await;
    let slug = d.summit.slug.clone();
    let sid = d.summit.id;
    let group = app
        .store
        .add_group(
            sid,
            &g1000_store::GroupFields {
                name: "Burgers".into(),
                kind: g1000_store::GroupKind::Citizens,
                seat_target: 50,
                join_method: g1000_store::JoinMethod::Open,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let mut regs = vec![];
    for i in 0..5 {
        regs.push(
            app.person(
                sid,
                group.id,
                &format!("voter-{i}"),
                &format!("Kiezer{i} Achternaam"),
                g1000_store::RegistrationStatus::Confirmed,
            )
            .await,
        );
    }
    app.store
        .ensure_badge_codes(sid, || {
            g1000_invite::Code::generate().unwrap().as_str().to_string()
        })
        .await
        .unwrap();
    let badges = app.store.badge_rows(sid).await.unwrap();
    let code_of = |reg: i64| {
        badges
            .iter()
            .find(|b| b.registration_id == reg)
            .and_then(|b| b.code.clone())
            .unwrap()
    };
    let mut phones = vec![];
    for r in &regs {
        phones.push(phone(&app, sid, &code_of(*r)).await);
    }
    let vote = app
        .store
        .create_vote(
            sid,
            &g1000_store::NewVote {
                title: "Top 2".into(),
                method: g1000_store::VoteMethod::Approval,
                max_choices: 2,
                seats: 2,
                budget: 0,
                hide_results: true,
            },
            &[
                ("Bomen".into(), None, 0),
                ("Bankjes".into(), None, 0),
                ("Fietspad".into(), None, 0),
            ],
            "create-vote-0123456789",
        )
        .await
        .unwrap()
        .unwrap();
    let path = format!("/s/{slug}/ballot/{}", vote.id);
    // Not open yet: no form.
    assert!(!phones[0].text(&path).await.contains("id=\"cast\""));
    app.store.open_vote(sid, vote.id).await.unwrap();
    // Everyone's phone list links to the open vote.
    assert!(
        phones[0]
            .text(&format!("/s/{slug}/ballot"))
            .await
            .contains(&path)
    );
    // The ballot page gives the browser its key (only its hash is ever stored).
    let res = phones[0].get(&path).await;
    let key0 =
        cookie_value(&res, &format!("g1000_ballot_{}", vote.id)).expect("a ballot key cookie");
    assert_eq!(key0.len(), 64);
    let (done, form) = cast(&mut phones[0], &path, &["1", "2"]).await;
    assert_eq!(done, "saved");
    // A retry of the same post (the phone lost the answer) counts once and says so.
    assert_eq!(post_again(&mut phones[0], &path, &form).await, "again");
    assert_eq!(app.store.vote_counts(vote.id).await.unwrap(), (1, 1));
    let page = phones[0].text(&format!("{path}?done=saved")).await;
    assert!(page.contains("saved") || page.contains("opgeslagen"));
    assert!(
        page.contains("id=\"option-1\" name=\"option\" type=\"checkbox\" value=\"1\" checked"),
        "the ballot is shown again"
    );
    // Changing the ballot before the close replaces it.
    let (done, _) = cast(&mut phones[0], &path, &["3"]).await;
    assert_eq!(done, "changed");
    assert_eq!(app.store.vote_counts(vote.id).await.unwrap(), (1, 1));
    // A second phone of the same person (no key) cannot vote again, and is told why.
    let mut second = phone(&app, sid, &code_of(regs[0])).await;
    let page = second.text(&path).await;
    assert!(page.contains("id=\"voted-elsewhere\""), "{page}");
    let page = second.text(&path).await;
    let sub = submission_of_or_new(&page);
    let done = post_again(
        &mut second,
        &path,
        &[("submission".into(), sub), ("option".into(), "1".into())],
    )
    .await;
    assert_eq!(done, "other_device");
    assert_eq!(app.store.vote_counts(vote.id).await.unwrap(), (1, 1));
    // Too many choices: refused with a message, nothing stored.
    let page = phones[1].text(&path).await;
    let sub = submission_of(&page);
    let res = phones[1]
        .post(
            &path,
            &[
                ("submission", &sub),
                ("option", "1"),
                ("option", "2"),
                ("option", "3"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    // The others vote. Final ballots: {3}, {1,2}, {2}, {2,3}, {1}.
    for (i, b) in [
        (1, vec!["1", "2"]),
        (2, vec!["2"]),
        (3, vec!["2", "3"]),
        (4, vec!["1"]),
    ] {
        let (done, _) = cast(&mut phones[i], &path, &b).await;
        assert_eq!(done, "saved");
    }
    let public = app
        .client()
        .text(&format!("/s/{slug}/results/{}", vote.id))
        .await;
    assert!(!public.contains("id=\"chosen\""), "hidden until close");
    // The facilitator closes; no more changes.
    let res = d
        .facilitator
        .1
        .post(&format!("/s/{slug}/votes/{}/close", vote.id), &[])
        .await;
    assert_eq!(res.status(), 303);
    let res = phones[0]
        .post(
            &path,
            &[("submission", "late-change-0123456789"), ("option", "1")],
        )
        .await;
    assert_eq!(location(&res).split("done=").nth(1).unwrap(), "not_open");
    assert!(phones[0].text(&path).await.contains("id=\"vote-closed\""));
    // Results equal an independent recount of the published ballots.
    let anon = app.client();
    let json: serde_json::Value = anon
        .get(&format!("/s/{slug}/results/{}/ballots.json", vote.id))
        .await
        .json()
        .await
        .unwrap();
    let mut stored: Vec<String> = json["ballots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().to_string())
        .collect();
    stored.sort();
    assert_eq!(stored, vec!["1", "1,2", "2", "2,3", "3"]);
    let recount = recount_approval(&json);
    assert_eq!(recount, vec!["Bankjes".to_string(), "Bomen".to_string()]);
    let public = anon.text(&format!("/s/{slug}/results/{}", vote.id)).await;
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

    // Ballot secrecy: nothing stored links a ballot to a participant.
    let dump = app.store.dump_text().await.unwrap();
    let ballot_rows: Vec<&str> = dump
        .lines()
        .filter(|l| l.starts_with("ballots: "))
        .collect();
    assert_eq!(ballot_rows.len(), 5);
    let people = app.store.badge_rows(sid).await.unwrap();
    let key_hash0 = common::sha256_hex(&key0);
    for row in &ballot_rows {
        let body = row.trim_start_matches("ballots: ");
        let fields: Vec<&str> = body
            .trim_matches(|c| c == '(' || c == ')')
            .split(['|', ','])
            .collect();
        assert!(fields.len() <= 4, "vote, key hash, content only: {row}");
        for p in &people {
            assert!(!row.contains(&p.public_id), "public id on a ballot: {row}");
            assert!(
                !row.contains(p.code.as_deref().unwrap()),
                "badge code on a ballot: {row}"
            );
        }
        assert!(!row.contains(&sub), "submission id on a ballot: {row}");
        assert!(!row.contains(&key0), "the raw key is never stored: {row}");
    }
    assert!(
        dump.lines()
            .any(|l| l.starts_with("ballots: ") && l.contains(&key_hash0)),
        "the voter's ballot is under the key's hash"
    );
    assert_eq!(
        dump.matches(&key_hash0).count(),
        1,
        "the key hash appears nowhere else (not on a receipt, not in the audit record)"
    );
    for row in dump.lines().filter(|l| l.starts_with("vote_receipts: ")) {
        let fields: Vec<&str> = row
            .trim_start_matches("vote_receipts: ")
            .trim_matches(|c| c == '(' || c == ')')
            .split(['|', ','])
            .collect();
        assert_eq!(fields.len(), 2, "vote and registration only: {row}");
    }
    // Stored in key order, which is random: unrelated to the order of voting.
    let keys: Vec<String> = ballot_rows
        .iter()
        .map(|r| {
            r.split(['|', ','])
                .find(|f| f.len() == 64)
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    for row in dump.lines().filter(|l| l.starts_with("submissions: ")) {
        assert!(
            !row.contains('|') && !row.contains(','),
            "a submission is only its id: {row}"
        );
    }

    // Action groups: sign up on the phone, with or without consent; the export holds only consenting members.
    let res = d
        .facilitator
        .1
        .post(
            &format!("/s/{slug}/actions"),
            &[("vote_id", &vote.id.to_string())],
        )
        .await;
    assert_eq!(res.status(), 303);
    let groups = app.store.action_groups(sid).await.unwrap();
    let g = groups[0].id.to_string();
    let page = phones[1].text(&format!("/s/{slug}/commit")).await;
    let sub = submission_of(&page);
    let join = [
        ("submission", sub.as_str()),
        ("group_id", g.as_str()),
        ("share_contact", "1"),
        ("volunteer", "1"),
    ];
    let res = phones[1].post(&format!("/s/{slug}/commit"), &join).await;
    assert!(location(&res).contains("saved=1"));
    let res = phones[1].post(&format!("/s/{slug}/commit"), &join).await;
    assert!(
        location(&res).contains("saved=again"),
        "a retried sign-up counts once"
    );
    let page = phones[2].text(&format!("/s/{slug}/commit")).await;
    let sub = submission_of(&page);
    phones[2]
        .post(
            &format!("/s/{slug}/commit"),
            &[("submission", sub.as_str()), ("group_id", g.as_str())],
        )
        .await;
    let group = app.store.action_group(sid, groups[0].id).await.unwrap();
    assert_eq!(group.members, 2);
    assert_eq!(
        group.contact_registration_id,
        Some(regs[1]),
        "the volunteer is the contact person"
    );
    let csv = d
        .facilitator
        .1
        .text(&format!("/s/{slug}/actions/{g}/export.csv"))
        .await;
    assert!(csv.contains("Kiezer1 Achternaam"), "{csv}");
    assert!(
        !csv.contains("Kiezer2"),
        "no consent, not in the export: {csv}"
    );
    assert_eq!(
        d.host
            .1
            .get(&format!("/s/{slug}/actions/{g}/export.csv"))
            .await
            .status(),
        403
    );
}

fn submission_of_or_new(html: &str) -> String {
    if html.contains("name=\"submission\"") {
        submission_of(html)
    } else {
        "second-device-0123456789".into()
    }
}
