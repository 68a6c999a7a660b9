#!/bin/bash
# Builds SDL2, freetype, SDL2_image, SDL2_mixer and SDL2_ttf for the browser
# from Debian's source packages with Debian's emscripten, into a prefix kept
# in the cache folder, and prints that prefix on the last line of stdout.
#
#   bash tools/web/deps.sh
#
# Emscripten's own SDL ports download from the internet; these builds need
# only Debian's archive. The prefix is keyed on the source packages' .dsc
# hashes, the emscripten version and this script (which holds every option),
# so it is rebuilt exactly when one of them changes, and reused otherwise.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

SOURCES=(libsdl2 freetype libsdl2-image libsdl2-mixer libsdl2-ttf)
web_need_packages emscripten dpkg-dev cmake ninja-build ca-certificates

# Source packages need a deb-src entry; add one beside each deb entry once.
enable_deb_src() {
  local f=/etc/apt/sources.list.d/debian.sources
  echo "Enabling Debian source packages (deb-src) for apt-get source" >&2
  if [ -f "$f" ] && grep -q '^Types: deb$' "$f"; then
    web_sudo sed -i 's/^Types: deb$/Types: deb deb-src/' "$f"
  elif [ -f /etc/apt/sources.list ] && grep -q '^deb ' /etc/apt/sources.list; then
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list |
      web_sudo tee /etc/apt/sources.list.d/miraclemile-deb-src.list >/dev/null
  else
    echo "deps.sh: cannot find a deb entry to add deb-src to; enable source packages" \
      "in apt's sources by hand" >&2
    exit 1
  fi
  web_sudo apt-get update -q >&2
}

# The .dsc URIs apt would fetch: name, version and hash of each source.
print_uris() {
  (cd /tmp && apt-get source --print-uris -qq "${SOURCES[@]}" 2>/dev/null) | grep "\.dsc'" || true
}
uris="$(print_uris)"
if [ "$(printf '%s\n' "$uris" | grep -c "\.dsc'")" -ne ${#SOURCES[@]} ]; then
  enable_deb_src
  uris="$(print_uris)"
fi
if [ "$(printf '%s\n' "$uris" | grep -c "\.dsc'")" -ne ${#SOURCES[@]} ]; then
  echo "deps.sh: apt knows no source package for some of: ${SOURCES[*]}" >&2
  exit 1
fi

emver="$(dpkg-query -W -f='${Version}' emscripten)"
key="$( (
  printf '%s\n' "$uris" | awk '{print $2, $4}'
  echo "emscripten $emver"
  sha256sum "$HERE/deps.sh" | cut -d' ' -f1
) | sha256sum | cut -c1-16)"
root="$(web_cache_root)"
dir="$root/$key"
prefix="$dir/prefix"
mkdir -p "$root"

# One build at a time per cache (a second run waits, then reuses it).
exec 9>"$root/lock"
flock 9
if [ -f "$dir/complete" ]; then
  echo "Web libraries: reusing $dir" >&2
  echo "$prefix"
  exit 0
fi

start=$(date +%s)
echo "Web libraries: building into $dir (a few minutes, once)" >&2
rm -rf "$dir"
work="$dir/work"
mkdir -p "$root/sources" "$work" "$prefix"
(
  cd "$root/sources"
  # Root would hand the download to apt's sandbox user, which cannot write here.
  sandbox=()
  [ "$(id -u)" -eq 0 ] && sandbox=(-o APT::Sandbox::User=root)
  apt-get source --download-only -q "${sandbox[@]}" "${SOURCES[@]}" >&2
)
for name in "${SOURCES[@]}"; do
  dsc="$(printf '%s\n' "$uris" | awk -v n="$name" '$2 ~ "^"n"_" {print $2}')"
  # Debian's patches apply; the files were checked against the archive's hashes by apt.
  dpkg-source --no-check -x "$root/sources/$dsc" "$work/$name" >/dev/null
done

# Everything static and small; see README.md ("The web build").
COMMON=(-G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel -DBUILD_SHARED_LIBS=OFF
  -DCMAKE_INSTALL_PREFIX="$prefix"
  # The sysroot's SDL2 stub config maps to the network-only port; this wins.
  -DCMAKE_FIND_ROOT_PATH="$prefix")
build() {
  local name="$1"
  shift
  echo "  $name" >&2
  emcmake cmake -S "$work/$name" -B "$work/$name-build" "${COMMON[@]}" "$@" >"$work/$name.log" 2>&1 ||
    { tail -40 "$work/$name.log" >&2; exit 1; }
  { cmake --build "$work/$name-build" -j"$(nproc)" && cmake --install "$work/$name-build"; } \
    >>"$work/$name.log" 2>&1 || { tail -40 "$work/$name.log" >&2; exit 1; }
}
build libsdl2 -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF
build freetype -DFT_DISABLE_ZLIB=ON -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_PNG=ON \
  -DFT_DISABLE_HARFBUZZ=ON -DFT_DISABLE_BROTLI=ON
# The game loads PNG only; every other format would only add to the download.
img_off=()
for f in AVIF BMP GIF JPG JXL LBM PCX PNM QOI SVG TGA TIF WEBP XCF XPM XV PNG_SAVE; do
  img_off+=(-DSDL2IMAGE_$f=OFF)
done
build libsdl2-image -DSDL2IMAGE_BACKEND_STB=ON -DSDL2IMAGE_VENDORED=ON -DSDL2IMAGE_DEPS_SHARED=OFF \
  -DSDL2IMAGE_SAMPLES=OFF "${img_off[@]}"
build libsdl2-mixer -DSDL2MIXER_VORBIS=STB -DSDL2MIXER_WAVE=ON -DSDL2MIXER_CMD=OFF \
  -DSDL2MIXER_DEPS_SHARED=OFF -DSDL2MIXER_SAMPLES=OFF -DSDL2MIXER_OPUS=OFF -DSDL2MIXER_MOD=OFF \
  -DSDL2MIXER_MIDI=OFF -DSDL2MIXER_FLAC=OFF -DSDL2MIXER_MP3=OFF
build libsdl2-ttf -DSDL2TTF_HARFBUZZ=OFF -DSDL2TTF_VENDORED=OFF -DSDL2TTF_SAMPLES=OFF

printf '%s\n' "$uris" | awk '{print $2}' >"$dir/sources.txt"
echo "emscripten $emver" >>"$dir/sources.txt"
rm -rf "$work"
touch "$dir/complete"
echo "Web libraries: built in $(($(date +%s) - start)) s" >&2
echo "$prefix"
