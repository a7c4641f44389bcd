#!/usr/bin/env bash
# The dashboard's end-to-end test in Debian's headless Chromium (called by .ci/run).
# Installs chromium from Debian when it is missing and playwright-core from the lock file, builds
# the CLI, and runs dashboard.test.mjs with node's test runner. Skips, saying so, only when
# chromium cannot be installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null; then
  echo "installing chromium and chromium-driver from Debian"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } \
    >"${TMPDIR:-/tmp}/flashpoint-apt-chromium.log" 2>&1 \
    || echo "apt-get failed (log: ${TMPDIR:-/tmp}/flashpoint-apt-chromium.log)"
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "SKIPPED: dashboard browser test: chromium could not be installed"
  exit 0
fi
cd "$here"
npm ci --ignore-scripts --no-audit --no-fund
(cd "$root" && cargo build --release -p flashpoint)
FLASHPOINT_BIN="$root/target/release/flashpoint" SCREENSHOT_DIR="$root/target/e2e-screenshots" \
  node --test dashboard.test.mjs
echo "screenshots: $root/target/e2e-screenshots"
