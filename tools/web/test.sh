#!/bin/bash
# The browser test, in one command: builds the web version, serves it on a
# free loopback port, plays it in Debian's Chromium (tests/web/browser-test.mjs,
# driven by playwright-core from npm), then stops the server. Screenshots and
# timings land in build-web/artifacts/.
#   bash tools/web/test.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lib.sh
. tools/web/lib.sh
OUT="${MM_WEB_BUILD:-build-web}"

if [ "${1:-}" != "--no-build" ]; then
  bash tools/web/build.sh
fi
web_need_packages chromium
# A node from elsewhere (with its own npm) is fine; Debian's otherwise.
command -v node >/dev/null || web_need_packages nodejs
command -v npm >/dev/null || web_need_packages npm

echo "== browser test"
(cd tests/web && npm ci --no-audit --no-fund --loglevel=error)

mkdir -p "$OUT/artifacts"
log="$OUT/artifacts/server.log"
# (Created first: the loop below may read it before the server's shell does.)
: >"$log"
node tools/web/serve.mjs --root "$OUT/site" --port 0 >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
address=""
for _ in $(seq 100); do
  address="$(sed -n 's/^serving \(http[^ ]*\).*/\1/p' "$log")"
  [ -n "$address" ] && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$address" ] || { echo "test.sh: the server did not start" >&2; exit 1; }
echo "serving $address"
node tests/web/browser-test.mjs --url "$address" --artifacts "$OUT/artifacts"
