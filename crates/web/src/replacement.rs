//! Filling a seat that came free on the panel (a decline, a no-show after the confirmation deadline, a selected
//! person who deleted their data). A seat of the lottery group goes to the first reserve on the published reserve
//! list whose seat keeps every quota; a seat of another group (the open form with its cap) goes to the first person
//! on that group's waiting list.

use std::collections::BTreeMap;

use g1000_store::{
    RegistrationRow, RegistrationStatus, Selection, Store, StoreError, Summit, VacancyReason,
};

/// How often a vacancy is retried when the chosen person was just taken by a vacancy filled at the same moment.
const ATTEMPTS: usize = 8;

/// Fill the seat of `vacated` (already off the panel: declined or withdrawn): with the first reserve that keeps
/// every quota when it was a seat of the drawn selection, else with the first on the group's waiting list; or leave
/// it empty when there is nobody. The replacement is marked selected (only if still reserve / waiting, so two
/// vacancies at once never take the same person) and gets a message with a personal link to confirm or decline.
/// The freed seat is recorded (for the counts) and audit-logged with its reason; `actor` names who caused it in
/// the audit record.
pub async fn fill_vacancy(
    store: &Store,
    summit: &Summit,
    vacated: &RegistrationRow,
    reason: VacancyReason,
    actor: &str,
    base_url: &str,
) -> Result<Option<RegistrationRow>, StoreError> {
    let selection = store
        .selection(summit.id)
        .await?
        .filter(|s| s.group_id == vacated.group_id);
    let mut by = None;
    for _ in 0..ATTEMPTS {
        let cand = if let Some(selection) = &selection {
            first_fitting_reserve(store, summit, selection, vacated).await?
        } else {
            first_waiting(store, summit, vacated).await?
        };
        let Some(cand) = cand else { break };
        let from = cand.status().unwrap_or(RegistrationStatus::Reserve);
        if store.promote_to_selected(cand.id, from).await? {
            by = Some(cand);
            break;
        }
    }
    if let Some(cand) = &by {
        crate::outbox::enqueue(
            store,
            summit,
            cand.id,
            crate::outbox::MessageKind::Replacement,
            base_url,
        )
        .await?;
    }
    store
        .record_replacement(summit.id, vacated.id, reason, by.as_ref().map(|r| r.id))
        .await?;
    store
        .record(
            summit.id,
            actor,
            "selection.replaced",
            serde_json::json!({"vacated": vacated.public_id, "reason": reason.as_str(),
                "replacement": by.as_ref().map(|r| r.public_id.clone())}),
        )
        .await?;
    Ok(by)
}

/// The first on the waiting list of the vacated person's group (in order of registration).
async fn first_waiting(
    store: &Store,
    summit: &Summit,
    vacated: &RegistrationRow,
) -> Result<Option<RegistrationRow>, StoreError> {
    Ok(store
        .registrations(summit.id)
        .await?
        .into_iter()
        .filter(|r| {
            r.group_id == vacated.group_id && r.status() == Some(RegistrationStatus::Waiting)
        })
        .min_by_key(|r| (r.registered_at, r.id)))
}

/// The first reserve (published order, still in reserve) whose seat, with the rest of the panel of the
/// vacated person's group, keeps every quota of the selection.
async fn first_fitting_reserve(
    store: &Store,
    summit: &Summit,
    selection: &Selection,
    vacated: &RegistrationRow,
) -> Result<Option<RegistrationRow>, StoreError> {
    let quotas = store.selection_quotas(selection.id).await?;
    let regs = store.registrations(summit.id).await?;
    let on_panel = |r: &RegistrationRow| {
        r.group_id == vacated.group_id
            && matches!(
                r.status(),
                Some(
                    RegistrationStatus::Selected
                        | RegistrationStatus::Confirmed
                        | RegistrationStatus::CheckedIn
                )
            )
    };
    // Seats per (attribute, band) held by the panel without the person who left.
    let mut count: BTreeMap<(i64, String), i64> = BTreeMap::new();
    for r in regs.iter().filter(|r| on_panel(r) && r.id != vacated.id) {
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
            return Ok(Some((*cand).clone()));
        }
    }
    Ok(None)
}
