#!/usr/bin/env bash
# Installs what ehcp needs to build, test and run on Debian 12, and nothing
# that is already there.  Safe to run again.  (python3-icalendar is the
# independent RFC 5545 parser the tests check the calendar export with;
# clang and its runtime build the fuzzers, valgrind checks for leaks, and
# headless Chromium renders the board page in its test.)
set -euo pipefail

packages=(meson ninja-build pkg-config gcc python3 libpq-dev uuid-dev libical-dev
          postgresql postgresql-client python3-icalendar clang libclang-rt-14-dev valgrind chromium fonts-dejavu-core)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "ehcp: installing ${missing[*]}" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
