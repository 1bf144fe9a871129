#!/usr/bin/env bash
# `ehcp case`, `ehcp import` and `ehcp export` as a caseworker uses them:
# output, exit statuses, refusals that change nothing.
set -u
. "$(dirname "$0")/lib.sh"

db=$(new_db cli_case)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" --user tester "$@"; }
digest() { psql "$db" -XAtc "SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY case_ref), '')) || (SELECT count(*) FROM ehcp_history) FROM ehcp_request r"; }

# Before init, every command says what to run.
e case show X >"$T/out" 2>"$T/err"
check_eq "no schema: exit 1" "$?" 1
check_file_has "no schema: says run init" "$T/err" "run 'ehcp init'"

e init >/dev/null; check_eq "init" "$?" 0

e import "$EHCP_TEST_DATA/tracker-sample.csv" >"$T/out"
check_eq "import sample" "$?" 0
check_file_has "import summary" "$T/out" "7 rows: 7 new cases, 0 updated, 0 unchanged"
e export -o "$T/export.csv"; check_eq "export" "$?" 0
check "export equals the sample" cmp "$T/export.csv" "$EHCP_TEST_DATA/tracker-sample.csv"
e export | cmp - "$EHCP_TEST_DATA/tracker-sample.csv"; check_eq "export to stdout" "$?" 0

# A file with three different bad rows: all three reported, nothing written.
before=$(digest)
cat >"$T/bad.csv" <<'CSV'
case_ref,request_date,assessment_decision,assessment_decision_date,final_plan_date
B-1,2020-01-06,assess,2020-02-10,
B-2,2021-02-29,,,
B-3,2020-01-06,assess,2020-02-10,2019-01-01
B-4,2020-01-06,maybe,2020-02-10,
CSV
e import "$T/bad.csv" >"$T/out" 2>"$T/err"
check_eq "bad file: exit 3" "$?" 3
check_file_has "bad file: summary" "$T/err" "ehcp: 3 bad rows; nothing was imported:"
check_file_has "bad file: line 3" "$T/err" 'line 3, request_date: "2021-02-29": 2021 is not a leap year'
check_file_has "bad file: line 4" "$T/err" "line 4, final_plan_date: final_plan_date 2019-01-01 is before request_date 2020-01-06"
check_file_has "bad file: line 5" "$T/err" 'line 5, assessment_decision: "maybe" is not one of assess, refuse'
check_eq "bad file: nothing written" "$(digest)" "$before"
e import --dry-run "$EHCP_TEST_DATA/tracker-sample.csv" >"$T/out" 2>"$T/err"
check_eq "dry run of existing cases: exit 3" "$?" 3
e import nonexistent.csv >/dev/null 2>"$T/err"
check_eq "missing file: exit 1" "$?" 1
check_file_has "missing file named" "$T/err" "cannot open nonexistent.csv"

# A case through its milestones.
e case add T-1 --request-date 2020-01-06 --caseworker "A. Khan" >/dev/null; check_eq "add" "$?" 0
e case add T-1 --request-date 2020-01-06 >/dev/null 2>"$T/err"; check_eq "add twice: exit 5" "$?" 5
check_file_has "add twice: message" "$T/err" "case T-1 exists already"
e case add T-2 --request-date 2020-02-30 >/dev/null 2>"$T/err"; check_eq "impossible date: exit 3" "$?" 3
check_file_has "impossible date: reason" "$T/err" 'request_date: "2020-02-30": February 2020 has 29 days'
e case record T-1 decision assess 2020-02-10 >/dev/null; check_eq "record decision" "$?" 0
e case record T-1 health_advice_requested 2020-02-11 >/dev/null; check_eq "record advice request" "$?" 0
before=$(digest)
e case record T-1 health_advice_received 2020-02-01 >/dev/null 2>"$T/err"; check_eq "advice before request: exit 3" "$?" 3
check_file_has "advice before request: message" "$T/err" "health_advice_received 2020-02-01 is before health_advice_requested 2020-02-11"
e case record T-1 decision refuse 2020-02-11 >/dev/null 2>"$T/err"; check_eq "record twice: exit 5" "$?" 5
e case record T-404 final 2020-05-01 >/dev/null 2>"$T/err"; check_eq "no such case: exit 4" "$?" 4
e case record T-1 colour red >/dev/null 2>"$T/err"; check_eq "unknown milestone: exit 2" "$?" 2
e case record T-1 final 2020-05-01 --expect-version 1 >/dev/null 2>"$T/err"; check_eq "stale version: exit 5" "$?" 5
check_file_has "stale version: message" "$T/err" "case T-1 has changed since version 1 (it is now version 3)"
check_eq "refusals changed nothing" "$(digest)" "$before"
e case record T-1 health_advice_received 20/03/2020 >/dev/null; check_eq "UK date" "$?" 0
e case correct T-1 health_advice_received 2020-03-19 >/dev/null; check_eq "correct" "$?" 0
e case record T-1 draft 2020-05-01 >/dev/null; check_eq "draft" "$?" 0
e case exception T-1 personal_circumstances --note "family bereavement" >/dev/null; check_eq "exception" "$?" 0
e case show T-1 --as-of 2020-05-12 >"$T/show"
check_eq "show" "$?" 0
check_file_has "show: status" "$T/show" "on Tue 12 May 2020: nearing, 18w 1d since the request; exception recorded"
check_file_has "show: next deadline" "$T/show" "next deadline: Final plan, Mon 25 May 2020 (13 days)"
check_file_has "show: health advice" "$T/show" "Health advice                Tue 24 Mar 2020  met Thu 19 Mar 2020 (in time)"
check_file_has "show: exception note" "$T/show" "personal_circumstances: family bereavement"
if grep -q "C-" "$T/show"; then fail "show prints the child's reference without --show-child"; fi
e case add T-3 --request-date 2020-01-06 >/dev/null
e case record T-3 draft 2020-05-01 >/dev/null
e case record T-3 final 2020-05-10 >/dev/null
e case show T-3 >"$T/show3"
check_file_has "warns of a short comment period" "$T/show3" "warning: the final plan came 9 days after the draft, before the family's 15 days to comment had run"
# As of a day, the milestones as they stood then, as the deadlines are:
# nothing dated after it, and no warning from what came later.
e case add T-4 --request-date 2024-01-08 >/dev/null
e case record T-4 decision assess 2024-02-07 >/dev/null
e case record T-4 plan_decision issue 2024-04-17 >/dev/null
e case record T-4 draft 2024-04-27 >/dev/null
e case record T-4 final 2024-05-05 >/dev/null; check_eq "T-4 recorded" "$?" 0
e case show T-4 --as-of 2024-04-30 >"$T/show4"
check_file_has "as of a day: the draft, dated by then" "$T/show4" "draft plan served            Sat 27 Apr 2024"
check "as of a day: no final plan dated after it" bash -c "! grep -q 'final plan issued' '$T/show4'"
check "as of a day: no warning from it" bash -c "! grep -q 'warning' '$T/show4'"
check_file_has "as of a day: says what is not shown" "$T/show4" "(1 milestone dated after Tue 30 Apr 2024 not shown)"
e case show T-4 --as-of 2024-04-10 >"$T/show4"
check_file_has "as of an earlier day: three not shown" "$T/show4" "(3 milestones dated after Wed 10 Apr 2024 not shown)"
e case show T-4 --as-of 2024-05-05 >"$T/show4"
check_file_has "on the day: the final plan" "$T/show4" "final plan issued            Sun 5 May 2024"
check_file_has "on the day: the warning" "$T/show4" "warning: the final plan came 8 days after the draft"
check "on the day: nothing left out" bash -c "! grep -q 'not shown' '$T/show4'"
e case history T-1 >"$T/hist"
check_eq "history: correction" "$(grep -c 'corrected health_advice_received *2020-03-20 -> 2020-03-19$' "$T/hist")" 1
check_file_has "history: user" "$T/hist" "tester"
e case clear T-1 draft >/dev/null; check_eq "clear" "$?" 0
e case close T-1 withdrawn 2020-05-20 >/dev/null; check_eq "close" "$?" 0
e case show T-1 --as-of 2020-06-01 >"$T/show"
check_file_has "closed case ends" "$T/show" ": ended,"
e case --help >"$T/help"; check_eq "case help" "$?" 0
check "help fits a screen" test "$(wc -l <"$T/help")" -le 24
"$EHCP" --help >"$T/help"; check "main help fits a screen" test "$(wc -l <"$T/help")" -le 24
"$EHCP" frobnicate 2>/dev/null; check_eq "unknown command: exit 2" "$?" 2
# A refused write never echoes a child's details back.
e case add T-CHILD --request-date 2020-01-06 --child-ref CHILD-SECRET-77 --dob 2014-03-10 >/dev/null
e case record T-CHILD child_ref OTHER 2>"$T/err"; check_eq "child_ref recorded twice: exit 5" "$?" 5
e case record T-CHILD date_of_birth 2014-03-11 2>>"$T/err"
check_file_has "says why" "$T/err" "child_ref is already recorded (not shown)"
check "no child reference in the message" test -z "$(grep -F CHILD-SECRET-77 "$T/err")"
check "no date of birth in the message" test -z "$(grep -E '2014-03-10|10/03/2014|10 Mar 2014' "$T/err")"
finish
