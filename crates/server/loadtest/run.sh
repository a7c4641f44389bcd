#!/usr/bin/env bash
# Bounded load test of `flashpoint serve` on loopback: a store of 100,000 synthetic events,
# `wrk` for 30 s against GET /api/events with eight filter sets in turn (events.lua).
# Prints requests/s, the latency distribution (p50…p99) and non-2xx answers.
# Usage: crates/server/loadtest/run.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
secs="${1:-30}"
conns="${2:-16}"
[ "$secs" -le 60 ] || { echo "at most 60 s"; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 2; }
cd "$root"
cargo build --release -p flashpoint -p flashpoint_server --example loadtest_store
work="$(mktemp -d)"
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
target/release/examples/loadtest_store "$work/load.db" 100000
port=$((20000 + RANDOM % 20000))
target/release/flashpoint serve --db "$work/load.db" --addr "127.0.0.1:$port" 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -sf "http://127.0.0.1:$port/api/summary"; echo
for p in $(sed -n 's/^ *"\(\/api[^"]*\)".*/\1/p' "$here/events.lua"); do
  printf '%s -> ' "$p"; curl -s "http://127.0.0.1:$port$p" | head -c 80; echo
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/events.lua" "http://127.0.0.1:$port"
echo "server errors logged: $(grep -c 'flashpoint serve: 5' "$work/serve.log" || true)"
