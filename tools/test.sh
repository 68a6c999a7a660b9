#!/bin/bash
# Installs what is missing, builds, and runs every test with CTest.
#   bash tools/test.sh             normal build in build/
#   bash tools/test.sh --sanitize  AddressSanitizer + UBSan build in build-asan/
# MM_WERROR=ON makes compiler warnings errors (CI sets it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh --test
DIR=build
ARGS=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DMM_WERROR="${MM_WERROR:-OFF}")
if [ "${1:-}" = "--sanitize" ]; then
  DIR=build-asan
  ARGS+=(-DMM_SANITIZE=ON)
fi
cmake -S . -B "$DIR" "${ARGS[@]}" >/dev/null
cmake --build "$DIR" -j"$(nproc)"
cd "$DIR"
ctest --output-on-failure -j"$(nproc)"
