//! Latencies and errors per kind of request, and the percentiles of the report.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// The kinds of request a phone makes. `in_window` kinds are the ones the latency target is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    SignInForm,
    SignIn,
    EventsConnect,
    DayPage,
    Keyword,
    KeywordRetry,
    BallotForm,
    Ballot,
    BallotRetry,
    BallotChange,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::SignInForm,
        Kind::SignIn,
        Kind::EventsConnect,
        Kind::DayPage,
        Kind::Keyword,
        Kind::KeywordRetry,
        Kind::BallotForm,
        Kind::Ballot,
        Kind::BallotRetry,
        Kind::BallotChange,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::SignInForm => "GET day/start (sign-in form)",
            Kind::SignIn => "POST day/start (badge code)",
            Kind::EventsConnect => "GET events (SSE, to first byte)",
            Kind::DayPage => "GET day (page, after redirects)",
            Kind::Keyword => "POST day/keywords",
            Kind::KeywordRetry => "POST day/keywords (retry, same id)",
            Kind::BallotForm => "GET ballot/{id} (form, after redirects)",
            Kind::Ballot => "POST ballot/{id} (cast)",
            Kind::BallotRetry => "POST ballot/{id} (retry, same id)",
            Kind::BallotChange => "POST ballot/{id} (change)",
        }
    }

    /// Requests of the measured window (sign-in and opening the live connection come before it).
    pub fn in_window(self) -> bool {
        !matches!(self, Kind::SignInForm | Kind::SignIn | Kind::EventsConnect)
    }
}

#[derive(Default)]
struct Inner {
    latencies: BTreeMap<Kind, Vec<Duration>>,
    errors: BTreeMap<Kind, usize>,
    samples: Vec<String>,
}

/// Shared by all phones.
#[derive(Default)]
pub struct Stats {
    inner: Mutex<Inner>,
}

/// How many error messages the report keeps.
const SAMPLES: usize = 20;

impl Stats {
    pub fn ok(&self, kind: Kind, took: Duration) {
        let mut i = self.inner.lock().expect("stats");
        i.latencies.entry(kind).or_default().push(took);
    }

    /// A failed request (transport error, unexpected status or answer); its latency still counts.
    pub fn error(&self, kind: Kind, took: Duration, message: String) {
        let mut i = self.inner.lock().expect("stats");
        i.latencies.entry(kind).or_default().push(took);
        *i.errors.entry(kind).or_default() += 1;
        if i.samples.len() < SAMPLES {
            i.samples.push(format!("{}: {message}", kind.label()));
        }
    }

    pub fn rows(&self) -> Vec<Row> {
        let i = self.inner.lock().expect("stats");
        let mut rows: Vec<Row> = Kind::ALL
            .iter()
            .filter_map(|k| {
                let l = i.latencies.get(k)?;
                Some(Row::of(
                    k.label().to_string(),
                    k.in_window(),
                    l.clone(),
                    i.errors.get(k).copied().unwrap_or(0),
                ))
            })
            .collect();
        let window: Vec<Duration> = i
            .latencies
            .iter()
            .filter(|(k, _)| k.in_window())
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        let window_errors = i
            .errors
            .iter()
            .filter(|(k, _)| k.in_window())
            .map(|(_, n)| n)
            .sum();
        rows.push(Row::of(
            "all requests of the window".into(),
            true,
            window,
            window_errors,
        ));
        rows
    }

    pub fn error_samples(&self) -> Vec<String> {
        self.inner.lock().expect("stats").samples.clone()
    }

    pub fn total_errors(&self) -> usize {
        self.inner.lock().expect("stats").errors.values().sum()
    }
}

/// One line of the latency table.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub in_window: bool,
    pub count: usize,
    pub errors: usize,
    pub p50: Duration,
    pub p95: Duration,
    pub p99: Duration,
    pub max: Duration,
}

impl Row {
    fn of(label: String, in_window: bool, mut l: Vec<Duration>, errors: usize) -> Row {
        l.sort();
        Row {
            label,
            in_window,
            count: l.len(),
            errors,
            p50: percentile(&l, 50.0),
            p95: percentile(&l, 95.0),
            p99: percentile(&l, 99.0),
            max: l.last().copied().unwrap_or_default(),
        }
    }
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p` % of the values at or
/// below it. Zero for no values.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(v: &[u64]) -> Vec<Duration> {
        v.iter().map(|m| Duration::from_millis(*m)).collect()
    }

    #[test]
    fn nearest_rank_percentiles() {
        let l = ms(&(1..=100).collect::<Vec<_>>());
        assert_eq!(percentile(&l, 50.0), Duration::from_millis(50));
        assert_eq!(percentile(&l, 99.0), Duration::from_millis(99));
        assert_eq!(percentile(&l, 100.0), Duration::from_millis(100));
        // One slow request in 50 is the p99.
        let mut l = ms(&[10; 49]);
        l.push(Duration::from_millis(900));
        assert_eq!(percentile(&l, 99.0), Duration::from_millis(900));
        assert_eq!(percentile(&l, 95.0), Duration::from_millis(10));
        assert_eq!(percentile(&[], 99.0), Duration::ZERO);
    }

    #[test]
    fn errors_count_in_their_row_and_the_window_total() {
        let s = Stats::default();
        s.ok(Kind::Keyword, Duration::from_millis(5));
        s.error(Kind::Keyword, Duration::from_millis(7), "status 500".into());
        s.ok(Kind::SignIn, Duration::from_millis(3));
        let rows = s.rows();
        let kw = rows
            .iter()
            .find(|r| r.label == Kind::Keyword.label())
            .unwrap();
        assert_eq!((kw.count, kw.errors), (2, 1));
        let all = rows.last().unwrap();
        assert_eq!(
            (all.count, all.errors),
            (2, 1),
            "sign-in is not in the window"
        );
        assert_eq!(s.total_errors(), 1);
        assert_eq!(s.error_samples().len(), 1);
    }
}
