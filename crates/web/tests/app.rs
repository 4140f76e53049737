//! Integration tests: the real app on a random port, each test on SQLite and on PostgreSQL.

mod common;

use common::{Client, SseReader, TestApp, location};
use g1000_store::{
    GroupFields, GroupKind, JoinMethod, Role, RoundFields, RoundKind, Summit, SummitFields, User,
};

both_backends!(
    healthz_answers,
    security_headers_on_every_response,
    first_run_setup_only_once,
    csrf_is_required_for_every_post,
    login_logout_and_cookie_flags,
    login_is_rate_limited,
    summit_set_up_flow,
    validation_keeps_values_and_explains,
    language_follows_browser_then_choice,
    unpublished_summit_is_private,
    live_events_reach_subscribers,
    team_members_get_accounts_and_roles,
    route_role_matrix,
    attributes_with_bands_and_shares,
    codes_txt_import_is_idempotent_and_explains_errors,
    registering_with_a_code_in_dutch_and_english,
    ten_thousand_wrong_codes_are_refused_and_slowed_down,
    personal_links_and_open_registration_with_waiting_list,
    registration_overview_counts_live,
    the_register_never_enters_the_database,
);

fn summit_fields(name: &str) -> SummitFields {
    SummitFields {
        name: name.into(),
        community: "Gemeente Teststad".into(),
        date: "2027-05-01".into(),
        start_time: "10:00".into(),
        venue: "Stadhuis".into(),
        capacity: 500,
        languages: vec!["nl".into(), "en".into()],
        description: String::new(),
    }
}

async fn healthz_answers(app: TestApp) {
    let res = app.client().get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.text().await.unwrap(), "ok\n");
}

async fn security_headers_on_every_response(app: TestApp) {
    let c = app.client();
    for path in [
        "/",
        "/login",
        "/assets/style.css",
        "/does-not-exist",
        "/s/nope",
    ] {
        let res = c.get(path).await;
        let h = res.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(
            h.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        assert_eq!(h.get("referrer-policy").unwrap(), "same-origin", "{path}");
    }
    // No inline script in any page: scripts only by src.
    let html = c.text("/").await;
    assert!(!html.contains("<script>"), "inline script found");
    assert!(html.contains("<script src=\"/assets/live.js\""));
}

async fn first_run_setup_only_once(app: TestApp) {
    let mut c = app.client();
    let page = c.text("/setup").await;
    assert!(page.contains("name=\"password\""));
    // Too short a password: 422, message next to the field, name and e-mail kept.
    let res = c
        .post(
            "/setup",
            &[
                ("name", "Els"),
                ("email", "els@example.org"),
                ("password", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"e-password\""), "{body}");
    assert!(body.contains("value=\"els@example.org\""));
    let res = c
        .post(
            "/setup",
            &[
                ("name", "Els"),
                ("email", "els@example.org"),
                ("password", "lange zinnen zijn sterk"),
                ("confirm", "lange zinnen zijn sterk"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account");
    // Logged in now.
    let account = c.text("/account").await;
    assert!(account.contains("Els"), "{account}");
    // The page no longer works: GET redirects to login, POST is refused, no second organiser appears.
    let mut other = app.client();
    let res = other.get("/setup").await;
    assert_eq!(res.status(), 303);
    let res = other
        .post(
            "/setup",
            &[
                ("name", "Mallory"),
                ("email", "m@example.org"),
                ("password", "another long password"),
                ("confirm", "another long password"),
            ],
        )
        .await;
    assert_eq!(res.status(), 403);
    assert!(
        app.store
            .user_by_email("m@example.org")
            .await
            .unwrap()
            .is_none()
    );
}

async fn csrf_is_required_for_every_post(app: TestApp) {
    let (organiser, mut c) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(&summit_fields("CSRF-top"), &organiser)
        .await
        .unwrap();
    let path = format!("/manage/{}/edit", summit.slug);
    let fields = [
        ("name", "Hacked"),
        ("community", "x"),
        ("date", "2027-01-01"),
        ("start_time", "09:00"),
        ("venue", "x"),
        ("capacity", "100"),
        ("languages", "nl"),
    ];
    // No token at all.
    let res = c.post_raw(&path, &fields).await;
    assert_eq!(res.status(), 403);
    // A wrong token.
    let mut with_wrong = vec![(
        "_csrf",
        "0000000000000000000000000000000000000000000000000000000000000000",
    )];
    with_wrong.extend_from_slice(&fields);
    let res = c.post_raw(&path, &with_wrong).await;
    assert_eq!(res.status(), 403);
    // The right token from another browser (no matching cookie here).
    let mut other = app.client();
    let foreign = other.csrf().await;
    let mut with_foreign = vec![("_csrf", foreign.as_str())];
    with_foreign.extend_from_slice(&fields);
    let res = c.post_raw(&path, &with_foreign).await;
    assert_eq!(res.status(), 403);
    let unchanged = app.store.summit_by_id(summit.id).await.unwrap().unwrap();
    assert_eq!(unchanged.fields.name, "CSRF-top");
    // With its own token the same post works.
    let res = c.post(&path, &fields).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let changed = app.store.summit_by_id(summit.id).await.unwrap().unwrap();
    assert_eq!(changed.fields.name, "Hacked");
    // Every form on a page carries the token.
    let html = c.text(&format!("/manage/{}/programme", summit.slug)).await;
    let forms = html.matches("<form method=\"post\"").count();
    let tokens = html.matches("name=\"_csrf\"").count();
    assert!(
        forms > 0 && forms == tokens,
        "forms {forms}, tokens {tokens}"
    );
}

async fn login_logout_and_cookie_flags(app: TestApp) {
    let hash = g1000_web::security::hash_password("correct horse battery".into())
        .await
        .unwrap();
    app.store
        .create_user("kim@example.org", "Kim", Some(&hash), true)
        .await
        .unwrap();
    let mut c = app.client();
    let res = c
        .post(
            "/login",
            &[
                ("email", "kim@example.org"),
                ("password", "wrong password!"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let res = c
        .post(
            "/login",
            &[
                ("email", "KIM@example.org"),
                ("password", "correct horse battery"),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account", "no open redirect");
    let cookie = res
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("g1000_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain http: {cookie}");
    assert_eq!(c.get("/account").await.status(), 200);
    // Only the token's hash is stored.
    let token = cookie
        .trim_start_matches("g1000_session=")
        .split(';')
        .next()
        .unwrap();
    assert!(app.store.session_user(token).await.unwrap().is_none());
    assert!(
        app.store
            .session_user(&common::sha256_hex(token))
            .await
            .unwrap()
            .is_some()
    );
    // Behind a TLS proxy the cookie is Secure.
    let mut tls = app.client();
    let t = tls.csrf().await;
    let res = tls
        .http
        .post(format!("{}/login", tls.base))
        .header("x-forwarded-proto", "https")
        .form(&[
            ("_csrf", t.as_str()),
            ("email", "kim@example.org"),
            ("password", "correct horse battery"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert!(
        res.headers().get_all("set-cookie").iter().any(|v| v
            .to_str()
            .unwrap()
            .starts_with("g1000_session=")
            && v.to_str().unwrap().contains("; Secure"))
    );
    // Logout ends the session on the server.
    let res = c.post("/logout", &[]).await;
    assert_eq!(res.status(), 303);
    assert!(
        app.store
            .session_user(&common::sha256_hex(token))
            .await
            .unwrap()
            .is_none()
    );
    let res = c.get("/account").await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with("/login?next="));
}

async fn login_is_rate_limited(app: TestApp) {
    let hash = g1000_web::security::hash_password("correct horse battery".into())
        .await
        .unwrap();
    app.store
        .create_user("lee@example.org", "Lee", Some(&hash), true)
        .await
        .unwrap();
    let mut c = app.client();
    for _ in 0..10 {
        let res = c
            .post(
                "/login",
                &[("email", "lee@example.org"), ("password", "guess guess")],
            )
            .await;
        assert_eq!(res.status(), 422);
    }
    // Even the right password is refused now.
    let res = c
        .post(
            "/login",
            &[
                ("email", "lee@example.org"),
                ("password", "correct horse battery"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("15 min"), "{body}");
}

async fn create_summit_via_form(c: &mut Client) -> String {
    let res = c
        .post(
            "/summits/new",
            &[
                ("name", "G1000 Zandvoort"),
                ("community", "Gemeente Zandvoort"),
                ("date", "2027-06-12"),
                ("start_time", "09:30"),
                ("venue", "Het Badhuis"),
                ("capacity", "800"),
                ("languages", "nl"),
                ("languages", "en"),
                ("description", "Een dag over de toekomst van ons dorp."),
            ],
        )
        .await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let loc = location(&res);
    assert!(loc.starts_with("/manage/g1000-zandvoort-2027"), "{loc}");
    loc.trim_start_matches("/manage/").to_string()
}

async fn summit_set_up_flow(app: TestApp) {
    let (_, mut c) = app.user_client("org@example.org", true).await;
    let slug = create_summit_via_form(&mut c).await;
    let dash = c.text(&format!("/manage/{slug}")).await;
    assert!(dash.contains("G1000 Zandvoort") && dash.contains("Het Badhuis"));

    for (name, kind, seats, how, cap) in [
        ("Ingelote burgers", "citizens", "560", "lottery", ""),
        ("Werkgevers", "employers", "80", "invitation", ""),
        ("Overheid", "government", "80", "invitation", ""),
        ("Vrijdenkers", "free_thinkers", "80", "open", "120"),
    ] {
        let res = c
            .post(
                &format!("/manage/{slug}/groups"),
                &[
                    ("name", name),
                    ("kind", kind),
                    ("seat_target", seats),
                    ("join_method", how),
                    ("open_cap", cap),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{name}: {}", res.text().await.unwrap());
    }
    let summit = app.store.summit_by_slug(&slug).await.unwrap().unwrap();
    let groups = app.store.groups(summit.id).await.unwrap();
    assert_eq!(groups.len(), 4);
    assert_eq!(groups[3].fields.open_cap, Some(120));
    assert_eq!(groups[0].fields.join_method, JoinMethod::Lottery);

    // Edit a group, then delete it and add it back.
    let res = c
        .post(
            &format!("/manage/{slug}/groups/{}", groups[1].id),
            &[
                ("name", "Ondernemers"),
                ("kind", "employers"),
                ("seat_target", "90"),
                ("join_method", "invitation"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let g = app.store.groups(summit.id).await.unwrap();
    assert_eq!(
        (g[1].fields.name.as_str(), g[1].fields.seat_target),
        ("Ondernemers", 90)
    );

    for (kind, q, dur, size) in [
        ("welcome", "", "20", ""),
        ("dialogue", "Wat vindt u belangrijk?", "45", "10"),
        ("vote", "Welke voorstellen kiezen we?", "30", "0"),
    ] {
        let res = c
            .post(
                &format!("/manage/{slug}/programme"),
                &[
                    ("kind", kind),
                    ("question", q),
                    ("duration_min", dur),
                    ("table_size", size),
                ],
            )
            .await;
        assert_eq!(res.status(), 303, "{kind}: {}", res.text().await.unwrap());
    }
    let rounds = app.store.rounds(summit.id).await.unwrap();
    assert_eq!(
        rounds.iter().map(|r| r.position).collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    // Move the vote up, then delete the welcome: positions stay 1..n.
    let res = c
        .post(
            &format!("/manage/{slug}/programme/{}/move", rounds[2].id),
            &[("direction", "up")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let res = c
        .post(
            &format!("/manage/{slug}/programme/{}/delete", rounds[0].id),
            &[],
        )
        .await;
    assert_eq!(res.status(), 303);
    let after = app.store.rounds(summit.id).await.unwrap();
    assert_eq!(
        after
            .iter()
            .map(|r| (r.position, r.fields.kind))
            .collect::<Vec<_>>(),
        vec![(1, RoundKind::Vote), (2, RoundKind::Dialogue)]
    );

    // The dashboard shows the state at a glance: seats, rounds, checklist.
    let dash = c.text(&format!("/manage/{slug}")).await;
    assert!(dash.contains("810"), "seat total shown");
    assert!(dash.contains("<svg"), "seat chart shown");
    assert!(dash.contains("Ondernemers"));

    // Publish: the public page is then visible to anyone.
    let anon = app.client();
    assert_eq!(anon.get(&format!("/s/{slug}")).await.status(), 404);
    let res = c
        .post(&format!("/manage/{slug}/publish"), &[("published", "true")])
        .await;
    assert_eq!(res.status(), 303);
    let public = anon.text(&format!("/s/{slug}")).await;
    assert!(public.contains("G1000 Zandvoort") && public.contains("Ingelote burgers"));
    assert!(public.contains("Wat vindt u belangrijk?"));
    let home = anon.text("/").await;
    assert!(home.contains(&format!("/s/{slug}")));

    // Every decision is in the public audit record, as an intact hash chain.
    let json = anon.text(&format!("/s/{slug}/audit.json")).await;
    let events: Vec<g1000_store::AuditEvent> = serde_json::from_str(&json).unwrap();
    let actions: Vec<&str> = events.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions.first(), Some(&"summit.created"));
    assert_eq!(actions.iter().filter(|a| **a == "group.added").count(), 4);
    for a in [
        "group.updated",
        "round.added",
        "round.moved",
        "round.deleted",
        "summit.published",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert!(g1000_ledger::verify(&events).is_ok());
    let page = anon.text(&format!("/s/{slug}/audit")).await;
    assert!(
        page.contains(&events.last().unwrap().hash),
        "head hash shown"
    );
    assert!(
        !json.contains("org@example.org"),
        "no e-mail addresses in the audit record"
    );
}

async fn validation_keeps_values_and_explains(app: TestApp) {
    let (_, mut c) = app.user_client("org@example.org", true).await;
    let res = c
        .post(
            "/summits/new",
            &[
                ("name", "Mijn <b>top</b>"),
                ("community", ""),
                ("date", "2027-02-30"),
                ("start_time", "25:00"),
                ("venue", "Zaal"),
                ("capacity", "veel"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    for field in ["community", "date", "start_time", "capacity", "languages"] {
        assert!(
            body.contains(&format!("id=\"e-{field}\"")),
            "message for {field}"
        );
    }
    assert!(!body.contains("id=\"e-name\""));
    assert!(!body.contains("id=\"e-venue\""));
    // Entered values are kept, and escaped (no HTML injection).
    assert!(
        body.contains("value=\"Mijn &#60;b&#62;top&#60;/b&#62;\"")
            || body.contains("value=\"Mijn &lt;b&gt;top&lt;/b&gt;\""),
        "escaped"
    );
    assert!(!body.contains("<b>top</b>"));
    assert!(body.contains("value=\"veel\""));
    assert!(body.contains("aria-invalid=\"true\""));
    // The summary links to the fields.
    assert!(body.contains("href=\"#f-capacity\""));

    // Group: open registration needs a cap of at least the seats.
    let (u, _) = (
        app.store
            .user_by_email("org@example.org")
            .await
            .unwrap()
            .unwrap(),
        (),
    );
    let summit = app
        .store
        .create_summit(&summit_fields("V-top"), &u)
        .await
        .unwrap();
    let res = c
        .post(
            &format!("/manage/{}/groups", summit.slug),
            &[
                ("name", "Vrij"),
                ("kind", "free_thinkers"),
                ("seat_target", "50"),
                ("join_method", "open"),
                ("open_cap", "10"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"e-open_cap\""));
    assert!(body.contains("value=\"Vrij\""));
    // Round at tables needs a table size.
    let res = c
        .post(
            &format!("/manage/{}/programme", summit.slug),
            &[
                ("kind", "dialogue"),
                ("question", "Vraag?"),
                ("duration_min", "0"),
                ("table_size", "1"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("id=\"e-duration_min\"") && body.contains("id=\"e-table_size\""));
    assert!(body.contains("Vraag?"));
    assert!(app.store.groups(summit.id).await.unwrap().is_empty());
    assert!(app.store.rounds(summit.id).await.unwrap().is_empty());
}

async fn language_follows_browser_then_choice(app: TestApp) {
    let c = app.client();
    let nl = c
        .get_with("/", &[("accept-language", "nl-NL,nl;q=0.9")])
        .await
        .text()
        .await
        .unwrap();
    assert!(nl.contains("<html lang=\"nl\">") && nl.contains("Burgertoppen"));
    let en = c
        .get_with("/", &[("accept-language", "en-GB,en;q=0.9")])
        .await
        .text()
        .await
        .unwrap();
    assert!(en.contains("<html lang=\"en\">") && en.contains("Summits"));
    // The switch sets a cookie that wins over the browser's preference, and goes back to the page.
    let res = c.get("/lang/nl?next=/login").await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login");
    let page = c
        .get_with("/login", &[("accept-language", "en")])
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"nl\">") && page.contains("Inloggen"));
    // No open redirect through the switch.
    let res = c.get("/lang/en?next=https://evil.example/").await;
    assert_eq!(location(&res), "/");
    assert_eq!(c.get("/lang/xx").await.status(), 404);
}

async fn unpublished_summit_is_private(app: TestApp) {
    let (org, c) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(&summit_fields("Geheim"), &org)
        .await
        .unwrap();
    let anon = app.client();
    assert_eq!(anon.get(&format!("/s/{}", summit.slug)).await.status(), 404);
    assert_eq!(
        anon.get(&format!("/s/{}/events", summit.slug))
            .await
            .status(),
        404
    );
    let preview = c.text(&format!("/s/{}", summit.slug)).await;
    assert!(preview.contains("Geheim") && preview.contains("class=\"notice important\""));
    assert!(!anon.text("/").await.contains("Geheim"));
}

async fn live_events_reach_subscribers(app: TestApp) {
    let (org, _) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(&summit_fields("Live"), &org)
        .await
        .unwrap();
    app.store.set_published(summit.id, true).await.unwrap();
    let anon = app.client();
    let events = anon.get(&format!("/s/{}/events", summit.slug)).await;
    assert_eq!(events.status(), 200);
    assert!(
        events.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let mut stream = SseReader::new(events);
    assert_eq!(stream.next_event().await.0, "ready");
    let mut fields = summit.fields.clone();
    fields.name = "Live en wel".into();
    app.store.update_summit(summit.id, &fields).await.unwrap();
    // Earlier changes (publishing) may still be on their way through the bus: wait for this one.
    for _ in 0..5 {
        let (event, data) = stream.next_event().await;
        assert_eq!(event, "change");
        if data == "summit" {
            break;
        }
        assert_eq!(data, "published", "unexpected event");
    }
    assert!(
        anon.text(&format!("/s/{}", summit.slug))
            .await
            .contains("Live en wel")
    );
}

async fn team_members_get_accounts_and_roles(app: TestApp) {
    let (org, mut c) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(&summit_fields("Team-top"), &org)
        .await
        .unwrap();
    let res = c
        .post(
            &format!("/manage/{}/team", summit.slug),
            &[
                ("name", "Ruben"),
                ("email", "Ruben@Example.org"),
                ("role", "facilitator"),
            ],
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    let start =
        body.find("<p class=\"secret\"><code>").unwrap() + "<p class=\"secret\"><code>".len();
    let password = &body[start..start + 19];
    assert_eq!(password.len(), 19, "xxxx-xxxx-xxxx-xxxx");
    // The facilitator can log in with it and reaches the run-sheet but not the organiser pages.
    let mut f = app.client();
    let res = f
        .post(
            "/login",
            &[("email", "ruben@example.org"), ("password", password)],
        )
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        f.get(&format!("/s/{}/runsheet", summit.slug))
            .await
            .status(),
        200
    );
    assert_eq!(
        f.get(&format!("/manage/{}", summit.slug)).await.status(),
        403
    );
    // The last organiser cannot be removed.
    let res = c
        .post(
            &format!("/manage/{}/team/remove", summit.slug),
            &[("user_id", &org.id.to_string()), ("role", "organiser")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert_eq!(
        app.store.roles_in(org.id, summit.id).await.unwrap(),
        vec![Role::Organiser]
    );
}

// ---- the route-role matrix ----

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    NoRole,
    Participant,
    TableHost,
    Facilitator,
    Organiser,
    /// Organiser of another summit (an organiser account, but no role in this one).
    OtherOrganiser,
    /// A participant on the day: no account, a day session opened with their badge code.
    Badge,
}

const EVERYONE: [Who; 8] = [
    Who::Anonymous,
    Who::NoRole,
    Who::Participant,
    Who::TableHost,
    Who::Facilitator,
    Who::Organiser,
    Who::OtherOrganiser,
    Who::Badge,
];

fn may(access: g1000_web::auth::Access, who: Who) -> bool {
    use g1000_web::auth::Access::*;
    match access {
        Public | PublicSummit => true, // the matrix summit is published (unpublished: separate test)
        LoggedIn => !matches!(who, Who::Anonymous | Who::Badge),
        Participant => who == Who::Badge,
        OrganiserAccount => matches!(who, Who::Organiser | Who::OtherOrganiser),
        Summit(roles) => {
            let role = match who {
                Who::Participant => Role::Participant,
                Who::TableHost => Role::TableHost,
                Who::Facilitator => Role::Facilitator,
                Who::Organiser => Role::Organiser,
                _ => return false,
            };
            roles.contains(&role)
        }
    }
}

struct Fixture {
    summit: Summit,
    group_id: i64,
    open_group_id: i64,
    round_id: i64,
    attribute_id: i64,
    /// The token of a day session of a confirmed participant of this summit.
    day_token: String,
}

async fn fixture(app: &TestApp, owner: &User, others: &[(User, Role)], n: usize) -> Fixture {
    let summit = app
        .store
        .create_summit(&summit_fields(&format!("Matrix {n}")), owner)
        .await
        .unwrap();
    for (u, r) in others {
        app.store.add_member(summit.id, u.id, *r).await.unwrap();
    }
    app.store.set_published(summit.id, true).await.unwrap();
    let g = app
        .store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: 100,
                join_method: JoinMethod::Lottery,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let open = app
        .store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Vrijdenkers".into(),
                kind: GroupKind::FreeThinkers,
                seat_target: 10,
                join_method: JoinMethod::Open,
                open_cap: Some(20),
            },
        )
        .await
        .unwrap();
    let r = app
        .store
        .add_round(
            summit.id,
            &RoundFields {
                kind: RoundKind::Dialogue,
                question: "Q?".into(),
                duration_min: 30,
                table_size: 10,
            },
        )
        .await
        .unwrap();
    let a = app
        .store
        .add_attribute(
            summit.id,
            &g1000_store::AttributeFields {
                name: "Wijk".into(),
                bands: vec![
                    g1000_store::Band {
                        label: "Noord".into(),
                        share_permille: None,
                    },
                    g1000_store::Band {
                        label: "Zuid".into(),
                        share_permille: None,
                    },
                ],
            },
        )
        .await
        .unwrap();
    // A confirmed participant with a badge and a day session on their phone.
    app.person(
        summit.id,
        open.id,
        &format!("matrix{n}"),
        "Deelnemer",
        g1000_store::RegistrationStatus::Confirmed,
    )
    .await;
    let code = g1000_invite::Code::generate().unwrap();
    let code = code.as_str().to_string();
    app.store
        .ensure_badge_codes(summit.id, || code.clone())
        .await
        .unwrap();
    let day_token = g1000_web::security::random_token();
    let started = app
        .store
        .start_day_session(summit.id, &code, &common::sha256_hex(&day_token), 3_600_000)
        .await
        .unwrap();
    assert!(matches!(started, g1000_store::DayStart::Started(_)));
    Fixture {
        day_token,
        summit,
        group_id: g.id,
        open_group_id: open.id,
        round_id: r.id,
        attribute_id: a.id,
    }
}

/// The day's part B for the matrix: a table hosted by `host`, a draft proposal at it, a closed vote and an
/// action group from it.
struct DayB {
    proposal_id: i64,
    vote_id: i64,
    action_group_id: i64,
}

async fn day_b_fixture(app: &TestApp, summit_id: i64, host: i64) -> DayB {
    let s = &app.store;
    let t = s
        .add_seating_tables(
            summit_id,
            1,
            &g1000_store::TableFields {
                capacity: 8,
                accessible: false,
                language: "nl".into(),
                host_user_id: Some(host),
            },
        )
        .await
        .unwrap();
    let sub = |k: &str| format!("matrix-{summit_id}-{k}-0123456789");
    let p = s
        .add_proposal(
            summit_id,
            Some(t[0].id),
            None,
            &g1000_store::ProposalFields {
                title: "Plan".into(),
                what: "Wat".into(),
                ..Default::default()
            },
            &sub("p"),
        )
        .await
        .unwrap()
        .unwrap();
    let v = s
        .create_vote(
            summit_id,
            &g1000_store::NewVote {
                title: "Top".into(),
                method: g1000_store::VoteMethod::Approval,
                max_choices: 1,
                seats: 1,
                budget: 0,
                hide_results: true,
            },
            &[("Plan".into(), Some(p.id), 0), ("Ander".into(), None, 0)],
            &sub("v"),
        )
        .await
        .unwrap()
        .unwrap();
    s.open_vote(summit_id, v.id).await.unwrap();
    s.close_vote(summit_id, v.id).await.unwrap();
    s.ensure_action_groups(summit_id, v.id, &[("Plan".into(), Some(p.id))])
        .await
        .unwrap();
    let g = s.action_groups(summit_id).await.unwrap();
    DayB {
        proposal_id: p.id,
        vote_id: v.id,
        action_group_id: g[0].id,
    }
}

async fn route_role_matrix(app: TestApp) {
    // The first organiser exists, so /setup is closed for everyone (checked separately below).
    let (organiser, organiser_c) = app.user_client("organiser@example.org", true).await;
    let (other_org, other_c) = app.user_client("other@example.org", true).await;
    let (facilitator, facilitator_c) = app.user_client("facilitator@example.org", false).await;
    let (host, host_c) = app.user_client("host@example.org", false).await;
    let (participant, participant_c) = app.user_client("participant@example.org", false).await;
    let (_, norole_c) = app.user_client("norole@example.org", false).await;
    let anon_c = app.client();
    app.store
        .create_summit(&summit_fields("Elsewhere"), &other_org)
        .await
        .unwrap();
    let members = [
        (facilitator, Role::Facilitator),
        (host, Role::TableHost),
        (participant, Role::Participant),
    ];
    let mut clients = [
        (Who::Anonymous, anon_c),
        (Who::NoRole, norole_c),
        (Who::Participant, participant_c),
        (Who::TableHost, host_c),
        (Who::Facilitator, facilitator_c),
        (Who::Organiser, organiser_c),
        (Who::OtherOrganiser, other_c),
        (Who::Badge, app.client()),
    ];
    let mut n = 0;
    let mut failures = vec![];
    let mut checked = 0;
    let mut routes = g1000_web::route_info();
    // Logging out ends the sessions this test uses: do it last.
    routes.sort_by_key(|r| r.path == "/logout");
    for route in routes {
        for method in route.methods {
            for who in EVERYONE {
                n += 1;
                // A fresh summit per request, so that one request's effect (a delete) cannot hide another's.
                let f = fixture(&app, &organiser, &members, n).await;
                let day_b = day_b_fixture(&app, f.summit.id, members[1].0.id).await;
                let path = route
                    .path
                    .replace("{slug}", &f.summit.slug)
                    .replace("{code}", "en")
                    .replace("{file}", "commitment.json")
                    .replace(
                        "{id}",
                        &if route.path.contains("/groups/") {
                            f.group_id
                        } else if route.path.contains("/join/") {
                            f.open_group_id
                        } else if route.path.contains("/attributes/") {
                            f.attribute_id
                        } else if route.path.contains("/proposals/") {
                            day_b.proposal_id
                        } else if route.path.contains("/votes/")
                            || route.path.contains("/results/")
                            || route.path.contains("/ballot/")
                        {
                            day_b.vote_id
                        } else if route.path.contains("/actions/") {
                            day_b.action_group_id
                        } else {
                            f.round_id
                        }
                        .to_string(),
                    );
                let c = &mut clients.iter_mut().find(|(w, _)| *w == who).unwrap().1;
                if who == Who::Badge {
                    c.set_cookie("g1000_day", &f.day_token);
                }
                let res = if *method == "GET" {
                    c.get(&path).await
                } else {
                    c.post(&path, &[]).await
                };
                let status = res.status().as_u16();
                let to_login = status == 303 && location(&res).starts_with("/login?next=");
                // Participant routes send everyone without a day session to the badge-code page.
                let to_day_start =
                    status == 303 && location(&res) == format!("/s/{}/day/start", f.summit.slug);
                let refused = to_login || to_day_start || status == 403 || status == 404;
                let expected_allowed = may(route.access, who);
                let setup_post = route.path == "/setup" && *method == "POST";
                // The selection's proof files exist only once a commitment is published (none here).
                let not_yet = route.path.ends_with("/selection/{file}") && status == 404;
                let ok = if setup_post {
                    status == 403 // closed once an organiser exists, whoever asks
                } else if expected_allowed {
                    (!refused || not_yet) && status < 500
                } else if route.access == g1000_web::auth::Access::Participant {
                    to_day_start
                } else if matches!(who, Who::Anonymous | Who::Badge) {
                    to_login
                        || (route.access == g1000_web::auth::Access::PublicSummit && status == 404)
                } else {
                    status == 403
                };
                checked += 1;
                if !ok {
                    failures.push(format!(
                        "{method} {} as {who:?}: status {status} (expected {})",
                        route.path,
                        if expected_allowed {
                            "allowed"
                        } else {
                            "refused"
                        }
                    ));
                }
            }
        }
    }
    assert!(
        checked > 100,
        "the matrix covers every route for every role ({checked})"
    );
    assert!(
        failures.is_empty(),
        "route-role matrix failures:\n{}",
        failures.join("\n")
    );
}

async fn attributes_with_bands_and_shares(app: TestApp) {
    let (org, mut c) = app.user_client("org@example.org", true).await;
    let summit = app
        .store
        .create_summit(&summit_fields("Kenmerk-top"), &org)
        .await
        .unwrap();
    let path = format!("/manage/{}/attributes", summit.slug);
    // Shares that do not add up: the message names the problem, the text is kept.
    let res = c
        .post(
            &path,
            &[
                ("name", "Leeftijd"),
                ("bands", "16-34; 30\n35-64; 45\n65+; 20"),
            ],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("id=\"e-bands\"") && body.contains("95"),
        "{body}"
    );
    assert!(body.contains("65+; 20"));
    // A bad share names its line.
    let res = c
        .post(
            &path,
            &[("name", "Leeftijd"), ("bands", "16-34; 30\n35-64; veel")],
        )
        .await;
    assert_eq!(res.status(), 422);
    assert!(
        res.text().await.unwrap().contains(" 2"),
        "line number in the message"
    );
    // Good input, with a decimal comma and a percent sign.
    let res = c
        .post(
            &path,
            &[
                ("name", "Leeftijd"),
                ("bands", "16-34; 30\n35-64; 44,5%\n\n65+; 25,5"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let attrs = app.store.attributes(summit.id).await.unwrap();
    assert_eq!(attrs.len(), 1);
    let shares: Vec<_> = attrs[0]
        .fields
        .bands
        .iter()
        .map(|b| (b.label.as_str(), b.share_permille))
        .collect();
    assert_eq!(
        shares,
        [
            ("16-34", Some(300)),
            ("35-64", Some(445)),
            ("65+", Some(255))
        ]
    );
    // The same name again is refused next to the name field.
    let res = c
        .post(&path, &[("name", "Leeftijd"), ("bands", "a\nb")])
        .await;
    assert_eq!(res.status(), 422);
    assert!(res.text().await.unwrap().contains("id=\"e-name\""));
    // Edit: the form shows the bands as typed lines; saving replaces them.
    let edit = c.text(&format!("{path}/{}", attrs[0].id)).await;
    assert!(edit.contains("35-64; 44.5"), "{edit}");
    let res = c
        .post(
            &format!("{path}/{}", attrs[0].id),
            &[("name", "Leeftijdsklasse"), ("bands", "jong\noud")],
        )
        .await;
    assert_eq!(res.status(), 303);
    let attrs = app.store.attributes(summit.id).await.unwrap();
    assert_eq!(attrs[0].fields.name, "Leeftijdsklasse");
    assert_eq!(attrs[0].fields.bands.len(), 2);
    let res = c.post(&format!("{path}/{}/delete", attrs[0].id), &[]).await;
    assert_eq!(res.status(), 303);
    assert!(app.store.attributes(summit.id).await.unwrap().is_empty());
    let actions: Vec<String> = app
        .store
        .audit_events(summit.id)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["attribute.added", "attribute.updated", "attribute.deleted"]
    );
}

// ---- registration ----

struct Recruiting {
    summit: Summit,
    lottery: i64,
    invited: i64,
    open: i64,
    age: i64,
    district: i64,
}

/// A published summit with a lottery group (20 seats), an invited group, an open group with a cap of 1, and two
/// attributes (age with community shares, district without).
async fn recruiting(app: &TestApp, owner: &User, name: &str) -> Recruiting {
    let summit = app
        .store
        .create_summit(&summit_fields(name), owner)
        .await
        .unwrap();
    app.store.set_published(summit.id, true).await.unwrap();
    let group = |name: &str, kind, seats, join_method, open_cap| GroupFields {
        name: name.into(),
        kind,
        seat_target: seats,
        join_method,
        open_cap,
    };
    let s = &app.store;
    let lottery = s
        .add_group(
            summit.id,
            &group(
                "Ingelote burgers",
                GroupKind::Citizens,
                20,
                JoinMethod::Lottery,
                None,
            ),
        )
        .await
        .unwrap();
    let invited = s
        .add_group(
            summit.id,
            &group(
                "Overheid",
                GroupKind::Government,
                4,
                JoinMethod::Invitation,
                None,
            ),
        )
        .await
        .unwrap();
    let open = s
        .add_group(
            summit.id,
            &group(
                "Vrijdenkers",
                GroupKind::FreeThinkers,
                1,
                JoinMethod::Open,
                Some(1),
            ),
        )
        .await
        .unwrap();
    let band = |l: &str, p: Option<i64>| g1000_store::Band {
        label: l.into(),
        share_permille: p,
    };
    let age = s
        .add_attribute(
            summit.id,
            &g1000_store::AttributeFields {
                name: "Leeftijd".into(),
                bands: vec![
                    band("16-39", Some(400)),
                    band("40-64", Some(400)),
                    band("65+", Some(200)),
                ],
            },
        )
        .await
        .unwrap();
    let district = s
        .add_attribute(
            summit.id,
            &g1000_store::AttributeFields {
                name: "Wijk".into(),
                bands: vec![band("Noord", None), band("Zuid", None)],
            },
        )
        .await
        .unwrap();
    Recruiting {
        summit,
        lottery: lottery.id,
        invited: invited.id,
        open: open.id,
        age: age.id,
        district: district.id,
    }
}

/// `n` fresh codes and the codes.txt of their draw.
fn draw_codes(n: usize) -> (Vec<g1000_invite::Code>, String) {
    let codes: Vec<_> = (0..n)
        .map(|_| g1000_invite::Code::generate().unwrap())
        .collect();
    let mut salt = [0u8; 32];
    rand::fill(&mut salt);
    let text = g1000_invite::CodesFile::new(salt, &codes).to_text();
    (codes, text)
}

async fn import(c: &mut Client, slug: &str, group: i64, text: &str) -> reqwest::Response {
    c.post_file(
        &format!("/manage/{slug}/invitations"),
        &[("group", &group.to_string())],
        ("codes", "codes.txt", text.as_bytes()),
    )
    .await
}

/// A complete, valid registration form.
fn form_fields(r: &Recruiting, name: &str) -> Vec<(String, String)> {
    vec![
        ("name".into(), name.into()),
        (
            "email".into(),
            format!("{}@example.org", name.to_lowercase().replace(' ', ".")),
        ),
        ("phone".into(), String::new()),
        (format!("attr-{}", r.age), "40-64".into()),
        (format!("attr-{}", r.district), "Zuid".into()),
        ("attend".into(), "yes".into()),
        ("consent".into(), "1".into()),
    ]
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

async fn codes_txt_import_is_idempotent_and_explains_errors(app: TestApp) {
    let (org, mut c) = app.user_client("org@example.org", true).await;
    let r = recruiting(&app, &org, "Import-top").await;
    let slug = r.summit.slug.clone();
    let (codes, text) = draw_codes(300);
    // A broken file: the message names the line.
    let broken = text.replacen(&text.lines().nth(7).unwrap().to_string(), "not-a-hash", 1);
    let res = import(&mut c, &slug, r.lottery, &broken).await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(
        body.contains("id=\"e-codes\"") && body.contains("regel 8 is geen vingerafdruk"),
        "{body}"
    );
    // No file at all.
    let res = import(&mut c, &slug, r.lottery, "").await;
    assert_eq!(res.status(), 422);
    // A group that does not draw by lottery is refused.
    let res = import(&mut c, &slug, r.invited, &text).await;
    assert_eq!(res.status(), 422);
    assert!(
        app.store
            .code_batches(Some(r.summit.id))
            .await
            .unwrap()
            .is_empty()
    );

    let res = import(&mut c, &slug, r.lottery, &text).await;
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let page = c.text(&location(&res)).await;
    assert!(page.contains("300"), "{page}");
    // The same file again changes nothing.
    let res = import(&mut c, &slug, r.lottery, &text).await;
    assert_eq!(res.status(), 303);
    assert!(
        location(&res).ends_with("added=0&already=300"),
        "{}",
        location(&res)
    );
    let batches = app.store.code_batches(Some(r.summit.id)).await.unwrap();
    assert_eq!((batches.len(), batches[0].codes), (1, 300));
    // Only hashes are stored: the code itself is nowhere in the database.
    let code = codes[0].as_str().to_string();
    assert!(
        app.store
            .find_invitation(std::slice::from_ref(&code))
            .await
            .unwrap()
            .is_none()
    );
    // The audit record has both imports, with counts and the file's fingerprint, never a code or the salt.
    let events = app.store.audit_events(r.summit.id).await.unwrap();
    let imports: Vec<_> = events
        .iter()
        .filter(|e| e.action == "codes.imported")
        .collect();
    assert_eq!(imports.len(), 2);
    assert_eq!(imports[1].detail["added"], 0);
    let json = serde_json::to_string(&events).unwrap();
    assert!(!json.contains(&code) && !json.contains(&codes[0].grouped()));
    assert!(!json.contains(&batches[0].salt));
}

async fn registering_with_a_code_in_dutch_and_english(app: TestApp) {
    let (org, mut oc) = app.user_client("org@example.org", true).await;
    let r = recruiting(&app, &org, "Aanmeld-top").await;
    let slug = r.summit.slug.clone();
    let (codes, text) = draw_codes(5);
    assert_eq!(import(&mut oc, &slug, r.lottery, &text).await.status(), 303);

    for (lang, code) in [("nl", &codes[0]), ("en", &codes[1])] {
        let mut c = app.client();
        let al = [("accept-language", lang)];
        assert_eq!(c.get(&format!("/lang/{lang}?next=/")).await.status(), 303);
        // The letter's link, typed sloppily (lower case, spaces): to the form.
        let sloppy = code.grouped().to_lowercase().replace('-', " ");
        let res = c
            .get_with(&format!("/r/{}", sloppy.replace(' ', "%20")), &al)
            .await;
        assert_eq!(res.status(), 303);
        let form_path = location(&res);
        assert_eq!(form_path, format!("/s/{slug}/register/{}", code.grouped()));
        let form = c.get_with(&form_path, &al).await.text().await.unwrap();
        assert!(form.contains(&format!("<html lang=\"{lang}\">")));
        assert!(form.contains(&format!("name=\"attr-{}\"", r.age)) && form.contains("65+"));
        // Nothing filled in: a message next to each required field, in the page's language.
        let res = c
            .post(&form_path, &[("phone", "06 123"), ("wheelchair", "1")])
            .await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        for field in ["name", "phone", "attend", "consent", "needs_consent"] {
            assert!(
                body.contains(&format!("id=\"e-{field}\"")),
                "{lang}: {field}"
            );
        }
        assert!(body.contains(&format!("id=\"e-attr-{}\"", r.age)));
        assert!(body.contains("value=\"06 123\""), "value kept");
        assert!(
            body.contains("name=\"wheelchair\" value=\"1\" checked"),
            "box kept"
        );
        let expected = if lang == "nl" {
            "Kies of u kunt komen."
        } else {
            "Choose whether you can come."
        };
        assert!(body.contains(expected), "{lang}");
        // Complete: registered, with a pseudonymous number.
        let mut fields = form_fields(&r, &format!("Persoon {lang}"));
        fields.push(("wheelchair".into(), "1".into()));
        fields.push(("diet".into(), "halal".into()));
        fields.push(("needs_consent".into(), "1".into()));
        let res = c.post(&form_path, &pairs(&fields)).await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let done = location(&res);
        assert!(
            done.starts_with(&format!("/s/{slug}/registered?id=")),
            "{done}"
        );
        let public_id = done.split("id=").nth(1).unwrap().to_string();
        let page = c.get_with(&done, &al).await.text().await.unwrap();
        assert!(page.contains(&public_id));
        // The code works once.
        let res = c.get_with(&format!("/r/{}", code.grouped()), &al).await;
        assert_eq!(res.status(), 422);
        let used = if lang == "nl" {
            "is al iemand aangemeld"
        } else {
            "already been used"
        };
        assert!(res.text().await.unwrap().contains(used), "{lang}");
        let res = c.post(&form_path, &pairs(&fields)).await;
        assert_eq!(res.status(), 422);
    }
    let regs = app.store.registrations(r.summit.id).await.unwrap();
    assert_eq!(regs.len(), 2);
    assert!(
        regs.iter()
            .all(|x| x.channel == "letter" && x.group_id == r.lottery)
    );
    assert_eq!(
        regs.iter().map(|x| x.language.as_str()).collect::<Vec<_>>(),
        ["nl", "en"]
    );
    // Each person gets a "registration received" message in their own language.
    for reg in &regs {
        let msgs = app
            .store
            .messages_to(r.summit.id, &reg.public_id)
            .await
            .unwrap();
        assert_eq!(msgs.len(), 1, "{}", reg.public_id);
        assert_eq!(msgs[0].kind, "registration_received");
        assert_eq!(msgs[0].language, reg.language);
        assert_eq!(msgs[0].channel, "email");
    }
    assert_eq!(
        app.store.registration_bands(regs[0].id).await.unwrap(),
        vec![
            (r.age, "40-64".to_string()),
            (r.district, "Zuid".to_string())
        ]
    );
    // A wrong code says only that it is not valid; a typo is caught by the check character.
    let mut c = app.client();
    let unknown = g1000_invite::Code::generate().unwrap();
    let res = c
        .post(
            &format!("/s/{slug}/register"),
            &[("code", &unknown.grouped())],
        )
        .await;
    assert_eq!(res.status(), 422);
    let body = res.text().await.unwrap();
    assert!(body.contains("Deze code is niet geldig"), "{body}");
    assert!(
        body.contains(&format!("value=\"{}\"", unknown.grouped())),
        "code kept"
    );
    let mut typo = codes[2].grouped().into_bytes();
    typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
    let res = c
        .post(
            &format!("/s/{slug}/register"),
            &[("code", std::str::from_utf8(&typo).unwrap())],
        )
        .await;
    assert!(res.text().await.unwrap().contains("typefout"));
    // Another summit's page does not accept this summit's codes.
    let other = recruiting(&app, &org, "Ander-top").await;
    let res = c
        .post(
            &format!("/s/{}/register", other.summit.slug),
            &[("code", &codes[2].grouped())],
        )
        .await;
    assert_eq!(res.status(), 422);
    // No personal data in the audit record.
    let json = serde_json::to_string(&app.store.audit_events(r.summit.id).await.unwrap()).unwrap();
    assert!(
        !json.contains("Persoon") && !json.contains("example.org"),
        "{json}"
    );
}

/// A second server on the same database whose code guard runs on a manual clock.
async fn app_with_clock(
    app: &TestApp,
) -> (String, std::sync::Arc<g1000_web::limiter::ManualClock>) {
    let clock = std::sync::Arc::new(g1000_web::limiter::ManualClock::default());
    let mut state = g1000_web::AppState::new(app.store.clone(), g1000_web::Config::default());
    state.code_guard = std::sync::Arc::new(g1000_web::limiter::CodeGuard::new(clock.clone()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        g1000_web::serve(listener, state, std::future::pending())
            .await
            .unwrap();
    });
    (format!("http://{addr}"), clock)
}

async fn ten_thousand_wrong_codes_are_refused_and_slowed_down(app: TestApp) {
    let (org, mut oc) = app.user_client("org@example.org", true).await;
    let r = recruiting(&app, &org, "Raad-top").await;
    let (codes, text) = draw_codes(50);
    assert_eq!(
        import(&mut oc, &r.summit.slug, r.lottery, &text)
            .await
            .status(),
        303
    );
    let (base, clock) = app_with_clock(&app).await;
    let mut c = app.client();
    c.base = base;
    let token = c.csrf().await;
    let path = format!("{}/s/{}/register", c.base, r.summit.slug);
    let started = std::time::Instant::now();
    let mut statuses = std::collections::BTreeMap::<u16, usize>::new();
    let mut refusals_without_retry_after = 0;
    let mut retry_after_max = 0u64;
    let send = |from: String, code: String| {
        let (http, path, token) = (c.http.clone(), path.clone(), token.clone());
        async move {
            http.post(&path)
                .header("x-forwarded-for", from)
                .form(&[("_csrf", token.as_str()), ("code", code.as_str())])
                .send()
                .await
                .unwrap()
        }
    };
    // One guesser, 5,000 wrong codes in a row from one address, and 5,000 more spread over 2,500 addresses.
    for i in 0..10_000u32 {
        let from = if i < 5_000 {
            "203.0.113.7".to_string()
        } else {
            format!("198.51.{}.{}", (i / 2) / 250, (i / 2) % 250)
        };
        let wrong = g1000_invite::Code::generate().unwrap().grouped();
        let res = send(from, wrong).await;
        let status = res.status().as_u16();
        *statuses.entry(status).or_default() += 1;
        if status == 429 {
            match res
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
            {
                Some(s) if s >= 1 => retry_after_max = retry_after_max.max(s),
                _ => refusals_without_retry_after += 1,
            }
        }
        if i == 4_999 {
            // The single address got its five free tries and was then refused, unchecked.
            assert_eq!(
                statuses.get(&422),
                Some(&(g1000_web::limiter::CodeGuard::FREE as usize))
            );
        }
    }
    // No wrong code ever got through; the single guesser was refused with Retry-After; the spread-out guessing
    // was held back by the global budget (simulated time on the manual clock).
    assert_eq!(
        statuses.keys().copied().collect::<Vec<_>>(),
        vec![422, 429],
        "{statuses:?}"
    );
    assert_eq!(
        statuses[&429],
        5_000 - g1000_web::limiter::CodeGuard::FREE as usize
    );
    assert_eq!(refusals_without_retry_after, 0);
    assert!(retry_after_max >= 2);
    let slept = clock.slept();
    assert!(
        slept >= std::time::Duration::from_secs(30 * 60),
        "held back only {slept:?}"
    );
    // Meanwhile someone else's right code works at once: checked, accepted, not held back.
    let before = clock.slept();
    let res = send("192.0.2.44".into(), codes[3].grouped()).await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        location(&res),
        format!("/s/{}/register/{}", r.summit.slug, codes[3].grouped())
    );
    assert_eq!(clock.slept(), before, "a right code is never held back");
    // A patient guesser who waits as told gets one try per wait, and each wait is twice as long, up to 15 minutes.
    clock.advance(std::time::Duration::from_secs(120));
    let mut waits = vec![];
    for _ in 0..10 {
        let wrong = g1000_invite::Code::generate().unwrap().grouped();
        assert_eq!(
            send("203.0.113.7".into(), wrong.clone()).await.status(),
            422
        );
        let res = send("203.0.113.7".into(), wrong).await;
        assert_eq!(res.status(), 429);
        let wait: u64 = res.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(
            res.text()
                .await
                .unwrap()
                .contains("te veel verkeerde codes")
        );
        waits.push(wait);
        clock.advance(std::time::Duration::from_secs(wait));
    }
    assert_eq!(waits, [4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);
    eprintln!(
        "10,000 wrong codes in {:?} real time; held back {:?} in simulated time",
        started.elapsed(),
        slept
    );
}

async fn personal_links_and_open_registration_with_waiting_list(app: TestApp) {
    let (org, mut oc) = app.user_client("org@example.org", true).await;
    let r = recruiting(&app, &org, "Link-top").await;
    let slug = r.summit.slug.clone();
    // Links for the invited group: shown once, each a /r/ link.
    let res = oc
        .post(
            &format!("/manage/{slug}/invitations/links"),
            &[("group", &r.invited.to_string()), ("count", "3")],
        )
        .await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.unwrap();
    let links: Vec<String> = body
        .match_indices("/r/")
        .map(|(i, _)| body[i..i + 3 + 17].to_string())
        .collect();
    assert_eq!(links.len(), 3, "{body}");
    // Links only for invited groups; a sane count.
    let res = oc
        .post(
            &format!("/manage/{slug}/invitations/links"),
            &[("group", &r.lottery.to_string()), ("count", "0")],
        )
        .await;
    assert_eq!(res.status(), 422);
    let mut c = app.client();
    let res = c.get(&links[0]).await;
    assert_eq!(res.status(), 303);
    let res = c
        .post(&location(&res), &pairs(&form_fields(&r, "Wethouder")))
        .await;
    assert_eq!(res.status(), 303);
    let regs = app.store.registrations(r.summit.id).await.unwrap();
    assert_eq!(
        (regs[0].group_id, regs[0].channel.as_str()),
        (r.invited, "link")
    );
    assert_eq!(regs[0].status, "selected", "a personal link is a seat");
    confirm_through_seat_message(&app, &mut c, r.summit.id, &regs[0].public_id).await;
    assert_eq!(c.get(&links[0]).await.status(), 422, "a link works once");
    let events = app.store.audit_events(r.summit.id).await.unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "links.created" && e.detail["count"] == 3)
    );

    // The open form: one place, then the waiting list.
    let join = format!("/s/{slug}/join/{}", r.open);
    let page = c.text(&join).await;
    assert!(!page.contains("class=\"notice important\""), "not full yet");
    let res = c.post(&join, &pairs(&form_fields(&r, "Eerste"))).await;
    assert_eq!(res.status(), 303);
    let page = c.text(&join).await;
    assert!(page.contains("wachtlijst"), "full now: {page}");
    let res = c.post(&join, &pairs(&form_fields(&r, "Tweede"))).await;
    assert_eq!(res.status(), 303);
    let done = c.text(&location(&res)).await;
    assert!(done.contains("wachtlijst"), "{done}");
    let open_regs: Vec<_> = app
        .store
        .registrations(r.summit.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|x| x.group_id == r.open)
        .collect();
    let statuses: Vec<&str> = open_regs.iter().map(|x| x.status.as_str()).collect();
    assert_eq!(statuses, ["selected", "waiting"]);
    confirm_through_seat_message(&app, &mut c, r.summit.id, &open_regs[0].public_id).await;
    // Past the cap: a "registration received" message, no seat to confirm.
    let msgs = app
        .store
        .messages_to(r.summit.id, &open_regs[1].public_id)
        .await
        .unwrap();
    assert_eq!(
        msgs.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(),
        ["registration_received"]
    );
    // The free thinker with the seat declines after all: the first on the waiting list moves up and is asked to
    // confirm, in words of the waiting list (not a reserve list, not a draw).
    let first = app
        .store
        .messages_to(r.summit.id, &open_regs[0].public_id)
        .await
        .unwrap();
    let path = personal_path(&first[0].body);
    let res = c.post(&path, &[("answer", "decline")]).await;
    assert_eq!(location(&res), format!("{path}?answered=declined"));
    let moved = app
        .store
        .registration_by_public_id(r.summit.id, &open_regs[1].public_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(moved.status, "selected", "the waiting list moved up");
    let msgs = app
        .store
        .messages_to(r.summit.id, &open_regs[1].public_id)
        .await
        .unwrap();
    assert_eq!(
        msgs.iter().map(|m| m.kind.as_str()).collect::<Vec<_>>(),
        ["registration_received", "replacement"]
    );
    assert!(msgs[1].body.contains("wachtlijst"), "{}", msgs[1].body);
    assert!(!msgs[1].body.contains("reservelijst"), "{}", msgs[1].body);
    let reps = app.store.replacements(r.summit.id).await.unwrap();
    assert_eq!(reps.len(), 1);
    assert_eq!(reps[0].replacement_id, Some(moved.id));
    // The one who moved up confirms through the new message's link.
    let path = personal_path(&msgs[1].body);
    let res = c.post(&path, &[("answer", "confirm")]).await;
    assert_eq!(location(&res), format!("{path}?answered=confirmed"));
    // Groups without open registration have no open form.
    assert_eq!(
        c.get(&format!("/s/{slug}/join/{}", r.lottery))
            .await
            .status(),
        404
    );
    // The public page points each group to its way in.
    let public = c.text(&format!("/s/{slug}")).await;
    assert!(
        public.contains(&format!("href=\"/s/{slug}/register\""))
            && public.contains(&format!("href=\"{join}\""))
    );
}

/// The one message of a person who got a seat without a lottery asks them to confirm (without calling it a
/// draw), and its personal /c/ link confirms them.
async fn confirm_through_seat_message(
    app: &TestApp,
    c: &mut Client,
    summit_id: i64,
    public_id: &str,
) {
    let msgs = app.store.messages_to(summit_id, public_id).await.unwrap();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert_eq!(msgs[0].kind, "selected");
    assert!(msgs[0].subject.contains("Uw plaats"), "{}", msgs[0].subject);
    assert!(!msgs[0].body.contains("geloot"), "{}", msgs[0].body);
    let path = personal_path(&msgs[0].body);
    let res = c.post(&path, &[("answer", "confirm")]).await;
    assert_eq!(location(&res), format!("{path}?answered=confirmed"));
    let reg = app
        .store
        .registration_by_public_id(summit_id, public_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(reg.status, "confirmed");
}

/// The path of the personal /c/ link in a message's body.
fn personal_path(body: &str) -> String {
    let link = body
        .split_whitespace()
        .find(|w| w.contains("/c/"))
        .unwrap_or_else(|| panic!("no personal link in {body}"));
    link[link.find("/c/").unwrap()..].to_string()
}

async fn registration_overview_counts_live(app: TestApp) {
    let (org, mut oc) = app.user_client("org@example.org", true).await;
    let r = recruiting(&app, &org, "Overzicht-top").await;
    let slug = r.summit.slug.clone();
    let (codes, text) = draw_codes(10);
    assert_eq!(import(&mut oc, &slug, r.lottery, &text).await.status(), 303);
    let events = oc.get(&format!("/s/{slug}/events")).await;
    let mut stream = SseReader::new(events);
    assert_eq!(stream.next_event().await.0, "ready");
    let mut c = app.client();
    for (i, code) in codes.iter().take(3).enumerate() {
        let mut fields = form_fields(&r, &format!("Deelnemer {i}"));
        if i == 2 {
            fields.retain(|(k, _)| k != "attend");
            fields.push(("attend".into(), "no".into()));
        }
        let res = c
            .post(
                &format!("/s/{slug}/register/{}", code.grouped()),
                &pairs(&fields),
            )
            .await;
        assert_eq!(res.status(), 303);
    }
    // The overview's live region hears about it.
    let mut heard = false;
    for _ in 0..5 {
        let (event, data) = stream.next_event().await;
        assert_eq!(event, "change");
        if data == "registrations" {
            heard = true;
            break;
        }
    }
    assert!(heard);
    let page = oc.text(&format!("/manage/{slug}/registrations")).await;
    assert!(page.contains("data-live=\"/s/"), "live region");
    // Per group: 2 in the pool of 20 seats (10 %), 1 cannot come, 3 of 10 codes used.
    let row = page
        .split("<th scope=\"row\">Ingelote burgers</th>")
        .nth(1)
        .unwrap();
    let row = row.split("</tr>").next().unwrap();
    assert!(
        row.contains(">2<") && row.contains("10 %") && row.contains("3 / 10"),
        "{row}"
    );
    // Per band: age 40-64 has a target of 8 (40 % of 20 seats) and 2 registered.
    let band = page.split("<th scope=\"row\">40-64</th>").nth(1).unwrap();
    let band = band.split("</tr>").next().unwrap();
    assert!(band.contains(">8<") && band.contains(">2<"), "{band}");
    // No names on the overview.
    assert!(!page.contains("Deelnemer"));
}

/// Stage 1 runs offline on the register; only code hashes reach the platform. After two drawn people
/// register, the database holds their names (they typed them) and nothing else of the register: no other
/// name, and no address at all.
async fn the_register_never_enters_the_database(app: TestApp) {
    let (org, mut oc) = app.user_client("org@example.org", true).await;
    let r = recruiting(&app, &org, "Register-top").await;
    let slug = r.summit.slug.clone();
    let dir = std::env::temp_dir().join(format!(
        "g1000-register-{}-{}-{}",
        std::process::id(),
        app.store.backend(),
        r.summit.id
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let register = dir.join("register.csv");
    let person = |i: usize| {
        (
            format!("Registernaam{i:03} Voorbeeld"),
            format!("Registerstraat {i}"),
            format!("{}QX", 3000 + i),
        )
    };
    let mut csv = String::from("naam,adres,postcode\n");
    for i in 0..60 {
        let (n, a, pc) = person(i);
        csv.push_str(&format!("{n},{a},{pc}\n"));
    }
    std::fs::write(&register, csv).unwrap();
    let out = dir.join("out");
    let summary = g1000_invite::run_draw(&g1000_invite::DrawOptions {
        register: register.clone(),
        params: g1000_invite::draw::DrawParams {
            seed: "2027".into(),
            count: 12,
            stratify_by: None,
            one_per_household: vec![],
        },
        out_dir: out.clone(),
        base_url: app.base(),
        letter: g1000_invite::letter::LetterInfo {
            summit_name: "Register-top".into(),
            municipality: "Teststad".into(),
            organiser: "Burgerteam".into(),
            contact: "team@example.org".into(),
            summit_date: None,
        },
        no_letters: true,
    })
    .unwrap();
    let codes = std::fs::read_to_string(&summary.codes_txt).unwrap();
    assert_eq!(
        import(&mut oc, &slug, r.lottery, &codes).await.status(),
        303
    );

    // The print shop's mail merge: register columns plus code and url.
    let merge = std::fs::read_to_string(&summary.mail_merge).unwrap();
    let mut lines = merge.lines();
    assert_eq!(lines.next().unwrap(), "naam,adres,postcode,code,url");
    let drawn: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(drawn.len(), 12);
    // The first two drawn people register through their letter's link.
    for row in &drawn[..2] {
        let mut c = app.client();
        let path = row[4].trim_start_matches(&app.base()).to_string();
        let res = c.get(&path).await;
        assert_eq!(res.status(), 303, "{path}");
        let form_path = location(&res);
        let fields = form_fields(&r, &row[0]);
        let res = c.post(&form_path, &pairs(&fields)).await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    }

    let dump = app.store.dump_text().await.unwrap();
    assert!(
        dump.contains(&drawn[0][0]) && dump.contains(&drawn[1][0]),
        "the registrants' own names"
    );
    for i in 0..60 {
        let (n, a, pc) = person(i);
        let registered = drawn[..2].iter().any(|row| row[0] == n);
        assert_eq!(dump.contains(&n), registered, "{n}");
        assert!(!dump.contains(&a), "{a} is in the database");
        assert!(!dump.contains(&pc), "{pc} is in the database");
    }
    // No code is stored in the clear either.
    for row in &drawn {
        let plain: String = row[3].chars().filter(|c| *c != '-').collect();
        assert!(
            !dump.contains(&row[3]) && !dump.contains(&plain),
            "code {}",
            row[3]
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
