#!/bin/bash
# Smoke test of the real game: a real window under Xvfb, real key presses
# and mouse clicks (title: Esc asks before quitting, "no"; a click on "The
# Mile" -> level select; Enter on a locked level says what opens it; play
# -> pause -> resume; pause -> a click on "Options", one on "Esc back" in
# its line of keys, one on "Quit to menu"), a screenshot, a
# clean exit on SIGTERM, a second run quit through the question, and a
# third walked by a virtual game controller alone (smoke.pad).
# MM_TRACE_SCREENS=1 makes the game print its screens and what the menus
# say, which the test follows. Exits 77 (skipped) when Xvfb or xdotool is
# missing.
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
OUT="$2"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing: skipped"; exit 77; }
mkdir -p "$OUT"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share"
mkdir -p "$HOME"
window_xvfb 1280x720x24
trap 'kill $XPID 2>/dev/null; kill $GPID 2>/dev/null' EXIT
export MM_TRACE_SCREENS=1
start_game() {
  SDL_AUDIODRIVER=dummy "$GAME" >"$OUT/game.log" 2>&1 &
  GPID=$!
  window_find
  sleep 0.5
}
key() { xdotool key --window "$WID" "$@"; sleep 0.4; }
# A click at a pixel of the game's 480x270 picture: the window opens at
# twice that size, so the picture fills it at 2x.
click() { xdotool mousemove --window "$WID" $(($1 * 2 + 1)) $(($2 * 2 + 1)) click 1; sleep 0.4; }
# Waits for the game to print the line (N: its Nth time), or fails.
expect() {
  local n="${2:-1}"
  for _ in $(seq 100); do
    [ "$(grep -cxF "$1" "$OUT/game.log")" -ge "$n" ] && return 0
    sleep 0.1
  done
  echo "expected the game to print '$1' (time $n); it printed:"; cat "$OUT/game.log"; exit 1
}
alive() { kill -0 $GPID 2>/dev/null || { echo "the game quit $1:"; cat "$OUT/game.log"; exit 1; }; }

start_game
expect "screen title"
# No GPU device here: the game draws with SDL's software renderer and says so
# (OpenGL would be the processor's, several times dearer).
[ -e /dev/dri ] || expect "INFO: no GPU found: drawing with SDL's software renderer"
key Escape          # the title asks before quitting
expect "ui ask Quit Miracle Mile?"
alive "at Esc on the title, before the answer"
key Escape          # no
alive "when told not to"
click 240 134       # a click on "The Mile" -> level select
expect "screen select"
key Right           # level 2, locked until level 1 is won
key Return
expect 'ui say Win "La Brea Tar Pits" to open this level.'
key Left
key Return          # play the first level: its card first
expect "screen card"
# The card takes a key once none is held from before: press until it goes.
for _ in $(seq 20); do
  grep -qxF "screen play" "$OUT/game.log" && break
  key space
done
expect "screen play"
xdotool keydown --window "$WID" Right; sleep 0.8; xdotool keyup --window "$WID" Right
xdotool keydown --window "$WID" Up; sleep 0.5; xdotool keyup --window "$WID" Up
if command -v import >/dev/null; then import -window root "$OUT/play.png" 2>/dev/null || true; fi
key Escape          # pause
expect "screen pause"
key Escape          # resume
key Escape          # pause again
expect "screen pause" 2
click 240 166       # a click on "Options" (the fourth of six rows)
expect "ui options over pause"
click 274 252       # a click on "Esc back" in its line of keys (under seven rows and the help): back to the pause
click 240 206       # a click on "Quit to menu" (the last row)
expect "screen select" 2
sleep 0.3
kill -0 $GPID 2>/dev/null || { echo "the game died:"; cat "$OUT/game.log"; exit 1; }
kill -TERM $GPID
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
wait $GPID
CODE=$?
cat "$OUT/game.log"
if [ $CODE -ne 0 ]; then echo "the game exited with $CODE"; exit 1; fi

# Quitting from the title: Esc asks, Enter says yes, and the game ends by itself.
start_game
expect "screen title"
key Escape
expect "ui ask Quit Miracle Mile?"
key Return
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
if kill -0 $GPID 2>/dev/null; then echo "the game did not quit on Enter at the question"; exit 1; fi
wait $GPID
CODE=$?
if [ $CODE -ne 0 ]; then echo "the game quit through the question with $CODE"; cat "$OUT/game.log"; exit 1; fi
# The same screens, Assists, Controls and a loss's results walked with a
# game controller alone: a virtual pad the game attaches and drives from a
# script (MM_PAD_SCRIPT, smoke.pad). After
# pad input the prompts name its buttons, drawn as glyphs (the A button's
# green in the select's line of keys); after a key, the keyboard's keys.
PAD_GREEN="#3CB043" # assets/sprites/pad_glyphs.txt: the A button
# Pixels of a colour in the bottom 64 rows of the game's window (its panel
# and line of keys).
glyph_pixels() { # FILE COLOUR
  convert "$1" -gravity south -crop 100%x64+0+0 +repage -fill black +opaque "$2" \
    -fill white -opaque "$2" -format "%[fx:int(mean*w*h+0.5)]" info: 2>/dev/null
}
shot() { import -window "$WID" "$OUT/$1.png" 2>/dev/null || import -window root "$OUT/$1.png"; }
SDL_AUDIODRIVER=dummy MM_PAD_SCRIPT="$(dirname "$0")/smoke.pad" "$GAME" >"$OUT/game.log" 2>&1 &
GPID=$!
window_find
for step in "shot select-pad" key "shot select-key" "shot assists-pad" "shot controls-pad" \
            "shot results-pad"; do
  for _ in $(seq 600); do
    grep -qxF "pad $step" "$OUT/game.log" && break
    grep -q "^pad timeout" "$OUT/game.log" && { echo "the pad's walk stopped:"; cat "$OUT/game.log"; exit 1; }
    alive "in the pad's walk"
    sleep 0.1
  done
  grep -qxF "pad $step" "$OUT/game.log" || { echo "the pad's walk did not reach '$step':"; cat "$OUT/game.log"; exit 1; }
  sleep 0.4
  case "$step" in
    key) xdotool key --window "$WID" shift ;;
    shot*) command -v import >/dev/null && command -v convert >/dev/null && shot "${step#shot }" ;;
  esac
done
expect "pad walked"
expect "screen select"
# What the prompts named: the pad's buttons after pad input, keys after a key.
expect "pad prompt [Stick] choose   [A] play   [B] back"
expect "pad prompt Arrows choose   Enter play   Esc back"
expect "pad prompt [Stick] change   [B] back"
expect "pad prompt [Stick] choose   [A] change   [B] back"
expect "pad prompt [Y] or [A]: try again   [B]: menu"
for s in "screen card" "screen play" "screen pause" "ui assists over pause" "ui options over pause" \
         "screen controls" "screen results"; do expect "$s"; done
if command -v import >/dev/null && command -v convert >/dev/null; then
  pad_px=$(glyph_pixels "$OUT/select-pad.png" "$PAD_GREEN")
  key_px=$(glyph_pixels "$OUT/select-key.png" "$PAD_GREEN")
  echo "the A button's green in the select's line of keys: $pad_px pixels after the pad, $key_px after a key"
  [ "${pad_px:-0}" -gt 20 ] || { echo "no pad glyph drawn after pad input"; exit 1; }
  [ "${key_px:-1}" -eq 0 ] || { echo "a pad glyph is still drawn after a key"; exit 1; }
fi
kill -TERM $GPID
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
wait $GPID
CODE=$?
if [ $CODE -ne 0 ]; then echo "the game (walked by the pad) exited with $CODE"; cat "$OUT/game.log"; exit 1; fi
echo "smoke test passed: the game ran, took keys and clicks, asked before quitting and exited cleanly; a game controller walked its screens"
