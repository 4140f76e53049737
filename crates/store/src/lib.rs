//! Persistence for g1000.
//!
//! One [`Store`] hides the SQL dialect: SQLite (an embedded file, the default) or PostgreSQL (for several
//! `g1000 serve` processes behind a load balancer). Every query is written once with `$1`-style placeholders,
//! which both backends accept, and runs on whichever pool the store holds (see the `with_pool!` macro).
//! Migrations are embedded in the binary and run when the store opens. Live updates go through an
//! [`EventBus`]: in-process for SQLite, LISTEN/NOTIFY for PostgreSQL.

mod actions;
mod attributes;
mod audit;
mod batch;
mod bus;
mod confirmation;
mod day;
mod door;
mod error;
mod model;
mod outbox;
mod personal_data;
mod proposals;
mod registrations;
mod seating;
mod selection;
mod sessions;
mod statements;
mod summits;
mod theme_tables;
mod users;
mod vote;

#[cfg(feature = "testing")]
pub mod testing;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use actions::{ActionGroup, ActionMember};
pub use attributes::{Attribute, AttributeFields, Band};
pub use audit::AuditDraft;
pub use bus::{Event, EventBus};
pub use confirmation::{Replacement, VacancyReason};
pub use day::{
    CloudWord, DAY_EVENT, DAY_INPUT_EVENT, DayCounters, DayParticipant, DayStart, DayState,
    KEYWORD_MAX_CHARS, Keyword, Moderation, NewKeyword, Submitted, TableSeat, Theme, keyword_key,
};
pub use door::{Answer, Attendance, BadgeRow, CheckIn};
pub use error::{StoreError, StoreResult};
pub use g1000_ledger::Event as AuditEvent;
pub use model::*;
pub use outbox::{Contact, MESSAGE_STATUSES, Message, NewMessage};
pub use personal_data::{
    ContactData, DueSummit, MessageData, NeedsData, PersonalData, PurgeCounts, Retention,
};
pub use proposals::{Proposal, ProposalFields};
pub use registrations::{
    AccessNeeds, CodeBatch, ImportOutcome, Invitation, NewRegistration, RegisterError,
    RegistrationCounts, RegistrationRow, Via,
};
pub use seating::{Seat, SeatNumber, SeatPerson, SeatingRun, SeatingTable, TableFields};
pub use selection::{Eligible, PoolMember, Quota, RunStart, Selection, SelectionError};
pub use statements::{
    NewStatement, OpinionVersion, STATEMENT_MAX_CHARS, STATEMENTS_EVENT, Statement,
    StatementModeration, StatementVote,
};
pub use theme_tables::{ThemeSeating, ThemeTable, ThemeTablesRun};
pub use vote::{BallotOutcome, NewOption, NewVote, Vote, VoteMethod, VoteOption, VoteStatus};

/// Run the same query code on whichever backend the store holds. The body is compiled once per backend.
/// `read` uses the reader pool, `write` the single writer (SQLite serialises writes through one connection).
macro_rules! with_pool {
    ($store:expr, read, |$p:ident| $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite { read: $p, .. } => $body,
            $crate::Db::Postgres($p) => $body,
        }
    };
    ($store:expr, write, |$p:ident| $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite { write: $p, .. } => $body,
            $crate::Db::Postgres($p) => $body,
        }
    };
}
pub(crate) use batch::{Tx, write_tx};
pub(crate) use with_pool;

/// Records a form's submission id inside a transaction: false when it was handled before (a retry).
macro_rules! claim {
    ($tx:expr, $id:expr) => {
        sqlx::query("INSERT INTO submissions (id) VALUES ($1) ON CONFLICT (id) DO NOTHING")
            .bind($id)
            .execute(&mut *$tx)
            .await?
            .rows_affected()
            > 0
    };
}
pub(crate) use claim;

#[derive(Clone)]
pub(crate) enum Db {
    Sqlite {
        read: SqlitePool,
        write: SqlitePool,
        /// Group commit on `write` (see [`batch`]).
        writer: batch::Writer,
    },
    Postgres(PgPool),
}

/// Which database a URL points at, parsed before anything is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Accepts `postgres://…`, `postgresql://…`, `sqlite://path`, `sqlite:path` or a plain file path.
    pub fn parse(url: &str) -> StoreResult<Self> {
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::BadUrl {
                url: String::new(),
                reason: "it is empty".into(),
            });
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // Validate the URL's syntax now, so a typo is reported as such and not as a failed connection.
            PgConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl {
                url: redact(url),
                reason: e.to_string(),
            })?;
            return Ok(Self::Postgres(url.to_string()));
        }
        let path = if let Some(rest) = url.strip_prefix("sqlite://") {
            rest
        } else if let Some(rest) = url.strip_prefix("sqlite:") {
            rest
        } else if let Some((scheme, _)) = url.split_once("://") {
            return Err(StoreError::BadUrl {
                url: redact(url),
                reason: format!(
                    "unknown scheme '{scheme}'; use a file path, sqlite://PATH or postgres://USER@HOST:PORT/DB"
                ),
            });
        } else {
            url
        };
        let path = path.split('?').next().unwrap_or(path);
        if path.is_empty() {
            return Err(StoreError::BadUrl {
                url: redact(url),
                reason: "no file path after 'sqlite:'".into(),
            });
        }
        Ok(Self::Sqlite(PathBuf::from(path)))
    }

    /// The URL with any password removed, for messages and logs.
    pub fn display(&self) -> String {
        match self {
            Self::Sqlite(p) => p.display().to_string(),
            Self::Postgres(u) => redact(u),
        }
    }
}

/// Remove a password from a connection URL.
fn redact(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://")
        && let Some((creds, host)) = rest.split_once('@')
        && let Some((user, _)) = creds.split_once(':')
    {
        return format!("{scheme}://{user}:***@{host}");
    }
    url.to_string()
}

/// The persistence handle shared by the whole app. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pub(crate) db: Db,
    bus: EventBus,
}

impl Store {
    /// Open (and create, for SQLite) the database, run the embedded migrations and start the event bus.
    pub async fn open(url: &str) -> StoreResult<Self> {
        match DatabaseUrl::parse(url)? {
            DatabaseUrl::Sqlite(path) => Self::open_sqlite(&path).await,
            DatabaseUrl::Postgres(url) => Self::open_postgres(&url).await,
        }
    }

    async fn open_sqlite(path: &Path) -> StoreResult<Self> {
        check_sqlite_file(path)?;
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: a commit the user was told about survives a power cut, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted personal data is overwritten, not only unlinked (see `Store::compact`).
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(10));
        let open_err = |e: sqlx::Error| StoreError::Open {
            url: path.display().to_string(),
            reason: describe_sqlx(&e),
        };
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(opts.clone())
            .await
            .map_err(open_err)?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&write)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(opts.read_only(true))
            .await
            .map_err(open_err)?;
        let writer = batch::Writer::start(write.clone());
        Ok(Self {
            db: Db::Sqlite {
                read,
                write,
                writer,
            },
            bus: EventBus::in_process(),
        })
    }

    async fn open_postgres(url: &str) -> StoreResult<Self> {
        let opts = PgConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl {
            url: redact(url),
            reason: e.to_string(),
        })?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(opts)
            .await
            .map_err(|e| StoreError::Open {
                url: redact(url),
                reason: describe_sqlx(&e),
            })?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        let bus = EventBus::postgres(&pool).await?;
        Ok(Self {
            db: Db::Postgres(pool),
            bus,
        })
    }

    /// "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self.db {
            Db::Sqlite { .. } => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// SQLite's group commit so far: (transactions committed, writes they held); `None` on PostgreSQL.
    pub fn group_commit_stats(&self) -> Option<(u64, u64)> {
        match &self.db {
            Db::Sqlite { writer, .. } => Some(writer.stats()),
            Db::Postgres(_) => None,
        }
    }

    /// The bus through which live pages learn about changes.
    pub fn bus(&self) -> &EventBus {
        &self.bus
    }

    /// True when the database answers a trivial query.
    pub async fn ping(&self) -> bool {
        with_pool!(self, read, |p| sqlx::query("SELECT 1")
            .execute(p)
            .await
            .is_ok())
    }

    /// Close the pools (waits for running queries).
    pub async fn close(&self) {
        self.bus.stop();
        match &self.db {
            Db::Sqlite { read, write, .. } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

/// Refuse a file that exists but is not an SQLite database, before SQLite itself gives a vaguer message.
fn check_sqlite_file(path: &Path) -> StoreResult<()> {
    use std::io::Read;
    if path.is_dir() {
        return Err(StoreError::NotSqlite {
            path: path.display().to_string(),
            reason: "it is a directory".into(),
        });
    }
    let Ok(mut f) = std::fs::File::open(path) else {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
            && !parent.is_dir()
        {
            return Err(StoreError::Open {
                url: path.display().to_string(),
                reason: format!("the folder {} does not exist", parent.display()),
            });
        }
        return Ok(()); // a new database will be created
    };
    let mut header = [0u8; 16];
    let n = f.read(&mut header).unwrap_or(0);
    if n == 0 {
        return Ok(()); // an empty file becomes a new database
    }
    if n < 16 || &header != b"SQLite format 3\0" {
        return Err(StoreError::NotSqlite {
            path: path.display().to_string(),
            reason: "the file exists but does not start with the SQLite header".into(),
        });
    }
    Ok(())
}

fn describe_sqlx(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::Database(db) => db.message().to_string(),
        other => other.to_string(),
    }
}

/// Milliseconds since the Unix epoch: the portable timestamp used in every table.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        assert_eq!(
            DatabaseUrl::parse("g1000.db").unwrap(),
            DatabaseUrl::Sqlite("g1000.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/x.db?mode=rwc").unwrap(),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgres://u:secret@localhost:5432/g").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
        let err = DatabaseUrl::parse("mysql://localhost/x").unwrap_err();
        assert!(err.to_string().contains("unknown scheme 'mysql'"), "{err}");
        let err = DatabaseUrl::parse("postgres://u:secret@host:notaport/db").unwrap_err();
        assert!(!err.to_string().contains("secret"), "{err}");
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:pw@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
