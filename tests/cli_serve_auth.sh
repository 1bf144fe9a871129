#!/usr/bin/env bash
# Signing in and out of `ehcp serve` over real HTTP: the form and its CSRF
# token, the session cookie's attributes, sign-out, CSRF refusals, the
# lockout, and a reader's API write refused by PostgreSQL itself.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_serve_auth)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	drop_dbs
	rm -rf "$T"
}
trap cleanup EXIT
e() { "$EHCP" --db "$db" "$@"; }
q() { psql "$db" -XAtc "$1"; }
e init >/dev/null; check_eq "init" "$?" 0
e import "$EHCP_TEST_DATA/tracker-sample.csv" >/dev/null
echo 'writer password' | e user add alice --role writer --password-stdin >/dev/null
echo 'reader password' | e user add bob --role reader --password-stdin >/dev/null
echo 'locked password' | e user add carol --role reader --password-stdin >/dev/null

# A server on a free loopback port; sets $url to its base URL.
serve() { # log extra-args...
	local log=$1; shift
	# the command itself in the background, not the function e: $! would
	# then be a subshell, and killing it would leave the server running
	"$EHCP" --db "$db" serve --listen 127.0.0.1:0 "$@" >/dev/null 2>"$log" &
	pids+=($!)
	for _ in $(seq 100); do
		grep -q 'serving on' "$log" 2>/dev/null && break
		sleep 0.1
	done
	url=$(sed -n 's|.*serving on \(https\{0,1\}://[^/]*\)/.*|\1|p' "$log" | head -1)
}
serve "$T/serve.log"
base=$url
check "the server started" test -n "$base"

# The form: a token in a hidden field and the same in its own cookie.
c() { curl -sS --max-time 20 -o "$T/body" -D "$T/headers" -w '%{http_code}' "$@"; }
header() { tr -d '\r' <"$T/headers" | sed -n "s/^$1: //Ip"; }
form_csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$T/body"; }
check_eq "GET /signin" "$(c -c "$T/jar" "$base/signin")" 200
check_file_has "the form posts to /signin" "$T/body" '<form method="post" action="/signin" novalidate>'
check_file_has "in the pages' layout: their style sheet" "$T/body" '<link rel="stylesheet" href="/assets/ehcp.css">'
check_file_has "in the pages' layout: the skip link" "$T/body" '<a class="skip-link" href="#main">Skip to main content</a>'
check_eq "its policy: its style sheet, nothing else, never framed" "$(header content-security-policy)" \
	"default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
check_eq "never cached" "$(header cache-control)" "no-store"
check "no next= unless asked" bash -c "! grep -q 'name=\"next\"' '$T/body'"
check_file_has "the name is labelled" "$T/body" '<label for="name">User name</label>'
check_file_has "the password field" "$T/body" 'type="password" id="password" name="password" size="30" autocomplete="current-password"'
check_eq "html" "$(header content-type)" "text/html; charset=utf-8"
csrf=$(form_csrf)
check_eq "the form's token: 43 characters" "${#csrf}" 43
check_eq "its cookie: the same, HttpOnly, Strict, for /signin only" "$(header set-cookie)" \
	"ehcp_signin_csrf=$csrf; Path=/signin; Max-Age=3600; HttpOnly; SameSite=Strict"

# CSRF refusals: no token, a wrong one, no cookie.
check_eq "sign-in without the token: 403" "$(c -b "$T/jar" --data 'name=alice&password=writer+password' "$base/signin")" 403
check_file_has "403 says why" "$T/body" "the form's CSRF token is missing or not this session's"
check_eq "sign-in with another token: 403" "$(c -b "$T/jar" --data "csrf=x$csrf&name=alice&password=writer+password" "$base/signin")" 403
check_eq "sign-in without the cookie: 403" "$(c --data "csrf=$csrf&name=alice&password=writer+password" "$base/signin")" 403
check_eq "sign-in with the token twice: 403" "$(c -b "$T/jar" --data "csrf=$csrf&csrf=$csrf&name=alice&password=writer+password" "$base/signin")" 403
check_eq "refusals wrote no session" "$(q "SELECT count(*) FROM ehcp_session")" 0

# Signing in: a 303 to /, the session cookie with every attribute (no
# Secure over plain HTTP), only its hash stored.
check_eq "sign-in: 303" "$(c -b "$T/jar" -c "$T/jar" --data "csrf=$csrf&name=alice&password=writer+password" "$base/signin")" 303
check_eq "to /" "$(header location)" "/"
cookie=$(header set-cookie | grep '^ehcp_session=')
token=$(sed 's/^ehcp_session=\([^;]*\);.*/\1/' <<<"$cookie")
check_eq "session cookie" "$(sed 's/Max-Age=[0-9]*/Max-Age=N/' <<<"$cookie")" \
	"ehcp_session=$token; Path=/; Max-Age=N; HttpOnly; SameSite=Strict"
check "lives 8 hours" grep -qE 'Max-Age=(2879[0-9]|28800);' <<<"$cookie"
check_eq "only the hash is stored" "$(q "SELECT count(*) FROM ehcp_session WHERE token_hash = sha256(convert_to('$token', 'UTF8'))")" 1
check_eq "logged: who, from where, ok" "$(q "SELECT name || ' ' || client || ' ' || outcome FROM ehcp_signin_log ORDER BY id DESC LIMIT 1")" "alice 127.0.0.1 ok"

check_eq "GET /session" "$(c -b "$T/jar" "$base/session")" 200
check_file_has "who" "$T/body" '"name": "alice", "role": "writer"'
scsrf=$(sed -n 's/.*"csrf": "\([^"]*\)".*/\1/p' "$T/body")
# The session's CSRF token, worked out here with openssl: base64url of
# SHA-256("ehcp-csrf:" + the cookie's token).
check_eq "the session's CSRF token" "$scsrf" \
	"$(printf 'ehcp-csrf:%s' "$token" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=')"

# A writer writes through the API; without the token it may not.
e case show EHC-2020-0006 >/dev/null || fail "the sample has EHC-2020-0006"
check_eq "API write without the token: 403" "$(c -b "$T/jar" --data 'milestone=caseworker&value=W.%20Smith' "$base/api/cases/EHC-2020-0006/milestones")" 403
check_eq "API write, writer: 200" "$(c -b "$T/jar" --data "milestone=caseworker&value=W.%20Smith&mode=correct&csrf=$scsrf" "$base/api/cases/EHC-2020-0006/milestones")" 200
check_eq "history: the web user" "$(q "SELECT app_user || ' ' || new_value FROM ehcp_history WHERE field = 'caseworker' ORDER BY id DESC LIMIT 1")" "alice W. Smith"

# Sign-out: needs the session's token; then the cookie opens nothing.
check_eq "sign-out without the token: 403" "$(c -b "$T/jar" --data '' "$base/signout")" 403
check_eq "still signed in" "$(c -b "$T/jar" "$base/session")" 200
check_eq "sign-out: 303" "$(c -b "$T/jar" -c "$T/jar" --data "csrf=$scsrf" "$base/signout")" 303
check_eq "to /signin" "$(header location)" "/signin"
check_eq "the cookie is cleared" "$(header set-cookie)" "ehcp_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
check_eq "the old cookie opens nothing" "$(c -b "ehcp_session=$token" "$base/session")" 401
check_file_has "401 says so" "$T/body" "sign in first"

# A reader: PostgreSQL refuses the write, whatever the server thought.
signin() { # jar name password -> status
	c -c "$1" "$base/signin" >/dev/null
	local t; t=$(form_csrf)
	c -b "$1" -c "$1" --data-urlencode "csrf=$t" --data-urlencode "name=$2" --data-urlencode "password=$3" "$base/signin"
}
check_eq "reader signs in" "$(signin "$T/rjar" bob 'reader password')" 303
c -b "$T/rjar" "$base/session" >/dev/null
rcsrf=$(sed -n 's/.*"csrf": "\([^"]*\)".*/\1/p' "$T/body")
before=$(q "SELECT md5(string_agg(r::text, '|' ORDER BY case_ref)) || (SELECT count(*) FROM ehcp_history) FROM ehcp_request r")
check_eq "reader's API write: 403" "$(c -b "$T/rjar" --data "milestone=caseworker&value=B.%20Jones&mode=correct&csrf=$rcsrf" "$base/api/cases/EHC-2020-0006/milestones")" 403
check_file_has "refused by the database" "$T/body" "permission denied"
check_eq "nothing changed" "$(q "SELECT md5(string_agg(r::text, '|' ORDER BY case_ref)) || (SELECT count(*) FROM ehcp_history) FROM ehcp_request r")" "$before"
check_eq "the reader reads" "$(c -b "$T/rjar" "$base/api/cases/EHC-2020-0006")" 200

# Failures: the form again with one message for all, slowed; five in a
# row lock the account, so that the right password is refused too.
check_eq "wrong password: 401" "$(signin "$T/cjar" carol 'not it')" 401
check_file_has "the form again, with the message" "$T/body" '<h2 id="error-summary-title">There is a problem</h2><ul><li>Wrong name or password, or the account is locked for a while.</li></ul>'
cp "$T/body" "$T/wrong.html"
check_eq "unknown name: 401" "$(signin "$T/cjar" nobody 'not it')" 401
check "the same page, but for its token" cmp <(sed 's/value="[^"]*"/value=""/' "$T/body") <(sed 's/value="[^"]*"/value=""/' "$T/wrong.html")
start=$(date +%s%N)
for i in 2 3 4 5; do signin "$T/cjar" carol 'not it' >/dev/null; done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
# 250 ms and 250 more for each failure before: 500 + 750 + 1000 + 1250
check "four more failures took at least 3.5 s (${ms} ms)" test "$ms" -ge 3500
check_eq "locked: the right password refused" "$(signin "$T/cjar" carol 'locked password')" 401
check_eq "logged as locked" "$(q "SELECT outcome FROM ehcp_signin_log WHERE name = 'carol' ORDER BY id DESC LIMIT 1")" locked
check_eq "locked for 15 minutes" "$(q "SELECT locked_until > now() + interval '14 minutes' FROM ehcp_user WHERE name = 'carol'")" t
check_eq "the log: every attempt" "$(q "SELECT string_agg(outcome, ' ' ORDER BY id) FROM ehcp_signin_log WHERE name IN ('carol', 'nobody')")" \
	"wrong_password unknown_user wrong_password wrong_password wrong_password wrong_password locked"

# Where a sign-in goes: the page that sent the user to sign in (its next=,
# kept through a failure), but only a path of this site; anything else to /.
check_eq "a page without a session: to sign in" "$(c "$base/reviews")" 303
check_eq "with itself as next=" "$(header location)" "/signin?next=/reviews"
check_eq "the form for it" "$(c -c "$T/njar" "$base/signin?next=/reviews")" 200
check_file_has "next= kept in the form" "$T/body" '<input type="hidden" name="next" value="/reviews">'
next_signin() { # next name password -> status
	c -c "$T/njar" "$base/signin" >/dev/null
	local t; t=$(form_csrf)
	c -b "$T/njar" -c "$T/njar" --data-urlencode "csrf=$t" --data-urlencode "next=$1" --data-urlencode "name=$2" \
		--data-urlencode "password=$3" "$base/signin"
}
check_eq "failed: 401" "$(next_signin /reviews alice 'not it')" 401
check_file_has "failed: next= still in the form" "$T/body" '<input type="hidden" name="next" value="/reviews">'
check_eq "then signed in: 303" "$(next_signin /reviews alice 'writer password')" 303
check_eq "to next=" "$(header location)" "/reviews"
check_eq "a case's page" "$(next_signin '/cases/EHC 1' alice 'writer password')" 303
check_eq "its address written as the pages write it" "$(header location)" "/cases/EHC%201"
for bad in //evil.example/x '/\evil.example' https://evil.example/ 'javascript:alert(1)' '' cases; do
	next_signin "$bad" alice 'writer password' >/dev/null
	check_eq "next=$bad: to / instead" "$(header location)" "/"
done
next_signin "$(printf '/a\r\nSet-Cookie: x=1')" alice 'writer password' >/dev/null
check_eq "a line break in next=: kept in the path, not the headers" "$(header location)" "/a%0D%0ASet-Cookie%3A%20x%3D1"
check "no header from next=" bash -c "! grep -qi '^set-cookie: x=1' '$T/headers'"
c -c "$T/njar" "$base/signin" >/dev/null
t=$(form_csrf)
check_eq "next= twice: 400" "$(c -b "$T/njar" --data "csrf=$t&next=/a&next=/b&name=alice&password=writer+password" "$base/signin")" 400
check_eq "next= twice: says so" "$(cat "$T/body")" '{"error": "parameter next given 2 times"}'

# Never in the access log: passwords, tokens, cookies.
check "access log has the sign-ins" grep -q 'POST /signin' "$T/serve.log"
check "no password in the log" bash -c "! grep -q 'password' '$T/serve.log'"
check "no session token in the log" bash -c "! grep -qF -- '$token' '$T/serve.log'"

# An address that keeps failing is refused before any try, for the rest
# of the minute: at most 20 failures (the lockout's above among them), then
# 429 without hashing or delay, even for the right password.
fails=0
while [ "$fails" -le 20 ] && [ "$(signin "$T/xjar" "nobody$fails" 'not it')" = 401 ]; do fails=$((fails + 1)); done
check "failed sign-ins from one address: refused within 20 a minute (after $fails)" test "$fails" -le 20
check_eq "that address: the right password refused too" "$(signin "$T/xjar" bob 'reader password')" 429
check_file_has "that address: the page says why" "$T/body" "Too many failed sign-ins from this address"
check_eq "that address: Retry-After" "$(header retry-after)" 60

# Under TLS the cookie is Secure.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" -days 1 -subj /CN=127.0.0.1 \
	>/dev/null 2>&1
serve "$T/tls.log" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
tbase=$url
check "the TLS server started" grep -q '^https://' <<<"$tbase"
check_eq "TLS: GET /signin" "$(c -k -c "$T/tjar" "$tbase/signin")" 200
check "TLS: the form's cookie is Secure" grep -q '; Secure$' <(header set-cookie)
t=$(form_csrf)
check_eq "TLS: sign-in" "$(c -k -b "$T/tjar" --data "csrf=$t&name=alice&password=writer+password" "$tbase/signin")" 303
check "TLS: the session cookie is Secure" grep -qE '^ehcp_session=[^;]+; Path=/; Max-Age=[0-9]+; HttpOnly; SameSite=Strict; Secure$' <(header set-cookie)
# both servers stop when told, and none is left behind
for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
check "no server left running" bash -c "! pgrep -f -- 'dbname=${db##*dbname=}[ ]serve' >/dev/null"
finish
