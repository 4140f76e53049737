//! Throw-away databases for tests (feature `testing`).
//!
//! PostgreSQL needs `G1000_TEST_POSTGRES_URL` (an admin URL; every call creates a fresh database). Without it,
//! PostgreSQL tests are skipped with a message, unless `G1000_REQUIRE_POSTGRES=1` (as `scripts/test` sets),
//! in which case they fail.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000,
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// The URL of a fresh, empty database of the given kind; `None` when PostgreSQL is not configured.
pub async fn fresh_database(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join(format!("g1000-test-{}", unique()));
            std::fs::create_dir_all(&dir).expect("temp dir");
            Some(dir.join("test.db").display().to_string())
        }
        Backend::Postgres => {
            let Ok(admin) = std::env::var("G1000_TEST_POSTGRES_URL") else {
                if std::env::var("G1000_REQUIRE_POSTGRES").as_deref() == Ok("1") {
                    panic!("G1000_REQUIRE_POSTGRES=1 but G1000_TEST_POSTGRES_URL is not set");
                }
                eprintln!("skipped: G1000_TEST_POSTGRES_URL not set (scripts/test sets it)");
                return None;
            };
            use sqlx::Connection;
            let name = format!("g1000_test_{}", unique());
            let mut conn = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to the test PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
            Some(format!("{base}/{name}"))
        }
    }
}

impl crate::Store {
    /// Run one SQL statement directly (tests that check what the database itself refuses).
    pub async fn execute_raw(&self, sql: &str) -> Result<u64, sqlx::Error> {
        let sql = sql.to_string();
        crate::with_pool!(self, write, |p| sqlx::query(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
    }

    /// Every row of every table as text, one line per row (tests that check what the database holds).
    pub async fn dump_text(&self) -> Result<String, sqlx::Error> {
        let mut out = String::new();
        match &self.db {
            crate::Db::Sqlite { read, .. } => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                )
                .fetch_all(read)
                .await?;
                for t in tables {
                    let cols: Vec<String> =
                        sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
                            .bind(&t)
                            .fetch_all(read)
                            .await?;
                    if cols.is_empty() {
                        continue;
                    }
                    let expr = cols
                        .iter()
                        .map(|c| {
                            format!(
                                "CASE typeof(\"{c}\") WHEN 'blob' THEN hex(\"{c}\") \
                                 WHEN 'null' THEN '' ELSE CAST(\"{c}\" AS TEXT) END"
                            )
                        })
                        .collect::<Vec<_>>()
                        .join(" || '|' || ");
                    let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT {expr} FROM \"{t}\""
                    )))
                    .fetch_all(read)
                    .await?;
                    for r in rows {
                        out.push_str(&format!("{t}: {r}\n"));
                    }
                }
            }
            crate::Db::Postgres(p) => {
                let tables: Vec<String> = sqlx::query_scalar(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
                )
                .fetch_all(p)
                .await?;
                for t in tables {
                    let rows: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                        "SELECT x::text FROM \"{t}\" x"
                    )))
                    .fetch_all(p)
                    .await?;
                    for r in rows {
                        out.push_str(&format!("{t}: {r}\n"));
                    }
                }
            }
        }
        Ok(out)
    }
}

impl crate::Store {
    /// The first column of every row of a query, as text (tests that look at what SQL alone can see).
    pub async fn query_texts(&self, sql: &str) -> Result<Vec<String>, sqlx::Error> {
        let sql = sql.to_string();
        crate::with_pool!(self, read, |p| sqlx::query_scalar(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .fetch_all(p)
        .await)
    }
}
