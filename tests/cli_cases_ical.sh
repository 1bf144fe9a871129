#!/usr/bin/env bash
# `ehcp cases` and `ehcp ical` are one engine (the C clock): over a demo
# caseload, on three days, the deadline each open case shows in the list is
# an event of that case in the calendar, on the same date, with the same
# flag (save the notice not to issue, which the calendar leaves out), and
# the two cover the same open cases.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_cases_ical)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e demo --years 4 --requests-per-year 1500 --seed 7 --as-of 2026-06-30 >/dev/null; check_eq "demo" "$?" 0

for on in 2024-01-15 2025-06-30 2026-06-30; do
	e cases --as-of "$on" --format csv >"$T/cases-$on.csv"; check_eq "cases $on" "$?" 0
	e ical --as-of "$on" --horizon 400 --events cases -o "$T/cal-$on.ics" >/dev/null; check_eq "ical $on" "$?" 0
	/usr/bin/python3 - "$T/cases-$on.csv" "$T/cal-$on.ics" "$on" >"$T/py-$on" 2>&1 <<'PY'
import csv, datetime, re, sys, icalendar
cases_path, cal_path, on = sys.argv[1], sys.argv[2], datetime.date.fromisoformat(sys.argv[3])
# The list names a deadline, the calendar labels it (a re-assessment's
# decision is "whether to re-assess").
labels = {"decision": ("Decision whether to assess", "Decision whether to re-assess"),
          "health_advice": ("Health advice",), "social_care_advice": ("Social care advice",),
          "ep_advice": ("EP advice",), "safe_draft": ("Latest safe draft",), "final_plan": ("Final plan",),
          "tribunal_notice": ("Notice to assess (tribunal order)",),
          "tribunal_draft": ("Draft plan (tribunal order)",)}
events = {}
for ev in icalendar.Calendar.from_ical(open(cal_path, "rb").read()).walk("VEVENT"):
    summary = str(ev["SUMMARY"])
    m = re.fullmatch(r"(?:\[([A-Z0-9 ]+)\] )?(\S+): (.+)", summary)
    assert m, summary
    flag, ref, label = m.groups()
    due = re.search(r"Statutory deadline: \w{3} (\d+ \w{3} \d{4})", str(ev["DESCRIPTION"])).group(1)
    events[(ref, label)] = (datetime.datetime.strptime(due, "%d %b %Y").date(), flag or "",
                            ev.decoded("DTSTART"))
rows = list(csv.DictReader(open(cases_path, newline="")))
bad = []
for r in rows:
    due = datetime.date.fromisoformat(r["due_date"])
    if r["deadline"] == "not_issue_notice":
        # the calendar leaves the notice out by design (src/render/ical.c): a
        # decision a caseworker may never take
        if not any((r["case_ref"], l) in events for ls in labels.values() for l in ls):
            bad.append("%s: no event at all" % r["case_ref"])
        continue
    hit = [events[(r["case_ref"], l)] for l in labels[r["deadline"]] if (r["case_ref"], l) in events]
    if len(hit) != 1:
        bad.append("%s %s %s: no event" % (r["case_ref"], r["deadline"], due))
        continue
    ev_due, flag, start = hit[0]
    left = (due - on).days
    if int(r["days_left"]) != left:
        bad.append("%s: days_left %s, due %s" % (r["case_ref"], r["days_left"], due))
    want_flag = "OVERDUE" if left < 0 else "DUE TODAY" if left == 0 else \
        ("DUE IN %d DAY%s" % (left, "" if left == 1 else "S")) if left <= 14 else ""
    want_start = on if left < 0 else due
    if ev_due != due or flag != want_flag or start != want_start:
        bad.append("%s %s: list %s, calendar %s [%s] on %s" % (r["case_ref"], r["deadline"], due, ev_due, flag, start))
    if (r["status"] == "overdue") != (left < 0):
        bad.append("%s: status %s with %d days left" % (r["case_ref"], r["status"], left))
listed = {r["case_ref"] for r in rows}
in_cal = {ref for ref, _ in events}
if listed != in_cal:
    bad.append("open cases differ: list only %s, calendar only %s" % (sorted(listed - in_cal)[:5], sorted(in_cal - listed)[:5]))
kinds = {r["deadline"] for r in rows}
print("%d open cases, %d events, deadlines %s" % (len(rows), len(events), ",".join(sorted(kinds))))
for b in bad[:20]:
    print("MISMATCH", b)
sys.exit(1 if bad or len(rows) < 50 or len(kinds) < 4 else 0)
PY
	check_eq "cases and ical agree on $on" "$?" 0
	cat "$T/py-$on"
done
drop_dbs
finish
