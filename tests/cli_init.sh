#!/usr/bin/env bash
# The embedded default end to end: `ehcp init` creates the cluster and the
# schema, a second init changes nothing, two at once both succeed, `db stop`
# then any command starts it again, and an unreachable named database gives
# one line naming it.
set -u
. "$(dirname "$0")/lib.sh"

home=$(test_tmpdir)/home
export EHCP_HOME=$home
unset EHCP_DATABASE_URL PGHOST PGHOSTADDR PGDATABASE PGSERVICE

# Two `ehcp init` at once on a home that does not exist yet.
"$EHCP" init >"$T/a.out" 2>&1 & a=$!
"$EHCP" init >"$T/b.out" 2>&1 & b=$!
wait $a; check_eq "first concurrent init exit" "$?" 0
wait $b; check_eq "second concurrent init exit" "$?" 0
check_file_has "init says ready" "$T/a.out" "the database is ready"
check "cluster created" test -f "$home/data/PG_VERSION"
check "socket in the home" test -S "$home/socket/.s.PGSQL.5432"
check_eq "no TCP port" "$(grep -c "^listen_addresses = ''" "$home/data/postgresql.conf")" 1

db="host=$home/socket dbname=ehcp user=ehcp"
n_migrations=$(psql "$db" -XAtc "SELECT count(*) FROM ehcp_schema_migrations")
check_eq "each migration applied once" "$(psql "$db" -XAtc "SELECT count(DISTINCT name) = count(*) FROM ehcp_schema_migrations")" t
before=$(psql "$db" -XAtc "SELECT string_agg(name || checksum || applied_at, ',') FROM ehcp_schema_migrations")

"$EHCP" init >/dev/null 2>&1; check_eq "second init exit" "$?" 0
after=$(psql "$db" -XAtc "SELECT string_agg(name || checksum || applied_at, ',') FROM ehcp_schema_migrations")
check_eq "second init changes nothing" "$after" "$before"
# Every file in migrations/ applied, under its name, with its bytes' checksum
# (read from the source tree, not from ehcp).
want=$(for f in "$EHCP_TEST_DATA"/../../migrations/*.sql; do echo "$(basename "$f") $(sha256sum <"$f" | cut -d' ' -f1)"; done | LC_ALL=C sort)
check "migrations in the source tree" test "$(echo "$want" | grep -c '\.sql ')" -ge 5
check_eq "one migration per file" "$n_migrations" "$(echo "$want" | wc -l)"
check_eq "each file applied as it is" "$(psql "$db" -XAtc "SELECT name || ' ' || checksum FROM ehcp_schema_migrations ORDER BY name")" "$want"

"$EHCP" db status >/dev/null; check_eq "status running" "$?" 0
"$EHCP" db stop; check_eq "db stop" "$?" 0
"$EHCP" db status >/dev/null; check_eq "status stopped" "$?" 3
"$EHCP" init >/dev/null 2>&1; check_eq "init after stop starts it again" "$?" 0
"$EHCP" db status >/dev/null; check_eq "status running again" "$?" 0

# A named database that cannot be reached: one line naming it, non-zero exit.
"$EHCP" --db "host=/nonexistent-ehcp dbname=council_tracker connect_timeout=2" init >"$T/out" 2>"$T/err"
rc=$?
check_eq "unreachable: exit 1 (the database failed)" "$rc" 1
check_eq "unreachable: one line" "$(wc -l <"$T/err")" 1
check_file_has "unreachable: names the database" "$T/err" 'database "council_tracker"'
# The same through the environment, as any libpq program.
PGHOST=/nonexistent-ehcp PGDATABASE=other_db "$EHCP" init >"$T/out" 2>"$T/err"
check_eq "PG* variables: exit 1" "$?" 1
check_file_has "PG* variables are used" "$T/err" 'database "other_db"'

"$EHCP" db stop
finish
