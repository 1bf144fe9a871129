/* The reviews report on a small register built to exercise each rule, every
 * figure worked out by hand below (range 2024-Q1 to 2025-Q2, as of
 * 2025-05-15; "ye" is the end of the 12 months starting with a day). */
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "clock_spec.h"
#include "db/sql.h"
#include "dbtest.h"

static ehcp_store *s;

static const char *run(const char *from, const char *to, const char *as_of, ehcp_report_period by, bool cases)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = EHCP_REPORT_REVIEWS;
	o.from = spec_date(from);
	o.to = spec_date(to);
	o.as_of = spec_date(as_of);
	o.by = by;
	o.cases = cases;
	return dbtest_report_text(s, &o);
}

/*
 * The plans (dates of birth only where a transfer or Year 9 is meant):
 *  A   started 29 Feb 2024: due ye = 2025-02-28, met on the day.
 *  B   early review 2023-12-01 (due 2024-03-09: in time), then due
 *      2024-11-30, held 2024-11-20; decided to amend 2024-12-20 (due
 *      11-20 + 28 = 12-18: late), amended 2025-02-20 (due + 84 = 2025-02-12: late).
 *  C   due 2024-04-14 (from 2023-04-15), held 2024-06-01: late; the next,
 *      2025-05-31, is after the as-of day.
 *  D   started 2023-01-20, never reviewed: due 2024-01-19, overdue, and
 *      overdue at every period's end.
 *  E   transferred in 2024-11-30 after its meeting 2024-01-10 (ye
 *      2025-01-09): reg 15, due the later 2024-11-30 + 3 months =
 *      2025-02-28 (30 February does not exist); held 2025-02-20, in time.
 *  F   transferred in 2024-03-01 after its next meeting (2024-02-01), so
 *      the 2023-03-01 review is due ye = 2024-02-29 (in time) with no reg 15;
 *      from 2024-02-01 (before the transfer) the later of 2025-01-31 and
 *      2024-06-01; held 2025-01-15.
 *  G   ceased 2024-12-01 (moved_la): its review due 2025-02-04 is not counted.
 *  H   ceases 2025-06-01, after the as-of day: still maintained, not ceased.
 *  T1  Reception Sep 2024 (born 2020-03-15), deadline 2024-02-14: met by the
 *      amended plan of 2023-10-01 (after 2023-09-01); the meeting of
 *      2025-05-01 has its decision due after the as-of day.
 *  T2  Reception: its amended plan (2022-08-15) is before the 12 months:
 *      not met.  Due 2025-03-31 and never held: overdue from 2025-04-01.
 *  T3  Year 7 (born 2013-03-10): met by a decision to maintain 2023-12-10.
 *  T4  Year 7: amended 2024-05-20, after the deadline: not met; the amended
 *      plan itself in time (2024-03-01 + 84 = 05-24).
 *  T5  Year 12 (born 2008-02-01): amended 2024-03-25, met by the post-16
 *      deadline 2024-03-30 (not by 14 February).
 *  T6  Year 12 (born 1 September 2007; 31 August would be 2023): not met.
 *  T7  a local transfer 2024-10-01 (school): met by maintaining 2024-01-30;
 *      it replaces the national Year 7 before it (Sep 2024, born 2013-01-15).
 *  T8  a local transfer into post-16 on 2024-09-01, not met (deadline
 *      2024-03-30), then the national Year 12 after it (Sep 2025, deadline
 *      2025-03-30), met by maintaining 2025-02-01.
 *  T9  Reception Sep 2024 (born 2020-01-10), met by an amended plan of
 *      2023-09-15 from a meeting long before (2022-06-01, on the plan's
 *      first day; decided 06-20): a review the report reads for its date
 *      alone.  Never reviewed since: due 2023-05-31, overdue throughout.
 *  Y9a Year 9 in 2023/24 (born 2010-03-03): due 2024-03-19, held 03-25, late.
 *  Y9b a year behind (born 2009-07-01, offset -1): Year 9 in 2023/24, due
 *      2024-05-09, held 05-08.
 */
static const char register_sql[] =
	"INSERT INTO ehcp_plan (id, plan_ref, date_of_birth, plan_start_date, transferred_in_date, year_group_offset,\n"
	"                       next_transfer_date, next_transfer_to, ceased_date, cease_reason)\n"
	"SELECT gen_random_uuid(), v.* FROM (VALUES\n"
	" ('A',  NULL::date,   '2024-02-29'::date, NULL::date,   0, NULL::date,   NULL,     NULL::date,   NULL),\n"
	" ('B',  NULL,         '2023-03-10', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('C',  NULL,         '2022-05-01', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('D',  NULL,         '2023-01-20', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('E',  NULL,         '2023-01-15', '2024-11-30', 0, NULL,         NULL,     NULL,         NULL),\n"
	" ('F',  NULL,         '2022-03-10', '2024-03-01', 0, NULL,         NULL,     NULL,         NULL),\n"
	" ('G',  NULL,         '2023-02-10', NULL,         0, NULL,         NULL,     '2024-12-01', 'moved_la'),\n"
	" ('H',  NULL,         '2023-06-01', NULL,         0, NULL,         NULL,     '2025-06-01', 'other'),\n"
	" ('T1', '2020-03-15', '2022-06-01', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('T2', '2019-10-01', '2021-05-01', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('T3', '2013-03-10', '2020-01-15', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('T4', '2012-11-05', '2023-01-05', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('T5', '2008-02-01', '2019-09-01', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('T6', '2007-09-01', '2020-01-10', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('T7', '2013-01-15', '2021-01-10', NULL,         0, '2024-10-01', 'school', NULL,         NULL),\n"
	" ('T8', '2008-12-01', '2022-02-01', NULL,         0, '2024-09-01', 'post16', NULL,         NULL),\n"
	" ('Y9a','2010-03-03', '2018-04-01', NULL,         0, NULL,         NULL,     NULL,         NULL),\n"
	" ('Y9b','2009-07-01', '2019-05-01', NULL,        -1, NULL,         NULL,     NULL,         NULL),\n"
	" ('T9', '2020-01-10', '2022-06-01', NULL,         0, NULL,         NULL,     NULL,         NULL)\n"
	") v;\n"
	"INSERT INTO ehcp_review (plan_id, meeting_date, decision, decision_date, amended_plan_date)\n"
	"SELECT p.id, v.m, v.dec, v.dd, v.ad FROM (VALUES\n"
	" ('A',  '2025-02-28'::date, 'maintain', '2025-03-28'::date, NULL::date),\n"
	" ('B',  '2023-12-01', NULL, NULL, NULL),\n"
	" ('B',  '2024-11-20', 'amend', '2024-12-20', '2025-02-20'),\n"
	" ('C',  '2023-04-15', NULL, NULL, NULL),\n"
	" ('C',  '2024-06-01', 'maintain', '2024-06-20', NULL),\n"
	" ('E',  '2024-01-10', NULL, NULL, NULL),\n"
	" ('E',  '2025-02-20', NULL, NULL, NULL),\n"
	" ('F',  '2023-03-01', NULL, NULL, NULL),\n"
	" ('F',  '2024-02-01', NULL, NULL, NULL),\n"
	" ('F',  '2025-01-15', NULL, NULL, NULL),\n"
	" ('G',  '2024-02-05', 'cease', '2024-03-01', NULL),\n"
	" ('H',  '2024-05-25', NULL, NULL, NULL),\n"
	" ('T1', '2023-05-20', 'amend', '2023-06-10', '2023-10-01'),\n"
	" ('T1', '2024-05-10', 'maintain', '2024-05-30', NULL),\n"
	" ('T1', '2025-05-01', NULL, NULL, NULL),\n"
	" ('T2', '2022-04-20', 'amend', '2022-05-10', '2022-08-15'),\n"
	" ('T2', '2023-04-10', NULL, NULL, NULL),\n"
	" ('T2', '2024-04-01', NULL, NULL, NULL),\n"
	" ('T3', '2023-11-20', 'maintain', '2023-12-10', NULL),\n"
	" ('T3', '2024-11-10', NULL, NULL, NULL),\n"
	" ('T4', '2024-03-01', 'amend', '2024-03-20', '2024-05-20'),\n"
	" ('T5', '2023-10-01', 'amend', '2023-10-20', '2024-03-25'),\n"
	" ('T5', '2024-09-30', 'maintain', '2024-10-31', NULL),\n"
	" ('T6', '2023-12-01', 'amend', '2023-12-20', NULL),\n"
	" ('T7', '2022-01-05', NULL, NULL, NULL),\n"
	" ('T7', '2023-01-05', NULL, NULL, NULL),\n"
	" ('T7', '2024-01-08', 'maintain', '2024-01-30', NULL),\n"
	" ('T7', '2025-01-06', 'maintain', '2025-01-20', NULL),\n"
	" ('T8', '2023-01-25', 'maintain', '2023-02-10', NULL),\n"
	" ('T8', '2024-01-20', 'amend', '2024-02-10', NULL),\n"
	" ('T8', '2025-01-15', 'maintain', '2025-02-01', NULL),\n"
	" ('Y9a','2023-03-20', NULL, NULL, NULL),\n"
	" ('Y9a','2024-03-25', NULL, NULL, NULL),\n"
	" ('Y9b','2023-05-10', NULL, NULL, NULL),\n"
	" ('Y9b','2024-05-08', NULL, NULL, NULL),\n"
	" ('T9', '2022-06-01', 'amend', '2022-06-20', '2023-09-15')\n"
	") v (ref, m, dec, dd, ad) JOIN ehcp_plan p ON p.plan_ref = v.ref;\n";

/* The register's figures by quarter, 2024-Q1 to 2025-Q2, as of 2025-05-15
 * (worked out in main). */
static const char by_quarter[] =
	"2024-Q1,9,5,3,1,55.6,1,0,0.0,7,4,57.1,2,1,50.0,3,2,2,1,2,1,2,1,2,19,0,0,0,0,0,0,0,0,0,0\n"
	"2024-Q2,5,4,1,0,80.0,1,1,100.0,5,2,40.0,0,0,,0,0,0,0,0,0,0,0,2,19,0,0,0,0,0,0,0,0,0,0\n"
	"2024-Q3,1,1,0,0,100.0,0,0,,1,0,0.0,0,0,,0,0,0,0,0,0,0,0,2,19,0,0,0,0,0,0,0,0,0,0\n"
	"2024-Q4,3,2,0,1,66.7,0,0,,2,0,0.0,1,0,0.0,0,0,0,0,0,0,0,0,3,18,1,0,0,0,0,1,0,0,0,0\n"
	"2025-Q1,8,5,0,3,62.5,0,0,,5,3,60.0,0,0,,0,0,0,0,1,1,0,0,5,18,0,0,0,0,0,0,0,0,0,0\n"
	"2025-Q2,2,1,0,1,50.0,0,0,,0,0,,0,0,,0,0,0,0,0,0,0,0,7,18,0,0,0,0,0,0,0,0,0,0\n"
	"total,28,18,4,6,64.3,2,1,50.0,20,9,45.0,3,1,33.3,3,2,2,1,3,2,2,1,7,18,1,0,0,0,0,1,0,0,0,0\n";

int main(void)
{
	s = dbtest_store("review_report", NULL);
	dbtest_exec(ehcp_store_conn(s), register_sql);

	/*
	 * Reviews due, by quarter (i in time, l late, o overdue):
	 *  2024-Q1  B i, D o, E i (start ye 2024-01-14), F i, G i, T4 l, T7 l
	 *           (due 2024-01-04, held 01-08), T8 i, Y9a l = 9: 5 i, 3 l, 1 o;
	 *           Year 9: Y9a
	 *  2024-Q2  C l, T2 i, T1 i, H i, Y9b i (Year 9) = 5: 4 i, 1 l
	 *  2024-Q3  T5 (due and held 2024-09-30) i
	 *  2024-Q4  B i, T3 i, T6 o = 3: 2 i, 1 o
	 *  2025-Q1  A i, E i, F i, T7 i, T8 i, T4 o, Y9a o (Year 10), T2 o = 8
	 *  2025-Q2  T1 i (due 05-09, held 05-01), Y9b o (05-07) = 2
	 *  total    28: 18 i (64.3%), 4 l, 6 o; Year 9 2, 1 in time.
	 * Decisions (meetings held by 2025-04-17, so due by the as-of day):
	 *  Q1 E, F, Y9a none; G, T4, T7, T8 in time: 7, 4 (57.1%)
	 *  Q2 C, T1 in time; H, T2, Y9b none: 5, 2.  Q3 T5 late.  Q4 B late, T3 none.
	 *  2025-Q1 A (on day 28), T7, T8 in time; E, F none: 5, 3.  2025-Q2 none.
	 * Amended plans (amend decided, 12 weeks run by the as-of day): Q1 T4 in
	 *  time, T8 none; Q4 B late.
	 * Transfers: Q1 reception T1 and T9 met, T2 not; year6 T3 met, T4 not; year11
	 *  T5 met, T6 not; local T7 met, T8 not.  2025-Q1 year11 T8 met.
	 * Overdue at each end: 2024-03-31, 06-30, 09-30 D, T9; 12-31 D, T9, T6;
	 *  2025-03-31 D, T9, T6, T4, Y9a (T2 is due that very day); 2025-05-15
	 *  also T2 and Y9b: 7.  Maintained: 19, and 18 once G ceased (Q4).
	 */
	CHECK_STR(run("2024-01-01", "2025-06-30", "2025-05-15", EHCP_PERIOD_QUARTER, false), by_quarter);

	/* The plans behind 2024-Q1 (limits: T8 2024-01-20 + 84 = 04-13, Jan 31
	 * +11, Feb 29 +40, Mar 31 +71; F 02-01 + 28 = 02-29). */
	CHECK_STR(run("2024-01-01", "2024-03-31", "2025-05-15", EHCP_PERIOD_QUARTER, true),
	          "2024-Q1,T8,amended,2024-04-13,,overdue\n"
	          "2024-Q1,T4,amended,2024-05-24,2024-05-20,in_time\n"
	          "2024-Q1,T7,decision,2024-02-05,2024-01-30,in_time\n"
	          "2024-Q1,E,decision,2024-02-07,,overdue\n"
	          "2024-Q1,T8,decision,2024-02-17,2024-02-10,in_time\n"
	          "2024-Q1,F,decision,2024-02-29,,overdue\n"
	          "2024-Q1,G,decision,2024-03-04,2024-03-01,in_time\n"
	          "2024-Q1,T4,decision,2024-03-29,2024-03-20,in_time\n"
	          "2024-Q1,Y9a,decision,2024-04-22,,overdue\n"
	          "2024-Q1,T9,overdue_at_end,2023-05-31,,overdue\n"
	          "2024-Q1,D,overdue_at_end,2024-01-19,,overdue\n"
	          "2024-Q1,T4,review,2024-01-04,2024-03-01,late\n"
	          "2024-Q1,T7,review,2024-01-04,2024-01-08,late\n"
	          "2024-Q1,E,review,2024-01-14,2024-01-10,in_time\n"
	          "2024-Q1,D,review,2024-01-19,,overdue\n"
	          "2024-Q1,T8,review,2024-01-24,2024-01-20,in_time\n"
	          "2024-Q1,G,review,2024-02-09,2024-02-05,in_time\n"
	          "2024-Q1,F,review,2024-02-29,2024-02-01,in_time\n"
	          "2024-Q1,B,review,2024-03-09,2023-12-01,in_time\n"
	          "2024-Q1,Y9a,review,2024-03-19,2024-03-25,late\n"
	          "2024-Q1,T7,transfer_local,2024-02-14,2024-01-30,met\n"
	          "2024-Q1,T8,transfer_local,2024-03-30,,not_met\n"
	          "2024-Q1,T1,transfer_reception,2024-02-14,2023-10-01,met\n"
	          "2024-Q1,T2,transfer_reception,2024-02-14,,not_met\n"
	          "2024-Q1,T9,transfer_reception,2024-02-14,2023-09-15,met\n"
	          "2024-Q1,T5,transfer_year11,2024-03-30,2024-03-25,met\n"
	          "2024-Q1,T6,transfer_year11,2024-03-30,,not_met\n"
	          "2024-Q1,T3,transfer_year6,2024-02-14,2023-12-10,met\n"
	          "2024-Q1,T4,transfer_year6,2024-02-14,,not_met\n"
	          "2024-Q1,Y9a,year9,2024-03-19,2024-03-25,late\n");

	/* As of 2024-11-29, the day before E's transfer: E's 2024-01-10 review
	 * is due 2025-01-09, after the range; B's 2024-11-20 meeting is known
	 * but its decision (due 12-18) is not yet due; T6 is due 11-30, not
	 * yet; G is not yet ceased.  Q4 holds B (due 11-30 > as of: not yet)
	 * and T3 (11-19, held 11-10).  Overdue: D and T9. */
	CHECK_STR(run("2024-10-01", "2024-12-31", "2024-11-29", EHCP_PERIOD_QUARTER, false),
	          "2024-Q4,1,1,0,0,100.0,0,0,,0,0,,0,0,,0,0,0,0,0,0,0,0,2,19,0,0,0,0,0,0,0,0,0,0\n"
	          "total,1,1,0,0,100.0,0,0,,0,0,,0,0,,0,0,0,0,0,0,0,0,2,19,0,0,0,0,0,0,0,0,0,0\n");

	/* The report reads the register on three connections at once where it
	 * can (review_report_sql.h); a login allowed one connection only gets
	 * the same figures, each stream read in turn on it.  (Superusers pass
	 * connection limits by, so the login is an ordinary one.) */
	{
		char role[64], sql[256], ci[1200];
		snprintf(role, sizeof role, "rr_one_%ld", (long)getpid());
		snprintf(sql, sizeof sql, "CREATE ROLE %s LOGIN CONNECTION LIMIT 1 IN ROLE ehcp_reader", role);
		dbtest_exec(ehcp_store_conn(s), sql);
		snprintf(ci, sizeof ci, "%s user=%s", dbtest_conninfo, role);
		ehcp_store *one = NULL;
		CHECK_INT(ehcp_store_open(&one, ci, NULL), 0);
		ehcp_store *both = s;
		s = one;
		CHECK_STR(run("2024-01-01", "2025-06-30", "2025-05-15", EHCP_PERIOD_QUARTER, false), by_quarter);
		/* and the plans behind a quarter, which read one more stream */
		char *cases_one = strdup(run("2024-01-01", "2024-03-31", "2025-05-15", EHCP_PERIOD_QUARTER, true));
		s = both;
		CHECK_STR(run("2024-01-01", "2024-03-31", "2025-05-15", EHCP_PERIOD_QUARTER, true), cases_one);
		free(cases_one);
		ehcp_store_free(one);
		snprintf(sql, sizeof sql, "DROP ROLE %s", role);
		dbtest_exec(ehcp_store_conn(s), sql);
	}

	/* In `ehcp serve` the report's connections may get descriptors past
	 * FD_SETSIZE (1024), which select() cannot wait on (FD_SET would write
	 * past its set): the same figures with the descriptors below 1100 all
	 * taken.  Skipped where the limit cannot be raised that far. */
	{
		struct rlimit rl;
		int taken[1100], nt = 0;
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_max >= 1200) {
			rl.rlim_cur = rl.rlim_max < 4096 ? rl.rlim_max : 4096;
			(void)setrlimit(RLIMIT_NOFILE, &rl);
		}
		int fd;
		while (nt < 1100 && (fd = open("/dev/null", O_RDONLY)) >= 0) {
			taken[nt++] = fd;
			if (fd >= 1100)
				break;
		}
		if (nt > 0 && taken[nt - 1] >= 1100) {
			CHECK_STR(run("2024-01-01", "2025-06-30", "2025-05-15", EHCP_PERIOD_QUARTER, false), by_quarter);
			/* the wait itself, on connections with nothing yet to read
			 * (a small report's rows come with its first reply) */
			PGconn *c[3] = {PQconnectdb(dbtest_conninfo), NULL, PQconnectdb(dbtest_conninfo)};
			CHECK(PQstatus(c[0]) == CONNECTION_OK && PQstatus(c[2]) == CONNECTION_OK);
			CHECK(PQsocket(c[0]) > 1100 && PQsocket(c[2]) > 1100);
			CHECK_INT(PQsendQuery(c[2], "SELECT pg_sleep(0.2), 42"), 1);
			int waits = 0, err = 0;
			while (PQisBusy(c[2]) && err == 0 && waits++ < 100)
				err = ehcp_sql_wait_any(c, 3, "waiting");
			CHECK_INT(err, 0);
			CHECK_INT(ehcp_sql_wait_any(c, 0, "waiting"), EHCP_EINVALID);
			CHECK_INT(ehcp_sql_wait_any(c, EHCP_SQL_WAIT_MAX + 1, "waiting"), EHCP_EINVALID);
			CHECK(strstr(ehcp_error_last(), "waiting: 9 connections to wait on, not 1 to 8") != NULL);
			PGresult *res = PQgetResult(c[2]);
			CHECK_STR(PQresultStatus(res) == PGRES_TUPLES_OK ? PQgetvalue(res, 0, 1) : "?", "42");
			PQclear(res);
			while ((res = PQgetResult(c[2])))
				PQclear(res);
			PQfinish(c[0]);
			PQfinish(c[2]);
		} else
			fprintf(stderr, "test_review_report: cannot open 1,100 files here; the high-descriptor check skipped\n");
		while (nt > 0)
			close(taken[--nt]);
	}

	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_review_report");
}
