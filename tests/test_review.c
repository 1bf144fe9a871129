/* The review clock on dates worked by hand (shared/docs/statutory-clock.md,
 * "Annual reviews", "Phase transfers", and the 12-month rule). */
#include "clock_spec.h"
#include "ehcp/review.h"
#include "harness.h"

static const char *iso(ehcp_date d)
{
	static char buf[8][EHCP_DATE_ISO_LEN];
	static int i;
	i = (i + 1) % 8;
	return ehcp_date_format_iso(buf[i], d);
}

static void test_year_end(void)
{
	static const char *const cases[][2] = {
	    {"2024-02-29", "2025-02-28"}, /* the reference's example: anniversary 1 March 2025 */
	    {"2024-01-31", "2025-01-30"}, /* and its other one */
	    {"2023-01-01", "2023-12-31"},
	    {"2023-12-31", "2024-12-30"},
	    {"2020-02-29", "2021-02-28"},
	    {"2023-02-28", "2024-02-27"},
	    {"2023-03-01", "2024-02-29"}, /* the 12 months end on a leap day */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_STR(iso(ehcp_review_year_end(spec_date(cases[i][0]))), cases[i][1]);
}

static void test_year_groups_and_transfers(void)
{
	/* The reference: born 10 March 2014, Year 6 -> 7 in September 2025,
	 * amended before 15 February 2025; Year 11 -> 12 in September 2030,
	 * before 31 March 2030. */
	const ehcp_date dob = spec_date("2014-03-10");
	CHECK_INT(ehcp_review_nc_year(dob, 0, spec_date("2018-09-01")), 0);  /* Reception */
	CHECK_INT(ehcp_review_nc_year(dob, 0, spec_date("2018-08-31")), -1);
	CHECK_INT(ehcp_review_nc_year(dob, 0, spec_date("2025-06-01")), 6);
	CHECK_INT(ehcp_review_nc_year(dob, 0, spec_date("2025-09-01")), 7);
	CHECK_INT(ehcp_review_nc_year(dob, -1, spec_date("2025-09-01")), 6); /* a year behind */
	/* the school year of birth: 31 August and 1 September */
	CHECK_INT(ehcp_review_nc_year(spec_date("2014-08-31"), 0, spec_date("2018-09-03")), 0);
	CHECK_INT(ehcp_review_nc_year(spec_date("2014-09-01"), 0, spec_date("2018-09-03")), -1);

	ehcp_plan_dates p = EHCP_PLAN_DATES_INIT;
	p.start = spec_date("2019-05-01");
	p.date_of_birth = dob;
	ehcp_phase_transfer t;
	ehcp_review_next_transfer(&t, &p, spec_date("2024-06-01"));
	CHECK_INT(t.kind, EHCP_TRANSFER_SECONDARY);
	CHECK_STR(iso(t.transfer), "2025-09-01");
	CHECK_STR(iso(t.deadline), "2025-02-14");
	ehcp_review_next_transfer(&t, &p, spec_date("2025-09-01"));   /* the day of the move: the next one */
	CHECK_INT(t.kind, EHCP_TRANSFER_POST16);
	CHECK_STR(iso(t.transfer), "2030-09-01");
	CHECK_STR(iso(t.deadline), "2030-03-30");
	ehcp_review_next_transfer(&t, &p, spec_date("2030-09-01"));
	CHECK_INT(t.kind, EHCP_TRANSFER_NONE);
	p.year_offset = -1;
	ehcp_review_next_transfer(&t, &p, spec_date("2024-06-01"));
	CHECK_STR(iso(t.transfer), "2026-09-01");
	CHECK_STR(iso(t.deadline), "2026-02-14");
	p.year_offset = 0;
	/* early years into Reception: born 5 November 2021, Reception 2026 */
	ehcp_plan_dates e = EHCP_PLAN_DATES_INIT;
	e.start = spec_date("2024-01-10");
	e.date_of_birth = spec_date("2021-11-05");
	ehcp_review_next_transfer(&t, &e, spec_date("2025-01-01"));
	CHECK_INT(t.kind, EHCP_TRANSFER_RECEPTION);
	CHECK_STR(iso(t.transfer), "2026-09-01");
	CHECK_STR(iso(t.deadline), "2026-02-14");
	/* a local pattern (a middle school), and a local post-16 move */
	p.local_transfer = spec_date("2026-09-03");
	ehcp_review_next_transfer(&t, &p, spec_date("2024-06-01"));
	CHECK_INT(t.kind, EHCP_TRANSFER_LOCAL);
	CHECK_STR(iso(t.deadline), "2026-02-14");
	p.local_post16 = true;
	ehcp_review_next_transfer(&t, &p, spec_date("2024-06-01"));
	CHECK_STR(iso(t.deadline), "2026-03-30");
	/* once the local move is past, the national pattern again */
	ehcp_review_next_transfer(&t, &p, spec_date("2026-09-03"));
	CHECK_INT(t.kind, EHCP_TRANSFER_POST16);
	/* A move between post-16 institutions at another time (reg 18(2)), for
	 * a young person born 10 March 2014: Year 12 from 1 September 2030,
	 * Year 13 from 2031.  Worked by hand: */
	static const struct {
		const char *move;
		int offset;
		bool post16;
		const char *deadline, *why;
	} moves[] = {
	    {"2032-01-05", 0, true, "2031-08-05", "changing college in January: 5 months before, not 30 March 2032"},
	    {"2033-07-31", 0, true, "2033-02-28", "5 months before 31 July: a day February lacks, its last"},
	    {"2032-07-31", 0, true, "2032-02-29", "the same in a leap year"},
	    {"2030-10-01", 0, true, "2030-05-01", "in Year 12 from its first day: October is another time"},
	    {"2031-09-08", 0, true, "2031-03-30", "a September move starts a school year: 31 March, in Year 13 too"},
	    {"2030-01-06", 0, true, "2030-03-30", "a Year 11 pupil leaving school in January: 31 March (reg 18(1))"},
	    {"2031-01-06", -1, true, "2031-03-30", "a year behind: in Year 11 in January 2031"},
	    {"2032-01-06", -1, true, "2031-08-06", "a year behind: in Year 12 in January 2032"},
	    {"2032-01-05", 0, false, "2032-02-14", "a move to a school: 15 February whenever it is"},
	};
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++) {
		p.local_transfer = spec_date(moves[i].move);
		p.year_offset = moves[i].offset;
		p.local_post16 = moves[i].post16;
		ehcp_review_next_transfer(&t, &p, spec_date("2029-06-01"));
		CHECK_INT(t.kind, EHCP_TRANSFER_LOCAL);
		const char *got = iso(t.deadline);
		if (strcmp(got, moves[i].deadline) != 0)
			fprintf(stderr, "%s %s: ", moves[i].move, moves[i].why);
		CHECK_STR(got, moves[i].deadline);
	}
	p.year_offset = 0;
	/* no date of birth: a post-16 move at another time is 5 months before */
	ehcp_plan_dates q = EHCP_PLAN_DATES_INIT;
	q.start = spec_date("2020-01-01");
	q.local_transfer = spec_date("2027-02-15");
	q.local_post16 = true;
	ehcp_review_next_transfer(&t, &q, spec_date("2026-01-01"));
	CHECK_INT(t.kind, EHCP_TRANSFER_LOCAL);
	CHECK_STR(iso(t.deadline), "2026-09-15");
	q.local_transfer = spec_date("2027-09-06");
	ehcp_review_next_transfer(&t, &q, spec_date("2026-01-01"));
	CHECK_STR(iso(t.deadline), "2027-03-30");
	/* no date of birth: none */
	ehcp_plan_dates n = EHCP_PLAN_DATES_INIT;
	n.start = spec_date("2020-01-01");
	ehcp_review_next_transfer(&t, &n, spec_date("2024-06-01"));
	CHECK_INT(t.kind, EHCP_TRANSFER_NONE);
	CHECK_STR(ehcp_transfer_kind_name(EHCP_TRANSFER_POST16), "post16");
}

static void test_next_due(void)
{
	ehcp_plan_dates p = EHCP_PLAN_DATES_INIT;
	p.start = spec_date("2024-02-29");
	ehcp_review_dates r[2] = {EHCP_REVIEW_DATES_INIT, EHCP_REVIEW_DATES_INIT};
	CHECK_STR(iso(ehcp_review_next_due(&p, r, 0, spec_date("2024-06-01"))), "2025-02-28");
	/* reviewed early: the 12 months restart on the meeting */
	r[0].meeting = spec_date("2025-01-20");
	CHECK_STR(iso(ehcp_review_next_due(&p, r, 1, spec_date("2025-01-20"))), "2026-01-19");
	CHECK_STR(iso(ehcp_review_next_due(&p, r, 1, spec_date("2025-01-19"))), "2025-02-28"); /* not yet held */
	/* the last meeting counts, whatever the order given */
	r[1] = r[0];
	r[0].meeting = spec_date("2026-01-05");
	CHECK_STR(iso(ehcp_review_next_due(&p, r, 2, spec_date("2026-03-01"))), "2027-01-04");
	/* ceased: no review due */
	p.ceased = spec_date("2025-06-30");
	CHECK_INT(ehcp_review_next_due(&p, r, 2, spec_date("2025-07-01")), EHCP_DATE_NONE);
	CHECK_STR(iso(ehcp_review_next_due(&p, r, 2, spec_date("2025-06-29"))), "2026-01-19");

	/* transferred in (reg 15(5)): the later of its own date and 3 months on */
	ehcp_plan_dates t = EHCP_PLAN_DATES_INIT;
	t.start = spec_date("2023-05-10");
	t.transferred_in = spec_date("2024-04-15");
	CHECK_STR(iso(ehcp_review_next_due(&t, NULL, 0, spec_date("2024-04-20"))), "2024-07-15");
	CHECK_STR(iso(ehcp_review_next_due(&t, NULL, 0, spec_date("2024-04-14"))), "2024-05-09"); /* before it came */
	t.start = spec_date("2023-11-20");
	t.transferred_in = spec_date("2024-01-10");
	CHECK_STR(iso(ehcp_review_next_due(&t, NULL, 0, spec_date("2024-02-01"))), "2024-11-19");
	t.start = spec_date("2023-01-05");            /* its own date, 4 January 2024, comes first */
	t.transferred_in = spec_date("2023-11-30");   /* 3 months on from 30 November: 29 February */
	CHECK_STR(iso(ehcp_review_next_due(&t, NULL, 0, spec_date("2023-12-01"))), "2024-02-29");
	/* a meeting after the transfer restarts the count as for any plan */
	ehcp_review_dates m = EHCP_REVIEW_DATES_INIT;
	m.meeting = spec_date("2024-02-12");
	CHECK_STR(iso(ehcp_review_next_due(&t, &m, 1, spec_date("2024-03-01"))), "2025-02-11");
}

static void test_review_deadlines(void)
{
	ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
	r.meeting = spec_date("2024-03-11");
	ehcp_review_deadline dl[EHCP_REVIEW_DL_COUNT];
	ehcp_review_deadlines(dl, &r);
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_INVITATIONS].due), "2024-02-26");
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_REPORT].due), "2024-03-25");
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_DECISION].due), "2024-04-08");
	CHECK(!dl[EHCP_REVIEW_DL_PROPOSALS].applies);
	CHECK(!dl[EHCP_REVIEW_DL_AMENDED].applies);
	r.decision = EHCP_REVIEW_AMEND;
	r.decision_date = spec_date("2024-04-01");
	r.proposals = spec_date("2024-04-01");
	ehcp_review_deadlines(dl, &r);
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_PROPOSALS].due), "2024-04-08");
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_AMENDED].due), "2024-05-27");   /* 8 weeks after the proposals */
	r.proposals = spec_date("2024-04-20");                          /* late proposals */
	ehcp_review_deadlines(dl, &r);
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_AMENDED].due), "2024-06-03");   /* but never past 12 weeks */
	r.proposals = EHCP_DATE_NONE;
	ehcp_review_deadlines(dl, &r);
	CHECK_STR(iso(dl[EHCP_REVIEW_DL_AMENDED].due), "2024-06-03");
	CHECK_STR(ehcp_review_deadline_name(EHCP_REVIEW_DL_AMENDED), "amended_plan");
}

static void test_status(void)
{
	ehcp_plan_dates p = EHCP_PLAN_DATES_INIT;
	p.start = spec_date("2023-06-15");
	p.date_of_birth = spec_date("2012-01-20");   /* Year 11 in 2027-28, post-16 in September 2028 */
	ehcp_plan_view v;
	ehcp_plan_view_on(&v, &p, NULL, 0, spec_date("2024-01-10"), 14);
	CHECK_INT(v.status, EHCP_PLAN_ON_TRACK);
	CHECK_STR(iso(v.review_due), "2024-06-14");
	CHECK_INT(v.nc_year, 7);   /* Reception 2016-17, so Year 7 in 2023-24 */
	CHECK_INT(v.transfer.kind, EHCP_TRANSFER_POST16);
	CHECK_STR(iso(v.transfer.deadline), "2028-03-30");
	ehcp_plan_view_on(&v, &p, NULL, 0, spec_date("2024-06-01"), 14);
	CHECK_INT(v.status, EHCP_PLAN_NEARING);
	ehcp_plan_view_on(&v, &p, NULL, 0, spec_date("2024-06-15"), 14);
	CHECK_INT(v.status, EHCP_PLAN_OVERDUE);
	CHECK_STR(iso(v.late_due), "2024-06-14");

	/* held in time, but its decision is outstanding past 4 weeks */
	ehcp_review_dates r = EHCP_REVIEW_DATES_INIT;
	r.meeting = spec_date("2024-05-20");
	r.report = spec_date("2024-05-31");
	ehcp_plan_view_on(&v, &p, &r, 1, spec_date("2024-06-10"), 14);
	CHECK_INT(v.status, EHCP_PLAN_NEARING);            /* the decision is due 17 June */
	CHECK_STR(iso(v.next_due), "2024-06-17");
	ehcp_plan_view_on(&v, &p, &r, 1, spec_date("2024-06-18"), 14);
	CHECK_INT(v.status, EHCP_PLAN_OVERDUE);
	r.decision = EHCP_REVIEW_MAINTAIN;
	r.decision_date = spec_date("2024-06-14");
	ehcp_plan_view_on(&v, &p, &r, 1, spec_date("2024-06-18"), 14);
	CHECK_INT(v.status, EHCP_PLAN_ON_TRACK);
	CHECK_STR(iso(v.review_due), "2025-05-19");
	/* a decision recorded after the day looked from does not count yet */
	ehcp_plan_view_on(&v, &p, &r, 1, spec_date("2024-06-13"), 14);
	CHECK_INT(v.status, EHCP_PLAN_NEARING);

	/* An earlier review's missed step is history once a later meeting is
	 * held: a 2024 decision to amend whose amended plan never came (due by
	 * min(20 May + 84, proposals 10 June + 56) = 5 August 2024) stops being
	 * outstanding on the next meeting, 12 May 2025. */
	ehcp_review_dates two[2] = {EHCP_REVIEW_DATES_INIT, EHCP_REVIEW_DATES_INIT};
	two[0] = r;
	two[0].decision = EHCP_REVIEW_AMEND;
	two[0].decision_date = two[0].proposals = spec_date("2024-06-10");
	two[1].meeting = spec_date("2025-05-12");
	ehcp_plan_view_on(&v, &p, two, 1, spec_date("2024-08-06"), 14);
	CHECK_INT(v.status, EHCP_PLAN_OVERDUE);
	CHECK_STR(iso(v.late_due), "2024-08-05");
	ehcp_plan_item items[EHCP_PLAN_OUTSTANDING_MAX];
	/* on 6 Aug 2024: the next review (19 May 2025) and the amended plan */
	CHECK_INT((int)ehcp_plan_outstanding(items, &p, two, 2, spec_date("2024-08-06")), 3);
	CHECK_INT(items[1].kind, EHCP_DUE_AMENDED_PLAN);
	CHECK_STR(iso(items[1].due), "2024-08-05");
	CHECK_STR(iso(items[1].meeting), "2024-05-20");
	CHECK_INT(items[2].kind, EHCP_DUE_TRANSFER_POST16);
	/* on 13 May 2025, after the second meeting: its report (26 May) and
	 * decision (9 June) are due, the old amended plan is not */
	CHECK_INT((int)ehcp_plan_outstanding(items, &p, two, 2, spec_date("2025-05-13")), 4);
	CHECK_INT(items[1].kind, EHCP_DUE_REPORT);
	CHECK_STR(iso(items[1].meeting), "2025-05-12");
	CHECK_INT(items[2].kind, EHCP_DUE_DECISION);
	CHECK_STR(iso(items[2].due), "2025-06-09");
	ehcp_plan_view_on(&v, &p, two, 2, spec_date("2025-05-13"), 14);
	CHECK_INT(v.status, EHCP_PLAN_NEARING);
	CHECK_STR(iso(v.next_due), "2025-05-26");

	/* a phase transfer: the Year 6 deadline missed, then met */
	ehcp_plan_dates y6 = EHCP_PLAN_DATES_INIT;
	y6.start = spec_date("2024-09-10");
	y6.date_of_birth = spec_date("2014-03-10");
	ehcp_plan_view_on(&v, &y6, NULL, 0, spec_date("2025-02-15"), 14);
	CHECK_INT(v.status, EHCP_PLAN_OVERDUE);
	CHECK_STR(iso(v.late_due), "2025-02-14");
	CHECK(!v.transfer_met);
	ehcp_review_dates a = EHCP_REVIEW_DATES_INIT;
	a.meeting = spec_date("2024-11-04");
	a.report = spec_date("2024-11-12");
	a.decision = EHCP_REVIEW_AMEND;
	a.decision_date = spec_date("2024-11-25");
	a.proposals = spec_date("2024-11-25");
	a.amended = spec_date("2025-01-20");
	ehcp_plan_view_on(&v, &y6, &a, 1, spec_date("2025-02-15"), 14);
	CHECK(v.transfer_met);
	CHECK_INT(v.status, EHCP_PLAN_ON_TRACK);
	ehcp_date met = EHCP_DATE_NONE;
	CHECK(ehcp_review_transfer_met(&v.transfer, &a, 1, &met));
	CHECK_STR(iso(met), "2025-01-20");
	/* an amended plan from before the 12 months does not meet it */
	a.amended = spec_date("2024-08-31");
	CHECK(!ehcp_review_transfer_met(&v.transfer, &a, 1, NULL));

	/* ceased */
	p.ceased = spec_date("2024-07-01");
	ehcp_plan_view_on(&v, &p, &r, 1, spec_date("2024-07-01"), 14);
	CHECK_INT(v.status, EHCP_PLAN_CEASED);
	CHECK_INT(v.review_due, EHCP_DATE_NONE);
	CHECK_STR(ehcp_plan_status_name(EHCP_PLAN_CEASED), "ceased");
	CHECK_STR(ehcp_review_decision_name(EHCP_REVIEW_AMEND), "amend");
}

int main(void)
{
	test_year_end();
	test_year_groups_and_transfers();
	test_next_due();
	test_review_deadlines();
	test_status();
	return harness_finish("test_review");
}
