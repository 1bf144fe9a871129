#!/usr/bin/env bash
# Least privilege and no injection: a reader can only read; a writer records
# milestones but can neither rewrite the history nor change the schema; SQL
# metacharacters in every text field and filter are stored and matched
# literally.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_security)
reader=t_reader_$$
writer=t_writer_$$
cleanup() {
	drop_dbs
	psql "$EHCP_TEST_SERVER" -XqAt -c "DROP ROLE IF EXISTS $reader" -c "DROP ROLE IF EXISTS $writer" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
"$EHCP" --db "$db" init >/dev/null; check_eq "init" "$?" 0
"$EHCP" --db "$db" import "$EHCP_TEST_DATA/tracker-sample.csv" >/dev/null
check_eq "group roles made" "$(psql "$db" -XAtc "SELECT count(*) FROM pg_roles WHERE rolname IN ('ehcp_reader', 'ehcp_writer')")" 2
psql "$EHCP_TEST_SERVER" -XqAt -c "CREATE ROLE $reader LOGIN IN ROLE ehcp_reader" -c "CREATE ROLE $writer LOGIN IN ROLE ehcp_writer" >/dev/null
as_reader="$db user=$reader"
as_writer="$db user=$writer"
digest() { psql "$db" -XAtc "SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY case_ref), '')) || (SELECT count(*) FROM ehcp_history) FROM ehcp_request r"; }

# The reader reads...
"$EHCP" --db "$as_reader" cases --as-of 2020-03-01 --format csv >/dev/null; check_eq "reader: case list" "$?" 0
"$EHCP" --db "$as_reader" report plans --from 2020-01 --to 2020-12 --as-of 2021-01-01 >/dev/null; check_eq "reader: report" "$?" 0
"$EHCP" --db "$as_reader" ical --as-of 2020-03-01 >/dev/null; check_eq "reader: calendar" "$?" 0
"$EHCP" --db "$as_reader" case history EHC-2020-0001 >/dev/null; check_eq "reader: history" "$?" 0
# ...and writes nothing.
before=$(digest)
"$EHCP" --db "$as_reader" case add R-1 --request-date 2020-01-06 2>"$T/err"; check_eq "reader: add refused" "$?" 1
check_file_has "reader: says why" "$T/err" "permission denied"
"$EHCP" --db "$as_reader" case record EHC-2020-0006 caseworker X 2>/dev/null; check "reader: record refused" test "$?" -ne 0
"$EHCP" --db "$as_reader" import "$EHCP_TEST_DATA/caselist.csv" 2>/dev/null; check "reader: import refused" test "$?" -ne 0
for sql in "UPDATE ehcp_request SET caseworker = 'x'" "DELETE FROM ehcp_request" "INSERT INTO ehcp_history (request_id, action) VALUES (gen_random_uuid(), 'created')"; do
	psql "$as_reader" -XqAt -c "$sql" 2>/dev/null; check "reader refused: $sql" test "$?" -ne 0
done
check_eq "reader changed nothing" "$(digest)" "$before"

# The writer records milestones and imports...
"$EHCP" --db "$as_writer" --user w.smith case add W-1 --request-date 2020-01-06 >/dev/null; check_eq "writer: add" "$?" 0
"$EHCP" --db "$as_writer" case record W-1 decision assess 2020-02-10 >/dev/null; check_eq "writer: record" "$?" 0
"$EHCP" --db "$as_writer" import "$EHCP_TEST_DATA/caselist.csv" >/dev/null; check_eq "writer: import" "$?" 0
check_eq "history names the login and the user" "$(psql "$db" -XAtc "SELECT db_role || ' ' || app_user FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id WHERE r.case_ref = 'W-1' ORDER BY h.id LIMIT 1")" "$writer w.smith"
# ...but cannot rewrite the history or change the schema.
before=$(digest)
for sql in "UPDATE ehcp_history SET new_value = 'x'" "DELETE FROM ehcp_history" "TRUNCATE ehcp_history" \
	"DELETE FROM ehcp_request" "ALTER TABLE ehcp_request DISABLE TRIGGER ehcp_request_changed" \
	"ALTER TABLE ehcp_request DROP CONSTRAINT plan_milestones_in_order" "DROP TRIGGER ehcp_history_no_update ON ehcp_history" \
	"CREATE TABLE ehcp_extra (x int)" "INSERT INTO ehcp_history (request_id, action) VALUES (gen_random_uuid(), 'created')" \
	"UPDATE ehcp_schema_migrations SET checksum = 'x'"; do
	psql "$as_writer" -XqAt -c "$sql" 2>/dev/null; check "writer refused: $sql" test "$?" -ne 0
done
check_eq "writer rewrote nothing" "$(digest)" "$before"

# No injection: metacharacters in every text field and filter, literally.
evil="O'Brien\"; DROP TABLE ehcp_request; -- \\ %_ \$1"
ref="X'1; DELETE FROM ehcp_history; --"
e() { "$EHCP" --db "$db" "$@"; }
e case add "$ref" --request-date 2020-01-06 --caseworker "$evil" --child-ref "$evil" >/dev/null; check_eq "evil add" "$?" 0
e case record "$ref" decision assess 2020-02-10 >/dev/null; check_eq "evil record" "$?" 0
e case exception "$ref" personal_circumstances --note "$evil" >/dev/null; check_eq "evil note" "$?" 0
check_eq "stored literally" "$(psql "$db" -XAtc "SELECT caseworker = child_ref AND child_ref = exception_note FROM ehcp_request WHERE case_ref = \$\$$ref\$\$")" "t"
check_eq "stored exactly" "$(psql "$db" -XAtc "SELECT caseworker FROM ehcp_request WHERE case_ref = \$\$$ref\$\$")" "$evil"
check_eq "matched literally" "$(e cases --as-of 2020-03-01 --caseworker "$evil" --format csv | tail -n +2 | wc -l)" 1
check_eq "a wildcard matches nothing" "$(e cases --as-of 2020-03-01 --caseworker "%" --format csv | tail -n +2 | wc -l)" 0
e case show "$ref" --as-of 2020-03-01 >"$T/show"; check_eq "evil show" "$?" 0
e ical --as-of 2020-03-01 --caseworker "$evil" -o "$T/evil.ics" >/dev/null; check_eq "evil calendar" "$?" 0
# (RFC 5545 escapes ';' in text as '\;')
check "evil reference in the calendar" grep -qF "X'1\\; DELETE FROM ehcp_history\\; --" "$T/evil.ics"
e export -o "$T/export.csv"
check_file_has "exported with CSV quoting" "$T/export.csv" "X'1; DELETE FROM ehcp_history; --,\"O'Brien\"\"; DROP TABLE ehcp_request; -- \\ %_ \$1\","
check_eq "tables intact" "$(psql "$db" -XAtc "SELECT count(*) > 0 FROM ehcp_history")" "t"
finish
