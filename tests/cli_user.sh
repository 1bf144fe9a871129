#!/usr/bin/env bash
# `ehcp user`: accounts for the service.  Passwords from the terminal (no
# echo) or --password-stdin, never argv; only yescrypt hashes stored.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_user)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
q() { psql "$db" -XAtc "$1"; }
e init >/dev/null; check_eq "init" "$?" 0

echo 'correct horse battery' | e user add alice --role writer --password-stdin >"$T/out"
check_eq "add: exit 0" "$?" 0
check_file_has "add: says so" "$T/out" "added user alice"
echo 'another password' | e user add bob --role reader --password-stdin >/dev/null; check_eq "add bob" "$?" 0
check_eq "stored as yescrypt only" "$(q "SELECT count(*) FROM ehcp_user WHERE password_hash LIKE '\$y\$%' AND password_hash NOT LIKE '%horse%'")" 2
check_eq "roles" "$(q "SELECT string_agg(name || '=' || role, ' ' ORDER BY name) FROM ehcp_user")" "alice=writer bob=reader"

echo 'whatever else' | e user add alice --role reader --password-stdin 2>"$T/err"
check_eq "exists: exit 5" "$?" 5
check_file_has "exists: says so" "$T/err" "ehcp: there is a user alice already"
echo 'whatever else' | e user add 'a b' --role reader --password-stdin 2>"$T/err"
check_eq "bad name: exit 3" "$?" 3
check_file_has "bad name: says why" "$T/err" "a user name is 1 to 64 letters, digits or . _ @ -"
echo 'short' | e user add carol --role reader --password-stdin 2>"$T/err"
check_eq "short password: exit 3" "$?" 3
check_file_has "short password: says why" "$T/err" "a password is 8 to 1024 characters"
echo 'long enough' | e user add carol --role root --password-stdin 2>"$T/err"
check_eq "bad role: exit 2" "$?" 2
check_file_has "bad role: says why" "$T/err" '"root" is not a role: reader, writer or admin'
e user add carol --role reader 2>"$T/err" </dev/null
check_eq "no terminal, no --password-stdin: exit 2" "$?" 2
check_file_has "no terminal: says what to do" "$T/err" "give the password with --password-stdin"
e user add carol --role reader --password-stdin 2>"$T/err" </dev/null
check_eq "empty stdin: exit 2" "$?" 2
e user add carol --role reader 'a password' </dev/null 2>"$T/err"
check_eq "a password in argv: usage" "$?" 2
check_eq "nothing added by refusals" "$(q "SELECT count(*) FROM ehcp_user")" 2

# On a terminal: asked twice, not echoed.  (Each line is typed after its
# prompt has turned echo off: typed earlier, the terminal would echo it.)
typed() { (sleep 1; printf '%s\n' "$1"; sleep 0.5; printf '%s\n' "$2"; sleep 0.5); }
typed 'terminal pass 1' 'terminal pass 1' | script -qec "$EHCP --db '$db' user add dave --role admin" /dev/null >"$T/tty" 2>&1
check_eq "terminal: exit 0" "$?" 0
check_file_has "terminal: asks" "$T/tty" "New password: "
check_file_has "terminal: asks again" "$T/tty" "Again: "
check "terminal: the password is not echoed" bash -c "! grep -q 'terminal pass' '$T/tty'"
typed 'terminal pass 1' 'terminal pass 2' | script -qec "$EHCP --db '$db' user passwd dave" /dev/null >"$T/tty" 2>&1
check_eq "terminal: two different passwords: exit 2" "$?" 2
check_file_has "terminal: says they differ" "$T/tty" "the two passwords differ"

hash_before=$(q "SELECT password_hash FROM ehcp_user WHERE name = 'alice'")
echo 'a new password' | e user passwd alice --password-stdin >"$T/out"; check_eq "passwd" "$?" 0
check_file_has "passwd: says so" "$T/out" "new password for user alice"
check "passwd: a new hash" test "$(q "SELECT password_hash FROM ehcp_user WHERE name = 'alice'")" != "$hash_before"
echo 'a new password' | e user passwd nobody --password-stdin 2>"$T/err"
check_eq "passwd unknown: exit 4" "$?" 4
check_file_has "passwd unknown: says so" "$T/err" "ehcp: no user nobody"
e user disable bob >"$T/out"; check_eq "disable" "$?" 0
check_eq "disabled" "$(q "SELECT disabled FROM ehcp_user WHERE name = 'bob'")" t

# A new role; never the only admin's (dave is the only one not disabled).
e user role alice --role reader >"$T/out"; check_eq "role" "$?" 0
check_file_has "role: says so" "$T/out" "user alice is now a reader"
check_eq "role: stored" "$(q "SELECT role FROM ehcp_user WHERE name = 'alice'")" reader
e user role dave --role writer 2>"$T/err"
check_eq "the only admin: exit 5" "$?" 5
check_file_has "the only admin: says why" "$T/err" "ehcp: dave is the only admin: make another user an admin first"
e user disable dave 2>"$T/err"
check_eq "the only admin, disabled: exit 5" "$?" 5
check_file_has "the only admin, disabled: says why" "$T/err" "ehcp: dave is the only admin: make another user an admin first"
e user role alice 2>"$T/err"
check_eq "role without --role: exit 2" "$?" 2
check_file_has "role without --role: says so" "$T/err" "user role: --role reader|writer|admin is required"
e user role alice --role root 2>"$T/err"
check_eq "role root: exit 2" "$?" 2
e user role nobody --role reader 2>"$T/err"
check_eq "role unknown: exit 4" "$?" 4
check_file_has "role unknown: says so" "$T/err" "ehcp: no user nobody"
e user disable alice --role admin 2>"$T/err"
check_eq "disable takes no --role: exit 2" "$?" 2
check_eq "nothing changed by refusals" "$(q "SELECT string_agg(name || '=' || role || '/' || disabled, ' ' ORDER BY name) FROM ehcp_user")" \
	"alice=reader/false bob=reader/true dave=admin/false"
e user role alice --role writer >/dev/null; check_eq "role back" "$?" 0

e user list --format csv >"$T/list"; check_eq "list" "$?" 0
check_eq "list: header" "$(head -1 "$T/list")" "name,role,disabled,failed,locked_until,created"
check_eq "list: rows" "$(cut -d, -f1-5 "$T/list" | tail -n +2 | tr '\n' ' ')" "alice,writer,false,0, bob,reader,true,0, dave,admin,false,0, "
check "list: created is a UTC time" grep -qE '^alice,.*,[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$' "$T/list"
check "list: no hashes" bash -c "! grep -q 'y\\$' '$T/list'"
e user list >"$T/table"; check_eq "list as a table" "$?" 0
check_file_has "table: heading" "$T/table" "Failed sign-ins"

# The service tables are the owner's: a reader's login cannot read them.
reader=t_ureader_$$
psql "$EHCP_TEST_SERVER" -XqAt -c "CREATE ROLE $reader LOGIN IN ROLE ehcp_reader" >/dev/null
psql "$db user=$reader" -XAtc "SELECT password_hash FROM ehcp_user" >/dev/null 2>"$T/err"
check "reader cannot read the hashes" test "$?" -ne 0
check_file_has "reader: permission denied" "$T/err" "permission denied for table ehcp_user"
psql "$EHCP_TEST_SERVER" -XqAt -c "DROP ROLE $reader" >/dev/null
finish
