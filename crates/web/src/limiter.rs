//! The guard against invitation-code guessing.
//!
//! Codes carry over 64 bits of entropy, so guessing one is hopeless anyway; this guard makes sure that trying
//! costs time and never bothers the people whose codes are right:
//!
//! - **Per device** (a browser: its IP address plus its CSRF cookie; without a cookie, the IP address alone; an
//!   IPv6 /64 counts as one address): the first [`CodeGuard::FREE`] wrong codes in a row are answered normally.
//!   After that the device waits before its next code is checked: 2 s, 4 s, 8 s, … up to 15 minutes, doubling
//!   with every further wrong code. A code sent while waiting is refused unchecked (429 with `Retry-After`), so
//!   waiting is the only way on. While a device is over its free tries, only one of its codes is checked at a
//!   time. A right code ends the streak. Counting per device, not per address, matters in the hall: a thousand
//!   phones on the venue's Wi-Fi share one public address, and one person's typos (or one guesser) must not make
//!   the others wait.
//! - **Per address** (all devices behind it, so throwing the cookie away does not buy new tries): at most
//!   [`CodeGuard::NETWORK_BUDGET`] wrong codes per [`CodeGuard::NETWORK_WINDOW`]; beyond that, codes from the
//!   address wait until the oldest wrong code leaves the window. The budget is far above what typos in a full
//!   hall produce (the check character already stops almost every typo before it is counted).
//! - **Globally** (a guesser spread over many addresses): when more than [`CodeGuard::GLOBAL_BUDGET`] wrong codes
//!   arrive within a minute, every further wrong answer is held back a little longer (up to 10 s). Only wrong
//!   answers: a right code is always checked and answered at once, so nobody else's registration is blocked.
//!
//! Time comes from a [`Clock`], so tests can run ten thousand attempts without waiting for real.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the guard gets the time and how it waits.
pub trait Clock: Send + Sync {
    /// Time since an arbitrary fixed start.
    fn now(&self) -> Duration;
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;
}

/// The real clock.
pub struct SystemClock {
    start: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        Self {
            start: Instant::now(),
        }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.start.elapsed()
    }
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(d))
    }
}

/// A clock for tests: time stands still until someone sleeps, which moves it forward at once.
#[derive(Default)]
pub struct ManualClock {
    now: Mutex<Duration>,
    slept: Mutex<Duration>,
}

impl ManualClock {
    pub fn advance(&self, d: Duration) {
        *self.now.lock().expect("clock") += d;
    }
    /// The total time requests were held back.
    pub fn slept(&self) -> Duration {
        *self.slept.lock().expect("clock")
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        *self.now.lock().expect("clock")
    }
    fn sleep(&self, d: Duration) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        *self.slept.lock().expect("clock") += d;
        self.advance(d);
        Box::pin(std::future::ready(()))
    }
}

#[derive(Default)]
struct DeviceState {
    /// Wrong codes in a row.
    streak: u32,
    /// Codes being checked right now.
    in_flight: u32,
    /// No code is checked before this time.
    blocked_until: Duration,
    last_seen: Duration,
}

#[derive(Default)]
struct NetworkState {
    /// Times of the wrong codes within the window.
    wrong: VecDeque<Duration>,
    /// Codes being checked right now.
    in_flight: u32,
    last_seen: Duration,
}

#[derive(Default)]
struct State {
    devices: HashMap<String, DeviceState>,
    networks: HashMap<String, NetworkState>,
    /// Times of the wrong codes of the last minute, all clients.
    recent_wrong: VecDeque<Duration>,
}

/// Who sends a code: the address (network) and the browser on it (device).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeClient {
    network: String,
    device: String,
}

impl CodeClient {
    /// A client at `network` (a [`client_key`]); `browser` is a value only that browser holds (its CSRF cookie),
    /// kept only as a short hash. Without one, the device is the address itself.
    pub fn new(network: impl Into<String>, browser: Option<&str>) -> Self {
        let network = network.into();
        let device = match browser.filter(|b| !b.is_empty()) {
            Some(b) => format!("{network} {}", &crate::security::sha256_hex(b)[..16]),
            None => network.clone(),
        };
        Self { network, device }
    }

    /// The same client, counted apart for another use of codes (e.g. `day` for the participants' phones).
    pub fn scoped(&self, scope: &str) -> Self {
        Self {
            network: format!("{scope}:{}", self.network),
            device: format!("{scope}:{}", self.device),
        }
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for CodeClient {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let addr = ClientAddr::from_request_parts(parts, state).await?;
        let browser = crate::security::cookie(&parts.headers, crate::security::CSRF_COOKIE);
        Ok(CodeClient::new(addr.key(), browser))
    }
}

/// The outcome of asking to check a code.
#[derive(Debug, PartialEq, Eq)]
pub enum Admission {
    /// Check the code, then report the result with [`CodeGuard::finish`].
    Check(Ticket),
    /// Refused unchecked: try again after this many seconds.
    Wait { retry_after_s: u64 },
}

/// Permission to check one code; hand it back with the result.
#[derive(Debug, PartialEq, Eq)]
pub struct Ticket {
    client: CodeClient,
}

pub struct CodeGuard {
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

fn whole_seconds(d: Duration) -> u64 {
    (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
}

impl CodeGuard {
    /// Wrong codes in a row a device may send before it has to wait.
    pub const FREE: u32 = 5;
    /// The first wait, doubled for every further wrong code.
    pub const BASE_WAIT: Duration = Duration::from_secs(2);
    pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
    /// Wrong codes per address within [`Self::NETWORK_WINDOW`], all its devices together.
    pub const NETWORK_BUDGET: usize = 300;
    pub const NETWORK_WINDOW: Duration = Duration::from_secs(15 * 60);
    /// Wrong codes per minute, all clients together, before wrong answers are held back.
    pub const GLOBAL_BUDGET: usize = 100;
    pub const MAX_GLOBAL_DELAY: Duration = Duration::from_secs(10);

    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Self {
            clock,
            state: Mutex::new(State::default()),
        }
    }

    /// May this client have a code checked now?
    pub fn admit(&self, client: &CodeClient) -> Admission {
        let now = self.clock.now();
        let mut st = self.state.lock().expect("code guard");
        let hour = Duration::from_secs(3600);
        if st.devices.len() > 100_000 {
            st.devices.retain(|_, c| {
                c.in_flight > 0 || c.blocked_until > now || now - c.last_seen < hour
            });
        }
        if st.networks.len() > 100_000 {
            st.networks
                .retain(|_, n| n.in_flight > 0 || now - n.last_seen < hour);
        }
        let d = st.devices.entry(client.device.clone()).or_default();
        d.last_seen = now;
        if d.blocked_until > now {
            return Admission::Wait {
                retry_after_s: whole_seconds(d.blocked_until - now),
            };
        }
        // Codes in flight count as wrong until they are known, so parallel requests cannot slip past the limit.
        if d.streak + d.in_flight >= Self::FREE && d.in_flight > 0 {
            return Admission::Wait { retry_after_s: 1 };
        }
        let n = st.networks.entry(client.network.clone()).or_default();
        n.last_seen = now;
        while n
            .wrong
            .front()
            .is_some_and(|t| now.saturating_sub(*t) >= Self::NETWORK_WINDOW)
        {
            n.wrong.pop_front();
        }
        if n.wrong.len() + n.in_flight as usize >= Self::NETWORK_BUDGET {
            let retry_after_s = match n.wrong.front() {
                Some(&t) if n.wrong.len() >= Self::NETWORK_BUDGET => {
                    whole_seconds(t + Self::NETWORK_WINDOW - now)
                }
                _ => 1,
            };
            return Admission::Wait { retry_after_s };
        }
        n.in_flight += 1;
        st.devices
            .get_mut(&client.device)
            .expect("device entered above")
            .in_flight += 1;
        Admission::Check(Ticket {
            client: client.clone(),
        })
    }

    /// Report a checked code. For a wrong code, returns how long to hold the answer back (the global budget).
    pub fn finish(&self, ticket: Ticket, right: bool) -> Duration {
        let now = self.clock.now();
        let mut st = self.state.lock().expect("code guard");
        let n = st.networks.entry(ticket.client.network).or_default();
        n.in_flight = n.in_flight.saturating_sub(1);
        if !right {
            n.wrong.push_back(now);
        }
        let d = st.devices.entry(ticket.client.device).or_default();
        d.in_flight = d.in_flight.saturating_sub(1);
        if right {
            d.streak = 0;
            return Duration::ZERO;
        }
        d.streak += 1;
        if d.streak >= Self::FREE {
            let doublings = (d.streak - Self::FREE).min(20);
            let wait = Self::BASE_WAIT
                .saturating_mul(1 << doublings)
                .min(Self::MAX_WAIT);
            d.blocked_until = now + wait;
        }
        let minute = Duration::from_secs(60);
        while st
            .recent_wrong
            .front()
            .is_some_and(|t| now.saturating_sub(*t) >= minute)
        {
            st.recent_wrong.pop_front();
        }
        if st.recent_wrong.len() < 1_000_000 {
            st.recent_wrong.push_back(now);
        }
        let over = st.recent_wrong.len().saturating_sub(Self::GLOBAL_BUDGET);
        if over == 0 {
            Duration::ZERO
        } else {
            (Duration::from_millis(100) * over as u32).min(Self::MAX_GLOBAL_DELAY)
        }
    }

    /// Give a ticket back without a result (the check itself failed).
    pub fn cancel(&self, ticket: Ticket) {
        let mut st = self.state.lock().expect("code guard");
        if let Some(d) = st.devices.get_mut(&ticket.client.device) {
            d.in_flight = d.in_flight.saturating_sub(1);
        }
        if let Some(n) = st.networks.get_mut(&ticket.client.network) {
            n.in_flight = n.in_flight.saturating_sub(1);
        }
    }

    /// Wait as the clock waits (the global delay of a wrong answer).
    pub async fn hold(&self, d: Duration) {
        if !d.is_zero() {
            self.clock.sleep(d).await;
        }
    }
}

/// The client's IP address: the peer's, or, when the peer is a proxy on this machine or the private network,
/// the last address that proxy added to `X-Forwarded-For`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub Option<IpAddr>);

impl ClientAddr {
    /// The limiter key of this client.
    pub fn key(&self) -> String {
        self.0.map(client_key).unwrap_or_else(|| "unknown".into())
    }
}

fn is_proxy(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => v4.is_loopback() || v4.is_private(),
        IpAddr::V6(v6) => {
            v6.is_loopback()
                || v6.is_unique_local()
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| v4.is_loopback() || v4.is_private())
        }
    }
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .last()
                .and_then(|s| s.trim().parse::<IpAddr>().ok())
        };
        Ok(ClientAddr(match peer {
            Some(p) if is_proxy(p) => forwarded().or(Some(p)),
            other => other,
        }))
    }
}

/// The key a client is counted under: its IP address, or the /64 network for IPv6 (one household or phone).
pub fn client_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> (Arc<ManualClock>, CodeGuard) {
        let clock = Arc::new(ManualClock::default());
        (clock.clone(), CodeGuard::new(clock))
    }

    fn at(who: &str) -> CodeClient {
        CodeClient::new(who, None)
    }

    fn wrong(g: &CodeGuard, who: &str) -> Result<Duration, u64> {
        wrong_from(g, &at(who))
    }

    fn wrong_from(g: &CodeGuard, who: &CodeClient) -> Result<Duration, u64> {
        match g.admit(who) {
            Admission::Check(t) => Ok(g.finish(t, false)),
            Admission::Wait { retry_after_s } => Err(retry_after_s),
        }
    }

    #[test]
    fn a_client_waits_longer_after_each_wrong_code() {
        let (clock, g) = guard();
        for _ in 0..CodeGuard::FREE - 1 {
            assert!(wrong(&g, "a").is_ok());
        }
        assert!(wrong(&g, "a").is_ok()); // the fifth is checked, then the wait starts
        assert_eq!(wrong(&g, "a"), Err(2));
        clock.advance(Duration::from_secs(2));
        assert!(wrong(&g, "a").is_ok());
        assert_eq!(wrong(&g, "a"), Err(4));
        // Another client is not affected.
        assert!(matches!(g.admit(&at("b")), Admission::Check(_)));
        // Far on, the wait is capped.
        for _ in 0..30 {
            clock.advance(CodeGuard::MAX_WAIT);
            let _ = wrong(&g, "a");
        }
        assert_eq!(wrong(&g, "a"), Err(CodeGuard::MAX_WAIT.as_secs()));
    }

    #[test]
    fn a_right_code_ends_the_streak() {
        let (_, g) = guard();
        for _ in 0..CodeGuard::FREE - 1 {
            wrong(&g, "a").unwrap();
        }
        let Admission::Check(t) = g.admit(&at("a")) else {
            panic!()
        };
        assert_eq!(g.finish(t, true), Duration::ZERO);
        for _ in 0..CodeGuard::FREE - 1 {
            wrong(&g, "a").unwrap();
        }
    }

    #[test]
    fn parallel_requests_do_not_slip_past_the_limit() {
        let (_, g) = guard();
        let tickets: Vec<_> = (0..50).map(|_| g.admit(&at("a"))).collect();
        let checked = tickets
            .iter()
            .filter(|a| matches!(a, Admission::Check(_)))
            .count();
        assert_eq!(checked, CodeGuard::FREE as usize);
    }

    #[test]
    fn many_wrong_codes_everywhere_delay_only_wrong_answers() {
        let (_, g) = guard();
        let mut delays = Duration::ZERO;
        for i in 0..(CodeGuard::GLOBAL_BUDGET + 50) {
            delays += wrong(&g, &format!("c{i}")).unwrap();
        }
        assert!(delays >= Duration::from_secs(50), "{delays:?}");
        let Admission::Check(t) = g.admit(&at("honest")) else {
            panic!()
        };
        assert_eq!(g.finish(t, true), Duration::ZERO);
    }

    #[test]
    fn phones_behind_one_address_are_counted_apart() {
        let (_, g) = guard();
        let guesser = CodeClient::new("192.0.2.1", Some("cookie-of-the-guesser"));
        for _ in 0..CodeGuard::FREE {
            assert!(wrong_from(&g, &guesser).is_ok());
        }
        assert_eq!(wrong_from(&g, &guesser), Err(2));
        // Another phone on the venue's Wi-Fi (same address, its own cookie) is checked at once, typos and all.
        let phone = CodeClient::new("192.0.2.1", Some("cookie-of-a-phone"));
        assert!(wrong_from(&g, &phone).is_ok());
        let Admission::Check(t) = g.admit(&phone) else {
            panic!("the phone must be checked")
        };
        assert_eq!(g.finish(t, true), Duration::ZERO);
        // Without a cookie, the device is the address: its own streak, apart from the phones with cookies.
        assert_eq!(
            CodeClient::new("192.0.2.1", None),
            CodeClient::new("192.0.2.1", Some(""))
        );
        assert!(wrong_from(&g, &CodeClient::new("192.0.2.1", None)).is_ok());
    }

    #[test]
    fn a_fresh_cookie_per_guess_runs_into_the_address_budget() {
        let (clock, g) = guard();
        for i in 0..CodeGuard::NETWORK_BUDGET {
            let fresh = CodeClient::new("203.0.113.9", Some(&format!("cookie-{i}")));
            assert!(wrong_from(&g, &fresh).is_ok(), "guess {i}");
        }
        let next = CodeClient::new("203.0.113.9", Some("one-more-cookie"));
        let Err(wait) = wrong_from(&g, &next) else {
            panic!("the address is over its budget")
        };
        assert!(
            wait > CodeGuard::NETWORK_WINDOW.as_secs() - 5
                && wait <= CodeGuard::NETWORK_WINDOW.as_secs(),
            "{wait}"
        );
        // Other addresses are not affected; the address is checked again once its window has passed.
        assert!(wrong_from(&g, &CodeClient::new("198.51.100.1", Some("x"))).is_ok());
        clock.advance(CodeGuard::NETWORK_WINDOW);
        assert!(wrong_from(&g, &next).is_ok());
    }

    #[test]
    fn scopes_count_apart() {
        let (_, g) = guard();
        let c = CodeClient::new("192.0.2.7", Some("k"));
        for _ in 0..CodeGuard::FREE {
            wrong_from(&g, &c).unwrap();
        }
        assert!(wrong_from(&g, &c).is_err());
        assert!(wrong_from(&g, &c.scoped("day")).is_ok());
    }

    #[test]
    fn ipv6_clients_count_per_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_eq!(client_key("::ffff:10.1.2.3".parse().unwrap()), "10.1.2.3");
    }
}
