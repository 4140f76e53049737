//! Replacement after a decline: the first reserve on the published reserve list whose seat keeps every quota.

use std::collections::BTreeMap;

use g1000_store::{RegistrationRow, RegistrationStatus, Store, StoreError, Summit};

/// The registration that replaces `declined` (already marked declined), or `None` when no reserve fits the
/// quotas (or there is no drawn selection). The replacement is marked selected and gets a message with a
/// personal link to confirm or decline.
pub async fn replace_declined(
    store: &Store,
    summit: &Summit,
    declined: &RegistrationRow,
    base_url: &str,
) -> Result<Option<RegistrationRow>, StoreError> {
    let Some(selection) = store.selection(summit.id).await? else {
        return Ok(None);
    };
    let quotas = store.selection_quotas(selection.id).await?;
    let regs = store.registrations(summit.id).await?;
    let on_panel = |r: &RegistrationRow| {
        r.group_id == declined.group_id
            && matches!(
                r.status(),
                Some(
                    RegistrationStatus::Selected
                        | RegistrationStatus::Confirmed
                        | RegistrationStatus::CheckedIn
                )
            )
    };
    // Seats per (attribute, band) held by the panel without the person who declined.
    let mut count: BTreeMap<(i64, String), i64> = BTreeMap::new();
    for r in regs.iter().filter(|r| on_panel(r) && r.id != declined.id) {
        for b in store.registration_bands(r.id).await? {
            *count.entry(b).or_default() += 1;
        }
    }
    let by_id: BTreeMap<i64, &RegistrationRow> = regs.iter().map(|r| (r.id, r)).collect();
    for m in store.selection_reserves(summit.id).await? {
        let Some(cand) = by_id.get(&m.registration_id) else {
            continue;
        };
        if cand.status() != Some(RegistrationStatus::Reserve) {
            continue;
        }
        let mut after = count.clone();
        for b in store.registration_bands(cand.id).await? {
            *after.entry(b).or_default() += 1;
        }
        let fits = quotas.iter().all(|q| {
            let n = after
                .get(&(q.attribute_id, q.band.clone()))
                .copied()
                .unwrap_or(0);
            (q.min_seats..=q.max_seats).contains(&n)
        });
        if fits {
            store
                .set_registration_status(cand.id, RegistrationStatus::Selected, None)
                .await?;
            crate::outbox::enqueue(
                store,
                summit,
                cand.id,
                crate::outbox::MessageKind::Replacement,
                base_url,
            )
            .await?;
            return Ok(Some((*cand).clone()));
        }
    }
    Ok(None)
}
