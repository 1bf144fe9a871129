#!/usr/bin/env bash
# `ehcp report reviews`, computed a second time: tests/independent/reviews.py
# reads plans.csv and reviews.csv as `ehcp export --plans/--reviews` write
# them and recomputes every column from docs/reports.md ("reviews") and
# shared/docs/statutory-clock.md alone (its own limits and date arithmetic,
# Python standard library only), then compares it with the report cell by
# cell, by month, quarter and year, as of the register's day and of a day
# long before it.  On the demo's register and on one of over 100,000 plans
# made by tests/independent/gen_register.py, not by the tool.
set -u
. "$(dirname "$0")/lib.sh"
trap 'drop_dbs; rm -rf "$T"' EXIT
here=$(dirname "$0")/independent
if ! command -v python3 >/dev/null; then
	fail "python3 is needed"
	finish
	exit
fi

# compare NAME DB [CHECKER OPTIONS...]: export the register, check the runs.
compare() {
	local name=$1 db=$2
	shift 2
	check "$name: export plans" "$EHCP" --db "$db" export --plans -o "$T/$name-plans.csv"
	check "$name: export reviews" "$EHCP" --db "$db" export --reviews -o "$T/$name-reviews.csv"
	local n=$(($(wc -l <"$T/$name-plans.csv") - 1))
	echo "$name: $n plans, $(($(wc -l <"$T/$name-reviews.csv") - 1)) reviews exported"
	check "$name: the reviews report agrees with the independent computation" \
		python3 "$here/reviews.py" --plans "$T/$name-plans.csv" --reviews "$T/$name-reviews.csv" \
		"$@" -- "$EHCP" --db "$db"
	eval "plans_$name=$n"
}

# (1) the demo's register, as of its own day
db=$(new_db indep_rev_demo)
check "demo: init" "$EHCP" --db "$db" init
check "demo: demo" "$EHCP" --db "$db" demo --as-of 2026-11-20 >/dev/null
compare demo "$db" --require-columns \
	--run "--from 2024-12 --to 2026-11 --by month --as-of 2026-11-20" \
	--run "--from 2024-02 --to 2027-03 --by quarter --as-of 2026-11-20" \
	--run "--from 2010-01 --to 2027-12 --by year --as-of 2026-11-20" \
	--run "--from 2025-02-15 --to 2026-01-10 --by month --as-of 2025-09-30" \
	--cases-run "--from 2024-12 --to 2026-11 --by month --as-of 2026-11-20"

# (2) 100,000 generated plans and their reviews
db=$(new_db indep_rev_big)
check "big: init" "$EHCP" --db "$db" init
check "big: generate" python3 "$here/gen_register.py" "$T/gen-plans.csv" "$T/gen-reviews.csv" 2026-06-30 100000 5
check "big: import" "$EHCP" --db "$db" import --plans "$T/gen-plans.csv" --reviews "$T/gen-reviews.csv"
compare big "$db" --require-columns --require-variety \
	--run "--from 2024-07 --to 2026-06 --by month --as-of 2026-06-30" \
	--run "--from 2023-02 --to 2026-11 --by quarter --as-of 2026-06-30" \
	--run "--from 2015-01 --to 2027-12 --by year --as-of 2026-06-30" \
	--run "--from 2024-10-15 --to 2025-09-20 --by month --as-of 2025-03-31" \
	--run "--from 2025-01 --to 2025-12 --by month --as-of 2025-12-31" \
	--cases-run "--from 2024-07 --to 2026-06 --by quarter --as-of 2026-06-30" \
	--cases-run "--from 2025-01 --to 2025-12 --by quarter --as-of 2025-12-31" \
	--cases-run "--from 2024-10-15 --to 2025-09-20 --by month --as-of 2025-03-31"
check "big: at least 100,000 plans" test "${plans_big:-0}" -ge 100000
finish
