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
# The reviews on the page equal `ehcp report reviews` for the same range,
# on a small register (tests/data/reviews.sql).
rdb=$(new_db cli_board_reviews)
"$EHCP" --db "$rdb" init >/dev/null
psql "$rdb" -XqAt -v ON_ERROR_STOP=1 -f "$EHCP_TEST_DATA/reviews.sql" >/dev/null
RR=(--from 2024-01 --to 2024-12 --as-of 2025-01-20)
"$EHCP" --db "$rdb" report board "${RR[@]}" -o "$T/rboard.html" >/dev/null
check_eq "reviews board: exit" "$?" 0
"$EHCP" --db "$rdb" report reviews "${RR[@]}" --format csv >"$T/reviews.csv"
python3 - "$T" >"$T/rcompare.out" 2>&1 <<'PY'
import csv, re, sys
from html.parser import HTMLParser
T = sys.argv[1]
class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.kpi, self.cells, self.transfer, self.col, self.text = {}, {}, None, None, ""
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-transfer" in a:
            self.transfer = a["data-transfer"]
        if tag == "td" and "data-kpi" in a:
            self.kpi[(a["data-kpi"], a["data-period"])] = a["data-value"]
        if tag == "td" and "data-col" in a:
            self.col, self.key, self.text = a["data-col"], (self.transfer, a.get("data-period")), ""
    def handle_data(self, d):
        if self.col:
            self.text += d
    def handle_endtag(self, tag):
        if tag == "td" and self.col:
            self.cells[(self.key, self.col)] = self.text.strip()
            self.col = None
        if tag == "tr":
            self.transfer = None
p = Cells()
p.feed(open(T + "/rboard.html", encoding="utf-8").read())
r = {row["period"]: row for row in csv.DictReader(open(T + "/reviews.csv"))}
bad = 0
def same(what, got, want):
    global bad
    if got != want:
        bad += 1
        print("MISMATCH %s: page %r, report %r" % (what, got, want))
for period in ("2024-12", "2024-11", "total"):
    same("held " + period, p.kpi.get(("reviews_held", period)), r[period]["reviews_in_time_pct"])
    same("decisions " + period, p.kpi.get(("review_decisions", period)), r[period]["decisions_in_time_pct"])
    same("amended " + period, p.kpi.get(("review_amended", period)), r[period]["amended_in_time_pct"])
for period in ("2024-12", "2024-11"):
    same("overdue kpi " + period, p.kpi.get(("reviews_overdue", period)), r[period]["overdue_at_end"])
for m in range(1, 13):
    period = "2024-%02d" % m
    same("overdue " + period, p.cells.get(((None, period), "overdue_at_end")), r[period]["overdue_at_end"])
    same("active " + period, p.cells.get(((None, period), "plans_active_at_end")), r[period]["plans_active_at_end"])
for kind in ("reception", "year6", "year11", "local"):
    due, met = r["total"]["transfer_%s_due" % kind], r["total"]["transfer_%s_met" % kind]
    same("transfer due " + kind, p.cells.get(((kind, None), "due")), due)
    same("transfer met " + kind, p.cells.get(((kind, None), "met")), met)
    same("transfer not met " + kind, p.cells.get(((kind, None), "not_met")), str(int(due) - int(met)))
# something to compare: the register has reviews due and a plan overdue
if int(r["total"]["reviews_due"]) == 0 or max(int(r[k]["overdue_at_end"]) for k in r if k != "total") == 0:
    bad += 1
    print("the register gave nothing to compare")
print("compared; %d mismatches" % bad)
sys.exit(1 if bad else 0)
PY
check_eq "the reviews equal the report's" "$?" 0
check_file_has "the reviews comparison ran" "$T/rcompare.out" "compared; 0 mismatches"

# The PDF is A4 (595 x 842 points) and short.
pages=$(python3 -c 'import re,sys; d=open(sys.argv[1],"rb").read(); print(len(re.findall(rb"/Type\s*/Page[^s]", d)))' "$T/board.pdf")
check "one to three A4 pages" test "$pages" -ge 1 -a "$pages" -le 3
check "A4 media box" python3 -c 'import re,sys; d=open(sys.argv[1],"rb").read(); b=[float(x) for x in re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", d).groups()]; sys.exit(0 if abs(b[2]-595)<3 and abs(b[3]-842)<3 else 1)' "$T/board.pdf"
# The rating of each headline indicator, read from its row of the table (the
# word and the cell's class), against the one worked out here from the
# report's figure for the board's last month and the target given: Green at or
# better than the target; Amber within 5 points below it (the backlog: up to a
# quarter above it); Red otherwise; none without a figure.  The page above
# (Chromium's DOM), and boards over other ranges with other targets, so that
# every colour and each boundary is met.
for b in "B 2021-03 plans=52 health=100 decisions=100 backlog=0" \
         "C 2021-02 plans=60 health=90 decisions=80 backlog=0.8" \
         "D 2021-04 plans=60 health=5.1 decisions=4.9 backlog=0" \
         "E 2021-06 plans=100 health=90 decisions=85 backlog=0"; do
	set -- $b
	name=$1 to=$2; shift 2
	targets=(); for t in "$@"; do targets+=(--target "$t"); done
	e report board --from 2021-01 --to "$to" --as-of 2022-06-30 "${targets[@]}" -o "$T/board-$name.html" >/dev/null
	check_eq "board $name: exit" "$?" 0
done
python3 - "$T" >"$T/rag.out" 2>&1 <<'PY'
import csv, sys
from html.parser import HTMLParser
T = sys.argv[1]

class Ratings(HTMLParser):
    """Each row of the kpi table: its indicator (data-kpi) and its rating cell's class and text."""
    def __init__(self):
        super().__init__()
        self.in_kpi = False
        self.row = self.cell = None
        self.rag = {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.in_kpi = a.get("id") == "kpi"
        if not self.in_kpi:
            return
        if tag == "tr":
            self.row = {"kpi": None, "class": None, "text": ""}
        if tag == "td" and self.row is not None:
            if "data-kpi" in a:
                self.row["kpi"] = self.row["kpi"] or a["data-kpi"]
            cls = a.get("class", "").split()
            if "rag" in cls:
                self.row["class"] = " ".join(c for c in cls if c != "rag")
                self.cell = True
    def handle_data(self, d):
        if self.cell:
            self.row["text"] += d
    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None
        if tag == "tr" and self.row is not None and self.row["kpi"]:
            self.rag[self.row["kpi"]] = self.row
            self.row = None
        if tag == "table":
            self.in_kpi = False

def ratings(path):
    p = Ratings()
    p.feed(open(path, encoding="utf-8").read())
    return p.rag

rows = lambda m: {r["period"]: r for r in csv.DictReader(open("%s/%s.csv" % (T, m)))}
plans, health, decisions, backlog = rows("plans"), rows("health"), rows("decisions"), rows("backlog")
# The report's figure behind each indicator, for a month.
figure = {
    "plans_excl": lambda m: plans[m]["percent_within_excl_exceptions"],
    "plans_incl": lambda m: plans[m]["percent_within"],
    "health": lambda m: health[m]["percent_within_excl_exceptions"],
    "decisions": lambda m: decisions[m]["percent_within"],
    "backlog": lambda m: backlog[m]["backlog"],
}

def expected(value, target, lower_better):
    if value == "" or target is None:
        return "none"
    v = float(value)
    if lower_better:
        return "green" if v <= target else "amber" if v <= target * 1.25 else "red"
    return "green" if v >= target else "amber" if v >= target - 5 else "red"

boards = [  # name, page, last month, targets (the first: the page Chromium read; decisions at its default 85)
    ("A", T + "/dom.html", "2021-12", {"plans": 55, "health": 50, "decisions": 85, "backlog": 1}),
    ("B", T + "/board-B.html", "2021-03", {"plans": 52, "health": 100, "decisions": 100, "backlog": 0}),
    ("C", T + "/board-C.html", "2021-02", {"plans": 60, "health": 90, "decisions": 80, "backlog": 0.8}),
    ("D", T + "/board-D.html", "2021-04", {"plans": 60, "health": 5.1, "decisions": 4.9, "backlog": 0}),
    ("E", T + "/board-E.html", "2021-06", {"plans": 100, "health": 90, "decisions": 85, "backlog": 0}),
]
words = {"green": "Green", "amber": "Amber", "red": "Red"}
bad = 0
seen = set()
for name, page, month, targets in boards:
    got = ratings(page)
    line = []
    for kpi in ("plans_excl", "plans_incl", "health", "decisions", "backlog"):
        target = targets[kpi.split("_")[0]]
        want = expected(figure[kpi](month), target, kpi == "backlog")
        r = got.get(kpi)
        if r is None:
            bad += 1
            print("MISSING board %s: no row for %s" % (name, kpi))
            continue
        text = r["text"].strip()
        ok = r["class"] == want and (text.endswith(words[want]) if want in words else
                                     not any(w in text for w in words.values()))
        if not ok:
            bad += 1
            print("MISMATCH board %s %s %s: figure %r, target %s: page %r %r, expected %s"
                  % (name, kpi, month, figure[kpi](month), target, r["class"], text, want))
        seen.add(r["class"])
        line.append("%s=%s" % (kpi, r["class"]))
    print("board %s: %s" % (name, " ".join(line)))
print("ratings compared; %d mismatches; seen %s" % (bad, " ".join(sorted(seen))))
sys.exit(1 if bad else 0)
PY
check_eq "every rating is the one the figures give" "$?" 0
check_file_has "the ratings were compared" "$T/rag.out" "ratings compared; 0 mismatches; seen amber green none red"
# The same, spelt out: Dec 2021 has no plan, health advice or decision (no
# rating); its backlog of 1 meets the target of 1.  March: 1 of 2 plans in
# time, 50.0 vs 52: Amber; health advice 100.0 and decisions 100.0 on their
# targets of 100: Green.  February: decisions 75.0, just within 5 of 80;
# backlog 1, a quarter above 0.8: both Amber.  April: health advice 0.0, more
# than 5 below 5.1: Red; decisions 0.0, within 5 of 4.9: Amber.  June: the one
# plan in time, 100.0 of 100: Green; a backlog of 1 over a target of 0: Red.
check_file_has "Dec 2021" "$T/rag.out" "board A: plans_excl=none plans_incl=none health=none decisions=none backlog=green"
check_file_has "Mar 2021" "$T/rag.out" "board B: plans_excl=amber plans_incl=amber health=green decisions=green backlog=green"
check_file_has "Feb 2021" "$T/rag.out" "board C: plans_excl=none plans_incl=none health=none decisions=amber backlog=amber"
check_file_has "Apr 2021" "$T/rag.out" "board D: plans_excl=none plans_incl=none health=red decisions=amber backlog=green"
check_file_has "Jun 2021" "$T/rag.out" "board E: plans_excl=none plans_incl=green health=none decisions=none backlog=red"
e report board --from 2021-12 --to 2021-01 -o "$T/x.html" 2>/dev/null; check_eq "reversed range: exit 2" "$?" 2
e report board --from 2021-01 --to 2021-12 --target speed=3 -o "$T/x.html" 2>/dev/null; check_eq "unknown target: exit 2" "$?" 2
finish
