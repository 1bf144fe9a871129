#!/usr/bin/env bash
# `ehcp demo --plans-output --reviews-output`: the made-up council's plan
# register.  Deterministic for a seed; headers as shared/docs/plan-register-csv.md;
# nothing after the as-of day; every row accepted by migration 0006's
# constraints and triggers (loaded by plain SQL after the tracker's import,
# which makes the plans the tracked final plans made); and shaped like a
# council's: the figures below are computed in SQL from the rows, sharing
# nothing with the generator.
set -u
. "$(dirname "$0")/lib.sh"
trap 'drop_dbs; rm -rf "$T"' EXIT

as_of=2026-11-20
gen() { # seed dir
	mkdir -p "$T/$2"
	"$EHCP" demo --seed "$1" --as-of $as_of -o "$T/$2/tracker.csv" --plans-output "$T/$2/plans.csv" \
		--reviews-output "$T/$2/reviews.csv"
}
gen 42 a; check_eq "demo writes the register" "$?" 0
gen 42 b
gen 43 c
check "same seed, same plans" cmp -s "$T/a/plans.csv" "$T/b/plans.csv"
check "same seed, same reviews" cmp -s "$T/a/reviews.csv" "$T/b/reviews.csv"
check "same seed, same tracker" cmp -s "$T/a/tracker.csv" "$T/b/tracker.csv"
check "another seed, other plans" test "$(sha256sum <"$T/a/plans.csv")" != "$(sha256sum <"$T/c/plans.csv")"
check "another seed, other reviews" test "$(sha256sum <"$T/a/reviews.csv")" != "$(sha256sum <"$T/c/reviews.csv")"
# The tracker is the one ehcp demo -o writes without the register.
"$EHCP" demo --seed 42 --as-of $as_of -o "$T/tracker_only.csv"
check "the register leaves the tracker as it was" cmp -s "$T/a/tracker.csv" "$T/tracker_only.csv"
check_eq "plans.csv header" "$(head -1 "$T/a/plans.csv")" \
	"plan_ref,child_ref,date_of_birth,caseworker,case_ref,plan_start_date,transferred_in_date,year_group_offset,next_transfer_date,next_transfer_to,ceased_date,cease_reason"
check_eq "reviews.csv header" "$(head -1 "$T/a/reviews.csv")" \
	"plan_ref,meeting_date,invitations_date,report_date,decision,decision_date,amendments_proposed_date,amended_plan_date"

"$EHCP" demo --plans-output "$T/x.csv" 2>/dev/null; check_eq "plans without reviews: exit 2" "$?" 2
"$EHCP" demo --plans-output "$T/x.csv" --reviews-output "$T/x.csv" 2>/dev/null
check_eq "one file for both: exit 2" "$?" 2
check "nothing written on a usage error" test ! -e "$T/x.csv"
# Only the register: no tracker written, nothing imported.
"$EHCP" demo --seed 42 --as-of $as_of --plans-output "$T/p2.csv" --reviews-output "$T/r2.csv"
check "the register alone is the same" cmp -s "$T/a/reviews.csv" "$T/r2.csv"

db=$(new_db demo_register)
"$EHCP" --db "$db" init >/dev/null
"$EHCP" --db "$db" import "$T/a/tracker.csv" >/dev/null
check_eq "the tracker imports" "$?" 0
n_plans=$(($(wc -l <"$T/a/plans.csv") - 1))
n_reviews=$(($(wc -l <"$T/a/reviews.csv") - 1))

# Plain SQL, so that the database's own constraints judge every row.
psql "$db" -XqAt -v ON_ERROR_STOP=1 >"$T/load.out" 2>"$T/load.err" <<EOF
CREATE TABLE csv_plan (plan_ref text, child_ref text, date_of_birth date, caseworker text, case_ref text,
  plan_start_date date, transferred_in_date date, year_group_offset integer, next_transfer_date date,
  next_transfer_to text, ceased_date date, cease_reason text);
CREATE TABLE csv_review (plan_ref text, meeting_date date, invitations_date date, report_date date, decision text,
  decision_date date, amendments_proposed_date date, amended_plan_date date);
\copy csv_plan FROM '$T/a/plans.csv' WITH (FORMAT csv, HEADER true)
\copy csv_review FROM '$T/a/reviews.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO ehcp_plan (id, plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date,
  transferred_in_date, year_group_offset, next_transfer_date, next_transfer_to, ceased_date, cease_reason)
SELECT gen_random_uuid(), plan_ref, child_ref, date_of_birth, caseworker, case_ref, plan_start_date,
  transferred_in_date, coalesce(year_group_offset, 0), next_transfer_date, next_transfer_to, ceased_date, cease_reason
  FROM csv_plan;
INSERT INTO ehcp_review (plan_id, meeting_date, invitations_date, report_date, decision, decision_date,
  amendments_proposed_date, amended_plan_date)
SELECT p.id, r.meeting_date, r.invitations_date, r.report_date, r.decision, r.decision_date,
  r.amendments_proposed_date, r.amended_plan_date
  FROM csv_review r JOIN ehcp_plan p USING (plan_ref);
EOF
check_eq "every row accepted by the database" "$?" 0
sed 's/^/  | /' "$T/load.err" >&2
q() { psql "$db" -XAtc "$1"; }
check_eq "every plan stored" "$(q "SELECT count(*) FROM ehcp_plan WHERE case_ref IS NULL")" "$n_plans"
check_eq "every review of a known plan" "$(q "SELECT count(*) FROM ehcp_review")" "$n_reviews"
check_eq "no plan in plans.csv is the tracker's" "$(q "SELECT count(*) FROM csv_plan c JOIN ehcp_request r ON r.case_ref = c.plan_ref")" 0
check_eq "nothing after the as-of day (but a next transfer)" \
	"$(q "SELECT (SELECT count(*) FROM csv_review WHERE greatest(meeting_date, invitations_date, report_date,
	        decision_date, amendments_proposed_date, amended_plan_date) > '$as_of')
	    + (SELECT count(*) FROM csv_plan WHERE greatest(plan_start_date, transferred_in_date, ceased_date, date_of_birth) > '$as_of')")" 0

# The figures, each worked out here from the rows.  Due: the day before
# the anniversary of the last meeting (or the start), for a plan's first
# review after a transfer in the later of that and 3 months on.
q "CREATE VIEW due AS
   SELECT r.plan_id, r.meeting_date, r.decision, r.decision_date,
          CASE WHEN p.transferred_in_date IS NOT NULL
                    AND coalesce(lag(r.meeting_date) OVER w, p.transferred_in_date) <= p.transferred_in_date
               THEN greatest((coalesce(lag(r.meeting_date) OVER w, p.plan_start_date) + interval '1 year')::date - 1,
                             (p.transferred_in_date + interval '3 months')::date)
               ELSE (coalesce(lag(r.meeting_date) OVER w, p.plan_start_date) + interval '1 year')::date - 1 END AS due
     FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id
   WINDOW w AS (PARTITION BY r.plan_id ORDER BY r.meeting_date)" >/dev/null
figures=$(q "SELECT round(100.0 * count(*) FILTER (WHERE meeting_date > due) / count(*)),
   round(100.0 * count(*) FILTER (WHERE meeting_date < due - 45) / count(*)),
   round(100.0 * count(*) FILTER (WHERE decision_date <= meeting_date + 28) / count(decision)),
   round(100.0 * count(*) FILTER (WHERE decision = 'maintain') / count(decision)),
   round(100.0 * count(*) FILTER (WHERE decision = 'amend') / count(decision)),
   round(100.0 * count(*) FILTER (WHERE decision = 'cease') / count(decision), 1)
   FROM due")
echo "late % | early % | decided in 4 weeks % | maintain % | amend % | cease %: $figures"
IFS='|' read -r late early in4 maintain amend cease <<<"$figures"
check "reviews held late: 15-25%" test "$late" -ge 15 -a "$late" -le 25
check "some held early (many for a transfer): 5-20%" test "$early" -ge 5 -a "$early" -le 20
check "decided within 4 weeks: 70-80%" test "$in4" -ge 70 -a "$in4" -le 80
check "maintain ~55%" test "$maintain" -ge 48 -a "$maintain" -le 62
check "amend ~40%" test "$amend" -ge 33 -a "$amend" -le 47
check "cease ~5%" awk -v c="$cease" 'BEGIN { exit !(c >= 2.5 && c <= 8) }'
# A plan transferred in is first due 3 months after the transfer (reg 15):
# its first review here is late no more often than any other.
first=$(q "SELECT count(*), round(100.0 * count(*) FILTER (WHERE d.meeting_date > d.due) / count(*)),
   round(100.0 * count(*) FILTER (WHERE d.meeting_date < p.transferred_in_date + 42) / count(*))
   FROM due d JOIN ehcp_plan p ON p.id = d.plan_id
  WHERE d.meeting_date = (SELECT min(meeting_date) FROM ehcp_review x WHERE x.plan_id = p.id)
    AND p.transferred_in_date IS NOT NULL")
echo "first reviews after a transfer in | late % | within 6 weeks %: $first"
IFS='|' read -r n_first late_first soon_first <<<"$first"
check "first reviews after a transfer in" test "$n_first" -ge 50
check "... late as often as others" test "$late_first" -ge 5 -a "$late_first" -le 35
check "... and rarely within 6 weeks of it" test "$soon_first" -le 10
check_eq "no review before the plan came in" \
	"$(q "SELECT count(*) FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id WHERE r.meeting_date < p.transferred_in_date")" 0

steps=$(q "SELECT round(100.0 * count(*) FILTER (WHERE invitations_date <= meeting_date - 14) / count(*)),
   round(100.0 * count(*) FILTER (WHERE report_date <= meeting_date + 14) / count(report_date)),
   round(100.0 * count(amended_plan_date) / count(*) FILTER (WHERE decision = 'amend')),
   round(100.0 * count(*) FILTER (WHERE amended_plan_date <= least(amendments_proposed_date + 56, meeting_date + 84))
         / count(amended_plan_date)),
   count(*) FILTER (WHERE amendments_proposed_date IS NOT NULL AND decision IS NULL)
   FROM ehcp_review")
echo "invitations 2 weeks % | report in 2 weeks % | amend with plan % | amended in time % | proposals undecided: $steps"
IFS='|' read -r inv rep amended amended_in_time undecided <<<"$steps"
check "invitations mostly 2+ weeks before" test "$inv" -ge 75 -a "$inv" -le 95
check "reports usually within 2 weeks" test "$rep" -ge 75 -a "$rep" -le 95
check "most amend decisions have their plan" test "$amended" -ge 85 -a "$amended" -le 99
check "most amended plans in time, some late" test "$amended_in_time" -ge 55 -a "$amended_in_time" -le 85
check_eq "no proposals without their decision" "$undecided" 0

plans=$(q "SELECT count(*) FILTER (WHERE ceased_date IS NULL),
   round(100.0 * count(*) FILTER (WHERE ceased_date IS NOT NULL) / count(*)),
   count(*) FILTER (WHERE ceased_date IS NULL AND date_of_birth <= '$as_of'::date - interval '26 years'),
   count(*) FILTER (WHERE transferred_in_date IS NOT NULL), count(*) FILTER (WHERE year_group_offset <> 0),
   count(*) FILTER (WHERE next_transfer_date IS NOT NULL),
   count(DISTINCT cease_reason), count(DISTINCT caseworker) FILTER (WHERE caseworker LIKE 'Demo Caseworker 001-%'),
   bool_and(child_ref LIKE 'DEMO-C%' AND plan_ref LIKE 'DEMO%')
   FROM ehcp_plan")
echo "maintained | ceased % | over 25 | transferred in | out of year | local transfer | cease reasons | caseworkers | names: $plans"
IFS='|' read -r live ceased over25 tin offs local reasons workers names <<<"$plans"
check "a few thousand plans maintained" test "$live" -ge 2500 -a "$live" -le 6000
check "a share of the plans since ceased" test "$ceased" -ge 15 -a "$ceased" -le 40
check_eq "no plan maintained past 25" "$over25" 0
check "a few transferred in" test "$tin" -ge 50 -a "$tin" -le 400
check "a few out of year group" test "$offs" -ge 20 -a "$offs" -le 300
check "a few local transfers" test "$local" -ge 20 -a "$local" -le 300
check "ceased for every reason but the rarest" test "$reasons" -ge 8
check "made-up names" test "$names" = t
check_eq "the tracker's caseworkers" "$workers" "$(cut -d, -f4 "$T/a/tracker.csv" | tail -n +2 | sort -u | wc -l)"
# (at the latest by the end of the school year the young person turns 25)
check_eq "a cease decision, then the plan ceased" \
	"$(q "SELECT count(*) FROM ehcp_review r JOIN ehcp_plan p ON p.id = r.plan_id
	      WHERE r.decision = 'cease' AND r.decision_date <= '$as_of'::date - 365 AND p.case_ref IS NULL
	        AND p.ceased_date IS NULL")" 0

now=$(q "SELECT count(*) FILTER (WHERE r.meeting_date > '$as_of'::date - 28 AND r.decision IS NULL),
   (SELECT count(*) FROM ehcp_plan p
     WHERE p.ceased_date IS NULL
       AND greatest((coalesce((SELECT max(meeting_date) FROM ehcp_review x WHERE x.plan_id = p.id), p.plan_start_date)
                     + interval '1 year')::date - 1,
                    CASE WHEN p.transferred_in_date > coalesce((SELECT max(meeting_date) FROM ehcp_review x
                                                                WHERE x.plan_id = p.id), p.plan_start_date)
                         THEN (p.transferred_in_date + interval '3 months')::date END) < '$as_of'),
   (SELECT round(100.0 * count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ehcp_review x WHERE x.plan_id = p.id))
                 / count(*))
      FROM ehcp_plan p WHERE p.case_ref IS NOT NULL AND p.plan_start_date < '$as_of'::date - 450)
   FROM ehcp_review r")
echo "awaiting decision | overdue now | tracked plans reviewed %: $now"
IFS='|' read -r pending overdue tracked <<<"$now"
check "recent meetings still awaiting their decision" test "$pending" -ge 10
check "some plans overdue for review now" test "$overdue" -ge 40 -a "$overdue" -le 600
check "the tracked plans reviewed after their first year" test "$tracked" -ge 95

# Phase transfers, from the date of birth here: Reception in the September
# five years after the school year of birth, Year 7 seven later, Year 12
# twelve; each year's transfer reviewed in the 12 months before it, its
# amended plan before 15 February (31 March into post-16) mostly.
q "CREATE VIEW transfer AS
   SELECT p.id, k.kind, make_date(r + k.after, 9, 1) AS day,
          make_date(r + k.after, CASE k.kind WHEN 'post16' THEN 3 ELSE 2 END,
                    CASE k.kind WHEN 'post16' THEN 30 ELSE 14 END) AS deadline
     FROM ehcp_plan p
    CROSS JOIN LATERAL (SELECT extract(year FROM p.date_of_birth)::int
                               - CASE WHEN extract(month FROM p.date_of_birth) >= 9 THEN 0 ELSE 1 END
                               + 5 - p.year_group_offset AS r) y
    CROSS JOIN (VALUES ('reception', 0), ('secondary', 7), ('post16', 12)) k (kind, after)
    WHERE p.next_transfer_date IS NULL" >/dev/null
tr=$(q "SELECT count(*), count(*) FILTER (WHERE n > 0), min(n), round(100.0 * sum(on_time) / sum(n))
   FROM (SELECT y, k.kind, count(v.id) AS n, count(v.id) FILTER (WHERE v.amended <= v.deadline) AS on_time
           FROM generate_series(2017, 2026) y
          CROSS JOIN (VALUES ('reception'), ('secondary'), ('post16')) k (kind)
           LEFT JOIN (SELECT t.id, t.kind, t.day, t.deadline, min(r.amended_plan_date) AS amended
                        FROM transfer t JOIN ehcp_review r ON r.plan_id = t.id
                       WHERE r.meeting_date >= (t.day - interval '12 months')::date AND r.meeting_date < t.day
                         AND r.decision = 'amend'
                       GROUP BY t.id, t.kind, t.day, t.deadline) v
                  ON v.kind = k.kind AND extract(year FROM v.day) = y
          GROUP BY y, k.kind) s")
echo "transfer years x kinds | with reviews | fewest | amended by the deadline %: $tr"
IFS='|' read -r cells present fewest on_time <<<"$tr"
check_eq "every kind of transfer reviewed every year 2017-2026" "$present" "$cells"
check "a realistic number each" test "$fewest" -ge 5
check "amended by the deadline mostly, some late" test "$on_time" -ge 65 -a "$on_time" -le 92
# ... and of the plans maintained through a transfer (made before the 12
# months leading to it), nearly all have a review in those months that
# decided to amend (a plan's ordinary reviews alone would do so for ~40%).
share=$(q "SELECT round(100.0 * count(*) FILTER (WHERE EXISTS (
          SELECT 1 FROM ehcp_review r WHERE r.plan_id = t.id AND r.decision = 'amend'
             AND r.meeting_date >= (t.day - interval '12 months')::date AND r.meeting_date < t.day)) / count(*))
   FROM transfer t JOIN ehcp_plan p ON p.id = t.id
  WHERE t.day BETWEEN '2017-09-01' AND '$as_of'
    AND greatest(p.plan_start_date, p.transferred_in_date) < (t.day - interval '12 months')::date
    AND (p.ceased_date IS NULL OR p.ceased_date >= t.day)")
echo "transfers reviewed and amended for %: $share"
check "nearly every transfer reviewed for" test "$share" -ge 80 -a "$share" -le 95
finish
