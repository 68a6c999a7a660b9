#!/bin/bash
# Remapping in the real game under Xvfb, with real key presses: Options ->
# Controls, Pause moved from Esc to P, a key another action has (R, Restart's)
# refused; the settings file keeps P; in play Esc no longer pauses and P
# does; after a restart of the game P still pauses (the binding was read back
# from the file); "Reset to defaults" brings Esc back. MM_TRACE_SCREENS=1
# makes the game print each screen as it opens. Exits 77 (skipped) when Xvfb
# or xdotool is missing.
#
#   controls_xvfb.sh GAME OUT_DIR
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
OUT="$2"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing: skipped"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT/home"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share"
SETTINGS="$XDG_DATA_HOME/MiracleMile/miraclemile/settings.txt"
window_xvfb 1280x720x24
GPID=""
trap 'kill $XPID 2>/dev/null; [ -n "$GPID" ] && kill $GPID 2>/dev/null' EXIT

fail() {
  echo "$1; the screens so far:"
  cat "$OUT/screens.txt"
  cat "$OUT/game.log"
  exit 1
}
start() {
  : >"$OUT/screens.txt"
  MM_TRACE_SCREENS=1 SDL_AUDIODRIVER=dummy "$GAME" >"$OUT/screens.txt" 2>"$OUT/game.log" &
  GPID=$!
  N=0
  WID=""
  for _ in $(seq 900); do
    WID=$(xdotool search --name "Miracle Mile" 2>/dev/null | head -1)
    [ -n "$WID" ] && break
    kill -0 $GPID 2>/dev/null || fail "the game exited early"
    sleep 0.1
  done
  [ -n "$WID" ] || fail "no window appeared"
  # Bounded: with no window manager a focus that never comes must not hang the test.
  timeout 10 xdotool windowfocus --sync "$WID" 2>/dev/null || true
  expect title
}
stop() {
  kill -0 $GPID 2>/dev/null || fail "the game died"
  kill -TERM $GPID
  for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
  wait $GPID
  local code=$?
  GPID=""
  [ $code -eq 0 ] || fail "the game exited with $code"
}
key() { timeout 10 xdotool key --window "$WID" "$1"; }
shot() { command -v import >/dev/null && import -window root "$OUT/$1.png" 2>/dev/null || true; }
count() { grep -c '^screen ' "$OUT/screens.txt"; }
# Waits (up to a minute: a loaded machine draws slowly) for the Nth screen
# to open and checks it is the one named.
expect() {
  N=$((N + 1))
  for _ in $(seq 600); do
    [ "$(count)" -ge $N ] && break
    kill -0 $GPID 2>/dev/null || break
    sleep 0.1
  done
  local got
  got=$(grep '^screen ' "$OUT/screens.txt" | sed -n "${N}p")
  [ "$got" = "screen $1" ] || fail "screen $N: expected '$1', got '${got:-nothing}'"
}
# Presses a key until the next screen opens (screens ignore keys for their
# first frames), then checks it is the one named.
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
# A key that must open no screen: pressed, then a second and a half of none.
press_nothing() {
  key "$1"
  sleep 1.5
  [ "$(count)" -eq $N ] || fail "$1 opened a screen"
}
# Options' rows come from a table others add to: go down it until Enter on
# a row opens Controls (the rows before it only toggle or step settings).
controls_from_options() {
  sleep 0.3
  for _ in $(seq 20); do
    key Return
    sleep 0.5
    [ "$(count)" -gt $N ] && break
    key Down
    sleep 0.2
  done
  expect controls
  sleep 0.3
}
# Controls' rows: Up, Down, Left, Right, Sprint, Use, Pause, Confirm,
# Restart, Mute, Options, Fullscreen, then "Reset to defaults" and Back.
row() {
  for _ in $(seq 16); do key Up; done
  for _ in $(seq "$1"); do key Down; done
  sleep 0.2
}

start
press Return select
press o options
controls_from_options
row 6                     # Pause
key Return; sleep 0.3
key p; sleep 0.5          # Pause on P
row 8                     # Restart
key Return; sleep 0.3
key p; sleep 0.5          # P is Pause's now: refused
shot refused
press_nothing Escape      # Esc is only a key now
press p options           # P goes back
press p select            # Options closes, the settings saved
stop
grep -qx 'key.pause = P' "$SETTINGS" || { cat "$SETTINGS"; fail "key.pause = P was not saved"; }
grep -qx 'key.restart = R' "$SETTINGS" || { cat "$SETTINGS"; fail "the refused key was kept"; }

# Read back from the file: in play P pauses, Esc does not.
start
press Return select
press Return card
press space play
press_nothing Escape
press p pause
shot paused
press p play
# Reset to defaults from the pause menu's Options: Esc pauses again.
press p pause
key Down; key Down; key Down; sleep 0.2   # to "Options", the fourth row
press Return options
controls_from_options
row 12                    # Reset to defaults
key Return; sleep 0.5
press Escape options
press Escape pause
press Escape play
stop
grep -qx 'key.pause = Escape' "$SETTINGS" || { cat "$SETTINGS"; fail "the defaults were not saved"; }
echo "controls test passed: Pause moved to P and back, a taken key refused, kept in the settings"
