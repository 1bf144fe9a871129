#!/usr/bin/env bash
# `ehcp reviews`: the exact CSV of the register in tests/data/reviews.sql
# on Mon 20 Jan 2025 (rows worked by hand in tests/test_reviewlist.c),
# filters, the caseloads, a table for people, valid JSON, colours, the
# child only with --show-child, exit codes and bad arguments named.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_reviews)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
psql "$db" -XqAt -v ON_ERROR_STOP=1 -f "$EHCP_TEST_DATA/reviews.sql" >/dev/null; check_eq "register loaded" "$?" 0

H=plan_ref,caseworker,year_group,nc_year,due,due_date,days_left,status,next_review,transfer,transfer_deadline,no_date_of_birth
e reviews --as-of 2025-01-20 --format csv >"$T/out.csv"; check_eq "list: exit 0" "$?" 0
cat >"$T/want.csv" <<CSV
$H
P-OVERDUE-REVIEW,A,Year 5,5,review,2024-05-31,-234,overdue,2024-05-31,,,false
P-REPORT-LATE,A,Year 10,10,report,2025-01-16,-4,overdue,2026-01-01,,,false
P-NEAR-REVIEW,B,Year 7,7,review,2025-02-04,15,nearing,2025-02-04,,,false
P-AMEND,B,Year 4,4,amended_plan,2025-02-10,21,nearing,2025-11-24,,,false
P-Y6,A,Year 6,6,transfer_secondary,2025-02-14,25,nearing,2025-02-28,secondary,2025-02-14,false
P-NODOB,B,,,review,2025-02-28,39,on_track,2025-02-28,,,true
CSV
check "csv exactly" cmp "$T/out.csv" "$T/want.csv"

# Year 6 and Year 11 children still needing their amended plan
e reviews --as-of 2025-01-20 --transfers --format csv >"$T/out.csv"
cat >"$T/want.csv" <<CSV
$H
P-Y6,A,Year 6,6,transfer_secondary,2025-02-14,25,nearing,2025-02-28,secondary,2025-02-14,false
P-Y11,,Year 11,11,transfer_post16,2025-03-30,69,on_track,2025-06-09,post16,2025-03-30,false
P-NODOB,B,,,,,,on_track,2025-02-28,,,true
CSV
check "transfers exactly" cmp "$T/out.csv" "$T/want.csv"
check_eq "--kind secondary" "$(e reviews --as-of 2025-01-20 --transfers --kind secondary --format csv | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "P-Y6 "
check_eq "--year 6 --all" "$(e reviews --as-of 2025-01-20 --all --year 6 --format csv | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "P-Y6 P-Y6-MET "
check_eq "--caseworker A" "$(e reviews --as-of 2025-01-20 --caseworker A --format csv | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "P-OVERDUE-REVIEW P-REPORT-LATE P-Y6 "
check_eq "--status nearing" "$(e reviews --as-of 2025-01-20 --status nearing --format csv | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "P-NEAR-REVIEW P-AMEND P-Y6 "
check_eq "--due-within 20" "$(e reviews --as-of 2025-01-20 --due-within 20 --format csv | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "P-OVERDUE-REVIEW P-REPORT-LATE P-NEAR-REVIEW "
check_eq "--within 20" "$(e reviews --as-of 2025-01-20 --within 20 --format csv | cut -d, -f1 | tail -n +2 | tr '\n' ' ')" "P-OVERDUE-REVIEW P-REPORT-LATE P-NEAR-REVIEW P-NODOB "
check_eq "--all: 10 plans" "$(e reviews --as-of 2025-01-20 --all --format csv | tail -n +2 | wc -l)" 10

e reviews --as-of 2025-01-20 --by caseworker --format csv >"$T/load.csv"
printf 'caseworker,plans,overdue,nearing,transfers,no_date_of_birth\n,1,0,0,1,0\nA,4,2,1,1,0\nB,5,0,2,0,1\n' >"$T/want.csv"
check "caseloads exactly" cmp "$T/load.csv" "$T/want.csv"

e reviews --as-of 2025-01-20 >"$T/table"
check_file_has "table heading" "$T/table" "Plans needing attention as of Mon 20 Jan 2025: 6 (2 overdue, 3 nearing, 1 without a date of birth)"
check_file_has "table label" "$T/table" "Transfer to secondary: amended plan"
check_file_has "table dates for people" "$T/table" "Fri 14 Feb 2025"
check_file_has "table year unknown" "$T/table" "unknown"
check_eq "no colour into a file" "$(grep -c $'\033' "$T/table")" 0
check_eq "no child in the table" "$(grep -c 'CH-' "$T/table")" 0
e reviews --as-of 2025-01-20 --by caseworker >"$T/table"
check_file_has "caseload heading" "$T/table" "Review caseloads as of Mon 20 Jan 2025"
check_file_has "caseload none" "$T/table" "(none)"

e reviews --as-of 2025-01-20 --all --format json >"$T/out.json"
check_eq "json parses, 10 rows" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), d[0]["days_left"], d[5]["no_date_of_birth"], d[5]["nc_year"], "child_ref" in d[0])' "$T/out.json")" "10 -234 True None False"
e reviews --as-of 2025-01-20 --caseworker A --show-child --format csv >"$T/child.csv"
check_eq "--show-child adds the child" "$(head -1 "$T/child.csv" | cut -d, -f13-)" "child_ref,date_of_birth"
check_eq "--show-child row" "$(grep '^P-Y6,' "$T/child.csv" | cut -d, -f13-)" "CH-Y6,2014-03-03"

check_eq "--colour always" "$(e reviews --as-of 2025-01-20 --colour always | grep -c $'\033\\[31m')" 2
check_eq "--colour never" "$(e reviews --as-of 2025-01-20 --colour never | grep -c $'\033\\[')" 0
if command -v script >/dev/null; then
	script -qec "$EHCP --db '$db' reviews --as-of 2025-01-20" /dev/null >"$T/tty" </dev/null
	check_eq "colour on a terminal" "$(grep -c $'\033\\[33m' "$T/tty")" 3
	NO_COLOR=1 script -qec "$EHCP --db '$db' reviews --as-of 2025-01-20" /dev/null >"$T/tty" </dev/null
	check_eq "NO_COLOR honoured" "$(grep -c $'\033\\[' "$T/tty")" 0
fi

e reviews --help >"$T/help"; check_eq "help: exit 0" "$?" 0
check_eq "help fits a screen" "$(( $(wc -l <"$T/help") <= 24 ))" 1
bad() { # what, expected text, args...
	local what=$1 want=$2; shift 2
	e reviews "$@" >/dev/null 2>"$T/err"; check_eq "$what: exit 2" "$?" 2
	check_file_has "$what named" "$T/err" "$want"
}
bad "bad status" '--status: "late" is not one of' --status late
bad "bad date" '--as-of: "2025-02-30"' --as-of 2025-02-30
bad "bad within" '--within: "soon" is not a number of days' --within soon
bad "bad due-within" '--due-within: "-1" is not a number of days' --due-within -1
bad "bad kind" '--kind: "primary" is not one of' --transfers --kind primary
bad "kind without transfers" '--kind: only with --transfers' --kind post16
bad "bad year" '--year: "six" is not a national curriculum year' --year six
bad "bad by" "--by: only 'caseworker'" --by team
bad "bad format" '--format' --format xml
bad "bad colour" '--colour: "sometimes"' --colour sometimes
bad "stray argument" 'reviews takes no arguments' P-Y6
"$EHCP" --db "host=/nonexistent dbname=none" reviews >/dev/null 2>&1; check_eq "no database: exit 1" "$?" 1
finish
