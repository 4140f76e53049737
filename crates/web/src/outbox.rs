//! Messages to registrants: rendered from the Fluent catalogues in the person's language (Dutch or English),
//! queued in the store's outbox, and sent through SMTP when the app has an SMTP server configured ([`Config`]).
//! Without one, messages stay queued and the organisers export them as CSV for a mail merge.
//!
//! [`enqueue`] is the one way to send a message; every message carries a fresh personal link (`/c/{token}`,
//! only its hash stored) through which the person confirms or declines (when selected) and sees, downloads or
//! deletes their data.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use fluent_bundle::FluentValue;
use g1000_store::{Channel, Message, NewMessage, Store, StoreError, Summit};
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use crate::Config;
use crate::i18n::{Catalogues, Lang};
use crate::security::{random_token, sha256_hex};

/// What a message is about. Selected people and replacement invitations get a link to confirm or decline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// Thanks for registering; what happens next.
    RegistrationReceived,
    /// Drawn for the panel: please confirm or decline.
    Selected,
    /// On the reserve list.
    Reserve,
    /// Not drawn this time.
    NotSelected,
    /// A seat became free and a reserve is invited to take it: please confirm or decline.
    Replacement,
}

impl MessageKind {
    pub const ALL: [MessageKind; 5] = [
        MessageKind::RegistrationReceived,
        MessageKind::Selected,
        MessageKind::Reserve,
        MessageKind::NotSelected,
        MessageKind::Replacement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::RegistrationReceived => "registration_received",
            MessageKind::Selected => "selected",
            MessageKind::Reserve => "reserve",
            MessageKind::NotSelected => "not_selected",
            MessageKind::Replacement => "replacement",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Whether the message asks the person to confirm or decline through their link.
    pub fn asks_answer(self) -> bool {
        matches!(self, MessageKind::Selected | MessageKind::Replacement)
    }
}

/// A queued message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enqueued {
    pub message_id: i64,
    /// `email` or `sms`.
    pub channel: String,
    /// The personal link in the message (shown only here; the store keeps its hash).
    pub link: String,
}

fn catalogues() -> Arc<Catalogues> {
    static CATALOGUES: OnceLock<Arc<Catalogues>> = OnceLock::new();
    CATALOGUES.get_or_init(Catalogues::load).clone()
}

/// The catalogue key of a message's text: a `Selected` message to someone who took a seat without a lottery
/// (a personal invitation link, or the open form within its cap) says so instead of "you have been drawn"; a
/// `Replacement` to someone on the open form's waiting list speaks of the waiting list, not the reserve list.
fn text_key(kind: MessageKind, channel: Option<Channel>) -> String {
    match (kind, channel) {
        (MessageKind::Selected, Some(Channel::Link | Channel::Open)) => "msg-seat".into(),
        // A seat of the open form came free: the waiting list, not a reserve list.
        (MessageKind::Replacement, Some(Channel::Open)) => "msg-waiting-seat".into(),
        _ => format!("msg-{}", kind.as_str().replace('_', "-")),
    }
}

/// Subject and body of a message of `kind` in `lang`, to someone who registered through `channel`.
pub fn render(
    lang: Lang,
    kind: MessageKind,
    channel: Option<Channel>,
    name: &str,
    summit: &Summit,
    link: &str,
) -> (String, String) {
    let cat = catalogues();
    let args = [
        ("name", FluentValue::from(name.to_string())),
        ("summit", FluentValue::from(summit.fields.name.clone())),
        ("date", FluentValue::from(summit.fields.date.clone())),
        ("venue", FluentValue::from(summit.fields.venue.clone())),
        ("link", FluentValue::from(link.to_string())),
    ];
    let key = text_key(kind, channel);
    let subject = cat.message(lang, &format!("{key}-subject"), &args);
    let body = cat.message(lang, &format!("{key}-body"), &args);
    let footer = cat.message(lang, "msg-footer", &args);
    (subject, format!("{body}\n\n{footer}\n"))
}

/// Queue a message of `kind` to a registration, in its language, by e-mail (or by SMS when only a phone number
/// is known), with a fresh personal link under `base_url` (e.g. `https://g1000.example.org`). `Ok(None)` when the
/// registration has no contact details (any more).
pub async fn enqueue(
    store: &Store,
    summit: &Summit,
    registration_id: i64,
    kind: MessageKind,
    base_url: &str,
) -> Result<Option<Enqueued>, StoreError> {
    let reg = store
        .registration_by_id(registration_id)
        .await?
        .filter(|r| r.summit_id == summit.id)
        .ok_or(StoreError::NotFound("registration"))?;
    let Some(contact) = store.registration_contact(registration_id).await? else {
        return Ok(None);
    };
    let (channel, recipient) = match (&contact.email, &contact.phone) {
        (Some(e), _) if !e.trim().is_empty() => ("email", e.trim().to_string()),
        (_, Some(p)) if !p.trim().is_empty() => ("sms", p.trim().to_string()),
        _ => return Ok(None),
    };
    let token = random_token();
    store
        .add_personal_link(registration_id, &sha256_hex(&token))
        .await?;
    let link = format!("{}/c/{token}", base_url.trim_end_matches('/'));
    let lang = Lang::parse(&reg.language).unwrap_or(Lang::Nl);
    let (subject, body) = render(
        lang,
        kind,
        Channel::parse(&reg.channel),
        &contact.name,
        summit,
        &link,
    );
    let message_id = store
        .enqueue_message(&NewMessage {
            summit_id: summit.id,
            public_id: reg.public_id.clone(),
            kind: kind.as_str().into(),
            channel: channel.into(),
            recipient,
            language: lang.code().into(),
            subject,
            body,
        })
        .await?;
    Ok(Some(Enqueued {
        message_id,
        channel: channel.into(),
        link,
    }))
}

/// The address links in messages start with: the configured public URL, or else the address of the request.
pub fn base_url(state: &crate::AppState, headers: &axum::http::HeaderMap) -> String {
    match &state.config.public_url {
        Some(u) if !u.trim().is_empty() => u.trim().trim_end_matches('/').to_string(),
        _ => crate::pages::invitations::origin(state, headers),
    }
}

/// An SMTP connection set up from the configuration.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `Ok(None)` without SMTP configured; an error for a configuration that cannot work.
    pub fn from_config(config: &Config) -> Result<Option<Mailer>, String> {
        let Some(url) = config.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.trim())
            .map_err(|e| format!("the SMTP URL is not usable: {e}"))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = config
            .mail_from
            .as_deref()
            .filter(|f| !f.trim().is_empty())
            .ok_or("an SMTP server needs a sender address (--mail-from)")?
            .trim()
            .parse::<Mailbox>()
            .map_err(|e| format!("the sender address is not an e-mail address: {e}"))?;
        Ok(Some(Mailer { transport, from }))
    }

    async fn send(&self, m: &Message) -> Result<(), String> {
        let to: Mailbox = m
            .recipient
            .as_deref()
            .unwrap_or("")
            .parse()
            .map_err(|e| format!("not an e-mail address: {e}"))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Messages claimed per pass of the sender.
const BATCH: i64 = 50;

/// Send every queued e-mail once: sent ones are marked sent, the others failed with the error. Returns
/// (sent, failed).
pub async fn send_queued(store: &Store, mailer: &Mailer) -> Result<(usize, usize), StoreError> {
    let (mut sent, mut failed) = (0, 0);
    loop {
        let batch = store.claim_queued_email(BATCH).await?;
        if batch.is_empty() {
            return Ok((sent, failed));
        }
        for m in &batch {
            match mailer.send(m).await {
                Ok(()) => {
                    store.mark_sent(m.id).await?;
                    sent += 1;
                }
                Err(e) => {
                    tracing::warn!("message {} not sent: {e}", m.id);
                    store.mark_failed(m.id, &e).await?;
                    failed += 1;
                }
            }
        }
    }
}

/// The background sender: a pass whenever a message is queued anywhere (the event bus) and every 30 seconds.
pub fn spawn_sender(store: Store, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut events = store.bus().subscribe();
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            if let Err(e) = send_queued(&store, &mailer).await {
                tracing::warn!("outbox sender: {e}");
            }
            tokio::select! {
                _ = tick.tick() => {}
                ev = events.recv() => {
                    if let Err(tokio::sync::broadcast::error::RecvError::Closed) = ev {
                        return;
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids built from the vocabularies of this part exist in both catalogues.
    #[test]
    fn every_dynamic_key_exists() {
        let cat = catalogues();
        let mut keys: Vec<String> = vec![
            "msg-footer".into(),
            "msg-seat-subject".into(),
            "msg-seat-body".into(),
        ];
        for k in MessageKind::ALL {
            let k = k.as_str().replace('_', "-");
            keys.push(format!("msg-{k}-subject"));
            keys.push(format!("msg-{k}-body"));
            keys.push(format!("outbox-kind-{k}"));
        }
        for s in g1000_store::MESSAGE_STATUSES {
            keys.push(format!("outbox-status-{s}"));
        }
        for s in g1000_store::RegistrationStatus::ALL {
            keys.push(format!("reg-status-{s}"));
            keys.push(format!("personal-status-{}", s.as_str().replace('_', "-")));
        }
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| !(cat.has(Lang::Nl, k) && cat.has(Lang::En, k)))
            .collect();
        assert!(missing.is_empty(), "missing translations: {missing:?}");
    }

    #[test]
    fn kinds_round_trip() {
        for k in MessageKind::ALL {
            assert_eq!(MessageKind::parse(k.as_str()), Some(k));
        }
        assert!(MessageKind::Selected.asks_answer() && !MessageKind::Reserve.asks_answer());
    }

    #[test]
    fn a_seat_without_a_lottery_is_not_called_a_draw() {
        assert_eq!(
            text_key(MessageKind::Selected, Some(Channel::Letter)),
            "msg-selected"
        );
        assert_eq!(
            text_key(MessageKind::Selected, Some(Channel::Link)),
            "msg-seat"
        );
        assert_eq!(
            text_key(MessageKind::Selected, Some(Channel::Open)),
            "msg-seat"
        );
        assert_eq!(
            text_key(MessageKind::NotSelected, Some(Channel::Open)),
            "msg-not-selected"
        );
    }
}
