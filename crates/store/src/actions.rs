//! Action groups (issue 6, commitment): after a vote, one group per chosen proposal carries it on. People sign
//! up with or without their explicit consent to share their contact details with the group; one member is the
//! group's contact person (chosen by a facilitator, or volunteering).

use serde::Serialize;

use crate::{Event, Store, StoreError, StoreResult, claim, now_ms, with_pool};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ActionGroup {
    pub id: i64,
    pub summit_id: i64,
    pub vote_id: i64,
    pub proposal_id: Option<i64>,
    pub title: String,
    pub contact_registration_id: Option<i64>,
    /// Members so far.
    pub members: i64,
}

/// A member of a group (for the facilitator and the export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ActionMember {
    pub group_id: i64,
    pub registration_id: i64,
    pub public_id: String,
    pub share_contact: bool,
    pub volunteer: bool,
    pub joined_at: i64,
    /// The contact details, only when the member consented to share them (and they are not deleted).
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

const GROUP_COLS: &str = "g.id, g.summit_id, g.vote_id, g.proposal_id, g.title, g.contact_registration_id, \
    (SELECT COUNT(*) FROM action_group_members m WHERE m.group_id = g.id) AS members";

impl Store {
    /// Makes one group per (title, proposal) of a vote's outcome; groups that exist are kept. Returns the
    /// number of groups created.
    pub async fn ensure_action_groups(
        &self,
        summit_id: i64,
        vote_id: i64,
        chosen: &[(String, Option<i64>)],
    ) -> StoreResult<usize> {
        let now = now_ms();
        let mut made = 0;
        for (title, proposal) in chosen {
            made += with_pool!(self, write, |p| {
                sqlx::query(
                    "INSERT INTO action_groups (summit_id, vote_id, proposal_id, title, created_at) \
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (vote_id, title) DO NOTHING",
                )
                .bind(summit_id)
                .bind(vote_id)
                .bind(proposal)
                .bind(title)
                .bind(now)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
            })? as usize;
        }
        if made > 0 {
            self.bus()
                .publish(Event::summit(summit_id, "actions"))
                .await;
        }
        Ok(made)
    }

    /// A summit's action groups, by id.
    pub async fn action_groups(&self, summit_id: i64) -> StoreResult<Vec<ActionGroup>> {
        let sql = format!(
            "SELECT {GROUP_COLS} FROM action_groups g WHERE g.summit_id = $1 ORDER BY g.id"
        );
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, ActionGroup>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .fetch_all(p)
                .await
        })?)
    }

    pub async fn action_group(&self, summit_id: i64, id: i64) -> StoreResult<ActionGroup> {
        let sql = format!(
            "SELECT {GROUP_COLS} FROM action_groups g WHERE g.summit_id = $1 AND g.id = $2"
        );
        with_pool!(self, read, |p| {
            sqlx::query_as::<_, ActionGroup>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(summit_id)
                .bind(id)
                .fetch_optional(p)
                .await
        })?
        .ok_or(StoreError::NotFound("action group"))
    }

    /// Signs a participant up for a group (or updates their consent and volunteering). False for a retried
    /// submission. A volunteer becomes the contact person when the group has none yet.
    pub async fn join_action_group(
        &self,
        summit_id: i64,
        group_id: i64,
        registration_id: i64,
        share_contact: bool,
        volunteer: bool,
        submission: &str,
    ) -> StoreResult<bool> {
        let res: Result<Option<bool>, sqlx::Error> = with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                if !claim!(tx, submission) {
                    return Ok(Some(false));
                }
                let ok: Option<i64> = sqlx::query_scalar(
                    "SELECT g.id FROM action_groups g JOIN registrations r ON r.summit_id = g.summit_id \
                     WHERE g.id = $1 AND g.summit_id = $2 AND r.id = $3",
                )
                .bind(group_id)
                .bind(summit_id)
                .bind(registration_id)
                .fetch_optional(&mut *tx)
                .await?;
                if ok.is_none() {
                    return Ok(None);
                }
                sqlx::query(
                    "INSERT INTO action_group_members (group_id, registration_id, share_contact, volunteer, \
                     joined_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (group_id, registration_id) \
                     DO UPDATE SET share_contact = $3, volunteer = $4",
                )
                .bind(group_id)
                .bind(registration_id)
                .bind(share_contact)
                .bind(volunteer)
                .bind(now_ms())
                .execute(&mut *tx)
                .await?;
                if volunteer && share_contact {
                    sqlx::query(
                        "UPDATE action_groups SET contact_registration_id = $1 WHERE id = $2 \
                         AND contact_registration_id IS NULL",
                    )
                    .bind(registration_id)
                    .bind(group_id)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(Some(true))
            }
            .await
        });
        let done = res?.ok_or(StoreError::NotFound("action group"))?;
        if done {
            self.bus()
                .publish(Event::summit(summit_id, "actions"))
                .await;
        }
        Ok(done)
    }

    /// Takes a participant off a group (and off its contact role).
    pub async fn leave_action_group(
        &self,
        summit_id: i64,
        group_id: i64,
        registration_id: i64,
    ) -> StoreResult<()> {
        with_pool!(self, write, |p| {
            async {
                let mut tx = p.begin().await?;
                sqlx::query(
                    "DELETE FROM action_group_members WHERE group_id = $1 AND registration_id = $2 \
                     AND group_id IN (SELECT id FROM action_groups WHERE summit_id = $3)",
                )
                .bind(group_id)
                .bind(registration_id)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE action_groups SET contact_registration_id = NULL WHERE id = $1 \
                     AND summit_id = $2 AND contact_registration_id = $3",
                )
                .bind(group_id)
                .bind(summit_id)
                .bind(registration_id)
                .execute(&mut *tx)
                .await?;
                tx.commit().await
            }
            .await
        })?;
        self.bus()
            .publish(Event::summit(summit_id, "actions"))
            .await;
        Ok(())
    }

    /// Makes a member who consented to share their contact details the group's contact person.
    pub async fn set_action_contact(
        &self,
        summit_id: i64,
        group_id: i64,
        registration_id: i64,
    ) -> StoreResult<()> {
        let n = with_pool!(self, write, |p| {
            sqlx::query(
                "UPDATE action_groups SET contact_registration_id = $1 WHERE id = $2 AND summit_id = $3 \
                 AND EXISTS (SELECT 1 FROM action_group_members m WHERE m.group_id = $2 \
                 AND m.registration_id = $1 AND m.share_contact)",
            )
            .bind(registration_id)
            .bind(group_id)
            .bind(summit_id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })?;
        if n == 0 {
            return Err(StoreError::NotFound("member who shares contact details"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "actions"))
            .await;
        Ok(())
    }

    /// A group's members by sign-up; contact details only for those who consented.
    pub async fn action_members(
        &self,
        summit_id: i64,
        group_id: i64,
    ) -> StoreResult<Vec<ActionMember>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_as::<_, ActionMember>(
                "SELECT m.group_id, m.registration_id, r.public_id, m.share_contact, m.volunteer, m.joined_at, \
                 CASE WHEN m.share_contact THEN c.name END AS name, \
                 CASE WHEN m.share_contact THEN c.email END AS email, \
                 CASE WHEN m.share_contact THEN c.phone END AS phone \
                 FROM action_group_members m JOIN action_groups g ON g.id = m.group_id \
                 JOIN registrations r ON r.id = m.registration_id \
                 LEFT JOIN registration_contact c ON c.registration_id = m.registration_id \
                 WHERE m.group_id = $1 AND g.summit_id = $2 ORDER BY m.joined_at, m.registration_id",
            )
            .bind(group_id)
            .bind(summit_id)
            .fetch_all(p)
            .await
        })?)
    }

    /// The groups a participant belongs to.
    pub async fn my_action_groups(&self, registration_id: i64) -> StoreResult<Vec<i64>> {
        Ok(with_pool!(self, read, |p| {
            sqlx::query_scalar(
                "SELECT group_id FROM action_group_members WHERE registration_id = $1 ORDER BY group_id",
            )
            .bind(registration_id)
            .fetch_all(p)
            .await
        })?)
    }
}
