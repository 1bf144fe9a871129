#!/usr/bin/env bash
# Import benchmark: N generated tracker rows (default 1,000,000) into an
# empty database on a throw-away cluster, timed, with the importer's peak
# memory beside the same for a tenth of the rows (it must not grow with the
# file).  Usage: bench/import.sh [BUILD_DIR] [ROWS]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
rows=${2:-1000000}
ehcp=$build/tools/ehcp

tmp=$(mktemp -d /tmp/ehcp-bench.XXXXXX)
chmod 755 "$tmp"
export EHCP_HOME=$tmp/server
trap '"$ehcp" db stop >/dev/null 2>&1; rm -rf "$tmp"' EXIT
unset EHCP_DATABASE_URL PGHOST PGHOSTADDR PGDATABASE PGSERVICE
server=$("$ehcp" db start)

# As many authorities of 10,000 requests a year as make up the rows.
gen() { # rows file
	local per_year=10000 years=10
	# the generator gives a little under its nominal volume: ask for more, keep N
	local authorities=$(( ($1 * 11 / 10 + per_year * years - 1) / (per_year * years) ))
	"$ehcp" demo --authorities "$authorities" --years "$years" --requests-per-year "$per_year" \
		--seed 7 --as-of 2026-11-20 -o - | head -n $(( $1 + 1 )) >"$2"
}

# Runs the import into a new database; prints seconds and peak RSS (KiB).
run_import() { # file dbname
	psql "$server" -XqAt -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >/dev/null
	"$ehcp" --db "$server dbname=$2" init >/dev/null
	python3 - "$ehcp" "$server dbname=$2" "$1" <<'PY'
import resource, subprocess, sys, time
t = time.monotonic()
subprocess.run([sys.argv[1], "--db", sys.argv[2], "import", sys.argv[3]], check=True, stdout=subprocess.DEVNULL)
print("%.2f %d" % (time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
}

small=$(( rows / 10 ))
gen "$rows" "$tmp/big.csv"
gen "$small" "$tmp/small.csv"
read -r t_big rss_big < <(run_import "$tmp/big.csv" bench_big)
read -r t_small rss_small < <(run_import "$tmp/small.csv" bench_small)
mb=$(( $(stat -c %s "$tmp/big.csv") / 1048576 ))
echo "import: $rows rows ($mb MiB) in $t_big s; peak memory ${rss_big} KiB (${small} rows: ${rss_small} KiB, $t_small s)"
psql "$server dbname=bench_big" -XAtc "SELECT 'stored: ' || count(*) || ' cases, ' || (SELECT count(*) FROM ehcp_history) || ' history rows' FROM ehcp_request"
