/* The statutory clock, table-driven, with every value worked out by hand
 * (day counts month by month; checked against Python's datetime). */
#include "clock_spec.h"
#include "harness.h"

static const char *iso(ehcp_date d)
{
	static char buf[8][EHCP_DATE_ISO_LEN];
	static int i;
	i = (i + 1) % 8;
	return ehcp_date_format_iso(buf[i], d);
}

/* Requests used throughout. */
#define R_2020_01_06 .request = "2020-01-06"
#define ASSESSED .decision = "assess", .decision_date = "2020-02-10"
#define ADVICE_ASKED .health_req = "2020-02-11", .sc_req = "2020-02-11", .ep_req = "2020-02-20"

static void test_deadlines(void)
{
	static const struct {
		const char *name;
		spec s;
		/* due dates by kind; "" where the deadline does not apply */
		const char *due[EHCP_DEADLINE_COUNT];
	} cases[] = {
	    {"new request, nothing yet", {R_2020_01_06},
	     {"2020-02-17", "", "", "", "", "2020-05-10", "2020-05-25"}},
	    {"assessed, advice asked (across 29 Feb)", {R_2020_01_06, ASSESSED, ADVICE_ASKED},
	     {"2020-02-17", "2020-03-24", "2020-03-24", "2020-04-02", "2020-04-27", "2020-05-10", "2020-05-25"}},
	    {"request on 29 February", {.request = "2020-02-29"},
	     {"2020-04-11", "", "", "", "", "2020-07-03", "2020-07-18"}},
	    {"across the 2020/2021 year end", {.request = "2020-12-14"},
	     {"2021-01-25", "", "", "", "", "2021-04-18", "2021-05-03"}},
	    {"into the 2020 leap February", {.request = "2019-12-20"},
	     {"2020-01-31", "", "", "", "", "2020-04-23", "2020-05-08"}},
	    {"through the non-leap February of 2021", {.request = "2020-10-20"},
	     {"2020-12-01", "", "", "", "", "2021-02-22", "2021-03-09"}},
	    {"re-assessment: 14 weeks, no notice deadline", {.type = "reassessment", R_2020_01_06, ASSESSED},
	     {"2020-02-17", "", "", "", "", "2020-03-29", "2020-04-13"}},
	    {"transfer in: as an initial request", {.type = "transfer_in", R_2020_01_06, ASSESSED},
	     {"2020-02-17", "", "", "", "2020-04-27", "2020-05-10", "2020-05-25"}},
	    {"refused: no plan deadlines", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10"},
	     {"2020-02-17", "", "", "", "", "", ""}},
	    {"withdrawn before a decision", {R_2020_01_06, .closed = "2020-02-03", .closed_reason = "withdrawn"},
	     {"", "", "", "", "", "", ""}},
	    {"decided not to issue", {R_2020_01_06, ASSESSED, .plan = "not_issue", .plan_date = "2020-04-20"},
	     {"2020-02-17", "", "", "", "2020-04-27", "", ""}},
	    {"decided to issue: no notice deadline", {R_2020_01_06, ASSESSED, .plan = "issue", .plan_date = "2020-04-06"},
	     {"2020-02-17", "", "", "", "", "2020-05-10", "2020-05-25"}},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_deadline dl[EHCP_DEADLINE_COUNT];
		ehcp_clock_deadlines(dl, &c);
		for (int k = 0; k < EHCP_DEADLINE_COUNT; k++) {
			const char *want = cases[i].due[k];
			const char *got = dl[k].applies ? iso(dl[k].due) : "";
			if (strcmp(got, want) != 0)
				fprintf(stderr, "  case \"%s\", deadline %s:\n", cases[i].name, ehcp_deadline_name(k));
			CHECK_STR(got, want);
		}
	}
	/* Hard and advisory deadlines, and what each deadline's milestone is. */
	spec s = {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_rec = "2020-03-20", .plan = "not_issue", .plan_date = "2020-04-20"};
	ehcp_case_dates c = spec_build(&s);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_DECISION].hard);
	CHECK(dl[EHCP_DEADLINE_HEALTH_ADVICE].hard);
	CHECK(!dl[EHCP_DEADLINE_NOT_ISSUE].hard);
	CHECK_STR(iso(dl[EHCP_DEADLINE_DECISION].met), "2020-02-10");
	CHECK_STR(iso(dl[EHCP_DEADLINE_HEALTH_ADVICE].met), "2020-03-20");
	CHECK_STR(iso(dl[EHCP_DEADLINE_SOCIAL_CARE_ADVICE].met), "");
	CHECK_STR(iso(dl[EHCP_DEADLINE_NOT_ISSUE].met), "2020-04-20");
	spec s2 = {R_2020_01_06, .final = "2020-05-25", .draft = "2020-05-01"};
	c = spec_build(&s2);
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].hard);
	CHECK(!dl[EHCP_DEADLINE_SAFE_DRAFT].hard);
	CHECK_STR(iso(dl[EHCP_DEADLINE_FINAL_PLAN].met), "2020-05-25");
	CHECK_STR(iso(dl[EHCP_DEADLINE_SAFE_DRAFT].met), "2020-05-01");
}

static void test_within(void)
{
	ehcp_date r = spec_date("2020-01-06");
	CHECK(ehcp_clock_within(r, spec_date("2020-05-25"), EHCP_DAYS_FINAL));  /* day 140 */
	CHECK(!ehcp_clock_within(r, spec_date("2020-05-26"), EHCP_DAYS_FINAL)); /* day 141 */
	CHECK(ehcp_clock_within(r, spec_date("2020-02-17"), EHCP_DAYS_DECISION));
	CHECK(!ehcp_clock_within(r, spec_date("2020-02-18"), EHCP_DAYS_DECISION));
	CHECK(ehcp_clock_within(r, spec_date("2020-04-27"), EHCP_DAYS_NOT_ISSUE));
	CHECK(!ehcp_clock_within(r, spec_date("2020-04-28"), EHCP_DAYS_NOT_ISSUE));
	CHECK(ehcp_clock_within(r, spec_date("2020-04-13"), EHCP_DAYS_FINAL_REASSESSMENT));
	CHECK(!ehcp_clock_within(r, spec_date("2020-04-14"), EHCP_DAYS_FINAL_REASSESSMENT));
	CHECK(ehcp_clock_within(spec_date("2020-02-11"), spec_date("2020-03-24"), EHCP_DAYS_ADVICE));
	CHECK(!ehcp_clock_within(spec_date("2020-02-11"), spec_date("2020-03-25"), EHCP_DAYS_ADVICE));
	CHECK_INT(ehcp_clock_final_limit(EHCP_REQUEST_INITIAL), 140);
	CHECK_INT(ehcp_clock_final_limit(EHCP_REQUEST_TRANSFER_IN), 140);
	CHECK_INT(ehcp_clock_final_limit(EHCP_REQUEST_REASSESSMENT), 98);
	CHECK_INT(EHCP_DAYS_FINAL, 20 * 7);
	CHECK_INT(EHCP_DAYS_FINAL_REASSESSMENT, 14 * 7);
	CHECK_INT(EHCP_DAYS_DECISION, 6 * 7);
	CHECK_INT(EHCP_DAYS_NOT_ISSUE, 16 * 7);
}

static void test_status(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *on;
		int nearing;
		const char *status, *next, *next_due, *late;
		int elapsed;
	} cases[] = {
	    {"new, weeks to go", {R_2020_01_06}, "2020-01-10", 14, "on_track", "decision", "2020-02-17", "", 4},
	    {"decision 15 days away", {R_2020_01_06}, "2020-02-02", 14, "on_track", "decision", "2020-02-17", "", 27},
	    {"decision 14 days away", {R_2020_01_06}, "2020-02-03", 14, "nearing", "decision", "2020-02-17", "", 28},
	    {"decision due today", {R_2020_01_06}, "2020-02-17", 14, "nearing", "decision", "2020-02-17", "", 42},
	    {"decision a day late", {R_2020_01_06}, "2020-02-18", 14, "overdue", "safe_draft", "2020-05-10", "decision", 43},
	    {"advice due today", {R_2020_01_06, ASSESSED, ADVICE_ASKED}, "2020-03-24", 14, "nearing", "health_advice", "2020-03-24", "", 78},
	    {"advice a day late", {R_2020_01_06, ASSESSED, ADVICE_ASKED}, "2020-03-25", 14, "overdue", "ep_advice", "2020-04-02", "health_advice", 79},
	    {"advice in, notice next", {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_rec = "2020-03-20", .sc_rec = "2020-03-20", .ep_rec = "2020-03-30"},
	     "2020-04-01", 14, "on_track", "not_issue_notice", "2020-04-27", "", 86},
	    {"day 126, no draft: at risk", {R_2020_01_06, ASSESSED}, "2020-05-11", 7, "nearing", "final_plan", "2020-05-25", "", 126},
	    {"day 126, draft served", {R_2020_01_06, ASSESSED, .draft = "2020-05-08"}, "2020-05-11", 7, "on_track", "final_plan", "2020-05-25", "", 126},
	    {"day 140, no plan", {R_2020_01_06, ASSESSED, .draft = "2020-05-08"}, "2020-05-25", 14, "nearing", "final_plan", "2020-05-25", "", 140},
	    {"day 141, no plan", {R_2020_01_06, ASSESSED, .draft = "2020-05-08"}, "2020-05-26", 14, "overdue", "", "", "final_plan", 141},
	    {"plan on day 140", {R_2020_01_06, ASSESSED, .draft = "2020-05-08", .final = "2020-05-25"}, "2020-06-01", 14, "done_in_time", "", "", "", 147},
	    {"plan on day 141", {R_2020_01_06, ASSESSED, .draft = "2020-05-08", .final = "2020-05-26"}, "2020-06-01", 14, "done_late", "", "", "", 147},
	    {"plan late with an exception", {R_2020_01_06, ASSESSED, .final = "2020-06-10", .exception = "personal_circumstances"}, "2020-06-10", 14, "done_late", "", "", "", 156},
	    {"as of before the plan: later milestones ignored", {R_2020_01_06, ASSESSED, .draft = "2020-05-12", .final = "2020-05-20"},
	     "2020-05-01", 14, "nearing", "safe_draft", "2020-05-10", "", 116},
	    {"as of before the decision", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10"}, "2020-02-09", 14, "nearing", "decision", "2020-02-17", "", 34},
	    {"refused", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10"}, "2020-02-10", 14, "ended", "", "", "", 35},
	    {"not to issue", {R_2020_01_06, ASSESSED, .plan = "not_issue", .plan_date = "2020-04-20"}, "2020-05-01", 14, "ended", "", "", "", 116},
	    {"withdrawn", {R_2020_01_06, .closed = "2020-02-03", .closed_reason = "withdrawn"}, "2020-02-03", 14, "ended", "", "", "", 28},
	    {"before the withdrawal", {R_2020_01_06, .closed = "2020-02-28", .closed_reason = "moved_away"}, "2020-02-20", 14, "overdue", "safe_draft", "2020-05-10", "decision", 45},
	    {"re-assessment on day 98", {.type = "reassessment", R_2020_01_06, ASSESSED}, "2020-04-13", 14, "nearing", "final_plan", "2020-04-13", "", 98},
	    {"re-assessment on day 99", {.type = "reassessment", R_2020_01_06, ASSESSED}, "2020-04-14", 14, "overdue", "", "", "final_plan", 99},
	    {"re-assessment plan on day 98", {.type = "reassessment", R_2020_01_06, ASSESSED, .final = "2020-04-13"}, "2020-04-13", 14, "done_in_time", "", "", "", 98},
	    {"re-assessment plan on day 99", {.type = "reassessment", R_2020_01_06, ASSESSED, .final = "2020-04-14"}, "2020-04-14", 14, "done_late", "", "", "", 99},
	    {"earliest missed deadline is named", {R_2020_01_06, ADVICE_ASKED}, "2020-04-05", 14, "overdue", "safe_draft", "2020-05-10", "decision", 90},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_clock_view v;
		ehcp_clock_view_on(&v, &c, spec_date(cases[i].on), cases[i].nearing);
		const char *next = v.next == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(v.next);
		const char *late = v.late == EHCP_DEADLINE_COUNT ? "" : ehcp_deadline_name(v.late);
		int before = harness_failures;
		CHECK_STR(ehcp_status_name(v.status), cases[i].status);
		CHECK_STR(next, cases[i].next);
		CHECK_STR(iso(v.next_due), cases[i].next_due);
		CHECK_STR(late, cases[i].late);
		CHECK_INT(v.elapsed_days, cases[i].elapsed);
		if (harness_failures != before)
			fprintf(stderr, "  in status case \"%s\"\n", cases[i].name);
	}
	/* The exception flag travels beside the status. */
	spec s = {R_2020_01_06, .exception = "absent_from_area"};
	ehcp_case_dates c = spec_build(&s);
	ehcp_clock_view v;
	ehcp_clock_view_on(&v, &c, spec_date("2020-01-07"), EHCP_DAYS_NEARING_DEFAULT);
	CHECK(v.exception);
	spec s2 = {R_2020_01_06};
	c = spec_build(&s2);
	ehcp_clock_view_on(&v, &c, spec_date("2020-01-07"), EHCP_DAYS_NEARING_DEFAULT);
	CHECK(!v.exception);
}

static void test_exceptions(void)
{
	/* Which exception may be recorded where (regs 5(4), 10(4), 13(3) and 8(2)). */
	static const struct {
		const char *code;
		bool for_case, for_advice;
	} valid[] = {
	    {"setting_closure", true, false},
	    {"personal_circumstances", true, true},
	    {"absent_from_area", true, true},
	    {"missed_appointment", false, true},
	    {"coronavirus", true, false},
	};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		ehcp_exception e;
		CHECK_INT(ehcp_exception_parse(&e, valid[i].code), 0);
		CHECK_STR(ehcp_exception_name(e), valid[i].code);
		CHECK_INT(ehcp_exception_valid_for_case(e), valid[i].for_case);
		CHECK_INT(ehcp_exception_valid_for_advice(e), valid[i].for_advice);
	}
	ehcp_exception e;
	CHECK_INT(ehcp_exception_parse(&e, "Coronavirus"), EHCP_EINVALID);
	CHECK_INT(ehcp_exception_parse(&e, "pandemic"), EHCP_EINVALID);

	/* A case exception disapplies the council's limits, not the advice-givers'. */
	spec s = {R_2020_01_06, ASSESSED, ADVICE_ASKED, .exception = "setting_closure"};
	ehcp_case_dates c = spec_build(&s);
	ehcp_deadline dl[EHCP_DEADLINE_COUNT];
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_DECISION].excused);
	CHECK(dl[EHCP_DEADLINE_NOT_ISSUE].excused);
	CHECK(dl[EHCP_DEADLINE_SAFE_DRAFT].excused);
	CHECK(dl[EHCP_DEADLINE_FINAL_PLAN].excused);
	CHECK(!dl[EHCP_DEADLINE_HEALTH_ADVICE].excused);
	CHECK(!dl[EHCP_DEADLINE_EP_ADVICE].excused);
	/* An advice exception disapplies that advice's limit only. */
	spec s2 = {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_exc = "missed_appointment"};
	c = spec_build(&s2);
	ehcp_clock_deadlines(dl, &c);
	CHECK(dl[EHCP_DEADLINE_HEALTH_ADVICE].excused);
	CHECK(!dl[EHCP_DEADLINE_SOCIAL_CARE_ADVICE].excused);
	CHECK(!dl[EHCP_DEADLINE_FINAL_PLAN].excused);
	CHECK(!dl[EHCP_DEADLINE_DECISION].excused);
	/* Nothing is excused without an exception. */
	spec s3 = {R_2020_01_06, ASSESSED, ADVICE_ASKED};
	c = spec_build(&s3);
	ehcp_clock_deadlines(dl, &c);
	for (int k = 0; k < EHCP_DEADLINE_COUNT; k++)
		CHECK(!dl[k].excused);
}

static void test_codes(void)
{
	ehcp_request_type t;
	CHECK_INT(ehcp_request_type_parse(&t, ""), 0);
	CHECK_INT(t, EHCP_REQUEST_INITIAL);
	CHECK_INT(ehcp_request_type_parse(&t, "transfer_in"), 0);
	CHECK_STR(ehcp_request_type_name(t), "transfer_in");
	CHECK_INT(ehcp_request_type_parse(&t, "Initial"), EHCP_EINVALID);
	ehcp_status st;
	for (int i = EHCP_STATUS_ON_TRACK; i <= EHCP_STATUS_ENDED; i++) {
		CHECK_INT(ehcp_status_parse(&st, ehcp_status_name((ehcp_status)i)), 0);
		CHECK_INT(st, i);
	}
	CHECK_INT(ehcp_status_parse(&st, "late"), EHCP_EINVALID);
	char buf[16];
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 140), "20w 0d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 101), "14w 3d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 0), "0w 0d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, 6), "0w 6d");
	CHECK_STR(ehcp_clock_format_elapsed(buf, sizeof buf, -3), "-0w 3d");
}

static void test_comment_period(void)
{
	/* Served on 1 May, the 15 days run to 15 May: a plan on 16 May is fine. */
	spec ok = {R_2020_01_06, ASSESSED, .draft = "2020-05-01", .final = "2020-05-16"};
	spec short_ = {R_2020_01_06, ASSESSED, .draft = "2020-05-01", .final = "2020-05-15"};
	spec none = {R_2020_01_06, ASSESSED, .draft = "2020-05-01"};
	ehcp_case_dates c = spec_build(&ok);
	CHECK(!ehcp_clock_comment_period_cut_short(&c));
	c = spec_build(&short_);
	CHECK(ehcp_clock_comment_period_cut_short(&c));
	c = spec_build(&none);
	CHECK(!ehcp_clock_comment_period_cut_short(&c));
}

static void test_consistency(void)
{
	static const struct {
		const char *name;
		spec s;
		const char *today;
		const char *fields;   /* every field at fault, in order, comma-separated */
		const char *first;    /* the first problem's message */
	} cases[] = {
	    {"consistent", {R_2020_01_06, ASSESSED, ADVICE_ASKED, .health_rec = "2020-03-20", .plan = "issue", .plan_date = "2020-04-06",
	                    .draft = "2020-04-14", .final = "2020-05-25"}, "2020-06-01", "", ""},
	    {"decision before the request", {R_2020_01_06, .decision = "assess", .decision_date = "2020-01-01"}, NULL,
	     "assessment_decision_date", "assessment_decision_date 2020-01-01 is before request_date 2020-01-06"},
	    {"final plan before the draft", {R_2020_01_06, ASSESSED, .draft = "2020-05-20", .final = "2020-05-14"}, NULL,
	     "final_plan_date", "final_plan_date 2020-05-14 is before draft_plan_date 2020-05-20"},
	    {"plan after a refusal", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .final = "2020-05-25"}, NULL,
	     "final_plan_date", "final_plan_date is recorded, but the council refused to assess"},
	    {"plan decision after a refusal", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .plan = "issue", .plan_date = "2020-03-01"}, NULL,
	     "plan_decision", "plan_decision is recorded, but the council refused to assess"},
	    {"advice received before it was requested", {R_2020_01_06, ASSESSED, .health_req = "2020-02-11", .health_rec = "2020-02-01"}, NULL,
	     "health_advice_received", "health_advice_received 2020-02-01 is before health_advice_requested 2020-02-11"},
	    {"advice received, never requested", {R_2020_01_06, ASSESSED, .ep_rec = "2020-03-01"}, NULL,
	     "ep_advice_received", "ep_advice_received is recorded without ep_advice_requested"},
	    {"advice exception, never requested", {R_2020_01_06, .sc_exc = "absent_from_area"}, NULL,
	     "social_care_advice_exception", "social_care_advice_exception is recorded without social_care_advice_requested"},
	    {"in the future", {R_2020_01_06, ASSESSED, .final = "2020-05-25"}, "2020-03-01",
	     "final_plan_date", "final_plan_date 2020-05-25 is after today, 2020-03-01"},
	    {"request in the future", {R_2020_01_06}, "2020-01-05",
	     "request_date", "request_date 2020-01-06 is after today, 2020-01-05"},
	    {"decision without its date", {R_2020_01_06, .decision = "assess"}, NULL,
	     "assessment_decision_date", "assessment_decision_date is required with assessment_decision"},
	    {"decision date without the decision", {R_2020_01_06, .decision_date = "2020-02-01"}, NULL,
	     "assessment_decision", "assessment_decision is required with assessment_decision_date"},
	    {"plan decision without its date", {R_2020_01_06, ASSESSED, .plan = "issue"}, NULL,
	     "plan_decision_date", "plan_decision_date is required with plan_decision"},
	    {"closed without a reason", {R_2020_01_06, .closed = "2020-02-01"}, NULL,
	     "closed_reason", "closed_reason is required with closed_date"},
	    {"closed with a plan", {R_2020_01_06, ASSESSED, .final = "2020-05-01", .closed = "2020-05-02", .closed_reason = "other"}, NULL,
	     "final_plan_date", "final_plan_date is recorded, but the request was closed without a plan"},
	    {"closed after a refusal", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .closed = "2020-02-12", .closed_reason = "withdrawn"}, NULL,
	     "closed_date", "closed_date is recorded, but the request already ended with a refusal to assess"},
	    {"a draft after deciding not to issue", {R_2020_01_06, ASSESSED, .plan = "not_issue", .plan_date = "2020-04-20", .draft = "2020-04-25"}, NULL,
	     "draft_plan_date", "draft_plan_date is recorded, but the council decided not to issue a plan"},
	    {"draft before the decision to assess", {R_2020_01_06, ASSESSED, .draft = "2020-02-01"}, NULL,
	     "draft_plan_date", "draft_plan_date 2020-02-01 is before assessment_decision_date 2020-02-10"},
	    {"final before the decision to issue", {R_2020_01_06, ASSESSED, .plan = "issue", .plan_date = "2020-05-01", .final = "2020-04-30"}, NULL,
	     "final_plan_date", "final_plan_date 2020-04-30 is before plan_decision_date 2020-05-01"},
	    {"an advice-giver's exception on the case", {R_2020_01_06, .exception = "missed_appointment"}, NULL,
	     "exception", "exception: missed_appointment is not an exception to the council's limits"},
	    {"the council's exception on advice", {R_2020_01_06, .health_req = "2020-02-11", .health_exc = "setting_closure"}, NULL,
	     "health_advice_exception", "health_advice_exception: setting_closure is not an exception to the advice limit"},
	    {"every problem is named", {R_2020_01_06, .decision = "refuse", .decision_date = "2020-02-10", .draft = "2019-12-01",
	                                .final = "2020-05-25", .closed = "2020-03-01"}, NULL,
	     "draft_plan_date,closed_reason,draft_plan_date,final_plan_date,final_plan_date,closed_date",
	     "draft_plan_date 2019-12-01 is before request_date 2020-01-06"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ehcp_case_dates c = spec_build(&cases[i].s);
		ehcp_problem p[16];
		size_t n = ehcp_clock_check(p, 16, &c, cases[i].today ? spec_date(cases[i].today) : EHCP_DATE_NONE);
		char fields[512] = "";
		for (size_t k = 0; k < n && k < 16; k++) {
			if (k)
				strcat(fields, ",");
			strcat(fields, p[k].field);
		}
		int before = harness_failures;
		CHECK_STR(fields, cases[i].fields);
		CHECK_STR(n ? p[0].message : "", cases[i].first);
		if (harness_failures != before)
			fprintf(stderr, "  in consistency case \"%s\"\n", cases[i].name);
	}
	/* A missing request date, and more problems than room: all counted. */
	ehcp_case_dates c = EHCP_CASE_DATES_INIT;
	ehcp_problem p[1];
	c.decision = EHCP_ASSESS_ASSESS;
	c.closed_reason = EHCP_CLOSED_OTHER;
	CHECK_INT(ehcp_clock_check(p, 1, &c, EHCP_DATE_NONE), 3);
	CHECK_STR(p[0].field, "request_date");
	CHECK_STR(p[0].message, "request_date is required");
}

int main(void)
{
	test_deadlines();
	test_within();
	test_status();
	test_exceptions();
	test_codes();
	test_consistency();
	test_comment_period();
	return harness_finish("test_clock");
}
