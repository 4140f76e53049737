//! Login sessions. Only a hash of the session token is stored, so a leaked database holds no usable cookie.

use crate::{Store, StoreResult, User, now_ms, with_pool};

impl Store {
    pub async fn create_session(
        &self,
        token_hash: &str,
        user_id: i64,
        lifetime_ms: i64,
    ) -> StoreResult<()> {
        let now = now_ms();
        with_pool!(self, write, |p| {
            sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(now + lifetime_ms)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        Ok(())
    }

    /// The user a live (unexpired) session belongs to.
    pub async fn session_user(&self, token_hash: &str) -> StoreResult<Option<User>> {
        Ok(with_pool!(self, read, |p| sqlx::query_as::<_, User>(
            "SELECT u.id, u.email, u.display_name, u.password_hash, u.is_organiser, u.created_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2"
        )
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(p)
        .await)?)
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        with_pool!(self, write, |p| sqlx::query(
            "DELETE FROM sessions WHERE token_hash = $1"
        )
        .bind(token_hash)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Remove expired sessions; returns how many.
    pub async fn purge_sessions(&self) -> StoreResult<u64> {
        let done = with_pool!(self, write, |p| sqlx::query(
            "DELETE FROM sessions WHERE expires_at <= $1"
        )
        .bind(now_ms())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(done)
    }
}
