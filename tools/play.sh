#!/bin/bash
# Quick start: installs what is missing, builds, and starts the game on its
# campaign. Any arguments go to the game (for example a level file).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"
exec ./build/miraclemile "$@"
