//! Summits and their set-up: stakeholder groups ("whole system"), the programme's rounds, and who has which role.

use crate::{
    Event, GroupFields, GroupRow, MySummit, Role, Round, RoundFields, RoundRow, StakeholderGroup,
    Store, StoreError, StoreResult, Summit, SummitFields, SummitRow, User, now_ms, with_pool,
};

const SUMMIT_COLS: &str = "id, slug, name, community, date, start_time, venue, capacity, languages, description, published, created_at, updated_at";
const GROUP_COLS: &str = "id, summit_id, position, name, kind, seat_target, join_method, open_cap";
const ROUND_COLS: &str = "id, summit_id, position, kind, question, duration_min, table_size";

/// A URL-safe slug from a summit's name: lower-case ASCII letters, digits and dashes.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name
        .chars()
        .flat_map(char::to_lowercase)
        .flat_map(fold_accent)
    {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() {
        "summit".into()
    } else {
        out.trim_end_matches('-').to_string()
    }
}

fn fold_accent(c: char) -> Option<char> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ÿ' | 'ý' => 'y',
        other => other,
    })
}

impl Store {
    /// Create a summit; its creator becomes its first organiser. The slug is derived from the name and made unique.
    pub async fn create_summit(
        &self,
        fields: &SummitFields,
        creator: &User,
    ) -> StoreResult<Summit> {
        let base = slugify(&format!(
            "{} {}",
            fields.name,
            fields.date.get(..4).unwrap_or("")
        ));
        let now = now_ms();
        let sql = format!(
            "INSERT INTO summits (slug, name, community, date, start_time, venue, capacity, languages, description, published, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $10, $5, $6, $7, $8, FALSE, $9, $9) RETURNING {SUMMIT_COLS}"
        );
        for attempt in 1..100 {
            let slug = if attempt == 1 {
                base.clone()
            } else {
                format!("{base}-{attempt}")
            };
            // The body is its own async block, so `?` ends this attempt, not the function: a taken slug
            // is retried with the next number.
            let res: Result<SummitRow, sqlx::Error> = with_pool!(self, write, |p| {
                async {
                let mut tx = p.begin().await?;
                let row = sqlx::query_as::<_, SummitRow>(sqlx::AssertSqlSafe(sql.as_str()))
                    .bind(&slug)
                    .bind(fields.name.trim())
                    .bind(fields.community.trim())
                    .bind(&fields.date)
                    .bind(fields.venue.trim())
                    .bind(fields.capacity)
                    .bind(fields.languages.join(","))
                    .bind(fields.description.trim())
                    .bind(now)
                    .bind(&fields.start_time)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query(
                    "INSERT INTO memberships (summit_id, user_id, role, created_at) VALUES ($1, $2, 'organiser', $3)",
                )
                .bind(row.id)
                .bind(creator.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(row)
            }
            .await
            });
            match res {
                Ok(row) => return Ok(row.into()),
                Err(sqlx::Error::Database(db)) if db.is_unique_violation() => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(StoreError::Conflict("a summit with this name"))
    }

    pub async fn update_summit(&self, id: i64, fields: &SummitFields) -> StoreResult<()> {
        let done = with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE summits SET name = $1, community = $2, date = $3, venue = $4, capacity = $5, languages = $6, \
             description = $7, updated_at = $8, start_time = $10 WHERE id = $9"
        )
        .bind(fields.name.trim())
        .bind(fields.community.trim())
        .bind(&fields.date)
        .bind(fields.venue.trim())
        .bind(fields.capacity)
        .bind(fields.languages.join(","))
        .bind(fields.description.trim())
        .bind(now_ms())
        .bind(id)
        .bind(&fields.start_time)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        if done == 0 {
            return Err(StoreError::NotFound("summit"));
        }
        self.bus().publish(Event::summit(id, "summit")).await;
        Ok(())
    }

    pub async fn set_published(&self, id: i64, published: bool) -> StoreResult<()> {
        with_pool!(self, write, |p| sqlx::query(
            "UPDATE summits SET published = $1, updated_at = $2 WHERE id = $3"
        )
        .bind(published)
        .bind(now_ms())
        .bind(id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        self.bus().publish(Event::summit(id, "published")).await;
        Ok(())
    }

    pub async fn summit_by_slug(&self, slug: &str) -> StoreResult<Option<Summit>> {
        let sql = format!("SELECT {SUMMIT_COLS} FROM summits WHERE slug = $1");
        let row = with_pool!(self, read, |p| sqlx::query_as::<_, SummitRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(slug)
        .fetch_optional(p)
        .await)?;
        Ok(row.map(Into::into))
    }

    pub async fn summit_by_id(&self, id: i64) -> StoreResult<Option<Summit>> {
        let sql = format!("SELECT {SUMMIT_COLS} FROM summits WHERE id = $1");
        let row = with_pool!(self, read, |p| sqlx::query_as::<_, SummitRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(id)
        .fetch_optional(p)
        .await)?;
        Ok(row.map(Into::into))
    }

    /// Published summits, soonest first.
    pub async fn published_summits(&self) -> StoreResult<Vec<Summit>> {
        let sql = format!("SELECT {SUMMIT_COLS} FROM summits WHERE published ORDER BY date, id");
        let rows = with_pool!(self, read, |p| sqlx::query_as::<_, SummitRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    /// The summits a user has any role in, with those roles.
    pub async fn summits_of(&self, user_id: i64) -> StoreResult<Vec<MySummit>> {
        let sql = format!(
            "SELECT {SUMMIT_COLS} FROM summits WHERE id IN (SELECT summit_id FROM memberships WHERE user_id = $1) \
             ORDER BY date, id"
        );
        let rows = with_pool!(self, read, |p| sqlx::query_as::<_, SummitRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(user_id)
        .fetch_all(p)
        .await)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let summit: Summit = row.into();
            let roles = self.roles_in(user_id, summit.id).await?;
            out.push(MySummit { summit, roles });
        }
        Ok(out)
    }

    /// The roles a user has in one summit.
    pub async fn roles_in(&self, user_id: i64, summit_id: i64) -> StoreResult<Vec<Role>> {
        let roles: Vec<String> = with_pool!(self, read, |p| sqlx::query_scalar(
            "SELECT role FROM memberships WHERE user_id = $1 AND summit_id = $2 ORDER BY role"
        )
        .bind(user_id)
        .bind(summit_id)
        .fetch_all(p)
        .await)?;
        Ok(roles.iter().filter_map(|r| Role::parse(r)).collect())
    }

    pub async fn add_member(&self, summit_id: i64, user_id: i64, role: Role) -> StoreResult<()> {
        with_pool!(self, write, |p| sqlx::query(
            "INSERT INTO memberships (summit_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(summit_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(now_ms())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
        .map_err(|e| StoreError::unique_as(e, "this role for this person"))?;
        Ok(())
    }

    /// Remove a role. The last organiser of a summit cannot be removed.
    pub async fn remove_member(&self, summit_id: i64, user_id: i64, role: Role) -> StoreResult<()> {
        if role == Role::Organiser {
            let organisers = self
                .members(summit_id)
                .await?
                .into_iter()
                .filter(|(_, r)| *r == Role::Organiser)
                .count();
            if organisers <= 1 {
                return Err(StoreError::Conflict("the last organiser of this summit"));
            }
        }
        with_pool!(self, write, |p| sqlx::query(
            "DELETE FROM memberships WHERE summit_id = $1 AND user_id = $2 AND role = $3"
        )
        .bind(summit_id)
        .bind(user_id)
        .bind(role.as_str())
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Everyone with a role in the summit other than participant, with that role.
    pub async fn members(&self, summit_id: i64) -> StoreResult<Vec<(User, Role)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            #[sqlx(flatten)]
            user: User,
            role: String,
        }
        let rows = with_pool!(self, read, |p| {
            sqlx::query_as::<_, Row>(
            "SELECT u.id, u.email, u.display_name, u.password_hash, u.is_organiser, u.created_at, m.role \
             FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.summit_id = $1 AND m.role <> 'participant' ORDER BY m.role, u.display_name"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?;
        Ok(rows
            .into_iter()
            .filter_map(|r| Role::parse(&r.role).map(|role| (r.user, role)))
            .collect())
    }

    // ---- stakeholder groups ----

    pub async fn groups(&self, summit_id: i64) -> StoreResult<Vec<StakeholderGroup>> {
        let sql = format!(
            "SELECT {GROUP_COLS} FROM stakeholder_groups WHERE summit_id = $1 ORDER BY position, id"
        );
        let rows = with_pool!(self, read, |p| sqlx::query_as::<_, GroupRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn add_group(
        &self,
        summit_id: i64,
        g: &GroupFields,
    ) -> StoreResult<StakeholderGroup> {
        let sql = format!(
            "INSERT INTO stakeholder_groups (summit_id, position, name, kind, seat_target, join_method, open_cap) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM stakeholder_groups WHERE summit_id = $1), \
             $2, $3, $4, $5, $6) RETURNING {GROUP_COLS}"
        );
        let row = with_pool!(self, write, |p| sqlx::query_as::<_, GroupRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .bind(g.name.trim())
        .bind(g.kind.as_str())
        .bind(g.seat_target)
        .bind(g.join_method.as_str())
        .bind(g.open_cap)
        .fetch_one(p)
        .await)?;
        self.bus().publish(Event::summit(summit_id, "groups")).await;
        Ok(row.into())
    }

    pub async fn update_group(&self, summit_id: i64, id: i64, g: &GroupFields) -> StoreResult<()> {
        let done = with_pool!(self, write, |p| {
            sqlx::query(
            "UPDATE stakeholder_groups SET name = $1, kind = $2, seat_target = $3, join_method = $4, open_cap = $5 \
             WHERE id = $6 AND summit_id = $7"
        )
        .bind(g.name.trim())
        .bind(g.kind.as_str())
        .bind(g.seat_target)
        .bind(g.join_method.as_str())
        .bind(g.open_cap)
        .bind(id)
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
        })?;
        if done == 0 {
            return Err(StoreError::NotFound("stakeholder group"));
        }
        self.bus().publish(Event::summit(summit_id, "groups")).await;
        Ok(())
    }

    /// Delete a group. A group that people registered for stays (a conflict): their registrations need it.
    pub async fn delete_group(&self, summit_id: i64, id: i64) -> StoreResult<()> {
        if self.group_registration_count(id).await? > 0 {
            return Err(StoreError::Conflict("registrations for this group"));
        }
        with_pool!(self, write, |p| sqlx::query(
            "DELETE FROM stakeholder_groups WHERE id = $1 AND summit_id = $2"
        )
        .bind(id)
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        self.bus().publish(Event::summit(summit_id, "groups")).await;
        Ok(())
    }

    // ---- programme ----

    pub async fn rounds(&self, summit_id: i64) -> StoreResult<Vec<Round>> {
        let sql =
            format!("SELECT {ROUND_COLS} FROM rounds WHERE summit_id = $1 ORDER BY position, id");
        let rows = with_pool!(self, read, |p| sqlx::query_as::<_, RoundRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .fetch_all(p)
        .await)?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    pub async fn add_round(&self, summit_id: i64, r: &RoundFields) -> StoreResult<Round> {
        let sql = format!(
            "INSERT INTO rounds (summit_id, position, kind, question, duration_min, table_size) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM rounds WHERE summit_id = $1), $2, $3, $4, $5) \
             RETURNING {ROUND_COLS}"
        );
        let row = with_pool!(self, write, |p| sqlx::query_as::<_, RoundRow>(
            sqlx::AssertSqlSafe(sql.as_str())
        )
        .bind(summit_id)
        .bind(r.kind.as_str())
        .bind(r.question.trim())
        .bind(r.duration_min)
        .bind(r.table_size)
        .fetch_one(p)
        .await)?;
        self.bus()
            .publish(Event::summit(summit_id, "programme"))
            .await;
        Ok(row.into())
    }

    pub async fn update_round(&self, summit_id: i64, id: i64, r: &RoundFields) -> StoreResult<()> {
        let done = with_pool!(self, write, |p| sqlx::query(
            "UPDATE rounds SET kind = $1, question = $2, duration_min = $3, table_size = $4 \
             WHERE id = $5 AND summit_id = $6"
        )
        .bind(r.kind.as_str())
        .bind(r.question.trim())
        .bind(r.duration_min)
        .bind(r.table_size)
        .bind(id)
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        if done == 0 {
            return Err(StoreError::NotFound("round"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "programme"))
            .await;
        Ok(())
    }

    /// Delete a round and close the gap in the positions.
    pub async fn delete_round(&self, summit_id: i64, id: i64) -> StoreResult<()> {
        with_pool!(self, write, |p| {
            let mut tx = p.begin().await?;
            let pos: Option<i64> =
                sqlx::query_scalar("SELECT position FROM rounds WHERE id = $1 AND summit_id = $2")
                    .bind(id)
                    .bind(summit_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(pos) = pos {
                sqlx::query("DELETE FROM rounds WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query(
                    "UPDATE rounds SET position = position - 1 WHERE summit_id = $1 AND position > $2",
                )
                .bind(summit_id)
                .bind(pos)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await
        })?;
        self.bus()
            .publish(Event::summit(summit_id, "programme"))
            .await;
        Ok(())
    }

    /// Move a round one place earlier (`up`) or later in the programme.
    pub async fn move_round(&self, summit_id: i64, id: i64, up: bool) -> StoreResult<()> {
        let rounds = self.rounds(summit_id).await?;
        let Some(i) = rounds.iter().position(|r| r.id == id) else {
            return Err(StoreError::NotFound("round"));
        };
        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
        let Some(other) = j.and_then(|j| rounds.get(j)) else {
            return Ok(()); // already first or last
        };
        let (a, b) = (&rounds[i], other);
        with_pool!(self, write, |p| {
            let mut tx = p.begin().await?;
            for (rid, pos) in [(a.id, b.position), (b.id, a.position)] {
                sqlx::query("UPDATE rounds SET position = $1 WHERE id = $2 AND summit_id = $3")
                    .bind(pos)
                    .bind(rid)
                    .bind(summit_id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await
        })?;
        self.bus()
            .publish(Event::summit(summit_id, "programme"))
            .await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(slugify("G1000 Amersfoort 2026"), "g1000-amersfoort-2026");
        assert_eq!(slugify("Duizend op Zuid!"), "duizend-op-zuid");
        assert_eq!(slugify("Café Één"), "cafe-een");
        assert_eq!(slugify("***"), "summit");
    }
}
