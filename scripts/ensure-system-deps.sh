#!/usr/bin/env bash
# Makes sure the Debian packages that Fernhilfe's tests use are installed:
# a real X display (Xvfb, xterm, xdotool, xwd, setxkbmap), Chromium for browser tests, a real
# HTTP proxy with Basic auth (tinyproxy), openssl for test certificates, wine with
# osslsigncode for the Windows guest module (built, signed and run under wine on Xvfb),
# libwine-dev for the Windows headers its COM calls are checked against, nginx as the TLS reverse
# proxy in front of the relay, systemd-analyze to verify the relay's unit, redis-server for the
# relay cluster tests (each test starts its own on a free loopback port), and x11vnc, websockify
# and noVNC, the reference the glass-to-glass bench measures Fernhilfe against.
# As root it installs what is missing; otherwise it prints the apt-get line and fails.
set -euo pipefail

# command → Debian package that provides it
declare -A needed=(
  [Xvfb]=xvfb
  [xterm]=xterm
  [xdotool]=xdotool
  [xwd]=x11-apps
  [setxkbmap]=x11-xkb-utils
  [chromium]=chromium
  [tinyproxy]=tinyproxy
  [openssl]=openssl
  [wine]=wine
  [osslsigncode]=osslsigncode
  [nginx]=nginx
  [systemd-analyze]=systemd
  [redis-server]=redis-server
  [x11vnc]=x11vnc # the glass-to-glass bench's reference: noVNC over x11vnc
  [websockify]=websockify
)
# libwine-dev: the Windows SDK headers, to check the COM vtable slots the Windows guest calls.
extra_packages=(xfonts-base fonts-dejavu-core wine64 fonts-wine libwine-dev novnc)

missing=()
for command in "${!needed[@]}"; do
  if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$command" ]; then
    missing+=("${needed[$command]}")
  fi
done
for package in "${extra_packages[@]}"; do
  if ! dpkg -s "$package" >/dev/null 2>&1; then missing+=("$package"); fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present"
  exit 0
fi

mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "Fernhilfe's tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them as root with:" >&2
  echo "  apt-get update && $line" >&2
  exit 1
fi

echo "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends ${missing[*]}
