#!/usr/bin/env bash
# The web pages in headless Chromium (tests/browser/pages.mjs): `ehcp serve`
# on a free loopback port over a demo caseload, a user of each role, and
# the browser's figures checked against the command's CSV, every page
# against axe-core, one form by keyboard alone.  With EHCP_SCREENSHOTS=DIR
# it also writes the README's screenshots there.
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
db=$(new_db cli_pages)
server_pid=
stop_server() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; server_pid=; }
trap 'stop_server; drop_dbs; rm -rf "$T"' EXIT
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
e() { "$EHCP" --db "$db" "$@"; }
AS_OF=2026-06-30
e init >/dev/null; check_eq "init" "$?" 0
e demo --as-of "$AS_OF" --requests-per-year 300 >/dev/null 2>&1; check_eq "demo" "$?" 0
for role in reader writer admin; do
	printf 'password-%s-123456\n' "$role" | e user add "u$role" --role "$role" --password-stdin >/dev/null
	check_eq "user u$role" "$?" 0
done
# one more, whose role the admin changes on the page
printf 'password-other-123456\n' | e user add uother --role reader --password-stdin >/dev/null
check_eq "user uother" "$?" 0

# puppeteer-core and axe-core from the npm registry, as locked; no browser download
check "node is installed" test -x "$(command -v node)"
check "chromium is installed" test -x /usr/bin/chromium
browser="$top/tests/browser"
if [ ! -f "$browser/node_modules/.package-lock.json" ] || [ "$browser/package-lock.json" -nt "$browser/node_modules/.package-lock.json" ]; then
	(cd "$browser" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts >"$T/npm.log" 2>&1) ||
		{ fail "npm ci"; cat "$T/npm.log" >&2; }
fi

# feeds answered afresh each time (no cache), so that a change shows at once
# the command itself, not the function e: $! would be a subshell, and
# killing it would leave the server running
"$EHCP" --db "$db" serve --listen 127.0.0.1:0 --threads 2 --feed-cache 0 >"$T/serve.out" 2>"$T/serve.log" &
server_pid=$!
# it says where on its standard error, before the access log
for _ in $(seq 100); do grep -q 'serving on' "$T/serve.log" 2>/dev/null && break; sleep 0.1; done
base=$(sed -n 's|^ehcp: serving on \(http://[^/]*\)/$|\1|p' "$T/serve.log" | head -1)
check "the server started" test -n "$base"

BASE=$base EHCP=$EHCP DB=$db AS_OF=$AS_OF TMP=$T SHOTS=${EHCP_SCREENSHOTS:-} \
	timeout 600 node "$browser/pages.mjs" >"$T/browser.out" 2>&1
status=$?
cat "$T/browser.out"
check_eq "the browser tests" "$status" 0
stop_server
check "no server left running" bash -c "! pgrep -f -- 'dbname=${db##*dbname=}[ ]serve' >/dev/null"
check "no request answered 500" bash -c "! grep -q ' 500 ' '$T/serve.log'"
finish
