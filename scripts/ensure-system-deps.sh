#!/usr/bin/env bash
# Makes sure the Debian packages that Fernhilfe's tests use are installed:
# a real X display (Xvfb, xterm, xdotool, xwd, setxkbmap), Chromium for browser tests, a real
# HTTP proxy with Basic auth (tinyproxy), openssl for test certificates, and wine with
# osslsigncode for the Windows guest module (built, signed and run under wine on Xvfb), and
# redis-server for the relay cluster tests (each test starts its own on a free loopback port).
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
  [redis-server]=redis-server
)
extra_packages=(xfonts-base fonts-dejavu-core wine64 fonts-wine)

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
