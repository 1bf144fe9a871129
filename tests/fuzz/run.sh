#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, with AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for SECONDS (default 10) from
# the seed corpus in the repository.  Exits non-zero on any crash, hang or
# sanitizer report.  The long run: tests/fuzz/run.sh 600
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-10}
out=${EHCP_FUZZ_DIR:-$(mktemp -d /tmp/ehcp-fuzz.XXXXXX)}
mkdir -p "$out"
cc=${CLANG:-clang}
flags=(-g -O1 -std=c17 -D_GNU_SOURCE -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
       -I"$top/include" -I"$top/src" $(pkg-config --cflags libpq))
lib=("$top/src/core/errors.c" "$top/src/core/date.c" "$top/src/core/clock.c" "$top/src/core/text.c" "$top/src/io/csv.c" "$top/src/core/case_fields.c")
"$cc" "${flags[@]}" "$here/fuzz_csv.c" "${lib[@]}" -o "$out/fuzz_csv"
"$cc" "${flags[@]}" "$here/fuzz_date.c" "$top/src/core/errors.c" "$top/src/core/date.c" "$top/src/core/clock.c" "$top/src/core/text.c" -o "$out/fuzz_date"
"$cc" "${flags[@]}" "$here/fuzz_persons.c" "$top/src/core/errors.c" "$top/src/core/date.c" "$top/src/core/text.c" \
	"$top/src/io/csv.c" "$top/src/io/sen2_persons.c" "$top/src/core/sen2_check.c" "$top/src/render/sen2_xml.c" \
	"$top/src/io/sink.c" "$top/src/core/review.c" "$top/src/db/sen2.c" "$top/src/db/sql.c" "$top/src/core/plan_fields.c" \
	$(pkg-config --libs libpq) -o "$out/fuzz_persons"
for t in query form cookie; do
	"$cc" "${flags[@]}" "$here/fuzz_$t.c" "$top/src/core/errors.c" "$top/src/http/parse.c" -o "$out/fuzz_$t"
done
status=0
for t in csv date persons query form cookie; do
	mkdir -p "$out/corpus-$t"
	# the run's own corpus grows in $out; the repository's seeds are read only
	if ! "$out/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix="$out/$t-" "$out/corpus-$t" "$here/corpus/$t" >"$out/$t.log" 2>&1; then
		echo "fuzz_$t FAILED:"; tail -40 "$out/$t.log"; status=1
	fi
	echo "fuzz_$t: $(grep -E '^#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$out/$t.log" | tail -1 | sed 's/^\(#[0-9]*\).*\(cov: [0-9]*\).*\(exec\/s: [0-9]*\).*/\1 runs, \2, \3/')"
done
exit $status
