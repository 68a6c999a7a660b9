#!/bin/bash
# Runs one case of the bad-input corpus (tests/bad-input/CLASS/NAME.case; the
# format is in tests/bad-input/README.md) in a scratch folder of its own.
#   bad_input.sh CASE OUTDIR LEVELCHECK LEVELCONV GAME SAVECHECK DATA_DIR TILED
# Exits 0 when the last run's exit code and the output are as the case says,
# 77 (skipped) when the case needs what this build lacks, 1 otherwise.
set -u
CASE="$1" OUTDIR="$2"
export LEVELCHECK="$3" LEVELCONV="$4" GAME="$5" SAVECHECK="$6" DATA="$7" HAS_TILED="$8"
SRC="$(cd "$(dirname "$0")/../.." && pwd)"
CLASS_DIR="$(cd "$(dirname "$CASE")" && pwd)"
NAME="$(basename "$CASE" .case)"
S="$OUTDIR/$(basename "$CLASS_DIR")/$NAME"
rm -rf "$S"
mkdir -p "$S/home/.local/share/MiracleMile/miraclemile/levels"
# The class's input files; the cases name them as they are.
find "$CLASS_DIR" -maxdepth 1 -type f ! -name '*.case' ! -name '*.c' -exec cp {} "$S/" \;

# What a case line may use.
export SAVEDIR="$S/home/.local/share/MiracleMile/miraclemile"
export LEVELS="$SRC/levels" REPLAYS="$SRC/tests/replays" TILED="$SRC/tests/tiled"
export HOME="$S/home" XDG_DATA_HOME="$S/home/.local/share"
levelcheck() { "$LEVELCHECK" "$@"; }
levelconv() { "$LEVELCONV" "$@"; }
savecheck() { "$SAVECHECK" "$@"; }
# The real game, with SDL's dummy drivers: no window, no sound.
miraclemile() { SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$GAME" --data "$DATA" "$@"; }
# pad SRC DST BYTES: SRC with comment lines after it, exactly BYTES long.
pad() {
  cp "$1" "$2"
  local need=$(($3 - $(stat -c %s "$2")))
  yes '###############################################################' |
    head -c $((need - need % 64)) >>"$2"
  if [ $((need % 64)) -gt 0 ]; then
    head -c $((need % 64 - 1)) /dev/zero | tr '\0' '#' >>"$2"
    echo >>"$2"
  fi
}
export -f levelcheck levelconv savecheck miraclemile pad

setups=() runs=() expects=() absents=() checks=() want_exit=0 needs=""
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '#'* | '') continue ;; esac
  key="${line%% = *}" value="${line#* = }"
  case "$key" in
    setup) setups+=("$value") ;;
    run) runs+=("$value") ;;
    exit) want_exit="$value" ;;
    expect) expects+=("$value") ;;
    absent) absents+=("$value") ;;
    check) checks+=("$value") ;;
    needs) needs="$value" ;;
    *) echo "$CASE: unknown key '$key'"; exit 1 ;;
  esac
done <"$CASE"
[ ${#runs[@]} -gt 0 ] || { echo "$CASE: no run line"; exit 1; }
if [ "$needs" = tiled ] && [ "$HAS_TILED" != 1 ]; then echo "this build reads no Tiled maps: skipped"; exit 77; fi

cd "$S" || exit 1
for c in "${setups[@]}"; do
  bash -c "$c" || { echo "setup failed: $c"; exit 1; }
done
all="" code=0
for r in "${runs[@]}"; do
  # A hang is a failure too: nothing here may take more than 20 seconds.
  out="$(timeout 20 bash -c "$r" 2>&1)"
  code=$?
  echo "\$ $r"
  echo "$out"
  echo "(exit $code)"
  [ $code -eq 124 ] && { echo "FAIL: it hung (killed after 20 s)"; exit 1; }
  all+="$out"$'\n'
done
fail=0
if [ "$code" != "$want_exit" ]; then echo "FAIL: exit $code, expected $want_exit"; fail=1; fi
for e in "${expects[@]}"; do
  grep -qF -- "$e" <<<"$all" || { echo "FAIL: expected in the output: $e"; fail=1; }
done
for a in "${absents[@]}"; do
  grep -qF -- "$a" <<<"$all" && { echo "FAIL: must not be in the output: $a"; fail=1; }
done
for c in "${checks[@]}"; do
  bash -c "$c" || { echo "FAIL: check: $c"; fail=1; }
done
[ $fail -eq 0 ] && echo "ok: $(basename "$CLASS_DIR")/$NAME"
exit $fail
