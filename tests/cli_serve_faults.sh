#!/usr/bin/env bash
# `ehcp serve` when its database goes away: a private cluster of its own
# (the embedded default under a throw-away $EHCP_HOME, not the suite's
# shared server), stopped while serving: 503 with a one-line reason, and
# the service back by itself once the database is.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
export EHCP_HOME=$T/home
unset EHCP_DATABASE_URL PGHOST PGHOSTADDR PGDATABASE PGSERVICE
trap '[ -n "${SRV_PID:-}" ] && kill "$SRV_PID" 2>/dev/null; "$EHCP" db stop >/dev/null 2>&1; rm -rf "$T"' EXIT
"$EHCP" init >/dev/null; check_eq "init" "$?" 0
"$EHCP" case add F-1 --request-date 2026-01-05 --caseworker F >/dev/null
url=$("$EHCP" feed add --caseworker F --base-url http://x 2>/dev/null)
token=${url##*/feeds/}

# --feed-cache 0: every feed request goes to the database
start_server "$T/log" serve --listen 127.0.0.1:0 --threads 3 --feed-cache 0; check_eq "started" "$?" 0
U=http://127.0.0.1:$PORT
check_eq "healthz before" "$(curl -s "$U/healthz")" '{"status": "ok"}'
# every worker thread has its connection open before the database goes
for i in 1 2 3 4 5 6; do curl -s -o /dev/null "$U/feeds/$token"; done

"$EHCP" db stop >/dev/null; check_eq "database stopped" "$?" 0
curl -s -D "$T/h" -o "$T/body" "$U/healthz"
check_eq "healthz: 503" "$(head -1 "$T/h" | tr -d '\r')" "HTTP/1.1 503 Service Unavailable"
check_eq "503: one line of JSON" "$(wc -l <"$T/body")" 1
check_file_has "503: says the database cannot be reached" "$T/body" "{\"error\": \"cannot connect to database"
check_eq "the feed: 503" "$(status "$U/feeds/$token")" 503
check_eq "not found is still 404" "$(status "$U/nothing")" 404

"$EHCP" db start >/dev/null; check_eq "database started" "$?" 0
back=
for i in $(seq 50); do
	if [ "$(status "$U/healthz")" = 200 ]; then back=yes; break; fi
	sleep 0.2
done
check_eq "back by itself" "$back" yes
ok=0
for i in 1 2 3 4 5 6; do [ "$(status "$U/feeds/$token")" = 200 ] && ok=$((ok + 1)); done
check_eq "every worker reconnected (6 feeds in a row)" "$ok" 6

stop_server; check_eq "stopped" "$?" 0
SRV_PID=
finish
