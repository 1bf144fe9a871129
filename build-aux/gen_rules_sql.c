/*
 * Writes the SQL side of the statutory rules: one function per limit in
 * ehcp/rules.h (ehcp_days_decision() returns 42, ...), the coronavirus
 * window, then the SQL clock in rules.sql.in, which calls them and holds
 * no number of its own.  Run by the build; the output is compiled into the
 * library and applied by ehcp_store_migrate().
 * Usage: gen_rules_sql RULES.sql.in OUT.sql
 */
#include <stdio.h>

#include "ehcp/rules.h"

#define YMD3(y, m, d) y, m, d
#define DATE_ARGS(x) YMD3(x)

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: gen_rules_sql RULES.sql.in OUT.sql\n");
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	FILE *out = fopen(argv[2], "wb");
	if (!in || !out) {
		perror("gen_rules_sql");
		return 1;
	}
	fprintf(out, "-- Generated from include/ehcp/rules.h and src/db/rules.sql.in: do not edit.\n\n");
#define EMIT(NAME, name, days, rule, what)                                                         \
	fprintf(out,                                                                               \
	        "-- %s: %s\n"                                                                      \
	        "CREATE OR REPLACE FUNCTION ehcp_days_%s() RETURNS integer\n"                      \
	        "    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT %d $$;\n",                  \
	        rule, what, #name, days);
	EHCP_RULE_LIMITS(EMIT)
#undef EMIT
	fprintf(out,
	        "-- SI 2020/471: the window of the coronavirus exception\n"
	        "CREATE OR REPLACE FUNCTION ehcp_coronavirus_from() RETURNS date\n"
	        "    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT make_date(%d, %d, %d) $$;\n"
	        "CREATE OR REPLACE FUNCTION ehcp_coronavirus_to() RETURNS date\n"
	        "    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT make_date(%d, %d, %d) $$;\n\n",
	        DATE_ARGS(EHCP_RULE_CORONAVIRUS_FROM), DATE_ARGS(EHCP_RULE_CORONAVIRUS_TO));
	/* The review clock's limits that are not days (rules.h): a month and
	 * day come out as two functions each, since SQL builds the date with
	 * make_date(year, month, day) for the year it needs. */
#define EMIT_INT(fn, v, what)                                                                       \
	fprintf(out,                                                                               \
	        "-- %s\n"                                                                          \
	        "CREATE OR REPLACE FUNCTION ehcp_%s() RETURNS integer\n"                           \
	        "    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT %d $$;\n",                  \
	        what, fn, v)
#define EMIT_MD(fn, md, what)                                                                       \
	do {                                                                                       \
		const int md_[2] = {md}; /* month, day */                                                  \
		EMIT_INT(fn "_month", md_[0], what " (month)");                                   \
		EMIT_INT(fn "_day", md_[1], what " (day)");                                       \
	} while (0)
	EMIT_INT("transfer_review_months", EHCP_RULE_TRANSFER_REVIEW_MONTHS,
	         "reg 15(5): a plan transferred in is reviewed by this many months after the transfer, at the latest");
	EMIT_MD("phase_before", EHCP_RULE_PHASE_BEFORE, "reg 18: a phase transfer's plan amended before this day");
	EMIT_MD("phase_before_post16", EHCP_RULE_PHASE_BEFORE_POST16, "reg 18: ... into post-16, before this day");
	EMIT_INT("post16_move_months", EHCP_RULE_POST16_MOVE_MONTHS,
	         "reg 18(2): a move between post-16 institutions, the plan amended this many months before");
	EMIT_MD("school_year_start", EHCP_RULE_SCHOOL_YEAR_START, "the school year starts on this day");
	EMIT_INT("reception_after", EHCP_RULE_RECEPTION_AFTER,
	         "born in the school year ending in Y: Reception in the September of Y + this");
	EMIT_INT("year_secondary", EHCP_RULE_YEAR_SECONDARY, "the national transfer into secondary: this year");
	EMIT_INT("year_post16", EHCP_RULE_YEAR_POST16, "the national transfer into post-16: this year");
#undef EMIT_MD
#undef EMIT_INT
	fputc('\n', out);
	char buf[8192];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	if (ferror(in) || fclose(in) != 0 || fclose(out) != 0) {
		perror("gen_rules_sql");
		return 1;
	}
	return 0;
}
