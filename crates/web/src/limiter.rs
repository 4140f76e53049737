//! The guard against invitation-code guessing.
//!
//! Codes carry over 64 bits of entropy, so guessing one is hopeless anyway; this guard makes sure that trying
//! costs time and never bothers the people whose codes are right:
//!
//! - **Per client** (IP address; an IPv6 /64): the first [`CodeGuard::FREE`] wrong codes in a row are answered
//!   normally. After that the client waits before its next code is checked: 2 s, 4 s, 8 s, … up to 15 minutes,
//!   doubling with every further wrong code. A code sent while waiting is refused unchecked (429 with
//!   `Retry-After`), so waiting is the only way on. While a client is over its free tries, only one of its codes is
//!   checked at a time. A right code ends the streak.
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
struct ClientState {
    /// Wrong codes in a row.
    streak: u32,
    /// Codes being checked right now.
    in_flight: u32,
    /// No code is checked before this time.
    blocked_until: Duration,
    last_seen: Duration,
}

#[derive(Default)]
struct State {
    clients: HashMap<String, ClientState>,
    /// Times of the wrong codes of the last minute, all clients.
    recent_wrong: VecDeque<Duration>,
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
    key: String,
}

pub struct CodeGuard {
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

impl CodeGuard {
    /// Wrong codes in a row a client may send before it has to wait.
    pub const FREE: u32 = 5;
    /// The first wait, doubled for every further wrong code.
    pub const BASE_WAIT: Duration = Duration::from_secs(2);
    pub const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
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
    pub fn admit(&self, client: &str) -> Admission {
        let now = self.clock.now();
        let mut st = self.state.lock().expect("code guard");
        if st.clients.len() > 100_000 {
            st.clients.retain(|_, c| {
                c.in_flight > 0
                    || c.blocked_until > now
                    || now - c.last_seen < Duration::from_secs(3600)
            });
        }
        let c = st.clients.entry(client.to_string()).or_default();
        c.last_seen = now;
        if c.blocked_until > now {
            let left = c.blocked_until - now;
            return Admission::Wait {
                retry_after_s: left.as_secs() + u64::from(left.subsec_nanos() > 0),
            };
        }
        // Codes in flight count as wrong until they are known, so parallel requests cannot slip past the limit.
        if c.streak + c.in_flight >= Self::FREE && c.in_flight > 0 {
            return Admission::Wait { retry_after_s: 1 };
        }
        c.in_flight += 1;
        Admission::Check(Ticket {
            key: client.to_string(),
        })
    }

    /// Report a checked code. For a wrong code, returns how long to hold the answer back (the global budget).
    pub fn finish(&self, ticket: Ticket, right: bool) -> Duration {
        let now = self.clock.now();
        let mut st = self.state.lock().expect("code guard");
        let c = st.clients.entry(ticket.key).or_default();
        c.in_flight = c.in_flight.saturating_sub(1);
        if right {
            c.streak = 0;
            return Duration::ZERO;
        }
        c.streak += 1;
        if c.streak >= Self::FREE {
            let doublings = (c.streak - Self::FREE).min(20);
            let wait = Self::BASE_WAIT
                .saturating_mul(1 << doublings)
                .min(Self::MAX_WAIT);
            c.blocked_until = now + wait;
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
        if let Some(c) = st.clients.get_mut(&ticket.key) {
            c.in_flight = c.in_flight.saturating_sub(1);
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

    fn wrong(g: &CodeGuard, who: &str) -> Result<Duration, u64> {
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
        assert!(matches!(g.admit("b"), Admission::Check(_)));
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
        let Admission::Check(t) = g.admit("a") else {
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
        let tickets: Vec<_> = (0..50).map(|_| g.admit("a")).collect();
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
        let Admission::Check(t) = g.admit("honest") else {
            panic!()
        };
        assert_eq!(g.finish(t, true), Duration::ZERO);
    }

    #[test]
    fn ipv6_clients_count_per_network() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_eq!(client_key("::ffff:10.1.2.3".parse().unwrap()), "10.1.2.3");
    }
}
