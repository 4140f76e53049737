//! The stage 2 selection's public proof, end to end with the real binaries: a selection is made with the same
//! functions the web app's handlers call, `g1000 serve` publishes it, the files are downloaded from the public
//! summit page's links, and `g1000 sortition verify` must pass on exactly those files (and fail on a changed pool).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use g1000_store::{
    AttributeFields, Band, BatchKind, GroupFields, GroupKind, JoinMethod, NewRegistration, Quota,
    Store, SummitFields, Via,
};
use g1000_web::selection as engine;
use g1000_web::selection_steps as steps;

struct Server(Child, String);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(db: &str) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_g1000"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database", db])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut server = Server(child, String::new());
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).unwrap() > 0, "server exited");
        if let Some(url) = line.trim().strip_prefix("g1000 is serving at ") {
            server.1 = url.trim_end_matches('/').to_string();
            return server;
        }
        assert!(Instant::now() < deadline, "no URL printed");
    }
}

fn http_get(url: &str, path: &str) -> (u16, String) {
    let addr = url.trim_start_matches("http://");
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = vec![];
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let status = text.split_whitespace().nth(1).unwrap().parse().unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(
        !head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked"),
        "plain body expected"
    );
    (status, body.to_string())
}

/// A summit with a drawn selection (ticket 250), made through the store and the web app's selection functions.
async fn drawn_selection(db: &str) -> String {
    let store = Store::open(db).await.unwrap();
    let owner = store
        .create_user("org@example.org", "Org", None, true)
        .await
        .unwrap();
    let summit = store
        .create_summit(
            &SummitFields {
                name: "Verificatie".into(),
                community: "Lindenhoven".into(),
                date: "2027-03-14".into(),
                start_time: "09:30".into(),
                venue: "Sporthal".into(),
                capacity: 100,
                languages: vec!["nl".into()],
                description: String::new(),
            },
            &owner,
        )
        .await
        .unwrap();
    store.set_published(summit.id, true).await.unwrap();
    let group = store
        .add_group(
            summit.id,
            &GroupFields {
                name: "Burgers".into(),
                kind: GroupKind::Citizens,
                seat_target: 5,
                join_method: JoinMethod::Lottery,
                open_cap: None,
            },
        )
        .await
        .unwrap();
    let band = |l: &str, p| Band {
        label: l.into(),
        share_permille: Some(p),
    };
    let age = store
        .add_attribute(
            summit.id,
            &AttributeFields {
                name: "Leeftijd, band".into(),
                bands: vec![band("jong", 400), band("oud", 600)],
            },
        )
        .await
        .unwrap();
    let hashes: Vec<String> = (0..15).map(|i| format!("{:064x}", 7000 + i)).collect();
    store
        .import_codes(
            summit.id,
            group.id,
            BatchKind::Letters,
            &"ab".repeat(32),
            "f",
            &hashes,
        )
        .await
        .unwrap();
    for (i, h) in hashes.iter().enumerate() {
        let r = NewRegistration {
            group_id: group.id,
            public_id: format!("reg-{i}"),
            language: "nl".into(),
            can_attend: true,
            name: format!("Persoon {i}"),
            email: None,
            phone: Some("0612345678".into()),
            bands: vec![(age.id, if i % 2 == 0 { "jong" } else { "oud" }.into())],
            needs: Default::default(),
            privacy_version: "1".into(),
        };
        let via = Via::Code {
            code_hash: h.clone(),
        };
        store.register(summit.id, &via, &r).await.unwrap();
    }
    let attributes = store.attributes(summit.id).await.unwrap();
    let eligible = store
        .eligible_registrations(summit.id, group.id)
        .await
        .unwrap();
    let quotas: Vec<Quota> = engine::suggest(&attributes, &eligible, 5)
        .into_iter()
        .map(|s| Quota {
            attribute_id: s.attribute_id,
            band: s.band,
            min_seats: s.min_seats,
            max_seats: s.max_seats,
        })
        .collect();
    store
        .save_selection_quotas(summit.id, group.id, 5, &quotas)
        .await
        .unwrap();
    let features = engine::features_csv(&attributes, &quotas);
    let (people, pool) = engine::people_csv(&attributes, &eligible);
    let started = steps::start_run(
        &store, summit.id, group.id, 5, &features, &people, &pool, false, 0, "test",
    )
    .await
    .unwrap();
    let files = engine::run(&features, &people, 5, 42, &mut |_, _| {}).unwrap();
    let run_id = started.run_started_at.unwrap();
    assert!(
        steps::finish_run(&store, summit.id, run_id, Ok(&files))
            .await
            .unwrap()
    );
    steps::commit(&store, summit.id, "test").await.unwrap();
    steps::draw_ticket(&store, &summit, 250, "test", "http://localhost")
        .await
        .unwrap();
    store.close().await;
    summit.slug
}

fn verify(dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_g1000"))
        .current_dir(dir)
        .args([
            "sortition",
            "verify",
            "--features",
            "features.csv",
            "--people",
            "people.csv",
            "--distribution",
            "distribution.json",
            "--lottery",
            "lottery.json",
        ])
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn sortition_verify_passes_on_what_the_public_page_publishes() {
    let dir = std::env::temp_dir().join(format!("g1000-selection-verify-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("g.db").display().to_string();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let slug = rt.block_on(drawn_selection(&db));
    let server = serve(&db);

    // Download exactly what the public page links to.
    let (status, page) = http_get(&server.1, &format!("/s/{slug}"));
    assert_eq!(status, 200);
    let prefix = format!("href=\"/s/{slug}/selection/");
    let files: Vec<String> = page
        .match_indices(&prefix)
        .map(|(i, _)| {
            page[i + prefix.len()..]
                .split('"')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    for f in [
        "people.csv",
        "features.csv",
        "distribution.json",
        "lottery.json",
        "draw.json",
        "commitment.json",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} linked: {files:?}");
    }
    let out = dir.join("published");
    std::fs::create_dir_all(&out).unwrap();
    for f in &files {
        let (status, body) = http_get(&server.1, &format!("/s/{slug}/selection/{f}"));
        assert_eq!(status, 200, "{f}");
        std::fs::write(out.join(f), body).unwrap();
    }
    let people = std::fs::read_to_string(out.join("people.csv")).unwrap();
    assert!(
        !people.contains("Persoon") && !people.contains("reg-"),
        "{people}"
    );
    assert!(people.starts_with("id,\"Leeftijd, band\"\n"), "{people}");

    let o = verify(&out);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(o.status.success(), "{text}");
    assert!(text.starts_with("OK: distribution.json verified"), "{text}");

    // A pool changed after the commitment is caught.
    std::fs::write(
        out.join("people.csv"),
        people.replacen("jong", "oud", 1).into_bytes(),
    )
    .unwrap();
    let o = verify(&out);
    assert!(!o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("people.csv: SHA-256 differs"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
