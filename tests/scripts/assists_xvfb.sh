#!/bin/bash
# The assists' page in the real game under Xvfb, by key presses: from the
# level select's Options (the clock to 80%, 10 s more), then from the pause
# menu in the middle of a level (no-fail on); the settings file must hold
# what was chosen, and the game exit cleanly. Follows the screens by what
# they trace (MM_TRACE_SCREENS). Exits 77 (skipped) when Xvfb or xdotool is missing.
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
OUT="$2"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing: skipped"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share"
mkdir -p "$HOME"
window_xvfb 1280x720x24
GPID=""
trap 'kill $XPID 2>/dev/null; [ -n "$GPID" ] && kill $GPID 2>/dev/null' EXIT
MM_TRACE_SCREENS=1 SDL_AUDIODRIVER=dummy "$GAME" >"$OUT/game.log" 2>&1 &
GPID=$!
window_find
sleep 0.5
key() { timeout 5 xdotool key --window "$WID" "$@"; sleep 0.3; }
# Waits for the game to print the line (N: its Nth time), or fails.
expect() {
  local n="${2:-1}"
  for _ in $(seq 100); do
    [ "$(grep -cxF "$1" "$OUT/game.log")" -ge "$n" ] && return 0
    sleep 0.1
  done
  echo "expected the game to print '$1' (time $n); it printed:"; cat "$OUT/game.log"; exit 1
}
count() { grep -cxF "$1" "$OUT/game.log"; }
shot() { if command -v import >/dev/null; then import -window root "$OUT/$1.png" 2>/dev/null || true; fi; }
SETTINGS="$XDG_DATA_HOME/MiracleMile/miraclemile/settings.txt"

expect "screen title"
key Return; expect "screen select"
key o; expect "ui options over select"
key Down; key Down; key Down; key Down; key Down; key Down   # to "Assists"
key Return; expect "ui assists over options"
key Left; key Left                       # the clock: 100% -> 90% -> 80%
key Down; key Right                      # 10 s more
shot assists-from-options
key Escape; expect "ui assists back to options"
grep -qx 'assist_clock = 80' "$SETTINGS" && grep -qx 'assist_extra = 10' "$SETTINGS" || {
  echo "the assists chosen in Options were not saved:"; cat "$SETTINGS"; exit 1; }
key Escape                               # Options closed: the select
key Return; expect "screen card"         # the first level's card
for _ in $(seq 20); do                   # it takes a key once none is held
  grep -qxF "screen play" "$OUT/game.log" && break
  key space
done
expect "screen play"
timeout 5 xdotool keydown --window "$WID" Right; sleep 0.6; timeout 5 xdotool keyup --window "$WID" Right
PAUSES=$(count "screen pause")
key Escape; expect "screen pause" $((PAUSES + 1))
key Down; key Down                       # to "Assists"
key Return; expect "ui assists over pause"
key Down; key Down; key Return           # no-fail on
shot assists-from-pause
key Escape; expect "ui assists back to pause"
grep -qx 'assist_no_fail = 1' "$SETTINGS" || {
  echo "no-fail chosen from the pause menu was not saved:"; cat "$SETTINGS"; exit 1; }
key Escape                               # resume
sleep 0.3
kill -0 $GPID 2>/dev/null || { echo "the game died:"; cat "$OUT/game.log"; exit 1; }
kill -TERM $GPID
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
wait $GPID
CODE=$?
if [ $CODE -ne 0 ]; then echo "the game exited with $CODE"; cat "$OUT/game.log"; exit 1; fi
echo "assists test passed: the page opened from Options and from the pause menu, and saved"
