#!/usr/bin/env bash
# The soak's short run (bench/soak runs it for 10 minutes): 20 s of wrk on
# a mix of feeds, API calls and health checks, every answer as expected
# and the server's memory flat after its warm-up.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_serve_soak)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/caselist.csv" >/dev/null
e case add SOAK-1 --request-date "$(date -d '-10 days' +%F)" --caseworker "A" >/dev/null
# AddressSanitizer's quarantine holds freed memory back for a while, which
# would read as growth; a small one still catches a use after free.
ASAN_OPTIONS="${ASAN_OPTIONS:-}:quarantine_size_mb=4" \
	bash "$(dirname "$0")/../bench/soak" --seconds "${EHCP_SOAK_SECONDS:-20}" --connections 16 \
	--ehcp "$EHCP" --signin "$EHCP_SERVE_SIGNIN" --db "$db" >"$T/out" 2>&1
check_eq "soak: exit 0" "$?" 0
cat "$T/out"
check "soak: memory flat, no errors" grep -q ": flat$" "$T/out"
finish
