# Shared by the tests that play the real game in a window under Xvfb
# (sourced; they set OUT, and GPID once the game runs).

# An X server on a display it picks itself (a number chosen at random could
# be one another server already holds); sets XPID and DISPLAY.
window_xvfb() { # GEOMETRY, e.g. 1280x720x24
  rm -f "$OUT/display"
  # -noreset: by default the server resets when its last client goes (the
  # check below is one), and refuses connections while it does; a game
  # started in that moment found no X11 ("x11 not available").
  Xvfb -displayfd 3 -screen 0 "$1" -nolisten tcp -noreset 3>"$OUT/display" >"$OUT/xvfb.log" 2>&1 &
  XPID=$!
  for _ in $(seq 100); do [ -s "$OUT/display" ] && break; sleep 0.1; done
  [ -s "$OUT/display" ] || { echo "Xvfb did not start:"; cat "$OUT/xvfb.log"; exit 1; }
  export DISPLAY=":$(head -1 "$OUT/display")"
  # X11 only: should the server not answer, the game says so, rather than
  # trying Wayland and reporting that instead.
  export SDL_VIDEODRIVER=x11
  local ok=""
  for _ in $(seq 100); do xdotool getmouselocation >/dev/null 2>&1 && { ok=1; break; }; sleep 0.1; done
  [ -n "$ok" ] || { echo "Xvfb on $DISPLAY does not answer:"; cat "$OUT/xvfb.log"; exit 1; }
}

# The game's window in WID: one that answers (SDL may replace the first it
# makes), focused; exits when the game quits first or no window comes.
window_find() { # [LOG: what to show when it fails; default $OUT/game.log]
  local log="${1:-$OUT/game.log}"
  WID=""
  local until=$((SECONDS + 60))
  while [ $SECONDS -lt $until ]; do
    # By its title, or by the game's process (should the title lag).
    # Each call bounded: under load one can hang on a server that is busy.
    for W in $(timeout 3 xdotool search --name "Miracle Mile" 2>/dev/null
               timeout 3 xdotool search --pid "$GPID" 2>/dev/null); do
      timeout 3 xdotool getwindowgeometry "$W" >/dev/null 2>&1 && { WID=$W; break 2; }
    done
    kill -0 "$GPID" 2>/dev/null || {
      echo "the game exited early:"; cat "$log"; echo "the X server's log:"; cat "$OUT/xvfb.log"; exit 1; }
    sleep 0.1
  done
  if [ -z "$WID" ]; then
    echo "no window appeared; the server's windows:"
    timeout 5 xwininfo -root -tree 2>&1 | head -20
    cat "$log"
    echo "the X server's log:"; cat "$OUT/xvfb.log"
    exit 1
  fi
  timeout 10 xdotool windowfocus --sync "$WID" 2>/dev/null || true # bounded: it can hang under load
}
