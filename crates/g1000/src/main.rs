//! `g1000`: run a G1000 citizens' summit, from the lottery to the follow-up.

mod demo;
mod demo_day;
mod demo_recruitment;
mod demo_seating;
mod invite_cmd;
mod opinion_cmd;
mod purge_cmd;
mod seating_cmd;
mod sortition_cmd;
mod tally_cmd;

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand};
use g1000_store::Store;
use g1000_web::{AppState, Config};
use tokio::net::TcpListener;

#[derive(Parser)]
#[command(name = "g1000", version, about = "Organise and run a G1000 citizens' summit, from the lottery to the follow-up", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (organisers, the day, the public pages) on a database
    Serve(ServeArgs),
    /// Seed a realistic fictional summit into a fresh database and serve it, for a walk-through
    Demo(DemoArgs),
    /// Manage accounts from the command line (create the first organiser)
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Apply pending database migrations and exit (serve does this at start too)
    Migrate(DbArgs),
    /// Delete the personal data of summits past their retention date (names, contact details, access needs,
    /// message addresses and texts), keeping pseudonymous ids, counts and the audit record; logs the purge in
    /// the audit record and prints what it did. Safe to run again (daily, from cron).
    Purge(purge_cmd::PurgeArgs),
    /// Fair, verifiable selection of a panel under quotas (LEXIMIN), lottery tickets, verification
    Sortition(sortition_cmd::SortitionArgs),
    /// Table plans for the rounds: constraints, tables that mirror the hall, new people every round
    Seating(seating_cmd::SeatingArgs),
    /// Count votes from a pabulib (.pb) file with a chosen rule; writes the selected ids and a step-by-step
    /// explanation as JSON
    Tally(tally_cmd::TallyArgs),
    /// Opinion groups and common ground (the Polis math) from a Polis export; synthetic conversations
    Opinion(opinion_cmd::OpinionArgs),
    /// Stage 1 of the lottery, offline at the municipality: draw invitees from a register, verify a draw
    Invite(invite_cmd::InviteArgs),
    /// Check a summit's published audit record (its hash chain)
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Verify an audit record downloaded from a summit's audit page (audit.json)
    Verify {
        /// The downloaded audit.json
        file: std::path::PathBuf,
    },
}

#[derive(Args, Clone)]
struct DbArgs {
    /// Database: a SQLite file path (or sqlite://PATH), or postgres://USER[:PASSWORD]@HOST[:PORT]/DB
    #[arg(long, env = "DATABASE_URL", default_value = "g1000.db")]
    database: String,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Address and port to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// Always mark cookies Secure (set this when g1000 is reached over https)
    #[arg(long, env = "G1000_SECURE_COOKIES")]
    secure_cookies: bool,
    /// The site's public address for links in messages, e.g. https://g1000.example.org (default: the address
    /// of the request that queued the message)
    #[arg(long, env = "G1000_PUBLIC_URL")]
    public_url: Option<String>,
    /// SMTP server that sends the messages: smtps://USER:PASS@HOST:465, smtp://USER:PASS@HOST:587?tls=required
    /// or smtp://HOST:25 (unencrypted, local relay only). Without it messages stay queued for the CSV export
    #[arg(long, env = "G1000_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Sender of messages, e.g. "G1000 Lindenhoven <info@example.org>" (needed with --smtp-url)
    #[arg(long, env = "G1000_MAIL_FROM")]
    mail_from: Option<String>,
}

#[derive(Args)]
struct DemoArgs {
    /// Database for the demo; default: a new file in a fresh temporary folder. Must be new or empty.
    #[arg(long)]
    database: Option<String>,
    /// Address and port to listen on
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an organiser account (reads the password from the terminal, or one line of standard input)
    Create {
        #[command(flatten)]
        db: DbArgs,
        /// E-mail address to log in with
        #[arg(long)]
        email: String,
        /// Display name
        #[arg(long)]
        name: String,
    },
}

/// The exit code of a command; an error as one line `error: …` on stderr.
fn one_line(r: anyhow::Result<()>) -> ExitCode {
    r.map_or_else(
        |e| {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        },
        |()| ExitCode::SUCCESS,
    )
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Audit {
        command: AuditCommand::Verify { file },
    } = &cli.command
    {
        return match verify_audit(file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if let Command::Invite(args) = cli.command {
        // Offline at the municipality: no runtime, no database.
        return match invite_cmd::run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if let Command::Sortition(args) = cli.command {
        // A pure computation: no runtime, no database.
        return match sortition_cmd::run(args) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        };
    }
    if let Command::Opinion(args) = cli.command {
        // A pure computation: no runtime, no database; errors as one line.
        return one_line(opinion_cmd::run(args));
    }
    if let Command::Seating(args) = cli.command {
        // A pure computation: no runtime, no database; errors as one line.
        return one_line(seating_cmd::run(args));
    }
    if let Command::Tally(args) = cli.command {
        // A pure computation: no runtime, no database; errors as one line.
        return one_line(tally_cmd::run(args));
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("G1000_LOG")
                .unwrap_or_else(|_| "warn,g1000=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line, never a panic trace.
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let addr = parse_listen(&args.listen)?;
            let store = Store::open(&args.db.database).await?;
            let config = Config {
                secure_cookies: args.secure_cookies,
                public_url: args.public_url,
                smtp_url: args.smtp_url,
                mail_from: args.mail_from,
            };
            config.validate().map_err(|e| anyhow::anyhow!(e))?;
            serve(bind(addr).await?, store, config, None).await
        }
        Command::Demo(args) => {
            let addr = parse_listen(&args.listen)?;
            let (url, _tmp) = demo::database(args.database.as_deref())?;
            let store = Store::open(&url).await?;
            let listener = bind(addr).await?;
            let base = format!("http://{}", listener.local_addr()?);
            let logins = demo::seed(&store, &base).await?;
            serve(listener, store, Config::default(), Some((url, logins))).await
        }
        Command::Admin {
            command: AdminCommand::Create { db, email, name },
        } => {
            let password = read_password()?;
            if password.chars().count() < 10 {
                bail!("the password must have at least 10 characters");
            }
            if !email.contains('@') {
                bail!("'{email}' is not an e-mail address");
            }
            let store = Store::open(&db.database).await?;
            let hash = g1000_web::security::hash_password(password)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let user = store.create_user(&email, &name, Some(&hash), true).await?;
            println!("created organiser {} <{}>", user.display_name, user.email);
            Ok(())
        }
        Command::Sortition(_)
        | Command::Invite(_)
        | Command::Seating(_)
        | Command::Tally(_)
        | Command::Opinion(_)
        | Command::Audit { .. } => {
            unreachable!("handled in main")
        }
        Command::Purge(args) => purge_cmd::run(args).await,
        Command::Migrate(db) => {
            let store = Store::open(&db.database).await?;
            println!(
                "database {} is up to date ({})",
                db.database_display(),
                store.backend()
            );
            Ok(())
        }
    }
}

impl DbArgs {
    fn database_display(&self) -> String {
        g1000_store::DatabaseUrl::parse(&self.database)
            .map(|u| u.display())
            .unwrap_or_else(|_| self.database.clone())
    }
}

/// `g1000 audit verify FILE`: check every link of a published audit record.
fn verify_audit(file: &std::path::Path) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let events: Vec<g1000_ledger::Event> = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not an audit record (a JSON list of events)",
            file.display()
        )
    })?;
    let head = g1000_ledger::verify(&events).with_context(|| format!("{}", file.display()))?;
    println!(
        "{}: {} events, chain intact, latest hash {head}",
        file.display(),
        events.len()
    );
    Ok(())
}

fn parse_listen(s: &str) -> anyhow::Result<SocketAddr> {
    s.parse()
        .with_context(|| format!("--listen '{s}' is not ADDRESS:PORT, for example 127.0.0.1:8080"))
}

fn read_password() -> anyhow::Result<String> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let p = rpassword::prompt_password("Password (at least 10 characters): ")?;
        let again = rpassword::prompt_password("Repeat the password: ")?;
        if p != again {
            bail!("the two passwords are not the same");
        }
        Ok(p)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr).await.map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                " (another program uses this port; choose another with --listen)"
            }
            std::io::ErrorKind::PermissionDenied => " (ports below 1024 need extra rights)",
            _ => "",
        };
        anyhow::anyhow!("cannot listen on {addr}: {e}{hint}")
    })
}

async fn serve(
    listener: TcpListener,
    store: Store,
    config: Config,
    demo: Option<(String, Vec<demo::Login>)>,
) -> anyhow::Result<()> {
    let local = listener.local_addr()?;
    let url = format!("http://{local}/");
    if let Some((db, logins)) = &demo {
        println!("g1000 demo: a fictional summit in the database {db}");
        println!("Log in as:");
        for l in logins {
            println!("  {:<12} {}  password: {}", l.role, l.email, l.password);
        }
    }
    println!("g1000 is serving at {url}");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let state = AppState::new(store.clone(), config);
    g1000_web::serve(listener, state, shutdown_signal())
        .await
        .context("the server stopped")?;
    store.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
