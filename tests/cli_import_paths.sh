#!/usr/bin/env bash
# The import's two ways of writing the history and the plans give the same
# rows: the owner's set-wise statements from the staged rows (triggers set
# aside for its transaction), and a writer's, through the row triggers.
# The same imports (a first file, then an --update of a larger one that
# changes some rows and adds others) go into two databases, one by each,
# with a plan already there under one request's case_ref and another under
# a plan_ref that is a request's case_ref; their histories and plans are
# compared row by row, in order.
set -u
. "$(dirname "$0")/lib.sh"
a=$(new_db import_owner)
b=$(new_db import_writer)
writer=t_iwriter_$$
cleanup() {
	drop_dbs
	psql "$EHCP_TEST_SERVER" -XqAt -c "DROP ROLE IF EXISTS $writer" >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
"$EHCP" --db "$a" init >/dev/null; check_eq "init owner's" "$?" 0
"$EHCP" --db "$b" init >/dev/null; check_eq "init writer's" "$?" 0
psql "$EHCP_TEST_SERVER" -XqAt -c "CREATE ROLE $writer LOGIN IN ROLE ehcp_writer" >/dev/null
# Which trigger functions ran, in each database (track_functions is the
# superuser's to set; the owner here is the suite's superuser).
for db in "$a" "$b"; do
	psql "$db" -XqAt -c "ALTER DATABASE $(psql "$db" -XAtc 'SELECT current_database()') SET track_functions = 'pl'"
done

"$EHCP" demo --authorities 2 --years 2 --requests-per-year 150 --seed 11 --as-of 2026-11-20 -o "$T/all.csv" 2>/dev/null
check_eq "demo" "$?" 0
# Texts a history row must quote (a quote, a backslash, parentheses, a
# comma, spaces, letters of more than one byte), which both ways must write
# alike, in lines no change below touches: the comma on a row without a final plan (the awk
# below splits it wrongly, but counts nothing from it), the rest on a row
# whose final plan makes a plan (not the first two, which are kept for
# the plans already there).
python3 - "$T/all.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
h = rows[0]
col = h.index
first = [i for i in range(2, 301) if i % 5 != 4 and not rows[i][col("final_plan_date")]][0]
makes = [i for i in range(1, 301) if rows[i][col("final_plan_date")] and rows[i][col("request_type")] == "initial"]
rows[first][col("caseworker")] = 'O"Brien (acting), A\\B'
second = [i for i in makes[2:] if i % 5 != 4][0]
rows[second][col("caseworker")] = "Zoë  Ångström"
rows[second][col("child_ref")] = "C (1)"
csv.writer(open(sys.argv[1], "w", newline=""), lineterminator="\n").writerows(rows)
PY
check "the quoted texts in" grep -q 'Brien (acting)' "$T/all.csv"
head -n 301 "$T/all.csv" >"$T/first.csv"
# The whole file, a few of the first rows changed: a caseworker, and a
# final plan cleared where there was one (the plan it made stays).
awk -F, -v OFS=, 'NR > 1 && NR <= 40 && NR % 5 == 0 { $4 = $4 " (moved)" } { print }' "$T/all.csv" >"$T/second.csv"
plans_made=$(awk -F, 'NR > 1 && NR <= 301 && $21 != "" && ($5 == "initial" || $5 == "transfer_in")' "$T/first.csv" | wc -l)
check "the first file makes plans" test "$plans_made" -gt 10
# A plan under the case_ref of the first request with a final plan, one
# under a plan_ref that is the second's case_ref: neither request makes one.
ref1=$(awk -F, 'NR > 1 && $21 != "" && $5 == "initial" { print $1 }' "$T/first.csv" | sed -n 1p)
ref2=$(awk -F, 'NR > 1 && $21 != "" && $5 == "initial" { print $1 }' "$T/first.csv" | sed -n 2p)
for db in "$a" "$b"; do
	psql "$db" -XqAt -v ON_ERROR_STOP=1 -c "INSERT INTO ehcp_plan (id, plan_ref, case_ref, plan_start_date) VALUES
	    (gen_random_uuid(), 'OLD-1', '$ref1', '2019-01-01'), (gen_random_uuid(), '$ref2', NULL, '2019-01-01')"
done

"$EHCP" --db "$a" --user importer import "$T/first.csv" >/dev/null; check_eq "owner: import" "$?" 0
"$EHCP" --db "$b user=$writer" --user importer import "$T/first.csv" >/dev/null; check_eq "writer: import" "$?" 0
"$EHCP" --db "$a" --user updater import --update "$T/second.csv" >/dev/null; check_eq "owner: update" "$?" 0
"$EHCP" --db "$b user=$writer" --user updater import --update "$T/second.csv" >/dev/null; check_eq "writer: update" "$?" 0

q() { psql "$1" -XAt -c "$2"; }
history="SELECT r.case_ref, h.action, h.field, h.old_value, h.new_value, h.app_user, h.at = min(h.at) OVER (PARTITION BY h.app_user)
           FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id ORDER BY h.id"
plans="SELECT p.plan_ref, p.child_ref, p.date_of_birth, p.caseworker, p.case_ref, p.plan_start_date, p.version,
              p.id = r.id FROM ehcp_plan p LEFT JOIN ehcp_request r ON r.case_ref = p.case_ref ORDER BY p.plan_ref"
plan_history="SELECT p.plan_ref, h.action, h.field, h.old_value, h.new_value, h.app_user
                FROM ehcp_plan_history h JOIN ehcp_plan p ON p.id = h.plan_id ORDER BY h.id"
q "$a" "$history" >"$T/a.history"; q "$b" "$history" >"$T/b.history"
q "$a" "$plans" >"$T/a.plans"; q "$b" "$plans" >"$T/b.plans"
q "$a" "$plan_history" >"$T/a.plan_history"; q "$b" "$plan_history" >"$T/b.plan_history"
check "the same history" cmp "$T/a.history" "$T/b.history"
check "the history quotes a row's texts" grep -qF '"O""Brien (acting), A\\B"' "$T/a.history"
check "the plans' history too" grep -qF '"C (1)",' "$T/a.plan_history"
check "the same plans" cmp "$T/a.plans" "$T/b.plans"
check "the same plans' history" cmp "$T/a.plan_history" "$T/b.plan_history"
# What they hold, so that two empty (or equally wrong) sides do not pass:
# every request created once, the first file's with its rows, by importer;
# the changed caseworkers corrected by updater; a plan for each final plan
# of a new request but the two already taken, with its request's id.
rows=$(($(wc -l <"$T/all.csv") - 1))
check_eq "created, once each" "$(q "$a" "SELECT count(*), count(DISTINCT request_id) FROM ehcp_history WHERE action = 'created'")" "$rows|$rows"
check_eq "first file by importer" "$(q "$a" "SELECT count(*) FROM ehcp_history WHERE action = 'created' AND app_user = 'importer'")" 300
check_eq "a created row as a row literal" \
	"$(q "$a" "SELECT h.new_value FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id WHERE r.case_ref = '$ref1' AND h.action = 'created'")" \
	"$(q "$a" "SELECT ROW(case_ref, child_ref, date_of_birth, caseworker, request_type, request_date, assessment_decision, assessment_decision_date, health_advice_requested, health_advice_received, health_advice_exception, social_care_advice_requested, social_care_advice_received, social_care_advice_exception, ep_advice_requested, ep_advice_received, ep_advice_exception, plan_decision, plan_decision_date, draft_plan_date, final_plan_date, exception, closed_date, closed_reason, mediation_date, tribunal_appeal_date, tribunal_outcome, tribunal_outcome_date, exception_note)::text FROM ehcp_request WHERE case_ref = '$ref1'")"
check_eq "the changes" "$(q "$a" "SELECT count(*), string_agg(DISTINCT action || ' ' || field || ' ' || app_user, ',') FROM ehcp_history WHERE action <> 'created'")" "8|corrected caseworker updater"
all_made=$(awk -F, 'NR > 1 && $21 != "" && ($5 == "initial" || $5 == "transfer_in")' "$T/all.csv" | wc -l)
check_eq "plans made" "$(q "$a" "SELECT count(*) FILTER (WHERE p.id = r.id), count(*) FROM ehcp_plan p LEFT JOIN ehcp_request r ON r.case_ref = p.case_ref")" "$((all_made - 2))|$all_made"
check_eq "plans created in their history" "$(q "$a" "SELECT count(*) FROM ehcp_plan_history WHERE action = 'created'")" "$all_made"
check_eq "the old plans kept" "$(q "$a" "SELECT string_agg(plan_ref || ' ' || coalesce(case_ref, '-'), ',' ORDER BY plan_ref COLLATE \"C\") FROM ehcp_plan WHERE plan_start_date = '2019-01-01'")" "$(printf '%s -,OLD-1 %s' "$ref2" "$ref1")"
check_eq "each by its login" "$(q "$a" "SELECT count(DISTINCT db_role) FROM ehcp_history") $(q "$b" "SELECT string_agg(DISTINCT db_role, ',') FROM ehcp_history")" "1 $writer"
# The owner's way was taken (the insert trigger never ran) and left the
# triggers on; the writer's went through the trigger, once per import.
calls() { q "$1" "SELECT coalesce(sum(calls), 0) FROM pg_stat_user_functions WHERE funcname = 'ehcp_request_created'"; }
# (a backend's counts reach the view as it exits, just after its client)
for _ in 1 2 3 4 5 6 7 8 9 10; do [ "$(calls "$b")" = 2 ] && break; sleep 0.5; done
check_eq "owner: no insert trigger" "$(calls "$a")" 0
check_eq "writer: the insert trigger" "$(calls "$b")" 2
check_eq "owner: triggers on" "$(q "$a" "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'ehcp_request'::regclass AND tgenabled <> 'O'")" 0
# One statement changing two cases three ways (0009's ehcp_request_changed):
# each case's entries in column order, the cases in id order.  By hand:
# ref1's child_ref cleared, its caseworker corrected, its mediation date
# (none in the demo) recorded; ref2's caseworker corrected.
expect=$(q "$a" "SELECT string_agg(x, ';' ORDER BY id, k) FROM (
    SELECT id, 1, format('%s child_ref cleared %s -', case_ref, child_ref) FROM ehcp_request WHERE case_ref = '$ref1'
    UNION ALL SELECT id, 2, format('%s caseworker corrected %s Z', case_ref, caseworker) FROM ehcp_request WHERE case_ref = '$ref1'
    UNION ALL SELECT id, 3, format('%s mediation_date recorded - %s', case_ref, request_date + 1) FROM ehcp_request
               WHERE case_ref = '$ref1' AND mediation_date IS NULL
    UNION ALL SELECT id, 1, format('%s caseworker corrected %s Z', case_ref, caseworker) FROM ehcp_request WHERE case_ref = '$ref2'
    ) e(id, k, x)")
before=$(q "$a" "SELECT max(id) FROM ehcp_history")
q "$a" "UPDATE ehcp_request SET child_ref = CASE WHEN case_ref = '$ref1' THEN NULL ELSE child_ref END,
          mediation_date = CASE WHEN case_ref = '$ref1' THEN request_date + 1 END, caseworker = 'Z'
         WHERE case_ref IN ('$ref1', '$ref2')" >/dev/null
check_eq "a statement's changes" "$(q "$a" "SELECT string_agg(format('%s %s %s %s %s', r.case_ref, h.field, h.action, coalesce(h.old_value, '-'), coalesce(h.new_value, '-')), ';' ORDER BY h.id)
    FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id WHERE h.id > $before")" "$expect"
check "four changes" test "$(echo "$expect" | tr ';' '\n' | wc -l)" = 4
# With the triggers back on, a case added afterwards is recorded as ever.
"$EHCP" --db "$a" case add LATE-1 --request-date 2024-01-08 >/dev/null
check_eq "later writes recorded" "$(q "$a" "SELECT count(*) FROM ehcp_history h JOIN ehcp_request r ON r.id = h.request_id WHERE r.case_ref = 'LATE-1'")" 1
# Into an empty database on a server at wal_level minimal (the embedded
# cluster's, which runs these tests), the owner's import gives the tables
# new storage first, so that its rows skip the WAL; the guards stay on
# after it; a writer's import, and one into tables already holding rows,
# keep the storage they had.
check_eq "the suite's server is at minimal" "$(q "$a" "SHOW wal_level")" minimal
# and holds 512 MB of buffers, or a quarter of this machine's memory if less
quarter=$(awk '/^MemTotal:/ { q = int($2 / 4 / 1024); print (q >= 512 ? 512 : (q < 128 ? 128 : q)) "MB" }' /proc/meminfo)
check_eq "the suite's server's buffers" "$(q "$a" "SHOW shared_buffers")" "$quarter"
c=$(new_db import_fresh)
"$EHCP" --db "$c" init >/dev/null; check_eq "init fresh" "$?" 0
d=$(new_db import_fresh_writer)
"$EHCP" --db "$d" init >/dev/null; check_eq "init fresh writer's" "$?" 0
nodes="SELECT string_agg(pg_relation_filenode(t)::text, ' ' ORDER BY t)
         FROM unnest(ARRAY['ehcp_request', 'ehcp_history', 'ehcp_plan', 'ehcp_plan_history', 'ehcp_review', 'ehcp_request_case_ref_key', 'ehcp_plan_pkey']::regclass[]) t"
c0=$(q "$c" "$nodes"); d0=$(q "$d" "$nodes")
# Every index and key of the tables, and every foreign key onto them, as
# the catalogue defines it: the owner's import sets them aside and builds
# them again after its rows (migrations/0012), and must leave them as they were.
defs="SELECT string_agg(d, E'\\n' ORDER BY d) FROM (
        SELECT indexrelid::regclass || ': ' || pg_get_indexdef(indexrelid) AS d FROM pg_index
         WHERE indrelid IN ('ehcp_request'::regclass, 'ehcp_history'::regclass, 'ehcp_plan'::regclass, 'ehcp_plan_history'::regclass, 'ehcp_review'::regclass)
        UNION ALL
        SELECT conrelid::regclass || ' ' || conname || ': ' || pg_get_constraintdef(oid) || ' ' || convalidated FROM pg_constraint
         WHERE contype IN ('p', 'u', 'f') AND (conrelid IN ('ehcp_request'::regclass, 'ehcp_history'::regclass, 'ehcp_plan'::regclass, 'ehcp_plan_history'::regclass, 'ehcp_review'::regclass)
               OR confrelid IN ('ehcp_request'::regclass, 'ehcp_plan'::regclass))) x"
cdefs0=$(q "$c" "$defs")
check "the tables have their keys and indexes" test "$(echo "$cdefs0" | grep -c .)" -ge 25
# With comments, which come back with them, and an index the history is
# clustered on, which is left as it is, the same index (its mark is in no
# definition).
q "$c" "COMMENT ON INDEX ehcp_request_request_date IS 'by day received';
        COMMENT ON CONSTRAINT ehcp_plan_pkey ON ehcp_plan IS 'the plan''s id';
        COMMENT ON INDEX ehcp_plan_pkey IS 'its index';
        ALTER TABLE ehcp_history CLUSTER ON ehcp_history_request" >/dev/null
marks="SELECT obj_description('ehcp_request_request_date'::regclass, 'pg_class') || '|'
             || (SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'ehcp_plan_pkey') || '|'
             || obj_description('ehcp_plan_pkey'::regclass, 'pg_class') || '|'
             || (SELECT indisclustered FROM pg_index WHERE indexrelid = 'ehcp_history_request'::regclass) || '|'
             || 'ehcp_history_request'::regclass::oid"
cmarks0=$(q "$c" "$marks")
"$EHCP" --db "$c" import "$T/first.csv" >/dev/null; check_eq "fresh: import" "$?" 0
"$EHCP" --db "$d user=$writer" import "$T/first.csv" >/dev/null; check_eq "fresh writer: import" "$?" 0
c1=$(q "$c" "$nodes")
check_eq "fresh: the same indexes, keys and foreign keys, built again" "$(q "$c" "$defs")" "$cdefs0"
check_eq "fresh: their comments, and the clustered index left in place" "$(q "$c" "$marks")" "$cmarks0"
check "the marks were read" grep -q "^by day received|the plan's id|its index|true|[0-9]" <<<"$cmarks0"
check "fresh: every table and index has new storage" python3 -c "import sys; a, b = sys.argv[1].split(), sys.argv[2].split(); sys.exit(not (len(a) == len(b) == 7 and all(x != y for x, y in zip(a, b))))" "$c0" "$c1"
check_eq "fresh writer: the same storage" "$(q "$d" "$nodes")" "$d0"
check_eq "fresh: its rows" "$(q "$c" "SELECT (SELECT count(*) FROM ehcp_request) || '/' || (SELECT count(*) FROM ehcp_history) || '/' || (SELECT count(*) FROM ehcp_plan) || '/' || (SELECT count(*) FROM ehcp_plan_history)")" "300/300/$plans_made/$plans_made"
check_eq "fresh: every trigger on" "$(q "$c" "SELECT count(*) FROM pg_trigger WHERE tgrelid::regclass::text LIKE 'ehcp_%' AND tgenabled <> 'O'")" 0
check "fresh: the history still append-only" test "$(psql "$c" -XAt -c "TRUNCATE ehcp_history" 2>&1 | grep -c "append-only")" = 1
"$EHCP" --db "$c" import --update "$T/second.csv" >/dev/null; check_eq "fresh: update" "$?" 0
check_eq "fresh: an update keeps the storage" "$(q "$c" "$nodes")" "$c1"
# Not under repeatable read, where its emptiness checks would read an old
# snapshot and TRUNCATE remove rows committed since: the same rows, the
# same storage.
e=$(new_db import_fresh_rr)
"$EHCP" --db "$e" init >/dev/null; check_eq "init fresh rr" "$?" 0
e0=$(q "$e" "$nodes")
PGOPTIONS="-c default_transaction_isolation=repeatable\\ read" "$EHCP" --db "$e" import "$T/first.csv" >/dev/null
check_eq "repeatable read: import" "$?" 0
check_eq "repeatable read: the same storage" "$(q "$e" "$nodes")" "$e0"
check_eq "repeatable read: its rows" "$(q "$e" "SELECT count(*) FROM ehcp_request")" 300
# Nor while another session holds the tables (a report, or a second
# import): it goes on at once with the storage it has, rather than waiting
# (two imports would wait for each other).
f=$(new_db import_fresh_held)
"$EHCP" --db "$f" init >/dev/null; check_eq "init fresh held" "$?" 0
f0=$(q "$f" "$nodes")
psql "$f" -XqAt -c "BEGIN" -c "LOCK ehcp_history IN ACCESS SHARE MODE" -c "SELECT pg_sleep(60)" >/dev/null 2>&1 &
holder=$!
for _ in $(seq 50); do
	[ "$(q "$f" "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.relation = 'ehcp_history'::regclass AND l.pid <> pg_backend_pid()")" = 1 ] && break
	sleep 0.1
done
timeout 40 "$EHCP" --db "$f" import "$T/first.csv" >/dev/null
check_eq "held: import, without waiting" "$?" 0
check_eq "held: the same storage" "$(q "$f" "$nodes")" "$f0"
kill "$holder" 2>/dev/null; wait "$holder" 2>/dev/null
psql "$EHCP_TEST_SERVER" -XqAt -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
# The indexes set aside are never committed missing: a commit without the
# rebuild is refused, and a repeated key found at the rebuild fails it,
# leaving the tables as they were, with their indexes.
g=$(new_db import_fresh_aside)
"$EHCP" --db "$g" init >/dev/null; check_eq "init fresh aside" "$?" 0
out=$(psql "$g" -XqAt -c "BEGIN" -c "SELECT ehcp_import_renew()" -c "COMMIT" 2>&1)
check "a commit without the rebuild is refused" grep -q "did not rebuild them" <<<"$out"
check_eq "refused: the indexes as they were" "$(q "$g" "$defs")" "$cdefs0"
out=$(psql "$g" -XqAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT ehcp_import_renew()" \
	-c "INSERT INTO ehcp_request (id, case_ref, request_type, request_date) VALUES (gen_random_uuid(), 'TWICE', 'initial', '2025-01-06'), (gen_random_uuid(), 'TWICE', 'initial', '2025-01-07')" \
	-c "SELECT ehcp_import_rebuild()" -c "COMMIT" 2>&1)
check "a repeated case_ref fails the rebuild" grep -q "could not create unique index \"ehcp_request_case_ref_key\"" <<<"$out"
check_eq "failed: nothing written" "$(q "$g" "SELECT count(*) || '/' || (SELECT count(*) FROM ehcp_history) FROM ehcp_request")" "0/0"
check_eq "failed: the indexes as they were" "$(q "$g" "$defs")" "$cdefs0"
out=$(psql "$g" -XqAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT ehcp_import_renew()" -c "SELECT ehcp_import_renew()" -c "SELECT ehcp_import_rebuild()" -c "COMMIT" 2>&1)
# (each index of the four tables the tracker fills, and the reviews' key onto the plans)
made=$(q "$g" "SELECT (SELECT count(*) FROM pg_index WHERE indrelid IN ('ehcp_request'::regclass, 'ehcp_history'::regclass, 'ehcp_plan'::regclass, 'ehcp_plan_history'::regclass))
                    + (SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = 'ehcp_plan'::regclass)")
check_eq "renew (a second time: nothing), then rebuild: each made again, and committed" "$out" "t
f
$made"
check_eq "twenty-two indexes and a foreign key" "$made" 23
check_eq "committed: the indexes as they were" "$(q "$g" "$defs")" "$cdefs0"
finish
