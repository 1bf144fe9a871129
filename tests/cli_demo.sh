#!/usr/bin/env bash
# `ehcp demo` is deterministic for a seed: the same caseload twice, checked
# by a digest of the export; another seed gives another caseload.
set -u
. "$(dirname "$0")/lib.sh"
trap 'drop_dbs; rm -rf "$T"' EXIT

a=$(new_db demo_a)
b=$(new_db demo_b)
for db in "$a" "$b"; do
	"$EHCP" --db "$db" init >/dev/null
	"$EHCP" --db "$db" demo --seed 42 --years 2 --requests-per-year 400 --as-of 2026-11-20 >"$T/out"
	check_eq "demo imports" "$?" 0
done
check_file_has "demo says what it made" "$T/out" "made-up requests from 1 authority over 2 years to Fri 20 Nov 2026"
da=$("$EHCP" --db "$a" export | sha256sum)
db_=$("$EHCP" --db "$b" export | sha256sum)
check_eq "same seed, same caseload" "$da" "$db_"
n=$(psql "$a" -XAtc "SELECT count(*) FROM ehcp_request")
check "a realistic number of requests" test "$n" -ge 700 -a "$n" -le 800
# Open cases at every stage on the as-of date, refusals about a fifth.
stages=$(psql "$a" -XAtc "SELECT count(*) FILTER (WHERE assessment_decision IS NULL AND closed_date IS NULL) > 0,
  count(*) FILTER (WHERE assessment_decision = 'assess' AND plan_decision IS NULL) > 0,
  count(*) FILTER (WHERE draft_plan_date IS NOT NULL AND final_plan_date IS NULL) > 0,
  count(*) FILTER (WHERE final_plan_date IS NOT NULL) > 0,
  round(100.0 * count(*) FILTER (WHERE assessment_decision = 'refuse') / count(assessment_decision)) BETWEEN 14 AND 26,
  bool_and(case_ref LIKE 'DEMO%' AND caseworker LIKE 'Demo Caseworker%')
  FROM ehcp_request")
check_eq "every stage, a fifth refused, made-up names" "$stages" "t|t|t|t|t|t"

"$EHCP" demo --seed 42 --years 2 --requests-per-year 400 --as-of 2026-11-20 -o "$T/one.csv"
"$EHCP" demo --seed 42 --years 2 --requests-per-year 400 --as-of 2026-11-20 -o "$T/two.csv"
"$EHCP" demo --seed 43 --years 2 --requests-per-year 400 --as-of 2026-11-20 -o "$T/three.csv"
check "same seed, same file" cmp -s "$T/one.csv" "$T/two.csv"
check "another seed, another file" test "$(sha256sum <"$T/one.csv")" != "$(sha256sum <"$T/three.csv")"
check_eq "the file is the caseload exported" "$(sha256sum <"$T/one.csv")" "$da"
"$EHCP" demo --years 0 2>/dev/null; check_eq "bad option: exit 2" "$?" 2
finish
