#!/usr/bin/env bash
# Every report, computed a second time: tests/independent/reports.py reads
# the tracker CSV `ehcp export` writes and recomputes each report from
# docs/reports.md and shared/docs/statutory-clock.md alone (its own limits,
# its own date arithmetic, Python standard library only), then compares it
# with `ehcp report ... --format csv` cell by cell.  On the demo caseload, on
# a generated one of over 100,000 requests, and on a small one placed a day
# either side of every limit and band edge.
set -u
. "$(dirname "$0")/lib.sh"
trap 'drop_dbs; rm -rf "$T"' EXIT
checker=$(dirname "$0")/independent/reports.py
if ! command -v python3 >/dev/null; then
	fail "python3 is needed"
	finish
	exit
fi

# compare NAME DB AS_OF [CHECKER OPTIONS...]: export, then check every report.
compare() {
	local name=$1 db=$2 as_of=$3
	shift 3
	check "$name: export" "$EHCP" --db "$db" export -o "$T/$name.csv"
	local rows=$(($(wc -l <"$T/$name.csv") - 1))
	echo "$name: $rows requests exported"
	check "$name: every report agrees with the independent computation" \
		python3 "$checker" --tracker "$T/$name.csv" --as-of "$as_of" "$@" -- "$EHCP" --db "$db"
	eval "rows_$name=$rows"
}

# (1) the demo caseload, as the tool makes it by default, on a fixed day
db=$(new_db indep_demo)
check "demo: init" "$EHCP" --db "$db" init
check "demo: demo" "$EHCP" --db "$db" demo --as-of 2024-06-30 --seed 7
compare demo "$db" 2024-06-30

# (2) four authorities over five years: 101,700 requests, which must hold
# every kind of case (re-assessments, exceptions, mediation, each tribunal
# outcome, open cases...) and give every column a non-zero value somewhere.
# Nobody in the demo waits a year past the deadline, is over 19 at the plan
# or has no date of birth; (3) has those.
db=$(new_db indep_big)
check "big: init" "$EHCP" --db "$db" init
check "big: demo" "$EHCP" --db "$db" demo --authorities 4 --years 5 --requests-per-year 5100 \
	--seed 11 --as-of 2025-03-31
compare big "$db" 2025-03-31 --require-variety --require-columns --allow-zero backlog.past_over_52_weeks \
	--allow-zero sen2.plans_age_20_to_25 --allow-zero sen2.plans_age_unknown
check "big: at least 100,000 requests" test "${rows_big:-0}" -ge 100000

# (3) a day either side of every limit, band edge and the as-of date
db=$(new_db indep_edges)
check "edges: init" "$EHCP" --db "$db" init
check "edges: write" python3 "$checker" --write-edges "$T/edges-in.csv" 2024-06-30
check "edges: import" "$EHCP" --db "$db" import "$T/edges-in.csv"
compare edges "$db" 2024-06-30 --require-variety --require-columns
finish
