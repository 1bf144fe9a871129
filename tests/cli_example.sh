#!/usr/bin/env bash
# The library as a program outside the tree would use it: installed, then
# examples/report_to_memory.c built from the installed headers with
# pkg-config alone, run against a store.  Its CSV is the same as `ehcp
# report`'s, its JSON parses, its calendar is one, and (under strace) it
# opens no file for writing.
set -u
. "$(dirname "$0")/lib.sh"
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$(dirname "$EHCP")/.." && pwd)
db=$(new_db cli_example)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
e init >/dev/null
e import "$EHCP_TEST_DATA/reports.csv" >/dev/null

dest=$T/inst
meson install -C "$build" --no-rebuild --destdir "$dest" >"$T/install.log" 2>&1
check_eq "meson install" "$?" 0
pc=$(find "$dest" -name ehcp.pc | head -n 1)
check "ehcp.pc installed" test -n "$pc"
prefix=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=prefix ehcp)
pkg() { PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --define-variable=prefix="$dest$prefix" "$@" ehcp; }
libdir=$(pkg --variable=libdir)
check "the headers are the installed ones" test -f "$(pkg --variable=includedir)/ehcp/ehcp.h"
# A sanitized library needs the sanitizer's runtime in the program too.
san=()
if ldd "$libdir/libehcp.so" | grep -q libasan; then san=(-fsanitize=address,undefined); fi
cc -std=c17 -Wall -Wextra -Wpedantic -Werror "${san[@]}" "$top/examples/report_to_memory.c" \
	$(pkg --cflags --libs) -o "$T/report_to_memory" 2>"$T/cc.log"
check_eq "builds with pkg-config alone" "$?" 0
cat "$T/cc.log"

run() { LD_LIBRARY_PATH=$libdir "$T/report_to_memory" "$db" 2021-01-01 2021-12-31 2022-06-30; }
run >"$T/out" 2>"$T/err"
check_eq "runs" "$?" 0
cat "$T/err"
e report plans --from 2021-01 --to 2021-12 --as-of 2022-06-30 --format csv >"$T/want.csv"
sed -n '/^== csv/,/^== json/p' "$T/out" | sed '1d;$d' >"$T/got.csv"
check_eq "the CSV is ehcp report's" "$(cat "$T/got.csv")" "$(cat "$T/want.csv")"
sed -n '/^== json/,/^== calendar/p' "$T/out" | sed '1d;$d' >"$T/got.json"
check "the JSON parses, a row per period and the total" python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 13 and rows[-1]["period"] == "total", rows[-1]
assert isinstance(rows[-1]["plans_issued"], int)' "$T/got.json"
check_file_has "a calendar" "$T/out" "BEGIN:VCALENDAR"
check "with events" grep -qE '^== calendar \([0-9]+ bytes, [1-9][0-9]* events\)' "$T/out"

# No file touched: nothing opened for writing but the terminal and /dev/null.
if command -v strace >/dev/null; then
	# (LeakSanitizer cannot run under ptrace; the untraced run above checked leaks)
	(cd "$T" && ASAN_OPTIONS=detect_leaks=0 LD_LIBRARY_PATH=$libdir strace -f -qq -e trace=open,openat,creat -o "$T/trace" \
		"$T/report_to_memory" "$db" 2021-01-01 2021-12-31 2022-06-30 >/dev/null 2>&1)
	check_eq "traced" "$?" 0
	grep -E 'O_WRONLY|O_RDWR|O_CREAT|creat\(' "$T/trace" | grep -v '"/dev/null"' | grep -v '= -1 ' >"$T/writes"
	check_eq "no file opened for writing" "$(cat "$T/writes")" ""
	check "the trace saw the program" grep -q 'libehcp' "$T/trace"
else
	fail "strace is not installed (tools/setup-deps.sh installs it for the tests)"
fi
drop_dbs
finish
