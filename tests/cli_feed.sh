#!/usr/bin/env bash
# `ehcp feed`: subscription URLs with a random token shown once, stored
# only as its SHA-256 (checked with PostgreSQL's sha256(), not ours).
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_feed)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
q() { psql "$db" -XAtc "$1"; }
e init >/dev/null; check_eq "init" "$?" 0

e feed add --caseworker "A. Khan" --name "Khan's phone" --base-url https://ehcp.council.example/ >"$T/url" 2>"$T/err"
check_eq "add: exit 0" "$?" 0
check "add: one URL, the token 43 base64url characters" grep -qxE 'https://ehcp\.council\.example/feeds/[A-Za-z0-9_-]{43}\.ics' "$T/url"
check_file_has "add: says it is shown once" "$T/err" "feed 1 added; its URL is shown only this once"
token=$(sed 's|.*/feeds/\(.*\)\.ics|\1|' "$T/url")
check_eq "only its SHA-256 is stored" "$(q "SELECT count(*) FROM ehcp_feed WHERE token_hash = sha256(convert_to('$token', 'UTF8'))")" 1
check_eq "the token itself is nowhere" "$(q "SELECT count(*) FROM ehcp_feed f WHERE f::text LIKE '%$token%'")" 0

EHCP_BASE_URL=http://localhost:8750 e feed add --team >"$T/url2" 2>/dev/null
check_eq "team: exit 0" "$?" 0
check "team: \$EHCP_BASE_URL" grep -qxE 'http://localhost:8750/feeds/[A-Za-z0-9_-]{43}\.ics' "$T/url2"
check "two feeds, two tokens" test "$(cat "$T/url")" != "$(cat "$T/url2")"
e feed add --team >"$T/url3" 2>/dev/null
check "default: https and this host's name" grep -qxE "https://$(hostname)/feeds/[A-Za-z0-9_-]{43}\.ics" "$T/url3"

e feed add 2>"$T/err"; check_eq "neither: exit 2" "$?" 2
check_file_has "neither: says so" "$T/err" "feed add: either --caseworker NAME or --team"
e feed add --team --caseworker X 2>/dev/null; check_eq "both: exit 2" "$?" 2
e feed add --team --base-url ftp://x 2>"$T/err"; check_eq "bad base URL: exit 2" "$?" 2
check_file_has "bad base URL: says so" "$T/err" '--base-url: "ftp://x" is not an http:// or https:// URL'

e feed revoke 1 >"$T/out"; check_eq "revoke: exit 0" "$?" 0
check_file_has "revoke: says so" "$T/out" "revoked feed 1"
e feed revoke 1 2>"$T/err"; check_eq "revoke again: exit 4" "$?" 4
check_file_has "revoke again: says so" "$T/err" "ehcp: no feed 1 that still works"
e feed revoke x 2>/dev/null; check_eq "revoke x: exit 2" "$?" 2

e feed list --format csv >"$T/list"; check_eq "list" "$?" 0
check_eq "list: header" "$(head -1 "$T/list")" "id,whose,label,created,revoked"
check_eq "list: whose and labels" "$(cut -d, -f1-3 "$T/list" | tail -n +2 | tr '\n' ' ')" "1,A. Khan,Khan's phone 2,(team), 3,(team), "
check "list: 1 revoked" grep -qE '^1,.*Z,[0-9-]{10}T[0-9:]{8}Z$' "$T/list"
check "list: 2 not revoked" grep -qE '^2,.*Z,$' "$T/list"
check "list: no token" bash -c "! grep -q -- '$token' '$T/list'"
finish
