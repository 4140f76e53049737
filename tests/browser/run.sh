#!/usr/bin/env bash
# Browser tests: start BINARY on a fresh database and a free port, then drive Debian's chromium through
# playwright-core (node --test), checking every page with axe-core.
#
#   tests/browser/run.sh target/debug/g1000 [test files...]
#
# Installs what it needs when missing: the npm packages (npm ci) and Debian's chromium (apt-get, as root).
# Set KEEP_SERVER_LOG=1 to print the server's log even when the tests pass.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -lt 1 ]; then
  echo "usage: $0 BINARY [test files...]" >&2
  exit 2
fi
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift
if [ ! -x "$binary" ]; then
  echo "browser tests: $binary is not an executable (build it first: cargo build -p g1000)" >&2
  exit 2
fi

# --- what the tests need ---------------------------------------------------------------------------------------
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "browser tests: node and npm are needed" >&2
  exit 2
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  echo "browser tests: installing npm packages" >&2
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! command -v chromium >/dev/null; then
  echo "browser tests: installing Debian's chromium" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# --- a server on a fresh database ------------------------------------------------------------------------------
work="$(mktemp -d "${TMPDIR:-/tmp}/g1000-browser.XXXXXX")"
port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
base="http://127.0.0.1:$port"
log="$work/server.log"

"$binary" serve --database "$work/g1000.db" --listen "127.0.0.1:$port" >"$log" 2>&1 &
server=$!

stop() {
  if kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
}
cleanup() {
  stop
  rm -rf "$work"
}
trap cleanup EXIT

ready=""
for _ in $(seq 1 300); do
  if ! kill -0 "$server" 2>/dev/null; then
    echo "browser tests: the server stopped before it was ready:" >&2
    cat "$log" >&2
    exit 1
  fi
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "$base/healthz" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.1
done
if [ -z "$ready" ]; then
  echo "browser tests: the server did not answer $base/healthz within 30 s:" >&2
  cat "$log" >&2
  exit 1
fi

# --- the tests -------------------------------------------------------------------------------------------------
# setup.test.mjs runs first and on its own: it needs the fresh database (the first-run page) and creates the
# organiser the other files log in as. Then the others, one file at a time (they share the server and two cores).
status=0
# The binary itself, for tests that run its commands (g1000 invite draw, g1000 sortition verify).
export G1000_BIN="$binary"
if [ $# -gt 0 ]; then
  BASE_URL="$base" node --test --test-concurrency=1 "$@" || status=$?
else
  BASE_URL="$base" node --test "$here/setup.test.mjs" || status=$?
  others=()
  for f in "$here"/*.test.mjs; do
    [ "$f" = "$here/setup.test.mjs" ] || others+=("$f")
  done
  if [ ${#others[@]} -gt 0 ]; then
    BASE_URL="$base" node --test --test-concurrency=1 "${others[@]}" || status=$?
  fi
fi

stop
if [ "$status" -ne 0 ] || [ -n "${KEEP_SERVER_LOG:-}" ]; then
  echo "--- server log ($log) ---" >&2
  cat "$log" >&2
fi
exit "$status"
