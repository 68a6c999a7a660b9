#!/bin/bash
# Builds the libraries the Tiled map reader needs (expat for TMX, jansson for
# JSON, zlib for compressed layers) for the browser from Debian's source
# packages with Debian's emscripten, into a prefix kept in the cache folder,
# and prints that prefix on the last line of stdout.
#
#   bash tools/web/deps-tiled.sh
#
# Kept apart from deps.sh (the SDL libraries), with a key of its own (these
# sources' .dsc hashes, the emscripten version and this script), so adding or
# changing one of these never rebuilds SDL. It expects deps.sh to have run
# first (build.sh does), which turns on Debian's source packages.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

SOURCES=(expat jansson zlib)
web_need_packages emscripten dpkg-dev cmake ninja-build make

root="$(web_cache_root)"
mkdir -p "$root/sources"
# One build (and download) at a time per cache: a second run waits, then
# reuses what the first made.
exec 9>"$root/lock"
flock 9
sandbox=()
[ "$(id -u)" -eq 0 ] && sandbox=(-o APT::Sandbox::User=root)
# apt-get source --print-uris leaves out the files already in the folder it
# runs in: it runs in an empty one.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# The newest version of each source whose files are kept already or can be
# downloaded: an archive that lacks one (a mirror without Debian's security
# updates, say) falls back to the newest it has, and says so. Prints the
# .dsc line apt would fetch (URI, name, size, hash).
pick_source() {
  local name="$1" v line files f have newest=""
  for v in $(apt-cache showsrc "$name" 2>/dev/null | sed -n 's/^Version: //p' | sort -u -r -V); do
    [ -n "$newest" ] || newest="$v"
    files="$( (cd "$scratch" && apt-get source --print-uris -qq "$name=$v" 2>/dev/null) | grep "^'" || true)"
    line="$(printf '%s\n' "$files" | grep "\.dsc'" || true)"
    [ -n "$line" ] || continue
    have=1
    for f in $(printf '%s\n' "$files" | awk '{print $2}'); do
      [ -f "$root/sources/$f" ] || have=0
    done
    if [ "$have" -eq 0 ]; then
      (cd "$root/sources" && apt-get source --download-only -qq "${sandbox[@]}" "$name=$v") \
        >/dev/null 2>&1 || continue
    fi
    [ "$v" = "$newest" ] ||
      echo "deps-tiled.sh: $name $newest cannot be downloaded here; using $v" >&2
    printf '%s\n' "$line"
    return 0
  done
  echo "deps-tiled.sh: no source package of $name can be downloaded" \
    "(tools/web/deps.sh turns on deb-src)" >&2
  return 1
}
uris=""
for name in "${SOURCES[@]}"; do
  uris="$uris$(pick_source "$name")"$'\n'
done
uris="${uris%$'\n'}"

emver="$(dpkg-query -W -f='${Version}' emscripten)"
key="tiled-$( (
  printf '%s\n' "$uris" | awk '{print $2, $4}'
  echo "emscripten $emver"
  sha256sum "$HERE/deps-tiled.sh" | cut -d' ' -f1
) | sha256sum | cut -c1-16)"
dir="$root/$key"
prefix="$dir/prefix"
if [ -f "$dir/complete" ]; then
  echo "Tiled libraries: reusing $dir" >&2
  echo "$prefix"
  exit 0
fi

start=$(date +%s)
echo "Tiled libraries: building into $dir (a minute or two, once)" >&2
rm -rf "$dir"
work="$dir/work"
mkdir -p "$work" "$prefix"
for name in "${SOURCES[@]}"; do
  dsc="$(printf '%s\n' "$uris" | awk -v n="$name" '$2 ~ "^"n"_" {print $2}')"
  dpkg-source --no-check -x "$root/sources/$dsc" "$work/$name" >/dev/null
done

COMMON=(-G Ninja -DCMAKE_BUILD_TYPE=MinSizeRel -DBUILD_SHARED_LIBS=OFF
  -DCMAKE_INSTALL_PREFIX="$prefix")
build() {
  local name="$1" src="$2"
  shift 2
  echo "  $name" >&2
  emcmake cmake -S "$src" -B "$work/$name-build" "${COMMON[@]}" "$@" >"$work/$name.log" 2>&1 ||
    { tail -40 "$work/$name.log" >&2; exit 1; }
  { cmake --build "$work/$name-build" -j"$(nproc)" && cmake --install "$work/$name-build"; } \
    >>"$work/$name.log" 2>&1 || { tail -40 "$work/$name.log" >&2; exit 1; }
}
# Debian's expat source is the upstream repository: the library is in expat/.
expat_src="$work/expat"
[ -f "$expat_src/expat/CMakeLists.txt" ] && expat_src="$expat_src/expat"
# The salt of expat's hash tables comes from /dev/urandom, which emscripten's
# file system provides. No DTDs: a Tiled map has none, and Debian's security
# patches test XML_DTD as autotools defines it (1), not as CMake does (empty).
build expat "$expat_src" -DEXPAT_DTD=OFF -DEXPAT_SHARED_LIBS=OFF -DEXPAT_BUILD_TOOLS=OFF \
  -DEXPAT_BUILD_EXAMPLES=OFF -DEXPAT_BUILD_TESTS=OFF -DEXPAT_BUILD_DOCS=OFF \
  -DEXPAT_BUILD_FUZZERS=OFF -DEXPAT_BUILD_PKGCONFIG=OFF
build jansson "$work/jansson" -DJANSSON_BUILD_SHARED_LIBS=OFF -DJANSSON_BUILD_DOCS=OFF \
  -DJANSSON_EXAMPLES=OFF -DJANSSON_WITHOUT_TESTS=ON
# zlib's CMake build makes a shared and a static library of the same name,
# which emscripten (no shared libraries) cannot tell apart: its own
# configure script builds the static one alone. --zprefix names every symbol
# z_... (zconf.h maps the API to them): deps.sh's freetype carries its own
# copy of zlib's inflate under the plain names, and the two link together.
# The one internal table already called z_errmsg is renamed by hand.
echo "  zlib" >&2
(
  cd "$work/zlib"
  { CFLAGS="-Os -Dz_errmsg=z_z_errmsg" emconfigure ./configure --static --zprefix --prefix="$prefix" &&
    emmake make -j"$(nproc)" libz.a && emmake make install; } >"$work/zlib.log" 2>&1
) || { tail -40 "$work/zlib.log" >&2; exit 1; }

printf '%s\n' "$uris" | awk '{print $2}' >"$dir/sources.txt"
echo "emscripten $emver" >>"$dir/sources.txt"
rm -rf "$work"
touch "$dir/complete"
echo "Tiled libraries: built in $(($(date +%s) - start)) s" >&2
echo "$prefix"
