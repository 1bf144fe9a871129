#!/usr/bin/env bash
# The README's first command: installs what is missing, builds ehcp, and
# runs the main job on the embedded default database: a made-up caseload,
# this week's case list, the last twelve months' figures, and a calendar.
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

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$ehcp" export -o "$tmp" >/dev/null
if [ "$(wc -l <"$tmp")" -lt 2 ]; then
	echo; echo "== ehcp demo: a made-up caseload (three years of one council's requests)"
	"$ehcp" demo
else
	echo; echo "(the database already holds cases: no demo caseload added)"
fi

echo; echo "== ehcp cases: this week's case list, most urgent first (the first 25)"
"$ehcp" cases >"$tmp"
head -n 27 "$tmp"
echo; echo "== ehcp cases --by caseworker: who holds what"
"$ehcp" cases --by caseworker

first=$(date -d "$(date +%Y-%m-01) -12 months" +%Y-%m)
last=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
echo; echo "== ehcp report plans: the 20-week rate, $first to $last"
"$ehcp" report plans --from "$first" --to "$last"
echo; echo "== ehcp report health: health advice within 6 weeks, by quarter"
"$ehcp" report health --from "$first" --to "$last" --by quarter

echo; echo "== ehcp ical: the team's deadlines for Outlook, Google or Apple calendars"
"$ehcp" ical -o "$top/deadlines.ics"
echo
echo "Next: '$ehcp --help', 'ehcp case show REF', 'ehcp report --help'."
