#!/usr/bin/env bash
# Installs what ehcp needs to build and run on Debian 12 and, with --tests,
# what only its tests need; nothing that is already there.  Safe to run
# again.  (For the tests: python3-icalendar is the independent RFC 5545
# parser the calendar is checked with; clang and its runtime build the
# fuzzers; valgrind checks for leaks; headless Chromium renders the board
# page; strace shows the example program writes no file; xmllint, from
# libxml2-utils, validates the SEN2 return against its schema; curl, wrk
# and openssl drive `ehcp serve` over HTTP and TLS, and nginx-light is the
# static-file baseline of bench/serve; node and npm run the web pages'
# browser tests, tests/browser.)
set -euo pipefail

packages=(meson ninja-build pkg-config gcc python3 libpq-dev uuid-dev libical-dev libcrypt-dev libgnutls28-dev libmicrohttpd-dev postgresql postgresql-client)
if [ "${1:-}" = "--tests" ]; then
	packages+=(python3-icalendar clang libclang-rt-14-dev valgrind chromium fonts-dejavu-core strace libxml2-utils curl wrk openssl nginx-light nodejs)
	# the browser tests' puppeteer-core and axe-core come with npm; a
	# nodejs that brings its own npm needs no Debian one (they conflict)
	command -v npm >/dev/null 2>&1 || packages+=(npm)
fi
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
