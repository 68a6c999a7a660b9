#!/bin/bash
# Ghosts and medals under Xvfb, in the real game: a ghost kept for a level
# that has changed since is left out with a note; holding Right wins the
# level, which keeps the run in the save (a best time) and beside it as
# the best's ghost, a replay of this level; a retry races that ghost.
# Exits 77 (skipped) without Xvfb or xdotool.
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
CONV="$2"
LEVEL_SRC="$3"
STALE="$4" # a replay of another level
OUT="$5"
command -v Xvfb >/dev/null || { echo "Xvfb missing: skipped"; exit 77; }
command -v xdotool >/dev/null || { echo "xdotool missing: skipped"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT/home"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share" SDL_AUDIODRIVER=dummy
SAVES="$XDG_DATA_HOME/MiracleMile/miraclemile"
mkdir -p "$SAVES"
window_xvfb 1024x600x24
GPID=
trap 'kill $XPID 2>/dev/null; [ -n "$GPID" ] && kill $GPID 2>/dev/null' EXIT
cp "$LEVEL_SRC" "$OUT/level.mml"
# The level's id in the save, and its ghost's file (ghost_file_path).
HASH=$("$CONV" --hash "$OUT/level.mml")
GHOST="$SAVES/$(python3 -c "
h = 0xcbf29ce484222325
for b in b'level:$HASH':
    h = ((h ^ b) * 0x100000001b3) & 0xffffffffffffffff
print('ghost-%016x.replay' % h)")"
cp "$STALE" "$GHOST"
"$GAME" "$OUT/level.mml" >"$OUT/game.log" 2>&1 &
GPID=$!
wait_for() { # text, seconds
  for _ in $(seq $(( $2 * 10 ))); do grep -q "$1" "$OUT/game.log" && return 0; sleep 0.1; done
  echo "did not see '$1' in the log:"; cat "$OUT/game.log"; exit 1
}
wait_for "Ghost left out: the ghost was recorded on another version of this level" 30
W=""
for _ in $(seq 50); do
  W=$(xdotool search --name "Miracle Mile" 2>/dev/null | head -1)
  [ -n "$W" ] && break
  sleep 0.1
done
[ -n "$W" ] || { echo "no window"; exit 1; }
xdotool windowfocus "$W" 2>/dev/null
sleep 0.5
# Looking away pauses; Enter resumes (in play it does nothing).
xdotool key --window "$W" Return
sleep 0.3
xdotool keydown --window "$W" Right
for _ in $(seq 100); do grep -q "^best \"level:$HASH\"" "$SAVES/save.txt" 2>/dev/null && break; sleep 0.1; done
xdotool keyup --window "$W" Right
grep -q "^best \"level:$HASH\"" "$SAVES/save.txt" 2>/dev/null ||
  { echo "no best time was saved:"; cat "$SAVES/save.txt" 2>/dev/null; cat "$OUT/game.log"; exit 1; }
grep -q "^level $HASH\$" "$GHOST" || { echo "the best run was not kept as its ghost"; exit 1; }
sleep 1
xdotool key --window "$W" r
wait_for "racing the ghost of your best run" 10
kill -TERM $GPID
wait $GPID
CODE=$?
GPID=
[ $CODE -eq 0 ] || { echo "the game exited with $CODE"; cat "$OUT/game.log"; exit 1; }
echo "ghosts work: a stale one left out with a note, the best run kept and raced"
