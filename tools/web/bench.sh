#!/bin/bash
# The web build's benchmark: serves build-web/site/ on a free loopback port
# and measures first visits (bytes, load times on loopback and throttled to
# 10 Mbit/s with 40 ms round trips) and frame rates in Debian's Chromium
# (tests/web/bench-web.mjs), as medians. Figures also go to
# build-web/artifacts/bench-web.json.
#   bash tools/web/bench.sh [--build] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lib.sh
. tools/web/lib.sh
OUT="${MM_WEB_BUILD:-build-web}"
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --build) bash tools/web/build.sh ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: bench.sh [--build] [--runs N]" >&2; exit 2 ;;
  esac
  shift
done
[ -f "$OUT/site/index.html" ] || { echo "bench.sh: no web build; run: bash tools/web/build.sh" >&2; exit 1; }
web_need_packages chromium
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p "$OUT/artifacts"
log="$OUT/artifacts/bench-server.log"
# (Created first: the loop below may read it before the server's shell does.)
: >"$log"
node tools/web/serve.mjs --root "$OUT/site" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
address=""
for _ in $(seq 100); do
  address="$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$log")"
  [ -n "$address" ] && break
  sleep 0.1
done
[ -n "$address" ] || { echo "bench.sh: the server did not start" >&2; exit 1; }
node tests/web/bench-web.mjs --url "$address" --runs "$runs" --out "$OUT/artifacts/bench-web.json"
