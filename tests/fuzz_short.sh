#!/usr/bin/env bash
# A short run of each libFuzzer target from the seed corpus (the long run is
# tests/fuzz/run.sh 600).  Needs clang and its fuzzer runtime, which the
# set-up installs: without them this fails rather than skips.
set -u
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/ehcp-fuzz-short.XXXXXX)
trap 'rm -rf "$dir"' EXIT
EHCP_FUZZ_DIR=$dir bash "$here/fuzz/run.sh" "${EHCP_FUZZ_SECONDS:-15}"
