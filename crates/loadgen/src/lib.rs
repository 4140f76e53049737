//! A load generator for the day: a hall of phones against a running g1000 server.
//!
//! [`setup::seed`] makes the hall in a fresh database through the store's public API; [`drive::prepare`] signs
//! every phone in and opens its live-update connection; [`drive::window`] runs the measured window;
//! [`report::verify`] compares the database with what the server confirmed. The binary (`src/main.rs`) starts
//! the release `g1000 serve` against the database and prints the Markdown report.

pub mod drive;
pub mod report;
pub mod setup;
pub mod stats;

/// CPU seconds (user + system) a process has used so far, from `/proc` (Linux); `None` elsewhere.
pub fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The machine's load averages (1, 5, 15 minutes), from `/proc/loadavg`.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn own_cpu_time_is_read() {
        if std::path::Path::new("/proc/self/stat").exists() {
            let t = super::cpu_seconds("self").expect("cpu time of this process");
            assert!(t >= 0.0);
        }
    }
}
