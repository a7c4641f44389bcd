#!/usr/bin/env bash
# Bounded load test of `flashpoint serve` on loopback: a store of 100,000 synthetic events, then
# `wrk` against GET /api/events — each of nine filter sets alone for SET_SECONDS, then all nine
# in turn for MIX_SECONDS (events.lua). Prints, per filter set, the time of one request alone,
# then, under load, requests/s, p50 and p99 latency and errors (failed connections, reads,
# writes, timeouts and answers of 400 or more); then the 5xx the server logged. No run lasts
# more than 60 s. wrk waits up to 30 s for an answer, the server's own limit on a read
# (`Config::read_timeout`, answered 503): a slower answer is an error either way; a faster one,
# however long it queued on a busy machine, is a latency.
# Usage: crates/server/loadtest/run.sh [SET_SECONDS] [MIX_SECONDS] [CONNECTIONS]
# BIN_DIR=DIR runs the `flashpoint` and `loadtest_store` found in DIR instead of building this
# checkout's (to compare two builds under the same load).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
set_secs="${1:-5}"
mix_secs="${2:-30}"
conns="${3:-16}"
[ "$set_secs" -le 60 ] && [ "$mix_secs" -le 60 ] || { echo "at most 60 s a run"; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
cd "$root"
if [ -n "${BIN_DIR:-}" ]; then
  flashpoint="$BIN_DIR/flashpoint"
  store_builder="$BIN_DIR/loadtest_store"
else
  # The server binary and the store builder (`--example` alone would leave a stale binary).
  cargo build --release -p flashpoint --bin flashpoint
  cargo build --release -p flashpoint_server --example loadtest_store
  flashpoint=target/release/flashpoint
  store_builder=target/release/examples/loadtest_store
fi
work="$(mktemp -d)"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT
"$store_builder" "$work/load.db" 100000
port=$((20000 + RANDOM % 20000))
"$flashpoint" serve --db "$work/load.db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "summary: $(curl -sf "http://127.0.0.1:$port/api/summary")"
paths=$(sed -n 's/^ *"\(\/api[^"]*\)".*/\1/p' "$here/events.lua")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "uptime: $(uptime)"
echo "wrk: 2 threads, $conns connections, 30 s timeout; per filter set ${set_secs} s, mixed ${mix_secs} s"
echo
printf '| %-70s | %8s | %8s | %7s | %7s | %6s | %8s | %-11s |\n' "Filter set (GET)" \
  "alone ms" "req/s" "p50 ms" "p99 ms" errors requests "load before"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..72})" ---------- ---------- \
  --------- --------- -------- ---------- -------------
row() {
  local name=$1 alone=$2 secs=$3
  shift 3
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 30s --latency -s "$here/events.lua" \
    "http://127.0.0.1:$port" "$@" | grep '^RESULT')
  read -r _ rps p50 p99 errors requests <<<"$out"
  printf '| %-70s | %8s | %8s | %7s | %7s | %6s | %8s | %-11s |\n' "$name" "$alone" "$rps" \
    "$p50" "$p99" "$errors" "$requests" "$load"
}
for p in $paths; do
  # A first answer checks that the filter set works (a 200 with events) before it is timed;
  # the second, alone on the server, gives the time of one request without queueing.
  code=$(curl -s -o "$work/first.json" -w '%{http_code}' "http://127.0.0.1:$port$p")
  [ "$code" = 200 ] || { echo "$p answered $code: $(head -c 200 "$work/first.json")"; exit 1; }
  alone=$(curl -s -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port$p" |
    awk '{ printf "%.0f", $1 * 1000 }')
  row "\`$p\`" "$alone" "$set_secs" -- "$p"
done
row "all $(echo "$paths" | wc -w) in turn" "" "$mix_secs"
echo
echo "5xx logged by the server: $(grep -c 'flashpoint serve: 5' "$work/serve.log" || true)"
echo "uptime: $(uptime)"
