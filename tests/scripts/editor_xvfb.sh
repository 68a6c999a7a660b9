#!/bin/bash
# The editor in the real game under Xvfb, driven as a player would: the
# title's "Make a level", the Rect tool and a water tile from the palette
# (mouse), a rectangle dragged out, a brush stroke of grass, test-play from
# the cursor (F5) and back (F5), Ctrl+S with a typed file name. Then, with
# a tile painted and not saved, Open (a button) and the campaign's first
# level chosen twice (the first choice asks before dropping the change),
# a row grown on top and a column on the left with Size's buttons, and the
# copy saved under a new name. The saved files must be in the player's level
# folder and check clean; the shipped level stays as it was. Exits 77
# (skipped) when Xvfb or xdotool is missing.
#   editor_xvfb.sh GAME LEVELCHECK OUT
set -u
# shellcheck source=window.sh
source "$(dirname "$0")/window.sh"
GAME="$1"
CHECK="$2"
OUT="$3"
command -v Xvfb >/dev/null && command -v xdotool >/dev/null || { echo "Xvfb/xdotool missing: skipped"; exit 77; }
rm -rf "$OUT"
mkdir -p "$OUT"
export HOME="$OUT/home" XDG_DATA_HOME="$OUT/home/.local/share"
mkdir -p "$HOME"
window_xvfb 1280x720x24
trap 'kill $XPID 2>/dev/null; kill $GPID 2>/dev/null' EXIT
MM_TRACE_SCREENS=1 SDL_AUDIODRIVER=dummy "$GAME" >"$OUT/game.log" 2>&1 &
GPID=$!
window_find
sleep 0.5
key() { xdotool key --window "$WID" "$@"; sleep 0.4; }
# The picture's pixel (480 x 270) to the window's: a whole-number scale,
# centred (platform/letterbox.c).
# (The first window found may be one SDL replaces: ask until one answers.)
WIDTH=0; HEIGHT=0
for _ in $(seq 50); do
  for W in $(xdotool search --name "Miracle Mile" 2>/dev/null); do
    G=$(xdotool getwindowgeometry --shell "$W" 2>/dev/null) || continue
    eval "$G"; WID=$W; break 2
  done
  sleep 0.1
done
[ "$WIDTH" -gt 0 ] || { echo "the window has no size"; exit 1; }
S=$(( WIDTH / 480 < HEIGHT / 270 ? WIDTH / 480 : HEIGHT / 270 ))
[ "$S" -ge 1 ] || S=1
OX=$(( (WIDTH - 480 * S) / 2 )); OY=$(( (HEIGHT - 270 * S) / 2 ))
at() { xdotool mousemove --window "$WID" $(( OX + $1 * S )) $(( OY + $2 * S )); sleep 0.15; }
click() { at "$1" "$2"; xdotool click --window "$WID" 1; sleep 0.3; }
drag() { at "$1" "$2"; xdotool mousedown --window "$WID" 1; sleep 0.2; at "$3" "$4"; sleep 0.2; xdotool mouseup --window "$WID" 1; sleep 0.3; }
shot() { command -v import >/dev/null && import -window root "$OUT/$1.png" 2>/dev/null || true; }

key Down; key Down   # the title's third way: Make a level
key Return
# The panel: tools in two rows of four from x 352, the tiles' palette from
# y 28 in rows of eight 16 px tiles (water is tile 6, grass 4).
click $(( 352 + 32 + 12 )) 7            # Rect
click $(( 352 + 6 * 16 + 8 )) 36        # water
drag 104 40 168 88                       # a pond, tiles (6,2) to (10,5)
click $(( 352 + 12 )) 7                 # Paint
click $(( 352 + 4 * 16 + 8 )) 36        # grass
drag 200 168 300 168                     # a stroke along row 10
shot edited
at 56 184                                # the cursor on the pavement, tile (3,11)
key F5                                   # test-play from the cursor
xdotool keydown --window "$WID" Right; sleep 0.6; xdotool keyup --window "$WID" Right
shot playing
key F5                                   # back to the editor
key ctrl+s
for _ in $(seq 12); do key BackSpace; done
xdotool type --window "$WID" --delay 60 "smoke made"; sleep 0.3
key Return
shot saved
# Open: a campaign level as a copy, grown at the top and left, saved anew.
click $(( 352 + 12 )) 7                 # Paint
click 120 120                            # a change, not saved
click $(( 352 + 10 )) 207               # Open (over Level, Save, Play)
shot open
click $(( 352 + 40 )) 55                # the campaign's first level: asks first
shot open-asked
click $(( 352 + 40 )) 55                # again: the change dropped, the copy opened
click $(( 352 + 42 + 10 )) 207          # Size
click $(( 352 + 80 + 10 )) 45           # top: grow
click $(( 352 + 80 + 10 )) 73           # left: grow
shot sized
key ctrl+s
for _ in $(seq 40); do key BackSpace; done
xdotool type --window "$WID" --delay 60 "tar copy"; sleep 0.3
key Return
shot copy-saved
key Escape                               # saved: leaves at once, to the title
sleep 0.3
kill -0 $GPID 2>/dev/null || { echo "the game died:"; cat "$OUT/game.log"; exit 1; }
kill -TERM $GPID
for _ in $(seq 50); do kill -0 $GPID 2>/dev/null || break; sleep 0.1; done
wait $GPID
CODE=$?
cat "$OUT/game.log"
[ $CODE -eq 0 ] || { echo "the game exited with $CODE"; exit 1; }
TRACE=$(grep '^screen ' "$OUT/game.log" | tr '\n' ' ')
case "$TRACE" in
  *"screen editor screen play screen editor screen title"*) ;;
  *) echo "the screens went: $TRACE"; exit 1 ;;
esac
FILE=$(find "$HOME" -name smoke-made.mml | head -1)
[ -n "$FILE" ] || { echo "no smoke-made.mml saved in the level folder"; find "$HOME"; exit 1; }
cat "$FILE"
# The pond and the stroke are in the saved map.
grep -q 'wwwww' "$FILE" || { echo "the pond is not in the saved map"; exit 1; }
grep -q '"""' "$FILE" || { echo "the stroke of grass is not in the saved map"; exit 1; }
grep -q '^name = smoke made$' "$FILE" || { echo "the new level is not named as its file was typed"; exit 1; }
"$CHECK" "$FILE" | tee "$OUT/check.log"
grep -q '; ok$' "$OUT/check.log" || { echo "the saved level does not check clean"; exit 1; }
# The copy: one row and one column more than the shipped level, which is
# as it was.
SHIPPED="$(dirname "$0")/../../levels/01-tar-pits.mml"
COPY=$(find "$HOME" -name tar-copy.mml | head -1)
[ -n "$COPY" ] || { echo "no tar-copy.mml saved in the level folder"; find "$HOME"; exit 1; }
map_size() { awk '/^map$/{m=1;next} /^end$/{m=0} m{n++; w=length($0)} END{print w "x" n}' "$1"; }
WANT=$(map_size "$SHIPPED" | awk -Fx '{print $1+1 "x" $2+1}')
GOT=$(map_size "$COPY")
[ "$GOT" = "$WANT" ] || { echo "the copy's map is $GOT, not $WANT"; exit 1; }
DATA_LEVEL=$(dirname "$GAME")/data/levels/01-tar-pits.mml
[ ! -f "$DATA_LEVEL" ] || cmp -s "$DATA_LEVEL" "$SHIPPED" || { echo "the shipped level was changed"; exit 1; }
"$CHECK" "$COPY" | tee "$OUT/check-copy.log"
grep -q '; ok$' "$OUT/check-copy.log" || { echo "the saved copy does not check clean"; exit 1; }
echo "editor test passed: made, test-played and saved $FILE, which checks clean; opened the campaign's first level as a copy, grew it at the top and left and saved it as $COPY"
