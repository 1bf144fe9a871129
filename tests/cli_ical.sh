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
check_file_has "team events" "$T/py.out" "team 24 EHC deadlines: the team"
check_file_has "the long name survives folding" "$T/py.out" "one 3 EHC deadlines: $name"
check_file_has "decision" "$T/py.out" "2020-06-22 L-NAMED: Decision whether to assess"
check_file_has "safe draft" "$T/py.out" "2020-09-13 L-NAMED: Latest safe draft"
check_file_has "final plan" "$T/py.out" "2020-09-28 L-NAMED: Final plan"
if grep -q "$name" <(sed -n '/BEGIN:VEVENT/,$p' "$T/one.ics" | tr -d '\r\n '); then fail "caseworker name inside events"; fi
e ical --horizon x 2>/dev/null; check_eq "bad horizon: exit 2" "$?" 2
finish
