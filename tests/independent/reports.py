#!/usr/bin/env python3
"""An independent second computation of every `ehcp report`.

Reads the tracker CSV that `ehcp export` writes (shared/docs/tracker-csv.md),
recomputes each report from the definitions in docs/reports.md and the
statutory clock in shared/docs/statutory-clock.md, with its own date
arithmetic (datetime.date ordinals), runs `ehcp report MEASURE ... --format
csv` with the same options, and compares the two cell by cell.

Nothing here is shared with the C clock (src/clock.c), the SQL
(src/rules.sql.in, migrations/) or include/ehcp/rules.h: the limits below are
written out again from the reference documents, on purpose.  A rule changed
in one place and not the other makes this check fail.

Python 3 standard library only.

Usage:
  reports.py --tracker FILE.csv --as-of DATE [--require-variety] [--require-columns]
             [--allow-zero MEASURE.COLUMN]... -- EHCP_CMD...
      EHCP_CMD is how to run the tool, e.g. `/path/ehcp --db CONNINFO`; DATE
      is the caseload's own as-of day, around which the report ranges are
      chosen (runs_for).  Each disagreement is printed as
      "FAIL: report ARGS: period P, column C: got 'X', expected 'Y'".
  reports.py --write-edges FILE.csv DATE
      writes a small tracker CSV with requests on every limit's edges.
Exit status 0 when every cell agrees, 1 on any disagreement.
"""

import argparse
import bisect
import concurrent.futures
import csv
import datetime
import io
import subprocess
import sys
import time
from fractions import Fraction

# ---- The limits, restated from shared/docs/statutory-clock.md -------------
# (days; "within N days of D" is on or before D + N)
DECISION_DAYS = 42                 # reg 5(1): decision whether to assess, R + 6 weeks
REASSESS_DECISION_DAYS = 15        # reg 25(1): decision whether to re-assess, R + 15 days
ADVICE_DAYS = 42                   # reg 8(1): advice, A + 6 weeks
NOT_ISSUE_DAYS = 112               # reg 10(1): notice not to issue, R + 16 weeks
FINAL_DAYS = 140                   # reg 13(2): final plan, R + 20 weeks
REASSESS_FINAL_DAYS = 98           # reg 27(2): final plan, D + 14 weeks
TRIBUNAL_ASSESS_NOT_ISSUE_DAYS = 70  # reg 44(2)(b): T + 10 weeks
TRIBUNAL_ASSESS_FINAL_DAYS = 98    # reg 44(2)(d): T + 14 weeks
TRIBUNAL_ISSUE_FINAL_DAYS = 77     # reg 44(2)(c): T + 11 weeks
YEAR_BAND_DAYS = 364               # SEN2: 52 weeks, the "over 52 weeks" band
# Backlog bands, days past the final-plan due date (docs/reports.md).
BACKLOG_BANDS = ((1, 28), (29, 91), (92, 182), (183, 364), (365, None))

NEW_TYPES = frozenset(("initial", "transfer_in"))
ALL_TYPES = frozenset(("initial", "transfer_in", "reassessment"))
BODIES = ("health", "social_care", "ep")

# ---- Output shape (column names from docs/reports.md) ----------------------
PLANS_COLS = ["period", "plans_issued", "mediation_or_tribunal", "timeliness_base",
              "within_20_weeks", "percent_within", "timeliness_base_excl_exceptions",
              "within_20_weeks_excl_exceptions", "percent_within_excl_exceptions",
              "over_20_to_52_weeks", "over_52_weeks", "mean_weeks_to_issue"]
COHORT_COLS = ["period", "requests", "plan_within_20_weeks", "plan_late", "open_past_deadline",
               "open_within_deadline", "ended_without_plan", "percent_within"]
DECISIONS_COLS = ["period", "decisions", "within_6_weeks", "percent_within", "refusals",
                  "decisions_not_to_issue", "not_to_issue_within_16_weeks",
                  "percent_not_to_issue_within", "reassessment_decisions",
                  "reassessment_within_15_days", "percent_reassessment_within",
                  "reassessment_refusals"]
ADVICE_COLS = ["period", "advice_returned", "within_6_weeks", "percent_within",
               "advice_returned_excl_exceptions", "within_6_weeks_excl_exceptions",
               "percent_within_excl_exceptions", "outstanding_overdue"]
BACKLOG_COLS = ["period", "backlog", "past_1_to_4_weeks", "past_5_to_13_weeks",
                "past_14_to_26_weeks", "past_27_to_52_weeks", "past_over_52_weeks"]
SEN2_MEASURES = ["requests_received", "requests_refused", "decisions_whether_to_assess",
                 "decisions_within_6_weeks", "percent_decisions_within_6_weeks",
                 "assessments_completed", "decisions_not_to_issue", "new_plans_issued",
                 "plans_age_under_5", "plans_age_5_to_10", "plans_age_11_to_15",
                 "plans_age_16_to_19", "plans_age_20_to_25", "plans_age_unknown",
                 "plans_mediation_or_tribunal", "timeliness_base", "plans_within_20_weeks",
                 "percent_within_20_weeks", "timeliness_base_excl_exceptions",
                 "within_20_weeks_excl_exceptions", "percent_within_20_weeks_excl_exceptions",
                 "plans_with_exception", "over_20_to_52_weeks", "over_52_weeks",
                 "mean_weeks_to_issue"]
AGE_BANDS = ((0, 4), (5, 10), (11, 15), (16, 19), (20, 25))


# ---- Dates -----------------------------------------------------------------
def day(s):
    """A YYYY-MM-DD (or DD/MM/YYYY) cell as a day number; None when empty."""
    s = s.strip()
    if not s:
        return None
    if "/" in s:
        d, m, y = s.split("/")
        return datetime.date(int(y), int(m), int(d)).toordinal()
    return datetime.date.fromisoformat(s).toordinal()


def iso(n):
    return datetime.date.fromordinal(n).isoformat()


def month_arg(s, end):
    """--from/--to as the tool takes them: YYYY-MM (first or last day) or a date."""
    if len(s) == 7:
        y, m = int(s[:4]), int(s[5:])
        if not end:
            return datetime.date(y, m, 1).toordinal()
        ny, nm = (y + 1, 1) if m == 12 else (y, m + 1)
        return datetime.date(ny, nm, 1).toordinal() - 1
    return day(s)


def periods(first, last, by):
    """[(label, start, stop)]: the calendar periods from the one holding
    `first` to the one holding `last`, each clipped to [first, last]."""
    out = []
    d = datetime.date.fromordinal(first)
    if by == "month":
        y, m = d.year, d.month
        step = 1
    elif by == "quarter":
        y, m = d.year, 3 * ((d.month - 1) // 3) + 1
        step = 3
    else:
        y, m = d.year, 1
        step = 12
    while True:
        start = datetime.date(y, m, 1).toordinal()
        if start > last:
            break
        ny, nm = y + (m - 1 + step) // 12, (m - 1 + step) % 12 + 1
        stop = datetime.date(ny, nm, 1).toordinal() - 1
        if by == "month":
            label = "%04d-%02d" % (y, m)
        elif by == "quarter":
            label = "%04d-Q%d" % (y, (m - 1) // 3 + 1)
        else:
            label = "%04d" % y
        out.append((label, max(start, first), min(stop, last)))
        y, m = ny, nm
    return out


def age_years(dob, on):
    """Whole years from dob to on; a 29 February birthday falls on 1 March
    in a common year (statutory-clock.md: the corresponding-date rule)."""
    b, d = datetime.date.fromordinal(dob), datetime.date.fromordinal(on)
    years = d.year - b.year
    if (d.month, d.day) < (b.month, b.day):
        years -= 1
    return years


# ---- Numbers as the reports print them -------------------------------------
def tenths_half_away(q):
    """A non-negative Fraction to one decimal, half away from zero, as text."""
    t = q * 10
    n = (t.numerator * 2 + t.denominator) // (2 * t.denominator)  # floor(t + 1/2)
    return "%d.%d" % (n // 10, n % 10)


def pct(num, den):
    return "" if den == 0 else tenths_half_away(Fraction(100 * num, den))


def mean_weeks(sum_days, n):
    return "" if n == 0 else tenths_half_away(Fraction(sum_days, 7 * n))


# ---- One request ------------------------------------------------------------
class Req:
    __slots__ = ("ref", "type", "dob", "R", "ad", "D", "pd", "PD", "final", "exc", "closed",
                 "med", "appeal", "tout", "T", "adv")

    def __init__(self, row):
        self.ref = row["case_ref"]
        self.type = row.get("request_type") or "initial"
        self.dob = day(row.get("date_of_birth", ""))
        self.R = day(row["request_date"])
        self.ad = row.get("assessment_decision") or None
        self.D = day(row.get("assessment_decision_date", ""))
        self.pd = row.get("plan_decision") or None
        self.PD = day(row.get("plan_decision_date", ""))
        self.final = day(row.get("final_plan_date", ""))
        self.exc = bool(row.get("exception"))
        self.closed = day(row.get("closed_date", ""))
        self.med = day(row.get("mediation_date", ""))
        self.appeal = day(row.get("tribunal_appeal_date", ""))
        self.tout = row.get("tribunal_outcome") or None
        self.T = day(row.get("tribunal_outcome_date", ""))
        # per body: (asked, received, carries an exception)
        self.adv = tuple((day(row.get(b + "_advice_requested", "")),
                          day(row.get(b + "_advice_received", "")),
                          bool(row.get(b + "_advice_exception")))
                         for b in BODIES)

    # The clock of one request as of day X (docs/reports.md): each milestone,
    # and the code that goes with it, counts only if dated on or before X.
    def refused(self, X):
        return self.ad == "refuse" and self.D is not None and self.D <= X

    def not_issued(self, X):
        return self.pd == "not_issue" and self.PD is not None and self.PD <= X

    def ordered(self, outcome, X):
        return self.tout == outcome and self.T is not None and self.T <= X

    def final_due(self, X):
        if self.refused(X) and self.ordered("assess", X):
            return self.T + TRIBUNAL_ASSESS_FINAL_DAYS
        if self.not_issued(X) and self.ordered("issue", X):
            return self.T + TRIBUNAL_ISSUE_FINAL_DAYS
        if self.type == "reassessment":
            if self.D is not None and self.D <= X:
                return self.D + REASSESS_FINAL_DAYS
            # until the decision is recorded, as if made on its last lawful day
            return self.R + REASSESS_DECISION_DAYS + REASSESS_FINAL_DAYS
        return self.R + FINAL_DAYS

    def not_issue_due(self, X):
        if self.refused(X) and self.ordered("assess", X):
            return self.T + TRIBUNAL_ASSESS_NOT_ISSUE_DAYS
        return self.R + NOT_ISSUE_DAYS

    def decision_limit(self):
        return REASSESS_DECISION_DAYS if self.type == "reassessment" else DECISION_DAYS

    def ended(self, X):
        if self.closed is not None and self.closed <= X:
            return True
        if self.refused(X) and not self.ordered("assess", X):
            return True
        if self.not_issued(X) and not self.ordered("issue", X):
            return True
        return False

    def finished(self, X):
        return self.ended(X) or (self.final is not None and self.final <= X)

    def open(self, X):
        return self.R <= X and not self.finished(X)

    def mediation_or_tribunal(self, X):
        return ((self.med is not None and self.med <= X) or
                (self.appeal is not None and self.appeal <= X))


def read_tracker(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [Req(row) for row in csv.DictReader(f)]


# ---- The reports --------------------------------------------------------------
class Span:
    """The periods of one report: --from, --to and --as-of as days."""

    def __init__(self, frm, to, as_of, by):
        self.frm, self.to, self.A, self.by = frm, to, as_of, by
        self.end = min(to, as_of)              # the range, cut at A
        self.periods = periods(frm, to, by)
        self.starts = [p[1] for p in self.periods]

    def index(self, d):
        """The period holding day d, if d is in the range cut at A; else None."""
        if d is None or d < self.frm or d > self.end:
            return None
        return bisect.bisect_right(self.starts, d) - 1

    def seen_at(self):
        """The day each period is seen at: its end, cut at A."""
        return [min(stop, self.A) for _, _, stop in self.periods]


def rows_out(span, cells, total, fmt):
    out = [[label] + fmt(c) for (label, _, _), c in zip(span.periods, cells)]
    out.append(["total"] + fmt(total))
    return out


def report_plans(reqs, span, types):
    A = span.A
    n = len(span.periods)
    cells = [[0] * 9 for _ in range(n)]   # issued, mt, base, within, nx, wx, b2, b3, days
    total = [0] * 9
    for r in reqs:
        if r.type not in types:
            continue
        i = span.index(r.final)
        if i is None:
            continue
        mt = r.mediation_or_tribunal(A)
        days = r.final - r.R
        within = r.final <= r.final_due(A)
        for c in (cells[i], total):
            c[0] += 1
            if mt:
                c[1] += 1
                continue
            c[2] += 1
            c[8] += days
            if within:
                c[3] += 1
            if not r.exc:
                c[4] += 1
                if within:
                    c[5] += 1
            if not within:
                if days <= YEAR_BAND_DAYS:
                    c[6] += 1
                else:
                    c[7] += 1

    def fmt(c):
        return [str(c[0]), str(c[1]), str(c[2]), str(c[3]), pct(c[3], c[2]), str(c[4]), str(c[5]),
                pct(c[5], c[4]), str(c[6]), str(c[7]), mean_weeks(c[8], c[2])]
    return [PLANS_COLS] + rows_out(span, cells, total, fmt)


def cohort_state(r, A):
    """Exactly one of the five states of docs/reports.md, as of A."""
    if r.final is not None and r.final <= A:
        return 1 if r.final <= r.final_due(A) else 2
    if r.ended(A):
        return 5
    return 3 if A > r.final_due(A) else 4


def report_cohort(reqs, span, types):
    A = span.A
    cells = [[0] * 6 for _ in span.periods]
    total = [0] * 6
    for r in reqs:
        if r.type not in types:
            continue
        i = span.index(r.R)
        if i is None:
            continue
        s = cohort_state(r, A)
        for c in (cells[i], total):
            c[0] += 1
            c[s] += 1

    def fmt(c):
        return [str(x) for x in c] + [pct(c[1], c[0] - c[5])]
    return [COHORT_COLS] + rows_out(span, cells, total, fmt)


def report_decisions(reqs, span, types):
    A = span.A
    cells = [[0] * 8 for _ in span.periods]  # n, w, refused, ni, ni_w, q, q_w, q_refused
    total = [0] * 8
    for r in reqs:
        if r.type not in types:
            continue
        i = span.index(r.D)
        if i is not None and r.ad is not None:
            within = r.D - r.R <= r.decision_limit()
            refused = r.ad == "refuse"
            k = 5 if r.type == "reassessment" else 0
            for c in (cells[i], total):
                c[k] += 1
                c[k + 1] += within
                c[k + 2] += refused
        if r.type in NEW_TYPES and r.pd == "not_issue":
            i = span.index(r.PD)
            if i is not None:
                within = r.PD <= r.not_issue_due(A)
                for c in (cells[i], total):
                    c[3] += 1
                    c[4] += within

    def fmt(c):
        return [str(c[0]), str(c[1]), pct(c[1], c[0]), str(c[2]), str(c[3]), str(c[4]),
                pct(c[4], c[3]), str(c[5]), str(c[6]), pct(c[6], c[5]), str(c[7])]
    return [DECISIONS_COLS] + rows_out(span, cells, total, fmt)


def report_advice(reqs, span, body):
    b = BODIES.index(body)
    seen = span.seen_at() + [span.end]      # each period's end, then the total's
    order = sorted(range(len(seen)), key=lambda k: seen[k])
    ends = [seen[k] for k in order]
    cells = [[0] * 5 for _ in span.periods]  # n, w, nx, wx, outstanding
    total = [0] * 5
    for r in reqs:
        asked, got, exc = r.adv[b]
        if asked is None:
            continue
        i = span.index(got)
        if i is not None:
            within = got - asked <= ADVICE_DAYS
            for c in (cells[i], total):
                c[0] += 1
                c[1] += within
                if not exc:
                    c[2] += 1
                    c[3] += within
        # outstanding at E: asked more than 42 days before E, not received
        # by E, and the request not finished by E
        lo = bisect.bisect_right(ends, asked + ADVICE_DAYS)
        for j in range(lo, len(ends)):
            E = ends[j]
            if got is not None and got <= E:
                break
            if not r.finished(E):
                k = order[j]
                (cells[k] if k < len(cells) else total)[4] += 1

    def fmt(c):
        return [str(c[0]), str(c[1]), pct(c[1], c[0]), str(c[2]), str(c[3]), pct(c[3], c[2]),
                str(c[4])]
    return [ADVICE_COLS] + rows_out(span, cells, total, fmt)


def report_backlog(reqs, span):
    seen = span.seen_at() + [span.A]
    labels = [p[0] for p in span.periods] + [iso(span.A)]
    order = sorted(range(len(seen)), key=lambda k: seen[k])
    ends = [seen[k] for k in order]
    cells = [[0] * 6 for _ in seen]
    for r in reqs:
        done = min(d for d in (r.final, r.closed, ends[-1] + 1) if d is not None)
        for j in range(bisect.bisect_left(ends, r.R), len(ends)):
            E = ends[j]
            if E >= done:
                break
            if r.finished(E):
                continue
            past = E - r.final_due(E)
            if past < 1:
                continue
            c = cells[order[j]]
            c[0] += 1
            for band, (lo, hi) in enumerate(BACKLOG_BANDS):
                if past >= lo and (hi is None or past <= hi):
                    c[1 + band] += 1
    return [BACKLOG_COLS] + [[lab] + [str(x) for x in c] for lab, c in zip(labels, cells)]


def report_sen2(reqs, year, A):
    frm = datetime.date(year, 1, 1).toordinal()
    end = min(datetime.date(year, 12, 31).toordinal(), A)

    def inyear(d):
        return d is not None and frm <= d <= end
    v = dict.fromkeys(SEN2_MEASURES, 0)
    sd = 0
    for r in reqs:
        if r.type not in NEW_TYPES:
            continue
        if inyear(r.R):
            v["requests_received"] += 1
        if r.ad is not None and inyear(r.D):
            v["decisions_whether_to_assess"] += 1
            v["requests_refused"] += r.ad == "refuse"
            v["decisions_within_6_weeks"] += r.D - r.R <= DECISION_DAYS
        plan_decided = r.pd is not None and inyear(r.PD)
        plan_recorded = r.pd is not None and r.PD is not None and r.PD <= A
        issued = inyear(r.final)
        if plan_decided or (issued and not plan_recorded):
            v["assessments_completed"] += 1
        if plan_decided and r.pd == "not_issue":
            v["decisions_not_to_issue"] += 1
        if not issued:
            continue
        v["new_plans_issued"] += 1
        age = age_years(r.dob, r.final) if r.dob is not None else None
        for (lo, hi), name in zip(AGE_BANDS, SEN2_MEASURES[8:13]):
            if age is not None and lo <= age <= hi:
                v[name] += 1
                break
        else:
            v["plans_age_unknown"] += 1
        if r.mediation_or_tribunal(A):
            v["plans_mediation_or_tribunal"] += 1
            continue
        days = r.final - r.R
        within = r.final <= r.final_due(A)
        v["timeliness_base"] += 1
        sd += days
        v["plans_within_20_weeks"] += within
        if not r.exc:
            v["timeliness_base_excl_exceptions"] += 1
            v["within_20_weeks_excl_exceptions"] += within
        if not within:
            v["over_20_to_52_weeks" if days <= YEAR_BAND_DAYS else "over_52_weeks"] += 1
    v["percent_decisions_within_6_weeks"] = pct(v["decisions_within_6_weeks"],
                                                v["decisions_whether_to_assess"])
    v["percent_within_20_weeks"] = pct(v["plans_within_20_weeks"], v["timeliness_base"])
    v["percent_within_20_weeks_excl_exceptions"] = pct(v["within_20_weeks_excl_exceptions"],
                                                       v["timeliness_base_excl_exceptions"])
    v["plans_with_exception"] = v["timeliness_base"] - v["timeliness_base_excl_exceptions"]
    v["mean_weeks_to_issue"] = mean_weeks(sd, v["timeliness_base"])
    return [["measure", "value"]] + [[m, str(v[m])] for m in SEN2_MEASURES]


# ---- What is run ---------------------------------------------------------------
def runs_for(as_of):
    """The reports to check, as argument lists; ranges around the caseload's
    as-of date, so some end after it and some are cut by an earlier --as-of."""
    A = datetime.date.fromordinal(as_of)
    y = A.year

    def ym(yy, mm):
        return "%04d-%02d" % (yy, mm)
    mid = (A - datetime.timedelta(days=170)).isoformat()   # in the middle of range 2
    early = (A - datetime.timedelta(days=400)).isoformat()
    ranges = [
        # 12 months ending before A, seen at A
        ["--from", ym(y - 1, 1), "--to", ym(y - 1, 12), "--by", "month", "--as-of", A.isoformat()],
        # 12 months ending at A's month, seen in the middle of them
        ["--from", ym(y - 1, A.month % 12 + 1) if A.month < 12 else ym(y, 1), "--to", ym(y, A.month),
         "--by", "month", "--as-of", mid],
        # quarters over three years, partial first and last quarters, A inside
        ["--from", ym(y - 2, 2), "--to", ym(y, 11), "--by", "quarter", "--as-of", A.isoformat()],
        # years, the whole caseload, seen a year and more before its end
        ["--from", ym(y - 4, 1), "--to", ym(y + 1, 12), "--by", "year", "--as-of", early],
        # days, not months: the first and last months are partial
        ["--from", "%04d-02-15" % (y - 1), "--to", "%04d-11-20" % (y - 1), "--by", "month",
         "--as-of", A.isoformat()],
        # a range that starts after the as-of date: nothing counted, the
        # backlog and outstanding advice as they stood on A ("nothing after
        # A is counted"; the backlog's last row is the backlog on A, whatever
        # --from is)
        ["--from", ym(y, 1), "--to", ym(y, 6), "--by", "quarter",
         "--as-of", (datetime.date(y, 1, 1) - datetime.timedelta(days=30)).isoformat()],
    ]
    runs = []
    for rg in ranges:
        runs.append(["plans"] + rg)
        runs.append(["plans", "--type", "reassessment"] + rg)
        runs.append(["cohort"] + rg)
        runs.append(["decisions"] + rg)
        runs.append(["health"] + rg)
        runs.append(["health", "--from-body", "social_care"] + rg)
        runs.append(["health", "--from-body", "ep"] + rg)
        runs.append(["backlog"] + rg)
    # a few of the type filters, once
    runs.append(["plans", "--type", "transfer_in"] + ranges[2])
    runs.append(["cohort", "--type", "reassessment"] + ranges[2])
    runs.append(["decisions", "--type", "reassessment"] + ranges[0])
    runs.append(["decisions", "--type", "initial"] + ranges[0])
    for yy in (y - 2, y - 1):
        runs.append(["sen2", "--year", str(yy), "--as-of", A.isoformat()])
    runs.append(["sen2", "--year", str(y), "--as-of", A.isoformat()])     # cut at A
    runs.append(["sen2", "--year", str(y - 1), "--as-of", mid])           # cut mid-year
    return runs


def expected(reqs, args):
    measure = args[0]
    opt = {args[k]: args[k + 1] for k in range(1, len(args), 2)}
    A = day(opt["--as-of"])
    if measure == "sen2":
        return report_sen2(reqs, int(opt["--year"]), A)
    span = Span(month_arg(opt["--from"], False), month_arg(opt["--to"], True), A,
                opt.get("--by", "month"))
    t = opt.get("--type")
    if measure == "plans":
        return report_plans(reqs, span, {t} if t else NEW_TYPES)
    if measure == "cohort":
        return report_cohort(reqs, span, {t} if t else NEW_TYPES)
    if measure == "decisions":
        return report_decisions(reqs, span, {t} if t else ALL_TYPES)
    if measure == "health":
        return report_advice(reqs, span, opt.get("--from-body", "health"))
    if measure == "backlog":
        return report_backlog(reqs, span)
    raise ValueError(measure)


def compare(name, got, want, problems, limit=25):
    """Cell by cell; returns the number of cells compared."""
    cells = 0
    if got[:1] != want[:1]:
        problems.append("%s: header: got %s, expected %s" % (name, got[:1], want[:1]))
        return 0
    header = want[0]
    if len(got) != len(want):
        problems.append("%s: got %d rows, expected %d (got periods %s, expected %s)" % (
            name, len(got) - 1, len(want) - 1, [r[0] for r in got[1:]], [r[0] for r in want[1:]]))
    for g, w in zip(got[1:], want[1:]):
        for k, col in enumerate(header):
            cells += 1
            gv = g[k] if k < len(g) else "<missing>"
            if gv != w[k]:
                if len(problems) >= limit:
                    problems.append(None)        # counted, not shown
                elif header[0] == "period":
                    problems.append("%s: period %s, column %s: got '%s', expected '%s'" % (
                        name, w[0], col, gv, w[k]))
                else:
                    problems.append("%s: measure %s: got '%s', expected '%s'" % (
                        name, w[0], gv, w[k]))
    return cells


def variety(reqs, A):
    """The caseload must hold every kind of case the reports distinguish."""
    counts = {
        "reassessments": sum(r.type == "reassessment" for r in reqs),
        "transfers in": sum(r.type == "transfer_in" for r in reqs),
        "case exceptions": sum(r.exc for r in reqs),
        "advice exceptions": sum(any(a[2] for a in r.adv) for r in reqs),
        "mediation": sum(r.med is not None for r in reqs),
        "tribunal appeals": sum(r.appeal is not None for r in reqs),
        "tribunal orders to assess": sum(r.tout == "assess" for r in reqs),
        "tribunal orders to issue": sum(r.tout == "issue" for r in reqs),
        "tribunal dismissals": sum(r.tout == "dismissed" for r in reqs),
        "refusals": sum(r.ad == "refuse" for r in reqs),
        "reassessment refusals": sum(r.ad == "refuse" and r.type == "reassessment" for r in reqs),
        "decisions not to issue": sum(r.pd == "not_issue" for r in reqs),
        "closed": sum(r.closed is not None for r in reqs),
        "plans issued": sum(r.final is not None for r in reqs),
        "plans over 52 weeks": sum(r.final is not None and r.final - r.R > YEAR_BAND_DAYS
                                   for r in reqs),
        "open as of the as-of date": sum(r.open(A) for r in reqs),
        "open past the deadline": sum(r.open(A) and A > r.final_due(A) for r in reqs),
        "advice outstanding": sum(any(a[0] is not None and a[1] is None for a in r.adv)
                                  for r in reqs),
    }
    return counts


# ---- A small caseload on the edges ---------------------------------------------
TRACKER_COLS = ["case_ref", "child_ref", "date_of_birth", "caseworker", "request_type",
                "request_date", "assessment_decision", "assessment_decision_date",
                "health_advice_requested", "health_advice_received", "health_advice_exception",
                "social_care_advice_requested", "social_care_advice_received",
                "social_care_advice_exception", "ep_advice_requested", "ep_advice_received",
                "ep_advice_exception", "plan_decision", "plan_decision_date", "draft_plan_date",
                "final_plan_date", "exception", "closed_date", "closed_reason", "mediation_date",
                "tribunal_appeal_date", "tribunal_outcome", "tribunal_outcome_date"]


def edge_rows(as_of):
    """Requests placed a day either side of every limit, every band edge and
    the as-of date, which random data may miss (a plan more than 52 weeks
    past its due date, a 29 February birthday).  Dates relative to as_of."""
    A = as_of
    rows = []

    def add(tag, R, typ="initial", **kv):
        row = dict.fromkeys(TRACKER_COLS, "")
        row.update(case_ref="EDGE-%03d-%s" % (len(rows) + 1, tag), request_type=typ,
                   request_date=iso(R), child_ref="EDGE-C%03d" % (len(rows) + 1))
        for k, v in kv.items():
            row[k] = iso(v) if isinstance(v, int) else v
        rows.append(row)

    def plan(tag, R, final, typ="initial", D=None, **kv):
        """Assessed and issued: decision, advice, plan decision, draft, final."""
        D = R + 20 if D is None else D
        kv.setdefault("date_of_birth", R - 9 * 365)
        add(tag, R, typ, assessment_decision="assess", assessment_decision_date=D,
            health_advice_requested=D + 1, health_advice_received=D + 30,
            plan_decision="issue", plan_decision_date=min(D + 40, final - 16),
            draft_plan_date=final - 15, final_plan_date=final, **kv)

    base = A - 480        # requests a year and more before A
    for i, k in enumerate((139, 140, 141, 364, 365)):
        plan("final-day-%d" % k, base + i, base + i + k)
        plan("final-day-%d-exc" % k, base + 7 + i, base + 7 + i + k, exception="absent_from_area")
        plan("final-day-%d-med" % k, base + 14 + i, base + 14 + i + k, mediation_date=base + 14 + i + 60)
    # an appeal registered after the plan but before A: out of timeliness as of A,
    # in it as of a date before the appeal
    plan("appeal-after-plan", base + 20, base + 20 + 150, tribunal_appeal_date=A - 100)
    for i, k in enumerate((97, 98, 99)):      # re-assessment: 14 weeks from the decision
        R = base + 30 + i
        plan("reassess-%d" % k, R, R + 9 + k, typ="reassessment", D=R + 9)
    for i, k in enumerate((41, 42, 43)):      # decisions whether to assess
        R = base + 40 + i
        add("decision-%d" % k, R, assessment_decision="refuse", assessment_decision_date=R + k)
    for i, k in enumerate((14, 15, 16)):      # decisions whether to re-assess
        R = base + 45 + i
        add("redecision-%d" % k, R, "reassessment", assessment_decision="refuse",
            assessment_decision_date=R + k)
    for i, k in enumerate((111, 112, 113)):   # notice not to issue
        R = base + 50 + i
        add("not-issue-%d" % k, R, assessment_decision="assess", assessment_decision_date=R + 30,
            plan_decision="not_issue", plan_decision_date=R + k)
    for i, k in enumerate((97, 98, 99)):      # tribunal order to assess: T + 98 final, T + 70 notice
        R = base + 55 + i
        T = R + 150
        plan("tribunal-assess-%d" % k, R, T + k, D=R + 30, tribunal_appeal_date=R + 60,
             tribunal_outcome="assess", tribunal_outcome_date=T)
        rows[-1]["assessment_decision"] = "refuse"
        rows[-1]["health_advice_requested"] = iso(T + 1)
        rows[-1]["health_advice_received"] = iso(T + 20)
        rows[-1]["plan_decision_date"] = iso(T + 30)
    for i, k in enumerate((69, 70, 71)):
        R = base + 60 + i
        T = R + 150
        add("tribunal-assess-not-issue-%d" % k, R, assessment_decision="refuse",
            assessment_decision_date=R + 30, tribunal_appeal_date=R + 60, tribunal_outcome="assess",
            tribunal_outcome_date=T, plan_decision="not_issue", plan_decision_date=T + k)
    for i, k in enumerate((76, 77, 78)):      # tribunal order to issue: T + 77
        R = base + 65 + i
        T = R + 200
        add("tribunal-issue-%d" % k, R, assessment_decision="assess", assessment_decision_date=R + 30,
            plan_decision="not_issue", plan_decision_date=R + 100, tribunal_appeal_date=R + 120,
            tribunal_outcome="issue", tribunal_outcome_date=T, draft_plan_date=T + 30,
            final_plan_date=T + k)
    for i, k in enumerate((41, 42, 43)):      # advice returned on the edge
        R = base + 70 + i
        add("advice-%d" % k, R, assessment_decision="assess", assessment_decision_date=R + 10,
            health_advice_requested=R + 11, health_advice_received=R + 11 + k,
            social_care_advice_requested=R + 12, social_care_advice_received=R + 12 + k,
            social_care_advice_exception="missed_appointment",
            ep_advice_requested=R + 13, ep_advice_received=R + 13 + k)
    # advice still outstanding at A: asked 42, 43 days and long before A
    for k in (42, 43, 200):
        R = A - k - 10
        add("outstanding-%d" % k, R, assessment_decision="assess", assessment_decision_date=R + 5,
            health_advice_requested=A - k, social_care_advice_requested=A - k,
            ep_advice_requested=A - k)
    # open at A, past the final-plan due date by each band's edges (and not past it)
    for k in (0, 1, 28, 29, 91, 92, 182, 183, 364, 365, 400):
        R = A - FINAL_DAYS - k
        add("backlog-%d" % k, R, assessment_decision="assess", assessment_decision_date=R + 30)
    for k in (0, 1, 365):                     # a re-assessment not yet decided
        R = A - REASSESS_DECISION_DAYS - REASSESS_FINAL_DAYS - k
        add("backlog-re-%d" % k, R, "reassessment")
    add("closed", A - 300, closed_date=A - 290, closed_reason="withdrawn")
    # advice outstanding on a request that is then withdrawn: overdue until it closes
    R = base + 80
    add("closed-advice-outstanding", R, assessment_decision="assess", assessment_decision_date=R + 10,
        health_advice_requested=R + 11, ep_advice_requested=R + 11, closed_date=R + 120,
        closed_reason="moved_away")
    # a final plan with no decision recorded (sen2: an assessment completed all the same)
    for i, typ in enumerate(("initial", "reassessment", "transfer_in")):
        R = base + 85 + i
        add("final-no-decisions-" + typ, R, typ, date_of_birth=R - 3000, draft_plan_date=R + 100,
            final_plan_date=R + 112 + 2 * i)
    # a decision not to issue appealed, the appeal about something else or dismissed
    for i, outcome in enumerate(("other", "dismissed")):
        R = base + 90 + i
        add("not-issue-" + outcome, R, assessment_decision="assess", assessment_decision_date=R + 30,
            plan_decision="not_issue", plan_decision_date=R + 100, tribunal_appeal_date=R + 120,
            tribunal_outcome=outcome, tribunal_outcome_date=R + 250)
    # late and waiting for advice on the as-of day of the range that starts
    # after it (runs_for), both settled between that day and --from
    E0 = datetime.date(datetime.date.fromordinal(A).year, 1, 1).toordinal() - 30
    R = E0 - FINAL_DAYS - 10
    plan("late-on-early-as-of", R, E0 + 10, D=R + 30)
    rows[-1]["health_advice_requested"] = iso(E0 - 50)
    rows[-1]["health_advice_received"] = iso(E0 + 5)
    rows[-1]["plan_decision_date"] = iso(E0 + 6)
    rows[-1]["draft_plan_date"] = iso(E0 + 7)
    # a child who moved in during an assessment, a day either side of 20 weeks
    for i, k in enumerate((140, 141)):
        plan("transfer-in-%d" % k, base + 95 + i, base + 95 + i + k, typ="transfer_in")
    # ages at the final plan: a 29 February birthday, band edges, unknown
    y = datetime.date.fromordinal(A).year - 1
    while y % 4 == 0:
        y -= 1                                  # a common year, for a leap-day birthday
    leap = next(yy for yy in range(y - 4, y - 30, -1) if yy % 4 == 0 and (yy % 100 or yy % 400 == 0))
    for fin_md in ((2, 28), (3, 1)):
        fin = datetime.date(y, *fin_md).toordinal()
        plan("age-leap-%02d%02d" % fin_md, fin - 130, fin, date_of_birth=datetime.date(leap, 2, 29).toordinal())
    for age in (4, 5, 10, 11, 15, 16, 19, 20, 25, 26):
        fin = datetime.date(y, 6, 15).toordinal()
        dob = datetime.date(y - age, 6, 15).toordinal()
        plan("age-%d" % age, fin - 130, fin, date_of_birth=dob)
        plan("age-%d-eve" % age, fin - 131, fin, date_of_birth=dob + 1)
    plan("age-unknown", datetime.date(y, 6, 1).toordinal() - 130, datetime.date(y, 6, 1).toordinal(),
         date_of_birth="")
    return rows


def write_edges(path, as_of):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=TRACKER_COLS, lineterminator="\n")
        w.writeheader()
        for row in edge_rows(as_of):
            w.writerow(row)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--write-edges":
        write_edges(sys.argv[2], day(sys.argv[3]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracker", required=True)
    ap.add_argument("--as-of", required=True, help="the caseload's as-of date")
    ap.add_argument("--require-variety", action="store_true",
                    help="fail unless the caseload holds every kind of case")
    ap.add_argument("--require-columns", action="store_true",
                    help="fail unless every column is non-zero in some report checked")
    ap.add_argument("--allow-zero", action="append", default=[], metavar="MEASURE.COLUMN",
                    help="a column --require-columns lets be zero throughout")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("ehcp", nargs="+")
    o = ap.parse_args()
    t0 = time.time()
    reqs = read_tracker(o.tracker)
    A = day(o.as_of)
    ok = True
    if o.require_variety:
        for what, n in variety(reqs, A).items():
            if n == 0:
                print("FAIL: the caseload has no %s: the check would pass vacuously" % what)
                ok = False
    runs = runs_for(A)

    def run(args):
        p = subprocess.run(o.ehcp + ["report"] + args + ["--format", "csv"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, universal_newlines=True)
        return p

    with concurrent.futures.ThreadPoolExecutor(max_workers=o.jobs) as pool:
        futures = [pool.submit(run, a) for a in runs]
        problems, cells, nonzero, per_report = [], 0, {}, []
        for args, fut in zip(runs, futures):
            name = "report " + " ".join(args)
            want = expected(reqs, args)
            p = fut.result()
            if p.returncode != 0:
                problems.append("%s: exit %d: %s" % (name, p.returncode, p.stderr.strip()))
                continue
            got = list(csv.reader(io.StringIO(p.stdout)))
            before = len(problems)
            cells += compare(name, got, want, problems)
            if len(problems) > before:
                per_report.append((name, len(problems) - before))
            # which columns ever hold something other than zero
            key = args[0]
            for row in want[1:]:
                for col, v in zip(want[0][1:], row[1:]):
                    if key == "sen2":
                        col = row[0]
                    nonzero.setdefault((key, col), False)
                    if v not in ("0", "", "0.0"):
                        nonzero[(key, col)] = True
    shown = [p for p in problems if p is not None]
    for p in shown:
        print("FAIL: " + p)
    if len(problems) > len(shown):
        print("FAIL: ... and %d more cells disagree; by report:" % (len(problems) - len(shown)))
        for name, n in per_report:
            print("FAIL:   %s: %d cells disagree" % (name, n))
    if o.require_columns:
        for (key, col), seen in sorted(nonzero.items()):
            if not seen and "%s.%s" % (key, col) not in o.allow_zero:
                print("FAIL: %s column %s is zero in every report checked: the check would pass "
                      "vacuously" % (key, col))
                ok = False
    ok = ok and not problems
    print("independent: %d requests, %d reports, %d cells compared, %d disagree, %.1f s" % (
        len(reqs), len(runs), cells, len(problems), time.time() - t0))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
