#!/usr/bin/env bash
# Faults: the server stopped in the middle of a large import, the tool
# killed with SIGKILL mid-import, the connection lost during a report.
# Nothing is half-imported, the message says what happened, the same
# import run again succeeds, and nothing crashes.
set -u
. "$(dirname "$0")/lib.sh"
export EHCP_HOME=$T/home
unset EHCP_DATABASE_URL PGHOST PGHOSTADDR PGDATABASE PGSERVICE
trap '"$EHCP" db stop >/dev/null 2>&1; rm -rf "$T"' EXIT
"$EHCP" init >/dev/null; check_eq "init" "$?" 0
db="host=$EHCP_HOME/socket dbname=ehcp user=ehcp"
count() { psql "$db" -XAtc "SELECT count(*) || '/' || (SELECT count(*) FROM ehcp_history) FROM ehcp_request"; }
"$EHCP" demo --authorities 4 --years 10 --requests-per-year 5000 --seed 3 --as-of 2026-11-20 -o "$T/big.csv" >/dev/null
rows=$(( $(wc -l <"$T/big.csv") - 1 ))

# Waits until the import is streaming its rows into the server.
wait_for_copy() {
	for _ in $(seq 1 300); do
		[ "$(psql "$db" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY ehcp_import_rows%'" 2>/dev/null)" = 1 ] && return 0
		sleep 0.05
	done
	return 1
}

# 1. The server stops mid-import.
"$EHCP" import "$T/big.csv" >"$T/out" 2>"$T/err" &
pid=$!
check "import reached COPY" wait_for_copy
"$EHCP" db stop
wait $pid
check "server stopped: import fails" test "$?" -ne 0
check_eq "server stopped: one line" "$(wc -l <"$T/err")" 1
if ! grep -qE "import stopped|connection|terminat" "$T/err"; then fail "server stopped: the message says what happened: $(cat "$T/err")"; fi
"$EHCP" db start >/dev/null
check_eq "server stopped: nothing half-imported" "$(count)" "0/0"
"$EHCP" import "$T/big.csv" >"$T/out"; check_eq "server stopped: the same import again" "$?" 0
check_eq "server stopped: all of it" "$(count)" "$rows/$rows"

# 2. The tool killed mid-import.
psql "$db" -XqAt -c "SET client_min_messages = warning" -c "CREATE DATABASE second" >/dev/null
second="host=$EHCP_HOME/socket dbname=second user=ehcp"
"$EHCP" --db "$second" init >/dev/null
"$EHCP" --db "$second" import "$T/big.csv" >/dev/null 2>&1 &
pid=$!
check "second import reached COPY" wait_for_copy
kill -KILL $pid
wait $pid 2>/dev/null
for _ in $(seq 1 100); do  # the server notices the lost client and rolls back
	[ "$(psql "$db" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'second' AND pid <> pg_backend_pid()")" = 0 ] && break
	sleep 0.1
done
check_eq "killed: nothing half-imported" "$(psql "$second" -XAtc "SELECT count(*) || '/' || (SELECT count(*) FROM ehcp_history) FROM ehcp_request")" "0/0"
"$EHCP" --db "$second" import "$T/big.csv" >/dev/null; check_eq "killed: the same import again" "$?" 0

# 2b. The tool killed while it writes the rows: into an empty database the
# owner's import has by then given the tables new storage, written without
# WAL (migrations/0012); the kill leaves the old, empty storage, the
# append-only guards on, and the same import runs again.
psql "$db" -XqAt -c "SET client_min_messages = warning" -c "CREATE DATABASE third" >/dev/null
third="host=$EHCP_HOME/socket dbname=third user=ehcp"
"$EHCP" --db "$third" init >/dev/null
idx="SELECT string_agg(pg_get_indexdef(indexrelid), E'\\n' ORDER BY pg_get_indexdef(indexrelid)) FROM pg_index WHERE indrelid::regclass::text LIKE 'ehcp_%'"
idx0=$(psql "$third" -XAtc "$idx")
"$EHCP" --db "$third" import "$T/big.csv" >/dev/null 2>&1 &
pid=$!
wait_for_insert() {
	for _ in $(seq 1 600); do
		[ "$(psql "$db" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'third' AND query LIKE 'INSERT INTO ehcp_%'" 2>/dev/null)" = 1 ] && return 0
		sleep 0.05
	done
	return 1
}
check "third import reached its inserts" wait_for_insert
kill -KILL $pid
wait $pid 2>/dev/null
for _ in $(seq 1 600); do
	[ "$(psql "$db" -XAtc "SELECT count(*) FROM pg_stat_activity WHERE datname = 'third' AND pid <> pg_backend_pid()")" = 0 ] && break
	sleep 0.1
done
check_eq "killed writing: nothing half-imported" "$(psql "$third" -XAtc "SELECT (SELECT count(*) FROM ehcp_request) || '/' || (SELECT count(*) FROM ehcp_history) || '/' || (SELECT count(*) FROM ehcp_plan) || '/' || (SELECT count(*) FROM ehcp_plan_history)")" "0/0/0/0"
check_eq "killed writing: every index there (set aside by the import, migrations/0012)" "$(psql "$third" -XAtc "$idx")" "$idx0"
check "the indexes were read" test "$(echo "$idx0" | grep -c "CREATE")" -ge 25
check_eq "killed writing: every trigger on" "$(psql "$third" -XAtc "SELECT count(*) FROM pg_trigger WHERE tgrelid::regclass::text LIKE 'ehcp_%' AND tgenabled <> 'O'")" 0
"$EHCP" --db "$third" import "$T/big.csv" >/dev/null; check_eq "killed writing: the same import again" "$?" 0
check_eq "killed writing: all of it" "$(psql "$third" -XAtc "SELECT count(*) || '/' || (SELECT count(*) FROM ehcp_history) FROM ehcp_request")" "$rows/$rows"

# 3. The connection lost during a report: a proxy that hangs up as soon as
# the report's query is sent.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$port" "$EHCP_HOME/socket/.s.PGSQL.5432" <<'PY' &
import socket, sys, threading
port, path = int(sys.argv[1]), sys.argv[2]
lsock = socket.socket(); lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
lsock.bind(("127.0.0.1", port)); lsock.listen(4)
def pump(a, b, watch):
    try:
        while True:
            d = a.recv(65536)
            if not d or (watch and b"WITH periods" in d):
                break
            b.sendall(d)
    except OSError:
        pass
    for s in (a, b):
        try: s.shutdown(socket.SHUT_RDWR)
        except OSError: pass
for _ in range(4):
    c, _ = lsock.accept()
    u = socket.socket(socket.AF_UNIX); u.connect(path)
    threading.Thread(target=pump, args=(c, u, True), daemon=True).start()
    threading.Thread(target=pump, args=(u, c, False), daemon=True).start()
PY
proxy=$!
sleep 0.5
"$EHCP" --db "host=127.0.0.1 port=$port dbname=ehcp user=ehcp sslmode=disable" report plans --from 2025-01 --to 2025-12 >"$T/out" 2>"$T/err"
rc=$?
check_eq "lost connection: exit 1, no crash" "$rc" 1
check_eq "lost connection: one line" "$(wc -l <"$T/err")" 1
check_file_has "lost connection: says so" "$T/err" "ehcp: cannot run the report: server closed the connection unexpectedly"
kill $proxy 2>/dev/null
finish
