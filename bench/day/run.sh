#!/usr/bin/env bash
# The day under load: builds g1000 and the load generator in release, then simulates 1000 phones (sign-in and
# live connections first, then keywords and ballots in one 60-second window) against `g1000 serve` on SQLite.
# Prints a Markdown report and exits non-zero when a check fails (an error, a lost or doubled submission, a
# dropped live connection, a p99 at or over 200 ms). Extra arguments go to the generator (see --help), e.g.
#   bench/day/run.sh --phones 200 --window-s 20
# Set CARGO_TARGET_DIR as usual. The machine's load is in the report: other builds on the same cores inflate
# the latencies.
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
cargo build --release -p g1000 -p g1000-loadgen
# Two connections per phone (pages and live updates) on both ends of the loopback.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec "$target/release/g1000-loadgen" --bin "$target/release/g1000" "$@"
