#!/bin/bash
# Builds the fuzz targets with clang's libFuzzer (+ ASan, UBSan) and runs each
# for a bounded time from the seed corpus (our levels, replays, saves and the
# files Tiled wrote). Fails on any crash; prints how many inputs each ran.
#   bash tools/fuzz.sh            60 s per target
#   MM_FUZZ_SECONDS=10 bash tools/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${MM_FUZZ_SECONDS:-60}"
CC_FUZZ="${MM_FUZZ_CC:-clang-14}"
if ! command -v "$CC_FUZZ" >/dev/null; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q clang-14 libclang-rt-14-dev
fi
BUILD=build-fuzz
cmake -S tests/fuzz -B "$BUILD" -DCMAKE_C_COMPILER="$CC_FUZZ" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)"

corpus() { # dir prefix-byte files...
  local dir=$1 byte=$2; shift 2
  mkdir -p "$dir"
  for f in "$@"; do
    if [ "$byte" = "-" ]; then cp "$f" "$dir/"; else
      { printf "\\x$(printf %02x "$byte")"; cat "$f"; } > "$dir/$byte-$(basename "$f")"; fi
  done
}
C="$BUILD/corpus"
rm -rf "$C"
corpus "$C/level_text" - levels/*.mml levels/examples/*.mml tests/data/*.mml tests/tiled/*.mml \
  tests/render/*.mml tests/audio/*.mml tools/bench/stress.mml tests/bad-input/*/*.mml \
  tests/fuzz/regressions/level_text-*
corpus "$C/tiled" - tests/fuzz/regressions/tiled-*
corpus "$C/tiled" 0 tests/tiled/*.tmx levels/tiled/*.tmx
corpus "$C/tiled" 1 tests/tiled/*.tmj
corpus "$C/tiled" 2 tests/tiled/*.tsx
corpus "$C/tiled" 3 tests/tiled/*.tsj
corpus "$C/replay" 0 tests/replays/*.replay tests/replays/examples/*.replay
corpus "$C/replay" 1 tests/fuzz/seeds/*.save
corpus "$C/replay" 2 tests/fuzz/seeds/*.settings
corpus "$C/save" 0 tests/fuzz/seeds/*.save tests/bad-input/*/*.save
corpus "$C/save" 1 tests/fuzz/seeds/*.ids

fail=0
for t in level_text tiled replay save; do
  log="$BUILD/fuzz_$t.log"
  mkdir -p "$BUILD/crashes"
  if "$BUILD/fuzz_$t" "$C/$t" -max_total_time="$SECONDS_EACH" -max_len=65536 \
       -artifact_prefix="$BUILD/crashes/$t-" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    echo "fuzz_$t: ${runs:-?} inputs in ${SECONDS_EACH} s, no crash"
  else
    echo "fuzz_$t: CRASHED; see $log and $BUILD/crashes/"
    tail -40 "$log"
    fail=1
  fi
done
exit $fail
