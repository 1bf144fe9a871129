#!/usr/bin/env bash
# Each statutory limit is written once, in include/ehcp/rules.h (the SQL
# functions are generated from it): no migration, SQL file or C source
# under src/ or tools/ does date arithmetic or a comparison with one of the
# numbers, nor names the coronavirus window.  A hit here is a rule written
# twice.
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
limits='42|15|112|140|98|14|70|35|77|364|28|56|84'
# "+ 42", "- 15", "<= 112", "> 364", "(98" after an operator ...
pattern="(\\+|-|<=|>=|<|>|\\binterval ')[[:space:]]*\\(?($limits)\\b"
grep -nE "$pattern" migrations/*.sql src/*/*.sql.in src/*/*.h src/*/*.c tools/*.c >"$T/hits"
check "the sources are where the search looks" test "$(ls src/*/*.c | wc -l)" -ge 15
check_eq "no limit outside include/ehcp/rules.h" "$(cat "$T/hits")" ""
grep -nE '2020[-, ]+0?(5|9)[-, ]+(0?1|25)\b' migrations/*.sql src/*/*.sql.in src/*/*.h src/*/*.c tools/*.c >"$T/window"
check_eq "no coronavirus window outside include/ehcp/rules.h" "$(cat "$T/window")" ""
# The rules file itself has every limit, and the generated SQL one function each.
for name in decision decision_reassessment advice not_issue final final_reassessment tribunal_assess_notice \
	tribunal_assess_not_issue tribunal_assess_final tribunal_issue_draft tribunal_issue_final year_band \
	review_invitations review_report review_decision review_proposals review_amended_from_proposals \
	review_amended_from_meeting transfer_notice; do
	check_file_has "rules.h has $name" include/ehcp/rules.h "X(${name^^}, $name,"
done
# The detector itself: a limit slipped into a query is found.
printf '"WHERE final_plan_date <= request_date + 140"\n' >"$T/probe.h"
check "the pattern finds a written limit" grep -qE "$pattern" "$T/probe.h"
finish
