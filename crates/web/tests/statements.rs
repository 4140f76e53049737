//! Common ground (issue 7) through the real app, on SQLite and on PostgreSQL: statements sent from phones
//! (a retried post stored once), moderated on the console (reason required, original kept, audit-logged),
//! voted on one at a time in an order of each participant's own, votes changed; the opinion map and the common
//! ground on the console, the projector and the public results page; a common-ground statement carried into the
//! agenda's themes; who may do what.

mod common;

use std::collections::BTreeSet;

use common::{Client, TestApp, location};
use g1000_store::{
    GroupFields, GroupKind, JoinMethod, RegistrationStatus, RoundFields, RoundKind, Summit,
    SummitFields,
};

both_backends!(
    statements_are_sent_moderated_and_voted_in_an_own_order,
    two_camps_show_two_groups_and_their_common_ground,
    who_may_do_what,
    online_statements_before_the_day_feed_the_same_analysis,
);

struct Hall {
    summit: Summit,
    org: Client,
    /// Welcome, statements.
    rounds: Vec<i64>,
    /// Badge codes of eight confirmed participants.
    codes: Vec<String>,
}

async fn hall(app: &TestApp) -> Hall {
    let (organiser, org) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(
            &SummitFields {
                name: "G1000 Stelstad".into(),
                community: "Stelstad".into(),
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
    for (kind, q) in [
        (RoundKind::Welcome, ""),
        (RoundKind::Statements, "Waar staan we samen?"),
    ] {
        let r = app
            .store
            .add_round(
                summit.id,
                &RoundFields {
                    kind,
                    question: q.into(),
                    duration_min: 30,
                    table_size: 0,
                },
            )
            .await
            .unwrap();
        rounds.push(r.id);
    }
    let mut people = vec![];
    for i in 0..8 {
        people.push(
            app.person(
                summit.id,
                g.id,
                &format!("st{i:02}"),
                &format!("Stemmer Naamloos {i}"),
                RegistrationStatus::Confirmed,
            )
            .await,
        );
    }
    app.store
        .ensure_badge_codes(summit.id, || {
            g1000_invite::Code::generate().unwrap().as_str().to_string()
        })
        .await
        .unwrap();
    let rows = app.store.badge_rows(summit.id).await.unwrap();
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
    Hall {
        summit,
        org,
        rounds,
        codes,
    }
}

async fn phone(app: &TestApp, slug: &str, code: &str) -> Client {
    let mut c = app.client();
    let res = c
        .post(&format!("/s/{slug}/day/start"), &[("code", code)])
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    c
}

/// The facilitator moves the programme to the statements round.
async fn start_statements(h: &mut Hall) {
    let slug = h.summit.slug.clone();
    let to = h.rounds[1].to_string();
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/round"),
            &[("from", ""), ("to", &to)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/console"));
}

fn sub(n: u32) -> String {
    format!("{n:032x}")
}

/// The facilitator adds a statement (approved at once); its id.
async fn seed(app: &TestApp, h: &mut Hall, text: &str, n: u32) -> i64 {
    let slug = h.summit.slug.clone();
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/statements"),
            &[("text", text), ("submission", &sub(n))],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    app.store
        .statements(h.summit.id)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.original == text)
        .unwrap()
        .id
}

/// The statement a phone's page offers to vote on now, if any.
fn current(page: &str) -> Option<i64> {
    let i = page.find("id=\"st-current\" data-statement=\"")?;
    let rest = &page[i + "id=\"st-current\" data-statement=\"".len()..];
    rest[..rest.find('"')?].parse().ok()
}

async fn vote(c: &mut Client, slug: &str, id: i64, v: &str) {
    let res = c
        .post(
            &format!("/s/{slug}/statements/vote"),
            &[("statement", &id.to_string()), ("vote", v)],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    assert_eq!(
        location(&res),
        format!("/s/{slug}/statements?voted=1#st-vote")
    );
}

/// Vote through the phone's pages until none is left, with `choose` deciding each vote; the order seen.
async fn vote_all(c: &mut Client, slug: &str, choose: impl Fn(i64) -> &'static str) -> Vec<i64> {
    let mut seen = vec![];
    loop {
        let page = c.text(&format!("/s/{slug}/statements")).await;
        let Some(id) = current(&page) else {
            assert!(page.contains("id=\"st-done\""), "{page}");
            return seen;
        };
        assert!(!seen.contains(&id), "{id} offered twice");
        seen.push(id);
        vote(c, slug, id, choose(id)).await;
    }
}

async fn actions(app: &TestApp, summit_id: i64) -> Vec<(String, serde_json::Value)> {
    app.store
        .audit_events(summit_id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.action, e.detail))
        .collect()
}

async fn statements_are_sent_moderated_and_voted_in_an_own_order(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    let mut a = phone(&app, &slug, &h.codes[0]).await;
    let mut b = phone(&app, &slug, &h.codes[1]).await;
    let mut c = phone(&app, &slug, &h.codes[2]).await;

    // Before the statements round: nothing to send or vote on.
    let page = a.text(&format!("/s/{slug}/statements")).await;
    assert!(page.contains("id=\"st-not-now\""), "{page}");
    let res = a
        .post(
            &format!("/s/{slug}/statements"),
            &[("text", "Te vroeg"), ("submission", &sub(1))],
        )
        .await;
    assert_eq!(res.status(), 400);
    start_statements(&mut h).await;
    let day = a.text(&format!("/s/{slug}/day")).await;
    assert!(day.contains("id=\"day-statements\""), "{day}");
    // The page says these are opinion votes, not a secret ballot.
    let page = a.text(&format!("/s/{slug}/statements")).await;
    assert!(page.contains("id=\"st-not-secret\""), "{page}");

    // A statement from a phone, sent twice (a retry): stored once, pending.
    for _ in 0..2 {
        let res = a
            .post(
                &format!("/s/{slug}/statements"),
                &[
                    ("text", "  Meer   bomen in de straat "),
                    ("submission", &sub(2)),
                ],
            )
            .await;
        assert_eq!(res.status(), 303);
        assert!(location(&res).starts_with(&format!("/s/{slug}/statements?saved=")));
    }
    let all = app.store.statements(h.summit.id).await.unwrap();
    assert_eq!(all.len(), 1);
    let mine = all[0].id;
    assert_eq!(all[0].original, "Meer bomen in de straat");
    assert!(all[0].pending());
    // Too long: refused with a message naming the limit, nothing stored.
    let long = "x".repeat(141);
    let res = a
        .post(
            &format!("/s/{slug}/statements"),
            &[("text", &long), ("submission", &sub(3))],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("140"));
    assert_eq!(app.store.statements(h.summit.id).await.unwrap().len(), 1);
    // A pending statement is not offered to others.
    let page = b.text(&format!("/s/{slug}/statements")).await;
    assert!(current(&page).is_none(), "{page}");

    // Moderation: a reason is required to edit or hide; approving needs none; the original is kept.
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/statements/{mine}"),
            &[
                ("action", "edit"),
                ("text", "Meer bomen in elke straat"),
                ("reason", ""),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/statements/{mine}"),
            &[
                ("action", "edit"),
                ("text", "Meer bomen in elke straat"),
                ("reason", "algemener"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let s = app.store.statement(h.summit.id, mine).await.unwrap();
    assert_eq!(
        (s.original.as_str(), s.shown.as_str(), s.status.as_str()),
        (
            "Meer bomen in de straat",
            "Meer bomen in elke straat",
            "approved"
        )
    );
    let console = h.org.text(&format!("/s/{slug}/console/statements")).await;
    assert!(
        console.contains("Meer bomen in de straat"),
        "the original is shown"
    );
    assert!(console.contains("algemener"));
    let others: Vec<i64> = vec![
        seed(&app, &mut h, "Het centrum autovrij", 10).await,
        seed(&app, &mut h, "Meer bankjes in het park", 11).await,
        seed(&app, &mut h, "Een buurthuis in elke wijk", 12).await,
        seed(&app, &mut h, "Gratis bus voor ouderen", 13).await,
    ];
    let hide = seed(&app, &mut h, "Iets onaardigs", 14).await;
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/statements/{hide}"),
            &[("action", "hide"), ("reason", "kwetsend")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let acts = actions(&app, h.summit.id).await;
    for name in [
        "day.statement.edit",
        "day.statement.add",
        "day.statement.hide",
    ] {
        assert!(acts.iter().any(|(a, _)| a == name), "{name} in {acts:?}");
    }
    let (_, edit) = acts
        .iter()
        .find(|(a, _)| a == "day.statement.edit")
        .unwrap();
    assert_eq!(edit["original"], "Meer bomen in de straat");
    assert_eq!(edit["reason"], "algemener");

    // A's own statement counts as agreed with and is never offered to A; A sees the four others.
    assert_eq!(
        app.store
            .statement_votes_of(h.summit.id, "participant:st00")
            .await
            .unwrap(),
        vec![(mine, 1)]
    );
    let page = a.text(&format!("/s/{slug}/statements")).await;
    assert!(
        page.contains("4 statements left of 4") || page.contains("Nog 4 stellingen over van de 4"),
        "{page}"
    );
    let seen_a = vote_all(&mut a, &slug, |_| "agree").await;
    let seen_b = vote_all(&mut b, &slug, |_| "disagree").await;
    let seen_c = vote_all(&mut c, &slug, |_| "pass").await;
    // Everyone sees every approved statement of the others once (never the hidden one)…
    let expect_a: BTreeSet<i64> = others.iter().copied().collect();
    let mut expect_bc = expect_a.clone();
    expect_bc.insert(mine);
    assert_eq!(seen_a.iter().copied().collect::<BTreeSet<_>>(), expect_a);
    assert_eq!(seen_b.iter().copied().collect::<BTreeSet<_>>(), expect_bc);
    assert_eq!(seen_c.iter().copied().collect::<BTreeSet<_>>(), expect_bc);
    // …in an order of their own (the same again on a second look).
    assert_ne!(seen_b, seen_c);
    // B changes a vote: the page shows the vote now, and the new one replaces it.
    let page = b
        .text(&format!("/s/{slug}/statements?s={}", others[0]))
        .await;
    assert_eq!(current(&page), Some(others[0]));
    assert!(page.contains("id=\"st-your-vote\""), "{page}");
    vote(&mut b, &slug, others[0], "agree").await;
    let votes_b = app
        .store
        .statement_votes_of(h.summit.id, "participant:st01")
        .await
        .unwrap();
    assert_eq!(votes_b.len(), 5);
    assert!(votes_b.contains(&(others[0], 1)));
    assert_eq!(votes_b.iter().filter(|v| v.1 == -1).count(), 4);
    // Voting on the hidden statement, on one's own, or with an unknown vote is refused.
    let hide_s = hide.to_string();
    let res = b
        .post(
            &format!("/s/{slug}/statements/vote"),
            &[("statement", &hide_s), ("vote", "agree")],
        )
        .await;
    assert_eq!(res.status(), 404);
    let mine_s = mine.to_string();
    let res = a
        .post(
            &format!("/s/{slug}/statements/vote"),
            &[("statement", &mine_s), ("vote", "disagree")],
        )
        .await;
    assert_eq!(res.status(), 400);
    let res = b
        .post(
            &format!("/s/{slug}/statements/vote"),
            &[("statement", &mine_s), ("vote", "maybe")],
        )
        .await;
    assert_eq!(res.status(), 400);
    // My votes are listed with a link to change each.
    let page = b.text(&format!("/s/{slug}/statements")).await;
    assert!(
        page.contains(&format!("?s={}#st-vote", others[0])),
        "{page}"
    );
}

/// 12 statements, 8 participants in two camps of 4 that each vote alike: 1–3 everyone agrees with, 4–6 camp
/// one agrees with and camp two rejects, 7–9 the other way round, 10 everyone rejects, 11 camp one agrees with
/// while camp two passes, 12 camp one rejects while camp two passes.
fn camp_vote(camp_one: bool, t: usize) -> &'static str {
    let (a, b) = match t {
        1..=3 => ("agree", "agree"),
        4..=6 => ("agree", "disagree"),
        7..=9 => ("disagree", "agree"),
        10 => ("disagree", "disagree"),
        11 => ("agree", "pass"),
        _ => ("disagree", "pass"),
    };
    if camp_one { a } else { b }
}

async fn two_camps_show_two_groups_and_their_common_ground(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    start_statements(&mut h).await;
    let mut ids = vec![];
    for t in 1..=12u32 {
        ids.push(seed(&app, &mut h, &format!("Stelling nummer {t}"), 100 + t).await);
    }
    // Before any vote the screens say so.
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(screen.contains("id=\"opinion-empty\""), "{screen}");
    let codes = h.codes.clone();
    let mut orders = vec![];
    for (i, code) in codes.iter().enumerate() {
        let mut p = phone(&app, &slug, code).await;
        let ids2 = ids.clone();
        let order = vote_all(&mut p, &slug, move |id| {
            let t = ids2.iter().position(|&x| x == id).unwrap() + 1;
            camp_vote(i < 4, t)
        })
        .await;
        assert_eq!(order.len(), 12);
        orders.push(order);
    }
    let distinct: BTreeSet<&Vec<i64>> = orders.iter().collect();
    assert!(distinct.len() >= 7, "orders differ between participants");

    // The projector (public) shows the map with two groups of four and exactly statements 1–3 as common ground.
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(screen.contains("<svg"), "{screen}");
    assert!(screen.contains("class=\"participant group-0\""));
    assert!(screen.contains("class=\"participant group-1\""));
    assert!(!screen.contains("group-2"));
    let groups = screen.matches("data-group=").count();
    assert_eq!(groups, 2, "{screen}");
    let common: BTreeSet<i64> = screen
        .match_indices("<li id=\"cg-")
        .map(|(i, _)| {
            let rest = &screen[i + "<li id=\"cg-".len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert_eq!(common, ids[..3].iter().copied().collect());
    assert!(
        screen.contains("100% agree (4 of 4)") || screen.contains("100% eens (4 van 4)"),
        "{screen}"
    );
    // No names or pseudonyms on the projector, and no carry forms.
    assert!(!screen.contains("Naamloos") && !screen.contains("st00"));
    assert!(!screen.contains("/theme\""));

    // The console shows the same with counts, and carries statement 1 into the themes with one click.
    let console = h.org.text(&format!("/s/{slug}/console/statements")).await;
    assert!(
        console.contains("<dd id=\"count-groups\">2</dd>"),
        "{console}"
    );
    assert!(console.contains("<dd id=\"count-voters\">8</dd>"));
    assert!(console.contains("<dd id=\"count-votes\">96</dd>"));
    assert!(console.contains(&format!("id=\"carry-{}\"", ids[0])));
    let path = format!("/s/{slug}/console/statements/{}/theme", ids[0]);
    for _ in 0..2 {
        let res = h.org.post(&path, &[("name", "Stelling nummer 1")]).await;
        assert_eq!(res.status(), 303);
    }
    let themes = app.store.themes(h.summit.id).await.unwrap();
    assert_eq!(themes.len(), 1, "a second click makes no second theme");
    assert_eq!(themes[0].name, "Stelling nummer 1");
    assert_eq!(
        app.store
            .statement(h.summit.id, ids[0])
            .await
            .unwrap()
            .theme_id,
        Some(themes[0].id)
    );
    let acts = actions(&app, h.summit.id).await;
    let carried: Vec<_> = acts
        .iter()
        .filter(|(a, _)| a == "day.statement.theme")
        .collect();
    assert_eq!(carried.len(), 1);
    assert_eq!(carried[0].1["statement"], ids[0]);
    // An empty theme name is refused with a message.
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/statements/{}/theme", ids[1]),
            &[("name", " ")],
        )
        .await;
    assert_eq!(res.status(), 422);
    // The theme is on the facilitator console's theme list.
    let main = h.org.text(&format!("/s/{slug}/console")).await;
    assert!(main.contains("Stelling nummer 1"));

    // After the round the public results page keeps the map and the common ground.
    let to_welcome = h.rounds[0].to_string();
    let from = h.rounds[1].to_string();
    h.org
        .post(
            &format!("/s/{slug}/console/round"),
            &[("from", &from), ("to", &to_welcome)],
        )
        .await;
    let screen = app.client().text(&format!("/s/{slug}/screen")).await;
    assert!(
        !screen.contains("<svg"),
        "the projector follows the programme"
    );
    let results = app.client().text(&format!("/s/{slug}/common-ground")).await;
    assert!(results.contains("<svg"), "{results}");
    assert_eq!(results.matches("<li id=\"cg-").count(), 3);
    assert!(!results.contains("Naamloos") && !results.contains("st00"));
    let list = app.client().text(&format!("/s/{slug}/results")).await;
    assert!(list.contains(&format!("/s/{slug}/common-ground")));
}

async fn who_may_do_what(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    start_statements(&mut h).await;
    let id = seed(&app, &mut h, "Meer groen", 1).await;
    let id_s = id.to_string();
    // Without a day session: the participant's pages send to the badge-code page.
    let mut anon = app.client();
    for res in [
        anon.get(&format!("/s/{slug}/statements")).await,
        anon.post(
            &format!("/s/{slug}/statements/vote"),
            &[("statement", &id_s), ("vote", "agree")],
        )
        .await,
    ] {
        assert_eq!(res.status(), 303);
        assert_eq!(location(&res), format!("/s/{slug}/day/start"));
    }
    // A phone cannot use the console.
    let mut p = phone(&app, &slug, &h.codes[0]).await;
    let res = p.get(&format!("/s/{slug}/console/statements")).await;
    assert!(
        matches!(res.status().as_u16(), 303 | 403),
        "{}",
        res.status()
    );
    let res = p
        .post(
            &format!("/s/{slug}/console/statements/{id}"),
            &[("action", "hide"), ("reason", "x")],
        )
        .await;
    assert!(matches!(res.status().as_u16(), 303 | 403));
    assert!(
        app.store
            .statement(h.summit.id, id)
            .await
            .unwrap()
            .approved()
    );
    // A logged-in account without a role in this summit neither.
    let (_, mut norole) = app.user_client("norole@example.org", false).await;
    let res = norole
        .post(
            &format!("/s/{slug}/console/statements/{id}/theme"),
            &[("name", "Groen")],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert!(app.store.themes(h.summit.id).await.unwrap().is_empty());
    // A facilitator may.
    let (fac, mut fc) = app.user_client("fac@example.org", false).await;
    app.store
        .add_member(h.summit.id, fac.id, g1000_store::Role::Facilitator)
        .await
        .unwrap();
    let res = fc
        .post(
            &format!("/s/{slug}/console/statements/{id}/theme"),
            &[("name", "Groen")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.store.themes(h.summit.id).await.unwrap().len(), 1);
    // The results page is public.
    assert_eq!(
        app.client()
            .get(&format!("/s/{slug}/common-ground"))
            .await
            .status(),
        200
    );
}

/// A browser's online voice: it opened the page, which gave it the pseudonymous cookie.
async fn online_browser(app: &TestApp, slug: &str) -> Client {
    let mut c = app.client();
    let res = c.get(&format!("/s/{slug}/ideas")).await;
    assert_eq!(res.status(), 200);
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with("g1000_voice="))
        .expect("a voice cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let token = cookie["g1000_voice=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_string();
    c.set_cookie("g1000_voice", &token);
    c
}

async fn online_statements_before_the_day_feed_the_same_analysis(app: TestApp) {
    let mut h = hall(&app).await;
    let slug = h.summit.slug.clone();
    // Closed until the organisers open it: the page says so, posts are refused.
    let mut a = online_browser(&app, &slug).await;
    let page = a.text(&format!("/s/{slug}/ideas")).await;
    assert!(page.contains("id=\"st-not-now\""), "{page}");
    let res = a
        .post(
            &format!("/s/{slug}/ideas"),
            &[("text", "Meer groen"), ("submission", &sub(1))],
        )
        .await;
    assert_eq!(res.status(), 400);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/online-statements"),
            &[("open", "1")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(
        actions(&app, h.summit.id)
            .await
            .iter()
            .any(|(a, d)| a == "day.statement.online" && d["open"] == true)
    );
    // No programme round is needed: the page is open before the day.
    let res = a
        .post(
            &format!("/s/{slug}/ideas"),
            &[("text", "Meer groen in de wijk"), ("submission", &sub(2))],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with(&format!("/s/{slug}/ideas?saved=")));
    let s = &app.store.statements(h.summit.id).await.unwrap()[0];
    assert!(s.pending() && s.author.starts_with("online:") && s.round_id.is_none());
    // The author is pseudonymous: a hash, not the cookie's token.
    assert_eq!(s.author.len(), "online:".len() + 24);
    let res = h
        .org
        .post(
            &format!("/s/{slug}/console/statements/{}", s.id),
            &[("action", "approve")],
        )
        .await;
    assert_eq!(res.status(), 303);
    // Another browser votes on it; a browser without the cookie is refused.
    let mut b = online_browser(&app, &slug).await;
    let page = b.text(&format!("/s/{slug}/ideas")).await;
    assert_eq!(current(&page), Some(s.id));
    let id = s.id.to_string();
    let res = b
        .post(
            &format!("/s/{slug}/ideas/vote"),
            &[("statement", &id), ("vote", "disagree")],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/s/{slug}/ideas?voted=1#st-vote"));
    let mut nocookie = app.client();
    let res = nocookie
        .post(
            &format!("/s/{slug}/ideas/vote"),
            &[("statement", &id), ("vote", "agree")],
        )
        .await;
    assert_eq!(res.status(), 400);
    // Both online voices are in the analysis (the author agrees, the other disagrees): the console counts them.
    let votes = app.store.statement_votes(h.summit.id).await.unwrap();
    assert_eq!(votes.len(), 2);
    assert!(votes.iter().all(|v| v.voter.starts_with("online:")));
    let console = h.org.text(&format!("/s/{slug}/console/statements")).await;
    assert!(
        console.contains("<dd id=\"count-voters\">2</dd>"),
        "{console}"
    );
    // The rate limit per address: 120 actions in 10 minutes, then refused.
    let mut refused = false;
    for _ in 0..130 {
        let res = b
            .post(
                &format!("/s/{slug}/ideas/vote"),
                &[("statement", &id), ("vote", "pass")],
            )
            .await;
        if res.status() == 400 {
            assert!(res.text().await.unwrap().contains("too many"));
            refused = true;
            break;
        }
        assert_eq!(res.status(), 303);
    }
    assert!(refused, "the rate limit refuses a flood of votes");
    // Closed again: the page says so (posts are refused as before the opening).
    h.org
        .post(
            &format!("/s/{slug}/console/online-statements"),
            &[("open", "0")],
        )
        .await;
    let c = online_browser(&app, &slug).await;
    let page = c.text(&format!("/s/{slug}/ideas")).await;
    assert!(page.contains("id=\"st-not-now\""), "{page}");
    assert!(current(&page).is_none());
}
