#!/usr/bin/env bash
# `ehcp report` from the command line: the CSV columns exactly as
# specified, months as --from/--to, formats, and refusals.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_report)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/reports.csv" >/dev/null

e report plans --from 2021-01 --to 2021-12 --by quarter --as-of 2022-06-30 --format csv >"$T/plans.csv"
check_eq "plans exit" "$?" 0
cat >"$T/want" <<'CSV'
period,plans_issued,mediation_or_tribunal,timeliness_base,within_20_weeks,percent_within,timeliness_base_excl_exceptions,within_20_weeks_excl_exceptions,percent_within_excl_exceptions,over_20_to_52_weeks,over_52_weeks,mean_weeks_to_issue
2021-Q1,2,0,2,1,50.0,2,1,50.0,0,1,40.0
2021-Q2,3,0,3,2,66.7,2,1,50.0,1,0,20.0
2021-Q3,1,0,1,0,0.0,0,0,,1,0,23.4
2021-Q4,1,0,1,1,100.0,1,1,100.0,0,0,20.0
total,7,0,7,4,57.1,5,3,60.0,2,1,26.2
CSV
check "plans CSV exactly" cmp "$T/plans.csv" "$T/want"

e report health --from 2021-03 --to 2021-04 --as-of 2022-06-30 --format csv >"$T/health.csv"
cat >"$T/want" <<'CSV'
period,advice_returned,within_6_weeks,percent_within,advice_returned_excl_exceptions,within_6_weeks_excl_exceptions,percent_within_excl_exceptions,outstanding_overdue
2021-03,2,2,100.0,1,1,100.0,1
2021-04,3,0,0.0,2,0,0.0,0
total,5,2,40.0,3,1,33.3,0
CSV
check "health CSV exactly" cmp "$T/health.csv" "$T/want"

e report plans --from 2021-05 --to 2021-05 --as-of 2022-06-30 --cases --format csv >"$T/cases.csv"
check_file_has "cases: booleans for Excel" "$T/cases.csv" "2021-05,P2,initial,2021-01-04,2021-05-24,2021-05-25,141,20.1,false,false,false,"
e report plans --from 2021-01 --to 2021-12 --by year --as-of 2022-06-30 --format json >"$T/plans.json"
check_eq "json" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d[-1]["period"], d[-1]["percent_within"], d[0]["plans_issued"])' "$T/plans.json")" "total 57.1 7"
e report sen2 --year 2021 --as-of 2022-06-30 >"$T/sen2"
check_file_has "sen2 table" "$T/sen2" "percent_within_20_weeks_excl_exceptions   60.0"
e report health --from-body ep --from 2021-01 --to 2021-12 --as-of 2022-06-30 >"$T/ep"
check_file_has "ep advice titled" "$T/ep" "ep advice from Fri 1 Jan 2021 to Fri 31 Dec 2021"

e report plans --to 2021-12 2>"$T/err"; check_eq "no --from: exit 2" "$?" 2
e report speed --from 2021-01 --to 2021-02 2>"$T/err"; check_eq "unknown measure: exit 2" "$?" 2
check_file_has "unknown measure named" "$T/err" '"speed" is not a measure'
e report plans --from 2021-13 --to 2021-12 2>"$T/err"; check_eq "bad month: exit 2" "$?" 2
check_file_has "bad month named" "$T/err" '--from: "2021-13" is not a month'
e report sen2 --from 2021-02 --to 2021-12 2>"$T/err"; check_eq "sen2 needs a year: exit 2" "$?" 2
check_file_has "sen2's year said" "$T/err" "sen2 covers one calendar year"
e report plans --from 2021-12 --to 2021-01 2>"$T/err"; check_eq "reversed range: exit 2" "$?" 2
# SEN2 is a return of new plans: another type is refused, not counted.
e report sen2 --year 2024 --type reassessment --as-of 2024-12-31 2>"$T/err"; check_eq "sen2 of re-assessments: exit 2" "$?" 2
check_file_has "sen2 new plans only" "$T/err" "sen2 counts new plans only"
e report sen2 --year 2024 --type new --as-of 2024-12-31 >/dev/null; check_eq "sen2 --type new" "$?" 0
# "new" said outright is new plans, for decisions too (whose default is every type).
e report decisions --from 2024-01 --to 2024-12 --by year --as-of 2024-12-31 --format csv >"$T/dec-all"
e report decisions --from 2024-01 --to 2024-12 --by year --as-of 2024-12-31 --type new --format csv >"$T/dec-new"
col() { python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(r[-1][sys.argv[2]])' "$1" "$2"; }
check_eq "every type: the re-assessment decisions" "$(col "$T/dec-all" reassessment_decisions)" 2
check_eq "new: none of them" "$(col "$T/dec-new" reassessment_decisions)" 0

# A table of more columns than a terminal holds turns on its side: a
# measure to a row, a period to a column, the same figures as the CSV.
e report reviews --from 2021-01 --to 2021-06 --by quarter --as-of 2022-06-30 >"$T/rev-table"
e report reviews --from 2021-01 --to 2021-06 --by quarter --as-of 2022-06-30 --format csv >"$T/rev-csv"
check_eq "wide table: periods across" "$(sed -n 3p "$T/rev-table" | tr -s ' ')" "measure 2021-Q1 2021-Q2 total"
check_eq "wide table: a row per measure" "$(($(wc -l <"$T/rev-table") - 3))" "$(($(head -1 "$T/rev-csv" | tr ',' '\n' | wc -l) - 1))"
want=$(python3 -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1]))); print(" ".join(["plans_active_at_end"] + [x["plans_active_at_end"] for x in r]))' "$T/rev-csv")
check_eq "wide table: the figures are the CSV's" "$(grep '^plans_active_at_end ' "$T/rev-table" | tr -s ' ')" "$want"
e report --help >"$T/help"
check_eq "report --help fits a screen" "$(($(wc -l <"$T/help") <= 24))" 1
check_file_has "report --help names the reviews" "$T/help" "reviews    plans"
# a narrow one stays as it was
e report plans --from 2021-01 --to 2021-02 --as-of 2022-06-30 >"$T/plans-table"
check_file_has "narrow table: periods down" "$T/plans-table" "period"
finish
