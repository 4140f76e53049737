//! The phones. Each has its own HTTP client and cookie jar and does what a phone without JavaScript does: load
//! the page that has the form (for the CSRF token and the server-made submission id), post it, follow the
//! redirect. Before the window every phone signs in with its badge code and opens the live-update connection
//! (server-sent events), which it holds to the end. In the window, each phone arrives at a random moment, loads
//! the day page, sends 1–3 keywords, loads the ballot and casts it; some change it once, and some posts are sent
//! twice with the same submission id (the answer was lost on the Wi-Fi).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use g1000_opinion::SplitMix64;
use reqwest::redirect::Policy;
use reqwest::{Client, RequestBuilder, StatusCode};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

use crate::setup::Hall;
use crate::stats::{Kind, Stats};

/// How the phones behave.
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// The measured window.
    pub window: Duration,
    /// Phones arrive uniformly over the first `arrival_share` of the window (the rest is for their actions).
    pub arrival_share: f64,
    /// Share of posts sent a second time with the same submission id.
    pub retry_share: f64,
    /// Share of voters who change their ballot once.
    pub change_share: f64,
    /// Sign-ins in flight at once (before the window). The app checks at most five badge codes of one
    /// client address at a time, as it would for phones behind one venue router.
    pub signin_concurrency: usize,
    pub seed: u64,
}

impl Load {
    /// A person's pause between two actions: 0.3–2 s in a 60-second window, scaled with the window.
    fn think(&self, rng: &mut Rng) -> Duration {
        let scale = self.window.as_secs_f64() / 60.0;
        Duration::from_secs_f64(scale * (0.3 + 1.7 * rng.unit()))
    }
}

/// The phones' dice: the opinion engine's seeded SplitMix64, so the same seed gives the same plan.
pub struct Rng(SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0.next_f64()
    }
    /// Uniform in [lo, hi].
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.0.below((hi - lo + 1) as u64) as usize
    }
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// Words people send, Dutch and English.
const WORDS: &[&str] = &[
    "groen",
    "veiligheid",
    "fietspaden",
    "eenzaamheid",
    "jongeren",
    "betaalbaar wonen",
    "ouderen",
    "samen",
    "buurthuis",
    "onderwijs",
    "klimaat",
    "zorg",
    "vertrouwen",
    "speelplekken",
    "openbaar vervoer",
    "werk",
    "cultuur",
    "sport",
    "duurzaamheid",
    "respect",
    "housing",
    "safety",
    "trees",
    "community",
    "bus lines",
    "schone straten",
    "minder auto's",
    "bankjes",
    "inspraak",
    "armoede",
];

/// What the phones did that the database must now show.
#[derive(Debug, Default)]
pub struct Outcome {
    /// (registration, keyword) of every keyword the server confirmed, once each.
    pub keywords: Vec<(i64, String)>,
    /// Every voter's last confirmed ballot (option numbers, ascending).
    pub ballots: Vec<Vec<usize>>,
    pub signed_in: usize,
    pub sse_opened: usize,
    /// Live connections still open when the window was over.
    pub sse_held: usize,
    /// `change` events received over all live connections.
    pub events: u64,
    /// The fewest `change` events one live connection received.
    pub events_min: u64,
    /// From the first arrival to the last phone's last answer.
    pub window_took: Duration,
    pub phones_finished: usize,
}

/// One phone: its client (with its own cookie jar) and who holds it.
struct Phone {
    http: Client,
    base: String,
    slug: String,
    registration_id: i64,
    badge_code: String,
}

/// An answer with its body read.
struct Answer {
    status: StatusCode,
    location: String,
    body: String,
}

impl Phone {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a request and reads the whole answer; times it; records an error unless the status is `expect`.
    async fn send(
        &self,
        stats: &Stats,
        kind: Kind,
        req: RequestBuilder,
        expect: StatusCode,
    ) -> Option<Answer> {
        let t = Instant::now();
        let res = req.timeout(Duration::from_secs(60)).send().await;
        let res = match res {
            Ok(r) => r,
            Err(e) => {
                stats.error(kind, t.elapsed(), format!("no answer: {e}"));
                return None;
            }
        };
        let status = res.status();
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = match res.text().await {
            Ok(b) => b,
            Err(e) => {
                stats.error(kind, t.elapsed(), format!("answer cut off: {e}"));
                return None;
            }
        };
        let took = t.elapsed();
        if status != expect {
            let snippet: String = body.chars().take(160).collect();
            stats.error(
                kind,
                took,
                format!("status {status} (expected {expect}): {snippet}"),
            );
            return None;
        }
        stats.ok(kind, took);
        Some(Answer {
            status,
            location,
            body,
        })
    }

    async fn get(&self, stats: &Stats, kind: Kind, path: &str) -> Option<Answer> {
        self.send(stats, kind, self.http.get(self.url(path)), StatusCode::OK)
            .await
    }

    async fn post(
        &self,
        stats: &Stats,
        kind: Kind,
        path: &str,
        form: &[(String, String)],
    ) -> Option<Answer> {
        let req = self.http.post(self.url(path)).form(form);
        self.send(stats, kind, req, StatusCode::SEE_OTHER).await
    }

    /// Sign in with the badge code: the form (CSRF cookie and token), the post, the redirect to the day page.
    async fn sign_in(&self, stats: &Stats) -> bool {
        let start = format!("/s/{}/day/start", self.slug);
        let Some(form) = self.get(stats, Kind::SignInForm, &start).await else {
            return false;
        };
        let Some(csrf) = field(&form.body, "_csrf") else {
            stats.error(Kind::SignInForm, Duration::ZERO, "no CSRF token".into());
            return false;
        };
        let fields = vec![
            ("_csrf".to_string(), csrf),
            ("code".to_string(), self.badge_code.clone()),
        ];
        let Some(a) = self.post(stats, Kind::SignIn, &start, &fields).await else {
            return false;
        };
        if a.location != format!("/s/{}/day", self.slug) {
            stats.error(
                Kind::SignIn,
                Duration::ZERO,
                format!("redirected to {:?}", a.location),
            );
            return false;
        }
        self.get(stats, Kind::DayPage, &a.location).await.is_some()
    }

    /// Holds the live-update connection until `stop`; returns (still open at the end, change events received).
    async fn hold_events(
        &self,
        stats: &Stats,
        opened: &AtomicUsize,
        mut stop: watch::Receiver<bool>,
    ) -> (bool, u64) {
        let t = Instant::now();
        let res = self
            .http
            .get(self.url(&format!("/s/{}/events", self.slug)))
            .send()
            .await;
        let mut res = match res {
            Ok(r) if r.status() == StatusCode::OK => r,
            Ok(r) => {
                stats.error(
                    Kind::EventsConnect,
                    t.elapsed(),
                    format!("status {}", r.status()),
                );
                return (false, 0);
            }
            Err(e) => {
                stats.error(Kind::EventsConnect, t.elapsed(), format!("no answer: {e}"));
                return (false, 0);
            }
        };
        let mut buf = String::new();
        let mut ready = false;
        let mut changes = 0u64;
        loop {
            tokio::select! {
                chunk = res.chunk() => match chunk {
                    Ok(Some(c)) => {
                        buf.push_str(&String::from_utf8_lossy(&c));
                        while let Some(end) = buf.find("\n\n") {
                            let block: String = buf.drain(..end + 2).collect();
                            if block.lines().any(|l| l == "event: ready") && !ready {
                                ready = true;
                                stats.ok(Kind::EventsConnect, t.elapsed());
                                opened.fetch_add(1, Ordering::SeqCst);
                            }
                            if block.lines().any(|l| l == "event: change") {
                                changes += 1;
                            }
                        }
                    }
                    Ok(None) | Err(_) => return (false, changes),
                },
                _ = stop.changed() => return (ready, changes),
            }
        }
    }

    /// The phone's part of the window. Returns the confirmed keywords and the last confirmed ballot.
    async fn act(
        &self,
        stats: &Stats,
        hall: &Hall,
        load: &Load,
        rng: &mut Rng,
    ) -> (Vec<String>, Option<Vec<usize>>, bool) {
        let mut sent = vec![];
        let day = format!("/s/{}/day", self.slug);
        let Some(mut page) = self.get(stats, Kind::DayPage, &day).await else {
            return (sent, None, false);
        };
        let keywords = rng.between(1, 3);
        for _ in 0..keywords {
            tokio::time::sleep(load.think(rng)).await;
            let (Some(csrf), Some(submission), Some(round)) = (
                field(&page.body, "_csrf"),
                field(&page.body, "submission"),
                field(&page.body, "round"),
            ) else {
                stats.error(
                    Kind::DayPage,
                    Duration::ZERO,
                    "no keyword form on the day page".into(),
                );
                return (sent, None, false);
            };
            let text = WORDS[rng.between(0, WORDS.len() - 1)].to_string();
            let form = vec![
                ("_csrf".to_string(), csrf),
                ("submission".to_string(), submission),
                ("round".to_string(), round),
                ("text".to_string(), text.clone()),
            ];
            let path = format!("/s/{}/day/keywords", self.slug);
            let Some(a) = self.post(stats, Kind::Keyword, &path, &form).await else {
                return (sent, None, false);
            };
            if !a.location.contains("saved=") {
                stats.error(
                    Kind::Keyword,
                    Duration::ZERO,
                    format!("redirected to {:?}", a.location),
                );
                return (sent, None, false);
            }
            sent.push(text);
            if rng.chance(load.retry_share) {
                let Some(again) = self.post(stats, Kind::KeywordRetry, &path, &form).await else {
                    return (sent, None, false);
                };
                if again.location != a.location {
                    stats.error(
                        Kind::KeywordRetry,
                        Duration::ZERO,
                        format!(
                            "retry answered {:?}, first {:?}",
                            again.location, a.location
                        ),
                    );
                }
            }
            match self.get(stats, Kind::DayPage, &a.location).await {
                Some(p) => page = p,
                None => return (sent, None, false),
            }
        }
        tokio::time::sleep(load.think(rng)).await;
        let ballot = format!("/s/{}/ballot/{}", self.slug, hall.vote_id);
        let first = self.choose(hall, rng, None);
        let Some(mut last) = self
            .cast(stats, &ballot, &first, Kind::Ballot, "saved", load, rng)
            .await
        else {
            return (sent, None, false);
        };
        if rng.chance(load.change_share) {
            tokio::time::sleep(load.think(rng)).await;
            let other = self.choose(hall, rng, Some(&last));
            match self
                .cast(
                    stats,
                    &ballot,
                    &other,
                    Kind::BallotChange,
                    "changed",
                    load,
                    rng,
                )
                .await
            {
                Some(b) => last = b,
                None => return (sent, Some(last), false),
            }
        }
        (sent, Some(last), true)
    }

    /// 1..=max_choices distinct options, ascending; different from `not` when given.
    fn choose(&self, hall: &Hall, rng: &mut Rng, not: Option<&Vec<usize>>) -> Vec<usize> {
        loop {
            let n = rng.between(1, hall.max_choices.min(hall.options));
            let mut pick: Vec<usize> = (1..=hall.options).collect();
            for i in 0..n {
                let j = rng.between(i, pick.len() - 1);
                pick.swap(i, j);
            }
            let mut pick = pick[..n].to_vec();
            pick.sort_unstable();
            if not != Some(&pick) {
                return pick;
            }
        }
    }

    /// Loads the ballot form, posts `options`, maybe posts again (retry), follows the redirect. The redirect
    /// must say `done` (and `again` for the retry). Returns the options when confirmed.
    #[allow(clippy::too_many_arguments)]
    async fn cast(
        &self,
        stats: &Stats,
        path: &str,
        options: &[usize],
        kind: Kind,
        done: &str,
        load: &Load,
        rng: &mut Rng,
    ) -> Option<Vec<usize>> {
        let page = self.get(stats, Kind::BallotForm, path).await?;
        let (Some(csrf), Some(submission)) =
            (field(&page.body, "_csrf"), field(&page.body, "submission"))
        else {
            stats.error(
                Kind::BallotForm,
                Duration::ZERO,
                "no ballot form on the ballot page".into(),
            );
            return None;
        };
        tokio::time::sleep(load.think(rng) / 2).await;
        let mut form = vec![
            ("_csrf".to_string(), csrf),
            ("submission".to_string(), submission),
        ];
        form.extend(
            options
                .iter()
                .map(|o| ("option".to_string(), o.to_string())),
        );
        let a = self.post(stats, kind, path, &form).await?;
        let said = a.location.split("done=").nth(1).unwrap_or_default();
        if said != done {
            stats.error(
                kind,
                Duration::ZERO,
                format!("answered done={said:?}, expected {done:?}"),
            );
            return None;
        }
        if rng.chance(load.retry_share) {
            let again = self.post(stats, Kind::BallotRetry, path, &form).await?;
            let said = again.location.split("done=").nth(1).unwrap_or_default();
            if said != "again" {
                stats.error(
                    Kind::BallotRetry,
                    Duration::ZERO,
                    format!("retry answered done={said:?}, expected \"again\""),
                );
                return None;
            }
        }
        let shown = self.get(stats, Kind::BallotForm, &a.location).await?;
        debug_assert_eq!(shown.status, StatusCode::OK);
        Some(options.to_vec())
    }
}

/// The value of the first `<input name="NAME" value="...">` (hidden fields: CSRF token, submission id, round).
pub fn field(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let i = html.find(&marker)?;
    let rest = &html[i + marker.len()..];
    let v = rest.split('"').next()?;
    (!v.is_empty()).then(|| v.to_string())
}

/// The phones after sign-in, holding their live connections, ready for the window.
pub struct Ready {
    phones: Vec<Arc<Phone>>,
    pub stats: Arc<Stats>,
    pub signed_in: usize,
    pub sse_opened: usize,
    stop: watch::Sender<bool>,
    sse: JoinSet<(bool, u64)>,
}

/// Signs every phone in (`signin_concurrency` at a time) and opens its live connection; waits until every
/// connection said `ready` (or 60 s).
pub async fn prepare(base: &str, hall: &Hall, load: &Load) -> Result<Ready> {
    let stats = Arc::new(Stats::default());
    let mut phones = Vec::with_capacity(hall.people.len());
    for p in &hall.people {
        phones.push(Arc::new(Phone {
            http: Client::builder()
                .cookie_store(true)
                .redirect(Policy::none())
                .build()?,
            base: base.to_string(),
            slug: hall.slug.clone(),
            registration_id: p.registration_id,
            badge_code: p.badge_code.clone(),
        }));
    }
    let gate = Arc::new(Semaphore::new(load.signin_concurrency.max(1)));
    let mut signing = JoinSet::new();
    for phone in &phones {
        let (phone, stats, gate) = (phone.clone(), stats.clone(), gate.clone());
        signing.spawn(async move {
            let _permit = gate.acquire_owned().await.expect("semaphore");
            phone.sign_in(&stats).await
        });
    }
    let mut signed_in = 0;
    while let Some(ok) = signing.join_next().await {
        signed_in += usize::from(ok?);
    }
    let (stop, stopped) = watch::channel(false);
    let opened = Arc::new(AtomicUsize::new(0));
    let mut sse = JoinSet::new();
    for phone in &phones {
        let (phone, stats, opened, stopped) = (
            phone.clone(),
            stats.clone(),
            opened.clone(),
            stopped.clone(),
        );
        sse.spawn(async move { phone.hold_events(&stats, &opened, stopped).await });
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while opened.load(Ordering::SeqCst) < phones.len() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let sse_opened = opened.load(Ordering::SeqCst);
    Ok(Ready {
        phones,
        stats,
        signed_in,
        sse_opened,
        stop,
        sse,
    })
}

/// Runs the window: every phone arrives at its moment and does its part; then the live connections are
/// counted and closed.
pub async fn window(hall: &Hall, load: &Load, ready: Ready) -> Result<Outcome> {
    let Ready {
        phones,
        stats,
        signed_in,
        sse_opened,
        stop,
        mut sse,
    } = ready;
    let start = tokio::time::Instant::now();
    let mut acting = JoinSet::new();
    let hall = Arc::new(hall.clone());
    for (i, phone) in phones.iter().enumerate() {
        let (phone, stats, hall, load) = (phone.clone(), stats.clone(), hall.clone(), *load);
        let mut rng = Rng::new(load.seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let arrival = load.window.mul_f64(load.arrival_share * rng.unit());
        acting.spawn(async move {
            tokio::time::sleep_until(start + arrival).await;
            let (sent, ballot, finished) = phone.act(&stats, &hall, &load, &mut rng).await;
            (phone.registration_id, sent, ballot, finished)
        });
    }
    let mut outcome = Outcome {
        signed_in,
        sse_opened,
        ..Outcome::default()
    };
    while let Some(done) = acting.join_next().await {
        let (registration, sent, ballot, finished) = done?;
        outcome
            .keywords
            .extend(sent.into_iter().map(|k| (registration, k)));
        outcome.ballots.extend(ballot);
        outcome.phones_finished += usize::from(finished);
    }
    outcome.window_took = start.elapsed();
    // Let the last events arrive, then count the connections still open.
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.send(true).ok();
    outcome.events_min = u64::MAX;
    while let Some(held) = sse.join_next().await {
        let (open, events) = held?;
        outcome.sse_held += usize::from(open);
        outcome.events += events;
        outcome.events_min = outcome.events_min.min(events);
    }
    if outcome.events_min == u64::MAX {
        outcome.events_min = 0;
    }
    Ok(outcome)
}

/// The stats of a run (shared with the phones while it lasts).
pub fn stats(ready: &Ready) -> Arc<Stats> {
    ready.stats.clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_fields_are_read_from_the_page() {
        let html = r#"<input type="hidden" name="_csrf" value="abc"><input type="hidden" name="submission" value="f00d"><input name="round" value="">"#;
        assert_eq!(field(html, "_csrf").as_deref(), Some("abc"));
        assert_eq!(field(html, "submission").as_deref(), Some("f00d"));
        assert_eq!(field(html, "round"), None, "an empty value is no value");
        assert_eq!(field(html, "code"), None);
    }

    #[test]
    fn the_generator_is_deterministic_and_in_range() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            let u = a.unit();
            assert!((0.0..1.0).contains(&u));
            assert!((1..=3).contains(&a.between(1, 3)));
            b.unit();
            b.between(1, 3);
        }
        let ones = (0..10_000).filter(|_| a.chance(0.1)).count();
        assert!((800..1200).contains(&ones), "{ones}");
    }
}
