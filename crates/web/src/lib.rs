//! The g1000 web app: server-rendered pages in Dutch and English, live updates over SSE, accounts and roles.
//!
//! Handlers are thin: they read a form, call the store, and render a page struct (askama templates in
//! `templates/`). Every route and the roles it admits are listed in one table, [`routes::table`].

pub mod assets;
pub mod auth;
pub mod ballot;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod limiter;
pub mod live;
pub mod outbox;
pub mod pages;
pub mod replacement;
pub mod routes;
pub mod seating;
pub mod security;
pub mod selection;
pub mod selection_steps;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use g1000_store::Store;
use tokio::net::TcpListener;

pub use routes::{RouteInfo, route_info};

/// Web settings, in one place.
#[derive(Clone, Default)]
pub struct Config {
    /// Mark cookies `Secure` on every response (set when the public URL is https). Without it, cookies are
    /// still `Secure` on requests a TLS-terminating proxy marks with `X-Forwarded-Proto: https`.
    pub secure_cookies: bool,
    /// The site's public address (e.g. `https://g1000.example.org`), for the links in messages. Without it,
    /// links start with the address of the request that queued the message.
    pub public_url: Option<String>,
    /// The SMTP server that sends the outbox: `smtps://user:pass@host:465`, `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtp://host:25` (unencrypted, for a relay on the same machine). Without it, messages stay
    /// queued and the organisers export them as CSV.
    pub smtp_url: Option<String>,
    /// The sender of messages, e.g. `G1000 Lindenhoven <info@g1000.example.org>` (needed with `smtp_url`).
    pub mail_from: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The SMTP URL can hold a password: never printed.
        f.debug_struct("Config")
            .field("secure_cookies", &self.secure_cookies)
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.smtp_url.as_ref().map(|_| "***"))
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

impl Config {
    /// Check the settings that can be wrong before serving (the SMTP server and sender).
    pub fn validate(&self) -> Result<(), String> {
        outbox::Mailer::from_config(self).map(|_| ())
    }
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub catalogues: Arc<i18n::Catalogues>,
    /// Failed logins per e-mail address (10 in 15 minutes).
    pub login_limiter: Arc<security::AttemptLimiter>,
    /// Failed logins per client address, whatever the e-mail (50 in 15 minutes: one password tried on many
    /// accounts; generous, because a venue's Wi-Fi puts a whole team behind one address).
    pub login_client_limiter: Arc<security::AttemptLimiter>,
    /// Wrong invitation codes per client and overall (see [`limiter`]).
    pub code_guard: Arc<limiter::CodeGuard>,
    /// Open-form registrations per client (against a script filling the waiting list).
    pub open_limiter: Arc<security::AttemptLimiter>,
    /// The last opinion analysis per summit, reused while its votes are unchanged (issue 7).
    pub opinion_cache: Arc<pages::day::statements::OpinionCache>,
    /// Statements and votes on the online statements page per client address (120 in 10 minutes).
    pub online_limiter: Arc<security::AttemptLimiter>,
}

impl AppState {
    pub fn new(store: Store, config: Config) -> Self {
        Self {
            store,
            config: Arc::new(config),
            catalogues: i18n::Catalogues::load(),
            login_limiter: Arc::new(security::AttemptLimiter::new(
                10,
                Duration::from_secs(15 * 60),
            )),
            login_client_limiter: Arc::new(security::AttemptLimiter::new(
                50,
                Duration::from_secs(15 * 60),
            )),
            code_guard: Arc::new(limiter::CodeGuard::new(Arc::new(
                limiter::SystemClock::default(),
            ))),
            open_limiter: Arc::new(security::AttemptLimiter::new(
                30,
                Duration::from_secs(60 * 60),
            )),
            opinion_cache: Arc::default(),
            online_limiter: Arc::new(security::AttemptLimiter::new(
                120,
                Duration::from_secs(10 * 60),
            )),
        }
    }
}

/// The whole application as a router.
pub fn app(state: AppState) -> Router {
    routes::router(state)
}

/// Serve until `shutdown` resolves. `on_ready` is called with the bound address once connections are accepted.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    // With SMTP configured, a background sender delivers the outbox.
    let sender = match outbox::Mailer::from_config(&state.config) {
        Ok(Some(mailer)) => Some(outbox::spawn_sender(state.store.clone(), mailer)),
        Ok(None) => None,
        Err(e) => return Err(std::io::Error::other(e)),
    };
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    let res = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    if let Some(s) = sender {
        s.abort();
    }
    res
}
