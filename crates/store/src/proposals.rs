//! Proposals (issue 6): what a theme table wants to happen, in structured fields, drafted by the table's host
//! and visible to everyone once published. A published proposal edited by a facilitator carries the reason.

use serde::Serialize;

use crate::{Event, Store, StoreError, StoreResult, claim, now_ms, with_pool};

/// A proposal's editable fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProposalFields {
    pub title: String,
    pub what: String,
    pub why: String,
    /// Who does what.
    pub who_does: String,
    /// What we can do ourselves.
    pub we_can_do: String,
    /// An estimated cost (whole euros), for budget rules.
    pub cost: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Proposal {
    pub id: i64,
    pub summit_id: i64,
    pub table_id: Option<i64>,
    pub theme_id: Option<i64>,
    pub title: String,
    pub what: String,
    pub why: String,
    pub who_does: String,
    pub we_can_do: String,
    pub cost: Option<i64>,
    /// draft or published.
    pub status: String,
    pub edit_reason: String,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Proposal {
    pub fn published(&self) -> bool {
        self.status == "published"
    }
}

const COLS: &str = "id, summit_id, table_id, theme_id, title, what, why, who_does, we_can_do, cost, status, \
                    edit_reason, created_at, updated_at";

impl Store {
    /// Adds a draft proposal for a table (and theme). `submission` makes a retried form a no-op: `None` then.
    pub async fn add_proposal(
        &self,
        summit_id: i64,
        table_id: Option<i64>,
        theme_id: Option<i64>,
        fields: &ProposalFields,
        submission: &str,
    ) -> StoreResult<Option<Proposal>> {
        let now = now_ms();
        let sql = format!(
            "INSERT INTO proposals (summit_id, table_id, theme_id, title, what, why, who_does, we_can_do, cost, \
             status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $10) \
             RETURNING {COLS}"
        );
        let res: Result<Option<Proposal>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                if !claim!(tx, submission) {
                    return Ok(None);
                }
                if let Some(t) = table_id {
                    let ok: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM seating_tables WHERE id = $1 AND summit_id = $2",
                    )
                    .bind(t)
                    .bind(summit_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    if ok.is_none() {
                        return Err(sqlx::Error::RowNotFound);
                    }
                }
                let prop = sqlx::query_as::<_, Proposal>(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(summit_id)
                    .bind(table_id)
                    .bind(theme_id)
                    .bind(&fields.title)
                    .bind(&fields.what)
                    .bind(&fields.why)
                    .bind(&fields.who_does)
                    .bind(&fields.we_can_do)
                    .bind(fields.cost)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Some(prop))
            }
            .await
        });
        let prop = res.map_err(|e| match e {
            sqlx::Error::RowNotFound => StoreError::NotFound("table"),
            e => e.into(),
        })?;
        if prop.is_some() {
            self.bus()
                .publish(Event::summit(summit_id, "proposals"))
                .await;
        }
        Ok(prop)
    }

    /// A summit's proposals (drafts too), by table and then by id.
    pub async fn proposals(&self, summit_id: i64) -> StoreResult<Vec<Proposal>> {
        let sql = format!(
            "SELECT {COLS} FROM proposals WHERE summit_id = $1 ORDER BY table_id IS NULL, table_id, id"
        );
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, Proposal>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_all(p)
                .await
        })?)
    }

    /// A summit's published proposals, in the same order.
    pub async fn published_proposals(&self, summit_id: i64) -> StoreResult<Vec<Proposal>> {
        Ok(self
            .proposals(summit_id)
            .await?
            .into_iter()
            .filter(Proposal::published)
            .collect())
    }

    pub async fn proposal(&self, summit_id: i64, id: i64) -> StoreResult<Proposal> {
        let sql = format!("SELECT {COLS} FROM proposals WHERE id = $1 AND summit_id = $2");
        with_pool!(self, read, |p| {
            sqlx::query_as::<_, Proposal>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(id)
                .bind(summit_id)
                .fetch_optional(p)
                .await
        })?
        .ok_or(StoreError::NotFound("proposal"))
    }

    /// Changes a proposal's fields; `reason` (for an edit of a published proposal) is kept and shown with it.
    pub async fn update_proposal(
        &self,
        summit_id: i64,
        id: i64,
        fields: &ProposalFields,
        reason: &str,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE proposals SET title = $1, what = $2, why = $3, who_does = $4, we_can_do = $5, \
                 cost = $6, edit_reason = $7, updated_at = $8 WHERE id = $9 AND summit_id = $10",
            )
            .bind(&fields.title)
            .bind(&fields.what)
            .bind(&fields.why)
            .bind(&fields.who_does)
            .bind(&fields.we_can_do)
            .bind(fields.cost)
            .bind(reason)
            .bind(now_ms())
            .bind(id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("proposal"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "proposals"))
            .await;
        Ok(())
    }

    /// Publishes a proposal (or takes it back to draft).
    pub async fn set_proposal_published(
        &self,
        summit_id: i64,
        id: i64,
        published: bool,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE proposals SET status = $1, updated_at = $2 WHERE id = $3 AND summit_id = $4",
            )
            .bind(if published { "published" } else { "draft" })
            .bind(now_ms())
            .bind(id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("proposal"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "proposals"))
            .await;
        Ok(())
    }
}
