#!/usr/bin/env bash
# The README's first command: installs what is missing, builds ehcp, and
# runs the main job on the embedded default database: a made-up council
# (its requests and its plan register), this week's case and review lists,
# the last twelve months' figures, and a calendar.
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
	echo; echo "== ehcp demo: a made-up council (three years of requests, and its plans and reviews)"
	"$ehcp" demo
else
	echo; echo "(the database already holds cases: no demo caseload added)"
fi

echo; echo "== ehcp cases: this week's case list, most urgent first (the first 25)"
"$ehcp" cases >"$tmp"
head -n 27 "$tmp"
echo; echo "== ehcp cases --by caseworker: who holds what"
"$ehcp" cases --by caseworker
echo; echo "== ehcp reviews: this week's review list of EHC plans, most urgent first (the first 25)"
"$ehcp" reviews >"$tmp"
head -n 27 "$tmp"
echo; echo "== ehcp reviews --transfers --kind secondary: Year 6 still needing the amended plan by 14 February"
"$ehcp" reviews --transfers --kind secondary >"$tmp"
head -n 12 "$tmp"
echo; echo "== ehcp reviews --by caseworker: the plans each caseworker holds"
"$ehcp" reviews --by caseworker

first=$(date -d "$(date +%Y-%m-01) -12 months" +%Y-%m)
last=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
echo; echo "== ehcp report plans: the 20-week rate, $first to $last"
"$ehcp" report plans --from "$first" --to "$last"
echo; echo "== ehcp report health: health advice within 6 weeks, by quarter"
"$ehcp" report health --from "$first" --to "$last" --by quarter
echo; echo "== ehcp report reviews: annual reviews, decisions, amended plans and phase transfers, by quarter"
"$ehcp" report reviews --from "$first" --to "$last" --by quarter

echo; echo "== ehcp ical: the team's deadlines for Outlook, Google or Apple calendars"
"$ehcp" ical -o "$top/deadlines.ics"
echo
echo "Next: '$ehcp --help', 'ehcp case show REF', 'ehcp plan show REF', 'ehcp report --help',"
echo "and 'ehcp report board' for the board's page (see the README)."
echo "The service, for browsers and subscribed calendars (see the README):"
echo "  $ehcp user add YOU --role admin   # asks for a password"
echo "  $ehcp serve                       # then open http://127.0.0.1:8750/ and sign in"
