#!/usr/bin/env bash
# The corrected rules, worked by hand, as `case show`, `cases` and `ical`
# print them (the reports' figures for the same cases are in
# tests/test_reports.c).  That `cases` and `ical` print the same deadlines
# over a generated caseload is tests/cli_cases_ical.sh.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_rules)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/reports.csv" >/dev/null; check_eq "import" "$?" 0

# RA1, the reference's worked example: re-assessment requested 2024-03-01,
# decided 2024-03-14 (due 2024-03-01 + 15 = 2024-03-16), plan due
# 2024-03-14 + 98 = 2024-06-20 (Mar 31 +17, Apr 30 +47, May 31 +78, +20).
e case show RA1 --as-of 2024-04-01 >"$T/ra1"
check_file_has "RA1 decision line" "$T/ra1" "decision whether to re-assess Thu 14 Mar 2024 (assess)"
check_file_has "RA1 decision in time" "$T/ra1" "Decision whether to re-assess Sat 16 Mar 2024  met Thu 14 Mar 2024 (in time)"
check_file_has "RA1 plan due" "$T/ra1" "Final plan                   Thu 20 Jun 2024  in 80 days"
check_file_has "RA1 no 16-week notice" "$T/ra1" "Latest safe draft            Wed 5 Jun 2024   in 65 days"
if grep -q "Notice not to issue" "$T/ra1"; then fail "RA1: a re-assessment has no notice not to issue"; fi
e case show RA1 >"$T/ra1-done"
check_file_has "RA1 issued in time" "$T/ra1-done" "Final plan                   Thu 20 Jun 2024  met Tue 18 Jun 2024 (in time)"

# RA2: decided on day 16, 2024-03-17: late; its plan is due 14 weeks from
# that day, 2024-06-23, and came 2024-06-21, in time.
e case show RA2 >"$T/ra2"
check_file_has "RA2 decision late" "$T/ra2" "Decision whether to re-assess Sat 16 Mar 2024  met Sun 17 Mar 2024 (late)"
check_file_has "RA2 plan in time" "$T/ra2" "Final plan                   Sun 23 Jun 2024  met Fri 21 Jun 2024 (in time)"
check_file_has "RA2 status" "$T/ra2" "done_in_time"

# M1: a plan after mediation; the clock is the 20 weeks (2024-05-27).
e case show M1 >"$T/m1"
check_file_has "M1 mediation shown" "$T/m1" "mediation                    Fri 10 May 2024"
check_file_has "M1 late" "$T/m1" "Final plan                   Mon 27 May 2024  met Mon 10 Jun 2024 (late)"

# T1: refused 2023-10-02; appeal 2023-11-06; ordered to assess 2024-02-05.
# Before the order it had ended; after it, the tribunal's clock: notice
# T + 14 = 2024-02-19, notice not to issue T + 70 = 2024-04-15, final plan
# T + 98 = 2024-05-13, latest safe draft 2024-04-28.
e case show T1 --as-of 2024-01-15 >"$T/t1-before"
check_file_has "T1 ended before the order" "$T/t1-before" "on Mon 15 Jan 2024: ended"
e case show T1 --as-of 2024-02-10 >"$T/t1"
check_file_has "T1 open after the order" "$T/t1" "on Sat 10 Feb 2024: nearing"
check_file_has "T1 order shown" "$T/t1" "tribunal outcome             Mon 5 Feb 2024 (assess)"
check_file_has "T1 notice" "$T/t1" "Notice to assess (tribunal order) Mon 19 Feb 2024  in 9 days"
check_file_has "T1 not to issue" "$T/t1" "Notice not to issue          Mon 15 Apr 2024  in 65 days"
check_file_has "T1 final" "$T/t1" "Final plan                   Mon 13 May 2024  in 93 days"
e case show T1 >"$T/t1-done"
check_file_has "T1 issued in time on the tribunal's clock" "$T/t1-done" "Final plan                   Mon 13 May 2024  met Fri 10 May 2024 (in time)"

# The case list on the same days.
e cases --as-of 2024-02-10 --format csv >"$T/cases.csv"
check_file_has "T1 in the list" "$T/cases.csv" "T1,,2023-09-04,22w 5d,159,assessing,tribunal_notice,2024-02-19,9,nearing,false"
e cases --as-of 2024-01-15 --format csv >"$T/cases-jan.csv"
if grep -q "^T1," "$T/cases-jan.csv"; then fail "T1 is not open before the order"; fi
e cases --as-of 2024-04-01 --format csv >"$T/cases-apr.csv"
check_file_has "RA1 in the list" "$T/cases-apr.csv" "RA1,,2024-03-01,4w 3d,31,assessing,safe_draft,2024-06-05,65,on_track,false"

# And the calendar.
e ical --as-of 2024-02-10 -o "$T/feb.ics" >/dev/null
check_file_has "T1 notice event" "$T/feb.ics" "SUMMARY:[DUE IN 9 DAYS] T1: Notice to assess (tribunal order)"
e ical --as-of 2024-04-01 -o "$T/apr.ics" >/dev/null
python3 - "$T/apr.ics" >"$T/ev" <<'PY'
import sys
ev = {}
for block in open(sys.argv[1], encoding="utf-8", newline="").read().replace("\r\n ", "").split("BEGIN:VEVENT")[1:]:
    block = block.split("BEGIN:VALARM")[0]
    f = dict(l.split(":", 1) for l in block.split("\r\n") if ":" in l and not l.startswith(("BEGIN", "END")))
    ev[f["SUMMARY"]] = f["DTSTART;VALUE=DATE"]
for k in sorted(ev):
    print(k, ev[k])
PY
check_file_has "RA1 plan event" "$T/ev" "RA1: Final plan 20240620"
check_file_has "T1 plan event" "$T/ev" "T1: Final plan 20240513"

finish
