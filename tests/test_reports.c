/* Every report on a caseload built to exercise each rule, with every
 * figure worked out by hand (day counts month by month). */
#include "clock_spec.h"
#include "dbtest.h"

static ehcp_store *s;

/* The report's rows as CSV lines without the header. */
static const char *run(ehcp_report_measure m, const char *from, const char *to, const char *as_of,
                       ehcp_report_period by, unsigned types, ehcp_advice_body body, bool cases)
{
	ehcp_report_options o = EHCP_REPORT_OPTIONS_INIT;
	o.measure = m;
	o.from = spec_date(from);
	o.to = spec_date(to);
	o.as_of = spec_date(as_of);
	o.by = by;
	o.types = types;
	o.body = body;
	o.cases = cases;
	return dbtest_report_text(s, &o);
}

#define ASOF "2022-06-30"

int main(void)
{
	s = dbtest_store("reports", NULL);
	dbtest_import(s, "reports.csv", "2024-12-31");

	/* Plans by month (mean weeks: 1,285 days over 7 plans / 7 = 26.2): day
	 * 140 in, day 141 out; a 2020 request issued in
	 * 2021; exceptions; the re-assessment kept out; empty months have no
	 * percentage; the year pools (57.1%), unlike the mean of its months (60%). */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_MONTH, 0, 0, false),
	          "2021-01,0,0,0,0,,0,0,,0,0,\n"
	          "2021-02,0,0,0,0,,0,0,,0,0,\n"
	          "2021-03,2,0,2,1,50.0,2,1,50.0,0,1,40.0\n"
	          "2021-04,0,0,0,0,,0,0,,0,0,\n"
	          "2021-05,2,0,2,1,50.0,2,1,50.0,1,0,20.1\n"
	          "2021-06,1,0,1,1,100.0,0,0,,0,0,20.0\n"
	          "2021-07,1,0,1,0,0.0,0,0,,1,0,23.4\n"
	          "2021-08,0,0,0,0,,0,0,,0,0,\n"
	          "2021-09,0,0,0,0,,0,0,,0,0,\n"
	          "2021-10,1,0,1,1,100.0,1,1,100.0,0,0,20.0\n"
	          "2021-11,0,0,0,0,,0,0,,0,0,\n"
	          "2021-12,0,0,0,0,,0,0,,0,0,\n"
	          "total,7,0,7,4,57.1,5,3,60.0,2,1,26.2\n");
	CHECK_STR(run(EHCP_REPORT_PLANS, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_QUARTER, 0, 0, false),
	          "2021-Q1,2,0,2,1,50.0,2,1,50.0,0,1,40.0\n"
	          "2021-Q2,3,0,3,2,66.7,2,1,50.0,1,0,20.0\n"
	          "2021-Q3,1,0,1,0,0.0,0,0,,1,0,23.4\n"
	          "2021-Q4,1,0,1,1,100.0,1,1,100.0,0,0,20.0\n"
	          "total,7,0,7,4,57.1,5,3,60.0,2,1,26.2\n");
	/* Re-assessments on their own clock: P6 was decided on 2021-03-22, so its
	 * plan is due 14 weeks later, 2021-06-28 (Mar 31 +9, Apr 30 +39,
	 * May 31 +70, +28); issued 2021-06-07, day 98 from the request. */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_YEAR, 1u << EHCP_REQUEST_REASSESSMENT, 0, false),
	          "2021,1,0,1,1,100.0,1,1,100.0,0,0,14.0\n"
	          "total,1,0,1,1,100.0,1,1,100.0,0,0,14.0\n");
	/* As it stood on 24 May 2021: the day-141 plan was not yet issued. */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2021-01-01", "2021-12-31", "2021-05-24", EHCP_PERIOD_YEAR, 0, 0, false),
	          "2021,3,0,3,2,66.7,3,2,66.7,0,1,33.3\n"
	          "total,3,0,3,2,66.7,3,2,66.7,0,1,33.3\n");
	/* A plan requested in 2021 and issued in 2022 counts in 2022. */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2022-01-01", "2022-12-31", ASOF, EHCP_PERIOD_YEAR, 0, 0, false),
	          "2022,1,0,1,1,100.0,1,1,100.0,0,0,18.7\n"
	          "total,1,0,1,1,100.0,1,1,100.0,0,0,18.7\n");
	/* The cases behind a figure */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2021-05-01", "2021-05-31", ASOF, EHCP_PERIOD_MONTH, 0, 0, true),
	          "2021-05,P1,initial,2021-01-04,2021-05-24,2021-05-24,140,20.0,t,f,f,\n"
	          "2021-05,P2,initial,2021-01-04,2021-05-24,2021-05-25,141,20.1,f,f,f,\n");

	CHECK_STR(run(EHCP_REPORT_DECISIONS, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_MONTH, 0, 0, false),
	          "2021-01,0,0,,0,0,0,,0,0,,0\n"
	          "2021-02,4,3,75.0,0,0,0,,0,0,,0\n"
	          "2021-03,2,2,100.0,0,0,0,,1,0,0.0,0\n"
	          "2021-04,1,0,0.0,1,0,0,,0,0,,0\n"
	          "2021-05,0,0,,0,2,1,50.0,0,0,,0\n"
	          "2021-06,0,0,,0,0,0,,0,0,,0\n"
	          "2021-07,1,1,100.0,0,0,0,,0,0,,0\n"
	          "2021-08,0,0,,0,0,0,,0,0,,0\n"
	          "2021-09,1,1,100.0,0,0,0,,0,0,,0\n"
	          "2021-10,3,3,100.0,0,0,0,,0,0,,0\n"
	          "2021-11,1,1,100.0,0,0,0,,0,0,,0\n"
	          "2021-12,0,0,,0,0,0,,0,0,,0\n"
	          "total,13,11,84.6,1,2,1,50.0,1,0,0.0,0\n");

	CHECK_STR(run(EHCP_REPORT_ADVICE, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_MONTH, 0, EHCP_ADVICE_HEALTH, false),
	          "2021-01,0,0,,0,0,,0\n"
	          "2021-02,0,0,,0,0,,0\n"
	          "2021-03,2,2,100.0,1,1,100.0,1\n"
	          "2021-04,3,0,0.0,2,0,0.0,0\n"
	          "2021-05,0,0,,0,0,,0\n"
	          "2021-06,0,0,,0,0,,0\n"
	          "2021-07,0,0,,0,0,,0\n"
	          "2021-08,0,0,,0,0,,0\n"
	          "2021-09,0,0,,0,0,,0\n"
	          "2021-10,0,0,,0,0,,0\n"
	          "2021-11,0,0,,0,0,,2\n"
	          "2021-12,0,0,,0,0,,2\n"
	          "total,5,2,40.0,3,1,33.3,2\n");
	/* No social care advice was asked for at all. */
	CHECK_STR(run(EHCP_REPORT_ADVICE, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_YEAR, 0, EHCP_ADVICE_SOCIAL_CARE, false),
	          "2021,0,0,,0,0,,0\ntotal,0,0,,0,0,,0\n");
	CHECK_STR(run(EHCP_REPORT_ADVICE, "2021-11-01", "2021-12-31", ASOF, EHCP_PERIOD_MONTH, 0, EHCP_ADVICE_HEALTH, true),
	          "2021-11,O2,outstanding_overdue,2021-10-05,,56,f,f\n"
	          "2021-11,W1,outstanding_overdue,2021-10-05,,56,f,f\n"
	          "2021-12,O2,outstanding_overdue,2021-10-05,,87,f,f\n"
	          "2021-12,O1,outstanding_overdue,2021-11-02,,59,f,f\n"
	          "total,O2,outstanding_overdue,2021-10-05,,87,f,f\n"
	          "total,O1,outstanding_overdue,2021-11-02,,59,f,f\n");

	CHECK_STR(run(EHCP_REPORT_COHORT, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_QUARTER, 0, 0, false),
	          "2021-Q1,7,2,2,0,0,3,50.0\n"
	          "2021-Q2,1,1,0,0,0,0,100.0\n"
	          "2021-Q3,4,1,0,2,0,1,33.3\n"
	          "2021-Q4,1,0,0,1,0,0,0.0\n"
	          "total,13,4,2,3,0,4,44.4\n");

	CHECK_STR(run(EHCP_REPORT_BACKLOG, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_MONTH, 0, 0, false),
	          "2021-01,1,0,0,0,1,0\n"
	          "2021-02,1,0,0,0,1,0\n"
	          "2021-03,0,0,0,0,0,0\n"
	          "2021-04,0,0,0,0,0,0\n"
	          "2021-05,0,0,0,0,0,0\n"
	          "2021-06,1,1,0,0,0,0\n"
	          "2021-07,0,0,0,0,0,0\n"
	          "2021-08,0,0,0,0,0,0\n"
	          "2021-09,0,0,0,0,0,0\n"
	          "2021-10,0,0,0,0,0,0\n"
	          "2021-11,0,0,0,0,0,0\n"
	          "2021-12,1,1,0,0,0,0\n"
	          "2022-06-30,3,0,0,2,1,0\n");

	CHECK_STR(run(EHCP_REPORT_SEN2, "2021-01-01", "2021-12-31", ASOF, EHCP_PERIOD_YEAR, 0, 0, false),
	          "requests_received,13\nrequests_refused,1\ndecisions_whether_to_assess,13\n"
	          "decisions_within_6_weeks,11\npercent_decisions_within_6_weeks,84.6\nassessments_completed,9\n"
	          "decisions_not_to_issue,2\nnew_plans_issued,7\nplans_age_under_5,1\nplans_age_5_to_10,1\n"
	          "plans_age_11_to_15,2\nplans_age_16_to_19,1\nplans_age_20_to_25,1\nplans_age_unknown,1\n"
	          "plans_mediation_or_tribunal,0\ntimeliness_base,7\n"
	          "plans_within_20_weeks,4\npercent_within_20_weeks,57.1\ntimeliness_base_excl_exceptions,5\n"
	          "within_20_weeks_excl_exceptions,3\npercent_within_20_weeks_excl_exceptions,60.0\n"
	          "plans_with_exception,2\nover_20_to_52_weeks,2\nover_52_weeks,1\nmean_weeks_to_issue,26.2\n");


	/* The hand-worked cases of the corrected rules, in 2024 (as of the
	 * year's end).  RA1, the reference's example: requested 2024-03-01,
	 * decided to re-assess 2024-03-14 (day 13: in time), plan due
	 * 2024-03-14 + 98 = 2024-06-20 (Mar 31 +17, Apr 30 +47, May 31 +78, +20),
	 * issued 2024-06-18, 109 days from the request (30+30+31+18).  RA2:
	 * decided on day 16, 2024-03-17 (due 2024-03-16: late); plan due
	 * 2024-06-23, issued 2024-06-21 in time (112 days).  Mean of the two:
	 * 221 / 2 / 7 = 15.8 weeks. */
#define END24 "2024-12-31"
	CHECK_STR(run(EHCP_REPORT_PLANS, "2024-01-01", "2024-12-31", END24, EHCP_PERIOD_YEAR, 1u << EHCP_REQUEST_REASSESSMENT, 0, false),
	          "2024,2,0,2,2,100.0,2,2,100.0,0,0,15.8\n"
	          "total,2,0,2,2,100.0,2,2,100.0,0,0,15.8\n");
	CHECK_STR(run(EHCP_REPORT_PLANS, "2024-06-01", "2024-06-30", END24, EHCP_PERIOD_MONTH, 1u << EHCP_REQUEST_REASSESSMENT, 0, true),
	          "2024-06,RA1,reassessment,2024-03-01,2024-06-20,2024-06-18,109,15.6,t,f,f,\n"
	          "2024-06,RA2,reassessment,2024-03-01,2024-06-23,2024-06-21,112,16.0,t,f,f,\n");
	/* New plans in 2024: M1 went to mediation (2024-05-10) and T1 to the
	 * tribunal, so both are issued but out of the timeliness base; G1 is
	 * the base: day 140 (2024-02-05 + 140 = 2024-06-24), in time, with an
	 * exception and no note, so the base without exceptions is empty. */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2024-01-01", "2024-12-31", END24, EHCP_PERIOD_YEAR, 0, 0, false),
	          "2024,3,2,1,1,100.0,0,0,,0,0,20.0\n"
	          "total,3,2,1,1,100.0,0,0,,0,0,20.0\n");
	/* T1: refused 2023-10-02, appealed 2023-11-06, ordered to assess
	 * 2024-02-05 (T): its plan is due T + 98 = 2024-05-13 (Feb 29 +24,
	 * Mar 31 +55, Apr 30 +85, +13) and came 2024-05-10, 249 days from the
	 * request.  M1: due 2024-01-08 + 140 = 2024-05-27, issued 2024-06-10
	 * (154 days): late, but it went to mediation. */
	CHECK_STR(run(EHCP_REPORT_PLANS, "2024-05-01", "2024-06-30", END24, EHCP_PERIOD_MONTH, 0, 0, true),
	          "2024-05,T1,initial,2023-09-04,2024-05-13,2024-05-10,249,35.6,t,t,f,\n"
	          "2024-06,M1,initial,2024-01-08,2024-05-27,2024-06-10,154,22.0,f,t,f,\n"
	          "2024-06,G1,initial,2024-02-05,2024-06-24,2024-06-24,140,20.0,t,f,t,setting_closure\n");
	/* Before the tribunal's order (2024-02-05) T1 had ended with a refusal;
	 * after it, its plan counts in time on the tribunal's clock. */
	CHECK_STR(run(EHCP_REPORT_COHORT, "2023-01-01", "2023-12-31", "2024-01-15", EHCP_PERIOD_YEAR, 0, 0, false),
	          "2023,1,0,0,0,0,1,\ntotal,1,0,0,0,0,1,\n");
	CHECK_STR(run(EHCP_REPORT_COHORT, "2023-01-01", "2024-12-31", END24, EHCP_PERIOD_YEAR, 0, 0, false),
	          "2023,1,1,0,0,0,0,100.0\n2024,2,1,1,0,0,0,50.0\ntotal,3,2,1,0,0,0,66.7\n");
	/* Decisions in 2024: M1 day 35, G1 day 35 (Feb 5 to Mar 11), both in
	 * 6 weeks; RA1 day 13 in 15 days, RA2 day 16 not. */
	CHECK_STR(run(EHCP_REPORT_DECISIONS, "2024-01-01", "2024-12-31", END24, EHCP_PERIOD_YEAR, 0, 0, false),
	          "2024,2,2,100.0,0,0,0,,2,1,50.0,0\ntotal,2,2,100.0,0,0,0,,2,1,50.0,0\n");
	CHECK_STR(run(EHCP_REPORT_DECISIONS, "2024-03-01", "2024-03-31", END24, EHCP_PERIOD_MONTH, 0, 0, true),
	          "2024-03,G1,whether_to_assess,assess,2024-02-05,2024-03-11,2024-03-18,35,t\n"
	          "2024-03,RA1,whether_to_reassess,assess,2024-03-01,2024-03-14,2024-03-16,13,t\n"
	          "2024-03,RA2,whether_to_reassess,assess,2024-03-01,2024-03-17,2024-03-16,16,f\n");
	/* sen2 2024: requests M1, G1; assessments completed M1, T1 (plan
	 * decisions in 2024) and G1 (a plan with no plan decision); three new
	 * plans, two out of timeliness; one plan in the base, with an exception. */
	CHECK_STR(run(EHCP_REPORT_SEN2, "2024-01-01", "2024-12-31", END24, EHCP_PERIOD_YEAR, 0, 0, false),
	          "requests_received,2\nrequests_refused,0\ndecisions_whether_to_assess,2\n"
	          "decisions_within_6_weeks,2\npercent_decisions_within_6_weeks,100.0\nassessments_completed,3\n"
	          "decisions_not_to_issue,0\nnew_plans_issued,3\nplans_age_under_5,0\nplans_age_5_to_10,0\n"
	          "plans_age_11_to_15,0\nplans_age_16_to_19,0\nplans_age_20_to_25,0\nplans_age_unknown,3\n"
	          "plans_mediation_or_tribunal,2\ntimeliness_base,1\n"
	          "plans_within_20_weeks,1\npercent_within_20_weeks,100.0\ntimeliness_base_excl_exceptions,0\n"
	          "within_20_weeks_excl_exceptions,0\npercent_within_20_weeks_excl_exceptions,\n"
	          "plans_with_exception,1\nover_20_to_52_weeks,0\nover_52_weeks,0\nmean_weeks_to_issue,20.0\n");

	/* sen2's cases as of a day: M1's decision (2024-02-12) and final plan
	 * (2024-06-10) are dated after 2024-02-01, so they are not shown, nor
	 * the days and age worked out from them; its final plan due by then is
	 * 2024-01-08 + 140.  G1, asked for on 2024-02-05, is not there yet. */
	CHECK_STR(run(EHCP_REPORT_SEN2, "2024-01-01", "2024-12-31", "2024-02-01", EHCP_PERIOD_YEAR, 0, 0, true),
	          "M1,initial,2024-01-08,t,,,f,,,,,,f,,2024-05-27,,,f,\n");

	/* Bad ranges are refused with a reason. */
	CHECK_HAS(run(EHCP_REPORT_PLANS, "2021-12-31", "2021-01-01", ASOF, EHCP_PERIOD_MONTH, 0, 0, false),
	          "ERROR the report's range ends before it starts");

	ehcp_store_free(s);
	dbtest_drop();
	return harness_finish("test_reports");
}
