//! The load generator itself, small and quick: 20 phones in a 5-second window against the real app (in this
//! process), every check on the database must hold; and the binary end to end against `G1000_BIN` when given.

use std::time::Duration;

use g1000_loadgen::drive::{self, Load};
use g1000_loadgen::report;
use g1000_loadgen::setup::{self, HallSize};
use g1000_store::Store;

fn fresh_dir(name: &str) -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let d = std::env::temp_dir().join(format!(
        "g1000-loadgen-{name}-{}-{nanos}",
        std::process::id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_phones_in_five_seconds_lose_and_double_nothing() {
    let dir = fresh_dir("small");
    let db = dir.join("t.db").display().to_string();
    let store = Store::open(&db).await.unwrap();
    let hall = setup::seed(
        &store,
        HallSize {
            phones: 20,
            tables: 4,
            proposals: 6,
            max_choices: 3,
        },
    )
    .await
    .unwrap();
    assert_eq!(hall.people.len(), 20);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let state = g1000_web::AppState::new(store.clone(), g1000_web::Config::default());
    tokio::spawn(async move {
        g1000_web::serve(listener, state, std::future::pending())
            .await
            .unwrap();
    });
    // Many retries and changes, so both paths are walked even with 20 phones.
    let load = Load {
        window: Duration::from_secs(5),
        arrival_share: 0.6,
        retry_share: 0.3,
        change_share: 0.4,
        signin_concurrency: 4,
        seed: 42,
    };
    let ready = drive::prepare(&base, &hall, &load).await.unwrap();
    assert_eq!((ready.signed_in, ready.sse_opened), (20, 20));
    let stats = drive::stats(&ready);
    let outcome = drive::window(&hall, &load, ready).await.unwrap();
    let rows = stats.rows();
    // Debug build on a shared machine: the latency target is the benchmark's business, not this test's.
    let checks = report::verify(&store, &hall, &outcome, &rows, Duration::from_secs(3600))
        .await
        .unwrap();
    let text = report::markdown(&rows, &outcome, &checks, &[]);
    println!("{text}");
    for c in &checks {
        assert!(
            c.ok,
            "{}: expected {}, found {}\n{text}",
            c.name, c.expected, c.found
        );
    }
    assert_eq!(outcome.ballots.len(), 20, "every phone voted");
    assert!(
        (20..=60).contains(&outcome.keywords.len()),
        "1-3 keywords each"
    );
    assert_eq!(outcome.sse_held, 20);
    assert!(
        outcome.events_min >= 1,
        "every live connection saw the keywords arrive"
    );
    let count = |label: &str| {
        rows.iter()
            .find(|r| r.label.contains(label))
            .map_or(0, |r| r.count)
    };
    assert!(
        count("(retry, same id)") > 0,
        "some posts were retried\n{text}"
    );
    assert!(count("(change)") > 0, "some ballots were changed\n{text}");
    // The checks can fail: a keyword the server never stored is found missing.
    let mut wrong = outcome;
    wrong
        .keywords
        .push((hall.people[0].registration_id, "nooit verstuurd".into()));
    wrong.ballots.pop();
    let checks = report::verify(&store, &hall, &wrong, &rows, Duration::from_secs(3600))
        .await
        .unwrap();
    let failed: Vec<&str> = checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.name.as_str())
        .collect();
    assert!(
        failed.iter().any(|n| n.starts_with("keywords")),
        "{failed:?}"
    );
    assert!(
        failed.iter().any(|n| n.starts_with("ballots")),
        "{failed:?}"
    );
    assert!(
        failed.iter().any(|n| n.starts_with("receipts")),
        "{failed:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The binary end to end (its own server process), when `G1000_BIN` names a g1000 build.
#[test]
fn the_binary_runs_against_g1000_bin() {
    let Ok(bin) = std::env::var("G1000_BIN") else {
        eprintln!("G1000_BIN not set: the end-to-end run of the binary is skipped");
        return;
    };
    let dir = fresh_dir("bin");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_g1000-loadgen"))
        .args([
            "--bin",
            &bin,
            "--phones",
            "12",
            "--tables",
            "3",
            "--proposals",
            "4",
        ])
        .args(["--window-s", "3", "--p99-ms", "100000", "--dir"])
        .arg(&dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("| **all requests of the window** |"),
        "{stdout}"
    );
    assert!(!stdout.contains("FAILED"), "{stdout}");
    let _ = std::fs::remove_dir_all(&dir);
}
