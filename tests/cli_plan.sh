#!/usr/bin/env bash
# `ehcp plan` as a caseworker uses it: add, record a review's milestones,
# show, cease, history; refusals with every problem named and nothing
# changed; exit statuses.
set -u
. "$(dirname "$0")/lib.sh"

db=$(new_db cli_plan)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" --user tester "$@"; }
digest() { psql "$db" -XAtc "SELECT md5(coalesce((SELECT string_agg(p::text, '|' ORDER BY plan_ref) FROM ehcp_plan p), '') || coalesce((SELECT string_agg(r::text, '|' ORDER BY plan_id, meeting_date) FROM ehcp_review r), '')) || (SELECT count(*) FROM ehcp_plan_history)"; }

e init >/dev/null; check_eq "init" "$?" 0

e plan add P-1 --start 2024-02-29 --caseworker "A. Smith" --dob 10/03/2014 --child-ref C-77 >"$T/out"
check_eq "add: exit 0" "$?" 0
check_file_has "add: says so" "$T/out" "added plan P-1"
e plan add P-1 --start 2024-01-01 >"$T/out" 2>"$T/err"
check_eq "add twice: exit 5" "$?" 5
check_file_has "add twice: says why" "$T/err" "plan P-1 exists already"
e plan add P-2 >"$T/out" 2>"$T/err"
check_eq "add without a start: exit 2" "$?" 2
check_file_has "add without a start: names it" "$T/err" "--start is required"

e plan record P-1 meeting 2025-02-20 >"$T/out"; check_eq "meeting" "$?" 0
e plan record P-1 invitations 2025-02-10 >/dev/null; check_eq "invitations" "$?" 0
e plan record P-1 decision amend 2025-03-10 >/dev/null; check_eq "decision" "$?" 0
e plan record P-1 proposals 2025-03-10 >/dev/null; check_eq "proposals" "$?" 0

# Refused: an amended plan before the proposals; a decision that is not one;
# a milestone that is not one; nothing changes.
before=$(digest)
e plan record P-1 amended 2025-03-01 >"$T/out" 2>"$T/err"
check_eq "amended before proposals: exit 3" "$?" 3
check_file_has "amended before proposals: named" "$T/err" "review 2025-02-20 amended_plan_date: 2025-03-01 is before the proposed amendments (2025-03-10)"
e plan correct P-1 decision perhaps 2025-03-10 >"$T/out" 2>"$T/err"
check_eq "bad decision: exit 3" "$?" 3
check_file_has "bad decision: named" "$T/err" 'decision: "perhaps" is not one of maintain, amend, cease'
e plan record P-1 lunch 2025-03-10 >"$T/out" 2>"$T/err"
check_eq "unknown milestone: exit 2" "$?" 2
check_file_has "unknown milestone: named" "$T/err" 'unknown milestone "lunch"'
e plan record P-1 meeting 2025-02-20 >"$T/out" 2>"$T/err"
check_eq "same meeting twice: exit 5" "$?" 5
e plan record NOPE meeting 2025-02-20 >"$T/out" 2>"$T/err"
check_eq "no such plan: exit 4" "$?" 4
e plan cease P-1 needs_met 2024-01-01 >"$T/out" 2>"$T/err"
check_eq "cease before start: exit 3" "$?" 3
check_file_has "cease before start: both problems" "$T/err" "ceased_date: 2024-01-01 is before plan_start_date (2024-02-29)"
check_file_has "cease before start: the meeting" "$T/err" "review 2025-02-20 meeting_date: the plan ceased on 2024-01-01, before the meeting"
e plan cease P-1 bored 2025-04-01 >"$T/out" 2>"$T/err"
check_eq "bad reason: exit 2" "$?" 2
check_eq "refusals changed nothing" "$(digest)" "$before"

# On 1 April 2025 (worked by hand): started 29 Feb 2024, so the first review
# was due by 28 Feb 2025 and the meeting on 20 Feb was in time; the next is
# due by 19 Feb 2026.  Born 10 March 2014: Year 6 in 2024/25, moving to
# Year 7 on 1 Sept 2025, amended plan due by 14 Feb 2025 - missed.  The
# report was due by 6 March (missed); the decision and proposals by 20 March
# (done 10 March); the amended plan by min(10 Mar + 56, 20 Feb + 84) = 5 May.
e plan show P-1 --as-of 2025-04-01 >"$T/show"; check_eq "show" "$?" 0
check_file_has "show: status" "$T/show" "on Tue 1 Apr 2025: overdue"
check_file_has "show: next review" "$T/show" "next review due by Thu 19 Feb 2026 (in 324 days)"
check_file_has "show: year" "$T/show" "year group: Year 6"
check_file_has "show: transfer" "$T/show" "next phase transfer Year 6 to Year 7 on Mon 1 Sep 2025: amended plan by Fri 14 Feb 2025 (46 days ago), MISSED"
check_file_has "show: meeting in time" "$T/show" "meeting Thu 20 Feb 2025 (due by Fri 28 Feb 2025: in time), decision amend"
check_file_has "show: invitations" "$T/show" "invitations (2 weeks before)   Thu 6 Feb 2025   done Mon 10 Feb 2025 (late)"
check_file_has "show: report missed" "$T/show" "report (2 weeks)               Thu 6 Mar 2025   MISSED, 26 days ago"
check_file_has "show: decision" "$T/show" "decision (4 weeks)             Thu 20 Mar 2025  done Mon 10 Mar 2025 (in time)"
check_file_has "show: amended due" "$T/show" "amended plan (8/12 weeks)      Mon 5 May 2025   in 34 days"
if grep -q "C-77\|2014" "$T/show"; then fail "show: the child's details appear without --show-child"; fi
e plan show P-1 --as-of 2025-04-01 --show-child >"$T/show"
check_file_has "show --show-child" "$T/show" "child C-77, born Mon 10 Mar 2014"
# As of the day before the meeting, nothing after it is known.
e plan show P-1 --as-of 2025-02-19 >"$T/show"
check_file_has "as of before the meeting: first review due" "$T/show" "next review due by Fri 28 Feb 2025 (in 9 days)"
if grep -q "meeting Thu 20 Feb" "$T/show"; then fail "as of before the meeting: the meeting is shown"; fi

# A meeting on another day goes to the latest review unless --meeting says.
e plan record P-1 meeting 2024-10-01 >/dev/null
e plan record P-1 report 2024-10-08 --meeting 2024-10-01 >/dev/null; check_eq "report by --meeting" "$?" 0
e plan record P-1 report 2025-03-07 >/dev/null; check_eq "report to the latest" "$?" 0
check_eq "reports where they belong" "$(psql "$db" -XAtc "SELECT string_agg(meeting_date || '=' || report_date, ' ' ORDER BY meeting_date) FROM ehcp_review")" "2024-10-01=2024-10-08 2025-02-20=2025-03-07"
e plan record P-1 amended 2025-04-30 >/dev/null; check_eq "amended" "$?" 0
e plan cease P-1 moved_la 2025-07-31 >"$T/out"; check_eq "cease" "$?" 0
e plan show P-1 --as-of 2025-08-01 >"$T/show"
check_file_has "ceased" "$T/show" "ceased Thu 31 Jul 2025 (moved_la)"

e plan history P-1 >"$T/hist"; check_eq "history" "$?" 0
check_file_has "history: who" "$T/hist" "tester ("
check_file_has "history: a review's field" "$T/hist" "review 2025-02-20 amended_plan_date (none) -> 2025-04-30"
check_file_has "history: the cease" "$T/hist" "cease_reason"
if grep -q "C-77" "$T/hist"; then fail "history: the child's reference appears without --show-child"; fi

e plan --help >"$T/out"; check_eq "help" "$?" 0
check_file_has "help: milestones" "$T/out" "decision maintain|amend|cease DATE"
check_eq "help fits a screen" "$(($(wc -l <"$T/out") <= 30))" 1
finish
