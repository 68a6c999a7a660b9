#!/bin/bash
# Shared by the web scripts (sourced, not run): package installs and the
# environment Debian's emscripten needs.

# Debian's emscripten runs its JS tools with the system node; a node from
# another source does not search Debian's module folder for acorn & co.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

web_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# web_need_packages PKG...: installs the Debian packages that are missing.
web_need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing: ${missing[*]}"
  web_sudo apt-get update -q
  web_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}"
}

# The library cache lives outside the build tree so a clean clone (and CI)
# reuses it; MM_WEB_CACHE overrides the place.
web_cache_root() {
  echo "${MM_WEB_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/miraclemile-web}"
}
