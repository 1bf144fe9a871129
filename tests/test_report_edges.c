/* The edges of the reports' faster queries (src/db/report_sql.h): the
 * backlog's early drop of requests that cannot be late in the range (and
 * that it is made through its indexes), the
 * decisions read once and counted by two groupings, the advice that was
 * late at all, and SEN2's age bands worked out once.  A small caseload
 * (tests/data/report_edges.csv) with every figure worked out by hand, day
 * counts month by month; ranges 2023-01 to 2023-03 by month. */
#include "clock_spec.h"
#include "dbtest.h"

static ehcp_store *s;

static const char *run(ehcp_report_measure m, const char *from, const char *to, const char *as_of)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = m;
	o.from = spec_date(from);
	o.to = spec_date(to);
	o.as_of = spec_date(as_of);
	o.by = EHCP_PERIOD_MONTH;
	o.body = EHCP_ADVICE_HEALTH;
	return dbtest_report_text(s, &o);
}

int main(void)
{
	s = dbtest_store("report_edges", NULL);
	dbtest_import(s, "report_edges.csv", "2024-12-31");

	/* Backlog at 31 Jan, 28 Feb, 31 Mar and 31 Dec 2023 (every type):
	 * B1 requested 2022-08-01, due +140 = 2022-12-19 (Aug 31 +30, Sep 30
	 *   +60, Oct 31 +91, Nov 30 +121, +19), never finished: 43, 71, 102
	 *   and 377 days past (Dec 31 +12, Jan 31 +43, Feb 28 +71, Mar 31
	 *   +102 ... Dec 31 +377).
	 * B2, B3 requested 2022-09-12, due 2023-01-30 (Sep 30 +18, Oct 31 +49,
	 *   Nov 30 +79, Dec 31 +110, +30): both 1 day past on 31 Jan; B3's plan
	 *   came 2023-02-01, the second day after its due date, B2's on 02-15.
	 *   (A query dropping a request finished by the second day after its due
	 *   date, not the first, loses B3.)
	 * B4 refused in 2022, open again from the tribunal's order to assess on
	 *   2023-02-10: due T + 98 = 2023-05-19 (Feb 28 +18, Mar 31 +49, Apr 30
	 *   +79, +19); 226 days past on 31 Dec (May 31 +12, Jun 30 +42, Jul 31
	 *   +73, Aug 31 +104, Sep 30 +134, Oct 31 +165, Nov 30 +195, +31).
	 * B5, a re-assessment requested 2022-08-01 and decided only on
	 *   2023-02-20: due R + 15 + 98 = 2022-11-22 until then (70 days past
	 *   on 31 Jan: Nov 30 +8, Dec 31 +39, +31), then 2023-05-29; its plan
	 *   came 2023-03-15, before that.  (Judged by its due date as of the
	 *   as-of day alone it was never late.)
	 * B6 requested 2022-06-01, due 2022-10-19, refused late on 2023-02-10,
	 *   ordered assessed 2023-06-01 (due then 2023-09-07), plan 2023-08-01:
	 *   104 days past on 31 Jan (Oct 31 +12, Nov 30 +42, Dec 31 +73, +31),
	 *   ended on 28 Feb and 31 Mar, in time after the order.
	 * S1 requested 2023-03-01, due 2023-07-19: 165 days past on 31 Dec
	 *   (Jul 31 +12, Aug 31 +43, Sep 30 +73, Oct 31 +104, Nov 30 +134, +31).
	 * D1-D4 end (refused or not issued) before their due dates. */
	static const char backlog_q1[] = "2023-01,5,2,2,1,0,0\n"
	                                 "2023-02,1,0,1,0,0,0\n"
	                                 "2023-03,1,0,0,1,0,0\n"
	                                 "2023-12-31,3,0,0,1,1,1\n";
	CHECK_STR(run(EHCP_REPORT_BACKLOG, "2023-01-01", "2023-03-31", "2023-12-31"), backlog_q1);
	/* As of 20 February, before the range's end: every later day is seen
	 * as of the 20th (B1 63 days past: Dec 31 +12, Jan 31 +43, +20; B5
	 * decided that day, B2's plan came on the 15th, B6 refused on the 10th). */
	CHECK_STR(run(EHCP_REPORT_BACKLOG, "2023-01-01", "2023-03-31", "2023-02-20"),
	          "2023-01,5,2,2,1,0,0\n"
	          "2023-02,1,0,1,0,0,0\n"
	          "2023-03,1,0,1,0,0,0\n"
	          "2023-02-20,1,0,1,0,0,0\n");
	/* As of 31 January, before the range's start: the range is seen on
	 * that day, when B3 (due the day before) was still open. */
	CHECK_STR(run(EHCP_REPORT_BACKLOG, "2023-03-01", "2023-03-31", "2023-01-31"),
	          "2023-03,5,2,2,1,0,0\n"
	          "2023-01-31,5,2,2,1,0,0\n");

	/* The backlog's query finds its requests through migration 0014's two
	 * indexes: its expressions are the indexes' own, or PostgreSQL would
	 * read the whole table (the same figures, only slower, so nothing above
	 * would tell).  With sequential scans priced out, an index not matched
	 * is not scanned; the counts are flushed on the report's own
	 * connection, and each read is a transaction of its own. */
	PGconn *c = ehcp_store_conn(s);
	static const char scans[] = "SELECT string_agg(idx_scan::text, ' ' ORDER BY indexrelname) FROM pg_stat_user_indexes"
	                            " WHERE indexrelname IN ('ehcp_request_backlog_fixed', 'ehcp_request_backlog_moving')";
	long fixed0 = -1, moving0 = -1, fixed1 = -1, moving1 = -1;
	dbtest_exec(c, "ANALYZE ehcp_request");
	dbtest_exec(c, "SELECT pg_stat_force_next_flush()");
	CHECK_INT(sscanf(dbtest_value(c, scans), "%ld %ld", &fixed0, &moving0), 2);
	dbtest_exec(c, "SET enable_seqscan = off");
	CHECK_STR(run(EHCP_REPORT_BACKLOG, "2023-01-01", "2023-03-31", "2023-12-31"), backlog_q1);
	dbtest_exec(c, "RESET enable_seqscan");
	dbtest_exec(c, "SELECT pg_stat_force_next_flush()");
	CHECK_INT(sscanf(dbtest_value(c, scans), "%ld %ld", &fixed1, &moving1), 2);
	CHECK(fixed1 > fixed0);
	CHECK(moving1 > moving0);

	/* Decisions, each by its own date:
	 * Jan: D1 decided to assess on day 42 (Dec 31 +30, +12), in time; the
	 *   re-assessments D3 (day 18, refused, late) and D4 (day 7, in time).
	 * Feb: B6 refused on day 254, late; D2's notice not to issue on
	 *   2023-02-01, due R + 112 = 2023-01-23 (Oct 31 +28, Nov 30 +58, Dec 31
	 *   +89, +23), late; B5's re-assessment decision on day 203, late.
	 * Mar: D1's notice not to issue on 2023-03-23, due 2023-03-23 (Dec 31
	 *   +30, Jan 31 +61, Feb 28 +89, +23), in time; D4's is a
	 *   re-assessment's, not counted.  D1 counts in January and in March. */
	CHECK_STR(run(EHCP_REPORT_DECISIONS, "2023-01-01", "2023-03-31", "2023-12-31"),
	          "2023-01,1,1,100.0,0,0,0,,2,1,50.0,1\n"
	          "2023-02,1,0,0.0,1,1,0,0.0,1,0,0.0,0\n"
	          "2023-03,0,0,,0,1,1,100.0,0,0,,0\n"
	          "total,2,1,50.0,1,2,1,50.0,3,1,33.3,1\n");
	/* As of 15 February: B5's decision (the 20th) and D1's notice (March)
	 * are not seen; March is empty, the total is January and February's. */
	CHECK_STR(run(EHCP_REPORT_DECISIONS, "2023-01-01", "2023-03-31", "2023-02-15"),
	          "2023-01,1,1,100.0,0,0,0,,2,1,50.0,1\n"
	          "2023-02,1,0,0.0,1,1,0,0.0,0,0,,0\n"
	          "2023-03,0,0,,0,0,0,,0,0,,0\n"
	          "total,2,1,50.0,1,1,0,0.0,2,1,50.0,1\n");

	/* Health advice: D1's asked 2022-12-05, back 2023-01-10 (day 36) in
	 * time; B1's asked 2022-09-01, due back 2022-10-13, received only on
	 * 2023-03-10: outstanding on 31 Jan and 28 Feb, returned late in March;
	 * B4's asked 2023-02-13, due back 03-27, received 04-20: outstanding
	 * on 31 Mar, the range's end (the total). */
	CHECK_STR(run(EHCP_REPORT_ADVICE, "2023-01-01", "2023-03-31", "2023-12-31"),
	          "2023-01,1,1,100.0,1,1,100.0,1\n"
	          "2023-02,0,0,,0,0,,1\n"
	          "2023-03,1,0,0.0,1,0,0.0,1\n"
	          "total,2,1,50.0,2,1,50.0,1\n");

	/* SEN2 2023 (new plans): S1 received; B6 refused (late) and D1 decided
	 * in time; completed: D1 and D2 by their notices, B2, B3 and B6 by a
	 * plan with no plan decision; the ages at the plan: B6 one day short
	 * of 5 (under 5), B2 5 that day (5 to 10), B3 26 that day (unknown);
	 * B6 went to the tribunal, so the base is B2 (156 days: Sep 30 +18,
	 * Oct 31 +49, Nov 30 +79, Dec 31 +110, Jan 31 +141, +15) and B3 (142),
	 * both late: mean 298 / 2 / 7 = 21.3 weeks. */
	CHECK_STR(run(EHCP_REPORT_SEN2, "2023-01-01", "2023-12-31", "2023-12-31"),
	          "requests_received,1\nrequests_refused,1\ndecisions_whether_to_assess,2\n"
	          "decisions_within_6_weeks,1\npercent_decisions_within_6_weeks,50.0\nassessments_completed,5\n"
	          "decisions_not_to_issue,2\nnew_plans_issued,3\nplans_age_under_5,1\nplans_age_5_to_10,1\n"
	          "plans_age_11_to_15,0\nplans_age_16_to_19,0\nplans_age_20_to_25,0\nplans_age_unknown,1\n"
	          "plans_mediation_or_tribunal,1\ntimeliness_base,2\n"
	          "plans_within_20_weeks,0\npercent_within_20_weeks,0.0\ntimeliness_base_excl_exceptions,2\n"
	          "within_20_weeks_excl_exceptions,0\npercent_within_20_weeks_excl_exceptions,0.0\n"
	          "plans_with_exception,0\nover_20_to_52_weeks,2\nover_52_weeks,0\nmean_weeks_to_issue,21.3\n");

	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_report_edges");
}
