#!/bin/bash
# The story's screens in the real game under Xvfb, driven by key presses
# through a campaign of two short levels (tests/story/levels): the card
# before a level from the level select and after a win, never on a retry;
# the card ending by itself; the flash ending when the last clock runs out,
# R from it retrying at once, Esc skipping to the credits and on to the
# results (R retries); the together ending when the last level is won, the
# credits, the title. MM_TRACE_SCREENS=1 makes the game print each screen as
# it opens; they must open in the order below. Exits 77 (skipped) when Xvfb or
# xdotool is missing.
#
#   story_xvfb.sh GAME DATA_DIR LEVELS_DIR OUT_DIR
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
DATA="$2"
LEVELS="$3"
OUT="$4"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing: skipped"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT/data/levels" "$OUT/home"
ln -s "$DATA/assets" "$OUT/data/assets"
cp "$LEVELS"/*.mml "$LEVELS/campaign.txt" "$OUT/data/levels/"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share"
window_xvfb 1280x720x24
GPID=""
trap 'kill $XPID 2>/dev/null; [ -n "$GPID" ] && kill $GPID 2>/dev/null' EXIT
MM_TRACE_SCREENS=1 SDL_AUDIODRIVER=dummy "$GAME" --data "$OUT/data" >"$OUT/screens.txt" 2>"$OUT/game.log" &
GPID=$!
window_find
key() { xdotool key --window "$WID" "$1"; }
shot() { command -v import >/dev/null && import -window root "$OUT/$1.png" 2>/dev/null || true; }
# Waits (up to a minute: a loaded machine draws slowly, and the level's
# clock runs by the frames drawn) for the Nth screen to open, and checks it
# is the one named.
N=0
count() { grep -c '^screen ' "$OUT/screens.txt"; }
expect() {
  N=$((N + 1))
  for _ in $(seq 600); do
    [ "$(count)" -ge $N ] && break
    kill -0 $GPID 2>/dev/null || break
    sleep 0.1
  done
  local got
  got=$(grep '^screen ' "$OUT/screens.txt" | sed -n "${N}p")
  if [ "$got" != "screen $1" ]; then
    echo "screen $N: expected '$1', got '${got:-nothing}'; so far:"
    cat "$OUT/screens.txt"
    cat "$OUT/game.log"
    exit 1
  fi
}
# Presses a key until the next screen opens, then checks it is the one
# named. Screens ignore keys for their first frames (a key held from before
# must not skip them), which on a loaded machine can outlast one press; a
# press is tried again only after three seconds, when the last has surely
# been read.
press() {
  local k=$1
  shift
  for _ in $(seq 10); do
    key "$k"
    for _ in $(seq 30); do
      [ "$(count)" -gt $N ] && break 2
      sleep 0.1
    done
  done
  expect "$@"
}
# Walks Harry right, to Julie, until the screen named opens.
walk_to() {
  xdotool keydown --window "$WID" Right
  expect "$1"
  xdotool keyup --window "$WID" Right
}
expect title
press Return select
press Return card                  # the first level: its card
shot card
press space play                   # the card skipped
walk_to results                    # Julie
press r play                       # a retry: no card
walk_to results
press Return card                  # the next, the last level: its card...
expect play                        # ...which ends by itself
expect "ending flash"              # its clock runs out
shot flash
press r play                       # retried at once
expect "ending flash"              # the clock runs out again
press Escape credits
shot credits
press Escape results               # where R retries
press r play
walk_to "ending together"
shot together
press space credits
press space title
kill -0 $GPID 2>/dev/null || { echo "the game died:"; cat "$OUT/game.log"; exit 1; }
kill -TERM $GPID
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
wait $GPID
CODE=$?
GPID=""
if [ "$(grep -c '^screen ' "$OUT/screens.txt")" -ne $N ]; then
  echo "more screens than the story's:"
  cat "$OUT/screens.txt"
  exit 1
fi
if [ $CODE -ne 0 ]; then echo "the game exited with $CODE"; cat "$OUT/game.log"; exit 1; fi
echo "story test passed: cards, both endings, the credits and the retries in order"
