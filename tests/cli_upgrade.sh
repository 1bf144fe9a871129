#!/usr/bin/env bash
# A database made by the first release (migrations 0001-0004 as they were
# then, kept in tests/data/migrations-0.1) upgrades with `ehcp init`: the
# hand-written SQL clock is dropped, the generated rules and 0005 applied,
# the requests kept (a coronavirus exception stored before the window was
# checked is kept as it was recorded), and every command works.  A database
# running other rules than this ehcp's is refused until `ehcp init`.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_upgrade)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
old=$EHCP_TEST_DATA/migrations-0.1
{
	echo "BEGIN;"
	echo "CREATE TABLE ehcp_schema_migrations (name text PRIMARY KEY, checksum text NOT NULL,"
	echo "  applied_at timestamptz NOT NULL DEFAULT now());"
	cat "$old"/000[1-4]_*.sql
	for f in "$old"/000[1-4]_*.sql; do
		echo "INSERT INTO ehcp_schema_migrations (name, checksum) VALUES ('$(basename "$f")', '$(sha256sum <"$f" | cut -d' ' -f1)');"
	done
	echo "INSERT INTO ehcp_request (id, case_ref, request_type, request_date, assessment_decision,"
	echo "  assessment_decision_date, final_plan_date, exception) VALUES"
	echo "  (gen_random_uuid(), 'OLD-1', 'initial', '2019-01-07', 'assess', '2019-02-11', '2019-06-03', 'coronavirus'),"
	echo "  (gen_random_uuid(), 'OLD-2', 'reassessment', '2021-03-01', 'assess', '2021-03-22', NULL, NULL);"
	echo "COMMIT;"
} | psql "$db" -XqAt -v ON_ERROR_STOP=1 >"$T/psql.out" 2>&1
check_eq "the old schema made" "$?" 0
check_eq "the old clock is there" "$(psql "$db" -XAtc "SELECT to_regproc('ehcp_case_state') IS NOT NULL")" t

e cases >"$T/out" 2>"$T/err"; check_eq "an old schema is refused" "$?" 1
check_file_has "says to run init" "$T/err" "run 'ehcp init'"
e init >"$T/out" 2>&1; check_eq "init upgrades" "$?" 0
check_eq "the old clock is gone" "$(psql "$db" -XAtc "SELECT to_regproc('ehcp_case_state') IS NULL AND to_regproc('ehcp_final_limit') IS NULL AND to_regproc('ehcp_request_end') IS NULL")" t
check_eq "0005 applied" "$(psql "$db" -XAtc "SELECT count(*) FROM ehcp_schema_migrations WHERE name = '0005_tribunal.sql'")" 1
check_eq "the rules recorded" "$(psql "$db" -XAtc "SELECT count(*) FROM ehcp_schema_rules")" 1
e export >"$T/export.csv"; check_eq "export" "$?" 0
check_file_has "old row kept, new columns empty" "$T/export.csv" "OLD-1,,,,initial,2019-01-07,assess,2019-02-11,,,,,,,,,,,,,2019-06-03,coronavirus,,,,,,"
# OLD-2 re-assessment, decided 2021-03-22: its plan is due 2021-03-22 + 98 = 2021-06-28.
e case show OLD-2 --as-of 2021-04-01 >"$T/show"; check_eq "show" "$?" 0
check_file_has "the new rule for an old row" "$T/show" "Final plan                   Mon 28 Jun 2021"
e init >/dev/null 2>&1; check_eq "init again" "$?" 0
# one row per file in migrations/, none twice
check_eq "nothing applied twice" "$(psql "$db" -XAtc "SELECT string_agg(name, ' ' ORDER BY name) FROM ehcp_schema_migrations")" \
	"$(cd "$EHCP_TEST_DATA/../../migrations" && ls -1 *.sql | LC_ALL=C sort | paste -sd' ')"

# The backlog's index on the rules (0014), read alone: OLD-1, requested
# 2019-01-07, is due 20 weeks later, 2019-05-27, and was late.
cols="request_type, request_date, assessment_decision, assessment_decision_date, plan_decision, tribunal_outcome, tribunal_outcome_date"
done_from="ehcp_finished_for_good_from(final_plan_date, closed_date, assessment_decision, assessment_decision_date, plan_decision, plan_decision_date, tribunal_outcome, tribunal_outcome_date)"
indexed_due() {
	psql "$db" -XAtq -c "SET enable_seqscan = off" -c "SET enable_bitmapscan = off" -c "$1 SELECT ehcp_final_due($cols) FROM ehcp_request
	  WHERE tribunal_outcome_date IS NULL AND request_type <> 'reassessment' AND $done_from > ehcp_final_due($cols) + 1"
}
check_file_has "the due day is read from the index" <(indexed_due "EXPLAIN") "Index Only Scan using ehcp_request_backlog_fixed"
check_eq "the index holds the due day" "$(indexed_due "")" 2019-05-27
relfile() { psql "$db" -XAtc "SELECT relfilenode FROM pg_class WHERE relname = '$1'"; }
before_pkey=$(relfile ehcp_request_pkey) before_moving=$(relfile ehcp_request_backlog_moving)
e init >/dev/null 2>&1; check_eq "init with the same rules" "$?" 0
check_eq "the same rules: the index is not rebuilt" "$(relfile ehcp_request_backlog_moving)" "$before_moving"

# Rules that differ from this ehcp's are refused, and init puts them right,
# rebuilding each index that holds what the rules say.  Here the index was
# built under the other rules (141 days): it says 2019-05-28 until init.
psql "$db" -XqAtc "UPDATE ehcp_schema_rules SET checksum = 'other'; CREATE OR REPLACE FUNCTION ehcp_days_final() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 141'; REINDEX INDEX ehcp_request_backlog_fixed"
check_eq "an index built under other rules" "$(indexed_due "")" 2019-05-28
e cases >"$T/out" 2>"$T/err"; check_eq "other rules refused" "$?" 1
check_file_has "says why" "$T/err" "other statutory rules than this ehcp"
e init >/dev/null 2>&1; check_eq "init restores the rules" "$?" 0
check_eq "the limit is the C one again" "$(psql "$db" -XAtc "SELECT ehcp_days_final()")" 140
check_eq "init rebuilt the index on the rules" "$(indexed_due "")" 2019-05-27
check "and the other index on them" test "$(relfile ehcp_request_backlog_moving)" != "$before_moving"
check_eq "but not an index on columns alone" "$(relfile ehcp_request_pkey)" "$before_pkey"
e cases >/dev/null 2>&1; check_eq "and commands run" "$?" 0

# Where PostgreSQL empties the search path, the rules still work: in
# autovacuum's ANALYZE, which works out the indexes on them, and in the
# restore of a pg_dump backup (README), which builds those indexes.
schema=$(psql "$db" -XAtc "SELECT current_schema()")
out=$(psql "$db" -XqAt -v ON_ERROR_STOP=1 -c "SET search_path = ''" -c "ANALYZE $schema.ehcp_request" \
	-c "REINDEX TABLE $schema.ehcp_request" 2>&1)
check_eq "ANALYZE and REINDEX with an empty search path" "$?:$out" "0:"
copy=$(new_db cli_upgrade_copy)
pg_dump "$db" >"$T/dump.sql" 2>"$T/dump.err"; check_eq "pg_dump" "$?" 0
psql "$copy" -XqAt -v ON_ERROR_STOP=1 -f "$T/dump.sql" >"$T/restore.out" 2>&1
check_eq "the backup restores" "$?:$(grep -m1 ERROR "$T/restore.out")" "0:"
backlog() { "$EHCP" --db "$1" report backlog --from 2021-01 --to 2021-12 --as-of 2021-12-31 --format csv 2>&1; }
backlog "$db" >"$T/backlog.a"
backlog "$copy" >"$T/backlog.b"
check_file_has "the backlog before" "$T/backlog.a" "2021-12-31,1,"
check_eq "and after the restore" "$(cat "$T/backlog.b")" "$(cat "$T/backlog.a")"
psql "$EHCP_TEST_SERVER" -XqAt -c "DROP DATABASE IF EXISTS ${copy##*dbname=} WITH (FORCE)" >/dev/null 2>&1
finish
