#!/usr/bin/env bash
# Bad input everywhere: each command given impossible dates, unknown codes,
# out-of-order milestones, huge fields, NULs and line breaks in quoted CSV
# fields, a file that is not CSV, an empty file, a header only, duplicate
# columns, and a case_ref that exists.  Each time: a clear message naming
# what is wrong, a non-zero exit status, and the database unchanged (a
# digest of every case and the history, before and after).
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_bad)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/tracker-sample.csv" >/dev/null
digest() { psql "$db" -XAtc "SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY case_ref), '')) || ':' || (SELECT count(*) FROM ehcp_history) FROM ehcp_request r"; }
start=$(digest)

# refused NAME STATUS FRAGMENT -- COMMAND...: the command fails with STATUS,
# says FRAGMENT, and changes nothing.
refused() {
	local name=$1 want=$2 fragment=$3
	shift 4
	"$@" >"$T/out" 2>"$T/err"
	local rc=$?
	check_eq "$name: exit status" "$rc" "$want"
	check_file_has "$name: message" "$T/err" "$fragment"
	check_eq "$name: database unchanged" "$(digest)" "$start"
}
H=case_ref,request_date,assessment_decision,assessment_decision_date,draft_plan_date,final_plan_date,caseworker

printf '%s\nN-1,2021-02-29,,,,,A\n' "$H" >"$T/a.csv"
refused "import: impossible date" 3 'line 2, request_date: "2021-02-29": 2021 is not a leap year' -- e import "$T/a.csv"
printf '%s\nN-1,2021-01-04,probably,2021-02-01,,,A\n' "$H" >"$T/a.csv"
refused "import: unknown code" 3 'line 2, assessment_decision: "probably" is not one of assess, refuse' -- e import "$T/a.csv"
printf '%s\nN-1,2021-01-04,assess,2021-02-01,2021-05-20,2021-05-10,A\n' "$H" >"$T/a.csv"
refused "import: out of order" 3 "line 2, final_plan_date: final_plan_date 2021-05-10 is before draft_plan_date 2021-05-20" -- e import "$T/a.csv"
{ printf '%s\nN-1,2021-01-04,,,,,' "$H"; head -c 3000 /dev/zero | tr '\0' x; echo; } >"$T/a.csv"
refused "import: a long field" 3 "line 2, caseworker: longer than 200 characters" -- e import "$T/a.csv"
{ printf '%s\nN-1,2021-01-04,,,,,"' "$H"; head -c 2000000 /dev/zero | tr '\0' x; echo '"'; } >"$T/a.csv"
refused "import: a huge field" 3 "line 2: the row is longer than 1048576 bytes" -- e import "$T/a.csv"
printf '%s\nN-1,2021-01-04,,,,,"A\0B"\n' "$H" >"$T/a.csv"
refused "import: a NUL in a quoted field" 3 "line 2, caseworker: contains a control character (byte 2)" -- e import "$T/a.csv"
printf '%s\nN-1,2021-01-04,,,,,"A\nB"\nN-2,2021-01-04,,,,,B\n' "$H" >"$T/a.csv"
refused "import: a line break in a quoted field" 3 "line 2, caseworker: contains a control character (byte 2)" -- e import "$T/a.csv"
head -c 4096 "$EHCP" >"$T/a.csv"
refused "import: not a CSV file" 3 "line 1" -- e import "$T/a.csv"
: >"$T/a.csv"
refused "import: an empty file" 3 "the file is empty: expected a header row naming the columns" -- e import "$T/a.csv"
printf '%s\n' "$H" >"$T/a.csv"
refused "import: a header only" 3 "the file has a header but no rows: nothing to import" -- e import "$T/a.csv"
printf 'case_ref,request_date,request_date\nN-1,2021-01-04,2021-01-04\n' >"$T/a.csv"
refused "import: duplicate columns" 3 "line 1: column request_date appears twice (columns 2 and 3)" -- e import "$T/a.csv"
printf '%s\nEHC-2020-0003,2020-01-13,,,,,B\nN-9,2021-01-04,,,,,B\n' "$H" >"$T/a.csv"
refused "import: a case_ref that exists" 3 "line 2, case_ref: the case exists already" -- e import "$T/a.csv"
printf '%s\nN-1,2021-01-04,,,,,A\nN-1,2021-01-05,,,,,A\n' "$H" >"$T/a.csv"
refused "import: a case_ref twice" 3 "line 3, case_ref: the same case_ref as line 2" -- e import "$T/a.csv"
printf '%s\nN-1,2099-01-04,,,,,A\n' "$H" >"$T/a.csv"
refused "import: the future" 3 "line 2, request_date: request_date 2099-01-04 is after today" -- e import "$T/a.csv"
printf 'case_ref,request_date,colour\nN-1,2021-01-04,red\n' >"$T/a.csv"
refused "import: unknown column" 3 'line 1: unknown column "colour" (column 3)' -- e import "$T/a.csv"
refused "import --update: bad rows still refuse all" 3 'line 1: unknown column "colour"' -- e import --update "$T/a.csv"

refused "add: impossible date" 3 'request_date: "31/04/2021": April 2021 has 30 days' -- e case add N-1 --request-date 31/04/2021
refused "add: unknown type" 3 'request_type: "urgent" is not one of initial, reassessment, transfer_in' -- e case add N-1 --request-date 2021-01-04 --type urgent
refused "add: a huge reference" 3 "case_ref: longer than 100 characters" -- e case add "$(head -c 5000 /dev/zero | tr '\0' r)" --request-date 2021-01-04
refused "add: a line break in a name" 3 "caseworker: contains a control character" -- e case add N-1 --request-date 2021-01-04 --caseworker "$(printf 'A\nB')"
refused "add: exists" 5 "case EHC-2020-0001 exists already" -- e case add EHC-2020-0001 --request-date 2020-01-06
refused "record: impossible date" 3 'final_plan_date: "2020-06-31": June 2020 has 30 days' -- e case record EHC-2020-0006 final 2020-06-31
refused "record: unknown code" 3 'assessment_decision: "later" is not one of assess, refuse' -- e case correct EHC-2020-0001 decision later 2020-02-10
refused "record: out of order" 3 "final_plan_date 2020-04-01 is before draft_plan_date 2020-04-14" -- e case correct EHC-2020-0001 final 2020-04-01
refused "record: a plan after a refusal" 3 "final_plan_date is recorded, but the council refused to assess" -- e case record EHC-2020-0003 final 2020-06-01
refused "record: no such case" 4 "no case NOPE" -- e case record NOPE final 2020-06-01
refused "record: no such milestone" 2 'unknown milestone "colour"' -- e case record EHC-2020-0001 colour red
refused "close: a case with a plan" 3 "final_plan_date is recorded, but the request was closed without a plan" -- e case close EHC-2020-0001 withdrawn 2020-06-01
refused "cases: impossible date" 2 '--as-of: "2020-02-30": February 2020 has 29 days' -- e cases --as-of 2020-02-30
refused "report: impossible month" 2 '--from: "2020-00" is not a month' -- e report plans --from 2020-00 --to 2020-12
refused "ical: unknown option" 2 "unrecognized option '--frobnicate'" -- e ical --frobnicate
finish
