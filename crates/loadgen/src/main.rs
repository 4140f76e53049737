//! `g1000-loadgen`: seeds a hall into a fresh SQLite database, starts `g1000 serve` on it on a free port, runs
//! the phones, checks the database and prints a Markdown report. Exits non-zero when a check fails.

use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::Parser;
use g1000_loadgen::drive::{self, Load};
use g1000_loadgen::setup::{self, HallSize};
use g1000_loadgen::{cpu_seconds, load_average, report};
use g1000_store::Store;

#[derive(Parser)]
#[command(
    version,
    about = "Simulates a hall of phones against `g1000 serve` on SQLite and checks the result"
)]
struct Cli {
    /// The g1000 binary to serve with (the release build for the benchmark)
    #[arg(long, env = "G1000_BIN")]
    bin: PathBuf,
    /// Phones (participants, one phone each)
    #[arg(long, default_value_t = 1000)]
    phones: usize,
    /// Tables of the dialogue round
    #[arg(long, default_value_t = 100)]
    tables: usize,
    /// Published proposals in the open vote
    #[arg(long, default_value_t = 20)]
    proposals: usize,
    /// At most this many choices per ballot (approval vote)
    #[arg(long, default_value_t = 5)]
    max_choices: usize,
    /// The measured window, in seconds
    #[arg(long, default_value_t = 60.0)]
    window_s: f64,
    /// Share of posts sent twice with the same submission id
    #[arg(long, default_value_t = 0.05)]
    retry_share: f64,
    /// Share of voters who change their ballot once
    #[arg(long, default_value_t = 0.10)]
    change_share: f64,
    /// Sign-ins in flight at once, before the window (the app checks at most five badge codes of one client
    /// address at a time; all simulated phones come from 127.0.0.1)
    #[arg(long, default_value_t = 4)]
    signin_concurrency: usize,
    /// The target: every kind of request in the window has its p99 below this
    #[arg(long, default_value_t = 200)]
    p99_ms: u64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Folder for the database and the server's log (default: a new folder in the temporary directory, removed
    /// after a successful run)
    #[arg(long)]
    dir: Option<PathBuf>,
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("g1000-loadgen: {e:#}");
            ExitCode::from(2)
        }
    }
}

async fn run(cli: Cli) -> Result<bool> {
    if !cli.bin.is_file() {
        bail!(
            "--bin {}: no such file (build it with `cargo build --release -p g1000`)",
            cli.bin.display()
        );
    }
    let load_before = load_average();
    let (dir, temporary) = match &cli.dir {
        Some(d) => (d.clone(), false),
        None => {
            let d = std::env::temp_dir().join(format!("g1000-loadgen-{}", std::process::id()));
            (d, true)
        }
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let db = dir.join("loadgen.db");
    if db.exists() {
        bail!(
            "{}: the database exists already; give an empty --dir",
            db.display()
        );
    }
    let db_url = db.display().to_string();
    let t = Instant::now();
    let store = Store::open(&db_url).await?;
    let hall = setup::seed(
        &store,
        HallSize {
            phones: cli.phones,
            tables: cli.tables,
            proposals: cli.proposals,
            max_choices: cli.max_choices,
        },
    )
    .await?;
    drop(store);
    eprintln!(
        "seeded {} participants in {:.1} s",
        cli.phones,
        t.elapsed().as_secs_f64()
    );

    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let log = std::fs::File::create(dir.join("server.log"))?;
    let child = Command::new(&cli.bin)
        .args([
            "serve",
            "--database",
            &db_url,
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()
        .with_context(|| format!("starting {}", cli.bin.display()))?;
    let mut server = Server(child);
    let pid = server.0.id().to_string();
    let base = format!("http://127.0.0.1:{port}");
    wait_ready(&mut server, &format!("{base}/s/{}", hall.slug)).await?;

    let load = Load {
        window: Duration::from_secs_f64(cli.window_s),
        arrival_share: 0.6,
        retry_share: cli.retry_share,
        change_share: cli.change_share,
        signin_concurrency: cli.signin_concurrency,
        seed: cli.seed,
    };
    let t = Instant::now();
    let ready = drive::prepare(&base, &hall, &load).await?;
    eprintln!(
        "{} phones signed in, {} live connections open, in {:.1} s",
        ready.signed_in,
        ready.sse_opened,
        t.elapsed().as_secs_f64()
    );
    let stats = drive::stats(&ready);
    let (server_cpu0, own_cpu0) = (cpu_seconds(&pid), cpu_seconds("self"));
    let load_start = load_average();
    let outcome = drive::window(&hall, &load, ready).await?;
    let (server_cpu1, own_cpu1) = (cpu_seconds(&pid), cpu_seconds("self"));
    let load_end = load_average();
    drop(server);

    let store = Store::open(&db_url).await?;
    let rows = stats.rows();
    let checks = report::verify(
        &store,
        &hall,
        &outcome,
        &rows,
        Duration::from_millis(cli.p99_ms),
    )
    .await?;
    let cpu = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => format!("{:.1} s", b - a),
        _ => "unknown".into(),
    };
    let window_s = outcome.window_took.as_secs_f64();
    let context = vec![
        (
            "run".to_string(),
            format!(
                "{} phones, {} tables, an approval vote over {} proposals (≤ {} choices), a {} s window \
                 (arrivals over its first 60 %), {:.0} % of posts retried, {:.0} % of ballots changed, seed {}",
                cli.phones,
                cli.tables,
                cli.proposals,
                cli.max_choices,
                cli.window_s,
                cli.retry_share * 100.0,
                cli.change_share * 100.0,
                cli.seed
            ),
        ),
        (
            "server".to_string(),
            format!("{} serve, SQLite ({})", cli.bin.display(), db.display()),
        ),
        (
            "machine".to_string(),
            format!(
                "{} cores; load average (1/5/15 min) {} before the set-up, {} at the window's start, {} at its end",
                std::thread::available_parallelism().map_or(0, |n| n.get()),
                load_before,
                load_start,
                load_end
            ),
        ),
        (
            "CPU used in the window".to_string(),
            format!(
                "server {}, load generator {} (over {:.1} s)",
                cpu(server_cpu0, server_cpu1),
                cpu(own_cpu0, own_cpu1),
                window_s
            ),
        ),
    ];
    println!("{}", report::markdown(&rows, &outcome, &checks, &context));
    for e in stats.error_samples() {
        println!("- error: {e}");
    }
    let ok = checks.iter().all(|c| c.ok);
    if ok && temporary {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("database and server log kept in {}", dir.display());
    }
    Ok(ok)
}

/// Waits until the server answers the summit's page (or has exited, or 60 s have passed).
async fn wait_ready(server: &mut Server, url: &str) -> Result<()> {
    let http = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = server.0.try_wait()? {
            bail!("the server exited at start ({status}); see its log");
        }
        if let Ok(r) = http.get(url).send().await
            && r.status().is_success()
        {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("the server did not answer {url} within 60 s");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
