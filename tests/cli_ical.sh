#!/usr/bin/env bash
# `ehcp ical` read by an independent RFC 5545 parser (Debian's
# python3-icalendar), with a long non-ASCII caseworker name in it.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_ical)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/caselist.csv" >/dev/null
name="Siobhán Ní Mhurchú-Øverland, Équipe d’évaluation des besoins éducatifs (Zoë Ł. Şahin)"
e case add L-NAMED --request-date 2020-05-11 --caseworker "$name" >/dev/null; check_eq "add" "$?" 0

e ical --as-of 2020-06-01 --caseworker "$name" -o "$T/one.ics" >"$T/out"; check_eq "ical exit" "$?" 0
check_file_has "says how many" "$T/out" "3 deadlines written to"
e ical --as-of 2020-06-01 -o "$T/team.ics" >/dev/null

PY=/usr/bin/python3
check "python3-icalendar is installed" "$PY" -c "import icalendar"
"$PY" - "$T/one.ics" "$T/team.ics" "$name" >"$T/py.out" 2>&1 <<'PY'
import sys, icalendar
one, team, name = sys.argv[1], sys.argv[2], sys.argv[3]
for path in (one, team):
    raw = open(path, "rb").read()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"", "ends with CRLF"
    for l in lines:
        assert b"\n" not in l, "bare LF"
        assert len(l) <= 75, "line over 75 octets: %r" % l
        if l.startswith(b" "):
            assert not (0x80 <= l[1] < 0xC0), "a fold split a UTF-8 character"
    cal = icalendar.Calendar.from_ical(raw)
    evs = [c for c in cal.walk("VEVENT")]
    print(path.endswith("one.ics") and "one" or "team", len(evs), str(cal["X-WR-CALNAME"]))
    for ev in evs:
        assert ev["DTEND"].dt > ev["DTSTART"].dt
        assert ev["UID"].endswith("@ehcp")
        assert ev.walk("VALARM"), "every event has an alarm"
cal = icalendar.Calendar.from_ical(open(one, "rb").read())
for ev in sorted(cal.walk("VEVENT"), key=lambda e: e["DTSTART"].dt):
    print(ev["DTSTART"].dt.isoformat(), str(ev["SUMMARY"]))
PY
check_eq "independent parser" "$?" 0
# 24 deadlines of open cases, and the first annual reviews of the plans
# made by L-ISSUED's and L-LATE-ISSUED's final plans (25 and 26 May 2020:
# due 2021-05-24 and -25, within the year ahead)
check_file_has "team events" "$T/py.out" "team 26 EHC deadlines: the team"
e ical --as-of 2020-06-01 --events cases -o "$T/cases.ics" >/dev/null
check_eq "--events cases" "$(grep -c '^BEGIN:VEVENT' "$T/cases.ics")" 24
e ical --as-of 2020-06-01 --events plans -o "$T/plans.ics" >/dev/null
check_eq "--events plans" "$(grep -c '^BEGIN:VEVENT' "$T/plans.ics")" 2
check_eq "plan events" "$(grep '^SUMMARY' "$T/plans.ics" | tr -d '\r' | sort | tr '\n' '|')" "SUMMARY:L-ISSUED: Annual review|SUMMARY:L-LATE-ISSUED: Annual review|"
check_eq "plan event dates" "$(grep '^DTSTART' "$T/plans.ics" | tr -d '\r' | sort | tr '\n' '|')" "DTSTART;VALUE=DATE:20210524|DTSTART;VALUE=DATE:20210525|"
e ical --events some 2>"$T/err"; check_eq "bad events: exit 2" "$?" 2
check_file_has "bad events named" "$T/err" '--events: "some" is not one of all, cases, plans'

check_file_has "the long name survives folding" "$T/py.out" "one 3 EHC deadlines: $name"
check_file_has "decision" "$T/py.out" "2020-06-22 L-NAMED: Decision whether to assess"
check_file_has "safe draft" "$T/py.out" "2020-09-13 L-NAMED: Latest safe draft"
check_file_has "final plan" "$T/py.out" "2020-09-28 L-NAMED: Final plan"
if grep -q "$name" <(sed -n '/BEGIN:VEVENT/,$p' "$T/one.ics" | tr -d '\r\n '); then fail "caseworker name inside events"; fi

# No child's details: cases with a child_ref and a date of birth (the
# caseload above has none), and neither in any property of any component,
# parsed, nor anywhere in the unfolded text, in any spelling of the date.
e import "$EHCP_TEST_DATA/ical-child.csv" >/dev/null; check_eq "import children" "$?" 0
check_eq "the children are stored" "$(e export | grep -c -e ',CHILD-QX7Z,2014-03-10,' -e ',CHILD-WR9K,2009-11-27,')" 2
e ical --as-of 2020-06-01 -o "$T/child.ics" >/dev/null; check_eq "ical with children" "$?" 0
"$PY" - "$T/child.ics" >"$T/child.out" 2>&1 <<'PY'
import re, sys, icalendar
raw = open(sys.argv[1], "rb").read()
cal = icalendar.Calendar.from_ical(raw)
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
def spellings(ref, y, m, d):
    return [ref, "%04d-%02d-%02d" % (y, m, d), "%02d/%02d/%04d" % (d, m, y), "%04d%02d%02d" % (y, m, d),
            "%d/%d/%04d" % (d, m, y), "%02d/%02d/%04d" % (m, d, y), "%02d.%02d.%04d" % (d, m, y),
            "%02d-%02d-%04d" % (d, m, y), "%d %s %04d" % (d, months[m - 1][:3], y),
            "%d %s %04d" % (d, months[m - 1], y), "%s %d, %04d" % (months[m - 1][:3], d, y),
            "%s %d, %04d" % (months[m - 1], d, y)]
forms = spellings("CHILD-QX7Z", 2014, 3, 10) + spellings("CHILD-WR9K", 2009, 11, 27)
# unfolded (RFC 5545 3.1) and unescaped (3.3.11)
flat = re.sub(r"\r\n[ \t]", "", raw.decode("utf-8"))
flat = re.sub(r"\\([\\,;nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), flat)
bad = 0
for comp in cal.walk():
    for name, value in comp.property_items(recursive=False):
        text = "%s %s %s" % (name, value.to_ical().decode("utf-8") if hasattr(value, "to_ical") else value, value)
        text += " " + " ".join("%s=%s" % kv for kv in getattr(value, "params", {}).items())
        for f in forms:
            if f in text:
                bad += 1
                print("LEAK %r in %s of %s: %s" % (f, name, comp.name, text))
for f in forms:
    if f in flat:
        bad += 1
        print("LEAK %r in the text" % f)
print("children's events", sum(1 for ev in cal.walk("VEVENT") if "L-CHILD-" in str(ev["SUMMARY"])))
print("%d leaks" % bad)
sys.exit(1 if bad else 0)
PY
check_eq "no child's details in the calendar" "$?" 0
check_file_has "the children's deadlines are exported" "$T/child.out" "children's events 7"
check_file_has "looked for leaks" "$T/child.out" "0 leaks"
e ical --horizon x 2>/dev/null; check_eq "bad horizon: exit 2" "$?" 2
finish
