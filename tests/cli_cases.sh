#!/usr/bin/env bash
# `ehcp cases`: the exact CSV, a table for people, valid JSON, colour only
# on a terminal and never with NO_COLOR.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_cases)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/caselist.csv" >/dev/null; check_eq "import" "$?" 0

e cases --as-of 2020-06-01 --format csv --due-within 0 >"$T/out.csv"
cat >"$T/want.csv" <<'CSV'
case_ref,caseworker,request_date,elapsed,elapsed_days,stage,deadline,due_date,days_left,status,exception
L-DRAFTED-BACKLOG,C,2019-12-02,26w 0d,182,draft_served,final_plan,2020-04-20,-42,overdue,false
L-AWAIT-OVER,A,2020-04-06,8w 0d,56,awaiting_decision,decision,2020-05-18,-14,overdue,false
L-ASSESS,B,2020-03-02,13w 0d,91,assessing,health_advice,2020-05-19,-13,overdue,false
L-FUTURE-PLAN,C,2020-01-13,20w 0d,140,draft_served,final_plan,2020-06-01,0,nearing,false
L-PLANDEC,C,2020-02-10,16w 0d,112,awaiting_plan_decision,not_issue_notice,2020-06-01,0,nearing,false
CSV
check "csv exactly" cmp "$T/out.csv" "$T/want.csv"

e cases --as-of 2020-06-01 --by caseworker --format csv >"$T/load.csv"
printf 'caseworker,open,overdue,nearing,oldest_weeks,oldest_days\n,1,0,0,6,42\nA,3,1,1,19,133\nB,3,1,1,13,91\nC,3,1,2,26,182\n' >"$T/want.csv"
check "caseloads exactly" cmp "$T/load.csv" "$T/want.csv"

e cases --as-of 2020-06-01 >"$T/table"
check_file_has "table heading" "$T/table" "Open requests as of Mon 1 Jun 2020: 10 (3 overdue, 4 nearing)"
check_file_has "table dates for people" "$T/table" "Mon 20 Apr 2020"
check_file_has "table deadline label" "$T/table" "Decision whether to assess"
check_eq "no colour into a file" "$(grep -c $'\033' "$T/table")" 0

e cases --as-of 2020-06-01 --all --format json >"$T/out.json"
check_eq "json parses, 15 rows" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d), d[0]["days_left"], d[0]["exception"], d[-1]["due_date"])' "$T/out.json")" "15 -42 False None"

if command -v script >/dev/null; then
	script -qec "$EHCP --db '$db' cases --as-of 2020-06-01" /dev/null >"$T/tty" </dev/null
	check_eq "colour on a terminal" "$(grep -c $'\033\\[31m' "$T/tty")" 3
	NO_COLOR=1 script -qec "$EHCP --db '$db' cases --as-of 2020-06-01" /dev/null >"$T/tty" </dev/null
	check_eq "NO_COLOR honoured" "$(grep -c $'\033\\[' "$T/tty")" 0
fi
e cases --status late 2>"$T/err"; check_eq "bad status: exit 2" "$?" 2
check_file_has "bad status named" "$T/err" '"late" is not one of'
e cases --as-of 2020-02-30 2>"$T/err"; check_eq "bad date: exit 2" "$?" 2
check_file_has "bad date named" "$T/err" "--as-of: \"2020-02-30\": February 2020 has 29 days"
for bad in "" 12x -1; do
	e cases --due-within "$bad" 2>"$T/err"; check_eq "bad days '$bad': exit 2" "$?" 2
	check_file_has "bad days '$bad' named" "$T/err" "--due-within: \"$bad\" is not a number of days"
done
e ical --nearing "" -o "$T/x.ics" 2>"$T/err"; check_eq "empty ical --nearing: exit 2" "$?" 2
finish
