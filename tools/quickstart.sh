#!/usr/bin/env bash
# The README's first command: installs what is missing, builds ehcp, and
# runs the main job on the embedded default database.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build

bash "$top/tools/setup-deps.sh"
[ -f "$build/build.ninja" ] || meson setup "$build" "$top" -Dbuildtype=release >/dev/null
ninja -C "$build" >/dev/null
ehcp=$build/tools/ehcp

echo "== ehcp init: the embedded database and its schema"
"$ehcp" init
"$ehcp" db status
