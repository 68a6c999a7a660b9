#!/bin/bash
# Hot reload under Xvfb: the game plays a level file; the file is saved
# broken (the game shows the errors and keeps running), then fixed (the game
# reloads it and plays on); a level dropped in the player's level folder is
# found. Exits 77 (skipped) without Xvfb.
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
LEVEL_SRC="$2"
OUT="$3"
command -v Xvfb >/dev/null || { echo "Xvfb missing: skipped"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT/home"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share" SDL_AUDIODRIVER=dummy
window_xvfb 1024x600x24
trap 'kill $XPID 2>/dev/null; kill $GPID 2>/dev/null' EXIT
# A custom level in the player's folder before the game starts.
mkdir -p "$XDG_DATA_HOME/MiracleMile/miraclemile/levels"
cp "$LEVEL_SRC" "$XDG_DATA_HOME/MiracleMile/miraclemile/levels/mine.mml"
cp "$LEVEL_SRC" "$OUT/level.mml"
"$GAME" "$OUT/level.mml" >"$OUT/game.log" 2>&1 &
GPID=$!
wait_for() { # text, seconds
  for _ in $(seq $(( $2 * 10 ))); do grep -q "$1" "$OUT/game.log" && return 0; sleep 0.1; done
  echo "did not see '$1' in the log:"; cat "$OUT/game.log"; exit 1
}
wait_for "your own levels go in .*(1 there now)" 30
sleep 1
# Save it broken: an unknown tile on the map's second row.
sed '0,/^#H/s/^#H\(.\)/#H@/' "$LEVEL_SRC" > "$OUT/level.tmp" && mv "$OUT/level.tmp" "$OUT/level.mml"
wait_for "level.mml:[0-9]*:[0-9]*: error: unknown tile '@'" 10
kill -0 $GPID || { echo "the game died on a broken save"; exit 1; }
sleep 0.5
cp "$LEVEL_SRC" "$OUT/level.mml"
touch "$OUT/level.mml"
wait_for "reloaded .*level.mml" 10
kill -TERM $GPID
wait $GPID
CODE=$?
[ $CODE -eq 0 ] || { echo "the game exited with $CODE"; cat "$OUT/game.log"; exit 1; }
echo "hot reload works: broken save shown, fixed save reloaded; custom level found"
