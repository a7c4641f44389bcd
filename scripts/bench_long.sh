#!/usr/bin/env bash
# Long-article benchmark (issue 12): code ONE article of 1,000, 10,000 and 100,000 sentences with
# the release binary and report wall time, time per sentence and peak memory, so that the cost
# is seen to grow linearly with the length of an article.
#
#   scripts/bench_long.sh [SENTENCES...]      (default: 1000 10000 100000)
#
# Needs target/release/flashpoint (cargo build --release -p flashpoint; or set FLASHPOINT) and
# GNU time (/usr/bin/time). The article comes from scripts/gen_long_article.py (the project's own
# synthetic news text). The default 256 KiB cap on an article's text would cut the larger ones
# to some 3,000 sentences, so the runs lift it with --max-article-kib. One coding thread
# (--threads 1): one article is coded on one thread anyway. "us/sent" is wall time per sentence;
# "net_cpu_us" is the CPU time (user + system) of each sentence beyond a 30-sentence baseline
# article (which pays the start-up: model and tables loading, lazy ones included): the figure to
# compare from 1k to 100k, as CPU time is little moved by other work on the machine. Each figure is the best of three runs
# (one for 100,000 sentences).
# The load average of the machine is printed beside each figure: on a shared machine, run it
# with `nice` and compare figures taken at similar loads.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${FLASHPOINT:-target/release/flashpoint}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
[ -x "$BIN" ] || { echo "no $BIN: cargo build --release -p flashpoint" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CAP_KIB=$((1 << 20))

# Codes one article of $1 sentences once; sets SECS (wall), CPU (user + system), RSS_MB, FOUND
# (sentences the coder found) and WARN (warnings: a cut article would have one).
run_once() {
  local n=$1 txt="$WORK/long-$1.txt"
  [ -f "$txt" ] || python3 scripts/gen_long_article.py "$n" >"$txt"
  /usr/bin/time -v "$BIN" code --threads 1 --published 2024-03-01 --max-article-kib "$CAP_KIB" \
    "$txt" >"$WORK/out.jsonl" 2>"$WORK/time.txt"
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' \
    "$WORK/time.txt")
  CPU=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$WORK/time.txt")
  RSS_MB=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$WORK/time.txt")
  read -r FOUND WARN < <(python3 -c '
import json, sys
d = json.loads(open(sys.argv[1]).readline())
print(d["sentences"], len(d["warnings"]))' "$WORK/out.jsonl")
}

# The best (lowest) wall and CPU time of $2 runs of size $1: a busy machine only ever adds time.
run() {
  local best_s="" best_c=""
  for _ in $(seq "$2"); do
    run_once "$1"
    best_s=$(awk -v a="$best_s" -v b="$SECS" 'BEGIN { print (a == "" || b < a) ? b : a }')
    best_c=$(awk -v a="$best_c" -v b="$CPU" 'BEGIN { print (a == "" || b < a) ? b : a }')
  done
  SECS=$best_s
  CPU=$best_c
}

load() { cut -d' ' -f1 /proc/loadavg; }

# The baseline: a short article of BASE sentences, so that every table the coder loads lazily
# (on the first sentence that needs it) is loaded in it too.
BASE=30
run "$BASE" 3
START=$SECS
START_CPU=$CPU
echo "baseline ($BASE-sentence article, best of 3): ${START} s wall, ${START_CPU} s CPU," \
  "peak RSS ${RSS_MB} MB, load $(load)"
printf '%-9s %-9s %-9s %-8s %-8s %-9s %-12s %-8s %-6s %s\n' sentences found bytes wall_s cpu_s \
  "us/sent" "net_cpu_us" peak_MB warns load
for n in "${SIZES[@]}"; do
  before=$(load)
  # Small sizes are quick: the best of three; the largest once.
  runs=3
  [ "$n" -lt 50000 ] || runs=1
  run "$n" "$runs"
  bytes=$(wc -c <"$WORK/long-$n.txt")
  per=$(awk -v s="$SECS" -v n="$FOUND" 'BEGIN { printf "%.0f", s * 1e6 / n }')
  net=$(awk -v c="$CPU" -v b="$START_CPU" -v n="$FOUND" -v k="$BASE" \
    'BEGIN { printf "%.0f", (c - b) * 1e6 / (n - k) }')
  printf '%-9s %-9s %-9s %-8s %-8s %-9s %-12s %-8s %-6s %s\n' "$n" "$FOUND" "$bytes" "$SECS" \
    "$CPU" "$per" "$net" "$RSS_MB" "$WARN" "$before-$(load)"
done
