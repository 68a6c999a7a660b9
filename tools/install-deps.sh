#!/bin/bash
# Installs the Debian packages the game needs to build and play, and with
# --test those the test suite needs too. Installs only what is missing; uses
# sudo when not run as root.
set -euo pipefail
PKGS=(build-essential cmake pkg-config libsdl2-dev libsdl2-image-dev libsdl2-mixer-dev
      libsdl2-ttf-dev libpng-dev libvorbis-dev libexpat1-dev libjansson-dev zlib1g-dev
      fonts-dejavu-core)
if [ "${1:-}" = "--test" ]; then
  PKGS+=(libcmocka-dev xvfb xauth xdotool imagemagick)
fi
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
