//! The `g1000` command as a user meets it: help, clear one-line errors, serve and demo printing their URL.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn g1000() -> Command {
    Command::new(env!("CARGO_BIN_EXE_g1000"))
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("g1000-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Run to completion; return (exit ok, stdout, stderr).
fn run(cmd: &mut Command) -> (bool, String, String) {
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_one_clear_error(stderr: &str, needle: &str) {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line expected, got:\n{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(needle), "{stderr}");
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{stderr}"
    );
}

#[test]
fn help_lists_every_subcommand_with_a_purpose() {
    let (ok, out, _) = run(g1000().arg("--help"));
    assert!(ok);
    for sub in ["serve", "demo", "admin", "migrate", "sortition", "audit"] {
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with(sub))
            .unwrap_or_else(|| panic!("{sub} missing from:\n{out}"));
        assert!(
            line.trim_start()[sub.len()..].trim().len() > 10,
            "{sub} has no purpose: {line}"
        );
    }
    let (ok, out, _) = run(g1000().args(["serve", "--help"]));
    assert!(ok);
    assert!(
        out.contains("--listen") && out.contains("127.0.0.1:8080") && out.contains("--database")
    );
}

#[test]
fn bad_database_url_is_one_clear_line() {
    let (ok, _, err) = run(g1000().args([
        "serve",
        "--database",
        "mysql://localhost/x",
        "--listen",
        "127.0.0.1:0",
    ]));
    assert!(!ok);
    assert_one_clear_error(&err, "unknown scheme 'mysql'");
    let (ok, _, err) = run(g1000().args([
        "serve",
        "--database",
        "postgres://u:secret@localhost:notaport/db",
    ]));
    assert!(!ok);
    assert_one_clear_error(&err, "bad database URL");
    assert!(!err.contains("secret"), "password leaked: {err}");
    let (ok, _, err) = run(g1000().args([
        "serve",
        "--database",
        "/no/such/folder/g.db",
        "--listen",
        "127.0.0.1:0",
    ]));
    assert!(!ok);
    assert_one_clear_error(&err, "does not exist");
    // An unreachable PostgreSQL (nothing listens on port 1).
    let (ok, _, err) = run(g1000().args([
        "serve",
        "--database",
        "postgres://u@127.0.0.1:1/db",
        "--listen",
        "127.0.0.1:0",
    ]));
    assert!(!ok);
    assert_one_clear_error(&err, "cannot open database");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = temp_dir("notsqlite");
    let file = dir.join("budget.xlsx");
    std::fs::write(&file, b"PK\x03\x04 not a database").unwrap();
    let (ok, _, err) = run(g1000()
        .args(["serve", "--listen", "127.0.0.1:0", "--database"])
        .arg(&file));
    assert!(!ok);
    assert_one_clear_error(&err, "is not an SQLite database");
    assert_eq!(std::fs::read(&file).unwrap(), b"PK\x03\x04 not a database");
}

#[test]
fn bad_listen_address_is_one_clear_line() {
    let (ok, _, err) = run(g1000().args(["serve", "--listen", "localhost"]));
    assert!(!ok);
    assert_one_clear_error(&err, "is not ADDRESS:PORT");
}

struct Server {
    child: Child,
    url: String,
    stdout: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start a long-running command and wait for the line "g1000 is serving at URL".
fn start(cmd: &mut Command) -> Server {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    // Owned by the Server at once, whose Drop kills and reaps it on every path.
    let mut server = Server {
        child,
        url: String::new(),
        stdout: vec![],
    };
    let mut reader = BufReader::new(server.child.stdout.take().unwrap());
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut lines = vec![];
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            let mut err = String::new();
            use std::io::Read;
            server
                .child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("exited before serving; stdout {lines:?}; stderr {err}");
        }
        if let Some(url) = line.trim().strip_prefix("g1000 is serving at ") {
            server.url = url.to_string();
            server.stdout = lines;
            return server;
        }
        lines.push(line.trim_end().to_string());
        assert!(Instant::now() < deadline, "no URL printed: {lines:?}");
    }
}

/// A minimal HTTP GET over a plain socket (the URL is printed, so it must answer at once).
fn http_get(url: &str, path: &str) -> (u16, String) {
    let addr = url.trim_start_matches("http://").trim_end_matches('/');
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = String::new();
    use std::io::Read;
    s.read_to_string(&mut buf).unwrap();
    let status = buf.split_whitespace().nth(1).unwrap().parse().unwrap();
    let body = buf
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_prints_its_url_and_answers_healthz_and_a_taken_port_is_one_clear_line() {
    let dir = temp_dir("serve");
    let db = dir.join("g.db");
    let server = start(
        g1000()
            .args(["serve", "--listen", "127.0.0.1:0", "--database"])
            .arg(&db),
    );
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    let (status, body) = http_get(&server.url, "/healthz");
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    assert!(db.exists(), "the SQLite file was created");
    // The same port again.
    let addr = server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let (ok, _, err) = run(g1000()
        .args(["serve", "--listen", &addr, "--database"])
        .arg(dir.join("h.db")));
    assert!(!ok);
    assert_one_clear_error(&err, "another program uses this port");
}

#[test]
fn admin_create_then_login_page_has_no_first_run() {
    let dir = temp_dir("admin");
    let db = dir.join("g.db");
    let mut child = g1000()
        .args([
            "admin",
            "create",
            "--email",
            "els@example.org",
            "--name",
            "Els",
            "--database",
        ])
        .arg(&db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"een lang wachtwoord\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("created organiser Els <els@example.org>")
    );
    let server = start(
        g1000()
            .args(["serve", "--listen", "127.0.0.1:0", "--database"])
            .arg(&db),
    );
    let (status, _) = http_get(&server.url, "/setup");
    assert_eq!(status, 303, "set-up is closed once an organiser exists");
    // A short password is refused with one line.
    let mut child = g1000()
        .args([
            "admin",
            "create",
            "--email",
            "x@example.org",
            "--name",
            "X",
            "--database",
        ])
        .arg(&db)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"short\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert_one_clear_error(
        &String::from_utf8_lossy(&out.stderr),
        "at least 10 characters",
    );
}

#[test]
fn demo_seeds_a_summit_and_prints_url_and_logins() {
    let server = start(g1000().args(["demo", "--listen", "127.0.0.1:0"]));
    let printed = server.stdout.join("\n");
    assert!(
        printed.contains("anna@lindenhoven.example")
            && printed.contains("password: demo-organiser"),
        "{printed}"
    );
    let (status, home) = http_get(&server.url, "/");
    assert_eq!(status, 200);
    assert!(home.contains("G1000 Lindenhoven"));
    let (status, page) = http_get(&server.url, "/s/g1000-lindenhoven-2027");
    assert_eq!(status, 200);
    for group in ["Ingelote burgers", "Werkgevers", "Overheid", "Vrijdenkers"] {
        assert!(page.contains(group), "{group}");
    }
    // The day's projector is public and shows the programme before it starts.
    let (status, screen) = http_get(&server.url, "/s/g1000-lindenhoven-2027/screen");
    assert_eq!(status, 200);
    assert!(screen.contains("id=\"day-counters\""), "{screen}");
    // A demo never reuses an existing database.
    let dir = temp_dir("demo");
    let db = dir.join("used.db");
    std::fs::write(&db, b"something").unwrap();
    let (ok, _, err) = run(g1000()
        .args(["demo", "--listen", "127.0.0.1:0", "--database"])
        .arg(&db));
    assert!(!ok);
    assert_one_clear_error(&err, "needs a new database");
}

#[test]
fn serve_works_on_postgresql() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let Some(url) = rt.block_on(g1000_store::testing::fresh_database(
        g1000_store::testing::Backend::Postgres,
    )) else {
        return; // skipped with a message (scripts/test makes it required)
    };
    let server = start(g1000().args(["serve", "--listen", "127.0.0.1:0", "--database", &url]));
    let (status, body) = http_get(&server.url, "/healthz");
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let (status, page) = http_get(&server.url, "/setup");
    assert_eq!(
        status, 200,
        "fresh PostgreSQL database: first-run set-up is open"
    );
    assert!(page.contains("name=\"password\""));
}

#[test]
fn audit_verify_checks_a_downloaded_record() {
    // The demo's public audit record, downloaded as a member of the public would.
    let server = start(g1000().args(["demo", "--listen", "127.0.0.1:0"]));
    let (status, json) = http_get(&server.url, "/s/g1000-lindenhoven-2027/audit.json");
    assert_eq!(status, 200);
    let dir = temp_dir("audit");
    let file = dir.join("audit.json");
    std::fs::write(&file, &json).unwrap();
    let (ok, out, err) = run(g1000().args(["audit", "verify"]).arg(&file));
    assert!(ok, "{err}");
    assert!(out.contains("chain intact"), "{out}");
    // One changed character in a detail breaks it, with a clear line naming the event.
    let tampered = json.replacen("Lindenhoven", "Lindenhovem", 1);
    assert_ne!(tampered, json);
    std::fs::write(&file, tampered).unwrap();
    let (ok, _, err) = run(g1000().args(["audit", "verify"]).arg(&file));
    assert!(!ok);
    assert_one_clear_error(&err, "does not match its hash");
}

#[test]
fn demo_day_has_a_statements_round_with_common_ground() {
    // The demo's statements round, on the public common-ground page: the opinion groups of the two camps, the
    // statements both agree on, and not the statement the facilitator hid.
    let server = start(g1000().args(["demo", "--listen", "127.0.0.1:0"]));
    let (status, page) = http_get(&server.url, "/s/g1000-lindenhoven-2027/common-ground");
    assert_eq!(status, 200);
    assert!(page.contains("id=\"opinion-map-figure\""), "{page}");
    assert!(page.matches("data-group=").count() >= 2, "{page}");
    assert!(page.contains("id=\"common-list\""), "{page}");
    assert!(
        page.contains("De huisarts moet dichtbij blijven"),
        "a statement both camps agree on: {page}"
    );
    assert!(!page.contains("Het centrum moet autovrij worden"), "{page}");
    assert!(
        !page.contains("heg snoeien"),
        "the hidden statement: {page}"
    );
    // The moderation is in the public audit record, with its reason.
    let (_, audit) = http_get(&server.url, "/s/g1000-lindenhoven-2027/audit.json");
    assert!(audit.contains("day.statement.hide"), "{audit}");
    assert!(audit.contains("about one person"));
}

#[test]
fn demo_includes_a_completed_recruitment() {
    let dir = temp_dir("demo-recruitment");
    let db = dir.join("demo.db");
    let started = Instant::now();
    let server = start(
        g1000()
            .args(["demo", "--listen", "127.0.0.1:0", "--database"])
            .arg(&db),
    );
    eprintln!("demo started in {:?}", started.elapsed());
    let slug = "g1000-lindenhoven-2027";
    // The public page shows the published selection: the ticket, the panel size and the proof files.
    let (status, page) = http_get(&server.url, &format!("/s/{slug}"));
    assert_eq!(status, 200);
    assert!(page.contains("id=\"public-ticket\""), "{page}");
    assert!(page.contains("421"), "the demo's ticket");
    assert!(page.contains("80 mensen geloot"), "{page}");
    // What the public page publishes passes `g1000 sortition verify`.
    let files = dir.join("proof");
    std::fs::create_dir_all(&files).unwrap();
    for f in [
        "features.csv",
        "distribution.json",
        "lottery.json",
        "commitment.json",
        "draw.json",
    ] {
        assert!(
            page.contains(&format!("/s/{slug}/selection/{f}")),
            "{f} linked"
        );
        let (status, body) = http_get(&server.url, &format!("/s/{slug}/selection/{f}"));
        assert_eq!(status, 200, "{f}");
        std::fs::write(files.join(f), body).unwrap();
    }
    // The demo town's pool has combinations of bands shared by fewer than five people, so its pool file is not
    // public (privacy.md §4): the page says so and the public gets 403. The organisers hold it for the auditors
    // (read here from the database); its SHA-256 is the one in the public commitment.
    let people_path = format!("/s/{slug}/selection/people.csv");
    let (status, _) = http_get(&server.url, &people_path);
    let people = if page.contains(&format!("{people_path}\"")) {
        assert_eq!(status, 200);
        http_get(&server.url, &people_path).1
    } else {
        assert!(page.contains("id=\"selection-pool-private\""), "{page}");
        assert_eq!(status, 403);
        let db = db.display().to_string();
        tokio::runtime::Runtime::new().unwrap().block_on(async {
            let store = g1000_store::Store::open(&db).await.unwrap();
            let summit = store.summit_by_slug(slug).await.unwrap().unwrap();
            let s = store.selection(summit.id).await.unwrap().unwrap();
            s.people_csv.unwrap()
        })
    };
    let commitment = std::fs::read_to_string(files.join("commitment.json")).unwrap();
    let people_sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(people.as_bytes()));
    assert!(commitment.contains(&people_sha), "committed: {commitment}");
    std::fs::write(files.join("people.csv"), &people).unwrap();
    let (ok, out, err) = run(g1000().current_dir(&files).args([
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
    ]));
    assert!(ok, "verify: {out}\n{err}");
    let people = std::fs::read_to_string(files.join("people.csv")).unwrap();
    assert!(
        people.lines().count() > 81 && people.lines().count() <= 151,
        "the pool is the lottery registrations who can come: {}",
        people.lines().count()
    );
    drop(server);

    // The database: registrations in every group, a confirmed hall, one decline replaced, messages queued.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use g1000_store::{JoinMethod, RegistrationStatus as S, VacancyReason};
        let store = g1000_store::Store::open(&db.display().to_string())
            .await
            .unwrap();
        let summit = store.summit_by_slug(slug).await.unwrap().unwrap();
        let groups = store.groups(summit.id).await.unwrap();
        let regs = store.registrations(summit.id).await.unwrap();
        for g in &groups {
            let of: Vec<_> = regs.iter().filter(|r| r.group_id == g.id).collect();
            let count = |s: S| of.iter().filter(|r| r.status() == Some(s)).count();
            if g.fields.join_method == JoinMethod::Lottery {
                assert_eq!(of.len(), 150, "lottery registrations");
                assert_eq!(count(S::Declined), 1);
                assert_eq!(count(S::Selected), 3, "three have not answered yet");
                assert_eq!(count(S::Confirmed), 77);
                assert!(count(S::Reserve) > 0);
                assert!(count(S::NotSelected) + count(S::Reserve) + count(S::Unavailable) >= 69);
            } else {
                assert_eq!(
                    count(S::Confirmed) as i64,
                    g.fields.seat_target,
                    "{}",
                    g.fields.name
                );
            }
        }
        let bands: std::collections::BTreeSet<String> = {
            let mut b = std::collections::BTreeSet::new();
            for r in regs.iter().take(150) {
                for (_, band) in store.registration_bands(r.id).await.unwrap() {
                    b.insert(band);
                }
            }
            b
        };
        for band in ["16-29", "65+", "Vrouw", "Man", "Centrum", "Buitengebied"] {
            assert!(
                bands.contains(band),
                "registrations across the bands: {band}"
            );
        }
        let reps = store.replacements(summit.id).await.unwrap();
        assert_eq!(reps.len(), 1);
        assert_eq!(reps[0].reason, VacancyReason::Declined);
        let by = reps[0].replacement_id.expect("a reserve took the seat");
        let by = regs.iter().find(|r| r.id == by).unwrap();
        assert!(matches!(by.status(), Some(S::Confirmed | S::Selected)));
        // Everyone drawn from got a message; the replacement got a second one.
        let kinds: Vec<String> = store
            .messages_to(summit.id, &by.public_id)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.kind)
            .collect();
        assert_eq!(kinds, ["reserve", "replacement"]);
        assert_eq!(
            store
                .confirmation_deadline(summit.id)
                .await
                .unwrap()
                .as_deref(),
            Some("2027-02-27")
        );
        let events = store.audit_events(summit.id).await.unwrap();
        for a in [
            "selection.quotas_saved",
            "selection.run_finished",
            "selection.committed",
            "selection.drawn",
            "selection.declined",
            "selection.replaced",
            "selection.confirmed",
        ] {
            assert!(events.iter().any(|e| e.action == a), "{a}");
        }
        // A seated hall: everyone who is coming has one table in every table round.
        let seats = store.seats(summit.id).await.unwrap();
        let table_rounds: Vec<i64> = store
            .rounds(summit.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.fields.table_size > 0)
            .map(|r| r.id)
            .collect();
        assert!(!table_rounds.is_empty());
        let coming: Vec<i64> = regs
            .iter()
            .filter(|r| matches!(r.status(), Some(S::Selected | S::Confirmed | S::CheckedIn)))
            .map(|r| r.id)
            .collect();
        assert!(coming.len() > 300, "the confirmed hall: {}", coming.len());
        for round in &table_rounds {
            let mut seated: Vec<i64> = seats
                .iter()
                .filter(|s| s.round_id == *round)
                .map(|s| s.registration_id)
                .collect();
            seated.sort_unstable();
            let mut want = coming.clone();
            want.sort_unstable();
            assert_eq!(
                seated, want,
                "round {round}: one seat per person who is coming"
            );
        }
        store.close().await;
    });
}

/// The texts of the `<li>` items of the element with this id (a list on one line, as the templates write it).
fn list_items(page: &str, id: &str) -> Vec<String> {
    let start = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in {page}"));
    let rest = &page[start..];
    let end = rest.find("</ol>").or_else(|| rest.find("</ul>")).unwrap();
    rest[..end]
        .split("<li>")
        .skip(1)
        .map(|s| s.split("</li>").next().unwrap().to_string())
        .collect()
}

#[test]
fn demo_includes_a_simulated_day() {
    let server = start(g1000().args(["demo", "--listen", "127.0.0.1:0"]));
    let slug = "g1000-lindenhoven-2027";
    // The projector: the day's word cloud, the adopted themes and the afternoon's theme tables.
    let (status, screen) = http_get(&server.url, &format!("/s/{slug}/screen"));
    assert_eq!(status, 200);
    for id in [
        "cloud",
        "screen-themes",
        "theme-tables-list",
        "theme-tables-choices",
    ] {
        assert!(screen.contains(&format!("id=\"{id}\"")), "{id} in {screen}");
    }
    assert!(
        screen.contains("fietspaden") || screen.contains("openbaar vervoer"),
        "Dutch keywords in the cloud"
    );
    assert!(
        screen.contains("solar panels")
            || screen.contains("loneliness")
            || screen.contains("healthcare"),
        "English keywords in the cloud"
    );
    // The vote's result equals an independent recount of its published ballots (approval: most approvals,
    // ties to the earlier option).
    let (status, json) = http_get(&server.url, &format!("/s/{slug}/results/1/ballots.json"));
    assert_eq!(status, 200);
    let body = &json[json.find('{').unwrap()..];
    let data: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(data["vote"]["method"], "approval");
    let seats = data["vote"]["seats"].as_u64().unwrap() as usize;
    let options = data["options"].as_array().unwrap();
    let ballots = data["ballots"].as_array().unwrap();
    assert!(ballots.len() > 100, "{} ballots", ballots.len());
    let mut approvals = vec![0usize; options.len() + 1];
    for b in ballots {
        for p in b.as_str().unwrap().split(',').filter(|s| !s.is_empty()) {
            approvals[p.parse::<usize>().unwrap()] += 1;
        }
    }
    let mut order: Vec<usize> = (1..=options.len()).collect();
    order.sort_by_key(|&p| (std::cmp::Reverse(approvals[p]), p));
    let recount: Vec<String> = order[..seats]
        .iter()
        .map(|&p| {
            let o = options.iter().find(|o| o["position"] == p as u64).unwrap();
            o["title"].as_str().unwrap().to_string()
        })
        .collect();
    let (status, result) = http_get(&server.url, &format!("/s/{slug}/results/1"));
    assert_eq!(status, 200);
    let shown: Vec<String> = list_items(&result, "chosen")
        .into_iter()
        .map(|t| t.replace("&#39;", "'").replace("&amp;", "&"))
        .collect();
    assert_eq!(shown, recount);
    // Action groups for the chosen proposals, with members.
    let groups = list_items(&result, "action-counts");
    assert_eq!(groups.len(), seats, "{groups:?}");
    // Every step of the day is in the public audit record.
    let (status, audit) = http_get(&server.url, &format!("/s/{slug}/audit.json"));
    assert_eq!(status, 200);
    for action in [
        "day.round",
        "day.keyword.hide",
        "day.synonym",
        "day.theme.create",
        "day.vote",
        "day.theme_tables.started",
        "day.theme_tables.finished",
        "proposal.published",
        "vote.closed",
        "actions.groups_made",
        "actions.joined",
    ] {
        assert!(
            audit.contains(&format!("\"action\": \"{action}\"")),
            "{action} in the audit record"
        );
    }
}
