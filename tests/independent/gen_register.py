#!/usr/bin/env python3
"""A made-up plan register for tests/cli_independent_reviews.sh: plans.csv and
reviews.csv (shared/docs/plan-register-csv.md), written here and not by
`ehcp demo`, so that the register the reviews report is checked on is not
shaped by the tool's own idea of a council.

Random plans (seeded) with chains of reviews early, on the day, a day late,
months late or never held; decisions and amended plans either side of their
limits; transfers in (on the plan's start, on a meeting, on month ends whose
3 months fall short); year-group offsets -1 and 1; local transfers (some on a
national transfer's own day); ceases of every reason (some on a due day, some
with a meeting that very day); missing dates of birth; 29 February starts,
meetings, births and transfers.  Then a few hand-placed plans on the phase
transfer edges.  Nothing after AS_OF but a next transfer.

Usage: gen_register.py PLANS.csv REVIEWS.csv AS_OF N_PLANS SEED
"""

import csv
import datetime
import random
import sys

PLAN_COLS = ["plan_ref", "child_ref", "date_of_birth", "caseworker", "case_ref", "plan_start_date",
             "transferred_in_date", "year_group_offset", "next_transfer_date", "next_transfer_to",
             "ceased_date", "cease_reason"]
REVIEW_COLS = ["plan_ref", "meeting_date", "invitations_date", "report_date", "decision",
               "decision_date", "amendments_proposed_date", "amended_plan_date"]
REASONS = ["max_age", "needs_met", "higher_education", "employment", "moved_la", "no_engagement",
           "left_england", "deceased", "other"]
D = datetime.date


def iso(n):
    return "" if n is None else D.fromordinal(n).isoformat()


def leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def year_on(n):
    """Roughly a year on, for placing the next meeting; the exact rule is the
    checker's business, not the generator's."""
    d = D.fromordinal(n)
    if d.month == 2 and d.day == 29:
        return D(d.year + 1, 2, 28).toordinal()
    return D(d.year + 1, d.month, d.day).toordinal() - 1


def main():
    plans_path, reviews_path, as_of, n, seed = sys.argv[1:6]
    A = D.fromisoformat(as_of).toordinal()
    n = int(n)
    rnd = random.Random(int(seed))
    plans, reviews = [], []
    first = D(2016, 1, 1).toordinal()

    def plan(ref, **kv):
        row = dict.fromkeys(PLAN_COLS, "")
        row.update(plan_ref=ref, child_ref="C-" + ref, caseworker="Worker %02d" % rnd.randrange(40))
        row.update(kv)
        plans.append(row)
        return row

    def review(ref, M, decision=None, dd=None, proposed=None, amended=None, start=None, cap=A):
        """One meeting and what followed it, each date dropped when after cap."""
        row = dict.fromkeys(REVIEW_COLS, "")
        row.update(plan_ref=ref, meeting_date=iso(M))
        inv = M - rnd.randint(10, 20)
        if start is not None and inv >= start and rnd.random() < 0.9:
            row["invitations_date"] = iso(inv)
        rep = M + rnd.randint(0, 21)
        if rep <= cap and rnd.random() < 0.9:
            row["report_date"] = iso(rep)
        if decision and dd is not None and dd <= cap:
            row["decision"], row["decision_date"] = decision, iso(dd)
            if decision == "amend":
                if proposed is not None and proposed <= cap:
                    row["amendments_proposed_date"] = iso(proposed)
                    if amended is not None and amended <= cap:
                        row["amended_plan_date"] = iso(max(amended, proposed))
        reviews.append(row)

    for k in range(n):
        ref = "G%06d" % k
        dob = rnd.randint(D(2000, 1, 1).toordinal(), A - 2 * 365)
        if rnd.random() < 0.004:                       # born on 29 February
            y = rnd.choice([y for y in range(2000, D.fromordinal(A).year - 2) if leap(y)])
            dob = D(y, 2, 29).toordinal()
        lo = max(dob + 365, first)
        if lo >= A - 30:
            lo = A - 400
        start = rnd.randint(lo, A - 1)
        if rnd.random() < 0.006:                       # made on 29 February
            y = rnd.choice([2016, 2020, 2024])
            if D(y, 2, 29).toordinal() < A:
                start = D(y, 2, 29).toordinal()
        row = plan(ref, plan_start_date=iso(start))
        row["date_of_birth"] = "" if rnd.random() < 0.03 else iso(min(dob, start))
        x = rnd.random()
        if x < 0.02:
            row["year_group_offset"] = "-1"
        elif x < 0.04:
            row["year_group_offset"] = "1"
        x = rnd.random()
        if x < 0.05:                                   # a local transfer
            y = rnd.randint(D.fromordinal(start).year, D.fromordinal(A).year + 2)
            L = D(y, 9, 1) if rnd.random() < 0.6 else D(y, rnd.randint(1, 12), rnd.randint(1, 28))
            row["next_transfer_date"] = L.isoformat()
            row["next_transfer_to"] = "post16" if rnd.random() < 0.25 else "school"
        ceased = None
        if rnd.random() < 0.14:
            ceased = rnd.randint(start + 1, A)
            row["ceased_date"], row["cease_reason"] = iso(ceased), rnd.choice(REASONS)
        # the meetings, each placed around the end of the 12 months from the last
        cap = A if ceased is None else ceased
        ms, anchor = [], start
        while True:
            due = year_on(anchor)
            x = rnd.random()
            if x < 0.03:
                break                                  # never held: overdue from here
            elif x < 0.08:
                M = due - rnd.randint(60, 200)         # early
            elif x < 0.50:
                M = due - rnd.randint(1, 59)
            elif x < 0.58:
                M = due                                # on the last day
            elif x < 0.63:
                M = due + 1                            # a day late
            elif x < 0.93:
                M = due + rnd.randint(2, 120)
            else:
                M = due + rnd.randint(121, 400)
            d = D.fromordinal(M)
            if d.month == 2 and d.day >= 20 and leap(d.year) and rnd.random() < 0.3:
                M = D(d.year, 2, 29).toordinal()
            M = max(M, anchor + 1)
            if M > cap:
                break
            ms.append(M)
            anchor = M
        if ceased is not None and rnd.random() < 0.05 and (not ms or ms[-1] < ceased):
            ms.append(ceased)                          # a meeting on the day it ceased
        if ceased is not None and rnd.random() < 0.2:
            # ceased on the day a review fell due
            due = year_on(ms[-1] if ms else start)
            if due <= A:
                row["ceased_date"] = iso(due)
                ceased = due
        for j, M in enumerate(ms):
            x = rnd.random()
            if ceased is not None and j == len(ms) - 1 and x < 0.5:
                decision = "cease"
            elif x < 0.55:
                decision = "maintain"
            elif x < 0.92:
                decision = "amend"
            else:
                decision = None
            dd = M + rnd.choice([0, 5, 14, 20, 25, 27, 28, 28, 29, 29, 30, 35, 45, 60, 95, 150])
            proposed = dd if rnd.random() < 0.85 else dd + rnd.randint(1, 20)
            amended = M + rnd.choice([40, 60, 70, 80, 83, 84, 84, 85, 85, 90, 120, 200])
            if rnd.random() < 0.1:
                amended = None
            review(ref, M, decision, dd, proposed, amended, start, A)
        if rnd.random() < 0.07:                        # transferred in
            x = rnd.random()
            if x < 0.1:
                t = start
            elif x < 0.2 and ms:
                t = rnd.choice(ms)
            elif x < 0.4:
                # a month end whose third month is shorter (30 Nov -> 28/29 Feb)
                y = rnd.randint(D.fromordinal(start).year, D.fromordinal(A).year)
                t = D(y, *rnd.choice([(11, 30), (11, 29), (11, 28), (8, 31), (8, 30), (5, 31),
                                      (12, 31)])).toordinal()
            elif x < 0.45:
                t = D(rnd.choice([2016, 2020, 2024]), 2, 29).toordinal()
            else:
                t = rnd.randint(start, A)
            if start <= t <= (A if ceased is None else ceased):
                row["transferred_in_date"] = iso(t)

    # Hand-placed: a Year 6 -> 7 transfer in September 2025 (born 2014-03-10,
    # deadline 2025-02-14, 12 months before 2024-09-01), met by a decision
    # to maintain or an amended plan a day either side of each edge.
    dl, before = D(2025, 2, 14).toordinal(), D(2024, 9, 1).toordinal()
    for k, (what, d) in enumerate((("maintain", before), ("maintain", before + 1), ("maintain", dl),
                                   ("maintain", dl + 1), ("amend", before), ("amend", before + 1),
                                   ("amend", dl), ("amend", dl + 1))):
        ref = "EDGE-Y6-%d" % k
        start = D(2019, 6, 1).toordinal()
        plan(ref, date_of_birth="2014-03-10", plan_start_date=iso(start))
        M = d - 70 if what == "amend" else d - 10
        if what == "amend":
            review(ref, M, "amend", M + 20, M + 20, d, start, A)
        else:
            review(ref, M, "maintain", d, None, None, start, A)
    # post-16 (born 2008-02-01: Year 12 in September 2024, deadline 2024-03-30)
    dl, before = D(2024, 3, 30).toordinal(), D(2023, 9, 1).toordinal()
    for k, d in enumerate((before, before + 1, dl, dl + 1)):
        ref = "EDGE-Y11-%d" % k
        start = D(2020, 1, 10).toordinal()
        plan(ref, date_of_birth="2008-02-01", plan_start_date=iso(start))
        review(ref, d - 30, "amend", d - 10, d - 10, d, start, A)
    # local transfers, each with one decision to maintain: on 29 February
    # (the day 12 months before it a day the month lacks), on a national
    # transfer's own day (1 September 2025: Year 7 for a child born
    # 2014-03-10, Year 12 for one born 2009-03-10), a day either side of it,
    # and into post-16 in January (a deadline after the move)
    for k, (L, to, dob, dd) in enumerate((("2024-02-29", "school", "2014-03-10", "2023-02-28"),
                                          ("2024-02-29", "school", "2014-03-10", "2023-03-01"),
                                          ("2025-09-01", "school", "2014-03-10", "2025-02-14"),
                                          ("2025-09-01", "post16", "2009-03-10", "2025-03-30"),
                                          ("2025-09-02", "school", "2014-03-10", "2025-02-10"),
                                          ("2025-08-31", "school", "2014-03-10", "2025-02-10"),
                                          ("2025-01-10", "post16", "2009-03-10", "2025-03-01"))):
        ref = "EDGE-L-%d" % k
        start = D(2019, 6, 1).toordinal()
        plan(ref, date_of_birth=dob, plan_start_date=iso(start), next_transfer_date=L,
             next_transfer_to=to)
        m = D.fromisoformat(dd).toordinal()
        review(ref, m - 20, "maintain", m, None, None, start, A)
    # a plan ceasing around a review's 4- and 12-week limits (meeting
    # 2025-05-05: decision due 2025-06-02, amended plan 2025-07-28): owed
    # only if maintained on the limit, or done while it was
    M = D(2025, 5, 5).toordinal()
    for k, (decision, dd, amended, ceased) in enumerate(((None, None, None, M + 27), (None, None, None, M + 28),
                                                         (None, None, None, M + 29), ("cease", M + 20, None, M + 20),
                                                         ("amend", M + 10, None, M + 84),
                                                         ("amend", M + 10, None, M + 85),
                                                         ("amend", M + 10, M + 50, M + 60))):
        ref = "EDGE-C-%d" % k
        start = D(2024, 5, 10).toordinal()
        plan(ref, plan_start_date=iso(start), ceased_date=iso(ceased), cease_reason="other")
        review(ref, M, decision, dd, dd, amended, start, ceased)
    # an amended plan (from proposals the day after the meeting) made before
    # the plan ceased, and the decision to amend dated after: the decision
    # is owed no more, the amended plan counts
    plan("EDGE-C-7", plan_start_date=iso(D(2024, 5, 10).toordinal()), ceased_date=iso(M + 10), cease_reason="other")
    review("EDGE-C-7", M, "amend", M + 20, M + 1, M + 5, D(2024, 5, 10).toordinal(), A)
    # moves between post-16 institutions at another time (born 2007-06-01:
    # Year 12 from September 2023), 5 months before: in January 2025 (by
    # 2024-08-10) and on 31 July 2025 (by 28 February, a day the month
    # lacks), each met on the deadline and a day after it, and on 31 October
    # 2025 (by 31 May); a September one, by 31 March; and one in March 2026
    # whose deadline, 15 October 2025, falls in a report of 2025
    for k, (L, dd) in enumerate((("2025-01-10", "2024-08-10"), ("2025-01-10", "2024-08-11"),
                                 ("2025-07-31", "2025-02-28"), ("2025-07-31", "2025-03-01"),
                                 ("2025-10-31", "2025-05-31"), ("2025-09-08", "2025-03-30"),
                                 ("2026-03-15", "2025-10-15"))):
        ref = "EDGE-P16-%d" % k
        start = D(2019, 6, 1).toordinal()
        plan(ref, date_of_birth="2007-06-01", plan_start_date=iso(start), next_transfer_date=L,
             next_transfer_to="post16")
        m = D.fromisoformat(dd).toordinal()
        review(ref, m - 20, "maintain", m, None, None, start, A)
    # a transferred plan whose reg 15 date is the deciding one, ceasing on it
    plan("EDGE-T-0", plan_start_date="2023-01-15", transferred_in_date="2023-11-30",
         ceased_date="2024-02-29", cease_reason="moved_la")
    plan("EDGE-T-1", plan_start_date="2023-01-15", transferred_in_date="2023-11-30")

    with open(plans_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=PLAN_COLS, lineterminator="\n")
        w.writeheader()
        w.writerows(plans)
    with open(reviews_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=REVIEW_COLS, lineterminator="\n")
        w.writeheader()
        w.writerows(reviews)
    return 0


if __name__ == "__main__":
    sys.exit(main())
