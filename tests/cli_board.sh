#!/usr/bin/env bash
# The board page rendered in headless Chromium (screenshot and PDF), and
# every number in it equal to the `ehcp report` CSV for the same range.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_board)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/reports.csv" >/dev/null
R=(--from 2021-01 --to 2021-12 --as-of 2022-06-30)
e report board "${R[@]}" --target plans=55 --target health=50 --target backlog=1 -o "$T/board.html" >/dev/null
check_eq "board: exit" "$?" 0
for m in plans health decisions backlog; do e report "$m" "${R[@]}" --format csv >"$T/$m.csv"; done

# Self-contained: nothing fetched, no script.
check_eq "no script" "$(grep -ci '<script' "$T/board.html")" 0
check_eq "no fetches" "$(grep -cE '(src|href)="?(https?:)?//' "$T/board.html")" 0
check_file_has "SVG text alternative" "$T/board.html" 'role="img" aria-labelledby="rate-title rate-desc"'

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
        --disable-sync --no-first-run --disable-quic --user-data-dir="$T/chrome")
check "chromium is installed" test -x "$(command -v chromium)"
timeout 120 "${chrome[@]}" --dump-dom "file://$T/board.html" >"$T/dom.html" 2>/dev/null
check "chromium read the page" test -s "$T/dom.html"
timeout 120 "${chrome[@]}" --window-size=900,2600 --screenshot="$T/board.png" "file://$T/board.html" >/dev/null 2>&1
check "a screenshot" test -s "$T/board.png"
timeout 120 "${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$T/board.pdf" "file://$T/board.html" >/dev/null 2>&1
check "a PDF" test -s "$T/board.pdf"

python3 - "$T" >"$T/compare.out" 2>&1 <<'PY'
import csv, re, sys
from html.parser import HTMLParser
T = sys.argv[1]

class Cells(HTMLParser):
    """Collects data-col cells by table id and row period, and data-kpi cells."""
    def __init__(self):
        super().__init__()
        self.table = self.period = self.col = None
        self.text = ""
        self.cells = {}
        self.kpi = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("id")
        if tag == "tr" and "data-period" in a:
            self.period = a["data-period"]
        if tag == "td" and "data-col" in a:
            self.col, self.text = a["data-col"], ""
        if tag == "td" and "data-kpi" in a:
            self.kpi[(a["data-kpi"], a["data-period"])] = a["data-value"]
    def handle_data(self, d):
        if self.col:
            self.text += d
    def handle_endtag(self, tag):
        if tag == "td" and self.col:
            self.cells[(self.table, self.period, self.col)] = self.text.split("(")[0].strip()
            self.col = None

p = Cells()
p.feed(open(T + "/dom.html", encoding="utf-8").read())
rows = lambda m: {r["period"]: r for r in csv.DictReader(open("%s/%s.csv" % (T, m)))}
plans, health, decisions, backlog = rows("plans"), rows("health"), rows("decisions"), rows("backlog")
bad = 0
def same(what, got, want):
    global bad
    if got != want:
        bad += 1
        print("MISMATCH %s: page %r, report %r" % (what, got, want))
for period, r in plans.items():
    for col in ("plans_issued", "mediation_or_tribunal", "timeliness_base", "within_20_weeks", "percent_within",
                "timeliness_base_excl_exceptions", "within_20_weeks_excl_exceptions",
                "percent_within_excl_exceptions"):
        same("plans %s %s" % (period, col), p.cells.get(("plans", period, col)), r[col])
    same("plans %s with_exception" % period, p.cells.get(("plans", period, "with_exception")),
         str(int(r["timeliness_base"]) - int(r["timeliness_base_excl_exceptions"])))
for period, r in health.items():
    if period != "total":
        same("health %s" % period, p.cells.get(("backlog", period, "health_percent")), r["percent_within_excl_exceptions"])
        same("health returned %s" % period, p.cells.get(("backlog", period, "advice_returned_excl_exceptions")),
             r["advice_returned_excl_exceptions"])
for period, r in decisions.items():
    if period != "total":
        same("decisions %s" % period, p.cells.get(("backlog", period, "decisions_percent")), r["percent_within"])
        same("decisions made %s" % period, p.cells.get(("backlog", period, "decisions")), r["decisions"])
for period, r in backlog.items():
    if re.match(r"^\d{4}-\d{2}$", period):
        same("backlog %s" % period, p.cells.get(("backlog", period, "backlog")), r["backlog"])
# The headline table: last month, the month before, the whole range.
same("kpi plans excl Dec", p.kpi.get(("plans_excl", "2021-12")), plans["2021-12"]["percent_within_excl_exceptions"])
same("kpi plans incl Nov", p.kpi.get(("plans_incl", "2021-11")), plans["2021-11"]["percent_within"])
same("kpi plans excl total", p.kpi.get(("plans_excl", "total")), plans["total"]["percent_within_excl_exceptions"])
same("kpi plans incl total", p.kpi.get(("plans_incl", "total")), plans["total"]["percent_within"])
same("kpi health total", p.kpi.get(("health", "total")), health["total"]["percent_within_excl_exceptions"])
same("kpi decisions total", p.kpi.get(("decisions", "total")), decisions["total"]["percent_within"])
same("kpi backlog Dec", p.kpi.get(("backlog", "2021-12")), backlog["2021-12"]["backlog"])
# Year to date, pooled by hand from the report's own monthly counts.
n = w = 0
for m in range(1, 13):
    r = plans["2021-%02d" % m]
    n += int(r["timeliness_base_excl_exceptions"]); w += int(r["within_20_weeks_excl_exceptions"])
    want = "" if n == 0 else "%.1f" % ((2000 * w + n) // (2 * n) / 10)
    same("ytd 2021-%02d" % m, p.cells.get(("plans", "2021-%02d" % m, "year_to_date")), want)
print("compared; %d mismatches" % bad)
sys.exit(1 if bad else 0)
PY
check_eq "every number equals the report's" "$?" 0
check_file_has "the comparison ran" "$T/compare.out" "compared; 0 mismatches"
# The PDF is A4 (595 x 842 points) and short.
pages=$(python3 -c 'import re,sys; d=open(sys.argv[1],"rb").read(); print(len(re.findall(rb"/Type\s*/Page[^s]", d)))' "$T/board.pdf")
check "one to three A4 pages" test "$pages" -ge 1 -a "$pages" -le 3
check "A4 media box" python3 -c 'import re,sys; d=open(sys.argv[1],"rb").read(); b=[float(x) for x in re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", d).groups()]; sys.exit(0 if abs(b[2]-595)<3 and abs(b[3]-842)<3 else 1)' "$T/board.pdf"
# Ratings against the targets given: Dec 2021 has 1 plan, in time (100% >= 55: Green);
# the backlog of 1 at the end of December meets its target of 1.
check_file_has "plans rated" "$T/dom.html" "Green"
e report board --from 2021-12 --to 2021-01 -o "$T/x.html" 2>/dev/null; check_eq "reversed range: exit 2" "$?" 2
e report board --from 2021-01 --to 2021-12 --target speed=3 -o "$T/x.html" 2>/dev/null; check_eq "unknown target: exit 2" "$?" 2
finish
