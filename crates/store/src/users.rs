//! Accounts. Passwords arrive already hashed (argon2id, done by the web layer off the async runtime).

use crate::{Store, StoreError, StoreResult, User, now_ms, with_pool};

const USER_COLS: &str = "id, email, display_name, password_hash, is_organiser, created_at";

impl Store {
    /// Create an account. `email` is stored lower-cased; a second account with the same address is a conflict.
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        password_hash: Option<&str>,
        is_organiser: bool,
    ) -> StoreResult<User> {
        let sql = format!(
            "INSERT INTO users (email, display_name, password_hash, is_organiser, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING {USER_COLS}"
        );
        with_pool!(self, write, |p| sqlx::query_as::<_, User>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(email.trim().to_lowercase())
        .bind(display_name.trim())
        .bind(password_hash)
        .bind(is_organiser)
        .bind(now_ms())
        .fetch_one(p)
        .await)
        .map_err(|e| StoreError::unique_as(e, "an account with this e-mail address"))
    }

    /// Create the very first organiser, only while no organiser exists (the first-run set-up page).
    /// Returns `Conflict` once one exists, so the page cannot be used to add organisers later.
    pub async fn create_first_organiser(
        &self,
        email: &str,
        display_name: &str,
        password_hash: &str,
    ) -> StoreResult<User> {
        let sql = format!(
            "INSERT INTO users (email, display_name, password_hash, is_organiser, created_at) \
             SELECT $1, $2, $3, TRUE, $4 WHERE NOT EXISTS (SELECT 1 FROM users WHERE is_organiser) \
             RETURNING {USER_COLS}"
        );
        let now = now_ms();
        // The claim row makes two simultaneous first-run set-ups conflict; the NOT EXISTS covers organisers
        // created otherwise (`g1000 admin create`).
        let res: Result<Option<User>, sqlx::Error> = with_pool!(self, write, |p| async {
            let mut tx = p.begin().await?;
            sqlx::query("INSERT INTO claims (name, claimed_at) VALUES ('first-organiser', $1)")
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let user = sqlx::query_as::<_, User>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(email.trim().to_lowercase())
                .bind(display_name.trim())
                .bind(password_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            if user.is_some() {
                tx.commit().await?;
            }
            Ok(user)
        }
        .await);
        match res {
            Ok(Some(user)) => Ok(user),
            Ok(None) => Err(StoreError::Conflict("an organiser")),
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                if db.message().contains("claims") || db.constraint() == Some("claims_pkey") {
                    Err(StoreError::Conflict("an organiser"))
                } else {
                    Err(StoreError::Conflict("an account with this e-mail address"))
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLS} FROM users WHERE email = $1");
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, User>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(p)
        .await)?)
    }

    pub async fn user_by_id(&self, id: i64) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, User>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(id)
        .fetch_optional(p)
        .await)?)
    }

    pub async fn organiser_exists(&self) -> StoreResult<bool> {
        let n: i64 = with_pool!(self, read, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE is_organiser"
        )
        .fetch_one(p)
        .await)?;
        Ok(n > 0)
    }

    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> StoreResult<()> {
        let done = with_pool!(self, write, |p| sqlx::query(
            "UPDATE users SET password_hash = $1 WHERE id = $2"
        )
        .bind(password_hash)
        .bind(user_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound("account"));
        }
        Ok(())
    }
}
