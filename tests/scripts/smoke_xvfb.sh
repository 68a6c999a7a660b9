#!/bin/bash
# Smoke test of the real game: a real window under Xvfb, real key presses
# (title -> level select -> play -> pause -> resume), a screenshot, and a
# clean exit on SIGTERM. Exits 77 (skipped) when Xvfb or xdotool is missing.
set -u
GAME="$1"
OUT="$2"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing: skipped"; exit 77; }
mkdir -p "$OUT"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share"
mkdir -p "$HOME"
DISP=":$((100 + RANDOM % 800))"
Xvfb "$DISP" -screen 0 1280x720x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XPID=$!
trap 'kill $XPID 2>/dev/null; kill $GPID 2>/dev/null' EXIT
export DISPLAY="$DISP"
for _ in $(seq 50); do xdotool getmouselocation >/dev/null 2>&1 && break; sleep 0.1; done
SDL_AUDIODRIVER=dummy "$GAME" >"$OUT/game.log" 2>&1 &
GPID=$!
WID=""
for _ in $(seq 900); do
  WID=$(xdotool search --name "Miracle Mile" 2>/dev/null | head -1)
  [ -n "$WID" ] && break
  kill -0 $GPID 2>/dev/null || { echo "the game exited early:"; cat "$OUT/game.log"; exit 1; }
  sleep 0.1
done
[ -n "$WID" ] || { echo "no window appeared"; cat "$OUT/game.log"; exit 1; }
xdotool windowfocus --sync "$WID" 2>/dev/null || true
key() { xdotool key --window "$WID" "$@"; sleep 0.4; }
sleep 0.5
key Return          # title -> level select
key Return          # play the first level
xdotool keydown --window "$WID" Right; sleep 0.8; xdotool keyup --window "$WID" Right
xdotool keydown --window "$WID" Up; sleep 0.5; xdotool keyup --window "$WID" Up
if command -v import >/dev/null; then import -window root "$OUT/play.png" 2>/dev/null || true; fi
key Escape          # pause
key Escape          # resume
sleep 0.3
kill -0 $GPID 2>/dev/null || { echo "the game died:"; cat "$OUT/game.log"; exit 1; }
kill -TERM $GPID
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
wait $GPID
CODE=$?
cat "$OUT/game.log"
if [ $CODE -ne 0 ]; then echo "the game exited with $CODE"; exit 1; fi
echo "smoke test passed: the game ran, took keys and exited cleanly"
