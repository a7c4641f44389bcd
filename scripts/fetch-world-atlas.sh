#!/usr/bin/env bash
# Reproduce web/vendor/countries-110m.json (the dashboard map's country shapes) from the npm
# registry: world-atlas 2.0.2 (Natural Earth 1:110m admin-0 countries as TopoJSON; the data is
# public domain, the packaging ISC), pinned by scripts/world-atlas/package-lock.json.
# The output is committed, so users of the binary never need Node.js; run this only to update it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
cd "$here/world-atlas"
npm ci --ignore-scripts --no-audit --no-fund
cp node_modules/world-atlas/countries-110m.json "$root/web/vendor/countries-110m.json"
cp node_modules/world-atlas/LICENSE "$root/web/vendor/world-atlas-LICENSE.txt"
rm -rf node_modules
sha256sum "$root/web/vendor/countries-110m.json"
