/* The weekly review list on a hand-built plan register (tests/data/reviews.sql)
 * seen on Mon 20 Jan 2025: every kind of row and every filter, with rows,
 * order and figures worked by hand.
 *
 * The working (days from 20 Jan 2025: to 31 Jan 11, 28 Feb 39, 31 Mar 70,
 * 30 Apr 100; a review is due the day before the anniversary of the last
 * meeting, or of the start; "nearing" is 28 days; NC year: the September
 * after the birthday's school year began, plus 4, is Reception, and 2024-25
 * is the school year on the day):
 *  P-OVERDUE-REVIEW  born 2015-03-10 (school year 2014-15, Reception 2019:
 *    Year 5); no review since its start 2023-06-01, so due 2024-05-31, 234
 *    days ago (June to December 214, then 20).  Overdue.  Secondary
 *    transfer 1 Sep 2026 is more than 12 months off: none in hand.
 *  P-REPORT-LATE  born 2010-01-01 (Reception 2014: Year 10); reviewed
 *    2025-01-02, report due + 14 = 2025-01-16, -4 (the report recorded on
 *    2025-01-25 is after the day, so ignored).  Overdue.
 *  P-NEAR-REVIEW  born 2012-10-05 (Reception 2017: Year 7); reviewed
 *    2024-02-05, due 2025-02-04, 15 days: nearing.
 *  P-AMEND  born 2016-07-01 (Reception 2020: Year 4); reviewed 2024-11-25,
 *    amend, proposals 2024-12-16: the amended plan by the earlier of
 *    meeting + 84 = 2025-02-17 and proposals + 56 = 2025-02-10; 21 days.
 *  P-Y6  born 2014-03-03 (Reception 2018: Year 6): to secondary on
 *    1 Sep 2025, amended plan before 15 Feb: by 2025-02-14, 25 days; its
 *    maintain decision of 2024-03-20 is before 1 Sep 2024, so does not
 *    meet it.  Review due 2025-02-28 (39) comes later.  Nearing.
 *  P-Y6-MET  born 2013-11-11 (Year 6): amended plan 2024-11-20 met the
 *    transfer; review due 2025-09-19, 242 days: on track.
 *  P-Y11  born 2009-02-02 (Reception 2013: Year 11), no caseworker: to
 *    post-16 on 1 Sep 2025, by 30 March (before 31 March) = 69 days; its
 *    maintain of 2024-06-25 is too early.  On track (69 > 28).
 *  P-NODOB  no date of birth; started 2024-03-01, review due 2025-02-28
 *    (39): on track, but listed for lacking a date of birth.
 *  P-TRANSFERRED-IN  born 2018-01-15 (Reception 2022: Year 2); transferred
 *    in 2024-12-10 (reg 15): the later of 2021-08-31 and 2025-03-10: 49.
 *  P-CEASE-LATER  born 2008-06-01 (Reception 2012: Year 12), ceased on
 *    2025-03-01, after the day, so maintained; reviewed 2024-05-01 (cease:
 *    only the report, made), due 2025-04-30: 100.  No transfer ahead.
 *  P-CEASED (ceased 2024-12-01) and P-FUTURE (starts 2025-02-01): not listed.
 */
#include "clock_spec.h"
#include "db/reviewlist_internal.h"
#include "dbtest.h"

static ehcp_store *s;

/* "plan caseworker year due due_date days status next_review transfer transfer_by" */
static const char *render(const ehcp_reviewlist_row *r)
{
	static char buf[2048];
	char due[EHCP_DATE_ISO_LEN], next[EHCP_DATE_ISO_LEN], tdl[EHCP_DATE_ISO_LEN], year[8] = "?";
	if (r->has_year)
		snprintf(year, sizeof year, "%d", r->nc_year);
	snprintf(buf, sizeof buf, "%s|%s|%s|%s|%s|%d|%s|%s|%s|%s", r->plan_ref, r->caseworker, year,
	         ehcp_review_due_name(r->due_kind), ehcp_date_format_iso(due, r->due), r->days_left,
	         ehcp_plan_status_name(r->status), ehcp_date_format_iso(next, r->review_due),
	         ehcp_transfer_kind_name(r->transfer_kind), ehcp_date_format_iso(tdl, r->transfer_deadline));
	return buf;
}

static void expect_list(const ehcp_reviewlist_options *o, const char *const *want, size_t n, const char *what)
{
	ehcp_reviewlist *l = NULL;
	CHECK_INT(ehcp_reviewlist_get(&l, s, o), 0);
	if (!l)
		return;
	int before = harness_failures;
	CHECK_INT(l->count, n);
	for (size_t i = 0; i < l->count && i < n; i++)
		CHECK_STR(render(&l->rows[i]), want[i]);
	if (harness_failures != before) {
		fprintf(stderr, "  in list \"%s\"; got:\n", what);
		for (size_t i = 0; i < l->count; i++)
			fprintf(stderr, "    %s\n", render(&l->rows[i]));
	}
	ehcp_reviewlist_free(l);
}

#define R_OVERDUE "P-OVERDUE-REVIEW|A|5|review|2024-05-31|-234|overdue|2024-05-31||"
#define R_REPORT "P-REPORT-LATE|A|10|report|2025-01-16|-4|overdue|2026-01-01||"
#define R_NEAR "P-NEAR-REVIEW|B|7|review|2025-02-04|15|nearing|2025-02-04||"
#define R_AMEND "P-AMEND|B|4|amended_plan|2025-02-10|21|nearing|2025-11-24||"
#define R_Y6 "P-Y6|A|6|transfer_secondary|2025-02-14|25|nearing|2025-02-28|secondary|2025-02-14"
#define R_NODOB "P-NODOB|B|?|review|2025-02-28|39|on_track|2025-02-28||"
#define R_TIN "P-TRANSFERRED-IN|A|2|review|2025-03-10|49|on_track|2025-03-10||"
#define R_Y11 "P-Y11||11|transfer_post16|2025-03-30|69|on_track|2025-06-09|post16|2025-03-30"
#define R_CEASE_LATER "P-CEASE-LATER|B|12|review|2025-04-30|100|on_track|2025-04-30||"
#define R_Y6_MET "P-Y6-MET|B|6|review|2025-09-19|242|on_track|2025-09-19||"

static void load_register(void)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/reviews.sql", getenv("EHCP_TEST_DATA"));
	FILE *f = fopen(path, "r");
	static char sql[65536];
	size_t n = f ? fread(sql, 1, sizeof sql - 1, f) : 0;
	if (!f || n == 0) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	sql[n] = '\0';
	dbtest_exec(ehcp_store_conn(s), sql);
}

int main(void)
{
	s = dbtest_store("reviewlist", NULL);
	load_register();

	ehcp_reviewlist_options o = EHCP_REVIEWLIST_OPTIONS_INIT;
	o.as_of = spec_date("2025-01-20");
	CHECK_INT(EHCP_REVIEWLIST_WITHIN_DEFAULT, 28);

	static const char *const attention[] = {R_OVERDUE, R_REPORT, R_NEAR, R_AMEND, R_Y6, R_NODOB};
	expect_list(&o, attention, 6, "needing attention");

	ehcp_reviewlist_options all = o;
	all.include_on_track = true;
	static const char *const every[] = {R_OVERDUE, R_REPORT, R_NEAR, R_AMEND, R_Y6, R_NODOB,
	                                    R_TIN, R_Y11, R_CEASE_LATER, R_Y6_MET};
	expect_list(&all, every, 10, "all");

	ehcp_reviewlist_options f = o;
	f.caseworker = "A";
	static const char *const a[] = {R_OVERDUE, R_REPORT, R_Y6};
	expect_list(&f, a, 3, "caseworker A");

	f = o;
	f.statuses = 1u << EHCP_PLAN_NEARING;
	static const char *const nearing[] = {R_NEAR, R_AMEND, R_Y6};
	expect_list(&f, nearing, 3, "nearing");

	f = all;
	f.statuses = (1u << EHCP_PLAN_OVERDUE) | (1u << EHCP_PLAN_ON_TRACK);
	f.caseworker = "B";
	static const char *const b[] = {R_NODOB, R_CEASE_LATER, R_Y6_MET};
	expect_list(&f, b, 3, "caseworker B overdue or on track, all");

	f = o;
	f.due_within = 20;
	static const char *const within[] = {R_OVERDUE, R_REPORT, R_NEAR};
	expect_list(&f, within, 3, "due within 20 days");

	/* a narrower nearing window: 20 days leaves P-AMEND (21) and P-Y6 (25) on track */
	f = o;
	f.within_days = 20;
	static const char *const narrow[] = {R_OVERDUE, R_REPORT, R_NEAR, R_NODOB};
	expect_list(&f, narrow, 4, "within 20");

	f = all;
	f.nc_year = 6;
	static const char *const y6[] = {R_Y6, R_Y6_MET};
	expect_list(&f, y6, 2, "Year 6, all");

	/* The transfers: each plan's next transfer not yet met, if it falls in
	 * the next 12 months (by 19 Jan 2026) or is late or nearing; and the
	 * plan without a date of birth, which has none to show. */
	f = o;
	f.transfers_only = true;
	static const char *const transfers[] = {R_Y6, R_Y11, "P-NODOB|B|?|||0|on_track|2025-02-28||"};
	expect_list(&f, transfers, 3, "transfers");

	f.transfer_kind = EHCP_TRANSFER_POST16;
	static const char *const post16[] = {R_Y11};
	expect_list(&f, post16, 1, "transfers to post-16");

	/* --all: every transfer still to meet, however far (deadline 14 Feb or
	 * 30 Mar of the transfer's year) */
	f = all;
	f.transfers_only = true;
	static const char *const all_transfers[] = {
	    R_Y6, R_Y11,
	    "P-OVERDUE-REVIEW|A|5|transfer_secondary|2026-02-14|390|on_track|2024-05-31||",
	    "P-REPORT-LATE|A|10|transfer_post16|2026-03-30|434|on_track|2026-01-01||",
	    "P-AMEND|B|4|transfer_secondary|2027-02-14|755|on_track|2025-11-24||",
	    "P-TRANSFERRED-IN|A|2|transfer_secondary|2029-02-14|1486|on_track|2025-03-10||",
	    "P-NEAR-REVIEW|B|7|transfer_post16|2029-03-30|1530|on_track|2025-02-04||",
	    "P-NODOB|B|?|||0|on_track|2025-02-28||"};
	expect_list(&f, all_transfers, 8, "all transfers");

	/* Looking back to 1 Jan 2025, caseworker A: P-REPORT-LATE's review of
	 * 2 January not yet held, so its review ran from the start 2020-01-15:
	 * due 2021-01-14, 1448 days before (2021-01-14 to 2025-01-14 is
	 * 3 * 365 + 366 = 1461, less 13).  P-OVERDUE-REVIEW 214 + 1 = 215 days
	 * late.  P-Y6's deadline is then 44 days off and its review 58: on
	 * track; P-CEASED had ceased (1 Dec 2024). */
	f = o;
	f.as_of = spec_date("2025-01-01");
	f.caseworker = "A";
	static const char *const back[] = {"P-REPORT-LATE|A|10|review|2021-01-14|-1448|overdue|2021-01-14||",
	                                   "P-OVERDUE-REVIEW|A|5|review|2024-05-31|-215|overdue|2024-05-31||"};
	expect_list(&f, back, 2, "as of 1 January, A");

	/* The child only when asked for */
	f = o;
	f.caseworker = "A";
	{
		ehcp_reviewlist *l = NULL;
		CHECK_INT(ehcp_reviewlist_get(&l, s, &f), 0);
		CHECK_STR(l && l->count == 3 ? l->rows[2].child_ref : "?", "");
		CHECK_INT(l && l->count == 3 ? l->rows[2].date_of_birth : 0, EHCP_DATE_NONE);
		ehcp_reviewlist_free(l);
		f.show_child = true;
		CHECK_INT(ehcp_reviewlist_get(&l, s, &f), 0);
		CHECK_STR(l && l->count == 3 ? l->rows[2].child_ref : "?", "CH-Y6");
		CHECK_INT(l && l->count == 3 ? l->rows[2].date_of_birth : 0, spec_date("2014-03-03"));
		ehcp_reviewlist_free(l);
	}

	/* The caseloads: every maintained plan, on track too.
	 *  ""  P-Y11: 1 plan, its post-16 transfer outstanding
	 *  A   P-OVERDUE-REVIEW, P-REPORT-LATE (overdue), P-Y6 (nearing,
	 *      transfer), P-TRANSFERRED-IN
	 *  B   P-NEAR-REVIEW, P-AMEND (nearing), P-Y6-MET, P-NODOB (no date of
	 *      birth), P-CEASE-LATER */
	ehcp_reviewload *l = NULL;
	CHECK_INT(ehcp_reviewload_get(&l, s, &o), 0);
	CHECK_INT(l ? l->count : 0, 3);
	static const char *const loads[] = {"|1|0|0|1|0", "A|4|2|1|1|0", "B|5|0|2|0|1"};
	for (size_t i = 0; l && i < l->count && i < 3; i++) {
		char row[1024];
		snprintf(row, sizeof row, "%s|%d|%d|%d|%d|%d", l->rows[i].caseworker, l->rows[i].plans, l->rows[i].overdue,
		         l->rows[i].nearing, l->rows[i].transfers, l->rows[i].no_birth_date);
		CHECK_STR(row, loads[i]);
	}
	ehcp_reviewload_free(l);

	/* Bad options name themselves */
	ehcp_reviewlist_options bad = o;
	bad.version = 99;
	ehcp_reviewlist *none = NULL;
	CHECK_INT(ehcp_reviewlist_get(&none, s, &bad), EHCP_EINVALID);
	CHECK(strstr(ehcp_error_last(), "ehcp_reviewlist_options") != NULL);
	bad = o;
	bad.transfer_kind = (ehcp_transfer_kind)9;
	CHECK_INT(ehcp_reviewlist_get(&none, s, &bad), EHCP_EINVALID);
	CHECK(none == NULL);

	/* The reviews are read in the order the table holds them: a plan's
	 * meetings written latest first, then the earliest, still make the
	 * latest its last.  P-ORDER, born 2012-01-01 (Reception 2016: Year 8),
	 * met 2022-02-21, 2023-02-20, 2024-02-20, written 2024, 2022, 2023:
	 * due the day before 2025-02-20, 30 days on (11 to 31 January, 19);
	 * its report and decision each in time.  Taken as written, the last
	 * meeting would be 2023's, and the review 336 days overdue. */
	dbtest_exec(ehcp_store_conn(s),
	            "INSERT INTO ehcp_plan (id, plan_ref, date_of_birth, caseworker, plan_start_date)"
	            " VALUES ('00000000-0000-7000-8000-0000000000aa', 'P-ORDER', '2012-01-01', 'ORD', '2021-03-01');"
	            "INSERT INTO ehcp_review (plan_id, meeting_date, invitations_date, report_date, decision, decision_date)"
	            " SELECT '00000000-0000-7000-8000-0000000000aa', m, m - 20, m + 10, 'maintain', m + 20"
	            " FROM unnest(ARRAY['2024-02-20', '2022-02-21', '2023-02-20']::date[]) m");
	f = all;
	f.caseworker = "ORD";
	static const char *const order[] = {"P-ORDER|ORD|8|review|2025-02-19|30|on_track|2025-02-19||"};
	expect_list(&f, order, 1, "meetings written out of order");
	/* and the scan the list and the calendar share hands them over by
	 * meeting, for one caseworker or everyone, with the plan's and its
	 * reviews' versions summed (1 + 3) */
	for (int who = 0; who < 2; who++) {
		ehcp_plan_scan sc;
		CHECK_INT(ehcp_plan_scan_open(&sc, s, who ? NULL : "ORD", spec_date("2025-01-20"), false), 0);
		ehcp_plan_rec p;
		int got, found = 0;
		while ((got = ehcp_plan_scan_next(&sc, &p)) == 1) {
			if (strcmp(p.plan_ref, "P-ORDER") != 0)
				continue;
			found++;
			CHECK_INT(p.n, 3);
			CHECK_INT(p.version, 4);
			if (p.n == 3) {
				CHECK_INT(p.reviews[0].meeting, spec_date("2022-02-21"));
				CHECK_INT(p.reviews[1].meeting, spec_date("2023-02-20"));
				CHECK_INT(p.reviews[2].meeting, spec_date("2024-02-20"));
				CHECK_INT(p.reviews[2].report, spec_date("2024-03-01"));
			}
		}
		CHECK_INT(got, 0);
		CHECK_INT(found, 1);
		ehcp_plan_scan_close(&sc);
	}

	/* Plans found by their ids as the server orders a uuid, byte by byte:
	 * ids that differ in several bytes of a half, which a comparison of
	 * the halves in the machine's (little-endian) order would sort
	 * otherwise.  Each has its one review, met 2024-06-03. */
	dbtest_exec(ehcp_store_conn(s),
	            "INSERT INTO ehcp_plan (id, plan_ref, date_of_birth, caseworker, plan_start_date)"
	            " SELECT k::uuid, 'P-KEY-' || n, '2012-01-01', 'KEY', '2021-03-01'"
	            " FROM unnest(ARRAY['00000000-0000-7000-8000-010000000000', '00000000-0000-7000-8000-0000000000ff',"
	            "                   '00000000-0000-7000-8000-000100000000', '00000000-0000-7000-8000-0000ff000000',"
	            "                   '00000001-0000-7000-8000-000000000000', 'ff000000-0000-7000-8000-000000000001',"
	            "                   '00ff0000-0000-7000-8000-000000000002', '0000ff00-0000-7000-8000-000000000003'])"
	            " WITH ORDINALITY AS u(k, n);"
	            "INSERT INTO ehcp_review (plan_id, meeting_date, invitations_date, report_date, decision, decision_date)"
	            " SELECT id, '2024-06-03', '2024-05-14', '2024-06-13', 'maintain', '2024-06-23'"
	            " FROM ehcp_plan WHERE caseworker = 'KEY'");
	{
		ehcp_plan_scan sc;
		CHECK_INT(ehcp_plan_scan_open(&sc, s, NULL, spec_date("2025-01-20"), false), 0);
		ehcp_plan_rec p;
		int got, keyed = 0, found = 0;
		while ((got = ehcp_plan_scan_next(&sc, &p)) == 1)
			if (strncmp(p.plan_ref, "P-KEY-", 6) == 0) {
				keyed++;
				found += p.n == 1 && p.reviews[0].meeting == spec_date("2024-06-03");
			}
		CHECK_INT(got, 0);
		CHECK_INT(keyed, 8);
		CHECK_INT(found, 8);
		ehcp_plan_scan_close(&sc);
	}

	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_reviewlist");
}
