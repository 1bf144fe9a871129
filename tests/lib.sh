# Helpers for the shell tests.  $EHCP is the tool under test.
failures=0
checks=0
T=$(mktemp -d /tmp/ehcp-t.XXXXXX)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT

test_tmpdir() { echo "$T"; }

fail() { failures=$((failures + 1)); echo "FAIL: $*" >&2; }

check() {
	local what=$1; shift
	checks=$((checks + 1))
	"$@" || fail "$what: '$*' failed"
}

check_eq() {
	checks=$((checks + 1))
	[ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}

check_file_has() {
	checks=$((checks + 1))
	grep -qF -- "$3" "$2" || { fail "$1: '$3' not in $2:"; sed 's/^/  | /' "$2" >&2; }
}

finish() {
	echo "$(basename "$0"): $checks checks, $failures failed"
	[ "$failures" -eq 0 ]
}

# A fresh database on the suite's server; prints its conninfo.
new_db() {
	local name="t_$1_$$"
	: "${EHCP_TEST_SERVER:?run the suite with tests/run, which starts a server}"
	psql "$EHCP_TEST_SERVER" -XqAt -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null || exit 1
	DBS_CREATED="${DBS_CREATED:-} $name"
	echo "$EHCP_TEST_SERVER dbname=$name"
}

drop_dbs() {
	for d in ${DBS_CREATED:-}; do
		psql "$EHCP_TEST_SERVER" -XqAt -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1
	done
}
