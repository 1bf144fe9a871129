#!/usr/bin/env bash
# `ehcp sen2` end to end: the return for a hand-made tracker, register and
# persons file is exactly the XML worked out by hand (tests/data/sen2/
# expected.xml) and validates against the schema with libxml2; --check;
# a child with no persons row refuses the return, --allow-incomplete says
# how many were left out; a persons file with a missing child, a bad code
# and a bad UPN is refused with each named; bad rows named by line and
# column; the totals counted from the demo's XML by an independent
# script equal `ehcp report sen2`; `ehcp config`; and no person item is
# left in the database's files or its log.
set -u
. "$(dirname "$0")/lib.sh"
db=$(new_db cli_sen2)
trap 'drop_dbs; rm -rf "$T"' EXIT
e() { "$EHCP" --db "$db" "$@"; }
D=$EHCP_TEST_DATA/sen2
XSD=$D/SEN2_schema_2024_subset.xsd
e init >/dev/null
e import "$D/tracker.csv" --plans "$D/plans.csv" --reviews "$D/reviews.csv" >/dev/null
check_eq "import" "$?" 0

# ---- ehcp config ----
e config get la >"$T/out" 2>"$T/err"; check_eq "la not set: exit 4" "$?" 4
e sen2 --year 2025 --persons "$D/persons.csv" -o "$T/x.xml" 2>"$T/err"; check_eq "no LA code: exit 2" "$?" 2
check_file_has "no LA code said" "$T/err" "'ehcp config set la NNN'"
e config set la 12 2>"$T/err"; check_eq "la of two digits: exit 2" "$?" 2
check_file_has "la refused" "$T/err" 'la: "12" is not a three-digit LA code'
e config set colour blue 2>"$T/err"; check_eq "unknown key: exit 2" "$?" 2
check_file_has "unknown key named" "$T/err" '"colour" is not a setting'
check_eq "the table refuses a bad code too" \
	"$(psql "$db" -XqAt -c "INSERT INTO ehcp_setting (key, value) VALUES ('la', '1234')" 2>&1 | grep -c la_is_three_digits)" 1
e config set la 123; check_eq "set la" "$?" 0
check_eq "get la" "$(e config get la)" 123
e config set la 123; check_eq "set again" "$(e config get la)" 123

# ---- the return, exactly ----
release=$("$EHCP" --version | sed 's/^ehcp //')
sed "s/@RELEASE@/$release/" "$D/expected.xml" >"$T/want.xml"
e sen2 --year 2025 --persons "$D/persons.csv" -o "$T/sen2.xml" >"$T/out" 2>"$T/err"
check_eq "sen2 exit" "$?" 0
check "the return is the XML worked by hand" cmp "$T/sen2.xml" "$T/want.xml"
check "it validates against the schema" xmllint --noout --schema "$XSD" "$T/sen2.xml"
check_file_has "written, children counted" "$T/out" "ehcp: SEN2 return for 2025 written to $T/sen2.xml: 10 children"
check_eq "its one query on stderr" "$(cat "$T/err")" "query R09 Week20: C10: request R10 StartDate 2025-07-14 is 25 weeks after ReceivedDate with no Week20 exception
0 errors, 1 query"
# Each child's elements, by XPath (libxml2), beside the whole-file comparison.
xp() { xmllint --xpath "$1" "$T/sen2.xml" 2>/dev/null; }
check_eq "ten people" "$(xp 'count(//Person)')" 10
check_eq "C6's plan is historical" "$(xp 'string(//Person[UPN="C12345678901D"]/Requests/RequestOutcome)')" H
check_eq "C8's cease reason" "$(xp 'string(//Person[UPN="E123456789012"]//CeaseReason)')" 2
check_eq "C4's decision of 2026 is not in 2025's return" "$(xp 'string(//Person[UPNunknown="UN1"]/Requests/RequestOutcome)')" A
e sen2 --year 2025 --la 999 --persons "$D/persons.csv" -o "$T/la.xml" >/dev/null 2>&1
check_eq "--la overrides the setting" "$(xmllint --xpath 'string(//LEA)' "$T/la.xml")" 999
e sen2 --year 2025 --persons "$D/persons.csv" --spec 2025 -o "$T/s.xml" 2>"$T/err"; check_eq "--spec 2025: exit 2" "$?" 2
check_file_has "only 2024" "$T/err" '"2025" is not a supported SEN2 specification (2024)'
check "and nothing written" test ! -e "$T/s.xml"

# ---- --check ----
e sen2 --year 2025 --persons "$D/persons.csv" --check >"$T/check" 2>"$T/err"
check_eq "--check exit" "$?" 0
check_eq "--check prints the findings" "$(cat "$T/check")" "query R09 Week20: C10: request R10 StartDate 2025-07-14 is 25 weeks after ReceivedDate with no Week20 exception
0 errors, 1 query"

# ---- a child with no persons row ----
grep -v '^C4,' "$D/persons.csv" >"$T/no-c4.csv"
e sen2 --year 2025 --persons "$T/no-c4.csv" -o "$T/inc.xml" >"$T/out" 2>"$T/err"
check_eq "missing child: exit 3" "$?" 3
check_file_has "the child named" "$T/err" "error P00 Person: C4: no row in the persons file"
check_file_has "how many said" "$T/err" "ehcp: 1 child has no row in the persons file (--allow-incomplete leaves it out)"
check_file_has "nothing written said" "$T/err" "nothing was written"
check "and nothing written" test ! -e "$T/inc.xml"
e sen2 --year 2025 --persons "$T/no-c4.csv" --allow-incomplete -o "$T/inc.xml" >"$T/out" 2>"$T/err"
check_eq "--allow-incomplete: exit 0" "$?" 0
check_file_has "how many left out" "$T/out" "9 children; 1 left out with no persons row"
check "the incomplete return validates" xmllint --noout --schema "$XSD" "$T/inc.xml"
check_eq "without C4" "$(xmllint --xpath 'count(//Person)' "$T/inc.xml")" 9
check_eq "C4's request not there" "$(xmllint --xpath 'count(//Person[UPNunknown="UN1"])' "$T/inc.xml")" 0
e sen2 --year 2025 --persons "$T/no-c4.csv" --allow-incomplete --check >"$T/check" 2>&1
check_eq "--check --allow-incomplete: the missing child does not stop it" "$?" 0
check_file_has "but is listed" "$T/check" "error P00 Person: C4: no row in the persons file"

# ---- a missing child, a bad code and a bad UPN: refused, each named ----
python3 - "$T/no-c4.csv" "$T/bad.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
for r in rows:
    if r['child_ref'] == 'C2': r['sex'] = 'X'
    if r['child_ref'] == 'C5': r['upn'] = 'B12345'
w = csv.DictWriter(open(sys.argv[2], 'w', newline=''), fieldnames=rows[0].keys())
w.writeheader(); w.writerows(rows)
PY
e sen2 --year 2025 --persons "$T/bad.csv" --check >"$T/check" 2>&1; check_eq "--check with errors: exit 3" "$?" 3
e sen2 --year 2025 --persons "$T/bad.csv" -o "$T/bad.xml" >"$T/out" 2>"$T/err"; check_eq "refused: exit 3" "$?" 3
check "nothing written" test ! -e "$T/bad.xml"
for f in "$T/check" "$T/err"; do
	check_file_has "missing child named" "$f" "error P00 Person: C4: no row in the persons file"
	check_file_has "bad code named" "$f" "error P02 Sex: C2: Sex is not M, F or U (persons file line 3)"
	check_file_has "bad UPN named" "$f" "error P03 UPN: C5: UPN is not a UPN (a letter, 11 digits, then a digit or a letter) (persons file line 5)"
done
check_file_has "counted" "$T/err" "3 errors, 1 query"
# With --allow-incomplete, the missing child is left out but the bad code still stops it.
e sen2 --year 2025 --persons "$T/bad.csv" --allow-incomplete -o "$T/bad.xml" >"$T/out" 2>"$T/err"
check_eq "bad code with --allow-incomplete: exit 3" "$?" 3
check_file_has "two errors stop it" "$T/err" "the checks found 2 errors; nothing was written"

# ---- bad rows, named by line and column, never by value ----
cat >"$T/rows.csv" <<'CSV'
child_ref,surname,forename,birth_date,sex,ethnicity,postcode,nickname
C1,Ng,Ana,2016-02-30,F,WBRI,AB1 2CD,Al
,Ng,Ana,2016-02-03,F,WBRI,AB1 2CD,
C1,Ng,Ana,2016-02-03,F,WBRI,AB1 2CD,
C3,Ng,Ana,2016-02-03,TOO-LONG-FOR-SEX,WBRI,AB1 2CD,
CSV
e sen2 --year 2025 --persons "$T/rows.csv" --check >"$T/out" 2>"$T/err"; check_eq "bad rows: exit 3" "$?" 3
check_file_has "how many" "$T/err" "$T/rows.csv: 5 problems; nothing was read:"
check_file_has "unknown column" "$T/err" 'line 1, column 8: is not a persons-file column'
check_file_has "bad date" "$T/err" "line 2, birth_date: is not a date (YYYY-MM-DD or DD/MM/YYYY)"
check_file_has "empty child_ref" "$T/err" "line 3, child_ref: is empty"
check_file_has "child twice" "$T/err" "line 4, child_ref: is the same as line 2's"
check_file_has "too long" "$T/err" "line 5, sex: is too long for its item"
check_eq "no value in the messages" "$(grep -c -e 2016-02-30 -e TOO-LONG -e nickname "$T/err")" 0
head -1 "$D/persons.csv" >"$T/header.csv"
e sen2 --year 2025 --persons "$T/header.csv" -o "$T/h.xml" 2>"$T/err"; check_eq "a header and no rows: exit 3" "$?" 3
check_file_has "every child missing" "$T/err" "ehcp: 10 children have no row in the persons file (--allow-incomplete leaves them out)"
printf 'child_ref,surname\nC1,Ng\n' >"$T/cols.csv"
e sen2 --year 2025 --persons "$T/cols.csv" --check 2>"$T/err"; check_eq "missing columns: exit 3" "$?" 3
check_file_has "a required column named" "$T/err" "line 1, ethnicity: is a required column and is missing"
e sen2 --year 2025 --persons "$T/nowhere.csv" --check 2>"$T/err"; check_eq "no such file: exit 1" "$?" 1
e sen2 --persons "$D/persons.csv" --check 2>"$T/err"; check_eq "no --year: exit 2" "$?" 2
e sen2 --year 2025 -o "$T/y.xml" 2>"$T/err"; check_eq "no --persons: exit 2" "$?" 2

# ---- whatever the persons file holds: refused, or a return that validates ----
# 20 variants of the hand-made file whose names carry XML's own characters,
# quotes and non-ASCII text: each must be written and validate.  Then 30
# with values anywhere swapped for random text (codes of the wrong list,
# bad dates, long text): each either writes XML the schema accepts or is
# refused with nothing written.
python3 - "$D/persons.csv" "$T" <<'PY'
import csv, random, sys
random.seed(19)
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
names = ['&', '<b>', '"', "'", ']]>', 'Zoë', '東京', '&amp;', '<!--', 'a > b']
junk = names + ['M', 'X', 'WBRI', 'A123456789012', '123', '1', 'true', 'UN3', 'OLA', 'ASD', '2025-02-30',
                '31/12/2024', '', ' ', 'a' * 120, 'B', 'S']
def write(path, out):
    w = csv.DictWriter(open(path, 'w', newline=''), fieldnames=rows[0].keys())
    w.writeheader(); w.writerows(out)
for i in range(20):
    out = [dict(r) for r in rows]
    for r in out:
        r[random.choice(['surname', 'forename'])] = ''.join(random.sample(names, 3))
    write('%s/names%02d.csv' % (sys.argv[2], i), out)
for i in range(30):
    out = [dict(r) for r in rows]
    for _ in range(random.randint(1, 3)):
        r = random.choice(out)
        r[random.choice([k for k in r if k != 'child_ref'])] = random.choice(junk)
    write('%s/var%02d.csv' % (sys.argv[2], i), out)
PY
for f in "$T"/names*.csv; do
	rm -f "$T/v.xml"
	e sen2 --year 2025 --persons "$f" -o "$T/v.xml" >/dev/null 2>&1
	check_eq "names $(basename "$f") written" "$?" 0
	check "names $(basename "$f") validate" xmllint --noout --schema "$XSD" "$T/v.xml"
done
written=0 refused=0
for f in "$T"/var*.csv; do
	rm -f "$T/v.xml"
	e sen2 --year 2025 --persons "$f" -o "$T/v.xml" >/dev/null 2>&1
	rc=$?
	case $rc in
	0) written=$((written + 1))
	   check "variant $(basename "$f") validates" xmllint --noout --schema "$XSD" "$T/v.xml" ;;
	3) refused=$((refused + 1))
	   check "variant $(basename "$f") refused, nothing written" test ! -e "$T/v.xml" ;;
	*) fail "variant $(basename "$f"): exit $rc" ;;
	esac
done
check "some variants written" test "$written" -gt 0
check "some variants refused" test "$refused" -gt 0

# ---- the totals: the demo's return counted from its XML alone ----
demo=$(new_db cli_sen2_demo)
"$EHCP" --db "$demo" init >/dev/null
"$EHCP" --db "$demo" demo >/dev/null
psql "$demo" -XAt -F, -c "SELECT child_ref, min(date_of_birth) FROM (SELECT child_ref, date_of_birth FROM ehcp_request
	UNION ALL SELECT child_ref, date_of_birth FROM ehcp_plan) x WHERE child_ref IS NOT NULL GROUP BY 1" >"$T/kids"
python3 - "$T/kids" "$T/demo-persons.csv" <<'PY'
import csv, sys
with open(sys.argv[2], 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['child_ref', 'surname', 'forename', 'birth_date', 'sex', 'ethnicity', 'postcode', 'upn',
                'placement1_setting', 'placement1_entry_date', 'sen_need1'])
    for i, (ref, dob) in enumerate(csv.reader(open(sys.argv[1]))):
        w.writerow([ref, 'Surname%d' % i, 'Forename', dob, 'MFU'[i % 3], 'WBRI', 'AB1 2CD', 'A%012d' % i, 'OTH',
                    '2020-09-01', 'ASD'])
PY
"$EHCP" --db "$demo" sen2 --year 2025 --la 123 --persons "$T/demo-persons.csv" -o "$T/demo.xml" >"$T/out" 2>"$T/err"
check_eq "demo return: exit 0" "$?" 0
check "the demo's return validates" xmllint --noout --schema "$XSD" "$T/demo.xml"
python3 "$(dirname "$0")/independent/sen2_totals.py" "$T/demo.xml" 2025 >"$T/xml-totals"
"$EHCP" --db "$demo" report sen2 --year 2025 --as-of 2025-12-31 --format csv | tail -n +2 | sort >"$T/report-totals"
check_eq "the report has its 25 measures" "$(wc -l <"$T/report-totals")" 25
check "the XML's totals are ehcp report sen2's" cmp "$T/xml-totals" "$T/report-totals"
check_eq "plans in the demo's year" "$(grep -c '^new_plans_issued,[1-9]' "$T/xml-totals")" 1
# The hand-made set too: received 6, refused 1, decided 4 (3 in time),
# completed 4, plans 4, one after mediation (C9), base 3, within 1 (C1).
python3 "$(dirname "$0")/independent/sen2_totals.py" "$T/sen2.xml" 2025 >"$T/xml-totals"
e report sen2 --year 2025 --as-of 2025-12-31 --format csv | tail -n +2 | sort >"$T/report-totals"
check "the hand-made set's totals too" cmp "$T/xml-totals" "$T/report-totals"
check_file_has "received" "$T/xml-totals" "requests_received,6"
check_file_has "in time" "$T/xml-totals" "decisions_within_6_weeks,3"
check_file_has "within 20 weeks" "$T/xml-totals" "plans_within_20_weeks,1"

# ---- no person item in the database or its log ----
psql "$db" -XqAt -c CHECKPOINT >/dev/null 2>&1
psql "$demo" -XqAt -c CHECKPOINT >/dev/null 2>&1
if [ -n "${EHCP_HOME:-}" ] && [ -d "$EHCP_HOME" ]; then
	# the control: what ehcp does store is found by the same search
	check "the search sees the stored data" grep -rqaF "B. Ode" "$EHCP_HOME"
	for item in "O'Brien & Sons" "XY9 8ZW" A123456789012 C12345678901D Surname17 "Riya \"R\""; do
		check "no '$item' in the data directory or the log" test -z "$(grep -rlaF -- "$item" "$EHCP_HOME")"
	done
else
	fail "EHCP_HOME (the suite's server) is not set: run with tests/run"
fi
for f in "$T"/out "$T"/err; do
	check "no surname in ehcp's own output ($f)" test -z "$(grep -l -e "O'Brien" -e Surname17 "$f")"
done
finish
