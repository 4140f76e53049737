use thiserror::Error;

/// Everything that can go wrong in the store, phrased for the person who has to act on it.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("bad database URL '{url}': {reason}")]
    BadUrl { url: String, reason: String },
    #[error(
        "'{path}' is not an SQLite database ({reason}); give a new file name or a postgres:// URL"
    )]
    NotSqlite { path: String, reason: String },
    #[error("cannot open database {url}: {reason}")]
    Open { url: String, reason: String },
    #[error("database migration failed: {0}")]
    Migrate(String),
    #[error("{0} already exists")]
    Conflict(&'static str),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
}

impl StoreError {
    /// Map a unique-constraint violation to a [`StoreError::Conflict`] naming `what`.
    pub(crate) fn unique_as(e: sqlx::Error, what: &'static str) -> Self {
        if let sqlx::Error::Database(db) = &e
            && db.is_unique_violation()
        {
            return StoreError::Conflict(what);
        }
        StoreError::Db(e)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;
