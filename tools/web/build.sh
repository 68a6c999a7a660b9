#!/bin/bash
# Builds the browser version of the game into build-web/site/, a folder of
# static files to put on any web server (tools/web/serve.sh serves it here).
#   bash tools/web/build.sh
# Offline apart from Debian's archive: installs what is missing (emscripten,
# fonttools and the desktop build's packages; root or sudo), builds the SDL
# libraries and the Tiled reader's from Debian's source packages once into
# the cache (tools/web/deps.sh, deps-tiled.sh), the asset tools natively, then the game with the same
# CMakeLists.txt through emcmake. MM_WEB_BUILD=DIR builds in DIR instead of build-web; MM_WERROR=ON
# makes compiler warnings errors.
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=lib.sh
. tools/web/lib.sh
OUT="${MM_WEB_BUILD:-build-web}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
SECONDS=0

# The asset tools (sprite builder, synth) run on this machine, so they are
# built natively, with the desktop build's packages.
bash tools/install-deps.sh
web_need_packages emscripten ninja-build fonttools node-terser
prefix="$(bash tools/web/deps.sh | tail -n 1)"
# The Tiled reader's libraries (expat, jansson, zlib): a prefix of their own.
tiled_prefix="$(bash tools/web/deps-tiled.sh | tail -n 1)"

echo "== host tools (spritec, synth)"
cmake -S . -B "$OUT/host" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMM_BUILD_TESTS=OFF \
  -DMM_BUILD_TOOLS=OFF >"$OUT/host-configure.log" 2>&1 ||
  { cat "$OUT/host-configure.log" >&2; exit 1; }
cmake --build "$OUT/host" --target spritec synth
spritec="$(find "$OUT/host" -name spritec -type f -perm -u+x | head -n 1)"
synth="$(find "$OUT/host" -name synth -type f -perm -u+x | head -n 1)"

echo "== the game, for the browser"
# CMAKE_FIND_ROOT_PATH, not CMAKE_PREFIX_PATH: emscripten's toolchain roots
# every search in its sysroot, whose SDL2 config would pick the network port.
# A rebuilt library prefix has a new path: what CMake found in the old one
# is forgotten (-U) and found again.
emcmake cmake -S . -B "$OUT/game" -G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel \
  -U 'SDL2*_DIR' -U 'EXPAT_*' -U 'ZLIB_*' -U 'pkgcfg_lib_*' \
  -DCMAKE_FIND_ROOT_PATH="$prefix;$tiled_prefix" -DMM_TILED=ON -DMM_SPRITEC="$spritec" -DMM_SYNTH="$synth" \
  -DMM_BUILD_TESTS=OFF -DMM_WERROR="${MM_WERROR:-OFF}" -DMM_WEB_SITE="$OUT/site" \
  -DMM_SFX_FORMAT=ogg -DMM_SFX_QUALITY=0.1 \
  >"$OUT/game-configure.log" 2>&1 || { cat "$OUT/game-configure.log" >&2; exit 1; }
cmake --build "$OUT/game"

echo "== $OUT/site (built in ${SECONDS} s)"
(
  cd "$OUT/site"
  printf '%-28s %10s %10s\n' file bytes gzipped
  total=0
  gz_total=0
  for f in *; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    total=$((total + raw))
    gz_total=$((gz_total + gz))
    printf '%-28s %10d %10d\n' "$f" "$raw" "$gz"
  done
  printf '%-28s %10d %10d\n' total "$total" "$gz_total"
)
echo "Serve it with: bash tools/web/serve.sh"
