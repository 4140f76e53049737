//! Attributes (kenmerken) and their bands: what registrants declare about themselves, in bands, for quotas.

use serde::Serialize;

use crate::{Event, Store, StoreError, StoreResult, with_pool};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Band {
    pub label: String,
    /// The community's share of this band, in per mille, when known.
    pub share_permille: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttributeFields {
    pub name: String,
    pub bands: Vec<Band>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    pub id: i64,
    pub summit_id: i64,
    pub position: i64,
    #[serde(flatten)]
    pub fields: AttributeFields,
}

#[derive(sqlx::FromRow)]
struct AttrRow {
    id: i64,
    summit_id: i64,
    position: i64,
    name: String,
}

#[derive(sqlx::FromRow)]
struct BandRow {
    attribute_id: i64,
    label: String,
    share_permille: Option<i64>,
}

impl Store {
    /// A summit's attributes with their bands, in order.
    pub async fn attributes(&self, summit_id: i64) -> StoreResult<Vec<Attribute>> {
        let attrs = with_pool!(self, read, |p| {
            sqlx::query_as::<_, AttrRow>(
            "SELECT id, summit_id, position, name FROM attributes WHERE summit_id = $1 ORDER BY position, id"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?;
        let bands = with_pool!(self, read, |p| {
            sqlx::query_as::<_, BandRow>(
            "SELECT b.attribute_id, b.label, b.share_permille FROM attribute_bands b \
             JOIN attributes a ON a.id = b.attribute_id WHERE a.summit_id = $1 ORDER BY b.attribute_id, b.position"
        )
        .bind(summit_id)
        .fetch_all(p)
        .await
        })?;
        Ok(attrs
            .into_iter()
            .map(|a| Attribute {
                fields: AttributeFields {
                    name: a.name,
                    bands: bands
                        .iter()
                        .filter(|b| b.attribute_id == a.id)
                        .map(|b| Band {
                            label: b.label.clone(),
                            share_permille: b.share_permille,
                        })
                        .collect(),
                },
                id: a.id,
                summit_id: a.summit_id,
                position: a.position,
            })
            .collect())
    }

    /// Add an attribute with its bands (one transaction). A second attribute of the same name is a conflict.
    pub async fn add_attribute(
        &self,
        summit_id: i64,
        f: &AttributeFields,
    ) -> StoreResult<Attribute> {
        let id: i64 = with_pool!(self, write, |p| async {
            let mut tx = p.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO attributes (summit_id, position, name) VALUES ($1, \
                 (SELECT COALESCE(MAX(position), 0) + 1 FROM attributes WHERE summit_id = $1), $2) RETURNING id",
            )
            .bind(summit_id)
            .bind(f.name.trim())
            .fetch_one(&mut *tx)
            .await?;
            for (i, b) in f.bands.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO attribute_bands (attribute_id, position, label, share_permille) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(i as i64 + 1)
                .bind(b.label.trim())
                .bind(b.share_permille)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(id)
        }
        .await)
        .map_err(|e| StoreError::unique_as(e, "an attribute with this name"))?;
        self.bus()
            .publish(Event::summit(summit_id, "attributes"))
            .await;
        self.attributes(summit_id)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(StoreError::NotFound("attribute"))
    }

    /// Replace an attribute's name and bands.
    pub async fn update_attribute(
        &self,
        summit_id: i64,
        id: i64,
        f: &AttributeFields,
    ) -> StoreResult<()> {
        let found: bool = with_pool!(self, write, |p| async {
            let mut tx = p.begin().await?;
            let n = sqlx::query("UPDATE attributes SET name = $1 WHERE id = $2 AND summit_id = $3")
                .bind(f.name.trim())
                .bind(id)
                .bind(summit_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM attribute_bands WHERE attribute_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for (i, b) in f.bands.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO attribute_bands (attribute_id, position, label, share_permille) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(i as i64 + 1)
                .bind(b.label.trim())
                .bind(b.share_permille)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(true)
        }
        .await)
        .map_err(|e| StoreError::unique_as(e, "an attribute with this name"))?;
        if !found {
            return Err(StoreError::NotFound("attribute"));
        }
        self.bus()
            .publish(Event::summit(summit_id, "attributes"))
            .await;
        Ok(())
    }

    pub async fn delete_attribute(&self, summit_id: i64, id: i64) -> StoreResult<()> {
        with_pool!(self, write, |p| sqlx::query(
            "DELETE FROM attributes WHERE id = $1 AND summit_id = $2"
        )
        .bind(id)
        .bind(summit_id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        self.bus()
            .publish(Event::summit(summit_id, "attributes"))
            .await;
        Ok(())
    }
}
