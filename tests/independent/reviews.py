#!/usr/bin/env python3
"""An independent second computation of `ehcp report reviews`.

Reads plans.csv and reviews.csv as `ehcp export --plans` / `--reviews` write
them (shared/docs/plan-register-csv.md), recomputes every column of `ehcp
report reviews --format csv` from the definitions in docs/reports.md
("reviews") and shared/docs/statutory-clock.md ("Annual reviews", "Phase
transfers", "Dates and periods"), runs the report with the same options and
compares the two cell by cell.  On a disagreement it runs the report again
with --cases and prints the plans behind the cell, theirs and ours.

Nothing here is shared with the C review clock (src/core/review.c), the SQL
(src/db/*, migrations/) or include/ehcp/rules.h: the limits and the date
arithmetic below are written again from the documents, on purpose.

Python 3 standard library only.

Usage:
  reviews.py --plans P.csv --reviews R.csv [--run ARGS]... [--require-columns]
             [--require-variety] [--show N] -- EHCP_CMD...
      ARGS is one report's options as one word, e.g. "--from 2025-01 --to
      2026-12 --by month --as-of 2026-11-20".  Each disagreement is printed
      as "FAIL: ARGS: period P, column C: got 'X', expected 'Y'".
Exit status 0 when every cell agrees, 1 on any disagreement.
"""

import argparse
import bisect
import collections
import csv
import datetime
import functools
import io
import subprocess
import sys
import time
from fractions import Fraction

# ---- The limits, restated from shared/docs/statutory-clock.md -------------
DECISION_DAYS = 28          # regs 20, 21: the decision notified within 4 weeks of the meeting
AMENDED_DAYS = 84           # reg 22(3) with Devon: the amended plan at most 12 weeks after it
TRANSFER_MONTHS = 3         # reg 15(5): review of a transferred plan, 3 months after the transfer
SCHOOL_DEADLINE = (2, 14)   # reg 18: "before 15 February" of the transfer's calendar year
POST16_DEADLINE = (3, 30)   # reg 18: "before 31 March" into post-16
POST16_MOVE_MONTHS = 5      # reg 18(2): between post-16 institutions at another time, 5 months before
# The national transfers (reg 2, statutory-clock.md "Phase transfers"): the
# national curriculum year a child starts at the transfer, and where to.
NATIONAL = (("reception", 0, "school"), ("year6", 7, "school"), ("year11", 12, "post16"))
REASONS = ("max_age", "needs_met", "higher_education", "employment", "moved_la",
           "no_engagement", "left_england", "deceased", "other")

COLS = (["period", "reviews_due", "reviews_in_time", "reviews_late", "reviews_overdue",
         "reviews_in_time_pct", "year9_due", "year9_in_time", "year9_in_time_pct", "decisions_due",
         "decisions_in_time", "decisions_in_time_pct", "amended_due", "amended_in_time",
         "amended_in_time_pct"] +
        ["transfer_%s_%s" % (k, w) for k in ("reception", "year6", "year11", "local")
         for w in ("due", "met")] +
        ["overdue_at_end", "plans_active_at_end", "ceased"] + ["ceased_" + r for r in REASONS])
# counters, in the order of COLS without the period and the percentages
N_REV, N_REV_IN, N_REV_LATE, N_REV_OVER, N_Y9, N_Y9_IN, N_DEC, N_DEC_IN, N_AM, N_AM_IN = range(10)
N_TR = 10                   # 8 counters: due/met for reception, year6, year11, local
TR_INDEX = {"reception": 0, "year6": 2, "year11": 4, "local": 6}
N_OVER_END, N_ACTIVE, N_CEASED = 18, 19, 20
N_REASON = 21
NCOUNT = N_REASON + len(REASONS)


# ---- Dates (datetime.date ordinals) ----------------------------------------
def day(s):
    s = s.strip()
    if not s:
        return None
    if "/" in s:
        d, m, y = s.split("/")
        return datetime.date(int(y), int(m), int(d)).toordinal()
    return datetime.date.fromisoformat(s).toordinal()


def iso(n):
    return datetime.date.fromordinal(n).isoformat()


def ymd(n):
    d = datetime.date.fromordinal(n)
    return d.year, d.month, d.day


def is_leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def month_len(y, m):
    return (31, 29 if is_leap(y) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[m - 1]


@functools.lru_cache(maxsize=None)
def year_end(a):
    """The last day of "the period of 12 months starting with" a (CFA s.44(1)):
    the day before a's anniversary, the anniversary of 29 February in a
    common year being 1 March (so 29 Feb 2024 -> 28 Feb 2025)."""
    y, m, d = ymd(a)
    if m == 2 and d == 29 and not is_leap(y + 1):
        return datetime.date(y + 1, 3, 1).toordinal() - 1
    return datetime.date(y + 1, m, d).toordinal() - 1


@functools.lru_cache(maxsize=None)
def add_months(n, k):
    """n plus k calendar months, a day the month lacks being its last (reg 15)."""
    y, m, d = ymd(n)
    t = y * 12 + (m - 1) + k
    y, m = t // 12, t % 12 + 1
    return datetime.date(y, m, min(d, month_len(y, m))).toordinal()


def cohort(dob):
    """Y such that a child born between 1 September Y-1 and 31 August Y starts
    Reception in September Y+4."""
    y, m, _ = ymd(dob)
    return y + 1 if m >= 9 else y


def nc_year(dob, offset, on):
    """The national curriculum year on day `on`: Year N in the school year
    starting in September Y+4+N; offset -1 a year behind, 1 a year ahead."""
    y, m, _ = ymd(on)
    school_year = y if m >= 9 else y - 1
    return school_year - cohort(dob) - 4 + offset


def month_arg(s, end):
    """--from/--to as the tool takes them: YYYY-MM (first or last day) or a date."""
    if len(s) == 7:
        y, m = int(s[:4]), int(s[5:])
        return datetime.date(y, m, month_len(y, m) if end else 1).toordinal()
    return day(s)


def periods(first, last, by):
    """[(label, start, stop)]: the calendar periods from the one holding
    `first` to the one holding `last`, each clipped to [first, last]."""
    out = []
    y, m = ymd(first)[:2]
    step = {"month": 1, "quarter": 3, "year": 12}[by]
    if by == "quarter":
        m = 3 * ((m - 1) // 3) + 1
    elif by == "year":
        m = 1
    while True:
        start = datetime.date(y, m, 1).toordinal()
        if start > last:
            break
        t = y * 12 + m - 1 + step
        ny, nm = t // 12, t % 12 + 1
        stop = datetime.date(ny, nm, 1).toordinal() - 1
        label = {"month": "%04d-%02d" % (y, m), "quarter": "%04d-Q%d" % (y, (m - 1) // 3 + 1),
                 "year": "%04d" % y}[by]
        out.append((label, max(start, first), min(stop, last)))
        y, m = ny, nm
    return out


def pct(num, den):
    """One decimal, half away from zero; empty when there is nothing to count."""
    if den == 0:
        return ""
    t = Fraction(1000 * num, den)
    n = (t.numerator * 2 + t.denominator) // (2 * t.denominator)
    return "%d.%d" % (n // 10, n % 10)


# ---- The register -----------------------------------------------------------
class Review:
    __slots__ = ("M", "decision", "DD", "amended")

    def __init__(self, row):
        self.M = day(row["meeting_date"])
        self.decision = row.get("decision") or None
        self.DD = day(row.get("decision_date", ""))
        self.amended = day(row.get("amended_plan_date", ""))


class Plan:
    __slots__ = ("ref", "dob", "start", "t", "offset", "L", "Lto", "ceased", "reason", "reviews",
                 "meetings", "transfers")

    def __init__(self, row):
        self.ref = row["plan_ref"]
        self.dob = day(row.get("date_of_birth", ""))
        self.start = day(row["plan_start_date"])
        self.t = day(row.get("transferred_in_date", ""))
        self.offset = int(row.get("year_group_offset") or 0)
        self.L = day(row.get("next_transfer_date", ""))
        self.Lto = row.get("next_transfer_to") or None
        self.ceased = day(row.get("ceased_date", ""))
        self.reason = row.get("cease_reason") or None
        self.reviews = []

    def finish(self):
        self.reviews.sort(key=lambda r: r.M)
        self.meetings = [r.M for r in self.reviews]
        self.transfers = self.phase_transfers()

    def due_after(self, a, nxt, X):
        """The review due after anchor a as of X: the end of the 12 months
        starting with a; for a plan transferred in on t with a < t <= X and t
        before the next meeting (nxt, None if none by X), the later of that
        and t + 3 months (reg 15(5))."""
        d = year_end(a)
        t = self.t
        if t is not None and a < t <= X and (nxt is None or t < nxt):
            d = max(d, add_months(t, TRANSFER_MONTHS))
        return d

    def phase_transfers(self):
        """[(kind, transfer day, deadline)]: the local one, then the national
        ones from the date of birth and offset that come after it."""
        out = []
        if self.L is not None:
            dl = deadline(self.L, self.Lto)
            # a post-16 move at another time than September (the start of a
            # school year) by a young person in Year 12 or later, or of no
            # known year: one between post-16 institutions (statutory-clock.md)
            if (self.Lto == "post16" and ymd(self.L)[1] != 9 and
                    (self.dob is None or nc_year(self.dob, self.offset, self.L) >= 12)):
                dl = add_months(self.L, -POST16_MOVE_MONTHS)
            out.append(("local", self.L, dl))
        if self.dob is not None:
            Y = cohort(self.dob)
            for kind, year, to in NATIONAL:
                T = datetime.date(Y + 4 + year - self.offset, 9, 1).toordinal()
                if self.L is None or T > self.L:
                    out.append((kind, T, deadline(T, to)))
        return out


def deadline(T, to):
    y = ymd(T)[0]
    return datetime.date(y, *(POST16_DEADLINE if to == "post16" else SCHOOL_DEADLINE)).toordinal()


def read_register(plans_path, reviews_path):
    plans = {}
    with open(plans_path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            p = Plan(row)
            plans[p.ref] = p
    with open(reviews_path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            plans[row["plan_ref"]].reviews.append(Review(row))
    for p in plans.values():
        p.finish()
    return list(plans.values())


# ---- The report ---------------------------------------------------------------
def expected(plans, frm, to, by, A, with_cases=False, flat=None):
    """(rows as the CSV prints them, {(period label, measure): {plan_ref: case row}});
    the plans behind the figures only when asked for (they take time), and
    every case row, repeats and all, appended to flat when it is a list."""
    ps = periods(frm, to, by)
    starts = [p[1] for p in ps]
    end = min(to, A)
    labels = [p[0] for p in ps] + ["total"]
    # each period's end for the standing figures, cut at A; then the total's
    ends = [min(stop, A) for _, _, stop in ps] + [end]
    cells = [[0] * NCOUNT for _ in labels]
    cases = collections.defaultdict(dict)
    T = len(ps)

    def where(d):
        if d is None or d < frm or d > end:
            return None
        return bisect.bisect_right(starts, d) - 1

    def count(i, k, n=1):
        cells[i][k] += n
        cells[T][k] += n

    def case(i, ref, measure, due, done, outcome):
        if with_cases:
            row = [labels[i], ref, measure, iso(due), "" if done is None else iso(done), outcome]
            cases[(labels[i], measure)][ref] = row
            if flat is not None and i < T:    # --cases lists the periods' cases, not the total's
                flat.append(row)

    for p in plans:
        if p.start > A:
            continue
        ceased = p.ceased if p.ceased is not None and p.ceased <= A else None
        # reviews due: the chain of the plan's start and its meetings, as of A
        ms = [m for m in p.meetings if m <= A]
        anchors = [p.start] + ms
        for j, a in enumerate(anchors):
            nxt = anchors[j + 1] if j + 1 < len(anchors) else None
            D = p.due_after(a, nxt, A)
            i = where(D)
            if i is None or (ceased is not None and ceased <= D):
                continue
            if nxt is not None and nxt <= D:
                outcome, k = "in_time", N_REV_IN
            elif nxt is not None:
                outcome, k = "late", N_REV_LATE
            else:
                outcome, k = "overdue", N_REV_OVER
            count(i, N_REV)
            count(i, k)
            case(i, p.ref, "review", D, nxt, outcome)
            if p.dob is not None and nc_year(p.dob, p.offset, D) == 9:
                count(i, N_Y9)
                count(i, N_Y9_IN, outcome == "in_time")
                case(i, p.ref, "year9", D, nxt, outcome)
        # decisions and amended plans after each meeting in the period
        for r in p.reviews:
            i = where(r.M)
            if i is None:
                continue
            lim = r.M + DECISION_DAYS
            dd = r.DD if r.decision is not None and r.DD is not None and r.DD <= A else None
            # a ceased plan owes no more: counted only if maintained on the
            # limit, or the step was taken while it was
            if lim <= A and (ceased is None or ceased > lim or (dd is not None and dd <= ceased)):
                ok = dd is not None and dd <= lim
                count(i, N_DEC)
                count(i, N_DEC_IN, ok)
                case(i, p.ref, "decision", lim, dd,
                     "in_time" if ok else "late" if dd is not None else "overdue")
            lim = r.M + AMENDED_DAYS
            am = r.amended if r.amended is not None and r.amended <= A else None
            if (r.decision == "amend" and r.DD is not None and r.DD <= A and lim <= A and
                    (ceased is None or ceased > lim or (am is not None and am <= ceased))):
                ok = am is not None and am <= lim
                count(i, N_AM)
                count(i, N_AM_IN, ok)
                case(i, p.ref, "amended", lim, am,
                     "in_time" if ok else "late" if am is not None else "overdue")
        # phase transfers, in the period of their deadline
        for kind, Tday, dl in p.transfers:
            i = where(dl)
            if i is None or not p.start <= dl or (ceased is not None and ceased <= dl):
                continue
            after = add_months(Tday, -12)       # "after the day 12 months before the transfer"
            met = None
            for r in p.reviews:
                for d in ((r.amended,) +
                          ((r.DD,) if r.decision == "maintain" else ())):
                    if d is not None and after < d <= dl and (met is None or d < met):
                        met = d
            k = N_TR + TR_INDEX[kind]
            count(i, k)
            count(i, k + 1, met is not None)
            case(i, p.ref, "transfer_" + kind, dl, met, "met" if met is not None else "not_met")
        # ceased in the period
        i = where(ceased)
        if i is not None:
            count(i, N_CEASED)
            count(i, N_REASON + REASONS.index(p.reason))
            case(i, p.ref, "ceased", ceased, ceased, p.reason)
        # standing at each period's end E (and the range's end for the total)
        for i, E in enumerate(ends):
            if p.start > E or (ceased is not None and ceased <= E):
                continue
            cells[i][N_ACTIVE] += 1
            j = bisect.bisect_right(p.meetings, E)
            a = p.meetings[j - 1] if j else p.start
            D = p.due_after(a, None, E)
            if D < E:
                cells[i][N_OVER_END] += 1
                case(i, p.ref, "overdue_at_end", D, None, "overdue")

    rows = [COLS]
    for lab, c in zip(labels, cells):
        row = [lab] + [str(x) for x in c[:N_REV_OVER + 1]] + [pct(c[N_REV_IN], c[N_REV])]
        row += [str(c[N_Y9]), str(c[N_Y9_IN]), pct(c[N_Y9_IN], c[N_Y9]), str(c[N_DEC]), str(c[N_DEC_IN]),
                pct(c[N_DEC_IN], c[N_DEC]), str(c[N_AM]), str(c[N_AM_IN]), pct(c[N_AM_IN], c[N_AM])]
        row += [str(x) for x in c[N_TR:]]
        rows.append(row)
    return rows, cases


def variety(plans):
    """How many of each kind of plan the register holds: each must be there,
    or the rule it tests passes vacuously."""
    c = collections.Counter()
    for p in plans:
        c["missing date of birth"] += p.dob is None
        c["born on 29 February"] += p.dob is not None and ymd(p.dob)[1:] == (2, 29)
        c["made on 29 February"] += ymd(p.start)[1:] == (2, 29)
        c["a meeting on 29 February"] += any(ymd(m)[1:] == (2, 29) for m in p.meetings)
        c["offset -1"] += p.offset == -1
        c["offset 1"] += p.offset == 1
        c["local transfer to school"] += p.Lto == "school"
        c["local transfer to post16"] += p.Lto == "post16"
        for r in REASONS:
            c["ceased " + r] += p.reason == r
        c["a meeting on the day it ceased"] += p.ceased is not None and p.ceased in p.meetings
        anchors = [p.start] + p.meetings
        for a, nxt in zip(anchors, anchors[1:] + [None]):
            due = year_end(a)
            if nxt is None:
                c["reviews never held"] += 1
            elif nxt < due - 60:
                c["reviews held early"] += 1
            elif nxt == due:
                c["reviews held on the due day"] += 1
            elif nxt == due + 1:
                c["reviews held a day late"] += 1
            elif nxt > due:
                c["reviews held late"] += 1
            if p.t is not None and a < p.t and (nxt is None or p.t < nxt):
                t3 = add_months(p.t, TRANSFER_MONTHS)
                c["transfers in whose 3 months decide the due"] += t3 > due
                c["transfers in whose 3 months end on a short month"] += ymd(t3)[2] < ymd(p.t)[2]
            if p.t is not None and p.t == nxt:
                c["transfers in on a meeting day"] += 1
        for r in p.reviews:
            if r.DD is not None:
                c["decisions on day 28"] += r.DD - r.M == DECISION_DAYS
                c["decisions on day 29"] += r.DD - r.M == DECISION_DAYS + 1
            c["meetings without a decision"] += r.decision is None
            c["decisions to amend after the 12 weeks"] += (r.decision == "amend" and
                                                           r.DD - r.M > AMENDED_DAYS)
            if r.amended is not None:
                c["amended plans on day 84"] += r.amended - r.M == AMENDED_DAYS
                c["amended plans on day 85"] += r.amended - r.M == AMENDED_DAYS + 1
    return c


# which measure of --cases is behind each column
MEASURE_OF = {"reviews": "review", "year9": "year9", "decisions": "decision",
              "amended": "amended", "overdue": "overdue_at_end", "ceased": "ceased"}


def measure_of(col):
    if col.startswith("transfer_"):
        return col.rsplit("_", 1)[0]
    if col == "overdue_at_end":
        return "overdue_at_end"
    return MEASURE_OF.get(col.split("_")[0])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", required=True)
    ap.add_argument("--reviews", required=True)
    ap.add_argument("--run", action="append", required=True, metavar="ARGS")
    ap.add_argument("--cases-run", action="append", default=[], metavar="ARGS",
                    help="also compare every row of --cases (due and done dates too) for these")
    ap.add_argument("--require-columns", action="store_true",
                    help="fail unless every column is non-zero in some run")
    ap.add_argument("--require-variety", action="store_true",
                    help="fail unless the register holds every kind of plan (variety())")
    ap.add_argument("--show", type=int, default=10, help="differences shown (default 10)")
    ap.add_argument("ehcp", nargs="+")
    o = ap.parse_args()
    t0 = time.time()
    plans = read_register(o.plans, o.reviews)
    t_read = time.time() - t0

    def report(args, cases=False):
        cmd = o.ehcp + ["report", "reviews"] + args + ["--format", "csv"] + (["--cases"] if cases else [])
        return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                universal_newlines=True)

    ok = True
    if o.require_variety:
        for what, n in sorted(variety(plans).items()):
            if n == 0:
                print("FAIL: the register has no %s: the check would pass vacuously" % what)
                ok = False
    procs = [report(r.split()) for r in o.run]    # the tool runs while we compute
    cells, shown, nonzero = 0, 0, set()
    t_ours = 0.0
    for run, proc in zip(o.run, procs):
        args = run.split()
        opt = dict(zip(args[::2], args[1::2]))
        t1 = time.time()
        want, _ = expected(plans, month_arg(opt["--from"], False), month_arg(opt["--to"], True),
                           opt.get("--by", "month"), day(opt["--as-of"]))
        t_ours += time.time() - t1
        out, err = proc.communicate()
        if proc.returncode != 0:
            print("FAIL: %s: exit %d: %s" % (run, proc.returncode, err.strip()))
            ok = False
            continue
        got = list(csv.reader(io.StringIO(out)))
        diffs = []
        if got[:1] != want[:1]:
            diffs.append((None, None, "header: got %s, expected %s" % (got[:1], want[:1])))
        if len(got) != len(want):
            diffs.append((None, None, "%d rows, expected %d" % (len(got) - 1, len(want) - 1)))
        for g, w in zip(got[1:], want[1:]):
            for k, col in enumerate(want[0]):
                cells += 1
                gv = g[k] if k < len(g) else "<missing>"
                if k and w[k] not in ("0", ""):
                    nonzero.add(col)
                if gv != w[k]:
                    diffs.append((w[0], col, "period %s, column %s: got '%s', expected '%s'" % (
                        w[0], col, gv, w[k])))
        if not diffs:
            continue
        ok = False
        for _, _, text in diffs[:o.show]:
            print("FAIL: %s: %s" % (run, text))
        if len(diffs) > o.show:
            print("FAIL: %s: ... and %d more cells disagree" % (run, len(diffs) - o.show))
        # the plans behind the first differing cells, from --cases
        if shown >= o.show:
            continue
        p = report(args, cases=True)
        cases = expected(plans, month_arg(opt["--from"], False), month_arg(opt["--to"], True),
                         opt.get("--by", "month"), day(opt["--as-of"]), with_cases=True)[1]
        cout, _ = p.communicate()
        theirs = collections.defaultdict(dict)
        for row in list(csv.reader(io.StringIO(cout)))[1:]:
            theirs[(row[0], row[2])][row[1]] = row
        seen = set()
        for label, col, _ in diffs:
            m = measure_of(col) if col else None
            if m is None or (label, m) in seen:
                continue
            seen.add((label, m))
            a, b = theirs.get((label, m), {}), cases.get((label, m), {})
            for ref in sorted(set(a) | set(b)):
                if a.get(ref) != b.get(ref) and shown < o.show:
                    shown += 1
                    print("FAIL:   plan %s, %s in %s: report %s, expected %s" % (
                        ref, m, label, ",".join(a[ref][3:]) if ref in a else "(none)",
                        ",".join(b[ref][3:]) if ref in b else "(none)"))
    for run in o.cases_run:
        args = run.split()
        opt = dict(zip(args[::2], args[1::2]))
        out, err = report(args, cases=True).communicate()
        flat = []
        expected(plans, month_arg(opt["--from"], False), month_arg(opt["--to"], True),
                 opt.get("--by", "month"), day(opt["--as-of"]), with_cases=True, flat=flat)
        got = list(csv.reader(io.StringIO(out)))
        theirs = collections.Counter(tuple(r) for r in got[1:])
        ours = collections.Counter(tuple(r) for r in flat)
        if not ours:
            print("FAIL: %s --cases: no cases expected: the check would pass vacuously" % run)
            ok = False
        extra, missing = sorted((theirs - ours).elements()), sorted((ours - theirs).elements())
        for r in extra[:o.show]:
            print("FAIL: %s --cases: report has %s, not expected" % (run, ",".join(r)))
        for r in missing[:o.show]:
            print("FAIL: %s --cases: expected %s, not in the report" % (run, ",".join(r)))
        if extra or missing:
            ok = False
            print("FAIL: %s --cases: %d rows differ of %d" % (run, len(extra) + len(missing), len(flat)))
        cells += len(flat)
    if o.require_columns:
        for col in COLS[1:]:
            if col not in nonzero:
                print("FAIL: column %s is zero or empty in every run: the check would pass vacuously" % col)
                ok = False
    print("independent reviews: %d plans, %d reviews, %d runs, %d cells compared, %s; "
          "read %.1f s, computed %.1f s, all %.1f s" % (
              len(plans), sum(len(p.reviews) for p in plans), len(o.run), cells,
              "all agree" if ok else "DISAGREE", t_read, t_ours, time.time() - t0))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
