#!/bin/bash
# What the real game costs in a real window: the share of one core its
# process uses on the title, the level select, level 1 in play (Harry
# standing) and its pause, each over 10 s, the median of 3 runs; and its
# peak memory after level 1 has started. Under Xvfb (a window of 960x540 on
# a 1280x720 screen), the sound mixed for SDL's dummy device (as for a real
# one). SET-UP: "default", the renderer the game picks (SDL's software one
# where OpenGL would be the processor's); "software", SDL's software
# renderer named by the player; "nogl", that and the window's own surface
# named too (SDL_FRAMEBUFFER_ACCELERATION=0, which the game sets itself for
# the software renderer, and older builds did not); "opengl", OpenGL named
# by the player (here Mesa's llvmpipe, drawn by the processor).
#   bash tools/bench/window-cpu.sh [GAME [SET-UP [SECONDS [RUNS]]]]
# Needs Xvfb and xdotool; prints a table, fails no test.
set -u
cd "$(dirname "$0")/../.."
GAME="${1:-build/miraclemile}"
SETUP="${2:-default}"
SECS="${3:-10}"
RUNS="${4:-3}"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "needs Xvfb and xdotool"; exit 1; }
[ -x "$GAME" ] || { echo "no game at $GAME: build it first"; exit 1; }
OUT=$(mktemp -d)
# shellcheck source=../../tests/scripts/window.sh
source tests/scripts/window.sh
window_xvfb 1280x720x24
GPID=""
trap 'kill $GPID 2>/dev/null; kill $XPID 2>/dev/null; rm -rf "$OUT"' EXIT
export MM_TRACE_SCREENS=1 MM_TRACE_FPS=1 SDL_AUDIODRIVER=dummy
unset SDL_RENDER_DRIVER SDL_FRAMEBUFFER_ACCELERATION
case "$SETUP" in
  default) ;;
  software | opengl) export SDL_RENDER_DRIVER="$SETUP" ;;
  nogl) export SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 ;;
  *) echo "SET-UP is default, software, nogl or opengl"; exit 1 ;;
esac
TCK=$(getconf CLK_TCK)

cpu_ticks() { # the game's user + system time so far, in clock ticks
  # (the fields after the command's name, which is in brackets)
  local s; s=$(cat "/proc/$GPID/stat") || return 1
  s=${s##*) }
  set -- $s
  echo $(( ${12} + ${13} ))
}
share() { # over SECS seconds: percent of one core, to a tenth; the frames a
  # second the game printed meanwhile (their median) into $OUT/fps
  local a b n; n=$(wc -l <"$OUT/game.log"); a=$(cpu_ticks); sleep "$SECS"; b=$(cpu_ticks)
  tail -n +$((n + 1)) "$OUT/game.log" | awk '/^fps / { print $2 }' | median >"$OUT/fps"
  echo "$a $b" | awk -v t="$TCK" -v s="$SECS" '{ printf "%.1f", ($2 - $1) * 100 / t / s }'
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
key() { xdotool key --window "$WID" "$@"; sleep 0.4; }
wait_for() { # the line the game prints for a screen
  for _ in $(seq 150); do grep -qxF "$1" "$OUT/game.log" && return 0; sleep 0.1; done
  echo "the game did not reach '$1':"; cat "$OUT/game.log"; exit 1
}

declare -A got fps
for run in $(seq "$RUNS"); do
  rm -rf "$OUT/home"; mkdir -p "$OUT/home"
  HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share" "$GAME" >"$OUT/game.log" 2>&1 &
  GPID=$!
  window_find
  wait_for "screen title"; sleep 2
  got[title]+="$(share) "; fps[title]+="$(cat "$OUT/fps") "
  key Return; wait_for "screen select"; sleep 2
  got[select]+="$(share) "; fps[select]+="$(cat "$OUT/fps") "
  key Return; wait_for "screen card"
  for _ in $(seq 20); do grep -qxF "screen play" "$OUT/game.log" && break; key space; done
  wait_for "screen play"; sleep 2
  got[play]+="$(share) "; fps[play]+="$(cat "$OUT/fps") "
  peak=$(awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$GPID/status")
  got[peak]+="$peak "
  key Escape; wait_for "screen pause"; sleep 2
  got[pause]+="$(share) "; fps[pause]+="$(cat "$OUT/fps") "
  kill "$GPID"; wait "$GPID" 2>/dev/null; GPID=""
done
echo "window-cpu: $SETUP renderer, $RUNS runs of ${SECS} s a screen, medians (each run's figures in brackets)"
for s in title select play pause; do
  printf '%-8s %5s%% of a core (%s)   %s frames a second (%s)\n' "$s" "$(echo "${got[$s]}" | median)" \
    "${got[$s]% }" "$(echo "${fps[$s]}" | median)" "${fps[$s]% }"
done
printf 'peak memory in play: %s MB   (%s)\n' "$(echo "${got[peak]}" | median)" "${got[peak]% }"
