#!/bin/bash
# Serves the web build (build-web/site/, made by tools/web/build.sh) on the
# loopback address and prints where; Ctrl+C stops it.
#   bash tools/web/serve.sh [PORT]     (default 8080; 0 takes a free port)
# MM_WEB_BUILD=DIR serves DIR/site instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lib.sh
. tools/web/lib.sh
SITE="${MM_WEB_BUILD:-build-web}/site"
if [ ! -f "$SITE/index.html" ]; then
  echo "serve.sh: no web build in $SITE; run: bash tools/web/build.sh" >&2
  exit 1
fi
command -v node >/dev/null || web_need_packages nodejs
exec node tools/web/serve.mjs --root "$SITE" --port "${1:-8080}"
