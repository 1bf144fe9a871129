#!/usr/bin/env bash
# Runs test programs and the ehcp tool under valgrind --leak-check=full on
# a build without sanitizers.  Leaks of our code (definite or indirect) and
# memory errors fail; libraries' one-off allocations ("still reachable")
# do not.  Usage: tests/valgrind.sh BUILD_DIR; prints "valgrind: N passed,
# N failed" and exits non-zero if any failed.
set -u
build=$1
here=$(cd "$(dirname "$0")" && pwd)
vg=(valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect
    --error-exitcode=99 --track-origins=no)
passed=0
failed=0
run() { # name command...
	local name=$1
	shift
	if "${vg[@]}" --log-file="$log/$name.vg" "$@" >"$log/$name.out" 2>&1; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "valgrind: $name FAILED"
		tail -n 30 "$log/$name.vg" "$log/$name.out"
	fi
}
log=$(mktemp -d /tmp/ehcp-vg.XXXXXX)
trap 'rm -rf "$log"' EXIT
export EHCP_TEST_DATA=$here/data
for t in date clock review csv plan_fields process uuid7 migrate case plan import register_import caselist reports report_edges ical threads demo_register reviewlist review_report sen2_check account secret http_tables http_parse pages; do
	run "test_$t" "$build/tests/test_$t"
done

# The tool itself, on a database of its own.
db="$EHCP_TEST_SERVER dbname=t_valgrind_$$"
psql "$EHCP_TEST_SERVER" -XqAt -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS t_valgrind_$$" \
	-c "CREATE DATABASE t_valgrind_$$" >/dev/null
e=("$build/tools/ehcp" --db "$db")
run tool_init "${e[@]}" init
run tool_import "${e[@]}" import "$here/data/caselist.csv"
run tool_bad_import "${e[@]}" import "$here/data/reports.csv" --dry-run
run tool_cases "${e[@]}" cases --as-of 2020-06-01
run tool_caseload "${e[@]}" cases --as-of 2020-06-01 --by caseworker --format json
run tool_report "${e[@]}" report plans --from 2020-01 --to 2020-12 --as-of 2021-01-01 --format csv
run tool_sen2 "${e[@]}" report sen2 --year 2020 --as-of 2021-01-01
run tool_ical "${e[@]}" ical --as-of 2020-06-01 -o "$log/x.ics"
run tool_show "${e[@]}" case show L-ASSESS --as-of 2020-06-01
run tool_record "${e[@]}" case record L-AWAIT-OK decision assess 2020-06-01
run tool_history "${e[@]}" case history L-AWAIT-OK
run tool_export "${e[@]}" export -o "$log/x.csv"
# the plan register: a plan and its review, the list, the figures, the files
run tool_plan_add "${e[@]}" plan add VG-P1 --start 2019-02-28 --dob 2012-09-01
run tool_plan_review "${e[@]}" plan record VG-P1 meeting 2020-02-20
run tool_plan_decision "${e[@]}" plan record VG-P1 decision amend 2020-03-10
run tool_plan_show "${e[@]}" plan show VG-P1 --as-of 2020-06-01
run tool_plan_history "${e[@]}" plan history VG-P1
run tool_reviews "${e[@]}" reviews --as-of 2020-06-01 --all --format json
run tool_reviewload "${e[@]}" reviews --as-of 2020-06-01 --by caseworker
run tool_report_reviews "${e[@]}" report reviews --from 2020-01 --to 2020-12 --as-of 2021-01-01
run tool_export_plans "${e[@]}" export --plans -o "$log/p.csv"
run tool_export_reviews "${e[@]}" export --reviews -o "$log/r.csv"
run tool_import_register "${e[@]}" import --plans "$log/p.csv" --reviews "$log/r.csv" --update
run tool_board "${e[@]}" report board --from 2020-01 --to 2020-12 --as-of 2021-01-01 -o "$log/b.html"
psql "$EHCP_TEST_SERVER" -XqAt -c "DROP DATABASE IF EXISTS t_valgrind_$$ WITH (FORCE)" >/dev/null
# the SEN2 return: the persons file read, the checks, the XML, the setting
psql "$EHCP_TEST_SERVER" -XqAt -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS t_valgrind_sen2_$$" \
	-c "CREATE DATABASE t_valgrind_sen2_$$" >/dev/null
s=("$build/tools/ehcp" --db "$EHCP_TEST_SERVER dbname=t_valgrind_sen2_$$")
sen2=$here/data/sen2
run tool_sen2_init "${s[@]}" init
run tool_sen2_import "${s[@]}" import "$sen2/tracker.csv" --plans "$sen2/plans.csv" --reviews "$sen2/reviews.csv"
run tool_config "${s[@]}" config set la 123
run tool_sen2_check "${s[@]}" sen2 --year 2025 --persons "$sen2/persons.csv" --check
run tool_sen2_return "${s[@]}" sen2 --year 2025 --persons "$sen2/persons.csv" -o "$log/s.xml"
psql "$EHCP_TEST_SERVER" -XqAt -c "DROP DATABASE IF EXISTS t_valgrind_sen2_$$ WITH (FORCE)" >/dev/null
echo "valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
