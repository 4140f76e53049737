//! Group commit for SQLite: write requests queue for one writer task, which runs every request waiting at that
//! moment in ONE transaction (one fsync for all of them), each inside its own savepoint, and answers each caller
//! only after that transaction committed. Durability is unchanged (`synchronous = FULL`): a caller told "saved"
//! is saved. A request that fails is rolled back to its savepoint and answered with its error; the others of its
//! batch are committed. When the commit itself fails, every caller of the batch gets the error (nothing of the
//! batch was stored).
//!
//! PostgreSQL does not need this (its pool writes concurrently); [`write_tx!`] runs the same body there in a
//! transaction of its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use futures_util::future::BoxFuture;
use sqlx::{Connection, SqliteConnection, SqlitePool};
use tokio::sync::{mpsc, oneshot};

use crate::{StoreError, StoreResult};

/// The most requests committed in one transaction (bounds the time the first of them waits).
const MAX_BATCH: usize = 256;

/// What a transaction body decides: keep its changes, or undo them (e.g. a refused ballot) — with the answer
/// for its caller in both cases.
pub(crate) enum Tx<T> {
    Commit(T),
    Rollback(T),
}

/// How a job's caller is answered once its batch is done: `None` when the batch committed, else why it failed.
type Answer = Box<dyn FnOnce(Option<String>) + Send>;
type Job =
    Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, (bool, Answer)> + Send>;

/// The handle to the writer task (cheap to clone; the task ends when the last handle is dropped).
#[derive(Clone)]
pub(crate) struct Writer {
    jobs: mpsc::UnboundedSender<Job>,
    stats: Arc<Stats>,
}

/// How many transactions the writer committed and how many writes they held.
#[derive(Default)]
struct Stats {
    commits: AtomicU64,
    writes: AtomicU64,
}

impl Writer {
    /// Start the writer task on the single write connection's pool.
    pub(crate) fn start(pool: SqlitePool) -> Self {
        let (jobs, rx) = mpsc::unbounded_channel();
        let stats = Arc::new(Stats::default());
        tokio::spawn(run(pool, rx, stats.clone()));
        Self { jobs, stats }
    }

    /// (transactions committed, writes in them) since the store opened.
    pub(crate) fn stats(&self) -> (u64, u64) {
        (
            self.stats.commits.load(Ordering::Relaxed),
            self.stats.writes.load(Ordering::Relaxed),
        )
    }

    /// Run `body` in the next batch; answers after the batch committed.
    pub(crate) async fn run<T, F>(&self, body: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<Tx<T>, sqlx::Error>>
            + Send
            + 'static,
    {
        let (tx, rx) = oneshot::channel::<StoreResult<T>>();
        let job: Job = Box::new(move |conn| {
            Box::pin(async move {
                let answer =
                    |keep: bool, v: T, tx: oneshot::Sender<StoreResult<T>>| -> (bool, Answer) {
                        (
                            keep,
                            Box::new(move |failed: Option<String>| {
                                let _ = tx.send(match failed {
                                    None => Ok(v),
                                    Some(reason) => Err(batch_failed(reason)),
                                });
                            }),
                        )
                    };
                match body(conn).await {
                    Ok(Tx::Commit(v)) => answer(true, v, tx),
                    Ok(Tx::Rollback(v)) => answer(false, v, tx),
                    Err(e) => {
                        let e = StoreError::Db(e);
                        (false, Box::new(move |_| drop(tx.send(Err(e)))) as Answer)
                    }
                }
            })
        });
        self.jobs
            .send(job)
            .map_err(|_| batch_failed("the database writer has stopped".into()))?;
        rx.await.map_err(|_| {
            batch_failed(
                "its batch failed before it ran, or the writer stopped (see the log)".into(),
            )
        })?
    }
}

fn batch_failed(reason: String) -> StoreError {
    StoreError::Db(sqlx::Error::Protocol(format!(
        "the write was not stored: {reason}"
    )))
}

async fn run(pool: SqlitePool, mut rx: mpsc::UnboundedReceiver<Job>, stats: Arc<Stats>) {
    let mut batch: Vec<Job> = Vec::with_capacity(MAX_BATCH);
    let mut logged = (std::time::Instant::now(), 0, 0);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        // Now and then, in the log: how many writes each fsync carried.
        if logged.0.elapsed() >= std::time::Duration::from_secs(10) {
            let (commits, writes) = (
                stats.commits.load(Ordering::Relaxed),
                stats.writes.load(Ordering::Relaxed),
            );
            if commits > logged.1 {
                tracing::info!(
                    "group commit: {} writes in {} transactions in the last {:.0} s ({} and {} since the start)",
                    writes - logged.2,
                    commits - logged.1,
                    logged.0.elapsed().as_secs_f64(),
                    writes,
                    commits
                );
            }
            logged = (std::time::Instant::now(), commits, writes);
        }
        let jobs = std::mem::take(&mut batch);
        let mut conn = match pool.acquire().await {
            Ok(c) => c,
            Err(e) => {
                fail_unrun(jobs, &e.to_string());
                continue;
            }
        };
        if let Err(e) = sqlx::query("BEGIN IMMEDIATE").execute(&mut *conn).await {
            fail_unrun(jobs, &e.to_string());
            continue;
        }
        let mut answers: Vec<Answer> = Vec::with_capacity(jobs.len());
        let mut broken: Option<String> = None;
        let mut rest: Vec<Job> = vec![];
        let mut jobs = jobs.into_iter();
        for job in jobs.by_ref() {
            if let Err(e) = sqlx::query("SAVEPOINT g1000_item")
                .execute(&mut *conn)
                .await
            {
                broken = Some(e.to_string());
                rest.push(job);
                break;
            }
            let (keep, answer) = job(&mut conn).await;
            let end = if keep {
                sqlx::query("RELEASE g1000_item").execute(&mut *conn).await
            } else {
                match sqlx::query("ROLLBACK TO g1000_item")
                    .execute(&mut *conn)
                    .await
                {
                    Ok(_) => sqlx::query("RELEASE g1000_item").execute(&mut *conn).await,
                    Err(e) => Err(e),
                }
            };
            answers.push(answer);
            if let Err(e) = end {
                broken = Some(e.to_string());
                break;
            }
        }
        rest.extend(jobs);
        let failed = match broken {
            None => match sqlx::query("COMMIT").execute(&mut *conn).await {
                Ok(_) => None,
                Err(e) => Some(e.to_string()),
            },
            Some(reason) => Some(reason),
        };
        if failed.is_none() {
            stats.commits.fetch_add(1, Ordering::Relaxed);
            stats
                .writes
                .fetch_add(answers.len() as u64, Ordering::Relaxed);
        } else {
            // Nothing of this batch is kept; a connection left inside a transaction is closed, not reused.
            if sqlx::query("ROLLBACK").execute(&mut *conn).await.is_err() {
                let _ = conn.detach().close().await;
            }
        }
        for answer in answers {
            answer(failed.clone());
        }
        fail_unrun(
            rest,
            failed
                .as_deref()
                .unwrap_or("an earlier write of its batch failed"),
        );
    }
}

/// Answer jobs that never ran. Dropping a job drops its caller's sender, which the caller reads as "the writer
/// has stopped"; the reason is logged here.
fn fail_unrun(jobs: Vec<Job>, reason: &str) {
    if !jobs.is_empty() {
        tracing::warn!("{} queued writes not stored: {reason}", jobs.len());
    }
    drop(jobs);
}

/// Run a transaction body on the store's writer: batched with others on SQLite, its own transaction on
/// PostgreSQL. The body is an expression of type `Result<Tx<T>, sqlx::Error>` using `$conn` (a `&mut` connection
/// of the backend); it must own what it uses (it runs on the writer task).
macro_rules! write_tx {
    ($store:expr, |$conn:ident| $body:expr) => {
        match &$store.db {
            $crate::Db::Sqlite { writer, .. } => {
                writer
                    .run(move |$conn: &mut sqlx::SqliteConnection| {
                        Box::pin(async move {
                            let r: Result<$crate::batch::Tx<_>, sqlx::Error> =
                                async { $body }.await;
                            r
                        })
                    })
                    .await
            }
            $crate::Db::Postgres(p) => async {
                let mut tx = p.begin().await?;
                let r = {
                    let $conn: &mut sqlx::PgConnection = &mut *tx;
                    let r: Result<$crate::batch::Tx<_>, sqlx::Error> = async { $body }.await;
                    r?
                };
                Ok(match r {
                    $crate::batch::Tx::Commit(v) => {
                        tx.commit().await?;
                        v
                    }
                    $crate::batch::Tx::Rollback(v) => {
                        tx.rollback().await?;
                        v
                    }
                })
            }
            .await
            .map_err(|e: sqlx::Error| $crate::StoreError::Db(e)),
        }
    };
}
pub(crate) use write_tx;

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::sqlite::SqlitePoolOptions;

    async fn pool() -> SqlitePool {
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect("sqlite::memory:")
            .await
            .unwrap();
        sqlx::query("CREATE TABLE t (n INTEGER PRIMARY KEY)")
            .execute(&pool)
            .await
            .unwrap();
        pool
    }

    async fn insert(w: &Writer, n: i64, fail: bool) -> StoreResult<i64> {
        w.run(move |c| {
            Box::pin(async move {
                sqlx::query("INSERT INTO t (n) VALUES ($1)")
                    .bind(n)
                    .execute(&mut *c)
                    .await?;
                if fail {
                    // A real SQL error after this job's insert: its insert must be undone, nothing else.
                    sqlx::query("INSERT INTO no_such_table VALUES (1)")
                        .execute(&mut *c)
                        .await?;
                }
                if n % 10 == 9 {
                    return Ok(Tx::Rollback(-n));
                }
                Ok(Tx::Commit(n))
            })
        })
        .await
    }

    #[tokio::test]
    async fn one_transaction_for_all_queued_writes_and_a_failure_loses_only_itself() {
        let pool = pool().await;
        let w = Writer::start(pool.clone());
        // All 40 are queued before the writer task runs (one thread): one batch.
        let results = futures_util::future::join_all((0..40).map(|n| insert(&w, n, n == 17))).await;
        assert_eq!(w.stats(), (1, 40), "one commit for the 40 writes");
        for (n, r) in results.iter().enumerate() {
            let n = n as i64;
            match r {
                Err(e) => assert_eq!(n, 17, "{e}"),
                Ok(v) if n % 10 == 9 => assert_eq!(*v, -n),
                Ok(v) => assert_eq!(*v, n),
            }
        }
        let stored: Vec<i64> = sqlx::query_scalar("SELECT n FROM t ORDER BY n")
            .fetch_all(&pool)
            .await
            .unwrap();
        let expected: Vec<i64> = (0..40).filter(|n| *n != 17 && n % 10 != 9).collect();
        assert_eq!(stored, expected);
        // A duplicate key is an error of its own write only; the next batch goes on.
        let (a, b) = tokio::join!(insert(&w, 3, false), insert(&w, 100, false));
        assert!(a.is_err());
        assert_eq!(b.unwrap(), 100);
        assert_eq!(w.stats(), (2, 42));
    }
}
