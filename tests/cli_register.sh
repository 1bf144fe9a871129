#!/usr/bin/env bash
# ehcp import --plans/--reviews and ehcp export --plans/--reviews: export ->
# import -> export gives the same bytes on a register with every field
# used; a byte-order mark, DD/MM/YYYY dates and columns in another order
# are read; a refused file exits 3 and changes nothing.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_register)
db2=$(new_db cli_register2)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e2() { "$EHCP" --db "$db2" "$@"; }
e init >/dev/null
e2 init >/dev/null
digest() { psql "$db" -XAtc "SELECT md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY plan_ref) FROM ehcp_plan p), '') || coalesce((SELECT string_agg(r::text, '|' ORDER BY plan_id, meeting_date) FROM ehcp_review r), '')) || ':' || (SELECT count(*) FROM ehcp_plan_history)"; }

PH=plan_ref,child_ref,date_of_birth,caseworker,case_ref,plan_start_date,transferred_in_date,year_group_offset,next_transfer_date,next_transfer_to,ceased_date,cease_reason
RH=plan_ref,meeting_date,invitations_date,report_date,decision,decision_date,amendments_proposed_date,amended_plan_date
# Every field, in another column order, DD/MM/YYYY dates, a byte-order mark,
# CRLF line ends, quoting, a 0 offset (exported as empty).
printf '\xef\xbb\xbfcease_reason,ceased_date,next_transfer_to,next_transfer_date,year_group_offset,transferred_in_date,plan_start_date,case_ref,caseworker,date_of_birth,child_ref,plan_ref\r\n' >"$T/p.csv"
printf 'moved_la,01/05/2025,school,01/09/2026,-1,01/02/2021,10/01/2020,EHC-1,Ann,04/03/2015,C-1,P-1\r\n' >>"$T/p.csv"
printf ',,,,0,,2019-09-02,,,,,P-2\r\n' >>"$T/p.csv"
printf ',,post16,2027-09-01,2,,2018-06-15,,"Bob ""B"", senior",31/12/2010,"C,3",P-3\r\n' >>"$T/p.csv"
printf '\xef\xbb\xbfamended_plan_date,amendments_proposed_date,decision_date,decision,report_date,invitations_date,meeting_date,plan_ref\n' >"$T/r.csv"
printf '01/03/2021,03/02/2021,01/02/2021,amend,20/01/2021,20/12/2020,08/01/2021,P-1\n' >>"$T/r.csv"
printf ',,30/01/2022,maintain,,,07/01/2022,P-1\n,,,,,,01/09/2020,P-2\n' >>"$T/r.csv"

e import --plans "$T/p.csv" --reviews "$T/r.csv" >"$T/out" 2>"$T/err"
check_eq "import: exit status" "$?" 0
check_file_has "import: plans counted" "$T/out" "plans: 3 rows: 3 new plans, 0 updated, 0 unchanged"
check_file_has "import: reviews counted" "$T/out" "reviews: 3 rows: 3 new reviews, 0 updated, 0 unchanged"
e export --plans -o "$T/p1.csv"
check_eq "export plans: exit status" "$?" 0
e export --reviews >"$T/r1.csv"
check_eq "export reviews: exit status" "$?" 0
# worked by hand from the files above: ISO dates, the doc's column order, by plan_ref
cat >"$T/p_want.csv" <<EOW
$PH
P-1,C-1,2015-03-04,Ann,EHC-1,2020-01-10,2021-02-01,-1,2026-09-01,school,2025-05-01,moved_la
P-2,,,,,2019-09-02,,,,,,
P-3,"C,3",2010-12-31,"Bob ""B"", senior",,2018-06-15,,2,2027-09-01,post16,,
EOW
cat >"$T/r_want.csv" <<EOW
$RH
P-1,2021-01-08,2020-12-20,2021-01-20,amend,2021-02-01,2021-02-03,2021-03-01
P-1,2022-01-07,,,maintain,2022-01-30,,
P-2,2020-09-01,,,,,,
EOW
check "export plans: as worked out" cmp -s "$T/p1.csv" "$T/p_want.csv"
check "export reviews: as worked out" cmp -s "$T/r1.csv" "$T/r_want.csv"
# export -> import into an empty register -> export: the same bytes
e2 import --plans "$T/p1.csv" --reviews "$T/r1.csv" >/dev/null
check_eq "round trip: import exit status" "$?" 0
e2 export --plans -o "$T/p2.csv"
e2 export --reviews -o "$T/r2.csv"
check "round trip: plans byte for byte" cmp -s "$T/p1.csv" "$T/p2.csv"
check "round trip: reviews byte for byte" cmp -s "$T/r1.csv" "$T/r2.csv"
# an empty register exports headers only, which import as nothing
e2 export --reviews -o "$T/none.csv"
psql "$db2" -XqAtc "SELECT 1" >/dev/null

start=$(digest)
refused() {
	local name=$1 want=$2 fragment=$3
	shift 4
	"$@" >"$T/out" 2>"$T/err"
	local rc=$?
	check_eq "$name: exit status" "$rc" "$want"
	check_file_has "$name: message" "$T/err" "$fragment"
	check_eq "$name: database unchanged" "$(digest)" "$start"
}
printf 'plan_ref,plan_start_date,colour\nN-1,2024-01-01,red\n' >"$T/a.csv"
refused "unknown column" 3 'ehcp: plans line 1: unknown column "colour" (column 3)' -- e import --plans "$T/a.csv"
printf 'plan_ref\nN-1\n' >"$T/a.csv"
refused "required column" 3 'plans line 1: the required column plan_start_date is missing' -- e import --plans "$T/a.csv"
printf '%s\nP-2,2021-08-31,,,,,,\nP-9,2021-08-31,,,,,,\nP-2,2021-08-31,,,,,,\n' "$RH" >"$T/a.csv"
refused "bad reviews" 3 'reviews line 3, plan_ref: no such plan in the register or in plans.csv' -- e import --reviews "$T/a.csv"
check_file_has "bad reviews: the duplicate" "$T/err" 'reviews line 4, meeting_date: the same plan_ref and meeting_date as line 2'
check_file_has "bad reviews: the count" "$T/err" 'ehcp: 2 bad rows; nothing was imported:'
refused "existing plans" 3 'plans line 2, plan_ref: the plan exists already (import with --update to change it)' -- e import --plans "$T/p1.csv"
e import --dry-run --update --plans "$T/p1.csv" --reviews "$T/r1.csv" >"$T/out" 2>&1
check_eq "dry run: exit status" "$?" 0
check_eq "dry run: database unchanged" "$(digest)" "$start"
check_file_has "dry run: said" "$T/out" "dry run, nothing written: plans: 3 rows: 0 new plans, 0 updated, 3 unchanged"
refused "no file" 2 'import takes one tracker file' -- e import
refused "two stdins" 2 'only one of the files may be -' -- e import --plans - --reviews -
refused "both exports" 2 'not both' -- e export --plans --reviews
# --update: the same files leave everything as it was
e import --update --plans "$T/p1.csv" --reviews "$T/r1.csv" >"$T/out" 2>&1
check_eq "update: exit status" "$?" 0
check_file_has "update: nothing changed" "$T/out" "reviews: 3 rows: 0 new reviews, 0 updated, 3 unchanged"
check_eq "update: database unchanged" "$(digest)" "$start"
# reviews from standard input, joining a stored plan
printf '%s\nP-3,2019-06-01,,,,,,\n' "$RH" | e import --reviews - >"$T/out" 2>&1
check_eq "stdin: exit status" "$?" 0
check_eq "stdin: stored" "$(psql "$db" -XAtc "SELECT count(*) FROM ehcp_review")" 4
# The tracker and the register together are all or nothing: a bad review
# leaves the tracker's requests (and the plans their final plans made) out.
db3=$(new_db cli_register3)
e3() { "$EHCP" --db "$db3" "$@"; }
e3 init >/dev/null
printf 'case_ref,request_date,assessment_decision,assessment_decision_date,final_plan_date\nT-1,2020-01-06,assess,2020-02-10,2020-05-20\n' >"$T/t.csv"
printf '%s\nT-1,2021-05-10,,,,,,\nT-1,2019-01-01,,,,,,\n' "$RH" >"$T/tr.csv"
e3 import "$T/t.csv" --reviews "$T/tr.csv" >"$T/out" 2>"$T/err"
check_eq "together, refused: exit 3" "$?" 3
check_file_has "together, refused: the review named" "$T/err" "reviews line 3"
check_eq "together, refused: no request stored" "$(psql "$db3" -XAtc "SELECT count(*) FROM ehcp_request")" 0
check_eq "together, refused: no plan stored" "$(psql "$db3" -XAtc "SELECT count(*) FROM ehcp_plan")" 0
e3 import "$T/t.csv" --reviews "$T/tr.csv" --dry-run >"$T/out" 2>"$T/err"
check_eq "together, dry run of the same: exit 3" "$?" 3
printf '%s\nT-1,2021-05-10,,,,,,\n' "$RH" >"$T/tr.csv"
e3 import "$T/t.csv" --reviews "$T/tr.csv" --dry-run >"$T/out" 2>"$T/err"
check_eq "together, dry run: the review joins the plan the tracker makes" "$?" 0
check_eq "together, dry run: nothing stored" "$(psql "$db3" -XAtc "SELECT count(*) FROM ehcp_request")" 0
e3 import "$T/t.csv" --reviews "$T/tr.csv" >"$T/out" 2>"$T/err"
check_eq "together: exit 0" "$?" 0
check_eq "together: the review of the plan the request made" "$(psql "$db3" -XAtc "SELECT p.plan_ref || ' ' || r.meeting_date FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id")" "T-1 2021-05-10"
# A plan in plans.csv linked to a request by case_ref, with the request in
# the same import: the request's final plan finds it and makes no second.
printf '%s\nEHCP-0001,,,,T-1,2020-05-20,,,,,,\n' "$PH" >"$T/tp.csv"
db4=$(new_db cli_register4)
"$EHCP" --db "$db4" init >/dev/null
"$EHCP" --db "$db4" import "$T/t.csv" --plans "$T/tp.csv" >"$T/out" 2>"$T/err"
check_eq "linked plan with its request: exit 0" "$?" 0
check_eq "linked plan with its request: one plan" "$(psql "$db4" -XAtc "SELECT string_agg(plan_ref || '/' || case_ref, ' ') FROM ehcp_plan")" "EHCP-0001/T-1"
# The three files exported and imported together into a fresh database: the same files again.
e3 export -o "$T/x-t.csv"; e3 export --plans -o "$T/x-p.csv"; e3 export --reviews -o "$T/x-r.csv"
db5=$(new_db cli_register5)
"$EHCP" --db "$db5" init >/dev/null
"$EHCP" --db "$db5" import "$T/x-t.csv" --plans "$T/x-p.csv" --reviews "$T/x-r.csv" >"$T/out" 2>"$T/err"
check_eq "all three files round trip: exit 0" "$?" 0
"$EHCP" --db "$db5" export --plans -o "$T/y-p.csv"; "$EHCP" --db "$db5" export --reviews -o "$T/y-r.csv"
check "all three files round trip: plans" cmp -s "$T/x-p.csv" "$T/y-p.csv"
check "all three files round trip: reviews" cmp -s "$T/x-r.csv" "$T/y-r.csv"

e import --help >"$T/out"
check_eq "help fits a screen" "$(($(wc -l <"$T/out") <= 24))" 1
finish
