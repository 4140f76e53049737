//! Several `g1000 serve` processes on one PostgreSQL database: a change made through one instance reaches a
//! live page served by another (the event bus goes through LISTEN/NOTIFY).

mod common;

use common::{Backend, SseReader, TestApp, fresh_database, location};
use g1000_web::Config;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_through_one_instance_reaches_live_page_on_another() {
    let Some(db) = fresh_database(Backend::Postgres).await else {
        return;
    };
    let a = TestApp::spawn_on(Backend::Postgres, &db, Config::default()).await;
    let b = TestApp::spawn_on(Backend::Postgres, &db, Config::default()).await;
    assert_ne!(a.addr, b.addr);

    // An organiser works through instance A.
    let (_, mut org) = a.user_client("org@example.org", true).await;
    let res = org
        .post(
            "/summits/new",
            &[
                ("name", "Gedeelde top"),
                ("community", "Gemeente Twee"),
                ("date", "2027-09-04"),
                ("start_time", "09:30"),
                ("venue", "Zaal"),
                ("capacity", "1000"),
                ("languages", "nl"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
    let slug = location(&res).trim_start_matches("/manage/").to_string();
    let res = org
        .post(&format!("/manage/{slug}/publish"), &[("published", "true")])
        .await;
    assert_eq!(res.status(), 303);

    // The public watches the live page on instance B.
    let public = b.client();
    assert!(
        public
            .text(&format!("/s/{slug}"))
            .await
            .contains("Gedeelde top")
    );
    let res = public.get(&format!("/s/{slug}/events")).await;
    assert_eq!(res.status(), 200);
    let mut live = SseReader::new(res);
    assert_eq!(live.next_event().await.0, "ready");

    // The organiser renames the summit on A ...
    let res = org
        .post(
            &format!("/manage/{slug}/edit"),
            &[
                ("name", "Gedeelde top, hernoemd"),
                ("community", "Gemeente Twee"),
                ("date", "2027-09-04"),
                ("start_time", "09:30"),
                ("venue", "Zaal"),
                ("capacity", "1000"),
                ("languages", "nl"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);

    // ... and B's live stream says so; the page B serves then shows the new name.
    loop {
        let (event, data) = live.next_event().await;
        assert_eq!(event, "change");
        if data == "summit" {
            break;
        }
    }
    let page = public.text(&format!("/s/{slug}")).await;
    assert!(page.contains("Gedeelde top, hernoemd"), "{page}");
}
